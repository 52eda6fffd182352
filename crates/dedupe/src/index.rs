//! The incremental duplicate index: exact keys, MinHash LSH bands, verification.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use attache_model::Document;

use crate::Error;
use crate::boiler::LineCounts;
use crate::minhash::{self, Family, Fingerprint, Scratch};
use crate::stories::Link;
use crate::text::mix64;

/// Parameters of an [`Index`]. The defaults are the ones evaluated in docs/EVALUATION.md.
///
/// A new document D is a copy of an indexed document E when their normalised token sequences
/// are equal (exact copy), or when, with Ĵ the Jaccard similarity of their shingle sets
/// estimated from the signatures and Ĉ = Ĵ·(|D|+|E|)/((1+Ĵ)·min(|D|,|E|)) the estimated
/// containment of the smaller set in the larger:
/// - Ĵ ≥ `jaccard_threshold` (resemblance), or
/// - Ĉ ≥ `containment_threshold`, Ĵ ≥ `containment_min_jaccard` and the smaller set has at
///   least `min_containment_shingles` shingles (a truncated excerpt, or a text with a long
///   added preamble or trailer).
///
/// When the smaller set has fewer than `short_shingles` shingles (a brief, a templated
/// announcement), only Ĵ ≥ `short_jaccard_threshold` counts: short texts that share a template
/// ("X said its board declared a dividend of …") are not copies of each other.
///
/// Lines that new documents of at least `boilerplate_min_docs` different stories contained
/// (menus, subscription calls, disclaimers; see the crate docs) are left out of the shingle
/// sets before any of this, so shared boilerplate never makes two texts alike and a copy
/// wrapped in a site's boilerplate is compared by its story text.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Number of MinHash functions (signature length).
    pub num_perm: usize,
    /// LSH bands; `bands * rows` must not exceed `num_perm`. A pair of Jaccard similarity J
    /// shares no band, and is never compared, with probability (1 − J^rows)^bands: with the
    /// default 50 × 2, 0.9 % at J = 0.30 (the lowest similarity any match needs), 0.001 % at
    /// J = 0.45 and under 10⁻¹⁴ at J = 0.7.
    pub bands: usize,
    /// Signature values per band.
    pub rows: usize,
    /// Shingle length in words.
    pub word_shingle: usize,
    /// Shingle length in chars, for texts mostly in unspaced scripts (CJK, Thai…).
    pub char_shingle: usize,
    /// Texts with fewer tokens are never clustered, not even as exact copies.
    pub min_exact_tokens: usize,
    /// Texts with fewer distinct shingles are only clustered as exact copies.
    pub min_shingles: usize,
    pub jaccard_threshold: f32,
    pub containment_threshold: f32,
    pub containment_min_jaccard: f32,
    pub min_containment_shingles: usize,
    pub short_shingles: usize,
    pub short_jaccard_threshold: f32,
    /// At most this many most recent entries of one LSH bucket are compared (no quadratic
    /// blow-up under a flood of near-identical documents).
    pub bucket_cap: usize,
    /// Seed of the MinHash family (a persisted index keeps it).
    pub seed: u64,
    /// A line seen in this many new documents is boilerplate (0: never).
    pub boilerplate_min_docs: u32,
    /// The line-count sketch has two rows of `2^boilerplate_table_bits` one-byte counters.
    pub boilerplate_table_bits: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            num_perm: 128,
            bands: 50,
            rows: 2,
            word_shingle: 4,
            char_shingle: 4,
            min_exact_tokens: 8,
            min_shingles: 12,
            jaccard_threshold: 0.45,
            containment_threshold: 0.7,
            containment_min_jaccard: 0.3,
            min_containment_shingles: 40,
            short_shingles: 60,
            short_jaccard_threshold: 0.8,
            bucket_cap: 64,
            seed: 0x6174_7461_6368_6521,
            boilerplate_min_docs: 10,
            boilerplate_table_bits: 23,
        }
    }
}

impl Config {
    /// Check that the parameters make sense.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |m: String| Err(Error::InvalidConfig(m));
        if self.num_perm == 0 || self.num_perm > 1024 {
            return bad(format!("num_perm must be 1..=1024, not {}", self.num_perm));
        }
        if self.bands == 0 || self.rows == 0 || self.bands * self.rows > self.num_perm {
            return bad(format!(
                "bands × rows ({} × {}) must be between 1 and num_perm ({})",
                self.bands, self.rows, self.num_perm
            ));
        }
        if self.word_shingle == 0 || self.char_shingle == 0 {
            return bad("shingle lengths must be at least 1".into());
        }
        if self.word_shingle > 64 || self.char_shingle > 64 {
            return bad("shingle lengths must be at most 64".into());
        }
        for (name, v) in [
            ("jaccard_threshold", self.jaccard_threshold),
            ("containment_threshold", self.containment_threshold),
            ("containment_min_jaccard", self.containment_min_jaccard),
            ("short_jaccard_threshold", self.short_jaccard_threshold),
        ] {
            if !(0.0..=1.0).contains(&v) || v.is_nan() {
                return bad(format!("{name} must be within 0..=1, not {v}"));
            }
        }
        if self.bucket_cap == 0 {
            return bad("bucket_cap must be at least 1".into());
        }
        if self.boilerplate_min_docs > 255 {
            return bad("boilerplate_min_docs must be at most 255".into());
        }
        if !(8..=30).contains(&self.boilerplate_table_bits) {
            return bad("boilerplate_table_bits must be within 8..=30".into());
        }
        Ok(())
    }
}

