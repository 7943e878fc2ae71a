//! Importing files and folders into documents, with a report of what happened.

mod blocks;
mod frontmatter;
mod html;
mod name_pattern;
mod preview;
mod tabular;
mod text_file;

pub use name_pattern::{NameFields, NamePattern, NamePatternError};
pub use preview::{ImportPreview, PreviewRow};

use std::collections::HashMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;

use super::document::{Document, Metadata};
use rayon::prelude::*;

use super::encoding::decode;

/// Column names for `.csv`/`.jsonl` imports; `None` means "find by name".
#[derive(Clone, Debug, Default)]
pub struct ColumnNames {
    pub text: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Outlet name given to every imported document (overrides file metadata).
    pub source: Option<String>,
    /// Reads the source (and a missing date, and a title the file lacks)
    /// from file names. A source comes from, in order: `source` above; the
    /// file's own metadata; its sub-folder; this pattern; an HTML page's
    /// application name or URL host.
    pub source_pattern: Option<NamePattern>,
    /// Column names for tables.
    pub columns: ColumnNames,
    /// The folder the given files are part of: a file inside it takes the
    /// sub-folder below it as its fallback source, as when the folder itself
    /// is given (a shard of a folder read as the whole folder reads).
    pub root: Option<PathBuf>,
}

/// One file or row that was imported.
#[derive(Clone, Debug, Serialize)]
pub struct ImportedEntry {
    pub origin: String,
    pub id: String,
    pub title: String,
}

/// A file that was not imported, and why.
#[derive(Clone, Debug, Serialize)]
pub struct SkippedEntry {
    pub path: String,
    pub reason: String,
}

/// A document whose text is identical to an earlier one.
#[derive(Clone, Debug, Serialize)]
pub struct DuplicateEntry {
    pub origin: String,
    /// Origin of the earlier document with the same text.
    pub duplicate_of: String,
}

/// Something worth knowing about an imported file (legacy encoding, bad row…).
#[derive(Clone, Debug, Serialize)]
pub struct ImportWarning {
    pub path: String,
    pub message: String,
}

/// What an import did: every input file ends up in exactly one list (a table
/// file may contribute several imported rows and warnings).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportReport {
    pub imported: Vec<ImportedEntry>,
    pub skipped: Vec<SkippedEntry>,
    pub duplicates: Vec<DuplicateEntry>,
    pub warnings: Vec<ImportWarning>,
    /// Files whose names the file-name pattern does not fit (their metadata
    /// is left as it was; one warning lists them).
    pub pattern_misses: usize,
    /// Whether the import was cancelled before all files were read.
    pub cancelled: bool,
    /// What a REFI-QDA project held and what of it was kept (only for a
    /// `.qdpx` import).
    pub qda: Option<QdaCounts>,
}

/// What a REFI-QDA project (`.qdpx`) held, counted as its file gives it, and
/// how much of it the import kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct QdaCounts {
    /// `<Sources>` children of every kind, and the text sources among them.
    pub sources: usize,
    pub text_sources: usize,
    /// Codes of the codebook, all levels, and how many of them went into
    /// the frame scheme (focal actors' codes and their frame labels); the
    /// rest are user codes.
    pub codes: usize,
    pub frame_codes: usize,
    /// Coded selections of text sources, the codings they carry, and the
    /// selections kept (as manual codes or user selections).
    pub selections: usize,
    pub codings: usize,
    pub selections_kept: usize,
    /// `<Note>`s, and those kept: as the memo of a document, selection or
    /// code, as an annotated passage, or as a project note.
    pub notes: usize,
    pub notes_kept: usize,
    pub cases: usize,
    pub variables: usize,
    pub sets: usize,
}

impl std::fmt::Display for QdaCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} sources ({} text), {} codes ({} frame codes, {} user codes), \
             {} selections with {} codings ({} kept), {} notes ({} kept), \
             {} cases, {} variables, {} sets",
            self.sources,
            self.text_sources,
            self.codes,
            self.frame_codes,
            self.codes - self.frame_codes,
            self.selections,
            self.codings,
            self.selections_kept,
            self.notes,
            self.notes_kept,
            self.cases,
            self.variables,
            self.sets
        )
    }
}

