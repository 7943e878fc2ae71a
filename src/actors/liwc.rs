//! LIWC `.dic` dictionaries (Linguistic Inquiry and Word Count).
//!
//! A LIWC dictionary lists its categories between two lines that are `%`
//! alone, one `number<TAB>name` a line; then each line holds a word and the
//! numbers of its categories (each tab shown as `→`):
//!
//! ```text
//! %
//! 1→Russia
//! 2→Iran
//! %
//! moscow→1
//! kremlin*→1
//! tehran→2
//! ```
//!
//! Reading, each category becomes an actor, its words case-insensitive
//! patterns (a trailing `*` is a wildcard, as in Framescope; a word may be a
//! phrase of several words):
//! - numbers may be zero-padded (`01` is `1`) and separated by tabs or
//!   spaces; lines may end in LF, CRLF or a lone CR;
//! - a category line indented by tabs nests in the nearest less-indented
//!   category above it (the LIWC2015 layout, read so by quanteda's
//!   `read_dict_liwc`): its actor's group is the names of the categories it
//!   nests in. A category with no words of its own but categories nested in
//!   it is only their group, not an actor;
//! - LIWC2007's conditional codes are read as the category they give when
//!   their condition fails, with a warning: `<of>131/125` counts a word for
//!   131 when the next word is `of`, otherwise for 125, so it is read as 125;
//!   `(02 134)125/464` counts it for 125 when the word before is in category
//!   2 or 134, otherwise for 464, so it is read as 464. A code without `/`
//!   (`(02 134)126`) counts only under its condition and is skipped;
//! - a word that is not a valid pattern, a number the header does not
//!   declare, and a line with no number are skipped with a warning naming the
//!   line; a word listed twice is one pattern;
//! - a category with no words and nothing nested in it is kept as an actor
//!   without patterns, with a warning.

use std::collections::HashMap;

use super::dictionary::{Actor, ActorDictionary, Colour, same_actor_name, unused_name};
use super::io::{
    Category, DictionaryFileError, lost_case_warnings, lost_colours_warning, numbered_lines,
    one_line, other_format,
};
use super::pattern::{Pattern, PatternSpec};

/// Parses the text of a LIWC `.dic` file; `name` is used in error messages.
/// Returns the dictionary and warnings for the user, each naming its line.
/// A text without the `%` header, with a header line that is not
/// `number name`, or without a single usable word is an error.
pub fn parse_liwc(
    text: &str,
    name: &str,
) -> Result<(ActorDictionary, Vec<String>), DictionaryFileError> {
    let lines: Vec<(usize, &str)> = numbered_lines(text).collect();
    let (open, close) = header_bounds(&lines, text, name)?;
    let mut warnings = Vec::new();
    let mut header = Header::read(&lines[open + 1..close], name, &mut warnings)?;
    for &(number, line) in &lines[close + 1..] {
        header.read_entry(number, line, &mut warnings);
    }
    let dict = header.into_dictionary(&mut warnings);
    if dict.actors.iter().all(|actor| actor.patterns.is_empty()) {
        let first = warnings
            .first()
            .map_or(String::new(), |w| format!(" (first problem: {w})"));
        return Err(DictionaryFileError::Invalid {
            path: name.to_string(),
            message: format!("no category of this LIWC dictionary has a usable word{first}"),
        });
    }
    Ok((dict, warnings))
}

/// Writes a dictionary as a LIWC `.dic` file: actors are numbered
/// categories, nested under their groups by tab indentation (a group level
/// that is no actor is a category without words), and each pattern is a
/// line with the numbers of the actors that have it. Returns the text and
/// warnings naming what LIWC cannot carry: case flags and colours.
pub fn to_liwc(dict: &ActorDictionary) -> (String, Vec<String>) {
    let mut header = HeaderWriter {
        out: String::from("%\n"),
        categories: 0,
        numbered: Vec::new(),
        warnings: lost_case_warnings(dict, "LIWC"),
    };
    header.write(&Category::tree(dict), 0);
    let HeaderWriter {
        mut out,
        numbered,
        mut warnings,
        ..
    } = header;
    out.push_str("%\n");
    for (word, numbers) in entries(&numbered) {
        out.push_str(&word);
        for number in numbers {
            out.push_str(&format!("\t{number}"));
        }
        out.push('\n');
    }
    let written: Vec<&Actor> = numbered.iter().map(|&(actor, _)| actor).collect();
    warnings.extend(lost_colours_warning(&written, "LIWC"));
    (out, warnings)
}

