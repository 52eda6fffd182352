//! Typed fetch errors. Every message is one line that names the URL and the problem.

use std::net::IpAddr;
use std::time::Duration;

/// Which time limit ran out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    /// Establishing the TCP (and TLS) connection.
    Connect,
    /// Waiting for the next bytes from the server (headers or body).
    Read,
    /// The whole request, from sending it to the end of the body.
    Total,
}

impl TimeoutKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "connect",
            TimeoutKind::Read => "read",
            TimeoutKind::Total => "total",
        }
    }
}

impl std::fmt::Display for TimeoutKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn host_is(host: &str, addr: &IpAddr) -> String {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_ok_and(|h| h == *addr) {
        format!("{addr} is")
    } else {
        format!("{host} resolves to {addr},")
    }
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: invalid URL: {reason}")]
    InvalidUrl { url: String, reason: String },

    #[error("{url}: unsupported URL scheme `{scheme}` (only http and https)")]
    UnsupportedScheme { url: String, scheme: String },

    #[error(
        "{url}: refused by address guard: {} a {class} address (allow private addresses to fetch it)",
        host_is(host, addr)
    )]
    AddressRefused {
        url: String,
        host: String,
        addr: IpAddr,
        class: &'static str,
    },

    #[error("{url}: DNS lookup of {host} failed: {detail}")]
    Dns {
        url: String,
        host: String,
        detail: String,
    },

    #[error("{url}: connection failed: {detail}")]
    Connect { url: String, detail: String },

    #[error("{url}: TLS error: {detail}")]
    Tls { url: String, detail: String },

    #[error("{url}: timed out ({kind} timeout of {}s)", limit.as_secs_f64())]
    Timeout {
        url: String,
        kind: TimeoutKind,
        limit: Duration,
    },

    #[error("{url}: body too large (over the {limit}-byte limit)")]
    TooLarge { url: String, limit: u64 },

    #[error("{url}: decompressed body too large (over the {limit}-byte limit; compression bomb?)")]
    DecompressedTooLarge { url: String, limit: u64 },

    #[error("{url}: body truncated: the connection ended after {received} bytes{}", expected.map(|e| format!(" of {e}")).unwrap_or_default())]
    Truncated {
        url: String,
        received: u64,
        expected: Option<u64>,
    },

    #[error("{url}: too many redirects (more than {limit})")]
    TooManyRedirects { url: String, limit: usize },

    #[error("{url}: bad redirect: {reason}")]
    BadRedirect { url: String, reason: String },

    #[error("{url}: HTTP status {status}{}", reason.map(|r| format!(" {r}")).unwrap_or_default())]
    Status {
        url: String,
        status: u16,
        reason: Option<&'static str>,
    },

    #[error("{url}: disallowed by robots.txt{}", detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default())]
    RobotsDisallowed { url: String, detail: Option<String> },

    #[error("{url}: cannot decode `{encoding}` body: {detail}")]
    Decode {
        url: String,
        encoding: String,
        detail: String,
    },

    #[error("{url}: HTTP error: {detail}")]
    Http { url: String, detail: String },

    #[error("cannot build the HTTP client: {0}")]
    Client(String),

    #[error("blocking fetcher: {0}")]
    Runtime(String),
}

impl FetchError {
    /// The URL the error is about, when there is one.
    pub fn url(&self) -> Option<&str> {
        match self {
            FetchError::InvalidUrl { url, .. }
            | FetchError::UnsupportedScheme { url, .. }
            | FetchError::AddressRefused { url, .. }
            | FetchError::Dns { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::Tls { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::DecompressedTooLarge { url, .. }
            | FetchError::Truncated { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::BadRedirect { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::RobotsDisallowed { url, .. }
            | FetchError::Decode { url, .. }
            | FetchError::Http { url, .. } => Some(url),
            FetchError::Client(_) | FetchError::Runtime(_) => None,
        }
    }

    /// A short stable code for the kind of error (for logs, the store and the CLI).
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "invalid_url",
            FetchError::UnsupportedScheme { .. } => "unsupported_scheme",
            FetchError::AddressRefused { .. } => "address_refused",
            FetchError::Dns { .. } => "dns",
            FetchError::Connect { .. } => "connect",
            FetchError::Tls { .. } => "tls",
            FetchError::Timeout { .. } => "timeout",
            FetchError::TooLarge { .. } => "too_large",
            FetchError::DecompressedTooLarge { .. } => "decompressed_too_large",
            FetchError::Truncated { .. } => "truncated",
            FetchError::TooManyRedirects { .. } => "too_many_redirects",
            FetchError::BadRedirect { .. } => "bad_redirect",
            FetchError::Status { .. } => "http_status",
            FetchError::RobotsDisallowed { .. } => "robots_disallowed",
            FetchError::Decode { .. } => "decode",
            FetchError::Http { .. } => "http",
            FetchError::Client(_) => "client",
            FetchError::Runtime(_) => "runtime",
        }
    }

    /// Whether trying again later may succeed (network trouble, timeouts, 5xx) as opposed to a
    /// problem that will not go away by itself (refused address, bad URL, 404, robots).
    pub fn is_transient(&self) -> bool {
        match self {
            FetchError::Dns { .. }
            | FetchError::Connect { .. }
            | FetchError::Timeout { .. }
            | FetchError::Truncated { .. }
            | FetchError::Http { .. } => true,
            FetchError::Status { status, .. } => *status >= 500 || *status == 408,
            _ => false,
        }
    }
}
