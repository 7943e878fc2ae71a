//! Validation: how far the automatic labels agree with a careful reader.
//!
//! Two kinds of reference labels are supported:
//! - a **gold set** on disk in the development set's format (`sentences.tsv`,
//!   `frames.tsv`, `articles.tsv`, optionally `not_labelled.tsv`), with
//!   offsets in Unicode code points ([`GoldSet::read`]);
//! - the **analyst's own manual codes** in a project ([`codes_as_gold`]): the
//!   figure a researcher reports as the validity of the automatic coding.
//!
//! Either way the comparison is one [`Agreement`]: per-label precision,
//! recall and F1, the confusion matrix, Cohen's κ, how many reference labels
//! the engine reproduces, and how many article summaries agree. Items are
//! (document, sentence unit, actor); a unit the reference leaves unlabelled
//! and the engine labels counts against the engine's precision (its reference
//! label is [`NONE`]), and so does a reference label the engine misses.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::analyse::DocumentFraming;
use super::codes::{CodeStatus, ManualCode};
use super::detect::Unit;
use crate::text::CharOffsets;

/// The label of an item that one side does not label at all.
pub const NONE: &str = "none";

/// A malformed or missing gold file.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    GoldRow {
        path: PathBuf,
        line: u64,
        message: String,
    },
}

/// One reference sentence unit: its index in the document and its range in
/// code points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldUnit {
    pub index: usize,
    pub chars: Range<usize>,
}

/// Reference labels for a set of documents, keyed by file name.
#[derive(Clone, Debug, Default)]
pub struct GoldSet {
    /// Units per file, in order.
    pub units: BTreeMap<String, Vec<GoldUnit>>,
    /// Frame label per (file, unit index, actor), lower case.
    pub labels: BTreeMap<(String, usize, String), String>,
    /// Overall frame per (file, actor), lower case (`absent`, `mixed`, a frame).
    pub articles: BTreeMap<(String, String), String>,
}

/// A row of a TSV file: column name → value.
type GoldRow = BTreeMap<String, String>;

/// Reads a tab-separated file with a header row and no quoting, giving each
/// row as a map from column name to value, with its line number.
fn read_tsv(path: &Path, required: &[&str]) -> Result<Vec<(u64, GoldRow)>, GoldError> {
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut lines = text.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h.split('\t').map(str::trim).collect(),
        None => {
            return Err(GoldError::GoldRow {
                path: path.to_path_buf(),
                line: 1,
                message: "empty file: a header row is expected".into(),
            });
        }
    };
    if let Some(missing) = required.iter().find(|c| !header.contains(c)) {
        return Err(GoldError::GoldRow {
            path: path.to_path_buf(),
            line: 1,
            message: format!("no `{missing}` column in the header"),
        });
    }
    Ok(lines
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let row = header
                .iter()
                .map(|h| h.to_string())
                .zip(l.split('\t').map(|v| v.trim_end_matches('\r').to_string()))
                .collect();
            (i as u64 + 1, row)
        })
        .collect())
}

/// A column's value parsed as a number, with the row's position on failure.
fn number(path: &Path, line: u64, row: &GoldRow, column: &str) -> Result<usize, GoldError> {
    let value = row.get(column).map(String::as_str).unwrap_or("");
    value.trim().parse().map_err(|_| GoldError::GoldRow {
        path: path.to_path_buf(),
        line,
        message: format!("`{column}` must be a whole number, not `{value}`"),
    })
}

fn text<'a>(path: &Path, line: u64, row: &'a GoldRow, column: &str) -> Result<&'a str, GoldError> {
    match row.get(column).map(|v| v.trim()) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(GoldError::GoldRow {
            path: path.to_path_buf(),
            line,
            message: format!("`{column}` is empty"),
        }),
    }
}

