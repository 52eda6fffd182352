//! Sentences in the style of the seed articles (written for these tests, not taken from them).

use std::sync::LazyLock;

use attache_model::{DatePrecision, Event, Mention, MentionType};

use super::fallback_actors::FallbackActors;
use super::*;
use crate::time::{self, Dct};

static CODER: LazyLock<EventCoder> = LazyLock::new(EventCoder::new);
static ACTORS: LazyLock<FallbackActors> = LazyLock::new(FallbackActors::new);

fn run(text: &str, dct: &str) -> Vec<Event> {
    let sentences = split_sentences(text);
    let mentions = ACTORS.mentions(text, &sentences);
    run_with(text, dct, &mentions)
}

fn run_with(text: &str, dct: &str, mentions: &[Mention]) -> Vec<Event> {
    let sentences = split_sentences(text);
    let t = time::annotate(text, Dct::parse(dct).ok());
    let input = CoderInput {
        document: "doc1",
        text,
        sentences: &sentences,
        mentions,
        entities: &[],
        timexes: &t.timexes,
        date: t.date.value.as_deref(),
        date_precision: t.date.precision,
    };
    CODER.code(&input)
}

fn find<'a>(events: &'a [Event], src: &str, tgt: &str, cameo_prefix: &str) -> Option<&'a Event> {
    events.iter().find(|e| {
        e.source.code.as_deref().is_some_and(|c| c.starts_with(src))
            && e.target
                .as_ref()
                .and_then(|t| t.code.as_deref())
                .is_some_and(|c| c.starts_with(tgt))
            && e.cameo.starts_with(cameo_prefix)
    })
}

fn show(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| format!("{} {} {:?}\n", e.dyad(), e.cameo, e.date))
        .collect()
}

#[test]
fn a_visit_and_its_host() {
    let ev = run(
        "Russia's foreign minister visited Egypt on Tuesday for talks on trade.",
        "2025-11-21",
    );
    let v = find(&ev, "RUS", "EGY", "042").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(v.date.as_deref(), Some("2025-11-18"));
    assert_eq!(v.date_precision, DatePrecision::Day);
    assert_eq!(v.plover.event.as_deref(), Some("CONSULT"));
    assert_eq!(v.plover.mode.as_deref(), Some("visit"));
    assert_eq!(v.location.as_ref().map(|l| l.name.as_str()), Some("Egypt"));
    assert!(v.topics.contains(&"trade".to_string()), "{:?}", v.topics);
    assert_eq!(v.evidence[0].document, "doc1");
    assert!(
        v.evidence[0]
            .text
            .starts_with("Russia's foreign minister visited")
    );
    assert!(find(&ev, "EGY", "RUS", "043").is_some(), "{}", show(&ev));
}

#[test]
fn talks_with_a_named_minister_in_a_place() {
    let ev = run(
        "Iranian President Masoud Pezeshkian held talks with Omani Foreign Minister Badr Albusaidi in Muscat on Monday.",
        "2025-02-26",
    );
    let e = find(&ev, "IRN", "OMN", "046").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.location.as_ref().map(|l| l.name.as_str()), Some("Muscat"));
    assert_eq!(e.date.as_deref(), Some("2025-02-24"));
    assert!(find(&ev, "OMN", "IRN", "046").is_some());
}

#[test]
fn trilateral_exercises_expand_to_every_dyad() {
    let ev = run(
        "Russia, Iran and Oman held joint naval exercises in late October 2024.",
        "2025-11-21",
    );
    for (a, b) in [
        ("RUS", "IRN"),
        ("IRN", "RUS"),
        ("RUS", "OMN"),
        ("OMN", "RUS"),
        ("IRN", "OMN"),
        ("OMN", "IRN"),
    ] {
        let e = find(&ev, a, b, "062").unwrap_or_else(|| panic!("{a}-{b}\n{}", show(&ev)));
        assert_eq!(e.date.as_deref(), Some("2024-10"));
        assert_eq!(e.date_precision, DatePrecision::Month);
        assert!(e.topics.contains(&"military".to_string()));
    }
    assert_eq!(ev.len(), 6, "{}", show(&ev));
}

#[test]
fn a_state_visit_in_a_season() {
    let ev = run(
        "The Sultan of Oman paid a state visit to Moscow in the spring of 2025.",
        "2025-11-21",
    );
    let e = find(&ev, "OMN", "RUS", "042").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date.as_deref(), Some("2025-SP"));
    assert_eq!(e.date_precision, DatePrecision::Season);
}

#[test]
fn nominal_strikes() {
    let ev = run(
        "Qatar condemned Israel's strikes on Doha in September.",
        "2025-11-21",
    );
    let e = find(&ev, "ISR", "QAT", "19").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.quad_class, 4);
    assert!(e.goldstein < 0.0);
    assert_eq!(e.date.as_deref(), Some("2025-09"));
}

#[test]
fn a_treaty_signed_in_january() {
    let ev = run(
        "The treaty was signed by Russia and Iran in January.",
        "2025-02-27",
    );
    // passive with a compound agent and no target: not justified as a dyad from "by" alone
    let ev2 = run(
        "Russia and Iran signed a comprehensive strategic partnership treaty in January.",
        "2025-02-27",
    );
    let e = find(&ev2, "RUS", "IRN", "05")
        .or_else(|| find(&ev2, "RUS", "IRN", "06"))
        .unwrap_or_else(|| panic!("{}", show(&ev2)));
    assert_eq!(e.date.as_deref(), Some("2025-01"));
    assert!(find(&ev2, "IRN", "RUS", &e.cameo).is_some());
    assert!(ev.iter().all(|e| e.cameo != "190"));
}

#[test]
fn signing_between_two_countries() {
    let ev = run(
        "The signing of a treaty between Russia and Iran took place in Moscow.",
        "2025-02-27",
    );
    assert!(find(&ev, "RUS", "IRN", "057").is_some(), "{}", show(&ev));
    assert!(find(&ev, "IRN", "RUS", "057").is_some(), "{}", show(&ev));
    let e = find(&ev, "RUS", "IRN", "057").unwrap();
    assert_eq!(e.location.as_ref().map(|l| l.name.as_str()), Some("Moscow"));
}

