//! Golden files: every `tests/fixtures/NAME.html` is extracted and compared with
//! `NAME.expected.json`. Set `UPDATE_GOLDEN=1` to rewrite the expected files (then review the
//! diff by eye).

use std::path::PathBuf;

use attache_extract::{Options, extract_html};

fn url_for(name: &str) -> Option<&'static str> {
    match name {
        "news_jsonld" => Some("https://harbour.example/world/2024/03/05/grain-corridor?utm=x"),
        "dated_url_german" => Some("https://zeitung.example/2024/06/03/hochwasser-passau"),
        _ => None,
    }
}

fn render(name: &str, bytes: &[u8]) -> serde_json::Value {
    let opts = Options {
        url: url_for(name).map(str::to_string),
        ..Options::default()
    };
    match extract_html(bytes, &opts) {
        Ok(e) => serde_json::json!({
            "title": e.title,
            "byline": e.byline,
            "published": e.published.map(|t| t.to_string()),
            "published_precision": e.published_precision.as_str(),
            "published_source": e.published_source,
            "modified": e.modified.map(|t| t.to_string()),
            "site_name": e.site_name,
            "canonical_url": e.canonical_url,
            "language": e.language,
            "description": e.description,
            "tags": e.tags,
            "syndication": e.syndication,
            "warnings": e.warnings,
            "text": e.text,
        }),
        Err(err) => serde_json::json!({ "error": err.to_string() }),
    }
}

#[test]
fn golden_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.strip_suffix(".html").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 5, "fixtures missing");
    let mut failures = Vec::new();
    for name in names {
        let bytes = std::fs::read(dir.join(format!("{name}.html"))).expect("read fixture");
        let got = render(&name, &bytes);
        let path = dir.join(format!("{name}.expected.json"));
        if update {
            let s = serde_json::to_string_pretty(&got).expect("json") + "\n";
            std::fs::write(&path, s).expect("write golden");
            continue;
        }
        let want: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(&path)
                .unwrap_or_else(|_| panic!("missing {}", path.display())),
        )
        .expect("golden json");
        if got != want {
            failures.push(format!(
                "{name}:\n got: {}\nwant: {}",
                serde_json::to_string_pretty(&got).unwrap_or_default(),
                serde_json::to_string_pretty(&want).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
