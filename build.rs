//! Build script: records which commit the build comes from (Help ▸ About,
//! `framescope --version`, crash logs) and, for Windows targets, embeds the
//! icon and the version information into `framescope.exe`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-env=FRAMESCOPE_COMMIT={}", commit());
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

/// The commit being built: `FRAMESCOPE_COMMIT` if the packager set it (a
/// source tarball has no `.git`), else what git says, else "unknown".
/// (Uncommitted changes are not marked: noticing them would mean running the
/// build script on every edit.)
fn commit() -> String {
    println!("cargo:rerun-if-env-changed=FRAMESCOPE_COMMIT");
    if let Ok(given) = std::env::var("FRAMESCOPE_COMMIT")
        && !given.trim().is_empty()
    {
        return given.trim().to_string();
    }
    let Some(hash) = git(&["rev-parse", "--short=10", "HEAD"]) else {
        return "unknown".into();
    };
    // Build again when HEAD moves (a commit, a checkout, a pull).
    for name in ["HEAD", "packed-refs", "refs/heads"] {
        if let Some(path) = git(&["rev-parse", "--git-path", name]).map(PathBuf::from)
            && Path::new(&path).exists()
        {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    hash
}

/// What `git ARGS` prints, trimmed; `None` where git is missing or fails.
fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The icon and a VERSIONINFO block (what Explorer shows under Properties ▸
/// Details), compiled by windres (mingw) or rc (MSVC) through `embed-resource`.
fn windows_resources() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let icon = manifest_dir.join("packaging/icons/framescope.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    let version = |part: &str| {
        std::env::var(format!("CARGO_PKG_VERSION_{part}"))
            .ok()
            .and_then(|v| v.parse::<u16>().ok())
            .unwrap_or(0)
    };
    let (major, minor, patch) = (version("MAJOR"), version("MINOR"), version("PATCH"));
    let text_version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let description = std::env::var("CARGO_PKG_DESCRIPTION").unwrap_or_default();
    // Resource compilers read backslashes as escapes: forward slashes work on
    // every Windows tool.
    let icon_path = icon.display().to_string().replace('\\', "/");
    let rc = format!(
        r#"#include <winver.h>
1 ICON "{icon_path}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Framescope"
      VALUE "FileDescription", "Framescope"
      VALUE "FileVersion", "{text_version}"
      VALUE "InternalName", "framescope"
      VALUE "LegalCopyright", "Framescope contributors; MIT OR Apache-2.0"
      VALUE "OriginalFilename", "framescope.exe"
      VALUE "ProductName", "Framescope"
      VALUE "ProductVersion", "{text_version}"
      VALUE "Comments", "{comments}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0409, 1200
  END
END
"#,
        comments = description.replace('"', "'"),
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("framescope.rc");
    if let Err(e) = std::fs::write(&out, rc) {
        println!("cargo:warning=cannot write {}: {e}", out.display());
        return;
    }
    // Both executables carry the icon; a failure to compile it fails
    // the build (with the compiler's message) rather than shipping an
    // unmarked executable.
    if let Err(e) =
        embed_resource::compile_for(&out, ["framescope", "framescope-cli"], embed_resource::NONE)
            .manifest_optional()
    {
        panic!("cannot embed the Windows resources: {e}");
    }
}
