//! Mention counts per document and per source: raw, per 1,000 words, share.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use serde::Serialize;

use super::dictionary::{Actor, ActorDictionary, Colour};
use super::matcher::{Matcher, Mention};
use super::pattern::PatternSpec;
use crate::corpus::{Document, Scope};
use crate::text::count_words;

/// The mentions in one document, restricted to a scope, and its word count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentMentions {
    /// Mentions inside the scope, by position.
    pub mentions: Vec<Mention>,
    /// Words inside the scope.
    pub words: usize,
}

impl DocumentMentions {
    /// Finds the mentions of `doc` inside `scope`. The whole text is matched once
    /// (so phrases across range edges behave the same in both scopes) and
    /// mentions are then kept when they lie inside the scope.
    pub fn find(doc: &Document, matcher: &Matcher, scope: Scope) -> Self {
        Self::from_mentions(doc, &matcher.find(&doc.text), scope)
    }

    /// Restricts mentions found in the whole text of `doc` to `scope` and
    /// counts the scope's words.
    pub fn from_mentions(doc: &Document, all: &[Mention], scope: Scope) -> Self {
        let mentions = all
            .iter()
            .filter(|m| doc.in_scope(&m.range, scope))
            .cloned()
            .collect();
        let words = doc
            .ranges(scope)
            .into_iter()
            .map(|r| count_words(&doc.text[r]))
            .sum();
        Self { mentions, words }
    }

    /// Mentions per actor, indexed like the dictionary.
    pub fn per_actor(&self, actor_count: usize) -> Vec<usize> {
        let mut counts = vec![0; actor_count];
        for m in &self.mentions {
            counts[m.actor] += 1;
        }
        counts
    }
}

/// How count rows are grouped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    /// One row per document and actor.
    #[default]
    Document,
    /// One row per source (outlet) and actor, summing its documents.
    Source,
}

/// One row of a count table.
#[derive(Clone, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct MentionCount {
    /// Document label (empty when grouped by source).
    pub document: String,
    /// Source (outlet) of the document, or the group's source.
    pub source: String,
    pub actor: String,
    pub mentions: usize,
    pub words: usize,
    /// Mentions per 1,000 words (0 when there are no words).
    pub per_1000: f64,
    /// This actor's share of all actor mentions in the document or source.
    pub share: f64,
}

/// Which number of a [`MentionCount`] a chart or table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Mentions as counted.
    #[default]
    Raw,
    /// Mentions per 1,000 words of the document or source.
    Per1000,
    /// The actor's share of all actor mentions in the document or source.
    Share,
}

impl Measure {
    /// Every measure, in menu order.
    pub const ALL: [Measure; 3] = [Measure::Raw, Measure::Per1000, Measure::Share];

    /// The value of `row` under this measure.
    pub fn value(self, row: &MentionCount) -> f64 {
        match self {
            Measure::Raw => row.mentions as f64,
            Measure::Per1000 => row.per_1000,
            Measure::Share => row.share,
        }
    }

    /// A short label for menus and axis titles.
    pub fn label(self) -> &'static str {
        match self {
            Measure::Raw => "Mentions",
            Measure::Per1000 => "Per 1,000 words",
            Measure::Share => "Share of mentions",
        }
    }

    /// `value` written for people: whole numbers, two decimals, or a percentage.
    pub fn format(self, value: f64) -> String {
        match self {
            Measure::Raw => format!("{value:.0}"),
            Measure::Per1000 => format!("{value:.2}"),
            Measure::Share => format!("{:.1}%", value * 100.0),
        }
    }
}

/// Label used for documents without a source.
pub const UNKNOWN_SOURCE: &str = "(unknown source)";

/// The source a document is counted under: its outlet, or [`UNKNOWN_SOURCE`].
pub fn source_label(doc: &Document) -> &str {
    let source = doc.meta.source.trim();
    if source.is_empty() {
        UNKNOWN_SOURCE
    } else {
        source
    }
}

/// Counts mentions of every actor in every document (`labels[i]` names
/// `documents[i]`), grouped as asked; rows include zero counts so every table
/// is complete. Documents come in the given order, actors in dictionary order.
pub fn count_mentions(
    documents: &[&Document],
    labels: &[String],
    dictionary: &ActorDictionary,
    matcher: &Matcher,
    scope: Scope,
    grouping: Grouping,
) -> Vec<MentionCount> {
    // Documents are independent: match them on every core.
    let found: Vec<DocumentMentions> = documents
        .par_iter()
        .map(|doc| DocumentMentions::find(doc, matcher, scope))
        .collect();
    tabulate_mentions(
        documents
            .iter()
            .zip(labels)
            .zip(&found)
            .map(|((doc, label), found)| (*doc, label.as_str(), found)),
        dictionary,
        grouping,
    )
}

