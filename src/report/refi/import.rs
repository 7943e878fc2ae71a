//! REFI-QDA project import (`.qdpx`): text sources become documents, coded
//! selections manual codes (frame codes) or user selections (other codes),
//! notes memos, cases and variables metadata. Whatever cannot be read is
//! listed in the import report; only a broken archive or malformed XML
//! stops the import, with the file, line and column.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::Path;

use zip::ZipArchive;

use super::codebook::{
    SortedCodes, apply_to_scheme, guid_key, merge_user_codes, read_codes, sort_codes,
};
use super::positions::{PositionUnit, byte_range, choose_unit, readings_differ};
use super::xml::{Element, parse, xml_text};
use crate::corpus::{
    Document, DuplicateEntry, ImportReport, ImportWarning, ImportedEntry, Metadata, SkippedEntry,
    decode,
};
use crate::file_error::FileError;
use crate::framing::{CodeStatus, ManualCode, UserSelection, now, quote_hash, upsert_code};
use crate::project::Project;

/// The archive entry holding the project XML.
const PROJECT_ENTRY: &str = "project.qde";

/// Top-level elements of `project.qde` that are read.
const READ: [&str; 6] = [
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
];

/// Reads the `.qdpx` at `path` into `project` (documents, codes, scheme,
/// user codes) and reports what was imported and what was not.
pub fn import_qdpx(path: &Path, project: &mut Project) -> Result<ImportReport, FileError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: file.clone(),
        source,
    })?;
    import_qdpx_bytes(&bytes, &file, project)
}

/// [`import_qdpx`] from the archive's bytes; `file` names it in errors and
/// in the documents' origin.
pub fn import_qdpx_bytes(
    bytes: &[u8],
    file: &str,
    project: &mut Project,
) -> Result<ImportReport, FileError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| FileError::Invalid {
        path: file.to_string(),
        message: format!("not a REFI-QDA project: cannot read it as a zip archive ({e})"),
    })?;
    let entries = entry_names(&archive);
    let qde_name = entries
        .get(PROJECT_ENTRY)
        .cloned()
        .ok_or_else(|| FileError::Invalid {
            path: file.to_string(),
            message: format!("not a REFI-QDA project: the archive has no `{PROJECT_ENTRY}`"),
        })?;
    let qde_file = format!("{file} ({qde_name})");
    let qde_bytes = read_entry(&mut archive, &qde_name).map_err(|message| FileError::Invalid {
        path: qde_file.clone(),
        message,
    })?;
    let root = parse(xml_text(&qde_bytes, &qde_file)?, &qde_file)?;
    if root.name != "Project" {
        return Err(FileError::Invalid {
            path: qde_file,
            message: format!("the root element is `<{}>`, not `<Project>`", root.name),
        });
    }
    let mut import = Import::new(file, archive, entries, &root, project);
    import.run(&root);
    Ok(import.report)
}

/// Archive entry names by their lower-case form (`Sources/` and `sources/`
/// alike).
fn entry_names(archive: &ZipArchive<Cursor<&[u8]>>) -> HashMap<String, String> {
    // A name that is not valid in the archive's encoding cannot be asked for
    // by name either: leave it out (the source reading it is reported missing).
    archive
        .file_names()
        .filter_map(Result::ok)
        .map(|name| (name.to_lowercase(), name.to_string()))
        .collect()
}

/// Reads one entry whole, or says why not.
fn read_entry(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let mut entry = archive
        .by_name(name)
        .map_err(|e| format!("cannot open `{name}` in the archive: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{name}` in the archive: {e}"))?;
    Ok(bytes)
}

/// A coded selection as read, before its positions are mapped.
struct RawSelection {
    name: String,
    start: usize,
    end: usize,
    codes: Vec<String>,
    description: String,
    memo: String,
    time: Option<String>,
}

/// The state of one import.
struct Import<'a> {
    file: String,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    entries: HashMap<String, String>,
    project: &'a mut Project,
    report: ImportReport,
    codes: SortedCodes,
    user_guids: HashSet<String>,
    /// Note GUID key → (name, text).
    notes: HashMap<String, (String, String)>,
    used_notes: HashSet<String>,
    /// Variable GUID key → name.
    variables: HashMap<String, String>,
    /// Source GUID key → names of the cases it belongs to.
    cases: HashMap<String, Vec<String>>,
    /// Whether Framescope wrote the file (its descriptions can be read back).
    ours: bool,
}