impl GoldSet {
    /// Reads a gold set from `dir` (the development set's format).
    /// `articles.tsv` is optional: without it no summaries are compared.
    pub fn read(dir: &Path) -> Result<Self, GoldError> {
        let mut gold = GoldSet::default();
        let path = dir.join("sentences.tsv");
        for (line, row) in read_tsv(&path, &["file", "sentence_index", "char_start", "char_end"])? {
            let file = text(&path, line, &row, "file")?.to_string();
            let unit = GoldUnit {
                index: number(&path, line, &row, "sentence_index")?,
                chars: number(&path, line, &row, "char_start")?
                    ..number(&path, line, &row, "char_end")?,
            };
            gold.units.entry(file).or_default().push(unit);
        }
        let path = dir.join("frames.tsv");
        for (line, row) in read_tsv(&path, &["file", "sentence_index", "actor", "label"])? {
            let file = text(&path, line, &row, "file")?.to_string();
            let index = number(&path, line, &row, "sentence_index")?;
            if !gold
                .units
                .get(&file)
                .is_some_and(|us| us.iter().any(|u| u.index == index))
            {
                return Err(GoldError::GoldRow {
                    path: path.clone(),
                    line,
                    message: format!("{file} has no sentence {index} in sentences.tsv"),
                });
            }
            let actor = text(&path, line, &row, "actor")?.to_string();
            let label = text(&path, line, &row, "label")?.to_lowercase();
            gold.labels.insert((file, index, actor), label);
        }
        let path = dir.join("articles.tsv");
        if path.exists() {
            for (line, row) in read_tsv(&path, &["file", "actor", "overall_frame"])? {
                let file = text(&path, line, &row, "file")?.to_string();
                let actor = text(&path, line, &row, "actor")?.to_string();
                let frame = text(&path, line, &row, "overall_frame")?.to_lowercase();
                gold.articles.insert((file, actor), frame);
            }
        }
        Ok(gold)
    }

    /// Whether the set labels anything in `file`.
    pub fn has_file(&self, file: &str) -> bool {
        self.units.contains_key(file)
    }
}

/// One compared item.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub document: String,
    pub sentence: usize,
    pub actor: String,
    pub reference: String,
    pub predicted: String,
    /// The rule that decided the automatic label (empty where none did).
    pub rule: String,
    /// The unit's text.
    pub text: String,
}

/// Precision, recall and F1 of one label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Items with this reference label.
    pub reference: usize,
    /// Items with this predicted label.
    pub predicted: usize,
}

/// How far automatic labels agree with reference labels.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// Labels in matrix order: the frames, the neutral frame, then [`NONE`].
    pub labels: Vec<String>,
    /// `confusion[reference][predicted]`, in [`Agreement::labels`] order.
    pub confusion: Vec<Vec<usize>>,
    /// Scores of every label but [`NONE`].
    pub scores: Vec<LabelScore>,
    /// Cohen's κ over every compared item, [`NONE`] included as a category.
    pub kappa: f64,
    /// Reference labels (other than [`NONE`]) the engine reproduces.
    pub labels_agreeing: usize,
    pub labels_total: usize,
    pub summaries_agreeing: usize,
    pub summaries_total: usize,
    /// Automatic passages in units the reference does not know (outside its
    /// body, for instance): not compared.
    pub outside_units: usize,
    pub documents: usize,
    /// Every item where the two disagree, in document order.
    pub disagreements: Vec<Comparison>,
    /// Article summaries that disagree: (document, actor, reference, predicted).
    pub summary_disagreements: Vec<(String, String, String, String)>,
}

impl Agreement {
    /// The score of one label, if it is compared.
    pub fn score(&self, label: &str) -> Option<&LabelScore> {
        self.scores.iter().find(|s| s.label == label)
    }
}

/// Collects compared items document by document, then scores them.
#[derive(Debug)]
pub struct AgreementBuilder {
    labels: Vec<String>,
    items: Vec<Comparison>,
    summaries: Vec<(String, String, String, String)>,
    outside_units: usize,
    documents: usize,
}

impl AgreementBuilder {
    /// `labels` are the scheme's labels ([`super::FrameScheme::labels`]).
    pub fn new(labels: &[&str]) -> Self {
        let mut labels: Vec<String> = labels.iter().map(|l| l.to_string()).collect();
        labels.push(NONE.to_string());
        Self {
            labels,
            items: Vec::new(),
            summaries: Vec::new(),
            outside_units: 0,
            documents: 0,
        }
    }

