//! The computer a command runs on. Certificate and Windows feature cmdlets act on the "local"
//! server, as on a real Lync box: the first front end unless the session switched to another
//! (Enter-PSSession -ComputerName).

use std::cell::RefCell;
use std::rc::Rc;

use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::topology::model::Document;

/// The computer chosen for the session; `None` means the first front end.
#[derive(Clone, Default)]
pub struct LocalComputer(Rc<RefCell<Option<String>>>);

impl LocalComputer {
    pub fn set(&self, fqdn: Option<String>) {
        *self.0.borrow_mut() = fqdn;
    }

    /// The computer an Enter-PSSession chose (the prompt's `[fqdn]: `), `None` when the
    /// session works on the first front end.
    pub fn chosen(&self) -> Option<String> {
        self.0.borrow().clone()
    }

    /// The chosen computer's FQDN, spelled as in the topology.
    pub fn fqdn(&self, doc: &Document) -> Result<String, ErrorRecord> {
        let topology = &doc.topology;
        let chosen = self.0.borrow().clone();
        let found = match &chosen {
            Some(name) => topology.machine(name).map(|(_, m)| m.fqdn.clone()),
            None => topology
                .front_end_pools()
                .flat_map(|p| p.machines.iter())
                .map(|m| m.fqdn.clone())
                .next(),
        };
        found.ok_or_else(|| {
            let message = match chosen {
                Some(name) => format!("The computer {name} is not in the topology, so it has no certificate store or features to act on."),
                None => "The topology has no front end server to act on. Add a Standard Edition or Enterprise front end pool first.".to_string(),
            };
            ErrorRecord::new(ErrorCategory::ObjectNotFound, "ComputerNotFound", message)
        })
    }
}
