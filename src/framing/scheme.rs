//! The frame scheme: which actors are focal, which frames exist, and the cue
//! words that point to each frame. It is data (RON), stored in every project
//! and editable, so the same engine serves other research questions.

use serde::{Deserialize, Serialize};

use super::grammar::{Grammar, expand_entry};
use crate::actors::{
    Actor, ActorDictionary, Colour, Matcher, PatternSpec, same_actor_name, unused_name,
};

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
    /// The frame a claim of this frame becomes when put in the past or
    /// questioned ("Moscow once dictated", "is Iran still a power?"): for
    /// persisting, declining.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_past: Option<String>,
}

/// Weight of a weak cue; a full cue weighs 1.
pub const WEAK_CUE_WEIGHT: f64 = 0.5;

/// Focal actors, frames, negation and reference rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Word classes and roles that compose into labels ([`Grammar`]); a scheme
    /// without one labels by its cues alone.
    #[serde(default)]
    pub grammar: Grammar,
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
    #[error("{place}: there is no frame `{frame}`")]
    UnknownFrame { place: String, frame: String },
    #[error("{place}: weight {weight} must be a number of zero or more")]
    BadWeight { place: String, weight: String },
}

/// Indices of the pseudo-actors of [`FrameScheme::cue_matcher`]: frame cues
/// (`0..frames`), weak cues (`frames..2*frames`), then the groups named here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lexicon {
    pub frames: usize,
    pub negator: usize,
    pub reference: usize,
    pub plural: usize,
    /// First word class; class `i` is `classes + i`.
    pub classes: usize,
    pub past: usize,
    pub history: usize,
    pub opener: usize,
    pub concessive: usize,
    pub agent_marker: usize,
    pub target_marker: usize,
    pub passive: usize,
    pub not_negator: usize,
    pub coordinator: usize,
    pub hypothetical: usize,
    pub relative: usize,
    pub doubt: usize,
    pub reciprocal: usize,
    pub place: usize,
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

    /// Whether a frame other than the one at `index` is called `name`, both
    /// names trimmed and compared without ASCII case, as labels are.
    pub fn has_other_frame_named(&self, index: usize, name: &str) -> bool {
        self.frames.iter().enumerate().any(|(other, frame)| {
            other != index && frame.name.trim().eq_ignore_ascii_case(name.trim())
        })
    }

    /// Whether the actor called `name` is focal, names compared as the
    /// dictionary compares them ([`same_actor_name`]); an empty name never is.
    pub fn is_focal(&self, name: &str) -> bool {
        !name.trim().is_empty() && self.focal_actors.iter().any(|f| same_actor_name(f, name))
    }

    /// The scheme with the actor called `name` made focal or no longer
    /// focal. An actor is listed once, under its name trimmed, however often
    /// it is made focal.
    pub fn with_focal(&self, name: &str, focal: bool) -> FrameScheme {
        let mut edited = self.clone();
        edited.focal_actors.retain(|f| !same_actor_name(f, name));
        if focal {
            edited.focal_actors.push(name.trim().to_string());
        }
        edited
    }

    /// The scheme that follows the rename of actor `index` of `dictionary`
    /// from `old` to `new`, so the rename does not silently drop a focal
    /// actor from the framing analysis; `None` when the scheme needs no
    /// change: `old` was not focal, another actor still goes by it, or `new`
    /// is empty or the name of another focal actor.
    pub fn with_focal_actor_renamed(
        &self,
        dictionary: &ActorDictionary,
        index: usize,
        old: &str,
        new: &str,
    ) -> Option<FrameScheme> {
        if new.trim().is_empty() || old.trim() == new.trim() {
            return None;
        }
        if dictionary.has_other_actor_named(index, old)
            || self.is_focal(new) && !same_actor_name(old, new)
        {
            return None;
        }
        let position = self
            .focal_actors
            .iter()
            .position(|f| same_actor_name(f, old))?;
        let mut edited = self.clone();
        edited.focal_actors[position] = new.trim().to_string();
        Some(edited)
    }

    /// The scheme with a new, empty frame at the end, under a name no label
    /// has ("new frame", "new frame 2", …) and in a colour no other frame
    /// has.
    pub fn with_new_frame(&self) -> FrameScheme {
        let mut edited = self.clone();
        edited.frames.push(Frame {
            name: unused_name("new frame", |name| self.is_label(name)),
            colour: Colour::first_unused(self.frames.iter().map(|f| f.colour)),
            opposite: None,
            cues: Vec::new(),
            weak_cues: Vec::new(),
            in_past: None,
        });
        edited
    }

    /// The scheme with frame `index` renamed to `name`; every reference to
    /// the old name (opposites, past frames, grammar effects) follows.
    pub fn with_frame_renamed(&self, index: usize, name: &str) -> FrameScheme {
        let mut edited = self.clone();
        let Some(old) = self.frames.get(index).map(|f| f.name.clone()) else {
            return edited;
        };
        let same = |o: &String| o.trim().eq_ignore_ascii_case(old.trim());
        for (other, frame) in edited.frames.iter_mut().enumerate() {
            if other == index {
                continue;
            }
            for link in [&mut frame.opposite, &mut frame.in_past] {
                if link.as_ref().is_some_and(same) {
                    *link = Some(name.to_string());
                }
            }
        }
        for class in &mut edited.grammar.classes {
            for effect in [&mut class.agent, &mut class.target].into_iter().flatten() {
                if same(&effect.frame) {
                    effect.frame = name.to_string();
                }
            }
        }
        edited.frames[index].name = name.to_string();
        edited
    }

    /// The scheme without frame `index`: opposites and past frames that named
    /// it are cleared, and grammar effects pointing to it dropped.
    pub fn without_frame(&self, index: usize) -> FrameScheme {
        let mut edited = self.clone();
        if index >= edited.frames.len() {
            return edited;
        }
        let removed = edited.frames.remove(index);
        // Another frame may share the name (a typo being fixed): then the
        // references still point somewhere.
        if edited.frame_index(&removed.name).is_some() {
            return edited;
        }
        let same = |o: &String| o.trim().eq_ignore_ascii_case(removed.name.trim());
        for frame in &mut edited.frames {
            for link in [&mut frame.opposite, &mut frame.in_past] {
                if link.as_ref().is_some_and(same) {
                    *link = None;
                }
            }
        }
        for class in &mut edited.grammar.classes {
            for effect in [&mut class.agent, &mut class.target] {
                if effect.as_ref().is_some_and(|e| same(&e.frame)) {
                    *effect = None;
                }
            }
        }
        edited
    }

    /// A short fingerprint of the scheme, for provenance.
    pub fn fingerprint(&self) -> String {
        let ron = ron::to_string(self).expect("scheme serialises");
        blake3::hash(ron.as_bytes()).to_hex()[..12].to_string()
    }

    /// Compiles the cue lexicon and the grammar into one matcher with
    /// pseudo-actors, indexed as [`Lexicon`] says.
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
        let g = &self.grammar;
        let expand = |entries: &[String]| -> Vec<PatternSpec> {
            entries
                .iter()
                .flat_map(|e| expand_entry(e))
                .map(PatternSpec::new)
                .collect()
        };
        for class in &g.classes {
            groups.push((format!("class {}", class.name), expand(&class.words)));
        }
        for (name, words) in [
            ("past markers", &g.past_markers),
            ("history markers", &g.history_markers),
            ("clause openers", &g.clause_openers),
            ("concessive", &g.concessive),
            ("agent markers", &g.agent_markers),
            ("target markers", &g.target_markers),
            ("passive auxiliaries", &g.passive_auxiliaries),
            ("not negators", &g.not_negators),
            ("coordinators", &g.coordinators),
            ("hypothetical", &g.hypothetical),
            ("relative pronouns", &g.relative_pronouns),
            ("doubt words", &g.doubt_words),
            ("reciprocals", &g.reciprocals),
            ("place markers", &g.place_markers),
        ] {
            groups.push((name.to_string(), expand(words)));
        }
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

    /// Where each group of [`FrameScheme::cue_matcher`] starts.
    pub(crate) fn lexicon(&self) -> Lexicon {
        let n = self.frames.len();
        let classes = 2 * n + 3;
        let markers = classes + self.grammar.classes.len();
        Lexicon {
            frames: n,
            negator: 2 * n,
            reference: 2 * n + 1,
            plural: 2 * n + 2,
            classes,
            past: markers,
            history: markers + 1,
            opener: markers + 2,
            concessive: markers + 3,
            agent_marker: markers + 4,
            target_marker: markers + 5,
            passive: markers + 6,
            not_negator: markers + 7,
            coordinator: markers + 8,
            hypothetical: markers + 9,
            relative: markers + 10,
            doubt: markers + 11,
            reciprocal: markers + 12,
            place: markers + 13,
        }
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
            if let Some(o) = &f.in_past
                && self.frame_index(o).is_none()
            {
                return Err(SchemeError::UnknownFrame {
                    place: format!("frame `{}` (in_past)", f.name),
                    frame: o.clone(),
                });
            }
        }
        for class in &self.grammar.classes {
            for (role, effect) in [("agent", &class.agent), ("target", &class.target)] {
                if let Some(e) = effect {
                    if self.frame_index(&e.frame).is_none() {
                        return Err(SchemeError::UnknownFrame {
                            place: format!("class `{}` ({role})", class.name),
                            frame: e.frame.clone(),
                        });
                    }
                    if !e.weight.is_finite() || e.weight < 0.0 {
                        return Err(SchemeError::BadWeight {
                            place: format!("class `{}` ({role})", class.name),
                            weight: e.weight.to_string(),
                        });
                    }
                }
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

    fn dictionary() -> ActorDictionary {
        ActorDictionary::default_dictionary()
    }

    #[test]
    fn renaming_a_frame_keeps_its_opposite_linked() {
        let scheme = FrameScheme::default_scheme();
        let renamed = scheme.with_frame_renamed(0, "waning");
        assert_eq!(renamed.frames[0].name, "waning");
        assert_eq!(renamed.frames[1].opposite.as_deref(), Some("waning"));
        renamed.validate(&dictionary()).expect("still valid");
    }

    #[test]
    fn removing_a_frame_clears_opposites_that_named_it() {
        let scheme = FrameScheme::default_scheme();
        let removed = scheme.without_frame(0);
        assert_eq!(removed.frames.len(), 1);
        assert_eq!(removed.frames[0].opposite, None);
        removed.validate(&dictionary()).expect("still valid");
        assert_eq!(scheme.without_frame(99), scheme);
    }

    #[test]
    fn an_added_frame_has_a_free_name_and_colour() {
        let scheme = FrameScheme::default_scheme()
            .with_new_frame()
            .with_new_frame();
        let names: Vec<&str> = scheme.frames.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names[2..], ["new frame", "new frame 2"]);
        let colours: std::collections::HashSet<_> =
            scheme.frames.iter().map(|f| f.colour).collect();
        assert_eq!(colours.len(), scheme.frames.len());
        scheme
            .validate(&dictionary())
            .expect("empty frames are valid");
        // The neutral frame's name is taken too.
        let mut scheme = FrameScheme::default_scheme();
        scheme.neutral_frame = "New Frame".into();
        let added = scheme.with_new_frame();
        assert_eq!(
            added.frames.last().map(|f| f.name.as_str()),
            Some("new frame 2")
        );
    }

    #[test]
    fn another_frame_with_a_name_is_found_but_not_the_frame_itself() {
        let scheme = FrameScheme::default_scheme();
        assert!(scheme.has_other_frame_named(1, " Declining "));
        assert!(!scheme.has_other_frame_named(0, "declining"));
        assert!(!scheme.has_other_frame_named(0, "neutral"));
        let mut spaced = scheme.clone();
        spaced.frames[0].name = " declining ".into();
        assert!(spaced.has_other_frame_named(1, "Declining"));
    }

    #[test]
    fn focal_actors_are_toggled_by_name() {
        let scheme = FrameScheme::default_scheme();
        let with = scheme.with_focal("Türkiye", true);
        assert!(with.focal_actors.iter().any(|f| f == "Türkiye"));
        assert!(with.is_focal("turkiye"));
        let without = with.with_focal("russia", false);
        assert!(!without.focal_actors.iter().any(|f| f == "Russia"));
        assert!(!without.is_focal("Russia"));
        // Ticking an actor twice does not list it twice.
        let twice = with.with_focal(" Türkiye ", true);
        assert_eq!(twice.focal_actors.len(), with.focal_actors.len());
        assert!(!with.is_focal("  "));
    }

    /// The default dictionary with Russia renamed "Russian Federation", and
    /// Russia's index.
    fn russia_renamed() -> (ActorDictionary, usize) {
        let mut dictionary = dictionary();
        let (index, _) = dictionary
            .actor("Russia")
            .expect("Russia is in the dictionary");
        dictionary.actors[index].name = "Russian Federation".into();
        (dictionary, index)
    }

    #[test]
    fn renaming_a_focal_actor_renames_it_in_the_scheme() {
        let scheme = FrameScheme::default_scheme();
        let (dictionary, index) = russia_renamed();
        let renamed = scheme
            .with_focal_actor_renamed(&dictionary, index, "Russia", "Russian Federation")
            .expect("Russia is focal in the default scheme");
        assert!(
            renamed
                .focal_actors
                .iter()
                .any(|f| f == "Russian Federation")
        );
        assert!(!renamed.focal_actors.iter().any(|f| f == "Russia"));
        // A non-focal actor, or an empty new name, leaves the scheme alone.
        let rename = |old, new| scheme.with_focal_actor_renamed(&dictionary, index, old, new);
        assert!(rename("Atlantis", "Mu").is_none());
        assert!(rename("Russia", "  ").is_none());
        // So does a new name another focal actor has.
        assert!(rename("Russia", "iran").is_none());
        // A change of case alone is followed.
        let recased = rename("Russia", "RUSSIA").expect("the same actor, recased");
        assert!(recased.focal_actors.iter().any(|f| f == "RUSSIA"));
    }

    #[test]
    fn a_rename_is_not_followed_while_another_actor_keeps_the_old_name() {
        let scheme = FrameScheme::default_scheme();
        let (mut dictionary, index) = russia_renamed();
        let mut twin = dictionary.actors[index].clone();
        twin.name = "russia".into();
        dictionary.actors.push(twin);
        assert!(
            scheme
                .with_focal_actor_renamed(&dictionary, index, "Russia", "Russian Federation")
                .is_none()
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
