//! Reading and writing project files (RON): versions, clear errors, atomic saves.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use super::model::{FORMAT_VERSION, Project};

/// Why a project file could not be opened or saved.
#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: made by a newer Framescope (project format {found}; this version reads up to {FORMAT_VERSION}); update Framescope to open it"
    )]
    NewerVersion { path: String, found: u32 },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
}

/// Reads just the version before the whole file, so a newer file is refused
/// with a message about versions rather than about some unknown field.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Parses project text; `name` is used in messages.
pub fn parse_project(text: &str, name: &str) -> Result<Project, ProjectError> {
    let syntax = |e: ron::error::SpannedError| ProjectError::Syntax {
        path: name.to_string(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let probe: VersionProbe = ron::from_str(text).map_err(syntax)?;
    if probe.format_version > FORMAT_VERSION {
        return Err(ProjectError::NewerVersion {
            path: name.to_string(),
            found: probe.format_version,
        });
    }
    if probe.format_version == 0 {
        return Err(ProjectError::Invalid {
            path: name.to_string(),
            message: "format_version 0 does not exist".into(),
        });
    }
    let project = match probe.format_version {
        1 => migrate_v1(ron::from_str(text).map_err(syntax)?),
        _ => ron::from_str(text).map_err(syntax)?,
    };
    for doc in &project.documents {
        if !doc.body_is_valid() {
            return Err(ProjectError::Invalid {
                path: name.to_string(),
                message: format!("document `{}` has body ranges outside its text", doc.id),
            });
        }
    }
    if let Err(errors) = project.dictionary.validate() {
        return Err(ProjectError::Invalid {
            path: name.to_string(),
            message: format!("dictionary: {}", errors[0]),
        });
    }
    Ok(project)
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
        documents: old.documents,
        dictionary: old.dictionary,
        scheme: crate::framing::FrameScheme::default_scheme(),
        codes: Vec::new(),
        settings: old.settings,
    }
}

/// Opens a project file.
pub fn load_project(path: &Path) -> Result<Project, ProjectError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Io {
        path: display.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ProjectError::Syntax {
            path: display.clone(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
        }
    })?;
    parse_project(&text, &display)
}

/// The project as RON text, exactly as it is saved. Deterministic: the same
/// project always gives the same bytes.
pub fn project_to_ron(project: &Project) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .new_line("\n");
    let mut out = String::from(
        "// Framescope project file. Open it with Framescope; it is plain RON text.\n",
    );
    // Plain data (strings, numbers, vectors, maps with string keys): serialising cannot fail.
    out.push_str(&ron::ser::to_string_pretty(project, config).expect("project serialises"));
    out.push('\n');
    out
}

/// Saves atomically: the new file is written to a temporary file in the same
/// folder, flushed to disk and renamed over the target, so the target is always
/// either the complete old or the complete new project. The previous version is
/// kept as `NAME.ron.bak`.
pub fn save_project(project: &Project, path: &Path) -> Result<(), ProjectError> {
    let io = |source: std::io::Error| ProjectError::Io {
        path: path.display().to_string(),
        source,
    };
    let text = project_to_ron(project);
    if path.exists() {
        let old = std::fs::read(path).map_err(io)?;
        write_atomically(&backup_path(path), &old).map_err(io)?;
    }
    write_atomically(path, text.as_bytes()).map_err(io)
}

/// Writes `bytes` to `path` so that a crash leaves either the old file or the
/// complete new one, never a mix: a temporary file in the same folder,
/// synced, then renamed over the target, and the folder synced. The file gets
/// an ordinary new file's permissions (the umask applies), not a temporary
/// file's private ones. Projects, exports and figures are all written here.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".framescope-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
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