/// What the index says about a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not like anything indexed (or too short to compare).
    New,
    /// A copy of an indexed document.
    CopyOf {
        /// The id of the most similar indexed document.
        document: String,
        /// Estimated Jaccard similarity of the shingle sets (1.0 for exact copies).
        similarity: f32,
        /// Estimated containment of the smaller shingle set in the larger (1.0 for exact copies).
        containment: f32,
        /// Whether the normalised texts are identical.
        exact: bool,
    },
}

impl Verdict {
    pub fn is_copy(&self) -> bool {
        matches!(self, Verdict::CopyOf { .. })
    }
}

/// A pass-through hasher for keys that are already well mixed.
#[derive(Default, Clone, Copy)]
pub(crate) struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix64(self.0 ^ b as u64);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64 | ((n as u64) << 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (n >> 29);
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<MixHasher>>;

const NONE: u32 = u32::MAX;
/// Copies at least this similar (estimated Jaccard) to an indexed document are not added to
/// the LSH tables.
const NEAR_IDENTICAL: f32 = 0.9;
const FLAG_LSH: u8 = 1;

/// The best match found for a fingerprint.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    similarity: f32,
    containment: f32,
    exact: bool,
}

/// An incremental index of documents for exact and near-duplicate detection.
///
/// `check` never changes the index; `insert` is idempotent (a document id inserted twice is
/// stored once and keeps its first verdict). Exact copies are not added to the LSH tables, so a
/// flood of identical documents costs a few bytes each and no comparisons.
#[derive(Debug)]
pub struct Index {
    cfg: Config,
    family: Family,
    // Per document.
    id_bytes: Vec<u8>,
    id_ends: Vec<usize>,
    sizes: Vec<u32>,
    tokens: Vec<u32>,
    exact_keys: Vec<u64>,
    parents: Vec<u32>,
    sims: Vec<(f32, f32, bool)>,
    slots: Vec<u32>,
    // Per LSH slot.
    slot_doc: Vec<u32>,
    sigs: Vec<u16>,
    next: Vec<u32>,
    // Lookups.
    by_id: Map<u64, u32>,
    exact: Map<u64, u32>,
    bands: Vec<Map<u32, u32>>,
    // Stories: per document, the document it links to (its parent, or the document a merge
    // linked it to), NONE for the one document of a story without a link; path-halved.
    story: Vec<u32>,
    /// Merges (earlier story's linkless document, the document that joined it, similarity).
    merges: Vec<(u32, u32, f32)>,
    merges_taken: usize,
    lines: LineCounts,
    stats: Stats,
}

/// Query counters (relaxed atomics: `check` takes `&self` and may run on several threads).
#[derive(Debug, Default)]
struct Stats {
    queries: AtomicU64,
    candidates: AtomicU64,
}

impl Index {
    /// An empty index.
    pub fn new(cfg: Config) -> Result<Self, Error> {
        cfg.validate()?;
        let family = Family::new(cfg.num_perm, cfg.seed);
        let bands = (0..cfg.bands).map(|_| Map::default()).collect();
        let cfg_bits = cfg.boilerplate_table_bits;
        Ok(Index {
            cfg,
            family,
            id_bytes: Vec::new(),
            id_ends: Vec::new(),
            sizes: Vec::new(),
            tokens: Vec::new(),
            exact_keys: Vec::new(),
            parents: Vec::new(),
            sims: Vec::new(),
            slots: Vec::new(),
            slot_doc: Vec::new(),
            sigs: Vec::new(),
            next: Vec::new(),
            by_id: Map::default(),
            exact: Map::default(),
            bands,
            story: Vec::new(),
            merges: Vec::new(),
            merges_taken: 0,
            lines: LineCounts::new(cfg_bits),
            stats: Stats::default(),
        })
    }

