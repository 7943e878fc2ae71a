//! Exported records of the framing analysis: passages (with their frames,
//! cues and the analyst's decisions) and manual codes (with memos), as CSV
//! tables or JSON arrays. `framescope frames`, `framescope export` and the
//! app's export menu all build their rows here. Offsets are Unicode code
//! points, end exclusive.

use std::ops::Range;

use serde::Serialize;

use super::export::Table;
use crate::corpus::{Document, Scope};
use crate::framing::{CodeStatus, DocumentFraming, EvidenceRole, Origin, document_units};
use crate::project::Project;
use crate::text::{CharOffsets, sentence_units};

/// A cue word inside an exported passage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CueRecord {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One passage that counts (rejected passages are left out).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PassageRecord {
    /// The document's label (file name or title).
    pub document: String,
    pub sentence_index: usize,
    pub start: usize,
    pub end: usize,
    pub actor: String,
    pub frame: String,
    pub score: f64,
    pub cues: Vec<CueRecord>,
    pub origin: Origin,
    /// The analyst's decision, if any.
    pub status: Option<CodeStatus>,
    pub memo: String,
    pub text: String,
    /// The rule that decided the label (`cue`, `power-noun-loss`, …; `manual`
    /// for the analyst's own passages; empty for a neutral passage).
    pub rule: String,
    /// The parts the rule found (actor, power noun, predicate, negator).
    pub evidence: Vec<EvidenceRecord>,
}

/// A span of a passage with its part in the rule that decided the label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvidenceRecord {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub role: EvidenceRole,
}

