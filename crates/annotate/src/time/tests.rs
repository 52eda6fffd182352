use super::*;

fn d(s: &str) -> Option<Dct> {
    Some(Dct::parse(s).unwrap())
}

fn find(text: &str, dct: Option<Dct>, expr: &str) -> Timex {
    let all = tag(text, dct);
    all.iter()
        .find(|t| t.text == expr)
        .cloned()
        .unwrap_or_else(|| panic!("{expr:?} not found in {all:?}"))
}

/// Asserts the value (and mod) of the timex whose text is `expr`.
fn check(text: &str, dct: Option<Dct>, expr: &str, value: &str, modifier: Option<&str>) {
    let t = find(text, dct, expr);
    assert_eq!(t.value.as_deref(), Some(value), "{expr:?} in {text:?}");
    assert_eq!(
        t.modifier.as_deref(),
        modifier,
        "mod of {expr:?} in {text:?}"
    );
    // offsets are chars into the text
    let slice: String = text.chars().skip(t.start).take(t.end - t.start).collect();
    assert_eq!(slice, t.text);
}

const NOV21: &str = "2025-11-21";

#[test]
fn seed_expressions_with_dct() {
    let dct = d(NOV21);
    check(
        "The navies held drills in late October 2024 near Muscat.",
        dct,
        "late October 2024",
        "2024-10",
        Some("LATE"),
    );
    check(
        "The sultan paid a state visit in the spring of 2025.",
        dct,
        "the spring of 2025",
        "2025-SP",
        None,
    );
    let t = tag(
        "A series of meetings took place in 2024–2025 in both capitals.",
        dct,
    );
    let v: Vec<_> = t
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_deref()))
        .collect();
    assert_eq!(v, [("2024", Some("2024")), ("2025", Some("2025"))]);
    check(
        "In February, the city hosted the launch of a festival.",
        dct,
        "February",
        "2025-02",
        None,
    );
}

