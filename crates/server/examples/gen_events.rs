//! Fill a database with generated documents and events for load tests:
//! `cargo run -p attache-server --release --example gen_events -- DB N`.
//!
//! N events over two years (2024–2025) between 40 countries (a few far busier than the rest),
//! ten events per document, each with an evidence sentence, mentions and a person entity.
//! Deterministic: the same N gives the same database.

use std::path::PathBuf;
use std::time::Instant;

use attache_model::{
    AnnotatedDocument, Annotations, CameoCode, DatePrecision, Document, Entity, Event, EventActor,
    Evidence, Mention, MentionType, Role,
};
use attache_store::{SqliteStore, Store};

const COUNTRIES: &[(&str, &str)] = &[
    ("RUS", "Russia"),
    ("USA", "United States"),
    ("CHN", "China"),
    ("UKR", "Ukraine"),
    ("TUR", "Türkiye"),
    ("IRN", "Iran"),
    ("EGY", "Egypt"),
    ("ISR", "Israel"),
    ("QAT", "Qatar"),
    ("OMN", "Oman"),
    ("SAU", "Saudi Arabia"),
    ("ARE", "United Arab Emirates"),
    ("SYR", "Syria"),
    ("IND", "India"),
    ("PAK", "Pakistan"),
    ("DEU", "Germany"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("JPN", "Japan"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("BRA", "Brazil"),
    ("ZAF", "South Africa"),
    ("NGA", "Nigeria"),
    ("ETH", "Ethiopia"),
    ("KAZ", "Kazakhstan"),
    ("BLR", "Belarus"),
    ("POL", "Poland"),
    ("ITA", "Italy"),
    ("ESP", "Spain"),
    ("MEX", "Mexico"),
    ("ARG", "Argentina"),
    ("IDN", "Indonesia"),
    ("VNM", "Vietnam"),
    ("AZE", "Azerbaijan"),
    ("ARM", "Armenia"),
    ("IRQ", "Iraq"),
    ("JOR", "Jordan"),
    ("LBN", "Lebanon"),
    ("DZA", "Algeria"),
];
const SECTORS: &[&str] = &["", "GOV", "MIL", "BUS", "MED"];
const CAMEO: &[&str] = &[
    "010", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071", "081", "090",
    "111", "112", "130", "138", "163", "173", "190", "195",
];
const TOPICS: &[&str] = &[
    "energy",
    "security",
    "trade",
    "nuclear",
    "transport",
    "diplomacy",
];

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indexes: the first countries are the busiest.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b).min(self.below(n))
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_events DB N");
        std::process::exit(2);
    };
    let n: usize = match n.parse() {
        Ok(n) => n,
        Err(_) => {
            eprintln!("gen_events: N must be a number, not {n:?}");
            std::process::exit(2);
        }
    };
    let db = PathBuf::from(db);
    let mut store = match SqliteStore::open(&db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen_events: {e}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let mut rng = Rng(42);
    let per_doc = 10;
    let docs = n.div_ceil(per_doc);
    let start_day = jiff::civil::date(2024, 1, 1);
    let mut made = 0;
    let mut batch = Vec::new();
    for d in 0..docs {
        let mut sentences = Vec::new();
        let mut planned = Vec::new();
        for _ in 0..per_doc.min(n - made) {
            let s = rng.skewed(COUNTRIES.len());
            let mut t = rng.skewed(COUNTRIES.len());
            if t == s {
                t = (t + 1 + rng.below(COUNTRIES.len() - 1)) % COUNTRIES.len();
            }
            let cameo = CAMEO[rng.below(CAMEO.len())];
            let day = start_day
                .checked_add(jiff::Span::new().days(rng.below(730) as i64))
                .expect("date in range");
            let sentence = format!(
                "On {day} officials of {} and {} met over {}.",
                COUNTRIES[s].1,
                COUNTRIES[t].1,
                TOPICS[rng.below(TOPICS.len())]
            );
            sentences.push(sentence.clone());
            planned.push((s, t, cameo, day, sentence));
            made += 1;
        }
        let text = sentences.join(" ");
        let mut doc = Document::new(format!("Generated report {d}"), text.clone());
        doc.site_name = Some(format!("Outlet {}", d % 50));
        doc.url = Some(format!("https://outlet{}.example/{d}", d % 50));
        doc.published = Some(
            jiff::Timestamp::from_second(1_704_067_200 + (d as i64 * 631)).expect("timestamp"),
        );
        doc.published_precision = DatePrecision::Day;
        let mut events = Vec::new();
        let mut mentions = Vec::new();
        let mut offset = 0;
        for (i, (s, t, cameo, day, sentence)) in planned.into_iter().enumerate() {
            let len = sentence.chars().count();
            let code = CameoCode::lookup(cameo).expect("known CAMEO code");
            let actor = |c: usize, sector: &str| EventActor {
                name: COUNTRIES[c].1.to_string(),
                code: Some(format!("{}{sector}", COUNTRIES[c].0)),
                country: Some(COUNTRIES[c].0.to_string()),
                entity: None,
            };
            let sector = SECTORS[rng.below(SECTORS.len())];
            events.push(Event {
                id: format!("g{:08}{i}", d),
                date: Some(day.to_string()),
                date_precision: DatePrecision::Day,
                date_basis: None,
                date_before: None,
                source: actor(s, sector),
                target: Some(actor(t, "")),
                cameo: cameo.to_string(),
                plover: code.plover(),
                quad_class: code.quad_class.number(),
                goldstein: code.goldstein,
                location: None,
                topics: vec![TOPICS[rng.below(TOPICS.len())].to_string()],
                evidence: vec![Evidence {
                    document: doc.id.clone(),
                    start: offset,
                    end: offset + len,
                    text: sentence.clone(),
                }],
                reports: 1,
                confidence: 0.7,
            });
            let name_at = sentence.find(COUNTRIES[s].1).unwrap_or(0);
            let start = offset + sentence[..name_at].chars().count();
            mentions.push(Mention {
                start,
                end: start + COUNTRIES[s].1.chars().count(),
                text: COUNTRIES[s].1.to_string(),
                kind: MentionType::Country,
                entity: None,
                country: Some(COUNTRIES[s].0.to_string()),
                actor_code: Some(COUNTRIES[s].0.to_string()),
            });
            offset += len + 1;
        }
        let c = d % COUNTRIES.len();
        let person = Entity {
            id: format!("per-{}", d % 500),
            name: format!("Minister {} of {}", d % 500, COUNTRIES[c].1),
            kind: MentionType::Person,
            country: Some(COUNTRIES[c].0.to_string()),
            actor_code: Some(format!("{}GOV", COUNTRIES[c].0)),
            aliases: vec![],
            roles: vec![Role {
                title: "Foreign Minister".into(),
                country: Some(COUNTRIES[c].0.to_string()),
                sector: Some("GOV".into()),
                since: Some("2024".into()),
                until: None,
            }],
        };
        batch.push(AnnotatedDocument {
            document: doc,
            annotations: Annotations {
                mentions,
                entities: vec![person],
                events,
                ..Annotations::default()
            },
        });
        if batch.len() == 1000 {
            if let Err(e) = store.insert_batch(&batch) {
                eprintln!("gen_events: {e}");
                std::process::exit(1);
            }
            batch.clear();
            eprint!("\r{made} events");
        }
    }
    if !batch.is_empty()
        && let Err(e) = store.insert_batch(&batch)
    {
        eprintln!("gen_events: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "\r{made} events in {docs} documents written to {} in {:.1} s",
        db.display(),
        started.elapsed().as_secs_f64()
    );
}
