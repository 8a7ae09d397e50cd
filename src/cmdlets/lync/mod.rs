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
pub mod whatif;

use std::cell::RefCell;
use std::rc::Rc;

use crate::catalog::Catalog;
use crate::engine::command::CommandContext;
use crate::engine::error::ErrorRecord;
use crate::engine::registry::Registry;
use crate::engine::value::Value;
use crate::topology::index::{DocIndex, TopologyView};
use crate::topology::model::{ConfigObject, Document};
use crate::topology::workspace::Workspace;
pub use computer::LocalComputer;
use whatif::WhatIfPreview;

/// Whatever holds the draft document the cmdlets edit: the store's workspace in the shell, a
/// plain document in tests.
pub trait DocHost {
    fn doc(&self) -> &Document;
    /// Marks the draft dirty; the index is rebuilt at its next use.
    fn doc_mut(&mut self) -> &mut Document;
    /// Lookups into the draft as it is now.
    fn index(&self) -> &DocIndex;
    /// Marks the draft dirty, for an edit that reports what it changed to the index.
    fn edit(&mut self) -> (&mut Document, &mut DocIndex);
    /// Marks the draft dirty, for an edit of what the index does not cover (machines'
    /// certificates and features, SIP domains), so lookups need not be rebuilt after it.
    fn edit_unindexed(&mut self) -> &mut Document {
        self.edit().0
    }
    /// The typed topology with its index.
    fn topology(&self) -> TopologyView<'_> {
        self.index().topology(&self.doc().topology)
    }
    /// The objects of a configuration collection whose `key` property is `value` (ignoring
    /// case), with their positions.
    fn config_matches(
        &self,
        collection: &str,
        key: &'static str,
        value: &str,
    ) -> Vec<(usize, &ConfigObject)> {
        self.index()
            .config_matches(&self.doc().configuration, collection, key, value)
    }
    /// The draft as it is now, for [`DocHost::restore`].
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            doc: self.doc().clone(),
            dirty: false,
        }
    }
    /// Puts the draft back as [`DocHost::snapshot`] took it (a `-WhatIf` preview's edits).
    fn restore(&mut self, snapshot: Snapshot) {
        *self.doc_mut() = snapshot.doc;
    }
}

/// A draft and whether it then had unsaved changes.
pub struct Snapshot {
    pub doc: Document,
    pub dirty: bool,
}

pub type SharedDoc = Rc<RefCell<dyn DocHost>>;

impl DocHost for Workspace {
    fn doc(&self) -> &Document {
        Workspace::doc(self)
    }
    fn doc_mut(&mut self) -> &mut Document {
        Workspace::doc_mut(self)
    }
    fn index(&self) -> &DocIndex {
        Workspace::index(self)
    }
    fn edit(&mut self) -> (&mut Document, &mut DocIndex) {
        Workspace::edit(self)
    }
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            doc: self.doc().clone(),
            dirty: self.is_dirty(),
        }
    }
    fn restore(&mut self, snapshot: Snapshot) {
        self.restore_draft(snapshot.doc, snapshot.dirty);
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

/// Registers every Lync cmdlet against one draft document, each behind [`WhatIfPreview`] so
/// that `-WhatIf` lists the changes it would make; returns the session's computer.
pub fn register_with(registry: &mut Registry, doc: SharedDoc) -> LocalComputer {
    let computer = LocalComputer::default();
    let mut lync = Registry::new();
    config::register(&mut lync, doc.clone());
    certificates::register(&mut lync, doc.clone(), computer.clone());
    features::register(&mut lync, doc.clone(), computer.clone());
    remoting::register(&mut lync, doc.clone(), computer.clone());
    federation::register(&mut lync, doc.clone());
    readers::register(&mut lync, doc.clone());
    sipdomain::register(&mut lync, doc.clone());
    services::register(&mut lync, doc.clone());
    lync.add("New-CsWebLink", Rc::new(weblink::NewWebLink));
    for name in lync.names() {
        if let Some(inner) = lync.get(name) {
            let doc = doc.clone();
            registry.add(name, Rc::new(WhatIfPreview { inner, doc }));
        }
    }
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
