//! The actor dictionary: who is counted, under which names, in which colour.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::pattern::{Pattern, PatternError, PatternSpec};
use crate::text::{CaseMode, fold};

/// An sRGB colour, written `#rrggbb` in files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

impl Colour {
    /// A palette of distinct colours for actors that come without one (TSV and
    /// YAML dictionaries, new actors) and the colours of the default dictionary.
    ///
    /// The first ten are Tableau 10 (Maureen Stone's 2016 redesign, as in
    /// Tableau and d3's `schemeTableau10`), a categorical palette designed to
    /// tell its colours apart on light and dark backgrounds. The other six
    /// extend it with the Glasbey algorithm (C. Glasbey, G. van der Heijden,
    /// V. Toh, A. Gray, "Colour displays for categorical images", Color
    /// Research & Application 32(4), 2007), which adds each next colour as far
    /// as possible from all before it: Python `glasbey` 0.4.0,
    /// `extend_palette(TABLEAU_10, 16, lightness_bounds=(45, 70),
    /// chroma_bounds=(20, 80))`. The lightness bounds keep every colour
    /// readable on both themes' plot backgrounds. Every pair differs by a
    /// CIEDE2000 ΔE of at least 18 (pinned by a test below); the old palette had
    /// two blues 4 apart.
    const PALETTE: [[u8; 3]; 16] = [
        // Tableau 10.
        [0x4e, 0x79, 0xa7],
        [0xf2, 0x8e, 0x2b],
        [0xe1, 0x57, 0x59],
        [0x76, 0xb7, 0xb2],
        [0x59, 0xa1, 0x4f],
        [0xed, 0xc9, 0x48],
        [0xb0, 0x7a, 0xa1],
        [0xff, 0x9d, 0xa7],
        [0x9c, 0x75, 0x5f],
        [0xba, 0xb0, 0xac],
        // Glasbey extension.
        [0xaa, 0xae, 0xff],
        [0xaa, 0x59, 0xff],
        [0xff, 0x92, 0xff],
        [0x8a, 0xd7, 0x1c],
        [0x00, 0xb2, 0xf7],
        [0xa2, 0x86, 0x00],
    ];

    /// How many colours the palette has before it starts again.
    pub const PALETTE_LEN: usize = Self::PALETTE.len();

    /// The `index`-th colour of the default palette (cycling).
    pub fn palette(index: usize) -> Self {
        Colour(Self::PALETTE[index % Self::PALETTE.len()])
    }

