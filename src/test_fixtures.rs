//! What the unit tests across the crate share: the embedded demo project,
//! parsed and analysed.

use std::sync::atomic::AtomicBool;

use crate::analysis::{ProjectAnalysis, analyse_project};
use crate::project::{Project, parse_project};

/// The embedded demo project (`projects/demo.ron`).
pub fn demo_project() -> Project {
    parse_project(crate::DEMO_PROJECT, "demo.ron").expect("the embedded demo project parses")
}

/// `project` analysed in full, as the app analyses it.
pub fn analysed(project: &Project) -> ProjectAnalysis {
    analyse_project(project, &AtomicBool::new(false), &|_, _| {}).expect("the project analyses")
}

/// The demo project and its analysis.
pub fn demo() -> (Project, ProjectAnalysis) {
    let project = demo_project();
    let analysis = analysed(&project);
    (project, analysis)
}
