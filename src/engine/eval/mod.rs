//! The evaluator: runs the syntax tree against scopes, the registry and the catalog.
//!
//! Split by job: this file holds the interpreter state and runs a whole script;
//! `statements` executes statements and control flow, `expr` evaluates expressions, `members` member access and methods, `assign`
//! assignments, `pipeline` commands and pipelines, `function` functions, script blocks and
//! script files, `context` the `CommandContext` given to cmdlets, `errors` error records.

mod assign;
mod context;
mod errors;
mod expr;
mod function;
mod members;
mod pipeline;
mod statements;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indexmap::IndexMap;

use super::error::{ErrorPosition, ErrorRecord};
use super::registry::Registry;
use super::scope::Scopes;
use super::session::{Host, RunResult, RunStatus, SessionOptions};
use super::value::{Hashtable, PsObject, Value};
use crate::catalog::Catalog;
use crate::lang::ast::{self, Statement};
use crate::lang::Span;

/// How far a terminating error reaches.
#[derive(Debug)]
pub struct Terminating {
    pub record: ErrorRecord,
    /// `throw`, `-ErrorAction Stop`, parse errors: unwind to the nearest try/trap or end the
    /// script. Otherwise only the statement stops (command not found, binding errors).
    pub script: bool,
    /// `$PSCmdlet.ThrowTerminatingError`: unwinds out of the running function, then stops
    /// only the caller's statement.
    pub ends_command: bool,
}

impl Terminating {
    pub fn statement(record: ErrorRecord) -> Flow {
        Flow::Error(Box::new(Terminating {
            record,
            script: false,
            ends_command: false,
        }))
    }

    pub fn script(record: ErrorRecord) -> Flow {
        Flow::Error(Box::new(Terminating {
            record,
            script: true,
            ends_command: false,
        }))
    }
}

/// Non-local control flow, carried in `Err` so `?` unwinds it.
#[derive(Debug)]
pub enum Flow {
    Break(Option<String>),
    Continue(Option<String>),
    /// `return`: the value was already written to the output.
    Return,
    Exit(i32),
    Error(Box<Terminating>),
}

pub type R<T> = Result<T, Flow>;

/// The text a span refers to: the script, a dot-sourced file, or a REPL entry.
#[derive(Debug)]
pub struct SourceInfo {
    pub text: Rc<str>,
    /// Shown as `At <path>:N char:M` when the code came from a file.
    pub path: Option<String>,
}

/// Deeper recursion than this is PowerShell's call depth overflow, not a Rust stack overflow.
const MAX_CALL_DEPTH: usize = 100;

/// Stack the evaluator may use below the point where a run started. Recursion through
/// pipelines and cmdlets costs far more stack per call than plain calls, so calls are also
/// refused once this much is in use; it fits the smallest stack lyncsh runs on (the 2 MiB
/// of a spawned thread).
const STACK_BUDGET: usize = 1536 * 1024;

/// The address of a local: how deep the stack currently is (it grows downwards).
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// Error records kept for `$Error`.
const MAX_ERRORS: usize = 256;

pub struct Interp {
    pub registry: Registry,
    pub catalog: &'static Catalog,
    pub host: Box<dyn Host>,
    pub options: SessionOptions,
    pub scopes: Scopes,
    /// Aliases made with Set-Alias (lower-cased alias → command); the catalog's built-in
    /// aliases apply when none is set here.
    aliases: IndexMap<String, String>,
    source: Rc<SourceInfo>,
    /// Which source each script block came from, so errors inside a function defined in a
    /// dot-sourced file point into that file.
    block_sources: HashMap<*const ast::ScriptBlock, Rc<SourceInfo>>,
    /// Parsed scripts stay alive so the addresses above stay unique.
    parsed: Vec<Rc<ast::ScriptBlock>>,
    /// Error objects handed to scripts (`$_`, `$Error`) and the records they came from.
    error_objects: Vec<(Rc<RefCell<PsObject>>, ErrorRecord)>,
    /// Counts errors written, so `$?` can tell whether a statement wrote any.
    errors_written: usize,
    try_depth: usize,
    call_depth: usize,
    /// The functions and scripts being run, innermost last, each with where it was called:
    /// Write-Error names the function it was written from, as PowerShell does.
    callers: Vec<(String, ErrorPosition)>,
    /// Control flow raised inside a script block that a cmdlet ran (ForEach-Object):
    /// resumed once the cmdlet returns.
    pending_flow: Option<Flow>,
    /// Where non-terminating errors go while a command with `2>` runs (innermost last).
    error_sinks: Vec<ErrorSink>,
    /// Output a command wrote before a terminating error stopped it: it was already on its
    /// way to the host, so the failing statement still shows it.
    salvaged: Vec<Value>,
    /// Top-level output not yet formatted. It is flushed before any host text (Write-Host,
    /// warnings, errors, prompts) so that output and messages keep their order.
    console: Vec<Value>,
    /// Address of the running top-level statement's output list: output emitted into it
    /// goes to `console` instead. Only compared, never dereferenced.
    console_target: Option<usize>,
    /// Stack position when the current run started (see [`STACK_BUDGET`]).
    stack_base: usize,
    /// Told the 1-based line of each top-level statement once it has run (see
    /// `Session::observe_statements`).
    pub statement_observer: Option<Box<dyn FnMut(usize)>>,
    /// Raised from outside (Ctrl-C in the REPL) to stop the running command; polled between
    /// statements and pipeline items.
    pub interrupt: Option<Arc<AtomicBool>>,
    /// The run is unwinding after an interrupt: no catch or trap may stop that.
    stopping: bool,
}

