//! Reading and writing dictionaries as TSV, quanteda-style YAML, RON, LIWC
//! `.dic` ([`super::parse_liwc`]) and WordStat `.cat`
//! ([`super::parse_wordstat`]).
//!
//! TSV: `actor<TAB>pattern<TAB>flags`, flags empty or `case`; `#` at the start
//! of a line, or after whitespace, starts a comment; lines end in LF, CRLF or
//! a lone CR.
//!
//! YAML: `actor: [pattern, …]`; keys may nest, each leaf key is an actor and the
//! keys above it are its group (as in Newsmap's geographical dictionaries).
//! YAML has no flags, so its patterns are case-insensitive.
//!
//! Files are read as bytes and decoded as text files are
//! ([`crate::corpus::decode`]), so a dictionary saved in a legacy
//! encoding (Windows-1252, Shift-JIS …) reads in any format.

use std::collections::BTreeMap;
use std::path::Path;

use super::dictionary::{Actor, ActorDictionary, Colour};
use super::pattern::{Pattern, PatternSpec};
use super::{liwc, wordstat};
use crate::corpus::decode;
use crate::file_error::FileError;

/// A dictionary file that cannot be read ([`FileError`]).
pub type DictionaryFileError = FileError;

/// Dictionary file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictionaryFormat {
    /// `actor<TAB>pattern<TAB>flags`
    Tsv,
    /// quanteda-style nested YAML.
    Yaml,
    /// Framescope's own RON form, with colours and flags.
    Ron,
    /// LIWC `.dic`: a `%`-delimited list of numbered categories, then one
    /// word per line with the numbers of its categories
    /// ([`super::parse_liwc`], [`super::to_liwc`]).
    Liwc,
    /// WordStat `.cat`: categories and their entries by tab indentation
    /// ([`super::parse_wordstat`], [`super::to_wordstat`]).
    WordStat,
}

impl DictionaryFormat {
    /// `.yml`/`.yaml` is YAML, `.ron` is RON, `.dic` is LIWC, `.cat` is
    /// WordStat, anything else TSV.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("yml" | "yaml") => Self::Yaml,
            Some("ron") => Self::Ron,
            Some("dic") => Self::Liwc,
            Some("cat") => Self::WordStat,
            _ => Self::Tsv,
        }
    }
}

/// Reads a dictionary file, choosing the format from its extension; what
/// [`read_dictionary_with_warnings`] would warn about is not reported.
pub fn read_dictionary(path: &Path) -> Result<ActorDictionary, DictionaryFileError> {
    read_dictionary_with_warnings(path).map(|(dict, _)| dict)
}

/// Reads a dictionary file, choosing the format from its extension, with
/// warnings for the user: the encoding when the file is not UTF-8, and, for
/// LIWC and WordStat files, each entry or category that was skipped or read
/// in part (each naming its line).
pub fn read_dictionary_with_warnings(
    path: &Path,
) -> Result<(ActorDictionary, Vec<String>), DictionaryFileError> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| DictionaryFileError::Io {
        path: display.clone(),
        source,
    })?;
    parse_dictionary_bytes(&bytes, DictionaryFormat::from_path(path), &display)
}

/// Decodes the bytes of a dictionary file (BOM, UTF-8 or a detected legacy
/// encoding) and parses them in `format`, as
/// [`parse_dictionary_with_warnings`]; a file that is not UTF-8 adds a
/// first warning naming the encoding it was read in.
pub fn parse_dictionary_bytes(
    bytes: &[u8],
    format: DictionaryFormat,
    name: &str,
) -> Result<(ActorDictionary, Vec<String>), DictionaryFileError> {
    let decoded = decode(bytes).map_err(|not_text| DictionaryFileError::Invalid {
        path: name.to_string(),
        message: format!("{not_text}, not a dictionary"),
    })?;
    let (dict, mut warnings) = parse_dictionary_with_warnings(&decoded.text, format, name)?;
    if let Some(encoding) = decoded.warning {
        warnings.insert(0, encoding);
    }
    Ok((dict, warnings))
}

/// Parses dictionary text in `format`; `name` is used in error messages.
/// Warnings are dropped: see [`parse_dictionary_with_warnings`].
pub fn parse_dictionary(
    text: &str,
    format: DictionaryFormat,
    name: &str,
) -> Result<ActorDictionary, DictionaryFileError> {
    parse_dictionary_with_warnings(text, format, name).map(|(dict, _)| dict)
}

