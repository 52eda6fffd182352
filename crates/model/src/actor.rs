//! CAMEO-style actor codes: a country (ISO 3166-1 alpha-3) or a transnational root (IGO, NGO,
//! MNC...), optionally an organisation code after a transnational root, then any number of
//! three-letter sector codes. `EGYMIL` is Egypt's military, `IRNGOV` Iran's government,
//! `IGOBRICS` the BRICS group, `RUSGOVMIL` Russia's defence ministry.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A sector (role) code with its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sector {
    pub code: &'static str,
    pub label: &'static str,
}

/// Sector codes of the CAMEO manual (chapter 2, "role codes") and the Phoenix/PLOVER agents.
pub const SECTORS: &[Sector] = &[
    Sector {
        code: "GOV",
        label: "government",
    },
    Sector {
        code: "MIL",
        label: "military",
    },
    Sector {
        code: "REB",
        label: "rebels",
    },
    Sector {
        code: "OPP",
        label: "political opposition",
    },
    Sector {
        code: "PTY",
        label: "political party",
    },
    Sector {
        code: "COP",
        label: "police",
    },
    Sector {
        code: "JUD",
        label: "judiciary",
    },
    Sector {
        code: "SPY",
        label: "intelligence",
    },
    Sector {
        code: "MED",
        label: "media",
    },
    Sector {
        code: "EDU",
        label: "education",
    },
    Sector {
        code: "BUS",
        label: "business",
    },
    Sector {
        code: "CRM",
        label: "criminal",
    },
    Sector {
        code: "CVL",
        label: "civilians",
    },
    Sector {
        code: "HLH",
        label: "health",
    },
    Sector {
        code: "REF",
        label: "refugees",
    },
    Sector {
        code: "ELI",
        label: "elites",
    },
    Sector {
        code: "LAB",
        label: "labour",
    },
    Sector {
        code: "LEG",
        label: "legislature",
    },
    Sector {
        code: "AGR",
        label: "agriculture",
    },
    Sector {
        code: "ENV",
        label: "environment",
    },
    Sector {
        code: "HRI",
        label: "human rights",
    },
    Sector {
        code: "DEV",
        label: "development",
    },
    Sector {
        code: "UAF",
        label: "unaffiliated armed forces",
    },
    Sector {
        code: "INS",
        label: "insurgents",
    },
    Sector {
        code: "SEP",
        label: "separatists",
    },
    Sector {
        code: "RAD",
        label: "radicals",
    },
    Sector {
        code: "MOD",
        label: "moderates",
    },
    Sector {
        code: "REL",
        label: "religious",
    },
    Sector {
        code: "CHR",
        label: "Christian",
    },
    Sector {
        code: "MOS",
        label: "Muslim",
    },
    Sector {
        code: "JEW",
        label: "Jewish",
    },
    Sector {
        code: "BUD",
        label: "Buddhist",
    },
    Sector {
        code: "HIN",
        label: "Hindu",
    },
    Sector {
        code: "ETH",
        label: "ethnic group",
    },
    Sector {
        code: "SET",
        label: "settlers",
    },
    Sector {
        code: "NGO",
        label: "non-governmental organisation",
    },
    Sector {
        code: "IGO",
        label: "intergovernmental organisation",
    },
    Sector {
        code: "MNC",
        label: "multinational corporation",
    },
    Sector {
        code: "IMG",
        label: "international militarised group",
    },
    Sector {
        code: "JRN",
        label: "journalists",
    },
    Sector {
        code: "ATH",
        label: "athletes",
    },
    Sector {
        code: "UNK",
        label: "unknown",
    },
];

/// Roots that are not countries; an organisation code may follow them (`IGOUNO`, `IGOBRICS`).
pub const TRANSNATIONAL_ROOTS: &[&str] = &["IGO", "NGO", "MNC", "IMG", "NGM", "UIS", "INT"];

impl Sector {
    pub fn lookup(code: &str) -> Option<Sector> {
        SECTORS.iter().copied().find(|s| s.code == code)
    }
}

/// Why a string is not an actor code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActorCodeError {
    #[error("actor code is empty")]
    Empty,
    #[error("actor code {0:?} has characters other than A-Z and 0-9")]
    BadCharacter(String),
    #[error("actor code {0:?} is shorter than three letters")]
    TooShort(String),
    #[error("actor code {0:?} does not split into three-letter sector codes after its root")]
    BadSectors(String),
}

/// A parsed CAMEO-style actor code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode {
    /// Country code (ISO 3166-1 alpha-3, CAMEO's) or transnational root ("IGO").
    pub root: String,
    /// Organisation code after a transnational root ("UNO", "BRICS").
    pub org: Option<String>,
    /// Sector codes, outermost first ("GOV", "MIL").
    pub sectors: Vec<String>,
}

