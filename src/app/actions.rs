//! Applying commands: every change the UI asks for goes through
//! [`FramescopeApp::apply`] (edits, coding, saving, exporting, captures).

use super::*;

impl FramescopeApp {
    pub(super) fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.doc.replace(project, path);
        self.analysis.restart();
        self.views.project_replaced();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    pub(super) fn edit(&mut self, edit: Edit, key: Option<String>) {
        // Typing in the dictionary or scheme editors: wait for a pause.
        let delay = match edit {
            Edit::Dictionary(_) | Edit::Scheme(_) => EDIT_DEBOUNCE,
            _ => Duration::ZERO,
        };
        if let Some(change) = self.doc.edit(edit, key) {
            self.analysis.request(delay, change);
        }
    }

    /// After an undo or redo: `stepped` is what [`OpenDocument::undo`] or
    /// [`OpenDocument::redo`] returned.
    pub(super) fn after_history_step(&mut self, stepped: Option<Option<Change>>) {
        match stepped {
            Some(Some(change)) => self.analysis.request(Duration::ZERO, change),
            Some(None) => {}
            None => self.notifications.info("Nothing to undo or redo."),
        }
    }

    /// Writes a recovery copy when changes have been unsaved for a while.
    pub(super) fn tick_autosave(&mut self, ctx: &egui::Context) {
        let (event, next) = self.saving.autosave.tick(
            ctx,
            &self.doc.project,
            self.doc.path.as_deref(),
            self.doc.dirty,
            self.doc.edits,
        );
        match event {
            Some(autosave::Event::Failed(message)) => self.notifications.warning(message),
            Some(autosave::Event::Written(path)) => {
                self.saving.last_autosave = Some((Instant::now(), path));
            }
            None => {}
        }
        if let Some(next) = next {
            ctx.request_repaint_after(next);
        }
    }

    /// Runs `command` now unless unsaved changes would be lost: then asks first.
    pub(super) fn guard_unsaved(&mut self, command: Command) -> bool {
        if self.doc.dirty {
            self.dialogs.confirm_discard(command);
            false
        } else {
            true
        }
    }

