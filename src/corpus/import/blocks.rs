//! The text blocks of an HTML page in document order, with what the markup
//! says about each: the kind of element it sits in (heading, paragraph, list
//! item…), how much of it is link text, the elements around it, and whether
//! one of them is page furniture (navigation, a caption, a share bar, a
//! comments section…) and why. The article extractor in `html.rs` picks the
//! article's region and body from these.
//!
//! Only the markup is read here; no decision about what the article is.

use dom_query::{NodeData, NodeId, NodeRef};

/// What kind of element a block of text sits in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading,
    Paragraph,
    /// A list item or definition.
    Item,
    /// A table cell.
    Cell,
    /// Preformatted text (code).
    Pre,
    Quote,
    /// Text directly in a `div`, `section` or the like.
    Other,
}

/// One block of text.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// The text, whitespace collapsed (line breaks from `<br>` and in `<pre>`
    /// kept).
    pub text: String,
    pub kind: BlockKind,
    /// The elements around the block, outermost first.
    pub path: Vec<NodeId>,
    /// The page-furniture elements around the block (outermost first), each
    /// with the reason it is furniture.
    pub chrome: Vec<(NodeId, &'static str)>,
    /// Characters of the text (not counting spaces), and those inside links.
    pub chars: usize,
    pub link_chars: usize,
}

impl Block {
    /// The share of the block's characters that are link text.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// Elements whose content is never text a reader sees, or not as text:
/// ruby annotations (`rt`, `rp`: the readings printed over Japanese or
/// Chinese characters) would split every annotated word.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "svg", "math", "head", "title", "iframe", "object", "embed",
    "canvas", "select", "option", "textarea", "button", "input", "video", "audio", "map", "rt",
    "rp",
];

/// Elements that start a new block of text.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Page furniture by element name.
fn chrome_by_tag(name: &str) -> Option<&'static str> {
    Some(match name {
        "nav" | "menu" => "navigation",
        "footer" => "page footer",
        "aside" => "aside",
        "form" | "fieldset" => "form",
        "figure" | "figcaption" => "caption",
        "dialog" => "pop-up",
        // Parsed as markup (html5ever runs without scripting), a `noscript`
        // left open holds the rest of the page; see the wrapper rule in
        // `html.rs`.
        "noscript" => "no-script notice",
        _ => return None,
    })
}

/// Page furniture by ARIA role.
fn chrome_by_role(role: &str) -> Option<&'static str> {
    Some(match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" | "search" => "navigation",
        "banner" => "page header",
        "contentinfo" => "page footer",
        "complementary" => "aside",
        "dialog" | "alertdialog" => "pop-up",
        _ => return None,
    })
}

/// Page furniture by a word of an element's `class` or `id` (split at
/// spaces, hyphens and underscores, lower-cased).
fn chrome_by_word(word: &str) -> Option<&'static str> {
    Some(match word {
        "nav" | "navbar" | "navigation" | "menu" | "breadcrumb" | "breadcrumbs" | "pagination"
        | "pager" | "skiplink" => "navigation",
        "sidebar" | "widget" | "widgets" => "sidebar",
        "share" | "sharing" | "social" | "sharebar" | "shariff" | "addthis" | "sharethis" => {
            "share widget"
        }
        "comment" | "comments" | "disqus" | "respond" => "comments section",
        "related" | "recommended" | "recommendations" | "teaserlist" | "morestories" => {
            "related-article teaser"
        }
        "newsletter" | "subscribe" | "subscription" | "signup" => "newsletter prompt",
        "cookie" | "cookies" | "consent" | "gdpr" => "cookie notice",
        "ad" | "ads" | "advert" | "adverts" | "advertisement" | "adsense" | "sponsored"
        | "promo" => "advertisement",
        "tags" | "tagcloud" | "taglist" => "tag list",
        "byline" | "dateline" => "byline",
        "caption" | "credit" | "credits" => "caption",
        "footer" => "page footer",
        "modal" | "popup" | "overlay" => "pop-up",
        "author" | "authors" | "autor" | "avatar" | "bio" | "vcard" => "author box",
        "rating" | "ratings" | "stars" | "vote" | "voting" => "rating widget",
        "login" | "register" | "signin" => "login prompt",
        "disclaimer" | "copyright" => "disclaimer",
        _ => return None,
    })
}

/// Why an element is page furniture, if it is.
fn chrome_reason(node: &NodeRef, name: &str) -> Option<&'static str> {
    if let Some(why) = chrome_by_tag(name) {
        return Some(why);
    }
    if let Some(why) = node.attr("role").and_then(|r| chrome_by_role(&r)) {
        return Some(why);
    }
    // The page's outer elements carry classes about the whole page
    // (`single comments-open has-sidebar`), not about a part of it.
    if matches!(name, "html" | "body" | "main" | "article") {
        return None;
    }
    let mut found = None;
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            let lower = value.to_ascii_lowercase();
            found = found.or_else(|| {
                lower
                    .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                    .find_map(chrome_by_word)
            });
        }
    }
    found
}