/// The target of a command's error stream.
pub enum ErrorSink {
    /// `2> $null`: recorded in `$Error`, not shown.
    Discard,
    /// `2>&1`: the error records join the command's output.
    Output(Vec<Value>),
}

impl Interp {
    pub fn new(
        registry: Registry,
        catalog: &'static Catalog,
        host: Box<dyn Host>,
        options: SessionOptions,
    ) -> Interp {
        let mut interp = Interp {
            registry,
            catalog,
            host,
            options,
            scopes: Scopes::default(),
            aliases: IndexMap::new(),
            source: Rc::new(SourceInfo {
                text: "".into(),
                path: None,
            }),
            block_sources: HashMap::new(),
            parsed: Vec::new(),
            error_objects: Vec::new(),
            errors_written: 0,
            try_depth: 0,
            call_depth: 0,
            callers: Vec::new(),
            pending_flow: None,
            error_sinks: Vec::new(),
            salvaged: Vec::new(),
            console: Vec::new(),
            console_target: None,
            stack_base: 0,
            statement_observer: None,
            interrupt: None,
            stopping: false,
        };
        interp.set_automatic_variables();
        interp
    }

    fn set_automatic_variables(&mut self) {
        let set = |s: &mut Scopes, name: &str, v: Value| s.set(Some("global"), name, v);
        let s = &mut self.scopes;
        set(s, "ErrorActionPreference", Value::str("Continue"));
        set(s, "WarningPreference", Value::str("Continue"));
        set(s, "VerbosePreference", Value::str("SilentlyContinue"));
        set(s, "DebugPreference", Value::str("SilentlyContinue"));
        set(s, "InformationPreference", Value::str("SilentlyContinue"));
        set(s, "ProgressPreference", Value::str("Continue"));
        set(s, "ConfirmPreference", Value::str("High"));
        set(s, "WhatIfPreference", Value::Bool(false));
        set(s, "Error", Value::Array(Vec::new()));
        set(s, "?", Value::Bool(true));
        set(s, "LASTEXITCODE", Value::Null);
        set(s, "PID", Value::Int(std::process::id() as i64));
        let home = std::env::var("HOME")
            .or_else(|_| std::env::var("USERPROFILE"))
            .unwrap_or_default();
        set(s, "HOME", Value::str(home));
        if let Ok(cwd) = std::env::current_dir() {
            set(s, "PWD", Value::str(cwd.display().to_string()));
        }
        let mut version = Hashtable::default();
        version.insert(Value::str("PSVersion"), Value::str("5.1.14393.0"));
        version.insert(Value::str("PSEdition"), Value::str("Desktop"));
        set(
            s,
            "PSVersionTable",
            Value::Hashtable(Rc::new(RefCell::new(version))),
        );
        let (root, path) = match &self.options.script_path {
            Some(p) => {
                let full = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                let root = full
                    .parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default();
                (root, full.display().to_string())
            }
            None => (String::new(), String::new()),
        };
        let name = path.rsplit(['/', '\\']).next().unwrap_or("").to_string();
        set(s, "MyInvocation", function::invocation_info(&name, &path));
        set(s, "PSScriptRoot", Value::str(root));
        set(s, "PSCommandPath", Value::str(path));
    }

    /// Built-in aliases from the catalog, then the session's own (which win).
    pub fn aliases(&self) -> Vec<(String, String)> {
        let mut all: IndexMap<String, (String, String)> = self
            .catalog
            .aliases()
            .map(|(a, c)| (a.to_ascii_lowercase(), (a.to_string(), c.to_string())))
            .collect();
        for (a, c) in &self.aliases {
            all.insert(a.clone(), (a.clone(), c.clone()));
        }
        all.into_values().collect()
    }

    pub fn resolve_alias(&self, name: &str) -> Option<String> {
        self.aliases
            .get(&name.to_ascii_lowercase())
            .cloned()
            .or_else(|| self.catalog.resolve_alias(name).map(str::to_string))
    }

