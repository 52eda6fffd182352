//! Annotations of a document: sentences, mentions, entities, time expressions (and events, in
//! [`crate::event`]).

use serde::{Deserialize, Serialize};

use crate::{Document, Event};

/// A char range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum MentionType {
    Person,
    Org,
    Country,
    City,
    Location,
    Nationality,
    Date,
}

impl MentionType {
    pub const ALL: [MentionType; 7] = [
        MentionType::Person,
        MentionType::Org,
        MentionType::Country,
        MentionType::City,
        MentionType::Location,
        MentionType::Nationality,
        MentionType::Date,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MentionType::Person => "PERSON",
            MentionType::Org => "ORG",
            MentionType::Country => "COUNTRY",
            MentionType::City => "CITY",
            MentionType::Location => "LOCATION",
            MentionType::Nationality => "NATIONALITY",
            MentionType::Date => "DATE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        MentionType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A span of text that names an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: MentionType,
    /// Id of the entity this mention was linked to.
    pub entity: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country the mention belongs to.
    pub country: Option<String>,
    /// CAMEO actor code ("EGYMIL").
    pub actor_code: Option<String>,
}

/// A role a person holds, with the period it is known to be valid (TimeML values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// "Defense Minister", "Secretary of the Security Council".
    pub title: String,
    pub country: Option<String>,
    /// CAMEO sector code ("GOVMIL", "GOV").
    pub sector: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// A person, organisation or place, with every name it goes by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: MentionType,
    pub country: Option<String>,
    pub actor_code: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
}

/// TimeML type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "DATE" => TimexType::Date,
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => return None,
        })
    }
}

/// A time expression normalised to a TimeML value ("2024-10", "2025-SP", "P10Y").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: Option<String>,
    /// TimeML modifier: EARLY, MID, LATE, APPROX, BEFORE, AFTER...
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
}

/// Everything the annotate stage says about one document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Annotations {
    #[serde(default)]
    pub sentences: Vec<Span>,
    #[serde(default)]
    pub mentions: Vec<Mention>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub timexes: Vec<Timex>,
    #[serde(default)]
    pub events: Vec<Event>,
}

impl Annotations {
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
            && self.mentions.is_empty()
            && self.entities.is_empty()
            && self.timexes.is_empty()
            && self.events.is_empty()
    }
}

/// The output of `attache annotate`: the document and its annotations side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnotatedDocument {
    pub document: Document,
    #[serde(flatten)]
    pub annotations: Annotations,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotate_output_shape() {
        let doc = Document::new("t", "Shoigu visited Cairo in late October 2024.");
        let a = AnnotatedDocument {
            document: doc,
            annotations: Annotations {
                sentences: vec![Span { start: 0, end: 43 }],
                mentions: vec![Mention {
                    start: 15,
                    end: 20,
                    text: "Cairo".into(),
                    kind: MentionType::City,
                    entity: Some("e1".into()),
                    country: Some("EGY".into()),
                    actor_code: Some("EGY".into()),
                }],
                entities: vec![Entity {
                    id: "e0".into(),
                    name: "Sergey Shoigu".into(),
                    kind: MentionType::Person,
                    country: Some("RUS".into()),
                    actor_code: Some("RUSGOV".into()),
                    aliases: vec!["Shoigu".into()],
                    roles: vec![Role {
                        title: "Secretary of the Security Council".into(),
                        country: Some("RUS".into()),
                        sector: Some("GOV".into()),
                        since: Some("2024-05".into()),
                        until: None,
                    }],
                }],
                timexes: vec![Timex {
                    start: 24,
                    end: 42,
                    text: "late October 2024".into(),
                    kind: TimexType::Date,
                    value: Some("2024-10".into()),
                    modifier: Some("LATE".into()),
                }],
                events: vec![],
            },
        };
        let v = serde_json::to_value(&a).unwrap();
        assert!(v["document"]["text"].is_string());
        assert_eq!(v["sentences"][0]["end"], 43);
        let m = &v["mentions"][0];
        for key in [
            "start",
            "end",
            "text",
            "type",
            "entity",
            "country",
            "actor_code",
        ] {
            assert!(m.get(key).is_some(), "mention lacks {key}");
        }
        assert_eq!(m["type"], "CITY");
        let e = &v["entities"][0];
        for key in [
            "id",
            "name",
            "type",
            "country",
            "actor_code",
            "aliases",
            "roles",
        ] {
            assert!(e.get(key).is_some(), "entity lacks {key}");
        }
        for key in ["title", "country", "sector", "since", "until"] {
            assert!(e["roles"][0].get(key).is_some(), "role lacks {key}");
        }
        let t = &v["timexes"][0];
        assert_eq!(t["type"], "DATE");
        assert_eq!(t["value"], "2024-10");
        assert_eq!(t["mod"], "LATE");
        assert!(v["events"].as_array().unwrap().is_empty());
        let back: AnnotatedDocument = serde_json::from_value(v).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn mention_types_round_trip() {
        for t in MentionType::ALL {
            assert_eq!(MentionType::parse(t.as_str()), Some(t));
        }
        assert_eq!(MentionType::parse("person"), None);
    }
}
