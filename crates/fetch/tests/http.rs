//! The fetcher against a real HTTP server on 127.0.0.1.

mod common;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use attache_fetch::{
    BlockingFetcher, FetchConfig, FetchError, FetchOutcome, FetchRequest, Fetcher, TimeoutKind,
    Validators,
};
use common::{Reply, TestServer};

/// Allows loopback (the test server) and drops the politeness delay to keep tests fast.
fn open_config() -> FetchConfig {
    FetchConfig {
        allow_private: true,
        politeness_delay: Duration::ZERO,
        ..FetchConfig::default()
    }
}

fn open() -> Fetcher {
    Fetcher::new(open_config()).unwrap()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

const FEED: &str = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

#[tokio::test]
async fn ok_then_not_modified_with_validators_and_one_connection() {
    let server = TestServer::start(|req| {
        if req.header("if-none-match") == Some("\"v1\"") {
            Reply::status(304)
        } else {
            Reply::with(
                200,
                &[
                    ("ETag", "\"v1\""),
                    ("Last-Modified", "Fri, 21 Nov 2025 10:00:00 GMT"),
                    ("Content-Type", "application/rss+xml; charset=utf-8"),
                    ("Cache-Control", "public, max-age=900"),
                ],
                FEED,
            )
        }
    });
    let f = open();
    let url = server.url("/feed.xml");

    let first = f
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap();
    let FetchOutcome::Fetched(got) = first else {
        panic!("expected a body, got {first:?}");
    };
    assert_eq!(got.body, FEED.as_bytes());
    assert_eq!(got.meta.status, 200);
    assert_eq!(got.meta.final_url, url);
    assert_eq!(got.meta.permanent_redirect, None);
    assert_eq!(got.meta.freshness, Some(Duration::from_secs(900)));
    assert_eq!(
        got.content_type.as_deref(),
        Some("application/rss+xml; charset=utf-8")
    );
    assert_eq!(got.meta.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        got.meta.validators.last_modified.as_deref(),
        Some("Fri, 21 Nov 2025 10:00:00 GMT")
    );

    let second = f
        .fetch_feed(&url, &got.meta.validators, false)
        .await
        .unwrap();
    let FetchOutcome::NotModified(meta) = second else {
        panic!("expected 304, got {second:?}");
    };
    assert_eq!(meta.status, 304);
    // Validators the server did not repeat are kept.
    assert_eq!(meta.validators, got.meta.validators);

    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    assert_eq!(reqs[0].header("if-none-match"), None);
    assert_eq!(reqs[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(
        reqs[1].header("if-modified-since"),
        Some("Fri, 21 Nov 2025 10:00:00 GMT")
    );
    let ua = reqs[0].header("user-agent").unwrap();
    assert!(
        ua.starts_with(&format!("attache/{}", env!("CARGO_PKG_VERSION"))),
        "{ua}"
    );
    assert!(
        reqs[0]
            .header("accept")
            .unwrap()
            .contains("application/rss+xml")
    );
    assert!(reqs[0].header("accept-encoding").unwrap().contains("gzip"));
    // Connection reuse: both requests went over one connection.
    assert_eq!(server.connection_count(), 1);
}

#[tokio::test]
async fn retry_after_seconds_and_http_date() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/429" => Reply::with(429, &[("Retry-After", "120")], "slow down, please"),
        "/503" => Reply::with(
            503,
            &[
                ("Date", "Fri, 21 Nov 2025 10:00:00 GMT"),
                ("Retry-After", "Fri, 21 Nov 2025 10:01:30 GMT"),
            ],
            "",
        ),
        "/429-bare" => Reply::status(429),
        _ => Reply::status(404),
    });
    let f = open();
    let v = Validators::default();
    let retry = |o: FetchOutcome| match o {
        FetchOutcome::RetryLater(r) => r,
        other => panic!("expected RetryLater, got {other:?}"),
    };
    let r = retry(f.fetch_feed(&server.url("/429"), &v, false).await.unwrap());
    assert_eq!(r.meta.status, 429);
    assert_eq!(r.retry_after, Some(Duration::from_secs(120)));
    let r = retry(f.fetch_feed(&server.url("/503"), &v, false).await.unwrap());
    assert_eq!(r.meta.status, 503);
    assert_eq!(r.retry_after, Some(Duration::from_secs(90)));
    let r = retry(
        f.fetch_feed(&server.url("/429-bare"), &v, false)
            .await
            .unwrap(),
    );
    assert_eq!(r.retry_after, None);
    assert_eq!(server.connection_count(), 1);

    let err = f
        .fetch_feed(&server.url("/missing"), &v, false)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Status { status: 404, .. }));
    assert_eq!(
        err.to_string(),
        format!("{}: HTTP status 404 Not Found", server.url("/missing"))
    );
}

