//! `.csv` and `.jsonl` files: one article per row.

use std::collections::BTreeMap;

use super::{ColumnNames, Parsed};
use crate::corpus::Metadata;
use crate::corpus::body::propose_body;
use crate::corpus::import::frontmatter::normalise_date;

/// Column names tried, in order, when the user names none.
const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "maintext",
];
const TITLE: &[&str] = &["title", "headline", "heading"];
const SOURCE: &[&str] = &[
    "source",
    "outlet",
    "publisher",
    "site",
    "site_name",
    "media",
    "newspaper",
];
const AUTHOR: &[&str] = &["author", "authors", "byline", "writer"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publication_date",
    "pub_date",
    "datetime",
    "time",
];
const URL: &[&str] = &["url", "link", "permalink", "uri"];

/// One row's fields by column name.
type Row = BTreeMap<String, String>;

/// Which column holds what, resolved against a header.
struct Columns {
    text: String,
    title: Option<String>,
    source: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
}

impl Columns {
    fn resolve(header: &[String], names: &ColumnNames) -> Result<Self, String> {
        let find =
            |chosen: &Option<String>, candidates: &[&str]| -> Result<Option<String>, String> {
                if let Some(chosen) = chosen {
                    return header
                        .iter()
                        .find(|h| h.eq_ignore_ascii_case(chosen))
                        .cloned()
                        .map(Some)
                        .ok_or_else(|| {
                            format!(
                                "no column named `{chosen}` (columns: {})",
                                header.join(", ")
                            )
                        });
                }
                Ok(candidates.iter().find_map(|c| {
                    header
                        .iter()
                        .find(|h| h.trim().eq_ignore_ascii_case(c))
                        .cloned()
                }))
            };
        let text = find(&names.text, TEXT)?.ok_or_else(|| {
            format!(
                "no text column found (looked for {}; columns: {}); name it with --text-column",
                TEXT.join(", "),
                header.join(", ")
            )
        })?;
        Ok(Self {
            text,
            title: find(&names.title, TITLE)?,
            source: find(&names.source, SOURCE)?,
            author: find(&names.author, AUTHOR)?,
            date: find(&names.date, DATE)?,
            url: find(&names.url, URL)?,
        })
    }

    fn document(&self, row: &Row, origin: String) -> Option<Parsed> {
        let get = |c: &Option<String>| {
            c.as_ref()
                .and_then(|c| row.get(c))
                .map(|v| v.trim().to_string())
                .unwrap_or_default()
        };
        let body_text = row.get(&self.text).map(|t| t.trim()).unwrap_or("");
        if body_text.is_empty() {
            return None;
        }
        let title = get(&self.title);
        // The title is part of the article (and counts), so it heads the text.
        let text = if title.is_empty() || body_text.starts_with(&title) {
            format!("{body_text}\n")
        } else {
            format!("{title}\n\n{body_text}\n")
        };
        let used: Vec<&String> = [
            Some(&self.text),
            self.title.as_ref(),
            self.source.as_ref(),
            self.author.as_ref(),
            self.date.as_ref(),
            self.url.as_ref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let extra = row
            .iter()
            .filter(|(k, v)| !used.contains(k) && !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let meta = Metadata {
            title,
            source: get(&self.source),
            author: get(&self.author),
            date: normalise_date(&get(&self.date)),
            url: get(&self.url),
            origin,
            extra,
        };
        let body = propose_body(&text, 0..text.len()).ranges;
        Some(Parsed {
            text,
            meta,
            body,
            warnings: Vec::new(),
            hints: Default::default(),
        })
    }
}

/// Rows of a table file: the documents, and warnings naming rows or lines.
pub(crate) struct TableRows {
    pub documents: Vec<Parsed>,
    pub warnings: Vec<String>,
}

/// Reads CSV text. Rows with a different number of fields are read as far as
/// they go and reported; rows with empty text are skipped and reported.
pub(crate) fn parse_csv(
    text: &str,
    names: &ColumnNames,
    origin: &str,
) -> Result<TableRows, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let columns = Columns::resolve(&header, names)?;
    let mut out = TableRows {
        documents: Vec::new(),
        warnings: Vec::new(),
    };
    for (index, record) in reader.records().enumerate() {
        let row_no = index + 1;
        let line = |r: &csv::StringRecord| r.position().map_or(row_no + 1, |p| p.line() as usize);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(format!("row {row_no}: skipped, {e}"));
                continue;
            }
        };
        if record.len() != header.len() {
            out.warnings.push(format!(
                "row {row_no} (line {}): {} fields where the header has {}",
                line(&record),
                record.len(),
                header.len()
            ));
        }
        let row: Row = header
            .iter()
            .cloned()
            .zip(record.iter().map(str::to_string))
            .collect();
        match columns.document(&row, format!("{origin}#{row_no}")) {
            Some(doc) => out.documents.push(doc),
            None => out.warnings.push(format!(
                "row {row_no} (line {}): empty text, skipped",
                line(&record)
            )),
        }
    }
    Ok(out)
}

