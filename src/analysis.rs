//! A whole project analysed in one pass: every document's mentions, word
//! count and framing, computed from the project's documents, dictionary,
//! scheme and codes. This is the derived state the desktop app shows; it is
//! never saved (the project is the one source of truth) and is rebuilt in the
//! background whenever the inputs change.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::actors::{
    ActorDictionary, DictionaryError, DocumentMentions, Grouping, Matcher, Mention, MentionCount,
    count_mentions, merge_counts, tabulate_mentions,
};
use crate::corpus::{Document, ImportOptions, ImportReport, Scope, import_streaming};
use crate::framing::{
    Agreement, DocumentFraming, FrameDetector, SchemeError, agreement_with_codes,
    frame_document_with_mentions,
};
use crate::project::{Project, ProjectError, ProjectStream};

/// A corpus read once, a chunk of documents at a time, by the headless
/// commands (`count`, `frames`): the parsed corpus is never in memory whole,
/// so memory stays bounded whatever its size.
pub enum Corpus<'a> {
    /// Files and folders, imported a few hundred files at a time
    /// ([`import_streaming`]). Documents are labelled by file name (`a.txt`,
    /// `t.csv#3`); duplicates are left out as in a project.
    Files {
        paths: &'a [PathBuf],
        options: &'a ImportOptions,
    },
    /// A project file ([`ProjectStream`]). Documents are labelled by title.
    Project(&'a ProjectStream),
}

/// What [`Corpus::for_each_chunk`] calls: included documents with their
/// labels, side by side.
pub type OnChunk<'a> = dyn FnMut(&[&Document], &[String]) -> ControlFlow<()> + 'a;

/// Documents of a project file handed over together (small chunks keep
/// memory close to the file's size; 64 is as fast as larger ones).
const PROJECT_CHUNK: usize = 64;

impl Corpus<'_> {
    /// Hands the included documents and their labels to `on_chunk`, a chunk
    /// at a time in corpus order; `on_chunk` may stop early with
    /// `ControlFlow::Break`. Gives the import report (empty for a project);
    /// fails only on a malformed project file.
    pub fn for_each_chunk(&self, on_chunk: &mut OnChunk) -> Result<ImportReport, ProjectError> {
        fn included<'d>(
            docs: impl Iterator<Item = &'d Document>,
            label: fn(&Document) -> &str,
        ) -> (Vec<&'d Document>, Vec<String>) {
            let docs: Vec<&Document> = docs.filter(|d| d.included).collect();
            let labels = docs.iter().map(|d| label(d).to_string()).collect();
            (docs, labels)
        }
        match self {
            Corpus::Files { paths, options } => {
                // Stopping also stops the import (its progress callback).
                let stopped = std::cell::Cell::new(false);
                let report =
                    import_streaming(paths, options, &[], &mut |_| !stopped.get(), &mut |chunk| {
                        if !stopped.get() {
                            let (docs, labels) = included(chunk.iter(), Document::file_label);
                            stopped.set(on_chunk(&docs, &labels).is_break());
                        }
                    });
                Ok(report)
            }
            Corpus::Project(stream) => {
                stream.for_each_chunk(PROJECT_CHUNK, &mut |chunk| {
                    let (docs, labels) =
                        included(chunk.iter().map(AsRef::as_ref), Document::display_name);
                    on_chunk(&docs, &labels)
                })?;
                Ok(ImportReport::default())
            }
        }
    }
}

/// Counts mentions in a corpus without keeping it: each chunk is counted and
/// dropped ([`Corpus::for_each_chunk`]). Gives the same rows as loading the
/// whole corpus and calling [`count_mentions`], and the import report.
pub fn count_corpus(
    corpus: &Corpus,
    dictionary: &ActorDictionary,
    matcher: &Matcher,
    scope: Scope,
    grouping: Grouping,
) -> Result<(Vec<MentionCount>, ImportReport), ProjectError> {
    let mut rows = Vec::new();
    let (report, _) =
        count_corpus_with(corpus, dictionary, matcher, scope, grouping, &mut |chunk| {
            rows.extend(chunk)
        })?;
    // Per document, the chunks' rows are already the whole table; per source,
    // a source's documents may span chunks, and their sums are merged exactly.
    let rows = match grouping {
        Grouping::Document => rows,
        Grouping::Source => merge_counts(rows),
    };
    Ok((rows, report))
}

