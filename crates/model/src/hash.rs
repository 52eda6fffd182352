//! Content hashing and stable identifiers.
//!
//! A document's identity is the BLAKE3 hash of its normalised title and text: whitespace runs
//! collapse to one space, leading and trailing whitespace is dropped, and the text is otherwise
//! kept as is (case and punctuation matter). Adding the same content twice therefore yields the
//! same hash, whatever the file name, line endings or indentation.

/// Normalise text for hashing: collapse every run of Unicode whitespace into one space and trim.
pub fn normalize_for_hash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Feed `text`, normalised as by [`normalize_for_hash`], to `hasher` without building the
/// normalised string.
fn update_normalized(hasher: &mut blake3::Hasher, text: &str) {
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            hasher.update(b" ");
        }
        first = false;
        hasher.update(word.as_bytes());
    }
}

/// The full hex content hash (64 hex digits) of a document's title and text.
pub fn content_hash(title: &str, text: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    update_normalized(&mut hasher, title);
    hasher.update(b"\n\x1f\n");
    update_normalized(&mut hasher, text);
    hasher.finalize().to_hex().to_string()
}

/// The content hash of a document as an outlet carries it: the same text from two outlets is two
/// documents (a story with two reports), from one outlet it is one. Without an outlet this is
/// [`content_hash`].
pub fn document_hash(outlet: Option<&str>, title: &str, text: &str) -> String {
    let Some(outlet) = outlet.map(str::trim).filter(|o| !o.is_empty()) else {
        return content_hash(title, text);
    };
    let mut hasher = blake3::Hasher::new();
    hasher.update(b"outlet\x1f");
    update_normalized(&mut hasher, &outlet.to_lowercase());
    hasher.update(b"\n\x1f\n");
    update_normalized(&mut hasher, title);
    hasher.update(b"\n\x1f\n");
    update_normalized(&mut hasher, text);
    hasher.finalize().to_hex().to_string()
}

/// The short public id (16 hex digits) derived from a content hash.
pub fn short_id(content_hash: &str) -> String {
    content_hash.chars().take(16).collect()
}

/// A stable 16-hex-digit id for any sequence of parts (events, entities, feed items).
pub fn stable_id(parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(b"\x1f");
    }
    short_id(hasher.finalize().to_hex().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_hash() {
        assert_eq!(
            content_hash("A  title", "one\r\ntwo\n\n three "),
            content_hash("A title", "one two three")
        );
        assert_ne!(
            content_hash("A title", "one two"),
            content_hash("A title", "one three")
        );
        assert_ne!(content_hash("A", "b c"), content_hash("A b", "c"));
    }

    #[test]
    fn streaming_matches_the_normalised_string() {
        let text = " a\tb\n\nc  d ";
        let mut h = blake3::Hasher::new();
        update_normalized(&mut h, text);
        assert_eq!(
            h.finalize(),
            blake3::hash(normalize_for_hash(text).as_bytes())
        );
    }

    #[test]
    fn outlets_make_separate_documents() {
        assert_eq!(document_hash(None, "t", "x"), content_hash("t", "x"));
        assert_eq!(document_hash(Some(" "), "t", "x"), content_hash("t", "x"));
        assert_eq!(
            document_hash(Some("RT"), "t", "x"),
            document_hash(Some("rt"), "t", " x")
        );
        assert_ne!(
            document_hash(Some("RT"), "t", "x"),
            document_hash(Some("INA NEWS"), "t", "x")
        );
        assert_ne!(document_hash(Some("RT"), "t", "x"), content_hash("t", "x"));
    }

    #[test]
    fn ids_are_short_and_stable() {
        let h = content_hash("t", "x");
        assert_eq!(h.len(), 64);
        assert_eq!(short_id(&h).len(), 16);
        assert_eq!(stable_id(&["a", "b"]), stable_id(&["a", "b"]));
        assert_ne!(stable_id(&["ab", ""]), stable_id(&["a", "b"]));
    }
}