impl ImportReport {
    /// The report's counts in words: "imported 2 documents", "skipped 0
    /// files", "0 duplicates", "1 warning" (the command line joins them with
    /// commas, the app with dots).
    pub fn counts(&self) -> [String; 4] {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        [
            format!(
                "imported {}",
                count(self.imported.len(), "document", "documents")
            ),
            format!("skipped {}", count(self.skipped.len(), "file", "files")),
            count(self.duplicates.len(), "duplicate", "duplicates"),
            count(self.warnings.len(), "warning", "warnings"),
        ]
    }
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{}{}",
            self.counts().join(", "),
            if self.cancelled { " (cancelled)" } else { "" }
        )?;
        if let Some(qda) = &self.qda {
            writeln!(f, "REFI-QDA project: {qda}")?;
        }
        for s in &self.skipped {
            writeln!(f, "  skipped {}: {}", s.path, s.reason)?;
        }
        for d in &self.duplicates {
            writeln!(
                f,
                "  duplicate {}: same text as {}",
                d.origin, d.duplicate_of
            )?;
        }
        for w in &self.warnings {
            writeln!(f, "  warning {}: {}", w.path, w.message)?;
        }
        Ok(())
    }
}

/// The largest file read: anything bigger is not an article or a table of
/// articles one should import whole (and would need several times its size
/// in memory).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Files read in parallel before their documents are assembled in order.
const IMPORT_CHUNK: usize = 256;

/// Progress of an import: files done out of files found.
#[derive(Clone, Copy, Debug)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
}

/// An article parsed from a file, before it gets an id.
pub(crate) struct Parsed {
    pub text: String,
    pub meta: Metadata,
    pub body: Vec<Range<usize>>,
    pub warnings: Vec<String>,
    pub hints: Hints,
}

/// What a file says about itself beyond its metadata, for the rules that
/// fill in what the metadata leaves empty.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hints {
    /// The title is the file's name: nothing in the file reads as one.
    pub title_from_file_name: bool,
    /// A source for when nothing else gives one: an HTML page's application
    /// name or the host of its URL.
    pub site: String,
}

/// Fills in what a document's own metadata leaves empty, the same way for an
/// import and its preview. The source is, in order: the source forced for
/// all (`--source`); the file's metadata (front matter, HTML meta, a
/// column); the sub-folder the file sits in (`group`); the file-name
/// pattern's `{source}`; an HTML page's site name or URL host. The pattern's
/// `{date}` fills a missing date and its `{title}` replaces a title that is
/// only the file's name. `name` is what the pattern read from the file's
/// name, if it fits.
pub(crate) fn complete_metadata(
    meta: &mut Metadata,
    hints: &Hints,
    group: Option<&str>,
    name: Option<&NameFields>,
    options: &ImportOptions,
) {
    let from_name = |pick: fn(&NameFields) -> &Option<String>| {
        name.and_then(|n| pick(n).as_deref())
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if let Some(source) = &options.source {
        meta.source = source.clone();
    } else if meta.source.trim().is_empty() {
        meta.source = group
            .filter(|g| !g.trim().is_empty())
            .or_else(|| from_name(|n| &n.source))
            .unwrap_or(hints.site.as_str())
            .to_string();
    }
    if meta.date.trim().is_empty()
        && let Some(date) = from_name(|n| &n.date)
    {
        meta.date = date.to_string();
    }
    if hints.title_from_file_name
        && let Some(title) = from_name(|n| &n.title)
    {
        meta.title = title.to_string();
    }
}

/// The file-name pattern's misses: how many, and the first few names.
#[derive(Default)]
struct PatternMisses {
    count: usize,
    first: Vec<String>,
}

impl PatternMisses {
    /// Reads a file's name with the pattern, noting a name it does not fit.
    fn read(&mut self, options: &ImportOptions, path: &Path) -> Option<NameFields> {
        let pattern = options.source_pattern.as_ref()?;
        let fields = pattern.match_file_name(&file_name_of(path));
        if fields.is_none() {
            self.count += 1;
            if self.first.len() < 5 {
                self.first.push(file_name_of(path));
            }
        }
        fields
    }

    /// One warning for all the misses.
    fn report(self, options: &ImportOptions, report: &mut ImportReport) {
        let Some(pattern) = &options.source_pattern else {
            return;
        };
        report.pattern_misses = self.count;
        if self.count == 0 {
            return;
        }
        let more = if self.count > self.first.len() {
            ", …"
        } else {
            ""
        };
        report.warnings.push(ImportWarning {
            path: format!("file-name pattern `{pattern}`"),
            message: format!(
                "{} {} not fit it ({}{more}); their source and date are left as they were",
                self.count,
                if self.count == 1 {
                    "file name does"
                } else {
                    "file names do"
                },
                self.first.join(", ")
            ),
        });
    }
}

/// A path's file name (no folders), or the whole path when it has none.
fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// File formats Framescope reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Text,
    Html,
    Csv,
    Jsonl,
}

