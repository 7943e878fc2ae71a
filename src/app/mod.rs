//! The desktop app (eframe/egui). It owns the open project and its derived
//! analysis, arranges the views, and applies the [`Command`]s the views send.
//! Everything it computes comes from the analysis core; heavy work runs in
//! [`jobs`] on background threads.

mod autosave;
mod capture;
mod command;
mod crash;
mod dialogs;
mod document;
mod help;
mod import_dialog;
mod jobs;
mod notify;
mod scheduler;
mod theme;
mod views;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Key, KeyboardShortcut, Modifiers};
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
use jobs::{Job, Poll};
use notify::Notifications;
use scheduler::Polled;
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

/// Keyboard shortcuts and the commands they send; menus show the same
/// shortcuts. Longer modifier sets come first: egui matches shortcuts
/// ignoring extra Shift.
fn shortcuts() -> Vec<(KeyboardShortcut, Command)> {
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    const DIGITS: [Key; 8] = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
    ];
    let views = DIGITS
        .into_iter()
        .zip(ViewKind::ALL)
        .map(|(key, view)| (KeyboardShortcut::new(cmd, key), Command::ShowView(view)));
    vec![
        (
            KeyboardShortcut::new(cmd_shift, Key::S),
            Command::SaveProjectAs(None),
        ),
        (KeyboardShortcut::new(cmd_shift, Key::Z), Command::Redo),
        (KeyboardShortcut::new(cmd, Key::N), Command::NewProject),
        (
            KeyboardShortcut::new(cmd, Key::O),
            Command::OpenProject(None),
        ),
        (KeyboardShortcut::new(cmd, Key::S), Command::SaveProject),
        (KeyboardShortcut::new(cmd, Key::Z), Command::Undo),
        (KeyboardShortcut::new(cmd, Key::Y), Command::Redo),
    ]
    .into_iter()
    .chain(views)
    .collect()
}

/// The shortcut text of a command, for menus.
fn shortcut_text(ctx: &egui::Context, command: &Command) -> String {
    shortcuts()
        .iter()
        .find(|(_, c)| c == command)
        .map(|(s, _)| ctx.format_shortcut(s))
        .unwrap_or_default()
}

/// The Framescope window.
pub struct FramescopeApp {
    /// The project being worked on, its file and history.
    doc: document::OpenDocument,
    /// Its analysis and when the next one runs.
    analysis: scheduler::AnalysisScheduler,
    import_job: Option<Job<(Vec<Document>, ImportReport)>>,
    /// The import dialog (file-name pattern and preview), once paths are chosen.
    import_dialog: Option<import_dialog::ImportDialog>,
    learn_job: Option<Job<Result<crate::framing::Learned, String>>>,
    learning: views::LearningState,
    /// The fingerprint of the scheme the running learning job started from.
    learning_scheme: String,
    open_job: Option<Job<(Opening, Result<Project, ProjectError>)>>,
    /// A save in progress: where to, the edit count it holds, the outcome.
    save_job: Option<Job<autosave::WriteOutcome>>,
    /// The generation of the project the running save writes.
    save_generation: u64,
    autosave: autosave::Autosave,
    /// The window was closed while a save ran: close once it is done.
    close_after_save: bool,
    /// Asked before every write of a save (tests make the disk fail here).
    save_check: Option<SaveCheck>,
    /// When and where the last recovery copy was written (for the status bar).
    last_autosave: Option<(Instant, PathBuf)>,
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
}

/// Installs Framescope's fonts (with the fallback for letters egui lacks)
/// and style on a context; call before the first frame.
pub fn install_fonts(ctx: &egui::Context) {
    theme::install(ctx);
}

