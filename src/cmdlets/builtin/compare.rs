//! PowerShell's comparison rules, as the built-in cmdlets need them: Where-Object's operator
//! switches, Sort-Object's ordering, Group-Object's and Select-Object -Unique's equality, and
//! wildcard patterns for -Property, -Name and -Parameter.
//!
//! The rules: strings compare without regard to case unless asked; the right operand is
//! converted to the left one's type (`'10' -eq 10` is true); a collection on the left of an
//! equality or ordering operator matches when any element does.

use std::cmp::Ordering;

use crate::engine::value::Value;

/// A comparison operator of the simplified Where-Object syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    Match,
    NotMatch,
    Contains,
    NotContains,
    In,
    NotIn,
    Is,
    IsNot,
}

impl Op {
    /// The operator switch names (`EQ`, `NotLike`, …) as Where-Object declares them; the `C`
    /// prefix selects the case-sensitive form.
    pub const ALL: [(&'static str, Op); 16] = [
        ("EQ", Op::Eq),
        ("NE", Op::Ne),
        ("GT", Op::Gt),
        ("GE", Op::Ge),
        ("LT", Op::Lt),
        ("LE", Op::Le),
        ("Like", Op::Like),
        ("NotLike", Op::NotLike),
        ("Match", Op::Match),
        ("NotMatch", Op::NotMatch),
        ("Contains", Op::Contains),
        ("NotContains", Op::NotContains),
        ("In", Op::In),
        ("NotIn", Op::NotIn),
        ("Is", Op::Is),
        ("IsNot", Op::IsNot),
    ];
}

/// Whether `lhs <op> rhs` holds.
pub fn test(op: Op, lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    let cs = case_sensitive;
    match op {
        Op::Contains => items(lhs).iter().any(|i| equals(i, rhs, cs)),
        Op::NotContains => !items(lhs).iter().any(|i| equals(i, rhs, cs)),
        Op::In => items(rhs).iter().any(|i| equals(lhs, i, cs)),
        Op::NotIn => !items(rhs).iter().any(|i| equals(lhs, i, cs)),
        Op::Is => is_type(lhs, &rhs.to_ps_string()),
        Op::IsNot => !is_type(lhs, &rhs.to_ps_string()),
        _ => match lhs {
            Value::Array(elements) => elements.iter().any(|e| test_scalar(op, e, rhs, cs)),
            _ => test_scalar(op, lhs, rhs, cs),
        },
    }
}

fn items(v: &Value) -> Vec<Value> {
    v.clone().into_items()
}

fn test_scalar(op: Op, lhs: &Value, rhs: &Value, cs: bool) -> bool {
    let order = || compare(lhs, rhs, cs);
    match op {
        Op::Eq => equals(lhs, rhs, cs),
        Op::Ne => !equals(lhs, rhs, cs),
        Op::Gt => order() == Ordering::Greater,
        Op::Ge => order() != Ordering::Less,
        Op::Lt => order() == Ordering::Less,
        Op::Le => order() != Ordering::Greater,
        Op::Like => wildcard_match(&rhs.to_ps_string(), &lhs.to_ps_string(), cs),
        Op::NotLike => !wildcard_match(&rhs.to_ps_string(), &lhs.to_ps_string(), cs),
        Op::Match => regex_match(&rhs.to_ps_string(), &lhs.to_ps_string(), cs),
        Op::NotMatch => !regex_match(&rhs.to_ps_string(), &lhs.to_ps_string(), cs),
        Op::Contains | Op::NotContains | Op::In | Op::NotIn | Op::Is | Op::IsNot => {
            test(op, lhs, rhs, cs)
        }
    }
}

/// A number from a value the way comparison converts the right operand: numbers as they
/// are, strings when they parse (`"0x10"` too), booleans as 0/1.
fn number_of(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
                return i64::from_str_radix(hex, 16).ok().map(|i| i as f64);
            }
            t.parse::<f64>().ok()
        }
        other => other.as_f64(),
    }
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Double(_) | Value::NumberText(..))
}

