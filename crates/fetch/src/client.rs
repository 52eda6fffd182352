//! The async fetcher: one reqwest client per guard setting (connection pools are reused across
//! requests), manual redirect handling so that every hop is checked and counted, conditional
//! GET, capped bodies, per-host politeness and robots.txt for pages.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{StatusCode, Url};
use tokio::sync::{Mutex as AsyncMutex, Semaphore};
use tokio::time::Instant;

use crate::body;
use crate::error::{FetchError, TimeoutKind};
use crate::guard::{self, GuardedResolver, LookupFailed, Refused};
use crate::headers::{parse_freshness, parse_retry_after};
use crate::hosts::HostGates;
use crate::robots::Robots;

/// The product token robots.txt groups are matched against.
pub const ROBOTS_PRODUCT: &str = "attache";

/// The default User-Agent: `attache/<version> (+<repository>)`.
pub fn default_user_agent() -> String {
    format!(
        "attache/{} (+{})",
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// Limits and manners of a [`Fetcher`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchConfig {
    pub user_agent: String,
    /// Time to establish a connection, TLS included (default 10 s).
    pub connect_timeout: Duration,
    /// Longest wait for the next bytes from the server (default 30 s).
    pub read_timeout: Duration,
    /// Longest time for one request from sending it to the end of its body (default 60 s);
    /// each redirect hop gets its own.
    pub total_timeout: Duration,
    /// Redirects followed before giving up (default 5).
    pub max_redirects: usize,
    /// Largest body accepted as received on the wire (default 16 MiB).
    pub max_body_bytes: u64,
    /// Largest body accepted after undoing gzip/deflate/brotli (default 32 MiB).
    pub max_decoded_bytes: u64,
    /// Requests in flight to one host at once (default 2).
    pub per_host_concurrency: usize,
    /// Minimum time between the starts of two requests to one host (default 1 s).
    pub politeness_delay: Duration,
    /// Largest robots.txt `Crawl-delay` honoured for page fetches (default 30 s).
    pub max_crawl_delay: Duration,
    /// How long a robots.txt is reused before it is fetched again (default 24 h).
    pub robots_ttl: Duration,
    /// Requests in flight at once in [`Fetcher::fetch_many`] (default 16).
    pub max_concurrent: usize,
    /// Allow private, loopback, link-local… targets for every request (default false; a
    /// request can also allow them for itself with [`FetchRequest::allow_private`]).
    pub allow_private: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            user_agent: default_user_agent(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_body_bytes: 16 * 1024 * 1024,
            max_decoded_bytes: 32 * 1024 * 1024,
            per_host_concurrency: 2,
            politeness_delay: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            robots_ttl: Duration::from_secs(24 * 3600),
            max_concurrent: 16,
            allow_private: false,
        }
    }
}

/// Cache validators of a stored response, sent back as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn new(etag: Option<String>, last_modified: Option<String>) -> Self {
        Validators {
            etag,
            last_modified,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// What is being fetched; decides the `Accept` header and whether robots.txt is consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A feed the user subscribed to: robots.txt is not consulted (the publisher offers it
    /// for automated reading).
    Feed,
    /// An article page: robots.txt of its host must allow it.
    Page,
    /// robots.txt itself (internal).
    Robots,
}

/// One fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchRequest {
    pub url: String,
    pub target: Target,
    pub validators: Validators,
    /// Allow private/loopback/link-local targets for this request.
    pub allow_private: bool,
}

impl FetchRequest {
    /// A feed fetch (conditional when validators are added).
    pub fn feed(url: impl Into<String>) -> Self {
        FetchRequest {
            url: url.into(),
            target: Target::Feed,
            validators: Validators::default(),
            allow_private: false,
        }
    }

    /// An article page fetch (robots.txt applies).
    pub fn page(url: impl Into<String>) -> Self {
        FetchRequest {
            url: url.into(),
            target: Target::Page,
            validators: Validators::default(),
            allow_private: false,
        }
    }