#[test]
fn year_less_dates_without_dct_roll_forward_from_the_latest_explicit_date() {
    let text = "The change of power in December 2024 opened a new phase. \
                On February 26, the minister visited Doha. A treaty was signed in January.";
    check(text, None, "February 26", "2025-02-26", None);
    check(text, None, "January", "2025-01", None);
    // the explicit date may come after the year-less ones
    let text2 = "On February 27 the envoys met in Istanbul. Leadership changed in December 2024.";
    check(text2, None, "February 27", "2025-02-27", None);
    let dd = infer_document_date(text2, None);
    assert_eq!(dd.value.as_deref(), Some("2025-02-27"));
    assert_eq!(dd.precision, DatePrecision::Day);
    match dd.how {
        DateSource::Text {
            expression,
            year_from,
            ..
        } => {
            assert_eq!(expression, "February 27");
            assert_eq!(year_from.as_deref(), Some("December 2024"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn dateline_takes_the_year_of_what_the_document_reports() {
    let text = "Why nations turn to Moscow\nViews 21 November\nThe envoy recently travelled. \
                Drills were held in late October 2024 and a state visit took place in the spring of 2025. \
                In February, a festival opened.";
    let a = annotate(text, None);
    assert_eq!(a.date.value.as_deref(), Some("2025-11-21"));
    let feb = a.timexes.iter().find(|t| t.text == "February").unwrap();
    assert_eq!(feb.value.as_deref(), Some("2025-02"));
}

#[test]
fn a_full_date_line_dates_the_document_and_year_less_dates_fall_near_it() {
    let text = "Regulators order a new tanker contest\nWednesday, July 02, 2008\n\
                The accountability office upheld the protest on June 18. \
                A decision is due by October 1, 2009.";
    let a = annotate(text, None);
    assert_eq!(a.date.value.as_deref(), Some("2008-07-02"));
    assert_eq!(a.date.precision, DatePrecision::Day);
    let june = a.timexes.iter().find(|t| t.text == "June 18").unwrap();
    assert_eq!(june.value.as_deref(), Some("2008-06-18"));
    // a date inside a sentence of the first lines is no date line
    let text =
        "Boeing rival\nOn July 2, 2008 the office upheld the protest.\nIt ruled on June 18, 2009.";
    let dd = infer_document_date(text, None);
    assert_eq!(dd.value.as_deref(), Some("2009-06-18"));
}

#[test]
fn document_date_from_metadata_wins_and_unknown_is_unknown() {
    let dd = infer_document_date("On February 26 they met.", d("2025-03-01"));
    assert_eq!(dd.how, DateSource::Metadata);
    assert_eq!(dd.value.as_deref(), Some("2025-03-01"));
    let dd = infer_document_date("Nothing dated here at all.", None);
    assert_eq!(dd.how, DateSource::Unknown);
    assert_eq!(dd.value, None);
    // future mentions do not date a document
    let dd = infer_document_date(
        "In 2019 the plan began. The plant will open in March 2031.",
        None,
    );
    assert_eq!(dd.value.as_deref(), Some("2019"));
    assert_eq!(dd.precision, DatePrecision::Year);
    // nor do maturities, payment dates and schedules
    let dd = infer_document_date(
        "Sales rose in July 1989. Hertz sold $100 million of notes due Nov. 1, 2009. \
         The dividend is payable Dec. 1, 1989, and the company plans to redeem on Nov. 16, 1989 \
         its debentures.",
        None,
    );
    assert_eq!(dd.value.as_deref(), Some("1989-07"));
}

#[test]
fn calendar_dates_and_numeric_formats() {
    let dct = d("2025-02-26");
    check(
        "Signed on February 26, 2025 in Doha.",
        dct,
        "February 26, 2025",
        "2025-02-26",
        None,
    );
    check(
        "Signed on 26 February 2025 in Doha.",
        dct,
        "26 February 2025",
        "2025-02-26",
        None,
    );
    check("Filed 2025-02-26.", dct, "2025-02-26", "2025-02-26", None);
    check("Dated 26.02.2025.", dct, "26.02.2025", "2025-02-26", None);
    // day-first when the document writes a day above 12 first
    check(
        "Dated 27/02/2025 and 03/04/2025.",
        dct,
        "03/04/2025",
        "2025-04-03",
        None,
    );
    // month-first when the second part is above 12
    check(
        "Dated 02/27/2025 and 03/04/2025.",
        dct,
        "03/04/2025",
        "2025-03-04",
        None,
    );
    check("It peaked in the 1990s.", dct, "the 1990s", "199", None);
    check(
        "It peaked in the mid-1990s.",
        dct,
        "the mid-1990s",
        "199",
        Some("MID"),
    );
    check(
        "Results for the third quarter of 2024 were weak.",
        dct,
        "the third quarter of 2024",
        "2024-Q3",
        None,
    );
    check(
        "The plan covers fiscal 2026.",
        dct,
        "fiscal 2026",
        "2026",
        None,
    );
    check(
        "By the end of 2025, it was done.",
        dct,
        "the end of 2025",
        "2025",
        Some("END"),
    );
    check(
        "It opened in early 2024.",
        dct,
        "early 2024",
        "2024",
        Some("EARLY"),
    );
}

#[test]
fn relative_expressions() {
    let dct = d("2025-02-26"); // a Wednesday
    check("He arrived last week.", dct, "last week", "2025-W08", None);
    check("He arrived this week.", dct, "this week", "2025-W09", None);
    check(
        "They met two years ago.",
        dct,
        "two years ago",
        "2023",
        None,
    );
    check("Prices rose recently.", dct, "recently", "PAST_REF", None);
    check("Talks are under way now.", dct, "now", "PRESENT_REF", None);
    check(
        "Talks began earlier this month.",
        dct,
        "earlier this month",
        "2025-02",
        None,
    );
    check(
        "Talks began yesterday.",
        dct,
        "yesterday",
        "2025-02-25",
        None,
    );
    check("Talks begin tomorrow.", dct, "tomorrow", "2025-02-27", None);
    check("Sales fell last year.", dct, "last year", "2024", None);
    check("Sales will grow next year.", dct, "next year", "2026", None);
    check(
        "He met the minister on Friday.",
        dct,
        "Friday",
        "2025-02-21",
        None,
    );
    check(
        "He will meet the minister on Friday.",
        dct,
        "Friday",
        "2025-02-28",
        None,
    );
    check(
        "On March 3, 2025 he landed. The next day he left.",
        dct,
        "The next day",
        "2025-03-04",
        None,
    );
    check(
        "It will be settled in the future.",
        dct,
        "the future",
        "FUTURE_REF",
        None,
    );
    check(
        "The summit was held last summer.",
        dct,
        "last summer",
        "2024-SU",
        None,
    );
    check(
        "The talks were held in January.",
        d(NOV21),
        "January",
        "2025-01",
        None,
    );
}

#[test]
fn durations_sets_times_and_approximations() {
    let dct = d("2025-02-26");
    check(
        "He served ten years in office.",
        dct,
        "ten years",
        "P10Y",
        None,
    );
    check(
        "It lasted more than three months.",
        dct,
        "more than three months",
        "P3M",
        Some("MORE_THAN"),
    );
    // "about" stays outside the extent (as TimeBank marks it); its meaning is the mod
    check(
        "It lasted about 18 months.",
        dct,
        "18 months",
        "P18M",
        Some("APPROX"),
    );
    check(
        "It fell within a week.",
        dct,
        "a week",
        "P1W",
        Some("EQUAL_OR_LESS"),
    );
    check("It took 2 1/2 years.", dct, "2 1/2 years", "P2Y6M", None);
    check(
        "The flight took 5 1/2 hours.",
        dct,
        "5 1/2 hours",
        "PT5H30M",
        None,
    );
    check(
        "It may last 20 more years.",
        dct,
        "20 more years",
        "P20Y",
        None,
    );
    check("Three days later he left.", dct, "Three days", "P3D", None);
    check(
        "They ruled it for centuries.",
        dct,
        "centuries",
        "PXC",
        None,
    );
    check(
        "He died within weeks or months.",
        dct,
        "weeks or months",
        "PXW",
        None,
    );
    check(
        "Sales rose in the nine months.",
        dct,
        "the nine months",
        "P9M",
        None,
    );
    check("A two-year contract.", dct, "two-year", "P2Y", None);
    check(
        "Over the past two decades it grew.",
        dct,
        "the past two decades",
        "P20Y",
        None,
    );
    check(
        "The meeting is held every year.",
        dct,
        "every year",
        "P1Y",
        None,
    );
    check("They meet twice a week.", dct, "twice a week", "P1W", None);
    check(
        "Markets open on Mondays.",
        dct,
        "Mondays",
        "XXXX-WXX-1",
        None,
    );
    check(
        "The vote closes at 3 p.m. today.",
        dct,
        "3 p.m. today",
        "2025-02-26T15:00",
        None,
    );
    check(
        "He spoke Friday morning.",
        dct,
        "Friday morning",
        "2025-02-21TMO",
        None,
    );
    check(
        "The launch is at 18:00 UTC.",
        dct,
        "18:00 UTC",
        "2025-02-26T18:00Z",
        None,
    );
    assert_eq!(
        find("He served ten years.", dct, "ten years").kind,
        TimexType::Duration
    );
    assert_eq!(find("every year", dct, "every year").kind, TimexType::Set);
}

#[test]
fn ranges_are_two_dates() {
    let dct = d("2025-11-21");
    let t = tag("The festival ran between May and July.", dct);
    let v: Vec<_> = t.iter().map(|t| t.value.clone().unwrap()).collect();
    assert_eq!(v, ["2025-05", "2025-07"]);
    let t = tag("In the 1998-99 season.", dct);
    let v: Vec<_> = t.iter().map(|t| t.value.clone().unwrap()).collect();
    assert_eq!(v, ["1998", "1999"]);
    let t = tag("From March 5-7, 2025 it rained.", dct);
    assert_eq!(t[0].value.as_deref(), Some("2025-03-05"));
}

#[test]
fn bad_input_gets_a_sensible_value_or_nothing() {
    let dct = d("2025-02-26");
    // impossible day: keep the month
    check(
        "It happened on 31 February 2025.",
        dct,
        "31 February 2025",
        "2025-02",
        None,
    );
    // two-digit year in a date
    check(
        "Signed on March 5, '98.",
        dct,
        "March 5, '98",
        "1998-03-05",
        None,
    );
    // far years are not years
    assert!(tag("The code 9999 and 12345678 appear.", dct).is_empty());
    assert!(tag("It costs $2000 or 2000%.", dct).is_empty());
    // other languages: nothing invented
    assert!(tag("Der Vertrag wurde im Januar unterzeichnet.", dct).is_empty());
    assert!(tag("", None).is_empty());
    // the verb "may" is not a month
    assert!(tag("They may come.", dct).is_empty());
    // a month 13 or a year 10000 is no date
    let t = tag("Dated 2025-13-45, in the year 10000.", dct);
    assert!(
        t.iter().all(|t| t.value.as_deref() != Some("2025-13")),
        "{t:?}"
    );
    assert!(t.iter().all(|t| t.text != "the year"), "{t:?}");
    // no DCT: relative expressions stay unresolved rather than guessed
    let t = find("He left yesterday.", None, "yesterday");
    assert_eq!(t.value, None);
}

#[test]
fn dct_parse() {
    assert_eq!(
        Dct::parse("2025-11-21").unwrap().value().as_deref(),
        Some("2025-11-21")
    );
    assert_eq!(
        Dct::parse("2025-11-21T10:00:00Z").unwrap().precision,
        DatePrecision::Day
    );
    assert_eq!(
        Dct::parse("2025-11").unwrap().value().as_deref(),
        Some("2025-11")
    );
    assert_eq!(
        Dct::parse("2025-SP").unwrap().value().as_deref(),
        Some("2025-SP")
    );
    assert_eq!(Dct::parse("2025").unwrap().value().as_deref(), Some("2025"));
    assert!(Dct::parse("2025-02-31").is_err());
    assert!(Dct::parse("yesterday").is_err());
    assert!(Dct::parse("20€5").is_err());
}

#[test]
fn random_strings_never_panic_and_offsets_hold() {
    let mut rng = fastrand::Rng::with_seed(7);
    let pieces = [
        "May",
        "March",
        "31",
        "February",
        "2025",
        "'98",
        "-",
        "–",
        "/",
        ".",
        ",",
        "the",
        "last",
        "next",
        "week",
        "ago",
        "two",
        "years",
        "early",
        "late",
        "mid",
        "spring",
        "fall",
        "of",
        "Friday",
        "3",
        ":",
        "30",
        "p.m.",
        "every",
        "a",
        "quarter",
        "third",
        "1990s",
        "'",
        "Ünïcödé",
        "日本",
        "\n",
        " ",
        "99999",
        "0",
        "00",
        "13",
        "12/31/99",
        "2199",
        "2200",
        "1000",
        "999",
        "noon",
        "year-earlier",
        "the day before",
        "O'Clock",
        "afternoon",
        "yesterday",
        "until",
        "1/2",
        "2 1/2",
        "to",
        "and",
        "Easter",
        "Election Day",
        "year's",
        "year-end",
        "'s",
        "previous",
        "following",
        "eighth",
        "for",
        "within",
        "about",
        "weeks",
        "or",
        "months",
        "in the morning",
        "EST",
        "Nov. 9",
        "this coming",
        "latter half of",
        "0800",
        "2359",
        "2400",
        "9999",
        "2025-13-45",
        "BC",
        "B.C.",
        "AD",
        "A.D.",
        "CE",
        "GMT",
        "UTC",
        "hours",
        "century",
        "decade",
        "since",
        "later",
        "earlier",
        "Q3",
        "H1",
        "FY",
        "fiscal",
        "ending",
        "ended",
        "fortnight",
        "past",
        "few",
        "consecutive",
        "(",
        ")",
        "’",
        "ahead",
        "Sunday's",
        "weekend",
        "September 11",
        "attacks",
    ];
    let dcts = [None, d("2025-02-26"), d("1000-01-01"), d("2199-12-31")];
    for _ in 0..3000 {
        let n = rng.usize(0..20);
        let mut s = String::new();
        for _ in 0..n {
            if rng.u8(0..10) == 0 {
                s.push(char::from_u32(rng.u32(0..0x3000)).unwrap_or('x'));
            } else {
                s.push_str(pieces[rng.usize(0..pieces.len())]);
            }
            if rng.bool() {
                s.push(' ');
            }
        }
        let a = annotate(&s, dcts[rng.usize(0..dcts.len())]);
        let nchars = s.chars().count();
        for t in &a.timexes {
            assert!(t.start < t.end && t.end <= nchars, "{t:?} in {s:?}");
            let slice: String = s.chars().skip(t.start).take(t.end - t.start).collect();
            assert_eq!(slice, t.text);
        }
    }
}

#[test]
fn clause_tense_picks_the_year_of_year_less_dates() {
    let dct = d("1989-10-26");
    // future cues
    check(
        "Mr. Schwarz will succeed him Feb. 1.",
        dct,
        "Feb. 1",
        "1990-02-01",
        None,
    );
    check(
        "The dividend is payable Jan. 2 to holders.",
        dct,
        "Jan. 2",
        "1990-01-02",
        None,
    );
    // past cue
    check("Sales fell in April.", dct, "April", "1989-04", None);
    // no cue: the nearer reading
    check(
        "Loans run through January.",
        dct,
        "January",
        "1990-01",
        None,
    );
    // a proper noun ending in -ed is not a past tense
    let dct = d("2000-04-05");
    check(
        "The father would be traveling to the United States Thursday.",
        dct,
        "Thursday",
        "2000-04-06",
        None,
    );
    // a possessive weekday has happened
    check(
        "Lawyers study Monday's ruling.",
        dct,
        "Monday",
        "2000-04-03",
        None,
    );
}

#[test]
fn accounting_periods() {
    let dct = d("1989-11-01");
    let text = "Net rose in the third quarter. It fell in the year-earlier period. \
                Costs were lower in the 1988 quarter than in the same period last year.";
    check(text, dct, "the year-earlier period", "1988-Q3", None);
    check(text, dct, "the 1988 quarter", "1988-Q3", None);
    check(text, dct, "the same period last year", "1988-Q3", None);
    check(
        "Profit doubled from the year-ago third quarter.",
        dct,
        "the year-ago third quarter",
        "1988-Q3",
        None,
    );
    // without a quarter spoken of: the latest quarter before the DCT, a year back
    check(
        "Sales rose from the year-ago quarter.",
        dct,
        "the year-ago quarter",
        "1988-Q3",
        None,
    );
}

#[test]
fn year_relative_months_spelled_years_and_weeks_of() {
    let dct = d("1998-02-19");
    check(
        "It opened in June last year.",
        dct,
        "June last year",
        "1997-06",
        None,
    );
    check(
        "It opened in January this year.",
        dct,
        "January this year",
        "1998-01",
        None,
    );
    check(
        "It began in nineteen ninety-six.",
        dct,
        "nineteen ninety-six",
        "1996",
        None,
    );
    check(
        "The bug hits in the year two thousand.",
        dct,
        "the year two thousand",
        "2000",
        None,
    );
    check(
        "It ended in January nineteen ninety-seven.",
        dct,
        "January nineteen ninety-seven",
        "1997-01",
        None,
    );
    check(
        "Talks resume the week of March 6.",
        dct,
        "the week of March 6",
        "1998-W10",
        None,
    );
    // quantities are not years
    assert!(
        tag("Two thousand people and nineteen twenty-dollar bills.", dct)
            .iter()
            .all(|t| t.value.as_deref() != Some("2000") && t.value.as_deref() != Some("1920"))
    );
}

#[test]
fn round_three_rules() {
    // tense: participles after "be", infinitives of plans, adjectives in -ed
    let dct = d("1999-02-10");
    check(
        "He said the accession would still be held on April 24 and 25.",
        dct,
        "April 24",
        "1999-04-24",
        None,
    );
    check(
        "He said the accession would still be held on April 24 and 25.",
        dct,
        "25",
        "1999-04-25",
        None,
    );
    let dct = d("1989-10-26");
    check(
        "The split would be paid on a still unspecified date in January.",
        dct,
        "January",
        "1990-01",
        None,
    );
    check(
        "It agreed to buy the line for $22 million in February.",
        dct,
        "February",
        "1990-02",
        None,
    );
    check(
        "The government gave it until mid-November to reply.",
        dct,
        "mid-November",
        "1989-11",
        Some("MID"),
    );
    // a possessive weekday has happened even after "would"
    let dct = d("2000-01-07");
    check(
        "They said they would appeal Wednesday's ruling.",
        dct,
        "Wednesday",
        "2000-01-05",
        None,
    );
    // dates and times
    let dct = d("1998-03-05");
    check(
        "Women's Day is this coming Sunday, March eighth.",
        dct,
        "this coming Sunday",
        "1998-03-08",
        None,
    );
    check(
        "It is on March eighth.",
        dct,
        "March eighth",
        "1998-03-08",
        None,
    );
    let dct = d("1999-04-19");
    check(
        "He was shot to death last Oct. 23 at his home.",
        dct,
        "last Oct. 23",
        "1998-10-23",
        None,
    );
    let dct = d("1989-11-02");
    check(
        "The offer expires at 5 p.m. EST Nov. 9.",
        dct,
        "5 p.m. EST Nov. 9",
        "1989-11-09T17:00",
        None,
    );
    check(
        "Trading halted mid-afternoon yesterday.",
        dct,
        "mid-afternoon yesterday",
        "1989-11-01TAF",
        Some("MID"),
    );
    check(
        "He will leave at 4 in the morning.",
        dct,
        "4 in the morning",
        "1989-11-02T04:00",
        None,
    );
    check(
        "It expects to complete the deal by year-end.",
        dct,
        "year-end",
        "1989",
        Some("END"),
    );
    check(
        "It will list shares in the near future.",
        dct,
        "the near future",
        "FUTURE_REF",
        None,
    );
    // "the latest quarter" is a finished one, not a coming quarter just mentioned
    check(
        "It expects a fourth-quarter charge. Earnings fell in the latest quarter.",
        dct,
        "the latest quarter",
        "1989-Q3",
        None,
    );
    // "a year earlier" than a day is that year
    check(
        "Shares rose on Oct. 12. A year earlier they had fallen.",
        dct,
        "A year earlier",
        "1988",
        None,
    );
    // movable holidays and weekdays counted from the day last spoken of
    let dct = d("1998-10-26");
    check(
        "Stopping it is a theme until Election Day.",
        dct,
        "Election Day",
        "1998-11-03",
        None,
    );
    check(
        "They met on Easter 2024.",
        dct,
        "Easter 2024",
        "2024-03-31",
        None,
    );
    check(
        "It closed on Memorial Day 2024.",
        dct,
        "Memorial Day 2024",
        "2024-05-27",
        None,
    );
    check(
        "Shares fell on Friday, down from the previous Friday.",
        dct,
        "the previous Friday",
        "1998-10-16",
        None,
    );
    // sets of parts of weekdays
    let dct = d("1998-02-13");
    check(
        "Flights leave on Monday and Tuesday nights.",
        dct,
        "Monday",
        "XXXX-WXX-1TNI",
        None,
    );
    check(
        "Flights leave on Monday and Tuesday nights.",
        dct,
        "Tuesday nights",
        "XXXX-WXX-2TNI",
        None,
    );
    // "last February" said in March is a year back; "last October" said in February is not
    check(
        "Prices rose last February.",
        d("1998-03-01"),
        "last February",
        "1997-02",
        None,
    );
    check(
        "Prices rose last October.",
        d("1999-02-06"),
        "last October",
        "1998-10",
        None,
    );
    check(
        "Prices rose last June.",
        d("1989-10-27"),
        "last June",
        "1989-06",
        None,
    );
}

#[test]
fn round_four_rules() {
    // "in recent years", "in coming weeks": durations of an unstated number of units; accounting
    // periods and "future" + unit stay references
    let dct = d("1998-04-02");
    check(
        "Prices rose in recent years.",
        dct,
        "recent years",
        "PXY",
        None,
    );
    check(
        "Prices rose in recent months.",
        dct,
        "recent months",
        "PXM",
        None,
    );
    check(
        "Talks resume in coming weeks.",
        dct,
        "coming weeks",
        "PXW",
        None,
    );
    assert_eq!(
        find("Prices rose in recent years.", dct, "recent years").kind,
        TimexType::Duration
    );
    check(
        "Earnings will improve in coming quarters.",
        dct,
        "coming quarters",
        "FUTURE_REF",
        None,
    );
    // "will one day be" is some unstated future time; "in one day" is a day-long span
    check(
        "Islam will one day be the second largest religion.",
        dct,
        "one day",
        "FUTURE_REF",
        None,
    );
    check("The work was done in one day.", dct, "one day", "P1D", None);
    // "the future of" is prospects, not a time
    assert!(
        tag("It is very important to the future of our peoples.", dct)
            .iter()
            .all(|t| t.text != "the future")
    );
    // the month right after the DCT's is the coming one even in a past-tense clause
    let dct = d("1990-08-16");
    check(
        "Saudi Arabia told oil companies of a cutback in supply in September.",
        dct,
        "September",
        "1990-09",
        None,
    );
    check(
        "Saudi Arabia told oil companies of a cutback in supply in July.",
        dct,
        "July",
        "1990-07",
        None,
    );
    check(
        "Dealers placed orders for January transactions.",
        d("1989-12-20"),
        "January",
        "1990-01",
        None,
    );
    // titles of programmes and films in quotes, and "high noon", are names, not times
    let dct = d("1991-02-25");
    for text in [
        "Baker said on ABC News' \"This Week,\" that the request stands.",
        "Gonzalez said on CBS's '' 60 Minutes.'' that he would wait.",
        "The poster showed Gary Cooper from the film ``High Noon.''",
        "For the people of Poland, high noon comes today.",
    ] {
        let all = tag(text, dct);
        assert!(
            all.iter().all(|t| !matches!(
                t.text.as_str(),
                "This Week" | "60 Minutes" | "Noon" | "noon"
            )),
            "{text:?}: {all:?}"
        );
    }
    check(
        "\"This week we sold more,\" he said.",
        dct,
        "This week",
        "1991-W09",
        None,
    );
    check(
        "The attack began at \"noon Saturday\".",
        dct,
        "noon Saturday",
        "1991-02-23T12:00",
        None,
    );
    // a negated "could" reports a failed attempt (past); "planned a rally" looks ahead
    let dct = d("2000-01-06"); // a Thursday
    check(
        "Neither he nor his lawyers could be located Wednesday in Cardenas.",
        dct,
        "Wednesday",
        "2000-01-05",
        None,
    );
    check(
        "The minister could not be reached for comment Wednesday.",
        dct,
        "Wednesday",
        "2000-01-05",
        None,
    );
    check(
        "The talks could resume Wednesday.",
        dct,
        "Wednesday",
        "2000-01-12",
        None,
    );
    let dct = d("2000-01-07"); // a Friday
    check(
        "Protesters planned a large demonstration on Saturday.",
        dct,
        "Saturday",
        "2000-01-08",
        None,
    );
    check(
        "Protesters staged a large demonstration on Saturday.",
        dct,
        "Saturday",
        "2000-01-01",
        None,
    );
    // "day-long", "decades-long": adjectival spans
    let dct = d("2000-04-03");
    check(
        "Lawyers emerged from their third day-long meeting.",
        dct,
        "day-long",
        "P1D",
        None,
    );
    check(
        "It marks the decades-long battle with Cuba.",
        dct,
        "decades-long",
        "PXE",
        None,
    );
    // a clock time takes the day written after a parenthesis
    check(
        "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.",
        d("1998-08-08"),
        "10:35 a.m.",
        "1998-08-07T10:35",
        Some("APPROX"),
    );
    // "it's the second day of": the day being spoken in
    let dct = d("1998-03-06");
    check(
        "More heavy gunfire in Kosovo. It's the second day of an offensive by the police.",
        dct,
        "the second day",
        "1998-03-06",
        None,
    );
    check(
        "In Saudi Arabia, today is the eighth day of the operation.",
        dct,
        "the eighth day",
        "1998-03-06",
        None,
    );
    // "that same day" after a month is a day of that month; after a day it is that day
    let dct = d("1999-02-06");
    check(
        "A doctor was killed last October. His name was crossed out that same day.",
        dct,
        "that same day",
        "1998-10-XX",
        None,
    );
    check(
        "A doctor was killed on Oct. 23, 1998. His name was crossed out that same day.",
        dct,
        "that same day",
        "1998-10-23",
        None,
    );
    // "a week or so ago": approximately a week back
    check(
        "The plan was drawn up a week or so ago.",
        d("1991-02-25"),
        "a week or so ago",
        "1991-W08",
        Some("APPROX"),
    );
    // ordinal centuries without their article
    let dct = d("1998-02-13");
    check(
        "She is a 20th century democrat.",
        dct,
        "20th century",
        "19",
        None,
    );
    check(
        "the fabled 11th century temple",
        dct,
        "11th century",
        "10",
        None,
    );
    check("a 19th-century house", dct, "19th-century", "18", None);
    // "in the morning": that part of the day last spoken of
    check(
        "Hopes were dashed Friday. Dealers placed heavy buy orders in the morning.",
        d("1989-10-30"),
        "the morning",
        "1989-10-27TMO",
        None,
    );
    // "over the years", "in the years that followed", "for a while": spans of unstated length
    let dct = d("2000-04-01");
    check(
        "Over the years many more patients died.",
        dct,
        "the years",
        "PXY",
        None,
    );
    check(
        "In the years that followed, the rebels waged war.",
        dct,
        "the years",
        "PXY",
        None,
    );
    check(
        "We will live without it for a while.",
        dct,
        "a while",
        "PXX",
        None,
    );
    check(
        "Forces could stay in the region for some time.",
        dct,
        "some time",
        "PXX",
        None,
    );
    assert!(tag("The years were hard.", dct).is_empty());
    // a rate's unit of measure is no time; counts of times are sets; "a year ago" stays
    let dct = d("1989-10-26");
    for (text, unit) in [
        ("It should save $500 million a year in costs.", "a year"),
        ("Qantas flies four flights a week to Bombay.", "a week"),
        (
            "The economy added jobs at a rate of 358,000 a month.",
            "a month",
        ),
    ] {
        assert!(
            tag(text, dct).iter().all(|t| t.text != unit),
            "{text:?}: {:?}",
            tag(text, dct)
        );
    }
    check(
        "Talks are held twice a year.",
        dct,
        "twice a year",
        "P1Y",
        None,
    );
    check(
        "Profit rose from $10 million a year ago.",
        dct,
        "a year ago",
        "1988",
        None,
    );
    assert!(tag("Sales should rise 8.5% annually.", dct).is_empty());
    check(
        "The festival is held annually in Havana.",
        dct,
        "annually",
        "P1Y",
        None,
    );
    assert!(tag("It is 5% of the average daily volume.", dct).is_empty());
    // a capitalised "March"/"May" before its noun is the month; the march and the modal are not
    let dct = d("1999-02-10");
    check(
        "The March accession will let them sign the treaty.",
        dct,
        "March",
        "1999-03",
        None,
    );
    check("the May elections", dct, "May", "1999-05", None);
    assert!(tag("They joined the March on Washington.", dct).is_empty());
    assert!(tag("Prices may rise.", dct).is_empty());
    // vague futures
    check(
        "Financing will be arranged at a later date.",
        dct,
        "a later date",
        "FUTURE_REF",
        None,
    );
    check(
        "It will sell the unit as soon as possible.",
        dct,
        "as soon as possible",
        "FUTURE_REF",
        None,
    );
    // results for nine months compared "a year earlier" are that year's, not a quarter's
    let dct = d("1989-10-26");
    let text = "Net rose in the third quarter. For the nine months, it earned $18.9 million, \
                compared with a loss of $9.7 million a year earlier.";
    check(text, dct, "a year earlier", "1988", None);
    let text = "Net rose in the third quarter, up from $100 million a year earlier.";
    check(text, dct, "a year earlier", "1988-Q3", None);
    // "the first two quarters of 1990" is its first half
    check(
        "Weak demand will last through the first two quarters of 1990.",
        dct,
        "the first two quarters of 1990",
        "1990-H1",
        None,
    );
    // "the year-earlier nine months" is that span
    check(
        "Net for the year-earlier nine months included a gain.",
        dct,
        "the year-earlier nine months",
        "P9M",
        None,
    );
}

#[test]
fn round_five_rules() {
    let dct = d("1989-10-26");
    // "current" before its noun is what holds at the DCT; "the then current price" what held
    // then; accounting terms and dated periods are not
    check(
        "The company cited current market conditions.",
        dct,
        "current",
        "PRESENT_REF",
        None,
    );
    check(
        "Holders may buy shares at half the then current market price.",
        dct,
        "then current",
        "PAST_REF",
        None,
    );
    let none = |text: &str| {
        assert!(
            tag(text, dct).iter().all(|t| t.text != "current"),
            "{:?}",
            tag(text, dct)
        )
    };
    none("Current assets rose and the current account deficit narrowed.");
    none("The river's current is strong.");
    check(
        "Sales in the current fiscal year will rise.",
        dct,
        "the current fiscal year",
        "1989",
        None,
    );
    // "that quarter": the quarter last spoken of, even a year back
    check(
        "Net fell from $5 million in the second quarter of 1988. Results for that quarter \
         included a charge.",
        dct,
        "that quarter",
        "1988-Q2",
        None,
    );
    // "the next morning", "the following night", "that evening": a part of the day last
    // spoken of, or of the one after or before it
    let text = "He was arrested on Feb. 22. He appeared in court the next morning.";
    check(text, dct, "the next morning", "1989-02-23TMO", None);
    assert_eq!(find(text, dct, "the next morning").kind, TimexType::Time);
    check(
        "The talks began on Oct. 3. That evening the sides met again.",
        dct,
        "That evening",
        "1989-10-03TEV",
        None,
    );
    check(
        "Riots broke out on Oct. 3; the previous night had been calm.",
        dct,
        "the previous night",
        "1989-10-02TNI",
        None,
    );
    // a bare "that day" with no day spoken of is any day, no time; one with a day is it
    let text = "Market makers lose on trades made that day and on the days after.";
    assert!(tag(text, dct).iter().all(|t| t.text != "that day"));
    let text = "In September, funds saw strong redemptions that day.";
    assert!(tag(text, dct).iter().all(|t| t.text != "that day"));
    check(
        "The doctor was shot on Oct. 23, 1998. Earlier that day, the family sent a fax.",
        dct,
        "Earlier that day",
        "1998-10-23",
        None,
    );
    check(
        "He voted last October, and resigned that same day.",
        dct,
        "that same day",
        "1988-10-XX",
        None,
    );
    // "several quarters of losses" is a span; "two quarters of the seats" a fraction
    check(
        "It returned to profit after several quarters of losses.",
        dct,
        "several quarters",
        "PXQ",
        None,
    );
    assert!(tag("They won two quarters of the seats.", dct).is_empty());
    // "the fiscal year" is read like "the year"; "the latest fiscal year" is the one before
    // the DCT's
    check(
        "Profit should increase throughout the fiscal year.",
        dct,
        "the fiscal year",
        "P1Y",
        None,
    );
    check(
        "It had sales of $6.3 billion in the latest fiscal year.",
        dct,
        "the latest fiscal year",
        "1988",
        None,
    );
}

#[test]
fn round_five_generic_today_and_schedules() {
    let dct = d("1998-05-01");
    let none = |text: &str, w: &str| {
        let all = tag(text, dct);
        assert!(
            all.iter().all(|t| !t.text.eq_ignore_ascii_case(w)),
            "{w:?} in {all:?}"
        )
    };
    // the present age or the one to come, and names, are no day
    none("It makes no sense in today's world.", "today");
    none(
        "It is the chip in many of today's personal computers.",
        "today",
    );
    none("I would have chosen the people of tomorrow.", "tomorrow");
    none("This is VOA Today.", "today");
    // a day it stays
    check(
        "The offer was advertised in today's editions.",
        dct,
        "today",
        "1998-05-01",
        None,
    );
    check(
        "The session closes by the end of today.",
        dct,
        "the end of today",
        "1998-05-01",
        Some("END"),
    );
    check(
        "Today, the talks resumed.",
        dct,
        "Today",
        "1998-05-01",
        None,
    );
    // a schedule in the plain present with its subject looks ahead; an infinitive does not
    check(
        "He and Arafat meet separately Monday with Albright.",
        dct,
        "Monday",
        "1998-05-04",
        None,
    );
    check(
        "Mr. Bush let the ground offensive begin as previously planned Saturday.",
        dct,
        "Saturday",
        "1998-04-25",
        None,
    );
}

#[test]
fn round_five_the_day_before_and_after() {
    let dct = d("2000-02-24");
    // "the day before last Tuesday's hearing": a day counted from the day written after it
    check(
        "The day before last Tuesday's hearing, Manuel went to the home.",
        dct,
        "The day before last Tuesday",
        "2000-02-21",
        None,
    );
    // "the day before the plunge" right after a date is that date; else the day after
    // (before) the one last spoken of; "the day before" alone is unchanged
    check(
        "Trading days after Oct. 12, the day before the stock market plunge, were calm.",
        dct,
        "the day",
        "1999-10-12",
        None,
    );
    check(
        "He was shot on Friday, Oct. 23, 1998. Two men showed up the day after his death.",
        dct,
        "the day",
        "1998-10-24",
        None,
    );
    check(
        "He was shot on Oct. 23, 1998. The police came the day after.",
        dct,
        "the day after",
        "1998-10-24",
        None,
    );
    // "later in the day before returning": the day spoken of; a part of a named day sets it
    check(
        "She landed Tuesday morning, and visited Nairobi later in the day before returning.",
        d("1998-08-19"),
        "later in the day",
        "1998-08-18",
        None,
    );
}

#[test]
fn round_five_report_periods() {
    let dct = d("1989-10-26");
    // "the quarter" long after the fiscal quarter a report named is that quarter, not the
    // calendar quarter before the DCT
    let text = "Sun Microsystems posted a loss for the fiscal first quarter. Revenue for the \
                quarter ended Sept. 29 rose. Analysts had expected more. Shares fell on Oct. 5. \
                Still, the company said the quarter was hurt by a new system.";
    let all = tag(text, dct);
    let last = all.iter().rfind(|t| t.text == "the quarter").unwrap();
    assert_eq!(last.value.as_deref(), Some("1989-Q1"), "{all:?}");
    // "a year ago" far from any quarter compares the report's own period, the first one it
    // named, not one mentioned in passing
    let text = "Third-quarter profit rose 4%. It followed a flat second quarter. Prices fell \
                in Europe. Costs rose in Asia. Demand was weak on Oct. 2. Interest expense was \
                lower than a year ago.";
    check(text, dct, "a year ago", "1988-Q3", None);
}

#[test]
fn round_five_unstated_first_spans() {
    let dct = d("1991-02-25");
    // "in the first hours of the war", "in the early years": a stretch of unstated length
    check(
        "5,500 prisoners were taken in the first hours of the ground war.",
        dct,
        "the first hours",
        "PTXH",
        None,
    );
    check(
        "You don't save as many lives in the early years.",
        dct,
        "the early years",
        "PXY",
        None,
    );
    // a counted span and a decade are unchanged
    check(
        "Sales fell in the first nine months.",
        dct,
        "the first nine months",
        "P9M",
        None,
    );
    check(
        "Prices soared in the early 1980s.",
        dct,
        "the early 1980s",
        "198",
        Some("EARLY"),
    );
}

#[test]
fn analyst_quarter_and_half_abbreviations() {
    let dct = d("2025-04-10");
    check("Q4 2024 was weak.", dct, "Q4 2024", "2024-Q4", None);
    check("Sales in Q3/2024 fell.", dct, "Q3/2024", "2024-Q3", None);
    check("In 2024 Q2 sales fell.", dct, "2024 Q2", "2024-Q2", None);
    check("3Q24 profit rose.", dct, "3Q24", "2024-Q3", None);
    check("H1 2025 guidance was cut.", dct, "H1 2025", "2025-H1", None);
    check("Q1 results are due.", dct, "Q1", "2025-Q1", None);
    // names, not periods: a flu strain, a lone "H2", "Q&A", a longer code
    for text in [
        "The H1N1 virus spread.",
        "Hydrogen (H2) prices fell.",
        "A Q&A followed.",
        "The Q35 chip shipped.",
    ] {
        assert!(tag(text, dct).is_empty(), "{text:?}: {:?}", tag(text, dct));
    }
}

#[test]
fn ranges_whose_month_is_written_once() {
    let dct = d("2025-04-10");
    check("Talks ran 10-12 March.", dct, "10", "2025-03-10", None);
    check(
        "Talks ran 10-12 March.",
        dct,
        "12 March",
        "2025-03-12",
        None,
    );
    check("Drills on 5–7 November 2024.", dct, "5", "2024-11-05", None);
    check(
        "Drills on 5–7 November 2024.",
        dct,
        "7 November 2024",
        "2024-11-07",
        None,
    );
    check(
        "A truce from 1 to 3 May 2023.",
        dct,
        "1",
        "2023-05-01",
        None,
    );
    // "March 10-12, 2025": the year after the second day belongs to both
    check(
        "Talks ran March 10-12, 2026.",
        dct,
        "March 10",
        "2026-03-10",
        None,
    );
    check(
        "Talks ran March 10-12, 2026.",
        dct,
        "12, 2026",
        "2026-03-12",
        None,
    );
    assert!(
        !tag("Talks ran March 10-12, 2026.", dct)
            .iter()
            .any(|t| t.text == "2026"),
        "the year is not a timex of its own"
    );
    // amounts and decimals are no range starts
    assert!(
        !tag("Prices rose 1.5-7 March levels.", dct)
            .iter()
            .any(|t| t.text == "5")
    );
    assert!(
        !tag("Prices rose $5 to 7 March levels.", dct)
            .iter()
            .any(|t| t.text == "5")
    );
}

#[test]
fn fortnights_and_named_halves_of_the_year() {
    let dct = d("2025-04-10");
    check(
        "He left a fortnight ago.",
        dct,
        "a fortnight ago",
        "2025-W13",
        None,
    );
    check(
        "He returns in a fortnight.",
        dct,
        "a fortnight",
        "P2W",
        None,
    );
    check(
        "Output fell in the first half of the year.",
        dct,
        "the first half of the year",
        "2025-H1",
        None,
    );
    check(
        "Output fell in the third quarter of last year.",
        dct,
        "the third quarter of last year",
        "2024-Q3",
        None,
    );
}

#[test]
fn fiscal_years_possessive_quarters_and_comparisons() {
    let dct = d("2009-06-01");
    check(
        "In the 2009 fiscal year sales fell.",
        dct,
        "the 2009 fiscal year",
        "2009",
        None,
    );
    check("Guidance for FY09 was cut.", dct, "FY09", "2009", None);
    check(
        "In 2009's first quarter GM lost money.",
        dct,
        "2009's first quarter",
        "2009-Q1",
        None,
    );
    check(
        "In 2009's second half sales rose.",
        dct,
        "2009's second half",
        "2009-H2",
        None,
    );
    // comparisons and manners are no times
    for text in [
        "Sales rose on a year-on-year basis.",
        "A month-over-month gain.",
        "She handles day-to-day work.",
    ] {
        assert!(tag(text, dct).is_empty(), "{text:?}: {:?}", tag(text, dct));
    }
}

#[test]
fn named_days_and_since_bounds() {
    let dct = d("2008-10-13");
    // a named day is no weekday around the DCT
    for text in [
        "The fall was the largest since Black Monday.",
        "Super Tuesday primaries drew crowds.",
        "Bloody Sunday is remembered.",
    ] {
        assert!(tag(text, dct).is_empty(), "{text:?}: {:?}", tag(text, dct));
    }
    check(
        "Voters went to the polls on Tuesday.",
        dct,
        "Tuesday",
        "2008-10-07",
        None,
    );
    // "since 2003" bounds a span; "the previous year" still counts from the DCT
    check(
        "The index hit its lowest close since 2003. In the previous year, sales fell.",
        dct,
        "the previous year",
        "2007",
        None,
    );
    // a year spoken of does move the time spoken of
    check(
        "Sales rose in 2003. In the previous year, they fell.",
        dct,
        "the previous year",
        "2002",
        None,
    );
}

#[test]
fn a_past_act_dated_directly_happened_before_the_report() {
    let dct = d("2025-02-26");
    // a finite past verb dating the day: last year's March, not next month
    check(
        "He arrived on March 12.",
        dct,
        "March 12",
        "2024-03-12",
        None,
    );
    check(
        "The body was found on the night of 12 March.",
        dct,
        "12 March",
        "2024-03-12",
        None,
    );
    check(
        "The deal was signed in March.",
        dct,
        "March",
        "2024-03",
        None,
    );
    // a past act that sets a date: the date still lies ahead
    check(
        "The bid was extended to March 16.",
        dct,
        "March 16",
        "2025-03-16",
        None,
    );
    check(
        "He subpoenaed the boy to testify before the committee on March 10.",
        dct,
        "March 10",
        "2025-03-10",
        None,
    );
}

#[test]
fn four_digit_clock_times_and_apostrophe_years() {
    let dct = d("2025-02-26");
    let text = "The ceasefire took effect at 0800 GMT on Sunday.";
    check(text, dct, "0800 GMT", "2025-02-23T08:00Z", None);
    let text = "The blasts came at around 3:30 pm (1530 GMT) on Tuesday.";
    check(text, dct, "1530 GMT", "2025-02-25T15:30Z", None);
    check(
        text,
        dct,
        "around 3:30 pm",
        "2025-02-25T15:30",
        Some("APPROX"),
    );
    let text = "It hit at 10:35 a.m. (0735 GMT) Friday.";
    check(text, dct, "10:35 a.m.", "2025-02-21T10:35", None);
    check(text, dct, "0735 GMT", "2025-02-21T07:35Z", None);
    check(
        "The curfew starts at 2200 hours.",
        dct,
        "2200 hours",
        "2025-02-26T22:00",
        None,
    );
    // counts, not clock times
    let t = tag("He watched 1200 hours of video in 2014.", dct);
    assert!(t.iter().all(|t| t.kind != TimexType::Time), "{t:?}");
    check("In '98 the crisis hit.", dct, "'98", "1998", None);
    check("Sales have grown since '05.", dct, "'05", "2005", None);
    let t = tag("She said 'hello' 98 times.", dct);
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn the_early_hours_of_a_day_are_its_start() {
    let dct = d("2025-02-26");
    check(
        "Russian forces struck Kyiv in the early hours of Tuesday.",
        dct,
        "the early hours of Tuesday",
        "2025-02-25",
        Some("START"),
    );
    check(
        "They were arrested in the early hours of Saturday morning.",
        dct,
        "the early hours of Saturday morning",
        "2025-02-22TMO",
        Some("START"),
    );
    // of no day: a stretch of unstated length
    check(
        "In the early hours of the war, chaos reigned.",
        dct,
        "the early hours",
        "PTXH",
        None,
    );
}

#[test]
fn the_decade_and_the_century_spoken_of() {
    let dct = d("2025-02-26");
    check(
        "By the end of the decade, emissions must halve.",
        dct,
        "the end of the decade",
        "202",
        Some("END"),
    );
    check(
        "Growth slowed for most of the decade.",
        dct,
        "the decade",
        "202",
        None,
    );
    check(
        "In 1985 sales rose. Later in the decade the firm collapsed.",
        dct,
        "Later in the decade",
        "198",
        None,
    );
    check(
        "By the end of the century, seas will rise.",
        dct,
        "the end of the century",
        "20",
        Some("END"),
    );
    // a span, and a turn of phrase
    for text in [
        "In the decade since the war, little changed.",
        "The turn of the century saw growth.",
    ] {
        let t = tag(text, dct);
        assert!(t.iter().all(|t| t.kind != TimexType::Date), "{text}: {t:?}");
    }
}

#[test]
fn the_week_ending_a_day() {
    let dct = d("2025-02-26");
    check(
        "In the week ending October 10, jobless claims rose.",
        dct,
        "the week ending October 10",
        "2024-W41",
        None,
    );
    check(
        "Sales rose in the week ended Oct. 3.",
        dct,
        "the week ended Oct. 3",
        "2024-W40",
        None,
    );
}

#[test]
fn consecutive_units_are_a_span() {
    let dct = d("2025-02-26");
    check(
        "The company has lost money for four consecutive quarters.",
        dct,
        "four consecutive quarters",
        "P4Q",
        None,
    );
    check(
        "Shares fell for five straight days.",
        dct,
        "five straight days",
        "P5D",
        None,
    );
    // an ordinal counts, it spans nothing
    assert!(tag("It was the third consecutive month of gains.", dct).is_empty());
}

#[test]
fn the_quarter_ended_a_day_is_the_quarter_it_ends() {
    let dct = d("2009-02-15");
    let text = "The company posted a loss for the quarter ended Sept. 30.";
    check(text, dct, "the quarter", "2008-Q3", None);
    check(text, dct, "Sept. 30", "2008-09-30", None);
    // a quarter named just before stays the one meant (fiscal quarters end off the calendar)
    check(
        "Its fiscal first quarter was weak. Sales in the quarter ended Oct. 31 fell.",
        d("2009-05-15"),
        "the quarter",
        "2009-Q1",
        None,
    );
}

#[test]
fn eras_fortnights_long_spans_and_awaited_weekdays() {
    let dct = d("2025-02-26");
    let text = "The temple dates from the 5th century BC, the city from 500 BC, the coin from \
                44 B.C. and the wall from AD 122 or 1200 AD.";
    check(text, dct, "the 5th century BC", "BC04", None);
    check(text, dct, "500 BC", "BC0500", None);
    check(text, dct, "44 B.C.", "BC0044", None);
    check(text, dct, "AD 122", "0122", None);
    check(text, dct, "1200 AD", "1200", None);
    assert!(tag("An AD campaign ran.", dct).is_empty());
    check(
        "In the past fortnight prices rose.",
        dct,
        "the past fortnight",
        "P2W",
        None,
    );
    check(
        "A months-long siege ended.",
        dct,
        "months-long",
        "PXM",
        None,
    );
    check("It took a few days.", dct, "a few days", "PXD", None);
    // a possessive weekday is past, unless it is awaited
    let text = "Ahead of Sunday's vote, crowds gathered.";
    check(text, dct, "Sunday", "2025-03-02", None);
    check("Sunday's vote was calm.", dct, "Sunday", "2025-02-23", None);
}

#[test]
fn named_dates_and_since_bounds_leave_the_time_spoken_of() {
    let dct = d("2009-11-23");
    let text = "On Monday, the Dow fell 777 points. It was the worst day since the September 11 \
                attacks. By the end of the day, the index had lost 4 percent.";
    check(text, dct, "September 11", "2001-09-11", None);
    check(text, dct, "the end of the day", "2009-11-23", Some("END"));
    let text = "The index has risen 60 percent since its March 9 low. By midday it was flat.";
    check(text, dct, "March 9", "2009-03-09", None);
    check(text, dct, "midday", "2009-11-23T12:00", None);
    // any other September 11 is a day like any other
    check(
        "The vote was held on September 11.",
        dct,
        "September 11",
        "2009-09-11",
        None,
    );
}

#[test]
fn may_and_march_as_months_after_than_around_and_another_month() {
    let dct = d("2010-06-28");
    check(
        "It will ship no later than March.",
        dct,
        "March",
        "2011-03",
        None,
    );
    check("In April or May it rained.", dct, "May", "2010-05", None);
    check("In April and May it rained.", dct, "May", "2010-05", None);
    for text in ["Johnson and May met.", "They will march or May protest."] {
        let t = tag(text, dct);
        assert!(t.is_empty(), "{text}: {t:?}");
    }
}

#[test]
fn a_weekday_written_with_a_year_less_day_picks_its_year() {
    // "Wednesday, Feb. 26" after "2019": 2020 (26 February 2019 was a Tuesday)
    let text = "The war began in 2019.\nOn Wednesday, Feb. 26, the ministers met again.";
    let a = annotate(text, None);
    assert_eq!(a.date.value.as_deref(), Some("2020-02-26"), "{:?}", a.date);
    check(text, None, "Wednesday, Feb. 26", "2020-02-26", None);
    // the year the text gives agrees with the weekday: kept
    let text = "The treaty was signed in December 2024.\nOn Tuesday, February 25, they met again.";
    check(text, None, "Tuesday, February 25", "2025-02-25", None);
    // 29 February on a weekday that no year in reach has: the year from the text
    let text = "The war began in 2019.\nOn Monday, Feb. 29, they met.";
    let a = annotate(text, None);
    assert!(a.date.value.is_some(), "{:?}", a.date);
}

#[test]
fn a_month_range_shares_the_year_written_at_its_end() {
    let dct = d("2026-02-10");
    let text = "Output rose in January–March 2025.";
    check(text, dct, "January", "2025-01", None);
    check(
        "Output rose from January to March 2025.",
        dct,
        "January",
        "2025-01",
        None,
    );
    let text = "Sales in March, April and June 2024 fell.";
    check(text, dct, "March", "2024-03", None);
    check(text, dct, "April", "2024-04", None);
    // a range across the new year
    check(
        "From November to February 2025 it snowed.",
        dct,
        "November",
        "2024-11",
        None,
    );
    // not a range: another clause
    check(
        "He arrived in January and left in March 2025.",
        dct,
        "January",
        "2026-01",
        None,
    );
}

#[test]
fn an_undated_text_is_later_than_a_year_it_writes_out() {
    // news writes the year only outside the current one: "Aug. 6" after "August 1988" is in a
    // later year
    let text = "Prices peaked in August 1988.\nOn Aug. 6, traders sold again.";
    check(text, None, "Aug. 6", "1989-08-06", None);
    let text = "The plant opened in 1988.\nOn Aug. 6, it closed.";
    check(text, None, "Aug. 6", "1989-08-06", None);
    // a full date or a season with its year is no such sign
    let text = "The plant opened on March 3, 2008.\nOn Aug. 6, it closed.";
    check(text, None, "Aug. 6", "2008-08-06", None);
    let text = "A state visit took place in the spring of 2025.\nOn Nov. 20, talks resumed.";
    check(text, None, "Nov. 20", "2025-11-20", None);
}

#[test]
fn the_coming_and_the_past_weekend() {
    // a Wednesday: the coming weekend is this week's, the past one last week's
    let dct = d("2025-02-26");
    for expr in ["The coming weekend", "this coming weekend"] {
        let text = format!("{expr} will be busy.");
        check(&text, dct, expr, "2025-W09-WE", None);
    }
    check(
        "Protests grew over the past weekend.",
        dct,
        "the past weekend",
        "2025-W08-WE",
        None,
    );
    check(
        "Talks resume next weekend.",
        dct,
        "next weekend",
        "2025-W10-WE",
        None,
    );
}
