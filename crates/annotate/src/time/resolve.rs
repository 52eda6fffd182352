//! Resolution: turns a recognised meaning into a TimeML value, given the document creation time
//! (DCT), the time last spoken of (the reference time) and, for documents without a date, the
//! dates the document itself has anchored so far.

use jiff::civil::Date;

use super::Tense;
use super::calendar::{Point, Season, Unit, add_days, date, weekday_num};
use super::grammar::{Anchor, Sem, Shift};

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    P(Point),
    S(String),
}

impl Val {
    pub fn value(&self) -> String {
        match self {
            Val::P(p) => p.value(),
            Val::S(s) => s.clone(),
        }
    }
}

/// How many sentences back the day last spoken of still dates a clock time.
const CLOCK_REF_SENTENCES: usize = 2;

/// How many sentences back a quarter still sets the period of "a year ago".
const LAST_PERIOD_SENTENCES: usize = 100;

/// What the resolver knows while it walks a document from start to end.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ctx {
    pub dct: Option<Point>,
    /// The time last spoken of, and the sentence it was in.
    pub refp: Option<(Point, usize)>,
    /// The last quarter or half spoken of anywhere before, and its sentence.
    pub last_period: Option<(Point, usize)>,
    /// The first quarter spoken of that is over by the DCT: the period a report is about.
    pub first_period: Option<(Point, usize)>,
    /// For a document without a date: the latest date it reports with an explicit year, and
    /// the timex that wrote it. Year-less dates roll forward from it (see [`Ctx::year_for`]).
    pub forward_from: Option<(Point, usize)>,
    /// The sentence of the last span of several quarters' months ("the nine months", "six
    /// months"): results compared "a year earlier" there are that year's, not a quarter's.
    pub months_span: Option<usize>,
    /// The weekday written with the expression being resolved ("Tuesday, Dec. 3"): for a
    /// document without a date, it picks the year of a year-less day.
    pub weekday: Option<u8>,
}

/// The year of a year-less day `m`/`d` (or month `m`, `d` being `None`) in a text without a
/// date, from `p`, the latest date the text reports with its year, and the weekday written
/// with the day, if any. Writers give the year of dates outside the current year: a year-less
/// date comes after `p` (up to `slack` days before it still counts as the same stretch of
/// time), rolling into the next year in the calendar cycle.
pub(crate) fn year_after_report(
    p: Point,
    m: u8,
    d: Option<u8>,
    weekday: Option<u8>,
    slack: i64,
) -> Option<i32> {
    let first = p.first_day()?;
    let floor = first.year() as i32;
    let c = date(floor, m, d.unwrap_or(1)).or_else(|| date(floor, m, 1));
    let y = match (c, add_days(first, -slack)) {
        (Some(c), Some(l)) if c < l => floor + 1,
        _ => floor,
    };
    // News style writes the year only for dates outside the current year ("in 1988", "August
    // 1988"; the current year's are "in August", "Aug. 6"), so a year-less date comes from a
    // later year than one written alone or with its month. A full date with its year ("March
    // 3, 2008") is no such sign: some writers date everything in full; nor is a season ("in
    // the spring of 2025" in a report of November 2025).
    let y = if matches!(p, Point::Year(_) | Point::Month(..)) {
        y.max(floor + 1)
    } else {
        y
    };
    // "Tuesday, Dec. 3": the year in which that day is a Tuesday
    Some(match (weekday, d) {
        (Some(wd), Some(d)) => pinned_year(y, floor, m, d, wd).unwrap_or(y),
        _ => y,
    })
}

/// The year of day `m`/`d` that is no earlier than `floor` and falls on weekday `wd` (1 =
/// Monday), `guess` when it does; `None` when no year within the next eleven does (every
/// calendar day comes back to each weekday within eleven years, 29 February aside).
fn pinned_year(guess: i32, floor: i32, m: u8, d: u8, wd: u8) -> Option<i32> {
    let on = |y: i32| date(y, m, d).is_some_and(|c| weekday_num(c) == wd);
    if guess >= floor && on(guess) {
        return Some(guess);
    }
    (floor..=floor + 11).find(|&y| on(y))
}

/// Where a resolved value's year came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearFrom {
    /// Written in the expression itself.
    Explicit,
    /// From another timex of the document (its index).
    Timex(usize),
    /// From the DCT.
    Dct,
    /// Not a calendar expression, or unresolved.
    None,
}

