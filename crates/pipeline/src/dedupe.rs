//! The dedupe stage over [`attache_dedupe::Index`], and story clusters from stored copy links.
//!
//! [`IndexDeduper`] checks each new document against an index of every stored document (exact
//! copies by normalised-text hash, near copies by MinHash LSH verified by resemblance or
//! containment). The index persists across runs as one fingerprint per document in the store
//! (`fingerprints` table, opaque bytes of a named scheme): a run with new documents rebuilds
//! the index from them in stored order, which costs no text reading or shingling; documents
//! stored without a fingerprint of the current scheme (older databases, a changed
//! configuration) are fingerprinted from their text once, in parallel, and their fingerprints
//! and copy links are written back. See docs/BENCHMARKS.md (Stories) for why fingerprints
//! rather than a serialised index or the texts.
//!
//! A fingerprint carries the keys of the document's lines, so replaying fingerprints in stored
//! order relearns the boilerplate lines the index leaves out of shingle sets. When a document
//! is a copy of two stories the index merges them: besides the document's own copy link (its
//! verdict), the story without a link gets one to the new document (`Index::take_merges`);
//! those links go out with the stage's records.
//!
//! [`rebuild_stories`] rebuilds every story cluster from the stored copy links and replaces
//! the stored clusters.

use std::cell::RefCell;

use attache_dedupe::{Config, Fingerprint, Index, Link};
use attache_model::{Document, hash};
use attache_store::{CopyLink, DedupeInput, DocumentHead, Store, StoreError};
use rayon::prelude::*;

pub use attache_dedupe::{DocMeta, OutletSummary, build_clusters, outlet_summary, same_outlet};

use crate::stage::{DedupeRecords, Deduper, StoredDocuments, Verdict};

/// Documents fingerprinted per parallel chunk while loading texts.
const LOAD_CHUNK: usize = 2048;

/// The dedupe stage: an [`Index`] of the stored documents.
pub struct IndexDeduper {
    index: Index,
    scheme: String,
    /// The fingerprint `check` computed last, reused by the `insert` that follows it.
    last: RefCell<Option<(String, Fingerprint)>>,
    pending: Vec<(String, Vec<u8>)>,
    links: Vec<CopyLink>,
}

impl std::fmt::Debug for IndexDeduper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexDeduper")
            .field("documents", &self.index.len())
            .field("scheme", &self.scheme)
            .finish()
    }
}

impl Default for IndexDeduper {
    fn default() -> Self {
        Self::new()
    }
}

impl IndexDeduper {
    /// An empty deduper with the default configuration of [`attache_dedupe::Config`].
    pub fn new() -> Self {
        Self::with_config(Config::default()).expect("the default dedupe configuration is valid")
    }

    /// An empty deduper with another configuration.
    pub fn with_config(cfg: Config) -> Result<Self, attache_dedupe::Error> {
        let scheme = format!(
            "minhash-2-{}",
            &hash::stable_id(&["dedupe-config", &format!("{cfg:?}")])
        );
        Ok(IndexDeduper {
            index: Index::new(cfg)?,
            scheme,
            last: RefCell::new(None),
            pending: Vec::new(),
            links: Vec::new(),
        })
    }

    /// The fingerprint scheme stored fingerprints must carry to be used.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    fn fingerprint_of(&self, document: &Document) -> Fingerprint {
        if let Some((id, fp)) = self.last.borrow().as_ref()
            && *id == document.id
        {
            return fp.clone();
        }
        self.index.fingerprint(&document.text)
    }
}

