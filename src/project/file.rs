//! Reading and writing project files (RON): versions, clear errors, atomic saves.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::model::{FORMAT_VERSION, Project};
use crate::file_error::FileError;

/// Why a project file could not be opened or saved ([`FileError`]).
pub type ProjectError = FileError;

/// Reads just the version before the whole file, so a newer file is refused
/// with a message about versions rather than about some unknown field. The
/// parse stops at the version (written first), so a large file is not read
/// twice; fields before it are skipped.
struct VersionProbe<'a> {
    found: &'a mut Option<u32>,
}

impl<'de> serde::de::DeserializeSeed<'de> for VersionProbe<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("Project", &["format_version"], self)
    }
}

impl<'de> serde::de::Visitor<'de> for VersionProbe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a Framescope project")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        use serde::de::Error;
        while let Some(key) = map.next_key::<String>()? {
            if key == "format_version" {
                *self.found = Some(map.next_value()?);
                // Cut the parse short; the caller sees `found` and ignores this.
                return Err(A::Error::custom("found the version"));
            }
            map.next_value::<serde::de::IgnoredAny>()?;
        }
        Err(A::Error::missing_field("format_version"))
    }
}

/// A RON parse error as a project error with its line and column.
pub(super) fn syntax_error(e: ron::error::SpannedError, name: &str) -> ProjectError {
    ProjectError::Syntax {
        path: name.to_string(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: ron_error_message(&e.code),
    }
}

/// A RON error in words for whoever wrote the file (ron's own message for
/// its recursion limit is advice to programmers).
pub(crate) fn ron_error_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "values are nested too deeply (the limit is 128 levels)".into()
        }
        other => other.to_string(),
    }
}

/// The file's format version, refusing newer and impossible ones.
pub(super) fn check_version(text: &str, name: &str) -> Result<u32, ProjectError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut found = None;
    let probe = ron::Options::default().from_str_seed(text, VersionProbe { found: &mut found });
    let version = match (found, probe) {
        (Some(version), _) => version,
        (None, Err(e)) => return Err(syntax_error(e, name)),
        // The probe ends with the version or an error; should that change,
        // this is what is missing.
        (None, Ok(())) => {
            return Err(ProjectError::Invalid {
                path: name.to_string(),
                message: "missing field `format_version`".into(),
            });
        }
    };
    if version > FORMAT_VERSION {
        return Err(ProjectError::NewerVersion {
            path: name.to_string(),
            found: version,
        });
    }
    if version == 0 {
        return Err(ProjectError::Invalid {
            path: name.to_string(),
            message: "format_version 0 does not exist".into(),
        });
    }
    Ok(version)
}

/// A project's dictionary must compile-check before anything is counted.
pub(super) fn check_dictionary(
    dictionary: &crate::actors::ActorDictionary,
    name: &str,
) -> Result<(), ProjectError> {
    dictionary
        .validate()
        .map_err(|errors| ProjectError::Invalid {
            path: name.to_string(),
            message: format!("dictionary: {}", errors[0]),
        })
}

/// Parses project text; `name` is used in messages.
pub fn parse_project(text: &str, name: &str) -> Result<Project, ProjectError> {
    let version = check_version(text, name)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let syntax = |e| syntax_error(e, name);
    let project = match version {
        1 => migrate_v1(ron::from_str(text).map_err(syntax)?),
        _ => ron::from_str(text).map_err(syntax)?,
    };
    let mut seen: std::collections::HashMap<&str, &str> = Default::default();
    for doc in &project.documents {
        if !doc.body_is_valid() {
            return Err(ProjectError::Invalid {
                path: name.to_string(),
                message: format!("document `{}` has body ranges outside its text", doc.id),
            });
        }
        if let Some(first) = seen.insert(&doc.id, doc.display_name()) {
            return Err(ProjectError::Invalid {
                path: name.to_string(),
                message: duplicate_id_message(&doc.id, first, doc.display_name()),
            });
        }
    }
    check_dictionary(&project.dictionary, name)?;
    Ok(project)
}

