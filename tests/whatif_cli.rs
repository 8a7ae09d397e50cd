//! `-WhatIf` on Lync cmdlets through the real binary: the What-if line, then the change list
//! in `lyncsh plan`'s form, and a store left byte for byte as it was.

mod cli_common;

use std::collections::BTreeMap;
use std::path::Path;

use cli_common::Shell;

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read store folder") {
            let path = entry.expect("store entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read store file");
                out.insert(path.display().to_string(), bytes);
            }
        }
    }
    out
}

/// Runs `command` in the shell's store; returns (stdout, stderr, exit code).
fn run(shell: &Shell, command: &str) -> (String, String, i32) {
    let out = shell
        .cmd()
        .args(["-Command", command])
        .output()
        .expect("run lyncsh");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// A store that exists (created by a read-only command), so only the WhatIf run is compared.
fn store_with(setup: &str) -> Shell {
    let shell = Shell::temp();
    let (_, stderr, code) = run(&shell, setup);
    assert_eq!(code, 0, "setup failed: {stderr}");
    shell
}

#[test]
fn set_webserver_what_if_lists_the_port_and_changes_nothing() {
    let shell = store_with("Get-CsSite | Out-Null");
    let before = files(shell.store.path());
    let (stdout, stderr, code) = run(
        &shell,
        "Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086 -WhatIf",
    );
    assert_eq!(code, 0, "{stderr}");
    let what_if = stdout
        .lines()
        .position(|l| l.starts_with("What if: Performing the operation"))
        .unwrap_or_else(|| panic!("no What-if line in {stdout:?}"));
    // Topology properties are named as in the document, exactly as `lyncsh plan` shows them.
    assert_eq!(
        stdout.lines().nth(what_if + 1),
        Some("  ~ WebServer:lyncserver.jacobs.local McxSipPrimaryListeningPort: (none) → 5086"),
        "{stdout}"
    );
    assert_eq!(files(shell.store.path()), before);
    // The draft in a later session still has no port.
    let (stdout, _, _) = run(
        &shell,
        "(Get-CsService -WebServer | Select-Object -First 1).McxSipPrimaryListeningPort -eq $null",
    );
    assert_eq!(stdout.trim(), "True");
}

#[test]
fn new_hosting_provider_what_if_lists_the_added_object() {
    let shell = store_with("Get-CsSite | Out-Null");
    let before = files(shell.store.path());
    let (stdout, stderr, code) = run(
        &shell,
        "New-CsHostingProvider -Identity LyncOnline -Enabled $True -ProxyFqdn sipfed.online.lync.com -WhatIf",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("What if: Performing the operation"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l == "  + HostingProvider LyncOnline"),
        "{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l == "      ProxyFqdn: sipfed.online.lync.com"),
        "{stdout}"
    );
    assert_eq!(files(shell.store.path()), before);
    let (stdout, _, _) = run(
        &shell,
        "@(Get-CsHostingProvider -Identity LyncOnline -ErrorAction SilentlyContinue).Count",
    );
    assert_eq!(stdout.trim(), "0");
}

#[test]
fn piped_remove_what_if_lists_each_domain_after_its_what_if_line() {
    let shell = store_with(
        "New-CsAllowedDomain -Identity contoso.com; New-CsAllowedDomain -Identity fabrikam.com",
    );
    let before = files(shell.store.path());
    let (stdout, stderr, code) = run(
        &shell,
        "Get-CsAllowedDomain | Remove-CsAllowedDomain -WhatIf",
    );
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    for domain in ["contoso.com", "fabrikam.com"] {
        let at = lines
            .iter()
            .position(|l| *l == format!("  - AllowedDomain {domain}"))
            .unwrap_or_else(|| panic!("no removal of {domain} in {stdout}"));
        assert!(
            at > 0 && lines[at - 1].starts_with("What if:") && lines[at - 1].contains(domain),
            "{stdout}"
        );
    }
    assert_eq!(files(shell.store.path()), before);
    let (stdout, _, _) = run(&shell, "@(Get-CsAllowedDomain).Count");
    assert_eq!(stdout.trim(), "2");
}

#[test]
fn what_if_that_errors_reports_the_error_lists_nothing_and_changes_nothing() {
    let shell =
        store_with("New-CsHostingProvider -Identity LyncOnline -ProxyFqdn sipfed.online.lync.com");
    let before = files(shell.store.path());
    let (stdout, stderr, _) = run(
        &shell,
        "New-CsHostingProvider -Identity LyncOnline -ProxyFqdn other.example.com -WhatIf; Set-CsWebServer -Identity nosuch.jacobs.local -McxSipPrimaryListeningPort 5086 -WhatIf",
    );
    assert!(!stderr.trim().is_empty(), "no error shown: {stdout}");
    assert!(
        !stdout
            .lines()
            .any(|l| l.starts_with("  ~ ") || l.starts_with("  + ")),
        "{stdout}"
    );
    assert_eq!(files(shell.store.path()), before);
}

#[test]
fn what_if_shows_no_warning_about_the_operation_it_skips() {
    let shell = store_with("Get-CsSite | Out-Null");
    let (stdout, stderr, code) = run(
        &shell,
        "Set-CsCertificate -Type Default -Thumbprint F14C49897B1AE5C91DF8E725FB31175EC3C50AD3 -WhatIf",
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("What if: Performing the operation"),
        "{stdout}"
    );
    assert!(
        !format!("{stdout}{stderr}").contains("WARNING"),
        "{stdout}{stderr}"
    );
}
