//! Corpus readers and a seeded generator shared by the eval and bench examples.
#![allow(dead_code)]

use std::path::Path;

/// SplitMix64: a small reproducible PRNG.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// One Reuters-21578 story.
pub struct Reuters {
    pub newid: u32,
    pub title: String,
    /// The raw body text (entities decoded), `None` when the story has no BODY.
    pub body: Option<String>,
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(end) = after.find(';').filter(|&e| e <= 8) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let ent = &after[1..end];
        match ent {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            _ => {
                if let Some(n) = ent.strip_prefix('#').and_then(|n| n.parse::<u32>().ok()) {
                    if let Some(c) = char::from_u32(n).filter(|c| !c.is_control()) {
                        out.push(c);
                    }
                } else {
                    out.push_str(&after[..=end]);
                }
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

/// All stories of reut2-000.sgm … reut2-021.sgm (Latin-1), or an error message.
pub fn read_reuters(data: &Path) -> Result<Vec<Reuters>, String> {
    let dir = data.join("corpora/reuters21578");
    let mut out = Vec::new();
    for i in 0..22 {
        let p = dir.join(format!("reut2-{i:03}.sgm"));
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let s: String = bytes.iter().map(|&b| b as char).collect();
        let mut rest = s.as_str();
        while let Some(start) = rest.find("<REUTERS") {
            let Some(end) = rest[start..].find("</REUTERS>") else {
                break;
            };
            let rec = &rest[start..start + end];
            rest = &rest[start + end + 10..];
            let newid = between(rec, "NEWID=\"", "\"")
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let title = between(rec, "<TITLE>", "</TITLE>")
                .map(unescape)
                .unwrap_or_default();
            let body = between(rec, "<BODY>", "</BODY>").map(unescape);
            out.push(Reuters { newid, title, body });
        }
    }
    Ok(out)
}

/// One BBC article.
pub struct Bbc {
    pub category: String,
    pub file: String,
    pub title: String,
    pub body: String,
}

pub fn read_bbc(data: &Path) -> Result<Vec<Bbc>, String> {
    let dir = data.join("corpora/bbc-news-2225/bbc");
    let mut out = Vec::new();
    let mut cats: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    cats.sort();
    for cat in cats {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(&cat))
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|f| f.ends_with(".txt"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(dir.join(&cat).join(&f)).map_err(|e| e.to_string())?;
            let s: String = match String::from_utf8(bytes.clone()) {
                Ok(s) => s,
                Err(_) => bytes.iter().map(|&b| b as char).collect(),
            };
            let (title, body) = s.split_once('\n').unwrap_or((&s, ""));
            out.push(Bbc {
                category: cat.clone(),
                file: format!("{cat}/{f}"),
                title: title.trim().to_string(),
                body: body.trim().to_string(),
            });
        }
    }
    Ok(out)
}

/// Paragraphs of a text: blank-line separated (BBC) or indented (Reuters).
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if line.trim().is_empty() || (indented && !cur.is_empty()) {
            if !cur.trim().is_empty() {
                out.push(cur.trim().to_string());
            }
            cur.clear();
        }
        if !line.trim().is_empty() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(line.trim());
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Boilerplate of the kind aggregators add (seed 003: category menus, a call to join a group
/// in Hindi, a copyright disclaimer, a syndication credit, comment and navigation widgets).
pub const MENU: &[&str] = &[
    "Crime",
    "Social/Other",
    "Business",
    "Political",
    "Editorials",
    "Entertainment",
    "Festival",
    "Health",
    "International",
    "Opinion",
    "Sports",
    "Home",
    "World",
    "Tech",
    "Markets",
    "Video",
];

pub const BOILER: &[&str] = &[
    "देश दुनियां की खबरें पाने के लिए ग्रुप से जुड़ें,",
    "#INA #INA_NEWS #INANEWSAGENCY",
    "Copyright Disclaimer :-Under Section 107 of the Copyright Act 1976, allowance is made for “fair use” for purposes such as criticism, comment, news reporting, teaching, scholarship, and research.",
    "Fair use is a use permitted by copyright statute that might otherwise be infringing., educational or personal use tips the balance in favor of fair use.",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Back to top button",
    "Subscribe to our newsletter to get the latest news delivered straight to your inbox every morning.",
    "Follow us on Facebook, Twitter and Telegram for breaking news and live updates.",
    "Share this article: Facebook Twitter WhatsApp Telegram Email Print",
    "Suscríbete a nuestro boletín para recibir las últimas noticias.",
    "Подписывайтесь на наш канал в Telegram, чтобы быть в курсе главных новостей.",
    "Disclaimer: The views expressed in this article are those of the author and do not necessarily reflect the official policy of this website.",
    "Click here to download our app and never miss a story.",
    "Advertisement",
    "Join our WhatsApp group for the fastest updates on national and international news.",
    "All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Related Posts",
    "Trending now",
    "Sign up for free and get unlimited access to premium analysis from our correspondents.",
];

pub fn boilerplate(rng: &mut Rng, lines: usize) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..lines {
        if rng.below(3) == 0 {
            let n = 3 + rng.below(6);
            let menu: Vec<&str> = (0..n).map(|_| *rng.pick(MENU)).collect();
            out.push(menu.join("\n"));
        } else {
            out.push(rng.pick(BOILER).to_string());
        }
    }
    out
}
