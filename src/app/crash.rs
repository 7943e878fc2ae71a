//! When the window's own thread panics: the open project is written as a
//! recovery copy (the autosave format, so the next start offers it back), and
//! a crash log (version, OS, the panic message and where it happened, the
//! backtrace) goes to the data folder; both places are printed. Panics in
//! background jobs never get here: a job that dies is an error notification.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::project::Project;
use crate::project::recovery::write_recovery;

/// The last panic's message, place and backtrace, kept by the panic hook for
/// the crash log (the backtrace must be taken where the panic happened).
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Installs a panic hook that records each panic for the crash log, then
/// hands it to the hook that was there before (which prints it).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let backtrace = std::backtrace::Backtrace::force_capture();
        let record = format!("{info}\n\nbacktrace:\n{backtrace}");
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(record);
        }
        previous(info);
    }));
}

/// What was saved after a crash.
#[derive(Debug, Default)]
pub struct CrashReport {
    pub recovery: Option<PathBuf>,
    pub log: Option<PathBuf>,
}

/// Writes `project` to `recovery` (if there is a place for it) and a crash
/// log into `log_dir`, and says where on stderr. Never panics itself: this
/// runs while a panic unwinds.
pub fn save_after_crash(
    project: &Project,
    recovery: Option<&Path>,
    log_dir: &Path,
    payload: &(dyn std::any::Any + Send),
) -> CrashReport {
    let mut report = CrashReport::default();
    if let Some(path) = recovery {
        match write_recovery(project, path) {
            Ok(()) => report.recovery = Some(path.to_path_buf()),
            Err(e) => eprintln!("Framescope crashed and could not save a recovery copy: {e}"),
        }
    }
    let message = crate::corpus::panic_message(payload);
    let recorded = LAST_PANIC
        .lock()
        .ok()
        .and_then(|mut last| last.take())
        .unwrap_or_else(|| message.clone());
    let when = humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string();
    let log = format!(
        "Framescope {} crashed at {}\nOS: {} {}\nproject: {}\nrecovery copy: {}\n\npanic: {recorded}\n",
        crate::LONG_VERSION,
        when,
        std::env::consts::OS,
        std::env::consts::ARCH,
        project.name,
        report
            .recovery
            .as_ref()
            .map_or("(none written)".into(), |p| p.display().to_string()),
    );
    // `2026-12-05T09:23:54Z` → `crash-20261205T092354Z.log`.
    let stamp: String = when.chars().filter(|c| *c != '-' && *c != ':').collect();
    let path = log_dir.join(format!("crash-{stamp}.log"));
    match std::fs::create_dir_all(log_dir).and_then(|()| std::fs::write(&path, log)) {
        Ok(()) => report.log = Some(path),
        Err(e) => eprintln!("Framescope crashed and could not write its crash log: {e}"),
    }
    eprintln!(
        "Framescope crashed ({message}). {}{}",
        report.recovery.as_ref().map_or(String::new(), |p| format!(
            "Your work was saved to {}; the next start offers it back. ",
            p.display()
        )),
        report
            .log
            .as_ref()
            .map_or(String::new(), |p| format!("Crash log: {}", p.display())),
    );
    report
}
