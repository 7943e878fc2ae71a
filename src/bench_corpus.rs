//! A synthetic news corpus for benchmarks: many articles of realistic length
//! from several outlets, in every format Framescope imports (plain text,
//! Markdown with front matter, HTML pages with site chrome, CSV and JSON Lines
//! tables), built from our own sample sentences and reproducible from a seed.
//!
//! The sentences name the dictionary's actors in the ways real coverage does
//! (countries, capitals as metonyms, demonyms, leaders, possessives) and carry
//! declining, persisting and neutral framing cues, so counting and framing do
//! the work they do on real articles.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What a generated corpus holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CorpusSummary {
    pub documents: usize,
    pub files: usize,
    /// Bytes of article text written (markup and metadata included).
    pub bytes: u64,
}

/// Why a corpus could not be written.
#[derive(Debug, thiserror::Error)]
pub enum BenchCorpusError {
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("`{0}` is not a size: write e.g. 10MB, 100MB, 1GB or 500KB")]
    BadSize(String),
}

/// Parses `10MB`, `1GB`, `500KB` or a number of bytes (powers of 1,000, as
/// disk sizes are written).
pub fn parse_size(text: &str) -> Result<u64, BenchCorpusError> {
    let t = text.trim().to_ascii_uppercase();
    let (number, unit) = match t.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => t.split_at(i),
        None => (t.as_str(), ""),
    };
    let value: f64 = number
        .parse()
        .map_err(|_| BenchCorpusError::BadSize(text.to_string()))?;
    let factor = match unit.trim() {
        "" | "B" => 1.0,
        "KB" | "K" => 1e3,
        "MB" | "M" => 1e6,
        "GB" | "G" => 1e9,
        _ => return Err(BenchCorpusError::BadSize(text.to_string())),
    };
    Ok((value * factor) as u64)
}

