//! `framescope`: command-line entry point. Parses arguments and hands over to
//! one function per subcommand in `cli.rs`; nothing else happens here.

// On Windows the binary is a GUI program, so double-clicking it opens no
// console window; `main` attaches to the console of a shell it was started
// from, so subcommands still print there (debug builds keep their console).
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

/// `println!` for command output that hands back the error instead of
/// panicking when stdout is closed (`framescope body … | head -1`): the
/// caller's `?` ends the run, and `main` ends a run cut short by a closed
/// pipe quietly with exit 0.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}

/// `print!` the same way as [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($arg)*)
    }};
}

mod cli;
mod cli_eval;
mod cli_framing;
mod cli_inputs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Comparative media-framing analysis: who is mentioned how often, by which
/// outlet, and how articles frame them.
#[derive(Parser, Debug)]
#[command(name = "framescope", version = framescope::LONG_VERSION, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<CliCommand>,
    /// A project to open in the app (without a subcommand); without it the app reopens
    /// the most recent project, or the demo project the first time.
    project: Option<PathBuf>,
    /// The view the app opens on.
    #[arg(long, value_enum)]
    view: Option<framescope::app::ViewKind>,
    /// Colour theme (default: the last one chosen, or the system's).
    #[arg(long, value_enum)]
    theme: Option<framescope::app::ThemeChoice>,
}

