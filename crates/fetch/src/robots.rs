//! robots.txt (RFC 9309): parsing and matching, kept small and self-contained.
//!
//! Groups are chosen by our product token (`attache`), falling back to `*`; within the chosen
//! rules the longest matching pattern wins and `allow` wins a tie. Patterns support `*` and a
//! trailing `$`. `/robots.txt` itself is always allowed. `Crawl-delay` (not in the RFC, but
//! common) is read from the chosen group.

use std::time::Duration;

/// Only the first 512 KiB of a robots.txt are read (the RFC asks for at least 500 KiB).
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    allow: bool,
    pattern: String,
}

/// The rules of one robots.txt that apply to one product token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Robots {
    rules: Vec<Rule>,
    crawl_delay: Option<Duration>,
    /// Everything is disallowed (the server failed to serve robots.txt).
    disallow_all: bool,
}

impl Robots {
    /// No rules: everything is allowed (robots.txt absent, 4xx).
    pub fn allow_all() -> Self {
        Robots {
            rules: Vec::new(),
            crawl_delay: None,
            disallow_all: false,
        }
    }

    /// Everything is disallowed (robots.txt unreachable with a server error).
    pub fn disallow_all() -> Self {
        Robots {
            rules: Vec::new(),
            crawl_delay: None,
            disallow_all: true,
        }
    }

    /// Parses robots.txt text and keeps the rules for `product` (case-insensitive), else `*`.
    pub fn parse(body: &[u8], product: &str) -> Self {
        let body = &body[..body.len().min(MAX_ROBOTS_BYTES)];
        let text = String::from_utf8_lossy(body);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let product = product.to_ascii_lowercase();

        #[derive(Default)]
        struct Group {
            agents: Vec<String>,
            rules: Vec<Rule>,
            crawl_delay: Option<Duration>,
        }
        let mut groups: Vec<Group> = Vec::new();
        // Whether the current group is still collecting user-agent lines.
        let mut in_agents = false;

        for line in text.split(['\n', '\r']) {
            let line = match line.find('#') {
                Some(i) => &line[..i],
                None => line,
            };
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" | "useragent" | "user agent" => {
                    if !in_agents {
                        groups.push(Group::default());
                        in_agents = true;
                    }
                    if let Some(g) = groups.last_mut() {
                        g.agents.push(agent_token(value));
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    let Some(g) = groups.last_mut() else {
                        continue; // rules before any user-agent line belong to no group
                    };
                    if value.is_empty() {
                        continue; // an empty disallow allows everything: no rule
                    }
                    g.rules.push(Rule {
                        allow: key == "allow",
                        pattern: normalize_pattern(value),
                    });
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut()
                        && let Ok(secs) = value.parse::<f64>()
                        && secs.is_finite()
                        && secs >= 0.0
                    {
                        g.crawl_delay = Some(Duration::from_secs_f64(secs.min(86_400.0)));
                    }
                }
                // Sitemap and unknown keys are ignored.
                _ => {}
            }
        }

        let pick = |want: &str| {
            let mut rules = Vec::new();
            let mut delay = None;
            let mut found = false;
            for g in &groups {
                if g.agents.iter().any(|a| a == want) {
                    found = true;
                    rules.extend(g.rules.iter().cloned());
                    delay = delay.or(g.crawl_delay);
                }
            }
            found.then_some((rules, delay))
        };
        let (rules, crawl_delay) = pick(&product)
            .or_else(|| pick("*"))
            .unwrap_or((Vec::new(), None));
        Robots {
            rules,
            crawl_delay,
            disallow_all: false,
        }
    }

    /// Whether `path` (path and query of the URL, starting with `/`) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        if self.disallow_all {
            return false;
        }
        let path = normalize_pattern(path);
        let mut best: Option<(usize, bool)> = None;
        for rule in &self.rules {
            if glob_match(&rule.pattern, &path) {
                let len = rule.pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, rule.allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }

    /// Whether this stands for an unavailable robots.txt that disallows everything.
    pub fn is_disallow_all(&self) -> bool {
        self.disallow_all
    }

    /// The crawl delay the chosen group asks for, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        self.crawl_delay
    }
}

/// The product token of a user-agent line: `*` or the name before any `/` or space, lowercased.
fn agent_token(value: &str) -> String {
    let v = value.trim();
    let end = v
        .find(|c: char| c == '/' || c.is_whitespace())
        .unwrap_or(v.len());
    v[..end].to_ascii_lowercase()
}

/// Percent-encodes bytes outside printable ASCII and upper-cases existing escapes so that a
/// pattern written with raw UTF-8 matches a percent-encoded URL path and vice versa.
fn normalize_pattern(p: &str) -> String {
    let bytes = p.as_bytes();
    let mut out = String::with_capacity(p.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
            continue;
        }
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
        i += 1;
    }
    out
}

