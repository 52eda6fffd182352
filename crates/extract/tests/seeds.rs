//! The two seed articles (../shared/data/seeds) must come out clean, with every article
//! paragraph kept and their syndication markers recognised. Skips when the data is absent.

use std::path::PathBuf;

use attache_extract::{Options, extract_text};

fn seed(prefix: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seeds");
    let entry = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
    std::fs::read_to_string(entry.path()).ok()
}

/// Paragraphs of the raw file that are article prose: long lines ending a sentence.
fn prose_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .skip(1)
        .map(str::trim)
        .filter(|l| l.split_whitespace().count() >= 25)
        .filter(|l| !l.to_lowercase().contains("copyright") && !l.contains("first published"))
        .map(str::to_string)
        .collect()
}

#[test]
fn seed_000_relay_trailer() {
    let Some(raw) = seed("000_") else {
        eprintln!("skipping: seeds not found");
        return;
    };
    let e = extract_text(&raw, &Options::default()).expect("extracts");
    assert_eq!(
        e.title,
        "Why Middle East nations turn to Russia for stability"
    );
    for p in prose_lines(&raw) {
        assert!(e.text.contains(&p), "paragraph lost: {p}");
    }
    assert!(!e.text.contains("ift.tt"), "trailer left in text");
    assert!(!e.text.contains("IFTTT"));
    assert!(!e.text.contains("Viewsnow"), "date line left in text");
    assert!(e.text.contains("\n\n"), "paragraph breaks kept");
    let s = e.syndication.expect("syndication");
    assert_eq!(s.origin.as_deref(), Some("RT World News"));
    assert!(
        s.origin_url
            .as_deref()
            .unwrap_or("")
            .starts_with("https://ift.tt/")
    );
    assert_eq!(s.via, vec!["IFTTT"]);
    // "21 November" with the year taken from the text.
    let published = e.published.expect("date from the date line").to_string();
    assert!(published.starts_with("2025-11-21"), "{published}");
    assert_eq!(e.language.as_deref(), Some("en"));
    // The first sentence after the date line is the standfirst and must be kept.
    assert!(e.text.starts_with("Sergey Shoigu recently went on a visit"));
    assert!(e.text.trim_end().ends_with("era of mounting turbulence."));
}

#[test]
fn seed_003_republisher_boilerplate() {
    let Some(raw) = seed("003_") else {
        eprintln!("skipping: seeds not found");
        return;
    };
    let e = extract_text(&raw, &Options::default()).expect("extracts");
    assert_eq!(e.title, "What does Russia want from the Middle East?");
    assert_eq!(e.site_name.as_deref(), Some("INA NEWS"));
    for p in prose_lines(&raw) {
        assert!(e.text.contains(&p), "paragraph lost: {p}");
    }
    // Section headings inside the article stay.
    assert!(e.text.contains("\n\nWhat was discussed in Ankara?\n\n"));
    assert!(
        e.text
            .contains("There’s always something to discuss in Doha")
    );
    for junk in [
        "जुड़ें",
        "#INA",
        "Copyright Disclaimer",
        "Section 107",
        "first published",
        "Source link",
        "Leave a Reply",
        "email address",
        "Back to top",
        "Tach-Science",
        "Entertainment",
        "Eng News",
    ] {
        assert!(!e.text.contains(junk), "boilerplate left: {junk}");
    }
    assert!(e.text.trim_end().ends_with("amid global transformations."));
    let s = e.syndication.expect("syndication");
    assert!(s.origin.as_deref().unwrap_or("").starts_with("RT"), "{s:?}");
    assert_eq!(s.via, vec!["RSS"]);
    assert!(e.published.is_none(), "the seed has no date line");
}
