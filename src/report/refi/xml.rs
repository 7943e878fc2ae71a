//! A small element tree read with quick-xml, for the REFI-QDA importers:
//! local names only (namespaces are ignored, so the 1.0 and the older 0.4
//! namespaces read alike), attribute values normalised, text unescaped, and
//! every syntax error given as line and column.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::file_error::FileError;

/// One element: its local name, attributes, child elements and text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Element {
    /// The local name (`TextSource`, without any prefix).
    pub name: String,
    /// (local name, value) in document order.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    /// The element's own text (CDATA included), its children's left out.
    pub text: String,
    /// Byte offset of the start tag in the file.
    pub offset: usize,
}

impl Element {
    /// The value of the attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The child elements called `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the child `name`, else the (non-standard) attribute of
    /// the same name with a lower-case first letter (`description="…"`).
    pub fn child_text(&self, name: &str) -> Option<String> {
        if let Some(child) = self.child(name) {
            return Some(child.text.clone());
        }
        let mut lower = name.to_string();
        if let Some(first) = lower.get_mut(0..1) {
            first.make_ascii_lowercase();
        }
        self.attr(&lower).map(str::to_string)
    }
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// A syntax error at byte `offset` of `text`, naming `file`.
pub(crate) fn syntax_error(file: &str, text: &str, offset: usize, message: String) -> FileError {
    let (line, column) = line_column(text, offset);
    FileError::Syntax {
        path: file.to_string(),
        line,
        column,
        message,
    }
}

/// The text of an XML file: UTF-8 with or without a BOM (what the standard
/// asks for), UTF-16 (with a BOM, or starting `<` and a zero byte), or the
/// encoding the XML declaration names (`encoding="windows-1252"`). Bytes
/// that are none of these give the line and column of the first bad byte.
pub(crate) fn xml_text<'a>(bytes: &'a [u8], file: &str) -> Result<Cow<'a, str>, FileError> {
    let utf16 = match (bytes, Encoding::for_bom(bytes)) {
        (_, Some((encoding, bom))) if encoding != UTF_8 => Some((encoding, bom)),
        ([b'<', 0, ..], _) => Some((UTF_16LE, 0)),
        ([0, b'<', ..], _) => Some((UTF_16BE, 0)),
        _ => None,
    };
    if let Some((encoding, bom)) = utf16 {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !malformed {
            return Ok(text);
        }
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).map(Cow::Borrowed).or_else(|e| {
        let declared = declared_encoding(bytes)
            .and_then(|label| Encoding::for_label(label.as_bytes()))
            .filter(|&encoding| encoding != UTF_8);
        if let Some(encoding) = declared {
            let (text, malformed) = encoding.decode_without_bom_handling(bytes);
            if !malformed {
                return Ok(Cow::Owned(text.into_owned()));
            }
        }
        let good = &bytes[..e.valid_up_to()];
        // `good` is valid UTF-8 up to the error, by definition.
        let text = std::str::from_utf8(good).unwrap_or_default();
        Err(syntax_error(
            file,
            text,
            text.len(),
            "not UTF-8 text (REFI-QDA files are UTF-8), and not in an encoding its XML declaration names".to_string(),
        ))
    })
}

