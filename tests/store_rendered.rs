//! How the store writes and re-reads documents quickly: the content serialised once
//! (`rendered`), and the parse cache that stands in for the YAML parser when a file has not
//! changed since it was written or read.

use std::fs;
use std::path::{Path, PathBuf};

use lyncsh::topology::generate::{self, Spec};
use lyncsh::topology::model::{Document, Header};
use lyncsh::topology::rendered::{header_yaml, Rendered};
use lyncsh::topology::store::{Store, StoreError};
use lyncsh::topology::workspace::{VersionRef, Workspace};
use lyncsh::topology::{default_document, yaml};

fn store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    (tmp, dir)
}

/// A new store whose draft's first site has `text` as its description (not yet written).
fn described(text: &str) -> (tempfile::TempDir, PathBuf, Workspace) {
    let (tmp, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    set_description(&mut ws, text);
    (tmp, dir, ws)
}

fn description(doc: &Document) -> Option<String> {
    doc.topology.sites[0].description.clone()
}

fn set_description(ws: &mut Workspace, text: &str) {
    ws.doc_mut().topology.sites[0].description = Some(text.into());
}

/// The cache entry for `file` (`draft.yaml`, `v000002.yaml`).
fn entry(dir: &Path, file: &str) -> PathBuf {
    dir.join("cache").join(file.replace(".yaml", ".json"))
}

#[test]
fn a_file_is_the_header_then_the_content_byte_for_byte() {
    let mut generated = generate::document(&Spec { sites: 3 });
    generated.header = Header {
        version: 7,
        parent: Some(6),
        author: "alice".into(),
        message: "two\nlines: and a colon".into(),
        checksum: "ab".repeat(32),
        ..Header::draft(6)
    };
    for doc in [default_document(), generated] {
        let content = Rendered::of(&doc).unwrap();
        let whole = yaml::to_string(&doc).unwrap();
        let parts = header_yaml(&doc.header).unwrap() + content.content_yaml();
        assert_eq!(parts, whole);
        assert_eq!(content.checksum(), doc.content_checksum().unwrap());
        // The cache's JSON is the document's, header included.
        let (head, rest) = content.file_json(&doc.header);
        let json: Document = serde_json::from_str(&(head + rest)).unwrap();
        assert_eq!(json, doc);
    }
}

#[test]
fn the_draft_is_read_from_the_cache_while_its_file_is_unchanged() {
    let (_t, dir, mut ws) = described("from the YAML");
    ws.persist().unwrap();
    let cached = entry(&dir, "draft.yaml");
    assert!(cached.is_file());
    // Prove the entry is what a reader uses: doctor it (same key, other content).
    let text = fs::read_to_string(&cached).unwrap();
    fs::write(&cached, text.replace("from the YAML", "from the cache")).unwrap();
    let again = Workspace::open(&dir).unwrap();
    assert_eq!(description(again.doc()).as_deref(), Some("from the cache"));
    // An edit of draft.yaml by hand changes its bytes, so the entry no longer applies.
    let draft = dir.join("draft.yaml");
    let edited = fs::read_to_string(&draft)
        .unwrap()
        .replace("from the YAML", "edited by hand");
    fs::write(&draft, edited).unwrap();
    let edited = Workspace::open(&dir).unwrap();
    assert_eq!(description(edited.doc()).as_deref(), Some("edited by hand"));
}

#[test]
fn a_broken_or_foreign_cache_entry_is_ignored() {
    let (_t, dir, mut ws) = described("kept");
    ws.persist().unwrap();
    let cached = entry(&dir, "draft.yaml");
    let good = fs::read_to_string(&cached).unwrap();
    let (first, json) = good.split_once('\n').unwrap();
    for bad in [
        good[..good.len() / 2].to_string(),
        // Another format's entry for the same file: it would read back as a different draft.
        format!(
            "{}\n{}",
            first.replace("lyncsh-parse-cache 1", "lyncsh-parse-cache 0"),
            json.replace("\"kept\"", "\"from another lyncsh\"")
        ),
        format!("{first}\nnot json"),
        String::new(),
    ] {
        fs::write(&cached, bad).unwrap();
        let again = Workspace::open(&dir).unwrap();
        assert_eq!(description(again.doc()).as_deref(), Some("kept"));
    }
}

#[test]
fn a_changed_version_file_is_refused_even_when_its_old_entry_is_cached() {
    let (_t, dir, mut ws) = described("published");
    ws.publish("v2", "alice").unwrap();
    assert!(entry(&dir, "v000002.yaml").is_file());
    let path = dir.join("versions").join("v000002.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("description: published", "description: tampered"),
    )
    .unwrap();
    let store = Store::open_or_create(&dir, &default_document()).unwrap().0;
    let err = store.load_version(2).unwrap_err();
    assert!(
        matches!(err, StoreError::ChecksumMismatch { version: 2, .. }),
        "{err}"
    );
}

#[test]
fn a_version_reformatted_by_hand_still_verifies_against_its_content() {
    let (_t, dir, mut ws) = described("published");
    ws.publish("v2", "alice").unwrap();
    let compare = |ws: &Workspace| {
        ws.compare(VersionRef::Number(1), VersionRef::Number(2))
            .unwrap()
    };
    let before = compare(&ws);
    assert!(
        before.unified.contains("+    description: published"),
        "{}",
        before.unified
    );
    fs::remove_dir_all(dir.join("cache")).unwrap();
    // Same content, other layout: a comment line after the header.
    let path = dir.join("versions").join("v000002.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("\ntopology:", "\n# reviewed\ntopology:"),
    )
    .unwrap();
    let store = Store::open_or_create(&dir, &default_document()).unwrap().0;
    let doc = store.load_version(2).unwrap();
    assert_eq!(description(&doc).as_deref(), Some("published"));
    // The unified diff is of the content as lyncsh writes it, whatever the file's layout.
    assert_eq!(compare(&ws), before);
}

#[test]
fn the_cache_keeps_the_draft_and_the_latest_versions_only() {
    let (_t, dir) = store();
    let mut ws = Workspace::open(&dir).unwrap();
    for n in 0..6 {
        set_description(&mut ws, &format!("change {n}"));
        ws.publish(&format!("change {n}"), "alice").unwrap();
    }
    let mut names: Vec<String> = fs::read_dir(dir.join("cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"draft.json".to_string()), "{names:?}");
    assert!(names.contains(&"v000007.json".to_string()), "{names:?}");
    // Every version still loads, cached or not.
    let store = Store::open_or_create(&dir, &default_document()).unwrap().0;
    for n in 1..=7 {
        store.load_version(n).unwrap();
    }
}
