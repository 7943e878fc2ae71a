//! Finding and labelling the passages that frame the focal actors.
//!
//! For every sentence unit that names a focal actor (through any dictionary
//! alias), one passage per actor, labelled by what the unit says about that
//! actor. The unit is cut into clauses; inside a clause every word of the
//! scheme's grammar ([`super::Grammar`]) is attached to the actor it speaks
//! of — the owner of a word of power it governs ("Moscow's grip … slipping"),
//! else the nearest actor in the clause — and takes the effect its class has
//! on an actor in that role (agent or target). Negators before the word flip
//! it; words that put power in the past or question it turn persisting
//! claims into declining ones; distant history is dropped; concessive
//! clauses weigh half. The scheme's flat cues count where no class word
//! stands. A unit that names no focal actor but refers back to one named in
//! the previous unit ("the country", "its", "both powers") is labelled for
//! that actor too ("carry-over") when something is said of it. Every label
//! names the rule that decided it and the spans it found. Same input, same
//! output: nothing here is random.

use std::ops::Range;

use serde::Serialize;

use super::clause::{Token, TokenKind, clauses, tokenize};
use super::grammar::{RoleEffect, is_adjective_form, is_participle};
use super::scheme::{FrameScheme, Lexicon, WEAK_CUE_WEIGHT};
use crate::actors::{ActorDictionary, Matcher, Mention};
use crate::corpus::{Document, Scope};
use crate::text::{CaseMode, FoldedText, count_words, sentence_units};

/// Words from the start of a unit within which a one-word reference (a
/// pronoun) may refer back to the previous unit.
const PRONOUN_WINDOW: usize = 4;

/// Words a governing word may stand before a word of power it governs
/// ("reducing Russian leverage", "lost its grip").
const GOVERN_BEFORE: usize = 3;

/// Words a predicate may stand after a word of power it speaks of
/// ("influence has shrunk", "grip is slowly slipping").
const GOVERN_AFTER: usize = 6;

/// Plain words that may stand between an owner and its word ("Russia's
/// military presence").
const MODIFIERS: usize = 2;

/// How a passage refers to its actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reference {
    /// The unit names the actor.
    Name,
    /// The unit refers back to the actor named in the previous unit.
    CarryOver,
}

/// A cue word or phrase that decided a label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CueSpan {
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// The frame the cue counted for (after negation).
    pub frame: String,
    /// Whether a negator flipped it.
    pub negated: bool,
}

/// A labelled passage: one sentence unit, one focal actor, one frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FramePassage {
    /// Position of the unit among the document's units in scope.
    pub sentence_index: usize,
    /// Byte range of the unit in the document text.
    pub range: Range<usize>,
    pub actor: String,
    pub frame: String,
    /// Share of the unit's cue weight behind the label (1.0 for an unopposed
    /// label, 0.5 for a tie broken by proximity; neutral passages score 0).
    pub score: f64,
    /// The cues behind the label.
    pub cues: Vec<CueSpan>,
    pub reference: Reference,
    /// The rule that decided the label (`cue`, `power-noun-loss`,
    /// `threat-as-target`, …; `manual` for the analyst's own passages); empty
    /// for a neutral passage that no rule decided.
    pub rule: String,
    /// The parts the deciding rule found: actor, power noun, predicate, negator.
    pub evidence: Vec<EvidenceSpan>,
}

/// What part a span played in the rule that decided a label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceRole {
    /// The actor (a name or a reference to it).
    Actor,
    /// A word of power owned by the actor ("Moscow's grip").
    PowerNoun,
    /// The word that says what happens to the actor or its power.
    Predicate,
    /// A negator or past marker that turned the predicate around.
    Negator,
}

/// A span of a passage with its part in the deciding rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceSpan {
    /// Byte range in the document text.
    pub range: Range<usize>,
    pub role: EvidenceRole,
}

/// A sentence unit of a document, with its index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub index: usize,
    pub range: Range<usize>,
}

/// The sentence units of a document in scope.
pub fn document_units(doc: &Document, scope: Scope) -> Vec<Unit> {
    doc.ranges(scope)
        .into_iter()
        .flat_map(|r| sentence_units(&doc.text, r))
        .enumerate()
        .map(|(index, range)| Unit { index, range })
        .collect()
}

/// A compiled scheme, ready to label documents.
#[derive(Clone, Debug)]
pub struct FrameDetector {
    scheme: FrameScheme,
    matcher: Matcher,
    lexicon: Lexicon,
    /// Dictionary indices of the focal actors, in scheme order.
    focal: Vec<(usize, String)>,
    /// Per frame: the frame a negated claim counts for.
    opposite: Vec<Option<usize>>,
    /// Per frame: the frame a claim put in the past or questioned counts for.
    in_past: Vec<Option<usize>>,
    /// Per grammar class: the frame it points an agent and a target to,
    /// resolved once from the scheme's frame names.
    effects: Vec<[Option<usize>; 2]>,
    /// The weight of every rule: class `i` as agent at `2i`, as target at
    /// `2i + 1`, the flat cues last.
    weights: Vec<f64>,
}

/// A class's effect on an actor in one role: frame index and weight index.
type Effect = (usize, usize);

/// The role of an actor beside a word of the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Agent,
    Target,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Target => "target",
        }
    }
}

/// A lexicon entry found in a unit, placed on its tokens.
#[derive(Clone, Debug)]
struct Hit {
    group: usize,
    toks: Range<usize>,
    bytes: Range<usize>,
}

/// What evidence can be about: an actor's name, or a reference resolved to
/// actors.
#[derive(Clone, Debug)]
struct Entity {
    toks: Range<usize>,
    bytes: Range<usize>,
    /// Dictionary indices.
    actors: Vec<usize>,
    named: bool,
}

/// One thing a unit says about one or more actors.
#[derive(Clone, Debug)]
pub(crate) struct Evidence {
    actors: Vec<usize>,
    /// The frame it points to, after negation and other scope words.
    pub frame: usize,
    /// The weight it carries: [`FrameDetector::weights`]`[param]` × `factor`.
    pub param: usize,
    /// Half for weak cues and powers put in the past.
    pub factor: f64,
    /// Said in a concessive clause ("although Moscow still holds sway"): it
    /// weighs half against what the rest of the unit says, but alone it
    /// still frames the unit.
    pub conceded: bool,
    rule: String,
    spans: Vec<EvidenceSpan>,
    negated: bool,
}

/// A unit and focal actor with what the unit says of it: a passage before
/// its label is chosen.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub unit: Unit,
    /// Index among the focal actors.
    pub focal: usize,
    pub reference: Reference,
    pub evidence: Vec<Evidence>,
}

/// A unit read for evidence, with the actors its references resolved to.
struct UnitReading {
    evidence: Vec<Evidence>,
    /// Focal actors (dictionary indices) reached only through references to
    /// the previous unit.
    carried: Vec<usize>,
}