/// Parses dictionary text in `format`, with warnings for the user (LIWC and
/// WordStat only: the entries and categories skipped or read in part, each
/// naming its line); `name` is used in error messages.
pub fn parse_dictionary_with_warnings(
    text: &str,
    format: DictionaryFormat,
    name: &str,
) -> Result<(ActorDictionary, Vec<String>), DictionaryFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (dict, warnings) = match format {
        DictionaryFormat::Tsv => (parse_tsv(text, name)?, Vec::new()),
        DictionaryFormat::Yaml => (parse_yaml(text, name)?, Vec::new()),
        DictionaryFormat::Ron => (parse_ron(text, name)?, Vec::new()),
        DictionaryFormat::Liwc => liwc::parse_liwc(text, name)?,
        DictionaryFormat::WordStat => wordstat::parse_wordstat(text, name)?,
    };
    check_dictionary(&dict, text, name)?;
    Ok((dict, warnings))
}

fn parse_ron(text: &str, name: &str) -> Result<ActorDictionary, DictionaryFileError> {
    ron::from_str(text).map_err(|e| DictionaryFileError::Syntax {
        path: name.to_string(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: crate::project::ron_error_message(&e.code),
    })
}

/// Refuses a dictionary with a bad pattern, naming the first one (and its
/// line where the text shows it), or with no actors.
fn check_dictionary(
    dict: &ActorDictionary,
    text: &str,
    name: &str,
) -> Result<(), DictionaryFileError> {
    if let Err(errors) = dict.validate() {
        // Name the line of the first bad pattern where the text shows it.
        let first = &errors[0];
        let line = text
            .lines()
            .position(|l| l.contains(first.pattern.as_str()) && !first.pattern.is_empty())
            .map(|i| i + 1);
        let message = match line {
            Some(line) => format!("line {line}: {first}"),
            None => first.to_string(),
        };
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more bad patterns)", n - 1),
        };
        return Err(DictionaryFileError::Invalid {
            path: name.to_string(),
            message: message + &more,
        });
    }
    if dict.actors.is_empty() {
        return Err(DictionaryFileError::Invalid {
            path: name.to_string(),
            message: "the dictionary names no actors".into(),
        });
    }
    Ok(())
}

fn parse_tsv(text: &str, name: &str) -> Result<ActorDictionary, DictionaryFileError> {
    let mut actors: Vec<Actor> = Vec::new();
    for (line_no, raw_line) in numbered_lines(text) {
        let line = strip_comment(raw_line);
        if line.trim().is_empty() {
            continue;
        }
        let syntax = |column: usize, message: String| DictionaryFileError::Syntax {
            path: name.to_string(),
            line: line_no,
            column,
            message,
        };
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 2 {
            return Err(syntax(
                1,
                "expected `actor<TAB>pattern<TAB>flags` (fields are separated by tabs)".into(),
            ));
        }
        if fields.len() > 3 && fields[3..].iter().any(|f| !f.trim().is_empty()) {
            return Err(syntax(
                1,
                format!(
                    "expected at most 3 tab-separated fields, found {}",
                    fields.len()
                ),
            ));
        }
        let actor = fields[0].trim();
        if actor.is_empty() {
            return Err(syntax(1, "the actor name is empty".into()));
        }
        let flags = fields.get(2).map_or("", |f| f.trim());
        let case_sensitive = match flags {
            "" => false,
            "case" => true,
            other => {
                let column = fields[0].chars().count() + fields[1].chars().count() + 3;
                return Err(syntax(
                    column,
                    format!("unknown flag `{other}`; the only flag is `case`"),
                ));
            }
        };
        let spec = PatternSpec {
            text: fields[1].trim().to_string(),
            case_sensitive,
        };
        if let Err(e) = Pattern::compile(&spec) {
            return Err(syntax(
                fields[0].chars().count() + 2,
                format!("pattern `{}`: {e}", spec.text),
            ));
        }
        push_pattern(&mut actors, actor, &[], spec);
    }
    Ok(ActorDictionary { actors })
}

/// Cuts a `#` comment: at the line start or after whitespace, so `C#` survives.
fn strip_comment(line: &str) -> &str {
    let mut prev_is_space = true;
    for (i, c) in line.char_indices() {
        if c == '#' && prev_is_space {
            return &line[..i];
        }
        prev_is_space = c.is_whitespace();
    }
    line
}

