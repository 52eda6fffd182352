//! Topics of an event's sentence: attache's own list (below) plus the Phoenix issue categories
//! (`data/events/issues.tsv`, lowercased, `_` → `-`).
//!
//! attache's topics and the words that signal them (a word matches as a prefix):
//! military, military-technical, nuclear, energy, trade, investment, transport, culture,
//! humanitarian, security, terrorism, maritime, sanctions, mediation, diplomacy, economy,
//! health, migration, elections, human-rights, cyber, space, agriculture, finance.

use std::collections::HashMap;

const ISSUES_TSV: &str = include_str!("../../../../data/events/issues.tsv");

/// (topic, phrases); each phrase is lowercase words, the last matching as a prefix.
const TOPICS: &[(&str, &[&str])] = &[
    (
        "military",
        &[
            "military",
            "army",
            "armed forces",
            "troops",
            "defence",
            "defense",
            "naval",
            "navy",
            "air force",
            "warship",
            "exercise",
            "drills",
            "soldier",
            "missile",
            "weapon",
        ],
    ),
    (
        "military-technical",
        &[
            "military-technical",
            "military technical",
            "arms deal",
            "arms sale",
            "arms supplies",
            "weapons supplies",
            "defense industr",
            "defence industr",
            "fighter jet",
            "air defense system",
            "air defence system",
        ],
    ),
    (
        "nuclear",
        &[
            "nuclear",
            "uranium",
            "enrichment",
            "reactor",
            "atomic",
            "rosatom",
            "iaea",
        ],
    ),
    (
        "energy",
        &[
            "energy",
            "oil",
            "gas",
            "pipeline",
            "lng",
            "opec",
            "power plant",
            "electricity",
            "refiner",
            "crude",
        ],
    ),
    (
        "trade",
        &[
            "trade",
            "export",
            "import",
            "tariff",
            "customs",
            "commerce",
            "free trade",
        ],
    ),
    (
        "investment",
        &["investment", "invest", "investor", "fund", "capital"],
    ),
    (
        "transport",
        &[
            "transport",
            "corridor",
            "railway",
            "rail",
            "port",
            "shipping",
            "logistics",
            "north-south",
            "aviation",
            "airline",
            "flights",
        ],
    ),
    (
        "culture",
        &[
            "culture",
            "cultural",
            "education",
            "university",
            "tourism",
            "tourist",
            "museum",
            "humanitarian ties",
        ],
    ),
    (
        "humanitarian",
        &[
            "humanitarian",
            "aid",
            "relief",
            "refugee",
            "famine",
            "displaced",
        ],
    ),
    (
        "security",
        &[
            "security",
            "stability",
            "counter-terror",
            "intelligence",
            "border",
        ],
    ),
    (
        "terrorism",
        &["terror", "extremis", "militant", "jihad", "bomb"],
    ),
    (
        "maritime",
        &[
            "maritime", "sea", "naval", "navy", "strait", "gulf of", "red sea", "port", "ship",
        ],
    ),
    (
        "sanctions",
        &["sanction", "embargo", "blacklist", "asset freeze"],
    ),
    (
        "mediation",
        &[
            "mediat",
            "ceasefire",
            "truce",
            "peace talks",
            "negotiat",
            "settlement",
            "broker",
        ],
    ),
    (
        "diplomacy",
        &[
            "diplomat",
            "embassy",
            "ambassador",
            "foreign minist",
            "summit",
            "talks",
            "visit",
        ],
    ),
    (
        "economy",
        &["econom", "gdp", "inflation", "growth", "budget", "currency"],
    ),
    (
        "health",
        &[
            "health", "hospital", "vaccine", "epidemic", "pandemic", "disease",
        ],
    ),
    ("migration", &["migrant", "migration", "asylum", "deport"]),
    (
        "elections",
        &["election", "vote", "ballot", "poll", "referendum"],
    ),
    (
        "human-rights",
        &["human rights", "torture", "political prisoner"],
    ),
    ("cyber", &["cyber", "hack"]),
    ("space", &["space", "satellite", "cosmonaut", "astronaut"]),
    (
        "agriculture",
        &["agricultur", "grain", "wheat", "farm", "food security"],
    ),
    (
        "finance",
        &["bank", "loan", "debt", "credit", "financ", "payment"],
    ),
];

#[derive(Debug, Default)]
pub(crate) struct Topics {
    /// first word → (all words, prefix-match last word, topic)
    index: HashMap<String, Vec<(Vec<String>, bool, String)>>,
}

impl Topics {
    pub fn new() -> Self {
        let mut t = Topics::default();
        for (topic, phrases) in TOPICS {
            for p in *phrases {
                t.add(p, true, topic);
            }
        }
        for line in ISSUES_TSV.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((p, cat)) = line.split_once('\t') {
                let topic = cat.to_lowercase().replace('_', "-");
                t.add(p, false, &topic);
            }
        }
        t
    }

    fn add(&mut self, phrase: &str, prefix: bool, topic: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        if words.is_empty() || words.iter().any(|w| w.len() < 2) && words.len() == 1 {
            return;
        }
        if prefix && words.len() == 1 {
            // index prefixes under their first 3 chars
            let key: String = words[0].chars().take(3).collect();
            self.index
                .entry(format!("#{key}"))
                .or_default()
                .push((words, true, topic.to_string()));
            return;
        }
        let key = words[0].clone();
        self.index
            .entry(key)
            .or_default()
            .push((words, prefix, topic.to_string()));
    }

    /// Topics of the words `lower` (lowercase tokens), sorted and unique.
    pub fn of(&self, lower: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (i, w) in lower.iter().enumerate() {
            let k3: String = w.chars().take(3).collect();
            let short = format!("#{k3}");
            for key in [*w, short.as_str()] {
                let Some(list) = self.index.get(key) else {
                    continue;
                };
                for (words, prefix, topic) in list {
                    let n = words.len();
                    if i + n > lower.len() {
                        continue;
                    }
                    let ok = words.iter().enumerate().all(|(k, pw)| {
                        let tw = lower[i + k];
                        if k + 1 == n && *prefix {
                            tw.starts_with(pw.as_str())
                        } else {
                            tw == pw
                        }
                    });
                    if ok && !out.contains(topic) {
                        out.push(topic.clone());
                    }
                }
            }
        }
        out.sort();
        out
    }
}
