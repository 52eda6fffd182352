//! Recognition: a hand-written grammar over tokens that finds time expressions and says what
//! they mean ([`Sem`]) without resolving them against any date yet.
//!
//! The scan goes left to right; at each token every rule is tried and the longest match wins.
//! Rules only look at a bounded window of tokens, so the scan is linear in the text.

use super::calendar::{MAX_YEAR, MIN_YEAR, Pod, Season, Unit};
use super::lex::{Kind, Tok};
use super::words::*;

/// Which way a deictic word points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    This,
    Last,
    Next,
}

/// What a relative expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    /// The document creation time ("yesterday", "two years ago", "last week").
    Dct,
    /// The time last spoken of ("the next day", "a year earlier").
    Ref,
    /// "a year ago": the DCT, or the quarter just spoken of ("sales rose from a year ago").
    Ago,
}

/// The meaning of a recognised expression, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// A calendar date or month; `y == None` for a year-less "February 26" or "in January".
    Date {
        y: Option<i32>,
        m: u8,
        d: Option<u8>,
    },
    Year(i32),
    /// A two-digit year ("'98").
    ShortYear(u8),
    Decade(i32),
    Century(i32),
    Season {
        y: Option<i32>,
        s: Season,
    },
    Quarter {
        y: Option<i32>,
        q: u8,
    },
    Half {
        y: Option<i32>,
        h: u8,
    },
    Weekday {
        wd: u8,
        shift: Option<Shift>,
    },
    /// "last October", "next May", "last Oct. 23" (`d`).
    /// "the previous Friday", "the following Monday": counted from the day last spoken of.
    WeekdayRef {
        wd: u8,
        next: bool,
    },
    MonthShift {
        m: u8,
        d: Option<u8>,
        shift: Shift,
    },
    SeasonShift {
        s: Season,
        shift: Shift,
    },
    /// The anchor at granularity `unit`, moved by `n` units.
    Rel {
        unit: Unit,
        n: i64,
        anchor: Anchor,
    },
    /// "the weekend"; `n` weeks from the current one when given.
    Weekend(Option<i64>),
    /// "the latest quarter", "the quarter".
    LatestQuarter,
    /// An accounting period: "the year-earlier quarter", "the same period last year", "the 1988
    /// period", "the year-ago third quarter". Quarter `q` (or the period last spoken of), in
    /// `year`, or `years` years from the DCT or that period.
    Period {
        q: Option<u8>,
        years: i64,
        year: Option<i32>,
    },
    /// A year-less date or season in the year `n` years from the DCT: "June last year",
    /// "January this year".
    YearRel {
        inner: Box<Sem>,
        n: i64,
    },
    /// The week (or quarter) a date falls in: "the week of March 6", "the quarter [ended
    /// Sept. 30]" (where the date is an expression of its own).
    Within(Unit, Box<Sem>),
    /// `n` days from a day: "the day before last Tuesday".
    DayFrom {
        inner: Box<Sem>,
        n: i64,
    },
    /// PAST_REF, PRESENT_REF, FUTURE_REF.
    RefWord(&'static str),
    /// "that day", "the same day": the day last spoken of (a day of the month or year last
    /// spoken of when no day was, when `same`; no time at all when not).
    ThatDay {
        same: bool,
    },
    /// "that quarter": the quarter last spoken of.
    ThatQuarter,
    /// "year-end", "year's end": the end of the current year, or of the last one when spoken
    /// of in the past.
    YearEnd,
    Duration(String),
    Set(String),
    DayPod {
        day: Box<Sem>,
        pod: Pod,
    },
    /// A time of day, on the day written right after it ("noon Thursday") when there is one.
    Clock {
        h: u8,
        m: u8,
        day: Option<Box<Sem>>,
        /// Written in UTC/GMT.
        zulu: bool,
    },
    /// An already known value ("XXXX-XX-XX").
    Fixed(String),
}

/// The TimeML type a meaning has.
pub(crate) fn sem_type(s: &Sem) -> attache_model::TimexType {
    use attache_model::TimexType as T;
    match s {
        Sem::Duration(_) => T::Duration,
        Sem::Set(_) => T::Set,
        Sem::DayPod { .. } | Sem::Clock { .. } => T::Time,
        _ => T::Date,
    }
}

/// One match: tokens `[start, end)`.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
}

/// Whether numeric dates put the day first (`26/02/2025`) or the month (`02/26/2025`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    DayFirst,
    MonthFirst,
}

pub(crate) struct Parser<'t, 'a> {
    pub toks: &'t [Tok<'a>],
    pub order: Order,
}

enum Num {
    Exact(f64),
    Vague,
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// TimeML duration for `n` units (`None`: an unknown number, "X").
pub(crate) fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (t, letter, mult) = match unit {
        Unit::Second => (true, 'S', 1.0),
        Unit::Minute => (true, 'M', 1.0),
        Unit::Hour => (true, 'H', 1.0),
        Unit::Day => (false, 'D', 1.0),
        Unit::Week => (false, 'W', 1.0),
        Unit::Month => (false, 'M', 1.0),
        Unit::Quarter => (false, 'Q', 1.0),
        Unit::Year => (false, 'Y', 1.0),
        Unit::Decade => (false, 'Y', 10.0),
        Unit::Century => (false, 'Y', 100.0),
    };
    let p = if t { "PT" } else { "P" };
    match n {
        None => match unit {
            Unit::Decade => "PXE".to_string(),
            Unit::Century => "PXC".to_string(),
            _ => format!("{p}X{letter}"),
        },
        Some(x) => {
            let x = x * mult;
            // "2 1/2 years" is P2Y6M, "5 1/2 hours" PT5H30M
            if x.fract() != 0.0 && x >= 1.0 {
                let sub = match unit {
                    Unit::Year => Some((12.0, 'M')),
                    Unit::Hour | Unit::Minute => {
                        Some((60.0, if unit == Unit::Hour { 'M' } else { 'S' }))
                    }
                    Unit::Day => Some((24.0, 'H')),
                    _ => None,
                };
                if let Some((k, l2)) = sub {
                    let rest = x.fract() * k;
                    if rest.fract() == 0.0 {
                        let mid = if unit == Unit::Day { "T" } else { "" };
                        return format!("{p}{}{letter}{mid}{}{l2}", x.trunc() as i64, rest as i64);
                    }
                }
            }
            if x.fract() != 0.0 {
                // Express fractions in the next smaller unit.
                let smaller = match unit {
                    Unit::Year | Unit::Decade | Unit::Century => Some((x * 12.0, "P", 'M')),
                    Unit::Month => Some((x * 30.0, "P", 'D')),
                    Unit::Week => Some((x * 7.0, "P", 'D')),
                    Unit::Day => Some((x * 24.0, "PT", 'H')),
                    Unit::Hour => Some((x * 60.0, "PT", 'M')),
                    Unit::Minute => Some((x * 60.0, "PT", 'S')),
                    _ => None,
                };
                if let Some((y, p2, l2)) = smaller
                    && y.fract() == 0.0
                {
                    return format!("{p2}{}{l2}", y as i64);
                }
            }
            format!("{p}{}{letter}", fmt_num(x))
        }
    }
}