/// PowerShell's ordering of two values: `$null` first, numbers numerically when the left is
/// a number (or both parse as numbers), dates by time, the rest as strings, without regard
/// to case unless `case_sensitive` (then lower case sorts before upper case, as .NET does).
pub fn compare(lhs: &Value, rhs: &Value, case_sensitive: bool) -> Ordering {
    match (lhs, rhs) {
        (Value::Null, Value::Null) => return Ordering::Equal,
        (Value::Null, _) => return Ordering::Less,
        (_, Value::Null) => return Ordering::Greater,
        _ => {}
    }
    if is_number(lhs) || is_number(rhs) {
        if let (Some(a), Some(b)) = (number_of(lhs), number_of(rhs)) {
            return a.partial_cmp(&b).unwrap_or(Ordering::Equal);
        }
    }
    match (lhs, rhs) {
        (Value::DateTime(a), Value::DateTime(b)) => return a.cmp(b),
        (Value::Bool(a) | Value::Switch(a), _) => return a.cmp(&rhs.is_truthy()),
        _ => {}
    }
    compare_text(&lhs.to_ps_string(), &rhs.to_ps_string(), case_sensitive)
}

fn compare_text(a: &str, b: &str, case_sensitive: bool) -> Ordering {
    let folded = a.to_lowercase().cmp(&b.to_lowercase());
    if folded != Ordering::Equal || !case_sensitive {
        return folded;
    }
    // Same letters: the first difference decides, lower case first.
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return if x.is_lowercase() {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
    }
    Ordering::Equal
}

/// `-eq`: booleans compare by truthiness of the right side, numbers numerically, the rest
/// as strings.
pub fn equals(lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    match (lhs, rhs) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Object(a), Value::Object(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Hashtable(a), Value::Hashtable(b)) => std::rc::Rc::ptr_eq(a, b),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equals(x, y, case_sensitive))
        }
        (Value::String(a), Value::String(b)) => {
            if case_sensitive {
                a == b
            } else {
                a.to_lowercase() == b.to_lowercase()
            }
        }
        _ => compare(lhs, rhs, case_sensitive) == Ordering::Equal,
    }
}

/// `-is`: the value's type against a type name written as PowerShell accepts it
/// (`string`, `[int]`, `System.String`, `PSCustomObject`).
fn is_type(v: &Value, type_name: &str) -> bool {
    let wanted = type_name
        .trim_matches(|c| c == '[' || c == ']')
        .to_ascii_lowercase();
    let wanted = wanted.strip_prefix("system.").unwrap_or(&wanted);
    let actual = v.type_name().to_ascii_lowercase();
    let actual = actual
        .strip_prefix("system.")
        .unwrap_or(&actual)
        .to_string();
    let alias = match wanted {
        "int" => "int32",
        "long" => "int64",
        "bool" => "boolean",
        "array" => "object[]",
        "hashtable" => "collections.hashtable",
        "pscustomobject" | "psobject" => return matches!(v, Value::Object(_)),
        "object" => return !v.is_null(),
        other => other,
    };
    actual == alias
}

/// PowerShell wildcards: `*`, `?`, `[abc]`, `[a-z]`, and a backtick escaping the next
/// character. Case-insensitive unless `case_sensitive`.
pub fn wildcard_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if case_sensitive {
            s.chars().collect()
        } else {
            s.to_lowercase().chars().collect()
        }
    };
    let p = fold(pattern);
    let t = fold(text);
    matches_from(&p, &t)
}

