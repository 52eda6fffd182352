//! People, places and organisations of the two seed articles (../shared/data/seeds), when
//! present: every person with the right country and role, the surname alone, "the sultanate"
//! and capitals standing for governments. Skips cleanly on a fresh clone without the data.

mod common;
use common::seed;

use attache_annotate::entities::EntityRecognizer;
use attache_annotate::sentences;
use attache_model::{Entity, Mention, MentionType};

fn run(text: &str, date: &str) -> (Vec<Mention>, Vec<Entity>) {
    let rec = EntityRecognizer::new().expect("gazetteer loads");
    let s = sentences::split(text);
    rec.annotate(text, &s, Some(date))
}

/// The person named `name` has `country`, a role whose title contains `role` (any case) and,
/// when given, the actor code `code`.
fn check_person<'a>(
    ents: &'a [Entity],
    name: &str,
    country: &str,
    role: &str,
    code: Option<&str>,
) -> &'a Entity {
    let p = ents
        .iter()
        .find(|e| e.kind == MentionType::Person && e.name == name)
        .unwrap_or_else(|| {
            let people: Vec<&str> = ents
                .iter()
                .filter(|e| e.kind == MentionType::Person)
                .map(|e| e.name.as_str())
                .collect();
            panic!("no person {name:?} among {people:?}")
        });
    assert_eq!(p.country.as_deref(), Some(country), "{name}: {p:?}");
    if !role.is_empty() {
        assert!(
            p.roles
                .iter()
                .any(|r| r.title.to_lowercase().contains(&role.to_lowercase())),
            "{name}: no role {role:?} in {:?}",
            p.roles
        );
    }
    if let Some(code) = code {
        assert_eq!(p.actor_code.as_deref(), Some(code), "{name}: {p:?}");
    }
    p
}

fn entity<'a>(ents: &'a [Entity], kind: MentionType, name: &str) -> &'a Entity {
    ents.iter()
        .find(|e| e.kind == kind && e.name == name)
        .unwrap_or_else(|| panic!("no {kind:?} {name:?}"))
}

#[test]
fn seed_000_people_roles_and_references() {
    let Some(text) = seed("000_6d70f838b76d5134.txt") else {
        return;
    };
    let (ms, ents) = run(&text, "2025-11-21");
    let shoigu = check_person(
        &ents,
        "Sergey Shoigu",
        "RUS",
        "Secretary of the Security Council",
        Some("RUSGOV"),
    );
    check_person(
        &ents,
        "Abdel Majeed Saqr",
        "EGY",
        "Defense Minister",
        Some("EGYGOVMIL"),
    );
    check_person(
        &ents,
        "Abdel Fattah el-Sisi",
        "EGY",
        "President",
        Some("EGYGOV"),
    );
    check_person(&ents, "Vladimir Putin", "RUS", "President", Some("RUSGOV"));
    check_person(
        &ents,
        "Haitham bin Tariq Al Said",
        "OMN",
        "Sultan",
        Some("OMNGOV"),
    );
    check_person(
        &ents,
        "Sultan al-Nuamani",
        "OMN",
        "head of the Royal Office",
        None,
    );
    check_person(&ents, "Idris al-Kindi", "OMN", "Secretary General", None);
    // "Shoigu" alone is Sergey Shoigu, every time.
    let alone: Vec<&Mention> = ms.iter().filter(|m| m.text == "Shoigu").collect();
    assert!(alone.len() >= 10, "{}", alone.len());
    assert!(
        alone
            .iter()
            .all(|m| m.entity.as_deref() == Some(shoigu.id.as_str()))
    );
    // "the sultanate" is Oman.
    let oman = entity(&ents, MentionType::Country, "Oman");
    let m = ms
        .iter()
        .find(|m| m.text == "the sultanate")
        .expect("the sultanate");
    assert_eq!(m.entity.as_deref(), Some(oman.id.as_str()));
    // "Moscow chose ..." is the Russian government; "in Moscow" the city.
    assert!(
        ms.iter()
            .any(|m| m.text == "Moscow" && m.actor_code.as_deref() == Some("RUSGOV"))
    );
    assert!(
        ms.iter()
            .any(|m| m.text == "Moscow" && m.actor_code.is_none() && m.kind == MentionType::City)
    );
    assert!(
        ms.iter()
            .any(|m| m.text == "Cairo" && m.actor_code.as_deref() == Some("EGYGOV"))
    );
    for (name, iso) in [
        ("Egypt", "EGY"),
        ("Oman", "OMN"),
        ("Russia", "RUS"),
        ("Israel", "ISR"),
        ("Iran", "IRN"),
        ("Ukraine", "UKR"),
        ("Somalia", "SOM"),
    ] {
        assert_eq!(
            entity(&ents, MentionType::Country, name).country.as_deref(),
            Some(iso)
        );
    }
    for (city, iso) in [("Muscat", "OMN"), ("Salalah", "OMN"), ("Doha", "QAT")] {
        let m = ms
            .iter()
            .find(|m| m.text == city)
            .unwrap_or_else(|| panic!("{city}"));
        assert_eq!(m.country.as_deref(), Some(iso), "{city}");
    }
    let brics = ms.iter().find(|m| m.text == "BRICS").expect("BRICS");
    assert_eq!(brics.actor_code.as_deref(), Some("IGOBRICS"));
    assert_eq!(
        entity(&ents, MentionType::Org, "Rosatom")
            .country
            .as_deref(),
        Some("RUS")
    );
    for region in ["Gaza Strip", "Middle East", "Suez Canal", "Sinai"] {
        assert!(
            ms.iter()
                .any(|m| m.text == region && m.kind == MentionType::Location),
            "{region}"
        );
    }
    // "Russian-Omani": two nationalities, no organisation "-Omani".
    assert!(ms.iter().all(|m| !m.text.starts_with('-')));
}

