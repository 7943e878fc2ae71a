//! Proposing the *body* of a scraped article: the article itself, without the
//! site chrome around it (navigation, share widgets, section labels, bylines,
//! photo captions, related-article teasers, "keep reading" links, newsletter
//! prompts, author bios).
//!
//! The proposal works line by line and says why each dropped line was dropped,
//! so the analyst can check it and change it. It is deliberately conservative:
//! on clean text (a CSV column, a tidy `.txt`) it keeps everything.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A part of the text left out of the body, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedSpan {
    /// Byte range in the document text.
    pub range: Range<usize>,
    /// Why it is not body, in a few words.
    pub reason: String,
}

/// A proposed body: the kept ranges (sorted, disjoint) and what was dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyProposal {
    /// Byte ranges of the text that are body.
    pub ranges: Vec<Range<usize>>,
    /// Non-blank parts of the region that were left out.
    pub dropped: Vec<DroppedSpan>,
}

#[derive(Clone, Debug)]
struct Line {
    range: Range<usize>,
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Clearly not article text wherever it appears.
    Chrome(&'static str),
    /// Ends the article: what follows is teasers, prompts or bios.
    TailMarker(&'static str),
    /// A byline, a lone name or a date: chrome at the head or tail of an
    /// article, a subheading in the middle.
    Label(&'static str),
    /// A paragraph of running text.
    Prose,
    /// A short line: title, standfirst, subheading, list item.
    Short,
}

/// Proposes the body of `text` within `region` (the whole text, or the part
/// after a front-matter block).
pub fn propose_body(text: &str, region: Range<usize>) -> BodyProposal {
    propose(text, region, false)
}

/// [`propose_body`] for text whose article region the markup already gave
/// (an HTML page's blocks): short lines before the first paragraph or after
/// the last (list items, headings, ingredients, table rows) are kept unless
/// they read as chrome, and a short last paragraph is not taken for a
/// truncated excerpt.
pub(crate) fn propose_structured_body(text: &str, region: Range<usize>) -> BodyProposal {
    propose(text, region, true)
}

fn propose(text: &str, region: Range<usize>, structured: bool) -> BodyProposal {
    let lines = split_lines(text, region.clone(), structured);
    let Some(first_prose) = lines.iter().position(|l| l.kind == Kind::Prose) else {
        // No running text at all: keep everything but obvious chrome.
        return assemble(text, &lines, |_, line| match line.kind {
            Kind::Chrome(why) | Kind::TailMarker(why) => Some(why),
            _ => None,
        });
    };

    // The article ends at the first tail marker after its first paragraph.
    // Where the markup gave the region, a marker with running text after it
    // is a box inside the article ("Related" with one link): only its line
    // goes.
    let last_any_prose = lines.iter().rposition(|l| l.kind == Kind::Prose);
    let cut = lines
        .iter()
        .enumerate()
        .skip(first_prose + 1)
        .find(|(i, l)| {
            matches!(l.kind, Kind::TailMarker(_))
                && !(structured && last_any_prose.is_some_and(|p| p > *i))
        })
        .map_or(lines.len(), |(i, _)| i);
    let last_prose = (first_prose..cut)
        .rev()
        .find(|&i| lines[i].kind == Kind::Prose)
        .unwrap_or(first_prose);
    // A final line that stops mid-sentence (a truncated excerpt) is not an
    // article line, unless it is the only paragraph there is (dropping it
    // would leave no body at all).
    let truncated = !structured
        && cut == lines.len()
        && last_prose != first_prose
        && is_truncated(&text[lines[last_prose].range.clone()]);

    // Walking back from the first paragraph: the title (and standfirst) are the
    // title-like lines nearest to it; page furniture above them is not body.
    let mut head_title = vec![false; first_prose];
    let mut found_title = false;
    for i in (0..first_prose).rev() {
        match lines[i].kind {
            Kind::Short if reads_as_title(&text[lines[i].range.clone()]) => {
                head_title[i] = true;
                found_title = true;
            }
            Kind::Chrome(_) | Kind::TailMarker(_) if found_title => break,
            _ => {}
        }
    }

    assemble(text, &lines, |i, line| {
        if i >= cut {
            return match line.kind {
                Kind::TailMarker(why) => Some(why),
                _ => Some("after the end of the article"),
            };
        }
        match line.kind {
            Kind::Blank | Kind::Prose if i != last_prose || !truncated => None,
            Kind::Prose => Some("last line stops mid-sentence"),
            Kind::Chrome(why) | Kind::TailMarker(why) => Some(why),
            Kind::Label(why) if i < first_prose || i > last_prose => Some(why),
            Kind::Short if structured => None,
            Kind::Short if i > last_prose && !ends_sentence(&text[line.range.clone()]) => {
                Some("short line after the last paragraph")
            }
            Kind::Short if i < first_prose && !head_title[i] => {
                Some("short line before the article")
            }
            _ => None,
        }
    })
}

/// Builds the proposal from a per-line decision (`Some(reason)` drops the line).
fn assemble(
    text: &str,
    lines: &[Line],
    drop_reason: impl Fn(usize, &Line) -> Option<&'static str>,
) -> BodyProposal {
    let mut proposal = BodyProposal::default();
    let mut current: Option<Range<usize>> = None;
    for (i, line) in lines.iter().enumerate() {
        if line.kind == Kind::Blank {
            continue;
        }
        match drop_reason(i, line) {
            None => {
                current = Some(match current.take() {
                    Some(r) => r.start..line.range.end,
                    None => line.range.clone(),
                });
            }
            Some(reason) => {
                proposal.ranges.extend(current.take());
                proposal.dropped.push(DroppedSpan {
                    range: line.range.clone(),
                    reason: reason.into(),
                });
            }
        }
    }
    proposal.ranges.extend(current);
    debug_assert!(
        proposal
            .ranges
            .iter()
            .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
    );
    proposal
}

/// Splits the region into trimmed lines and classifies them. A date stamp at
/// the start of a line (` date 2025-10-21 …`) is cut off as a span of its own.
fn split_lines(text: &str, region: Range<usize>, structured: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = region.start;
    for raw in text[region.clone()].split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        let mut range = start + lead..start + lead + trimmed.len();
        if trimmed.is_empty() {
            lines.push(Line {
                range,
                kind: Kind::Blank,
            });
            continue;
        }
        if let Some(stamp) = date_stamp_len(trimmed) {
            lines.push(Line {
                range: range.start..range.start + stamp,
                kind: Kind::Chrome("date stamp"),
            });
            let rest = &text[range.start + stamp..range.end];
            let skip = rest.len() - rest.trim_start().len();
            range.start += stamp + skip;
            if range.is_empty() {
                continue;
            }
        }
        let kind = classify(&text[range.clone()], structured);
        lines.push(Line { range, kind });
    }
    lines
}

fn words(line: &str) -> usize {
    // Most lines are ASCII: splitting them needs no Unicode tables.
    if line.is_ascii() {
        return line
            .split_ascii_whitespace()
            .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric()))
            .count();
    }
    line.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']', '»', '*', '_'])
        .ends_with(['.', '!', '?', '…', ':'])
}

