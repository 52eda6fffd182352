//! End-to-end tests of the `attache` binary: each runs the real executable on a temporary
//! database.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn attache(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(db)
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

fn count_documents(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn demo_loads_the_sample_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = attache(&db, &["demo", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("added 2 documents"), "{text}");
    assert!(
        text.contains("Why Middle East nations turn to Russia for stability"),
        "{text}"
    );
    assert!(text.contains("INA NEWS"), "{text}");
    assert_eq!(count_documents(&db), 2);
    // The seed published on 2025-11-21 keeps its date; the other has none.
    let out = attache(&db, &["search", "Shoigu", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(hits[0]["published"], "2025-11-21T00:00:00Z");
    // A second demo into the same explicit database is refused, nothing is lost.
    let out = attache(&db, &["demo", "--no-serve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already holds 2 documents"),
        "{}",
        stderr(&out)
    );
    assert_eq!(count_documents(&db), 2);
}

fn corpus_with_bad_files(dir: &Path) -> PathBuf {
    let c = dir.join("corpus");
    std::fs::create_dir_all(c.join("nested")).unwrap();
    for (name, _) in [("000", ()), ("003", ())] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/corpus")
            .join(match name {
                "000" => "000_6d70f838b76d5134.txt",
                _ => "003_d24e86801bbec4fb.txt",
            });
        std::fs::copy(&src, c.join(format!("{name}.txt"))).unwrap();
    }
    let para = "<p>Ministers from both countries met in Doha on Tuesday to discuss energy \
                cooperation, investment partnerships and joint initiatives for the region.</p>";
    std::fs::write(
        c.join("nested/page.html"),
        format!(
            "<html><head><title>Talks in Doha</title></head><body><nav><a href=/>Home</a>\
             <a href=/world>World</a></nav><article><h1>Talks in Doha</h1>{para}{para}{para}\
             </article><footer>Copyright 2025</footer></body></html>"
        ),
    )
    .unwrap();
    // A page with no article (a home page of links) is refused.
    std::fs::write(
        c.join("nested/home.html"),
        "<html><head><title>News</title></head><body><nav><a href=/a>World</a> \
         <a href=/b>Sport</a> <a href=/c>Business</a></nav></body></html>",
    )
    .unwrap();
    // windows-1252 text, not valid UTF-8: decoded with a warning, stored.
    let (latin, _, _) = encoding_rs::WINDOWS_1252
        .encode("Réunion à Genève\nLes ministres se sont réunis à Genève pour discuter.");
    std::fs::write(c.join("latin1.txt"), &latin).unwrap();
    std::fs::write(
        c.join("more.jsonl"),
        "{\"title\":\"Wire one\",\"text\":\"Oman hosted a meeting of Gulf officials.\",\"published\":\"2025-03-02\"}\n\
         {broken json\n\
         {\"title\":\"Wire two\",\"text\":\"Iran and Russia held naval exercises.\"}\n",
    )
    .unwrap();
    std::fs::write(c.join("empty.txt"), "").unwrap();
    std::fs::write(
        c.join("binary.txt"),
        [0x7fu8, b'E', b'L', b'F', 2, 1, 0, 0, 0, 0],
    )
    .unwrap();
    std::fs::write(c.join("notes.pdf"), "skipped by extension").unwrap();
    c
}

#[test]
fn add_directory_with_good_and_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let corpus = corpus_with_bad_files(dir.path());
    let out = attache(&db, &["add", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed: exit 1");
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(err.contains("binary.txt: binary content"), "{err}");
    assert!(err.contains("more.jsonl:2: invalid JSON"), "{err}");
    assert!(err.contains("home.html: no article found"), "{err}");
    assert!(err.contains("latin1.txt: decoded as windows-1252"), "{err}");
    assert!(!err.contains("notes.pdf"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        stdout(&out).contains("added 6 documents, 0 duplicates (already stored), 4 failed"),
        "{}",
        stdout(&out)
    );
    assert_eq!(count_documents(&db), 6);
    let out = attache(&db, &["search", "Genève", "--format", "jsonl"]);
    assert!(
        stdout(&out).contains("Réunion à Genève"),
        "{}",
        stdout(&out)
    );

    // Adding the same corpus again stores nothing new.
    let out = attache(&db, &["add", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("added 0 documents, 6 duplicates (already stored), 4 failed"),
        "{}",
        stdout(&out)
    );
    assert_eq!(count_documents(&db), 6);
}

#[test]
fn search_finds_a_seed_by_a_body_word_and_show_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let corpus = corpus_with_bad_files(dir.path());
    let seed = corpus.join("003.txt");
    let out = attache(
        &db,
        &[
            "add",
            seed.to_str().unwrap(),
            "--source",
            "INA NEWS",
            "--published",
            "2025-02",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = attache(&db, &["search", "Araghchi", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Araghchi]"));
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let out = attache(&db, &["show", &id[..8]]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("outlet     INA NEWS"), "{text}");
    assert!(
        text.contains("published  2025-02-01 (month precision, from input)"),
        "{text}"
    );
    let out = attache(&db, &["show", &id, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["document"]["id"], id.as_str());
    assert!(doc["events"].is_array());
    let out = attache(&db, &["search", "zzzyyyxxx"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("(none)"));
}

#[test]
fn usage_errors_exit_2_and_bad_databases_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.db");
    let out = attache(&db, &["add"]);
    assert_eq!(out.status.code(), Some(2));
    let out = attache(&db, &["add", "x.txt", "--published", "someday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--published \"someday\" is not a date"));
    let out = attache(&db, &["events", "--since", "last week"]);
    assert_eq!(out.status.code(), Some(2));
    let missing = dir.path().join("no/such/dir/x.db");
    let out = attache(&missing, &["stats"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("does not exist"), "{err}");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'#'; 10_000]).unwrap();
    let out = attache(&junk, &["stats"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not an attache (SQLite) database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        vec![b'#'; 10_000],
        "untouched"
    );
}

#[test]
fn oversized_files_are_refused_and_stdin_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("o.db");
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "Title\n".to_string() + &"word ".repeat(500_000)).unwrap();
    let out = attache(&db, &["add", big.to_str().unwrap(), "--max-size", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("file too large (2.5 MB; the limit is 1.0 MB)"),
        "{}",
        stderr(&out)
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["add", "-", "--source", "Stdin Times"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Piped title\nPiped body about Muscat.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(count_documents(&db), 1);
}

#[test]
fn extract_and_annotate_print_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus/000_6d70f838b76d5134.txt");
    let out = attache(
        &db,
        &[
            "extract",
            seed.to_str().unwrap(),
            "--published",
            "2025-11-21",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in [
        "url",
        "title",
        "byline",
        "published",
        "site_name",
        "language",
        "text",
        "syndication",
    ] {
        assert!(doc.get(key).is_some(), "extract output lacks {key}");
    }
    assert_eq!(
        doc["title"],
        "Why Middle East nations turn to Russia for stability"
    );
    let out = attache(&db, &["annotate", seed.to_str().unwrap()]);
    let a: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for key in [
        "document",
        "sentences",
        "mentions",
        "entities",
        "timexes",
        "events",
    ] {
        assert!(a.get(key).is_some(), "annotate output lacks {key}");
    }
    assert!(!db.exists(), "extract and annotate store nothing");
}

/// `attache annotate` on a document with no date line dates it from its own text (seed 003:
/// late February 2025), says how, and resolves its "February 26" against that date.
#[test]
fn annotate_dates_an_undated_document_from_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus/003_d24e86801bbec4fb.txt");
    let out = attache(&db, &["annotate", seed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let a: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let doc = &a["document"];
    let published = doc["published"].as_str().unwrap_or_default();
    assert!(published.starts_with("2025-0"), "published {published:?}");
    assert!(
        doc["published_source"]
            .as_str()
            .is_some_and(|s| s.starts_with("text")),
        "published_source {}",
        doc["published_source"]
    );
    let timexes = a["timexes"].as_array().unwrap();
    assert!(
        timexes
            .iter()
            .any(|t| t["text"] == "February 26" && t["value"] == "2025-02-26"),
        "{timexes:?}"
    );
}

/// Kill `add` with SIGKILL in the middle of a large run, run it again: every document is stored
/// exactly once and the database is intact.
#[test]
fn killed_add_resumes_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    let jsonl = dir.path().join("big.jsonl");
    let n = 40_000;
    let mut body = String::new();
    for i in 0..n {
        body.push_str(&format!(
            "{{\"title\":\"Report {i}\",\"text\":\"Document number {i} says that delegation {} met officials {} times in city {}.\"}}\n",
            i * 7,
            i % 13,
            i % 101
        ));
    }
    std::fs::write(&jsonl, body).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_attache"))
        .arg("--db")
        .arg(&db)
        .args(["add", jsonl.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut killed_at = None;
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db.exists() {
            let stored = rusqlite::Connection::open(&db)
                .and_then(|c| {
                    c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get::<_, i64>(0))
                })
                .unwrap_or(0);
            if stored > 0 {
                child.kill().unwrap();
                killed_at = Some(stored);
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait().unwrap();
    let stored = killed_at.expect("add was still running after its first batch");
    assert!(stored < n, "killed midway ({stored} of {n} stored)");
    assert_eq!(stored % 512, 0, "whole batches only: {stored}");
    let out = attache(&db, &["add", jsonl.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count_documents(&db), n);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let distinct: i64 = conn
        .query_row(
            "SELECT COUNT(DISTINCT content_hash) FROM documents",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(distinct, n);
    let fts: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH 'delegation'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, n, "the search index matches the documents");
}

/// The two demo articles stored with `add` (the first with an outlet, a date and a URL).
fn seeded_db(dir: &Path) -> PathBuf {
    let db = dir.join("ev.db");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus");
    let first = corpus.join("000_6d70f838b76d5134.txt");
    let out = attache(
        &db,
        &[
            "add",
            first.to_str().unwrap(),
            "--published",
            "2025-11-21",
            "--source",
            "RT",
            "--url",
            "https://example.org/rt/000",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let second = corpus.join("003_d24e86801bbec4fb.txt");
    let out = attache(
        &db,
        &["add", second.to_str().unwrap(), "--source", "INA NEWS"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn events_dyad_filter_and_gdelt_and_plover_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded_db(dir.path());
    let q = ["events", "--dyad", "RUS,EGY", "--limit", "1000"];
    let events = json_lines(&attache(&db, &[&q[..], &["--format", "jsonl"]].concat()));
    assert!(!events.is_empty(), "Russia acts towards Egypt in seed 000");
    for e in &events {
        assert!(
            e["source"]["code"].as_str().unwrap().starts_with("RUS"),
            "{e}"
        );
        assert!(
            e["target"]["code"].as_str().unwrap().starts_with("EGY"),
            "{e}"
        );
    }
    // Both separators, any case, name the same dyad.
    for dyad in ["RUS-EGY", "rus,egy"] {
        let same = json_lines(&attache(
            &db,
            &[
                "events", "--dyad", dyad, "--limit", "1000", "--format", "jsonl",
            ],
        ));
        assert_eq!(same, events, "--dyad {dyad}");
    }
    let by_id: std::collections::HashMap<&str, &serde_json::Value> = events
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect();

    // GDELT 2.0 event table: 61 tab-separated columns, no header.
    let out = attache(&db, &[&q[..], &["--format", "gdelt"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), events.len());
    let mut with_url = 0;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 61, "{line}");
        let e = by_id[f[0]]; // GLOBALEVENTID: attache's event id (the header is not a row)
        let s = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
        let date = s(&e["date"]);
        if date.len() == 10 {
            assert_eq!(f[1], date.replace('-', ""), "SQLDATE");
            assert_eq!(f[2], &date.replace('-', "")[..6], "MonthYear");
        }
        if date.is_empty() {
            assert_eq!(
                f[1..5],
                ["", "", "", ""],
                "an undated event has no date columns"
            );
        } else {
            assert_eq!(f[3], &date[..4], "Year");
        }
        assert_eq!(f[5], s(&e["source"]["code"]), "Actor1Code");
        assert_eq!(f[6], s(&e["source"]["name"]), "Actor1Name");
        assert_eq!(f[7], "RUS", "Actor1CountryCode");
        assert_eq!(f[15], s(&e["target"]["code"]), "Actor2Code");
        assert_eq!(f[16], s(&e["target"]["name"]), "Actor2Name");
        assert_eq!(f[17], "EGY", "Actor2CountryCode");
        let code = s(&e["cameo"]);
        assert_eq!(f[26], code, "EventCode");
        assert_eq!(f[27], &code[..3], "EventBaseCode");
        assert_eq!(f[28], &code[..2], "EventRootCode");
        assert_eq!(f[29], e["quad_class"].to_string(), "QuadClass");
        let goldstein: f64 = f[30].parse().unwrap();
        assert!((goldstein - e["goldstein"].as_f64().unwrap()).abs() < 1e-9);
        assert_eq!(f[33], e["reports"].to_string(), "NumArticles");
        assert_eq!(
            f[52],
            e["location"]["name"].as_str().unwrap_or(""),
            "ActionGeo_FullName"
        );
        match f[60] {
            "" => {}
            "https://example.org/rt/000" => with_url += 1,
            other => panic!("SOURCEURL {other}"),
        }
    }
    assert!(with_url > 0, "the URL given to add is the SOURCEURL");

    // PLOVER records: one JSON object per line with the documented fields.
    let records = json_lines(&attache(&db, &[&q[..], &["--format", "plover"]].concat()));
    assert_eq!(records.len(), events.len());
    for r in &records {
        let e = by_id[r["id"].as_str().unwrap()];
        for key in [
            "date",
            "event_type",
            "event_mode",
            "contexts",
            "event_text",
            "story_id",
            "story_ids",
            "attributes",
            "event_geolocation",
            "cameo",
        ] {
            assert!(r.get(key).is_some(), "plover record lacks {key}: {r}");
        }
        assert_eq!(r["event_type"], e["plover"]["event"]);
        assert!(r["event_mode"].is_array() && r["contexts"].is_array());
        assert_eq!(r["date"], e["date"]);
        assert_eq!(r["cameo"], e["cameo"]);
        assert_eq!(r["event_text"], e["evidence"][0]["text"]);
        assert_eq!(r["story_id"], e["evidence"][0]["document"]);
        assert_eq!(r["attributes"]["ACTOR"][0]["country"], "RUS");
        assert_eq!(r["attributes"]["ACTOR"][0]["text"], e["source"]["name"]);
        assert_eq!(r["attributes"]["RECIP"][0]["country"], "EGY");
        assert_eq!(r["attributes"]["RECIP"][0]["code"], e["target"]["code"]);
    }

    // Nothing matched: no output, success.
    let out = attache(&db, &["events", "--dyad", "ZZZ,QQQ", "--format", "gdelt"]);
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
}

#[test]
fn events_bad_dyad_is_a_one_line_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    for bad in ["RUS", "RUS EGY", "RUS,EGY,OMN", ",EGY", "RUS-", "RUS;EGY"] {
        let out = attache(&db, &["events", "--dyad", bad]);
        assert_eq!(out.status.code(), Some(2), "--dyad {bad}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--dyad") && err.contains("RUS,EGY"), "{err}");
    }
    assert!(!db.exists(), "a usage error opens no database");
}
