//! PowerShell operators on values: arithmetic (with string and array forms), comparison
//! (case-insensitive by default, right side converted to the left side's type, collections
//! on the left filter), `-like`, `-match`, `-replace`, `-split`, `-join`, `-contains`,
//! `-in`, `-is` and ranges. Short-circuit `-and`/`-or` live in the evaluator.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use regex_lite::Regex;

use super::convert::{to_datetime, to_number, Ty};
use super::value::{Hashtable, Value};
use super::wildcard::wildcard_match;
use crate::lang::ast::{BinaryOp, Case, CompareOp};

/// A runtime error from an operator: PowerShell's message and error id.
#[derive(Clone, Debug, PartialEq)]
pub struct OpError {
    pub message: String,
    pub error_id: &'static str,
}

impl OpError {
    fn new(error_id: &'static str, message: impl Into<String>) -> OpError {
        OpError {
            message: message.into(),
            error_id,
        }
    }
}

/// Ranges larger than this are refused rather than exhausting memory.
const MAX_RANGE: i64 = 10_000_000;
/// Repetition (`'ab' * n`, `@(1) * n`) may not build more elements than this.
const MAX_REPEAT: usize = 10_000_000;

enum Num {
    I(i64),
    F(f64),
}

fn num(v: &Value) -> Option<Num> {
    match to_number(v)? {
        Value::Int(i) => Some(Num::I(i)),
        Value::Double(d) => Some(Num::F(d)),
        _ => None,
    }
}

fn num_or_err(v: &Value) -> Result<Num, OpError> {
    num(v).ok_or_else(|| {
        let target = if matches!(v, Value::String(s) if s.contains('.')) {
            "System.Double"
        } else {
            "System.Int32"
        };
        OpError::new(
            "InvalidCastFromStringToInteger",
            match v {
                Value::String(s) => format!(
                    "Cannot convert value \"{s}\" to type \"{target}\". Error: \"Input string was not in a correct format.\""
                ),
                other => format!(
                    "Cannot convert the \"{}\" value of type \"{}\" to type \"{target}\".",
                    other.to_ps_string(),
                    other.type_name()
                ),
            },
        )
    })
}

fn f(n: &Num) -> f64 {
    match n {
        Num::I(i) => *i as f64,
        Num::F(d) => *d,
    }
}

fn no_method(l: &Value, op: &str) -> OpError {
    OpError::new(
        "MethodNotFound",
        format!(
            "Method invocation failed because [{}] does not contain a method named '{op}'.",
            l.type_name()
        ),
    )
}

/// `+`: numbers add, strings concatenate, arrays append, hashtables merge.
pub fn add(l: &Value, r: &Value) -> Result<Value, OpError> {
    match l {
        Value::Null => Ok(r.clone()),
        Value::String(s) => Ok(Value::String(format!("{s}{}", r.to_ps_string()))),
        Value::Array(a) => {
            let mut out = a.clone();
            match r {
                Value::Array(b) => out.extend(b.iter().cloned()),
                v => out.push(v.clone()),
            }
            Ok(Value::Array(out))
        }
        Value::Hashtable(a) => {
            let Value::Hashtable(b) = r else {
                return Err(OpError::new(
                    "AddHashTableToNonHashTable",
                    "A hash table can only be added to another hash table.",
                ));
            };
            let mut merged = a.borrow().clone();
            for (k, v) in b.borrow().iter() {
                if merged.get(k).is_some() {
                    return Err(OpError::new(
                        "ArgumentException",
                        format!(
                            "Item has already been added. Key in dictionary: '{k}'  Key being added: '{k}'"
                        ),
                    ));
                }
                merged.insert(k.clone(), v.clone());
            }
            Ok(Value::Hashtable(Rc::new(RefCell::new(merged))))
        }
        Value::DateTime(t) => match r {
            v if v.as_f64().is_some() => Ok(Value::DateTime(
                t.saturating_add(v.as_f64().unwrap_or(0.0) as i64),
            )),
            _ => Err(no_method(l, "op_Addition")),
        },
        Value::Object(_) | Value::ScriptBlock(_) => Err(no_method(l, "op_Addition")),
        _ => arith(BinaryOp::Add, l, r),
    }
}

