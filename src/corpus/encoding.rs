//! Turning file bytes into text: BOMs, UTF-8, UTF-16 and legacy encodings.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with what was learnt about its encoding.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// A warning when the file was not UTF-8 (e.g. "decoded as windows-1252").
    pub warning: Option<String>,
}

/// Why bytes are not article text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Empty => f.write_str("empty file"),
            NotText::Binary => f.write_str("binary file (NUL byte in the first 8 KiB)"),
        }
    }
}

/// How much of a file is inspected for NUL bytes.
const BINARY_SNIFF: usize = 8 * 1024;

/// How many bytes at the start of a file are searched for a declared
/// encoding (the HTML standard's prescan looks at the first 1024).
const PRESCAN: usize = 1024;

/// Decodes file bytes the way browsers do:
/// 1. a BOM decides (UTF-8, UTF-16LE/BE);
/// 2. else an encoding the file declares in its first 1024 bytes
///    (`<meta charset>`, `<meta http-equiv="Content-Type" content="…;
///    charset=…">`, the XML declaration's `encoding`);
/// 3. else valid UTF-8 is UTF-8, and nearly valid UTF-8 (a few bad bytes
///    among many good multi-byte characters) is UTF-8 too, with U+FFFD for
///    the bad bytes and a warning giving their count;
/// 4. else the legacy encoding is detected (chardetng) and reported.
///
/// A NUL byte in the first 8 KiB (after BOM detection) marks a binary file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if text.trim().is_empty() {
            return Err(NotText::Empty);
        }
        let warning = if encoding == UTF_16LE || encoding == UTF_16BE {
            Some(format!("decoded as {} (byte-order mark)", encoding.name()))
        } else {
            None
        };
        let warning = match (warning, had_errors) {
            (w, false) => w,
            (_, true) => Some(format!(
                "invalid {} sequences replaced with U+FFFD",
                encoding.name()
            )),
        };
        if text.contains('\0') {
            return Err(NotText::Binary);
        }
        return Ok(Decoded {
            text: text.into_owned(),
            warning,
        });
    }
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(NotText::Binary);
    }
    let decoded = if let Some(declared) = declared_encoding(bytes) {
        if declared == UTF_8 {
            lossy_utf8(bytes, "declared UTF-8")
        } else if let Ok(text) = std::str::from_utf8(bytes)
            && !text.is_ascii()
        {
            // Valid UTF-8 with non-ASCII letters is next to impossible in a
            // legacy encoding: the declaration is stale (a page saved as UTF-8
            // that kept its old meta tag).
            Decoded {
                text: text.to_string(),
                warning: Some(format!(
                    "declared {} but is valid UTF-8; read as UTF-8",
                    declared.name()
                )),
            }
        } else {
            let (text, had_errors) = declared.decode_without_bom_handling(bytes);
            let warning = if had_errors {
                format!(
                    "decoded as {} (declared), invalid sequences replaced with U+FFFD",
                    declared.name()
                )
            } else {
                format!("decoded as {} (declared in the file)", declared.name())
            };
            Decoded {
                text: text.into_owned(),
                warning: Some(warning),
            }
        }
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        Decoded {
            text: text.to_string(),
            warning: None,
        }
    } else if nearly_utf8(bytes) {
        lossy_utf8(bytes, "nearly valid UTF-8")
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let encoding = detector.guess(None, true);
        // chardetng may guess UTF-8 for nearly-valid UTF-8; decode lossily then.
        let (text, _, had_errors) = encoding.decode(bytes);
        let warning = if encoding == UTF_8 || had_errors {
            format!(
                "not valid UTF-8; decoded as {} with replacement characters",
                encoding.name()
            )
        } else {
            format!("not UTF-8; decoded as {}", encoding.name())
        };
        Decoded {
            text: text.into_owned(),
            warning: Some(warning),
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(decoded)
}

/// UTF-8 with U+FFFD for each bad sequence, and a warning counting them
/// (none when there are none).
fn lossy_utf8(bytes: &[u8], why: &str) -> Decoded {
    let bad = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    let warning = (bad > 0).then(|| {
        format!(
            "{why}: {bad} invalid byte sequence{} replaced with U+FFFD",
            if bad == 1 { "" } else { "s" }
        )
    });
    Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        warning,
    }
}

/// Whether bytes that are not valid UTF-8 are nonetheless UTF-8 with a few
/// bad bytes: at least eight valid multi-byte characters for each bad
/// sequence. Legacy single-byte text has almost no valid multi-byte
/// sequences, so it never passes.
fn nearly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    multibyte >= 8 * bad
}

