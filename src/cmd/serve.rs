//! `attache serve`: the JSON API and the web pages over the database. Also used by `demo`.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use attache_pipeline::analysis::Analyzer;
use attache_server::{AppState, ServerConfig};

use crate::cli::{ServeArgs, Settings};

/// Serve `db` on `addr` until Ctrl-C, printing the URL first.
pub fn serve(db: &Path, addr: SocketAddr, token: Option<String>) -> Result<()> {
    attache_server::check_bind(addr, token.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let mut config = ServerConfig::new(addr, db.to_path_buf());
        config.token = token.clone();
        let analyzer = Arc::new(Analyzer::new());
        let state =
            AppState::open(db, config.readers, token)?.with_annotator(Arc::new(move |doc| {
                attache_pipeline::run::annotate(&*analyzer, doc)
            }));
        let server = attache_server::bind_with(&config, state).await?;
        println!(
            "serving {} at http://{}/ (Ctrl-C to stop)",
            db.display(),
            server.local_addr()?
        );
        server.run().await?;
        Ok(())
    })
}

pub fn run(settings: &Settings, args: &ServeArgs) -> Result<ExitCode> {
    // Open once through the store so that a bad path gets the store's one-line error and the
    // schema is up to date before the server's connections open.
    drop(super::open_store(settings)?);
    serve(&settings.db, args.addr, args.token.clone())?;
    Ok(ExitCode::SUCCESS)
}
