//! Hostile input: broken project files, strange corpus files, absurd
//! dictionaries and cue lists. Each gives a clear, specific error (naming the
//! file and, where there is one, the line and column) or is handled; nothing
//! panics, hangs or loses the rest of the input.

use std::path::Path;

use framescope::actors::{
    ActorDictionary, DictionaryFormat, MAX_PATTERN_CHARS, Matcher, PatternSpec, parse_dictionary,
};
use framescope::corpus::{ImportOptions, import_paths, panic_on_file_named};
use framescope::framing::{FrameDetector, FrameScheme};
use framescope::project::{ProjectError, load_project, parse_project, project_to_ron};

use super::common::framescope;

fn demo_text() -> String {
    project_to_ron(&parse_project(framescope::DEMO_PROJECT, "demo").unwrap())
}

/// The error for project text, which must be a syntax or content error with
/// a position (line ≥ 1) when it is a syntax error.
fn project_error(text: &str) -> ProjectError {
    let err = parse_project(text, "hostile.ron").expect_err("the text is refused");
    if let ProjectError::Syntax { line, column, .. } = &err {
        assert!(*line >= 1 && *column >= 1, "{err}");
    }
    assert!(err.to_string().starts_with("hostile.ron"), "{err}");
    err
}

// ---------------------------------------------------------------- projects

#[test]
fn truncated_project_files_are_refused_with_a_position() {
    let text = demo_text();
    let mut cuts = 0;
    for fraction in [0.0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999] {
        let mut at = (text.len() as f64 * fraction) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let err = project_error(&text[..at]);
        assert!(
            matches!(err, ProjectError::Syntax { .. }),
            "cut at {at}: {err}"
        );
        cuts += 1;
    }
    assert_eq!(cuts, 8);
}

#[test]
fn wrong_types_name_the_place_and_what_was_expected() {
    let text = demo_text();
    for (from, to, expect) in [
        ("name: \"Demo", "name: 5, _x: \"Demo", "string"),
        ("format_version: 2", "format_version: \"2\"", "integer"),
        ("included: true", "included: \"yes\"", "bool"),
        (
            "documents: [",
            "documents: 7, _d: [",
            "expected opening `[`",
        ),
    ] {
        assert!(text.contains(from), "{from}");
        let broken = text.replacen(from, to, 1);
        let err = project_error(&broken);
        let message = err.to_string().to_lowercase();
        assert!(message.contains(expect), "{from} → {to}: {message}");
    }
}

#[test]
fn unknown_fields_are_reported_by_name() {
    let text = demo_text();
    for (from, to, field) in [
        (
            "name: \"Demo",
            "colour_scheme: \"dark\",\n  name: \"Demo",
            "colour_scheme",
        ),
        ("included: true", "included: true, pinned: true", "pinned"),
        ("scope: Body", "scope: Body, zoom: 2", "zoom"),
    ] {
        assert!(text.contains(from), "{from}");
        let err = project_error(&text.replacen(from, to, 1));
        let message = err.to_string();
        assert!(message.contains(field), "{message}");
        assert!(matches!(err, ProjectError::Syntax { .. }), "{message}");
    }
}