/// [`count_corpus`] handing the rows over a chunk at a time, in corpus
/// order. Per document these are final rows (print them and drop them:
/// memory stays bounded even for the table); per source they are partial
/// sums for [`merge_counts`]. Returns the import report and how many
/// documents were counted.
pub fn count_corpus_with(
    corpus: &Corpus,
    dictionary: &ActorDictionary,
    matcher: &Matcher,
    scope: Scope,
    grouping: Grouping,
    on_rows: &mut dyn FnMut(Vec<MentionCount>),
) -> Result<(ImportReport, usize), ProjectError> {
    let mut documents = 0;
    let report = corpus.for_each_chunk(&mut |docs, labels| {
        documents += docs.len();
        on_rows(count_mentions(
            docs, labels, dictionary, matcher, scope, grouping,
        ));
        ControlFlow::Continue(())
    })?;
    Ok((report, documents))
}

/// What the analysis found in one document.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentAnalysis {
    /// The document's id (so a later analysis can tell it is the same text).
    pub document: String,
    /// Every mention in the full text, by position (the reader shows those
    /// outside the body too, dimmed).
    pub mentions: Vec<Mention>,
    /// Mentions inside the analysis scope, and the scope's word count.
    pub scoped: DocumentMentions,
    /// Passages (automatic and coded) and summaries per focal actor.
    pub framing: DocumentFraming,
    /// For a document with manual codes, its framing without them: what the
    /// engine alone says, to compare with the analyst ([`ProjectAnalysis::validity`]).
    pub automatic: Option<DocumentFraming>,
}

/// The analysis of every document of a project, in project order.
#[derive(Clone, Debug)]
pub struct ProjectAnalysis {
    /// Tells analyses apart: each one made gets a new number, larger than any
    /// before it in this process, so whoever derives data from an analysis
    /// can key a cache on it.
    pub generation: u64,
    /// The scope counts and passages were computed over.
    pub scope: Scope,
    /// One entry per project document (excluded ones too, so indices match).
    pub documents: Vec<DocumentAnalysis>,
    /// Focal actors of the scheme as (dictionary index, name).
    pub focal_actors: Vec<(usize, String)>,
    /// The scheme's labels (frames, then neutral) the passages were labelled
    /// with, in the order of every [`crate::framing::ArticleSummary::counts`].
    pub labels: Vec<String>,
    /// Fingerprint of the dictionary the mentions were found with.
    pub dictionary: String,
    /// How far the automatic labels agree with the analyst's decisions;
    /// `None` while no passage is decided.
    pub validity: Option<Agreement>,
}

/// What changed in a project since its last analysis: how much must be redone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Only manual codes of these documents (by id): their passages are
    /// recoded, nothing is matched again.
    Codes(std::collections::BTreeSet<String>),
    /// The frame scheme: every document's passages are redetected from the
    /// mentions already found.
    Scheme,
    /// Documents, dictionary, body ranges or scope: everything is redone.
    Everything,
}

impl Change {
    /// The change that covers both `self` and `other`.
    pub fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Everything, _) | (_, Change::Everything) => Change::Everything,
            (Change::Scheme, _) | (_, Change::Scheme) => Change::Scheme,
            (Change::Codes(mut a), Change::Codes(b)) => {
                a.extend(b);
                Change::Codes(a)
            }
        }
    }
}

/// Why a project cannot be analysed.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum AnalysisError {
    /// Some dictionary patterns do not compile.
    #[error("the actor dictionary has {} bad pattern(s): {}", .0.len(), first_error(.0))]
    Dictionary(Vec<DictionaryError>),
    /// The frame scheme cannot be used with this dictionary.
    #[error("the frame scheme cannot be used: {0}")]
    Scheme(#[from] SchemeError),
    /// The caller asked to stop.
    #[error("the analysis was cancelled")]
    Cancelled,
}

