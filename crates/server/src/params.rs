//! Query-string parameters: typed access with errors that name the parameter, and page sizes
//! capped rather than refused.

use std::collections::HashMap;

use attache_store::EventFilter;
use attache_store::analytics::{Bucket, GraphLevel};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::ApiError;

/// The largest page any endpoint returns.
pub const MAX_PAGE: usize = 500;
/// The page size when none is asked for.
pub const DEFAULT_PAGE: usize = 50;
/// The longest value any parameter may have.
const MAX_VALUE: usize = 1000;

/// The query string of a request, decoded. Repeated names keep the last value; empty values
/// count as absent (what an empty field of a web form sends).
#[derive(Debug, Clone, Default)]
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Params::parse(parts.uri.query().unwrap_or(""))
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let (Some(h), Some(l)) = (
                    b.get(i + 1).copied().and_then(hex),
                    b.get(i + 2).copied().and_then(hex),
                ) else {
                    return Err("malformed percent-encoding".into());
                };
                out.push(h * 16 + l);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "not valid UTF-8".to_string())
}

impl Params {
    pub fn parse(query: &str) -> Result<Self, ApiError> {
        let mut map = HashMap::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = decode(k).map_err(|e| ApiError::bad_request(format!("query string: {e}")))?;
            let v = decode(v).map_err(|e| ApiError::bad_parameter(&k, e))?;
            if v.len() > MAX_VALUE {
                return Err(ApiError::bad_parameter(
                    &k,
                    format!("longer than {MAX_VALUE} bytes"),
                ));
            }
            let v = v.trim().to_string();
            if v.is_empty() {
                map.remove(&k);
            } else {
                map.insert(k, v);
            }
        }
        Ok(Params(map))
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    pub fn string(&self, name: &str) -> Option<String> {
        self.str(name).map(str::to_string)
    }

    pub fn usize(&self, name: &str) -> Result<Option<usize>, ApiError> {
        self.str(name)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| ApiError::bad_parameter(name, "expected a non-negative integer"))
            })
            .transpose()
    }

    /// `limit`, defaulting to `default` and capped at [`MAX_PAGE`]; 0 is refused.
    pub fn limit(&self, default: usize) -> Result<usize, ApiError> {
        match self.usize("limit")? {
            Some(0) => Err(ApiError::bad_parameter("limit", "must be at least 1")),
            Some(n) => Ok(n.min(MAX_PAGE)),
            None => Ok(default),
        }
    }

    /// A date bound: a TimeML value prefix (`2025`, `2025-02`, `2025-02-26`, `2025-SP`).
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.str(name) else {
            return Ok(None);
        };
        let b = v.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        let ok = match b.len() {
            4 => digits(0..4),
            7 => digits(0..4) && b[4] == b'-' && b[5..7].iter().all(u8::is_ascii_alphanumeric),
            10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
            _ => false,
        };
        if ok {
            Ok(Some(v.to_ascii_uppercase()))
        } else {
            Err(ApiError::bad_parameter(
                name,
                format!("{v:?} is not a date like 2025, 2025-02 or 2025-02-26"),
            ))
        }
    }

    /// An actor code or name: letters, digits, spaces and a few punctuation marks.
    pub fn actor(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.str(name).map(|v| check_actor(name, v)).transpose()
    }

    /// A pair of actors `A,B` (or `A-B` when neither contains a comma).
    pub fn pair(&self, name: &str) -> Result<Option<(String, String)>, ApiError> {
        let Some(v) = self.str(name) else {
            return Ok(None);
        };
        let (a, b) = v
            .split_once(',')
            .or_else(|| v.split_once('-'))
            .ok_or_else(|| ApiError::bad_parameter(name, "expected two actors: SOURCE,TARGET"))?;
        Ok(Some((check_actor(name, a)?, check_actor(name, b)?)))
    }

    pub fn cameo(&self) -> Result<Option<String>, ApiError> {
        let Some(v) = self.str("cameo") else {
            return Ok(None);
        };
        if v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(v.to_string()))
        } else {
            Err(ApiError::bad_parameter(
                "cameo",
                "expected a CAMEO code or prefix of digits such as 04 or 042",
            ))
        }
    }

    /// The filters shared by event endpoints: actor, dyad, since, until, cameo, topic,
    /// document.
    pub fn event_filter(&self) -> Result<EventFilter, ApiError> {
        Ok(EventFilter {
            actor: self.actor("actor")?,
            dyad: self.pair("dyad")?,
            since: self.date("since")?,
            until: self.date("until")?,
            cameo: self.cameo()?,
            topic: self.string("topic"),
            document: self.string("document"),
            limit: None,
        })
    }

    pub fn bucket(&self) -> Result<Bucket, ApiError> {
        match self.str("bucket") {
            None | Some("day") => Ok(Bucket::Day),
            Some("week") => Ok(Bucket::Week),
            Some("month") => Ok(Bucket::Month),
            Some(_) => Err(ApiError::bad_parameter(
                "bucket",
                "expected day, week or month",
            )),
        }
    }

    pub fn level(&self) -> Result<GraphLevel, ApiError> {
        match self.str("level") {
            None | Some("country") => Ok(GraphLevel::Country),
            Some("actor") => Ok(GraphLevel::Actor),
            Some(_) => Err(ApiError::bad_parameter(
                "level",
                "expected country or actor",
            )),
        }
    }
}

fn check_actor(param: &str, v: &str) -> Result<String, ApiError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(ApiError::bad_parameter(param, "the actor is empty"));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(ApiError::bad_parameter(
            param,
            "the actor contains control characters",
        ));
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_validates() {
        let p = Params::parse("actor=RUS&since=2025-02&dyad=RUS%2CEGY&q=a+b&empty=").unwrap();
        assert_eq!(p.str("q"), Some("a b"));
        assert_eq!(p.str("empty"), None);
        let f = p.event_filter().unwrap();
        assert_eq!(f.dyad, Some(("RUS".into(), "EGY".into())));
        assert_eq!(f.since.as_deref(), Some("2025-02"));
        assert!(Params::parse("x=%zz").is_err());
        let e = Params::parse("since=yesterday")
            .unwrap()
            .event_filter()
            .unwrap_err();
        assert!(e.message.contains("since"), "{e}");
        let p = Params::parse("limit=100000000").unwrap();
        assert_eq!(p.limit(50).unwrap(), MAX_PAGE);
        assert!(Params::parse("limit=-1").unwrap().limit(50).is_err());
        assert!(Params::parse("limit=0").unwrap().limit(50).is_err());
        assert!(Params::parse("cameo=04'--").unwrap().cameo().is_err());
        assert!(Params::parse("bucket=year").unwrap().bucket().is_err());
    }
}