/// Why a project with two documents under one id is refused: codes,
/// exports and the analysis find a document by its id.
pub(super) fn duplicate_id_message(id: &str, first: &str, second: &str) -> String {
    format!(
        "two documents have the id `{id}` (\"{first}\" and \"{second}\"); \
         every document needs its own id — give one of them a new id"
    )
}

/// A version 1 project: no frame scheme, no manual codes.
#[derive(Deserialize)]
struct ProjectV1 {
    name: String,
    documents: Vec<crate::corpus::Document>,
    dictionary: crate::actors::ActorDictionary,
    #[serde(default)]
    settings: super::model::Settings,
}

/// Version 1 → 2: the default frame scheme, no codes yet.
fn migrate_v1(old: ProjectV1) -> Project {
    Project {
        format_version: FORMAT_VERSION,
        name: old.name,
        documents: old.documents.into_iter().map(Arc::new).collect(),
        dictionary: old.dictionary,
        scheme: crate::framing::FrameScheme::default_scheme(),
        codes: Vec::new(),
        user_codes: Vec::new(),
        user_selections: Vec::new(),
        notes: Vec::new(),
        settings: old.settings,
    }
}

/// Opens a project file.
pub fn load_project(path: &Path) -> Result<Project, ProjectError> {
    remove_stale_temporaries(path);
    let display = path.display().to_string();
    let text = read_project_text(path, &display)?;
    parse_project(&text, &display)
}

/// A project file's text; a file that is not UTF-8 is refused with the line
/// and column of its first bad byte.
pub(super) fn read_project_text(path: &Path, display: &str) -> Result<String, ProjectError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Io {
        path: display.to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ProjectError::Syntax {
            path: display.to_string(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
        }
    })
}

/// The project as RON text, exactly as it is saved. Deterministic: the same
/// project always gives the same bytes.
pub fn project_to_ron(project: &Project) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and RON text is UTF-8.
    write_project(project, &mut out).expect("a project serialises to memory");
    String::from_utf8(out).expect("RON output is UTF-8")
}

/// Writes the project's RON text to `out` as it is produced, so saving a large
/// project never holds a second copy of it in memory.
fn write_project(project: &Project, out: &mut dyn Write) -> std::io::Result<()> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .new_line("\n");
    // RON writes a string character by character: the buffer sits right
    // under it, so each of those writes is a copy into memory, and only
    // whole buffers reach the error keeper and the file.
    let mut out = std::io::BufWriter::with_capacity(
        1 << 16,
        KeepError {
            inner: out,
            error: None,
        },
    );
    out.write_all(b"// Framescope project file. Open it with Framescope; it is plain RON text.\n")?;
    if let Err(e) = ron::Options::default().to_io_writer_pretty(&mut out, project, config) {
        // RON reports a failed write as text; give back the write's own error
        // (its kind tells a full disk from a read-only folder).
        let kept = out.get_mut().error.take();
        return Err(kept.unwrap_or_else(|| std::io::Error::other(e.to_string())));
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// A writer that keeps the first error its inner writer gave.
struct KeepError<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for KeepError<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().map_err(|e| self.keep(e))
    }
}

impl<W: Write> KeepError<W> {
    fn keep(&mut self, e: std::io::Error) -> std::io::Error {
        let copy = std::io::Error::new(e.kind(), e.to_string());
        self.error.get_or_insert(e);
        copy
    }
}

/// Saves atomically: the new file is written to a temporary file in the same
/// folder, flushed to disk and renamed over the target, so the target is always
/// either the complete old or the complete new project. The previous version is
/// kept as `NAME.ron.bak` (copied the same way, so it too is always complete).
/// On any error (disk full, read-only folder…) the target is untouched.
pub fn save_project(project: &Project, path: &Path) -> Result<(), ProjectError> {
    save_project_checked(project, path, &mut |_| Ok(()))
}

