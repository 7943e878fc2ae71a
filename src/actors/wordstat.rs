//! WordStat `.cat` dictionaries (Provalis Research).
//!
//! Categories and their entries nest by tab indentation; entries are words or
//! phrases, by convention in capitals, often with a weight in parentheses
//! (tabs shown as four spaces):
//!
//! ```text
//! EUROPE
//!     RUSSIA
//!         MOSCOW (1)
//!         KREMLIN* (1)
//! IRAN
//!     TEHRAN (1)
//!     ISLAMIC_REPUBLIC (1)
//! ```
//!
//! Reading:
//! - indentation is counted in tabs (spaces before or among them do not
//!   count); lines may end in LF, CRLF or a lone CR;
//! - a line with more-indented lines right below it is a category, any other
//!   indented line an entry of the category it is indented under. A category
//!   with entries is an actor, its group the names of the categories it nests
//!   in; one with only categories nested in it is their group; one with both
//!   is an actor and the group of the actors nested in it;
//! - entries become lower-case patterns (matching ignores case anyway); a
//!   trailing `*` is a wildcard, as in Framescope. WordStat has written the
//!   words of a phrase joined by `_` (`ISLAMIC_REPUBLIC`, quanteda's default
//!   for WordStat files) and by spaces; both are read as a phrase;
//! - weights such as `(1)` are ignored; one warning says so when some weight
//!   is not 1, as Framescope counts each mention once;
//! - an entry that is not a valid pattern is skipped with a warning naming
//!   the line; a category with no entries and nothing nested in it (a
//!   top-level line with nothing under it, or one whose entries were all
//!   skipped) is kept as an actor without patterns, with a warning;
//! - a file that is plainly in another format (a LIWC `%` header, YAML, TSV,
//!   XML or HTML, RON or JSON, binary) is refused, saying what it looks like.
//!
//! Writing, actors are categories nested under their groups, each pattern an
//! entry with weight `(1)`, words of a phrase separated by spaces.

use super::dictionary::{Actor, ActorDictionary, Colour, same_actor_name, unused_name};
use super::io::{
    Category, DictionaryFileError, lost_case_warnings, lost_colours_warning, numbered_lines,
    one_line, other_format,
};
use super::pattern::{Pattern, PatternSpec};

/// Parses the text of a WordStat `.cat` file; `name` is used in error
/// messages. Returns the dictionary and warnings for the user, each naming
/// its line (the one about weights names the first). A text in another
/// format, or without a single usable entry, is an error.
pub fn parse_wordstat(
    text: &str,
    name: &str,
) -> Result<(ActorDictionary, Vec<String>), DictionaryFileError> {
    if let Some((line, looks)) = other_format(text) {
        return Err(DictionaryFileError::Syntax {
            path: name.to_string(),
            line,
            column: 1,
            message: format!("this is not a WordStat dictionary: it looks like {looks}"),
        });
    }
    let lines: Vec<Line> = numbered_lines(text)
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| Line {
            number,
            depth: indentation(line),
            text: line.trim(),
        })
        .collect();
    let mut reader = Reader::default();
    for (i, line) in lines.iter().enumerate() {
        let nests = lines.get(i + 1).is_some_and(|next| next.depth > line.depth);
        reader.read(line, nests);
    }
    let (dict, warnings) = reader.finish();
    if dict.actors.iter().all(|a| a.patterns.is_empty()) {
        let first = warnings
            .first()
            .map_or(String::new(), |w| format!(" (first problem: {w})"));
        return Err(DictionaryFileError::Invalid {
            path: name.to_string(),
            message: format!("no category of this WordStat dictionary has a usable entry{first}"),
        });
    }
    Ok((dict, warnings))
}

/// Writes a dictionary as a WordStat `.cat` file: actors are categories
/// nested under their groups, each pattern an entry with weight `(1)`.
/// Returns the text and warnings naming what WordStat cannot carry: case
/// flags, colours, actors without patterns below the top level (a nested
/// line with nothing under it reads as an entry) and `_` in patterns (read
/// back as a space).
pub fn to_wordstat(dict: &ActorDictionary) -> (String, Vec<String>) {
    let mut writer = Writer {
        out: String::new(),
        written: Vec::new(),
        warnings: lost_case_warnings(dict, "WordStat"),
    };
    writer.write(&Category::tree(dict), 0);
    let Writer {
        out,
        written,
        mut warnings,
    } = writer;
    warnings.extend(lost_colours_warning(&written, "WordStat"));
    (out, warnings)
}