fn push_pattern(actors: &mut Vec<Actor>, name: &str, group: &[String], spec: PatternSpec) {
    let index = match actors.iter().position(|a| a.name == name) {
        Some(i) => i,
        None => {
            actors.push(Actor {
                name: name.to_string(),
                colour: Colour::palette(actors.len()),
                group: group.to_vec(),
                patterns: Vec::new(),
            });
            actors.len() - 1
        }
    };
    if !actors[index].patterns.contains(&spec) {
        actors[index].patterns.push(spec);
    }
}

fn parse_yaml(text: &str, name: &str) -> Result<ActorDictionary, DictionaryFileError> {
    use crate::text::{YAML_MAX_NESTING, bracket_depth_past};
    use serde_norway::Value;
    if let Some((line, column)) = bracket_depth_past(text, YAML_MAX_NESTING) {
        return Err(DictionaryFileError::Syntax {
            path: name.to_string(),
            line,
            column,
            message: format!("lists and mappings nested more than {YAML_MAX_NESTING} deep"),
        });
    }
    let value: Value = serde_norway::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        DictionaryFileError::Syntax {
            path: name.to_string(),
            line,
            column,
            message: e.to_string(),
        }
    })?;
    let invalid = |message: String| DictionaryFileError::Invalid {
        path: name.to_string(),
        message,
    };
    fn key_text(key: &Value) -> Option<String> {
        match key {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    /// What a YAML value is, for messages.
    fn kind(value: &Value) -> String {
        match value {
            Value::Null => "nothing".into(),
            Value::Bool(b) => format!("`{b}` (true/false)"),
            Value::Number(n) => format!("the number {n}"),
            Value::String(_) => "text".into(),
            Value::Sequence(_) => "a list".into(),
            Value::Mapping(_) => "a mapping".into(),
            Value::Tagged(_) => "a tagged value".into(),
        }
    }
    /// Groups may nest this deep; deeper is surely a mistake.
    const MAX_DEPTH: usize = 16;
    fn walk(
        value: &Value,
        path: &mut Vec<String>,
        actors: &mut Vec<Actor>,
        at: &dyn Fn(&str) -> String,
    ) -> Result<(), String> {
        let Value::Mapping(map) = value else {
            return Err("expected `actor: [pattern, …]` entries".into());
        };
        if path.len() > MAX_DEPTH {
            return Err(format!(
                "{}groups are nested more than {MAX_DEPTH} deep",
                at(path.last().map_or("", String::as_str))
            ));
        }
        for (key, child) in map {
            let key = key_text(key).ok_or("a key is not text")?;
            match child {
                Value::Sequence(items) => {
                    for item in items {
                        let Value::String(pattern) = item else {
                            return Err(format!(
                                "{}actor `{key}`: every pattern must be text, found {}",
                                at(&key),
                                kind(item)
                            ));
                        };
                        push_pattern(actors, &key, path, PatternSpec::new(pattern.clone()));
                    }
                    if items.is_empty() {
                        push_pattern_list_only(actors, &key, path);
                    }
                }
                Value::String(pattern) => {
                    push_pattern(actors, &key, path, PatternSpec::new(pattern.clone()));
                }
                Value::Mapping(_) => {
                    path.push(key);
                    walk(child, path, actors, at)?;
                    path.pop();
                }
                other => {
                    return Err(format!(
                        "{}`{key}` must hold a list of patterns (or a group of actors), found {}",
                        at(&key),
                        kind(other)
                    ));
                }
            }
        }
        Ok(())
    }
    fn push_pattern_list_only(actors: &mut Vec<Actor>, name: &str, group: &[String]) {
        if !actors.iter().any(|a| a.name == name) {
            actors.push(Actor {
                name: name.to_string(),
                colour: Colour::palette(actors.len()),
                group: group.to_vec(),
                patterns: Vec::new(),
            });
        }
    }
    // serde_norway's values keep no positions: a key's line is the first
    // line that starts with it.
    let at = |key: &str| -> String {
        text.lines()
            .position(|l| {
                let l = l.trim_start().trim_start_matches("- ");
                let l = l.trim_start_matches(['"', '\'']);
                !key.is_empty() && l.starts_with(key)
            })
            .map_or(String::new(), |i| format!("line {}: ", i + 1))
    };
    let mut actors = Vec::new();
    walk(&value, &mut Vec::new(), &mut actors, &at).map_err(invalid)?;
    Ok(ActorDictionary { actors })
}

/// Writes a dictionary as TSV. Colours and groups are not part of the format.
pub fn to_tsv(dict: &ActorDictionary) -> String {
    let mut out =
        String::from("# actor\tpattern\tflags (empty, or `case` for a case-sensitive pattern)\n");
    for actor in &dict.actors {
        for p in &actor.patterns {
            let flag = if p.case_sensitive { "case" } else { "" };
            out.push_str(&format!("{}\t{}\t{}\n", actor.name, p.text, flag));
        }
    }
    out
}

/// Writes a dictionary as quanteda-style YAML, nesting actors under their
/// groups. YAML cannot carry the `case` flag: the returned warnings name every
/// pattern that loses it.
pub fn to_yaml(dict: &ActorDictionary) -> (String, Vec<String>) {
    #[derive(Default)]
    struct Node {
        children: BTreeMap<String, Node>,
        /// Actors at this level, in dictionary order.
        actors: Vec<(String, Vec<String>)>,
    }
    let mut root = Node::default();
    let mut warnings = Vec::new();
    for actor in &dict.actors {
        let mut node = &mut root;
        for g in &actor.group {
            node = node.children.entry(g.clone()).or_default();
        }
        for p in actor.patterns.iter().filter(|p| p.case_sensitive) {
            warnings.push(format!(
                "actor `{}`: YAML has no case flag, so `{}` becomes case-insensitive",
                actor.name, p.text
            ));
        }
        node.actors.push((
            actor.name.clone(),
            actor.patterns.iter().map(|p| p.text.clone()).collect(),
        ));
    }
    fn quote(s: &str) -> String {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
    }
    fn write(node: &Node, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth);
        for (name, patterns) in &node.actors {
            let list: Vec<String> = patterns.iter().map(|p| quote(p)).collect();
            out.push_str(&format!("{indent}{}: [{}]\n", quote(name), list.join(", ")));
        }
        for (group, child) in &node.children {
            out.push_str(&format!("{indent}{}:\n", quote(group)));
            write(child, depth + 1, out);
        }
    }
    let mut out = String::new();
    write(&root, 0, &mut out);
    (out, warnings)
}

