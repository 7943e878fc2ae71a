//! Sources, dates and titles for imported folders: from the files' metadata,
//! sub-folders, a file-name pattern, or an HTML page's site; and headlines
//! found past the site chrome at the top of plain-text articles.

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use framescope::app::{Command, FramescopeApp, Prefs, Start, install_fonts};
use framescope::corpus::{Document, ImportOptions, ImportReport, NamePattern, import_paths};
use framescope::project::load_project;

use super::common::{framescope, stdout_ok};
use super::ui::settle;

/// A paragraph of running text for the articles below.
const PARA: &str = "Officials in both capitals said the agreement would take effect next month, and that the first shipments were expected before the end of the year.";

/// Five plain articles named `source_date_slug.txt`, as a scraper leaves them,
/// and one that does not follow the rule.
fn write_scraped_folder(dir: &Path) {
    let articles = [
        (
            "caspianledger_2024-03-05_ferry.txt",
            format!("Caspian Ferry Line Reopens After Repairs\n\n{PARA}\n"),
        ),
        (
            "caspianledger_20240306_pipeline.txt",
            format!("Pipeline Talks Move to Ashgabat\n\n{PARA}\n"),
        ),
        (
            "steppe_observer_2024_03_07_grain.txt",
            format!("Grain Exports Rise Through Aktau\n\n{PARA}\n"),
        ),
        (
            "meridian_2024-03-08_bases.txt",
            format!(
                "Share\n\nBy Aisha Nurlanova\n\n8 March 2024\n\nBases Stay as Troops Rotate\n\n{PARA}\n"
            ),
        ),
        (
            "meridian_2024-03-09_rail.txt",
            format!("Rail Link Opens to Freight\n\n{PARA}\n"),
        ),
        (
            "notes.txt",
            format!("Notes on the Caspian Summit\n\n{PARA} Summit notes.\n"),
        ),
    ];
    for (name, text) in articles {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn import_with(dir: &Path, options: &ImportOptions) -> (Vec<Document>, ImportReport) {
    import_paths(&[dir.to_path_buf()], options, &[], &mut |_| true)
}

fn pattern(text: &str) -> ImportOptions {
    ImportOptions {
        source_pattern: Some(NamePattern::parse(text).unwrap()),
        ..Default::default()
    }
}

/// (file name, source, date, title) of each document, in import order.
fn rows(docs: &[Document]) -> Vec<(String, String, String, String)> {
    docs.iter()
        .map(|d| {
            (
                d.file_label().to_string(),
                d.meta.source.clone(),
                d.meta.date.clone(),
                d.meta.title.clone(),
            )
        })
        .collect()
}

fn row(name: &str, source: &str, date: &str, title: &str) -> (String, String, String, String) {
    (name.into(), source.into(), date.into(), title.into())
}

#[test]
fn a_file_name_pattern_gives_a_folder_of_plain_articles_sources_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    write_scraped_folder(dir.path());
    let (docs, report) = import_with(dir.path(), &pattern("{source}_{date}_*.txt"));
    assert_eq!(
        rows(&docs),
        vec![
            row(
                "caspianledger_2024-03-05_ferry.txt",
                "caspianledger",
                "2024-03-05",
                "Caspian Ferry Line Reopens After Repairs"
            ),
            row(
                "caspianledger_20240306_pipeline.txt",
                "caspianledger",
                "2024-03-06",
                "Pipeline Talks Move to Ashgabat"
            ),
            row(
                "meridian_2024-03-08_bases.txt",
                "meridian",
                "2024-03-08",
                "Bases Stay as Troops Rotate"
            ),
            row(
                "meridian_2024-03-09_rail.txt",
                "meridian",
                "2024-03-09",
                "Rail Link Opens to Freight"
            ),
            // Left as before: no source, no date.
            row("notes.txt", "", "", "Notes on the Caspian Summit"),
            row(
                "steppe_observer_2024_03_07_grain.txt",
                "steppe_observer",
                "2024-03-07",
                "Grain Exports Rise Through Aktau"
            ),
        ]
    );
    assert_eq!(report.pattern_misses, 1);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.path.contains("{source}_{date}_*.txt"))
        .expect("a warning for the names the pattern does not fit");
    assert!(
        warning
            .message
            .contains("1 file name does not fit it (notes.txt)")
    );
}