/// Writes categories and their entries.
struct Writer<'a> {
    out: String,
    /// The actors written, in order.
    written: Vec<&'a Actor>,
    warnings: Vec<String>,
}

impl<'a> Writer<'a> {
    /// Writes `categories` and what nests in them, indented `depth` tabs;
    /// a category with no pattern in it or below is left out.
    fn write(&mut self, categories: &[Category<'a>], depth: usize) {
        for category in categories {
            // An empty category reads back as one only at the top level:
            // nested, a line with nothing under it is an entry.
            let empty_top_level = depth == 0
                && category.children.is_empty()
                && category.actor.is_some_and(|a| a.patterns.is_empty());
            if empty_top_level {
                self.out.push_str(&one_line(&category.name));
                self.out.push('\n');
                self.written.extend(category.actor);
                continue;
            }
            if !category.has_patterns() {
                self.left_out(category);
                continue;
            }
            self.out.push_str(&"\t".repeat(depth));
            self.out.push_str(&one_line(&category.name));
            self.out.push('\n');
            if let Some(actor) = category.actor {
                self.entries(actor, depth + 1);
            }
            self.write(&category.children, depth + 1);
        }
    }

    /// Writes an actor's patterns as entries, indented `depth` tabs.
    fn entries(&mut self, actor: &'a Actor, depth: usize) {
        if actor.patterns.is_empty() {
            self.warnings.push(format!(
                "actor `{}` has no patterns, and a WordStat category with categories in it and no entries is only their group: read back, it is only the group of the actors in it",
                actor.name
            ));
            return;
        }
        self.written.push(actor);
        for pattern in &actor.patterns {
            let entry = one_line(&pattern.text);
            if entry.contains('_') {
                self.warnings.push(format!(
                    "actor `{}`: WordStat reads `_` as a space between words, so `{entry}` will read back as `{}`",
                    actor.name,
                    entry.replace('_', " ")
                ));
            }
            self.out.push_str(&"\t".repeat(depth));
            self.out.push_str(&entry);
            self.out.push_str(" (1)\n");
        }
    }

    /// Warns about each actor in a category left out for having no patterns.
    fn left_out(&mut self, category: &Category<'a>) {
        if let Some(actor) = category.actor {
            self.warnings.push(format!(
                "actor `{}` has no patterns, and WordStat has empty categories only at the top level: left out",
                actor.name
            ));
        }
        for child in &category.children {
            self.left_out(child);
        }
    }
}

/// A non-blank line of the file.
struct Line<'a> {
    number: usize,
    /// How many tabs indent it.
    depth: usize,
    /// The line without its indentation.
    text: &'a str,
}

/// How many tabs indent a line (spaces before or among them do not count).
fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .filter(|&c| c == '\t')
        .count()
}

/// A category of the file.
struct Node {
    name: String,
    /// The names of the categories it nests in, outermost first.
    group: Vec<String>,
    line: usize,
    patterns: Vec<PatternSpec>,
    /// Whether categories nest in it.
    has_children: bool,
}

/// Reads the lines of a file in order.
#[derive(Default)]
struct Reader {
    nodes: Vec<Node>,
    /// The categories the next line may be indented under: (depth, index).
    open: Vec<(usize, usize)>,
    warnings: Vec<String>,
    /// How many entries carry a weight other than 1, and the first's line.
    weighted: Option<(usize, usize)>,
}

impl Reader {
    /// Reads a line; `nests` says whether the next line is indented deeper.
    fn read(&mut self, line: &Line, nests: bool) {
        while self.open.last().is_some_and(|&(d, _)| d >= line.depth) {
            self.open.pop();
        }
        if nests {
            self.open_category(line);
            return;
        }
        match self.open.last() {
            Some(&(_, node)) => self.read_entry(node, line),
            None => match split_weight(line.text) {
                (text, Some(_)) => self.warnings.push(format!(
                    "line {}: `{text}` is an entry outside any category; ignored",
                    line.number
                )),
                // A top-level line with nothing under it: an empty category.
                (_, None) => self.open_category(line),
            },
        }
    }

