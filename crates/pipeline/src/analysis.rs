//! The annotate stage as the pipeline runs it: sentences, time expressions (TimeML values
//! relative to the document date, and the document date itself when metadata gives none),
//! actor mentions, and CAMEO/PLOVER events with their evidence. Mentions the document leaves
//! open (a bare surname, a title alone) resolve through what earlier documents taught about
//! people and their roles ([`knowledge`]; see [`Analyzer::set_people`]).

pub mod knowledge;

use std::sync::{Arc, RwLock};

use attache_annotate::entities::EntityRecognizer;
use attache_annotate::events::{CoderInput, EventCoder};
use attache_annotate::sentences;
use attache_annotate::time::{self, DateSource, Dct};
use attache_model::{Annotations, Document};
use attache_store::PersonRole;

pub use knowledge::Knowledge;

use crate::stage::{Annotator, InferredDate};

/// The analysis of this build. Build once; it is shared by the worker threads.
pub struct Analyzer {
    entities: EntityRecognizer,
    coder: EventCoder,
    /// People and roles learned from earlier documents (a snapshot, replaced as a whole).
    people: RwLock<Arc<Knowledge>>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

impl Analyzer {
    /// Build the analysis (loads the compiled-in gazetteer and verb dictionaries).
    pub fn new() -> Self {
        Analyzer {
            // The gazetteer is compiled in and checked by the crate's tests: failing to load it
            // is a build defect, not an input problem.
            entities: EntityRecognizer::new().expect("the compiled-in gazetteer loads"),
            coder: EventCoder::new(),
            people: RwLock::new(Arc::new(Knowledge::default())),
        }
    }

    /// Replace what the analysis knows about people and their roles (from
    /// [`attache_store::Store::people`], plus what not yet stored documents taught). Later
    /// calls to `annotate` use it; calls in flight keep the snapshot they started with.
    pub fn set_people(&self, roles: Vec<PersonRole>) {
        let knowledge = Arc::new(Knowledge::new(roles));
        *self.people.write().unwrap_or_else(|e| e.into_inner()) = knowledge;
    }

    /// The current snapshot of known people.
    pub fn people(&self) -> Arc<Knowledge> {
        self.people
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

fn dct(document: &Document) -> Option<Dct> {
    document
        .published
        .map(|t| Dct::from_timestamp(t, document.published_precision))
}

impl Annotator for Analyzer {
    fn name(&self) -> String {
        "sentences, entities with roles and CAMEO actor codes, time expressions (TimeML, \
         document dates), CAMEO/PLOVER events with evidence"
            .into()
    }

    fn learn_people(&self, people: &[PersonRole]) {
        self.set_people(people.to_vec());
    }

    fn infer_date(&self, document: &Document) -> Option<InferredDate> {
        let date = time::infer_document_date(&document.text, None);
        let DateSource::Text {
            expression,
            year_from,
            ..
        } = &date.how
        else {
            return None;
        };
        let day = date.date?;
        let published = day.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
        let mut how = format!("text: \"{expression}\"");
        if let Some(y) = year_from {
            how += &format!(", year from \"{y}\"");
        }
        Some(InferredDate {
            published,
            precision: date.precision,
            how,
        })
    }

    fn annotate(&self, document: &Document) -> Annotations {
        let text = &document.text;
        let time = time::annotate(text, dct(document));
        let sentences = sentences::split(text);
        let (mut mentions, mut entities) =
            self.entities
                .annotate(text, &sentences, time.date.value.as_deref());
        self.people().resolve(
            text,
            time.date.value.as_deref(),
            &mut mentions,
            &mut entities,
        );
        let events = self.coder.code(&CoderInput {
            document: &document.id,
            text,
            sentences: &sentences,
            mentions: &mentions,
            entities: &entities,
            timexes: &time.timexes,
            date: time.date.value.as_deref(),
            date_precision: time.date.precision,
        });
        Annotations {
            sentences,
            mentions,
            entities,
            timexes: time.timexes,
            events,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::annotate;
    use attache_model::DatePrecision;

    #[test]
    fn undated_documents_are_dated_from_their_text() {
        let doc = Document::new(
            "Talks",
            "In December 2024 the two sides met. On February 26 the minister arrived in Ankara, \
             and on February 27 he held talks in Doha.",
        );
        let a = annotate(&Analyzer::new(), doc);
        let d = &a.document;
        assert_eq!(
            d.published.unwrap().strftime("%Y-%m").to_string(),
            "2025-02"
        );
        assert_ne!(d.published_precision, DatePrecision::Unknown);
        assert!(d.published_source.as_deref().unwrap().starts_with("text: "));
        let values: Vec<_> = a
            .annotations
            .timexes
            .iter()
            .filter_map(|t| t.value.clone())
            .collect();
        assert!(values.contains(&"2024-12".to_string()), "{values:?}");
        assert!(values.contains(&"2025-02-26".to_string()), "{values:?}");
    }

    #[test]
    fn known_people_resolve_bare_surnames_before_events_are_coded() {
        let mut doc = Document::new(
            "Talks in Tehran",
            "Shoigu held talks with Iranian officials in Tehran on Monday.",
        );
        doc.published = Some("2025-06-16T00:00:00Z".parse().unwrap());
        doc.published_precision = DatePrecision::Day;
        let analyzer = Analyzer::new();
        let before = annotate(&analyzer, doc.clone());
        assert!(
            !before
                .annotations
                .mentions
                .iter()
                .any(|m| m.text == "Shoigu" && m.country.is_some()),
            "{:?}",
            before.annotations.mentions
        );
        analyzer.set_people(vec![attache_store::PersonRole {
            entity: "p-shoigu".into(),
            name: "Sergei Shoigu".into(),
            title: "Secretary of the Security Council".into(),
            country: Some("RUS".into()),
            sector: Some("GOV".into()),
            actor_code: Some("RUSGOV".into()),
            first_seen: Some("2025-06-03".into()),
            last_seen: Some("2025-06-03".into()),
            ended: None,
            evidence: attache_model::Evidence {
                document: "d".into(),
                start: 0,
                end: 1,
                text: "x".into(),
            },
            documents: 1,
            document_ids: vec![],
        }]);
        let after = annotate(&analyzer, doc);
        let m = after
            .annotations
            .mentions
            .iter()
            .find(|m| m.text == "Shoigu")
            .expect("a mention of Shoigu");
        assert_eq!(m.entity.as_deref(), Some("p-shoigu"));
        assert_eq!(m.actor_code.as_deref(), Some("RUSGOV"));
        assert!(
            after
                .annotations
                .events
                .iter()
                .any(|e| e.source.code.as_deref() == Some("RUSGOV")),
            "{:?}",
            after.annotations.events
        );
    }

    #[test]
    fn metadata_dates_are_kept_and_anchor_expressions() {
        let mut doc = Document::new(
            "t",
            "Naval exercises were held in late October 2024 and in February.",
        );
        doc.published = Some("2025-11-21T00:00:00Z".parse().unwrap());
        doc.published_precision = DatePrecision::Day;
        let a = annotate(&Analyzer::new(), doc.clone());
        assert_eq!(a.document.published, doc.published);
        let t: Vec<_> = a
            .annotations
            .timexes
            .iter()
            .map(|t| (t.value.clone(), t.modifier.clone()))
            .collect();
        assert!(
            t.contains(&(Some("2024-10".into()), Some("LATE".into()))),
            "{t:?}"
        );
        assert!(
            t.iter().any(|(v, _)| v.as_deref() == Some("2025-02")),
            "{t:?}"
        );
    }
}
