//! Component schemas of the OpenAPI description, derived from the types themselves: a fully
//! populated sample of each response type is serialised and its JSON shape becomes the schema,
//! so the description cannot drift from what the handlers send.

use attache_model::{
    AnnotatedDocument, Annotations, CameoCode, DatePrecision, Document, Entity, Event, EventActor,
    Evidence, Feed, Location, Mention, MentionType, Role, Span, StoryCluster, StoryMember,
    Syndication, Timex, TimexType,
};
use attache_store::analytics::{
    Counterpart, EntityDetail, EntitySummary, EventTypeCount, Graph, GraphEdge, GraphNode,
    SeriesPoint,
};
use attache_store::{ActorSummary, DocumentSummary, InsertOutcome, PersonRole, SearchHit, Stats};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::*;

/// The JSON schema of a sample value.
pub fn infer(v: &Value) -> Value {
    match v {
        Value::Null => json!({}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!({"type": "integer"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Array(items) => match items.first() {
            Some(first) => json!({"type": "array", "items": infer(first)}),
            None => json!({"type": "array"}),
        },
        Value::Object(map) => {
            let props: Map<String, Value> =
                map.iter().map(|(k, v)| (k.clone(), infer(v))).collect();
            json!({"type": "object", "properties": props})
        }
    }
}

fn to(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn event() -> Event {
    let code = CameoCode::lookup("042").or_else(|| CameoCode::all().first().copied());
    let actor = |name: &str, code: &str| EventActor {
        name: name.into(),
        code: Some(code.into()),
        country: Some(code[..3].into()),
        entity: Some("e1".into()),
    };
    Event {
        id: "ev1".into(),
        date: Some("2025-02-26".into()),
        date_precision: DatePrecision::Day,
        date_basis: None,
        date_before: None,
        source: actor("Russia", "RUSGOV"),
        target: Some(actor("Türkiye", "TUR")),
        cameo: "042".into(),
        plover: code.map(|c| c.plover()).unwrap_or_default(),
        quad_class: 1,
        goldstein: 1.9,
        location: Some(Location {
            name: "Ankara".into(),
            country: Some("TUR".into()),
            lat: Some(39.9),
            lon: Some(32.8),
        }),
        topics: vec!["security".into()],
        evidence: vec![Evidence {
            document: "0123456789abcdef".into(),
            start: 0,
            end: 10,
            text: "text".into(),
        }],
        reports: 1,
        confidence: 0.5,
    }
}

fn document() -> Document {
    let mut d = Document::new("Title", "Text.");
    d.url = Some("https://example.org/a".into());
    d.byline = Some("Byline".into());
    d.published = Some(jiff::Timestamp::UNIX_EPOCH);
    d.published_source = Some("metadata".into());
    d.site_name = Some("Outlet".into());
    d.language = Some("en".into());
    d.syndication = Some(Syndication {
        origin: Some("Origin".into()),
        origin_url: Some("https://example.org/o".into()),
        via: vec!["IFTTT".into()],
    });
    d.fetched = Some(jiff::Timestamp::UNIX_EPOCH);
    d.input = Some("api".into());
    d
}

fn entity() -> Entity {
    Entity {
        id: "e1".into(),
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
            until: Some("2025".into()),
        }],
    }
}

fn entity_summary() -> EntitySummary {
    let e = entity();
    EntitySummary {
        id: e.id,
        name: e.name,
        kind: e.kind,
        country: e.country,
        actor_code: e.actor_code,
        roles: e.roles,
        mentions: 1,
        documents: 1,
    }
}

fn document_summary() -> DocumentSummary {
    DocumentSummary {
        id: "0123456789abcdef".into(),
        title: "Title".into(),
        site_name: Some("Outlet".into()),
        url: Some("https://example.org/a".into()),
        published: Some(jiff::Timestamp::UNIX_EPOCH),
        chars: 1,
    }
}

fn actor_summary() -> ActorSummary {
    ActorSummary {
        code: "RUS".into(),
        name: "Russia".into(),
        country: Some("RUS".into()),
        events: 1,
        as_source: 1,
        as_target: 0,
        counterparts: 1,
    }
}

fn counterpart() -> Counterpart {
    Counterpart {
        code: "EGY".into(),
        name: "Egypt".into(),
        country: Some("EGY".into()),
        events: 1,
        outgoing: 1,
        incoming: 0,
        quad_classes: [1, 0, 0, 0],
    }
}

fn series() -> SeriesPoint {
    SeriesPoint {
        bucket: "2025-02-24".into(),
        events: 1,
        quad_classes: [1, 0, 0, 0],
    }
}

fn story() -> StoryCluster {
    StoryCluster {
        id: "s1".into(),
        canonical: "0123456789abcdef".into(),
        origin: Some("RT".into()),
        first_seen: Some(jiff::Timestamp::UNIX_EPOCH),
        last_seen: Some(jiff::Timestamp::UNIX_EPOCH),
        members: vec![StoryMember {
            document: "0123456789abcdef".into(),
            outlet: Some("RT".into()),
            published: Some(jiff::Timestamp::UNIX_EPOCH),
            similarity: 1.0,
            delay_seconds: Some(60),
            credits_origin: true,
        }],
    }
}

fn feed() -> Feed {
    let mut f = Feed::new("https://example.org/feed.xml");
    f.id = 1;
    f.title = Some("Feed".into());
    f.site_url = Some("https://example.org/".into());
    f.etag = Some("\"x\"".into());
    f.last_modified = Some("Mon, 01 Jan 2024 00:00:00 GMT".into());
    f.last_fetched = Some(jiff::Timestamp::UNIX_EPOCH);
    f.next_due = Some(jiff::Timestamp::UNIX_EPOCH);
    f.last_error = Some("error".into());
    f
}

/// Every component schema, by name.
pub fn components() -> Map<String, Value> {
    let annotated = AnnotatedDocument {
        document: document(),
        annotations: Annotations {
            sentences: vec![Span { start: 0, end: 5 }],
            mentions: vec![Mention {
                start: 0,
                end: 5,
                text: "Title".into(),
                kind: MentionType::Country,
                entity: Some("e1".into()),
                country: Some("RUS".into()),
                actor_code: Some("RUS".into()),
            }],
            entities: vec![entity()],
            timexes: vec![Timex {
                start: 0,
                end: 4,
                text: "2025".into(),
                kind: TimexType::Date,
                value: Some("2025".into()),
                modifier: Some("EARLY".into()),
            }],
            events: vec![event()],
        },
    };
    let graph = Graph {
        nodes: vec![GraphNode {
            id: "RUS".into(),
            label: "Russia".into(),
            events: 1,
        }],
        edges: vec![GraphEdge {
            a: "EGY".into(),
            b: "RUS".into(),
            events: 1,
            quad_classes: [1, 0, 0, 0],
            a_to_b: 0,
            b_to_a: 1,
            goldstein: 1.9,
        }],
    };
    let samples: Vec<(&str, Value)> = vec![
        (
            "Error",
            json!({"error": {"code": "not_found", "message": "event \"x\" not found"}}),
        ),
        ("Event", to(event())),
        (
            "EventsResponse",
            to(EventsResponse {
                events: vec![event()],
                next_cursor: Some("d1_2025".into()),
                limit: 50,
            }),
        ),
        (
            "ActorsResponse",
            to(ActorsResponse {
                actors: vec![actor_summary()],
            }),
        ),
        (
            "ActorResponse",
            to(ActorResponse {
                actor: actor_summary(),
                counterparts: vec![counterpart()],
                event_types: vec![EventTypeCount {
                    root: "04".into(),
                    quad_class: 1,
                    events: 1,
                }],
                people: vec![entity_summary()],
                months: vec![series()],
            }),
        ),
        (
            "PeopleResponse",
            to(PeopleResponse {
                people: vec![PersonRole {
                    entity: "e1".into(),
                    name: "Abdel Majeed Saqr".into(),
                    title: "Defense Minister".into(),
                    country: Some("EGY".into()),
                    sector: Some("GOVMIL".into()),
                    actor_code: Some("EGYGOVMIL".into()),
                    first_seen: Some("2024-07".into()),
                    last_seen: Some("2025-11-21".into()),
                    ended: Some("2025-12".into()),
                    evidence: Evidence {
                        document: "d1".into(),
                        start: 0,
                        end: 40,
                        text: "Egyptian Defense Minister Abdel Majeed Saqr".into(),
                    },
                    documents: 2,
                    document_ids: vec!["d1".into()],
                }],
            }),
        ),
        (
            "CounterpartsResponse",
            to(CounterpartsResponse {
                actor: "RUS".into(),
                counterparts: vec![counterpart()],
            }),
        ),
        (
            "EntitiesResponse",
            to(EntitiesResponse {
                entities: vec![entity_summary()],
            }),
        ),
        (
            "EntityDetail",
            to(EntityDetail {
                entity: entity(),
                mentions: 1,
                documents: vec![document_summary()],
            }),
        ),
        (
            "DocumentsResponse",
            to(DocumentsResponse {
                documents: vec![document_summary()],
            }),
        ),
        (
            "DocumentResponse",
            to(DocumentResponse {
                document: annotated,
                story: Some("s1".into()),
            }),
        ),
        (
            "StoriesResponse",
            to(StoriesResponse {
                stories: vec![story()],
            }),
        ),
        ("Story", to(story())),
        (
            "FeedsResponse",
            to(FeedsResponse {
                feeds: vec![feed()],
            }),
        ),
        ("Feed", to(feed())),
        (
            "SearchResponse",
            to(SearchResponse {
                query: "shoigu".into(),
                hits: vec![SearchHit {
                    id: "0123456789abcdef".into(),
                    title: "Title".into(),
                    site_name: Some("Outlet".into()),
                    published: Some(jiff::Timestamp::UNIX_EPOCH),
                    snippet: "[Shoigu] visited".into(),
                    rank: -1.5,
                }],
            }),
        ),
        (
            "GraphResponse",
            to(GraphResponse {
                since: Some("2025".into()),
                until: Some("2025".into()),
                graph,
            }),
        ),
        (
            "SeriesResponse",
            to(SeriesResponse {
                bucket: "week",
                points: vec![series()],
            }),
        ),
        (
            "Stats",
            to(Stats {
                first_published: Some(jiff::Timestamp::UNIX_EPOCH),
                last_published: Some(jiff::Timestamp::UNIX_EPOCH),
                outlets: vec![("Outlet".into(), 1)],
                ..Stats::default()
            }),
        ),
        (
            "InsertOutcome",
            to(InsertOutcome::Added {
                id: "0123456789abcdef".into(),
            }),
        ),
        (
            "NewDocument",
            json!({"title": "t", "text": "t", "url": "https://example.org/a",
                   "site_name": "s", "language": "en", "published": "2025-01-01T00:00:00Z"}),
        ),
        (
            "NewFeed",
            json!({"url": "https://example.org/feed.xml", "title": "t"}),
        ),
    ];
    samples
        .into_iter()
        .map(|(name, v)| (name.to_string(), infer(&v)))
        .collect()
}
