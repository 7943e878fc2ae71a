//! The app's background work: starting the jobs that open, import and
//! analyse projects or learn rule weights, and taking in what they finish.

use super::*;
use jobs::{Lost, take_finished};

impl FramescopeApp {
    pub(super) fn start_due_analysis(&mut self, ctx: &egui::Context) {
        if let Err(e) = self.analysis.start_due(ctx, &self.doc.project) {
            self.notifications
                .error(format!("Cannot start the analysis: {e}"));
        }
    }

    /// Learns rule weights from the project's decisions on a background
    /// thread; the scheme view shows the outcome and applies it as an edit.
    pub(super) fn start_learning(&mut self, ctx: &egui::Context) {
        if self.jobs.learn.is_some() {
            return;
        }
        let project = self.doc.project.clone();
        let fingerprint = project.scheme.fingerprint();
        let spawned = Job::spawn("learn", "Learning from your decisions", ctx, move |_| {
            let matcher = crate::actors::Matcher::new(&project.dictionary)
                .map_err(|e| format!("the dictionary has bad patterns: {}", e[0]))?;
            let detector = crate::framing::FrameDetector::new(&project.scheme, &project.dictionary)
                .map_err(|e| format!("the frame scheme cannot be used: {e}"))?;
            let set = crate::framing::ExampleSet::from_project(&project, &matcher, &detector);
            if set.is_empty() {
                return Err("No decisions to learn from yet: accept, reject or relabel passages in the framing view.".into());
            }
            Ok(crate::framing::learn(&detector, &set))
        });
        match spawned {
            Ok(job) => {
                self.learning = views::LearningState {
                    running: true,
                    result: self.learning.result.take(),
                };
                self.jobs.learn = Some(job);
                self.jobs.learning_scheme = fingerprint;
            }
            Err(e) => self
                .notifications
                .error(format!("Cannot start learning: {e}")),
        }
    }

    /// Reads a dictionary file on a background thread; [`Self::poll_jobs`]
    /// applies it as an undoable edit.
    pub(super) fn start_dictionary_import(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.jobs.dictionary.is_some() {
            return;
        }
        let spawned = Job::spawn("dictionary", "Reading the dictionary", ctx, move |_| {
            let read = crate::actors::read_dictionary_with_warnings(&path);
            (path, read)
        });
        match spawned {
            Ok(job) => self.jobs.dictionary = Some(job),
            Err(e) => self
                .notifications
                .error(format!("Cannot start reading the dictionary: {e}")),
        }
    }

    /// Reads a REFI-QDA codebook on a background thread; [`Self::poll_jobs`]
    /// takes it into the scheme and user codes as one undoable edit.
    pub(super) fn start_codebook_import(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.jobs.codebook.is_some() {
            return;
        }
        let spawned = Job::spawn("codebook", "Reading the codebook", ctx, move |_| {
            let read = crate::report::refi::read_qdc(&path).map_err(|e| e.to_string());
            (path, read)
        });
        match spawned {
            Ok(job) => self.jobs.codebook = Some(job),
            Err(e) => self
                .notifications
                .error(format!("Cannot start reading the codebook: {e}")),
        }
    }

    /// Takes in a codebook a job has read: its frame codes go into the
    /// scheme (the one in use now, not the one when the job started), the
    /// rest into the user codes, as one undoable edit.
    fn codebook_read(&mut self, path: &Path, read: CodebookRead) {
        let file = match read {
            Ok(file) => file,
            Err(e) => {
                return self
                    .notifications
                    .error(format!("The codebook was not imported: {e}"));
            }
        };
        let mut scratch = Project::new("");
        scratch.scheme = self.doc.project.scheme.clone();
        scratch.user_codes = self.doc.project.user_codes.clone();
        let result = crate::report::refi::apply_codebook(file, &mut scratch);
        let changes = &result.scheme;
        if changes.focal_actors.is_empty() && changes.frames.is_empty() && result.user_codes == 0 {
            return self.notifications.info(format!(
                "{} has no codes the project lacks; nothing changed.",
                path.display()
            ));
        }
        self.edit(
            Edit::Codebook {
                scheme: Box::new(scratch.scheme),
                user_codes: scratch.user_codes,
            },
            None,
        );
        let mut parts = Vec::new();
        if !changes.focal_actors.is_empty() {
            parts.push(format!("focal actors {}", changes.focal_actors.join(", ")));
        }
        if !changes.frames.is_empty() {
            parts.push(format!(
                "frames {} (no cues yet: add them in the Scheme view)",
                changes.frames.join(", ")
            ));
        }
        if result.user_codes > 0 {
            parts.push(format!(
                "{} other codes kept as user codes (exported again, not analysed)",
                result.user_codes
            ));
        }
        let message = format!(
            "Imported the codebook {} ({} codes): {} (Undo takes it back).",
            path.display(),
            result.codes,
            parts.join("; ")
        );
        match result.warnings.as_slice() {
            [] => self.notifications.info(message),
            warnings => self
                .notifications
                .warning(format!("{message} Not imported: {}.", warnings.join("; "))),
        }
    }

