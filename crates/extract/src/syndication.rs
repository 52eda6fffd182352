//! Syndication markers: the lines that say where a text came from.
//!
//! Recognised patterns (case-insensitive; "X" is the origin, kept as written):
//!
//! | pattern | example | result |
//! |---|---|---|
//! | relay trailer | `from RT World News https://ift.tt/abc` + `via IFTTT` (one line or two) | origin X, origin_url, via IFTTT; lines removed |
//! | bare relay line | `via IFTTT`, `via RSS feed`, `via Feedly` as the last line | via; line removed |
//! | first/originally published | `This post was first published on RTNews.com, we have published it via RSS feed courtesy of Source link` | origin RTNews.com, via RSS; line removed |
//! | originally appeared | `This article originally appeared on The Conversation.` / `…first appeared in X` | origin X; line removed |
//! | republished from | `Republished with permission from X` / `This story is republished from X` | origin X; line removed |
//! | source line | `Source: Reuters`, `Quelle: dpa`, `Fuente: EFE`, `Источник: ТАСС` (short line) | origin X; line removed |
//! | source link | `Source link` alone | line removed (no origin) |
//! | with inputs from | `(With inputs from PTI)`, `With inputs from Reuters` | origin X; line removed |
//! | wire feed note | `This story has been published from a wire agency feed without modifications…` | via "wire agency feed"; line removed |
//! | agency credit | `© AFP`, `© 2024 Reuters`, `Copyright 2024 The Associated Press. All rights reserved.` (short line) | origin agency; line removed |
//! | agency byline | `By Reuters`, `By The Associated Press` (≤ 4 words) | origin agency; removed |
//! | agency dateline | `MOSCOW (Reuters) - …`, `(AP) — …`, `PARIS, May 3 (AFP) –` opening a paragraph near the top | origin agency; text kept |
//!
//! Agencies known by name for credits and datelines: Reuters, AP / Associated Press, AFP /
//! Agence France-Presse, Bloomberg, dpa, ANSA, EFE, TASS, RIA Novosti, Interfax, Sputnik,
//! Xinhua, Kyodo, Yonhap, Anadolu, PTI, IANS, ANI, UPI, PA, CNA, Bernama, Antara, WAFA, IRNA,
//! SANA, MENA, Ukrinform, UNIAN.

use std::sync::LazyLock;

use attache_model::Syndication;
use regex::Regex;

fn re(s: &str) -> Regex {
    Regex::new(s).expect("static regex")
}

const AGENCIES: &str = r"Reuters|AP|Associated Press|The Associated Press|AFP|Agence France[- ]Presse|Bloomberg|dpa|DPA|ANSA|EFE|TASS|ТАСС|RIA Novosti|РИА Новости|Interfax|Интерфакс|Sputnik|Xinhua|Kyodo|Yonhap|Anadolu|Anadolu Agency|PTI|IANS|ANI|UPI|PA|PA Media|CNA|Bernama|Antara|WAFA|IRNA|SANA|MENA|Ukrinform|UNIAN";

