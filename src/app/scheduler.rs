//! When the project is analysed: changes are collected ([`Change`]) and,
//! after a pause in typing, one background job brings the last analysis up to
//! date ([`reanalyse`]); a newer change cancels a running job and folds its
//! unfinished work into the next one.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::analysis::{AnalysisError, Change, ProjectAnalysis, analyse_project, reanalyse};
use crate::project::Project;

use super::jobs::{Job, Lost, take_finished};

/// The analysis of the open project and the work still to do on it.
#[derive(Default)]
pub struct AnalysisScheduler {
    /// The latest analysis that finished.
    analysis: Option<Arc<ProjectAnalysis>>,
    /// Why the last analysis failed, while it does.
    error: Option<String>,
    /// When the next analysis should start (debounced after edits).
    due: Option<Instant>,
    /// What has changed since the last analysis started.
    pending: Option<Change>,
    job: Option<Job<Result<ProjectAnalysis, AnalysisError>>>,
    /// What the running job brings up to date.
    job_change: Option<Change>,
    /// Whether the analysis fits the project, for a (revision, generation).
    fits: Option<((u64, u64), bool)>,
    /// Set by `FramescopeApp::panic_in_next_analysis` (tests only).
    pub panic_next: bool,
}

/// What [`AnalysisScheduler::poll`] found.
pub enum Polled {
    /// Nothing finished.
    Nothing,
    /// A new analysis is in.
    Analysed,
    /// The analysis failed, with a message the user has not seen yet.
    Failed(String),
    /// The job's thread died.
    Lost,
}

impl AnalysisScheduler {
    /// The latest analysis, whether or not it fits the project.
    pub fn latest(&self) -> Option<&Arc<ProjectAnalysis>> {
        self.analysis.as_ref()
    }

    /// The latest analysis if it fits `project` ([`ProjectAnalysis::fits`]),
    /// checked once per project `revision` and analysis.
    pub fn fitting(&mut self, project: &Project, revision: u64) -> Option<&ProjectAnalysis> {
        let analysis = self.analysis.as_deref()?;
        let key = (revision, analysis.generation);
        let fits = match self.fits {
            Some((k, fits)) if k == key => fits,
            _ => {
                let fits = analysis.fits(project);
                self.fits = Some((key, fits));
                fits
            }
        };
        fits.then_some(analysis)
    }

    /// Why the analysis is paused, if it is.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The running job, for the status bar.
    pub fn job(&self) -> Option<&Job<Result<ProjectAnalysis, AnalysisError>>> {
        self.job.as_ref()
    }

    /// Whether an analysis runs or is due.
    pub fn is_busy(&self) -> bool {
        self.job.is_some() || self.due.is_some()
    }

    /// Asks for an analysis of `change` after `delay` (a later request moves
    /// the start; changes add up).
    pub fn request(&mut self, delay: Duration, change: Change) {
        self.due = Some(Instant::now() + delay);
        self.add_pending(change);
    }

    fn add_pending(&mut self, change: Change) {
        self.pending = Some(match self.pending.take() {
            Some(pending) => pending.and(change),
            None => change,
        });
    }

    /// Forgets everything about the last project: a new one is analysed from
    /// scratch at once.
    pub fn restart(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
        }
        *self = Self {
            panic_next: self.panic_next,
            ..Self::default()
        };
        self.request(Duration::ZERO, Change::Everything);
    }

    /// Stops the running job; its work stays to do.
    pub fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.progress.cancel();
        }
    }

    /// Starts the analysis of `project` if one is due; otherwise asks `ctx`
    /// to repaint when it will be. Errors: the thread could not start.
    pub fn start_due(&mut self, ctx: &egui::Context, project: &Project) -> std::io::Result<()> {
        let Some(due) = self.due else {
            return Ok(());
        };
        let now = Instant::now();
        if now < due {
            ctx.request_repaint_after(due - now);
            return Ok(());
        }
        self.due = None;
        let mut change = self.pending.take().unwrap_or(Change::Everything);
        if let Some(old) = self.job.take() {
            // The cancelled job's work is still to do.
            old.progress.cancel();
            if let Some(unfinished) = self.job_change.take() {
                change = change.and(unfinished);
            }
        }
        let project = project.clone();
        let previous = self.analysis.clone();
        let label = match &change {
            Change::Codes(ids) => format!("Recoding {} documents", ids.len()),
            Change::Scheme => format!("Relabelling {} documents", project.documents.len()),
            Change::Everything => format!("Analysing {} documents", project.documents.len()),
        };
        self.job_change = Some(change.clone());
        let panic_in_job = std::mem::take(&mut self.panic_next);
        self.job = Some(Job::spawn("analysis", label, ctx, move |progress| {
            if panic_in_job {
                panic!("a panic in a background job, asked for by a test");
            }
            let report = |d, t| progress.set(d, t);
            match previous {
                Some(previous) => reanalyse(
                    &project,
                    &previous,
                    &change,
                    progress.cancel_flag(),
                    &report,
                ),
                None => analyse_project(&project, progress.cancel_flag(), &report),
            }
        })?);
        Ok(())
    }

    /// Takes the running job's result if it has finished.
    pub fn poll(&mut self) -> Polled {
        let result = match take_finished(&mut self.job) {
            None => return Polled::Nothing,
            Some(Err(Lost)) => return Polled::Lost,
            Some(Ok(result)) => result,
        };
        let change = self.job_change.take();
        match result {
            Ok(analysis) => {
                self.analysis = Some(Arc::new(analysis));
                self.error = None;
                Polled::Analysed
            }
            Err(AnalysisError::Cancelled) => {
                // Still to do when the analysis next runs.
                if let Some(change) = change {
                    self.add_pending(change);
                }
                Polled::Nothing
            }
            Err(e) => {
                let text = e.to_string();
                let seen = self.error.as_ref() == Some(&text);
                self.error = Some(text.clone());
                if seen {
                    Polled::Nothing
                } else {
                    Polled::Failed(text)
                }
            }
        }
    }
}
