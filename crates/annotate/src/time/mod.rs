//! Time expressions: recognition, normalisation to TimeML values, and the document date.
//!
//! [`tag`] finds the time expressions of an English text and normalises each to a TimeML
//! `TIMEX3` value relative to the document creation time (DCT):
//!
//! | written | type | value | mod |
//! |---|---|---|---|
//! | "February 26, 2025", "26.02.2025", "2025-02-26" | DATE | `2025-02-26` | |
//! | "in late October 2024" | DATE | `2024-10` | `LATE` |
//! | "in the spring of 2025" | DATE | `2025-SP` | |
//! | "the 1990s", "the mid-1990s" | DATE | `199` | (`MID`) |
//! | "last week" (DCT 2025-02-26) | DATE | `2025-W08` | |
//! | "on Friday" (DCT Wednesday 2025-02-26, past tense) | DATE | `2025-02-21` | |
//! | "two years ago" | DATE | `2023` | |
//! | "recently", "now", "in the future" | DATE | `PAST_REF`, `PRESENT_REF`, `FUTURE_REF` | |
//! | "the next day" | DATE | the day after the date last spoken of | |
//! | "2024–2025", "between May and July" | two DATEs | `2024` and `2025`; `2025-05` and `2025-07` | |
//! | "ten years", "more than three months" | DURATION | `P10Y`, `P3M` | (`MORE_THAN`) |
//! | "every year", "on Mondays", "twice a week" | SET | `P1Y`, `XXXX-WXX-1`, `P1W` | |
//! | "3 p.m.", "Friday morning" | TIME | `2025-02-26T15:00`, `2025-02-21TMO` | |
//! | "for years", "2 1/2 years", "two to three weeks" | DURATION | `PXY`, `P2Y6M`, `P2W` | |
//! | "in recent years", "over the years", "for a while" | DURATION | `PXY`, `PXY`, `PXX` | |
//! | "year-end", "Easter 2024", "Election Day" | DATE | `2025`, `2024-03-31`, `2024-11-05` | (`END`) |
//! | "Tuesday nights" | SET | `XXXX-WXX-2TNI` | |
//!
//! Not times: rates ("$5 million a year", "four flights a week", "8.5% annually"), quoted titles
//! ("ABC's "This Week"", the film "High Noon"), "the future of" something.
//!
//! Ranges are represented as two DATE timexes, one per end point (TimeML has no range value).
//! `early`/`late`/`mid` become the modifiers `EARLY`/`LATE`/`MID`; "the beginning/start of" and
//! "the end of" become `START`/`END`; approximations become `APPROX`, `LESS_THAN`, `MORE_THAN`,
//! `EQUAL_OR_LESS`, `EQUAL_OR_MORE`.
//!
//! Year-less dates ("February 26", "in January") take their year from the DCT and the tense of
//! their clause: the nearest tense cue decides (past verbs, "will/would", "plans to", "payable");
//! without any cue a weekday is the past one and a month or day the nearer reading (the coming
//! one up to four months ahead). Accounting periods ("the year-earlier quarter", "the same
//! period last year") are the quarter last spoken of, or the latest quarter before the DCT, a
//! year back. Without a DCT they take it
//! from the document itself, since writers give the year of dates outside the current year:
//! - a year-less day in the first lines (a dateline such as "21 November") is the publication
//!   date, in the first year that puts it no earlier than the latest date the document reports
//!   with an explicit year; the rest is then resolved against it as against a DCT;
//! - otherwise year-less dates roll forward from that latest explicit date: the same year when
//!   they fall after it (or up to 45 days before it), else the next year in the calendar cycle
//!   (after "December 2024", "February 26" is 2025-02-26 and "in January" 2025-01), wherever they
//!   stand in the text.
//!
//! [`infer_document_date`] dates a document: from its metadata when there is one; otherwise from
//! its text (the dateline, else the latest date it reports outside a future or "by/until"
//! context, year-less ones rolled as above, else its latest explicit year), with its precision
//! and how it was found ([`DateSource`]); never from the clock. Numeric dates follow the document's own convention
//! (a part above 12, or written dates such as "26 February", tell day-first from month-first).
//!
//! Nothing here panics on any input; unknown or impossible values ("31 February", years outside
//! 1000–2199) come out as a coarser sensible value or no timex at all.

mod calendar;
mod grammar;
mod lex;
mod resolve;
mod words;

/// Whether `w` (lower case) names a month or a weekday, in full or abbreviated ("june", "jun",
/// "tuesday", "tues").
pub(crate) fn is_calendar_word(w: &str) -> bool {
    words::month_full(w).is_some()
        || words::month_abbr(w).is_some()
        || words::weekday_full(w).is_some_and(|(_, plural)| !plural)
        || words::weekday_abbr(w).is_some()
}

use attache_model::{DatePrecision, Timex, TimexType};
use jiff::civil::Date;

use calendar::{Point, Season};
use grammar::{Match, Parser, Sem, detect_order, sem_type};
use lex::{Kind, Tok};
use resolve::{Ctx, Val, YearFrom};

/// Why a date string could not be read as a [`Dct`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("not a date: {0:?} (expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-SP/SU/FA/WI)")]
    BadDate(String),
}

/// A document creation time: a civil date and how precisely it is known. For a month, season
/// or year precision the date is the first day of that period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dct {
    pub date: Date,
    pub precision: DatePrecision,
}

impl Dct {
    /// A date known to the day.
    pub fn day(date: Date) -> Dct {
        Dct {
            date,
            precision: DatePrecision::Day,
        }
    }

    pub fn new(date: Date, precision: DatePrecision) -> Dct {
        Dct { date, precision }
    }

    /// The UTC civil date of a timestamp (as documents' `published` field holds).
    pub fn from_timestamp(ts: jiff::Timestamp, precision: DatePrecision) -> Dct {
        Dct {
            date: ts.to_zoned(jiff::tz::TimeZone::UTC).date(),
            precision,
        }
    }

