//! The store test suite, written once against [`Store`] so that every backend (SQLite now,
//! PostgreSQL later) runs the same checks: `conformance::run_all(|| MyStore::new())`.
//!
//! Each check panics with a message naming what failed.

use attache_model::{
    AnnotatedDocument, Annotations, CameoCode, DatePrecision, Document, Entity, Event, EventActor,
    Evidence, Feed, FeedStatus, Location, Mention, MentionType, Role, Span, StoryCluster,
    StoryMember, Timex, TimexType,
};

use crate::{CopyLink, DedupeInput, EventFilter, InsertOutcome, PeopleFilter, Store};

/// Run every check, each on a fresh store from `make`.
pub fn run_all<S: Store>(mut make: impl FnMut() -> S) {
    duplicates_are_stored_once(&mut make());
    documents_round_trip(&mut make());
    events_merge_reports(&mut make());
    event_date_basis_round_trips(&mut make());
    event_filters(&mut make());
    search_finds_words(&mut make());
    feeds_crud(&mut make());
    clusters_round_trip(&mut make());
    reprocess_replaces_annotations(&mut make());
    copy_links_round_trip(&mut make());
    dedupe_inputs_prefer_fingerprints(&mut make());
    document_heads_in_order(&mut make());
    replace_clusters_drops_stale(&mut make());
    people_roles_are_learned(&mut make());
}

fn plain(title: &str, text: &str) -> AnnotatedDocument {
    AnnotatedDocument {
        document: Document::new(title, text),
        annotations: Annotations::default(),
    }
}

/// Store `doc` with `event` as its only annotation.
fn insert_event<S: Store>(s: &mut S, doc: Document, event: Event) {
    s.insert_batch(&[AnnotatedDocument {
        document: doc,
        annotations: Annotations {
            events: vec![event],
            ..Default::default()
        },
    }])
    .unwrap();
}

fn actor(name: &str, code: &str) -> EventActor {
    EventActor {
        name: name.into(),
        code: Some(code.into()),
        country: Some(code[..3].into()),
        entity: None,
    }
}

/// An event coded from `doc`, with evidence at `start..end`.
pub fn sample_event(
    id: &str,
    doc: &Document,
    cameo: &str,
    source: (&str, &str),
    target: (&str, &str),
    date: &str,
) -> Event {
    let code = CameoCode::lookup(cameo).expect("known CAMEO code");
    let end = doc.char_len().min(20);
    Event {
        id: id.into(),
        date: Some(date.into()),
        date_precision: if date.len() == 10 {
            DatePrecision::Day
        } else {
            DatePrecision::Month
        },
        date_basis: None,
        date_before: None,
        source: actor(source.0, source.1),
        target: Some(actor(target.0, target.1)),
        cameo: cameo.into(),
        plover: code.plover(),
        quad_class: code.quad_class.number(),
        goldstein: code.goldstein,
        location: Some(Location {
            name: "Cairo".into(),
            country: Some("EGY".into()),
            lat: Some(30.04),
            lon: Some(31.24),
        }),
        topics: vec!["security".into()],
        evidence: vec![Evidence {
            document: doc.id.clone(),
            start: 0,
            end,
            text: doc.text.chars().take(end).collect(),
        }],
        reports: 1,
        confidence: 0.7,
    }
}

pub fn duplicates_are_stored_once<S: Store>(s: &mut S) {
    let a = plain("One", "The first text.");
    let b = plain("Two", "The second text.");
    let a_again = plain("One", "The   first\ntext. ");
    let out = s
        .insert_batch(&[a.clone(), b.clone(), a_again.clone()])
        .unwrap();
    assert_eq!(
        out,
        vec![
            InsertOutcome::Added {
                id: a.document.id.clone()
            },
            InsertOutcome::Added {
                id: b.document.id.clone()
            },
            InsertOutcome::Duplicate {
                id: a.document.id.clone()
            },
        ],
        "same content in one batch is stored once"
    );
    let out = s.insert_batch(&[a.clone(), b]).unwrap();
    assert!(
        out.iter()
            .all(|o| matches!(o, InsertOutcome::Duplicate { .. })),
        "re-adding stores nothing: {out:?}"
    );
    assert_eq!(s.stats().unwrap().documents, 2);
    assert_eq!(s.document_ids().unwrap().len(), 2);
    assert_eq!(
        s.find_by_hash(&a.document.content_hash).unwrap(),
        Some(a.document.id.clone())
    );
    assert_eq!(s.find_by_hash("00").unwrap(), None);
}

