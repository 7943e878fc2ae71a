//! Live counts of single patterns over the included documents, for the count
//! cells of the dictionary view ([`crate::actors::count_pattern`]). A small
//! corpus is counted on the UI thread; a bigger one in background
//! [`Job`]s, and a huge one only once typing pauses. A job whose patterns
//! are no longer shown (typed past) is cancelled.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::actors::{PatternCount, PatternSpec, count_pattern};
use crate::app::jobs::{Job, Poll, Progress};
use crate::app::views::format::plural;
use crate::corpus::{Document, Scope};
use crate::project::Project;

use super::CorpusSummary;

/// Above this much included text, a pattern is counted only once typing
/// pauses, so a big corpus is not scanned for every keystroke.
pub(super) const LIVE_COUNT_LIMIT: usize = 5 * 1024 * 1024;
/// Text scanned on the UI thread per frame at most (included text times
/// patterns to count), a few milliseconds in a release build; more work goes
/// to a background job.
const INLINE_SCAN_BYTES: usize = 512 * 1024;
/// How long typing must pause before a big corpus is scanned.
const SETTLE: Duration = Duration::from_millis(600);
/// Count results kept before the cache is emptied (each typed prefix is one).
const MAX_CACHED_COUNTS: usize = 4000;

/// What the count cell of a pattern shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LiveCount {
    Ready(usize),
    Counting,
    /// A big corpus: counted once typing pauses.
    Waiting,
    Failed,
}

/// The included documents, copied once per corpus change so background jobs
/// can scan them while the project goes on changing.
struct CorpusSnapshot {
    documents: Vec<Arc<Document>>,
    scope: Scope,
}

impl CorpusSnapshot {
    fn of(project: &Project) -> Self {
        Self {
            documents: project
                .documents
                .iter()
                .filter(|d| d.included)
                .cloned()
                .collect(),
            scope: project.settings.scope,
        }
    }
}

/// Finished counts, each `None` when its pattern could not be counted.
type Counts = Vec<(PatternSpec, Option<usize>)>;

/// The count a cell shows for a finished count: `None` when the pattern
/// could not be counted.
fn shown(count: PatternCount) -> Option<usize> {
    match count {
        PatternCount::Matches(n) => Some(n),
        PatternCount::Unusable | PatternCount::Cancelled => None,
    }
}

/// A background job counting some patterns. Dropping it cancels it: nobody
/// wants its counts then.
struct CountJob {
    job: Job<Counts>,
    /// The patterns it counts.
    specs: HashSet<PatternSpec>,
}

impl Drop for CountJob {
    fn drop(&mut self) {
        self.job.progress.cancel();
    }
}

/// Live counts of single patterns over the included documents. Counts are
/// cached per pattern and corpus; missing ones are asked for by the cells
/// drawn in a frame ([`LiveCounts::get`]) and counted after it
/// ([`LiveCounts::dispatch`]), so the UI never waits for a big corpus.
#[derive(Default)]
pub(super) struct LiveCounts {
    /// The corpus the cached counts are for ([`CorpusSummary::fingerprint`]).
    fingerprint: Option<u64>,
    included_bytes: usize,
    snapshot: Option<Arc<CorpusSnapshot>>,
    /// Finished counts; `None` when the pattern could not be counted.
    results: HashMap<PatternSpec, Option<usize>>,
    jobs: Vec<CountJob>,
    /// Patterns shown this frame without a count.
    wanted: Vec<PatternSpec>,
    /// For big corpora: the missing patterns and since when they are missing.
    settling: Option<(Vec<PatternSpec>, Instant)>,
}

impl LiveCounts {
    /// Forgets everything computed over another corpus.
    pub(super) fn sync(&mut self, corpus: &CorpusSummary) {
        if self.fingerprint == Some(corpus.fingerprint) {
            return;
        }
        self.jobs.clear();
        self.fingerprint = Some(corpus.fingerprint);
        self.included_bytes = corpus.included_bytes;
        self.snapshot = None;
        self.results.clear();
        self.settling = None;
    }

    /// Takes in the counts of the jobs finished since the last frame.
    pub(super) fn poll(&mut self) {
        let mut finished = Counts::new();
        self.jobs.retain(|count_job| match count_job.job.poll() {
            Poll::Running => true,
            Poll::Done(counts) => {
                finished.extend(counts);
                false
            }
            // The job's thread died: its patterns cannot be counted.
            Poll::Lost => {
                finished.extend(count_job.specs.iter().map(|spec| (spec.clone(), None)));
                false
            }
        });
        self.results.extend(finished);
        if self.results.len() > MAX_CACHED_COUNTS {
            self.results.clear();
        }
    }

