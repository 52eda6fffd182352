//! End-to-end tests of stories: the real binary adds the two sample articles and a
//! republished copy of each (another outlet's menus, a copyright disclaimer, a call to join a
//! group), then `stories` and `outlets` show who copied whom.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn ok(o: Output) -> String {
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn json(o: Output) -> serde_json::Value {
    let out = ok(o);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/corpus")
        .join(name)
}

const SEED_000: &str = "000_6d70f838b76d5134.txt";
const SEED_003: &str = "003_d24e86801bbec4fb.txt";
const COPIER: &str = "Daily Aggregator";

/// The article republished the way seed 003 was: a retitled headline, the site's menus, and
/// a trailer with a call to join a group and a copyright disclaimer.
fn republish(original: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(original).unwrap();
    let (title, body) = text.split_once('\n').unwrap();
    let copy = format!(
        "{title} | Daily Aggregator\n\
         Home\nNational\nInternational\nBusiness\nSports\nEntertainment\n\n\
         {body}\n\n\
         Join our group to get the news of the country and the world first!\n\
         #DailyAggregator #News #Breaking\n\n\
         Copyright Disclaimer: Under Section 107 of the Copyright Act 1976, allowance is made \
         for fair use for purposes such as criticism, comment, news reporting, teaching, \
         scholarship, and research. Fair use is a use permitted by copyright statute that \
         might otherwise be infringing.\n\
         Leave a Reply\nYour email address will not be published.\nBack to top button\n\
         Crime\nPolitical\nEditorials\nHealth\nOpinion\nSports\n"
    );
    let path = dir.join(format!(
        "copy-{}",
        original.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&path, copy).unwrap();
    path
}

fn add_all(db: &Path, copies: &[PathBuf]) -> Vec<String> {
    let c0 = copies[0].to_string_lossy().into_owned();
    let c3 = copies[1].to_string_lossy().into_owned();
    let s0 = corpus(SEED_000).to_string_lossy().into_owned();
    let s3 = corpus(SEED_003).to_string_lossy().into_owned();
    let runs: [&[&str]; 4] = [
        &[
            "add",
            &s0,
            "--source",
            "RT World News",
            "--published",
            "2025-11-21T08:00:00Z",
        ],
        &[
            "add",
            &s3,
            "--source",
            "INA NEWS",
            "--published",
            "2025-11-22T08:00:00Z",
        ],
        &[
            "add",
            &c0,
            "--source",
            COPIER,
            "--published",
            "2025-11-21T11:30:00Z",
        ],
        &[
            "add",
            &c3,
            "--source",
            COPIER,
            "--published",
            "2025-11-22T09:00:00Z",
        ],
    ];
    runs.iter().map(|args| ok(attache(db, args))).collect()
}

#[test]
fn copies_join_their_story_and_outlets_show_the_copier() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stories.db");
    let copies = [
        republish(&corpus(SEED_000), dir.path()),
        republish(&corpus(SEED_003), dir.path()),
    ];
    let lines = add_all(&db, &copies);
    assert!(lines[0].starts_with("added 1 document"), "{}", lines[0]);
    assert!(!lines[1].contains("linked into stories"), "{}", lines[1]);
    assert!(
        lines[2].contains("1 copy linked into stories"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains("1 copy linked into stories"),
        "{}",
        lines[3]
    );

    let stories = json(attache(&db, &["stories", "--format", "json"]));
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    let mut seen_originals = Vec::new();
    for s in stories {
        assert_eq!(s["size"], 2, "{s:#}");
        let outlets: Vec<&str> = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["outlet"].as_str().unwrap())
            .collect();
        assert!(outlets.contains(&COPIER), "{s:#}");
        let original = outlets.iter().find(|o| **o != COPIER).unwrap().to_string();
        seen_originals.push(original);
        let copy = s["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["outlet"] == COPIER)
            .unwrap();
        assert_ne!(copy["document"], s["canonical"], "{s:#}");
        assert!(copy["delay_seconds"].as_i64().unwrap() > 0, "{s:#}");
    }
    seen_originals.sort();
    assert_eq!(
        seen_originals,
        vec!["INA NEWS", "RT World News"],
        "the two seeds are different stories"
    );
    let rt = stories
        .iter()
        .find(|s| s["origin"] == "RT World News")
        .expect("the RT story's origin is RT");
    let copy = &rt["members"][1];
    assert_eq!(copy["outlet"], COPIER);
    assert_eq!(copy["delay_seconds"], 3 * 3600 + 1800);

    // Filters and the table.
    let only = json(attache(
        &db,
        &["stories", "--outlet", "INA NEWS", "--format", "json"],
    ));
    assert_eq!(only.as_array().unwrap().len(), 1, "{only:#}");
    // Seed 003 credits RTNews.com ("first published on RTNews.com"): both stories are RT's.
    let rt_stories = json(attache(
        &db,
        &["stories", "--outlet", "rt.com", "--format", "json"],
    ));
    assert_eq!(rt_stories.as_array().unwrap().len(), 2, "{rt_stories:#}");
    let later = json(attache(
        &db,
        &["stories", "--since", "2025-11-22", "--format", "json"],
    ));
    assert_eq!(later.as_array().unwrap().len(), 1, "{later:#}");
    let table = ok(attache(&db, &["stories", "--limit", "1"]));
    assert_eq!(table.matches("story ").count(), 1, "{table}");
    assert!(
        table.contains("+3h30m") || table.contains("+1h00m"),
        "{table}"
    );

    // The republishing network.
    let outlets = json(attache(&db, &["outlets", "--format", "json"]));
    let copier = outlets
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["outlet"] == COPIER)
        .expect("the copier is listed");
    assert_eq!(copier["documents"], 2, "{copier:#}");
    assert_eq!(copier["copies"], 2, "{copier:#}");
    assert_eq!(copier["originals"], 0, "{copier:#}");
    let table = ok(attache(&db, &["outlets"]));
    assert!(table.contains(COPIER), "{table}");

    // Adding the same files again creates nothing new.
    let again = add_all(&db, &copies);
    for line in &again {
        assert!(line.starts_with("added 0 documents, 1 duplicate"), "{line}");
    }
    let after = json(attache(&db, &["stories", "--format", "json"]));
    assert_eq!(after.as_array().unwrap(), stories);

    // `show` still works on a copy.
    let id = copy["document"].as_str().unwrap();
    let shown = ok(attache(&db, &["show", id]));
    assert!(shown.contains("Daily Aggregator"), "{shown}");
}

#[test]
fn stories_and_outlets_on_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    let out = ok(attache(&db, &["stories"]));
    assert!(out.contains("no stories"), "{out}");
    let out = json(attache(&db, &["stories", "--format", "json"]));
    assert_eq!(out, serde_json::json!([]));
    let out = json(attache(&db, &["outlets", "--format", "json"]));
    assert_eq!(out, serde_json::json!([]));
    let bad = attache(&db, &["stories", "--since", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
}
