//! Dates as pages write them: ISO 8601 / RFC 3339 (meta tags, JSON-LD, `<time datetime>`),
//! RFC 2822 (feeds), written dates in English ("21 November 2025", "Nov. 21, 2025",
//! "November 2025"), numeric ones (`2025/11/21`, `21.11.2025`) and dates in URL paths
//! (`/2025/11/21/`, `/2025-11-21-`, `/20251121/`, `/2025/11/`).
//!
//! Dates without a time are taken at 00:00 UTC and carry `Day` precision; a month alone gives
//! `Month`, a year alone `Year`.

use std::sync::LazyLock;

use attache_model::DatePrecision;
use jiff::{Timestamp, civil::Date, tz::TimeZone};
use regex::Regex;

/// A date as found, with how precise it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub timestamp: Timestamp,
    pub precision: DatePrecision,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

pub(crate) fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if let Some(m) = foreign_month(&w) {
        return Some(m);
    }
    let idx = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "sept" is common; otherwise the word must be a prefix of the full name.
    (full[idx].starts_with(&w) || w == "sept").then_some(idx as i8 + 1)
}

/// Full month names in German, French, Spanish, Italian and Portuguese.
fn foreign_month(w: &str) -> Option<i8> {
    const NAMES: [[&str; 5]; 12] = [
        ["januar", "janvier", "enero", "gennaio", "janeiro"],
        ["februar", "février", "febrero", "febbraio", "fevereiro"],
        ["märz", "mars", "marzo", "marzo", "março"],
        ["april", "avril", "abril", "aprile", "abril"],
        ["mai", "mai", "mayo", "maggio", "maio"],
        ["juni", "juin", "junio", "giugno", "junho"],
        ["juli", "juillet", "julio", "luglio", "julho"],
        ["august", "août", "agosto", "agosto", "agosto"],
        [
            "september",
            "septembre",
            "septiembre",
            "settembre",
            "setembro",
        ],
        ["oktober", "octobre", "octubre", "ottobre", "outubro"],
        ["november", "novembre", "noviembre", "novembre", "novembro"],
        ["dezember", "décembre", "diciembre", "dicembre", "dezembro"],
    ];
    NAMES
        .iter()
        .position(|row| row.contains(&w))
        .map(|i| i as i8 + 1)
}

fn day_ts(y: i16, m: i8, d: i8) -> Option<Timestamp> {
    let date = Date::new(y, m, d).ok()?;
    date.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

fn found(ts: Timestamp, precision: DatePrecision) -> FoundDate {
    FoundDate {
        timestamp: ts,
        precision,
    }
}

fn plausible_year(y: i16) -> bool {
    (1900..=2100).contains(&y)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?",
    )
    .expect("static regex")
});
static WRITTEN_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:of\s+|de\s+)?(\p{L}{3,10}\.?),?\s+(?:de\s+)?(\d{4})\b")
        .expect("static regex")
});
static WRITTEN_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b([a-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("static regex")
});
static WRITTEN_MY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b([a-z]{3,9}\.?)\s+(\d{4})\b").expect("static regex"));
static NUMERIC_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b").expect("static regex"));
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b").expect("static regex"));
/// A written day and month without a year ("21 November", "November 21").
static WRITTEN_DM_NOYEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d])(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\b|\b([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?\b")
        .expect("static regex")
});

/// Parse a date string as metadata gives it (ISO first, then RFC 2822, then written forms).
pub fn parse_date(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(found(ts, DatePrecision::Day));
    }
    if let Some(c) = ISO.captures(s) {
        let y: i16 = c[1].parse().ok()?;
        let m: i8 = c[2].parse().ok()?;
        let d: i8 = c[3].parse().ok()?;
        if !plausible_year(y) {
            return None;
        }
        let date = Date::new(y, m, d).ok()?;
        let Some(h) = c.get(4) else {
            return day_ts(y, m, d).map(|t| found(t, DatePrecision::Day));
        };
        let h: i8 = h.as_str().parse().ok()?;
        let mi: i8 = c[5].parse().ok()?;
        let sec: i8 = c.get(6).and_then(|x| x.as_str().parse().ok()).unwrap_or(0);
        let dt = date.at(h, mi, sec, 0);
        let offset_secs = match c.get(7).map(|x| x.as_str()) {
            None | Some("Z" | "UTC" | "GMT") => 0,
            Some(o) => {
                let sign = if o.starts_with('-') { -1 } else { 1 };
                let digits: String = o.chars().filter(char::is_ascii_digit).collect();
                let oh: i32 = digits.get(..2)?.parse().ok()?;
                let om: i32 = digits.get(2..4)?.parse().ok()?;
                sign * (oh * 3600 + om * 60)
            }
        };
        let off = jiff::tz::Offset::from_seconds(offset_secs).ok()?;
        let ts = dt.to_zoned(TimeZone::fixed(off)).ok()?.timestamp();
        return Some(found(ts, DatePrecision::Day));
    }
    if let Ok(z) = jiff::fmt::rfc2822::parse(s) {
        return Some(found(z.timestamp(), DatePrecision::Day));
    }
    parse_written(s)
}