fn format_of(path: &Path) -> Option<FileKind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        None | Some("txt" | "text" | "md" | "markdown") => Some(FileKind::Text),
        Some("html" | "htm" | "xhtml") => Some(FileKind::Html),
        Some("csv") => Some(FileKind::Csv),
        Some("jsonl" | "ndjson") => Some(FileKind::Jsonl),
        _ => None,
    }
}

/// Imports files and folders (recursively, in file-name order). Returns the
/// documents and the report; `on_progress` is called after every file and
/// cancels the import by returning `false`.
///
/// Duplicates (identical text to an earlier document in this import or in
/// `existing`) are kept but excluded from analysis and listed in the report.
pub fn import_paths(
    paths: &[PathBuf],
    options: &ImportOptions,
    existing: &[Arc<Document>],
    on_progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> (Vec<Document>, ImportReport) {
    let mut documents = Vec::new();
    let report = import_streaming(paths, options, existing, on_progress, &mut |chunk| {
        documents.extend(chunk)
    });
    (documents, report)
}

/// [`import_paths`] without keeping the corpus: the documents are handed to
/// `on_documents` a few hundred files at a time, in file order, and dropped
/// once it returns. Memory stays bounded by one chunk (plus the report), so a
/// corpus larger than memory can be counted. Ids and duplicate flags are the
/// same as [`import_paths`] gives.
pub fn import_streaming(
    paths: &[PathBuf],
    options: &ImportOptions,
    existing: &[Arc<Document>],
    on_progress: &mut dyn FnMut(ImportProgress) -> bool,
    on_documents: &mut dyn FnMut(Vec<Document>),
) -> ImportReport {
    let mut report = ImportReport::default();
    let files = collect_files(paths, options.root.as_deref(), &mut report, None);
    let mut misses = PatternMisses::default();
    let mut by_id: HashMap<String, String> = existing
        .iter()
        .map(|d| (d.id.clone(), d.meta.origin.clone()))
        .collect();
    let total = files.len();
    let mut done = 0;
    // Files are read and parsed in parallel, a chunk at a time (memory stays
    // bounded by the chunk, and cancelling waits for one chunk at most); ids,
    // duplicates and the report are assembled in file order afterwards, so the
    // result does not depend on the number of threads.
    for chunk in files.chunks(IMPORT_CHUNK) {
        let parsed: Vec<_> = on_parse_pool(|| {
            chunk
                .par_iter()
                .map(|(path, _)| {
                    let display = path.display().to_string();
                    let result = read_file_guarded(path, &display, options);
                    (display, result)
                })
                .collect()
        });
        let mut documents = Vec::new();
        for ((path, group), (display, result)) in chunk.iter().zip(parsed) {
            match result {
                Err(reason) => report.skipped.push(SkippedEntry {
                    path: display,
                    reason,
                }),
                Ok((parsed, warnings)) => {
                    report
                        .warnings
                        .extend(warnings.into_iter().map(|message| ImportWarning {
                            path: display.clone(),
                            message,
                        }));
                    let name = misses.read(options, path);
                    for mut p in parsed {
                        if p.meta.origin.is_empty() {
                            p.meta.origin = display.clone();
                        }
                        complete_metadata(
                            &mut p.meta,
                            &p.hints,
                            group.as_deref(),
                            name.as_ref(),
                            options,
                        );
                        report
                            .warnings
                            .extend(p.warnings.drain(..).map(|message| ImportWarning {
                                path: p.meta.origin.clone(),
                                message,
                            }));
                        let doc = new_document(p, &mut by_id, &mut report);
                        documents.push(doc);
                    }
                }
            }
            done += 1;
            if !on_progress(ImportProgress { done, total }) {
                report.cancelled = done < total;
                on_documents(documents);
                misses.report(options, &mut report);
                return report;
            }
        }
        on_documents(documents);
    }
    misses.report(options, &mut report);
    report
}

/// Gives a parsed article its id, flagging a duplicate text.
fn new_document(
    p: Parsed,
    by_id: &mut HashMap<String, String>,
    report: &mut ImportReport,
) -> Document {
    let base = Document::id_for_text(&p.text);
    let mut duplicate_of = None;
    let mut id = base.clone();
    if let Some(first_origin) = by_id.get(&base) {
        report.duplicates.push(DuplicateEntry {
            origin: p.meta.origin.clone(),
            duplicate_of: first_origin.clone(),
        });
        duplicate_of = Some(base.clone());
        let mut n = 2;
        while by_id.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
    } else {
        report.imported.push(ImportedEntry {
            origin: p.meta.origin.clone(),
            id: id.clone(),
            title: p.meta.title.clone(),
        });
    }
    by_id.insert(id.clone(), p.meta.origin.clone());
    Document {
        id,
        included: duplicate_of.is_none(),
        duplicate_of,
        meta: p.meta,
        text: p.text,
        body: p.body,
        memo: String::new(),
    }
}

/// Stack size of the threads that parse imported files. A stack overflow
/// aborts the process (`catch_unwind` cannot stop it); the parsers' own
/// depth limits (HTML flattening, serde_json's and serde_norway's recursion
/// limits) keep them far below this, and 64 MiB (address space, touched only
/// as deep as a parser goes) leaves a wide margin where a limit is missed.
const PARSE_STACK_BYTES: usize = 64 * 1024 * 1024;

/// The thread pool that parses imported files, built on first use; `None`
/// when it cannot be built (then the current pool is used).
fn parse_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(PARSE_STACK_BYTES)
            .thread_name(|i| format!("framescope-parse-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `op` (which parses files with rayon) on the parsing pool.
fn on_parse_pool<R: Send>(op: impl FnOnce() -> R + Send) -> R {
    match parse_pool() {
        Some(pool) => pool.install(op),
        None => op(),
    }
}

/// File names that [`read_file_guarded`] panics on (tests only).
static PANIC_ON_FILES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Makes reading any file with exactly this name (no folders) panic inside
/// the per-file guard, for the rest of the process, to test that an import
/// survives a parser's panic. For tests only: give a name no other file has.
#[doc(hidden)]
pub fn panic_on_file_named(name: &str) {
    if let Ok(mut names) = PANIC_ON_FILES.lock() {
        names.push(name.to_string());
    }
}

/// The message a panic was raised with, or a stand-in when it has none.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".into())
}

/// [`read_file`] with a panic in a parser turned into the file's error, so
/// one file cannot end the import.
fn read_file_guarded(
    path: &Path,
    display: &str,
    options: &ImportOptions,
) -> Result<(Vec<Parsed>, Vec<String>), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let forced = PANIC_ON_FILES.lock().is_ok_and(|names| {
            path.file_name()
                .is_some_and(|n| names.iter().any(|name| n == name.as_str()))
        });
        if forced {
            panic!("a panic asked for by a test");
        }
        read_file(path, display, options)
    }))
    .unwrap_or_else(|payload| {
        Err(format!(
            "the file could not be parsed (internal error: {}); please report it",
            panic_message(&*payload)
        ))
    })
}

