//! `framescope frames` and `framescope code`: framing passages and manual coding.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use rayon::prelude::*;

use framescope::actors::Matcher;
use framescope::framing::{Decision, FrameDetector, decide, document_units, frame_document};
use framescope::project::{Project, load_project, save_project};
use framescope::report::{
    Table, code_records, codes_table, passage_records, passages_table, to_json, to_jsonl,
};

use crate::cli_inputs::{
    StreamedInputs, detector, find_document, matcher_for, print_report_lines, scope,
};
use crate::{CodeCommand, Format, ImportArgs, PassageArgs};

#[derive(serde::Serialize)]
struct SummaryRecord {
    document: String,
    actor: String,
    #[serde(flatten)]
    counts: serde_json::Map<String, serde_json::Value>,
    summary: String,
}

/// What `framescope frames` is asked for, beside its inputs.
pub struct FramesRequest<'a> {
    pub actors: &'a [String],
    pub scheme_file: Option<&'a Path>,
    pub full: bool,
    pub summary: bool,
    pub format: Format,
    pub provenance: Option<&'a Path>,
}

pub fn frames_command(
    inputs: &[PathBuf],
    request: &FramesRequest,
    args: &ImportArgs,
) -> Result<()> {
    let &FramesRequest {
        actors,
        scheme_file,
        full,
        summary,
        format,
        provenance,
    } = request;
    // Each document is read once: the corpus streams in a chunk at a time.
    let streamed = StreamedInputs::open(inputs, args)?;
    let project = &streamed.head;
    let detector = detector(project, scheme_file, actors)?;
    let matcher = matcher_for(&project.dictionary)?;
    let labels = detector
        .scheme()
        .labels()
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>();
    // Passages as CSV or JSON Lines are written a chunk of documents at a
    // time, so the output never sits in memory whole; the other outputs need
    // every record first (column widths, one JSON array, summaries).
    let streaming = !summary && matches!(format, Format::Csv | Format::Jsonl);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut passages = Vec::new();
    let mut summaries = Vec::new();
    let mut header_written = false;
    let mut failed = None;
    let mut documents = 0;
    let report = streamed.corpus().for_each_chunk(&mut |docs, doc_labels| {
        documents += docs.len();
        // Documents are independent: frame a chunk on every core.
        let framed: Vec<_> = docs
            .par_iter()
            .zip(doc_labels)
            .map(|(doc, label)| {
                let framing = frame_document(doc, &project.codes, &matcher, &detector, scope(full));
                (passage_records(doc, label, &framing), framing.summaries)
            })
            .collect();
        for (label, (records, doc_summaries)) in doc_labels.iter().zip(framed) {
            if !summary {
                passages.extend(records);
                continue;
            }
            for s in doc_summaries {
                let counts = labels
                    .iter()
                    .zip(&s.counts)
                    .map(|(l, c)| (l.clone(), serde_json::Value::from(*c)))
                    .collect();
                summaries.push(SummaryRecord {
                    document: label.clone(),
                    actor: s.actor,
                    counts,
                    summary: s.summary,
                });
            }
        }
        if streaming && !passages.is_empty() {
            let text = match format {
                Format::Jsonl => to_jsonl(&passages),
                _ if !header_written => passages_table(&passages, None).to_csv(),
                _ => passages_table(&passages, None).to_csv_rows(),
            };
            header_written = true;
            passages.clear();
            if let Err(e) = out.write_all(text.as_bytes()) {
                failed = Some(e);
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    })?;
    print_report_lines(&report);
    if let Some(e) = failed {
        return Err(e.into());
    }
    if let Some(path) = provenance {
        let scheme = detector.scheme();
        crate::cli_inputs::write_provenance(path, project, scheme, full, documents)?;
    }
    if streaming {
        if !header_written && matches!(format, Format::Csv) {
            out.write_all(passages_table(&[], None).to_csv().as_bytes())?;
        }
        out.flush()?;
        return Ok(());
    }
    let text = if summary {
        match format {
            Format::Json => to_json(&summaries),
            Format::Jsonl => to_jsonl(&summaries),
            Format::Csv | Format::Table => {
                let mut headers = vec!["document", "actor"];
                headers.extend(labels.iter().map(String::as_str));
                headers.push("summary");
                let mut table = Table::new(&headers);
                for s in &summaries {
                    let mut row = vec![s.document.clone(), s.actor.clone()];
                    row.extend(labels.iter().map(|l| s.counts[l].to_string()));
                    row.push(s.summary.clone());
                    table.rows.push(row);
                }
                if matches!(format, Format::Csv) {
                    table.to_csv()
                } else {
                    table.to_text()
                }
            }
        }
    } else {
        match format {
            Format::Json => to_json(&passages),
            Format::Table => passages_table(&passages, Some(80)).to_text(),
            Format::Csv | Format::Jsonl => unreachable!("streamed above"),
        }
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The unit range and canonical actor name of a passage reference.
fn locate(project: &Project, r: &PassageArgs) -> Result<(String, std::ops::Range<usize>, String)> {
    let doc = find_document(project, &r.document)?;
    let units = document_units(doc, project.settings.scope);
    let unit = units
        .iter()
        .find(|u| u.index == r.sentence)
        .ok_or_else(|| {
            anyhow!(
                "document `{}` has no sentence {} (it has {})",
                r.document,
                r.sentence,
                units.len()
            )
        })?;
    let actor = project
        .dictionary
        .actor(&r.actor)
        .map(|(_, a)| a.name.clone())
        .ok_or_else(|| anyhow!("no actor named `{}` in the dictionary", r.actor))?;
    Ok((doc.id.clone(), unit.range.clone(), actor))
}

/// The current frame of a passage (after earlier codes), for accept.
fn current_frame(
    project: &Project,
    doc_id: &str,
    range: &std::ops::Range<usize>,
    actor: &str,
) -> Result<String> {
    let matcher = Matcher::new(&project.dictionary).map_err(|e| anyhow!("dictionary: {}", e[0]))?;
    let detector = FrameDetector::new(&project.scheme, &project.dictionary)
        .map_err(|e| anyhow!("frame scheme: {e}"))?;
    let doc = project
        .documents
        .iter()
        .find(|d| d.id == doc_id)
        .expect("located above");
    let framing = frame_document(
        doc,
        &project.codes,
        &matcher,
        &detector,
        project.settings.scope,
    );
    framing
        .passages
        .iter()
        .find(|p| p.passage.actor == actor && p.passage.range == *range)
        .map(|p| p.passage.frame.clone())
        .ok_or_else(|| {
            anyhow!("no passage for {actor} in that sentence; use `code add` to add one")
        })
}

/// Locates a passage, takes its current frame and records `decision` on it;
/// returns the actor's canonical name and the frame.
fn decide_on(
    project: &mut Project,
    passage: &PassageArgs,
    decision: Decision,
    memo: Option<String>,
) -> Result<(String, String)> {
    let (doc, range, actor) = locate(project, passage)?;
    let frame = current_frame(project, &doc, &range, &actor)?;
    record(project, &doc, range, &actor, &frame, decision, memo)?;
    Ok((actor, frame))
}

/// Records a decision on a located passage, then its memo if one was given
/// (without one, an earlier memo stays).
fn record(
    project: &mut Project,
    doc_id: &str,
    range: std::ops::Range<usize>,
    actor: &str,
    frame: &str,
    decision: Decision,
    memo: Option<String>,
) -> Result<()> {
    let Project {
        documents, codes, ..
    } = project;
    let doc = documents
        .iter()
        .find(|d| d.id == doc_id)
        .ok_or_else(|| anyhow!("no document `{doc_id}` in the project"))?;
    decide(
        codes,
        doc_id,
        &doc.text,
        range.clone(),
        actor,
        frame,
        decision,
    )?;
    if let Some(memo) = memo {
        decide(
            codes,
            doc_id,
            &doc.text,
            range,
            actor,
            frame,
            Decision::Memo(memo),
        )?;
    }
    Ok(())
}

/// Refuses a frame the project's scheme does not have, naming those it has.
fn check_label(project: &Project, frame: &str) -> Result<()> {
    if !project.scheme.is_label(frame) {
        bail!(
            "no frame `{frame}` in the scheme (frames: {})",
            project.scheme.labels().join(", ")
        );
    }
    Ok(())
}

pub fn code_command(path: &Path, action: CodeCommand) -> Result<()> {
    let mut project = load_project(path)?;
    let message = match action {
        CodeCommand::List => {
            let records = code_records(&project, project.settings.scope);
            out!("{}", codes_table(&records).to_text())?;
            return Ok(());
        }
        CodeCommand::Accept { passage, memo } => {
            let (actor, frame) = decide_on(&mut project, &passage, Decision::Accept, memo)?;
            format!("accepted: {actor} {frame}")
        }
        CodeCommand::Reject { passage, memo } => {
            let (actor, _) = decide_on(&mut project, &passage, Decision::Reject, memo)?;
            format!("rejected: {actor} passage")
        }
        CodeCommand::Relabel {
            passage,
            frame,
            memo,
        } => {
            check_label(&project, &frame)?;
            let (doc, range, actor) = locate(&project, &passage)?;
            let relabel = Decision::Relabel(frame.clone());
            record(&mut project, &doc, range, &actor, &frame, relabel, memo)?;
            format!("relabelled: {actor} {frame}")
        }
        CodeCommand::Add {
            document,
            start,
            end,
            actor,
            frame,
            memo,
        } => {
            check_label(&project, &frame)?;
            let doc = find_document(&project, &document)?;
            let chars: Vec<usize> = doc
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([doc.text.len()])
                .collect();
            if start >= end || end >= chars.len() {
                bail!(
                    "span {start}..{end} is empty or outside the document ({} characters)",
                    chars.len() - 1
                );
            }
            let range = chars[start]..chars[end];
            let actor = project
                .dictionary
                .actor(&actor)
                .map(|(_, a)| a.name.clone())
                .ok_or_else(|| anyhow!("no actor named `{actor}` in the dictionary"))?;
            let id = doc.id.clone();
            record(
                &mut project,
                &id,
                range,
                &actor,
                frame.trim(),
                Decision::Add,
                memo,
            )?;
            format!("added: {actor} {frame}")
        }
        CodeCommand::Memo {
            document,
            sentence,
            actor,
            text,
        } => match (sentence, actor) {
            (Some(sentence), Some(actor)) => {
                let r = PassageArgs {
                    document,
                    sentence,
                    actor,
                };
                let (doc, range, actor) = locate(&project, &r)?;
                let coded = project
                    .codes
                    .iter()
                    .find(|c| c.document == doc && c.span == range && c.actor == actor)
                    .map(|c| c.frame.clone());
                let frame = match coded {
                    Some(frame) => frame,
                    None => current_frame(&project, &doc, &range, &actor)?,
                };
                record(
                    &mut project,
                    &doc,
                    range,
                    &actor,
                    &frame,
                    Decision::Memo(text),
                    None,
                )?;
                "memo saved on the passage".to_string()
            }
            _ => {
                let id = find_document(&project, &document)?.id.clone();
                let index = project
                    .documents
                    .iter()
                    .position(|d| d.id == id)
                    .expect("found above");
                project.document_mut(index).expect("found above").memo = text;
                "memo saved on the document".to_string()
            }
        },
    };
    save_project(&project, path)?;
    outln!("{message}; saved {}", path.display())?;
    Ok(())
}
