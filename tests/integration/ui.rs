//! The app driven through its UI with egui_kittest: real clicks and keys on
//! the real `FramescopeApp`, headless. File dialogs are replaced by commands
//! carrying the chosen path (the app's in-app path field stands in for them).

use std::path::Path;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use framescope::actors::{Grouping, Matcher, count_mentions};
use framescope::app::{Command, Edit, FramescopeApp, Level, Prefs, Start, ViewKind, install_fonts};
use framescope::framing::CodeStatus;
use framescope::project::load_project;

fn harness(start: Start) -> Harness<'static, FramescopeApp> {
    let app = FramescopeApp::new(Prefs::default(), start).without_native_dialogs();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    settle(&mut harness);
    harness
}

/// Steps frames until background work (real threads) is done, then lets the
/// UI settle.
pub fn settle(harness: &mut Harness<'_, FramescopeApp>) {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        harness.step();
        if !harness.state().is_busy() {
            break;
        }
        assert!(Instant::now() < deadline, "background work did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    // Runs until the UI is still; this also checks that every widget on
    // screen has an accessible name.
    harness.run();
}

/// The error notifications on screen.
fn error_notifications(harness: &Harness<'_, FramescopeApp>) -> Vec<String> {
    harness
        .state()
        .notifications()
        .iter()
        .filter(|(level, _)| *level == Level::Error)
        .map(|(_, text)| text.to_string())
        .collect()
}

fn click_at(harness: &mut Harness<'_, FramescopeApp>, pos: egui::Pos2) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run_steps(3);
}

fn show(harness: &mut Harness<'_, FramescopeApp>, tab: &str) {
    harness.get_by_role_and_label(Role::Button, tab).click();
    settle(harness);
}

#[test]
fn the_app_opens_the_demo_project_and_analyses_it() {
    let harness = harness(Start::Demo);
    let app = harness.state();
    assert!(app.project().name.starts_with("Demo"));
    assert_eq!(app.project().documents.len(), 10);
    let analysis = app.analysis().expect("the analysis finished");
    assert_eq!(analysis.documents.len(), 10);
    assert!(
        app.window_title().contains("Demo"),
        "{}",
        app.window_title()
    );
    assert!(!app.window_title().contains('●'));
}

#[test]
fn every_view_opens_from_its_tab() {
    let mut harness = harness(Start::Demo);
    for view in ViewKind::ALL {
        show(&mut harness, view.label());
        assert_eq!(harness.state().current_view(), view);
        // Each view shows something of its own.
        let marker = match view {
            ViewKind::Corpus => "Import folder…",
            ViewKind::Reader => "Actors in this document",
            ViewKind::Frequency => "Export CSV…",
            ViewKind::Dispersion => "Dispersion plot",
            ViewKind::Framing => "Choose articles…",
            ViewKind::Matrix => "Russia",
            ViewKind::Dictionary => "Russia",
            ViewKind::Scheme => "Focal actors",
        };
        assert!(
            harness.query_all_by_label_contains(marker).next().is_some(),
            "{view:?} shows no {marker:?}"
        );
    }
}

#[test]
fn clicking_a_bar_lists_exactly_the_mentions_behind_it() {
    let mut harness = harness(Start::Demo);
    show(&mut harness, "Frequency");
    let project = harness.state().project().clone();
    let (russia, _) = project.dictionary.actor("Russia").unwrap();
    // The same counts the command line prints, by source.
    let docs: Vec<_> = project.included_documents().collect();
    let labels: Vec<String> = docs.iter().map(|d| d.display_name().to_string()).collect();
    let matcher = Matcher::new(&project.dictionary).unwrap();
    let rows = count_mentions(
        &docs,
        &labels,
        &project.dictionary,
        &matcher,
        project.settings.scope,
        Grouping::Source,
    );
    let by_source: Vec<_> = rows.iter().filter(|r| r.actor == "Russia").collect();
    // The smallest non-zero bar, so every concordance line fits on screen.
    let (group, row) = by_source
        .iter()
        .enumerate()
        .filter(|(_, r)| r.mentions > 0)
        .min_by_key(|(_, r)| r.mentions)
        .expect("Russia is mentioned");
    let pos = harness
        .state()
        .frequency_bar_position(group, russia)
        .expect("the bar was drawn");
    click_at(&mut harness, pos);
    let heading = format!(
        "{} mention{} of Russia in {}",
        row.mentions,
        if row.mentions == 1 { "" } else { "s" },
        row.source
    );
    harness.get_by_label(&heading);
    let lines = harness.query_all_by_role(Role::Link).count();
    assert_eq!(lines, row.mentions);

    // Clicking a concordance line opens the reader at that mention.
    harness
        .query_all_by_role(Role::Link)
        .next()
        .unwrap()
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().current_view(), ViewKind::Reader);
}

