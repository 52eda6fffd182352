//! Golden tests over small real feeds (fixtures from feed-rs, MIT) and hostile input.

use attache_feed::{FeedError, FeedFormat, parse};

fn fx(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().expect("timestamp")
}

#[test]
fn rss20_spec() {
    let f = parse(&fx("rss_2.0_spec_1.xml"), None, None).unwrap();
    assert_eq!(f.format, FeedFormat::Rss20);
    assert_eq!(f.title.as_deref(), Some("Scripting News"));
    assert_eq!(f.site_url.as_deref(), Some("http://www.scripting.com/"));
    assert_eq!(f.items.len(), 2);
    let it = &f.items[0];
    assert_eq!(
        it.id,
        "http://scriptingnews.userland.com/backissues/2002/09/29#When:12:59:01PM"
    );
    assert_eq!(it.link.as_deref(), Some(it.id.as_str()));
    assert_eq!(it.published, Some(ts("2002-09-29T19:59:01Z")));
    assert!(f.item_details[0].guid_is_link);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn truncated_download_keeps_the_channel() {
    let f = parse(&fx("rss_2.0_invalid_1.xml"), None, None).unwrap();
    assert_eq!(f.title.as_deref(), Some("Reuters: Most Read Articles"));
    assert_eq!(f.language.as_deref(), Some("en-us"));
    assert!(f.is_lenient());
}

#[test]
fn relative_links_resolve() {
    let f = parse(&fx("rss_2.0_relurl_1.xml"), None, None).unwrap();
    assert!(f.items.iter().all(|i| {
        i.link
            .as_deref()
            .is_some_and(|l| l.starts_with("https://insanity.industries/"))
    }));
}

#[test]
fn rss10_rdf() {
    let f = parse(&fx("rss_1.0_spec_1.xml"), None, None).unwrap();
    assert_eq!(f.format, FeedFormat::Rss10);
    assert_eq!(f.title.as_deref(), Some("XML.com"));
    assert_eq!(f.items.len(), 2);
    assert_eq!(
        f.items[0].title.as_deref(),
        Some("Processing Inclusions with XSLT")
    );
    assert_eq!(
        f.items[0].id,
        "http://xml.com/pub/2000/08/09/xslt/xslt.html"
    );
}

#[test]
fn rss091() {
    let f = parse(&fx("rss_0.91_spec_1.xml"), None, None).unwrap();
    assert!(matches!(
        f.format,
        FeedFormat::Rss091 | FeedFormat::Rss091Netscape
    ));
    assert_eq!(f.items.len(), 2);
    assert_eq!(
        f.items[1].link.as_deref(),
        Some("http://writetheweb.com/read.php?item=23")
    );
}

#[test]
fn atom10_spec() {
    let f = parse(&fx("atom_spec_1.xml"), None, None).unwrap();
    assert_eq!(f.format, FeedFormat::Atom10);
    assert_eq!(f.title.as_deref(), Some("Example Feed"));
    let it = &f.items[0];
    assert_eq!(it.id, "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a");
    assert_eq!(
        it.link.as_deref(),
        Some("http://example.org/2003/12/13/atom03")
    );
    assert_eq!(it.updated, Some(ts("2003-12-13T18:30:02Z")));
}

#[test]
fn atom_xml_base_makes_content_links_absolute() {
    let f = parse(&fx("atom_xml_base.xml"), None, None).unwrap();
    let it = &f.items[0];
    assert_eq!(it.author.as_deref(), Some("Not Blank"));
    let content = it.content.as_deref().unwrap();
    assert!(
        content.contains("https://numi.st/post/2022/travel-uke/IMG_1232.jpeg"),
        "{content}"
    );
}

#[test]
fn json_feed() {
    let f = parse(
        &fx("jsonfeed_spec_1.json"),
        Some("application/feed+json"),
        None,
    )
    .unwrap();
    assert_eq!(f.format, FeedFormat::JsonFeed10);
    assert_eq!(f.title.as_deref(), Some("JSON Feed"));
    assert_eq!(f.items.len(), 1);
    assert_eq!(f.items[0].published, Some(ts("2017-05-17T15:02:12Z")));
}

#[test]
fn ids_are_stable_and_fall_back_to_a_hash() {
    let src = b"<rss version='2.0'><channel><title>t</title>
        <item><title>One</title><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate></item>
        <item><title>Two</title></item>
        <item><guid isPermaLink='false'>abc</guid><link>http://x/1</link></item>
        <item><link>http://x/2</link></item></channel></rss>";
    let a = parse(src, None, None).unwrap();
    let b = parse(src, None, None).unwrap();
    let ids: Vec<&str> = a.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        b.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()
    );
    assert!(ids[0].starts_with("urn:attache:item:"));
    assert_ne!(ids[0], ids[1]);
    assert_eq!(ids[2], "abc");
    assert_eq!(ids[3], "http://x/2");
    assert_eq!(a.items[2].link.as_deref(), Some("http://x/1"));
}

#[test]
fn windows_1252_declared_in_header_only() {
    let mut body = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>\x93Quoted\x94 \x96 dash</title><guid>1</guid></item></channel></rss>".to_vec();
    let f = parse(
        &body,
        Some("application/rss+xml; charset=windows-1252"),
        None,
    )
    .unwrap();
    assert_eq!(f.encoding, "windows-1252");
    assert_eq!(f.title.as_deref(), Some("Caf\u{e9}"));
    assert_eq!(
        f.items[0].title.as_deref(),
        Some("\u{201c}Quoted\u{201d} \u{2013} dash")
    );
    // Without the header the bytes are not UTF-8: read leniently, not refused.
    let g = parse(&body, None, None).unwrap();
    assert_eq!(g.title.as_deref(), Some("Caf\u{e9}"));
    assert!(g.is_lenient());
    body.clear();
}