#[test]
fn sanctions_pressure() {
    let ev = run(
        "The United States imposed new sanctions on Iran last week.",
        "2025-02-26",
    );
    let e = find(&ev, "USA", "IRN", "163").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(
        e.plover,
        attache_model::CameoCode::lookup("163").unwrap().plover()
    );
    assert!(e.topics.contains(&"sanctions".to_string()));
}

#[test]
fn negated_and_hypothetical_are_not_coded() {
    for s in [
        "Russia did not sign an agreement with Ukraine.",
        "If Iran attacks Israel, the United States could retaliate.",
        "Egypt would never host Turkish troops.",
        "No agreement was reached between Russia and Ukraine.",
    ] {
        let ev = run(s, "2025-02-26");
        assert!(ev.is_empty(), "{s}\n{}", show(&ev));
    }
}

#[test]
fn future_visits_are_intent() {
    let ev = run(
        "Russia's foreign minister will visit Turkey next month.",
        "2025-02-26",
    );
    let e = find(&ev, "RUS", "TUR", "036").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.plover.event.as_deref(), Some("AGREE"));
}

#[test]
fn background_gets_no_article_date() {
    let text = "Egypt has already moved in this direction by joining BRICS.";
    let mut mentions = ACTORS.mentions(text, &split_sentences(text));
    // BRICS as the entity module will give it
    let s = text.find("BRICS").unwrap();
    mentions.push(Mention {
        start: s,
        end: s + 5,
        text: "BRICS".into(),
        kind: MentionType::Org,
        entity: Some("brics".into()),
        country: None,
        actor_code: Some("IGOBRICS".into()),
    });
    mentions.sort_by_key(|m| m.start);
    let ev = run_with(text, "2025-11-21", &mentions);
    let e = find(&ev, "EGY", "IGOBRICS", "").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date, None);
    assert_eq!(e.date_precision, DatePrecision::Unknown);
    // the same clause without "already" takes the article date
    let ev = run("Egypt's president visited Oman.", "2025-11-21");
    assert_eq!(
        find(&ev, "EGY", "OMN", "042")
            .and_then(|e| e.date.clone())
            .as_deref(),
        Some("2025-11-21")
    );
}

#[test]
fn actors_come_from_the_same_clause() {
    let ev = run(
        "Turkey criticised the plan, while Russia's foreign minister visited Iran.",
        "2025-02-26",
    );
    assert!(find(&ev, "TUR", "IRN", "").is_none(), "{}", show(&ev));
    assert!(find(&ev, "RUS", "IRN", "042").is_some(), "{}", show(&ev));
}

#[test]
fn passive_with_agent() {
    let ev = run(
        "Syrian rebels were attacked by Turkish troops on Friday.",
        "2025-02-26",
    );
    assert!(find(&ev, "TUR", "SYR", "").is_some(), "{}", show(&ev));
}

#[test]
fn the_two_sides() {
    let ev = run(
        "Russia's foreign minister arrived in Ankara to meet Turkey's foreign minister. The two sides discussed energy cooperation.",
        "2025-02-26",
    );
    // the talks of the visit's day are the visit's (one CAMEO root, one date): one event
    // with both sentences as evidence
    let e = find(&ev, "RUS", "TUR", "04").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.evidence.len(), 2, "{}", show(&ev));
    assert!(find(&ev, "TUR", "RUS", "04").is_some(), "{}", show(&ev));
}

#[test]
fn ids_are_stable_across_documents_and_duplicates_merge() {
    let a = run(
        "Russia's foreign minister visited Egypt on 3 March 2025.",
        "2025-03-04",
    );
    let b = run(
        "On 3 March 2025, Russia's foreign minister visited Egypt, officials said.",
        "2025-03-10",
    );
    let ea = find(&a, "RUS", "EGY", "042").unwrap();
    let eb = find(&b, "RUS", "EGY", "042").unwrap_or_else(|| panic!("{}", show(&b)));
    assert_eq!(ea.id, eb.id);
    let c = run(
        "Russia's minister visited Egypt on 3 March 2025. Russia's minister visited Egypt on 3 March 2025 again.",
        "2025-03-04",
    );
    let n = c.iter().filter(|e| e.cameo == "042").count();
    assert_eq!(n, 1, "{}", show(&c));
    assert_eq!(find(&c, "RUS", "EGY", "042").unwrap().evidence.len(), 2);
}

#[test]
fn hostile_input_is_bounded() {
    let long = "Russia and Iran and Egypt and Oman and Turkey and Qatar met. ".repeat(200);
    let ev = run(&long, "2025-02-26");
    assert!(ev.len() <= 64, "{}", ev.len());
    for s in [
        "",
        "   ",
        "…",
        "'s",
        "Россия и Иран подписали договор.",
        "((((;;;;))))",
        "\u{0}\u{1}",
    ] {
        let _ = run(s, "2025-02-26");
    }
    let words = "visit ".repeat(5000);
    let _ = run(&words, "2025-02-26");
}

#[test]
fn plover_and_quad_class_come_from_the_tables() {
    let ev = run("Egypt's defence minister visited Oman.", "2025-11-21");
    for e in &ev {
        let c = attache_model::CameoCode::lookup(&e.cameo).unwrap();
        assert_eq!(e.quad_class, c.quad_class.number());
        assert_eq!(e.goldstein, c.goldstein);
        assert_eq!(e.plover, c.plover());
    }
    assert!(!ev.is_empty());
}

#[test]
fn a_statement_that_an_actor_must_act_is_a_demand() {
    let ev = run(
        "Russia said on Tuesday that Iran must return the captured ship.",
        "2025-11-21",
    );
    assert!(find(&ev, "RUS", "IRN", "10").is_some(), "{}", show(&ev));
    // no "must": no demand
    let ev = run(
        "Russia said on Tuesday that Iran returned the captured ship.",
        "2025-11-21",
    );
    assert!(find(&ev, "RUS", "IRN", "10").is_none(), "{}", show(&ev));
}

#[test]
fn a_statement_pattern_yields_to_the_verb_it_reaches_over() {
    let ev = run(
        "Japan said on Tuesday it had halted economic aid to Serbia.",
        "2025-11-21",
    );
    assert!(find(&ev, "JPN", "SRB", "16").is_some(), "{}", show(&ev));
    assert!(find(&ev, "JPN", "SRB", "03").is_none(), "{}", show(&ev));
}