fn matches_from(p: &[char], t: &[char]) -> bool {
    // Iterative matching with backtracking to the last `*`, linear in practice.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ti));
                    pi += 1;
                    continue;
                }
                '?' => {
                    pi += 1;
                    ti += 1;
                    continue;
                }
                '[' => {
                    if let Some((matched, next)) = bracket(p, pi, t[ti]) {
                        if matched {
                            pi = next;
                            ti += 1;
                            continue;
                        }
                    } else if t[ti] == '[' {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
                '`' if pi + 1 < p.len() => {
                    if p[pi + 1] == t[ti] {
                        pi += 2;
                        ti += 1;
                        continue;
                    }
                }
                c => {
                    if c == t[ti] {
                        pi += 1;
                        ti += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, st)) => {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the bracket expression starting at `p[start] == '['`; returns
/// whether it matched and the index after `]`, or `None` when the bracket is not closed.
fn bracket(p: &[char], start: usize, c: char) -> Option<(bool, usize)> {
    let close = p[start + 1..].iter().position(|&x| x == ']')? + start + 1;
    let set = &p[start + 1..close];
    let mut i = 0;
    let mut matched = false;
    while i < set.len() {
        if i + 2 < set.len() && set[i + 1] == '-' {
            if set[i] <= c && c <= set[i + 2] {
                matched = true;
            }
            i += 3;
        } else {
            if set[i] == c {
                matched = true;
            }
            i += 1;
        }
    }
    Some((matched, close + 1))
}

/// Whether a pattern has wildcard characters (a name without them must match exactly, and
/// a miss is an error where PowerShell reports one).
pub fn has_wildcards(pattern: &str) -> bool {
    pattern.contains(['*', '?', '['])
}

fn regex_match(pattern: &str, text: &str, case_sensitive: bool) -> bool {
    let source = if case_sensitive {
        pattern.to_string()
    } else {
        format!("(?i){pattern}")
    };
    regex_lite::Regex::new(&source).is_ok_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_as_powershell() {
        assert!(wildcard_match("*jacobs*", "lyncserver.JACOBS.local", false));
        assert!(!wildcard_match("*jacobs*", "lyncserver.JACOBS.local", true));
        assert!(wildcard_match("Set-Cs?ebServer", "Set-CsWebServer", false));
        assert!(wildcard_match("[a-c]x", "bx", false));
        assert!(!wildcard_match("[a-c]x", "dx", false));
        assert!(wildcard_match("a`*", "a*", false));
        assert!(!wildcard_match("a`*", "ab", false));
        assert!(wildcard_match("*", "", false));
        assert!(!wildcard_match("a", "ab", false));
    }

    #[test]
    fn right_operand_converts_to_left_type() {
        assert!(equals(&Value::str("10"), &Value::Int(10), false));
        assert!(equals(&Value::Int(10), &Value::str("10"), false));
        assert!(test(Op::Gt, &Value::Int(10), &Value::str("9"), false));
        assert!(equals(&Value::Bool(true), &Value::str("false"), false));
    }

    #[test]
    fn strings_ignore_case_unless_asked() {
        assert!(!test(Op::Lt, &Value::str("aaa"), &Value::str("AAA"), false));
        assert!(test(Op::Lt, &Value::str("aaa"), &Value::str("AAA"), true));
        assert!(equals(&Value::str("Web"), &Value::str("WEB"), false));
        assert!(!equals(&Value::str("Web"), &Value::str("WEB"), true));
    }

    #[test]
    fn collections_contain_and_in() {
        let list = Value::from(vec!["a", "b"]);
        assert!(test(Op::Contains, &list, &Value::str("B"), false));
        assert!(!test(Op::Contains, &list, &Value::str("B"), true));
        assert!(test(Op::In, &Value::str("a"), &list, false));
        assert!(test(Op::NotIn, &Value::str("c"), &list, false));
        assert!(test(Op::Eq, &list, &Value::str("b"), false));
    }

    #[test]
    fn match_uses_regular_expressions() {
        assert!(test(
            Op::Match,
            &Value::str("pool01"),
            &Value::str("^pool\\d+$"),
            false
        ));
        assert!(!test(Op::Match, &Value::str("x"), &Value::str("("), false));
    }

    #[test]
    fn is_checks_type_names() {
        assert!(test(Op::Is, &Value::str("x"), &Value::str("string"), false));
        assert!(test(Op::Is, &Value::Int(1), &Value::str("[int]"), false));
        assert!(test(
            Op::IsNot,
            &Value::Int(1),
            &Value::str("string"),
            false
        ));
    }
}
