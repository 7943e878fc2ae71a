//! Everything a view asks the app to do is a [`Command`], applied in one
//! place ([`super::FramescopeApp::apply`]); changes to the project among them
//! are [`Edit`]s.

use std::ops::Range;
use std::path::PathBuf;

use crate::project::Edit;

use super::views::ViewKind;

/// A passage as the analyst saw it when deciding on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PassageRef {
    /// Document id.
    pub document: String,
    /// Byte range of the passage.
    pub range: Range<usize>,
    pub actor: String,
    /// The frame shown at the time.
    pub frame: String,
}

/// What the analyst decided about a passage (the core's decision type).
pub use crate::framing::Decision as CodeAction;

/// Everything the UI asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// An empty project (asks first when there are unsaved changes).
    NewProject,
    /// Open a project; `None` asks with a file dialog.
    OpenProject(Option<PathBuf>),
    /// Replace the actor dictionary with one read from a file (TSV, YAML,
    /// RON, LIWC `.dic`, WordStat `.cat`), as an undoable edit; `None` asks.
    ImportDictionary(Option<PathBuf>),
    /// Write the actor dictionary to a file, the format from its extension;
    /// `None` asks.
    ExportDictionary(Option<PathBuf>),
    /// Take a REFI-QDA codebook (`.qdc`) into the frame scheme and the user
    /// codes, as an undoable edit; `None` asks.
    ImportCodebook(Option<PathBuf>),
    SaveProject,
    /// Restore a recovery copy left by a crash, as the project at `project`
    /// (`None`: a project never saved).
    RestoreRecovery {
        copy: PathBuf,
        project: Option<PathBuf>,
    },
    /// Delete a recovery copy the user does not want back.
    DiscardRecovery(PathBuf),
    /// Save under a new name; `None` asks with a file dialog.
    SaveProjectAs(Option<PathBuf>),
    /// Import files or folders: `None` asks with a file dialog; the paths
    /// chosen open the import dialog (file-name pattern and preview).
    ImportFiles(Option<Vec<PathBuf>>),
    ImportFolder(Option<PathBuf>),
    /// Import `paths` now, on a background thread; `source_pattern` (if not
    /// empty) reads sources and dates from file names. Sent by the import
    /// dialog.
    Import {
        paths: Vec<PathBuf>,
        source_pattern: String,
    },
    /// Change the project; `key` merges a burst of edits into one undo step.
    Edit {
        edit: Edit,
        key: Option<String>,
    },
    Code {
        passage: PassageRef,
        action: CodeAction,
    },
    Undo,
    Redo,
    ShowView(ViewKind),
    /// Show a document in the reader, scrolled to a byte range.
    OpenReader {
        document: usize,
        range: Option<Range<usize>>,
    },
    /// Export counts, passages, codes or a REFI-QDA project; `None` asks
    /// with a file dialog.
    Export {
        kind: crate::report::ExportKind,
        format: crate::report::OutputFormat,
        path: Option<PathBuf>,
    },
    /// Save a screenshot of the window or the view in front.
    Capture(super::capture::CaptureRequest),
    /// Learn rule weights from the project's decisions (in the background).
    LearnWeights,
    /// Stop the running background job.
    CancelJob,
    /// Close the window (asks first when there are unsaved changes).
    Quit,
}

impl Command {
    /// An edit that is its own undo step.
    pub fn edit(edit: Edit) -> Self {
        Command::Edit { edit, key: None }
    }

    /// An edit merged with the following ones under the same key.
    pub fn edit_keyed(edit: Edit, key: impl Into<String>) -> Self {
        Command::Edit {
            edit,
            key: Some(key.into()),
        }
    }
}
