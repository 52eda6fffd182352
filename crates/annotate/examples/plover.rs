//! Event coding evaluation.
//!
//! `cargo run -p attache-annotate --release --example plover -- [DATA]` (DATA defaults to
//! `../shared/data`) scores the coder on the PLOVER gold-standard records
//! (`events/plover/PLOVER_GSR_CAMEO.txt`) and on PETRARCH's unit-test records with their
//! validation dictionaries (`events/petrarch2/PETR.*`). `--text "SENTENCE"` codes one text and
//! prints its mentions and events (for development). Actors come from the entity module, as in
//! the pipeline (`sentences::split`, `EntityRecognizer::annotate`, `time::annotate`);
//! `--fallback` uses the Phoenix/NGEC dictionary stand-in instead. `-v` lists mismatches.
//! With `ATTACHE_TRACE_EVENTS=1` in the environment the coder also prints, on stderr, the
//! mentions after its own filling and each clause with its verb hits.

use std::collections::BTreeSet;
use std::path::Path;

use attache_annotate::entities::EntityRecognizer;
use attache_annotate::events::fallback_actors::FallbackActors;
use attache_annotate::events::{CodedEvent, CoderInput, EventCoder, split_sentences};
use attache_annotate::sentences;
use attache_annotate::time::{self, Dct};
use attache_model::{Entity, Event, Mention, Span};

/// Where the actor mentions come from.
enum Actors {
    /// The entity module, as the pipeline runs it.
    Entities(Box<EntityRecognizer>),
    /// The Phoenix/NGEC dictionary stand-in.
    Fallback(FallbackActors),
}

impl Actors {
    fn mentions(&self, text: &str, date: Option<&str>) -> (Vec<Span>, Vec<Mention>, Vec<Entity>) {
        match self {
            Actors::Entities(r) => {
                let sentences = sentences::split(text);
                let (m, e) = r.annotate(text, &sentences, date);
                (sentences, m, e)
            }
            Actors::Fallback(f) => {
                let sentences = split_sentences(text);
                let m = f.mentions(text, &sentences);
                (sentences, m, Vec::new())
            }
        }
    }
}

fn entity_actors() -> Actors {
    match EntityRecognizer::new() {
        Ok(r) => Actors::Entities(Box::new(r)),
        Err(e) => {
            eprintln!("the gazetteer does not load ({e}); using the fallback actors");
            Actors::Fallback(FallbackActors::new())
        }
    }
}

fn code_text(coder: &EventCoder, actors: &Actors, text: &str, dct: &str) -> Vec<Event> {
    code_detailed(coder, actors, text, dct)
        .into_iter()
        .map(|c| c.event)
        .collect()
}

fn code_detailed(coder: &EventCoder, actors: &Actors, text: &str, dct: &str) -> Vec<CodedEvent> {
    let t = time::annotate(text, Dct::parse(dct).ok());
    let (sentences, mentions, entities) = actors.mentions(text, t.date.value.as_deref());
    let input = CoderInput {
        document: "eval",
        text,
        sentences: &sentences,
        mentions: &mentions,
        entities: &entities,
        timexes: &t.timexes,
        date: t.date.value.as_deref(),
        date_precision: t.date.precision,
    };
    coder.code_detailed(&input)
}

/// The 2016 PLOVER draft event type the gold records use, for a CAMEO code.
///
/// The gold records are the CAMEO manual's examples relabelled with the draft's types, and the
/// draft kept one type per CAMEO root: 03 AGREE, 04 CONSULT, 05 SUPPORT, 06 COOPERATE, 07 AID,
/// 09 INVESTIGATE, 10 (and 02, appeals) DEMAND, 11 DISAPPROVE, 12 REJECT, 13 THREATEN,
/// 14 PROTEST, 15 MOBILIZE, 16 SANCTION, 17 COERCE, 18 ASSAULT, 19 FIGHT, 20 ASSAULT (no mass
/// violence type of its own); 08 YIELD is split into CONCEDE (080–083: easing restrictions,
/// acceding to demands) and RETREAT (084–087: returns and releases, easing sanctions, letting
/// in international involvement, de-escalating). CAMEO 01 (statements) has no PLOVER type.
/// The 2021 table (`CAMEO2PLOVER-2021.txt`, used for attache's own PLOVER fields) moved some
/// codes across types (163 sanctions → COERCE, 0813/0814 → RETREAT, 1712 → ASSAULT, 191/192 →
/// COERCE, 175 → ASSAULT); the draft did not.
fn plover2016(cameo: &str) -> Option<String> {
    let root = cameo.get(..2)?;
    Some(
        match root {
            "02" | "10" => "DEMAND",
            "03" => "AGREE",
            "04" => "CONSULT",
            "05" => "SUPPORT",
            "06" => "COOPERATE",
            "07" => "AID",
            "08" => match cameo.get(2..3) {
                Some("4" | "5" | "6" | "7") => "RETREAT",
                _ => "CONCEDE",
            },
            "09" => "INVESTIGATE",
            "11" => "DISAPPROVE",
            "12" => "REJECT",
            "13" => "THREATEN",
            "14" => "PROTEST",
            "15" => "MOBILIZE",
            "16" => "SANCTION",
            "17" => "COERCE",
            "18" | "20" => "ASSAULT",
            "19" => "FIGHT",
            _ => return None,
        }
        .to_string(),
    )
}

