//! What the binary prints: error records with their position and caret, colour rules, the
//! store creation notice, and a script applied to the draft as one unit.

mod cli_common;

use cli_common::{script_stderr, Shell, CREATED_PREFIX};

const ESC: u8 = 0x1b;

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&ESC)
}

#[test]
fn error_record_from_a_script_names_the_file_line_and_char() {
    let shell = Shell::temp();
    let script = shell.script("check.ps1", "Write-Output ok\n  Get-CsWebServer\n");
    let out = shell.run_file(&script, 0);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
    insta::assert_snapshot!(shell.redact(script_stderr(&out).as_bytes()), @r"
    Get-CsWebServer : The term 'Get-CsWebServer' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.
    At <work>/check.ps1:2 char:3
    +   Get-CsWebServer
    +   ~~~~~~~~~~~~~~~
        + CategoryInfo          : ObjectNotFound: (Get-CsWebServer:String) [], CommandNotFoundException
        + FullyQualifiedErrorId : CommandNotFoundException
        + Hint                  : There is no Get-CsWebServer in Lync Server: use Get-CsService -WebServer.
    ");
}

#[test]
fn placeholder_pasted_from_the_blog_is_a_parse_error_and_nothing_runs() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args([
            "-Command",
            "Write-Output first;",
            "Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint <Certificate Thumbprint>",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        out.stdout.is_empty(),
        "a script that does not parse runs nothing"
    );
    insta::assert_snapshot!(script_stderr(&out));
}

#[test]
fn binding_error_in_a_command_has_the_caret_under_the_parameter() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-c", "Get-CsSite -Identit London -Bogus 1"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    insta::assert_snapshot!(script_stderr(&out));
}

#[test]
fn colour_follows_clicolor_force_and_no_color() {
    let shell = Shell::temp();
    let command = ["-c", "Get-CsSite; Write-Error 'red'"];
    // Pipes are not terminals: no colour by default.
    let plain = shell.cmd().args(command).output().expect("run lyncsh");
    assert!(!has_escape(&plain.stdout) && !has_escape(&plain.stderr));
    let forced = shell
        .cmd()
        .args(command)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run lyncsh");
    assert!(has_escape(&forced.stdout), "list view labels are coloured");
    assert!(has_escape(&forced.stderr), "error records are red");
    for no_color in [
        vec![("NO_COLOR", "1")],
        vec![("NO_COLOR", "true"), ("CLICOLOR_FORCE", "1")],
    ] {
        let out = shell
            .cmd()
            .args(command)
            .envs(no_color.clone())
            .env("CLICOLOR_FORCE", "1")
            .output()
            .expect("run lyncsh");
        assert!(
            !has_escape(&out.stdout) && !has_escape(&out.stderr),
            "NO_COLOR wins: {no_color:?}"
        );
        assert_eq!(out.stdout, plain.stdout);
    }
    let flag = shell
        .cmd()
        .arg("--no-color")
        .args(command)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .expect("run lyncsh");
    assert!(!has_escape(&flag.stdout) && !has_escape(&flag.stderr));
}

#[test]
fn store_creation_is_announced_once_on_stderr() {
    let shell = Shell::temp();
    let first = shell
        .cmd()
        .args(["-c", "Write-Output x"])
        .output()
        .expect("run lyncsh");
    assert_eq!(
        first.stdout, b"x\n",
        "the notice never mixes with a script's output"
    );
    let err = shell.redact(&first.stderr);
    assert_eq!(
        err,
        format!(
            "{CREATED_PREFIX}'<store>' from the default topology (the seed's lab) as version 1.\n"
        )
    );
    let second = shell
        .cmd()
        .args(["-c", "Write-Output x"])
        .output()
        .expect("run lyncsh");
    assert!(second.stderr.is_empty());
}

#[test]
fn script_stopped_by_a_terminating_error_leaves_the_draft_as_it_was() {
    let shell = Shell::temp();
    shell.cmd().args(["-c", "exit 0"]).assert().code(0);
    let draft = shell.store.path().join("draft.yaml");
    let before = std::fs::read(&draft).expect("draft written at creation");
    let script = shell.script(
        "half.ps1",
        "New-CsAllowedDomain -Identity contoso.com\nthrow 'stop here'\nNew-CsAllowedDomain -Identity fabrikam.com\n",
    );
    let out = shell
        .cmd()
        .arg(&script)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = script_stderr(&out);
    assert!(err.contains("stop here"), "{err}");
    assert!(err.contains("stopped at statement 2 of 3"), "{err}");
    assert_eq!(std::fs::read(&draft).expect("draft"), before);
    shell
        .cmd()
        .args(["-c", "@(Get-CsAllowedDomain -Identity contoso.com).Count"])
        .assert()
        .stdout("0\n");
}

#[test]
fn script_that_ends_normally_keeps_its_changes() {
    let shell = Shell::temp();
    let script = shell.script(
        "add.ps1",
        "New-CsAllowedDomain -Identity contoso.com | Out-Null\nWrite-Error 'not fatal'\n",
    );
    shell.cmd().arg("-File").arg(&script).assert().code(0);
    shell
        .cmd()
        .args(["-c", "(Get-CsAllowedDomain -Identity contoso.com).Domain"])
        .assert()
        .code(0)
        .stdout("contoso.com\n");
}

#[test]
fn interactive_fallback_runs_each_line() {
    // Standard input is a pipe here, so the prompt is reached through -NoExit after a command.
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-NoExit", "-Command", "$x = 40"])
        .write_stdin("Write-Output ($x + 2)\nif ($x) {\nWrite-Output inside\n}\nexit 5\n")
        .assert()
        .code(5)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "PS lyncsh> 42\nPS lyncsh> >> >> inside\nPS lyncsh> "
    );
}

#[test]
fn interactive_shell_prompts_for_a_missing_mandatory_parameter() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-NoExit", "-Command", "$null"])
        .write_stdin("New-CsAllowedDomain | Out-Null\nfabrikam.com\n(Get-CsAllowedDomain -Identity fabrikam.com).Domain\n")
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "PS lyncsh> cmdlet New-CsAllowedDomain at command pipeline position 1\n\
         Supply values for the following parameters:\n\
         Identity: PS lyncsh> fabrikam.com\nPS lyncsh> "
    );
}

#[test]
fn non_interactive_missing_mandatory_parameter_is_an_error_not_a_wait() {
    let shell = Shell::temp();
    for args in [
        &["-Command", "New-CsAllowedDomain"][..],
        &[
            "-NonInteractive",
            "-NoExit",
            "-Command",
            "New-CsAllowedDomain",
        ],
    ] {
        let out = shell
            .cmd()
            .args(args)
            .write_stdin("fabrikam.com\n")
            .output()
            .expect("run lyncsh");
        let err = script_stderr(&out);
        assert!(err.contains("MissingMandatoryParameter"), "{args:?}: {err}");
    }
}