    /// Opens the category named by `line`: the same category again when it
    /// is in the same place, else a new one (renamed when its name is taken
    /// elsewhere, as actor names are unique).
    fn open_category(&mut self, line: &Line) {
        let group: Vec<String> = self
            .open
            .iter()
            .map(|&(_, i)| self.nodes[i].name.clone())
            .collect();
        if let Some(&(_, parent)) = self.open.last() {
            self.nodes[parent].has_children = true;
        }
        let name = one_line(line.text);
        let same = self
            .nodes
            .iter()
            .position(|n| same_actor_name(&n.name, &name) && n.group == group);
        let index = match same {
            Some(index) => index,
            None => {
                let name = self.unique_name(name, line.number);
                self.nodes.push(Node {
                    name,
                    group,
                    line: line.number,
                    patterns: Vec::new(),
                    has_children: false,
                });
                self.nodes.len() - 1
            }
        };
        self.open.push((line.depth, index));
    }

    /// `name`, or, when a category elsewhere goes by it, `name 2` (or 3 …),
    /// with a warning.
    fn unique_name(&mut self, name: String, line: usize) -> String {
        let taken = |n: &str| self.nodes.iter().any(|node| same_actor_name(&node.name, n));
        if !taken(&name) {
            return name;
        }
        let unique = unused_name(&name, taken);
        self.warnings.push(format!(
            "line {line}: a second category is named `{name}`; it is read as `{unique}`"
        ));
        unique
    }

    /// Reads an entry of the category at `node`.
    fn read_entry(&mut self, node: usize, line: &Line) {
        let (entry, weight) = split_weight(line.text);
        if weight.is_some_and(|w| w != 1.0) {
            let (count, _) = self.weighted.get_or_insert((0, line.number));
            *count += 1;
        }
        let spec = PatternSpec::new(one_line(&entry.replace('_', " ")).to_lowercase());
        let problem = if spec.text.is_empty() {
            Some("no entry before the weight".to_string())
        } else {
            Pattern::compile(&spec)
                .err()
                .map(|e| format!("`{entry}` is not a usable pattern: {e}"))
        };
        if let Some(problem) = problem {
            self.warnings
                .push(format!("line {}: {problem}; skipped", line.number));
            return;
        }
        let patterns = &mut self.nodes[node].patterns;
        if !patterns.iter().any(|p| p.is_equivalent_to(&spec)) {
            patterns.push(spec);
        }
    }

    /// The dictionary read, and the warnings.
    fn finish(mut self) -> (ActorDictionary, Vec<String>) {
        let mut actors = Vec::new();
        for node in self.nodes {
            if node.patterns.is_empty() {
                if node.has_children {
                    continue;
                }
                self.warnings.push(format!(
                    "line {}: category `{}` has no entries; kept as an actor without patterns",
                    node.line, node.name
                ));
            }
            actors.push(Actor {
                name: node.name,
                colour: Colour::palette(actors.len()),
                group: node.group,
                patterns: node.patterns,
            });
        }
        if let Some((count, first)) = self.weighted {
            self.warnings.push(format!(
                "{count} entr{} a weight other than 1 (the first on line {first}); \
                 Framescope counts each mention once, so weights are ignored",
                if count == 1 { "y has" } else { "ies have" }
            ));
        }
        (ActorDictionary { actors }, self.warnings)
    }
}