/// A dictionary as the text of a file in `format`, with warnings for the
/// user naming what the format cannot carry (case flags, colours, actors or
/// patterns it cannot write). The command line's `dict export` and the app
/// both write dictionaries through this function.
pub fn dictionary_text(dict: &ActorDictionary, format: DictionaryFormat) -> (String, Vec<String>) {
    match format {
        DictionaryFormat::Tsv => (to_tsv(dict), Vec::new()),
        DictionaryFormat::Yaml => to_yaml(dict),
        DictionaryFormat::Ron => (to_ron(dict), Vec::new()),
        DictionaryFormat::Liwc => liwc::to_liwc(dict),
        DictionaryFormat::WordStat => wordstat::to_wordstat(dict),
    }
}

/// Writes a dictionary as Framescope's RON, with colours, groups and flags.
pub fn to_ron(dict: &ActorDictionary) -> String {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false);
    // Plain strings, lists and colours always serialise.
    ron::ser::to_string_pretty(dict, config).expect("a dictionary serialises as RON") + "\n"
}

/// The lines of `text` with their numbers (from 1), split at LF, CRLF or a
/// lone CR (as old Mac files end their lines).
pub(super) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .enumerate()
        .map(|(index, line)| (index + 1, line))
}

/// `text` with every run of whitespace (tabs and line breaks too) made one
/// space, as patterns match it anyway.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a text given as a LIWC or WordStat dictionary looks like when it is
/// plainly something else, and the line that shows it: a binary file, a LIWC
/// `%` header, XML or HTML, or TSV (a tab inside a line); and, in a text
/// with no tab-indented line (YAML and RON are indented with spaces, WordStat
/// with tabs), YAML or RON/JSON. `None` when it could be what was asked for.
pub(super) fn other_format(text: &str) -> Option<(usize, &'static str)> {
    if text.contains('\0') {
        return Some((1, "a binary file"));
    }
    let mut lines = numbered_lines(text).filter(|(_, line)| !line.trim().is_empty());
    let (first_no, first) = lines.next()?;
    let first = first.trim();
    let tab_indented = numbered_lines(text).any(|(_, line)| {
        line.chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\t')
    });
    let looks = if first == "%" {
        Some("a LIWC dictionary (its category list opens with a `%` line); LIWC files end in .dic")
    } else if first.starts_with('<') {
        Some("XML or HTML")
    } else if tab_indented {
        None
    } else if first.starts_with(['{', '[', '(']) {
        Some("RON or JSON; Framescope's own dictionaries end in .ron")
    } else if first == "---" || first.ends_with(':') || first.contains(": [") {
        Some(YAML_LOOK)
    } else {
        None
    };
    if let Some(looks) = looks {
        return Some((first_no, looks));
    }
    numbered_lines(text).find_map(|(number, line)| {
        let content = line.trim();
        if content.contains('\t') {
            Some((
                number,
                "a TSV dictionary (`actor<TAB>pattern`); TSV dictionaries end in .tsv",
            ))
        } else if content.starts_with("- ") && !tab_indented {
            Some((number, YAML_LOOK))
        } else {
            None
        }
    })
}