#[test]
fn common_breakage_is_recovered() {
    let src = b"\xef\xbb\xbf  garbage before the root\n<rss version=\"2.0\"><channel><title>A & B &nbsp;&copy; &undeclared;</title>
        <item><title>Caf&eacute;</title><description><p>Raw <b>HTML</b></p></description><link>http://x/a?b=1&c=2</link></item>
        <item><title>unclosed <item><title>next</title></item></channel>";
    let f = parse(src, None, None).unwrap();
    assert_eq!(f.title.as_deref(), Some("A & B \u{a0}\u{a9} &undeclared;"));
    assert_eq!(f.items[0].title.as_deref(), Some("Caf\u{e9}"));
    assert_eq!(
        f.items[0].summary.as_deref(),
        Some("<p>Raw <b>HTML</b></p>")
    );
    assert_eq!(f.items[0].link.as_deref(), Some("http://x/a?b=1&c=2"));
    assert!(f.is_lenient());
}

#[test]
fn malformed_input_is_an_error_or_a_lenient_parse_never_a_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"   \n ",
        b"<",
        b"<<<<>>>>",
        b"<rss",
        b"<rss><channel><item><title>x</ti",
        b"<?xml version='1.0' encoding='bogus'?><rss/>",
        b"<html><head><title>Not a feed</title></head></html>",
        b"{\"version\": 3}",
        b"{\"items\": \"nope\"}",
        b"\xff\xfe<\x00r\x00s\x00s\x00",
        b"\x00\x00\x00<",
        b"<feed><entry><link href='::::'/><updated>not a date</updated></entry></feed>",
        b"<rss><channel><item><enclosure url='' length='-5'/><pubDate>Sun, 99 Jun 2009</pubDate></item></channel></rss>",
    ];
    for c in cases {
        let _ = parse(c, Some("text/xml; charset=\"\""), Some("not a url"));
    }
    assert_eq!(parse(b"", None, None), Err(FeedError::Empty));
    assert!(matches!(
        parse(b"<html><body/></html>", None, None),
        Err(FeedError::NotAFeed(_))
    ));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut s = String::from("<rss><channel><item><description>");
    for _ in 0..100_000 {
        s.push_str("<div>");
    }
    s.push_str("</description></item></channel></rss>");
    let f = parse(s.as_bytes(), None, None).unwrap();
    assert_eq!(f.items.len(), 1);
}

#[test]
fn huge_feed() {
    let mut s = String::from("<rss version=\"2.0\"><channel><title>big</title>");
    let n = 40_000;
    for i in 0..n {
        s.push_str(&format!(
            "<item><title>Item {i}</title><link>http://example.com/{i}</link><description>{}</description><pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate></item>",
            "lorem ipsum dolor sit amet ".repeat(8)
        ));
    }
    s.push_str("</channel></rss>");
    assert!(s.len() > 10_000_000);
    let f = parse(s.as_bytes(), None, None).unwrap();
    assert_eq!(f.items.len(), n);
    assert_eq!(f.items[n - 1].id, format!("http://example.com/{}", n - 1));
    let too_big = vec![b' '; attache_feed::MAX_FEED_BYTES + 1];
    assert!(matches!(
        parse(&too_big, None, None),
        Err(FeedError::TooLarge(_))
    ));
}

#[test]
fn dates() {
    use attache_feed::parse_date;
    assert_eq!(
        parse_date("Tue, 10 Jun 2003 04:00:00 GMT"),
        Some(ts("2003-06-10T04:00:00Z"))
    );
    assert_eq!(
        parse_date("2003-12-31T10:14:55.1234Z"),
        Some(ts("2003-12-31T10:14:55Z"))
    );
    assert_eq!(
        parse_date("21 Nov 2025 14:05 +0300"),
        Some(ts("2025-11-21T11:05:00Z"))
    );
    assert_eq!(parse_date("yesterday"), None);
}

#[test]
fn opml_round_trip() {
    use attache_feed::opml::{self, OpmlFeed};
    let feeds = vec![
        OpmlFeed {
            url: "https://www.rt.com/rss/news/".into(),
            title: Some("RT World News".into()),
            site_url: Some("https://www.rt.com/".into()),
        },
        OpmlFeed {
            url: "http://example.com/feed?a=1&b=2".into(),
            title: None,
            site_url: None,
        },
    ];
    let xml = opml::write(&feeds, "attache subscriptions");
    let back = opml::parse(xml.as_bytes()).unwrap();
    assert_eq!(back[0], feeds[0]);
    assert_eq!(back[1].url, feeds[1].url);
}

/// Runs only when ../shared/data is present: every feedparser and feed-rs file parses without
/// panicking.
#[test]
fn shared_suite_never_panics() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/feeds");
    if !root.is_dir() {
        eprintln!("shared feed data absent; skipping");
        return;
    }
    let mut stack = vec![root];
    let mut n = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml" || x == "json") {
                let bytes = std::fs::read(&p).unwrap();
                let _ = parse(&bytes, None, None);
                n += 1;
            }
        }
    }
    assert!(n > 2000, "{n} files");
}
