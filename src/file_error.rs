//! The one error for files that cannot be read or written, with the
//! problem in words (a full disk, a folder given for a file) before the
//! system's message.

use thiserror::Error;

use crate::project::FORMAT_VERSION;

/// Why a file Framescope reads or writes (a project, a dictionary) could
/// not be: each names the file, and a syntax error its line and column.
#[derive(Debug, Error)]
pub enum FileError {
    /// The file could not be read.
    #[error("{path}: {}", read_problem(source))]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The file could not be written; the file on disk is as it was.
    #[error("{path}: {}", write_problem(source))]
    Save {
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

/// What went wrong reading, in words, with the system's message after.
fn read_problem(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let plain = match e.kind() {
        NotFound => "no such file",
        PermissionDenied => "cannot read it: permission denied",
        IsADirectory => "this is a folder, not a file",
        _ => return format!("cannot read it: {e}"),
    };
    format!("{plain} ({e})")
}

/// What went wrong writing, in words, with the system's message after.
fn write_problem(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let plain = match e.kind() {
        StorageFull | QuotaExceeded => "the disk is full; free some space or save elsewhere",
        PermissionDenied | ReadOnlyFilesystem => {
            "cannot write there: the folder is read-only or you lack permission; save elsewhere"
        }
        NotFound => "the folder does not exist",
        _ => return format!("cannot write it: {e}"),
    };
    format!("{plain} ({e})")
}