/// An entry and its weight: `MOSCOW (1)` → (`MOSCOW`, 1). A weight is a
/// number in parentheses at the end, after a space.
fn split_weight(text: &str) -> (&str, Option<f64>) {
    let parsed = text.strip_suffix(')').and_then(|body| {
        let open = body.rfind('(')?;
        let (entry, weight) = (&body[..open], &body[open + 1..]);
        let weight: f64 = weight.trim().parse().ok()?;
        let spaced = entry.is_empty() || entry.ends_with(char::is_whitespace);
        (spaced && weight.is_finite()).then_some((entry.trim_end(), weight))
    });
    match parsed {
        Some((entry, weight)) => (entry, Some(weight)),
        None => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::io::test_support::{Expected, summary};
    use crate::actors::io::{DictionaryFormat, parse_dictionary_bytes};

    fn parse(text: &str) -> (ActorDictionary, Vec<String>) {
        parse_wordstat(text, "d.cat").unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn error(text: &str) -> String {
        match parse_wordstat(text, "d.cat") {
            Ok((dict, _)) => panic!("{text:?} was read: {dict:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn categories_and_entries_read_under_every_line_ending() {
        let lines = [
            "RUSSIA",
            "\tMOSCOW (1)",
            "\tKREMLIN* (1)",
            "IRAN",
            "\tTEHRAN (1)",
        ];
        for ending in ["\n", "\r\n", "\r"] {
            let text = lines.join(ending) + ending;
            let (dict, warnings) = parse(&text);
            assert_eq!(
                summary(&dict),
                [
                    Expected::new("RUSSIA", &[], &["moscow", "kremlin*"]),
                    Expected::new("IRAN", &[], &["tehran"]),
                ],
                "{ending:?}"
            );
            assert!(warnings.is_empty(), "{ending:?}: {warnings:?}");
            assert!(dict.actors[0].patterns.iter().all(|p| !p.case_sensitive));
        }
    }

    #[test]
    fn indentation_is_tabs_or_spaces_then_tabs() {
        let cases = [
            "EUROPE\n\tRUSSIA\n\t\tMOSCOW (1)\n\tWEST\n\t\tPARIS\n",
            "EUROPE\n  \tRUSSIA\n  \t\tMOSCOW (1)\n \tWEST\n\t \tPARIS\n",
            "  EUROPE\n    \tRUSSIA\n\t\tMOSCOW\n\tWEST\n \t  \tPARIS (1)\n",
        ];
        for text in cases {
            let (dict, warnings) = parse(text);
            assert_eq!(
                summary(&dict),
                [
                    Expected::new("RUSSIA", &["EUROPE"], &["moscow"]),
                    Expected::new("WEST", &["EUROPE"], &["paris"]),
                ],
                "{text:?}"
            );
            assert!(warnings.is_empty(), "{text:?}: {warnings:?}");
        }
    }

    #[test]
    fn weights_other_than_one_are_ignored_with_one_warning() {
        let text = "RUSSIA\n\tMOSCOW (2)\n\tKREMLIN  (0.5)\n\tPUTIN (1)\n\tG (20) (1)\n\
                    IRAN\n\tTEHRAN (-1)\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("RUSSIA", &[], &["moscow", "kremlin", "putin", "g (20)"]),
                Expected::new("IRAN", &[], &["tehran"]),
            ]
        );
        assert_eq!(
            warnings,
            [
                "3 entries have a weight other than 1 (the first on line 2); \
                 Framescope counts each mention once, so weights are ignored"
            ]
        );
        assert_eq!(split_weight("G(20)"), ("G(20)", None));
        assert_eq!(split_weight("MOSCOW (1)"), ("MOSCOW", Some(1.0)));
        assert_eq!(split_weight("MOSCOW (x)"), ("MOSCOW (x)", None));
    }

    #[test]
    fn phrases_are_written_with_underscores_or_spaces() {
        let text = "USA\n\tUNITED_STATES (1)\n\tWHITE HOUSE (1)\n\tUNITED STATES (1)\n\
                   \tSTATE_DEPARTMENT* (1)\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [Expected::new(
                "USA",
                &[],
                &["united states", "white house", "state department*"]
            )]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn entries_beside_subcategories_make_an_actor_that_is_also_a_group() {
        let text = "EUROPE\n\tEUROPE* (1)\n\tRUSSIA\n\t\tMOSCOW (1)\n\tBRUSSELS (1)\n\
                    IRAN\n\tTEHRAN (1)\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("EUROPE", &[], &["europe*", "brussels"]),
                Expected::new("RUSSIA", &["EUROPE"], &["moscow"]),
                Expected::new("IRAN", &[], &["tehran"]),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn empty_categories_are_kept_and_bad_entries_skipped_with_their_line() {
        let text = "RUSSIA\n\tMOSCOW (1)\n\tMOS*COW (1)\nIRAN\nKYIV (1)\nEUROPE\n\tWEST\n\
                    \t\tPAR*IS (1)\n\tEAST\n\t\tMINSK (1)\n\t(2)\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("RUSSIA", &[], &["moscow"]),
                Expected::new("IRAN", &[], &[]),
                Expected::new("WEST", &["EUROPE"], &[]),
                Expected::new("EAST", &["EUROPE"], &["minsk"]),
            ]
        );
        assert_eq!(
            warnings,
            [
                "line 3: `MOS*COW` is not a usable pattern: `*` may only end a pattern \
                 (as in `russia*`), found one inside `mos*cow`; skipped",
                "line 5: `KYIV` is an entry outside any category; ignored",
                "line 8: `PAR*IS` is not a usable pattern: `*` may only end a pattern \
                 (as in `russia*`), found one inside `par*is`; skipped",
                "line 11: no entry before the weight; skipped",
                "line 4: category `IRAN` has no entries; kept as an actor without patterns",
                "line 7: category `WEST` has no entries; kept as an actor without patterns",
                "1 entry has a weight other than 1 (the first on line 11); \
                 Framescope counts each mention once, so weights are ignored",
            ]
        );
    }

    #[test]
    fn a_category_name_used_twice_is_one_actor_in_one_place_and_renamed_elsewhere() {
        let text = "ECONOMY\n\tPOSITIVE\n\t\tGROWTH (1)\n\tPOSITIVE\n\t\tBOOM (1)\n\
                    POLITICS\n\tPOSITIVE\n\t\tPEACE (1)\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("POSITIVE", &["ECONOMY"], &["growth", "boom"]),
                Expected::new("POSITIVE 2", &["POLITICS"], &["peace"]),
            ]
        );
        assert_eq!(
            warnings,
            ["line 7: a second category is named `POSITIVE`; it is read as `POSITIVE 2`"]
        );
    }

    #[test]
    fn legacy_encodings_are_decoded() {
        let windows_1252 = "CÔTE D'IVOIRE\n\tABIDJAN (1)\n\tIVOIRIEN* (1)\n\tYAMOUSSOUKRO (1)\n\
                            TÜRKIYE\n\tANKARA (1)\n\tTÜRK* (1)\n\tERDOĞAN (1)\n\
                            SÃO TOMÉ\n\tSÃO_TOMÉ (1)\n\tSÃO-TOMÉENS (1)\n";
        let shift_jis = "政党\n\t自民党 (1)\n\t民主党 (1)\n\t公明党 (1)\n\t共産党 (1)\n\
                         外国\n\tロシア (1)\n\tイラン (1)\n\tアメリカ合衆国 (1)\n\t中華人民共和国 (1)\n";
        let cases = [
            (encoding_rs::WINDOWS_1252, windows_1252.replace('Ğ', "G")),
            (encoding_rs::SHIFT_JIS, shift_jis.to_string()),
            (encoding_rs::EUC_JP, shift_jis.to_string()),
        ];
        for (encoding, text) in cases {
            let (bytes, _, unmappable) = encoding.encode(&text);
            assert!(!unmappable, "{}", encoding.name());
            let (dict, warnings) =
                parse_dictionary_bytes(&bytes, DictionaryFormat::WordStat, "d.cat")
                    .unwrap_or_else(|e| panic!("{}: {e}", encoding.name()));
            let (utf8, _) = parse(&text);
            assert_eq!(summary(&dict), summary(&utf8), "{}", encoding.name());
            assert_eq!(
                warnings,
                [format!("not UTF-8; decoded as {}", encoding.name())]
            );
        }
    }

    #[test]
    fn files_in_other_formats_are_refused_saying_what_they_look_like() {
        let cases = [
            (
                "%\n1\tRussia\n%\nmoscow\t1\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like a LIWC dictionary",
            ),
            (
                "Russia:\n  - moscow\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like YAML",
            ),
            (
                "Russia: [moscow, kremlin]\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like YAML",
            ),
            (
                "RUSSIA\n  - moscow\n",
                "d.cat:2:1: this is not a WordStat dictionary: it looks like YAML",
            ),
            (
                "Russia\tmoscow\nIran\ttehran\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like a TSV dictionary",
            ),
            (
                "RUSSIA\n\tMOSCOW (1)\nIran\ttehran\tcase\n",
                "d.cat:3:1: this is not a WordStat dictionary: it looks like a TSV dictionary",
            ),
            (
                "<?xml version=\"1.0\"?>\n<dictionary>\n\t<cnode name=\"x\"/>\n</dictionary>\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like XML or HTML",
            ),
            (
                "\n<!DOCTYPE html>\n<html></html>\n",
                "d.cat:2:1: this is not a WordStat dictionary: it looks like XML or HTML",
            ),
            (
                "(\n  actors: [\n  ],\n)\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like RON or JSON",
            ),
            (
                "RUSSIA\n\tMOS\0COW (1)\n",
                "d.cat:1:1: this is not a WordStat dictionary: it looks like a binary file",
            ),
            (
                "RUSSIA\nIRAN\n",
                "d.cat: no category of this WordStat dictionary has a usable entry \
                 (first problem: line 1: category `RUSSIA` has no entries; kept as an actor \
                 without patterns)",
            ),
        ];
        for (text, expected) in cases {
            let err = error(text);
            assert!(err.starts_with(expected), "{text:?}: {err}");
        }
        let binary = parse_dictionary_bytes(
            b"RUSSIA\n\tMOS\0COW (1)\n",
            DictionaryFormat::WordStat,
            "d.cat",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            binary,
            "d.cat: binary file (NUL byte in the first 8 KiB), not a dictionary"
        );
    }

    fn dictionary() -> ActorDictionary {
        let actor = |name: &str, group: &[&str], patterns: Vec<PatternSpec>| Actor {
            name: name.into(),
            colour: Colour::palette(0),
            group: group.iter().map(|g| g.to_string()).collect(),
            patterns,
        };
        let mut dict = ActorDictionary {
            actors: vec![
                actor(
                    "Russia",
                    &["Europe", "East"],
                    vec![PatternSpec::new("russia*"), PatternSpec::new("moscow")],
                ),
                actor(
                    "Europe",
                    &[],
                    vec![PatternSpec::new("european union"), PatternSpec::new("EU")],
                ),
                actor("Atlantis", &["Europe"], Vec::new()),
                actor(
                    "United States",
                    &[],
                    vec![
                        PatternSpec::case_sensitive("US"),
                        PatternSpec::new("washington"),
                        PatternSpec::new("state_department"),
                    ],
                ),
                actor("Lemuria", &[], Vec::new()),
            ],
        };
        for (i, actor) in dict.actors.iter_mut().enumerate() {
            actor.colour = Colour::palette(i);
        }
        dict
    }

    #[test]
    fn writing_nests_categories_with_entries_beside_subcategories() {
        let (text, warnings) = to_wordstat(&dictionary());
        assert_eq!(
            text,
            "Europe\n\teuropean union (1)\n\tEU (1)\n\tEast\n\t\tRussia\n\t\t\trussia* (1)\n\
             \t\t\tmoscow (1)\nUnited States\n\tUS (1)\n\twashington (1)\n\tstate_department (1)\n\
             Lemuria\n"
        );
        assert_eq!(
            warnings,
            [
                "actor `United States`: WordStat has no case flag, so `US` becomes case-insensitive",
                "actor `Atlantis` has no patterns, and WordStat has empty categories only at the top level: left out",
                "actor `United States`: WordStat reads `_` as a space between words, so \
                 `state_department` will read back as `state department`",
                "WordStat has no colours: 4 actors will get palette colours when the file is read back",
            ]
        );
    }

    #[test]
    fn a_dictionary_reads_back_from_wordstat_with_groups_and_patterns() {
        let (text, _) = to_wordstat(&dictionary());
        let (back, warnings) = parse(&text);
        assert_eq!(
            summary(&back),
            [
                Expected::new("Europe", &[], &["european union", "eu"]),
                Expected::new("Russia", &["Europe", "East"], &["russia*", "moscow"]),
                Expected::new(
                    "United States",
                    &[],
                    &["us", "washington", "state department"]
                ),
                // A top-level actor without patterns is an empty category.
                Expected::new("Lemuria", &[], &[]),
            ]
        );
        assert_eq!(
            warnings,
            ["line 12: category `Lemuria` has no entries; kept as an actor without patterns"]
        );
        let (_, again) = to_wordstat(&back);
        assert!(again.is_empty(), "{again:?}");
    }

    #[test]
    fn the_default_dictionary_reads_back_from_wordstat() {
        let dict = ActorDictionary::default_dictionary();
        let (text, _) = to_wordstat(&dict);
        let (back, warnings) = parse(&text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(back.actors.len(), dict.actors.len());
        for actor in &dict.actors {
            let (_, read) = back.actor(&actor.name).unwrap();
            assert_eq!(read.group, actor.group, "{}", actor.name);
            assert_eq!(read.patterns.len(), actor.patterns.len(), "{}", actor.name);
            for (read, written) in read.patterns.iter().zip(&actor.patterns) {
                let written = PatternSpec::new(written.text.as_str());
                assert!(read.is_equivalent_to(&written), "{read:?} ≠ {written:?}");
            }
        }
    }
}
