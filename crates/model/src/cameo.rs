//! The CAMEO event code table (label, QuadClass, Goldstein weight) and the CAMEO → PLOVER
//! mapping, both compiled in from `data/` (see `data/README.md` for their sources).

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

const CAMEO_TSV: &str = include_str!("../../../data/cameo/cameo-events.tsv");
const PLOVER_TXT: &str = include_str!("../../../data/plover/CAMEO2PLOVER-2021.txt");

/// The four QuadClasses of CAMEO/GDELT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: u8) -> Option<Self> {
        Some(match n {
            1 => QuadClass::VerbalCooperation,
            2 => QuadClass::MaterialCooperation,
            3 => QuadClass::VerbalConflict,
            4 => QuadClass::MaterialConflict,
            _ => return None,
        })
    }

    /// The QuadClass of a CAMEO root code (01–20).
    pub fn of_root(root: u8) -> Option<Self> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=13 => Some(QuadClass::VerbalConflict),
            14..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "verbal cooperation",
            QuadClass::MaterialCooperation => "material cooperation",
            QuadClass::VerbalConflict => "verbal conflict",
            QuadClass::MaterialConflict => "material conflict",
        }
    }
}

/// PLOVER event type, mode and context.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type; None for CAMEO 01 (public statements), which PLOVER does not code.
    pub event: Option<String>,
    pub mode: Option<String>,
    pub context: Option<String>,
}

/// One CAMEO event code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameoCode {
    pub code: &'static str,
    pub label: &'static str,
    pub quad_class: QuadClass,
    pub goldstein: f64,
}

struct Tables {
    codes: Vec<CameoCode>,
    by_code: HashMap<&'static str, usize>,
    plover: HashMap<&'static str, Plover>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut codes = Vec::new();
    for line in CAMEO_TSV.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(code), Some(quad), Some(gold), Some(label)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let (Ok(quad), Ok(goldstein)) = (quad.parse::<u8>(), gold.parse::<f64>()) else {
            continue;
        };
        let Some(quad_class) = QuadClass::from_number(quad) else {
            continue;
        };
        codes.push(CameoCode {
            code,
            label,
            quad_class,
            goldstein,
        });
    }
    let by_code = codes.iter().enumerate().map(|(i, c)| (c.code, i)).collect();
    Tables {
        codes,
        by_code,
        plover: parse_plover(PLOVER_TXT),
    }
});

fn parse_plover(text: &'static str) -> HashMap<&'static str, Plover> {
    let mut map = HashMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("~~~") {
            break;
        }
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let body = rest.split('#').next().unwrap_or("");
        let mut parts = body.split(',').map(str::trim);
        let event = parts.next().unwrap_or("").to_string();
        if event.is_empty() {
            continue;
        }
        let event = Some(event);
        let opt = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
        let mode = opt(parts.next());
        let context = opt(parts.next());
        map.entry(code).or_insert(Plover {
            event,
            mode,
            context,
        });
    }
    // PLOVER's REQUEST covers both CAMEO 10 (Demand) and CAMEO 02 (Appeal); the 2021 table only
    // lists the 10 branch, so appeals take the REQUEST event with the mode and context of the
    // corresponding demand code (021x ↔ 101x, 022 ↔ 102, ...).
    let demands: Vec<(&'static str, Plover)> = map
        .iter()
        .filter(|(code, _)| code.starts_with("10"))
        .map(|(code, p)| (*code, p.clone()))
        .collect();
    for (code, plover) in demands {
        let appeal: &'static str = APPEAL_CODES
            .iter()
            .copied()
            .find(|a| a[2..] == code[2..] && a.len() == code.len())
            .unwrap_or("");
        if !appeal.is_empty() {
            map.entry(appeal).or_insert(plover);
        }
    }
    map
}

/// CAMEO 02 (Appeal) codes; each pairs with the 10 (Demand) code of the same suffix.
const APPEAL_CODES: &[&str] = &[
    "02", "020", "021", "0211", "0212", "0213", "0214", "022", "023", "0231", "0232", "0233",
    "0234", "024", "0241", "0242", "0243", "0244", "025", "0251", "0252", "0253", "0254", "0255",
    "0256", "026", "027", "028",
];

impl CameoCode {
    /// The entry for an exact CAMEO code ("042", "0311", "19").
    pub fn lookup(code: &str) -> Option<CameoCode> {
        let t = &*TABLES;
        t.by_code.get(code).map(|&i| t.codes[i])
    }

    /// Every CAMEO code, in code order.
    pub fn all() -> &'static [CameoCode] {
        &TABLES.codes
    }

    /// The two-digit root ("04" for "042").
    pub fn root(&self) -> &'static str {
        &self.code[..2]
    }

    /// The PLOVER coding of this code: its own line in the mapping, else its parent's, else its
    /// root's.
    pub fn plover(&self) -> Plover {
        let t = &*TABLES;
        let mut code = self.code;
        loop {
            if let Some(p) = t.plover.get(code) {
                return p.clone();
            }
            if code.len() <= 2 {
                return Plover::default();
            }
            code = &code[..code.len() - 1];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete() {
        let all = CameoCode::all();
        assert_eq!(all.len(), 315);
        for root in 1..=20u8 {
            let code = format!("{root:02}");
            assert!(CameoCode::lookup(&code).is_some(), "root {code} missing");
        }
        for c in all {
            assert_eq!(
                QuadClass::of_root(c.root().parse().unwrap()),
                Some(c.quad_class),
                "{}",
                c.code
            );
            assert!((-10.0..=10.0).contains(&c.goldstein));
            assert!(!c.label.is_empty());
            if c.root() != "01" {
                assert!(c.plover().event.is_some(), "{} has no PLOVER event", c.code);
            }
        }
    }

    #[test]
    fn known_codes() {
        let visit = CameoCode::lookup("042").unwrap();
        assert_eq!(visit.label, "Make a visit");
        assert_eq!(visit.goldstein, 1.9);
        assert_eq!(visit.quad_class, QuadClass::VerbalCooperation);
        assert_eq!(
            visit.plover(),
            Plover {
                event: Some("CONSULT".into()),
                mode: Some("visit".into()),
                context: None
            }
        );
        let air = CameoCode::lookup("195").unwrap();
        assert_eq!(air.quad_class, QuadClass::MaterialConflict);
        assert_eq!(air.goldstein, -10.0);
        assert_eq!(air.plover().context.as_deref(), Some("military"));
        // 1951 is not in the mapping: it falls back to 195.
        let p = CameoCode::lookup("1951").unwrap().plover();
        assert_eq!(p.event.as_deref(), Some("ASSAULT"));
        assert_eq!(CameoCode::lookup("010").unwrap().plover().event, None);
        let appeal = CameoCode::lookup("0234").unwrap().plover();
        assert_eq!(appeal.event.as_deref(), Some("REQUEST"));
        assert_eq!(appeal.context.as_deref(), Some("peacekeeping"));
        assert_eq!(
            CameoCode::lookup("0312")
                .unwrap()
                .plover()
                .context
                .as_deref(),
            Some("military")
        );
        assert!(CameoCode::lookup("999").is_none());
    }
}
