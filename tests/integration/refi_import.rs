//! REFI-QDA import: Framescope's own `.qdpx` reads back with no loss (export
//! → import → export gives the same sources, codes, selections and notes),
//! files shaped like other tools' exports read as documented, positions in
//! UTF-16 code units are detected, broken files are placed by line and
//! column, and the `.qdc` codebook export is valid and reads back.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use framescope::analysis::{ProjectAnalysis, analyse_project};
use framescope::framing::{CodeStatus, Decision, decide};
use framescope::project::{Project, parse_project};
use framescope::report::refi::{import_qdc_bytes, import_qdpx_bytes};
use framescope::report::{project_qde, qdc_xml, qdpx_bytes};
use quick_xml::Reader;
use quick_xml::events::Event;

fn analyse(project: &Project) -> ProjectAnalysis {
    analyse_project(project, &AtomicBool::new(false), &|_, _| {}).unwrap()
}

/// What a `project.qde` holds, for comparing two exports: source names and
/// texts' lengths, code paths, selections as (source, start, end, code path)
/// and note texts.
#[derive(Debug, Default, PartialEq, Eq)]
struct Summary {
    sources: BTreeSet<String>,
    codes: BTreeSet<String>,
    selections: BTreeSet<(String, usize, usize, String)>,
    notes: BTreeSet<String>,
}

fn summarise(xml: &str) -> Summary {
    let mut reader = Reader::from_str(xml);
    let mut summary = Summary::default();
    let mut paths: std::collections::HashMap<String, String> = Default::default();
    let mut code_stack: Vec<String> = Vec::new();
    let mut source = String::new();
    let mut selection: Option<(usize, usize)> = None;
    let mut refs: Vec<(String, usize, usize, String)> = Vec::new();
    let mut in_note_text = false;
    let mut note = String::new();
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> String {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned()
            })
            .unwrap_or_default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"Code" => {
                code_stack.push(attr(&e, "name"));
                let path = code_stack.join("/");
                paths.insert(attr(&e, "guid"), path.clone());
                summary.codes.insert(path);
                if matches!(reader.read_event(), Ok(Event::End(_))) {
                    code_stack.pop();
                }
            }
            Event::End(e) if e.name().as_ref() == b"Code" => {
                code_stack.pop();
            }
            Event::Start(e) if e.name().as_ref() == b"TextSource" => {
                source = attr(&e, "name");
                summary.sources.insert(source.clone());
            }
            Event::Start(e) if e.name().as_ref() == b"PlainTextSelection" => {
                let n = |k| attr(&e, k).parse::<usize>().unwrap();
                selection = Some((n("startPosition"), n("endPosition")));
            }
            Event::Empty(e) if e.name().as_ref() == b"CodeRef" => {
                let (start, end) = selection.unwrap();
                refs.push((source.clone(), start, end, attr(&e, "targetGUID")));
            }
            Event::Start(e) if e.name().as_ref() == b"PlainTextContent" => in_note_text = true,
            Event::Text(t) if in_note_text => {
                note.push_str(&t.xml_content(quick_xml::XmlVersion::Explicit1_0).unwrap())
            }
            Event::GeneralRef(r) if in_note_text => {
                let name = r.decode().unwrap();
                note.push_str(quick_xml::escape::resolve_xml_entity(&name).unwrap_or("?"));
            }
            Event::End(e) if e.name().as_ref() == b"PlainTextContent" => {
                in_note_text = false;
                summary.notes.insert(std::mem::take(&mut note));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    for (source, start, end, guid) in refs {
        summary
            .selections
            .insert((source, start, end, paths[&guid].clone()));
    }
    summary
}

