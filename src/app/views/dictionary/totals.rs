//! Each actor's mentions in the included documents, summed from the latest
//! analysis that fitted the project: shown in the actor list, in its summary
//! line and over the editor. While the dictionary or the documents are ahead
//! of the analysis, the last totals stay, marked as not current.

use std::collections::HashMap;

use crate::actors::actor_name_key;
use crate::analysis::ProjectAnalysis;
use crate::app::views::ViewCtx;
use crate::app::views::format::plural;
use crate::corpus::Scope;
use crate::project::Project;

use super::{CorpusSummary, scope_text};

/// An actor's mentions in the included documents, as far as the analysis
/// knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Total {
    /// No analysis yet, or the actor is new since it ran.
    Unknown,
    /// `current` is false while the project is ahead of the analysis.
    Count { mentions: usize, current: bool },
}

/// Mentions per actor from the latest analysis, summed once per analysis and
/// project revision.
#[derive(Default)]
pub(super) struct ActorTotals {
    /// The analysis ([`ProjectAnalysis::generation`]) and project revision
    /// the totals were summed for.
    key: Option<(u64, u64)>,
    /// Mentions per actor, by the [`actor_name_key`] of its name when the
    /// analysis ran: mentions name actors by index, so after an edit (a move,
    /// a removal) totals are matched to the current actors by name.
    by_name: HashMap<String, usize>,
    /// Mentions of all actors.
    all: usize,
    /// Whether the analysis summed still fits the project.
    current: bool,
}

impl ActorTotals {
    /// Sums the mentions of the view's analysis (one that fits the project)
    /// unless they are summed already for it and the project's revision;
    /// without one, the last totals stay, no longer current.
    pub(super) fn update(&mut self, ctx: &ViewCtx<'_>) {
        self.current = ctx.analysis.is_some();
        if let Some(analysis) = ctx.analysis {
            let key = (analysis.generation, ctx.revision);
            if self.key != Some(key) {
                self.key = Some(key);
                self.sum(ctx.project, analysis);
            }
        }
    }

    /// Sums the mentions of `analysis` in the included documents of
    /// `project`, which it fits: its actor indices are the dictionary's and
    /// its documents the project's.
    fn sum(&mut self, project: &Project, analysis: &ProjectAnalysis) {
        let mut counts = vec![0usize; project.dictionary.actors.len()];
        for (doc, analysed) in project.documents.iter().zip(&analysis.documents) {
            if !doc.included {
                continue;
            }
            for mention in &analysed.scoped.mentions {
                if let Some(count) = counts.get_mut(mention.actor) {
                    *count += 1;
                }
            }
        }
        self.all = counts.iter().sum();
        self.by_name.clear();
        for (actor, count) in project.dictionary.actors.iter().zip(counts) {
            // The first of two same-named actors wins, as in `ActorDictionary::actor`.
            self.by_name
                .entry(actor_name_key(&actor.name))
                .or_insert(count);
        }
    }

    /// The total of the actor called `name`.
    pub(super) fn get(&self, name: &str) -> Total {
        if self.key.is_none() {
            return Total::Unknown;
        }
        match self.by_name.get(&actor_name_key(name)) {
            Some(&mentions) => Total::Count {
                mentions,
                current: self.current,
            },
            None => Total::Unknown,
        }
    }

    /// "1,234 mentions in 10 included documents (body text)".
    pub(super) fn summary(&self, corpus: &CorpusSummary, scope: Scope) -> String {
        let (docs, scope) = (corpus.documents_text(), scope_text(scope));
        if self.key.is_none() {
            format!("… mentions in {docs} ({scope})")
        } else {
            format!(
                "{} in {docs} ({scope})",
                plural(self.all, "mention", "mentions")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::test_support::demo;
    use crate::app::views::test_support::with_view_ctx;

    fn mentions(total: Total) -> Option<(usize, bool)> {
        match total {
            Total::Count { mentions, current } => Some((mentions, current)),
            Total::Unknown => None,
        }
    }

    #[test]
    fn totals_are_summed_over_the_included_documents() {
        let (mut project, analysis) = demo();
        let mut totals = ActorTotals::default();
        assert_eq!(totals.get("Russia"), Total::Unknown);
        with_view_ctx(&project, Some(&analysis), 1, |ctx| totals.update(ctx));
        let (russia, current) = mentions(totals.get("Russia")).expect("Russia is counted");
        assert!(russia > 0 && current);
        // Names are looked up as the dictionary looks them up.
        assert_eq!(totals.get(" RUSSIA "), totals.get("Russia"));
        assert_eq!(totals.get("Atlantis"), Total::Unknown);

        // Leaving out every document that mentions Russia: the same revision
        // keeps the sum, the next one sums again.
        for (doc, analysed) in project.documents.iter_mut().zip(&analysis.documents) {
            if !analysed.scoped.mentions.is_empty() {
                std::sync::Arc::make_mut(doc).included = false;
            }
        }
        with_view_ctx(&project, Some(&analysis), 1, |ctx| totals.update(ctx));
        assert_eq!(mentions(totals.get("Russia")), Some((russia, true)));
        with_view_ctx(&project, Some(&analysis), 2, |ctx| totals.update(ctx));
        assert_eq!(mentions(totals.get("Russia")), Some((0, true)));
    }

    #[test]
    fn without_an_analysis_that_fits_the_last_totals_stay_not_current() {
        let (project, analysis) = demo();
        let mut totals = ActorTotals::default();
        with_view_ctx(&project, Some(&analysis), 1, |ctx| totals.update(ctx));
        let (russia, _) = mentions(totals.get("Russia")).expect("Russia is counted");
        with_view_ctx(&project, None, 2, |ctx| totals.update(ctx));
        assert_eq!(mentions(totals.get("Russia")), Some((russia, false)));
        let corpus = CorpusSummary::of(&project);
        assert!(!totals.summary(&corpus, Scope::Body).starts_with('…'));
    }
}
