//! Mention counts per document and per source: raw, per 1,000 words, share.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dictionary::ActorDictionary;
use super::matcher::{Matcher, Mention};
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
        let mentions = matcher
            .find(&doc.text)
            .into_iter()
            .filter(|m| doc.in_scope(&m.range, scope))
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One row per document and actor.
    #[default]
    Document,
    /// One row per source (outlet) and actor, summing its documents.
    Source,
}

/// One row of a count table.
#[derive(Clone, Debug, PartialEq, Serialize)]
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

/// Label used for documents without a source.
pub const UNKNOWN_SOURCE: &str = "(unknown source)";

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
    let n = dictionary.actors.len();
    // (label, source) → (per-actor mentions, words), in first-seen order.
    let mut groups: Vec<(String, String, Vec<usize>, usize)> = Vec::new();
    let mut index_of: BTreeMap<String, usize> = BTreeMap::new();
    for (doc, label) in documents.iter().zip(labels) {
        let found = DocumentMentions::find(doc, matcher, scope);
        let per_actor = found.per_actor(n);
        let source = if doc.meta.source.trim().is_empty() {
            UNKNOWN_SOURCE
        } else {
            doc.meta.source.trim()
        };
        match grouping {
            Grouping::Document => {
                groups.push((label.clone(), source.to_string(), per_actor, found.words))
            }
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
