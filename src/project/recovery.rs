//! Recovery copies: what autosave writes while a project has unsaved changes,
//! so a crash loses at most a minute of work.
//!
//! Copies live in the app's data folder, never beside the project or in the
//! working directory: a project saved at `…/NAME.ron` gets
//! `DATA/recovery/saved-HASH-NAME.ron.autosave` (HASH names the project's
//! absolute path, so two `study.ron` in different folders keep apart), and a
//! project never saved yet gets `DATA/recovery/untitled-PID.ron.autosave`.
//! A copy is a complete project file, written atomically, so it is never
//! half-written. A normal
//! save or close deletes it; one still there at the next start is a crash's
//! leftover and is offered back.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::file::{ProjectError, write_project_atomically};
use super::model::Project;

/// The extension that marks a recovery copy.
const EXTENSION: &str = "autosave";

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// The copy itself.
    pub path: PathBuf,
    /// The project it belongs to; `None` for a project never saved.
    pub project: Option<PathBuf>,
    /// When it was written.
    pub saved_at: SystemTime,
}

/// The folder of recovery copies inside the data folder `data_dir`.
pub fn recovery_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// Where the recovery copy of the project saved at `project` goes, in the
/// data folder `data_dir`.
pub fn recovery_path(data_dir: &Path, project: &Path) -> PathBuf {
    // The same file named two ways (relative, absolute) gets one copy; no
    // file-system access, so a project not written yet has its name too.
    let absolute = std::path::absolute(project).unwrap_or_else(|_| project.to_path_buf());
    let hash = blake3::hash(absolute.as_os_str().as_encoded_bytes()).to_hex();
    let name = project
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    recovery_dir(data_dir).join(format!("saved-{}-{name}.{EXTENSION}", &hash[..12]))
}

/// Where this process keeps the recovery copy of a project not saved yet.
pub fn untitled_recovery_path(data_dir: &Path) -> PathBuf {
    recovery_dir(data_dir).join(format!("untitled-{}.ron.{EXTENSION}", std::process::id()))
}

/// Writes a recovery copy of `project` to `path` (atomically: an earlier copy
/// stays whole until the new one is complete), creating its folder if needed.
pub fn write_recovery(project: &Project, path: &Path) -> Result<(), ProjectError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| ProjectError::Save {
            path: dir.display().to_string(),
            source,
        })?;
    }
    write_project_atomically(project, path, &mut |_| Ok(()))
}

/// Deletes a recovery copy; a copy that is not there is fine.
pub fn discard_recovery(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The recovery copy left in `data_dir` for the project at `project`, if
/// there is one.
pub fn find_recovery(data_dir: &Path, project: &Path) -> Option<Recovery> {
    let path = recovery_path(data_dir, project);
    let saved_at = std::fs::metadata(&path).ok()?.modified().ok()?;
    Some(Recovery {
        path,
        project: Some(project.to_path_buf()),
        saved_at,
    })
}

/// Recovery copies of never-saved projects in the data folder, newest first.
pub fn find_untitled_recoveries(data_dir: &Path) -> Vec<Recovery> {
    let Ok(entries) = std::fs::read_dir(recovery_dir(data_dir)) else {
        return Vec::new();
    };
    let mut found: Vec<Recovery> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("untitled-") && name.ends_with(&format!(".{EXTENSION}"))
        })
        .filter_map(|e| {
            let saved_at = e.metadata().ok()?.modified().ok()?;
            Some(Recovery {
                path: e.path(),
                project: None,
                saved_at,
            })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.saved_at));
    found
}

/// "3 minutes ago (2026-11-23 08:40 UTC)": when a copy was written, for the
/// question whether to restore it.
pub fn describe_time(saved_at: SystemTime, now: SystemTime) -> String {
    let ago = now.duration_since(saved_at).unwrap_or_default().as_secs();
    let relative = match ago {
        0..=59 => "less than a minute ago".to_string(),
        60..=119 => "a minute ago".to_string(),
        120..=3599 => format!("{} minutes ago", ago / 60),
        3600..=7199 => "an hour ago".to_string(),
        7200..=86_399 => format!("{} hours ago", ago / 3600),
        _ => format!("{} days ago", ago / 86_400),
    };
    let stamp = humantime::format_rfc3339_seconds(saved_at).to_string();
    // "2026-11-23T08:40:12Z" → "2026-11-23 08:40 UTC"
    let absolute = match (stamp.get(..10), stamp.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => stamp,
    };
    format!("{relative} ({absolute})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::load_project;
    use std::time::Duration;

    #[test]
    fn the_copy_sits_in_the_data_folder_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let project_path = dir.path().join("study.ron");
        let copy = recovery_path(data.path(), &project_path);
        assert_eq!(copy.parent(), Some(data.path().join("recovery").as_path()));
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("saved-") && name.ends_with("-study.ron.autosave"),
            "{name}"
        );
        // Another folder's study.ron has a copy of its own.
        let other = recovery_path(data.path(), &data.path().join("study.ron"));
        assert_ne!(copy, other);
        assert_eq!(find_recovery(data.path(), &project_path), None);
        let mut project = Project::new("Study");
        project.name = "Study, edited".into();
        write_recovery(&project, &copy).unwrap();
        assert!(!dir.path().join("study.ron.autosave").exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nothing beside the project"
        );
        let found = find_recovery(data.path(), &project_path).expect("the copy is found");
        assert_eq!(found.project.as_deref(), Some(project_path.as_path()));
        assert_eq!(load_project(&found.path).unwrap(), project);
        // A saved project's copy is not taken for a never-saved one's.
        assert!(find_untitled_recoveries(data.path()).is_empty());
        discard_recovery(&found.path).unwrap();
        assert_eq!(find_recovery(data.path(), &project_path), None);
        // Discarding twice is not an error.
        discard_recovery(&found.path).unwrap();
    }

    #[test]
    fn untitled_copies_are_found_in_the_data_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(find_untitled_recoveries(dir.path()).is_empty());
        let path = untitled_recovery_path(dir.path());
        write_recovery(&Project::new("Untitled project"), &path).unwrap();
        std::fs::write(dir.path().join("recovery/notes.txt"), "not a copy").unwrap();
        let found = find_untitled_recoveries(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, path);
        assert_eq!(found[0].project, None);
    }

    #[test]
    fn times_read_as_people_say_them() {
        let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_250_412);
        let text = describe_time(at, at + Duration::from_secs(190));
        assert_eq!(text, "3 minutes ago (2026-11-21 08:40 UTC)");
        assert!(describe_time(at, at).starts_with("less than a minute ago"));
        assert!(describe_time(at, at + Duration::from_secs(3 * 86_400)).starts_with("3 days"));
    }
}