/// Outlets and the format each publishes in.
const OUTLETS: [(&str, OutletFormat); 8] = [
    ("Caspian Ledger", OutletFormat::Text),
    ("Meridian Review", OutletFormat::Markdown),
    ("Steppe Observer", OutletFormat::Html),
    ("Black Sea Dispatch", OutletFormat::Text),
    ("Aras Monitor", OutletFormat::Csv),
    ("Silk Road Wire", OutletFormat::Jsonl),
    ("Tigris Quarterly", OutletFormat::Markdown),
    ("Eurasia Brief", OutletFormat::Html),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OutletFormat {
    Text,
    Markdown,
    Html,
    Csv,
    Jsonl,
}

/// Ways coverage names an actor (all of them in the default dictionary).
const NAMES: [&[&str]; 10] = [
    &[
        "Russia",
        "Moscow",
        "the Kremlin",
        "Russian officials",
        "Putin",
        "Russia’s government",
    ],
    &[
        "Iran",
        "Tehran",
        "Iranian diplomats",
        "the Islamic Republic",
        "Iran’s leadership",
    ],
    &[
        "Türkiye",
        "Ankara",
        "Turkish officials",
        "Erdoğan",
        "Turkey",
    ],
    &["Azerbaijan", "Baku", "Aliyev", "Azerbaijani officials"],
    &["Armenia", "Yerevan", "Pashinyan", "Armenian diplomats"],
    &["Georgia", "Tbilisi", "Georgian ministers"],
    &["Kazakhstan", "Astana", "Tokayev", "Kazakh officials"],
    &["China", "Beijing", "Chinese lenders", "Xi Jinping"],
    &["the European Union", "Brussels", "the EU"],
    &[
        "the United States",
        "Washington",
        "American envoys",
        "the U.S.",
    ],
];

/// Sentence templates: `{A}` and `{B}` are actors, `{N}` a number, `{Y}` a year.
const DECLINING: [&str; 8] = [
    "{A} has seen its leverage over the region steadily weakened since {Y}.",
    "Diplomats say {A} is distracted by the war and increasingly sidelined in talks with {B}.",
    "For many in the region, {A} now looks exhausted, its promises of security worn thin.",
    "{B} has quietly bypassed {A}, signing deals that once would have needed its blessing.",
    "The influence of {A} is fading, analysts argue, as its economy struggles under sanctions.",
    "Officials in {B} no longer wait for {A} before announcing their plans.",
    "{A} has lost ground to newer partners, and its retreat from the corridor projects is visible.",
    "Observers describe {A} as a spectator to a settlement it once expected to shape.",
];
const PERSISTING: [&str; 8] = [
    "{A} remains the dominant power broker between {B} and its neighbours.",
    "Despite the war, {A} still keeps troops and bases across the region.",
    "{A} has warned that any change to the borders would cross a red line.",
    "No agreement is possible without {A}, which still holds a veto over the transit route.",
    "{A} continues to exert pressure on {B}, threatening higher prices for gas.",
    "Its grip on the pipelines gives {A} leverage that {B} cannot ignore.",
    "{A} has reasserted itself as the indispensable arbiter of the dispute.",
    "Analysts in {B} say {A} is consolidating its foothold in the energy sector.",
];
const NEUTRAL: [&str; 12] = [
    "Officials from {A} and {B} met on Tuesday to discuss customs procedures.",
    "The delegation from {A} arrived in {B} for talks on railway tariffs.",
    "Trade between {A} and {B} reached {N} million dollars last year, according to official data.",
    "A spokesperson for {A} declined to comment on the report.",
    "The summit in {B} was attended by ministers from {A} and several observers.",
    "{A} and {B} signed a memorandum on cultural exchanges and student visas.",
    "Ministers from {A} said the next round of talks would take place in {Y}.",
    "Local media in {B} reported the visit without further detail.",
    "The agreement with {A} covers {N} kilometres of new road and two border crossings.",
    "Farmers near the border say prices have barely changed since {Y}.",
    "The conference drew about {N} participants from universities and think tanks.",
    "Weather delayed the opening of the new terminal by several days.",
];
const TITLES: [&str; 8] = [
    "{A} and the New Geometry of the South Caucasus",
    "What {B} Wants From {A}",
    "The Corridor That Could Redraw the Region",
    "{A}’s Long Shadow Over the Caspian",
    "After the Ceasefire, {B} Looks Beyond {A}",
    "Pipelines, Ports and Patience in {B}",
    "Is {A} Still the Arbiter?",
    "A Quiet Week of Deals in {B}",
];
const CHROME: [&str; 6] = [
    "Skip to content",
    "Home | World | Caucasus | Central Asia | Opinion",
    "Subscribe to our weekly newsletter",
    "Share this article",
    "Related: more from our correspondents",
    "© All rights reserved.",
];

struct Writer {
    rng: fastrand::Rng,
}

impl Writer {
    fn pick<'a>(&mut self, options: &[&'a str]) -> &'a str {
        options[self.rng.usize(..options.len())]
    }

    fn actor_pair(&mut self) -> (String, String) {
        // Russia and Iran (the focal actors) appear most, as in the coverage.
        let weights = [6, 5, 3, 3, 3, 2, 2, 2, 2, 2];
        let total: usize = weights.iter().sum();
        let choose = |rng: &mut fastrand::Rng| {
            let mut x = rng.usize(..total);
            for (i, w) in weights.iter().enumerate() {
                if x < *w {
                    return i;
                }
                x -= w;
            }
            0
        };
        let a = choose(&mut self.rng);
        let mut b = choose(&mut self.rng);
        if b == a {
            b = (a + 1 + self.rng.usize(..NAMES.len() - 1)) % NAMES.len();
        }
        (
            self.pick(NAMES[a]).to_string(),
            self.pick(NAMES[b]).to_string(),
        )
    }

    fn fill(&mut self, template: &str) -> String {
        let (a, b) = self.actor_pair();
        self.fill_with(template, a, b)
    }

    /// A headline names countries or capitals, not "Iranian diplomats".
    fn title(&mut self) -> String {
        let template = self.pick(&TITLES);
        let (a, b) = loop {
            let (i, j) = (self.rng.usize(..NAMES.len()), self.rng.usize(..NAMES.len()));
            let a = self.pick(&NAMES[i][..2]).to_string();
            let b = self.pick(&NAMES[j][..2]).to_string();
            if a != b {
                break (a, b);
            }
        };
        self.fill_with(template, a, b)
    }

    fn fill_with(&mut self, template: &str, a: String, b: String) -> String {
        let mut s = template
            .replace("{A}", &a)
            .replace("{B}", &b)
            .replace("{N}", &self.rng.u32(2..900).to_string())
            .replace("{Y}", &self.rng.u32(2008..2026).to_string());
        // Sentences start with a capital even when an actor starts with "the".
        if let Some(first) = s.chars().next()
            && first.is_lowercase()
        {
            let upper: String = first.to_uppercase().collect();
            s.replace_range(..first.len_utf8(), &upper);
        }
        s
    }

    fn sentence(&mut self) -> String {
        let roll = self.rng.u8(..100);
        let template = if roll < 15 {
            self.pick(&DECLINING)
        } else if roll < 28 {
            self.pick(&PERSISTING)
        } else {
            self.pick(&NEUTRAL)
        };
        self.fill(template)
    }

    /// Paragraphs of an article body: 300–1,500 words, most near 600.
    fn body(&mut self) -> Vec<String> {
        let words_wanted =
            300 + self.rng.usize(..400) + self.rng.usize(..400) + self.rng.usize(..400);
        let mut paragraphs = Vec::new();
        let mut words = 0;
        while words < words_wanted {
            let n = 2 + self.rng.usize(..4);
            let paragraph: Vec<String> = (0..n).map(|_| self.sentence()).collect();
            words += paragraph
                .iter()
                .map(|s| s.split_whitespace().count())
                .sum::<usize>();
            paragraphs.push(paragraph.join(" "));
        }
        paragraphs
    }

    fn date(&mut self) -> String {
        format!(
            "{}-{:02}-{:02}",
            self.rng.u32(2019..2027),
            self.rng.u32(1..13),
            self.rng.u32(1..29)
        )
    }
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `count` articles built in memory (for benchmarks of the app with a large
/// project), as plain text with title, outlet, author and date; the whole
/// text is body. Reproducible from `seed`.
pub fn bench_documents(count: usize, seed: u64) -> Vec<crate::corpus::Document> {
    use crate::corpus::{Document, Metadata};
    let mut w = Writer {
        rng: fastrand::Rng::with_seed(seed),
    };
    (0..count)
        .map(|_| {
            let (outlet, _) = OUTLETS[w.rng.usize(..OUTLETS.len())];
            let title = w.title();
            let date = w.date();
            let author = format!("Correspondent {}", w.rng.u32(1..60));
            let text = format!("{title}\n\n{}\n", w.body().join("\n\n"));
            Document {
                id: Document::id_for_text(&text),
                meta: Metadata {
                    title,
                    source: outlet.to_string(),
                    author,
                    date,
                    ..Default::default()
                },
                body: std::iter::once(0..text.len()).collect(),
                text,
                included: true,
                duplicate_of: None,
                memo: String::new(),
            }
        })
        .collect()
}

/// Writes a corpus of at least `size` bytes into `dir` (created if needed),
/// reproducible from `seed`: one folder per outlet, files in that outlet's
/// format (tables hold 200 articles each).
pub fn write_bench_corpus(
    dir: &Path,
    size: u64,
    seed: u64,
) -> Result<CorpusSummary, BenchCorpusError> {
    let err = |path: &Path| {
        let path = path.display().to_string();
        move |source| BenchCorpusError::Write { path, source }
    };
    let mut w = Writer {
        rng: fastrand::Rng::with_seed(seed),
    };
    let mut summary = CorpusSummary::default();
    // Open table files per outlet: (path, rows so far, buffer).
    let mut tables: Vec<Option<(PathBuf, usize, String)>> = vec![None; OUTLETS.len()];
    let flush = |entry: &mut Option<(PathBuf, usize, String)>,
                 summary: &mut CorpusSummary|
     -> Result<(), BenchCorpusError> {
        if let Some((path, _, buffer)) = entry.take() {
            std::fs::write(&path, &buffer).map_err(err(&path))?;
            summary.files += 1;
        }
        Ok(())
    };
    while summary.bytes < size {
        let o = w.rng.usize(..OUTLETS.len());
        let (outlet, format) = OUTLETS[o];
        let folder = dir.join(outlet);
        std::fs::create_dir_all(&folder).map_err(err(&folder))?;
        let title = w.title();
        let date = w.date();
        let author = format!("Correspondent {}", w.rng.u32(1..60));
        let paragraphs = w.body();
        let n = summary.documents;
        let text = match format {
            OutletFormat::Text => format!("{title}\n\n{}\n", paragraphs.join("\n\n")),
            OutletFormat::Markdown => format!(
                "---\ntitle: \"{}\"\nauthor: {author}\ndate: {date}\nsource: {outlet}\n---\n\n{}\n",
                title.replace('"', "'"),
                paragraphs.join("\n\n")
            ),
            OutletFormat::Html => {
                let mut page = String::new();
                let _ = write!(
                    page,
                    "<!DOCTYPE html><html><head><title>{title} | {outlet}</title>\
                     <meta property=\"og:site_name\" content=\"{outlet}\">\
                     <meta name=\"author\" content=\"{author}\">\
                     <meta property=\"article:published_time\" content=\"{date}\"></head><body>\
                     <nav>{}</nav><article><h1>{title}</h1>",
                    w.pick(&CHROME)
                );
                for p in &paragraphs {
                    let _ = write!(page, "<p>{p}</p>");
                }
                let _ = writeln!(
                    page,
                    "</article><footer>{}</footer></body></html>",
                    w.pick(&CHROME)
                );
                page
            }
            OutletFormat::Csv | OutletFormat::Jsonl => {
                let body = paragraphs.join("\n\n");
                let entry = tables[o].get_or_insert_with(|| {
                    let ext = if format == OutletFormat::Csv {
                        "csv"
                    } else {
                        "jsonl"
                    };
                    let path = folder.join(format!("batch-{n:07}.{ext}"));
                    let header = if format == OutletFormat::Csv {
                        "title,author,date,source,text\n".to_string()
                    } else {
                        String::new()
                    };
                    (path, 0, header)
                });
                let row = if format == OutletFormat::Csv {
                    format!(
                        "{},{},{},{},{}\n",
                        csv_field(&title),
                        csv_field(&author),
                        date,
                        csv_field(outlet),
                        csv_field(&body)
                    )
                } else {
                    // A struct of strings always serialises.
                    let record = serde_json::json!({
                        "title": title, "author": author, "date": date,
                        "source": outlet, "text": body,
                    });
                    format!("{record}\n")
                };
                entry.2.push_str(&row);
                entry.1 += 1;
                summary.documents += 1;
                summary.bytes += row.len() as u64;
                if entry.1 >= 200 {
                    flush(&mut tables[o], &mut summary)?;
                }
                continue;
            }
        };
        let ext = match format {
            OutletFormat::Markdown => "md",
            OutletFormat::Html => "html",
            _ => "txt",
        };
        let path = folder.join(format!("article-{n:07}.{ext}"));
        let mut file = std::fs::File::create(&path).map_err(err(&path))?;
        file.write_all(text.as_bytes()).map_err(err(&path))?;
        summary.documents += 1;
        summary.files += 1;
        summary.bytes += text.len() as u64;
    }
    for entry in &mut tables {
        flush(entry, &mut summary)?;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ImportOptions, import_paths};

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("10MB").unwrap(), 10_000_000);
        assert_eq!(parse_size("1gb").unwrap(), 1_000_000_000);
        assert_eq!(parse_size("500KB").unwrap(), 500_000);
        assert_eq!(parse_size("1234").unwrap(), 1234);
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5TB").is_err());
    }

    #[test]
    fn the_same_seed_writes_the_same_corpus_and_it_imports_cleanly() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let sa = write_bench_corpus(a.path(), 300_000, 7).unwrap();
        let sb = write_bench_corpus(b.path(), 300_000, 7).unwrap();
        assert_eq!(sa, sb);
        assert!(sa.bytes >= 300_000 && sa.documents > 30, "{sa:?}");
        let (docs, report) = import_paths(
            &[a.path().to_path_buf()],
            &ImportOptions::default(),
            &[],
            &mut |_| true,
        );
        assert!(report.skipped.is_empty(), "{report}");
        assert_eq!(docs.len(), sa.documents);
        let sources: std::collections::BTreeSet<_> =
            docs.iter().map(|d| d.meta.source.clone()).collect();
        assert!(sources.len() >= 6, "{sources:?}");
        // Different seeds give different corpora.
        let c = tempfile::tempdir().unwrap();
        let sc = write_bench_corpus(c.path(), 300_000, 8).unwrap();
        assert_ne!(sa, sc);
    }
}
