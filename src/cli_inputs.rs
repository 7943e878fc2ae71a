//! What the subcommands share about their inputs: a project file or files
//! and folders imported on the fly (whole, or streamed a chunk at a time),
//! the dictionary's matcher, the scheme's detector, and finding a document.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use framescope::actors::{ActorDictionary, Matcher, read_dictionary};
use framescope::analysis::Corpus;
use framescope::corpus::{ColumnNames, Document, ImportOptions, ImportReport, Scope, import_paths};
use framescope::framing::{FrameDetector, FrameScheme};
use framescope::project::{Project, ProjectStream, load_project};

use crate::ImportArgs;

/// Documents to analyse, with the label each gets in output.
pub struct Inputs {
    pub project: Project,
    /// Per included document: the file name for file inputs, the title for projects.
    pub labels: Vec<String>,
}

impl Inputs {
    pub fn documents(&self) -> Vec<&Document> {
        self.project.included_documents().collect()
    }

    pub fn matcher(&self) -> Result<Matcher> {
        matcher_for(&self.project.dictionary)
    }
}

pub fn matcher_for(dictionary: &ActorDictionary) -> Result<Matcher> {
    Matcher::new(dictionary).map_err(|errors| {
        anyhow::anyhow!(
            "the dictionary has bad patterns: {}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )
    })
}

impl ImportArgs {
    pub fn options(&self) -> ImportOptions {
        ImportOptions {
            source: self.source.clone(),
            source_pattern: self.source_pattern.clone(),
            columns: ColumnNames {
                text: self.text_column.clone(),
                title: self.title_column.clone(),
                source: self.source_column.clone(),
                author: self.author_column.clone(),
                date: self.date_column.clone(),
                url: self.url_column.clone(),
            },
            root: self.root.clone(),
        }
    }

    /// The inputs given, then the paths `--files-from` lists.
    pub fn paths(&self, given: &[PathBuf]) -> Result<Vec<PathBuf>> {
        let mut paths = given.to_vec();
        if let Some(list) = &self.files_from {
            let text = std::fs::read_to_string(list)
                .with_context(|| format!("cannot read the list {}", list.display()))?;
            paths.extend(
                text.lines()
                    .map(str::trim_end)
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from),
            );
        }
        if paths.is_empty() {
            bail!("no inputs: give files or folders, or a list with --files-from");
        }
        Ok(paths)
    }

    pub(crate) fn dictionary(&self) -> Result<Option<ActorDictionary>> {
        self.dict
            .as_deref()
            .map(|p| read_dictionary(p).map_err(anyhow::Error::from))
            .transpose()
    }
}

/// A path that does not exist is a typo, not a skipped file: stop with exit 1.
pub fn check_paths_exist(paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        let Ok(meta) = std::fs::metadata(p).or_else(|_| std::fs::symlink_metadata(p)) else {
            bail!("{}: no such file or folder", p.display());
        };
        // `study.ron/` is surely meant as a project, not as a corpus folder.
        let named_as_project = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if meta.is_dir() && named_as_project {
            bail!(
                "{}: this is a folder, not a project file (give the project's .ron file, \
                 or rename the folder to import the articles in it)",
                p.display()
            );
        }
    }
    Ok(())
}

fn is_project_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
        && path.is_file()
}

/// Reads the inputs: one project file, or files and folders imported on the fly.
pub fn load_inputs(inputs: &[PathBuf], args: &ImportArgs) -> Result<Inputs> {
    let inputs = &args.paths(inputs)?;
    let dictionary = args.dictionary()?;
    let (mut project, labels_from_files) = if let Some(path) = project_input(inputs)? {
        (load_project(path)?, false)
    } else {
        check_paths_exist(inputs)?;
        let mut project = Project::new("command line");
        let (documents, report) = import_paths(inputs, &args.options(), &[], &mut |_| true);
        print_report_lines(&report);
        project.documents = documents.into_iter().map(Into::into).collect();
        (project, true)
    };
    if let Some(d) = dictionary {
        project.dictionary = d;
    }
    let labels = project
        .included_documents()
        .map(|d| {
            if labels_from_files {
                d.file_label().to_string()
            } else {
                d.display_name().to_string()
            }
        })
        .collect();
    Ok(Inputs { project, labels })
}

/// The inputs of a command that reads each document once (`count`,
/// `frames`): a project file streamed a chunk at a time, or files and folders
/// imported a chunk at a time.
pub struct StreamedInputs {
    /// The project's dictionary (or `--dict`), scheme and codes; no documents.
    /// For files: a new project's.
    pub head: Project,
    stream: Option<ProjectStream>,
    paths: Vec<PathBuf>,
    options: ImportOptions,
}

