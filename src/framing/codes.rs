//! Manual coding: the analyst's decisions on passages. They are stored in the
//! project and always win over automatic labels, surviving re-detection and
//! scheme edits.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::detect::{FramePassage, Reference, Unit};

/// What the analyst did with a passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeStatus {
    /// The automatic label is right.
    Accepted,
    /// This is not a passage about the actor's influence: drop it.
    Rejected,
    /// The passage has another frame.
    Relabelled,
    /// A passage the detector missed, added by hand.
    Added,
}

/// One manual decision, anchored to a span of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualCode {
    /// Document id.
    pub document: String,
    /// Byte range of the coded text.
    pub span: Range<usize>,
    /// BLAKE3 hash (16 hex digits) of the coded text, to find it again if the
    /// document's text changes.
    pub quote_hash: String,
    pub actor: String,
    /// The frame for accepted, relabelled and added passages.
    pub frame: String,
    pub status: CodeStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// When the decision was made (RFC 3339, UTC).
    pub time: String,
}

/// Hash of a quoted span, as stored in [`ManualCode::quote_hash`].
pub fn quote_hash(quote: &str) -> String {
    blake3::hash(quote.as_bytes()).to_hex()[..16].to_string()
}

/// The current time as RFC 3339 (UTC, seconds).
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

impl ManualCode {
    /// A new code for `span` of `text`.
    pub fn new(
        document: &str,
        text: &str,
        span: Range<usize>,
        actor: &str,
        frame: &str,
        status: CodeStatus,
    ) -> Self {
        Self {
            document: document.to_string(),
            quote_hash: quote_hash(&text[span.clone()]),
            span,
            actor: actor.to_string(),
            frame: frame.to_string(),
            status,
            memo: String::new(),
            time: now(),
        }
    }

    /// Where the code's text is now: its stored span if the text there still
    /// hashes the same, else the unit with the same hash, else `None` (orphaned).
    pub fn anchor(&self, text: &str, units: &[Unit]) -> Option<Range<usize>> {
        let same = |r: &Range<usize>| {
            r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
                && quote_hash(&text[r.clone()]) == self.quote_hash
        };
        if same(&self.span) {
            return Some(self.span.clone());
        }
        units.iter().map(|u| u.range.clone()).find(same)
    }
}

/// Records `code` in `codes`, replacing an earlier decision on the same
/// document, span and actor (the latest decision is the one that holds).
pub fn upsert_code(codes: &mut Vec<ManualCode>, code: ManualCode) {
    codes
        .retain(|c| !(c.document == code.document && c.span == code.span && c.actor == code.actor));
    codes.push(code);
}

/// What the analyst decides about a passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The label shown is right.
    Accept,
    /// Not a passage about the actor's influence.
    Reject,
    /// The passage has this other frame.
    Relabel(String),
    /// A passage the detector missed, with the frame given.
    Add,
    /// A note on the passage (accepting an automatic passage that had no
    /// decision yet: a memo is a decision to keep it).
    Memo(String),
    /// Forget the manual decision: the automatic label holds again.
    Reset,
}

/// Why a decision cannot be recorded.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum DecisionError {
    #[error("the span {start}..{end} is not a span of the document's text ({len} bytes)")]
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
}

/// Records `decision` on the passage `span` of document `document_id`
/// (whose text is `text`) about `actor`, currently labelled `frame`. The
/// latest decision on a passage replaces earlier ones, keeping their memo.
/// The command line and the app both record decisions here.
pub fn decide(
    codes: &mut Vec<ManualCode>,
    document_id: &str,
    text: &str,
    span: Range<usize>,
    actor: &str,
    frame: &str,
    decision: Decision,
) -> Result<(), DecisionError> {
    if span.start > span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return Err(DecisionError::BadSpan {
            start: span.start,
            end: span.end,
            len: text.len(),
        });
    }
    let same = |c: &ManualCode| c.document == document_id && c.span == span && c.actor == actor;
    let existing = codes.iter().find(|c| same(c)).cloned();
    let new_code = |frame: &str, status| {
        let mut code = ManualCode::new(document_id, text, span.clone(), actor, frame, status);
        code.memo = existing
            .as_ref()
            .map(|c| c.memo.clone())
            .unwrap_or_default();
        code
    };
    let code = match decision {
        Decision::Accept => new_code(frame, CodeStatus::Accepted),
        Decision::Reject => new_code(frame, CodeStatus::Rejected),
        Decision::Relabel(to) => new_code(to.trim(), CodeStatus::Relabelled),
        Decision::Add => new_code(frame, CodeStatus::Added),
        Decision::Memo(memo) => {
            let mut code = existing
                .clone()
                .unwrap_or_else(|| new_code(frame, CodeStatus::Accepted));
            code.memo = memo;
            code.time = now();
            code
        }
        Decision::Reset => {
            codes.retain(|c| !same(c));
            return Ok(());
        }
    };
    upsert_code(codes, code);
    Ok(())
}