    /// Applies one command. Commands that would discard unsaved work ask
    /// first; file questions go to a native dialog or the in-app path field.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewProject => {
                if self.dialogs.take_confirmed(&Command::NewProject)
                    || self.guard_unsaved(Command::NewProject)
                {
                    // The changes were given up on purpose: no recovery copy.
                    self.saving.autosave.discard();
                    self.replace_project(Project::new(UNTITLED), None);
                }
            }
            Command::OpenProject(None) => {
                if let Some(path) = self.ask_path(PathPurpose::Open) {
                    self.apply(ctx, Command::OpenProject(Some(path)));
                }
            }
            Command::OpenProject(Some(path)) => {
                let command = Command::OpenProject(Some(path.clone()));
                if self.dialogs.take_confirmed(&command) || self.guard_unsaved(command) {
                    self.saving.autosave.discard();
                    let opening = if is_qdpx(&path) {
                        Opening::Qdpx { path, report: None }
                    } else {
                        Opening::Project(path)
                    };
                    self.start_open(ctx, opening);
                }
            }
            Command::RestoreRecovery { copy, project } => {
                self.start_open(ctx, Opening::Recovery { copy, project });
            }
            Command::DiscardRecovery(copy) => {
                if let Err(e) = discard_recovery(&copy) {
                    self.notifications.error(format!(
                        "Cannot delete the recovery copy {}: {e}",
                        copy.display()
                    ));
                }
            }
            Command::SaveProject => match self.doc.path.clone() {
                Some(path) => self.save_to(ctx, path),
                None => self.apply(ctx, Command::SaveProjectAs(None)),
            },
            Command::SaveProjectAs(None) => {
                if let Some(path) = self.ask_path(PathPurpose::SaveAs) {
                    self.apply(ctx, Command::SaveProjectAs(Some(path)));
                }
            }
            Command::SaveProjectAs(Some(path)) => {
                self.save_to(ctx, with_extension(path, "ron"));
            }
            Command::ImportFiles(None) => {
                if let Some(paths) = self.ask_paths() {
                    self.open_import_dialog(paths);
                }
            }
            Command::ImportFiles(Some(paths)) => self.open_import_dialog(paths),
            Command::ImportFolder(None) => {
                if let Some(path) = self.ask_path(PathPurpose::ImportFolder) {
                    self.open_import_dialog(vec![path]);
                }
            }
            Command::ImportFolder(Some(path)) => self.open_import_dialog(vec![path]),
            Command::ImportDictionary(None) => {
                if let Some(path) = self.ask_path(PathPurpose::ImportDictionary) {
                    self.start_dictionary_import(ctx, path);
                }
            }
            Command::ImportDictionary(Some(path)) => self.start_dictionary_import(ctx, path),
            Command::ExportDictionary(None) => {
                if let Some(path) = self.ask_path(PathPurpose::ExportDictionary) {
                    self.export_dictionary(&path);
                }
            }
            Command::ExportDictionary(Some(path)) => self.export_dictionary(&path),
            Command::ImportCodebook(None) => {
                if let Some(path) = self.ask_path(PathPurpose::ImportCodebook) {
                    self.start_codebook_import(ctx, path);
                }
            }
            Command::ImportCodebook(Some(path)) => self.start_codebook_import(ctx, path),
            Command::Import {
                paths,
                source_pattern,
            } => self.start_import(ctx, paths, &source_pattern),
            Command::Edit { edit, key } => self.edit(edit, key),
            Command::Code { passage, action } => self.code(passage, action),
            Command::Undo => {
                let stepped = self.doc.undo();
                self.after_history_step(stepped);
            }
            Command::Redo => {
                let stepped = self.doc.redo();
                self.after_history_step(stepped);
            }
            Command::ShowView(view) => self.views.current = view,
            Command::OpenReader { document, range } => self.views.open_reader(document, range),
            Command::Export { kind, format, path } => {
                let path = match path {
                    Some(path) => Some(path),
                    None => self.ask_path(PathPurpose::Export { kind, format }),
                };
                if let Some(path) = path {
                    self.export(kind, format, &with_extension(path, kind.extension(format)));
                }
            }
            Command::Capture(request) => {
                if self.capture.is_some() || self.restore.is_some() {
                    return;
                }
                let purpose = PathPurpose::Capture {
                    view_only: request.area == CaptureArea::View,
                    double: request.scale > 1.5,
                };
                let path = match request.path.clone() {
                    Some(path) => Some(path),
                    None => self.ask_path(purpose),
                };
                if let Some(path) = path {
                    let path = with_extension(path, "png");
                    self.capture = Some(capture::Capture::start(ctx, request, path));
                }
            }
            Command::LearnWeights => self.start_learning(ctx),
            Command::CancelJob => {
                self.analysis.cancel();
                if let Some(job) = &self.jobs.import {
                    job.progress.cancel();
                }
            }
            Command::Quit => {
                if self.dialogs.take_confirmed(&Command::Quit) || self.guard_unsaved(Command::Quit)
                {
                    self.saving.autosave.discard();
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Saves to `path` on a background thread (a snapshot: the documents are
    /// shared, not copied), so a large project never freezes the window.
    /// On failure the project stays in memory, still unsaved.
    pub(super) fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.saving.job.is_some() {
            // Nothing waits on this save (it did not start), so nothing may go
            // on as if it had succeeded.
            self.dialogs.save_failed();
            self.notifications
                .info("A save is already running; try again when it is done.");
            return;
        }
        // A new project takes its name from the file it is first saved to.
        if self.doc.project.name == UNTITLED
            && let Some(stem) = path.file_stem()
        {
            self.doc.project.name = stem.to_string_lossy().into_owned();
        }
        let snapshot = self.doc.project.clone();
        let edits = self.doc.edits;
        let check = self.saving.check.clone();
        let label = format!("Saving {}", path.display());
        let spawned = Job::spawn("save", label, ctx, move |_| {
            let result = save_project_checked(&snapshot, &path, &mut |n| match &check {
                Some(check) => check(n),
                None => Ok(()),
            });
            (path, edits, result)
        });
        match spawned {
            Ok(job) => {
                self.saving.job = Some(job);
                self.saving.generation = self.doc.generation;
            }
            Err(e) => {
                self.dialogs.save_failed();
                self.notifications
                    .error(format!("Not saved: cannot start saving ({e})."));
            }
        }
    }

    /// Takes the outcome of a finished save.
    pub(super) fn finish_save(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        edits: u64,
        result: Result<(), ProjectError>,
    ) {
        match result {
            Ok(()) if self.saving.generation != self.doc.generation => {
                // Another project was opened meanwhile: the save is done, and
                // the open project is not the one saved.
                self.notifications.info(format!("Saved {}", path.display()));
            }
            Ok(()) => {
                // Changes made while the save ran are still unsaved.
                self.doc.dirty = self.doc.edits != edits;
                self.doc.path = Some(path.clone());
                if !self.doc.dirty {
                    self.saving.autosave.discard();
                }
                self.remember_recent(&path);
                self.notifications.info(format!("Saved {}", path.display()));
                if let Some(command) = self.dialogs.saved() {
                    self.inbox.push(command);
                }
                if self.saving.close_after {
                    self.saving.close_after = false;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(e) => {
                self.saving.close_after = false;
                self.dialogs.save_failed();
                self.notifications.error(format!(
                    "Not saved: {e}. Your changes are still open; try another folder with Save As."
                ));
            }
        }
    }

    pub(super) fn export(&mut self, kind: ExportKind, format: OutputFormat, path: &Path) {
        let fits = (self.analysis)
            .fitting(&self.doc.project, self.doc.revision)
            .is_some();
        let Some(analysis) = self.analysis.latest().filter(|_| fits).cloned() else {
            self.notifications
                .warning("The analysis is still running; export again in a moment.");
            return;
        };
        match write_export(&self.doc.project, &analysis, kind, format, path) {
            Ok(()) => self.notifications.info(format!(
                "Exported the {} to {} (provenance in {})",
                kind.name(),
                path.display(),
                provenance_path(path).display()
            )),
            Err(e) => self.notifications.error(format!("Not exported: {e}")),
        }
    }

    /// Records the analyst's decision on a passage as a manual code.
    pub(super) fn code(&mut self, passage: PassageRef, action: CodeAction) {
        let Some(doc) = self
            .doc
            .project
            .documents
            .iter()
            .find(|d| d.id == passage.document)
        else {
            return;
        };
        let mut codes = self.doc.project.codes.clone();
        if let Err(e) = decide(
            &mut codes,
            &doc.id,
            &doc.text,
            passage.range.clone(),
            &passage.actor,
            &passage.frame,
            action,
        ) {
            self.notifications.error(format!("Not recorded: {e}"));
            return;
        }
        self.edit(Edit::Codes(codes), None);
    }
}

/// `path` with `ext` added when it has no extension.
pub(super) fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_is_added_only_when_missing() {
        assert_eq!(with_extension("a".into(), "ron"), PathBuf::from("a.ron"));
        assert_eq!(
            with_extension("a.csv".into(), "ron"),
            PathBuf::from("a.csv")
        );
    }
}
