//! Calendar points at every TimeML granularity (day, week, month, season, quarter, half, year,
//! decade, century), their arithmetic and their TimeML spelling.

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::{Span, ToSpan};

/// Years outside this range are not treated as years (and no arithmetic leaves it).
pub(crate) const MIN_YEAR: i32 = 1000;
pub(crate) const MAX_YEAR: i32 = 2199;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    pub fn index(self) -> i32 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }
    pub fn from_index(i: i32) -> Season {
        match i.rem_euclid(4) {
            0 => Season::Spring,
            1 => Season::Summer,
            2 => Season::Fall,
            _ => Season::Winter,
        }
    }
    /// The season a month falls in (December–February: winter of the same calendar year).
    pub fn of_month(m: u8) -> Season {
        match m {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }
    /// First month of the season (winter: December).
    pub fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// Part of a day, as TimeML spells it after `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    pub fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// A resolved calendar point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    Day(Date),
    Week(i32, u8),
    Weekend(i32, u8),
    Month(i32, u8),
    Season(i32, Season),
    Quarter(i32, u8),
    Half(i32, u8),
    Year(i32),
    Decade(i32),
    Century(i32),
}

pub(crate) fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
        return None;
    }
    Date::new(y as i16, m as i8, d as i8).ok()
}

pub(crate) fn weekday_num(d: Date) -> u8 {
    d.weekday().to_monday_one_offset() as u8
}

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    if n.abs() > 200_000 {
        return None;
    }
    let r = d.checked_add(Span::new().days(n)).ok()?;
    in_range(r.year() as i32).then_some(r)
}