impl<'a> Import<'a> {
    fn new(
        file: &str,
        archive: ZipArchive<Cursor<&'a [u8]>>,
        entries: HashMap<String, String>,
        root: &Element,
        project: &'a mut Project,
    ) -> Self {
        let tree = root
            .child("CodeBook")
            .and_then(|b| b.child("Codes"))
            .map(read_codes)
            .unwrap_or_default();
        let codes = sort_codes(tree, &project.scheme);
        let user_guids = codes.user_guids().into_iter().collect();
        Self {
            file: file.to_string(),
            archive,
            entries,
            project,
            report: ImportReport::default(),
            codes,
            user_guids,
            notes: read_notes(root),
            used_notes: HashSet::new(),
            variables: read_variables(root),
            cases: read_cases(root),
            ours: root
                .attr("origin")
                .is_some_and(|o| o.starts_with("Framescope")),
        }
    }

    fn warn(&mut self, message: String) {
        self.report.warnings.push(ImportWarning {
            path: self.file.clone(),
            message,
        });
    }

    fn run(&mut self, root: &Element) {
        for child in &root.children {
            match child.name.as_str() {
                name if READ.contains(&name) || name == "Description" => {}
                other => self.warn(format!("`<{other}>` is not imported")),
            }
        }
        let changes = apply_to_scheme(&self.codes, &mut self.project.scheme);
        if !changes.focal_actors.is_empty() {
            self.warn(format!(
                "focal actors added to the scheme: {}",
                changes.focal_actors.join(", ")
            ));
        }
        if !changes.frames.is_empty() {
            self.warn(format!(
                "frames added to the scheme (no cues yet): {}",
                changes.frames.join(", ")
            ));
        }
        merge_user_codes(
            &mut self.project.user_codes,
            std::mem::take(&mut self.codes.user_codes),
        );
        if let Some(sources) = root.child("Sources") {
            for source in &sources.children {
                self.source(source);
            }
        }
        let mut unused: Vec<&String> = self
            .notes
            .iter()
            .filter(|(guid, _)| !self.used_notes.contains(*guid))
            .map(|(_, (name, _))| name)
            .collect();
        unused.sort();
        let unused: Vec<String> = unused.into_iter().cloned().collect();
        for name in unused {
            self.warn(format!(
                "note `{name}` is attached to no source or selection; not imported"
            ));
        }
    }

