//! Control flow, errors and their records through real source text (issue 8 flow, §4).

mod eval_common;
use eval_common::*;
use lyncsh::engine::{RunStatus, SessionOptions};

fn lines(source: &str) -> Vec<String> {
    out(source).lines().map(str::to_string).collect()
}

#[test]
fn if_elseif_else() {
    assert_eq!(
        lines("$x = 5; if ($x -gt 10) { 'big' } elseif ($x -gt 3) { 'mid' } else { 'small' }"),
        ["mid"]
    );
    assert_eq!(lines("if ($null) { 'yes' } else { 'no' }"), ["no"]);
}

#[test]
fn loops() {
    assert_eq!(lines("foreach ($i in 1..3) { $i * 2 }"), ["2", "4", "6"]);
    assert_eq!(lines("foreach ($i in $null) { 'never' }; 'end'"), ["end"]);
    assert_eq!(
        lines("for ($i = 0; $i -lt 3; $i++) { $i }"),
        ["0", "1", "2"]
    );
    assert_eq!(lines("$i = 0; while ($i -lt 2) { $i; $i++ }"), ["0", "1"]);
    assert_eq!(
        lines("$i = 0; do { $i; $i++ } while ($i -lt 2)"),
        ["0", "1"]
    );
    assert_eq!(
        lines("$i = 0; do { $i; $i++ } until ($i -ge 2)"),
        ["0", "1"]
    );
}

#[test]
fn break_and_continue_with_labels() {
    assert_eq!(
        lines("foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }"),
        ["1", "3"]
    );
    let src = ":outer foreach ($i in 1..3) { foreach ($j in 1..3) { if ($j -eq 2) { continue outer }; if ($i -eq 3) { break outer }; \"$i$j\" } }";
    assert_eq!(lines(src), ["11", "21"]);
}

#[test]
fn switch_forms() {
    assert_eq!(
        lines("switch (2) { 1 { 'one' } 2 { 'two' } default { 'other' } }"),
        ["two"]
    );
    assert_eq!(
        lines("switch ('x') { 1 { 'one' } default { 'other' } }"),
        ["other"]
    );
    assert_eq!(lines("switch -Wildcard ('lyncserver.jacobs.local') { '*.local' { 'local' } 'lync*' { 'lync' } }"), ["local", "lync"]);
    assert_eq!(
        lines("switch -Regex ('port 5086') { 'port (\\d+)' { $Matches[1] } }"),
        ["5086"]
    );
    assert_eq!(
        lines("switch (1, 2, 3) { 2 { 'two'; break } default { $_ } }"),
        ["1", "two"]
    );
    assert_eq!(
        lines("switch ('a') { { $_ -eq 'a' } { 'block' } }"),
        ["block"]
    );
}