/// Builds the count table from mentions already found: one entry per
/// document (the document, its label, its mentions). This is where
/// [`count_mentions`] and the desktop app's cached analysis meet, so both
/// produce the same rows.
pub fn tabulate_mentions<'a>(
    entries: impl IntoIterator<Item = (&'a Document, &'a str, &'a DocumentMentions)>,
    dictionary: &ActorDictionary,
    grouping: Grouping,
) -> Vec<MentionCount> {
    let n = dictionary.actors.len();
    // (label, source) → (per-actor mentions, words), in first-seen order.
    let mut groups: Vec<(String, String, Vec<usize>, usize)> = Vec::new();
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    for (doc, label, found) in entries {
        let per_actor = found.per_actor(n);
        let source = source_label(doc);
        match grouping {
            Grouping::Document => groups.push((
                label.to_string(),
                source.to_string(),
                per_actor,
                found.words,
            )),
            Grouping::Source => {
                let i = *index_of.entry(source.to_string()).or_insert_with(|| {
                    groups.push((String::new(), source.to_string(), vec![0; n], 0));
                    groups.len() - 1
                });
                let g = &mut groups[i];
                g.2.iter_mut().zip(&per_actor).for_each(|(a, b)| *a += b);
                g.3 += found.words;
            }
        }
    }
    let mut rows = Vec::with_capacity(groups.len() * n);
    for (document, source, per_actor, words) in groups {
        let total: usize = per_actor.iter().sum();
        for (actor, &mentions) in dictionary.actors.iter().zip(&per_actor) {
            rows.push(MentionCount {
                document: document.clone(),
                source: source.clone(),
                actor: actor.name.clone(),
                mentions,
                words,
                per_1000: if words == 0 {
                    0.0
                } else {
                    mentions as f64 * 1000.0 / words as f64
                },
                share: if total == 0 {
                    0.0
                } else {
                    mentions as f64 / total as f64
                },
            });
        }
    }
    rows
}

/// Merges count rows from several runs over disjoint shards of a corpus
/// (`framescope count --format jsonl` per shard) into the rows one run over
/// the whole corpus gives. Mentions and words are additive per group and
/// actor; per 1,000 words and shares are recomputed from the sums. Groups and
/// actors keep their first-seen order.
pub fn merge_counts(rows: impl IntoIterator<Item = MentionCount>) -> Vec<MentionCount> {
    // (document, source) → index into `groups`; each group: actor → row.
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut groups: Vec<Vec<MentionCount>> = Vec::new();
    for row in rows {
        let key = (row.document.clone(), row.source.clone());
        let g = *index.entry(key).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        match groups[g].iter_mut().find(|r| r.actor == row.actor) {
            Some(r) => {
                r.mentions += row.mentions;
                r.words += row.words;
            }
            None => groups[g].push(row),
        }
    }
    let mut out = Vec::new();
    for mut group in groups {
        let total: usize = group.iter().map(|r| r.mentions).sum();
        for r in &mut group {
            r.per_1000 = if r.words == 0 {
                0.0
            } else {
                r.mentions as f64 * 1000.0 / r.words as f64
            };
            r.share = if total == 0 {
                0.0
            } else {
                r.mentions as f64 / total as f64
            };
        }
        out.extend(group);
    }
    out
}

/// How counting one pattern over documents ended ([`count_pattern`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternCount {
    /// The pattern matched this many times.
    Matches(usize),
    /// The pattern does not compile.
    Unusable,
    /// The caller asked to stop before every document was read.
    Cancelled,
}

/// Matches of one pattern on its own in `documents`, within `scope`, exactly
/// as the analysis finds them: a one-actor dictionary through the same
/// [`Matcher`], the whole text matched and then filtered by scope. `cancel`
/// is polled before each document.
pub fn count_pattern<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    scope: Scope,
    spec: &PatternSpec,
    cancel: &AtomicBool,
) -> PatternCount {
    let dictionary = ActorDictionary {
        actors: vec![Actor {
            name: "pattern".into(),
            colour: Colour::palette(0),
            group: Vec::new(),
            patterns: vec![spec.clone()],
        }],
    };
    let Ok(matcher) = Matcher::new(&dictionary) else {
        return PatternCount::Unusable;
    };
    let mut total = 0;
    for doc in documents {
        if cancel.load(Ordering::Relaxed) {
            return PatternCount::Cancelled;
        }
        total += matcher
            .find(&doc.text)
            .iter()
            .filter(|m| doc.in_scope(&m.range, scope))
            .count();
    }
    PatternCount::Matches(total)
}

