//! `framescope frames` and `framescope code` on a fixture written for these tests.

use super::common::{fixture, framescope, stdout_ok};

fn passages(args: &[&str]) -> Vec<serde_json::Value> {
    serde_json::from_str(&stdout_ok(args)).expect("frames --format json is a JSON array")
}

fn find<'a>(
    rows: &'a [serde_json::Value],
    actor: &str,
    needle: &str,
) -> Option<&'a serde_json::Value> {
    rows.iter()
        .find(|r| r["actor"] == actor && r["text"].as_str().unwrap().contains(needle))
}

#[test]
fn cues_negation_carry_over_and_neutral_mentions() {
    let f = fixture("framing.txt");
    let rows = passages(&["frames", f.to_str().unwrap(), "--format", "json"]);
    let label = |actor: &str, needle: &str| {
        find(&rows, actor, needle).map(|r| r["frame"].as_str().unwrap().to_string())
    };
    assert_eq!(
        label("Russia", "grip on the region").as_deref(),
        Some("declining")
    );
    // "not weakened" flips a declining cue.
    assert_eq!(label("Iran", "not weakened").as_deref(), Some("persisting"));
    // "no longer dominant" flips a persisting cue.
    assert_eq!(
        label("Russia", "no longer dominant").as_deref(),
        Some("declining")
    );
    assert_eq!(label("Iran", "key player").as_deref(), Some("persisting"));
    // Named without a judgement: neutral, with no cues.
    let neutral = find(&rows, "Iran", "delegation arrived late").unwrap();
    assert_eq!(neutral["frame"], "neutral");
    assert!(neutral["cues"].as_array().unwrap().is_empty());
    // "Its influence has eroded": no name, a reference back to Iran and a cue.
    assert_eq!(
        label("Iran", "Its influence has eroded").as_deref(),
        Some("declining")
    );
    // Abbreviations do not split the unit; no focal actor is named there.
    assert!(
        rows.iter()
            .all(|r| !r["text"].as_str().unwrap().starts_with("Aliyev"))
    );
    // Türkiye's growth is not Russia's or Iran's.
    assert!(find(&rows, "Russia", "Türkiye’s growing").is_none());
    // Cue offsets are code points into the original text.
    let text: Vec<char> = std::fs::read_to_string(&f).unwrap().chars().collect();
    let first = find(&rows, "Russia", "grip on the region").unwrap();
    for cue in first["cues"].as_array().unwrap() {
        let (s, e) = (
            cue["start"].as_u64().unwrap() as usize,
            cue["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            cue["text"].as_str().unwrap()
        );
    }
    assert!(rows.iter().all(|r| r["origin"] == "auto"));
}

#[test]
fn summary_gives_one_record_per_document_and_actor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("only-russia.txt"),
        "Russia has lost its leverage over Armenia.\n",
    )
    .unwrap();
    let out = stdout_ok(&[
        "frames",
        dir.path().to_str().unwrap(),
        "--summary",
        "--format",
        "csv",
    ]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("document,actor,declining,persisting,neutral,summary")
    );
    assert_eq!(lines.next(), Some("only-russia.txt,Russia,1,0,0,declining"));
    assert_eq!(lines.next(), Some("only-russia.txt,Iran,0,0,0,absent"));
    let json: Vec<serde_json::Value> = serde_json::from_str(&stdout_ok(&[
        "frames",
        dir.path().to_str().unwrap(),
        "--summary",
        "--format",
        "json",
        "--actors",
        "Iran",
    ]))
    .unwrap();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["summary"], "absent");
}

