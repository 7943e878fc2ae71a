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

/// Passages each way an article needs to be mixed: careful readers call an
/// article with one or two passages each way by the frame it leads with.
const MIXED_MIN_PASSAGES: usize = 3;

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
            [top, second, ..] if weight[*second] >= MIXED_RATIO * weight[*top] => {
                let passages_of = |f: usize| {
                    passages
                        .iter()
                        .filter(|p| p.actor == actor && p.frame == scheme.frames[f].name)
                        .count()
                };
                if passages_of(*top).min(passages_of(*second)) >= MIXED_MIN_PASSAGES {
                    MIXED.to_string()
                } else {
                    // Close, but not substantial both ways: the frame the
                    // article leads with.
                    passages
                        .iter()
                        .filter(|p| p.actor == actor)
                        .find(|p| {
                            p.frame == scheme.frames[*top].name
                                || p.frame == scheme.frames[*second].name
                        })
                        .map_or_else(|| scheme.frames[*top].name.clone(), |p| p.frame.clone())
                }
            }
            [top, ..] => scheme.frames[*top].name.clone(),
        }
    };
    ArticleSummary {
        actor: actor.to_string(),
        counts,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framing::Reference;

    fn passage(i: usize, frame: &str) -> FramePassage {
        FramePassage {
            sentence_index: i,
            range: i..i + 1,
            actor: "Russia".into(),
            frame: frame.into(),
            score: 1.0,
            cues: vec![],
            reference: Reference::Name,
            rule: "cue".into(),
            evidence: vec![],
        }
    }

    fn summary_of(frames: &[&str]) -> String {
        let scheme = FrameScheme::default_scheme();
        let passages: Vec<FramePassage> = frames
            .iter()
            .enumerate()
            .map(|(i, f)| passage(i, f))
            .collect();
        let refs: Vec<&FramePassage> = passages.iter().collect();
        summarise(&scheme, "Russia", &refs, true).summary
    }

    #[test]
    fn an_article_leaning_both_ways_a_little_takes_the_frame_it_leads_with() {
        assert_eq!(
            summary_of(&["neutral", "persisting", "declining"]),
            "persisting"
        );
        assert_eq!(
            summary_of(&["declining", "persisting", "persisting", "declining"]),
            "declining"
        );
    }

    #[test]
    fn substantial_framing_both_ways_is_mixed() {
        let frames = [
            "declining",
            "persisting",
            "declining",
            "persisting",
            "declining",
            "persisting",
        ];
        assert_eq!(summary_of(&frames), MIXED);
        assert_eq!(
            summary_of(&["declining", "declining", "persisting"]),
            "declining"
        );
        assert_eq!(summary_of(&["neutral"]), "neutral");
    }
}
