//! Reading a project's documents a chunk at a time, for the headless commands
//! that look at each document once (`count`, `frames`): the parsed corpus is
//! never in memory whole, only the file's text and one chunk of documents.
//!
//! Framescope writes the documents last, so one pass does: the fields before
//! them (dictionary, scheme, codes, settings) are read first, the parse stops
//! at the documents, and a second pass skips those fields and hands the
//! documents over. A file with its fields in another order (written by hand,
//! or by an earlier version) is read whole first with the documents skipped.
//! [`load_project`](super::load_project) stays the reader for callers that
//! keep the whole project (the app).

use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::file::{ProjectError, check_dictionary, check_version, read_project_text, syntax_error};
use super::model::{FORMAT_VERSION, Project, Settings};
use crate::actors::ActorDictionary;
use crate::corpus::Document;
use crate::framing::{FrameScheme, ManualCode, ProjectNote, UserCode, UserSelection};

/// A project file opened for streaming: everything but the documents is read
/// ([`ProjectStream::head`]); [`ProjectStream::for_each_chunk`] then hands the
/// documents over in file order.
pub struct ProjectStream {
    text: String,
    display: String,
    version: u32,
    /// The project with its documents left out (`documents` is empty).
    pub head: Project,
}

impl ProjectStream {
    /// Reads the file and everything in it but the documents, with the same
    /// checks and messages as [`load_project`](super::load_project).
    pub fn open(path: &Path) -> Result<Self, ProjectError> {
        let display = path.display().to_string();
        let text = read_project_text(path, &display)?;
        let version = check_version(&text, &display)?;
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut fields = HeadFields::default();
        let mut reached_documents = false;
        let seed = HeadOnly {
            version,
            fields: &mut fields,
            reached_documents: &mut reached_documents,
        };
        match ron::Options::default().from_str_seed(body, seed) {
            Ok(()) => {}
            Err(_) if reached_documents => {}
            Err(e) => return Err(syntax_error(e, &display)),
        }
        // Past this point every required field is there: the first pass
        // either ran to the end (and checked them) or stopped at the
        // documents with nothing missing (`HeadFields::complete`). The
        // defaults below are never used for them.
        let head = Project {
            format_version: FORMAT_VERSION,
            name: fields.name.unwrap_or_default(),
            documents: Vec::new(),
            dictionary: fields.dictionary.unwrap_or_default(),
            // Version 1 had neither: the default scheme, no codes.
            scheme: fields.scheme.unwrap_or_else(FrameScheme::default_scheme),
            codes: fields.codes.unwrap_or_default(),
            // Optional: absent when no codebook was imported.
            user_codes: fields.user_codes.unwrap_or_default(),
            user_selections: fields.user_selections.unwrap_or_default(),
            notes: fields.notes.unwrap_or_default(),
            settings: fields.settings.unwrap_or_default(),
        };
        check_dictionary(&head.dictionary, &display)?;
        Ok(Self {
            text,
            display,
            version,
            head,
        })
    }

    /// Hands the documents to `on_chunk`, `chunk` at a time (at least one) in
    /// file order, each checked as [`load_project`](super::load_project)
    /// checks it. `on_chunk` may stop early with `ControlFlow::Break`. A
    /// document that turns out malformed stops the stream with an error
    /// naming its line and column; the chunks before it were handed over.
    pub fn for_each_chunk(
        &self,
        chunk: usize,
        on_chunk: &mut dyn FnMut(Vec<Arc<Document>>) -> ControlFlow<()>,
    ) -> Result<(), ProjectError> {
        let body = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        let mut stopped = false;
        let seed = DocumentsOnly {
            version: self.version,
            chunk: chunk.max(1),
            on_chunk,
            stopped: &mut stopped,
        };
        match ron::Options::default().from_str_seed(body, seed) {
            Ok(()) => Ok(()),
            Err(_) if stopped => Ok(()),
            Err(e) => Err(syntax_error(e, &self.display)),
        }
    }
}