#[test]
fn undated_news_takes_the_article_date_marked_as_such() {
    let ev = run("Egypt's president visited Oman.", "2025-11-21");
    let e = find(&ev, "EGY", "OMN", "042").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date.as_deref(), Some("2025-11-21"));
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Document));
    assert_eq!(e.date_before, None);
    // an own date is the text's
    let ev = run("Egypt's president visited Oman on Monday.", "2025-11-21");
    let e = find(&ev, "EGY", "OMN", "042").unwrap();
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Text));
    // present perfect: background, before the article
    let ev = run("Egypt's president has visited Oman.", "2025-11-21");
    let e = find(&ev, "EGY", "OMN", "042").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date, None);
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Before));
    assert_eq!(e.date_before.as_deref(), Some("2025-11-21"));
    // what an "after" clause tells happened before the rest
    let ev = run(
        "After Israel's strikes on Qatar, many states have grown worried.",
        "2025-11-21",
    );
    let e = find(&ev, "ISR", "QAT", "19").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Before));
    // a planned action has no date
    let ev = run("Russia's foreign minister will visit Turkey.", "2025-11-21");
    let e = find(&ev, "RUS", "TUR", "036").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date, None);
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Unknown));
}

#[test]
fn refusals_are_rejections() {
    let ev = run(
        "Israel's president refused to meet Jordan's king on Tuesday.",
        "2025-11-21",
    );
    let e = find(&ev, "ISR", "JOR", "12").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.cameo, "125");
    assert_eq!(e.plover.event.as_deref(), Some("REJECT"));
    assert!(find(&ev, "ISR", "JOR", "04").is_none(), "{}", show(&ev));
}

#[test]
fn stated_negative_intentions_are_threats() {
    let ev = run(
        "Pakistan said it would impose sanctions on Iran.",
        "2025-11-21",
    );
    let e = find(&ev, "PAK", "IRN", "13").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.cameo, "1312");
    // an unstated possibility is not coded
    let ev = run("Pakistan could impose sanctions on Iran.", "2025-11-21");
    assert!(ev.is_empty(), "{}", show(&ev));
}

#[test]
fn domestic_role_words_take_the_country_of_their_sentence() {
    let ev = run(
        "Sudan's government accepted demands from the rebels on Thursday.",
        "2025-11-21",
    );
    assert!(
        ev.iter().any(|e| {
            e.source.country.as_deref() == Some("SDN")
                && e.target.as_ref().and_then(|t| t.code.as_deref()) == Some("SDNREB")
        }),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_place_is_the_target_of_last_resort() {
    let ev = run(
        "Iraq's president arrived in Amman on Wednesday.",
        "2025-11-21",
    );
    let e = find(&ev, "IRQ", "JOR", "04").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.location.as_ref().map(|l| l.name.as_str()), Some("Amman"));
}

#[test]
fn uncoded_group_nouns_take_the_demonym_inside_them() {
    // the entity module's view: "Kurds" as an organisation without a country
    let text = "Thousands of Iraqi Kurds fled to Turkey on Monday.";
    let k = text.find("Iraqi").unwrap();
    let t = text.find("Turkey").unwrap();
    let mentions = vec![
        Mention {
            start: k,
            end: k + 11,
            text: "Iraqi Kurds".into(),
            kind: MentionType::Org,
            entity: None,
            country: None,
            actor_code: None,
        },
        Mention {
            start: t,
            end: t + 6,
            text: "Turkey".into(),
            kind: MentionType::Country,
            entity: None,
            country: Some("TUR".into()),
            actor_code: Some("TUR".into()),
        },
    ];
    let filled =
        fill_uncoded(&mentions, ACTORS.mentions(text, &split_sentences(text))).expect("filled");
    assert_eq!(filled[0].country.as_deref(), Some("IRQ"), "{filled:?}");
    assert_eq!(filled[1].actor_code.as_deref(), Some("TUR"));
}

#[test]
fn stated_future_non_actions_are_refusals() {
    let ev = run(
        "Syria says it will not accept the proposal of Iraq.",
        "2025-11-21",
    );
    let e = find(&ev, "SYR", "IRQ", "12").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.date_basis, Some(attache_model::DateBasis::Unknown));
    // "would not" after a speech verb; refusing to release is declining to yield (124)
    let ev = run(
        "Syria said it would not release the Iraqi prisoners.",
        "2025-11-21",
    );
    assert!(find(&ev, "SYR", "IRQ", "124").is_some(), "{}", show(&ev));
    // a negated past is no event, an unstated "would never" neither
    assert!(
        run(
            "Russia did not sign an agreement with Ukraine.",
            "2025-11-21"
        )
        .is_empty()
    );
    assert!(run("Egypt would never host Turkish troops.", "2025-11-21").is_empty());
}

#[test]
fn a_threat_is_addressed_to_the_actor_of_its_condition() {
    let ev = run(
        "Russia threatened to halt negotiations if the United States deploys new missiles.",
        "2025-11-21",
    );
    let e = find(&ev, "RUS", "USA", "13").unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.plover.event.as_deref(), Some("THREATEN"));
}

#[test]
fn an_actor_named_twice_over_is_one_side() {
    let ev = run(
        "Libyan leader Muammar Gaddafi and Bulgarian President Todor Zhivkov signed a treaty.",
        "2025-11-21",
    );
    assert!(find(&ev, "LBY", "BGR", "05").is_some(), "{}", show(&ev));
    assert!(find(&ev, "BGR", "LBY", "05").is_some(), "{}", show(&ev));
}

#[test]
fn protests_by_strike_or_blockade_and_participles_as_adjectives() {
    let ev = run(
        "Algerian students began a hunger strike against the Egyptian government.",
        "2025-11-21",
    );
    assert!(find(&ev, "DZA", "EGY", "142").is_some(), "{}", show(&ev));
    let ev = run(
        "Iraqi protesters blocked roads to Iran's embassy.",
        "2025-11-21",
    );
    assert!(find(&ev, "IRQ", "IRN", "144").is_some(), "{}", show(&ev));
    // "the defeated" is no attack
    let ev = run(
        "Iraqi activists criticised the defeated Iranian government.",
        "2025-11-21",
    );
    assert!(
        ev.iter().all(|e| !e.cameo.starts_with("19")),
        "{}",
        show(&ev)
    );
}