/// The passages of one document that count, as records.
pub fn passage_records(
    doc: &Document,
    label: &str,
    framing: &DocumentFraming,
) -> Vec<PassageRecord> {
    let offsets = CharOffsets::new(&doc.text);
    // A span of the text with its code-point offsets.
    let located = |range: &std::ops::Range<usize>| {
        let r = offsets.char_range(range.clone());
        CueRecord {
            text: doc.text[range.clone()].to_string(),
            start: r.start,
            end: r.end,
        }
    };
    framing
        .counted()
        .map(|p| {
            let chars = offsets.char_range(p.passage.range.clone());
            PassageRecord {
                document: label.to_string(),
                sentence_index: p.passage.sentence_index,
                start: chars.start,
                end: chars.end,
                actor: p.passage.actor.clone(),
                frame: p.passage.frame.clone(),
                score: (p.passage.score * 1000.0).round() / 1000.0,
                cues: p.passage.cues.iter().map(|c| located(&c.range)).collect(),
                origin: p.origin,
                status: p.status,
                memo: p.memo.clone(),
                text: doc.text[p.passage.range.clone()].to_string(),
                rule: p.passage.rule.clone(),
                evidence: p
                    .passage
                    .evidence
                    .iter()
                    .map(|e| {
                        let CueRecord { text, start, end } = located(&e.range);
                        EvidenceRecord {
                            text,
                            start,
                            end,
                            role: e.role,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

fn status_text(status: Option<CodeStatus>) -> String {
    status
        .map(|s| format!("{s:?}").to_lowercase())
        .unwrap_or_default()
}

/// Passages as a table: `document,sentence_index,start,end,actor,frame,
/// score,cues,origin,text,status,memo` (cues as `text@start-end|…`). With
/// `shorten`, long texts are cut for a terminal.
pub fn passages_table(records: &[PassageRecord], shorten: Option<usize>) -> Table {
    let mut table = Table::new(&[
        "document",
        "sentence_index",
        "start",
        "end",
        "actor",
        "frame",
        "score",
        "cues",
        "origin",
        "text",
        "status",
        "memo",
    ]);
    for p in records {
        let cues: Vec<String> = p
            .cues
            .iter()
            .map(|c| format!("{}@{}-{}", c.text, c.start, c.end))
            .collect();
        let text = match shorten {
            Some(n) => shorten_text(&p.text, n),
            None => p.text.clone(),
        };
        table.rows.push(vec![
            p.document.clone(),
            p.sentence_index.to_string(),
            p.start.to_string(),
            p.end.to_string(),
            p.actor.clone(),
            p.frame.clone(),
            format!("{:.2}", p.score),
            cues.join("|"),
            format!("{:?}", p.origin).to_lowercase(),
            text,
            status_text(p.status),
            p.memo.clone(),
        ]);
    }
    table
}

/// `s` on one line, cut to `n` characters with an ellipsis.
pub fn shorten_text(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= n {
        flat
    } else {
        flat.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// One manual decision, located in its document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeRecord {
    /// Document id.
    pub document: String,
    pub title: String,
    /// Code points, or `None` when the document's text changed and the code
    /// no longer anchors (it is kept, not applied).
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub actor: String,
    pub frame: String,
    pub status: String,
    pub memo: String,
    pub time: String,
    pub quote: String,
}

/// Every manual code of the project, in the order they were made.
pub fn code_records(project: &Project, scope: Scope) -> Vec<CodeRecord> {
    project
        .codes
        .iter()
        .map(|c| {
            let doc = project.documents.iter().find(|d| d.id == c.document);
            let anchored = doc.and_then(|d| {
                let range = c.anchor(&d.text, &document_units(d, scope))?;
                let chars = CharOffsets::new(&d.text).char_range(range.clone());
                Some((chars, d.text[range].to_string()))
            });
            CodeRecord {
                document: c.document.clone(),
                title: doc.map_or_else(
                    || "(document removed)".to_string(),
                    |d| d.display_name().to_string(),
                ),
                start: anchored.as_ref().map(|(r, _)| r.start),
                end: anchored.as_ref().map(|(r, _)| r.end),
                actor: c.actor.clone(),
                frame: c.frame.clone(),
                status: status_text(Some(c.status)),
                memo: c.memo.clone(),
                time: c.time.clone(),
                quote: anchored.map(|(_, q)| q).unwrap_or_default(),
            }
        })
        .collect()
}

/// Codes as a table: `document,title,start,end,actor,frame,status,memo,time,quote`.
pub fn codes_table(records: &[CodeRecord]) -> Table {
    let mut table = Table::new(&[
        "document", "title", "start", "end", "actor", "frame", "status", "memo", "time", "quote",
    ]);
    let opt = |v: Option<usize>| v.map_or_else(String::new, |v| v.to_string());
    for c in records {
        table.rows.push(vec![
            c.document.clone(),
            c.title.clone(),
            opt(c.start),
            opt(c.end),
            c.actor.clone(),
            c.frame.clone(),
            c.status.clone(),
            c.memo.clone(),
            c.time.clone(),
            c.quote.clone(),
        ]);
    }
    table
}

/// One document of the corpus, for R (`quanteda::corpus()`), pandas and the
/// like: its metadata, whole text, body ranges (code points, end exclusive)
/// and body text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRecord {
    pub id: String,
    /// Title, source, author, date, url and origin (as fields of the record),
    /// and any other metadata the import kept (as `extra`).
    #[serde(flatten)]
    pub meta: crate::corpus::Metadata,
    /// Whether the document takes part in counts (duplicates and documents the
    /// analyst left out do not).
    pub included: bool,
    pub text: String,
    /// `[start, end)` in code points of `text`.
    pub body: Vec<[usize; 2]>,
    /// The body's ranges, one paragraph each, joined by a blank line.
    pub body_text: String,
}

/// Every document of the project (included or not), in project order.
pub fn document_records(project: &Project) -> Vec<DocumentRecord> {
    project
        .documents
        .iter()
        .map(|d| {
            let offsets = CharOffsets::new(&d.text);
            DocumentRecord {
                id: d.id.clone(),
                meta: d.meta.clone(),
                included: d.included,
                text: d.text.clone(),
                body: d
                    .body
                    .iter()
                    .map(|r| {
                        let c = offsets.char_range(r.clone());
                        [c.start, c.end]
                    })
                    .collect(),
                body_text: d
                    .body
                    .iter()
                    .map(|r| d.text[r.clone()].trim())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            }
        })
        .collect()
}

/// Documents as a table: `id,title,source,author,date,url,origin,included,
/// body,text,body_text` (body as `start-end;…` in code points).
pub fn documents_table(records: &[DocumentRecord]) -> Table {
    let mut table = Table::new(&[
        "id",
        "title",
        "source",
        "author",
        "date",
        "url",
        "origin",
        "included",
        "body",
        "text",
        "body_text",
    ]);
    for d in records {
        let body: Vec<String> = d.body.iter().map(|[s, e]| format!("{s}-{e}")).collect();
        table.rows.push(vec![
            d.id.clone(),
            d.meta.title.clone(),
            d.meta.source.clone(),
            d.meta.author.clone(),
            d.meta.date.clone(),
            d.meta.url.clone(),
            d.meta.origin.clone(),
            d.included.to_string(),
            body.join(";"),
            d.text.clone(),
            d.body_text.clone(),
        ]);
    }
    table
}

/// One sentence unit of a document (the units the framing analysis labels,
/// split as `text::sentence_units` splits them), for R or Python: offsets in
/// code points of the document's text, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SentenceRecord {
    /// The document's id (as in the documents export).
    pub document: String,
    /// The unit's position among all units of the document's text.
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Whether the unit lies inside the document's proposed body (the units
    /// analysed under the body scope); the others are page chrome.
    pub in_body: bool,
}

/// The sentence units of every document's whole text (included or not), in
/// project and text order. The body's units are exactly the units the body
/// scope analyses (split within each body range); the text between body
/// ranges is split the same way and marked `in_body: false`.
pub fn sentence_records(project: &Project) -> Vec<SentenceRecord> {
    project
        .documents
        .iter()
        .flat_map(|d| {
            let offsets = CharOffsets::new(&d.text);
            let units = segments(d).into_iter().flat_map(|(range, in_body)| {
                sentence_units(&d.text, range)
                    .into_iter()
                    .map(move |unit| (unit, in_body))
            });
            units
                .enumerate()
                .map(|(index, (unit, in_body))| {
                    let chars = offsets.char_range(unit.clone());
                    SentenceRecord {
                        document: d.id.clone(),
                        index,
                        start: chars.start,
                        end: chars.end,
                        text: d.text[unit].to_string(),
                        in_body,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The document's text cut into its body ranges and the stretches between
/// them, in order, each marked whether it is body.
fn segments(doc: &Document) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for body in &doc.body {
        if at < body.start {
            out.push((at..body.start, false));
        }
        out.push((body.clone(), true));
        at = at.max(body.end);
    }
    if at < doc.text.len() {
        out.push((at..doc.text.len(), false));
    }
    out
}

/// Sentences as a table: `document,index,start,end,in_body,text`.
pub fn sentences_table(records: &[SentenceRecord]) -> Table {
    let mut table = Table::new(&["document", "index", "start", "end", "in_body", "text"]);
    for s in records {
        table.rows.push(vec![
            s.document.clone(),
            s.index.to_string(),
            s.start.to_string(),
            s.end.to_string(),
            s.in_body.to_string(),
            s.text.clone(),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse_project;
    use crate::framing::{Decision, decide};
    use std::sync::atomic::AtomicBool;

    fn coded_demo() -> Project {
        let (mut project, analysis) = crate::test_fixtures::demo();
        let doc = &project.documents[1];
        let passages = &analysis.documents[1].framing.passages;
        for (p, decision) in passages
            .iter()
            .zip([Decision::Reject, Decision::Memo("check the date".into())])
        {
            decide(
                &mut project.codes,
                &doc.id,
                &doc.text,
                p.passage.range.clone(),
                &p.passage.actor,
                &p.passage.frame,
                decision,
            )
            .unwrap();
        }
        project
    }

    #[test]
    fn rejected_passages_are_left_out_and_memos_carried() {
        let project = coded_demo();
        let analysis = analyse_project(&project, &AtomicBool::new(false), &|_, _| {}).unwrap();
        let doc = &project.documents[1];
        let framing = &analysis.documents[1].framing;
        let records = passage_records(doc, "doc", framing);
        assert_eq!(records.len(), framing.passages.len() - 1);
        assert_eq!(records[0].memo, "check the date");
        assert_eq!(records[0].status, Some(CodeStatus::Accepted));
        let table = passages_table(&records, None);
        assert_eq!(table.rows[0][10], "accepted");
    }

    #[test]
    fn codes_are_located_in_code_points_with_their_quote() {
        let project = coded_demo();
        let records = code_records(&project, Scope::Body);
        assert_eq!(records.len(), 2);
        let doc = &project.documents[1];
        for r in &records {
            let (start, end) = (r.start.unwrap(), r.end.unwrap());
            let quote: String = doc.text.chars().skip(start).take(end - start).collect();
            assert_eq!(quote, r.quote);
        }
        assert_eq!(records[0].status, "rejected");
        assert_eq!(codes_table(&records).rows.len(), 2);
    }

    #[test]
    fn document_records_give_body_ranges_in_code_points() {
        let mut project = Project::new("t");
        let text = "Ärger in Baku.\n\nMenu · Login\n\nTehran’s role shrinks.";
        let second = text.find("Tehran").unwrap();
        project
            .documents
            .push(std::sync::Arc::new(crate::corpus::Document {
                id: "d1".into(),
                meta: Default::default(),
                text: text.into(),
                body: vec![0..text.find('\n').unwrap(), second..text.len()],
                included: true,
                duplicate_of: None,
                memo: String::new(),
            }));
        let records = document_records(&project);
        let r = &records[0];
        let chars: Vec<char> = r.text.chars().collect();
        let piece = |[s, e]: [usize; 2]| chars[s..e].iter().collect::<String>();
        assert_eq!(piece(r.body[0]), "Ärger in Baku.");
        assert_eq!(piece(r.body[1]), "Tehran’s role shrinks.");
        assert_eq!(r.body_text, "Ärger in Baku.\n\nTehran’s role shrinks.");
        let table = documents_table(&records);
        assert_eq!(table.rows[0][8], "0-14;30-52");
    }
}
