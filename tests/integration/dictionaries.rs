//! `framescope dict` and `--dict`: TSV, YAML, RON, LIWC and WordStat
//! dictionaries.

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

#[test]
fn liwc_and_wordstat_dictionaries_are_checked_counted_and_exported_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let dic = dir.path().join("actors.dic");
    // CRLF line ends, a category nested in a group, a zero-padded number, an
    // undeclared number and a conditional code.
    std::fs::write(
        &dic,
        "%\r\n1\tWorld\r\n\t02\tIran\r\n3\tRussia\r\n%\r\niran\t2\r\ntehran*\t02 9\r\n\
         russia*\t3\r\nkind\t<of>1/3\r\n",
    )
    .unwrap();
    let dic_name = dic.to_str().unwrap();
    let out = framescope(&["dict", "check", dic_name]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [
            format!(
                "{dic_name}: line 7: `tehran*`: category 9 is not declared in the header; ignored"
            ),
            format!(
                "{dic_name}: line 9: `kind`: `<of>1/3` counts it for category 1 when the next word \
                 is `of`, otherwise for 3; Framescope has no such conditions, so it counts for 3"
            ),
        ]
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let row = |actor: &str| -> Vec<String> {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(actor))
            .unwrap_or_else(|| panic!("{actor}: {stdout}"));
        line.split_whitespace().map(str::to_string).collect()
    };
    assert_eq!(row("Iran"), ["Iran", "World", "iran,", "tehran*"]);
    assert_eq!(row("Russia"), ["Russia", "russia*,", "kind"]);
    assert!(
        stdout.ends_with("actors.dic: 2 actors, all patterns valid (2 warnings above)\n"),
        "{stdout}"
    );
    // The same file counts mentions through --dict.
    let counts = count_map(&stdout_ok(&[
        "count",
        fixture("edge-cases.txt").to_str().unwrap(),
        "--dict",
        dic_name,
    ]));
    // Tehran’s, Iran’s, Iran's, IRAN.
    assert_eq!(counts[&("edge-cases.txt".into(), "Iran".into())], 4);

    // Export to WordStat: every warning of the library on stderr, after the file.
    let cat = dir.path().join("actors.cat");
    let cat_name = cat.to_str().unwrap();
    let out = framescope(&["dict", "export", "-o", cat_name]);
    assert!(out.status.success(), "{out:?}");
    let dictionary = framescope::actors::ActorDictionary::default_dictionary();
    let (text, warnings) = framescope::actors::dictionary_text(
        &dictionary,
        framescope::actors::DictionaryFormat::WordStat,
    );
    assert_eq!(std::fs::read_to_string(&cat).unwrap(), text);
    let expected: Vec<String> = warnings
        .iter()
        .map(|w| format!("{cat_name}: {w}"))
        .collect();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().collect::<Vec<_>>(), expected);
    assert!(
        stderr.contains("WordStat has no case flag, so `US` becomes case-insensitive"),
        "{stderr}"
    );
    let check = stdout_ok(&["dict", "check", cat_name]);
    assert!(check.contains("16 actors, all patterns valid\n"), "{check}");
    assert!(
        check.contains("Central Asia"),
        "groups survive as nesting: {check}"
    );
}
