//! HTTP fetching for attache: the only stage besides store and server that does I/O.
//!
//! - [`Fetcher`] (async, Tokio) and [`BlockingFetcher`] (owns a current-thread runtime, for
//!   the CLI) fetch feeds and article pages over HTTP/1.1 with rustls (ring provider, Mozilla
//!   roots from `webpki-roots`) and pooled connections.
//! - Conditional GET: [`Validators`] in (`If-None-Match`, `If-Modified-Since`), and a 304
//!   comes back as [`FetchOutcome::NotModified`]; 429/503 come back as
//!   [`FetchOutcome::RetryLater`] with the `Retry-After` wait (seconds or HTTP-date).
//! - Manners: per-host concurrency limit and politeness delay, a User-Agent naming attache and
//!   its version, robots.txt (cached per origin) for page fetches, not for feeds.
//! - Limits: connect/read/total timeouts, redirects capped (each hop re-checked; an unbroken
//!   chain of 301/308 is reported in [`ResponseMeta::permanent_redirect`]), a cap on the body
//!   as received and on the body after gzip/deflate/brotli decoding (a compression bomb stops
//!   at the cap).
//! - Address guard ([`guard`]): private, loopback, link-local, unique-local, CGNAT,
//!   multicast, reserved and unspecified targets (IPv4, IPv6, IPv4-mapped IPv6) are refused
//!   unless allowed, checked on the resolved addresses inside the client's resolver, so the
//!   connection goes only to checked addresses (no DNS rebinding); IP-literal hosts are
//!   checked before every hop.
//! - [`schedule`]: a pure function for the next poll time of a feed.
//!
//! Errors are typed ([`FetchError`]); each message is one line naming the URL and the problem.

mod blocking;
mod body;
mod client;
mod error;
pub mod guard;
mod headers;
mod hosts;
pub mod robots;
pub mod schedule;

pub use blocking::BlockingFetcher;
pub use client::{
    FetchConfig, FetchOutcome, FetchRequest, Fetched, Fetcher, ROBOTS_PRODUCT, ResponseMeta,
    RetryLater, Target, Validators, default_user_agent,
};
pub use error::{FetchError, TimeoutKind};
pub use headers::{parse_freshness, parse_retry_after};
pub use schedule::{LastPoll, PollPolicy, PollState, item_interval, next_due, next_poll_delay};