/// Writes the category list, numbering categories from 1 in the order
/// written.
struct HeaderWriter<'a> {
    out: String,
    /// How many categories are written so far.
    categories: usize,
    /// Each actor written, with its category number.
    numbered: Vec<(&'a Actor, usize)>,
    warnings: Vec<String>,
}

impl<'a> HeaderWriter<'a> {
    /// Writes `categories` and what nests in them, indented `depth` tabs.
    fn write(&mut self, categories: &[Category<'a>], depth: usize) {
        for category in categories {
            self.categories += 1;
            let number = self.categories;
            self.out.push_str(&"\t".repeat(depth));
            self.out
                .push_str(&format!("{number}\t{}\n", one_line(&category.name)));
            if let Some(actor) = category.actor {
                self.numbered.push((actor, number));
                if actor.patterns.is_empty() && !category.children.is_empty() {
                    self.warnings.push(format!(
                        "actor `{}` has no patterns but actors in its group: read back, it is only their group",
                        actor.name
                    ));
                }
            }
            self.write(&category.children, depth + 1);
        }
    }
}

/// The entry lines: each pattern once (compared without case), with the
/// numbers of every actor that has it, in dictionary order.
fn entries(numbered: &[(&Actor, usize)]) -> Vec<(String, Vec<usize>)> {
    let mut entries: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for &(actor, number) in numbered {
        for pattern in &actor.patterns {
            let word = one_line(&pattern.text);
            let at = *index.entry(word.to_lowercase()).or_insert_with(|| {
                entries.push((word, Vec::new()));
                entries.len() - 1
            });
            if !entries[at].1.contains(&number) {
                entries[at].1.push(number);
            }
        }
    }
    entries
}

/// Whether a line is a `%` header delimiter: `%` alone, maybe with spaces.
fn is_delimiter(line: &str) -> bool {
    line.trim() == "%"
}

/// The indices in `lines` of the two `%` lines around the category list.
fn header_bounds(
    lines: &[(usize, &str)],
    text: &str,
    name: &str,
) -> Result<(usize, usize), DictionaryFileError> {
    let syntax = |line: usize, message: String| DictionaryFileError::Syntax {
        path: name.to_string(),
        line,
        column: 1,
        message,
    };
    let first = lines.iter().position(|(_, line)| !line.trim().is_empty());
    let Some(open) = first.filter(|&i| is_delimiter(lines[i].1)) else {
        return Err(match other_format(text) {
            Some((line, looks)) => syntax(
                line,
                format!("this is not a LIWC dictionary: it looks like {looks}"),
            ),
            None => syntax(
                first.map_or(1, |i| lines[i].0),
                "a LIWC dictionary starts with a `%` line, then its categories as \
                 `number<TAB>name`, then a second `%` line"
                    .into(),
            ),
        });
    };
    let close = lines[open + 1..]
        .iter()
        .position(|(_, line)| is_delimiter(line))
        .map(|i| open + 1 + i)
        .ok_or_else(|| {
            syntax(
                lines[open].0,
                "the category list opened by this `%` line is not closed by a second `%` line"
                    .into(),
            )
        })?;
    Ok((open, close))
}

/// A category the header declares.
struct Declared {
    name: String,
    /// The names of the categories it nests in, outermost first.
    group: Vec<String>,
    line: usize,
    patterns: Vec<PatternSpec>,
    /// Whether categories nest in it.
    has_children: bool,
}

/// The categories of the header and, as entries are read, their words.
struct Header {
    categories: Vec<Declared>,
    /// Category number → index in `categories`.
    numbers: HashMap<u32, usize>,
}

impl Header {
    /// Reads the lines between the `%` lines.
    fn read(
        lines: &[(usize, &str)],
        name: &str,
        warnings: &mut Vec<String>,
    ) -> Result<Self, DictionaryFileError> {
        let mut header = Header {
            categories: Vec::new(),
            numbers: HashMap::new(),
        };
        // The categories the next one may nest in: (indentation, index).
        let mut open: Vec<(usize, usize)> = Vec::new();
        for &(line_no, line) in lines.iter().filter(|(_, l)| !l.trim().is_empty()) {
            let Some((number, category)) = header_line(line) else {
                return Err(DictionaryFileError::Syntax {
                    path: name.to_string(),
                    line: line_no,
                    column: 1,
                    message: format!(
                        "expected a category as `number<TAB>name`, found `{}`",
                        line.trim()
                    ),
                });
            };
            if let Some(&first) = header.numbers.get(&number) {
                let first = &header.categories[first];
                warnings.push(format!(
                    "line {line_no}: category {number} is declared again (as `{category}`); \
                     its first declaration, `{}` on line {}, is kept",
                    first.name, first.line
                ));
                continue;
            }
            let depth = indentation(line);
            while open.last().is_some_and(|&(d, _)| d >= depth) {
                open.pop();
            }
            if let Some(&(_, parent)) = open.last() {
                header.categories[parent].has_children = true;
            }
            let group = open
                .iter()
                .map(|&(_, i)| header.categories[i].name.clone())
                .collect();
            let category = header.unique_name(category, line_no, warnings);
            header.numbers.insert(number, header.categories.len());
            open.push((depth, header.categories.len()));
            header.categories.push(Declared {
                name: category,
                group,
                line: line_no,
                patterns: Vec::new(),
                has_children: false,
            });
        }
        Ok(header)
    }