#[test]
fn accepting_and_relabelling_passages_changes_the_saved_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coded.ron");
    let mut harness = harness(Start::Demo);
    show(&mut harness, "Framing");

    harness.get_all_by_label("Accept").next().unwrap().click();
    settle(&mut harness);
    assert_eq!(harness.state().project().codes.len(), 1);
    assert!(harness.state().is_dirty());
    assert!(harness.state().window_title().starts_with('●'));

    // Relabel the first passage that is still automatic.
    harness.get_all_by_label("Relabel").nth(1).unwrap().click();
    settle(&mut harness);
    let target = ["declining", "persisting", "neutral"]
        .into_iter()
        .find(|l| harness.query_by_role_and_label(Role::Button, l).is_some())
        .expect("the relabel menu lists other frames");
    harness.get_by_role_and_label(Role::Button, target).click();
    settle(&mut harness);

    harness
        .state_mut()
        .send(Command::SaveProjectAs(Some(path.clone())));
    settle(&mut harness);
    assert!(!harness.state().is_dirty());
    let saved = load_project(&path).unwrap();
    let statuses: Vec<_> = saved.codes.iter().map(|c| c.status).collect();
    assert_eq!(statuses, [CodeStatus::Accepted, CodeStatus::Relabelled]);
    assert_eq!(saved.codes[1].frame, target);

    // Undo (Ctrl+Z) takes the relabelling back, and Ctrl+S saves to the same file.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().project().codes.len(), 1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut harness);
    assert_eq!(load_project(&path).unwrap().codes.len(), 1);
}

#[test]
fn a_bad_project_file_shows_an_error_and_the_app_keeps_running() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 2, name: \"x\", documents: [").unwrap();
    let mut harness = harness(Start::Project(path));
    let errors = error_notifications(&harness);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("broken.ron"), "{}", errors[0]);
    // Still alive: the error is on screen and the views still work.
    harness.get_by_label_contains("Cannot open the project");
    show(&mut harness, "Corpus");
    harness.get_by_label("Import folder…");
}

#[test]
fn new_project_asks_before_discarding_unsaved_changes() {
    let mut harness = harness(Start::Demo);
    show(&mut harness, "Framing");
    harness.get_all_by_label("Accept").next().unwrap().click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    settle(&mut harness);
    assert_eq!(harness.state().project().documents.len(), 10, "asked first");
    harness.get_by_label("Don't save").click();
    settle(&mut harness);
    assert!(harness.state().project().documents.is_empty());
    assert!(!harness.state().is_dirty());
}

#[test]
fn importing_a_folder_adds_documents_and_shows_the_report() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut harness = harness(Start::Empty);
    harness
        .state_mut()
        .send(Command::ImportFolder(Some(fixtures)));
    settle(&mut harness);
    // The import dialog (file-name pattern, preview) comes first.
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    settle(&mut harness);
    let added = harness.state().project().documents.len();
    assert!(added >= 5, "{added} documents");
    harness.get_by_label("Import report");
    harness.get_by_label_contains(&format!("Imported {added} documents"));
    // The import is one undo step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert!(harness.state().project().documents.is_empty());
}

