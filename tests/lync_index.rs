//! Lookups by identity stay right across every kind of edit: the draft's index is updated by
//! the edits that report themselves (New-, Set-, Remove- of configuration objects, the role
//! setters) and rebuilt after any other (previews, draft restores). Each lookup by identity
//! is compared with the same object found in the full listing, which reads the draft in order.

mod lync_support;

use lync_support::Script;

/// Runs `source`; fails on any error.
fn ok(sh: &mut Script, source: &str) -> String {
    let (out, err) = sh.run(source);
    assert_eq!(err, "", "{source}");
    out
}

/// The object with this identity, by lookup and by the listing, as text.
fn both(sh: &mut Script, noun: &str, identity: &str) -> (String, String) {
    let (by_identity, _) = sh.run(&format!("Get-{noun} -Identity '{identity}' | Out-String"));
    let listed = ok(
        sh,
        &format!("Get-{noun} | Where-Object {{ $_.Identity -eq '{identity}' }} | Out-String"),
    );
    (by_identity, listed)
}

fn assert_found(sh: &mut Script, noun: &str, identity: &str) {
    let (by_identity, listed) = both(sh, noun, identity);
    assert!(!listed.trim().is_empty(), "{identity} is not listed");
    assert_eq!(by_identity, listed, "{identity}");
}

fn assert_missing(sh: &mut Script, noun: &str, identity: &str) {
    let (_, err) = sh.run(&format!("Get-{noun} -Identity '{identity}'"));
    assert!(
        err.contains("because it does not exist"),
        "{identity}: {err}"
    );
    assert_eq!(
        both(sh, noun, identity).1.trim(),
        "",
        "{identity} is listed"
    );
}

#[test]
fn domains_created_removed_and_recreated_are_found_where_they_are() {
    let mut sh = Script::new();
    for d in ["a.example.org", "b.example.org", "c.example.org"] {
        ok(&mut sh, &format!("New-CsAllowedDomain -Identity {d}"));
    }
    assert_found(&mut sh, "CsAllowedDomain", "B.example.org");
    ok(&mut sh, "Remove-CsAllowedDomain -Identity a.example.org");
    assert_missing(&mut sh, "CsAllowedDomain", "a.example.org");
    assert_found(&mut sh, "CsAllowedDomain", "c.example.org");
    ok(
        &mut sh,
        "Set-CsAllowedDomain -Identity c.example.org -Comment moved",
    );
    ok(&mut sh, "New-CsAllowedDomain -Identity a.example.org");
    for d in ["a.example.org", "b.example.org", "c.example.org"] {
        assert_found(&mut sh, "CsAllowedDomain", d);
    }
    // A domain is on one list only, whichever list was last looked at.
    let (_, err) = sh.run("New-CsBlockedDomain -Identity A.EXAMPLE.ORG");
    assert!(
        err.contains("already exists on the allowed domains list"),
        "{err}"
    );
    ok(&mut sh, "Remove-CsAllowedDomain -Identity a.example.org");
    ok(&mut sh, "New-CsBlockedDomain -Identity A.EXAMPLE.ORG");
}

#[test]
fn a_preview_or_a_restored_draft_leaves_no_stale_lookup() {
    let mut sh = Script::new();
    ok(&mut sh, "New-CsAllowedDomain -Identity kept.example.org");
    assert_found(&mut sh, "CsAllowedDomain", "kept.example.org");
    ok(
        &mut sh,
        "New-CsAllowedDomain -Identity previewed.example.org -WhatIf",
    );
    assert_missing(&mut sh, "CsAllowedDomain", "previewed.example.org");
    ok(&mut sh, "Undo-CsTopologyDraft");
    assert_missing(&mut sh, "CsAllowedDomain", "kept.example.org");
    ok(&mut sh, "New-CsAllowedDomain -Identity kept.example.org");
    assert_found(&mut sh, "CsAllowedDomain", "kept.example.org");
}

#[test]
fn a_global_stored_first_moves_the_other_instances() {
    let mut sh = Script::new();
    ok(
        &mut sh,
        "New-CsMobilityPolicy -Identity Tag:Sales -EnableOutsideVoice $false",
    );
    ok(&mut sh, "Remove-CsMobilityPolicy -Identity Global");
    assert_found(&mut sh, "CsMobilityPolicy", "Tag:Sales");
    ok(
        &mut sh,
        "Set-CsMobilityPolicy -Identity Global -EnableOutsideVoice $false",
    );
    assert_found(&mut sh, "CsMobilityPolicy", "Global");
    assert_found(&mut sh, "CsMobilityPolicy", "Tag:Sales");
}

#[test]
fn a_proxy_fqdn_freed_by_set_can_be_taken_and_a_taken_one_cannot() {
    let mut sh = Script::new();
    ok(
        &mut sh,
        "New-CsHostingProvider -Identity P1 -ProxyFqdn x.example.com -Enabled $true",
    );
    ok(
        &mut sh,
        "New-CsHostingProvider -Identity P0 -ProxyFqdn w.example.com",
    );
    // Set- has no -ProxyFqdn: the admin edits the object and passes it back.
    ok(
        &mut sh,
        "$p = Get-CsHostingProvider -Identity P1; $p.ProxyFqdn = 'y.example.com'; Set-CsHostingProvider -Instance $p",
    );
    ok(
        &mut sh,
        "New-CsHostingProvider -Identity P2 -ProxyFqdn X.example.com",
    );
    let (_, err) = sh.run("New-CsHostingProvider -Identity P3 -ProxyFqdn Y.EXAMPLE.COM");
    assert!(
        err.contains("is already used by hosting provider \"P1\""),
        "{err}"
    );
    ok(&mut sh, "Remove-CsHostingProvider -Identity P0");
    let (_, err) = sh.run("New-CsHostingProvider -Identity P3 -ProxyFqdn x.example.com");
    assert!(
        err.contains("is already used by hosting provider \"P2\""),
        "{err}"
    );
    for p in ["P1", "P2"] {
        assert_found(&mut sh, "CsHostingProvider", p);
    }
}

#[test]
fn dependents_follow_a_changed_link() {
    let mut sh = Script::new();
    let dependents = |sh: &mut Script| {
        ok(
            sh,
            "(Get-CsService -Identity UserServer:lyncserver.jacobs.local).DependentServiceList -join ','",
        )
    };
    assert!(dependents(&mut sh).contains("WebServer:lyncserver.jacobs.local"));
    // A setting that is not a link keeps what depends on what.
    ok(
        &mut sh,
        "Set-CsWebServer -Identity WebServer:lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086",
    );
    assert!(dependents(&mut sh).contains("WebServer:lyncserver.jacobs.local"));
    ok(
        &mut sh,
        "Set-CsWebServer -Identity WebServer:lyncserver.jacobs.local -UserServer UserServer:other.jacobs.local",
    );
    assert!(!dependents(&mut sh).contains("WebServer:lyncserver.jacobs.local"));
    assert_eq!(
        ok(
            &mut sh,
            "(Get-CsService -Identity WebServer:lyncserver.jacobs.local).UserServer"
        )
        .trim(),
        "UserServer:other.jacobs.local"
    );
}
