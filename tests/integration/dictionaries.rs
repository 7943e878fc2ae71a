//! `framescope dict` and `--dict`: TSV, YAML and RON dictionaries.

use super::common::{count_map, fixture, framescope, stdout_ok};

#[test]
fn a_tsv_dictionary_replaces_the_default_one() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("d.tsv");
    std::fs::write(
        &dict,
        "# test dictionary\nUnited States\tUS\tcase\nUnited States\tU.S.\nEurope\teu*\n",
    )
    .unwrap();
    let out = stdout_ok(&[
        "count",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--dict",
        dict.to_str().unwrap(),
    ]);
    let counts = count_map(&out);
    assert_eq!(counts.len(), 2, "only the file's actors: {out}");
    // US, U.S.-backed, U.S. — "United States" is not in this dictionary.
    assert_eq!(
        counts[&("edge-cases.txt".into(), "United States".into())],
        3
    );
    // `eu*`: EU4Dialogue and EU (case-insensitive, continuation allowed).
    assert_eq!(counts[&("edge-cases.txt".into(), "Europe".into())], 2);
}

#[test]
fn a_bad_pattern_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("bad.tsv");
    std::fs::write(&dict, "Russia\trussia*\n\nIran\tir*n\n").unwrap();
    let out = framescope(&[
        "count",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--dict",
        dict.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error: ") && stderr.contains("bad.tsv:3:"),
        "{stderr}"
    );
    assert!(stderr.contains("`*` may only end a pattern"), "{stderr}");
}

#[test]
fn yaml_export_warns_about_case_flags_and_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("d.yaml");
    let out = framescope(&["dict", "export", "-o", yaml.to_str().unwrap()]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("YAML has no case flag, so `US` becomes case-insensitive"),
        "{stderr}"
    );
    let check = stdout_ok(&["dict", "check", yaml.to_str().unwrap()]);
    assert!(check.contains("16 actors, all patterns valid"), "{check}");
    assert!(
        check.contains("Central Asia"),
        "groups survive as nesting: {check}"
    );
}

#[test]
fn nested_yaml_dictionaries_count_by_leaf_actor() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("newsmap.yml");
    std::fs::write(&yaml, "ASIA:\n  WEST:\n    IR: [iran, tehran*]\n  CENTRAL:\n    TM: [turkmenistan]\n    TR: [turk*]\n").unwrap();
    let counts = count_map(&stdout_ok(&[
        "count",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--dict",
        yaml.to_str().unwrap(),
    ]));
    assert_eq!(counts[&("edge-cases.txt".into(), "IR".into())], 4);
    // turk*: Turkey's, Turkic (no Türkiye: "turkiye" does start with "turk"), TÜRKİYE’s, Türkiye.
    assert_eq!(counts[&("edge-cases.txt".into(), "TR".into())], 4);
}

#[test]
fn dict_import_replaces_a_projects_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    stdout_ok(&[
        "import",
        fixture("edge-cases.txt").to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    let tsv = dir.path().join("d.tsv");
    std::fs::write(&tsv, "Iran\tiran\n").unwrap();
    stdout_ok(&[
        "dict",
        "import",
        tsv.to_str().unwrap(),
        "--project",
        project.to_str().unwrap(),
    ]);
    let out = stdout_ok(&["count", project.to_str().unwrap()]);
    assert_eq!(out.lines().count(), 2, "header and one Iran row: {out}");
    let exported = stdout_ok(&["dict", "export", "--project", project.to_str().unwrap()]);
    assert!(exported.contains("Iran\tiran\t\n"), "{exported}");
}

#[test]
fn kwic_offsets_are_code_points_into_the_original_text() {
    let out = stdout_ok(&[
        "kwic",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--actor",
        "turkiye",
        "--format",
        "json",
        "--context",
        "10",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let text = std::fs::read_to_string(fixture("edge-cases.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        let span: String = chars[start..end].iter().collect();
        assert_eq!(span, row["keyword"].as_str().unwrap());
        assert_eq!(row["actor"], "Türkiye");
    }
    assert_eq!(rows[0]["keyword"], "TÜRKİYE");
    let unknown = framescope(&[
        "kwic",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--actor",
        "Atlantis",
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no actor named `Atlantis`"));
}