    /// `name`, or, when a category already goes by it, `name 2` (or 3 …),
    /// with a warning: actor names are unique.
    fn unique_name(&self, name: &str, line: usize, warnings: &mut Vec<String>) -> String {
        let taken = |n: &str| self.categories.iter().any(|c| same_actor_name(&c.name, n));
        if !taken(name) {
            return name.to_string();
        }
        let unique = unused_name(name, taken);
        warnings.push(format!(
            "line {line}: a second category is named `{name}`; it is read as `{unique}`"
        ));
        unique
    }

    /// Reads one entry line: the word to the categories its numbers name.
    fn read_entry(&mut self, line_no: usize, line: &str, warnings: &mut Vec<String>) {
        if line.trim().is_empty() {
            return;
        }
        let (word, codes) = split_entry(line);
        let problem = if word.is_empty() {
            Some("no word before the category numbers".to_string())
        } else if codes.is_empty() {
            Some(format!("`{word}` has no category number"))
        } else {
            Pattern::compile(&PatternSpec::new(word.as_str()))
                .err()
                .map(|e| format!("`{word}` is not a usable pattern: {e}"))
        };
        if let Some(problem) = problem {
            warnings.push(format!("line {line_no}: {problem}; skipped"));
            return;
        }
        let spec = PatternSpec::new(word.as_str());
        for code in codes {
            let Some(number) = category_of(code, line_no, &word, warnings) else {
                continue;
            };
            match self.numbers.get(&number) {
                Some(&index) => {
                    let patterns = &mut self.categories[index].patterns;
                    if !patterns.iter().any(|p| p.is_equivalent_to(&spec)) {
                        patterns.push(spec.clone());
                    }
                }
                None => warnings.push(format!(
                    "line {line_no}: `{word}`: category {number} is not declared in the header; ignored"
                )),
            }
        }
    }

    /// The actors: every category with words, and every empty category that
    /// is not only a group (with a warning).
    fn into_dictionary(self, warnings: &mut Vec<String>) -> ActorDictionary {
        let mut actors = Vec::new();
        for category in self.categories {
            if category.patterns.is_empty() {
                if category.has_children {
                    continue;
                }
                warnings.push(format!(
                    "line {}: category `{}` has no words; kept as an actor without patterns",
                    category.line, category.name
                ));
            }
            actors.push(Actor {
                name: category.name,
                colour: Colour::palette(actors.len()),
                group: category.group,
                patterns: category.patterns,
            });
        }
        ActorDictionary { actors }
    }
}

/// How many tabs indent a line (spaces among them do not count).
fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .filter(|&c| c == '\t')
        .count()
}