/// `$later - $earlier`: a TimeSpan with .NET's properties.
pub fn time_span(seconds: i64) -> Value {
    let total = seconds as f64;
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    super::value::PsObject::new("System.TimeSpan")
        .with("Days", days)
        .with("Hours", rest / 3600)
        .with("Minutes", rest % 3600 / 60)
        .with("Seconds", rest % 60)
        .with("TotalDays", Value::Double(total / 86_400.0))
        .with("TotalHours", Value::Double(total / 3600.0))
        .with("TotalMinutes", Value::Double(total / 60.0))
        .with("TotalSeconds", Value::Double(total))
        .into_value()
}

/// `-`, `*`, `/`, `%` and `+` on numbers; `*` also repeats strings and arrays.
pub fn arith(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, OpError> {
    if let (BinaryOp::Subtract, Value::DateTime(a)) = (op, l) {
        return match to_datetime(r) {
            Ok(b) => Ok(time_span(a.saturating_sub(b))),
            Err(_) => Err(no_method(l, "op_Subtraction")),
        };
    }
    if op == BinaryOp::Multiply {
        match l {
            Value::String(s) => {
                let n = count(r, s.len())?;
                return Ok(Value::String(s.repeat(n)));
            }
            Value::Array(a) => {
                let n = count(r, a.len())?;
                return Ok(Value::Array(
                    std::iter::repeat_n(a.iter().cloned(), n)
                        .flatten()
                        .collect(),
                ));
            }
            _ => {}
        }
    }
    let name = match op {
        BinaryOp::Add => "op_Addition",
        BinaryOp::Subtract => "op_Subtraction",
        BinaryOp::Multiply => "op_Multiply",
        BinaryOp::Divide => "op_Division",
        _ => "op_Modulus",
    };
    if matches!(
        l,
        Value::Object(_) | Value::Hashtable(_) | Value::Array(_) | Value::ScriptBlock(_)
    ) {
        return Err(no_method(l, name));
    }
    let (a, b) = (num_or_err(l)?, num_or_err(r)?);
    let divide_by_zero = || OpError::new("RuntimeException", "Attempted to divide by zero.");
    if let (Num::I(x), Num::I(y)) = (&a, &b) {
        let (x, y) = (*x, *y);
        let exact = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Subtract => x.checked_sub(y),
            BinaryOp::Multiply => x.checked_mul(y),
            BinaryOp::Divide => {
                if y == 0 {
                    return Err(divide_by_zero());
                }
                if x % y == 0 {
                    x.checked_div(y)
                } else {
                    return Ok(Value::Double(x as f64 / y as f64));
                }
            }
            _ => {
                if y == 0 {
                    return Err(divide_by_zero());
                }
                x.checked_rem(y)
            }
        };
        if let Some(v) = exact {
            return Ok(Value::Int(v));
        }
    }
    let (x, y) = (f(&a), f(&b));
    Ok(Value::Double(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::Divide => {
            if y == 0.0 {
                return Err(divide_by_zero());
            }
            x / y
        }
        _ => x % y,
    }))
}

/// How many times to repeat something of `unit` elements, refusing results too large to
/// build.
fn count(r: &Value, unit: usize) -> Result<usize, OpError> {
    let n = match num_or_err(r)? {
        Num::I(i) if i >= 0 => i as usize,
        Num::F(d) if d >= 0.0 => d.round_ties_even() as usize,
        _ => 0,
    };
    if n.saturating_mul(unit) > MAX_REPEAT {
        return Err(OpError::new(
            "RuntimeException",
            format!("The result would have more than {MAX_REPEAT} elements."),
        ));
    }
    Ok(n)
}