/// A date written in running text or a date line; the first one found.
pub fn parse_written(s: &str) -> Option<FoundDate> {
    if let Some(c) = NUMERIC_YMD.captures(s)
        && let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse())
        && plausible_year(y)
        && let Some(t) = day_ts(y, m, d)
    {
        return Some(found(t, DatePrecision::Day));
    }
    for c in WRITTEN_DMY.captures_iter(s) {
        if let (Ok(d), Some(m), Ok(y)) = (c[1].parse(), month_number(&c[2]), c[3].parse())
            && plausible_year(y)
            && let Some(t) = day_ts(y, m, d)
        {
            return Some(found(t, DatePrecision::Day));
        }
    }
    for c in WRITTEN_MDY.captures_iter(s) {
        if let (Some(m), Ok(d), Ok(y)) = (month_number(&c[1]), c[2].parse(), c[3].parse())
            && plausible_year(y)
            && let Some(t) = day_ts(y, m, d)
        {
            return Some(found(t, DatePrecision::Day));
        }
    }
    if let Some(c) = NUMERIC_DMY.captures(s) {
        // Day first (the world's majority order); only unambiguous or day-first readings.
        if let (Ok(d), Ok(m), Ok(y)) = (c[1].parse::<i8>(), c[2].parse::<i8>(), c[3].parse())
            && plausible_year(y)
        {
            let (d, m) = if m > 12 && d <= 12 { (m, d) } else { (d, m) };
            if let Some(t) = day_ts(y, m, d) {
                return Some(found(t, DatePrecision::Day));
            }
        }
    }
    for c in WRITTEN_MY.captures_iter(s) {
        if let (Some(m), Ok(y)) = (month_number(&c[1]), c[2].parse())
            && plausible_year(y)
            && let Some(t) = day_ts(y, m, 1)
        {
            return Some(found(t, DatePrecision::Month));
        }
    }
    None
}

/// A day and month written without a year ("Viewsnow21 November"): `(month, day)`.
pub(crate) fn day_month_without_year(s: &str) -> Option<(i8, i8)> {
    for c in WRITTEN_DM_NOYEAR.captures_iter(s) {
        let (d, m) = if let (Some(d), Some(m)) = (c.get(1), c.get(2)) {
            (d.as_str().parse::<i8>().ok(), month_number(m.as_str()))
        } else if let (Some(m), Some(d)) = (c.get(3), c.get(4)) {
            (d.as_str().parse::<i8>().ok(), month_number(m.as_str()))
        } else {
            continue;
        };
        if let (Some(d), Some(m)) = (d, m)
            && (1..=31).contains(&d)
        {
            return Some((m, d));
        }
    }
    None
}

pub(crate) fn with_year(y: i16, m: i8, d: i8) -> Option<FoundDate> {
    day_ts(y, m, d).map(|t| found(t, DatePrecision::Day))
}

static URL_YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)").expect("static regex")
});
static URL_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)").expect("static regex")
});
static URL_YM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/").expect("static regex"));

/// A date in a URL path.
pub fn date_from_url(url: &str) -> Option<FoundDate> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.find('/').map_or("", |i| &path[i..]);
    for re in [&*URL_YMD, &*URL_COMPACT] {
        if let Some(c) = re.captures(path)
            && let (Ok(y), Ok(m), Ok(d)) = (c[1].parse(), c[2].parse(), c[3].parse())
            && let Some(t) = day_ts(y, m, d)
        {
            return Some(found(t, DatePrecision::Day));
        }
    }
    if let Some(c) = URL_YM.captures(path)
        && let (Ok(y), Ok(m)) = (c[1].parse(), c[2].parse())
        && let Some(t) = day_ts(y, m, 1)
    {
        return Some(found(t, DatePrecision::Month));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(f: FoundDate) -> String {
        f.timestamp.to_string()[..10].to_string()
    }

    #[test]
    fn formats() {
        for (s, want) in [
            ("2025-11-21T10:30:00+03:00", "2025-11-21"),
            ("2025-11-21T23:30:00-05:00", "2025-11-22"),
            ("2025-11-21", "2025-11-21"),
            ("2025-11-21 10:00", "2025-11-21"),
            ("Fri, 21 Nov 2025 10:00:00 +0000", "2025-11-21"),
            ("21 November 2025", "2025-11-21"),
            ("Published: Nov. 21, 2025 at 5pm", "2025-11-21"),
            ("21st of November, 2025", "2025-11-21"),
            ("2025/11/21", "2025-11-21"),
            ("21.11.2025", "2025-11-21"),
            ("Veröffentlicht am 3. Juni 2024", "2024-06-03"),
            ("le 14 juillet 2023", "2023-07-14"),
            ("5 de marzo de 2024", "2024-03-05"),
        ] {
            let f = parse_date(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(ymd(f), want, "{s}");
            assert_eq!(f.precision, DatePrecision::Day);
        }
        let f = parse_date("November 2025").unwrap();
        assert_eq!(f.precision, DatePrecision::Month);
        assert!(parse_date("not a date").is_none());
        assert!(parse_date("2025-13-45").is_none());
        assert!(parse_date("Mayhem 12, 2020").is_none());
    }

    #[test]
    fn urls() {
        assert_eq!(
            ymd(date_from_url("https://ex.com/news/2024/05/12/story").unwrap()),
            "2024-05-12"
        );
        assert_eq!(
            ymd(date_from_url("https://ex.com/2024-05-12-story.html").unwrap()),
            "2024-05-12"
        );
        assert_eq!(
            ymd(date_from_url("https://ex.com/a/20240512/b").unwrap()),
            "2024-05-12"
        );
        let m = date_from_url("https://ex.com/2024/05/story").unwrap();
        assert_eq!(m.precision, DatePrecision::Month);
        assert!(date_from_url("https://ex.com/news/12345678901").is_none());
        assert!(date_from_url("https://2024.ex.com/").is_none());
    }

    #[test]
    fn no_year() {
        assert_eq!(
            day_month_without_year("Viewsnow21 November"),
            Some((11, 21))
        );
        assert_eq!(day_month_without_year("Updated March 3"), Some((3, 3)));
        assert_eq!(day_month_without_year("nothing here"), None);
    }
}
