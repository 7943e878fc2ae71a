//! The dictionary's pattern language, as in content-analysis tools.
//!
//! - case-insensitive unless the pattern carries the `case` flag (`US`);
//! - whole words: a pattern edge that is a letter or digit must meet a boundary
//!   (anything that is not a letter or digit) in the text;
//! - `*` at the end matches the word plus any continuation (`russia*` → Russians);
//! - words of a multi-word pattern match across any run of whitespace;
//! - diacritics, apostrophe and dash variants are folded on both sides, so
//!   `turkiye` matches TÜRKİYE and `iran's` matches Iran’s.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::{CaseMode, fold, is_word_char};

/// Longest pattern accepted, in characters. Longer "patterns" are nearly always
/// a pasted paragraph, not a dictionary entry.
pub const MAX_PATTERN_CHARS: usize = 200;

/// One dictionary entry as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PatternSpec {
    /// The pattern text, e.g. `russia*`, `united states`, `U.S.`.
    pub text: String,
    /// Match letter case exactly (`US` but not "us").
    pub case_sensitive: bool,
}

impl PatternSpec {
    /// A case-insensitive pattern.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            case_sensitive: false,
        }
    }

    /// A case-sensitive pattern.
    pub fn case_sensitive(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            case_sensitive: true,
        }
    }

    /// Whether this pattern matches exactly the text `other` matches: both
    /// are case-sensitive or neither, and their texts are the same once
    /// trimmed and folded as matching folds them (`Russia*` and ` russia* `,
    /// `turkiye` and `Türkiye`).
    pub fn is_equivalent_to(&self, other: &PatternSpec) -> bool {
        if self.case_sensitive != other.case_sensitive {
            return false;
        }
        let mode = if self.case_sensitive {
            CaseMode::Keep
        } else {
            CaseMode::Fold
        };
        fold(self.text.trim(), mode) == fold(other.text.trim(), mode)
    }
}

/// Serialized as a bare string when case-insensitive (the common case) and as
/// `(text: "US", case: true)` otherwise, so dictionaries stay readable in RON.
impl Serialize for PatternSpec {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.case_sensitive {
            #[derive(Serialize)]
            #[serde(rename = "Pattern")]
            struct Cased<'a> {
                text: &'a str,
                case: bool,
            }
            Cased {
                text: &self.text,
                case: true,
            }
            .serialize(serializer)
        } else {
            serializer.serialize_str(&self.text)
        }
    }
}

impl<'de> Deserialize<'de> for PatternSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Plain(String),
            Full {
                text: String,
                #[serde(default)]
                case: bool,
            },
        }
        Ok(match Repr::deserialize(deserializer)? {
            Repr::Plain(text) => PatternSpec::new(text),
            Repr::Full { text, case } => PatternSpec {
                text,
                case_sensitive: case,
            },
        })
    }
}

/// Why a pattern cannot be used.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PatternError {
    #[error("the pattern is empty")]
    Empty,
    #[error("`*` may only end a pattern (as in `russia*`), found one inside `{0}`")]
    InnerWildcard(String),
    #[error("the pattern `{0}` has no letter or digit to match")]
    NoWordCharacter(String),
    #[error("the pattern is {0} characters long; the limit is {MAX_PATTERN_CHARS}")]
    TooLong(usize),
    #[error("the dictionary is too large to compile: {0}")]
    Automaton(String),
}

/// A validated pattern, folded for matching.
#[derive(Clone, Debug)]
pub struct Pattern {
    spec: PatternSpec,
    /// Case-folded text the matcher searches for.
    folded: String,
    /// Diacritic-folded text with case kept, to verify case-sensitive matches.
    cased: String,
    wildcard: bool,
}

impl Pattern {
    /// Validates and folds a pattern.
    pub fn compile(spec: &PatternSpec) -> Result<Self, PatternError> {
        let trimmed = spec.text.trim();
        if trimmed.is_empty() {
            return Err(PatternError::Empty);
        }
        let chars = trimmed.chars().count();
        if chars > MAX_PATTERN_CHARS {
            return Err(PatternError::TooLong(chars));
        }
        let (body, wildcard) = match trimmed.strip_suffix('*') {
            Some(body) => (body.trim_end(), true),
            None => (trimmed, false),
        };
        if body.contains('*') {
            return Err(PatternError::InnerWildcard(trimmed.to_string()));
        }
        let folded = fold(body, CaseMode::Fold);
        if !folded.chars().any(is_word_char) {
            return Err(PatternError::NoWordCharacter(trimmed.to_string()));
        }
        Ok(Self {
            spec: PatternSpec {
                text: trimmed.to_string(),
                case_sensitive: spec.case_sensitive,
            },
            cased: fold(body, CaseMode::Keep),
            folded,
            wildcard,
        })
    }