    pub fn with_validators(mut self, validators: Validators) -> Self {
        self.validators = validators;
        self
    }

    pub fn allow_private(mut self, allow: bool) -> Self {
        self.allow_private = allow;
        self
    }
}

/// What every outcome tells about the exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMeta {
    /// The URL asked for.
    pub url: String,
    /// The URL that answered, after redirects.
    pub final_url: String,
    /// Where an unbroken chain of permanent redirects (301/308) from `url` leads: the caller
    /// should store this as the feed's new URL.
    pub permanent_redirect: Option<String>,
    pub status: u16,
    /// Validators to store for the next conditional GET (on 304 the ones sent are kept
    /// when the server does not repeat them).
    pub validators: Validators,
    /// Freshness the server announced (`Cache-Control: max-age`, else `Expires`).
    pub freshness: Option<Duration>,
}

/// A 2xx response with its decoded body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub meta: ResponseMeta,
    /// The `Content-Type` header as sent (charset included), for the parser's encoding logic.
    pub content_type: Option<String>,
    /// The `Content-Language` header, when sent (the feed parser's default language).
    pub content_language: Option<String>,
    /// The body with content codings undone.
    pub body: Vec<u8>,
    /// Bytes received on the wire.
    pub wire_bytes: u64,
}

/// The server asked us to come back later (429 Too Many Requests or 503 Service Unavailable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryLater {
    pub meta: ResponseMeta,
    /// The wait from `Retry-After` (seconds or HTTP-date), if the server sent a valid one.
    pub retry_after: Option<Duration>,
}

/// How a fetch ended when it did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchOutcome {
    /// 2xx with a body.
    Fetched(Fetched),
    /// 304: what we have is current.
    NotModified(ResponseMeta),
    /// 429/503: wait, then try again.
    RetryLater(RetryLater),
}

impl FetchOutcome {
    pub fn meta(&self) -> &ResponseMeta {
        match self {
            FetchOutcome::Fetched(f) => &f.meta,
            FetchOutcome::NotModified(m) => m,
            FetchOutcome::RetryLater(r) => &r.meta,
        }
    }

    /// The fetched response, if this outcome is one.
    pub fn fetched(self) -> Option<Fetched> {
        match self {
            FetchOutcome::Fetched(f) => Some(f),
            _ => None,
        }
    }
}

struct RobotsEntry {
    robots: Arc<Robots>,
    expires: Instant,
}

enum RobotsVerdict {
    Allowed(Option<Duration>),
    Disallowed(Option<String>),
    RetryLater(RetryLater),
}

struct Inner {
    config: FetchConfig,
    guarded: reqwest::Client,
    open: reqwest::Client,
    gates: HostGates,
    robots: Mutex<HashMap<String, Arc<AsyncMutex<Option<RobotsEntry>>>>>,
}

/// The async HTTP fetcher. Cheap to clone; clones share connection pools, host gates and the
/// robots.txt cache. Use it from a Tokio runtime (see [`crate::BlockingFetcher`] otherwise).
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

