//! A whole project analysed in one pass: every document's mentions, word
//! count and framing, computed from the project's documents, dictionary,
//! scheme and codes. This is the derived state the desktop app shows; it is
//! never saved (the project is the one source of truth) and is rebuilt in the
//! background whenever the inputs change.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::actors::{
    DictionaryError, DocumentMentions, Grouping, Matcher, Mention, MentionCount, tabulate_mentions,
};
use crate::corpus::Scope;
use crate::framing::{DocumentFraming, FrameDetector, SchemeError, frame_document_with_mentions};
use crate::project::Project;

/// What the analysis found in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentAnalysis {
    /// Every mention in the full text, by position (the reader shows those
    /// outside the body too, dimmed).
    pub mentions: Vec<Mention>,
    /// Mentions inside the analysis scope, and the scope's word count.
    pub scoped: DocumentMentions,
    /// Passages (automatic and coded) and summaries per focal actor.
    pub framing: DocumentFraming,
}

/// The analysis of every document of a project, in project order.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectAnalysis {
    /// The scope counts and passages were computed over.
    pub scope: Scope,
    /// One entry per project document (excluded ones too, so indices match).
    pub documents: Vec<DocumentAnalysis>,
    /// Focal actors of the scheme as (dictionary index, name).
    pub focal_actors: Vec<(usize, String)>,
}

/// Why a project cannot be analysed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// Some dictionary patterns do not compile.
    #[error("the actor dictionary has {} bad pattern(s): {}", .0.len(), first_error(.0))]
    Dictionary(Vec<DictionaryError>),
    /// The frame scheme cannot be used with this dictionary.
    #[error("the frame scheme cannot be used: {0}")]
    Scheme(#[from] SchemeError),
    /// The caller asked to stop.
    #[error("the analysis was cancelled")]
    Cancelled,
}

fn first_error(errors: &[DictionaryError]) -> String {
    errors.first().map(ToString::to_string).unwrap_or_default()
}

/// Analyses every document of `project` over its settings' scope.
///
/// `cancel` is polled between documents; `progress(done, total)` is called
/// after each one so a caller can show a progress bar.
pub fn analyse_project(
    project: &Project,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ProjectAnalysis, AnalysisError> {
    let matcher = Matcher::new(&project.dictionary).map_err(AnalysisError::Dictionary)?;
    let detector = FrameDetector::new(&project.scheme, &project.dictionary)?;
    let scope = project.settings.scope;
    let total = project.documents.len();
    let mut documents = Vec::with_capacity(total);
    for (done, doc) in project.documents.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Err(AnalysisError::Cancelled);
        }
        let mentions = matcher.find(&doc.text);
        let scoped = DocumentMentions::from_mentions(doc, &mentions, scope);
        let framing =
            frame_document_with_mentions(doc, &project.codes, &mentions, &detector, scope);
        documents.push(DocumentAnalysis {
            mentions,
            scoped,
            framing,
        });
        progress(done + 1, total);
    }
    Ok(ProjectAnalysis {
        scope,
        documents,
        focal_actors: detector.focal_actors().to_vec(),
    })
}

impl ProjectAnalysis {
    /// The count table of the included documents, exactly as
    /// `framescope count` computes it (both go through [`tabulate_mentions`]).
    pub fn counts(&self, project: &Project, grouping: Grouping) -> Vec<MentionCount> {
        tabulate_mentions(
            project
                .documents
                .iter()
                .zip(&self.documents)
                .filter(|(doc, _)| doc.included)
                .map(|(doc, analysis)| (doc, doc.display_name(), &analysis.scoped)),
            &project.dictionary,
            grouping,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::count_mentions;
    use crate::project::parse_project;

    fn demo() -> Project {
        parse_project(crate::DEMO_PROJECT, "demo.ron").expect("the embedded demo project parses")
    }

    #[test]
    fn counts_agree_with_the_command_line_counter() {
        let project = demo();
        let analysis = analyse_project(&project, &AtomicBool::new(false), &mut |_, _| {}).unwrap();
        let matcher = Matcher::new(&project.dictionary).unwrap();
        let docs: Vec<_> = project.included_documents().collect();
        let labels: Vec<String> = docs.iter().map(|d| d.display_name().to_string()).collect();
        for grouping in [Grouping::Document, Grouping::Source] {
            let direct = count_mentions(
                &docs,
                &labels,
                &project.dictionary,
                &matcher,
                project.settings.scope,
                grouping,
            );
            assert_eq!(analysis.counts(&project, grouping), direct);
        }
    }

    #[test]
    fn excluded_documents_are_left_out_of_counts() {
        let mut project = demo();
        let analysis = analyse_project(&project, &AtomicBool::new(false), &mut |_, _| {}).unwrap();
        let before = analysis.counts(&project, Grouping::Document).len();
        project.documents[0].included = false;
        let after = analysis.counts(&project, Grouping::Document).len();
        assert_eq!(before - after, project.dictionary.actors.len());
    }

    #[test]
    fn cancelling_stops_the_analysis() {
        let project = demo();
        let cancel = AtomicBool::new(true);
        let result = analyse_project(&project, &cancel, &mut |_, _| {});
        assert_eq!(result, Err(AnalysisError::Cancelled));
    }

    #[test]
    fn a_bad_pattern_is_reported_not_panicked_on() {
        let mut project = demo();
        project.dictionary.actors[0]
            .patterns
            .push(crate::actors::PatternSpec::new("*"));
        let result = analyse_project(&project, &AtomicBool::new(false), &mut |_, _| {});
        assert!(matches!(result, Err(AnalysisError::Dictionary(e)) if e.len() == 1));
    }

    #[test]
    fn progress_reaches_the_total() {
        let project = demo();
        let mut last = (0, 0);
        analyse_project(&project, &AtomicBool::new(false), &mut |d, t| last = (d, t)).unwrap();
        assert_eq!(last, (project.documents.len(), project.documents.len()));
    }
}