fn dct_day(ctx: &Ctx) -> Option<Date> {
    match ctx.dct {
        Some(Point::Day(d)) => Some(d),
        _ => None,
    }
}

/// Year and month of the DCT, when known to the month.
fn dct_ym(ctx: &Ctx) -> Option<(i32, Option<u8>)> {
    let p = ctx.dct?;
    Some((
        p.year()?,
        p.month().or(match p {
            Point::Season(_, s) => Some(s.first_month()),
            Point::Quarter(_, q) => Some((q - 1) * 3 + 1),
            _ => None,
        }),
    ))
}

fn season_index(y: i32, m: u8) -> i32 {
    // Winter runs December–February and carries the year of its December.
    let s = Season::of_month(m);
    let y = if m <= 2 { y - 1 } else { y };
    y * 4 + s.index()
}

impl Ctx {
    /// The year of a year-less month/day.
    fn year_for(&self, m: u8, d: Option<u8>, tense: Tense) -> Option<(i32, YearFrom)> {
        if let Some((p, src)) = self.forward_from {
            // up to 45 days before the latest dated report still counts as its stretch of time
            let y = year_after_report(p, m, d, self.weekday, 45)?;
            return Some((y, YearFrom::Timex(src)));
        }
        let (dy, dm) = dct_ym(self)?;
        let Some(dm) = dm else {
            return Some((dy, YearFrom::Dct));
        };
        let y = if tense == Tense::Future {
            if m < dm { dy + 1 } else { dy }
        } else if tense == Tense::Unknown && m != dm {
            // No tense cue: the nearer of the two readings, a past one on a tie or when the
            // upcoming one is more than four months away.
            let ahead = (m as i32 - dm as i32).rem_euclid(12);
            if ahead <= 4 {
                if m < dm { dy + 1 } else { dy }
            } else if m > dm {
                dy - 1
            } else {
                dy
            }
        } else if d.is_none() && tense != Tense::Done && (m as i32 - dm as i32).rem_euclid(12) == 1
        {
            // The month right after the DCT's, even in a past-tense clause, is the coming one:
            // eleven months back a writer says "last September" ("told oil companies of a
            // cutback in September").
            if m < dm { dy + 1 } else { dy }
        } else if m > dm {
            // A day just after the DCT is an announced date, not last year's.
            let near = match (d, dct_day(self)) {
                (Some(d), Some(dd)) => {
                    date(dy, m, d).is_some_and(|c| (c - dd).get_days() <= 62 && c > dd)
                }
                _ => false,
            };
            if near && tense != Tense::Done {
                dy
            } else {
                dy - 1
            }
        } else {
            dy
        };
        Some((y, YearFrom::Dct))
    }

    /// The quarter or half a comparison "a year ago" refers to: the one just spoken of, else
    /// the last one the document spoke of.
    fn period_near(&self, sentence: usize) -> Option<Point> {
        match (self.refp, self.first_period.or(self.last_period)) {
            (Some((q @ (Point::Quarter(..) | Point::Half(..)), s)), _) if s + 2 >= sentence => {
                Some(q)
            }
            (_, Some((q, s))) if s + LAST_PERIOD_SENTENCES >= sentence => Some(q),
            _ => None,
        }
    }

    /// The quarter just spoken of, else the last quarter the document named ("the fiscal
    /// first quarter … the quarter ended Sept. 29 … the quarter"), when it is over by the DCT.
    fn named_quarter(&self, sentence: usize) -> Option<Point> {
        if let Some((p @ Point::Quarter(..), _)) = self.refp
            && self.completed(p)
        {
            return Some(p);
        }
        match self.last_period {
            Some((p @ Point::Quarter(..), s))
                if s + LAST_PERIOD_SENTENCES >= sentence && self.completed(p) =>
            {
                Some(p)
            }
            _ => None,
        }
    }

    /// Whether period `p` has ended by the DCT (true when there is no DCT to tell).
    pub(crate) fn completed(&self, p: Point) -> bool {
        let next = match p {
            Point::Quarter(..) => p.shift(Unit::Quarter, 1).and_then(|n| n.first_day()),
            Point::Half(y, 1) => date(y, 7, 1),
            Point::Half(y, _) => date(y + 1, 1, 1),
            _ => None,
        };
        match (next, self.dct.and_then(|d| d.first_day())) {
            (Some(n), Some(d)) => n <= d,
            _ => true,
        }
    }

