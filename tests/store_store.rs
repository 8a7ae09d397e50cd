//! The store folder: creation, versions, the draft, and every kind of bad store, each with
//! its exact error text and proof that opening it changed nothing.

use std::fs;
use std::path::{Path, PathBuf};

use lyncsh::topology::default_document;
use lyncsh::topology::store::{Store, StoreError};
use lyncsh::topology::workspace::Workspace;

fn new_store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    Workspace::open(&dir).unwrap();
    (tmp, dir)
}

/// Every file under `dir` with its bytes, to show a failed open wrote nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn open_err(dir: &Path) -> String {
    let before = snapshot(dir);
    let err = Workspace::open(dir).unwrap_err().to_string();
    assert_eq!(snapshot(dir), before, "a failed open must not write");
    err
}

#[test]
fn first_use_creates_the_store_from_the_default() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let ws = Workspace::open(&dir).unwrap();
    assert!(ws.created());
    assert_eq!(
        ws.creation_notice().unwrap(),
        format!("Created the topology store '{}' from the default topology (the seed's lab) as version 1.", dir.display())
    );
    assert_eq!(ws.base_version(), 1);
    assert!(ws.doc().same_content(&default_document()));
    assert!(dir.join("versions/v000001.yaml").is_file());
    assert_eq!(fs::read_to_string(dir.join("enabled")).unwrap(), "1\n");
    let v1 = ws.load_version(1).unwrap();
    assert_eq!(v1.header.version, 1);
    assert_eq!(v1.header.parent, None);
    assert_eq!(
        v1.header.checksum,
        default_document().content_checksum().unwrap()
    );
    drop(ws);
    let again = Workspace::open(&dir).unwrap();
    assert!(!again.created());
    assert_eq!(again.creation_notice(), None);
}

#[test]
fn an_empty_existing_folder_becomes_a_store_but_a_foreign_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(Workspace::open(tmp.path()).unwrap().created());
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join("notes.txt"), "mine").unwrap();
    assert_eq!(
        open_err(other.path()),
        format!(
            "'{}' is not a lyncsh store: the folder is not empty and has no 'versions' folder.",
            other.path().display()
        )
    );
}

#[test]
fn store_folder_comes_from_the_argument_then_the_environment_then_the_default() {
    let arg = Path::new("/tmp/from-arg");
    std::env::set_var("LYNCSH_STORE", "/tmp/from-env");
    assert_eq!(Store::resolve_dir(Some(arg)), arg);
    assert_eq!(Store::resolve_dir(None), PathBuf::from("/tmp/from-env"));
    std::env::remove_var("LYNCSH_STORE");
    assert_eq!(Store::resolve_dir(None), PathBuf::from(".lyncsh"));
}

#[test]
fn malformed_draft_reports_line_and_column() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    let text = fs::read_to_string(&draft)
        .unwrap()
        .replace("  sipDomains:\n", "  sipDomains: [\n");
    fs::write(&draft, text).unwrap();
    assert_eq!(
        open_err(&dir),
        format!(
            "'{}' is not a valid topology document: line 12, column 3: \"-\" is only valid inside a block",
            draft.display()
        )
    );
}

#[test]
fn unknown_schema_version_is_refused() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    let text = fs::read_to_string(&draft)
        .unwrap()
        .replace("schemaVersion: 1", "schemaVersion: 7");
    fs::write(&draft, text).unwrap();
    assert_eq!(
        open_err(&dir),
        format!(
            "'{}' has document schema version 7, but this lyncsh reads schema version 1 only. Use the lyncsh release that wrote the store.",
            draft.display()
        )
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_offset() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    let mut bytes = fs::read(&draft).unwrap();
    bytes.splice(20..20, [0xC3, 0x28]);
    fs::write(&draft, bytes).unwrap();
    assert_eq!(
        open_err(&dir),
        format!(
            "'{}' is not valid UTF-8 (first invalid byte at offset 20). Topology documents must be saved as UTF-8.",
            draft.display()
        )
    );
}

#[test]
fn oversized_files_are_refused_without_reading_them() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    let f = fs::OpenOptions::new().write(true).open(&draft).unwrap();
    f.set_len(64 * 1024 * 1024 + 1).unwrap();
    drop(f);
    assert_eq!(
        open_err(&dir),
        format!(
            "'{}' is 67108865 bytes, larger than the limit of 67108864 bytes for a topology document.",
            draft.display()
        )
    );
}

#[test]
fn alias_bombs_are_refused() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    // `configuration:` is the document's last section: the bomb goes in as one more collection.
    let text = fs::read_to_string(&draft).unwrap()
        + "  x:\n  - a: &a [x,x,x,x,x,x,x,x,x]\n    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
    let bomb_line = text.lines().count();
    fs::write(&draft, text).unwrap();
    assert_eq!(
        open_err(&dir),
        format!(
            "'{}' was refused at line {bomb_line}, column 33: it uses more than 16 aliases (*name), far more than a topology document needs (a YAML alias bomb?).",
            draft.display()
        )
    );
}

