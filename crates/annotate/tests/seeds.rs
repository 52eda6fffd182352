//! The time expressions of the two seed articles (../shared/data/seeds), when present.
//! Skips cleanly on a fresh clone without the shared data.

mod common;
use common::seed;

use attache_annotate::time::{DateSource, Dct, annotate, infer_document_date};
use attache_model::DatePrecision;

fn value_of(
    a: &attache_annotate::time::TimeAnnotations,
    text: &str,
) -> (Option<String>, Option<String>) {
    let t = a
        .timexes
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("{text:?} not tagged"));
    (t.value.clone(), t.modifier.clone())
}

#[test]
fn seed_000_expressions_against_its_publication_date() {
    let Some(text) = seed("000_6d70f838b76d5134.txt") else {
        return;
    };
    let a = annotate(&text, Some(Dct::parse("2025-11-21").unwrap()));
    assert_eq!(
        value_of(&a, "late October 2024"),
        (Some("2024-10".into()), Some("LATE".into()))
    );
    assert_eq!(
        value_of(&a, "the spring of 2025"),
        (Some("2025-SP".into()), None)
    );
    assert_eq!(value_of(&a, "2024").0.as_deref(), Some("2024"));
    assert_eq!(value_of(&a, "2025").0.as_deref(), Some("2025"));
    assert_eq!(value_of(&a, "February").0.as_deref(), Some("2025-02"));
}

#[test]
fn seed_000_without_metadata_is_dated_by_its_dateline() {
    let Some(text) = seed("000_6d70f838b76d5134.txt") else {
        return;
    };
    let d = infer_document_date(&text, None);
    assert_eq!(d.value.as_deref(), Some("2025-11-21"));
    assert!(matches!(d.how, DateSource::Text { .. }));
}

#[test]
fn seed_003_is_dated_early_2025_from_its_own_text() {
    let Some(text) = seed("003_d24e86801bbec4fb.txt") else {
        return;
    };
    let a = annotate(&text, None);
    assert_eq!(a.date.value.as_deref(), Some("2025-02-27"));
    assert_eq!(a.date.precision, DatePrecision::Day);
    match &a.date.how {
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
    assert_eq!(value_of(&a, "February 26").0.as_deref(), Some("2025-02-26"));
    assert_eq!(value_of(&a, "February 27").0.as_deref(), Some("2025-02-27"));
    assert_eq!(value_of(&a, "January").0.as_deref(), Some("2025-01"));
    assert_eq!(value_of(&a, "December 2024").0.as_deref(), Some("2024-12"));
}