    fn short_year(&self, yy: i32) -> i32 {
        let pivot = self
            .dct
            .and_then(|p| p.year())
            .or(self.forward_from.and_then(|a| a.0.year()))
            .unwrap_or(2000 + 20);
        // The latest century reading that is not more than 20 years after the pivot.
        let mut y = (pivot / 100) * 100 + yy + 100;
        while y > pivot + 20 {
            y -= 100;
        }
        y
    }

    /// Resolves one meaning. `sentence` is the sentence index, `future` the tense cue.
    pub fn resolve(&self, sem: &Sem, tense: Tense, sentence: usize) -> (Option<Val>, YearFrom) {
        let none = (None, YearFrom::None);
        let future = tense == Tense::Future;
        match sem {
            Sem::Date { y: Some(y), m, d } => {
                if !(1..=12).contains(m) {
                    return none;
                }
                let p = match d {
                    Some(d) => match date(*y, *m, *d) {
                        Some(dt) => Point::Day(dt),
                        // 31 February: keep what is certain, the month.
                        None => Point::Month(*y, *m),
                    },
                    None => Point::Month(*y, *m),
                };
                if !(super::calendar::MIN_YEAR..=super::calendar::MAX_YEAR).contains(y) {
                    return none;
                }
                (Some(Val::P(p)), YearFrom::Explicit)
            }
            Sem::Date { y: None, m, d } => match self.year_for(*m, *d, tense) {
                Some((y, from)) => {
                    let p = match d.and_then(|d| date(y, *m, d)) {
                        Some(dt) => Point::Day(dt),
                        None => Point::Month(y, *m),
                    };
                    (Some(Val::P(p)), from)
                }
                None => {
                    let v = match d {
                        Some(d) if (1..=31).contains(d) => format!("XXXX-{m:02}-{d:02}"),
                        _ => format!("XXXX-{m:02}"),
                    };
                    (Some(Val::S(v)), YearFrom::None)
                }
            },
            Sem::Year(y) => (Some(Val::P(Point::Year(*y))), YearFrom::Explicit),
            Sem::ShortYear(yy) => (
                Some(Val::P(Point::Year(self.short_year(*yy as i32)))),
                YearFrom::Explicit,
            ),
            Sem::Decade(d) => (Some(Val::P(Point::Decade(*d))), YearFrom::Explicit),
            Sem::Century(c) => (Some(Val::P(Point::Century(*c))), YearFrom::Explicit),
            Sem::Season { y: Some(y), s } => {
                (Some(Val::P(Point::Season(*y, *s))), YearFrom::Explicit)
            }
            Sem::Season { y: None, s } => {
                let (base, from) = if let Some((p, src)) = self.forward_from
                    && let Some(f) = p.first_day()
                {
                    (
                        Some((f.year() as i32, f.month() as u8, true)),
                        YearFrom::Timex(src),
                    )
                } else {
                    (
                        dct_ym(self).map(|(y, m)| (y, m.unwrap_or(6), m.is_some())),
                        YearFrom::Dct,
                    )
                };
                let Some((y, m, known)) = base else {
                    return (Some(Val::S(format!("XXXX-{}", s.code()))), YearFrom::None);
                };
                if !known {
                    return (Some(Val::P(Point::Season(y, *s))), from);
                }
                let cur = season_index(y, m);
                let mut c = y * 4 + s.index();
                if matches!(from, YearFrom::Timex(_)) {
                    // forward from the anchor, like year-less months
                    if c < cur {
                        c += 4;
                    }
                } else if future {
                    if c < cur {
                        c += 4;
                    }
                } else if c > cur {
                    c -= 4;
                }
                (Some(Val::P(Point::Season(c.div_euclid(4), *s))), from)
            }
            Sem::Quarter { y: Some(y), q } => {
                (Some(Val::P(Point::Quarter(*y, *q))), YearFrom::Explicit)
            }
            Sem::Half { y: Some(y), h } => (Some(Val::P(Point::Half(*y, *h))), YearFrom::Explicit),
            Sem::Quarter { y: None, q } | Sem::Half { y: None, h: q } => {
                let is_q = matches!(sem, Sem::Quarter { .. });
                let Some((dy, dm)) = dct_ym(self) else {
                    let v = if is_q {
                        format!("XXXX-Q{q}")
                    } else {
                        format!("XXXX-H{q}")
                    };
                    return (Some(Val::S(v)), YearFrom::None);
                };
                let dm = dm.unwrap_or(12);
                let cur = if is_q {
                    (dm - 1) / 3 + 1
                } else {
                    (dm - 1) / 6 + 1
                };
                let y = if *q <= cur || future { dy } else { dy - 1 };
                let p = if is_q {
                    Point::Quarter(y, *q)
                } else {
                    Point::Half(y, *q)
                };
                (Some(Val::P(p)), YearFrom::Dct)
            }
            Sem::Weekday { wd, shift } => {
                let Some(dd) = dct_day(self) else {
                    return (Some(Val::S(format!("XXXX-WXX-{wd}"))), YearFrom::None);
                };
                let cur = weekday_num(dd) as i64;
                let wd = *wd as i64;
                let back = (cur - wd).rem_euclid(7);
                let fwd = (wd - cur).rem_euclid(7);
                let off = match shift {
                    None if future => fwd,
                    None => -back,
                    Some(Shift::Last) => -(if back == 0 { 7 } else { back }),
                    Some(Shift::Next) => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    Some(Shift::This) => wd - cur,
                };
                match add_days(dd, off) {
                    Some(d) => (Some(Val::P(Point::Day(d))), YearFrom::Dct),
                    None => none,
                }
            }
            Sem::WeekdayRef { wd, next } => {
                let base = match self.refp {
                    Some((Point::Day(d), _)) => Some(d),
                    _ => dct_day(self),
                };
                let Some(bd) = base else {
                    return (Some(Val::S(format!("XXXX-WXX-{wd}"))), YearFrom::None);
                };
                let cur = weekday_num(bd) as i64;
                let wd = *wd as i64;
                let off = if *next {
                    let f = (wd - cur).rem_euclid(7);
                    if f == 0 { 7 } else { f }
                } else {
                    let b = (cur - wd).rem_euclid(7);
                    -(if b == 0 { 7 } else { b })
                };
                match add_days(bd, off) {
                    Some(d) => (Some(Val::P(Point::Day(d))), YearFrom::Dct),
                    None => none,
                }
            }
            Sem::MonthShift { m, d, shift } => {
                let Some((dy, Some(dm))) = dct_ym(self) else {
                    return (Some(Val::S(format!("XXXX-{m:02}"))), YearFrom::None);
                };
                let y = match shift {
                    Shift::This => dy,
                    // "last February" said in March is a year back: the month just ended
                    // would be "last month" or "in February"
                    Shift::Last => {
                        if *m + 1 < dm || (*m < dm && d.is_some()) {
                            dy
                        } else {
                            dy - 1
                        }
                    }
                    Shift::Next => {
                        if *m > dm {
                            dy
                        } else {
                            dy + 1
                        }
                    }
                };
                let p = match d.and_then(|d| date(y, *m, d)) {
                    Some(dt) => Point::Day(dt),
                    None => Point::Month(y, *m),
                };
                (Some(Val::P(p)), YearFrom::Dct)
            }
            Sem::SeasonShift { s, shift } => {
                let Some((dy, Some(dm))) = dct_ym(self) else {
                    return (Some(Val::S(format!("XXXX-{}", s.code()))), YearFrom::None);
                };
                let cur = season_index(dy, dm);
                let mut c = dy * 4 + s.index();
                match shift {
                    Shift::Last => {
                        while c >= cur {
                            c -= 4;
                        }
                        while c + 4 < cur {
                            c += 4;
                        }
                    }
                    Shift::Next => {
                        while c <= cur {
                            c += 4;
                        }
                        while c - 4 > cur {
                            c -= 4;
                        }
                    }
                    Shift::This => {
                        if c - cur > 2 {
                            c -= 4;
                        } else if cur - c > 1 {
                            c += 4;
                        }
                    }
                }
                (
                    Some(Val::P(Point::Season(c.div_euclid(4), *s))),
                    YearFrom::Dct,
                )
            }
            // "trades made that day": no day spoken of, no day meant
            Sem::ThatDay { same: false } if !matches!(self.refp, Some((Point::Day(_), _))) => none,
            Sem::ThatQuarter => {
                let q = match (self.refp, self.last_period) {
                    (Some((p @ Point::Quarter(..), _)), _) => Some(p),
                    (_, Some((p @ Point::Quarter(..), _))) => Some(p),
                    _ => None,
                };
                match q {
                    Some(q) => (Some(Val::P(q)), YearFrom::Dct),
                    None => self.resolve(&Sem::LatestQuarter, tense, sentence),
                }
            }
            Sem::ThatDay { .. } => match self.refp.map(|r| r.0) {
                // "last October ... that same day": a day of that month, unknown which
                Some(Point::Month(y, m)) => {
                    (Some(Val::S(format!("{y:04}-{m:02}-XX"))), YearFrom::Dct)
                }
                Some(Point::Year(y)) => (Some(Val::S(format!("{y:04}-XX-XX"))), YearFrom::Dct),
                _ => self.resolve(
                    &Sem::Rel {
                        unit: Unit::Day,
                        n: 0,
                        anchor: Anchor::Ref,
                    },
                    tense,
                    sentence,
                ),
            },
            Sem::Rel { unit, n, anchor } => {
                if *unit < Unit::Day {
                    let v = match n.signum() {
                        -1 => "PAST_REF",
                        1 => "FUTURE_REF",
                        _ => "PRESENT_REF",
                    };
                    return (Some(Val::S(v.into())), YearFrom::None);
                }
                if *anchor == Anchor::Ago
                    && *unit == Unit::Year
                    && self.months_span != Some(sentence)
                    && let Some(q) = self.period_near(sentence)
                {
                    return (q.shift(Unit::Year, *n).map(Val::P), YearFrom::Dct);
                }
                let base = match anchor {
                    Anchor::Dct | Anchor::Ago => self.dct,
                    Anchor::Ref => self.refp.map(|r| r.0).or(self.dct),
                };
                let Some(base) = base else { return none };
                // "for the nine months … compared with … a year earlier": that year, not the
                // quarter last spoken of
                let base = match base {
                    Point::Quarter(..) | Point::Half(..)
                        if *unit == Unit::Year && self.months_span == Some(sentence) =>
                    {
                        base.coarsen(Unit::Year).unwrap_or(base)
                    }
                    _ => base,
                };
                // "a year earlier" than a day is that year, but a year earlier than a quarter
                // is that quarter a year back.
                let finer = base.unit() < *unit
                    && *unit >= Unit::Month
                    && !matches!(
                        (base, unit),
                        (Point::Quarter(..) | Point::Half(..), Unit::Year)
                    );
                let r = if *anchor == Anchor::Ref
                    && base.unit() <= *unit
                    && !finer
                    && !matches!(base, Point::Week(..) | Point::Weekend(..))
                {
                    if *n == 0 {
                        base.coarsen(*unit)
                    } else {
                        base.shift(*unit, *n)
                    }
                } else {
                    base.coarsen(*unit).and_then(|b| b.shift(*unit, *n))
                };
                let r = r
                    .or_else(|| base.coarsen(*unit).and_then(|b| b.shift(*unit, *n)))
                    // "that day" after a month: the DCT's day is the best guess left.
                    .or_else(|| {
                        self.dct
                            .and_then(|d| d.coarsen(*unit))
                            .and_then(|b| b.shift(*unit, *n))
                    });
                (r.map(Val::P), YearFrom::Dct)
            }
            Sem::Weekend(n) => {
                let Some(dd) = dct_day(self) else {
                    return (Some(Val::S("XXXX-WXX-WE".into())), YearFrom::None);
                };
                let wd = weekday_num(dd) as i64;
                let k = match n {
                    Some(n) => *n,
                    None if wd >= 6 || future => 0,
                    None => -1,
                };
                let w = Point::Day(dd)
                    .coarsen(Unit::Week)
                    .and_then(|w| w.shift(Unit::Week, k));
                match w {
                    Some(Point::Week(y, w)) => (Some(Val::P(Point::Weekend(y, w))), YearFrom::Dct),
                    _ => none,
                }
            }
            Sem::LatestQuarter => {
                if let Some(p) = self.named_quarter(sentence) {
                    return (Some(Val::P(p)), YearFrom::Dct);
                }
                let q = self
                    .dct
                    .and_then(|p| p.coarsen(Unit::Quarter))
                    .and_then(|q| q.shift(Unit::Quarter, -1));
                (q.map(Val::P), YearFrom::Dct)
            }
            Sem::Period { q, years, year } => {
                let dct_year = self.dct.and_then(|p| p.year());
                if let Some(q) = q {
                    let y = year.or(dct_year.map(|y| y + *years as i32));
                    return match y {
                        Some(y) => (Some(Val::P(Point::Quarter(y, *q))), YearFrom::Dct),
                        None => (Some(Val::S(format!("XXXX-Q{q}"))), YearFrom::None),
                    };
                }
                // The period last spoken of, else the latest quarter before the DCT.
                let base = match self.refp {
                    Some((p @ (Point::Quarter(..) | Point::Half(..)), s))
                        if s + 2 >= sentence && self.completed(p) =>
                    {
                        Some(p)
                    }
                    _ => self
                        .dct
                        .and_then(|p| p.coarsen(Unit::Quarter))
                        .and_then(|q| q.shift(Unit::Quarter, -1)),
                };
                let Some(base) = base else { return none };
                let p = match year {
                    Some(y) => base
                        .year()
                        .and_then(|by| base.shift(Unit::Year, (*y - by) as i64)),
                    None => base.shift(Unit::Year, *years),
                };
                (p.map(Val::P), YearFrom::Dct)
            }
            Sem::YearRel { inner, n } => {
                let Some(y) = self.dct.and_then(|p| p.year()) else {
                    return self.resolve(inner, tense, sentence);
                };
                let y = y + *n as i32;
                let sem = match inner.as_ref() {
                    Sem::Date { m, d, .. } => Sem::Date {
                        y: Some(y),
                        m: *m,
                        d: *d,
                    },
                    Sem::Season { s, .. } => Sem::Season { y: Some(y), s: *s },
                    Sem::Quarter { q, .. } => Sem::Quarter { y: Some(y), q: *q },
                    Sem::Half { h, .. } => Sem::Half { y: Some(y), h: *h },
                    other => other.clone(),
                };
                let (v, _) = self.resolve(&sem, tense, sentence);
                (v, YearFrom::Dct)
            }
            Sem::DayFrom { inner, n } => {
                let (v, from) = self.resolve(inner, tense, sentence);
                match v {
                    Some(Val::P(p @ Point::Day(_))) => (p.shift(Unit::Day, *n).map(Val::P), from),
                    other => (other, from),
                }
            }
            // "the fiscal first quarter … the quarter ended Sept. 30": the quarter named
            Sem::Within(Unit::Quarter, _) if self.named_quarter(sentence).is_some() => {
                self.resolve(&Sem::LatestQuarter, tense, sentence)
            }
            Sem::Within(unit, inner) => {
                let (v, from) = self.resolve(inner, tense, sentence);
                match v {
                    Some(Val::P(p)) => (p.coarsen(*unit).map(Val::P), from),
                    other => (other, from),
                }
            }
            Sem::RefWord(s) => (Some(Val::S((*s).to_string())), YearFrom::None),
            Sem::YearEnd => match self.dct.and_then(|p| p.year()) {
                Some(y) if matches!(tense, Tense::Past | Tense::Done) => {
                    (Some(Val::P(Point::Year(y - 1))), YearFrom::Dct)
                }
                Some(y) => (Some(Val::P(Point::Year(y))), YearFrom::Dct),
                None => (Some(Val::S("XXXX".into())), YearFrom::None),
            },
            Sem::Duration(s) | Sem::Set(s) => (Some(Val::S(s.clone())), YearFrom::None),
            Sem::DayPod { day, pod } => {
                let (v, from) = self.resolve(day, tense, sentence);
                let v = match v {
                    Some(Val::P(Point::Day(d))) => Point::Day(d).value(),
                    _ => "XXXX-XX-XX".to_string(),
                };
                (Some(Val::S(format!("{v}T{}", pod.code()))), from)
            }
            Sem::Clock { h, m, day, zulu } => {
                let written = day
                    .as_ref()
                    .and_then(|d| match self.resolve(d, tense, sentence).0 {
                        Some(Val::P(Point::Day(d))) => Some(d),
                        _ => None,
                    });
                let day = written.or(match self.refp {
                    Some((Point::Day(d), s)) if s + CLOCK_REF_SENTENCES >= sentence => Some(d),
                    _ => dct_day(self),
                });
                let d = day
                    .map(|d| Point::Day(d).value())
                    .unwrap_or_else(|| "XXXX-XX-XX".into());
                let z = if *zulu { "Z" } else { "" };
                (Some(Val::S(format!("{d}T{h:02}:{m:02}{z}"))), YearFrom::Dct)
            }
            Sem::Fixed(s) => {
                if let Some(rest) = s.strip_prefix("SHORT:") {
                    let mut parts = rest.split('-').filter_map(|p| p.parse::<u8>().ok());
                    let (Some(yy), Some(m)) = (parts.next(), parts.next()) else {
                        return none;
                    };
                    let y = self.short_year(yy as i32);
                    let d = parts.next();
                    return self.resolve(&Sem::Date { y: Some(y), m, d }, tense, sentence);
                }
                if let Some(h) = s.strip_prefix("HOLIDAY:")
                    && h != "THANKSGIVING"
                {
                    if let Some((h, y)) = h.split_once('@') {
                        let p = y
                            .parse::<i32>()
                            .ok()
                            .and_then(|y| match (h, holiday(h, y)) {
                                ("EASTER-WEEK", Some(d)) => Point::Day(d).coarsen(Unit::Week),
                                (_, d) => d.map(Point::Day),
                            });
                        return (p.map(Val::P), YearFrom::Explicit);
                    }
                    // month of the holiday, to pick its year
                    let (m, d) = match h {
                        "ELECTION" => (11, 5),
                        "LABOR" => (9, 5),
                        "MEMORIAL" => (5, 28),
                        _ => (4, 1),
                    };
                    return match self.year_for(m, Some(d), tense) {
                        Some((y, from)) => {
                            let day = holiday(h, y);
                            let p = match (h, day) {
                                ("EASTER-WEEK", Some(d)) => Point::Day(d).coarsen(Unit::Week),
                                (_, Some(d)) => Some(Point::Day(d)),
                                _ => None,
                            };
                            (p.map(Val::P), from)
                        }
                        None => (Some(Val::S(format!("XXXX-{m:02}"))), YearFrom::None),
                    };
                }
                if s == "HOLIDAY:THANKSGIVING" {
                    return match self.year_for(11, Some(25), tense) {
                        Some((y, from)) => {
                            // fourth Thursday of November
                            let first = date(y, 11, 1);
                            let d = first.and_then(|f| {
                                let off = (4 - weekday_num(f) as i64).rem_euclid(7);
                                add_days(f, off + 21)
                            });
                            (d.map(|d| Val::P(Point::Day(d))), from)
                        }
                        None => (Some(Val::S("XXXX-11".into())), YearFrom::None),
                    };
                }
                (Some(Val::S(s.clone())), YearFrom::None)
            }
        }
    }
}

