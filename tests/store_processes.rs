//! Several processes on one store: no lost update, an intact parent chain, and a store that
//! loads whole after a process dies at any step of publishing.
//!
//! The worker processes are this test binary run again on one `#[test]` (`worker`), which
//! does its work only when `LYNCSH_TEST_WORKER` says what to do.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lyncsh::topology::model::{DnsRecord, DnsRecordType, DnsZone, Document};
use lyncsh::topology::store::CRASH_ENV;
use lyncsh::topology::workspace::Workspace;

const WORKER_ENV: &str = "LYNCSH_TEST_WORKER";

fn record(name: String) -> DnsRecord {
    DnsRecord {
        zone: DnsZone::Internal,
        name,
        record_type: DnsRecordType::A,
        target: "192.168.1.99".into(),
        port: None,
    }
}

fn names(doc: &Document) -> Vec<String> {
    doc.topology
        .dns_records
        .iter()
        .map(|r| r.name.clone())
        .filter(|n| n.starts_with('w') && n.ends_with(".jacobs.local"))
        .collect()
}

/// Runs in a child process: `hammer <dir> <id> <count>` or `crash <dir> <step>` or
/// `loop <dir>`.
#[test]
fn worker() {
    let Ok(job) = std::env::var(WORKER_ENV) else {
        return;
    };
    let args: Vec<&str> = job.split('|').collect();
    let dir = Path::new(args[1]);
    let mut ws = Workspace::open(dir).unwrap();
    match args[0] {
        "hammer" => {
            let (id, count): (usize, usize) = (args[2].parse().unwrap(), args[3].parse().unwrap());
            for i in 0..count {
                // One REPL command: a unit of work.
                ws.checkpoint().unwrap();
                let name = format!("w{id}-{i}.jacobs.local");
                ws.doc_mut().topology.dns_records.push(record(name));
                if i % 3 == 2 {
                    ws.publish(&format!("worker {id} step {i}"), &format!("worker{id}"))
                        .unwrap();
                }
                ws.persist().unwrap();
            }
        }
        "crash" => {
            ws.checkpoint().unwrap();
            ws.doc_mut()
                .topology
                .dns_records
                .push(record("w-crash.jacobs.local".into()));
            ws.persist().unwrap();
            std::env::set_var(CRASH_ENV, args[2]);
            ws.enable("crasher").unwrap();
            std::env::remove_var(CRASH_ENV);
        }
        "loop" => {
            for i in 0.. {
                ws.checkpoint().unwrap();
                ws.doc_mut()
                    .topology
                    .dns_records
                    .push(record(format!("w-loop-{i}.jacobs.local")));
                ws.publish("loop", "looper").unwrap();
                ws.persist().unwrap();
            }
        }
        other => panic!("unknown job {other}"),
    }
}

fn spawn(job: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "worker", "--test-threads=1", "--nocapture"])
        .env(WORKER_ENV, job)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn new_store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    Workspace::open(&dir).unwrap();
    (tmp, dir)
}

/// Every version loads (checksum verified) and names its predecessor as parent.
fn assert_history_intact(ws: &Workspace) -> Vec<Document> {
    let versions = ws.versions().unwrap();
    let mut docs = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        let n = i as u64 + 1;
        assert_eq!(v.header.version, n, "versions are numbered without gaps");
        assert_eq!(v.header.parent, (n > 1).then(|| n - 1), "parent of v{n}");
        docs.push(ws.load_version(n).unwrap());
    }
    docs
}

#[test]
fn two_processes_hammering_one_store_lose_no_update() {
    let (_t, dir) = new_store();
    const COUNT: usize = 12;
    let d = dir.display();
    let mut children = [
        spawn(&format!("hammer|{d}|1|{COUNT}")),
        spawn(&format!("hammer|{d}|2|{COUNT}")),
    ];
    for c in &mut children {
        assert!(c.wait().unwrap().success());
    }
    let ws = Workspace::open(&dir).unwrap();
    let mut draft = names(ws.doc());
    draft.sort();
    let mut expected: Vec<String> = (1..=2)
        .flat_map(|id| (0..COUNT).map(move |i| format!("w{id}-{i}.jacobs.local")))
        .collect();
    expected.sort();
    assert_eq!(
        draft, expected,
        "every edit of both processes is in the draft"
    );
    let docs = assert_history_intact(&ws);
    assert_eq!(
        docs.len(),
        1 + 2 * COUNT / 3,
        "each worker published every third step"
    );
    // Each version holds everything its parent held.
    for pair in docs.windows(2) {
        let (old, new) = (names(&pair[0]), names(&pair[1]));
        assert!(
            old.iter().all(|n| new.contains(n)),
            "a version lost an earlier update"
        );
    }
}

fn crash_at(step: &str) {
    let (_t, dir) = new_store();
    let status = spawn(&format!("crash|{}|{step}", dir.display()))
        .wait()
        .unwrap();
    assert!(!status.success(), "{step}: the worker was meant to die");
    let ws = Workspace::open(&dir).unwrap();
    let docs = assert_history_intact(&ws);
    let draft = names(ws.doc());
    assert_eq!(
        draft,
        ["w-crash.jacobs.local"],
        "{step}: the draft holds the accepted edit"
    );
    match docs.len() {
        1 => assert_eq!(ws.base_version(), 1),
        2 => {
            assert_eq!(names(&docs[1]), ["w-crash.jacobs.local"]);
            assert_eq!(
                ws.base_version(),
                2,
                "{step}: the draft follows the published version"
            );
            assert_eq!(ws.draft_changes_count().unwrap(), 0);
        }
        n => panic!("{step}: {n} versions"),
    }
    let enabled = ws.versions().unwrap().iter().filter(|v| v.enabled).count();
    assert_eq!(enabled, 1, "{step}: exactly one version is enabled");
    // The survivor can carry on: publishing and enabling work.
    drop(ws);
    let mut ws = Workspace::open(&dir).unwrap();
    ws.doc_mut()
        .topology
        .dns_records
        .push(record("w-after.jacobs.local".into()));
    let report = ws.enable("survivor").unwrap();
    assert_eq!(report.enabled as usize, docs.len() + 1);
    // Publishing cleared whatever temporary file the crash left behind.
    for d in [dir.clone(), dir.join("versions")] {
        for e in std::fs::read_dir(&d).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !name.starts_with(".tmp"),
                "{step}: {name} left in {}",
                d.display()
            );
        }
    }
}

#[test]
fn a_crash_at_any_step_of_enable_leaves_a_whole_store() {
    for step in [
        "publish:before-version-write",
        "version:before-rename",
        "publish:after-version-write",
        "draft.yaml:before-rename",
        "draft:before-write",
        "draft:after-write",
        "enable:before-pointer-write",
        "enabled:before-rename",
        "enable:after-pointer-write",
    ] {
        crash_at(step);
    }
}

#[test]
fn sigkill_during_a_publish_loop_leaves_a_whole_store() {
    let (_t, dir) = new_store();
    let mut child = spawn(&format!("loop|{}", dir.display()));
    // Let it publish a few versions, then kill it wherever it is.
    while !dir.join("versions/v000004.yaml").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the publishing worker stopped early"
        );
        std::thread::yield_now();
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let ws = Workspace::open(&dir).unwrap();
    let docs = assert_history_intact(&ws);
    let latest = docs.last().unwrap();
    // The draft is the latest version or one edit beyond it: never torn.
    let (draft, published) = (names(ws.doc()), names(latest));
    assert!(draft.len() == published.len() || draft.len() == published.len() + 1);
    assert!(published.iter().all(|n| draft.contains(n)));
}
