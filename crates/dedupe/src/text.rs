//! Text normalisation, tokens and shingles.
//!
//! Normalisation: text is lowercased (full Unicode lowercasing), apostrophes inside words are
//! dropped ("Russia's" → "russias"), and every other char that is not alphanumeric separates
//! tokens, so case, punctuation and whitespace never change a fingerprint. Scripts written
//! without spaces (Han, Hiragana, Katakana, Hangul syllables, Thai, Lao, Khmer, Myanmar) give one
//! token per char; a document whose tokens are mostly such chars is shingled over
//! `char_shingle` chars instead of `word_shingle` words.
//!
//! Token and shingle hashes are fixed functions of the text (FNV-1a over chars, then a
//! SplitMix64 finaliser), so fingerprints are stable across runs, platforms and versions of the
//! standard library — a persisted index stays valid.

/// SplitMix64 finaliser: a bijective 64-bit mixer.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Whether a char belongs to a script written without spaces between words.
#[inline]
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x3134F) // CJK extensions B–G
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

/// The tokens of a text, as hashes, plus what kind of tokens they were.
#[derive(Debug, Default, Clone)]
pub(crate) struct Tokens {
    pub hashes: Vec<u64>,
    /// How many tokens were single chars of an unspaced script.
    pub unspaced: usize,
    /// Index of the first token of each line after the first (a line break between tokens).
    pub line_starts: Vec<u32>,
}

/// Split normalised text into token hashes.
pub(crate) fn tokenize(text: &str, out: &mut Tokens) {
    out.hashes.clear();
    out.unspaced = 0;
    out.line_starts.clear();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let feed = |h: &mut u64, c: char| {
        *h ^= c as u64;
        *h = h.wrapping_mul(FNV_PRIME);
    };
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                feed(&mut h, c.to_ascii_lowercase());
                in_word = true;
                continue;
            }
            if c == '\'' && in_word {
                continue;
            }
            if c == '\n' {
                if in_word {
                    out.hashes.push(mix64(h));
                    h = FNV_OFFSET;
                    in_word = false;
                }
                let at = out.hashes.len() as u32;
                if at > 0 && out.line_starts.last() != Some(&at) {
                    out.line_starts.push(at);
                }
                continue;
            }
        } else if is_unspaced_script(c) {
            if in_word {
                out.hashes.push(mix64(h));
                h = FNV_OFFSET;
                in_word = false;
            }
            let mut t = FNV_OFFSET;
            feed(&mut t, c);
            out.hashes.push(mix64(t ^ 0x5bd1_e995));
            out.unspaced += 1;
            continue;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                feed(&mut h, l);
            }
            in_word = true;
            continue;
        } else if is_apostrophe(c) && in_word {
            continue;
        }
        if in_word {
            out.hashes.push(mix64(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.hashes.push(mix64(h));
    }
}

/// Hash of the whole token sequence: the exact-duplicate key.
pub(crate) fn sequence_hash(tokens: &[u64]) -> u64 {
    let mut h = 0x2545_f491_4f6c_dd1d_u64 ^ tokens.len() as u64;
    for &t in tokens {
        h = mix64(h ^ t).wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
    mix64(h)
}

/// The distinct shingle hashes (k consecutive tokens), sorted, into `out`. A text with fewer
/// than k tokens but at least one yields one shingle over all its tokens.
pub(crate) fn shingles(tokens: &[u64], k: usize, out: &mut Vec<u64>) {
    out.clear();
    let k = k.max(1);
    if tokens.is_empty() {
        return;
    }
    if tokens.len() < k {
        out.push(sequence_hash(tokens));
        return;
    }
    out.reserve(tokens.len() + 1 - k);
    for w in tokens.windows(k) {
        let mut h = k as u64;
        for &t in w {
            h = mix64(h ^ t);
        }
        out.push(h);
    }
    out.sort_unstable();
    out.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Tokens {
        let mut t = Tokens::default();
        tokenize(s, &mut t);
        t
    }

    #[test]
    fn case_punctuation_and_whitespace_do_not_matter() {
        let a = toks("Russia's envoy, Sergey SHOIGU,  visited\n\nEgypt!");
        let b = toks("russia’s envoy sergey shoigu visited egypt");
        assert_eq!(a.hashes, b.hashes);
        assert_eq!(a.hashes.len(), 6);
        assert_ne!(toks("egypt oman").hashes, toks("oman egypt").hashes);
    }

    #[test]
    fn unspaced_scripts_give_char_tokens() {
        let t = toks("俄罗斯外长访问埃及 and Oman");
        assert_eq!(t.unspaced, 9);
        assert_eq!(t.hashes.len(), 11);
        let th = toks("ประเทศไทย");
        assert_eq!(th.unspaced, 9);
    }

    #[test]
    fn non_latin_words_lowercase() {
        assert_eq!(toks("МОСКВА Каир").hashes, toks("москва каир").hashes);
    }

    #[test]
    fn shingles_are_distinct_and_sorted() {
        let t = toks("a b c a b c a b c");
        let mut s = Vec::new();
        shingles(&t.hashes, 3, &mut s);
        assert_eq!(s.len(), 3);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
        shingles(&t.hashes[..2], 3, &mut s);
        assert_eq!(s.len(), 1);
        shingles(&[], 3, &mut s);
        assert!(s.is_empty());
    }
}
