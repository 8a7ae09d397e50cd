//! A small stand-in for the engine: runs one cmdlet with hand-bound parameters against a
//! document and records what it wrote to each stream.
#![allow(dead_code)]

#[path = "../capture/mod.rs"]
mod capture;
#[path = "../recorder/mod.rs"]
mod recorder;

use std::cell::RefCell;
use std::rc::Rc;

use capture::Capture;
use lyncsh::catalog::Catalog;
use lyncsh::cmdlets::lync::{register_with, DocHost};
use lyncsh::engine::command::BoundParameters;
use lyncsh::engine::registry::Registry;
use lyncsh::engine::value::{Hashtable, Value};
use lyncsh::topology::index::DocIndex;
use lyncsh::topology::model::Document;
pub use recorder::Outcome;
use recorder::Recorder;

/// A draft held in memory, with its index (emptied by every edit that does not report its
/// changes to it).
pub struct MemoryDoc(pub Document, DocIndex);

impl MemoryDoc {
    pub fn new(doc: Document) -> MemoryDoc {
        MemoryDoc(doc, DocIndex::default())
    }
}

impl DocHost for MemoryDoc {
    fn doc(&self) -> &Document {
        &self.0
    }
    fn doc_mut(&mut self) -> &mut Document {
        self.1 = DocIndex::default();
        &mut self.0
    }
    fn index(&self) -> &DocIndex {
        &self.1
    }
    fn edit(&mut self) -> (&mut Document, &mut DocIndex) {
        (&mut self.0, &mut self.1)
    }
}

pub struct Shell {
    pub doc: Rc<RefCell<MemoryDoc>>,
    registry: Registry,
}

impl Shell {
    pub fn new(doc: Document) -> Shell {
        let doc = Rc::new(RefCell::new(MemoryDoc::new(doc)));
        let mut registry = Registry::new();
        let _computer = register_with(&mut registry, doc.clone());
        Shell { doc, registry }
    }

    pub fn empty() -> Shell {
        Shell::new(Document::default())
    }

    /// The seed's lab, as a new store starts.
    pub fn lab() -> Shell {
        Shell::new(lyncsh::topology::default_document())
    }

    /// Runs `name` with already-bound parameters (`-WhatIf` given as ("WhatIf", true)).
    pub fn run(&self, name: &str, params: &[(&str, Value)]) -> Outcome {
        self.run_with_input(name, params, Vec::new())
    }

    pub fn run_with_input(
        &self,
        name: &str,
        params: &[(&str, Value)],
        input: Vec<Value>,
    ) -> Outcome {
        let entry = Catalog::embedded()
            .find(name)
            .unwrap_or_else(|| panic!("{name} is not in the catalog"));
        let cmdlet = self
            .registry
            .get(name)
            .unwrap_or_else(|| panic!("{name} is not registered"));
        let mut bound = BoundParameters::default();
        let mut what_if = false;
        for (k, v) in params {
            if k.eq_ignore_ascii_case("WhatIf") {
                what_if = true;
                continue;
            }
            let canonical = entry
                .def
                .parameters
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(k))
                .unwrap_or_else(|| panic!("{name} has no parameter -{k}"));
            bound.insert(&canonical.name, v.clone());
        }
        if bound.has("Instance") {
            bound.parameter_set = Some("Instance".into());
        }
        let mut cx = Recorder::new(&entry.def, what_if);
        cmdlet
            .run(&mut cx, &bound, input)
            .expect("cmdlets report errors through write_error");
        cx.out
    }

    /// The single object a Get- returns, as `Name=value` lines in print order.
    pub fn get_one(&self, name: &str, params: &[(&str, Value)]) -> Vec<(String, String)> {
        let out = self.run(name, params);
        assert!(out.errors.is_empty(), "{:?}", out.error_messages());
        assert_eq!(
            out.output.len(),
            1,
            "{name} returned {} objects",
            out.output.len()
        );
        props(&out.output[0])
    }
}

pub fn props(v: &Value) -> Vec<(String, String)> {
    match v {
        Value::Object(o) => o
            .borrow()
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), v.to_display_string()))
            .collect(),
        other => panic!("not an object: {other:?}"),
    }
}

pub fn prop(v: &Value, name: &str) -> String {
    v.property(name).to_display_string()
}

pub fn s(text: &str) -> Value {
    Value::str(text)
}

pub fn b(x: bool) -> Value {
    Value::Bool(x)
}

pub fn n(x: i64) -> Value {
    Value::Int(x)
}

pub fn on() -> Value {
    Value::Switch(true)
}

/// `@{Add=…; Remove=…}` as the parser builds it.
pub fn modifier(entries: &[(&str, Value)]) -> Value {
    let mut h = Hashtable::default();
    for (k, v) in entries {
        h.insert(Value::str(*k), v.clone());
    }
    Value::Hashtable(Rc::new(RefCell::new(h)))
}

/// The whole shell: the engine's session over a store in a temporary folder, with the Lync
/// cmdlets registered, capturing what it prints.
pub struct Script {
    pub session: lyncsh::engine::session::Session,
    pub out: Rc<RefCell<String>>,
    pub err: Rc<RefCell<String>>,
    pub ws: Rc<RefCell<lyncsh::topology::workspace::Workspace>>,
    _dir: tempfile::TempDir,
}

impl Script {
    pub fn new() -> Script {
        let dir = tempfile::tempdir().unwrap();
        let ws = lyncsh::topology::workspace::Workspace::open(&dir.path().join("store")).unwrap();
        let ws = Rc::new(RefCell::new(ws));
        let mut registry = Registry::new();
        lyncsh::cmdlets::builtin::register(&mut registry);
        let _computer = lyncsh::cmdlets::lync::register(&mut registry, ws.clone());
        let host = Capture::default();
        let (out, err) = (host.out.clone(), host.err.clone());
        let session = lyncsh::engine::session::Session::new(
            registry,
            Box::new(host),
            lyncsh::engine::session::SessionOptions::default(),
        );
        Script {
            session,
            out,
            err,
            ws,
            _dir: dir,
        }
    }

    /// Runs source text; returns (stdout, stderr) of this run.
    pub fn run(&mut self, source: &str) -> (String, String) {
        self.out.borrow_mut().clear();
        self.err.borrow_mut().clear();
        let result = self.session.run(source);
        assert!(
            !matches!(
                result.status,
                lyncsh::engine::session::RunStatus::ParseFailed(_)
            ),
            "{source}: {result:?}"
        );
        (self.out.borrow().clone(), self.err.borrow().clone())
    }
}