/// The seed articles of ../shared/data/seeds, run as the pipeline runs them (title on the first
/// line, the document date inferred from the text, entity-module actors). None when the data
/// or the gazetteer is absent.
mod seeds {
    use std::sync::LazyLock;

    use attache_model::{DateBasis, DatePrecision, Event};

    use super::super::{CoderInput, EventCoder};
    use crate::entities::EntityRecognizer;
    use crate::sentences;
    use crate::time;

    static CODER: LazyLock<EventCoder> = LazyLock::new(EventCoder::new);
    static RECOGNIZER: LazyLock<Option<EntityRecognizer>> =
        LazyLock::new(|| EntityRecognizer::new().ok());

    fn seed(prefix: &str) -> Option<(String, Vec<Event>)> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seeds");
        let entry = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(prefix))?;
        let raw = std::fs::read_to_string(entry.path()).ok()?;
        let text = raw
            .split_once('\n')
            .map(|(_, t)| t)
            .unwrap_or("")
            .to_string();
        let recognizer = RECOGNIZER.as_ref()?;
        let t = time::annotate(&text, None);
        let sentences = sentences::split(&text);
        let (mentions, entities) = recognizer.annotate(&text, &sentences, t.date.value.as_deref());
        let events = CODER.code(&CoderInput {
            document: prefix,
            text: &text,
            sentences: &sentences,
            mentions: &mentions,
            entities: &entities,
            timexes: &t.timexes,
            date: t.date.value.as_deref(),
            date_precision: t.date.precision,
        });
        Some((t.date.value.unwrap_or_default(), events))
    }

    fn root(code: Option<&str>) -> &str {
        code.map(|c| &c[..c.len().min(3)]).unwrap_or("")
    }

    /// Every event from `src` to `tgt` (country roots) whose CAMEO code starts with `cameo`
    /// and whose evidence contains `words`.
    fn all<'a>(ev: &'a [Event], src: &str, tgt: &str, cameo: &str, words: &str) -> Vec<&'a Event> {
        ev.iter()
            .filter(|e| {
                root(e.source.code.as_deref()) == src
                    && root(e.target.as_ref().and_then(|t| t.code.as_deref())) == tgt
                    && e.cameo.starts_with(cameo)
                    && e.evidence.iter().any(|x| x.text.contains(words))
            })
            .collect()
    }

    fn one<'a>(ev: &'a [Event], src: &str, tgt: &str, cameo: &str, words: &str) -> &'a Event {
        all(ev, src, tgt, cameo, words)
            .into_iter()
            .next()
            .unwrap_or_else(|| {
                panic!(
                    "no {src}->{tgt} {cameo}* on {words:?}; coded:\n{}",
                    ev.iter()
                        .map(|e| format!("{} {} {:?}\n", e.dyad(), e.cameo, e.evidence[0].text))
                        .collect::<String>()
                )
            })
    }

    fn place(e: &Event) -> Option<&str> {
        e.location.as_ref().map(|l| l.name.as_str())
    }

    #[test]
    fn seed_000_shoigu_in_egypt_and_oman() {
        let Some((dct, ev)) = seed("000_") else {
            eprintln!("skipped: seeds or gazetteer not available");
            return;
        };
        assert_eq!(dct, "2025-11-21");
        // the visits (and each country hosting him), reported as this article's news: the
        // visit and the talks there are one event (one dyad, one CAMEO root, one date) with
        // every sentence that reports it
        for (host, name) in [("EGY", "Egypt"), ("OMN", "Oman")] {
            let v = one(&ev, "RUS", host, "04", "visit to Egypt and Oman showed");
            assert_eq!(place(v), Some(name));
            assert!(v.evidence.len() >= 2, "{:?}", v.evidence);
            assert_eq!(v.date.as_deref(), Some("2025-11-21"));
            assert_eq!(v.date_basis, Some(DateBasis::Document));
            assert!(!all(&ev, host, "RUS", "04", "").is_empty(), "{host} hosts");
        }
        // the meetings: Egypt's defence minister, its president, Oman's sultan
        let m = one(
            &ev,
            "RUS",
            "EGY",
            "04",
            "Egyptian Defense Minister Abdel Majeed Saqr",
        );
        assert!(m.evidence[0].text.starts_with("At his talks with"));
        one(
            &ev,
            "RUS",
            "EGY",
            "04",
            "Egyptian President Abdel Fattah el-Sisi",
        );
        one(
            &ev,
            "RUS",
            "OMN",
            "04",
            "his meeting with Sultan Haitham bin Tariq Al Said",
        );
        // the stated intention to expand military cooperation: intent (03x), no date of its own
        let i = one(&ev, "RUS", "EGY", "03", "readiness to expand the training");
        assert_eq!(i.date, None);
        // the trilateral naval exercises of late October 2024: every dyad
        for (a, b) in [("RUS", "IRN"), ("IRN", "OMN"), ("OMN", "RUS")] {
            let x = one(&ev, a, b, "06", "trilateral naval exercises");
            assert_eq!(x.date.as_deref(), Some("2024-10"));
            assert_eq!(x.date_precision, DatePrecision::Month);
            assert_eq!(x.date_basis, Some(DateBasis::Text));
            assert!(x.topics.iter().any(|t| t == "military"), "{:?}", x.topics);
        }
        // the Sultan's state visit to Moscow in the spring of 2025
        let s = one(
            &ev,
            "OMN",
            "RUS",
            "042",
            "state visit to Moscow in the spring of 2025",
        );
        assert_eq!(s.date.as_deref(), Some("2025-SP"));
        assert_eq!(place(s), Some("Moscow"));
        // a purpose ("aimed at building on…") is no attack
        assert!(all(&ev, "RUS", "OMN", "19", "aimed at building").is_empty());
        assert_eq!(s.date_precision, DatePrecision::Season);
        // the agreements made "at that time": between the two sides, dated by the visit
        let at = ev
            .iter()
            .filter(|e| {
                e.evidence
                    .iter()
                    .any(|x| x.text.starts_with("At that time"))
            })
            .find(|e| {
                let s = root(e.source.code.as_deref());
                let t = root(e.target.as_ref().and_then(|t| t.code.as_deref()));
                (s, t) == ("RUS", "OMN") || (s, t) == ("OMN", "RUS")
            })
            .unwrap_or_else(|| panic!("no Russia–Oman event at that time"));
        assert_eq!(at.date.as_deref(), Some("2025-SP"));
        assert_eq!(at.date_basis, Some(DateBasis::Text));
        // Israel's strikes on Doha: background, before the article, not on its day
        let d = one(&ev, "ISR", "QAT", "19", "Israel’s strikes on Doha");
        assert_eq!(d.date, None);
        assert_eq!(d.date_precision, DatePrecision::Unknown);
        assert_eq!(d.date_basis, Some(DateBasis::Before));
        assert_eq!(d.date_before.as_deref(), Some("2025-11-21"));
        assert!(d.quad_class == 4 && d.goldstein < 0.0);
        // "Egypt has already moved in this direction by joining BRICS": before the article
        let b = one(&ev, "EGY", "IGO", "", "joining BRICS");
        assert_eq!(b.date, None);
        assert_eq!(b.date_basis, Some(DateBasis::Before));
        assert_eq!(b.date_before.as_deref(), Some("2025-11-21"));
        // evidence is the sentence, at its offsets in the text
        for e in &ev {
            for x in &e.evidence {
                assert_eq!(x.document, "000_");
                assert!(x.end > x.start && !x.text.is_empty());
            }
        }
    }

    #[test]
    fn seed_003_lavrov_in_ankara_tehran_and_doha() {
        let Some((dct, ev)) = seed("003_") else {
            eprintln!("skipped: seeds or gazetteer not available");
            return;
        };
        assert!(dct.starts_with("2025-02"), "{dct}");
        // talks in Ankara with the Turkish counterpart, placed in Ankara
        let a = one(
            &ev,
            "RUS",
            "TUR",
            "04",
            "Lavrov held talks with his Turkish counterpart",
        );
        assert_eq!(place(a), Some("Ankara"));
        // the talks with Erdogan "during his visit to Türkiye"
        let talks = all(
            &ev,
            "RUS",
            "TUR",
            "046",
            "Lavrov held talks with Erdogan and Fidan",
        );
        assert!(
            talks.iter().any(|e| e
                .target
                .as_ref()
                .is_some_and(|t| t.name.contains("Erdogan"))),
            "{talks:?}"
        );
        // in Tehran with the Iranian foreign minister
        let t = one(
            &ev,
            "RUS",
            "IRN",
            "04",
            "Lavrov met with Iranian Foreign Minister",
        );
        assert_eq!(place(t), Some("Tehran"));
        // the visit to Doha on February 26, and Qatar hosting him
        let d = one(
            &ev,
            "RUS",
            "QAT",
            "042",
            "On February 26, Lavrov visited Doha.",
        );
        assert_eq!(d.date.as_deref(), Some("2025-02-26"));
        assert_eq!(d.date_precision, DatePrecision::Day);
        assert_eq!(d.date_basis, Some(DateBasis::Text));
        assert_eq!(place(d), Some("Doha"));
        one(
            &ev,
            "QAT",
            "RUS",
            "043",
            "On February 26, Lavrov visited Doha.",
        );
        // the visit to Iran
        one(&ev, "RUS", "IRN", "042", "Lavrov’s visit to Iran");
        // the Russia–US meeting in Istanbul on February 27, both ways
        for (a, b) in [("RUS", "USA"), ("USA", "RUS")] {
            let m = one(
                &ev,
                a,
                b,
                "04",
                "closed-door meeting between Russian and US",
            );
            assert_eq!(m.date.as_deref(), Some("2025-02-27"));
            assert_eq!(place(m), Some("Istanbul"));
        }
        // the Russia–Iran treaty signed in January
        for (a, b) in [("RUS", "IRN"), ("IRN", "RUS")] {
            let s = one(&ev, a, b, "05", "signing of a new intergovernmental treaty");
            assert_eq!(s.date.as_deref(), Some("2025-01"));
            assert_eq!(s.date_precision, DatePrecision::Month);
        }
        // US sanctions pressure on Iran ("has once again ramped up sanctions"): before the
        // article, at a time the text does not give
        let p = one(&ev, "USA", "IRN", "16", "ramped up sanctions");
        assert_eq!(p.date, None);
        assert_eq!(p.date_basis, Some(DateBasis::Before));
        assert!(p.topics.iter().any(|t| t == "sanctions"));
    }
}

