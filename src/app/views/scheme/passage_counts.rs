//! Passages per label in the included documents, from the latest analysis
//! that fits the project: the counts beside each frame and in the status
//! line of the scheme view.

use std::collections::HashMap;

use egui::{RichText, Ui};

use crate::analysis::ProjectAnalysis;
use crate::app::views::ViewCtx;
use crate::app::views::format::plural;
use crate::project::Project;

/// Passages per label, counted once per analysis and project revision.
#[derive(Default)]
pub(super) struct PassageCounts {
    /// The analysis ([`ProjectAnalysis::generation`]) and project revision
    /// the counts are for.
    key: Option<(u64, u64)>,
    by_label: HashMap<String, usize>,
    /// The labels the analysis labelled passages with
    /// ([`ProjectAnalysis::labels`]).
    labels: Vec<String>,
}

impl PassageCounts {
    /// Counts the passages of the view's analysis (one that fits the
    /// project) unless they are counted already for it and the project's
    /// revision; without one there are no counts.
    pub(super) fn update(&mut self, ctx: &ViewCtx<'_>) {
        let key = ctx.analysis.map(|a| (a.generation, ctx.revision));
        if self.key == key {
            return;
        }
        self.key = key;
        self.by_label.clear();
        if let Some(analysis) = ctx.analysis {
            self.count(ctx.project, analysis);
        }
    }

    /// Counts the passages per label of `analysis` in the included documents
    /// of `project`, which it fits.
    fn count(&mut self, project: &Project, analysis: &ProjectAnalysis) {
        self.labels.clone_from(&analysis.labels);
        for (doc, analysed) in project.documents.iter().zip(&analysis.documents) {
            if !doc.included {
                continue;
            }
            for passage in analysed.framing.counted() {
                *self
                    .by_label
                    .entry(passage.passage.frame.clone())
                    .or_default() += 1;
            }
        }
    }

    /// Passages labelled `label`, and whether the analysis labelled with it
    /// (not when the frame was added or renamed since); `None` while there
    /// is no analysis that fits the project.
    fn get(&self, label: &str) -> Option<(usize, bool)> {
        self.key?;
        let count = self.by_label.get(label).copied().unwrap_or(0);
        Some((count, self.labels.iter().any(|l| l == label)))
    }

    /// Passages labelled with any label.
    pub(super) fn total(&self) -> Option<usize> {
        self.key?;
        Some(self.by_label.values().sum())
    }

    /// "12 passages" beside a frame called `label`, weak while the analysis
    /// has not labelled with it.
    pub(super) fn label_ui(&self, ui: &mut Ui, label: &str) {
        let text = match self.get(label) {
            Some((n, current)) => {
                let text = RichText::new(plural(n, "passage", "passages"));
                if current { text } else { text.weak() }
            }
            None => RichText::new("… passages").weak(),
        };
        ui.label(text).on_hover_text(
            "Passages the latest analysis labels with this frame in the included documents \
             (rejected ones left out)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::test_support::demo;
    use crate::app::views::test_support::with_view_ctx;

    #[test]
    fn passages_are_counted_per_label_over_the_included_documents() {
        let (mut project, analysis) = demo();
        let mut counts = PassageCounts::default();
        assert_eq!(counts.get("declining"), None);
        with_view_ctx(&project, Some(&analysis), 1, |ctx| counts.update(ctx));
        let (declining, current) = counts.get("declining").expect("there is an analysis");
        assert!(declining > 0 && current);
        let total = counts.total().expect("there is an analysis");
        assert!(total >= declining);
        // A label the analysis did not use: nothing, and not current.
        assert_eq!(counts.get("waning"), Some((0, false)));

        // Leaving every document out: the same revision keeps the counts,
        // the next one counts again.
        for doc in &mut project.documents {
            std::sync::Arc::make_mut(doc).included = false;
        }
        with_view_ctx(&project, Some(&analysis), 1, |ctx| counts.update(ctx));
        assert_eq!(counts.total(), Some(total));
        with_view_ctx(&project, Some(&analysis), 2, |ctx| counts.update(ctx));
        assert_eq!(counts.total(), Some(0));
        with_view_ctx(&project, None, 3, |ctx| counts.update(ctx));
        assert_eq!(counts.total(), None);
    }
}