/// The fields of a project, for the deserializer's benefit.
const PROJECT_FIELDS: &[&str] = &[
    "format_version",
    "name",
    "settings",
    "dictionary",
    "scheme",
    "codes",
    "user_codes",
    "user_selections",
    "notes",
    "documents",
];

/// What the first pass found before the documents.
#[derive(Default)]
struct HeadFields {
    format_version: Option<u32>,
    name: Option<String>,
    dictionary: Option<ActorDictionary>,
    scheme: Option<FrameScheme>,
    codes: Option<Vec<ManualCode>>,
    user_codes: Option<Vec<UserCode>>,
    user_selections: Option<Vec<UserSelection>>,
    notes: Option<Vec<ProjectNote>>,
    settings: Option<Settings>,
    documents: bool,
}

impl HeadFields {
    /// Everything but the documents is known (an absent `settings` might
    /// still come after them, so it counts as unknown).
    fn complete(&self, version: u32) -> bool {
        let common = self.name.is_some() && self.dictionary.is_some() && self.settings.is_some();
        common
            && (version == 1
                || (self.format_version.is_some() && self.scheme.is_some() && self.codes.is_some()))
    }
}

/// The first pass: every field of the project read as the project's own
/// reader reads it (same types, same errors), the documents skipped, and the
/// parse cut short at the documents once nothing else is missing.
struct HeadOnly<'a> {
    version: u32,
    fields: &'a mut HeadFields,
    /// Set when the parse stopped at the documents (with an error that is
    /// not reported).
    reached_documents: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for HeadOnly<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Project", PROJECT_FIELDS, self)
    }
}

/// Reads a field's value once; a second one is an error, as in a derived reader.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    field: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(field));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Visitor<'de> for HeadOnly<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Framescope project")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let f = self.fields;
        // Version 1 files were read leniently (no scheme or codes, unknown
        // fields ignored); later ones strictly.
        let v1 = self.version == 1;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format_version" if !v1 => once(&mut map, &mut f.format_version, "format_version")?,
                "name" => once(&mut map, &mut f.name, "name")?,
                "dictionary" => once(&mut map, &mut f.dictionary, "dictionary")?,
                "scheme" if !v1 => once(&mut map, &mut f.scheme, "scheme")?,
                "codes" if !v1 => once(&mut map, &mut f.codes, "codes")?,
                "user_codes" if !v1 => once(&mut map, &mut f.user_codes, "user_codes")?,
                "user_selections" if !v1 => {
                    once(&mut map, &mut f.user_selections, "user_selections")?
                }
                "notes" if !v1 => once(&mut map, &mut f.notes, "notes")?,
                "settings" => once(&mut map, &mut f.settings, "settings")?,
                "documents" => {
                    if f.documents {
                        return Err(de::Error::duplicate_field("documents"));
                    }
                    f.documents = true;
                    if f.complete(self.version) {
                        *self.reached_documents = true;
                        return Err(de::Error::custom("stopped at the documents"));
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                _ if v1 => {
                    map.next_value::<IgnoredAny>()?;
                }
                other => return Err(de::Error::unknown_field(other, PROJECT_FIELDS)),
            }
        }
        let required: &[(&'static str, bool)] = &[
            ("format_version", v1 || f.format_version.is_some()),
            ("name", f.name.is_some()),
            ("documents", f.documents),
            ("dictionary", f.dictionary.is_some()),
            ("scheme", v1 || f.scheme.is_some()),
            ("codes", v1 || f.codes.is_some()),
        ];
        match required.iter().find(|(_, present)| !present) {
            Some((missing, _)) => Err(de::Error::missing_field(missing)),
            None => Ok(()),
        }
    }
}