/// Where a passage's label came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Auto,
    Manual,
}

/// A passage after manual codes are applied.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodedPassage {
    #[serde(flatten)]
    pub passage: FramePassage,
    pub origin: Origin,
    /// The manual decision, if any (rejected passages are kept so views can
    /// show them struck out; exports leave them out).
    pub status: Option<CodeStatus>,
    pub memo: String,
}

/// Applies the codes of one document to its automatic passages. A code matches
/// a passage with the same actor whose unit contains the code's span; unmatched
/// accepted, relabelled and added codes become passages of their own.
pub fn apply_codes(
    text: &str,
    units: &[Unit],
    auto: Vec<FramePassage>,
    codes: &[&ManualCode],
) -> Vec<CodedPassage> {
    let mut out: Vec<CodedPassage> = auto
        .into_iter()
        .map(|passage| CodedPassage {
            passage,
            origin: Origin::Auto,
            status: None,
            memo: String::new(),
        })
        .collect();
    for code in codes {
        let Some(span) = code.anchor(text, units) else {
            continue;
        };
        let existing = out.iter_mut().find(|p| {
            p.passage.actor == code.actor
                && p.passage.range.start <= span.start
                && span.end <= p.passage.range.end
        });
        match existing {
            Some(p) if code.status != CodeStatus::Added || p.passage.range == span => {
                p.origin = Origin::Manual;
                p.status = Some(code.status);
                p.memo = code.memo.clone();
                if code.status != CodeStatus::Rejected {
                    p.passage.frame = code.frame.clone();
                    p.passage.score = 1.0;
                }
            }
            _ if code.status == CodeStatus::Rejected => {}
            _ => {
                let index = units
                    .iter()
                    .find(|u| {
                        u.range.start <= span.start
                            && span.start < u.range.end.max(u.range.start + 1)
                    })
                    .map_or(usize::MAX, |u| u.index);
                out.push(CodedPassage {
                    passage: FramePassage {
                        sentence_index: index,
                        range: span,
                        actor: code.actor.clone(),
                        frame: code.frame.clone(),
                        score: 1.0,
                        cues: vec![],
                        reference: Reference::Name,
                        rule: "manual".into(),
                        evidence: vec![],
                    },
                    origin: Origin::Manual,
                    status: Some(code.status),
                    memo: code.memo.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.passage.range.start, &a.passage.actor).cmp(&(b.passage.range.start, &b.passage.actor))
    });
    out
}

#[cfg(test)]
mod decision_tests {
    use super::*;

    const TEXT: &str = "Moscow’s grip is weakening. Tehran waits.";

    fn span() -> Range<usize> {
        0..TEXT.find('.').unwrap() + 1
    }

    /// Decides on the first sentence's passage on `actor`, shown as `frame`.
    fn decide_on(codes: &mut Vec<ManualCode>, actor: &str, frame: &str, decision: Decision) {
        decide(codes, "d", TEXT, span(), actor, frame, decision).unwrap();
    }

    #[test]
    fn the_latest_decision_replaces_earlier_ones_and_keeps_the_memo() {
        let mut codes = Vec::new();
        decide_on(
            &mut codes,
            "Russia",
            "declining",
            Decision::Memo("check".into()),
        );
        decide_on(
            &mut codes,
            "Russia",
            "declining",
            Decision::Relabel("persisting".into()),
        );
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].status, CodeStatus::Relabelled);
        assert_eq!(codes[0].frame, "persisting");
        assert_eq!(codes[0].memo, "check");
    }

    #[test]
    fn reset_forgets_only_that_passage() {
        let mut codes = Vec::new();
        decide_on(&mut codes, "Russia", "declining", Decision::Accept);
        decide_on(&mut codes, "Iran", "neutral", Decision::Reject);
        decide_on(&mut codes, "Russia", "declining", Decision::Reset);
        assert_eq!(codes.len(), 1);
        assert_eq!(codes[0].actor, "Iran");
    }

    #[test]
    fn a_span_inside_a_letter_is_refused() {
        let mut codes = Vec::new();
        let inside_quote = TEXT.find('’').unwrap() + 1;
        let result = decide(
            &mut codes,
            "d",
            TEXT,
            0..inside_quote,
            "Russia",
            "x",
            Decision::Accept,
        );
        assert!(matches!(result, Err(DecisionError::BadSpan { .. })));
        assert!(codes.is_empty());
    }
}
