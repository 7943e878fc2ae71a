//! Autosave: while the project has unsaved changes, a recovery copy is
//! written every minute on a background thread (see `project::recovery`).
//! A normal save or close discards the copy; one left by a crash is offered
//! back at the next start.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::project::recovery::{
    discard_recovery, recovery_path, untitled_recovery_path, write_recovery,
};
use crate::project::{Project, ProjectError};

use super::jobs::{Job, Poll};

/// How often a recovery copy is written while changes are unsaved.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(60);

/// A finished write of the project (a save or a recovery copy): where to,
/// the edit count it holds, and the outcome.
pub type WriteOutcome = (PathBuf, u64, Result<(), ProjectError>);

/// What autosave reports to the app after a poll.
pub enum Event {
    /// A copy was written (to this path).
    Written(PathBuf),
    /// Writing the copy failed; the message is for the user.
    Failed(String),
}

pub struct Autosave {
    pub interval: Duration,
    /// The app's data folder (settings, recovery copies, crash logs); `None`
    /// where the platform gives none, and then [`Autosave::data_folder`]
    /// falls back to the temporary folder.
    pub data_dir: Option<PathBuf>,
    /// When the changes not yet in a copy began (or the last copy was
    /// written while changes went on).
    since: Option<Instant>,
    /// The edit count the last copy holds.
    written_edits: Option<u64>,
    job: Option<Job<WriteOutcome>>,
    /// The copy being written is no longer wanted (the project was saved or
    /// closed meanwhile): delete it once the write has finished.
    discard_when_written: bool,
    /// The copy written last (deleted on save or close).
    written: Option<PathBuf>,
    /// A failure is reported once, not every minute.
    reported_failure: bool,
}

impl Autosave {
    pub fn new(data_dir: Option<PathBuf>) -> Self {
        Self {
            interval: AUTOSAVE_INTERVAL,
            data_dir,
            since: None,
            written_edits: None,
            job: None,
            discard_when_written: false,
            written: None,
            reported_failure: false,
        }
    }

    /// The folder recovery copies and crash logs go to: the data folder, or
    /// where the platform has none, `framescope` in the temporary folder
    /// (never the working directory or the project's folder).
    pub fn data_folder(&self) -> PathBuf {
        self.data_dir
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("framescope"))
    }

    /// Where the copy of the project at `path` (or of an unsaved project) goes.
    pub fn target(&self, path: Option<&Path>) -> PathBuf {
        let folder = self.data_folder();
        match path {
            Some(path) => recovery_path(&folder, path),
            None => untitled_recovery_path(&folder),
        }
    }

    pub fn is_writing(&self) -> bool {
        self.job.is_some()
    }

    /// Called every frame: finishes a write in progress and starts a new one
    /// when changes have been unsaved for the interval. Returns what
    /// happened, and when to look again (for a repaint).
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        path: Option<&Path>,
        dirty: bool,
        edits: u64,
    ) -> (Option<Event>, Option<Duration>) {
        let event = self.poll();
        if !dirty {
            self.since = None;
            return (event, None);
        }
        if self.written_edits == Some(edits) {
            return (event, None);
        }
        let since = *self.since.get_or_insert_with(Instant::now);
        let due = since + self.interval;
        let now = Instant::now();
        if now < due {
            return (event, Some(due - now));
        }
        if self.job.is_some() {
            return (event, Some(Duration::from_millis(200)));
        }
        let target = self.target(path);
        // A snapshot shares the documents' texts (they are behind `Arc`s).
        let snapshot = project.clone();
        let spawned = Job::spawn("autosave", "Autosaving", ctx, move |_| {
            let result = write_recovery(&snapshot, &target);
            (target, edits, result)
        });
        match spawned {
            Ok(job) => {
                self.job = Some(job);
                self.since = Some(now);
            }
            Err(e) => {
                return (
                    Some(Event::Failed(format!("Autosave could not start: {e}"))),
                    None,
                );
            }
        }
        (event, None)
    }

    fn poll(&mut self) -> Option<Event> {
        let job = self.job.as_ref()?;
        let event = match job.poll() {
            Poll::Running => return None,
            Poll::Done((target, _, Ok(()))) if self.discard_when_written => {
                let _ = discard_recovery(&target);
                None
            }
            Poll::Done((target, edits, Ok(()))) => {
                self.written_edits = Some(edits);
                // A copy kept under another name (a restored one, or one from
                // before Save As) is superseded by this one.
                if let Some(old) = self.written.replace(target.clone())
                    && old != target
                {
                    let _ = discard_recovery(&old);
                }
                self.reported_failure = false;
                Some(Event::Written(target))
            }
            Poll::Done((_, _, Err(e))) => self.failure(format!(
                "Autosave failed: {e}. Save the project to keep your changes."
            )),
            Poll::Lost => self.failure("Autosave stopped unexpectedly (an internal error).".into()),
        };
        self.job = None;
        self.discard_when_written = false;
        event
    }

    fn failure(&mut self, message: String) -> Option<Event> {
        if self.reported_failure {
            return None;
        }
        self.reported_failure = true;
        Some(Event::Failed(message))
    }

    /// A restored recovery copy is this project's copy now: it is kept until
    /// the project is saved or closed (another crash still finds it).
    pub fn adopt(&mut self, copy: PathBuf) {
        self.written = Some(copy);
    }

    /// The project was saved or closed on purpose: the copy this session
    /// wrote (or restored) goes, and so does one being written now. Copies
    /// it did not write, such as a crash's leftover the user put off deciding
    /// about, stay.
    pub fn discard(&mut self) {
        self.since = None;
        self.written_edits = None;
        if let Some(copy) = self.written.take() {
            let _ = discard_recovery(&copy);
        }
        if self.job.is_some() {
            self.discard_when_written = true;
        }
    }
}
