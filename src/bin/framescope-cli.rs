//! `framescope-cli.exe`: the Windows console companion of `framescope.exe`.
//!
//! `framescope.exe` is a GUI-subsystem program (no console window flashes up
//! when it is double-clicked), so a Command Prompt does not wait for it and
//! its output can land after the next prompt. This console-subsystem launcher
//! runs the `framescope.exe` beside it with the same arguments and the same
//! console, waits, and returns its exit code: `framescope-cli count x.ron`
//! behaves like any command-line tool. Other platforms need no launcher.

use std::process::ExitCode;

#[cfg(windows)]
fn main() -> ExitCode {
    let app = match std::env::current_exe() {
        Ok(me) => me.with_file_name("framescope.exe"),
        Err(e) => {
            eprintln!("error: cannot find framescope.exe: {e}");
            return ExitCode::from(1);
        }
    };
    // The child inherits our console handles, so it prints here.
    match std::process::Command::new(&app)
        .args(std::env::args_os().skip(1))
        .status()
    {
        // Exit codes above 255 do not occur (framescope exits 0, 1 or 2).
        Ok(status) => ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(e) => {
            eprintln!("error: cannot run {}: {e}", app.display());
            ExitCode::from(1)
        }
    }
}

#[cfg(not(windows))]
fn main() -> ExitCode {
    eprintln!("framescope-cli is the Windows console launcher; run `framescope` instead.");
    ExitCode::from(2)
}