fn in_range(y: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

fn iso_week(d: Date) -> (i32, u8) {
    let w = d.iso_week_date();
    (w.year() as i32, w.week() as u8)
}

fn week_monday(y: i32, w: u8) -> Option<Date> {
    ISOWeekDate::new(y as i16, w as i8, Weekday::Monday)
        .ok()
        .map(|x| x.date())
}

impl Point {
    pub fn year(&self) -> Option<i32> {
        Some(match *self {
            Point::Day(d) => d.year() as i32,
            Point::Week(y, _) | Point::Weekend(y, _) => y,
            Point::Month(y, _)
            | Point::Season(y, _)
            | Point::Quarter(y, _)
            | Point::Half(y, _)
            | Point::Year(y) => y,
            Point::Decade(_) | Point::Century(_) => return None,
        })
    }

    pub fn month(&self) -> Option<u8> {
        match *self {
            Point::Day(d) => Some(d.month() as u8),
            Point::Month(_, m) => Some(m),
            _ => None,
        }
    }

    /// The first day of the point, for ordering.
    pub fn first_day(&self) -> Option<Date> {
        match *self {
            Point::Day(d) => Some(d),
            Point::Week(y, w) | Point::Weekend(y, w) => week_monday(y, w),
            Point::Month(y, m) => date(y, m, 1),
            Point::Season(y, s) => date(y, s.first_month(), 1),
            Point::Quarter(y, q) => date(y, (q - 1) * 3 + 1, 1),
            Point::Half(y, h) => date(y, (h - 1) * 6 + 1, 1),
            Point::Year(y) => date(y, 1, 1),
            Point::Decade(d) => date(d * 10, 1, 1),
            Point::Century(c) => date(c * 100, 1, 1),
        }
    }

    /// The granularity of the point.
    pub fn unit(&self) -> Unit {
        match self {
            Point::Day(_) => Unit::Day,
            Point::Week(..) | Point::Weekend(..) => Unit::Week,
            Point::Month(..) => Unit::Month,
            Point::Season(..) | Point::Quarter(..) | Point::Half(..) => Unit::Quarter,
            Point::Year(_) => Unit::Year,
            Point::Decade(_) => Unit::Decade,
            Point::Century(_) => Unit::Century,
        }
    }

    /// The point containing this one at granularity `u`, when it can be known.
    pub fn coarsen(&self, u: Unit) -> Option<Point> {
        let d = match *self {
            Point::Day(d) => Some(d),
            _ => None,
        };
        Some(match u {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Point::Day(d?),
            Unit::Week => match *self {
                Point::Week(..) => *self,
                Point::Weekend(y, w) => Point::Week(y, w),
                _ => {
                    let (y, w) = iso_week(d?);
                    Point::Week(y, w)
                }
            },
            Unit::Month => match *self {
                Point::Month(..) => *self,
                _ => Point::Month(d?.year() as i32, d?.month() as u8),
            },
            Unit::Quarter => match *self {
                Point::Quarter(..) => *self,
                Point::Month(y, m) => Point::Quarter(y, (m - 1) / 3 + 1),
                _ => Point::Quarter(d?.year() as i32, (d?.month() as u8 - 1) / 3 + 1),
            },
            Unit::Year => Point::Year(self.year().or_else(|| d.map(|d| d.year() as i32))?),
            Unit::Decade => match *self {
                Point::Decade(_) => *self,
                Point::Century(_) => return None,
                _ => Point::Decade(self.year()?.div_euclid(10)),
            },
            Unit::Century => match *self {
                Point::Century(_) => *self,
                Point::Decade(d) => Point::Century(d.div_euclid(10)),
                _ => Point::Century(self.year()?.div_euclid(100)),
            },
        })
    }

    /// Moves the point by `n` units of its own kind (`unit` picks days vs weeks for a day).
    pub fn shift(&self, unit: Unit, n: i64) -> Option<Point> {
        if n.abs() > 100_000 {
            return None;
        }
        let p = match (*self, unit) {
            (Point::Day(d), Unit::Day) => Point::Day(add_days(d, n)?),
            (Point::Day(d), Unit::Week) => Point::Day(add_days(d, 7 * n)?),
            (Point::Day(d), Unit::Month) => {
                let r = d.checked_add(n.months()).ok()?;
                Point::Day(r)
            }
            (Point::Day(d), Unit::Quarter) => Point::Day(d.checked_add((3 * n).months()).ok()?),
            (Point::Day(d), Unit::Year) => Point::Day(d.checked_add(n.years()).ok()?),
            (Point::Day(d), Unit::Decade) => Point::Day(d.checked_add((10 * n).years()).ok()?),
            (Point::Week(y, w), _) | (Point::Weekend(y, w), _) => {
                let days = match unit {
                    Unit::Week => 7 * n,
                    Unit::Day => n,
                    _ => return None,
                };
                let m = add_days(week_monday(y, w)?, days)?;
                let (y2, w2) = iso_week(m);
                if matches!(self, Point::Weekend(..)) {
                    Point::Weekend(y2, w2)
                } else {
                    Point::Week(y2, w2)
                }
            }
            (Point::Month(y, m), Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade) => {
                let k = match unit {
                    Unit::Month => n,
                    Unit::Quarter => 3 * n,
                    Unit::Year => 12 * n,
                    _ => 120 * n,
                };
                let idx = y as i64 * 12 + (m as i64 - 1) + k;
                Point::Month(idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u8)
            }
            (Point::Quarter(y, q), Unit::Quarter | Unit::Year) => {
                let k = if unit == Unit::Year { 4 * n } else { n };
                let idx = y as i64 * 4 + (q as i64 - 1) + k;
                Point::Quarter(idx.div_euclid(4) as i32, (idx.rem_euclid(4) + 1) as u8)
            }
            (Point::Half(y, h), Unit::Year) => Point::Half(y + n as i32, h),
            (Point::Season(y, s), Unit::Quarter | Unit::Year) => {
                let k = if unit == Unit::Year { 4 * n } else { n };
                let idx = y as i64 * 4 + s.index() as i64 + k;
                Point::Season(idx.div_euclid(4) as i32, Season::from_index(idx as i32))
            }
            (Point::Year(y), Unit::Year) => Point::Year(y + n as i32),
            (Point::Year(y), Unit::Decade) => Point::Year(y + 10 * n as i32),
            (Point::Decade(d), Unit::Decade) => Point::Decade(d + n as i32),
            (Point::Decade(d), Unit::Century) => Point::Decade(d + 10 * n as i32),
            (Point::Century(c), Unit::Century) => Point::Century(c + n as i32),
            _ => return None,
        };
        match p.year() {
            Some(y) if !in_range(y) => None,
            _ => Some(p),
        }
    }

    /// TimeML value.
    pub fn value(&self) -> String {
        match *self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_shifts() {
        let d = Point::Day(date(2025, 2, 26).unwrap());
        assert_eq!(d.value(), "2025-02-26");
        assert_eq!(d.coarsen(Unit::Week).unwrap().value(), "2025-W09");
        assert_eq!(d.coarsen(Unit::Quarter).unwrap().value(), "2025-Q1");
        assert_eq!(
            d.coarsen(Unit::Month)
                .unwrap()
                .shift(Unit::Month, -3)
                .unwrap()
                .value(),
            "2024-11"
        );
        assert_eq!(
            Point::Quarter(2025, 1)
                .shift(Unit::Quarter, -1)
                .unwrap()
                .value(),
            "2024-Q4"
        );
        assert_eq!(
            Point::Season(2025, Season::Spring)
                .shift(Unit::Quarter, -2)
                .unwrap()
                .value(),
            "2024-FA"
        );
        assert_eq!(Point::Decade(199).value(), "199");
        assert!(Point::Year(2199).shift(Unit::Year, 5).is_none());
        assert!(date(2025, 2, 31).is_none());
    }
}