/// Classifies a line. `structured`: the markup gave the article's region,
/// so a heading that opens a tail section (teasers, contacts, sources…)
/// ends the article unless running text follows it (see `propose`); in
/// plain text, where such a heading is as often an inline teaser, only its
/// line goes.
/// The longest line (in words) any rule reads in lower case.
const LOWER_CASED_WORDS: usize = 60;

fn classify(line: &str, structured: bool) -> Kind {
    let n = words(line);
    // Lower-casing every paragraph would cost more than all the rules; the
    // rules that read the lower-cased line are for lines up to
    // `LOWER_CASED_WORDS` words (see `chrome`).
    let lower = if n <= LOWER_CASED_WORDS {
        line.to_lowercase()
    } else {
        String::new()
    };
    if let Some(why) = tail_marker(&lower, n) {
        return Kind::TailMarker(why);
    }
    if let Some(why) = tail_section(&lower, n) {
        return if structured {
            Kind::TailMarker(why)
        } else {
            Kind::Chrome(why)
        };
    }
    if is_bio(line) {
        return Kind::TailMarker("author bio");
    }
    // An HTML page's text holds no image file names (alt text is not
    // read), but it does hold words like "gsoc-2018".
    if let Some(why) =
        chrome(line, &lower, n).filter(|why| !(structured && *why == "image file name"))
    {
        return Kind::Chrome(why);
    }
    if n >= 10 && (ends_sentence(line) || n >= 25) {
        return Kind::Prose;
    }
    if let Some(why) = label(line, &lower, n) {
        return Kind::Label(why);
    }
    Kind::Short
}

