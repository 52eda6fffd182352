//! MinHash signatures and fingerprints.
//!
//! Each of `num_perm` hash functions is an affine permutation `(a·x + b) mod 2³²` (odd `a`)
//! of the 32-bit folded shingle hash (itself a well-mixed 64-bit hash), with `a`, `b` drawn
//! from SplitMix64 of the configured seed; 32-bit lanes vectorise (AVX2 when the CPU has it,
//! detected at run time). A signature keeps the low 16 bits of each minimum ("b-bit MinHash" with
//! b = 16): two different minima agree on them with probability 2⁻¹⁶, which biases the Jaccard
//! estimate by at most 0.00002 and halves the memory of a full 32-bit signature.

use crate::index::Config;
use crate::text::{self, Tokens};

/// The hash functions of a MinHash family.
#[derive(Debug, Clone)]
pub(crate) struct Family {
    a: Vec<u32>,
    b: Vec<u32>,
}

impl Family {
    pub fn new(num_perm: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            text::mix64(state)
        };
        let mut a = Vec::with_capacity(num_perm);
        let mut b = Vec::with_capacity(num_perm);
        for _ in 0..num_perm {
            a.push((next() >> 32) as u32 | 1);
            b.push((next() >> 32) as u32);
        }
        Family { a, b }
    }

    /// The signature of a set of shingle hashes into `out` (`num_perm` values).
    pub fn signature(&self, shingles: &[u64], mins: &mut Vec<u32>, out: &mut Vec<u16>) {
        let n = self.a.len();
        mins.clear();
        mins.resize(n, u32::MAX);
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above).
                unsafe { mins_avx2(&self.a, &self.b, shingles, mins) };
            } else {
                mins_generic(&self.a, &self.b, shingles, mins);
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        mins_generic(&self.a, &self.b, shingles, mins);
        let m = &mins[..n];
        out.clear();
        out.extend(m.iter().map(|&v| v as u16));
    }
}

#[inline(always)]
fn mins_generic(a: &[u32], b: &[u32], shingles: &[u64], mins: &mut [u32]) {
    let n = a.len().min(b.len()).min(mins.len());
    let (a, b, m) = (&a[..n], &b[..n], &mut mins[..n]);
    for &s in shingles {
        let x = (s ^ (s >> 32)) as u32;
        for i in 0..n {
            m[i] = m[i].min(a[i].wrapping_mul(x).wrapping_add(b[i]));
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn mins_avx2(a: &[u32], b: &[u32], shingles: &[u64], mins: &mut [u32]) {
    mins_generic(a, b, shingles, mins)
}

/// What the index knows about one text: its exact key, its size and its MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the normalised token sequence (equal for exact copies).
    pub exact: u64,
    /// Number of tokens (words, or chars of unspaced scripts).
    pub tokens: u32,
    /// Number of distinct shingles (after leaving out boilerplate lines).
    pub shingles: u32,
    /// Keys of the text's distinct lines (at most [`MAX_LINES`]), counted by the index when
    /// the document is new, to learn which lines are boilerplate.
    pub lines: Vec<u32>,
    /// MinHash signature (`num_perm` values); empty when the text has too few shingles to be
    /// compared by similarity.
    pub signature: Vec<u16>,
}

/// At most this many line keys are kept per fingerprint.
pub const MAX_LINES: usize = 256;

/// Scratch buffers reused across fingerprints.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    tokens: Tokens,
    kept: Vec<u64>,
    shingles: Vec<u64>,
    mins: Vec<u32>,
}

/// Key of a line from its token hashes.
#[inline]
fn line_key(tokens: &[u64]) -> u32 {
    let h = text::sequence_hash(tokens);
    (h ^ (h >> 32)) as u32
}

/// The fingerprint of `text`; the tokens of lines for which `boilerplate` holds are left out of
/// the shingle set (not out of the exact key).
pub(crate) fn fingerprint(
    cfg: &Config,
    family: &Family,
    text: &str,
    s: &mut Scratch,
    boilerplate: &dyn Fn(u32) -> bool,
) -> Fingerprint {
    text::tokenize(text, &mut s.tokens);
    let toks = &s.tokens.hashes;
    let k = if s.tokens.unspaced * 2 > toks.len() {
        cfg.char_shingle
    } else {
        cfg.word_shingle
    };
    let exact = text::sequence_hash(toks);
    // Lines: keys, and the tokens of lines that are not boilerplate.
    let mut lines = Vec::new();
    s.kept.clear();
    let mut stripped = false;
    let mut start = 0usize;
    let ends = s.tokens.line_starts.iter().map(|&e| e as usize);
    for end in ends.chain(std::iter::once(toks.len())) {
        let end = end.clamp(start, toks.len());
        let line = &toks[start..end];
        start = end;
        if line.is_empty() {
            continue;
        }
        let key = line_key(line);
        if lines.len() < MAX_LINES * 4 {
            lines.push(key);
        }
        if boilerplate(key) {
            stripped = true;
        } else {
            s.kept.extend_from_slice(line);
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines.truncate(MAX_LINES);
    let body: &[u64] = if stripped { &s.kept } else { toks };
    text::shingles(body, k, &mut s.shingles);
    let mut signature = Vec::new();
    if s.shingles.len() >= cfg.min_shingles.max(1) {
        family.signature(&s.shingles, &mut s.mins, &mut signature);
    }
    Fingerprint {
        exact,
        tokens: u32::try_from(toks.len()).unwrap_or(u32::MAX),
        shingles: u32::try_from(s.shingles.len()).unwrap_or(u32::MAX),
        lines,
        signature,
    }
}

/// Fraction of equal positions in two signatures of the same length.
#[inline]
pub(crate) fn jaccard(a: &[u16], b: &[u16]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count();
    eq as f32 / a.len() as f32
}

/// Containment of the smaller set in the larger, from a Jaccard estimate and the set sizes:
/// |A∩B| = J·(|A|+|B|)/(1+J), divided by min(|A|,|B|), capped at 1.
#[inline]
pub(crate) fn containment(j: f32, a: u32, b: u32) -> f32 {
    let small = a.min(b).max(1) as f32;
    let inter = j * (a as f32 + b as f32) / (1.0 + j);
    (inter / small).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_tracks_true_jaccard() {
        let fam = Family::new(256, 7);
        let a: Vec<u64> = (0..1000u64).map(text::mix64).collect();
        let b: Vec<u64> = (500..1500u64).map(text::mix64).collect();
        let (mut m, mut sa, mut sb) = (Vec::new(), Vec::new(), Vec::new());
        fam.signature(&a, &mut m, &mut sa);
        fam.signature(&b, &mut m, &mut sb);
        let j = jaccard(&sa, &sb);
        assert!((j - 1.0 / 3.0).abs() < 0.1, "{j}");
        assert_eq!(jaccard(&sa, &sa), 1.0);
        let c = containment(j, 1000, 1000);
        assert!((c - 0.5).abs() < 0.12, "{c}");
    }

    #[test]
    fn containment_of_a_subset_is_near_one() {
        let fam = Family::new(128, 1);
        let big: Vec<u64> = (0..800u64).map(text::mix64).collect();
        let mut small = big[..300].to_vec();
        small.sort_unstable();
        let (mut m, mut sa, mut sb) = (Vec::new(), Vec::new(), Vec::new());
        fam.signature(&big, &mut m, &mut sa);
        fam.signature(&small, &mut m, &mut sb);
        let c = containment(jaccard(&sa, &sb), 800, 300);
        assert!(c > 0.8, "{c}");
    }
}