#[tokio::test]
async fn redirect_chain_over_the_cap() {
    let server = TestServer::start(|req| {
        let n: u32 = req.path.trim_start_matches("/loop/").parse().unwrap_or(0);
        Reply::redirect(302, &format!("/loop/{}", n + 1))
    });
    let f = Fetcher::new(FetchConfig {
        max_redirects: 3,
        ..open_config()
    })
    .unwrap();
    let url = server.url("/loop/0");
    let err = f
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { limit: 3, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("{url}: too many redirects (more than 3)")
    );
    // The original request and three redirects were followed, no more.
    assert_eq!(server.paths(), ["/loop/0", "/loop/1", "/loop/2", "/loop/3"]);
}

#[tokio::test]
async fn permanent_redirects_are_reported() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/old" => Reply::redirect(301, "/older"),
        "/older" => Reply::redirect(308, "/feed"),
        "/a" => Reply::redirect(301, "/b"),
        "/b" => Reply::redirect(302, "/c"),
        "/c" => Reply::redirect(301, "/feed"),
        "/temp" => Reply::redirect(307, "/feed"),
        "/feed" => Reply::ok(FEED),
        _ => Reply::status(404),
    });
    let f = open();
    let v = Validators::default();
    let meta = |o: FetchOutcome| o.meta().clone();

    let m = meta(f.fetch_feed(&server.url("/old"), &v, false).await.unwrap());
    assert_eq!(m.status, 200);
    assert_eq!(m.url, server.url("/old"));
    assert_eq!(m.final_url, server.url("/feed"));
    assert_eq!(m.permanent_redirect, Some(server.url("/feed")));

    // A temporary hop ends the permanent chain: only /b is the new permanent address.
    let m = meta(f.fetch_feed(&server.url("/a"), &v, false).await.unwrap());
    assert_eq!(m.final_url, server.url("/feed"));
    assert_eq!(m.permanent_redirect, Some(server.url("/b")));

    let m = meta(f.fetch_feed(&server.url("/temp"), &v, false).await.unwrap());
    assert_eq!(m.final_url, server.url("/feed"));
    assert_eq!(m.permanent_redirect, None);
    // Every hop went over the one pooled connection.
    assert_eq!(server.connection_count(), 1);
}