    /// Labels `doc` with `detector` (manual codes left out: the engine alone
    /// is judged) and compares it with the gold labels filed under its file
    /// name. Returns false, comparing nothing, when the set has no labels for
    /// that file.
    pub fn add_gold(
        &mut self,
        gold: &GoldSet,
        doc: &crate::corpus::Document,
        matcher: &crate::actors::Matcher,
        detector: &super::FrameDetector,
        scope: crate::corpus::Scope,
    ) -> bool {
        let file = doc.file_label();
        if !gold.has_file(file) {
            return false;
        }
        let framing = super::analyse::frame_document(doc, &[], matcher, detector, scope);
        self.add_gold_document(gold, file, &doc.text, &framing);
        true
    }

    /// Compares one document's framing with the gold set's labels for `file`.
    /// `framing` should come from detection without manual codes, or with them
    /// when the codes are part of what is being judged.
    pub fn add_gold_document(
        &mut self,
        gold: &GoldSet,
        file: &str,
        doc_text: &str,
        framing: &DocumentFraming,
    ) {
        let Some(units) = gold.units.get(file) else {
            return;
        };
        self.documents += 1;
        let offsets = CharOffsets::new(doc_text);
        // (unit index, actor) → (label, rule)
        let mut predicted: BTreeMap<(usize, String), (String, String)> = BTreeMap::new();
        for p in framing.counted() {
            let r = offsets.char_range(p.passage.range.clone());
            match gold_unit(units, &r) {
                Some(u) => {
                    predicted.insert(
                        (u.index, p.passage.actor.clone()),
                        (p.passage.frame.clone(), p.passage.rule.clone()),
                    );
                }
                _ => self.outside_units += 1,
            }
        }
        let mut keys: BTreeSet<(usize, String)> = predicted.keys().cloned().collect();
        keys.extend(
            gold.labels
                .keys()
                .filter(|(f, _, _)| f == file)
                .map(|(_, i, a)| (*i, a.clone())),
        );
        let char_text = |index: usize| -> String {
            units
                .iter()
                .find(|u| u.index == index)
                .map(|u| {
                    doc_text
                        .chars()
                        .skip(u.chars.start)
                        .take(u.chars.len())
                        .collect()
                })
                .unwrap_or_default()
        };
        for (index, actor) in keys {
            let reference = gold
                .labels
                .get(&(file.to_string(), index, actor.clone()))
                .cloned()
                .unwrap_or_else(|| NONE.to_string());
            let (label, rule) = predicted
                .get(&(index, actor.clone()))
                .cloned()
                .unwrap_or_else(|| (NONE.to_string(), String::new()));
            let text = if reference == label {
                String::new()
            } else {
                char_text(index)
            };
            self.items.push(Comparison {
                document: file.to_string(),
                sentence: index,
                actor,
                reference,
                predicted: label,
                rule,
                text,
            });
        }
        for s in &framing.summaries {
            if let Some(reference) = gold.articles.get(&(file.to_string(), s.actor.clone())) {
                self.summaries.push((
                    file.to_string(),
                    s.actor.clone(),
                    reference.clone(),
                    s.summary.clone(),
                ));
            }
        }
    }

    /// Compares one document's automatic framing (`automatic`, detected
    /// without codes) with the analyst's decisions in `codes` (this
    /// document's): each decided passage is an item whose reference is the
    /// analyst's frame ([`NONE`] for a rejection). Summaries compare the
    /// automatic article summary with the one the decisions give (`coded`),
    /// for documents with at least one decision.
    pub fn add_coded_document(
        &mut self,
        name: &str,
        doc_text: &str,
        units: &[Unit],
        codes: &[&ManualCode],
        automatic: &DocumentFraming,
        coded: &DocumentFraming,
    ) {
        let mut decided = false;
        for code in codes {
            let Some(span) = code.anchor(doc_text, units) else {
                continue;
            };
            decided = true;
            let reference = match code.status {
                CodeStatus::Rejected => NONE.to_string(),
                _ => code.frame.clone(),
            };
            let auto = automatic.passages.iter().find(|p| {
                p.passage.actor == code.actor
                    && p.passage.range.start <= span.start
                    && span.end <= p.passage.range.end
            });
            let sentence = units
                .iter()
                .find(|u| u.range.start <= span.start && span.end <= u.range.end)
                .map_or(0, |u| u.index);
            let (predicted, rule) = auto.map_or((NONE.to_string(), String::new()), |p| {
                (p.passage.frame.clone(), p.passage.rule.clone())
            });
            self.items.push(Comparison {
                document: name.to_string(),
                sentence,
                actor: code.actor.clone(),
                text: if predicted == reference {
                    String::new()
                } else {
                    doc_text.get(span).unwrap_or_default().to_string()
                },
                reference,
                predicted,
                rule,
            });
        }
        if decided {
            self.documents += 1;
            for (a, c) in automatic.summaries.iter().zip(&coded.summaries) {
                self.summaries.push((
                    name.to_string(),
                    a.actor.clone(),
                    c.summary.clone(),
                    a.summary.clone(),
                ));
            }
        }
    }

