//! What a project holds.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::actors::{ActorDictionary, Grouping, Measure};
use crate::corpus::{Document, Scope};
use crate::framing::{FrameScheme, ManualCode, ProjectNote, UserCode, UserSelection};

/// The project format version this build writes. Version history:
/// 1 — documents, dictionary, settings.
/// 2 — adds the frame scheme and manual codes (v1 files get the default
///     scheme and no codes; see `file::migrate`).
pub const FORMAT_VERSION: u32 = 2;

/// A Framescope project: the corpus, the dictionary and the analyst's settings.
/// Derived results (mentions, counts) are never stored; they are recomputed.
/// Fields are saved in this order; the documents come last so that a reader
/// knows everything else before the first one (see `ProjectStream`). Files
/// with the fields in any order load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Version of the file format (see [`FORMAT_VERSION`]).
    pub format_version: u32,
    /// Display name of the project.
    pub name: String,
    /// How the project is analysed and shown.
    #[serde(default)]
    pub settings: Settings,
    /// Actors counted in this project.
    pub dictionary: ActorDictionary,
    /// Focal actors, frames and cues of the framing analysis.
    pub scheme: FrameScheme,
    /// The analyst's decisions on passages; they always win over detection.
    pub codes: Vec<ManualCode>,
    /// Codes imported from a REFI-QDA codebook that are not frames (another
    /// tool's code tree), kept so exports write them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_codes: Vec<UserCode>,
    /// Spans coded with [`Project::user_codes`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub user_selections: Vec<UserSelection>,
    /// Notes of an imported REFI-QDA project attached to nothing else
    /// (journal entries, project memos), kept so exports write them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ProjectNote>,
    /// The articles, in corpus order. Shared, so that a snapshot of the
    /// project (for a background analysis, save or autosave) copies no text;
    /// editing one goes through `Arc::make_mut`, which copies that document
    /// only while a snapshot still holds it.
    pub documents: Vec<Arc<Document>>,
}

/// Analysis and view settings saved with a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Settings {
    /// Count over the body (default) or the full text.
    pub scope: Scope,
    /// Actors shown in plots, by name; empty means all.
    pub shown_actors: Vec<String>,
    /// Characters of context on each side of a concordance keyword.
    pub kwic_context: usize,
    /// Bars of the frequency chart grouped by source or by document.
    pub frequency_grouping: Grouping,
    /// The number the frequency chart and table show.
    pub frequency_measure: Measure,
    /// Documents shown as columns of the framing view, by id and in column
    /// order; `None` means the first included documents in corpus order.
    pub framing_documents: Option<Vec<String>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            scope: Scope::Body,
            shown_actors: Vec::new(),
            kwic_context: 60,
            frequency_grouping: Grouping::Source,
            frequency_measure: Measure::Raw,
            framing_documents: None,
        }
    }
}

impl Project {
    /// An empty project with the default dictionary.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            documents: Vec::new(),
            dictionary: ActorDictionary::default_dictionary(),
            scheme: FrameScheme::default_scheme(),
            codes: Vec::new(),
            user_codes: Vec::new(),
            user_selections: Vec::new(),
            notes: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// The document at `index` for editing. It is copied first if a snapshot
    /// (a running analysis, a save) still shares it.
    pub fn document_mut(&mut self, index: usize) -> Option<&mut Document> {
        self.documents.get_mut(index).map(Arc::make_mut)
    }

    /// Documents that take part in the analysis.
    pub fn included_documents(&self) -> impl Iterator<Item = &Document> {
        self.documents
            .iter()
            .map(Arc::as_ref)
            .filter(|d| d.included)
    }
}