#[test]
fn a_dropped_or_imported_dictionary_replaces_the_dictionary_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let liwc = dir.path().join("powers.dic");
    std::fs::write(
        &liwc,
        "%\n1\tRussia\n2\tIran\n%\nmoscow\t1\nkremlin*\t1\ntehran\t2\npersia*\t2\n",
    )
    .unwrap();
    let mut harness = harness(Start::Demo);
    settle(&mut harness);
    let before = harness.state().project().dictionary.clone();
    assert!(before.actors.len() > 2);

    // Dropping the file on the window imports it (the drop handler sends this).
    harness
        .state_mut()
        .send(Command::ImportDictionary(Some(liwc.clone())));
    settle(&mut harness);
    let dictionary = &harness.state().project().dictionary;
    let names: Vec<&str> = dictionary.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Russia", "Iran"]);
    let patterns: Vec<&str> = dictionary.actors[0]
        .patterns
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(patterns, ["moscow", "kremlin*"]);
    harness.get_by_label_contains("The dictionary is now the 2 actors of");

    // Exporting writes what reads back, in the format of the extension.
    let cat = dir.path().join("out.cat");
    harness
        .state_mut()
        .send(Command::ExportDictionary(Some(cat.clone())));
    settle(&mut harness);
    let back = framescope::actors::read_dictionary(&cat).unwrap();
    assert_eq!(back.actors.len(), 2);
    assert_eq!(back.actors[1].patterns.len(), 2);

    // One undo brings the old dictionary back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().project().dictionary, before);

    // A file that is not a dictionary changes nothing and says why.
    let bad = dir.path().join("bad.cat");
    std::fs::write(&bad, "%\n1\tRussia\n%\nmoscow\t1\n").unwrap();
    harness
        .state_mut()
        .send(Command::ImportDictionary(Some(bad)));
    settle(&mut harness);
    assert_eq!(harness.state().project().dictionary, before);
    let errors = error_notifications(&harness);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("bad.cat") && e.contains("LIWC")),
        "{errors:?}"
    );
}

#[test]
fn a_codebook_picked_to_import_goes_into_the_scheme_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let qdc = dir.path().join("team.qdc");
    std::fs::write(
        &qdc,
        r#"<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>
  <Code guid="6F2B0C4E-1111-4A2B-9C3D-000000000001" name="Türkiye" isCodable="true">
    <Code guid="6F2B0C4E-1111-4A2B-9C3D-000000000002" name="declining" isCodable="true"/>
    <Code guid="6F2B0C4E-1111-4A2B-9C3D-000000000003" name="persisting" isCodable="true"/>
  </Code>
  <Code guid="6F2B0C4E-1111-4A2B-9C3D-000000000004" name="Emotions" isCodable="false">
    <Code guid="6F2B0C4E-1111-4A2B-9C3D-000000000005" name="Fear" isCodable="true"/>
  </Code>
</Codes></CodeBook>"#,
    )
    .unwrap();
    let mut harness = harness(Start::Demo);
    settle(&mut harness);
    let before = harness.state().project().clone();
    assert!(!before.scheme.is_focal("Türkiye"));

    // Picked in File ▸ Import files (or dropped on the window).
    harness
        .state_mut()
        .send(Command::ImportFiles(Some(vec![qdc.clone()])));
    settle(&mut harness);
    let project = harness.state().project();
    assert!(project.scheme.is_focal("Türkiye"));
    assert_eq!(project.user_codes.len(), 1);
    assert_eq!(project.user_codes[0].children[0].name, "Fear");
    assert_eq!(project.documents.len(), before.documents.len());
    harness.get_by_label_contains("Imported the codebook");
    assert!(harness.state().is_dirty());

    // One undo takes the whole codebook back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().project().scheme, before.scheme);
    assert!(harness.state().project().user_codes.is_empty());

    // A broken codebook changes nothing and says where it breaks.
    let bad = dir.path().join("bad.qdc");
    std::fs::write(
        &bad,
        "<CodeBook>\n<Codes>\n<Code guid=\"a\" name=\"x\"></Codex>",
    )
    .unwrap();
    harness.state_mut().send(Command::ImportCodebook(Some(bad)));
    settle(&mut harness);
    assert_eq!(harness.state().project().scheme, before.scheme);
    let errors = error_notifications(&harness);
    assert!(
        errors.iter().any(|e| e.contains("bad.qdc:3:")),
        "{errors:?}"
    );
}