/// The day of a movable holiday in year `y`.
fn holiday(h: &str, y: i32) -> Option<Date> {
    // the `n`th weekday `wd` (1 = Monday) of month `m`, counted from day `from`
    let nth = |m: u8, from: u8, wd: i64| -> Option<Date> {
        let f = date(y, m, from)?;
        add_days(f, (wd - weekday_num(f) as i64).rem_euclid(7))
    };
    match h {
        // the Tuesday after the first Monday of November
        "ELECTION" => nth(11, 2, 2),
        "LABOR" => nth(9, 1, 1),
        // the last Monday of May
        "MEMORIAL" => nth(5, 25, 1),
        "EASTER" | "EASTER-WEEK" => {
            // Anonymous Gregorian algorithm
            let a = y % 19;
            let b = y / 100;
            let c = y % 100;
            let d = b / 4;
            let e = b % 4;
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let hh = (19 * a + b - d - g + 15) % 30;
            let i = c / 4;
            let k = c % 4;
            let l = (32 + 2 * e + 2 * i - hh - k) % 7;
            let m = (a + 11 * hh + 22 * l) / 451;
            let month = (hh + l - 7 * m + 114) / 31;
            let day = (hh + l - 7 * m + 114) % 31 + 1;
            date(y, month as u8, day as u8)
        }
        _ => None,
    }
}
