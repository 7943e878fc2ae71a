//! Finding and labelling the passages that frame the focal actors.
//!
//! For every sentence unit that names a focal actor (through any dictionary
//! alias), one passage per actor: the frame whose cues in that unit carry the
//! most weight, or the neutral frame when there are none. A negator shortly
//! before a cue ("not weakened", "no longer dominant") makes the cue count for
//! the opposite frame. A unit that names no focal actor but refers back to one
//! named in the previous unit ("the country", "its", "both powers") and holds a
//! cue is labelled for that actor too ("carry-over"). Every label lists the cue
//! spans that decided it. Same input, same output: nothing here is random.

use std::ops::Range;

use serde::Serialize;

use super::scheme::{FrameScheme, WEAK_CUE_WEIGHT};
use crate::actors::{ActorDictionary, Matcher, Mention};
use crate::corpus::{Document, Scope};
use crate::text::{count_words, sentence_units};

/// Words between another actor's name and a cue within which the cue is
/// taken to describe that actor ("Turkey's growing influence": one word, `s`).
const OWNER_WINDOW: usize = 2;

/// Words from the start of a unit within which a pronoun may open it.
const PRONOUN_WINDOW: usize = 4;

/// A cue found in a unit, after negation.
#[derive(Clone, Debug)]
struct Cue {
    range: Range<usize>,
    /// The frame it counts for.
    frame: usize,
    weight: f64,
    negated: bool,
}

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
    cues: Matcher,
    /// Dictionary indices of the focal actors, in scheme order.
    focal: Vec<(usize, String)>,
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
        Ok(Self {
            scheme: scheme.clone(),
            cues: scheme.cue_matcher()?,
            focal,
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
    /// mentions in the whole text (from [`Matcher::find`]).
    pub fn detect(&self, doc: &Document, mentions: &[Mention], scope: Scope) -> Vec<FramePassage> {
        let text = &doc.text;
        let n_frames = self.scheme.frames.len();
        let (negator, reference, plural) = (2 * n_frames, 2 * n_frames + 1, 2 * n_frames + 2);
        let all_cues = self.cues.find(text);
        let mut passages = Vec::new();
        // Focal actors named in the previous unit, in order of last mention.
        let mut previous: Vec<usize> = Vec::new();
        for unit in document_units(doc, scope) {
            let inside = |r: &Range<usize>| unit.range.start <= r.start && r.end <= unit.range.end;
            let unit_mentions: Vec<&Mention> =
                mentions.iter().filter(|m| inside(&m.range)).collect();
            let unit_cues: Vec<&Mention> = all_cues.iter().filter(|c| inside(&c.range)).collect();
            // Cues that are themselves actor names do not count ("Turkey" is no cue).
            let frame_cues: Vec<&Mention> = unit_cues
                .iter()
                .copied()
                .filter(|c| c.actor < 2 * n_frames)
                .filter(|c| !unit_mentions.iter().any(|m| overlaps(&m.range, &c.range)))
                .collect();
            let negators: Vec<&Mention> = unit_cues
                .iter()
                .copied()
                .filter(|c| c.actor == negator)
                .collect();
            let cues = self.resolve_negation(text, &frame_cues, &negators);

            let named: Vec<(usize, Vec<&Mention>)> = self
                .focal
                .iter()
                .enumerate()
                .filter_map(|(f, (dict_index, _))| {
                    let ms: Vec<&Mention> = unit_mentions
                        .iter()
                        .copied()
                        .filter(|m| m.actor == *dict_index)
                        .collect();
                    (!ms.is_empty()).then_some((f, ms))
                })
                .collect();

            if !named.is_empty() {
                for (f, ms) in &named {
                    let anchors: Vec<Range<usize>> = ms.iter().map(|m| m.range.clone()).collect();
                    // Cues right after another actor's name speak of that actor
                    // ("Turkey's growing influence"), unless this actor is as close.
                    let own_cues: Vec<Cue> = cues
                        .iter()
                        .filter(|Cue { range: r, .. }| {
                            let just_before = |m: &Range<usize>| {
                                m.end <= r.start
                                    && count_words(&text[m.end..r.start]) <= OWNER_WINDOW
                            };
                            let other = unit_mentions
                                .iter()
                                .any(|m| m.actor != self.focal[*f].0 && just_before(&m.range));
                            !other || anchors.iter().any(just_before)
                        })
                        .cloned()
                        .collect();
                    passages.push(self.label(
                        &unit,
                        *f,
                        &own_cues,
                        &anchors,
                        text,
                        Reference::Name,
                    ));
                }
                let mut order: Vec<(usize, usize)> = named
                    .iter()
                    .map(|(f, ms)| (ms.last().map_or(0, |m| m.range.start), *f))
                    .collect();
                order.sort();
                previous = order.into_iter().map(|(_, f)| f).collect();
                continue;
            }
            // Carry-over: no name, but a reference back and something said. A
            // one-word reference (a pronoun) counts only near the start of a unit
            // that names no other actor, where it most likely continues the
            // previous subject; longer ones ("the country") count anywhere.
            let opening =
                |r: &Range<usize>| count_words(&text[unit.range.start..r.start]) < PRONOUN_WINDOW;
            let refers = unit_cues.iter().any(|c| {
                (c.actor == reference || c.actor == plural)
                    && (count_words(&text[c.range.clone()]) > 1
                        || (unit_mentions.is_empty() && opening(&c.range)))
            });
            if refers && !cues.is_empty() && !previous.is_empty() {
                let is_plural = unit_cues.iter().any(|c| c.actor == plural);
                let targets: Vec<usize> = if is_plural {
                    previous.clone()
                } else {
                    previous.last().copied().into_iter().collect()
                };
                let anchors: Vec<Range<usize>> = unit_cues
                    .iter()
                    .filter(|c| c.actor == reference || c.actor == plural)
                    .map(|c| c.range.clone())
                    .collect();
                for f in targets {
                    let p = self.label(&unit, f, &cues, &anchors, text, Reference::CarryOver);
                    if p.frame != self.scheme.neutral_frame {
                        passages.push(p);
                    }
                }
            }
            // Reference chains stop after one unit without a name.
            previous.clear();
        }
        passages
    }

    /// Applies negators to cues: each cue with the frame it counts for.
    fn resolve_negation(&self, text: &str, cues: &[&Mention], negators: &[&Mention]) -> Vec<Cue> {
        let window = self.scheme.negation_window;
        let n = self.scheme.frames.len();
        cues.iter()
            .filter_map(|c| {
                let (frame, weight) = if c.actor < n {
                    (c.actor, 1.0)
                } else {
                    (c.actor - n, WEAK_CUE_WEIGHT)
                };
                let negated = negators.iter().any(|neg| {
                    neg.range.end <= c.range.start
                        && count_words(&text[neg.range.end..c.range.start]) <= window
                });
                if !negated {
                    return Some(Cue {
                        range: c.range.clone(),
                        frame,
                        weight,
                        negated,
                    });
                }
                let opposite = self.scheme.frames[frame].opposite.as_deref()?;
                Some(Cue {
                    range: c.range.clone(),
                    frame: self.scheme.frame_index(opposite)?,
                    weight,
                    negated,
                })
            })
            .collect()
    }

    /// Chooses the label of one unit for one focal actor.
    fn label(
        &self,
        unit: &Unit,
        focal: usize,
        cues: &[Cue],
        anchors: &[Range<usize>],
        text: &str,
        reference: Reference,
    ) -> FramePassage {
        let n = self.scheme.frames.len();
        let mut weight = vec![0.0f64; n];
        for c in cues {
            weight[c.frame] += c.weight;
        }
        let total: f64 = weight.iter().sum();
        // Weak cues only tip the balance: without a full cue the unit is neutral.
        let has_full_cue = cues.iter().any(|c| c.weight >= 1.0);
        let best = if has_full_cue {
            weight.iter().cloned().fold(0.0, f64::max)
        } else {
            0.0
        };
        let leaders: Vec<usize> = (0..n)
            .filter(|&i| best > 0.0 && weight[i] == best)
            .collect();
        // A tie goes to the frame of the cue nearest the actor's mention.
        let distance = |r: &Range<usize>| {
            anchors
                .iter()
                .map(|a| {
                    if r.start >= a.end {
                        count_words(&text[a.end..r.start])
                    } else if a.start >= r.end {
                        count_words(&text[r.end..a.start])
                    } else {
                        0
                    }
                })
                .min()
                .unwrap_or(usize::MAX)
        };
        let chosen = match leaders.len() {
            0 => None,
            1 => Some(leaders[0]),
            _ => cues
                .iter()
                .filter(|c| leaders.contains(&c.frame))
                .min_by_key(|c| (distance(&c.range), c.range.start))
                .map(|c| c.frame),
        };
        let (frame, score, decided) = match chosen {
            None => (self.scheme.neutral_frame.clone(), 0.0, vec![]),
            Some(f) => {
                let decided: Vec<CueSpan> = cues
                    .iter()
                    .filter(|c| c.frame == f)
                    .map(|c| CueSpan {
                        range: c.range.clone(),
                        frame: self.scheme.frames[f].name.clone(),
                        negated: c.negated,
                    })
                    .collect();
                (
                    self.scheme.frames[f].name.clone(),
                    weight[f] / total,
                    decided,
                )
            }
        };
        FramePassage {
            sentence_index: unit.index,
            range: unit.range.clone(),
            actor: self.focal[focal].1.clone(),
            frame,
            score,
            rule: if decided.is_empty() {
                String::new()
            } else {
                "cue".into()
            },
            cues: decided,
            reference,
            evidence: vec![],
        }
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}
