//! The store through the binary: the whole draft → publish → enable → history → restore
//! cycle, scripts as one unit, several lyncsh processes on one store, and crashes (fault
//! injection and SIGKILL) in the middle of publishing.

mod cli_common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use cli_common::Shell;
use lyncsh::topology::model::Document;
use lyncsh::topology::store::CRASH_ENV;
use lyncsh::topology::workspace::Workspace;

/// Certificate verdicts depend on the date: every process of these tests runs on one.
const NOW: (&str, &str) = ("LYNCSH_NOW", "2026-11-26T12:00:00Z");

/// `lyncsh` on `store`, with the fixed date.
fn lyncsh(store: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("lyncsh"));
    c.env("LYNCSH_STORE", store).env(NOW.0, NOW.1);
    c
}

fn run(sh: &Shell, command: &str) -> Output {
    sh.cmd()
        .env(NOW.0, NOW.1)
        .args(["-Command", command])
        .output()
        .unwrap()
}

fn ok(sh: &Shell, command: &str) -> String {
    let out = run(sh, command);
    assert!(
        out.status.success(),
        "{command}\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn version_file(store: &Path, n: u64) -> std::path::PathBuf {
    store.join(format!("versions/v{n:06}.yaml"))
}

fn allowed_domains(doc: &Document) -> Vec<String> {
    doc.configuration
        .get("allowedDomains")
        .into_iter()
        .flatten()
        .filter_map(|o| {
            o.get("Identity")
                .and_then(|v| v.as_str())
                .map(str::to_string)
        })
        .collect()
}

/// Every version loads (checksums verified), numbered without gaps, each naming its
/// predecessor as parent.
fn assert_history_intact(ws: &Workspace) -> Vec<Document> {
    let versions = ws.versions().unwrap();
    versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let n = i as u64 + 1;
            assert_eq!(v.header.version, n);
            assert_eq!(v.header.parent, (n > 1).then(|| n - 1), "parent of v{n}");
            ws.load_version(n).unwrap()
        })
        .collect()
}

#[test]
fn full_cycle_edit_test_publish_enable_list_compare_restore() {
    let sh = Shell::temp();
    let store = sh.store.path();
    ok(
        &sh,
        "Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086; \
         Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087",
    );
    let tested = ok(&sh, "Test-CsTopology | Where-Object {$_.Severity -eq 'Error'} | Measure-Object | Select-Object -ExpandProperty Count");
    // The host line with the verdict, then the pipeline's count of errors.
    let lines: Vec<&str> = tested.lines().collect();
    assert!(
        lines[0].starts_with("Test-CsTopology: 0 error(s), "),
        "{tested}"
    );
    assert!(lines[0].ends_with("; it can be published."), "{tested}");
    assert_eq!(lines[1], "0");
    ok(&sh, "Publish-CsTopology -Comment 'MCX ports 5086/5087'");
    let v1 = std::fs::read(version_file(store, 1)).unwrap();
    let v2 = std::fs::read(version_file(store, 2)).unwrap();

    let out = run(&sh, "Enable-CsTopology -Verbose");
    assert!(out.status.success());
    let all =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        all.contains("VERBOSE: Enabled topology version 2 (previously version 1)."),
        "{all}"
    );

    let listed = ok(&sh, "Get-CsTopologyVersion | ForEach-Object { \"$($_.Version) $($_.Parent) $($_.Changes) $($_.Enabled) $($_.Comment)\" }");
    assert_eq!(
        listed,
        "1  0 False Initial topology (the embedded default)\n2 1 1 True MCX ports 5086/5087\n"
    );

    let compared = ok(&sh, "Compare-CsTopology -ReferenceVersion 1 -DifferenceVersion 2 | ForEach-Object { $_.Object }");
    assert_eq!(compared, "WebServer:lyncserver.jacobs.local\n");

    ok(
        &sh,
        "Restore-CsTopologyVersion -Version 1; Publish-CsTopology -Comment 'Back to the start'",
    );
    let ws = Workspace::open(store).unwrap();
    let docs = assert_history_intact(&ws);
    assert_eq!(docs.len(), 3);
    assert!(docs[2].same_content(&docs[0]));
    // Published files never change.
    assert_eq!(std::fs::read(version_file(store, 1)).unwrap(), v1);
    assert_eq!(std::fs::read(version_file(store, 2)).unwrap(), v2);
}

#[test]
fn a_script_stopped_by_a_terminating_error_leaves_the_draft_as_it_was() {
    let sh = Shell::temp();
    ok(&sh, "Get-CsTopologyVersion | Out-Null");
    let draft = sh.store.path().join("draft.yaml");
    let before = std::fs::read(&draft).unwrap();
    let script = sh.script(
        "change.ps1",
        "Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086\n\
         New-CsAllowedDomain -Identity push.lync.com\n\
         throw 'stop here'\n",
    );
    let out = sh
        .cmd()
        .env(NOW.0, NOW.1)
        .arg("-File")
        .arg(&script)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&draft).unwrap(), before);
}

