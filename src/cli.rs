//! One function per subcommand: each reads its inputs through the library,
//! calls the library, and prints. Results go to stdout; skipped files and
//! warnings go to stderr, one line each.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use framescope::actors::{
    ActorDictionary, DictionaryFormat, DocumentMentions, Grouping, concordance, dictionary_text,
    read_dictionary, read_dictionary_with_warnings,
};
use framescope::analysis::count_corpus_with;
use framescope::corpus::import_paths;
use framescope::project::{Project, load_project, save_project};
use framescope::report::{OutputFormat, Table, counts_table, to_json, to_jsonl};
use framescope::text::CharOffsets;

use crate::cli_inputs::{
    StreamedInputs, check_paths_exist, load_inputs, matcher_for, print_report_lines, scope,
};
use crate::{By, Cli, CliCommand, DictAction, Format, ImportArgs, RenderArgs, SchemeAction};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => framescope::app::run(
            match cli.project {
                Some(path) => framescope::app::Start::Project(path),
                None => framescope::app::Start::LastOrDemo,
            },
            cli.view,
            cli.theme,
        ),
        Some(CliCommand::Import {
            paths,
            output,
            name,
            import,
        }) => import_command(&paths, &output, name, &import),
        Some(CliCommand::Count {
            inputs,
            by,
            full,
            format,
            provenance,
            import,
        }) => count_command(&inputs, by, full, format, provenance.as_deref(), &import),
        Some(CliCommand::Kwic {
            inputs,
            actor,
            context,
            full,
            format,
            import,
        }) => kwic_command(&inputs, &actor, context, full, format, &import),
        Some(CliCommand::Body { inputs, import }) => body_command(&inputs, &import),
        Some(CliCommand::Eval {
            inputs,
            gold,
            scheme,
            full,
            disagreements,
            format,
            import,
        }) => crate::cli_eval::eval_command(
            &inputs,
            gold.as_deref(),
            scheme.as_deref(),
            full,
            format,
            disagreements,
            &import,
        ),
        Some(CliCommand::Learn {
            inputs,
            gold,
            scheme,
            output,
            format,
            import,
        }) => crate::cli_eval::learn_command(
            &inputs,
            gold.as_deref(),
            scheme.as_deref(),
            output.as_deref(),
            format,
            &import,
        ),
        Some(CliCommand::Frames {
            inputs,
            actors,
            scheme,
            full,
            summary,
            format,
            provenance,
            import,
        }) => crate::cli_framing::frames_command(
            &inputs,
            &crate::cli_framing::FramesRequest {
                actors: &actors,
                scheme_file: scheme.as_deref(),
                full,
                summary,
                format,
                provenance: provenance.as_deref(),
            },
            &import,
        ),
        Some(CliCommand::Code { project, action }) => {
            crate::cli_framing::code_command(&project, action)
        }
        Some(CliCommand::Dict { action }) => dict_command(action),
        Some(CliCommand::Scheme { action }) => scheme_command(action),
        Some(CliCommand::Merge { shards, format }) => merge_command(&shards, format),
        Some(CliCommand::BenchCorpus { size, seed, output }) => {
            let bytes = framescope::bench_corpus::parse_size(&size)?;
            let summary = framescope::bench_corpus::write_bench_corpus(&output, bytes, seed)?;
            outln!(
                "wrote {} documents in {} files, {:.1} MB, to {}",
                summary.documents,
                summary.files,
                summary.bytes as f64 / 1e6,
                output.display()
            )?;
            Ok(())
        }
        Some(CliCommand::Export {
            project,
            what,
            by,
            format,
            dict,
            output,
        }) => export_command(&project, what, by, format, dict.as_deref(), &output),
        Some(CliCommand::Render(args)) => render_command(args),
    }
}