/// The demo with an accepted, a relabelled and a memo'd passage and a
/// document memo (no rejection: the export leaves rejected passages out, so
/// they cannot come back).
fn decided_demo() -> Project {
    let mut project = parse_project(framescope::DEMO_PROJECT, "demo").unwrap();
    let analysis = analyse(&project);
    let mut found = Vec::new();
    for (i, a) in analysis.documents.iter().enumerate() {
        for p in &a.framing.passages {
            found.push((i, p.passage.clone()));
        }
    }
    for (n, decision) in [
        (0, Decision::Accept),
        (3, Decision::Relabel("resurgent".into())),
        (5, Decision::Memo("check the <quote> & the date".into())),
    ] {
        let (d, p) = &found[n];
        let (id, text) = (
            project.documents[*d].id.clone(),
            project.documents[*d].text.clone(),
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
    project.document_mut(1).unwrap().memo = "Dateline & “Khankendi”".into();
    project
}

/// A fresh project with `like`'s dictionary and scheme, for importing into.
fn empty_like(like: &Project) -> Project {
    let mut project = Project::new("imported");
    project.dictionary = like.dictionary.clone();
    project.scheme = like.scheme.clone();
    project
}

#[test]
fn export_import_export_keeps_sources_codes_selections_and_notes() {
    let project = decided_demo();
    let analysis = analyse(&project);
    let first_qde = project_qde(&project, &analysis);
    let bytes = qdpx_bytes(&project, &analysis).unwrap();
    let mut imported = empty_like(&project);
    let report = import_qdpx_bytes(&bytes, "demo.qdpx", &mut imported).unwrap();
    let included = project.documents.iter().filter(|d| d.included).count();
    assert_eq!(report.imported.len(), included);
    assert!(report.skipped.is_empty(), "{report}");
    for doc in imported.documents.iter() {
        let original = project.documents.iter().find(|d| d.id == doc.id).unwrap();
        assert_eq!(doc.text, original.text);
        assert_eq!(doc.body, original.body);
        assert_eq!(doc.meta.source, original.meta.source);
    }
    assert_eq!(imported.documents[1].memo, "Dateline & “Khankendi”");
    let relabelled: Vec<_> = imported
        .codes
        .iter()
        .filter(|c| c.status == CodeStatus::Relabelled)
        .collect();
    assert_eq!(relabelled.len(), 1);
    assert_eq!(relabelled[0].frame, "resurgent");
    assert_eq!(
        imported.codes.iter().filter(|c| !c.memo.is_empty()).count(),
        1
    );
    let second_qde = project_qde(&imported, &analyse(&imported));
    let (first, second) = (summarise(&first_qde), summarise(&second_qde));
    assert!(first.selections.len() > 8);
    assert_eq!(first.notes.len(), 2);
    assert_eq!(first, second);
    // The scheme is unchanged: `resurgent` is kept for the code, not added.
    assert_eq!(imported.scheme, project.scheme);
}

/// A `.qdpx` with `project.qde` and the given entries.
fn archive(qde: &str, entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("project.qde", options).unwrap();
    zip.write_all(qde.as_bytes()).unwrap();
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A project in the shape other tools write: `Sources/` folder, a BOM and
/// CRLF, a source with no name and a bare path, inline text, a missing
/// file, a PDF, a selection with two codings and one with none, codes three
/// levels deep, GUIDs in braces and short ids, descriptions as attributes.
const OTHER_TOOL: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other" origin="SomeQDA 12">
  <CodeBook><Codes>
    <Code guid="{0A1B2C3D-0000-4000-8000-000000000001}" name="Russia" isCodable="true">
      <Code guid="r-d" name="declining" isCodable="true"/>
      <Code guid="r-p" name="persisting" isCodable="true"/>
    </Code>
    <Code guid="t1" name="Themes" isCodable="false" description="top">
      <Code guid="t2" name="Energy" isCodable="true">
        <Code guid="t3" name="Gas" isCodable="true"><Description>pipelines</Description></Code>
      </Code>
    </Code>
  </Codes></CodeBook>
  <Variables><Variable guid="v1" name="Outlet" typeOfVariable="Text"/><Variable guid="v2" name="Region" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="k1" name="Wave 1"><SourceRef targetGUID="s1"/></Case></Cases>
  <Sources>
    <TextSource guid="s1" name="First" plainTextPath="internal://one.txt">
      <PlainTextSelection guid="p1" startPosition="0" endPosition="18">
        <Coding guid="c1"><CodeRef targetGUID="r-d"/></Coding>
        <Coding guid="c2"><CodeRef targetGUID="{T3}"/></Coding>
        <NoteRef targetGUID="n1"/>
      </PlainTextSelection>
      <PlainTextSelection guid="p2" startPosition="20" endPosition="36"/>
      <VariableValue><VariableRef targetGUID="v1"/><TextValue>Steppe Post</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="v2"/><TextValue>Caucasus</TextValue></VariableValue>
    </TextSource>
    <TextSource guid="s2" plainTextPath="two.txt"/>
    <TextSource guid="s3" name="Inline"><PlainTextContent>Iran waits. Russia persists.</PlainTextContent>
      <PlainTextSelection guid="p3" startPosition="12" endPosition="27"><Coding guid="c3"><CodeRef targetGUID="r-p"/></Coding></PlainTextSelection>
    </TextSource>
    <TextSource guid="s4" name="Gone" plainTextPath="internal://gone.txt"/>
    <PDFSource guid="s5" name="Scan" path="internal://scan.pdf"/>
  </Sources>
  <Notes><Note guid="n1" name="memo"><PlainTextContent>strong claim</PlainTextContent></Note></Notes>
  <Links/>
</Project>"##;

#[test]
fn another_tools_project_reads_as_documented() {
    let one = "\u{feff}Russia is weakened\r\nIran is dominant now.\r\n";
    let archive = archive(
        OTHER_TOOL,
        &[
            ("Sources/one.txt", one.as_bytes()),
            ("Sources/two.txt", b"Second text, no name.\n"),
        ],
    );
    let mut project = Project::new("p");
    let report = import_qdpx_bytes(&archive, "other.qdpx", &mut project).unwrap();
    assert_eq!(report.imported.len(), 3, "{report}");
    assert_eq!(report.skipped.len(), 2, "{report}");
    assert!(
        report.skipped[0]
            .reason
            .contains("missing from the archive")
    );
    assert!(report.skipped[1].reason.contains("a PDF source"));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("`<Links>` is not imported"))
    );
    let docs = &project.documents;
    assert_eq!(docs.len(), 3);
    assert_eq!(
        docs[0].text,
        "Russia is weakened\r\nIran is dominant now.\r\n"
    );
    assert_eq!(docs[0].meta.source, "Steppe Post");
    assert_eq!(docs[0].meta.extra["Region"], "Caucasus");
    assert_eq!(docs[0].meta.extra["cases"], "Wave 1");
    assert_eq!(docs[1].meta.title, "s2");
    assert_eq!(docs[2].text, "Iran waits. Russia persists.");
    assert_eq!(project.codes.len(), 2);
    let first = &project.codes[0];
    assert_eq!(&docs[0].text[first.span.clone()], "Russia is weakened");
    assert_eq!(
        (first.actor.as_str(), first.frame.as_str()),
        ("Russia", "declining")
    );
    assert_eq!(first.status, CodeStatus::Added);
    assert_eq!(first.memo, "strong claim");
    let second = &project.codes[1];
    assert_eq!(&docs[2].text[second.span.clone()], "Russia persists");
    assert_eq!(project.user_codes.len(), 1);
    assert_eq!(project.user_codes[0].walk().len(), 3);
    assert_eq!(project.user_selections.len(), 2);
    assert_eq!(project.user_selections[0].codes, ["t3"]);
    assert_eq!(
        &docs[0].text[project.user_selections[1].span.clone()],
        "Iran is dominant"
    );
    assert!(project.user_selections[1].codes.is_empty());
    // The user codes and selections are exported again.
    let xml = project_qde(&project, &analyse(&project));
    let summary = summarise(&xml);
    assert!(summary.codes.contains("Themes/Energy/Gas"));
    assert!(summary.selections.contains(&(
        "First".to_string(),
        0,
        18,
        "Themes/Energy/Gas".to_string()
    )));
    validate(&xml, "refi-qda/Project-mrt2019.xsd");
}

#[test]
fn positions_in_utf16_code_units_are_detected() {
    let text = "Flags 🇦🇿🇹🇷 first. Then Russia is weakened, and 😀 Iran waits.";
    let count = |s: &str, utf16: bool| {
        if utf16 {
            s.encode_utf16().count()
        } else {
            s.chars().count()
        }
    };
    for utf16 in [false, true] {
        let span = |needle: &str| {
            let b = text.find(needle).unwrap();
            let start = count(&text[..b], utf16);
            (start, start + count(needle, utf16))
        };
        let ((a, b), (c, d)) = (span("Russia is weakened"), span("Iran waits"));
        let qde = format!(
            r#"<Project name="x"><CodeBook><Codes><Code guid="r" name="Russia" isCodable="true"><Code guid="d" name="declining" isCodable="true"/></Code></Codes></CodeBook>
            <Sources><TextSource guid="s" name="S"><PlainTextContent>{text}</PlainTextContent>
            <PlainTextSelection guid="1" startPosition="{a}" endPosition="{b}"><Coding guid="c1"><CodeRef targetGUID="d"/></Coding></PlainTextSelection>
            <PlainTextSelection guid="2" startPosition="{c}" endPosition="{d}"><Coding guid="c2"><CodeRef targetGUID="d"/></Coding></PlainTextSelection>
            </TextSource></Sources></Project>"#
        );
        let mut project = Project::new("p");
        let report = import_qdpx_bytes(&archive(&qde, &[]), "u.qdpx", &mut project).unwrap();
        let quotes: Vec<&str> = project
            .codes
            .iter()
            .map(|c| &text[c.span.clone()])
            .collect();
        assert_eq!(
            quotes,
            ["Russia is weakened", "Iran waits"],
            "utf16: {utf16}"
        );
        let said = if utf16 {
            "UTF-16 code units"
        } else {
            "Unicode code points"
        };
        assert!(
            report.warnings.iter().any(|w| w.message.contains(said)),
            "{report}"
        );
    }
}

#[test]
fn broken_files_are_placed() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"not a zip at all",
            "bad.qdpx: not a REFI-QDA project: cannot read it as a zip",
        ),
        (
            &archive("<Project>\n  <Sources>\n  </Source>\n</Project>", &[]),
            "bad.qdpx (project.qde):3:",
        ),
        (
            &archive("<Project name=\"a\nb\" x>\n</Project>", &[]),
            "bad.qdpx (project.qde):1:1:",
        ),
        (
            &archive("<CodeBook/>", &[]),
            "bad.qdpx (project.qde): the root element is `<CodeBook>`",
        ),
    ];
    for (bytes, start) in cases {
        let err = import_qdpx_bytes(bytes, "bad.qdpx", &mut Project::new("p"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(start), "{err}");
    }
}

