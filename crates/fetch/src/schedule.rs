//! When to poll a feed next: a pure function of the last result and what the feed and server
//! said about freshness, bounded on both sides.
//!
//! - success or 304: about half the feed's typical gap between items (default 1 h when unknown),
//!   never sooner than the feed's `ttl` or the server's `Cache-Control: max-age`/`Expires`;
//! - error: exponential backoff from [`PollPolicy::error_base`], doubling per consecutive error;
//! - 429/503: the server's `Retry-After` when given, else like an error;
//! - always within [`PollPolicy::min_interval`, `PollPolicy::max_interval`].

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

/// Bounds and defaults for polling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollPolicy {
    /// Never poll a feed more often than this (default 5 min).
    pub min_interval: Duration,
    /// Never wait longer than this (default 24 h).
    pub max_interval: Duration,
    /// Interval when nothing is known about the feed (default 1 h).
    pub default_interval: Duration,
    /// Wait after the first error; doubles with each further consecutive error (default 10 min).
    pub error_base: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            min_interval: Duration::from_secs(5 * 60),
            max_interval: Duration::from_secs(24 * 3600),
            default_interval: Duration::from_secs(3600),
            error_base: Duration::from_secs(10 * 60),
        }
    }
}

/// How the last poll ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastPoll {
    /// 2xx with a body.
    Fetched,
    /// 304 Not Modified.
    NotModified,
    /// Any error (network, status, parse).
    Failed,
    /// 429 or 503, with the server's `Retry-After` when it sent one.
    RetryLater { retry_after: Option<Duration> },
}

/// What the scheduler knows after a poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollState {
    pub last: LastPoll,
    /// Consecutive failed polls, counting the last one if it failed.
    pub consecutive_errors: u32,
    /// Freshness the server announced (`Cache-Control: max-age` or `Expires`).
    pub freshness: Option<Duration>,
    /// The feed's own `ttl` (RSS) or update period.
    pub ttl: Option<Duration>,
    /// Typical gap between the feed's items (see [`item_interval`]).
    pub item_interval: Option<Duration>,
}

impl PollState {
    /// A state for `last` with nothing else known.
    pub fn new(last: LastPoll) -> Self {
        PollState {
            last,
            consecutive_errors: u32::from(matches!(last, LastPoll::Failed)),
            freshness: None,
            ttl: None,
            item_interval: None,
        }
    }
}

/// How long to wait before the next poll.
pub fn next_poll_delay(state: &PollState, policy: &PollPolicy) -> Duration {
    let min = policy.min_interval;
    let max = policy.max_interval.max(min);
    let backoff = || {
        let n = state.consecutive_errors.max(1) - 1;
        // 2^n saturating; 2^31 × anything is far past any sane max.
        let factor = 1u32.checked_shl(n.min(31)).unwrap_or(u32::MAX);
        policy.error_base.saturating_mul(factor)
    };
    let delay = match state.last {
        LastPoll::Failed => backoff(),
        LastPoll::RetryLater {
            retry_after: Some(wait),
        } => wait,
        LastPoll::RetryLater { retry_after: None } => backoff(),
        LastPoll::Fetched | LastPoll::NotModified => {
            let base = state
                .item_interval
                .map(|gap| gap / 2)
                .unwrap_or(policy.default_interval);
            base.max(state.ttl.unwrap_or(Duration::ZERO))
                .max(state.freshness.unwrap_or(Duration::ZERO))
        }
    };
    delay.clamp(min, max)
}

/// The time of the next poll, `now` plus [`next_poll_delay`].
pub fn next_due(now: Timestamp, state: &PollState, policy: &PollPolicy) -> Timestamp {
    let delay = next_poll_delay(state, policy);
    let signed = SignedDuration::try_from(delay).unwrap_or(SignedDuration::MAX);
    now.checked_add(signed).unwrap_or(Timestamp::MAX)
}

