//! The workspace: draft edits, units of work, publish / enable / restore / undo / compare,
//! and two sessions sharing one store.

use std::fs;
use std::path::PathBuf;

use lyncsh::topology::diff::ChangeKind;
use lyncsh::topology::model::Document;
use lyncsh::topology::store::{Store, StoreError};
use lyncsh::topology::workspace::{VersionRef, Workspace};
use lyncsh::topology::{default_document, yaml};

fn store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    (tmp, dir)
}

fn set_mcx(ws: &mut Workspace, primary: u16, external: u16) {
    let web = ws
        .doc_mut()
        .topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap();
    web.mcx_sip_primary_listening_port = Some(primary);
    web.mcx_sip_external_listening_port = Some(external);
}

fn mcx(doc: &Document) -> Option<u16> {
    doc.topology
        .web_server("lyncserver.jacobs.local")
        .unwrap()
        .mcx_sip_primary_listening_port
}

#[test]
fn edits_persist_and_count_against_the_base() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    assert_eq!(ws.draft_changes_count().unwrap(), 0);
    set_mcx(&mut ws, 5086, 5087);
    assert!(ws.is_dirty());
    assert_eq!(ws.draft_changes_count().unwrap(), 1);
    ws.persist().unwrap();
    assert!(!ws.is_dirty());
    let again = Workspace::open(&dir).unwrap();
    assert_eq!(mcx(again.doc()), Some(5086));
    assert_eq!(again.base_version(), 1);
    assert_eq!(again.draft_changes_count().unwrap(), 1);
}

#[test]
fn rollback_restores_the_draft_as_it_was_at_the_checkpoint() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    let draft_file = ws.draft_path();
    let before = fs::read(&draft_file).unwrap();
    ws.checkpoint().unwrap();
    set_mcx(&mut ws, 5086, 5087);
    ws.doc_mut().topology.sites[0].description = None;
    ws.rollback();
    assert_eq!(mcx(ws.doc()), None);
    assert!(!ws.is_dirty());
    ws.persist().unwrap();
    assert_eq!(fs::read(&draft_file).unwrap(), before);
}

#[test]
fn rollback_goes_back_past_whole_draft_replacements_and_to_the_last_publish() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 5086, 5087);
    ws.persist().unwrap();
    // A unit that only replaces the whole draft (Undo-CsTopologyDraft) gets it back.
    ws.checkpoint().unwrap();
    ws.undo_draft().unwrap();
    assert_eq!(mcx(ws.doc()), None);
    ws.rollback();
    assert_eq!(mcx(ws.doc()), Some(5086));
    assert!(!ws.is_dirty());
    // A unit that publishes keeps what it published; later edits in it are undone.
    ws.checkpoint().unwrap();
    set_mcx(&mut ws, 5090, 5091);
    ws.publish("in the unit", "alice").unwrap();
    set_mcx(&mut ws, 6000, 6001);
    ws.rollback();
    assert_eq!(mcx(ws.doc()), Some(5090));
    assert_eq!(ws.base_version(), 2);
    assert_eq!(ws.draft_changes_count().unwrap(), 0);
    // A unit that only reads leaves the draft as it is.
    ws.checkpoint().unwrap();
    let _ = ws
        .compare(VersionRef::Number(1), VersionRef::Draft)
        .unwrap();
    ws.rollback();
    assert_eq!(mcx(ws.doc()), Some(5090));
}

#[test]
fn publish_writes_the_next_version_and_rebases_the_draft() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 5086, 5087);
    let header = ws.publish("Mobility ports", "alice").unwrap();
    assert_eq!((header.version, header.parent), (2, Some(1)));
    assert_eq!(
        (header.author.as_str(), header.message.as_str()),
        ("alice", "Mobility ports")
    );
    assert_eq!(header.changes, 1);
    assert_eq!(ws.base_version(), 2);
    assert_eq!(ws.draft_changes_count().unwrap(), 0);
    let v2 = ws.load_version(2).unwrap();
    assert_eq!(mcx(&v2), Some(5086));
    assert_eq!(v2.header.checksum, v2.content_checksum().unwrap());
    // The draft on disk follows.
    assert_eq!(Workspace::open(&dir).unwrap().base_version(), 2);
}