/// Lines after which the article is over.
fn tail_marker(lower: &str, n: usize) -> Option<&'static str> {
    const STARTS: &[(&str, &str)] = &[
        ("keep reading", "\"keep reading\" link"),
        ("continue reading", "\"keep reading\" link"),
        ("read more", "\"read more\" link"),
        ("read next", "related-article teaser"),
        ("read also", "related-article teaser"),
        ("related", "related-article teaser"),
        ("you may also like", "related-article teaser"),
        ("you might also like", "related-article teaser"),
        ("more from", "related-article teaser"),
        ("more stories", "related-article teaser"),
        ("recommended", "related-article teaser"),
        ("most read", "related-article teaser"),
        ("most popular", "related-article teaser"),
        ("latest", "related-article teaser"),
        ("newsletter", "newsletter prompt"),
        ("subscribe", "newsletter prompt"),
        ("sign up", "newsletter prompt"),
        ("get our newsletter", "newsletter prompt"),
        ("about the author", "author bio"),
        ("about the authors", "author bio"),
        ("top image credit", "photo credit"),
        ("top photo credit", "photo credit"),
        ("comments", "comments section"),
        ("leave a comment", "comments section"),
        ("tags:", "tag list"),
        ("topics:", "tag list"),
        ("filed under", "tag list"),
    ];
    // Markers are short lines; a long paragraph that starts "Related to…" is prose.
    if n > 40 {
        return None;
    }
    for &(prefix, why) in STARTS {
        let long_ok = matches!(why, "newsletter prompt");
        // "tags:" needs no word break after it ("tags:Baku").
        let opens =
            starts_with_word(lower, prefix) || (prefix.ends_with(':') && lower.starts_with(prefix));
        if opens && (n <= 8 || long_ok) {
            return Some(why);
        }
    }
    if n <= 8 && (lower.contains("keep reading") || lower.contains("show less")) {
        return Some("\"keep reading\" link");
    }
    None
}

/// Author bios: "Jane Doe is a senior fellow at …", "__Jane Doe__ is the director …".
fn is_bio(line: &str) -> bool {
    const ROLES: &[&str] = &[
        "contributor",
        "fellow",
        "director",
        "researcher",
        "analyst",
        "journalist",
        "correspondent",
        "editor",
        "professor",
        "writer",
        "author",
        "columnist",
        "lecturer",
        "scholar",
        "student",
        "reporter",
        "expert",
        "associate",
        "candidate",
    ];
    // Cheap test first: a bio names its subject and then says "is", "was"
    // or "serves" within the first five words.
    // (Markdown emphasis marks are ignored, as below.)
    let unmarked = |t: &str| {
        t.chars()
            .filter(|c| !matches!(c, '*' | '_'))
            .collect::<String>()
    };
    let early_verb = line
        .split_whitespace()
        .filter(|t| t.chars().any(|c| !matches!(c, '*' | '_')))
        .take(5)
        .any(|t| t.len() <= 12 && matches!(unmarked(t).as_str(), "is" | "was" | "serves"));
    if !early_verb {
        return false;
    }
    let plain = line.replace(['*', '_'], "");
    let tokens: Vec<&str> = plain.split_whitespace().collect();
    let Some(verb) = tokens
        .iter()
        .take(5)
        .position(|t| matches!(*t, "is" | "was" | "serves"))
    else {
        return false;
    };
    let name_ok = (2..=4).contains(&verb)
        && tokens[..verb]
            .iter()
            .all(|t| t.chars().next().is_some_and(char::is_uppercase));
    let head: String = tokens
        .iter()
        .take(verb + 12)
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    name_ok && words(line) <= 120 && ROLES.iter().any(|r| head.contains(r))
}