/// `-band`, `-bor`, `-bxor`, `-shl`, `-shr`.
pub fn bitwise(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, OpError> {
    let int = |v: &Value| -> Result<i64, OpError> {
        match num_or_err(v)? {
            Num::I(i) => Ok(i),
            Num::F(d) => Ok(d.round_ties_even() as i64),
        }
    };
    let (a, b) = (int(l)?, int(r)?);
    Ok(Value::Int(match op {
        BinaryOp::BitAnd => a & b,
        BinaryOp::BitOr => a | b,
        BinaryOp::BitXor => a ^ b,
        BinaryOp::ShiftLeft => a.wrapping_shl(b as u32),
        _ => a.wrapping_shr(b as u32),
    }))
}

/// `a..b`, inclusive, counting down when `a > b`.
pub fn range(l: &Value, r: &Value) -> Result<Value, OpError> {
    let bound = |v: &Value| -> Result<i64, OpError> {
        match num_or_err(v)? {
            Num::I(i) => Ok(i),
            Num::F(d) => Ok(d.round_ties_even() as i64),
        }
    };
    let (a, b) = (bound(l)?, bound(r)?);
    if (a - b).abs() >= MAX_RANGE {
        return Err(OpError::new(
            "RuntimeException",
            format!("The range {a}..{b} is too large; ranges are limited to {MAX_RANGE} elements."),
        ));
    }
    let items: Vec<Value> = if a <= b {
        (a..=b).map(Value::Int).collect()
    } else {
        (b..=a).rev().map(Value::Int).collect()
    };
    Ok(Value::Array(items))
}

fn fold(s: &str, case: Case) -> String {
    match case {
        Case::Insensitive => s.to_lowercase(),
        Case::Sensitive => s.to_string(),
    }
}

/// Culture-style string ordering: letters compare case-insensitively first, and only when
/// the texts are otherwise equal does lower case sort before upper case (`'aaa' -clt 'AAA'`).
pub fn compare_strings(a: &str, b: &str, case: Case) -> Ordering {
    let primary = a.to_lowercase().cmp(&b.to_lowercase());
    if primary != Ordering::Equal || case == Case::Insensitive {
        return primary;
    }
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return if x.is_lowercase() {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
    }
    a.len().cmp(&b.len())
}

/// `-eq` between two scalars: the right side is converted to the left side's type.
pub fn equals(l: &Value, r: &Value, case: Case) -> bool {
    match (l, r) {
        (Value::Null, r) => r.is_null(),
        (_, Value::Null) => false,
        (Value::String(a), r) => fold(a, case) == fold(&r.to_ps_string(), case),
        (Value::Bool(a) | Value::Switch(a), r) => *a == r.is_truthy(),
        (Value::Int(_) | Value::Double(_) | Value::NumberText(..), r) => match (num(l), num(r)) {
            (Some(Num::I(a)), Some(Num::I(b))) => a == b,
            (Some(a), Some(b)) => f(&a) == f(&b),
            _ => false,
        },
        (Value::DateTime(a), r) => to_datetime(r).is_ok_and(|b| *a == b),
        (Value::Hashtable(a), Value::Hashtable(b)) => Rc::ptr_eq(a, b),
        (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b),
        (Value::ScriptBlock(a), Value::ScriptBlock(b)) => Rc::ptr_eq(a, b),
        (Value::Array(a), Value::Array(b)) => std::ptr::eq(a, b),
        _ => false,
    }
}

/// Ordering for `-lt`/`-gt`/…; `$null` sorts before everything.
pub fn ordering(l: &Value, r: &Value, case: Case) -> Result<Ordering, OpError> {
    match (l, r) {
        (Value::Null, Value::Null) => Ok(Ordering::Equal),
        (Value::Null, _) => Ok(Ordering::Less),
        (_, Value::Null) => Ok(Ordering::Greater),
        (Value::String(a), r) => Ok(compare_strings(a, &r.to_ps_string(), case)),
        (Value::DateTime(a), r) => to_datetime(r)
            .map(|b| a.cmp(&b))
            .map_err(|e| cannot_compare(l, r, &e.message)),
        (
            Value::Int(_)
            | Value::Double(_)
            | Value::NumberText(..)
            | Value::Bool(_)
            | Value::Switch(_),
            r,
        ) => {
            let a = num(l).ok_or_else(|| cannot_compare(l, r, ""))?;
            let b = num_or_err(r).map_err(|e| cannot_compare(l, r, &e.message))?;
            Ok(match (a, b) {
                (Num::I(x), Num::I(y)) => x.cmp(&y),
                (a, b) => f(&a).partial_cmp(&f(&b)).unwrap_or(Ordering::Equal),
            })
        }
        _ => Err(OpError::new(
            "NotIcomparable",
            format!(
                "Cannot compare \"{}\" because it is not IComparable.",
                l.to_ps_string()
            ),
        )),
    }
}

fn cannot_compare(l: &Value, r: &Value, inner: &str) -> OpError {
    OpError::new(
        "ComparisonFailure",
        format!(
            "Could not compare \"{}\" to \"{}\". Error: \"{inner}\"",
            l.to_ps_string(),
            r.to_ps_string()
        ),
    )
}

/// Compiles a .NET-style pattern with regex-lite; case-insensitive unless asked otherwise.
pub fn regex(pattern: &str, case: Case) -> Result<Regex, OpError> {
    let source = match case {
        Case::Insensitive => format!("(?i){pattern}"),
        Case::Sensitive => pattern.to_string(),
    };
    Regex::new(&source).map_err(|e| {
        OpError::new(
            "InvalidRegularExpression",
            format!("The regular expression pattern {pattern} is not valid. {e}"),
        )
    })
}

/// `$Matches` for a successful match: group numbers and names to their text.
fn matches_table(re: &Regex, text: &str) -> Option<Value> {
    let caps = re.captures(text)?;
    let mut table = Hashtable::default();
    for (i, name) in re.capture_names().enumerate() {
        if let Some(m) = caps.get(i) {
            let key = match name {
                Some(n) => Value::str(n),
                None => Value::Int(i as i64),
            };
            table.insert(key, Value::str(m.as_str()));
        }
    }
    Some(Value::Hashtable(Rc::new(RefCell::new(table))))
}

/// A comparison-family operator. Scalar `-match` stores `$Matches` in `matches`.
pub fn compare(
    op: CompareOp,
    case: Case,
    l: &Value,
    r: &Value,
    matches: &mut Option<Value>,
) -> Result<Value, OpError> {
    match op {
        CompareOp::Replace => return replace(l, r, case),
        CompareOp::Split => return split(l, r, case),
        CompareOp::Join => return Ok(join(l, r)),
        CompareOp::Contains | CompareOp::NotContains => {
            let found = l.clone().into_items().iter().any(|i| equals(i, r, case));
            return Ok(Value::Bool(found == (op == CompareOp::Contains)));
        }
        CompareOp::In | CompareOp::NotIn => {
            let found = r.clone().into_items().iter().any(|i| equals(i, l, case));
            return Ok(Value::Bool(found == (op == CompareOp::In)));
        }
        _ => {}
    }
    if let Value::Array(items) = l {
        let mut kept = Vec::new();
        for item in items {
            if compare_scalar(op, case, item, r, &mut None)? {
                kept.push(item.clone());
            }
        }
        return Ok(Value::Array(kept));
    }
    compare_scalar(op, case, l, r, matches).map(Value::Bool)
}

fn compare_scalar(
    op: CompareOp,
    case: Case,
    l: &Value,
    r: &Value,
    matches: &mut Option<Value>,
) -> Result<bool, OpError> {
    Ok(match op {
        CompareOp::Eq => equals(l, r, case),
        CompareOp::Ne => !equals(l, r, case),
        CompareOp::Gt => ordering(l, r, case)? == Ordering::Greater,
        CompareOp::Ge => ordering(l, r, case)? != Ordering::Less,
        CompareOp::Lt => ordering(l, r, case)? == Ordering::Less,
        CompareOp::Le => ordering(l, r, case)? != Ordering::Greater,
        CompareOp::Like | CompareOp::NotLike => {
            let hit = wildcard_match(
                &r.to_ps_string(),
                &l.to_ps_string(),
                case == Case::Sensitive,
            );
            hit == (op == CompareOp::Like)
        }
        CompareOp::Match | CompareOp::NotMatch => {
            let re = regex(&r.to_ps_string(), case)?;
            let text = l.to_ps_string();
            let table = matches_table(&re, &text);
            let hit = table.is_some();
            if table.is_some() {
                *matches = table;
            }
            hit == (op == CompareOp::Match)
        }
        _ => false,
    })
}

/// .NET replacement syntax (`$1`, `${name}`, `$0`, `$$`) translated for regex-lite, which
/// would otherwise read `$1a` as a group named `1a`.
fn replacement(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
            let digits: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            out.push_str(&format!("${{{digits}}}"));
            i += 1 + digits.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn replace(l: &Value, r: &Value, case: Case) -> Result<Value, OpError> {
    let (pattern, with) = match r {
        Value::Array(a) if a.len() >= 2 => (a[0].to_ps_string(), a[1].to_ps_string()),
        Value::Array(a) if a.len() == 1 => (a[0].to_ps_string(), String::new()),
        v => (v.to_ps_string(), String::new()),
    };
    let re = regex(&pattern, case)?;
    let with = replacement(&with);
    let one = |v: &Value| {
        Value::String(
            re.replace_all(&v.to_ps_string(), with.as_str())
                .into_owned(),
        )
    };
    Ok(match l {
        Value::Array(items) => Value::Array(items.iter().map(one).collect()),
        v => one(v),
    })
}

fn split(l: &Value, r: &Value, case: Case) -> Result<Value, OpError> {
    let (pattern, max) = match r {
        Value::Array(a) if a.len() >= 2 => {
            (a[0].to_ps_string(), a[1].as_f64().unwrap_or(0.0) as usize)
        }
        v => (v.to_ps_string(), 0),
    };
    let re = regex(&pattern, case)?;
    let mut out = Vec::new();
    for item in l.clone().into_items() {
        let text = item.to_ps_string();
        let parts: Vec<&str> = if max > 0 {
            re.splitn(&text, max).collect()
        } else {
            re.split(&text).collect()
        };
        out.extend(parts.into_iter().map(Value::str));
    }
    Ok(Value::Array(out))
}

/// Unary `-split`: on runs of whitespace, dropping empty ends.
pub fn split_whitespace(v: &Value) -> Value {
    Value::Array(
        v.clone()
            .into_items()
            .iter()
            .flat_map(|i| {
                i.to_ps_string()
                    .split_whitespace()
                    .map(Value::str)
                    .collect::<Vec<_>>()
            })
            .collect(),
    )
}

/// `-join`: items as strings with the separator between them.
pub fn join(l: &Value, r: &Value) -> Value {
    let sep = r.to_ps_string();
    Value::String(
        l.clone()
            .into_items()
            .iter()
            .map(Value::to_ps_string)
            .collect::<Vec<_>>()
            .join(&sep),
    )
}

/// `-is`: whether the value is of the type (every non-null value is an `[object]`).
pub fn is_type(v: &Value, ty: &Ty) -> bool {
    use super::convert::IntKind;
    match (ty, v) {
        (_, Value::Null) => false,
        (Ty::Object | Ty::PsObject, _) => true,
        (Ty::String, Value::String(_)) => true,
        (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Switch, Value::Switch(_)) => true,
        (Ty::Int(IntKind::Int32), Value::Int(i)) => i32::try_from(*i).is_ok(),
        (Ty::Int(IntKind::Int32), Value::NumberText(d, _)) => d.fract() == 0.0,
        (Ty::Int(IntKind::Int64), Value::Int(i)) => i32::try_from(*i).is_err(),
        (Ty::Double, Value::Double(_)) => true,
        (Ty::DateTime, Value::DateTime(_)) => true,
        (Ty::ScriptBlock, Value::ScriptBlock(_)) => true,
        (Ty::Hashtable, Value::Hashtable(h)) => !h.borrow().ordered,
        (Ty::Ordered, Value::Hashtable(h)) => h.borrow().ordered,
        (Ty::PsCustomObject, Value::Object(_)) => true,
        (Ty::Array(_), Value::Array(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(op: CompareOp, case: Case, l: Value, r: Value) -> Value {
        compare(op, case, &l, &r, &mut None).unwrap()
    }
    fn s(x: &str) -> Value {
        Value::str(x)
    }
    fn ints(v: &[i64]) -> Value {
        Value::Array(v.iter().map(|i| Value::Int(*i)).collect())
    }

    #[test]
    fn comparisons_from_the_reference() {
        use Case::*;
        assert!(cmp(CompareOp::Lt, Sensitive, s("aaa"), s("AAA")).is_truthy());
        assert!(!cmp(CompareOp::Lt, Insensitive, s("aaa"), s("AAA")).is_truthy());
        assert_eq!(
            cmp(CompareOp::Gt, Insensitive, ints(&[1, 2, 3]), Value::Int(1)).to_ps_string(),
            "2 3"
        );
        assert!(cmp(CompareOp::Eq, Insensitive, s("10"), Value::Int(10)).is_truthy());
        assert!(cmp(CompareOp::Eq, Insensitive, Value::Int(10), s("10")).is_truthy());
        assert!(cmp(CompareOp::Like, Insensitive, s("Hello world"), s("hello*")).is_truthy());
        assert!(!cmp(CompareOp::Eq, Sensitive, s("a"), s("A")).is_truthy());
        assert!(cmp(CompareOp::Eq, Insensitive, s("a"), s("A")).is_truthy());
        assert!(!cmp(CompareOp::Eq, Insensitive, Value::Int(0), Value::Null).is_truthy());
        assert!(cmp(CompareOp::Lt, Insensitive, Value::Null, Value::Int(1)).is_truthy());
        assert!(cmp(CompareOp::Eq, Insensitive, Value::Bool(true), s("false")).is_truthy());
        let empty = cmp(
            CompareOp::Eq,
            Insensitive,
            Value::Array(vec![]),
            Value::Int(3),
        );
        assert!(matches!(empty, Value::Array(a) if a.is_empty()));
        assert!(cmp(CompareOp::Contains, Insensitive, ints(&[1, 2]), s("2")).is_truthy());
        assert!(cmp(
            CompareOp::In,
            Insensitive,
            s("B"),
            Value::Array(vec![s("a"), s("b")])
        )
        .is_truthy());
        assert!(cmp(
            CompareOp::NotIn,
            Sensitive,
            s("B"),
            Value::Array(vec![s("a"), s("b")])
        )
        .is_truthy());
        assert!(compare(
            CompareOp::Gt,
            Insensitive,
            &Value::Int(5),
            &s("abc"),
            &mut None
        )
        .is_err());
    }

    #[test]
    fn match_sets_matches_and_replace_uses_groups() {
        let mut m = None;
        assert!(compare(
            CompareOp::Match,
            Case::Insensitive,
            &s("Port 5086"),
            &s(r"port (\d+)"),
            &mut m
        )
        .unwrap()
        .is_truthy());
        let Some(Value::Hashtable(h)) = m else {
            panic!("no $Matches")
        };
        assert_eq!(
            h.borrow().get(&Value::Int(1)).unwrap().to_ps_string(),
            "5086"
        );
        assert_eq!(
            h.borrow().get(&Value::Int(0)).unwrap().to_ps_string(),
            "Port 5086"
        );
        let r = cmp(
            CompareOp::Replace,
            Case::Insensitive,
            s("John Smith"),
            Value::Array(vec![s(r"(\w+) (\w+)"), s("$2, $1")]),
        );
        assert_eq!(r.to_ps_string(), "Smith, John");
        let r = cmp(
            CompareOp::Replace,
            Case::Insensitive,
            s("aXa"),
            Value::Array(vec![s("x"), s("$0$0")]),
        );
        assert_eq!(r.to_ps_string(), "aXXa");
        assert_eq!(
            cmp(CompareOp::Replace, Case::Insensitive, s("abc"), s("B")).to_ps_string(),
            "ac"
        );
    }

    #[test]
    fn split_and_join() {
        assert_eq!(
            cmp(CompareOp::Split, Case::Insensitive, s("a,b,c"), s(",")).to_display_string(),
            "{a, b, c}"
        );
        assert_eq!(
            cmp(
                CompareOp::Split,
                Case::Insensitive,
                s("a,b,c"),
                Value::Array(vec![s(","), Value::Int(2)])
            )
            .to_display_string(),
            "{a, b,c}"
        );
        assert_eq!(
            split_whitespace(&s("  a  b ")).to_display_string(),
            "{a, b}"
        );
        assert_eq!(join(&ints(&[1, 2, 3]), &s(", ")).to_ps_string(), "1, 2, 3");
    }

    #[test]
    fn arithmetic_follows_powershell() {
        assert_eq!(add(&s("a"), &Value::Int(1)).unwrap().to_ps_string(), "a1");
        assert_eq!(add(&Value::Int(1), &s("2")).unwrap().to_ps_string(), "3");
        assert!(add(&Value::Int(1), &s("x")).is_err());
        assert_eq!(
            add(&ints(&[1]), &ints(&[2, 3]))
                .unwrap()
                .to_display_string(),
            "{1, 2, 3}"
        );
        assert_eq!(
            arith(BinaryOp::Multiply, &s("ab"), &Value::Int(3))
                .unwrap()
                .to_ps_string(),
            "ababab"
        );
        assert_eq!(
            arith(BinaryOp::Divide, &Value::Int(6), &Value::Int(4))
                .unwrap()
                .to_ps_string(),
            "1.5"
        );
        assert!(matches!(
            arith(BinaryOp::Divide, &Value::Int(6), &Value::Int(3)).unwrap(),
            Value::Int(2)
        ));
        assert_eq!(
            arith(BinaryOp::Divide, &Value::Int(1), &Value::Int(0))
                .unwrap_err()
                .message,
            "Attempted to divide by zero."
        );
        assert!(matches!(
            arith(BinaryOp::Add, &Value::Int(i64::MAX), &Value::Int(1)).unwrap(),
            Value::Double(_)
        ));
        assert_eq!(
            add(&Value::Null, &Value::Int(1)).unwrap().to_ps_string(),
            "1"
        );
        assert_eq!(
            range(&Value::Int(3), &Value::Int(1))
                .unwrap()
                .to_display_string(),
            "{3, 2, 1}"
        );
        assert_eq!(
            arith(
                BinaryOp::Subtract,
                &Value::NumberText(10485760.0, "10MB".into()),
                &Value::Int(1)
            )
            .unwrap()
            .to_ps_string(),
            "10485759"
        );
    }

    #[test]
    fn type_tests() {
        assert!(is_type(
            &Value::Int(5),
            &Ty::Int(super::super::convert::IntKind::Int32)
        ));
        assert!(is_type(&s("x"), &Ty::String));
        assert!(!is_type(&Value::Null, &Ty::Object));
        assert!(is_type(&ints(&[1]), &Ty::Array(Box::new(Ty::Object))));
    }
}
