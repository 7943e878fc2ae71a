//! Keyword in context: each mention with the words around it.

use std::ops::Range;

use serde::Serialize;

use super::matcher::Mention;

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KwicLine {
    /// Byte range of the keyword in the document text.
    pub range: Range<usize>,
    /// Up to `context` characters before the keyword, whitespace collapsed.
    pub left: String,
    /// The keyword as written.
    pub keyword: String,
    /// Up to `context` characters after the keyword, whitespace collapsed.
    pub right: String,
}

/// Concordance lines for the mentions of `actor` in `text`, with `context`
/// characters of context on each side.
pub fn concordance(
    text: &str,
    mentions: &[Mention],
    actor: usize,
    context: usize,
) -> Vec<KwicLine> {
    mentions
        .iter()
        .filter(|m| m.actor == actor)
        .map(|m| kwic_line(text, m.range.clone(), context))
        .collect()
}

/// One concordance line for any span of `text`.
pub fn kwic_line(text: &str, range: Range<usize>, context: usize) -> KwicLine {
    let before = &text[..range.start];
    let left_start = before
        .char_indices()
        .rev()
        .nth(context.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let left_start = if context == 0 {
        range.start
    } else {
        left_start
    };
    let after = &text[range.end..];
    let right_end = after
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(i, _)| range.end + i);
    KwicLine {
        left: collapse(&text[left_start..range.start]),
        keyword: text[range.clone()].to_string(),
        right: collapse(&text[range.end..right_end]),
        range,
    }
}

/// Replaces every whitespace run (line breaks included) with one space.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_counted_in_characters_and_collapsed() {
        let text = "Ça va.\nTürkiye  and Iran";
        let start = text.find("and").unwrap();
        let line = kwic_line(text, start..start + 3, 9);
        assert_eq!(line.left, "Türkiye ");
        assert_eq!(line.keyword, "and");
        assert_eq!(line.right, " Iran");
    }

    #[test]
    fn context_stops_at_the_text_edges() {
        let line = kwic_line("Iran", 0..4, 10);
        assert_eq!((line.left.as_str(), line.right.as_str()), ("", ""));
    }
}
