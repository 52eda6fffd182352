//! A blocking wrapper for command-line use: owns a current-thread Tokio runtime and drives the
//! async [`Fetcher`] on it.

use crate::client::{FetchConfig, FetchOutcome, FetchRequest, Fetcher, Validators};
use crate::error::FetchError;

/// Blocking fetcher for synchronous callers (the CLI). Do not use it from inside an async
/// runtime: its methods refuse with [`FetchError::Runtime`] there; use [`Fetcher`] instead.
#[derive(Debug)]
pub struct BlockingFetcher {
    runtime: tokio::runtime::Runtime,
    fetcher: Fetcher,
}

impl BlockingFetcher {
    pub fn new(config: FetchConfig) -> Result<Self, FetchError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| FetchError::Runtime(format!("cannot start the runtime: {e}")))?;
        let fetcher = Fetcher::new(config)?;
        Ok(BlockingFetcher { runtime, fetcher })
    }

    /// The async fetcher inside (shares pools, host gates and the robots cache).
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    fn block_on<T>(
        &self,
        work: impl Future<Output = Result<T, FetchError>>,
    ) -> Result<T, FetchError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(FetchError::Runtime(
                "called from inside an async runtime; use the async Fetcher there".to_string(),
            ));
        }
        self.runtime.block_on(work)
    }

    /// See [`Fetcher::fetch`].
    pub fn fetch(&self, request: &FetchRequest) -> Result<FetchOutcome, FetchError> {
        self.block_on(self.fetcher.fetch(request))
    }

    /// See [`Fetcher::fetch_feed`].
    pub fn fetch_feed(
        &self,
        url: &str,
        validators: &Validators,
        allow_private: bool,
    ) -> Result<FetchOutcome, FetchError> {
        self.block_on(self.fetcher.fetch_feed(url, validators, allow_private))
    }

    /// See [`Fetcher::fetch_page`].
    pub fn fetch_page(&self, url: &str, allow_private: bool) -> Result<FetchOutcome, FetchError> {
        self.block_on(self.fetcher.fetch_page(url, allow_private))
    }

    /// See [`Fetcher::fetch_many`]: concurrent fetches, results in request order. One failing
    /// request never affects the others.
    pub fn fetch_many(&self, requests: Vec<FetchRequest>) -> Vec<Result<FetchOutcome, FetchError>> {
        let n = requests.len();
        match self.block_on(async { Ok(self.fetcher.fetch_many(requests).await) }) {
            Ok(results) => results,
            Err(e) => (0..n)
                .map(|_| Err(FetchError::Runtime(e.to_string())))
                .collect(),
        }
    }
}
