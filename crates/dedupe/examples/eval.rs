//! Deduplication evaluation.
//!
//! `cargo run -p attache-dedupe --release --example eval -- ../shared/data`
//!
//! 1. Reuters-21578: the groups of identical bodies (gold), pairwise P/R/F1 over all stories.
//! 2. A generated near-duplicate benchmark (fixed seed) from BBC and Reuters articles:
//!    pairwise precision/recall per transformation, and false merges between different
//!    articles (same BBC category counted apart).
//! 3. The two seed articles: not merged with each other; each merged with a boilerplate copy.

mod common;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use attache_dedupe::{Config, Index, Verdict};
use attache_model::Document;
use common::*;

thread_local! {
    /// Every link of the last run: (document, copy of, Ĵ, Ĉ or -1 for a story merge).
    static LINKS: std::cell::RefCell<Vec<(usize, usize, f32, f32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct Dsu(Vec<usize>);
impl Dsu {
    fn new(n: usize) -> Self {
        Dsu((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Pairs (i<j) in the same group, from a group label per item (None: alone).
fn pairs(labels: &[Option<usize>]) -> HashSet<(usize, usize)> {
    let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in labels.iter().enumerate() {
        if let Some(l) = l {
            by.entry(*l).or_default().push(i);
        }
    }
    let mut out = HashSet::new();
    for v in by.values() {
        for a in 0..v.len() {
            for b in a + 1..v.len() {
                out.insert((v[a], v[b]));
            }
        }
    }
    out
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Insert documents in order; return predicted cluster labels (None for singletons) and the
/// verdicts.
fn run(cfg: &Config, docs: &[Document]) -> (Vec<Option<usize>>, Vec<Verdict>, f64) {
    let mut ix = Index::new(cfg.clone()).expect("valid config");
    let pos: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut dsu = Dsu::new(docs.len());
    LINKS.with(|l| l.borrow_mut().clear());
    let mut verdicts = Vec::with_capacity(docs.len());
    let t = Instant::now();
    for (i, d) in docs.iter().enumerate() {
        let v = ix.insert(d);
        if let Verdict::CopyOf { document, .. } = &v {
            dsu.union(i, pos[document.as_str()]);
        }
        if let Verdict::CopyOf {
            document,
            similarity,
            containment,
            ..
        } = &v
        {
            LINKS.with(|l| {
                l.borrow_mut()
                    .push((i, pos[document.as_str()], *similarity, *containment))
            });
        }
        for l in ix.take_merges() {
            let (a, b) = (pos[l.document.as_str()], pos[l.copy_of.as_str()]);
            dsu.union(a, b);
            LINKS.with(|x| x.borrow_mut().push((b, a, l.similarity, -1.0)));
        }
        verdicts.push(v);
    }
    let secs = t.elapsed().as_secs_f64();
    let mut size: HashMap<usize, usize> = HashMap::new();
    let roots: Vec<usize> = (0..docs.len()).map(|i| dsu.find(i)).collect();
    for &r in &roots {
        *size.entry(r).or_default() += 1;
    }
    let labels = roots.iter().map(|&r| (size[&r] > 1).then_some(r)).collect();
    (labels, verdicts, secs)
}

fn doc(id: String, title: &str, text: &str) -> Document {
    let mut d = Document::new(title, text);
    d.id = id;
    d
}

fn reuters_eval(cfg: &Config, stories: &[Reuters]) {
    println!("## 1. Reuters-21578 identical bodies");
    let mut gold_of: HashMap<&str, usize> = HashMap::new();
    let mut gold: Vec<Option<usize>> = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        gold.push(s.body.as_deref().map(|b| *gold_of.entry(b).or_insert(i)));
    }
    let mut count: HashMap<usize, usize> = HashMap::new();
    for g in gold.iter().flatten() {
        *count.entry(*g).or_default() += 1;
    }
    let gold: Vec<Option<usize>> = gold
        .into_iter()
        .map(|g| g.filter(|g| count[g] > 1))
        .collect();
    let groups: HashSet<usize> = gold.iter().flatten().copied().collect();
    let docs: Vec<Document> = stories
        .iter()
        .map(|s| {
            doc(
                format!("r{}", s.newid),
                &s.title,
                s.body.as_deref().unwrap_or(""),
            )
        })
        .collect();
    let (pred, verdicts, secs) = run(cfg, &docs);
    let gp = pairs(&gold);
    let pp = pairs(&pred);
    let tp = gp.intersection(&pp).count();
    let (p, r, f) = prf(tp, pp.len() - tp, gp.len() - tp);
    // Every gold group found whole?
    let mut found = 0;
    for g in &groups {
        let members: Vec<usize> = (0..gold.len()).filter(|&i| gold[i] == Some(*g)).collect();
        if members
            .iter()
            .all(|&i| pred[i].is_some() && pred[i] == pred[members[0]])
        {
            found += 1;
        }
    }
    // Predicted clusters joining two gold groups.
    let mut cross = 0;
    let mut by_pred: HashMap<usize, HashSet<usize>> = HashMap::new();
    for i in 0..pred.len() {
        if let (Some(pc), Some(g)) = (pred[i], gold[i]) {
            by_pred.entry(pc).or_default().insert(g);
        }
    }
    for v in by_pred.values() {
        if v.len() > 1 {
            cross += 1;
        }
    }
    let exact_links = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::CopyOf { exact: true, .. }))
        .count();
    let near_links = verdicts
        .iter()
        .filter(|v| matches!(v, Verdict::CopyOf { exact: false, .. }))
        .count();
    // Exact layer alone.
    let exact_pred: Vec<Option<usize>> = {
        let mut d = Dsu::new(docs.len());
        let pos: HashMap<&str, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        for (i, v) in verdicts.iter().enumerate() {
            if let Verdict::CopyOf {
                document,
                exact: true,
                ..
            } = v
            {
                d.union(i, pos[document.as_str()]);
            }
        }
        let roots: Vec<usize> = (0..docs.len()).map(|i| d.find(i)).collect();
        let mut size: HashMap<usize, usize> = HashMap::new();
        for &r in &roots {
            *size.entry(r).or_default() += 1;
        }
        roots.iter().map(|&r| (size[&r] > 1).then_some(r)).collect()
    };
    if std::env::var_os("SHOW").is_some() {
        let mut n = 0;
        for (i, v) in verdicts.iter().enumerate() {
            if let Verdict::CopyOf {
                document,
                exact: true,
                ..
            } = v
            {
                let j = docs.iter().position(|d| &d.id == document).unwrap_or(i);
                if n < 4 && !(gold[i].is_some() && gold[i] == gold[j]) {
                    n += 1;
                    println!(
                        "  extra exact: {:?} ~ {:?}",
                        &docs[i].text.chars().take(100).collect::<String>(),
                        &docs[j].text.chars().take(100).collect::<String>()
                    );
                }
            }
        }
    }
    let ep = pairs(&exact_pred);
    let etp = gp.intersection(&ep).count();
    let (ep_, er, ef) = prf(etp, ep.len() - etp, gp.len() - etp);
    println!(
        "stories {}, gold groups {} ({} stories, {} pairs); indexed in {:.2} s ({:.1} µs/doc)",
        docs.len(),
        groups.len(),
        gold.iter().flatten().count(),
        gp.len(),
        secs,
        secs * 1e6 / docs.len() as f64
    );
    println!(
        "gold groups found whole: {found}/{}; predicted clusters joining two gold groups: {cross}",
        groups.len()
    );
    println!("links: {exact_links} exact, {near_links} near");
    println!(
        "exact layer only : P {ep_:.4} R {er:.4} F1 {ef:.4} (predicted pairs {})",
        ep.len()
    );
    println!(
        "exact + near     : P {p:.4} R {r:.4} F1 {f:.4} (predicted pairs {})",
        pp.len()
    );
    // Near-duplicate pairs beyond the gold: how similar are they?
    let extra: Vec<(usize, usize)> = pp.difference(&gp).copied().collect();
    let mut hist = [0usize; 5];
    let mut shown = 0;
    for (i, v) in verdicts.iter().enumerate() {
        if let Verdict::CopyOf {
            document,
            similarity,
            containment,
            exact: false,
        } = v
        {
            let j = docs.iter().position(|d| &d.id == document).unwrap_or(i);
            if gold[i].is_some() && gold[i] == gold[j] {
                continue;
            }
            let _ = (i, j);
            let bucket = match similarity {
                s if *s >= 0.9 => 0,
                s if *s >= 0.8 => 1,
                s if *s >= 0.7 => 2,
                s if *s >= 0.5 => 3,
                _ => 4,
            };
            hist[bucket] += 1;
            if shown < 6 && std::env::var_os("SHOW").is_some() {
                shown += 1;
                println!(
                    "  extra link J {similarity:.2} C {containment:.2}: {} «{}» ~ {} «{}»",
                    docs[i].id,
                    docs[i]
                        .text
                        .chars()
                        .take(140)
                        .collect::<String>()
                        .replace('\n', " "),
                    docs[j].id,
                    docs[j]
                        .text
                        .chars()
                        .take(140)
                        .collect::<String>()
                        .replace('\n', " ")
                );
            }
        }
    }
    println!(
        "near links outside the gold groups: {} (pairs {}), by estimated Jaccard: ≥0.9 {}, 0.8–0.9 {}, 0.7–0.8 {}, 0.5–0.7 {}, <0.5 (containment) {}",
        hist.iter().sum::<usize>(),
        extra.len(),
        hist[0],
        hist[1],
        hist[2],
        hist[3],
        hist[4]
    );
}

const TRANSFORMS: &[&str] = &[
    "reformat",
    "retitle+trailer",
    "boilerplate",
    "truncate",
    "reorder",
    "drop",
    "reword",
    "preamble",
    "combined",
];

const SYN: &[(&str, &str)] = &[
    ("said", "stated"),
    ("also", "additionally"),
    ("big", "large"),
    ("rise", "increase"),
    ("but", "however"),
    ("company", "firm"),
    ("government", "administration"),
    ("people", "individuals"),
    ("new", "fresh"),
    ("year", "twelve months"),
    ("told", "informed"),
    ("will", "is set to"),
    ("about", "around"),
    ("more", "further"),
    ("because", "as"),
    ("show", "demonstrate"),
    ("help", "assist"),
    ("buy", "purchase"),
    ("start", "begin"),
];

fn reword(rng: &mut Rng, text: &str, rate: f64) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in text.split(' ') {
        if rng.unit() < rate {
            let bare = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if let Some((_, s)) = SYN.iter().find(|(a, _)| *a == bare) {
                out.push(w.to_lowercase().replace(&bare, s));
                continue;
            }
            match rng.below(3) {
                0 => continue,                        // drop a word
                1 => out.push(format!("{w} really")), // insert a word
                _ => {
                    out.push(w.to_string());
                    continue;
                }
            }
            continue;
        }
        out.push(w.to_string());
    }
    out.join(" ")
}

fn transform(
    rng: &mut Rng,
    kind: &str,
    title: &str,
    paras: &[String],
    others: &[String],
) -> (String, String) {
    let join = |p: &[String]| p.join("\n\n");
    match kind {
        "reformat" => {
            let t = join(paras).replace(". ", ".   ").replace(", ", " , ");
            (title.to_uppercase(), t.to_uppercase())
        }
        "retitle+trailer" => {
            let mut p = paras.to_vec();
            p.push(format!("This post was first published on {}, we have published it via RSS feed courtesy of Source link", rng.pick(&["RTNews.com", "Reuters", "BBC News"])));
            p.push("Related:".into());
            for _ in 0..4 {
                p.push(rng.pick(others).clone());
            }
            (format!("World News: {title} – Daily Digest"), join(&p))
        }
        "boilerplate" => {
            let mut p = boilerplate(rng, 4);
            p.extend(paras.iter().cloned());
            p.extend(boilerplate(rng, 6));
            (format!("{title} – INA NEWS"), join(&p))
        }
        "truncate" => {
            let all = join(paras);
            let words: Vec<&str> = all.split(' ').collect();
            let keep = ((0.4 + 0.4 * rng.unit()) * words.len() as f64) as usize;
            (
                title.to_string(),
                format!("{} … Read more", words[..keep.max(1)].join(" ")),
            )
        }
        "reorder" => {
            let mut p = paras.to_vec();
            rng.shuffle(&mut p);
            (title.to_string(), join(&p))
        }
        "drop" => {
            let mut p = paras.to_vec();
            let drop = (p.len() / 4).max(1).min(p.len().saturating_sub(1));
            for _ in 0..drop {
                let i = rng.below(p.len());
                p.remove(i);
            }
            (title.to_string(), join(&p))
        }
        "reword" => {
            let p: Vec<String> = paras.iter().map(|x| reword(rng, x, 0.08)).collect();
            (title.to_string(), join(&p))
        }
        "preamble" => {
            // A long preamble: an editor's note, teasers of other stories and boilerplate, as
            // long as the article itself.
            let len: usize = paras.iter().map(|p| p.split(' ').count()).sum();
            let mut pre: Vec<String> = vec![
                "Editor's note: the following report is republished in full for our readers."
                    .into(),
            ];
            let mut n = 0;
            while n < len {
                let x = if rng.below(2) == 0 {
                    rng.pick(others).clone()
                } else {
                    boilerplate(rng, 1).remove(0)
                };
                n += x.split(' ').count();
                pre.push(x);
            }
            pre.extend(paras.iter().cloned());
            (title.to_string(), join(&pre))
        }
        _ => {
            // combined: retitled, boilerplate, truncated to 60–90 %, lightly reworded.
            let all = join(paras);
            let words: Vec<&str> = all.split(' ').collect();
            let keep = ((0.6 + 0.3 * rng.unit()) * words.len() as f64) as usize;
            let body = reword(rng, &words[..keep.max(1)].join(" "), 0.04);
            let mut p = boilerplate(rng, 3);
            p.push(body);
            p.extend(boilerplate(rng, 4));
            (format!("Analysis: {title}"), join(&p))
        }
    }
}

/// Exact 5-word-shingle sets, to drop sources that are themselves near copies (independent of
/// the MinHash index).
fn exact_shingles(text: &str) -> HashSet<String> {
    let w: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    w.windows(5).map(|x| x.join(" ")).collect()
}

/// Exact 4-word-shingle sets (diagnostics).
fn shingles4(text: &str) -> HashSet<String> {
    let w: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    w.windows(4).map(|x| x.join(" ")).collect()
}

fn generated_eval(cfg: &Config, bbc: &[Bbc], reuters: &[Reuters], seed: u64) {
    println!("\n## 2. Generated near-duplicate benchmark (seed {seed})");
    let mut rng = Rng(seed);
    // Sources: all BBC articles and Reuters bodies of ≥ 150 words (1,500 sampled), minus exact
    // and near copies among them (true Jaccard ≥ 0.3 or containment ≥ 0.5 on exact shingles).
    let mut cands: Vec<(String, String, String, String)> = bbc
        .iter()
        .map(|b| {
            (
                format!("bbc:{}", b.file),
                b.category.clone(),
                b.title.clone(),
                b.body.clone(),
            )
        })
        .collect();
    let mut rs: Vec<&Reuters> = reuters
        .iter()
        .filter(|r| {
            r.body
                .as_deref()
                .is_some_and(|b| b.split_whitespace().count() >= 150)
        })
        .collect();
    rng.shuffle(&mut rs);
    for r in rs.into_iter().take(1500) {
        cands.push((
            format!("reuters:{}", r.newid),
            "reuters".into(),
            r.title.clone(),
            r.body.clone().unwrap_or_default(),
        ));
    }
    let sets: Vec<HashSet<String>> = cands.iter().map(|c| exact_shingles(&c.3)).collect();
    let mut inv: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut keep = vec![true; cands.len()];
    for (i, s) in sets.iter().enumerate() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for sh in s {
            for &j in inv.get(sh.as_str()).map(|v| v.as_slice()).unwrap_or(&[]) {
                *overlap.entry(j).or_default() += 1;
            }
        }
        let dup = overlap.iter().any(|(&j, &o)| {
            let (a, b) = (s.len().max(1), sets[j].len().max(1));
            let jac = o as f64 / (a + b - o) as f64;
            let con = o as f64 / a.min(b) as f64;
            keep[j] && (jac >= 0.3 || con >= 0.5)
        });
        if dup || s.len() < 20 {
            keep[i] = false;
            continue;
        }
        for sh in s {
            inv.entry(sh.as_str()).or_default().push(i);
        }
    }
    let sources: Vec<usize> = (0..cands.len()).filter(|&i| keep[i]).collect();
    println!(
        "sources: {} of {} candidates (BBC {}, Reuters {}) after dropping copies among them",
        sources.len(),
        cands.len(),
        sources.iter().filter(|&&i| cands[i].1 != "reuters").count(),
        sources.iter().filter(|&&i| cands[i].1 == "reuters").count()
    );
    // Teaser paragraphs of other stories for trailers and preambles.
    let others: Vec<String> = sources
        .iter()
        .map(|&i| {
            paragraphs(&cands[i].3)
                .into_iter()
                .next()
                .unwrap_or_default()
        })
        .collect();
    // Items: (document, source index, transform or None for the original).
    let mut items: Vec<(Document, usize, Option<usize>)> = Vec::new();
    for (si, &i) in sources.iter().enumerate() {
        let (id, _, title, body) = &cands[i];
        let paras = paragraphs(body);
        items.push((doc(id.clone(), title, &paras.join("\n\n")), si, None));
        let a = rng.below(TRANSFORMS.len());
        let b = (a + 1 + rng.below(TRANSFORMS.len() - 1)) % TRANSFORMS.len();
        for t in [a, b] {
            let (tt, tx) = transform(&mut rng, TRANSFORMS[t], title, &paras, &others);
            items.push((
                doc(format!("{id}#{}", TRANSFORMS[t]), &tt, &tx),
                si,
                Some(t),
            ));
        }
    }
    rng.shuffle(&mut items);
    let docs: Vec<Document> = items.iter().map(|x| x.0.clone()).collect();
    let (pred, _verdicts, secs) = run(cfg, &docs);
    let gold: Vec<Option<usize>> = items.iter().map(|x| Some(x.1)).collect();
    let gp = pairs(&gold);
    let pp = pairs(&pred);
    let tp = gp.intersection(&pp).count();
    let (p, r, f) = prf(tp, pp.len() - tp, gp.len() - tp);
    println!(
        "documents {} ({:.1} µs/doc); gold pairs {}, predicted pairs {}",
        docs.len(),
        secs * 1e6 / docs.len() as f64,
        gp.len(),
        pp.len()
    );
    println!("overall pairwise: P {p:.4} R {r:.4} F1 {f:.4}");
    // Per transformation: pairs (original, copy) and (copy, anything).
    println!(
        "| transformation | copies | recall (copy ~ original) | precision (pairs with the copy) |"
    );
    println!("|---|---:|---:|---:|");
    let orig_of: HashMap<usize, usize> = items
        .iter()
        .enumerate()
        .filter(|(_, x)| x.2.is_none())
        .map(|(i, x)| (x.1, i))
        .collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, l) in pred.iter().enumerate() {
        if let Some(l) = l {
            members.entry(*l).or_default().push(i);
        }
    }
    for (t, name) in TRANSFORMS.iter().enumerate() {
        let copies: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].2 == Some(t))
            .collect();
        let found = copies
            .iter()
            .filter(|&&i| {
                let o = orig_of[&items[i].1];
                pred[i].is_some() && pred[i] == pred[o]
            })
            .count();
        let (mut good, mut all) = (0usize, 0usize);
        for &i in &copies {
            if let Some(l) = pred[i] {
                for &j in &members[&l] {
                    if j != i {
                        all += 1;
                        good += usize::from(items[j].1 == items[i].1);
                    }
                }
            }
        }
        println!(
            "| {name} | {} | {:.4} | {:.4} |",
            copies.len(),
            found as f64 / copies.len().max(1) as f64,
            if all == 0 {
                1.0
            } else {
                good as f64 / all as f64
            }
        );
    }
    if std::env::var_os("DIAG").is_some() {
        let ix = Index::new(cfg.clone()).expect("config");
        let mut below = vec![0usize; TRANSFORMS.len()];
        let mut lsh_miss = vec![0usize; TRANSFORMS.len()];
        for i in 0..items.len() {
            let Some(t) = items[i].2 else { continue };
            let o = orig_of[&items[i].1];
            if pred[i].is_some() && pred[i] == pred[o] {
                continue;
            }
            let (a, b) = (ix.fingerprint(&docs[i].text), ix.fingerprint(&docs[o].text));
            let mut two = Index::new(cfg.clone()).expect("config");
            two.insert(&docs[o]);
            let eq = a
                .signature
                .iter()
                .zip(&b.signature)
                .filter(|(x, y)| x == y)
                .count() as f32
                / 128.0;
            let c = eq * (a.shingles + b.shingles) as f32
                / ((1.0 + eq) * a.shingles.min(b.shingles) as f32);
            if two.check(&docs[i]).is_copy() {
                lsh_miss[t] += 1;
            } else {
                below[t] += 1;
                if below[t] <= 3 {
                    println!(
                        "  below {}: J {eq:.2} C {c:.2} sizes {} {}",
                        TRANSFORMS[t], a.shingles, b.shingles
                    );
                }
            }
        }
        println!("missed by LSH or bucket cap: {lsh_miss:?}; below thresholds: {below:?}");
    }
    // False merges between different articles.
    let (mut same_cat, mut other) = (0, 0);
    for &(a, b) in pp.difference(&gp) {
        let (ca, cb) = (&cands[sources[items[a].1]].1, &cands[sources[items[b].1]].1);
        if ca == cb { same_cat += 1 } else { other += 1 }
    }
    if std::env::var_os("SHOW").is_some() {
        let links = LINKS.with(|l| l.borrow().clone());
        for (a, b, j, c) in links {
            if items[a].1 != items[b].1 {
                let fa = Index::new(cfg.clone())
                    .expect("config")
                    .fingerprint(&docs[a].text);
                let fb = Index::new(cfg.clone())
                    .expect("config")
                    .fingerprint(&docs[b].text);
                let (sa, sb) = (shingles4(&docs[a].text), shingles4(&docs[b].text));
                let inter = sa.intersection(&sb).count() as f64;
                println!(
                    "  false link: {} ~ {} J {j:.2} C {c:.2} sizes {} {}; true J {:.2} C {:.2}",
                    items[a].0.id,
                    items[b].0.id,
                    fa.shingles,
                    fb.shingles,
                    inter / (sa.len() as f64 + sb.len() as f64 - inter).max(1.0),
                    inter / sa.len().min(sb.len()).max(1) as f64
                );
            }
        }
    }
    println!(
        "false-merge pairs between different articles: same topic (same BBC category / Reuters) {same_cat}, different topic {other}"
    );
}

