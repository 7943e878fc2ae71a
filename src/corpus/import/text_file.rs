//! `.txt` and `.md` files: plain text, optionally with YAML front matter.

use std::ops::Range;

use super::{Hints, Parsed, frontmatter};
use crate::corpus::body::propose_body;

/// Reads a plain-text or Markdown article. Front matter, when present, gives
/// metadata (and its `title`/`description` values count as body); otherwise
/// the title is the article's headline: the first line at its head that reads
/// as a title, passing over what the body proposal leaves out (menus, share
/// widgets, date stamps…) and bylines and dates. `fallback_title` (the file
/// name) when there is none.
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
    let mut hints = Hints::default();
    if meta.title.trim().is_empty() {
        match headline(&text, &proposal.ranges) {
            Some(title) => meta.title = title.to_string(),
            None => {
                meta.title = fallback_title.to_string();
                hints.title_from_file_name = true;
            }
        }
    }
    body.extend(proposal.ranges);
    Parsed {
        text,
        meta,
        body,
        warnings,
        hints,
    }
}

/// The headline among the kept lines at the head of the text: lines the body
/// proposal dropped are not looked at, lines that would not head an article
/// (bylines, dates, section labels, one-word widgets such as "Share") are
/// passed over, and the search ends at the first line of running text.
fn headline<'t>(text: &'t str, kept: &[Range<usize>]) -> Option<&'t str> {
    let lines = kept
        .iter()
        .flat_map(|r| text[r.clone()].lines())
        .map(str::trim)
        .filter(|line| !line.is_empty());
    for line in lines {
        if !reads_as_title(line) {
            return None;
        }
        if heads_an_article(line) {
            return Some(strip_markup(line));
        }
    }
    None
}

/// Whether the body proposal keeps `line` as the heading of an article: the
/// same judgement it makes above a text's first paragraph. A text with no
/// paragraph of running text keeps its bylines and dates in its body, so the
/// line is judged on its own, above a paragraph, by the proposal itself (no
/// second set of rules to keep in step).
fn heads_an_article(line: &str) -> bool {
    const PARAGRAPH: &str = "This paragraph of running text stands in for the article, so that the line above it is judged as the head of an article.";
    let probe = format!("{line}\n\n{PARAGRAPH}\n");
    propose_body(&probe, 0..probe.len())
        .ranges
        .first()
        .is_some_and(|r| r.start == 0)
}

/// A line reads as a title when it is short and is not a sentence running on
/// (no final full stop, unless it is very short).
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
    fn title_passes_over_chrome_bylines_and_dates_to_the_headline() {
        // A short brief: no paragraph of running text, so the body keeps
        // every line that is not obvious chrome.
        let text = "Share\nBy Aysel Karimova\n14 March 2025\nCaspian Ferry Line Reopens After Repairs\nThe ferry from Baku to Aktau sails again.\nRepairs took three weeks.\n";
        let p = parse(text.into(), "001_ferry");
        assert_eq!(p.meta.title, "Caspian Ferry Line Reopens After Repairs");
        assert!(!p.hints.title_from_file_name);
    }

    #[test]
    fn title_is_the_file_name_when_no_line_at_the_head_reads_as_one() {
        // Chrome, then running text: the subheading further down is not the
        // article's headline.
        let text = " date 2025-10-21 + ↺ − 16 px\n\nThe talks went on late into the night, and both delegations said they were close to a deal.\n\nEnergy Routes Ahead\n\nThe talks went on late into the night, and both delegations said they were close to a deal.\n";
        let p = parse(text.into(), "002_efd5");
        assert_eq!(p.meta.title, "002_efd5");
        assert!(p.hints.title_from_file_name);
        let p = parse("By Jane Roe\n14 March 2025\n".into(), "byline-only");
        assert_eq!(p.meta.title, "byline-only");
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