impl FrameDetector {
    /// Compiles `scheme` for `dictionary`.
    pub fn new(
        scheme: &FrameScheme,
        dictionary: &ActorDictionary,
    ) -> Result<Self, super::SchemeError> {
        scheme.validate(dictionary)?;
        let focal = scheme
            .focal_actors
            .iter()
            .filter_map(|name| dictionary.actor(name).map(|(i, a)| (i, a.name.clone())))
            .collect();
        let link = |name: &Option<String>| name.as_deref().and_then(|n| scheme.frame_index(n));
        Ok(Self {
            scheme: scheme.clone(),
            matcher: scheme.cue_matcher()?,
            lexicon: scheme.lexicon(),
            focal,
            opposite: scheme.frames.iter().map(|f| link(&f.opposite)).collect(),
            in_past: scheme.frames.iter().map(|f| link(&f.in_past)).collect(),
            effects: scheme
                .grammar
                .classes
                .iter()
                .map(|c| {
                    // Frame names were validated with the scheme.
                    let resolve = |e: &Option<RoleEffect>| {
                        e.as_ref().and_then(|e| scheme.frame_index(&e.frame))
                    };
                    [resolve(&c.agent), resolve(&c.target)]
                })
                .collect(),
            weights: rule_weights(scheme),
        })
    }

    /// The scheme this detector was built from.
    pub fn scheme(&self) -> &FrameScheme {
        &self.scheme
    }

    /// Focal actors as (dictionary index, name).
    pub fn focal_actors(&self) -> &[(usize, String)] {
        &self.focal
    }

    /// Labels the passages of one document. `mentions` are the dictionary's
    /// mentions in the whole text (from [`Matcher::find`]), sorted by start.
    pub fn detect(&self, doc: &Document, mentions: &[Mention], scope: Scope) -> Vec<FramePassage> {
        self.detect_in_units(doc, mentions, &document_units(doc, scope), None)
    }

    /// [`FrameDetector::detect`] for a caller that already has the
    /// document's units in scope ([`document_units`]) and, perhaps, its text
    /// folded for matching (`FoldedText::new(&doc.text, CaseMode::Fold)`).
    pub fn detect_in_units(
        &self,
        doc: &Document,
        mentions: &[Mention],
        units: &[Unit],
        folded: Option<&FoldedText>,
    ) -> Vec<FramePassage> {
        self.candidates_in_units(doc, mentions, units, folded)
            .into_iter()
            .map(|c| self.label(&c, &self.weights))
            // A reference to the previous unit counts only where something
            // is said of the actor.
            .filter(|p| p.reference == Reference::Name || p.frame != self.scheme.neutral_frame)
            .collect()
    }

    /// Every unit that names a focal actor or refers back to one, with what it
    /// says of it, before labels are chosen.
    pub(crate) fn candidates(
        &self,
        doc: &Document,
        mentions: &[Mention],
        scope: Scope,
    ) -> Vec<Candidate> {
        self.candidates_in_units(doc, mentions, &document_units(doc, scope), None)
    }

    fn candidates_in_units(
        &self,
        doc: &Document,
        mentions: &[Mention],
        units: &[Unit],
        folded: Option<&FoldedText>,
    ) -> Vec<Candidate> {
        let text = &doc.text;
        let mut candidates = Vec::new();
        let unit_mentions = |unit: &Unit| -> Vec<&Mention> {
            let first = mentions.partition_point(|m| m.range.start < unit.range.start);
            mentions[first..]
                .iter()
                .take_while(|m| m.range.start < unit.range.end)
                .filter(|m| m.range.end <= unit.range.end)
                .collect()
        };
        let names_focal = |unit: &Unit| {
            unit_mentions(unit)
                .iter()
                .any(|m| self.focal.iter().any(|(d, _)| *d == m.actor))
        };
        // The units read: those that name a focal actor and the unit after
        // each (a reference back). The lexicon is matched over those spans
        // only; most of a long corpus is never searched.
        let mut spans: Vec<Range<usize>> = Vec::new();
        let mut after_named = false;
        for unit in units {
            let named = names_focal(unit);
            if named || after_named {
                match spans.last_mut() {
                    Some(last)
                        if last.end <= unit.range.start
                            && text[last.end..unit.range.start].trim().is_empty() =>
                    {
                        last.end = unit.range.end
                    }
                    _ => spans.push(unit.range.clone()),
                }
            }
            after_named = named;
        }
        if spans.is_empty() {
            return candidates;
        }
        let own_folding;
        let folded = match folded {
            Some(f) => f,
            None => {
                own_folding = FoldedText::new(text, CaseMode::Fold);
                &own_folding
            }
        };
        let all: Vec<Mention> = spans
            .iter()
            .flat_map(|r| self.matcher.find_folded_in(text, folded, r.clone()))
            .collect();
        // Focal actors (dictionary indices) named in the previous unit, in
        // order of last mention.
        let mut previous: Vec<usize> = Vec::new();
        for unit in units {
            let unit_mentions = unit_mentions(unit);
            let named: Vec<usize> = self
                .focal
                .iter()
                .enumerate()
                .filter(|(_, (d, _))| unit_mentions.iter().any(|m| m.actor == *d))
                .map(|(f, _)| f)
                .collect();
            if named.is_empty() && previous.is_empty() {
                continue;
            }
            let first = all.partition_point(|h| h.range.start < unit.range.start);
            let unit_hits: Vec<&Mention> = all[first..]
                .iter()
                .take_while(|h| h.range.start < unit.range.end)
                .filter(|h| h.range.end <= unit.range.end)
                .collect();
            let reading = self.read_unit(text, unit, &unit_mentions, &unit_hits, &previous);
            for (f, (d, _)) in self.focal.iter().enumerate() {
                let reference = if named.contains(&f) {
                    Reference::Name
                } else if reading.carried.contains(d) {
                    Reference::CarryOver
                } else {
                    continue;
                };
                candidates.push(Candidate {
                    unit: unit.clone(),
                    focal: f,
                    reference,
                    evidence: reading
                        .evidence
                        .iter()
                        .filter(|e| e.actors.contains(d))
                        .cloned()
                        .collect(),
                });
            }
            // Reference chains stop after one unit without a name.
            let mut order: Vec<(usize, usize)> = unit_mentions
                .iter()
                .filter(|m| self.focal.iter().any(|(d, _)| *d == m.actor))
                .map(|m| (m.range.start, m.actor))
                .collect();
            order.sort();
            previous.clear();
            for (_, d) in order {
                previous.retain(|x| *x != d);
                previous.push(d);
            }
        }
        candidates
    }

