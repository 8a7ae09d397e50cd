//! Statements: blocks with traps and `$?`, assignments, if/loops/switch, try/catch/finally,
//! and the flow statements (return, exit, throw, break, continue).

use std::rc::Rc;

use super::{errors, Flow, Interp, Terminating, R};
use crate::engine::convert::{to_int, IntKind};
use crate::engine::error::ErrorRecord;
use crate::engine::scope::FunctionDef;
use crate::engine::value::Value;
use crate::engine::{ops, wildcard};
use crate::lang::ast::{self, FlowKind, Statement};
use crate::lang::Span;

impl Interp {
    /// Runs statements, honouring the block's traps, writing output to `out`.
    pub fn exec_statements(&mut self, statements: &[Statement], out: &mut Vec<Value>) -> R<()> {
        if let Some(first) = statements.first() {
            self.check_stack(first.span())?;
        }
        let refs: Vec<&Statement> = statements.iter().collect();
        let traps = traps_of(&refs);
        // Also polled for an empty body, so that `while ($true) {}` can be stopped.
        self.check_interrupt()?;
        for stmt in refs {
            self.run_statement(stmt, out, &traps)?;
            self.check_interrupt()?;
        }
        Ok(())
    }

    /// Runs one statement and decides what a terminating error in it means: a trap handles
    /// it, a statement-terminating error outside any try is reported and the next statement
    /// runs, anything else unwinds.
    pub(super) fn run_statement(
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
            Err(Flow::Error(t)) if self.stopping => Err(Flow::Error(t)),
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
                        self.emit(out, values);
                    }
                    Ok(())
                }
                Err(flow) => {
                    let partial = std::mem::take(&mut self.salvaged);
                    self.emit(out, partial);
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
            let hit = ops::compare(
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
            return Ok(wildcard::wildcard_match(
                &pattern.to_ps_string(),
                &text,
                case == ast::Case::Sensitive,
            ));
        }
        Ok(ops::equals(item, pattern, case))
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
            // Ctrl-C stops the whole run: only `finally` blocks still run.
            Err(Flow::Error(t)) if self.stopping => Err(Flow::Error(t)),
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
                    let values = self.exec_pipeline(p)?;
                    self.emit(out, values);
                }
                Err(Flow::Return)
            }
            FlowKind::Exit => {
                let code = match value {
                    Some(p) => {
                        let v = self.pipeline_value(p)?;
                        to_int(&v, IntKind::Int32).unwrap_or(0) as i32
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
    pub(super) fn statement_value(&mut self, stmt: &Statement) -> R<Value> {
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
}

pub(super) fn traps_of<'s>(statements: &[&'s Statement]) -> Vec<&'s Statement> {
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
