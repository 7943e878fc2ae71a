//! File-name patterns: metadata read from how files are named.
//!
//! A corpus downloaded by a scraper is often named by rule, such as
//! `guardian_2024-05-01_baku-talks.txt`. A pattern such as
//! `{source}_{date}_*.txt` says where the source and the date are in such a
//! name, as in the Discourse Network Analyzer's file-name patterns:
//!
//! ```
//! use framescope::corpus::NamePattern;
//!
//! let pattern = NamePattern::parse("{source}_{date}_*.txt").unwrap();
//! let fields = pattern.match_file_name("the_guardian_20240501_baku-talks.txt").unwrap();
//! assert_eq!(fields.source.as_deref(), Some("the_guardian"));
//! assert_eq!(fields.date.as_deref(), Some("2024-05-01"));
//! ```
//!
//! Placeholders: `{source}`, `{date}` (`YYYY-MM-DD`, `YYYYMMDD` or
//! `YYYY_MM_DD`, given back as `YYYY-MM-DD`), `{title}`, `{ignore}` (any text,
//! not kept) and `*` (any text, possibly none). Everything else is literal
//! text, compared ignoring case. Where a name could be split in several ways,
//! each placeholder and `*` takes as little as it can, left to right (but a
//! `{date}` is always a date). A pattern without an extension is also tried
//! against the name without its extension, so `{source}_{date}` matches
//! `guardian_2024-05-01.txt`.

use std::fmt;
use std::str::FromStr;

/// A parsed file-name pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePattern {
    text: String,
    parts: Vec<Part>,
}

/// What a pattern read from one file name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameFields {
    pub source: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub title: Option<String>,
}

/// Why a pattern cannot be used: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("file-name pattern `{pattern}`, column {column}: {problem}")]
pub struct NamePatternError {
    pub pattern: String,
    /// 1-based, in characters.
    pub column: usize,
    pub problem: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PatternField {
    Source,
    Date,
    Title,
    Ignore,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(Vec<char>),
    /// `*`: any text, possibly empty.
    Wildcard,
    /// A placeholder: some text (a date for `{date}`).
    PatternField(PatternField),
}

const PLACEHOLDERS: &str = "{source}, {date}, {title}, {ignore} or *";

impl NamePattern {
    /// Parses a pattern; an unbalanced brace, an unknown or repeated
    /// placeholder, or a pattern with nothing to read is an error naming the
    /// column.
    pub fn parse(pattern: &str) -> Result<Self, NamePatternError> {
        let error = |column: usize, problem: String| NamePatternError {
            pattern: pattern.to_string(),
            column,
            problem,
        };
        let chars: Vec<char> = pattern.chars().collect();
        let mut parts = Vec::new();
        let mut literal = Vec::new();
        let mut seen: Vec<PatternField> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '{' => {
                    let Some(len) = chars[i + 1..].iter().position(|&c| c == '}') else {
                        return Err(error(i + 1, "`{` is never closed with `}`".into()));
                    };
                    let name: String = chars[i + 1..i + 1 + len].iter().collect();
                    if name.contains('{') {
                        return Err(error(i + 1, "`{` is never closed with `}`".into()));
                    }
                    let field = match name.trim().to_lowercase().as_str() {
                        "source" => PatternField::Source,
                        "date" => PatternField::Date,
                        "title" => PatternField::Title,
                        "ignore" => PatternField::Ignore,
                        _ => {
                            return Err(error(
                                i + 1,
                                format!("unknown placeholder `{{{name}}}` (use {PLACEHOLDERS})"),
                            ));
                        }
                    };
                    if field != PatternField::Ignore && seen.contains(&field) {
                        return Err(error(i + 1, format!("`{{{name}}}` appears more than once")));
                    }
                    seen.push(field);
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::PatternField(field));
                    i += len + 2;
                }
                '}' => {
                    return Err(error(i + 1, "`}` has no opening `{`".into()));
                }
                '*' => {
                    if !literal.is_empty() {
                        parts.push(Part::Literal(std::mem::take(&mut literal)));
                    }
                    parts.push(Part::Wildcard);
                    i += 1;
                }
                c => {
                    literal.push(c);
                    i += 1;
                }
            }
        }
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        if !parts
            .iter()
            .any(|p| matches!(p, Part::PatternField(f) if *f != PatternField::Ignore))
        {
            return Err(error(
                1,
                "the pattern reads nothing: put {source}, {date} or {title} in it".into(),
            ));
        }
        Ok(Self {
            text: pattern.to_string(),
            parts,
        })
    }

    /// The pattern as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Reads the fields from a file name (no folders), or `None` when the name
    /// does not fit the pattern. The whole name is tried first, then the name
    /// without its extension.
    pub fn match_file_name(&self, file_name: &str) -> Option<NameFields> {
        let name: Vec<char> = file_name.chars().collect();
        self.match_chars(&name).or_else(|| {
            let dot = name.iter().rposition(|&c| c == '.').filter(|&d| d > 0)?;
            self.match_chars(&name[..dot])
        })
    }

    fn match_chars(&self, name: &[char]) -> Option<NameFields> {
        let mut matcher = NameMatcher {
            parts: &self.parts,
            name,
            failed: vec![false; (self.parts.len() + 1) * (name.len() + 1)],
            spans: Vec::new(),
        };
        if !matcher.run(0, 0) {
            return None;
        }
        let mut fields = NameFields::default();
        for (field, span) in matcher.spans {
            let text = || {
                name[span.clone()]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string()
            };
            match field {
                PatternField::Source => fields.source = Some(text()),
                PatternField::Title => fields.title = Some(text()),
                PatternField::Date => fields.date = parse_date(&name[span]),
                PatternField::Ignore => {}
            }
        }
        Some(fields)
    }
}

