//! REFI-QDA project exchange (`.qdpx`): a project's documents and framing
//! passages as codes, coded selections and notes that MAXQDA, NVivo, ATLAS.ti
//! and QualCoder import, so an analyst can carry on in a QDA tool.
//!
//! A `.qdpx` is a zip holding `project.qde` (QDA-XML 1.0, namespace
//! [`QDE_NAMESPACE`], valid against the published `Project-mrt2019.xsd`) and one
//! `sources/<guid>.txt` per exported document holding the document's text
//! exactly (UTF-8). Selection offsets count Unicode code points of that text,
//! end exclusive, as the standard asks; Framescope's own offsets are bytes, so
//! they are converted here.
//!
//! What is exported:
//! - the codebook: one parent code per focal actor, with one child code per
//!   label of the frame scheme (its frames, then the neutral label);
//! - one text source per included document, with its metadata in the source's
//!   description and as document variables, and one case per outlet;
//! - one coded selection per passage that counts (rejected passages are left
//!   out), its description saying whether the label is automatic (with its
//!   score and cues) or the analyst's (`manual: accepted` …);
//! - passage and document memos as notes;
//! - provenance in the project's description: Framescope version, dictionary
//!   and scheme fingerprints, scope and export date.
//!
//! GUIDs are name-based (UUID v5 from the document id, actor, label and span),
//! so exporting the same project twice gives the same `project.qde` apart from
//! the export time. The schema forbids empty container elements (`<Notes/>`,
//! `<Sets/>` …) and tools refuse files that have them, so a container is
//! written only when it has children.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{self, Cursor, Write};
use std::ops::Range;
use std::path::Path;

use quick_xml::Writer;
use quick_xml::escape::{escape, partial_escape};
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use thiserror::Error;
use uuid::Uuid;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::analysis::ProjectAnalysis;
use crate::corpus::{Document, Metadata, Scope};
use crate::framing::{
    CodeStatus, CodedPassage, ManualCode, Reference, UserCode, UserSelection, quote_hash,
};
use crate::project::Project;
// GUIDs are keyed as the importer keys them: braces dropped, lower case.
use super::refi::guid_key;

/// The XML namespace of `project.qde` (QDA-XML 1.0).
pub const QDE_NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The name of the project XML inside a `.qdpx` archive.
pub const PROJECT_ENTRY: &str = "project.qde";

/// Framescope's namespace for name-based GUIDs. Chosen once at random; it must
/// never change, or every re-export would get new GUIDs and stop diffing cleanly.
const GUID_NAMESPACE: Uuid = Uuid::from_u128(0x2512_c340_e596_4480_b65f_0013_08ba_d788);

/// Joins the parts of a GUID's name: a character no name contains, so
/// (`a/b`, `c`) and (`a`, `b/c`) never give the same name.
const NAME_SEPARATOR: &str = "\u{1f}";

/// The neutral label's colour: the grey the app draws it in (`app::theme::NEUTRAL`).
const NEUTRAL_COLOUR: &str = "#8a8f98";

/// Characters of a passage kept in its selection's name.
const QUOTE_CHARS: usize = 60;

/// How errors of the in-memory export name their "file".
const IN_MEMORY: &str = "(in-memory .qdpx)";

/// Why a `.qdpx` could not be produced. Every variant names the file.
#[derive(Debug, Error)]
pub enum QdpxError {
    /// The analysis was not computed from this project as it is now (a stale
    /// result): exporting it would put selections at the wrong places.
    #[error(
        "{file}: the analysis does not match the project ({reason}); analyse the project again"
    )]
    StaleAnalysis { file: String, reason: String },
    /// The zip archive could not be built.
    #[error("{file}: cannot write `{entry}` into the archive: {source}")]
    Archive {
        file: String,
        entry: String,
        #[source]
        source: zip::result::ZipError,
    },
    /// Writing the file to disk failed.
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: io::Error,
    },
}

/// The `.qdpx` archive of `project` as bytes: `project.qde` plus one
/// `sources/<guid>.txt` per included document.
///
/// `analysis` must be [`crate::analysis::analyse_project`]'s result for this
/// very project; a stale one is refused with [`QdpxError::StaleAnalysis`].
pub fn qdpx_bytes(project: &Project, analysis: &ProjectAnalysis) -> Result<Vec<u8>, QdpxError> {
    build_archive(project, analysis, IN_MEMORY, &crate::framing::now())
}

/// Writes the `.qdpx` archive of `project` to `path`, atomically: the archive
/// goes to a temporary file in the same folder, is flushed to disk and renamed
/// over `path`, so `path` is always either the complete old file or the
/// complete new one.
pub fn write_qdpx(
    project: &Project,
    analysis: &ProjectAnalysis,
    path: &Path,
) -> Result<(), QdpxError> {
    let file = path.display().to_string();
    let bytes = build_archive(project, analysis, &file, &crate::framing::now())?;
    let io = |source: io::Error| QdpxError::Io {
        file: file.clone(),
        source,
    };
    crate::project::write_atomically(path, &bytes).map_err(io)?;
    Ok(())
}

/// The `project.qde` XML alone (what the archive holds), e.g. for validation
/// against the schema. Passages whose ranges do not fit their document (a
/// stale analysis) are left out here; [`qdpx_bytes`] refuses them instead.
pub fn project_qde(project: &Project, analysis: &ProjectAnalysis) -> String {
    Export::new(project, analysis).to_xml(&crate::framing::now())
}

/// The XML namespace of a `.qdc` codebook (QDA-XML 1.0).
pub const QDC_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";