/// Headings of the sections that follow an article, in the languages news
/// is most often read in here besides English (English ones are tail
/// markers above): related articles, comments, the author, contacts,
/// sources, prompts to share or rate. Only whole words of a short line:
/// "Kommentare" is a heading, a sentence that starts with it is not.
fn tail_section(lower: &str, n: usize) -> Option<&'static str> {
    const RELATED: &str = "related-article teaser";
    const COMMENTS: &str = "comments section";
    const AUTHOR: &str = "author bio";
    const CONTACT: &str = "contact box";
    const SOURCES: &str = "sources list";
    const PROMPT: &str = "share or rating prompt";
    const SECTIONS: &[(&str, &str)] = &[
        // German
        ("lesen sie auch", RELATED),
        ("lesen sie mehr", RELATED),
        ("auch lesen", RELATED),
        ("schon gelesen", RELATED),
        ("mehr zum thema", RELATED),
        ("mehr zu", RELATED),
        ("mehr aus", RELATED),
        ("mehr themen", RELATED),
        ("weitere themen", RELATED),
        ("beiträge zum thema", RELATED),
        ("weitere artikel", RELATED),
        ("weitere beiträge", RELATED),
        ("weitere nachrichten", RELATED),
        ("weitere meldungen", RELATED),
        ("ähnliche artikel", RELATED),
        ("ähnliche beiträge", RELATED),
        ("ähnliche nachrichten", RELATED),
        ("verwandte artikel", RELATED),
        ("empfohlene artikel", RELATED),
        ("empfohlene beiträge", RELATED),
        ("neueste artikel", RELATED),
        ("neueste beiträge", RELATED),
        ("aktuelle artikel", RELATED),
        ("meistgelesen", RELATED),
        ("meistgelesene artikel", RELATED),
        ("meistdiskutiert", RELATED),
        ("meistdiskutierte artikel", RELATED),
        ("das könnte sie auch interessieren", RELATED),
        ("das könnte dich auch interessieren", RELATED),
        ("auch interessant", RELATED),
        ("lust auf mehr", RELATED),
        ("zum weiterlesen", RELATED),
        ("weiterlesen", RELATED),
        ("weiterführende links", RELATED),
        ("weiterführende informationen", SOURCES),
        ("weitere informationen", SOURCES),
        ("weitere infos", SOURCES),
        ("quellen", SOURCES),
        ("quellenangaben", SOURCES),
        ("literatur", SOURCES),
        ("kontakt", CONTACT),
        ("pressekontakt", CONTACT),
        ("ansprechpartner", CONTACT),
        ("ansprechpartnerin", CONTACT),
        ("über den autor", AUTHOR),
        ("über die autorin", AUTHOR),
        ("über die autoren", AUTHOR),
        ("zur person", AUTHOR),
        ("kommentare", COMMENTS),
        ("kommentar schreiben", COMMENTS),
        ("kommentar verfassen", COMMENTS),
        ("kommentieren", COMMENTS),
        ("keine kommentare", COMMENTS),
        ("artikel teilen", PROMPT),
        ("beitrag teilen", PROMPT),
        ("seite teilen", PROMPT),
        ("artikel bewerten", PROMPT),
        ("war der artikel hilfreich", PROMPT),
        ("war der artikel nützlich", PROMPT),
        ("war dieser artikel hilfreich", PROMPT),
        // Spanish
        ("lee también", RELATED),
        ("lea también", RELATED),
        ("vea también", RELATED),
        ("mira también", RELATED),
        ("te puede interesar", RELATED),
        ("le puede interesar", RELATED),
        ("noticias relacionadas", RELATED),
        ("temas relacionados", RELATED),
        ("otras noticias", RELATED),
        ("más noticias", RELATED),
        ("más leídas", RELATED),
        ("lo más leído", RELATED),
        ("lo último", RELATED),
        ("comentarios", COMMENTS),
        ("sobre el autor", AUTHOR),
        ("fuentes", SOURCES),
        ("contacto", CONTACT),
        // French
        ("à lire aussi", RELATED),
        ("a lire aussi", RELATED),
        ("lire aussi", RELATED),
        ("sur le même sujet", RELATED),
        ("sur le même thème", RELATED),
        ("articles similaires", RELATED),
        ("voir aussi", RELATED),
        ("les plus lus", RELATED),
        ("commentaires", COMMENTS),
        ("à propos de l'auteur", AUTHOR),
        ("à propos de l’auteur", AUTHOR),
        // Italian
        ("leggi anche", RELATED),
        ("articoli correlati", RELATED),
        ("potrebbe interessarti", RELATED),
        ("ultime notizie", RELATED),
        ("commenti", COMMENTS),
        ("fonti", SOURCES),
        // Portuguese
        ("leia também", RELATED),
        ("veja também", RELATED),
        ("notícias relacionadas", RELATED),
        ("mais lidas", RELATED),
        ("comentários", COMMENTS),
        ("sobre o autor", AUTHOR),
        // Polish
        ("zobacz również", RELATED),
        ("zobacz też", RELATED),
        ("zobacz także", RELATED),
        ("czytaj także", RELATED),
        ("czytaj też", RELATED),
        ("czytaj również", RELATED),
        ("przeczytaj również", RELATED),
        ("przeczytaj też", RELATED),
        ("polecane", RELATED),
        ("komentarze", COMMENTS),
        // Dutch
        ("lees ook", RELATED),
        ("meer over", RELATED),
        ("gerelateerde artikelen", RELATED),
        ("reacties", COMMENTS),
        // English headings the markers above do not cover
        ("explore further", RELATED),
        ("see also", RELATED),
        ("further reading", SOURCES),
        ("sources", SOURCES),
        ("contact", CONTACT),
        ("contact us", CONTACT),
        ("media contact", CONTACT),
        ("press contact", CONTACT),
        ("was this article helpful", PROMPT),
        ("share this article", PROMPT),
    ];
    if n > 6 {
        return None;
    }
    SECTIONS
        .iter()
        .find_map(|&(prefix, why)| starts_with_word(lower, prefix).then_some(why))
}

