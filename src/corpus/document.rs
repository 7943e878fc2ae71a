//! Documents: an article's original text, its metadata and its body.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Descriptive metadata of one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Metadata {
    /// Headline.
    pub title: String,
    /// Outlet that published it (`source`/`publisher`/`site_name`).
    pub source: String,
    pub author: String,
    /// Publication date as given by the source (ISO `YYYY-MM-DD` when known).
    pub date: String,
    pub url: String,
    /// Where it was imported from: a path, with `#row` for table rows. Purely
    /// informational; nothing is ever read from it again.
    pub origin: String,
    /// Any other front-matter or column values, kept verbatim.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// One article of a corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable id: derived from the text, so the same article gets the same id
    /// in every import.
    pub id: String,
    pub meta: Metadata,
    /// The text as imported (decoded to UTF-8, otherwise untouched). All
    /// offsets are byte offsets into this string.
    #[serde(deserialize_with = "exact_string")]
    pub text: String,
    /// Byte ranges of the text that are the article proper (sorted, disjoint).
    pub body: Vec<Range<usize>>,
    /// Whether the document takes part in counts and plots.
    #[serde(default = "yes")]
    pub included: bool,
    /// The id of an earlier document with the same text, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// The analyst's memo on the whole document.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

fn yes() -> bool {
    true
}

/// A string without spare capacity: a parser that builds an escaped string a
/// character at a time may leave up to twice its length allocated, and the
/// texts are most of a project's memory.
fn exact_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let mut text = String::deserialize(deserializer)?;
    text.shrink_to_fit();
    Ok(text)
}

/// Which part of a document an analysis looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// The body ranges only (the default).
    #[default]
    Body,
    /// The whole text, chrome included.
    Full,
}

impl Document {
    /// Whether the filter typed over a document list finds this document:
    /// its text is part of the title, source, author, date or origin,
    /// compared without letter case. An empty filter finds every document.
    pub fn matches_filter(&self, filter: &str) -> bool {
        if filter.is_empty() {
            return true;
        }
        let filter = filter.to_lowercase();
        let meta = &self.meta;
        [
            &meta.title,
            &meta.source,
            &meta.author,
            &meta.date,
            &meta.origin,
        ]
        .iter()
        .any(|field| field.to_lowercase().contains(&filter))
    }

    /// The stable id for a text: `doc-` and 12 hex digits of its BLAKE3 hash.
    pub fn id_for_text(text: &str) -> String {
        format!("doc-{}", &blake3::hash(text.as_bytes()).to_hex()[..12])
    }

    /// Byte ranges analysed under `scope`.
    pub fn ranges(&self, scope: Scope) -> Vec<Range<usize>> {
        match scope {
            Scope::Body => self.body.clone(),
            Scope::Full => std::iter::once(0..self.text.len()).collect(),
        }
    }

    /// Whether the byte range lies inside the ranges analysed under `scope`.
    pub fn in_scope(&self, range: &Range<usize>, scope: Scope) -> bool {
        match scope {
            Scope::Full => true,
            Scope::Body => self
                .body
                .iter()
                .any(|b| b.start <= range.start && range.end <= b.end),
        }
    }

    /// The file it came from, without folders: `dir/a.txt` → `a.txt`,
    /// `dir/t.csv#3` → `t.csv#3` (how `framescope count` labels file inputs).
    pub fn file_label(&self) -> &str {
        let origin = &self.meta.origin;
        origin.rsplit(['/', '\\']).next().unwrap_or(origin)
    }

    /// A name for messages and tables: the title, else the origin's file name,
    /// else the id.
    pub fn display_name(&self) -> &str {
        if !self.meta.title.trim().is_empty() {
            return self.meta.title.trim();
        }
        let origin = self.meta.origin.rsplit(['/', '\\']).next().unwrap_or("");
        if origin.is_empty() { &self.id } else { origin }
    }

    /// Checks that the body ranges are sorted, disjoint, inside the text and on
    /// character boundaries; used when loading projects.
    pub fn body_is_valid(&self) -> bool {
        let mut last = 0;
        self.body.iter().all(|r| {
            let ok = r.start >= last
                && r.start <= r.end
                && r.end <= self.text.len()
                && self.text.is_char_boundary(r.start)
                && self.text.is_char_boundary(r.end);
            last = r.end;
            ok
        })
    }

    /// Sets the body to one range (e.g. from a selection in the reader), snapped
    /// outwards to character boundaries and clamped to the text.
    pub fn set_body(&mut self, range: Range<usize>) {
        let mut start = range.start.min(self.text.len());
        let mut end = range.end.clamp(start, self.text.len());
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        self.body = std::iter::once(start..end).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_looks_at_every_metadata_field_ignoring_case() {
        let mut doc = Document {
            id: "x".into(),
            meta: Metadata::default(),
            text: String::new(),
            body: Vec::new(),
            included: true,
            duplicate_of: None,
            memo: String::new(),
        };
        doc.meta.source = "Caspian Ledger".into();
        doc.meta.author = "Aysel Məmmədova".into();
        assert!(doc.matches_filter("caspian"));
        assert!(doc.matches_filter("MƏMMƏD"));
        assert!(!doc.matches_filter("steppe"));
        assert!(doc.matches_filter(""));
    }

    fn doc(text: &str) -> Document {
        crate::test_fixtures::document(text, Metadata::default())
    }

    #[test]
    fn ids_are_stable_and_depend_on_the_text() {
        assert_eq!(Document::id_for_text("a"), Document::id_for_text("a"));
        assert_ne!(Document::id_for_text("a"), Document::id_for_text("b"));
        assert!(Document::id_for_text("a").starts_with("doc-"));
    }

    #[test]
    fn set_body_snaps_to_character_boundaries() {
        let mut d = doc("Türkiye");
        d.set_body(2..4);
        assert_eq!(d.body.len(), 1);
        assert_eq!(d.body[0], 1..4);
        assert!(d.body_is_valid());
    }
}
