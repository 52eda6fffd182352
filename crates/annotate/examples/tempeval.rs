//! Evaluation of the time tagger on TempEval-3 (TimeBank + AQUAINT, TBAQ-cleaned) and on the
//! MEANTIME English time expressions, scored as TempEval-3 scores timexes: extent precision,
//! recall and F1 (strict: same span; relaxed: overlapping spans, one-to-one), and over the
//! relaxed matches the type and value accuracy and attribute F1 (correct attribute / system
//! timexes, correct attribute / gold timexes). Also measures the speed of the time step.
//!
//! Usage: `cargo run -p attache-annotate --release --example tempeval -- [DATA_DIR] [--errors]`
//! (`--errors` lists misses `MISS`, false positives `FP`, wrong values `VAL` and matches whose
//! span differs from the gold one `EXT`, for the development sets only: MEANTIME's gm and stock
//! topics are held out; with the environment variable `TEMPEVAL_OK` set it lists the correct
//! values `OK` too; `--only=TimeBank|AQUAINT|MEANTIME|dev|development` restricts the run, `dev`
//! being TimeBank + AQUAINT and `development` every set but the held-out one)
//! (DATA_DIR defaults to `../shared/data`; the run is skipped when it is absent).

use std::path::{Path, PathBuf};
use std::time::Instant;

use attache_annotate::time::{Dct, infer_document_date, tag};
use attache_model::DatePrecision;

