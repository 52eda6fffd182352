//! Test support: a store filled through the Store trait with documents, annotations and
//! events built from model types, a real server on 127.0.0.1:0, and a minimal HTTP/1.1
//! client.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use attache_model::{
    AnnotatedDocument, Annotations, CameoCode, DatePrecision, Document, Entity, Event, EventActor,
    Evidence, Feed, Mention, MentionType, Role, Span, StoryCluster, StoryMember, Syndication,
};
use attache_server::{AppState, ServerConfig};
use attache_store::{SqliteStore, Store};

pub const TOKEN: &str = "test-token-0123456789";

pub const HOSTILE_TITLE: &str = "<script>alert('title')</script> \"><img src=x onerror=alert(1)>";
pub const HOSTILE_TEXT: &str = "Breaking: <script>alert(document.cookie)</script> and \
\"><img src=x onerror=alert(2)> and <a href=\"javascript:alert(3)\">click</a> \
<style>body{display:none}</style> Russia met Egypt.";

fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn actor(name: &str, code: &str) -> EventActor {
    EventActor {
        name: name.into(),
        code: Some(code.into()),
        country: Some(code[..3].into()),
        entity: None,
    }
}

fn event(
    id: &str,
    doc: &Document,
    sentence: &str,
    cameo: &str,
    src: (&str, &str),
    dst: (&str, &str),
    date: &str,
) -> Event {
    let code = CameoCode::lookup(cameo).expect("known CAMEO code");
    let (start, end) = find(&doc.text, sentence);
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
        source: actor(src.0, src.1),
        target: Some(actor(dst.0, dst.1)),
        cameo: cameo.into(),
        plover: code.plover(),
        quad_class: code.quad_class.number(),
        goldstein: code.goldstein,
        location: None,
        topics: vec!["diplomacy".into()],
        evidence: vec![Evidence {
            document: doc.id.clone(),
            start,
            end,
            text: sentence.into(),
        }],
        reports: 1,
        confidence: 0.8,
    }
}

fn mention(
    doc: &Document,
    text: &str,
    kind: MentionType,
    entity: Option<&str>,
    code: Option<&str>,
) -> Mention {
    let (start, end) = find(&doc.text, text);
    Mention {
        start,
        end,
        text: text.into(),
        kind,
        entity: entity.map(Into::into),
        country: code.map(|c| c[..3].to_string()),
        actor_code: code.map(Into::into),
    }
}

/// Ids of the documents the fixture stores.
pub struct Fixture {
    pub tour: String,
    pub copy: String,
    pub hostile: String,
    pub story: String,
}