fn build_client(config: &FetchConfig, allow_private: bool) -> Result<reqwest::Client, FetchError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| FetchError::Client(format!("TLS setup: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    let ua = HeaderValue::from_str(&config.user_agent)
        .map_err(|_| FetchError::Client(format!("invalid User-Agent {:?}", config.user_agent)))?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .dns_resolver(GuardedResolver::new(allow_private))
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .user_agent(ua)
        .connect_timeout(config.connect_timeout)
        .read_timeout(config.read_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .pool_max_idle_per_host(config.per_host_concurrency.max(1))
        .build()
        .map_err(|e| FetchError::Client(error_chain(&e)))
}

impl Fetcher {
    /// Builds a fetcher. Fails only on an invalid configuration (e.g. a User-Agent with
    /// control characters).
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let guarded = build_client(&config, false)?;
        let open = build_client(&config, true)?;
        let gates = HostGates::new(config.per_host_concurrency, config.politeness_delay);
        Ok(Fetcher {
            inner: Arc::new(Inner {
                config,
                guarded,
                open,
                gates,
                robots: Mutex::new(HashMap::new()),
            }),
        })
    }

    pub fn config(&self) -> &FetchConfig {
        &self.inner.config
    }

    /// Fetches a feed, conditionally when `validators` are given.
    pub async fn fetch_feed(
        &self,
        url: &str,
        validators: &Validators,
        allow_private: bool,
    ) -> Result<FetchOutcome, FetchError> {
        let req = FetchRequest::feed(url)
            .with_validators(validators.clone())
            .allow_private(allow_private);
        self.fetch(&req).await
    }

    /// Fetches an article page, if the host's robots.txt allows it.
    pub async fn fetch_page(
        &self,
        url: &str,
        allow_private: bool,
    ) -> Result<FetchOutcome, FetchError> {
        let req = FetchRequest::page(url).allow_private(allow_private);
        self.fetch(&req).await
    }

    /// Runs many fetches concurrently (at most [`FetchConfig::max_concurrent`] at once, and
    /// per-host limits still apply); results come back in the order of `requests`.
    pub async fn fetch_many(
        &self,
        requests: Vec<FetchRequest>,
    ) -> Vec<Result<FetchOutcome, FetchError>> {
        let slots = Arc::new(Semaphore::new(self.inner.config.max_concurrent.max(1)));
        let mut set = tokio::task::JoinSet::new();
        let n = requests.len();
        for (i, req) in requests.into_iter().enumerate() {
            let this = self.clone();
            let slots = slots.clone();
            set.spawn(async move {
                let _slot = slots.acquire_owned().await.ok();
                (i, this.fetch(&req).await)
            });
        }
        let mut out: Vec<Option<Result<FetchOutcome, FetchError>>> = (0..n).map(|_| None).collect();
        while let Some(joined) = set.join_next().await {
            if let Ok((i, r)) = joined
                && let Some(slot) = out.get_mut(i)
            {
                *slot = Some(r);
            }
        }
        out.into_iter()
            .map(|r| {
                r.unwrap_or_else(|| Err(FetchError::Runtime("a fetch task failed".to_string())))
            })
            .collect()
    }

    /// Fetches one request, following redirects.
    pub async fn fetch(&self, req: &FetchRequest) -> Result<FetchOutcome, FetchError> {
        let cfg = &self.inner.config;
        let allow = req.allow_private || cfg.allow_private;
        let start = parse_url(&req.url)?;
        let mut url = start.clone();
        let mut permanent: Option<Url> = None;
        let mut chain_is_permanent = true;
        let mut hops = 0usize;
        loop {
            check_target(&url, allow)?;
            let mut crawl_delay = None;
            if req.target == Target::Page {
                match self.robots_verdict(&url, allow).await? {
                    RobotsVerdict::Allowed(delay) => crawl_delay = delay,
                    RobotsVerdict::Disallowed(detail) => {
                        return Err(FetchError::RobotsDisallowed {
                            url: url.to_string(),
                            detail,
                        });
                    }
                    RobotsVerdict::RetryLater(r) => return Ok(FetchOutcome::RetryLater(r)),
                }
            }
            let host = host_key(&url);
            let permit = self.inner.gates.acquire(&host, crawl_delay).await;
            let exchange = self.exchange(&url, req, allow).await;
            drop(permit);
            let Exchange {
                status,
                headers,
                wire,
            } = exchange?;

            if is_redirect(status) {
                hops += 1;
                if hops > cfg.max_redirects {
                    return Err(FetchError::TooManyRedirects {
                        url: req.url.clone(),
                        limit: cfg.max_redirects,
                    });
                }
                let next = redirect_target(&url, &headers)?;
                if matches!(status.as_u16(), 301 | 308) {
                    if chain_is_permanent {
                        permanent = Some(next.clone());
                    }
                } else {
                    chain_is_permanent = false;
                }
                tracing::debug!(from = %url, to = %next, status = status.as_u16(), "redirect");
                url = next;
                continue;
            }

            let now = SystemTime::now();
            let date = header_str(&headers, header::DATE);
            let mut validators = Validators {
                etag: header_str(&headers, header::ETAG),
                last_modified: header_str(&headers, header::LAST_MODIFIED),
            };
            if status == StatusCode::NOT_MODIFIED {
                if validators.etag.is_none() {
                    validators.etag = req.validators.etag.clone();
                }
                if validators.last_modified.is_none() {
                    validators.last_modified = req.validators.last_modified.clone();
                }
            }
            let meta = ResponseMeta {
                url: req.url.clone(),
                final_url: url.to_string(),
                permanent_redirect: permanent.as_ref().map(Url::to_string),
                status: status.as_u16(),
                validators,
                freshness: parse_freshness(
                    header_str(&headers, header::CACHE_CONTROL).as_deref(),
                    header_str(&headers, header::EXPIRES).as_deref(),
                    date.as_deref(),
                    now,
                ),
            };
            return match status.as_u16() {
                304 => Ok(FetchOutcome::NotModified(meta)),
                429 | 503 => {
                    let retry_after = header_str(&headers, header::RETRY_AFTER)
                        .and_then(|v| parse_retry_after(&v, now, date.as_deref()));
                    Ok(FetchOutcome::RetryLater(RetryLater { meta, retry_after }))
                }
                200..=299 => {
                    let wire = wire.unwrap_or_default();
                    let wire_bytes = wire.len() as u64;
                    let body = body::decode(
                        meta.final_url.as_str(),
                        header_str(&headers, header::CONTENT_ENCODING).as_deref(),
                        wire,
                        cfg.max_decoded_bytes,
                    )?;
                    Ok(FetchOutcome::Fetched(Fetched {
                        content_type: header_str(&headers, header::CONTENT_TYPE),
                        content_language: header_str(&headers, header::CONTENT_LANGUAGE),
                        meta,
                        body,
                        wire_bytes,
                    }))
                }
                code => Err(FetchError::Status {
                    url: url.to_string(),
                    status: code,
                    reason: status.canonical_reason(),
                }),
            };
        }
    }

    /// Sends one request and, for 2xx, reads the body within the size cap, all within the
    /// total timeout.
    async fn exchange(
        &self,
        url: &Url,
        req: &FetchRequest,
        allow: bool,
    ) -> Result<Exchange, FetchError> {
        let cfg = &self.inner.config;
        let client = if allow {
            &self.inner.open
        } else {
            &self.inner.guarded
        };
        let mut builder = client
            .get(url.clone())
            .header(header::ACCEPT, accept_for(req.target))
            .header(header::ACCEPT_ENCODING, body::ACCEPT_ENCODING);
        if req.target != Target::Robots {
            if let Some(etag) = req.validators.etag.as_deref().and_then(header_value) {
                builder = builder.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(lm) = req
                .validators
                .last_modified
                .as_deref()
                .and_then(header_value)
            {
                builder = builder.header(header::IF_MODIFIED_SINCE, lm);
            }
        }
        let work = async {
            let mut resp = builder
                .send()
                .await
                .map_err(|e| map_reqwest(url, &e, cfg))?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let wire = if status.is_success() {
                if let Some(len) = resp.content_length()
                    && len > cfg.max_body_bytes
                {
                    return Err(FetchError::TooLarge {
                        url: url.to_string(),
                        limit: cfg.max_body_bytes,
                    });
                }
                let cap = cfg.max_body_bytes;
                let hint = resp.content_length().unwrap_or(0).min(1 << 20);
                let mut buf = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
                let expected = resp.content_length();
                let truncated = |e: reqwest::Error, received: usize| {
                    // Any failure mid-body other than a timeout means the connection ended
                    // early (closed, reset, or shorter than announced).
                    if !e.is_timeout() {
                        FetchError::Truncated {
                            url: url.to_string(),
                            received: received as u64,
                            expected,
                        }
                    } else {
                        map_reqwest(url, &e, cfg)
                    }
                };
                while let Some(chunk) = resp.chunk().await.map_err(|e| truncated(e, buf.len()))? {
                    if buf.len() as u64 + chunk.len() as u64 > cap {
                        return Err(FetchError::TooLarge {
                            url: url.to_string(),
                            limit: cap,
                        });
                    }
                    buf.extend_from_slice(&chunk);
                }
                Some(buf)
            } else {
                // Drain a small body (redirects, 304, errors) so the connection can go back
                // to the pool; best effort, bounded in size and time.
                let _ = tokio::time::timeout(Duration::from_secs(2), async {
                    let mut seen = 0usize;
                    while let Ok(Some(chunk)) = resp.chunk().await {
                        seen += chunk.len();
                        if seen > 64 * 1024 {
                            break;
                        }
                    }
                })
                .await;
                None
            };
            Ok(Exchange {
                status,
                headers,
                wire,
            })
        };
        match tokio::time::timeout(cfg.total_timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(FetchError::Timeout {
                url: url.to_string(),
                kind: TimeoutKind::Total,
                limit: cfg.total_timeout,
            }),
        }
    }

    /// Whether robots.txt of `url`'s origin allows fetching it (cached per origin).
    async fn robots_verdict(&self, url: &Url, allow: bool) -> Result<RobotsVerdict, FetchError> {
        let origin = origin_key(url);
        let entry = {
            let mut map = self.inner.robots.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(origin).or_default().clone()
        };
        // Holding the entry's lock while fetching makes concurrent pages of one host share a
        // single robots.txt request.
        let mut slot = entry.lock().await;
        let robots = match slot.as_ref() {
            Some(e) if e.expires > Instant::now() => e.robots.clone(),
            _ => {
                let robots_url = url
                    .join("/robots.txt")
                    .map_err(|e| FetchError::InvalidUrl {
                        url: url.to_string(),
                        reason: e.to_string(),
                    })?;
                let (robots, ttl) = match self.fetch_robots(&robots_url, allow).await? {
                    Ok(found) => found,
                    Err(retry) => return Ok(RobotsVerdict::RetryLater(retry)),
                };
                let robots = Arc::new(robots);
                *slot = Some(RobotsEntry {
                    robots: robots.clone(),
                    expires: Instant::now() + ttl,
                });
                robots
            }
        };
        drop(slot);
        let path = match url.query() {
            Some(q) => format!("{}?{}", url.path(), q),
            None => url.path().to_string(),
        };
        if robots.allowed(&path) {
            let delay = robots
                .crawl_delay()
                .map(|d| d.min(self.inner.config.max_crawl_delay));
            Ok(RobotsVerdict::Allowed(delay))
        } else if robots.is_disallow_all() {
            Ok(RobotsVerdict::Disallowed(Some(
                "robots.txt unavailable with a server error".to_string(),
            )))
        } else {
            Ok(RobotsVerdict::Disallowed(None))
        }
    }

    /// Fetches and parses robots.txt. 4xx means no rules; 5xx means disallow everything for a
    /// while (RFC 9309); 429/503 ask the page fetch to come back later.
    async fn fetch_robots(
        &self,
        robots_url: &Url,
        allow: bool,
    ) -> Result<Result<(Robots, Duration), RetryLater>, FetchError> {
        const SERVER_ERROR_TTL: Duration = Duration::from_secs(600);
        let ttl = self.inner.config.robots_ttl;
        let req = FetchRequest {
            url: robots_url.to_string(),
            target: Target::Robots,
            validators: Validators::default(),
            allow_private: allow,
        };
        match Box::pin(self.fetch(&req)).await {
            Ok(FetchOutcome::Fetched(f)) => Ok(Ok((Robots::parse(&f.body, ROBOTS_PRODUCT), ttl))),
            Ok(FetchOutcome::NotModified(_)) => Ok(Ok((Robots::allow_all(), ttl))),
            Ok(FetchOutcome::RetryLater(r)) => Ok(Err(r)),
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                Ok(Ok((Robots::allow_all(), ttl)))
            }
            Err(FetchError::Status { status, .. }) if status >= 500 => {
                Ok(Ok((Robots::disallow_all(), SERVER_ERROR_TTL.min(ttl))))
            }
            // A robots.txt too large to download is treated as absent rather than blocking.
            Err(FetchError::TooLarge { .. } | FetchError::DecompressedTooLarge { .. }) => {
                Ok(Ok((Robots::allow_all(), ttl)))
            }
            Err(e) => Err(e),
        }
    }
}

struct Exchange {
    status: StatusCode,
    headers: HeaderMap,
    wire: Option<Vec<u8>>,
}

fn accept_for(target: Target) -> &'static str {
    match target {
        Target::Feed => {
            "application/rss+xml, application/atom+xml, application/feed+json, \
             application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, \
             application/json;q=0.8, */*;q=0.5"
        }
        Target::Page => "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
        Target::Robots => "text/plain, */*;q=0.5",
    }
}