    /// Imports one child of `<Sources>`.
    fn source(&mut self, el: &Element) {
        let guid = el.attr("guid").unwrap_or_default().to_string();
        let name = el
            .attr("name")
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&guid)
            .to_string();
        let label = format!("{}#{name}", self.file);
        if el.name != "TextSource" {
            let kind = el.name.trim_end_matches("Source");
            return self.skip(
                label,
                format!("a {kind} source; Framescope reads plain-text sources only"),
            );
        }
        let text = match self.source_text(el) {
            Ok(text) => text,
            Err(reason) => return self.skip(label, reason),
        };
        let document = self.document(el, &guid, &name, text);
        let selections = self.raw_selections(el);
        self.codes_of(&document, &label, &selections);
        self.add_document(document, label);
    }

    fn skip(&mut self, path: String, reason: String) {
        self.report.skipped.push(SkippedEntry { path, reason });
    }

    /// The source's text: inline `<PlainTextContent>` or the archive entry
    /// its `plainTextPath` names (`internal://x.txt` or a bare `x.txt`, in
    /// `sources/` or `Sources/`).
    fn source_text(&mut self, el: &Element) -> Result<String, String> {
        let bytes = if let Some(inline) = el.child("PlainTextContent") {
            inline.text.clone().into_bytes()
        } else {
            let path = el
                .attr("plainTextPath")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .ok_or("the source names no plain text (no plainTextPath)")?;
            if path.starts_with("relative://") || path.starts_with("absolute://") {
                return Err(format!("its text `{path}` is outside the archive"));
            }
            let bare = path.strip_prefix("internal://").unwrap_or(path);
            let wanted = [format!("sources/{bare}"), bare.to_string()];
            let entry = wanted
                .iter()
                .find_map(|w| self.entries.get(&w.to_lowercase()).cloned())
                .ok_or_else(|| format!("its text `{path}` is missing from the archive"))?;
            read_entry(&mut self.archive, &entry)?
        };
        let decoded = decode(&bytes).map_err(|e| format!("its text is not usable: {e}"))?;
        Ok(decoded.text)
    }

    /// The document for a source: text, metadata from variables, cases and
    /// (for Framescope's own files) the description, memo from its notes.
    fn document(&mut self, el: &Element, guid: &str, name: &str, text: String) -> Document {
        let description = el.child_text("Description").unwrap_or_default();
        let mut meta = Metadata {
            title: name.to_string(),
            origin: format!("{}#{name}", self.file),
            ..Metadata::default()
        };
        let mut body = None;
        if self.ours {
            body = read_our_description(&description, &text, &mut meta);
        } else if !description.trim().is_empty() {
            meta.extra
                .insert("description".into(), description.trim().to_string());
        }
        for value in el.children_named("VariableValue") {
            self.variable(value, &mut meta);
        }
        let cases: Vec<String> = self
            .cases
            .get(&guid_key(guid))
            .into_iter()
            .flatten()
            .filter(|c| **c != meta.source)
            .cloned()
            .collect();
        if !cases.is_empty() {
            meta.extra.insert("cases".into(), cases.join("; "));
        }
        let memo = self.note_texts(el);
        Document {
            id: Document::id_for_text(&text),
            meta,
            body: body.unwrap_or_else(|| std::iter::once(0..text.len()).collect()),
            text,
            included: true,
            duplicate_of: None,
            memo,
        }
    }

    /// Sets the metadata field a `<VariableValue>` gives.
    fn variable(&mut self, value: &Element, meta: &mut Metadata) {
        let Some(name) = value
            .child("VariableRef")
            .and_then(|r| r.attr("targetGUID"))
            .and_then(|g| self.variables.get(&guid_key(g)))
            .cloned()
        else {
            return self.warn("a variable value refers to no variable; not imported".into());
        };
        let text = value
            .children
            .iter()
            .find(|c| c.name.ends_with("Value"))
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let field = match name.to_lowercase().as_str() {
            "outlet" | "source" => &mut meta.source,
            "author" => &mut meta.author,
            "date" => &mut meta.date,
            "url" => &mut meta.url,
            _ => {
                meta.extra.insert(name, text);
                return;
            }
        };
        *field = text;
    }

    /// The texts of the notes an element refers to, joined by blank lines.
    fn note_texts(&mut self, el: &Element) -> String {
        let mut texts = Vec::new();
        for r in el.children_named("NoteRef") {
            let key = guid_key(r.attr("targetGUID").unwrap_or_default());
            if let Some((_, text)) = self.notes.get(&key) {
                texts.push(text.clone());
                self.used_notes.insert(key);
            }
        }
        texts.join("\n\n")
    }

    fn raw_selections(&mut self, el: &Element) -> Vec<RawSelection> {
        let mut out = Vec::new();
        for s in el.children_named("PlainTextSelection") {
            let position = |name| s.attr(name).and_then(|v| v.trim().parse::<usize>().ok());
            let name = s.attr("name").unwrap_or_default().to_string();
            let (Some(start), Some(end)) = (position("startPosition"), position("endPosition"))
            else {
                self.warn(format!(
                    "selection `{name}` has no valid positions; not imported"
                ));
                continue;
            };
            let codes = s
                .children_named("Coding")
                .filter_map(|c| c.child("CodeRef")?.attr("targetGUID"))
                .map(guid_key)
                .collect();
            out.push(RawSelection {
                name,
                start,
                end,
                codes,
                description: s.child_text("Description").unwrap_or_default(),
                memo: self.note_texts(s),
                time: s.attr("creationDateTime").map(str::to_string),
            });
        }
        out
    }

    /// Turns the selections of one document into manual codes and user
    /// selections, reading positions the way that fits the text.
    fn codes_of(&mut self, doc: &Document, label: &str, selections: &[RawSelection]) {
        let spans: Vec<(usize, usize)> = selections.iter().map(|s| (s.start, s.end)).collect();
        let unit = choose_unit(&doc.text, &spans);
        if readings_differ(&doc.text) && !selections.is_empty() {
            self.report.warnings.push(ImportWarning {
                path: label.to_string(),
                message: format!("selection positions read as {}", unit.describe()),
            });
        }
        for s in selections {
            let Some(range) = byte_range(&doc.text, unit, s.start, s.end) else {
                self.report.warnings.push(ImportWarning {
                    path: label.to_string(),
                    message: format!(
                        "selection `{}` ({}–{}) lies outside the text; not imported",
                        s.name, s.start, s.end
                    ),
                });
                continue;
            };
            self.selection(doc, label, s, range, unit);
        }
    }

    fn selection(
        &mut self,
        doc: &Document,
        label: &str,
        s: &RawSelection,
        range: Range<usize>,
        _unit: PositionUnit,
    ) {
        let mut user = Vec::new();
        for code in &s.codes {
            if let Some((actor, frame)) = self.codes.frame_codes.get(code) {
                let mut manual = ManualCode {
                    document: doc.id.clone(),
                    quote_hash: quote_hash(&doc.text[range.clone()]),
                    span: range.clone(),
                    actor: actor.clone(),
                    frame: frame.clone(),
                    status: status_of(&s.description, self.ours),
                    memo: s.memo.clone(),
                    time: s.time.clone().unwrap_or_else(now),
                };
                manual.memo = s.memo.clone();
                upsert_code(&mut self.project.codes, manual);
            } else if self.user_guids.contains(code) {
                user.push(code.clone());
            } else {
                self.report.warnings.push(ImportWarning {
                    path: label.to_string(),
                    message: format!(
                        "selection `{}` refers to a code not in the codebook",
                        s.name
                    ),
                });
            }
        }
        let frame_coded = s
            .codes
            .iter()
            .any(|c| self.codes.frame_codes.contains_key(c));
        if !user.is_empty() || !frame_coded {
            let guids = user.iter().filter_map(|key| self.user_guid(key)).collect();
            self.project.user_selections.push(UserSelection {
                document: doc.id.clone(),
                span: range,
                codes: guids,
                memo: if frame_coded {
                    String::new()
                } else {
                    s.memo.clone()
                },
            });
        }
    }

    /// The GUID of the user code with this key, as the codebook spelt it.
    fn user_guid(&self, key: &str) -> Option<String> {
        self.project
            .user_codes
            .iter()
            .flat_map(|c| c.walk())
            .find(|c| guid_key(&c.guid) == key)
            .map(|c| c.guid.clone())
    }

    fn add_document(&mut self, doc: Document, label: String) {
        if let Some(first) = self.project.documents.iter().find(|d| d.id == doc.id) {
            self.report.duplicates.push(DuplicateEntry {
                origin: label,
                duplicate_of: first.meta.origin.clone(),
            });
            return;
        }
        self.report.imported.push(ImportedEntry {
            origin: label,
            id: doc.id.clone(),
            title: doc.meta.title.clone(),
        });
        self.project.documents.push(doc.into());
    }
}