    /// Writes the dictionary to `path` in the format its extension names
    /// (the same text `framescope dict export` writes), saying what the
    /// format could not carry.
    pub(super) fn export_dictionary(&mut self, path: &Path) {
        use crate::actors::{DictionaryFormat, dictionary_text};
        let format = DictionaryFormat::from_path(path);
        let (text, warnings) = dictionary_text(&self.doc.project.dictionary, format);
        match crate::report::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                let actors = self.doc.project.dictionary.actors.len();
                let mut message = format!("Wrote {actors} actors to {}.", path.display());
                if let Some(first) = warnings.first() {
                    message.push_str(&format!(
                        " {} (and {} more notes)",
                        first,
                        warnings.len() - 1
                    ));
                }
                self.notifications.info(message);
            }
            Err(e) => self
                .notifications
                .error(format!("Cannot export the dictionary: {e}")),
        }
    }

    /// Takes in a dictionary a job has read: it replaces the project's
    /// dictionary as one undoable edit.
    fn dictionary_read(&mut self, path: &Path, read: DictionaryRead) {
        match read {
            Ok((dictionary, warnings)) => {
                let actors = dictionary.actors.len();
                self.edit(Edit::Dictionary(dictionary), None);
                let mut message = format!(
                    "The dictionary is now the {actors} actors of {} (Undo brings the old one back).",
                    path.display()
                );
                match warnings.as_slice() {
                    [] => self.notifications.info(message),
                    [first, rest @ ..] => {
                        message.push_str(&format!(" {first}"));
                        if !rest.is_empty() {
                            message.push_str(&format!(" (and {} more warnings)", rest.len()));
                        }
                        self.notifications.warning(message);
                    }
                }
            }
            Err(e) => self
                .notifications
                .error(format!("The dictionary was not changed: {e}")),
        }
    }

    pub(super) fn poll_jobs(&mut self, ctx: &egui::Context) {
        if self.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        const LOST: &str = "stopped unexpectedly (an internal error)";
        match take_finished(&mut self.jobs.learn) {
            None => {}
            Some(Ok(result)) => {
                self.learning = views::LearningState {
                    running: false,
                    result: Some((std::mem::take(&mut self.jobs.learning_scheme), result)),
                };
            }
            Some(Err(Lost)) => {
                self.learning.running = false;
                self.notifications.error(format!("Learning {LOST}."));
            }
        }
        match self.analysis.poll() {
            Polled::Nothing => {}
            Polled::Analysed => self.doc.revision += 1,
            Polled::Failed(text) => self.notifications.warning(format!(
                "{text}. Showing the last good results until it is fixed."
            )),
            Polled::Lost => self.notifications.error(format!("The analysis {LOST}.")),
        }
        match take_finished(&mut self.jobs.codebook) {
            None => {}
            Some(Ok((path, read))) => self.codebook_read(&path, read),
            Some(Err(_)) => self
                .notifications
                .error(format!("Reading the codebook {LOST}.")),
        }
        match take_finished(&mut self.jobs.dictionary) {
            None => {}
            Some(Ok((path, read))) => self.dictionary_read(&path, read),
            Some(Err(Lost)) => self
                .notifications
                .error(format!("Reading the dictionary {LOST}.")),
        }
        match take_finished(&mut self.jobs.import) {
            None => {}
            Some(Ok((documents, report))) => {
                if !documents.is_empty() {
                    self.edit(
                        Edit::AppendDocuments(documents.into_iter().map(Arc::new).collect()),
                        None,
                    );
                }
                self.dialogs.import_report = Some(report);
            }
            Some(Err(Lost)) => self.notifications.error(format!("The import {LOST}.")),
        }
        match take_finished(&mut self.saving.job) {
            None => {}
            Some(Ok((path, edits, result))) => self.finish_save(ctx, path, edits, result),
            Some(Err(Lost)) => {
                self.dialogs.save_failed();
                self.notifications
                    .error(format!("Saving {LOST}; the file on disk is unchanged."));
            }
        }
        match take_finished(&mut self.jobs.open) {
            None => {}
            Some(Ok((opening, result))) => self.opened(opening, result),
            Some(Err(Lost)) => self
                .notifications
                .error(format!("Opening the project {LOST}.")),
        }
    }

    /// Takes in a project (or recovery copy) an open job has read.
    fn opened(&mut self, opening: Opening, result: Result<Project, ProjectError>) {
        match (opening, result) {
            (Opening::Project(path), Ok(project)) => {
                self.replace_project(project, Some(path.clone()));
                self.remember_recent(&path);
                let data = self.saving.autosave.data_folder();
                if let Some(recovery) = find_recovery(&data, &path) {
                    let label = format!("“{}”", self.doc.project.name);
                    self.offer_recovery(recovery, label);
                }
            }
            (
                Opening::Recovery {
                    copy,
                    project: path,
                },
                Ok(project),
            ) => {
                self.replace_project(project, path);
                // The copy stays until the project is saved, so
                // another crash still finds it.
                self.saving.autosave.adopt(copy);
                self.doc.changed();
                self.notifications
                    .info("Recovered the autosaved changes. Save to keep them.");
            }
            (Opening::Qdpx { path, report }, Ok(project)) => {
                self.replace_project(project, None);
                // A new project, not saved yet: Save asks where.
                self.doc.changed();
                self.dialogs.import_report = report;
                self.notifications.info(format!(
                    "Read the REFI-QDA project {} into a new project; save it to keep it.",
                    path.display()
                ));
            }
            (Opening::Project(_), Err(e)) => self
                .notifications
                .error(format!("Cannot open the project: {e}")),
            (Opening::Qdpx { .. }, Err(e)) => self
                .notifications
                .error(format!("Cannot import the REFI-QDA project: {e}")),
            (Opening::Recovery { copy, .. }, Err(e)) => self.notifications.error(format!(
                "Cannot restore the recovery copy: {e}. It is kept at {}.",
                copy.display()
            )),
        }
    }

    pub(super) fn start_open(&mut self, ctx: &egui::Context, opening: Opening) {
        let file = match &opening {
            Opening::Project(path) | Opening::Qdpx { path, .. } => path.clone(),
            Opening::Recovery { copy, .. } => copy.clone(),
        };
        let label = format!("Opening {}", file.display());
        match Job::spawn("open", label, ctx, move |_| match opening {
            Opening::Qdpx { path, .. } => {
                let name = path.file_stem().map_or("Imported project".into(), |s| {
                    s.to_string_lossy().into_owned()
                });
                let mut project = Project::new(name);
                match crate::report::refi::import_qdpx(&path, &mut project) {
                    Ok(report) => (
                        Opening::Qdpx {
                            path,
                            report: Some(report),
                        },
                        Ok(project),
                    ),
                    Err(e) => (Opening::Qdpx { path, report: None }, Err(e)),
                }
            }
            opening => {
                let result = load_project(&file);
                (opening, result)
            }
        }) {
            Ok(job) => self.jobs.open = Some(job),
            Err(e) => self.notifications.error(format!("Cannot open: {e}")),
        }
    }

    /// Paths to import were chosen: the import dialog asks how to read them.
    pub(super) fn open_import_dialog(&mut self, paths: Vec<PathBuf>) {
        // A REFI-QDA project is a whole project: it opens as a new one. A
        // codebook or a dictionary picked here goes where it belongs.
        if let [path] = paths.as_slice() {
            let ext = super::lowercase_extension(path);
            let command = if is_qdpx(path) {
                Some(Command::OpenProject(Some(path.clone())))
            } else if ext == "qdc" {
                Some(Command::ImportCodebook(Some(path.clone())))
            } else if ext != "ron"
                && super::file_questions::DICTIONARY_EXTENSIONS.contains(&ext.as_str())
            {
                Some(Command::ImportDictionary(Some(path.clone())))
            } else {
                None
            };
            if let Some(command) = command {
                self.inbox.push(command);
                return;
            }
        }
        if self.jobs.import.is_some() {
            self.notifications
                .warning("An import is already running; wait for it or cancel it first.");
            return;
        }
        self.import_dialog = Some(import_dialog::ImportDialog::new(paths));
    }

    pub(super) fn start_import(
        &mut self,
        ctx: &egui::Context,
        paths: Vec<PathBuf>,
        source_pattern: &str,
    ) {
        if self.jobs.import.is_some() {
            self.notifications
                .warning("An import is already running; wait for it or cancel it first.");
            return;
        }
        let options = match import_dialog::options(source_pattern) {
            Ok(options) => options,
            Err(e) => {
                self.notifications.error(format!("Not imported: {e}"));
                return;
            }
        };
        let existing = self.doc.project.documents.clone();
        let label = if paths.len() == 1 {
            format!("Importing {}", paths[0].display())
        } else {
            format!("Importing {} items", paths.len())
        };
        match Job::spawn("import", label, ctx, move |progress| {
            import_paths(&paths, &options, &existing, &mut |p| {
                progress.set(p.done, p.total);
                !progress.is_cancelled()
            })
        }) {
            Ok(job) => self.jobs.import = Some(job),
            Err(e) => self
                .notifications
                .error(format!("Cannot start the import: {e}")),
        }
    }
}