#[test]
fn seed_003_people_roles_and_references() {
    let Some(text) = seed("003_d24e86801bbec4fb.txt") else {
        return;
    };
    let (ms, ents) = run(&text, "2025-03-01");
    let lavrov = check_person(
        &ents,
        "Sergey Lavrov",
        "RUS",
        "Foreign Minister",
        Some("RUSGOV"),
    );
    // "his Turkish counterpart, Hakan Fidan": Lavrov's title, Turkey's minister.
    check_person(
        &ents,
        "Hakan Fidan",
        "TUR",
        "Foreign Minister",
        Some("TURGOV"),
    );
    check_person(
        &ents,
        "Recep Tayyip Erdogan",
        "TUR",
        "President",
        Some("TURGOV"),
    );
    check_person(
        &ents,
        "Abbas Araghchi",
        "IRN",
        "Foreign Minister",
        Some("IRNGOV"),
    );
    check_person(
        &ents,
        "Masoud Pezeshkian",
        "IRN",
        "President",
        Some("IRNGOV"),
    );
    check_person(
        &ents,
        "Tamim bin Hamad Al Thani",
        "QAT",
        "Emir",
        Some("QATGOV"),
    );
    // "the country's prime minister and foreign minister, Sheikh Mohammed ...": both roles.
    let m = check_person(
        &ents,
        "Mohammed bin Abdulrahman Al Thani",
        "QAT",
        "prime minister",
        Some("QATGOV"),
    );
    assert!(
        m.roles
            .iter()
            .any(|r| r.title.eq_ignore_ascii_case("foreign minister"))
    );
    let assad = ents
        .iter()
        .find(|e| e.kind == MentionType::Person && e.name.contains("Assad"))
        .expect("Assad");
    assert_eq!(assad.country.as_deref(), Some("SYR"));
    check_person(&ents, "Ahmad al-Sharaa", "SYR", "leader", None);
    check_person(&ents, "Donald Trump", "USA", "President", Some("USAGOV"));
    check_person(
        &ents,
        "Benjamin Netanyahu",
        "ISR",
        "Prime Minister",
        Some("ISRGOV"),
    );
    check_person(&ents, "Vladimir Putin", "RUS", "President", Some("RUSGOV"));
    // "Mazloum Abdi, the commander of the Syrian Democratic Forces (SDF)": the group's code.
    check_person(&ents, "Mazloum Abdi", "SYR", "commander", Some("SYRREB"));
    check_person(&ents, "Afeen Soweid", "SYR", "co-chair", None);
    // Surnames alone.
    let alone = ms.iter().filter(|m| m.text == "Lavrov").collect::<Vec<_>>();
    assert!(!alone.is_empty());
    assert!(
        alone
            .iter()
            .all(|m| m.entity.as_deref() == Some(lavrov.id.as_str()))
    );
    // Capitals for governments.
    for (city, code) in [
        ("Moscow", "RUSGOV"),
        ("Washington", "USAGOV"),
        ("Tehran", "IRNGOV"),
    ] {
        assert!(
            ms.iter()
                .any(|m| m.text == city && m.actor_code.as_deref() == Some(code)),
            "{city}"
        );
    }
    for (org, code) in [
        ("BRICS", "IGOBRICS"),
        ("Syrian Democratic Forces", "SYRREB"),
        ("Hamas", "PSEREB"),
    ] {
        let m = ms
            .iter()
            .find(|m| m.text == org)
            .unwrap_or_else(|| panic!("{org}"));
        assert_eq!(m.actor_code.as_deref(), Some(code), "{org}");
    }
    assert_eq!(
        entity(&ents, MentionType::Country, "Turkey")
            .country
            .as_deref(),
        Some("TUR")
    );
    assert!(
        ms.iter()
            .any(|m| m.text == "Türkiye" && m.country.as_deref() == Some("TUR"))
    );
}