/// The typical (median) gap between the newest items of a feed, from their publication times.
/// Dates more than a day in the future (broken feeds) are ignored; identical dates count once.
/// `None` with fewer than two usable dates.
pub fn item_interval(dates: &[Timestamp], now: Timestamp) -> Option<Duration> {
    const NEWEST: usize = 20;
    let horizon = now
        .checked_add(SignedDuration::from_hours(24))
        .unwrap_or(Timestamp::MAX);
    let mut ds: Vec<Timestamp> = dates.iter().copied().filter(|d| *d <= horizon).collect();
    ds.sort_unstable_by(|a, b| b.cmp(a));
    ds.dedup();
    ds.truncate(NEWEST + 1);
    if ds.len() < 2 {
        return None;
    }
    let mut gaps: Vec<Duration> = ds
        .windows(2)
        .filter_map(|w| Duration::try_from(w[0].duration_since(w[1])).ok())
        .collect();
    gaps.sort_unstable();
    gaps.get(gaps.len() / 2).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60;
    const HOUR: u64 = 3600;

    fn secs(d: Duration) -> u64 {
        d.as_secs()
    }

    fn st(last: LastPoll) -> PollState {
        PollState::new(last)
    }

    #[test]
    fn success_without_hints_uses_default() {
        let p = PollPolicy::default();
        assert_eq!(secs(next_poll_delay(&st(LastPoll::Fetched), &p)), HOUR);
        assert_eq!(secs(next_poll_delay(&st(LastPoll::NotModified), &p)), HOUR);
    }

    #[test]
    fn item_rate_sets_the_pace_within_bounds() {
        let p = PollPolicy::default();
        let mut s = st(LastPoll::Fetched);
        s.item_interval = Some(Duration::from_secs(4 * HOUR));
        assert_eq!(secs(next_poll_delay(&s, &p)), 2 * HOUR);
        s.item_interval = Some(Duration::from_secs(60));
        assert_eq!(secs(next_poll_delay(&s, &p)), 5 * MIN);
        s.item_interval = Some(Duration::from_secs(30 * 24 * HOUR));
        assert_eq!(secs(next_poll_delay(&s, &p)), 24 * HOUR);
    }

    #[test]
    fn ttl_and_max_age_are_lower_bounds() {
        let p = PollPolicy::default();
        let mut s = st(LastPoll::Fetched);
        s.item_interval = Some(Duration::from_secs(20 * MIN));
        s.freshness = Some(Duration::from_secs(30 * MIN));
        assert_eq!(secs(next_poll_delay(&s, &p)), 30 * MIN);
        s.ttl = Some(Duration::from_secs(2 * HOUR));
        assert_eq!(secs(next_poll_delay(&s, &p)), 2 * HOUR);
        s.freshness = Some(Duration::from_secs(7 * 24 * HOUR));
        assert_eq!(secs(next_poll_delay(&s, &p)), 24 * HOUR);
        // max-age=0 does not force polling faster than the minimum.
        let mut s = st(LastPoll::NotModified);
        s.freshness = Some(Duration::ZERO);
        s.item_interval = Some(Duration::ZERO);
        assert_eq!(secs(next_poll_delay(&s, &p)), 5 * MIN);
    }

    #[test]
    fn errors_back_off_exponentially_up_to_the_max() {
        let p = PollPolicy::default();
        let delays: Vec<u64> = (1..=10)
            .map(|n| {
                let mut s = st(LastPoll::Failed);
                s.consecutive_errors = n;
                secs(next_poll_delay(&s, &p))
            })
            .collect();
        assert_eq!(
            delays,
            vec![
                10 * MIN,
                20 * MIN,
                40 * MIN,
                80 * MIN,
                160 * MIN,
                320 * MIN,
                640 * MIN,
                1280 * MIN,
                24 * HOUR,
                24 * HOUR
            ]
        );
        let mut s = st(LastPoll::Failed);
        s.consecutive_errors = u32::MAX;
        assert_eq!(secs(next_poll_delay(&s, &p)), 24 * HOUR);
        // A zero count is treated as the first error.
        s.consecutive_errors = 0;
        assert_eq!(secs(next_poll_delay(&s, &p)), 10 * MIN);
    }

    #[test]
    fn retry_after_is_honoured_within_bounds() {
        let p = PollPolicy::default();
        let ra = |d: Option<u64>| {
            let mut s = st(LastPoll::RetryLater {
                retry_after: d.map(Duration::from_secs),
            });
            s.consecutive_errors = 3;
            secs(next_poll_delay(&s, &p))
        };
        assert_eq!(ra(Some(2 * HOUR)), 2 * HOUR);
        assert_eq!(ra(Some(10)), 5 * MIN);
        assert_eq!(ra(Some(u64::MAX)), 24 * HOUR);
        assert_eq!(ra(None), 40 * MIN);
    }

    #[test]
    fn next_due_adds_the_delay() {
        let now: Timestamp = "2025-11-21T10:00:00Z".parse().unwrap();
        let due = next_due(now, &st(LastPoll::Fetched), &PollPolicy::default());
        assert_eq!(due.to_string(), "2025-11-21T11:00:00Z");
        let far = Timestamp::MAX;
        assert_eq!(
            next_due(far, &st(LastPoll::Fetched), &PollPolicy::default()),
            Timestamp::MAX
        );
    }

    #[test]
    fn median_item_interval() {
        let now: Timestamp = "2025-11-21T12:00:00Z".parse().unwrap();
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let dates = [
            t("2025-11-21T10:00:00Z"),
            t("2025-11-21T08:00:00Z"),
            t("2025-11-21T07:00:00Z"),
            t("2025-11-21T04:00:00Z"),
            t("2025-11-21T04:00:00Z"), // duplicate, counted once
            t("2030-01-01T00:00:00Z"), // future, ignored
        ];
        // gaps: 2h, 1h, 3h -> median 2h
        assert_eq!(
            item_interval(&dates, now),
            Some(Duration::from_secs(2 * HOUR))
        );
        assert_eq!(item_interval(&dates[..1], now), None);
        assert_eq!(item_interval(&[], now), None);
    }
}
