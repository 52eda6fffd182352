//! Word tokens with char and byte offsets, shared by the coder and the fallback actor lookup.

/// One token: a word (letters, digits, inner hyphens and dots), a possessive `'s`, or one
/// punctuation char.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Char offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// Byte offsets into the document text.
    pub bstart: usize,
    pub bend: usize,
    pub lower: String,
    pub is_word: bool,
    /// First char is uppercase.
    pub cap: bool,
}

/// The token range `s0..s1` of `sent`, for sentences visited in order: `cursor` starts at 0 and
/// is left after the sentence's last token.
pub(crate) fn sentence_tokens(
    toks: &[Tok],
    sent: &attache_model::Span,
    cursor: &mut usize,
) -> (usize, usize) {
    while *cursor < toks.len() && toks[*cursor].start < sent.start {
        *cursor += 1;
    }
    let s0 = *cursor;
    while *cursor < toks.len() && toks[*cursor].start < sent.end {
        *cursor += 1;
    }
    (s0, *cursor)
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Tokenises `text`. Never fails; non-letters other than inner `-`, `.`, `'` are single-char
/// punctuation tokens, whitespace is dropped.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if word_char(c) {
            let s = i;
            i += 1;
            while i < n {
                let c = chars[i].1;
                if word_char(c) {
                    i += 1;
                } else if matches!(c, '-' | '.' | '\'' | '’')
                    && i + 1 < n
                    && word_char(chars[i + 1].1)
                {
                    // "'s" after a word is its own token
                    if matches!(c, '\'' | '’')
                        && matches!(chars[i + 1].1, 's' | 'S')
                        && (i + 2 >= n || !word_char(chars[i + 2].1))
                    {
                        break;
                    }
                    if c == '.' {
                        let prev_len = i - s;
                        let digit = chars[i - 1].1.is_ascii_digit();
                        let single = prev_len == 1 || (i >= 2 && chars[i - 2].1 == '.');
                        if !(digit || single) {
                            break;
                        }
                    }
                    i += 1;
                } else if c == '.' && i - s == 1 && chars[s].1.is_uppercase() {
                    // "U.S." keeps its final dot
                    i += 1;
                    break;
                } else {
                    break;
                }
            }
            push(&mut toks, text, &chars, s, i, true, byte_at(s), byte_at(i));
            continue;
        }
        if matches!(c, '\'' | '’')
            && i + 1 < n
            && matches!(chars[i + 1].1, 's' | 'S')
            && (i + 2 >= n || !word_char(chars[i + 2].1))
        {
            push(
                &mut toks,
                text,
                &chars,
                i,
                i + 2,
                true,
                byte_at(i),
                byte_at(i + 2),
            );
            i += 2;
            continue;
        }
        push(
            &mut toks,
            text,
            &chars,
            i,
            i + 1,
            false,
            byte_at(i),
            byte_at(i + 1),
        );
        i += 1;
    }
    toks
}

#[allow(clippy::too_many_arguments)]
fn push(
    toks: &mut Vec<Tok>,
    text: &str,
    chars: &[(usize, char)],
    s: usize,
    e: usize,
    is_word: bool,
    bs: usize,
    be: usize,
) {
    let raw = &text[bs..be];
    let mut lower = raw.to_lowercase();
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    toks.push(Tok {
        start: s,
        end: e,
        bstart: bs,
        bend: be,
        lower,
        is_word,
        cap: chars[s].1.is_uppercase(),
    });
}

/// A simple sentence splitter for when no sentence spans are given: ends at `.`, `!`, `?`
/// followed by whitespace and an uppercase letter, digit or quote, or at a blank line. Returns
/// char spans.
pub fn split_sentences(text: &str) -> Vec<attache_model::Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let n = chars.len();
    let mut i = 0;
    let abbrev = |end: usize| {
        // word before the dot
        let mut s = end;
        while s > 0 && chars[s - 1].is_alphabetic() {
            s -= 1;
        }
        let w: String = chars[s..end].iter().collect();
        (end - s == 1 && chars[s].is_uppercase())
            || matches!(
                w.as_str(),
                "Mr" | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "St"
                    | "Gen"
                    | "Col"
                    | "Lt"
                    | "Sgt"
                    | "Prof"
                    | "Jan"
                    | "Feb"
                    | "Aug"
                    | "Sept"
                    | "Sep"
                    | "Oct"
                    | "Nov"
                    | "Dec"
                    | "No"
                    | "Inc"
                    | "Corp"
                    | "Co"
                    | "Ltd"
                    | "vs"
                    | "Rep"
                    | "Sen"
                    | "Gov"
                    | "Maj"
                    | "Capt"
            )
    };
    while i < n {
        let c = chars[i];
        let para = c == '\n' && i + 1 < n && chars[i + 1] == '\n';
        let end_punct = matches!(c, '.' | '!' | '?')
            && i + 2 < n
            && chars[i + 1].is_whitespace()
            && {
                let mut j = i + 1;
                while j < n && chars[j].is_whitespace() {
                    j += 1;
                }
                j < n
                    && (chars[j].is_uppercase()
                        || chars[j].is_ascii_digit()
                        || matches!(chars[j], '"' | '“' | '\''))
            }
            && !(c == '.' && abbrev(i));
        if para || end_punct || i + 1 == n {
            let end = if para { i } else { i + 1 };
            let (mut s, mut e) = (start, end.min(n));
            while s < e && chars[s].is_whitespace() {
                s += 1;
            }
            while e > s && chars[e - 1].is_whitespace() {
                e -= 1;
            }
            if e > s {
                out.push(attache_model::Span { start: s, end: e });
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}
