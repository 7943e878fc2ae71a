//! Learning from the analyst: re-estimating the weight of every rule from
//! labelled examples — a project's manual decisions, or a gold set.
//!
//! The labels stay explainable: nothing new is learnt but a weight per named
//! rule (`threat-as-target`, `cue`, …), visible and editable in the scheme.
//! The model starts from the scheme's weights and moves one weight at a time
//! over a grid of multiples of its default (coordinate ascent), keeping a
//! change only when the examples it gets right outweigh a penalty for moving
//! away from the default (the regularisation: dropping a rule altogether costs
//! as much as one example). Agreement before and after is measured by
//! cross-validation over documents, so the figure after is for documents the
//! weights were not fitted on.

use std::collections::BTreeMap;

use serde::Serialize;

use super::codes::{CodeStatus, ManualCode};
use super::detect::{Candidate, Evidence, FrameDetector, document_units, rule_weights};
use super::eval::{GoldSet, gold_unit};
use super::scheme::FrameScheme;
use crate::actors::Matcher;
use crate::corpus::{Document, Scope};
use crate::text::CharOffsets;

/// Cost of moving a weight from its default, per default-sized step, in
/// examples: a rule dropped (weight 0) must win more than two examples. On
/// the development sets a cost of 1 over-fitted (cross-validated agreement
/// 104 of 142 against 111 with 2).
const PENALTY: f64 = 2.0;

/// Multiples of a default weight the search tries.
const GRID: [f64; 9] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0];

/// Rounds of coordinate ascent over all weights.
const ROUNDS: usize = 3;

/// Most folds of the cross-validation.
const FOLDS: usize = 5;

/// One labelled unit and actor: what the unit says of the actor, and the
/// label it should get (`None`: neutral).
#[derive(Clone, Debug)]
struct Example {
    document: usize,
    evidence: Vec<Evidence>,
    reference: Option<usize>,
}

/// Labelled examples collected document by document.
#[derive(Clone, Debug, Default)]
pub struct ExampleSet {
    examples: Vec<Example>,
    documents: usize,
}

impl ExampleSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Examples in the set.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// Whether the set has no example.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// Documents that gave at least one example.
    pub fn documents(&self) -> usize {
        self.documents
    }

    fn push_document(&mut self, examples: Vec<Example>) {
        if !examples.is_empty() {
            self.examples.extend(examples);
            self.documents += 1;
        }
    }

    /// The decisions of every included document of `project`
    /// ([`ExampleSet::add_codes`]).
    pub fn from_project(
        project: &crate::project::Project,
        matcher: &Matcher,
        detector: &FrameDetector,
    ) -> Self {
        let mut set = Self::new();
        for doc in project.documents.iter().filter(|d| d.included) {
            let codes: Vec<&ManualCode> = project
                .codes
                .iter()
                .filter(|c| c.document == doc.id)
                .collect();
            if !codes.is_empty() {
                set.add_codes(doc, &codes, matcher, detector, project.settings.scope);
            }
        }
        set
    }

    /// Every unit of `doc` the engine reads for a focal actor, labelled as
    /// the gold set labels it (a unit it leaves unlabelled should be
    /// neutral). Returns false when the set has no labels for the document.
    pub fn add_gold(
        &mut self,
        gold: &GoldSet,
        doc: &Document,
        matcher: &Matcher,
        detector: &FrameDetector,
        scope: Scope,
    ) -> bool {
        let file = doc.file_label();
        let Some(units) = gold.units.get(file) else {
            return false;
        };
        let offsets = CharOffsets::new(&doc.text);
        let document = self.documents;
        let examples = detector
            .candidates(doc, &matcher.find(&doc.text), scope)
            .into_iter()
            .filter_map(|c| {
                let unit = gold_unit(units, &offsets.char_range(c.unit.range.clone()))?;
                let actor = &detector.focal_actors()[c.focal].1;
                let label = gold
                    .labels
                    .get(&(file.to_string(), unit.index, actor.clone()));
                Some(Example {
                    document,
                    reference: label.and_then(|l| detector.scheme().frame_index(l)),
                    evidence: c.evidence,
                })
            })
            .collect();
        self.push_document(examples);
        true
    }

    /// The analyst's decisions on `doc` (`codes`: this document's): accepted,
    /// relabelled and added passages give their frame, rejected ones say the
    /// unit is no framing of the actor (neutral). Decisions on units the
    /// engine does not read for that actor teach nothing and are left out.
    pub fn add_codes(
        &mut self,
        doc: &Document,
        codes: &[&ManualCode],
        matcher: &Matcher,
        detector: &FrameDetector,
        scope: Scope,
    ) {
        let units = document_units(doc, scope);
        let mut candidates: Vec<Candidate> =
            detector.candidates(doc, &matcher.find(&doc.text), scope);
        let document = self.documents;
        let mut examples = Vec::new();
        for code in codes {
            let Some(span) = code.anchor(&doc.text, &units) else {
                continue;
            };
            let found = candidates.iter().position(|c| {
                detector.focal_actors()[c.focal].1 == code.actor
                    && c.unit.range.start <= span.start
                    && span.end <= c.unit.range.end
            });
            let Some(at) = found else { continue };
            let candidate = candidates.swap_remove(at);
            examples.push(Example {
                document,
                reference: match code.status {
                    CodeStatus::Rejected => None,
                    _ => detector.scheme().frame_index(&code.frame),
                },
                evidence: candidate.evidence,
            });
        }
        self.push_document(examples);
    }
}

