//! A CommandContext that records each stream, for running one cmdlet without the engine.
//! `-WhatIf` is a flag here: should_process writes PowerShell's "What if:" line and declines.
#![allow(dead_code)]

use lyncsh::catalog::schema::CmdletDef;
use lyncsh::engine::command::CommandContext;
use lyncsh::engine::error::ErrorRecord;
use lyncsh::engine::value::Value;

/// What one cmdlet run wrote, stream by stream.
#[derive(Default, Debug)]
pub struct Outcome {
    pub output: Vec<Value>,
    pub warnings: Vec<String>,
    pub errors: Vec<ErrorRecord>,
    pub what_if: Vec<String>,
    pub verbose: Vec<String>,
    pub host: Vec<String>,
}

impl Outcome {
    pub fn error_messages(&self) -> Vec<String> {
        self.errors.iter().map(|e| e.message.clone()).collect()
    }
}

pub struct Recorder<'a> {
    def: &'a CmdletDef,
    what_if: bool,
    pub out: Outcome,
}

impl<'a> Recorder<'a> {
    pub fn new(def: &'a CmdletDef, what_if: bool) -> Recorder<'a> {
        Recorder {
            def,
            what_if,
            out: Outcome::default(),
        }
    }
}

impl CommandContext for Recorder<'_> {
    fn write_output(&mut self, value: Value) {
        self.out.output.push(value);
    }
    fn write_verbose(&mut self, message: &str) {
        self.out.verbose.push(message.into());
    }
    fn write_warning(&mut self, message: &str) {
        self.out.warnings.push(message.into());
    }
    fn write_error(&mut self, error: ErrorRecord) {
        self.out.errors.push(error);
    }
    fn write_host(&mut self, text: &str, _newline: bool) {
        self.out.host.push(text.into());
    }
    fn should_process(&mut self, target: &str, action: &str) -> bool {
        if self.what_if {
            self.out.what_if.push(format!(
                "What if: Performing the operation \"{action}\" on target \"{target}\"."
            ));
        }
        !self.what_if
    }
    fn what_if(&self) -> bool {
        self.what_if
    }
    fn invoke_block(
        &mut self,
        _block: &Value,
        _dollar_underscore: Option<Value>,
        _args: Vec<Value>,
    ) -> Result<Vec<Value>, ErrorRecord> {
        Ok(Vec::new())
    }
    fn get_variable(&self, _name: &str) -> Option<Value> {
        None
    }
    fn set_variable(&mut self, _name: &str, _value: Value) {}
    fn definition(&self) -> &CmdletDef {
        self.def
    }
    fn interactive(&self) -> bool {
        false
    }
}