/// Writes one export of a project, with its provenance file.
fn export_command(
    path: &Path,
    what: crate::ExportWhat,
    by: By,
    format: Format,
    dict: Option<&Path>,
    output: &Path,
) -> Result<()> {
    use framescope::report::{ExportKind, provenance_path, write_export};
    let mut project = load_project(path)?;
    if let Some(dict) = dict {
        project.dictionary = read_dictionary(dict)?;
    }
    let analysis = framescope::analysis::analyse_project(
        &project,
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .with_context(|| format!("analysing {}", path.display()))?;
    let kind = match what {
        crate::ExportWhat::Counts => ExportKind::Counts(match by {
            By::Document => Grouping::Document,
            By::Source => Grouping::Source,
        }),
        crate::ExportWhat::Passages => ExportKind::Passages,
        crate::ExportWhat::Codes => ExportKind::Codes,
        crate::ExportWhat::Qdpx => ExportKind::Qdpx,
        crate::ExportWhat::Qdc => ExportKind::Qdc,
        crate::ExportWhat::Documents => ExportKind::Documents,
        crate::ExportWhat::Sentences => ExportKind::Sentences,
    };
    let format = match format {
        Format::Csv => OutputFormat::Csv,
        Format::Json => OutputFormat::Json,
        Format::Jsonl => OutputFormat::Jsonl,
        Format::Table => OutputFormat::Table,
    };
    write_export(&project, &analysis, kind, format, output)?;
    outln!(
        "wrote {} and {}",
        output.display(),
        provenance_path(output).display()
    )?;
    Ok(())
}

/// Draws one view of a project as the app would and writes the PNG.
fn render_command(args: RenderArgs) -> Result<()> {
    if !(1.0..=8192.0).contains(&args.width) || !(1.0..=8192.0).contains(&args.height) {
        bail!("--width and --height must be between 1 and 8192 points");
    }
    if !(0.5..=4.0).contains(&args.scale) {
        bail!("--scale must be between 0.5 and 4");
    }
    let mut project = load_project(&args.project)?;
    if let Some(path) = &args.dict {
        project.dictionary = read_dictionary(path)?;
    }
    if !args.actors.is_empty() {
        let mut names = Vec::new();
        for wanted in &args.actors {
            let (_, actor) = project
                .dictionary
                .actor(wanted)
                .ok_or_else(|| anyhow::anyhow!("no actor named `{wanted}` in the dictionary"))?;
            names.push(actor.name.clone());
        }
        project.settings.shown_actors = names;
    }
    let mut reader_document = None;
    if !args.documents.is_empty() {
        let mut ids = Vec::new();
        for wanted in &args.documents {
            ids.push(
                crate::cli_inputs::find_document(&project, wanted)?
                    .id
                    .clone(),
            );
        }
        for doc in &mut project.documents {
            let included = ids.contains(&doc.id);
            if doc.included != included {
                std::sync::Arc::make_mut(doc).included = included;
            }
        }
        reader_document = project.documents.iter().position(|d| d.id == ids[0]);
        project.settings.framing_documents = Some(ids);
    }
    let spec = framescope::app::RenderSpec {
        project,
        view: args.view,
        width: args.width,
        height: args.height,
        scale: args.scale,
        theme: args.theme,
        output: args.output.clone(),
        reader_document,
    };
    let [w, h] = framescope::app::FramescopeApp::render(spec)
        .with_context(|| format!("rendering {}", args.output.display()))?;
    outln!("wrote {} ({w}×{h} pixels)", args.output.display())?;
    Ok(())
}

fn import_command(
    paths: &[PathBuf],
    output: &Path,
    name: Option<String>,
    args: &ImportArgs,
) -> Result<()> {
    let name = name.unwrap_or_else(|| {
        output
            .file_stem()
            .map_or("project".into(), |s| s.to_string_lossy().into_owned())
    });
    let mut project = Project::new(name);
    if let Some(d) = args.dictionary()? {
        project.dictionary = d;
    }
    let paths = &args.paths(paths)?;
    check_paths_exist(paths)?;
    // REFI-QDA projects go to their own importer; everything else as files.
    let (qdpx, files): (Vec<PathBuf>, Vec<PathBuf>) =
        paths.iter().cloned().partition(|p| is_qdpx(p));
    for path in &qdpx {
        let report = framescope::report::refi::import_qdpx(path, &mut project)?;
        out!("{report}")?;
    }
    if !files.is_empty() || qdpx.is_empty() {
        let (documents, report) = import_paths(&files, &args.options(), &[], &mut |_| true);
        project
            .documents
            .extend(documents.into_iter().map(Into::into));
        out!("{report}")?;
    }
    save_project(&project, output)?;
    outln!("wrote {}", output.display())?;
    Ok(())
}

/// Whether `path` names a REFI-QDA project (`.qdpx`, any case).
fn is_qdpx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
}