    /// The count of a valid pattern (as compiled, so trimmed); asks for it
    /// when unknown.
    pub(super) fn get(&mut self, spec: &PatternSpec) -> LiveCount {
        match self.results.get(spec) {
            Some(Some(n)) => return LiveCount::Ready(*n),
            Some(None) => return LiveCount::Failed,
            None => {}
        }
        if !self.wanted.contains(spec) {
            self.wanted.push(spec.clone());
        }
        if self.is_counting(spec) || self.included_bytes <= LIVE_COUNT_LIMIT {
            LiveCount::Counting
        } else {
            LiveCount::Waiting
        }
    }

    /// Whether a job is counting `spec`.
    fn is_counting(&self, spec: &PatternSpec) -> bool {
        self.jobs.iter().any(|job| job.specs.contains(spec))
    }

    /// Starts counting the patterns asked for this frame, cancelling jobs
    /// that only count patterns no longer shown.
    pub(super) fn dispatch(&mut self, project: &Project, egui_ctx: &egui::Context) {
        let wanted = std::mem::take(&mut self.wanted);
        self.jobs
            .retain(|job| job.specs.iter().any(|spec| wanted.contains(spec)));
        let missing: Vec<PatternSpec> = wanted
            .into_iter()
            .filter(|spec| !self.is_counting(spec))
            .collect();
        if missing.is_empty() {
            self.settling = None;
            return;
        }
        if self.included_bytes.saturating_mul(missing.len()) <= INLINE_SCAN_BYTES {
            self.count_here(project, missing);
            egui_ctx.request_repaint();
        } else if self.included_bytes <= LIVE_COUNT_LIMIT {
            self.spawn(project, egui_ctx, missing);
        } else if let Some(settled) = self.settled(missing, egui_ctx) {
            self.spawn(project, egui_ctx, settled);
        }
    }

    /// For a huge corpus: the missing patterns once they have stayed the same
    /// for [`SETTLE`]; until then `None`, and a repaint is asked for when
    /// they will have.
    fn settled(
        &mut self,
        missing: Vec<PatternSpec>,
        egui_ctx: &egui::Context,
    ) -> Option<Vec<PatternSpec>> {
        let since = match &self.settling {
            Some((pending, since)) if *pending == missing => *since,
            _ => {
                let now = Instant::now();
                self.settling = Some((missing, now));
                now
            }
        };
        let waited = since.elapsed();
        if waited < SETTLE {
            egui_ctx.request_repaint_after(SETTLE - waited);
            return None;
        }
        self.settling.take().map(|(pending, _)| pending)
    }

    /// Counts on the UI thread: for a small corpus this is quicker than a
    /// job and shows the count in the next frame.
    fn count_here(&mut self, project: &Project, specs: Vec<PatternSpec>) {
        let never = AtomicBool::new(false);
        for spec in specs {
            let count = count_pattern(
                project.included_documents(),
                project.settings.scope,
                &spec,
                &never,
            );
            self.results.insert(spec, shown(count));
        }
    }

    /// Counts `specs` in a background job over a snapshot of the corpus.
    fn spawn(&mut self, project: &Project, egui_ctx: &egui::Context, specs: Vec<PatternSpec>) {
        let snapshot = Arc::clone(
            self.snapshot
                .get_or_insert_with(|| Arc::new(CorpusSnapshot::of(project))),
        );
        let counted: HashSet<PatternSpec> = specs.iter().cloned().collect();
        let label = format!("Counting {}", plural(specs.len(), "pattern", "patterns"));
        let work = move |progress: &Progress| count_job(&snapshot, specs, progress);
        match Job::spawn("pattern-count", label, egui_ctx, work) {
            Ok(job) => self.jobs.push(CountJob {
                job,
                specs: counted,
            }),
            Err(_) => {
                // No thread to count on: show the counts as unavailable
                // rather than blocking the UI to count here.
                for spec in counted {
                    self.results.insert(spec, None);
                }
            }
        }
    }

    /// Whether nothing is being counted or waiting to be.
    #[cfg(test)]
    pub(super) fn is_idle(&self) -> bool {
        self.jobs.is_empty() && self.settling.is_none()
    }

    /// The finished count of `spec`, if there is one.
    #[cfg(test)]
    pub(super) fn finished(&self, spec: &PatternSpec) -> Option<Option<usize>> {
        self.results.get(spec).copied()
    }
}

