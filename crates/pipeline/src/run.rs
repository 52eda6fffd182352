//! Running the stages over a stream of inputs: batches are extracted and annotated in parallel
//! (rayon), checked against the deduper and the store in order, and written to the store in one
//! transaction per batch. A failure of one input never stops the run; a store failure does
//! (nothing of the failing batch is written).

use std::time::{Duration, Instant};

use attache_model::{AnnotatedDocument, Document};
use attache_store::people::{aggregate, merge, observations, title_key};
use attache_store::{
    CopyLink, DedupeInput, InsertOutcome, PeopleFilter, PersonRole, Store, StoreError,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::sources::InputError;
use crate::{Annotator, Deduper, Extractor, RawInput, StoredDocuments, Verdict};

/// What happened to one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ItemReport {
    Added {
        origin: String,
        id: String,
        /// A near-duplicate of this stored document, when the deduper found one.
        copy_of: Option<String>,
    },
    Duplicate {
        origin: String,
        id: String,
    },
    Failed {
        origin: String,
        message: String,
    },
    Warning {
        origin: String,
        message: String,
    },
}

/// Receives progress and per-input reports (progress bars, logs, tests).
pub trait Observer {
    /// `bytes` more of the input were processed.
    fn progress(&mut self, _bytes: u64) {}
    fn report(&mut self, report: &ItemReport);
}

/// Collects reports in memory.
#[derive(Debug, Default)]
pub struct Collect(pub Vec<ItemReport>);

impl Observer for Collect {
    fn report(&mut self, report: &ItemReport) {
        self.0.push(report.clone());
    }
}

/// Counts of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub added: u64,
    pub duplicates: u64,
    pub failed: u64,
    pub warnings: u64,
    /// Copy links recorded (added documents that are near or exact copies of stored ones).
    pub copies: u64,
    /// Story clusters stored after the run (only set when the run recorded copy links).
    pub stories: Option<u64>,
    #[serde(skip)]
    pub elapsed: Duration,
}

impl Summary {
    /// "added 2 documents, 1 duplicate, 1 failed in 0.1 s"
    pub fn line(&self) -> String {
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let secs = self.elapsed.as_secs_f64();
        let mut line = format!(
            "added {}, {} (already stored), {} failed",
            plural(self.added, "document", "documents"),
            plural(self.duplicates, "duplicate", "duplicates"),
            self.failed
        );
        if self.warnings > 0 {
            line += &format!(", {}", plural(self.warnings, "warning", "warnings"));
        }
        if self.copies > 0 {
            line += &format!(
                ", {} linked into stories",
                plural(self.copies, "copy", "copies")
            );
        }
        line += &format!(" in {secs:.2} s");
        let n = self.added + self.duplicates;
        if secs > 0.0 && n > 0 {
            line += &format!(" ({:.0} documents/s)", n as f64 / secs);
        }
        line
    }
}

/// Date the document from its text when it has no date, then annotate it.
pub fn annotate(annotator: &dyn Annotator, mut document: Document) -> AnnotatedDocument {
    if document.published.is_none()
        && let Some(d) = annotator.infer_date(&document)
    {
        document.published = Some(d.published);
        document.published_precision = d.precision;
        document.published_source = Some(d.how);
    }
    let annotations = annotator.annotate(&document);
    AnnotatedDocument {
        document,
        annotations,
    }
}

/// The stored document a new one copies, and how alike they are.
type CopyOf = Option<(String, f32)>;

/// A document and its warnings, or why extraction failed.
type ExtractResult = Result<(Document, Vec<String>), String>;

/// The configured stage sequence.
pub struct Pipeline {
    pub extractor: Box<dyn Extractor>,
    pub deduper: Box<dyn Deduper>,
    pub annotator: Box<dyn Annotator>,
    /// Inputs per batch (and per store transaction).
    pub batch_size: usize,
    /// Bytes per batch, whichever limit comes first.
    pub batch_bytes: usize,
}

impl Pipeline {
    pub fn new(
        extractor: Box<dyn Extractor>,
        deduper: Box<dyn Deduper>,
        annotator: Box<dyn Annotator>,
    ) -> Self {
        Pipeline {
            extractor,
            deduper,
            annotator,
            batch_size: 512,
            batch_bytes: 32 * 1024 * 1024,
        }
    }

