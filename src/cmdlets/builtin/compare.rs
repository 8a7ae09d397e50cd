//! The comparisons the built-in cmdlets make, expressed through the engine's operators so
//! that `Where-Object Port -gt 100` means exactly what `$_.Port -gt 100` means: Where-Object's
//! operator switches, Sort-Object's ordering, equality for -Unique and Compare-Object, and
//! wildcards for -Property, -Name and -Parameter.

use std::cmp::Ordering;

use crate::engine::convert::Ty;
use crate::engine::ops;
use crate::engine::value::Value;
use crate::lang::ast::{Case, CompareOp};

pub use crate::engine::wildcard::{has_wildcards, wildcard_match};

/// A comparison operator of the simplified Where-Object syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Compare(CompareOp),
    Is,
    IsNot,
}

impl Op {
    /// The operator switch names (`EQ`, `NotLike`, …) as Where-Object declares them; a `C`
    /// prefix selects the case-sensitive form.
    pub const ALL: [(&'static str, Op); 16] = [
        ("EQ", Op::Compare(CompareOp::Eq)),
        ("NE", Op::Compare(CompareOp::Ne)),
        ("GT", Op::Compare(CompareOp::Gt)),
        ("GE", Op::Compare(CompareOp::Ge)),
        ("LT", Op::Compare(CompareOp::Lt)),
        ("LE", Op::Compare(CompareOp::Le)),
        ("Like", Op::Compare(CompareOp::Like)),
        ("NotLike", Op::Compare(CompareOp::NotLike)),
        ("Match", Op::Compare(CompareOp::Match)),
        ("NotMatch", Op::Compare(CompareOp::NotMatch)),
        ("Contains", Op::Compare(CompareOp::Contains)),
        ("NotContains", Op::Compare(CompareOp::NotContains)),
        ("In", Op::Compare(CompareOp::In)),
        ("NotIn", Op::Compare(CompareOp::NotIn)),
        ("Is", Op::Is),
        ("IsNot", Op::IsNot),
    ];
}

fn case(case_sensitive: bool) -> Case {
    if case_sensitive {
        Case::Sensitive
    } else {
        Case::Insensitive
    }
}

/// Whether `lhs <op> rhs` holds, as the operator's result is truthy in an `if`. A comparison
/// the operator rejects (an invalid regular expression) does not hold.
pub fn test(op: Op, lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    match op {
        Op::Compare(op) => {
            ops::compare(op, case(case_sensitive), lhs, rhs, &mut None).is_ok_and(|v| v.is_truthy())
        }
        Op::Is => is_type(lhs, rhs),
        Op::IsNot => !is_type(lhs, rhs),
    }
}

/// `-is` with the type written as a string (`string`, `[int]`, `System.String[]`).
fn is_type(value: &Value, type_name: &Value) -> bool {
    let text = type_name.to_ps_string();
    let name = text.trim().trim_start_matches('[');
    let name = name.strip_suffix(']').unwrap_or(name);
    let (name, is_array) = match name.strip_suffix("[]") {
        Some(base) => (base, true),
        None => (name, false),
    };
    Ty::from_script(name, is_array).is_some_and(|ty| ops::is_type(value, &ty))
}

/// Sort-Object's ordering: the `-lt`/`-gt` ordering, and the values' text where the
/// operators cannot compare them (objects).
pub fn compare(lhs: &Value, rhs: &Value, case_sensitive: bool) -> Ordering {
    let case = case(case_sensitive);
    ops::ordering(lhs, rhs, case)
        .unwrap_or_else(|_| ops::compare_strings(&lhs.to_ps_string(), &rhs.to_ps_string(), case))
}

/// `-eq`.
pub fn equals(lhs: &Value, rhs: &Value, case_sensitive: bool) -> bool {
    ops::equals(lhs, rhs, case(case_sensitive))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(name: &str) -> Op {
        Op::ALL.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn operators_mean_what_the_language_means() {
        assert!(test(op("GT"), &Value::Int(10), &Value::str("9"), false));
        assert!(test(
            op("Like"),
            &Value::str("lync.JACOBS.local"),
            &Value::str("*jacobs*"),
            false
        ));
        assert!(!test(
            op("Like"),
            &Value::str("lync.JACOBS.local"),
            &Value::str("*jacobs*"),
            true
        ));
        let list = Value::from(vec!["a", "b"]);
        assert!(test(op("Contains"), &list, &Value::str("B"), false));
        assert!(test(op("In"), &Value::str("a"), &list, false));
        assert!(!test(
            op("Match"),
            &Value::str("x"),
            &Value::str("("),
            false
        ));
    }

    #[test]
    fn is_takes_type_names_as_written() {
        assert!(test(Op::Is, &Value::str("x"), &Value::str("string"), false));
        assert!(test(Op::Is, &Value::Int(1), &Value::str("[int]"), false));
        assert!(test(
            Op::IsNot,
            &Value::Int(1),
            &Value::str("System.String"),
            false
        ));
        assert!(!test(
            Op::Is,
            &Value::Int(1),
            &Value::str("NoSuchType"),
            false
        ));
    }

    #[test]
    fn sorting_falls_back_to_text_for_objects() {
        let a = crate::engine::value::PsObject::new("T")
            .with("Identity", "a")
            .into_value();
        let b = crate::engine::value::PsObject::new("T")
            .with("Identity", "b")
            .into_value();
        assert_eq!(compare(&a, &b, false), Ordering::Less);
        assert_eq!(
            compare(&Value::Int(3), &Value::Int(10), false),
            Ordering::Less
        );
        assert_eq!(compare(&Value::Null, &Value::Int(0), false), Ordering::Less);
    }
}