/// Whether an element is hidden from readers.
fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    // Text for screen readers only ("Skip to content", "Opens in a new
    // window"), and Bootstrap's `d-none`.
    const HIDDEN_CLASSES: &[&str] = &[
        "sr-only",
        "screen-reader-text",
        "visually-hidden",
        "visuallyhidden",
        "screenreader-only",
        "element-invisible",
        "hidden",
        "d-none",
    ];
    if node.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|w| HIDDEN_CLASSES.iter().any(|h| w.eq_ignore_ascii_case(h)))
    }) {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|style| {
        // Most styles hide nothing: a cheap look before the careful one.
        let lower = |needle: &str| {
            style
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        };
        if !lower("none") && !lower("hidden") {
            return false;
        }
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none") || compact.contains("visibility:hidden")
    })
}

fn kind_of(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "p" => BlockKind::Paragraph,
        "li" | "dd" | "dt" => BlockKind::Item,
        "td" | "th" => BlockKind::Cell,
        "pre" => BlockKind::Pre,
        "blockquote" => BlockKind::Quote,
        _ => return None,
    })
}

/// An element open during the walk.
struct Open {
    id: NodeId,
    block: bool,
    link: bool,
    pre: bool,
    kind: bool,
    chrome: bool,
    section: bool,
}

