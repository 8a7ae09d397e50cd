//! PowerShell wildcards (`-like`, `Get-Command *-Cs*`, `Select-Object Sip*`): `*` any run,
//! `?` one character, `[abc]` / `[a-z]` a set, and a backtick escaping the next character.
//! The whole text must match.

/// True when the text contains an unescaped wildcard character.
pub fn has_wildcards(pattern: &str) -> bool {
    let mut escaped = false;
    for c in pattern.chars() {
        match c {
            '`' if !escaped => escaped = true,
            '*' | '?' | '[' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

#[derive(Debug)]
enum Piece {
    Any,
    One,
    Literal(char),
    Set(Vec<(char, char)>),
}

fn compile(pattern: &str, case_sensitive: bool) -> Vec<Piece> {
    let fold = |c: char| {
        if case_sensitive {
            c
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    let chars: Vec<char> = pattern.chars().collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => pieces.push(Piece::Any),
            '?' => pieces.push(Piece::One),
            '`' if i + 1 < chars.len() => {
                i += 1;
                pieces.push(Piece::Literal(fold(chars[i])));
            }
            '[' => match chars[i + 1..].iter().position(|&c| c == ']') {
                Some(len) => {
                    let body = &chars[i + 1..i + 1 + len];
                    let mut ranges = Vec::new();
                    let mut j = 0;
                    while j < body.len() {
                        if j + 2 < body.len() && body[j + 1] == '-' {
                            ranges.push((fold(body[j]), fold(body[j + 2])));
                            j += 3;
                        } else {
                            ranges.push((fold(body[j]), fold(body[j])));
                            j += 1;
                        }
                    }
                    pieces.push(Piece::Set(ranges));
                    i += len + 1;
                }
                None => pieces.push(Piece::Literal('[')),
            },
            c => pieces.push(Piece::Literal(fold(c))),
        }
        i += 1;
    }
    pieces
}

/// Matches `text` against a wildcard `pattern`.
pub fn wildcard_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let pieces = compile(pattern, case_sensitive);
    let text: Vec<char> = if case_sensitive {
        text.chars().collect()
    } else {
        text.chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect()
    };
    // Iterative matching with backtracking to the last `*`: linear in practice.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        let step = match pieces.get(p) {
            Some(Piece::Any) => {
                star = Some((p, t));
                p += 1;
                continue;
            }
            Some(Piece::One) => true,
            Some(Piece::Literal(c)) => *c == text[t],
            Some(Piece::Set(ranges)) => ranges.iter().any(|(a, b)| (*a..=*b).contains(&text[t])),
            None => false,
        };
        if step {
            p += 1;
            t += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pieces[p..].iter().all(|piece| matches!(piece, Piece::Any))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_powershell() {
        assert!(wildcard_match("hello*", "Hello world", false));
        assert!(!wildcard_match("hello*", "Hello world", true));
        assert!(wildcard_match("*-Cs*", "Get-CsUser", false));
        assert!(wildcard_match("?at", "cat", false));
        assert!(!wildcard_match("?at", "at", false));
        assert!(wildcard_match("[a-c]x", "Bx", false));
        assert!(!wildcard_match("[a-c]x", "dx", false));
        assert!(wildcard_match("a`*", "a*", false));
        assert!(!wildcard_match("a`*", "ab", false));
        assert!(wildcard_match("*", "", false));
        assert!(wildcard_match("a*b*c", "aXXbYYc", false));
        assert!(!wildcard_match("a*b*c", "aXXbYY", false));
    }

    #[test]
    fn detects_wildcards() {
        assert!(has_wildcards("Get-*"));
        assert!(!has_wildcards("Get-CsUser"));
        assert!(!has_wildcards("a`*"));
    }
}
