//! Every change to a project is an [`Edit`], and edits go through one door
//! ([`Edit::apply`]) that returns the inverse edit, so undo and redo
//! ([`History`]), the unsaved-changes marker, re-analysis ([`Edit::change`])
//! and tests all see every change.

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use std::collections::BTreeSet;

use super::{Project, Settings};
use crate::actors::ActorDictionary;
use crate::analysis::Change;
use crate::corpus::{Document, Metadata};
use crate::framing::{FrameScheme, ManualCode, UserCode};

/// A change to the project. Each variant sets a value and [`Edit::apply`]
/// returns the edit that sets the old value back.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Name(String),
    Metadata {
        document: usize,
        meta: Metadata,
    },
    /// Sets the source of several documents at once: `(document, source)`
    /// pairs; the inverse sets each document's old source back.
    Sources(Vec<(usize, String)>),
    Included {
        document: usize,
        included: bool,
    },
    Body {
        document: usize,
        body: Vec<Range<usize>>,
    },
    Memo {
        document: usize,
        memo: String,
    },
    AppendDocuments(Vec<Arc<Document>>),
    RemoveLastDocuments(usize),
    Codes(Vec<ManualCode>),
    Dictionary(ActorDictionary),
    /// Boxed: a scheme with its grammar is much larger than the other edits.
    Scheme(Box<FrameScheme>),
    /// A codebook taken in (`.qdc`): the scheme with its frames and focal
    /// actors, and the user codes, set together.
    Codebook {
        scheme: Box<FrameScheme>,
        user_codes: Vec<UserCode>,
    },
    Settings(Settings),
}

impl Edit {
    /// A scheme edit: the whole new scheme.
    pub fn scheme(scheme: FrameScheme) -> Self {
        Edit::Scheme(Box::new(scheme))
    }

    /// Applies the edit and returns its inverse. An edit that names a
    /// document that no longer exists does nothing (and its inverse is a
    /// no-op too).
    pub fn apply(self, project: &mut Project) -> Edit {
        match self {
            Edit::Name(name) => Edit::Name(std::mem::replace(&mut project.name, name)),
            Edit::Metadata { document, meta } => match project.document_mut(document) {
                Some(doc) => Edit::Metadata {
                    document,
                    meta: std::mem::replace(&mut doc.meta, meta),
                },
                None => Edit::RemoveLastDocuments(0),
            },
            Edit::Sources(changes) => Edit::Sources(
                changes
                    .into_iter()
                    .filter_map(|(document, source)| {
                        let doc = project.document_mut(document)?;
                        Some((document, std::mem::replace(&mut doc.meta.source, source)))
                    })
                    .collect(),
            ),
            Edit::Included { document, included } => match project.document_mut(document) {
                Some(doc) => Edit::Included {
                    document,
                    included: std::mem::replace(&mut doc.included, included),
                },
                None => Edit::RemoveLastDocuments(0),
            },
            Edit::Body { document, body } => match project.document_mut(document) {
                Some(doc) => Edit::Body {
                    document,
                    body: std::mem::replace(&mut doc.body, body),
                },
                None => Edit::RemoveLastDocuments(0),
            },
            Edit::Memo { document, memo } => match project.document_mut(document) {
                Some(doc) => Edit::Memo {
                    document,
                    memo: std::mem::replace(&mut doc.memo, memo),
                },
                None => Edit::RemoveLastDocuments(0),
            },
            Edit::AppendDocuments(docs) => {
                let n = docs.len();
                project.documents.extend(docs);
                Edit::RemoveLastDocuments(n)
            }
            Edit::RemoveLastDocuments(n) => {
                let keep = project.documents.len().saturating_sub(n);
                Edit::AppendDocuments(project.documents.split_off(keep))
            }
            Edit::Codes(codes) => Edit::Codes(std::mem::replace(&mut project.codes, codes)),
            Edit::Dictionary(dict) => {
                Edit::Dictionary(std::mem::replace(&mut project.dictionary, dict))
            }
            Edit::Scheme(scheme) => {
                Edit::Scheme(Box::new(std::mem::replace(&mut project.scheme, *scheme)))
            }
            Edit::Settings(settings) => {
                Edit::Settings(std::mem::replace(&mut project.settings, settings))
            }
            Edit::Codebook { scheme, user_codes } => Edit::Codebook {
                scheme: Box::new(std::mem::replace(&mut project.scheme, *scheme)),
                user_codes: std::mem::replace(&mut project.user_codes, user_codes),
            },
        }
    }

