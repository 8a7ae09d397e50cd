//! Multiple assignment `$a, $b = …`: each target takes one element of the right-hand side,
//! the last takes the rest, and only `=` may have several targets.

mod eval_common;
use eval_common::*;

use lyncsh::engine::value::Value;
use lyncsh::engine::RunStatus;

/// The variables a clean script leaves behind, by name.
fn vars<const N: usize>(source: &str, names: [&str; N]) -> [Value; N] {
    let r = run(source);
    assert!(
        r.completed() && r.err.is_empty(),
        "{source:?} failed:\n{}",
        r.err
    );
    names.map(|n| r.session.get_variable(n).unwrap_or(Value::Null))
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        other => panic!("expected an Int, got {other:?}"),
    }
}

fn ints(v: &Value) -> Vec<i64> {
    match v {
        Value::Array(items) => items.iter().map(int).collect(),
        other => panic!("expected an array, got {other:?}"),
    }
}

#[test]
fn one_element_per_target() {
    let [a, b] = vars("$a, $b = 1, 2", ["a", "b"]);
    assert_eq!((int(&a), int(&b)), (1, 2));
}

#[test]
fn the_last_target_takes_the_rest_as_an_array() {
    let [a, b, c] = vars("$a, $b, $c = 1, 2, 3, 4, 5", ["a", "b", "c"]);
    assert_eq!((int(&a), int(&b)), (1, 2));
    assert_eq!(ints(&c), [3, 4, 5]);
    assert_eq!(
        out("$a, $b, $c = 1, 2, 3, 4, 5; $c.GetType().Name; $c.Count"),
        "Object[]\n3\n"
    );
}

#[test]
fn targets_without_an_element_are_null() {
    let [a, b] = vars("$b = 'old'; $a, $b = 1", ["a", "b"]);
    assert_eq!(int(&a), 1);
    assert!(matches!(b, Value::Null), "{b:?}");
    let [x, y, z] = vars("$x, $y, $z = 1, 2", ["x", "y", "z"]);
    assert_eq!((int(&x), int(&y)), (1, 2));
    assert!(matches!(z, Value::Null), "{z:?}");
}

#[test]
fn a_scalar_right_hand_side_is_one_element() {
    let [s, t] = vars("$s, $t = 'only'", ["s", "t"]);
    assert!(matches!(&s, Value::String(v) if v == "only"), "{s:?}");
    assert!(matches!(t, Value::Null), "{t:?}");
    let [h, rest] = vars("$h, $rest = @{ k = 1 }", ["h", "rest"]);
    assert!(matches!(h, Value::Hashtable(_)), "{h:?}");
    assert!(matches!(rest, Value::Null), "{rest:?}");
}

#[test]
fn a_command_splits_its_output() {
    assert_eq!(
        out("$first, $rest = Get-Widget; $first.Name; $rest.Count; $rest.Name"),
        "alpha\n2\nbeta\ngamma\n"
    );
    assert_eq!(
        out("$first, $rest = Get-Widget -Name alpha; $first.Name; $null -eq $rest"),
        "alpha\nTrue\n"
    );
    assert_eq!(
        out("$first, $rest = Get-Widget | Write-Echo; $first.Name; $rest.Name"),
        "alpha\nbeta\ngamma\n"
    );
}

#[test]
fn the_right_side_is_evaluated_before_any_target_changes() {
    let [a, b] = vars("$a = 1; $b = 2; $a, $b = $b, $a", ["a", "b"]);
    assert_eq!((int(&a), int(&b)), (2, 1));
}

#[test]
fn any_assignable_expression_is_a_target() {
    let source = "$arr = 1, 2, 3; $h = @{}; $o = [pscustomobject]@{ P = 0 }
$arr[1], $h['k'], $o.P, [int]$n = 'x', 'y', 'z', '42'
$arr -join ','; $h['k']; $o.P; $n.GetType().Name; $n + 1";
    assert_eq!(out(source), "1,x,3\ny\nz\nInt32\n43\n");
    // A parenthesised target is what it wraps; a parenthesised list is itself split.
    assert_eq!(out("($x) = 5; ($x) += 1; $x"), "6\n");
    assert_eq!(out("$x, ($y, $z) = 1, (2, 3); \"$x $y $z\""), "1 2 3\n");
}

#[test]
fn a_typed_target_converts_its_element() {
    let r = run("[int]$n, $m = 'abc', 1");
    assert!(
        r.err
            .contains("Cannot convert value \"abc\" to type \"System.Int32\""),
        "{}",
        r.err
    );
}

#[test]
fn the_statement_writes_nothing() {
    assert_eq!(out("$a, $b = 1, 2"), "");
    assert_eq!(out("$a, $b = Get-Widget"), "");
}

#[test]
fn compound_operators_take_one_target() {
    for source in ["$a, $b += 1", "$a = 1\n$a, $b -= 1"] {
        let r = run(source);
        assert!(
            matches!(r.result.status, RunStatus::ParseFailed(_)),
            "{source:?}: {:?}",
            r.result.status
        );
        assert!(r.out.is_empty(), "{}", r.out);
        let line = source.lines().count();
        assert!(
            r.err.starts_with(&format!("At line:{line} char:1\n")),
            "{}",
            r.err
        );
        assert!(
            r.err.contains(
                "The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property."
            ),
            "{}",
            r.err
        );
        assert!(r.err.contains("InvalidLeftHandSide"), "{}", r.err);
    }
}
