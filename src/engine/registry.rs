//! Which Rust code runs each cmdlet: cmdlet name (case-insensitive) to its implementation.
//! Signatures come from the catalog; the registry only maps names to behaviour.

use std::collections::HashMap;
use std::rc::Rc;

use super::command::Cmdlet;

#[derive(Default)]
pub struct Registry {
    cmdlets: HashMap<String, Rc<dyn Cmdlet>>,
    /// Advice added to the "is not recognized" error for names that do not exist
    /// (lower-cased name → hint).
    not_found_hints: HashMap<String, String>,
}

impl Registry {
    pub fn new() -> Self {
        Registry::default()
    }

    /// Registers `implementation` for the catalog cmdlet `name`. One implementation may serve
    /// several names (a noun's Get/Set/New/Remove).
    pub fn add(&mut self, name: &str, implementation: Rc<dyn Cmdlet>) {
        self.cmdlets
            .insert(name.to_ascii_lowercase(), implementation);
    }

    pub fn get(&self, name: &str) -> Option<Rc<dyn Cmdlet>> {
        self.cmdlets.get(&name.to_ascii_lowercase()).cloned()
    }

    /// Names of every registered cmdlet, lower-cased.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.cmdlets.keys().map(String::as_str)
    }

    /// Adds advice to the "is not recognized" error for a command that does not exist,
    /// e.g. `Get-CsWebServer` → use `Get-CsService -WebServer`.
    pub fn add_not_found_hint(&mut self, name: &str, hint: &str) {
        self.not_found_hints
            .insert(name.to_ascii_lowercase(), hint.to_string());
    }

    pub fn not_found_hint(&self, name: &str) -> Option<&str> {
        self.not_found_hints
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}