/// A header line's number and category name: `01<TAB>Russia`, `1 Russia`.
/// A name followed by more tab-separated fields is the first of them.
fn header_line(line: &str) -> Option<(u32, &str)> {
    let line = line.trim();
    let split = line.find(char::is_whitespace)?;
    let number = number(&line[..split])?;
    let name = line[split..].trim_start().split('\t').next()?.trim();
    (!name.is_empty()).then_some((number, name))
}

/// A category number: ASCII digits, maybe zero-padded.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// An entry line's word (or phrase) and its category codes. With a tab, the
/// word is all before the first tab; without, it is all before the codes
/// that end the line.
fn split_entry(line: &str) -> (String, Vec<&str>) {
    let line = line.trim();
    if let Some((word, codes)) = line.split_once('\t') {
        return (word.trim().to_string(), code_tokens(codes));
    }
    let tokens = code_tokens(line);
    let first_code = (1..tokens.len())
        .find(|&i| tokens[i..].iter().all(|t| parse_code(t).is_some()))
        .unwrap_or(tokens.len());
    (
        tokens[..first_code].join(" "),
        tokens[first_code..].to_vec(),
    )
}

/// Splits category codes at whitespace, except inside `(…)` and `<…>`, so
/// `(02 134)125/464` is one code.
fn code_tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut closer = None;
    for (i, c) in text.char_indices() {
        if let Some(close) = closer {
            if c == close {
                closer = None;
            }
        } else if c.is_whitespace() {
            if let Some(s) = start.take() {
                tokens.push(&text[s..i]);
            }
        } else {
            start.get_or_insert(i);
            closer = match c {
                '(' => Some(')'),
                '<' => Some('>'),
                _ => None,
            };
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// A category code of an entry line.
#[derive(Debug, PartialEq)]
enum Code<'a> {
    /// A plain category number.
    Plain(u32),
    /// LIWC2007's conditional code: `then` when `condition` holds, else
    /// `otherwise` (or no category).
    Conditional {
        condition: Condition<'a>,
        then: u32,
        otherwise: Option<u32>,
    },
}

/// When a conditional code gives its first category.
#[derive(Debug, PartialEq)]
enum Condition<'a> {
    /// `<of>`: the next word is this one.
    NextWord(&'a str),
    /// `(02 134)`: the word before is in one of these categories.
    PreviousIn(Vec<u32>),
}

impl std::fmt::Display for Condition<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Condition::NextWord(word) => write!(f, "the next word is `{word}`"),
            Condition::PreviousIn(numbers) => {
                let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
                write!(f, "the word before is in category {}", numbers.join(" or "))
            }
        }
    }
}

/// Reads a code: `12`, `012`, `<of>131/125`, `(02 134)125/464`, `(02 134)126`.
fn parse_code(token: &str) -> Option<Code<'_>> {
    let branches = |text: &str| -> Option<(u32, Option<u32>)> {
        match text.split_once('/') {
            Some((then, otherwise)) => Some((number(then)?, Some(number(otherwise)?))),
            None => Some((number(text)?, None)),
        }
    };
    let (condition, rest) = if let Some(rest) = token.strip_prefix('<') {
        let (word, rest) = rest.split_once('>')?;
        (Condition::NextWord(word), rest)
    } else if let Some(rest) = token.strip_prefix('(') {
        let (numbers, rest) = rest.split_once(')')?;
        let numbers = numbers
            .split_whitespace()
            .map(number)
            .collect::<Option<Vec<_>>>()?;
        (Condition::PreviousIn(numbers), rest)
    } else {
        return number(token).map(Code::Plain);
    };
    let (then, otherwise) = branches(rest)?;
    Some(Code::Conditional {
        condition,
        then,
        otherwise,
    })
}

