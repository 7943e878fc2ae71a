//! Folding text for matching while keeping a map back to the original.
//!
//! Matching is done on a *folded* copy of a document: case folded, diacritics
//! removed, apostrophe and dash variants unified and whitespace runs collapsed to
//! one space. Every byte of the folded copy remembers which bytes of the original
//! it came from, so a match in the folded copy maps to an exact span of the
//! original text.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Whether folding lowercases letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseMode {
    /// Lowercase everything (the default for patterns).
    Fold,
    /// Keep case; used to verify case-sensitive patterns such as `US`.
    Keep,
}

/// A folded copy of a text with a byte-exact map back to the original.
#[derive(Clone, Debug)]
pub struct FoldedText {
    text: String,
    /// For every byte of `text`: the byte range in the original it stands for.
    origin: Vec<(u32, u32)>,
}

impl FoldedText {
    /// Folds `original` for matching. See the module documentation.
    ///
    /// ```
    /// use framescope::text::{FoldedText, CaseMode};
    /// let original = "Erdoğan’s  Türkiye";
    /// let folded = FoldedText::new(original, CaseMode::Fold);
    /// assert_eq!(folded.as_str(), "erdogan's turkiye");
    /// assert_eq!(&original[folded.original_range(10..17)], "Türkiye");
    /// ```
    pub fn new(original: &str, mode: CaseMode) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin: Vec<(u32, u32)> = Vec::with_capacity(original.len());
        let mut in_space = false;
        let mut buf = String::new();
        for (start, c) in original.char_indices() {
            let end = (start + c.len_utf8()) as u32;
            let start = start as u32;
            if c.is_whitespace() {
                if in_space {
                    // Extend the single space that stands for the whole run.
                    if let Some(last) = origin.last_mut() {
                        last.1 = end;
                    }
                } else {
                    text.push(' ');
                    origin.push((start, end));
                    in_space = true;
                }
                continue;
            }
            if c.is_ascii() && c != '`' {
                // The common case, without the general path's buffer: an ASCII
                // character folds to itself, lowercased (the backtick is an
                // apostrophe variant and takes the general path).
                in_space = false;
                text.push(if mode == CaseMode::Fold {
                    c.to_ascii_lowercase()
                } else {
                    c
                });
                origin.push((start, end));
                continue;
            }
            buf.clear();
            fold_char(c, mode, &mut buf);
            if buf.is_empty() {
                // A dropped character (a combining mark, a zero-width joiner) belongs
                // to the character before it, so spans ending there include it.
                let n = text.len();
                if n == 0 {
                    continue;
                }
                let mut i = n;
                while i > 0 && origin[i - 1].0 == origin[n - 1].0 {
                    origin[i - 1].1 = end;
                    i -= 1;
                }
                continue;
            }
            in_space = false;
            text.push_str(&buf);
            origin.extend(std::iter::repeat_n((start, end), buf.len()));
        }
        Self { text, origin }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the folded text to the byte range of the original text
    /// it was folded from. An empty range maps to an empty range.
    pub fn original_range(&self, folded: Range<usize>) -> Range<usize> {
        if folded.start >= folded.end || folded.start >= self.origin.len() {
            let at = self
                .origin
                .get(folded.start)
                .map(|o| o.0 as usize)
                .unwrap_or_else(|| self.origin.last().map_or(0, |o| o.1 as usize));
            return at..at;
        }
        let end = folded.end.min(self.origin.len());
        self.origin[folded.start].0 as usize..self.origin[end - 1].1 as usize
    }
}

impl FoldedText {
    /// Maps a byte range of the original text to the folded bytes that stand
    /// for it: every folded byte whose origin starts inside the range.
    pub fn folded_range(&self, original: Range<usize>) -> Range<usize> {
        let start = self
            .origin
            .partition_point(|o| (o.0 as usize) < original.start);
        let end = self
            .origin
            .partition_point(|o| (o.0 as usize) < original.end);
        start..end.max(start)
    }
}

/// Folds one string in full (no offset map); patterns are folded with this.
pub fn fold(s: &str, mode: CaseMode) -> String {
    FoldedText::new(s, mode).text
}