    /// Give the annotator what `store` knows about people and their roles (a run does this by
    /// itself; `attache reprocess`, which calls the annotator directly, calls this first).
    pub fn learn_people<S: Store + ?Sized>(&self, store: &S) -> Result<(), StoreError> {
        self.annotator
            .learn_people(&store.people(&PeopleFilter::default())?);
        Ok(())
    }

    /// Extract and annotate one input without storing it (for `attache extract`/`annotate`).
    pub fn process_one(
        &self,
        input: &RawInput,
    ) -> Result<(AnnotatedDocument, Vec<String>), String> {
        let x = self.extractor.extract(input).map_err(|e| e.to_string())?;
        Ok((annotate(&*self.annotator, x.document), x.warnings))
    }

    /// Run every input through the stages into `store`.
    pub fn run<S: Store + ?Sized>(
        &mut self,
        store: &mut S,
        inputs: impl Iterator<Item = Result<RawInput, InputError>>,
        observer: &mut dyn Observer,
    ) -> Result<Summary, StoreError> {
        let started = Instant::now();
        let mut summary = Summary::default();
        let mut loaded = false;
        let mut people: Option<Vec<PersonRole>> = None;
        let mut batch: Vec<RawInput> = Vec::new();
        let mut batch_bytes = 0usize;
        for item in inputs {
            match item {
                Ok(input) => {
                    batch_bytes += input.bytes.len();
                    batch.push(input);
                    if batch.len() >= self.batch_size || batch_bytes >= self.batch_bytes {
                        self.run_batch(
                            store,
                            std::mem::take(&mut batch),
                            observer,
                            &mut summary,
                            (&mut loaded, &mut people),
                        )?;
                        batch_bytes = 0;
                    }
                }
                Err(e) => {
                    summary.failed += 1;
                    observer.progress(e.bytes);
                    observer.report(&ItemReport::Failed {
                        origin: e.origin,
                        message: e.message,
                    });
                }
            }
        }
        if !batch.is_empty() {
            self.run_batch(
                store,
                batch,
                observer,
                &mut summary,
                (&mut loaded, &mut people),
            )?;
        }
        if summary.copies > 0 {
            summary.stories = Some(crate::dedupe::rebuild_stories(store)? as u64);
        }
        summary.elapsed = started.elapsed();
        Ok(summary)
    }

