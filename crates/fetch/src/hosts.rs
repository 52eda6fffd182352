//! Per-host politeness: at most N requests in flight to one host, and a minimum delay between
//! the starts of two requests to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Mutex as AsyncMutex, OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

struct HostGate {
    slots: Arc<Semaphore>,
    /// Earliest start of the next request to this host.
    next_start: AsyncMutex<Option<Instant>>,
}

/// The gates of all hosts seen so far.
pub(crate) struct HostGates {
    per_host: usize,
    delay: Duration,
    gates: Mutex<HashMap<String, Arc<HostGate>>>,
}

/// Held for the duration of one request to a host.
pub(crate) struct HostPermit {
    _permit: Option<OwnedSemaphorePermit>,
}

impl HostGates {
    pub fn new(per_host: usize, delay: Duration) -> Self {
        HostGates {
            per_host: per_host.max(1),
            delay,
            gates: Mutex::new(HashMap::new()),
        }
    }

    fn gate(&self, host: &str) -> Arc<HostGate> {
        // A poisoned lock only means another task panicked while inserting; the map is intact.
        let mut gates = self.gates.lock().unwrap_or_else(|e| e.into_inner());
        gates
            .entry(host.to_ascii_lowercase())
            .or_insert_with(|| {
                Arc::new(HostGate {
                    slots: Arc::new(Semaphore::new(self.per_host)),
                    next_start: AsyncMutex::new(None),
                })
            })
            .clone()
    }

    /// Waits for a free slot for `host` and for the politeness delay (at least `extra_delay`,
    /// e.g. a robots.txt crawl delay), then returns the permit to hold while requesting.
    pub async fn acquire(&self, host: &str, extra_delay: Option<Duration>) -> HostPermit {
        let gate = self.gate(host);
        // The semaphore is never closed; if it were, go on without a slot rather than fail.
        let permit = gate.slots.clone().acquire_owned().await.ok();
        let delay = self.delay.max(extra_delay.unwrap_or(Duration::ZERO));
        let mut next = gate.next_start.lock().await;
        if let Some(at) = *next {
            tokio::time::sleep_until(at).await;
        }
        *next = Some(Instant::now() + delay);
        drop(next);
        HostPermit { _permit: permit }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn politeness_delay_spaces_requests_to_one_host() {
        let gates = HostGates::new(4, Duration::from_secs(2));
        let t0 = Instant::now();
        let _a = gates.acquire("example.org", None).await;
        let _b = gates.acquire("EXAMPLE.org", None).await;
        let _c = gates.acquire("example.org", None).await;
        assert!(t0.elapsed() >= Duration::from_secs(4));
        // Another host is not delayed.
        let t1 = Instant::now();
        let _d = gates.acquire("example.com", None).await;
        assert!(t1.elapsed() < Duration::from_millis(1));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrency_limit_per_host() {
        let gates = Arc::new(HostGates::new(1, Duration::ZERO));
        let first = gates.acquire("h", None).await;
        let g = gates.clone();
        let waiter = tokio::spawn(async move {
            let _p = g.acquire("h", None).await;
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!waiter.is_finished());
        drop(first);
        waiter.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn extra_delay_lengthens_the_gap() {
        let gates = HostGates::new(2, Duration::from_secs(1));
        let t0 = Instant::now();
        let _a = gates.acquire("h", Some(Duration::from_secs(5))).await;
        let _b = gates.acquire("h", None).await;
        assert!(t0.elapsed() >= Duration::from_secs(5));
    }
}
