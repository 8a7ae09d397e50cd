//! The seed's deployment through the real binary: each line pasted as its own command into
//! one store, as an admin pastes them one by one, with the thumbprint read off
//! Get-CsCertificate's output. Every line exits 0 and prints no error.

use assert_cmd::Command;

/// The seed's lines, byte for byte (en dashes included), in the seed's order; the parser's
/// corpus test reads the same file.
const SEED: &str = include_str!("corpus/seed_lines.ps1");

fn lyncsh(store: &std::path::Path, line: &str) -> (String, String) {
    let out = Command::cargo_bin("lyncsh")
        .unwrap()
        .arg("--store")
        .arg(store)
        .arg("-Command")
        .arg(line)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{line}\n{stdout}\n{stderr}");
    (stdout, stderr)
}

#[test]
fn the_seed_pasted_line_by_line_into_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut thumbprint = String::new();
    let mut warnings = 0;
    for line in SEED.lines() {
        let line = line.replace("<Certificate Thumbprint>", &thumbprint);
        let (stdout, stderr) = lyncsh(&store, &line);
        // The only thing on stderr is the one-time notice that the store was created.
        assert!(
            stderr.is_empty() || stderr.starts_with("lyncsh: Created the topology store"),
            "{line}\n{stderr}"
        );
        warnings += stdout.lines().filter(|l| l.starts_with("WARNING:")).count();
        if line == "Enable-CsTopology \u{2013}verbose" {
            assert!(
                stdout.contains("VERBOSE: Enabled topology version 2"),
                "{stdout}"
            );
        }
        if line == "Get-CsCertificate" {
            thumbprint = stdout
                .lines()
                .find_map(|l| l.strip_prefix("Thumbprint       : "))
                .expect("Get-CsCertificate lists a thumbprint")
                .to_string();
        }
    }
    // Seven findings at Enable-CsTopology, the deprecation notice, two certificate name
    // warnings and the push hint.
    assert_eq!(warnings, 11);
    let (stdout, _) = lyncsh(&store, "(Get-CsHostingProvider LyncOnline).ProxyFqdn; (Get-CsAllowedDomain).Identity; (Get-CsService -WebServer).McxSipExternalListeningPort");
    assert_eq!(stdout, "sipfed.online.lync.com\npush.lync.com\n5087\n");
}
