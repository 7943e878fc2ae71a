//! `.html` pages: the main article text, extracted with a Readability port.

use dom_smoothie::{Config, Readability, TextMode};

use super::frontmatter::normalise_date;
use super::{Hints, Parsed};
use crate::corpus::Metadata;
use crate::corpus::body::propose_body;

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

/// Extracts the article from an HTML page. The document text is the title, a
/// blank line and the article's text with paragraphs kept and character
/// references decoded; navigation, asides and footers are left behind.
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
    // Meta tags are read before parsing, which rewrites the document.
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
    let article = readability
        .parse()
        .map_err(|e| format!("no article text found in the page ({e})"))?;

    let content = tidy(&article.text_content);
    if content.trim().is_empty() {
        return Err("no article text found in the page".into());
    }
    let title = article.title.trim().to_string();
    let title_from_file_name = title.is_empty();
    let title = if title_from_file_name {
        fallback_title.to_string()
    } else {
        title
    };
    let text = if content.starts_with(&title) {
        format!("{content}\n")
    } else {
        format!("{title}\n\n{content}\n")
    };

    let mut meta = Metadata {
        title,
        source: article
            .site_name
            .clone()
            .unwrap_or_default()
            .trim()
            .to_string(),
        author: article
            .byline
            .clone()
            .filter(|b| !b.trim().is_empty())
            .unwrap_or(author),
        date: article
            .published_time
            .as_deref()
            .map(normalise_date)
            .unwrap_or_default(),
        url: article
            .url
            .clone()
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| url.clone()),
        ..Default::default()
    };
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
    let body = propose_body(&text, 0..text.len()).ranges;
    Ok(Parsed {
        text,
        meta,
        body,
        warnings: Vec::new(),
        hints: Hints {
            title_from_file_name,
            site,
        },
    })
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

/// Trims each line and collapses runs of blank lines to one.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
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
}