    /// Reads one unit: its clauses, entities and the evidence about them.
    fn read_unit(
        &self,
        text: &str,
        unit: &Unit,
        mentions: &[&Mention],
        lexicon_hits: &[&Mention],
        previous: &[usize],
    ) -> UnitReading {
        let lx = self.lexicon;
        let tokens = tokenize(text, unit.range.clone());
        let mut reading = UnitReading {
            evidence: Vec::new(),
            carried: Vec::new(),
        };
        if tokens.is_empty() {
            return reading;
        }
        let token_span = |r: &Range<usize>| -> Range<usize> {
            let start = tokens.partition_point(|t| t.range.end <= r.start);
            let end = tokens.partition_point(|t| t.range.start < r.end);
            start..end.max(start)
        };
        let hits: Vec<Hit> = lexicon_hits
            .iter()
            .map(|m| Hit {
                group: m.actor,
                toks: token_span(&m.range),
                bytes: m.range.clone(),
            })
            .filter(|h| !h.toks.is_empty())
            .collect();
        let of = |group: usize| hits.iter().filter(move |h| h.group == group);

        // Named entities: identical spans of several actors are one entity.
        let mut entities: Vec<Entity> = Vec::new();
        for m in mentions {
            match entities.iter_mut().find(|e| e.bytes == m.range) {
                Some(e) => e.actors.push(m.actor),
                None => entities.push(Entity {
                    toks: token_span(&m.range),
                    bytes: m.range.clone(),
                    actors: vec![m.actor],
                    named: true,
                }),
            }
        }
        entities.retain(|e| !e.toks.is_empty());
        let in_entity = |r: &Range<usize>, es: &[Entity]| es.iter().any(|e| overlaps(&e.bytes, r));

        let mut openers = vec![false; tokens.len()];
        for h in of(lx.opener) {
            openers[h.toks.start] = true;
        }
        let clause = clauses(&tokens, &openers);
        let clause_count = clause.last().map_or(0, |c| c + 1);
        let words_before = |t: usize| words_in(&tokens, 0..t);

        // References resolve to an actor named earlier in the unit (the
        // subject of their clause first), else to the previous unit's actors.
        let named_entities = entities.clone();
        let unit_names_anything = !named_entities.is_empty();
        for h in of(lx.reference) {
            if in_entity(&h.bytes, &named_entities) {
                continue;
            }
            let plural = of(lx.plural).any(|p| p.bytes == h.bytes);
            let one_word = count_words(&text[h.bytes.clone()]) == 1;
            let c = clause[h.toks.start];
            // A pronoun is read only where a word of the grammar follows it
            // closely ("its grip", "it is weakened"); "it has become clear"
            // is no reference to an actor.
            let speaks_of = hits.iter().any(|g| {
                g.group >= lx.classes
                    && g.group < lx.past
                    && g.toks.start >= h.toks.end
                    && words_in(&tokens, h.toks.end..g.toks.start) <= 2
            });
            // The antecedent is an actor that is itself the subject, not the
            // possessor of one ("Russia's weakness …, but it …").
            let possessor = |e: &Entity| {
                tokens
                    .get(e.toks.end)
                    .is_some_and(|t| t.kind == TokenKind::Possessive)
            };
            let before: Vec<&Entity> = named_entities
                .iter()
                .filter(|e| e.toks.end <= h.toks.start && !possessor(e))
                .collect();
            let antecedent = before
                .iter()
                .find(|e| clause[e.toks.start] == c)
                .or_else(|| before.first());
            let actors: Vec<usize> = match antecedent {
                Some(e) if !one_word || speaks_of => {
                    if plural {
                        self.coordinated(&tokens, &hits, &named_entities, e)
                    } else {
                        e.actors.clone()
                    }
                }
                Some(_) => continue,
                // A pronoun carries over only where it opens the unit ("Its
                // grip is …").
                None if !previous.is_empty()
                    && (!one_word
                        || (!unit_names_anything
                            && words_before(h.toks.start) < PRONOUN_WINDOW
                            && speaks_of)) =>
                {
                    let actors: Vec<usize> = if plural {
                        previous.to_vec()
                    } else {
                        previous.last().copied().into_iter().collect()
                    };
                    for a in &actors {
                        if !reading.carried.contains(a) {
                            reading.carried.push(*a);
                        }
                    }
                    actors
                }
                None => continue,
            };
            entities.push(Entity {
                toks: h.toks.clone(),
                bytes: h.bytes.clone(),
                actors,
                named: false,
            });
        }
        // A relative pronoun right after an actor's name stands for it
        // ("Russia, which has suffered …").
        for h in of(lx.relative) {
            let mut i = h.toks.start;
            while i > 0 && tokens[i - 1].kind == TokenKind::Comma {
                i -= 1;
            }
            if let Some(e) = named_entities.iter().find(|e| e.toks.end == i && i > 0) {
                entities.push(Entity {
                    toks: h.toks.clone(),
                    bytes: h.bytes.clone(),
                    actors: e.actors.clone(),
                    named: false,
                });
            }
        }
        entities.sort_by_key(|e| e.toks.start);

        // Class words and cues that are not actor names; the first class wins
        // a span claimed twice.
        let classes_end = lx.past;
        let mut words: Vec<Hit> = hits
            .iter()
            .filter(|h| h.group >= lx.classes && h.group < classes_end)
            .filter(|h| !in_entity(&h.bytes, &entities))
            .cloned()
            .collect();
        words.sort_by_key(|h| (h.toks.start, h.group));
        words.dedup_by(|b, a| a.bytes == b.bytes);
        let cues: Vec<Hit> = hits
            .iter()
            .filter(|h| h.group < 2 * lx.frames)
            .filter(|h| !in_entity(&h.bytes, &entities))
            .filter(|h| !words.iter().any(|w| overlaps(&w.bytes, &h.bytes)))
            .cloned()
            .collect();
        let negators: Vec<Hit> = of(lx.negator)
            // A negator inside a hyphenated word negates nothing else
            // ("not-so-covert", "no-nonsense").
            .filter(|n| !text[n.bytes.end..].starts_with('-'))
            .filter(|n| !words.iter().any(|w| overlaps(&w.bytes, &n.bytes)))
            .filter(|n| !of(lx.not_negator).any(|x| overlaps(&x.bytes, &n.bytes)))
            .filter(|n| !in_entity(&n.bytes, &entities))
            .cloned()
            .collect();
        let question = text[unit.range.clone()]
            .trim_end_matches(|c: char| c.is_whitespace() || "\"'”’»)]".contains(c))
            .ends_with('?')
            && of(lx.doubt).next().is_some();

        for c in 0..clause_count {
            let in_clause = |t: &Range<usize>| clause[t.start] == c;
            // Distant history and relations both ways weigh no one's power.
            if of(lx.history)
                .chain(of(lx.reciprocal))
                .any(|h| in_clause(&h.toks))
            {
                continue;
            }
            let clause_start = clause.iter().position(|&x| x == c).unwrap_or(0);
            let concessive = of(lx.concessive).any(|h| h.toks.start == clause_start);
            let clause_entities: Vec<&Entity> =
                entities.iter().filter(|e| in_clause(&e.toks)).collect();
            // A clause with no actor continues the subject of the clause before
            // ("Russia is strong, but has lost ground").
            let inherited: Option<&Entity> = if clause_entities.is_empty() {
                (0..c).rev().find_map(|p| {
                    entities
                        .iter()
                        .find(|e| clause[e.toks.start] == p && e.named)
                })
            } else {
                None
            };
            let clause_words: Vec<&Hit> = words.iter().filter(|h| in_clause(&h.toks)).collect();
            let mut found: Vec<(Evidence, usize)> = Vec::new();
            let mut consumed = vec![false; clause_words.len()];
            let owners: Vec<Option<&Entity>> = clause_words
                .iter()
                .map(|h| self.owner(&tokens, &clause, &hits, &clause_entities, h))
                .collect();

            // A word owned by an actor and governed by other words: they speak
            // of the owner ("Moscow's grip is slipping", "reducing Russian
            // leverage"). Words of power go first; governing words are not.
            let mut order: Vec<usize> = (0..clause_words.len()).collect();
            order.sort_by_key(|&i| (!self.class(clause_words[i]).power, i));
            for ni in order {
                let n = clause_words[ni];
                if consumed[ni] {
                    continue;
                }
                // A quantity (trade, prices) absorbs the words that govern it:
                // "trade increased" says nothing of anyone's power.
                let noun = self.class(n);
                if !noun.power && noun.agent.is_none() && noun.target.is_none() {
                    consumed[ni] = true;
                    // An actor in the quantity's own phrase ("exports to
                    // Russia", "trade with Iran") is part of it; any other
                    // stands between the quantity and what follows.
                    let in_phrase = |e: &Entity| {
                        let gap = n.toks.end..e.toks.start;
                        (1..=2).contains(&words_in(&tokens, gap.clone()))
                            && tokens[gap].iter().all(|t| {
                                t.kind == TokenKind::Word
                                    && text[t.range.clone()]
                                        .chars()
                                        .next()
                                        .is_some_and(char::is_lowercase)
                            })
                    };
                    for (gi, g) in clause_words.iter().enumerate() {
                        let next_to = (g.toks.end <= n.toks.start
                            && words_in(&tokens, g.toks.end..n.toks.start) <= 1)
                            || (g.toks.start >= n.toks.end
                                && words_in(&tokens, n.toks.end..g.toks.start) <= GOVERN_AFTER
                                && !clause_entities.iter().any(|e| {
                                    e.toks.start >= n.toks.end
                                        && e.toks.end <= g.toks.start
                                        && !in_phrase(e)
                                }));
                        if next_to && !self.class(g).power {
                            consumed[gi] = true;
                        }
                    }
                    continue;
                }
                let Some(owner) = owners[ni] else { continue };
                let other_entity_in = |r: Range<usize>| {
                    clause_entities.iter().any(|e| {
                        e.toks.start >= r.start && e.toks.end <= r.end && e.bytes != owner.bytes
                    })
                };
                let governs = |gi: usize| {
                    let g = clause_words[gi];
                    gi != ni && !consumed[gi] && g.group != n.group && !self.class(g).power
                };
                // After the noun (or after its owner, "the role of Russia … has
                // weakened"): every predicate word up to the next actor.
                let from = n.toks.end.max(owner.toks.end);
                let after: Vec<usize> = (0..clause_words.len())
                    .filter(|&gi| {
                        let g = clause_words[gi];
                        governs(gi)
                            && owners[gi].is_none_or(|o| o.bytes == owner.bytes)
                            && g.toks.start >= from
                            && words_in(&tokens, from..g.toks.start) <= GOVERN_AFTER
                            && !other_entity_in(from..g.toks.start)
                    })
                    .collect();
                // Before it: the nearest governing word ("lost its grip").
                let before = (0..clause_words.len()).rfind(|&gi| {
                    let g = clause_words[gi];
                    governs(gi)
                        && g.toks.end <= n.toks.start
                        && words_in(&tokens, g.toks.end..n.toks.start)
                            .saturating_sub(owner_words_between(&tokens, owner, g, n))
                            <= GOVERN_BEFORE
                        && !other_entity_in(g.toks.end..n.toks.start)
                });
                let governors: Vec<(usize, Role)> = before
                    .map(|gi| (gi, Role::Target))
                    .into_iter()
                    .chain(after.into_iter().map(|gi| (gi, Role::Agent)))
                    .collect();
                let actors = self.coordinated(&tokens, &hits, &entities, owner);
                for (gi, role) in governors {
                    let g = clause_words[gi];
                    let governing = self.class(g);
                    let Some(effect) = self.effect(g, role) else {
                        continue;
                    };
                    let rule = if noun.power {
                        format!("power-noun-{}", governing.name)
                    } else {
                        format!("{}-as-{}", governing.name, role.name())
                    };
                    let spans = vec![
                        span(&owner.bytes, EvidenceRole::Actor),
                        span(&n.bytes, self.word_role(n)),
                        span(&g.bytes, EvidenceRole::Predicate),
                    ];
                    // A word that says what the noun already says ("retains
                    // its grip") adds to it; any other takes its place.
                    if self
                        .effect(n, Role::Agent)
                        .is_none_or(|(f, _)| f != effect.0)
                    {
                        consumed[ni] = true;
                    }
                    consumed[gi] = true;
                    found.push((
                        self.evidence(actors.clone(), effect, rule, spans),
                        g.toks.start,
                    ));
                }
            }

            // Every other word speaks of its owner, else of the nearest actor
            // in the clause, in the role its position gives.
            // A word composed with another above still takes the actor after
            // its preposition as its object ("Armenia's growing discontent
            // with Moscow").
            let mut objects_taken: Vec<usize> = Vec::new();
            for (hi, h) in clause_words.iter().enumerate() {
                if !consumed[hi] {
                    continue;
                }
                let Some(o) = self.object(&tokens, &clause_entities, h, text) else {
                    continue;
                };
                if owners[hi].is_some_and(|e| e.bytes == o.bytes) {
                    continue;
                }
                let Some(effect) = self.effect(h, Role::Target) else {
                    continue;
                };
                objects_taken.push(hi);
                let rule = format!("{}-as-{}", self.class(h).name, Role::Target.name());
                let spans = vec![
                    span(&o.bytes, EvidenceRole::Actor),
                    span(&h.bytes, self.word_role(h)),
                ];
                let actors = self.coordinated(&tokens, &hits, &entities, o);
                found.push((self.evidence(actors, effect, rule, spans), h.toks.start));
            }
            for (hi, h) in clause_words.iter().enumerate() {
                if consumed[hi] {
                    continue;
                }
                let placed = match owners[hi] {
                    Some(o) => Some((o, Role::Agent)),
                    // Owned by something that is no actor: an actor can only be
                    // its target ("Western sanctions on Russia").
                    None if self.owned_elsewhere(&tokens, &hits, &entities, h, text) => self
                        .nearest(&tokens, &hits, &clause_entities, h)
                        .map(|e| (e, self.role(&tokens, &hits, e, h, text)))
                        .filter(|(_, role)| *role == Role::Target),
                    None => self
                        .nearest(&tokens, &hits, &clause_entities, h)
                        .map(|e| (e, self.role(&tokens, &hits, e, h, text)))
                        .or(inherited.map(|e| (e, Role::Agent))),
                };
                // A word that ends in a preposition takes the actor right
                // after it as its object, whoever owns it ("Armenia's
                // discontent with Moscow").
                let object = self.object(&tokens, &clause_entities, h, text).filter(|o| {
                    !objects_taken.contains(&hi) && placed.is_none_or(|(e, _)| e.bytes != o.bytes)
                });
                let object = object.map(|o| (o, Role::Target));
                for (entity, role) in placed.into_iter().chain(object) {
                    let Some(effect) = self.effect(h, role) else {
                        continue;
                    };
                    let class = self.class(h);
                    let rule = if class.power {
                        format!(
                            "{}-{}",
                            class.name,
                            if role == Role::Agent {
                                "held"
                            } else {
                                "targeted"
                            }
                        )
                    } else {
                        format!("{}-as-{}", class.name, role.name())
                    };
                    let spans = vec![
                        span(&entity.bytes, EvidenceRole::Actor),
                        span(&h.bytes, self.word_role(h)),
                    ];
                    let actors = self.coordinated(&tokens, &hits, &entities, entity);
                    found.push((self.evidence(actors, effect, rule, spans), h.toks.start));
                }
            }

            // The scheme's flat cues, where no class word stands.
            for h in cues.iter().filter(|h| in_clause(&h.toks)) {
                let Some(entity) = self
                    .owner(&tokens, &clause, &hits, &clause_entities, h)
                    .or_else(|| self.nearest(&tokens, &hits, &clause_entities, h))
                    .or(inherited)
                else {
                    continue;
                };
                let (frame, factor) = if h.group < lx.frames {
                    (h.group, 1.0)
                } else {
                    (h.group - lx.frames, WEAK_CUE_WEIGHT)
                };
                let spans = vec![
                    span(&entity.bytes, EvidenceRole::Actor),
                    span(&h.bytes, EvidenceRole::Predicate),
                ];
                let actors = self.coordinated(&tokens, &hits, &entities, entity);
                found.push((
                    Evidence {
                        factor,
                        ..self.evidence(actors, (frame, self.cue_param()), "cue".into(), spans)
                    },
                    h.toks.start,
                ));
            }

            // Scope: hypotheses, negation, past, questions, concession.
            for (mut ev, predicate) in found {
                let hypothetical = of(lx.hypothetical).any(|m| {
                    in_clause(&m.toks)
                        && m.toks.end <= predicate
                        && words_in(&tokens, m.toks.end..predicate) <= 2
                });
                if hypothetical {
                    continue;
                }
                let negator = negators.iter().find(|n| {
                    in_clause(&n.toks)
                        && n.toks.end <= predicate
                        && words_in(&tokens, n.toks.end..predicate) <= self.scheme.negation_window
                });
                if let Some(n) = negator {
                    let Some(flipped) = self.opposite[ev.frame] else {
                        continue;
                    };
                    ev.frame = flipped;
                    ev.negated = true;
                    ev.rule = format!("negated-{}", ev.rule);
                    ev.spans.push(span(&n.bytes, EvidenceRole::Negator));
                }
                let past = of(lx.past).find(|p| in_clause(&p.toks) && p.toks.end <= predicate);
                if let (Some(p), Some(to)) = (past, self.in_past[ev.frame]) {
                    ev.frame = to;
                    ev.factor *= 0.5;
                    ev.rule = format!("past-{}", ev.rule);
                    ev.spans.push(span(&p.bytes, EvidenceRole::Negator));
                } else if let (true, Some(to)) = (question, self.in_past[ev.frame]) {
                    ev.frame = to;
                    ev.rule = format!("questioned-{}", ev.rule);
                }
                ev.conceded = concessive;
                reading.evidence.push(ev);
            }
        }
        reading
    }