#[derive(Subcommand, Debug)]
enum CliCommand {
    /// Import files and folders into a new project file and print the import report.
    Import {
        /// Files or folders (read recursively): .txt, .md, .html, .csv, .jsonl; a REFI-QDA
        /// project (.qdpx) brings its sources, codes, selections and notes.
        #[arg(required_unless_present = "files_from")]
        paths: Vec<PathBuf>,
        /// Project file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Project name (default: the output file's name).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Count actor mentions per document or per source.
    Count {
        /// A project file, or files and folders to import on the fly.
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// Group rows by document or by source (outlet).
        #[arg(long, value_enum, default_value_t = By::Document)]
        by: By,
        /// Count over the full text instead of the body.
        #[arg(long)]
        full: bool,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Also write what produced the counts (Framescope version, dictionary
        /// and scheme fingerprints, scope, documents, date) as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        provenance: Option<PathBuf>,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Keyword in context: every mention of one actor with its surroundings.
    Kwic {
        /// A project file, or files and folders to import on the fly.
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// The actor, by name (case and accents ignored).
        #[arg(long)]
        actor: String,
        /// Characters of context on each side.
        #[arg(long, default_value_t = 40)]
        context: usize,
        /// Search the full text instead of the body.
        #[arg(long)]
        full: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Framing passages: every unit that names a focal actor, labelled with a frame and its cues.
    Frames {
        /// A project file, or files and folders to import on the fly.
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        /// Focal actors (default: the scheme's), comma-separated.
        #[arg(long, value_delimiter = ',')]
        actors: Vec<String>,
        /// Frame scheme (RON) to use instead of the project's or the default one.
        #[arg(long)]
        scheme: Option<PathBuf>,
        /// Analyse the full text instead of the body.
        #[arg(long)]
        full: bool,
        /// One record per document and focal actor: passages per frame and the overall frame.
        #[arg(long)]
        summary: bool,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Also write what produced the passages (Framescope version, dictionary
        /// and scheme fingerprints, scope, documents, date) as JSON to FILE.
        #[arg(long, value_name = "FILE")]
        provenance: Option<PathBuf>,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// How far the automatic framing agrees with reference labels: a gold set in the
    /// development set's format (`--gold DIR`), or a project's own manual codes (the
    /// validity of the automatic coding). Prints per-frame precision, recall and F1, the
    /// confusion matrix, Cohen's kappa, labels and article summaries agreeing.
    Eval {
        /// Files or folders (or a project file) to label; with no --gold, one project
        /// file whose manual codes are the reference.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// A folder of reference labels: sentences.tsv, frames.tsv and (optionally)
        /// articles.tsv; its dictionary.tsv is used when there is no --dict.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Frame scheme (RON) to use instead of the project's or the default one.
        #[arg(long)]
        scheme: Option<PathBuf>,
        /// Label the full text instead of the body.
        #[arg(long)]
        full: bool,
        /// List every item where the engine and the reference disagree (table format).
        #[arg(long)]
        disagreements: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Re-estimate the weight of every framing rule from labelled examples: a project's
    /// manual decisions, or a gold set (`--gold DIR`). Prints agreement before and after
    /// (cross-validated over documents) and each rule's weight, then writes the scheme
    /// (`-o SCHEME.ron`, or into the project).
    Learn {
        /// A project file (its decisions are the examples), or with --gold the files
        /// and folders the gold set labels (default: DIR/texts).
        inputs: Vec<PathBuf>,
        /// A folder of reference labels (sentences.tsv, frames.tsv); its
        /// dictionary.tsv is used when there is no --dict.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// Scheme (RON) to start from instead of the project's or the default one.
        #[arg(long)]
        scheme: Option<PathBuf>,
        /// Where to write the learned scheme; without it a project is updated in place.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// Write a synthetic benchmark corpus (all import formats, several outlets),
    /// reproducible from a seed.
    BenchCorpus {
        /// Total size, e.g. 10MB, 100MB, 1GB.
        #[arg(long, default_value = "10MB")]
        size: String,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Folder to write (created if needed).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Merge `count --format jsonl` results of disjoint shards of a corpus into the
    /// counts one run over the whole corpus gives (sums; rates recomputed).
    Merge {
        /// Shard results (JSON Lines from `framescope count --format jsonl`).
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Export counts, passages or codes and memos (CSV or JSON), or a REFI-QDA project
    /// (.qdpx) for MAXQDA, NVivo, ATLAS.ti and QualCoder; a FILE.provenance.json beside
    /// it records the Framescope version, dictionary and scheme fingerprints and scope.
    Export {
        /// The project file.
        project: PathBuf,
        /// What to export.
        #[arg(long, value_enum)]
        what: ExportWhat,
        /// Counts: one row per document or per source.
        #[arg(long, value_enum, default_value_t = By::Document)]
        by: By,
        /// csv, json or jsonl (ignored for qdpx).
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// Actor dictionary to use (.tsv, .yml/.yaml, .ron, LIWC .dic or WordStat .cat) instead of the project's.
        #[arg(long)]
        dict: Option<PathBuf>,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Render one view of a project to a PNG, exactly as the app draws it, then exit.
    /// Needs a display: on a server run it under `xvfb-run -s "-screen 0 4000x3000x24"`.
    Render(RenderArgs),
    /// Manual coding of passages in a project: accept, reject, relabel, add, memo, list.
    Code {
        /// The project file to change.
        project: PathBuf,
        #[command(subcommand)]
        action: CodeCommand,
    },
    /// Show the proposed body of each document: what is kept and what is dropped.
    Body {
        /// A project file, or files and folders to import on the fly.
        #[arg(required_unless_present = "files_from")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        import: ImportArgs,
    },
    /// The frame scheme: import a REFI-QDA codebook (.qdc) into a project.
    Scheme {
        #[command(subcommand)]
        action: SchemeAction,
    },
    /// Export, import or check actor dictionaries (TSV, YAML, RON, LIWC .dic, WordStat .cat).
    Dict {
        #[command(subcommand)]
        action: DictAction,
    },
}

/// The `render` command's arguments.
#[derive(Args, Debug)]
struct RenderArgs {
    /// The project file.
    project: PathBuf,
    /// The view to draw.
    #[arg(long, value_enum)]
    view: framescope::app::ViewKind,
    /// Documents to show (ids, titles or file names, comma-separated): the framing
    /// view's columns in this order, the only ones counted elsewhere; the reader
    /// shows the first.
    #[arg(long, value_delimiter = ',')]
    documents: Vec<String>,
    /// Actors shown in the frequency and dispersion plots (comma-separated).
    #[arg(long, value_delimiter = ',')]
    actors: Vec<String>,
    /// Width of the figure in points.
    #[arg(long, default_value_t = 1600.0)]
    width: f32,
    /// Height of the figure in points.
    #[arg(long, default_value_t = 1000.0)]
    height: f32,
    /// Pixels per point: 2 doubles width and height in pixels, for print.
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// The colour theme of the figure.
    #[arg(long, value_enum, default_value_t = framescope::app::ThemeChoice::Light)]
    theme: framescope::app::ThemeChoice,
    /// Actor dictionary to use (.tsv, .yml/.yaml, .ron, LIWC .dic or WordStat .cat) instead of the project's.
    #[arg(long)]
    dict: Option<PathBuf>,
    /// The PNG to write.
    #[arg(short, long)]
    output: PathBuf,
}

/// A passage as `frames` prints it: document, sentence index and actor.
#[derive(Args, Debug, Clone)]
struct PassageArgs {
    /// Document id, title or file name.
    #[arg(long)]
    document: String,
    /// The passage's `sentence_index`.
    #[arg(long)]
    sentence: usize,
    /// The passage's actor.
    #[arg(long)]
    actor: String,
}

#[derive(Subcommand, Debug)]
enum CodeCommand {
    /// Confirm an automatic label.
    Accept {
        #[command(flatten)]
        passage: PassageArgs,
        #[arg(long)]
        memo: Option<String>,
    },
    /// Mark a passage as not about the actor's influence.
    Reject {
        #[command(flatten)]
        passage: PassageArgs,
        #[arg(long)]
        memo: Option<String>,
    },
    /// Give a passage another frame.
    Relabel {
        #[command(flatten)]
        passage: PassageArgs,
        /// The new frame (e.g. declining, persisting, neutral).
        #[arg(long)]
        frame: String,
        #[arg(long)]
        memo: Option<String>,
    },
    /// Add a passage for any span of a document (offsets in code points, end exclusive).
    Add {
        #[arg(long)]
        document: String,
        #[arg(long)]
        start: usize,
        #[arg(long)]
        end: usize,
        #[arg(long)]
        actor: String,
        #[arg(long)]
        frame: String,
        #[arg(long)]
        memo: Option<String>,
    },
    /// Write a memo on a document, or on a passage with --sentence and --actor.
    Memo {
        #[arg(long)]
        document: String,
        #[arg(long, requires = "actor")]
        sentence: Option<usize>,
        #[arg(long, requires = "sentence")]
        actor: Option<String>,
        /// The memo text (empty to clear).
        #[arg(long)]
        text: String,
    },
    /// List the project's manual codes.
    List,
}

#[derive(Subcommand, Debug)]
enum SchemeAction {
    /// Read a REFI-QDA codebook (.qdc, from Framescope or another QDA tool) into a project:
    /// a parent code per actor whose children are frame labels makes the actor focal and
    /// adds missing frames (without cues); other codes are kept as user codes, which
    /// `export --what qdpx` and `--what qdc` write again. The project is saved.
    Import {
        /// The codebook (.qdc).
        file: PathBuf,
        /// Project to update.
        #[arg(long)]
        project: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum DictAction {
    /// Write a dictionary to a file (format from the extension: .tsv, .yml/.yaml, .ron, LIWC .dic,
    /// WordStat .cat; what the format cannot hold is reported on stderr) or to stdout as TSV.
    Export {
        /// Project whose dictionary to export (default: the built-in dictionary).
        #[arg(long)]
        project: Option<PathBuf>,
        /// Output file; stdout when omitted.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Replace a project's dictionary with one read from a file, and save the project.
    Import {
        /// Dictionary file (.tsv, .yml/.yaml, .ron, LIWC .dic or WordStat .cat).
        file: PathBuf,
        /// Project to update.
        #[arg(long)]
        project: PathBuf,
    },
    /// Check a dictionary file and list its actors.
    Check {
        /// Dictionary file (.tsv, .yml/.yaml, .ron, LIWC .dic or WordStat .cat).
        file: PathBuf,
    },
}

/// Options for reading inputs, shared by every command that imports.
#[derive(Args, Debug, Default, Clone)]
struct ImportArgs {
    /// Actor dictionary to use (.tsv, .yml/.yaml, .ron, LIWC .dic or WordStat .cat) instead of the project's or the default one.
    #[arg(long)]
    dict: Option<PathBuf>,
    /// Source (outlet) name for every imported document.
    #[arg(long)]
    source: Option<String>,
    /// Read the source (and a missing date) from file names, e.g. '{source}_{date}_*.txt';
    /// placeholders {source}, {date}, {title}, {ignore} and * (used when the file's own
    /// metadata and its sub-folder give no source).
    #[arg(long, value_name = "PATTERN")]
    source_pattern: Option<framescope::corpus::NamePattern>,
    /// CSV/JSONL column holding the article text.
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// CSV/JSONL column holding the title.
    #[arg(long, value_name = "NAME")]
    title_column: Option<String>,
    /// CSV/JSONL column holding the source (outlet).
    #[arg(long, value_name = "NAME")]
    source_column: Option<String>,
    /// CSV/JSONL column holding the author.
    #[arg(long, value_name = "NAME")]
    author_column: Option<String>,
    /// CSV/JSONL column holding the date.
    #[arg(long, value_name = "NAME")]
    date_column: Option<String>,
    /// CSV/JSONL column holding the URL.
    #[arg(long, value_name = "NAME")]
    url_column: Option<String>,
    /// Also read the paths listed in LIST, one per line (a shard of a corpus,
    /// or more paths than a command line holds); relative paths are taken
    /// from the current folder.
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// The folder the inputs are part of: a file given inside it takes the
    /// sub-folder below DIR as its fallback source, as when DIR itself is
    /// imported (for a shard of a folder, with --files-from).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// What `framescope export` writes.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportWhat {
    Counts,
    Passages,
    Codes,
    Qdpx,
    /// The codebook as a REFI-QDA .qdc (one code per focal actor with its
    /// frame labels, and imported user codes).
    Qdc,
    /// Every document: metadata, text, body ranges (code points) and body
    /// text, for R or Python.
    Documents,
    /// Every document's sentence units: document, index, start, end (code
    /// points), text, in_body.
    Sentences,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum By {
    Document,
    Source,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Format {
    Csv,
    Json,
    /// One JSON record per line: streams, and shards concatenate.
    Jsonl,
    Table,
}

fn main() -> ExitCode {
    attach_to_parent_console();
    let args = Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader stopped reading (`| head`): the run is over, not failed.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Windows: a GUI-subsystem program gets no console of its own, so output
/// written to a console (not redirected) would vanish. Attach to the console of
/// the shell that started us, if any; when started from Explorer there is none
/// and this does nothing. Redirected output (`> out.csv`, a pipe) works
/// either way, since those handles are inherited.
#[cfg(windows)]
fn attach_to_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and touches no memory of ours;
    // failing (no parent console, or one attached already) is fine.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_to_parent_console() {}

/// Whether `error` is, at bottom, a write to a closed pipe.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