#[test]
fn publish_with_validation_errors_changes_nothing() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 443, 5087);
    let err = ws.publish("clash", "alice").unwrap_err();
    assert!(matches!(err, StoreError::ValidationFailed(_)));
    assert_eq!(
        err.to_string(),
        "Publishing was refused: the topology has 1 validation error(s); the store was not changed.\n  TOPO005 topology.pools[lyncserver.jacobs.local].services.webServer.mcxSipPrimaryListeningPort: WebServer:lyncserver.jacobs.local McxSipPrimaryListeningPort is 443, which WebServer:lyncserver.jacobs.local PrimaryHttpsPort already uses on the internal side of lyncserver.jacobs.local. Choose a port no other service on the server listens on."
    );
    assert!(!dir.join("versions/v000002.yaml").exists());
    assert_eq!(ws.base_version(), 1);
}

#[test]
fn enable_publishes_pending_changes_then_marks_the_latest_enabled() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    let report = ws.enable("alice").unwrap();
    assert_eq!(
        (report.published, report.enabled, report.previously_enabled),
        (None, 1, Some(1))
    );
    set_mcx(&mut ws, 5086, 5087);
    let report = ws.enable("alice").unwrap();
    assert_eq!(report.published.as_ref().map(|h| h.version), Some(2));
    assert_eq!(
        report.published.unwrap().message,
        "Published by Enable-CsTopology"
    );
    assert_eq!((report.enabled, report.previously_enabled), (2, Some(1)));
    let versions = ws.versions().unwrap();
    let enabled: Vec<(u64, bool)> = versions
        .iter()
        .map(|v| (v.header.version, v.enabled))
        .collect();
    assert_eq!(enabled, [(1, false), (2, true)]);
}

#[test]
fn restore_copies_an_old_version_into_the_draft_and_publishing_adds_a_version() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 5086, 5087);
    ws.publish("mobility", "alice").unwrap();
    let v2_bytes = fs::read(dir.join("versions/v000002.yaml")).unwrap();
    ws.restore(1).unwrap();
    assert_eq!(mcx(ws.doc()), None);
    assert_eq!(ws.base_version(), 2);
    assert_eq!(ws.draft_changes_count().unwrap(), 1);
    let h = ws.publish("back to v1", "alice").unwrap();
    assert_eq!((h.version, h.parent), (3, Some(2)));
    assert!(ws
        .load_version(3)
        .unwrap()
        .same_content(&ws.load_version(1).unwrap()));
    assert_eq!(
        fs::read(dir.join("versions/v000002.yaml")).unwrap(),
        v2_bytes
    );
}

#[test]
fn undo_discards_draft_changes() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 5086, 5087);
    ws.persist().unwrap();
    ws.undo_draft().unwrap();
    ws.persist().unwrap();
    assert_eq!(
        Workspace::open(&dir)
            .unwrap()
            .draft_changes_count()
            .unwrap(),
        0
    );
}

#[test]
fn compare_lists_objects_and_a_unified_diff() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_mcx(&mut ws, 5086, 5087);
    let diff = ws.compare(VersionRef::Enabled, VersionRef::Draft).unwrap();
    assert_eq!(diff.changes.len(), 1);
    let change = &diff.changes[0];
    assert_eq!(change.kind, ChangeKind::Changed);
    assert_eq!(change.label, "WebServer:lyncserver.jacobs.local");
    assert_eq!(
        change.path,
        "topology.pools[lyncserver.jacobs.local].services.webServer"
    );
    assert_eq!(change.properties.len(), 2);
    assert_eq!(change.properties[0].name, "McxSipPrimaryListeningPort");
    assert_eq!(change.properties[0].old, Some(serde_json::Value::Null));
    assert_eq!(change.properties[0].new, Some(serde_json::json!(5086)));
    assert!(
        diff.unified
            .starts_with("--- v1\n+++ draft (based on v1)\n@@ "),
        "{}",
        diff.unified
    );
    assert!(diff
        .unified
        .contains("\n-        mcxSipPrimaryListeningPort: null\n"));
    assert!(diff
        .unified
        .contains("\n+        mcxSipPrimaryListeningPort: 5086\n"));
    let none = ws
        .compare(VersionRef::Number(1), VersionRef::Latest)
        .unwrap();
    assert!(none.is_empty() && none.unified.is_empty());
    assert_eq!(VersionRef::parse("v3"), Some(VersionRef::Number(3)));
    assert_eq!(VersionRef::parse("ENABLED"), Some(VersionRef::Enabled));
    assert_eq!(VersionRef::parse("0"), None);
}

