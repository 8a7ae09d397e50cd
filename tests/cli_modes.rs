//! Exit codes of every mode, as pwsh gives them (powershell-language.md §4.3).

mod cli_common;

use cli_common::{script_stderr, Shell};

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// -File --------------------------------------------------------------------------------------

#[test]
fn file_normal_end_is_zero() {
    let shell = Shell::temp();
    let script = shell.script("ok.ps1", "Write-Output one\nWrite-Output two\n");
    let out = shell.run_file(&script, 0);
    assert_eq!(stdout_of(&out), "one\ntwo\n");
    assert_eq!(script_stderr(&out), "");
}

#[test]
fn file_with_non_terminating_error_is_still_zero() {
    let shell = Shell::temp();
    let script = shell.script("warn.ps1", "Write-Error 'not fatal'\nWrite-Output after\n");
    let out = shell.run_file(&script, 0);
    assert_eq!(stdout_of(&out), "after\n");
    assert!(
        script_stderr(&out).contains("not fatal"),
        "{}",
        script_stderr(&out)
    );
}

#[test]
fn file_exit_n_gives_n_and_stops() {
    let shell = Shell::temp();
    let script = shell.script(
        "exit.ps1",
        "Write-Output before\nexit 7\nWrite-Output after\n",
    );
    let out = shell.run_file(&script, 7);
    assert_eq!(stdout_of(&out), "before\n");
}

#[test]
fn file_terminating_error_is_one_and_says_how_far_it_got() {
    let shell = Shell::temp();
    let script = shell.script(
        "throw.ps1",
        "Write-Output before\nthrow 'boom'\nWrite-Output after\n",
    );
    let out = shell.run_file(&script, 1);
    assert_eq!(stdout_of(&out), "before\n");
    let err = script_stderr(&out);
    assert!(err.contains("boom"), "{err}");
    assert!(err.contains("stopped at statement 2 of 3"), "{err}");
}

#[test]
fn file_parse_error_is_one_and_runs_nothing() {
    let shell = Shell::temp();
    let script = shell.script("broken.ps1", "Write-Output before\nif (\n");
    let out = shell.run_file(&script, 1);
    assert_eq!(
        stdout_of(&out),
        "",
        "nothing of a script with a parse error runs"
    );
    assert!(!script_stderr(&out).is_empty());
}

#[test]
fn positional_script_is_the_same_as_file() {
    let shell = Shell::temp();
    shell.script("exit.ps1", "exit 9\n");
    shell.cmd().arg("exit.ps1").assert().code(9);
    shell.cmd().args(["-nop", "exit.ps1"]).assert().code(9);
}

#[test]
fn script_arguments_reach_the_script_untouched() {
    let shell = Shell::temp();
    shell.script("args.ps1", "foreach ($a in $args) { Write-Output $a }\n");
    let out = shell
        .cmd()
        .args(["–File", "args.ps1", "-Name:value", "-Verbose", "two words"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout_of(&out), "-Name:value\n-Verbose\ntwo words\n");
}

#[test]
fn exit_codes_wrap_like_the_operating_system() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args(["-c", "exit 300"])
        .assert()
        .code(300 % 256);
    shell.cmd().args(["-c", "exit -1"]).assert().code(255);
}

// -Command -----------------------------------------------------------------------------------

#[test]
fn command_success_is_zero() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-Command", "Write-Output hi"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout_of(&out), "hi\n");
}

#[test]
fn command_takes_the_rest_of_the_line_joined_with_spaces() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-Command", "Write-Output", "a b"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(stdout_of(&out), "a\nb\n");
}

#[test]
fn command_failed_last_statement_is_one() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args(["-Command", "Write-Output a; Write-Error 'last failed'"])
        .assert()
        .code(1);
}

#[test]
fn command_failure_before_the_last_statement_is_zero() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args(["-Command", "Write-Error 'early'; Write-Output a"])
        .assert()
        .code(0);
}

#[test]
fn command_exit_n_gives_n() {
    let shell = Shell::temp();
    shell.cmd().args(["-Command", "exit 5"]).assert().code(5);
}

#[test]
fn command_throw_is_one() {
    let shell = Shell::temp();
    shell.cmd().args(["-Command", "throw 'x'"]).assert().code(1);
}

#[test]
fn command_parse_error_is_one() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args(["-Command", "Write-Output ("])
        .assert()
        .code(1);
}

// Standard input -----------------------------------------------------------------------------

#[test]
fn stdin_script_runs_like_a_command() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .write_stdin("Write-Output from-stdin\nexit 4\n")
        .assert()
        .code(4)
        .get_output()
        .clone();
    assert_eq!(stdout_of(&out), "from-stdin\n");
    shell
        .cmd()
        .write_stdin("Write-Output a\nWrite-Error 'last failed'\n")
        .assert()
        .code(1);
    shell.cmd().write_stdin("Write-Output a\n").assert().code(0);
}

#[test]
fn command_dash_and_file_dash_read_stdin() {
    let shell = Shell::temp();
    for flag in ["-Command", "-File"] {
        shell
            .cmd()
            .args([flag, "-"])
            .write_stdin("exit 3\n")
            .assert()
            .code(3);
    }
}

#[test]
fn empty_stdin_is_zero() {
    let shell = Shell::temp();
    shell.cmd().write_stdin("").assert().code(0).stdout("");
}
