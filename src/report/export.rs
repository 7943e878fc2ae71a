//! Tables for people and programs: CSV, JSON (a flat array of records) and
//! aligned plain-text tables.

use serde::Serialize;

use crate::actors::{Grouping, MentionCount};

/// Output formats of the command line and exports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OutputFormat {
    #[default]
    Csv,
    Json,
    /// One JSON record per line (streams; shards concatenate).
    Jsonl,
    Table,
}

/// Rows with named columns, ready to write in any [`OutputFormat`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names and no rows.
    pub fn new(headers: &[&str]) -> Self {
        Self {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// CSV with a header row (RFC 4180 quoting).
    pub fn to_csv(&self) -> String {
        self.csv(true)
    }

    /// The CSV rows without the header: the continuation of a CSV written a
    /// part at a time.
    pub fn to_csv_rows(&self) -> String {
        self.csv(false)
    }

    fn csv(&self, header: bool) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing to memory cannot fail, and every row has the header's width.
        if header {
            writer.write_record(&self.headers).expect("write to memory");
        }
        for row in &self.rows {
            writer.write_record(row).expect("write to memory");
        }
        String::from_utf8(writer.into_inner().expect("flush to memory"))
            .expect("CSV of UTF-8 strings is UTF-8")
    }

    /// A plain-text table with aligned columns; numbers are right-aligned.
    pub fn to_text(&self) -> String {
        let width = |s: &str| s.chars().count();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(width(cell));
            }
        }
        let numeric: Vec<bool> = (0..self.headers.len())
            .map(|c| {
                !self.rows.is_empty()
                    && self
                        .rows
                        .iter()
                        .all(|r| r.get(c).is_some_and(|v| v.parse::<f64>().is_ok()))
            })
            .collect();
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(i, cell)| {
                    let pad = widths[i].saturating_sub(width(cell));
                    if numeric[i] {
                        format!("{}{cell}", " ".repeat(pad))
                    } else {
                        format!("{cell}{}", " ".repeat(pad))
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_string() + "\n"
        };
        let mut out = line(&self.headers);
        out.push_str(&line(
            &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
        ));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// A JSON array of records, pretty-printed, with a final newline.
pub fn to_json<T: Serialize>(records: &[T]) -> String {
    // Our records are plain structs of strings and numbers: serialising cannot fail.
    let mut s = serde_json::to_string_pretty(records).expect("records serialise");
    s.push('\n');
    s
}

/// Formats a rate with two decimals, the way every count table shows it.
pub fn format_rate(value: f64) -> String {
    format!("{value:.2}")
}

/// One JSON object per line (JSON Lines): streams, and shards concatenate.
pub fn to_jsonl<T: Serialize>(records: &[T]) -> String {
    let mut out = String::new();
    for r in records {
        // Records are plain structs of strings and numbers: serialising cannot fail.
        out.push_str(&serde_json::to_string(r).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// The count table as `framescope count` prints it and the app exports it.
/// CSV keeps exactly `document,source,actor,mentions,words,per_1000` (share
/// is derivable and appears in JSON and the plain-text table); the text table
/// adds the share and leaves out the empty document column when grouped by
/// source.
pub fn counts_table(rows: &[MentionCount], grouping: Grouping, format: OutputFormat) -> Table {
    let text = format == OutputFormat::Table;
    let mut table = match (text, grouping) {
        (false, _) => Table::new(&[
            "document", "source", "actor", "mentions", "words", "per_1000",
        ]),
        (true, Grouping::Document) => Table::new(&[
            "document", "source", "actor", "mentions", "words", "per_1000", "share",
        ]),
        (true, Grouping::Source) => {
            Table::new(&["source", "actor", "mentions", "words", "per_1000", "share"])
        }
    };
    for r in rows {
        let mut row = vec![
            r.document.clone(),
            r.source.clone(),
            r.actor.clone(),
            r.mentions.to_string(),
            r.words.to_string(),
            format_rate(r.per_1000),
        ];
        if text {
            row.push(format!("{:.1}%", r.share * 100.0));
            if grouping == Grouping::Source {
                row.remove(0);
            }
        }
        table.rows.push(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_fields_that_need_it() {
        let mut t = Table::new(&["document", "n"]);
        t.rows.push(vec!["Baku, “again”".into(), "3".into()]);
        assert_eq!(t.to_csv(), "document,n\n\"Baku, “again”\",3\n");
    }

    #[test]
    fn text_table_aligns_numbers_right() {
        let mut t = Table::new(&["actor", "mentions"]);
        t.rows.push(vec!["Türkiye".into(), "12".into()]);
        t.rows.push(vec!["Iran".into(), "3".into()]);
        let text = t.to_text();
        assert!(text.contains("Türkiye        12\n"), "{text}");
        assert!(text.contains("Iran            3\n"), "{text}");
    }
}
