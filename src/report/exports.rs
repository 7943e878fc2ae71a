//! One function per export the analyst can ask for, shared by the command
//! line (`framescope export`) and the app's File ▸ Export menu. Every export
//! is written atomically and gets a provenance file beside it
//! (`NAME.provenance.json`), since CSV and JSON arrays have no room for it.

use std::path::{Path, PathBuf};

use crate::actors::Grouping;
use crate::analysis::ProjectAnalysis;
use crate::project::Project;

use super::export::{OutputFormat, counts_table, to_json, to_jsonl};
use super::figure::write_atomic;
use super::provenance::Provenance;
use super::records::{
    code_records, codes_table, document_records, documents_table, passage_records, passages_table,
    sentence_records, sentences_table,
};

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// Mention counts (as `framescope count`).
    Counts(Grouping),
    /// Passages that count, with frames, cues, decisions and memos.
    Passages,
    /// The analyst's manual codes and memos.
    Codes,
    /// A REFI-QDA project (`.qdpx`) for MAXQDA, NVivo, ATLAS.ti, QualCoder.
    Qdpx,
    /// The codebook as a REFI-QDA `.qdc` (frame codes per focal actor, and
    /// imported user codes).
    Qdc,
    /// The documents with their metadata, text and body, for R or Python.
    Documents,
    /// Every document's sentence units with offsets and body membership.
    Sentences,
}

impl ExportKind {
    /// The file extension for `format` (`.qdpx` whatever the format).
    pub fn extension(self, format: OutputFormat) -> &'static str {
        match (self, format) {
            (ExportKind::Qdpx, _) => "qdpx",
            (ExportKind::Qdc, _) => "qdc",
            (_, OutputFormat::Json) => "json",
            (_, OutputFormat::Jsonl) => "jsonl",
            (_, OutputFormat::Table) => "txt",
            (_, OutputFormat::Csv) => "csv",
        }
    }

    /// A word for file names and messages.
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Counts(_) => "counts",
            ExportKind::Passages => "passages",
            ExportKind::Codes => "codes",
            ExportKind::Qdpx => "refi-qda",
            ExportKind::Qdc => "codebook",
            ExportKind::Documents => "documents",
            ExportKind::Sentences => "sentences",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Write(#[from] super::figure::PngError),
    #[error(transparent)]
    Qdpx(#[from] super::qdpx::QdpxError),
}

/// The bytes of an export.
pub fn export_bytes(
    project: &Project,
    analysis: &ProjectAnalysis,
    kind: ExportKind,
    format: OutputFormat,
) -> Result<Vec<u8>, ExportError> {
    let text = match kind {
        ExportKind::Qdpx => return Ok(super::qdpx::qdpx_bytes(project, analysis)?),
        ExportKind::Qdc => super::qdpx::qdc_xml(project, analysis),
        ExportKind::Counts(grouping) => {
            let rows = analysis.counts(project, grouping);
            match format {
                OutputFormat::Json => to_json(&rows),
                OutputFormat::Jsonl => to_jsonl(&rows),
                OutputFormat::Csv => counts_table(&rows, grouping, format).to_csv(),
                OutputFormat::Table => counts_table(&rows, grouping, format).to_text(),
            }
        }
        ExportKind::Passages => {
            let records: Vec<_> = project
                .documents
                .iter()
                .zip(&analysis.documents)
                .filter(|(doc, _)| doc.included)
                .flat_map(|(doc, a)| passage_records(doc, doc.display_name(), &a.framing))
                .collect();
            match format {
                OutputFormat::Json => to_json(&records),
                OutputFormat::Jsonl => to_jsonl(&records),
                OutputFormat::Csv => passages_table(&records, None).to_csv(),
                OutputFormat::Table => passages_table(&records, Some(80)).to_text(),
            }
        }
        ExportKind::Codes => {
            let records = code_records(project, project.settings.scope);
            match format {
                OutputFormat::Json => to_json(&records),
                OutputFormat::Jsonl => to_jsonl(&records),
                OutputFormat::Csv => codes_table(&records).to_csv(),
                OutputFormat::Table => codes_table(&records).to_text(),
            }
        }
        ExportKind::Documents => {
            let records = document_records(project);
            match format {
                OutputFormat::Json => to_json(&records),
                OutputFormat::Jsonl => to_jsonl(&records),
                OutputFormat::Csv => documents_table(&records).to_csv(),
                OutputFormat::Table => documents_table(&records).to_text(),
            }
        }
        ExportKind::Sentences => {
            let records = sentence_records(project);
            match format {
                OutputFormat::Json => to_json(&records),
                OutputFormat::Jsonl => to_jsonl(&records),
                OutputFormat::Csv => sentences_table(&records).to_csv(),
                OutputFormat::Table => sentences_table(&records).to_text(),
            }
        }
    };
    Ok(text.into_bytes())
}

/// Where the provenance of an export written to `path` goes.
pub fn provenance_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".provenance.json");
    path.with_file_name(name)
}

