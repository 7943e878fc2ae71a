//! REFI-QDA project import (`.qdpx`): text sources become documents, coded
//! selections manual codes (frame codes) or user selections (other codes),
//! notes memos, cases and variables metadata. Whatever cannot be read is
//! listed in the import report; only a broken archive or malformed XML
//! stops the import, with the file, line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use super::codebook::{
    SortedCodes, apply_to_scheme, guid_key, merge_user_codes, read_codes, sort_codes,
};
use super::positions::{PositionUnit, byte_range, choose_unit, readings_differ};
use super::xml::{Element, parse, xml_text};
use crate::corpus::{
    Document, DuplicateEntry, ImportReport, ImportWarning, ImportedEntry, Metadata, QdaCounts,
    SkippedEntry, decode,
};
use crate::file_error::FileError;
use crate::framing::{
    CodeStatus, ManualCode, ProjectNote, UserCode, UserSelection, now, quote_hash, upsert_code,
};
use crate::project::Project;

/// The archive entry holding the project XML.
const PROJECT_ENTRY: &str = "project.qde";

/// Top-level elements of `project.qde` that are read.
const READ: [&str; 7] = [
    "Users",
    "CodeBook",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Sets",
];

/// Children of a `<TextSource>` that are read.
const SOURCE_CHILDREN: [&str; 5] = [
    "Description",
    "PlainTextContent",
    "PlainTextSelection",
    "VariableValue",
    "NoteRef",
];

/// Children of a `<PlainTextSelection>` that are read.
const SELECTION_CHILDREN: [&str; 3] = ["Description", "Coding", "NoteRef"];

/// Reads the `.qdpx` at `path` into `project` (documents, codes, scheme,
/// user codes) and reports what was imported and what was not.
pub fn import_qdpx(path: &Path, project: &mut Project) -> Result<ImportReport, FileError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| FileError::Io {
        path: file.clone(),
        source,
    })?;
    import_archive(&bytes, &file, path.parent(), project)
}

/// [`import_qdpx`] from the archive's bytes; `file` names it in errors and
/// in the documents' origin.
pub fn import_qdpx_bytes(
    bytes: &[u8],
    file: &str,
    project: &mut Project,
) -> Result<ImportReport, FileError> {
    import_archive(bytes, file, None, project)
}

/// Reads an archive; `folder` is the one it lies in, where texts the
/// project keeps outside the archive (`relative://`) are looked for.
fn import_archive(
    bytes: &[u8],
    file: &str,
    folder: Option<&Path>,
    project: &mut Project,
) -> Result<ImportReport, FileError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| FileError::Invalid {
        path: file.to_string(),
        message: format!("not a REFI-QDA project: cannot read it as a zip archive ({e})"),
    })?;
    let entries = entry_names(&archive);
    let qde_name = project_entry(&entries).map_err(|message| FileError::Invalid {
        path: file.to_string(),
        message,
    })?;
    let qde_file = format!("{file} ({qde_name})");
    let qde_bytes = read_entry(&mut archive, &qde_name).map_err(|message| FileError::Invalid {
        path: qde_file.clone(),
        message,
    })?;
    let root = parse(&xml_text(&qde_bytes, &qde_file)?, &qde_file)?;
    if root.name != "Project" {
        return Err(FileError::Invalid {
            path: qde_file,
            message: format!("the root element is `<{}>`, not `<Project>`", root.name),
        });
    }
    let mut import = Import::new(file, archive, entries, &root, project);
    import.folders = root
        .attr("basePath")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(PathBuf::from)
        .into_iter()
        .chain(folder.map(Path::to_path_buf))
        .collect();
    if !qde_name.eq_ignore_ascii_case(PROJECT_ENTRY) {
        import.warn(format!(
            "the project XML is `{qde_name}`, not `{PROJECT_ENTRY}` as the standard asks (ATLAS.ti names it after the project); read all the same"
        ));
    }
    import.run(&root);
    Ok(import.report)
}

