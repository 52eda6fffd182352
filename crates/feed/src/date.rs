//! Dates as real feeds write them.
//!
//! RFC 822/1123 and their many corruptions (missing weekday, two-digit years, full month names,
//! named and numeric zones, `GMT+01:00`, commas in odd places), W3C-DTF/RFC 3339/ISO 8601 (with or
//! without `T`, fractional seconds, space before the zone, reduced precision), asctime, and a few
//! localised forms seen in the wild (Greek, Hungarian, Korean). Everything is normalised to UTC.
//! A date that cannot be read yields `None`, never a guess.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

/// Parse a feed date into a UTC timestamp.
pub fn parse_date(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if !s.is_ascii() {
        return parse_localised(s);
    }
    let first = s.as_bytes()[0];
    if first.is_ascii_digit() || first == b'-' {
        if let Some(t) = parse_w3dtf(s) {
            return Some(t);
        }
        if let Some(t) = parse_iso_short(s) {
            return Some(t);
        }
    }
    parse_rfc822(s)
}

fn build(y: i32, mo: u32, d: u32, h: u32, mi: u32, sec: u32, offset_s: i32) -> Option<Timestamp> {
    if !(1..=9999).contains(&y) || h > 24 || mi > 59 || sec > 60 {
        return None;
    }
    let (h, extra_day) = if h == 24 {
        if mi != 0 || sec != 0 {
            return None;
        }
        (0, true)
    } else {
        (h, false)
    };
    let sec = sec.min(59);
    let dt = DateTime::new(
        i16::try_from(y).ok()?,
        i8::try_from(mo).ok()?,
        i8::try_from(d).ok()?,
        h as i8,
        mi as i8,
        sec as i8,
        0,
    )
    .ok()?;
    let off = Offset::from_seconds(offset_s).ok()?;
    let mut ts = dt.to_zoned(TimeZone::fixed(off)).ok()?.timestamp();
    if extra_day {
        ts = ts.checked_add(jiff::SignedDuration::from_hours(24)).ok()?;
    }
    Some(ts)
}

fn num(s: &str, min_len: usize, max_len: usize) -> Option<u32> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `[+-]hh[:mm]`, `[+-]hhmm`, `Z`.
fn numeric_offset(s: &str) -> Option<i32> {
    if s.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = if let Some((h, m)) = rest.split_once(':') {
        (num(h, 1, 2)?, num(m, 2, 2)?)
    } else if rest.len() == 4 {
        (num(&rest[..2], 2, 2)?, num(&rest[2..], 2, 2)?)
    } else {
        (num(rest, 1, 2)?, 0)
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h as i32 * 3600 + m as i32 * 60))
}

fn named_zone(s: &str) -> Option<i32> {
    let h = match s.to_ascii_uppercase().as_str() {
        "UT" | "UTC" | "GMT" | "Z" | "ETC/GMT" | "ETC/UTC" | "WET" => 0,
        "EST" | "ET" => -5,
        "EDT" => -4,
        "CST" | "CT" => -6,
        "CDT" => -5,
        "MST" | "MT" => -7,
        "MDT" => -6,
        "PST" | "PT" => -8,
        "PDT" => -7,
        "AT" | "AST" => -4,
        "ADT" => -3,
        "AKST" => -9,
        "AKDT" => -8,
        "HST" => -10,
        "NZST" => 12,
        "NZDT" => 13,
        "MET" | "CET" | "BST" | "WEST" => 1,
        "MEST" | "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "IST" => return Some(5 * 3600 + 1800),
        "JST" | "KST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        _ => return None,
    };
    Some(h * 3600)
}

/// A zone token: named, numeric, or `GMT±hh:mm`.
fn zone(s: &str) -> Option<i32> {
    if let Some(o) = named_zone(s) {
        return Some(o);
    }
    if let Some(o) = numeric_offset(s) {
        return Some(o);
    }
    let upper = s.to_ascii_uppercase();
    for p in ["GMT", "UTC", "UT"] {
        if let Some(rest) = upper.strip_prefix(p) {
            return numeric_offset(rest);
        }
    }
    None
}

fn month(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    if l.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
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
    if l == "sept" {
        return Some(9);
    }
    NAMES
        .iter()
        .position(|n| n.starts_with(l) && (l.len() == 3 || l.len() == n.len()))
        .map(|i| i as u32 + 1)
}

fn is_weekday(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "tues",
        "thur",
        "thurs",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .contains(&l)
}

fn time_of_day(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.split('.').next()?; // drop fractional seconds
    let parts: Vec<&str> = s.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m] => (num(h, 1, 2)?, num(m, 1, 2)?, 0),
        [h, m, sec] => (num(h, 1, 2)?, num(m, 1, 2)?, num(sec, 1, 2)?),
        _ => return None,
    };
    if h > 24 || m > 59 || sec > 60 {
        return None;
    }
    Some((h, m, sec))
}