/// Reads JSON Lines: one object per line. A bad line is reported with its
/// number and the rest are read.
pub(crate) fn parse_jsonl(
    text: &str,
    names: &ColumnNames,
    origin: &str,
) -> Result<TableRows, String> {
    let mut out = TableRows {
        documents: Vec::new(),
        warnings: Vec::new(),
    };
    let mut columns: Option<Columns> = None;
    let mut row_no = 0;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(line) {
            Ok(serde_json::Value::Object(o)) => o,
            Ok(_) => {
                out.warnings
                    .push(format!("line {line_no}: not a JSON object, skipped"));
                continue;
            }
            Err(e) => {
                out.warnings
                    .push(format!("line {line_no}: not valid JSON ({e}), skipped"));
                continue;
            }
        };
        row_no += 1;
        let row: Row = object
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Null => String::new(),
                    serde_json::Value::Array(items) => items
                        .into_iter()
                        .map(|i| match i {
                            serde_json::Value::String(s) => s,
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect();
        if columns.is_none() {
            let header: Vec<String> = row.keys().cloned().collect();
            match Columns::resolve(&header, names) {
                Ok(c) => columns = Some(c),
                Err(e) => {
                    out.warnings.push(format!("line {line_no}: {e}, skipped"));
                    continue;
                }
            }
        }
        let Some(cols) = &columns else { continue };
        match cols.document(&row, format!("{origin}#{row_no}")) {
            Some(doc) => out.documents.push(doc),
            None => out
                .warnings
                .push(format!("line {line_no}: empty or missing text, skipped")),
        }
    }
    if out.documents.is_empty() && columns.is_none() && out.warnings.is_empty() {
        return Err("no JSON objects found".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_columns_are_found_by_name_and_title_heads_the_text() {
        let csv = "Headline,Outlet,Body,Extra\nBaku talks,Ledger,\"Talks in Baku, again.\",x\n";
        let rows = parse_csv(csv, &ColumnNames::default(), "a.csv").unwrap();
        let d = &rows.documents[0];
        assert_eq!(d.meta.title, "Baku talks");
        assert_eq!(d.meta.source, "Ledger");
        assert_eq!(d.text, "Baku talks\n\nTalks in Baku, again.\n");
        assert_eq!(d.meta.extra["Extra"], "x");
        assert_eq!(d.meta.origin, "a.csv#1");
    }

    #[test]
    fn csv_ragged_and_empty_rows_are_reported() {
        let csv = "title,text\nA,first text\nB\nC,third text,surplus\n";
        let rows = parse_csv(csv, &ColumnNames::default(), "a.csv").unwrap();
        assert_eq!(rows.documents.len(), 2);
        assert_eq!(rows.warnings.len(), 3, "{:?}", rows.warnings);
    }

    #[test]
    fn csv_column_override_and_missing_column() {
        let csv = "t,story\nA,some text\n";
        let names = ColumnNames {
            text: Some("story".into()),
            ..Default::default()
        };
        assert_eq!(parse_csv(csv, &names, "a.csv").unwrap().documents.len(), 1);
        let err = parse_csv(csv, &ColumnNames::default(), "a.csv")
            .err()
            .unwrap();
        assert!(err.contains("--text-column"), "{err}");
    }

    #[test]
    fn jsonl_bad_line_is_reported_and_the_rest_imported() {
        let jsonl =
            "{\"title\":\"A\",\"text\":\"one\"}\n{broken\n{\"title\":\"B\",\"text\":\"two\"}\n";
        let rows = parse_jsonl(jsonl, &ColumnNames::default(), "a.jsonl").unwrap();
        assert_eq!(rows.documents.len(), 2);
        assert!(
            rows.warnings[0].starts_with("line 2:"),
            "{:?}",
            rows.warnings
        );
    }
}