/// Reads and parses one file.
fn read_file(
    path: &Path,
    display: &str,
    options: &ImportOptions,
) -> Result<(Vec<Parsed>, Vec<String>), String> {
    let format = format_of(path).ok_or_else(|| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        format!("unsupported file type `.{ext}` (Framescope reads .txt, .md, .html, .csv, .jsonl)")
    })?;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        // Reading a named pipe or a device could wait forever.
        return Err("not a regular file (a pipe, socket or device)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{:.1} GB is too large: Framescope reads files of up to {} MB (split it into smaller files)",
            meta.len() as f64 / 1e9,
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("untitled");
    let file_name = path.file_name().and_then(|s| s.to_str()).unwrap_or(display);
    parse_bytes(&bytes, format, stem, file_name, display, options)
}

/// Parses the bytes of a file called `file_name` (its extension picks the
/// format) into documents, without touching the disk: what an import does
/// with each file after reading it. Returns the documents and the warnings,
/// or why the file gives none. Duplicates are not looked for here.
pub fn parse_file_bytes(
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<(Vec<Document>, Vec<String>), String> {
    let path = Path::new(file_name);
    let format = format_of(path).ok_or_else(|| format!("unsupported file type: {file_name}"))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("untitled");
    let (parsed, mut warnings) = parse_bytes(bytes, format, stem, file_name, file_name, options)?;
    let mut misses = PatternMisses::default();
    let name = misses.read(options, path);
    if misses.count > 0
        && let Some(pattern) = &options.source_pattern
    {
        warnings.push(format!(
            "the file name does not fit the file-name pattern `{pattern}`"
        ));
    }
    let documents = parsed
        .into_iter()
        .map(|mut p| {
            warnings.append(&mut p.warnings);
            complete_metadata(&mut p.meta, &p.hints, None, name.as_ref(), options);
            Document {
                id: Document::id_for_text(&p.text),
                included: true,
                duplicate_of: None,
                meta: p.meta,
                text: p.text,
                body: p.body,
                memo: String::new(),
            }
        })
        .collect();
    Ok((documents, warnings))
}

/// Decodes and parses a file's bytes in `format`.
fn parse_bytes(
    bytes: &[u8],
    format: FileKind,
    stem: &str,
    file_name: &str,
    display: &str,
    options: &ImportOptions,
) -> Result<(Vec<Parsed>, Vec<String>), String> {
    let decoded = decode(bytes).map_err(|e| e.to_string())?;
    let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
    let parsed = match format {
        FileKind::Text => vec![text_file::parse(decoded.text, stem)],
        FileKind::Html => vec![html::parse(&decoded.text, stem)?],
        FileKind::Csv | FileKind::Jsonl => {
            let rows = if format == FileKind::Csv {
                tabular::parse_csv(&decoded.text, &options.columns, display)?
            } else {
                tabular::parse_jsonl(&decoded.text, &options.columns, display)?
            };
            if rows.documents.is_empty() {
                // The row warnings would be lost with the file: the first says why.
                return Err(match rows.warnings.first() {
                    Some(first) => format!("no rows with text in {file_name} ({first})"),
                    None => format!("no rows with text in {file_name}"),
                });
            }
            warnings.extend(rows.warnings);
            rows.documents
        }
    };
    Ok((parsed, warnings))
}

/// Expands folders into files, sorted by name; a file's group is the name of
/// the sub-folder it sits in below the folder given, or below `root` for a
/// file given inside it (used as a fallback source). With a `limit`, stops
/// after that many files (a preview).
fn collect_files(
    paths: &[PathBuf],
    given_root: Option<&Path>,
    report: &mut ImportReport,
    limit: Option<usize>,
) -> Vec<(PathBuf, Option<String>)> {
    let mut files = Vec::new();
    let full = |files: &Vec<_>| limit.is_some_and(|limit| files.len() >= limit);
    for root in paths {
        if full(&files) {
            break;
        }
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                report.skipped.push(SkippedEntry {
                    path: root.display().to_string(),
                    reason: format!("cannot open: {e}"),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            let group = given_root.and_then(|r| group_below(r, root));
            files.push((root.clone(), group));
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            if full(&files) {
                break;
            }
            match entry {
                Err(e) => {
                    let path = e
                        .path()
                        .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                    let reason = if e.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| format!("cannot open: {io}"))
                    };
                    report.skipped.push(SkippedEntry { path, reason });
                }
                Ok(entry) if entry.file_type().is_dir() => {}
                Ok(entry) => {
                    let group = group_below(given_root.unwrap_or(root), entry.path())
                        .or_else(|| group_below(root, entry.path()));
                    files.push((entry.into_path(), group));
                }
            }
        }
    }
    files
}