/// The project's codebook as a REFI-QDA `.qdc` (valid against the published
/// `Codebook-mrt2019.xsd` when it has at least one code): the same codes,
/// GUIDs and descriptions as the `.qdpx` export's codebook.
pub fn qdc_xml(project: &Project, analysis: &ProjectAnalysis) -> String {
    let mut guids = Guids::default();
    let codes = CodeBook::new(project, analysis, &mut guids);
    let mut xml = Xml::new();
    // The writer writes into a Vec<u8>, which never fails.
    write_qdc(&mut xml, &codes).expect("writing XML to memory cannot fail");
    let mut bytes = xml.writer.into_inner();
    bytes.push(b'\n');
    // Every byte written came from a `&str`, so this is UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn write_qdc(xml: &mut Xml, codes: &CodeBook) -> io::Result<()> {
    xml.writer.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("utf-8"),
        Some("yes"),
    )))?;
    let origin = format!("Framescope {}", env!("CARGO_PKG_VERSION"));
    xml.open("CodeBook", &[("xmlns", QDC_NAMESPACE), ("origin", &origin)])?;
    xml.open("Codes", &[])?;
    for code in codes.top_level() {
        write_code(xml, code)?;
    }
    xml.close("Codes")?;
    xml.close("CodeBook")
}

/// Builds the archive; `file` names the output in errors, `created` is the
/// export time (xsd:dateTime).
fn build_archive(
    project: &Project,
    analysis: &ProjectAnalysis,
    file: &str,
    created: &str,
) -> Result<Vec<u8>, QdpxError> {
    check_analysis(project, analysis).map_err(|reason| QdpxError::StaleAnalysis {
        file: file.to_string(),
        reason,
    })?;
    let export = Export::new(project, analysis);
    let xml = export.to_xml(created);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_time(created))
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut add = |entry: &str, bytes: &[u8]| {
        zip.start_file(entry, options)
            .and_then(|()| zip.write_all(bytes).map_err(zip::result::ZipError::from))
            .map_err(|source| QdpxError::Archive {
                file: file.to_string(),
                entry: entry.to_string(),
                source,
            })
    };
    add(PROJECT_ENTRY, xml.as_bytes())?;
    for source in &export.sources {
        add(&source_entry(source.guid), source.doc.text.as_bytes())?;
    }
    let cursor = zip.finish().map_err(|source| QdpxError::Archive {
        file: file.to_string(),
        entry: "(central directory)".to_string(),
        source,
    })?;
    Ok(cursor.into_inner())
}

/// The archive path of a source's text: `sources/<guid>.txt`.
fn source_entry(guid: Uuid) -> String {
    format!("sources/{}.txt", guid.hyphenated())
}

/// The zip timestamp of the export time (`YYYY-MM-DDTHH:MM:SS…`), or the zip
/// epoch if it cannot be read (the entries' times are informative only).
fn zip_time(created: &str) -> zip::DateTime {
    let number = |range: Range<usize>| created.get(range).and_then(|s| s.parse::<u16>().ok());
    let parts = (
        number(0..4),
        number(5..7),
        number(8..10),
        number(11..13),
        number(14..16),
        number(17..19),
    );
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = parts else {
        return zip::DateTime::default();
    };
    let byte = |v: u16| u8::try_from(v).unwrap_or(u8::MAX);
    zip::DateTime::from_date_and_time(y, byte(mo), byte(d), byte(h), byte(mi), byte(s))
        .unwrap_or_default()
}

/// Checks that `analysis` fits `project`: one entry per document and every
/// passage of an included document a range of its text on character
/// boundaries. The reason is returned for the error message.
fn check_analysis(project: &Project, analysis: &ProjectAnalysis) -> Result<(), String> {
    if analysis.documents.len() != project.documents.len() {
        return Err(format!(
            "{} document(s) analysed, the project has {}",
            analysis.documents.len(),
            project.documents.len()
        ));
    }
    for (doc, result) in project.documents.iter().zip(&analysis.documents) {
        if !doc.included {
            continue;
        }
        if let Some(p) = result
            .framing
            .passages
            .iter()
            .find(|p| !fits(&doc.text, &p.passage.range))
        {
            return Err(format!(
                "a passage at bytes {}..{} lies outside the text of `{}`",
                p.passage.range.start,
                p.passage.range.end,
                doc.display_name()
            ));
        }
    }
    Ok(())
}

/// Whether `range` is a range of `text` that starts and ends on characters.
fn fits(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end && text.get(range.clone()).is_some()
}

/// Hands out name-based GUIDs, unique within one export: a name met twice
/// (which deterministic inputs make rare) gets a numbered variant, still
/// deterministic because the export walks the project in a fixed order.
#[derive(Default)]
struct Guids {
    used: HashSet<Uuid>,
}

impl Guids {
    fn make(&mut self, parts: &[&str]) -> Uuid {
        let name = parts.join(NAME_SEPARATOR);
        let mut guid = Uuid::new_v5(&GUID_NAMESPACE, name.as_bytes());
        let mut n = 1;
        while !self.used.insert(guid) {
            n += 1;
            let numbered = format!("{name}{NAME_SEPARATOR}{n}");
            guid = Uuid::new_v5(&GUID_NAMESPACE, numbered.as_bytes());
        }
        guid
    }
}

/// Whether two actor or label names are the same (the scheme and dictionary
/// compare names without regard to case).
fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A code of the codebook: a focal actor, one label under it, or a user code.
struct Code {
    guid: Uuid,
    name: String,
    colour: Option<String>,
    description: String,
    codable: bool,
    /// A user code's memo, and the note it is written as (`.qdpx` only: a
    /// `.qdc` has no notes).
    memo: String,
    note: Option<Uuid>,
    children: Vec<Code>,
}

impl Code {
    /// Gives this code and every code under it with a memo its note.
    fn attach_notes(&mut self, guids: &mut Guids, notes: &mut Vec<Note>) {
        if !self.memo.trim().is_empty() {
            let guid = guids.make(&["note", "code", &self.guid.to_string()]);
            notes.push(Note {
                guid,
                name: format!("Memo: {}", self.name),
                text: self.memo.clone(),
                created: None,
            });
            self.note = Some(guid);
        }
        for child in &mut self.children {
            child.attach_notes(guids, notes);
        }
    }
}