/// Opens the app window; blocks until it is closed.
pub fn run(start: Start, view: Option<ViewKind>, theme: Option<ThemeChoice>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Framescope")
            .with_app_id("framescope")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
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
            import_job: None,
            import_dialog: None,
            learn_job: None,
            learning: views::LearningState::default(),
            learning_scheme: String::new(),
            open_job: None,
            save_job: None,
            save_generation: 0,
            autosave: autosave::Autosave::new(None),
            close_after_save: false,
            save_check: None,
            last_autosave: None,
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

    /// Keeps recovery copies of never-saved projects in `dir` (the app's data
    /// folder; tests give a temporary one).
    pub fn with_data_dir(mut self, dir: PathBuf) -> Self {
        self.autosave.data_dir = Some(dir);
        self
    }

    /// How long changes stay unsaved before a recovery copy is written
    /// (a minute; tests shorten it).
    pub fn set_autosave_interval(&mut self, interval: Duration) {
        self.autosave.interval = interval;
    }

    /// Where the recovery copy of the open project goes.
    pub fn recovery_copy_path(&self) -> Option<PathBuf> {
        self.autosave.target(self.doc.path.as_deref())
    }

    /// Makes every save ask `check` before each write (the fault tests use
    /// it to fill the disk or make it read-only part-way through a save).
    pub fn set_save_check(&mut self, check: SaveCheck) {
        self.save_check = Some(check);
    }

    /// Offers back a recovery copy of a never-saved project left by a crash.
    fn offer_untitled_recovery(&mut self) {
        let Some(dir) = &self.autosave.data_dir else {
            return;
        };
        if let Some(recovery) = find_untitled_recoveries(dir).into_iter().next() {
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
            || self.import_job.is_some()
            || self.learn_job.is_some()
            || self.open_job.is_some()
            || self.save_job.is_some()
            || self.autosave.is_writing()
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
            let recovery = self.autosave.target(self.doc.path.as_deref());
            let log_dir = self
                .autosave
                .data_dir
                .clone()
                .unwrap_or_else(std::env::temp_dir);
            crash::save_after_crash(&self.doc.project, recovery.as_deref(), &log_dir, &*payload);
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
            let dialog_commands = self.dialogs.ui(&ctx, &self.doc.project.name);
            self.inbox.extend(dialog_commands);
            self.inbox
                .extend(import_dialog::show(&mut self.import_dialog, &ctx));
            let places = help::HelpPlaces {
                data_dir: self.autosave.data_dir.as_deref(),
                project: self.doc.path.as_deref(),
            };
            help::help_ui(&ctx, &mut self.help, &shortcuts(), &places);
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
                capture::Outcome::Saved { size, .. } if size == want => Ok(size),
                capture::Outcome::Saved { size, path } => Err(format!(
                    "{}: the window came out {}×{} pixels, not {}×{}; is the screen large \
                     enough? (under Xvfb: xvfb-run -s \"-screen 0 4000x3000x24\")",
                    path.display(),
                    size[0],
                    size[1],
                    want[0],
                    want[1]
                )),
                capture::Outcome::Failed(e) => Err(e),
            };
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(result);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        match outcome {
            capture::Outcome::Saved { path, size } => self.notifications.info(format!(
                "Saved a {}×{} screenshot to {}",
                size[0],
                size[1],
                path.display()
            )),
            capture::Outcome::Failed(e) => self
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
        for (shortcut, command) in shortcuts() {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.inbox.push(command);
            }
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
            let is_project = |p: &PathBuf| p.extension().is_some_and(|e| e == "ron");
            if dropped.len() == 1 && is_project(&dropped[0]) {
                self.inbox
                    .push(Command::OpenProject(Some(dropped[0].clone())));
            } else {
                self.inbox.push(Command::ImportFiles(Some(dropped)));
            }
        }
        let close_requested = ctx.input(|i| i.viewport().close_requested());
        if close_requested && self.save_job.is_some() {
            // Closing now would stop the save half-way (the old file would
            // stay): close once it is written.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.close_after_save = true;
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
            "Drop files or folders to import them (a .ron project opens it)",
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

    // ---- background work -------------------------------------------------

    fn start_due_analysis(&mut self, ctx: &egui::Context) {
        if let Err(e) = self.analysis.start_due(ctx, &self.doc.project) {
            self.notifications
                .error(format!("Cannot start the analysis: {e}"));
        }
    }

    /// Learns rule weights from the project's decisions on a background
    /// thread; the scheme view shows the outcome and applies it as an edit.
    fn start_learning(&mut self, ctx: &egui::Context) {
        if self.learn_job.is_some() {
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
                self.learn_job = Some(job);
                self.learning_scheme = fingerprint;
            }
            Err(e) => self
                .notifications
                .error(format!("Cannot start learning: {e}")),
        }
    }

    fn poll_jobs(&mut self, ctx: &egui::Context) {
        if let Some(job) = &self.learn_job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done(result) => {
                    self.learn_job = None;
                    self.learning = views::LearningState {
                        running: false,
                        result: Some((std::mem::take(&mut self.learning_scheme), result)),
                    };
                }
                Poll::Lost => {
                    self.learn_job = None;
                    self.learning.running = false;
                    self.notifications
                        .error("Learning stopped unexpectedly (an internal error).");
                }
            }
        }
        if self.is_busy() {
            ctx.request_repaint_after(Duration::from_millis(100));
        }
        match self.analysis.poll() {
            Polled::Nothing => {}
            Polled::Analysed => self.doc.revision += 1,
            Polled::Failed(text) => self.notifications.warning(format!(
                "{text}. Showing the last good results until it is fixed."
            )),
            Polled::Lost => self
                .notifications
                .error("The analysis stopped unexpectedly (an internal error)."),
        }
        if let Some(job) = &self.import_job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done((documents, report)) => {
                    self.import_job = None;
                    if !documents.is_empty() {
                        self.edit(
                            Edit::AppendDocuments(documents.into_iter().map(Arc::new).collect()),
                            None,
                        );
                    }
                    self.dialogs.import_report = Some(report);
                }
                Poll::Lost => {
                    self.import_job = None;
                    self.notifications
                        .error("The import stopped unexpectedly (an internal error).");
                }
            }
        }
        if let Some(job) = &self.save_job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done((path, edits, result)) => {
                    self.save_job = None;
                    self.finish_save(ctx, path, edits, result);
                }
                Poll::Lost => {
                    self.save_job = None;
                    self.dialogs.save_failed();
                    self.notifications.error(
                        "Saving stopped unexpectedly (an internal error); the file on disk is unchanged.",
                    );
                }
            }
        }
        if let Some(job) = &self.open_job {
            match job.poll() {
                Poll::Running => {}
                Poll::Done((opening, result)) => {
                    self.open_job = None;
                    match (opening, result) {
                        (Opening::Project(path), Ok(project)) => {
                            self.replace_project(project, Some(path.clone()));
                            self.remember_recent(&path);
                            if let Some(recovery) = find_recovery(&path) {
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
                            self.autosave.adopt(copy);
                            self.doc.changed();
                            self.notifications
                                .info("Recovered the autosaved changes. Save to keep them.");
                        }
                        (Opening::Project(_), Err(e)) => self
                            .notifications
                            .error(format!("Cannot open the project: {e}")),
                        (Opening::Recovery { copy, .. }, Err(e)) => {
                            self.notifications.error(format!(
                                "Cannot restore the recovery copy: {e}. It is kept at {}.",
                                copy.display()
                            ))
                        }
                    }
                }
                Poll::Lost => {
                    self.open_job = None;
                    self.notifications
                        .error("Opening the project stopped unexpectedly (an internal error).");
                }
            }
        }
    }

    fn start_open(&mut self, ctx: &egui::Context, opening: Opening) {
        let file = match &opening {
            Opening::Project(path) => path.clone(),
            Opening::Recovery { copy, .. } => copy.clone(),
        };
        let label = format!("Opening {}", file.display());
        match Job::spawn("open", label, ctx, move |_| {
            let result = load_project(&file);
            (opening, result)
        }) {
            Ok(job) => self.open_job = Some(job),
            Err(e) => self.notifications.error(format!("Cannot open: {e}")),
        }
    }

    /// Paths to import were chosen: the import dialog asks how to read them.
    fn open_import_dialog(&mut self, paths: Vec<PathBuf>) {
        if self.import_job.is_some() {
            self.notifications
                .warning("An import is already running; wait for it or cancel it first.");
            return;
        }
        self.import_dialog = Some(import_dialog::ImportDialog::new(paths));
    }

    fn start_import(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>, source_pattern: &str) {
        if self.import_job.is_some() {
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
            Ok(job) => self.import_job = Some(job),
            Err(e) => self
                .notifications
                .error(format!("Cannot start the import: {e}")),
        }
    }

    // ---- commands ----------------------------------------------------------

    fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.doc.replace(project, path);
        self.analysis.restart();
        self.views.project_replaced();
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    fn edit(&mut self, edit: Edit, key: Option<String>) {
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
    fn after_history_step(&mut self, stepped: Option<Option<Change>>) {
        match stepped {
            Some(Some(change)) => self.analysis.request(Duration::ZERO, change),
            Some(None) => {}
            None => self.notifications.info("Nothing to undo or redo."),
        }
    }

    /// Writes a recovery copy when changes have been unsaved for a while.
    fn tick_autosave(&mut self, ctx: &egui::Context) {
        let (event, next) = self.autosave.tick(
            ctx,
            &self.doc.project,
            self.doc.path.as_deref(),
            self.doc.dirty,
            self.doc.edits,
        );
        match event {
            Some(autosave::Event::Failed(message)) => self.notifications.warning(message),
            Some(autosave::Event::Written(path)) => {
                self.last_autosave = Some((Instant::now(), path));
            }
            None => {}
        }
        if let Some(next) = next {
            ctx.request_repaint_after(next);
        }
    }

    /// Runs `command` now unless unsaved changes would be lost: then asks first.
    fn guard_unsaved(&mut self, command: Command) -> bool {
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
                    self.autosave.discard();
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
                    self.autosave.discard();
                    self.start_open(ctx, Opening::Project(path));
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
                if let Some(job) = &self.import_job {
                    job.progress.cancel();
                }
            }
            Command::Quit => {
                if self.dialogs.take_confirmed(&Command::Quit) || self.guard_unsaved(Command::Quit)
                {
                    self.autosave.discard();
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Saves to `path` on a background thread (a snapshot: the documents are
    /// shared, not copied), so a large project never freezes the window.
    /// On failure the project stays in memory, still unsaved.
    fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.save_job.is_some() {
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
        let check = self.save_check.clone();
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
                self.save_job = Some(job);
                self.save_generation = self.doc.generation;
            }
            Err(e) => {
                self.dialogs.save_failed();
                self.notifications
                    .error(format!("Not saved: cannot start saving ({e})."));
            }
        }
    }

    /// Takes the outcome of a finished save.
    fn finish_save(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        edits: u64,
        result: Result<(), ProjectError>,
    ) {
        match result {
            Ok(()) if self.save_generation != self.doc.generation => {
                // Another project was opened meanwhile: the save is done, and
                // the open project is not the one saved.
                self.notifications.info(format!("Saved {}", path.display()));
            }
            Ok(()) => {
                // Changes made while the save ran are still unsaved.
                self.doc.dirty = self.doc.edits != edits;
                self.doc.path = Some(path.clone());
                if !self.doc.dirty {
                    self.autosave.discard();
                }
                self.remember_recent(&path);
                self.notifications.info(format!("Saved {}", path.display()));
                if let Some(command) = self.dialogs.saved() {
                    self.inbox.push(command);
                }
                if self.close_after_save {
                    self.close_after_save = false;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(e) => {
                self.close_after_save = false;
                self.dialogs.save_failed();
                self.notifications.error(format!(
                    "Not saved: {e}. Your changes are still open; try another folder with Save As."
                ));
            }
        }
    }

    fn export(&mut self, kind: ExportKind, format: OutputFormat, path: &Path) {
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
    fn code(&mut self, passage: PassageRef, action: CodeAction) {
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

    // ---- file questions --------------------------------------------------

    fn ask_path(&mut self, purpose: PathPurpose) -> Option<PathBuf> {
        if !self.native_dialogs {
            self.dialogs.ask_path(purpose, self.default_path(purpose));
            return None;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().set_title(purpose.title());
        let dialog = match self.doc.path.as_ref().and_then(|p| p.parent()) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        };
        let picked = match purpose {
            PathPurpose::Open => dialog
                .add_filter("Framescope project", &["ron"])
                .pick_file(),
            PathPurpose::SaveAs => dialog
                .add_filter("Framescope project", &["ron"])
                .set_file_name(format!("{}.ron", file_stem_of(&self.doc.project.name)))
                .save_file(),
            PathPurpose::ImportFolder => dialog.pick_folder(),
            PathPurpose::ImportFiles => dialog
                .add_filter(
                    "Articles",
                    &["txt", "md", "markdown", "html", "htm", "csv", "jsonl"],
                )
                .pick_file(),
            PathPurpose::Export { kind, format } => {
                let ext = kind.extension(format);
                dialog
                    .add_filter(ext.to_uppercase(), &[ext])
                    .set_file_name(self.default_path_name(purpose))
                    .save_file()
            }
            PathPurpose::Capture { view_only, .. } => dialog
                .add_filter("PNG image", &["png"])
                .set_file_name(self.capture_file_name(view_only))
                .save_file(),
        };
        if picked.is_none() && started.elapsed() < DIALOG_MIN_HUMAN_TIME {
            self.native_dialogs = false;
            self.notifications
                .info("No system file dialog is available here; type the path instead.");
            self.dialogs.ask_path(purpose, self.default_path(purpose));
        }
        picked
    }

    fn ask_paths(&mut self) -> Option<Vec<PathBuf>> {
        if !self.native_dialogs {
            self.dialogs.ask_path(
                PathPurpose::ImportFiles,
                self.default_path(PathPurpose::ImportFiles),
            );
            return None;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title(PathPurpose::ImportFiles.title())
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "html", "htm", "csv", "jsonl"],
            )
            .pick_files();
        if picked.is_none() && started.elapsed() < DIALOG_MIN_HUMAN_TIME {
            self.native_dialogs = false;
            self.dialogs.ask_path(
                PathPurpose::ImportFiles,
                self.default_path(PathPurpose::ImportFiles),
            );
        }
        picked
    }

    fn default_path(&self, purpose: PathPurpose) -> String {
        let dir = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let name = match purpose {
            PathPurpose::SaveAs => format!("{}.ron", file_stem_of(&self.doc.project.name)),
            PathPurpose::Export { .. } => self.default_path_name(purpose),
            PathPurpose::Capture { view_only, .. } => self.capture_file_name(view_only),
            _ => String::new(),
        };
        dir.join(name).display().to_string()
    }

    /// A default file name for an export: `project-passages.csv`.
    fn default_path_name(&self, purpose: PathPurpose) -> String {
        match purpose {
            PathPurpose::Export { kind, format } => format!(
                "{}-{}.{}",
                file_stem_of(&self.doc.project.name),
                kind.name(),
                kind.extension(format)
            ),
            PathPurpose::Capture { view_only, .. } => self.capture_file_name(view_only),
            PathPurpose::SaveAs => format!("{}.ron", file_stem_of(&self.doc.project.name)),
            _ => String::new(),
        }
    }

    fn capture_file_name(&self, view_only: bool) -> String {
        let what = if view_only {
            self.views.current.label()
        } else {
            "window"
        };
        capture::default_file_name(&self.doc.project.name, what)
    }

    // ---- chrome ------------------------------------------------------------

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    let item = |ui: &mut egui::Ui,
                                text: &str,
                                command: Command,
                                inbox: &mut Vec<Command>| {
                        let shortcut = shortcut_text(&ctx, &command);
                        if ui
                            .add(egui::Button::new(text).shortcut_text(shortcut))
                            .clicked()
                        {
                            inbox.push(command);
                        }
                    };
                    item(ui, "New project", Command::NewProject, &mut self.inbox);
                    item(
                        ui,
                        "Open project…",
                        Command::OpenProject(None),
                        &mut self.inbox,
                    );
                    ui.menu_button("Open recent", |ui| {
                        if self.prefs.recent.is_empty() {
                            ui.weak("No recent projects");
                        }
                        for path in &self.prefs.recent {
                            if ui.button(path.display().to_string()).clicked() {
                                self.inbox.push(Command::OpenProject(Some(path.clone())));
                            }
                        }
                    });
                    ui.separator();
                    item(ui, "Save", Command::SaveProject, &mut self.inbox);
                    item(
                        ui,
                        "Save as…",
                        Command::SaveProjectAs(None),
                        &mut self.inbox,
                    );
                    ui.separator();
                    item(
                        ui,
                        "Import files…",
                        Command::ImportFiles(None),
                        &mut self.inbox,
                    );
                    item(
                        ui,
                        "Import folder…",
                        Command::ImportFolder(None),
                        &mut self.inbox,
                    );
                    let grouping = self.doc.project.settings.frequency_grouping;
                    let scale = self.prefs.capture_scale;
                    ui.menu_button("Export", |ui| {
                        let export = |kind, format| Command::Export {
                            kind,
                            format,
                            path: None,
                        };
                        for (text, kind) in [
                            ("Counts", ExportKind::Counts(grouping)),
                            ("Passages", ExportKind::Passages),
                            ("Codes and memos", ExportKind::Codes),
                        ] {
                            item(
                                ui,
                                &format!("{text} as CSV…"),
                                export(kind, OutputFormat::Csv),
                                &mut self.inbox,
                            );
                            item(
                                ui,
                                &format!("{text} as JSON…"),
                                export(kind, OutputFormat::Json),
                                &mut self.inbox,
                            );
                        }
                        ui.separator();
                        item(
                            ui,
                            "REFI-QDA project (.qdpx) for MAXQDA, NVivo, ATLAS.ti…",
                            export(ExportKind::Qdpx, OutputFormat::Csv),
                            &mut self.inbox,
                        );
                        ui.separator();
                        item(
                            ui,
                            "Screenshot of the window…",
                            Command::Capture(CaptureRequest {
                                area: CaptureArea::Window,
                                scale,
                                path: None,
                            }),
                            &mut self.inbox,
                        );
                    });
                    ui.separator();
                    item(ui, "Quit", Command::Quit, &mut self.inbox);
                });
                ui.menu_button("Edit", |ui| {
                    let undo = self.doc.history.can_undo();
                    let text = undo.map_or("Undo".to_string(), |what| format!("Undo {what}"));
                    if ui
                        .add_enabled(
                            undo.is_some(),
                            egui::Button::new(text)
                                .shortcut_text(shortcut_text(&ctx, &Command::Undo)),
                        )
                        .clicked()
                    {
                        self.inbox.push(Command::Undo);
                    }
                    let redo = self.doc.history.can_redo();
                    let text = redo.map_or("Redo".to_string(), |what| format!("Redo {what}"));
                    if ui
                        .add_enabled(
                            redo.is_some(),
                            egui::Button::new(text)
                                .shortcut_text(shortcut_text(&ctx, &Command::Redo)),
                        )
                        .clicked()
                    {
                        self.inbox.push(Command::Redo);
                    }
                });
                ui.menu_button("View", |ui| {
                    for view in ViewKind::ALL {
                        let shortcut = shortcut_text(&ctx, &Command::ShowView(view));
                        if ui
                            .add(
                                egui::Button::selectable(self.views.current == view, view.label())
                                    .shortcut_text(shortcut),
                            )
                            .clicked()
                        {
                            self.inbox.push(Command::ShowView(view));
                        }
                    }
                    ui.separator();
                    ui.label("Theme");
                    for choice in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                        ui.radio_value(&mut self.prefs.theme, choice, choice.label());
                    }
                    ui.separator();
                    ui.label("Interface scale");
                    ui.horizontal(|ui| {
                        for scale in [0.8, 1.0, 1.25, 1.5, 2.0] {
                            ui.selectable_value(
                                &mut self.prefs.ui_scale,
                                scale,
                                format!("{:.0}%", scale * 100.0),
                            );
                        }
                    });
                });
                ui.menu_button("Help", |ui| {
                    for topic in help::HelpTopic::ALL {
                        if ui.button(format!("{}…", topic.title())).clicked() {
                            self.help = Some(topic);
                        }
                    }
                    ui.separator();
                    if ui.button("About Framescope").clicked() {
                        self.dialogs.about = true;
                    }
                });
            });
            ui.add_space(2.0);
            ui.horizontal(|ui| {
                views::tab_bar_ui(ui, self.views.current, &mut self.inbox);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Capture view…")
                        .on_hover_text("Save this view as a PNG, as it is on screen")
                        .clicked()
                    {
                        self.inbox.push(Command::Capture(CaptureRequest {
                            area: CaptureArea::View,
                            scale: self.prefs.capture_scale,
                            path: None,
                        }));
                    }
                    ui.selectable_value(&mut self.prefs.capture_scale, 2.0, "2×")
                        .on_hover_text("Capture at twice the pixels, for print");
                    ui.selectable_value(&mut self.prefs.capture_scale, 1.0, "1×")
                        .on_hover_text("Capture at the screen's size");
                });
            });
            ui.add_space(2.0);
        });
    }

    fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let jobs = [
                    self.open_job
                        .as_ref()
                        .map(|j| (&j.label, &j.progress, j.started)),
                    self.import_job
                        .as_ref()
                        .map(|j| (&j.label, &j.progress, j.started)),
                    self.analysis
                        .job()
                        .map(|j| (&j.label, &j.progress, j.started)),
                ];
                if let Some(job) = &self.save_job {
                    // A save cannot be cancelled half-way; it only takes a moment.
                    ui.spinner();
                    ui.label(job.label.as_str());
                } else if let Some((label, progress, started)) = jobs.into_iter().flatten().next() {
                    ui.spinner();
                    ui.label(label.as_str());
                    let (done, total) = progress.counts();
                    let bar = egui::ProgressBar::new(progress.fraction().unwrap_or(0.0))
                        .desired_width(180.0)
                        .text(format!("{done} / {total}"));
                    ui.add(bar);
                    if let Some(left) = time_left(started.elapsed(), done, total) {
                        ui.weak(left);
                    }
                    if started.elapsed() > Duration::from_millis(300)
                        && ui.button("Cancel").on_hover_text("Stop this job").clicked()
                    {
                        self.inbox.push(Command::CancelJob);
                    }
                } else if let Some(error) = self.analysis.error() {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚠")
                        .on_hover_text(error);
                    ui.label("Analysis paused: fix the dictionary or scheme");
                } else {
                    ui.label("✔ Analysis up to date");
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let included = self.doc.project.included_documents().count();
                    let scope = match self.doc.project.settings.scope {
                        crate::corpus::Scope::Body => "body text",
                        crate::corpus::Scope::Full => "full text",
                    };
                    ui.label(status_counts(
                        self.doc.project.documents.len(),
                        included,
                        self.doc.project.dictionary.actors.len(),
                        self.doc.project.codes.len(),
                        scope,
                    ));
                    if self.doc.dirty {
                        let save = shortcut_text(ui.ctx(), &Command::SaveProject);
                        let hint = match &self.last_autosave {
                            Some((at, path)) => format!(
                                "Save with {save}. A recovery copy was autosaved {} s ago to {}.",
                                at.elapsed().as_secs(),
                                path.display()
                            ),
                            None => format!(
                                "Save with {save}. A recovery copy is autosaved every minute."
                            ),
                        };
                        ui.label("● unsaved").on_hover_text(hint);
                    }
                });
            });
        });
    }
}

