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

/// Decodes file bytes: a BOM decides (UTF-8, UTF-16LE/BE); otherwise valid
/// UTF-8 is UTF-8; otherwise the legacy encoding is detected (chardetng) and
/// reported as a warning. A NUL byte in the first 8 KiB (after BOM detection)
/// marks a binary file.
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
    match std::str::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => Err(NotText::Empty),
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            warning: None,
        }),
        Err(_) => {
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
            if text.trim().is_empty() {
                return Err(NotText::Empty);
            }
            Ok(Decoded {
                text: text.into_owned(),
                warning: Some(warning),
            })
        }
    }
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
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"PK\x03\x04\x00\x00").unwrap_err(), NotText::Binary);
    }
}
