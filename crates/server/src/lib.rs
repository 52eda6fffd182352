//! The analyst's view of attache: a JSON API (v1, with an OpenAPI description at
//! `/api/openapi.json`) and server-rendered web pages over a store.
//!
//! - [`routes`] holds the one routes table; [`router`] builds the axum router from it and
//!   [`routes::openapi`] the API description.
//! - [`api`] answers JSON; errors are `{"error": {"code", "message"}}` with stable codes
//!   ([`ApiError`]). [`web`] renders pages with maud (auto-escaped; no script on any page; the
//!   stylesheet is compiled in, nothing is fetched from outside).
//! - Every response carries a strict Content-Security-Policy, `X-Content-Type-Options:
//!   nosniff` and `frame-ancestors 'none'`. Endpoints that change data need the bearer token
//!   of [`ServerConfig::token`]; [`check_bind`] refuses to listen beyond loopback without one.
//! - [`state::Db`] pools SQLite connections on one WAL database (one writer, several
//!   readers), so reads answer while the database is written.
//!
//! ```no_run
//! # async fn run() -> Result<(), attache_server::ServerError> {
//! let config = attache_server::ServerConfig::new("127.0.0.1:8080".parse().unwrap(), "attache.db".into());
//! attache_server::serve(config).await
//! # }
//! ```

pub mod api;
pub mod error;
pub mod params;
pub mod routes;
pub mod state;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;

pub use error::{ApiError, ServerError};
pub use state::{Annotator, AppState, Db};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// Where to listen (`127.0.0.1:8080`; port 0 picks a free port).
    pub addr: SocketAddr,
    /// The SQLite database (created when missing).
    pub db_path: PathBuf,
    /// Bearer token for the endpoints that change data; None disables them.
    pub token: Option<String>,
    /// Read connections in the pool.
    pub readers: usize,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

impl ServerConfig {
    pub fn new(addr: SocketAddr, db_path: PathBuf) -> Self {
        ServerConfig {
            addr,
            db_path,
            token: None,
            readers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .clamp(2, 8),
            max_body_bytes: 4 << 20,
        }
    }
}

/// The shortest token accepted.
pub const MIN_TOKEN_LEN: usize = 16;

/// Refuse configurations that would expose the server: a non-loopback address without a
/// token, or a token shorter than [`MIN_TOKEN_LEN`]. The CLI calls this before anything else.
pub fn check_bind(addr: SocketAddr, token: Option<&str>) -> Result<(), ServerError> {
    let token = token.filter(|t| !t.is_empty());
    if let Some(t) = token
        && t.chars().count() < MIN_TOKEN_LEN
    {
        return Err(ServerError::WeakToken);
    }
    if !addr.ip().is_loopback() && token.is_none() {
        return Err(ServerError::UnsafeBind { addr });
    }
    Ok(())
}

/// The router over `state` (for tests and for embedding), with the default body limit.
pub fn router(state: AppState) -> axum::Router {
    routes::router(state, 4 << 20)
}

/// A server bound to its address, not yet answering.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: axum::Router,
}

impl Server {
    /// The address it listens on (with the real port when port 0 was asked for).
    pub fn local_addr(&self) -> Result<SocketAddr, ServerError> {
        Ok(self.listener.local_addr()?)
    }

    /// Answer requests until `shutdown` completes.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }

    /// Answer requests until Ctrl-C.
    pub async fn run(self) -> Result<(), ServerError> {
        self.run_until(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    }
}

/// Check the configuration, open the database and bind the address.
pub async fn bind(config: &ServerConfig) -> Result<Server, ServerError> {
    check_bind(config.addr, config.token.as_deref())?;
    let db_path = config.db_path.clone();
    let readers = config.readers;
    let token = config.token.clone();
    let state = tokio::task::spawn_blocking(move || AppState::open(&db_path, readers, token))
        .await
        .map_err(|e| ServerError::Io(std::io::Error::other(e)))??;
    bind_with(config, state).await
}

/// Bind with a state built by the caller (for example one with an annotator).
pub async fn bind_with(config: &ServerConfig, state: AppState) -> Result<Server, ServerError> {
    check_bind(config.addr, config.token.as_deref())?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServerError::Bind {
            addr: config.addr,
            source,
        })?;
    let app = routes::router(state, config.max_body_bytes);
    tracing::info!(addr = %listener.local_addr()?, "serving");
    Ok(Server { listener, app })
}

/// Serve `config` until Ctrl-C.
pub async fn serve(config: ServerConfig) -> Result<(), ServerError> {
    bind(&config).await?.run().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bind_checks() {
        let lo: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let lo6: SocketAddr = "[::1]:0".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(check_bind(lo, None).is_ok());
        assert!(check_bind(lo6, None).is_ok());
        let err = check_bind(any, None).unwrap_err().to_string();
        assert!(err.contains("no API token"), "{err}");
        assert!(check_bind(any, Some("")).is_err());
        assert!(matches!(
            check_bind(any, Some("short")),
            Err(ServerError::WeakToken)
        ));
        assert!(check_bind(any, Some("0123456789abcdef")).is_ok());
    }
}
