//! Words and clauses of a sentence unit: the positions the frame grammar
//! reads roles from. No parser: a word is a run of word characters, and
//! clauses are cut at strong punctuation and at clause-opening words.

use std::ops::Range;

use crate::text::is_word_char;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    /// The `s` of a possessive (’s, 's): part of the word before it.
    Possessive,
    /// `;`, `:`, brackets and spaced or em dashes: a clause ends here.
    Break,
    Comma,
}

/// One token of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the document text.
    pub range: Range<usize>,
    pub kind: TokenKind,
}

/// Splits `text[range]` into tokens (byte ranges into `text`).
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let slice = &text[range.clone()];
    let mut word_start: Option<usize> = None;
    let mut chars = slice.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let at = range.start + i;
        if is_word_char(c) {
            if word_start.is_none() {
                word_start = Some(at);
            }
            previous = Some(c);
            continue;
        }
        if let Some(start) = word_start.take() {
            let kind = possessive_kind(text, start, at, &tokens);
            tokens.push(Token {
                range: start..at,
                kind,
            });
        }
        let next = chars.peek().map(|&(_, n)| n);
        let kind = match c {
            ';' | ':' | '(' | ')' | '[' | ']' | '—' => Some(TokenKind::Break),
            // An en dash or hyphen between spaces is a dash; joining two words
            // ("Armenia–Azerbaijan") it is not.
            '–' | '-'
                if previous.is_none_or(char::is_whitespace)
                    && next.is_none_or(char::is_whitespace) =>
            {
                Some(TokenKind::Break)
            }
            ',' => Some(TokenKind::Comma),
            _ => None,
        };
        if let Some(kind) = kind {
            tokens.push(Token {
                range: at..at + c.len_utf8(),
                kind,
            });
        }
        previous = Some(c);
    }
    if let Some(start) = word_start {
        let kind = possessive_kind(text, start, range.end, &tokens);
        tokens.push(Token {
            range: start..range.end,
            kind,
        });
    }
    tokens
}

/// A lone `s` right after an apostrophe that follows a word is a possessive.
fn possessive_kind(text: &str, start: usize, end: usize, tokens: &[Token]) -> TokenKind {
    let apostrophe = text[..start]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '\'' | '’' | 'ʼ'));
    let joined = apostrophe.is_some_and(|a| {
        tokens
            .last()
            .is_some_and(|t| t.kind == TokenKind::Word && t.range.end + a.len_utf8() == start)
    });
    if joined && text[start..end].eq_ignore_ascii_case("s") {
        TokenKind::Possessive
    } else {
        TokenKind::Word
    }
}

/// The clause of every token: a new clause starts after a break token and at
/// every clause opener (`openers[i]` says token `i` opens one). A unit that
/// begins with an opener ("Although …, Russia …") also ends that first clause
/// at its first comma.
pub fn clauses(tokens: &[Token], openers: &[bool]) -> Vec<usize> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut id = 0;
    let mut fresh = true;
    let opening_subordinate = openers.first().copied().unwrap_or(false);
    let mut first_comma_seen = false;
    for (i, t) in tokens.iter().enumerate() {
        if openers[i] && !fresh {
            id += 1;
        }
        ids.push(id);
        fresh = false;
        match t.kind {
            TokenKind::Break => {
                id += 1;
                fresh = true;
            }
            TokenKind::Comma if opening_subordinate && !first_comma_seen => {
                first_comma_seen = true;
                id += 1;
                fresh = true;
            }
            _ => {}
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, TokenKind)> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|t| (text[t.range].to_string(), t.kind))
            .collect()
    }

    #[test]
    fn possessives_are_marked_and_joined_compounds_stay_words() {
        let w = words("Moscow’s grip on Armenia–Azerbaijan talks");
        assert_eq!(w[1], ("s".to_string(), TokenKind::Possessive));
        assert!(w.iter().all(|(_, k)| *k != TokenKind::Break), "{w:?}");
        assert_eq!(w.len(), 7);
    }

    #[test]
    fn dashes_and_semicolons_break_clauses() {
        let text = "Iran is weak; Russia – busy elsewhere — is absent";
        let tokens = tokenize(text, 0..text.len());
        let openers = vec![false; tokens.len()];
        let ids = clauses(&tokens, &openers);
        let clause_of = |w: &str| {
            let i = tokens
                .iter()
                .position(|t| &text[t.range.clone()] == w)
                .unwrap();
            ids[i]
        };
        assert_ne!(clause_of("Iran"), clause_of("Russia"));
        assert_ne!(clause_of("Russia"), clause_of("busy"));
        assert_ne!(clause_of("busy"), clause_of("absent"));
    }

    #[test]
    fn an_opening_subordinate_clause_ends_at_its_comma() {
        let text = "Although Russia is strong, Iran is weak, and tired";
        let tokens = tokenize(text, 0..text.len());
        let mut openers = vec![false; tokens.len()];
        openers[0] = true;
        let ids = clauses(&tokens, &openers);
        assert_eq!(ids[1], 0); // Russia
        assert_eq!(ids[5], 1); // Iran
        assert_eq!(ids[9], 1); // tired: later commas do not cut
    }
}
