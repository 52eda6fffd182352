//! Lines that recur across different stories (site boilerplate: menus, calls to subscribe,
//! disclaimers, syndication credits), learned incrementally.
//!
//! Every document that the index finds to be *new* (not a copy) counts each of its distinct
//! lines once, by a 32-bit key of the line's normalised tokens, in a count-min sketch (two rows
//! of saturating 8-bit counters, conservative update). A line counted in at least
//! `Config::boilerplate_min_docs` stories is boilerplate: its tokens are left out of the
//! shingle set of the documents fingerprinted afterwards. Copies never count (a story copied by
//! fifty sites counts once), nor do exact duplicates, so neither a flood of identical
//! documents nor a widely republished story turns story text into boilerplate.
//!
//! The sketch has a fixed size (`2 × 2^boilerplate_table_bits` bytes, allocated on first use).
//! With 2^23 counters per row and ~15 lines per document, a line never seen before reads as
//! seen ≥ 5 times by collisions alone with probability ~0.1 % at a million new documents.

/// A count-min sketch of line keys.
#[derive(Debug, Clone)]
pub(crate) struct LineCounts {
    bits: u32,
    /// Two rows of `1 << bits` counters, side by side; empty until the first `add`.
    table: Vec<u8>,
}

impl LineCounts {
    pub fn new(bits: u32) -> Self {
        LineCounts {
            bits: bits.clamp(4, 30),
            table: Vec::new(),
        }
    }

    #[inline]
    fn slots(&self, key: u32) -> (usize, usize) {
        let h = crate::text::mix64(u64::from(key) | 0x5851_f42d_0000_0000);
        let mask = (1usize << self.bits) - 1;
        let a = (h as usize) & mask;
        let b = ((h >> 32) as usize) & mask;
        (a, (1usize << self.bits) + b)
    }

    /// How many new documents had this line (an upper bound).
    #[inline]
    pub fn get(&self, key: u32) -> u8 {
        if self.table.is_empty() {
            return 0;
        }
        let (a, b) = self.slots(key);
        self.table[a].min(self.table[b])
    }

    /// Count one more document with this line (conservative update: only the counters at the
    /// current minimum grow).
    pub fn add(&mut self, key: u32) {
        if self.table.is_empty() {
            self.table = vec![0u8; 2usize << self.bits];
        }
        let (a, b) = self.slots(key);
        let m = self.table[a].min(self.table[b]);
        if m == u8::MAX {
            return;
        }
        for i in [a, b] {
            if self.table[i] == m {
                self.table[i] = m + 1;
            }
        }
    }

    /// The counters (empty when nothing was counted yet).
    pub fn raw(&self) -> &[u8] {
        &self.table
    }

    /// Number of counters.
    pub fn raw_len(&self) -> usize {
        2usize << self.bits
    }

    /// Allocate the counters and fill them with `f`.
    pub fn set_raw<E>(&mut self, f: impl FnOnce(&mut [u8]) -> Result<(), E>) -> Result<(), E> {
        if self.table.is_empty() {
            self.table = vec![0u8; self.raw_len()];
        }
        f(&mut self.table)
    }

    pub fn memory_bytes(&self) -> usize {
        self.table.capacity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_upper_bounds_and_saturate() {
        let mut c = LineCounts::new(10);
        assert_eq!(c.get(7), 0);
        for _ in 0..3 {
            c.add(7);
        }
        assert_eq!(c.get(7), 3);
        for k in 0..100 {
            c.add(1000 + k);
        }
        assert!(c.get(7) >= 3);
        for _ in 0..300 {
            c.add(9);
        }
        assert_eq!(c.get(9), u8::MAX);
    }
}
