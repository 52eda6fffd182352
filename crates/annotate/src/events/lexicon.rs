//! The verb-pattern lexicon: PETRARCH-format verb dictionaries (CAMEO.2.0.txt and our news
//! additions) read as knowledge — verb forms, synonym sets and the words a pattern expects
//! before and after the verb — without PETRARCH's parse-tree matcher.
//!
//! Format (as in CAMEO.2.0.txt): `&SYNSET` followed by `+WORD` lines; `--- NAME [code] ---`
//! opens a verb block; then its verb forms (`VISIT`, `MEET {MEETS MET MEETING}`,
//! `+MEET_WITH {+MET_WITH}` for multi-word verbs); then patterns
//! `- PRE * POST [code]` where words ending in `_` must match exactly and others match as
//! prefixes, `&NAME` is a synonym set, `{..}` and `(..)` group words, `$`/`+`/`^`/`%` mark the
//! source, target, a skipped phrase and a compound (ignored here). A code `a:b` is
//! reciprocal (source→target `a`, target→source `b`); `---` means "do not code".

use std::collections::HashMap;

use super::text::Tok;

/// A code of a verb block or pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Code {
    /// Source → target code; None for `---` or a reverse-only code (`:173`).
    pub fwd: Option<String>,
    /// Target → source code of a reciprocal pattern.
    pub back: Option<String>,
}

impl Code {
    fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        if s.is_empty() || s.starts_with("---") {
            return Some(Code::default());
        }
        let (a, b) = match s.split_once(':') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (s, None),
        };
        let ok = |x: &str| !x.is_empty() && x.len() <= 4 && x.bytes().all(|c| c.is_ascii_digit());
        let fwd = if ok(a) { Some(a.to_string()) } else { None };
        let back = b.filter(|b| ok(b)).map(str::to_string);
        if fwd.is_none() && back.is_none() && !a.starts_with("--") {
            return None;
        }
        Some(Code { fwd, back })
    }

    pub fn is_none(&self) -> bool {
        self.fwd.is_none() && self.back.is_none()
    }
}

#[derive(Debug, Clone)]
enum Elem {
    Word { w: String, exact: bool },
    Syn(usize),
}

#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pre: Vec<Elem>,
    post: Vec<Elem>,
    pub code: Code,
    /// Patterns from the news additions win over CAMEO's.
    pub priority: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct Block {
    #[allow(dead_code)]
    pub name: String,
    pub default: Code,
    pub patterns: Vec<Pattern>,
    pub priority: u32,
}

/// A verb form: its words (lowercase) and the block it opens.
#[derive(Debug, Clone)]
struct Form {
    words: Vec<String>,
    block: usize,
    /// The form's own default code (`SUMMON [040]` inside a block), over the block's.
    code: Option<Code>,
}

/// A matched verb occurrence.
#[derive(Debug, Clone)]
pub(crate) struct VerbHit {
    /// Token range of the verb words.
    pub start: usize,
    pub end: usize,
    pub code: Code,
    /// Whether a pattern (not just the block's default) gave the code.
    pub by_pattern: bool,
    /// Token index up to which the pattern's words reach (the verb's end when none).
    pub reach: usize,
    pub block: usize,
}

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub blocks: Vec<Block>,
    synsets: Vec<Vec<Vec<(String, bool)>>>,
    syn_index: HashMap<String, usize>,
    forms: HashMap<String, Vec<Form>>,
}

fn word_elem(raw: &str) -> Option<(String, bool)> {
    let w = raw.trim_end_matches('_').to_lowercase();
    if w.is_empty() {
        return None;
    }
    let exact = raw.ends_with('_') || is_function_word(&w);
    Some((w, exact))
}

/// Prepositions, particles and determiners: a pattern's "TO" or "IN" is that word, never the
/// stem of "today", "told" or "instead" (stems are for content words: "REFORM" for "reforms").
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "to" | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "up"
            | "as"
            | "an"
            | "a"
            | "the"
            | "for"
            | "off"
            | "out"
            | "into"
            | "onto"
            | "with"
            | "from"
            | "over"
            | "and"
            | "or"
            | "its"
            | "his"
            | "her"
            | "their"
    )
}

