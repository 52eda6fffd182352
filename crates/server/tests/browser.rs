//! Browser tests in headless Chromium (Debian's `chromium`): the dashboard's graph links
//! Russia to Egypt, Oman, Türkiye, Iran and Qatar; clicking through from an edge reaches an
//! event's evidence sentence; the hostile document shows its markup as text; no page breaks
//! the Content-Security-Policy. Skipped (with a message) when no Chromium is installed.
//!
//! With `ATTACHE_SCREENSHOTS=DIR` set, a screenshot of each page is written to DIR.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

struct Browser {
    bin: PathBuf,
    profile: tempfile::TempDir,
}

impl Browser {
    fn command(&self) -> Command {
        let mut c = Command::new(&self.bin);
        c.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", self.profile.path().display()));
        c
    }

    /// The DOM after load, and what the browser logged.
    fn dom(&self, url: &str) -> (String, String) {
        let out = self
            .command()
            .arg("--dump-dom")
            .arg(url)
            .output()
            .expect("chromium runs");
        (
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    }

    fn screenshot(&self, url: &str, file: &Path, size: &str) {
        let out = self
            .command()
            .arg(format!("--screenshot={}", file.display()))
            .arg(format!("--window-size={size}"))
            .arg("--hide-scrollbars")
            .arg(url)
            .output()
            .expect("chromium runs");
        assert!(
            file.is_file(),
            "no screenshot: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!("{name}=\"");
    let start = tag.find(&pat)? + pat.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// Every start tag `<name …>` in `html`.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!("<{name} ");
    html.match_indices(&pat)
        .filter_map(|(i, _)| html[i..].find('>').map(|e| &html[i..i + e]))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
}

fn no_csp_violation(log: &str, page: &str) {
    assert!(
        !log.contains("Content Security Policy") && !log.contains("Content-Security-Policy"),
        "{page} violates the CSP: {log}"
    );
}

#[test]
fn dashboard_graph_and_click_through_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("skipping browser tests: no chromium in PATH");
        return;
    };
    let b = Browser {
        bin,
        profile: tempfile::tempdir().unwrap(),
    };
    let s = common::start();
    let base = format!("http://{}", s.addr);

    let (dom, log) = b.dom(&format!("{base}/"));
    no_csp_violation(&log, "dashboard");
    assert!(dom.contains("id=\"relation-graph\""), "no graph in {dom}");
    let edges = tags(&dom, "a");
    let linked: Vec<(&str, &str)> = edges
        .iter()
        .filter(|t| t.contains("class=\"edge\""))
        .filter_map(|t| Some((attr(t, "data-a")?, attr(t, "data-b")?)))
        .collect();
    for c in ["EGY", "OMN", "TUR", "IRN", "QAT"] {
        assert!(
            linked
                .iter()
                .any(|&(a, b)| (a, b) == ("RUS", c) || (a, b) == (c, "RUS")),
            "Russia not linked to {c} in the rendered graph: {linked:?}"
        );
    }
    let labels: Vec<&str> = ["Russia", "Egypt", "Oman", "Türkiye", "Iran", "Qatar"]
        .into_iter()
        .filter(|l| !dom.contains(&format!(">{l}</text>")))
        .collect();
    assert!(
        labels.is_empty(),
        "labels missing from the graph: {labels:?}"
    );

    // Click through: edge Egypt–Russia → its events → one event → its evidence in the text.
    let edge = edges
        .iter()
        .find(|t| attr(t, "data-a") == Some("EGY") && attr(t, "data-b") == Some("RUS"))
        .unwrap();
    let (events_dom, log) = b.dom(&format!("{base}{}", unescape(attr(edge, "href").unwrap())));
    no_csp_violation(&log, "events");
    let event_href = tags(&events_dom, "a")
        .into_iter()
        .filter_map(|t| attr(t, "href"))
        .find(|h| *h == "/events/ev-egy")
        .expect("event link on the events page");
    let (event_dom, _) = b.dom(&format!("{base}{event_href}"));
    assert!(
        event_dom.contains("Sergey Shoigu arrived in Cairo"),
        "evidence sentence shown"
    );
    let doc_href = tags(&event_dom, "a")
        .into_iter()
        .filter_map(|t| attr(t, "href"))
        .find(|h| h.starts_with("/documents/"))
        .expect("evidence link");
    let (doc_dom, log) = b.dom(&format!("{base}{}", unescape(doc_href)));
    no_csp_violation(&log, "document");
    let chosen = doc_dom
        .find("chosen\" id=\"ev-0\"")
        .expect("evidence marked in the document");
    assert!(doc_dom[chosen..].contains("Sergey Shoigu"));

    // The hostile document: markup shown as text, nothing executed or loaded.
    let (hostile, log) = b.dom(&format!("{base}/documents/{}", s.fixture.hostile));
    no_csp_violation(&log, "hostile document");
    assert!(!hostile.contains("<script"), "a script element was created");
    assert!(!hostile.contains("<img"), "an img element was created");
    assert!(
        !hostile.contains("<style>body"),
        "a style element was created"
    );
    assert!(hostile.contains("alert(document.cookie)&lt;/script&gt;"));
    assert!(hostile.contains("&lt;img src=x onerror=alert(2)&gt;"));

    if let Some(dir) = std::env::var_os("ATTACHE_SCREENSHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let pages = [
            ("dashboard", "/".to_string()),
            ("actor", "/actors/RUS".to_string()),
            ("events", "/events".to_string()),
            ("event", "/events/ev-tur".to_string()),
            (
                "document",
                format!("/documents/{}?event=ev-tur", s.fixture.tour),
            ),
            (
                "hostile-document",
                format!("/documents/{}", s.fixture.hostile),
            ),
            ("stories", "/stories/story-tour".to_string()),
            ("feeds", "/feeds".to_string()),
            ("search", "/search?q=Lavrov".to_string()),
        ];
        for (name, path) in pages {
            b.screenshot(
                &format!("{base}{path}"),
                &dir.join(format!("{name}.png")),
                "1280,900",
            );
        }
        b.screenshot(
            &format!("{base}/"),
            &dir.join("dashboard-phone.png"),
            "390,844",
        );
    }
}