impl FromStr for NamePattern {
    type Err = NamePatternError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for NamePattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Backtracking over the parts, placeholders shortest first; states known
/// to fail are remembered, so matching stays quadratic whatever the pattern.
struct NameMatcher<'a> {
    parts: &'a [Part],
    name: &'a [char],
    /// `(part, position)` states already known not to match.
    failed: Vec<bool>,
    /// The placeholders' spans on the way to a match.
    spans: Vec<(PatternField, std::ops::Range<usize>)>,
}

impl NameMatcher<'_> {
    fn run(&mut self, part: usize, pos: usize) -> bool {
        let state = part * (self.name.len() + 1) + pos;
        if self.failed[state] {
            return false;
        }
        let matched = match self.parts.get(part) {
            None => pos == self.name.len(),
            Some(Part::Literal(lit)) => {
                let end = pos + lit.len();
                end <= self.name.len()
                    && self.name[pos..end]
                        .iter()
                        .zip(lit)
                        .all(|(&a, &b)| same_letter(a, b))
                    && self.run(part + 1, end)
            }
            Some(Part::Wildcard) => (pos..=self.name.len()).any(|end| self.run(part + 1, end)),
            Some(Part::PatternField(PatternField::Date)) => [10, 8].into_iter().any(|len| {
                let end = pos + len;
                end <= self.name.len()
                    && parse_date(&self.name[pos..end]).is_some()
                    && self.capture(PatternField::Date, part, pos, end)
            }),
            Some(Part::PatternField(field)) => {
                let field = *field;
                (pos + 1..=self.name.len()).any(|end| self.capture(field, part, pos, end))
            }
        };
        if !matched {
            self.failed[state] = true;
        }
        matched
    }

    fn capture(&mut self, field: PatternField, part: usize, start: usize, end: usize) -> bool {
        self.spans.push((field, start..end));
        if self.run(part + 1, end) {
            return true;
        }
        self.spans.pop();
        false
    }
}

fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// `YYYY-MM-DD`, `YYYYMMDD` or `YYYY_MM_DD` (a real month and day) as
/// `YYYY-MM-DD`.
fn parse_date(s: &[char]) -> Option<String> {
    let digits = |cs: &[char]| -> Option<u32> {
        cs.iter()
            .try_fold(0u32, |n, c| Some(n * 10 + c.to_digit(10)?))
    };
    let (year, month, day) = match s.len() {
        8 => (&s[..4], &s[4..6], &s[6..8]),
        10 if s[4] == s[7] && matches!(s[4], '-' | '_') => (&s[..4], &s[5..7], &s[8..10]),
        _ => return None,
    };
    let (y, m, d) = (digits(year)?, digits(month)?, digits(day)?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (pattern, file name, expected source, date, title); `None` for the
    /// whole row: the name does not fit.
    type Row = (
        &'static str,
        &'static str,
        Option<(
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
        )>,
    );

    const MATCHES: &[Row] = &[
        (
            "{source}_{date}_*.txt",
            "guardian_2024-05-01_baku-talks.txt",
            Some((Some("guardian"), Some("2024-05-01"), None)),
        ),
        (
            "{source}_{date}_*.txt",
            "guardian_20240501_baku.txt",
            Some((Some("guardian"), Some("2024-05-01"), None)),
        ),
        (
            "{source}_{date}_*.txt",
            "guardian_2024_05_01_baku.txt",
            Some((Some("guardian"), Some("2024-05-01"), None)),
        ),
        // The source may hold the separator: the date decides where it ends.
        (
            "{source}_{date}_*.txt",
            "the_caspian_post_2024-05-01_x.txt",
            Some((Some("the_caspian_post"), Some("2024-05-01"), None)),
        ),
        // Extensions compare ignoring case.
        (
            "{source}_{date}_*.txt",
            "Ledger_2024-05-01_x.TXT",
            Some((Some("Ledger"), Some("2024-05-01"), None)),
        ),
        // No extension in the pattern: the name without its extension is tried.
        (
            "{source}_{date}",
            "ledger_2024-05-01.txt",
            Some((Some("ledger"), Some("2024-05-01"), None)),
        ),
        (
            "{date} {source} - {title}.md",
            "2023-11-02 Steppe Observer - Gas Deal Signed.md",
            Some((
                Some("Steppe Observer"),
                Some("2023-11-02"),
                Some("Gas Deal Signed"),
            )),
        ),
        (
            "{ignore}_{source}.html",
            "0042_post.example.html",
            Some((Some("post.example"), None, None)),
        ),
        // Each part takes as little as it can, left to right.
        (
            "*-{source}.txt",
            "a-b-c.txt",
            Some((Some("b-c"), None, None)),
        ),
        ("{source}-*.txt", "a-b-c.txt", Some((Some("a"), None, None))),
        // Not a real date, or no date where the pattern wants one.
        ("{source}_{date}_*.txt", "guardian_2024-13-01_x.txt", None),
        ("{source}_{date}_*.txt", "guardian_baku.txt", None),
        ("{source}_{date}_*.txt", "001_0da3ae9da24c2355.txt", None),
        // A placeholder is never empty.
        ("{source}_*.txt", "_x.txt", None),
        // Mixed separators are not a date.
        ("{source}_{date}", "x_2024-05_01", None),
    ];

    #[test]
    fn patterns_read_fields_from_file_names() {
        for &(pattern, name, expected) in MATCHES {
            let p = NamePattern::parse(pattern).unwrap();
            let got = p
                .match_file_name(name)
                .map(|f| (f.source.clone(), f.date.clone(), f.title.clone()));
            let want = expected.map(|(s, d, t)| {
                (
                    s.map(str::to_string),
                    d.map(str::to_string),
                    t.map(str::to_string),
                )
            });
            assert_eq!(got, want, "{pattern} on {name}");
        }
    }

    const ERRORS: &[(&str, usize, &str)] = &[
        ("{source_*.txt", 1, "never closed"),
        ("{source}_{date", 10, "never closed"),
        ("{source}_date}", 14, "no opening"),
        ("{sorce}_*.txt", 1, "unknown placeholder `{sorce}`"),
        ("x_{}", 3, "unknown placeholder `{}`"),
        ("{source}_{source}", 10, "more than once"),
        ("*.txt", 1, "reads nothing"),
        ("{ignore}_*", 1, "reads nothing"),
        ("", 1, "reads nothing"),
        ("{a{source}}", 1, "never closed"),
    ];

    #[test]
    fn bad_patterns_are_errors_naming_the_pattern_and_column() {
        for &(pattern, column, problem) in ERRORS {
            let err = NamePattern::parse(pattern).unwrap_err();
            assert_eq!(err.column, column, "{pattern}: {err}");
            assert!(err.problem.contains(problem), "{pattern}: {err}");
            let message = err.to_string();
            assert!(
                message.contains(&format!("`{pattern}`"))
                    && message.contains(&format!("column {column}")),
                "{message}"
            );
        }
    }

    #[test]
    fn many_wildcards_do_not_make_matching_slow() {
        let p = NamePattern::parse("*a*a*a*a*a*a*{source}b").unwrap();
        // Without the memo of failed states this takes about 250^7 steps and
        // never finishes; with it, a few hundred thousand.
        let name = "a".repeat(250);
        assert!(p.match_file_name(&name).is_none());
    }
}
