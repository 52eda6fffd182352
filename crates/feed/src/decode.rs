//! Bytes to text: the character encoding of a feed.
//!
//! Order of evidence: a byte-order mark; the `charset` of the HTTP `Content-Type`; the
//! `encoding` of the XML declaration (or `<meta charset>` for HTML served as a feed); UTF-16/32
//! recognised from the first bytes; else UTF-8. When the chosen encoding does not fit the bytes
//! (a feed that says UTF-8 but is windows-1252), the bytes are re-read as UTF-8 if they are valid
//! UTF-8, else as windows-1252 (detected by chardetng), and a warning says so.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Text decoded from a feed's bytes.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Lower-case label of the encoding used (`utf-8`, `windows-1252`, `utf-32le`…).
    pub encoding: String,
    pub warnings: Vec<String>,
}

/// The `charset` parameter of a Content-Type header value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case("charset") {
            let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim();
            (!v.is_empty()).then(|| v.to_ascii_lowercase())
        } else {
            None
        }
    })
}

/// The encoding named in an XML declaration at the start of `head` (ASCII-compatible bytes).
fn declared_encoding(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(1024)];
    let s = String::from_utf8_lossy(head);
    let decl_end = s.find("?>")?;
    let decl = &s[..decl_end];
    if !decl.trim_start().starts_with("<?xml") {
        return None;
    }
    let i = decl.find("encoding")?;
    let rest = decl[i + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let end = rest[1..].find(q)?;
    Some(rest[1..1 + end].trim().to_ascii_lowercase())
}

/// `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in an HTML page.
fn meta_charset(head: &[u8]) -> Option<String> {
    let head = &head[..head.len().min(4096)];
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    let i = s.find("charset=")?;
    let rest = s[i + 8..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let cs = &rest[..end];
    (!cs.is_empty() && s[..i].contains("<meta")).then(|| cs.to_string())
}

#[derive(Clone, Copy, PartialEq)]
enum Utf32 {
    Le,
    Be,
}

fn decode_utf32(bytes: &[u8], order: Utf32) -> String {
    bytes
        .chunks(4)
        .map(|c| {
            if c.len() < 4 {
                return '\u{fffd}';
            }
            let v = match order {
                Utf32::Le => u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                Utf32::Be => u32::from_be_bytes([c[0], c[1], c[2], c[3]]),
            };
            char::from_u32(v).unwrap_or('\u{fffd}')
        })
        .collect()
}

fn lookup(label: &str) -> Option<&'static Encoding> {
    match label {
        // Treat these as their supersets, as browsers do.
        "us-ascii" | "ascii" | "iso-8859-1" | "latin1" | "latin-1" => Some(WINDOWS_1252),
        "utf8" => Some(UTF_8),
        _ => Encoding::for_label(label.as_bytes()),
    }
}

