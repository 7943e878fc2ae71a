//! Finding actor mentions: one pass over a document for every pattern.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use super::dictionary::{ActorDictionary, DictionaryError};
use super::pattern::Pattern;
use crate::text::{CaseMode, FoldedText, is_word_char};

/// One mention of an actor: a span of the original text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mention {
    /// Byte range in the document's original text.
    pub range: Range<usize>,
    /// Index of the actor in the dictionary.
    pub actor: usize,
}

/// A compiled dictionary, ready to scan documents.
///
/// ```
/// use framescope::actors::{ActorDictionary, Matcher};
/// let matcher = Matcher::new(&ActorDictionary::default_dictionary()).unwrap();
/// let text = "Moscow’s grip loosens as Russia’s war drags on.";
/// assert_eq!(matcher.find(text).len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// Compiled patterns, indexed like the automaton's pattern ids.
    patterns: Vec<Pattern>,
    /// For each compiled pattern: the actor it names.
    actor_of: Vec<usize>,
    actor_count: usize,
}

impl Matcher {
    /// Compiles every pattern of the dictionary; all bad patterns are reported.
    pub fn new(dictionary: &ActorDictionary) -> Result<Self, Vec<DictionaryError>> {
        dictionary.validate()?;
        let mut patterns = Vec::new();
        let mut actor_of = Vec::new();
        for (index, actor) in dictionary.actors.iter().enumerate() {
            for spec in &actor.patterns {
                // Validated just above.
                let pattern = Pattern::compile(spec).expect("validated pattern");
                patterns.push(pattern);
                actor_of.push(index);
            }
        }
        // Patterns are plain literals (no regex), so the automaton is linear in
        // the text whatever the patterns are: no pattern can make matching slow.
        // A DFA: the fastest search, at a memory cost that stays small for
        // dictionaries and frame lexicons (a few thousand short patterns);
        // the builder's default picks a slower NFA once patterns number in the
        // hundreds, which made the scheme's lexicon the slowest pass.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(patterns.iter().map(Pattern::folded))
            .map_err(|e| {
                vec![DictionaryError {
                    actor: String::new(),
                    pattern: String::new(),
                    position: None,
                    error: super::pattern::PatternError::Automaton(e.to_string()),
                }]
            })?;
        Ok(Self {
            automaton,
            patterns,
            actor_of,
            actor_count: dictionary.actors.len(),
        })
    }

    /// Number of actors in the dictionary this matcher was built from.
    pub fn actor_count(&self) -> usize {
        self.actor_count
    }

    /// All mentions in `text`, sorted by position, after resolving overlaps:
    /// one span counts once per actor, and a match strictly inside a longer match
    /// of another actor is dropped; identical spans count for every actor.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_folded(text, &FoldedText::new(text, CaseMode::Fold))
    }

    /// [`Matcher::find`] over a text already folded (`folded` is `text`
    /// folded with [`CaseMode::Fold`]): several matchers share one folding.
    pub fn find_folded(&self, text: &str, folded: &FoldedText) -> Vec<Mention> {
        self.find_folded_in(text, folded, 0..text.len())
    }

    /// [`Matcher::find_folded`] for the matches inside `range` of `text` only
    /// (word boundaries are still read from the text around it): a caller
    /// that needs a few sentences of a long text searches only those.
    pub fn find_folded_in(
        &self,
        text: &str,
        folded: &FoldedText,
        range: Range<usize>,
    ) -> Vec<Mention> {
        let haystack = folded.as_str();
        let input = aho_corasick::Input::new(haystack).range(folded.folded_range(range));
        let mut raw: Vec<Mention> = Vec::new();
        for m in self.automaton.find_overlapping_iter(input) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if pattern.needs_left_boundary()
                && haystack[..start]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
            {
                continue;
            }
            if pattern.is_wildcard() {
                end += haystack[end..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(haystack.len() - end, |(i, _)| i);
            } else if pattern.needs_right_boundary()
                && haystack[end..].chars().next().is_some_and(is_word_char)
            {
                continue;
            }
            let range = folded.original_range(start..end);
            if !pattern.case_matches(&text[range.clone()]) {
                continue;
            }
            raw.push(Mention {
                range,
                actor: self.actor_of[m.pattern().as_usize()],
            });
        }
        resolve_overlaps(raw)
    }
}