/// Matches a robots pattern (with `*` and an optional trailing `$`) against the start of `path`.
fn glob_match(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    if !path.starts_with(first) {
        return false;
    }
    let mut pos = first.len();
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() {
        return !anchored || pos == path.len();
    }
    let (last, middle) = rest.split_last().unwrap_or((&"", &[]));
    for seg in middle {
        match path[pos..].find(seg) {
            Some(i) => pos += i + seg.len(),
            None => return false,
        }
    }
    if anchored {
        path.len() >= pos + last.len() && path.ends_with(last)
    } else {
        path[pos..].contains(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# comment
User-agent: *
Disallow: /private/
Allow: /private/public.html
Disallow: /*.pdf$
Crawl-delay: 2

User-agent: attache
User-agent: otherbot
Disallow: /no-attache/
Allow: /no-attache/yes
Crawl-delay: 1.5

User-agent: badbot
Disallow: /
";

    #[test]
    fn picks_our_group_over_star() {
        let r = Robots::parse(SAMPLE.as_bytes(), "attache");
        assert!(!r.allowed("/no-attache/page"));
        assert!(r.allowed("/no-attache/yes/please"));
        // The `*` group does not apply when ours exists.
        assert!(r.allowed("/private/x"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_millis(1500)));
    }

    #[test]
    fn falls_back_to_star() {
        let r = Robots::parse(SAMPLE.as_bytes(), "somebot");
        assert!(!r.allowed("/private/x"));
        assert!(r.allowed("/private/public.html"));
        assert!(!r.allowed("/doc/file.pdf"));
        assert!(r.allowed("/doc/file.pdf?x=1"));
        assert!(r.allowed("/"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn agent_matching_is_case_insensitive_and_takes_the_token() {
        let r = Robots::parse(b"User-Agent: Attache/1.0\nDisallow: /x\n", "attache");
        assert!(!r.allowed("/x"));
        let r = Robots::parse(b"User-Agent: badbot\nDisallow: /\n", "attache");
        assert!(r.allowed("/anything"));
    }

    #[test]
    fn longest_match_wins_and_allow_wins_ties() {
        let r = Robots::parse(
            b"User-agent: *\nDisallow: /a\nAllow: /a/b\nDisallow: /a/b/c\nAllow: /t\nDisallow: /t\n",
            "attache",
        );
        assert!(!r.allowed("/a"));
        assert!(r.allowed("/a/b"));
        assert!(!r.allowed("/a/b/c/d"));
        assert!(r.allowed("/t"));
    }

    #[test]
    fn wildcards() {
        assert!(glob_match("/*/x", "/a/b/x"));
        assert!(glob_match("/a*", "/a"));
        assert!(glob_match("*", "/"));
        assert!(glob_match("/a$", "/a"));
        assert!(!glob_match("/a$", "/ab"));
        assert!(glob_match("/*.php$", "/x/y.php"));
        assert!(!glob_match("/*.php$", "/x/y.php5"));
        assert!(glob_match("/*.php", "/x/y.php5"));
        assert!(glob_match("/a*b*c$", "/aXbYbZc"));
        assert!(!glob_match("/a*b*c$", "/aXbYbZcd"));
        assert!(!glob_match("/abc", "/ab"));
        // Many stars stay linear.
        let pat = format!("/{}x$", "*a".repeat(200));
        let path = format!("/{}", "a".repeat(10_000));
        assert!(!glob_match(&pat, &path));
    }

    #[test]
    fn empty_and_broken_files() {
        assert!(Robots::parse(b"", "attache").allowed("/x"));
        assert!(Robots::parse(b"Disallow: /\n", "attache").allowed("/x"));
        assert!(Robots::parse(b"User-agent: *\nDisallow:\n", "attache").allowed("/x"));
        assert!(Robots::parse(&[0xff, 0xfe, 0x00, b'\n'], "attache").allowed("/x"));
        let r = Robots::parse(b"\xef\xbb\xbfUser-agent: *\r\nDisallow: /x\r\n", "attache");
        assert!(!r.allowed("/x/y"));
        assert!(Robots::disallow_all().allowed("/robots.txt"));
        assert!(!Robots::disallow_all().allowed("/x"));
    }

    #[test]
    fn percent_encoding_is_normalized() {
        let r = Robots::parse("User-agent: *\nDisallow: /café\n".as_bytes(), "attache");
        assert!(!r.allowed("/caf%C3%A9/menu"));
        assert!(!r.allowed("/caf%c3%a9"));
        assert!(r.allowed("/cafe"));
    }

    #[test]
    fn multiple_groups_for_the_same_agent_merge() {
        let r = Robots::parse(
            b"User-agent: attache\nDisallow: /a\n\nUser-agent: attache\nDisallow: /b\n",
            "attache",
        );
        assert!(!r.allowed("/a"));
        assert!(!r.allowed("/b"));
        assert!(r.allowed("/c"));
    }
}
