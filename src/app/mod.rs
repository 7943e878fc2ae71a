//! The desktop app (eframe/egui). It owns the open project and its derived
//! analysis, arranges the views, and applies the [`Command`]s the views send.
//! Everything it computes comes from the analysis core; heavy work runs in
//! [`jobs`] on background threads.

mod actions;
mod autosave;
mod background;
mod capture;
mod chrome;
mod command;
mod crash;
mod dialogs;
mod document;
mod file_questions;
mod help;
mod import_dialog;
mod jobs;
mod notify;
mod scheduler;
mod theme;
mod ui_command;
mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::analysis::{Change, ProjectAnalysis};
use crate::corpus::Document;
use crate::corpus::{ImportReport, import_paths};
use crate::framing::decide;
use crate::project::recovery::{
    Recovery, describe_time, discard_recovery, find_recovery, find_untitled_recoveries,
};
use crate::project::{Project, ProjectError, load_project, parse_project, save_project_checked};
use crate::report::{ExportKind, OutputFormat, provenance_path, write_export};

pub use crate::project::Edit;
pub use capture::{CaptureArea, CaptureRequest};
pub use command::{CodeAction, Command, PassageRef};
pub use notify::Level;
pub use theme::ThemeChoice;
pub use views::ViewKind;

use dialogs::{Dialogs, PathPurpose, RecoveryOffer};
use document::OpenDocument;
use jobs::Job;
use notify::Notifications;
use scheduler::Polled;
use ui_command::UiCommand;
use views::{ViewCtx, Views};

/// How long edits in the editors settle before the analysis re-runs.
const EDIT_DEBOUNCE: Duration = Duration::from_millis(400);
/// A file dialog that comes back "cancelled" faster than a person can click
/// did not open at all (no portal on this desktop): offer the path field.
const DIALOG_MIN_HUMAN_TIME: Duration = Duration::from_millis(250);
const MAX_RECENT: usize = 10;
const PREFS_KEY: &str = "framescope-prefs";

/// Preferences kept between runs in eframe's storage (the window's size and
/// position are kept by eframe itself).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    /// Zoom factor of the whole UI.
    pub ui_scale: f32,
    pub view: ViewKind,
    /// Pixels per point of screenshots (1 or 2).
    pub capture_scale: f32,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            theme: ThemeChoice::System,
            ui_scale: 1.0,
            view: ViewKind::Frequency,
            capture_scale: 1.0,
        }
    }
}

/// Where the app starts.
#[derive(Clone, Debug)]
pub enum Start {
    /// The demo project embedded in the binary (unsaved, no path).
    Demo,
    /// A project file.
    Project(PathBuf),
    /// An empty project.
    Empty,
    /// The most recent project if it still exists, else the demo project.
    LastOrDemo,
    /// Draw one view of a project and save it as a PNG, then close.
    Render(Box<RenderSpec>),
}

/// A figure to render without clicking (`framescope render`).
#[derive(Clone, Debug)]
pub struct RenderSpec {
    pub project: Project,
    pub view: ViewKind,
    /// Size of the figure in points; the PNG has `scale` times the pixels.
    pub width: f32,
    pub height: f32,
    pub scale: f32,
    pub theme: ThemeChoice,
    pub output: PathBuf,
    /// Show this document in the reader.
    pub reader_document: Option<usize>,
}

/// What a render produced: the PNG's size in pixels, or why it failed.
pub type RenderResult = Result<[usize; 2], String>;

/// The name of a new project until it is saved.
const UNTITLED: &str = "Untitled project";