/// The entry holding the project XML: `project.qde` (in any case), else
/// the one `.qde` file at the archive's root, as ATLAS.ti names it after
/// the project.
fn project_entry(entries: &HashMap<String, String>) -> Result<String, String> {
    if let Some(name) = entries.get(PROJECT_ENTRY) {
        return Ok(name.clone());
    }
    let mut qde: Vec<&String> = entries
        .iter()
        .filter(|(lower, _)| lower.ends_with(".qde") && !lower.contains('/'))
        .map(|(_, name)| name)
        .collect();
    qde.sort();
    match qde.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!(
            "not a REFI-QDA project: the archive has no `{PROJECT_ENTRY}`"
        )),
        several => Err(format!(
            "not a REFI-QDA project: the archive has no `{PROJECT_ENTRY}` but {} other `.qde` files ({}), and which one is the project cannot be told",
            several.len(),
            several
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
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

/// A `<Note>` as read.
struct Note {
    name: String,
    text: String,
    created: Option<String>,
    /// The passage an annotation note (QualCoder's, NVivo's) is anchored
    /// to, in the positions of the source that refers to it.
    anchor: Option<(usize, usize)>,
    /// Whether something kept it (a document, selection or code).
    used: bool,
}

/// What a `<Case>` gives the sources it holds.
struct CaseInfo {
    name: String,
    /// (variable GUID key, value) of its `<VariableValue>`s.
    values: Vec<(String, String)>,
}

/// The state of one import.
struct Import<'a> {
    file: String,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    entries: HashMap<String, String>,
    project: &'a mut Project,
    report: ImportReport,
    counts: QdaCounts,
    codes: SortedCodes,
    user_guids: HashSet<String>,
    /// Note GUID key → the note; `note_order` lists the keys in file order.
    notes: HashMap<String, Note>,
    note_order: Vec<String>,
    /// Variable GUID key → its name.
    variables: HashMap<String, String>,
    /// Case GUID key → the case.
    cases: HashMap<String, CaseInfo>,
    /// Source GUID key → GUID keys of the cases it belongs to.
    source_cases: HashMap<String, Vec<String>>,
    /// Source GUID key → names of the sets (document groups) holding it.
    source_sets: HashMap<String, Vec<String>>,
    /// Elements inside sources or selections that are not read, with how
    /// often each occurs (one warning each at the end).
    unread: BTreeMap<String, usize>,
    /// Whether Framescope wrote the file (its descriptions can be read back).
    ours: bool,
    /// Where `relative://` paths are looked for: the project's `basePath`,
    /// then the archive's folder.
    folders: Vec<PathBuf>,
}

impl<'a> Import<'a> {
    fn new(
        file: &str,
        archive: ZipArchive<Cursor<&'a [u8]>>,
        entries: HashMap<String, String>,
        root: &Element,
        project: &'a mut Project,
    ) -> Self {
        let mut import = Self {
            file: file.to_string(),
            archive,
            entries,
            project,
            report: ImportReport::default(),
            counts: QdaCounts::default(),
            codes: SortedCodes::default(),
            user_guids: HashSet::new(),
            notes: HashMap::new(),
            note_order: Vec::new(),
            variables: read_variables(root),
            cases: HashMap::new(),
            source_cases: HashMap::new(),
            source_sets: HashMap::new(),
            unread: BTreeMap::new(),
            folders: Vec::new(),
            ours: root
                .attr("origin")
                .is_some_and(|o| o.starts_with("Framescope")),
        };
        import.read_notes(root);
        import.read_codebook(root);
        import.read_cases(root);
        import.read_sets(root);
        import.counts.variables = import.variables.len();
        import
    }

    fn warn(&mut self, message: String) {
        let file = self.file.clone();
        self.warn_at(&file, message);
    }

    /// A warning about one source (`path` is its label).
    fn warn_at(&mut self, path: &str, message: String) {
        self.report.warnings.push(ImportWarning {
            path: path.to_string(),
            message,
        });
    }

    /// Counts the children of `el` that are not `known` (one warning per
    /// element name at the end of the import).
    fn count_unread(&mut self, el: &Element, known: &[&str], place: &str) {
        for child in &el.children {
            if !known.contains(&child.name.as_str()) {
                *self
                    .unread
                    .entry(format!("`<{}>` in {place}", child.name))
                    .or_default() += 1;
            }
        }
    }

    /// Reads every `<Note>`: its text inline (`<PlainTextContent>`), from
    /// the archive (`plainTextPath`, as QualCoder writes journals) or, for a
    /// note with neither, its description.
    fn read_notes(&mut self, root: &Element) {
        let Some(notes) = root.child("Notes") else {
            return;
        };
        for note in notes.children_named("Note") {
            self.counts.notes += 1;
            let guid = note.attr("guid").unwrap_or_default();
            let name = note
                .attr("name")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .unwrap_or(guid)
                .to_string();
            let text = match note.child("PlainTextContent") {
                Some(content) => content.text.clone(),
                None => match note.attr("plainTextPath").map(str::trim) {
                    Some(path) if !path.is_empty() => match self.entry_text(path) {
                        Ok(text) => text,
                        Err(reason) => {
                            self.warn(format!("note `{name}`: {reason}; not imported"));
                            continue;
                        }
                    },
                    _ => note.child_text("Description").unwrap_or_default(),
                },
            };
            let anchor = note.child("PlainTextSelection").and_then(|s| {
                let position = |name| s.attr(name)?.trim().parse::<usize>().ok();
                Some((position("startPosition")?, position("endPosition")?))
            });
            let key = guid_key(guid);
            self.note_order.push(key.clone());
            self.notes.insert(
                key,
                Note {
                    name,
                    text,
                    created: note.attr("creationDateTime").map(str::to_string),
                    anchor,
                    used: false,
                },
            );
        }
    }

    /// Reads the code tree, its notes as the codes' memos, and sorts it
    /// into frame codes and user codes.
    fn read_codebook(&mut self, root: &Element) {
        let notes = &mut self.notes;
        let tree = root
            .child("CodeBook")
            .and_then(|b| b.child("Codes"))
            .map(|codes| {
                read_codes(codes, &mut |guid| {
                    let note = notes.get_mut(&guid_key(guid))?;
                    note.used = true;
                    Some(note.text.clone())
                })
            })
            .unwrap_or_default();
        let with_memo: Vec<(String, String)> = tree
            .iter()
            .flat_map(UserCode::walk)
            .filter(|c| !c.memo.trim().is_empty())
            .map(|c| (guid_key(&c.guid), c.name.clone()))
            .collect();
        self.counts.codes = tree.iter().map(|c| c.walk().len()).sum();
        self.codes = sort_codes(tree, &self.project.scheme);
        self.user_guids = self.codes.user_guids().into_iter().collect();
        self.counts.frame_codes = self.counts.codes - self.user_guids.len();
        for (key, name) in with_memo {
            if !self.user_guids.contains(&key) {
                self.warn(format!(
                    "the memo of code `{name}` is not imported: the code became part of the frame scheme"
                ));
            }
        }
    }

    /// Reads `<Cases>`: which sources each holds (`<SourceRef>`) and the
    /// variable values it gives them.
    fn read_cases(&mut self, root: &Element) {
        let Some(cases) = root.child("Cases") else {
            return;
        };
        for case in cases.children_named("Case") {
            self.counts.cases += 1;
            let key = guid_key(case.attr("guid").unwrap_or_default());
            let name = case.attr("name").unwrap_or_default().trim().to_string();
            let values = case
                .children_named("VariableValue")
                .filter_map(|v| {
                    let variable = guid_key(v.child("VariableRef")?.attr("targetGUID")?);
                    Some((variable, value_text(v)))
                })
                .collect();
            for r in case.children_named("SourceRef") {
                let source = guid_key(r.attr("targetGUID").unwrap_or_default());
                self.source_cases
                    .entry(source)
                    .or_default()
                    .push(key.clone());
            }
            let codes = case.children_named("CodeRef").count();
            if codes > 0 {
                self.warn(format!(
                    "case `{name}`: its {codes} code references are not imported"
                ));
            }
            self.cases.insert(key, CaseInfo { name, values });
        }
    }

    /// Reads `<Sets>`: the sets of sources (document groups) become the
    /// `sets` field of their documents; sets of codes or notes are
    /// reported.
    fn read_sets(&mut self, root: &Element) {
        let sets = root
            .child("Sets")
            .into_iter()
            .chain(root.child("CodeBook").and_then(|b| b.child("Sets")));
        let mut unread = Vec::new();
        for set in sets.flat_map(|s| s.children_named("Set")) {
            self.counts.sets += 1;
            let name = set.attr("name").unwrap_or_default().trim().to_string();
            for member in set.children_named("MemberSource") {
                let source = guid_key(member.attr("targetGUID").unwrap_or_default());
                self.source_sets
                    .entry(source)
                    .or_default()
                    .push(name.clone());
            }
            let others =
                set.children_named("MemberCode").count() + set.children_named("MemberNote").count();
            if others > 0 {
                unread.push(format!("`{name}`"));
            }
        }
        if !unread.is_empty() {
            self.warn(format!(
                "sets of codes or notes are not imported: {}",
                unread.join(", ")
            ));
        }
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
        // Notes nothing else kept are the project's own (journals, memos).
        for key in std::mem::take(&mut self.note_order) {
            let Some(note) = self.notes.get_mut(&key) else {
                continue;
            };
            if note.used {
                continue;
            }
            note.used = true;
            self.project.notes.push(ProjectNote {
                name: note.name.clone(),
                text: note.text.clone(),
                created: note.created.clone(),
            });
        }
        self.counts.notes_kept = self.notes.values().filter(|n| n.used).count();
        for (element, count) in std::mem::take(&mut self.unread) {
            self.warn(format!("{count} × {element} not imported"));
        }
        self.report.qda = Some(std::mem::take(&mut self.counts));
    }

    /// Imports one child of `<Sources>`.
    fn source(&mut self, el: &Element) {
        self.counts.sources += 1;
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
        self.counts.text_sources += 1;
        self.count_unread(el, &SOURCE_CHILDREN, "a text source");
        let text = match self.source_text(el) {
            Ok(text) => text,
            Err(reason) => {
                self.counts.selections += el.children_named("PlainTextSelection").count();
                return self.skip(label, reason);
            }
        };
        let (document, annotations) = self.document(el, &guid, &name, text);
        let selections = self.raw_selections(el);
        self.codes_of(&document, &label, &selections, &annotations);
        self.add_document(document, label);
    }

    fn skip(&mut self, path: String, reason: String) {
        self.report.skipped.push(SkippedEntry { path, reason });
    }

    /// The source's text: inline `<PlainTextContent>` or the archive entry
    /// its `plainTextPath` names.
    fn source_text(&mut self, el: &Element) -> Result<String, String> {
        if let Some(inline) = el.child("PlainTextContent") {
            let decoded = decode(inline.text.as_bytes())
                .map_err(|e| format!("its text is not usable: {e}"))?;
            return Ok(decoded.text);
        }
        let path = el
            .attr("plainTextPath")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .ok_or("the source names no plain text (no plainTextPath)")?;
        self.entry_text(path)
    }

    /// The text of the archive entry a `plainTextPath` names
    /// (`internal://x.txt` or a bare `x.txt`, in `sources/` or `Sources/`).
    fn entry_text(&mut self, path: &str) -> Result<String, String> {
        if let Some(rest) = path.strip_prefix("absolute://") {
            // `absolute:///home/x.txt`, `absolute:///C:/x.txt`.
            let rest = match rest.strip_prefix('/') {
                Some(drive) if drive.get(1..2) == Some(":") => drive,
                _ => rest,
            };
            return self.external_text(path, &[PathBuf::from(rest)]);
        }
        if let Some(rest) = path.strip_prefix("relative://") {
            let rest = rest.trim_start_matches('/');
            let candidates: Vec<PathBuf> = self.folders.iter().map(|f| f.join(rest)).collect();
            return self.external_text(path, &candidates);
        }
        let bare = path.strip_prefix("internal://").unwrap_or(path);
        let bare = bare.trim_start_matches('/');
        let wanted = [format!("sources/{bare}"), bare.to_string()];
        let entry = wanted
            .iter()
            .find_map(|w| self.entries.get(&w.to_lowercase()).cloned())
            .ok_or_else(|| format!("its text `{path}` is missing from the archive"))?;
        let bytes = read_entry(&mut self.archive, &entry)?;
        let decoded = decode(&bytes).map_err(|e| format!("its text is not usable: {e}"))?;
        Ok(decoded.text)
    }

    /// The text of a file outside the archive: the first of `candidates`
    /// that exists, read as text files are (with a warning saying where it
    /// came from).
    fn external_text(&mut self, path: &str, candidates: &[PathBuf]) -> Result<String, String> {
        let Some(found) = candidates.iter().find(|c| c.is_file()) else {
            return Err(format!(
                "its text `{path}` is outside the archive and not found{}",
                match candidates.first() {
                    Some(c) => format!(" (looked for {})", c.display()),
                    None => String::new(),
                }
            ));
        };
        let bytes =
            std::fs::read(found).map_err(|e| format!("cannot read {}: {e}", found.display()))?;
        let decoded =
            decode(&bytes).map_err(|e| format!("{} is not usable: {e}", found.display()))?;
        self.warn(format!(
            "`{path}` is outside the archive; read from {}",
            found.display()
        ));
        Ok(decoded.text)
    }

    /// The document for a source: text, metadata from its cases, sets and
    /// variables and (for Framescope's own files) its description, memo
    /// from its notes. Also returns the annotation notes it refers to, as
    /// (start, end, text) in the file's positions.
    fn document(
        &mut self,
        el: &Element,
        guid: &str,
        name: &str,
        text: String,
    ) -> (Document, Vec<(usize, usize, String)>) {
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
        let key = guid_key(guid);
        let mut case_names = Vec::new();
        for case in self.source_cases.get(&key).cloned().unwrap_or_default() {
            let Some(info) = self.cases.get(&case) else {
                continue;
            };
            case_names.push(info.name.clone());
            for (variable, value) in info.values.clone() {
                self.set_variable(&variable, value, &mut meta);
            }
        }
        for value in el.children_named("VariableValue") {
            let Some(variable) = value
                .child("VariableRef")
                .and_then(|r| r.attr("targetGUID"))
            else {
                self.warn("a variable value refers to no variable; not imported".into());
                continue;
            };
            self.set_variable(&guid_key(variable), value_text(value), &mut meta);
        }
        case_names.retain(|c| *c != meta.source);
        if !case_names.is_empty() {
            meta.extra.insert("cases".into(), case_names.join("; "));
        }
        if let Some(sets) = self.source_sets.get(&key) {
            meta.extra.insert("sets".into(), sets.join("; "));
        }
        let mut memo = Vec::new();
        let mut annotations = Vec::new();
        for r in el.children_named("NoteRef") {
            let key = guid_key(r.attr("targetGUID").unwrap_or_default());
            let Some(note) = self.notes.get_mut(&key) else {
                continue;
            };
            note.used = true;
            match note.anchor {
                Some((start, end)) => annotations.push((start, end, note.text.clone())),
                None => memo.push(note.text.clone()),
            }
        }
        let document = Document {
            id: Document::id_for_text(&text),
            meta,
            body: body.unwrap_or_else(|| std::iter::once(0..text.len()).collect()),
            text,
            included: true,
            duplicate_of: None,
            memo: memo.join("\n\n"),
        };
        (document, annotations)
    }

    /// Sets the metadata field a variable's value gives: outlet (or
    /// source), author, date and URL go to their fields, others to extra
    /// fields by the variable's name.
    fn set_variable(&mut self, variable: &str, text: String, meta: &mut Metadata) {
        let Some(name) = self.variables.get(variable).cloned() else {
            return self.warn("a variable value refers to no variable; not imported".into());
        };
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
            if let Some(note) = self.notes.get_mut(&key) {
                note.used = true;
                texts.push(note.text.clone());
            }
        }
        texts.join("\n\n")
    }

    fn raw_selections(&mut self, el: &Element) -> Vec<RawSelection> {
        let mut out = Vec::new();
        for s in el.children_named("PlainTextSelection") {
            self.counts.selections += 1;
            self.count_unread(s, &SELECTION_CHILDREN, "a selection");
            let position = |name| s.attr(name).and_then(|v| v.trim().parse::<usize>().ok());
            let name = s.attr("name").unwrap_or_default().to_string();
            let (Some(start), Some(end)) = (position("startPosition"), position("endPosition"))
            else {
                self.warn(format!(
                    "selection `{name}` has no valid positions; not imported"
                ));
                continue;
            };
            let mut codes = Vec::new();
            // Notes on a coding (the standard allows them) are the
            // selection's memo too.
            let mut coding_notes = Vec::new();
            for coding in s.children_named("Coding") {
                self.counts.codings += 1;
                let note = self.note_texts(coding);
                if !note.trim().is_empty() {
                    coding_notes.push(note);
                }
                let Some(target) = coding.child("CodeRef").and_then(|r| r.attr("targetGUID"))
                else {
                    continue;
                };
                let key = guid_key(target);
                // NVivo and QualCoder code a case's passages with the case.
                if self.cases.contains_key(&key) {
                    continue;
                }
                codes.push(key);
            }
            let description = s.child_text("Description").unwrap_or_default();
            let notes = std::iter::once(self.note_texts(s))
                .chain(coding_notes)
                .filter(|n| !n.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            // Another tool's description of a selection is its comment (as
            // MAXQDA writes it); Framescope's is the decision's status.
            let memo = if self.ours {
                notes
            } else {
                [description.trim(), notes.trim()]
                    .into_iter()
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            };
            out.push(RawSelection {
                name,
                start,
                end,
                codes,
                description,
                memo,
                time: s.attr("creationDateTime").map(str::to_string),
            });
        }
        out
    }

    /// Turns the selections of one document into manual codes and user
    /// selections, and its annotations into user selections with a memo,
    /// reading positions the way that fits the text.
    fn codes_of(
        &mut self,
        doc: &Document,
        label: &str,
        selections: &[RawSelection],
        annotations: &[(usize, usize, String)],
    ) {
        let spans: Vec<(usize, usize)> = selections
            .iter()
            .map(|s| (s.start, s.end))
            .chain(annotations.iter().map(|&(a, b, _)| (a, b)))
            .collect();
        let unit = choose_unit(&doc.text, &spans);
        if readings_differ(&doc.text) && !spans.is_empty() {
            self.warn_at(
                label,
                format!("selection positions read as {}", unit.describe()),
            );
        }
        for s in selections {
            let Some(range) = self.range(doc, label, unit, &s.name, s.start, s.end) else {
                continue;
            };
            self.counts.selections_kept += 1;
            self.selection(doc, label, s, range);
        }
        for (start, end, text) in annotations {
            let Some(range) = self.range(doc, label, unit, "annotation", *start, *end) else {
                continue;
            };
            self.project.user_selections.push(UserSelection {
                document: doc.id.clone(),
                span: range,
                codes: Vec::new(),
                memo: text.clone(),
            });
        }
    }

    /// The byte range of positions `start..end` read as `unit`, or a
    /// warning that they lie outside the text.
    fn range(
        &mut self,
        doc: &Document,
        label: &str,
        unit: PositionUnit,
        name: &str,
        start: usize,
        end: usize,
    ) -> Option<Range<usize>> {
        let range = byte_range(&doc.text, unit, start, end);
        if range.is_none() {
            self.warn_at(
                label,
                format!("selection `{name}` ({start}–{end}) lies outside the text; not imported"),
            );
        }
        range
    }

    fn selection(&mut self, doc: &Document, label: &str, s: &RawSelection, range: Range<usize>) {
        let mut user = Vec::new();
        for code in &s.codes {
            if let Some((actor, frame)) = self.codes.frame_codes.get(code) {
                let manual = ManualCode {
                    document: doc.id.clone(),
                    quote_hash: quote_hash(&doc.text[range.clone()]),
                    span: range.clone(),
                    actor: actor.clone(),
                    frame: frame.clone(),
                    status: status_of(&s.description, self.ours),
                    memo: s.memo.clone(),
                    time: s.time.clone().unwrap_or_else(now),
                };
                upsert_code(&mut self.project.codes, manual);
            } else if self.user_guids.contains(code) {
                user.push(code.clone());
            } else {
                self.warn_at(
                    label,
                    format!(
                        "selection `{}` refers to a code not in the codebook",
                        s.name
                    ),
                );
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

/// The text of a `<VariableValue>`'s value (`<TextValue>`, `<IntegerValue>`…).
fn value_text(value: &Element) -> String {
    value
        .children
        .iter()
        .find(|c| c.name.ends_with("Value"))
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default()
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
