//! `lyncsh plan` and `lyncsh diff`: the three formats, terraform's exit codes, attribution of
//! changes to statements, and a store left byte for byte as it was.

mod cli_common;

use std::collections::BTreeMap;
use std::path::Path;

use cli_common::{script_stderr, Shell};

/// The seed's mobility deployment, as pasted from the blog (en dashes), with the thumbprint
/// that Get-CsCertificate lists in place of the `<Certificate Thumbprint>` placeholder.
const MOBILITY: &str = "\
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087
Enable-CsTopology –verbose
Import-Module ServerManager
Add-WindowsFeature Web-Server, Web-Dyn-Compression
Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint F14C49897B1AE5C91DF8E725FB31175EC3C50AD3
Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True
New-CsHostingProvider –Identity \"LyncOnline\" –Enabled $True –ProxyFqdn \"sipfed.online.lync.com\" –VerificationLevel UseSourceVerification
New-CsAllowedDomain –Identity \"push.lync.com\"
";

/// Push notifications with none of what they need, and only one of the two MCX ports.
const INVALID: &str = "\
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True
";

/// The seed's placeholder line, as pasted.
const PARSE_ERROR: &str = "\
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint <Certificate Thumbprint>
";

const READ_ONLY: &str = "\
Get-CsSite | Out-Null
Get-CsService -WebServer | Select-Object Identity
Get-CsHostingProvider
";

const HALF_WAY: &str = "\
New-CsAllowedDomain -Identity contoso.com | Out-Null
Set-CsHostingProvider -Identity Nope -Enabled $false -ErrorAction Stop
New-CsAllowedDomain -Identity fabrikam.com | Out-Null
";

fn fails_with(shell: &Shell, args: &[&str], code: i32, message: &str) {
    let out = shell.cmd().args(args).output().expect("run lyncsh");
    assert_eq!(out.status.code(), Some(code), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(message), "{args:?}: {err}");
}

fn plan(shell: &Shell, script: &str, format: &str) -> (String, i32) {
    let out = shell
        .cmd()
        .args(["plan", script, "--format", format])
        .output()
        .expect("run lyncsh plan");
    (
        String::from_utf8(out.stdout).expect("UTF-8 plan"),
        out.status.code().expect("exit code"),
    )
}

/// Plans `text` saved as `name` in every format, snapshotting each, and returns the exit code
/// (the same for all three).
fn plan_all_formats(name: &str, text: &str) -> i32 {
    let shell = Shell::temp();
    let file = format!("{name}.ps1");
    shell.script(&file, text);
    let mut codes = Vec::new();
    for format in ["text", "json", "markdown"] {
        let (out, code) = plan(&shell, &file, format);
        insta::assert_snapshot!(format!("{name}_{format}"), out);
        codes.push(code);
    }
    assert!(codes.iter().all(|c| *c == codes[0]), "{codes:?}");
    codes[0]
}

#[test]
fn seed_mobility_script_plans_changes() {
    assert_eq!(plan_all_formats("mobility", MOBILITY), 2);
}

#[test]
fn validation_errors_fail_the_plan() {
    assert_eq!(plan_all_formats("invalid", INVALID), 1);
}

#[test]
fn parse_error_fails_the_plan_and_runs_nothing() {
    assert_eq!(plan_all_formats("parse_error", PARSE_ERROR), 1);
}

#[test]
fn read_only_script_has_no_changes() {
    assert_eq!(plan_all_formats("read_only", READ_ONLY), 0);
}

#[test]
fn script_failing_half_way_shows_the_changes_before_the_failure() {
    let shell = Shell::temp();
    shell.script("half.ps1", HALF_WAY);
    let (out, code) = plan(&shell, "half.ps1", "text");
    assert_eq!(code, 1);
    insta::assert_snapshot!(out);
    let (json, _) = plan(&shell, "half.ps1", "json");
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON plan");
    assert_eq!(json["outcome"], "error");
    assert_eq!(json["error"]["source"]["line"], 2);
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(1));
}

/// Every file under `dir` with its bytes.
fn snapshot_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).expect("read store folder") {
            let path = entry.expect("store entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                files.insert(name, std::fs::read(&path).expect("read store file"));
            }
        }
    }
    files
}

#[test]
fn plan_leaves_the_store_byte_for_byte_as_it_was() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args(["-c", "New-CsAllowedDomain -Identity contoso.com | Out-Null"])
        .assert()
        .code(0);
    let before = snapshot_tree(shell.store.path());
    assert!(before.len() >= 3, "{:?}", before.keys());
    // The script publishes and enables: in the plan's copy only.
    shell.script("mobility.ps1", MOBILITY);
    let (_, code) = plan(&shell, "mobility.ps1", "text");
    assert_eq!(code, 2);
    assert_eq!(snapshot_tree(shell.store.path()), before);
}

