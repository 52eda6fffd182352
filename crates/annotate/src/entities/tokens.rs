//! Word tokens with byte offsets, as the recogniser needs them.

/// A token: byte range into the text.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    /// Starts with a Latin capital (or is a particle like "al-" before a capitalised word).
    pub cap: bool,
    /// A word token (letters/digits), not punctuation.
    pub word: bool,
    /// Joined to the previous token by a hyphen ("el-Sisi").
    pub hyphen_before: bool,
}

fn is_latin_upper(c: char) -> bool {
    c.is_uppercase() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// Tokenise `text[from..to]`: words (with inner apostrophes, possessive "'s" split off), dotted
/// acronyms ("U.S."), and single punctuation characters; whitespace is skipped.
pub fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let slice = &text[from..to];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars[k].0 } else { slice.len() };
    let mut i = 0;
    let mut prev_hyphen = false;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() {
            prev_hyphen = false;
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // Dotted acronym: U.S., U.A.E.
            if is_latin_upper(c) && i + 3 < n + 1 {
                let mut j = i;
                while j + 1 < n && is_latin_upper(chars[j].1) && chars[j + 1].1 == '.' {
                    j += 2;
                }
                if j - i >= 4 && (j >= n || !chars[j].1.is_alphanumeric()) {
                    out.push(Tok {
                        s: from + b,
                        e: from + end_of(j),
                        cap: true,
                        word: true,
                        hyphen_before: prev_hyphen,
                    });
                    prev_hyphen = false;
                    i = j;
                    continue;
                }
            }
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if (d == '\'' || d == '’' || d == '&')
                    && j + 1 < n
                    && chars[j + 1].1.is_alphanumeric()
                {
                    // Possessive 's is its own token.
                    let rest_s =
                        chars[j + 1].1 == 's' && (j + 2 >= n || !chars[j + 2].1.is_alphanumeric());
                    if rest_s {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(Tok {
                s: from + b,
                e: from + end_of(j),
                cap: is_latin_upper(c),
                word: true,
                hyphen_before: prev_hyphen,
            });
            prev_hyphen = false;
            i = j;
            continue;
        }
        let possessive = (c == '\'' || c == '’')
            && i + 1 < n
            && chars[i + 1].1 == 's'
            && (i + 2 >= n || !chars[i + 2].1.is_alphanumeric());
        let len = if possessive { 2 } else { 1 };
        out.push(Tok {
            s: from + b,
            e: from + end_of(i + len),
            cap: false,
            word: false,
            hyphen_before: false,
        });
        prev_hyphen = c == '-';
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        let t = "Israel’s strikes on the U.S. base; el-Sisi, O'Brien.";
        let mut v = Vec::new();
        tokenize(t, 0, t.len(), &mut v);
        let words: Vec<&str> = v.iter().map(|k| &t[k.s..k.e]).collect();
        assert_eq!(
            words,
            vec![
                "Israel", "’s", "strikes", "on", "the", "U.S.", "base", ";", "el", "-", "Sisi",
                ",", "O'Brien", "."
            ]
        );
        assert!(v[10].hyphen_before);
    }
}