    /// What this edit, applied to `before`, changes in the derived analysis
    /// (mentions, passages): `None` when nothing needs redoing. The one rule
    /// for edits, undo and redo alike, so an edit and its undo always ask for
    /// the same work, and no more than that:
    /// - names, metadata, sources, inclusion, memos and view settings other
    ///   than the counting scope only change how results are grouped and
    ///   shown;
    /// - manual codes recode only the documents whose codes differ;
    /// - the frame scheme relabels passages from the mentions already found;
    /// - documents, body ranges, the dictionary and the scope redo everything;
    /// - an edit that sets what is already there changes nothing.
    pub fn change(&self, before: &Project) -> Option<Change> {
        match self {
            Edit::Name(_)
            | Edit::Metadata { .. }
            | Edit::Sources(_)
            | Edit::Included { .. }
            | Edit::Memo { .. } => None,
            Edit::Body { document, body } => before
                .documents
                .get(*document)
                .is_some_and(|d| d.body != *body)
                .then_some(Change::Everything),
            Edit::AppendDocuments(docs) => (!docs.is_empty()).then_some(Change::Everything),
            Edit::RemoveLastDocuments(n) => {
                (*n > 0 && !before.documents.is_empty()).then_some(Change::Everything)
            }
            Edit::Codes(new) => {
                let documents: BTreeSet<String> = new
                    .iter()
                    .filter(|c| !before.codes.contains(c))
                    .chain(before.codes.iter().filter(|c| !new.contains(c)))
                    .map(|c| c.document.clone())
                    .collect();
                (!documents.is_empty()).then_some(Change::Codes(documents))
            }
            Edit::Dictionary(dictionary) => {
                (*dictionary != before.dictionary).then_some(Change::Everything)
            }
            // User codes are not analysed: only the scheme matters.
            Edit::Scheme(scheme) | Edit::Codebook { scheme, .. } => {
                (**scheme != before.scheme).then_some(Change::Scheme)
            }
            Edit::Settings(settings) => {
                (settings.scope != before.settings.scope).then_some(Change::Everything)
            }
        }
    }

    /// What the Undo menu item says.
    pub fn describe(&self) -> &'static str {
        match self {
            Edit::Name(_) => "rename project",
            Edit::Metadata { .. } => "metadata edit",
            Edit::Sources(_) => "set source",
            Edit::Included { .. } => "include/exclude",
            Edit::Body { .. } => "body range",
            Edit::Memo { .. } => "document memo",
            Edit::AppendDocuments(_) | Edit::RemoveLastDocuments(_) => "import",
            Edit::Codes(_) => "coding",
            Edit::Dictionary(_) => "dictionary edit",
            Edit::Scheme(_) => "scheme edit",
            Edit::Codebook { .. } => "codebook import",
            Edit::Settings(_) => "view settings",
        }
    }
}

/// Edits made in a burst under the same key (typing in one field) undo as one.
const COALESCE_WINDOW: Duration = Duration::from_millis(1500);

struct Entry {
    inverse: Edit,
    key: Option<String>,
    at: Instant,
}

/// Undo and redo stacks of inverse edits.
#[derive(Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
}

impl History {
    /// Records the inverse of an edit just applied. With a `key`, an edit
    /// following another with the same key within a moment is merged into it,
    /// so undo restores the value from before the whole burst.
    pub fn record(&mut self, inverse: Edit, key: Option<String>) {
        self.redo.clear();
        let now = Instant::now();
        if let (Some(key), Some(last)) = (&key, self.undo.last_mut())
            && last.key.as_ref() == Some(key)
            && now.duration_since(last.at) < COALESCE_WINDOW
        {
            last.at = now;
            return;
        }
        self.undo.push(Entry {
            inverse,
            key,
            at: now,
        });
    }

