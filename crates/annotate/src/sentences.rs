//! Rule-based sentence splitting with char offsets.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (optionally followed by closing quotes and brackets)
//! when whitespace and then an opening quote, bracket, digit or upper-case letter follows, unless
//! the period belongs to an abbreviation ("Mr.", "Gen.", "e.g."), an initial ("J. Smith"), a
//! dotted acronym inside a sentence ("the U.S. envoy") or a number ("3.5"). A line break followed
//! by a blank line, or a line break after a line that has no sentence punctuation (headlines,
//! menus), also ends a sentence. Spans cover the sentence without surrounding whitespace.
//!
//! The splitter is linear in the length of the text and never fails: any string, including one
//! with no punctuation at all, yields spans that lie inside it.

use attache_model::Span;

/// Abbreviations after which a period does not end a sentence (compared lower-case, no dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "maj", "capt", "cmdr",
    "adm", "sgt", "cpl", "pvt", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "sec", "messrs",
    "mt", "ft", "no", "nos", "vol", "vols", "fig", "figs", "p", "pp", "ch", "art", "sect", "para",
    "e.g", "i.e", "etc", "vs", "v", "cf", "al", "approx", "ca", "est", "dept", "univ", "assn",
    "bros", "inc", "ltd", "co", "corp", "plc", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat",
    "sun", "a.m", "p.m", "ave", "blvd", "rd", "hwy",
];

/// Abbreviations that commonly end a sentence when a capital follows ("... in the U.S. The").
const SENTENCE_FINAL_ACRONYMS: &[&str] = &[
    "u.s", "u.k", "u.n", "e.u", "u.a.e", "u.s.a", "u.s.s.r", "d.c", "inc", "ltd", "co", "corp",
    "plc", "etc", "jr", "sr",
];