static RELAY_FULL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^from\s+(.{2,80}?)\s+(https?://\S+)(?:\s+via\s+(.{2,40}))?$"));
static VIA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^via\s+(IFTTT|RSS(?: feed)?|Feedly|Zapier|Google News|Flipboard|Inoreader|NewsBreak|[A-Z][\w.]{1,30})\.?$",
    )
});
static FIRST_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:post|article|story|content|piece|report|item)\s+(?:was\s+|has been\s+|is\s+)?(?:first|originally)\s+(?:published|appeared|posted|ran)\s+(?:on|in|at|by)\s+([^,;\n]{2,60}?)(?:[,;]|\s+(?:and|we|on|under|with|via|\()\b|\.\s|\.?$)",
    )
});
static ORIGINALLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:this\s+\w+\s+)?(?:was\s+)?(?:originally|first)\s+(?:appeared|published|posted)\s+(?:on|in|at|by)\s+([^,;\n]{2,60}?)(?:[,;]|\.\s|\.?$)",
    )
});
static REPUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\brepublished\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission\s+)?(?:from|of|by)\s+([^,;\n]{2,60}?)(?:[,;]|\s+under\b|\.\s|\.?$)",
    )
});
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:source|sources|quelle|fuente|fonte|источник|स्रोत|المصدر|kaynak|sumber)\s*[:：–-]\s*(.{2,60}?)\.?$",
    )
});
static SOURCE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(?:source\s+link|original\s+source|read\s+the\s+original(?:\s+article)?)\s*[.:]?$")
});
static WITH_INPUTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\(?\s*with\s+(?:inputs|input|agency inputs|reporting)\s+from\s+([^)]{2,60}?)\s*\)?\.?$",
    )
});
static WIRE_FEED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)published from an? (?:wire|syndicated|news) (?:agency )?feed"));
static AGENCY_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?i:©|\(c\)|copyright)\s*(?:\(c\)\s*)?(?:\d{{4}}\s*)?(?:-\s*\d{{4}}\s*)?({AGENCIES})\b[^\n]{{0,80}}$"
    ))
});
static BY_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?i:by|from|von|par|por)\s+(?:the\s+)?({AGENCIES})\.?$"
    ))
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:[\p{{Lu}}][\p{{Lu}}\p{{Ll}} .,'/-]{{0,60}})?\s*\(({AGENCIES})\)\s*[-–—:]"
    ))
});

/// Where each recognised marker sent the data.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub syndication: Option<Syndication>,
}

fn set_origin(s: &mut Syndication, origin: &str) {
    let o = origin.trim().trim_end_matches(['.', ',', ':']).trim();
    if s.origin.is_none() && !o.is_empty() {
        s.origin = Some(o.to_string());
    }
}

fn push_via(s: &mut Syndication, via: &str) {
    let v = via.trim().trim_end_matches('.');
    let v = if v.to_ascii_lowercase().starts_with("rss") {
        "RSS"
    } else {
        v
    };
    if !v.is_empty() && !s.via.iter().any(|x| x.eq_ignore_ascii_case(v)) {
        s.via.push(v.to_string());
    }
}

fn normalise_agency(a: &str) -> &str {
    match a {
        "AP" | "The Associated Press" => "Associated Press",
        "Agence France-Presse" | "Agence France Presse" => "AFP",
        "ТАСС" => "TASS",
        "DPA" => "dpa",
        other => other,
    }
}