/// The status a selection's code gets: what Framescope's description says
/// (`manual: relabelled`, `automatic…` counts as accepted), else added — a
/// passage coded by hand in another tool.
fn status_of(description: &str, ours: bool) -> CodeStatus {
    if !ours {
        return CodeStatus::Added;
    }
    let first = description.lines().next().unwrap_or_default().trim();
    match first.strip_prefix("manual: ") {
        Some("relabelled") => CodeStatus::Relabelled,
        Some("added") => CodeStatus::Added,
        _ => CodeStatus::Accepted,
    }
}

/// Reads what Framescope's export writes into a source's description: the
/// origin and the body ranges (code points). Returns the body in bytes.
fn read_our_description(
    description: &str,
    text: &str,
    meta: &mut Metadata,
) -> Option<Vec<Range<usize>>> {
    let mut body = None;
    for line in description.lines() {
        if let Some(origin) = line.strip_prefix("Imported from: ") {
            meta.origin = origin.trim().to_string();
        } else if let Some(ranges) =
            line.strip_prefix("Body analysed (code points, end exclusive): ")
        {
            body = ranges
                .split(", ")
                .map(|r| {
                    let (a, b) = r.split_once('–')?;
                    byte_range(
                        text,
                        PositionUnit::CodePoints,
                        a.parse().ok()?,
                        b.parse().ok()?,
                    )
                })
                .collect::<Option<Vec<_>>>();
        }
    }
    body
}

/// Note GUID key → (name, text) of every `<Note>`.
fn read_notes(root: &Element) -> HashMap<String, (String, String)> {
    root.child("Notes")
        .into_iter()
        .flat_map(|n| n.children_named("Note"))
        .map(|note| {
            let guid = note.attr("guid").unwrap_or_default();
            let name = note.attr("name").unwrap_or(guid).to_string();
            let text = note.child_text("PlainTextContent").unwrap_or_default();
            (guid_key(guid), (name, text))
        })
        .collect()
}

/// Variable GUID key → name.
fn read_variables(root: &Element) -> HashMap<String, String> {
    root.child("Variables")
        .into_iter()
        .flat_map(|v| v.children_named("Variable"))
        .map(|v| {
            let guid = v.attr("guid").unwrap_or_default();
            (guid_key(guid), v.attr("name").unwrap_or(guid).to_string())
        })
        .collect()
}

/// Source GUID key → the names of its cases.
fn read_cases(root: &Element) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for case in root
        .child("Cases")
        .into_iter()
        .flat_map(|c| c.children_named("Case"))
    {
        let name = case.attr("name").unwrap_or_default().trim().to_string();
        for r in case.children_named("SourceRef") {
            let key = guid_key(r.attr("targetGUID").unwrap_or_default());
            out.entry(key).or_default().push(name.clone());
        }
    }
    out
}
