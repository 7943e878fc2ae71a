//! The frame grammar: semantic classes of words and what each says about an
//! actor by the actor's role beside it.
//!
//! A flat cue list cannot tell "Moscow's grip is slipping" (declining) from
//! "under Moscow's grip" (persisting), or "Iran threatens" (persisting) from
//! "a threat to Iran" (declining). The grammar can: every class of words has an
//! effect on an actor that is its **agent** (subject, possessor, "by"/"of"/
//! "from" the actor) and one on an actor that is its **target** (object, "to"/
//! "on"/"for" the actor, subject of a passive). Words of **power** ("influence",
//! "grip") owned by an actor stand for it: a word of another class that governs
//! one speaks of the owner's power (`power-noun-loss`).
//!
//! The grammar is data, stored with the scheme and editable like the cues;
//! every entry is general English. An entry uses the dictionary's pattern
//! language (case-insensitive whole words, `*` for any continuation, several
//! words) plus `~` after a word to inflect it: `slip~` matches slip, slips,
//! slipped and slipping; `hold~ on to` matches held on to.

use serde::{Deserialize, Serialize};

/// What a class of words says about an actor in one role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEffect {
    /// The frame it points to.
    pub frame: String,
    /// How much it weighs (a unit's label needs [`Grammar::min_weight`]).
    pub weight: f64,
}

/// A semantic class: words, and their effect on an actor by role.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordClass {
    /// Names the rules it decides (`threat` → `threat-as-agent`).
    pub name: String,
    /// Effect on an actor that is the word's agent, subject or possessor.
    #[serde(default)]
    pub agent: Option<RoleEffect>,
    /// Effect on an actor that is the word's object or target.
    #[serde(default)]
    pub target: Option<RoleEffect>,
    /// Words of power: owned by an actor they stand for it, and a word that
    /// governs them speaks of the owner's power (`power-noun-…` rules).
    #[serde(default)]
    pub power: bool,
    /// Entries: patterns, with `~` to inflect a word.
    pub words: Vec<String>,
}

/// The frame grammar of a scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Grammar {
    /// Semantic classes, in priority order: where two classes claim the same
    /// words, the first wins.
    pub classes: Vec<WordClass>,
    /// Weight of a scheme cue (a frame's `cues`) that no class claims; weak
    /// cues weigh half of it.
    pub cue_weight: f64,
    /// Weight a frame needs in a unit to label it; below it the unit is neutral.
    pub min_weight: f64,
    /// Tokens a word may stand from the actor it speaks of, in one clause.
    pub max_distance: usize,
    /// Words that put power in the past ("once dominated", "used to dictate"):
    /// persisting turns declining at half weight (it tips, never decides).
    pub past_markers: Vec<String>,
    /// Words that mark a clause as distant history ("in the 19th century",
    /// "the Persian empires"): its evidence is dropped (plain history is neutral).
    pub history_markers: Vec<String>,
    /// Words that open a new clause ("but", "while", "which").
    pub clause_openers: Vec<String>,
    /// Openers of concessive clauses ("although", "despite"): their evidence
    /// weighs half.
    pub concessive: Vec<String>,
    /// Prepositions that make the actor after a word its agent ("threat from
    /// Iran", "decline of Russia", "pressured by Moscow").
    pub agent_markers: Vec<String>,
    /// Prepositions that make the actor after them a target even when it
    /// stands before the word ("for Russia, the war is a drain").
    pub target_markers: Vec<String>,
    /// Forms of "be" and "get" that make a following participle passive
    /// ("Iran is threatened": Iran is the target).
    pub passive_auxiliaries: Vec<String>,
    /// Look like negators but are not ("not only", "no doubt").
    pub not_negators: Vec<String>,
    /// Words that join actors into one group ("Russia and Iran have weakened":
    /// both); commas join too.
    pub coordinators: Vec<String>,
    /// Words that make what follows them hypothetical ("any threat to Iran",
    /// "a possible attack"): evidence right after them is dropped.
    pub hypothetical: Vec<String>,
    /// Relative pronouns: after an actor's name ("Russia, which …") they
    /// stand for it in their clause.
    pub relative_pronouns: Vec<String>,
    /// Words that make a question doubt a claim of power ("Is Moscow *still*
    /// the arbiter?"); other questions ("How will Russia respond?") do not.
    pub doubt_words: Vec<String>,
    /// Words that make a clause speak of a relation both ways ("play an
    /// important role for each other", "mutually beneficial"): it weighs no
    /// one party, so its evidence is dropped.
    pub reciprocals: Vec<String>,
    /// Prepositions of place ("in", "across"): an actor after one is where
    /// something happens, so a word goes to another actor of the clause
    /// first ("Iran plays a key role in Turkmenistan": Iran's role).
    pub place_markers: Vec<String>,
}