#[test]
fn throw_ends_the_script_with_its_record() {
    let r = run("'before'\nthrow 'bad thing'\n'after'");
    assert_eq!(r.out, "before\n");
    match &r.result.status {
        RunStatus::Terminated(rec) => {
            assert_eq!(rec.message, "bad thing");
            assert_eq!(rec.fully_qualified_error_id(), "bad thing");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(r.result.statements_run, 2);
    assert_eq!(r.result.statements_total, 3);
    assert_eq!(
        r.err,
        "bad thing\nAt line:2 char:1\n+ throw 'bad thing'\n+ ~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : OperationStopped: (bad thing:String) [], RuntimeException\n    + FullyQualifiedErrorId : bad thing\n"
    );
}

#[test]
fn caught_errors_do_not_end_the_script() {
    let r = run("try { throw 'oops' } catch { \"caught: $($_.Exception.Message)\" } finally { 'cleanup' }\n'after'");
    assert!(r.completed());
    assert_eq!(r.out, "caught: oops\ncleanup\nafter\n");
    assert!(r.err.is_empty());
}

#[test]
fn catch_by_type_and_error_record_members() {
    let src = "try { Get-Nothing } catch [System.Management.Automation.CommandNotFoundException] { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category } catch { 'generic' }";
    assert_eq!(lines(src), ["CommandNotFoundException", "ObjectNotFound"]);
    let src = "try { 1/0 } catch [System.IO.IOException] { 'io' } catch { 'generic' }";
    assert_eq!(lines(src), ["generic"]);
    assert_eq!(lines("try { throw 'x' } catch { \"$_\" }"), ["x"]);
}

#[test]
fn uncaught_type_falls_through() {
    let r = run("try { throw 'x' } catch [System.IO.IOException] { 'io' }\n'after'");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert!(!r.out.contains("after"));
}

#[test]
fn rethrow_keeps_the_original() {
    let r = run("try { throw 'inner' } catch { throw }");
    match &r.result.status {
        RunStatus::Terminated(rec) => assert_eq!(rec.message, "inner"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_action_preference_stop_makes_errors_terminating() {
    let r = run("$ErrorActionPreference = 'Stop'\nFind-Widget x\n'after'");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert!(!r.out.contains("after"));
    assert!(
        r.err.contains("Find-Widget : Widget 'x' was not found."),
        "{}",
        r.err
    );
    let src = "$ErrorActionPreference = 'Stop'; try { Find-Widget x; 'not here' } catch { \"caught $($_.Exception.Message)\" }";
    assert_eq!(lines(src), ["caught Widget 'x' was not found."]);
}

#[test]
fn non_terminating_errors_continue() {
    let r = run("Find-Widget a, b\n'after'\n$?");
    assert!(r.completed());
    assert_eq!(r.out, "done\nafter\nTrue\n");
    assert_eq!(r.err.matches("was not found").count(), 2);
    let r = run("Find-Widget a\n$?");
    assert!(r.out.ends_with("False\n"), "{}", r.out);
}

#[test]
fn statement_terminating_errors_continue_with_the_next_statement() {
    let r = run("Stop-Widget w\n'after'");
    assert!(r.completed());
    assert_eq!(r.out, "after\n");
    assert!(
        r.err.starts_with(
            "Stop-Widget : Widget 'w' is busy.\nAt line:1 char:1\n+ Stop-Widget w\n+ ~~~~~~~~~~~~~"
        ),
        "{}",
        r.err
    );
}

#[test]
fn trap_handles_errors() {
    assert_eq!(
        lines("trap { 'trapped'; continue }\nthrow 'x'\n'after'"),
        ["trapped", "after"]
    );
    let r = run("trap { 'trapped'; break }\nthrow 'x'\n'after'");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert_eq!(r.out, "trapped\n");
}

#[test]
fn exit_codes() {
    let r = run("'a'\nexit 3\n'b'");
    assert_eq!(r.result.status, RunStatus::Exited(3));
    assert_eq!(r.out, "a\n");
    assert_eq!(r.var("LASTEXITCODE"), "3");
}

#[test]
fn last_statement_failed_for_command_mode() {
    assert!(run("Find-Widget x").result.last_statement_failed);
    assert!(!run("Find-Widget x; 'ok'").result.last_statement_failed);
}

#[test]
fn parse_errors_run_nothing() {
    let r = run("'first'\nSet-Widget -Identity <Thumbprint>");
    assert!(matches!(r.result.status, RunStatus::ParseFailed(_)));
    assert!(r.out.is_empty());
    assert!(
        r.err
            .contains("The '<' operator is reserved for future use."),
        "{}",
        r.err
    );
    assert!(r.err.starts_with("At line:2 char:22\n"), "{}", r.err);
}

#[test]
fn script_errors_show_the_script_path() {
    let options = SessionOptions {
        script_path: Some("C:\\scripts\\x.ps1".into()),
        ..Default::default()
    };
    let r = run_with("\n  Stop-Widget w", options);
    assert!(
        r.err.contains("At C:\\scripts\\x.ps1:2 char:3\n"),
        "{}",
        r.err
    );
}

#[test]
fn error_variable_is_newest_first() {
    let r = run("Find-Widget a; Find-Widget b; $Error[0].Exception.Message; $Error.Count");
    assert!(
        r.out.ends_with("Widget 'b' was not found.\n2\n"),
        "{}",
        r.out
    );
}

#[test]
fn output_before_a_terminating_error_is_shown() {
    let r = run("function f { 'a'; throw 'x' }\nf\n'after'");
    assert_eq!(r.out, "a\n");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    let r = run("function f { 'a'; Stop-Widget w; 'b' }\nf");
    assert_eq!(r.out, "a\nb\n");
}