    /// The first palette colour not in `used`, so a new actor or frame stands
    /// out from those there are; when every one is taken, the palette goes
    /// round again.
    pub fn first_unused(used: impl IntoIterator<Item = Colour>) -> Self {
        let used: Vec<Colour> = used.into_iter().collect();
        (0..Self::PALETTE_LEN)
            .map(Self::palette)
            .find(|colour| !used.contains(colour))
            .unwrap_or_else(|| Self::palette(used.len()))
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

impl Actor {
    /// Whether the filter typed over an actor list finds this actor: its
    /// text is part of the actor's name, a group level or a pattern, compared
    /// without case or diacritics. An empty filter finds every actor.
    pub fn matches_filter(&self, filter: &str) -> bool {
        let needle = fold(filter.trim(), CaseMode::Fold);
        if needle.is_empty() {
            return true;
        }
        let found = |text: &str| fold(text, CaseMode::Fold).contains(&needle);
        found(&self.name)
            || self.group.iter().any(|level| found(level))
            || self.patterns.iter().any(|pattern| found(&pattern.text))
    }

    /// Whether one of the actor's patterns matches exactly what `spec`
    /// matches ([`PatternSpec::is_equivalent_to`]).
    pub fn has_equivalent_pattern(&self, spec: &PatternSpec) -> bool {
        self.patterns
            .iter()
            .any(|pattern| pattern.is_equivalent_to(spec))
    }
}

/// A group's levels as written in the editor and in exported tables:
/// `Asia / Central Asia`.
pub fn group_path(group: &[String]) -> String {
    group.join(" / ")
}

/// A group path as typed (`Asia / Central Asia`) to its levels; empty
/// levels (a trailing slash while typing) are dropped.
pub fn parse_group_path(text: &str) -> Vec<String> {
    text.split('/')
        .map(str::trim)
        .filter(|level| !level.is_empty())
        .map(str::to_string)
        .collect()
}

/// An actor name as lookups compare it: trimmed, without case or diacritics
/// (`Türkiye`, ` turkiye ` and `TURKIYE` are one actor).
pub fn actor_name_key(name: &str) -> String {
    fold(name.trim(), CaseMode::Fold)
}

/// Whether two names name the same actor ([`actor_name_key`]).
pub fn same_actor_name(a: &str, b: &str) -> bool {
    actor_name_key(a) == actor_name_key(b)
}

/// `base`, or `base 2`, `base 3` … : the first of these that `is_taken`
/// refuses, for a new item that needs a name of its own.
pub fn unused_name(base: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let mut number = 1;
    loop {
        let name = if number == 1 {
            base.to_string()
        } else {
            format!("{base} {number}")
        };
        if !is_taken(&name) {
            return name;
        }
        number += 1;
    }
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
    /// Where the pattern is; `None` when the dictionary as a whole is at
    /// fault ([`PatternError::Automaton`]).
    pub position: Option<PatternPosition>,
    /// What is wrong with it.
    pub error: PatternError,
}

/// Where a pattern sits in a dictionary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PatternPosition {
    /// Index of the actor in [`ActorDictionary::actors`].
    pub actor: usize,
    /// Index of the pattern in that actor's [`Actor::patterns`].
    pub pattern: usize,
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

    /// The first actor called `name`, compared without case or diacritics
    /// ([`actor_name_key`]).
    pub fn actor(&self, name: &str) -> Option<(usize, &Actor)> {
        let wanted = actor_name_key(name);
        self.actors
            .iter()
            .enumerate()
            .find(|(_, a)| actor_name_key(&a.name) == wanted)
    }

    /// Whether an actor other than the one at `index` goes by `name`
    /// ([`same_actor_name`]).
    pub fn has_other_actor_named(&self, index: usize, name: &str) -> bool {
        self.actors
            .iter()
            .enumerate()
            .any(|(other, actor)| other != index && same_actor_name(&actor.name, name))
    }

    /// A name no actor has yet: "New actor", "New actor 2", …
    pub fn new_actor_name(&self) -> String {
        unused_name("New actor", |name| self.actor(name).is_some())
    }

    /// The first palette colour no actor has yet ([`Colour::first_unused`]).
    pub fn unused_colour(&self) -> Colour {
        Colour::first_unused(self.actors.iter().map(|actor| actor.colour))
    }

    /// A new actor for this dictionary: a name and a colour of its own, no
    /// group and no patterns yet.
    pub fn new_actor(&self) -> Actor {
        Actor {
            name: self.new_actor_name(),
            colour: self.unused_colour(),
            group: Vec::new(),
            patterns: Vec::new(),
        }
    }

    /// Checks every pattern, returning all problems found (not only the
    /// first), each with its [`PatternPosition`].
    pub fn validate(&self) -> Result<(), Vec<DictionaryError>> {
        let errors: Vec<_> = self
            .actors
            .iter()
            .enumerate()
            .flat_map(|(actor_index, actor)| {
                actor
                    .patterns
                    .iter()
                    .enumerate()
                    .filter_map(move |(pattern_index, spec)| {
                        Pattern::compile(spec).err().map(|error| DictionaryError {
                            actor: actor.name.clone(),
                            pattern: spec.text.clone(),
                            position: Some(PatternPosition {
                                actor: actor_index,
                                pattern: pattern_index,
                            }),
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
    fn group_paths_round_trip_through_their_text() {
        let group = vec!["Asia".to_string(), "Central Asia".to_string()];
        assert_eq!(group_path(&group), "Asia / Central Asia");
        assert_eq!(parse_group_path("Asia / Central Asia"), group);
        assert_eq!(parse_group_path("  Asia/Central Asia / "), group);
        assert!(parse_group_path("").is_empty());
        assert!(parse_group_path(" / / ").is_empty());
    }

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

    fn actor(name: &str, colour: Colour, patterns: &[&str]) -> Actor {
        Actor {
            name: name.into(),
            colour,
            group: Vec::new(),
            patterns: patterns.iter().map(|p| PatternSpec::new(*p)).collect(),
        }
    }

    #[test]
    fn names_are_compared_trimmed_without_case_or_diacritics() {
        assert!(same_actor_name("Türkiye", " TURKIYE "));
        assert!(!same_actor_name("Iran", "Iraq"));
        // The lookup follows the same rule, spaces around a stored name too.
        let dict = ActorDictionary {
            actors: vec![actor(" Türkiye ", Colour::palette(0), &[])],
        };
        assert_eq!(dict.actor("turkiye").map(|(i, _)| i), Some(0));
    }

    #[test]
    fn another_actor_with_a_name_is_found_but_not_the_actor_itself() {
        let dict = ActorDictionary {
            actors: vec![
                actor("Russia", Colour::palette(0), &[]),
                actor("Iran", Colour::palette(1), &[]),
            ],
        };
        assert!(dict.has_other_actor_named(1, "russia"));
        assert!(!dict.has_other_actor_named(0, "russia"));
        assert!(!dict.has_other_actor_named(0, "Atlantis"));
    }

    #[test]
    fn new_actor_names_do_not_clash() {
        let mut dictionary = ActorDictionary::default();
        assert_eq!(dictionary.new_actor_name(), "New actor");
        for _ in 0..2 {
            let name = dictionary.new_actor_name();
            dictionary.actors.push(Actor {
                name,
                colour: Colour::palette(0),
                group: Vec::new(),
                patterns: Vec::new(),
            });
        }
        assert_eq!(dictionary.new_actor_name(), "New actor 3");
        // Names are compared as lookups compare them.
        dictionary.actors[0].name = "NEW ACTOR 3".into();
        assert_eq!(dictionary.new_actor_name(), "New actor");
    }

    #[test]
    fn unused_names_count_up_from_two() {
        let taken = ["frame", "frame 2", "frame 4"];
        assert_eq!(unused_name("frame", |n| taken.contains(&n)), "frame 3");
        assert_eq!(unused_name("other", |n| taken.contains(&n)), "other");
    }

    #[test]
    fn a_new_actor_gets_a_colour_no_actor_has() {
        let mut dictionary = ActorDictionary {
            actors: vec![
                actor("A", Colour::palette(0), &[]),
                actor("B", Colour::palette(2), &[]),
            ],
        };
        assert_eq!(dictionary.unused_colour(), Colour::palette(1));
        let new = dictionary.new_actor();
        assert_eq!(new.colour, Colour::palette(1));
        assert_eq!(new.name, "New actor");
        assert!(new.group.is_empty() && new.patterns.is_empty());
        // With every colour taken, the palette goes round again.
        dictionary.actors = (0..Colour::PALETTE_LEN)
            .map(|i| actor(&format!("A{i}"), Colour::palette(i), &[]))
            .collect();
        assert_eq!(
            dictionary.unused_colour(),
            Colour::palette(Colour::PALETTE_LEN)
        );
        assert_eq!(Colour::first_unused([]), Colour::palette(0));
    }

    #[test]
    fn the_filter_finds_actors_by_name_group_and_pattern() {
        let actor = Actor {
            name: "Türkiye".into(),
            colour: Colour::palette(0),
            group: vec!["Regional powers".into()],
            patterns: vec![PatternSpec::new("ankara"), PatternSpec::new("erdogan")],
        };
        assert!(actor.matches_filter("turk"));
        assert!(actor.matches_filter("regional"));
        assert!(actor.matches_filter("erdo"));
        assert!(!actor.matches_filter("moscow"));
        // As typed: any case, accents and spaces around.
        assert!(actor.matches_filter(" TÜRK "));
        assert!(actor.matches_filter(""));
    }

    #[test]
    fn an_equivalent_pattern_is_found_among_the_actors_patterns() {
        let iran = actor("Iran", Colour::palette(0), &["iran*", "tehran"]);
        assert!(iran.has_equivalent_pattern(&PatternSpec::new(" Iran* ")));
        assert!(iran.has_equivalent_pattern(&PatternSpec::new("Tehran")));
        assert!(!iran.has_equivalent_pattern(&PatternSpec::new("iran")));
        assert!(!iran.has_equivalent_pattern(&PatternSpec::case_sensitive("tehran")));
    }

    #[test]
    fn every_bad_pattern_is_reported_where_it_is() {
        let dict = ActorDictionary {
            actors: vec![
                actor("Russia", Colour::palette(0), &["russia*"]),
                actor("Iran", Colour::palette(1), &["iran", "ir*an", "*"]),
            ],
        };
        let errors = dict.validate().unwrap_err();
        let positions: Vec<_> = errors.iter().map(|e| e.position).collect();
        assert_eq!(
            positions,
            [
                Some(PatternPosition {
                    actor: 1,
                    pattern: 1
                }),
                Some(PatternPosition {
                    actor: 1,
                    pattern: 2
                })
            ]
        );
        // The message names the actor and the pattern, not the position.
        assert_eq!(
            errors[0].to_string(),
            "actor `Iran`, pattern `ir*an`: `*` may only end a pattern (as in `russia*`), \
             found one inside `ir*an`"
        );
    }

    /// CIE L*a*b* (D65) of an sRGB colour.
    fn lab(Colour([r, g, b]): Colour) -> [f64; 3] {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (linear(r), linear(g), linear(b));
        let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
        let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
        let f = |t: f64| {
            if t > 216.0 / 24389.0 {
                t.cbrt()
            } else {
                (24389.0 / 27.0 * t + 16.0) / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    /// CIE76 ΔE: the straight distance in L*a*b*.
    fn delta_e76(a: [f64; 3], b: [f64; 3]) -> f64 {
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).powi(2))
            .sum::<f64>()
            .sqrt()
    }

    /// CIEDE2000 ΔE (Sharma, Wu and Dalal 2005), which, unlike CIE76, weighs
    /// hue and chroma differences as people see them (two saturated reds are
    /// closer than their L*a*b* distance says).
    fn delta_e2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
        use std::f64::consts::PI;
        let deg = |r: f64| r * 180.0 / PI;
        let rad = |d: f64| d * PI / 180.0;
        let c_bar = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
        let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
        let hue = |b: f64, a: f64| {
            if a == 0.0 && b == 0.0 {
                0.0
            } else {
                deg(b.atan2(a)).rem_euclid(360.0)
            }
        };
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p));
        let dl = l2 - l1;
        let dc = c2p - c1p;
        let dh = if c1p * c2p == 0.0 {
            0.0
        } else if (h2p - h1p).abs() <= 180.0 {
            h2p - h1p
        } else if h2p - h1p > 180.0 {
            h2p - h1p - 360.0
        } else {
            h2p - h1p + 360.0
        };
        let dh_big = 2.0 * (c1p * c2p).sqrt() * (rad(dh) / 2.0).sin();
        let l_bar = (l1 + l2) / 2.0;
        let cp_bar = (c1p + c2p) / 2.0;
        let h_bar = if c1p * c2p == 0.0 {
            h1p + h2p
        } else if (h1p - h2p).abs() <= 180.0 {
            (h1p + h2p) / 2.0
        } else if h1p + h2p < 360.0 {
            (h1p + h2p + 360.0) / 2.0
        } else {
            (h1p + h2p - 360.0) / 2.0
        };
        let t = 1.0 - 0.17 * rad(h_bar - 30.0).cos()
            + 0.24 * rad(2.0 * h_bar).cos()
            + 0.32 * rad(3.0 * h_bar + 6.0).cos()
            - 0.20 * rad(4.0 * h_bar - 63.0).cos();
        let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
        let r_c = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
        let s_l = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
        let s_c = 1.0 + 0.045 * cp_bar;
        let s_h = 1.0 + 0.015 * cp_bar * t;
        let r_t = -(rad(2.0 * d_theta)).sin() * r_c;
        ((dl / s_l).powi(2)
            + (dc / s_c).powi(2)
            + (dh_big / s_h).powi(2)
            + r_t * (dc / s_c) * (dh_big / s_h))
            .sqrt()
    }

    /// The closest pair among `colours` (with their names), by CIEDE2000 and
    /// by CIE76.
    fn closest(colours: &[(String, Colour)]) -> ((f64, String), (f64, String)) {
        let mut by_2000 = (f64::INFINITY, String::new());
        let mut by_76 = (f64::INFINITY, String::new());
        for (i, (name_a, a)) in colours.iter().enumerate() {
            for (name_b, b) in &colours[i + 1..] {
                let pair = format!("{name_a} {a} / {name_b} {b}");
                let d = delta_e2000(lab(*a), lab(*b));
                if d < by_2000.0 {
                    by_2000 = (d, pair.clone());
                }
                let d = delta_e76(lab(*a), lab(*b));
                if d < by_76.0 {
                    by_76 = (d, pair);
                }
            }
        }
        (by_2000, by_76)
    }

    /// Below this CIEDE2000 distance two chart colours are easily confused
    /// (the old default dictionary's Russia #d62728 and Kyrgyzstan #ad494a
    /// are 10 apart).
    const MIN_DELTA_E2000: f64 = 17.0;
    /// The same for CIE76, a coarser measure.
    const MIN_DELTA_E76: f64 = 20.0;

    #[test]
    fn delta_e2000_matches_the_published_test_data() {
        // Pairs from Table 1 of Sharma, Wu and Dalal (2005).
        for (a, b, want) in [
            ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
            ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
            ([50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065),
            ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
            (
                [60.2574, -34.0099, 36.2677],
                [60.4626, -34.1751, 39.4387],
                1.2644,
            ),
        ] {
            let got = delta_e2000(a, b);
            assert!((got - want).abs() < 1e-4, "{a:?} {b:?}: {got} ≠ {want}");
        }
    }

    #[test]
    fn every_pair_of_palette_colours_is_perceptually_distinct() {
        let colours: Vec<(String, Colour)> = (0..Colour::PALETTE_LEN)
            .map(|i| (format!("#{i}"), Colour::palette(i)))
            .collect();
        let ((d2000, pair2000), (d76, pair76)) = closest(&colours);
        assert!(
            d2000 >= MIN_DELTA_E2000,
            "palette colours {pair2000} are only ΔE2000 {d2000:.1} apart"
        );
        assert!(
            d76 >= MIN_DELTA_E76,
            "palette colours {pair76} are only ΔE76 {d76:.1} apart"
        );
        // The palette cycles after its last colour.
        assert_eq!(Colour::palette(Colour::PALETTE_LEN), Colour::palette(0));
    }

    #[test]
    fn every_pair_of_default_dictionary_colours_is_perceptually_distinct() {
        let dict = ActorDictionary::default_dictionary();
        let colours: Vec<(String, Colour)> = dict
            .actors
            .iter()
            .map(|a| (a.name.clone(), a.colour))
            .collect();
        let ((d2000, pair2000), (d76, pair76)) = closest(&colours);
        assert!(
            d2000 >= MIN_DELTA_E2000,
            "{pair2000} are only ΔE2000 {d2000:.1} apart"
        );
        assert!(
            d76 >= MIN_DELTA_E76,
            "{pair76} are only ΔE76 {d76:.1} apart"
        );
    }

    #[test]
    fn colours_round_trip_as_hex() {
        let c: Colour = "#1F77b4".parse().unwrap();
        assert_eq!(c.to_string(), "#1f77b4");
        assert!("blue".parse::<Colour>().is_err());
    }
}