/// Words that, after a dotted acronym, show that the sentence goes on ("the U.S. Navy said").
fn starts_like_sentence(word: &str) -> bool {
    const STARTERS: &[&str] = &[
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "But",
        "And",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Its",
        "Their",
        "After",
        "Before",
        "While",
        "When",
        "As",
        "If",
        "According",
        "However",
        "Meanwhile",
        "Also",
        "For",
        "From",
        "With",
        "Under",
        "By",
        "Some",
        "Many",
        "Most",
        "Officials",
        "Both",
    ];
    STARTERS.contains(&word)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '»' | '”' | '’' | '›' | '」' | '』'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '«' | '“' | '‘' | '‹' | '「' | '『' | '¿' | '¡'
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

/// Split `text` into sentences; offsets are char offsets into `text`.
pub fn split(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let mut spans = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;

    let push = |spans: &mut Vec<Span>, s: usize, e: usize| {
        let mut s = s;
        let mut e = e;
        while s < e && chars[s].is_whitespace() {
            s += 1;
        }
        while e > s && chars[e - 1].is_whitespace() {
            e -= 1;
        }
        if e > s {
            spans.push(Span { start: s, end: e });
        }
    };

    while i < n {
        let c = chars[i];
        if c == '\n' {
            // Blank line, or a line without final punctuation: a break.
            let mut j = i + 1;
            while j < n && chars[j] != '\n' && chars[j].is_whitespace() {
                j += 1;
            }
            let blank = j < n && chars[j] == '\n';
            let mut k = i;
            while k > start && chars[k - 1].is_whitespace() {
                k -= 1;
            }
            let prev = if k > start { Some(chars[k - 1]) } else { None };
            let unpunctuated = prev.is_some_and(|p| !matches!(p, ',' | ';' | ':' | '-'));
            if blank || unpunctuated || j >= n {
                push(&mut spans, start, i);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if !is_terminal(c) {
            i += 1;
            continue;
        }
        // Absorb runs of terminals and closing quotes/brackets.
        let mut end = i + 1;
        while end < n && (is_terminal(chars[end]) || is_closing(chars[end])) {
            end += 1;
        }
        // What follows: whitespace then the next word.
        let mut j = end;
        let mut saw_space = false;
        while j < n && chars[j].is_whitespace() && chars[j] != '\n' {
            saw_space = true;
            j += 1;
        }
        if j >= n || chars[j] == '\n' {
            push(&mut spans, start, end);
            start = end;
            i = end;
            continue;
        }
        if !saw_space {
            i = end;
            continue;
        }
        let mut k = j;
        while k < n && is_opening(chars[k]) {
            k += 1;
        }
        let next = chars.get(k).copied().unwrap_or(' ');
        let next_ok = next.is_uppercase() || next.is_numeric() || k > j || !next.is_alphabetic();
        if !next_ok {
            i = end;
            continue;
        }
        if c == '.' && end == i + 1 && !is_sentence_end_period(&chars, start, i, k) {
            i = end;
            continue;
        }
        push(&mut spans, start, end);
        start = end;
        i = end;
    }
    push(&mut spans, start, n);
    spans
}

/// Decide whether the period at `dot` ends a sentence, given the next word starts at `next`.
fn is_sentence_end_period(chars: &[char], start: usize, dot: usize, next: usize) -> bool {
    // The word before the period (letters and inner periods).
    let mut w = dot;
    while w > start && (chars[w - 1].is_alphanumeric() || chars[w - 1] == '.') {
        w -= 1;
    }
    let word: String = chars[w..dot].iter().collect();
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let next_word: String = chars[next..]
        .iter()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    // Dotted acronyms: end only when a typical sentence opener follows.
    if SENTENCE_FINAL_ACRONYMS.contains(&lower.as_str()) {
        return starts_like_sentence(&next_word);
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return false;
    }
    // A single capital letter is an initial ("J. R. R. Tolkien", "George W. Bush").
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return starts_like_sentence(&next_word);
    }
    // Dotted abbreviations not in the list ("a.k.a.", "S.A.").
    if word.contains('.') {
        return starts_like_sentence(&next_word);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        split(t)
            .into_iter()
            .map(|s| t.chars().skip(s.start).take(s.end - s.start).collect())
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            texts("Shoigu visited Cairo. He met the minister! Did he? Yes."),
            vec![
                "Shoigu visited Cairo.",
                "He met the minister!",
                "Did he?",
                "Yes."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            texts("Mr. Smith paid $3.5 billion to Gen. J. R. Allen on Feb. 3. It was late."),
            vec![
                "Mr. Smith paid $3.5 billion to Gen. J. R. Allen on Feb. 3.",
                "It was late."
            ]
        );
        assert_eq!(
            texts("The U.S. envoy arrived. Talks with the U.S. The envoy left."),
            vec![
                "The U.S. envoy arrived.",
                "Talks with the U.S.",
                "The envoy left."
            ]
        );
        assert_eq!(
            texts("Officials met U.S. Secretary of State Rubio."),
            vec!["Officials met U.S. Secretary of State Rubio."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            texts("He said: \u{201c}We will win.\u{201d} Then he left. \"Fine.\" She nodded."),
            vec![
                "He said: \u{201c}We will win.\u{201d}",
                "Then he left.",
                "\"Fine.\"",
                "She nodded."
            ]
        );
    }

    #[test]
    fn headlines_and_blank_lines_break() {
        let t = "Why nations turn to Russia\nViews 21 November\nShoigu went to Oman. He met the Sultan.\n\nNew paragraph";
        assert_eq!(
            texts(t),
            vec![
                "Why nations turn to Russia",
                "Views 21 November",
                "Shoigu went to Oman.",
                "He met the Sultan.",
                "New paragraph"
            ]
        );
    }

    #[test]
    fn offsets_are_chars_and_in_bounds() {
        let t = "Türkiye’s envoy met Erdoğan. Далее текст. 東京に行った。次";
        let spans = split(t);
        let n = t.chars().count();
        assert!(spans.iter().all(|s| s.start < s.end && s.end <= n));
        assert_eq!(texts(t)[0], "Türkiye’s envoy met Erdoğan.");
        assert!(split("").is_empty());
        assert!(split("   \n\n ").is_empty());
        assert_eq!(
            texts("no punctuation at all"),
            vec!["no punctuation at all"]
        );
    }
}