/// Writes an export and its provenance file.
pub fn write_export(
    project: &Project,
    analysis: &ProjectAnalysis,
    kind: ExportKind,
    format: OutputFormat,
    path: &Path,
) -> Result<(), ExportError> {
    let bytes = export_bytes(project, analysis, kind, format)?;
    write_atomic(path, &bytes)?;
    let provenance = Provenance::of(project);
    // Serialising a struct of strings cannot fail.
    let json = serde_json::to_string_pretty(&provenance).unwrap_or_default();
    write_atomic(&provenance_path(path), json.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_export_is_written_with_its_provenance() {
        let (project, analysis) = crate::test_fixtures::demo();
        let dir = tempfile::tempdir().unwrap();
        for kind in [
            ExportKind::Counts(Grouping::Source),
            ExportKind::Passages,
            ExportKind::Codes,
            ExportKind::Qdpx,
            ExportKind::Documents,
            ExportKind::Sentences,
        ] {
            for format in [OutputFormat::Csv, OutputFormat::Json, OutputFormat::Jsonl] {
                let path =
                    dir.path()
                        .join(format!("out-{}.{}", kind.name(), kind.extension(format)));
                write_export(&project, &analysis, kind, format, &path).unwrap();
                assert!(std::fs::metadata(&path).unwrap().len() > 0 || kind == ExportKind::Codes);
                let provenance = std::fs::read_to_string(provenance_path(&path)).unwrap();
                assert!(provenance.contains(&project.dictionary.fingerprint()));
            }
        }
        let counts = std::fs::read_to_string(dir.path().join("out-counts.csv")).unwrap();
        assert!(counts.starts_with("document,source,actor,mentions,words,per_1000\n"));
        let passages = std::fs::read_to_string(dir.path().join("out-passages.json")).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&passages).unwrap();
        assert!(parsed.as_array().is_some_and(|a| !a.is_empty()));
        let documents = std::fs::read_to_string(dir.path().join("out-documents.jsonl")).unwrap();
        assert_eq!(documents.lines().count(), project.documents.len());
        for line in documents.lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(record["body_text"].as_str().is_some_and(|b| !b.is_empty()));
        }
    }

    #[test]
    fn sentences_carry_code_point_offsets_into_the_text_and_their_body_membership() {
        let (project, _) = crate::test_fixtures::demo();
        let records = super::super::records::sentence_records(&project);
        for doc in &project.documents {
            let chars: Vec<char> = doc.text.chars().collect();
            let mine: Vec<_> = records.iter().filter(|r| r.document == doc.id).collect();
            assert!(!mine.is_empty(), "{}", doc.id);
            for (i, r) in mine.iter().enumerate() {
                assert_eq!(r.index, i);
                let text: String = chars[r.start..r.end].iter().collect();
                assert_eq!(text, r.text);
                assert!(!r.text.trim().is_empty());
            }
            // Units never overlap and keep text order.
            assert!(mine.windows(2).all(|w| w[0].end <= w[1].start));
            // The body's units are exactly the ones the body scope analyses.
            let offsets = crate::text::CharOffsets::new(&doc.text);
            let body: Vec<_> = crate::framing::document_units(doc, crate::corpus::Scope::Body)
                .into_iter()
                .map(|u| offsets.char_range(u.range))
                .collect();
            let in_body: Vec<_> = mine
                .iter()
                .filter(|r| r.in_body)
                .map(|r| r.start..r.end)
                .collect();
            assert_eq!(in_body, body, "{}", doc.id);
        }
        assert!(
            records.iter().any(|r| !r.in_body),
            "the demo has chrome lines"
        );
        let csv = String::from_utf8(
            export_bytes(
                &project,
                &crate::test_fixtures::demo().1,
                ExportKind::Sentences,
                OutputFormat::Csv,
            )
            .unwrap(),
        )
        .unwrap();
        assert!(csv.starts_with("document,index,start,end,in_body,text\n"));
    }
}