/// Validates `xml` against a schema of ../shared with xmllint.
fn validate(xml: &str, schema: &str) {
    let Some(schema) = super::common::shared(schema) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file.xml");
    std::fs::write(&file, xml).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian package libxml2-utils)");
    assert!(
        out.status.success(),
        "not valid against {}:\n{}\n{xml}",
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_codebook_export_is_valid_and_reads_back_into_a_scheme() {
    let mut project = decided_demo();
    project.user_codes = vec![framescope::framing::UserCode {
        guid: "{6F2B0C4E-1111-4A2B-9C3D-000000000001}".into(),
        name: "Themes".into(),
        colour: Some("#abc".into()),
        description: String::new(),
        // A codebook has no notes: the memo is not written (and the file
        // stays valid).
        memo: "a memo".into(),
        codable: false,
        children: vec![],
    }];
    let analysis = analyse(&project);
    let xml = qdc_xml(&project, &analysis);
    validate(&xml, "refi-qda/Codebook-mrt2019.xsd");
    assert!(!xml.contains("NoteRef"));
    let mut fresh = Project::new("fresh");
    fresh.scheme.focal_actors.clear();
    let result = import_qdc_bytes(xml.as_bytes(), "c.qdc", &mut fresh).unwrap();
    let focal: Vec<&str> = analysis
        .focal_actors
        .iter()
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(result.scheme.focal_actors, focal);
    assert_eq!(result.user_codes, 1);
    assert_eq!(fresh.user_codes[0].name, "Themes");
    assert!(xml.contains("6f2b0c4e-1111-4a2b-9c3d-000000000001"));
}

#[test]
fn the_cli_imports_a_qdpx_and_a_codebook() {
    let project = decided_demo();
    let analysis = analyse(&project);
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("demo.qdpx");
    std::fs::write(&qdpx, qdpx_bytes(&project, &analysis).unwrap()).unwrap();
    let out = dir.path().join("p.ron");
    let printed = super::common::stdout_ok(&[
        "import",
        qdpx.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let included = project.documents.iter().filter(|d| d.included).count();
    assert!(
        printed.starts_with(&format!("imported {included} documents")),
        "{printed}"
    );
    let qdc = dir.path().join("c.qdc");
    super::common::stdout_ok(&[
        "export",
        out.to_str().unwrap(),
        "--what",
        "qdc",
        "-o",
        qdc.to_str().unwrap(),
    ]);
    let printed = super::common::stdout_ok(&[
        "scheme",
        "import",
        qdc.to_str().unwrap(),
        "--project",
        out.to_str().unwrap(),
    ]);
    assert!(printed.contains("user codes kept: 0"), "{printed}");
}

/// Shapes seen in real exports, one archive: MAXQDA's document sets and
/// selection comments (`<Description>`), QualCoder's journals (a note whose
/// text is an archive entry, attached to nothing), its annotations (a note
/// anchored to a passage, referred to by the source) and code memos, a
/// category that may not be coded, NVivo's variables on cases and codings
/// of a case, the namespace spelt `1:0`, sets of codes, and elements no
/// tool should need to have read.
const REAL_SHAPES: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1:0" name="Shapes" origin="QualCoder 3.6">
  <Users><User guid="u1" name="coder"/></Users>
  <CodeBook><Codes>
    <Code guid="{C0DE0000-0000-4000-8000-000000000001}" name="Barriers" isCodable="false">
      <Description>Obstacles</Description>
      <NoteRef targetGUID="n-code"/>
      <Code guid="C0DE0000-0000-4000-8000-000000000002" name="Cost" isCodable="true" color="#880E4F"/>
      <Code guid="C0DE0000-0000-4000-8000-000000000003" name="Distance" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="v-country" name="Country" typeOfVariable="Text"/>
    <Variable guid="v-date" name="Date" typeOfVariable="Date"/>
  </Variables>
  <Cases>
    <Case guid="k-anna" name="Anna">
      <VariableValue><VariableRef targetGUID="v-country"/><TextValue>Georgia</TextValue></VariableValue>
      <SourceRef targetGUID="s-1"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="s-1" name="Interview Anna" plainTextPath="internal://s-1.txt" creatingUser="u1">
      <Description>first wave</Description>
      <PlainTextSelection guid="p-1" startPosition="0" endPosition="15">
        <Description>said twice</Description>
        <Coding guid="g-1"><CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000002"/></Coding>
        <Coding guid="g-2"><CodeRef targetGUID="k-anna"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="p-2" startPosition="17" endPosition="32">
        <Coding guid="g-3"><CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000003"/><NoteRef targetGUID="n-coding"/></Coding>
        <AudioSelection guid="odd" begin="0" end="1"/>
      </PlainTextSelection>
      <VariableValue><VariableRef targetGUID="v-date"/><DateValue>2024-03-01</DateValue></VariableValue>
      <NoteRef targetGUID="n-annotation"/>
      <NoteRef targetGUID="n-doc"/>
      <Representation guid="r"/>
    </TextSource>
    <TextSource guid="s-2" name="Interview Ben" plainTextPath="internal://s-2.txt"/>
    <PictureSource guid="s-3" name="Photo" path="internal://photo.jpg"/>
  </Sources>
  <Notes>
    <Note guid="n-journal" name="Fieldwork journal" plainTextPath="internal://n-journal.txt" creationDateTime="2024-03-02T10:00:00Z"><Description/></Note>
    <Note guid="n-annotation" creationDateTime="2024-03-03T10:00:00Z">
      <PlainTextContent>check the price</PlainTextContent>
      <PlainTextSelection guid="a-1" startPosition="4" endPosition="15"/>
    </Note>
    <Note guid="n-doc" name="About Anna"><PlainTextContent>talkative</PlainTextContent></Note>
    <Note guid="n-code" name="Barriers memo"><PlainTextContent>merge with access?</PlainTextContent></Note>
    <Note guid="n-loose" name="Loose"><Description>only a description</Description></Note>
    <Note guid="n-coding" name="On a coding"><PlainTextContent>rare, not absent</PlainTextContent></Note>
  </Notes>
  <Sets>
    <Set guid="set-1" name="Wave 1"><MemberSource targetGUID="s-1"/><MemberSource targetGUID="s-2"/></Set>
    <Set guid="set-2" name="Core codes"><MemberCode targetGUID="C0DE0000-0000-4000-8000-000000000002"/></Set>
  </Sets>
  <Graphs/>
</Project>"##;

#[test]
fn shapes_from_real_exports_are_kept_and_counted() {
    let anna = "The fee is high; the bus is rare.\n";
    let archive = archive(
        REAL_SHAPES,
        &[
            ("sources/s-1.txt", anna.as_bytes()),
            ("sources/s-2.txt", b"Nothing to add.\n"),
            ("sources/n-journal.txt", b"Day one: two interviews.\n"),
        ],
    );
    let mut project = Project::new("p");
    let report = import_qdpx_bytes(&archive, "shapes.qdpx", &mut project).unwrap();
    let counts = report.qda.clone().expect("a .qdpx import counts");
    assert_eq!(
        counts,
        framescope::corpus::QdaCounts {
            sources: 3,
            text_sources: 2,
            codes: 3,
            frame_codes: 0,
            selections: 2,
            codings: 3,
            selections_kept: 2,
            notes: 6,
            notes_kept: 6,
            cases: 1,
            variables: 2,
            sets: 2,
        },
        "{report}"
    );
    assert!(
        report
            .to_string()
            .contains("REFI-QDA project: 3 sources (2 text), 3 codes"),
        "{report}"
    );
    let warned = |needle: &str| report.warnings.iter().any(|w| w.message.contains(needle));
    assert!(warned("`<Graphs>` is not imported"), "{report}");
    assert!(warned(
        "sets of codes or notes are not imported: `Core codes`"
    ));
    assert!(warned("1 × `<AudioSelection>` in a selection not imported"));
    assert!(warned(
        "1 × `<Representation>` in a text source not imported"
    ));
    // The coding of the case is no unknown code.
    assert!(!warned("not in the codebook"), "{report}");

    let anna_doc = &project.documents[0];
    assert_eq!(anna_doc.meta.extra["Country"], "Georgia");
    assert_eq!(anna_doc.meta.date, "2024-03-01");
    assert_eq!(anna_doc.meta.extra["cases"], "Anna");
    assert_eq!(anna_doc.meta.extra["sets"], "Wave 1");
    assert_eq!(project.documents[1].meta.extra["sets"], "Wave 1");
    assert_eq!(anna_doc.memo, "talkative");

    let barriers = &project.user_codes[0];
    assert!(!barriers.codable);
    assert_eq!(barriers.memo, "merge with access?");
    assert_eq!(barriers.children[0].colour.as_deref(), Some("#880E4F"));

    let quoted: Vec<(&str, &str)> = project
        .user_selections
        .iter()
        .map(|s| (&anna_doc.text[s.span.clone()], s.memo.as_str()))
        .collect();
    assert_eq!(
        quoted,
        [
            ("The fee is high", "said twice"),
            ("the bus is rare", "rare, not absent"),
            ("fee is high", "check the price"),
        ]
    );
    assert_eq!(
        project.notes,
        [
            framescope::framing::ProjectNote {
                name: "Fieldwork journal".into(),
                text: "Day one: two interviews.\n".into(),
                created: Some("2024-03-02T10:00:00Z".into()),
            },
            framescope::framing::ProjectNote {
                name: "Loose".into(),
                text: "only a description".into(),
                created: None,
            },
        ]
    );

    // Exported and imported again, nothing is lost: the same codes, code
    // memo, selections, memos and project notes.
    let xml = project_qde(&project, &analyse(&project));
    validate(&xml, "refi-qda/Project-mrt2019.xsd");
    let bytes = qdpx_bytes(&project, &analyse(&project)).unwrap();
    let mut again = Project::new("again");
    let report = import_qdpx_bytes(&bytes, "again.qdpx", &mut again).unwrap();
    let counts = report.qda.clone().unwrap();
    // The scheme's focal actors come with their frame codes; the three user
    // codes are the same. The annotation comes back as a selection.
    assert_eq!(
        (counts.codes - counts.frame_codes, counts.selections),
        (3, 3),
        "{report}"
    );
    assert_eq!(counts.notes, counts.notes_kept);
    // GUIDs come back as the export writes UUIDs: lower case, no braces.
    fn normalised(codes: &[framescope::framing::UserCode]) -> Vec<framescope::framing::UserCode> {
        codes
            .iter()
            .map(|c| framescope::framing::UserCode {
                guid: c.guid.trim_matches(['{', '}']).to_lowercase(),
                children: normalised(&c.children),
                ..c.clone()
            })
            .collect()
    }
    assert_eq!(again.user_codes, normalised(&project.user_codes));
    assert_eq!(again.notes, project.notes);
    let spans = |p: &Project| {
        p.user_selections
            .iter()
            .map(|s| (s.span.start, s.span.end, s.codes.len(), s.memo.clone()))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(spans(&again), spans(&project));
    assert_eq!(again.documents[0].memo, "talkative");
}

/// ATLAS.ti names the project XML after the project (`Trial.qde`), not
/// `project.qde`: the one `.qde` at the root is read, with a warning; with
/// several, the import cannot tell which and says so.
#[test]
fn a_project_xml_named_after_the_project_is_read() {
    let qde = r#"<Project xmlns="urn:QDA-XML:project:1.0" name="Trial" origin="ATLAS.ti Mac 26.1.2">
      <Sources><TextSource guid="s" name="Doc" plainTextPath="internal://s.txt"/></Sources>
    </Project>"#;
    let zip = |names: &[&str]| {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for name in names {
            zip.start_file(*name, options).unwrap();
            zip.write_all(qde.as_bytes()).unwrap();
        }
        zip.start_file("sources/s.txt", options).unwrap();
        zip.write_all(b"Some text.").unwrap();
        zip.finish().unwrap().into_inner()
    };
    let mut project = Project::new("p");
    let report = import_qdpx_bytes(&zip(&["Trial.qde"]), "t.qdpx", &mut project).unwrap();
    assert_eq!(report.imported.len(), 1, "{report}");
    assert!(
        report.warnings[0]
            .message
            .contains("`Trial.qde`, not `project.qde`")
    );
    let err = import_qdpx_bytes(&zip(&["A.qde", "B.qde"]), "t.qdpx", &mut project)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("2 other `.qde` files (`A.qde`, `B.qde`)"),
        "{err}"
    );
    let err = import_qdpx_bytes(&zip(&[]), "t.qdpx", &mut project)
        .unwrap_err()
        .to_string();
    assert!(err.contains("has no `project.qde`"), "{err}");
}

/// Texts a project keeps outside the archive: `relative://` beside the
/// `.qdpx` (or under its `basePath`), `absolute://` where it says; read with
/// a warning saying from where, or skipped saying where they were looked for.
#[test]
fn texts_outside_the_archive_are_read_from_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("beside.txt"), "Russia waits beside.").unwrap();
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "Iran waits elsewhere.").unwrap();
    let qde = format!(
        r#"<Project xmlns="urn:QDA-XML:project:1.0" name="External" origin="ATLAS.ti 26">
          <Sources>
            <TextSource guid="a" name="Beside" plainTextPath="relative:///beside.txt"/>
            <TextSource guid="b" name="Elsewhere" plainTextPath="absolute://{}"/>
            <TextSource guid="c" name="Gone" plainTextPath="relative://gone.txt"/>
          </Sources>
        </Project>"#,
        elsewhere.display()
    );
    let path = dir.path().join("external.qdpx");
    std::fs::write(&path, archive(&qde, &[])).unwrap();
    let mut project = Project::new("p");
    let report = framescope::report::refi::import_qdpx(&path, &mut project).unwrap();
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Russia waits beside.", "Iran waits elsewhere."],
        "{report}"
    );
    assert!(
        report.warnings.iter().any(|w| w
            .message
            .contains("`relative:///beside.txt` is outside the archive; read from")),
        "{report}"
    );
    assert_eq!(report.skipped.len(), 1);
    assert!(
        report.skipped[0]
            .reason
            .contains("outside the archive and not found (looked for"),
        "{report}"
    );
    // From bytes alone there is no folder to look in.
    let mut project = Project::new("p");
    let report = import_qdpx_bytes(&std::fs::read(&path).unwrap(), "x.qdpx", &mut project).unwrap();
    assert_eq!(report.imported.len(), 1, "{report}");
}