fn year(tok: &str) -> Option<i32> {
    let y = num(tok, 2, 4)? as i32;
    Some(if tok.len() == 2 {
        if y < 70 { 2000 + y } else { 1900 + y }
    } else {
        y
    })
}

/// RFC 822 and friends, asctime, and the Perforce `yyyy/mm/dd` form.
fn parse_rfc822(s: &str) -> Option<Timestamp> {
    let cleaned = s.replace(',', " ");
    let mut toks: Vec<&str> = cleaned.split_whitespace().collect();
    if toks.first().is_some_and(|t| is_weekday(t)) {
        toks.remove(0);
    }
    if toks.is_empty() {
        return None;
    }
    let (mut y, mut mo, mut d): (Option<i32>, Option<u32>, Option<u32>);
    let rest: &[&str];
    if let Some((a, b, c)) = split3(toks[0], '/') {
        // Perforce: 2006/09/15 08:19:53 EDT
        y = Some(num(a, 4, 4)? as i32);
        mo = Some(num(b, 1, 2)?);
        d = Some(num(c, 1, 2)?);
        rest = &toks[1..];
    } else if let Some(m) = month(toks[0]) {
        mo = Some(m);
        d = Some(num(toks.get(1)?, 1, 2)?);
        y = None;
        rest = &toks[2..];
    } else {
        d = Some(num(toks[0], 1, 2)?);
        mo = Some(month(toks.get(1)?)?);
        y = None;
        rest = &toks[2..];
    }
    let mut time = None;
    let mut offset = None;
    for t in rest {
        if y.is_none() && t.bytes().all(|b| b.is_ascii_digit()) {
            y = Some(year(t)?);
        } else if time.is_none() && t.contains(':') && t.as_bytes()[0].is_ascii_digit() {
            time = Some(time_of_day(t)?);
        } else if offset.is_none() {
            offset = Some(zone(t).or_else(|| {
                // Unknown alphabetic zone names read as UTC; malformed numeric ones fail.
                (t.bytes().all(|b| b.is_ascii_alphabetic()) && t.len() <= 5).then_some(0)
            })?);
        } else {
            return None;
        }
    }
    let (h, mi, sec) = time.unwrap_or((0, 0, 0));
    let _ = (&mut mo, &mut d);
    build(y?, mo?, d?, h, mi, sec, offset.unwrap_or(0))
}

fn split3(s: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut it = s.split(sep);
    let a = it.next()?;
    let b = it.next()?;
    let c = it.next()?;
    if it.next().is_some() {
        return None;
    }
    Some((a, b, c))
}

/// W3C-DTF / RFC 3339 / common ISO 8601 profiles.
fn parse_w3dtf(s: &str) -> Option<Timestamp> {
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some(s[i + 1..].trim_start())),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let (y, mo, d) = match parts.as_slice() {
        [y] if y.len() == 8 => (
            num(&y[..4], 4, 4)?,
            num(&y[4..6], 2, 2)?,
            num(&y[6..], 2, 2)?,
        ),
        [y] => (num(y, 4, 4)?, 1, 1),
        [y, m] => (num(y, 4, 4)?, num(m, 1, 3)?, 1),
        [y, m, d] => (num(y, 4, 4)?, num(m, 1, 3)?, num(d, 1, 2)?),
        _ => return None,
    };
    let Some(rest) = rest.filter(|r| !r.is_empty()) else {
        return build(y as i32, mo, d, 0, 0, 0, 0);
    };
    // Split the time from its zone.
    let zi = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '+' || c == '-' || c == 'Z' || c == 'z' || c == ' ')
        .map(|(i, _)| i);
    let (time, zone_s) = match zi {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let (h, mi, sec) = time_of_day(time)?;
    let offset = if zone_s.is_empty() {
        0
    } else {
        numeric_offset(zone_s).or_else(|| named_zone(zone_s))?
    };
    build(y as i32, mo, d, h, mi, sec, offset)
}

/// Two-digit-year ISO 8601 forms: `YYMMDD`, `YY-MM-DD`, `-YYMM`, `-YY-MM`.
fn parse_iso_short(s: &str) -> Option<Timestamp> {
    let y2 = |t: &str| num(t, 2, 2).map(|y| 2000 + y as i32);
    if let Some(r) = s.strip_prefix('-') {
        let (y, m) = match r.split_once('-') {
            Some((y, m)) => (y2(y)?, num(m, 2, 2)?),
            None if r.len() == 4 => (y2(&r[..2])?, num(&r[2..], 2, 2)?),
            None => return None,
        };
        return build(y, m, 1, 0, 0, 0, 0);
    }
    if let Some((a, b, c)) = split3(s, '-') {
        return build(y2(a)?, num(b, 2, 2)?, num(c, 2, 2)?, 0, 0, 0, 0);
    }
    if s.len() == 6 {
        return build(
            y2(&s[..2])?,
            num(&s[2..4], 2, 2)?,
            num(&s[4..], 2, 2)?,
            0,
            0,
            0,
            0,
        );
    }
    None
}