#[test]
fn the_files_own_metadata_and_sub_folders_come_before_the_pattern() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wire_2024-01-02_a.md"),
        format!("---\ntitle: Ankara Hosts the Talks\nsource: Black Sea Desk\ndate: 2023-12-30\n---\n{PARA}\n"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("Kura Weekly")).unwrap();
    std::fs::write(
        dir.path().join("Kura Weekly/wire_2024-01-03_b.txt"),
        format!("Yerevan Weighs the Offer\n\n{PARA}\n"),
    )
    .unwrap();
    let (docs, report) = import_with(dir.path(), &pattern("{source}_{date}_*"));
    assert_eq!(
        rows(&docs),
        vec![
            row(
                "wire_2024-01-03_b.txt",
                "Kura Weekly",
                "2024-01-03",
                "Yerevan Weighs the Offer"
            ),
            row(
                "wire_2024-01-02_a.md",
                "Black Sea Desk",
                "2023-12-30",
                "Ankara Hosts the Talks"
            ),
        ]
    );
    assert_eq!(report.pattern_misses, 0);
    assert!(report.warnings.is_empty(), "{report}");
}

#[test]
fn a_pattern_title_replaces_only_a_title_that_is_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    // Only running text: the title would be the file's name.
    std::fs::write(
        dir.path()
            .join("2024-04-01 Kura Weekly - Gas Deal Signed.txt"),
        format!("{PARA}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("2024-04-02 Kura Weekly - ignored.txt"),
        format!("Ministers Meet in Baku\n\n{PARA} Again.\n"),
    )
    .unwrap();
    let (docs, _) = import_with(dir.path(), &pattern("{date} {source} - {title}.txt"));
    assert_eq!(
        rows(&docs),
        vec![
            row(
                "2024-04-01 Kura Weekly - Gas Deal Signed.txt",
                "Kura Weekly",
                "2024-04-01",
                "Gas Deal Signed"
            ),
            row(
                "2024-04-02 Kura Weekly - ignored.txt",
                "Kura Weekly",
                "2024-04-02",
                "Ministers Meet in Baku"
            ),
        ]
    );
}

/// A page with no site name of its own; `head` adds to its `<head>`.
fn page(head: &str, title: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title>{head}</head><body>\
         <article><h1>{title}</h1><p>{PARA}</p><p>{PARA} Both sides agreed.</p>\
         <p>{PARA} The talks continue.</p></article></body></html>"
    )
}

#[test]
fn html_pages_without_a_site_name_get_their_application_name_or_host() {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        (
            "a.html",
            page(
                r#"<link rel="canonical" href="https://www.kura-weekly.example/2024/talks">"#,
                "Talks Resume in Tbilisi",
            ),
        ),
        (
            "b.html",
            page(
                r#"<meta property="og:url" content="http://News.Steppe.example/grain">"#,
                "Grain Prices Fall in Astana",
            ),
        ),
        (
            "c.html",
            page(
                r#"<meta name="application-name" content="Caspian Ledger"><link rel="canonical" href="https://ledger.example/x">"#,
                "Ferry Fares Rise in Baku",
            ),
        ),
        (
            "d.html",
            page(
                r#"<meta property="og:site_name" content="Meridian Review"><link rel="canonical" href="https://meridian.example/x">"#,
                "Bases Remain in Kant",
            ),
        ),
    ];
    for (name, html) in &pages {
        std::fs::write(dir.path().join(name), html).unwrap();
    }
    let (docs, report) = import_with(dir.path(), &ImportOptions::default());
    assert!(report.skipped.is_empty(), "{report}");
    let sources: Vec<&str> = docs.iter().map(|d| d.meta.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "kura-weekly.example",
            "news.steppe.example",
            "Caspian Ledger",
            "Meridian Review"
        ]
    );

    // A sub-folder, or a pattern that fits, comes before the host.
    let (docs, _) = import_with(dir.path(), &pattern("{source}.html"));
    let sources: Vec<&str> = docs.iter().map(|d| d.meta.source.as_str()).collect();
    assert_eq!(sources, ["a", "b", "c", "Meridian Review"]);
}