fn count_command(
    inputs: &[PathBuf],
    by: By,
    full: bool,
    format: Format,
    provenance: Option<&Path>,
    args: &ImportArgs,
) -> Result<()> {
    let grouping = match by {
        By::Document => Grouping::Document,
        By::Source => Grouping::Source,
    };
    // Files, folders and project files alike are counted as they stream in,
    // never all in memory.
    let streamed = StreamedInputs::open(inputs, args)?;
    let matcher = matcher_for(&streamed.head.dictionary)?;
    let corpus = streamed.corpus();
    let write_provenance = |documents| match provenance {
        Some(path) => crate::cli_inputs::write_provenance(
            path,
            &streamed.head,
            &streamed.head.scheme,
            full,
            documents,
        ),
        None => Ok(()),
    };
    if grouping == Grouping::Source {
        // A source's documents may span chunks: their sums are merged exactly.
        let mut rows = Vec::new();
        let (report, documents) = count_corpus_with(
            &corpus,
            &streamed.head.dictionary,
            &matcher,
            scope(full),
            grouping,
            &mut |chunk| rows.extend(chunk),
        )?;
        print_report_lines(&report);
        print_counts(&framescope::actors::merge_counts(rows), grouping, format)?;
        return write_provenance(documents);
    }
    // Per document the rows are final as each chunk is counted: they go out
    // at once (JSON and the aligned table hold them).
    let mut writer = CountWriter::new(format);
    let mut failed = None;
    let (report, documents) = count_corpus_with(
        &corpus,
        &streamed.head.dictionary,
        &matcher,
        scope(full),
        grouping,
        &mut |rows| {
            if failed.is_none()
                && let Err(e) = writer.write(&rows, grouping)
            {
                failed = Some(e);
            }
        },
    )?;
    print_report_lines(&report);
    if let Some(e) = failed {
        return Err(e.into());
    }
    writer.finish(grouping)?;
    write_provenance(documents)
}

/// Prints count rows in the asked format (shared by `count` and `merge`).
fn print_counts(
    rows: &[framescope::actors::MentionCount],
    grouping: Grouping,
    format: Format,
) -> Result<()> {
    let mut writer = CountWriter::new(format);
    writer.write(rows, grouping)?;
    writer.finish(grouping)?;
    Ok(())
}

/// Writes count rows to stdout as they come. CSV and JSON Lines go out a few
/// thousand rows at a time, so a large table is never held a second time as
/// text; JSON and the aligned table need every row first.
struct CountWriter {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    format: Format,
    header_written: bool,
    held: Vec<framescope::actors::MentionCount>,
}

impl CountWriter {
    fn new(format: Format) -> Self {
        Self {
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            format,
            header_written: false,
            held: Vec::new(),
        }
    }