#[test]
fn a_refi_qda_project_opens_as_a_new_unsaved_project_with_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let qdpx = dir.path().join("from-maxqda.qdpx");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo.ron");
    super::common::stdout_ok(&[
        "export",
        demo.to_str().unwrap(),
        "--what",
        "qdpx",
        "-o",
        qdpx.to_str().unwrap(),
    ]);
    let expected = load_project(&demo).unwrap();
    let mut harness = harness(Start::Empty);
    // Dropping it on the window, or File ▸ Open, sends this.
    harness
        .state_mut()
        .send(Command::OpenProject(Some(qdpx.clone())));
    settle(&mut harness);
    let project = harness.state().project();
    let included = expected.documents.iter().filter(|d| d.included).count();
    assert_eq!(project.documents.len(), included);
    assert_eq!(project.name, "from-maxqda");
    assert!(harness.state().is_dirty(), "a new project, not saved yet");
    assert_eq!(harness.state().project_path(), None);
    harness.get_by_label("Import report");
    harness.get_by_label_contains(&format!("Imported {included} documents"));
    harness.get_by_label_contains("REFI-QDA project: ");

    // `framescope FILE.qdpx` (a file manager's "open with") does the same.
    let mut started = super::ui::harness(Start::Project(qdpx));
    settle(&mut started);
    assert_eq!(started.state().project().documents.len(), included);
    assert!(error_notifications(&started).is_empty());
}

#[test]
fn the_app_survives_importing_a_folder_of_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    // Files nested 100,000 deep in every imported format, a good article ...
    super::hostile::deeply_nested_corpus(dir.path());
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
    // ... a binary file, an empty one, bytes that are no encoding's text, a
    // page with no text at all, a table whose only row is broken ...
    write("binary.txt", b"\x7fELF\x00\x01\x02\x00\x00");
    write("empty.txt", b"");
    write("latin.txt", b"Baku \xe9t\xe9 \xff\xfe Moscow and Tehran.\n");
    write(
        "blank.html",
        b"<html><body><script>x()</script></body></html>",
    );
    write("broken.csv", b"title,text\n\"unterminated,Baku\n");
    // ... and a file whose parser panics (the test-only switch).
    let forced = "ui-hostile-forced-panic-3b9d.txt";
    write(forced, b"A title\n\nTehran.\n");
    framescope::corpus::panic_on_file_named(forced);

    let mut harness = harness(Start::Empty);
    harness
        .state_mut()
        .send(Command::ImportFolder(Some(dir.path().to_path_buf())));
    settle(&mut harness);
    // Long skip reasons do not push the dialog (and its button) off the window.
    let import = harness.get_by_role_and_label(Role::Button, "Import");
    assert!(import.rect().min.x > 100.0, "{:?}", import.rect());
    import.click();
    settle(&mut harness);
    // The app is alive and has what could be read; the report names what
    // could not, each with its reason.
    let labels: Vec<String> = harness
        .state()
        .project()
        .documents
        .iter()
        .map(|d| d.file_label().to_string())
        .collect();
    for expected in ["deep.html", "deep.md", "good.txt", "latin.txt"] {
        assert!(
            labels.iter().any(|l| l == expected),
            "{expected} not in {labels:?}"
        );
    }
    for refused in [
        "deep.jsonl",
        "binary.txt",
        "empty.txt",
        "blank.html",
        forced,
    ] {
        assert!(!labels.iter().any(|l| l == refused), "{refused} imported");
    }
    harness.get_by_label("Import report");
    harness.get_by_label_contains("skipped 6 files");
    harness.get_by_label_contains("internal error: a panic asked for by a test");
    assert!(error_notifications(&harness).is_empty());
    // And it goes on working: the analysis of what was imported runs.
    harness
        .state_mut()
        .send(Command::ShowView(ViewKind::Frequency));
    settle(&mut harness);
    assert!(!harness.state().is_busy());
}

/// A harness whose app keeps never-saved recovery copies in `data_dir` and
/// autosaves as soon as there is a change.
fn harness_with_data(start: Start, data_dir: &Path) -> Harness<'static, FramescopeApp> {
    let mut app = FramescopeApp::new(Prefs::default(), start)
        .without_native_dialogs()
        .with_data_dir(data_dir.to_path_buf());
    app.set_autosave_interval(Duration::ZERO);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    settle(&mut harness);
    harness
}