impl Default for Grammar {
    /// An empty grammar: only the scheme's flat cues label units (the
    /// behaviour of schemes saved before the grammar existed).
    fn default() -> Self {
        Self {
            classes: Vec::new(),
            cue_weight: 1.0,
            min_weight: 1.0,
            max_distance: 12,
            past_markers: Vec::new(),
            history_markers: Vec::new(),
            clause_openers: Vec::new(),
            concessive: Vec::new(),
            agent_markers: Vec::new(),
            target_markers: Vec::new(),
            passive_auxiliaries: Vec::new(),
            not_negators: Vec::new(),
            coordinators: Vec::new(),
            hypothetical: Vec::new(),
            relative_pronouns: Vec::new(),
            doubt_words: Vec::new(),
            reciprocals: Vec::new(),
            place_markers: Vec::new(),
        }
    }
}

/// Irregular English verb forms: base → forms other than the regular ones.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("be", &["is", "are", "was", "were", "been", "being", "am"]),
    ("break", &["broke", "broken"]),
    ("bring", &["brought"]),
    ("build", &["built"]),
    ("buy", &["bought"]),
    ("cling", &["clung"]),
    ("come", &["came"]),
    ("cut", &["cut"]),
    ("deal", &["dealt"]),
    ("do", &["did", "done", "does"]),
    ("draw", &["drew", "drawn"]),
    ("drive", &["drove", "driven"]),
    ("fall", &["fell", "fallen"]),
    ("feel", &["felt"]),
    ("fight", &["fought"]),
    ("find", &["found"]),
    ("forsake", &["forsook", "forsaken"]),
    ("freeze", &["froze", "frozen"]),
    ("get", &["got", "gotten"]),
    ("give", &["gave", "given"]),
    ("go", &["went", "gone", "goes"]),
    ("grow", &["grew", "grown"]),
    ("have", &["had", "has"]),
    ("hit", &["hit"]),
    ("hold", &["held"]),
    ("keep", &["kept"]),
    ("lead", &["led"]),
    ("leave", &["left"]),
    ("lose", &["lost"]),
    ("make", &["made"]),
    ("outgrow", &["outgrew", "outgrown"]),
    ("overtake", &["overtook", "overtaken"]),
    ("put", &["put"]),
    ("rise", &["rose", "risen"]),
    ("run", &["ran"]),
    ("see", &["saw", "seen"]),
    ("seek", &["sought"]),
    ("set", &["set"]),
    ("shake", &["shook", "shaken"]),
    ("shrink", &["shrank", "shrunk", "shrunken"]),
    ("shut", &["shut"]),
    ("sink", &["sank", "sunk"]),
    ("slide", &["slid"]),
    ("stand", &["stood"]),
    ("stick", &["stuck"]),
    ("strike", &["struck", "stricken"]),
    ("swing", &["swung"]),
    ("take", &["took", "taken"]),
    ("tear", &["tore", "torn"]),
    ("throw", &["threw", "thrown"]),
    ("undercut", &["undercut"]),
    ("undergo", &["underwent", "undergone"]),
    ("win", &["won"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("withhold", &["withheld"]),
];

/// Whether `word` (lower case) looks like a past participle: a regular
/// `-ed`/`-en`/`-wn` form or an irregular one ("lost", "held", "hit").
pub fn is_participle(word: &str) -> bool {
    word.ends_with("ed")
        || word.ends_with("en")
        || word.ends_with("wn")
        || IRREGULAR
            .iter()
            .any(|(base, forms)| *base != "be" && forms.contains(&word))
}

/// Whether `word` (lower case) has the form of a predicative adjective
/// ("unacceptable", "dangerous", "powerless"): such a word qualifies a
/// clause's subject and is never a noun a name could own. ("-ive" is left
/// out: "offensive" and "initiative" are nouns too.)
pub fn is_adjective_form(word: &str) -> bool {
    const SUFFIXES: [&str; 5] = ["able", "ible", "ous", "ful", "less"];
    word.chars().count() > 5 && SUFFIXES.iter().any(|s| word.ends_with(s))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The inflected forms of an English word (verb or noun): the word, its `-s`,
/// `-ed` and `-ing` forms by the regular spelling rules (both with and without
/// a doubled final consonant, since syllable stress cannot be read from
/// spelling; a form that is no word matches nothing), and irregular forms.
pub fn inflections(word: &str) -> Vec<String> {
    let w = word.to_lowercase();
    let mut forms = vec![w.clone()];
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n == 0 || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return forms;
    }
    let last = chars[n - 1];
    let before = if n >= 2 { chars[n - 2] } else { ' ' };
    let stem = &w[..w.len() - last.len_utf8()];
    // -s
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        forms.push(format!("{w}es"));
    } else if last == 'y' && !is_vowel(before) {
        forms.push(format!("{stem}ies"));
    } else {
        forms.push(format!("{w}s"));
    }
    // -ed and -ing
    if last == 'e' {
        forms.push(format!("{w}d"));
        if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") {
            forms.push(format!("{w}ing"));
        } else if w.ends_with("ie") {
            forms.push(format!("{}ying", &w[..w.len() - 2]));
        } else {
            forms.push(format!("{stem}ing"));
        }
    } else if last == 'y' && !is_vowel(before) {
        forms.push(format!("{stem}ied"));
        forms.push(format!("{w}ing"));
    } else {
        forms.push(format!("{w}ed"));
        forms.push(format!("{w}ing"));
        let third = if n >= 3 { chars[n - 3] } else { ' ' };
        if !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && is_vowel(before)
            && !is_vowel(third)
        {
            forms.push(format!("{w}{last}ed"));
            forms.push(format!("{w}{last}ing"));
        }
    }
    if let Some((_, irregular)) = IRREGULAR.iter().find(|(base, _)| *base == w) {
        forms.extend(irregular.iter().map(|f| f.to_string()));
    }
    forms.dedup();
    forms
}