fn first_error(errors: &[DictionaryError]) -> String {
    errors.first().map(ToString::to_string).unwrap_or_default()
}

/// Analyses every document of `project` over its settings' scope, in
/// parallel on every core (documents are independent; results keep project
/// order).
///
/// `cancel` is polled before each document; `progress(done, total)` is called
/// after each one (from worker threads, in no particular order of documents,
/// with `done` counting up) so a caller can show a progress bar.
pub fn analyse_project(
    project: &Project,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ProjectAnalysis, AnalysisError> {
    let matcher = Matcher::new(&project.dictionary).map_err(AnalysisError::Dictionary)?;
    let detector = FrameDetector::new(&project.scheme, &project.dictionary)?;
    let scope = project.settings.scope;
    let total = project.documents.len();
    let done = AtomicUsize::new(0);
    let documents: Option<Vec<DocumentAnalysis>> = project
        .documents
        .par_iter()
        .map(|doc| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mentions = matcher.find(&doc.text);
            let scoped = DocumentMentions::from_mentions(doc, &mentions, scope);
            let (framing, automatic) = frame_with_codes(project, doc, &mentions, &detector);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(DocumentAnalysis {
                document: doc.id.clone(),
                mentions,
                scoped,
                framing,
                automatic,
            })
        })
        .collect();
    let documents = documents.ok_or(AnalysisError::Cancelled)?;
    let dictionary = project.dictionary.fingerprint();
    Ok(ProjectAnalysis::new(
        project, documents, &detector, dictionary,
    ))
}