#[test]
fn a_unit_sees_what_another_session_wrote_before_it_began() {
    let (_t, dir) = store();
    let mut a = Workspace::open(&dir).unwrap();
    let mut b = Workspace::open(&dir).unwrap();
    a.checkpoint().unwrap();
    set_mcx(&mut a, 5086, 5087);
    a.persist().unwrap();
    b.checkpoint().unwrap();
    assert_eq!(mcx(b.doc()), Some(5086));
    b.doc_mut().topology.sites[0].description = Some("b".into());
    b.persist().unwrap();
    let c = Workspace::open(&dir).unwrap();
    assert_eq!(mcx(c.doc()), Some(5086));
    assert_eq!(c.doc().topology.sites[0].description.as_deref(), Some("b"));
}

#[test]
fn writing_over_another_sessions_draft_is_refused() {
    let (_t, dir) = store();
    let mut a = Workspace::open(&dir).unwrap();
    let mut b = Workspace::open(&dir).unwrap();
    set_mcx(&mut a, 5086, 5087);
    a.persist().unwrap();
    b.doc_mut().topology.sites[0].description = Some("b".into());
    assert_eq!(
        b.persist().unwrap_err().to_string(),
        "The draft was changed by another lyncsh session after this one read it; this session's unsaved changes were not written and it now holds the current draft. Run the commands again so that they apply to it."
    );
    assert_eq!(mcx(Workspace::open(&dir).unwrap().doc()), Some(5086));
    // b carries on from the current draft instead of failing on every later command.
    assert_eq!(mcx(b.doc()), Some(5086));
    assert!(!b.is_dirty());
    b.checkpoint().unwrap();
    b.doc_mut().topology.sites[0].description = Some("b again".into());
    b.persist().unwrap();
    let c = Workspace::open(&dir).unwrap();
    assert_eq!(
        (
            mcx(c.doc()),
            c.doc().topology.sites[0].description.as_deref()
        ),
        (Some(5086), Some("b again"))
    );
}

#[test]
fn a_crash_between_version_and_draft_write_leaves_a_usable_draft() {
    let (_t, dir) = store();
    let ws = Workspace::open(&dir).unwrap();
    let mut doc = ws.doc().clone();
    doc.topology.sites[0].description = Some("published".into());
    // Publish as the crashed process did, without rewriting the draft afterwards...
    let store = Store::open_or_create(&dir, &default_document()).unwrap().0;
    let lock = store.lock().unwrap();
    store.publish(&lock, &doc, 1, "crash", "alice", 1).unwrap();
    // ...whose draft already held the published content, still based on version 1.
    store
        .write_draft(&lock, &doc.content().with_base(1))
        .unwrap();
    drop(lock);
    let ws = Workspace::open(&dir).unwrap();
    assert_eq!(ws.base_version(), 2);
    assert_eq!(ws.draft_changes_count().unwrap(), 0);
}

#[test]
fn publish_file_publishes_a_document_edited_outside_the_shell() {
    let (t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    let mut doc = ws.load_version(1).unwrap();
    doc.topology.sites[0].description = Some("edited in an editor".into());
    let file = t.path().join("edited.yaml");
    fs::write(&file, yaml::to_string(&doc).unwrap()).unwrap();
    let h = ws.publish_file(&file, "from file", "alice").unwrap();
    assert_eq!((h.version, h.changes), (2, 1));
    assert_eq!(
        ws.base_version(),
        2,
        "a clean draft follows the new version"
    );
    assert_eq!(
        ws.doc().topology.sites[0].description.as_deref(),
        Some("edited in an editor")
    );
    // The same file again is now based on an old version.
    assert_eq!(
        ws.publish_file(&file, "again", "alice").unwrap_err().to_string(),
        format!(
            "'{}' is version 1 of a topology, but version 2 is the latest published version. Publishing it would undo the changes made in the newer versions; export version 2 with Get-CsTopology -AsYaml and edit that instead.",
            file.display()
        )
    );
}