/// The work of a [`CountJob`]: counts `specs` one after the other over
/// `snapshot`, until done or cancelled.
fn count_job(snapshot: &CorpusSnapshot, specs: Vec<PatternSpec>, progress: &Progress) -> Counts {
    let total = specs.len();
    let mut counts = Counts::with_capacity(total);
    for (done, spec) in specs.into_iter().enumerate() {
        progress.set(done, total);
        let count = count_pattern(
            snapshot.documents.iter().map(Arc::as_ref),
            snapshot.scope,
            &spec,
            progress.cancel_flag(),
        );
        if count == PatternCount::Cancelled {
            break;
        }
        counts.push((spec, shown(count)));
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::views::test_support::demo_project as demo;

    /// Live counts over `project` pretended bigger than what is counted on
    /// the UI thread, and the summary that says so.
    fn counted_on_a_thread(project: &Project) -> (CorpusSummary, LiveCounts) {
        let mut corpus = CorpusSummary::of(project);
        corpus.included_bytes = 2 * INLINE_SCAN_BYTES;
        let mut live = LiveCounts::default();
        live.sync(&corpus);
        (corpus, live)
    }

    /// Asks for `spec` every frame, as the view does, until it is counted.
    fn count_in_background(live: &mut LiveCounts, project: &Project, spec: &PatternSpec) -> usize {
        let egui_ctx = egui::Context::default();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            live.poll();
            match live.get(spec) {
                LiveCount::Ready(n) => return n,
                LiveCount::Failed => panic!("counting failed"),
                LiveCount::Counting | LiveCount::Waiting => {}
            }
            live.dispatch(project, &egui_ctx);
            assert!(Instant::now() < deadline, "no count came back");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    #[test]
    fn a_small_corpus_is_counted_at_once() {
        let project = demo();
        let spec = PatternSpec::new("iran*");
        let mut live = LiveCounts::default();
        live.sync(&CorpusSummary::of(&project));
        assert_eq!(live.get(&spec), LiveCount::Counting);
        live.dispatch(&project, &egui::Context::default());
        assert!(live.jobs.is_empty(), "no job for a small corpus");
        let inline = count_pattern(
            project.included_documents(),
            project.settings.scope,
            &spec,
            &AtomicBool::new(false),
        );
        assert_eq!(
            PatternCount::Matches(live.finished(&spec).flatten().unwrap_or(0)),
            inline
        );
    }

    #[test]
    fn a_bigger_corpus_is_counted_on_a_thread_and_a_huge_one_after_typing_stops() {
        let project = demo();
        let spec = PatternSpec::new("iran*");
        let inline = count_pattern(
            project.included_documents(),
            project.settings.scope,
            &spec,
            &AtomicBool::new(false),
        );
        let (mut corpus, mut live) = counted_on_a_thread(&project);
        assert_eq!(live.get(&spec), LiveCount::Counting);
        live.dispatch(&project, &egui::Context::default());
        assert_eq!(live.jobs.len(), 1, "a counting job started");
        let n = count_in_background(&mut live, &project, &spec);
        assert_eq!(PatternCount::Matches(n), inline);

        // Over the live limit, nothing starts until the pattern stays put.
        corpus.included_bytes = LIVE_COUNT_LIMIT + 1;
        corpus.fingerprint ^= 1;
        live.sync(&corpus);
        assert_eq!(live.get(&spec), LiveCount::Waiting);
        live.dispatch(&project, &egui::Context::default());
        assert!(live.jobs.is_empty() && live.settling.is_some());
        let started = Instant::now();
        let again = count_in_background(&mut live, &project, &spec);
        assert_eq!(again, n);
        assert!(started.elapsed() >= SETTLE);
    }

    #[test]
    fn a_thread_counting_a_pattern_no_longer_shown_is_cancelled() {
        let project = demo();
        let (_, mut live) = counted_on_a_thread(&project);
        let egui_ctx = egui::Context::default();
        let _ = live.get(&PatternSpec::new("ira"));
        live.dispatch(&project, &egui_ctx);
        let first = Arc::clone(&live.jobs[0].job.progress);
        // The next frame shows the pattern typed on.
        let _ = live.get(&PatternSpec::new("iran"));
        live.poll();
        live.dispatch(&project, &egui_ctx);
        assert!(first.is_cancelled() || live.results.contains_key(&PatternSpec::new("ira")));
        assert!(
            live.jobs
                .iter()
                .any(|job| job.specs.contains(&PatternSpec::new("iran")))
        );
    }

    #[test]
    fn counts_over_another_corpus_are_forgotten_and_its_jobs_cancelled() {
        let project = demo();
        let (mut corpus, mut live) = counted_on_a_thread(&project);
        let egui_ctx = egui::Context::default();
        let spec = PatternSpec::new("iran*");
        let _ = live.get(&spec);
        live.dispatch(&project, &egui_ctx);
        let job = Arc::clone(&live.jobs[0].job.progress);
        corpus.fingerprint ^= 1;
        live.sync(&corpus);
        assert!(job.is_cancelled());
        assert!(live.jobs.is_empty());
        let _ = count_in_background(&mut live, &project, &spec);
        corpus.fingerprint ^= 1;
        live.sync(&corpus);
        assert_eq!(live.finished(&spec), None);
    }
}
