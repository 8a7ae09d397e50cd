//! Behaviour behind the catalog: built-in PowerShell cmdlets and the Lync nouns.

pub mod builtin;
pub mod lync;

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::registry::Registry;
use crate::topology::workspace::Workspace;

pub use lync::LocalComputer;

/// Every cmdlet of the shell: the built-ins and the Lync nouns acting on `ws`'s draft, with
/// the computer the Lync cmdlets act on (Enter-PSSession changes it; the REPL's prompt shows it).
pub fn registry(ws: Rc<RefCell<Workspace>>) -> (Registry, LocalComputer) {
    let mut registry = Registry::new();
    builtin::register(&mut registry);
    let computer = lync::register(&mut registry, ws);
    (registry, computer)
}