const YAML_LOOK: &str = "YAML (`actor: [pattern, …]`); YAML dictionaries end in .yml or .yaml";

/// One warning when some actor's colour is not the palette colour it gets
/// back on reading a file of `format_name`, which has no colours; `written`
/// are the actors in the order the file holds them.
pub(super) fn lost_colours_warning(written: &[&Actor], format_name: &str) -> Option<String> {
    let changed = written
        .iter()
        .enumerate()
        .filter(|(index, actor)| actor.colour != Colour::palette(*index))
        .count();
    (changed > 0).then(|| {
        format!(
            "{format_name} has no colours: {changed} actor{} will get palette colours when the file is read back",
            if changed == 1 { "" } else { "s" }
        )
    })
}

/// A warning for each case-sensitive pattern, which `format_name` cannot
/// mark as such.
pub(super) fn lost_case_warnings(dict: &ActorDictionary, format_name: &str) -> Vec<String> {
    dict.actors
        .iter()
        .flat_map(|actor| {
            actor
                .patterns
                .iter()
                .filter(|p| p.case_sensitive)
                .map(move |p| {
                    format!(
                        "actor `{}`: {format_name} has no case flag, so `{}` becomes case-insensitive",
                        actor.name, p.text
                    )
                })
        })
        .collect()
}

/// A dictionary's actors nested under their groups, for formats that nest
/// categories (LIWC, WordStat): a group level and an actor of the same name
/// at the same place are one node, so an actor can hold patterns of its own
/// and the actors of its group.
#[derive(Debug, Default)]
pub(super) struct Category<'a> {
    /// The group level's or the actor's name.
    pub name: String,
    /// The actor of this name at this place, if there is one.
    pub actor: Option<&'a Actor>,
    /// Groups and actors nested inside, in dictionary order.
    pub children: Vec<Category<'a>>,
}

impl<'a> Category<'a> {
    /// The dictionary as a tree of categories, in dictionary order.
    pub fn tree(dict: &'a ActorDictionary) -> Vec<Category<'a>> {
        let mut root = Category::default();
        for actor in &dict.actors {
            let mut node = &mut root;
            for level in &actor.group {
                node = node.child(level, |c| c.name == *level);
            }
            node = node.child(&actor.name, |c| c.name == actor.name && c.actor.is_none());
            node.actor = Some(actor);
        }
        root.children
    }

    /// The first child `is_it` accepts, or a new one called `name`.
    fn child(&mut self, name: &str, is_it: impl Fn(&Category) -> bool) -> &mut Category<'a> {
        let index = match self.children.iter().position(is_it) {
            Some(index) => index,
            None => {
                self.children.push(Category {
                    name: name.to_string(),
                    ..Category::default()
                });
                self.children.len() - 1
            }
        };
        &mut self.children[index]
    }

    /// Whether this category or one nested in it has a pattern.
    pub fn has_patterns(&self) -> bool {
        self.actor.is_some_and(|a| !a.patterns.is_empty())
            || self.children.iter().any(Category::has_patterns)
    }
}

/// What tests of the dictionary formats compare.
#[cfg(test)]
pub(super) mod test_support {
    use super::ActorDictionary;

    /// An actor as a test expects it: its name, group and pattern texts.
    #[derive(Debug, PartialEq, Eq)]
    pub struct Expected {
        name: String,
        group: Vec<String>,
        patterns: Vec<String>,
    }

    impl Expected {
        pub fn new(name: &str, group: &[&str], patterns: &[&str]) -> Self {
            let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
            Self {
                name: name.to_string(),
                group: strings(group),
                patterns: strings(patterns),
            }
        }
    }