/// Greek, Hungarian and Korean dates.
fn parse_localised(s: &str) -> Option<Timestamp> {
    // Korean: "2004년 05월 28일  01:31:15" (OnBlog) and "2004-05-25 오후 11:23:17" (Nate), KST.
    if s.contains('년') {
        let digits: Vec<u32> = s
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().ok())
            .collect::<Option<Vec<_>>>()?;
        if let [y, mo, d, h, mi, sec] = digits.as_slice() {
            return build(*y as i32, *mo, *d, *h, *mi, *sec, 9 * 3600);
        }
        return None;
    }
    if s.contains("오전") || s.contains("오후") {
        let pm = s.contains("오후");
        let t: Vec<&str> = s.split_whitespace().collect();
        let [date, _, time] = t.as_slice() else {
            return None;
        };
        let (y, mo, d) = split3(date, '-')?;
        let (mut h, mi, sec) = time_of_day(time)?;
        if pm && h < 12 {
            h += 12;
        }
        return build(
            num(y, 4, 4)? as i32,
            num(mo, 1, 2)?,
            num(d, 1, 2)?,
            h,
            mi,
            sec,
            9 * 3600,
        );
    }
    // Hungarian: "2004-július-13T9:15-05:00".
    const HU: [(&str, &str); 12] = [
        ("január", "01"),
        ("február", "02"),
        ("március", "03"),
        ("április", "04"),
        ("május", "05"),
        ("június", "06"),
        ("július", "07"),
        ("augusztus", "08"),
        ("szeptember", "09"),
        ("október", "10"),
        ("november", "11"),
        ("december", "12"),
    ];
    for (name, n) in HU {
        if s.contains(name) {
            return parse_w3dtf(&s.replace(name, n));
        }
    }
    // Greek: "Κυρ, 11 Ιούλ 2004 12:00:00 EST".
    const GR: [(&str, &str); 26] = [
        ("Κυρ", "Sun"),
        ("Δευ", "Mon"),
        ("Τρι", "Tue"),
        ("Τετ", "Wed"),
        ("Πεμ", "Thu"),
        ("Παρ", "Fri"),
        ("Σαβ", "Sat"),
        ("Ιαν", "Jan"),
        ("Φεβ", "Feb"),
        ("Μάώ", "Mar"),
        ("Μαρ", "Mar"),
        ("Μάρ", "Mar"),
        ("Απρ", "Apr"),
        ("Μάι", "May"),
        ("Μαϊ", "May"),
        ("Μαι", "May"),
        ("Ιούν", "Jun"),
        ("Ιον", "Jun"),
        ("Ιούλ", "Jul"),
        ("Ιολ", "Jul"),
        ("Αύγ", "Aug"),
        ("Αυγ", "Aug"),
        ("Σεπ", "Sep"),
        ("Οκτ", "Oct"),
        ("Νοέ", "Nov"),
        ("Δεκ", "Dec"),
    ];
    let mut out = s.to_string();
    for (g, e) in GR {
        out = out.replace(g, e);
    }
    out = out.replace("Νοε", "Nov");
    if out.is_ascii() {
        return parse_rfc822(&out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_date(s).map(|t| t.to_string()).unwrap_or_default()
    }

    #[test]
    fn common_forms() {
        assert_eq!(p("Thu, 01 Jan 2004 19:48:21 GMT"), "2004-01-01T19:48:21Z");
        assert_eq!(p("Fri,24 Nov 2023 18:28:36 -0000"), "2023-11-24T18:28:36Z");
        assert_eq!(
            p("Mon, 26 January 2004 16:31:00 PT"),
            "2004-01-27T00:31:00Z"
        );
        assert_eq!(p("2003-12-31T10:14:55-08:00"), "2003-12-31T18:14:55Z");
        assert_eq!(p("2004-07-08 23:56:58 -00:20"), "2004-07-09T00:16:58Z");
        assert_eq!(p("Sun Jan  4 16:29:06 2004"), "2004-01-04T16:29:06Z");
        assert_eq!(p("Fri, 2006/09/15 08:19:53 EDT"), "2006-09-15T12:19:53Z");
        assert_eq!(p("2004-05-25 오후 11:23:17"), "2004-05-25T14:23:17Z");
        assert_eq!(p("Κυρ, 11 Ιούλ 2004 12:00:00 EST"), "2004-07-11T17:00:00Z");
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "Sun, 16 Dec 2012 1:2:3:4 GMT",
            "Sun, 99 Jun 2009 12:00:00 GMT",
            "2003-12-31T25:14:55Z",
            "2013-01-28T11:30:00-06:00Textra",
            "9999-12-31T23:59:59-99:99",
            "not a date",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
