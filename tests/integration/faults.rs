//! Saving under faults: a save killed at random points, a disk that fills up
//! part-way, a read-only folder. The project on disk is always either the
//! complete old or the complete new version.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use framescope::project::{
    Project, ProjectError, backup_path, load_project, parse_project, project_to_ron, save_project,
    save_project_checked,
};

/// Set in the child process of the kill test: the project path to save to.
const CHILD_ENV: &str = "FRAMESCOPE_SAVE_LOOP_PATH";

/// Two versions of a project big enough that a save takes a while (a few
/// MB): B differs from A at its start (the name) and at its end (the last
/// document's memo), so a file mixing the two, or cut short, is caught.
fn versions() -> (Project, Project) {
    let mut a = parse_project(framescope::DEMO_PROJECT, "demo.ron").expect("the demo parses");
    a.name = "Version A".into();
    let sentence = "Officials in Baku and Yerevan said Moscow's role was shrinking, \
                    while Tehran's envoys \"kept talking\" about the corridor.\n";
    for i in 0..24 {
        let text = format!("Filler article {i}\n\n{}", sentence.repeat(1500));
        let mut doc = super::common::whole_text_document(&text);
        doc.meta.title = format!("Filler article {i}");
        a.documents.push(doc.into());
    }
    let mut b = a.clone();
    b.name = "Version B".into();
    let last = b.documents.len() - 1;
    b.document_mut(last).unwrap().memo = "changed in version B".into();
    (a, b)
}

/// Which version a project file holds, or why it is neither.
fn version_on_disk(path: &Path, a: &Project, b: &Project) -> Result<&'static str, String> {
    let project = load_project(path).map_err(|e| e.to_string())?;
    if &project == a {
        Ok("A")
    } else if &project == b {
        Ok("B")
    } else {
        Err(format!("{} holds neither version", path.display()))
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect()
}

/// The child process of the kill test: saves B and A in turn, forever.
/// Without the environment variable (a normal `--ignored` run) it does nothing.
#[test]
#[ignore = "helper process, started by killing_a_save_at_random_points_never_leaves_a_mix"]
fn save_loop_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let (a, b) = versions();
    loop {
        for version in [&b, &a] {
            save_project(version, Path::new(&path)).expect("the child saves");
        }
    }
}