/// Fill `store` with a Russian diplomatic tour (Egypt, Oman, Türkiye, Iran, Qatar), a copy of
/// it on an aggregator, a hostile document, a story cluster and a feed.
pub fn fill(store: &mut SqliteStore) -> Fixture {
    let text = "Russian Security Council Secretary Sergey Shoigu arrived in Cairo in late October 2024.\n\
Shoigu met Egyptian Defense Minister Abdel Majeed Saqr to discuss military cooperation.\n\
In February 2025 Shoigu visited Oman and signed a memorandum with Muscat.\n\
Foreign Minister Sergey Lavrov travelled to Ankara on 24 February 2025 to meet Turkish officials.\n\
Russia and Iran signed a comprehensive strategic partnership treaty on 17 January 2025.\n\
Lavrov later consulted Qatar in Doha.\n\
Israel struck Doha in September 2025.";
    let mut tour = Document::new("Russia's envoys tour the Middle East", text);
    tour.site_name = Some("RT".into());
    tour.url = Some("https://www.rt.com/news/tour/".into());
    tour.published = Some("2025-11-21T10:00:00Z".parse().unwrap());
    tour.published_precision = DatePrecision::Day;
    let shoigu = Entity {
        id: "per-shoigu".into(),
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
    let saqr = Entity {
        id: "per-saqr".into(),
        name: "Abdel Majeed Saqr".into(),
        kind: MentionType::Person,
        country: Some("EGY".into()),
        actor_code: Some("EGYMIL".into()),
        aliases: vec![],
        roles: vec![Role {
            title: "Defense Minister".into(),
            country: Some("EGY".into()),
            sector: Some("MIL".into()),
            since: None,
            until: None,
        }],
    };
    let events = vec![
        event(
            "ev-egy",
            &tour,
            "Sergey Shoigu arrived in Cairo",
            "042",
            ("Russia", "RUSGOV"),
            ("Egypt", "EGY"),
            "2024-10",
        ),
        event(
            "ev-egy-mil",
            &tour,
            "Shoigu met Egyptian Defense Minister Abdel Majeed Saqr",
            "040",
            ("Russia", "RUSGOV"),
            ("Egypt", "EGYMIL"),
            "2024-10",
        ),
        event(
            "ev-omn",
            &tour,
            "Shoigu visited Oman",
            "042",
            ("Russia", "RUSGOV"),
            ("Oman", "OMN"),
            "2025-02",
        ),
        event(
            "ev-tur",
            &tour,
            "Lavrov travelled to Ankara",
            "042",
            ("Russia", "RUSGOV"),
            ("Türkiye", "TUR"),
            "2025-02-24",
        ),
        event(
            "ev-irn",
            &tour,
            "Russia and Iran signed a comprehensive strategic partnership treaty",
            "057",
            ("Russia", "RUS"),
            ("Iran", "IRN"),
            "2025-01-17",
        ),
        event(
            "ev-qat",
            &tour,
            "Lavrov later consulted Qatar",
            "040",
            ("Russia", "RUSGOV"),
            ("Qatar", "QAT"),
            "2025-10",
        ),
        event(
            "ev-isr",
            &tour,
            "Israel struck Doha",
            "195",
            ("Israel", "ISR"),
            ("Qatar", "QAT"),
            "2025-09",
        ),
    ];
    let tour_annotations = Annotations {
        sentences: vec![Span { start: 0, end: 10 }],
        mentions: vec![
            mention(
                &tour,
                "Sergey Shoigu",
                MentionType::Person,
                Some("per-shoigu"),
                Some("RUSGOV"),
            ),
            mention(&tour, "Cairo", MentionType::City, None, Some("EGY")),
            mention(
                &tour,
                "Abdel Majeed Saqr",
                MentionType::Person,
                Some("per-saqr"),
                Some("EGYMIL"),
            ),
            mention(&tour, "Oman", MentionType::Country, None, Some("OMN")),
            mention(&tour, "Ankara", MentionType::City, None, Some("TUR")),
            mention(&tour, "Iran", MentionType::Country, None, Some("IRN")),
            mention(&tour, "Qatar", MentionType::Country, None, Some("QAT")),
        ],
        entities: vec![shoigu, saqr],
        timexes: vec![],
        events: events.clone(),
    };
    let mut copy = Document::new(
        "Russia's envoys tour the Middle East (INA NEWS)",
        format!("{text}\nThis article was first published on RT."),
    );
    copy.site_name = Some("INA NEWS".into());
    copy.published = Some("2025-11-21T12:30:00Z".parse().unwrap());
    copy.syndication = Some(Syndication {
        origin: Some("RT".into()),
        origin_url: Some("https://www.rt.com/news/tour/".into()),
        via: vec!["RSS".into()],
    });
    let copy_events: Vec<Event> = events
        .iter()
        .take(2)
        .map(|e| {
            let mut e = e.clone();
            for ev in &mut e.evidence {
                ev.document = copy.id.clone();
            }
            e
        })
        .collect();
    let mut hostile = Document::new(HOSTILE_TITLE, HOSTILE_TEXT);
    hostile.site_name = Some("<b>evil</b> outlet".into());
    hostile.url = Some("javascript:alert(4)".into());
    let hostile_event = event(
        "ev-hostile",
        &hostile,
        "<script>alert(document.cookie)</script>",
        "010",
        ("<img src=x onerror=alert(5)>", "RUS"),
        ("Egypt\"><script>", "EGY"),
        "2025-03-01",
    );
    let hostile_annotations = Annotations {
        mentions: vec![mention(&hostile, "<script>", MentionType::Org, None, None)],
        events: vec![hostile_event],
        ..Annotations::default()
    };
    let outcomes = store
        .insert_batch(&[
            AnnotatedDocument {
                document: tour.clone(),
                annotations: tour_annotations,
            },
            AnnotatedDocument {
                document: copy.clone(),
                annotations: Annotations {
                    events: copy_events,
                    ..Annotations::default()
                },
            },
            AnnotatedDocument {
                document: hostile.clone(),
                annotations: hostile_annotations,
            },
        ])
        .unwrap();
    assert_eq!(outcomes.len(), 3);
    store
        .put_clusters(&[StoryCluster {
            id: "story-tour".into(),
            canonical: tour.id.clone(),
            origin: Some("RT".into()),
            first_seen: tour.published,
            last_seen: copy.published,
            members: vec![
                StoryMember {
                    document: tour.id.clone(),
                    outlet: Some("RT".into()),
                    published: tour.published,
                    similarity: 1.0,
                    delay_seconds: Some(0),
                    credits_origin: false,
                },
                StoryMember {
                    document: copy.id.clone(),
                    outlet: Some("INA NEWS".into()),
                    published: copy.published,
                    similarity: 0.97,
                    delay_seconds: Some(9000),
                    credits_origin: true,
                },
            ],
        }])
        .unwrap();
    let mut feed = Feed::new("https://www.rt.com/rss/news/");
    feed.title = Some("RT <i>World</i> News".into());
    store.add_feed(&feed).unwrap();
    Fixture {
        tour: tour.id,
        copy: copy.id,
        hostile: hostile.id,
        story: "story-tour".into(),
    }
}

/// A running server over a filled store.
pub struct TestServer {
    pub addr: SocketAddr,
    pub fixture: Fixture,
    _dir: tempfile::TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

pub fn start() -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    let fixture = {
        let mut store = SqliteStore::open(&path).unwrap();
        fill(&mut store)
    };
    let (addr, shutdown) = serve(&path, Some(TOKEN.into()));
    TestServer {
        addr,
        fixture,
        _dir: dir,
        _shutdown: shutdown,
    }
}

/// Serve the database at `path` on 127.0.0.1:0 from a background runtime.
pub fn serve(path: &Path, token: Option<String>) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let mut config = ServerConfig::new("127.0.0.1:0".parse().unwrap(), path.to_path_buf());
    config.token = token.clone();
    config.max_body_bytes = 64 * 1024;
    let state = AppState::open(path, 2, token).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let server = attache_server::bind_with(&config, state).await.unwrap();
            tx.send(server.local_addr().unwrap()).unwrap();
            server
                .run_until(async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
        });
    });
    (rx.recv_timeout(Duration::from_secs(20)).unwrap(), stop)
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(pos) = rest.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&rest[..pos]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&rest[pos + 2..pos + 2 + size]);
        rest = &rest[pos + 2 + size + 2..];
    }
    out
}

/// Send one request and read the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req += &format!("{k}: {v}\r\n");
    }
    req += &format!("Content-Length: {}\r\n\r\n", body.len());
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response has headers");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Response {
    request(addr, "GET", path, &[], b"")
}