/// Renames the project (an ordinary undoable edit) and waits for the
/// recovery copy to be written.
fn edit_and_autosave(harness: &mut Harness<'_, FramescopeApp>, name: &str) -> std::path::PathBuf {
    harness
        .state_mut()
        .send(Command::edit(Edit::Name(name.to_string())));
    settle(harness);
    let copy = harness.state().recovery_copy_path();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !copy.exists() {
        assert!(Instant::now() < deadline, "no recovery copy was written");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    settle(harness);
    copy
}

#[test]
fn after_a_crash_the_autosaved_changes_are_offered_back_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    framescope::project::save_project(
        &framescope::project::parse_project(framescope::DEMO_PROJECT, "demo").unwrap(),
        &path,
    )
    .unwrap();

    let mut harness = harness_with_data(Start::Project(path.clone()), data.path());
    let copy = edit_and_autosave(&mut harness, "Renamed before the crash");
    // In the data folder; nothing is written beside the project.
    assert!(copy.starts_with(data.path()), "{}", copy.display());
    let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "only study.ron: {beside:?}");
    // The crash: the app goes away without saving or closing.
    drop(harness);
    assert_eq!(
        load_project(&path).unwrap().name,
        "Demo: Russia and Iran in the South Caucasus"
    );

    let mut harness = harness_with_data(Start::Project(path.clone()), data.path());
    harness.get_by_label("Recover unsaved changes?");
    harness.get_by_label_contains("less than a minute ago");
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().project().name, "Renamed before the crash");
    assert_eq!(harness.state().project_path(), Some(path.as_path()));
    assert!(harness.state().is_dirty(), "restored changes are unsaved");
    assert!(copy.exists(), "the copy stays until the project is saved");

    // A normal save writes the changes and discards the copy.
    harness.state_mut().send(Command::SaveProject);
    settle(&mut harness);
    assert!(!harness.state().is_dirty());
    assert_eq!(
        load_project(&path).unwrap().name,
        "Renamed before the crash"
    );
    assert!(!copy.exists(), "saving discards the recovery copy");
}

#[test]
fn a_never_saved_project_is_recovered_from_the_data_folder_or_discarded() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness_with_data(Start::Empty, data.path());
    let copy = edit_and_autosave(&mut harness, "Unsaved study");
    assert!(copy.starts_with(data.path()), "{}", copy.display());
    drop(harness);

    // Next start: offered; "Decide later" keeps it for the start after.
    let mut harness = harness_with_data(Start::Empty, data.path());
    harness.get_by_label_contains("never saved");
    harness
        .get_by_role_and_label(Role::Button, "Decide later")
        .click();
    settle(&mut harness);
    assert!(copy.exists());
    drop(harness);

    let mut harness = harness_with_data(Start::Empty, data.path());
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().project().name, "Unsaved study");
    assert_eq!(harness.state().project_path(), None);
    assert!(harness.state().is_dirty());
    drop(harness);

    // Discard deletes it: the start after that offers nothing.
    let mut harness = harness_with_data(Start::Empty, data.path());
    harness
        .get_by_role_and_label(Role::Button, "Discard")
        .click();
    settle(&mut harness);
    assert!(!copy.exists());
    assert_eq!(harness.state().project().name, "Untitled project");
    drop(harness);
    let harness = harness_with_data(Start::Empty, data.path());
    assert!(harness.query_by_label("Recover unsaved changes?").is_none());
}

#[test]
fn a_save_that_hits_a_full_disk_or_a_read_only_folder_keeps_the_project_open_and_unsaved() {
    for (kind, expect) in [
        (std::io::ErrorKind::StorageFull, "the disk is full"),
        (
            std::io::ErrorKind::PermissionDenied,
            "the folder is read-only",
        ),
        (
            std::io::ErrorKind::ReadOnlyFilesystem,
            "the folder is read-only",
        ),
    ] {
        failed_save_keeps_the_project(kind, expect);
    }
}

