//! Variable and function scopes: a stack from global (index 0) to the innermost call.
//! Reads walk outwards (PowerShell's dynamic scoping); plain writes go to the innermost scope;
//! `$global:`, `$script:` and `$local:` pick a scope explicitly. `$env:` is the process
//! environment.

use std::collections::HashMap;
use std::rc::Rc;

use super::value::Value;
use crate::lang::ast;

/// A function as defined by `function Name { … }`.
#[derive(Clone, Debug)]
pub struct FunctionDef {
    pub name: String,
    /// `function f($a, $b)` parameters, when written that way.
    pub params: Option<ast::ParamBlock>,
    pub body: Rc<ast::ScriptBlock>,
}

#[derive(Default)]
struct Scope {
    /// Lower-case name → (name as first written, value).
    variables: HashMap<String, (String, Value)>,
    functions: HashMap<String, Rc<FunctionDef>>,
    /// Marks the scope a script file (or the session) runs in, for `$script:`.
    is_script: bool,
    /// Set-StrictMode in this scope: `Some(0)` is `-Off`, `None` inherits from the parent.
    strict: Option<u8>,
}

pub struct Scopes {
    stack: Vec<Scope>,
}

impl Default for Scopes {
    fn default() -> Self {
        Scopes {
            stack: vec![Scope {
                is_script: true,
                ..Scope::default()
            }],
        }
    }
}

/// Which scope a `$scope:name` reference means.
enum Target {
    Global,
    Script,
    Local,
    Any,
}

fn target(scope: Option<&str>) -> Target {
    match scope.map(str::to_ascii_lowercase).as_deref() {
        Some("global") => Target::Global,
        Some("script") => Target::Script,
        Some("local") | Some("private") => Target::Local,
        _ => Target::Any,
    }
}

impl Scopes {
    pub fn push(&mut self, is_script: bool) {
        self.stack.push(Scope {
            is_script,
            ..Scope::default()
        });
    }

    pub fn pop(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    fn script_index(&self) -> usize {
        self.stack.iter().rposition(|s| s.is_script).unwrap_or(0)
    }

    fn index_for(&self, t: &Target) -> usize {
        match t {
            Target::Global => 0,
            Target::Script => self.script_index(),
            Target::Local | Target::Any => self.stack.len() - 1,
        }
    }

    /// Reads a variable; `scope` is the `global`/`script`/`local` qualifier if written.
    pub fn get(&self, scope: Option<&str>, name: &str) -> Option<Value> {
        let key = name.to_lowercase();
        match target(scope) {
            Target::Any => self
                .stack
                .iter()
                .rev()
                .find_map(|s| s.variables.get(&key))
                .map(|(_, v)| v.clone()),
            t => self.stack[self.index_for(&t)]
                .variables
                .get(&key)
                .map(|(_, v)| v.clone()),
        }
    }

    pub fn set(&mut self, scope: Option<&str>, name: &str, value: Value) {
        let index = self.index_for(&target(scope));
        let vars = &mut self.stack[index].variables;
        match vars.get_mut(&name.to_lowercase()) {
            Some(slot) => slot.1 = value,
            None => {
                vars.insert(name.to_lowercase(), (name.to_string(), value));
            }
        }
    }

    pub fn remove(&mut self, scope: Option<&str>, name: &str) -> bool {
        let key = name.to_lowercase();
        match target(scope) {
            Target::Any => {
                for s in self.stack.iter_mut().rev() {
                    if s.variables.remove(&key).is_some() {
                        return true;
                    }
                }
                false
            }
            t => {
                let i = self.index_for(&t);
                self.stack[i].variables.remove(&key).is_some()
            }
        }
    }

    /// Every visible variable, innermost definitions winning, sorted by name.
    pub fn visible(&self) -> Vec<(String, Value)> {
        let mut seen: HashMap<&str, (String, Value)> = HashMap::new();
        for s in &self.stack {
            for (k, (name, v)) in &s.variables {
                seen.insert(k.as_str(), (name.clone(), v.clone()));
            }
        }
        let mut all: Vec<(String, Value)> = seen.into_values().collect();
        all.sort_by_key(|(n, _)| n.to_lowercase());
        all
    }

    /// Set-StrictMode: the version (0 for `-Off`) for the current scope and its children.
    pub fn set_strict(&mut self, version: u8) {
        if let Some(scope) = self.stack.last_mut() {
            scope.strict = Some(version);
        }
    }

    /// The strict-mode version in effect: the nearest scope that set one, else off (0).
    pub fn strict(&self) -> u8 {
        self.stack.iter().rev().find_map(|s| s.strict).unwrap_or(0)
    }

    pub fn define_function(&mut self, scope: Option<&str>, def: FunctionDef) {
        let index = self.index_for(&target(scope));
        self.stack[index]
            .functions
            .insert(def.name.to_lowercase(), Rc::new(def));
    }

    pub fn function(&self, name: &str) -> Option<Rc<FunctionDef>> {
        let key = name.to_lowercase();
        self.stack
            .iter()
            .rev()
            .find_map(|s| s.functions.get(&key).cloned())
    }

    pub fn functions(&self) -> Vec<Rc<FunctionDef>> {
        let mut seen: HashMap<String, Rc<FunctionDef>> = HashMap::new();
        for s in &self.stack {
            for (k, f) in &s.functions {
                seen.insert(k.clone(), f.clone());
            }
        }
        seen.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_walk_out_and_writes_stay_local() {
        let mut s = Scopes::default();
        s.set(None, "x", Value::Int(1));
        s.push(false);
        assert_eq!(s.get(None, "X").unwrap().to_ps_string(), "1");
        s.set(None, "x", Value::Int(2));
        assert_eq!(s.get(Some("global"), "x").unwrap().to_ps_string(), "1");
        s.set(Some("global"), "x", Value::Int(3));
        s.pop();
        assert_eq!(s.get(None, "x").unwrap().to_ps_string(), "3");
    }

    #[test]
    fn strict_mode_applies_to_children_until_turned_off() {
        let mut s = Scopes::default();
        s.set_strict(2);
        s.push(false);
        assert_eq!(s.strict(), 2);
        s.set_strict(0);
        assert_eq!(s.strict(), 0);
        s.pop();
        assert_eq!(s.strict(), 2);
    }

    #[test]
    fn script_scope_is_the_nearest_script() {
        let mut s = Scopes::default();
        s.push(true);
        s.push(false);
        s.set(Some("script"), "y", Value::Int(1));
        s.pop();
        assert!(s.get(Some("local"), "y").is_some());
        s.pop();
        assert!(s.get(None, "y").is_none());
    }
}
