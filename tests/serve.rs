//! End-to-end: the real `attache` binary loads the demo corpus through the whole pipeline
//! (feeds → extract → dedupe → annotate → store), serves it on 127.0.0.1, and the JSON API and
//! the dashboard (in headless Chromium, when installed) show what the analyst expects:
//! Russia linked to Egypt, Oman, Türkiye, Iran and Qatar, and from an edge down to an event's
//! evidence sentence in its article.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

struct Served {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn demo_server() -> Served {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "demo", "--no-serve"])
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "serve", "--addr", "127.0.0.1:0", "--no-poll"])
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "serving DB at http://127.0.0.1:PORT/ (Ctrl-C to stop)…"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Served {
        child,
        addr,
        _dir: dir,
    }
}

/// GET `path`: status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    (status, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn json(addr: &str, path: &str) -> Value {
    let (status, body) = get(addr, path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

const PARTNERS: [&str; 5] = ["EGY", "OMN", "TUR", "IRN", "QAT"];

#[test]
fn api_over_the_demo_corpus() {
    let s = demo_server();
    let graph = json(&s.addr, "/api/v1/graph");
    let edges = graph["edges"].as_array().unwrap();
    for c in PARTNERS {
        assert!(
            edges
                .iter()
                .any(|e| (e["a"] == "RUS" && e["b"] == c) || (e["a"] == c && e["b"] == "RUS")),
            "Russia not linked to {c}: {graph}"
        );
    }

    // From the Russia–Egypt dyad to an event, its evidence and the article it came from.
    let page = json(&s.addr, "/api/v1/events?dyad=RUS,EGY&limit=50");
    let events = page["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{page}");
    let event = &events[0];
    assert!(event["source"]["code"].as_str().unwrap().starts_with("RUS"));
    assert!(event["target"]["code"].as_str().unwrap().starts_with("EGY"));
    let id = event["id"].as_str().unwrap();
    let one = json(&s.addr, &format!("/api/v1/events/{id}"));
    let evidence = &one["evidence"][0];
    let doc = json(
        &s.addr,
        &format!(
            "/api/v1/documents/{}",
            evidence["document"].as_str().unwrap()
        ),
    );
    let text: Vec<char> = doc["document"]["text"]
        .as_str()
        .or_else(|| doc["text"].as_str())
        .unwrap_or_else(|| panic!("no text in {doc}"))
        .chars()
        .collect();
    let (start, end) = (
        evidence["start"].as_u64().unwrap() as usize,
        evidence["end"].as_u64().unwrap() as usize,
    );
    let quoted: String = text[start..end].iter().collect();
    assert_eq!(quoted, evidence["text"].as_str().unwrap());

    // Errors as JSON with a stable code.
    let (status, body) = get(&s.addr, "/api/v1/events/no-such-event");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("\"code\""), "{body}");
    let (status, body) = get(&s.addr, "/api/v1/events?limit=many");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("limit"), "{body}");
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

fn dump_dom(bin: &Path, profile: &Path, url: &str) -> String {
    let out = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The link of the dashboard edge between `a` and `b` (either way), if drawn.
fn edge_href(html: &str, a: &str, b: &str) -> Option<String> {
    html.match_indices("<a ").find_map(|(i, _)| {
        let tag = &html[i..i + html[i..].find('>')?];
        let has = |k: &str, v: &str| tag.contains(&format!("{k}=\"{v}\""));
        let linked = tag.contains("class=\"edge\"")
            && ((has("data-a", a) && has("data-b", b)) || (has("data-a", b) && has("data-b", a)));
        if !linked {
            return None;
        }
        let start = tag.find("href=\"")? + 6;
        Some(tag[start..start + tag[start..].find('"')?].replace("&amp;", "&"))
    })
}

#[test]
fn dashboard_over_the_demo_corpus_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("skipping: no chromium in PATH");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let s = demo_server();
    let base = format!("http://{}", s.addr);
    let dom = dump_dom(&bin, profile.path(), &format!("{base}/"));
    assert!(dom.contains("id=\"relation-graph\""), "no graph: {dom}");
    for c in PARTNERS {
        assert!(
            edge_href(&dom, "RUS", c).is_some(),
            "Russia not linked to {c} on the dashboard"
        );
    }
    // Click through: the Russia–Oman edge → its events → an event → its evidence sentence.
    let href = edge_href(&dom, "RUS", "OMN").unwrap();
    let events = dump_dom(&bin, profile.path(), &format!("{base}{href}"));
    let event = events
        .match_indices("href=\"/events/")
        .map(|(i, _)| &events[i + 6..i + 6 + events[i + 6..].find('"').unwrap()])
        .find(|h| h.len() > "/events/".len())
        .unwrap_or_else(|| panic!("no event link on {href}"))
        .to_string();
    let page = dump_dom(&bin, profile.path(), &format!("{base}{event}"));
    let id = event.trim_start_matches("/events/");
    let api = json(&s.addr, &format!("/api/v1/events/{id}"));
    let sentence = api["evidence"][0]["text"].as_str().unwrap();
    let words: Vec<&str> = sentence.split_whitespace().take(6).collect();
    assert!(
        page.contains(&words.join(" ")),
        "evidence {sentence:?} not on the event page"
    );
}