/// One rule's weight before and after learning.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleWeight {
    /// `threat-as-target`, `cue`, …
    pub rule: String,
    pub default: f64,
    pub learned: f64,
    /// Examples in which the rule found evidence.
    pub support: usize,
}

/// What learning gave.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Learned {
    /// The scheme with the learned weights.
    #[serde(skip)]
    pub scheme: FrameScheme,
    pub examples: usize,
    pub documents: usize,
    /// Examples the scheme's own weights label as the reference does.
    pub before: usize,
    /// Examples labelled right by weights fitted without their document
    /// (cross-validated).
    pub after: usize,
    pub folds: usize,
    /// Every rule with evidence in the examples.
    pub rules: Vec<RuleWeight>,
}

/// A weighted rule of a scheme, as the scheme view lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemeRule {
    /// Its place in the weights ([`with_weights`] takes them in this order).
    pub index: usize,
    /// `threat-as-target`, `cue`, …
    pub rule: String,
    /// The frame it points to (the cues' own frames for `cue`).
    pub frame: Option<String>,
    pub weight: f64,
}

/// Every rule of `scheme` that has an effect, with its weight.
pub fn scheme_rules(scheme: &FrameScheme) -> Vec<SchemeRule> {
    let names = rule_names(scheme);
    let weights = rule_weights(scheme);
    let mut frames: Vec<Option<Option<String>>> = scheme
        .grammar
        .classes
        .iter()
        .flat_map(|c| [&c.agent, &c.target].map(|e| e.as_ref().map(|e| Some(e.frame.clone()))))
        .collect();
    frames.push(Some(None));
    names
        .into_iter()
        .zip(weights)
        .zip(frames)
        .enumerate()
        .filter_map(|(index, ((rule, weight), frame))| {
            Some(SchemeRule {
                index,
                rule,
                frame: frame?,
                weight,
            })
        })
        .collect()
}

/// The name of each weight of [`rule_weights`].
fn rule_names(scheme: &FrameScheme) -> Vec<String> {
    scheme
        .grammar
        .classes
        .iter()
        .flat_map(|c| {
            // As the detector names them.
            if c.power {
                [format!("{}-held", c.name), format!("{}-targeted", c.name)]
            } else {
                [
                    format!("{}-as-agent", c.name),
                    format!("{}-as-target", c.name),
                ]
            }
        })
        .chain(["cue".to_string()])
        .collect()
}

fn agreeing<'a>(
    detector: &FrameDetector,
    examples: impl Iterator<Item = &'a Example>,
    weights: &[f64],
) -> usize {
    examples
        .filter(|e| detector.choose(&e.evidence, weights).0 == e.reference)
        .count()
}