    /// The dictionary's actors as [`Expected`] compares them.
    pub fn summary(dict: &ActorDictionary) -> Vec<Expected> {
        dict.actors
            .iter()
            .map(|a| Expected {
                name: a.name.clone(),
                group: a.group.clone(),
                patterns: a.patterns.iter().map(|p| p.text.clone()).collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_reads_flags_comments_and_groups_patterns_by_actor() {
        let text =
            "# a comment\nRussia\trussia*\t\nUnited States\tUS\tcase  # trailing\nRussia\tmoscow\n";
        let dict = parse_dictionary(text, DictionaryFormat::Tsv, "d.tsv").unwrap();
        assert_eq!(dict.actors.len(), 2);
        assert_eq!(dict.actors[0].patterns.len(), 2);
        assert!(dict.actors[1].patterns[0].case_sensitive);
    }

    #[test]
    fn tsv_bad_pattern_names_its_line() {
        let text = "Russia\trussia*\nIran\tir*an\n";
        let err = parse_dictionary(text, DictionaryFormat::Tsv, "d.tsv")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("d.tsv:2:"), "{err}");
        assert!(err.contains("ir*an"), "{err}");
    }

    #[test]
    fn tsv_unknown_flag_is_an_error() {
        let err = parse_dictionary("Iran\tiran\tregex\n", DictionaryFormat::Tsv, "d.tsv")
            .unwrap_err()
            .to_string();
        assert!(err.contains("d.tsv:1:") && err.contains("regex"), "{err}");
    }

    #[test]
    fn yaml_nested_keys_become_groups() {
        let text = "Europe:\n  East:\n    Russia: [russia*, moscow]\nIran: [iran, tehran]\n";
        let dict = parse_dictionary(text, DictionaryFormat::Yaml, "d.yml").unwrap();
        let russia = dict.actor("Russia").unwrap().1;
        assert_eq!(russia.group, vec!["Europe", "East"]);
        assert_eq!(dict.actor("Iran").unwrap().1.patterns.len(), 2);
    }

    #[test]
    fn yaml_values_of_the_wrong_type_are_refused_with_key_and_line() {
        let deep = (0..20).fold("x: [y]".to_string(), |inner, i| {
            format!(
                "g{i}:\n{}",
                inner
                    .lines()
                    .map(|l| format!("  {l}\n"))
                    .collect::<String>()
            )
        });
        let cases: [(&str, &str); 6] = [
            (
                "Russia: [moscow]\nIran: 42\n",
                "line 2: `Iran` must hold a list of patterns",
            ),
            (
                "Russia:\nIran: [iran]\n",
                "line 1: `Russia` must hold a list of patterns (or a group of actors), found nothing",
            ),
            ("Russia: true\n", "found `true`"),
            (
                "Russia:\n  - moscow\n  - 1945\n",
                "line 1: actor `Russia`: every pattern must be text, found the number 1945",
            ),
            (
                "Russia:\n  - {a: b}\n",
                "every pattern must be text, found a mapping",
            ),
            (&deep, "nested more than 16 deep"),
        ];
        for (text, expected) in cases {
            let err = parse_dictionary(text, DictionaryFormat::Yaml, "d.yml")
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("d.yml") && err.contains(expected),
                "{text:?}: {err}"
            );
        }
        // One pattern as plain text is still fine.
        let one = parse_dictionary("Russia: moscow\n", DictionaryFormat::Yaml, "d.yml").unwrap();
        assert_eq!(one.actors[0].patterns[0].text, "moscow");
    }

    #[test]
    fn yaml_syntax_error_has_a_position() {
        let err = parse_dictionary("Russia: [russia*\n", DictionaryFormat::Yaml, "d.yml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("d.yml:"), "{err}");
    }

    #[test]
    fn yaml_nested_past_the_limit_is_refused_at_its_place_before_parsing() {
        let text = format!("Iran: [iran]\nRussia: {}", "[".repeat(300_000));
        let err = parse_dictionary(&text, DictionaryFormat::Yaml, "d.yml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("d.yml:2:137: "), "{err}");
        assert!(err.contains("nested more than 128 deep"), "{err}");
    }

    #[test]
    fn yaml_export_warns_about_lost_case_flags_and_round_trips() {
        let dict = ActorDictionary::default_dictionary();
        let (yaml, warnings) = to_yaml(&dict);
        assert!(warnings.iter().any(|w| w.contains("`US`")));
        let back = parse_dictionary(&yaml, DictionaryFormat::Yaml, "x.yml").unwrap();
        assert_eq!(back.actors.len(), dict.actors.len());
        for actor in &dict.actors {
            let back_actor = back.actor(&actor.name).unwrap().1;
            assert_eq!(
                back_actor.patterns.len(),
                actor.patterns.len(),
                "{}",
                actor.name
            );
            assert_eq!(back_actor.group, actor.group);
        }
    }

    #[test]
    fn tsv_round_trip_keeps_case_flags() {
        let dict = ActorDictionary::default_dictionary();
        let back = parse_dictionary(&to_tsv(&dict), DictionaryFormat::Tsv, "x.tsv").unwrap();
        for (a, b) in dict.actors.iter().zip(&back.actors) {
            assert_eq!(a.name, b.name);
            assert_eq!(a.patterns, b.patterns);
        }
    }

    #[test]
    fn formats_follow_the_extension() {
        for (path, format) in [
            ("d.tsv", DictionaryFormat::Tsv),
            ("d.txt", DictionaryFormat::Tsv),
            ("d.YAML", DictionaryFormat::Yaml),
            ("d.yml", DictionaryFormat::Yaml),
            ("d.ron", DictionaryFormat::Ron),
            ("LIWC2015.DIC", DictionaryFormat::Liwc),
            ("d.dic", DictionaryFormat::Liwc),
            ("laver-garry.cat", DictionaryFormat::WordStat),
        ] {
            assert_eq!(
                DictionaryFormat::from_path(Path::new(path)),
                format,
                "{path}"
            );
        }
    }

    #[test]
    fn lines_end_at_lf_crlf_or_a_lone_cr() {
        let lines: Vec<_> = numbered_lines("a\r\nb\rc\nd\r\n").collect();
        assert_eq!(lines, [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, "")]);
    }

    #[test]
    fn every_format_writes_text_that_reads_back() {
        let dict = ActorDictionary::default_dictionary();
        for format in [
            DictionaryFormat::Tsv,
            DictionaryFormat::Yaml,
            DictionaryFormat::Ron,
            DictionaryFormat::Liwc,
            DictionaryFormat::WordStat,
        ] {
            let (text, _) = dictionary_text(&dict, format);
            let (back, warnings) = parse_dictionary_bytes(text.as_bytes(), format, "x")
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert!(warnings.is_empty(), "{format:?}: {warnings:?}");
            assert_eq!(back.actors.len(), dict.actors.len(), "{format:?}");
            let patterns =
                |d: &ActorDictionary| d.actors.iter().map(|a| a.patterns.len()).sum::<usize>();
            assert_eq!(patterns(&back), patterns(&dict), "{format:?}");
        }
        let (ron, warnings) = dictionary_text(&dict, DictionaryFormat::Ron);
        assert!(warnings.is_empty());
        assert_eq!(
            parse_dictionary(&ron, DictionaryFormat::Ron, "x.ron").unwrap(),
            dict
        );
    }

    #[test]
    fn a_legacy_encoding_reads_in_every_format_with_a_warning() {
        let cases = [
            (
                DictionaryFormat::Tsv,
                "Côte d'Ivoire\tcôte d'ivoire\nCôte d'Ivoire\tivoirien*\nSão Tomé\tsão tomé\n",
            ),
            (
                DictionaryFormat::Yaml,
                "Côte d'Ivoire: [côte d'ivoire, ivoirien*]\nSão Tomé: [são tomé]\n",
            ),
            (
                DictionaryFormat::Liwc,
                "%\n1\tCôte d'Ivoire\n2\tSão Tomé\n%\ncôte d'ivoire\t1\nivoirien*\t1\nsão tomé\t2\n",
            ),
        ];
        for (format, text) in cases {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            let (dict, warnings) = parse_dictionary_bytes(&bytes, format, "d")
                .unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!(
                test_support::summary(&dict),
                [
                    test_support::Expected::new(
                        "Côte d'Ivoire",
                        &[],
                        &["côte d'ivoire", "ivoirien*"]
                    ),
                    test_support::Expected::new("São Tomé", &[], &["são tomé"]),
                ],
                "{format:?}"
            );
            assert_eq!(
                warnings,
                ["not UTF-8; decoded as windows-1252"],
                "{format:?}"
            );
        }
    }
}