/// The category a code counts `word` for without conditions, warning about
/// conditional codes and codes that are not codes.
fn category_of(token: &str, line: usize, word: &str, warnings: &mut Vec<String>) -> Option<u32> {
    match parse_code(token) {
        Some(Code::Plain(number)) => Some(number),
        Some(Code::Conditional {
            condition,
            then,
            otherwise: Some(otherwise),
        }) => {
            warnings.push(format!(
                "line {line}: `{word}`: `{token}` counts it for category {then} when {condition}, \
                 otherwise for {otherwise}; Framescope has no such conditions, so it counts for {otherwise}"
            ));
            Some(otherwise)
        }
        Some(Code::Conditional {
            condition, then, ..
        }) => {
            warnings.push(format!(
                "line {line}: `{word}`: `{token}` counts it for category {then} only when {condition}; \
                 Framescope has no such conditions, so this code is ignored"
            ));
            None
        }
        None => {
            warnings.push(format!(
                "line {line}: `{word}`: `{token}` is not a category number; ignored"
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::io::test_support::{Expected, summary};

    fn parse(text: &str) -> (ActorDictionary, Vec<String>) {
        parse_liwc(text, "d.dic").unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn error(text: &str) -> String {
        match parse_liwc(text, "d.dic") {
            Ok((dict, _)) => panic!("{text:?} was read: {dict:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn categories_words_and_wildcards_read_under_every_line_ending() {
        let lines = [
            "%",
            "1\tRussia",
            "2\tIran",
            "%",
            "moscow\t1",
            "kremlin*\t1",
            "tehran\t2",
        ];
        for ending in ["\n", "\r\n", "\r"] {
            let text = lines.join(ending) + ending;
            let (dict, warnings) = parse(&text);
            assert_eq!(
                summary(&dict),
                [
                    Expected::new("Russia", &[], &["moscow", "kremlin*"]),
                    Expected::new("Iran", &[], &["tehran"]),
                ],
                "{ending:?}"
            );
            assert!(warnings.is_empty(), "{ending:?}: {warnings:?}");
        }
    }

    #[test]
    fn numbers_may_be_zero_padded_and_separated_by_tabs_or_spaces() {
        let cases = [
            "%\n01\tRussia\n002 Iran\n%\nmoscow\t01\t2\ntehran 002\n",
            "  %  \n1   Russia\n2\t\tIran\n%\nmoscow  1 02\ntehran\t\t2\t\n",
        ];
        for text in cases {
            let (dict, warnings) = parse(text);
            assert_eq!(
                summary(&dict),
                [
                    Expected::new("Russia", &[], &["moscow"]),
                    Expected::new("Iran", &[], &["moscow", "tehran"]),
                ],
                "{text:?}"
            );
            assert!(warnings.is_empty(), "{text:?}: {warnings:?}");
        }
    }

    #[test]
    fn a_word_listed_twice_or_in_several_categories_is_one_pattern_each() {
        let text = "%\n1\tRussia\n2\tIran\n%\nmoscow\t1\t2\nmoscow\t1\nMoscow\t2\t2\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("Russia", &[], &["moscow"]),
                Expected::new("Iran", &[], &["moscow"]),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(dict.actors[0].patterns.iter().all(|p| !p.case_sensitive));
    }

    #[test]
    fn multi_word_entries_are_phrases() {
        let text = "%\n1\tUnited States\n2\tFilms\n%\nunited states\t1\nwhite house*\t1 2\n\
                    catch 22\t2\nnew york city 1\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new(
                    "United States",
                    &[],
                    &["united states", "white house*", "new york city"]
                ),
                Expected::new("Films", &[], &["white house*", "catch 22"]),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn numbers_the_header_does_not_declare_are_skipped_with_their_line() {
        let text = "%\n1\tRussia\n%\nmoscow\t1 7\nkyiv\t9\nkremlin\t1\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [Expected::new("Russia", &[], &["moscow", "kremlin"])]
        );
        assert_eq!(
            warnings,
            [
                "line 4: `moscow`: category 7 is not declared in the header; ignored",
                "line 5: `kyiv`: category 9 is not declared in the header; ignored",
            ]
        );
    }

    #[test]
    fn conditional_codes_count_for_their_unconditional_category() {
        let text = "%\n1\tFiller\n2\tPronoun\n3\tAffect\n4\tTentative\n%\n\
                    i\t2\nmaybe\t4\nkind\t<of>4/3\nlike\t(02 5)3/1\t(02 5)3\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("Filler", &[], &["like"]),
                Expected::new("Pronoun", &[], &["i"]),
                Expected::new("Affect", &[], &["kind"]),
                Expected::new("Tentative", &[], &["maybe"]),
            ]
        );
        assert_eq!(
            warnings,
            [
                "line 9: `kind`: `<of>4/3` counts it for category 4 when the next word is `of`, \
                 otherwise for 3; Framescope has no such conditions, so it counts for 3",
                "line 10: `like`: `(02 5)3/1` counts it for category 3 when the word before is in \
                 category 2 or 5, otherwise for 1; Framescope has no such conditions, so it counts for 1",
                "line 10: `like`: `(02 5)3` counts it for category 3 only when the word before is in \
                 category 2 or 5; Framescope has no such conditions, so this code is ignored",
            ]
        );
    }

    #[test]
    fn codes_are_read_alone_and_inside_lines() {
        let conditional = |condition, then, otherwise| Code::Conditional {
            condition,
            then,
            otherwise,
        };
        assert_eq!(parse_code("012"), Some(Code::Plain(12)));
        assert_eq!(
            parse_code("<of>131/125"),
            Some(conditional(Condition::NextWord("of"), 131, Some(125)))
        );
        assert_eq!(
            parse_code("(02 134)126"),
            Some(conditional(Condition::PreviousIn(vec![2, 134]), 126, None))
        );
        for not_a_code in ["", "x1", "1/", "<of>", "(02)x", "-3", "99999999999"] {
            assert_eq!(parse_code(not_a_code), None, "{not_a_code:?}");
        }
        assert_eq!(
            code_tokens(" (02 134)125/464\t(02 134)126 253 "),
            ["(02 134)125/464", "(02 134)126", "253"]
        );
        assert_eq!(
            split_entry("kind of <of>131/125 3"),
            ("kind of".to_string(), vec!["<of>131/125", "3"])
        );
    }

    #[test]
    fn indented_header_categories_nest_and_become_groups() {
        let text = "%\n1\tEurope\n\t2\tEast\n\t\t3\tRussia\n\t4\tWest\n5\tIran\n%\n\
                    moscow\t3\nparis\t4\ntehran\t5\neurope*\t1\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("Europe", &[], &["europe*"]),
                Expected::new("Russia", &["Europe", "East"], &["moscow"]),
                Expected::new("West", &["Europe"], &["paris"]),
                Expected::new("Iran", &[], &["tehran"]),
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn empty_categories_are_kept_without_patterns_with_a_warning() {
        let text = "%\n1\tRussia\n2\tIran\n%\nmoscow\t1\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("Russia", &[], &["moscow"]),
                Expected::new("Iran", &[], &[]),
            ]
        );
        assert_eq!(
            warnings,
            ["line 3: category `Iran` has no words; kept as an actor without patterns"]
        );
        dict.validate().unwrap();
    }

    #[test]
    fn bad_lines_are_skipped_with_their_line_and_the_rest_kept() {
        let text = "%\n1\tRussia\n1\tIran\n2\tRussia\n%\nru*sia\t1\n*\t1\nmoscow\nmoscow\t1 x\n\
                    kremlin\t2\n";
        let (dict, warnings) = parse(text);
        assert_eq!(
            summary(&dict),
            [
                Expected::new("Russia", &[], &["moscow"]),
                Expected::new("Russia 2", &[], &["kremlin"]),
            ]
        );
        assert_eq!(
            warnings,
            [
                "line 3: category 1 is declared again (as `Iran`); its first declaration, \
                 `Russia` on line 2, is kept",
                "line 4: a second category is named `Russia`; it is read as `Russia 2`",
                "line 6: `ru*sia` is not a usable pattern: `*` may only end a pattern \
                 (as in `russia*`), found one inside `ru*sia`; skipped",
                "line 7: `*` is not a usable pattern: the pattern `*` has no letter or digit \
                 to match; skipped",
                "line 8: `moscow` has no category number; skipped",
                "line 9: `moscow`: `x` is not a category number; ignored",
            ]
        );
    }

    #[test]
    fn texts_that_are_not_liwc_dictionaries_are_refused_with_the_reason() {
        let cases = [
            (
                "Russia\tmoscow\n",
                "d.dic:1:1: this is not a LIWC dictionary: it looks like a TSV dictionary",
            ),
            (
                "Russia: [moscow]\n",
                "d.dic:1:1: this is not a LIWC dictionary: it looks like YAML",
            ),
            (
                "\n\nRussia\n",
                "d.dic:3:1: a LIWC dictionary starts with a `%` line",
            ),
            (
                "%\n1\tRussia\nmoscow\t1\n",
                "d.dic:1:1: the category list opened by this `%` line is not closed",
            ),
            (
                "%\nRussia\n%\nmoscow\t1\n",
                "d.dic:2:1: expected a category as `number<TAB>name`, found `Russia`",
            ),
            (
                "%\n1\tRussia\n%\nru*ssia\t1\n",
                "d.dic: no category of this LIWC dictionary has a usable word \
                 (first problem: line 4: `ru*ssia` is not a usable pattern",
            ),
        ];
        for (text, expected) in cases {
            let err = error(text);
            assert!(err.starts_with(expected), "{text:?}: {err}");
        }
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
                actor(
                    "United States",
                    &[],
                    vec![
                        PatternSpec::case_sensitive("US"),
                        PatternSpec::new("washington"),
                        PatternSpec::new("moscow"),
                    ],
                ),
                actor("Atlantis", &[], Vec::new()),
            ],
        };
        for (i, actor) in dict.actors.iter_mut().enumerate() {
            actor.colour = Colour::palette(i);
        }
        dict
    }

    #[test]
    fn writing_nests_numbered_categories_and_lists_each_word_once() {
        let mut dict = dictionary();
        dict.actors[2].colour = Colour([1, 2, 3]);
        let (text, warnings) = to_liwc(&dict);
        assert_eq!(
            text,
            "%\n1\tEurope\n\t2\tEast\n\t\t3\tRussia\n4\tUnited States\n5\tAtlantis\n%\n\
             european union\t1\nEU\t1\nrussia*\t3\nmoscow\t3\t4\nUS\t4\nwashington\t4\n"
        );
        assert_eq!(
            warnings,
            [
                "actor `United States`: LIWC has no case flag, so `US` becomes case-insensitive",
                "LIWC has no colours: 3 actors will get palette colours when the file is read back",
            ]
        );
    }

    #[test]
    fn a_dictionary_reads_back_from_liwc_with_groups_and_patterns() {
        let dict = dictionary();
        let (text, _) = to_liwc(&dict);
        let (back, warnings) = parse(&text);
        assert_eq!(
            summary(&back),
            [
                Expected::new("Europe", &[], &["european union", "EU"]),
                Expected::new("Russia", &["Europe", "East"], &["russia*", "moscow"]),
                Expected::new("United States", &[], &["moscow", "US", "washington"]),
                Expected::new("Atlantis", &[], &[]),
            ]
        );
        assert_eq!(
            warnings,
            ["line 6: category `Atlantis` has no words; kept as an actor without patterns"]
        );
        // Read back in the order written, every actor has its palette colour.
        let (_, again) = to_liwc(&back);
        assert!(again.iter().all(|w| !w.contains("colours")), "{again:?}");
    }

    #[test]
    fn the_default_dictionary_reads_back_from_liwc() {
        let dict = ActorDictionary::default_dictionary();
        let (text, warnings) = to_liwc(&dict);
        let case_flags = dict
            .actors
            .iter()
            .flat_map(|a| &a.patterns)
            .filter(|p| p.case_sensitive)
            .count();
        let lost_case = warnings
            .iter()
            .filter(|w| w.contains("no case flag"))
            .count();
        assert_eq!(lost_case, case_flags);
        let (back, read_warnings) = parse(&text);
        assert!(read_warnings.is_empty(), "{read_warnings:?}");
        assert_eq!(back.actors.len(), dict.actors.len());
        for actor in &dict.actors {
            let (_, read) = back.actor(&actor.name).unwrap();
            assert_eq!(read.group, actor.group, "{}", actor.name);
            let texts = |a: &Actor| {
                a.patterns
                    .iter()
                    .map(|p| p.text.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(texts(read), texts(actor), "{}", actor.name);
        }
    }
}