fn header_value(v: &str) -> Option<HeaderValue> {
    match HeaderValue::from_str(v.trim()) {
        Ok(h) => Some(h),
        Err(_) => {
            tracing::debug!(value = v, "validator is not a valid header value; not sent");
            None
        }
    }
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn is_redirect(status: StatusCode) -> bool {
    matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308)
}

fn redirect_target(from: &Url, headers: &HeaderMap) -> Result<Url, FetchError> {
    let bad = |reason: String| FetchError::BadRedirect {
        url: from.to_string(),
        reason,
    };
    let loc = headers
        .get(header::LOCATION)
        .ok_or_else(|| bad("no Location header".to_string()))?;
    let loc = String::from_utf8_lossy(loc.as_bytes());
    let next = from
        .join(loc.trim())
        .map_err(|e| bad(format!("invalid Location {:?}: {e}", loc)))?;
    match next.scheme() {
        "http" | "https" => Ok(next),
        other => Err(bad(format!("Location uses scheme `{other}`"))),
    }
}

fn parse_url(raw: &str) -> Result<Url, FetchError> {
    let url = Url::parse(raw.trim()).map_err(|e| FetchError::InvalidUrl {
        url: raw.to_string(),
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(FetchError::UnsupportedScheme {
                url: raw.to_string(),
                scheme: other.to_string(),
            });
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::InvalidUrl {
            url: raw.to_string(),
            reason: "no host".to_string(),
        });
    }
    Ok(url)
}

