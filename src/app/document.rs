//! The open document: the project, where it is saved, whether it has unsaved
//! changes, and its undo history. Every change goes through
//! [`OpenDocument::edit`], [`OpenDocument::undo`] or [`OpenDocument::redo`],
//! which say what the analysis must redo.

use std::path::PathBuf;

use crate::analysis::Change;
use crate::project::{Edit, History, Project};

/// The project being worked on.
pub struct OpenDocument {
    pub project: Project,
    /// Where it is saved; `None` until it is.
    pub path: Option<PathBuf>,
    /// Whether it has changes not yet saved.
    pub dirty: bool,
    pub history: History,
    /// Counts changes to the project's content (a save records the count it
    /// wrote, so changes made while it ran stay unsaved).
    pub edits: u64,
    /// Counts projects opened or created; a save that finishes after its
    /// project was replaced must not touch the new one.
    pub generation: u64,
    /// Counts every change to the project, and every new analysis of it, so
    /// views can cache what they derive from them.
    pub revision: u64,
}

impl OpenDocument {
    pub fn new(project: Project) -> Self {
        Self {
            project,
            path: None,
            dirty: false,
            history: History::default(),
            edits: 0,
            generation: 0,
            revision: 0,
        }
    }

    /// Puts `project` (saved at `path`) in place of the open one: nothing to
    /// undo, nothing unsaved.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = project;
        self.path = path;
        self.dirty = false;
        self.history.clear();
        self.generation += 1;
        self.revision += 1;
    }

    /// Applies `edit` and records its inverse (`key` merges a burst of edits
    /// into one undo step); gives what the analysis must redo.
    pub fn edit(&mut self, edit: Edit, key: Option<String>) -> Option<Change> {
        let change = edit.change(&self.project);
        let inverse = edit.apply(&mut self.project);
        self.history.record(inverse, key);
        self.changed();
        change
    }

    /// Undoes the latest edit. `None`: nothing to undo; else what the
    /// analysis must redo ([`Edit::change`]).
    pub fn undo(&mut self) -> Option<Option<Change>> {
        let stepped = self.history.undo(&mut self.project)?;
        self.changed();
        Some(stepped)
    }

    /// Redoes the latest undone edit, as [`OpenDocument::undo`].
    pub fn redo(&mut self) -> Option<Option<Change>> {
        let stepped = self.history.redo(&mut self.project)?;
        self.changed();
        Some(stepped)
    }

    /// The project's content changed (an edit, or a recovered copy): it is
    /// unsaved now.
    pub fn changed(&mut self) {
        self.edits += 1;
        self.dirty = true;
        self.revision += 1;
    }
}