/// The Framescope window.
pub struct FramescopeApp {
    /// The project being worked on, its file and history.
    doc: document::OpenDocument,
    /// Its analysis and when the next one runs.
    analysis: scheduler::AnalysisScheduler,
    /// The open, import and learning jobs.
    jobs: BackgroundJobs,
    /// The import dialog (file-name pattern and preview), once paths are chosen.
    import_dialog: Option<import_dialog::ImportDialog>,
    learning: views::LearningState,
    /// Saves and recovery copies.
    saving: Saving,
    prefs: Prefs,
    views: Views,
    notifications: Notifications,
    inbox: Vec<Command>,
    dialogs: Dialogs,
    /// The Help window open, if any.
    help: Option<help::HelpTopic>,
    /// Set by [`FramescopeApp::panic_on_next_frame`] (tests only).
    panic_next: bool,
    /// Native file dialogs are used unless disabled (tests, or a desktop
    /// without them): then the in-app path field asks instead.
    native_dialogs: bool,
    window_title: String,
    close_confirmed: bool,
    applied_prefs: Option<(ThemeChoice, f32)>,
    /// How to start, taken on the first frame.
    start: Option<Start>,
    /// Where the view was drawn in the last frame (for view captures).
    view_rect: egui::Rect,
    capture: Option<capture::Capture>,
    /// Shrinks the window back after a 2× capture.
    restore: Option<capture::Restore>,
    /// In render mode: the figure and where to report the result.
    render: Option<(RenderSpec, Arc<Mutex<Option<RenderResult>>>)>,
}

/// The background jobs other than the analysis ([`scheduler::AnalysisScheduler`]):
/// at most one of each kind runs.
#[derive(Default)]
struct BackgroundJobs {
    open: Option<Job<(Opening, Result<Project, ProjectError>)>>,
    import: Option<Job<(Vec<Document>, ImportReport)>>,
    learn: Option<Job<Result<crate::framing::Learned, String>>>,
    /// A dictionary file being read: where from, and the dictionary with its
    /// warnings.
    dictionary: Option<Job<(PathBuf, DictionaryRead)>>,
    /// A REFI-QDA codebook being read: where from, and its code tree.
    codebook: Option<Job<(PathBuf, CodebookRead)>>,
    /// The fingerprint of the scheme the running learning job started from.
    learning_scheme: String,
}

/// A codebook file read: its code tree, or why not.
type CodebookRead = Result<crate::report::refi::QdcFile, String>;

/// A dictionary file read, with the warnings for the user.
type DictionaryRead =
    Result<(crate::actors::ActorDictionary, Vec<String>), crate::actors::DictionaryFileError>;

/// Saving the project and its recovery copies.
struct Saving {
    /// A save in progress: where to, the edit count it holds, the outcome.
    job: Option<Job<autosave::WriteOutcome>>,
    /// The generation of the project the running save writes.
    generation: u64,
    autosave: autosave::Autosave,
    /// The window was closed while a save ran: close once it is done.
    close_after: bool,
    /// Asked before every write of a save (tests make the disk fail here).
    check: Option<SaveCheck>,
    /// When and where the last recovery copy was written (for the status bar).
    last_autosave: Option<(Instant, PathBuf)>,
}

impl Default for Saving {
    fn default() -> Self {
        Self {
            job: None,
            generation: 0,
            autosave: autosave::Autosave::new(None),
            close_after: false,
            check: None,
            last_autosave: None,
        }
    }
}

/// A check called with the size of every write a save makes; an error fails
/// the write as a full or read-only disk would.
pub type SaveCheck = Arc<dyn Fn(usize) -> std::io::Result<()> + Send + Sync>;

/// What an open job is opening.
#[derive(Clone, Debug)]
enum Opening {
    /// A project file, to work on at that path.
    Project(PathBuf),
    /// A recovery copy, to work on at the project's path (`None`: never saved).
    Recovery {
        copy: PathBuf,
        project: Option<PathBuf>,
    },
    /// A REFI-QDA project (`.qdpx`) from a QDA tool, read into a new
    /// project not saved yet; the job fills in its import report.
    Qdpx {
        path: PathBuf,
        report: Option<ImportReport>,
    },
}

/// Whether `path` names a REFI-QDA project (`.qdpx`, any case).
fn is_qdpx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
}

/// A path's extension in lower case (empty without one).
fn lowercase_extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Installs Framescope's fonts (with the fallback for letters egui lacks)
/// and style on a context; call before the first frame.
pub fn install_fonts(ctx: &egui::Context) {
    theme::install(ctx);
}

