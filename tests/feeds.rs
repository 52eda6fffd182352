//! End-to-end tests of following feeds: the real `attache` binary against a real HTTP server
//! on 127.0.0.1 (conditional GET, Retry-After, article pages), on a temporary database.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// A small HTTP/1.1 server: one thread per connection, `Connection: close`.

#[derive(Debug, Clone)]
struct Req {
    path: String,
    headers: Vec<(String, String)>,
}

impl Req {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
enum Resource {
    /// A feed or page with validators; answers 304 to a matching conditional GET.
    Doc {
        body: String,
        content_type: String,
        etag: String,
        last_modified: String,
    },
    /// 429 Too Many Requests with `Retry-After: secs`.
    Busy(u64),
    /// A redirect with this status to this location.
    Redirect(u16, String),
}

#[derive(Default)]
struct State {
    resources: HashMap<String, Resource>,
    log: Vec<Req>,
}

struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
}

impl Server {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Server { port, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn set(&self, path: &str, r: Resource) {
        self.state
            .lock()
            .unwrap()
            .resources
            .insert(path.to_string(), r);
    }

    fn doc(&self, path: &str, content_type: &str, body: &str, version: u32) {
        self.set(
            path,
            Resource::Doc {
                body: body.to_string(),
                content_type: content_type.to_string(),
                etag: format!("\"v{version}\""),
                last_modified: format!("Fri, 21 Nov 2025 10:{:02}:00 GMT", version % 60),
            },
        );
    }