    /// An index built by inserting `docs` in order.
    pub fn rebuild<'a>(
        cfg: Config,
        docs: impl IntoIterator<Item = &'a Document>,
    ) -> Result<Self, Error> {
        let mut index = Index::new(cfg)?;
        for d in docs {
            index.insert(d);
        }
        Ok(index)
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Number of documents inserted.
    pub fn len(&self) -> usize {
        self.id_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id_ends.is_empty()
    }

    /// Number of documents held in the LSH tables (those neither too short nor exact copies).
    pub fn lsh_len(&self) -> usize {
        self.slot_doc.len()
    }

    /// The fingerprint of a text under this index's parameters and the boilerplate lines it
    /// has learnt so far (pure; may run in parallel).
    pub fn fingerprint(&self, text: &str) -> Fingerprint {
        let mut scratch = Scratch::default();
        let min = self.cfg.boilerplate_min_docs;
        let lines = &self.lines;
        let boiler = |k: u32| min > 0 && u32::from(lines.get(k)) >= min;
        minhash::fingerprint(&self.cfg, &self.family, text, &mut scratch, &boiler)
    }

    /// Whether a line of text is boilerplate by what the index has learnt so far.
    pub fn is_boilerplate_line(&self, line: &str) -> bool {
        let fp = self.fingerprint(line);
        fp.lines.len() == 1 && fp.shingles == 0
    }

    /// What the index says about a document, without changing the index. A document whose id
    /// is already indexed gets the verdict it got when it was inserted.
    pub fn check(&self, doc: &Document) -> Verdict {
        if let Some(d) = self.lookup_id(&doc.id) {
            return self.stored_verdict(d);
        }
        let fp = self.fingerprint(&doc.text);
        self.check_fingerprint(&fp)
    }

    /// What the index says about a fingerprint, without changing the index.
    pub fn check_fingerprint(&self, fp: &Fingerprint) -> Verdict {
        self.verdict(self.best_match(fp, None))
    }

    /// Check a document, then insert it; returns the verdict. Idempotent.
    pub fn insert(&mut self, doc: &Document) -> Verdict {
        if let Some(d) = self.lookup_id(&doc.id) {
            return self.stored_verdict(d);
        }
        let fp = self.fingerprint(&doc.text);
        self.insert_fingerprint(&doc.id, &fp)
    }

    /// Insert a precomputed fingerprint under a document id; returns the verdict. Idempotent
    /// by id. Fingerprints must come from [`Index::fingerprint`] of an index with the same
    /// configuration.
    pub fn insert_fingerprint(&mut self, id: &str, fp: &Fingerprint) -> Verdict {
        if let Some(d) = self.lookup_id(id) {
            return self.stored_verdict(d);
        }
        let mut all = Vec::new();
        let m = self.best_match(fp, Some(&mut all));
        let sig_ok = fp.signature.len() == self.cfg.num_perm;
        // Exact and near-identical copies stay out of the LSH tables: whatever resembles them
        // resembles the document they copy, which is there (a flood of copies neither grows the
        // buckets nor slows queries).
        let to_lsh = m.is_none_or(|m| !m.exact && m.similarity < NEAR_IDENTICAL) && sig_ok;
        let flags = if to_lsh { FLAG_LSH } else { 0 };
        let (parent, sim) = match m {
            Some(m) => (m.doc, (m.similarity, m.containment, m.exact)),
            None => (NONE, (0.0, 0.0, false)),
        };
        self.push_doc(
            id,
            fp.exact,
            fp.tokens,
            fp.shingles,
            parent,
            sim,
            flags,
            &fp.signature,
        );
        let d = (self.len() - 1) as u32;
        match m {
            None => {
                if self.cfg.boilerplate_min_docs > 0 {
                    for &k in &fp.lines {
                        self.lines.add(k);
                    }
                }
            }
            Some(_) => {
                // Other stories this document is also a copy of join its story: the linkless
                // document of each becomes a copy of this one.
                all.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
                for x in all {
                    // Only resemblance merges stories: a text that merely contains, or is
                    // contained in, another story's text (a teaser, a quoted lead) links to
                    // one story at most.
                    if x.similarity < self.cfg.jaccard_threshold {
                        continue;
                    }
                    let r = self.find(x.doc);
                    if r != self.find(d) {
                        self.story[r as usize] = d;
                        self.merges.push((r, d, x.similarity.max(x.containment)));
                    }
                }
            }
        }
        self.verdict(m)
    }

    /// The linkless document of the story of `d` (path halving).
    fn find(&mut self, mut d: u32) -> u32 {
        loop {
            let p = self.story[d as usize];
            if p == NONE {
                return d;
            }
            let gp = self.story[p as usize];
            if gp != NONE {
                self.story[d as usize] = gp;
            }
            d = p;
        }
    }

    /// Story merges found since the last call: when a new document is a copy of documents of
    /// two or more stories, its verdict names the most similar one, and the document of each
    /// other story that had no copy link becomes a copy of the new document (`document` is
    /// that earlier document, `copy_of` the new one). Linking these as well as the verdicts
    /// keeps every story one connected cluster, with one link per document.
    pub fn take_merges(&mut self) -> Vec<Link> {
        let out = self.merges[self.merges_taken..]
            .iter()
            .map(|&(r, d, sim)| Link {
                document: self.id(r).to_string(),
                copy_of: self.id(d).to_string(),
                similarity: sim,
            })
            .collect();
        self.merges_taken = self.merges.len();
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn push_doc(
        &mut self,
        id: &str,
        exact: u64,
        tokens: u32,
        shingles: u32,
        parent: u32,
        sim: (f32, f32, bool),
        flags: u8,
        sig: &[u16],
    ) {
        let d = u32::try_from(self.id_ends.len()).unwrap_or(NONE - 1);
        self.id_bytes.extend_from_slice(id.as_bytes());
        self.id_ends.push(self.id_bytes.len());
        self.sizes.push(shingles);
        self.tokens.push(tokens);
        self.exact_keys.push(exact);
        self.parents.push(parent);
        self.story.push(parent);
        self.sims.push(sim);
        // Register the id (open addressing over re-mixed keys on a hash collision).
        let mut key = id_key(id);
        while self.by_id.contains_key(&key) {
            key = mix64(key);
        }
        self.by_id.insert(key, d);
        if tokens as usize >= self.cfg.min_exact_tokens {
            self.exact.entry(exact).or_insert(d);
        }
        if flags & FLAG_LSH != 0 && tokens as usize >= self.cfg.min_exact_tokens {
            let slot = self.slot_doc.len() as u32;
            self.slots.push(slot);
            self.slot_doc.push(d);
            self.sigs.extend_from_slice(sig);
            for b in 0..self.cfg.bands {
                let key = band_key(sig, b, self.cfg.rows);
                let head = self.bands[b].entry(key).or_insert(NONE);
                self.next.push(*head);
                *head = slot;
            }
        } else {
            self.slots.push(NONE);
        }
    }

    fn id(&self, d: u32) -> &str {
        let d = d as usize;
        let start = if d == 0 { 0 } else { self.id_ends[d - 1] };
        std::str::from_utf8(&self.id_bytes[start..self.id_ends[d]]).unwrap_or("")
    }

    /// The id of an indexed document by its position (insertion order).
    pub fn document_id(&self, position: usize) -> Option<&str> {
        (position < self.len()).then(|| self.id(position as u32))
    }

    fn lookup_id(&self, id: &str) -> Option<u32> {
        let mut key = id_key(id);
        loop {
            let &d = self.by_id.get(&key)?;
            if self.id(d) == id {
                return Some(d);
            }
            key = mix64(key);
        }
    }

    fn stored_verdict(&self, d: u32) -> Verdict {
        let p = self.parents[d as usize];
        if p == NONE {
            return Verdict::New;
        }
        let (similarity, containment, exact) = self.sims[d as usize];
        Verdict::CopyOf {
            document: self.id(p).to_string(),
            similarity,
            containment,
            exact,
        }
    }

    fn verdict(&self, m: Option<Match>) -> Verdict {
        match m {
            None => Verdict::New,
            Some(m) => Verdict::CopyOf {
                document: self.id(m.doc).to_string(),
                similarity: m.similarity,
                containment: m.containment,
                exact: m.exact,
            },
        }
    }

    /// The best verified match; every verified match goes to `all` when given.
    fn best_match(&self, fp: &Fingerprint, mut all: Option<&mut Vec<Match>>) -> Option<Match> {
        let cfg = &self.cfg;
        if (fp.tokens as usize) < cfg.min_exact_tokens {
            return None;
        }
        if let Some(&d) = self.exact.get(&fp.exact) {
            return Some(Match {
                doc: d,
                similarity: 1.0,
                containment: 1.0,
                exact: true,
            });
        }
        if fp.signature.len() != cfg.num_perm || self.slot_doc.is_empty() {
            return None;
        }
        let n = cfg.num_perm;
        // No pair below this estimated Jaccard is a copy (whatever the sizes): candidates under
        // it are dropped before their sizes are read.
        let floor = cfg
            .jaccard_threshold
            .min(cfg.containment_min_jaccard.max(0.0))
            .min(cfg.short_jaccard_threshold);
        let mut cands: Vec<u32> = Vec::with_capacity(256);
        for b in 0..cfg.bands {
            let key = band_key(&fp.signature, b, cfg.rows);
            let Some(&head) = self.bands[b].get(&key) else {
                continue;
            };
            let mut s = head;
            let mut seen = 0;
            while s != NONE && seen < cfg.bucket_cap {
                cands.push(s);
                s = self.next[s as usize * cfg.bands + b];
                seen += 1;
            }
        }
        cands.sort_unstable();
        cands.dedup();
        self.stats.queries.fetch_add(1, Relaxed);
        self.stats.candidates.fetch_add(cands.len() as u64, Relaxed);
        let mut best: Option<(f32, Match)> = None;
        for s in cands {
            let sig = &self.sigs[s as usize * n..(s as usize + 1) * n];
            let j = minhash::jaccard(&fp.signature, sig);
            if j < floor {
                continue;
            }
            let d = self.slot_doc[s as usize];
            let other = self.sizes[d as usize];
            let c = minhash::containment(j, fp.shingles, other);
            let small = fp.shingles.min(other) as usize;
            let (by_j, by_c) = if small < cfg.short_shingles {
                (j >= cfg.short_jaccard_threshold, false)
            } else {
                (j >= cfg.jaccard_threshold, c >= cfg.containment_threshold)
            };
            let by_c =
                by_c && j >= cfg.containment_min_jaccard && small >= cfg.min_containment_shingles;
            if !(by_j || by_c) {
                continue;
            }
            let score = if by_c { j.max(c) } else { j };
            let m = Match {
                doc: d,
                similarity: j,
                containment: c,
                exact: false,
            };
            if let Some(all) = all.as_deref_mut() {
                all.push(m);
            }
            if best.is_none_or(|(bs, _)| score > bs) {
                best = Some((score, m));
            }
        }
        best.map(|(_, m)| m)
    }

    /// LSH queries made so far and the distinct candidates they verified (for benchmarks).
    pub fn query_stats(&self) -> (u64, u64) {
        (
            self.stats.queries.load(Relaxed),
            self.stats.candidates.load(Relaxed),
        )
    }

    /// Approximate heap memory held by the index, in bytes.
    pub fn memory_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |cap: usize, entry: usize| cap * (entry + 1);
        self.id_bytes.capacity()
            + self.id_ends.capacity() * size_of::<usize>()
            + (self.sizes.capacity() + self.tokens.capacity() + self.parents.capacity()) * 4
            + self.exact_keys.capacity() * 8
            + self.sims.capacity() * size_of::<(f32, f32, bool)>()
            + (self.slots.capacity() + self.slot_doc.capacity() + self.next.capacity()) * 4
            + self.sigs.capacity() * 2
            + self.story.capacity() * 4
            + self.merges.capacity() * size_of::<(u32, u32, f32)>()
            + self.lines.memory_bytes()
            + map(self.by_id.capacity(), 12)
            + map(self.exact.capacity(), 12)
            + self
                .bands
                .iter()
                .map(|b| map(b.capacity(), 8))
                .sum::<usize>()
    }

    /// The index as bytes (for persistence). The LSH tables are not written: they are rebuilt
    /// from the signatures by [`Index::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.cfg.num_perm;
        let mut w = Vec::with_capacity(64 + self.len() * 48 + self.sigs.len() * 2);
        w.extend_from_slice(MAGIC);
        put_u32(&mut w, VERSION);
        let c = &self.cfg;
        for v in [
            c.num_perm,
            c.bands,
            c.rows,
            c.word_shingle,
            c.char_shingle,
            c.min_exact_tokens,
            c.min_shingles,
            c.min_containment_shingles,
            c.short_shingles,
            c.bucket_cap,
        ] {
            put_u64(&mut w, v as u64);
        }
        for v in [
            c.jaccard_threshold,
            c.containment_threshold,
            c.containment_min_jaccard,
            c.short_jaccard_threshold,
        ] {
            put_u32(&mut w, v.to_bits());
        }
        put_u64(&mut w, c.seed);
        put_u32(&mut w, c.boilerplate_min_docs);
        put_u32(&mut w, c.boilerplate_table_bits);
        put_u64(&mut w, self.len() as u64);
        for d in 0..self.len() {
            let id = self.id(d as u32).as_bytes();
            put_u32(&mut w, id.len() as u32);
            w.extend_from_slice(id);
            put_u64(&mut w, self.exact_keys[d]);
            put_u32(&mut w, self.tokens[d]);
            put_u32(&mut w, self.sizes[d]);
            put_u32(&mut w, self.parents[d]);
            let (s, cn, e) = self.sims[d];
            put_u32(&mut w, s.to_bits());
            put_u32(&mut w, cn.to_bits());
            let slot = self.slots[d];
            w.push(u8::from(e) | if slot != NONE { 2 } else { 0 });
            if slot != NONE {
                let sig = &self.sigs[slot as usize * n..(slot as usize + 1) * n];
                for &v in sig {
                    w.extend_from_slice(&v.to_le_bytes());
                }
            }
        }
        put_u64(&mut w, self.merges.len() as u64);
        for &(r, d, sim) in &self.merges {
            put_u32(&mut w, r);
            put_u32(&mut w, d);
            put_u32(&mut w, sim.to_bits());
        }
        // The line counts: absent, sparse (index, count) pairs, or raw, whichever is smaller.
        let table = self.lines.raw();
        let nonzero = table.iter().filter(|&&v| v != 0).count();
        if table.is_empty() {
            w.push(0);
        } else if nonzero * 5 < table.len() {
            w.push(1);
            put_u64(&mut w, nonzero as u64);
            for (i, &v) in table.iter().enumerate() {
                if v != 0 {
                    put_u32(&mut w, i as u32);
                    w.push(v);
                }
            }
        } else {
            w.push(2);
            w.extend_from_slice(table);
        }
        w
    }

    /// An index read back from [`Index::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(Error::Corrupt("not a dedupe index (bad magic)".into()));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(Error::UnsupportedVersion(version));
        }
        let mut u = [0usize; 10];
        for v in &mut u {
            *v = usize::try_from(r.u64()?)
                .map_err(|_| Error::Corrupt("configuration value too large".into()))?;
        }
        let cfg = Config {
            num_perm: u[0],
            bands: u[1],
            rows: u[2],
            word_shingle: u[3],
            char_shingle: u[4],
            min_exact_tokens: u[5],
            min_shingles: u[6],
            min_containment_shingles: u[7],
            short_shingles: u[8],
            bucket_cap: u[9],
            jaccard_threshold: f32::from_bits(r.u32()?),
            containment_threshold: f32::from_bits(r.u32()?),
            containment_min_jaccard: f32::from_bits(r.u32()?),
            short_jaccard_threshold: f32::from_bits(r.u32()?),
            seed: r.u64()?,
            boilerplate_min_docs: r.u32()?,
            boilerplate_table_bits: r.u32()?,
        };
        let mut index = Index::new(cfg)?;
        let count = r.u64()?;
        // Each record takes at least 29 bytes: reject impossible counts before allocating.
        if count > (bytes.len() / 29) as u64 {
            return Err(Error::Corrupt(format!(
                "{count} documents cannot fit in {} bytes",
                bytes.len()
            )));
        }
        let n = index.cfg.num_perm;
        let mut sig = vec![0u16; n];
        for i in 0..count {
            let len = r.u32()? as usize;
            let id = std::str::from_utf8(r.take(len)?)
                .map_err(|_| Error::Corrupt(format!("document {i}: id is not UTF-8")))?
                .to_string();
            let exact = r.u64()?;
            let tokens = r.u32()?;
            let size = r.u32()?;
            let parent = r.u32()?;
            if parent != NONE && u64::from(parent) >= i {
                return Err(Error::Corrupt(format!(
                    "document {i}: parent {parent} is not an earlier document"
                )));
            }
            let s = f32::from_bits(r.u32()?);
            let c = f32::from_bits(r.u32()?);
            let flags = r.take(1)?[0];
            let has_sig = flags & 2 != 0;
            if has_sig {
                for v in sig.iter_mut() {
                    let b = r.take(2)?;
                    *v = u16::from_le_bytes([b[0], b[1]]);
                }
            }
            if index.lookup_id(&id).is_some() {
                return Err(Error::Corrupt(format!("document {i}: duplicate id {id}")));
            }
            let lsh = if has_sig { FLAG_LSH } else { 0 };
            index.push_doc(
                &id,
                exact,
                tokens,
                size,
                parent,
                (s, c, flags & 1 != 0),
                lsh,
                if has_sig { &sig } else { &[] },
            );
        }
        let merges = r.u64()?;
        if merges > (bytes.len() / 12) as u64 {
            return Err(Error::Corrupt(format!("{merges} merges cannot fit")));
        }
        for _ in 0..merges {
            let (root, d, sim) = (r.u32()?, r.u32()?, f32::from_bits(r.u32()?));
            let n = index.len() as u64;
            if u64::from(root) >= n || u64::from(d) >= n || root >= d {
                return Err(Error::Corrupt(format!("bad story merge {root} → {d}")));
            }
            if index.find(root) != root || index.find(d) == root {
                return Err(Error::Corrupt(format!(
                    "story merge {root} → {d} is not a merge"
                )));
            }
            index.story[root as usize] = d;
            index.merges.push((root, d, sim));
        }
        index.merges_taken = index.merges.len();
        match r.take(1)?[0] {
            0 => {}
            1 => {
                let n = r.u64()?;
                if n > (bytes.len() / 5) as u64 {
                    return Err(Error::Corrupt(format!("{n} line counts cannot fit")));
                }
                let mut pairs = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    pairs.push((r.u32()? as usize, r.take(1)?[0]));
                }
                index.lines.set_raw(|t| {
                    for (i, v) in pairs {
                        *t.get_mut(i).ok_or_else(|| {
                            Error::Corrupt(format!("line count slot {i} out of range"))
                        })? = v;
                    }
                    Ok(())
                })?;
            }
            2 => {
                let len = index.lines.raw_len();
                let raw = r.take(len)?;
                index.lines.set_raw(|t| {
                    t.copy_from_slice(raw);
                    Ok(())
                })?;
            }
            m => return Err(Error::Corrupt(format!("unknown line-count encoding {m}"))),
        }
        if r.at != bytes.len() {
            return Err(Error::Corrupt(format!(
                "{} trailing bytes",
                bytes.len() - r.at
            )));
        }
        Ok(index)
    }
}

