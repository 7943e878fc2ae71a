//! The actor dictionary: who is counted, under which names, in which colour.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::pattern::{Pattern, PatternError, PatternSpec};

/// An sRGB colour, written `#rrggbb` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// A palette of distinct colours for actors that come without one (TSV and
    /// YAML dictionaries). Tableau 10 followed by its lighter companions.
    const PALETTE: [[u8; 3]; 16] = [
        [0x1f, 0x77, 0xb4],
        [0xd6, 0x27, 0x28],
        [0x2c, 0xa0, 0x2c],
        [0xff, 0x7f, 0x0e],
        [0x94, 0x67, 0xbd],
        [0x8c, 0x56, 0x4b],
        [0xe3, 0x77, 0xc2],
        [0x7f, 0x7f, 0x7f],
        [0xbc, 0xbd, 0x22],
        [0x17, 0xbe, 0xcf],
        [0x39, 0x3b, 0x79],
        [0xad, 0x49, 0x4a],
        [0x63, 0x79, 0x39],
        [0xe7, 0xba, 0x52],
        [0x7b, 0x41, 0x73],
        [0x31, 0x82, 0xbd],
    ];

    /// The `index`-th colour of the default palette (cycling).
    pub fn palette(index: usize) -> Self {
        Colour(Self::PALETTE[index % Self::PALETTE.len()])
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl FromStr for Colour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let hex = s.strip_prefix('#').unwrap_or(s);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("`{s}` is not a colour; write it as #rrggbb"));
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| e.to_string());
        Ok(Colour([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl Serialize for Colour {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A political actor and the patterns that name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Display name, unique within a dictionary (`Russia`).
    pub name: String,
    /// Colour of the actor in every chart and highlight.
    pub colour: Colour,
    /// Where the actor sits in a nested dictionary (`["Asia", "Central"]`); empty
    /// for flat dictionaries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<String>,
    /// The names: `russia*`, `moscow`, `kremlin`, `putin` …
    pub patterns: Vec<PatternSpec>,
}

/// The list of actors counted in a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorDictionary {
    /// Actors in display order.
    pub actors: Vec<Actor>,
}

/// A pattern that cannot be compiled, located in the dictionary.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("actor `{actor}`, pattern `{pattern}`: {error}")]
pub struct DictionaryError {
    /// The actor the pattern belongs to.
    pub actor: String,
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong with it.
    pub error: PatternError,
}

/// The dictionary shipped with Framescope (see `assets/default_dictionary.ron`).
const DEFAULT_DICTIONARY: &str = include_str!("../../assets/default_dictionary.ron");

impl ActorDictionary {
    /// The default dictionary: Russia, Iran, Türkiye, the South Caucasus, Central
    /// Asia and the outside powers, with demonyms, capitals and leaders.
    pub fn default_dictionary() -> Self {
        // The asset is part of the binary and checked by a unit test, so parsing
        // cannot fail at run time.
        ron::from_str(DEFAULT_DICTIONARY).expect("assets/default_dictionary.ron is valid")
    }

    /// The actor called `name`, compared without case or diacritics.
    pub fn actor(&self, name: &str) -> Option<(usize, &Actor)> {
        let wanted = crate::text::fold(name.trim(), crate::text::CaseMode::Fold);
        self.actors
            .iter()
            .enumerate()
            .find(|(_, a)| crate::text::fold(&a.name, crate::text::CaseMode::Fold) == wanted)
    }

    /// Checks every pattern, returning all problems found (not only the first).
    pub fn validate(&self) -> Result<(), Vec<DictionaryError>> {
        let errors: Vec<_> = self
            .actors
            .iter()
            .flat_map(|actor| {
                actor.patterns.iter().filter_map(move |spec| {
                    Pattern::compile(spec).err().map(|error| DictionaryError {
                        actor: actor.name.clone(),
                        pattern: spec.text.clone(),
                        error,
                    })
                })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// A short fingerprint of the dictionary's content, printed with exports so
    /// a figure can be traced to the dictionary that made it.
    pub fn fingerprint(&self) -> String {
        // Serialising our own plain data to RON cannot fail.
        let ron = ron::to_string(self).expect("dictionary serialises");
        blake3::hash(ron.as_bytes()).to_hex()[..12].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_dictionary_parses_and_validates() {
        let dict = ActorDictionary::default_dictionary();
        assert!(dict.actors.len() >= 16);
        dict.validate().unwrap();
        for name in [
            "Russia",
            "Iran",
            "Türkiye",
            "Kazakhstan",
            "Tajikistan",
            "European Union",
        ] {
            assert!(dict.actor(name).is_some(), "{name} missing");
        }
    }

    #[test]
    fn actor_lookup_ignores_case_and_diacritics() {
        let dict = ActorDictionary::default_dictionary();
        assert_eq!(dict.actor("turkiye").unwrap().1.name, "Türkiye");
    }

    #[test]
    fn colours_round_trip_as_hex() {
        let c: Colour = "#1F77b4".parse().unwrap();
        assert_eq!(c.to_string(), "#1f77b4");
        assert!("blue".parse::<Colour>().is_err());
    }
}