/// Saves with a disk that fails with `kind` after 10 kB; checks the message
/// and that nothing is lost.
fn failed_save_keeps_the_project(kind: std::io::ErrorKind, expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.ron");
    let mut harness = harness(Start::Demo);
    harness
        .state_mut()
        .send(Command::edit(Edit::Name("Worth keeping".into())));
    settle(&mut harness);
    let before = harness.state().project().clone();
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    harness
        .state_mut()
        .set_save_check(std::sync::Arc::new(move |n| {
            let total = written.fetch_add(n, std::sync::atomic::Ordering::SeqCst) + n;
            if total > 10_000 {
                Err(std::io::Error::from(kind))
            } else {
                Ok(())
            }
        }));
    harness
        .state_mut()
        .send(Command::SaveProjectAs(Some(path.clone())));
    settle(&mut harness);
    let errors = error_notifications(&harness);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains(expect), "{}", errors[0]);
    assert!(errors[0].contains("full.ron"), "{}", errors[0]);
    assert!(harness.state().is_dirty(), "still unsaved");
    assert_eq!(harness.state().project(), &before, "nothing lost");
    assert_eq!(harness.state().project_path(), None);
    assert!(!path.exists(), "no partial file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn a_copy_put_off_for_later_survives_closing_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    let demo = framescope::project::parse_project(framescope::DEMO_PROJECT, "demo").unwrap();
    framescope::project::save_project(&demo, &path).unwrap();
    let copy = framescope::project::recovery::recovery_path(data.path(), &path);
    let mut changed = demo.clone();
    changed.name = "Left by a crash".into();
    framescope::project::recovery::write_recovery(&changed, &copy).unwrap();

    let mut harness = harness_with_data(Start::Project(path.clone()), data.path());
    harness
        .get_by_role_and_label(Role::Button, "Decide later")
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().project().name, demo.name);
    // A new project (nothing unsaved) must not take the leftover copy with it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    settle(&mut harness);
    assert!(harness.state().project().documents.is_empty());
    assert!(copy.exists(), "the copy is still there to decide about");
    assert_eq!(load_project(&copy).unwrap().name, "Left by a crash");
}

#[test]
fn learning_from_decisions_shows_agreement_and_applies_weights_as_one_undoable_edit() {
    let mut harness = harness(Start::Demo);
    show(&mut harness, "Matrix");
    assert!(
        harness
            .query_by_label_contains("appears here once you accept")
            .is_some(),
        "without decisions the matrix footer says how to get the figure"
    );
    show(&mut harness, "Framing");
    for _ in 0..4 {
        harness.get_all_by_label("Reject").next().unwrap().click();
        settle(&mut harness);
    }
    assert_eq!(harness.state().project().codes.len(), 4);
    show(&mut harness, "Matrix");
    assert!(
        harness
            .query_by_label_contains("agree with your decisions on")
            .is_some(),
        "the matrix footer gives the agreement with the decisions"
    );

    show(&mut harness, "Frame scheme");
    let before = harness.state().project().scheme.clone();
    // The section is below the frames: scroll to it, as a user would.
    let click_button = |harness: &mut Harness<'_, FramescopeApp>, label: &str| {
        harness
            .get_by_role_and_label(Role::Button, label)
            .scroll_to_me();
        harness.run();
        harness.get_by_role_and_label(Role::Button, label).click();
    };
    click_button(&mut harness, "Learn from my decisions");
    settle(&mut harness);
    assert!(
        harness
            .query_by_label_contains("From 4 decisions in")
            .is_some(),
        "the outcome of learning is shown"
    );
    click_button(&mut harness, "Apply learned weights");
    settle(&mut harness);
    let applied = harness.state().project().scheme.clone();
    assert_eq!(applied.frames, before.frames, "only weights change");
    assert!(
        harness
            .query_by_label_contains("learned weights are in use")
            .is_some()
            || applied == before
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert_eq!(
        harness.state().project().scheme,
        before,
        "undo puts the weights back"
    );
}

#[test]
fn a_new_project_takes_its_name_from_the_file_it_is_saved_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("caucasus study.ron");
    let mut harness = harness(Start::Empty);
    assert_eq!(harness.state().project().name, "Untitled project");
    harness
        .state_mut()
        .send(Command::SaveProjectAs(Some(path.clone())));
    settle(&mut harness);
    assert_eq!(harness.state().project().name, "caucasus study");
    assert_eq!(load_project(&path).unwrap().name, "caucasus study");
}

