//! `framescope eval` and `framescope learn`: how far the automatic framing
//! agrees with reference labels — a gold set in the development set's format,
//! or the analyst's own manual codes in a project — and rule weights
//! re-estimated from them.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use framescope::actors::{Matcher, read_dictionary};
use framescope::corpus::Document;
use framescope::framing::{
    Agreement, AgreementBuilder, ExampleSet, FrameDetector, GoldSet, Learned, evaluate_codes, learn,
};
use framescope::project::{load_project, save_project};
use framescope::report::{Table, to_json};

use crate::cli_inputs::{StreamedInputs, detector, matcher_for, print_report_lines, scope};
use crate::{Format, ImportArgs};

pub fn eval_command(
    inputs: &[PathBuf],
    gold: Option<&Path>,
    scheme_file: Option<&Path>,
    full: bool,
    format: Format,
    disagreements: bool,
    args: &ImportArgs,
) -> Result<()> {
    let agreement = match gold {
        Some(dir) => against_gold(inputs, dir, scheme_file, full, args)?,
        None => against_codes(inputs, scheme_file, args)?,
    };
    let text = match format {
        Format::Json | Format::Jsonl => to_json(&[&agreement]),
        Format::Csv => scores_table(&agreement).to_csv(),
        Format::Table => agreement_text(&agreement, disagreements),
    };
    out!("{text}")?;
    Ok(())
}

/// What a run over a gold set reads: the gold labels, the inputs, and the
/// detector and matcher. Without `--dict`, the gold set's own
/// `dictionary.tsv` (the one its labels were made with) is used when there
/// is one.
struct GoldRun {
    gold: GoldSet,
    streamed: StreamedInputs,
    detector: FrameDetector,
    matcher: Matcher,
}

impl GoldRun {
    fn open(
        inputs: &[PathBuf],
        dir: &Path,
        scheme_file: Option<&Path>,
        args: &ImportArgs,
    ) -> Result<Self> {
        let gold = GoldSet::read(dir)?;
        let mut streamed = StreamedInputs::open(inputs, args)?;
        let gold_dictionary = dir.join("dictionary.tsv");
        if args.dict.is_none() && gold_dictionary.is_file() {
            streamed.head.dictionary = read_dictionary(&gold_dictionary)?;
        }
        let detector = detector(&streamed.head, scheme_file, &[])?;
        let matcher = matcher_for(&streamed.head.dictionary)?;
        Ok(Self {
            gold,
            streamed,
            detector,
            matcher,
        })
    }

    /// Hands every included input document to `each`, a chunk at a time,
    /// then reports skipped files.
    fn for_each_document(&self, mut each: impl FnMut(&Document)) -> Result<()> {
        let report = self.streamed.corpus().for_each_chunk(&mut |docs, _| {
            docs.iter().for_each(|doc| each(doc));
            ControlFlow::Continue(())
        })?;
        print_report_lines(&report);
        Ok(())
    }
}

/// The engine's labels on `inputs` against the gold set in `dir`
/// ([`GoldRun`]).
fn against_gold(
    inputs: &[PathBuf],
    dir: &Path,
    scheme_file: Option<&Path>,
    full: bool,
    args: &ImportArgs,
) -> Result<Agreement> {
    let run = GoldRun::open(inputs, dir, scheme_file, args)?;
    let mut builder = AgreementBuilder::new(&run.detector.scheme().labels());
    let mut unknown = Vec::new();
    run.for_each_document(|doc| {
        if !builder.add_gold(&run.gold, doc, &run.matcher, &run.detector, scope(full)) {
            unknown.push(doc.file_label().to_string());
        }
    })?;
    for file in unknown {
        eprintln!("{file}: no gold labels for this file (not compared)");
    }
    let agreement = builder.finish();
    if agreement.documents == 0 {
        bail!(
            "none of the inputs has gold labels in {} (documents are matched by file name)",
            dir.display()
        );
    }
    Ok(agreement)
}

/// A project's automatic labels against its manual codes.
fn against_codes(
    inputs: &[PathBuf],
    scheme_file: Option<&Path>,
    args: &ImportArgs,
) -> Result<Agreement> {
    let [path] = inputs else {
        bail!("give one project file, or --gold DIR to compare with a gold set");
    };
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        bail!(
            "{}: not a project file; to compare files with a gold set, add --gold DIR",
            path.display()
        );
    }
    let mut project = load_project(path)?;
    if let Some(d) = args.dictionary()? {
        project.dictionary = d;
    }
    if project.codes.is_empty() {
        bail!(
            "{}: the project has no manual codes to compare with (accept, reject, relabel or add passages first)",
            path.display()
        );
    }
    let detector = detector(&project, scheme_file, &[])?;
    let matcher = matcher_for(&project.dictionary)?;
    Ok(evaluate_codes(&project, &matcher, &detector))
}

/// Precision, recall and F1 per label, one row each.
fn scores_table(a: &Agreement) -> Table {
    let mut table = Table::new(&[
        "label",
        "precision",
        "recall",
        "f1",
        "reference",
        "predicted",
    ]);
    for s in &a.scores {
        table.rows.push(vec![
            s.label.clone(),
            format!("{:.3}", s.precision),
            format!("{:.3}", s.recall),
            format!("{:.3}", s.f1),
            s.reference.to_string(),
            s.predicted.to_string(),
        ]);
    }
    table
}

