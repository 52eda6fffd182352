//! Word lists of the time grammar (English).

use super::calendar::{Pod, Season, Unit};

pub(crate) fn month_full(w: &str) -> Option<u8> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

pub(crate) fn month_abbr(w: &str) -> Option<u8> {
    Some(match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

pub(crate) fn weekday_full(w: &str) -> Option<(u8, bool)> {
    let (base, plural) = match w.strip_suffix('s') {
        Some(b) if b.ends_with("day") => (b, true),
        _ => (w, false),
    };
    let d = match base {
        "monday" => 1,
        "tuesday" => 2,
        "wednesday" => 3,
        "thursday" => 4,
        "friday" => 5,
        "saturday" => 6,
        "sunday" => 7,
        _ => return None,
    };
    Some((d, plural))
}

pub(crate) fn weekday_abbr(w: &str) -> Option<u8> {
    Some(match w {
        "mon" => 1,
        "tue" | "tues" => 2,
        "wed" => 3,
        "thu" | "thur" | "thurs" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

pub(crate) fn season(w: &str) -> Option<Season> {
    Some(match w {
        "spring" | "springtime" => Season::Spring,
        "summer" | "summertime" => Season::Summer,
        "autumn" | "fall" => Season::Fall,
        "winter" | "wintertime" => Season::Winter,
        _ => return None,
    })
}

/// A unit word, and whether it is plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

pub(crate) fn pod(w: &str) -> Option<Pod> {
    Some(match w {
        "morning" => Pod::Morning,
        "afternoon" => Pod::Afternoon,
        "evening" => Pod::Evening,
        "night" => Pod::Night,
        _ => return None,
    })
}

pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    })
}

pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "last" | "final" => 99,
        _ => return None,
    })
}

pub(crate) fn decade_word(w: &str) -> Option<i32> {
    Some(match w {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

pub(crate) fn is_ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

/// Words that, right before a bare four-digit number, make it a year.
pub(crate) fn year_cue(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "to"
            | "through"
            | "between"
            | "before"
            | "after"
            | "during"
            | "year"
            | "circa"
            | "early"
            | "late"
            | "mid"
            | "fiscal"
            | "and"
            | "or"
            | "the"
    )
}

/// Words after a number that make it a quantity, not a year.
pub(crate) fn quantity_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "troops"
            | "soldiers"
            | "men"
            | "women"
            | "children"
            | "dollars"
            | "euros"
            | "pounds"
            | "tons"
            | "tonnes"
            | "barrels"
            | "km"
            | "kilometers"
            | "kilometres"
            | "miles"
            | "meters"
            | "metres"
            | "feet"
            | "units"
            | "jobs"
            | "workers"
            | "employees"
            | "shares"
            | "votes"
            | "points"
            | "cars"
            | "vehicles"
            | "homes"
            | "houses"
            | "deaths"
            | "cases"
            | "percent"
            | "per"
            | "mw"
            | "kg"
            | "x"
    )
}
