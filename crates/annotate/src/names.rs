//! Shared by the build script and the library: which names the gazetteer tables give (in the
//! order the library numbers their rows) and the hash of the compiled name index. The build
//! script turns these names into a hash table stored in the binary, so loading the gazetteer
//! builds nothing.

/// Kinds of the thing a name points at, as stored in the compiled index.
pub const COUNTRY: u32 = 0;
pub const DEMONYM: u32 = 1;
pub const CITY: u32 = 2;
pub const ORG: u32 = 3;
pub const REGION: u32 = 4;
pub const PERSON: u32 = 5;

/// Bits of a stored entry that hold the row index (the kind sits above them).
pub const KIND_SHIFT: u32 = 28;

/// The data rows of a table: not empty, not a `#` comment.
pub fn rows(table: &str) -> impl Iterator<Item = &str> {
    table
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn col(line: &str, i: usize) -> &str {
    line.split('\t').nth(i).unwrap_or("")
}

/// `a|b|c` alternatives, trimmed, empty ones dropped.
pub fn alts(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

/// The gazetteer tables, as text.
pub struct Tables<'a> {
    pub countries: &'a str,
    pub cities: &'a str,
    pub regions: &'a str,
    pub orgs: &'a str,
    pub people: &'a str,
}

/// Call `f(name, kind, row)` for every name of every table (names trimmed; names shorter than
/// two characters skipped).
pub fn each_name<'a>(t: &Tables<'a>, mut f: impl FnMut(&'a str, u32, u32)) {
    let mut g = |name: &'a str, kind: u32, row: usize| {
        let name = name.trim();
        let mut chars = name.chars();
        if chars.next().is_some() && chars.next().is_some() {
            f(name, kind, row as u32);
        }
    };
    for (i, l) in rows(t.countries).enumerate() {
        for n in alts(col(l, 5)) {
            g(n, COUNTRY, i);
            if let Some(rest) = n.strip_prefix("the ") {
                g(rest, COUNTRY, i);
            }
        }
        for d in alts(col(l, 6)) {
            g(d, DEMONYM, i);
        }
    }
    for (i, l) in rows(t.cities).enumerate() {
        g(col(l, 0), CITY, i);
        for a in alts(col(l, 3)) {
            g(a, CITY, i);
        }
    }
    for (table, kind) in [(t.regions, REGION), (t.orgs, ORG), (t.people, PERSON)] {
        for (i, l) in rows(table).enumerate() {
            g(col(l, 0), kind, i);
            for a in alts(col(l, 1)) {
                g(a, kind, i);
            }
        }
    }
}

/// Hash of an ASCII-lower-cased name (deterministic, the same in the build script and at run
/// time): the slot comes from the low bits, a fingerprint from the high 32.
pub fn hash(folded: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (folded.len() as u64).wrapping_mul(K);
    let mut chunks = folded.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        let mut a = [0u8; 8];
        a[..r.len()].copy_from_slice(r);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    h ^= h >> 31;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 29)
}

/// The stored fingerprint of a hash (never 0, which marks an empty slot).
pub fn fingerprint(h: u64) -> u32 {
    ((h >> 32) as u32) | 1
}
