//! Importing every supported format, encodings, and what is skipped.

use std::path::Path;

use framescope::corpus::{Document, ImportOptions, import_paths};

use super::common::{count_map, fixture, framescope, stdout_ok};

fn import_one(path: &Path) -> (Vec<Document>, framescope::corpus::ImportReport) {
    import_paths(
        &[path.to_path_buf()],
        &ImportOptions::default(),
        &[],
        &mut |_| true,
    )
}

fn body_text(doc: &Document) -> String {
    doc.body
        .iter()
        .map(|r| &doc.text[r.clone()])
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn markdown_front_matter_gives_metadata_and_only_title_and_description_are_body() {
    let (docs, report) = import_one(&fixture("front-matter.md"));
    assert!(
        report.skipped.is_empty() && report.warnings.is_empty(),
        "{report}"
    );
    let doc = &docs[0];
    assert_eq!(doc.meta.title, "Moscow’s Long Shadow Over Yerevan");
    assert_eq!(doc.meta.author, "Ani Petrosyan, Leyla Mammadli");
    assert_eq!(doc.meta.date, "2025-02-14");
    assert_eq!(doc.meta.source, "Meridian Test Review");
    assert_eq!(doc.meta.url, "https://meridian.example/moscows-long-shadow");
    assert_eq!(doc.meta.extra["section"], "Analysis");
    let body = body_text(doc);
    assert!(body.starts_with("Moscow’s Long Shadow Over Yerevan|Armenia weighs its CSTO membership as Russia looks away|Officials in Yerevan"), "{body}");
    assert!(!body.contains("publisher"), "{body}");
    // Moscow (title), Russia (description), Russia, Kremlin, Moscow.
    let counts = count_map(&stdout_ok(&[
        "count",
        fixture("front-matter.md").to_str().unwrap(),
    ]));
    assert_eq!(counts[&("front-matter.md".into(), "Russia".into())], 5);
}

#[test]
fn html_main_text_is_extracted_without_navigation_or_teasers() {
    let (docs, _) = import_one(&fixture("page.html"));
    let doc = &docs[0];
    assert_eq!(doc.meta.title, "Ankara and Baku Build in Steel and Gas");
    assert_eq!(doc.meta.source, "Black Sea Test Dispatch");
    assert_eq!(doc.meta.author, "Deniz Kaya");
    assert_eq!(doc.meta.date, "2025-06-16");
    assert_eq!(doc.meta.url, "https://blacksea.example/steel-and-gas");
    assert!(
        doc.text.contains("Türkiye and Azerbaijan have moved"),
        "{}",
        doc.text
    );
    assert!(
        doc.text.contains("Erdoğan called it “a bridge"),
        "{}",
        doc.text
    );
    for chrome in ["Moscow Desk", "Tehran warns", "All rights reserved"] {
        assert!(
            !doc.text.contains(chrome),
            "{chrome} leaked into {}",
            doc.text
        );
    }
    // Readability keeps the newsletter box; the body proposal drops it.
    assert!(!body_text(doc).contains("Subscribe"), "{}", body_text(doc));
    // Only the article's Moscow; the menu's "Moscow Desk" and the teasers are gone.
    let counts = count_map(&stdout_ok(&[
        "count",
        fixture("page.html").to_str().unwrap(),
    ]));
    assert_eq!(counts[&("page.html".into(), "Russia".into())], 1);
    assert_eq!(counts[&("page.html".into(), "Iran".into())], 1);
    // Ankara (title), Türkiye, Ankara, Erdoğan, Türkiye’s.
    assert_eq!(counts[&("page.html".into(), "Türkiye".into())], 5);
}

#[test]
fn csv_rows_are_documents_and_ragged_rows_are_reported() {
    let out = framescope(&["count", fixture("table.csv").to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("row 2") && stderr.contains("empty text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 3") && stderr.contains("7 fields"),
        "{stderr}"
    );
    let counts = count_map(&String::from_utf8_lossy(&out.stdout));
    // The title heads the text: Tehran (title), Iran's, Tehran's.
    assert_eq!(counts[&("table.csv#1".into(), "Iran".into())], 3);
    assert_eq!(counts[&("table.csv#1".into(), "Azerbaijan".into())], 1);
    assert_eq!(counts[&("table.csv#3".into(), "Russia".into())], 1);
    let (docs, _) = import_one(&fixture("table.csv"));
    assert_eq!(docs[0].meta.source, "Steppe Test Observer");
    assert_eq!(docs[0].meta.author, "R. Karimov");
    assert_eq!(docs[0].meta.url, "https://steppe.example/a");
}

#[test]
fn jsonl_bad_line_is_reported_and_the_rest_imported() {
    let out = framescope(&[
        "count",
        fixture("wire.jsonl").to_str().unwrap(),
        "--by",
        "source",
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2: not valid JSON"), "{stderr}");
    assert!(stderr.contains("line 4: empty or missing text"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Titles head the texts: Brussels (title), EU, Brussels; Russia (title), Russia, Kremlin.
    assert!(stdout.contains(",Wire Test,European Union,3,"), "{stdout}");
    assert!(stdout.contains(",Wire Test,Russia,3,"), "{stdout}");
}

#[test]
fn csv_columns_can_be_named_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.csv");
    std::fs::write(
        &path,
        "heading,story,paper\nA Title,Moscow and Tehran agree.,Odd Paper\n",
    )
    .unwrap();
    let out = framescope(&["count", path.to_str().unwrap()]);
    // Without a text column the file is skipped (exit 0) with a hint on stderr.
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--text-column"));
    let out = stdout_ok(&[
        "count",
        path.to_str().unwrap(),
        "--text-column",
        "story",
        "--source-column",
        "paper",
        "--by",
        "source",
    ]);
    assert!(out.contains(",Odd Paper,Russia,1,"), "{out}");
}

#[test]
fn utf16_and_windows_1252_files_are_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Erdoğan met Aliyev in Bakı.\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.path().join("a-utf16.txt"), utf16).unwrap();
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode("Le président de la Türkie a parlé à Téhéran de l’Iran et de la Russie, déclare le ministère.\n");
    std::fs::write(dir.path().join("b-cp1252.txt"), cp1252).unwrap();
    let out = framescope(&["count", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b-cp1252.txt: not UTF-8; decoded as windows-1252"),
        "{stderr}"
    );
    let counts = count_map(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(counts[&("a-utf16.txt".into(), "Azerbaijan".into())], 2);
    assert_eq!(counts[&("a-utf16.txt".into(), "Türkiye".into())], 1);
    // Téhéran and l’Iran: the accents and the elided article do not block a match.
    assert_eq!(counts[&("b-cp1252.txt".into(), "Iran".into())], 2);
}

#[test]
fn empty_binary_and_unsupported_files_are_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("blob.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00",
    )
    .unwrap();
    std::fs::write(dir.path().join("report.pdf"), b"%PDF-1.7").unwrap();
    std::fs::write(dir.path().join("good.txt"), "Moscow and Ankara talk.\n").unwrap();
    let out = framescope(&["count", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(stderr.contains("blob.txt: binary file"), "{stderr}");
    assert!(
        stderr.contains("report.pdf: unsupported file type"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().skip(1).all(|l| l.starts_with("good.txt,")),
        "{stdout}"
    );
}

#[test]
fn identical_texts_are_flagged_as_duplicates_and_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Moscow and Ankara talk.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Moscow and Ankara talk.\n").unwrap();
    let out = framescope(&["count", dir.path().to_str().unwrap(), "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.txt: duplicate of"), "{stderr}");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows.iter().all(|r| r["document"] == "a.txt"));
    let (docs, report) = import_paths(
        &[dir.path().to_path_buf()],
        &ImportOptions::default(),
        &[],
        &mut |_| true,
    );
    assert_eq!(report.duplicates.len(), 1);
    assert_eq!(docs[1].duplicate_of.as_deref(), Some(docs[0].id.as_str()));
    assert!(!docs[1].included);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), "Tehran and Moscow.\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    let out = framescope(&["count", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link loop"));
}

#[test]
fn subfolder_names_become_sources_and_import_writes_a_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("Caspian Test Ledger")).unwrap();
    std::fs::write(
        dir.path().join("Caspian Test Ledger/ä ü.txt"),
        "Moscow waits.\n",
    )
    .unwrap();
    let project = dir.path().join("p.ron");
    let out = stdout_ok(&[
        "import",
        dir.path().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    assert!(
        out.starts_with("imported 1 document, skipped 0 files, 0 duplicates, 0 warnings"),
        "{out}"
    );
    let p = framescope::project::load_project(&project).unwrap();
    assert_eq!(p.documents[0].meta.source, "Caspian Test Ledger");
    let out = stdout_ok(&[
        "import",
        dir.path().to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
        "--source",
        "Given",
    ]);
    assert!(out.contains("imported 1"));
    assert_eq!(
        framescope::project::load_project(&project)
            .unwrap()
            .documents[0]
            .meta
            .source,
        "Given"
    );
}