/// Brings `previous` (an analysis of an earlier state of `project`) up to
/// date after `change`, redoing only what the change touches: recoding a
/// passage re-frames one document instead of re-matching the corpus. Falls
/// back to a full analysis when `previous` does not fit the project.
pub fn reanalyse(
    project: &Project,
    previous: &ProjectAnalysis,
    change: &Change,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ProjectAnalysis, AnalysisError> {
    if !previous.fits(project) || *change == Change::Everything {
        return analyse_project(project, cancel, progress);
    }
    let detector = FrameDetector::new(&project.scheme, &project.dictionary)?;
    let redo = |doc: &crate::corpus::Document| match change {
        Change::Codes(ids) => ids.contains(&doc.id),
        _ => true,
    };
    let total = project.documents.iter().filter(|d| redo(d)).count();
    let done = AtomicUsize::new(0);
    let documents: Option<Vec<DocumentAnalysis>> = project
        .documents
        .par_iter()
        .zip(&previous.documents)
        .map(|(doc, old)| {
            if !redo(doc) {
                return Some(old.clone());
            }
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let (framing, automatic) = frame_with_codes(project, doc, &old.mentions, &detector);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(DocumentAnalysis {
                framing,
                automatic,
                ..old.clone()
            })
        })
        .collect();
    let documents = documents.ok_or(AnalysisError::Cancelled)?;
    let dictionary = previous.dictionary.clone();
    Ok(ProjectAnalysis::new(
        project, documents, &detector, dictionary,
    ))
}

/// A document's framing with the project's codes and, when it has any, without.
fn frame_with_codes(
    project: &Project,
    doc: &crate::corpus::Document,
    mentions: &[Mention],
    detector: &FrameDetector,
) -> (DocumentFraming, Option<DocumentFraming>) {
    let scope = project.settings.scope;
    let framing = frame_document_with_mentions(doc, &project.codes, mentions, detector, scope);
    let coded = project.codes.iter().any(|c| c.document == doc.id);
    let automatic =
        coded.then(|| frame_document_with_mentions(doc, &[], mentions, detector, scope));
    (framing, automatic)
}

/// The agreement of the automatic labels with the project's codes, from the
/// framings already computed.
fn validity(
    project: &Project,
    documents: &[DocumentAnalysis],
    detector: &FrameDetector,
) -> Option<Agreement> {
    agreement_with_codes(
        project,
        detector,
        project
            .documents
            .iter()
            .zip(documents)
            .filter(|(doc, _)| doc.included)
            .filter_map(|(doc, a)| Some((&**doc, a.automatic.as_ref()?, &a.framing))),
    )
}

/// Two analyses are equal when they found the same: the generation only
/// tells them apart in time.
impl PartialEq for ProjectAnalysis {
    fn eq(&self, other: &Self) -> bool {
        let ProjectAnalysis {
            generation: _,
            scope,
            documents,
            focal_actors,
            labels,
            dictionary,
            validity,
        } = self;
        *scope == other.scope
            && *documents == other.documents
            && *focal_actors == other.focal_actors
            && *labels == other.labels
            && *dictionary == other.dictionary
            && *validity == other.validity
    }
}

/// The next [`ProjectAnalysis::generation`].
fn next_generation() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl ProjectAnalysis {
    /// The analysis made of `documents` (one per project document, matched
    /// with the dictionary of fingerprint `dictionary`), labelled by
    /// `detector`: a new generation.
    fn new(
        project: &Project,
        documents: Vec<DocumentAnalysis>,
        detector: &FrameDetector,
        dictionary: String,
    ) -> Self {
        ProjectAnalysis {
            generation: next_generation(),
            scope: project.settings.scope,
            validity: validity(project, &documents, detector),
            documents,
            focal_actors: detector.focal_actors().to_vec(),
            labels: (detector.scheme().labels().into_iter())
                .map(str::to_string)
                .collect(),
            dictionary,
        }
    }

    /// Whether this analysis stands for `project` as it is: the same
    /// documents in the same order (so indices agree), matched with the same
    /// dictionary (so actor indices agree) over the same scope. Codes and the
    /// scheme may be one step ahead of it: the passages are then the last
    /// analysis's until the next one lands, labelled with [`Self::labels`].
    pub fn fits(&self, project: &Project) -> bool {
        self.scope == project.settings.scope
            && self.documents.len() == project.documents.len()
            && self.dictionary == project.dictionary.fingerprint()
            && self
                .documents
                .iter()
                .zip(&project.documents)
                .all(|(a, d)| a.document == d.id)
    }

    /// The count table of the included documents, exactly as
    /// `framescope count` computes it (both go through [`tabulate_mentions`]).
    pub fn counts(&self, project: &Project, grouping: Grouping) -> Vec<MentionCount> {
        tabulate_mentions(
            project
                .documents
                .iter()
                .zip(&self.documents)
                .filter(|(doc, _)| doc.included)
                .map(|(doc, analysis)| (&**doc, doc.display_name(), &analysis.scoped)),
            &project.dictionary,
            grouping,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::count_mentions;

    fn demo() -> Project {
        crate::test_fixtures::demo_project()
    }

    /// The project's included documents counted in one go, labelled by title
    /// (as the command line labels a project's documents).
    fn counted_whole(project: &Project, scope: Scope, grouping: Grouping) -> Vec<MentionCount> {
        let matcher = Matcher::new(&project.dictionary).unwrap();
        let docs: Vec<_> = project.included_documents().collect();
        let labels: Vec<String> = docs.iter().map(|d| d.display_name().to_string()).collect();
        count_mentions(
            &docs,
            &labels,
            &project.dictionary,
            &matcher,
            scope,
            grouping,
        )
    }

    #[test]
    fn counts_agree_with_the_command_line_counter() {
        let project = demo();
        let analysis = analyse_project(&project, &AtomicBool::new(false), &|_, _| {}).unwrap();
        for grouping in [Grouping::Document, Grouping::Source] {
            let direct = counted_whole(&project, project.settings.scope, grouping);
            assert_eq!(analysis.counts(&project, grouping), direct);
        }
    }

    #[test]
    fn counting_files_as_they_stream_equals_counting_the_imported_corpus() {
        // More files than one import chunk, several outlets spread over the
        // chunks, and some duplicates: the streamed rows must equal the rows
        // of a whole import, per document and per source.
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "Russia",
            "Moscow",
            "Iran",
            "Tehran",
            "Ankara",
            "the Kremlin",
        ];
        for outlet in ["Outlet A", "Outlet B", "Outlet C"] {
            std::fs::create_dir(dir.path().join(outlet)).unwrap();
        }
        for i in 0..700 {
            let outlet = ["Outlet A", "Outlet B", "Outlet C"][i * 7 % 3];
            let text = format!(
                "Report {i}\n\n{} met {} while {} watched. Item {i}.\n",
                names[i % 6],
                names[i * 5 % 6],
                names[(i / 6) % 6]
            );
            std::fs::write(dir.path().join(outlet).join(format!("{i:04}.txt")), text).unwrap();
        }
        let text = "Copy\n\nMoscow and Tehran were named.\n";
        std::fs::write(dir.path().join("Outlet A/copy-a.txt"), text).unwrap();
        std::fs::write(dir.path().join("Outlet C/copy-b.txt"), text).unwrap();
        let paths: Vec<PathBuf> = std::iter::once(dir.path().to_path_buf()).collect();
        let options = ImportOptions::default();
        let (documents, whole_report) =
            crate::corpus::import_paths(&paths, &options, &[], &mut |_| true);
        assert!(documents.len() > 600, "{} documents", documents.len());
        assert_eq!(whole_report.duplicates.len(), 1);
        let dictionary = ActorDictionary::default_dictionary();
        let matcher = Matcher::new(&dictionary).unwrap();
        let included: Vec<&Document> = documents.iter().filter(|d| d.included).collect();
        let labels: Vec<String> = included
            .iter()
            .map(|d| d.file_label().to_string())
            .collect();
        for grouping in [Grouping::Document, Grouping::Source] {
            let whole = count_mentions(
                &included,
                &labels,
                &dictionary,
                &matcher,
                Scope::Body,
                grouping,
            );
            let corpus = Corpus::Files {
                paths: &paths,
                options: &options,
            };
            let (streamed, report) =
                count_corpus(&corpus, &dictionary, &matcher, Scope::Body, grouping).unwrap();
            assert_eq!(streamed, whole, "{grouping:?}");
            assert_eq!(report.imported.len(), whole_report.imported.len());
            assert_eq!(report.duplicates.len(), 1);
        }
    }

    #[test]
    fn counting_a_project_as_it_streams_equals_counting_it_loaded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        // The demo's documents many times over (as copies with distinct
        // ids), so the stream spans several chunks; some are excluded.
        let mut project = demo();
        let originals = project.documents.clone();
        for round in 1..60 {
            for doc in &originals {
                let mut copy = Document::clone(doc);
                copy.id = format!("{}-{round}", doc.id);
                copy.included = round % 7 != 0;
                project.documents.push(copy.into());
            }
        }
        assert!(project.documents.len() > 2 * PROJECT_CHUNK);
        crate::project::save_project(&project, &path).unwrap();
        let stream = ProjectStream::open(&path).unwrap();
        let matcher = Matcher::new(&project.dictionary).unwrap();
        for grouping in [Grouping::Document, Grouping::Source] {
            let whole = counted_whole(&project, Scope::Full, grouping);
            let (streamed, report) = count_corpus(
                &Corpus::Project(&stream),
                &stream.head.dictionary,
                &matcher,
                Scope::Full,
                grouping,
            )
            .unwrap();
            assert_eq!(streamed, whole, "{grouping:?}");
            assert!(report.imported.is_empty());
        }
    }

    #[test]
    fn excluded_documents_are_left_out_of_counts() {
        let mut project = demo();
        let analysis = analyse_project(&project, &AtomicBool::new(false), &|_, _| {}).unwrap();
        let before = analysis.counts(&project, Grouping::Document).len();
        project.document_mut(0).unwrap().included = false;
        let after = analysis.counts(&project, Grouping::Document).len();
        assert_eq!(before - after, project.dictionary.actors.len());
    }

    #[test]
    fn an_analysis_fits_its_documents_dictionary_and_scope_and_each_is_new() {
        let project = demo();
        let none = AtomicBool::new(false);
        let analysis = analyse_project(&project, &none, &|_, _| {}).unwrap();
        assert!(analysis.fits(&project));
        let again = analyse_project(&project, &none, &|_, _| {}).unwrap();
        assert!(again.generation > analysis.generation);
        assert_eq!(again, analysis, "the generation is not content");

        // The scheme and codes may run ahead: the analysis still fits.
        let mut rescheme = project.clone();
        rescheme.scheme.frames[0].name = "waning".into();
        assert!(analysis.fits(&rescheme));
        assert_eq!(analysis.labels[0], project.scheme.frames[0].name);

        let mut fewer = project.clone();
        fewer.documents.pop();
        assert!(!analysis.fits(&fewer));
        let mut reordered = project.clone();
        reordered.documents.swap(0, 1);
        assert!(!analysis.fits(&reordered));
        let mut redict = project.clone();
        redict.dictionary.actors.pop();
        assert!(!analysis.fits(&redict));
        let mut rescoped = project.clone();
        rescoped.settings.scope = match project.settings.scope {
            Scope::Full => Scope::Body,
            Scope::Body => Scope::Full,
        };
        assert!(!analysis.fits(&rescoped));
    }

    #[test]
    fn reanalysis_after_each_kind_of_change_equals_a_full_analysis() {
        use crate::framing::{Decision, decide};
        let project = demo();
        let none = AtomicBool::new(false);
        let before = analyse_project(&project, &none, &|_, _| {}).unwrap();

        let mut coded = project.clone();
        let doc = &coded.documents[2];
        let p = &before.documents[2].framing.passages[0].passage;
        let (id, text) = (doc.id.clone(), doc.text.clone());
        decide(
            &mut coded.codes,
            &id,
            &text,
            p.range.clone(),
            &p.actor,
            "declining",
            Decision::Relabel("declining".into()),
        )
        .unwrap();
        let change = Change::Codes(std::iter::once(id).collect());
        let quick = reanalyse(&coded, &before, &change, &none, &|_, _| {}).unwrap();
        assert_eq!(quick, analyse_project(&coded, &none, &|_, _| {}).unwrap());
        assert_ne!(quick, before);

        let mut rescheme = project.clone();
        rescheme.scheme.frames[0].cues.clear();
        let quick = reanalyse(&rescheme, &before, &Change::Scheme, &none, &|_, _| {}).unwrap();
        assert_eq!(
            quick,
            analyse_project(&rescheme, &none, &|_, _| {}).unwrap()
        );

        // A dictionary change cannot reuse mentions: it falls back to a full run.
        let mut redict = project.clone();
        redict.dictionary.actors.retain(|a| a.name != "Türkiye");
        let quick = reanalyse(&redict, &before, &Change::Scheme, &none, &|_, _| {}).unwrap();
        assert_eq!(quick, analyse_project(&redict, &none, &|_, _| {}).unwrap());
    }

    #[test]
    fn cancelling_stops_the_analysis() {
        let project = demo();
        let cancel = AtomicBool::new(true);
        let result = analyse_project(&project, &cancel, &|_, _| {});
        assert_eq!(result, Err(AnalysisError::Cancelled));
    }

    #[test]
    fn a_bad_pattern_is_reported_not_panicked_on() {
        let mut project = demo();
        project.dictionary.actors[0]
            .patterns
            .push(crate::actors::PatternSpec::new("*"));
        let result = analyse_project(&project, &AtomicBool::new(false), &|_, _| {});
        assert!(matches!(result, Err(AnalysisError::Dictionary(e)) if e.len() == 1));
    }

    #[test]
    fn progress_reaches_the_total() {
        let project = demo();
        let most = AtomicUsize::new(0);
        let totals = AtomicUsize::new(0);
        analyse_project(&project, &AtomicBool::new(false), &|d, t| {
            most.fetch_max(d, Ordering::Relaxed);
            totals.store(t, Ordering::Relaxed);
        })
        .unwrap();
        let n = project.documents.len();
        assert_eq!((most.into_inner(), totals.into_inner()), (n, n));
    }
}
