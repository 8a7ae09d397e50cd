//! The contract between the engine and the code behind each cmdlet.
//!
//! The engine parses, binds the arguments against the cmdlet's catalog signature and then
//! calls [`Cmdlet::run`]. Cmdlet code talks back only through [`CommandContext`]: output objects,
//! the verbose/warning/error streams, `ShouldProcess` for `-WhatIf`/`-Confirm`, and script
//! block invocation for Where-Object and friends. It never sees the terminal or the parser.

use indexmap::IndexMap;

use super::error::{ErrorPosition, ErrorRecord};
use super::format::FormatOptions;
use super::value::Value;
use crate::catalog::schema::CmdletDef;

/// Parameters after binding: canonical names (as spelled in the catalog) to converted values.
/// Switches that were given are present as `Value::Switch(true)`.
#[derive(Clone, Debug, Default)]
pub struct BoundParameters {
    pub values: IndexMap<String, Value>,
    /// The parameter set that binding resolved to.
    pub parameter_set: Option<String>,
}

impl BoundParameters {
    /// Case-insensitive lookup by canonical parameter name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// A switch is on when given without `:$false`.
    pub fn switch(&self, name: &str) -> bool {
        self.get(name).is_some_and(Value::is_truthy)
    }
    pub fn string(&self, name: &str) -> Option<String> {
        self.get(name)
            .filter(|v| !v.is_null())
            .map(Value::to_ps_string)
    }
    pub fn strings(&self, name: &str) -> Option<Vec<String>> {
        self.get(name).map(|v| {
            v.clone()
                .into_items()
                .iter()
                .map(Value::to_ps_string)
                .collect()
        })
    }
    pub fn insert(&mut self, name: &str, value: Value) {
        self.values.insert(name.to_string(), value);
    }
}

/// A function's body and its parameters, as [`CommandContext::function_definition`] gives
/// them.
pub type FunctionSource = (
    std::rc::Rc<crate::lang::ast::ScriptBlock>,
    Option<crate::lang::ast::ParamBlock>,
);

/// What a running cmdlet may do to the shell it runs in.
pub trait CommandContext {
    /// Sends an object down the pipeline.
    fn write_output(&mut self, value: Value);
    /// `VERBOSE: …`, shown when `-Verbose` or `$VerbosePreference` asks for it.
    fn write_verbose(&mut self, message: &str);
    /// `WARNING: …`, subject to `-WarningAction`.
    fn write_warning(&mut self, message: &str);
    /// A non-terminating error: recorded in `$Error`, shown, and the pipeline goes on
    /// (unless `-ErrorAction Stop` turns it into a terminating one).
    fn write_error(&mut self, error: ErrorRecord);
    /// Text for the host (Write-Host), not the pipeline.
    fn write_host(&mut self, text: &str, newline: bool);
    /// `-WhatIf` prints `What if: Performing the operation "{action}" on target "{target}".`
    /// and returns false; otherwise true (non-interactive `-Confirm` is treated as yes).
    fn should_process(&mut self, target: &str, action: &str) -> bool;
    /// True when `-WhatIf` is in effect for this invocation.
    fn what_if(&self) -> bool;
    /// Runs a script block with `$_` set, returning its output.
    fn invoke_block(
        &mut self,
        block: &Value,
        dollar_underscore: Option<Value>,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, ErrorRecord>;
    fn get_variable(&self, name: &str) -> Option<Value>;
    fn set_variable(&mut self, name: &str, value: Value);
    /// The catalog entry of the cmdlet being run.
    fn definition(&self) -> &CmdletDef;
    /// Whether the shell runs interactively (prompts are allowed) or not.
    fn interactive(&self) -> bool;
    /// Every visible variable with its value (Get-Variable), sorted by name.
    fn variables(&self) -> Vec<(String, Value)> {
        Vec::new()
    }
    /// Alias → command (Get-Alias).
    fn aliases(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    /// Defines or redefines an alias (Set-Alias); false when the context cannot.
    fn set_alias(&mut self, _name: &str, _target: &str) -> bool {
        false
    }
    /// Names of the script functions defined in the session (Get-Command).
    fn functions(&self) -> Vec<String> {
        Vec::new()
    }
    /// Width and colour of the host, for cmdlets that render text (Format-Table, Out-String,
    /// Write-Host -ForegroundColor). The default is a redirected console: 120 columns, no colour.
    fn format_options(&self) -> FormatOptions {
        FormatOptions::default()
    }
    /// Reads one line typed by the user after showing `prompt` (Read-Host); `None` when there
    /// is no one to ask (non-interactive runs, end of input).
    fn read_host(&mut self, _prompt: &str) -> Option<String> {
        None
    }
    /// Whether the user asked to stop (Ctrl-C): a cmdlet that waits (Start-Sleep) returns
    /// early, and the evaluator then stops the pipeline.
    fn interrupt_requested(&self) -> bool {
        false
    }
    /// The innermost function or script being run and where it was called from: the
    /// invocation PowerShell gives an error written with Write-Error. `None` at top level.
    fn caller(&self) -> Option<(String, ErrorPosition)> {
        None
    }
    /// A script function's body (where its comment-based help is) and its parameters
    /// (`function f($a)` or the body's `param()` block), for Get-Help on functions.
    fn function_definition(&self, _name: &str) -> Option<FunctionSource> {
        None
    }
    /// Removes a variable (Remove-Variable); false when there was none.
    fn remove_variable(&mut self, _name: &str) -> bool {
        false
    }
    /// Removes a variable from the named scope (`global`, `script`, `local`) only
    /// (Remove-Variable -Scope); false when it had none.
    fn remove_scoped_variable(&mut self, _scope: &str, _name: &str) -> bool {
        false
    }
    /// Set-StrictMode: turns strict mode `version` (0 = off) on for the caller's scope and
    /// its children; false when the context cannot.
    fn set_strict_mode(&mut self, _version: u8) -> bool {
        false
    }
    /// Parses and runs script text in the caller's scope (Invoke-Expression), returning its
    /// output; a parse error or a terminating error comes back as the error record.
    fn invoke_script(&mut self, _source: &str) -> Result<Vec<Value>, ErrorRecord> {
        Err(ErrorRecord::new(
            super::error::ErrorCategory::NotImplemented,
            "ScriptInvocationUnavailable",
            "Script text cannot be run from this context.",
        ))
    }
}

/// The behaviour behind one or more catalog entries.
pub trait Cmdlet {
    /// Runs the cmdlet once. For cmdlets that bind pipeline input (`ByValue` or
    /// `ByPropertyName` parameters) the engine binds each input object and calls `run` once
    /// per object with `input` holding that object; otherwise `run` is called once with all
    /// the pipeline input.
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord>;

    /// Cmdlets that need the whole input at once (Sort-Object, Measure-Object, Format-Table)
    /// return true: they get one call with every input object, whatever their parameters say.
    fn takes_whole_pipeline(&self) -> bool {
        false
    }
}
