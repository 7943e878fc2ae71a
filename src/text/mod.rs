//! Text handling shared by matching and counting: folding for comparison with an
//! exact map back to the original, words, and offsets in code points.

mod nesting;
mod normalize;
mod sentences;
mod tokens;

pub(crate) use nesting::{YAML_MAX_NESTING, bracket_depth_past};
pub use normalize::{CaseMode, FoldedText, fold, is_word_char};
pub use sentences::sentence_units;
pub use tokens::{CharOffsets, byte_offset, count_words};
