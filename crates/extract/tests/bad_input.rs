//! Hostile and broken input: a clear result, no panic, bounded time.

use std::time::{Duration, Instant};

use attache_extract::{ExtractError, Options, extract_html, extract_text};

const PARA: &str = "<p>The delegation met officials in the capital on Monday to discuss trade, energy and security, and both sides agreed to meet again next month to review progress on the projects.</p>";

fn article(n: usize) -> String {
    format!(
        "<html><body><article>{}</article></body></html>",
        PARA.repeat(n)
    )
}

fn timed<T>(limit: Duration, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let r = f();
    // Debug builds are slow; the bound is generous but still catches quadratic blow-ups.
    assert!(t.elapsed() < limit, "took {:?}", t.elapsed());
    r
}

#[test]
fn empty_pages() {
    let o = Options::default();
    assert_eq!(extract_html(b"", &o), Err(ExtractError::Empty));
    assert!(matches!(
        extract_html(b"<html><body></body></html>", &o),
        Err(ExtractError::NoArticle(_))
    ));
    assert!(matches!(
        extract_html(b"<html><head><title>x</title></head></html>", &o),
        Err(ExtractError::NoArticle(_))
    ));
}

#[test]
fn twenty_megabyte_page() {
    // 20 MB: mostly script and inline style (as heavy pages are), plus a real article.
    let mut html = String::from("<html><head>");
    let script = format!("<script>var a = '{}';</script>", "x".repeat(1 << 20));
    for _ in 0..18 {
        html.push_str(&script);
    }
    html.push_str("</head><body>");
    while html.len() < 20_000_000 {
        html.push_str("<div class=\"promo\"><a href=\"/x\">More</a></div>");
    }
    html.push_str(&article(20));
    html.push_str("</body></html>");
    let r = timed(Duration::from_secs(60), || {
        extract_html(html.as_bytes(), &Options::default())
    });
    // Either the article or a clear refusal; never a panic.
    match r {
        Ok(e) => assert!(e.text.contains("delegation met officials")),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

#[test]
fn deeply_nested_markup() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}{}{}</body></html>",
        "<div>".repeat(depth),
        PARA.repeat(5),
        "</div>".repeat(depth)
    );
    let e = timed(Duration::from_secs(30), || {
        extract_html(html.as_bytes(), &Options::default())
    })
    .expect("article");
    assert!(e.text.contains("delegation met officials"));
    assert!(e.warnings.iter().any(|w| w.contains("nested")));
}

#[test]
fn unclosed_markup() {
    let html = format!("<html><body><div><p>{}", PARA.repeat(4).replace("</p>", ""));
    let e = extract_html(html.as_bytes(), &Options::default()).expect("article");
    assert!(e.text.contains("delegation met officials"));
    for junk in ["<div", "<p", "<scr", "<!--", "<a href=\"", "<"] {
        let _ = extract_html(junk.as_bytes(), &Options::default());
        let _ = extract_html(
            format!("{}{junk}", article(3)).as_bytes(),
            &Options::default(),
        );
    }
}

#[test]
fn scripts_and_styles_never_leak() {
    let html = format!(
        "<html><head><style>body {{ color: red }}</style></head><body><script>document.write('LEAK1')</script>{}<noscript>LEAK2</noscript><svg><text>LEAK3</text></svg></body></html>",
        article(4)
    );
    let e = extract_html(html.as_bytes(), &Options::default()).expect("article");
    assert!(!e.text.contains("LEAK"));
    assert!(!e.text.contains("color: red"));
}

#[test]
fn mixed_encodings() {
    // Declared UTF-8, with windows-1252 bytes in the middle.
    let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><article>".to_vec();
    bytes.extend_from_slice(article(3).as_bytes());
    bytes.extend_from_slice(b"<p>Caf\xe9 \x93quoted\x94 text in another encoding, which the page got wrong while the rest of it is fine and long enough.</p></article></body></html>");
    let e = extract_html(&bytes, &Options::default()).expect("article");
    assert!(!e.warnings.is_empty(), "a warning names the problem");
    assert!(e.text.contains("delegation met officials"));
}

#[test]
fn pathological_text() {
    let o = Options::default();
    assert_eq!(extract_text("   \n\n ", &o), Err(ExtractError::Empty));
    // A text file is taken as an article however short: a headline alone is a document.
    let headline = extract_text("Only a title", &o).unwrap();
    assert_eq!(headline.title, "Only a title");
    assert_eq!(headline.text, "");
    let long_line = "word ".repeat(2_000_000);
    let r = timed(Duration::from_secs(60), || extract_text(&long_line, &o));
    // One line and nothing else: a headline-only document, in bounded time.
    assert_eq!(r.expect("a headline-only document").text, "");
    let many_lines = "Menu\n".repeat(200_000);
    let r = timed(Duration::from_secs(60), || extract_text(&many_lines, &o));
    // Every line after the title is menu boilerplate: a headline-only document is left.
    let r = r.expect("a headline-only document");
    assert_eq!(r.text, "");
}