/// The codebook: actors with their labels, in scheme order, then any actor or
/// label that only manual codes still use (so no coding points nowhere), then
/// the user codes imported from another tool's codebook.
struct CodeBook {
    actors: Vec<Code>,
    user: Vec<Code>,
    /// GUID key of a user code (as the project stores it) → GUID written.
    user_guids: HashMap<String, Uuid>,
}

impl CodeBook {
    fn new(project: &Project, analysis: &ProjectAnalysis, guids: &mut Guids) -> Self {
        let mut book = Self {
            actors: Vec::new(),
            user: Vec::new(),
            user_guids: HashMap::new(),
        };
        for (_, actor) in &analysis.focal_actors {
            book.add_actor(project, actor, true, guids);
            for label in project.scheme.labels() {
                book.code(project, actor, label, guids);
            }
        }
        book.user = project
            .user_codes
            .iter()
            .map(|c| book.user_code(c, guids))
            .collect();
        book
    }

    /// A user code and its children, keeping its GUID when it is a UUID.
    fn user_code(&mut self, code: &UserCode, guids: &mut Guids) -> Code {
        let key = guid_key(&code.guid);
        let guid = match Uuid::parse_str(&key) {
            Ok(uuid) if guids.used.insert(uuid) => uuid,
            _ => guids.make(&["user code", &code.guid]),
        };
        self.user_guids.insert(key, guid);
        Code {
            guid,
            name: code.name.clone(),
            colour: code.colour.clone().filter(|c| is_rgb(c)),
            description: code.description.clone(),
            codable: code.codable,
            memo: code.memo.clone(),
            note: None,
            children: code
                .children
                .iter()
                .map(|c| self.user_code(c, guids))
                .collect(),
        }
    }

    /// Whether the codebook has any code.
    fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.user.is_empty()
    }

    /// Every top-level code: actors, then user codes.
    fn top_level(&self) -> impl Iterator<Item = &Code> {
        self.actors.iter().chain(&self.user)
    }

    /// Adds the parent code of `actor`; returns its index.
    fn add_actor(
        &mut self,
        project: &Project,
        actor: &str,
        focal: bool,
        guids: &mut Guids,
    ) -> usize {
        let colour = project
            .dictionary
            .actor(actor)
            .map(|(_, a)| a.colour.to_string());
        let description = if focal {
            format!("Passages about {actor}'s influence, by frame (Framescope focal actor).")
        } else {
            format!(
                "{actor} is not a focal actor of the current frame scheme; kept because manual codes use it."
            )
        };
        self.actors.push(Code {
            guid: guids.make(&["code", actor]),
            name: actor.to_string(),
            colour,
            description,
            codable: true,
            memo: String::new(),
            note: None,
            children: Vec::new(),
        });
        self.actors.len() - 1
    }

    /// The GUID of the code for `label` under `actor`, added if missing.
    fn code(&mut self, project: &Project, actor: &str, label: &str, guids: &mut Guids) -> Uuid {
        let a = match self.actors.iter().position(|c| same_name(&c.name, actor)) {
            Some(a) => a,
            None => self.add_actor(project, actor, false, guids),
        };
        if let Some(child) = self.actors[a]
            .children
            .iter()
            .find(|c| same_name(&c.name, label))
        {
            return child.guid;
        }
        let scheme = &project.scheme;
        let actor = self.actors[a].name.clone();
        let (colour, description) = if let Some(f) = scheme.frame_index(label) {
            (
                Some(scheme.frames[f].colour.to_string()),
                format!("Passages that frame {actor}'s influence as {label}."),
            )
        } else if same_name(&scheme.neutral_frame, label) {
            (
                Some(NEUTRAL_COLOUR.to_string()),
                format!("Passages that name {actor} without any frame cue."),
            )
        } else {
            (
                None,
                format!(
                    "`{label}` is not a label of the current frame scheme; kept because manual codes use it."
                ),
            )
        };
        let guid = guids.make(&["code", &actor, label]);
        self.actors[a].children.push(Code {
            guid,
            name: label.to_string(),
            colour,
            description,
            codable: true,
            memo: String::new(),
            note: None,
            children: Vec::new(),
        });
        guid
    }
}

/// Reads one metadata field.
type MetaField = fn(&Metadata) -> &str;

/// A document variable (a metadata field).
struct Variable {
    guid: Uuid,
    name: &'static str,
    description: &'static str,
    value: MetaField,
}

/// The metadata fields exported as variables: name, description, getter.
const VARIABLES: [(&str, &str, MetaField); 4] = [
    ("Outlet", "The outlet that published the article.", |m| {
        &m.source
    }),
    ("Author", "The article's author.", |m| &m.author),
    (
        "Date",
        "The publication date as the source gives it.",
        |m| &m.date,
    ),
    ("URL", "Where the article was published.", |m| &m.url),
];

/// A case: all articles of one outlet.
struct Case {
    guid: Uuid,
    name: String,
    sources: Vec<Uuid>,
}

/// A note (a memo).
struct Note {
    guid: Uuid,
    name: String,
    text: String,
    created: Option<String>,
}

/// A coded selection of a text source.
struct Selection {
    guid: Uuid,
    name: String,
    /// Code points of the source text, end exclusive.
    start: usize,
    end: usize,
    description: String,
    /// (coding GUID, code GUID) for each code applied; none for a user
    /// selection that carried no coding.
    codings: Vec<(Uuid, Uuid)>,
    note: Option<Uuid>,
    /// When the analyst made the decision, for manual passages.
    created: Option<String>,
}

/// A text source: one document.
struct Source<'a> {
    guid: Uuid,
    doc: &'a Document,
    description: String,
    selections: Vec<Selection>,
    note: Option<Uuid>,
    /// (variable GUID, value) for the non-empty metadata fields.
    values: Vec<(Uuid, String)>,
}

/// Counts for the provenance note.
#[derive(Default)]
struct Stats {
    excluded: usize,
    automatic: usize,
    manual: usize,
    rejected: usize,
    empty: usize,
}

