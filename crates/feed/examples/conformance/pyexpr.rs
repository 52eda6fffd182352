//! A small evaluator for the Python expressions of feedparser's `Expect:` lines.
//!
//! Supports `not/and/or`, `==`/`!=` (chained), `is [not] None/True/False`, `in`, `+`, subscripts,
//! attribute access, `.get()`, `.has_key()`, `len()`, `ord()`, string/number/tuple/list/dict
//! literals. Anything else (and any key the parser does not produce) is reported as out of
//! scope rather than as a failure.

use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
pub enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<V>),
    Dict(Vec<(String, V)>),
}

impl V {
    pub fn truthy(&self) -> bool {
        match self {
            V::None => false,
            V::Bool(b) => *b,
            V::Int(i) => *i != 0,
            V::Float(f) => *f != 0.0,
            V::Str(s) => !s.is_empty(),
            V::List(l) => !l.is_empty(),
            V::Dict(d) => !d.is_empty(),
        }
    }
    pub fn get(&self, k: &str) -> Option<&V> {
        match self {
            V::Dict(d) => d.iter().find(|(kk, _)| kk == k).map(|(_, v)| v),
            _ => None,
        }
    }
}

fn eq(a: &V, b: &V) -> bool {
    match (a, b) {
        (V::Int(x), V::Float(y)) | (V::Float(y), V::Int(x)) => (*x as f64) == *y,
        (V::Bool(x), V::Int(y)) | (V::Int(y), V::Bool(x)) => (*x as i64) == *y,
        (V::List(x), V::List(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| eq(a, b)),
        (V::Dict(x), V::Dict(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| b.get(k).is_some_and(|w| eq(v, w)))
        }
        _ => a == b,
    }
}

/// Why an expression could not be decided.
#[derive(Debug)]
pub enum Outcome {
    /// Evaluated (true = the expectation holds).
    Done(bool),
    /// Uses something the parser does not model.
    OutOfScope(String),
    /// A key the parser models was missing, or a type error.
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Str(String),
    Int(i64),
    Float(f64),
    Op(&'static str),
}

fn lex(s: &str) -> Result<Vec<Tok>, String> {
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
            continue;
        }
        // String literal with optional prefix.
        let mut j = i;
        let mut raw = false;
        while j < c.len() && j - i < 2 && matches!(c[j], 'u' | 'U' | 'r' | 'R' | 'b' | 'B') {
            if matches!(c[j], 'r' | 'R') {
                raw = true;
            }
            j += 1;
        }
        if j < c.len()
            && (c[j] == '\'' || c[j] == '"')
            && (j == i || !c[i].is_alphanumeric() || j > i)
        {
            let q = c[j];
            let triple = j + 2 < c.len() && c[j + 1] == q && c[j + 2] == q;
            let mut k = if triple { j + 3 } else { j + 1 };
            let mut val = String::new();
            loop {
                if k >= c.len() {
                    return Err("unterminated string".into());
                }
                if triple {
                    if k + 2 < c.len() && c[k] == q && c[k + 1] == q && c[k + 2] == q {
                        k += 3;
                        break;
                    }
                } else if c[k] == q {
                    k += 1;
                    break;
                }
                if c[k] == '\\' && !raw && k + 1 < c.len() {
                    let e = c[k + 1];
                    k += 2;
                    match e {
                        'n' => val.push('\n'),
                        't' => val.push('\t'),
                        'r' => val.push('\r'),
                        '0' => val.push('\0'),
                        '\\' => val.push('\\'),
                        '\'' => val.push('\''),
                        '"' => val.push('"'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let hex: String = c[k..(k + n).min(c.len())].iter().collect();
                            let v = u32::from_str_radix(&hex, 16).map_err(|_| "bad escape")?;
                            val.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                            k += n;
                        }
                        other => {
                            val.push('\\');
                            val.push(other);
                        }
                    }
                    continue;
                }
                if c[k] == '\\' && raw && k + 1 < c.len() {
                    val.push('\\');
                    val.push(c[k + 1]);
                    k += 2;
                    continue;
                }
                val.push(c[k]);
                k += 1;
            }
            // Adjacent literals concatenate.
            if let Some(Tok::Str(prev)) = out.last_mut() {
                prev.push_str(&val);
            } else {
                out.push(Tok::Str(val));
            }
            i = k;
            continue;
        }
        if ch.is_ascii_digit() {
            let mut k = i;
            while k < c.len() && (c[k].is_ascii_digit() || c[k] == '.') {
                k += 1;
            }
            let t: String = c[i..k].iter().collect();
            out.push(if t.contains('.') {
                Tok::Float(t.parse().map_err(|_| "bad number")?)
            } else {
                Tok::Int(t.parse().map_err(|_| "bad number")?)
            });
            i = k;
            continue;
        }
        if ch.is_alphabetic() || ch == '_' {
            let mut k = i;
            while k < c.len() && (c[k].is_alphanumeric() || c[k] == '_') {
                k += 1;
            }
            out.push(Tok::Name(c[i..k].iter().collect()));
            i = k;
            continue;
        }
        let two: String = c[i..(i + 2).min(c.len())].iter().collect();
        let op = match two.as_str() {
            "==" => Some("=="),
            "!=" => Some("!="),
            "<=" => Some("<="),
            ">=" => Some(">="),
            _ => None,
        };
        if let Some(op) = op {
            out.push(Tok::Op(op));
            i += 2;
            continue;
        }
        let op = match ch {
            '[' => "[",
            ']' => "]",
            '(' => "(",
            ')' => ")",
            '{' => "{",
            '}' => "}",
            ',' => ",",
            ':' => ":",
            '.' => ".",
            '+' => "+",
            '-' => "-",
            '<' => "<",
            '>' => ">",
            _ => return Err(format!("unexpected character {ch:?}")),
        };
        out.push(Tok::Op(op));
        i += 1;
    }
    Ok(out)
}

