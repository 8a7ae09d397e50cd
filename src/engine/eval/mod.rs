//! The evaluator: runs the syntax tree against scopes, the registry and the catalog.
//!
//! Split by job: this file holds the interpreter state, statement execution and control
//! flow; `expr` evaluates expressions, `members` member access and methods, `assign`
//! assignments, `pipeline` commands and pipelines, `function` functions, script blocks and
//! script files, `context` the `CommandContext` given to cmdlets, `errors` error records.

mod assign;
mod context;
mod errors;
mod expr;
mod function;
mod members;
mod pipeline;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use indexmap::IndexMap;

use super::error::ErrorRecord;
use super::registry::Registry;
use super::scope::{FunctionDef, Scopes};
use super::session::{Host, RunResult, RunStatus, SessionOptions};
use super::value::{Hashtable, PsObject, Value};
use crate::catalog::Catalog;
use crate::lang::ast::{self, FlowKind, Statement};
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
    /// Control flow raised inside a script block that a cmdlet ran (ForEach-Object):
    /// resumed once the cmdlet returns.
    pending_flow: Option<Flow>,
    /// Where non-terminating errors go while a command with `2>` runs (innermost last).
    error_sinks: Vec<ErrorSink>,
    /// Output a command wrote before a terminating error stopped it: it was already on its
    /// way to the host, so the failing statement still shows it.
    salvaged: Vec<Value>,
    /// Told the 1-based line of each top-level statement once it has run (see
    /// `Session::observe_statements`).
    pub statement_observer: Option<Box<dyn FnMut(usize)>>,
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
            pending_flow: None,
            error_sinks: Vec::new(),
            salvaged: Vec::new(),
            statement_observer: None,
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
                self.host.write_err(&record.render());
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
        let traps = traps_of(&statements);
        for stmt in statements {
            result.statements_run += 1;
            let mut out = Vec::new();
            let outcome = self.run_statement(stmt, &mut out, &traps);
            self.write_output(&out);
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

    /// Formats output objects for the host (PowerShell's Out-Default).
    fn write_output(&mut self, values: &[Value]) {
        if values.is_empty() {
            return;
        }
        let text = format_output(values, self.options.color);
        if !text.is_empty() {
            self.host.write_out(&text);
        }
    }

    fn last_success(&self) -> bool {
        self.scopes
            .get(Some("global"), "?")
            .is_none_or(|v| v.is_truthy())
    }

    fn set_success(&mut self, ok: bool) {
        self.scopes.set(Some("global"), "?", Value::Bool(ok));
    }

    /// Runs statements, honouring the block's traps, writing output to `out`.
    pub fn exec_statements(&mut self, statements: &[Statement], out: &mut Vec<Value>) -> R<()> {
        let refs: Vec<&Statement> = statements.iter().collect();
        let traps = traps_of(&refs);
        for stmt in refs {
            self.run_statement(stmt, out, &traps)?;
        }
        Ok(())
    }

    /// Runs one statement and decides what a terminating error in it means: a trap handles
    /// it, a statement-terminating error outside any try is reported and the next statement
    /// runs, anything else unwinds.
    fn run_statement(
        &mut self,
        stmt: &Statement,
        out: &mut Vec<Value>,
        traps: &[&Statement],
    ) -> R<()> {
        let before = self.errors_written;
        match self.exec_statement(stmt, out) {
            Ok(()) => {
                self.set_success(self.errors_written == before);
                Ok(())
            }
            Err(Flow::Error(t)) => {
                if let Some(trap) = self.matching_trap(traps, &t.record) {
                    return self.run_trap(trap, *t, out);
                }
                let stop = self
                    .preference("ErrorActionPreference")
                    .eq_ignore_ascii_case("Stop");
                if !t.script && !t.ends_command && self.try_depth == 0 && !stop {
                    self.report(&t.record);
                    self.set_success(false);
                    return Ok(());
                }
                Err(Flow::Error(t))
            }
            Err(other) => Err(other),
        }
    }

    fn matching_trap<'s>(
        &self,
        traps: &[&'s Statement],
        record: &ErrorRecord,
    ) -> Option<&'s Statement> {
        traps.iter().copied().find(|t| match t {
            Statement::Trap { type_name, .. } => type_name
                .as_ref()
                .is_none_or(|ty| errors::exception_matches(&ty.name, &record.exception)),
            _ => false,
        })
    }

    /// `trap { }`: `break` rethrows, `continue` drops the error silently, otherwise the error
    /// is shown and the script goes on with the next statement.
    fn run_trap(&mut self, trap: &Statement, t: Terminating, out: &mut Vec<Value>) -> R<()> {
        let Statement::Trap { body, .. } = trap else {
            return Ok(());
        };
        let error = self.error_value(&t.record);
        let saved = self.scopes.get(None, "_");
        self.scopes.set(None, "_", error);
        let result = self.exec_statements(body, out);
        self.scopes.set(None, "_", saved.unwrap_or(Value::Null));
        self.set_success(false);
        match result {
            Err(Flow::Break(_)) => Err(Terminating::script(t.record)),
            Err(Flow::Continue(_)) => {
                self.record_error(&t.record);
                Ok(())
            }
            Ok(()) => {
                self.report(&t.record);
                Ok(())
            }
            Err(other) => Err(other),
        }
    }

    fn exec_statement(&mut self, stmt: &Statement, out: &mut Vec<Value>) -> R<()> {
        match stmt {
            Statement::Pipeline(p) => match self.exec_pipeline(p) {
                Ok(values) => {
                    if !is_silent_expression(p) {
                        out.extend(values);
                    }
                    Ok(())
                }
                Err(flow) => {
                    out.append(&mut self.salvaged);
                    Err(flow)
                }
            },
            Statement::Assignment {
                target, op, value, ..
            } => {
                let v = self.statement_value(value)?;
                self.assign(target, *op, v)?;
                Ok(())
            }
            Statement::If {
                clauses, else_body, ..
            } => {
                for (cond, body) in clauses {
                    if self.condition(cond)? {
                        return self.exec_statements(body, out);
                    }
                }
                match else_body {
                    Some(body) => self.exec_statements(body, out),
                    None => Ok(()),
                }
            }
            Statement::Foreach {
                variable,
                collection,
                body,
                label,
                ..
            } => {
                let items = match self.pipeline_value(collection)? {
                    Value::Null => Vec::new(),
                    v => v.into_items(),
                };
                for item in items {
                    self.scopes.set(None, variable, item);
                    if self.loop_body(body, out, label)? {
                        break;
                    }
                }
                Ok(())
            }
            Statement::For {
                init,
                condition,
                step,
                body,
                label,
                ..
            } => {
                if let Some(init) = init {
                    self.exec_statement(init, &mut Vec::new())?;
                }
                loop {
                    if let Some(cond) = condition {
                        if !self.condition(cond)? {
                            break;
                        }
                    }
                    if self.loop_body(body, out, label)? {
                        break;
                    }
                    if let Some(step) = step {
                        self.exec_statement(step, &mut Vec::new())?;
                    }
                }
                Ok(())
            }
            Statement::While {
                condition,
                body,
                label,
                ..
            } => {
                while self.condition(condition)? {
                    if self.loop_body(body, out, label)? {
                        break;
                    }
                }
                Ok(())
            }
            Statement::DoLoop {
                body,
                condition,
                until,
                label,
                ..
            } => {
                loop {
                    if self.loop_body(body, out, label)? {
                        break;
                    }
                    if self.condition(condition)? == *until {
                        break;
                    }
                }
                Ok(())
            }
            Statement::Switch {
                subject,
                flags,
                clauses,
                default,
                label,
                ..
            } => self.exec_switch(subject, flags, clauses, default.as_deref(), label, out),
            Statement::Function {
                name, params, body, ..
            } => {
                self.block_sources
                    .entry(Rc::as_ptr(body))
                    .or_insert_with(|| self.source.clone());
                let (scope, bare) = match name.split_once(':') {
                    Some((s, n)) => (Some(s), n),
                    None => (None, name.as_str()),
                };
                self.scopes.define_function(
                    scope,
                    FunctionDef {
                        name: bare.to_string(),
                        params: params.clone(),
                        body: body.clone(),
                    },
                );
                Ok(())
            }
            Statement::Try {
                body,
                catches,
                finally,
                ..
            } => self.exec_try(body, catches, finally.as_deref(), out),
            Statement::Trap { .. } | Statement::Empty { .. } => Ok(()),
            Statement::Flow {
                kind, value, span, ..
            } => self.exec_flow(*kind, value.as_ref(), *span, out),
        }
    }

    /// Runs a loop body; `Ok(true)` means the loop must stop (a `break` for it).
    fn loop_body(
        &mut self,
        body: &[Statement],
        out: &mut Vec<Value>,
        label: &Option<String>,
    ) -> R<bool> {
        let mine = |l: &Option<String>| {
            l.as_ref()
                .is_none_or(|l| label.as_ref().is_some_and(|m| m.eq_ignore_ascii_case(l)))
        };
        match self.exec_statements(body, out) {
            Ok(()) => Ok(false),
            Err(Flow::Break(l)) if mine(&l) => Ok(true),
            Err(Flow::Continue(l)) if mine(&l) => Ok(false),
            Err(other) => Err(other),
        }
    }

    fn exec_switch(
        &mut self,
        subject: &ast::Pipeline,
        flags: &[String],
        clauses: &[(ast::Expr, Vec<Statement>)],
        default: Option<&[Statement]>,
        label: &Option<String>,
        out: &mut Vec<Value>,
    ) -> R<()> {
        let has = |f: &str| flags.iter().any(|x| x.eq_ignore_ascii_case(f));
        let (wildcard, regex, case_sensitive) =
            (has("Wildcard"), has("Regex"), has("CaseSensitive"));
        let case = if case_sensitive {
            ast::Case::Sensitive
        } else {
            ast::Case::Insensitive
        };
        let items = self.pipeline_value(subject)?.into_items();
        let saved = self.scopes.get(None, "_");
        let result = (|| -> R<()> {
            'items: for item in items {
                self.scopes.set(None, "_", item.clone());
                let mut matched = false;
                for (pattern, body) in clauses {
                    let hit = match pattern {
                        ast::Expr::ScriptBlock(sb) => {
                            let v = self.invoke_block_value(sb, Some(item.clone()), Vec::new())?;
                            Value::from_items(v).is_truthy()
                        }
                        p => {
                            let p = self.eval(p)?;
                            self.switch_matches(&item, &p, wildcard, regex, case, pattern.span())?
                        }
                    };
                    if hit {
                        matched = true;
                        match self.exec_statements(body, out) {
                            Ok(()) => {}
                            Err(Flow::Break(l))
                                if l.is_none()
                                    || l.as_deref().map(str::to_lowercase)
                                        == label.as_deref().map(str::to_lowercase) =>
                            {
                                return Ok(())
                            }
                            Err(Flow::Continue(None)) => continue 'items,
                            Err(other) => return Err(other),
                        }
                    }
                }
                if !matched {
                    if let Some(body) = default {
                        match self.exec_statements(body, out) {
                            Ok(()) | Err(Flow::Continue(None)) => {}
                            Err(Flow::Break(None)) => return Ok(()),
                            Err(other) => return Err(other),
                        }
                    }
                }
            }
            Ok(())
        })();
        self.scopes.set(None, "_", saved.unwrap_or(Value::Null));
        result
    }

    fn switch_matches(
        &mut self,
        item: &Value,
        pattern: &Value,
        wildcard: bool,
        regex: bool,
        case: ast::Case,
        span: Span,
    ) -> R<bool> {
        let text = item.to_ps_string();
        if regex {
            let mut matches = None;
            let hit = super::ops::compare(
                ast::CompareOp::Match,
                case,
                &Value::str(text),
                pattern,
                &mut matches,
            )
            .map_err(|e| self.op_error(e, span))?
            .is_truthy();
            if let Some(m) = matches {
                self.scopes.set(None, "Matches", m);
            }
            return Ok(hit);
        }
        if wildcard {
            return Ok(super::wildcard::wildcard_match(
                &pattern.to_ps_string(),
                &text,
                case == ast::Case::Sensitive,
            ));
        }
        Ok(super::ops::equals(item, pattern, case))
    }

    fn exec_try(
        &mut self,
        body: &[Statement],
        catches: &[ast::CatchClause],
        finally: Option<&[Statement]>,
        out: &mut Vec<Value>,
    ) -> R<()> {
        self.try_depth += 1;
        let result = self.exec_statements(body, out);
        self.try_depth -= 1;
        let result = match result {
            Err(Flow::Error(t)) => {
                let clause = catches.iter().find(|c| {
                    c.types.is_empty()
                        || c.types
                            .iter()
                            .any(|ty| errors::exception_matches(&ty.name, &t.record.exception))
                });
                match clause {
                    Some(clause) => {
                        self.record_error(&t.record);
                        let error = self.error_value(&t.record);
                        let saved = self.scopes.get(None, "_");
                        self.scopes.set(None, "_", error);
                        let r = self.exec_statements(&clause.body, out);
                        self.scopes.set(None, "_", saved.unwrap_or(Value::Null));
                        r
                    }
                    None => Err(Flow::Error(t)),
                }
            }
            other => other,
        };
        if let Some(finally) = finally {
            self.exec_statements(finally, out)?;
        }
        result
    }

    fn exec_flow(
        &mut self,
        kind: FlowKind,
        value: Option<&ast::Pipeline>,
        span: Span,
        out: &mut Vec<Value>,
    ) -> R<()> {
        match kind {
            FlowKind::Return => {
                if let Some(p) = value {
                    out.extend(self.exec_pipeline(p)?);
                }
                Err(Flow::Return)
            }
            FlowKind::Exit => {
                let code = match value {
                    Some(p) => {
                        let v = self.pipeline_value(p)?;
                        super::convert::to_int(&v, super::convert::IntKind::Int32).unwrap_or(0)
                            as i32
                    }
                    None => 0,
                };
                Err(Flow::Exit(code))
            }
            FlowKind::Break | FlowKind::Continue => {
                let label = value.and_then(label_of);
                Err(if kind == FlowKind::Break {
                    Flow::Break(label)
                } else {
                    Flow::Continue(label)
                })
            }
            FlowKind::Throw => {
                let v = match value {
                    Some(p) => self.pipeline_value(p)?,
                    None => self.scopes.get(None, "_").unwrap_or(Value::Null),
                };
                let record = self.thrown_record(&v, span);
                Err(Terminating::script(record))
            }
        }
    }

    /// A statement's value as an assignment receives it: a lone expression as is (so `@()`
    /// stays an empty array), pipeline output collected (one item alone, several as array).
    fn statement_value(&mut self, stmt: &Statement) -> R<Value> {
        match stmt {
            Statement::Pipeline(p) => self.pipeline_value(p),
            Statement::Assignment {
                target, op, value, ..
            } => {
                let v = self.statement_value(value)?;
                self.assign(target, *op, v)?;
                self.eval(target)
            }
            other => {
                let mut out = Vec::new();
                self.exec_statement(other, &mut out)?;
                Ok(Value::from_items(out))
            }
        }
    }

    fn pipeline_value(&mut self, p: &ast::Pipeline) -> R<Value> {
        if let [ast::PipelineElement::Expression(e)] = p.elements.as_slice() {
            return self.eval(e);
        }
        Ok(Value::from_items(self.exec_pipeline(p)?))
    }

    fn condition(&mut self, p: &ast::Pipeline) -> R<bool> {
        Ok(self.pipeline_value(p)?.is_truthy())
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
                self.host.write_err(&record.render());
                return;
            }
            Some(ErrorSink::Discard) => return,
            Some(ErrorSink::Output(_)) => self.error_value(record),
        };
        if let Some(ErrorSink::Output(values)) = self.error_sinks.last_mut() {
            values.push(value);
        }
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
        self.host.write_out(&format!("{text}\n"));
    }

    fn enter_call(&mut self, span: Span) -> R<()> {
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

fn traps_of<'s>(statements: &[&'s Statement]) -> Vec<&'s Statement> {
    statements
        .iter()
        .copied()
        .filter(|s| matches!(s, Statement::Trap { .. }))
        .collect()
}

/// `$i++` and `--$i` used as statements write nothing.
fn is_silent_expression(p: &ast::Pipeline) -> bool {
    matches!(
        p.elements.as_slice(),
        [ast::PipelineElement::Expression(ast::Expr::Unary {
            op: ast::UnaryOp::PreIncrement
                | ast::UnaryOp::PreDecrement
                | ast::UnaryOp::PostIncrement
                | ast::UnaryOp::PostDecrement,
            ..
        })]
    )
}

/// `break outer`: the label is parsed as a bareword command or a string.
fn label_of(p: &ast::Pipeline) -> Option<String> {
    match p.elements.first()? {
        ast::PipelineElement::Command(c) => match &c.name {
            ast::CommandName::Bare { name, .. } => Some(name.clone()),
            _ => None,
        },
        ast::PipelineElement::Expression(ast::Expr::String { value, .. }) => Some(value.clone()),
        _ => None,
    }
}

/// PowerShell's Out-Default for a statement's output, at the terminal's width.
fn format_output(values: &[Value], color: bool) -> String {
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|w: &usize| *w >= 20)
        .unwrap_or(120);
    super::format::out_default(values, &super::format::FormatOptions { color, width })
}
