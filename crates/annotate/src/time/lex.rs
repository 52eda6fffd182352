//! Tokenizer for the time grammar: runs of letters, runs of digits and single other characters,
//! each with its char offsets and whether whitespace precedes it.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Digits,
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub kind: Kind,
    /// The token as written.
    pub text: &'a str,
    /// Lowercased (ASCII) for words, the text otherwise.
    pub lower: String,
    /// Char offsets into the text.
    pub start: usize,
    pub end: usize,
    /// Whitespace (or the start of the text) precedes this token.
    pub space_before: bool,
    /// A line break precedes this token (a paragraph or title boundary).
    pub newline_before: bool,
    /// The first character is uppercase.
    pub cap: bool,
    /// Numeric value of a run of at most 9 digits.
    pub num: Option<u32>,
}

impl Tok<'_> {
    pub fn ndigits(&self) -> usize {
        if self.kind == Kind::Digits {
            self.text.len()
        } else {
            0
        }
    }
}

fn class(c: char) -> u8 {
    if c.is_alphabetic() {
        1
    } else if c.is_ascii_digit() {
        2
    } else if c.is_whitespace() {
        0
    } else {
        3
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut chars = text.char_indices().peekable();
    let mut ci = 0usize; // char index of the next char
    let mut space = true;
    let mut newline = true;
    while let Some((b, c)) = chars.next() {
        let cl = class(c);
        if cl == 0 {
            space = true;
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                newline = true;
            }
            ci += 1;
            continue;
        }
        let start = ci;
        let mut end_b = b + c.len_utf8();
        ci += 1;
        if cl == 1 || cl == 2 {
            while let Some(&(b2, c2)) = chars.peek() {
                if class(c2) != cl {
                    break;
                }
                end_b = b2 + c2.len_utf8();
                ci += 1;
                chars.next();
            }
        }
        let s = &text[b..end_b];
        let kind = match cl {
            1 => Kind::Word,
            2 => Kind::Digits,
            _ => Kind::Punct,
        };
        let lower = if kind == Kind::Word {
            s.to_lowercase()
        } else {
            s.to_string()
        };
        let num = if kind == Kind::Digits && s.len() <= 9 {
            s.parse().ok()
        } else {
            None
        };
        toks.push(Tok {
            kind,
            text: s,
            lower,
            start,
            end: ci,
            space_before: space,
            newline_before: newline,
            cap: c.is_uppercase(),
            num,
        });
        space = false;
        newline = false;
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_chars() {
        let t = tokenize("Über 3:30 p.m., 1990s–2000");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Über", "3", ":", "30", "p", ".", "m", ".", ",", "1990", "s", "–", "2000"
            ]
        );
        assert_eq!((t[0].start, t[0].end), (0, 4));
        assert_eq!((t[12].start, t[12].end), (22, 26));
        assert!(t[1].space_before && !t[2].space_before);
        assert_eq!(t[9].num, Some(1990));
    }
}