#[test]
fn a_newer_format_version_is_refused_before_anything_else() {
    let text = demo_text().replacen("format_version: 2", "format_version: 3", 1);
    // A newer version may have fields this one does not know: the version
    // message comes first.
    let text = text.replacen("name: \"Demo", "future: [1, 2],\n  name: \"Demo", 1);
    let err = project_error(&text);
    assert!(
        matches!(err, ProjectError::NewerVersion { found: 3, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("update Framescope"), "{err}");
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    for depth in [200, 100_000] {
        let text = format!(
            "(format_version: 2, name: \"x\", documents: {}{}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let err = project_error(&text);
        assert!(matches!(err, ProjectError::Syntax { .. }), "{err}");
    }
    // Deep nesting in a dictionary file (YAML groups) too.
    let deep = format!("Russia: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let err = parse_dictionary(&deep, DictionaryFormat::Yaml, "deep.yaml")
        .expect_err("absurdly deep YAML is refused");
    assert!(err.to_string().contains("deep.yaml"), "{err}");
}

#[test]
fn huge_numbers_are_refused_not_wrapped() {
    let text = demo_text();
    for (from, to) in [
        (
            "format_version: 2",
            "format_version: 99999999999999999999999",
        ),
        ("format_version: 2", "format_version: -1"),
        ("kwic_context: 60", "kwic_context: 1e400"),
    ] {
        assert!(text.contains(from), "{from}");
        let err = project_error(&text.replacen(from, to, 1));
        assert!(matches!(err, ProjectError::Syntax { .. }), "{to}: {err}");
    }
    // A body range far outside the text: refused as invalid content.
    let broken = regex_like_replace_first_body(&text, "end: 18446744073709551615");
    let err = project_error(&broken);
    assert!(
        err.to_string().contains("body ranges outside its text"),
        "{err}"
    );
}

/// Replaces the first `end: N` of a body range.
fn regex_like_replace_first_body(text: &str, with: &str) -> String {
    let at = text.find("end: ").expect("a body range");
    let digits = text[at + 5..].find(|c: char| !c.is_ascii_digit()).unwrap();
    format!("{}{with}{}", &text[..at], &text[at + 5 + digits..])
}

#[test]
fn invalid_utf8_empty_and_garbage_project_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "latin1.ron",
            b"(format_version: 2, name: \"Caf\xe9\")",
            "not valid UTF-8",
        ),
        ("empty.ron", b"", "hostile"),
        ("bom-only.ron", b"\xef\xbb\xbf", "hostile"),
        (
            "binary.ron",
            &[0u8, 159, 146, 150, 255, 0, 1, 2],
            "not valid UTF-8",
        ),
        ("json.ron", b"{\"format_version\": 2}", "hostile"),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = load_project(&path).expect_err(name);
        let message = err.to_string();
        assert!(message.contains(name), "{message}");
        if expect != "hostile" {
            assert!(message.contains(expect), "{message}");
        }
        assert!(
            matches!(err, ProjectError::Syntax { .. }),
            "{name}: {message}"
        );
    }
    // A folder and a missing file: plain words, not a panic.
    let err = load_project(dir.path()).expect_err("a folder");
    assert!(err.to_string().contains("folder"), "{err}");
    let err = load_project(&dir.path().join("missing.ron")).expect_err("missing");
    assert!(err.to_string().contains("no such file"), "{err}");
}

// ---------------------------------------------------------------- corpora

/// Imports `dir` with the CLI into a project; returns (exit ok, stdout+stderr).
fn import_dir(dir: &Path, out: &Path) -> (bool, String) {
    let output = framescope(&["import", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    (output.status.success(), text)
}

// Named pipes (mkfifo) as on Unix.
#[cfg(unix)]
#[test]
fn odd_files_are_skipped_with_a_reason_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let write = |name: &str, bytes: &[u8]| std::fs::write(corpus.join(name), bytes).unwrap();
    write(
        "good.txt",
        "Moscow and Tehran\n\nBaku said Moscow was losing ground.\n".as_bytes(),
    );
    write("empty.txt", b"");
    write("blank.md", b"   \n\n\t\n");
    write("binary.txt", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1]);
    write(
        "mixed.txt",
        b"Caf\xc3\xa9 in Baku, then caf\xe9 in Tbilisi and Moscow.\n",
    );
    write(
        "cp1251.txt",
        b"\xcc\xee\xf1\xea\xe2\xe0 \xe8 \xd2\xe5\xe3\xe5\xf0\xe0\xed.\n",
    );
    // A 1 GB file (sparse: no disk space used) is refused by its size.
    let huge = std::fs::File::create(corpus.join("huge.txt")).unwrap();
    huge.set_len(1 << 30).unwrap();
    drop(huge);
    // A named pipe would block a reader forever.
    assert!(
        std::process::Command::new("mkfifo")
            .arg(corpus.join("pipe.txt"))
            .status()
            .unwrap()
            .success()
    );
    let out = dir.path().join("p.ron");
    let (ok, report) = import_dir(&corpus, &out);
    assert!(ok, "{report}");
    for (file, reason) in [
        ("empty.txt", "empty file"),
        ("blank.md", "empty file"),
        ("binary.txt", "binary file"),
        ("huge.txt", "too large"),
        ("pipe.txt", "not a regular file"),
    ] {
        let line = report
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("{file} not reported:\n{report}"));
        assert!(line.contains(reason), "{line}");
    }
    let project = load_project(&out).unwrap();
    let names: Vec<&str> = project.documents.iter().map(|d| d.file_label()).collect();
    assert_eq!(names, ["cp1251.txt", "good.txt", "mixed.txt"], "{report}");
    // Mixed encodings: decoded, with a warning, never dropped.
    assert!(report.contains("mixed.txt"), "{report}");
    assert!(project.documents[2].text.contains("Moscow"));
    assert!(
        project.documents[0].text.contains("Москва"),
        "{}",
        project.documents[0].text
    );
}