/// [`save_project`] with `check(n)` asked before every write of `n` bytes;
/// an error from it fails the write as the disk would. This is the seam the
/// fault tests use to make the disk fill up or fail part-way through a save.
#[doc(hidden)]
pub fn save_project_checked(
    project: &Project,
    path: &Path,
    check: &mut dyn FnMut(usize) -> std::io::Result<()>,
) -> Result<(), ProjectError> {
    remove_stale_temporaries(path);
    if path.exists() {
        let io = |source: std::io::Error| ProjectError::Save {
            path: backup_path(path).display().to_string(),
            source,
        };
        let mut old = std::fs::File::open(path).map_err(io)?;
        write_atomically_with(&backup_path(path), &mut |w| {
            std::io::copy(&mut old, &mut Checked { inner: w, check }).map(drop)
        })
        .map_err(io)?;
    }
    write_project_atomically(project, path, check)
}

/// Temporary files of atomic writes are named `.framescope-XXXXXX.tmp`.
const TEMPORARY_PREFIX: &str = ".framescope-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// A temporary file younger than this is left alone even when no writer
/// holds its lock: its writer may have created it a moment ago and not yet
/// taken the lock (which it does right after creating it).
const GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Deletes what writes that never finished left in `path`'s folder: our own
/// temporary files ([`TEMPORARY_PREFIX`]) whose writer is gone, whatever
/// their age. A writer holds an exclusive lock on its temporary file for as
/// long as it writes, and the system releases the lock when the process ends
/// however it ends (killed, crashed, power lost), so a file nobody holds a
/// lock on and that is older than [`GRACE`] belongs to no one. Files of a
/// live writer, and anything that cannot be checked, are left alone; this
/// never fails a save.
pub(crate) fn remove_stale_temporaries(path: &Path) {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(TEMPORARY_PREFIX) && name.ends_with(TEMPORARY_SUFFIX)) {
            continue;
        }
        let old_enough = entry
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok().and_then(|t| t.elapsed().ok()))
            .is_some_and(|age| age > GRACE);
        if old_enough && !held_by_a_writer(&entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a live writer holds the lock on temporary file `path` (or the
/// file cannot be checked, which counts as held).
fn held_by_a_writer(path: &Path) -> bool {
    let Ok(file) = std::fs::OpenOptions::new().write(true).open(path) else {
        return true;
    };
    // The lock (if we got it) is released when `file` is dropped.
    !matches!(file.try_lock(), Ok(()))
}

/// Writes the project to `path` atomically, with no backup.
pub(crate) fn write_project_atomically(
    project: &Project,
    path: &Path,
    check: &mut dyn FnMut(usize) -> std::io::Result<()>,
) -> Result<(), ProjectError> {
    write_atomically_with(path, &mut |w| {
        write_project(project, &mut Checked { inner: w, check })
    })
    .map_err(|source| ProjectError::Save {
        path: path.display().to_string(),
        source,
    })
}

/// A writer that asks `check` before passing bytes on.
struct Checked<'a, 'b> {
    inner: &'a mut dyn Write,
    check: &'b mut dyn FnMut(usize) -> std::io::Result<()>,
}

impl Write for Checked<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        (self.check)(buf.len())?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the
/// complete new one, never a mix (see [`write_atomically_with`]). Projects,
/// exports and figures are all written here.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, &mut |w| w.write_all(bytes))
}

/// Writes what `write` produces to `path` so that a crash leaves either the
/// old file or the complete new one, never a mix: a temporary file in the same
/// folder, synced, then renamed over the target, and the folder synced. The
/// file gets an ordinary new file's permissions (the umask applies), not a
/// temporary file's private ones. If `write` fails, the temporary file is
/// removed and the target is untouched.
pub fn write_atomically_with(
    path: &Path,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMPORARY_PREFIX).suffix(TEMPORARY_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    // Held while the file is written, so a cleanup by another process (see
    // `remove_stale_temporaries`) leaves it alone; released when the file is
    // renamed and closed, or by the system if this process dies.
    tmp.as_file().lock()?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable where the platform allows it.
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `demo.ron` → `demo.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}
