//! Character set handling: bytes in, UTF-8 out.
//!
//! The encoding is chosen in this order, the first that applies wins:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the `charset` parameter of the HTTP `Content-Type` header;
//! 3. for HTML, `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…charset=…">`
//!    within the first 4 KiB;
//! 4. valid UTF-8 as it stands;
//! 5. detection with `chardetng` (which knows windows-1252, the legacy CJK and Cyrillic
//!    encodings and more).
//!
//! A label that names ISO-8859-1 or US-ASCII is decoded as windows-1252, as browsers do (the
//! WHATWG Encoding Standard), so curly quotes in such pages never become mojibake. A declared
//! label that is unknown, or a declared UTF-8 that is not valid UTF-8, falls through to
//! detection with a warning. Malformed sequences become U+FFFD and are reported as a warning.

use encoding_rs::{Encoding, UTF_8};

/// How far into an HTML document `<meta charset>` is looked for.
const META_PRESCAN: usize = 4096;

/// Decode `bytes` to a `String`.
///
/// `content_type` is the HTTP `Content-Type` header when there is one. Returns the text and a
/// warning when the encoding had to be guessed or the input was not clean in the encoding used.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> (String, Option<String>) {
    decode_inner(bytes, content_type, false)
}

/// Like [`decode`], and also honours `<meta charset>` declarations (for HTML).
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> (String, Option<String>) {
    decode_inner(bytes, content_type, true)
}

fn decode_inner(bytes: &[u8], content_type: Option<&str>, html: bool) -> (String, Option<String>) {
    let mut notes: Vec<String> = Vec::new();
    // 1. BOM.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], "byte-order mark", notes);
    }
    // 2. HTTP header.
    if let Some(label) = content_type.and_then(charset_param) {
        match lookup(&label) {
            Some(enc) if enc == UTF_8 && std::str::from_utf8(bytes).is_err() => {
                notes.push(format!(
                    "declared charset {label} but the bytes are not UTF-8"
                ));
            }
            Some(enc) => return finish(enc, bytes, "HTTP header", notes),
            None => notes.push(format!("unknown charset {label:?} in Content-Type")),
        }
    }
    // 3. <meta charset>.
    if html {
        let head = &bytes[..bytes.len().min(META_PRESCAN)];
        if let Some(label) = meta_charset(head) {
            match lookup(&label) {
                Some(enc) if enc == UTF_8 && std::str::from_utf8(bytes).is_err() => {
                    notes.push(format!(
                        "declared charset {label} but the bytes are not UTF-8"
                    ));
                }
                // A UTF-16 label inside an ASCII-compatible document is a lie (WHATWG).
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => {
                    return finish(UTF_8, bytes, "meta charset", notes);
                }
                Some(enc) => return finish(enc, bytes, "meta charset", notes),
                None => notes.push(format!("unknown charset {label:?} in <meta>")),
            }
        }
    }
    // 4. Valid UTF-8.
    if let Ok(s) = std::str::from_utf8(bytes) {
        let warning = (!notes.is_empty()).then(|| notes.join("; "));
        return (s.to_owned(), warning);
    }
    // 5. Detection.
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, true);
    notes.push(format!("decoded as {} (detected)", enc.name()));
    finish(enc, bytes, "detection", notes)
}

fn finish(
    enc: &'static Encoding,
    bytes: &[u8],
    _how: &str,
    mut notes: Vec<String>,
) -> (String, Option<String>) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(format!(
            "malformed {} sequences replaced with U+FFFD",
            enc.name()
        ));
    }
    let warning = (!notes.is_empty()).then(|| notes.join("; "));
    (text.into_owned(), warning)
}

fn lookup(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// `<meta charset=X>` or `<meta http-equiv=content-type content="…; charset=X">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + p;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(q) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[q + 7..];
            let ws = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let rest = &rest[ws..];
            if let Some(rest) = rest.strip_prefix(b"=") {
                let value: Vec<u8> = rest
                    .iter()
                    .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                    .take_while(|b| {
                        !(b.is_ascii_whitespace()
                            || matches!(**b, b'"' | b'\'' | b';' | b'/' | b'>'))
                    })
                    .copied()
                    .collect();
                if !value.is_empty() {
                    return Some(String::from_utf8_lossy(&value).into_owned());
                }
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_detection() {
        // "café — “quoted”" in windows-1252.
        let bytes = b"caf\xe9 \x97 \x93quoted\x94";
        let (s, w) = decode(bytes, Some("text/plain; charset=ISO-8859-1"));
        assert_eq!(s, "café — “quoted”");
        assert!(w.is_none(), "{w:?}");
    }

    #[test]
    fn windows_1252_is_detected_without_declaration() {
        let bytes =
            b"<p>The minister\x92s \x93plan\x94 was caf\xe9 talk, na\xefve and d\xe9j\xe0 vu.</p>";
        let (s, w) = decode_html(bytes, None);
        assert!(s.contains("minister’s “plan”"), "{s}");
        assert!(s.contains("déjà"), "{s}");
        assert!(w.unwrap().contains("detected"));
    }

    #[test]
    fn meta_charset_is_honoured() {
        let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>".to_vec();
        bytes.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2</body></html>");
        let (s, w) = decode_html(&bytes, None);
        assert!(s.contains("Привет"), "{s}");
        assert!(w.is_none());
        let (s, _) = decode_html(b"<meta charset='iso-8859-2'>\xb1", None);
        assert!(s.ends_with('ą'), "{s}");
    }

    #[test]
    fn bom_wins() {
        let bytes = b"\xef\xbb\xbfhello";
        assert_eq!(decode(bytes, Some("text/plain; charset=latin1")).0, "hello");
        let utf16: Vec<u8> = [0xFF, 0xFE, b'h', 0, b'i', 0].to_vec();
        assert_eq!(decode(&utf16, None).0, "hi");
    }

    #[test]
    fn mixed_encodings_do_not_panic_and_warn() {
        // UTF-8 declared, but a windows-1252 byte sits in the middle.
        let bytes = "naïve — ok "
            .bytes()
            .chain(*b"caf\xe9")
            .collect::<Vec<u8>>();
        let (s, w) = decode(&bytes, Some("text/html; charset=utf-8"));
        assert!(s.starts_with("na"));
        assert!(w.is_some());
    }

    #[test]
    fn unknown_label_falls_back() {
        let (s, w) = decode(b"plain", Some("text/plain; charset=klingon"));
        assert_eq!(s, "plain");
        assert!(w.unwrap().contains("klingon"));
    }
}
