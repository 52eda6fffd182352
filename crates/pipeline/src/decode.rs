//! Bytes → text: BOM, declared charset (HTTP header or `<meta charset>`), UTF-8, and detection
//! as the last resort. Binary content is refused.

use encoding_rs::Encoding;

use crate::StageError;

/// Decoded text and, when decoding was not plain UTF-8, a note for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Is this binary content rather than text? (NUL bytes or many control characters in the
/// first 8 KiB.)
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && controls * 10 > head.len()
}

/// The charset named in a `Content-Type` value (`text/html; charset=windows-1252`).
pub fn charset_from_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + 8..]
        .trim_start_matches(['"', '\''])
        .split([';', '"', '\'', ' '])
        .next()?;
    Encoding::for_label(value.as_bytes())
}

/// The charset declared in the first 4 KiB of an HTML document (`<meta charset>` or
/// `http-equiv` content).
pub fn charset_from_html(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = head[from..].find("charset") {
        let rest = head[from + pos + 7..].trim_start();
        if let Some(rest) = rest.strip_prefix('=') {
            let value = rest
                .trim_start()
                .trim_start_matches(['"', '\''])
                .split(['"', '\'', ';', ' ', '/', '>'])
                .next()
                .unwrap_or("");
            if let Some(enc) = Encoding::for_label(value.as_bytes()) {
                return Some(enc);
            }
        }
        from += pos + 7;
    }
    None
}

/// Decode bytes to text. `declared` is a charset from outside the content (HTTP header);
/// `html` says whether to look for a `<meta charset>`.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Result<Decoded, StageError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded {
            text: text.into_owned(),
            warning: had_errors
                .then(|| format!("invalid {} bytes replaced with U+FFFD", enc.name())),
        });
    }
    if looks_binary(bytes) {
        return Err(StageError::Binary);
    }
    let declared = declared
        .and_then(charset_from_content_type)
        .or_else(|| html.then(|| charset_from_html(bytes)).flatten());
    if let Some(enc) = declared
        && enc != encoding_rs::UTF_8
    {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            warning: had_errors
                .then(|| format!("invalid {} bytes replaced with U+FFFD", enc.name())),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            warning: None,
        }),
        Err(_) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let enc = detector.guess(None, true);
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let mut warning = format!("not valid UTF-8; decoded as {} (detected)", enc.name());
            if had_errors {
                warning.push_str(", invalid bytes replaced with U+FFFD");
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
    fn utf8_passes_through() {
        let d = decode("Türkiye – Doha".as_bytes(), None, false).unwrap();
        assert_eq!(d.text, "Türkiye – Doha");
        assert!(d.warning.is_none());
    }

    #[test]
    fn windows_1252_is_detected_not_mojibake() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Le ministre a déclaré à la presse que la coopération économique était “essentielle”.",
        );
        let d = decode(&bytes, None, false).unwrap();
        assert!(d.text.contains("déclaré"), "{}", d.text);
        assert!(d.text.contains("“essentielle”"), "{}", d.text);
        assert!(d.warning.unwrap().contains("detected"));
    }

    #[test]
    fn declared_charsets_win() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        let d = decode(&bytes, Some("text/plain; charset=windows-1252"), false).unwrap();
        assert_eq!(d.text, "café");
        let mut html = b"<html><head><meta charset=\"iso-8859-1\"></head><body>".to_vec();
        html.extend_from_slice(&bytes);
        let d = decode(&html, None, true).unwrap();
        assert!(d.text.contains("café"));
    }

    #[test]
    fn boms_and_binary() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "hello".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16, None, false).unwrap().text, "hello");
        assert_eq!(
            decode(&[0x7f, b'E', b'L', b'F', 0, 0, 1], None, false),
            Err(StageError::Binary)
        );
    }
}
