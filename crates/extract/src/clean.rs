//! The boilerplate layer applied to paragraphs, whether they came out of the HTML main-content
//! step or out of a plain-text file.
//!
//! Rules, each general (none names a site or an article):
//! - **Calls to action** in short paragraphs (≤ 15 words), in English, Hindi, Spanish, French,
//!   German, Portuguese, Italian, Russian, Ukrainian, Arabic, Turkish, Indonesian and Chinese:
//!   share/tweet/print, subscribe/newsletter, follow us, join our group/channel (WhatsApp,
//!   Telegram…), leave a reply/comment, "your email address will not be published", back to
//!   top, read more / also read / related, advertisement, click here, download the app,
//!   cookie banners, skip to content, log in / sign up.
//! - **Copyright disclaimers**: paragraphs that open with "Copyright Disclaimer", "Disclaimer:"
//!   or cite fair use ("Section 107 of the Copyright Act"), and short "All rights reserved"
//!   lines.
//! - **Hashtag lines** (every word a `#tag`) and lines that are only URLs.
//! - **Menus**: runs of at least 4 consecutive short label lines (≤ 3 words, no sentence
//!   punctuation), or at least 2 at the very end of the text.
//! - **After an end marker** (a comment form, a disclaimer, a syndication trailer, "back to
//!   top") every following short line (≤ 12 words) goes: that is where sites put their footer.
//! - **The title repeated** as a paragraph (the source-link anchor that republishers add).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

fn set(patterns: &[&str]) -> RegexSet {
    RegexSet::new(patterns.iter().map(|p| format!("(?i){p}"))).expect("static regex set")
}

/// Calls to action and interface labels; matched against short paragraphs only.
static CTA: LazyLock<RegexSet> = LazyLock::new(|| {
    set(&[
        // English
        r"^(share|tweet|email|e-mail|print|pin|whatsapp|save)( (this|on|via|article|story|post|page|to)\b.*)?\s*[:!]?$",
        r"\bshare (this|on|via|with)\b",
        r"^share\b",
        r"\bsubscribe\b",
        r"\bsign up\b.*\b(newsletter|updates|alerts|free)\b",
        r"\bnewsletters?\b.*\b(sign|subscribe|inbox|delivered)\b",
        r"\bfollow (us|@|[a-z ]{0,20} on (twitter|x|facebook|instagram|telegram|whatsapp|google news))\b",
        r"\bjoin (us|our)\b",
        r"\b(whatsapp|telegram) (group|channel)\b",
        r"\b(leave|post|add|write|submit) a (reply|comment)\b",
        r"\bemail address will not be published\b",
        r"\brequired fields are marked\b",
        r"^back to top\b",
        r"^(read|see|view|load|show) (more|also|full|next|previous|all|comments)\b",
        r"^(also read|related|recommended|trending|most read|most popular|more from|more stories|more news|you may also like|you might also like|don't miss|popular|latest news|top stories)\b",
        r"^(advertisement|advertising|advert|sponsored|ad|ads)\s*[:.]?$",
        r"\bclick here\b",
        r"\bdownload (our|the) app\b",
        r"^(skip|jump) to (main )?(content|navigation)\b",
        r"^(log ?in|sign ?in|register|sign up|sign out|log ?out|my account)$",
        r"\bcookies?\b.*\b(accept|consent|policy|settings)\b",
        r"^(tags?|topics?|categories|category|filed under|keywords)\s*:",
        r"^all rights reserved\b",
        r"\ball rights reserved\.?$",
        r"^(next|previous|prev) (article|post|story)\b",
        r"^comments?\s*(\(\d+\))?$",
        r"^\d+\s+comments?$",
        r"^(close|menu|search|home|top|toggle navigation|main menu)$",
        r"^(facebook|twitter|x|linkedin|reddit|telegram|whatsapp|email|copy link|pinterest)(\s*[|/·,]?\s*(facebook|twitter|x|linkedin|reddit|telegram|whatsapp|email|copy link|pinterest))*$",
        r"\bnotifications?\b.*\b(enable|allow|turn on)\b",
        r"^(photo|image|video|watch|listen)\s*:\s*\S{0,40}$",
        r"^(image|photo|picture|slide)?\s*\d+\s*(of|/)\s*/?\s*\d+$",
        r"\((image|photo|picture|credit|foto)s?( credit)?\s*:[^)]*\)$",
        r"^(getty|getty images|shutterstock|istock|afp|reuters|ap|epa|alamy)( images| photo)?$",
        r"^image (caption|copyright)\b",
        r"^continue reading\b",
        r"^sharing is caring\b",
        r"^also on [a-z0-9.-]+\.[a-z]{2,}\b",
        r"^email the author$",
        // Hindi
        r"(जुड़ें|जुड़े|जुड़िए|सब्सक्राइब|फॉलो करें|शेयर करें|यह भी पढ़ें|और पढ़ें|ये भी पढ़ें)",
        // Spanish / Portuguese / Italian
        r"\b(compartir|comparte|suscr[ií]bete|s[ií]guenos|lee también|leer más|únete|compartilhe|inscreva-se|siga-nos|leia também|leia mais|condividi|iscriviti|seguici|leggi anche)\b",
        // French / German
        r"\b(partager|abonnez-vous|suivez-nous|à lire aussi|lire aussi|lire la suite|rejoignez|teilen|abonnieren|folgen sie uns|lesen sie auch|mehr zum thema|weiterlesen|jetzt anmelden)\b",
        // Russian / Ukrainian
        r"(поделиться|подпишитесь|подписывайтесь|читайте также|читать далее|присоединяйтесь|читайте нас|підписуйтесь|читайте також)",
        // Arabic / Turkish / Indonesian / Chinese
        r"(شارك|اشترك|تابعنا|اقرأ أيضا|اقرأ أيضًا|انضم|paylaş|abone ol|bizi takip|ayrıca oku|bagikan|berlangganan|ikuti kami|baca juga|分享|订阅|关注我们|相关阅读|相關閱讀)",
    ])
});