pub fn documents_round_trip<S: Store>(s: &mut S) {
    let mut doc = Document::new(
        "Shoigu in Cairo",
        "Sergey Shoigu met Egyptian Defense Minister Abdel Majeed Saqr in Cairo in late October 2024.",
    );
    doc.url = Some("https://example.org/a".into());
    doc.site_name = Some("Example News".into());
    doc.published = Some("2025-11-21T00:00:00Z".parse().unwrap());
    doc.published_precision = DatePrecision::Day;
    doc.syndication = Some(attache_model::Syndication {
        origin: Some("RT World News".into()),
        origin_url: None,
        via: vec!["IFTTT".into()],
    });
    let entity = Entity {
        id: "p-shoigu".into(),
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
    };
    let event = sample_event(
        "ev-visit",
        &doc,
        "042",
        ("Sergey Shoigu", "RUSGOV"),
        ("Egypt", "EGY"),
        "2024-10",
    );
    let annotations = Annotations {
        sentences: vec![Span {
            start: 0,
            end: doc.char_len(),
        }],
        mentions: vec![Mention {
            start: 0,
            end: 13,
            text: "Sergey Shoigu".into(),
            kind: MentionType::Person,
            entity: Some("p-shoigu".into()),
            country: Some("RUS".into()),
            actor_code: Some("RUSGOV".into()),
        }],
        entities: vec![entity.clone()],
        timexes: vec![Timex {
            start: 69,
            end: 86,
            text: "late October 2024".into(),
            kind: TimexType::Date,
            value: Some("2024-10".into()),
            modifier: Some("LATE".into()),
        }],
        events: vec![event.clone()],
    };
    let item = AnnotatedDocument {
        document: doc.clone(),
        annotations: annotations.clone(),
    };
    s.insert_batch(std::slice::from_ref(&item)).unwrap();
    let back = s.document(&doc.id).unwrap().expect("document by id");
    assert_eq!(back.document, doc, "document fields round-trip");
    assert_eq!(back.annotations.sentences, annotations.sentences);
    assert_eq!(back.annotations.mentions, annotations.mentions);
    assert_eq!(back.annotations.timexes, annotations.timexes);
    assert_eq!(back.annotations.entities, vec![entity]);
    assert_eq!(back.annotations.events, vec![event]);
    let by_prefix = s
        .document(&doc.id[..6])
        .unwrap()
        .expect("document by prefix");
    assert_eq!(by_prefix.document.id, doc.id);
    assert!(s.document("ffffffffffffffff").unwrap().is_none());
    assert!(s.document("not hex").unwrap().is_none());
    let list = s.documents(10, 0).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].site_name.as_deref(), Some("Example News"));
    let stats = s.stats().unwrap();
    assert_eq!(
        (
            stats.documents,
            stats.mentions,
            stats.entities,
            stats.timexes,
            stats.events
        ),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(stats.outlets, vec![("Example News".to_string(), 1)]);
}