    fn requests(&self, path: &str) -> Vec<Req> {
        self.state
            .lock()
            .unwrap()
            .log
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    let req = Req { path, headers };
    let resource = {
        let mut st = state.lock().unwrap();
        st.log.push(req.clone());
        st.resources.get(&req.path).cloned()
    };
    let (status, extra, body): (&str, Vec<(String, String)>, String) = match resource {
        None => ("404 Not Found", vec![], "not found".into()),
        Some(Resource::Busy(secs)) => (
            "429 Too Many Requests",
            vec![("Retry-After".into(), secs.to_string())],
            String::new(),
        ),
        Some(Resource::Redirect(code, to)) => (
            if code == 301 {
                "301 Moved Permanently"
            } else {
                "302 Found"
            },
            vec![("Location".into(), to)],
            String::new(),
        ),
        Some(Resource::Doc {
            body,
            content_type,
            etag,
            last_modified,
        }) => {
            let validators = vec![
                ("ETag".to_string(), etag.clone()),
                ("Last-Modified".to_string(), last_modified.clone()),
            ];
            let fresh = req.header("If-None-Match") == Some(etag.as_str())
                || (req.header("If-None-Match").is_none()
                    && req.header("If-Modified-Since") == Some(last_modified.as_str()));
            if fresh {
                ("304 Not Modified", validators, String::new())
            } else {
                let mut h = validators;
                h.push(("Content-Type".into(), content_type));
                ("200 OK", h, body)
            }
        }
    };
    let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (n, v) in extra {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    if !status.starts_with("304") {
        out.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    out.push_str("\r\n");
    out.push_str(&body);
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
}

// ---------------------------------------------------------------------------------------------
// Feeds and pages.

fn long_text(topic: &str) -> String {
    (0..12)
        .map(|i| {
            format!(
                "Paragraph {i} about {topic}: officials met in the capital to discuss energy \
                 cooperation, trade routes and regional security."
            )
        })
        .collect::<Vec<_>>()
        .join("</p><p>")
}

struct Item {
    guid: &'static str,
    title: &'static str,
    link: String,
    /// Full text in content:encoded, else only a short description.
    full: bool,
}

fn rss(items: &[Item]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Gulf Wire</title><link>https://gulf.example/</link><description>News</description>",
    );
    for (i, it) in items.iter().enumerate() {
        s.push_str(&format!(
            "<item><guid isPermaLink=\"false\">{}</guid><title>{}</title><link>{}</link>\
             <pubDate>Fri, 2{} Nov 2025 08:00:00 GMT</pubDate><author>desk@gulf.example (Wire Desk)</author>\
             <description>A short summary of {}.</description>",
            it.guid,
            it.title,
            it.link,
            i % 9,
            it.title
        ));
        if it.full {
            s.push_str(&format!(
                "<content:encoded><![CDATA[<p>{}</p>]]></content:encoded>",
                long_text(it.title)
            ));
        }
        s.push_str("</item>");
    }
    s.push_str("</channel></rss>\n");
    s
}

fn page(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title} | Gulf Wire</title></head><body>\
         <article><h1>{title}</h1><p>{}</p></article></body></html>",
        long_text(title)
    )
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

fn attache(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(db)
        .arg("--quiet")
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("run attache")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

/// Follow a feed served on loopback, without the check fetch.
fn follow(db: &Path, url: &str) {
    ok(&attache(
        db,
        &["feeds", "add", url, "--allow-private", "--no-check"],
    ));
}

fn feeds_json(db: &Path) -> Vec<serde_json::Value> {
    let out = ok(&attache(db, &["feeds", "list", "--format", "json"]));
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// title, url, site_name, byline
type DocRow = (String, Option<String>, Option<String>, Option<String>);

fn documents(db: &Path) -> Vec<DocRow> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT title, url, site_name, byline FROM documents ORDER BY rowid")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Send Ctrl-C (SIGINT) to `child` and wait up to 20 s for it to exit.
#[cfg(unix)]
fn interrupt(child: &mut std::process::Child, what: &str) -> std::process::ExitStatus {
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(s) = child.try_wait().unwrap() {
            return s;
        }
        assert!(Instant::now() < deadline, "{what} did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn count_feed_items(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM feed_items", [], |r| r.get(0))
        .unwrap()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn conditional_get_then_a_new_item_stored_once() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("feeds.db");
    let mut items = vec![
        Item {
            guid: "wire-1",
            title: "Ministers meet in Doha",
            link: server.url("/articles/1.html"),
            full: true,
        },
        Item {
            guid: "wire-2",
            title: "Oman hosts Gulf talks",
            link: server.url("/articles/2.html"),
            full: false,
        },
    ];
    server.doc("/feed.xml", "application/rss+xml", &rss(&items), 1);
    server.doc(
        "/articles/2.html",
        "text/html; charset=utf-8",
        &page("Oman hosts Gulf talks"),
        1,
    );
    server.doc(
        "/articles/3.html",
        "text/html; charset=utf-8",
        &page("Naval exercises begin"),
        1,
    );

    let url = server.url("/feed.xml");
    let out = ok(&attache(&db, &["feeds", "add", &url, "--allow-private"]));
    assert!(
        out.contains("added feed 1") && out.contains("Gulf Wire"),
        "{out}"
    );

    // First poll: both items become documents; the summary-only one through its page.
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("polled 1 feed"), "{out}");
    assert!(out.contains("2 new items, added 2 documents"), "{out}");
    let docs = documents(&db);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(docs[0].0, "Ministers meet in Doha");
    assert_eq!(docs[1].0, "Oman hosts Gulf talks");
    assert_eq!(
        docs[1].1.as_deref(),
        Some(server.url("/articles/2.html").as_str())
    );
    assert_eq!(docs[1].2.as_deref(), Some("Gulf Wire"));
    assert_eq!(docs[1].3.as_deref(), Some("Wire Desk"));
    assert_eq!(server.requests("/articles/2.html").len(), 1);
    assert!(
        server.requests("/articles/1.html").is_empty(),
        "full-text items are not fetched"
    );
    let feeds = feeds_json(&db);
    assert_eq!(feeds[0]["status"], "ok");
    assert_eq!(feeds[0]["items"], 2);
    assert_eq!(feeds[0]["etag"], "\"v1\"");

    // Not due yet: a plain poll fetches nothing.
    let before = server.requests("/feed.xml").len();
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("polled 0 feeds"), "{out}");
    assert_eq!(server.requests("/feed.xml").len(), before);

    // Second poll: the validators are sent and the server answers 304.
    let out = ok(&attache(&db, &["poll", "--all"]));
    assert!(out.contains("1 not modified"), "{out}");
    let reqs = server.requests("/feed.xml");
    let last = reqs.last().unwrap();
    assert_eq!(last.header("If-None-Match"), Some("\"v1\""));
    assert_eq!(
        last.header("If-Modified-Since"),
        Some("Fri, 21 Nov 2025 10:01:00 GMT")
    );
    assert_eq!(feeds_json(&db)[0]["status"], "not_modified");
    assert_eq!(documents(&db).len(), 2);

    // Third poll: a new item appears and is stored once.
    items.push(Item {
        guid: "wire-3",
        title: "Naval exercises begin",
        link: server.url("/articles/3.html"),
        full: false,
    });
    server.doc("/feed.xml", "application/rss+xml", &rss(&items), 2);
    let out = ok(&attache(&db, &["poll", "--all"]));
    assert!(out.contains("1 new item, added 1 document"), "{out}");
    assert_eq!(documents(&db).len(), 3);
    assert_eq!(documents(&db)[2].0, "Naval exercises begin");

    // The same items under a new ETag: fetched in full, nothing ingested twice.
    server.doc("/feed.xml", "application/rss+xml", &rss(&items), 3);
    let out = ok(&attache(&db, &["poll", "--all"]));
    assert!(
        out.contains("1 fetched") && out.contains("0 new items"),
        "{out}"
    );
    assert_eq!(documents(&db).len(), 3);
    assert_eq!(count_feed_items(&db), 3);
    assert_eq!(server.requests("/articles/3.html").len(), 1);
    let feeds = feeds_json(&db);
    assert_eq!(feeds[0]["items"], 3);
    assert_eq!(feeds[0]["error_count"], 0);
}

#[test]
fn retry_after_is_honoured() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    server.set("/busy.xml", Resource::Busy(7200));
    let url = server.url("/busy.xml");
    let out = attache(&db, &["feeds", "add", &url, "--allow-private"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("come back later"), "{}", stderr(&out));

    let started = jiff::Timestamp::now();
    let out = attache(&db, &["poll"]);
    assert!(
        out.status.success(),
        "429 is not a failure: {}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("1 deferred"), "{}", stdout(&out));
    assert!(stderr(&out).contains("in 7200 s"), "{}", stderr(&out));
    let feed = &feeds_json(&db)[0];
    let due: jiff::Timestamp = feed["next_due"].as_str().unwrap().parse().unwrap();
    assert!(
        due >= started + jiff::SignedDuration::from_secs(7200),
        "next due {due} is before the Retry-After"
    );
    assert_eq!(feed["error_count"], 1);
    assert!(
        feed["last_error"].as_str().unwrap().contains("429"),
        "{feed}"
    );

    // Not due: the next poll leaves the server alone.
    let n = server.requests("/busy.xml").len();
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("polled 0 feeds"), "{out}");
    assert_eq!(server.requests("/busy.xml").len(), n);
}

#[test]
fn loopback_feed_refused_unless_allowed() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("guard.db");
    server.doc(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[Item {
            guid: "g1",
            title: "Talks in Muscat",
            link: server.url("/a.html"),
            full: true,
        }]),
        1,
    );
    let url = server.url("/feed.xml");
    let out = attache(&db, &["feeds", "add", &url]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("address guard"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one-line error: {err}");
    assert!(feeds_json(&db).is_empty());
    assert!(server.requests("/feed.xml").is_empty(), "nothing was sent");

    // Added unchecked without the allow: every poll is refused before any request.
    ok(&attache(&db, &["feeds", "add", &url, "--no-check"]));
    let out = attache(&db, &["poll"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("address guard"), "{}", stderr(&out));
    assert!(server.requests("/feed.xml").is_empty());
    let feed = &feeds_json(&db)[0];
    assert_eq!(feed["status"], "error");
    assert!(
        feed["last_error"]
            .as_str()
            .unwrap()
            .contains("address guard")
    );

    // With the allow, it polls.
    ok(&attache(&db, &["feeds", "remove", &url]));
    ok(&attache(&db, &["feeds", "add", &url, "--allow-private"]));
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("added 1 document"), "{out}");
}

#[test]
fn malformed_feed_fails_alone() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bad.db");
    server.doc(
        "/bad.xml",
        "application/rss+xml",
        "<html><body>Sorry, we moved things around.</body></html>",
        1,
    );
    server.doc(
        "/good.xml",
        "application/rss+xml",
        &rss(&[Item {
            guid: "g1",
            title: "Talks in Muscat",
            link: server.url("/a.html"),
            full: true,
        }]),
        1,
    );
    for p in ["/bad.xml", "/good.xml"] {
        follow(&db, &server.url(p));
    }
    let out = attache(&db, &["poll"]);
    assert_eq!(out.status.code(), Some(1), "a failed feed makes exit 1");
    let err = stderr(&out);
    let lines: Vec<&str> = err.trim().lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("/bad.xml") && lines[0].contains("not a feed"),
        "{err}"
    );
    let text = stdout(&out);
    assert!(text.contains("polled 2 feeds: 1 fetched"), "{text}");
    assert!(
        text.contains("1 failed") && text.contains("added 1 document"),
        "{text}"
    );
    let feeds = feeds_json(&db);
    assert_eq!(feeds[0]["status"], "error");
    assert_eq!(feeds[0]["error_count"], 1);
    assert!(
        feeds[0]["etag"].is_null(),
        "validators of a broken feed are not kept"
    );
    assert_eq!(feeds[1]["status"], "ok");
    // The table shows the error too.
    let table = ok(&attache(&db, &["feeds", "list"]));
    assert!(table.contains("not a feed"), "{table}");

