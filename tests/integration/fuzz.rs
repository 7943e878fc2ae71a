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
use framescope::project::{parse_project, project_to_ron};

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

proptest! {
    #![proptest_config(config())]

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
        format in prop::sample::select(vec![DictionaryFormat::Tsv, DictionaryFormat::Yaml, DictionaryFormat::Ron]),
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
