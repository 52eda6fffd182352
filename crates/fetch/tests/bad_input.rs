//! The bad inputs a feed server can send, each against a real HTTP server on 127.0.0.1: an
//! HTML page served as a feed, a 50 MB feed, an endless redirect cycle and a server that
//! accepts the connection but never answers. (Truncated downloads, the gzip bomb and a
//! redirect chain that never ends are in `http.rs`.) Limits are set small where the defaults
//! would make a test slow.

mod common;

use std::time::{Duration, Instant};

use attache_fetch::{FetchConfig, FetchError, FetchOutcome, Fetcher, TimeoutKind, Validators};
use common::{Reply, TestServer};

fn open_config() -> FetchConfig {
    FetchConfig {
        allow_private: true,
        politeness_delay: Duration::ZERO,
        ..FetchConfig::default()
    }
}

const PAGE: &str = "<!DOCTYPE html><html><head><title>Home</title></head>\
    <body><h1>Welcome</h1><p>No feed here.</p></body></html>";

#[tokio::test]
async fn an_html_page_served_as_a_feed_is_a_clear_per_feed_error() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/feed" => Reply::with(200, &[("Content-Type", "text/html; charset=utf-8")], PAGE),
        _ => Reply::status(404),
    });
    let f = Fetcher::new(open_config()).unwrap();
    let url = server.url("/feed");
    let got = match f.fetch_feed(&url, &Validators::default(), false).await {
        Ok(FetchOutcome::Fetched(got)) => got,
        other => panic!("expected a fetched body, got {other:?}"),
    };
    // The fetcher delivers what was served, with its media type, untouched.
    assert_eq!(
        got.content_type.as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(got.body, PAGE.as_bytes());
    // The parser then refuses it with an error that names the problem.
    let err = attache_feed::parse(&got.body, got.content_type.as_deref(), Some(&url)).unwrap_err();
    assert!(
        matches!(err, attache_feed::FeedError::NotAFeed(_)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "not a feed: an HTML page, not a feed");
}

#[tokio::test]
async fn a_50_mb_feed_is_refused_at_the_body_cap() {
    const FIFTY_MB: u64 = 50 * 1024 * 1024;
    let server = TestServer::start(|req| match req.path.as_str() {
        "/announced" => Reply::Stream(FIFTY_MB, true),
        "/chunked" => Reply::Stream(FIFTY_MB, false),
        _ => Reply::status(404),
    });
    let v = Validators::default();

    // Announced: refused from Content-Length with the default cap, before any body is read.
    let f = Fetcher::new(open_config()).unwrap();
    let cap = f.config().max_body_bytes;
    assert!(cap < FIFTY_MB);
    let url = server.url("/announced");
    let started = Instant::now();
    let err = f.fetch_feed(&url, &v, false).await.unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit, .. } if limit == cap),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("{url}: body too large (over the {cap}-byte limit)")
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // Unannounced (chunked): reading stops at the cap (small here to keep the test fast).
    let f = Fetcher::new(FetchConfig {
        max_body_bytes: 1024 * 1024,
        ..open_config()
    })
    .unwrap();
    let url = server.url("/chunked");
    let started = Instant::now();
    let err = f.fetch_feed(&url, &v, false).await.unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::TooLarge {
                limit: 1_048_576,
                ..
            }
        ),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn an_endless_redirect_cycle_stops_at_the_cap() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/a" => Reply::redirect(302, "/b"),
        "/b" => Reply::redirect(301, "/a"),
        _ => Reply::status(404),
    });
    let f = Fetcher::new(FetchConfig {
        max_redirects: 5,
        ..open_config()
    })
    .unwrap();
    let url = server.url("/a");
    let err = f
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 5, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("{url}: too many redirects (more than 5)")
    );
    // The request and five redirects, no more.
    assert_eq!(server.paths(), ["/a", "/b", "/a", "/b", "/a", "/b"]);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = TestServer::start(|_| Reply::Hang);
    // Only the total timeout is short: the fetch must end by it even though nothing arrives.
    let f = Fetcher::new(FetchConfig {
        total_timeout: Duration::from_millis(600),
        ..open_config()
    })
    .unwrap();
    let url = server.url("/feed");
    let started = Instant::now();
    let err = f
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                kind: TimeoutKind::Total | TimeoutKind::Read,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with(&format!("{url}: ")), "{err}");
    assert!(took >= Duration::from_millis(500), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}