#[test]
fn a_statement_targets_an_addressee_not_a_place_or_its_author() {
    // a city that stands for no government is what the statement is about, not its target
    // (as the entity module marks it: a city with a country and no actor code)
    let text = "Russia noted that construction of the Alexandria nuclear plant is on schedule.";
    let k = text.find("Alexandria").unwrap_or(0);
    let mentions = vec![
        Mention {
            start: 0,
            end: 6,
            text: "Russia".into(),
            kind: MentionType::Country,
            entity: Some("rus".into()),
            country: Some("RUS".into()),
            actor_code: Some("RUS".into()),
        },
        Mention {
            start: k,
            end: k + 10,
            text: "Alexandria".into(),
            kind: MentionType::City,
            entity: Some("alexandria".into()),
            country: Some("EGY".into()),
            actor_code: None,
        },
    ];
    let ev = run_with(text, "2025-11-21", &mentions);
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("01")
            && e.target
                .as_ref()
                .is_some_and(|t| t.name.contains("Alexandria"))),
        "{}",
        show(&ev)
    );
    // "a message from X": X is the statement's author, not its addressee
    let ev = run(
        "The Russian envoy delivered a personal message from Russian President Vladimir Putin.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("01")),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_period_and_a_phrasal_verb_are_no_counterpart() {
    // "the Soviet era" dates the comparison; "dating back" is not "to back" (support)
    let ev = run(
        "For Egypt, cooperation with Moscow continues a trajectory dating back to the Soviet era.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("05")
            || e.target.as_ref().is_some_and(|t| t.name.contains("Soviet"))),
        "{}",
        show(&ev)
    );
    // "the head of the Royal Office" is a title, not the verb "to head"
    let ev = run(
        "Russian officials held discussions with the head of the Omani Royal Office.",
        "2025-11-21",
    );
    assert!(!ev.iter().any(|e| e.cameo == "060"), "{}", show(&ev));
}