    /// Reads `2025-11-21` (anything after the day, such as a time, is ignored), `2025-11`,
    /// `2025-SP` or `2025`.
    pub fn parse(s: &str) -> Result<Dct, TimeError> {
        let bad = || TimeError::BadDate(s.chars().take(40).collect());
        let t = s.trim();
        let y: i32 = t.get(..4).and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        if !(calendar::MIN_YEAR..=calendar::MAX_YEAR).contains(&y) || !t.is_char_boundary(4) {
            return Err(bad());
        }
        let rest = &t[4..];
        if rest.is_empty() {
            return Ok(Dct::new(
                calendar::date(y, 1, 1).ok_or_else(bad)?,
                DatePrecision::Year,
            ));
        }
        let rest = rest.strip_prefix('-').ok_or_else(bad)?;
        let season = match rest {
            "SP" => Some(Season::Spring),
            "SU" => Some(Season::Summer),
            "FA" => Some(Season::Fall),
            "WI" => Some(Season::Winter),
            _ => None,
        };
        if let Some(s) = season {
            return Ok(Dct::new(
                calendar::date(y, s.first_month(), 1).ok_or_else(bad)?,
                DatePrecision::Season,
            ));
        }
        let m: u8 = rest.get(..2).and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        let rest = rest.get(2..).ok_or_else(bad)?;
        if rest.is_empty() {
            return Ok(Dct::new(
                calendar::date(y, m, 1).ok_or_else(bad)?,
                DatePrecision::Month,
            ));
        }
        let d: u8 = rest
            .strip_prefix('-')
            .and_then(|r| r.get(..2))
            .and_then(|d| d.parse().ok())
            .ok_or_else(bad)?;
        Ok(Dct::day(calendar::date(y, m, d).ok_or_else(bad)?))
    }

    /// The TimeML value at the DCT's precision (`None` when the precision is unknown).
    pub fn value(&self) -> Option<String> {
        self.point().map(|p| p.value())
    }

    fn point(&self) -> Option<Point> {
        let y = self.date.year() as i32;
        let m = self.date.month() as u8;
        Some(match self.precision {
            DatePrecision::Day => Point::Day(self.date),
            DatePrecision::Month => Point::Month(y, m),
            DatePrecision::Season => {
                let s = Season::of_month(m);
                Point::Season(if m <= 2 { y - 1 } else { y }, s)
            }
            DatePrecision::Year => Point::Year(y),
            DatePrecision::Unknown => return None,
        })
    }
}

/// How a document's date was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateSource {
    /// From the document's metadata (feed, page, command line).
    Metadata,
    /// Inferred from the text: the latest date the document reports (`expression`, at char
    /// offsets `start..end`), whose year came from `year_from` when the expression has none.
    Text {
        expression: String,
        start: usize,
        end: usize,
        year_from: Option<String>,
    },
    /// Neither metadata nor text tell.
    Unknown,
}

/// The date of a document, its precision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    /// TimeML value (`2025-02-27`, `2025-02`, `2025`), `None` when unknown.
    pub value: Option<String>,
    pub precision: DatePrecision,
    pub how: DateSource,
    /// First day of the dated period, when known.
    pub date: Option<Date>,
}

impl DocumentDate {
    /// The date as a DCT for [`tag`], when known.
    pub fn dct(&self) -> Option<Dct> {
        self.date.map(|d| Dct::new(d, self.precision))
    }

    fn unknown() -> DocumentDate {
        DocumentDate {
            value: None,
            precision: DatePrecision::Unknown,
            how: DateSource::Unknown,
            date: None,
        }
    }
}

/// The time annotations of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeAnnotations {
    pub date: DocumentDate,
    pub timexes: Vec<Timex>,
}

/// Finds and normalises the time expressions of `text` relative to `dct`. Without a DCT the
/// document is dated from its own text first ([`infer_document_date`]).
pub fn tag(text: &str, dct: Option<Dct>) -> Vec<Timex> {
    annotate(text, dct).timexes
}

/// The date of a document: `metadata_date` when given (and of known precision), otherwise
/// inferred from the text.
pub fn infer_document_date(text: &str, metadata_date: Option<Dct>) -> DocumentDate {
    annotate(text, metadata_date).date
}

/// Both at once: the document date and the timexes resolved against it.
pub fn annotate(text: &str, metadata_date: Option<Dct>) -> TimeAnnotations {
    let doc = Doc::new(text);
    if let Some(d) = metadata_date
        && let Some(p) = d.point()
    {
        let items = doc.resolve(Some(p), None);
        let date = DocumentDate {
            value: Some(p.value()),
            precision: d.precision,
            how: DateSource::Metadata,
            date: p.first_day(),
        };
        return TimeAnnotations {
            date,
            timexes: doc.timexes(&items),
        };
    }
    // No date: the dates written with their year first.
    let explicit = doc.resolve(None, None);
    // A full date on a line of its own near the top is the date line.
    if let Some(i) = doc.full_dateline()
        && let Some(Val::P(Point::Day(day))) = explicit[i].val
    {
        return doc.dated_by_line(i, day, None);
    }
    let latest = doc.latest_reported(&explicit);
    // A year-less date in the first lines is a dateline: the publication date, not earlier
    // than anything the document reports.
    if let (Some(i), Some((mp, src))) = (doc.dateline(), latest)
        && let Sem::Date {
            m: mo, d: Some(dd), ..
        } = doc.matches[i].sem
    {
        // the year as for any year-less date (`Ctx::year_for`), not before the latest report
        let weekday = doc.written_weekday(&doc.matches[i]);
        let day = resolve::year_after_report(mp, mo, Some(dd), weekday, 0)
            .and_then(|y| calendar::date(y, mo, dd).or_else(|| calendar::date(y + 1, mo, dd)));
        if let Some(day) = day {
            let year_from = doc.span(&doc.matches[src]).2.to_string();
            return doc.dated_by_line(i, day, Some(year_from));
        }
    }
    let items = doc.resolve(None, latest);
    let date = doc.infer(&items);
    let items = match date.dct().and_then(|d| d.point()) {
        Some(p) => doc.resolve(Some(p), latest),
        None => items,
    };
    TimeAnnotations {
        date,
        timexes: doc.timexes(&items),
    }
}

/// A recognised and resolved expression.
struct Item {
    m: Match,
    val: Option<Val>,
    from: YearFrom,
    /// In a future context, or after "by/until/before": not a date the document reports.
    prospective: bool,
}

struct Doc<'a> {
    text: &'a str,
    toks: Vec<Tok<'a>>,
    sent: Vec<usize>,
    matches: Vec<Match>,
}

/// Words that make the expression near them a future or a deadline rather than a report.
fn future_word(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "scheduled"
            | "upcoming"
            | "expected"
            | "expects"
            | "expect"
            | "plans"
            | "plan"
            | "planning"
            | "intends"
            | "intend"
            | "going"
            | "tomorrow"
            | "payable"
            | "effective"
            | "would"
            | "await"
            | "awaits"
            | "awaiting"
    )
}