fn seeds_eval(cfg: &Config, data: &std::path::Path) {
    println!("\n## 3. Seeds");
    let dir = data.join("seeds");
    let mut seeds = Vec::new();
    for name in ["000_6d70f838b76d5134.txt", "003_d24e86801bbec4fb.txt"] {
        let Ok(s) = std::fs::read_to_string(dir.join(name)) else {
            println!("seeds absent: skipped");
            return;
        };
        let (t, b) = s.split_once('\n').unwrap_or((&s, ""));
        seeds.push(doc(name.to_string(), t.trim(), b));
    }
    let mut rng = Rng(3);
    let mut ok = true;
    let mut ix = Index::new(cfg.clone()).expect("config");
    ix.insert(&seeds[0]);
    let v = ix.check(&seeds[1]);
    println!("seed 003 against seed 000: {v:?}");
    ok &= v == Verdict::New;
    for s in &seeds {
        let mut p = boilerplate(&mut rng, 5);
        p.push(s.text.clone());
        p.extend(boilerplate(&mut rng, 8));
        let copy = doc(
            format!("{}#copy", s.id),
            &format!("World News: {} – INA NEWS", s.title),
            &p.join("\n\n"),
        );
        let mut ix = Index::new(cfg.clone()).expect("config");
        for d in &seeds {
            ix.insert(d);
        }
        let v = ix.check(&copy);
        println!("copy of {} with seed-003 boilerplate: {v:?}", s.id);
        ok &= matches!(&v, Verdict::CopyOf { document, .. } if *document == s.id);
        // The other order: the copy first.
        let mut ix = Index::new(cfg.clone()).expect("config");
        ix.insert(&copy);
        let v = ix.check(s);
        ok &= matches!(&v, Verdict::CopyOf { document, .. } if *document == copy.id);
    }
    println!("seed checks: {}", if ok { "PASS" } else { "FAIL" });
}