/// Paragraphs after which the article is over.
static END_MARKER: LazyLock<RegexSet> = LazyLock::new(|| {
    set(&[
        r"\b(leave|post|add|write|submit) a (reply|comment)\b",
        r"\bemail address will not be published\b",
        r"^back to top\b",
        r"^copyright disclaimer\b",
        r"^(related|related articles|related posts|related stories|more from|you may also like|you might also like)\s*:?$",
    ])
});

static DISCLAIMER: LazyLock<RegexSet> = LazyLock::new(|| {
    set(&[
        r"^copyright disclaimer\b",
        r"^disclaimer\s*[:：-]",
        r"\bsection 107 of the copyright act\b",
        r"\bfair use\b.*\bcopyright statute\b",
    ])
});

static URL_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:https?://\S+\s*)+$").expect("static regex"));

use crate::words;

fn is_label(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && words(t) <= 3
        && t.chars().count() <= 40
        && !t.ends_with(['.', '!', '?', ':', ',', ';', '"', '”', '»'])
}

/// A short promotional headline in capitals ("A LONG HISTORY OF FEUDS").
fn is_shouting(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 12
        && words(s) >= 3
        && words(s) <= 15
        && letters.iter().all(|c| !c.is_lowercase())
        && letters.iter().any(|c| c.is_uppercase())
}

fn is_hashtags(s: &str) -> bool {
    let mut n = 0;
    for w in s.split_whitespace() {
        if !w.starts_with('#') {
            return false;
        }
        n += 1;
    }
    n > 0
}

fn is_disclaimer(t: &str) -> bool {
    let lower = t.to_lowercase();
    (lower.contains("copyright") || lower.contains("disclaimer")) && DISCLAIMER.is_match(t)
}