pub fn events_merge_reports<S: Store>(s: &mut S) {
    let d1 = Document::new("A", "Lavrov met Fidan in Ankara.");
    let d2 = Document::new("B", "In Ankara, Lavrov met his counterpart Fidan.");
    let e1 = sample_event(
        "ev-1",
        &d1,
        "040",
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        "2025-02-24",
    );
    let e2 = sample_event(
        "ev-1",
        &d2,
        "040",
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        "2025-02-24",
    );
    insert_event(s, d1, e1);
    insert_event(s, d2, e2);
    let events = s.events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 1, "one event however many reports");
    assert_eq!(events[0].reports, 2);
    assert_eq!(events[0].evidence.len(), 2, "evidence from both reports");
    let actors = s.actors(10).unwrap();
    let rus = actors
        .iter()
        .find(|a| a.code == "RUS")
        .expect("RUS in actors");
    assert_eq!(
        (rus.events, rus.as_source, rus.as_target, rus.counterparts),
        (1, 1, 0, 1)
    );
    // the merge rule: same dyad, same CAMEO root, compatible dates — whatever the ids
    let report = |s: &mut S, title: &str, id: &str, cameo: &str, tgt: (&str, &str), date: &str| {
        let d = Document::new(title, format!("{title}: Lavrov and Fidan, {date}."));
        let e = sample_event(id, &d, cameo, ("Russia", "RUS"), tgt, date);
        insert_event(s, d, e);
    };
    // a month-dated "visit" (042) report of the day's meeting (040): the same event
    report(s, "C", "ev-2", "042", ("Turkey", "TUR"), "2025-02");
    // … and a day-dated one of a month-dated event dates it more precisely
    report(s, "D", "ev-3", "046", ("Egypt", "EGY"), "2025-11");
    report(s, "E", "ev-4", "040", ("Egypt", "EGY"), "2025-11-21");
    // not the same: another day, another root, another target
    report(s, "F", "ev-5", "040", ("Turkey", "TUR"), "2025-03-01");
    report(s, "G", "ev-6", "190", ("Turkey", "TUR"), "2025-02-24");
    report(s, "H", "ev-7", "040", ("Iran", "IRN"), "2025-02-24");
    let events = s.events(&EventFilter::default()).unwrap();
    let by_id = |id: &str| events.iter().find(|e| e.id == id);
    assert_eq!(by_id("ev-1").map(|e| e.reports), Some(3), "{events:#?}");
    assert!(by_id("ev-2").is_none(), "merged into ev-1");
    let egy = by_id("ev-3").expect("the first Egypt report keeps its id");
    assert_eq!(egy.reports, 2);
    assert_eq!(egy.date.as_deref(), Some("2025-11-21"));
    assert!(by_id("ev-4").is_none());
    for id in ["ev-5", "ev-6", "ev-7"] {
        assert_eq!(by_id(id).map(|e| e.reports), Some(1), "{id} stands alone");
    }
    assert_eq!(events.len(), 5);
}

pub fn event_date_basis_round_trips<S: Store>(s: &mut S) {
    let d = Document::new(
        "Background",
        "Egypt has already moved in this direction by joining BRICS.",
    );
    let mut e = sample_event(
        "bg",
        &d,
        "057",
        ("Egypt", "EGY"),
        ("BRICS", "IGO"),
        "2025-11-21",
    );
    e.date = None;
    e.date_precision = attache_model::DatePrecision::Unknown;
    e.date_basis = Some(attache_model::DateBasis::Before);
    e.date_before = Some("2025-11-21".into());
    insert_event(s, d, e);
    let got = s.event("bg").unwrap().expect("stored");
    assert_eq!(got.date, None);
    assert_eq!(got.date_basis, Some(attache_model::DateBasis::Before));
    assert_eq!(got.date_before.as_deref(), Some("2025-11-21"));
}

pub fn event_filters<S: Store>(s: &mut S) {
    let d = Document::new("Many", "Several things happened in the region this year.");
    let events = vec![
        sample_event(
            "a",
            &d,
            "042",
            ("Russia", "RUSGOV"),
            ("Egypt", "EGY"),
            "2025-11-10",
        ),
        sample_event(
            "b",
            &d,
            "190",
            ("Israel", "ISRMIL"),
            ("Qatar", "QAT"),
            "2025-09-09",
        ),
        sample_event(
            "c",
            &d,
            "0311",
            ("Russia", "RUS"),
            ("Oman", "OMN"),
            "2024-10",
        ),
    ];
    s.insert_batch(&[AnnotatedDocument {
        document: d.clone(),
        annotations: Annotations {
            events,
            ..Default::default()
        },
    }])
    .unwrap();
    let ids = |f: EventFilter| -> Vec<String> {
        s.events(&f).unwrap().into_iter().map(|e| e.id).collect()
    };
    assert_eq!(
        ids(EventFilter::default()),
        vec!["a", "b", "c"],
        "latest date first"
    );
    let f = EventFilter {
        actor: Some("RUS".into()),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["a", "c"]);
    let f = EventFilter {
        actor: Some("qatar".into()),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["b"], "actor by name, any case");
    let f = EventFilter {
        dyad: Some(("RUS".into(), "OMN".into())),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["c"]);
    let f = EventFilter {
        dyad: Some(("OMN".into(), "RUS".into())),
        ..Default::default()
    };
    assert!(ids(f).is_empty(), "dyads are directed");
    let f = EventFilter {
        since: Some("2025".into()),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["a", "b"]);
    let f = EventFilter {
        until: Some("2025-09".into()),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["b", "c"], "until includes the whole month");
    let f = EventFilter {
        cameo: Some("03".into()),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["c"]);
    let f = EventFilter {
        topic: Some("security".into()),
        limit: Some(1),
        ..Default::default()
    };
    assert_eq!(ids(f), vec!["a"]);
    let f = EventFilter {
        topic: Some("sports".into()),
        ..Default::default()
    };
    assert!(ids(f).is_empty());
    let f = EventFilter {
        document: Some(d.id.clone()),
        ..Default::default()
    };
    assert_eq!(ids(f).len(), 3);
    assert_eq!(s.event("b").unwrap().unwrap().quad_class, 4);
    assert!(s.event("zzz").unwrap().is_none());
}

