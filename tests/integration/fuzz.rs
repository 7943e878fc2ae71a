//! Fuzzing on the stable toolchain with proptest: every importer, the
//! project loader, the dictionary and scheme parsers, the pattern compiler,
//! the body proposal and the sentence splitter get arbitrary and mutated
//! input. None may panic; whatever they accept must be well-formed (ranges
//! inside the text and on character boundaries).
//!
//! CI runs a short pass (`FUZZ_CASES`, default 64 cases per target). A long
//! run: `FUZZ_CASES=20000 cargo test --release --test integration fuzz::`.
//! A failing case is saved under `tests/integration/fuzz.proptest-regressions`
//! and replayed first on every later run; it is then turned into a test in
//! `hostile.rs`.

use proptest::prelude::*;

use framescope::actors::{
    ActorDictionary, DictionaryFormat, Matcher, Pattern, PatternSpec, parse_dictionary,
};
use framescope::corpus::{Document, ImportOptions, Scope, parse_file_bytes, propose_body};
use framescope::framing::{FrameDetector, FrameScheme, document_units, frame_document};
use framescope::project::{ProjectStream, parse_project, project_to_ron};

fn config() -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    }
}

/// Text with the characters that matter here: letters from several scripts,
/// combining marks, apostrophes and dashes, markup, quotes, line breaks.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Moscow",
        "Tehran",
        "Türkiye",
        "TÜRKİYE",
        "Bakı",
        "Əliyev",
        "Россия",
        "ایران",
        "e\u{301}",
        "\u{200d}",
        "\u{ad}",
        "’s",
        "-",
        "—",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\n\n",
        ".",
        "!",
        "?",
        "\"",
        "«",
        "»",
        "<p>",
        "</p>",
        "<script>",
        "<!--",
        "---\n",
        "title: x\n",
        ",",
        "\t",
        "{",
        "}",
        "[",
        "]",
        ":",
        "Mr.",
        "U.S.",
        "3.5",
        "By Jane Roe",
        "Related",
        "*",
        "_",
        "#",
        "\u{feff}",
        "\0",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), any::<String>()],
        0..60,
    )
    .prop_map(|v| v.concat())
}

/// Bytes: arbitrary ones, or text in UTF-8, or text in a legacy encoding.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..400),
        texty().prop_map(String::into_bytes),
        texty().prop_map(|t| encoding_rs::WINDOWS_1252.encode(&t).0.into_owned()),
        texty().prop_map(|t| {
            let mut b = vec![0xff, 0xfe];
            b.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
    ]
}

fn assert_well_formed(doc: &Document) {
    assert!(doc.body_is_valid(), "body {:?} in {:?}", doc.body, doc.text);
    assert!(!doc.text.trim().is_empty());
}

/// The demo project as Framescope writes it.
fn demo_text() -> String {
    project_to_ron(&parse_project(framescope::DEMO_PROJECT, "demo").unwrap())
}

/// `text` with a random byte range replaced by `insert` (at char boundaries).
fn mutate(text: &str, at: usize, len: usize, insert: &str) -> String {
    let mut start = at % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &text[..start], &text[end..])
}

/// Nesting depths: around the parsers' limits (128 levels in serde_json,
/// serde_norway and ron; HTML is flattened past 512) and far past them,
/// where a parser recursing without a limit would overflow a test thread's
/// 2 MiB stack and abort the run.
fn depth() -> impl Strategy<Value = usize> {
    prop_oneof![100usize..600, 50_000usize..200_000]
}

/// `inner` inside `depth` pairs of `open`…`close`; the closers left off
/// unless `closed`.
fn nest(open: &str, close: &str, depth: usize, inner: &str, closed: bool) -> String {
    let mut out = open.repeat(depth);
    out.push_str(inner);
    if closed {
        out.push_str(&close.repeat(depth));
    }
    out
}

/// A RON bracket pair: list, tuple or struct, map, option, named struct.
fn ron_pair() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop::sample::select(vec![
        ("[", "]"),
        ("(", ")"),
        ("{", "}"),
        ("Some(", ")"),
        ("A(", ")"),
        ("(a: ", ")"),
    ])
}