/// The second pass: the project map with every field but `documents` skipped
/// (the first pass read them; any after the documents must be new names).
struct DocumentsOnly<'a> {
    version: u32,
    chunk: usize,
    on_chunk: &'a mut dyn FnMut(Vec<Arc<Document>>) -> ControlFlow<()>,
    /// Set when `on_chunk` asked to stop (the parse is then cut short with an
    /// error that is not reported).
    stopped: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for DocumentsOnly<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Project", PROJECT_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for DocumentsOnly<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Framescope project")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let v1 = self.version == 1;
        let mut seen = Vec::new();
        let mut this = Some(self);
        while let Some(key) = map.next_key::<String>()? {
            // The first pass may have stopped at the documents: what follows
            // them is checked here, as the project's own reader would.
            let known = PROJECT_FIELDS.iter().find(|f| **f == key);
            match known {
                Some(field) if seen.contains(field) => {
                    return Err(de::Error::duplicate_field(field));
                }
                Some(field) => seen.push(*field),
                None if !v1 => return Err(de::Error::unknown_field(&key, PROJECT_FIELDS)),
                None => {}
            }
            match (key.as_str(), this.take()) {
                ("documents", Some(documents)) => map.next_value_seed(DocumentSeq(documents))?,
                (_, taken) => {
                    this = taken;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `documents` list, handed over a chunk at a time.
struct DocumentSeq<'a>(DocumentsOnly<'a>);

impl<'de> DeserializeSeed<'de> for DocumentSeq<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeq<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of documents")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let DocumentsOnly {
            chunk,
            on_chunk,
            stopped,
            ..
        } = self.0;
        let mut buffer = Vec::with_capacity(chunk);
        let mut hand_over = |buffer: &mut Vec<Arc<Document>>| {
            if on_chunk(std::mem::take(buffer)).is_break() {
                *stopped = true;
                return Err(de::Error::custom("stopped by the caller"));
            }
            Ok(())
        };
        // Ids and titles seen so far: a second document with an id already
        // used is refused, naming both (codes and exports key on ids).
        let mut seen: std::collections::HashMap<String, String> = Default::default();
        while let Some(doc) = seq.next_element::<Document>()? {
            if !doc.body_is_valid() {
                return Err(de::Error::custom(format!(
                    "document `{}` has body ranges outside its text",
                    doc.id
                )));
            }
            if let Some(first) = seen.insert(doc.id.clone(), doc.display_name().to_string()) {
                return Err(de::Error::custom(super::file::duplicate_id_message(
                    &doc.id,
                    &first,
                    doc.display_name(),
                )));
            }
            buffer.push(Arc::new(doc));
            if buffer.len() == chunk {
                hand_over(&mut buffer)?;
            }
        }
        if !buffer.is_empty() {
            hand_over(&mut buffer)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{load_project, save_project};

    fn sample_project(documents: usize) -> Project {
        let mut project = Project::new("stream test");
        for i in 0..documents {
            let text =
                format!("Article {i}. Moscow and Tehran lose ground in Baku, says analyst {i}.");
            project.documents.push(Arc::new(Document {
                id: Document::id_for_text(&text),
                meta: crate::corpus::Metadata::default(),
                body: std::iter::once(0..text.len()).collect(),
                text,
                included: i != 1,
                duplicate_of: None,
                memo: String::new(),
            }));
        }
        project.settings.kwic_context = 33;
        project
    }

    /// Streams a saved project and gathers it back together.
    fn streamed(path: &Path, chunk: usize) -> (Project, Vec<usize>) {
        let stream = ProjectStream::open(path).unwrap();
        let mut project = stream.head.clone();
        let mut sizes = Vec::new();
        stream
            .for_each_chunk(chunk, &mut |docs| {
                sizes.push(docs.len());
                project.documents.extend(docs);
                ControlFlow::Continue(())
            })
            .unwrap();
        (project, sizes)
    }

    #[test]
    fn streaming_gives_the_project_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        save_project(&sample_project(7), &path).unwrap();
        let (project, sizes) = streamed(&path, 3);
        assert_eq!(sizes, [3, 3, 1]);
        assert_eq!(project, load_project(&path).unwrap());
        assert_eq!(project.settings.kwic_context, 33);
        // The first pass stops at the documents (they come last): a file cut
        // inside them opens, and the cut is found while streaming.
        let text = std::fs::read_to_string(&path).unwrap();
        let cut = text.find("Article 5").unwrap();
        std::fs::write(&path, &text[..cut]).unwrap();
        let stream = ProjectStream::open(&path).unwrap();
        let mut seen = 0;
        let err = stream.for_each_chunk(2, &mut |docs| {
            seen += docs.len();
            ControlFlow::Continue(())
        });
        assert!(matches!(err, Err(ProjectError::Syntax { .. })), "{err:?}");
        assert_eq!(seen, 4);
    }

    #[test]
    fn documents_before_or_after_the_dictionary_stream_alike() {
        // Hand-written files may put the fields in any order.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let project = sample_project(2);
        let text = crate::project::project_to_ron(&project);
        let docs_start = text.find("  documents: [").unwrap();
        let docs_end = text.rfind(')').unwrap();
        let documents = &text[docs_start..docs_end];
        let moved = text.replacen(documents, "", 1).replacen(
            "  settings: (",
            &format!("{documents}  settings: ("),
            1,
        );
        assert_ne!(moved, text);
        std::fs::write(&path, moved).unwrap();
        assert_eq!(streamed(&path, 10).0, project);
    }

    #[test]
    fn a_version_1_file_streams_with_the_default_scheme() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.ron");
        let project = sample_project(2);
        let text = crate::project::project_to_ron(&project);
        let scheme_start = text.find("  scheme: (").unwrap();
        let documents_start = text.find("  documents: [").unwrap();
        let v1 = format!("{}{}", &text[..scheme_start], &text[documents_start..]).replacen(
            "format_version: 2",
            "format_version: 1",
            1,
        );
        std::fs::write(&path, v1).unwrap();
        let (streamed, _) = streamed(&path, 1);
        assert_eq!(streamed, load_project(&path).unwrap());
        assert_eq!(streamed.scheme, FrameScheme::default_scheme());
    }

    #[test]
    fn the_caller_can_stop_early() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        save_project(&sample_project(10), &path).unwrap();
        let mut seen = 0;
        ProjectStream::open(&path)
            .unwrap()
            .for_each_chunk(4, &mut |docs| {
                seen += docs.len();
                ControlFlow::Break(())
            })
            .unwrap();
        assert_eq!(seen, 4);
    }

    #[test]
    fn bad_files_give_the_errors_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let text = crate::project::project_to_ron(&sample_project(3));
        let cases = [
            text[..text.len() / 2].to_string(),
            text.replacen("kwic_context", "kwic_kontext", 1),
            text.replacen("format_version: 2", "format_version: 9", 1),
            text.replacen("included: true", "included: 7", 1),
            // After the documents, where the first pass may not look.
            format!("{}  extra: 1,\n)\n", text.trim_end().trim_end_matches(')')),
            format!(
                "{}  name: \"again\",\n)\n",
                text.trim_end().trim_end_matches(')')
            ),
            format!(
                "{}  settings: 5,\n)\n",
                text.trim_end().trim_end_matches(')')
            ),
            text.replacen("  name: ", "  documents: [],\n  name: ", 1),
            text.replacen("  codes: [", "  codez: [", 1),
            text.replacen("  scheme: (", "  name: \"x\",\n  scheme: (", 1),
        ];
        for case in cases {
            std::fs::write(&path, &case).unwrap();
            let loaded = load_project(&path).unwrap_err().to_string();
            let stream = ProjectStream::open(&path)
                .and_then(|s| s.for_each_chunk(2, &mut |_| ControlFlow::Continue(())));
            assert_eq!(stream.unwrap_err().to_string(), loaded, "{case}");
        }
    }

    #[test]
    fn a_document_with_a_bad_body_stops_the_stream_with_its_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut project = sample_project(3);
        Arc::make_mut(&mut project.documents[2]).body = std::iter::once(0..100_000).collect();
        std::fs::write(&path, crate::project::project_to_ron(&project)).unwrap();
        let mut seen = 0;
        let err = ProjectStream::open(&path)
            .unwrap()
            .for_each_chunk(1, &mut |docs| {
                seen += docs.len();
                ControlFlow::Continue(())
            })
            .unwrap_err();
        assert_eq!(seen, 2);
        assert!(
            matches!(&err, ProjectError::Syntax { message, .. } if message.contains("body ranges outside its text")),
            "{err}"
        );
    }
}