/// Present-tense verbs of schedules: "the trial begins Monday", "talks resume Tuesday".
fn scheduled_present(w: &str) -> bool {
    matches!(
        w,
        "begins"
            | "meets"
            | "resumes"
            | "arrives"
            | "expires"
            | "convenes"
            | "opens"
            | "departs"
            | "starts"
            | "reconvenes"
            | "takes"
            | "travels"
            | "leaves"
            | "returns"
            // "He and Arafat meet separately Monday"
            | "meet"
            | "begin"
            | "resume"
            | "convene"
            | "reconvene"
    )
}

/// Modal verbs: a future when no past cue is nearer ("could come as early as Tuesday").
fn modal_word(w: &str) -> bool {
    matches!(w, "may" | "might" | "should" | "must" | "can" | "could")
}

fn past_word(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "met"
            | "held"
            | "took"
            | "came"
            | "went"
            | "ago"
            | "began"
            | "saw"
            | "won"
            | "lost"
            | "left"
            | "made"
            | "yesterday"
            | "last"
            | "earlier"
            | "since"
            | "fell"
            | "rose"
            | "sold"
            | "bought"
            | "paid"
            | "gave"
            | "got"
            | "found"
            | "spoke"
            | "wrote"
            | "shot"
            | "killed"
            | "died"
            | "struck"
            | "hit"
            | "led"
            | "ended"
            | "brought"
            | "thought"
            | "caught"
            | "fought"
            | "sought"
            | "grew"
            | "knew"
            | "threw"
            | "drew"
            | "flew"
            | "broke"
            | "chose"
            | "rode"
            | "drove"
            | "shook"
            | "sat"
            | "stood"
            | "ran"
            | "became"
            | "sent"
            | "spent"
            | "built"
            | "meant"
            | "felt"
            | "kept"
            | "heard"
            | "laid"
            | "tore"
            | "wore"
            | "swore"
            | "fled"
            | "bled"
            | "fed"
            | "hung"
            | "rang"
            | "sang"
            | "sank"
            | "stole"
            | "woke"
            | "forgot"
            | "forgave"
            | "overtook"
            | "withdrew"
            | "underwent"
    ) || (w.len() > 4
        && w.ends_with("ed")
        && !matches!(
            w,
            "need" | "feed" | "speed" | "proceed" | "succeed" | "exceed" | "embed" | "breed"
        ))
}

/// Past cues that are never participles ("was", "went", "yesterday"): a form of "be" before
/// them does not make them passive.
fn finite_past(w: &str) -> bool {
    matches!(
        w,
        "was"
            | "were"
            | "did"
            | "ago"
            | "yesterday"
            | "last"
            | "earlier"
            | "since"
            | "went"
            | "came"
            | "took"
            | "began"
            | "saw"
            | "gave"
            | "grew"
            | "knew"
            | "threw"
            | "drew"
            | "flew"
            | "broke"
            | "chose"
            | "rode"
            | "drove"
            | "shook"
            | "ran"
            | "became"
            | "spoke"
            | "wrote"
            | "tore"
            | "wore"
            | "stole"
    )
}

/// Words that take an infinitive of something still to come: "agreed to buy", "a plan to
/// sell", "hopes to".
fn prospective_head(w: &str) -> bool {
    matches!(
        w,
        "agreed"
            | "agree"
            | "agrees"
            | "agreement"
            | "plan"
            | "plans"
            | "planned"
            | "planning"
            | "decided"
            | "decision"
            | "want"
            | "wants"
            | "wanted"
            | "hope"
            | "hopes"
            | "hoped"
            | "aim"
            | "aims"
            | "intend"
            | "intends"
            | "intended"
            | "promised"
            | "promise"
            | "pledged"
            | "vowed"
            | "offered"
            | "offer"
            | "proposed"
            | "proposal"
            | "voted"
            | "ready"
            | "likely"
            | "unlikely"
            | "expected"
            | "expects"
            | "deal"
            | "bid"
            | "effort"
            | "order"
            | "ordered"
            | "asked"
            | "urged"
            | "seeks"
            | "seek"
            | "sought"
            | "threatened"
            | "threatens"
    )
}

/// A past participle after a form of "be"/"have" or "to" is not a past tense cue by itself
/// ("will be named", "is expected to").
fn auxiliary(w: &str) -> bool {
    matches!(
        w,
        "be" | "been" | "being" | "is" | "are" | "am" | "to" | "get" | "gets"
    )
}

/// How many tokens after an expression its tense cue may stand.
const AFTER_WINDOW: usize = 30;