fn percent(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// The human-readable report: scores, confusion matrix, κ, agreement counts,
/// and (on request) every disagreement.
fn agreement_text(a: &Agreement, disagreements: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} documents, {} reference labels, {} automatic passages outside reference units\n\n",
        a.documents, a.labels_total, a.outside_units
    ));
    out.push_str(&scores_table(a).to_text());
    out.push_str("\nconfusion (rows: reference, columns: automatic)\n");
    let mut confusion = Table::new(
        &std::iter::once("")
            .chain(a.labels.iter().map(String::as_str))
            .collect::<Vec<_>>(),
    );
    for (label, row) in a.labels.iter().zip(&a.confusion) {
        confusion.rows.push(
            std::iter::once(label.clone())
                .chain(row.iter().map(ToString::to_string))
                .collect(),
        );
    }
    out.push_str(&confusion.to_text());
    out.push_str(&format!(
        "\nCohen's kappa {:.3}\nlabels agreeing {} of {} ({:.1}%)\narticle summaries agreeing {} of {}\n",
        a.kappa,
        a.labels_agreeing,
        a.labels_total,
        percent(a.labels_agreeing, a.labels_total),
        a.summaries_agreeing,
        a.summaries_total
    ));
    if disagreements {
        out.push_str("\ndisagreements (document, unit, actor: reference → automatic [rule])\n");
        for d in &a.disagreements {
            out.push_str(&format!(
                "{} s{} {}: {} → {} [{}] {}\n",
                d.document,
                d.sentence,
                d.actor,
                d.reference,
                d.predicted,
                d.rule,
                d.text.replace('\n', " ")
            ));
        }
        for (doc, actor, reference, predicted) in &a.summary_disagreements {
            out.push_str(&format!(
                "{doc} summary {actor}: {reference} → {predicted}\n"
            ));
        }
    }
    out
}

pub fn learn_command(
    inputs: &[PathBuf],
    gold: Option<&Path>,
    scheme_file: Option<&Path>,
    output: Option<&Path>,
    format: Format,
    args: &ImportArgs,
) -> Result<()> {
    let learned = match gold {
        Some(dir) => {
            let Some(output) = output else {
                bail!(
                    "give -o SCHEME.ron: where to write the scheme learned from {}",
                    dir.display()
                );
            };
            let texts = [dir.join("texts")];
            let inputs = if inputs.is_empty() {
                &texts[..]
            } else {
                inputs
            };
            let learned = learn_from_gold(inputs, dir, scheme_file, args)?;
            write_scheme(&learned, output)?;
            learned
        }
        None => {
            let [path] = inputs else {
                bail!("give one project file, or --gold DIR to learn from a gold set");
            };
            let mut project = load_project(path)?;
            if let Some(d) = args.dictionary()? {
                project.dictionary = d;
            }
            let detector = detector(&project, scheme_file, &[])?;
            let matcher = matcher_for(&project.dictionary)?;
            let set = ExampleSet::from_project(&project, &matcher, &detector);
            if set.is_empty() {
                bail!(
                    "{}: no manual decisions on passages to learn from (accept, reject, relabel or add passages first)",
                    path.display()
                );
            }
            let learned = learn(&detector, &set);
            match output {
                Some(output) => write_scheme(&learned, output)?,
                None => {
                    project.scheme = learned.scheme.clone();
                    save_project(&project, path)?;
                }
            }
            learned
        }
    };
    let text = match format {
        Format::Json | Format::Jsonl => to_json(&[&learned]),
        Format::Csv => rules_table(&learned).to_csv(),
        Format::Table => learned_text(&learned),
    };
    out!("{text}")?;
    Ok(())
}

fn learn_from_gold(
    inputs: &[PathBuf],
    dir: &Path,
    scheme_file: Option<&Path>,
    args: &ImportArgs,
) -> Result<Learned> {
    let run = GoldRun::open(inputs, dir, scheme_file, args)?;
    let mut set = ExampleSet::new();
    run.for_each_document(|doc| {
        let body = framescope::corpus::Scope::Body;
        set.add_gold(&run.gold, doc, &run.matcher, &run.detector, body);
    })?;
    if set.is_empty() {
        bail!(
            "none of the inputs has gold labels in {} (documents are matched by file name)",
            dir.display()
        );
    }
    Ok(learn(&run.detector, &set))
}

/// Writes a learned scheme as RON.
fn write_scheme(learned: &Learned, path: &Path) -> Result<()> {
    let ron = ron::ser::to_string_pretty(&learned.scheme, ron::ser::PrettyConfig::default())?;
    std::fs::write(path, ron + "\n")
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

fn rules_table(l: &Learned) -> Table {
    let mut table = Table::new(&["rule", "default", "learned", "support"]);
    for r in &l.rules {
        table.rows.push(vec![
            r.rule.clone(),
            format!("{:.2}", r.default),
            format!("{:.2}", r.learned),
            r.support.to_string(),
        ]);
    }
    table
}

fn learned_text(l: &Learned) -> String {
    let mut out = format!(
        "{} examples from {} documents\nagreement with the scheme's weights: {} of {} ({:.1}%)\nagreement with learned weights, cross-validated over {} folds of documents: {} of {} ({:.1}%)\n\n",
        l.examples,
        l.documents,
        l.before,
        l.examples,
        percent(l.before, l.examples),
        l.folds,
        l.after,
        l.examples,
        percent(l.after, l.examples),
    );
    out.push_str(&rules_table(l).to_text());
    out
}
