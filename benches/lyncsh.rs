//! In-process figures (divan): the work behind each budget of issue 7, at three sizes.
//!
//! Scale 1× is 10 sites and 100 servers (`generate::Spec::scale`), so 100× is the 1,000-site,
//! 10,000-server deployment; the statement script has 100 statements per 1×, so 100× is the
//! 10,000-statement script. Fixtures (stores, documents) are built once per size outside
//! the timed part; each iteration gets a fresh copy, since every measured step changes it.
//! `benches/run.sh` runs these and the whole-process figures and prints one table.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Mutex;

use divan::Bencher;
use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{Host, Session, SessionOptions};
use lyncsh::topology::generate::{self, Spec};
use lyncsh::topology::model::Document;
use lyncsh::topology::store::Store;
use lyncsh::topology::validate::{self, Context};
use lyncsh::topology::workspace::{VersionRef, Workspace};
use lyncsh::topology::{diff, yaml};

const SCALES: [usize; 3] = [1, 10, 100];
const STATEMENTS_PER_SCALE: usize = 100;

fn main() {
    lyncsh::topology::rules::lync::register();
    divan::main();
}

/// Generated inputs of one size, written once under a temporary folder.
struct Fixture {
    _dir: tempfile::TempDir,
    doc: Document,
    changed: Document,
    /// The generated document as a file, for Publish-CsTopology -FileName.
    file: PathBuf,
    /// A store whose version 1 and draft are the generated document.
    store: PathBuf,
    /// A store whose version 2 is the generated document and version 3 it 1% changed
    /// (version 1 is the default document every new store starts from).
    two_versions: PathBuf,
}

fn fixture(scale: usize) -> &'static Fixture {
    static FIXTURES: Mutex<Option<HashMap<usize, &'static Fixture>>> = Mutex::new(None);
    let mut all = FIXTURES.lock().unwrap();
    all.get_or_insert_with(HashMap::new)
        .entry(scale)
        .or_insert_with(|| Box::leak(Box::new(build_fixture(scale))))
}

fn build_fixture(scale: usize) -> Fixture {
    let spec = Spec::scale(scale);
    let dir = tempfile::tempdir().unwrap();
    let doc = generate::document(&spec);
    let mut changed = doc.clone();
    generate::change(&mut changed, 1);
    let file = dir.path().join("generated.yaml");
    std::fs::write(&file, yaml::to_string(&doc).unwrap()).unwrap();
    let changed_file = dir.path().join("changed.yaml");
    std::fs::write(&changed_file, yaml::to_string(&changed).unwrap()).unwrap();

    let store = dir.path().join("store");
    let mut ws = Workspace::open(&store).unwrap();
    ws.publish_file(&file, "generated", "bench").unwrap();
    let two_versions = dir.path().join("two-versions");
    copy_dir(&store, &two_versions);
    let mut ws = Workspace::open(&two_versions).unwrap();
    ws.publish_file(&changed_file, "1% changed", "bench")
        .unwrap();
    Fixture {
        _dir: dir,
        doc,
        changed,
        file,
        store,
        two_versions,
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

struct NullHost;

impl Host for NullHost {
    fn write_out(&mut self, _: &str) {}
    fn write_err(&mut self, text: &str) {
        panic!("the generated script failed: {text}");
    }
}

/// A fresh copy of the store, opened, with a session over it: what `lyncsh -File` has
/// before its first statement.
struct Shell {
    _dir: tempfile::TempDir,
    ws: Rc<RefCell<Workspace>>,
    session: Session,
}

fn shell(store: &Path) -> Shell {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(store, dir.path());
    let ws = Rc::new(RefCell::new(Workspace::open(dir.path()).unwrap()));
    let mut registry = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut registry);
    lyncsh::cmdlets::lync::register(&mut registry, ws.clone());
    let session = Session::new(registry, Box::new(NullHost), SessionOptions::default());
    Shell {
        _dir: dir,
        ws,
        session,
    }
}

/// A script of 100 statements per 1× (10,000 at 100×) applied to the draft as the CLI
/// applies a batch: lock, run, write the draft.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn script(bencher: Bencher, scale: usize) {
    let f = fixture(scale);
    let source = generate::script(&Spec::scale(scale), STATEMENTS_PER_SCALE * scale);
    bencher
        .with_inputs(|| shell(&f.store))
        .bench_local_values(|mut shell| {
            shell.ws.borrow_mut().checkpoint().unwrap();
            let result = shell.session.run(&source);
            assert_eq!(result.statements_run, STATEMENTS_PER_SCALE * scale);
            shell.ws.borrow_mut().persist().unwrap();
            shell
        });
}

/// Publish-CsTopology -FileName: read, parse, validate, compare with the latest version,
/// write the new version and the draft.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn load_validate_publish(bencher: Bencher, scale: usize) {
    let f = fixture(scale);
    bencher
        .with_inputs(|| {
            let dir = tempfile::tempdir().unwrap();
            let ws = Workspace::open(&dir.path().join("store")).unwrap();
            (dir, ws)
        })
        .bench_local_values(|(dir, mut ws)| {
            ws.publish_file(&f.file, "generated", "bench").unwrap();
            (dir, ws)
        });
}

/// Compare-CsTopology -ReferenceVersion 2 -DifferenceVersion 3: load both versions
/// (checksums verified), list the changed objects and build the unified diff.
#[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
fn compare_versions(bencher: Bencher, scale: usize) {
    let f = fixture(scale);
    let ws = Workspace::open(&f.two_versions).unwrap();
    bencher.bench_local(|| {
        ws.compare(VersionRef::Number(2), VersionRef::Number(3))
            .unwrap()
    });
}

/// The parts, for BENCHMARKS.md's "where the time goes".
mod parts {
    use super::*;

    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn yaml_parse(bencher: Bencher, scale: usize) {
        let text = std::fs::read_to_string(&fixture(scale).file).unwrap();
        bencher.bench(|| yaml::from_str::<Document>(&text, &yaml::Limits::default()).unwrap());
    }

    /// What reading a version costs when the store wrote it: hashing the file and reading the
    /// parse cache's JSON instead of parsing the YAML.
    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn cached_read(bencher: Bencher, scale: usize) {
        let f = fixture(scale);
        let default = lyncsh::topology::default_document();
        let (store, _) = Store::open_or_create(&f.two_versions, &default).unwrap();
        bencher.bench(|| store.load_version(3).unwrap());
    }

    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn yaml_write(bencher: Bencher, scale: usize) {
        let doc = &fixture(scale).doc;
        bencher.bench(|| yaml::to_string(doc).unwrap());
    }

    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn validate(bencher: Bencher, scale: usize) {
        let doc = &fixture(scale).doc;
        let cx = Context::now();
        bencher.bench(|| validate::validate(doc, &cx));
    }

    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn diff_in_memory(bencher: Bencher, scale: usize) {
        let f = fixture(scale);
        bencher.bench(|| diff::diff(&f.doc, &f.changed, "v1", "v2").unwrap());
    }

    #[divan::bench(args = SCALES, sample_count = 5, sample_size = 1)]
    fn object_changes(bencher: Bencher, scale: usize) {
        let f = fixture(scale);
        bencher.bench(|| diff::object_changes(&f.doc, &f.changed));
    }
}