#[test]
fn plain_titles_pass_over_site_chrome_to_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    // A short brief: no paragraph long enough to count as running text.
    std::fs::write(
        dir.path().join("001_0da3.txt"),
        "Share\nBy Aysel Karimova\n14 March 2025\nCaspian Ferry Line Reopens After Repairs\nThe ferry from Baku to Aktau sails again.\nRepairs took three weeks.\n",
    )
    .unwrap();
    // No headline at all: the file name it is.
    std::fs::write(
        dir.path().join("002_efd5.txt"),
        format!(" date 2025-10-21 + ↺ − 16 px\n\n{PARA}\n\nEnergy Routes Ahead\n\n{PARA} Later.\n"),
    )
    .unwrap();
    let (docs, _) = import_with(dir.path(), &ImportOptions::default());
    let titles: Vec<&str> = docs.iter().map(|d| d.meta.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Caspian Ferry Line Reopens After Repairs", "002_efd5"]
    );
}

#[test]
fn the_cli_reads_sources_from_file_names_and_keeps_source_forcing_one_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    write_scraped_folder(&corpus);
    let project = dir.path().join("p.ron");
    let out = stdout_ok(&[
        "import",
        corpus.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--source-pattern",
        "{source}_{date}_*.txt",
    ]);
    assert!(
        out.starts_with("imported 6 documents, skipped 0 files, 0 duplicates, 1 warning"),
        "{out}"
    );
    assert!(
        out.contains("1 file name does not fit it (notes.txt)"),
        "{out}"
    );
    let p = load_project(&project).unwrap();
    let sources: Vec<&str> = p.documents.iter().map(|d| d.meta.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "caspianledger",
            "caspianledger",
            "meridian",
            "meridian",
            "",
            "steppe_observer"
        ]
    );
    assert_eq!(p.documents[2].meta.date, "2024-03-08");

    // `--source` still gives every document one source; dates still come
    // from the names.
    stdout_ok(&[
        "import",
        corpus.to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--source-pattern",
        "{source}_{date}_*.txt",
        "--source",
        "Given",
    ]);
    let p = load_project(&project).unwrap();
    assert!(p.documents.iter().all(|d| d.meta.source == "Given"));
    assert_eq!(p.documents[0].meta.date, "2024-03-05");
}

#[test]
fn the_cli_rejects_a_bad_pattern_naming_it_and_the_column() {
    let dir = tempfile::tempdir().unwrap();
    write_scraped_folder(dir.path());
    let project = dir.path().join("p.ron");
    let out = framescope(&[
        "import",
        dir.path().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--source-pattern",
        "{source}_{dte}_*.txt",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`{source}_{dte}_*.txt`, column 10: unknown placeholder `{dte}`"),
        "{stderr}"
    );
    assert!(!project.exists());
}

#[test]
fn the_app_previews_a_pattern_before_importing_a_folder_with_it() {
    let dir = tempfile::tempdir().unwrap();
    write_scraped_folder(dir.path());
    let app = FramescopeApp::new(Prefs::default(), Start::Empty).without_native_dialogs();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut FramescopeApp| app.ui_root(ui), app);
    settle(&mut harness);
    harness
        .state_mut()
        .send(Command::ImportFolder(Some(dir.path().to_path_buf())));
    settle(&mut harness);
    // Nothing is imported until the dialog says so.
    assert!(harness.state().project().documents.is_empty());
    harness.get_by_label("caspianledger_20240306_pipeline.txt");
    harness
        .get_by_label("File-name pattern:")
        .type_text("{source}_{date}_*.txt");
    settle(&mut harness);
    assert_eq!(harness.get_all_by_label("caspianledger").count(), 2);
    harness.get_by_label("2024-03-06");
    harness.get_by_label_contains("5 of 6 names fit the pattern");

    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    settle(&mut harness);
    let docs = &harness.state().project().documents;
    assert_eq!(docs.len(), 6);
    assert_eq!(docs[1].meta.source, "caspianledger");
    assert_eq!(docs[1].meta.date, "2024-03-06");
    assert_eq!(docs[5].meta.source, "steppe_observer");
    harness.get_by_label("Import report");
}