#[test]
fn help_lists_the_shortcuts_and_the_status_bar_counts_in_words() {
    let mut harness = harness(Start::Demo);
    show(&mut harness, "Framing");
    harness.get_all_by_label("Accept").next().unwrap().click();
    settle(&mut harness);
    harness.get_by_label_contains("· 1 code · counting");

    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Keyboard shortcuts…").click();
    settle(&mut harness);
    harness.get_by_label("Save the project");
    harness.get_by_label("Show the Framing view");
}

#[test]
fn a_panic_in_the_window_saves_the_work_and_the_next_start_offers_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = dir.path().join("study.ron");
    framescope::project::save_project(
        &framescope::project::parse_project(framescope::DEMO_PROJECT, "demo").unwrap(),
        &path,
    )
    .unwrap();
    // The usual autosave interval: no copy is written before the crash.
    let app = FramescopeApp::new(Prefs::default(), Start::Project(path.clone()))
        .without_native_dialogs()
        .with_data_dir(data.path().to_path_buf());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    settle(&mut harness);
    harness
        .state_mut()
        .send(Command::edit(Edit::Name("Renamed before the panic".into())));
    settle(&mut harness);
    let copy = harness.state().recovery_copy_path();
    assert!(!copy.exists(), "no copy yet");

    harness.state_mut().panic_on_next_frame();
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| harness.step()));
    assert!(crashed.is_err(), "the frame panicked");
    assert!(copy.exists(), "the crash wrote a recovery copy");
    let log = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("crash-")
        })
        .expect("a crash log in the data folder");
    let log = std::fs::read_to_string(log).unwrap();
    assert!(log.contains("a panic asked for by a test"), "{log}");
    assert!(log.contains(&copy.display().to_string()), "{log}");
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(harness)));

    let mut harness = harness_with_data(Start::Project(path.clone()), data.path());
    harness.get_by_label("Recover unsaved changes?");
    harness
        .get_by_role_and_label(Role::Button, "Restore")
        .click();
    settle(&mut harness);
    assert_eq!(harness.state().project().name, "Renamed before the panic");
}

#[test]
fn a_background_job_that_panics_is_an_error_not_a_dead_app() {
    let mut harness = harness(Start::Demo);
    harness.state_mut().panic_in_next_analysis();
    // An edit of the scheme re-runs the analysis; this one panics.
    let mut scheme = harness.state().project().scheme.clone();
    scheme.negation_window += 1;
    harness
        .state_mut()
        .send(Command::edit(Edit::scheme(scheme)));
    settle(&mut harness);
    harness.get_by_label_contains("stopped unexpectedly");
    // The app still works: the next analysis runs.
    let mut scheme = harness.state().project().scheme.clone();
    scheme.negation_window += 1;
    harness
        .state_mut()
        .send(Command::edit(Edit::scheme(scheme)));
    settle(&mut harness);
    assert!(harness.state().analysis().is_some());
}

/// The Matrix view and `framescope frames --summary` read the same core
/// summaries: every count cell and summary cell of the app's matrix on the
/// demo project says what the command line prints for it.
#[test]
fn the_matrix_shows_the_numbers_frames_summary_prints() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/demo.ron");
    let json = super::common::stdout_ok(&[
        "frames",
        demo.to_str().expect("the repository path is UTF-8"),
        "--summary",
        "--format",
        "json",
    ]);
    let records: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON records");
    assert!(records.len() >= 10, "a record per document and focal actor");

    // Tall enough for every demo row to be drawn.
    let app = FramescopeApp::new(Prefs::default(), Start::Demo).without_native_dialogs();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1400.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    settle(&mut harness);
    show(&mut harness, "Matrix");
    let mut cells = 0;
    for record in &records {
        let document = record["document"].as_str().expect("a document label");
        let actor = record["actor"].as_str().expect("an actor");
        let fields = record.as_object().expect("a record is an object");
        let counts = fields
            .iter()
            .filter(|(key, _)| !["document", "actor", "summary"].contains(&key.as_str()));
        for (label, count) in counts {
            harness.get_by_label(&format!("{actor} {label}: {count} — {document}"));
            cells += 1;
        }
        let summary = match record["summary"].as_str().expect("a summary") {
            "absent" => "not mentioned",
            other => other,
        };
        harness.get_by_label(&format!("{actor} summary: {summary} — {document}"));
    }
    assert_eq!(cells, records.len() * 3, "three labels per actor");
}