/// Find syndication markers in `paras`, removing the marker lines (datelines stay).
pub(crate) fn detect(paras: &mut Vec<String>) -> Found {
    let mut s = Syndication::default();
    let mut hit = false;
    let mut keep = vec![true; paras.len()];
    let n = paras.len();
    for i in 0..n {
        let line = paras[i].trim();
        let words = line.split_whitespace().count();
        let near_end = i + 8 >= n;
        if let Some(c) = RELAY_FULL.captures(line) {
            set_origin(&mut s, &c[1]);
            s.origin_url.get_or_insert_with(|| c[2].to_string());
            if let Some(v) = c.get(3) {
                push_via(&mut s, v.as_str());
            } else if let Some(next) = paras.get(i + 1)
                && let Some(v) = VIA_LINE.captures(next.trim())
            {
                push_via(&mut s, &v[1]);
                keep[i + 1] = false;
            }
            keep[i] = false;
            hit = true;
            continue;
        }
        if near_end && let Some(v) = VIA_LINE.captures(line) {
            push_via(&mut s, &v[1]);
            keep[i] = false;
            hit = true;
            continue;
        }
        let lower = line.to_lowercase();
        let maybe_published = ["publish", "appeared", "posted", " ran "]
            .iter()
            .any(|k| lower.contains(k));
        if words <= 80 && maybe_published {
            let mut matched = false;
            if let Some(c) = FIRST_PUBLISHED.captures(line) {
                set_origin(&mut s, &c[1]);
                matched = true;
            } else if let Some(c) = ORIGINALLY.captures(line) {
                set_origin(&mut s, &c[1]);
                matched = true;
            } else if let Some(c) = REPUBLISHED.captures(line) {
                set_origin(&mut s, &c[1]);
                matched = true;
            }
            if matched {
                if lower.contains("via rss") || lower.contains("rss feed") {
                    push_via(&mut s, "RSS");
                }
                keep[i] = false;
                hit = true;
                continue;
            }
        }
        if words <= 40 && lower.contains("feed") && WIRE_FEED.is_match(line) {
            push_via(&mut s, "wire agency feed");
            keep[i] = false;
            hit = true;
            continue;
        }
        if words <= 10 {
            if SOURCE_LINK.is_match(line) {
                keep[i] = false;
                continue;
            }
            if let Some(c) = SOURCE_LINE
                .captures(line)
                .or_else(|| WITH_INPUTS.captures(line))
            {
                set_origin(&mut s, normalise_agency(c[1].trim()));
                keep[i] = false;
                hit = true;
                continue;
            }
        }
        if words <= 4
            && let Some(c) = BY_AGENCY.captures(line)
        {
            set_origin(&mut s, normalise_agency(&c[1]));
            keep[i] = false;
            hit = true;
            continue;
        }
        if words <= 16
            && let Some(c) = AGENCY_CREDIT.captures(line)
        {
            set_origin(&mut s, normalise_agency(&c[1]));
            keep[i] = false;
            hit = true;
            continue;
        }
        if i < 4
            && let Some(c) = DATELINE.captures(line)
        {
            set_origin(&mut s, normalise_agency(&c[1]));
            hit = true;
        }
    }
    let mut it = keep.iter();
    paras.retain(|_| *it.next().unwrap_or(&true));
    Found {
        syndication: hit.then_some(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str]) -> (Vec<String>, Option<Syndication>) {
        let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let f = detect(&mut v);
        (v, f.syndication)
    }

    #[test]
    fn relay_trailer_two_lines() {
        let (v, s) = run(&["Body.", "from Some News https://ift.tt/xyz", "via IFTTT"]);
        assert_eq!(v, vec!["Body."]);
        let s = s.unwrap();
        assert_eq!(s.origin.as_deref(), Some("Some News"));
        assert_eq!(s.origin_url.as_deref(), Some("https://ift.tt/xyz"));
        assert_eq!(s.via, vec!["IFTTT"]);
    }

    #[test]
    fn first_published_via_rss() {
        let (v, s) = run(&[
            "Body.",
            "Credit By :-This post was first published on Example.com, we have published it via RSS feed courtesy of Source link,",
        ]);
        assert_eq!(v, vec!["Body."]);
        let s = s.unwrap();
        assert_eq!(s.origin.as_deref(), Some("Example.com"));
        assert_eq!(s.via, vec!["RSS"]);
    }

    #[test]
    fn agencies() {
        let (v, s) = run(&[
            "KYIV (Reuters) - Something happened today.",
            "More.",
            "© AFP 2024",
        ]);
        assert_eq!(v.len(), 2, "dateline kept, credit line removed: {v:?}");
        assert_eq!(s.unwrap().origin.as_deref(), Some("Reuters"));
        let (v, s) = run(&["Text.", "© 2024 AFP"]);
        assert_eq!(v, vec!["Text."]);
        assert_eq!(s.unwrap().origin.as_deref(), Some("AFP"));
        let (_, s) = run(&["(AP) — Officials said.", "x"]);
        assert_eq!(s.unwrap().origin.as_deref(), Some("Associated Press"));
        let (v, s) = run(&["Text.", "(With inputs from PTI)"]);
        assert_eq!(v, vec!["Text."]);
        assert_eq!(s.unwrap().origin.as_deref(), Some("PTI"));
    }

    #[test]
    fn originally_appeared() {
        let (v, s) = run(&[
            "Text.",
            "This article originally appeared on The Conversation.",
        ]);
        assert_eq!(v, vec!["Text."]);
        assert_eq!(s.unwrap().origin.as_deref(), Some("The Conversation"));
        let (v, s) = run(&["Text.", "Source link"]);
        assert_eq!(v, vec!["Text."]);
        assert!(s.is_none());
    }

    #[test]
    fn ordinary_text_is_not_a_marker() {
        let (v, s) = run(&[
            "The minister said the plan was first published in 2019 and then revised.",
            "From Paris to Berlin, leaders met.",
        ]);
        assert_eq!(v.len(), 2);
        assert!(s.is_none());
    }
}
