//! The frame scheme: which actors are focal, which frames exist, and the cue
//! words that point to each frame. It is data (RON), stored in every project
//! and editable, so the same engine serves other research questions.

use serde::{Deserialize, Serialize};

use crate::actors::{Actor, ActorDictionary, Colour, Matcher, PatternSpec};

/// One frame and its cue lexicon.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Frame {
    /// Name shown and exported (`declining`).
    pub name: String,
    pub colour: Colour,
    /// The frame a negated cue counts for ("not weakened" → persisting).
    #[serde(default)]
    pub opposite: Option<String>,
    /// Cue patterns in the dictionary's pattern language.
    pub cues: Vec<PatternSpec>,
    /// Cues that weigh half ([`WEAK_CUE_WEIGHT`]): words of degree and duration
    /// that lean towards the frame without stating it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weak_cues: Vec<PatternSpec>,
}

/// Weight of a weak cue; a full cue weighs 1.
pub const WEAK_CUE_WEIGHT: f64 = 0.5;

/// Focal actors, frames, negation and reference rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameScheme {
    /// Actors whose framing is analysed, by dictionary name.
    pub focal_actors: Vec<String>,
    /// The label of a unit that names a focal actor without any cue.
    pub neutral_frame: String,
    /// Evaluative frames.
    pub frames: Vec<Frame>,
    /// Words that flip the cue that follows them.
    pub negators: Vec<PatternSpec>,
    /// How many words before a cue a negator may stand.
    pub negation_window: usize,
    /// Expressions referring back to an actor named in the previous unit.
    pub references: Vec<PatternSpec>,
    /// Reference expressions that point to several actors at once.
    pub plural_references: Vec<PatternSpec>,
}

const DEFAULT_SCHEME: &str = include_str!("../../assets/default_scheme.ron");

/// Why a scheme cannot be used.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum SchemeError {
    #[error("frame `{frame}`: {error}")]
    Pattern { frame: String, error: String },
    #[error("frame `{0}` names an opposite frame that does not exist")]
    UnknownOpposite(String),
    #[error("the neutral frame `{0}` is also an evaluative frame")]
    NeutralIsEvaluative(String),
}

impl FrameScheme {
    /// The default scheme: Russia and Iran, declining vs persisting.
    pub fn default_scheme() -> Self {
        // The asset is compiled in and checked by a unit test.
        ron::from_str(DEFAULT_SCHEME).expect("assets/default_scheme.ron is valid")
    }

    /// All label names: the evaluative frames, then the neutral frame.
    pub fn labels(&self) -> Vec<&str> {
        self.frames
            .iter()
            .map(|f| f.name.as_str())
            .chain([self.neutral_frame.as_str()])
            .collect()
    }

    /// The index of the frame called `name`, if evaluative.
    pub fn frame_index(&self, name: &str) -> Option<usize> {
        self.frames
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(name.trim()))
    }

    /// Whether `name` is one of the labels (evaluative or neutral).
    pub fn is_label(&self, name: &str) -> bool {
        self.frame_index(name).is_some() || self.neutral_frame.eq_ignore_ascii_case(name.trim())
    }

    /// A short fingerprint of the scheme, for provenance.
    pub fn fingerprint(&self) -> String {
        let ron = ron::to_string(self).expect("scheme serialises");
        blake3::hash(ron.as_bytes()).to_hex()[..12].to_string()
    }

    /// Compiles the cue lexicon into one matcher with pseudo-actors: each frame's
    /// cues, each frame's weak cues, negators, references, plural references.
    pub(crate) fn cue_matcher(&self) -> Result<Matcher, SchemeError> {
        let mut groups: Vec<(String, Vec<PatternSpec>)> = self
            .frames
            .iter()
            .map(|f| (f.name.clone(), f.cues.clone()))
            .collect();
        groups.extend(
            self.frames
                .iter()
                .map(|f| (format!("{} (weak)", f.name), f.weak_cues.clone())),
        );
        groups.push(("negator".into(), self.negators.clone()));
        groups.push(("reference".into(), self.references.clone()));
        groups.push(("plural reference".into(), self.plural_references.clone()));
        let dictionary = ActorDictionary {
            actors: groups
                .into_iter()
                .enumerate()
                .map(|(i, (name, patterns))| Actor {
                    name,
                    colour: Colour::palette(i),
                    group: vec![],
                    patterns,
                })
                .collect(),
        };
        Matcher::new(&dictionary).map_err(|errors| SchemeError::Pattern {
            frame: errors[0].actor.clone(),
            error: format!("`{}`: {}", errors[0].pattern, errors[0].error),
        })
    }

    /// Checks the cue patterns and the frames' references to each other.
    pub fn validate(&self, dictionary: &ActorDictionary) -> Result<(), SchemeError> {
        self.cue_matcher()?;
        for f in &self.frames {
            if let Some(o) = &f.opposite
                && self.frame_index(o).is_none()
            {
                return Err(SchemeError::UnknownOpposite(f.name.clone()));
            }
        }
        if self.frame_index(&self.neutral_frame).is_some() {
            return Err(SchemeError::NeutralIsEvaluative(self.neutral_frame.clone()));
        }
        let _ = dictionary;
        Ok(())
    }

    /// Focal actors that the dictionary does not define (they are skipped by
    /// detection; callers warn about them).
    pub fn unknown_focal_actors(&self, dictionary: &ActorDictionary) -> Vec<String> {
        self.focal_actors
            .iter()
            .filter(|a| dictionary.actor(a).is_none())
            .cloned()
            .collect()
    }
}

impl Default for FrameScheme {
    fn default() -> Self {
        Self::default_scheme()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scheme_is_valid_against_the_default_dictionary() {
        let scheme = FrameScheme::default_scheme();
        scheme
            .validate(&ActorDictionary::default_dictionary())
            .unwrap();
        assert_eq!(scheme.labels(), vec!["declining", "persisting", "neutral"]);
    }

    #[test]
    fn unknown_focal_actors_are_listed() {
        let mut scheme = FrameScheme::default_scheme();
        scheme.focal_actors.push("Atlantis".into());
        assert_eq!(
            scheme.unknown_focal_actors(&ActorDictionary::default_dictionary()),
            vec!["Atlantis"]
        );
    }

    #[test]
    fn a_bad_cue_names_its_frame() {
        let mut scheme = FrameScheme::default_scheme();
        scheme.frames[1].cues.push(PatternSpec::new("dom*inant"));
        let err = scheme
            .validate(&ActorDictionary::default_dictionary())
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("frame `persisting`: `dom*inant`"), "{err}");
    }
}