#[test]
fn unreadable_files_are_reported() {
    let (_t, dir) = new_store();
    let draft = dir.join("draft.yaml");
    fs::remove_file(&draft).unwrap();
    fs::create_dir(&draft).unwrap();
    assert_eq!(
        open_err(&dir),
        format!(
            "Cannot read '{}': Is a directory (os error 21).",
            draft.display()
        )
    );
}

#[test]
fn a_missing_draft_starts_again_from_the_latest_version() {
    let (_t, dir) = new_store();
    fs::remove_file(dir.join("draft.yaml")).unwrap();
    let ws = Workspace::open(&dir).unwrap();
    assert_eq!(ws.base_version(), 1);
    assert_eq!(ws.draft_changes_count().unwrap(), 0);
}

#[test]
fn hand_edited_published_version_fails_its_checksum() {
    let (_t, dir) = new_store();
    let v1 = dir.join("versions/v000001.yaml");
    let original = fs::read_to_string(&v1).unwrap();
    let recorded = default_document().content_checksum().unwrap();
    fs::write(
        &v1,
        original.replace("primaryHttpPort: 80", "primaryHttpPort: 81"),
    )
    .unwrap();
    let mut edited = default_document();
    edited
        .topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap()
        .primary_http_port = 81;
    let actual = edited.content_checksum().unwrap();
    let ws = Workspace::open(&dir).unwrap();
    let before = snapshot(&dir);
    // Headers are read without the body: listing still works, loading does not.
    assert_eq!(ws.versions().unwrap().len(), 1);
    assert_eq!(
        ws.load_version(1).unwrap_err().to_string(),
        format!(
            "Version 1 ('{}') was changed after it was published: its content checksum is {actual}, but its header records {recorded}. Published versions are immutable; restore the original file from a backup instead of editing it.",
            v1.display()
        )
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn missing_versions_are_named() {
    let (_t, dir) = new_store();
    let ws = Workspace::open(&dir).unwrap();
    assert_eq!(
        ws.load_version(4).unwrap_err().to_string(),
        "Version 4 does not exist; the store has versions 1 to 1."
    );
}

#[test]
fn a_corrupt_enabled_pointer_is_reported() {
    let (_t, dir) = new_store();
    fs::write(dir.join("enabled"), "three\n").unwrap();
    let ws = Workspace::open(&dir).unwrap();
    assert_eq!(
        ws.versions().unwrap_err().to_string(),
        format!(
            "'{}' does not hold a version number: 'three'.",
            dir.join("enabled").display()
        )
    );
}

#[test]
fn publishing_from_an_older_base_is_refused_and_names_both_versions() {
    let (_t, dir) = new_store();
    let mut a = Workspace::open(&dir).unwrap();
    a.doc_mut().topology.sites[0].description = Some("first".into());
    a.publish("a", "alice").unwrap();
    // A draft still based on version 1 (copied back by hand, or left by an old session).
    let store = Store::open_or_create(&dir, &default_document()).unwrap().0;
    let lock = store.lock().unwrap();
    let err = store
        .publish(&lock, &default_document(), 1, "late", "bob", 0)
        .unwrap_err();
    assert!(matches!(err, StoreError::StaleDraft { base: 1, latest: 2 }));
    assert_eq!(
        err.to_string(),
        "The draft is based on version 1, but version 2 has been published since. Publishing it would undo the changes made in the newer versions. Run Restore-CsTopologyVersion -Version 2 or Undo-CsTopologyDraft to start the draft again from version 2, then reapply your changes."
    );
    assert!(!dir.join("versions/v000003.yaml").exists());
}

#[test]
fn listing_versions_reads_only_headers() {
    let (_t, dir) = new_store();
    let v1 = dir.join("versions/v000001.yaml");
    let text = fs::read_to_string(&v1).unwrap();
    let header_end = text.find("\ntopology:").unwrap() + 1;
    fs::write(&v1, format!("{}topology: [\n", &text[..header_end])).unwrap();
    let ws = Workspace::open(&dir).unwrap();
    let versions = ws.versions().unwrap();
    assert_eq!(
        versions[0].header.message,
        "Initial topology (the embedded default)"
    );
    let line = text[..header_end].lines().count() + 1;
    assert_eq!(
        ws.load_version(1).unwrap_err().to_string(),
        format!(
            "'{}' is not a valid topology document: line {line}, column 11: expected mapping start",
            v1.display()
        )
    );
}
