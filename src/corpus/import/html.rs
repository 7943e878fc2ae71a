//! `.html` pages: the main article text, extracted with a Readability port.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use dom_query::NodeId;
use dom_smoothie::{Config, Readability, TextMode};

use super::blocks::{Block, BlockKind, blocks};
use super::frontmatter::normalise_date;
use super::{Hints, Parsed};
use crate::corpus::Metadata;
use crate::corpus::body::propose_structured_body;

/// Elements nested deeper than this are flattened into their ancestor, as
/// Blink's HTML parser does (its limit is 512).
const MAX_NESTING: usize = 512;

/// Pages whose tags open deeper than this (counted roughly: every start tag
/// that is not void or self-closing) are rewritten by [`cap_nesting`]; real
/// pages stay far below it, so they are never touched.
const NESTING_TRIGGER: usize = 4096;

/// Elements that never have an end tag.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The tags of `html` in order: (byte range, whether it is an end tag,
/// whether it opens an element that needs closing). Comments, doctypes and a
/// stray `<` are skipped.
fn tags(html: &str) -> impl Iterator<Item = (std::ops::Range<usize>, bool, bool)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + html[at..].find('<')?;
            // `<` and `>` are ASCII: every slice here is on a char boundary.
            let (inner, end) = match html[start..].find('>') {
                Some(e) => (&html[start + 1..start + e], start + e + 1),
                None => (&html[start + 1..], html.len()),
            };
            at = end;
            let closing = inner.starts_with('/');
            let name_from = usize::from(closing);
            let name: String = inner[name_from..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue; // comments, doctypes, stray `<`
            }
            let opens = !closing && !inner.ends_with('/') && !VOID.contains(&name.as_str());
            return Some((start..end, closing, opens));
        }
    })
}

