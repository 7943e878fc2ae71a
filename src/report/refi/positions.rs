//! Selection positions of REFI-QDA text sources. The standard counts Unicode
//! code points of the plain text; some programs count UTF-16 code units
//! instead, and the two readings part after the first character beyond the
//! Basic Multilingual Plane (an emoji is one code point, two UTF-16 units).
//! [`choose_unit`] picks the reading that fits a source's selections.

use std::ops::Range;

use crate::text::is_word_char;

/// How a source's positions count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionUnit {
    /// Unicode code points, as the standard says.
    CodePoints,
    /// UTF-16 code units (what some programs write).
    Utf16,
}

impl PositionUnit {
    /// The reading in words, for the import report.
    pub fn describe(self) -> &'static str {
        match self {
            PositionUnit::CodePoints => "Unicode code points (the standard)",
            PositionUnit::Utf16 => "UTF-16 code units (not the standard)",
        }
    }
}

/// The byte offset of position `pos` of `text` counted in `unit`; `None`
/// when it lies beyond the text or, in UTF-16, inside a surrogate pair.
pub fn byte_offset(text: &str, unit: PositionUnit, pos: usize) -> Option<usize> {
    let mut counted = 0;
    for (byte, c) in text.char_indices() {
        if counted == pos {
            return Some(byte);
        }
        if counted > pos {
            return None;
        }
        counted += match unit {
            PositionUnit::CodePoints => 1,
            PositionUnit::Utf16 => c.len_utf16(),
        };
    }
    (counted == pos).then_some(text.len())
}

/// The byte range of `start..end` under `unit`, if both ends fall on
/// characters of the text and start ≤ end.
pub fn byte_range(
    text: &str,
    unit: PositionUnit,
    start: usize,
    end: usize,
) -> Option<Range<usize>> {
    let range = byte_offset(text, unit, start)?..byte_offset(text, unit, end)?;
    (range.start <= range.end).then_some(range)
}

/// How badly `unit` fits the selections: a selection that does not map to
/// the text costs 2, one that starts or ends inside a word costs 1 per end.
fn misfit(text: &str, unit: PositionUnit, selections: &[(usize, usize)]) -> usize {
    selections
        .iter()
        .map(|&(start, end)| match byte_range(text, unit, start, end) {
            None => 2,
            Some(r) => {
                usize::from(splits_word(text, r.start)) + usize::from(splits_word(text, r.end))
            }
        })
        .sum()
}

/// Whether byte `at` of `text` lies between two word characters.
fn splits_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if is_word_char(b) && is_word_char(a))
}

/// The reading that fits the selections of `text` best: code points unless
/// UTF-16 code units fit strictly better. Texts without characters beyond
/// the Basic Multilingual Plane read the same either way.
pub fn choose_unit(text: &str, selections: &[(usize, usize)]) -> PositionUnit {
    if text.chars().all(|c| c.len_utf16() == 1) {
        return PositionUnit::CodePoints;
    }
    let points = misfit(text, PositionUnit::CodePoints, selections);
    let units = misfit(text, PositionUnit::Utf16, selections);
    if units < points {
        PositionUnit::Utf16
    } else {
        PositionUnit::CodePoints
    }
}

/// Whether the two readings differ for `text` at all.
pub fn readings_differ(text: &str) -> bool {
    text.chars().any(|c| c.len_utf16() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Flag 🇦🇿 then Russia is weakened 😀 and Iran waits.";

    /// Start and end of `needle` in `TEXT` counted in `unit`.
    fn span(needle: &str, unit: PositionUnit) -> (usize, usize) {
        let byte = TEXT.find(needle).unwrap();
        let count = |s: &str| match unit {
            PositionUnit::CodePoints => s.chars().count(),
            PositionUnit::Utf16 => s.encode_utf16().count(),
        };
        let start = count(&TEXT[..byte]);
        (start, start + count(needle))
    }

    #[test]
    fn each_reading_is_detected_from_its_own_selections() {
        for unit in [PositionUnit::CodePoints, PositionUnit::Utf16] {
            let selections = [span("Russia is weakened", unit), span("Iran waits", unit)];
            assert_eq!(choose_unit(TEXT, &selections), unit);
            let r = byte_range(TEXT, unit, selections[1].0, selections[1].1).unwrap();
            assert_eq!(&TEXT[r], "Iran waits");
        }
    }

    #[test]
    fn a_text_inside_the_basic_plane_is_read_as_code_points() {
        assert_eq!(
            choose_unit("Russia is weakened", &[(0, 6)]),
            PositionUnit::CodePoints
        );
        assert!(!readings_differ("Azərbaycan"));
    }

    #[test]
    fn positions_inside_a_surrogate_pair_or_past_the_end_do_not_map() {
        let text = "a😀b";
        assert_eq!(byte_offset(text, PositionUnit::Utf16, 2), None);
        assert_eq!(byte_offset(text, PositionUnit::Utf16, 3), Some(5));
        assert_eq!(byte_offset(text, PositionUnit::CodePoints, 2), Some(5));
        assert_eq!(byte_offset(text, PositionUnit::CodePoints, 3), Some(6));
        assert_eq!(byte_offset(text, PositionUnit::CodePoints, 4), None);
        assert_eq!(byte_range(text, PositionUnit::CodePoints, 2, 1), None);
    }
}
