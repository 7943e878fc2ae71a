//! `framescope count` on hand-checked fixtures.

use super::common::{count_map, fixture, framescope, stdout_ok};

#[test]
fn csv_header_is_exact() {
    let out = stdout_ok(&["count", fixture("edge-cases.txt").to_str().unwrap()]);
    assert_eq!(
        out.lines().next(),
        Some("document,source,actor,mentions,words,per_1000")
    );
}

#[test]
fn edge_case_counts_match_a_careful_reading() {
    let out = stdout_ok(&["count", fixture("edge-cases.txt").to_str().unwrap()]);
    let counts = count_map(&out);
    let get = |actor: &str| counts[&("edge-cases.txt".to_string(), actor.to_string())];
    // TÜRKİYE’s, Erdoğan’s, Turkey's, Türkiye — "Turkic" is not Türkiye.
    assert_eq!(get("Türkiye"), 4);
    // Baku’s, Bakıʼs (pattern `baki`: ı folds to i), Azərbaycan, Baku, Azerbaijan (in Armenia–Azerbaijan).
    assert_eq!(get("Azerbaijan"), 5);
    // Russo-, Russia (Ukraine-Russia), Russians, Russia’s — not Prussia.
    assert_eq!(get("Russia"), 4);
    // Ukrainian, Ukraine.
    assert_eq!(get("Ukraine"), 2);
    // US, U.S.-backed, U.S., United␤States — "us" twice is the pronoun.
    assert_eq!(get("United States"), 4);
    // EU and Brussels; EU4Dialogue is one word.
    assert_eq!(get("European Union"), 2);
    // Tehran’s, Iran’s, Iran's, IRAN.
    assert_eq!(get("Iran"), 4);
    assert_eq!(get("Armenia"), 1);
}

#[test]
fn missing_input_is_a_user_error_with_one_line() {
    let out = framescope(&["count", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    assert!(
        stderr.starts_with("no/such/file.txt: cannot open") || stderr.contains("error:"),
        "{stderr}"
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(
        framescope(&["count", "--by", "planet", "x.txt"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn merged_shards_equal_one_run_over_the_whole_corpus() {
    let demo = framescope::project::parse_project(framescope::DEMO_PROJECT, "demo").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let half = demo.documents.len() / 2;
    let mut shard_files = Vec::new();
    for (i, docs) in [&demo.documents[..half], &demo.documents[half..]]
        .into_iter()
        .enumerate()
    {
        let mut shard = demo.clone();
        shard.documents = docs.to_vec();
        let path = dir.path().join(format!("shard{i}.ron"));
        framescope::project::save_project(&shard, &path).unwrap();
        shard_files.push(path);
    }
    for by in ["document", "source"] {
        let whole = stdout_ok(&["count", "projects/demo.ron", "--by", by, "--format", "csv"]);
        let mut results = Vec::new();
        for (i, shard) in shard_files.iter().enumerate() {
            let jsonl = stdout_ok(&[
                "count",
                shard.to_str().unwrap(),
                "--by",
                by,
                "--format",
                "jsonl",
            ]);
            assert!(jsonl.lines().all(|l| l.starts_with('{')), "{jsonl}");
            let out = dir.path().join(format!("{by}-{i}.jsonl"));
            std::fs::write(&out, jsonl).unwrap();
            results.push(out.to_str().unwrap().to_string());
        }
        let mut args = vec!["merge"];
        args.extend(results.iter().map(String::as_str));
        args.extend(["--format", "csv"]);
        let merged = stdout_ok(&args);
        assert_eq!(merged, whole, "merging by {by}");
    }
}

#[test]
fn a_bad_shard_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, "{\"not\": \"a count\"}\n").unwrap();
    let out = framescope(&["merge", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.jsonl:1"), "{stderr}");
}

/// A shard of a folder, listed with `--files-from` and placed with `--root`,
/// reads as the same files do in a run over the whole folder: the outlets
/// that come from sub-folders included. `--provenance` records what counted.
#[test]
fn a_listed_shard_of_a_folder_counts_as_the_whole_folder_does() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    for (outlet, file, text) in [
        (
            "Caspian Ledger",
            "a.txt",
            "Russia and Iran\n\nMoscow met Tehran in Baku.",
        ),
        (
            "Caspian Ledger",
            "b.txt",
            "Ankara\n\nTürkiye and Azerbaijan signed a deal.",
        ),
        (
            "Steppe Observer",
            "c.txt",
            "Astana\n\nKazakhstan courted China and Russia.",
        ),
    ] {
        std::fs::create_dir_all(corpus.join(outlet)).unwrap();
        std::fs::write(corpus.join(outlet).join(file), text).unwrap();
    }
    let root = corpus.to_str().unwrap();
    let whole = stdout_ok(&["count", root, "--by", "source", "--format", "jsonl"]);
    assert!(whole.contains("\"source\":\"Steppe Observer\""), "{whole}");
    let mut shards = Vec::new();
    for (i, files) in [
        vec!["Caspian Ledger/a.txt"],
        vec!["Caspian Ledger/b.txt", "Steppe Observer/c.txt"],
    ]
    .into_iter()
    .enumerate()
    {
        let list = dir.path().join(format!("shard{i}.list"));
        let lines: Vec<String> = files
            .iter()
            .map(|f| corpus.join(f).display().to_string())
            .collect();
        std::fs::write(&list, lines.join("\n") + "\n").unwrap();
        let provenance = dir.path().join(format!("shard{i}.provenance.json"));
        let out = stdout_ok(&[
            "count",
            "--files-from",
            list.to_str().unwrap(),
            "--root",
            root,
            "--by",
            "source",
            "--format",
            "jsonl",
            "--provenance",
            provenance.to_str().unwrap(),
        ]);
        let path = dir.path().join(format!("shard{i}.jsonl"));
        std::fs::write(&path, out).unwrap();
        shards.push(path.display().to_string());
        let recorded: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&provenance).unwrap()).unwrap();
        assert_eq!(recorded["documents"], files.len());
        assert_eq!(recorded["scope"], "body");
        assert!(recorded["dictionary"].as_str().unwrap().len() >= 8);
    }
    let mut args = vec!["merge", "--format", "jsonl"];
    args.extend(shards.iter().map(String::as_str));
    assert_eq!(stdout_ok(&args), whole);
    // Without --root the listed files have no sub-folder to name their outlet.
    let list = dir.path().join("shard1.list");
    let bare = stdout_ok(&[
        "count",
        "--files-from",
        list.to_str().unwrap(),
        "--by",
        "source",
    ]);
    assert!(!bare.contains("Steppe Observer"), "{bare}");
}