/// Everything the export writes, gathered before any XML is written.
struct Export<'a> {
    project: &'a Project,
    scope: Scope,
    user: Uuid,
    codes: CodeBook,
    variables: Vec<Variable>,
    cases: Vec<Case>,
    sources: Vec<Source<'a>>,
    notes: Vec<Note>,
    stats: Stats,
}

impl<'a> Export<'a> {
    fn new(project: &'a Project, analysis: &ProjectAnalysis) -> Self {
        let mut guids = Guids::default();
        let user = guids.make(&["user", "Framescope"]);
        let mut codes = CodeBook::new(project, analysis, &mut guids);
        let included: Vec<_> = project
            .documents
            .iter()
            .zip(&analysis.documents)
            .filter(|(doc, _)| doc.included)
            .collect();
        let variables: Vec<Variable> = VARIABLES
            .iter()
            .filter(|(_, _, value)| {
                included
                    .iter()
                    .any(|(d, _)| !value(&d.meta).trim().is_empty())
            })
            .map(|&(name, description, value)| Variable {
                guid: guids.make(&["variable", name]),
                name,
                description,
                value,
            })
            .collect();
        let mut stats = Stats {
            excluded: project.documents.len() - included.len(),
            ..Stats::default()
        };
        let mut sources = Vec::new();
        let mut notes = Vec::new();
        let mut cases: Vec<Case> = Vec::new();
        for (doc, result) in included {
            let guid = guids.make(&["source", &doc.id]);
            // Only ranges on character boundaries of the text (a stale
            // analysis may hold others): the slicing and the offset lookups
            // below rely on it, and `code_points` maps every such boundary.
            let passages: Vec<&CodedPassage> = result
                .framing
                .passages
                .iter()
                .filter(|p| fits(&doc.text, &p.passage.range))
                .collect();
            let body = match analysis.scope {
                Scope::Body => doc.body.clone(),
                Scope::Full => Vec::new(),
            };
            let user: Vec<&UserSelection> = project
                .user_selections
                .iter()
                .filter(|s| s.document == doc.id && !s.span.is_empty() && fits(&doc.text, &s.span))
                .collect();
            let offsets = code_points(
                &doc.text,
                passages
                    .iter()
                    .map(|p| &p.passage.range)
                    .chain(&body)
                    .chain(user.iter().map(|s| &s.span))
                    .flat_map(|r| [r.start, r.end]),
            );
            let mut selections = Vec::new();
            for p in passages {
                let range = &p.passage.range;
                if p.status == Some(CodeStatus::Rejected) {
                    stats.rejected += 1;
                    continue;
                }
                if range.is_empty() {
                    // A selection of nothing codes nothing, and tools refuse it.
                    stats.empty += 1;
                    continue;
                }
                let actor = p.passage.actor.trim();
                let label = p.passage.frame.trim();
                let code = codes.code(project, actor, label, &mut guids);
                let span = format!("{}..{}", range.start, range.end);
                let key = ["selection", doc.id.as_str(), actor, span.as_str()];
                let manual = p.status.map(|_| manual_code(&project.codes, doc, p));
                let created = manual.flatten().and_then(|c| date_time(&c.time));
                let note = (!p.memo.trim().is_empty()).then(|| {
                    let note = guids.make(&["note", &key.join(NAME_SEPARATOR)]);
                    notes.push(Note {
                        guid: note,
                        name: format!(
                            "Memo: {actor}, {label}: {}",
                            short_quote(&doc.text[range.clone()])
                        ),
                        text: p.memo.clone(),
                        created: created.clone(),
                    });
                    note
                });
                if p.status.is_some() {
                    stats.manual += 1;
                } else {
                    stats.automatic += 1;
                }
                selections.push(Selection {
                    guid: guids.make(&key),
                    name: short_quote(&doc.text[range.clone()]),
                    start: offsets[&range.start],
                    end: offsets[&range.end],
                    description: selection_description(&doc.text, p, actor, label),
                    codings: vec![(
                        guids.make(&["coding", doc.id.as_str(), actor, span.as_str()]),
                        code,
                    )],
                    note,
                    created,
                });
            }
            for s in user {
                selections.push(user_selection(
                    doc, s, &codes, &offsets, &mut guids, &mut notes,
                ));
            }
            let note = (!doc.memo.trim().is_empty()).then(|| {
                let note = guids.make(&["note", "source", &doc.id]);
                notes.push(Note {
                    guid: note,
                    name: format!("Memo: {}", one_line(doc.display_name())),
                    text: doc.memo.clone(),
                    created: None,
                });
                note
            });
            let outlet = doc.meta.source.trim();
            if !outlet.is_empty() {
                match cases.iter_mut().find(|c| c.name == outlet) {
                    Some(case) => case.sources.push(guid),
                    None => cases.push(Case {
                        guid: guids.make(&["case", "outlet", outlet]),
                        name: outlet.to_string(),
                        sources: vec![guid],
                    }),
                }
            }
            let values = variables
                .iter()
                .map(|v| (v.guid, (v.value)(&doc.meta).trim().to_string()))
                .filter(|(_, value)| !value.is_empty())
                .collect();
            sources.push(Source {
                guid,
                doc,
                description: source_description(doc, &body, &offsets),
                selections,
                note,
                values,
            });
        }
        for code in &mut codes.user {
            code.attach_notes(&mut guids, &mut notes);
        }
        for (i, note) in project.notes.iter().enumerate() {
            notes.push(Note {
                guid: guids.make(&["note", "project", &i.to_string(), &note.name]),
                name: note.name.clone(),
                text: note.text.clone(),
                created: note.created.clone().filter(|t| is_date_time(t)),
            });
        }
        Self {
            project,
            scope: analysis.scope,
            user,
            codes,
            variables,
            cases,
            sources,
            notes,
            stats,
        }
    }