/// The encoding a file declares in its first [`PRESCAN`] bytes: an HTML
/// `<meta charset=…>` or `http-equiv` content type, or an XML declaration's
/// `encoding=…`. Labels are read as the Encoding Standard defines them
/// (`latin1` is windows-1252, `utf8` is UTF-8).
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let head: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let label_after = |from: usize, key: &str| -> Option<&'static Encoding> {
        let at = from + head[from..].find(key)? + key.len();
        let rest = head[at..].trim_start();
        let rest = rest.strip_prefix('=')?.trim_start();
        let rest = rest.trim_start_matches(['"', '\'']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
            .unwrap_or(rest.len());
        Encoding::for_label(&rest.as_bytes()[..end])
    };
    if head.trim_start().starts_with("<?xml") {
        let end = head.find("?>").unwrap_or(head.len());
        if head[..end].contains("encoding")
            && let Some(e) = label_after(0, "encoding")
        {
            return Some(e);
        }
    }
    let mut from = 0;
    while let Some(i) = head[from..].find("<meta") {
        let start = from + i;
        let end = head[start..].find('>').map_or(head.len(), |e| start + e);
        let tag = &head[start..end];
        if let Some(c) = tag.find("charset") {
            // `charset=` itself, or inside `content="text/html; charset=…"`.
            if let Some(e) = label_after(start + c, "charset") {
                return Some(e);
            }
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Türkiye".as_bytes()).unwrap().text, "Türkiye");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Türkiye".as_bytes());
        let d = decode(&bom).unwrap();
        assert_eq!(d.text, "Türkiye");
        assert!(d.warning.is_none());
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Erdoğan".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().text, "Erdoğan");
        let mut be = vec![0xFE, 0xFF];
        for u in "Erdoğan".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Erdoğan");
    }

    #[test]
    fn windows_1252_is_detected_and_reported() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Les relations franco-turques “se réchauffent” à Bakou, déclare le ministre.");
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("“se réchauffent”"), "{}", d.text);
        assert!(d.warning.unwrap().contains("windows-1252"));
    }

    #[test]
    fn an_encoding_declared_in_the_page_is_used() {
        let (body, _, _) =
            encoding_rs::WINDOWS_1251.encode("<p>Москва и Тегеран теряют влияние.</p>");
        for head in [
            "<html><head><meta charset=\"windows-1251\">",
            "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=cp1251\">",
            "<?xml version=\"1.0\" encoding='windows-1251'?><html>",
        ] {
            let mut bytes = head.as_bytes().to_vec();
            bytes.extend_from_slice(&body);
            let d = decode(&bytes).unwrap();
            assert!(d.text.contains("Москва и Тегеран"), "{head}: {}", d.text);
            assert!(d.warning.unwrap().contains("windows-1251"), "{head}");
        }
        assert_eq!(declared_encoding(b"<meta charset=utf8>"), Some(UTF_8));
        // A stale declaration on a page saved as UTF-8 loses to the bytes.
        let d = decode("<meta charset=\"iso-8859-1\"><p>Bakı və Tehran</p>".as_bytes()).unwrap();
        assert!(d.text.contains("Bakı və Tehran"), "{}", d.text);
        assert!(d.warning.unwrap().contains("but is valid UTF-8"));
        assert_eq!(declared_encoding(b"<p>charset=latin1</p>"), None);
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8_and_counts_them() {
        let good = "Azərbaycan, Türkiye və Gürcüstan: “Orta Dəhliz” böyüyür. ".repeat(4);
        let mut bytes = good.as_bytes().to_vec();
        // Three stray bytes, as a badly pasted quote would leave.
        bytes.extend_from_slice(b"Bak\xfd \x93x\x94 ");
        bytes.extend_from_slice(good.as_bytes());
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("Azərbaycan"), "{}", d.text);
        assert_eq!(d.text.matches('\u{FFFD}').count(), 3);
        let warning = d.warning.unwrap();
        assert!(warning.contains("3 invalid byte sequences"), "{warning}");
        // Declared UTF-8 with bad bytes: the same.
        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend_from_slice(b"Tehran \xe9 ");
        let d = decode(&page).unwrap();
        assert!(d.text.contains("Tehran \u{FFFD}"), "{}", d.text);
        assert!(d.warning.unwrap().contains("declared UTF-8: 1 invalid"));
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), NotText::Binary);
    }
}
