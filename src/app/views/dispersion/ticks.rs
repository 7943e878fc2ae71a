//! Where a document's mentions go on its track: a tick at each mention's
//! share of the text, in its actor's lane, marked counted or not; the body
//! as spans of the track; and which tick the pointer picks.

use std::ops::Range;

use crate::actors::Mention;
use crate::corpus::{Document, Scope};

/// How far (in points) from a tick the pointer may be and still pick it.
pub(super) const HIT_DISTANCE: f32 = 4.0;

/// One mention placed on a document's track.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Tick {
    /// Position along the text: 0 at the start, 1 at the end.
    pub x: f32,
    /// Which shown actor (index into the shown list); also its lane.
    pub lane: usize,
    /// Index into the document's mentions.
    pub mention: usize,
    /// Whether the mention lies in the analysed scope (and so is counted).
    pub counted: bool,
}

/// Where byte `offset` lies along a text of `len` bytes, from 0 to 1.
pub(super) fn position(offset: usize, len: usize) -> f32 {
    if len == 0 {
        0.0
    } else {
        (offset.min(len) as f64 / len as f64) as f32
    }
}

/// The ticks of one document: each mention of an actor in `lanes` (the
/// dictionary indices of the shown actors, in lane order).
pub(super) fn row_ticks(
    doc: &Document,
    mentions: &[Mention],
    lanes: &[usize],
    scope: Scope,
) -> Vec<Tick> {
    let len = doc.text.len();
    mentions
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let lane = lanes.iter().position(|&a| a == m.actor)?;
            Some(Tick {
                x: position(m.range.start, len),
                lane,
                mention: i,
                counted: doc.in_scope(&m.range, scope),
            })
        })
        .collect()
}

/// The body ranges as (start, end) fractions of the track.
pub(super) fn body_spans(body: &[Range<usize>], len: usize) -> Vec<(f32, f32)> {
    body.iter()
        .filter(|r| r.start < r.end)
        .map(|r| (position(r.start, len), position(r.end, len)))
        .collect()
}

/// The tick nearest to `x` (a fraction of the track) within `tolerance`;
/// with a `lane`, only ticks in that lane.
pub(super) fn nearest_tick(
    ticks: &[Tick],
    x: f32,
    lane: Option<usize>,
    tolerance: f32,
) -> Option<usize> {
    ticks
        .iter()
        .enumerate()
        .filter(|(_, t)| lane.is_none_or(|l| t.lane == l))
        .map(|(i, t)| (i, (t.x - x).abs()))
        .filter(|(_, d)| *d <= tolerance)
        // On a tie the earlier tick wins, so the pick does not flicker.
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;

    fn doc(text: &str, body: Range<usize>) -> Document {
        Document {
            id: Document::id_for_text(text),
            meta: Metadata::default(),
            text: text.into(),
            body: vec![body],
            included: true,
            duplicate_of: None,
            memo: String::new(),
        }
    }

    fn mention(range: Range<usize>, actor: usize) -> Mention {
        Mention { range, actor }
    }

    #[test]
    fn ticks_sit_at_the_mentions_share_of_the_text() {
        let d = doc("0123456789", 0..10);
        let ticks = row_ticks(&d, &[mention(5..6, 3)], &[3], Scope::Body);
        assert_eq!(ticks.len(), 1);
        assert!((ticks[0].x - 0.5).abs() < 1e-6);
        assert_eq!(ticks[0].lane, 0);
    }

    #[test]
    fn only_shown_actors_get_ticks_in_their_own_lane() {
        let d = doc("Russia and Iran and Armenia", 0..27);
        let mentions = [mention(0..6, 0), mention(11..15, 1), mention(20..27, 2)];
        let ticks = row_ticks(&d, &mentions, &[2, 0], Scope::Body);
        let lanes: Vec<_> = ticks.iter().map(|t| (t.mention, t.lane)).collect();
        assert_eq!(lanes, vec![(0, 1), (2, 0)]);
    }

    #[test]
    fn mentions_outside_the_body_are_not_counted_unless_the_full_text_is() {
        let d = doc("Menu Russia. Body about Russia.", 13..31);
        let mentions = [mention(5..11, 0), mention(24..30, 0)];
        let body: Vec<_> = row_ticks(&d, &mentions, &[0], Scope::Body)
            .iter()
            .map(|t| t.counted)
            .collect();
        assert_eq!(body, vec![false, true]);
        let full = row_ticks(&d, &mentions, &[0], Scope::Full);
        assert!(full.iter().all(|t| t.counted));
    }

    #[test]
    fn an_empty_text_puts_nothing_out_of_range() {
        assert_eq!(position(0, 0), 0.0);
        assert_eq!(position(12, 10), 1.0);
        assert!(body_spans(std::slice::from_ref(&(0..0)), 0).is_empty());
    }

    #[test]
    fn body_ranges_become_spans_of_the_track() {
        let body = vec![10..20, 25..75];
        assert_eq!(body_spans(&body, 100), vec![(0.1, 0.2), (0.25, 0.75)]);
    }

    #[test]
    fn the_nearest_tick_within_reach_is_picked() {
        let tick = |x, lane| Tick {
            x,
            lane,
            mention: 0,
            counted: true,
        };
        let ticks = [tick(0.1, 0), tick(0.5, 1), tick(0.52, 0)];
        assert_eq!(nearest_tick(&ticks, 0.51, None, 0.05), Some(1));
        assert_eq!(nearest_tick(&ticks, 0.51, Some(0), 0.05), Some(2));
        assert_eq!(nearest_tick(&ticks, 0.3, None, 0.05), None);
        assert_eq!(nearest_tick(&[], 0.3, None, 0.05), None);
    }
}
