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