/// The first sub-folder below `root` on the way to `file`, if `file` lies
/// in a sub-folder of `root`.
fn group_below(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let parent = relative.parent()?;
    parent
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_message_is_read_from_either_payload() {
        let caught = |f: fn()| catch_unwind(f).unwrap_err();
        assert_eq!(panic_message(&*caught(|| panic!("plain"))), "plain");
        assert_eq!(
            panic_message(&*caught(|| panic!("formatted {}", 42))),
            "formatted 42"
        );
        let other = caught(|| std::panic::panic_any(7_u32));
        assert_eq!(panic_message(&*other), "no message");
    }

    #[test]
    fn files_are_parsed_on_threads_with_a_large_stack() {
        fn deep(n: usize) -> usize {
            let frame = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                0
            } else {
                deep(n - 1) + usize::from(frame[n % 1024])
            }
        }
        // Over 16 MiB of stack: past a default 2 MiB thread, within 64 MiB.
        let (name, sum) = on_parse_pool(|| {
            let name = std::thread::current().name().map(str::to_string);
            (name, deep(16_000))
        });
        assert!(name.is_some_and(|n| n.starts_with("framescope-parse-")));
        assert_eq!(sum, 0);
    }

    #[test]
    fn a_panic_while_reading_a_file_becomes_its_error() {
        let dir = tempfile::tempdir().unwrap();
        let name = "unit-test-forced-panic-8d41.txt";
        let path = dir.path().join(name);
        let other = dir.path().join("other.txt");
        std::fs::write(&path, "Title\n\nBaku.\n").unwrap();
        std::fs::write(&other, "Title\n\nBaku.\n").unwrap();
        panic_on_file_named(name);
        let options = ImportOptions::default();
        let err = read_file_guarded(&path, name, &options)
            .err()
            .expect("the panic is an error");
        assert!(
            err.contains("internal error: a panic asked for by a test"),
            "{err}"
        );
        assert!(read_file_guarded(&other, "other.txt", &options).is_ok());
    }

    /// (forced `--source`, the file's own source, sub-folder, pattern's
    /// source, page's site) → the source given.
    const SOURCE_ORDER: &[([&str; 5], &str)] = &[
        (
            ["Forced", "Meta", "folder", "named", "site.example"],
            "Forced",
        ),
        (["", "Meta", "folder", "named", "site.example"], "Meta"),
        (["", "", "folder", "named", "site.example"], "folder"),
        (["", "", "", "named", "site.example"], "named"),
        (["", "", "", "", "site.example"], "site.example"),
        (["", "", "", "", ""], ""),
    ];

    #[test]
    fn the_source_comes_from_metadata_then_folder_then_pattern_then_site() {
        for &([forced, own, group, named, site], want) in SOURCE_ORDER {
            let options = ImportOptions {
                source: (!forced.is_empty()).then(|| forced.to_string()),
                ..Default::default()
            };
            let mut meta = Metadata {
                source: own.into(),
                ..Default::default()
            };
            let hints = Hints {
                title_from_file_name: false,
                site: site.into(),
            };
            let name = NameFields {
                source: (!named.is_empty()).then(|| named.to_string()),
                ..Default::default()
            };
            let group = (!group.is_empty()).then_some(group);
            complete_metadata(&mut meta, &hints, group, Some(&name), &options);
            assert_eq!(meta.source, want, "{forced}/{own}/{group:?}/{named}/{site}");
        }
    }

    #[test]
    fn the_pattern_fills_a_missing_date_and_a_title_that_is_only_the_file_name() {
        let name = NameFields {
            source: None,
            date: Some("2024-05-01".into()),
            title: Some("Baku talks".into()),
        };
        let options = ImportOptions::default();
        let mut meta = Metadata {
            title: "ledger_2024-05-01_Baku talks".into(),
            ..Default::default()
        };
        let hints = Hints {
            title_from_file_name: true,
            site: String::new(),
        };
        complete_metadata(&mut meta, &hints, None, Some(&name), &options);
        assert_eq!(
            (meta.date.as_str(), meta.title.as_str()),
            ("2024-05-01", "Baku talks")
        );

        // The file's own date and headline stay.
        let mut meta = Metadata {
            title: "Baku Looks East".into(),
            date: "2023-01-02".into(),
            ..Default::default()
        };
        complete_metadata(&mut meta, &Hints::default(), None, Some(&name), &options);
        assert_eq!(
            (meta.date.as_str(), meta.title.as_str()),
            ("2023-01-02", "Baku Looks East")
        );
    }
}