/// The icon drawn from `packaging/icons/framescope.svg`.
const WINDOW_ICON: &[u8] = include_bytes!("../../packaging/icons/framescope-256.png");

/// Opens the app window; blocks until it is closed.
pub fn run(start: Start, view: Option<ViewKind>, theme: Option<ThemeChoice>) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Framescope")
        // The Wayland app id / X11 class: matches `framescope.desktop`.
        .with_app_id("framescope")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    // The window and task-bar icon (a bundled PNG: it always decodes, and a
    // window without an icon would still be fine).
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Framescope",
        options,
        Box::new(move |cc| {
            let mut prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, PREFS_KEY))
                .unwrap_or_default();
            if let Some(view) = view {
                prefs.view = view;
            }
            if let Some(theme) = theme {
                prefs.theme = theme;
            }
            let start = match start {
                Start::LastOrDemo => match prefs.recent.first() {
                    Some(path) if path.is_file() => Start::Project(path.clone()),
                    _ => Start::Demo,
                },
                other => other,
            };
            install_fonts(&cc.egui_ctx);
            crash::install_panic_hook();
            let app = FramescopeApp::new(prefs, start);
            Ok(Box::new(match eframe::storage_dir("Framescope") {
                Some(dir) => app.with_data_dir(dir),
                None => app,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the app window: {e}"))
}

impl eframe::App for FramescopeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.render.is_some() {
            // A render leaves the user's preferences alone.
            return;
        }
        self.prefs.view = self.views.current;
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

impl FramescopeApp {
    /// The app, starting as asked on its first frame. Install the fonts on
    /// the context first ([`install_fonts`]).
    pub fn new(prefs: Prefs, start: Start) -> Self {
        Self {
            doc: OpenDocument::new(Project::new(UNTITLED)),
            analysis: scheduler::AnalysisScheduler::default(),
            jobs: BackgroundJobs::default(),
            import_dialog: None,
            learning: views::LearningState::default(),
            saving: Saving::default(),
            views: Views::new(prefs.view),
            prefs,
            notifications: Notifications::default(),
            inbox: Vec::new(),
            dialogs: Dialogs::default(),
            help: None,
            panic_next: false,
            native_dialogs: true,
            window_title: String::new(),
            close_confirmed: false,
            applied_prefs: None,
            start: Some(start),
            view_rect: egui::Rect::NOTHING,
            capture: None,
            restore: None,
            render: None,
        }
    }

    fn begin(&mut self, ctx: &egui::Context, start: Start) {
        if !matches!(start, Start::Render(_)) {
            self.offer_untitled_recovery();
        }
        match start {
            Start::Demo => self.apply_start_demo(),
            // `framescope FILE.qdpx` (or opening one from a file manager)
            // reads it as a new project, as File ▸ Open does.
            Start::Project(path) if is_qdpx(&path) => {
                self.start_open(ctx, Opening::Qdpx { path, report: None })
            }
            Start::Project(path) => self.start_open(ctx, Opening::Project(path)),
            Start::Empty => self.analysis.request(Duration::ZERO, Change::Everything),
            Start::LastOrDemo => match self.prefs.recent.first().cloned() {
                Some(path) if path.is_file() => self.start_open(ctx, Opening::Project(path)),
                _ => self.apply_start_demo(),
            },
            Start::Render(spec) => {
                self.replace_project(spec.project.clone(), None);
                self.native_dialogs = false;
                if let Some(document) = spec.reader_document {
                    self.views.open_reader(document, None);
                }
                self.views.current = spec.view;
                let native = ctx.native_pixels_per_point().unwrap_or(1.0);
                self.prefs.theme = spec.theme;
                self.prefs.ui_scale = spec.scale / native;
                let request = CaptureRequest {
                    area: CaptureArea::Window,
                    scale: spec.scale,
                    path: Some(spec.output.clone()),
                };
                self.capture = Some(capture::Capture::for_render(request, spec.output.clone()));
            }
        }
    }

    /// Opens a window, draws `spec`'s view of its project once the analysis is
    /// done, saves the PNG and closes. Needs a display (under Xvfb on a server).
    pub fn render(spec: RenderSpec) -> anyhow::Result<[usize; 2]> {
        let slot = Arc::new(Mutex::new(None));
        let result = Arc::clone(&slot);
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_title("Framescope render")
                .with_app_id("framescope-render")
                .with_inner_size([spec.width * spec.scale, spec.height * spec.scale])
                .with_resizable(false),
            persist_window: false,
            ..Default::default()
        };
        eframe::run_native(
            "Framescope render",
            options,
            Box::new(move |cc| {
                install_fonts(&cc.egui_ctx);
                let mut app =
                    FramescopeApp::new(Prefs::default(), Start::Render(Box::new(spec.clone())));
                app.render = Some((spec, result));
                Ok(Box::new(app))
            }),
        )
        .map_err(|e| anyhow::anyhow!("cannot open a window to render in: {e}"))?;
        let outcome = slot
            .lock()
            .map_err(|_| anyhow::anyhow!("the render thread failed"))?
            .take();
        match outcome {
            Some(Ok(size)) => Ok(size),
            Some(Err(e)) => Err(anyhow::anyhow!(e)),
            None => Err(anyhow::anyhow!(
                "the window closed before the figure was drawn"
            )),
        }
    }

    fn apply_start_demo(&mut self) {
        match parse_project(crate::DEMO_PROJECT, "demo project") {
            Ok(project) => self.replace_project(project, None),
            Err(e) => self.notifications.error(e.to_string()),
        }
    }

    /// Keeps recovery copies and crash logs in `dir` (the app's data folder;
    /// tests give a temporary one).
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        self.saving.autosave.data_dir = Some(dir);
        self
    }

    /// How long changes stay unsaved before a recovery copy is written
    /// (a minute; tests shorten it).
    pub fn set_autosave_interval(&mut self, interval: Duration) {
        self.saving.autosave.interval = interval;
    }

    /// Where the recovery copy of the open project goes.
    pub fn recovery_copy_path(&self) -> PathBuf {
        self.saving.autosave.target(self.doc.path.as_deref())
    }

    /// Makes every save ask `check` before each write (the fault tests use
    /// it to fill the disk or make it read-only part-way through a save).
    pub fn set_save_check(&mut self, check: SaveCheck) {
        self.saving.check = Some(check);
    }

    /// Offers back a recovery copy of a never-saved project left by a crash.
    fn offer_untitled_recovery(&mut self) {
        let dir = self.saving.autosave.data_folder();
        if let Some(recovery) = find_untitled_recoveries(&dir).into_iter().next() {
            self.offer_recovery(recovery, "a new project that was never saved".into());
        }
    }

    fn offer_recovery(&mut self, recovery: Recovery, label: String) {
        let when = describe_time(recovery.saved_at, std::time::SystemTime::now());
        self.dialogs.recovery = Some(RecoveryOffer {
            copy: recovery.path,
            project: recovery.project,
            label,
            when,
        });
    }

    /// Turns native file dialogs off: every file question goes to the in-app
    /// path field (tests, desktops without a dialog service).
    pub fn without_native_dialogs(mut self) -> Self {
        self.native_dialogs = false;
        self
    }

    /// The open project.
    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    /// The project's file, if it has one.
    pub fn project_path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.dirty
    }

    /// The latest analysis of the project.
    pub fn analysis(&self) -> Option<&ProjectAnalysis> {
        self.analysis.latest().map(|a| &**a)
    }

    /// Whether background work is running or due.
    pub fn is_busy(&self) -> bool {
        self.start.is_some()
            || self.analysis.is_busy()
            || self.jobs.import.is_some()
            || self.jobs.learn.is_some()
            || self.jobs.open.is_some()
            || self.jobs.dictionary.is_some()
            || self.jobs.codebook.is_some()
            || self.saving.job.is_some()
            || self.saving.autosave.is_writing()
            // A command sent this frame (a dialog's Import) starts its work
            // on the next one.
            || !self.inbox.is_empty()
            || self
                .import_dialog
                .as_ref()
                .is_some_and(import_dialog::ImportDialog::is_reading)
    }

    /// Notifications currently shown.
    pub fn notifications(&self) -> Vec<(Level, &str)> {
        self.notifications.texts()
    }

    /// The view in front.
    pub fn current_view(&self) -> ViewKind {
        self.views.current
    }

    /// Where the frequency chart drew the bar of `actor` (dictionary index)
    /// in bar group `group` (source or document, in chart order) in the last
    /// frame.
    pub fn frequency_bar_position(&self, group: usize, actor: usize) -> Option<egui::Pos2> {
        self.views.frequency_bar_position(group, actor)
    }

    /// Queues a command as if a view had sent it (tests, drag and drop).
    pub fn send(&mut self, command: Command) {
        self.inbox.push(command);
    }

    /// Draws one frame and applies what it asked for.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        // A panic in the window's own thread would lose the open project:
        // save a recovery copy and a crash log first, then let it go on.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.frame_ui(ui)));
        if let Err(payload) = result {
            let recovery = self.saving.autosave.target(self.doc.path.as_deref());
            let log_dir = self.saving.autosave.data_folder();
            crash::save_after_crash(&self.doc.project, Some(&recovery), &log_dir, &*payload);
            std::panic::resume_unwind(payload);
        }
    }

    /// Makes the next frame panic, to test what a crash leaves behind.
    #[doc(hidden)]
    pub fn panic_on_next_frame(&mut self) {
        self.panic_next = true;
    }

    /// Makes the next analysis job panic, to test that the app survives it.
    #[doc(hidden)]
    pub fn panic_in_next_analysis(&mut self) {
        self.analysis.panic_next = true;
    }

    fn frame_ui(&mut self, ui: &mut egui::Ui) {
        if std::mem::take(&mut self.panic_next) {
            panic!("a panic asked for by a test");
        }
        let ctx = ui.ctx().clone();
        if let Some(start) = self.start.take() {
            self.begin(&ctx, start);
        }
        self.apply_prefs(&ctx);
        self.poll_jobs(&ctx);
        if let Some(capture) = &self.capture {
            capture.before_frame(&ctx);
        }
        // A rendered figure is the view alone, filling the window.
        let chrome = self.render.is_none();
        if chrome {
            self.handle_input(&ctx);
            self.menu_bar_ui(ui);
            self.status_bar_ui(ui);
        }
        let analysis = self.analysis.fitting(&self.doc.project, self.doc.revision);
        let central = egui::CentralPanel::default().show(ui, |ui| {
            let mut ctx_view = ViewCtx {
                project: &self.doc.project,
                analysis,
                commands: &mut self.inbox,
                revision: self.doc.revision,
                learning: &self.learning,
            };
            self.views.ui(ui, &mut ctx_view);
        });
        self.view_rect = central.response.rect;
        if chrome {
            let dialog_commands = self.dialogs.ui(
                &ctx,
                &self.doc.project.name,
                self.saving.autosave.data_dir.as_deref(),
            );
            self.inbox.extend(dialog_commands);
            self.inbox
                .extend(import_dialog::show(&mut self.import_dialog, &ctx));
            // Only while Help is open: the path hashes the project's absolute
            // path, which asks the system for the working directory.
            let recovery =
                (self.help.is_some() && self.doc.path.is_some()).then(|| self.recovery_copy_path());
            let places = help::HelpPlaces {
                data_dir: self.saving.autosave.data_dir.as_deref(),
                recovery: recovery.as_deref(),
            };
            help::help_ui(&ctx, &mut self.help, &places);
            // Nothing floats over a screenshot being taken.
            if self.capture.is_none() {
                self.notifications.ui(&ctx);
                self.drop_overlay_ui(&ctx);
            }
        }

        for command in std::mem::take(&mut self.inbox) {
            self.apply(&ctx, command);
        }
        if chrome {
            self.tick_autosave(&ctx);
        }
        self.start_due_analysis(&ctx);
        self.update_title(&ctx);
        self.step_capture(&ctx);
    }

    /// Advances a screenshot in progress and reports what it produced.
    fn step_capture(&mut self, ctx: &egui::Context) {
        if let Some(restore) = &self.restore
            && restore.step(ctx)
        {
            self.restore = None;
        }
        if let Some((spec, _)) = &self.render {
            // Converge on the requested size whatever the display's scale.
            let want = egui::vec2(spec.width, spec.height);
            let have = ctx.content_rect().size();
            if (want - have).length() > 0.5 && self.capture.is_some() {
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(want));
            }
        }
        let ready = !self.is_busy();
        let Some(capture) = &mut self.capture else {
            return;
        };
        let Some(outcome) = capture.after_frame(ctx, ready, self.view_rect, &self.doc.project)
        else {
            return;
        };
        self.restore = capture.finish(ctx);
        self.capture = None;
        if let Some((spec, slot)) = &self.render {
            let want = [
                (spec.width * spec.scale).round() as usize,
                (spec.height * spec.scale).round() as usize,
            ];
            let result = match outcome {
                capture::CaptureOutcome::Saved { size, .. } if size == want => Ok(size),
                capture::CaptureOutcome::Saved { size, path } => Err(format!(
                    "{}: the window came out {}×{} pixels, not {}×{}; is the screen large \
                     enough? (under Xvfb: xvfb-run -s \"-screen 0 4000x3000x24\")",
                    path.display(),
                    size[0],
                    size[1],
                    want[0],
                    want[1]
                )),
                capture::CaptureOutcome::Failed(e) => Err(e),
            };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(result);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        match outcome {
            capture::CaptureOutcome::Saved { path, size } => self.notifications.info(format!(
                "Saved a {}×{} screenshot to {}",
                size[0],
                size[1],
                path.display()
            )),
            capture::CaptureOutcome::Failed(e) => self
                .notifications
                .error(format!("The screenshot was not saved: {e}")),
        }
    }

    fn apply_prefs(&mut self, ctx: &egui::Context) {
        let wanted = (self.prefs.theme, self.prefs.ui_scale);
        if self.applied_prefs != Some(wanted) {
            self.prefs.theme.apply(ctx);
            ctx.set_zoom_factor(self.prefs.ui_scale.clamp(0.5, 3.0));
            self.applied_prefs = Some(wanted);
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        for command in UiCommand::pressed(ctx) {
            self.inbox.push(command.command(self.prefs.capture_scale));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            // A `.ron` is a project, except a dictionary saved as RON;
            // dictionaries have their own extensions.
            let ext = lowercase_extension(&dropped[0]);
            let is_dictionary =
                ext != "ron" && file_questions::DICTIONARY_EXTENSIONS.contains(&ext.as_str());
            if dropped.len() == 1 && (ext == "ron" || ext == "qdpx") {
                self.inbox
                    .push(Command::OpenProject(Some(dropped[0].clone())));
            } else if dropped.len() == 1 && is_dictionary {
                self.inbox
                    .push(Command::ImportDictionary(Some(dropped[0].clone())));
            } else if dropped.len() == 1 && ext == "qdc" {
                self.inbox
                    .push(Command::ImportCodebook(Some(dropped[0].clone())));
            } else {
                self.inbox.push(Command::ImportFiles(Some(dropped)));
            }
        }
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && self.saving.job.is_some() {
            // Closing now would stop the save half-way (the old file would
            // stay): close once it is written.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.saving.close_after = true;
        } else if close_requested && self.doc.dirty && !self.close_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.confirm_discard(Command::Quit);
        }
    }

    fn drop_overlay_ui(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let rect = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop overlay"),
        ));
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop articles or folders to import them\n\
             a project (.ron, .qdpx) opens · a codebook (.qdc) or a dictionary \
             (.dic, .cat, .tsv, .yml) goes into this one",
            egui::FontId::proportional(20.0),
            egui::Color32::WHITE,
        );
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let file = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|f| format!(" ({})", f.to_string_lossy()))
            .unwrap_or_default();
        let title = format!(
            "{}{}{file} — Framescope",
            if self.doc.dirty { "● " } else { "" },
            self.doc.project.name
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The window title as last set.
    pub fn window_title(&self) -> &str {
        &self.window_title
    }
}