/// YAML nested `depth` deep under `key:` in one of four shapes: flow lists,
/// flow mappings, compact block lists (`- - - x`), and block mappings
/// (indented one space a level; their size grows with the square of the
/// depth, so they stop at 2,000).
fn deep_yaml(key: &str, shape: usize, depth: usize, leaf: &str) -> String {
    match shape {
        0 => format!("{key}: {}\n", nest("[", "]", depth, leaf, true)),
        1 => format!("{key}: {}\n", nest("{a: ", "}", depth, leaf, true)),
        2 => format!("{key}:\n{}{leaf}\n", "- ".repeat(depth)),
        _ => {
            let depth = depth.min(2_000);
            let mut out = format!("{key}:\n");
            for level in 1..=depth {
                out.push_str(&" ".repeat(level));
                out.push_str("a:\n");
            }
            out.push_str(&" ".repeat(depth + 1));
            out.push_str(leaf);
            out.push('\n');
            out
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn deeply_nested_html_imports_without_overflowing(
        // Past 4,096 a page is flattened before parsing; the parse of a
        // page that deep takes most of this test's time to read, so it stops at 100,000.
        depth in prop_oneof![100usize..600, 4_000usize..4_200, 50_000usize..100_000],
        tag in prop::sample::select(vec!["div", "span", "b", "a", "font", "table", "ul", "blockquote", "svg"]),
        closed in any::<bool>(),
    ) {
        let article = "<p>Moscow and Tehran met in Baku on Monday to talk about the ferry line across the Caspian.</p>";
        let html = format!(
            "<html><head><title>Ferry</title></head><body>{}</body></html>",
            nest(&format!("<{tag}>"), &format!("</{tag}>"), depth, article, closed)
        );
        match parse_file_bytes("deep.html", html.as_bytes(), &ImportOptions::default()) {
            Ok((documents, _)) => {
                for doc in &documents {
                    assert_well_formed(doc);
                }
            }
            // Text inside an SVG drawing is not the page's text.
            Err(reason) => prop_assert!(tag == "svg", "{}", reason),
        }
    }

    #[test]
    fn deeply_nested_json_ld_in_a_page_imports_without_overflowing(
        depth in depth(),
        (open, close) in prop::sample::select(vec![("[", "]"), ("{\"a\": ", "}")]),
        closed in any::<bool>(),
    ) {
        let deep = nest(open, close, depth, "\"x\"", closed);
        let html = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"author\": {deep}, \"headline\": \"Ferry\"}}</script>\
             <script type=\"application/ld+json\">{deep}</script></head>\
             <body><article><p>Moscow and Tehran met in Baku on Monday to talk about the ferry line across the Caspian.</p></article></body></html>"
        );
        let (documents, _) = parse_file_bytes("deep.html", html.as_bytes(), &ImportOptions::default())
            .expect("the page has an article");
        prop_assert_eq!(documents.len(), 1);
        prop_assert!(documents[0].text.contains("Moscow"), "{}", documents[0].text);
    }

    #[test]
    fn deeply_nested_front_matter_is_a_warning_and_the_text_imports(
        depth in depth(),
        shape in 0usize..4,
    ) {
        let yaml = deep_yaml("tags", shape, depth, "x");
        let md = format!("---\ntitle: Ferry\n{yaml}---\nMoscow and Tehran met in Baku on Monday.\n");
        let (documents, warnings) = parse_file_bytes("deep.md", md.as_bytes(), &ImportOptions::default())
            .expect("a text file always imports");
        prop_assert_eq!(documents.len(), 1);
        prop_assert!(documents[0].text.contains("Moscow"));
        assert_well_formed(&documents[0]);
        if depth > 130 {
            // Refused, with the place: flow brackets by the count taken
            // before parsing, block nesting by serde_norway's recursion limit.
            prop_assert!(
                warnings.iter().any(|w| w.starts_with("front matter is not valid YAML at line")
                    && (w.contains("nested more than 128 deep") || w.contains("recursion limit"))),
                "{:?}", warnings
            );
        }
    }

    #[test]
    fn deeply_nested_jsonl_rows_are_refused_by_line_and_the_rest_imported(
        depth in depth(),
        shape in 0usize..3,
        closed in any::<bool>(),
        with_good_row in any::<bool>(),
    ) {
        let deep = match shape {
            0 => nest("[", "]", depth, "1", closed),
            1 => format!("{{\"title\": \"Deep\", \"text\": {}}}", nest("[", "]", depth, "\"x\"", closed)),
            _ => format!("{{\"text\": {}}}", nest("{\"a\": ", "}", depth, "\"x\"", closed)),
        };
        let good = "{\"title\": \"Ferry\", \"text\": \"Moscow and Tehran met in Baku.\"}";
        let jsonl = if with_good_row { format!("{good}\n{deep}\n") } else { format!("{deep}\n") };
        let deep_line = if with_good_row { "line 2:" } else { "line 1:" };
        match parse_file_bytes("deep.jsonl", jsonl.as_bytes(), &ImportOptions::default()) {
            Ok((documents, warnings)) => {
                if with_good_row {
                    prop_assert!(documents[0].text.contains("Moscow"));
                }
                if depth > 130 {
                    prop_assert!(
                        warnings.iter().any(|w| w.starts_with(deep_line) && w.contains("recursion limit")),
                        "{:?}", warnings
                    );
                }
            }
            Err(reason) => {
                prop_assert!(!with_good_row, "{}", reason);
                prop_assert!(reason.contains("deep.jsonl"), "{}", reason);
                prop_assert!(reason.contains(deep_line), "{}", reason);
            }
        }
    }

    #[test]
    fn deep_quoting_and_brackets_in_a_csv_field_are_plain_text(
        depth in depth(),
        (piece, unquoted) in prop::sample::select(vec![("[", "["), ("{", "{"), ("(", "("), ("<div>", "<div>"), ("\"\"", "\"")]),
    ) {
        let csv = format!("title,text\nDeep,\"Moscow {}\"\n", piece.repeat(depth));
        let (documents, _) = parse_file_bytes("deep.csv", csv.as_bytes(), &ImportOptions::default())
            .expect("one row with text");
        prop_assert_eq!(documents.len(), 1);
        prop_assert!(documents[0].text.contains("Moscow"));
        prop_assert_eq!(documents[0].text.matches(unquoted).count(), depth);
    }

    #[test]
    fn deeply_nested_yaml_dictionaries_are_refused_by_name(
        depth in depth(),
        shape in 0usize..4,
    ) {
        let text = deep_yaml("Russia", shape, depth, "russia");
        let err = parse_dictionary(&text, DictionaryFormat::Yaml, "deep.yaml")
            .expect_err("a nested list or 100 groups deep is refused");
        prop_assert!(err.to_string().starts_with("deep.yaml"), "{}", err);
    }

    #[test]
    fn deeply_nested_ron_dictionaries_are_refused_by_name(
        depth in depth(),
        (open, close) in ron_pair(),
        closed in any::<bool>(),
        whole in any::<bool>(),
    ) {
        let deep = nest(open, close, depth, "\"russia\"", closed);
        let text = if whole {
            deep
        } else {
            format!("(actors: [(name: \"Russia\", patterns: {deep})])")
        };
        let err = parse_dictionary(&text, DictionaryFormat::Ron, "deep.ron")
            .expect_err("deep RON is refused");
        prop_assert!(err.to_string().starts_with("deep.ron"), "{}", err);
    }

    #[test]
    fn deeply_nested_projects_are_refused_by_name(
        depth in depth(),
        (open, close) in ron_pair(),
        closed in any::<bool>(),
        place in 0usize..4,
    ) {
        let deep = nest(open, close, depth, "1", closed);
        let text = match place {
            // After the version: the full parse meets it.
            0 => format!("(format_version: 2, name: \"x\", documents: {deep})"),
            // Before the version: the version probe skips over it.
            1 => format!("(name: {deep}, format_version: 2)"),
            2 => deep,
            // Inside a real project (its first `text` field).
            _ => demo_text().replacen("text: ", &format!("text: {deep}, _text: "), 1),
        };
        let err = parse_project(&text, "deep.ron").expect_err("deep RON is refused");
        prop_assert!(err.to_string().starts_with("deep.ron"), "{}", err);
        if place == 1 && depth > 130 {
            // Skipped over untyped: only the recursion limit stops it.
            prop_assert!(err.to_string().contains("nested too deeply"), "{}", err);
        }
        // The streaming reader `count` and `frames` use.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep.ron");
        std::fs::write(&path, &text).unwrap();
        let streamed = ProjectStream::open(&path).and_then(|stream| {
            stream.for_each_chunk(16, &mut |_| std::ops::ControlFlow::Continue(()))
        });
        let err = streamed.expect_err("deep RON is refused");
        prop_assert!(err.to_string().contains("deep.ron"), "{}", err);
    }

    #[test]
    fn deeply_nested_schemes_are_refused(
        depth in depth(),
        (open, close) in ron_pair(),
        closed in any::<bool>(),
        whole in any::<bool>(),
    ) {
        let deep = nest(open, close, depth, "1", closed);
        let text = if whole {
            deep
        } else {
            let scheme = ron::ser::to_string_pretty(
                &FrameScheme::default_scheme(),
                ron::ser::PrettyConfig::default(),
            ).unwrap();
            prop_assert!(scheme.contains("frames: ["));
            scheme.replacen("frames: [", &format!("frames: [{deep}, "), 1)
        };
        let err = ron::from_str::<FrameScheme>(&text).expect_err("deep RON is refused");
        prop_assert!(err.span.start.line >= 1, "{}", err);
    }

    #[test]
    fn importers_never_panic_and_give_well_formed_documents(
        data in bytes(),
        ext in prop::sample::select(vec!["txt", "md", "html", "csv", "jsonl"]),
    ) {
        let name = format!("fuzz.{ext}");
        if let Ok((documents, _warnings)) = parse_file_bytes(&name, &data, &ImportOptions::default()) {
            for doc in &documents {
                assert_well_formed(doc);
            }
        }
    }

    #[test]
    fn the_project_loader_never_panics_on_arbitrary_text(text in texty()) {
        let _ = parse_project(&text, "fuzz.ron");
    }

    #[test]
    fn the_project_loader_never_panics_on_a_mutated_project(
        at in any::<usize>(),
        len in 0usize..200,
        insert in texty(),
    ) {
        let demo = framescope::DEMO_PROJECT;
        let text = mutate(demo, at, len, &insert);
        if let Ok(project) = parse_project(&text, "fuzz.ron") {
            // What loads is consistent and saves again.
            for doc in &project.documents {
                prop_assert!(doc.body_is_valid());
            }
            let again = project_to_ron(&project);
            prop_assert_eq!(parse_project(&again, "again.ron").unwrap(), project);
        }
    }

    #[test]
    fn dictionary_parsers_never_panic_and_what_they_accept_matches_safely(
        text in texty(),
        format in prop::sample::select(vec![
            DictionaryFormat::Tsv,
            DictionaryFormat::Yaml,
            DictionaryFormat::Ron,
            DictionaryFormat::Liwc,
            DictionaryFormat::WordStat,
        ]),
        haystack in texty(),
    ) {
        if let Ok(dict) = parse_dictionary(&text, format, "fuzz.dict")
            && let Ok(matcher) = Matcher::new(&dict)
        {
            for m in matcher.find(&haystack) {
                prop_assert!(haystack.is_char_boundary(m.range.start));
                prop_assert!(haystack.is_char_boundary(m.range.end));
                prop_assert!(m.range.start < m.range.end);
            }
        }
    }

    #[test]
    fn the_pattern_compiler_never_panics_and_matches_on_boundaries(
        pattern in texty(),
        case in any::<bool>(),
        haystack in texty(),
    ) {
        let spec = if case { PatternSpec::case_sensitive(pattern) } else { PatternSpec::new(pattern) };
        if Pattern::compile(&spec).is_ok() {
            let mut dict = ActorDictionary::default_dictionary();
            dict.actors.truncate(1);
            dict.actors[0].patterns = vec![spec];
            let matcher = Matcher::new(&dict).expect("a compiled pattern makes a matcher");
            for m in matcher.find(&haystack) {
                prop_assert!(haystack.is_char_boundary(m.range.start));
                prop_assert!(haystack.is_char_boundary(m.range.end));
            }
        }
    }

    #[test]
    fn the_scheme_parser_never_panics_and_detection_runs_on_anything(
        at in any::<usize>(),
        len in 0usize..80,
        insert in texty(),
        text in texty(),
    ) {
        let scheme_text = ron::ser::to_string_pretty(
            &FrameScheme::default_scheme(),
            ron::ser::PrettyConfig::default(),
        ).unwrap();
        let mutated = mutate(&scheme_text, at, len, &insert);
        let dictionary = ActorDictionary::default_dictionary();
        if let Ok(scheme) = ron::from_str::<FrameScheme>(&mutated)
            && let Ok(detector) = FrameDetector::new(&scheme, &dictionary)
        {
            let doc = super::common::whole_text_document(&text);
            let matcher = Matcher::new(&dictionary).unwrap();
            let framing = frame_document(&doc, &[], &matcher, &detector, Scope::Body);
            for p in framing.counted() {
                prop_assert!(doc.text.get(p.passage.range.clone()).is_some());
            }
        }
    }

    #[test]
    fn body_proposals_and_sentence_units_stay_inside_the_text(text in texty()) {
        let proposal = propose_body(&text, 0..text.len());
        let mut doc = super::common::whole_text_document(&text);
        doc.body = proposal.ranges;
        prop_assert!(doc.body_is_valid());
        for scope in [Scope::Body, Scope::Full] {
            for unit in document_units(&doc, scope) {
                prop_assert!(doc.text.get(unit.range.clone()).is_some());
            }
        }
    }
}