    fn class(&self, h: &Hit) -> &super::WordClass {
        &self.scheme.grammar.classes[h.group - self.lexicon.classes]
    }

    /// The effect of word `h` on an actor in `role`, if it has one.
    fn effect(&self, h: &Hit, role: Role) -> Option<Effect> {
        let class = h.group - self.lexicon.classes;
        let slot = match role {
            Role::Agent => 0,
            Role::Target => 1,
        };
        self.effects[class][slot].map(|frame| (frame, 2 * class + slot))
    }

    /// The weight index of the flat cues.
    fn cue_param(&self) -> usize {
        self.weights.len() - 1
    }

    /// The part word `h` plays in evidence: a word of power, or a predicate.
    fn word_role(&self, h: &Hit) -> EvidenceRole {
        if self.class(h).power {
            EvidenceRole::PowerNoun
        } else {
            EvidenceRole::Predicate
        }
    }

    fn evidence(
        &self,
        actors: Vec<usize>,
        (frame, param): Effect,
        rule: String,
        spans: Vec<EvidenceSpan>,
    ) -> Evidence {
        Evidence {
            actors,
            frame,
            param,
            factor: 1.0,
            conceded: false,
            rule,
            spans,
            negated: false,
        }
    }

    /// The actor owning word `h`: named (or referred to) right before it
    /// ("Russia's grip", "Russian influence", "its role", with up to
    /// [`MODIFIERS`] plain words between), or after it with an agent marker
    /// ("the influence of Moscow").
    fn owner<'e>(
        &self,
        tokens: &[Token],
        clause: &[usize],
        hits: &[Hit],
        entities: &[&'e Entity],
        h: &Hit,
    ) -> Option<&'e Entity> {
        let lx = self.lexicon;
        let c = clause[h.toks.start];
        // Right before it: "Russia's grip", "Russia's shrinking sphere",
        // "Russian influence". Without a possessive only a word of the grammar
        // may stand between ("Russian waning clout"); anything else may be a
        // verb ("Iran is threatened", "Baku ignored").
        let is_word_of_grammar = |t: usize| {
            hits.iter().any(|g| {
                g.group >= lx.classes
                    && g.group < lx.past
                    && g.toks.contains(&t)
                    && g.toks != h.toks
            })
        };
        let mut between: Vec<usize> = Vec::new();
        let mut possessive = false;
        let mut i = h.toks.start;
        while i > 0 {
            i -= 1;
            if clause[i] != c {
                break;
            }
            if let Some(e) = entities.iter().find(|e| e.toks.end == i + 1) {
                let plain = between.iter().filter(|&&t| !is_word_of_grammar(t)).count();
                if between.is_empty()
                    || (possessive && between.len() <= MODIFIERS)
                    || plain == 0 && between.len() == 1
                {
                    return Some(e);
                }
                break;
            }
            match tokens[i].kind {
                TokenKind::Possessive => possessive = true,
                TokenKind::Word => {
                    between.push(i);
                    if between.len() > MODIFIERS {
                        break;
                    }
                }
                _ => break,
            }
        }
        // "… of (the) Kremlin"
        let j = h.toks.end;
        let marker = hits
            .iter()
            .find(|m| m.group == lx.agent_marker && m.toks.start == j)?;
        entities
            .iter()
            .find(|e| e.toks.start >= marker.toks.end && e.toks.start <= marker.toks.end + 1)
            .copied()
    }

    /// Whether word `h` belongs to something that is no actor: a capitalised
    /// word that is no actor's name stands right before it ("Western
    /// sanctions"), or "of"/"by" follows it (after at most one word) and no
    /// actor follows that ("the growing unease of Western capitals").
    fn owned_elsewhere(
        &self,
        tokens: &[Token],
        hits: &[Hit],
        entities: &[Entity],
        h: &Hit,
        text: &str,
    ) -> bool {
        let lx = self.lexicon;
        let i = h.toks.start;
        let adjective = is_adjective_form(&first_word(text, h));
        if i >= 2
            && !adjective
            && tokens[i - 1].kind == TokenKind::Word
            && tokens[i - 2].kind == TokenKind::Word
            && text[tokens[i - 1].range.clone()]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && !entities.iter().any(|e| e.toks.contains(&(i - 1)))
        {
            return true;
        }
        let Some(marker) = hits.iter().find(|m| {
            m.group == lx.agent_marker
                && m.toks.start >= h.toks.end
                && words_in(tokens, h.toks.end..m.toks.start) <= 1
                && tokens[h.toks.end..m.toks.start]
                    .iter()
                    .all(|t| t.kind == TokenKind::Word)
        }) else {
            return false;
        };
        // "of"/"by" then a name that is no actor's, within two words ("the
        // unease of Western capitals"); "guarantor of security" or "by
        // producing" name no owner.
        let after = marker.toks.end;
        if entities
            .iter()
            .any(|e| e.toks.start >= after && e.toks.start <= after + 1)
        {
            return false;
        }
        // A plural noun names owners too ("the strength of regional
        // countries").
        (after..(after + 2).min(tokens.len())).any(|t| {
            let word = &text[tokens[t].range.clone()];
            tokens[t].kind == TokenKind::Word
                && (word.chars().next().is_some_and(char::is_uppercase)
                    || is_plural_form(&word.to_lowercase()))
        })
    }

    /// The actor nearest word `h` in its clause, within the grammar's
    /// distance; the one before it on a tie. An actor after a preposition of
    /// place ("in Turkmenistan") is where something happens: it is taken
    /// only when no other actor is in reach.
    fn nearest<'e>(
        &self,
        tokens: &[Token],
        hits: &[Hit],
        entities: &[&'e Entity],
        h: &Hit,
    ) -> Option<&'e Entity> {
        let lx = self.lexicon;
        let is_place = |e: &Entity| {
            hits.iter().any(|m| {
                m.group == lx.place
                    && m.toks.end <= e.toks.start
                    && e.toks.start - m.toks.end <= 1
                    && tokens[m.toks.end..e.toks.start]
                        .iter()
                        .all(|t| t.kind == TokenKind::Word)
            })
        };
        entities
            .iter()
            .map(|e| {
                let d = if e.toks.end <= h.toks.start {
                    words_in(tokens, e.toks.end..h.toks.start)
                } else if e.toks.start >= h.toks.end {
                    words_in(tokens, h.toks.end..e.toks.start)
                } else {
                    0
                };
                (is_place(e), d, e.toks.start > h.toks.start, *e)
            })
            .filter(|(_, d, _, _)| *d <= self.scheme.grammar.max_distance)
            .min_by_key(|(place, d, after, _)| (*place, *d, *after))
            .map(|(_, _, _, e)| e)
    }

    /// The actor right after word `h` (after at most an article) when `h`
    /// ends in a preposition of the grammar ("discontent with", "dependence
    /// on"): the word's object.
    fn object<'e>(
        &self,
        tokens: &[Token],
        entities: &[&'e Entity],
        h: &Hit,
        text: &str,
    ) -> Option<&'e Entity> {
        let last = text[h.bytes.clone()]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        let g = &self.scheme.grammar;
        if !g
            .target_markers
            .iter()
            .chain(&g.agent_markers)
            .any(|m| *m == last)
        {
            return None;
        }
        entities
            .iter()
            .find(|e| {
                e.toks.start >= h.toks.end
                    && words_in(tokens, h.toks.end..e.toks.start) <= 1
                    && tokens[h.toks.end..e.toks.start]
                        .iter()
                        .all(|t| t.kind == TokenKind::Word)
            })
            .copied()
    }

    /// The role of `entity` beside word `h`: before it the agent, unless a
    /// target marker introduces it ("for Russia, …") or the word is a passive
    /// participle ("Iran is threatened"); after it the target, unless an agent
    /// marker introduces it ("pressure from Moscow").
    fn role(&self, tokens: &[Token], hits: &[Hit], entity: &Entity, h: &Hit, text: &str) -> Role {
        let lx = self.lexicon;
        let marker_before = |group: usize, at: usize| {
            hits.iter().any(|m| {
                m.group == group
                    && m.toks.end <= at
                    && at - m.toks.end <= 1
                    && !overlaps(&m.bytes, &h.bytes)
                    && tokens[m.toks.end..at]
                        .iter()
                        .all(|t| t.kind == TokenKind::Word)
            })
        };
        if entity.toks.end <= h.toks.start {
            // "for Russia to interfere": the actor is the infinitive's subject.
            let subject_of_infinitive = hits.iter().any(|m| {
                m.group == lx.target_marker
                    && m.toks.start == entity.toks.end
                    && h.toks.start >= m.toks.end
                    && words_in(tokens, m.toks.end..h.toks.start) <= 1
            });
            if marker_before(lx.target_marker, entity.toks.start) && !subject_of_infinitive {
                return Role::Target;
            }
            let first = first_word(text, h);
            let passive = hits.iter().any(|m| {
                m.group == lx.passive
                    && m.toks.start >= entity.toks.end
                    && m.toks.end <= h.toks.start
                    && h.toks.start - m.toks.end <= 2
            });
            if passive && is_participle(&first) {
                return Role::Target;
            }
            Role::Agent
        } else if marker_before(lx.agent_marker, entity.toks.start)
            || attributive(tokens, text, h, entity)
        {
            Role::Agent
        } else {
            Role::Target
        }
    }

    /// The actors of `entity` and of every entity coordinated with it
    /// ("Russia and Iran", "Moscow, Tehran and Ankara").
    fn coordinated(
        &self,
        tokens: &[Token],
        hits: &[Hit],
        entities: &[Entity],
        entity: &Entity,
    ) -> Vec<usize> {
        let lx = self.lexicon;
        let joins = |r: Range<usize>| {
            !r.is_empty()
                && r.clone().all(|t| {
                    tokens[t].kind == TokenKind::Comma
                        || tokens[t].kind == TokenKind::Possessive
                        || hits
                            .iter()
                            .any(|m| m.group == lx.coordinator && m.toks.contains(&t))
                })
        };
        let mut sorted: Vec<&Entity> = entities.iter().collect();
        sorted.sort_by_key(|e| e.toks.start);
        let Some(at) = sorted.iter().position(|e| e.bytes == entity.bytes) else {
            return entity.actors.clone();
        };
        let mut lo = at;
        while lo > 0 && joins(sorted[lo - 1].toks.end..sorted[lo].toks.start) {
            lo -= 1;
        }
        let mut hi = at;
        while hi + 1 < sorted.len() && joins(sorted[hi].toks.end..sorted[hi + 1].toks.start) {
            hi += 1;
        }
        let mut actors: Vec<usize> = Vec::new();
        for e in &sorted[lo..=hi] {
            for a in &e.actors {
                if !actors.contains(a) {
                    actors.push(*a);
                }
            }
        }
        actors
    }

    /// The frame `evidence` points to under `weights` (`None`: neutral), and
    /// the weight behind each frame.
    pub(crate) fn choose(
        &self,
        evidence: &[Evidence],
        weights: &[f64],
    ) -> (Option<usize>, Vec<f64>) {
        let n = self.scheme.frames.len();
        // A concession weighs half, but only against something else: said
        // alone, it is what the unit says.
        let contested = evidence.iter().any(|e| !e.conceded);
        let weight_of = |e: &Evidence| {
            let conceded = if e.conceded && contested { 0.5 } else { 1.0 };
            weights[e.param] * e.factor * conceded
        };
        // A rule counts once per frame in a unit, at its strongest: "troops
        // deployed" is one claim of presence, not two.
        let mut strongest: Vec<(usize, usize, f64)> = Vec::new();
        for e in evidence {
            let w = weight_of(e);
            match strongest
                .iter_mut()
                .find(|(f, p, _)| *f == e.frame && *p == e.param)
            {
                Some(s) => s.2 = s.2.max(w),
                None => strongest.push((e.frame, e.param, w)),
            }
        }
        let mut weight = vec![0.0f64; n];
        for (frame, _, w) in strongest {
            weight[frame] += w;
        }
        let best = weight.iter().cloned().fold(0.0, f64::max);
        let leaders: Vec<usize> = (0..n)
            .filter(|&i| best > 0.0 && best >= self.scheme.grammar.min_weight && weight[i] == best)
            .collect();
        // A tie goes to the frame of the heaviest single piece of evidence,
        // then to the one said last (a main clause tends to follow the
        // subordinate one it outweighs).
        let chosen = match leaders.len() {
            0 => None,
            1 => Some(leaders[0]),
            _ => evidence
                .iter()
                .filter(|e| leaders.contains(&e.frame))
                .fold(None::<&Evidence>, |best, e| match best {
                    Some(b) if weight_of(b) > weight_of(e) => Some(b),
                    _ => Some(e),
                })
                .map(|e| e.frame),
        };
        (chosen, weight)
    }

    /// The passage of a candidate, labelled under `weights`.
    fn label(&self, candidate: &Candidate, weights: &[f64]) -> FramePassage {
        let Candidate {
            unit,
            focal,
            reference,
            evidence,
        } = candidate;
        let (chosen, weight) = self.choose(evidence, weights);
        let total: f64 = weight.iter().sum();
        let weight_of = |e: &Evidence| weights[e.param] * e.factor;
        let (frame, score, rule, cues, spans) = match chosen {
            None => (
                self.scheme.neutral_frame.clone(),
                0.0,
                String::new(),
                vec![],
                vec![],
            ),
            Some(f) => {
                let deciding: Vec<&Evidence> = evidence.iter().filter(|e| e.frame == f).collect();
                let strongest = deciding
                    .iter()
                    .copied()
                    .reduce(|a, b| if weight_of(b) > weight_of(a) { b } else { a });
                let mut cues: Vec<CueSpan> = deciding
                    .iter()
                    .flat_map(|e| {
                        e.spans
                            .iter()
                            .filter(|s| {
                                matches!(s.role, EvidenceRole::Predicate | EvidenceRole::PowerNoun)
                            })
                            .map(|s| CueSpan {
                                range: s.range.clone(),
                                frame: self.scheme.frames[f].name.clone(),
                                negated: e.negated,
                            })
                    })
                    .collect();
                cues.sort_by_key(|c| c.range.start);
                cues.dedup_by(|a, b| a.range == b.range);
                (
                    self.scheme.frames[f].name.clone(),
                    weight[f] / total,
                    strongest.map(|e| e.rule.clone()).unwrap_or_default(),
                    cues,
                    strongest.map(|e| e.spans.clone()).unwrap_or_default(),
                )
            }
        };
        FramePassage {
            sentence_index: unit.index,
            range: unit.range.clone(),
            actor: self.focal[*focal].1.clone(),
            frame,
            score,
            cues,
            reference: *reference,
            rule,
            evidence: spans,
        }
    }
}