impl<'t, 'a> Parser<'t, 'a> {
    fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => t.lower.as_str(),
            _ => "",
        }
    }
    fn is(&self, i: usize, w: &str) -> bool {
        self.w(i) == w
    }
    pub(crate) fn p(&self, i: usize, c: &str) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct && t.text == c)
    }
    fn dash(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—" | "‐" | "‑"))
    }
    /// Token `i` follows token `i-1` with no space.
    fn adj(&self, i: usize) -> bool {
        matches!(self.toks.get(i), Some(t) if !t.space_before)
    }
    /// "current" at `i` is the adjective of time before its noun ("current conditions"), not
    /// an accounting term ("current assets", "current account"), the noun ("the current"), nor
    /// the start of a dated period ("current year", "current fiscal year").
    fn current_adj(&self, i: usize) -> bool {
        let next = self.w(i + 1);
        !next.is_empty()
            && self.is(i, "current")
            && !self.dash(i + 1)
            && unit(next).is_none()
            && !matches!(
                next,
                "fiscal"
                    | "account"
                    | "accounts"
                    | "asset"
                    | "assets"
                    | "liabilities"
                    | "liability"
                    | "ratio"
                    | "and"
                    | "or"
                    | "is"
                    | "was"
                    | "of"
                    | "in"
                    | "to"
                    | "that"
            )
    }
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Digits => Some((t.num?, t.ndigits())),
            _ => None,
        }
    }
    fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }

    /// Month name at `i` → (end, month).
    fn month(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        if let Some(m) = month_full(&t.lower) {
            return Some((i + 1, m));
        }
        let m = month_abbr(&t.lower)?;
        if self.p(i + 1, ".") && self.adj(i + 1) {
            Some((i + 2, m))
        } else if self.digits(i + 1).is_some() {
            Some((i + 1, m))
        } else {
            None
        }
    }

    /// Day of month at `i` ("26", "26th", "twenty-sixth" not supported) → (end, day).
    fn day(&self, i: usize) -> Option<(usize, u8)> {
        let (n, nd) = self.digits(i)?;
        if nd > 2 || !(1..=31).contains(&n) {
            return None;
        }
        let mut e = i + 1;
        if is_ordinal_suffix(self.w(e)) && self.adj(e) {
            e += 1;
        }
        // Not a time ("26:30") nor a decimal or a longer number.
        if (self.p(e, ":") || self.p(e, ".") || self.p(e, ","))
            && self.adj(e)
            && self.digits(e + 1).is_some()
            && self.adj(e + 1)
        {
            return None;
        }
        Some((e, n as u8))
    }

    /// A year spelled out: "nineteen ninety-six", "nineteen hundred", "two thousand [and] one".
    /// `standalone`: without a year cue before it, only the "nineteen ninety-six" pattern.
    fn spelled_year(&self, i: usize, standalone: bool) -> Option<(usize, i32)> {
        let w = self.w(i);
        let tens = |k: usize| -> Option<(usize, i32)> {
            let v = small_number(self.w(k))? as i32;
            if (10..20).contains(&v) {
                return Some((k + 1, v));
            }
            if !(20..100).contains(&v) || v % 10 != 0 {
                return None;
            }
            if self.dash(k + 1) && self.adj(k + 1) {
                // "twenty-six", but not "twenty-dollar"
                let u = small_number(self.w(k + 2)).filter(|u| (1..10).contains(u))?;
                return Some((k + 3, v + u as i32));
            }
            if let Some(u) = small_number(self.w(k + 1)).filter(|u| (1..10).contains(u)) {
                return Some((k + 2, v + u as i32));
            }
            Some((k + 1, v))
        };
        let (e, y) = match w {
            "eighteen" | "nineteen" | "twenty" => {
                let c = small_number(w)? as i32 * 100;
                if self.is(i + 1, "hundred") && w != "twenty" {
                    (i + 2, c)
                } else if self.is(i + 1, "oh") || self.is(i + 1, "o") {
                    let u = small_number(self.w(i + 2)).filter(|u| (1..10).contains(u))?;
                    (i + 3, c + u as i32)
                } else {
                    let (e, t) = tens(i + 1)?;
                    (e, c + t)
                }
            }
            "two" if !standalone && self.is(i + 1, "thousand") => {
                let mut k = i + 2;
                if self.is(k, "and") {
                    k += 1;
                }
                match tens(k).or_else(|| {
                    small_number(self.w(k))
                        .filter(|u| (1..10).contains(u))
                        .map(|u| (k + 1, u as i32))
                }) {
                    Some((e, t)) => (e, 2000 + t),
                    None => (i + 2, 2000),
                }
            }
            _ => return None,
        };
        if quantity_noun(self.w(e)) || self.is(e, "percent") {
            return None;
        }
        Some((e, y))
    }

    /// A four-digit year at `i` (1000–2199) that is not part of a larger number.
    pub(crate) fn year4(&self, i: usize) -> Option<(usize, i32)> {
        if self.toks.get(i)?.kind == Kind::Word {
            return self.spelled_year(i, false);
        }
        let (n, nd) = self.digits(i)?;
        if nd != 4 || !(MIN_YEAR as u32..=MAX_YEAR as u32).contains(&n) {
            return None;
        }
        // Not 1,2000 nor 2000.5 nor $2000.
        if i > 0 {
            let prev = &self.toks[i - 1];
            if !self.toks[i].space_before
                && (prev.kind == Kind::Digits
                    || matches!(prev.text, "$" | "£" | "€" | "," | "." | "#" | "/"))
            {
                return None;
            }
            if matches!(prev.text, "$" | "£" | "€" | "#" | "No" | "no") {
                return None;
            }
        }
        let e = i + 1;
        if (self.p(e, ",") || self.p(e, ".") || self.p(e, "/"))
            && self.adj(e)
            && self.digits(e + 1).is_some()
            && self.adj(e + 1)
        {
            return None;
        }
        if self.p(e, "%") || quantity_noun(self.w(e)) {
            return None;
        }
        Some((e, n as i32))
    }

    /// A year written after a month or day: four digits or "'98".
    fn year_after(&self, i: usize) -> Option<(usize, Sem)> {
        if let Some((e, y)) = self.year4(i) {
            return Some((e, Sem::Year(y)));
        }
        if (self.p(i, "'") || self.p(i, "’")) && self.adj(i + 1) {
            let (n, nd) = self.digits(i + 1)?;
            if nd == 2 {
                return Some((i + 2, Sem::ShortYear(n as u8)));
            }
        }
        None
    }

    /// A number at `i` → (end, value).
    fn number(&self, i: usize) -> Option<(usize, Num)> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Digits {
            let (n, nd) = self.digits(i)?;
            if nd > 6 {
                return None;
            }
            // 1,000 or 1.5
            if self.p(i + 1, ".")
                && self.adj(i + 1)
                && self.adj(i + 2)
                && let Some((f, fd)) = self.digits(i + 2)
            {
                let v = n as f64 + f as f64 / 10f64.powi(fd as i32);
                return Some((i + 3, Num::Exact(v)));
            }
            if self.p(i + 1, ",")
                && self.adj(i + 1)
                && self.adj(i + 2)
                && let Some((f, 3)) = self.digits(i + 2)
            {
                return Some((i + 3, Num::Exact((n * 1000 + f) as f64)));
            }
            // "2 1/2"
            if let Some((a, 1)) = self.digits(i + 1)
                && self.toks[i + 1].space_before
                && self.p(i + 2, "/")
                && self.adj(i + 2)
                && self.adj(i + 3)
                && let Some((b, 1)) = self.digits(i + 3)
                && (2..=4).contains(&b)
                && a < b
                && nd <= 3
            {
                return Some((i + 4, Num::Exact(n as f64 + a as f64 / b as f64)));
            }
            return Some((i + 1, Num::Exact(n as f64)));
        }
        let w = self.w(i);
        match w {
            "a" | "an" => {
                if self.is(i + 1, "few") {
                    return Some((i + 2, Num::Vague));
                }
                if self.is(i + 1, "couple") && self.is(i + 2, "of") {
                    return Some((i + 3, Num::Exact(2.0)));
                }
                if self.is(i + 1, "dozen") {
                    return Some((i + 2, Num::Exact(12.0)));
                }
                if self.is(i + 1, "half") && self.is(i + 2, "dozen") {
                    return Some((i + 3, Num::Exact(6.0)));
                }
                if self.is(i + 1, "number") && self.is(i + 2, "of") {
                    return Some((i + 3, Num::Vague));
                }
                return Some((i + 1, Num::Exact(1.0)));
            }
            "several" | "few" | "many" | "numerous" | "some" => return Some((i + 1, Num::Vague)),
            "couple" if self.is(i + 1, "of") => return Some((i + 2, Num::Exact(2.0))),
            "dozens" | "hundreds" | "thousands" if self.is(i + 1, "of") => {
                return Some((i + 2, Num::Vague));
            }
            "half" => {
                if self.is(i + 1, "a") || self.is(i + 1, "an") {
                    return Some((i + 2, Num::Exact(0.5)));
                }
                return None;
            }
            _ => {}
        }
        let mut v = small_number(w)? as f64;
        let mut e = i + 1;
        // twenty-five
        if (20.0..100.0).contains(&v) {
            if self.dash(e) && self.adj(e) && self.adj(e + 1) {
                if let Some(u) = small_number(self.w(e + 1)).filter(|u| *u < 10) {
                    v += u as f64;
                    e += 2;
                }
            } else if let Some(u) = small_number(self.w(e)).filter(|u| *u < 10) {
                v += u as f64;
                e += 1;
            }
        }
        if self.is(e, "hundred") {
            v *= 100.0;
            e += 1;
        }
        // "two and a half"
        if self.is(e, "and") && self.is(e + 1, "a") && self.is(e + 2, "half") {
            v += 0.5;
            e += 3;
        }
        Some((e, Num::Exact(v)))
    }

    /// Every rule at `i`; the longest match.
    pub fn parse(&self, i: usize) -> Option<Match> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Punct && !matches!(t.text, "'" | "’") {
            return None;
        }
        let (j, pmod) = self.prefix(i);
        if j > i
            && let Some(mut m) = self.core(j)
        {
            let ok = match pmod {
                Some("EARLY" | "LATE" | "MID" | "START" | "END") => {
                    matches!(
                        sem_type(&m.sem),
                        attache_model::TimexType::Date | attache_model::TimexType::Time
                    )
                }
                Some(_) => true,
                None => true,
            };
            if ok {
                // Prepositions and "about" stay outside the extent, as TimeBank marks them
                // ("within [a week]", "about [three days]"); their meaning stays in `mod`.
                m.start = if matches!(self.w(i), "within" | "over" | "under" | "about") {
                    j
                } else {
                    i
                };
                if pmod.is_some() {
                    m.modifier = pmod;
                }
                return Some(m);
            }
        }
        self.core(i)
    }

    /// Modifier words before an expression → (position after them, mod).
    fn prefix(&self, i: usize) -> (usize, Option<&'static str>) {
        let w = self.w(i);
        let w1 = self.w(i + 1);
        let w2 = self.w(i + 2);
        // "mid-1990s", "mid-October"
        if w == "mid" && self.dash(i + 1) && self.adj(i + 1) {
            return (i + 2, Some("MID"));
        }
        if w == "the" {
            if matches!(w1, "early" | "late" | "mid") {
                let (j, m) = self.prefix(i + 1);
                if j > i + 1 {
                    return (j, m);
                }
            }
            if w2 == "of" {
                match w1 {
                    "end" => return (i + 3, Some("END")),
                    "beginning" | "start" => return (i + 3, Some("START")),
                    "middle" => return (i + 3, Some("MID")),
                    _ => {}
                }
            }
        }
        match w {
            "early" => return (i + 1, Some("EARLY")),
            "late" => return (i + 1, Some("LATE")),
            "mid" | "middle" => return (i + 1, Some("MID")),
            "earlier" | "later" => {
                if matches!(w1, "this" | "that" | "last" | "next") {
                    return (i + 1, None);
                }
                if w1 == "in" && w2 == "the" {
                    return (i + 2, None);
                }
            }
            "about" | "around" | "approximately" | "roughly" | "nearly" | "almost" | "some"
            | "circa" => {
                if w == "some" && self.number(i + 1).is_none() {
                    return (i, None);
                }
                return (i + 1, Some("APPROX"));
            }
            "more" | "less" | "fewer" if w1 == "than" => {
                return (
                    i + 2,
                    Some(if w == "more" {
                        "MORE_THAN"
                    } else {
                        "LESS_THAN"
                    }),
                );
            }
            "over" | "under" if self.number(i + 1).is_some() && w1 != "the" => {
                return (
                    i + 1,
                    Some(if w == "over" {
                        "MORE_THAN"
                    } else {
                        "LESS_THAN"
                    }),
                );
            }
            "at" if matches!(w1, "least" | "most") => {
                return (
                    i + 2,
                    Some(if w1 == "least" {
                        "EQUAL_OR_MORE"
                    } else {
                        "EQUAL_OR_LESS"
                    }),
                );
            }
            "up" if w1 == "to" && self.number(i + 2).is_some() => {
                return (i + 2, Some("EQUAL_OR_LESS"));
            }
            "no" if matches!(w1, "more" | "less") && w2 == "than" => {
                return (
                    i + 3,
                    Some(if w1 == "more" {
                        "EQUAL_OR_LESS"
                    } else {
                        "EQUAL_OR_MORE"
                    }),
                );
            }
            "within" if self.number(i + 1).is_some() => return (i + 1, Some("EQUAL_OR_LESS")),
            _ => {}
        }
        (i, None)
    }

    fn core(&self, i: usize) -> Option<Match> {
        let mut best: Option<Match> = None;
        let mut offer = |m: Option<Match>| {
            if let Some(m) = m
                && m.end > m.start
                && best.as_ref().is_none_or(|b| m.end > b.end)
            {
                best = Some(m);
            }
        };
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Digits => {
                offer(self.numeric_date(i));
                offer(self.day_month(i));
                offer(self.year_rule(i));
                offer(self.era_year(i));
                offer(self.decade_digits(i));
                offer(self.clock(i));
                offer(self.number_unit(i));
                offer(self.century_rule(i));
                offer(self.quarter_abbrev(i));
                offer(self.quarter_rule(i));
            }
            Kind::Punct => {
                offer(self.decade_digits(i));
                offer(self.short_year(i));
            }
            Kind::Word => {
                offer(
                    self.spelled_year(i, true)
                        .and_then(|(e, y)| self.mk(i, e, Sem::Year(y))),
                );
                offer(self.month_rule(i));
                offer(self.era_year(i));
                offer(self.weekday_rule(i));
                offer(self.deictic(i));
                offer(self.shifted(i));
                offer(self.the_rule(i));
                offer(self.season_rule(i));
                offer(self.quarter_rule(i));
                offer(self.quarter_abbrev(i));
                offer(self.number_unit(i));
                offer(self.century_rule(i));
                offer(self.set_rule(i));
                offer(self.clock(i));
                offer(self.holiday(i));
                offer(self.fiscal(i));
                offer(self.period_rule(i));
                offer(self.week_of(i));
                offer(self.bare_plural(i));
                offer(self.year_end(i));
                offer(self.pod_day(i));
            }
        }
        let mut m = best?;
        // "June last year", "January this year"
        if matches!(
            m.sem,
            Sem::Date { y: None, .. } | Sem::Season { y: None, .. }
        ) {
            let mut k = m.end;
            if self.p(k, ",") {
                k += 1;
            }
            let n = match self.w(k) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let Some(n) = n
                && self.is(k + 1, "year")
                && !(self.dash(k + 2) && self.adj(k + 2))
            {
                m.sem = Sem::YearRel {
                    inner: Box::new(m.sem),
                    n,
                };
                m.end = k + 2;
            }
        }
        // "or so", "or more"
        if self.is(m.end, "or") {
            match self.w(m.end + 1) {
                "so" => {
                    m.end += 2;
                    m.modifier = m.modifier.or(Some("APPROX"));
                }
                "more" | "longer" if sem_type(&m.sem) == attache_model::TimexType::Duration => {
                    m.end += 2;
                    m.modifier = m.modifier.or(Some("EQUAL_OR_MORE"));
                }
                "less" if sem_type(&m.sem) == attache_model::TimexType::Duration => {
                    m.end += 2;
                    m.modifier = m.modifier.or(Some("EQUAL_OR_LESS"));
                }
                _ => {}
            }
        }
        Some(m)
    }

    /// A match meaning `n` units from `anchor`.
    fn mk_rel(
        &self,
        start: usize,
        end: usize,
        unit: Unit,
        n: i64,
        anchor: Anchor,
    ) -> Option<Match> {
        self.mk(start, end, Sem::Rel { unit, n, anchor })
    }

    fn mk(&self, start: usize, end: usize, sem: Sem) -> Option<Match> {
        Some(Match {
            start,
            end,
            sem,
            modifier: None,
        })
    }

    /// 2025-02-26, 26/02/2025, 02/26/2025, 26.02.2025, 2025/02/26, 02/26/25.
    fn numeric_date(&self, i: usize) -> Option<Match> {
        let (a, na) = self.digits(i)?;
        let sep = self.toks.get(i + 1)?;
        if sep.kind != Kind::Punct || !matches!(sep.text, "-" | "/" | ".") || sep.space_before {
            return None;
        }
        let s = sep.text;
        let (b, nb) = self.digits(i + 2).filter(|_| self.adj(i + 2))?;
        let has_third =
            self.p(i + 3, s) && self.adj(i + 3) && self.adj(i + 4) && self.digits(i + 4).is_some();
        if !has_third {
            // 2024-10 (ISO month) when the second part can't be a year range.
            if na == 4 && nb == 2 && s == "-" && (1..=12).contains(&b) && b < a % 100 {
                return self.mk(
                    i,
                    i + 3,
                    Sem::Date {
                        y: Some(a as i32),
                        m: b as u8,
                        d: None,
                    },
                );
            }
            return None;
        }
        let (c, nc) = self.digits(i + 4)?;
        if self.adj(i + 5)
            && (self.digits(i + 5).is_some() || (self.p(i + 5, s) && self.digits(i + 6).is_some()))
        {
            return None;
        }
        let end = i + 5;
        if na == 4 && nb <= 2 && nc <= 2 {
            // "2025-13-45" is no date
            if !(1..=12).contains(&b) || !(1..=31).contains(&c) {
                return None;
            }
            return self.mk(
                i,
                end,
                Sem::Date {
                    y: Some(a as i32),
                    m: b as u8,
                    d: Some(c as u8),
                },
            );
        }
        if na > 2 || nb > 2 || !(nc == 4 || nc == 2) {
            return None;
        }
        let y = if nc == 4 {
            Sem::Year(c as i32)
        } else {
            Sem::ShortYear(c as u8)
        };
        let day_first = if a > 12 {
            true
        } else if b > 12 {
            false
        } else {
            s == "." || self.order == Order::DayFirst
        };
        let (m, d) = if day_first { (b, a) } else { (a, b) };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let yv = match y {
            Sem::Year(y) => y,
            // Resolved later; keep the two digits in the day slot's year with a marker.
            _ => {
                return self.mk(i, end, Sem::Fixed(format!("SHORT:{c:02}-{m:02}-{d:02}")));
            }
        };
        self.mk(
            i,
            end,
            Sem::Date {
                y: Some(yv),
                m: m as u8,
                d: Some(d as u8),
            },
        )
    }

    /// Whether a bare "May" or "March" at `i` is the month (not the verb).
    fn month_word_ok(&self, i: usize, m: u8) -> bool {
        let w = self.w(i);
        if !((m == 5 && w == "may") || (m == 3 && w == "march")) {
            return true;
        }
        if self.digits(i + 1).is_some() {
            return true;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        // "the March accession", "the May elections": a capitalised month before its noun
        // (not "the March on Washington")
        if matches!(prev, "the" | "its" | "their" | "his" | "her" | "our")
            && self.toks[i].cap
            && self.toks.get(i + 1).is_some_and(|t| {
                t.kind == Kind::Word
                    && !t.cap
                    && !matches!(
                        t.lower.as_str(),
                        "of" | "on"
                            | "to"
                            | "for"
                            | "from"
                            | "in"
                            | "through"
                            | "against"
                            | "and"
                            | "was"
                            | "is"
                            | "will"
                            | "has"
                            | "had"
                    )
            })
        {
            return true;
        }
        matches!(
            prev,
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "of"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "through"
                | "from"
                | "to"
                | "between"
                | "during"
                | "before"
                | "after"
                | "on"
                | "end"
                | "than"
                | "around"
                | "within"
        ) || (i > 0 && self.dash(i - 1))
            // "April and May", "March 3 or May 5" (not "Johnson and May")
            || (matches!(prev, "and" | "or")
                && i > 1
                && (self.month(i - 2).is_some() || self.digits(i - 2).is_some()))
    }

    fn month_rule(&self, i: usize) -> Option<Match> {
        let (e, m) = self.month(i)?;
        if !self.month_word_ok(i, m) {
            return None;
        }
        // Month Day[, Year]; "March eighth"
        let spelled = ordinal_word(self.w(e))
            .filter(|d| (1..=31).contains(d))
            .filter(|_| !matches!(self.w(e + 1), "quarter" | "half" | "time" | "day"))
            .map(|d| (e + 1, d as u8));
        if let Some((e2, d)) = self.day(e).or(spelled) {
            // not "May 2024" misread as a day: day() refuses 4 digits anyway
            let mut end = e2;
            let mut y = None;
            let mut k = e2;
            if self.p(k, ",") {
                k += 1;
            }
            if let Some((e3, ys)) = self.year_after(k) {
                end = e3;
                y = Some(ys);
            }
            let sem = match y {
                Some(Sem::Year(y)) => Sem::Date {
                    y: Some(y),
                    m,
                    d: Some(d),
                },
                Some(Sem::ShortYear(s)) => Sem::Fixed(format!("SHORT:{s:02}-{m:02}-{d:02}")),
                _ => Sem::Date {
                    y: None,
                    m,
                    d: Some(d),
                },
            };
            return self.mk(i, end, sem);
        }
        // Month [of|,] Year
        let mut k = e;
        if self.is(k, "of") || self.p(k, ",") {
            k += 1;
        }
        if let Some((e3, ys)) = self.year_after(k) {
            let sem = match ys {
                Sem::Year(y) => Sem::Date {
                    y: Some(y),
                    m,
                    d: None,
                },
                Sem::ShortYear(s) => Sem::Fixed(format!("SHORT:{s:02}-{m:02}")),
                _ => return None,
            };
            return self.mk(i, e3, sem);
        }
        // A bare abbreviation needs its period and a context.
        if month_full(self.w(i)).is_none() && !(self.p(i + 1, ".")) {
            return None;
        }
        self.mk(
            i,
            e,
            Sem::Date {
                y: None,
                m,
                d: None,
            },
        )
    }

    /// 26 February [2025], 26th of February, the 26th of February.
    fn day_month(&self, i: usize) -> Option<Match> {
        let (mut e, d) = self.day(i)?;
        if self.is(e, "of") {
            e += 1;
        }
        let (e2, m) = self.month(e)?;
        let mut end = e2;
        let mut k = e2;
        if self.p(k, ",") {
            k += 1;
        }
        let sem = match self.year_after(k) {
            Some((e3, Sem::Year(y))) => {
                end = e3;
                Sem::Date {
                    y: Some(y),
                    m,
                    d: Some(d),
                }
            }
            Some((e3, Sem::ShortYear(s))) => {
                end = e3;
                Sem::Fixed(format!("SHORT:{s:02}-{m:02}-{d:02}"))
            }
            _ => Sem::Date {
                y: None,
                m,
                d: Some(d),
            },
        };
        self.mk(i, end, sem)
    }

    /// "in '98", "the class of '05": an apostrophe year after a word that takes a year.
    fn short_year(&self, i: usize) -> Option<Match> {
        if i == 0 || !year_cue(self.w(i - 1)) {
            return None;
        }
        match self.year_after(i)? {
            (e, Sem::ShortYear(s)) if !(self.is(e, "s") && self.adj(e)) => {
                self.mk(i, e, Sem::ShortYear(s))
            }
            _ => None,
        }
    }

    /// An era written at `e` ("BC", "B.C.", "BCE", "AD", "A.D.", "CE", in capitals): its end
    /// and whether it counts back.
    fn era(&self, e: usize) -> Option<(usize, bool)> {
        let t = self.toks.get(e)?;
        match t.text {
            "BC" | "BCE" => Some((e + 1, true)),
            "AD" | "CE" => Some((e + 1, false)),
            "B" | "A"
                if self.p(e + 1, ".")
                    && self
                        .toks
                        .get(e + 2)
                        .is_some_and(|t| t.text == "C" || t.text == "D")
                    && self.p(e + 3, ".") =>
            {
                let bc = t.text == "B";
                (bc == (self.toks[e + 2].text == "C")).then_some((e + 4, bc))
            }
            _ => None,
        }
    }

    /// "500 BC", "44 B.C.", "AD 122", "1200 AD": a year of an era (BC ones as TimeML writes
    /// them, "BC0500").
    fn era_year(&self, i: usize) -> Option<Match> {
        // tried at every word and number: the era's first letter first
        let era_at = if self.toks.get(i)?.kind == Kind::Digits {
            i + 1
        } else {
            i
        };
        if !matches!(
            self.toks.get(era_at)?.text.as_bytes().first(),
            Some(b'A' | b'B' | b'C')
        ) {
            return None;
        }
        let (n, end, bc) = match self.digits(i) {
            // "500 BC", "1200 AD"
            Some((n, nd)) if nd <= 4 => {
                let (end, bc) = self.era(i + 1)?;
                (n, end, bc)
            }
            Some(_) => return None,
            // "AD 122"
            None => {
                let (e, false) = self.era(i)? else {
                    return None;
                };
                match self.digits(e)? {
                    (n, nd) if nd <= 4 => (n, e + 1, false),
                    _ => return None,
                }
            }
        };
        if n == 0 {
            return None;
        }
        let sem = if bc {
            Sem::Fixed(format!("BC{n:04}"))
        } else if (MIN_YEAR as u32..=MAX_YEAR as u32).contains(&n) {
            Sem::Year(n as i32)
        } else {
            Sem::Fixed(format!("{n:04}"))
        };
        self.mk(i, end, sem)
    }

    fn year_rule(&self, i: usize) -> Option<Match> {
        let (e, y) = self.year4(i)?;
        if !(1900..=2100).contains(&y) {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if !year_cue(prev) && !matches!(self.w(e), "bc" | "ad" | "bce" | "ce") {
                return None;
            }
        }
        // A bare number at a sentence start followed by a noun is rarely a year, but news
        // writes years everywhere; accept.
        self.mk(i, e, Sem::Year(y))
    }

    /// 1990s, the '90s, the 90s.
    fn decade_digits(&self, i: usize) -> Option<Match> {
        let mut k = i;
        let apos = self.p(k, "'") || self.p(k, "’");
        if apos {
            k += 1;
            if !self.adj(k) {
                return None;
            }
        }
        let (n, nd) = self.digits(k)?;
        if !(self.is(k + 1, "s") && self.adj(k + 1)) || n % 10 != 0 {
            return None;
        }
        let dec = match nd {
            4 if (1000..=2190).contains(&n) => (n / 10) as i32,
            // "the 90s" or "'90s"; "in their 20s" is an age
            2 if apos || (i > 0 && matches!(self.w(i - 1), "the" | "early" | "late" | "mid")) => {
                if n <= 20 {
                    200 + (n / 10) as i32
                } else {
                    190 + (n / 10) as i32
                }
            }
            _ => return None,
        };
        self.mk(i, k + 2, Sem::Decade(dec))
    }

    /// 3 p.m., 10:30, 10:30 a.m. EST, noon, midnight.
    fn clock(&self, i: usize) -> Option<Match> {
        match self.w(i) {
            "noon" | "midday" => return self.clock_day(i, i + 1, 12, 0, false),
            "midnight" => return self.clock_day(i, i + 1, 24, 0, false),
            _ => {}
        }
        let (h, nh) = self.digits(i)?;
        // "0800 GMT", "1530 UTC", "2200 hours": a 24-hour time written as four digits, only
        // with its zone or "hours" (else it is a year or a count)
        if nh == 4 {
            let (hh, mm) = (h / 100, h % 100);
            let zone = matches!(self.w(i + 1), "gmt" | "utc" | "z");
            // "at 2200 hours", not "1200 hours of footage"
            let hours = matches!(self.w(i + 1), "hours" | "hrs")
                && i > 0
                && matches!(self.w(i - 1), "at" | "until" | "till" | "from")
                && !self.is(i + 2, "of");
            if hh > 23 || mm > 59 || !(zone || hours) {
                return None;
            }
            return self.clock_day(i, i + 2, hh as u8, mm as u8, zone);
        }
        if nh > 2 || h > 24 {
            return None;
        }
        let mut e = i + 1;
        let mut min = 0;
        let mut has_min = false;
        if self.p(e, ":") && self.adj(e) && self.adj(e + 1) {
            let (m, nm) = self.digits(e + 1)?;
            if nm != 2 || m > 59 {
                return None;
            }
            min = m;
            has_min = true;
            e += 2;
        }
        // a.m. / p.m. / am / pm
        let mut ampm = None;
        let w = self.w(e);
        if w == "am" || w == "pm" {
            ampm = Some(w == "pm");
            e += 1;
        } else if (w == "a" || w == "p") && self.p(e + 1, ".") && self.is(e + 2, "m") {
            ampm = Some(w == "p");
            e += 3;
            if self.p(e, ".") && self.adj(e) {
                e += 1;
            }
        } else if w == "o" && (self.p(e + 1, "'") || self.p(e + 1, "’")) && self.is(e + 2, "clock")
        {
            e += 3;
            ampm = Some(false);
        }
        // "4 in the morning", "8 in the evening"
        if self.is(e, "in")
            && self.is(e + 1, "the")
            && let Some(p) = pod(self.w(e + 2))
            && (1..=12).contains(&h)
            && ampm.is_none_or(|pm| pm == (p != Pod::Morning))
        {
            ampm = Some(match p {
                Pod::Morning => false,
                Pod::Night => (5..12).contains(&h),
                _ => true,
            });
            e += 3;
        }
        if ampm.is_none() {
            if !has_min || h > 23 {
                return None;
            }
            // A bare 10:30 needs a cue: "at 10:30", a time zone, "local time".
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let tz = matches!(
                self.w(e),
                "gmt"
                    | "utc"
                    | "est"
                    | "edt"
                    | "cet"
                    | "cest"
                    | "msk"
                    | "pst"
                    | "pdt"
                    | "bst"
                    | "local"
            );
            if !matches!(
                prev,
                "at" | "by" | "until" | "from" | "around" | "about" | "before" | "after"
            ) && !tz
            {
                return None;
            }
        } else if h > 12 || h == 0 {
            return None;
        }
        let mut hh = h as u8;
        if let Some(pm) = ampm {
            if pm && hh < 12 {
                hh += 12;
            }
            if !pm && hh == 12 && w != "o" {
                hh = 0;
            }
        }
        let zulu = matches!(self.w(e), "gmt" | "utc" | "z");
        if matches!(
            self.w(e),
            "gmt"
                | "utc"
                | "est"
                | "edt"
                | "cet"
                | "cest"
                | "msk"
                | "pst"
                | "pdt"
                | "bst"
                | "et"
                | "pt"
                | "ct"
                | "cst"
                | "cdt"
        ) {
            e += 1;
        } else if self.is(e, "local") && self.is(e + 1, "time") {
            e += 2;
        }
        self.clock_day(i, e, hh, min as u8, zulu)
    }

    /// A clock time ending at `e`, joined with a day written right after it.
    fn clock_day(&self, i: usize, e: usize, h: u8, m: u8, zulu: bool) -> Option<Match> {
        // "5 p.m. EST Nov. 9", "5 p.m., Nov. 6"
        let k = if self.p(e, ",") { e + 1 } else { e };
        if let Some(dm) = self.month_rule(k).or_else(|| self.day_month(k))
            && matches!(dm.sem, Sem::Date { d: Some(_), .. })
        {
            return self.mk(
                i,
                dm.end,
                Sem::Clock {
                    h,
                    m,
                    day: Some(Box::new(dm.sem)),
                    zulu,
                },
            );
        }
        let day = match self.weekday_at(e) {
            Some((e2, wd, false)) => Some((e2, Sem::Weekday { wd, shift: None })),
            _ => match self.w(e) {
                "today" => Some((
                    e + 1,
                    Sem::Rel {
                        unit: Unit::Day,
                        n: 0,
                        anchor: Anchor::Dct,
                    },
                )),
                "yesterday" => Some((
                    e + 1,
                    Sem::Rel {
                        unit: Unit::Day,
                        n: -1,
                        anchor: Anchor::Dct,
                    },
                )),
                "tomorrow" => Some((
                    e + 1,
                    Sem::Rel {
                        unit: Unit::Day,
                        n: 1,
                        anchor: Anchor::Dct,
                    },
                )),
                _ => None,
            },
        };
        match day {
            Some((e2, d)) => self.mk(
                i,
                e2,
                Sem::Clock {
                    h,
                    m,
                    day: Some(Box::new(d)),
                    zulu,
                },
            ),
            None => self.mk(
                i,
                e,
                Sem::Clock {
                    h,
                    m,
                    day: None,
                    zulu,
                },
            ),
        }
    }

    fn weekday_at(&self, i: usize) -> Option<(usize, u8, bool)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        if let Some((d, pl)) = weekday_full(&t.lower) {
            return Some((i + 1, d, pl));
        }
        let d = weekday_abbr(&t.lower)?;
        (self.p(i + 1, ".") && self.adj(i + 1)).then_some((i + 2, d, false))
    }

    /// Friday; Friday, Feb. 28[, 2025]; Friday morning; Mondays.
    fn weekday_rule(&self, i: usize) -> Option<Match> {
        let (e, wd, plural) = self.weekday_at(i)?;
        if plural {
            return self.mk(i, e, Sem::Set(format!("XXXX-WXX-{wd}")));
        }
        // Weekday followed by a date: the date carries the meaning.
        let mut k = e;
        if self.p(k, ",") {
            k += 1;
        }
        if let Some(m) = self.month_rule(k).or_else(|| self.day_month(k))
            && (matches!(m.sem, Sem::Date { d: Some(_), .. }) || matches!(m.sem, Sem::Fixed(_)))
        {
            return self.mk(i, m.end, m.sem);
        }
        // "Tuesday nights", "Monday and Tuesday nights": a set
        let plural_pod = |k: usize| {
            let w = self.w(k);
            w.strip_suffix('s').and_then(pod)
        };
        let set_pod = plural_pod(e).or_else(|| {
            if matches!(self.w(e), "and" | "or")
                && let Some((e2, _, false)) = self.weekday_at(e + 1)
            {
                plural_pod(e2)
            } else {
                None
            }
        });
        if let Some(p) = set_pod {
            let end = if plural_pod(e).is_some() { e + 1 } else { e };
            return self.mk(i, end, Sem::Set(format!("XXXX-WXX-{wd}T{}", p.code())));
        }
        let base = Sem::Weekday { wd, shift: None };
        if let Some(p) = pod(self.w(e)) {
            return self.mk(
                i,
                e + 1,
                Sem::DayPod {
                    day: Box::new(base),
                    pod: p,
                },
            );
        }
        self.mk(i, e, base)
    }

    /// today, yesterday, tomorrow, tonight, now, recently, currently...
    fn deictic(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        let day = |n: i64| Sem::Rel {
            unit: Unit::Day,
            n,
            anchor: Anchor::Dct,
        };
        let (e, sem) = match w {
            "today" => (i + 1, day(0)),
            "yesterday" | "tomorrow" => {
                let n = if w == "yesterday" { -1 } else { 1 };
                if let Some(p) = pod(self.w(i + 1)) {
                    return self.mk(
                        i,
                        i + 2,
                        Sem::DayPod {
                            day: Box::new(day(n)),
                            pod: p,
                        },
                    );
                }
                (i + 1, day(n))
            }
            "tonight" => (
                i + 1,
                Sem::DayPod {
                    day: Box::new(day(0)),
                    pod: Pod::Night,
                },
            ),
            "overnight" => return None,
            "now" | "currently" | "presently" | "nowadays" => (i + 1, Sem::RefWord("PRESENT_REF")),
            "right" | "just" if self.is(i + 1, "now") => (i + 2, Sem::RefWord("PRESENT_REF")),
            "at" if self.is(i + 1, "present") => (i + 2, Sem::RefWord("PRESENT_REF")),
            "at" if self.is(i + 1, "the") && self.is(i + 2, "moment") => {
                (i + 3, Sem::RefWord("PRESENT_REF"))
            }
            "these" if self.is(i + 1, "days") => (i + 2, Sem::RefWord("PRESENT_REF")),
            "recently" | "lately" => (i + 1, Sem::RefWord("PAST_REF")),
            // "the then current market price": what held at the time spoken of
            "then" if self.is(i + 1, "current") && self.current_adj(i + 1) => {
                (i + 2, Sem::RefWord("PAST_REF"))
            }
            // "current market conditions", "his current wife": what holds at the DCT (the
            // current year, quarter... are dates of their own, matched elsewhere)
            "current" if self.current_adj(i) => (i + 1, Sem::RefWord("PRESENT_REF")),
            "recent" | "coming" | "future" | "upcoming" => {
                // "in recent years", "in coming weeks": a stretch of unstated length next to
                // the DCT, a duration of an unknown number of units as TimeML marks them (PXY).
                // Accounting periods ("coming quarters") and "future years" stay references
                // to the past or future.
                let (u, pl) = unit(self.w(i + 1))?;
                if !pl || u < Unit::Day {
                    return None;
                }
                if w == "future" || u == Unit::Quarter {
                    let r = if w == "recent" {
                        "PAST_REF"
                    } else {
                        "FUTURE_REF"
                    };
                    (i + 2, Sem::RefWord(r))
                } else {
                    (i + 2, Sem::Duration(duration_value(None, u)))
                }
            }
            // "at a later date", "a future date", "as soon as possible": some time to come
            "a" if matches!(self.w(i + 1), "later" | "future") && self.is(i + 2, "date") => {
                (i + 3, Sem::RefWord("FUTURE_REF"))
            }
            "as" if self.is(i + 1, "soon")
                && self.is(i + 2, "as")
                && matches!(self.w(i + 3), "possible" | "practicable" | "feasible") =>
            {
                (i + 4, Sem::RefWord("FUTURE_REF"))
            }
            // "for a while", "for some time": a span of unstated length and unit
            "a" | "some"
                if i > 0
                    && self.is(i - 1, "for")
                    && self.is(i + 1, if w == "a" { "while" } else { "time" }) =>
            {
                (i + 2, Sem::Duration("PXX".into()))
            }
            // "will one day be", "could one day replace": some unstated future time, not a
            // day-long span.
            "one"
                if self.is(i + 1, "day")
                    && i > 0
                    && matches!(
                        self.w(i - 1),
                        "will" | "would" | "could" | "might" | "may" | "can" | "shall" | "should"
                    ) =>
            {
                (i + 2, Sem::RefWord("FUTURE_REF"))
            }
            _ => return None,
        };
        self.mk(i, e, sem)
    }

    /// this/last/next/past/coming + unit, month, weekday, season, part of day.
    fn shifted(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        let shift = match w {
            "this" | "current" => Shift::This,
            "last" | "past" | "previous" => Shift::Last,
            "next" | "coming" => Shift::Next,
            _ => return None,
        };
        let mut k = i + 1;
        let mut shift = shift;
        let mut w = w;
        // "this coming Sunday", "this past spring"
        if w == "this" && matches!(self.w(k), "coming" | "past") {
            shift = if self.is(k, "coming") {
                Shift::Next
            } else {
                Shift::Last
            };
            w = if self.is(k, "coming") { "next" } else { "last" };
            k += 1;
        } else if w == "coming" && self.weekday_at(k).is_some() {
            w = "next";
        }
        let n = match shift {
            Shift::This => 0,
            Shift::Last => -1,
            Shift::Next => 1,
        };
        if let Some((u, false)) = unit(self.w(k)) {
            if u < Unit::Day {
                return None;
            }
            if u == Unit::Day {
                // "this day" is rare; "last day" is usually "the last day of".
                return None;
            }
            if w == "past" || w == "previous" || w == "coming" || w == "current" {
                return None; // need "the"
            }
            return self.mk_rel(i, k + 1, u, n, Anchor::Dct);
        }
        if self.is(k, "weekend") && w != "past" {
            // "this coming weekend", "coming weekend": the next one to come, this week's
            let n = if self.is(k - 1, "coming") { 0 } else { n };
            return self.mk(i, k + 1, Sem::Weekend(Some(n)));
        }
        if w == "this" || w == "last" || w == "next" {
            if let Some((e, m)) = self.month(k)
                && !(self.is(k, "may") && w == "this")
            {
                // "last Oct. 23": that day, in the year the shift gives
                if let Some((e2, d)) = self.day(e) {
                    return self.mk(
                        i,
                        e2,
                        Sem::MonthShift {
                            m,
                            d: Some(d),
                            shift,
                        },
                    );
                }
                return self.mk(i, e, Sem::MonthShift { m, d: None, shift });
            }
            if let Some((e, wd, false)) = self.weekday_at(k) {
                let base = Sem::Weekday {
                    wd,
                    shift: Some(shift),
                };
                if let Some(p) = pod(self.w(e)) {
                    return self.mk(
                        i,
                        e + 1,
                        Sem::DayPod {
                            day: Box::new(base),
                            pod: p,
                        },
                    );
                }
                return self.mk(i, e, base);
            }
            if let Some(s) = season(self.w(k)) {
                return self.mk(i, k + 1, Sem::SeasonShift { s, shift });
            }
            if let Some(p) = pod(self.w(k)) {
                let day = match (shift, p) {
                    (Shift::This, _) => 0,
                    (Shift::Last, Pod::Night) | (Shift::Last, Pod::Evening) => -1,
                    _ => return None,
                };
                return self.mk(
                    i,
                    k + 1,
                    Sem::DayPod {
                        day: Box::new(Sem::Rel {
                            unit: Unit::Day,
                            n: day,
                            anchor: Anchor::Dct,
                        }),
                        pod: p,
                    },
                );
            }
        }
        None
    }

    /// Expressions that start with "the" (or that/the same).
    fn the_rule(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        // "today is the eighth day of the operation", "it's the second day of an offensive":
        // the day being spoken in
        if w == "the"
            && i > 0
            && (self.is(i - 1, "is") || (self.is(i - 1, "s") && i > 1 && self.p(i - 2, "'")))
            && ordinal_word(self.w(i + 1)).is_some()
            && self.is(i + 2, "day")
            && self.is(i + 3, "of")
        {
            return self.mk_rel(i, i + 3, Unit::Day, 0, Anchor::Dct);
        }
        // "over the years", "in the years that followed": a stretch of unstated length
        if w == "the"
            && let Some((u, true)) = unit(self.w(i + 1))
            && u >= Unit::Month
            && ((i > 0 && matches!(self.w(i - 1), "over" | "through" | "throughout"))
                || matches!(self.w(i + 2), "since" | "that" | "following" | "after"))
        {
            return self.mk(i, i + 2, Sem::Duration(duration_value(None, u)));
        }
        // "placed orders in the morning": that part of the day last spoken of
        if w == "the"
            && i > 0
            && self.is(i - 1, "in")
            && let Some(p) = pod(self.w(i + 1))
            && p != Pod::Night
            && !matches!(self.w(i + 2), "of" | "hours" | "and" | "or")
            && !(i > 1 && self.toks[i - 2].kind == Kind::Digits)
        {
            return self.mk(
                i,
                i + 2,
                Sem::DayPod {
                    day: Box::new(Sem::ThatDay { same: true }),
                    pod: p,
                },
            );
        }
        if w == "that" || (w == "the" && self.is(i + 1, "same")) {
            let k = if w == "that" && self.is(i + 1, "same") {
                i + 2
            } else if w == "that" {
                i + 1
            } else {
                i + 2
            };
            // "results for that morning", "the next morning" (below)
            if let Some(p) = pod(self.w(k))
                && !matches!(self.w(k + 1), "of" | "hours")
            {
                return self.mk(
                    i,
                    k + 1,
                    Sem::DayPod {
                        day: Box::new(Sem::ThatDay { same: true }),
                        pod: p,
                    },
                );
            }
            let (u, pl) = unit(self.w(k))?;
            if pl || u < Unit::Day {
                return None;
            }
            // "results for that quarter": the quarter last spoken of
            if u == Unit::Quarter {
                return self.mk(i, k + 1, Sem::ThatQuarter);
            }
            if u == Unit::Day {
                // "that day" alone may be any day ("trades made that day"); "that same day",
                // "the same day", "earlier that day" point back to one
                let same = k > i + 1
                    || (i > 0 && matches!(self.w(i - 1), "earlier" | "later" | "on" | "by"));
                return self.mk(i, k + 1, Sem::ThatDay { same });
            }
            return self.mk_rel(i, k + 1, u, 0, Anchor::Ref);
        }
        if w != "the" {
            return None;
        }
        let k = i + 1;
        let w1 = self.w(k);
        // "the nine months": a counted span with its article
        if self.number(k).is_some()
            && !matches!(w1, "a" | "an" | "some" | "many" | "several" | "few")
            && let Some(m) = self.number_unit(k)
            && matches!(m.sem, Sem::Duration(_))
            && !(k + 1..m.end).any(|t| self.dash(t))
        {
            return self.mk(i, m.end, m.sem);
        }
        // "the early hours of Tuesday", "the small hours of Saturday morning": the start of
        // that day
        if matches!(w1, "early" | "small" | "wee")
            && self.is(k + 1, "hours")
            && self.is(k + 2, "of")
            && let Some(day) = self.core(k + 3)
            && matches!(
                day.sem,
                Sem::Weekday { .. }
                    | Sem::Date { d: Some(_), .. }
                    | Sem::DayPod { .. }
                    | Sem::Rel {
                        unit: Unit::Day,
                        anchor: Anchor::Dct,
                        ..
                    }
            )
        {
            let mut m = self.mk(i, day.end, day.sem)?;
            m.modifier = Some("START");
            return Some(m);
        }
        // "in the first hours of the war", "in the early years": a stretch of unstated length
        if matches!(
            w1,
            "first" | "early" | "initial" | "final" | "closing" | "opening"
        ) && let Some((u, true)) = unit(self.w(k + 1))
            && u >= Unit::Hour
            && u <= Unit::Year
        {
            return self.mk(i, k + 2, Sem::Duration(duration_value(None, u)));
        }
        match w1 {
            "past"
                if unit(self.w(k + 1)).is_none()
                    && self.number(k + 1).is_none()
                    && !matches!(self.w(k + 1), "fortnight" | "weekend") =>
            {
                return self.mk(i, k + 1, Sem::RefWord("PAST_REF"));
            }
            // "the future of the alliance" is its prospects, not a time
            "future" if !self.is(k + 1, "of") => {
                return self.mk(i, k + 1, Sem::RefWord("FUTURE_REF"));
            }
            "near" if self.is(k + 1, "future") || self.is(k + 1, "term") => {
                return self.mk(i, k + 2, Sem::RefWord("FUTURE_REF"));
            }
            "short" if self.is(k + 1, "term") => {
                return self.mk(i, k + 2, Sem::RefWord("FUTURE_REF"));
            }
            "days" | "weeks" | "months" | "years" if self.is(k + 1, "ahead") => {
                let (u, _) = unit(w1)?;
                return self.mk(i, k + 2, Sem::Duration(duration_value(None, u)));
            }
            "weekend" => return self.mk(i, k + 1, Sem::Weekend(None)),
            "other" if self.is(k + 1, "day") => return self.mk(i, k + 2, Sem::RefWord("PAST_REF")),
            "day" if self.is(k + 1, "before") && self.is(k + 2, "yesterday") => {
                return self.mk_rel(i, k + 3, Unit::Day, -2, Anchor::Dct);
            }
            "day" if self.is(k + 1, "after") && self.is(k + 2, "tomorrow") => {
                return self.mk_rel(i, k + 3, Unit::Day, 2, Anchor::Dct);
            }
            "day" | "week" | "month" | "year" if matches!(self.w(k + 1), "before" | "after") => {
                // "the day before" (but not "the day before the vote": then only "the day before" is odd; accept)
                let (u, _) = unit(w1)?;
                let n = if self.is(k + 1, "before") { -1 } else { 1 };
                // "the day before last Tuesday's hearing": a day from the day written after
                if u == Unit::Day
                    && let Some(m) = self.core(k + 2)
                    && matches!(
                        m.sem,
                        Sem::Weekday { .. }
                            | Sem::Date { d: Some(_), .. }
                            | Sem::Rel {
                                unit: Unit::Day,
                                anchor: Anchor::Dct,
                                ..
                            }
                    )
                {
                    return self.mk(
                        i,
                        m.end,
                        Sem::DayFrom {
                            inner: Box::new(m.sem),
                            n,
                        },
                    );
                }
                // "the day before the plunge", "the day after his death": the day (TimeML
                // marks "the day", anchored to the event); right after a date ("Oct. 12, the
                // day before the plunge") it is that date, else the day after (before) the
                // one last spoken of
                let bare = !self.w(k + 2).is_empty()
                    && !matches!(self.w(k + 2), "and" | "or" | "but" | "when" | "that");
                // "later in the day before returning home": the day spoken of
                if bare && u == Unit::Day && i > 0 && matches!(self.w(i - 1), "in" | "during") {
                    return self.mk_rel(i, k + 1, Unit::Day, 0, Anchor::Ref);
                }
                if bare {
                    if u != Unit::Day {
                        return None;
                    }
                    let apposition =
                        i >= 2 && self.p(i - 1, ",") && self.toks[i - 2].kind == Kind::Digits;
                    let sem = if apposition {
                        Sem::ThatDay { same: true }
                    } else {
                        Sem::Rel {
                            unit: Unit::Day,
                            n,
                            anchor: Anchor::Ref,
                        }
                    };
                    return self.mk(i, k + 1, sem);
                }
                return self.mk_rel(i, k + 2, u, n, Anchor::Ref);
            }
            "next" | "following" | "previous" | "past" | "last" | "coming" | "preceding"
            | "prior" | "first" | "latest" | "final" => {
                // the past two years (duration)
                if let Some((e, num)) = self.number(k + 1)
                    && let Some((u, _)) = unit(self.w(e))
                {
                    if matches!(num, Num::Exact(x) if x == 1.0)
                        && matches!(self.w(k + 1), "a" | "an")
                    {
                        return None;
                    }
                    let v = match num {
                        Num::Exact(x) => duration_value(Some(x), u),
                        Num::Vague => duration_value(None, u),
                    };
                    return self.mk(i, e + 1, Sem::Duration(v));
                }
                // "the past fortnight", "the next fortnight": two weeks back or ahead
                if self.is(k + 1, "fortnight") {
                    return self.mk(i, k + 2, Sem::Duration("P2W".to_string()));
                }
                // "the next morning", "the previous night": that part of the day after (or
                // before) the day last spoken of
                if matches!(w1, "next" | "following" | "previous" | "preceding")
                    && let Some(p) = pod(self.w(k + 1))
                    && !matches!(self.w(k + 2), "of" | "hours")
                {
                    let n = if matches!(w1, "next" | "following") {
                        1
                    } else {
                        -1
                    };
                    return self.mk(
                        i,
                        k + 2,
                        Sem::DayPod {
                            day: Box::new(Sem::Rel {
                                unit: Unit::Day,
                                n,
                                anchor: Anchor::Ref,
                            }),
                            pod: p,
                        },
                    );
                }
                if let Some((u, false)) = unit(self.w(k + 1)) {
                    if u < Unit::Day {
                        return None;
                    }
                    let (n, anchor) = match w1 {
                        "next" if u == Unit::Day => (1, Anchor::Ref),
                        "next" | "coming" => (1, Anchor::Dct),
                        "following" => (1, Anchor::Ref),
                        "previous" | "preceding" | "prior" => (-1, Anchor::Ref),
                        "past" | "last" => (-1, Anchor::Dct),
                        "latest" if u == Unit::Quarter => {
                            return self.mk(i, k + 2, Sem::LatestQuarter);
                        }
                        _ => return None,
                    };
                    if u == Unit::Day && anchor == Anchor::Dct {
                        return None;
                    }
                    if u >= Unit::Decade && matches!(w1, "past" | "last" | "next" | "coming") {
                        return self.mk(i, k + 2, Sem::Duration(duration_value(Some(1.0), u)));
                    }
                    return self.mk_rel(i, k + 2, u, n, anchor);
                }
                if matches!(w1, "previous" | "following" | "preceding")
                    && let Some((e, wd, false)) = self.weekday_at(k + 1)
                {
                    return self.mk(
                        i,
                        e,
                        Sem::WeekdayRef {
                            wd,
                            next: w1 == "following",
                        },
                    );
                }
                // "the latest fiscal year": the last one closed, the year before the DCT's
                if matches!(w1, "latest" | "last" | "past" | "previous")
                    && self.is(k + 1, "fiscal")
                    && self.is(k + 2, "year")
                    && self.year4(k + 3).is_none()
                {
                    let anchor = if matches!(w1, "previous") {
                        Anchor::Ref
                    } else {
                        Anchor::Dct
                    };
                    return self.mk_rel(i, k + 3, Unit::Year, -1, anchor);
                }
                if w1 == "latest" && self.is(k + 1, "period") {
                    return self.mk(i, k + 2, Sem::LatestQuarter);
                }
                if (w1 == "last" || w1 == "past" || w1 == "coming" || w1 == "next")
                    && self.is(k + 1, "weekend")
                {
                    // "the coming weekend" is the next one to come: this week's
                    let n = match w1 {
                        "last" | "past" => -1,
                        "coming" => 0,
                        _ => 1,
                    };
                    return self.mk(i, k + 2, Sem::Weekend(Some(n)));
                }
            }
            "most" if self.is(k + 1, "recent") && self.is(k + 2, "quarter") => {
                return self.mk(i, k + 3, Sem::LatestQuarter);
            }
            "current" | "present" => {
                if let Some((u, false)) = unit(self.w(k + 1))
                    && u >= Unit::Week
                {
                    return self.mk_rel(i, k + 2, u, 0, Anchor::Dct);
                }
                if self.is(k + 1, "fiscal") && self.is(k + 2, "year") {
                    return self.mk_rel(i, k + 3, Unit::Year, 0, Anchor::Dct);
                }
            }
            // not "the quarter-to-quarter comparison"
            // "the quarter ended Sept. 30": the quarter that day falls in (the day is marked
            // on its own)
            "quarter"
                if matches!(self.w(k + 1), "ended" | "ending")
                    && let Some(day) = self
                        .month_rule(k + 2)
                        .or_else(|| self.day_month(k + 2))
                        .filter(|m| matches!(m.sem, Sem::Date { d: Some(_), .. })) =>
            {
                return self.mk(i, k + 1, Sem::Within(Unit::Quarter, Box::new(day.sem)));
            }
            "quarter" if !self.dash(k + 1) => return self.mk(i, k + 1, Sem::LatestQuarter),
            // "the fiscal year" like "the year": the year spoken of, a span after "for"
            "fiscal" if self.is(k + 1, "year") && !self.dash(k + 2) => {
                if self.year4(k + 2).is_some() {
                    return None;
                }
                if i > 0 && matches!(self.w(i - 1), "for" | "over" | "throughout") {
                    return self.mk(
                        i,
                        k + 2,
                        Sem::Duration(duration_value(Some(1.0), Unit::Year)),
                    );
                }
                return self.mk_rel(i, k + 2, Unit::Year, 0, Anchor::Ref);
            }
            "day" | "week" | "month" | "year" => {
                // "the day", "the year": the time spoken of; "for the year": a duration.
                let (u, _) = unit(w1)?;
                // "the year-ago results", "the day-long meeting"
                if self.dash(k + 1) && self.adj(k + 1) {
                    return None;
                }
                if matches!(
                    self.w(k + 1),
                    "of" | "when" | "that" | "in" | "before" | "after"
                ) && u != Unit::Year
                {
                    return None;
                }
                if i > 0 && matches!(self.w(i - 1), "for" | "over" | "throughout") {
                    return self.mk(i, k + 1, Sem::Duration(duration_value(Some(1.0), u)));
                }
                if let Some((e, y)) = self.year4(k + 1) {
                    return self.mk(i, e, Sem::Year(y));
                }
                // "the year 10000", "the day 2": a number that is no year or date
                if self.digits(k + 1).is_some() {
                    return None;
                }
                return self.mk_rel(i, k + 1, u, 0, Anchor::Ref);
            }

            // "by the end of the decade", "most of the decade", "later in the decade": the
            // decade spoken of ("in the decade since the war" is a span)
            "decade" | "century"
                if i > 0
                    && matches!(self.w(i - 1), "of" | "in")
                    && !(i > 1 && self.is(i - 2, "turn"))
                    && !self.dash(k + 1)
                    && !matches!(
                        self.w(k + 1),
                        "since" | "after" | "before" | "that" | "when" | "to" | "of" | "or"
                    ) =>
            {
                let u = if w1 == "decade" {
                    Unit::Decade
                } else {
                    Unit::Century
                };
                return self.mk_rel(i, k + 1, u, 0, Anchor::Ref);
            }
            "year-earlier" | "year-ago" => {}
            _ => {}
        }
        // the 1990s, the nineties, the 20th century
        if let Some(mut m) = self.decade_digits(k) {
            m.start = i;
            return Some(m);
        }
        if let Some(dec) = decade_word(w1) {
            return self.mk(i, k + 1, Sem::Decade(190 + dec));
        }
        if let Some((e, n)) = self.ordinal(k)
            && (self.is(e, "century") || (self.dash(e) && self.is(e + 1, "century")))
        {
            let end = if self.is(e, "century") { e + 1 } else { e + 2 };
            if (1..=22).contains(&n) {
                return self.century_era(i, end, n);
            }
        }
        None
    }

    /// Century `n` (ordinal) spanning `[i, end)`, with its era when one follows: "the 5th
    /// century BC" is "BC04".
    fn century_era(&self, i: usize, end: usize, n: u32) -> Option<Match> {
        match self.era(end) {
            Some((e, true)) => self.mk(i, e, Sem::Fixed(format!("BC{:02}", n - 1))),
            Some((e, false)) => self.mk(i, e, Sem::Century(n as i32 - 1)),
            None => self.mk(i, end, Sem::Century(n as i32 - 1)),
        }
    }

    /// An ordinal century without its article: "a 20th century democrat", "the fabled 11th
    /// century temple", "19th-century".
    fn century_rule(&self, i: usize) -> Option<Match> {
        let (e, n) = self.ordinal(i)?;
        let end = if self.is(e, "century") {
            e + 1
        } else if self.dash(e) && self.adj(e) && self.adj(e + 1) && self.is(e + 1, "century") {
            e + 2
        } else {
            return None;
        };
        if !(1..=22).contains(&n) {
            return None;
        }
        self.century_era(i, end, n)
    }

    /// Token `i` follows an amount: a number ("$1.76", "358,000", "$2 million"), or a counted
    /// plural noun ("four flights", "700 seats"), but not a count of times.
    fn after_amount(&self, i: usize) -> bool {
        let is_num = |k: usize| match self.toks.get(k) {
            Some(t) if t.kind == Kind::Digits => true,
            Some(t) if t.kind == Kind::Word => {
                small_number(&t.lower).is_some()
                    || matches!(
                        t.lower.as_str(),
                        "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
                    )
            }
            _ => false,
        };
        if i == 0 {
            return false;
        }
        let prev = self.w(i - 1);
        if matches!(
            prev,
            "times" | "once" | "twice" | "thrice" | "one" | "day" | "week"
        ) {
            return false;
        }
        if is_num(i - 1) || self.p(i - 1, "%") || prev == "percent" {
            return true;
        }
        i >= 2 && prev.len() > 3 && prev.ends_with('s') && is_num(i - 2)
    }

    /// An ordinal at `i` ("third", "3rd") → (end, n).
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = ordinal_word(self.w(i)) {
            return Some((i + 1, n));
        }
        let (n, nd) = self.digits(i)?;
        if nd <= 2 && is_ordinal_suffix(self.w(i + 1)) && self.adj(i + 1) {
            return Some((i + 2, n));
        }
        None
    }

    /// spring, the spring of 2025, spring 2025, fall (with a cue).
    fn season_rule(&self, i: usize) -> Option<Match> {
        let (mut k, has_the) = if self.is(i, "the") {
            (i + 1, true)
        } else {
            (i, false)
        };
        let s = season(self.w(k))?;
        let word = self.w(k);
        if k > 0 && self.cap(k) && self.cap(k - 1) && !has_the && !self.toks[k].newline_before {
            // "Arab Spring", "Prague Spring"
            return None;
        }
        k += 1;
        // of 2025 / 2025
        let mut j = k;
        if self.is(j, "of") {
            j += 1;
        }
        if let Some((e, y)) = self.year4(j) {
            return self.mk(i, e, Sem::Season { y: Some(y), s });
        }
        if word == "fall" {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let ok_prev = matches!(
                prev,
                "in" | "this"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
                    | "that"
                    | "by"
                    | "until"
                    | "during"
                    | "mid"
            );
            if !(has_the && ok_prev) {
                return None;
            }
            if matches!(self.w(k), "of" | "in" | "from" | "to") {
                return None;
            }
        } else if self.is(k, "of") {
            // "the winter of discontent"
            return None;
        }
        if !has_the {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            if !matches!(
                prev,
                "in" | "this"
                    | "last"
                    | "next"
                    | "early"
                    | "late"
                    | "during"
                    | "by"
                    | "until"
                    | "since"
                    | "mid"
                    | "through"
            ) {
                return None;
            }
        }
        self.mk(i, k, Sem::Season { y: None, s })
    }

    /// the third quarter [of 1998], third-quarter, the first half, the 1988 third quarter.
    fn quarter_rule(&self, i: usize) -> Option<Match> {
        let mut k = i;
        let mut year = None;
        // "next year's first quarter"
        let mut year_shift = None;
        if matches!(self.w(k), "this" | "last" | "next")
            && self.is(k + 1, "year")
            && matches!(self.toks.get(k + 2).map(|t| t.text), Some("'" | "’"))
            && self.is(k + 3, "s")
        {
            year_shift = Some(match self.w(k) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            k += 4;
        }
        if self.is(k, "the") || self.is(k, "its") {
            k += 1;
        }
        if let Some((e, y)) = self.year4(k) {
            year = Some(y);
            k = e;
            // "2009's first quarter"
            if (self.p(k, "'") || self.p(k, "’")) && self.is(k + 1, "s") && self.adj(k) {
                k += 2;
            }
        }
        if self.is(k, "fiscal") {
            k += 1;
        }
        // "the first two quarters of 1990": its first half; "the last two quarters": the second
        if matches!(self.w(k), "first" | "last")
            && self.is(k + 1, "two")
            && self.is(k + 2, "quarters")
            && self.is(k + 3, "of")
            && let Some((e2, y)) = self.year4(k + 4)
        {
            let h = if self.is(k, "first") { 1 } else { 2 };
            return self.mk(i, e2, Sem::Half { y: Some(y), h });
        }
        let (e, mut n) = self.ordinal(k)?;
        let mut e = e;
        let hyphen = self.dash(e) && self.adj(e);
        // "the last/latter half of 1989" is the second half; "the last quarter of 1989" the
        // fourth (without a year "the last quarter" is the latest one, read elsewhere)
        if n == 99 || self.is(k, "latter") {
            let with_year = self.is(e + 1, "of")
                && self.toks.get(e + 2).is_some_and(|t| t.kind == Kind::Digits);
            n = match self.w(e + usize::from(hyphen)) {
                "half" if with_year => 2,
                "quarter" if with_year => 4,
                _ => return None,
            };
        }
        if hyphen {
            e += 1;
        }
        let w = self.w(e);
        let is_q = w == "quarter" || w == "quarters";
        let is_h = w == "half";
        if !((is_q && (1..=4).contains(&n)) || (is_h && (1..=2).contains(&n))) {
            return None;
        }
        let mut end = e + 1;
        if year.is_none() {
            let mut j = end;
            if self.is(j, "of") || self.p(j, ",") {
                j += 1;
                if self.is(j, "fiscal") {
                    j += 1;
                }
                if let Some((e2, y)) = self.year4(j) {
                    year = Some(y);
                    end = e2;
                } else if self.is(end, "of")
                    && year_shift.is_none()
                    && matches!(self.w(j), "the" | "this" | "last" | "next")
                    && self.is(j + 1, "year")
                    && !self.p(j + 2, "'")
                    && !self.p(j + 2, "’")
                {
                    // "the first half of the year", "the third quarter of last year"
                    year_shift = match self.w(j) {
                        "last" => Some(-1),
                        "next" => Some(1),
                        "this" => Some(0),
                        _ => None,
                    };
                    end = j + 2;
                }
            }
        }
        // Bare "first half" without "the" is too ambiguous (sports); keep quarters.
        // "the third-quarter loss": an adjective, marked without its article
        let start = if self.is(i, "its") || (hyphen && self.is(i, "the") && k == i + 1) {
            i + 1
        } else {
            i
        };
        if is_h && start == k && !self.dash(k + 1) && year.is_none() && year_shift.is_none() {
            return None;
        }
        let sem = if is_q {
            Sem::Quarter {
                y: year,
                q: n as u8,
            }
        } else {
            Sem::Half {
                y: year,
                h: n as u8,
            }
        };
        match year_shift {
            Some(n) if year.is_none() => self.mk(
                start,
                end,
                Sem::YearRel {
                    inner: Box::new(sem),
                    n,
                },
            ),
            _ => self.mk(start, end, sem),
        }
    }

    /// Quarters and halves written as analysts abbreviate them: "Q3", "Q3 2024", "Q3/2024",
    /// "2024 Q3", "3Q", "3Q24", "H1", "H1 2025", "1H". The letter must be a capital standing
    /// alone ("H1N1", "Q35", "Q&A" are not periods).
    fn quarter_abbrev(&self, i: usize) -> Option<Match> {
        let letter = |k: usize| -> Option<char> {
            let t = self.toks.get(k)?;
            match t.text {
                "Q" => Some('Q'),
                "H" => Some('H'),
                _ => None,
            }
        };
        let count = |k: usize, l: char| -> Option<u8> {
            let (n, nd) = self.digits(k)?;
            let max = if l == 'Q' { 4 } else { 2 };
            (nd == 1 && (1..=max).contains(&n)).then_some(n as u8)
        };
        // The token after the period must not glue on to it ("H1N1", "Q3x", "Q3-4").
        let free = |k: usize| -> bool {
            match self.toks.get(k) {
                None => true,
                Some(t) => {
                    t.space_before
                        || t.kind == Kind::Punct && !matches!(t.text, "-" | "&" | "." | "/")
                        || (t.kind == Kind::Punct
                            && t.text == "."
                            && self.toks.get(k + 1).is_none_or(|u| u.space_before))
                }
            }
        };
        // cheap test first: a "Q"/"H" here, or one or two tokens on ("3Q", "2024 Q3")
        let t = self.toks.get(i)?;
        let letter_near = (i..i + 3).any(|k| letter(k).is_some());
        if !letter_near || (t.kind == Kind::Word && letter(i).is_none()) {
            return None;
        }
        // "2024 Q3" / "2024-Q3"
        let (start, year0, k) = match self.year4(i) {
            Some((e, y))
                if (self.adj(e) && self.dash(e) && self.adj(e + 1) && letter(e + 1).is_some())
                    || (!self.adj(e) && letter(e).is_some()) =>
            {
                (i, Some(y), if self.dash(e) { e + 1 } else { e })
            }
            _ => (i, None, i),
        };
        let (l, n, mut end) = if let Some(l) = letter(k) {
            let n = count(k + 1, l).filter(|_| self.adj(k + 1))?;
            (l, n, k + 2)
        } else {
            // "3Q", "1H"
            let l = letter(k + 1).filter(|_| self.adj(k + 1))?;
            let n = count(k, l)?;
            (l, n, k + 2)
        };
        let mut year = year0;
        if year.is_none() {
            // "Q3 2024", "Q3/2024", "Q3-2024", "3Q24", "Q3'24"
            let sep = (self.p(end, "/") || self.dash(end)) && self.adj(end) && self.adj(end + 1);
            let j = if sep { end + 1 } else { end };
            let glued_year = self
                .digits(j)
                .filter(|&(n, nd)| {
                    sep && nd == 4 && (MIN_YEAR as u32..=MAX_YEAR as u32).contains(&n)
                })
                .map(|(n, _)| (j + 1, n as i32));
            if let Some((e2, y)) = glued_year.or_else(|| self.year4(j).filter(|_| !self.adj(j))) {
                year = Some(y);
                end = e2;
            } else if let Some((n2, 2)) = self.digits(end).filter(|_| self.adj(end)) {
                year = Some(2000 + n2 as i32);
                end += 1;
            } else if (self.p(end, "'") || self.p(end, "’"))
                && self.adj(end)
                && let Some((n2, 2)) = self.digits(end + 1).filter(|_| self.adj(end + 1))
            {
                year = Some(2000 + n2 as i32);
                end += 2;
            }
        }
        if !free(end) {
            return None;
        }
        // a bare "H1"/"H2" is a name too often (a road, a visa, a flu) without a year
        if l == 'H' && year.is_none() {
            return None;
        }
        let sem = if l == 'Q' {
            Sem::Quarter { y: year, q: n }
        } else {
            Sem::Half { y: year, h: n }
        };
        self.mk(start, end, sem)
    }

    /// "year-ago" / "year-earlier" written with a dash at `k` → the position after it.
    fn year_ago_adj(&self, k: usize) -> Option<usize> {
        if self.is(k, "year")
            && self.dash(k + 1)
            && self.adj(k + 1)
            && self.adj(k + 2)
            && matches!(self.w(k + 2), "ago" | "earlier")
        {
            Some(k + 3)
        } else {
            None
        }
    }

    /// Accounting periods: "the year-earlier period", "the comparable year-ago quarter", "the
    /// same period last year", "the 1988 quarter", "the year-ago third quarter", "last year's
    /// quarter".
    fn period_rule(&self, i: usize) -> Option<Match> {
        let mut k = i;
        let mut years = 0i64;
        let mut year = None;
        let mut marked = false;
        if self.is(k, "the") {
            k += 1;
        } else if matches!(self.w(k), "last" | "a")
            && self.is(k + 1, "year")
            && matches!(self.toks.get(k + 2).map(|t| t.text), Some("'" | "’"))
            && self.is(k + 3, "s")
        {
            years = -1;
            marked = true;
            k += 4;
        }
        loop {
            if let Some(e) = self.year_ago_adj(k) {
                years = -1;
                marked = true;
                k = e;
            } else if matches!(
                self.w(k),
                "comparable" | "corresponding" | "same" | "fiscal"
            ) {
                k += 1;
            } else if year.is_none()
                && self.toks.get(k).is_some_and(|t| t.kind == Kind::Digits)
                && let Some((e, y)) = self.year4(k)
            {
                year = Some(y);
                marked = true;
                k = e;
            } else {
                break;
            }
        }
        let mut q = None;
        if let Some((e, n)) = self.ordinal(k)
            && (1..=4).contains(&n)
        {
            let e = if self.dash(e) && self.adj(e) {
                e + 1
            } else {
                e
            };
            if !self.is(e, "quarter") {
                return None;
            }
            q = Some(n as u8);
            k = e;
        }
        if !matches!(self.w(k), "quarter" | "period") {
            return None;
        }
        let mut end = k + 1;
        // tails: "last year", "a year ago/earlier", "the year before", "of 1988"
        let t = end;
        if self.is(t, "last") && self.is(t + 1, "year") {
            years = -1;
            marked = true;
            end = t + 2;
        } else if (matches!(self.w(t), "a" | "one")
            && self.is(t + 1, "year")
            && matches!(self.w(t + 2), "ago" | "earlier" | "before"))
            || (self.is(t, "the")
                && matches!(self.w(t + 1), "year" | "previous" | "prior")
                && (self.is(t + 1, "year") && matches!(self.w(t + 2), "before" | "earlier")
                    || self.is(t + 2, "year")))
        {
            years = -1;
            marked = true;
            end = t + 3;
        } else if matches!(self.w(t), "of" | "in")
            && year.is_none()
            && let Some((e, y)) = self.year4(t + 1)
        {
            year = Some(y);
            marked = true;
            end = e;
        }
        if !marked || (q.is_some() && year.is_some()) {
            return None;
        }
        self.mk(i, end, Sem::Period { q, years, year })
    }

    /// "the week of March 6", "the week ending October 10" (the week that holds that day).
    fn week_of(&self, i: usize) -> Option<Match> {
        let k = if self.is(i, "the") { i + 1 } else { i };
        if !(self.is(k, "week")
            && matches!(
                self.w(k + 1),
                "of" | "ending" | "ended" | "beginning" | "starting" | "to"
            ))
        {
            return None;
        }
        let m = self
            .month_rule(k + 2)
            .or_else(|| self.day_month(k + 2))
            .or_else(|| self.day_month(k + 3).filter(|_| self.is(k + 2, "the")))?;
        if !matches!(m.sem, Sem::Date { d: Some(_), .. }) {
            return None;
        }
        self.mk(i, m.end, Sem::Within(Unit::Week, Box::new(m.sem)))
    }

    /// fiscal 1989, fiscal year 1989, FY2024.
    fn fiscal(&self, i: usize) -> Option<Match> {
        // "the 2009 fiscal year": that year
        if self.is(i, "the")
            && let Some((e, y)) = self.year4(i + 1)
            && self.is(e, "fiscal")
            && self.is(e + 1, "year")
        {
            return self.mk(i, e + 2, Sem::Year(y));
        }
        if !self.is(i, "fiscal") && !self.is(i, "fy") {
            return None;
        }
        let mut k = i + 1;
        if self.is(k, "year") {
            k += 1;
        }
        let (e, y) = self.year4(k).or_else(|| {
            // FY2024 tokenizes as "FY" "2024" adjacent; "FY09" is 2009
            let (n, nd) = self.digits(k)?;
            match nd {
                4 => Some((k + 1, n as i32)),
                2 if self.is(i, "fy") && self.adj(k) => {
                    Some((k + 1, if n < 50 { 2000 } else { 1900 } + n as i32))
                }
                _ => None,
            }
        })?;
        self.mk(i, e, Sem::Year(y))
    }

    /// Numbers with units: durations, "two years ago", "a year earlier", "10-year".
    fn number_unit(&self, i: usize) -> Option<Match> {
        // "year-earlier", "year-ago" (adjectives)
        let w0 = self.w(i);
        if (w0 == "year" || w0 == "a" && self.is(i + 1, "year"))
            && self.dash(if w0 == "a" { i + 2 } else { i + 1 })
        {
            let k = if w0 == "a" { i + 3 } else { i + 2 };
            if matches!(self.w(k), "earlier" | "ago") && self.adj(k) {
                // "the year-earlier nine months": that span, like "the nine months"
                if let Some((e2, Num::Exact(x))) = self.number(k + 1)
                    && let Some((u, true)) = unit(self.w(e2))
                    && u >= Unit::Month
                {
                    let s = if i > 0 && self.is(i - 1, "the") {
                        i - 1
                    } else {
                        i
                    };
                    return self.mk(s, e2 + 1, Sem::Duration(duration_value(Some(x), u)));
                }
                let mut e = k + 1;
                if matches!(self.w(e), "quarter" | "period") {
                    e += 1;
                }
                // "a year-earlier quarter" is marked without its article; like "a year ago"
                // it is the DCT's year before, or the quarter spoken of a year back
                return self.mk_rel(
                    if w0 == "a" { i + 1 } else { i },
                    e,
                    Unit::Year,
                    -1,
                    Anchor::Ago,
                );
            }
        }
        // "a day-long meeting", "a decades-long battle": a span of one unit, or of some units
        if let Some((u, pl)) = unit(w0)
            && u >= Unit::Day
            && self.dash(i + 1)
            && self.adj(i + 1)
            && self.adj(i + 2)
            && self.is(i + 2, "long")
        {
            let n = if pl { None } else { Some(1.0) };
            return self.mk(i, i + 3, Sem::Duration(duration_value(n, u)));
        }
        let (e, num) = self.number(i)?;
        // "two to three weeks", "12 to 18 months": one span, valued by its lower end
        let e = if matches!(self.w(e), "to" | "or")
            && !matches!(self.w(i), "a" | "an")
            && let Some((e2, Num::Exact(_))) = self.number(e + 1)
            && unit(self.w(e2)).is_some_and(|(_, pl)| pl)
        {
            e2
        } else {
            e
        };
        // digits that are a year are not counts
        let mut k = e;
        let hyphen = self.dash(k) && self.adj(k) && self.adj(k + 1);
        if hyphen {
            k += 1;
        } else if matches!(
            self.w(k),
            "more"
                | "additional"
                | "extra"
                | "further"
                | "trading"
                | "business"
                | "working"
                | "consecutive"
                | "straight"
                | "successive"
        ) && unit(self.w(k + 1)).is_some_and(|(u, _)| u >= Unit::Day)
        {
            // "20 more years", "an additional year", "eight trading days", "four consecutive
            // quarters"
            k += 1;
        }
        // a fortnight is two weeks
        let (u, plural, per) = match self.w(k) {
            "fortnight" => (Unit::Week, false, 2.0),
            "fortnights" => (Unit::Week, true, 2.0),
            w => {
                let (u, pl) = unit(w)?;
                (u, pl, 1.0)
            }
        };
        // "a year-on-year basis", "month-over-month", "a day-to-day matter": comparisons and
        // manners, not times
        if self.dash(k + 1)
            && self.adj(k + 1)
            && matches!(self.w(k + 2), "on" | "over" | "to" | "by" | "for")
            && self.dash(k + 3)
        {
            return None;
        }
        // "several-year tenure" is singular as an adjective
        if matches!(num, Num::Vague) && !plural && !hyphen {
            return None;
        }
        // "three-quarters", "two quarters of the seats": fractions, not time.
        // "several quarters of losses" is a span: only a counted number makes a fraction.
        if u == Unit::Quarter
            && (hyphen && plural || self.is(k + 1, "of") && matches!(num, Num::Exact(_)))
        {
            return None;
        }
        if let Some((_, nd)) = self.digits(i)
            && nd == 4
            && !hyphen
            && self.year4(i).is_some()
            && !plural
        {
            return None;
        }
        if w0 == "a" || w0 == "an" {
            // "a months-long siege": the article belongs to the noun after the adjective
            if plural && e == i + 1 {
                return None;
            }
            // "a second" is an ordinal; "a day" after "twice" is a set (handled elsewhere)
            if u == Unit::Second {
                return None;
            }
            // a rate's unit of measure, not a time: "$500 million a year", "four flights a
            // week", "358,000 a month" ("twice a year", "three times a week" are sets)
            if !plural
                && !matches!(
                    self.w(k + 1),
                    "ago" | "earlier" | "before" | "later" | "after" | "back" | "or" | "and"
                )
                && !self.dash(k + 1)
                && self.after_amount(i)
            {
                return None;
            }
        }
        let mut end = k + 1;
        // ages: "44 years old", "a 10-year-old"
        if matches!(self.w(end), "old") || (self.dash(end) && self.is(end + 1, "old")) {
            return None;
        }
        let x = match num {
            Num::Exact(x) => Some(x * per),
            Num::Vague => None,
        };
        // "a year and a half"
        let mut x = x;
        if !hyphen
            && self.is(end, "and")
            && (self.is(end + 1, "a") || self.is(end + 1, "one"))
            && self.is(end + 2, "half")
        {
            x = x.map(|v| v + 0.5);
            end += 3;
        }
        if hyphen {
            // "two-year", "10-year" adjectives are durations
            return self.mk(i, end, Sem::Duration(duration_value(x, u)));
        }
        // "a week or so ago": an approximate distance back
        let or_so = self.is(end, "or")
            && self.is(end + 1, "so")
            && matches!(self.w(end + 2), "ago" | "earlier");
        if or_so {
            end += 2;
        }
        // two years ago / a year earlier / three days later / from now
        let post = self.w(end);
        let rel = match post {
            "ago" | "back" if post == "ago" || u >= Unit::Year => Some((Anchor::Ago, -1)),
            "earlier" | "before" if post == "earlier" => Some((Anchor::Ref, -1)),
            "hence" => Some((Anchor::Dct, 1)),
            "from" if self.is(end + 1, "now") => Some((Anchor::Dct, 1)),
            _ => None,
        };
        if let Some((anchor, sign)) = rel {
            let pend = if post == "from" { end + 2 } else { end + 1 };
            let sem = match x {
                Some(v) if v.fract() == 0.0 && u >= Unit::Day => Sem::Rel {
                    unit: u,
                    n: sign * v as i64,
                    anchor,
                },
                _ if u >= Unit::Day => {
                    Sem::RefWord(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" })
                }
                _ => Sem::RefWord(if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }),
            };
            let mut m = self.mk(i, pend, sem)?;
            if or_so {
                m.modifier = Some("APPROX");
            }
            return Some(m);
        }
        // "a year" after a count of times is a set: "twice a year"
        if (w0 == "a" || w0 == "per" || w0 == "an")
            && i > 0
            && matches!(self.w(i - 1), "once" | "twice" | "thrice" | "times")
        {
            return self.mk(i, end, Sem::Set(duration_value(Some(1.0), u)));
        }
        // a bare unit after "a" ("a year") is a duration, but "a day" alone is weak; accept.
        self.mk(i, end, Sem::Duration(duration_value(x, u)))
    }

    /// every year, each week, every Monday, daily, annually, twice a year.
    fn set_rule(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        let fixed = match w {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(v) = fixed {
            // "to rise 8.5% annually", "10,000 units annually": a rate, like "$5 million a year"
            if w == "annually" && self.after_amount(i) {
                return None;
            }
            // "the average daily volume": the unit of an average, not a recurring time
            if i > 0 && self.is(i - 1, "average") {
                return None;
            }
            return self.mk(i, i + 1, Sem::Set(v.to_string()));
        }
        if matches!(w, "once" | "twice" | "thrice")
            && matches!(self.w(i + 1), "a" | "per" | "every" | "each")
            && let Some((u, false)) = unit(self.w(i + 2))
        {
            return self.mk(i, i + 3, Sem::Set(duration_value(Some(1.0), u)));
        }
        if w == "per"
            && let Some((u, false)) = unit(self.w(i + 1))
            && u >= Unit::Day
        {
            return self.mk(i, i + 2, Sem::Set(duration_value(Some(1.0), u)));
        }
        if w != "every" && w != "each" {
            return None;
        }
        let k = i + 1;
        if self.is(k, "other") {
            // every other week: P2W
            if let Some((u, false)) = unit(self.w(k + 1)) {
                return self.mk(i, k + 2, Sem::Set(duration_value(Some(2.0), u)));
            }
            return None;
        }
        if let Some((u, false)) = unit(self.w(k)) {
            return self.mk(i, k + 1, Sem::Set(duration_value(Some(1.0), u)));
        }
        if let Some((e, Num::Exact(x))) = self.number(k)
            && let Some((u, true)) = unit(self.w(e))
        {
            return self.mk(i, e + 1, Sem::Set(duration_value(Some(x), u)));
        }
        if let Some((e, wd, false)) = self.weekday_at(k) {
            return self.mk(i, e, Sem::Set(format!("XXXX-WXX-{wd}")));
        }
        if let Some((e, m)) = self.month(k) {
            return self.mk(i, e, Sem::Set(format!("XXXX-{m:02}")));
        }
        if let Some(s) = season(self.w(k)) {
            return self.mk(i, k + 1, Sem::Set(format!("XXXX-{}", s.code())));
        }
        if let Some(p) = pod(self.w(k)) {
            return self.mk(i, k + 1, Sem::Set(format!("XXXX-XX-XXT{}", p.code())));
        }
        None
    }

    /// An unnumbered span: "for years", "within weeks", "for the first time in years", "within
    /// weeks or months".
    fn bare_plural(&self, i: usize) -> Option<Match> {
        let (u, true) = unit(self.w(i))? else {
            return None;
        };
        if u < Unit::Day || i == 0 {
            return None;
        }
        let prev = self.w(i - 1);
        let ok = matches!(prev, "for" | "within")
            || (prev == "in" && i >= 2 && matches!(self.w(i - 2), "time" | "first"));
        if !ok || matches!(self.w(i + 1), "ago" | "earlier" | "later" | "old") {
            return None;
        }
        let mut end = i + 1;
        if self.is(end, "or")
            && let Some((u2, true)) = unit(self.w(end + 1))
            && u2 > u
        {
            end += 2;
        }
        self.mk(i, end, Sem::Duration(duration_value(None, u)))
    }

    /// "year-end", "year end", "year's end", "the full year".
    fn year_end(&self, i: usize) -> Option<Match> {
        if self.is(i, "the") && self.is(i + 1, "full") && self.is(i + 2, "year") {
            return self.mk_rel(i, i + 3, Unit::Year, 0, Anchor::Dct);
        }
        if !self.is(i, "year") {
            return None;
        }
        let e = if self.dash(i + 1) && self.adj(i + 1) && self.is(i + 2, "end") {
            i + 3
        } else if self.is(i + 1, "end") {
            i + 2
        } else if matches!(self.toks.get(i + 1).map(|t| t.text), Some("'" | "’"))
            && self.is(i + 2, "s")
            && self.is(i + 3, "end")
        {
            i + 4
        } else {
            return None;
        };
        let mut m = self.mk(i, e, Sem::YearEnd)?;
        m.modifier = Some("END");
        Some(m)
    }

    /// A part of a day named with its day: "mid-afternoon yesterday", "morning Friday".
    fn pod_day(&self, i: usize) -> Option<Match> {
        let p = pod(self.w(i))?;
        let e = i + 1;
        let day = match self.weekday_at(e) {
            Some((e2, wd, false)) => (e2, Sem::Weekday { wd, shift: None }),
            _ => {
                let n = match self.w(e) {
                    "today" => 0,
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    // "by mid-afternoon": that part of the day of the report
                    _ if (i >= 1 && self.is(i - 1, "mid"))
                        || (i >= 2 && self.dash(i - 1) && self.is(i - 2, "mid")) =>
                    {
                        return self.mk(
                            i,
                            e,
                            Sem::DayPod {
                                day: Box::new(Sem::Rel {
                                    unit: Unit::Day,
                                    n: 0,
                                    anchor: Anchor::Dct,
                                }),
                                pod: p,
                            },
                        );
                    }
                    _ => return None,
                };
                (
                    e + 1,
                    Sem::Rel {
                        unit: Unit::Day,
                        n,
                        anchor: Anchor::Dct,
                    },
                )
            }
        };
        self.mk(
            i,
            day.0,
            Sem::DayPod {
                day: Box::new(day.1),
                pod: p,
            },
        )
    }

    /// A movable holiday ending at `e`, with the year written after it when there is one
    /// ("Easter 2024" is `HOLIDAY:EASTER@2024`).
    fn holiday_year(&self, i: usize, e: usize, h: &str) -> Option<Match> {
        match self.year4(e) {
            Some((e2, y)) => self.mk(i, e2, Sem::Fixed(format!("{h}@{y}"))),
            None => self.mk(i, e, Sem::Fixed(h.to_string())),
        }
    }

    /// Christmas, New Year's Day, Thanksgiving...
    fn holiday(&self, i: usize) -> Option<Match> {
        let w = self.w(i);
        if !self.cap(i) {
            return None;
        }
        let (e, m, d) = match w {
            "christmas" | "xmas" => {
                if self.is(i + 1, "eve") {
                    (i + 2, 12, 24)
                } else if self.is(i + 1, "day") {
                    (i + 2, 12, 25)
                } else {
                    (i + 1, 12, 25)
                }
            }
            "new"
                if self.is(i + 1, "year")
                    && (self.p(i + 2, "'") || self.p(i + 2, "’"))
                    && self.is(i + 3, "s") =>
            {
                match self.w(i + 4) {
                    "eve" => (i + 5, 12, 31),
                    "day" => (i + 5, 1, 1),
                    _ => return None,
                }
            }
            "halloween" => (i + 1, 10, 31),
            "valentine"
                if (self.p(i + 1, "'") || self.p(i + 1, "’"))
                    && self.is(i + 2, "s")
                    && self.is(i + 3, "day") =>
            {
                (i + 4, 2, 14)
            }
            "thanksgiving" => {
                let e = if self.is(i + 1, "day") { i + 2 } else { i + 1 };
                return self.mk(i, e, Sem::Fixed("HOLIDAY:THANKSGIVING".into()));
            }
            // US holidays fixed by weekday: "Election Day", "Labor Day", "Memorial Day"
            "election" | "labor" | "labour" | "memorial"
                if self.is(i + 1, "day") && self.cap(i + 1) =>
            {
                let h = match w {
                    "election" => "HOLIDAY:ELECTION",
                    "memorial" => "HOLIDAY:MEMORIAL",
                    _ => "HOLIDAY:LABOR",
                };
                return self.holiday_year(i, i + 2, h);
            }
            "independence" if self.is(i + 1, "day") && self.cap(i + 1) => (i + 2, 7, 4),
            "easter" => {
                let e = if matches!(self.w(i + 1), "sunday" | "day") {
                    i + 2
                } else {
                    i + 1
                };
                if self.is(e, "week") {
                    return self.holiday_year(i, e + 1, "HOLIDAY:EASTER-WEEK");
                }
                return self.holiday_year(i, e, "HOLIDAY:EASTER");
            }
            _ => return None,
        };
        // Christmas 2024
        if let Some((e2, y)) = self.year4(e) {
            return self.mk(
                i,
                e2,
                Sem::Date {
                    y: Some(y),
                    m,
                    d: Some(d),
                },
            );
        }
        self.mk(
            i,
            e,
            Sem::Date {
                y: None,
                m,
                d: Some(d),
            },
        )
    }
}

/// Decides numeric date order from what the document itself writes: unambiguous numeric dates
/// (a first part above 12 → day first; a second part above 12 → month first), then the order of
/// written dates ("26 February" vs "February 26"). Month first when nothing tells.
pub(crate) fn detect_order(toks: &[Tok<'_>]) -> Order {
    let mut day_first = 0i32;
    let mut month_first = 0i32;
    let p = Parser {
        toks,
        order: Order::MonthFirst,
    };
    for (i, tok) in toks.iter().enumerate() {
        if tok.kind == Kind::Digits
            && let (Some((a, na)), true, Some((b, nb))) = (
                p.digits(i),
                p.p(i + 1, "/") || p.p(i + 1, "."),
                p.digits(i + 2),
            )
            && na <= 2
            && nb <= 2
            && p.adj(i + 1)
            && p.adj(i + 2)
            && (p.p(i + 3, "/") || p.p(i + 3, "."))
        {
            if a > 12 && b <= 12 {
                day_first += 3;
            } else if b > 12 && a <= 12 {
                month_first += 3;
            }
        }
        if tok.kind == Kind::Digits && p.day(i).is_some() {
            let (e, _) = p.day(i).unwrap_or((i + 1, 0));
            let e = if p.is(e, "of") { e + 1 } else { e };
            if p.month(e).is_some() {
                day_first += 1;
            }
        } else if tok.kind == Kind::Word && p.month(i).is_some() {
            let (e, _) = p.month(i).unwrap_or((i + 1, 0));
            if p.day(e).is_some() {
                month_first += 1;
            }
        }
    }
    if day_first > month_first {
        Order::DayFirst
    } else {
        Order::MonthFirst
    }
}