/// Expands an entry's `~` words into plain patterns ("hold~ on" → "hold on",
/// "holds on", "held on", …). An entry without `~` is itself.
pub fn expand_entry(entry: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, word) in entry.split_whitespace().enumerate() {
        let forms = match word.strip_suffix('~') {
            Some(base) => inflections(base),
            None => vec![word.to_string()],
        };
        out = out
            .iter()
            .flat_map(|prefix| {
                forms.iter().map(move |f| {
                    if i == 0 {
                        f.clone()
                    } else {
                        format!("{prefix} {f}")
                    }
                })
            })
            .collect();
    }
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], f: &str) -> bool {
        forms.iter().any(|x| x == f)
    }

    #[test]
    fn regular_verbs_inflect_by_spelling_rules() {
        let f = inflections("weaken");
        for form in ["weaken", "weakens", "weakened", "weakening"] {
            assert!(has(&f, form), "{form} in {f:?}");
        }
        let f = inflections("erode");
        for form in ["erodes", "eroded", "eroding"] {
            assert!(has(&f, form), "{form} in {f:?}");
        }
        let f = inflections("diminish");
        assert!(has(&f, "diminishes"));
        let f = inflections("rely");
        assert!(has(&f, "relies") && has(&f, "relied") && has(&f, "relying"));
        let f = inflections("slip");
        assert!(has(&f, "slipped") && has(&f, "slipping"));
    }

    #[test]
    fn irregular_verbs_get_their_own_forms() {
        assert!(has(&inflections("lose"), "lost"));
        assert!(has(&inflections("shrink"), "shrunk"));
        assert!(has(&inflections("hold"), "held"));
        assert!(has(&inflections("withdraw"), "withdrew"));
    }

    #[test]
    fn entries_inflect_only_the_marked_word() {
        let e = expand_entry("hold~ on to");
        assert!(e.contains(&"held on to".to_string()), "{e:?}");
        assert!(e.contains(&"holding on to".to_string()));
        assert_eq!(expand_entry("red line"), vec!["red line".to_string()]);
        assert_eq!(expand_entry("russia*"), vec!["russia*".to_string()]);
    }
}