/// Whether word `h` qualifies the name right after it as an attribute, after
/// an article and at most one adverb ("an increasingly isolated Russia", "a
/// resurgent Iran"): it says what the actor is, so the actor holds it.
fn attributive(tokens: &[Token], text: &str, h: &Hit, entity: &Entity) -> bool {
    if entity.toks.start != h.toks.end {
        return false;
    }
    let word = |t: usize| text[tokens[t].range.clone()].to_lowercase();
    let mut i = h.toks.start;
    if i > 0 && tokens[i - 1].kind == TokenKind::Word && word(i - 1).ends_with("ly") {
        i -= 1;
    }
    i > 0
        && tokens[i - 1].kind == TokenKind::Word
        && matches!(word(i - 1).as_str(), "a" | "an" | "the")
}

/// Whether `word` (lower case) looks like a plural noun ("countries",
/// "neighbours"), not "its", "this", "status" or "access".
fn is_plural_form(word: &str) -> bool {
    word.chars().count() > 4
        && word.ends_with('s')
        && !["ss", "us", "is", "'s", "’s"]
            .iter()
            .any(|e| word.ends_with(e))
}

/// The first word of hit `h`, in lower case.
fn first_word(text: &str, h: &Hit) -> String {
    text[h.bytes.clone()]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn span(range: &Range<usize>, role: EvidenceRole) -> EvidenceSpan {
    EvidenceSpan {
        range: range.clone(),
        role,
    }
}

/// The weight of every rule of `scheme`, indexed as the detector's evidence
/// refers to them: class `i` as agent at `2i`, as target at `2i + 1`, the
/// flat cues last.
pub(crate) fn rule_weights(scheme: &FrameScheme) -> Vec<f64> {
    let weight = |e: &Option<RoleEffect>| e.as_ref().map_or(0.0, |e| e.weight);
    scheme
        .grammar
        .classes
        .iter()
        .flat_map(|c| [weight(&c.agent), weight(&c.target)])
        .chain([scheme.grammar.cue_weight])
        .collect()
}

/// Words (not punctuation or possessive `s`) among `tokens[r]`.
fn words_in(tokens: &[Token], r: Range<usize>) -> usize {
    tokens[r]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

/// Words of `owner` standing between governing word `g` and noun `n`
/// ("reducing Russian leverage": `Russian` does not count as distance).
fn owner_words_between(tokens: &[Token], owner: &Entity, g: &Hit, n: &Hit) -> usize {
    if owner.toks.start >= g.toks.end && owner.toks.end <= n.toks.start {
        words_in(tokens, owner.toks.clone())
    } else {
        0
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    //! One test per rule family, on sentences written for them.
    use super::*;
    use crate::corpus::Document;

    /// (actor, frame, rule) of every passage of `text` under the default
    /// scheme and dictionary.
    fn labels(text: &str) -> Vec<(String, String, String)> {
        let dictionary = ActorDictionary::default_dictionary();
        let matcher = Matcher::new(&dictionary).unwrap();
        let detector = FrameDetector::new(&FrameScheme::default_scheme(), &dictionary).unwrap();
        let doc = Document {
            id: Document::id_for_text(text),
            meta: Default::default(),
            text: text.into(),
            body: std::iter::once(0..text.len()).collect(),
            included: true,
            duplicate_of: None,
            memo: String::new(),
        };
        detector
            .detect(&doc, &matcher.find(text), Scope::Full)
            .into_iter()
            .map(|p| (p.actor, p.frame, p.rule))
            .collect()
    }

    fn frame_of(text: &str, actor: &str) -> (String, String) {
        labels(text)
            .into_iter()
            .find(|(a, _, _)| a == actor)
            .map(|(_, f, r)| (f, r))
            .unwrap_or_else(|| panic!("no passage for {actor} in {text:?}"))
    }

    fn assert_frame(text: &str, actor: &str, frame: &str, rule: &str) {
        let (f, r) = frame_of(text, actor);
        assert_eq!((f.as_str(), r.as_str()), (frame, rule), "{text}");
    }

    #[test]
    fn a_power_noun_takes_the_direction_of_the_word_that_governs_it() {
        assert_frame(
            "Moscow's grip on the region is slipping.",
            "Russia",
            "declining",
            "power-noun-loss",
        );
        assert_frame(
            "Diplomats see the waning influence of Tehran everywhere.",
            "Iran",
            "declining",
            "power-noun-loss",
        );
        assert_frame(
            "Russia's expanding footprint worries the neighbours.",
            "Russia",
            "persisting",
            "power-noun-gain",
        );
        assert_frame(
            "Armenia remained firmly under Moscow's sway.",
            "Russia",
            "persisting",
            "power-held",
        );
    }

    #[test]
    fn the_actor_as_target_of_a_threat_declines_and_as_agent_persists() {
        assert_frame(
            "The new alliance is a danger to Iran.",
            "Iran",
            "declining",
            "threat-as-target",
        );
        assert_frame(
            "Iran is threatened by the new alliance.",
            "Iran",
            "declining",
            "threat-as-target",
        );
        assert_frame(
            "Iran threatens its northern neighbours.",
            "Iran",
            "persisting",
            "threat-as-agent",
        );
        // "for X to …": X is the infinitive's subject, not a target.
        assert_frame(
            "It is easy for Moscow to interfere in the vote.",
            "Russia",
            "persisting",
            "threat-as-agent",
        );
    }

    #[test]
    fn defiance_and_distance_towards_the_actor_are_declining() {
        assert_frame(
            "Baku simply ignored the Kremlin's demands.",
            "Russia",
            "declining",
            "defiance-as-target",
        );
        assert_frame(
            "Capitals across the steppe are keeping their distance from Moscow.",
            "Russia",
            "declining",
            "defiance-as-target",
        );
        assert_frame(
            "The new road goes around Iran entirely.",
            "Iran",
            "declining",
            "defiance-as-target",
        );
    }

    #[test]
    fn negation_over_the_clause_flips_the_frame() {
        assert_frame(
            "Moscow cannot afford to abandon its allies.",
            "Russia",
            "persisting",
            "negated-loss-as-agent",
        );
        assert_frame(
            "Russia no longer dominates the region.",
            "Russia",
            "declining",
            "negated-dominance-as-agent",
        );
        assert_frame(
            "The Kremlin seems unable to stop the drift.",
            "Russia",
            "declining",
            "trouble-as-agent",
        );
    }

    #[test]
    fn assertive_speech_acts_of_the_actor_are_persisting() {
        assert_frame(
            "Tehran warned Baku that the border is a red line.",
            "Iran",
            "persisting",
            "assertion-as-agent",
        );
        assert_frame(
            "Tehran would never tolerate foreign bases next door.",
            "Iran",
            "persisting",
            "assertion-as-agent",
        );
        // A bare stance is no claim of power.
        assert_eq!(frame_of("Iran opposed the project.", "Iran").0, "neutral");
    }

    #[test]
    fn absence_exclusion_and_trouble_are_declining() {
        assert_frame(
            "At the signing, Russia was nowhere to be seen.",
            "Russia",
            "declining",
            "absence-as-agent",
        );
        assert_frame(
            "Iran was left out of the talks.",
            "Iran",
            "declining",
            "absence-as-target",
        );
        assert_frame(
            "The deal is bad news for Tehran.",
            "Iran",
            "declining",
            "trouble-as-target",
        );
        assert_frame(
            "Moscow now has to share the role with Ankara.",
            "Russia",
            "declining",
            "trouble-as-agent",
        );
    }

    #[test]
    fn a_headline_without_a_verb_is_read_too() {
        assert_frame(
            "Russia's Retreat from the Caucasus",
            "Russia",
            "declining",
            "loss-as-agent",
        );
    }

    #[test]
    fn power_in_the_past_only_tips_towards_decline() {
        assert_eq!(
            frame_of("Moscow once dictated the terms here.", "Russia").0,
            "neutral"
        );
        assert_eq!(
            frame_of(
                "Moscow once dictated the terms here, and its influence has eroded.",
                "Russia"
            )
            .0,
            "declining"
        );
    }

    #[test]
    fn quantities_hypotheses_and_open_questions_say_nothing_of_power() {
        assert_eq!(
            frame_of("Russian trade with Armenia grew by a fifth.", "Russia").0,
            "neutral"
        );
        // An actor inside the quantity's phrase does not cut it off from
        // its verb.
        assert_eq!(
            frame_of("Georgian exports to Russia have surged.", "Russia").0,
            "neutral"
        );
        assert_eq!(
            frame_of("Any threat to Iran would be answered.", "Iran").0,
            "neutral"
        );
        assert_eq!(
            frame_of("How will Russia respond to the vote?", "Russia").0,
            "neutral"
        );
        assert_frame(
            "Is Moscow still the arbiter of the region?",
            "Russia",
            "declining",
            "questioned-dominance-as-agent",
        );
    }

    #[test]
    fn coordinated_actors_share_what_is_said_of_them() {
        let got = labels("The roles of Russia and Iran in the region have weakened.");
        assert!(
            got.iter().all(|(_, f, _)| f == "declining") && got.len() == 2,
            "{got:?}"
        );
        // An aside inside the coordination does not break it: the sway is
        // Moscow's too, not only Ankara's.
        assert_frame(
            "Moscow and, to a lesser degree, Ankara hold significant sway in the region.",
            "Russia",
            "persisting",
            "power-held",
        );
    }

    #[test]
    fn a_concession_yields_to_the_main_clause_but_alone_it_frames() {
        // Against the main clause it weighs half ...
        assert_frame(
            "Although Russia still holds sway in Armenia, its influence is slipping.",
            "Russia",
            "declining",
            "power-noun-loss",
        );
        // ... but it is all the unit says of Russia.
        assert_frame(
            "While Moscow holds significant sway in the region, Tehran has been relegated to \
             the role of a spectator.",
            "Russia",
            "persisting",
            "power-held",
        );
    }

    #[test]
    fn a_word_ending_in_a_preposition_takes_the_actor_after_it() {
        // Armenia owns the discontent; Moscow is what it is aimed at.
        assert_frame(
            "Armenia's growing discontent with Moscow",
            "Russia",
            "declining",
            "defiance-as-target",
        );
        // The owner keeps its own role: Russia depends, Iran is relied on.
        let got = labels("Russia's dependence on Iran is plain to see.");
        assert!(
            got.contains(&(
                "Iran".into(),
                "persisting".into(),
                "dependence-as-target".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn a_relation_both_ways_weighs_no_one() {
        assert_eq!(
            frame_of(
                "Iran and Turkmenistan play a very important role for each other.",
                "Iran"
            )
            .0,
            "neutral"
        );
        assert_eq!(
            frame_of(
                "Cooperation with Russia is mutually beneficial, not hegemonic.",
                "Russia"
            )
            .0,
            "neutral"
        );
    }

    #[test]
    fn an_actor_after_a_preposition_of_place_is_where_not_who() {
        // Turkmenistan is nearer the role, but the role is Iran's.
        assert_frame(
            "Iran plays a very important role in Turkmenistan.",
            "Iran",
            "persisting",
            "dominance-as-agent",
        );
    }

    #[test]
    fn an_attribute_before_the_name_is_what_the_actor_is() {
        assert_frame(
            "Armenia now faces an increasingly aggressive Russia.",
            "Russia",
            "persisting",
            "threat-as-agent",
        );
        // Without the article the word before the name is a verb: Russia is
        // its target.
        assert_frame(
            "Armenia will confront Russia over the corridor.",
            "Russia",
            "declining",
            "threat-as-target",
        );
    }

    #[test]
    fn an_adjective_after_a_place_name_is_not_the_places() {
        // "the Caspian unacceptable" is no "Western sanctions": the claim is
        // Iran's.
        assert_frame(
            "Iran calls any foreign naval presence on the Caspian unacceptable.",
            "Iran",
            "persisting",
            "assertion-as-agent",
        );
        assert_frame(
            "Western sanctions hit Russia hard.",
            "Russia",
            "declining",
            "threat-as-target",
        );
    }

    #[test]
    fn relative_pronouns_and_references_stand_for_the_actor() {
        assert_frame(
            "Russia, which is bogged down in Ukraine, watches.",
            "Russia",
            "declining",
            "trouble-as-target",
        );
        let got = labels("Iran watched the summit.\nIts influence has eroded sharply.");
        assert!(
            got.contains(&("Iran".into(), "declining".into(), "power-noun-loss".into())),
            "{got:?}"
        );
    }

    #[test]
    fn another_actors_power_is_not_the_focal_actors() {
        // Turkey's growth, not Russia's; Russia is only its target.
        assert_eq!(
            frame_of("Turkey's growing clout worries nobody in Moscow.", "Russia").0,
            "neutral"
        );
        // The strength is the countries', whom Iran supports.
        assert_eq!(
            frame_of(
                "Iran has always supported the strength of regional countries.",
                "Iran"
            )
            .0,
            "neutral"
        );
        assert_frame(
            "Western sanctions on Russia bite.",
            "Russia",
            "declining",
            "threat-as-target",
        );
    }
}
