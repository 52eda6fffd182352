//! `attache events`: coded events with filters, listed or exported as GDELT 2.0 event rows or
//! PLOVER JSON records.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;
use attache_model::{ActorCode, CameoCode, Event, EventActor};
use attache_store::{DocumentHead, EventFilter, Store};
use serde::Serialize;

use super::output::{Listing, clip, opt, print};
use crate::cli::{EventsArgs, EventsFormat, ListFormat, Settings, parse_dyad};

pub fn run(settings: &Settings, args: &EventsArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let filter = EventFilter {
        actor: args.actor.clone(),
        dyad: args.dyad.as_deref().and_then(parse_dyad),
        since: args.since.clone(),
        until: args.until.clone(),
        cameo: args.cameo.clone(),
        topic: args.topic.clone(),
        document: None,
        limit: Some(args.limit),
    };
    let events = store.events(&filter)?;
    let format = match args.format {
        EventsFormat::Table => ListFormat::Table,
        EventsFormat::Json => ListFormat::Json,
        EventsFormat::Jsonl => ListFormat::Jsonl,
        EventsFormat::Csv => ListFormat::Csv,
        EventsFormat::Gdelt | EventsFormat::Plover => {
            let heads = report_heads(&store, &events)?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            for e in &events {
                if args.format == EventsFormat::Gdelt {
                    writeln!(out, "{}", gdelt_row(e, &heads).join("\t"))?;
                } else {
                    serde_json::to_writer(&mut out, &plover_record(e, &heads))?;
                    writeln!(out)?;
                }
            }
            out.flush()?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let table = format == ListFormat::Table;
    let rows = events.iter().map(|e| row(e, table)).collect();
    let header: &[&str] = if table {
        &[
            "date", "source", "event", "target", "where", "reports", "id",
        ]
    } else {
        &[
            "id",
            "date",
            "date_precision",
            "date_basis",
            "date_before",
            "source_name",
            "source_code",
            "target_name",
            "target_code",
            "cameo",
            "plover_event",
            "plover_mode",
            "plover_context",
            "quad_class",
            "goldstein",
            "location",
            "topics",
            "reports",
            "confidence",
            "evidence",
        ]
    };
    print(
        format,
        Listing {
            header,
            rows,
            items: &events,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn row(e: &Event, table: bool) -> Vec<String> {
    let target = e.target.as_ref();
    if table {
        let label = CameoCode::lookup(&e.cameo).map(|c| c.label).unwrap_or("");
        let side = |name: &str, code: &Option<String>| match code {
            Some(c) => format!("{name} ({c})"),
            None => name.to_string(),
        };
        return vec![
            e.date_label(),
            side(&e.source.name, &e.source.code),
            clip(&format!("{} {label}", e.cameo), 40),
            target.map(|t| side(&t.name, &t.code)).unwrap_or_default(),
            e.location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            e.reports.to_string(),
            e.id.clone(),
        ];
    }
    vec![
        e.id.clone(),
        opt(&e.date),
        e.date_precision.as_str().into(),
        e.date_basis.map(|b| b.as_str()).unwrap_or_default().into(),
        opt(&e.date_before),
        e.source.name.clone(),
        opt(&e.source.code),
        target.map(|t| t.name.clone()).unwrap_or_default(),
        target.and_then(|t| t.code.clone()).unwrap_or_default(),
        e.cameo.clone(),
        opt(&e.plover.event),
        opt(&e.plover.mode),
        opt(&e.plover.context),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        e.location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        e.topics.join(";"),
        e.reports.to_string(),
        format!("{:.2}", e.confidence),
        e.evidence
            .first()
            .map(|v| v.text.clone())
            .unwrap_or_default(),
    ]
}

/// The heads (URL, outlet, dates) of every document that reports one of `events`.
fn report_heads(store: &dyn Store, events: &[Event]) -> Result<HashMap<String, DocumentHead>> {
    let mut seen = HashSet::new();
    let ids: Vec<String> = events
        .iter()
        .flat_map(|e| e.evidence.iter().map(|v| v.document.clone()))
        .filter(|d| seen.insert(d.clone()))
        .collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(store
        .document_heads(Some(&ids))?
        .into_iter()
        .map(|h| (h.id.clone(), h))
        .collect())
}

/// The documents reporting `e`, in evidence order, each once.
fn report_ids(e: &Event) -> Vec<&str> {
    let mut seen = HashSet::new();
    e.evidence
        .iter()
        .map(|v| v.document.as_str())
        .filter(|d| seen.insert(*d))
        .collect()
}

/// The column names of the GDELT 2.0 event table, in order (GDELT Event Codebook V2.0).
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Year, month and day of a TimeML date value, as far as it states them ("2025-02-26",
/// "2024-10", "2025", "2025-SP" → year only).
fn date_parts(value: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
    let num = |s: Option<&str>, len: usize, max: u32| {
        s.filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|n| (1..=max).contains(n))
    };
    let mut parts = value.split('-');
    let Some(year) = num(parts.next(), 4, 9999) else {
        return (None, None, None);
    };
    let Some(month) = num(parts.next(), 2, 12) else {
        return (Some(year), None, None);
    };
    let day = num(parts.next().map(|d| d.get(..2).unwrap_or(d)), 2, 31);
    (Some(year), Some(month), day)
}

/// The actor columns of GDELT (Code, Name, CountryCode, KnownGroupCode, EthnicCode,
/// Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code) for one side.
fn gdelt_actor(a: Option<&EventActor>) -> [String; 10] {
    let mut cols: [String; 10] = Default::default();
    let Some(a) = a else {
        return cols;
    };
    cols[0] = a.code.clone().unwrap_or_default();
    cols[1] = a.name.clone();
    cols[2] = a.country.clone().unwrap_or_default();
    if let Some(code) = a.code.as_deref().and_then(|c| c.parse::<ActorCode>().ok()) {
        let mut types: Vec<String> = Vec::new();
        if code.is_transnational() {
            // IGOUNO: the organisation is the known group, the root (IGO) its type.
            types.push(code.root.clone());
            cols[3] = code.org.clone().unwrap_or_default();
        } else if cols[2].is_empty() {
            cols[2] = code.root.clone();
        }
        types.extend(code.sectors.iter().cloned());
        for (slot, t) in cols[7..10].iter_mut().zip(types) {
            *slot = t;
        }
    }
    cols
}

/// One event as the 61 columns of a GDELT 2.0 event table row (tabs and line breaks inside
/// values become spaces).
fn gdelt_row(e: &Event, heads: &HashMap<String, DocumentHead>) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(GDELT_COLUMNS.len());
    row.push(e.id.clone());
    let (year, month, day) = e.date.as_deref().map(date_parts).unwrap_or_default();
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => {
            row.push(format!("{y:04}{m:02}{d:02}"));
            row.push(format!("{y:04}{m:02}"));
            row.push(format!("{y:04}"));
            row.push(format!("{:.4}", y as f64 + (m * 30 + d) as f64 / 365.0));
        }
        (Some(y), Some(m), None) => {
            row.extend([String::new(), format!("{y:04}{m:02}"), format!("{y:04}")]);
            row.push(String::new());
        }
        (Some(y), None, _) => {
            row.extend([String::new(), String::new(), format!("{y:04}")]);
            row.push(String::new());
        }
        _ => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(gdelt_actor(Some(&e.source)));
    row.extend(gdelt_actor(e.target.as_ref()));
    row.push(String::new()); // IsRootEvent
    let code = e.cameo.as_str();
    row.push(code.to_string());
    row.push(code.get(..3).unwrap_or(code).to_string());
    row.push(code.get(..2).unwrap_or(code).to_string());
    row.push(e.quad_class.to_string());
    row.push(format!("{:.1}", e.goldstein));
    let docs = report_ids(e);
    let outlets: HashSet<&str> = docs
        .iter()
        .map(|d| {
            heads
                .get(*d)
                .and_then(|h| h.site_name.as_deref())
                .unwrap_or(d)
        })
        .collect();
    row.push(e.evidence.len().max(e.reports as usize).to_string()); // NumMentions
    // NumSources: distinct outlets of the reporting documents.
    let sources = if docs.is_empty() {
        e.reports as usize
    } else {
        outlets.len()
    };
    row.push(sources.to_string());
    row.push(e.reports.to_string()); // NumArticles
    row.push(String::new()); // AvgTone
    // Actor1Geo_* and Actor2Geo_*: not known.
    row.extend(std::iter::repeat_n(String::new(), 16));
    match &e.location {
        Some(l) => {
            let coord = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            row.extend([String::new(), l.name.clone()]);
            row.extend(std::iter::repeat_n(String::new(), 3));
            row.extend([coord(l.lat), coord(l.lon), String::new()]);
        }
        None => row.extend(std::iter::repeat_n(String::new(), 8)),
    }
    let first = docs.first().and_then(|d| heads.get(*d));
    let added = docs
        .iter()
        .filter_map(|d| heads.get(*d).and_then(|h| h.fetched))
        .min();
    row.push(
        added
            .map(|t| t.strftime("%Y%m%d%H%M%S").to_string())
            .unwrap_or_default(),
    );
    row.push(first.and_then(|h| h.url.clone()).unwrap_or_default());
    debug_assert_eq!(row.len(), GDELT_COLUMNS.len());
    row.into_iter()
        .map(|v| v.replace(['\t', '\n', '\r'], " "))
        .collect()
}

/// One actor as NGEC writes it in `attributes.ACTOR` / `attributes.RECIP`, plus its full
/// CAMEO code.
#[derive(Debug, Serialize)]
struct PloverActor<'a> {
    text: &'a str,
    country: Option<String>,
    code_1: String,
    code_2: String,
    /// The Wikipedia title NGEC resolves actors to; attache does not link to Wikipedia.
    wiki: Option<String>,
    code: Option<&'a str>,
}

impl<'a> PloverActor<'a> {
    fn new(a: &'a EventActor) -> Self {
        let code = a.code.as_deref().and_then(|c| c.parse::<ActorCode>().ok());
        let sector = |i: usize| {
            code.as_ref()
                .and_then(|c| c.sectors.get(i).cloned())
                .unwrap_or_default()
        };
        PloverActor {
            text: &a.name,
            country: a
                .country
                .clone()
                .or_else(|| code.as_ref().map(|c| c.root.clone())),
            code_1: sector(0),
            code_2: sector(1),
            wiki: None,
            code: a.code.as_deref(),
        }
    }
}

#[derive(Debug, Serialize)]
struct PloverPlace<'a> {
    text: &'a str,
}

/// NGEC's `attributes`: the spans its question-answering model found for each role.
#[derive(Debug, Serialize)]
#[serde(rename_all = "UPPERCASE")]
struct PloverAttributes<'a> {
    actor: Vec<PloverActor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    recip: Vec<PloverActor<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    loc: Vec<PloverPlace<'a>>,
}

#[derive(Debug, Serialize)]
struct PloverGeo<'a> {
    resolved_placename: &'a str,
    country_code3: Option<&'a str>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Debug, Serialize)]
struct PloverGeolocation<'a> {
    geo: Option<PloverGeo<'a>>,
    reason: &'static str,
}

