//! Framing of whole documents: detection, manual codes and summaries together.

use super::codes::{CodeStatus, CodedPassage, ManualCode, apply_codes};
use super::detect::{FrameDetector, document_units};
use super::summary::{ArticleSummary, summarise};
use crate::actors::{Matcher, Mention};
use crate::corpus::{Document, Scope};
use crate::text::{CaseMode, FoldedText};

/// Everything the framing view shows for one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentFraming {
    /// Passages, automatic and manual, by position (rejected ones included,
    /// marked by their status).
    pub passages: Vec<CodedPassage>,
    /// One summary per focal actor, in scheme order.
    pub summaries: Vec<ArticleSummary>,
}

impl DocumentFraming {
    /// The article's summary for focal actor `actor`, if it has one.
    pub fn summary(&self, actor: &str) -> Option<&ArticleSummary> {
        self.summaries.iter().find(|s| s.actor == actor)
    }

    /// Passages that count: everything but rejected ones.
    pub fn counted(&self) -> impl Iterator<Item = &CodedPassage> {
        self.passages
            .iter()
            .filter(|p| p.status != Some(CodeStatus::Rejected))
    }
}

/// Detects, applies the document's manual codes (from `codes`, any document)
/// and summarises.
pub fn frame_document(
    doc: &Document,
    codes: &[ManualCode],
    matcher: &Matcher,
    detector: &FrameDetector,
    scope: Scope,
) -> DocumentFraming {
    // One folding of the text serves the dictionary and the scheme's lexicon.
    let folded = FoldedText::new(&doc.text, CaseMode::Fold);
    let mentions = matcher.find_folded(&doc.text, &folded);
    frame_with(doc, codes, &mentions, Some(&folded), detector, scope)
}

/// [`frame_document`] for a caller that has already matched the document's
/// full text (`mentions` are all of them, in and out of scope).
pub fn frame_document_with_mentions(
    doc: &Document,
    codes: &[ManualCode],
    mentions: &[Mention],
    detector: &FrameDetector,
    scope: Scope,
) -> DocumentFraming {
    frame_with(doc, codes, mentions, None, detector, scope)
}

fn frame_with(
    doc: &Document,
    codes: &[ManualCode],
    mentions: &[Mention],
    folded: Option<&FoldedText>,
    detector: &FrameDetector,
    scope: Scope,
) -> DocumentFraming {
    let units = document_units(doc, scope);
    let auto = detector.detect_in_units(doc, mentions, &units, folded);
    let own: Vec<&ManualCode> = codes.iter().filter(|c| c.document == doc.id).collect();
    let passages = apply_codes(&doc.text, &units, auto, &own);
    let counted: Vec<_> = passages
        .iter()
        .filter(|p| p.status != Some(CodeStatus::Rejected))
        .map(|p| &p.passage)
        .collect();
    let summaries = detector
        .focal_actors()
        .iter()
        .map(|(index, name)| {
            let mentioned = mentions
                .iter()
                .any(|m| m.actor == *index && doc.in_scope(&m.range, scope));
            summarise(detector.scheme(), name, &counted, mentioned)
        })
        .collect();
    DocumentFraming {
        passages,
        summaries,
    }
}