/// The status bar's counts: "1 document (1 included) · 16 actors · 1 code ·
/// counting body text".
fn status_counts(
    documents: usize,
    included: usize,
    actors: usize,
    codes: usize,
    scope: &str,
) -> String {
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} ({included} included) · {} · {} · counting {scope}",
        n(documents, "document", "documents"),
        n(actors, "actor", "actors"),
        n(codes, "code", "codes"),
    )
}

/// "about 12 s left" from the pace so far, once there is a pace to go by.
fn time_left(elapsed: Duration, done: usize, total: usize) -> Option<String> {
    if done == 0 || done >= total || elapsed < Duration::from_secs(1) {
        return None;
    }
    let left = elapsed.as_secs_f64() * (total - done) as f64 / done as f64;
    Some(if left < 60.0 {
        format!("about {} s left", left.ceil() as u64)
    } else {
        format!("about {} min left", (left / 60.0).ceil() as u64)
    })
}

/// `path` with `ext` added when it has no extension.
fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(ext)
    } else {
        path
    }
}

/// A project name made safe for a file name.
fn file_stem_of(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_lowercase();
    if stem.is_empty() {
        "project".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_project_names_are_safe() {
        assert_eq!(file_stem_of("Demo: Russia & Iran"), "demo--russia---iran");
        assert_eq!(file_stem_of("///"), "project");
        assert_eq!(file_stem_of("Azərbaycan"), "azərbaycan");
    }

    #[test]
    fn the_time_left_follows_the_pace_so_far() {
        assert_eq!(
            time_left(Duration::from_secs(10), 50, 100).unwrap(),
            "about 10 s left"
        );
        assert_eq!(
            time_left(Duration::from_secs(60), 10, 100).unwrap(),
            "about 9 min left"
        );
        assert!(time_left(Duration::from_millis(200), 1, 100).is_none());
        assert!(time_left(Duration::from_secs(5), 0, 100).is_none());
    }

    #[test]
    fn an_extension_is_added_only_when_missing() {
        assert_eq!(with_extension("a".into(), "ron"), PathBuf::from("a.ron"));
        assert_eq!(
            with_extension("a.csv".into(), "ron"),
            PathBuf::from("a.csv")
        );
    }
}