    /// The provenance written as the project's description.
    fn provenance(&self, created: &str) -> String {
        let project = self.project;
        let scope = match self.scope {
            Scope::Body => "body (each article's body ranges; site chrome left out)",
            Scope::Full => "full text",
        };
        let s = &self.stats;
        let mut lines = vec![
            format!(
                "Exported by Framescope {} on {created}.",
                env!("CARGO_PKG_VERSION")
            ),
            format!(
                "Dictionary fingerprint: {}",
                project.dictionary.fingerprint()
            ),
            format!("Frame scheme fingerprint: {}", project.scheme.fingerprint()),
            format!("Scope: {scope}"),
            format!(
                "Documents: {} exported; {} excluded from the analysis and left out.",
                self.sources.len(),
                s.excluded
            ),
            format!(
                "Passages: {} exported ({} automatic, {} with a manual decision); {} rejected left out.",
                s.automatic + s.manual,
                s.automatic,
                s.manual,
                s.rejected
            ),
        ];
        if s.empty > 0 {
            lines.push(format!("{} empty passage(s) left out.", s.empty));
        }
        lines.push(
            "Codes: one parent code per focal actor, one child code per frame label. \
             Selection positions are Unicode code points of the source text, end exclusive."
                .to_string(),
        );
        lines.join("\n")
    }

    /// The whole `project.qde`; `created` is the export time (xsd:dateTime).
    fn to_xml(&self, created: &str) -> String {
        let mut xml = Xml::new();
        // The writer writes into a Vec<u8>, which never fails.
        self.write(&mut xml, created)
            .expect("writing XML to memory cannot fail");
        let mut bytes = xml.writer.into_inner();
        bytes.push(b'\n');
        // Every byte written came from a `&str`, so this is UTF-8; the lossy
        // path is unreachable and only avoids a panic.
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    fn write(&self, xml: &mut Xml, created: &str) -> io::Result<()> {
        xml.writer.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("utf-8"),
            Some("yes"),
        )))?;
        let user = self.user.hyphenated().to_string();
        let name = if self.project.name.trim().is_empty() {
            "Framescope project"
        } else {
            self.project.name.trim()
        };
        let origin = format!("Framescope {}", env!("CARGO_PKG_VERSION"));
        xml.open(
            "Project",
            &[
                ("xmlns", QDE_NAMESPACE),
                ("name", name),
                ("origin", &origin),
                ("creatingUserGUID", &user),
                ("creationDateTime", created),
            ],
        )?;
        xml.open("Users", &[])?;
        xml.empty("User", &[("guid", &user), ("name", "Framescope")])?;
        xml.close("Users")?;
        if !self.codes.is_empty() {
            xml.open("CodeBook", &[])?;
            xml.open("Codes", &[])?;
            for code in self.codes.top_level() {
                write_code(xml, code)?;
            }
            xml.close("Codes")?;
            xml.close("CodeBook")?;
        }
        if !self.variables.is_empty() {
            xml.open("Variables", &[])?;
            for v in &self.variables {
                let guid = v.guid.hyphenated().to_string();
                xml.open(
                    "Variable",
                    &[
                        ("guid", &guid),
                        ("name", v.name),
                        ("typeOfVariable", "Text"),
                    ],
                )?;
                xml.text("Description", v.description)?;
                xml.close("Variable")?;
            }
            xml.close("Variables")?;
        }
        if !self.cases.is_empty() {
            xml.open("Cases", &[])?;
            for case in &self.cases {
                let guid = case.guid.hyphenated().to_string();
                xml.open("Case", &[("guid", &guid), ("name", &case.name)])?;
                xml.text(
                    "Description",
                    &format!("Articles published by {}.", case.name),
                )?;
                for source in &case.sources {
                    xml.empty(
                        "SourceRef",
                        &[("targetGUID", &source.hyphenated().to_string())],
                    )?;
                }
                xml.close("Case")?;
            }
            xml.close("Cases")?;
        }
        if !self.sources.is_empty() {
            xml.open("Sources", &[])?;
            for source in &self.sources {
                self.write_source(xml, source, &user)?;
            }
            xml.close("Sources")?;
        }
        if !self.notes.is_empty() {
            xml.open("Notes", &[])?;
            for note in &self.notes {
                let guid = note.guid.hyphenated().to_string();
                let mut attrs = vec![
                    ("guid", guid.as_str()),
                    ("name", note.name.as_str()),
                    ("creatingUser", user.as_str()),
                ];
                if let Some(time) = &note.created {
                    attrs.push(("creationDateTime", time));
                }
                xml.open("Note", &attrs)?;
                xml.text("PlainTextContent", &note.text)?;
                xml.close("Note")?;
            }
            xml.close("Notes")?;
        }
        xml.text("Description", &self.provenance(created))?;
        xml.close("Project")
    }

    fn write_source(&self, xml: &mut Xml, source: &Source, user: &str) -> io::Result<()> {
        let guid = source.guid.hyphenated().to_string();
        let path = format!("internal://{guid}.txt");
        xml.open(
            "TextSource",
            &[
                ("guid", &guid),
                ("name", &one_line(source.doc.display_name())),
                ("plainTextPath", &path),
                ("creatingUser", user),
            ],
        )?;
        if !source.description.is_empty() {
            xml.text("Description", &source.description)?;
        }
        for s in &source.selections {
            let guid = s.guid.hyphenated().to_string();
            let (start, end) = (s.start.to_string(), s.end.to_string());
            let mut attrs = vec![
                ("guid", guid.as_str()),
                ("name", s.name.as_str()),
                ("startPosition", start.as_str()),
                ("endPosition", end.as_str()),
                ("creatingUser", user),
            ];
            if let Some(time) = &s.created {
                attrs.push(("creationDateTime", time));
            }
            xml.open("PlainTextSelection", &attrs)?;
            xml.text("Description", &s.description)?;
            for (coding, code) in &s.codings {
                let coding = coding.hyphenated().to_string();
                let mut attrs = vec![("guid", coding.as_str()), ("creatingUser", user)];
                if let Some(time) = &s.created {
                    attrs.push(("creationDateTime", time));
                }
                xml.open("Coding", &attrs)?;
                xml.empty("CodeRef", &[("targetGUID", &code.hyphenated().to_string())])?;
                xml.close("Coding")?;
            }
            if let Some(note) = s.note {
                xml.empty("NoteRef", &[("targetGUID", &note.hyphenated().to_string())])?;
            }
            xml.close("PlainTextSelection")?;
        }
        if let Some(note) = source.note {
            xml.empty("NoteRef", &[("targetGUID", &note.hyphenated().to_string())])?;
        }
        for (variable, value) in &source.values {
            xml.open("VariableValue", &[])?;
            xml.empty(
                "VariableRef",
                &[("targetGUID", &variable.hyphenated().to_string())],
            )?;
            xml.text("TextValue", value)?;
            xml.close("VariableValue")?;
        }
        xml.close("TextSource")
    }
}