/// Fits the weights on `examples`, starting from `defaults`.
fn fit(detector: &FrameDetector, examples: &[&Example], defaults: &[f64]) -> Vec<f64> {
    let mut used: Vec<usize> = examples
        .iter()
        .flat_map(|e| e.evidence.iter().map(|ev| ev.param))
        .collect();
    used.sort_unstable();
    used.dedup();
    let penalty = |w: &[f64]| -> f64 {
        w.iter()
            .zip(defaults)
            .map(|(w, d)| {
                if *d > 0.0 {
                    (w / d - 1.0).abs()
                } else {
                    w.abs()
                }
            })
            .sum::<f64>()
            * PENALTY
    };
    let objective = |w: &[f64]| agreeing(detector, examples.iter().copied(), w) as f64 - penalty(w);
    let mut weights = defaults.to_vec();
    let mut best = objective(&weights);
    for _ in 0..ROUNDS {
        let mut changed = false;
        for &p in &used {
            let base = if defaults[p] > 0.0 { defaults[p] } else { 1.0 };
            for m in GRID {
                let mut trial = weights.clone();
                trial[p] = base * m;
                let score = objective(&trial);
                // Strictly better only: ties keep the weight nearer its default.
                if score > best + 1e-9 {
                    best = score;
                    weights = trial;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    weights
}

/// The scheme with `weights` (indexed as [`SchemeRule::index`]) written back.
pub fn with_weights(scheme: &FrameScheme, weights: &[f64]) -> FrameScheme {
    let mut learned = scheme.clone();
    let round = |w: f64| (w * 1000.0).round() / 1000.0;
    for (i, class) in learned.grammar.classes.iter_mut().enumerate() {
        if let Some(e) = &mut class.agent {
            e.weight = round(weights[2 * i]);
        }
        if let Some(e) = &mut class.target {
            e.weight = round(weights[2 * i + 1]);
        }
    }
    if let Some(w) = weights.last() {
        learned.grammar.cue_weight = round(*w);
    }
    learned
}

/// Learns the weights of `detector`'s scheme from `set`: agreement before and
/// (cross-validated) after, each rule's weights, and the scheme to use.
pub fn learn(detector: &FrameDetector, set: &ExampleSet) -> Learned {
    let scheme = detector.scheme();
    let defaults = rule_weights(scheme);
    let all: Vec<&Example> = set.examples.iter().collect();
    let folds = FOLDS.min(set.documents);
    let before = agreeing(detector, all.iter().copied(), &defaults);
    let after = if folds < 2 {
        before
    } else {
        (0..folds)
            .map(|fold| {
                let (test, train): (Vec<&Example>, Vec<&Example>) =
                    all.iter().partition(|e| e.document % folds == fold);
                let weights = fit(detector, &train, &defaults);
                agreeing(detector, test.into_iter(), &weights)
            })
            .sum()
    };
    let weights = fit(detector, &all, &defaults);
    let mut support: BTreeMap<usize, usize> = BTreeMap::new();
    for e in &set.examples {
        let mut params: Vec<usize> = e.evidence.iter().map(|ev| ev.param).collect();
        params.sort_unstable();
        params.dedup();
        for p in params {
            *support.entry(p).or_default() += 1;
        }
    }
    let names = rule_names(scheme);
    let rules = support
        .into_iter()
        .map(|(p, support)| RuleWeight {
            rule: names[p].clone(),
            default: defaults[p],
            learned: weights[p],
            support,
        })
        .collect();
    Learned {
        scheme: with_weights(scheme, &weights),
        examples: set.len(),
        documents: set.documents,
        before,
        after,
        folds,
        rules,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorDictionary;

    fn document(name: &str, text: &str) -> Document {
        let meta = crate::corpus::Metadata {
            origin: name.into(),
            ..Default::default()
        };
        crate::test_fixtures::document(text, meta)
    }

    #[test]
    fn decisions_against_a_rule_lower_its_weight_and_the_scheme_keeps_it() {
        let dictionary = ActorDictionary::default_dictionary();
        let matcher = Matcher::new(&dictionary).unwrap();
        let scheme = FrameScheme::default_scheme();
        let detector = FrameDetector::new(&scheme, &dictionary).unwrap();
        // An analyst who reads "Russia dominates the market" as a plain
        // fact, never as persisting power, relabels every such passage.
        let mut set = ExampleSet::new();
        for i in 0..6 {
            let text = format!("Russia dominates the market in town number {i}.\n");
            let doc = document(&format!("d{i}.txt"), &text);
            let automatic = detector.detect(&doc, &matcher.find(&doc.text), Scope::Body);
            assert_eq!(automatic[0].frame, "persisting", "{text}");
            let code = ManualCode::new(
                &doc.id,
                &doc.text,
                automatic[0].range.clone(),
                "Russia",
                "neutral",
                CodeStatus::Relabelled,
            );
            set.add_codes(&doc, &[&code], &matcher, &detector, Scope::Body);
        }
        assert_eq!((set.len(), set.documents()), (6, 6));
        let learned = learn(&detector, &set);
        assert_eq!(learned.before, 0);
        assert_eq!(learned.after, 6, "cross-validated: every fold learns it");
        let dominance = learned
            .rules
            .iter()
            .find(|r| r.rule == "dominance-as-agent")
            .unwrap();
        assert!(dominance.learned < dominance.default, "{dominance:?}");
        assert_eq!(dominance.support, 6);
        // The new weights are in the scheme, which still validates.
        learned.scheme.validate(&dictionary).unwrap();
        let relearned = FrameDetector::new(&learned.scheme, &dictionary).unwrap();
        let doc = document("x.txt", "Russia dominates the market in the valley.\n");
        let after = relearned.detect(&doc, &matcher.find(&doc.text), Scope::Body);
        assert_eq!(after[0].frame, "neutral");
    }

    #[test]
    fn without_examples_nothing_moves() {
        let dictionary = ActorDictionary::default_dictionary();
        let scheme = FrameScheme::default_scheme();
        let detector = FrameDetector::new(&scheme, &dictionary).unwrap();
        let learned = learn(&detector, &ExampleSet::new());
        assert_eq!(learned.scheme, scheme);
        assert!(learned.rules.is_empty());
    }
}