#[test]
fn engaging_with_a_country_is_no_use_of_force() {
    let ev = run(
        "At the same time, Egypt and Oman engage with Russia in different ways.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("19")),
        "{}",
        show(&ev)
    );
    let ev = run(
        "Russian troops engaged in fighting with Ukrainian forces near Kharkiv on Monday.",
        "2025-11-21",
    );
    assert!(find(&ev, "RUS", "UKR", "19").is_some(), "{}", show(&ev));
}

#[test]
fn a_statement_is_dated_by_its_own_clause_not_its_complement() {
    let ev = run(
        "The Russian envoy emphasized that there is regular communication between the \
         security councils of Russia and Oman, as shown by meetings in Muscat in 2024.",
        "2025-11-21",
    );
    let s = ev
        .iter()
        .find(|e| e.cameo.starts_with("01"))
        .unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(s.date.as_deref(), Some("2025-11-21"), "{}", show(&ev));
    assert!(s.location.is_none(), "{:?}", s.location);
}

#[test]
fn an_actors_own_state_as_possessor_is_no_counterpart() {
    let ev = run(
        "Russian President Vladimir Putin reaffirmed Russia's willingness to support Syria.",
        "2025-02-27",
    );
    assert!(
        !ev.iter()
            .any(|e| e.target.as_ref().is_some_and(|t| t.name == "Russia")),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_conflict_named_as_a_topic_is_no_use_of_force() {
    let ev = run(
        "The discussions focused on bilateral cooperation, the situation in Syria, the Ukraine \
         conflict, and the escalation of the Israeli-Palestinian conflict.",
        "2025-02-27",
    );
    assert!(
        !ev.iter()
            .any(|e| e.cameo.starts_with("19") || e.cameo.starts_with("18")),
        "{}",
        show(&ev)
    );
    // an act of force is still one
    let ev = run(
        "Israel launched strikes on Lebanon on Monday.",
        "2025-02-27",
    );
    assert!(find(&ev, "ISR", "LBN", "19").is_some(), "{}", show(&ev));
}

#[test]
fn an_object_stops_at_a_relative_clause() {
    let ev = run(
        "Egypt is deploying heavy weaponry in Sinai, expanding its presence in an area that \
         for many years remained constrained by its agreements with the United States and Israel.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.source.code.as_deref() == Some("EGY")
            && e.target
                .as_ref()
                .is_some_and(|t| matches!(t.code.as_deref(), Some("USA" | "ISR")))),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_place_named_as_the_situation_discussed_is_no_counterpart() {
    let ev = run(
        "In Cairo, the Russian delegation focused on exchanging assessments of the situation in \
         and around the Gaza Strip.",
        "2025-11-21",
    );
    assert!(
        !ev.iter()
            .any(|e| e.target.as_ref().is_some_and(|t| t.name.contains("Gaza"))),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_closing_attribution_is_no_party_to_the_event() {
    let ev = run(
        "The United States and Jordan have agreed upon a new free-trade pact, the White House \
         announced Tuesday.",
        "2025-11-21",
    );
    assert!(find(&ev, "USA", "JOR", "0").is_some(), "{}", show(&ev));
    assert!(find(&ev, "JOR", "USA", "0").is_some(), "{}", show(&ev));
    // the White House only reports it
    assert!(
        !ev.iter().any(|e| e
            .target
            .as_ref()
            .and_then(|t| t.code.as_deref())
            .is_some_and(|c| c == "USAGOV")),
        "{}",
        show(&ev)
    );
    let ev = run(
        "Swiss doctors handed over medicine to Iran, according to the Turkish news agency.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().contains("TUR")),
        "{}",
        show(&ev)
    );
}

#[test]
fn an_apposition_describes_its_actor() {
    let ev = run(
        "Pakistan, a key U.S. ally in the war against terrorism, has refused to deploy \
         peacekeepers in Iraq.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("USA")),
        "{}",
        show(&ev)
    );
    assert!(find(&ev, "PAK", "IRQ", "12").is_some(), "{}", show(&ev));
}

#[test]
fn people_of_an_international_body_belong_to_it() {
    let ev = run(
        "NATO peacekeeping troops arrived in Bosnia on Monday.",
        "2025-11-21",
    );
    assert!(find(&ev, "IGO", "BIH", "").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("BIH-BIH")),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_participle_after_a_comma_opens_its_own_clause() {
    let ev = run(
        "French and Egyptian warships on Monday launched naval exercises in the Mediterranean, \
         expected to be joined later by Italian vessels.",
        "2025-11-21",
    );
    assert!(find(&ev, "FRA", "EGY", "06").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().contains("ITA")),
        "{}",
        show(&ev)
    );
}

#[test]
fn partners_agreeing_on_a_complement_act_with_each_other() {
    let ev = run(
        "Hungarian and Romanian officials agreed on Wednesday that their countries should \
         cooperate to help Romanian refugees in Hungary return home.",
        "2025-11-21",
    );
    assert!(find(&ev, "HUN", "ROU", "03").is_some(), "{}", show(&ev));
    assert!(find(&ev, "ROU", "HUN", "03").is_some(), "{}", show(&ev));
    let ev = run(
        "Israel and Lebanon renewed negotiations today on a Syrian troop pullback from Lebanon.",
        "2025-11-21",
    );
    assert!(find(&ev, "ISR", "LBN", "04").is_some(), "{}", show(&ev));
    assert!(find(&ev, "LBN", "ISR", "04").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().contains("SYR")),
        "{}",
        show(&ev)
    );
}

#[test]
fn an_agentless_passive_is_done_by_the_place_it_happened_in() {
    let ev = run(
        "A Canadian missionary was arrested in Lebanon on Monday.",
        "2025-11-21",
    );
    let e = find(&ev, "LBN", "CAN", "17").unwrap_or_else(|| panic!("{}", show(&ev)));
    // inferred, so less sure than a named agent
    assert!(e.confidence < 0.7, "{}", e.confidence);
    // … also where the place is named as one ("the Iraqi city of Basra")
    let ev = run(
        "Two Canadian soldiers were killed by gunfire outside the Afghan town of Kandahar.",
        "2025-11-21",
    );
    assert!(find(&ev, "AFG", "CAN", "").is_some(), "{}", show(&ev));
}

#[test]
fn between_belongs_to_the_object_that_comes_first() {
    let ev = run(
        "Arafat's Palestinian Authority on Wednesday rejected a US offer to host a summit \
         between Israel and Egypt.",
        "2025-11-21",
    );
    assert!(find(&ev, "PSE", "USA", "12").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("ISR")),
        "{}",
        show(&ev)
    );
}

#[test]
fn languages_and_borders_are_no_actors() {
    let ev = run(
        "The Latvian court cancelled restrictions on the use of the Russian language.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().contains("RUS")),
        "{}",
        show(&ev)
    );
    let ev = run(
        "Burmese troops captured a guerrilla stronghold on the Thai border.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().contains("THA")),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_yielding_act_with_nobody_else_named_is_one_sided() {
    let ev = run(
        "Georgian President Eduard Shevardnadze resigned on Sunday.",
        "2025-11-21",
    );
    let e = ev
        .iter()
        .find(|e| e.cameo.starts_with("08") && e.target.is_none())
        .unwrap_or_else(|| panic!("{}", show(&ev)));
    assert_eq!(e.source.country.as_deref(), Some("GEO"));
    // an action that needs a counterpart is not coded without one
    let ev = run("Russian troops attacked on Sunday.", "2025-11-21");
    assert!(ev.iter().all(|e| e.target.is_some()), "{}", show(&ev));
}

#[test]
fn an_opening_phrase_is_context_and_the_two_sides_are_named_in_it() {
    let ev = run(
        "With both Russia and Iran under Western sanctions, the two nations are working to \
         expand trade.",
        "2025-02-27",
    );
    assert!(find(&ev, "RUS", "IRN", "06").is_some(), "{}", show(&ev));
    assert!(find(&ev, "IRN", "RUS", "06").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("16")),
        "{}",
        show(&ev)
    );
    // … also when another actor is named before ("Western")
    let ev = run(
        "With both Russia and Iran under American sanctions, the two nations are working to \
         expand trade.",
        "2025-02-27",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().contains("USA")),
        "{}",
        show(&ev)
    );
    // "two nations" without a determiner is a description, not the two sides acting
    let ev = run(
        "Shoigu went on a visit to Oman and Egypt – two nations looking for reliable partners.",
        "2025-02-27",
    );
    assert!(find(&ev, "EGY", "OMN", "").is_none(), "{}", show(&ev));
}

#[test]
fn abstract_nouns_and_relations_are_no_actions() {
    let ev = run(
        "Shoigu stressed the need to step up contacts with Egypt. For Oman, by contrast, a \
         closer dialogue with Russia matters. Oman is watching the risks of a confrontation \
         between Israel and Iran.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("10")
            || e.cameo.starts_with("11")
            || e.cameo.starts_with("13")),
        "{}",
        show(&ev)
    );
    let ev = run(
        "The Russian delegation held meetings that underscored Russian-Omani ties.",
        "2025-11-21",
    );
    assert!(ev.is_empty(), "{}", show(&ev));
}

#[test]
fn a_plain_rejection_is_coded() {
    let ev = run(
        "Serbia on Thursday flatly rejected an Australian ultimatum.",
        "2025-11-21",
    );
    assert!(find(&ev, "SRB", "AUS", "12").is_some(), "{}", show(&ev));
    let ev = run("Serbia rejected the Australian peace plan.", "2025-11-21");
    assert!(find(&ev, "SRB", "AUS", "127").is_some(), "{}", show(&ev));
}

#[test]
fn a_complaint_targets_what_it_is_about() {
    let ev = run(
        "Lebanon complained to the United Nations on Tuesday over Israeli air raids.",
        "2025-11-21",
    );
    assert!(find(&ev, "LBN", "ISR", "11").is_some(), "{}", show(&ev));
    assert!(find(&ev, "LBN", "IGO", "11").is_none(), "{}", show(&ev));
}

#[test]
fn a_list_of_actors_may_carry_adjectives() {
    let ev = run(
        "Egypt and the neighbouring Sudan welcomed the resumption of talks with Ethiopia.",
        "2025-11-21",
    );
    assert!(find(&ev, "EGY", "ETH", "").is_some(), "{}", show(&ev));
    assert!(find(&ev, "SDN", "ETH", "").is_some(), "{}", show(&ev));
    // an apposition with its article is no list
    let ev = run(
        "Pakistan, a key U.S. ally, has refused to deploy peacekeepers in Iraq.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("USA")),
        "{}",
        show(&ev)
    );
}

#[test]
fn people_from_a_place_are_its_own() {
    let ev = run(
        "Soldiers from Egypt blocked the roads into Sudan on Monday.",
        "2025-11-21",
    );
    assert!(find(&ev, "EGYMIL", "SDN", "").is_some(), "{}", show(&ev));
    let ev = run(
        "Lawmakers in Egypt and Sudan welcomed the talks with Ethiopia.",
        "2025-11-21",
    );
    assert!(find(&ev, "EGYLEG", "ETH", "").is_some(), "{}", show(&ev));
}

#[test]
fn an_actor_in_the_subjects_of_phrase_describes_its_head() {
    let ev = run(
        "The Turkish and Greek sides of the divided island of Cyprus have agreed to share \
         information on missing people.",
        "2025-11-21",
    );
    assert!(find(&ev, "TUR", "GRC", "03").is_some(), "{}", show(&ev));
    assert!(find(&ev, "GRC", "TUR", "03").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("CYP")),
        "{}",
        show(&ev)
    );
}

