//! Pipelines and command invocation: command lookup (alias → function → cmdlet → script
//! file), argument evaluation (splatting, `--`), binding per pipeline object, running the
//! cmdlet through a `CommandContext`, common parameters and redirections.

use std::rc::Rc;

use super::context::{CmdContext, Prefs};
use super::{ErrorSink, Flow, Interp, Terminating, R};
use crate::catalog::Entry;
use crate::engine::binder::{bind_with, Argument, BindError, BindOptions, Bound};
use crate::engine::command::{BoundParameters, Cmdlet};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::Value;
use crate::lang::ast::{
    self, CommandElement, CommandName, Expr, InvocationOperator, PipelineElement,
};
use crate::lang::Span;

/// What a command name resolved to.
enum Resolved {
    Function(Rc<crate::engine::scope::FunctionDef>),
    Cmdlet(&'static Entry, Rc<dyn Cmdlet>),
    /// In the catalog, with no behaviour registered (yet).
    Unimplemented(&'static Entry),
    Script(std::path::PathBuf),
}

impl Interp {
    pub fn exec_pipeline(&mut self, p: &ast::Pipeline) -> R<Vec<Value>> {
        let mut input: Option<Vec<Value>> = None;
        let last = p.elements.len().saturating_sub(1);
        for (i, element) in p.elements.iter().enumerate() {
            let result = match element {
                PipelineElement::Expression(e) => self.eval(e).map(Value::into_items),
                PipelineElement::Command(c) => self.invoke_command(c, input.take()),
            };
            match result {
                Ok(values) => input = Some(values),
                Err(flow) => {
                    // Only the last command's partial output reaches the host.
                    if i != last {
                        self.salvaged.clear();
                    }
                    return Err(flow);
                }
            }
        }
        Ok(input.unwrap_or_default())
    }

    fn invoke_command(&mut self, cmd: &ast::Command, input: Option<Vec<Value>>) -> R<Vec<Value>> {
        let sink = error_sink(cmd);
        let redirected = sink.is_some();
        if let Some(sink) = sink {
            self.error_sinks.push(sink);
        }
        let result = self.run_command(cmd, input);
        let merged = match redirected.then(|| self.error_sinks.pop()).flatten() {
            Some(ErrorSink::Output(errors)) => errors,
            _ => Vec::new(),
        };
        let mut output = result?;
        output.extend(merged);
        Ok(output)
    }

    fn run_command(&mut self, cmd: &ast::Command, input: Option<Vec<Value>>) -> R<Vec<Value>> {
        if self.scopes.strict() >= 2 && called_like_a_method(cmd) {
            return Err(self.runtime_error(
                cmd.span,
                "StrictModeFunctionCallWithParens",
                "The function or command was called as if it were a method. Parameters should be separated by spaces. For information about parameters, see the about_Parameters Help topic.",
            ));
        }
        let args = self.evaluate_arguments(&cmd.elements)?;
        let dot = cmd.invocation == InvocationOperator::DotSource;
        let output = match &cmd.name {
            CommandName::Bare { name, .. } => {
                self.invoke_named(name, args, input, dot, cmd.span)?
            }
            CommandName::Expr(e) => match self.eval(e)? {
                Value::ScriptBlock(sb) => {
                    self.invoke_script_block(&sb, None, "", args, input, dot, cmd.span)?
                }
                other => {
                    let name = other.to_ps_string();
                    self.invoke_named(&name, args, input, dot, cmd.span)?
                }
            },
        };
        self.redirect(cmd, output)
    }

    /// `> file`, `>> file`, `> $null`, `2> $null`, `2>&1`.
    fn redirect(&mut self, cmd: &ast::Command, output: Vec<Value>) -> R<Vec<Value>> {
        let mut output = output;
        for r in &cmd.redirections {
            if r.stream != 1 && r.stream != 0 {
                continue;
            }
            let ast::RedirectionTarget::File(target) = &r.target else {
                continue;
            };
            if matches!(target, Expr::Variable(v) if v.name.eq_ignore_ascii_case("null")) {
                output.clear();
                continue;
            }
            let path = self.eval(target)?.to_ps_string();
            let text = super::format_output(&output, false);
            let written = if r.append {
                use std::io::Write;
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| f.write_all(text.as_bytes()))
            } else {
                std::fs::write(&path, text)
            };
            if let Err(e) = written {
                return Err(self.runtime_error(
                    r.span,
                    "FileOpenFailure",
                    &format!("Could not open file '{path}': {e}."),
                ));
            }
            output.clear();
        }
        Ok(output)
    }

    fn evaluate_arguments(&mut self, elements: &[CommandElement]) -> R<Vec<Argument>> {
        let mut args = Vec::new();
        let mut positional_only = false;
        for element in elements {
            match element {
                CommandElement::EndOfParameters { .. } => positional_only = true,
                CommandElement::Parameter {
                    name,
                    argument,
                    span,
                } if positional_only => {
                    args.push(Argument::positional(Value::str(format!("-{name}")), *span));
                    if let Some(a) = argument {
                        let v = self.argument_value(a)?;
                        args.push(Argument::positional(v, a.span()));
                    }
                }
                CommandElement::Parameter {
                    name,
                    argument: Some(a),
                    span,
                } => {
                    let v = self.argument_value(a)?;
                    args.push(Argument::named_with(name, v, span.to(a.span())));
                }
                CommandElement::Parameter {
                    name,
                    argument: None,
                    span,
                } => args.push(Argument::named(name, *span)),
                CommandElement::Argument(Expr::Splat(v)) => {
                    let span = v.span;
                    match self.variable(v)? {
                        Value::Hashtable(h) => {
                            for (k, value) in h.borrow().iter() {
                                args.push(Argument::named_with(
                                    &k.to_ps_string(),
                                    value.clone(),
                                    span,
                                ));
                            }
                        }
                        Value::Array(items) => {
                            args.extend(items.into_iter().map(|i| Argument::positional(i, span)));
                        }
                        Value::Null => {}
                        other => args.push(Argument::positional(other, span)),
                    }
                }
                CommandElement::Argument(e) => {
                    let v = self.argument_value(e)?;
                    args.push(Argument::positional(v, e.span()));
                }
            }
        }
        Ok(args)
    }

    /// Command-mode numbers remember how they were written (`10MB`), so an untyped
    /// parameter prints them as typed.
    fn argument_value(&mut self, e: &Expr) -> R<Value> {
        if let Expr::Number { value, text, .. } = e {
            let canonical = match value {
                ast::Number::Int(i) => i.to_string(),
                ast::Number::Double(d) => crate::engine::value::format_double(*d),
            };
            if !text.is_empty() && *text != canonical {
                let f = match value {
                    ast::Number::Int(i) => *i as f64,
                    ast::Number::Double(d) => *d,
                };
                return Ok(Value::NumberText(f, text.clone()));
            }
        }
        self.eval(e)
    }

    fn resolve(&self, name: &str) -> Option<Resolved> {
        let mut name = name.to_string();
        for _ in 0..8 {
            match self.resolve_alias(&name) {
                Some(target) => name = target,
                None => break,
            }
        }
        if let Some(f) = self.scopes.function(&name) {
            return Some(Resolved::Function(f));
        }
        let looks_like_path =
            name.contains(['/', '\\']) || name.to_ascii_lowercase().ends_with(".ps1");
        if looks_like_path {
            let path = std::path::PathBuf::from(name.replace('\\', std::path::MAIN_SEPARATOR_STR));
            return path.is_file().then_some(Resolved::Script(path));
        }
        let lookup = |n: &str| {
            let entry = self.catalog.find(n)?;
            Some(match self.registry.get(n) {
                Some(c) => Resolved::Cmdlet(entry, c),
                None => Resolved::Unimplemented(entry),
            })
        };
        lookup(&name).or_else(|| {
            if name.contains('-') {
                None
            } else {
                lookup(&format!("Get-{name}"))
            }
        })
    }

    fn invoke_named(
        &mut self,
        name: &str,
        args: Vec<Argument>,
        input: Option<Vec<Value>>,
        dot: bool,
        span: Span,
    ) -> R<Vec<Value>> {
        match self.resolve(name) {
            Some(Resolved::Function(f)) => {
                let body = f.body.clone();
                self.invoke_script_block(&body, f.params.as_ref(), &f.name, args, input, dot, span)
            }
            Some(Resolved::Cmdlet(entry, cmdlet)) => {
                self.invoke_cmdlet(name, entry, cmdlet, args, input, span)
            }
            Some(Resolved::Unimplemented(entry)) => {
                // Bind anyway, so signature errors show; then say there is no behaviour.
                self.bind_or_fail(name, entry, &args, input.is_some(), span)?;
                let record = ErrorRecord::new(
                    ErrorCategory::NotSpecified,
                    "CommandNotImplemented",
                    format!(
                        "The command '{}' is known but not implemented in lyncsh.",
                        entry.def.name
                    ),
                )
                .with_command(&entry.def.name)
                .with_position(self.position(span));
                Err(Terminating::statement(record))
            }
            Some(Resolved::Script(path)) => self.invoke_script_file(&path, args, input, dot, span),
            None => Err(self.not_found(name, span)),
        }
    }

    fn not_found(&self, name: &str, span: Span) -> Flow {
        let mut record = ErrorRecord::new(
            ErrorCategory::ObjectNotFound,
            "CommandNotFoundException",
            format!("The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."),
        )
        .with_target(name, "String")
        .with_exception("System.Management.Automation.CommandNotFoundException")
        .with_position(self.position(span));
        record.invocation_name = Some(name.to_string());
        record.hint = self
            .registry
            .not_found_hint(name)
            .map(str::to_string)
            .or_else(|| {
                self.similar_command(name)
                    .map(|c| format!("Did you mean {c}?"))
            });
        Terminating::statement(record)
    }

    /// The catalog cmdlet or function whose name is closest to a mistyped one.
    fn similar_command(&self, name: &str) -> Option<String> {
        let typed = name.to_lowercase();
        let functions = self.scopes.functions();
        self.catalog
            .entries()
            .iter()
            .map(|e| e.def.name.clone())
            .chain(functions.iter().map(|f| f.name.clone()))
            .map(|candidate| {
                (
                    strsim::jaro_winkler(&typed, &candidate.to_lowercase()),
                    candidate,
                )
            })
            .filter(|(score, _)| *score >= 0.92)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, candidate)| candidate)
    }

    /// A binding error as a statement-terminating error positioned at the offending token.
    pub fn bind_failure(&self, typed: &str, e: BindError, span: Span) -> Flow {
        let mut record = e.record;
        record.position = Some(self.position(e.span.unwrap_or(span)));
        if record
            .command
            .as_deref()
            .is_some_and(|c| !c.eq_ignore_ascii_case(typed))
        {
            record.invocation_name = Some(typed.to_string());
        }
        Terminating::statement(record)
    }

    fn bind_or_fail(
        &mut self,
        typed: &str,
        entry: &Entry,
        args: &[Argument],
        expect_input: bool,
        span: Span,
    ) -> R<BoundParameters> {
        let options = BindOptions {
            common_parameters: true,
            expect_pipeline_input: expect_input,
            ..BindOptions::default()
        };
        self.bind_prompting(typed, entry, args, &options)
            .map(|b| b.parameters)
            .map_err(|e| self.bind_failure(typed, e, span))
    }

    /// Binds; in an interactive session missing mandatory parameters are asked for, as
    /// PowerShell's console host does, and binding is tried again with the answers.
    pub fn bind_prompting(
        &mut self,
        typed: &str,
        entry: &Entry,
        args: &[Argument],
        options: &BindOptions,
    ) -> Result<Bound, BindError> {
        let interactive = self.options.interactive;
        match bind_with(entry, self.catalog, args, None, interactive, options) {
            Err(e) if !e.missing.is_empty() => {
                match self.prompt_for_missing(typed, entry, &e.missing) {
                    Some(answers) => {
                        let all: Vec<Argument> = args.iter().cloned().chain(answers).collect();
                        bind_with(entry, self.catalog, &all, None, false, options)
                    }
                    None => Err(e),
                }
            }
            other => other,
        }
    }

    fn prompt_for_missing(
        &mut self,
        command: &str,
        entry: &Entry,
        missing: &[String],
    ) -> Option<Vec<Argument>> {
        self.write_host_text(&format!(
            "cmdlet {command} at command pipeline position 1\nSupply values for the following parameters:\n"
        ));
        let mut answers = Vec::new();
        for name in missing {
            let is_list = entry
                .def
                .parameters
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(name))
                .is_some_and(|p| p.type_name.ends_with("[]"));
            let value = if is_list {
                let mut items = Vec::new();
                loop {
                    let line = self.read_host_line(&format!("{name}[{}]: ", items.len()))?;
                    if line.is_empty() {
                        break;
                    }
                    items.push(Value::String(line));
                }
                Value::Array(items)
            } else {
                Value::String(self.read_host_line(&format!("{name}: "))?)
            };
            answers.push(Argument::named_with(name, value, Span::default()));
        }
        Some(answers)
    }

    fn invoke_cmdlet(
        &mut self,
        typed: &str,
        entry: &'static Entry,
        cmdlet: Rc<dyn Cmdlet>,
        args: Vec<Argument>,
        input: Option<Vec<Value>>,
        span: Span,
    ) -> R<Vec<Value>> {
        let bound = self.bind_or_fail(typed, entry, &args, input.is_some(), span)?;
        let takes_pipeline = entry.def.parameters.iter().any(|p| !p.pipeline.is_empty());
        let per_item = input.is_some() && takes_pipeline && !cmdlet.takes_whole_pipeline();
        let prefs = Prefs::resolve(self, &bound);
        let mut cx = CmdContext::new(self, &entry.def, span, prefs);
        let mut failure: Option<ErrorRecord> = None;
        if per_item {
            let options = BindOptions {
                common_parameters: true,
                ..BindOptions::default()
            };
            for item in input.unwrap_or_default() {
                let interactive = cx.interp.options.interactive;
                match bind_with(
                    entry,
                    cx.interp.catalog,
                    &args,
                    Some(&item),
                    interactive,
                    &options,
                ) {
                    Ok(b) => {
                        if let Err(e) = cmdlet.run(&mut cx, &b.parameters, vec![item]) {
                            failure = Some(e);
                        }
                    }
                    Err(e) => {
                        let mut record = e.record;
                        record.target = Some((item.to_ps_string(), item_type(&item)));
                        cx.write_error_record(record);
                    }
                }
                if failure.is_some() || cx.stopped() || cx.interp.pending_flow.is_some() {
                    break;
                }
                if let Err(flow) = cx.interp.check_interrupt() {
                    cx.interp.pending_flow = Some(flow);
                    break;
                }
            }
        } else if let Err(e) = cmdlet.run(&mut cx, &bound, input.unwrap_or_default()) {
            failure = Some(e);
        }
        let finished = cx.finish();
        if let Some(flow) = self.pending_flow.take() {
            return Err(flow);
        }
        let (output, stop) = finished;
        self.save_common_variables(&bound, &output);
        if let Some(record) = stop {
            self.salvaged = output;
            return Err(Terminating::script(record));
        }
        if let Some(mut record) = failure {
            if record.command.is_none() {
                record.command = Some(entry.def.name.clone());
            }
            if record.position.is_none() {
                record.position = Some(self.position(span));
            }
            let stop = Prefs::resolve(self, &bound)
                .error_action
                .eq_ignore_ascii_case("Stop");
            self.salvaged = output;
            return Err(if stop {
                Terminating::script(record)
            } else {
                Terminating::statement(record)
            });
        }
        Ok(output)
    }

    /// `-OutVariable`: the command's output also lands in a variable (`+name` appends).
    fn save_common_variables(&mut self, bound: &BoundParameters, output: &[Value]) {
        if let Some(name) = bound.string("OutVariable") {
            self.store_collected(&name, output.to_vec());
        }
    }

    /// Sets (or with a `+` prefix, appends to) a collecting variable.
    pub fn store_collected(&mut self, name: &str, values: Vec<Value>) {
        match name.strip_prefix('+') {
            Some(n) => {
                let mut list = match self.scopes.get(None, n) {
                    Some(Value::Array(a)) => a,
                    Some(Value::Null) | None => Vec::new(),
                    Some(v) => vec![v],
                };
                list.extend(values);
                self.scopes.set(None, n, Value::Array(list));
            }
            None => self.scopes.set(None, name, Value::Array(values)),
        }
    }
}

/// `2> $null` / `*> $null` discard errors, `2>&1` merges them into the output; other
/// error-stream targets (files) discard them from the console too.
/// `f(1, 2)`: a name followed, with no space, by one parenthesised argument. PowerShell
/// passes the array `1, 2` as one argument, which is rarely what was meant, so Set-StrictMode
/// 2 and later refuse it.
fn called_like_a_method(cmd: &ast::Command) -> bool {
    match (&cmd.name, cmd.elements.as_slice()) {
        (
            CommandName::Bare { span, .. },
            [CommandElement::Argument(arg @ ast::Expr::Paren { .. })],
        ) => arg.span().start == span.end,
        _ => false,
    }
}

fn error_sink(cmd: &ast::Command) -> Option<ErrorSink> {
    let r = cmd
        .redirections
        .iter()
        .rev()
        .find(|r| r.stream == 2 || r.stream == 0)?;
    Some(match &r.target {
        ast::RedirectionTarget::MergeIntoOutput => ErrorSink::Output(Vec::new()),
        ast::RedirectionTarget::File(_) => ErrorSink::Discard,
    })
}

fn item_type(v: &Value) -> String {
    let t = v.type_name();
    t.rsplit('.').next().unwrap_or(&t).to_string()
}