/// Whether `line` starts with `prefix` as whole words: "kommentare" opens
/// "Kommentare (3)" but not "Kommentarer".
fn starts_with_word(line: &str, prefix: &str) -> bool {
    line.strip_prefix(prefix)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// Chrome that is never article text.
fn chrome(line: &str, lower: &str, n: usize) -> Option<&'static str> {
    const STARTS: &[(&str, &str)] = &[
        ("follow us", "social widget"),
        ("share this", "share widget"),
        ("share on", "share widget"),
        ("share:", "share widget"),
        ("advertisement", "advertisement"),
        ("sponsored", "advertisement"),
        ("photo:", "photo caption or credit"),
        ("image:", "photo caption or credit"),
        ("photo credit", "photo caption or credit"),
        ("image credit", "photo caption or credit"),
        ("credit:", "photo caption or credit"),
        ("copyright", "copyright notice"),
        ("©", "copyright notice"),
        ("all rights reserved", "copyright notice"),
        ("skip to content", "navigation"),
        ("cookie", "cookie notice"),
    ];
    if n <= 12 {
        for &(prefix, why) in STARTS {
            if lower.starts_with(prefix) {
                return Some(why);
            }
        }
    }
    // Advertising labels and disclosures ("Anzeige", "*Werbung. Dieser
    // Beitrag enthält Werbung für …", "Publicidad").
    if n <= 15 {
        const ADS: &[&str] = &[
            "anzeige",
            "werbung",
            "enthält werbung",
            "publicidad",
            "publicité",
            "pubblicità",
            "reklama",
            "advertorial",
            "paid content",
            "this post contains affiliate",
            "this post contains references to products",
        ];
        let bare = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
        if ADS.iter().any(|a| starts_with_word(bare, a)) {
            return Some("advertisement");
        }
    }
    // Reading time: "5 min read", "Lesezeit: 3 Minuten", "11 minut czytania".
    if n <= 5 && lower.contains(|c: char| c.is_ascii_digit()) {
        const READING: &[&str] = &[
            "read",
            "lesezeit",
            "lesedauer",
            "czytania",
            "lectura",
            "lecture",
            "lettura",
            "leestijd",
        ];
        if lower.contains("min") && READING.iter().any(|r| lower.contains(r)) {
            return Some("reading time");
        }
    }
    // Captions and credits in the languages above.
    const CAPTION_STARTS: &[&str] = &[
        "foto:",
        "fotos:",
        "foto ©",
        "bild:",
        "bilder:",
        "bildquelle",
        "titelbild",
        "beitragsbild",
        "symbolbild",
        "abbildung",
        "abb.",
        "crédit photo",
        "crédits photo",
        "crédit :",
        "fuente:",
        "źródło:",
        "fot.",
        "zdjęcie:",
        "foto di",
        "immagine:",
        "photograph by",
    ];
    if n <= 15 && CAPTION_STARTS.iter().any(|m| lower.starts_with(m)) {
        return Some("photo caption or credit");
    }
    const CAPTION_MARKS: &[&str] = &[
        "(foto:",
        "(foto ",
        "(bild:",
        "(fotos:",
        "photo:",
        "(photo:",
        "(photo by",
        "(photo credit",
        "(photo courtesy",
        "(file photo",
        "photo by ",
        "photograph:",
        "image:",
        "via afp",
        "via reuters",
        "getty images",
        "ap photo",
        "/ afp",
        "/ reuters",
        "(c) ",
        "© ",
        "all rights reserved",
    ];
    if n <= LOWER_CASED_WORDS && CAPTION_MARKS.iter().any(|m| lower.contains(m)) {
        return Some("photo caption or credit");
    }
    // Markup left in the text: a line that is only a tag (`<excerpt/>`).
    if line.starts_with('<') && line.ends_with('>') && !line[1..line.len() - 1].contains(['<', '>'])
    {
        return Some("markup");
    }
    // An image file name left by a scraper: one token joined by - or _.
    if !line.contains(char::is_whitespace) && (line.contains('-') || line.contains('_')) {
        return Some("image file name");
    }
    const IMAGE_EXTENSIONS: &[&str] = &[".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"];
    if n <= 3 && IMAGE_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return Some("image file name");
    }
    // Widgets: lines made mostly of symbols and numbers ("+ ↺ − 16 px").
    // (Only short lines qualify, so long paragraphs are not scanned.)
    // Quotation marks, dashes and sentence marks are not widget symbols: a
    // short line of dialogue ("– „Ok.“") is text.
    if n <= 6 {
        let visible = line
            .chars()
            .filter(|c| !c.is_whitespace() && !"\"'„“”‚‘’«»‹›–—-.,…!?;:()".contains(*c));
        let (all, letters) = visible.fold((0, 0), |(all, letters), c| {
            (all + 1, letters + usize::from(c.is_alphabetic()))
        });
        if all > 0 && letters * 2 < all {
            return Some("widget");
        }
    }
    if n > 16 || !line.contains(['|', '·', '•']) {
        return None;
    }
    // Section labels and menus: "Analysis | Asia-Pacific", "Home | World | Opinion",
    // "By Jane Roe · May 5, 2024 · 6 min read": short items between separators.
    let parts: Vec<String> = line
        .split(['|', '·', '•'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 && parts.iter().all(|p| words(p) <= 4) {
        return Some("section label or menu");
    }
    None
}

/// Bylines, names and dates standing alone.
fn label(line: &str, lower: &str, n: usize) -> Option<&'static str> {
    if n <= 8 && (lower.starts_with("by ") || lower.starts_with("written by ")) {
        return Some("byline");
    }
    if n <= 7 && looks_like_date(lower) {
        return Some("date line");
    }
    // When the piece was published or filed, in the languages above.
    const META: &[&str] = &[
        "published",
        "posted on",
        "updated",
        "last updated",
        "release date",
        "category:",
        "categories:",
        "veröffentlicht",
        "aktualisiert",
        "zuletzt aktualisiert",
        "erstellt am",
        "stand:",
        "kategorie:",
        "kategorien:",
        "rubrik:",
        "themen:",
        "thema:",
        "schlagworte:",
        "schlagwörter:",
        "stichworte:",
        "publié le",
        "mis à jour",
        "catégorie:",
        "catégorie :",
        "mots-clés",
        "publicado",
        "actualizado",
        "categoría:",
        "etiquetas:",
        "temas:",
        "pubblicato",
        "aggiornato",
        "ultima modifica",
        "categoria:",
        "opublikowano",
        "publikacja",
        "aktualizacja",
        "kategoria:",
        "tagi:",
    ];
    if n <= 10 && META.iter().any(|m| lower.starts_with(m)) {
        return Some("date or category line");
    }
    // A lone name: two capitalised words, or three with an initial ("Jane Q. Roe").
    // Longer capitalised lines are more often headline-case titles.
    if n == 2 || n == 3 {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let capitalised = tokens.iter().all(|t| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric());
            t.is_empty() || t.chars().next().is_some_and(char::is_uppercase)
        });
        let has_initial = tokens.iter().any(|t| t.len() == 2 && t.ends_with('.'));
        let name_length = n == 2 || has_initial;
        if name_length && capitalised && !ends_sentence(line) && !line.contains(['’', '\'', ':'])
        {
            return Some("byline or name");
        }
    }
    if n <= 6 {
        let mut letters = line.chars().filter(|c| c.is_alphabetic()).peekable();
        let (mut count, mut all_upper) = (0, letters.peek().is_some());
        for c in letters {
            count += 1;
            all_upper &= c.is_uppercase();
        }
        if count >= 4 && all_upper {
            return Some("section label");
        }
    }
    None
}