#[test]
fn places_after_the_and_background_phrases() {
    // "in the West Bank" is a place, and "the … city of Hebron" where the subject is
    let ev = run(
        "Israeli settlers in the West Bank city of Hebron set fire to the offices of the \
         Palestinian administrators following the killing of an Israeli man.",
        "2025-11-21",
    );
    assert!(find(&ev, "ISR", "PSE", "17").is_some(), "{}", show(&ev));
    // the background phrase's killing is not the settlers' act
    assert!(find(&ev, "ISR", "ISR", "").is_none(), "{}", show(&ev));
}

#[test]
fn victims_with_no_country_of_their_own_are_of_the_place() {
    let ev = run(
        "Two Palestinian gunmen killed six people at a market in Tel Aviv on Sunday.",
        "2025-11-21",
    );
    assert!(find(&ev, "PSE", "ISR", "1").is_some(), "{}", show(&ev));
    assert!(find(&ev, "PSE", "PSE", "").is_none(), "{}", show(&ev));
}

#[test]
fn a_stance_is_no_passive() {
    let ev = run(
        "Israel is opposed to French mediation in the negotiations.",
        "2025-11-21",
    );
    assert!(find(&ev, "ISR", "FRA", "1").is_some(), "{}", show(&ev));
}

#[test]
fn a_denied_act_is_not_coded_as_done() {
    let ev = run(
        "Hamas denied involvement in the attack on Israeli troops.",
        "2025-11-21",
    );
    assert!(
        !ev.iter()
            .any(|e| e.cameo.starts_with("19") || e.cameo.starts_with("18")),
        "{}",
        show(&ev)
    );
    assert!(ev.iter().any(|e| e.cameo == "016"), "{}", show(&ev));
}