#[test]
fn two_processes_hammering_one_store_lose_no_update() {
    let sh = Shell::temp();
    ok(&sh, "Get-CsTopologyVersion | Out-Null");
    const STEPS: usize = 6;
    let workers: Vec<_> = (1..=2)
        .map(|id| {
            let store = sh.store.path().to_path_buf();
            std::thread::spawn(move || {
                for i in 0..STEPS {
                    let publish = if i % 2 == 1 {
                        "; Publish-CsTopology -Comment step"
                    } else {
                        ""
                    };
                    let command =
                        format!("New-CsAllowedDomain -Identity w{id}-{i}.example.com{publish}");
                    let out = lyncsh(&store)
                        .args(["-Command", &command])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let ws = Workspace::open(sh.store.path()).unwrap();
    let mut draft = allowed_domains(ws.doc());
    draft.sort();
    let mut expected: Vec<String> = (1..=2)
        .flat_map(|id| (0..STEPS).map(move |i| format!("w{id}-{i}.example.com")))
        .collect();
    expected.sort();
    assert_eq!(draft, expected);
    let docs = assert_history_intact(&ws);
    assert_eq!(docs.len(), 1 + STEPS);
    for pair in docs.windows(2) {
        let (old, new) = (allowed_domains(&pair[0]), allowed_domains(&pair[1]));
        assert!(
            old.iter().all(|d| new.contains(d)),
            "a version lost an update"
        );
    }
}

/// After a crash the store opens, every version is whole, the draft holds the edit that was
/// accepted, and publishing carries on.
fn assert_survives(store: &Path, what: &str) {
    let ws = Workspace::open(store).unwrap_or_else(|e| panic!("{what}: {e}"));
    let docs = assert_history_intact(&ws);
    assert_eq!(allowed_domains(ws.doc()), ["crash.example.com"], "{what}");
    if docs.len() == 2 {
        assert_eq!(allowed_domains(&docs[1]), ["crash.example.com"], "{what}");
        assert_eq!(ws.draft_changes_count().unwrap(), 0, "{what}");
    }
    drop(ws);
    let out = lyncsh(store)
        .args([
            "-Command",
            "New-CsAllowedDomain -Identity after.example.com; Enable-CsTopology",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_crash_at_any_step_of_publishing_leaves_a_whole_store() {
    for step in [
        "publish:before-version-write",
        "version:before-rename",
        "publish:after-version-write",
        "draft:before-write",
        "draft.yaml:before-rename",
        "draft:after-write",
        "enable:before-pointer-write",
        "enabled:before-rename",
        "enable:after-pointer-write",
    ] {
        let sh = Shell::temp();
        ok(&sh, "New-CsAllowedDomain -Identity crash.example.com");
        let out = sh
            .cmd()
            .env(NOW.0, NOW.1)
            .env(CRASH_ENV, step)
            .args(["-Command", "Enable-CsTopology"])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{step}: lyncsh was meant to stop");
        assert_survives(sh.store.path(), step);
    }
}

#[test]
fn sigkill_in_the_middle_of_publishing_leaves_a_whole_store() {
    let sh = Shell::temp();
    ok(&sh, "New-CsAllowedDomain -Identity crash.example.com");
    let mut child = lyncsh(sh.store.path())
        .args([
            "-Command",
            "foreach ($i in 1..100000) { New-CsAllowedDomain -Identity \"d$i.example.com\"; Publish-CsTopology }",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while !version_file(sh.store.path(), 5).exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the publishing script stopped early"
        );
        std::thread::yield_now();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let ws = Workspace::open(sh.store.path()).unwrap();
    let docs = assert_history_intact(&ws);
    assert!(docs.len() >= 5);
    // The draft is a published state: the interrupted script's later edits never landed.
    assert!(docs.iter().any(|d| d.same_content(ws.doc())));
}

#[test]
fn a_session_waits_for_the_one_holding_the_store_and_says_so() {
    use std::io::{BufRead, BufReader};
    let sh = Shell::temp();
    ok(&sh, "Get-CsTopologyVersion | Out-Null");
    let lyncsh = || lyncsh(sh.store.path());
    let mut holder = lyncsh()
        .args([
            "-Command",
            "New-CsAllowedDomain -Identity a.example.com; while ($true) { }",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The holder's script is one unit: it holds the store lock until it ends.
    let lock = std::fs::File::open(sh.store.path().join("lock")).unwrap();
    loop {
        match lock.try_lock() {
            Ok(()) => lock.unlock().unwrap(),
            Err(std::fs::TryLockError::WouldBlock) => break,
            Err(e) => panic!("{e:?}"),
        }
        assert!(
            holder.try_wait().unwrap().is_none(),
            "the holder stopped early"
        );
        std::thread::yield_now();
    }
    let mut waiter = lyncsh()
        .args(["-Command", "New-CsAllowedDomain -Identity b.example.com"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(waiter.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line,
        format!(
            "lyncsh: waiting for another lyncsh session to finish with the store '{}'...\n",
            sh.store.path().display()
        )
    );
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert!(waiter.wait().unwrap().success());
    // The killed script never finished, so none of it reached the draft.
    let ws = Workspace::open(sh.store.path()).unwrap();
    assert_eq!(allowed_domains(ws.doc()), ["b.example.com"]);
}
