//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of a file under `tests/fixtures/`.
/// A file or folder in `../shared` (the labelled corpora and the REFI-QDA
/// schemas, which CI lays beside the repository and which this repository may
/// not copy). Absent outside CI, it is `None` and the test that asked skips
/// with a message (a fresh clone's `scripts/test` passes); under CI (`CI`
/// set, as `.ci/run` runs) a missing `../shared` fails the test instead.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing, and CI must have ../shared",
        path.display()
    );
    eprintln!("skipping: {} not found", path.display());
    None
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the `framescope` binary with `args` and returns its output.
pub fn framescope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_framescope"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the framescope binary runs")
}

/// Stdout of a run that must succeed.
pub fn stdout_ok(args: &[&str]) -> String {
    let out = framescope(args);
    assert!(
        out.status.success(),
        "framescope {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Parses `count --format csv` output into (document, actor) → mentions.
pub fn count_map(csv: &str) -> std::collections::BTreeMap<(String, String), usize> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("valid CSV");
            (
                (r[0].to_string(), r[2].to_string()),
                r[3].parse().expect("mentions is a number"),
            )
        })
        .collect()
}

/// A document of `text` whose body is the whole text.
pub fn whole_text_document(text: &str) -> framescope::corpus::Document {
    framescope::corpus::Document {
        id: framescope::corpus::Document::id_for_text(text),
        meta: Default::default(),
        body: std::iter::once(0..text.len()).collect(),
        text: text.to_string(),
        included: true,
        duplicate_of: None,
        memo: String::new(),
    }
}