#[test]
fn an_action_noun_in_a_comments_topic_is_not_the_speakers_act() {
    let ev = run(
        "Iran expressed concern over the naval exercises of the United States in the Gulf.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("06")),
        "{}",
        show(&ev)
    );
}

#[test]
fn opening_participles_currencies_and_agents_after_adjectives() {
    let ev = run(
        "Ousted president Aristide has been accused of misusing US $50 million in public \
         funds by current Haitian government officials.",
        "2025-11-21",
    );
    assert!(find(&ev, "HTI", "HTI", "11").is_some(), "{}", show(&ev));
    assert!(
        !ev.iter().any(|e| e.dyad().contains("USA")),
        "{}",
        show(&ev)
    );
    assert!(
        !ev.iter().any(|e| e.cameo.starts_with("17")),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_code_the_table_lacks_is_coded_as_its_parent() {
    let ev = run(
        "North Korea hacked into the computers of South Korean army officers.",
        "2025-11-21",
    );
    assert!(find(&ev, "PRK", "KOR", "17").is_some(), "{}", show(&ev));
}

#[test]
fn a_reported_demand_reaches_past_a_place_phrase() {
    let ev = run(
        "The British foreign secretary said on Friday that the Sudanese government and the \
         rebels in Darfur must reach an agreement.",
        "2025-11-21",
    );
    assert!(find(&ev, "GBR", "SDN", "10").is_some(), "{}", show(&ev));
}

#[test]
fn a_retreat_in_ones_own_country_is_one_sided() {
    let ev = run(
        "Five hundred Ugandan rebels surrendered last week in the town of Soroti in Uganda.",
        "2025-11-21",
    );
    assert!(
        ev.iter()
            .any(|e| e.cameo.starts_with("08") && e.target.is_none()),
        "{}",
        show(&ev)
    );
    // easing restrictions there is for the people there
    let ev = run(
        "The Sudanese government lifted the curfew in Sudan on Sunday.",
        "2025-11-21",
    );
    assert!(find(&ev, "SDN", "SDN", "08").is_some(), "{}", show(&ev));
}

#[test]
fn a_role_word_right_after_a_demand_is_its_object() {
    let ev = run(
        "An Argentine judge has ordered the former president to appear for questioning about \
         arms sales to Croatia.",
        "2025-11-21",
    );
    assert!(find(&ev, "ARG", "ARG", "10").is_some(), "{}", show(&ev));
    assert!(find(&ev, "ARG", "HRV", "").is_none(), "{}", show(&ev));
}

#[test]
fn conditions_and_reflexive_acts_are_not_coded() {
    let ev = run(
        "Nigeria said it would withdraw its force from Chad unless President Oueddei arranged a \
         ceasefire with the rebels.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e.dyad().starts_with("TCD")),
        "{}",
        show(&ev)
    );
    let ev = run(
        "Two Palestinian bombers blew themselves up in Tel Aviv in the worst attack of the year.",
        "2025-11-21",
    );
    assert!(find(&ev, "PSE", "PSE", "").is_none(), "{}", show(&ev));
}

#[test]
fn a_one_sided_act_with_a_reciprocal_code_does_not_panic() {
    // CAMEO codes some yielding acts both ways ("* CEASEFIRE [0871:0871]"); with nobody else in
    // the clause the act is one-sided and has no reverse
    for text in [
        "The rebels declared a ceasefire on Sunday.",
        "The rebels agreed a ceasefire in their own country.",
        "Hizbollah declared a unilateral ceasefire on Wednesday in south Lebanon.",
        "Ugandan rebels surrendered in Uganda.",
        // "EMBROIL * (IN &DISPUTE) [120:120]" in the actor's own country
        "The Serbian rebels became embroiled in a dispute in Serbia.",
        "Serbia remained mired in a dispute in Serbia on Monday.",
    ] {
        let ev = run(text, "2025-11-21");
        for e in &ev {
            assert!(!e.source.name.is_empty(), "{}", show(&ev));
        }
    }
}

#[test]
fn a_place_may_carry_a_direction() {
    let ev = run(
        "Hizbollah declared a unilateral ceasefire on Wednesday in south Lebanon.",
        "2025-11-21",
    );
    assert!(
        !ev.iter().any(|e| e
            .target
            .as_ref()
            .is_some_and(|t| t.name.contains("Lebanon"))),
        "{}",
        show(&ev)
    );
}

#[test]
fn a_refusal_about_ones_own_people_is_one_sided() {
    let ev = run(
        "Jordan says it will not accept any more refugees.",
        "2025-11-21",
    );
    assert!(
        ev.iter()
            .any(|e| e.cameo.starts_with("12") && e.target.is_none()),
        "{}",
        show(&ev)
    );
}

#[test]
fn an_announced_sanction_is_the_sanction_and_a_conditional_one_a_threat() {
    let ev = run(
        "The United States announced Wednesday it would cut off all aid to Nicaragua.",
        "2025-11-21",
    );
    assert!(find(&ev, "USA", "NIC", "16").is_some(), "{}", show(&ev));
    let ev = run(
        "The United States said it would cut off all aid to Nicaragua unless the elections \
         are held.",
        "2025-11-21",
    );
    assert!(find(&ev, "USA", "NIC", "13").is_some(), "{}", show(&ev));
}