    pub fn set_alias(&mut self, name: &str, target: &str) {
        self.aliases
            .insert(name.to_ascii_lowercase(), target.to_string());
    }

    /// Parses and runs a script or REPL entry at the top level.
    pub fn run_script(&mut self, source: &str) -> RunResult {
        self.stack_base = stack_position();
        self.stopping = false;
        let path = self
            .options
            .script_path
            .as_ref()
            .map(|p| p.display().to_string());
        let info = Rc::new(SourceInfo {
            text: source.into(),
            path,
        });
        self.source = info.clone();
        let block = match crate::lang::parse(source) {
            Ok(b) => Rc::new(b),
            Err(e) => {
                let record = self.parse_error_record(&e);
                self.write_host_error(&record.render());
                self.record_error(&record);
                return RunResult {
                    status: RunStatus::ParseFailed(record),
                    last_statement_failed: true,
                    statements_run: 0,
                    statements_total: 0,
                };
            }
        };
        self.block_sources.insert(Rc::as_ptr(&block), info);
        self.parsed.push(block.clone());
        let statements: Vec<&Statement> = block
            .begin
            .iter()
            .flatten()
            .chain(block.process.iter().flatten())
            .chain(block.end.iter())
            .collect();
        let mut result = RunResult {
            status: RunStatus::Completed,
            last_statement_failed: false,
            statements_run: 0,
            statements_total: statements.len(),
        };
        if let Err(flow) = self.bind_script_parameters(&block) {
            result.status = self.finish_flow(flow);
            result.last_statement_failed = true;
            return result;
        }
        let traps = statements::traps_of(&statements);
        for (i, stmt) in statements.into_iter().enumerate() {
            // Ctrl-C between two top-level statements stops the rest, as inside a block.
            if i > 0 {
                if let Err(flow) = self.check_interrupt() {
                    result.status = self.finish_flow(flow);
                    break;
                }
            }
            result.statements_run += 1;
            let mut out = Vec::new();
            self.console_target = Some(&out as *const Vec<Value> as usize);
            let outcome = self.run_statement(stmt, &mut out, &traps);
            self.console_target = None;
            self.console.append(&mut out);
            self.flush_console();
            if let Some(observer) = self.statement_observer.as_mut() {
                observer(crate::lang::locate(source, stmt.span().start).0);
            }
            if let Err(flow) = outcome {
                result.status = self.finish_flow(flow);
                break;
            }
        }
        result.last_statement_failed = !self.last_success();
        if matches!(result.status, RunStatus::Terminated(_)) {
            result.last_statement_failed = true;
        }
        result
    }

    /// What a control-flow escape at the top level means for the run.
    fn finish_flow(&mut self, flow: Flow) -> RunStatus {
        match flow {
            Flow::Exit(code) => {
                self.scopes
                    .set(Some("global"), "LASTEXITCODE", Value::Int(code as i64));
                RunStatus::Exited(code)
            }
            Flow::Error(t) => {
                self.report(&t.record);
                self.set_success(false);
                RunStatus::Terminated(t.record)
            }
            Flow::Break(_) | Flow::Continue(_) | Flow::Return => RunStatus::Completed,
        }
    }

    /// Formats pending top-level output for the host (PowerShell's Out-Default).
    fn flush_console(&mut self) {
        if self.console.is_empty() {
            return;
        }
        let values = std::mem::take(&mut self.console);
        // Error records merged into the output (`2>&1`) still print as errors.
        let mut text = String::new();
        let mut run: Vec<Value> = Vec::new();
        for value in values {
            match self.record_of(&value) {
                Some(record) => {
                    text.push_str(&format_output(
                        &std::mem::take(&mut run),
                        self.options.color,
                    ));
                    text.push_str(&record.render());
                }
                None => run.push(value),
            }
        }
        text.push_str(&format_output(&run, self.options.color));
        if !text.is_empty() {
            self.host.write_out(&text);
        }
    }

    /// Sends statement output on: straight to the console when `out` is the top-level
    /// statement's list, else into `out`.
    pub(super) fn emit(&mut self, out: &mut Vec<Value>, values: Vec<Value>) {
        if self.console_target == Some(out as *const Vec<Value> as usize) {
            self.console.extend(values);
        } else {
            out.extend(values);
        }
    }

    /// Host text (Write-Host, `VERBOSE:`, `What if:` …), after any pending output.
    pub fn write_host_text(&mut self, text: &str) {
        self.flush_console();
        self.host.write_out(text);
    }

    fn write_host_error(&mut self, text: &str) {
        self.flush_console();
        self.host.write_err(text);
    }

    /// Asks the user (prompts show after any pending output).
    pub fn read_host_line(&mut self, prompt: &str) -> Option<String> {
        self.flush_console();
        self.host.read_line(prompt)
    }