/// The literal IP of a URL's host, when it is one (such hosts never reach the resolver).
fn literal_ip(url: &Url) -> Option<IpAddr> {
    let host = url.host_str()?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    host.parse().ok()
}

fn check_target(url: &Url, allow: bool) -> Result<(), FetchError> {
    if let Some(ip) = literal_ip(url)
        && let Err(class) = guard::check_ip(ip, allow)
    {
        return Err(FetchError::AddressRefused {
            url: url.to_string(),
            host: url.host_str().unwrap_or_default().to_string(),
            addr: ip,
            class,
        });
    }
    Ok(())
}

fn host_key(url: &Url) -> String {
    url.host_str().unwrap_or_default().to_ascii_lowercase()
}

fn origin_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        host_key(url),
        url.port_or_known_default().unwrap_or(0)
    )
}

/// The next error in a chain. `io::Error::source` skips the error it wraps (it returns that
/// error's source), so wrapped I/O errors are entered through `get_ref` instead.
fn next_cause<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a (dyn std::error::Error + 'static)> {
    if let Some(io) = e.downcast_ref::<std::io::Error>()
        && let Some(inner) = io.get_ref()
    {
        return Some(inner);
    }
    e.source()
}

/// The messages of an error's sources, outermost first, without repeats.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = next_cause(e);
    while let Some(s) = cur {
        let msg = s.to_string();
        if !msg.is_empty() && !parts.iter().any(|p| p.contains(&msg)) {
            parts.push(msg);
        }
        cur = next_cause(s);
    }
    if parts.is_empty() {
        e.to_string()
    } else {
        parts.join(": ")
    }
}