    fn write(
        &mut self,
        rows: &[framescope::actors::MentionCount],
        grouping: Grouping,
    ) -> std::io::Result<()> {
        use std::io::Write;
        match self.format {
            Format::Json | Format::Table => self.held.extend_from_slice(rows),
            Format::Jsonl => {
                for chunk in rows.chunks(4096) {
                    self.out.write_all(to_jsonl(chunk).as_bytes())?;
                }
            }
            Format::Csv => {
                self.write_header(grouping)?;
                for chunk in rows.chunks(4096) {
                    let table = counts_table(chunk, grouping, OutputFormat::Csv);
                    self.out.write_all(table.to_csv_rows().as_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn write_header(&mut self, grouping: Grouping) -> std::io::Result<()> {
        use std::io::Write;
        if !self.header_written {
            self.header_written = true;
            let header = counts_table(&[], grouping, OutputFormat::Csv).to_csv();
            self.out.write_all(header.as_bytes())?;
        }
        Ok(())
    }

    fn finish(mut self, grouping: Grouping) -> std::io::Result<()> {
        use std::io::Write;
        match self.format {
            Format::Json => self.out.write_all(to_json(&self.held).as_bytes())?,
            Format::Table => self.out.write_all(
                counts_table(&self.held, grouping, OutputFormat::Table)
                    .to_text()
                    .as_bytes(),
            )?,
            Format::Csv => self.write_header(grouping)?,
            Format::Jsonl => {}
        }
        self.out.flush()
    }
}

/// Merges shard results of `count --format jsonl` and prints the whole.
fn merge_command(shards: &[PathBuf], format: Format) -> Result<()> {
    let mut rows = Vec::new();
    for path in shards {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: framescope::actors::MentionCount = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not a count record", path.display(), n + 1))?;
            rows.push(row);
        }
    }
    let grouping = if rows.iter().all(|r| r.document.is_empty()) {
        Grouping::Source
    } else {
        Grouping::Document
    };
    let merged = framescope::actors::merge_counts(rows);
    print_counts(&merged, grouping, format)?;
    Ok(())
}

#[derive(serde::Serialize)]
struct KwicRecord<'a> {
    document: &'a str,
    actor: &'a str,
    start: usize,
    end: usize,
    left: String,
    keyword: String,
    right: String,
}

fn kwic_command(
    inputs: &[PathBuf],
    actor: &str,
    context: usize,
    full: bool,
    format: Format,
    args: &ImportArgs,
) -> Result<()> {
    let inputs = load_inputs(inputs, args)?;
    let dictionary = &inputs.project.dictionary;
    let Some((actor_index, actor_entry)) = dictionary.actor(actor) else {
        let names: Vec<_> = dictionary.actors.iter().map(|a| a.name.as_str()).collect();
        bail!(
            "no actor named `{actor}` in the dictionary (actors: {})",
            names.join(", ")
        );
    };
    let matcher = inputs.matcher()?;
    let mut records = Vec::new();
    for (doc, label) in inputs.documents().into_iter().zip(&inputs.labels) {
        let found = DocumentMentions::find(doc, &matcher, scope(full));
        let offsets = CharOffsets::new(&doc.text);
        for line in concordance(&doc.text, &found.mentions, actor_index, context) {
            let chars = offsets.char_range(line.range.clone());
            records.push(KwicRecord {
                document: label,
                actor: &actor_entry.name,
                start: chars.start,
                end: chars.end,
                left: line.left,
                keyword: line.keyword,
                right: line.right,
            });
        }
    }
    let out = match format {
        Format::Json => to_json(&records),
        Format::Jsonl => to_jsonl(&records),
        Format::Csv | Format::Table => {
            let mut table = Table::new(&["document", "start", "end", "left", "keyword", "right"]);
            for r in &records {
                table.rows.push(vec![
                    r.document.to_string(),
                    r.start.to_string(),
                    r.end.to_string(),
                    r.left.clone(),
                    r.keyword.clone(),
                    r.right.clone(),
                ]);
            }
            if matches!(format, Format::Csv) {
                table.to_csv()
            } else {
                // Right-align the left context so keywords line up.
                let width = records
                    .iter()
                    .map(|r| r.left.chars().count())
                    .max()
                    .unwrap_or(0);
                records
                    .iter()
                    .map(|r| {
                        format!(
                            "{}:{}  {:>width$} [{}] {}\n",
                            r.document, r.start, r.left, r.keyword, r.right
                        )
                    })
                    .collect()
            }
        }
    };
    out!("{out}")?;
    Ok(())
}

fn body_command(inputs: &[PathBuf], args: &ImportArgs) -> Result<()> {
    let inputs = load_inputs(inputs, args)?;
    for (doc, label) in inputs.documents().into_iter().zip(&inputs.labels) {
        outln!("== {label}")?;
        let mut edges: Vec<(usize, usize, bool)> =
            doc.body.iter().map(|r| (r.start, r.end, true)).collect();
        // Everything not in the body, line by line.
        let mut pos = 0;
        for r in &doc.body {
            if r.start > pos {
                edges.push((pos, r.start, false));
            }
            pos = r.end;
        }
        if pos < doc.text.len() {
            edges.push((pos, doc.text.len(), false));
        }
        edges.sort();
        for (start, end, kept) in edges {
            for line in doc.text[start..end]
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
            {
                let shown: String = line.chars().take(90).collect();
                let more = if line.chars().count() > 90 { "…" } else { "" };
                outln!("{} {shown}{more}", if kept { "  keep" } else { "  DROP" })?;
            }
        }
    }
    Ok(())
}

fn scheme_command(action: SchemeAction) -> Result<()> {
    match action {
        SchemeAction::Import { file, project } => {
            let mut p = load_project(&project)?;
            let result = framescope::report::refi::import_qdc(&file, &mut p)?;
            save_project(&p, &project)?;
            let list = |names: &[String]| {
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            };
            print_file_warnings(&file, &result.warnings);
            outln!(
                "codes in the codebook: {}\nfocal actors added: {}\nframes added (no cues yet): {}\nuser codes kept: {}\nwrote {}",
                result.codes,
                list(&result.scheme.focal_actors),
                list(&result.scheme.frames),
                result.user_codes,
                project.display()
            )?;
        }
    }
    Ok(())
}

fn dict_command(action: DictAction) -> Result<()> {
    match action {
        DictAction::Export { project, output } => {
            let dictionary = match project {
                Some(p) => load_project(&p)?.dictionary,
                None => ActorDictionary::default_dictionary(),
            };
            let Some(output) = output else {
                let (tsv, _) = dictionary_text(&dictionary, DictionaryFormat::Tsv);
                out!("{tsv}")?;
                return Ok(());
            };
            let (text, warnings) =
                dictionary_text(&dictionary, DictionaryFormat::from_path(&output));
            print_file_warnings(&output, &warnings);
            std::fs::write(&output, text)
                .with_context(|| format!("cannot write {}", output.display()))?;
            outln!(
                "wrote {} actors to {}",
                dictionary.actors.len(),
                output.display()
            )?;
        }
        DictAction::Import { file, project } => {
            let (dictionary, warnings) = read_dictionary_with_warnings(&file)?;
            print_file_warnings(&file, &warnings);
            let mut p = load_project(&project)?;
            let n = dictionary.actors.len();
            p.dictionary = dictionary;
            save_project(&p, &project)?;
            outln!(
                "replaced the dictionary of {} with {n} actors from {}",
                project.display(),
                file.display()
            )?;
        }
        DictAction::Check { file } => {
            let (dictionary, warnings) = read_dictionary_with_warnings(&file)?;
            print_file_warnings(&file, &warnings);
            let mut table = Table::new(&["actor", "group", "patterns"]);
            for a in &dictionary.actors {
                let patterns: Vec<String> = a
                    .patterns
                    .iter()
                    .map(|p| {
                        if p.case_sensitive {
                            format!("{} (case)", p.text)
                        } else {
                            p.text.clone()
                        }
                    })
                    .collect();
                table.rows.push(vec![
                    a.name.clone(),
                    framescope::actors::group_path(&a.group),
                    patterns.join(", "),
                ]);
            }
            out!("{}", table.to_text())?;
            let warned = match warnings.len() {
                0 => String::new(),
                1 => " (1 warning above)".to_string(),
                n => format!(" ({n} warnings above)"),
            };
            outln!(
                "{}: {} actors, all patterns valid{warned}",
                file.display(),
                dictionary.actors.len()
            )?;
        }
    }
    Ok(())
}

/// Prints warnings about a file to stderr, one a line, each after the file's
/// name.
fn print_file_warnings(path: &Path, warnings: &[String]) {
    for warning in warnings {
        eprintln!("{}: {warning}", path.display());
    }
}