#[test]
fn plan_without_a_store_creates_none() {
    let shell = Shell::temp();
    let store = shell.store.path().join("not-yet");
    let out = shell
        .cmd()
        .arg("--store")
        .arg(&store)
        .args([
            "plan",
            "-Command",
            "New-CsAllowedDomain -Identity contoso.com",
        ])
        .output()
        .expect("run lyncsh plan");
    assert_eq!(out.status.code(), Some(2));
    assert!(!store.exists());
    assert!(shell.redact(&out.stderr).contains(
        "there is no store at '<store>/not-yet' yet; planning against the default topology."
    ));
}

#[test]
fn plan_with_no_script_reviews_the_unpublished_draft() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args(["plan"])
        .output()
        .expect("run lyncsh plan");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("No changes.\n"));
    shell
        .cmd()
        .args(["-c", "New-CsAllowedDomain -Identity contoso.com | Out-Null"])
        .assert()
        .code(0);
    let out = shell
        .cmd()
        .args(["plan"])
        .output()
        .expect("run lyncsh plan");
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Plan: v1 (enabled, latest) → draft\n"),
        "{text}"
    );
    assert!(text.contains("  + AllowedDomain contoso.com\n"), "{text}");
}

#[test]
fn base_chooses_the_starting_version() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args([
            "-c",
            "New-CsAllowedDomain -Identity contoso.com | Out-Null; Enable-CsTopology",
        ])
        .assert()
        .code(0);
    // From v1 contoso.com does not exist yet, so the script adds it; from v2 it is there.
    let command =
        "New-CsAllowedDomain -Identity contoso.com -ErrorAction SilentlyContinue | Out-Null";
    let from_v1 = shell
        .cmd()
        .args(["plan", "--base", "v1", "-c", command])
        .output()
        .expect("run lyncsh plan");
    assert_eq!(from_v1.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&from_v1.stdout).starts_with("Plan: v1 → the command applied\n")
    );
    let from_enabled = shell
        .cmd()
        .args(["plan", "-Base", "enabled", "-c", command])
        .output()
        .expect("run lyncsh plan");
    assert_eq!(from_enabled.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&from_enabled.stdout)
        .starts_with("Plan: v2 (enabled, latest) → the command applied\n"));
    fails_with(
        &shell,
        &["plan", "--base", "v9", "-c", command],
        1,
        "Version 9 does not exist",
    );
    shell
        .cmd()
        .args(["plan", "--base", "yesterday"])
        .assert()
        .code(64);
}

#[test]
fn diff_between_versions_uses_the_same_renderer() {
    let shell = Shell::temp();
    shell
        .cmd()
        .args([
            "-c",
            "New-CsAllowedDomain -Identity push.lync.com | Out-Null; Enable-CsTopology",
        ])
        .assert()
        .code(0);
    let out = shell
        .cmd()
        .args(["diff", "1", "v2", "--format", "markdown"])
        .output()
        .expect("run lyncsh diff");
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(String::from_utf8_lossy(&out.stdout));
    shell
        .cmd()
        .args(["diff", "enabled", "latest"])
        .assert()
        .code(0);
    shell.cmd().args(["diff", "1", "nine"]).assert().code(64);
    fails_with(&shell, &["diff", "1", "7"], 1, "Version 7 does not exist");
}

#[test]
fn plan_output_goes_to_stdout_and_the_scripts_to_stderr() {
    let shell = Shell::temp();
    let out = shell
        .cmd()
        .args([
            "plan",
            "--format",
            "json",
            "-c",
            "Write-Output hello; Write-Error oops",
        ])
        .output()
        .expect("run lyncsh plan");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is only JSON");
    assert_eq!(json["outcome"], "noChanges");
    let err = script_stderr(&out);
    assert!(err.starts_with("hello\n"), "{err}");
    assert!(err.contains("oops"), "{err}");
}

#[test]
fn missing_script_is_bad_usage() {
    let shell = Shell::temp();
    shell.cmd().args(["plan", "nope.ps1"]).assert().code(64);
}

#[test]
fn file_with_what_if_plans_instead_of_running() {
    let shell = Shell::temp();
    shell.cmd().args(["-c", "exit 0"]).assert().code(0);
    let before = snapshot_tree(shell.store.path());
    shell.script("mobility.ps1", MOBILITY);
    let out = shell
        .cmd()
        .args(["-File", "mobility.ps1", "–WhatIf"])
        .output()
        .expect("run lyncsh");
    assert_eq!(out.status.code(), Some(2));
    let (plan_text, _) = plan(&shell, "mobility.ps1", "text");
    assert_eq!(String::from_utf8_lossy(&out.stdout), plan_text);
    assert_eq!(snapshot_tree(shell.store.path()), before);
}
