//! The JSON API and pages against a real server on 127.0.0.1, over a SQLite store filled
//! through the Store trait.

mod common;

use common::{HOSTILE_TEXT, TOKEN, get, request, start};

#[test]
fn events_filter_and_paginate_by_cursor() {
    let s = start();
    let all = get(s.addr, "/api/v1/events?limit=500").json();
    let total = all["events"].as_array().unwrap().len();
    assert_eq!(total, 8);
    assert!(all["next_cursor"].is_null());
    let mut seen = Vec::new();
    let mut url = "/api/v1/events?limit=3".to_string();
    loop {
        let r = get(s.addr, &url);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        for e in v["events"].as_array().unwrap() {
            seen.push(e["id"].as_str().unwrap().to_string());
        }
        match v["next_cursor"].as_str() {
            Some(c) => url = format!("/api/v1/events?limit=3&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), total);
    let ids: Vec<&str> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(seen, ids);

    // The two tour events and the hostile document's event.
    let v = get(s.addr, "/api/v1/events?dyad=RUS,EGY").json();
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
    let v = get(s.addr, "/api/v1/events?pair=QAT,RUS").json();
    assert_eq!(v["events"][0]["id"], "ev-qat");
    let v = get(
        s.addr,
        "/api/v1/events?actor=RUS&since=2025-02&until=2025-02",
    )
    .json();
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ev-tur", "ev-omn"]);
    let v = get(s.addr, "/api/v1/events?cameo=19").json();
    assert_eq!(v["events"][0]["id"], "ev-isr");
    let v = get(s.addr, "/api/v1/events?topic=diplomacy&limit=1").json();
    assert_eq!(v["events"].as_array().unwrap().len(), 1);
    assert!(v["next_cursor"].is_string());
    let e = get(s.addr, "/api/v1/events/ev-tur").json();
    assert_eq!(e["evidence"][0]["text"], "Lavrov travelled to Ankara");
    assert_eq!(e["plover"]["event"], "CONSULT");
}

#[test]
fn bad_input_gives_json_errors_with_stable_codes() {
    let s = start();
    let r = get(s.addr, "/api/v1/events/nope");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    for (url, param) in [
        ("/api/v1/events?limit=abc", "limit"),
        ("/api/v1/events?since=last-week", "since"),
        ("/api/v1/events?cameo=x", "cameo"),
        ("/api/v1/events?dyad=RUS", "dyad"),
        ("/api/v1/graph?level=planet", "level"),
        ("/api/v1/timeseries?actor=RUS&bucket=year", "bucket"),
        ("/api/v1/timeseries", "actor"),
        ("/api/v1/search", "q"),
        ("/api/v1/entities?type=ALIEN", "type"),
    ] {
        let r = get(s.addr, url);
        assert_eq!(r.status, 400, "{url}: {}", r.body);
        let v = r.json();
        assert_eq!(v["error"]["code"], "bad_parameter", "{url}");
        assert!(
            v["error"]["message"].as_str().unwrap().contains(param),
            "{url}: {v}"
        );
    }
    let r = get(s.addr, "/api/v1/events?cursor=garbage");
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["code"], "bad_query");
    let r = get(s.addr, "/api/v1/events?since=%ZZ");
    assert_eq!(r.status, 400);
    // Huge pages are capped, not refused.
    let v = get(s.addr, "/api/v1/events?limit=99999999").json();
    assert_eq!(v["limit"], 500);
    let r = get(s.addr, "/api/v1/nothing-here");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "not_found");
    for id in ["doesnotexist", "actors-xyz"] {
        assert_eq!(get(s.addr, &format!("/api/v1/documents/{id}")).status, 404);
        assert_eq!(get(s.addr, &format!("/api/v1/stories/{id}")).status, 404);
        assert_eq!(get(s.addr, &format!("/api/v1/entities/{id}")).status, 404);
    }
    assert_eq!(get(s.addr, "/api/v1/actors/ZZZ").status, 404);
}

#[test]
fn graph_timeseries_actors_entities() {
    let s = start();
    let g = get(s.addr, "/api/v1/graph").json();
    let linked: Vec<String> = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            let (a, b) = (e["a"].as_str().unwrap(), e["b"].as_str().unwrap());
            if a == "RUS" {
                Some(b.to_string())
            } else if b == "RUS" {
                Some(a.to_string())
            } else {
                None
            }
        })
        .collect();
    for c in ["EGY", "OMN", "TUR", "IRN", "QAT"] {
        assert!(
            linked.contains(&c.to_string()),
            "{c} not linked to RUS: {linked:?}"
        );
    }
    let windowed = get(s.addr, "/api/v1/graph?since=2025-02&until=2025-02").json();
    assert_eq!(windowed["edges"].as_array().unwrap().len(), 2);
    assert_eq!(windowed["since"], "2025-02");
    let ts = get(s.addr, "/api/v1/timeseries?dyad=RUS,TUR&bucket=week").json();
    assert_eq!(ts["points"][0]["bucket"], "2025-02-24");
    let ts = get(s.addr, "/api/v1/timeseries?actor=RUS&bucket=month").json();
    assert!(ts["points"].as_array().unwrap().len() >= 4);
    let a = get(s.addr, "/api/v1/actors/RUS").json();
    assert!(a["counterparts"].as_array().unwrap().len() >= 5);
    assert!(
        a["people"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Sergey Shoigu")
    );
    let cp = get(s.addr, "/api/v1/actors/RUS/counterparts?until=2024").json();
    let codes: Vec<&str> = cp["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["EGY", "EGYMIL"]);
    let list = get(s.addr, "/api/v1/actors").json();
    assert!(!list["actors"].as_array().unwrap().is_empty());
    let people = get(s.addr, "/api/v1/entities?type=person&country=EGY").json();
    assert_eq!(people["entities"][0]["name"], "Abdel Majeed Saqr");
    assert_eq!(
        people["entities"][0]["roles"][0]["title"],
        "Defense Minister"
    );
    let e = get(s.addr, "/api/v1/entities/per-shoigu").json();
    assert_eq!(e["documents"][0]["id"], s.fixture.tour);
}

#[test]
fn documents_stories_feeds_search_stats() {
    let s = start();
    let d = get(s.addr, &format!("/api/v1/documents/{}", s.fixture.tour)).json();
    assert_eq!(d["document"]["site_name"], "RT");
    assert_eq!(d["story"], "story-tour");
    assert!(d["mentions"].as_array().unwrap().len() >= 7);
    assert!(d["events"].as_array().unwrap().len() >= 7);
    let prefix = &s.fixture.tour[..8];
    assert_eq!(
        get(s.addr, &format!("/api/v1/documents/{prefix}")).status,
        200
    );
    let docs = get(s.addr, "/api/v1/documents?limit=2").json();
    assert_eq!(docs["documents"].as_array().unwrap().len(), 2);
    let st = get(s.addr, "/api/v1/stories/story-tour").json();
    assert_eq!(st["origin"], "RT");
    assert_eq!(st["members"][1]["credits_origin"], true);
    assert_eq!(
        get(s.addr, "/api/v1/stories").json()["stories"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let f = get(s.addr, "/api/v1/feeds").json();
    assert_eq!(f["feeds"][0]["status"], "new");
    let hits = get(s.addr, "/api/v1/search?q=Shoigu").json();
    assert!(hits["hits"].as_array().unwrap().len() >= 2);
    let hits = get(s.addr, "/api/v1/search?q=%22unbalanced").json();
    assert!(hits["hits"].is_array());
    let stats = get(s.addr, "/api/v1/stats").json();
    assert_eq!(stats["documents"], 3);
}

#[test]
fn writes_need_the_token() {
    let s = start();
    let body = br#"{"url": "https://example.org/feed.xml", "title": "Example"}"#;
    let json = ("Content-Type", "application/json");
    let r = request(s.addr, "POST", "/api/v1/feeds", &[json], body);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    let r = request(
        s.addr,
        "POST",
        "/api/v1/feeds",
        &[json, ("Authorization", "Bearer wrong-token-000000000")],
        body,
    );
    assert_eq!(r.status, 401);
    let auth = format!("Bearer {TOKEN}");
    let r = request(
        s.addr,
        "POST",
        "/api/v1/feeds",
        &[json, ("Authorization", &auth)],
        body,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let r = request(
        s.addr,
        "POST",
        "/api/v1/feeds",
        &[json, ("Authorization", &auth)],
        body,
    );
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["error"]["code"], "conflict");
    let r = request(
        s.addr,
        "POST",
        "/api/v1/feeds",
        &[json, ("Authorization", &auth)],
        br#"{"url": "file:///etc/passwd"}"#,
    );
    assert_eq!(r.status, 400);
    let r = request(
        s.addr,
        "POST",
        "/api/v1/feeds",
        &[json, ("Authorization", &auth)],
        b"{not json",
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["code"], "bad_request");
    let r = request(
        s.addr,
        "DELETE",
        &format!("/api/v1/feeds/{id}"),
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(r.status, 204);
    let r = request(
        s.addr,
        "DELETE",
        &format!("/api/v1/feeds/{id}"),
        &[("Authorization", &auth)],
        b"",
    );
    assert_eq!(r.status, 404);

    let doc = br#"{"title": "Posted", "text": "Oman hosted talks with Russia."}"#;
    let r = request(s.addr, "POST", "/api/v1/documents", &[json], doc);
    assert_eq!(r.status, 401);
    let r = request(
        s.addr,
        "POST",
        "/api/v1/documents",
        &[json, ("Authorization", &auth)],
        doc,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["outcome"], "added");
    let r = request(
        s.addr,
        "POST",
        "/api/v1/documents",
        &[json, ("Authorization", &auth)],
        doc,
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["outcome"], "duplicate");
    let big = format!(
        r#"{{"title": "Big", "text": "{}"}}"#,
        "x".repeat(100 * 1024)
    );
    let r = request(
        s.addr,
        "POST",
        "/api/v1/documents",
        &[json, ("Authorization", &auth)],
        big.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.body);
    assert_eq!(get(s.addr, "/api/v1/stats").json()["documents"], 4);
}

#[test]
fn writes_are_refused_without_a_configured_token() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    attache_store::SqliteStore::open(&path).unwrap();
    let (addr, _stop) = common::serve(&path, None);
    let r = request(
        addr,
        "POST",
        "/api/v1/feeds",
        &[
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer anything-at-all-1234"),
        ],
        br#"{"url":"https://a.example/f"}"#,
    );
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"]["code"], "writes_disabled");
    // An empty store still renders every page.
    for page in [
        "/",
        "/events",
        "/actors",
        "/documents",
        "/stories",
        "/feeds",
        "/search?q=x",
    ] {
        assert_eq!(get(addr, page).status, 200, "{page}");
    }
}

#[test]
fn openapi_describes_every_api_route() {
    let s = start();
    let r = get(s.addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["openapi"], "3.1.0");
    for route in attache_server::routes::routes() {
        if route.api.is_some() {
            let m = route.method.as_str().to_ascii_lowercase();
            assert!(
                v["paths"][route.path][&m].is_object(),
                "{} {} missing",
                m,
                route.path
            );
        }
    }
    let ev = &v["components"]["schemas"]["Event"]["properties"];
    for key in [
        "id",
        "date",
        "source",
        "target",
        "cameo",
        "plover",
        "quad_class",
        "evidence",
    ] {
        assert!(ev.get(key).is_some(), "Event schema lacks {key}");
    }
    assert!(
        v["paths"]["/api/v1/events"]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "cursor")
    );
    assert_eq!(
        v["paths"]["/api/v1/feeds"]["post"]["security"][0]["bearer"],
        serde_json::json!([])
    );
}

#[test]
fn security_headers_on_every_response() {
    let s = start();
    for path in [
        "/",
        "/api/v1/events",
        "/api/v1/nope",
        "/documents/zzzz",
        "/static/app.css",
    ] {
        let r = get(s.addr, path);
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
    }
}

#[test]
fn hostile_document_renders_as_text() {
    let s = start();
    let r = get(s.addr, &format!("/documents/{}", s.fixture.hostile));
    assert_eq!(r.status, 200);
    let body = &r.body;
    assert!(!body.contains("<script>"), "raw script tag in page");
    assert!(!body.contains("<img src=x"), "raw img tag in page");
    assert!(!body.contains("<style>body"), "raw style tag in page");
    assert!(
        !body.contains("href=\"javascript:"),
        "javascript: link in page"
    );
    assert!(body.contains("alert(document.cookie)&lt;/script&gt;"));
    assert!(body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(body.contains("&lt;b&gt;evil&lt;/b&gt; outlet"));
    // The same holds for every page that shows its metadata or events.
    for page in [
        "/documents",
        "/events",
        "/",
        "/actors",
        "/events/ev-hostile",
        "/search?q=Breaking",
        "/actors/RUS",
        "/feeds",
    ] {
        let r = get(s.addr, page);
        assert_eq!(r.status, 200, "{page}");
        assert!(!r.body.contains("<script"), "{page} has a script tag");
        assert!(
            !has_attribute_in_tag(&r.body, "onerror"),
            "{page} has a live onerror attribute"
        );
        assert!(
            !has_attribute_in_tag(&r.body, "javascript:"),
            "{page} has a javascript: URL"
        );
        assert!(!r.body.contains("<img"), "{page} has an img tag");
    }
    // The API returns it verbatim as JSON data.
    let d = get(s.addr, &format!("/api/v1/documents/{}", s.fixture.hostile)).json();
    assert_eq!(d["document"]["text"], HOSTILE_TEXT);
}

#[test]
fn pages_render_and_link_through_to_evidence() {
    let s = start();
    let dash = get(s.addr, "/");
    assert_eq!(dash.status, 200);
    assert!(
        dash.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(dash.body.contains("id=\"relation-graph\""));
    assert!(dash.body.contains("data-a=\"EGY\" data-b=\"RUS\""));
    // From an edge to its events, from an event to its evidence in the document.
    assert!(dash.body.contains("/events?pair=EGY%2CRUS"));
    let events = get(s.addr, "/events?pair=EGY%2CRUS");
    assert!(events.body.contains("/events/ev-egy\""));
    let ev = get(s.addr, "/events/ev-egy");
    let link = format!("/documents/{}?event=ev-egy#ev-0", s.fixture.tour);
    assert!(ev.body.contains(&link), "{}", ev.body);
    let doc = get(s.addr, &link.replace("#ev-0", ""));
    assert!(
        doc.body
            .contains("class=\"m m-PERSON ev chosen\" id=\"ev-0\""),
        "{}",
        doc.body
    );
    assert!(doc.body.contains("Sergey Shoigu"));
    for page in [
        "/actors/RUS",
        "/actors/RUS?since=2025",
        "/actors",
        "/events?actor=RUS&since=2025",
        "/documents",
        "/stories",
        "/stories/story-tour",
        "/feeds",
        "/search?q=Lavrov",
        "/entities/per-shoigu",
        "/?level=actor",
        "/?since=2025-01&until=2025-03",
    ] {
        let r = get(s.addr, page);
        assert_eq!(r.status, 200, "{page}: {}", r.body);
    }
    let r = get(s.addr, "/events?since=tomorrow");
    assert_eq!(r.status, 400);
    assert!(r.body.contains("parameter since"));
    assert_eq!(get(s.addr, "/no/such/page").status, 404);
    let story = get(s.addr, "/stories/story-tour").body;
    assert!(story.contains("INA NEWS") && story.contains("credits the origin"));
}

/// Whether `needle` occurs inside a tag (between `<` and `>`) rather than in text.
fn has_attribute_in_tag(html: &str, needle: &str) -> bool {
    html.split('<')
        .skip(1)
        .any(|t| t.split('>').next().unwrap_or("").contains(needle))
}

#[test]
fn reads_answer_while_the_database_is_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    {
        let mut store = attache_store::SqliteStore::open(&path).unwrap();
        common::fill(&mut store);
    }
    let (addr, _stop) = common::serve(&path, Some(TOKEN.into()));
    // Another process holds the write lock in the middle of an ingest.
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO feeds (url, added) VALUES ('https://busy.example/feed', '2025-01-01');",
        )
        .unwrap();
    let started = std::time::Instant::now();
    for page in ["/api/v1/events", "/api/v1/graph", "/api/v1/feeds", "/"] {
        assert_eq!(get(addr, page).status, 200, "{page}");
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let feeds = get(addr, "/api/v1/feeds").json();
    assert_eq!(
        feeds["feeds"].as_array().unwrap().len(),
        1,
        "uncommitted feed is invisible"
    );
    writer.execute_batch("COMMIT").unwrap();
    let feeds = get(addr, "/api/v1/feeds").json();
    assert_eq!(feeds["feeds"].as_array().unwrap().len(), 2);
}

#[test]
fn people_and_their_roles_are_listed_and_documented() {
    let s = start();
    let v = get(s.addr, "/api/v1/people?country=egy").json();
    let people = v["people"].as_array().unwrap();
    assert_eq!(people.len(), 1, "{v:#}");
    let saqr = &people[0];
    assert_eq!(saqr["name"], "Abdel Majeed Saqr");
    assert_eq!(saqr["title"], "Defense Minister");
    assert_eq!(saqr["first_seen"], "2025-11-21");
    assert_eq!(saqr["documents"], 1);
    assert_eq!(saqr["document_ids"][0], s.fixture.tour);
    assert_eq!(
        saqr["evidence"]["text"],
        "Shoigu met Egyptian Defense Minister Abdel Majeed Saqr to discuss military cooperation."
    );
    let v = get(s.addr, "/api/v1/people?role=SECURITY%20COUNCIL").json();
    assert_eq!(v["people"][0]["name"], "Sergey Shoigu");
    assert_eq!(v["people"][0]["first_seen"], "2024-05", "the stated start");
    let v = get(s.addr, "/api/v1/people?name=lavrov").json();
    assert_eq!(v["people"].as_array().unwrap().len(), 0);
    let bad = get(s.addr, "/api/v1/people?country=Egypt");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("country"), "{}", bad.body);
    let api = get(s.addr, "/api/openapi.json").json();
    let op = &api["paths"]["/api/v1/people"]["get"];
    assert_eq!(op["operationId"], "listPeople", "{op:#}");
    assert!(api["components"]["schemas"]["PeopleResponse"].is_object());
    let page = get(s.addr, "/actors/EGY");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("Roles in EGY learned from the documents")
            && page.body.contains("Defense Minister"),
        "{}",
        page.body
    );
}
