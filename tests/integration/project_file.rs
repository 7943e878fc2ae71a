//! Project files: round trips, atomic saves with backups, clear errors.

use framescope::actors::ActorDictionary;
use framescope::corpus::{Document, Metadata, Scope};
use framescope::project::{
    FORMAT_VERSION, Project, ProjectError, backup_path, load_project, parse_project,
    project_to_ron, save_project,
};
use proptest::prelude::*;

use super::common::{framescope, stdout_ok};

fn demo() -> Project {
    parse_project(framescope::DEMO_PROJECT, "demo").expect("the demo project loads")
}

#[test]
fn save_load_save_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    save_project(&demo(), &a).unwrap();
    let loaded = load_project(&a).unwrap();
    assert_eq!(loaded, demo());
    save_project(&loaded, &b).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn the_committed_demo_project_is_what_import_writes() {
    // projects/demo.ron is made by `framescope import`; re-saving it changes nothing.
    assert_eq!(project_to_ron(&demo()), framescope::DEMO_PROJECT);
}

#[test]
fn saving_again_keeps_the_previous_file_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    let mut project = demo();
    save_project(&project, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    project.name = "renamed".into();
    save_project(&project, &path).unwrap();
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
    assert_eq!(load_project(&path).unwrap().name, "renamed");
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = project_to_ron(&demo()).replacen("included: true", "included: maybe", 1);
    let err = parse_project(&text, "broken.ron").unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, ProjectError::Syntax { .. }), "{message}");
    assert!(message.starts_with("broken.ron:"), "{message}");
    let line = text
        .lines()
        .position(|l| l.contains("included: maybe"))
        .unwrap()
        + 1;
    assert!(
        message.starts_with(&format!("broken.ron:{line}:")),
        "{message}"
    );
}

#[test]
fn a_newer_format_version_is_refused_with_a_clear_message() {
    let text = project_to_ron(&demo()).replacen(
        &format!("format_version: {FORMAT_VERSION}"),
        &format!("format_version: {}", FORMAT_VERSION + 1),
        1,
    );
    let err = parse_project(&text, "new.ron").unwrap_err();
    assert!(matches!(err, ProjectError::NewerVersion { .. }));
    assert!(err.to_string().contains("newer Framescope"), "{err}");
}

#[test]
fn body_ranges_outside_the_text_are_rejected() {
    let mut project = demo();
    let len = project.documents[0].text.len();
    project.document_mut(0).unwrap().body = vec![0..len + 10];
    let err = parse_project(&project_to_ron(&project), "bad.ron").unwrap_err();
    assert!(err.to_string().contains("body ranges"), "{err}");
}

#[test]
fn invalid_utf8_is_reported_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bin.ron");
    std::fs::write(&path, b"(\n  format_version: 1,\n  name: \"\xff\"").unwrap();
    let err = load_project(&path).unwrap_err().to_string();
    assert!(err.contains(":3:10: the file is not valid UTF-8"), "{err}");
}

#[test]
fn cli_reports_a_bad_project_on_one_line_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 1, name: ").unwrap();
    let out = framescope(&["count", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("broken.ron:1:"),
        "{stderr}"
    );
}

#[test]
fn counting_a_project_labels_documents_by_title() {
    let out = stdout_ok(&["count", "projects/demo.ron"]);
    let first = demo().documents[0].meta.title.clone();
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("\"{first}\""))
            || out.contains(&format!("{first},")),
        "{out}"
    );
}

#[test]
fn without_a_display_the_app_fails_with_a_clear_message_not_a_panic() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framescope"))
        .arg("projects/demo.ron")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("framescope-test-data"),
        )
        .output()
        .expect("the framescope binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot open the app window"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

fn arb_document() -> impl Strategy<Value = Document> {
    (
        any::<String>(),
        "[a-zA-Zğüİə ’'-]{0,30}",
        any::<bool>(),
        any::<String>(),
    )
        .prop_map(|(text, title, included, memo)| {
            let mut meta = Metadata {
                title,
                source: "Ledger ‘Test’".into(),
                ..Default::default()
            };
            meta.extra
                .insert("key \"quoted\"".into(), text.chars().rev().collect());
            let body = if text.is_empty() {
                vec![]
            } else {
                vec![0..text.len()]
            };
            Document {
                id: Document::id_for_text(&text),
                meta,
                text,
                body,
                included,
                duplicate_of: None,
                memo,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_project_round_trips_through_ron(docs in prop::collection::vec(arb_document(), 0..4), name in any::<String>()) {
        let mut project = Project::new(name);
        // Equal texts get distinct ids, as an import gives them (a project
        // with two documents under one id is refused).
        project.documents = docs
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                d.id = format!("{}-{i}", d.id);
                d.into()
            })
            .collect();
        project.settings.scope = Scope::Full;
        project.dictionary = ActorDictionary::default_dictionary();
        let text = project_to_ron(&project);
        let back = parse_project(&text, "p.ron").unwrap();
        prop_assert_eq!(&back, &project);
        prop_assert_eq!(project_to_ron(&back), text);
    }
}

#[cfg(unix)]
#[test]
fn a_saved_project_is_an_ordinary_file_not_a_private_temporary_one() {
    use framescope::project::{Project, backup_path, save_project};
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    save_project(&Project::new("x"), &path).unwrap();
    save_project(&Project::new("y"), &path).unwrap();
    for p in [path.clone(), backup_path(&path)] {
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        // 0o666 minus the umask, not a temporary file's private 0o600.
        assert_ne!(mode, 0o600, "{}", p.display());
    }
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}