fn write_code(xml: &mut Xml, code: &Code) -> io::Result<()> {
    let guid = code.guid.hyphenated().to_string();
    let mut attrs = vec![
        ("guid", guid.as_str()),
        ("name", code.name.as_str()),
        ("isCodable", if code.codable { "true" } else { "false" }),
    ];
    if let Some(colour) = &code.colour {
        attrs.push(("color", colour));
    }
    xml.open("Code", &attrs)?;
    if !code.description.is_empty() {
        xml.text("Description", &code.description)?;
    }
    if let Some(note) = code.note {
        xml.empty("NoteRef", &[("targetGUID", &note.hyphenated().to_string())])?;
    }
    for child in &code.children {
        write_code(xml, child)?;
    }
    xml.close("Code")
}

/// Whether `time` looks like the `xsd:dateTime` the schema asks for
/// (`2024-05-01T12:00:00`, then fractions or a zone), as a time another
/// tool's file gave need not be.
fn is_date_time(time: &str) -> bool {
    let b = time.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
}

/// Whether `colour` is a colour the schema allows (`#rgb` or `#rrggbb`).
fn is_rgb(colour: &str) -> bool {
    colour
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The selection for a span coded with user codes, its memo a note.
/// `offsets` maps the span's ends (it was built with them).
fn user_selection(
    doc: &Document,
    s: &UserSelection,
    codes: &CodeBook,
    offsets: &HashMap<usize, usize>,
    guids: &mut Guids,
    notes: &mut Vec<Note>,
) -> Selection {
    let span = format!("{}..{}", s.span.start, s.span.end);
    let key = ["user selection", doc.id.as_str(), span.as_str()];
    let quote = short_quote(&doc.text[s.span.clone()]);
    let codings = s
        .codes
        .iter()
        .filter_map(|c| codes.user_guids.get(&guid_key(c)))
        .map(|&code| {
            let coding = guids.make(&[
                "user coding",
                doc.id.as_str(),
                span.as_str(),
                &code.to_string(),
            ]);
            (coding, code)
        })
        .collect();
    let note = (!s.memo.trim().is_empty()).then(|| {
        let guid = guids.make(&["note", &key.join(NAME_SEPARATOR)]);
        notes.push(Note {
            guid,
            name: format!("Memo: {quote}"),
            text: s.memo.clone(),
            created: None,
        });
        guid
    });
    Selection {
        guid: guids.make(&key),
        name: quote,
        start: offsets[&s.span.start],
        end: offsets[&s.span.end],
        description: "user codes (imported from a REFI-QDA codebook)".to_string(),
        codings,
        note,
        created: None,
    }
}

/// The manual code behind a passage with a manual decision: same document,
/// actor and status, anchored inside the passage or quoting the same text.
fn manual_code<'c>(
    codes: &'c [ManualCode],
    doc: &Document,
    p: &CodedPassage,
) -> Option<&'c ManualCode> {
    let range = &p.passage.range;
    let quote = quote_hash(doc.text.get(range.clone())?);
    codes
        .iter()
        .filter(|c| {
            c.document == doc.id && c.actor == p.passage.actor && Some(c.status) == p.status
        })
        .find(|c| {
            c.quote_hash == quote
                || c.anchor(&doc.text, &[])
                    .is_some_and(|s| range.start <= s.start && s.end <= range.end)
        })
}

/// `time` if it is an RFC 3339 UTC time (which is also an xsd:dateTime), so a
/// hand-edited project cannot make the XML invalid.
fn date_time(time: &str) -> Option<String> {
    humantime::parse_rfc3339(time.trim())
        .ok()
        .map(|_| time.trim().to_string())
}

/// How a passage's label came about, and why: the selection's description.
fn selection_description(text: &str, p: &CodedPassage, actor: &str, label: &str) -> String {
    let mut lines = vec![match p.status {
        Some(status) => format!("manual: {}", status_word(status)),
        None if p.passage.cues.is_empty() => {
            format!("automatic, score {:.2} (no frame cue)", p.passage.score)
        }
        None => format!("automatic, score {:.2}", p.passage.score),
    }];
    lines.push(format!("actor: {actor}; frame: {label}"));
    if p.status.is_none() && !p.passage.cues.is_empty() {
        let cues: Vec<String> = p
            .passage
            .cues
            .iter()
            .filter_map(|c| {
                let word = text.get(c.range.clone())?;
                Some(if c.negated {
                    format!("{word} (negated, counts as {})", c.frame)
                } else {
                    word.to_string()
                })
            })
            .collect();
        lines.push(format!("cues: {}", cues.join(", ")));
    }
    if p.passage.reference == Reference::CarryOver {
        lines.push("refers back to the actor named in the previous sentence".to_string());
    }
    lines.join("\n")
}

fn status_word(status: CodeStatus) -> &'static str {
    match status {
        CodeStatus::Accepted => "accepted",
        CodeStatus::Rejected => "rejected",
        CodeStatus::Relabelled => "relabelled",
        CodeStatus::Added => "added",
    }
}