#[tokio::test]
async fn body_over_the_cap() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/big" => Reply::ok(vec![b'a'; 200_000]),
        "/big-chunked" => Reply::Chunked(200, vec![], vec![b'a'; 200_000]),
        "/fits" => Reply::Chunked(200, vec![], vec![b'a'; 100_000]),
        _ => Reply::status(404),
    });
    let f = Fetcher::new(FetchConfig {
        max_body_bytes: 100_000,
        ..open_config()
    })
    .unwrap();
    let v = Validators::default();
    for path in ["/big", "/big-chunked"] {
        let url = server.url(path);
        let err = f.fetch_feed(&url, &v, false).await.unwrap_err();
        assert!(
            matches!(err, FetchError::TooLarge { limit: 100_000, .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            format!("{url}: body too large (over the 100000-byte limit)")
        );
    }
    let ok = f.fetch_feed(&server.url("/fits"), &v, false).await.unwrap();
    assert_eq!(ok.fetched().unwrap().body.len(), 100_000);
}

#[tokio::test]
async fn gzip_bodies_and_a_gzip_bomb() {
    let bomb = Arc::new(gzip(&vec![0u8; 64 * 1024 * 1024]));
    assert!(bomb.len() < 100_000, "bomb is {} bytes", bomb.len());
    let feed = Arc::new(gzip(FEED.as_bytes()));
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/bomb" => Reply::Full(
            200,
            vec![("Content-Encoding".into(), "gzip".into())],
            bomb.to_vec(),
        ),
        "/feed" => Reply::Full(
            200,
            vec![("Content-Encoding".into(), "gzip".into())],
            feed.to_vec(),
        ),
        _ => Reply::status(404),
    });
    let f = Fetcher::new(FetchConfig {
        max_decoded_bytes: 1024 * 1024,
        ..open_config()
    })
    .unwrap();
    let v = Validators::default();

    let got = f
        .fetch_feed(&server.url("/feed"), &v, false)
        .await
        .unwrap()
        .fetched()
        .unwrap();
    assert_eq!(got.body, FEED.as_bytes());
    assert!(got.wire_bytes < FEED.len() as u64 + 40);

    let started = Instant::now();
    let url = server.url("/bomb");
    let err = f.fetch_feed(&url, &v, false).await.unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::DecompressedTooLarge {
                limit: 1_048_576,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "{url}: decompressed body too large (over the 1048576-byte limit; compression bomb?)"
        )
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn private_addresses_are_refused_unless_allowed() {
    let server = TestServer::start(|_| Reply::ok(FEED));
    let guarded = Fetcher::new(FetchConfig {
        politeness_delay: Duration::ZERO,
        ..FetchConfig::default()
    })
    .unwrap();
    let v = Validators::default();

    // An IP-literal host is refused before any connection.
    let url = server.url("/feed");
    let err = guarded.fetch_feed(&url, &v, false).await.unwrap_err();
    match &err {
        FetchError::AddressRefused { addr, class, .. } => {
            assert_eq!(addr.to_string(), "127.0.0.1");
            assert_eq!(*class, "loopback");
        }
        other => panic!("expected AddressRefused, got {other}"),
    }
    assert_eq!(
        err.to_string(),
        format!(
            "{url}: refused by address guard: 127.0.0.1 is a loopback address \
             (allow private addresses to fetch it)"
        )
    );

    // A name is refused on its resolved addresses (inside the resolver).
    let named = server.localhost_url("/feed");
    let err = guarded.fetch_feed(&named, &v, false).await.unwrap_err();
    match &err {
        FetchError::AddressRefused { host, class, .. } => {
            assert_eq!(host, "localhost");
            assert_eq!(*class, "loopback");
            assert!(err.to_string().contains("localhost resolves to"), "{err}");
        }
        other => panic!("expected AddressRefused, got {other}"),
    }
    // Pages too.
    let err = guarded.fetch_page(&url, false).await.unwrap_err();
    assert!(matches!(err, FetchError::AddressRefused { .. }), "{err}");
    assert_eq!(server.connection_count(), 0, "nothing reached the server");

    // Allowed for one request, the same fetcher reaches it, by IP and by name.
    let ok = guarded.fetch_feed(&url, &v, true).await.unwrap();
    assert_eq!(ok.fetched().unwrap().body, FEED.as_bytes());
    let ok = guarded.fetch_feed(&named, &v, true).await.unwrap();
    assert_eq!(ok.meta().status, 200);
    // And a fetcher configured with allow_private reaches it without a per-request allow.
    let ok = open().fetch_feed(&url, &v, false).await.unwrap();
    assert_eq!(ok.meta().status, 200);
}