pub struct Env<'a> {
    pub root: &'a V,
    /// Keys the parser produces; a missing key outside this set is out of scope.
    pub supported: &'a HashSet<&'static str>,
}

struct P<'a, 'b> {
    t: Vec<Tok>,
    i: usize,
    env: &'b Env<'a>,
}

type R = Result<V, Outcome>;

impl P<'_, '_> {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Some(Tok::Op(o)) if *o == op)
    }
    fn is_name(&self, n: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == n)
    }
    fn expect_op(&mut self, op: &str) -> Result<(), Outcome> {
        if self.is_op(op) {
            self.i += 1;
            Ok(())
        } else {
            Err(Outcome::OutOfScope(format!("syntax: expected {op}")))
        }
    }
    fn or(&mut self) -> R {
        let mut v = self.and()?;
        while self.is_name("or") {
            self.i += 1;
            let r = self.and()?;
            v = if v.truthy() { v } else { r };
        }
        Ok(v)
    }
    fn and(&mut self) -> R {
        let mut v = self.not()?;
        while self.is_name("and") {
            self.i += 1;
            if !v.truthy() {
                // Short-circuit, but still parse the rest.
                let save = self.i;
                let r = self.not();
                if r.is_err() {
                    self.i = save;
                    self.skip_operand();
                }
                continue;
            }
            v = self.not()?;
        }
        Ok(v)
    }
    fn skip_operand(&mut self) {
        let mut depth = 0i32;
        while let Some(t) = self.peek() {
            match t {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1
                }
                Tok::Name(n) if depth == 0 && (n == "and" || n == "or") => return,
                _ => {}
            }
            self.i += 1;
        }
    }
    fn not(&mut self) -> R {
        if self.is_name("not") {
            self.i += 1;
            let v = self.not()?;
            return Ok(V::Bool(!v.truthy()));
        }
        self.cmp()
    }
    fn cmp(&mut self) -> R {
        let mut left = self.sum()?;
        let mut result: Option<bool> = None;
        loop {
            let op = if self.is_op("==") || self.is_op("!=") {
                let Some(Tok::Op(o)) = self.peek().cloned() else {
                    unreachable!()
                };
                self.i += 1;
                o.to_string()
            } else if self.is_name("is") {
                self.i += 1;
                if self.is_name("not") {
                    self.i += 1;
                    "is not".into()
                } else {
                    "is".into()
                }
            } else if self.is_name("in") {
                self.i += 1;
                "in".into()
            } else if self.is_name("not")
                && matches!(self.t.get(self.i + 1), Some(Tok::Name(n)) if n == "in")
            {
                self.i += 2;
                "not in".into()
            } else {
                break;
            };
            let right = self.sum()?;
            let ok = match op.as_str() {
                "==" | "is" => eq(&left, &right),
                "!=" | "is not" => !eq(&left, &right),
                "in" | "not in" => {
                    let found = match (&left, &right) {
                        (V::Str(a), V::Str(b)) => b.contains(a.as_str()),
                        (V::Str(a), V::Dict(_)) => right.get(a).is_some(),
                        (a, V::List(l)) => l.iter().any(|x| eq(a, x)),
                        _ => return Err(Outcome::Error("bad 'in' operands".into())),
                    };
                    if op == "in" { found } else { !found }
                }
                _ => unreachable!(),
            };
            result = Some(result.unwrap_or(true) && ok);
            left = right;
        }
        Ok(match result {
            Some(b) => V::Bool(b),
            None => left,
        })
    }
    fn sum(&mut self) -> R {
        let mut v = self.unary()?;
        while self.is_op("+") {
            self.i += 1;
            let r = self.unary()?;
            v = match (v, r) {
                (V::Str(a), V::Str(b)) => V::Str(a + &b),
                (V::Int(a), V::Int(b)) => V::Int(a + b),
                _ => return Err(Outcome::Error("bad + operands".into())),
            };
        }
        Ok(v)
    }
    fn unary(&mut self) -> R {
        if self.is_op("-") {
            self.i += 1;
            return match self.postfix()? {
                V::Int(i) => Ok(V::Int(-i)),
                V::Float(f) => Ok(V::Float(-f)),
                _ => Err(Outcome::Error("bad unary -".into())),
            };
        }
        self.postfix()
    }
    fn key_missing(&self, k: &str) -> Outcome {
        if self.env.supported.contains(k) {
            Outcome::Error(format!("missing key {k:?}"))
        } else {
            Outcome::OutOfScope(format!("key {k:?}"))
        }
    }
    fn index(&self, v: &V, k: &V) -> R {
        match (v, k) {
            (V::Dict(_), V::Str(s)) => {
                if let Some(x) = v.get(s) {
                    return Ok(x.clone());
                }
                // feedparser's key aliases.
                if s == "url"
                    && let Some(h) = v.get("href")
                {
                    return Ok(h.clone());
                }
                Err(if v.get("__open__").is_some() {
                    Outcome::OutOfScope(format!("key {s:?}"))
                } else {
                    self.key_missing(s)
                })
            }
            (V::List(l), V::Int(i)) => {
                let idx = if *i < 0 { l.len() as i64 + i } else { *i };
                l.get(idx as usize)
                    .cloned()
                    .ok_or_else(|| Outcome::Error(format!("index {i} out of range")))
            }
            (V::Str(s), V::Int(i)) => s
                .chars()
                .nth(*i as usize)
                .map(|c| V::Str(c.to_string()))
                .ok_or_else(|| Outcome::Error("string index".into())),
            _ => Err(Outcome::Error(format!("cannot index {v:?} with {k:?}"))),
        }
    }
    fn postfix(&mut self) -> R {
        let mut v = self.atom()?;
        loop {
            if self.is_op("[") {
                self.i += 1;
                let k = self.or()?;
                self.expect_op("]")?;
                v = self.index(&v, &k)?;
            } else if self.is_op(".") {
                self.i += 1;
                let Some(Tok::Name(n)) = self.peek().cloned() else {
                    return Err(Outcome::OutOfScope("syntax after .".into()));
                };
                self.i += 1;
                if self.is_op("(") {
                    self.i += 1;
                    let mut args = Vec::new();
                    while !self.is_op(")") {
                        args.push(self.or()?);
                        if self.is_op(",") {
                            self.i += 1;
                        }
                    }
                    self.i += 1;
                    v = match (n.as_str(), args.as_slice()) {
                        // A key we never produce is out of scope whichever way it is read.
                        ("get" | "has_key", [V::Str(k), ..])
                            if v.get(k).is_none() && !self.env.supported.contains(k.as_str()) =>
                        {
                            return Err(Outcome::OutOfScope(format!("key {k:?}")));
                        }
                        ("get", [V::Str(k)]) => v.get(k).cloned().unwrap_or(V::None),
                        ("get", [V::Str(k), d]) => v.get(k).cloned().unwrap_or(d.clone()),
                        ("has_key", [V::Str(k)]) => V::Bool(v.get(k).is_some()),
                        _ => return Err(Outcome::OutOfScope(format!("method {n}"))),
                    };
                } else {
                    v = self.index(&v, &V::Str(n))?;
                }
            } else {
                return Ok(v);
            }
        }
    }
    fn atom(&mut self) -> R {
        let Some(t) = self.peek().cloned() else {
            return Err(Outcome::OutOfScope("syntax: unexpected end".into()));
        };
        self.i += 1;
        match t {
            Tok::Str(s) => Ok(V::Str(s)),
            Tok::Int(i) => Ok(V::Int(i)),
            Tok::Float(f) => Ok(V::Float(f)),
            Tok::Name(n) => match n.as_str() {
                "None" => Ok(V::None),
                "True" => Ok(V::Bool(true)),
                "False" => Ok(V::Bool(false)),
                "len" | "ord" => {
                    self.expect_op("(")?;
                    let a = self.or()?;
                    self.expect_op(")")?;
                    match (n.as_str(), a) {
                        ("len", V::Str(s)) => Ok(V::Int(s.chars().count() as i64)),
                        ("len", V::List(l)) => Ok(V::Int(l.len() as i64)),
                        ("len", V::Dict(d)) => Ok(V::Int(d.len() as i64)),
                        ("ord", V::Str(s)) if s.chars().count() == 1 => {
                            Ok(V::Int(s.chars().next().unwrap_or('\0') as i64))
                        }
                        _ => Err(Outcome::Error(format!("bad {n}() argument"))),
                    }
                }
                _ => self
                    .env
                    .root
                    .get(&n)
                    .cloned()
                    .ok_or_else(|| Outcome::OutOfScope(format!("name {n}"))),
            },
            Tok::Op("(") | Tok::Op("[") => {
                let close = if t == Tok::Op("(") { ")" } else { "]" };
                let mut items = Vec::new();
                let mut tuple = close == "]";
                while !self.is_op(close) {
                    items.push(self.or()?);
                    if self.is_op(",") {
                        self.i += 1;
                        tuple = true;
                    } else if !self.is_op(close) {
                        return Err(Outcome::OutOfScope("syntax in tuple".into()));
                    }
                }
                self.i += 1;
                if !tuple && items.len() == 1 {
                    Ok(items.pop().unwrap_or(V::None))
                } else {
                    Ok(V::List(items))
                }
            }
            Tok::Op("{") => {
                let mut d = Vec::new();
                while !self.is_op("}") {
                    let k = self.or()?;
                    self.expect_op(":")?;
                    let v = self.or()?;
                    let V::Str(k) = k else {
                        return Err(Outcome::OutOfScope("non-string dict key".into()));
                    };
                    d.push((k, v));
                    if self.is_op(",") {
                        self.i += 1;
                    }
                }
                self.i += 1;
                Ok(V::Dict(d))
            }
            other => Err(Outcome::OutOfScope(format!("syntax: {other:?}"))),
        }
    }
}

/// Evaluate `expr` against `env`.
pub fn eval(expr: &str, env: &Env<'_>) -> Outcome {
    let toks = match lex(expr) {
        Ok(t) => t,
        Err(e) => return Outcome::OutOfScope(format!("lex: {e}")),
    };
    let mut p = P { t: toks, i: 0, env };
    match p.or() {
        Ok(v) if p.i == p.t.len() => Outcome::Done(v.truthy()),
        Ok(_) => Outcome::OutOfScope("syntax: trailing tokens".into()),
        Err(o) => o,
    }
}