#[test]
fn very_long_lines_and_one_huge_paragraph_import_and_count() {
    let dir = tempfile::tempdir().unwrap();
    // 4 MB on one line, no sentence end for a long way.
    let line = "Moscow and Tehran and Ankara met again, ".repeat(100_000);
    std::fs::write(dir.path().join("long.txt"), format!("Title\n\n{line}\n")).unwrap();
    let output = framescope(&["count", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let counts = super::common::count_map(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(
        counts[&("long.txt".to_string(), "Russia".to_string())],
        100_000
    );
    assert_eq!(
        counts[&("long.txt".to_string(), "Iran".to_string())],
        100_000
    );
}

#[test]
fn many_tiny_files_import_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let n = 5_000;
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("{i:05}.txt")),
            format!("Note {i}\n\nBaku {i}.\n"),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let (ok, report) = import_dir(dir.path(), &out.path().join("p.ron"));
    assert!(ok, "{report}");
    assert!(
        report.starts_with(&format!("imported {n} documents")),
        "{report}"
    );
    let project = load_project(&out.path().join("p.ron")).unwrap();
    assert_eq!(project.documents.len(), n);
    assert_eq!(project.documents[4_321].file_label(), "04321.txt");
}

#[test]
fn names_with_spaces_and_other_scripts_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Статья о Баку.txt",
        "مقالة عن طهران.md",
        "news 2024 — Ankara's view.txt",
        "日本語 の 記事.txt",
    ];
    for (i, name) in names.iter().enumerate() {
        let text = format!("Note {i}\n\nMoscow and Tehran met in Moscow.\n");
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let output = framescope(&["count", dir.path().to_str().unwrap(), "--format", "csv"]);
    assert!(output.status.success());
    let counts = super::common::count_map(&String::from_utf8(output.stdout).unwrap());
    for name in names {
        assert_eq!(
            counts[&(name.to_string(), "Russia".to_string())],
            2,
            "{name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_skipped_and_the_rest_imported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::set_permissions(&corpus, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(corpus.join("open.txt"), "Open\n\nBaku.\n").unwrap();
    std::fs::write(corpus.join("secret.txt"), "Secret\n\nBaku.\n").unwrap();
    std::fs::set_permissions(
        corpus.join("open.txt"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(
        corpus.join("secret.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let out = dir.path().join("p.ron");
    let output = super::faults::framescope_unprivileged(&[
        "import",
        corpus.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = report
        .lines()
        .find(|l| l.contains("secret.txt"))
        .expect("reported");
    assert!(line.contains("ermission denied"), "{line}");
    assert!(report.starts_with("imported 1 document,"), "{report}");
}

// ------------------------------------------------------- dictionaries, cues

fn one_actor(patterns: Vec<PatternSpec>) -> ActorDictionary {
    let mut dict = ActorDictionary::default_dictionary();
    dict.actors.truncate(1);
    dict.actors[0].patterns = patterns;
    dict
}

#[test]
fn empty_and_absurdly_long_patterns_are_refused_by_name() {
    for (pattern, expect) in [
        ("", "empty"),
        ("   ", "empty"),
        ("*", "no letter or digit"),
        (&"x".repeat(MAX_PATTERN_CHARS + 1) as &str, "limit"),
        (&"ab".repeat(50_000) as &str, "limit"),
    ] {
        let errors = Matcher::new(&one_actor(vec![PatternSpec::new(pattern)]))
            .err()
            .unwrap_or_else(|| panic!("{pattern:.20} was accepted"));
        let message = errors[0].to_string();
        assert!(message.contains(expect), "{message}");
        assert!(message.contains("Russia"), "the actor is named: {message}");
    }
    // In a TSV file the line is named too.
    let tsv = format!(
        "actor\tpattern\nRussia\trussia*\nRussia\t{}\n",
        "y".repeat(500)
    );
    let err = parse_dictionary(&tsv, DictionaryFormat::Tsv, "dict.tsv").expect_err("too long");
    assert!(err.to_string().starts_with("dict.tsv:3"), "{err}");
}

#[test]
fn duplicate_and_pathological_patterns_match_in_linear_time() {
    // Regex-like text is literal here; nothing backtracks (one Aho–Corasick
    // automaton), so none of these can make matching slow.
    let patterns = [
        "russia*",
        "russia*",
        "RUSSIA",
        "(a+)+$",
        "a*",
        "aa*",
        "a a a a a a a*",
        "ñ̃̃̃̃",
    ];
    // Patterns without a letter or digit could match anywhere: refused, by name.
    for pattern in [".*", "\\", "[", "'", "--", "…"] {
        let errors = Matcher::new(&one_actor(vec![PatternSpec::new(pattern)])).unwrap_err();
        let message = errors[0].to_string();
        assert!(message.contains("no letter or digit"), "{message}");
        assert!(message.contains(pattern), "{message}");
    }
    let dict = one_actor(patterns.iter().map(|p| PatternSpec::new(*p)).collect());
    let matcher = match Matcher::new(&dict) {
        Ok(m) => m,
        Err(errors) => panic!("{errors:?}"),
    };
    let text = format!(
        "{}Russia, russia, (a+)+$ and a a a a a a a a a aaaaaa!{}",
        "a ".repeat(200_000),
        "a".repeat(200_000)
    );
    let found = matcher.find(&text);
    // "Russia" and "russia" once each (a duplicate pattern is not a second mention).
    let russia = found
        .iter()
        .filter(|m| text[m.range.clone()].eq_ignore_ascii_case("russia"))
        .count();
    assert_eq!(russia, 2);
    for m in &found {
        assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
    }
    // Ten thousand patterns compile and match too.
    let many: Vec<PatternSpec> = (0..10_000)
        .map(|i| PatternSpec::new(format!("word{i}*")))
        .collect();
    let matcher = Matcher::new(&one_actor(many)).unwrap();
    assert_eq!(matcher.find("word42 and word9999x and word").len(), 2);
}

#[test]
fn bad_cue_lists_are_refused_with_the_frame_named() {
    let dict = ActorDictionary::default_dictionary();
    for bad in ["", "*", &"z".repeat(MAX_PATTERN_CHARS + 1) as &str] {
        let mut scheme = FrameScheme::default_scheme();
        scheme.frames[0].cues.push(PatternSpec::new(bad));
        let Err(err) = FrameDetector::new(&scheme, &dict) else {
            panic!("the cue {bad:.20} was accepted");
        };
        let message = err.to_string();
        assert!(message.contains(&scheme.frames[0].name), "{message}");
    }
    // Duplicates and odd but valid cues are fine.
    let mut scheme = FrameScheme::default_scheme();
    let first = scheme.frames[0].cues[0].clone();
    scheme.frames[0].cues.push(first);
    scheme.frames[0].cues.push(PatternSpec::new("(a+)+$"));
    assert!(FrameDetector::new(&scheme, &dict).is_ok());
}

#[test]
fn ragged_csv_and_a_bad_jsonl_line_are_reported_by_line_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("t.csv"),
        "title,text\nOne,Moscow spoke.\nTwo\nThree,Tehran,extra\n\"Four,\"unterminated\nFive,Baku\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("w.jsonl"),
        "{\"title\":\"A\",\"text\":\"Moscow.\"}\n{\"title\": oops}\n[1,2]\n{\"text\":\"Tehran.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("p.ron");
    let (ok, report) = import_dir(dir.path(), &out);
    assert!(ok, "{report}");
    assert!(report.contains("row 2 (line 3)"), "{report}");
    assert!(
        report.contains("w.jsonl: line 2: not valid JSON"),
        "{report}"
    );
    assert!(
        report.contains("w.jsonl: line 3: not a JSON object"),
        "{report}"
    );
    let project = load_project(&out).unwrap();
    let texts: Vec<&str> = project.documents.iter().map(|d| d.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("Moscow spoke.")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("Tehran.")), "{texts:?}");
}

/// Every command that prints treats a closed stdout (`… | head -1`) as the
/// end of its run: exit 0, nothing on stderr, no panic.
#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    use std::io::Read as _;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    let out = out.to_str().unwrap();
    let commands: [&[&str]; 8] = [
        &["body", "projects/demo.ron"],
        &["count", "projects/demo.ron"],
        &["count", "projects/demo.ron", "--format", "json"],
        &["kwic", "projects/demo.ron", "--actor", "Russia"],
        &["frames", "projects/demo.ron"],
        &["frames", "projects/demo.ron", "--summary"],
        &["code", "projects/demo.ron", "list"],
        &["import", "projects/demo", "-o", out],
    ];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_framescope"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the framescope binary runs");
        // Close the reading end before the command writes anything.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr is piped")
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(status.success(), "{args:?}: {status}, {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// Two documents under one id are refused, naming both, by the loader and
/// by the streaming reader `count` and `frames` use; never merged silently.
#[test]
fn a_project_with_two_documents_under_one_id_is_refused() {
    let project = parse_project(framescope::DEMO_PROJECT, "demo").unwrap();
    let (first, second) = (&project.documents[0], &project.documents[1]);
    let text = demo_text().replace(
        &format!("id: \"{}\"", second.id),
        &format!("id: \"{}\"", first.id),
    );
    let err = parse_project(&text, "twins.ron").unwrap_err().to_string();
    assert!(err.contains("twins.ron"), "{err}");
    assert!(err.contains(&format!("`{}`", first.id)), "{err}");
    assert!(
        err.contains(first.display_name()) && err.contains(second.display_name()),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twins.ron");
    std::fs::write(&path, &text).unwrap();
    for command in ["count", "frames"] {
        let out = framescope(&[command, path.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("two documents have the id"),
            "{command}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{command}: {stderr}");
    }
}

/// A folder named like a project is refused in one line, not read as an
/// empty corpus.
#[test]
fn a_folder_named_like_a_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("study.ron");
    std::fs::create_dir(&folder).unwrap();
    for command in ["count", "frames", "kwic"] {
        let mut args = vec![command, folder.to_str().unwrap()];
        if command == "kwic" {
            args.extend(["--actor", "Russia"]);
        }
        let out = framescope(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("is a folder, not a project file"),
            "{command}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{command}");
    }
}

// ------------------------------------------ parser panics, deep nesting

/// A folder with a good article and files nested 100,000 deep in each
/// imported format: HTML elements, a JSON Lines row, YAML front matter.
pub fn deeply_nested_corpus(dir: &Path) {
    let depth = 100_000;
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    write(
        "good.txt",
        "Ferry talks\n\nMoscow and Tehran met in Baku on Monday.\n".into(),
    );
    write(
        "deep.html",
        format!(
            "<html><body>{}<p>Ankara watched the talks in Baku from across the sea.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        ),
    );
    write(
        "deep.jsonl",
        format!("{{\"text\": {}{}}}\n", "[".repeat(depth), "]".repeat(depth)),
    );
    write(
        "deep.md",
        format!(
            "---\ntags: {}{}\n---\nAnkara spoke of Baku.\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
}

#[test]
fn a_file_whose_parser_panics_or_nests_deeply_is_skipped_and_the_import_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    deeply_nested_corpus(dir.path());
    // A name no other test uses: the switch holds for the whole test binary.
    let forced = "hostile-import-forced-panic-7e41c9.txt";
    std::fs::write(dir.path().join(forced), "A title\n\nTehran.\n").unwrap();
    panic_on_file_named(forced);
    let (documents, report) = import_paths(
        &[dir.path().to_path_buf()],
        &ImportOptions::default(),
        &[],
        &mut |_| true,
    );
    assert!(!report.cancelled, "{report}");
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| {
            let name = Path::new(&s.path).file_name().unwrap();
            (name.to_str().unwrap(), s.reason.as_str())
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{report}");
    assert_eq!(skipped[0].0, "deep.jsonl", "{report}");
    assert!(skipped[0].1.contains("line 1: not valid JSON"), "{report}");
    assert!(skipped[0].1.contains("recursion limit"), "{report}");
    assert_eq!(skipped[1].0, forced, "{report}");
    assert_eq!(
        skipped[1].1,
        "the file could not be parsed (internal error: a panic asked for by a test); please report it"
    );
    let names: Vec<&str> = documents.iter().map(|d| d.file_label()).collect();
    assert_eq!(names, ["deep.html", "deep.md", "good.txt"], "{report}");
    assert!(documents[0].text.contains("Ankara watched"));
    assert!(documents[2].text.contains("Moscow and Tehran"));
    // The front matter is refused with its place and read as text.
    let warning = report
        .warnings
        .iter()
        .find(|w| w.path.ends_with("deep.md"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(
        warning
            .message
            .starts_with("front matter is not valid YAML at line 2"),
        "{}",
        warning.message
    );
}

#[test]
fn count_goes_on_past_deeply_nested_files() {
    let dir = tempfile::tempdir().unwrap();
    deeply_nested_corpus(dir.path());
    let output = framescope(&["count", dir.path().to_str().unwrap(), "--format", "csv"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("deep.jsonl") && l.contains("recursion limit")),
        "{stderr}"
    );
    let counts = super::common::count_map(&String::from_utf8(output.stdout).unwrap());
    for (file, actor, n) in [
        ("good.txt", "Russia", 1),
        ("good.txt", "Iran", 1),
        ("deep.html", "Türkiye", 1),
    ] {
        assert_eq!(
            counts.get(&(file.to_string(), actor.to_string())),
            Some(&n),
            "{file} {actor}: {counts:?}"
        );
    }
}

#[test]
fn a_deeply_nested_scheme_file_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep-scheme.ron");
    std::fs::write(
        &path,
        format!(
            "(frames: [{}{}])",
            "(a: ".repeat(100_000),
            ")".repeat(100_000)
        ),
    )
    .unwrap();
    let output = framescope(&[
        "frames",
        "projects/demo.ron",
        "--scheme",
        path.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("deep-scheme.ron"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