/// The tense an expression is spoken in, from the nearest cue of its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    /// Past, with a finite past verb dating the expression itself ("arrived on March 12",
    /// "was found on the night of 12 March"): what happened then, never an announced date.
    Done,
    Future,
    Unknown,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Doc<'a> {
        let toks = lex::tokenize(text);
        let order = detect_order(&toks);
        let sent = sentences(&toks);
        let parser = Parser { toks: &toks, order };
        let mut matches: Vec<Match> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match parser.parse(i) {
                Some(m) if m.end > i && not_a_time(&toks, &m) => i = m.end,
                Some(mut m) if m.end > i => {
                    // "the September 11 attacks": that day of 2001
                    if september_eleventh(&toks, &m) {
                        m.sem = Sem::Date {
                            y: Some(2001),
                            m: 9,
                            d: Some(11),
                        };
                    }
                    // a match never reaches back into the one before it
                    if let Some(last) = matches.last()
                        && m.start < last.end
                    {
                        m.start = last.end;
                    }
                    i = m.end;
                    let extra = range_end(&parser, &mut m);
                    let floor = matches.last().map_or(0, |l: &Match| l.end);
                    if let Some(x) = range_start(&toks, &m, floor) {
                        matches.push(x);
                    }
                    matches.push(m);
                    if let Some(x) = extra {
                        i = x.end;
                        matches.push(x);
                    }
                }
                _ => i += 1,
            }
        }
        month_ranges_share_their_year(&toks, &mut matches);
        Doc {
            text,
            toks,
            sent,
            matches,
        }
    }

    fn word(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => &t.lower,
            _ => "",
        }
    }

    /// The tense cue of a word at `k` (reading the words around it), if any.
    fn cue(&self, k: usize) -> Option<Tense> {
        let w = self.word(k);
        if w.is_empty() {
            return None;
        }
        let prev = if k > 0 { self.word(k - 1) } else { "" };
        if w == "ll" && k > 0 && matches!(self.toks[k - 1].text, "'" | "’") {
            return Some(Tense::Future);
        }
        if w == "won" && matches!(self.toks.get(k + 1).map(|t| t.text), Some("'" | "’")) {
            return Some(Tense::Future);
        }
        // "as early as", "as soon as", "set to", "is to"
        if w == "as" && matches!(self.word(k + 1), "early" | "soon") && self.word(k + 2) == "as" {
            return Some(Tense::Future);
        }
        if w == "to" && matches!(prev, "set" | "is" | "are" | "due" | "supposed" | "ready") {
            if k >= 3 && self.word(k - 2) == "been" && self.word(k - 3) == "had" {
                return Some(Tense::Past);
            }
            return Some(Tense::Future);
        }
        // a base form only with its subject ("they meet Monday"), not an infinitive ("hard for
        // Sun to meet demand", "let the offensive begin as planned")
        if scheduled_present(w)
            && !(matches!(w, "meet" | "begin" | "resume" | "convene" | "reconvene")
                && (k.saturating_sub(4)..k).any(|j| {
                    matches!(
                        self.word(j),
                        "to" | "let" | "lets" | "make" | "made" | "help" | "helped"
                    )
                }))
        {
            return Some(Tense::Future);
        }
        // "planned to march", "scheduled for Monday", "planned a rally on Saturday": what was
        // planned is still to come.
        if (matches!(w, "planned" | "scheduled" | "slated" | "set" | "due")
            && matches!(self.word(k + 1), "to" | "for"))
            || (matches!(w, "planned" | "scheduled")
                && matches!(
                    self.word(k + 1),
                    "a" | "an" | "another" | "their" | "its" | "his" | "her"
                ))
        {
            // "had been scheduled to": a future that has passed.
            let had = prev == "had" || (prev == "been" && k >= 2 && self.word(k - 2) == "had");
            return Some(if had { Tense::Past } else { Tense::Future });
        }
        // "agreed to buy", "a plan to sell": what is agreed or planned is still to come.
        if w == "to" && prospective_head(prev) {
            return Some(Tense::Future);
        }
        // "to be held": an infinitive passive is still to come ("had to be" is not).
        if w == "be"
            && prev == "to"
            && !(k >= 2 && matches!(self.word(k - 2), "had" | "has" | "have" | "used"))
        {
            return Some(Tense::Future);
        }
        if matches!(w, "would" | "could") && self.word(k + 1) == "have" {
            return Some(Tense::Past);
        }
        // "could not be reached Tuesday", "neither he nor his lawyer could be located": a
        // negated "could" reports a failed attempt, in the past.
        if w == "couldn"
            || (w == "could"
                && (matches!(self.word(k + 1), "not" | "never")
                    || (k.saturating_sub(8)..k).any(|j| {
                        self.sent[j] == self.sent[k] && matches!(self.word(j), "neither" | "nor")
                    })))
        {
            return Some(Tense::Past);
        }
        if future_word(w) {
            if matches!(w, "plan" | "plans") && !matches!(self.word(k + 1), "to") {
                return None;
            }
            // "had been expected to", "had planned to": a future that has passed.
            if k >= 2 && (prev == "had" || (prev == "been" && self.word(k - 2) == "had")) {
                return Some(Tense::Past);
            }
            return Some(Tense::Future);
        }
        if past_word(w) {
            if !finite_past(w)
                && (auxiliary(prev)
                    || w == "expected"
                    || w == "scheduled"
                    || (self.toks[k].cap && k > 0 && self.sent[k - 1] == self.sent[k]))
            {
                return None;
            }
            // "a still unspecified date", "the proposed merger": adjectives, not verbs
            if w.ends_with("ed")
                && (w.starts_with("un")
                    || matches!(
                        prev,
                        "a" | "an"
                            | "the"
                            | "its"
                            | "their"
                            | "his"
                            | "her"
                            | "our"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "still"
                            | "newly"
                            | "recently"
                            | "previously"
                    ))
            {
                return None;
            }
            // present perfect: the present, no direction
            if matches!(prev, "has" | "have") {
                return Some(Tense::Unknown);
            }
            return Some(Tense::Past);
        }
        None
    }

    /// The tense of tokens `[s, e)`: the nearest cue before them in their sentence, else the
    /// nearest after them (within a short window); modal verbs count as future when nothing
    /// else is found.
    fn tense(&self, s: usize, e: usize) -> Tense {
        let sid = self.sent[s];
        // "Wednesday's ruling": a possessive weekday is something that has happened, unless
        // it is still awaited ("ahead of Sunday's vote", "until Friday's deadline"; "before
        // Friday's purchases" may be either).
        if self.possessive(e) {
            let w1 = if s > 0 { self.word(s - 1) } else { "" };
            let w2 = if s > 1 { self.word(s - 2) } else { "" };
            let awaited = matches!(w1, "until" | "till")
                || (w1 == "of" && matches!(w2, "ahead" | "advance"))
                || (w1 == "to" && matches!(w2, "up" | "run"));
            return if awaited { Tense::Future } else { Tense::Past };
        }
        let mut modal = false;
        let mut k = s;
        let mut steps = 0;
        while k > 0 && steps < 25 {
            k -= 1;
            steps += 1;
            if self.sent[k] != sid {
                break;
            }
            if let Some(t) = self.cue(k) {
                return t;
            }
            modal |= modal_word(self.word(k));
        }
        let mut k = e;
        while k < self.toks.len() && k < e + AFTER_WINDOW && self.sent[k] == sid {
            if let Some(t) = self.cue(k) {
                return t;
            }
            modal |= modal_word(self.word(k));
            k += 1;
        }
        if modal { Tense::Future } else { Tense::Unknown }
    }

    /// Whether a finite past verb dates the expression starting at `s` directly: "arrived on
    /// March 12", "died March 12", "was found on the night of 12 March" (not "extended it to
    /// Nov. 16", "subpoenaed him to testify on Feb. 10": dates a past act set).
    fn dated_past_act(&self, s: usize) -> bool {
        let sid = self.sent[s];
        let mut k = s;
        for _ in 0..5 {
            if k == 0 {
                return false;
            }
            k -= 1;
            if self.sent[k] != sid {
                return false;
            }
            match self.word(k) {
                "on" | "in" | "at" | "during" | "the" | "of" | "early" | "late" | "night"
                | "morning" | "evening" | "afternoon" => continue,
                _ => return self.cue(k) == Some(Tense::Past),
            }
        }
        false
    }

    /// The expression that gives the day of clock time `idx`, written after it: "10:35 a.m.
    /// (0735 GMT) Friday" (for both times), "at 0800 GMT on Sunday".
    fn clock_day_after(&self, idx: usize) -> Option<&Match> {
        let m = &self.matches[idx];
        let next = self.matches.get(idx + 1)?;
        // the words between two matches, compared with a short list
        let between_is = |a: &Match, b: &Match, words: &[&str]| {
            self.toks.get(a.end..b.start).is_some_and(|ts| {
                ts.len() == words.len() && ts.iter().zip(words).all(|(t, w)| t.lower == *w)
            })
        };
        let closes =
            |a: &Match, b: &Match| between_is(a, b, &[")"]) || between_is(a, b, &[")", "on"]);
        if between_is(m, next, &["on"]) {
            return Some(next);
        }
        // the time inside the parenthesis
        if m.start > 0 && self.toks[m.start - 1].text == "(" && closes(m, next) {
            return Some(next);
        }
        // the time before it
        if between_is(m, next, &["("]) && matches!(next.sem, Sem::Clock { day: None, .. }) {
            let after = self.matches.get(idx + 2)?;
            return closes(next, after).then_some(after);
        }
        self.parenthesis_between(m, next).then_some(next)
    }

    /// Only a short parenthesis stands between two expressions: "10:35 a.m. (0735 GMT) Friday".
    fn parenthesis_between(&self, a: &Match, b: &Match) -> bool {
        let Some(between) = self.toks.get(a.end..b.start) else {
            return false;
        };
        between.len() >= 2
            && between.len() <= 6
            && between[0].text == "("
            && between[between.len() - 1].text == ")"
            && between[1..between.len() - 1]
                .iter()
                .all(|t| t.text != "(" && t.text != ")")
    }

    /// "'s" at token `e`.
    fn possessive(&self, e: usize) -> bool {
        matches!(self.toks.get(e).map(|t| t.text), Some("'" | "’")) && self.word(e + 1) == "s"
    }

    /// A date that ends or schedules something rather than reports it: "by", "until", a
    /// security's maturity ("notes due Nov. 1, 2009", "payable Dec. 1"), "through Nov. 17",
    /// "scheduled for", "to redeem on", "to be completed around".
    fn deadline(&self, s: usize) -> bool {
        if s == 0 {
            return false;
        }
        let mut k = s - 1;
        // "on", "around", "about" between the cue and the date
        if matches!(self.word(k), "on" | "around" | "about") && k > 0 {
            match self.word(k - 1) {
                "scheduled" | "set" | "slated" | "due" | "payable" | "expire" | "expires"
                | "mature" | "matures" => return true,
                // "plans to redeem on", "to be completed around"
                "redeem" | "completed" if k >= 2 && matches!(self.word(k - 2), "to" | "be") => {
                    return true;
                }
                _ => {}
            }
            k -= 1;
        }
        matches!(
            self.word(k),
            "by" | "until"
                | "till"
                | "before"
                | "due"
                | "payable"
                | "through"
                | "maturing"
                | "expiring"
                | "effective"
        )
    }

    fn resolve(&self, dct: Option<Point>, forward_from: Option<(Point, usize)>) -> Vec<Item> {
        let mut ctx = Ctx {
            dct,
            forward_from,
            ..Ctx::default()
        };
        let mut items = Vec::with_capacity(self.matches.len());
        for (idx, m) in self.matches.iter().enumerate() {
            // "10:35 a.m. (0735 GMT) Friday": the day after a parenthesis is the clock's day
            let joined;
            let next = match m.sem {
                Sem::Clock { day: None, .. } => self.clock_day_after(idx),
                _ => None,
            };
            let m = match next {
                Some(next) => {
                    let mut c = m.clone();
                    if let Sem::Clock { day, .. } = &mut c.sem
                        && matches!(
                            next.sem,
                            Sem::Weekday { .. }
                                | Sem::Date { d: Some(_), .. }
                                | Sem::Rel {
                                    unit: calendar::Unit::Day,
                                    anchor: grammar::Anchor::Dct,
                                    ..
                                }
                        )
                    {
                        *day = Some(Box::new(next.sem.clone()));
                    }
                    joined = c;
                    &joined
                }
                _ => m,
            };
            let mut tense = self.tense(m.start, m.end);
            // "gave it until mid-November", "to pay it down by February": a deadline reported
            // in the past still lies ahead of the report.
            // A deadline with its hour ("until 9 a.m. Tuesday", "until Tuesday morning") is
            // the coming one.
            if tense != Tense::Future && self.deadline(m.start) && !self.possessive(m.end) {
                tense = match m.sem {
                    Sem::Clock { .. } | Sem::DayPod { .. } => Tense::Future,
                    _ => Tense::Unknown,
                };
            }
            if tense == Tense::Past && self.dated_past_act(m.start) {
                tense = Tense::Done;
            }
            let sid = self.sent[m.start];
            ctx.weekday = self.written_weekday(m);
            if let Sem::Duration(v) = &m.sem
                && matches!(v.as_str(), "P6M" | "P9M")
            {
                ctx.months_span = Some(sid);
            }
            let (val, from) = ctx.resolve(&m.sem, tense, sid);
            let prospective = tense == Tense::Future || self.deadline(m.start);
            if let Some(Val::P(p)) = &val {
                let anaphoric = matches!(
                    m.sem,
                    Sem::Rel {
                        anchor: grammar::Anchor::Ref | grammar::Anchor::Ago,
                        ..
                    } | Sem::Period { .. }
                        | Sem::ThatDay { .. }
                        | Sem::ThatQuarter
                );
                // "its lowest close since 2003": a bound of a span, not the time spoken of
                // ("since its March 9 low", "since the 2008 crisis")
                let since = (m.start > 0 && self.word(m.start - 1) == "since")
                    || (m.start > 1
                        && self.word(m.start - 2) == "since"
                        && matches!(
                            self.word(m.start - 1),
                            "its" | "their" | "his" | "her" | "the" | "a"
                        ));
                let named = september_eleventh(&self.toks, m);
                if sem_type(&m.sem) == TimexType::Date
                    && !anaphoric
                    && !since
                    && !named
                    && !matches!(p, Point::Decade(_) | Point::Century(_))
                {
                    ctx.refp = Some((*p, sid));
                    if matches!(p, Point::Quarter(..) | Point::Half(..)) {
                        ctx.last_period = Some((*p, sid));
                        if ctx.first_period.is_none()
                            && matches!(p, Point::Quarter(..))
                            && ctx.completed(*p)
                        {
                            ctx.first_period = Some((*p, sid));
                        }
                    }
                }
            }
            // "Tuesday morning … later in the day": a part of a named day, or a clock time on
            // one, makes that day the one spoken of
            if let Some(Val::S(v)) = &val
                && matches!(m.sem, Sem::DayPod { .. } | Sem::Clock { day: Some(_), .. })
                && let Some(day) = day_of_time(v)
            {
                ctx.refp = Some((Point::Day(day), sid));
            }
            items.push(Item {
                m: m.clone(),
                val,
                from,
                prospective,
            });
        }
        items
    }

    /// The weekday a year-less day is written with: "Tuesday, Dec. 3", "Friday Oct. 13".
    fn written_weekday(&self, m: &Match) -> Option<u8> {
        if !matches!(
            m.sem,
            Sem::Date {
                y: None,
                d: Some(_),
                ..
            }
        ) || m.end - m.start < 2
        {
            return None;
        }
        match words::weekday_full(&self.toks[m.start].lower) {
            Some((wd, false)) => Some(wd),
            _ => None,
        }
    }

    /// The latest date reported with an explicit year (not in a future context), and its index.
    fn latest_reported(&self, items: &[Item]) -> Option<(Point, usize)> {
        let mut best: Option<(Point, usize)> = None;
        for (i, it) in items.iter().enumerate() {
            let Some(Val::P(p)) = &it.val else { continue };
            if it.prospective
                || it.from != YearFrom::Explicit
                || sem_type(&it.m.sem) != TimexType::Date
            {
                continue;
            }
            if matches!(p, Point::Decade(_) | Point::Century(_)) {
                continue;
            }
            if best.is_none_or(|(b, _)| p.first_day() > b.first_day()) {
                best = Some((*p, i));
            }
        }
        best
    }

    /// A year-less day in the first three lines and 400 characters (a dateline).
    /// The annotations of a document dated by its date line (match `i`, the day `day`).
    fn dated_by_line(&self, i: usize, day: Date, year_from: Option<String>) -> TimeAnnotations {
        let p = Point::Day(day);
        let items = self.resolve(Some(p), None);
        let (start, end, text) = self.span(&self.matches[i]);
        TimeAnnotations {
            date: DocumentDate {
                value: Some(p.value()),
                precision: DatePrecision::Day,
                how: DateSource::Text {
                    expression: text.to_string(),
                    start,
                    end,
                    year_from,
                },
                date: Some(day),
            },
            timexes: self.timexes(&items),
        }
    }

    /// A date with day and year alone on one of the first lines ("Tuesday, September 16,
    /// 2008", "Published: 16 September 2008 10:32 GMT"): the date the document carries.
    fn full_dateline(&self) -> Option<usize> {
        for (i, m) in self.matches.iter().enumerate() {
            let first = &self.toks[m.start];
            let lines = self.toks[..=m.start]
                .iter()
                .filter(|t| t.newline_before)
                .count();
            if lines > 3 || first.start > 400 {
                return None;
            }
            if !matches!(
                m.sem,
                Sem::Date {
                    y: Some(_),
                    d: Some(_),
                    ..
                }
            ) {
                continue;
            }
            let line_start = (0..=m.start)
                .rev()
                .find(|&k| self.toks[k].newline_before)
                .unwrap_or(0);
            let line_end = (m.end..self.toks.len())
                .find(|&k| self.toks[k].newline_before)
                .unwrap_or(self.toks.len());
            let alone = (line_start..line_end)
                .filter(|&k| k < m.start || k >= m.end)
                .all(|k| {
                    let t = &self.toks[k];
                    match t.kind {
                        Kind::Punct | Kind::Digits => true,
                        Kind::Word => {
                            words::weekday_full(&t.lower).is_some()
                                || matches!(
                                    t.lower.as_str(),
                                    "published"
                                        | "updated"
                                        | "posted"
                                        | "last"
                                        | "modified"
                                        | "date"
                                        | "on"
                                        | "at"
                                        | "am"
                                        | "pm"
                                        | "a"
                                        | "p"
                                        | "m"
                                        | "gmt"
                                        | "utc"
                                        | "est"
                                        | "edt"
                                        | "bst"
                                        | "cet"
                                        | "msk"
                                )
                        }
                    }
                });
            // a line of digits alone is a table row, not a date line: the date must be most
            // of what the line says
            if alone && m.end - m.start >= (line_end - line_start) / 3 {
                return Some(i);
            }
        }
        None
    }

    fn dateline(&self) -> Option<usize> {
        let mut lines = 0;
        let mut last_tok = 0;
        for (i, m) in self.matches.iter().enumerate() {
            for t in &self.toks[last_tok..=m.start] {
                if t.newline_before {
                    lines += 1;
                }
            }
            last_tok = m.start + 1;
            if lines > 3 || self.toks[m.start].start > 400 {
                return None;
            }
            if matches!(
                m.sem,
                Sem::Date {
                    y: None,
                    d: Some(_),
                    ..
                }
            ) {
                return Some(i);
            }
        }
        None
    }

    fn span(&self, m: &Match) -> (usize, usize, &'a str) {
        let a = &self.toks[m.start];
        let b = &self.toks[m.end - 1];
        let base = self.text.as_ptr() as usize;
        let bs = a.text.as_ptr() as usize - base;
        let be = b.text.as_ptr() as usize - base + b.text.len();
        (a.start, b.end, &self.text[bs..be])
    }

    fn infer(&self, items: &[Item]) -> DocumentDate {
        let mut best: Option<(usize, Point)> = None;
        let mut best_year: Option<(usize, i32)> = None;
        for (i, it) in items.iter().enumerate() {
            let Some(Val::P(p)) = &it.val else { continue };
            if it.prospective || sem_type(&it.m.sem) != TimexType::Date {
                continue;
            }
            if !matches!(it.from, YearFrom::Explicit | YearFrom::Timex(_)) {
                continue;
            }
            match p {
                Point::Day(_)
                | Point::Week(..)
                | Point::Month(..)
                | Point::Season(..)
                | Point::Quarter(..) => {
                    let better = match best {
                        None => true,
                        Some((_, b)) => {
                            (p.first_day(), std::cmp::Reverse(p.unit()))
                                > (b.first_day(), std::cmp::Reverse(b.unit()))
                        }
                    };
                    if better {
                        best = Some((i, *p));
                    }
                }
                Point::Year(y) if best_year.is_none_or(|(_, b)| *y > b) => {
                    best_year = Some((i, *y))
                }
                _ => {}
            }
        }
        let (i, p) = match (best, best_year) {
            (Some(b), _) => b,
            (None, Some((i, y))) => (i, Point::Year(y)),
            (None, None) => return DocumentDate::unknown(),
        };
        let precision = match p {
            Point::Day(_) => DatePrecision::Day,
            Point::Week(..) | Point::Month(..) => DatePrecision::Month,
            Point::Season(..) | Point::Quarter(..) | Point::Half(..) => DatePrecision::Season,
            _ => DatePrecision::Year,
        };
        let (p, precision) = match p {
            Point::Week(..) => (p.coarsen(calendar::Unit::Day).unwrap_or(p), precision),
            _ => (p, precision),
        };
        let it = &items[i];
        let (start, end, text) = self.span(&it.m);
        let year_from = match it.from {
            YearFrom::Timex(s) if s != i => items.get(s).map(|o| self.span(&o.m).2.to_string()),
            _ => None,
        };
        DocumentDate {
            value: Some(p.value()),
            precision,
            how: DateSource::Text {
                expression: text.to_string(),
                start,
                end,
                year_from,
            },
            date: p.first_day(),
        }
    }

    fn timexes(&self, items: &[Item]) -> Vec<Timex> {
        items
            .iter()
            // "trades made that day" with no day spoken of is no time
            .filter(|it| !(it.val.is_none() && matches!(it.m.sem, Sem::ThatDay { same: false })))
            .map(|it| {
                let (start, end, text) = self.span(&it.m);
                Timex {
                    start,
                    end,
                    text: text.to_string(),
                    kind: sem_type(&it.m.sem),
                    value: it.val.as_ref().map(|v| v.value()),
                    modifier: it.m.modifier.map(str::to_string),
                }
            })
            .collect()
    }
}

