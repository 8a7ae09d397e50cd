//! The Lync Server cmdlets: configuration nouns (one generic implementation driven by the
//! catalog), topology readers and setters, certificates, Windows features, and federation
//! tests, all acting on the deployment document.

pub mod config;
pub mod convert;
pub mod hooks;
pub mod identity;
pub mod weblink;

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::registry::Registry;
use crate::topology::model::Document;

/// Whatever holds the draft document the cmdlets edit: the store's workspace in the shell, a
/// plain document in tests.
pub trait DocHost {
    fn doc(&self) -> &Document;
    /// Marks the draft dirty.
    fn doc_mut(&mut self) -> &mut Document;
}

pub type SharedDoc = Rc<RefCell<dyn DocHost>>;

/// Registers every Lync cmdlet against one draft document.
pub fn register_with(registry: &mut Registry, doc: SharedDoc) {
    config::register(registry, doc);
    registry.add("New-CsWebLink", Rc::new(weblink::NewWebLink));
}