fn root(code: &str) -> String {
    code.chars().take(3).collect()
}

/// A gold actor root: three gold codes are not ISO 3166 / CAMEO codes but misspellings of one
/// (JAP Japan, ITL Italy, VTN Vietnam) and are read as the code they stand for.
fn gold_root(code: &str) -> String {
    match root(code).as_str() {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        "VTN" => "VNM".into(),
        r => r.to_string(),
    }
}

#[derive(Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn add<T: Ord>(&mut self, pred: &BTreeSet<T>, gold: &BTreeSet<T>) {
        let tp = pred.intersection(gold).count();
        self.tp += tp;
        self.fp += pred.len() - tp;
        self.fn_ += gold.len() - tp;
    }
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "| {name} | {p:.3} | {r:.3} | {f:.3} | {} | {} | {} |",
            self.tp, self.fp, self.fn_
        )
    }
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    match v.as_array() {
        Some(a) => a
            .iter()
            .filter_map(|x| x.get("code").and_then(|c| c.as_str()))
            .filter(|c| !c.is_empty())
            .map(gold_root)
            .collect(),
        None => Vec::new(),
    }
}

fn plover(data: &Path, verbose: bool, actors: &Actors) {
    let path = data.join("events/plover/PLOVER_GSR_CAMEO.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("skipped: {} not found", path.display());
        return;
    };
    let Ok(records) = serde_json::from_str::<Vec<serde_json::Value>>(&raw) else {
        println!("skipped: {} is not a JSON array", path.display());
        return;
    };
    let coder = EventCoder::new();
    let (mut ev, mut src, mut tgt, mut tri) = (
        Prf::default(),
        Prf::default(),
        Prf::default(),
        Prf::default(),
    );
    let mut n = 0;
    for r in &records {
        let Some(event) = r.get("event").and_then(|e| e.as_str()) else {
            continue;
        };
        if event == "DOCUMENT" {
            continue;
        }
        let Some(text) = r.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        n += 1;
        let gs = codes(&r["source"]);
        let gt = codes(&r["target"]);
        let mut gold_tri = BTreeSet::new();
        if gt.is_empty() {
            if gs.len() >= 2 {
                for a in &gs {
                    for b in &gs {
                        if a != b {
                            gold_tri.insert((a.clone(), b.clone(), event.to_string()));
                        }
                    }
                }
            } else {
                for a in &gs {
                    gold_tri.insert((a.clone(), "-".to_string(), event.to_string()));
                }
            }
        } else {
            for a in &gs {
                for b in &gt {
                    gold_tri.insert((a.clone(), b.clone(), event.to_string()));
                }
            }
        }
        // PLOVER codes the event the text states; the reverse that a reciprocal CAMEO code
        // implies (X visited Y → Y hosted X) is attache output but not a PLOVER record
        let events: Vec<Event> = code_detailed(&coder, actors, text, "2000-01-01")
            .into_iter()
            .filter(|c| !c.reciprocal)
            .map(|c| c.event)
            .collect();
        let mut p_ev = BTreeSet::new();
        let mut p_src = BTreeSet::new();
        let mut p_tgt = BTreeSet::new();
        let mut p_tri = BTreeSet::new();
        for e in &events {
            let Some(name) = plover2016(&e.cameo) else {
                continue;
            };
            let s = root(e.source.code.as_deref().unwrap_or("---"));
            let t = e
                .target
                .as_ref()
                .map(|t| root(t.code.as_deref().unwrap_or("---")))
                .unwrap_or("-".into());
            p_ev.insert(name.clone());
            p_src.insert(s.clone());
            p_tgt.insert(t.clone());
            p_tri.insert((s, t, name));
        }
        ev.add(&p_ev, &[event.to_string()].into_iter().collect());
        src.add(&p_src, &gs.iter().cloned().collect());
        let gtset: BTreeSet<String> = if gt.is_empty() && gs.len() >= 2 {
            gs.iter().cloned().collect()
        } else {
            gt.iter().cloned().collect()
        };
        tgt.add(&p_tgt, &gtset);
        tri.add(&p_tri, &gold_tri);
        if verbose && p_tri != gold_tri {
            println!(
                "- {text}\n    gold {gold_tri:?}\n    ours {p_tri:?} {:?}",
                events.iter().map(|e| &e.cameo).collect::<Vec<_>>()
            );
        }
    }
    println!("PLOVER gold standard records: {n}\n");
    println!("| measure | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|");
    println!("{}", ev.line("event type"));
    println!("{}", src.line("source actor"));
    println!("{}", tgt.line("target actor"));
    println!("{}", tri.line("(source, target, event)"));
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let k = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let rest = &tag[k..];
    Some(&rest[..rest.find('"')?])
}

