//! What the unit tests across the crate share: the embedded demo project,
//! parsed and analysed.

use std::sync::atomic::AtomicBool;

use crate::analysis::{ProjectAnalysis, analyse_project};
use crate::corpus::{Document, Metadata};
use crate::framing::{CodedPassage, FramePassage, Origin, Reference};
use crate::project::{Project, parse_project};

/// The embedded demo project (`projects/demo.ron`).
pub fn demo_project() -> Project {
    parse_project(crate::DEMO_PROJECT, "demo.ron").expect("the embedded demo project parses")
}

/// `project` analysed in full, as the app analyses it.
pub fn analysed(project: &Project) -> ProjectAnalysis {
    analyse_project(project, &AtomicBool::new(false), &|_, _| {}).expect("the project analyses")
}

/// A document of `text` and `meta`, all of it body, included.
pub fn document(text: &str, meta: Metadata) -> Document {
    Document {
        id: Document::id_for_text(text),
        meta,
        text: text.into(),
        body: std::iter::once(0..text.len()).collect(),
        included: true,
        duplicate_of: None,
        memo: String::new(),
    }
}

/// An automatic passage on Russia labelled `frame`, spanning `text`, found
/// by `rule` (no cues or evidence: add them with struct update).
pub fn russia_passage(text: &str, frame: &str, rule: &str) -> CodedPassage {
    CodedPassage {
        passage: FramePassage {
            sentence_index: 0,
            range: 0..text.len(),
            actor: "Russia".into(),
            frame: frame.into(),
            score: 1.0,
            cues: Vec::new(),
            reference: Reference::Name,
            rule: rule.into(),
            evidence: Vec::new(),
        },
        origin: Origin::Auto,
        status: None,
        memo: String::new(),
    }
}

/// The demo project and its analysis.
pub fn demo() -> (Project, ProjectAnalysis) {
    let project = demo_project();
    let analysis = analysed(&project);
    (project, analysis)
}