    // Checked at add time, a broken feed is refused with one line.
    let other = dir.path().join("other.db");
    let out = attache(
        &other,
        &["feeds", "add", &server.url("/bad.xml"), "--allow-private"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim().lines().count(), 1, "{}", stderr(&out));
}

#[test]
fn opml_import_export_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("opml.db");
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News">
  <outline type="rss" text="Wire &amp; Co" xmlUrl="https://wire.example/rss" htmlUrl="https://wire.example/"/>
  <outline text="Ministry" xmlUrl="https://mfa.example/press/feed.atom"/>
  <outline text="Broken" xmlUrl="ftp://old.example/feed"/>
</outline>
<outline text="Regional" xmlUrl="https://regional.example/rss.xml"/>
</body></opml>"#,
    )
    .unwrap();
    ok(&attache(
        &db,
        &[
            "feeds",
            "add",
            "https://regional.example/rss.xml",
            "--no-check",
        ],
    ));
    let out = attache(&db, &["feeds", "import", opml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "an invalid entry makes exit 1");
    assert!(
        stdout(&out).contains("imported 2 feeds, 1 already followed, 1 invalid"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("ftp://old.example/feed"),
        "{}",
        stderr(&out)
    );
    let urls: Vec<String> = feeds_json(&db)
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        urls,
        [
            "https://regional.example/rss.xml",
            "https://wire.example/rss",
            "https://mfa.example/press/feed.atom"
        ]
    );
    assert_eq!(feeds_json(&db)[1]["title"], "Wire & Co");

    let exported = ok(&attache(&db, &["feeds", "export"]));
    assert!(exported.contains("<opml version=\"2.0\">"), "{exported}");
    let back = dir.path().join("back.opml");
    std::fs::write(&back, &exported).unwrap();
    let db2 = dir.path().join("opml2.db");
    let out = ok(&attache(&db2, &["feeds", "import", back.to_str().unwrap()]));
    assert!(
        out.contains("imported 3 feeds, 0 already followed, 0 invalid"),
        "{out}"
    );
    let strip = |v: Vec<serde_json::Value>| -> Vec<(String, String, String)> {
        v.iter()
            .map(|f| {
                (
                    f["url"].as_str().unwrap_or_default().to_string(),
                    f["title"].as_str().unwrap_or_default().to_string(),
                    f["site_url"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(strip(feeds_json(&db2)), strip(feeds_json(&db)));
    assert_eq!(ok(&attache(&db2, &["feeds", "export"])), exported);

    // Remove by id and by URL.
    ok(&attache(&db2, &["feeds", "remove", "1"]));
    ok(&attache(
        &db2,
        &["feeds", "remove", "https://wire.example/rss"],
    ));
    assert_eq!(feeds_json(&db2).len(), 1);
    let out = attache(&db2, &["feeds", "remove", "42"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn feed_command_and_local_feed_files() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("local.db");
    let items = [Item {
        guid: "local-1",
        title: "Talks in Baghdad",
        link: "https://gulf.example/local-1".into(),
        full: true,
    }];
    let body = rss(&items);
    server.doc("/feed.xml", "application/rss+xml; charset=utf-8", &body, 1);

    // `attache feed URL`: parsed, as JSON.
    let out = ok(&attache(
        &db,
        &["feed", &server.url("/feed.xml"), "--allow-private"],
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Gulf Wire");
    assert_eq!(v["format"], "rss20");
    assert_eq!(v["items"][0]["id"], "local-1");
    assert_eq!(v["items"][0]["title"], "Talks in Baghdad");
    // …refused on loopback without the allow.
    let out = attache(&db, &["feed", &server.url("/feed.xml")]);
    assert_eq!(out.status.code(), Some(1));

    // `attache feed FILE`, and a followed local file.
    let file = dir.path().join("local.xml");
    std::fs::write(&file, &body).unwrap();
    let out = ok(&attache(&db, &["feed", file.to_str().unwrap()]));
    assert!(out.contains("Talks in Baghdad"), "{out}");
    let out = ok(&attache(&db, &["feeds", "add", file.to_str().unwrap()]));
    assert!(out.contains("file://"), "{out}");
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("added 1 document"), "{out}");
    let out = ok(&attache(&db, &["poll", "--all"]));
    assert!(out.contains("1 not modified"), "{out}");
    let out = attache(&db, &["feeds", "add", "/no/such/feed.xml"]);
    assert_eq!(out.status.code(), Some(1));

    // Permanent redirects update the stored URL.
    server.set("/old.xml", Resource::Redirect(301, server.url("/feed.xml")));
    let db2 = dir.path().join("moved.db");
    follow(&db2, &server.url("/old.xml"));
    let out = attache(&db2, &["poll"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("moved permanently"),
        "{}",
        stderr(&out)
    );
    assert_eq!(feeds_json(&db2)[0]["url"], server.url("/feed.xml"));
}

#[cfg(unix)]
#[test]
fn watch_stops_cleanly_on_ctrl_c() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    server.doc(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[Item {
            guid: "w1",
            title: "Talks in Riyadh",
            link: server.url("/a.html"),
            full: true,
        }]),
        1,
    );
    follow(&db, &server.url("/feed.xml"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "poll", "--watch", "--interval", "1"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.requests("/feed.xml").is_empty() {
        assert!(started.elapsed() < Duration::from_secs(30), "no poll");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Let the first round finish, then interrupt during the sleep.
    std::thread::sleep(Duration::from_millis(1500));
    let status = interrupt(&mut child, "--watch");
    let out = child.wait_with_output().unwrap();
    assert!(status.success(), "{status:?} {}", stderr(&out));
    assert!(
        stdout(&out).contains("added 1 document"),
        "{}",
        stdout(&out)
    );
    assert_eq!(documents(&db).len(), 1);
}

#[test]
fn add_takes_feed_files_and_urls() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("add.db");

    // A feed file: every item once, nothing followed.
    let file = dir.path().join("wire.rss");
    std::fs::write(
        &file,
        rss(&[
            Item {
                guid: "f1",
                title: "Talks in Amman",
                link: "https://gulf.example/f1".into(),
                full: true,
            },
            Item {
                guid: "f2",
                title: "Talks in Kuwait",
                link: "https://gulf.example/f2".into(),
                full: true,
            },
        ]),
    )
    .unwrap();
    let out = ok(&attache(&db, &["add", file.to_str().unwrap()]));
    assert!(out.contains("added 2 documents"), "{out}");
    let out = ok(&attache(&db, &["add", file.to_str().unwrap()]));
    assert!(out.contains("added 0 documents, 2 duplicates"), "{out}");
    assert!(feeds_json(&db).is_empty());
    assert_eq!(count_feed_items(&db), 0);
    let docs = documents(&db);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].2.as_deref(), Some("Gulf Wire"));
    assert_eq!(docs[0].3.as_deref(), Some("Wire Desk"), "{docs:?}");

    // A feed URL whose item is only a summary: its article page is fetched.
    server.doc(
        "/summary.xml",
        "application/rss+xml",
        &rss(&[Item {
            guid: "s1",
            title: "Talks in Manama",
            link: server.url("/manama.html"),
            full: false,
        }]),
        1,
    );
    server.doc(
        "/manama.html",
        "text/html; charset=utf-8",
        &page("Talks in Manama"),
        1,
    );
    let out = attache(&db, &["add", &server.url("/summary.xml")]);
    assert_eq!(out.status.code(), Some(1), "loopback needs the allow");
    assert!(stderr(&out).contains("/summary.xml"), "{}", stderr(&out));
    let out = ok(&attache(
        &db,
        &["add", &server.url("/summary.xml"), "--allow-private"],
    ));
    assert!(out.contains("added 1 document"), "{out}");
    assert_eq!(server.requests("/manama.html").len(), 1);
    let docs = documents(&db);
    assert_eq!(docs[2].0, "Talks in Manama");
    assert_eq!(
        docs[2].1.as_deref(),
        Some(server.url("/manama.html").as_str())
    );

    // An article URL is added as a page.
    server.doc(
        "/doha.html",
        "text/html; charset=utf-8",
        &page("Talks in Doha"),
        1,
    );
    let out = ok(&attache(
        &db,
        &["add", &server.url("/doha.html"), "--allow-private"],
    ));
    assert!(out.contains("added 1 document"), "{out}");
    assert_eq!(documents(&db).len(), 4);

    // A broken feed file and a missing page: one line each, the rest goes on.
    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<html><body><p>not a feed</p></body></html>").unwrap();
    let out = attache(
        &db,
        &[
            "add",
            broken.to_str().unwrap(),
            &server.url("/missing.html"),
            "--allow-private",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("broken.xml"), "{err}");
    assert!(
        err.contains("/missing.html") && err.contains("404"),
        "{err}"
    );
    assert_eq!(documents(&db).len(), 4);
}

#[cfg(unix)]
#[test]
fn serve_polls_followed_feeds_in_the_background() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    server.doc(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[Item {
            guid: "b1",
            title: "Talks in Sanaa",
            link: server.url("/b1.html"),
            full: true,
        }]),
        1,
    );
    follow(&db, &server.url("/feed.xml"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "serve", "--addr", "127.0.0.1:0"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read what serve prints as it prints it.
    let printed = Arc::new(Mutex::new(String::new()));
    let reader = {
        let printed = printed.clone();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let mut p = printed.lock().unwrap();
                p.push_str(&line);
                p.push('\n');
            }
        })
    };
    let started = Instant::now();
    // Serving, and the feed polled in the background into a document.
    while documents(&db).is_empty() || !printed.lock().unwrap().contains("serving") {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("serve exited: {status:?} {}", printed.lock().unwrap());
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the feed was not polled: {}",
            printed.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.requests("/feed.xml").len(), 1);
    let status = interrupt(&mut child, "serve");
    assert!(status.success(), "{status:?}");
    reader.join().unwrap();
    let text = printed.lock().unwrap().clone();
    assert!(text.contains("added 1 document"), "{text}");
    assert_eq!(documents(&db)[0].0, "Talks in Sanaa");
    let feeds = feeds_json(&db);
    assert_eq!(feeds[0]["status"], "ok", "{feeds:?}");
}

#[test]
fn a_feed_that_changes_all_its_guids_adds_no_duplicates() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("guids.db");
    let items = |prefix: &'static str, second: &'static str| {
        vec![
            Item {
                guid: prefix,
                title: "Talks in Tunis",
                link: "https://gulf.example/tunis".into(),
                full: true,
            },
            Item {
                guid: second,
                title: "Talks in Rabat",
                link: "https://gulf.example/rabat".into(),
                full: true,
            },
        ]
    };
    server.doc(
        "/feed.xml",
        "application/rss+xml",
        &rss(&items("old-1", "old-2")),
        1,
    );
    follow(&db, &server.url("/feed.xml"));
    let out = ok(&attache(&db, &["poll"]));
    assert!(out.contains("added 2 documents"), "{out}");
    // The publisher renumbers every item: new ids, same articles.
    server.doc(
        "/feed.xml",
        "application/rss+xml",
        &rss(&items("new-1", "new-2")),
        2,
    );
    let out = ok(&attache(&db, &["poll", "--all"]));
    assert!(out.contains("2 new items"), "{out}");
    assert!(out.contains("added 0 documents, 2 duplicates"), "{out}");
    assert_eq!(documents(&db).len(), 2);
    assert_eq!(count_feed_items(&db), 4);
}
