//! Invoke-Expression, Remove-Variable and Set-StrictMode through real source text.

use std::cell::RefCell;
use std::rc::Rc;

use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{Host, Session, SessionOptions};

#[derive(Clone, Default)]
struct Capture {
    out: Rc<RefCell<String>>,
    err: Rc<RefCell<String>>,
}

impl Host for Capture {
    fn write_out(&mut self, text: &str) {
        self.out.borrow_mut().push_str(text);
    }
    fn write_err(&mut self, text: &str) {
        self.err.borrow_mut().push_str(text);
    }
}

/// Output and error text of a script run in a fresh session with the built-in cmdlets.
fn run(source: &str) -> (String, String) {
    let mut registry = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut registry);
    let host = Capture::default();
    let mut session = Session::new(registry, Box::new(host.clone()), SessionOptions::default());
    session.run(source);
    let out = host.out.borrow().clone();
    let err = host.err.borrow().clone();
    (out, err)
}

fn clean(source: &str) -> String {
    let (out, err) = run(source);
    assert!(err.is_empty(), "unexpected errors for {source:?}:\n{err}");
    out
}

#[test]
fn invoke_expression_runs_in_the_callers_scope() {
    assert_eq!(clean("Invoke-Expression '$a = 2 + 3'; $a"), "5\n");
    assert_eq!(
        clean("'1..3 | ForEach-Object { $_ * 2 }' | iex"),
        "2\n4\n6\n"
    );
    assert_eq!(
        clean("try { Invoke-Expression 'throw \"boom\"' } catch { \"caught $($_.Exception.Message)\" }"),
        "caught boom\n"
    );
}

#[test]
fn invoke_expression_reports_a_parse_error() {
    let (out, err) = run("Invoke-Expression 'Get-Date ('; 'after'");
    assert!(err.contains("ParserError"), "{err}");
    assert_eq!(out, "after\n");
}

#[test]
fn remove_variable_by_name_wildcard_and_scope() {
    assert_eq!(
        clean("$pool = 1; $port = 2; $keep = 3; Remove-Variable po*; \"[$pool][$port][$keep]\""),
        "[][][3]\n"
    );
    assert_eq!(
        clean(
            "$x = 'g'; function f { $x = 'l'; Remove-Variable x -Scope Global; $x }; f; \"[$x]\""
        ),
        "l\n[]\n"
    );
    let (_, err) = run("Remove-Variable nothere");
    assert!(
        err.contains("Cannot find a variable with the name 'nothere'.")
            && err.contains("VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand")
                | err.contains("VariableNotFound,Remove-Variable"),
        "{err}"
    );
}

#[test]
fn strict_mode_1_rejects_unset_variables_outside_strings() {
    let (out, err) = run("Set-StrictMode -Version 1; \"[$nope]\"; $nope; 'next'");
    assert_eq!(out, "[]\nnext\n");
    assert!(
        err.contains("The variable '$nope' cannot be retrieved because it has not been set.")
            && err.contains("VariableIsUndefined")
            && err.contains("InvalidOperation"),
        "{err}"
    );
    // Property reads stay lenient under version 1.
    assert_eq!(
        clean("Set-StrictMode -Version 1; $o = [pscustomobject]@{a = 1}; \"[$($o.b)]\""),
        "[]\n"
    );
}

#[test]
fn strict_mode_2_covers_strings_and_missing_properties() {
    let (_, err) = run("Set-StrictMode -Version 2; \"[$nope]\"");
    assert!(err.contains("'$nope' cannot be retrieved"), "{err}");
    let (_, err) =
        run("Set-StrictMode -Version Latest; $o = [pscustomobject]@{a = $null}; $o.a; $o.b");
    assert!(
        err.contains(
            "The property 'b' cannot be found on this object. Verify that the property exists."
        ) && err.contains("PropertyNotFoundStrict"),
        "{err}"
    );
    assert_eq!(err.matches("PropertyNotFoundStrict").count(), 1, "{err}");
    // Hashtable keys are dynamic: a missing one is $null even in strict mode.
    assert_eq!(
        clean("Set-StrictMode -Version 2; $h = @{}; $null -eq $h.missing"),
        "True\n"
    );
}

#[test]
fn strict_mode_applies_to_child_scopes_and_turns_off() {
    let (out, err) = run(
        "Set-StrictMode -Version 1; function f { $inner }; f; Set-StrictMode -Off; $later; 'ok'",
    );
    assert!(err.contains("'$inner' cannot be retrieved"), "{err}");
    assert_eq!(out, "ok\n");
    // Set in a function, it ends with the function.
    assert_eq!(
        clean("function f { Set-StrictMode -Version 1 }; f; $null -eq $unset"),
        "True\n"
    );
}

#[test]
fn strict_mode_rejects_an_unknown_version() {
    let (_, err) = run("Set-StrictMode -Version 9");
    assert!(
        err.contains("Cannot validate argument on parameter 'Version'."),
        "{err}"
    );
}

#[test]
fn strict_mode_2_refuses_commands_called_like_methods() {
    let (out, err) = run(
        "function f($a, $b) { \"$a|$b\" }; f(1,2); Set-StrictMode -Version 2; f (1,2); f 1 2; f(1,2); 'next'",
    );
    // Without strict mode, and with a space, the parenthesised list is one argument.
    assert_eq!(out, "1 2|\n1 2|\n1|2\nnext\n");
    assert!(
        err.contains("The function or command was called as if it were a method. Parameters should be separated by spaces.")
            && err.contains("StrictModeFunctionCallWithParens")
            && err.contains("At line:1 char:84"),
        "{err}"
    );
    assert_eq!(
        err.matches("StrictModeFunctionCallWithParens").count(),
        1,
        "{err}"
    );
}

#[test]
fn strict_mode_3_refuses_indexes_past_the_ends_of_an_array() {
    assert_eq!(
        clean("Set-StrictMode -Version 2; $a = 1,2; \"[$($a[5])]\""),
        "[]\n"
    );
    let (out, err) = run("Set-StrictMode -Version Latest; $a = 1,2; $a[-1]; $a[5]; $a[-3]; 'next'");
    assert_eq!(out, "2\nnext\n");
    assert_eq!(
        err.matches("Index was outside the bounds of the array.")
            .count(),
        2,
        "{err}"
    );
    assert!(err.contains("IndexOutOfRange"), "{err}");
}

#[test]
fn write_error_inside_a_function_is_reported_as_the_functions_at_its_call() {
    let (out, err) = run(
        "function Test-Inner { Write-Error 'went wrong' }\nfunction Test-Outer { Test-Inner }\nTest-Outer\n$ErrorActionPreference = 'Stop'; try { Test-Inner } catch { $_.CategoryInfo.Activity; $_.FullyQualifiedErrorId }",
    );
    assert_eq!(
        out,
        "Write-Error\nMicrosoft.PowerShell.Commands.WriteErrorException,Test-Inner\n"
    );
    assert!(
        err.starts_with(
            "Test-Inner : went wrong\nAt line:2 char:23\n+ function Test-Outer { Test-Inner }\n+                       ~~~~~~~~~~\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("    + CategoryInfo          : NotSpecified: (:) [Write-Error], WriteErrorException\n")
            && err.contains("    + FullyQualifiedErrorId : Microsoft.PowerShell.Commands.WriteErrorException,Test-Inner\n"),
        "{err}"
    );
    // At top level it stays Write-Error's own.
    let (_, err) = run("Write-Error 'top'");
    assert!(err.starts_with("Write-Error : top\n"), "{err}");
}
