//! The Lync Server cmdlets: configuration nouns (one generic implementation driven by the
//! catalog), topology readers and setters, certificates, Windows features, and federation
//! tests, all acting on the deployment document.

pub mod certificates;
pub mod computer;
pub mod config;
pub mod convert;
pub mod features;
pub mod federation;
pub mod hooks;
pub mod identity;
pub mod readers;
pub mod remoting;
pub mod services;
pub mod sipdomain;
pub mod topology;
pub mod weblink;

use std::cell::RefCell;
use std::rc::Rc;

use crate::catalog::Catalog;
use crate::engine::command::CommandContext;
use crate::engine::error::ErrorRecord;
use crate::engine::registry::Registry;
use crate::engine::value::Value;
use crate::topology::model::Document;
use crate::topology::workspace::Workspace;
pub use computer::LocalComputer;

/// Whatever holds the draft document the cmdlets edit: the store's workspace in the shell, a
/// plain document in tests.
pub trait DocHost {
    fn doc(&self) -> &Document;
    /// Marks the draft dirty.
    fn doc_mut(&mut self) -> &mut Document;
}

pub type SharedDoc = Rc<RefCell<dyn DocHost>>;

impl DocHost for Workspace {
    fn doc(&self) -> &Document {
        Workspace::doc(self)
    }
    fn doc_mut(&mut self) -> &mut Document {
        Workspace::doc_mut(self)
    }
}

/// Registers every Lync cmdlet against the store's workspace (the topology cmdlets too), and
/// the Lync validation rules with the validation engine. Returns the session's computer,
/// whose [`LocalComputer::chosen`] the prompt shows while remoting.
pub fn register(registry: &mut Registry, ws: Rc<RefCell<Workspace>>) -> LocalComputer {
    crate::topology::rules::lync::register();
    topology::register(registry, ws.clone());
    register_with(registry, ws)
}

/// Registers every Lync cmdlet against one draft document; returns the session's computer.
pub fn register_with(registry: &mut Registry, doc: SharedDoc) -> LocalComputer {
    let computer = LocalComputer::default();
    config::register(registry, doc.clone());
    certificates::register(registry, doc.clone(), computer.clone());
    features::register(registry, doc.clone(), computer.clone());
    remoting::register(registry, doc.clone(), computer.clone());
    federation::register(registry, doc.clone());
    readers::register(registry, doc.clone());
    sipdomain::register(registry, doc.clone());
    services::register(registry, doc);
    registry.add("New-CsWebLink", Rc::new(weblink::NewWebLink));
    registry.add_not_found_hint(
        "Get-CsWebServer",
        "There is no Get-CsWebServer in Lync Server: use Get-CsService -WebServer.",
    );
    computer
}

/// Writes what a cmdlet found, once it no longer borrows the document: output objects, or
/// the error (non-terminating, as Lync reports a missing object and goes on).
pub fn emit(cx: &mut dyn CommandContext, found: Result<Vec<Value>, ErrorRecord>, command: &str) {
    match found {
        Ok(values) => values.into_iter().for_each(|v| cx.write_output(v)),
        Err(e) => cx.write_error(e.with_command(command)),
    }
}

/// Reports a failed cmdlet run as Lync does: a non-terminating error named after the cmdlet,
/// so the rest of the pipeline still runs.
pub fn report(cx: &mut dyn CommandContext, result: Result<(), ErrorRecord>) {
    if let Err(e) = result {
        let command = cx.definition().name.clone();
        cx.write_error(e.with_command(&command));
    }
}

/// A document value as the shell sees it, when no catalog type says more.
pub fn json_value(json: &serde_json::Value) -> Value {
    convert::to_value(json, "", Catalog::embedded())
}
