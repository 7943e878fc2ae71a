//! Sentence units with byte offsets into the original text.
//!
//! Rules (the ones a careful reader follows, see CONVENTIONS): every non-empty
//! line is at least one unit, so titles, subheadings and bullet items stand on
//! their own; inside a line a unit ends at `.`, `!`, `?` or `…` (plus closing
//! quotes or brackets) followed by whitespace and then a capital letter, a digit
//! or an opening quote or bracket — but not after abbreviations (`U.S.`, `Mr.`,
//! `e.g.`, `Jan.`), initials (`J. R.`) or inside decimals (`2.5`). Semicolons
//! never end a unit.
//!
//! General-purpose segmenters (UAX #29 sentence boundaries) split after `Mr.`
//! and `U.S.` and join lines without final punctuation, so units would not
//! match what readers count; the rules above are small enough to own.

use std::ops::Range;

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "maj", "capt", "sgt",
    "adm", "gov", "sen", "rep", "pres", "amb", "hon", "rev", "vs", "etc", "cf", "al", "approx",
    "est", "dept", "univ", "inc", "ltd", "co", "corp", "fig", "vol", "pp", "ed", "eds", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "d.c",
    "e.u",
];

/// Abbreviations that only abbreviate before a number (`No. 5`, `Art. 9`).
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "art", "p", "para", "sec", "ch"];

/// Splits `text` within `range` into sentence units (trimmed, non-empty).
pub fn sentence_units(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut line_start = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        split_line(text, start..start + line.len(), &mut units);
    }
    units
}

fn split_line(text: &str, line: Range<usize>, units: &mut Vec<Range<usize>>) {
    let s = &text[line.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut unit_start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of terminal punctuation and closing marks.
            let mut j = i + 1;
            while j < chars.len()
                && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closing(chars[j].1))
            {
                j += 1;
            }
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let boundary = k > j
                && k < chars.len()
                && starts_sentence(chars[k].1)
                && !(c == '.' && j == i + 1 && is_abbreviation(s, pos, chars.get(k).map(|x| x.1)));
            if boundary {
                let end = chars.get(j).map_or(s.len(), |x| x.0);
                push_trimmed(text, line.start + unit_start..line.start + end, units);
                unit_start = chars[k].0;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, line.start + unit_start..line.end, units);
}

fn push_trimmed(text: &str, r: Range<usize>, units: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        units.push(r.start + lead..r.start + lead + trimmed.len());
    }
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '}')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '«' | '(' | '[' | '—' | '–' | '-' | '•' | '*'
        )
}

/// Whether the full stop at byte `dot` of `line` ends an abbreviation or initial.
fn is_abbreviation(line: &str, dot: usize, next: Option<char>) -> bool {
    // The token before the dot, including inner dots (`U.S`, `e.g`).
    let before = &line[..dot];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    let lower = token.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    if NUMBER_ABBREVIATIONS.contains(&lower.as_str()) {
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    // Initials and dotted acronyms: `J`, `U.S`, `D.C`.
    let letters: Vec<&str> = token.split('.').collect();
    letters
        .iter()
        .all(|l| l.chars().count() == 1 && l.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<&str> {
        sentence_units(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_units() {
        assert_eq!(
            units(
                "The U.S. envoy met Mr. Aliyev on Jan. 5 in Washington, D.C. with J. R. Smith. Then talks began."
            ),
            vec![
                "The U.S. envoy met Mr. Aliyev on Jan. 5 in Washington, D.C. with J. R. Smith.",
                "Then talks began."
            ]
        );
        assert_eq!(
            units("Partners, e.g. Baku, agreed. No. 5 was signed."),
            vec!["Partners, e.g. Baku, agreed.", "No. 5 was signed."]
        );
    }

    #[test]
    fn decimals_ellipses_quotes_and_brackets() {
        assert_eq!(
            units("Trade rose 2.5 percent. It fell… Then it rose."),
            vec!["Trade rose 2.5 percent.", "It fell…", "Then it rose."]
        );
        assert_eq!(
            units("“We will not leave.” The envoy left. (He returned.) Next"),
            vec![
                "“We will not leave.”",
                "The envoy left.",
                "(He returned.)",
                "Next"
            ]
        );
        assert_eq!(
            units("a Great Game 2.0., a sequel"),
            vec!["a Great Game 2.0., a sequel"]
        );
    }

    #[test]
    fn lines_are_units_and_semicolons_are_not_boundaries() {
        assert_eq!(
            units("Title Without Stop\n- bullet one\n\nMoscow waits; Tehran acts.\n"),
            vec![
                "Title Without Stop",
                "- bullet one",
                "Moscow waits; Tehran acts."
            ]
        );
    }

    #[test]
    fn lowercase_after_a_stop_does_not_start_a_unit() {
        assert_eq!(
            units("It cost approx. ten million. fine"),
            vec!["It cost approx. ten million. fine"]
        );
    }
}