    fn last_success(&self) -> bool {
        self.scopes
            .get(Some("global"), "?")
            .is_none_or(|v| v.is_truthy())
    }

    fn set_success(&mut self, ok: bool) {
        self.scopes.set(Some("global"), "?", Value::Bool(ok));
    }

    /// The current value of a preference variable (`$ErrorActionPreference`, …).
    pub fn preference(&self, name: &str) -> String {
        self.scopes
            .get(None, name)
            .map(|v| v.to_ps_string())
            .unwrap_or_default()
    }

    /// Shows an error record on the host and records it in `$Error`.
    pub fn report(&mut self, record: &ErrorRecord) {
        self.record_error(record);
        let value = match self.error_sinks.last() {
            None => {
                self.write_host_error(&record.render());
                return;
            }
            Some(ErrorSink::Discard) => return,
            Some(ErrorSink::Output(_)) => self.error_value(record),
        };
        if let Some(ErrorSink::Output(values)) = self.error_sinks.last_mut() {
            values.push(value);
        }
    }

    /// True while a `2>&1` command runs: its errors belong in its output.
    pub fn merging_errors(&self) -> bool {
        matches!(self.error_sinks.last(), Some(ErrorSink::Output(_)))
    }

    /// A non-terminating error written by script code (`$PSCmdlet.WriteError`), under
    /// `$ErrorActionPreference`.
    pub fn write_error_by_preference(&mut self, record: ErrorRecord) -> R<()> {
        match self
            .preference("ErrorActionPreference")
            .to_ascii_lowercase()
            .as_str()
        {
            "stop" => Err(Terminating::script(record)),
            "silentlycontinue" => {
                self.record_error(&record);
                Ok(())
            }
            "ignore" => {
                self.errors_written += 1;
                Ok(())
            }
            _ => {
                self.report(&record);
                Ok(())
            }
        }
    }

    /// Adds an error to `$Error` (newest first) and marks the statement as failed.
    pub fn record_error(&mut self, record: &ErrorRecord) {
        self.errors_written += 1;
        let value = self.error_value(record);
        let mut list = match self.scopes.get(Some("global"), "Error") {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        list.insert(0, value);
        list.truncate(MAX_ERRORS);
        self.scopes.set(Some("global"), "Error", Value::Array(list));
    }

    /// Writes `VERBOSE:`/`WARNING:`/host lines.
    pub fn host_line(&mut self, text: &str) {
        self.write_host_text(&format!("{text}\n"));
    }

    /// Stops the run with PowerShell's PipelineStoppedException once the interrupt flag was
    /// raised (the flag is lowered again: the next entry runs normally).
    pub(super) fn check_interrupt(&mut self) -> R<()> {
        let raised = self
            .interrupt
            .as_ref()
            .is_some_and(|flag| flag.swap(false, Ordering::SeqCst));
        if !raised {
            return Ok(());
        }
        self.stopping = true;
        let record = ErrorRecord::new(
            super::error::ErrorCategory::OperationStopped,
            "PipelineStopped",
            "The pipeline has been stopped.",
        )
        .with_exception("System.Management.Automation.PipelineStoppedException");
        Err(Terminating::script(record))
    }

    /// Refuses to go deeper when the stack budget is spent (also for deeply nested
    /// statements, which recurse without calls).
    pub(super) fn check_stack(&self, span: Span) -> R<()> {
        let used = self.stack_base.saturating_sub(stack_position());
        if used > STACK_BUDGET {
            let record = self.runtime_record(
                span,
                "CallDepthOverflow",
                "The script failed due to call depth overflow.",
            );
            return Err(Terminating::script(record));
        }
        Ok(())
    }

    fn enter_call(&mut self, span: Span) -> R<()> {
        self.check_stack(span)?;
        if self.call_depth >= MAX_CALL_DEPTH {
            let record = self.runtime_record(
                span,
                "CallDepthOverflow",
                "The script failed due to call depth overflow.",
            );
            return Err(Terminating::script(record));
        }
        self.call_depth += 1;
        Ok(())
    }

    fn leave_call(&mut self) {
        self.call_depth = self.call_depth.saturating_sub(1);
    }
}

/// PowerShell's Out-Default for a statement's output, at the terminal's width.
fn format_output(values: &[Value], color: bool) -> String {
    super::format::out_default(values, &host_format(color))
}

/// The host's formatting: the terminal's width (`COLUMNS`, else 120) and colour as the
/// session was told. Cmdlets that render text (Format-Table, Out-String) use it too.
pub(crate) fn host_format(color: bool) -> super::format::FormatOptions {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w: &usize| *w >= 20)
        .unwrap_or(120);
    super::format::FormatOptions { color, width }
}
