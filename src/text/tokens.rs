//! Words and character offsets.

use std::ops::Range;

use super::normalize::is_word_char;
use unicode_normalization::char::is_combining_mark;

/// Counts the words in `text`: maximal runs of letters and digits. Combining marks
/// continue the word they follow, so decomposed "Türkiye" is one word.
///
/// Every character that is not a letter or digit is a boundary, so hyphenated
/// compounds and decimals count as several words:
///
/// ```
/// // Russo | Ukrainian | war | 2 | 5 | billion
/// assert_eq!(framescope::text::count_words("Russo-Ukrainian war, 2.5 billion"), 6);
/// ```
pub fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        // (ASCII is never a combining mark: skip the table lookup.)
        if is_word_char(c) || (in_word && !c.is_ascii() && is_combining_mark(c)) {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    words
}

/// The byte offset of the `chars`-th character of `text` (its end if past):
/// the inverse of [`CharOffsets::char_offset`], for one position.
pub fn byte_offset(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// Converts byte offsets of one text into Unicode code point offsets, the unit
/// the command line and exports use. Build once per text, then query in any
/// order; each query is a binary search over the text's non-ASCII characters.
#[derive(Debug)]
pub struct CharOffsets {
    /// For every non-ASCII character, in order: its byte offset and the number of
    /// extra bytes (beyond one per character) up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Indexes `text` for offset conversion.
    pub fn new(text: &str) -> Self {
        let mut extra = 0;
        let wide = text
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .map(|(i, c)| {
                extra += c.len_utf8() - 1;
                (i, extra)
            })
            .collect();
        Self { wide }
    }

    /// The code point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let before = self.wide.partition_point(|&(i, _)| i < byte);
        let extra = if before == 0 {
            0
        } else {
            self.wide[before - 1].1
        };
        byte - extra
    }

    /// Converts a byte range into a code point range.
    pub fn char_range(&self, bytes: Range<usize>) -> Range<usize> {
        self.char_offset(bytes.start)..self.char_offset(bytes.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_positions_map_to_byte_offsets() {
        let text = "Bakı və Ankara";
        assert_eq!(byte_offset(text, 0), 0);
        assert_eq!(byte_offset(text, 4), "Bakı".len());
        assert_eq!(byte_offset(text, 99), text.len());
    }

    #[test]
    fn apostrophes_hyphens_and_dashes_split_words() {
        // Baku | s | Armenia | Azerbaijan | talks: every non-letter is a boundary.
        assert_eq!(count_words("Baku’s Armenia–Azerbaijan talks"), 5);
        assert_eq!(count_words("EU4Dialogue"), 1);
        assert_eq!(count_words("  "), 0);
    }

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Türkiye and Erdoğan";
        let offsets = CharOffsets::new(text);
        let start = text.find("Erdoğan").unwrap();
        assert_eq!(offsets.char_offset(start), 12);
        assert_eq!(offsets.char_range(start..text.len()), 12..19);
    }
}