/// The source's description: its metadata, its Framescope id and, when the
/// analysis looked at the body only, where the body is (in code points).
fn source_description(
    doc: &Document,
    body: &[Range<usize>],
    offsets: &HashMap<usize, usize>,
) -> String {
    let m = &doc.meta;
    let mut lines = Vec::new();
    for (name, value) in [
        ("Source", &m.source),
        ("Author", &m.author),
        ("Date", &m.date),
        ("URL", &m.url),
        ("Imported from", &m.origin),
    ] {
        if !value.trim().is_empty() {
            lines.push(format!("{name}: {}", value.trim()));
        }
    }
    lines.push(format!("Framescope document id: {}", doc.id));
    if let Some(original) = &doc.duplicate_of {
        lines.push(format!("Duplicate of: {original}"));
    }
    let ranges: Vec<String> = body
        .iter()
        .filter_map(|r| {
            Some(format!(
                "{}–{}",
                offsets.get(&r.start)?,
                offsets.get(&r.end)?
            ))
        })
        .collect();
    if !ranges.is_empty() {
        lines.push(format!(
            "Body analysed (code points, end exclusive): {}",
            ranges.join(", ")
        ));
    }
    lines.join("\n")
}

/// Maps byte offsets of `text` (on character boundaries) to code-point
/// offsets, in one pass over the text however many offsets there are.
fn code_points(text: &str, bytes: impl IntoIterator<Item = usize>) -> HashMap<usize, usize> {
    let mut wanted: Vec<usize> = bytes.into_iter().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut wanted = wanted.into_iter().peekable();
    let mut out = HashMap::new();
    let boundaries = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    for (point, byte) in boundaries.enumerate() {
        while let Some(&w) = wanted.peek() {
            if w > byte {
                break;
            }
            if w == byte {
                out.insert(w, point);
            }
            wanted.next();
        }
    }
    out
}

