//! Reading and writing dictionaries as TSV and quanteda-style YAML.
//!
//! TSV: `actor<TAB>pattern<TAB>flags`, flags empty or `case`; `#` at the start
//! of a line, or after whitespace, starts a comment.
//!
//! YAML: `actor: [pattern, …]`; keys may nest, each leaf key is an actor and the
//! keys above it are its group (as in Newsmap's geographical dictionaries).
//! YAML has no flags, so its patterns are case-insensitive.

use std::collections::BTreeMap;
use std::path::Path;

use super::dictionary::{Actor, ActorDictionary, Colour};
use super::pattern::{Pattern, PatternSpec};
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
}

impl DictionaryFormat {
    /// `.yml`/`.yaml` is YAML, `.ron` is RON, anything else TSV.
    pub fn from_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("yml" | "yaml") => Self::Yaml,
            Some("ron") => Self::Ron,
            _ => Self::Tsv,
        }
    }
}

/// Reads a dictionary file, choosing the format from its extension.
pub fn read_dictionary(path: &Path) -> Result<ActorDictionary, DictionaryFileError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| DictionaryFileError::Io {
        path: display.clone(),
        source,
    })?;
    parse_dictionary(&text, DictionaryFormat::from_path(path), &display)
}

/// Parses dictionary text in `format`; `name` is used in error messages.
pub fn parse_dictionary(
    text: &str,
    format: DictionaryFormat,
    name: &str,
) -> Result<ActorDictionary, DictionaryFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let dict = match format {
        DictionaryFormat::Tsv => parse_tsv(text, name)?,
        DictionaryFormat::Yaml => parse_yaml(text, name)?,
        DictionaryFormat::Ron => ron::from_str(text).map_err(|e| DictionaryFileError::Syntax {
            path: name.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: crate::project::ron_error_message(&e.code),
        })?,
    };
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
    Ok(dict)
}

fn parse_tsv(text: &str, name: &str) -> Result<ActorDictionary, DictionaryFileError> {
    let mut actors: Vec<Actor> = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let line_no = index + 1;
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
}
