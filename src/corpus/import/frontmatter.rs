//! YAML front matter (`---` … `---`) at the top of Markdown and text files.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_norway::Value;

use crate::corpus::Metadata;
use crate::text::{YAML_MAX_NESTING, bracket_depth_past};

/// Front matter found at the top of a file.
pub(crate) struct FrontMatter {
    /// Metadata read from the block.
    pub meta: Metadata,
    /// Byte ranges of the `title` and `description` values: they are body.
    pub body_values: Vec<Range<usize>>,
    /// Where the text after the closing `---` line starts.
    pub content_start: usize,
}

/// Finds and reads front matter. `Ok(None)` when the text has none; `Err` when
/// a block is there but is not valid YAML (message with line and column).
pub(crate) fn parse(text: &str) -> Result<Option<FrontMatter>, String> {
    let Some(first_line_end) = text.find('\n') else {
        return Ok(None);
    };
    if text[..first_line_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first_line_end + 1;
    let mut offset = yaml_start;
    let mut close = None;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, content_start)) = close else {
        return Ok(None);
    };
    let yaml = &text[yaml_start..yaml_end];
    if let Some((line, column)) = bracket_depth_past(yaml, YAML_MAX_NESTING) {
        return Err(format!(
            "front matter is not valid YAML at line {}, column {column}: lists and mappings \
             nested more than {YAML_MAX_NESTING} deep",
            line + 1
        ));
    }
    let value: Value = serde_norway::from_str(yaml).map_err(|e| {
        // Lines are counted from the file's first line, the opening `---`.
        let (line, column) = e.location().map_or((0, 0), |l| (l.line() + 1, l.column()));
        format!("front matter is not valid YAML at line {line}, column {column}: {e}")
    })?;
    let map = match value {
        Value::Mapping(map) => map,
        Value::Null => Default::default(),
        _ => return Err("front matter is not a list of `key: value` fields".into()),
    };

    let mut meta = Metadata::default();
    let mut extra = BTreeMap::new();
    for (key, value) in &map {
        let Some(key) = scalar(key) else { continue };
        let value = flatten(value);
        match key.to_ascii_lowercase().as_str() {
            "title" => meta.title = value,
            "author" | "authors" | "byline" => meta.author = value,
            "date" | "published" | "pubdate" | "published_at" => meta.date = normalise_date(&value),
            "source" | "publisher" | "site" | "site_name" | "outlet" => meta.source = value,
            "url" | "permalink" | "link" | "canonical_url" => meta.url = value,
            _ => {
                extra.insert(key, value);
            }
        }
    }
    meta.extra = extra;

    let mut body_values = Vec::new();
    for key in ["title", "description"] {
        if let Some(range) = value_range(text, yaml_start..yaml_end, key) {
            body_values.push(range);
        }
    }
    body_values.sort_by_key(|r| r.start);
    Ok(Some(FrontMatter {
        meta,
        body_values,
        content_start,
    }))
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A YAML value as one line of text; lists are joined with ", ".
fn flatten(v: &Value) -> String {
    match v {
        Value::Sequence(items) => items.iter().map(flatten).collect::<Vec<_>>().join(", "),
        Value::Mapping(_) | Value::Tagged(_) => serde_json::to_string(v).unwrap_or_default(),
        Value::Null => String::new(),
        other => scalar(other).unwrap_or_default().trim().to_string(),
    }
}

/// `2024-04-08 12:00:00 +0800` → `2024-04-08`; anything else is kept.
pub(crate) fn normalise_date(value: &str) -> String {
    let v = value.trim();
    let b = v.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso {
        v[..10].to_string()
    } else {
        v.to_string()
    }
}

/// The byte range of a one-line `key: value` in the block, quotes excluded.
fn value_range(text: &str, block: Range<usize>, key: &str) -> Option<Range<usize>> {
    let mut offset = block.start;
    for line in text[block].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let rest_trim = rest.trim_start_matches([' ', '\t']);
        let Some(after_colon) = rest_trim.strip_prefix(':') else {
            continue;
        };
        let value_start = start + (line.len() - after_colon.len());
        let value = after_colon.trim_end_matches(['\n', '\r']);
        let lead = value.len() - value.trim_start().len();
        let mut range = value_start + lead..value_start + value.trim_end().len();
        let inner = &text[range.clone()];
        if inner.is_empty() || inner.starts_with(['|', '>']) {
            return None;
        }
        for q in ['"', '\''] {
            if inner.len() >= 2 && inner.starts_with(q) && inner.ends_with(q) {
                range = range.start + 1..range.end - 1;
            }
        }
        return Some(range);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "---\ntitle : \"Baku’s Pivot\"\nauthor: [A. One, B. Two]\ndate  : 2024-04-08 12:00:00 +0800\ndescription: Azerbaijan looks east\nsection: Analysis\n---\nBody text.\n";

    #[test]
    fn reads_known_fields_and_keeps_unknown_ones() {
        let fm = parse(MD).unwrap().unwrap();
        assert_eq!(fm.meta.title, "Baku’s Pivot");
        assert_eq!(fm.meta.author, "A. One, B. Two");
        assert_eq!(fm.meta.date, "2024-04-08");
        assert_eq!(fm.meta.extra["section"], "Analysis");
        assert_eq!(fm.meta.extra["description"], "Azerbaijan looks east");
        assert_eq!(&MD[fm.content_start..], "Body text.\n");
    }

    #[test]
    fn title_and_description_values_are_located() {
        let fm = parse(MD).unwrap().unwrap();
        let values: Vec<_> = fm.body_values.iter().map(|r| &MD[r.clone()]).collect();
        assert_eq!(values, vec!["Baku’s Pivot", "Azerbaijan looks east"]);
    }

    #[test]
    fn invalid_yaml_is_reported_with_a_line() {
        let err = parse("---\ntitle: [unclosed\n---\nx\n").err().unwrap();
        assert!(err.contains("line"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_with_its_line_before_the_yaml_parser_sees_it() {
        let deep = format!("---\ntitle: x\ntags: {}\n---\nBody\n", "[".repeat(200_000));
        let err = parse(&deep).err().unwrap();
        assert!(
            err.starts_with("front matter is not valid YAML at line 3, column 135:"),
            "{err}"
        );
        // As deep as serde_norway reads is fine.
        let fine = format!(
            "---\ntags: {}x{}\n---\nBody\n",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert!(parse(&fine).unwrap().is_some());
    }

    #[test]
    fn text_without_front_matter_has_none() {
        assert!(parse("Title\n\nBody\n").unwrap().is_none());
        assert!(parse("---\nno closing line\n").unwrap().is_none());
    }
}