/// The day of a TIME value ("1998-08-18TMO", "1989-11-06T17:00").
fn day_of_time(v: &str) -> Option<jiff::civil::Date> {
    let (d, _) = v.split_once('T')?;
    let mut parts = d.split('-');
    let y = parts.next()?.parse::<i32>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let dd = parts.next()?.parse::<u8>().ok()?;
    calendar::date(y, m, dd)
}

/// "the September 11 attacks", "since the Sept. 11 terrorist attacks": the name of the 2001
/// attacks, a day of 2001 that does not become the time the text speaks of.
fn september_eleventh(toks: &[Tok<'_>], m: &Match) -> bool {
    matches!(
        m.sem,
        Sem::Date {
            y: None | Some(2001),
            m: 9,
            d: Some(11)
        }
    ) && toks.get(m.end).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "attack"
                | "attacks"
                | "terror"
                | "terrorist"
                | "terrorists"
                | "hijackings"
                | "hijackers"
                | "commission"
                | "plot"
                | "plotters"
        )
    })
}

/// Names that look like times: a capitalised title opened by a quotation mark mid-sentence
/// (ABC's "This Week", CBS's "60 Minutes", the film "High Noon"), and the idiom "high noon".
fn not_a_time(toks: &[Tok<'_>], m: &Match) -> bool {
    let Some(first) = toks.get(m.start) else {
        return false;
    };
    // Named days: "Black Monday", "Bloody Sunday", "Super Tuesday", "Good Friday", "Ash
    // Wednesday": an event or a feast, not a day of the week around the DCT
    if m.start > 0
        && m.end == m.start + 1
        && first.cap
        && words::weekday_full(&first.lower).is_some_and(|(_, plural)| !plural)
    {
        let prev = &toks[m.start - 1];
        if prev.cap
            && matches!(
                prev.lower.as_str(),
                "black"
                    | "bloody"
                    | "super"
                    | "cyber"
                    | "ash"
                    | "good"
                    | "holy"
                    | "maundy"
                    | "palm"
                    | "easter"
                    | "whit"
                    | "blue"
                    | "giving"
                    | "shrove"
                    | "low"
            )
        {
            return true;
        }
    }
    if m.start > 0
        && first.lower == "noon"
        && toks[m.start - 1].lower == "high"
        && m.end == m.start + 1
    {
        return true;
    }
    if m.end == m.start + 1 && matches!(first.lower.as_str(), "today" | "tomorrow") {
        let word = |i: usize| match toks.get(i) {
            Some(t) if t.kind == Kind::Word => t.lower.as_str(),
            _ => "",
        };
        // "This is VOA Today", "USA Today": a name
        if first.cap
            && m.start > 0
            && toks[m.start - 1].kind == Kind::Word
            && toks[m.start - 1].cap
            && !toks[m.start - 1].newline_before
            && m.start > 1
            && toks[m.start - 2].kind == Kind::Word
        {
            return true;
        }
        // "today's world", "many of today's computers", "the people of tomorrow": the present
        // age or the age to come, no day
        let possessive =
            matches!(toks.get(m.end).map(|t| t.text), Some("'" | "’")) && word(m.end + 1) == "s";
        if possessive
            && (matches!(
                word(m.end + 2),
                "world"
                    | "youth"
                    | "society"
                    | "generation"
                    | "economy"
                    | "culture"
                    | "children"
                    | "kids"
                    | "young"
                    | "people"
                    | "consumers"
                    | "families"
                    | "technology"
                    | "standards"
            ) || (m.start >= 2
                && word(m.start - 1) == "of"
                && matches!(word(m.start - 2), "many" | "most" | "all" | "some" | "much")))
        {
            return true;
        }
        if m.start >= 3
            && word(m.start - 1) == "of"
            && matches!(word(m.start - 3), "the" | "a")
            && !matches!(
                word(m.start - 2),
                "end" | "rest" | "start" | "beginning" | "morning" | "afternoon" | "evening"
            )
            && !possessive
        {
            return true;
        }
    }
    if m.start < 2 || m.end < m.start + 2 {
        return false;
    }
    let quote = |t: &Tok<'_>| t.kind == Kind::Punct && matches!(t.text, "\"" | "“" | "`" | "'");
    let q = &toks[m.start - 1];
    let before = &toks[m.start - 2];
    // a doubled mark ('' or ``) may stand apart from what it opens
    if first.space_before && !(quote(q) && quote(before)) {
        return false;
    }
    // the opening mark stands after a word of the same sentence: "News' "This Week""
    let opens = quote(q)
        && (q.space_before || (quote(before) && before.space_before))
        && !q.newline_before
        && !(quote(before) && before.newline_before);
    if !opens {
        return false;
    }
    let prev_word = toks[..m.start - 1]
        .iter()
        .rev()
        .find(|t| !quote(t))
        .is_some_and(|t| t.kind == Kind::Word || (t.kind == Kind::Punct && t.text == ","));
    prev_word
        && toks[m.start..m.end].iter().all(|t| match t.kind {
            Kind::Word => {
                t.cap
                    && words::month_full(&t.lower).is_none()
                    && words::month_abbr(&t.lower).is_none()
                    && words::weekday_full(&t.lower).is_none()
            }
            Kind::Digits => true,
            Kind::Punct => false,
        })
}

/// The first end of a range whose month is written once, after the second day: "10-12 March",
/// "5–7 November 2024", "from 1 to 3 May", "between 10 and 12 March" → the first day, in the
/// month (and year) of the second. `floor`: where the previous match ended.
fn range_start(toks: &[Tok<'_>], m: &Match, floor: usize) -> Option<Match> {
    let Sem::Date {
        y,
        m: mo,
        d: Some(d),
    } = m.sem
    else {
        return None;
    };
    let s = m.start;
    if s < 2 || s - 2 < floor {
        return None;
    }
    let conn = &toks[s - 1];
    let dash = conn.kind == Kind::Punct && matches!(conn.text, "-" | "–" | "—");
    let word = conn.kind == Kind::Word
        && matches!(
            conn.lower.as_str(),
            "to" | "and" | "through" | "until" | "till"
        );
    if !dash && !word {
        return None;
    }
    let first = &toks[s - 2];
    let n = first
        .num
        .filter(|_| first.kind == Kind::Digits && first.text.len() <= 2)?;
    if !(1..u32::from(d)).contains(&n) {
        return None;
    }
    // not part of a longer number or a score ("1.5-7 March", "$5 to 7 March", "2-1")
    if s >= 3 {
        let before = &toks[s - 3];
        if !first.space_before
            && (before.kind == Kind::Digits
                || matches!(before.text, "." | "," | "$" | "£" | "€" | ":" | "/" | "-"))
        {
            return None;
        }
        if matches!(before.text, "$" | "£" | "€" | "#") {
            return None;
        }
    }
    Some(Match {
        start: s - 2,
        end: s - 1,
        sem: Sem::Date {
            y,
            m: mo,
            d: Some(n as u8),
        },
        modifier: None,
    })
}

/// "January–March 2025", "from January to March 2025", "March and June 2025", "November–February
/// 2025": a year-less month written just before a month with its year, joined by a dash, "to",
/// "through", "and", "or" or a comma, takes that year (the one before when it comes later in
/// the calendar).
fn month_ranges_share_their_year(toks: &[Tok<'_>], matches: &mut [Match]) {
    for k in (1..matches.len()).rev() {
        let (
            Sem::Date {
                y: Some(y), m: m2, ..
            },
            Sem::Date { y: None, m: m1, d },
        ) = (&matches[k].sem, &matches[k - 1].sem)
        else {
            continue;
        };
        let between = toks
            .get(matches[k - 1].end..matches[k].start)
            .unwrap_or_default();
        let joined = match between {
            [t] => {
                (t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—" | ","))
                    || (t.kind == Kind::Word
                        && matches!(
                            t.lower.as_str(),
                            "to" | "through" | "until" | "till" | "and" | "or"
                        ))
            }
            [a, b] => a.text == "," && matches!(b.lower.as_str(), "and" | "or"),
            _ => false,
        };
        if !joined {
            continue;
        }
        let y = if *m1 > *m2 { *y - 1 } else { *y };
        matches[k - 1].sem = Sem::Date {
            y: Some(y),
            m: *m1,
            d: *d,
        };
    }
}

/// The second end of a range written with a dash: "1998-99", "May 5–7"; "March 10-12, 2025"
/// takes its year, and gives it to the first end.
fn range_end(p: &Parser<'_, '_>, m: &mut Match) -> Option<Match> {
    let toks = p.toks;
    let e = m.end;
    let dash = toks
        .get(e)
        .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—"));
    // "April 24 and 25", "May 5 to 7": a second day of the same month
    let joined = toks.get(e).is_some_and(|t| {
        t.kind == Kind::Word && matches!(t.lower.as_str(), "and" | "or" | "to" | "through")
    }) && matches!(m.sem, Sem::Date { d: Some(_), .. })
        && !toks.get(e + 2).is_some_and(|t| {
            t.kind == Kind::Word && !matches!(t.lower.as_str(), "and" | "or" | "in" | "at" | "on")
                || t.kind == Kind::Punct
                    && matches!(t.text, "%" | "/" | ":" | "." | "-")
                    && !t.space_before
                    && toks.get(e + 3).is_some_and(|u| u.kind == Kind::Digits)
        });
    if !dash && !joined {
        return None;
    }
    let nt = toks.get(e + 1).filter(|t| t.kind == Kind::Digits)?;
    if toks
        .get(e + 2)
        .is_some_and(|t| !t.space_before && (t.kind == Kind::Digits || t.kind == Kind::Word))
    {
        return None;
    }
    let n = nt.num?;
    let sem = match m.sem {
        Sem::Year(y) if nt.text.len() == 2 => {
            let mut y2 = (y / 100) * 100 + n as i32;
            if y2 <= y {
                y2 += 100;
            }
            if y2 - y > 20 {
                return None;
            }
            Sem::Year(y2)
        }
        Sem::Date {
            y,
            m: mo,
            d: Some(d),
        } if nt.text.len() <= 2 && (n as u8) > d && n <= 31 => Sem::Date {
            y,
            m: mo,
            d: Some(n as u8),
        },
        _ => return None,
    };
    let mut end = e + 2;
    let mut sem = sem;
    if let Sem::Date { y: y2 @ None, .. } = &mut sem {
        let k = if p.p(end, ",") { end + 1 } else { end };
        if let Some((e3, year)) = p.year4(k) {
            *y2 = Some(year);
            end = e3;
            if let Sem::Date { y: y1 @ None, .. } = &mut m.sem {
                *y1 = Some(year);
            }
        }
    }
    Some(Match {
        start: e + 1,
        end,
        sem,
        modifier: None,
    })
}

/// Sentence index of every token: a new sentence starts after . ! ? before a capital or quote,
/// and at every line break.
fn sentences(toks: &[Tok<'_>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(toks.len());
    let mut s = 0;
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            let prev = &toks[i - 1];
            let end_punct = prev.kind == Kind::Punct && matches!(prev.text, "." | "!" | "?");
            let abbrev = i >= 2
                && toks[i - 2].kind == Kind::Word
                && ((toks[i - 2].text.len() <= 3 && toks[i - 2].cap)
                    || matches!(
                        toks[i - 2].lower.as_str(),
                        "vs" | "v"
                            | "corp"
                            | "sept"
                            | "calif"
                            | "conn"
                            | "tenn"
                            | "prof"
                            | "sens"
                            | "reps"
                            | "gens"
                            | "messrs"
                    ));
            if t.newline_before
                || (end_punct && t.space_before && (t.cap || t.kind != Kind::Word) && !abbrev)
            {
                s += 1;
            }
        }
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests;
