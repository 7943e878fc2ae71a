//! Background work: each job runs on a named thread, reports progress through
//! shared counters, can be cancelled, and hands its result back over a
//! channel. The UI polls jobs every frame and never waits for one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

/// Progress and cancellation shared between a job and the UI.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

impl Progress {
    /// Records `done` steps out of `total`.
    pub fn set(&self, done: usize, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
    }

    /// Done / total, or `None` while the total is unknown.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.done.load(Ordering::Relaxed) as f32 / total as f32)
    }

    /// (done, total).
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// The flag a job polls to stop early.
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }

    /// Asks the job to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the job was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A running background job producing a `T`.
pub struct Job<T> {
    /// What the status bar calls it ("Analysing", "Importing 12 files").
    pub label: String,
    pub progress: Arc<Progress>,
    pub started: Instant,
    result: Receiver<T>,
}

/// What polling a job found.
pub enum Poll<T> {
    Running,
    Done(T),
    /// The thread ended without a result (it panicked).
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `framescope-{name}`; `ctx` is asked to
    /// repaint when the result is ready so the UI picks it up at once.
    pub fn spawn(
        name: &str,
        label: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let progress = Arc::new(Progress::default());
        let (sender, result) = channel();
        let shared = Arc::clone(&progress);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(format!("framescope-{name}"))
            .spawn(move || {
                let output = work(&shared);
                // The receiver is gone only when the app dropped the job
                // (cancelled or superseded): nobody wants the result then.
                let _ = sender.send(output);
                ctx.request_repaint();
            })?;
        Ok(Self {
            label: label.into(),
            progress,
            started: Instant::now(),
            result,
        })
    }

    /// Takes the result if the job has finished.
    pub fn poll(&self) -> Poll<T> {
        match self.result.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

/// A job whose thread ended without a result (it panicked).
#[derive(Debug)]
pub struct Lost;

/// Takes the job in `slot` out once it has finished: `None` while it runs
/// (or there is none), else its result, or [`Lost`]; the slot is then empty.
pub fn take_finished<T: Send + 'static>(slot: &mut Option<Job<T>>) -> Option<Result<T, Lost>> {
    let finished = match slot.as_ref()?.poll() {
        Poll::Running => return None,
        Poll::Done(value) => Ok(value),
        Poll::Lost => Err(Lost),
    };
    *slot = None;
    Some(finished)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_hands_back_its_result_and_progress() {
        let ctx = egui::Context::default();
        let job = Job::spawn("test", "Testing", &ctx, |p| {
            p.set(3, 4);
            42
        })
        .unwrap();
        let value = loop {
            match job.poll() {
                Poll::Done(v) => break v,
                Poll::Running => std::thread::sleep(std::time::Duration::from_millis(1)),
                Poll::Lost => panic!("job lost"),
            }
        };
        assert_eq!(value, 42);
        assert_eq!(job.progress.counts(), (3, 4));
    }

    #[test]
    fn a_panicking_job_is_reported_lost_not_hung() {
        let ctx = egui::Context::default();
        let job: Job<()> = Job::spawn("test", "Testing", &ctx, |_| panic!("boom")).unwrap();
        let lost = loop {
            match job.poll() {
                Poll::Done(()) => break false,
                Poll::Running => std::thread::sleep(std::time::Duration::from_millis(1)),
                Poll::Lost => break true,
            }
        };
        assert!(lost);
    }
}