/// A word character is a Unicode letter or digit; everything else is a boundary.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Appends the folded form of `c` to `out`.
fn fold_char(c: char, mode: CaseMode, out: &mut String) {
    let lower = mode == CaseMode::Fold;
    let push_cased = |out: &mut String, s: &str, upper: bool| {
        if upper && !lower {
            out.push_str(&s.to_uppercase());
        } else {
            out.push_str(s);
        }
    };
    match c {
        // Apostrophe variants: typographic, modifier letters, prime, fullwidth.
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '\u{02BD}'
        | '\u{2032}' | '\u{FF07}' | '`' | '\u{00B4}' => out.push('\''),
        // Hyphen and dash variants all read as a hyphen.
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
        // Letters that are not a base letter plus a combining mark, so NFKD leaves
        // them alone, but that readers treat as that base letter.
        'ı' => out.push('i'),
        'ə' | 'Ə' => push_cased(out, "e", c == 'Ə'),
        'ø' | 'Ø' => push_cased(out, "o", c == 'Ø'),
        'ł' | 'Ł' => push_cased(out, "l", c == 'Ł'),
        'đ' | 'Đ' => push_cased(out, "d", c == 'Đ'),
        'ħ' | 'Ħ' => push_cased(out, "h", c == 'Ħ'),
        'ß' => out.push_str("ss"),
        'ẞ' => push_cased(out, "ss", true),
        'æ' | 'Æ' => push_cased(out, "ae", c == 'Æ'),
        'œ' | 'Œ' => push_cased(out, "oe", c == 'Œ'),
        // Zero-width characters and soft hyphens are invisible: drop them.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
        _ if c.is_ascii() => {
            out.push(if lower { c.to_ascii_lowercase() } else { c });
        }
        _ => decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if d.is_whitespace() {
                out.push(' ');
            } else if lower {
                out.extend(d.to_lowercase());
            } else {
                out.push(d);
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_case_are_folded() {
        assert_eq!(fold("TÜRKİYE", CaseMode::Fold), "turkiye");
        assert_eq!(fold("Erdoğan", CaseMode::Fold), "erdogan");
        assert_eq!(fold("Azərbaycan Bakı", CaseMode::Fold), "azerbaycan baki");
        assert_eq!(fold("İran", CaseMode::Fold), "iran");
    }

    #[test]
    fn keep_case_still_removes_diacritics() {
        assert_eq!(fold("Türkiye ƏLİ", CaseMode::Keep), "Turkiye ELI");
    }

    #[test]
    fn apostrophes_and_dashes_are_unified() {
        assert_eq!(
            fold("Baku’s Armenia–Azerbaijan", CaseMode::Fold),
            "baku's armenia-azerbaijan"
        );
        assert_eq!(fold("Iranʼs", CaseMode::Fold), "iran's");
    }

    #[test]
    fn whitespace_runs_collapse_to_one_space() {
        let f = FoldedText::new("South\u{00A0}\n  Caucasus", CaseMode::Fold);
        assert_eq!(f.as_str(), "south caucasus");
        assert_eq!(f.original_range(5..6), 5..10);
    }

    #[test]
    fn decomposed_marks_belong_to_their_base_letter() {
        // "Türkiye" written with a combining diaeresis.
        let original = "Tu\u{0308}rkiye";
        let f = FoldedText::new(original, CaseMode::Fold);
        assert_eq!(f.as_str(), "turkiye");
        assert_eq!(f.original_range(0..2), 0..4);
        assert_eq!(f.original_range(0..7), 0..original.len());
    }

    #[test]
    fn expanded_characters_map_to_the_whole_original_character() {
        let f = FoldedText::new("Straße", CaseMode::Fold);
        assert_eq!(f.as_str(), "strasse");
        assert_eq!(f.original_range(4..6), 4..6);
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Text mixing ASCII, accents, decomposed marks, dotless i, schwa,
        /// apostrophes, dashes, odd whitespace and expanding letters.
        fn messy_text() -> impl Strategy<Value = String> {
            prop::collection::vec(
                prop::sample::select(vec![
                    "a", "Z", "9", " ", "\u{a0}", "\n", "\t", "ü", "İ", "ı", "ə", "Ə", "ğ", "’",
                    "ʼ", "–", "—", "-", "ß", "ﬁ", "e\u{301}", "\u{301}", "\u{200b}", "Ω", "ж",
                    "中", ".", "*",
                ]),
                0..40,
            )
            .prop_map(|parts| parts.concat())
        }

        proptest! {
            #[test]
            fn every_folded_byte_maps_to_a_char_boundary_range(text in messy_text()) {
                let folded = FoldedText::new(&text, CaseMode::Fold);
                let mut last_start = 0;
                for (i, c) in folded.as_str().char_indices() {
                    let r = folded.original_range(i..i + c.len_utf8());
                    prop_assert!(r.start < r.end && r.end <= text.len());
                    prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                    prop_assert!(r.start >= last_start, "ranges run forwards");
                    last_start = r.start;
                }
            }

            #[test]
            fn folding_a_mapped_span_gives_the_folded_span_back(text in messy_text(), a in 0usize..40, b in 0usize..40) {
                let folded = FoldedText::new(&text, CaseMode::Fold);
                let starts: Vec<usize> = folded.as_str().char_indices().map(|(i, _)| i).chain([folded.as_str().len()]).collect();
                let (a, b) = (starts[a % starts.len()], starts[b % starts.len()]);
                let (a, b) = (a.min(b), a.max(b));
                // Only spans that begin and end on whole source characters round-trip.
                let whole = |i: usize| i == 0 || i == folded.as_str().len() || folded.original_range(i - 1..i).end <= folded.original_range(i..i + 1).start;
                prop_assume!(a < b && whole(a) && whole(b));
                let original = folded.original_range(a..b);
                let refolded = fold(&text[original], CaseMode::Fold);
                prop_assert_eq!(refolded.trim(), folded.as_str()[a..b].trim());
            }

            #[test]
            fn keep_case_and_fold_agree_up_to_case(text in messy_text()) {
                let kept = fold(&text, CaseMode::Keep);
                prop_assert_eq!(fold(&kept, CaseMode::Fold), fold(&text, CaseMode::Fold));
            }
        }
    }
}