fn main() {
    let data = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    if !data.join("corpora").is_dir() {
        println!("no data at {}: skipped", data.display());
        return;
    }
    let mut cfg = Config::default();
    // Overrides for parameter studies (documented in docs/EVALUATION.md).
    let env = |k: &str| std::env::var(k).ok();
    if let Some(v) = env("DEDUPE_K").and_then(|v| v.parse().ok()) {
        cfg.word_shingle = v;
    }
    if let Some(v) = env("DEDUPE_J").and_then(|v| v.parse().ok()) {
        cfg.jaccard_threshold = v;
    }
    if let Some(v) = env("DEDUPE_C").and_then(|v| v.parse().ok()) {
        cfg.containment_threshold = v;
    }
    if let Some(v) = env("DEDUPE_MINJ").and_then(|v| v.parse().ok()) {
        cfg.containment_min_jaccard = v;
    }
    if let Some(v) = env("DEDUPE_BANDS").and_then(|v| v.parse().ok()) {
        cfg.bands = v;
    }
    if let Some(v) = env("DEDUPE_ROWS").and_then(|v| v.parse().ok()) {
        cfg.rows = v;
    }
    if let Some(v) = env("DEDUPE_BOILER").and_then(|v| v.parse().ok()) {
        cfg.boilerplate_min_docs = v;
    }
    // Generator seeds (comma list): 20250226 is the development seed the defaults were chosen
    // on; other seeds draw other sources, transformations and orders (held-out checks).
    let seeds: Vec<u64> = env("SEEDS")
        .unwrap_or_else(|| "20250226".into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    println!("config: {cfg:?}\n");
    let reuters = match read_reuters(&data) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let bbc = match read_bbc(&data) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    reuters_eval(&cfg, &reuters);
    for seed in seeds {
        generated_eval(&cfg, &bbc, &reuters, seed);
    }
    seeds_eval(&cfg, &data);
}