/// One event as a PLOVER JSON record with the field names of NGEC, the coder that produces
/// POLECAT, followed by attache's CAMEO fields.
#[derive(Debug, Serialize)]
struct PloverRecord<'a> {
    id: &'a str,
    date: Option<&'a str>,
    date_precision: &'static str,
    event_type: Option<&'a str>,
    event_mode: Vec<&'a str>,
    contexts: Vec<&'a str>,
    event_text: Option<&'a str>,
    story_id: Option<&'a str>,
    story_ids: Vec<&'a str>,
    headline: Option<&'a str>,
    pub_date: Option<String>,
    publisher: Option<&'a str>,
    url: Option<&'a str>,
    attributes: PloverAttributes<'a>,
    event_geolocation: PloverGeolocation<'a>,
    version: &'static str,
    cameo: &'a str,
    quad_class: u8,
    goldstein: f64,
    topics: &'a [String],
    reports: u32,
    confidence: f32,
}

fn plover_record<'a>(e: &'a Event, heads: &'a HashMap<String, DocumentHead>) -> PloverRecord<'a> {
    let docs = report_ids(e);
    let first = docs.first().and_then(|d| heads.get(*d));
    let event_geolocation = match &e.location {
        Some(l) => PloverGeolocation {
            geo: Some(PloverGeo {
                resolved_placename: &l.name,
                country_code3: l.country.as_deref(),
                lat: l.lat,
                lon: l.lon,
            }),
            reason: "the place named in the event's clause, else the destination of a visit",
        },
        None => PloverGeolocation {
            geo: None,
            reason: "no place stated for the event",
        },
    };
    PloverRecord {
        id: &e.id,
        date: e.date.as_deref(),
        date_precision: e.date_precision.as_str(),
        event_type: e.plover.event.as_deref(),
        event_mode: e.plover.mode.as_deref().into_iter().collect(),
        contexts: e.plover.context.as_deref().into_iter().collect(),
        event_text: e.evidence.first().map(|v| v.text.as_str()),
        story_id: docs.first().copied(),
        headline: first.map(|h| h.title.as_str()),
        pub_date: first
            .and_then(|h| h.published)
            .map(|t| t.strftime("%Y-%m-%d").to_string()),
        publisher: first.and_then(|h| h.site_name.as_deref()),
        url: first.and_then(|h| h.url.as_deref()),
        story_ids: docs,
        attributes: PloverAttributes {
            actor: vec![PloverActor::new(&e.source)],
            recip: e.target.iter().map(PloverActor::new).collect(),
            loc: e
                .location
                .iter()
                .map(|l| PloverPlace { text: &l.name })
                .collect(),
        },
        event_geolocation,
        version: concat!("attache ", env!("CARGO_PKG_VERSION")),
        cameo: &e.cameo,
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        topics: &e.topics,
        reports: e.reports,
        confidence: e.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{DatePrecision, Evidence, Location, Plover};

    fn event() -> Event {
        Event {
            id: "0a2ccf276e0c1a2b".into(),
            date: Some("2025-02-26".into()),
            date_precision: DatePrecision::Day,
            date_basis: None,
            date_before: None,
            source: EventActor {
                name: "Sergey\tLavrov".into(),
                code: Some("RUSGOVMIL".into()),
                country: Some("RUS".into()),
                entity: None,
            },
            target: Some(EventActor {
                name: "United Nations".into(),
                code: Some("IGOUNO".into()),
                country: None,
                entity: None,
            }),
            cameo: "0421".into(),
            plover: Plover {
                event: Some("CONSULT".into()),
                mode: Some("visit".into()),
                context: None,
            },
            quad_class: 1,
            goldstein: 1.9,
            location: Some(Location {
                name: "Ankara".into(),
                country: Some("TUR".into()),
                lat: Some(39.92),
                lon: Some(32.85),
            }),
            topics: vec![],
            evidence: vec![
                Evidence {
                    document: "d1".into(),
                    start: 0,
                    end: 5,
                    text: "Lavrov visited Ankara.".into(),
                },
                Evidence {
                    document: "d1".into(),
                    start: 9,
                    end: 12,
                    text: "The visit...".into(),
                },
            ],
            reports: 1,
            confidence: 0.5,
        }
    }

    #[test]
    fn gdelt_row_puts_each_value_in_its_column() {
        let head = DocumentHead {
            id: "d1".into(),
            title: "T".into(),
            url: Some("https://example.org/a".into()),
            site_name: Some("RT".into()),
            published: None,
            fetched: Some("2025-02-27T10:11:12Z".parse().unwrap()),
            syndication: None,
            lead: String::new(),
        };
        let heads = HashMap::from([("d1".to_string(), head)]);
        let row = gdelt_row(&event(), &heads);
        assert_eq!(row.len(), 61);
        let col = |name: &str| row[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].clone();
        assert_eq!(col("GLOBALEVENTID"), "0a2ccf276e0c1a2b");
        assert_eq!(col("SQLDATE"), "20250226");
        assert_eq!(col("MonthYear"), "202502");
        assert_eq!(col("Year"), "2025");
        assert_eq!(col("FractionDate"), "2025.2356");
        assert_eq!(col("Actor1Code"), "RUSGOVMIL");
        assert_eq!(col("Actor1Name"), "Sergey Lavrov", "tabs become spaces");
        assert_eq!(col("Actor1CountryCode"), "RUS");
        assert_eq!(col("Actor1Type1Code"), "GOV");
        assert_eq!(col("Actor1Type2Code"), "MIL");
        assert_eq!(col("Actor1Type3Code"), "");
        assert_eq!(col("Actor2Code"), "IGOUNO");
        assert_eq!(col("Actor2CountryCode"), "");
        assert_eq!(col("Actor2KnownGroupCode"), "UNO");
        assert_eq!(col("Actor2Type1Code"), "IGO");
        assert_eq!(col("EventCode"), "0421");
        assert_eq!(col("EventBaseCode"), "042");
        assert_eq!(col("EventRootCode"), "04");
        assert_eq!(col("QuadClass"), "1");
        assert_eq!(col("GoldsteinScale"), "1.9");
        assert_eq!(col("NumMentions"), "2");
        assert_eq!(col("NumSources"), "1");
        assert_eq!(col("NumArticles"), "1");
        assert_eq!(col("ActionGeo_FullName"), "Ankara");
        assert_eq!(col("ActionGeo_Lat"), "39.92");
        assert_eq!(col("ActionGeo_Long"), "32.85");
        assert_eq!(col("ActionGeo_CountryCode"), "", "FIPS codes are not known");
        assert_eq!(col("DATEADDED"), "20250227101112");
        assert_eq!(col("SOURCEURL"), "https://example.org/a");
        assert!(row.iter().all(|v| !v.contains(['\t', '\n'])));
    }

    #[test]
    fn partial_dates_fill_only_what_they_state() {
        assert_eq!(date_parts("2024-10"), (Some(2024), Some(10), None));
        assert_eq!(date_parts("2025-SP"), (Some(2025), None, None));
        assert_eq!(date_parts("2025"), (Some(2025), None, None));
        assert_eq!(
            date_parts("2025-02-26T10:00"),
            (Some(2025), Some(2), Some(26))
        );
        assert_eq!(date_parts("PAST_REF"), (None, None, None));
        let mut e = event();
        e.date = Some("2024-10".into());
        e.target = None;
        e.location = None;
        let row = gdelt_row(&e, &HashMap::new());
        assert_eq!(row.len(), 61);
        assert_eq!(&row[1..5], ["", "202410", "2024", ""]);
        assert!(row[15..25].iter().all(String::is_empty), "no target");
        assert_eq!(row[59], "", "no document head, no DATEADDED");
        e.date = None;
        let row = gdelt_row(&e, &HashMap::new());
        assert!(row[1..5].iter().all(String::is_empty));
    }

    #[test]
    fn plover_record_uses_ngec_field_names() {
        let e = event();
        let heads = HashMap::new();
        let v = serde_json::to_value(plover_record(&e, &heads)).unwrap();
        use serde_json::json;
        assert_eq!(v["event_type"], "CONSULT");
        assert_eq!(v["event_mode"], json!(["visit"]));
        assert_eq!(v["contexts"], json!([]));
        assert_eq!(v["story_ids"], json!(["d1"]));
        assert_eq!(v["story_id"], "d1");
        assert_eq!(v["attributes"]["ACTOR"][0]["country"], "RUS");
        assert_eq!(v["attributes"]["ACTOR"][0]["code_1"], "GOV");
        assert_eq!(v["attributes"]["ACTOR"][0]["code_2"], "MIL");
        assert_eq!(v["attributes"]["RECIP"][0]["country"], "IGO");
        assert_eq!(v["attributes"]["LOC"][0]["text"], "Ankara");
        assert_eq!(v["event_geolocation"]["geo"]["country_code3"], "TUR");
        assert_eq!(v["event_text"], "Lavrov visited Ankara.");
        assert_eq!(v["cameo"], "0421");
    }
}