#[derive(Debug, Clone)]
struct Gold {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

struct DocData {
    name: String,
    text: String,
    dct: Dct,
    gold: Vec<Gold>,
    /// The text without its date line (MEANTIME's creation time is written in the text).
    undated: Option<String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')?;
    Some(&tag[i..i + j])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A TimeML file: the text inside <TEXT> with its TIMEX3 spans.
fn read_timeml(path: &Path) -> Option<DocData> {
    let s = std::fs::read_to_string(path).ok()?;
    let dct_at = s.find("<DCT>")?;
    let dct_tag = &s[dct_at + s[dct_at..].find("<TIMEX3")?..];
    let dct_v = attr(&dct_tag[..dct_tag.find('>')? + 1], "value")?;
    let dct = Dct::parse(dct_v.get(..10)?).ok()?;
    let body = &s[s.find("<TEXT>")? + 6..s.find("</TEXT>")?];
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let chunk = unescape(&rest[..lt]);
        nchars += chunk.chars().count();
        text.push_str(&chunk);
        let gt = rest[lt..].find('>')? + lt;
        let t = &rest[lt..=gt];
        if t.starts_with("<TIMEX3") {
            open = Some((
                nchars,
                attr(t, "type").unwrap_or("").to_string(),
                attr(t, "value").unwrap_or("").to_string(),
            ));
        } else if t.starts_with("</TIMEX3")
            && let Some((st, kind, value)) = open.take()
        {
            gold.push(Gold {
                start: st,
                end: nchars,
                kind,
                value,
            });
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    Some(DocData {
        name: path.file_name()?.to_string_lossy().into_owned(),
        text,
        dct,
        gold,
        undated: None,
    })
}

/// A MEANTIME CAT file: tokens joined into text, TIMEX3 markables by token anchors.
fn read_meantime(path: &Path) -> Option<DocData> {
    let s = std::fs::read_to_string(path).ok()?;
    // MEANTIME annotates the first sentences only (title, date line and about four more):
    // evaluate on the sentences that carry any markable.
    let token_sent: std::collections::HashMap<&str, usize> = s
        .match_indices("<token ")
        .filter_map(|(i, _)| {
            let t = &s[i..i + s[i..].find('>')?];
            Some((attr(t, "t_id")?, attr(t, "sentence")?.parse().ok()?))
        })
        .collect();
    let markables = &s[s.find("<Markables>").unwrap_or(0)..];
    let last_sentence = markables
        .match_indices("t_id=\"")
        .filter_map(|(k, _)| token_sent.get(markables[k + 6..].split('"').next()?))
        .max()
        .copied()?;
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut spans = std::collections::HashMap::new();
    let mut last_sent = None;
    let mut no_space_next = true;
    let mut rest = s.as_str();
    while let Some(i) = rest.find("<token ") {
        let gt = rest[i..].find('>')? + i;
        let t = &rest[i..=gt];
        let close = rest[gt..].find("</token>")? + gt;
        let word = unescape(&rest[gt + 1..close]);
        let id: usize = attr(t, "t_id")?.parse().ok()?;
        let sent = attr(t, "sentence").map(str::to_string);
        if sent
            .as_deref()
            .and_then(|x| x.parse::<usize>().ok())
            .is_some_and(|x| x > last_sentence)
        {
            break;
        }
        let new_sent = last_sent.is_some() && sent != last_sent;
        last_sent = sent;
        let attach = matches!(
            word.as_str(),
            "," | "." | ";" | ":" | "!" | "?" | ")" | "%" | "'s" | "n't" | "'"
        );
        if new_sent {
            text.push('\n');
            nchars += 1;
        } else if !no_space_next && !attach && !text.is_empty() {
            text.push(' ');
            nchars += 1;
        }
        let st = nchars;
        nchars += word.chars().count();
        text.push_str(&word);
        spans.insert(id, (st, nchars));
        no_space_next = matches!(word.as_str(), "(" | "$" | "``");
        rest = &rest[close..];
    }
    let mut dct = None;
    let mut dateline = None;
    let mut gold = Vec::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("<TIMEX3 ") {
        let gt = rest[i..].find('>')? + i;
        let t = &rest[i..=gt];
        let self_closing = t.ends_with("/>");
        let end = if self_closing {
            gt
        } else {
            rest[gt..].find("</TIMEX3>")? + gt
        };
        let inner = &rest[gt..end];
        let ids: Vec<usize> = inner
            .match_indices("t_id=\"")
            .filter_map(|(k, _)| inner[k + 6..].split('"').next()?.parse().ok())
            .collect();
        let creation = attr(t, "functionInDocument") == Some("CREATION_TIME");
        if creation {
            dct = attr(t, "value").and_then(|v| Dct::parse(v.get(..10).unwrap_or(v)).ok());
        }
        if creation
            && let (Some(a), Some(b)) = (ids.iter().min(), ids.iter().max())
            && let (Some(sa), Some(sb)) = (spans.get(a), spans.get(b))
        {
            dateline = Some((sa.0, sb.1));
        }
        if let (Some(a), Some(b)) = (ids.iter().min(), ids.iter().max())
            && let (Some(sa), Some(sb)) = (spans.get(a), spans.get(b))
        {
            gold.push(Gold {
                start: sa.0,
                end: sb.1,
                kind: attr(t, "type").unwrap_or("").to_string(),
                value: attr(t, "value").unwrap_or("").to_string(),
            });
        }
        rest = &rest[end..];
    }
    // the whole line that holds the creation time goes
    let undated = dateline.map(|(a, b)| {
        let chars: Vec<char> = text.chars().collect();
        let mut start = a;
        while start > 0 && chars[start - 1] != '\n' {
            start -= 1;
        }
        let mut end = b.min(chars.len());
        while end < chars.len() && chars[end] != '\n' {
            end += 1;
        }
        chars[..start]
            .iter()
            .chain(chars[(end + 1).min(chars.len())..].iter())
            .collect()
    });
    Some(DocData {
        name: path.file_name()?.to_string_lossy().into_owned(),
        text,
        undated,
        dct: dct?,
        gold,
    })
}

#[derive(Default)]
struct Score {
    docs: usize,
    gold: usize,
    sys: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl Score {
    fn add(&mut self, doc: &DocData, show: bool) {
        let sys = tag(&doc.text, Some(doc.dct));
        self.docs += 1;
        self.gold += doc.gold.len();
        self.sys += sys.len();
        let mut used = vec![false; sys.len()];
        let mut matched_sys = vec![false; sys.len()];
        // One-to-one matching: same spans first, then each remaining gold timex takes the
        // closest overlapping system one (MEANTIME nests a range's end points in the range, so
        // "2009" must meet the gold "2009" before the gold "from 2009 to 2011" can take it).
        let mut assigned: Vec<Option<usize>> = vec![None; doc.gold.len()];
        for (gi, g) in doc.gold.iter().enumerate() {
            if let Some(k) =
                (0..sys.len()).find(|&k| !used[k] && sys[k].start == g.start && sys[k].end == g.end)
            {
                used[k] = true;
                assigned[gi] = Some(k);
            }
        }
        for (gi, g) in doc.gold.iter().enumerate() {
            if assigned[gi].is_some() {
                continue;
            }
            let hit = (0..sys.len())
                .filter(|&k| !used[k] && sys[k].start < g.end && g.start < sys[k].end)
                .min_by_key(|&k| {
                    let s = &sys[k];
                    (s.start as i64 - g.start as i64).abs() + (s.end as i64 - g.end as i64).abs()
                });
            if let Some(k) = hit {
                used[k] = true;
                assigned[gi] = Some(k);
            }
        }
        for (gi, g) in doc.gold.iter().enumerate() {
            let hit = assigned[gi].map(|k| (k, &sys[k]));
            let gtext: String = doc
                .text
                .chars()
                .skip(g.start)
                .take(g.end - g.start)
                .collect();
            match hit {
                Some((k, s)) => {
                    matched_sys[k] = true;
                    self.relaxed += 1;
                    if s.start == g.start && s.end == g.end {
                        self.strict += 1;
                    } else if show {
                        println!(
                            "EXT  {}@{}\tgold {:?}\tsys {:?}",
                            doc.name, g.start, gtext, s.text
                        );
                    }
                    let v = s.value.clone().unwrap_or_default();
                    if s.kind.as_str() == g.kind {
                        self.type_ok += 1;
                    }
                    if v == g.value {
                        self.value_ok += 1;
                        if show && std::env::var_os("TEMPEVAL_OK").is_some() {
                            println!(
                                "OK   {}@{}\t{}\t{:?}\t{} {}",
                                doc.name,
                                g.start,
                                doc.dct.value().unwrap_or_default(),
                                s.text,
                                s.kind.as_str(),
                                v
                            );
                        }
                    } else if show {
                        println!(
                            "VAL  {}@{}\t{}\t{:?}\tgold {} {}\tsys {:?} {} {}",
                            doc.name,
                            g.start,
                            doc.dct.value().unwrap_or_default(),
                            gtext,
                            g.kind,
                            g.value,
                            s.text,
                            s.kind.as_str(),
                            v
                        );
                    }
                }
                None => {
                    if show {
                        println!(
                            "MISS {}@{}\t{}\t{:?}\t{} {}",
                            doc.name,
                            g.start,
                            doc.dct.value().unwrap_or_default(),
                            gtext,
                            g.kind,
                            g.value
                        );
                    }
                }
            }
        }
        if show {
            for (k, s) in sys.iter().enumerate() {
                if !matched_sys[k] {
                    println!(
                        "FP   {}@{}\t{:?}\t{} {}",
                        doc.name,
                        s.start,
                        s.text,
                        s.kind.as_str(),
                        s.value.clone().unwrap_or_default()
                    );
                }
            }
        }
    }

    fn row(&self, name: &str) -> String {
        let p = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let sp = p(self.strict, self.sys);
        let sr = p(self.strict, self.gold);
        let rp = p(self.relaxed, self.sys);
        let rr = p(self.relaxed, self.gold);
        let tf = f1(p(self.type_ok, self.sys), p(self.type_ok, self.gold));
        let vf = f1(p(self.value_ok, self.sys), p(self.value_ok, self.gold));
        format!(
            "| {name} | {} | {} | {} | {:.3} / {:.3} / **{:.3}** | {:.3} / {:.3} / **{:.3}** | {:.3} | {:.3} | {:.3} | **{:.3}** |",
            self.docs,
            self.gold,
            self.sys,
            sp,
            sr,
            f1(sp, sr),
            rp,
            rr,
            f1(rp, rr),
            p(self.type_ok, self.relaxed),
            tf,
            p(self.value_ok, self.relaxed),
            vf
        )
    }
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files(&p, ext));
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--errors");
    let only = args
        .iter()
        .find_map(|a| a.strip_prefix("--only="))
        .map(str::to_string);
    let data = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    let te3 = data.join("corpora/tempeval3-train/Training/TBAQ-cleaned");
    let mt = data.join("corpora/meantime-en/intra-doc_annotation");
    if !te3.is_dir() && !mt.is_dir() {
        println!("skipped: no corpora under {}", data.display());
        return;
    }
    let mut sets: Vec<(&str, Vec<DocData>)> = Vec::new();
    for (name, dir) in [
        ("TimeBank", te3.join("TimeBank")),
        ("AQUAINT", te3.join("AQUAINT")),
    ] {
        sets.push((
            name,
            files(&dir, "tml")
                .iter()
                .filter_map(|p| read_timeml(p))
                .collect(),
        ));
    }
    // MEANTIME's four topic corpora: airbus and apple are a development set, gm and stock are
    // held out (their errors are never listed).
    for (name, topics) in [
        (
            "MEANTIME airbus+apple (development)",
            ["corpus_airbus", "corpus_apple"],
        ),
        (
            "MEANTIME gm+stock (held out)",
            ["corpus_gm", "corpus_stock"],
        ),
    ] {
        sets.push((
            name,
            topics
                .iter()
                .flat_map(|t| files(&mt.join(t), "xml"))
                .filter_map(|p| read_meantime(&p))
                .collect(),
        ));
    }

    println!(
        "| corpus | docs | gold | system | strict P / R / F1 | relaxed P / R / F1 | type acc | type F1 | value acc | value F1 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut tbaq = Score::default();
    let mut meantime = Score::default();
    for (name, docs) in &sets {
        let held_out = name.ends_with("(held out)");
        let wanted = |o: &str| match o {
            "dev" => !name.starts_with("MEANTIME"),
            "development" => !held_out,
            _ => name.starts_with(o),
        };
        if only.as_deref().is_some_and(|o| !wanted(o)) {
            continue;
        }
        let mut s = Score::default();
        // The held-out set never lists its errors: it is for reporting, not for tuning.
        for d in docs {
            s.add(d, show && !held_out);
            if name.starts_with("MEANTIME") {
                meantime.add(d, false);
            } else {
                tbaq.add(d, false);
            }
        }
        println!("{}", s.row(name));
    }
    if tbaq.docs > 0 {
        println!("{}", tbaq.row("TimeBank + AQUAINT (development)"));
    }
    if meantime.docs > 0 {
        println!("{}", meantime.row("MEANTIME, all four topics"));
    }

    // Document dates from the text alone: each document's creation time hidden, inferred from
    // its own words, compared with the real one.
    println!(
        "\ndocument dates inferred from the text alone (creation time hidden):\n\n| corpus | docs | dated | same day | within 7 days | same month | same year | median error (days) |\n|---|---|---|---|---|---|---|---|"
    );
    let variants = sets.iter().flat_map(|(name, docs)| {
        let stripped = docs.iter().any(|d| d.undated.is_some());
        [(name.to_string(), docs, false)]
            .into_iter()
            .chain(stripped.then(|| (format!("{name}, date line removed"), docs, true)))
    });
    for (name, docs, strip) in variants {
        if only
            .as_deref()
            .is_some_and(|o| !name.starts_with(o) && o != "development")
        {
            continue;
        }
        let mut n = [0usize; 5];
        let mut errors: Vec<i64> = Vec::new();
        for d in docs {
            let text = if strip {
                d.undated.as_deref().unwrap_or(&d.text)
            } else {
                &d.text
            };
            let dd = infer_document_date(text, None);
            if show && !name.contains("(held out)") {
                println!(
                    "DATE {}\tgold {}\tinferred {:?} {:?}",
                    d.name,
                    d.dct.value().unwrap_or_default(),
                    dd.value,
                    dd.how
                );
            }
            let (Some(got), want) = (dd.date, d.dct.date) else {
                continue;
            };
            n[0] += 1;
            let diff = (got - want).get_days().abs() as i64;
            let day = dd.precision == DatePrecision::Day;
            if day && diff == 0 {
                n[1] += 1;
            }
            if day && diff <= 7 {
                n[2] += 1;
            }
            if matches!(dd.precision, DatePrecision::Day | DatePrecision::Month)
                && (got.year(), got.month()) == (want.year(), want.month())
            {
                n[3] += 1;
            }
            if got.year() == want.year() {
                n[4] += 1;
            }
            if day {
                errors.push(diff);
            }
        }
        errors.sort_unstable();
        let total = docs.len().max(1) as f64;
        let pct = |k: usize| format!("{:.1}%", 100.0 * k as f64 / total);
        println!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            docs.len(),
            pct(n[0]),
            pct(n[1]),
            pct(n[2]),
            pct(n[3]),
            pct(n[4]),
            errors
                .get(errors.len() / 2)
                .map_or("–".to_string(), |e| e.to_string())
        );
    }

    // Speed: the time step alone, over every document of all corpora, several passes.
    let all: Vec<&DocData> = sets.iter().flat_map(|(_, d)| d.iter()).collect();
    let chars: usize = all.iter().map(|d| d.text.chars().count()).sum();
    let mut rates = Vec::new();
    let mut n = 0usize;
    for _ in 0..7 {
        let t0 = Instant::now();
        for d in &all {
            n += tag(&d.text, Some(d.dct)).len();
        }
        let dt = t0.elapsed().as_secs_f64();
        rates.push(all.len() as f64 / dt);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    let med = rates[rates.len() / 2];
    println!(
        "\nspeed: {} documents ({:.0} chars avg), median of 7 passes: {:.0} documents/s, {:.1} MB/s (timexes: {})",
        all.len(),
        chars as f64 / all.len().max(1) as f64,
        med,
        med * chars as f64 / all.len().max(1) as f64 / 1e6,
        n / 7
    );
}