/// `text` on one line: whitespace runs (newlines included) become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short quote of a passage for a selection's name.
fn short_quote(text: &str) -> String {
    let line = one_line(text);
    if line.chars().count() <= QUOTE_CHARS {
        return line;
    }
    let cut: String = line.chars().take(QUOTE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// Whether XML 1.0 allows `c` at all (even as a character reference).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `s` with characters XML cannot carry replaced by U+FFFD.
fn xml_chars(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(
            s.chars()
                .map(|c| if is_xml_char(c) { c } else { '\u{fffd}' })
                .collect(),
        )
    }
}

/// A small layer over quick-xml's writer: elements with escaped attributes
/// and text. quick-xml escapes markup; on top of that, a carriage return (and
/// in attributes a tab or newline) is written as a character reference, since
/// an XML reader would otherwise normalise it away.
struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> Self {
        Self {
            writer: Writer::new_with_indent(Vec::new(), b' ', 2),
        }
    }

    fn start<'n>(name: &'n str, attrs: &[(&str, &str)]) -> BytesStart<'n> {
        let mut element = BytesStart::new(name);
        for (key, value) in attrs {
            let value = escape(xml_chars(value))
                .replace('\t', "&#9;")
                .replace('\n', "&#10;")
                .replace('\r', "&#13;");
            element.push_attribute(Attribute::from((key.as_bytes(), value.as_bytes())));
        }
        element
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Start(Self::start(name, attrs)))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Empty(Self::start(name, attrs)))
    }

    fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    /// An element holding only text.
    fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.open(name, &[])?;
        let escaped = partial_escape(xml_chars(text)).replace('\r', "&#13;");
        self.writer
            .write_event(Event::Text(BytesText::from_escaped(escaped)))?;
        self.close(name)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use quick_xml::Reader;
    use quick_xml::events::Event;

    use super::*;
    use crate::analysis::analyse_project;
    use crate::framing::{Decision, decide};

    fn document(text: &str, title: &str) -> Document {
        let meta = Metadata {
            title: title.into(),
            source: "Caspian Ledger".into(),
            ..Metadata::default()
        };
        crate::test_fixtures::document(text, meta)
    }

    fn project_with(texts: &[&str]) -> Project {
        let mut project = Project::new("Test");
        for (i, text) in texts.iter().enumerate() {
            project
                .documents
                .push(document(text, &format!("Doc {i}")).into());
        }
        project
    }

    fn analyse(project: &Project) -> ProjectAnalysis {
        analyse_project(project, &AtomicBool::new(false), &|_, _| {}).unwrap()
    }

    /// Every element of the XML as (name, attributes), in document order, and
    /// the texts of `Description` elements.
    fn elements(xml: &str) -> Vec<(String, HashMap<String, String>)> {
        let mut reader = Reader::from_str(xml);
        let mut out = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) | Event::Empty(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    let attrs = e
                        .attributes()
                        .map(|a| {
                            let a = a.unwrap();
                            (
                                String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                                    .unwrap()
                                    .into_owned(),
                            )
                        })
                        .collect();
                    out.push((name, attrs));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        out
    }

    const ACCENTED: &str = "Azərbaycan and Erdoğan agree. “Russia is weakened and distracted,” \
        said an official in Bakı.\nIran remains dominant 🇦🇿, Тегеран says.\n";

    #[test]
    fn code_points_count_characters_not_bytes() {
        let text = "aə🇦🇿b";
        let map = code_points(text, [0, 1, 3, 11, 12]);
        assert_eq!(map[&0], 0);
        assert_eq!(map[&1], 1);
        assert_eq!(map[&3], 2);
        assert_eq!(map[&11], 4);
        assert_eq!(map[&12], 5);
    }

    #[test]
    fn selections_are_at_code_point_offsets_of_the_text() {
        let project = project_with(&[ACCENTED]);
        let analysis = analyse(&project);
        let export = Export::new(&project, &analysis);
        let source = &export.sources[0];
        assert!(source.selections.len() >= 2, "Russia and Iran passages");
        let chars: Vec<char> = ACCENTED.chars().collect();
        for (s, p) in source
            .selections
            .iter()
            .zip(analysis.documents[0].framing.counted())
        {
            let cut: String = chars[s.start..s.end].iter().collect();
            assert_eq!(cut, &ACCENTED[p.passage.range.clone()]);
        }
        // The Russian passage follows `ə` and `ğ` (two bytes each): it starts
        // at code point 30, byte 32, and holds `“`, `”` (three bytes each) and
        // `ı` (two), so it ends 7 code points before its byte end.
        let russia = &analysis.documents[0].framing.passages[0].passage;
        assert_eq!(russia.actor, "Russia");
        assert_eq!(russia.range.start, 32);
        assert_eq!(source.selections[0].start, 30);
        assert_eq!(source.selections[0].end + 7, russia.range.end);
        // The Iranian one follows all of those: 7 more bytes than code points.
        let iran = &analysis.documents[0].framing.passages[1].passage;
        assert_eq!(iran.actor, "Iran");
        assert_eq!(source.selections[1].start + 7, iran.range.start);
    }

    #[test]
    fn guids_are_unique_well_formed_and_stable() {
        let mut project = project_with(&[ACCENTED, "Russia is weakened. Iran is weakened too.\n"]);
        project.document_mut(0).unwrap().memo = "check the flag".into();
        let analysis = analyse(&project);
        let xml = project_qde_at(&project, &analysis, "2026-01-01T00:00:00Z");
        let mut seen = HashSet::new();
        for (name, attrs) in elements(&xml) {
            if let Some(guid) = attrs.get("guid") {
                assert!(seen.insert(guid.clone()), "{name}: duplicate GUID {guid}");
                let parsed = Uuid::parse_str(guid).unwrap();
                assert_eq!(parsed.hyphenated().to_string(), *guid);
            }
        }
        assert!(seen.len() > 10);
        assert_eq!(
            xml,
            project_qde_at(&project, &analysis, "2026-01-01T00:00:00Z")
        );
    }

    fn project_qde_at(project: &Project, analysis: &ProjectAnalysis, created: &str) -> String {
        Export::new(project, analysis).to_xml(created)
    }

    #[test]
    fn markup_and_control_characters_are_escaped_and_survive_a_reader() {
        let mut project = project_with(&["Russia is weakened.\n"]);
        project.name = "A <b>\n& \"c\"\t'd'\u{1}".into();
        project.document_mut(0).unwrap().meta.title = "Line one\nline two".into();
        project.document_mut(0).unwrap().memo = "memo with <tags> & a\r\nWindows line".into();
        let analysis = analyse(&project);
        let xml = project_qde_at(&project, &analysis, "2026-01-01T00:00:00Z");
        let all = elements(&xml);
        let root = &all.iter().find(|(n, _)| n == "Project").unwrap().1;
        // Newline and tab survive attribute-value normalisation as references.
        assert_eq!(root["name"], "A <b>\n& \"c\"\t'd'\u{fffd}");
        let source = &all.iter().find(|(n, _)| n == "TextSource").unwrap().1;
        assert_eq!(source["name"], "Line one line two");
        assert!(xml.contains("memo with &lt;tags&gt; &amp; a&#13;\nWindows line"));
    }

    #[test]
    fn an_empty_project_has_no_empty_containers() {
        let mut project = Project::new("Empty");
        project.scheme.focal_actors.clear();
        let analysis = analyse(&project);
        let xml = project_qde_at(&project, &analysis, "2026-01-01T00:00:00Z");
        for container in [
            "CodeBook",
            "Codes",
            "Sources",
            "Notes",
            "Variables",
            "Cases",
            "Sets",
        ] {
            assert!(
                !xml.contains(&format!("<{container}")),
                "{container} in:\n{xml}"
            );
        }
        assert!(xml.contains("<Users>"));
    }

    /// A one-sentence project with `decision` on its passage, analysed.
    fn decided_on_one_passage(decision: Decision) -> (Project, ProjectAnalysis) {
        let text = "Russia is weakened.\n";
        let mut project = project_with(&[text]);
        let analysis = analyse(&project);
        let p = &analysis.documents[0].framing.passages[0].passage;
        let id = project.documents[0].id.clone();
        decide(
            &mut project.codes,
            &id,
            text,
            p.range.clone(),
            &p.actor,
            &p.frame,
            decision,
        )
        .unwrap();
        let analysis = analyse(&project);
        (project, analysis)
    }

    #[test]
    fn a_memo_on_a_passage_becomes_a_note_it_refers_to() {
        let (project, analysis) = decided_on_one_passage(Decision::Memo("strong wording".into()));
        let export = Export::new(&project, &analysis);
        let selection = &export.sources[0].selections[0];
        assert_eq!(selection.note, Some(export.notes[0].guid));
        assert_eq!(export.notes[0].text, "strong wording");
        assert!(selection.description.starts_with("manual: accepted"));
        assert_eq!(
            selection.created.as_deref(),
            Some(project.codes[0].time.as_str())
        );
    }

    #[test]
    fn a_label_outside_the_scheme_still_gets_a_code() {
        let (project, analysis) = decided_on_one_passage(Decision::Relabel("resurgent".into()));
        let export = Export::new(&project, &analysis);
        let russia = export
            .codes
            .actors
            .iter()
            .find(|c| c.name == "Russia")
            .unwrap();
        let resurgent = russia
            .children
            .iter()
            .find(|c| c.name == "resurgent")
            .unwrap();
        assert_eq!(export.sources[0].selections[0].codings[0].1, resurgent.guid);
    }

    #[test]
    fn a_stale_analysis_is_refused_and_names_the_file() {
        let project = project_with(&["Russia is weakened.\n"]);
        let mut analysis = analyse(&project);
        analysis.documents[0].framing.passages[0].passage.range = 0..999;
        let err = qdpx_bytes(&project, &analysis).unwrap_err();
        assert!(matches!(err, QdpxError::StaleAnalysis { .. }));
        assert!(err.to_string().starts_with(IN_MEMORY), "{err}");
        analysis.documents.pop();
        let err = qdpx_bytes(&project, &analysis).unwrap_err().to_string();
        assert!(
            err.contains("0 document(s) analysed, the project has 1"),
            "{err}"
        );
    }

    #[test]
    fn the_zip_time_is_the_export_time() {
        let t = zip_time("2026-11-23T06:26:17Z");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2026, 11, 23, 6, 26)
        );
        assert_eq!(zip_time("garbage"), zip::DateTime::default());
    }
}