/// Collects the blocks while walking the tree.
#[derive(Default)]
struct Collector {
    blocks: Vec<Block>,
    path: Vec<NodeId>,
    chrome: Vec<(NodeId, &'static str)>,
    kinds: Vec<BlockKind>,
    links: usize,
    pres: usize,
    /// Open `article`, `main` and `section` elements.
    sections: usize,
    text: String,
    chars: usize,
    link_chars: usize,
    space: bool,
}

impl Collector {
    fn push_text(&mut self, text: &str) {
        if self.pres == 0 {
            // Word by word: most text is outside `pre`, and copying whole
            // words is much faster than pushing characters one by one.
            let mut rest = text;
            loop {
                let word_start = rest.trim_start();
                if word_start.len() != rest.len() {
                    self.space = true;
                }
                if word_start.is_empty() {
                    return;
                }
                let end = word_start
                    .find(char::is_whitespace)
                    .unwrap_or(word_start.len());
                let word = &word_start[..end];
                if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push_str(word);
                let n = word.chars().count();
                self.chars += n;
                if self.links > 0 {
                    self.link_chars += n;
                }
                rest = &word_start[end..];
            }
        }
        for c in text.chars() {
            if self.pres > 0 && c == '\n' {
                self.text.push('\n');
                self.space = false;
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
                self.chars += 1;
                if self.links > 0 {
                    self.link_chars += 1;
                }
            }
        }
        if self.pres > 0 {
            self.space = false;
        }
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.space = false;
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let (chars, link_chars) = (self.chars, self.link_chars);
        self.chars = 0;
        self.link_chars = 0;
        self.space = false;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        self.blocks.push(Block {
            text: lines.join("\n"),
            kind: self.kinds.last().copied().unwrap_or(BlockKind::Other),
            path: self.path.clone(),
            chrome: self.chrome.clone(),
            chars,
            link_chars,
        });
    }
}

/// The blocks of text under `root` (usually the document), in document order.
/// The walk keeps its own stack, so a deeply nested page cannot exhaust the
/// thread's.
pub(crate) fn blocks(root: &NodeRef) -> Vec<Block> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Exit(Open),
    }
    let mut out = Collector::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(open) => {
                if open.block {
                    out.flush();
                }
                if open.link {
                    out.links -= 1;
                }
                if open.pre {
                    out.pres -= 1;
                }
                if open.kind {
                    out.kinds.pop();
                }
                if open.chrome {
                    out.chrome.pop();
                }
                if open.section {
                    out.sections -= 1;
                }
                out.path.pop();
            }
            Step::Enter(node) => {
                if node.is_text() {
                    // The node's own text, read in place (`text()` would
                    // gather it into a new string first).
                    node.query(|n| {
                        if let NodeData::Text { contents } = &n.data {
                            out.push_text(contents);
                        }
                    });
                    continue;
                }
                if !node.is_element() {
                    if node.is_document() || node.is_fragment() {
                        stack.extend(node.children_it(true).map(Step::Enter));
                    }
                    continue;
                }
                // The parser gives HTML element names in lower case.
                let name = node
                    .query(|n| match &n.data {
                        NodeData::Element(e) => Some(e.name.local.clone()),
                        _ => None,
                    })
                    .flatten()
                    .unwrap_or_default();
                let name: &str = &name;
                if name == "br" {
                    out.line_break();
                    continue;
                }
                if SKIPPED.contains(&name) || hidden(&node) {
                    continue;
                }
                let block = BLOCK_LEVEL.contains(&name);
                if block {
                    out.flush();
                }
                let kind = kind_of(name);
                // A `header` outside any article or section is the page's
                // (logo, tagline, menu); inside one it holds the headline.
                let chrome = if name == "header" && out.sections == 0 {
                    Some("page header")
                } else {
                    chrome_reason(&node, name)
                };
                let open = Open {
                    id: node.id,
                    block,
                    link: name == "a",
                    pre: name == "pre",
                    kind: kind.is_some(),
                    chrome: chrome.is_some(),
                    section: matches!(name, "article" | "main" | "section"),
                };
                out.path.push(open.id);
                if let Some(kind) = kind {
                    out.kinds.push(kind);
                }
                if let Some(why) = chrome {
                    out.chrome.push((open.id, why));
                }
                out.links += usize::from(open.link);
                out.sections += usize::from(open.section);
                out.pres += usize::from(open.pre);
                stack.push(Step::Exit(open));
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    out.flush();
    out.blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    /// The innermost furniture reason of the block with text `t`.
    fn reason(blocks: &[Block], t: &str) -> Option<&'static str> {
        blocks
            .iter()
            .find(|b| b.text == t)
            .unwrap()
            .chrome
            .last()
            .map(|c| c.1)
    }

    fn of(html: &str) -> Vec<Block> {
        let doc = Document::from(html);
        blocks(&doc.root())
    }

    #[test]
    fn blocks_follow_the_markup_with_kinds_and_links() {
        let b = of(
            "<html><head><title>T</title><script>x()</script></head><body>\
             <h1>Head  line</h1><p>One <a href=x>link</a> here.<br>Next line</p>\
             <ul><li>first</li><li><a href=y>second</a></li></ul><div>loose text</div></body></html>",
        );
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Head line",
                "One link here.\nNext line",
                "first",
                "second",
                "loose text"
            ]
        );
        assert_eq!(b[0].kind, BlockKind::Heading);
        assert_eq!(b[1].kind, BlockKind::Paragraph);
        assert_eq!(b[2].kind, BlockKind::Item);
        assert_eq!(b[4].kind, BlockKind::Other);
        assert_eq!(b[3].link_density(), 1.0);
        assert!(b[1].link_density() > 0.0 && b[1].link_density() < 0.5);
    }

    #[test]
    fn furniture_is_marked_with_its_reason_and_hidden_text_left_out() {
        let b = of(
            "<body class='single has-sidebar comments-open'><nav><a>Home</a></nav>\
             <header><p>Tagline of the site</p></header>\
             <article><header>Headline</header><p>Story text.</p><figure><img><figcaption>A photo</figcaption></figure>\
             <div class='share-buttons'>Share</div><div class='header'>kept</div></article>\
             <div style='display: none'>secret</div><p hidden>gone</p>\
             <div id='comments'>Nice post</div></body>",
        );
        let reason = |t: &str| reason(&b, t);
        assert_eq!(reason("Home"), Some("navigation"));
        assert_eq!(reason("Tagline of the site"), Some("page header"));
        assert_eq!(reason("Headline"), None);
        assert_eq!(reason("Story text."), None);
        assert_eq!(reason("A photo"), Some("caption"));
        assert_eq!(reason("Share"), Some("share widget"));
        assert_eq!(reason("kept"), None);
        assert_eq!(reason("Nice post"), Some("comments section"));
        assert!(!b.iter().any(|b| b.text == "secret" || b.text == "gone"));
    }

    #[test]
    fn author_boxes_ratings_and_screen_reader_text_are_recognised() {
        let b = of(
            "<div class='author-box'><p>Jane Roe writes about energy.</p></div>\
             <div class='post-rating'>4.5 of 5</div><p>Story<span class='sr-only'> (opens in a new window)</span></p>\
             <p class='hidden'>gone</p>",
        );
        let reason = |t: &str| reason(&b, t);
        assert_eq!(reason("Jane Roe writes about energy."), Some("author box"));
        assert_eq!(reason("4.5 of 5"), Some("rating widget"));
        assert_eq!(reason("Story"), None);
        assert!(!b.iter().any(|b| b.text == "gone"));
    }

    #[test]
    fn ruby_readings_are_left_out_of_the_text() {
        let b = of("<p><ruby>漢<rp>(</rp><rt>かん</rt>字<rt>じ</rt></ruby>の読み方</p>");
        assert_eq!(b[0].text, "漢字の読み方");
    }

    #[test]
    fn preformatted_text_keeps_its_lines_and_deep_pages_do_not_overflow() {
        let b = of("<pre>a  b\n  c</pre>");
        assert_eq!(b[0].text, "a b\nc");
        assert_eq!(b[0].kind, BlockKind::Pre);
        let deep = format!("{}text{}", "<div>".repeat(3000), "</div>".repeat(3000));
        assert_eq!(of(&deep)[0].text, "text");
    }
}