#[test]
fn killing_a_save_at_random_points_never_leaves_a_mix() {
    let (a, b) = versions();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    // How long one save takes here, to spread the kills over it.
    let started = Instant::now();
    save_project(&a, &path).unwrap();
    let save_time = started.elapsed().max(Duration::from_millis(5));
    let mut rng = fastrand::Rng::with_seed(20261123);
    let mut killed_mid_write = 0;
    let mut leftovers = 0;
    let mut seen = std::collections::BTreeSet::new();
    const KILLS: usize = 30;
    for round in 0..KILLS {
        let before = temp_files(dir.path());
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "integration::faults::save_loop_child",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the test binary starts again as the child");
        // Startup plus building the versions, then anywhere in the next saves.
        let delay = save_time.mul_f64(1.0 + 4.0 * rng.f64());
        std::thread::sleep(delay);
        child.kill().expect("SIGKILL the child"); // SIGKILL on Unix
        child.wait().unwrap();
        let left = temp_files(dir.path());
        if left.iter().any(|t| !before.contains(t)) {
            killed_mid_write += 1;
        }
        let version = version_on_disk(&path, &a, &b)
            .unwrap_or_else(|e| panic!("round {round}, killed after {delay:?}: {e}"));
        seen.insert(version);
        let bak = backup_path(&path);
        if bak.exists() {
            version_on_disk(&bak, &a, &b)
                .unwrap_or_else(|e| panic!("round {round}: the backup: {e}"));
        }
        leftovers += left.len();
    }
    // The kills must really have landed inside saves, or this proves nothing.
    assert!(
        killed_mid_write >= KILLS / 4,
        "only {killed_mid_write} of {KILLS} kills interrupted a write"
    );
    assert_eq!(seen.len(), 2, "both versions were seen on disk: {seen:?}");
    // Whatever the killed writers left, the next save clears it: their locks
    // died with them (past the second of grace a new writer gets).
    assert!(leftovers > 0, "no kill left a temporary file");
    std::thread::sleep(Duration::from_millis(1100));
    save_project(&a, &path).unwrap();
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_save_clears_what_dead_writers_left_behind_and_keeps_live_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    let file = |name: &str, age_secs: u64| {
        let p = dir.path().join(name);
        let f = std::fs::File::create(&p).unwrap();
        f.set_modified(std::time::SystemTime::now() - Duration::from_secs(age_secs))
            .unwrap();
        p
    };
    // Left by a writer that is gone: removed whatever its age.
    let stale = file(".framescope-AbC123.tmp", 2 * 3600);
    let recent = file(".framescope-Def456.tmp", 60);
    // Created this instant: its writer may not hold its lock yet.
    let fresh = file(".framescope-XyZ789.tmp", 0);
    // A live writer (another window, another process) holds this one.
    let held = file(".framescope-Ghi012.tmp", 2 * 3600);
    let writer = std::fs::OpenOptions::new().write(true).open(&held).unwrap();
    writer.lock().unwrap();
    // Not ours, however old.
    let foreign = [
        file("notes.tmp", 2 * 3600),
        file(".framescope-settings", 2 * 3600),
    ];
    let folder = dir.path().join(".framescope-dir.tmp");
    std::fs::create_dir(&folder).unwrap();
    save_project(&Project::new("study"), &path).unwrap();
    assert!(!stale.exists(), "the stale temporary file is gone");
    assert!(
        !recent.exists(),
        "a minute-old one whose writer is gone too"
    );
    assert!(fresh.exists(), "one made this instant is kept");
    assert!(held.exists(), "one a live writer holds is kept");
    drop(writer);
    assert!(foreign.iter().all(|p| p.exists()) && folder.exists());
    assert_eq!(load_project(&path).unwrap().name, "study");
}

#[test]
fn a_disk_that_fills_up_part_way_leaves_the_old_file_and_says_so() {
    let (a, b) = versions();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    save_project(&a, &path).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    let new_len = project_to_ron(&b).len();
    for room in [
        0,
        1,
        4096,
        old_bytes.len() - 1,
        old_bytes.len() + new_len / 2,
        old_bytes.len() + new_len - 1,
    ] {
        let mut written = 0usize;
        let result = save_project_checked(&b, &path, &mut |n| {
            written += n;
            if written > room {
                Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
            } else {
                Ok(())
            }
        });
        let err = result.expect_err("the disk is full");
        assert!(matches!(err, ProjectError::Save { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.contains("the disk is full"), "{message}");
        assert!(
            message.contains(&dir.path().display().to_string()),
            "{message}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), old_bytes, "room {room}");
        assert!(
            temp_files(dir.path()).is_empty(),
            "a temporary file was left"
        );
    }
    // With room enough, the same save succeeds.
    save_project_checked(&b, &path, &mut |_| Ok(())).unwrap();
    assert_eq!(version_on_disk(&path, &a, &b), Ok("B"));
}

/// Runs `framescope args` as an unprivileged user when we are root (where
/// permissions do not apply), else as ourselves.
#[cfg(unix)]
pub fn framescope_unprivileged(args: &[&str]) -> std::process::Output {
    let binary = env!("CARGO_BIN_EXE_framescope");
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", binary]);
        c
    } else {
        Command::new(binary)
    };
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("framescope runs")
}

// Permissions and unprivileged users as on Unix.
#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_and_writes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Readable and searchable by everyone (the unprivileged user too), writable by no one else.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let target = folder.join("project.ron");
    // A copy the unprivileged user can read wherever the repository is (a
    // clone under /root is not).
    let corpus = dir.path().join("framing.txt");
    std::fs::copy(super::common::fixture("framing.txt"), &corpus).unwrap();
    std::fs::set_permissions(&corpus, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = framescope_unprivileged(&[
        "import",
        corpus.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("read-only or you lack permission"),
        "{stderr}"
    );
    assert!(stderr.contains("project.ron"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
}