/// Regular English forms of a verb (lowercase): base, -s, -ed, -ing, with and without a
/// doubled final consonant.
fn inflect(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let b = base.as_bytes();
    let n = b.len();
    if n == 0 {
        return out;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let last = b[n - 1];
    if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
    {
        out.push(format!("{base}es"));
    } else if last == b'y' && n > 1 && !vowel(b[n - 2]) {
        out.push(format!("{}ies", &base[..n - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    if last == b'e' {
        out.push(format!("{base}d"));
        if !base.ends_with("ee") && n > 2 {
            out.push(format!("{}ing", &base[..n - 1]));
        } else {
            out.push(format!("{base}ing"));
        }
    } else if last == b'y' && n > 1 && !vowel(b[n - 2]) {
        out.push(format!("{}ied", &base[..n - 1]));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
        if n >= 3
            && !vowel(last)
            && vowel(b[n - 2])
            && !vowel(b[n - 3])
            && !matches!(last, b'w' | b'x' | b'y')
        {
            let d = last as char;
            out.push(format!("{base}{d}ed"));
            out.push(format!("{base}{d}ing"));
        }
    }
    out
}

/// Prepositions a pattern names as the head of a phrase ("CALL (ON)", "(FOR TALKS)").
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "on" | "upon" | "in" | "at" | "for" | "during" | "by" | "from" | "after" | "within"
    )
}

/// A word that opens a time phrase ("on Tuesday", "in June", "for two days" is not one): a
/// preposition before it heads a date, not the phrase a verb pattern expects ("telephoned X
/// on Tuesday" is no "call on", an appeal).
fn is_time_word(t: &Tok) -> bool {
    const WORDS: &[&str] = &[
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
    ];
    let w = t.lower.as_str();
    WORDS.contains(&w)
        || crate::time::is_calendar_word(w.trim_end_matches('.'))
        || (w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))
}

impl Lexicon {
    /// Reads dictionaries in order; later ones get `priority` (news additions over CAMEO).
    pub fn add_dictionary(&mut self, text: &str, priority: u32) {
        let mut cur_syn: Option<usize> = None;
        let mut cur_block: Option<usize> = None;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim_end();
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('&') && !t.contains(' ') {
                let name = t
                    .trim_start_matches('&')
                    .trim_end_matches('_')
                    .to_lowercase();
                let id = *self.syn_index.entry(name).or_insert_with(|| {
                    self.synsets.push(Vec::new());
                    self.synsets.len() - 1
                });
                cur_syn = Some(id);
                cur_block = None;
                continue;
            }
            if let Some(rest) = t.strip_prefix("---") {
                // --- NAME [code] ---
                let rest = rest.trim_end_matches('-').trim();
                let (name, code) = match rest.split_once('[') {
                    Some((n, c)) => (n.trim(), c.split(']').next().unwrap_or("")),
                    None => (rest, ""),
                };
                self.blocks.push(Block {
                    name: name.to_string(),
                    default: Code::parse(code).unwrap_or_default(),
                    patterns: Vec::new(),
                    priority,
                });
                cur_block = Some(self.blocks.len() - 1);
                cur_syn = None;
                continue;
            }
            if let Some(id) = cur_syn
                && let Some(w) = t.strip_prefix('+')
            {
                let words: Vec<(String, bool)> = w
                    .split('_')
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        let s = s.to_lowercase();
                        let f = is_function_word(&s);
                        (s, f)
                    })
                    .collect();
                let exact = w.ends_with('_');
                let mut words = words;
                if let Some(l) = words.last_mut() {
                    l.1 |= exact;
                }
                if !words.is_empty() {
                    self.synsets[id].push(words);
                }
                continue;
            }
            let Some(b) = cur_block else { continue };
            if let Some(p) = t.strip_prefix('-') {
                if let Some(pat) = self.parse_pattern(p, priority) {
                    self.blocks[b].patterns.push(pat);
                }
                continue;
            }
            // a verb form line: FORM {IRREGULAR FORMS} [optional code]
            let (head, irregular) = match t.split_once('{') {
                Some((h, r)) => (h.trim(), r.split('}').next().unwrap_or("")),
                None => (t.split('[').next().unwrap_or("").trim(), ""),
            };
            let head = head.split('[').next().unwrap_or("").trim();
            // a code after the form (and its irregular forms) is the form's own default
            let form_code = t
                .rsplit_once('[')
                .filter(|(_, c)| c.contains(']'))
                .and_then(|(_, c)| Code::parse(c.split(']').next().unwrap_or("")));
            let multi = head.starts_with('+');
            let head = head.trim_start_matches('+');
            if head.is_empty() || head.contains(' ') {
                continue;
            }
            let words: Vec<String> = head
                .split('_')
                .filter(|s| !s.is_empty())
                .map(str::to_lowercase)
                .collect();
            if words.is_empty() {
                continue;
            }
            let mut variants: Vec<Vec<String>> = Vec::new();
            if irregular.trim().is_empty() || multi {
                for f in inflect(&words[0]) {
                    let mut v = words.clone();
                    v[0] = f;
                    variants.push(v);
                }
            } else {
                variants.push(words.clone());
            }
            for f in irregular.split_whitespace() {
                let f = f.trim_start_matches('+');
                let w: Vec<String> = f
                    .split('_')
                    .filter(|s| !s.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                if !w.is_empty() {
                    variants.push(w);
                }
            }
            for v in variants {
                self.forms.entry(v[0].clone()).or_default().push(Form {
                    words: v,
                    block: b,
                    code: form_code.clone(),
                });
            }
        }
    }

    fn parse_pattern(&mut self, p: &str, priority: u32) -> Option<Pattern> {
        let (body, code) = p.rsplit_once('[')?;
        let code = Code::parse(code.split(']').next().unwrap_or(""))?;
        let (pre, post) = body.split_once('*')?;
        let mut elems = |s: &str| -> Vec<Elem> {
            let mut out = Vec::new();
            for raw in s.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}')) {
                let raw = raw.trim();
                if raw.is_empty() || matches!(raw, "$" | "+" | "^" | "%" | "|") {
                    continue;
                }
                if let Some(name) = raw.strip_prefix('&') {
                    let name = name.trim_end_matches('_').to_lowercase();
                    let id = *self.syn_index.entry(name).or_insert_with(|| {
                        self.synsets.push(Vec::new());
                        self.synsets.len() - 1
                    });
                    out.push(Elem::Syn(id));
                    continue;
                }
                for part in raw.split('/').take(1) {
                    // a word joined by "_" is several words
                    let exact_all = part.ends_with('_');
                    let ws: Vec<&str> = part.split('_').filter(|s| !s.is_empty()).collect();
                    let k = ws.len();
                    for (i, w) in ws.into_iter().enumerate() {
                        if w.chars()
                            .all(|c| c.is_alphanumeric() || c == '-' || c == '\'')
                        {
                            let (w, exact) = word_elem(w).unwrap_or_default();
                            out.push(Elem::Word {
                                w,
                                exact: exact || (i + 1 < k) || (i + 1 == k && exact_all),
                            });
                        }
                    }
                }
            }
            out
        };
        let pre = elems(pre);
        let post = elems(post);
        Some(Pattern {
            pre,
            post,
            code,
            priority,
        })
    }

    fn word_match(w: &str, exact: bool, tok: &Tok) -> bool {
        if exact {
            tok.lower == w
        } else {
            tok.lower.starts_with(w)
        }
    }

    /// Whether element `e` matches at token `i`; returns the token after the match. Tokens
    /// marked in `blocked` (inside an actor mention or a date) match no pattern word: as in
    /// PETRARCH, a pattern's words are the text around the actors, not the actors' own names
    /// — except, with `nouns`, lowercase content words, the group nouns an actor is named by
    /// ("troops", "peacekeepers"): objects after the verb ("SEND * &MILITARY") and the
    /// subjects our news patterns name ("PEACEKEEPING * arrived"). CAMEO's own words before
    /// the verb ("- &MILITARY * [192]" of ARREST) were written for text that is not the
    /// actor itself.
    fn elem_at(
        &self,
        e: &Elem,
        toks: &[Tok],
        i: usize,
        end: usize,
        blocked: &[bool],
        nouns: bool,
    ) -> Option<usize> {
        // with `nouns`, a common noun inside an actor ("sent troops", "peacekeeping troops
        // arrived") is still a word of the text; names, dates and function words are not
        let free = |k: usize| {
            !blocked.get(k).copied().unwrap_or(false)
                || (nouns
                    && toks
                        .get(k)
                        .is_some_and(|t| t.is_word && !t.cap && t.lower.chars().count() >= 5))
        };
        match e {
            Elem::Word { w, exact } => (i < end
                && free(i)
                && Self::word_match(w, *exact, &toks[i])
                && !(is_preposition(w) && toks.get(i + 1).is_some_and(is_time_word)))
            .then_some(i + 1),
            Elem::Syn(id) => {
                for alt in &self.synsets[*id] {
                    if i + alt.len() <= end
                        && alt.iter().enumerate().all(|(k, (w, ex))| {
                            free(i + k) && Self::word_match(w, *ex, &toks[i + k])
                        })
                    {
                        return Some(i + alt.len());
                    }
                }
                None
            }
        }
    }

    /// Matches `post` elements in order after `from` (each within `gap` tokens of the last).
    fn match_post(
        &self,
        els: &[Elem],
        toks: &[Tok],
        from: usize,
        end: usize,
        blocked: &[bool],
    ) -> Option<(usize, usize)> {
        let mut cur = from;
        let mut words = 0;
        for (k, e) in els.iter().enumerate() {
            let gap = if k == 0 { 6 } else { 4 };
            let mut found = None;
            let mut j = cur;
            while j < end && j <= cur + gap {
                if let Some(nx) = self.elem_at(e, toks, j, end, blocked, true) {
                    found = Some(nx);
                    break;
                }
                if !toks[j].is_word && matches!(toks[j].lower.as_str(), "," | ";" | ":") {
                    break;
                }
                j += 1;
            }
            cur = found?;
            words += 1;
        }
        Some((cur, words))
    }

    fn match_pre(
        &self,
        els: &[Elem],
        toks: &[Tok],
        before: usize,
        start: usize,
        blocked: &[bool],
        nouns: bool,
    ) -> Option<usize> {
        let mut cur = before;
        let mut words = 0;
        for e in els.iter().rev() {
            let mut found = None;
            let mut j = cur;
            let lim = cur.saturating_sub(5).max(start);
            while j > lim {
                j -= 1;
                if let Some(nx) = self.elem_at(e, toks, j, cur, blocked, nouns)
                    && nx <= cur
                {
                    found = Some(j);
                    break;
                }
            }
            cur = found?;
            words += 1;
        }
        Some(words)
    }

    /// The verb at token `i` of the clause `[start, end)`, if any, with its best code; pattern
    /// words never match tokens marked in `blocked`.
    pub fn verb_at(
        &self,
        toks: &[Tok],
        i: usize,
        start: usize,
        end: usize,
        blocked: &[bool],
    ) -> Option<VerbHit> {
        let forms = self.forms.get(toks[i].lower.as_str())?;
        // the longest form that matches here
        let mut best_len = 0;
        let mut cands: Vec<(usize, Option<&Code>)> = Vec::new(); // (block, form's own code)
        for f in forms {
            let n = f.words.len();
            if i + n > end {
                continue;
            }
            if f.words
                .iter()
                .enumerate()
                .all(|(k, w)| toks[i + k].lower == *w)
            {
                if n > best_len {
                    best_len = n;
                    cands.clear();
                }
                if n == best_len {
                    match cands.iter_mut().find(|c| c.0 == f.block) {
                        Some(c) => {
                            if c.1.is_none() {
                                c.1 = f.code.as_ref();
                            }
                        }
                        None => cands.push((f.block, f.code.as_ref())),
                    }
                }
            }
        }
        if cands.is_empty() {
            return None;
        }
        let vend = i + best_len;
        if Self::opening_participle(toks, i, start, vend)
            || Self::attributive_participle(toks, i, start, vend)
            || Self::topic_of_noun(toks, i, start)
        {
            return None;
        }
        // best pattern across the candidate blocks: priority, then words matched
        let mut best: Option<(u32, usize, usize, Code, usize)> = None; // (prio, words, reach, code, block)
        for &(b, _) in &cands {
            for p in &self.blocks[b].patterns {
                let Some((reach, wpost)) = (if p.post.is_empty() {
                    Some((vend, 0))
                } else {
                    self.match_post(&p.post, toks, vend, end, blocked)
                }) else {
                    continue;
                };
                let Some(wpre) = (if p.pre.is_empty() {
                    Some(0)
                } else {
                    self.match_pre(&p.pre, toks, i, start, blocked, p.priority > 0)
                }) else {
                    continue;
                };
                let words = wpre + wpost;
                let better = match &best {
                    None => true,
                    Some((bp, bw, ..)) => (p.priority, words) > (*bp, *bw),
                };
                if better {
                    best = Some((p.priority, words, reach, p.code.clone(), b));
                }
            }
        }
        if let Some((_, _, reach, code, block)) = best {
            return Some(VerbHit {
                start: i,
                end: vend,
                code,
                by_pattern: true,
                reach,
                block,
            });
        }
        // default of the highest-priority block (the form's own code, if it has one)
        let &(b, form_code) = cands
            .iter()
            .max_by_key(|(b, _)| self.blocks[*b].priority)
            .unwrap_or(&cands[0]);
        Some(VerbHit {
            start: i,
            end: vend,
            code: form_code
                .cloned()
                .unwrap_or_else(|| self.blocks[b].default.clone()),
            by_pattern: false,
            reach: vend,
            block: b,
        })
    }

    /// "Ousted President Akayev …", "Jailed activists …", "Armed men …": a capitalised
    /// participle that opens the clause right before a noun is an adjective of the subject,
    /// not the clause's verb ("Accused by …", "Killed in the attack were …" stay verbs).
    fn opening_participle(toks: &[Tok], i: usize, start: usize, vend: usize) -> bool {
        let t = &toks[i];
        i == start
            && vend == i + 1
            && t.cap
            && t.lower.ends_with("ed")
            && Self::noun_follows(toks, vend)
    }

    /// "the occupying forces", "the governing coalition", "former ousted president": an -ing or
    /// -ed form between a determiner, possessive or "former" and its noun is an adjective ("the
    /// shelling of Gaza", "the fighting in the north" stay actions).
    fn attributive_participle(toks: &[Tok], i: usize, start: usize, vend: usize) -> bool {
        i > start
            && vend == i + 1
            && (toks[i].lower.ends_with("ing") || toks[i].lower.ends_with("ed"))
            && matches!(
                toks[i - 1].lower.as_str(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "'s" | "former"
            )
            && Self::noun_follows(toks, vend)
    }

    /// The token at `k` is a word that can head a noun phrase (no function word, preposition
    /// or number).
    fn noun_follows(toks: &[Tok], k: usize) -> bool {
        toks.get(k).is_some_and(|n| {
            n.is_word
                && n.lower.chars().all(char::is_alphabetic)
                && !is_function_word(&n.lower)
                && !is_preposition(&n.lower)
                && !matches!(
                    n.lower.as_str(),
                    "between" | "among" | "against" | "near" | "after" | "before" | "under"
                )
        })
    }

    /// "denied involvement in the attack", "expressed concern over the naval exercises", "fears
    /// of a strike": an action named as what a denial, worry or accusation is about is no
    /// action of the clause's subject; the verb that governs the noun codes the clause.
    fn topic_of_noun(toks: &[Tok], i: usize, start: usize) -> bool {
        const TOPIC_NOUNS: &[&str] = &[
            "involvement",
            "complicity",
            "concern",
            "concerns",
            "worry",
            "worries",
            "fear",
            "fears",
            "alarm",
            "anxiety",
        ];
        // back over at most three determiners or modifiers to the preposition
        let mut j = i;
        for _ in 0..4 {
            if j <= start {
                return false;
            }
            j -= 1;
            let w = toks[j].lower.as_str();
            if !toks[j].is_word {
                return false;
            }
            if matches!(w, "in" | "over" | "about" | "at" | "of" | "regarding") {
                return j > start && TOPIC_NOUNS.contains(&toks[j - 1].lower.as_str());
            }
        }
        false
    }

    pub fn form_count(&self) -> usize {
        self.forms.values().map(Vec::len).sum()
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert!(inflect("visit").contains(&"visited".to_string()));
        assert!(inflect("sign").contains(&"signing".to_string()));
        assert!(inflect("impose").contains(&"imposed".to_string()));
        assert!(inflect("impose").contains(&"imposing".to_string()));
        assert!(inflect("carry").contains(&"carried".to_string()));
        assert!(inflect("stop").contains(&"stopped".to_string()));
        assert!(inflect("reach").contains(&"reaches".to_string()));
    }

    #[test]
    fn codes() {
        assert_eq!(
            Code::parse("042:043"),
            Some(Code {
                fwd: Some("042".into()),
                back: Some("043".into())
            })
        );
        assert!(Code::parse("---").unwrap().is_none());
        assert_eq!(Code::parse(":173").unwrap().back.as_deref(), Some("173"));
        assert_eq!(Code::parse("abc"), None);
    }

    fn code_of(lex: &Lexicon, text: &str, verb: &str) -> Option<String> {
        let toks = crate::events::text::tokenize(text);
        let blocked = vec![false; toks.len()];
        let i = toks.iter().position(|t| t.lower == verb)?;
        let hit = lex.verb_at(&toks, i, 0, toks.len(), &blocked)?;
        hit.code.fwd
    }

    #[test]
    fn a_forms_own_code_is_its_default() {
        let mut lex = Lexicon::default();
        lex.add_dictionary(
            "---  GRANT   [060]  ---\nGIVE {GIVES GIVING GAVE GIVEN}\nDONATE [070]\n- * REPORT [010]\n",
            0,
        );
        assert_eq!(
            code_of(&lex, "They donated food", "donated").as_deref(),
            Some("070")
        );
        assert_eq!(
            code_of(&lex, "They gave food", "gave").as_deref(),
            Some("060")
        );
        // a pattern still wins over the form's default
        assert_eq!(
            code_of(&lex, "They donated a report", "donated").as_deref(),
            Some("010")
        );
    }

    #[test]
    fn a_preposition_before_a_date_heads_no_pattern() {
        let mut lex = Lexicon::default();
        lex.add_dictionary(
            "---  CALL   [041]  ---\nTELEPHONE\nCALL\n- * (ON) [020]\n",
            0,
        );
        assert_eq!(
            code_of(&lex, "He telephoned the minister on Tuesday", "telephoned").as_deref(),
            Some("041")
        );
        assert_eq!(
            code_of(&lex, "He called on the minister to resign", "called").as_deref(),
            Some("020")
        );
    }

    #[test]
    fn a_function_word_in_a_pattern_is_no_stem() {
        let mut lex = Lexicon::default();
        lex.add_dictionary(
            "---  OVERSEE   [060]  ---\nLEAD {LEADS LEADING LED }\n- * TO [030]\n- * REFORM [034]\n",
            0,
        );
        // "TO" is the word "to", not the start of "today" or "total"
        assert_eq!(
            code_of(&lex, "He led today's meeting", "led").as_deref(),
            Some("060")
        );
        assert_eq!(
            code_of(&lex, "The war led to talks", "led").as_deref(),
            Some("030")
        );
        // content words still match as stems
        assert_eq!(
            code_of(&lex, "She led reforms", "led").as_deref(),
            Some("034")
        );
    }

    #[test]
    fn a_participle_before_a_noun_is_an_adjective() {
        let mut lex = Lexicon::default();
        lex.add_dictionary("---  EXPEL   [174]  ---\nOUST\nACCUSE [112]\n", 0);
        let hit = |text: &str, verb: &str| {
            let toks = crate::events::text::tokenize(text);
            let blocked = vec![false; toks.len()];
            let i = toks.iter().position(|t| t.lower == verb).unwrap_or(0);
            lex.verb_at(&toks, i, 0, toks.len(), &blocked).is_some()
        };
        assert!(!hit("Ousted President Akayev agreed to resign", "ousted"));
        assert!(hit("Accused by the opposition, he resigned", "accused"));
        assert!(hit("The army ousted the president", "ousted"));
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "The occupying forces in Iraq arrested three men",
                "occupying"
            ),
            None
        );
        assert_eq!(
            code_of(
                &lex,
                "The governing coalition criticized Uganda",
                "governing"
            ),
            None
        );
        assert_eq!(
            code_of(&lex, "Former ousted president Aristide spoke", "ousted"),
            None
        );
        assert_eq!(
            code_of(
                &lex,
                "Algeria's leading activist staged a hunger strike",
                "leading"
            ),
            None
        );
        assert_eq!(
            code_of(&lex, "Israel halted the shelling of Gaza", "shelling").as_deref(),
            Some("190")
        );
    }

    #[test]
    fn battle_or_rule_as_a_noun_is_no_action() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "civilians held in the battle zones", "battle"),
            None
        );
        assert_eq!(
            code_of(&lex, "rebels battle troops near the town", "battle").as_deref(),
            Some("190")
        );
        assert_eq!(
            code_of(&lex, "promised to establish the rule of law", "rule"),
            None
        );
    }

    #[test]
    fn an_action_a_denial_or_worry_is_about_is_no_verb() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Iran denied involvement in the attack on the tanker",
                "attack"
            ),
            None
        );
        assert_eq!(
            code_of(
                &lex,
                "China expressed concern over the naval exercises",
                "exercises"
            ),
            None
        );
        assert_eq!(
            code_of(
                &lex,
                "Iran denied involvement in the attack on the tanker",
                "denied"
            )
            .as_deref(),
            Some("016")
        );
        assert!(code_of(&lex, "Rebels launched an attack on the town", "attack").is_some());
    }

    #[test]
    fn a_bid_is_no_demand() {
        let lex = news_lexicon();
        assert_eq!(code_of(&lex, "Egypt's bid to join the group", "bid"), None);
        assert_eq!(
            code_of(&lex, "Protesters demanded an apology", "demanded").as_deref(),
            Some("100")
        );
    }

    #[test]
    fn a_decision_to_act_is_coded_on_the_act() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "The court decided to allow the candidate to run",
                "decided"
            ),
            None
        );
        assert_eq!(
            code_of(&lex, "The court decided on the matter", "decided").as_deref(),
            Some("030")
        );
    }

    #[test]
    fn removing_sanctions_eases_them() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "Washington removed the sanctions on Burma", "removed").as_deref(),
            Some("085")
        );
        assert_eq!(
            code_of(
                &lex,
                "Israel removed restrictions on the movement of workers",
                "removed"
            )
            .as_deref(),
            Some("0811")
        );
        assert_eq!(
            code_of(&lex, "The junta removed the prime minister", "removed").as_deref(),
            Some("174")
        );
    }

    #[test]
    fn sharing_intelligence_is_064_and_ruling_a_country_no_event() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Kabul has been sharing expertise with the rebels",
                "sharing"
            )
            .as_deref(),
            Some("064")
        );
        assert_eq!(
            code_of(&lex, "The Taliban ruled Afghanistan", "ruled"),
            None
        );
    }

    #[test]
    fn receiving_observers_or_peacekeepers_allows_involvement() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "He received a mission of observers from the OSCE",
                "received"
            )
            .as_deref(),
            Some("0862")
        );
        assert_eq!(
            code_of(&lex, "Chad received peacekeepers from Nigeria", "received").as_deref(),
            Some("0861")
        );
        assert_eq!(
            code_of(&lex, "He received a letter from the OSCE", "received"),
            None
        );
    }

    #[test]
    fn allowing_aid_or_inspectors_in_is_086() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Khartoum allowed humanitarian access to Darfur",
                "allowed"
            )
            .as_deref(),
            Some("0863")
        );
        assert_eq!(
            code_of(
                &lex,
                "Iraq permitted inspectors to visit the sites",
                "permitted"
            )
            .as_deref(),
            Some("0862")
        );
        assert_eq!(
            code_of(&lex, "The court allowed the candidate to run", "allowed").as_deref(),
            Some("080")
        );
    }

    #[test]
    fn leaving_is_a_trip_only_with_where_to() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "The blast killed two, leaving twelve wounded",
                "leaving"
            ),
            None
        );
        assert_eq!(
            code_of(&lex, "The minister left for Cairo on Monday", "left").as_deref(),
            Some("042")
        );
    }

    #[test]
    fn jailing_is_arrest_whatever_follows() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Police jailed 52 members of the banned movement",
                "jailed"
            )
            .as_deref(),
            Some("173")
        );
        assert_eq!(
            code_of(&lex, "Police detained the immigrants", "detained").as_deref(),
            Some("173")
        );
    }

    #[test]
    fn leading_to_something_causes_it() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "The probe led to the arrest of three men", "led"),
            None
        );
        assert_eq!(
            code_of(&lex, "Shoigu led a delegation to Egypt", "led").as_deref(),
            Some("042")
        );
    }

    #[test]
    fn closing_a_border_restricts_movement() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Russia closed its southern borders with Iran",
                "closed"
            )
            .as_deref(),
            Some("191")
        );
        assert_eq!(
            code_of(&lex, "Turkey closes the border with Syria", "closes").as_deref(),
            Some("191")
        );
        // the rest of CAMEO.2.0's CLOSE patterns still apply
        assert_eq!(
            code_of(&lex, "Police closed the embassy", "closed").as_deref(),
            Some("161")
        );
    }

    #[test]
    fn an_attack_with_blades_is_unconventional_violence() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "The camp was attacked by militiamen armed with machetes",
                "attacked"
            )
            .as_deref(),
            Some("180")
        );
        assert_eq!(
            code_of(&lex, "Gunmen attacked the village with knives", "attacked").as_deref(),
            Some("180")
        );
        assert_eq!(
            code_of(&lex, "Troops attacked the town with howitzers", "attacked").as_deref(),
            Some("194")
        );
    }

    #[test]
    fn a_bomb_that_kills_is_a_bombing() {
        let lex = news_lexicon();
        for (text, want) in [
            ("A car bomb killed five policemen", "1832"),
            ("Two suicide bombers killed 23 people", "1831"),
            ("A roadside bomb killed two soldiers", "1833"),
            ("A bombing killed three people", "183"),
            ("Troops killed ten rebels", "190"),
        ] {
            assert_eq!(
                code_of(&lex, text, "killed").as_deref(),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn preventing_a_demonstration_restricts_political_freedom() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "Police prevented the demonstration by students",
                "prevented"
            )
            .as_deref(),
            Some("1721")
        );
        assert_eq!(
            code_of(&lex, "The army prevented the convoy", "prevented").as_deref(),
            Some("120")
        );
        // postponing one is its organisers' choice, no repression
        assert_ne!(
            code_of(&lex, "The unions postponed the demonstration", "postponed").as_deref(),
            Some("1721")
        );
    }

    #[test]
    fn breaking_relations_is_161() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "Ethiopia has broken relations with Libya", "broken").as_deref(),
            Some("161")
        );
        assert_eq!(
            code_of(&lex, "Qatar broke off diplomatic ties with Egypt", "broke").as_deref(),
            Some("161")
        );
        assert_eq!(
            code_of(&lex, "The army broke the siege of the city", "broke").as_deref(),
            Some("190")
        );
    }

    #[test]
    fn agreeing_to_a_ceasefire_is_intent_to_de_escalate() {
        // CAMEO.2.0's AGREE block: "* (TO &CEASEFIRE) [0356]"; declaring one is 0871
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "Bosnia and Slovenia agreed to a ceasefire", "agreed").as_deref(),
            Some("0356")
        );
        assert_eq!(
            code_of(&lex, "The rebels agreed to a truce", "agreed").as_deref(),
            Some("0356")
        );
    }

    #[test]
    fn shunning_work_or_classes_is_a_strike() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(&lex, "Palestinians shunned work on Monday", "shunned").as_deref(),
            Some("143")
        );
        assert_eq!(
            code_of(&lex, "Students boycotted classes", "boycotted").as_deref(),
            Some("143")
        );
        assert_eq!(
            code_of(&lex, "They shunned the envoy", "shunned").as_deref(),
            Some("170")
        );
        assert_eq!(
            code_of(&lex, "Washington boycotted Iranian oil", "boycotted").as_deref(),
            Some("163")
        );
    }

    #[test]
    fn training_is_coded_only_with_what_is_trained() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "North Korea has trained 500 computer hackers",
                "trained"
            ),
            None
        );
        assert_eq!(code_of(&lex, "The train derailed near Kiev", "train"), None);
        assert_eq!(
            code_of(&lex, "Iran trained fighters in Syria", "trained").as_deref(),
            Some("072")
        );
        assert_eq!(
            code_of(
                &lex,
                "Russia will expand the training of Egyptian military personnel",
                "training"
            )
            .as_deref(),
            Some("072")
        );
    }

    fn news_lexicon() -> Lexicon {
        let mut lex = Lexicon::default();
        lex.add_dictionary(include_str!("../../../../data/events/cameo-verbs.txt"), 0);
        lex.add_dictionary(include_str!("../../../../data/events/news-verbs.txt"), 1);
        lex
    }

    #[test]
    fn news_verbs_code_as_the_cameo_manual_says() {
        let lex = news_lexicon();
        let cases = [
            (
                "Christopher telephoned Kozyrev on Tuesday",
                "telephoned",
                "041",
            ),
            ("Mitterand gave a warm welcome to de Klerk", "gave", "043"),
            (
                "Czechia and Albania upgraded their diplomatic ties",
                "upgraded",
                "050",
            ),
            (
                "French and Egyptian warships launched 10 days of war games",
                "launched",
                "062",
            ),
            (
                "The United States continued to send arms to Pakistan",
                "send",
                "072",
            ),
            (
                "Swiss doctors handed over medicine to the Red Crescent",
                "handed",
                "073",
            ),
            ("Bashir shortened the nightly curfew", "shortened", "0813"),
            (
                "Serbia eased emergency measures in the province",
                "eased",
                "0814",
            ),
            (
                "The government accepted demands from the rebels",
                "accepted",
                "083",
            ),
            ("The union called off a four-day strike", "called", "082"),
            (
                "Five hundred rebels surrendered last week",
                "surrendered",
                "0874",
            ),
            ("The court opened a hearing into the case", "opened", "090"),
            ("Peru issued an ultimatum to Ecuador", "issued", "139"),
            ("A businessman is suing the United States", "suing", "115"),
            (
                "Nigeria summoned the ambassador to complain",
                "summoned",
                "110",
            ),
            (
                "The rebels dismissed an appeal from the president",
                "dismissed",
                "120",
            ),
            (
                "The opposition organized a general strike",
                "organized",
                "143",
            ),
            ("Britain mobilized army reservists", "mobilized", "154"),
            (
                "Italy announced a suspension of air links with Serbia",
                "suspension",
                "161",
            ),
            ("Syrian officers ended mediation efforts", "ended", "165"),
            (
                "The UN reduced food supplies to the camp",
                "reduced",
                "1623",
            ),
            (
                "Switzerland expelled two Russian diplomats",
                "expelled",
                "161",
            ),
            ("North Korea expelled the inspectors", "expelled", "1662"),
            ("Settlers set fire to the offices", "set", "1712"),
            (
                "The government declared a state of siege",
                "declared",
                "1724",
            ),
            ("A roadside bombing killed a soldier", "bombing", "1833"),
            ("Forces have retaken a strategic village", "retaken", "192"),
            ("Greece plans to impose restrictions", "plans", ""),
        ];
        for (text, verb, want) in cases {
            let got = code_of(&lex, text, verb).unwrap_or_default();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn cameo_blocks_without_a_default_get_the_codebooks() {
        let lex = news_lexicon();
        let cases = [
            // EMBRACE, REFUSE, PERPETUATE and HACK have no default in CAMEO.2.0
            (
                "Denmark accepted a formula for ending the dispute",
                "accepted",
                "030",
            ),
            (
                "The minister accepted responsibility for the failure",
                "accepted",
                "015",
            ),
            (
                "The district denied land allocation for the temple",
                "denied",
                "120",
            ),
            ("Moscow denied the accusations", "denied", "016"),
            (
                "Moscow denied that its troops crossed the border",
                "denied",
                "016",
            ),
            (
                "Vietnam is committed to opening up the economy",
                "committed",
                "030",
            ),
            ("The rebels committed atrocities", "committed", ""),
            (
                "North Korea tried to hack into the computers of officers",
                "hack",
                "176",
            ),
            ("Militiamen hacked villagers to death", "hacked", "1823"),
            // IMPEL codes PRESSURE as coercion; pushing another party to act is a demand
            (
                "Authorities pressured workers to cancel the strike",
                "pressured",
                "100",
            ),
            // the content of a demand is not a pattern word of the DEMAND block
            (
                "Washington demanded that Hamas renounce its armed struggle against Israel",
                "demanded",
                "100",
            ),
            ("Czechia upgraded ties after an 18-year break", "break", ""),
            ("The army broke the siege of the town", "broke", "190"),
            (
                "Congress lifted the embargo with strings attached",
                "attached",
                "",
            ),
            ("Sweden decided to send them back to Bulgaria", "back", ""),
            ("Russia backed the plan to end the war", "backed", "050"),
            ("Algeria's leading human rights activist", "leading", ""),
            ("The minister was leading a delegation", "leading", "036"),
            ("The government declared a state of siege", "siege", ""),
            ("The army laid siege to the town", "siege", "190"),
            ("following the partial peace deal", "deal", ""),
            ("the August peace accord between the parties", "accord", ""),
            ("until they gain control of villages", "control", ""),
            (
                "The ministry controls the border crossings",
                "controls",
                "060",
            ),
            ("misusing $50 million in public funds", "funds", ""),
            ("Talks took place in Istanbul", "took", ""),
            ("Turkey took steps to improve relations", "took", ""),
            ("Rebels took the town", "took", "192"),
            (
                "A judge ordered the former president to appear",
                "ordered",
                "100",
            ),
            ("Lavrov headed to Ankara", "headed", "042"),
            // CAMEO.2.0 has no URGE; the codebook's appeal (02) and its subcodes
            ("Russia urged Ukraine to return to talks", "urged", "026"),
            (
                "Egypt urged both sides to agree a ceasefire",
                "urged",
                "0256",
            ),
            ("The minister urged calm", "urged", "020"),
            ("The court ruled that the group was illegal", "ruled", "010"),
            ("Iran refused the American offer", "refused", "127"),
            ("Iran refused the request", "refused", "120"),
            ("Russia refused to meet Ukraine", "refused", ""),
            ("The EU sanctioned Russian officials", "sanctioned", "163"),
            (
                "China slammed the United States over tariffs",
                "slammed",
                "111",
            ),
            ("A car slammed into a checkpoint", "slammed", ""),
            ("Russia sold fighter jets to Egypt", "sold", "062"),
            ("China sold oil to India", "sold", "061"),
            (
                "Russia delivered air defence systems to Turkey",
                "delivered",
                "072",
            ),
            (
                "He declined to resign despite growing pressure",
                "pressure",
                "",
            ),
            (
                "Iran is under pressure from the United States",
                "pressure",
                "",
            ),
            // PHYSICAL_CONFLICT leaves "&AIRCRAFT" after the verb uncoded
            ("Ukraine attacked a refinery with drones", "attacked", "195"),
            ("Rebels attacked a drone", "attacked", "190"),
            ("Russia attacked Ukraine", "attacked", "190"),
            (
                "Russia expanded military cooperation with Egypt",
                "expanded",
                "062",
            ),
            (
                "China strengthened economic cooperation with Egypt",
                "strengthened",
                "061",
            ),
            ("Russia expanded cooperation with Egypt", "expanded", "050"),
            (
                "Saudi Arabia received the Iranian foreign minister",
                "received",
                "043",
            ),
            ("Egypt received a letter from the president", "received", ""),
            (
                "Egypt received a call from the Russian president",
                "received",
                "041",
            ),
            ("Egypt received weapons from Russia", "received", ""),
            (
                "Egypt participated in the BRICS summit",
                "participated",
                "046",
            ),
            (
                "Iran participated in naval exercises",
                "participated",
                "062",
            ),
            ("Egypt participated in the elections", "participated", ""),
            (
                "Russia welcomed the decision to join BRICS",
                "welcomed",
                "051",
            ),
            ("Egypt welcomed Shoigu to Cairo", "welcomed", "043"),
            (
                "The UN sent military personnel to Bosnia to investigate",
                "sent",
                "090",
            ),
        ];
        for (text, verb, want) in cases {
            let got = code_of(&lex, text, verb).unwrap_or_default();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn fighting_as_a_background_is_no_action() {
        let lex = news_lexicon();
        assert_eq!(
            code_of(
                &lex,
                "They agreed to a ceasefire after two days of fierce fighting",
                "fighting"
            ),
            None
        );
        assert_eq!(
            code_of(&lex, "Heavy fighting erupted near the border", "fighting").as_deref(),
            Some("190")
        );
    }
}