/// Turns a reqwest error into a typed one, finding our resolver's and rustls's errors in the
/// source chain.
fn map_reqwest(url: &Url, e: &reqwest::Error, cfg: &FetchConfig) -> FetchError {
    let u = url.to_string();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = cur {
        if let Some(r) = s.downcast_ref::<Refused>() {
            return FetchError::AddressRefused {
                url: u,
                host: r.host.clone(),
                addr: r.addr,
                class: r.class,
            };
        }
        if let Some(l) = s.downcast_ref::<LookupFailed>() {
            return FetchError::Dns {
                url: u,
                host: l.host.clone(),
                detail: l.detail.clone(),
            };
        }
        if let Some(t) = s.downcast_ref::<rustls::Error>() {
            return FetchError::Tls {
                url: u,
                detail: t.to_string(),
            };
        }
        cur = next_cause(s);
    }
    if e.is_timeout() {
        let (kind, limit) = if e.is_connect() {
            (TimeoutKind::Connect, cfg.connect_timeout)
        } else {
            (TimeoutKind::Read, cfg.read_timeout)
        };
        return FetchError::Timeout {
            url: u,
            kind,
            limit,
        };
    }
    if e.is_connect() {
        return FetchError::Connect {
            url: u,
            detail: error_chain(e),
        };
    }
    FetchError::Http {
        url: u,
        detail: error_chain(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_attache_and_version() {
        let ua = default_user_agent();
        assert!(ua.starts_with(&format!("attache/{} ", env!("CARGO_PKG_VERSION"))));
        assert!(HeaderValue::from_str(&ua).is_ok());
    }

    #[test]
    fn urls_are_checked_before_any_request() {
        assert!(matches!(
            parse_url("not a url"),
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            parse_url("ftp://example.org/feed"),
            Err(FetchError::UnsupportedScheme { .. })
        ));
        assert!(matches!(
            parse_url("file:///etc/passwd"),
            Err(FetchError::UnsupportedScheme { .. })
        ));
        assert!(parse_url(" https://example.org/feed ").is_ok());
    }

    #[test]
    fn literal_addresses_are_guarded() {
        for u in [
            "http://127.0.0.1/",
            "http://[::1]:8080/",
            "http://[::ffff:10.0.0.1]/",
            "http://169.254.169.254/latest/meta-data",
            "http://0x7f.1/",
            "http://2130706433/",
            "http://0/",
        ] {
            let url = parse_url(u).unwrap();
            let err = check_target(&url, false).unwrap_err();
            assert!(
                matches!(err, FetchError::AddressRefused { .. }),
                "{u}: {err}"
            );
            assert!(check_target(&url, true).is_ok());
        }
        assert!(check_target(&parse_url("http://8.8.8.8/").unwrap(), false).is_ok());
        assert!(check_target(&parse_url("http://example.org/").unwrap(), false).is_ok());
    }

    #[test]
    fn redirect_targets() {
        let from = Url::parse("http://a.example/x/y").unwrap();
        let mut h = HeaderMap::new();
        h.insert(header::LOCATION, HeaderValue::from_static("../z?q=1"));
        assert_eq!(
            redirect_target(&from, &h).unwrap().as_str(),
            "http://a.example/z?q=1"
        );
        h.insert(
            header::LOCATION,
            HeaderValue::from_static("javascript:alert(1)"),
        );
        assert!(matches!(
            redirect_target(&from, &h),
            Err(FetchError::BadRedirect { .. })
        ));
        assert!(matches!(
            redirect_target(&from, &HeaderMap::new()),
            Err(FetchError::BadRedirect { .. })
        ));
    }
}