    fn run_batch<S: Store + ?Sized>(
        &mut self,
        store: &mut S,
        batch: Vec<RawInput>,
        observer: &mut dyn Observer,
        summary: &mut Summary,
        (loaded, people): (&mut bool, &mut Option<Vec<PersonRole>>),
    ) -> Result<(), StoreError> {
        let extractor = &*self.extractor;
        let extracted: Vec<(String, usize, ExtractResult)> = batch
            .into_par_iter()
            .map(|input| {
                let r = extractor
                    .extract(&input)
                    .map(|x| (x.document, x.warnings))
                    .map_err(|e| e.to_string());
                (input.origin, input.bytes.len(), r)
            })
            .collect();

        // In input order: skip what the store already holds, ask the deduper about the rest.
        let mut todo: Vec<(String, Document, CopyOf)> = Vec::new();
        let mut seen_in_batch = std::collections::HashMap::new();
        for (origin, bytes, result) in extracted {
            observer.progress(bytes as u64);
            match result {
                Err(message) => {
                    summary.failed += 1;
                    observer.report(&ItemReport::Failed { origin, message });
                }
                Ok((doc, warnings)) => {
                    for message in warnings {
                        summary.warnings += 1;
                        observer.report(&ItemReport::Warning {
                            origin: origin.clone(),
                            message,
                        });
                    }
                    let known = match seen_in_batch.get(&doc.content_hash) {
                        Some(id) => Some(String::clone(id)),
                        None => store.find_by_hash(&doc.content_hash)?,
                    };
                    if let Some(id) = known {
                        summary.duplicates += 1;
                        observer.report(&ItemReport::Duplicate { origin, id });
                        continue;
                    }
                    seen_in_batch.insert(doc.content_hash.clone(), doc.id.clone());
                    if !*loaded {
                        self.deduper.load(&StoreView(&*store))?;
                        *loaded = true;
                    }
                    let copy_of = match self.deduper.check(&doc) {
                        Verdict::New => None,
                        Verdict::CopyOf {
                            document,
                            similarity,
                        } => Some((document, similarity)),
                    };
                    self.deduper.insert(&doc);
                    todo.push((origin, doc, copy_of));
                }
            }
        }

        // What the stored documents say about people, once per run.
        if !todo.is_empty() && people.is_none() {
            let known = store.people(&PeopleFilter::default())?;
            self.annotator.learn_people(&known);
            *people = Some(known);
        }
        let annotator = &*self.annotator;
        type Meta = (String, CopyOf);
        let (meta, mut annotated): (Vec<Meta>, Vec<AnnotatedDocument>) = todo
            .into_par_iter()
            .map(|(origin, document, copy_of)| ((origin, copy_of), annotate(annotator, document)))
            .unzip();
        if let Some(known) = people.take() {
            *people = Some(self.learn_within_batch(known, &mut annotated));
        }
        let outcomes = store.insert_batch(&annotated)?;
        let records = self.deduper.take_records();
        let mut links = records.links;
        for ((origin, copy_of), outcome) in meta.into_iter().zip(outcomes) {
            match outcome {
                InsertOutcome::Added { id } => {
                    summary.added += 1;
                    if let Some((copy_of, similarity)) = &copy_of {
                        links.push(CopyLink {
                            document: id.clone(),
                            copy_of: copy_of.clone(),
                            similarity: *similarity,
                        });
                    }
                    observer.report(&ItemReport::Added {
                        origin,
                        id,
                        copy_of: copy_of.map(|(d, _)| d),
                    });
                }
                InsertOutcome::Duplicate { id } => {
                    summary.duplicates += 1;
                    observer.report(&ItemReport::Duplicate { origin, id });
                }
            }
        }
        if !records.fingerprints.is_empty() {
            store.put_fingerprints(&records.scheme, &records.fingerprints)?;
        }
        if !links.is_empty() {
            store.put_copy_links(&links)?;
            summary.copies += links.len() as u64;
        }
        Ok(())
    }
}

impl Pipeline {
    /// Documents of one batch are annotated side by side, so none of them knows what the
    /// others say about people. When the batch states roles, the annotator learns them (merged
    /// with `known`, what the store held) and, when some are new, the documents of the batch
    /// that could use them (a capitalised word that is a newly learned surname no mention
    /// resolves, or a newly learned title) are annotated again. Returns what is known after
    /// the batch, for the next one.
    fn learn_within_batch(
        &self,
        known: Vec<PersonRole>,
        annotated: &mut [AnnotatedDocument],
    ) -> Vec<PersonRole> {
        let per_doc: Vec<Vec<attache_store::PersonObservation>> = annotated
            .par_iter()
            .map(|d| observations(&d.document, &d.annotations))
            .collect();
        if per_doc.iter().all(Vec::is_empty) {
            return known;
        }
        let known_keys: std::collections::HashSet<(String, String, Option<String>)> = known
            .iter()
            .map(|r| (r.entity.clone(), title_key(&r.title), r.country.clone()))
            .collect();
        let new: Vec<attache_store::PersonObservation> = per_doc
            .iter()
            .flatten()
            .filter(|o| {
                !known_keys.contains(&(o.entity.clone(), o.title_key.clone(), o.country.clone()))
            })
            .cloned()
            .collect();
        let mut merged = known;
        merged.extend(aggregate(per_doc.iter().flatten().cloned()));
        let merged = merge(merged);
        self.annotator.learn_people(&merged);
        if new.is_empty() || annotated.len() < 2 {
            return merged;
        }
        let learned = crate::analysis::Knowledge::new(aggregate(new));
        let annotator = &*self.annotator;
        annotated.par_iter_mut().zip(per_doc).for_each(|(d, own)| {
            let own: Vec<String> = own.into_iter().map(|o| o.entity).collect();
            if learned.could_resolve(&d.document.text, &d.annotations.mentions, &own) {
                d.annotations = annotator.annotate(&d.document);
            }
        });
        merged
    }
}