/// Applies the overlap rules to raw pattern matches.
fn resolve_overlaps(mut raw: Vec<Mention>) -> Vec<Mention> {
    // Longest first at each start, so the first kept match of an actor is the
    // widest one there.
    raw.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end), a.actor).cmp(&(
            b.range.start,
            std::cmp::Reverse(b.range.end),
            b.actor,
        ))
    });
    raw.dedup();

    // Same actor: overlapping matches are one mention (`iran` and `iran's`).
    let mut last_end_of_actor: std::collections::HashMap<usize, usize> = Default::default();
    let mut per_actor: Vec<Mention> = Vec::with_capacity(raw.len());
    for m in raw {
        let last_end = last_end_of_actor.entry(m.actor).or_insert(0);
        if m.range.start < *last_end {
            continue;
        }
        *last_end = m.range.end;
        per_actor.push(m);
    }

    // Across actors: drop a match strictly inside another actor's longer match.
    // Mentions arrive by start, so candidates are the earlier ones still open at
    // this start; in prose that is a handful at most.
    let mut open: Vec<&Mention> = Vec::new();
    let mut keep = vec![true; per_actor.len()];
    for (i, m) in per_actor.iter().enumerate() {
        open.retain(|o| o.range.end > m.range.start);
        keep[i] = !open.iter().any(|o| {
            o.actor != m.actor
                && o.range.start <= m.range.start
                && m.range.end <= o.range.end
                && o.range.len() > m.range.len()
        });
        open.push(m);
    }
    let mut kept: Vec<Mention> = per_actor
        .into_iter()
        .zip(keep)
        .filter_map(|(m, k)| k.then_some(m))
        .collect();
    kept.sort_by_key(|m| (m.range.start, m.range.end, m.actor));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{Actor, Colour, PatternSpec};

    #[test]
    fn searching_a_range_finds_exactly_the_matches_inside_it() {
        let m = Matcher::new(&dict(&[("Russia", &["russia*", "moscow"])])).unwrap();
        let text = "Moscow’s ally. Rußland? No: Russians in Moscow. Moscowite.";
        let folded = FoldedText::new(text, CaseMode::Fold);
        let all = m.find(text);
        let start = text.find("No").unwrap();
        let end = text.find(" Moscowite").unwrap();
        let inside: Vec<_> = all
            .iter()
            .filter(|x| x.range.start >= start && x.range.end <= end)
            .cloned()
            .collect();
        assert_eq!(inside.len(), 2);
        assert_eq!(m.find_folded_in(text, &folded, start..end), inside);
        // A range cutting a word in two still reads the boundary around it.
        let cut = text.find("ussians").unwrap();
        assert!(m.find_folded_in(text, &folded, cut..end).len() == 1);
    }

    fn dict(entries: &[(&str, &[&str])]) -> ActorDictionary {
        ActorDictionary {
            actors: entries
                .iter()
                .enumerate()
                .map(|(i, (name, pats))| Actor {
                    name: name.to_string(),
                    colour: Colour::palette(i),
                    group: vec![],
                    patterns: pats
                        .iter()
                        .map(|p| match p.strip_suffix("|case") {
                            Some(p) => PatternSpec::case_sensitive(p),
                            None => PatternSpec::new(*p),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn found(d: &ActorDictionary, text: &str) -> Vec<(String, String)> {
        Matcher::new(d)
            .unwrap()
            .find(text)
            .into_iter()
            .map(|m| (d.actors[m.actor].name.clone(), text[m.range].to_string()))
            .collect()
    }

    #[test]
    fn bad_patterns_are_reported_with_their_positions() {
        let errors = Matcher::new(&dict(&[
            ("Russia", &["russia*"]),
            ("Iran", &["iran", "ir*an"]),
        ]))
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].position,
            Some(crate::actors::PatternPosition {
                actor: 1,
                pattern: 1
            })
        );
    }

    #[test]
    fn wildcard_runs_to_the_end_of_the_word() {
        let d = dict(&[("Russia", &["russia*"])]);
        assert_eq!(
            found(&d, "Russians, Russia’s, Prussia"),
            vec![
                ("Russia".into(), "Russians".into()),
                ("Russia".into(), "Russia".into())
            ]
        );
    }

    #[test]
    fn possessive_does_not_block_match() {
        let d = dict(&[("Azerbaijan", &["baku"])]);
        assert_eq!(found(&d, "Baku’s and Baku's and Bakuʼs").len(), 3);
    }

    #[test]
    fn same_actor_overlaps_count_once() {
        let d = dict(&[("Iran", &["iran", "iran's"])]);
        assert_eq!(
            found(&d, "Iran’s envoy"),
            vec![("Iran".into(), "Iran’s".into())]
        );
    }

    #[test]
    fn longer_match_of_another_actor_wins() {
        let d = dict(&[
            ("Guinea", &["guinea"]),
            ("Equatorial Guinea", &["equatorial guinea"]),
        ]);
        assert_eq!(
            found(&d, "Equatorial  Guinea and Guinea"),
            vec![
                ("Equatorial Guinea".into(), "Equatorial  Guinea".into()),
                ("Guinea".into(), "Guinea".into())
            ]
        );
    }

    #[test]
    fn identical_spans_count_for_every_actor() {
        let d = dict(&[("Türkiye", &["turk*"]), ("Turkmenistan", &["turkmenistan"])]);
        assert_eq!(found(&d, "Turkmenistan").len(), 2);
    }

    #[test]
    fn case_flag_keeps_us_apart_from_the_pronoun() {
        let d = dict(&[("United States", &["US|case", "U.S."])]);
        assert_eq!(
            found(&d, "Let us see: the US and the U.S.-backed plan, U.S., us").len(),
            3
        );
    }

    #[test]
    fn compounds_split_on_hyphens_and_dashes() {
        let d = dict(&[("Russia", &["russia*", "russo"]), ("Ukraine", &["ukrain*"])]);
        let got = found(
            &d,
            "Russo-Ukrainian war; Ukraine-Russia talks; Russo-centric",
        );
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn words_inside_other_words_do_not_match() {
        let d = dict(&[("EU", &["EU|case"]), ("Türkiye", &["turkiye*", "turkey"])]);
        assert!(found(&d, "EU4Dialogue and Turkic states").is_empty());
        assert_eq!(found(&d, "TÜRKİYE’s Türkiye").len(), 2);
    }

    #[test]
    fn phrases_match_across_line_breaks() {
        let d = dict(&[("United States", &["united states"])]);
        assert_eq!(
            found(&d, "the United\n  States"),
            vec![("United States".into(), "United\n  States".into())]
        );
    }

    proptest::proptest! {
        #[test]
        fn mentions_are_sorted_valid_and_never_overlap_within_an_actor(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Russia", "Russia’s", "Russian", "Moscow", "Prussia", "Iran", "iran's", "Tehran",
                "Türkiye", "TURKEY", "Turkic", "US", "us", "U.S.", "United", "States", "Azərbaycan",
                " ", "\n", "-", "–", ", ", ".", "’s", "e\u{301}",
            ]), 0..30)
        ) {
            let text = parts.concat();
            let matcher = Matcher::new(&ActorDictionary::default_dictionary()).unwrap();
            let found = matcher.find(&text);
            let mut last_end_per_actor = std::collections::HashMap::new();
            for pair in found.windows(2) {
                proptest::prop_assert!(pair[0].range.start <= pair[1].range.start);
            }
            for m in &found {
                proptest::prop_assert!(m.range.start < m.range.end && m.range.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
                let last = last_end_per_actor.entry(m.actor).or_insert(0);
                proptest::prop_assert!(m.range.start >= *last, "same-actor mentions overlap in {:?}", text);
                *last = m.range.end;
            }
        }
    }
}