fn looks_like_date(lower: &str) -> bool {
    // Month stems: English, then German, French, Spanish, Italian,
    // Portuguese and Polish ones that differ.
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "jän",
        "mär", "mai", "okt", "dez", "janv", "févr", "avr", "juil", "août", "déc", "ene", "abr",
        "ago", "dic", "gen", "giu", "lug", "ott", "fev", "set", "out", "sty", "lut", "kwi", "cze",
        "lip", "sie", "wrz", "paź", "lis", "gru",
    ];
    let has_year = lower
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)));
    let iso = lower.split_whitespace().any(is_iso_date);
    // 05.02.2020, 5/2/2020
    let numeric = lower.split_whitespace().any(|t| {
        let parts: Vec<&str> = t
            .trim_end_matches([',', '.'])
            .split(['.', '/', '-'])
            .collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && parts[0].len() <= 2
            && parts[1].len() <= 2
            && matches!(parts[2].len(), 2 | 4)
    });
    has_year && (has_month || iso || numeric)
}

fn is_iso_date(token: &str) -> bool {
    let b = token.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

/// Length of a scraper's date stamp at the start of a line: `date 2025-10-21`.
fn date_stamp_len(line: &str) -> Option<usize> {
    let rest = line.strip_prefix("date ")?;
    let token = rest.split_whitespace().next()?;
    is_iso_date(token).then(|| "date ".len() + (rest.len() - rest.trim_start().len()) + token.len())
}

/// A title, standfirst or kicker: several words, not shouting, not a sentence
/// fragment of the page furniture.
fn reads_as_title(line: &str) -> bool {
    let n = words(line);
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    n >= 3 && line.chars().count() <= 250 && upper * 10 < letters.len() * 7
}

/// Whether a final line stops mid-sentence.
fn is_truncated(line: &str) -> bool {
    words(line) >= 6 && !ends_sentence(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> String {
        let p = propose_body(text, 0..text.len());
        p.ranges
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join("|")
    }

    const PARA: &str = "The talks in the capital went on late into the night, and both delegations said they were close to a deal.";

    #[test]
    fn clean_text_is_kept_whole() {
        let text = format!("A Title for the Piece\n\n{PARA}\n\n{PARA}\n");
        assert_eq!(kept(&text), text.trim_end());
    }

    #[test]
    fn leading_chrome_is_dropped_and_title_kept() {
        let text = format!(
            "Follow us on Telegram\n\nbaku-skyline-scaled\n\nA Title for the Piece\n\nAnalysis | Caucasus\n\n{PARA}\n"
        );
        assert_eq!(kept(&text), format!("A Title for the Piece|{PARA}"));
    }

    #[test]
    fn tail_sections_in_other_languages_end_a_page_unless_running_text_follows() {
        let structured = |text: &str| {
            let p = propose_structured_body(text, 0..text.len());
            p.ranges
                .iter()
                .map(|r| &text[r.clone()])
                .collect::<Vec<_>>()
                .join("|")
        };
        for heading in [
            "Weitere Informationen",
            "Über den Autor",
            "Kontakt:",
            "Zobacz również",
            "Temas relacionados",
        ] {
            let text = format!("{PARA}\n\n{heading}\n\nShort teaser one\n\nShort teaser two\n");
            assert_eq!(structured(&text), PARA, "{heading}");
            // With running text after it, the heading is a box inside the
            // article: the article goes on; in plain text too, where only
            // the heading goes.
            let text = format!("{PARA}\n\n{heading}\n\n{PARA}\n");
            assert_eq!(structured(&text), format!("{PARA}|{PARA}"), "{heading}");
            assert_eq!(kept(&text), format!("{PARA}|{PARA}"), "{heading}");
        }
        // Words joined by hyphens are text in a page's markup, not the
        // image file names a scraper leaves in plain text.
        let text = format!("{PARA}\n\ngsoc-2018\n\n{PARA}\n");
        assert_eq!(structured(&text), format!("{PARA}\n\ngsoc-2018\n\n{PARA}"));
        assert_eq!(kept(&text), format!("{PARA}|{PARA}"));
        // Advertising labels and reading times.
        for chrome in [
            "*Werbung. Dieser Beitrag enthält Werbung für X.",
            "Anzeige",
            "5 min read",
            "Lesezeit: 3 Minuten",
        ] {
            let text = format!("{PARA}\n\n{chrome}\n\n{PARA}\n");
            assert_eq!(structured(&text), format!("{PARA}|{PARA}"), "{chrome}");
        }
        // "Anzeigen" (ads, or shows) starting a sentence is text.
        let text = format!("{PARA}\n\nAnzeigenkunden bleiben aus.\n\n{PARA}\n");
        assert_eq!(structured(&text), text.trim_end());
        // A sentence that starts with such words is text.
        let text =
            format!("{PARA}\n\nKontakt zu den Behörden gab es bis zum Abend nicht, sagte er.\n");
        assert_eq!(kept(&text), text.trim_end());
    }

    #[test]
    fn dates_categories_and_captions_in_other_languages_are_not_body() {
        let text = format!(
            "Kategorie: Politik\n\nVeröffentlicht am 5. Mai 2021\n\n05.02.2020\n\n{PARA}\n\n\
             Foto: Jana Roe\n\n{PARA}\n\nAktualisiert: 6. Mai 2021\n"
        );
        assert_eq!(kept(&text), format!("{PARA}|{PARA}"));
        // A dialogue line is not a widget.
        let text = format!("{PARA}\n\n– „Ok.“\n\n{PARA}\n");
        assert_eq!(kept(&text), text.trim_end());
    }

    #[test]
    fn teasers_newsletters_and_bios_end_the_article() {
        let text = format!(
            "{PARA}\n\nJane Roe is a senior fellow at the Institute for Caspian Studies.\n\n{PARA}\n\nkeep readingShow less\n"
        );
        assert_eq!(kept(&text), PARA);
        let text = format!(
            "{PARA}\n\nNewsletter\n\nSubscribe now to our weekly round-up of analysis and opinion.\n"
        );
        assert_eq!(kept(&text), PARA);
    }

    #[test]
    fn date_stamp_prefix_is_cut_at_character_level() {
        let text = format!(" date 2023-06-20 {PARA}");
        let p = propose_body(&text, 0..text.len());
        assert_eq!(&text[p.ranges[0].clone()], PARA);
        assert_eq!(p.dropped[0].reason, "date stamp");
    }

    #[test]
    fn captions_inside_the_article_are_dropped() {
        let text = format!("{PARA}\nTroops at the border. Photo: Jane Roe / AFP\n{PARA}\n");
        assert_eq!(kept(&text), format!("{PARA}|{PARA}"));
    }

    #[test]
    fn a_truncated_last_line_is_dropped() {
        let text =
            format!("{PARA}\nThe minister added that the corridor would open before the end of");
        assert_eq!(kept(&text), PARA);
    }

    #[test]
    fn subheadings_in_the_middle_are_kept() {
        let text = format!("{PARA}\nEnergy Routes\n{PARA}\n");
        assert_eq!(kept(&text), text.trim_end());
    }
}
