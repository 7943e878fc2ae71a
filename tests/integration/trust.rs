//! Opening a project from someone else is safe: nothing in it is run or
//! fetched, and the paths it names are never opened.

/// No HTTP client, TLS stack or socket library is linked into Framescope.
/// (tokio appears in Cargo.lock only through wasm-bindgen-futures, which is
/// built for the web target alone.)
#[test]
fn no_networking_crate_is_a_dependency() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock is committed");
    let names: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(names.len() > 100, "the lock file was read");
    for banned in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "rustls",
        "native-tls",
        "openssl",
        "socket2",
    ] {
        assert!(!names.contains(&banned), "{banned} is a dependency");
    }
}

/// A project whose origin paths name a named pipe (which blocks anyone who
/// opens it for reading) and whose texts hold markup and links: counting,
/// framing and saving it never touch those paths.
// Named pipes (mkfifo) as on Unix.
#[cfg(unix)]
#[test]
fn origin_paths_and_links_in_a_project_are_never_opened() {
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use framescope::project::{Project, save_project};

    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("trap.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let mut project = Project::new("From someone else");
    let text = "Moscow\n\n<script>alert(1)</script> <img src=\"http://example.invalid/x.png\"> \
                Moscow and Tehran met; see file:///etc/passwd and $(touch /tmp/pwned).\n";
    let mut doc = super::common::whole_text_document(text);
    doc.meta.origin = pipe.display().to_string();
    doc.meta.url = "http://example.invalid/article".into();
    project.documents.push(doc.into());
    let path = dir.path().join("shared.ron");
    save_project(&project, &path).unwrap();

    let project_arg = path.display().to_string();
    let export = dir.path().join("shared.qdpx").display().to_string();
    for args in [
        vec!["count", &project_arg, "--format", "csv"],
        vec!["frames", &project_arg, "--format", "csv"],
        vec!["body", &project_arg],
        vec!["export", &project_arg, "--what", "qdpx", "-o", &export],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_framescope"))
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                child.kill().unwrap();
                panic!("framescope {args:?} blocked: it opened the origin path");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "framescope {args:?} failed");
    }
    assert!(!Path::new("/tmp/pwned").exists());
}