/// Fingerprint bytes: exact key, token and shingle counts, the number of line keys, the line
/// keys, then the signature, little-endian.
pub fn encode_fingerprint(fp: &Fingerprint) -> Vec<u8> {
    let mut out = Vec::with_capacity(20 + 4 * fp.lines.len() + 2 * fp.signature.len());
    out.extend_from_slice(&fp.exact.to_le_bytes());
    out.extend_from_slice(&fp.tokens.to_le_bytes());
    out.extend_from_slice(&fp.shingles.to_le_bytes());
    out.extend_from_slice(&(fp.lines.len() as u32).to_le_bytes());
    for v in &fp.lines {
        out.extend_from_slice(&v.to_le_bytes());
    }
    for v in &fp.signature {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// The fingerprint in `bytes`, or `None` when they are not one.
pub fn decode_fingerprint(bytes: &[u8]) -> Option<Fingerprint> {
    if bytes.len() < 20 {
        return None;
    }
    let (head, rest) = bytes.split_at(20);
    let lines = u32::from_le_bytes(head[16..20].try_into().ok()?) as usize;
    if lines > attache_dedupe::MAX_LINES || rest.len() < 4 * lines {
        return None;
    }
    let (keys, sig) = rest.split_at(4 * lines);
    if !sig.len().is_multiple_of(2) {
        return None;
    }
    Some(Fingerprint {
        exact: u64::from_le_bytes(head[0..8].try_into().ok()?),
        tokens: u32::from_le_bytes(head[8..12].try_into().ok()?),
        shingles: u32::from_le_bytes(head[12..16].try_into().ok()?),
        lines: keys
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        signature: sig
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect(),
    })
}

fn merge_links(index: &mut Index) -> impl Iterator<Item = CopyLink> + use<> {
    index.take_merges().into_iter().map(|l| CopyLink {
        document: l.document,
        copy_of: l.copy_of,
        similarity: l.similarity,
    })
}

fn stage_verdict(v: attache_dedupe::Verdict) -> Verdict {
    match v {
        attache_dedupe::Verdict::New => Verdict::New,
        attache_dedupe::Verdict::CopyOf {
            document,
            similarity,
            containment,
            ..
        } => Verdict::CopyOf {
            document,
            similarity: similarity.max(containment),
        },
    }
}

impl Deduper for IndexDeduper {
    fn name(&self) -> &'static str {
        "MinHash LSH near-duplicates (resemblance or containment), stories by copy links"
    }

    fn check(&self, document: &Document) -> Verdict {
        let fp = self.fingerprint_of(document);
        let verdict = self.index.check_fingerprint(&fp);
        *self.last.borrow_mut() = Some((document.id.clone(), fp));
        stage_verdict(verdict)
    }

    fn insert(&mut self, document: &Document) {
        let fp = self.fingerprint_of(document);
        *self.last.borrow_mut() = None;
        self.index.insert_fingerprint(&document.id, &fp);
        // Stories this document joins to its own (see `Index::take_merges`).
        self.links.extend(merge_links(&mut self.index));
        self.pending
            .push((document.id.clone(), encode_fingerprint(&fp)));
    }

    fn load(&mut self, stored: &dyn StoredDocuments) -> Result<(), StoreError> {
        self.index = Index::new(self.index.config().clone())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        *self.last.borrow_mut() = None;
        let scheme = self.scheme.clone();
        // (id, fingerprint, text to fingerprint) in stored order; texts are fingerprinted in
        // parallel per chunk, then everything is inserted in order.
        let mut chunk: Vec<(String, Option<Fingerprint>, Option<String>)> = Vec::new();
        let mut from_text: Vec<String> = Vec::new();
        let mut corrupt = 0usize;
        stored.for_each_dedupe_input(&scheme, &mut |id, input| {
            match input {
                DedupeInput::Fingerprint(bytes) => match decode_fingerprint(bytes) {
                    Some(fp) => chunk.push((id.to_string(), Some(fp), None)),
                    None => corrupt += 1,
                },
                DedupeInput::Text(text) => {
                    from_text.push(id.to_string());
                    chunk.push((id.to_string(), None, Some(text.to_string())));
                }
            }
            if chunk.len() >= LOAD_CHUNK {
                // Fingerprint the chunk's texts, then insert in order; verdicts of documents
                // loaded from text become links below.
                let verdicts = insert_chunk(&mut self.index, &mut chunk, &mut self.pending);
                self.links.extend(verdicts);
            }
        })?;
        let verdicts = insert_chunk(&mut self.index, &mut chunk, &mut self.pending);
        self.links.extend(verdicts);
        if corrupt > 0 {
            tracing::warn!("{corrupt} stored dedupe fingerprints are unreadable and were skipped");
        }
        if !from_text.is_empty() {
            tracing::info!(
                "fingerprinted {} stored documents from their text",
                from_text.len()
            );
        }
        Ok(())
    }

    fn take_records(&mut self) -> DedupeRecords {
        DedupeRecords {
            scheme: self.scheme.clone(),
            fingerprints: std::mem::take(&mut self.pending),
            links: std::mem::take(&mut self.links),
        }
    }
}

/// Insert a loaded chunk in order; texts are fingerprinted first, in parallel. Returns the
/// copy links of the documents that came as text (their fingerprints go to `pending`).
fn insert_chunk(
    index: &mut Index,
    chunk: &mut Vec<(String, Option<Fingerprint>, Option<String>)>,
    pending: &mut Vec<(String, Vec<u8>)>,
) -> Vec<CopyLink> {
    {
        let index = &*index;
        chunk.par_iter_mut().for_each(|(_, fp, text)| {
            if let Some(t) = text.as_deref() {
                *fp = Some(index.fingerprint(t));
            }
        });
    }
    let mut links = Vec::new();
    for (id, fp, text) in chunk.drain(..) {
        let Some(fp) = fp else { continue };
        let verdict = index.insert_fingerprint(&id, &fp);
        // Merges of documents loaded with their fingerprints were stored with them.
        let merges: Vec<CopyLink> = merge_links(index).collect();
        if text.is_some() {
            links.extend(merges);
            pending.push((id.clone(), encode_fingerprint(&fp)));
            if let Verdict::CopyOf {
                document,
                similarity,
            } = stage_verdict(verdict)
            {
                links.push(CopyLink {
                    document: id,
                    copy_of: document,
                    similarity,
                });
            }
        }
    }
    links
}

/// What clustering needs of a stored document.
pub fn doc_meta(head: &DocumentHead) -> DocMeta {
    let mut d = Document::new(head.title.clone(), head.lead.clone());
    d.id = head.id.clone();
    d.url = head.url.clone();
    d.site_name = head.site_name.clone();
    d.published = head.published;
    d.fetched = head.fetched;
    d.syndication = head.syndication.clone();
    DocMeta::from_document(&d)
}

/// Rebuild every story cluster from the stored copy links and replace the stored clusters;
/// returns the number of clusters.
pub fn rebuild_stories<S: Store + ?Sized>(store: &mut S) -> Result<usize, StoreError> {
    let links = store.copy_links()?;
    let mut ids: Vec<String> = Vec::with_capacity(links.len() * 2);
    let mut seen = std::collections::HashSet::new();
    for l in &links {
        for id in [&l.document, &l.copy_of] {
            if seen.insert(id.as_str()) {
                ids.push(id.clone());
            }
        }
    }
    let metas: Vec<DocMeta> = store
        .document_heads(Some(&ids))?
        .iter()
        .map(doc_meta)
        .collect();
    let links: Vec<Link> = links
        .into_iter()
        .map(|l| Link {
            document: l.document,
            copy_of: l.copy_of,
            similarity: l.similarity,
        })
        .collect();
    let clusters = build_clusters(&metas, &links);
    store.replace_clusters(&clusters)?;
    Ok(clusters.len())
}

/// Every stored document's clustering view, for the per-outlet summary.
pub fn all_doc_metas<S: Store + ?Sized>(store: &S) -> Result<Vec<DocMeta>, StoreError> {
    Ok(store.document_heads(None)?.iter().map(doc_meta).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PassThroughAnnotator;
    use crate::basic::BasicExtractor;
    use crate::run::{Collect, ItemReport, Pipeline};
    use crate::sources::{Inputs, Source, SourceOptions};
    use attache_store::SqliteStore;

    const STORY: &str = "The central bank raised its main interest rate by half a point on \
        Tuesday, the third increase this year, citing inflation that has stayed above its \
        target for eighteen months. The governor told reporters that further rises could \
        not be ruled out if wage growth did not slow, and that the bank would watch the \
        housing market closely. Economists had expected a smaller move. The currency rose \
        against the dollar after the announcement, while shares of property developers fell \
        sharply in afternoon trading.";

    fn pipeline() -> Pipeline {
        Pipeline::new(
            Box::new(BasicExtractor),
            Box::new(IndexDeduper::new()),
            Box::new(PassThroughAnnotator),
        )
    }

    fn add(store: &mut SqliteStore, files: &[(&std::path::Path, &str)]) -> Vec<ItemReport> {
        let mut reports = Vec::new();
        for (hour, (path, source)) in files.iter().enumerate() {
            let mut obs = Collect::default();
            let opts = SourceOptions {
                hints: crate::Hints {
                    site_name: Some(source.to_string()),
                    published: Some(
                        format!("2025-02-27T{:02}:00:00Z", 10 + hour)
                            .parse()
                            .unwrap(),
                    ),
                    ..Default::default()
                },
                ..SourceOptions::default()
            };
            let inputs = Inputs::new(&[Source::Path(path.to_path_buf())], opts);
            pipeline().run(store, inputs, &mut obs).unwrap();
            reports.extend(obs.0);
        }
        reports
    }

    #[test]
    fn fingerprints_round_trip_and_reject_junk() {
        let d = IndexDeduper::new();
        let fp = d.index.fingerprint(STORY);
        assert_eq!(
            decode_fingerprint(&encode_fingerprint(&fp)),
            Some(fp.clone())
        );
        assert_eq!(decode_fingerprint(&[1, 2, 3]), None);
        assert_eq!(decode_fingerprint(&[0; 17]), None);
        let mut junk = encode_fingerprint(&fp);
        junk[16..20].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode_fingerprint(&junk), None);
    }

    #[test]
    fn copies_across_runs_become_one_story() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        let c = dir.path().join("c.txt");
        std::fs::write(&a, format!("Rates rise again\n{STORY}")).unwrap();
        std::fs::write(
            &b,
            format!("Bank lifts rates\nHome | World | Business\n{STORY}\nJoin our channel!"),
        )
        .unwrap();
        std::fs::write(
            &c,
            "Storm hits coast\nA storm brought heavy rain and winds of \
            up to 120 km/h to the coast overnight, cutting power to thousands of homes and \
            closing schools and roads across the region, officials said on Wednesday.",
        )
        .unwrap();
        let mut store = SqliteStore::open_in_memory().unwrap();
        // Separate runs: the second loads the index from the first's fingerprints.
        let reports = add(&mut store, &[(&a, "Wire"), (&c, "Wire"), (&b, "Copier")]);
        let copy_of: Vec<Option<String>> = reports
            .iter()
            .filter_map(|r| match r {
                ItemReport::Added { copy_of, .. } => Some(copy_of.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(copy_of.len(), 3);
        assert_eq!(copy_of[0], None);
        assert_eq!(copy_of[1], None);
        let links = store.copy_links().unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(Some(&links[0].copy_of), copy_of[2].as_ref());
        let clusters = store.clusters(10).unwrap();
        assert_eq!(clusters.len(), 1);
        assert_eq!(clusters[0].size(), 2);
        assert_eq!(clusters[0].origin.as_deref(), Some("Wire"));
        assert_eq!(clusters[0].members[1].delay_seconds, Some(2 * 3600));

        // A database whose fingerprints are gone is rebuilt from the texts.
        let mut d = IndexDeduper::new();
        d.load(&View(&store, "another-scheme")).unwrap();
        assert_eq!(d.len(), 3);
        let records = d.take_records();
        assert_eq!(records.fingerprints.len(), 3);
        assert_eq!(
            records.links.len(),
            1,
            "links are found again from the texts"
        );
    }

    struct View<'a>(&'a SqliteStore, &'a str);

    impl StoredDocuments for View<'_> {
        fn for_each_dedupe_input(
            &self,
            _scheme: &str,
            f: &mut dyn FnMut(&str, DedupeInput<'_>),
        ) -> Result<(), StoreError> {
            self.0.for_each_dedupe_input(self.1, f)
        }
    }
}
