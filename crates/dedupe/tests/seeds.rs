//! The two seed articles: different stories, each joined by a copy that adds seed 003's kind
//! of boilerplate. Skips when ../shared/data is absent (set ATTACHE_DATA to point elsewhere).

use std::path::PathBuf;

use attache_dedupe::{Config, Index, Verdict};
use attache_model::Document;

fn data() -> PathBuf {
    std::env::var_os("ATTACHE_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

fn seed(name: &str) -> Option<Document> {
    let s = std::fs::read_to_string(data().join("seeds").join(name)).ok()?;
    let (title, body) = s.split_once('\n')?;
    Some(Document::new(title.trim(), body))
}

const MENU: &str = "Crime\nSocial/Other\nBusiness\nPolitical\nEditorials\nEntertainment\nFestival\nHealth\nInternational\nOpinion\nSports";
const FOOTER: &str = "देश दुनियां की खबरें पाने के लिए ग्रुप से जुड़ें,\n\n#INA #INA_NEWS #INANEWSAGENCY\n\nCopyright Disclaimer :-Under Section 107 of the Copyright Act 1976, allowance is made for “fair use” for purposes such as criticism, comment, news reporting, teaching, scholarship, and research. Fair use is a use permitted by copyright statute that might otherwise be infringing., educational or personal use tips the balance in favor of fair use.\nCredit By :-This post was first published on RTNews.com, we have published it via RSS feed courtesy of Source link,\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nBack to top button\nClose";

#[test]
fn seeds_are_different_stories_and_join_their_copies() {
    let (Some(a), Some(b)) = (
        seed("000_6d70f838b76d5134.txt"),
        seed("003_d24e86801bbec4fb.txt"),
    ) else {
        eprintln!("seeds absent under {}: skipped", data().display());
        return;
    };
    let mut ix = Index::new(Config::default()).unwrap();
    assert_eq!(ix.insert(&a), Verdict::New);
    assert_eq!(ix.insert(&b), Verdict::New, "the seeds must not merge");
    for s in [&a, &b] {
        let copy = Document::new(
            format!("World News: {} – INA NEWS", s.title),
            format!("{MENU}\n\n{}\n\n{FOOTER}\n\n{MENU}", s.text),
        );
        match ix.check(&copy) {
            Verdict::CopyOf { document, .. } => assert_eq!(document, s.id),
            v => panic!("copy of {} not found: {v:?}", s.title),
        }
    }
}