#[tokio::test]
async fn robots_txt_is_respected_for_pages_not_feeds() {
    let robots_hits = Arc::new(AtomicUsize::new(0));
    let hits = robots_hits.clone();
    let server = TestServer::start(move |req| match req.path.as_str() {
        "/robots.txt" => {
            hits.fetch_add(1, Ordering::SeqCst);
            Reply::ok(
                "User-agent: *\nDisallow: /private/\n\nUser-agent: attache\nDisallow: /no-attache/\n",
            )
        }
        _ => Reply::with(200, &[("Content-Type", "text/html")], "<html>ok</html>"),
    });
    let f = open();

    let err = f
        .fetch_page(&server.url("/no-attache/story.html"), false)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::RobotsDisallowed { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: disallowed by robots.txt",
            server.url("/no-attache/story.html")
        )
    );
    // Our group replaces `*`, so /private/ is allowed for attache.
    let ok = f
        .fetch_page(&server.url("/private/page.html"), false)
        .await
        .unwrap();
    assert_eq!(ok.fetched().unwrap().body, b"<html>ok</html>");
    let ok = f.fetch_page(&server.url("/news/1"), false).await.unwrap();
    assert_eq!(ok.meta().status, 200);
    // Feeds do not consult robots.txt.
    let ok = f
        .fetch_feed(
            &server.url("/no-attache/feed.xml"),
            &Validators::default(),
            false,
        )
        .await
        .unwrap();
    assert_eq!(ok.meta().status, 200);

    // robots.txt was fetched once and cached; the disallowed page was never requested.
    assert_eq!(robots_hits.load(Ordering::SeqCst), 1);
    let paths = server.paths();
    assert!(
        !paths.contains(&"/no-attache/story.html".to_string()),
        "{paths:?}"
    );
    assert_eq!(
        paths,
        [
            "/robots.txt",
            "/private/page.html",
            "/news/1",
            "/no-attache/feed.xml"
        ]
    );
}

#[tokio::test]
async fn robots_server_errors_disallow_and_missing_robots_allow() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/robots.txt" => Reply::status(500),
        _ => Reply::ok("page"),
    });
    let err = open()
        .fetch_page(&server.url("/a"), false)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("robots.txt unavailable"), "{err}");

    let server = TestServer::start(|req| match req.path.as_str() {
        "/robots.txt" => Reply::status(404),
        _ => Reply::ok("page"),
    });
    let ok = open().fetch_page(&server.url("/a"), false).await.unwrap();
    assert_eq!(ok.fetched().unwrap().body, b"page");

    let server = TestServer::start(|req| match req.path.as_str() {
        "/robots.txt" => Reply::with(429, &[("Retry-After", "30")], ""),
        _ => Reply::ok("page"),
    });
    match open().fetch_page(&server.url("/a"), false).await.unwrap() {
        FetchOutcome::RetryLater(r) => assert_eq!(r.retry_after, Some(Duration::from_secs(30))),
        other => panic!("expected RetryLater, got {other:?}"),
    }
}

#[tokio::test]
async fn timeouts_name_what_ran_out() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/hang" => Reply::Hang,
        "/drip" => Reply::Drip(Duration::from_millis(100)),
        _ => Reply::status(404),
    });
    let f = Fetcher::new(FetchConfig {
        read_timeout: Duration::from_millis(500),
        total_timeout: Duration::from_millis(1500),
        ..open_config()
    })
    .unwrap();
    let v = Validators::default();

    let started = Instant::now();
    let err = f
        .fetch_feed(&server.url("/hang"), &v, false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                kind: TimeoutKind::Read,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("read timeout"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));

    let err = f
        .fetch_feed(&server.url("/drip"), &v, false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                kind: TimeoutKind::Total,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("{}: timed out (total timeout of 1.5s)", server.url("/drip"))
    );
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    // Bind then drop a listener to get a port with nothing behind it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/feed");
    let err = open()
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Connect { .. }), "{err}");
    assert!(
        err.to_string()
            .starts_with(&format!("{url}: connection failed"))
    );
    assert!(err.is_transient());
}