const MAGIC: &[u8; 8] = b"ATTDEDUP";
const VERSION: u32 = 2;

fn put_u32(w: &mut Vec<u8>, v: u32) {
    w.extend_from_slice(&v.to_le_bytes());
}

fn put_u64(w: &mut Vec<u8>, v: u64) {
    w.extend_from_slice(&v.to_le_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| Error::Corrupt(format!("truncated at byte {}", self.at)))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }
}

fn id_key(id: &str) -> u64 {
    let mut h = 0x1234_5678_9abc_def0_u64;
    for chunk in id.as_bytes().chunks(8) {
        let mut a = [0u8; 8];
        a[..chunk.len()].copy_from_slice(chunk);
        h = mix64(h ^ u64::from_le_bytes(a));
    }
    mix64(h ^ id.len() as u64)
}

#[inline]
fn band_key(sig: &[u16], band: usize, rows: usize) -> u32 {
    let mut h = band as u64;
    for &v in &sig[band * rows..(band + 1) * rows] {
        h = mix64(h ^ v as u64);
    }
    h as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(seed: u64, words: usize) -> String {
        const W: &[&str] = &[
            "minister",
            "talks",
            "said",
            "oil",
            "egypt",
            "russia",
            "visit",
            "security",
            "trade",
            "bank",
            "rates",
            "market",
            "plan",
            "deal",
            "defence",
            "cairo",
            "moscow",
            "energy",
            "nuclear",
            "corridor",
            "sanctions",
            "growth",
            "prices",
            "government",
            "election",
            "court",
            "police",
            "storm",
            "festival",
            "football",
            "league",
            "film",
            "music",
        ];
        let mut s = seed;
        (0..words)
            .map(|_| {
                s = mix64(s.wrapping_add(0x9e37_79b9_7f4a_7c15));
                W[(s % W.len() as u64) as usize]
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn doc(text: &str) -> Document {
        Document::new("t", text)
    }

    #[test]
    fn exact_near_and_new() {
        let mut ix = Index::new(Config::default()).unwrap();
        let a = doc(&article(1, 300));
        assert_eq!(ix.insert(&a), Verdict::New);
        // Exact copy up to case, punctuation and whitespace.
        let b = doc(&format!("{}!!", a.text.to_uppercase().replace(' ', "  ")));
        match ix.check(&b) {
            Verdict::CopyOf {
                document, exact, ..
            } => {
                assert_eq!(document, a.id);
                assert!(exact);
            }
            v => panic!("{v:?}"),
        }
        // A truncated excerpt (half) is a copy by containment.
        let half: String = a.text.split(' ').take(150).collect::<Vec<_>>().join(" ");
        assert!(ix.check(&doc(&half)).is_copy());
        // A copy with a long preamble.
        let long = format!("{} {}", article(99, 250), a.text);
        assert!(ix.check(&doc(&long)).is_copy());
        // An unrelated text over the same vocabulary is new.
        assert_eq!(ix.check(&doc(&article(2, 300))), Verdict::New);
        // check did not change the index.
        assert_eq!(ix.len(), 1);
    }

    #[test]
    fn insert_is_idempotent_and_short_texts_never_cluster() {
        let mut ix = Index::new(Config::default()).unwrap();
        let a = doc(&article(3, 200));
        ix.insert(&a);
        ix.insert(&a);
        assert_eq!(ix.len(), 1);
        let h1 = doc("Breaking news today");
        let h2 = Document::new("other title", "Breaking news today");
        assert_eq!(ix.insert(&h1), Verdict::New);
        assert_eq!(ix.insert(&h2), Verdict::New);
        let e1 = doc("");
        assert_eq!(ix.insert(&e1), Verdict::New);
    }

    #[test]
    fn flood_of_identical_documents_stays_out_of_the_lsh_tables() {
        let mut ix = Index::new(Config::default()).unwrap();
        let text = article(5, 200);
        for i in 0..600 {
            let mut d = doc(&text);
            d.id = format!("copy-{i}");
            let v = ix.insert(&d);
            assert_eq!(v.is_copy(), i > 0);
        }
        assert_eq!(ix.lsh_len(), 1);
        // Near-identical flood: bucket walks are capped.
        for i in 0..600 {
            let d = doc(&format!("{text} update {i} {}", i * 7));
            ix.insert(&d);
        }
        assert!(ix.check(&doc(&format!("{text} update x y"))).is_copy());
        // Near-identical copies stay out of the LSH tables too: buckets do not grow.
        assert_eq!(ix.lsh_len(), 1);
        assert!(ix.query_stats().1 <= ix.query_stats().0);
    }

    const BOILER: &str = "Home\nWorld\nBusiness\nSports\n\nSubscribe to our newsletter to get the latest news delivered straight to your inbox every morning.\n\nFollow us on Facebook, Twitter and Telegram for breaking news and live updates.\n\nDisclaimer: The views expressed in this article are those of the author and do not necessarily reflect the official policy of this website.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *";

    #[test]
    fn shared_boilerplate_is_learnt_and_makes_no_clusters() {
        let mut ix = Index::new(Config::default()).unwrap();
        // A site wraps twenty different stories in the same boilerplate.
        for i in 0..20 {
            let d = doc(&format!(
                "{BOILER}\n\n{}\n\n{BOILER}",
                article(100 + i, 150)
            ));
            assert_eq!(ix.insert(&d), Verdict::New, "story {i}");
        }
        assert!(ix.is_boilerplate_line("Leave a Reply"));
        assert!(!ix.is_boilerplate_line("The minister arrived in Cairo on Monday"));
        // Pages that are mostly boilerplate around a short, different text never cluster.
        for i in 0..20 {
            let d = doc(&format!("{BOILER}\n\n{}\n\n{BOILER}", article(500 + i, 25)));
            assert_eq!(ix.insert(&d), Verdict::New, "page {i}");
        }
        // A story wrapped in that boilerplate joins its original, whichever came first.
        let story = article(7, 120);
        let original = doc(&story);
        ix.insert(&original);
        let copy = doc(&format!("{BOILER}\n\n{story}\n\n{BOILER}\n\n{BOILER}"));
        match ix.check(&copy) {
            Verdict::CopyOf {
                document,
                similarity,
                ..
            } => {
                assert_eq!(document, original.id);
                assert!(similarity > 0.9, "{similarity}");
            }
            v => panic!("{v:?}"),
        }
    }

    #[test]
    fn copies_are_never_counted_as_boilerplate() {
        let mut ix = Index::new(Config::default()).unwrap();
        let story = article(11, 200);
        let lead = article(12, 30);
        // Fifty sites republish the same story (lead line + body): one story, counted once.
        for i in 0..50 {
            let d = doc(&format!("{lead}\n{story}\nsite {i}"));
            let v = ix.insert(&d);
            assert_eq!(v.is_copy(), i > 0, "{i}");
        }
        assert!(!ix.is_boilerplate_line(&lead));
        let excerpt: String = story.split(' ').take(120).collect::<Vec<_>>().join(" ");
        assert!(ix.check(&doc(&format!("{lead}\n{excerpt}"))).is_copy());
    }

    #[test]
    fn a_document_that_joins_two_stories_merges_them() {
        let mut ix = Index::new(Config::default()).unwrap();
        let story = article(21, 300);
        let words: Vec<&str> = story.split(' ').collect();
        // Two excerpts that do not resemble each other, then the full story.
        let a = doc(&words[..170].join(" "));
        let b = doc(&words[130..].join(" "));
        assert_eq!(ix.insert(&a), Verdict::New);
        assert_eq!(ix.insert(&b), Verdict::New);
        assert!(ix.take_merges().is_empty());
        let full = doc(&story);
        assert!(ix.insert(&full).is_copy());
        let merges = ix.take_merges();
        assert_eq!(merges.len(), 1, "{merges:?}");
        assert_eq!(merges[0].copy_of, full.id);
        assert!(merges[0].document == a.id || merges[0].document == b.id);
        assert!(ix.take_merges().is_empty());
        // The merge survives persistence and is not reported again.
        let mut back = Index::from_bytes(&ix.to_bytes()).unwrap();
        assert!(back.take_merges().is_empty());
        assert_eq!(back.to_bytes(), ix.to_bytes());
    }

    #[test]
    fn other_scripts_cluster_by_their_own_words() {
        let ru = "Секретарь Совета безопасности России Сергей Шойгу посетил Египет и Оман, где провёл переговоры с руководством двух стран о региональной безопасности, военно-техническом сотрудничестве и экономических связях. Министр обороны Египта принял российскую делегацию, стороны договорились расширить совместную подготовку военных и продолжить консультации в следующем году.";
        let ar = "وصل أمين مجلس الأمن الروسي سيرغي شويغو إلى القاهرة في زيارة رسمية يلتقي خلالها الرئيس المصري وعددا من المسؤولين لبحث التعاون العسكري والتقني والأمن الإقليمي والعلاقات الاقتصادية بين البلدين، على أن يتوجه بعدها إلى مسقط لإجراء محادثات مماثلة مع القيادة العمانية.";
        let ru_other = "Центральный банк повысил ключевую ставку на половину процентного пункта во вторник, сославшись на инфляцию, которая остаётся выше цели уже восемнадцать месяцев. Глава банка заявила журналистам, что дальнейшее повышение не исключено, если рост зарплат не замедлится.";
        let mut ix = Index::new(Config::default()).unwrap();
        let (a, b) = (doc(ru), doc(ar));
        assert_eq!(ix.insert(&a), Verdict::New);
        assert_eq!(ix.insert(&b), Verdict::New);
        assert_eq!(ix.check(&doc(ru_other)), Verdict::New);
        let ru_copy = doc(&format!("{}\n\nЧитайте также", ru.to_uppercase()));
        assert!(matches!(ix.check(&ru_copy), Verdict::CopyOf { document, .. } if document == a.id));
        let ar_copy = doc(&format!("{ar}\n\nاقرأ المزيد"));
        assert!(matches!(ix.check(&ar_copy), Verdict::CopyOf { document, .. } if document == b.id));
        // Mixed and odd input never panics.
        for t in [
            "\u{0}\u{feff}",
            "🙂🙂🙂 🙂",
            "\n\n\n",
            "ア",
            &"x ".repeat(100_000),
        ] {
            ix.insert(&doc(t));
        }
    }

    #[test]
    fn cjk_texts_use_char_shingles() {
        let base = "俄罗斯安全会议秘书绍伊古访问埃及和阿曼，与两国领导人举行会谈，讨论地区安全、军事技术合作以及经济和人文合作等问题。埃及国防部长会见了俄方代表团，双方同意加强联合训练。";
        let mut ix = Index::new(Config::default()).unwrap();
        let a = doc(base);
        ix.insert(&a);
        let copy = doc(&format!("{base}本文来源：新闻网"));
        assert!(ix.check(&copy).is_copy());
        let other = doc(
            "日本首相在东京举行记者会，宣布新的经济刺激计划，包括减税和对中小企业的补贴，以应对物价上涨和日元贬值带来的压力。",
        );
        assert_eq!(ix.check(&other), Verdict::New);
    }

    #[test]
    fn bytes_round_trip_and_corruption() {
        let mut ix = Index::new(Config::default()).unwrap();
        let docs: Vec<Document> = (0..50).map(|i| doc(&article(i, 120))).collect();
        for d in &docs {
            ix.insert(d);
        }
        let dup = doc(&format!("{} x", docs[7].text));
        let v = ix.insert(&dup);
        assert!(v.is_copy());
        let bytes = ix.to_bytes();
        let back = Index::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), ix.len());
        assert_eq!(back.lsh_len(), ix.lsh_len());
        assert_eq!(back.check(&dup), v);
        let probe = doc(&format!("{} y z", docs[9].text));
        assert_eq!(back.check(&probe), ix.check(&probe));
        assert_eq!(back.to_bytes(), bytes);
        for cut in [0, 7, 12, 100, bytes.len() - 1] {
            assert!(Index::from_bytes(&bytes[..cut]).is_err(), "cut {cut}");
        }
        let mut bad = bytes.clone();
        bad[8] = 9;
        assert_eq!(
            Index::from_bytes(&bad).unwrap_err(),
            Error::UnsupportedVersion(9)
        );
        let mut huge = bytes[..bytes.len()].to_vec();
        let count_at = 8 + 4 + 10 * 8 + 4 * 4 + 8 + 8;
        huge[count_at..count_at + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Index::from_bytes(&huge).is_err());
    }

    #[test]
    fn config_is_validated() {
        let c = Config {
            bands: 100,
            ..Config::default()
        };
        assert!(Index::new(c).is_err());
        let c = Config {
            jaccard_threshold: f32::NAN,
            ..Config::default()
        };
        assert!(Index::new(c).is_err());
    }
}