    /// Scores everything added.
    pub fn finish(self) -> Agreement {
        let n = self.labels.len();
        let index = |l: &str| self.labels.iter().position(|x| x == l);
        let mut confusion = vec![vec![0usize; n]; n];
        let mut disagreements = Vec::new();
        for item in self.items {
            // A label outside the scheme (a gold set made for another scheme)
            // counts as a disagreement and shows in the list, not the matrix.
            if let (Some(g), Some(p)) = (index(&item.reference), index(&item.predicted)) {
                confusion[g][p] += 1;
            }
            if item.reference != item.predicted {
                disagreements.push(item);
            }
        }
        let none = n - 1;
        let scores = (0..none)
            .map(|i| {
                let tp = confusion[i][i] as f64;
                let predicted: usize = (0..n).map(|g| confusion[g][i]).sum();
                let reference: usize = confusion[i].iter().sum();
                let precision = ratio(tp, predicted as f64);
                let recall = ratio(tp, reference as f64);
                LabelScore {
                    label: self.labels[i].clone(),
                    precision,
                    recall,
                    f1: ratio(2.0 * precision * recall, precision + recall),
                    reference,
                    predicted,
                }
            })
            .collect();
        let total: usize = confusion.iter().flatten().sum();
        let observed: usize = (0..n).map(|i| confusion[i][i]).sum();
        let expected: f64 = (0..n)
            .map(|i| {
                let row: usize = confusion[i].iter().sum();
                let col: usize = (0..n).map(|g| confusion[g][i]).sum();
                row as f64 * col as f64
            })
            .sum::<f64>()
            / (total as f64 * total as f64).max(1.0);
        let p_o = ratio(observed as f64, total as f64);
        let kappa = if expected >= 1.0 {
            if p_o >= 1.0 { 1.0 } else { 0.0 }
        } else {
            (p_o - expected) / (1.0 - expected)
        };
        let labels_total: usize = (0..none).map(|g| confusion[g].iter().sum::<usize>()).sum();
        let labels_agreeing: usize = (0..none).map(|i| confusion[i][i]).sum();
        let summaries_total = self.summaries.len();
        let summary_disagreements: Vec<_> = self
            .summaries
            .into_iter()
            .filter(|(_, _, r, p)| r != p)
            .collect();
        Agreement {
            labels: self.labels,
            confusion,
            scores,
            kappa,
            labels_agreeing,
            labels_total,
            summaries_agreeing: summaries_total - summary_disagreements.len(),
            summaries_total,
            outside_units: self.outside_units,
            documents: self.documents,
            disagreements,
            summary_disagreements,
        }
    }
}

/// The gold unit a span (in code points) falls in: the one it overlaps most,
/// the earlier on a tie; none if it overlaps none.
pub(crate) fn gold_unit<'u>(units: &'u [GoldUnit], chars: &Range<usize>) -> Option<&'u GoldUnit> {
    units
        .iter()
        .map(|u| {
            let overlap = chars
                .end
                .min(u.chars.end)
                .saturating_sub(chars.start.max(u.chars.start));
            (overlap, u)
        })
        .filter(|(overlap, _)| *overlap > 0)
        .max_by_key(|(overlap, u)| (*overlap, std::cmp::Reverse(u.index)))
        .map(|(_, u)| u)
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}

/// Scores the automatic labels of a whole project against the analyst's
/// own decisions (its manual codes): the validity figure of the automatic
/// coding. Documents without a decision are not compared.
pub fn evaluate_codes(
    project: &crate::project::Project,
    matcher: &crate::actors::Matcher,
    detector: &super::FrameDetector,
) -> Agreement {
    use super::analyse::frame_document;
    let scope = project.settings.scope;
    let framed: Vec<_> = project
        .documents
        .iter()
        .filter(|d| d.included && project.codes.iter().any(|c| c.document == d.id))
        .map(|doc| {
            let automatic = frame_document(doc, &[], matcher, detector, scope);
            let coded = frame_document(doc, &project.codes, matcher, detector, scope);
            (&**doc, automatic, coded)
        })
        .collect();
    agreement_with_codes(project, detector, framed.iter().map(|(d, a, c)| (*d, a, c)))
        .unwrap_or_else(|| AgreementBuilder::new(&detector.scheme().labels()).finish())
}