    /// Undoes the latest edit. `None`: nothing to undo; else what the step
    /// changes in the analysis ([`Edit::change`]).
    pub fn undo(&mut self, project: &mut Project) -> Option<Option<Change>> {
        let entry = self.undo.pop()?;
        let change = entry.inverse.change(project);
        let redo = entry.inverse.apply(project);
        self.redo.push(Entry {
            inverse: redo,
            key: None,
            at: Instant::now(),
        });
        Some(change)
    }

    /// Redoes the latest undone edit; returns as [`History::undo`] does.
    pub fn redo(&mut self, project: &mut Project) -> Option<Option<Change>> {
        let entry = self.redo.pop()?;
        let change = entry.inverse.change(project);
        let undo = entry.inverse.apply(project);
        self.undo.push(Entry {
            inverse: undo,
            key: None,
            at: Instant::now(),
        });
        Some(change)
    }

    pub fn can_undo(&self) -> Option<&'static str> {
        self.undo.last().map(|e| e.inverse.describe())
    }

    pub fn can_redo(&self) -> Option<&'static str> {
        self.redo.last().map(|e| e.inverse.describe())
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        crate::test_fixtures::demo_project()
    }

    #[test]
    fn every_edit_undoes_to_the_original_project() {
        let original = project();
        let mut meta = original.documents[1].meta.clone();
        meta.title = "Renamed".into();
        let mut dict = original.dictionary.clone();
        dict.actors.pop();
        let mut settings = original.settings.clone();
        settings.kwic_context = 5;
        let edits = vec![
            Edit::Name("Other".into()),
            Edit::Metadata { document: 1, meta },
            Edit::Sources(vec![(0, "Elsewhere".into()), (2, "Other".into())]),
            Edit::Included {
                document: 0,
                included: false,
            },
            Edit::Body {
                document: 2,
                body: std::iter::once(0..10).collect(),
            },
            Edit::Memo {
                document: 0,
                memo: "look again".into(),
            },
            Edit::AppendDocuments(vec![original.documents[0].clone()]),
            Edit::RemoveLastDocuments(2),
            Edit::Codes(vec![crate::framing::ManualCode::new(
                &original.documents[0].id,
                &original.documents[0].text,
                0..5,
                "Russia",
                "neutral",
                crate::framing::CodeStatus::Accepted,
            )]),
            Edit::Dictionary(dict),
            Edit::scheme(FrameScheme {
                negation_window: 9,
                ..original.scheme.clone()
            }),
            Edit::Settings(settings),
        ];
        for edit in edits {
            let mut p = original.clone();
            let label = format!("{edit:?}").chars().take(40).collect::<String>();
            let inverse = edit.apply(&mut p);
            assert!(p != original, "{label} changed nothing");
            inverse.apply(&mut p);
            assert!(p == original, "{label} did not undo");
        }
    }

    #[test]
    fn an_edit_its_undo_and_its_redo_ask_for_the_same_minimal_work() {
        let original = project();
        let doc = &original.documents[0];
        let mut codes = original.codes.clone();
        codes.push(crate::framing::ManualCode::new(
            &doc.id,
            &doc.text,
            0..5,
            "Russia",
            "neutral",
            crate::framing::CodeStatus::Accepted,
        ));
        let mut dictionary = original.dictionary.clone();
        dictionary.actors.pop();
        let with = |f: &dyn Fn(&mut Settings)| {
            let mut settings = original.settings.clone();
            f(&mut settings);
            Edit::Settings(settings)
        };
        let mut meta = original.documents[1].meta.clone();
        meta.title = "Renamed".into();
        let body: Vec<_> = std::iter::once(0..10).collect();
        assert_ne!(original.documents[2].body, body);
        let cases = vec![
            (Edit::Name("Other".into()), None),
            (Edit::Metadata { document: 1, meta }, None),
            (Edit::Sources(vec![(0, "Elsewhere".into())]), None),
            (
                Edit::Included {
                    document: 0,
                    included: false,
                },
                None,
            ),
            (
                Edit::Memo {
                    document: 0,
                    memo: "look again".into(),
                },
                None,
            ),
            // View settings regroup and redraw; only the scope recounts.
            (with(&|s| s.kwic_context = 5), None),
            (
                with(&|s| {
                    s.frequency_grouping = match s.frequency_grouping {
                        crate::actors::Grouping::Source => crate::actors::Grouping::Document,
                        crate::actors::Grouping::Document => crate::actors::Grouping::Source,
                    }
                }),
                None,
            ),
            (with(&|s| s.shown_actors = vec!["Russia".into()]), None),
            (
                with(&|s| {
                    s.scope = match s.scope {
                        crate::corpus::Scope::Body => crate::corpus::Scope::Full,
                        crate::corpus::Scope::Full => crate::corpus::Scope::Body,
                    }
                }),
                Some(Change::Everything),
            ),
            // One more code: only its document is recoded.
            (
                Edit::Codes(codes),
                Some(Change::Codes(std::iter::once(doc.id.clone()).collect())),
            ),
            (
                Edit::scheme(FrameScheme {
                    negation_window: 9,
                    ..original.scheme.clone()
                }),
                Some(Change::Scheme),
            ),
            (Edit::Dictionary(dictionary), Some(Change::Everything)),
            (Edit::Body { document: 2, body }, Some(Change::Everything)),
            (
                Edit::AppendDocuments(vec![doc.clone()]),
                Some(Change::Everything),
            ),
            (Edit::RemoveLastDocuments(1), Some(Change::Everything)),
            // Setting what is already there changes nothing.
            (Edit::Dictionary(original.dictionary.clone()), None),
            (Edit::scheme(original.scheme.clone()), None),
            (Edit::Codes(original.codes.clone()), None),
            (Edit::RemoveLastDocuments(0), None),
        ];
        for (edit, expected) in cases {
            let label = format!("{edit:?}").chars().take(60).collect::<String>();
            let mut p = original.clone();
            let mut history = History::default();
            assert_eq!(edit.change(&p), expected, "{label}");
            let inverse = edit.apply(&mut p);
            assert_eq!(inverse.change(&p), expected, "undo of {label}");
            history.record(inverse, None);
            assert_eq!(history.undo(&mut p), Some(expected.clone()), "{label}");
            assert!(p == original, "{label} did not undo");
            assert_eq!(history.redo(&mut p), Some(expected), "redo of {label}");
        }
        assert_eq!(History::default().undo(&mut original.clone()), None);
    }

    #[test]
    fn undo_then_redo_restores_the_edit() {
        let mut p = project();
        let mut history = History::default();
        let inverse = Edit::Name("Changed".into()).apply(&mut p);
        history.record(inverse, None);
        history.undo(&mut p);
        assert_ne!(p.name, "Changed");
        history.redo(&mut p);
        assert_eq!(p.name, "Changed");
        assert!(history.can_redo().is_none());
    }

    #[test]
    fn a_burst_of_keyed_edits_undoes_in_one_step() {
        let mut p = project();
        let before = p.name.clone();
        let mut history = History::default();
        for name in ["D", "De", "Dem"] {
            let inverse = Edit::Name(name.into()).apply(&mut p);
            history.record(inverse, Some("name".into()));
        }
        history.undo(&mut p);
        assert_eq!(p.name, before);
        assert!(history.can_undo().is_none());
    }

    #[test]
    fn setting_several_sources_undoes_each_to_its_own_old_source() {
        let mut p = project();
        p.document_mut(0)
            .expect("the demo has documents")
            .meta
            .source = "First".into();
        p.document_mut(1)
            .expect("the demo has documents")
            .meta
            .source = "Second".into();
        let original = p.clone();
        let mut history = History::default();
        let inverse = Edit::Sources(vec![(0, "Same".into()), (1, "Same".into())]).apply(&mut p);
        assert_eq!(
            inverse,
            Edit::Sources(vec![(0, "First".into()), (1, "Second".into())])
        );
        history.record(inverse, None);
        assert_eq!(p.documents[1].meta.source, "Same");
        assert_eq!(history.can_undo(), Some("set source"));
        history.undo(&mut p);
        assert_eq!(p, original);
    }

    #[test]
    fn an_edit_of_a_missing_document_does_nothing() {
        let mut p = project();
        let original = p.clone();
        let inverse = Edit::Included {
            document: 999,
            included: false,
        }
        .apply(&mut p);
        assert_eq!(p, original);
        inverse.apply(&mut p);
        assert_eq!(p, original);
    }
}
