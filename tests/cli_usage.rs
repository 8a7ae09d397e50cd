//! The command line itself: help, version, PowerShell-style flags, and bad usage (exit 64).

mod cli_common;

use cli_common::Shell;

fn store_is_untouched(shell: &Shell) {
    let entries = std::fs::read_dir(shell.store.path())
        .expect("store folder")
        .count();
    assert_eq!(entries, 0, "bad usage must not create the store");
}

#[test]
fn help_lists_the_modes_and_flags() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .arg("--help")
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert!(out.stderr.is_empty());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
}

#[test]
fn powershell_help_spellings_print_the_same_help() {
    let shell = Shell::temp();
    let help = shell
        .cmd()
        .arg("--help")
        .output()
        .expect("run lyncsh")
        .stdout;
    for spelling in ["-Help", "-?", "-h", "–help", "-HELP"] {
        shell
            .cmd()
            .arg(spelling)
            .assert()
            .code(0)
            .stdout(help.clone());
    }
}

#[test]
fn version() {
    let shell = Shell::temp();
    let expected = format!("lyncsh {}\n", env!("CARGO_PKG_VERSION"));
    for spelling in ["--version", "-Version", "-v"] {
        shell
            .cmd()
            .arg(spelling)
            .assert()
            .code(0)
            .stdout(expected.clone());
    }
    store_is_untouched(&shell);
}

#[test]
fn unknown_flag_is_bad_usage() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .arg("-Frobnicate")
        .assert()
        .code(64)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @r"
    lyncsh: The parameter '-Frobnicate' is not recognized.
    Run 'lyncsh -Help' for usage.
    ");
    store_is_untouched(&shell);
}

#[test]
fn ambiguous_prefix_is_bad_usage() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-no", "-c", "1"])
        .assert()
        .code(64)
        .get_output()
        .clone();
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @r"
    lyncsh: The parameter '-no' is ambiguous. Possible matches include: -NoProfile, -NonInteractive, -NoLogo, -NoExit, -NoColor.
    Run 'lyncsh -Help' for usage.
    ");
}

#[test]
fn missing_values_are_bad_usage() {
    let shell = Shell::temp();
    shell.cmd().arg("-File").assert().code(64);
    shell.cmd().arg("-Command").assert().code(64);
    shell.cmd().args(["-ExecutionPolicy"]).assert().code(64);
    shell
        .cmd()
        .args(["-ExecutionPolicy", "Sometimes", "-c", "1"])
        .assert()
        .code(64);
    store_is_untouched(&shell);
}

#[test]
fn missing_script_file_is_bad_usage() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["-File", "nope.ps1"])
        .assert()
        .code(64)
        .get_output()
        .clone();
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stderr), @"The argument 'nope.ps1' is not recognized as the name of a script file. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
    // The positional form too, and a folder is not a script.
    shell.cmd().arg("nope.ps1").assert().code(64);
    shell.cmd().args(["-File", "."]).assert().code(64);
    store_is_untouched(&shell);
}

#[test]
fn compatibility_flags_are_accepted() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args([
            "-NoProfile",
            "-NonInteractive",
            "-NoLogo",
            "-ExecutionPolicy",
            "Bypass",
            "-InputFormat",
            "Text",
            "-OutputFormat",
            "Text",
            "-Command",
            "exit 3",
        ])
        .assert()
        .code(3);
}

#[test]
fn flags_pasted_with_typographic_dashes() {
    let shell = Shell::temp();
    let script = shell.script("x.ps1", "exit 6\n");
    for dash in ["-", "–", "—", "―", "--", "––"] {
        shell
            .cmd()
            .arg(format!("{dash}File"))
            .arg(&script)
            .assert()
            .code(6);
        shell
            .cmd()
            .args([format!("{dash}nop"), format!("{dash}c"), "exit 2".into()])
            .assert()
            .code(2);
    }
}

#[test]
fn store_flag_overrides_the_environment() {
    let shell = Shell::temp();
    let other = tempfile::TempDir::new().expect("temporary folder");
    shell
        .cmd()
        .arg("--store")
        .arg(other.path())
        .args(["-Command", "exit 0"])
        .assert()
        .code(0);
    store_is_untouched(&shell);
    let created = std::fs::read_dir(other.path())
        .expect("store folder")
        .count();
    assert!(created > 0, "--store names the store that is used");
}
