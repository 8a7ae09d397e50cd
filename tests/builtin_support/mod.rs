//! A small CommandContext for driving built-in cmdlets without the engine: script blocks are
//! stood in for by Rust closures keyed by their text, streams are recorded.

#![allow(dead_code)]

use std::collections::HashMap;
use std::rc::Rc;

use lyncsh::catalog::schema::CmdletDef;
use lyncsh::catalog::Catalog;
use lyncsh::engine::command::{BoundParameters, CommandContext};
use lyncsh::engine::error::ErrorRecord;
use lyncsh::engine::format::{out_default, FormatOptions};
use lyncsh::engine::registry::Registry;
use lyncsh::engine::value::{PsObject, Value};
use lyncsh::lang::ast;

type Block = Box<dyn Fn(&mut Mock, Option<Value>) -> Vec<Value>>;

pub struct Mock {
    pub output: Vec<Value>,
    pub errors: Vec<ErrorRecord>,
    pub verbose: Vec<String>,
    pub warnings: Vec<String>,
    pub host: String,
    pub variables: Vec<(String, Value)>,
    pub aliases: Vec<(String, String)>,
    pub functions: Vec<String>,
    pub interactive: bool,
    pub answer: Option<String>,
    pub color: bool,
    blocks: Rc<HashMap<String, Block>>,
    def: CmdletDef,
}

impl Mock {
    pub fn new(name: &str) -> Mock {
        let def = Catalog::embedded()
            .find(name)
            .unwrap_or_else(|| panic!("{name} is not in the catalog"))
            .def
            .clone();
        Mock {
            output: Vec::new(),
            errors: Vec::new(),
            verbose: Vec::new(),
            warnings: Vec::new(),
            host: String::new(),
            variables: Vec::new(),
            aliases: Vec::new(),
            functions: Vec::new(),
            interactive: false,
            answer: None,
            color: false,
            blocks: Rc::new(HashMap::new()),
            def,
        }
    }

    /// The output as the host would print it.
    pub fn printed(&self) -> String {
        out_default(&self.output, &FormatOptions::default())
    }

    pub fn strings(&self) -> Vec<String> {
        self.output.iter().map(Value::to_ps_string).collect()
    }
}

impl CommandContext for Mock {
    fn write_output(&mut self, value: Value) {
        self.output.push(value);
    }
    fn write_verbose(&mut self, message: &str) {
        self.verbose.push(message.into());
    }
    fn write_warning(&mut self, message: &str) {
        self.warnings.push(message.into());
    }
    fn write_error(&mut self, error: ErrorRecord) {
        self.errors.push(error);
    }
    fn write_host(&mut self, text: &str, newline: bool) {
        self.host.push_str(text);
        if newline {
            self.host.push('\n');
        }
    }
    fn should_process(&mut self, _target: &str, _action: &str) -> bool {
        true
    }
    fn what_if(&self) -> bool {
        false
    }
    fn invoke_block(
        &mut self,
        block: &Value,
        dollar_underscore: Option<Value>,
        _args: Vec<Value>,
    ) -> Result<Vec<Value>, ErrorRecord> {
        let Value::ScriptBlock(sb) = block else {
            panic!("not a script block: {block:?}");
        };
        let blocks = Rc::clone(&self.blocks);
        let f = blocks
            .get(sb.text.as_ref())
            .unwrap_or_else(|| panic!("no stand-in for {{{}}}", sb.text));
        Ok(f(self, dollar_underscore))
    }
    fn get_variable(&self, name: &str) -> Option<Value> {
        self.variables
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    }
    fn set_variable(&mut self, name: &str, value: Value) {
        match self
            .variables
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => self.variables.push((name.into(), value)),
        }
    }
    fn definition(&self) -> &CmdletDef {
        &self.def
    }
    fn interactive(&self) -> bool {
        self.interactive
    }
    fn format_options(&self) -> FormatOptions {
        FormatOptions {
            color: self.color,
            width: 120,
        }
    }
    fn variables(&self) -> Vec<(String, Value)> {
        self.variables.clone()
    }
    fn aliases(&self) -> Vec<(String, String)> {
        self.aliases.clone()
    }
    fn functions(&self) -> Vec<String> {
        self.functions.clone()
    }
    fn set_alias(&mut self, name: &str, target: &str) -> bool {
        self.aliases.push((name.into(), target.into()));
        true
    }
    fn read_host(&mut self, _prompt: &str) -> Option<String> {
        self.answer.take()
    }
}

/// A script block value whose behaviour in the mock is `f`.
pub fn block(
    mock: &mut Mock,
    text: &str,
    f: impl Fn(&mut Mock, Option<Value>) -> Vec<Value> + 'static,
) -> Value {
    Rc::get_mut(&mut mock.blocks)
        .expect("blocks are registered before running")
        .insert(text.to_string(), Box::new(f));
    Value::ScriptBlock(Rc::new(ast::ScriptBlock {
        attributes: Vec::new(),
        param_block: None,
        begin: None,
        process: None,
        end: Vec::new(),
        span: ast::Span::default(),
        text: text.into(),
    }))
}

pub fn registry() -> Registry {
    let mut r = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut r);
    r
}

/// Runs a built-in cmdlet with already-bound parameters (canonical names) and input.
pub fn run_with(
    mock: &mut Mock,
    name: &str,
    params: &[(&str, Value)],
    input: Vec<Value>,
) -> Result<(), ErrorRecord> {
    let mut bound = BoundParameters::default();
    for (k, v) in params {
        bound.insert(k, v.clone());
    }
    let cmdlet = registry()
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not registered"));
    cmdlet.run(mock, &bound, input)
}

/// Runs a cmdlet on a fresh mock and returns it.
pub fn run(name: &str, params: &[(&str, Value)], input: Vec<Value>) -> Mock {
    let mut mock = Mock::new(name);
    run_with(&mut mock, name, params, input)
        .unwrap_or_else(|e| panic!("{name} failed: {}", e.message));
    mock
}

pub fn on() -> Value {
    Value::Switch(true)
}

pub fn obj(props: &[(&str, Value)]) -> Value {
    let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
    for (k, v) in props {
        o.set(k, v.clone());
    }
    o.into_value()
}

pub fn s(text: &str) -> Value {
    Value::str(text)
}

pub fn i(n: i64) -> Value {
    Value::Int(n)
}