/// Decode `bytes` using the evidence described in the module documentation.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    // 1. Byte-order marks.
    if bytes.starts_with(&[0x00, 0x00, 0xfe, 0xff]) {
        return done(decode_utf32(&bytes[4..], Utf32::Be), "utf-32be", warnings);
    }
    if bytes.starts_with(&[0xff, 0xfe, 0x00, 0x00]) {
        return done(decode_utf32(&bytes[4..], Utf32::Le), "utf-32le", warnings);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!("invalid {} byte sequences replaced", enc.name()));
        }
        return done(
            text.into_owned(),
            &enc.name().to_ascii_lowercase(),
            warnings,
        );
    }
    // 2. UTF-32/16 without a BOM, recognised from "<".
    match bytes {
        [0, 0, 0, b'<', ..] => return done(decode_utf32(bytes, Utf32::Be), "utf-32be", warnings),
        [b'<', 0, 0, 0, ..] => return done(decode_utf32(bytes, Utf32::Le), "utf-32le", warnings),
        [0, b'<', 0, b'?', ..] | [0, b'<', 0, _, ..] => {
            let (t, _, _) = UTF_16BE.decode(bytes);
            return done(t.into_owned(), "utf-16be", warnings);
        }
        [b'<', 0, b'?', 0, ..] | [b'<', 0, _, 0, ..] => {
            let (t, _, _) = UTF_16LE.decode(bytes);
            return done(t.into_owned(), "utf-16le", warnings);
        }
        _ => {}
    }
    // 3. HTTP charset, then the XML declaration, then an HTML meta tag.
    let http = content_type.and_then(charset_of);
    let declared = declared_encoding(bytes).or_else(|| meta_charset(bytes));
    let mut chosen: Option<(&'static Encoding, String)> = None;
    for label in [http.as_deref(), declared.as_deref()].into_iter().flatten() {
        match lookup(label) {
            Some(enc) => {
                chosen = Some((enc, label.to_string()));
                break;
            }
            None => warnings.push(format!("unknown character encoding {label:?} ignored")),
        }
    }
    let (enc, label) = chosen.unwrap_or((UTF_8, "utf-8".to_string()));
    // UTF-16 declared for bytes that are plainly 8-bit: the declaration is wrong.
    let enc = if (enc == UTF_16LE || enc == UTF_16BE) && !bytes.contains(&0) {
        warnings.push(format!(
            "declared {label} but bytes are 8-bit; read as utf-8"
        ));
        UTF_8
    } else {
        enc
    };
    if enc == UTF_8 {
        match std::str::from_utf8(bytes) {
            Ok(s) => return done(s.to_string(), "utf-8", warnings),
            Err(_) => return fallback(bytes, "utf-8", warnings),
        }
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return fallback(bytes, &label, warnings);
    }
    let name = if enc == WINDOWS_1252 && label != "windows-1252" && label != "cp1252" {
        label
    } else {
        enc.name().to_ascii_lowercase()
    };
    done(text.into_owned(), &name, warnings)
}

fn fallback(bytes: &[u8], tried: &str, mut warnings: Vec<String>) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        warnings.push(format!("bytes are not valid {tried}; read as utf-8"));
        return done(s.to_string(), "utf-8", warnings);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    warnings.push(format!(
        "bytes are not valid {tried}; read as {}",
        enc.name().to_ascii_lowercase()
    ));
    let (t, _, _) = enc.decode(bytes);
    done(t.into_owned(), &enc.name().to_ascii_lowercase(), warnings)
}

/// C1 control characters (U+0080–U+009F) never occur in real text: they are Windows-1252
/// punctuation (’ “ ” – …) that went through a Latin-1 step. Read them as what was meant, as
/// HTML does for the numeric references `&#128;`–`&#159;`.
fn repair_c1(text: String) -> String {
    let b = text.as_bytes();
    if !b
        .windows(2)
        .any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]))
    {
        return text;
    }
    text.chars()
        .map(|c| match c as u32 {
            v @ 0x80..=0x9f => {
                let byte = [v as u8];
                let (s, _, _) = WINDOWS_1252.decode(&byte);
                s.chars().next().unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

fn done(mut text: String, encoding: &str, warnings: Vec<String>) -> Decoded {
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    let text = repair_c1(text);
    Decoded {
        text,
        encoding: encoding.to_string(),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins() {
        let bytes = b"<?xml version=\"1.0\"?><rss><title>caf\xe9 \x93q\x94</title></rss>";
        let d = decode(bytes, Some("text/xml; charset=windows-1252"));
        assert!(d.text.contains("caf\u{e9} \u{201c}q\u{201d}"));
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn wrong_declaration_falls_back() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><title>caf\xe9</title></rss>";
        let d = decode(bytes, None);
        assert!(d.text.contains("caf\u{e9}"));
        assert!(!d.warnings.is_empty());
    }

    #[test]
    fn c1_controls_read_as_windows_1252() {
        let d = decode("<rss>don\u{92}t \u{85}</rss>".as_bytes(), None);
        assert_eq!(d.text, "<rss>don\u{2019}t \u{2026}</rss>");
    }

    #[test]
    fn utf16_and_32() {
        let s = "<rss>é</rss>";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&le, None).text, s);
        let be32: Vec<u8> = s.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
        assert_eq!(decode(&be32, None).text, s);
    }
}
