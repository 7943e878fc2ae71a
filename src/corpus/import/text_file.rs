//! `.txt` and `.md` files: plain text, optionally with YAML front matter.

use super::{Parsed, frontmatter};
use crate::corpus::body::propose_body;

/// Reads a plain-text or Markdown article. Front matter, when present, gives
/// metadata (and its `title`/`description` values count as body); otherwise
/// the title is the first body line when it reads as a title, else `fallback_title`.
pub(crate) fn parse(text: String, fallback_title: &str) -> Parsed {
    let mut warnings = Vec::new();
    let front = match frontmatter::parse(&text) {
        Ok(front) => front,
        Err(message) => {
            warnings.push(format!("{message}; the block is read as text"));
            None
        }
    };
    let (mut meta, mut body, content_start) = match front {
        Some(f) => (f.meta, f.body_values, f.content_start),
        None => (Default::default(), Vec::new(), 0),
    };
    let proposal = propose_body(&text, content_start..text.len());
    if meta.title.trim().is_empty() {
        meta.title = proposal
            .ranges
            .first()
            .and_then(|r| text[r.clone()].lines().next())
            .map(str::trim)
            .filter(|line| reads_as_title(line))
            .map(|line| strip_markup(line).to_string())
            .unwrap_or_else(|| fallback_title.to_string());
    }
    body.extend(proposal.ranges);
    Parsed {
        text,
        meta,
        body,
        warnings,
    }
}

/// A first line reads as a title when it is short, is not a sentence running on
/// (no final full stop, unless it is very short), and is followed by more text.
fn reads_as_title(line: &str) -> bool {
    let line = strip_markup(line);
    let words = line.split_whitespace().count();
    (1..=25).contains(&words)
        && line.chars().count() <= 200
        && !(line.ends_with('.') && words > 12)
        && !line.ends_with([',', ';'])
}

/// Strips Markdown heading and emphasis marks from a title line.
fn strip_markup(line: &str) -> &str {
    line.trim()
        .trim_start_matches('#')
        .trim()
        .trim_matches(['*', '_'])
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_a_title_like_first_line() {
        let p = parse("Baku Looks East\n\nThe talks went on late into the night, and both delegations said they were close.\n".into(), "file");
        assert_eq!(p.meta.title, "Baku Looks East");
    }

    #[test]
    fn title_falls_back_to_the_file_name() {
        let p = parse("The talks went on late into the night, and both delegations said they were close to a deal.\n".into(), "talks-2024");
        assert_eq!(p.meta.title, "talks-2024");
    }

    #[test]
    fn markdown_heading_marks_are_not_part_of_the_title() {
        let p = parse("# Baku Looks East\n\nThe talks went on late into the night, and both delegations said they were close.\n".into(), "f");
        assert_eq!(p.meta.title, "Baku Looks East");
    }

    #[test]
    fn front_matter_is_not_body_but_its_title_is() {
        let text = "---\ntitle: Baku Looks East\nlayout: post\n---\nThe talks went on late into the night, and both delegations said they were close.\n";
        let p = parse(text.into(), "f");
        let body: Vec<_> = p.body.iter().map(|r| &p.text[r.clone()]).collect();
        assert_eq!(body[0], "Baku Looks East");
        assert!(body.iter().all(|b| !b.contains("layout")));
        assert_eq!(p.meta.extra["layout"], "post");
    }
}
