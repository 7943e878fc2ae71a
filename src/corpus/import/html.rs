//! `.html` pages: the main article text, extracted with a Readability port.

use dom_smoothie::{Config, Readability, TextMode};

use super::frontmatter::normalise_date;
use super::{Hints, Parsed};
use crate::corpus::Metadata;
use crate::corpus::body::propose_body;

/// Extracts the article from an HTML page. The document text is the title, a
/// blank line and the article's text with paragraphs kept and character
/// references decoded; navigation, asides and footers are left behind.
pub(crate) fn parse(html: &str, fallback_title: &str) -> Result<Parsed, String> {
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