impl ActorCode {
    pub fn country(root: &str) -> Self {
        ActorCode {
            root: root.to_string(),
            org: None,
            sectors: Vec::new(),
        }
    }

    pub fn with_sector(mut self, sector: &str) -> Self {
        self.sectors.push(sector.to_string());
        self
    }

    pub fn is_transnational(&self) -> bool {
        TRANSNATIONAL_ROOTS.contains(&self.root.as_str())
    }

    /// The country code, when the root is a country.
    pub fn country_code(&self) -> Option<&str> {
        (!self.is_transnational()).then_some(self.root.as_str())
    }

    /// A human description: "EGY military", "IGO BRICS".
    pub fn describe(&self) -> String {
        let mut out = self.root.clone();
        if let Some(org) = &self.org {
            out.push(' ');
            out.push_str(org);
        }
        for s in &self.sectors {
            out.push(' ');
            out.push_str(Sector::lookup(s).map(|s| s.label).unwrap_or(s));
        }
        out
    }
}

fn split_sectors(rest: &str, known_only: bool) -> Option<Vec<String>> {
    if !rest.len().is_multiple_of(3) {
        return None;
    }
    let chunks: Vec<String> = (0..rest.len() / 3)
        .map(|i| rest[i * 3..i * 3 + 3].to_string())
        .collect();
    if known_only && !chunks.iter().all(|c| Sector::lookup(c).is_some()) {
        return None;
    }
    Some(chunks)
}

impl FromStr for ActorCode {
    type Err = ActorCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ActorCodeError::Empty);
        }
        if !s
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Err(ActorCodeError::BadCharacter(s.to_string()));
        }
        if s.len() < 3 {
            return Err(ActorCodeError::TooShort(s.to_string()));
        }
        let (root, rest) = s.split_at(3);
        let mut code = ActorCode::country(root);
        if rest.is_empty() {
            return Ok(code);
        }
        if code.is_transnational() {
            // The organisation code is the shortest prefix after which only known sectors remain.
            for k in 1..=rest.len() {
                if let Some(sectors) = split_sectors(&rest[k..], true) {
                    code.org = Some(rest[..k].to_string());
                    code.sectors = sectors;
                    return Ok(code);
                }
            }
            unreachable!("an empty remainder always splits");
        }
        code.sectors =
            split_sectors(rest, false).ok_or_else(|| ActorCodeError::BadSectors(s.to_string()))?;
        Ok(code)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)?;
        if let Some(org) = &self.org {
            f.write_str(org)?;
        }
        for s in &self.sectors {
            f.write_str(s)?;
        }
        Ok(())
    }
}

impl Serialize for ActorCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ActorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_both_ways() {
        for s in [
            "RUS",
            "EGYMIL",
            "IRNGOV",
            "RUSGOVMIL",
            "IGOBRICS",
            "IGOUNO",
            "IGOUNOGOV",
            "NGO",
        ] {
            let code: ActorCode = s.parse().unwrap();
            assert_eq!(code.to_string(), s);
        }
        let c: ActorCode = "EGYMIL".parse().unwrap();
        assert_eq!(c.root, "EGY");
        assert_eq!(c.sectors, vec!["MIL"]);
        assert_eq!(c.country_code(), Some("EGY"));
        assert_eq!(c.describe(), "EGY military");
        let c: ActorCode = "IGOBRICS".parse().unwrap();
        assert_eq!(c.org.as_deref(), Some("BRICS"));
        assert!(c.sectors.is_empty());
        assert_eq!(c.country_code(), None);
        let c: ActorCode = "IGOUNOGOV".parse().unwrap();
        assert_eq!(c.org.as_deref(), Some("UNO"));
        assert_eq!(c.sectors, vec!["GOV"]);
        assert_eq!(
            ActorCode::country("RUS").with_sector("GOV").to_string(),
            "RUSGOV"
        );
    }

    #[test]
    fn bad_codes_are_errors() {
        assert_eq!("".parse::<ActorCode>(), Err(ActorCodeError::Empty));
        assert!(matches!(
            "egy".parse::<ActorCode>(),
            Err(ActorCodeError::BadCharacter(_))
        ));
        assert!(matches!(
            "EG".parse::<ActorCode>(),
            Err(ActorCodeError::TooShort(_))
        ));
        assert!(matches!(
            "EGYMI".parse::<ActorCode>(),
            Err(ActorCodeError::BadSectors(_))
        ));
    }

    #[test]
    fn serde_uses_the_string_form() {
        let c: ActorCode = serde_json::from_str("\"IRNGOV\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"IRNGOV\"");
        assert!(serde_json::from_str::<ActorCode>("\"x\"").is_err());
    }
}
