//! A cheap summary of the included documents, taken once per project
//! revision: how many there are, how much text they hold, and a fingerprint
//! that changes only when they or the scope do (so live pattern counts
//! survive edits of the dictionary and the scheme). The dictionary and
//! scheme views share it.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::app::views::format::plural;
use crate::corpus::Scope;
use crate::project::Project;

/// What pattern counts over the included documents are computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::app::views) struct CorpusSummary {
    /// Changes whenever the included documents, their bodies or the scope do.
    pub(in crate::app::views) fingerprint: u64,
    pub(in crate::app::views) included_documents: usize,
    /// Bytes of included text (the whole text is matched, then filtered by scope).
    pub(in crate::app::views) included_bytes: usize,
}

impl CorpusSummary {
    /// Summarises the project's included documents. Linear in the number of
    /// documents but not in their text.
    pub(in crate::app::views) fn of(project: &Project) -> Self {
        let mut hasher = DefaultHasher::new();
        matches!(project.settings.scope, Scope::Full).hash(&mut hasher);
        project.documents.len().hash(&mut hasher);
        let mut included_documents = 0;
        let mut included_bytes = 0;
        for doc in &project.documents {
            doc.included.hash(&mut hasher);
            if doc.included {
                included_documents += 1;
                included_bytes += doc.text.len();
                // The id is a hash of the text, so it stands for the text.
                doc.id.hash(&mut hasher);
                doc.text.len().hash(&mut hasher);
                doc.body.hash(&mut hasher);
            }
        }
        Self {
            fingerprint: hasher.finish(),
            included_documents,
            included_bytes,
        }
    }

    /// "12 included documents".
    pub(in crate::app::views) fn documents_text(&self) -> String {
        plural(
            self.included_documents,
            "included document",
            "included documents",
        )
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::views::test_support::demo_project as demo;

    #[test]
    fn the_fingerprint_follows_the_included_text_and_the_scope_only() {
        let project = demo();
        let summary = CorpusSummary::of(&project);
        // The same content read again: where its text lives does not count.
        assert_eq!(CorpusSummary::of(&demo()), summary);
        assert!(summary.included_documents > 0);
        assert_eq!(
            summary.included_bytes,
            project
                .included_documents()
                .map(|d| d.text.len())
                .sum::<usize>()
        );

        let mut edited = project.clone();
        edited.dictionary.actors.clear();
        edited.scheme.focal_actors.clear();
        assert_eq!(CorpusSummary::of(&edited).fingerprint, summary.fingerprint);

        let mut excluded = project.clone();
        Arc::make_mut(&mut excluded.documents[0]).included = false;
        let fewer = CorpusSummary::of(&excluded);
        assert_ne!(fewer.fingerprint, summary.fingerprint);
        assert_eq!(fewer.included_documents, summary.included_documents - 1);

        let mut body = project.clone();
        Arc::make_mut(&mut body.documents[0]).set_body(0..1);
        assert_ne!(CorpusSummary::of(&body).fingerprint, summary.fingerprint);

        let mut scope = project.clone();
        scope.settings.scope = match project.settings.scope {
            Scope::Body => Scope::Full,
            Scope::Full => Scope::Body,
        };
        assert_ne!(CorpusSummary::of(&scope).fingerprint, summary.fingerprint);
    }

    #[test]
    fn the_documents_are_counted_in_words() {
        let summary = CorpusSummary::of(&demo());
        let n = summary.included_documents;
        assert!(n > 1);
        assert_eq!(summary.documents_text(), format!("{n} included documents"));
    }
}