#[tokio::test]
async fn politeness_delay_spaces_requests_to_one_host() {
    let server = TestServer::start(|_| Reply::ok("x"));
    let f = Fetcher::new(FetchConfig {
        politeness_delay: Duration::from_millis(300),
        ..open_config()
    })
    .unwrap();
    let started = Instant::now();
    let reqs = (0..3)
        .map(|i| FetchRequest::feed(server.url(&format!("/{i}"))))
        .collect();
    let results = f.fetch_many(reqs).await;
    assert!(results.iter().all(|r| r.is_ok()));
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn blocking_wrapper_fetches_many_and_one_failure_does_not_stop_the_others() {
    let server = TestServer::start(|req| match req.path.as_str() {
        "/broken" => Reply::status(500),
        "/page" => Reply::ok("<html/>"),
        _ => Reply::with(200, &[("ETag", "\"e\"")], FEED),
    });
    let f = BlockingFetcher::new(open_config()).unwrap();
    let got = f
        .fetch_feed(&server.url("/feed"), &Validators::default(), false)
        .unwrap();
    assert_eq!(got.meta().validators.etag.as_deref(), Some("\"e\""));
    let page = f.fetch_page(&server.url("/page"), false).unwrap();
    assert_eq!(page.fetched().unwrap().body, b"<html/>");

    let results = f.fetch_many(vec![
        FetchRequest::feed(server.url("/a")),
        FetchRequest::feed(server.url("/broken")),
        FetchRequest::feed("not a url"),
        FetchRequest::feed(server.url("/b")),
    ]);
    assert_eq!(results.len(), 4);
    assert!(results[0].is_ok());
    assert!(matches!(
        results[1],
        Err(FetchError::Status { status: 500, .. })
    ));
    assert!(matches!(results[2], Err(FetchError::InvalidUrl { .. })));
    assert!(results[3].is_ok());
}

#[tokio::test]
async fn blocking_wrapper_refuses_inside_a_runtime() {
    let f = tokio::task::spawn_blocking(|| BlockingFetcher::new(open_config()).unwrap())
        .await
        .unwrap();
    let err = f
        .fetch_feed("http://127.0.0.1:1/", &Validators::default(), false)
        .unwrap_err();
    assert!(matches!(err, FetchError::Runtime(_)), "{err}");
    // Dropping a runtime inside an async context is not allowed; drop it on a blocking thread.
    tokio::task::spawn_blocking(move || drop(f)).await.unwrap();
}

#[tokio::test]
async fn unresolvable_names_are_dns_errors() {
    let f = Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_secs(5),
        ..FetchConfig::default()
    })
    .unwrap();
    let url = "http://no-such-host.invalid/feed.xml";
    let err = f
        .fetch_feed(url, &Validators::default(), false)
        .await
        .unwrap_err();
    // Without a resolver at all the lookup may instead run into the connect timeout.
    assert!(
        matches!(
            err,
            FetchError::Dns { .. }
                | FetchError::Timeout {
                    kind: TimeoutKind::Connect,
                    ..
                }
        ),
        "{err}"
    );
    assert!(err.to_string().starts_with(url), "{err}");
}

#[tokio::test]
async fn tls_failures_are_tls_errors() {
    // A plain-HTTP server answering a TLS handshake.
    let server = TestServer::start(|_| Reply::ok("plain"));
    let url = format!("https://{}/feed", server.addr);
    let err = open()
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Tls { .. }), "{err}");
    assert!(
        err.to_string().starts_with(&format!("{url}: TLS error")),
        "{err}"
    );
}

#[tokio::test]
async fn truncated_downloads_are_errors() {
    let server = TestServer::start(|_| Reply::Truncated(b"<rss><channel>".to_vec(), 5000));
    let url = server.url("/feed");
    let err = open()
        .fetch_feed(&url, &Validators::default(), false)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Truncated {
                received: 14,
                expected: Some(5000),
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        format!("{url}: body truncated: the connection ended after 14 bytes of 5000")
    );
}