/// The `encoding` of an XML declaration at the start of `bytes`.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(200)];
    let head: String = head
        .iter()
        .take_while(|&&b| b != b'>')
        .map(|&b| b as char)
        .collect();
    let rest = head.strip_prefix("<?xml")?;
    let at = rest.find("encoding")?;
    let value = rest[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &value[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Parses `text` into its root element. `file` names the file in errors.
pub(crate) fn parse(text: &str, file: &str) -> Result<Element, FileError> {
    let mut reader = Reader::from_str(text);
    let error = |offset: u64, message: String| {
        syntax_error(
            file,
            text,
            usize::try_from(offset).unwrap_or(usize::MAX),
            message,
        )
    };
    // Open elements; the root is the first one closed with nothing above it.
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| error(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(start) => stack.push(element(&start, before, text, file)?),
            Event::Empty(start) => {
                let done = element(&start, before, text, file)?;
                close(&mut stack, &mut root, done);
            }
            Event::End(_) => {
                if let Some(done) = stack.pop() {
                    close(&mut stack, &mut root, done);
                }
            }
            Event::Text(t) => {
                let content = t
                    .xml_content(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| error(before, e.to_string()))?;
                push_text(&mut stack, &content);
            }
            Event::CData(c) => {
                let content = c.decode().map_err(|e| error(before, e.to_string()))?;
                push_text(&mut stack, &content);
            }
            Event::GeneralRef(r) => {
                let resolved = reference(&r).ok_or_else(|| {
                    error(
                        before,
                        format!("unknown entity `&{};`", String::from_utf8_lossy(&r)),
                    )
                })?;
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.first() {
        return Err(error(
            text.len() as u64,
            format!("the file ends inside `<{}>`", open.name),
        ));
    }
    root.ok_or_else(|| error(0, "no XML element in the file".to_string()))
}

/// Hands a finished element to its parent, or makes it the root.
fn close(stack: &mut [Element], root: &mut Option<Element>, done: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(done),
        None => {
            if root.is_none() {
                *root = Some(done);
            }
        }
    }
}

fn push_text(stack: &mut [Element], content: &str) {
    if let Some(open) = stack.last_mut() {
        open.text.push_str(content);
    }
}

/// The text of a character or entity reference (`&#x1F600;`, `&amp;`).
fn reference(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    let name = r.decode().ok()?;
    resolve_xml_entity(&name).map(str::to_string)
}

/// Reads a start tag's name and attributes.
fn element(start: &BytesStart, offset: u64, text: &str, file: &str) -> Result<Element, FileError> {
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let bad = |message: String| syntax_error(file, text, offset, message);
    let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| bad(format!("in `<{name}>`: {e}")))?;
        let key = String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned();
        if attr.key.as_ref().starts_with(b"xmlns") {
            continue;
        }
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| bad(format!("in `<{name}>`, attribute `{key}`: {e}")))?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        offset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_with_prefixes_entities_and_cdata_reads_back() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<q:Project xmlns:q=\"urn:x\" name=\"a &amp; b\">\
            <q:Note>x &lt; y&#x1F600;<![CDATA[<raw>]]></q:Note><Empty/></q:Project>";
        let root = parse(xml, "f").unwrap();
        assert_eq!(root.name, "Project");
        assert_eq!(root.attr("name"), Some("a & b"));
        assert_eq!(root.attrs.len(), 1);
        assert_eq!(root.children.len(), 2);
        assert_eq!(root.children[0].text, "x < y😀<raw>");
        assert_eq!(root.children[1].name, "Empty");
    }

    #[test]
    fn errors_give_line_and_column() {
        let cases: &[(&str, &str)] = &[
            ("<a>\n  <b></c>\n</a>", "f:2:6:"),
            ("<a>\n<b x=\"1\" x=\"2\"/></a>", "f:2:1:"),
            ("<a>\n  <b>", "f:2:6:"),
            ("<a>&nope;</a>", "f:1:4:"),
            ("", "f:1:1:"),
        ];
        for (xml, start) in cases {
            let err = parse(xml, "f").unwrap_err().to_string();
            assert!(err.starts_with(start), "{xml:?}: {err}");
        }
    }

    #[test]
    fn utf16_and_declared_encodings_are_read() {
        let xml = "<?xml version=\"1.0\" encoding=\"utf-16\"?><CodeBook name=\"Türkiye\"/>";
        let le: Vec<u8> = xml.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = xml.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [&b"\xff\xfe"[..], &le].concat(),
            [&b"\xfe\xff"[..], &be].concat(),
            le.clone(),
        ] {
            let text = xml_text(&bytes, "f").unwrap();
            assert_eq!(parse(&text, "f").unwrap().attr("name"), Some("Türkiye"));
        }
        let latin = b"<?xml version='1.0' encoding='ISO-8859-1'?><a n=\"T\xfcrkiye\"/>";
        let text = xml_text(latin, "f").unwrap();
        assert_eq!(parse(&text, "f").unwrap().attr("n"), Some("Türkiye"));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        let err = xml_text(b"<a>\n  \xff</a>", "f").unwrap_err().to_string();
        assert!(err.starts_with("f:2:3:"), "{err}");
    }

    #[test]
    fn line_and_column_count_characters() {
        assert_eq!(line_column("ab\nçd", 5), (2, 2));
        assert_eq!(line_column("ab", 0), (1, 1));
    }
}