impl StreamedInputs {
    pub fn open(inputs: &[PathBuf], args: &ImportArgs) -> Result<Self> {
        let inputs = args.paths(inputs)?;
        let dictionary = args.dictionary()?;
        let stream = match project_input(&inputs)? {
            Some(path) => Some(ProjectStream::open(path)?),
            None => {
                check_paths_exist(&inputs)?;
                None
            }
        };
        let mut head = stream
            .as_ref()
            .map_or_else(|| Project::new("command line"), |s| s.head.clone());
        if let Some(d) = dictionary {
            head.dictionary = d;
        }
        Ok(Self {
            head,
            stream,
            paths: inputs,
            options: args.options(),
        })
    }

    /// The documents, read a chunk at a time.
    pub fn corpus(&self) -> Corpus<'_> {
        match &self.stream {
            Some(stream) => Corpus::Project(stream),
            None => Corpus::Files {
                paths: &self.paths,
                options: &self.options,
            },
        }
    }
}

/// The project file among the inputs, if they are one; a project mixed with
/// other inputs is refused.
fn project_input(inputs: &[PathBuf]) -> Result<Option<&Path>> {
    if !inputs.iter().any(|p| is_project_path(p)) {
        return Ok(None);
    }
    if inputs.len() > 1 {
        bail!("give either one project file or files and folders to import, not both");
    }
    Ok(Some(&inputs[0]))
}

/// Skipped files, duplicates and warnings to stderr, one line each.
pub fn print_report_lines(report: &ImportReport) {
    for s in &report.skipped {
        eprintln!("{}: {}", s.path, s.reason);
    }
    for d in &report.duplicates {
        eprintln!(
            "{}: duplicate of {} (not counted)",
            d.origin, d.duplicate_of
        );
    }
    for w in &report.warnings {
        eprintln!("{}: {}", w.path, w.message);
    }
}

/// Writes what produced a command's output to `path` (JSON): Framescope's
/// version, the fingerprints of `project`'s dictionary and of `scheme`, the
/// scope and how many documents were read.
pub fn write_provenance(
    path: &Path,
    project: &Project,
    scheme: &FrameScheme,
    full: bool,
    documents: usize,
) -> Result<()> {
    let provenance = framescope::report::Provenance {
        software: format!("Framescope {}", env!("CARGO_PKG_VERSION")),
        project: project.name.clone(),
        dictionary: project.dictionary.fingerprint(),
        scheme: scheme.fingerprint(),
        scope: match scope(full) {
            Scope::Body => "body".into(),
            Scope::Full => "full text".into(),
        },
        documents,
        created: framescope::framing::now(),
    };
    let json = serde_json::to_string_pretty(&provenance)? + "\n";
    framescope::report::write_atomic(path, json.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

pub fn scope(full: bool) -> Scope {
    if full { Scope::Full } else { Scope::Body }
}

/// The scheme and detector for the inputs, honouring `--scheme` and `--actors`.
pub(crate) fn detector(
    project: &Project,
    scheme_file: Option<&Path>,
    actors: &[String],
) -> Result<FrameDetector> {
    let mut scheme = match scheme_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            ron::from_str::<FrameScheme>(&text).map_err(|e| {
                anyhow!(
                    "{}:{}:{}: {}",
                    path.display(),
                    e.span.start.line,
                    e.span.start.col,
                    e.code
                )
            })?
        }
        None => project.scheme.clone(),
    };
    if !actors.is_empty() {
        scheme.focal_actors = actors
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
    }
    if let Some(unknown) = scheme.unknown_focal_actors(&project.dictionary).first() {
        bail!("focal actor `{unknown}` is not in the dictionary");
    }
    FrameDetector::new(&scheme, &project.dictionary).map_err(|e| anyhow!("frame scheme: {e}"))
}

/// Finds a document by id, title or origin file name.
pub(crate) fn find_document<'a>(project: &'a Project, wanted: &str) -> Result<&'a Document> {
    let file = |d: &Document| {
        d.meta
            .origin
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .to_string()
    };
    let documents = || project.documents.iter().map(|d| &**d);
    documents()
        .find(|d| d.id == wanted)
        .or_else(|| documents().find(|d| d.meta.title.trim() == wanted.trim()))
        .or_else(|| documents().find(|d| file(d) == wanted))
        .ok_or_else(|| {
            anyhow!("no document `{wanted}` in the project (give its id, title or file name)")
        })
}
