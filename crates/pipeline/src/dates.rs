//! Dates given by users and metadata ("2025-11-21", "2025-11", "2025", RFC 3339 and RFC 2822
//! timestamps), with the precision they carry.

use attache_model::DatePrecision;
use jiff::Timestamp;
use jiff::civil::Date;

/// Parse a date or timestamp; the result is midnight UTC of the first day the value covers.
pub fn parse_date(s: &str) -> Option<(Timestamp, DatePrecision)> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some((ts, DatePrecision::Day));
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>()
        && let Ok(z) = dt.to_zoned(jiff::tz::TimeZone::UTC)
    {
        return Some((z.timestamp(), DatePrecision::Day));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some((z.timestamp(), DatePrecision::Day));
    }
    let midnight = |d: Date| {
        d.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    };
    if let Ok(d) = s.parse::<Date>() {
        return midnight(d).map(|t| (t, DatePrecision::Day));
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| (p.len() == len).then(|| p.parse::<i16>().ok()).flatten();
    match parts.as_slice() {
        [y, m] => {
            let d = Date::new(num(y, 4)?, num(m, 2)? as i8, 1).ok()?;
            midnight(d).map(|t| (t, DatePrecision::Month))
        }
        [y] => {
            let d = Date::new(num(y, 4)?, 1, 1).ok()?;
            midnight(d).map(|t| (t, DatePrecision::Year))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let (t, p) = parse_date("2025-11-21").unwrap();
        assert_eq!(t.to_string(), "2025-11-21T00:00:00Z");
        assert_eq!(p, DatePrecision::Day);
        assert_eq!(parse_date("2025-02").unwrap().1, DatePrecision::Month);
        assert_eq!(parse_date("2025").unwrap().1, DatePrecision::Year);
        assert!(parse_date("2025-11-21T08:30:00Z").is_some());
        assert!(parse_date("2025-11-21T08:30:00").is_some());
        assert!(parse_date("Fri, 21 Nov 2025 08:30:00 +0000").is_some());
        assert!(parse_date("2025-02-31").is_none());
        assert!(parse_date("yesterday").is_none());
        assert!(parse_date("25").is_none());
    }
}
