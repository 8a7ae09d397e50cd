//! Behaviour behind the catalog: built-in PowerShell cmdlets and the Lync nouns.

pub mod builtin;
pub mod lync;

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::registry::Registry;
use crate::topology::workspace::Workspace;

/// Every cmdlet of the shell: the built-ins and the Lync nouns acting on `ws`'s draft.
pub fn registry(ws: Rc<RefCell<Workspace>>) -> Registry {
    let mut registry = Registry::new();
    builtin::register(&mut registry);
    lync::register(&mut registry, ws);
    registry
}