#[test]
fn manual_codes_win_and_survive_in_the_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    stdout_ok(&[
        "import",
        fixture("framing.txt").to_str().unwrap(),
        "-o",
        project.to_str().unwrap(),
    ]);
    let p = project.to_str().unwrap();
    let rows = passages(&["frames", p, "--format", "json"]);
    let target = find(&rows, "Russia", "no longer dominant").unwrap();
    let sentence = target["sentence_index"].to_string();
    let document = target["document"].as_str().unwrap().to_string();

    stdout_ok(&[
        "code",
        p,
        "relabel",
        "--document",
        &document,
        "--sentence",
        &sentence,
        "--actor",
        "russia",
        "--frame",
        "neutral",
        "--memo",
        "a plain statement",
    ]);
    let neutral_row = find(
        &passages(&["frames", p, "--format", "json"]),
        "Russia",
        "no longer dominant",
    )
    .cloned()
    .unwrap();
    assert_eq!(neutral_row["frame"], "neutral");
    assert_eq!(neutral_row["origin"], "manual");

    let delegation =
        find(&rows, "Iran", "delegation arrived late").unwrap()["sentence_index"].to_string();
    stdout_ok(&[
        "code",
        p,
        "reject",
        "--document",
        &document,
        "--sentence",
        &delegation,
        "--actor",
        "Iran",
    ]);
    stdout_ok(&[
        "code",
        p,
        "add",
        "--document",
        &document,
        "--start",
        "0",
        "--end",
        "27",
        "--actor",
        "Iran",
        "--frame",
        "declining",
    ]);
    let after = passages(&["frames", p, "--format", "json"]);
    assert!(
        find(&after, "Iran", "delegation arrived late").is_none(),
        "rejected passages are left out"
    );
    let added = find(&after, "Iran", "Notes From the Caspian Desk").unwrap();
    assert_eq!(
        (
            added["frame"].as_str(),
            added["origin"].as_str(),
            added["start"].as_u64(),
            added["end"].as_u64()
        ),
        (Some("declining"), Some("manual"), Some(0), Some(27))
    );

    // Stored with document id, span, quote hash, actor, frame, status, memo and time.
    let saved = std::fs::read_to_string(&project).unwrap();
    for field in [
        "quote_hash:",
        "status: relabelled",
        "status: rejected",
        "status: added",
        "memo: \"a plain statement\"",
        "time: \"",
    ] {
        assert!(
            saved.contains(field),
            "{field} missing from the project file"
        );
    }
    let list = stdout_ok(&["code", p, "list"]);
    assert_eq!(list.lines().count(), 2 + 3, "{list}");

    // The decisions are the reference `eval` scores the automatic labels by:
    // the relabelled and the added passage are reference labels the engine
    // did not give, the rejected one an automatic label the analyst refused.
    let eval: serde_json::Value =
        serde_json::from_str(&stdout_ok(&["eval", p, "--format", "json"])).unwrap();
    let eval = &eval[0];
    assert_eq!(
        (&eval["labels_total"], &eval["labels_agreeing"]),
        (&serde_json::json!(2), &serde_json::json!(0)),
        "{eval}"
    );
    // The same decisions teach the rule weights: the added passage is in a
    // unit the engine does not read for Iran, so two examples remain.
    let learned_path = dir.path().join("learned.ron");
    let learned: serde_json::Value = serde_json::from_str(&stdout_ok(&[
        "learn",
        p,
        "-o",
        learned_path.to_str().unwrap(),
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(learned[0]["examples"], 2, "{learned}");
    let scheme = std::fs::read_to_string(&learned_path).unwrap();
    assert!(scheme.contains("grammar:"), "a whole scheme is written");
    stdout_ok(&["frames", p, "--scheme", learned_path.to_str().unwrap()]);
    let rejected = eval["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["reference"] == "none")
        .expect("the rejection is a disagreement");
    assert_eq!(rejected["actor"], "Iran");
    assert!(
        rejected["text"]
            .as_str()
            .unwrap()
            .contains("delegation arrived late")
    );

    let bad = framescope(&[
        "code",
        p,
        "relabel",
        "--document",
        &document,
        "--sentence",
        &sentence,
        "--actor",
        "Russia",
        "--frame",
        "victorious",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no frame `victorious`"));
}

#[test]
fn a_version_1_project_is_migrated_with_the_default_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.ron");
    std::fs::write(&v1, r##"(format_version: 1, name: "old", documents: [(id: "doc-1", meta: (title: "T"), text: "Moscow has lost ground.", body: [(start: 0, end: 23)])], dictionary: (actors: [(name: "Russia", colour: "#d62728", patterns: ["moscow"])]))"##).unwrap();
    let project = framescope::project::load_project(&v1).unwrap();
    assert_eq!(project.format_version, framescope::project::FORMAT_VERSION);
    assert_eq!(
        project.scheme,
        framescope::framing::FrameScheme::default_scheme()
    );
    assert!(project.codes.is_empty());
    let out = stdout_ok(&[
        "frames",
        v1.to_str().unwrap(),
        "--actors",
        "Russia",
        "--format",
        "csv",
    ]);
    assert!(out.contains(",Russia,declining,"), "{out}");
}