/// A store seen by a deduper loading its index.
struct StoreView<'a, S: ?Sized>(&'a S);

impl<S: Store + ?Sized> StoredDocuments for StoreView<'_, S> {
    fn for_each_dedupe_input(
        &self,
        scheme: &str,
        f: &mut dyn FnMut(&str, DedupeInput<'_>),
    ) -> Result<(), StoreError> {
        self.0.for_each_dedupe_input(scheme, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basic::BasicExtractor;
    use crate::sources::{Inputs, Source, SourceOptions};
    use crate::{PassThroughAnnotator, PassThroughDeduper};
    use attache_store::SqliteStore;

    fn pipeline() -> Pipeline {
        let mut p = Pipeline::new(
            Box::new(BasicExtractor),
            Box::new(PassThroughDeduper),
            Box::new(PassThroughAnnotator),
        );
        p.batch_size = 2;
        p
    }

    #[test]
    fn later_batches_resolve_surnames_through_roles_of_earlier_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("a.txt"),
            "Shoigu in Pyongyang\nSergei Shoigu, Secretary of the Security Council of Russia, \
             arrived in Pyongyang for talks.",
        )
        .unwrap();
        std::fs::write(
            d.join("b.txt"),
            "Talks in Tehran\nShoigu held talks with Iranian officials in Tehran.",
        )
        .unwrap();
        let mut p = Pipeline::new(
            Box::new(BasicExtractor),
            Box::new(PassThroughDeduper),
            Box::new(crate::analysis::Analyzer::new()),
        );
        p.batch_size = 1;
        let mut store = SqliteStore::open_in_memory().unwrap();
        let inputs = Inputs::new(&[Source::Path(d.to_path_buf())], SourceOptions::default());
        let summary = p.run(&mut store, inputs, &mut Collect::default()).unwrap();
        assert_eq!(summary.added, 2);
        let people = store
            .people(&attache_store::PeopleFilter::default())
            .unwrap();
        assert_eq!(people.len(), 1, "{people:?}");
        let ids = store.document_ids().unwrap();
        let second = store.document(&ids[1]).unwrap().unwrap();
        let m = second
            .annotations
            .mentions
            .iter()
            .find(|m| m.text == "Shoigu")
            .expect("the surname is a mention");
        assert_eq!(m.country.as_deref(), Some("RUS"));
        assert_eq!(m.entity.as_deref(), Some(people[0].entity.as_str()));
    }

    #[test]
    fn adds_good_inputs_names_bad_ones_and_stores_once() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.txt"), "Alpha\nThe first article body.").unwrap();
        std::fs::write(d.join("b.txt"), "Beta\nThe second article body.").unwrap();
        std::fs::write(
            d.join("b-copy.txt"),
            "Beta\r\n The second   article body.\r\n",
        )
        .unwrap();
        std::fs::write(d.join("empty.txt"), "").unwrap();
        std::fs::write(d.join("binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
        std::fs::write(d.join("c.html"), "<title>Gamma</title><p>Third body.</p>").unwrap();
        let mut store = SqliteStore::open_in_memory().unwrap();
        let run = |store: &mut SqliteStore| {
            let mut obs = Collect::default();
            let inputs = Inputs::new(&[Source::Path(d.to_path_buf())], SourceOptions::default());
            let summary = pipeline().run(store, inputs, &mut obs).unwrap();
            (summary, obs.0)
        };
        let (summary, reports) = run(&mut store);
        assert_eq!(
            (summary.added, summary.duplicates, summary.failed),
            (3, 1, 2)
        );
        let failed: Vec<String> = reports
            .iter()
            .filter_map(|r| match r {
                ItemReport::Failed { origin, message } => Some(format!(
                    "{}: {message}",
                    std::path::Path::new(origin)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            failed,
            vec![
                "binary.txt: binary content, not text",
                "empty.txt: empty document"
            ]
        );
        let (again, _) = run(&mut store);
        assert_eq!((again.added, again.duplicates, again.failed), (0, 4, 2));
        assert_eq!(store.stats().unwrap().documents, 3);
        assert!(
            summary
                .line()
                .starts_with("added 3 documents, 1 duplicate (already stored), 2 failed")
        );
    }
}
