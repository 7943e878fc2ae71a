//! Per article and focal actor: how the article frames the actor overall.

use serde::Serialize;

use super::detect::FramePassage;
use super::scheme::FrameScheme;

/// The overall frame of one article for one actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub actor: String,
    /// Passages per label, in [`FrameScheme::labels`] order (frames, then neutral).
    pub counts: Vec<usize>,
    /// `absent`, the neutral frame, an evaluative frame, or `mixed`.
    pub summary: String,
}

/// The label of an article that never names the actor in scope.
pub const ABSENT: &str = "absent";
/// The label of an article with substantial framing in more than one direction.
pub const MIXED: &str = "mixed";

/// Share of the leading frame's weight that the runner-up must reach for the
/// article to count as mixed: two strong passages against three is mixed, one
/// against two is not.
const MIXED_RATIO: f64 = 0.6;

/// Summarises the (non-rejected) passages of one article for `actor`;
/// `mentioned` says whether the article names the actor at all.
pub fn summarise(
    scheme: &FrameScheme,
    actor: &str,
    passages: &[&FramePassage],
    mentioned: bool,
) -> ArticleSummary {
    let labels = scheme.labels();
    let mut counts = vec![0; labels.len()];
    let mut weight = vec![0.0f64; scheme.frames.len()];
    for p in passages.iter().filter(|p| p.actor == actor) {
        if let Some(i) = labels.iter().position(|l| *l == p.frame) {
            counts[i] += 1;
        }
        if let Some(f) = scheme.frame_index(&p.frame) {
            // Explicit passages weigh more than ones with a cue on each side;
            // a manual label (score 1) weighs fully.
            weight[f] += 0.5 + 0.5 * p.score;
        }
    }
    let summary = if !mentioned && passages.iter().all(|p| p.actor != actor) {
        ABSENT.to_string()
    } else {
        let mut order: Vec<usize> = (0..weight.len()).collect();
        order.sort_by(|&a, &b| weight[b].total_cmp(&weight[a]).then(a.cmp(&b)));
        match order.as_slice() {
            [] => scheme.neutral_frame.clone(),
            [top, ..] if weight[*top] == 0.0 => scheme.neutral_frame.clone(),
            [top, second, ..] if weight[*second] >= MIXED_RATIO * weight[*top] => MIXED.to_string(),
            [top, ..] => scheme.frames[*top].name.clone(),
        }
    };
    ArticleSummary {
        actor: actor.to_string(),
        counts,
        summary,
    }
}