/// `html` with the tags of elements nested deeper than [`MAX_NESTING`]
/// dropped, when its tags go deeper than [`NESTING_TRIGGER`]; else `html`.
fn cap_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (_, closing, opens) in tags(html) {
        if closing {
            depth = depth.saturating_sub(1);
        } else if opens {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= NESTING_TRIGGER {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let (mut at, mut depth) = (0usize, 0usize);
    for (range, closing, opens) in tags(html) {
        let keep = if closing {
            let keep = depth <= MAX_NESTING;
            depth = depth.saturating_sub(1);
            keep
        } else if opens {
            depth += 1;
            depth <= MAX_NESTING
        } else {
            true
        };
        out.push_str(&html[at..range.start]);
        if keep {
            out.push_str(&html[range.clone()]);
        }
        at = range.end;
    }
    out.push_str(&html[at..]);
    std::borrow::Cow::Owned(out)
}

/// Extracts the article from an HTML page.
///
/// The page's text blocks are read from the markup first ([`blocks`]); the
/// Readability port then names the article, and its text anchors the
/// article's region: the innermost element that holds nearly all of it. The
/// document text is the title and every block of that region; the body is
/// the region without the page furniture the markup or the line rules point
/// out (captions, share bars, link lists, bylines…), so what was left out
/// stays visible in the reader with its reason. Where the Readability port
/// finds nothing (or only a stub of the page's running text), the region is
/// the largest block of paragraph text, and failing that the page's whole
/// visible text, with a warning.
pub(crate) fn parse(html: &str, fallback_title: &str) -> Result<Parsed, String> {
    // html5ever walks its whole stack of open elements for many tags, so a
    // page nested 100,000 deep takes minutes: tags deeper than browsers keep
    // are dropped first (their text stays).
    let html = cap_nesting(html);
    let html = html.as_ref();
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = Readability::new(html, None, Some(config))
        .map_err(|e| format!("cannot read the HTML: {e}"))?;
    // Meta tags and blocks are read before Readability's parse, which
    // rewrites the document.
    let meta_tag = |selectors: &[&str]| -> String {
        selectors
            .iter()
            .filter_map(|s| {
                let sel = readability.doc.select(s);
                sel.attr("content")
                    .or_else(|| sel.attr("href"))
                    .map(|v| v.trim().to_string())
            })
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    };
    let url = meta_tag(&[r#"meta[property="og:url"]"#, r#"link[rel="canonical"]"#]);
    let author = meta_tag(&[
        r#"meta[name="author"]"#,
        r#"meta[property="article:author"]"#,
    ]);
    let description = meta_tag(&[
        r#"meta[name="description"]"#,
        r#"meta[property="og:description"]"#,
    ]);
    let application_name = meta_tag(&[r#"meta[name="application-name"]"#]);
    let page_blocks = blocks(&readability.doc.root());
    let article = readability.parse().ok();

    let anchor = Anchor::new(article.as_ref().map_or("", |a| &*a.text_content));
    let title = article
        .as_ref()
        .map(|a| a.title.trim().to_string())
        .filter(|t| !t.is_empty())
        // Readability's parse leaves the page's `<head>` in place.
        .unwrap_or_else(|| readability.doc.select("title").text().trim().to_string());
    let title_from_file_name = title.is_empty();
    let title = if title_from_file_name {
        fallback_title.to_string()
    } else {
        title
    };
    let mut warnings = Vec::new();
    let region = choose_region(page_blocks, &anchor, &title, &mut warnings)
        .ok_or_else(|| "no text found in the page".to_string())?;
    let (text, body) = assemble(&title, &region);

    let mut meta = Metadata {
        title,
        author,
        url: url.clone(),
        ..Default::default()
    };
    if let Some(article) = &article {
        meta.source = article
            .site_name
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string();
        if let Some(byline) = article.byline.as_ref().filter(|b| !b.trim().is_empty()) {
            meta.author = byline.clone();
        }
        meta.date = article
            .published_time
            .as_deref()
            .map(normalise_date)
            .unwrap_or_default();
        if let Some(u) = article.url.as_ref().filter(|u| !u.is_empty()) {
            meta.url = u.clone();
        }
    }
    if !description.is_empty() {
        meta.extra.insert("description".into(), description);
    }
    // The page's own name for its site, else where it lives: used only when
    // nothing else gives a source (see `complete_metadata`).
    let site = if application_name.is_empty() {
        [meta.url.as_str(), url.as_str()]
            .into_iter()
            .find_map(site_host)
            .unwrap_or_default()
    } else {
        application_name
    };
    Ok(Parsed {
        text,
        meta,
        body,
        warnings,
        hints: Hints {
            title_from_file_name,
            site,
        },
    })
}

/// Blocks shorter than this (in characters) do not anchor the region: a
/// short line ("Home", a date) may occur in the article by chance.
const ANCHOR_MIN_CHARS: usize = 25;

/// The share of the anchoring text the region must hold.
const REGION_SHARE: f32 = 0.85;

/// How far above the region a lead is looked for, in blocks.
const LEAD_BLOCKS: usize = 8;

/// Blocks with more of their text in links than this are link lists.
const MAX_LINK_DENSITY: f32 = 0.5;

/// Readability's article is a stub when it holds less than this share of
/// the page's paragraph text (outside page furniture).
const STUB_SHARE: f32 = 0.2;

/// Running text: a block that reads as a paragraph of the article, outside
/// page furniture (`furniture` says whether a block sits in some).
fn is_paragraph_text(b: &Block, furniture: bool) -> bool {
    b.chars >= 40
        && !furniture
        && b.link_density() < 0.3
        && !matches!(b.kind, BlockKind::Heading | BlockKind::Cell)
}

/// Furniture that sits inside articles as often as around them: it does not
/// mark where an article begins.
const INLINE: &[&str] = &[
    "caption",
    "share widget",
    "advertisement",
    "byline",
    "author box",
];

/// Furniture that never wraps an article, however much of the page's text
/// it holds (a long cookie notice on a short post).
const PROMPTS: &[&str] = &["cookie notice", "pop-up", "newsletter prompt"];

/// Sums per-block weights over the elements around each block.
fn tally_of(page: &[Block], weights: &[usize]) -> HashMap<NodeId, usize> {
    let mut tally: HashMap<NodeId, usize> = HashMap::new();
    for (b, &w) in page.iter().zip(weights) {
        if w > 0 {
            for id in &b.path {
                *tally.entry(*id).or_default() += w;
            }
        }
    }
    tally
}

/// The article's region: its blocks, in page order, each with whether it
/// is body (`None`) or why not. `anchor` is Readability's text (empty
/// when it found nothing).
fn choose_region(
    page: Vec<Block>,
    anchor: &Anchor<'_>,
    title: &str,
    warnings: &mut Vec<String>,
) -> Option<Vec<(Block, Option<&'static str>)>> {
    // A furniture mark on an element that holds half of the page's text is
    // about the whole page ("has-sidebar", a `noscript` left open), not
    // furniture: such marks are passed over when looking for the article.
    let text_weight: Vec<usize> = page
        .iter()
        .map(|b| {
            if b.chars >= ANCHOR_MIN_CHARS && b.link_density() <= MAX_LINK_DENSITY {
                b.chars
            } else {
                0
            }
        })
        .collect();
    let text_total: usize = text_weight.iter().sum();
    let page_tally = tally_of(&page, &text_weight);
    let page_furniture = |b: &Block| {
        b.chrome.iter().any(|(id, why)| {
            PROMPTS.contains(why) || page_tally.get(id).copied().unwrap_or(0) * 2 < text_total
        })
    };
    let paragraph_weight: Vec<usize> = page
        .iter()
        .map(|b| {
            if is_paragraph_text(b, page_furniture(b)) {
                b.chars
            } else {
                0
            }
        })
        .collect();
    let paragraph_total: usize = paragraph_weight.iter().sum();
    // Readability sometimes settles on a cookie notice or a sign-up form:
    // its lines in furniture do not anchor the article.
    let mut weights: Vec<usize> = page
        .iter()
        .map(|b| {
            if b.chars >= ANCHOR_MIN_CHARS && anchor.holds(b) && !page_furniture(b) {
                b.chars
            } else {
                0
            }
        })
        .collect();
    let mut total: usize = weights.iter().sum();
    let fallback = total == 0 || (total as f32) < STUB_SHARE * paragraph_total as f32;
    if fallback {
        weights = paragraph_weight;
        total = paragraph_total;
        if total > 0 {
            warnings.push(
                "the Readability extractor found no article (or only a stub); the body is the \
                 largest block of paragraph text"
                    .into(),
            );
        }
    }
    if total == 0 {
        if page.is_empty() {
            return None;
        }
        warnings.push("no paragraph text found; the body is the page's whole visible text".into());
        return Some(page.into_iter().map(|b| (b, None)).collect());
    }
    let tally = tally_of(&page, &weights);
    let heaviest = page
        .iter()
        .zip(&weights)
        .max_by_key(|(_, w)| **w)
        .map(|(b, _)| b)?;
    let needed = (REGION_SHARE * total as f32).ceil() as usize;
    let mut level = heaviest
        .path
        .iter()
        .rposition(|id| tally.get(id).copied().unwrap_or(0) >= needed);
    // Without Readability's choice, a lone paragraph is no container: its
    // parent holds the shorter lines around it.
    if fallback && level.is_some_and(|l| l + 1 == heaviest.path.len()) {
        level = level.and_then(|l| l.checked_sub(1));
    }
    let container = level.map(|l| heaviest.path[l]);
    // The region is the container, and whatever else Readability took into
    // its article (a standfirst or lead above the container, a section
    // beside it).
    let first = weights.iter().position(|&w| w > 0).unwrap_or(0);
    let last = weights.iter().rposition(|&w| w > 0).unwrap_or(0);
    let mut inside: Vec<bool> = page
        .iter()
        .enumerate()
        .map(|(i, b)| {
            container.is_none_or(|c| b.path.contains(&c))
                || weights[i] > 0
                || ((first..=last).contains(&i) && b.chrome.is_empty() && anchor.holds(b))
        })
        .collect();
    // A lead (standfirst) often sits with the headline above the article's
    // container: running text just above the region joins it, up to the
    // first heading or furniture other than the inline kind (dates, share
    // links, captions and bylines between are passed over, not taken).
    if let Some(start) = inside.iter().position(|&x| x) {
        for i in (start.saturating_sub(LEAD_BLOCKS)..start).rev() {
            let b = &page[i];
            if b.chrome.iter().any(|(_, why)| !INLINE.contains(why)) || b.kind == BlockKind::Heading
            {
                break;
            }
            if is_paragraph_text(b, !b.chrome.is_empty()) {
                inside[i] = true;
            }
        }
    }
    // A furniture element that holds much of the article is a wrapper whose
    // class says something about the page ("has-sidebar"), not furniture.
    let wrapper = |id: &NodeId| tally.get(id).copied().unwrap_or(0) * 2 >= total;
    if let Some(level) = level {
        extend_backward(
            &page,
            &mut inside,
            &heaviest.path[..=level],
            &wrapper,
            |b| is_headline(&b.text, title),
        );
    }
    // Captions, share bars and the like between two parts of the region
    // stay in its text (as furniture), so the reader shows the page whole.
    let mut i = inside.iter().position(|&x| x).unwrap_or(inside.len());
    while i < inside.len() {
        if inside[i] {
            i += 1;
            continue;
        }
        let end = (i..inside.len())
            .find(|&j| inside[j])
            .unwrap_or(inside.len());
        let inline = |b: &Block| {
            !b.chrome.is_empty() && b.chrome.iter().all(|(_, why)| INLINE.contains(why))
        };
        if end < inside.len() && page[i..end].iter().all(inline) {
            inside[i..end].fill(true);
        }
        i = end;
    }
    let verdict = |b: &Block| {
        if let Some((_, why)) = b.chrome.iter().rev().find(|(id, _)| !wrapper(id)) {
            Some(*why)
        } else if b.link_density() > MAX_LINK_DENSITY {
            Some("link list")
        } else {
            None
        }
    };
    Some(
        page.into_iter()
            .zip(inside)
            .filter(|(_, x)| *x)
            .map(|(b, _)| {
                let v = verdict(&b);
                (b, v)
            })
            .collect(),
    )
}

/// Whether a block is the page's headline: its title, or most of it.
fn is_headline(text: &str, title: &str) -> bool {
    let (text, title) = (text.trim(), title.trim());
    if text.is_empty() || title.is_empty() {
        return false;
    }
    text.starts_with(title) || (title.starts_with(text) && text.len() * 5 >= title.len() * 3)
}

/// The article often starts above the element that holds most of it: the
/// headline, a lead and a first section sit in sibling elements of that
/// container or of one of its ancestors. Walking back from the region's
/// first block, each whole sibling element (at the container's level, then
/// at its parent's, up to the children of `body`) joins the region while it
/// holds no furniture and little link text; the walk stops at the first
/// that does, and at the headline.
fn extend_backward(
    page: &[Block],
    inside: &mut [bool],
    container_path: &[NodeId],
    wrapper: &dyn Fn(&NodeId) -> bool,
    is_headline: impl Fn(&Block) -> bool,
) {
    let Some(start) = inside.iter().position(|&x| x) else {
        return;
    };
    // The region already opens with the headline.
    if page[start..]
        .iter()
        .zip(&inside[start..])
        .filter(|(_, x)| **x)
        .take(TITLE_BLOCKS)
        .any(|(b, _)| is_headline(b))
    {
        return;
    }
    let mut level = container_path.len() - 1;
    let mut at = start.checked_sub(1);
    while let Some(i) = at {
        let path = &page[i].path;
        // Is the block under the parent of the container's ancestor at
        // `level`? If not, look among that parent's siblings.
        if level == 0 || path.len() < level || path[..level] != container_path[..level] {
            // `body` is at level 1: its children are the last siblings looked at.
            if level <= 2 {
                return;
            }
            level -= 1;
            continue;
        }
        // The sibling element holding block `i`: blocks with the same
        // element at `level` (a block directly in the parent stands alone).
        let mut lo = i;
        if path.len() > level {
            while lo > 0 && page[lo - 1].path.get(..=level) == Some(&path[..=level]) {
                lo -= 1;
            }
        }
        let group = &page[lo..=i];
        let (chars, links) = group
            .iter()
            .fold((0, 0), |(c, l), b| (c + b.chars, l + b.link_chars));
        // Captions, share bars and the like sit inside articles as often
        // as around them: they join (as furniture) and the walk goes on.
        let boundary = group.iter().any(|b| {
            b.chrome
                .iter()
                .any(|(id, why)| !wrapper(id) && !INLINE.contains(why))
        });
        if boundary || links * 10 > chars * 3 {
            return;
        }
        if let Some(h) = group.iter().rposition(&is_headline) {
            inside[lo + h..=i].fill(true);
            return;
        }
        inside[lo..=i].fill(true);
        at = lo.checked_sub(1);
    }
}

/// The document text (the title, a blank line, the region's blocks with a
/// blank line between them) and its body: the blocks not ruled out, less
/// the lines the line rules drop (bylines, credits, teasers…).
fn assemble(title: &str, region: &[(Block, Option<&'static str>)]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut kept: Vec<Range<usize>> = Vec::new();
    // Headings, list items, cells and code: what the markup marks as such is
    // not a byline or a section label, whatever its words look like.
    let mut structural: Vec<Range<usize>> = Vec::new();
    // The headline is usually one of the region's first blocks (with a
    // kicker before it, at times: "Masks and fever checks: How firms …");
    // the title heads the text only when it is not.
    let has_title = region
        .iter()
        .take(TITLE_BLOCKS)
        .any(|(b, _)| !title.is_empty() && b.text.contains(title));
    if !has_title && !title.is_empty() {
        text.push_str(title);
        kept.push(0..text.len());
    }
    for (b, verdict) in region {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&b.text);
        if matches!(
            b.kind,
            BlockKind::Heading | BlockKind::Item | BlockKind::Cell | BlockKind::Pre
        ) {
            structural.push(start..text.len());
        }
        if verdict.is_none() {
            match kept.last_mut() {
                Some(last) if last.end + 2 == start => last.end = text.len(),
                _ => kept.push(start..text.len()),
            }
        }
    }
    text.push('\n');
    let mut lines = propose_structured_body(&text, 0..text.len());
    for d in &lines.dropped {
        if LABEL_REASONS.contains(&d.reason.as_str())
            && structural
                .iter()
                .any(|r| r.start <= d.range.start && d.range.end <= r.end)
        {
            lines.ranges.push(d.range.clone());
        }
    }
    lines.ranges.sort_by_key(|r| r.start);
    (text, intersect(&kept, &lines.ranges))
}

/// How many of the region's first blocks are looked at for the headline.
const TITLE_BLOCKS: usize = 4;

/// Reasons of the line rules that a block's markup can overrule.
const LABEL_REASONS: &[&str] = &["byline or name", "section label"];

/// The common parts of two sorted lists of disjoint ranges.
fn intersect(a: &[Range<usize>], b: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let start = a[i].start.max(b[j].start);
        let end = a[i].end.min(b[j].end);
        if start < end {
            out.push(start..end);
        }
        if a[i].end < b[j].end {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Readability's article as a set of its lines, whitespace collapsed. The
/// article is made of the page's own elements, so a block of the article is
/// one of its lines: a hash lookup per block, not a substring search.
struct Anchor<'a> {
    lines: std::collections::HashSet<Cow<'a, str>>,
}

impl<'a> Anchor<'a> {
    fn new(text: &'a str) -> Self {
        let lines = text
            .lines()
            .map(|line| {
                // Most lines are already single-spaced: borrowed, not copied.
                let plain = line == line.trim()
                    && !line.contains("  ")
                    && !line.contains(|c: char| c.is_whitespace() && c != ' ');
                if plain {
                    Cow::Borrowed(line)
                } else {
                    Cow::Owned(normalise_space(line))
                }
            })
            .filter(|l| !l.is_empty())
            .collect();
        Self { lines }
    }

    /// Whether a block is a line of the article (or, for a block with line
    /// breaks of its own, each of its lines is).
    fn holds(&self, block: &Block) -> bool {
        !self.lines.is_empty() && block.text.lines().all(|l| self.lines.contains(l))
    }
}

/// `text` with runs of whitespace made one space, trimmed.
fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The host of an absolute web address, lower-cased and without `www.`:
/// `https://www.Post.example:443/a?b` → `post.example`.
fn site_host(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_string())
}

#[cfg(test)]
mod tests {

    #[test]
    fn nesting_beyond_what_browsers_keep_is_flattened_and_the_text_stays() {
        let page =
            "<html><body><div><p>Moscow and <b>Tehran</b></p><br><img src=x></div></body></html>";
        assert!(matches!(cap_nesting(page), std::borrow::Cow::Borrowed(_)));
        let n = 100_000;
        let deep = format!(
            "<html><body>{}<p>Moscow and Tehran lose ground.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let capped = cap_nesting(&deep);
        assert!(capped.matches("<div>").count() <= MAX_NESTING);
        assert!(capped.contains("Moscow and Tehran lose ground."));
        let parsed = parse(&deep, "deep").unwrap();
        assert!(parsed.text.contains("Moscow and Tehran lose ground."));
        // A tag cut off at the end of the text, after a multi-byte letter.
        let cut = format!("{}<aé", "<div>".repeat(NESTING_TRIGGER + 1));
        assert!(cap_nesting(&cut).matches("<div>").count() <= MAX_NESTING);
    }
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Baku and Ankara | The Example Post</title>
<meta property="og:title" content="Baku and Ankara sign a steel deal">
<meta property="og:site_name" content="The Example Post">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2025-03-04T08:00:00Z">
<meta property="og:url" content="https://post.example/baku-ankara">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Baku and Ankara sign a steel deal</h1>
<p>T&uuml;rkiye and Azerbaijan signed an agreement on Tuesday to build a steel plant near the border, officials in Baku said, in a deal worth &euro;2.5 billion that both governments called historic.</p>
<p>The plant will supply the rail line that is meant to link the two countries through Nakhchivan, a project that has been discussed for years and that Moscow has watched with suspicion.</p>
<p>Officials said construction would start next spring and take three years, with financing shared between state banks and private lenders from both countries.</p>
</article>
<aside><h2>Related</h2><a href="/x">Other story about something else entirely</a></aside>
<footer>&copy; 2025 The Example Post. All rights reserved.</footer>
</body></html>"#;

    /// A page with no site name of its own: `head` adds to its `<head>`.
    fn page_without_site_name(head: &str) -> String {
        PAGE.replace(
            r#"<meta property="og:site_name" content="The Example Post">"#,
            head,
        )
        .replace(
            r#"<meta property="og:url" content="https://post.example/baku-ankara">"#,
            "",
        )
        .replace(" | The Example Post", "")
    }

    #[test]
    fn site_hosts_come_from_absolute_web_addresses() {
        let cases = [
            ("https://www.post.example/baku-ankara", Some("post.example")),
            (
                "http://News.Example.org:8080/a?b#c",
                Some("news.example.org"),
            ),
            ("https://user@www.ledger.example", Some("ledger.example")),
            ("https://www.example.co.uk.", Some("example.co.uk")),
            ("/baku-ankara", None),
            ("ftp://files.example/x", None),
            ("https://localhost/x", None),
            ("", None),
        ];
        for (url, host) in cases {
            assert_eq!(site_host(url).as_deref(), host, "{url}");
        }
    }

    #[test]
    fn a_page_without_a_site_name_offers_its_application_name_or_host() {
        let page = page_without_site_name(
            r#"<link rel="canonical" href="https://www.caspian-ledger.example/news/1">"#,
        );
        let p = parse(&page, "page").unwrap();
        assert_eq!(p.meta.source, "", "not metadata: a fallback");
        assert_eq!(p.hints.site, "caspian-ledger.example");
        assert_eq!(p.meta.url, "https://www.caspian-ledger.example/news/1");

        let page = page_without_site_name(
            r#"<meta name="application-name" content="Caspian Ledger">
<meta property="og:url" content="https://www.caspian-ledger.example/news/1">"#,
        );
        let p = parse(&page, "page").unwrap();
        assert_eq!(p.hints.site, "Caspian Ledger");
    }

    #[test]
    fn extracts_article_text_and_metadata() {
        let p = parse(PAGE, "page").unwrap();
        assert_eq!(p.meta.title, "Baku and Ankara sign a steel deal");
        assert_eq!(p.meta.source, "The Example Post");
        assert_eq!(p.meta.author, "Jane Roe");
        assert_eq!(p.meta.date, "2025-03-04");
        assert_eq!(p.meta.url, "https://post.example/baku-ankara");
        assert!(p.text.contains("Türkiye and Azerbaijan"), "{}", p.text);
        assert!(p.text.contains("€2.5 billion"));
        assert!(
            !p.text.contains("Politics"),
            "navigation leaked: {}",
            p.text
        );
        assert!(
            !p.text.contains("All rights reserved"),
            "footer leaked: {}",
            p.text
        );
        assert!(p.text.starts_with("Baku and Ankara sign a steel deal"));
    }

    /// The text of each body range.
    fn body_of(p: &Parsed) -> String {
        p.body
            .iter()
            .map(|r| &p.text[r.clone()])
            .collect::<Vec<_>>()
            .join("\n")
    }

    const PROSE: &str = "Officials in Baku said the new line would carry freight from the Caspian \
        to the Black Sea within two years, and that Tehran had been told of the plan.";

    #[test]
    fn a_lead_above_the_article_joins_it_and_furniture_inside_stays_visible_but_out_of_the_body() {
        let page = format!(
            r#"<html><head><title>Rail deal</title></head><body>
<div class="hero"><h1>Rail deal</h1><p class="standfirst">A standfirst sits above the
article's own container, as many news sites place it.</p></div>
<div class="story"><p>{PROSE}</p>
<figure><img src=x><figcaption>The port of Baku at dawn.</figcaption></figure>
<p>{PROSE} A second paragraph follows.</p>
<h2>What comes next</h2>
<ul><li>Tenders in spring</li><li>Construction in autumn</li></ul>
<div class="share-bar">Share on Facebook</div>
<p>{PROSE} The third one ends it.</p></div>
<div class="comments"><p>A reader comment that is long enough to look like running text to anyone.</p></div>
</body></html>"#
        );
        let p = parse(&page, "page").unwrap();
        let body = body_of(&p);
        assert!(body.contains("A standfirst sits above"), "{}", p.text);
        assert!(body.contains("The third one ends it."));
        for kept in [
            "What comes next",
            "Tenders in spring",
            "Construction in autumn",
        ] {
            assert!(body.contains(kept), "{kept} missing from the body: {body}");
        }
        // Furniture inside the article is in the text (the reader shows it
        // as left out) but not in the body.
        for furniture in ["The port of Baku at dawn.", "Share on Facebook"] {
            assert!(p.text.contains(furniture), "{furniture}");
            assert!(!body.contains(furniture), "{furniture} in the body");
        }
        assert!(!p.text.contains("A reader comment"));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn a_class_about_the_whole_page_does_not_make_the_article_furniture() {
        let page = format!(
            "<html><body><div class='site has-sidebar'><div class='content'><p>{PROSE}</p><p>{PROSE} \
             Again.</p></div><div class='sidebar'><p>Sidebar text that should stay out of the \
             body of the article.</p></div></div></body></html>"
        );
        let p = parse(&page, "page").unwrap();
        let body = body_of(&p);
        assert!(body.contains("Again."), "{}", p.text);
        assert!(!body.contains("Sidebar text"));
    }

    #[test]
    fn a_noscript_left_open_does_not_hide_the_page() {
        // html5ever (without scripting) parses the `noscript` as markup, and
        // the `div` opened inside it holds the rest of the page.
        let page = format!(
            "<html><body><noscript><div id='nojs'></noscript><div><p>{PROSE}</p>\
             <p>{PROSE} Twice.</p></div></body></html>"
        );
        let p = parse(&page, "page").unwrap();
        assert!(body_of(&p).contains("Twice."), "{}", p.text);
    }

    #[test]
    fn furniture_readability_settles_on_does_not_anchor_the_article() {
        // A short post and a long cookie notice: the notice is furniture, so
        // the article is the post, with its short lines.
        let notice = "Privacy and cookies: this site uses cookies. By continuing to use \
            this website you agree to their use, as explained in our cookie policy, which \
            also says how to control them and how we keep what we learn about you.";
        let page = format!(
            "<html><body><div class='post'><h2>Doing nothing is also a choice</h2>\
             <p>\u{201e}I know I am tired and perhaps should not say this\u{2026}\u{201c}</p>\
             <p>\u{2013} \u{201e}Then don't.\u{201c}</p><p>\u{2013} \u{201e}Ok.\u{201c}</p></div>\
             <div class='cookie-banner'>{notice}</div></body></html>"
        );
        let p = parse(&page, "post").unwrap();
        let body = body_of(&p);
        assert!(
            body.contains("\u{201e}Ok.\u{201c}"),
            "{}\n---\n{body}",
            p.text
        );
        assert!(!body.contains("Privacy and cookies"), "{body}");
    }

    #[test]
    fn the_headline_and_first_section_in_elements_above_the_container_join_the_region() {
        let page = format!(
            "<html><head><title>Gas for heating</title></head><body>\
             <nav><a href=/>Home</a> <a href=/k>Knowledge</a></nav>\
             <div class='m1'><div class='intro'><h1>Gas for heating</h1><p>An intro module \
             of its own: {PROSE}</p><h2>Why it matters</h2></div></div>\
             <div class='m2'><div class='text'><p>{PROSE} One.</p><p>{PROSE} Two.</p>\
             <p>{PROSE} Three.</p><p>{PROSE} Four.</p></div></div>\
             <footer>Imprint</footer></body></html>"
        );
        let p = parse(&page, "gas").unwrap();
        let body = body_of(&p);
        assert!(body.contains("An intro module of its own"), "{}", p.text);
        assert!(body.contains("Why it matters"), "{}", p.text);
        assert!(
            p.text.starts_with("Gas for heating\n\nAn intro"),
            "{}",
            p.text
        );
        assert!(!p.text.contains("Knowledge"));
    }

    #[test]
    fn a_photo_between_the_lead_and_the_story_does_not_cut_the_lead_off() {
        let page = format!(
            "<html><head><title>Port deal</title></head><body><nav><a href=/>Home</a></nav>\
             <div class='top'><h1>Port deal</h1><p class='lead'>The lead says what happened: \
             {PROSE}</p></div>\
             <figure><img src=x><figcaption>The port of Poti at night, seen from the sea.</figcaption></figure>\
             <div class='story'><p>{PROSE} One.</p><p>{PROSE} Two.</p><p>{PROSE} Three.</p></div>\
             </body></html>"
        );
        let p = parse(&page, "port").unwrap();
        let body = body_of(&p);
        assert!(body.contains("The lead says what happened"), "{}", p.text);
        assert!(p.text.contains("The port of Poti at night"));
        assert!(!body.contains("The port of Poti at night"), "{body}");
        assert!(!p.text.contains("Home"));
    }

    #[test]
    fn a_headline_with_a_kicker_is_not_preceded_by_the_title_again() {
        let page = format!(
            "<html><head><title>How firms keep staff safe</title></head><body><article>\
             <h1>Masks and fever checks: How firms keep staff safe</h1>\
             <p>{PROSE} One.</p><p>{PROSE} Two.</p></article></body></html>"
        );
        let p = parse(&page, "firms").unwrap();
        assert_eq!(
            p.text.matches("How firms keep staff safe").count(),
            1,
            "{}",
            p.text
        );
        assert!(p.text.starts_with("Masks and fever checks"), "{}", p.text);
    }

    #[test]
    fn a_related_box_inside_the_article_does_not_end_it() {
        let page = format!(
            "<html><body><article><p>{PROSE} One.</p><p>{PROSE} Two.</p>\
             <div class='inline-box'><h3>Related</h3><a href=/x>Another story on the same subject here</a></div>\
             <p>{PROSE} After the box.</p></article></body></html>"
        );
        let p = parse(&page, "box").unwrap();
        let body = body_of(&p);
        assert!(body.contains("After the box."), "{}", p.text);
        assert!(!body.contains("Related"), "{body}");
        assert!(!body.contains("Another story"), "{body}");
    }

    #[test]
    fn a_page_without_an_article_still_gives_a_document_and_says_how() {
        // Only short lines: Readability finds no article, and there is no
        // paragraph text either, so the body is the whole visible text.
        let page = "<html><body><h1>Opening hours</h1><ul><li>Monday 9–17</li>\
                    <li>Tuesday 9–17</li></ul></body></html>";
        let p = parse(page, "hours").unwrap();
        assert!(body_of(&p).contains("Tuesday 9–17"), "{}", p.text);
        assert!(
            p.warnings.iter().any(|w| w.contains("whole visible text")),
            "{:?}",
            p.warnings
        );
        // No text at all is an error naming what is missing.
        assert!(parse("<html><body><script>x()</script></body></html>", "empty").is_err());
    }
}

/// A development aid, not a test: prints how a page was read, block by
/// block (`EXPLAIN_HTML=page.html cargo test --release --lib explain_page
/// -- --ignored --nocapture`).
#[cfg(test)]
#[test]
#[ignore = "development aid: needs EXPLAIN_HTML"]
fn explain_page() {
    let Ok(path) = std::env::var("EXPLAIN_HTML") else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap();
    let html = String::from_utf8_lossy(&bytes);
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut readability = Readability::new(&*html, None, Some(config)).unwrap();
    let page = blocks(&readability.doc.root());
    let article = readability.parse().ok();
    let anchor = Anchor::new(article.as_ref().map_or("", |a| &*a.text_content));
    let mut warnings = Vec::new();
    let title = article.as_ref().map_or(String::new(), |a| a.title.clone());
    let region = choose_region(page.clone(), &anchor, &title, &mut warnings).unwrap_or_default();
    let mut r = region.iter().peekable();
    for (i, b) in page.iter().enumerate() {
        let kept = r
            .peek()
            .filter(|(k, _)| k.path == b.path && k.text == b.text);
        let mark = match kept {
            Some((_, None)) => "BODY",
            Some((_, Some(_))) => "text",
            None => "    ",
        };
        let verdict = kept.and_then(|(_, v)| *v).unwrap_or("");
        if kept.is_some() {
            r.next();
        }
        let chrome: Vec<&str> = b.chrome.iter().map(|c| c.1).collect();
        println!(
            "{i:4} {mark} {} {:?} c{} ld{:.2} d{} {:?} {:?} {verdict} | {}",
            if anchor.holds(b) { "A" } else { " " },
            b.kind,
            b.chars,
            b.link_density(),
            b.path.len(),
            b.path
                .iter()
                .rev()
                .take(3)
                .map(|n| format!("{n:?}")
                    .replace("NodeId { value: ", "")
                    .replace(" }", ""))
                .collect::<Vec<_>>(),
            chrome,
            b.text
                .chars()
                .take(if std::env::var("EXPLAIN_FULL").is_ok() {
                    usize::MAX
                } else {
                    100
                })
                .collect::<String>()
                .replace('\n', " / ")
        );
    }
    println!("warnings: {warnings:?}");
}