/// Whether one paragraph, on its own, is boilerplate.
pub(crate) fn is_boilerplate(p: &str) -> bool {
    let t = p.trim();
    if t.is_empty() || is_hashtags(t) || URL_ONLY.is_match(t) || is_shouting(t) {
        return true;
    }
    let w = words(t);
    if w <= 15 && CTA.is_match(t) {
        return true;
    }
    w <= 150 && is_disclaimer(t)
}

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What cleaning found out besides removing lines.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// A shorter, cleaner form of the title seen repeated in the text.
    pub better_title: Option<String>,
}

/// Remove boilerplate paragraphs in place.
pub(crate) fn clean(paras: &mut Vec<String>, title: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let n = paras.len();
    let mut keep = vec![true; n];
    let ntitle = norm(title);

    let total_words: usize = paras.iter().map(|p| words(p)).sum();
    let mut words_before = 0;
    let mut after_end = false;
    for (i, p) in paras.iter().enumerate() {
        let before = words_before;
        words_before += words(p);
        let t = p.trim();
        let w = words(t);
        let np = norm(t);
        if after_end && w <= 12 {
            keep[i] = false;
            continue;
        }
        if (w <= 15 || (w <= 150 && is_disclaimer(t))) && END_MARKER.is_match(t) {
            // Only an end when most of the text is behind us.
            if before * 2 >= total_words {
                after_end = true;
            }
            keep[i] = false;
            continue;
        }
        if is_boilerplate(t) {
            keep[i] = false;
            continue;
        }
        // The title (or its core) repeated as a paragraph.
        if !ntitle.is_empty()
            && w >= 3
            && (np == ntitle || (ntitle.contains(&np) && w * 3 >= words(&ntitle)))
        {
            if np != ntitle && out.better_title.is_none() {
                out.better_title = Some(t.to_string());
            }
            keep[i] = false;
            continue;
        }
    }

    // Menus: runs of label lines.
    let mut i = 0;
    while i < n {
        if is_label(&paras[i]) {
            let mut j = i;
            let mut idx = Vec::new();
            let mut labels = 0;
            while j < n && (is_label(&paras[j]) || !keep[j]) {
                if keep[j] {
                    idx.push(j);
                }
                if is_label(&paras[j]) {
                    labels += 1;
                }
                j += 1;
            }
            let at_end = (j..n).all(|k| !keep[k]);
            if labels >= 4 || (at_end && idx.len() >= 2) {
                for k in idx {
                    keep[k] = false;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }

    let mut it = keep.iter();
    paras.retain(|_| *it.next().unwrap_or(&true));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ctas_in_many_languages() {
        for s in [
            "Share this article",
            "Subscribe to our newsletter",
            "Follow us on Telegram",
            "Join our WhatsApp group for updates",
            "देश दुनियां की खबरें पाने के लिए ग्रुप से जुड़ें,",
            "Suivez-nous sur Twitter",
            "Подписывайтесь на наш канал",
            "Lesen Sie auch: Die Lage in Berlin",
            "Advertisement",
            "#INA #INA_NEWS",
            "Leave a Reply",
            "Back to top button",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
        for s in [
            "The minister said the two countries would share intelligence on the border.",
            "Russia and Iran signed a treaty in January.",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn menus_and_tails() {
        let body = "A long paragraph of the article that says something of substance about events.";
        let mut p = v(&[
            body,
            body,
            "Leave a Reply",
            "Crime",
            "Business",
            "Political",
            "Long enough paragraph here",
        ]);
        clean(&mut p, "Title");
        assert_eq!(p, v(&[body, body]));
        let mut p = v(&[
            "Home",
            "World",
            "Sport",
            "Culture",
            body,
            "Subheading",
            body,
        ]);
        clean(&mut p, "Title");
        assert_eq!(p, v(&[body, "Subheading", body]));
    }

    #[test]
    fn repeated_title_gives_better_title() {
        let body = "A long paragraph of the article that says something of substance about events.";
        let mut p = v(&[body, "What does X want?", "Other", "Things"]);
        let c = clean(&mut p, "World News: What does X want? – SITE");
        assert_eq!(c.better_title.as_deref(), Some("What does X want?"));
        assert_eq!(p, v(&[body]));
    }
}
