//! Reading the response headers that steer polling: `Retry-After`, `Cache-Control`, `Expires`.

use std::time::{Duration, SystemTime};

/// Parses `Retry-After`: either delay-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime).
/// A date in the past gives zero. `now` is the local clock; `date` is the response's `Date`
/// header when present, so that a skewed server clock does not distort the wait.
pub fn parse_retry_after(value: &str, now: SystemTime, date: Option<&str>) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // Huge values saturate rather than fail; the scheduler clamps them anyway.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let base = date
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok())
        .unwrap_or(now);
    Some(at.duration_since(base).unwrap_or(Duration::ZERO))
}

/// How long the response stays fresh: `Cache-Control: max-age` (or `s-maxage` ignored, since we
/// are a private cache), else `Expires` minus `Date` (or minus now). `no-cache`/`no-store` give
/// zero. `None` when the server said nothing.
pub fn parse_freshness(
    cache_control: Option<&str>,
    expires: Option<&str>,
    date: Option<&str>,
    now: SystemTime,
) -> Option<Duration> {
    if let Some(cc) = cache_control {
        let mut no_cache = false;
        for directive in cc.split(',') {
            let directive = directive.trim();
            let (name, arg) = match directive.split_once('=') {
                Some((n, a)) => (n.trim(), Some(a.trim().trim_matches('"'))),
                None => (directive, None),
            };
            if name.eq_ignore_ascii_case("max-age") {
                if let Some(secs) = arg.and_then(|a| a.parse::<u64>().ok()) {
                    return Some(Duration::from_secs(secs));
                }
            } else if name.eq_ignore_ascii_case("no-cache") || name.eq_ignore_ascii_case("no-store")
            {
                no_cache = true;
            }
        }
        if no_cache {
            return Some(Duration::ZERO);
        }
    }
    let expires = expires?.trim();
    // An invalid Expires (often "0" or "-1") means already expired.
    let Ok(at) = httpdate::parse_http_date(expires) else {
        return Some(Duration::ZERO);
    };
    let base = date
        .and_then(|d| httpdate::parse_http_date(d.trim()).ok())
        .unwrap_or(now);
    Some(at.duration_since(base).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> SystemTime {
        httpdate::parse_http_date(s).unwrap()
    }

    #[test]
    fn retry_after_seconds() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after("120", now, None),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after(" 0 ", now, None),
            Some(Duration::from_secs(0))
        );
        assert_eq!(
            parse_retry_after("99999999999999999999999", now, None),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after("-5", now, None), None);
        assert_eq!(parse_retry_after("soon", now, None), None);
        assert_eq!(parse_retry_after("", now, None), None);
    }

    #[test]
    fn retry_after_dates_in_three_forms() {
        let now = t("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now, None),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:50:37 GMT", now, None),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:47 1994", now, None),
            Some(Duration::from_secs(10))
        );
        // In the past: no wait.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now, None),
            Some(Duration::ZERO)
        );
        // Measured against the server's Date when given.
        assert_eq!(
            parse_retry_after(
                "Sun, 06 Nov 1994 09:00:00 GMT",
                SystemTime::now(),
                Some("Sun, 06 Nov 1994 08:59:00 GMT")
            ),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn freshness_from_cache_control_and_expires() {
        let now = t("Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(
            parse_freshness(Some("public, max-age=600"), None, None, now),
            Some(Duration::from_secs(600))
        );
        assert_eq!(
            parse_freshness(Some("MAX-AGE=\"30\""), None, None, now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_freshness(Some("no-cache"), None, None, now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_freshness(None, Some("Sun, 06 Nov 1994 09:49:37 GMT"), None, now),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            parse_freshness(
                Some("public"),
                Some("Sun, 06 Nov 1994 09:49:37 GMT"),
                Some("Sun, 06 Nov 1994 09:19:37 GMT"),
                SystemTime::now()
            ),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(
            parse_freshness(None, Some("0"), None, now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_freshness(Some("public"), None, None, now), None);
        assert_eq!(parse_freshness(None, None, None, now), None);
    }
}
