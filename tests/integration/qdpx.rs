//! REFI-QDA `.qdpx` export: valid against the published schema (checked with
//! xmllint), every document's text exact, selections at code-point offsets
//! that cut exactly the passages, manual decisions marked, rejected passages
//! left out, and the same project giving the same file.

use std::collections::HashMap;
use std::io::Read;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use framescope::analysis::{ProjectAnalysis, analyse_project};
use framescope::corpus::{Document, Metadata};
use framescope::framing::{CodeStatus, Decision, FramePassage, decide};
use framescope::project::{Project, parse_project, project_to_ron};
use framescope::report::{QdpxError, project_qde, qdpx_bytes, write_qdpx};
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// Validates `xml` against the REFI-QDA project schema (in ../shared, see
/// `common::shared`) with xmllint; fails (never skips) when xmllint is
/// missing.
fn validate(xml: &str) {
    let Some(schema) = super::common::shared("refi-qda/Project-mrt2019.xsd") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("project.qde");
    std::fs::write(&file, xml).unwrap();
    let out = match Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "xmllint is not installed, so the REFI-QDA export cannot be validated: \
             install the Debian package libxml2-utils (apt-get install -y libxml2-utils)"
        ),
        Err(e) => panic!("xmllint could not be run: {e}"),
    };
    assert!(
        out.status.success(),
        "project.qde is not valid against {}:\n{}",
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn analyse(project: &Project) -> ProjectAnalysis {
    analyse_project(project, &AtomicBool::new(false), &|_, _| {}).unwrap()
}

fn demo() -> Project {
    parse_project(framescope::DEMO_PROJECT, "demo").unwrap()
}

/// Passages of the demo as (document index, passage), in project order.
fn passages(project: &Project) -> Vec<(usize, FramePassage)> {
    analyse(project)
        .documents
        .iter()
        .enumerate()
        .filter(|(i, _)| project.documents[*i].included)
        .flat_map(|(i, a)| {
            a.framing
                .passages
                .iter()
                .map(move |p| (i, p.passage.clone()))
        })
        .collect()
}

fn record(project: &mut Project, doc: usize, p: &FramePassage, decision: Decision) {
    let (id, text) = (
        project.documents[doc].id.clone(),
        project.documents[doc].text.clone(),
    );
    decide(
        &mut project.codes,
        &id,
        &text,
        p.range.clone(),
        &p.actor,
        &p.frame,
        decision,
    )
    .unwrap();
}

/// The demo with every kind of manual decision, memos (one with markup in
/// it), an added passage and a document memo.
fn demo_with_decisions() -> Project {
    let mut project = demo();
    let found = passages(&project);
    assert!(found.len() > 8, "the demo has passages to decide on");
    let (d, p) = &found[0];
    record(&mut project, *d, p, Decision::Accept);
    let (d, p) = &found[2];
    record(&mut project, *d, p, Decision::Reject);
    let (d, p) = &found[4];
    let other = if p.frame == "declining" {
        "persisting"
    } else {
        "declining"
    };
    record(&mut project, *d, p, Decision::Relabel(other.into()));
    let (d, p) = &found[6];
    record(
        &mut project,
        *d,
        p,
        Decision::Memo("Check the <source> & the “quote”.\nSecond line.".into()),
    );
    // A passage the detector missed: the first sentence of the first
    // document's body, coded by hand for Iran.
    let doc = &project.documents[0];
    let start = doc.body[1].start;
    let end = start + doc.text[start..].find(". ").unwrap() + 1;
    let added = FramePassage {
        sentence_index: 0,
        range: start..end,
        actor: "Iran".into(),
        frame: "neutral".into(),
        score: 1.0,
        cues: vec![],
        reference: framescope::framing::Reference::Name,
        rule: "manual".into(),
        evidence: vec![],
    };
    record(&mut project, 0, &added, Decision::Add);
    project.document_mut(1).unwrap().memo = "Dateline & “Khankendi” <check>".into();
    project
}

/// A document with accented, Cyrillic and Persian text, curly quotes and an
/// emoji (two code points, four UTF-16 units) before the passages.
fn accented_document() -> Document {
    let text = "Azərbaycan və Türkiyə: Erdoğan in Bakı 🇦🇿\n\n\
        Erdoğan met Aliyev in Bakı on Tuesday. “Russia is weakened and distracted,” \
        said an adviser. Iran remains dominant on the Aras, ایران insists. \
        Москва молчит; Russia is exhausted.\n";
    Document {
        id: Document::id_for_text(text),
        meta: Metadata {
            title: "Azərbaycan və Türkiyə".into(),
            source: "Bakı Ledger".into(),
            author: "Ayşə Məmmədova".into(),
            date: "2025-03-04".into(),
            url: "https://example.org/az?x=1&y=2".into(),
            ..Metadata::default()
        },
        text: text.into(),
        body: vec![0..text.len()],
        included: true,
        duplicate_of: None,
        memo: String::new(),
    }
}

/// What the tests read back from `project.qde`.
#[derive(Debug, Default)]
struct Qde {
    creation: String,
    /// Code GUID → its path (`Russia/declining`).
    codes: HashMap<String, String>,
    sources: Vec<Source>,
    /// Note GUID → text.
    notes: HashMap<String, String>,
}

#[derive(Debug, Default)]
struct Source {
    guid: String,
    name: String,
    path: String,
    selections: Vec<Selection>,
    notes: Vec<String>,
}

#[derive(Debug, Default)]
struct Selection {
    start: usize,
    end: usize,
    description: String,
    code: String,
    notes: Vec<String>,
}

/// Reads the parts of `project.qde` the tests check.
fn read_qde(xml: &str) -> Qde {
    let mut reader = Reader::from_str(xml);
    let mut qde = Qde::default();
    let mut stack: Vec<String> = Vec::new();
    let mut code_path: Vec<String> = Vec::new();
    let mut note_guid = String::new();
    let mut text = String::new();
    loop {
        let event = reader.read_event().unwrap();
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
            let attrs: HashMap<String, String> = e
                .attributes()
                .map(|a| {
                    let a = a.unwrap();
                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                    let value = a.normalized_value(XmlVersion::Explicit1_0).unwrap();
                    (key, value.into_owned())
                })
                .collect();
            let parent = stack.last().map(String::as_str);
            match (name.as_str(), parent) {
                ("Project", _) => qde.creation = attrs["creationDateTime"].clone(),
                ("Code", _) => {
                    code_path.push(attrs["name"].clone());
                    qde.codes.insert(attrs["guid"].clone(), code_path.join("/"));
                    if empty {
                        code_path.pop();
                    }
                }
                ("TextSource", _) => qde.sources.push(Source {
                    guid: attrs["guid"].clone(),
                    name: attrs["name"].clone(),
                    path: attrs["plainTextPath"].clone(),
                    ..Source::default()
                }),
                ("PlainTextSelection", _) => {
                    let source = qde.sources.last_mut().unwrap();
                    source.selections.push(Selection {
                        start: attrs["startPosition"].parse().unwrap(),
                        end: attrs["endPosition"].parse().unwrap(),
                        ..Selection::default()
                    });
                }
                ("CodeRef", Some("Coding")) => {
                    let source = qde.sources.last_mut().unwrap();
                    source.selections.last_mut().unwrap().code = attrs["targetGUID"].clone();
                }
                ("NoteRef", Some("PlainTextSelection")) => {
                    let source = qde.sources.last_mut().unwrap();
                    let selection = source.selections.last_mut().unwrap();
                    selection.notes.push(attrs["targetGUID"].clone());
                }
                ("NoteRef", Some("TextSource")) => {
                    let source = qde.sources.last_mut().unwrap();
                    source.notes.push(attrs["targetGUID"].clone());
                }
                ("Note", _) => note_guid = attrs["guid"].clone(),
                _ => {}
            }
            if !empty {
                stack.push(name);
                text.clear();
            }
            continue;
        }
        match event {
            Event::Text(t) => text.push_str(&t.xml_content(XmlVersion::Explicit1_0).unwrap()),
            Event::GeneralRef(r) => match r.resolve_char_ref().unwrap() {
                Some(c) => text.push(c),
                None => text.push(match r.decode().unwrap().as_ref() {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity &{other};"),
                }),
            },
            Event::End(_) => {
                let name = stack.pop().unwrap();
                let parent = stack.last().map(String::as_str);
                match (name.as_str(), parent) {
                    ("Code", _) => {
                        code_path.pop();
                    }
                    ("Description", Some("PlainTextSelection")) => {
                        let source = qde.sources.last_mut().unwrap();
                        source.selections.last_mut().unwrap().description = text.clone();
                    }
                    ("PlainTextContent", Some("Note")) => {
                        qde.notes.insert(note_guid.clone(), text.clone());
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    qde
}

/// The archive's entries as name → bytes.
fn read_zip(bytes: &[u8]) -> HashMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (entry.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// Cuts code points `start..end` out of `text`.
fn cut(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn the_demo_with_manual_codes_is_valid_against_the_refi_qda_schema() {
    let project = demo_with_decisions();
    let analysis = analyse(&project);
    let xml = project_qde(&project, &analysis);
    validate(&xml);
    // The validated file has what the checks below rely on: every kind of
    // decision, notes for both memos, a codebook and variables.
    for needle in [
        "manual: accepted",
        "manual: relabelled",
        "manual: added",
        "automatic, score",
        "<Notes>",
        "<CodeBook>",
        "<Variables>",
        "<Cases>",
        "&lt;source&gt; &amp; the “quote”",
    ] {
        assert!(xml.contains(needle), "`{needle}` missing from the export");
    }
    // The schema cannot say that GUIDs are unique and that references point
    // somewhere; QDA tools refuse files where they do not.
    let values = |attribute: &str| -> Vec<String> {
        xml.split(&format!(" {attribute}=\""))
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            .collect()
    };
    let guids = values("guid");
    let unique: std::collections::HashSet<&String> = guids.iter().collect();
    assert_eq!(unique.len(), guids.len(), "duplicate GUIDs");
    let targets = values("targetGUID");
    assert!(targets.len() > 100);
    for target in &targets {
        assert!(
            unique.contains(target),
            "a reference to {target} points nowhere"
        );
    }
    // The same XML as stored in a written archive validates too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.qdpx");
    write_qdpx(&project, &analysis, &path).unwrap();
    let entries = read_zip(&std::fs::read(&path).unwrap());
    validate(std::str::from_utf8(&entries["project.qde"]).unwrap());
}

#[test]
fn a_project_without_documents_or_codes_is_valid_too() {
    // The schema forbids empty containers: nothing may be written as
    // `<Sources/>`, `<Notes/>`, `<CodeBook><Codes/>` …
    let mut project = Project::new("Empty");
    validate(&project_qde(&project, &analyse(&project)));
    project.scheme.focal_actors.clear();
    project.documents.push(accented_document().into());
    project.document_mut(0).unwrap().included = false;
    let xml = project_qde(&project, &analyse(&project));
    validate(&xml);
    assert!(
        !xml.contains("<Sources") && !xml.contains("<CodeBook"),
        "{xml}"
    );
}

#[test]
fn every_character_round_trips_and_every_selection_cuts_its_passage() {
    let mut project = demo_with_decisions();
    project.documents.push(accented_document().into());
    project.document_mut(2).unwrap().included = false;
    let analysis = analyse(&project);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("round-trip.qdpx");
    write_qdpx(&project, &analysis, &path).unwrap();
    let entries = read_zip(&std::fs::read(&path).unwrap());
    let qde = read_qde(std::str::from_utf8(&entries["project.qde"]).unwrap());
    let included: Vec<usize> = (0..project.documents.len())
        .filter(|&i| project.documents[i].included)
        .collect();
    assert_eq!(qde.sources.len(), included.len());
    assert_eq!(
        entries.len(),
        1 + included.len(),
        "project.qde plus one text per source"
    );
    let mut selections = 0;
    for (source, &i) in qde.sources.iter().zip(&included) {
        let doc = &project.documents[i];
        assert_eq!(source.name, doc.display_name());
        assert_eq!(source.path, format!("internal://{}.txt", source.guid));
        let stored = &entries[&format!("sources/{}.txt", source.guid)];
        assert_eq!(
            std::str::from_utf8(stored).unwrap(),
            doc.text,
            "the text of {} changed",
            doc.id
        );
        let expected: Vec<_> = analysis.documents[i].framing.counted().collect();
        assert_eq!(source.selections.len(), expected.len(), "{}", doc.id);
        for (s, p) in source.selections.iter().zip(expected) {
            assert_eq!(
                cut(&doc.text, s.start, s.end),
                &doc.text[p.passage.range.clone()]
            );
            let code = &qde.codes[&s.code];
            assert_eq!(*code, format!("{}/{}", p.passage.actor, p.passage.frame));
            selections += 1;
        }
    }
    assert!(selections > 20, "only {selections} selections checked");
}

#[test]
fn accented_and_non_latin_text_gets_code_point_offsets() {
    let mut project = Project::new("Accents");
    project.documents.push(accented_document().into());
    let analysis = analyse(&project);
    let bytes = qdpx_bytes(&project, &analysis).unwrap();
    let entries = read_zip(&bytes);
    let qde = read_qde(std::str::from_utf8(&entries["project.qde"]).unwrap());
    let doc = &project.documents[0];
    let chars: Vec<char> = doc.text.chars().collect();
    // Where a quote starts, searched for among the characters themselves.
    let char_index = |quote: &str| {
        let quote: Vec<char> = quote.chars().collect();
        (0..chars.len())
            .find(|&i| chars[i..].starts_with(&quote))
            .unwrap()
    };
    let source = &qde.sources[0];
    let wanted = [
        (
            "“Russia is weakened and distracted,” said an adviser.",
            "Russia/declining",
        ),
        (
            "Iran remains dominant on the Aras, ایران insists.",
            "Iran/persisting",
        ),
        ("Москва молчит; Russia is exhausted.", "Russia/declining"),
    ];
    for (quote, code) in wanted {
        let start = char_index(quote);
        let end = start + quote.chars().count();
        let byte_start = doc.text.find(quote).unwrap();
        let utf16_start = doc.text[..byte_start].encode_utf16().count();
        // The checks mean something: bytes and UTF-16 units would differ.
        assert!(start < utf16_start && utf16_start < byte_start);
        let selection = source
            .selections
            .iter()
            .find(|s| s.start == start && qde.codes[&s.code] == code)
            .unwrap_or_else(|| {
                let found: Vec<_> = source
                    .selections
                    .iter()
                    .map(|s| (cut(&doc.text, s.start, s.end), &qde.codes[&s.code]))
                    .collect();
                panic!("no selection at code point {start} for {code}: {found:#?}")
            });
        assert_eq!(selection.end, end, "{quote}");
        assert_eq!(cut(&doc.text, selection.start, selection.end), quote);
    }
    assert_eq!(
        std::str::from_utf8(&entries[&format!("sources/{}.txt", source.guid)]).unwrap(),
        doc.text
    );
}

#[test]
fn rejected_passages_are_left_out_and_manual_decisions_are_marked() {
    let mut project = demo();
    let found = passages(&project);
    let (rejected, accepted, relabelled) = (&found[1], &found[3], &found[5]);
    record(&mut project, rejected.0, &rejected.1, Decision::Reject);
    record(&mut project, accepted.0, &accepted.1, Decision::Accept);
    record(
        &mut project,
        relabelled.0,
        &relabelled.1,
        Decision::Relabel("persisting".into()),
    );
    record(
        &mut project,
        accepted.0,
        &accepted.1,
        Decision::Memo("keep".into()),
    );
    assert_eq!(project.codes[0].status, CodeStatus::Rejected);
    let analysis = analyse(&project);
    let qde = read_qde(&project_qde(&project, &analysis));
    let doc_index: Vec<usize> = (0..project.documents.len())
        .filter(|&i| project.documents[i].included)
        .collect();
    // Find the selection of a passage: same code-point span, same actor.
    let find = |(doc, p): &(usize, FramePassage)| {
        let source = doc_index.iter().position(|i| i == doc).unwrap();
        let text = &project.documents[*doc].text;
        let start = text[..p.range.start].chars().count();
        let end = start + text[p.range.clone()].chars().count();
        qde.sources[source].selections.iter().find(|s| {
            s.start == start
                && s.end == end
                && qde.codes[&s.code].starts_with(&format!("{}/", p.actor))
        })
    };
    assert!(
        find(rejected).is_none(),
        "the rejected passage was exported"
    );
    let accepted_selection = find(accepted).expect("the accepted passage is exported");
    assert!(
        accepted_selection
            .description
            .starts_with("manual: accepted")
    );
    assert_eq!(accepted_selection.notes.len(), 1);
    assert_eq!(qde.notes[&accepted_selection.notes[0]], "keep");
    let relabelled_selection = find(relabelled).expect("the relabelled passage is exported");
    assert!(
        relabelled_selection
            .description
            .starts_with("manual: relabelled")
    );
    assert_eq!(
        qde.codes[&relabelled_selection.code],
        format!("{}/persisting", relabelled.1.actor)
    );
    // Everything else is automatic, with its score.
    let all: Vec<&Selection> = qde.sources.iter().flat_map(|s| &s.selections).collect();
    let manual = all
        .iter()
        .filter(|s| s.description.starts_with("manual: "))
        .count();
    let automatic = all
        .iter()
        .filter(|s| s.description.starts_with("automatic, score "))
        .count();
    assert_eq!((manual, automatic + manual), (2, all.len()));
    assert_eq!(all.len(), found.len() - 1);
}

#[test]
fn two_exports_of_the_same_project_differ_only_in_the_creation_time() {
    let project = demo_with_decisions();
    let first = project_qde(&project, &analyse(&project));
    // The same project after a save and reload: same content, new values.
    let reloaded = parse_project(&project_to_ron(&project), "reloaded").unwrap();
    let second = project_qde(&reloaded, &analyse(&reloaded));
    let (a, b) = (read_qde(&first), read_qde(&second));
    assert!(!a.creation.is_empty());
    // Both export times are masked in both: a memo written in the same second
    // as one export carries that time too (a code's time is when it was made).
    let mask = |s: &str| s.replace(&a.creation, "TIME").replace(&b.creation, "TIME");
    assert_eq!(mask(&first), mask(&second));
    // The archives hold the same texts under the same names.
    let names = |p: &Project| {
        let mut names: Vec<String> = read_zip(&qdpx_bytes(p, &analyse(p)).unwrap())
            .into_keys()
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&project), names(&reloaded));
}

#[test]
fn writing_replaces_the_file_atomically_and_errors_name_the_file() {
    let project = demo();
    let analysis = analyse(&project);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.qdpx");
    std::fs::write(&path, "old").unwrap();
    write_qdpx(&project, &analysis, &path).unwrap();
    let entries = read_zip(&std::fs::read(&path).unwrap());
    assert!(entries.contains_key("project.qde"));
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");

    let missing = dir.path().join("no such folder").join("export.qdpx");
    let err = write_qdpx(&project, &analysis, &missing).unwrap_err();
    assert!(matches!(err, QdpxError::Io { .. }));
    assert!(
        err.to_string().contains(&missing.display().to_string()),
        "{err}"
    );
}