/// The agreement of automatic framings with the analyst's decisions, from
/// (document, framing without codes, framing with codes) of the documents
/// that have codes; `None` when no decision anchors in them.
pub fn agreement_with_codes<'a>(
    project: &crate::project::Project,
    detector: &super::FrameDetector,
    framed: impl Iterator<
        Item = (
            &'a crate::corpus::Document,
            &'a DocumentFraming,
            &'a DocumentFraming,
        ),
    >,
) -> Option<Agreement> {
    let scope = project.settings.scope;
    let mut builder = AgreementBuilder::new(&detector.scheme().labels());
    for (doc, automatic, coded) in framed {
        let codes: Vec<&ManualCode> = project
            .codes
            .iter()
            .filter(|c| c.document == doc.id)
            .collect();
        let units = super::detect::document_units(doc, scope);
        builder.add_coded_document(
            doc.display_name(),
            &doc.text,
            &units,
            &codes,
            automatic,
            coded,
        );
    }
    let agreement = builder.finish();
    (agreement.documents > 0).then_some(agreement)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builder_with(items: &[(&str, &str)]) -> Agreement {
        let mut b = AgreementBuilder::new(&["declining", "persisting", "neutral"]);
        for (i, (g, p)) in items.iter().enumerate() {
            b.items.push(Comparison {
                document: "d".into(),
                sentence: i,
                actor: "Russia".into(),
                reference: g.to_string(),
                predicted: p.to_string(),
                rule: String::new(),
                text: String::new(),
            });
        }
        b.finish()
    }

    #[test]
    fn perfect_agreement_scores_one_everywhere() {
        let a = builder_with(&[
            ("declining", "declining"),
            ("persisting", "persisting"),
            ("neutral", "neutral"),
        ]);
        assert_eq!(a.labels_agreeing, 3);
        assert!((a.kappa - 1.0).abs() < 1e-9);
        for s in &a.scores {
            assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0), "{s:?}");
        }
    }

    #[test]
    fn a_missed_label_costs_recall_and_an_extra_one_precision() {
        let a = builder_with(&[
            ("declining", "declining"),
            ("declining", "none"),
            ("none", "declining"),
        ]);
        let d = a.score("declining").unwrap();
        assert_eq!((d.reference, d.predicted), (2, 2));
        assert!((d.precision - 0.5).abs() < 1e-9 && (d.recall - 0.5).abs() < 1e-9);
        // Only the two reference labels count as labels to agree with.
        assert_eq!((a.labels_agreeing, a.labels_total), (1, 2));
        assert_eq!(a.disagreements.len(), 2);
    }

    #[test]
    fn kappa_is_zero_for_chance_agreement() {
        // Predictions independent of the reference: half right by chance.
        let a = builder_with(&[
            ("declining", "declining"),
            ("declining", "persisting"),
            ("persisting", "declining"),
            ("persisting", "persisting"),
        ]);
        assert!(a.kappa.abs() < 1e-9, "{}", a.kappa);
    }

    #[test]
    fn a_gold_row_pointing_at_a_missing_sentence_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("sentences.tsv"),
            "file\tsentence_index\tchar_start\tchar_end\na.txt\t0\t0\t10\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("frames.tsv"),
            "file\tsentence_index\tactor\tlabel\na.txt\t0\tIran\tNEUTRAL\na.txt\t3\tIran\tNEUTRAL\n",
        )
        .unwrap();
        let err = GoldSet::read(dir.path()).unwrap_err().to_string();
        assert!(
            err.ends_with("frames.tsv:3: a.txt has no sentence 3 in sentences.tsv"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_number_names_its_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("sentences.tsv"),
            "file\tsentence_index\tchar_start\tchar_end\na.txt\tx\t0\t10\n",
        )
        .unwrap();
        let err = GoldSet::read(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("sentences.tsv:2: `sentence_index` must be a whole number"),
            "{err}"
        );
    }
}
