//! The benchmark generator at small size: its documents are valid and stable, its scripts
//! run without an error, and its "1% changed" version differs where it says.

use std::cell::RefCell;
use std::rc::Rc;

use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{Host, RunStatus, Session, SessionOptions};
use lyncsh::topology::diff;
use lyncsh::topology::generate::{self, Spec, SERVERS_PER_SITE};
use lyncsh::topology::validate::{self, Context};
use lyncsh::topology::workspace::Workspace;
use lyncsh::topology::yaml;

const SPEC: Spec = Spec { sites: 3 };

fn lync_rules() {
    lyncsh::topology::rules::lync::register();
}

#[test]
fn a_generated_document_has_the_asked_size_and_no_finding() {
    lync_rules();
    let doc = generate::document(&SPEC);
    assert_eq!(doc.topology.sites.len(), 3);
    assert_eq!(doc.topology.machines().count(), 3 * SERVERS_PER_SITE);
    assert_eq!(SPEC.servers(), 3 * SERVERS_PER_SITE);
    assert_eq!(Spec::scale(100).servers(), 10_000);
    let findings = validate::validate(&doc, &Context::now());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn generation_is_deterministic_and_survives_yaml() {
    let doc = generate::document(&SPEC);
    assert_eq!(doc, generate::document(&SPEC));
    let text = yaml::to_string(&doc).unwrap();
    let back: lyncsh::topology::model::Document =
        yaml::from_str(&text, &yaml::Limits::default()).unwrap();
    assert_eq!(back, doc);
    assert_eq!(generate::script(&SPEC, 40), generate::script(&SPEC, 40));
}

#[test]
fn one_percent_changed_is_a_valid_document_with_that_many_changes() {
    lync_rules();
    let old = generate::document(&Spec { sites: 20 });
    let mut new = old.clone();
    let changed = generate::change(&mut new, 1);
    assert!(changed > 0);
    assert_eq!(diff::object_changes(&old, &new).len(), changed);
    assert!(!validate::has_errors(&validate::validate(
        &new,
        &Context::now()
    )));
}

/// Collects what the session prints.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<(String, String)>>);

impl Host for Capture {
    fn write_out(&mut self, text: &str) {
        self.0.borrow_mut().0.push_str(text);
    }
    fn write_err(&mut self, text: &str) {
        self.0.borrow_mut().1.push_str(text);
    }
}

#[test]
fn a_generated_script_runs_every_statement_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.yaml");
    std::fs::write(&file, yaml::to_string(&generate::document(&SPEC)).unwrap()).unwrap();
    let ws = Rc::new(RefCell::new(
        Workspace::open(&dir.path().join("store")).unwrap(),
    ));
    ws.borrow_mut()
        .publish_file(&file, "generated", "bench")
        .unwrap();

    let mut registry = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut registry);
    lyncsh::cmdlets::lync::register(&mut registry, ws.clone());
    let capture = Capture::default();
    let mut session = Session::new(
        registry,
        Box::new(capture.clone()),
        SessionOptions::default(),
    );
    let script = generate::script(&SPEC, 40);
    let result = session.run(&script);
    let (out, err) = capture.0.borrow().clone();
    assert_eq!(err, "");
    assert_eq!(result.status, RunStatus::Completed);
    assert_eq!(result.statements_run, 40);
    assert!(out.contains("pool.s0001.contoso.local"), "{out}");

    // The statements changed the draft, and it still publishes.
    let mut ws = ws.borrow_mut();
    assert!(ws.draft_changes_count().unwrap() > 0);
    ws.publish("after the script", "bench").unwrap();
}