    /// The pattern as written (trimmed).
    pub fn spec(&self) -> &PatternSpec {
        &self.spec
    }

    /// The folded text searched for.
    pub(crate) fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether a `*` lets the match run on to the end of the word.
    pub(crate) fn is_wildcard(&self) -> bool {
        self.wildcard
    }

    /// Whether the text before the match must be a word boundary.
    pub(crate) fn needs_left_boundary(&self) -> bool {
        self.folded.chars().next().is_some_and(is_word_char)
    }

    /// Whether the text after the match must be a word boundary.
    pub(crate) fn needs_right_boundary(&self) -> bool {
        !self.wildcard && self.folded.chars().next_back().is_some_and(is_word_char)
    }

    /// For case-sensitive patterns: whether the original text of a candidate
    /// match has the pattern's exact letter case.
    pub(crate) fn case_matches(&self, original: &str) -> bool {
        if !self.spec.case_sensitive {
            return true;
        }
        let cased = fold(original, CaseMode::Keep);
        if self.wildcard {
            cased.starts_with(&self.cased)
        } else {
            cased == self.cased
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_only_at_the_end() {
        assert!(Pattern::compile(&PatternSpec::new("russia*")).is_ok());
        assert_eq!(
            Pattern::compile(&PatternSpec::new("ru*sia")).unwrap_err(),
            PatternError::InnerWildcard("ru*sia".into())
        );
    }

    #[test]
    fn empty_and_punctuation_only_patterns_are_rejected() {
        assert_eq!(
            Pattern::compile(&PatternSpec::new("  ")).unwrap_err(),
            PatternError::Empty
        );
        assert!(matches!(
            Pattern::compile(&PatternSpec::new("*")).unwrap_err(),
            PatternError::NoWordCharacter(_)
        ));
        assert!(matches!(
            Pattern::compile(&PatternSpec::new("x".repeat(201))).unwrap_err(),
            PatternError::TooLong(201)
        ));
    }

    #[test]
    fn boundaries_follow_the_pattern_edges() {
        let us = Pattern::compile(&PatternSpec::new("U.S.")).unwrap();
        assert!(us.needs_left_boundary());
        assert!(!us.needs_right_boundary());
        let russia = Pattern::compile(&PatternSpec::new("russia*")).unwrap();
        assert!(!russia.needs_right_boundary());
    }

    #[test]
    fn case_sensitive_patterns_check_the_original_case() {
        let us = Pattern::compile(&PatternSpec::case_sensitive("US")).unwrap();
        assert!(us.case_matches("US"));
        assert!(!us.case_matches("us"));
        assert!(!us.case_matches("Us"));
    }

    #[test]
    fn patterns_that_match_the_same_text_are_equivalent() {
        let equivalent = |a: &PatternSpec, b: &PatternSpec| a.is_equivalent_to(b);
        assert!(equivalent(
            &PatternSpec::new("Russia*"),
            &PatternSpec::new(" russia* ")
        ));
        assert!(equivalent(
            &PatternSpec::new("turkiye"),
            &PatternSpec::new("Türkiye")
        ));
        assert!(!equivalent(
            &PatternSpec::new("us"),
            &PatternSpec::case_sensitive("us")
        ));
        assert!(!equivalent(
            &PatternSpec::case_sensitive("US"),
            &PatternSpec::case_sensitive("us")
        ));
        assert!(equivalent(
            &PatternSpec::case_sensitive("Türkiye"),
            &PatternSpec::case_sensitive("Turkiye ")
        ));
    }

    #[test]
    fn ron_form_is_a_plain_string_unless_case_sensitive() {
        let specs = vec![
            PatternSpec::new("russia*"),
            PatternSpec::case_sensitive("US"),
        ];
        let ron = ron::to_string(&specs).unwrap();
        assert_eq!(ron, r#"["russia*",(text:"US",case:true)]"#);
        let back: Vec<PatternSpec> = ron::from_str(&ron).unwrap();
        assert_eq!(back, specs);
    }
}
