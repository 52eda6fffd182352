//! Content decoding (gzip, deflate, brotli) with a cap on the decoded size, so that a
//! compression bomb stops at the cap instead of filling memory.

use std::io::Read;

use crate::FetchError;

/// The `Accept-Encoding` we send; every coding listed is decoded by [`decode`].
pub(crate) const ACCEPT_ENCODING: &str = "gzip, deflate, br";

/// Undoes the codings of `Content-Encoding` (applied in order, so undone in reverse) and
/// returns the decoded bytes, or an error when the result would exceed `max_decoded` bytes.
pub(crate) fn decode(
    url: &str,
    content_encoding: Option<&str>,
    wire: Vec<u8>,
    max_decoded: u64,
) -> Result<Vec<u8>, FetchError> {
    let codings: Vec<String> = content_encoding
        .unwrap_or("")
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut body = wire;
    for coding in codings.iter().rev() {
        body = match coding.as_str() {
            "gzip" | "x-gzip" => {
                if !body.starts_with(&[0x1f, 0x8b]) {
                    // Servers often label an already-decoded body as gzip; take it as it is.
                    tracing::debug!(url, "Content-Encoding: gzip but no gzip header; kept as is");
                    body
                } else {
                    read_capped(
                        url,
                        coding,
                        flate2::read::MultiGzDecoder::new(&body[..]),
                        max_decoded,
                    )?
                }
            }
            "deflate" => {
                // RFC 9110 deflate is zlib-wrapped; some servers send raw deflate instead.
                if looks_like_zlib(&body) {
                    read_capped(
                        url,
                        coding,
                        flate2::read::ZlibDecoder::new(&body[..]),
                        max_decoded,
                    )?
                } else {
                    read_capped(
                        url,
                        coding,
                        flate2::read::DeflateDecoder::new(&body[..]),
                        max_decoded,
                    )?
                }
            }
            "br" => read_capped(
                url,
                coding,
                brotli_decompressor::Decompressor::new(&body[..], 8192),
                max_decoded,
            )?,
            other => {
                return Err(FetchError::Decode {
                    url: url.to_string(),
                    encoding: other.to_string(),
                    detail: "unsupported content coding".to_string(),
                });
            }
        };
    }
    Ok(body)
}

fn looks_like_zlib(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0
}

fn read_capped(
    url: &str,
    coding: &str,
    reader: impl Read,
    max_decoded: u64,
) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    let mut limited = reader.take(max_decoded.saturating_add(1));
    // Read in bounded steps so the buffer never grows past the cap + one chunk.
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                out.extend_from_slice(&chunk[..n]);
                if out.len() as u64 > max_decoded {
                    return Err(FetchError::DecompressedTooLarge {
                        url: url.to_string(),
                        limit: max_decoded,
                    });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(FetchError::Decode {
                    url: url.to_string(),
                    encoding: coding.to_string(),
                    detail: if e.kind() == std::io::ErrorKind::UnexpectedEof {
                        "truncated stream".to_string()
                    } else {
                        e.to_string()
                    },
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn identity_and_absent() {
        assert_eq!(decode("u", None, b"abc".to_vec(), 10).unwrap(), b"abc");
        assert_eq!(
            decode("u", Some("identity"), b"abc".to_vec(), 10).unwrap(),
            b"abc"
        );
    }

    #[test]
    fn gzip_roundtrip_and_mislabelled() {
        let z = gzip(b"hello feed");
        assert_eq!(decode("u", Some("gzip"), z, 100).unwrap(), b"hello feed");
        assert_eq!(
            decode("u", Some("x-gzip"), b"<rss/>".to_vec(), 100).unwrap(),
            b"<rss/>"
        );
    }

    #[test]
    fn deflate_zlib_and_raw() {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"zlib body").unwrap();
        let z = e.finish().unwrap();
        assert_eq!(decode("u", Some("deflate"), z, 100).unwrap(), b"zlib body");
        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b"raw body").unwrap();
        let z = e.finish().unwrap();
        assert_eq!(decode("u", Some("deflate"), z, 100).unwrap(), b"raw body");
    }

    #[test]
    fn brotli_known_vector() {
        // "hello" compressed with brotli quality 11.
        let br = [0x0b, 0x02, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x03];
        assert_eq!(decode("u", Some("br"), br.to_vec(), 100).unwrap(), b"hello");
    }

    #[test]
    fn bomb_stops_at_the_cap() {
        let z = gzip(&vec![0u8; 4 * 1024 * 1024]);
        assert!(z.len() < 16 * 1024);
        let err = decode("http://x/", Some("gzip"), z, 1024 * 1024).unwrap_err();
        assert!(matches!(
            err,
            FetchError::DecompressedTooLarge {
                limit: 1_048_576,
                ..
            }
        ));
        assert!(
            err.to_string()
                .starts_with("http://x/: decompressed body too large")
        );
    }

    #[test]
    fn truncated_and_garbage() {
        let mut z = gzip(&vec![7u8; 100_000]);
        z.truncate(z.len() / 2);
        let err = decode("u", Some("gzip"), z, 1 << 20).unwrap_err();
        assert!(matches!(err, FetchError::Decode { .. }), "{err}");
        let err = decode("u", Some("br"), b"not brotli at all".to_vec(), 100).unwrap_err();
        assert!(matches!(err, FetchError::Decode { .. }), "{err}");
        let err = decode("u", Some("zstd"), b"x".to_vec(), 100).unwrap_err();
        assert!(err.to_string().contains("unsupported"), "{err}");
    }

    #[test]
    fn stacked_codings() {
        let once = gzip(b"twice");
        let twice = gzip(&once);
        assert_eq!(
            decode("u", Some("gzip, gzip"), twice, 100).unwrap(),
            b"twice"
        );
    }
}
