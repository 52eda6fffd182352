//! Events: who did what to whom, when and where, with the evidence for it.

use serde::{Deserialize, Serialize};

use crate::{DatePrecision, Plover};

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventActor {
    /// The name as a reader knows it ("Russia", "Sergey Shoigu").
    pub name: String,
    /// CAMEO actor code ("RUSGOV").
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country code.
    pub country: Option<String>,
    /// Id of the linked entity.
    pub entity: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A span of a document that supports an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Id of the document.
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Where an event's date comes from (see [`Event::date_basis`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// A time expression of the event's own clause or sentence.
    Text,
    /// The document's date: the event is reported as news of the article with no time
    /// expression of its own.
    Document,
    /// Unknown, but before [`Event::date_before`]: background the article mentions in passing
    /// ("Egypt has already moved in this direction by joining BRICS").
    Before,
    /// Unknown (a planned or intended action with no date of its own).
    Unknown,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Text => "text",
            DateBasis::Document => "document",
            DateBasis::Before => "before",
            DateBasis::Unknown => "unknown",
        }
    }

    /// The basis named by [`DateBasis::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        [
            DateBasis::Text,
            DateBasis::Document,
            DateBasis::Before,
            DateBasis::Unknown,
        ]
        .into_iter()
        .find(|b| b.as_str() == s)
    }
}

/// A coded event. The JSON shape is the one in DESIGN.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    /// TimeML value of the event's date ("2025-02-26", "2024-10", "2025-SP"), None when unknown.
    pub date: Option<String>,
    pub date_precision: DatePrecision,
    /// How `date` was found; None for events made before this field existed (JSON: the key is
    /// left out when None, and an absent key reads as None).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    /// With `date` None: a TimeML value the event is known to precede (the article's date for
    /// background events). Left out of the JSON when None.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_before: Option<String>,
    pub source: EventActor,
    pub target: Option<EventActor>,
    /// CAMEO event code ("042").
    pub cameo: String,
    pub plover: Plover,
    pub quad_class: u8,
    pub goldstein: f64,
    pub location: Option<Location>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// How many distinct documents report this event.
    pub reports: u32,
    /// 0.0–1.0.
    pub confidence: f32,
}

impl Event {
    /// The date for people: the TimeML value, else "before 2025-11-21" for background events,
    /// else "undated".
    pub fn date_label(&self) -> String {
        match (&self.date, &self.date_before) {
            (Some(d), _) => d.clone(),
            (None, Some(b)) => format!("before {b}"),
            (None, None) => "undated".into(),
        }
    }

    /// How the date was found, in words ("from the text", "the article's date", …).
    pub fn date_basis_label(&self) -> &'static str {
        match self.date_basis {
            Some(DateBasis::Text) => "from the text",
            Some(DateBasis::Document) => "the article's date",
            Some(DateBasis::Before) => "background: before the article",
            Some(DateBasis::Unknown) => "not stated",
            None => "",
        }
    }

    /// The dyad key `SOURCE-TARGET` of actor codes (or names when uncoded).
    pub fn dyad(&self) -> String {
        let side = |a: &EventActor| a.code.clone().unwrap_or_else(|| a.name.clone());
        match &self.target {
            Some(t) => format!("{}-{}", side(&self.source), side(t)),
            None => side(&self.source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cameo::CameoCode;

    #[test]
    fn event_json_shape_matches_design() {
        let code = CameoCode::lookup("042").unwrap();
        let e = Event {
            id: "ev1".into(),
            date: Some("2025-02-26".into()),
            date_precision: DatePrecision::Day,
            date_basis: Some(DateBasis::Text),
            date_before: None,
            source: EventActor {
                name: "Sergey Lavrov".into(),
                code: Some("RUSGOV".into()),
                country: Some("RUS".into()),
                entity: Some("p1".into()),
            },
            target: Some(EventActor {
                name: "Türkiye".into(),
                code: Some("TUR".into()),
                country: Some("TUR".into()),
                entity: None,
            }),
            cameo: code.code.to_string(),
            plover: code.plover(),
            quad_class: code.quad_class.number(),
            goldstein: code.goldstein,
            location: Some(Location {
                name: "Ankara".into(),
                country: Some("TUR".into()),
                lat: Some(39.92),
                lon: Some(32.85),
            }),
            topics: vec!["security".into()],
            evidence: vec![Evidence {
                document: "d1".into(),
                start: 0,
                end: 10,
                text: "The first stop was Ankara".into(),
            }],
            reports: 1,
            confidence: 0.8,
        };
        let v = serde_json::to_value(&e).unwrap();
        for key in [
            "id",
            "date",
            "date_precision",
            "source",
            "target",
            "cameo",
            "plover",
            "quad_class",
            "goldstein",
            "location",
            "topics",
            "evidence",
            "reports",
            "confidence",
        ] {
            assert!(v.get(key).is_some(), "event lacks {key}");
        }
        for key in ["name", "code", "country", "entity"] {
            assert!(v["source"].get(key).is_some(), "actor lacks {key}");
        }
        for key in ["event", "mode", "context"] {
            assert!(v["plover"].get(key).is_some(), "plover lacks {key}");
        }
        for key in ["name", "country", "lat", "lon"] {
            assert!(v["location"].get(key).is_some(), "location lacks {key}");
        }
        for key in ["document", "start", "end", "text"] {
            assert!(v["evidence"][0].get(key).is_some(), "evidence lacks {key}");
        }
        assert_eq!(v["cameo"], "042");
        assert_eq!(v["plover"]["event"], "CONSULT");
        assert_eq!(v["plover"]["mode"], "visit");
        assert_eq!(v["quad_class"], 1);
        assert_eq!(v["goldstein"], 1.9);
        assert_eq!(v["date_precision"], "day");
        assert_eq!(e.dyad(), "RUSGOV-TUR");
        assert_eq!(v["date_basis"], "text");
        assert!(v.get("date_before").is_none(), "None is left out");
        let back: Event = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(back, e);
        // JSON written before the two date fields existed still reads
        let mut old = v;
        old.as_object_mut().unwrap().remove("date_basis");
        let back: Event = serde_json::from_value(old).unwrap();
        assert_eq!(back.date_basis, None);
        assert_eq!(back.date_before, None);
    }

    #[test]
    fn background_events_carry_the_date_they_precede() {
        let v = serde_json::json!({
            "date": null, "date_precision": "unknown", "date_basis": "before",
            "date_before": "2025-11-21"
        });
        #[derive(Deserialize)]
        struct Part {
            date: Option<String>,
            date_precision: DatePrecision,
            date_basis: Option<DateBasis>,
            date_before: Option<String>,
        }
        let p: Part = serde_json::from_value(v).unwrap();
        assert_eq!(p.date, None);
        assert_eq!(p.date_precision, DatePrecision::Unknown);
        assert_eq!(p.date_basis, Some(DateBasis::Before));
        assert_eq!(p.date_before.as_deref(), Some("2025-11-21"));
        assert_eq!(DateBasis::Document.as_str(), "document");
    }
}