#[cfg(test)]
mod pattern_count_tests {
    use super::*;
    use crate::project::Project;

    fn demo() -> Project {
        crate::test_fixtures::demo_project()
    }

    #[test]
    fn a_pattern_count_is_what_the_analysis_counts_for_a_one_pattern_actor() {
        let project = demo();
        let (_, russia) = project.dictionary.actor("Russia").expect("demo has Russia");
        let mut single = russia.clone();
        single.patterns.truncate(1);
        let spec = single.patterns[0].clone();
        let matcher = Matcher::new(&ActorDictionary {
            actors: vec![single],
        })
        .expect("demo patterns compile");
        let analysed: usize = project
            .included_documents()
            .map(|doc| {
                DocumentMentions::find(doc, &matcher, project.settings.scope)
                    .mentions
                    .len()
            })
            .sum();
        assert!(analysed > 0, "the demo mentions Russia");
        let counted = count_pattern(
            project.included_documents(),
            project.settings.scope,
            &spec,
            &AtomicBool::new(false),
        );
        assert_eq!(counted, PatternCount::Matches(analysed));
    }

    #[test]
    fn only_matches_inside_the_scope_count() {
        let text = "Iran talks. Iranians and Iran’s envoy met. Iran.";
        let mut doc = Document {
            id: Document::id_for_text(text),
            meta: Default::default(),
            text: text.into(),
            body: Vec::new(),
            included: true,
            duplicate_of: None,
            memo: String::new(),
        };
        doc.set_body(text.find("Iranians").unwrap_or(0)..text.find(" Iran.").unwrap_or(0));
        let spec = PatternSpec::new("iran*");
        let go = AtomicBool::new(false);
        let count = |scope| count_pattern([&doc], scope, &spec, &go);
        assert_eq!(count(Scope::Full), PatternCount::Matches(4));
        assert_eq!(count(Scope::Body), PatternCount::Matches(2));
        assert_eq!(
            count_pattern(std::iter::empty(), Scope::Full, &spec, &go),
            PatternCount::Matches(0)
        );
    }

    #[test]
    fn counting_stops_when_cancelled_and_bad_patterns_are_unusable() {
        let project = demo();
        let count = |spec: PatternSpec, cancel: &AtomicBool| {
            count_pattern(
                project.included_documents(),
                project.settings.scope,
                &spec,
                cancel,
            )
        };
        let cancelled = AtomicBool::new(true);
        assert_eq!(
            count(PatternSpec::new("iran*"), &cancelled),
            PatternCount::Cancelled
        );
        let go = AtomicBool::new(false);
        assert_eq!(
            count(PatternSpec::new("ir*an"), &go),
            PatternCount::Unusable
        );
        let long = "a".repeat(10_000);
        assert_eq!(count(PatternSpec::new(long), &go), PatternCount::Unusable);
    }
}

#[cfg(test)]
mod merge_tests {
    use super::*;

    fn row(source: &str, actor: &str, mentions: usize, words: usize) -> MentionCount {
        MentionCount {
            document: String::new(),
            source: source.into(),
            actor: actor.into(),
            mentions,
            words,
            per_1000: 0.0,
            share: 0.0,
        }
    }

    #[test]
    fn shards_merge_into_sums_with_rates_recomputed() {
        let merged = merge_counts([
            row("Ledger", "Russia", 3, 100),
            row("Ledger", "Iran", 1, 100),
            row("Ledger", "Russia", 1, 300),
            row("Ledger", "Iran", 3, 300),
            row("Review", "Russia", 2, 50),
            row("Review", "Iran", 0, 50),
        ]);
        assert_eq!(merged.len(), 4);
        assert_eq!((merged[0].mentions, merged[0].words), (4, 400));
        assert_eq!(merged[0].per_1000, 10.0);
        assert_eq!(merged[0].share, 0.5);
        assert_eq!(merged[2].source, "Review");
        assert_eq!(merged[2].share, 1.0);
    }
}
