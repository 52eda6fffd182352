use super::*;

fn d(s: &str) -> Option<Dct> {
    Some(Dct::parse(s).unwrap())
}

/// (text, value, mod) of every timex.
fn tv(text: &str, dct: Option<Dct>) -> Vec<(String, String, Option<String>)> {
    tag(text, dct)
        .into_iter()
        .map(|t| (t.text, t.value.unwrap_or_default(), t.modifier))
        .collect()
}

fn find(text: &str, dct: Option<Dct>, expr: &str) -> Timex {
    let all = tag(text, dct);
    all.iter()
        .find(|t| t.text == expr)
        .cloned()
        .unwrap_or_else(|| panic!("{expr:?} not found in {all:?}"))
}

#[test]
fn smoke() {
    let v = tv("It happened on February 26, 2025.", d("2025-11-21"));
    assert_eq!(v[0].1, "2025-02-26");
    let _ = find("x in 2024", None, "2024");
}