fn petrarch(data: &Path, verbose: bool) {
    let dir = data.join("events/petrarch2");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let (Some(xml), Some(verbs), Some(actors), Some(agents)) = (
        read("PETR.UnitTest.records.xml"),
        read("PETR.Validate.verbs.txt"),
        read("PETR.Validate.actors.txt"),
        read("PETR.Validate.agents.txt"),
    ) else {
        println!(
            "skipped: PETRARCH unit-test files not found in {}",
            dir.display()
        );
        return;
    };
    let coder = EventCoder::with_verb_dictionaries(&[&verbs]);
    // the unit tests' fictional actors are only in their own dictionaries
    let actors = Actors::Fallback(FallbackActors::from_phoenix(&actors, &agents));
    let mut tri = Prf::default();
    let mut n = 0;
    let (mut no_ev, mut no_ev_ok) = (0, 0);
    for chunk in xml.split("<Sentence ").skip(1) {
        let Some(text) = chunk
            .split("<Text>")
            .nth(1)
            .and_then(|t| t.split("</Text>").next())
        else {
            continue;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        n += 1;
        let mut gold = BTreeSet::new();
        for ec in chunk.split("<EventCoding").skip(1) {
            let tag = ec.split('>').next().unwrap_or("");
            if let (Some(s), Some(t), Some(e)) = (
                attr(tag, "sourcecode"),
                attr(tag, "targetcode"),
                attr(tag, "eventcode"),
            ) {
                gold.insert((s.to_string(), t.to_string(), e.to_string()));
            }
        }
        let events = code_text(&coder, &actors, &text, "2000-01-01");
        let pred: BTreeSet<(String, String, String)> = events
            .iter()
            .map(|e| {
                (
                    e.source.code.clone().unwrap_or_default(),
                    e.target
                        .as_ref()
                        .and_then(|t| t.code.clone())
                        .unwrap_or_default(),
                    e.cameo.clone(),
                )
            })
            .collect();
        if gold.is_empty() {
            no_ev += 1;
            if pred.is_empty() {
                no_ev_ok += 1;
            }
        }
        tri.add(&pred, &gold);
        if verbose && pred != gold {
            println!("- {text}\n    gold {gold:?}\n    ours {pred:?}");
        }
    }
    println!(
        "\nPETRARCH unit-test records: {n} sentences ({no_ev} without events, {no_ev_ok} of them left uncoded)\n"
    );
    println!("| measure | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|");
    println!("{}", tri.line("(source, target, code), exact codes"));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fallback = args.iter().any(|a| a == "--fallback");
    if let Some(k) = args.iter().position(|a| a == "--text") {
        let text = args.get(k + 1).cloned().unwrap_or_default();
        let dct = args
            .get(k + 2)
            .cloned()
            .unwrap_or_else(|| "2025-11-21".into());
        let actors = if fallback {
            Actors::Fallback(FallbackActors::new())
        } else {
            entity_actors()
        };
        let t = time::annotate(&text, Dct::parse(&dct).ok());
        for m in actors.mentions(&text, t.date.value.as_deref()).1 {
            println!(
                "mention {:?} {:?} {:?} {:?}",
                m.text, m.kind, m.actor_code, m.country
            );
        }
        for x in &t.timexes {
            println!("timex {:?} {:?}", x.text, x.value);
        }
        for c in code_detailed(&EventCoder::new(), &actors, &text, &dct) {
            let e = &c.event;
            let action: String = text
                .chars()
                .skip(c.action_span.start)
                .take(c.action_span.end - c.action_span.start)
                .collect();
            println!(
                "{} [{action}] {} -> {} {} {:?} date={:?}/{} loc={:?} topics={:?} conf={:.2}",
                e.cameo,
                e.source.name,
                e.target.as_ref().map(|t| t.name.as_str()).unwrap_or("-"),
                e.dyad(),
                e.plover.event,
                e.date,
                e.date_precision.as_str(),
                e.location.as_ref().map(|l| &l.name),
                e.topics,
                e.confidence
            );
        }
        return;
    }
    let verbose = args.iter().any(|a| a == "-v");
    let data = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| "../shared/data".into());
    let data = Path::new(&data);
    let actors = if fallback {
        println!("actors: the Phoenix/NGEC dictionary fallback\n");
        Actors::Fallback(FallbackActors::new())
    } else {
        println!("actors: the entity module (as the pipeline)\n");
        entity_actors()
    };
    plover(data, verbose, &actors);
    petrarch(data, verbose);
}