pub fn search_finds_words<S: Store>(s: &mut S) {
    s.insert_batch(&[
        plain(
            "Naval exercises",
            "Russia, Iran and Oman held naval exercises in the Gulf.",
        ),
        plain(
            "Energy talks",
            "Ministers discussed nuclear power and transport corridors.",
        ),
    ])
    .unwrap();
    let hits = s.search("corridors", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Energy talks");
    assert!(
        hits[0].snippet.contains("[corridors]"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(s.search("naval OR nuclear", 10).unwrap().len(), 2);
    assert_eq!(
        s.search("exercise*", 10).unwrap().len(),
        1,
        "prefix queries"
    );
    // Not valid FTS5 syntax: searched as plain words instead of failing.
    assert_eq!(s.search("\"naval (", 10).unwrap().len(), 1);
    assert!(s.search("   ", 10).is_err());
    assert!(s.search("submarine", 10).unwrap().is_empty());
}

pub fn feeds_crud<S: Store>(s: &mut S) {
    let f = s.add_feed(&Feed::new("https://example.org/rss")).unwrap();
    assert!(f.id > 0);
    assert!(
        s.add_feed(&Feed::new("https://example.org/rss")).is_err(),
        "the same URL twice is refused"
    );
    let mut f2 = s.add_feed(&Feed::new("https://example.net/atom")).unwrap();
    f2.etag = Some("\"abc\"".into());
    f2.status = FeedStatus::Ok;
    f2.items = 3;
    f2.last_fetched = Some("2025-01-01T10:00:00Z".parse().unwrap());
    s.update_feed(&f2).unwrap();
    let feeds = s.feeds().unwrap();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[1], f2);
    assert!(s.mark_feed_item(f2.id, "guid-1", None).unwrap(), "new item");
    assert!(
        !s.mark_feed_item(f2.id, "guid-1", Some("doc")).unwrap(),
        "seen item"
    );
    assert!(s.remove_feed(&f.id.to_string()).unwrap());
    assert!(s.remove_feed("https://example.net/atom").unwrap());
    assert!(!s.remove_feed("https://nowhere.invalid/").unwrap());
    assert!(s.feeds().unwrap().is_empty());
}

pub fn clusters_round_trip<S: Store>(s: &mut S) {
    let member = |doc: &str, sim: f32| StoryMember {
        document: doc.into(),
        outlet: Some("rt.com".into()),
        published: Some("2025-02-27T10:00:00Z".parse().unwrap()),
        similarity: sim,
        delay_seconds: Some(0),
        credits_origin: false,
    };
    let c = StoryCluster {
        id: "c1".into(),
        canonical: "d1".into(),
        origin: Some("RT".into()),
        first_seen: Some("2025-02-27T10:00:00Z".parse().unwrap()),
        last_seen: Some("2025-02-27T10:00:00Z".parse().unwrap()),
        members: vec![member("d1", 1.0), member("d2", 0.9)],
    };
    s.put_clusters(std::slice::from_ref(&c)).unwrap();
    assert_eq!(s.clusters(10).unwrap(), vec![c.clone()]);
    // Moving d2 to a new cluster takes it out of the old one.
    let c2 = StoryCluster {
        id: "c2".into(),
        canonical: "d2".into(),
        members: vec![member("d2", 1.0)],
        ..c.clone()
    };
    s.put_clusters(&[c2]).unwrap();
    let all = s.clusters(10).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all.iter().map(|c| c.size()).sum::<usize>(), 2);
}

pub fn reprocess_replaces_annotations<S: Store>(s: &mut S) {
    let d = Document::new("T", "Iran and Russia signed a treaty in January.");
    let old = sample_event(
        "old",
        &d,
        "057",
        ("Iran", "IRN"),
        ("Russia", "RUS"),
        "2025-01",
    );
    insert_event(s, d.clone(), old);
    let new = sample_event(
        "new",
        &d,
        "057",
        ("Iran", "IRNGOV"),
        ("Russia", "RUSGOV"),
        "2025-01-17",
    );
    s.replace_annotations(&[(
        d.id.clone(),
        Annotations {
            events: vec![new],
            ..Default::default()
        },
    )])
    .unwrap();
    let ids: Vec<String> = s
        .events(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(
        ids,
        vec!["new"],
        "the old coding is gone, the new one is there"
    );
    assert!(
        s.replace_annotations(&[("0000000000000000".into(), Annotations::default())])
            .is_err()
    );
}

/// Three stored documents a, b, c (in that order).
fn three<S: Store>(s: &mut S) -> [String; 3] {
    let docs = [
        plain("A", "The first text."),
        plain("B", "The second text."),
        plain("C", "The third text."),
    ];
    s.insert_batch(&docs).unwrap();
    docs.map(|d| d.document.id)
}

fn link(a: &str, b: &str, similarity: f32) -> CopyLink {
    CopyLink {
        document: a.into(),
        copy_of: b.into(),
        similarity,
    }
}

pub fn copy_links_round_trip<S: Store>(s: &mut S) {
    let [a, b, c] = three(s);
    assert!(s.copy_links().unwrap().is_empty(), "no links at first");
    s.put_copy_links(&[
        link(&c, &a, 0.5),
        link(&b, &a, 0.9),
        link("unknown", &a, 1.0),
        link(&a, "unknown", 1.0),
        link(&a, &a, 1.0),
    ])
    .unwrap();
    assert_eq!(
        s.copy_links().unwrap(),
        vec![link(&b, &a, 0.9), link(&c, &a, 0.5)],
        "links to or from unknown documents and self links are skipped; order is insertion"
    );
    s.put_copy_links(&[link(&c, &b, 0.75)]).unwrap();
    assert_eq!(
        s.copy_links().unwrap(),
        vec![link(&b, &a, 0.9), link(&c, &b, 0.75)],
        "a later link for a document replaces the earlier one"
    );
}

pub fn dedupe_inputs_prefer_fingerprints<S: Store>(s: &mut S) {
    let [a, b, c] = three(s);
    s.put_fingerprints(
        "v1",
        &[(b.clone(), vec![1, 2, 3]), ("nope".into(), vec![9])],
    )
    .unwrap();
    s.put_fingerprints("v0", &[(c.clone(), vec![7])]).unwrap();
    let collect = |s: &S, scheme: &str| {
        let mut seen = Vec::new();
        s.for_each_dedupe_input(scheme, &mut |id, input| {
            seen.push((
                id.to_string(),
                match input {
                    DedupeInput::Fingerprint(f) => format!("fp {f:?}"),
                    DedupeInput::Text(t) => format!("text {t}"),
                },
            ))
        })
        .unwrap();
        seen
    };
    assert_eq!(
        collect(s, "v1"),
        vec![
            (a.clone(), "text The first text.".to_string()),
            (b.clone(), "fp [1, 2, 3]".to_string()),
            (c.clone(), "text The third text.".to_string()),
        ],
        "fingerprints of the asked scheme, texts otherwise, in insertion order"
    );
    s.put_fingerprints("v1", &[(c.clone(), vec![4])]).unwrap();
    assert_eq!(collect(s, "v1")[2], (c, "fp [4]".to_string()));
    assert_eq!(collect(s, "v0")[1].1, "text The second text.");
}

pub fn document_heads_in_order<S: Store>(s: &mut S) {
    let mut d = plain("Headline", &"word ".repeat(200));
    d.document.site_name = Some("Example News".into());
    d.document.url = Some("https://example.com/a".into());
    d.document.published = Some("2025-02-27T10:00:00Z".parse().unwrap());
    d.document.syndication = Some(attache_model::Syndication {
        origin: Some("RT".into()),
        ..Default::default()
    });
    s.insert_batch(std::slice::from_ref(&d)).unwrap();
    let [a, _, c] = three(s);
    let all = s.document_heads(None).unwrap();
    assert_eq!(all.len(), 4);
    let h = &all[0];
    assert_eq!(h.id, d.document.id);
    assert_eq!(h.title, "Headline");
    assert_eq!(h.site_name.as_deref(), Some("Example News"));
    assert_eq!(h.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(h.published, d.document.published);
    assert_eq!(h.syndication, d.document.syndication);
    assert_eq!(
        h.lead.chars().count(),
        300,
        "the lead is the first 300 chars"
    );
    let some = s
        .document_heads(Some(&[c.clone(), "unknown".into(), a.clone()]))
        .unwrap();
    let ids: Vec<&str> = some.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, vec![c.as_str(), a.as_str()], "in the order asked");
    assert_eq!(some[1].lead, "The first text.");
}

pub fn replace_clusters_drops_stale<S: Store>(s: &mut S) {
    let member = |doc: &str| StoryMember {
        document: doc.into(),
        outlet: None,
        published: None,
        similarity: 1.0,
        delay_seconds: None,
        credits_origin: false,
    };
    let cluster = |id: &str, docs: &[&str]| StoryCluster {
        id: id.into(),
        canonical: docs[0].into(),
        origin: None,
        first_seen: None,
        last_seen: None,
        members: docs.iter().map(|d| member(d)).collect(),
    };
    s.put_clusters(&[
        cluster("old", &["d1", "d2"]),
        cluster("other", &["d3", "d4"]),
    ])
    .unwrap();
    let fresh = cluster("new", &["d2", "d5"]);
    s.replace_clusters(std::slice::from_ref(&fresh)).unwrap();
    assert_eq!(
        s.clusters(10).unwrap(),
        vec![fresh],
        "only the new clusters remain"
    );
    assert_eq!(s.stats().unwrap().clusters, 1);
    s.replace_clusters(&[]).unwrap();
    assert!(s.clusters(10).unwrap().is_empty());
}

/// A dated document whose mentions of `(text, entity)` are linked, with `people` as entities
/// (one sentence per line ending in a full stop).
fn with_people(
    title: &str,
    text: &str,
    date: &str,
    links: &[(&str, &str)],
    people: Vec<Entity>,
) -> AnnotatedDocument {
    let mut document = Document::new(title, text);
    document.published = Some(format!("{date}T09:00:00Z").parse().unwrap());
    document.published_precision = DatePrecision::Day;
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.chars().enumerate() {
        if c == '.' {
            sentences.push(Span { start, end: i + 1 });
            start = i + 2;
        }
    }
    let mut mentions = Vec::new();
    for (m, entity) in links {
        for (at, _) in text.match_indices(m) {
            let start = text[..at].chars().count();
            mentions.push(Mention {
                start,
                end: start + m.chars().count(),
                text: m.to_string(),
                kind: MentionType::Person,
                entity: Some(entity.to_string()),
                country: None,
                actor_code: None,
            });
        }
    }
    mentions.sort_by_key(|m| m.start);
    mentions.dedup_by(|b, a| b.start < a.end);
    AnnotatedDocument {
        document,
        annotations: Annotations {
            sentences,
            mentions,
            entities: people,
            ..Default::default()
        },
    }
}

fn official(id: &str, name: &str, title: &str, code: &str) -> Entity {
    Entity {
        id: id.into(),
        name: name.into(),
        kind: MentionType::Person,
        country: Some(code[..3].into()),
        actor_code: Some(code.into()),
        aliases: vec![name.into()],
        roles: vec![Role {
            title: title.into(),
            country: Some(code[..3].into()),
            sector: Some(code[3..].into()),
            since: None,
            until: None,
        }],
    }
}

pub fn people_roles_are_learned<S: Store>(s: &mut S) {
    let shoigu = || {
        official(
            "p1",
            "Sergei Shoigu",
            "Security Council Secretary",
            "RUSGOV",
        )
    };
    let first = with_people(
        "Shoigu in Cairo",
        "Talks began. Russian Security Council Secretary Sergei Shoigu arrived in Cairo.",
        "2025-11-20",
        &[("Sergei Shoigu", "p1")],
        vec![shoigu()],
    );
    let mut bare = shoigu();
    bare.roles.clear();
    let later = with_people(
        "Shoigu in Muscat",
        "Shoigu held talks in Muscat.",
        "2025-11-25",
        &[("Shoigu", "p1")],
        vec![bare],
    );
    let saqr = with_people(
        "Saqr",
        "Egyptian Defense Minister Abdel Majeed Saqr spoke.",
        "2025-11-22",
        &[("Abdel Majeed Saqr", "p2")],
        vec![official(
            "p2",
            "Abdel Majeed Saqr",
            "Defense Minister",
            "EGYGOVMIL",
        )],
    );
    let unrelated = plain("Other", "Nothing about people here.");
    s.insert_batch(&[first.clone(), later.clone(), saqr, unrelated])
        .unwrap();
    // A duplicate teaches nothing twice.
    s.insert_batch(std::slice::from_ref(&first)).unwrap();

    let all = s.people(&PeopleFilter::default()).unwrap();
    let names: Vec<&str> = all.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["Abdel Majeed Saqr", "Sergei Shoigu"],
        "one entry per person and role, most recently seen first"
    );
    assert_eq!(all[1].documents, 0, "documents are only counted when asked");

    let rus = s
        .people(&PeopleFilter {
            country: Some("rus".into()),
            documents: Some(10),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rus.len(), 1, "{rus:?}");
    let r = &rus[0];
    assert_eq!(r.entity, "p1");
    assert_eq!(r.title, "Security Council Secretary");
    assert_eq!(r.country.as_deref(), Some("RUS"));
    assert_eq!(r.actor_code.as_deref(), Some("RUSGOV"));
    assert_eq!(r.sector.as_deref(), Some("GOV"));
    assert_eq!(r.first_seen.as_deref(), Some("2025-11-20"));
    assert_eq!(r.last_seen.as_deref(), Some("2025-11-20"));
    assert_eq!(r.ended, None);
    assert_eq!(r.evidence.document, first.document.id);
    assert_eq!(
        r.evidence.text,
        "Russian Security Council Secretary Sergei Shoigu arrived in Cairo."
    );
    assert_eq!((r.evidence.start, r.evidence.end), (13, 79));
    assert_eq!(r.documents, 2, "the document naming him by surname counts");
    assert_eq!(
        r.document_ids,
        vec![later.document.id.clone(), first.document.id.clone()],
        "most recent document first"
    );

    let role = |q: &str| {
        s.people(&PeopleFilter {
            role: Some(q.into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect::<Vec<_>>()
    };
    assert_eq!(role("DEFENSE"), vec!["Abdel Majeed Saqr"]);
    assert_eq!(role("security council"), vec!["Sergei Shoigu"]);
    assert!(role("sultan").is_empty());
    let limited = s
        .people(&PeopleFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(limited.len(), 1);

    // A later statement of the same role moves last-seen; re-annotating without the role
    // forgets what that document said.
    let again = with_people(
        "Shoigu again",
        "Security Council Secretary Sergei Shoigu met the Emir.",
        "2025-12-02",
        &[("Sergei Shoigu", "p1")],
        vec![shoigu()],
    );
    s.insert_batch(std::slice::from_ref(&again)).unwrap();
    let r = &s
        .people(&PeopleFilter {
            country: Some("RUS".into()),
            ..Default::default()
        })
        .unwrap()[0];
    assert_eq!(r.first_seen.as_deref(), Some("2025-11-20"));
    assert_eq!(r.last_seen.as_deref(), Some("2025-12-02"));
    assert_eq!(
        r.evidence.document, first.document.id,
        "first evidence kept"
    );
    s.replace_annotations(&[
        (first.document.id.clone(), Annotations::default()),
        (again.document.id.clone(), Annotations::default()),
    ])
    .unwrap();
    let rus = s
        .people(&PeopleFilter {
            country: Some("RUS".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(rus.is_empty(), "{rus:?}");
    s.replace_annotations(&[(first.document.id.clone(), first.annotations.clone())])
        .unwrap();
    assert_eq!(
        s.people(&PeopleFilter {
            name: Some("shoigu".into()),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1,
        "re-annotating with the role restores it"
    );
}
