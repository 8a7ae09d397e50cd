//! Every example in the Lync catalog (`cmdlets/*.yaml` outside `builtin/`, whose examples run
//! in tests/builtin_examples.rs) runs against a fresh default store: it parses, every command
//! in it is known and binds to its catalog signature, and where the catalog gives the output,
//! the output is exactly that. Errors the cmdlets themselves raise are allowed (an example may
//! name a site the lab does not have); what may not happen is help that no longer binds.

mod capture;

use std::cell::RefCell;
use std::rc::Rc;

use capture::Capture;
use lyncsh::catalog::Catalog;
use lyncsh::engine::session::{RunStatus, Session, SessionOptions};
use lyncsh::topology::workspace::Workspace;

/// Error ids that mean the example itself is wrong rather than the lab's data.
const HELP_DRIFT: &[&str] = &[
    "ParameterBindingException",
    "CommandNotFoundException",
    "NamedParameterNotFound",
    "AmbiguousParameter",
    "AmbiguousParameterSet",
    "MissingMandatoryParameter",
    "PositionalParameterNotFound",
    "ParameterArgumentTransformationError",
    "ParameterArgumentValidationError",
    "CannotConvertArgument",
];

#[test]
fn every_lync_example_runs_and_binds() {
    // Examples export files (`Get-CsTopology -AsYaml | Out-File topology.yaml`): run them where
    // that harms nothing. This is the only test in this binary, so the directory change is safe.
    let cwd = tempfile::tempdir().unwrap();
    std::env::set_current_dir(cwd.path()).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for entry in Catalog::embedded().entries() {
        if entry.file.starts_with("cmdlets/builtin/") {
            continue;
        }
        for example in &entry.def.examples {
            let dir = tempfile::tempdir().unwrap();
            let ws = Rc::new(RefCell::new(Workspace::open(dir.path()).unwrap()));
            let (registry, _) = lyncsh::cmdlets::registry(ws.clone());
            let host = Capture::default();
            let options = SessionOptions::default();
            let mut session = Session::new(registry, Box::new(host.clone()), options);
            let result = session.run(&example.code);
            ran += 1;
            let err = host.err.borrow().clone();
            if let RunStatus::ParseFailed(e) = &result.status {
                failures.push(format!(
                    "{}: `{}` does not parse: {}",
                    entry.def.name, example.code, e.message
                ));
                continue;
            }
            if let Some(id) = HELP_DRIFT.iter().find(|id| err.contains(*id)) {
                failures.push(format!(
                    "{}: `{}` fails to bind ({id}):\n{err}",
                    entry.def.name, example.code
                ));
                continue;
            }
            if let Some(expected) = &example.output {
                let out = host.out.borrow().clone();
                if &out != expected {
                    failures.push(format!(
                        "{}: `{}` printed\n{out}\ninstead of\n{expected}",
                        entry.def.name, example.code
                    ));
                }
            }
        }
    }
    assert!(ran > 100, "only {ran} Lync examples found");
    assert!(
        failures.is_empty(),
        "{} example(s) drifted from behaviour:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
