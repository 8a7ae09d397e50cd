//! Functions, script blocks and script files. A `param()` block becomes a catalog-style
//! `CmdletDef`, so functions and scripts bind through the same binder as cmdlets; then
//! `begin`/`process`/`end` run with pipeline input, in a child scope, the caller's scope
//! (dot-sourcing, ForEach-Object blocks) or a new script scope.

use std::cell::RefCell;
use std::rc::Rc;

use super::members::SCRIPT_CMDLET_TYPE;
use super::{Flow, Interp, SourceInfo, Terminating, R};
use crate::catalog::schema::{CmdletDef, ParamDef, PipelineBinding};
use crate::catalog::Entry;
use crate::engine::binder::{bind_with, Argument, BindOptions, Bound, CommandKind, ParamExtra};
use crate::engine::convert::{convert, Ty};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::value::{Hashtable, PsObject, Value};
use crate::lang::ast::{self, ParamBlock, ScriptBlock};
use crate::lang::Span;

/// Where a script block's variables live.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ScopeMode {
    /// Dot-sourcing and ForEach-Object blocks: the caller's scope.
    Current,
    /// Functions and `& { }`.
    Child,
    /// A script file run with `&` or by path.
    Script,
}

/// A script block's parameters in binder form.
struct Signature {
    entry: Entry,
    options: BindOptions,
    advanced: bool,
    decls: Vec<ast::ParamDecl>,
    /// `[ValidateScript({ … })]` per parameter: run by the evaluator after binding.
    validate_scripts: Vec<(String, Rc<ScriptBlock>)>,
}

impl Signature {
    fn takes_pipeline(&self) -> bool {
        self.entry
            .def
            .parameters
            .iter()
            .any(|p| !p.pipeline.is_empty())
    }
}

fn attribute<'a>(attrs: &'a [ast::Attribute], name: &str) -> Option<&'a ast::Attribute> {
    attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name))
}

impl Interp {
    /// Evaluates an attribute argument (a constant in practice).
    fn attribute_flag(&mut self, attr: &ast::Attribute, name: &str) -> R<bool> {
        for (key, value) in &attr.named {
            if key.eq_ignore_ascii_case(name) {
                return Ok(match value {
                    None => true,
                    Some(e) => self.eval(e)?.is_truthy(),
                });
            }
        }
        Ok(false)
    }

    fn attribute_value(&mut self, attr: &ast::Attribute, name: &str) -> R<Option<Value>> {
        for (key, value) in &attr.named {
            if key.eq_ignore_ascii_case(name) {
                return Ok(match value {
                    None => Some(Value::Bool(true)),
                    Some(e) => Some(self.eval(e)?),
                });
            }
        }
        Ok(None)
    }

    fn attribute_list(&mut self, attr: &ast::Attribute) -> R<Vec<Value>> {
        let mut values = Vec::new();
        for e in &attr.positional {
            values.extend(self.eval(e)?.into_items());
        }
        Ok(values)
    }

    fn signature(
        &mut self,
        body: &ScriptBlock,
        extra: Option<&ParamBlock>,
        name: &str,
    ) -> R<Signature> {
        let decls: Vec<ast::ParamDecl> = extra
            .or(body.param_block.as_ref())
            .map(|b| b.params.clone())
            .unwrap_or_default();
        let binding = attribute(&body.attributes, "CmdletBinding").cloned();
        let advanced = binding.is_some()
            || decls
                .iter()
                .any(|d| attribute(&d.attributes, "Parameter").is_some());
        let (should_process, default_set) = match &binding {
            Some(b) => (
                self.attribute_flag(b, "SupportsShouldProcess")?,
                self.attribute_value(b, "DefaultParameterSetName")?
                    .map(|v| v.to_ps_string()),
            ),
            None => (false, None),
        };
        let mut explicit_positions = false;
        for d in &decls {
            if let Some(p) = attribute(&d.attributes, "Parameter") {
                explicit_positions |= p
                    .named
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case("Position"));
            }
        }
        let mut options = BindOptions {
            kind: CommandKind::Function,
            common_parameters: advanced,
            collect_extra_arguments: !advanced,
            ..BindOptions::default()
        };
        let mut params = Vec::new();
        let mut validate_scripts = Vec::new();
        let mut next_position = 0;
        for d in &decls {
            let type_name = match &d.type_name {
                Some(t) if Ty::from_script(&t.name, false).is_some() => {
                    format!("{}{}", t.name, if t.is_array { "[]" } else { "" })
                }
                Some(t) if t.is_array => "Object[]".to_string(),
                _ => "Object".to_string(),
            };
            let is_switch = Ty::from_script(&type_name, false) == Some(Ty::Switch);
            let mut def = ParamDef::new(d.name.clone(), type_name);
            let mut extra = ParamExtra::default();
            for attr in &d.attributes {
                match attr.name.to_ascii_lowercase().as_str() {
                    "parameter" => {
                        def.mandatory = self.attribute_flag(attr, "Mandatory")?;
                        if let Some(p) = self.attribute_value(attr, "Position")? {
                            def.position = p.as_f64().map(|f| f as u32);
                        }
                        if self.attribute_flag(attr, "ValueFromPipeline")? {
                            def.pipeline.push(PipelineBinding::ByValue);
                        }
                        if self.attribute_flag(attr, "ValueFromPipelineByPropertyName")? {
                            def.pipeline.push(PipelineBinding::ByPropertyName);
                        }
                        if let Some(set) = self.attribute_value(attr, "ParameterSetName")? {
                            def.sets.push(set.to_ps_string());
                        }
                        extra.remaining_arguments =
                            self.attribute_flag(attr, "ValueFromRemainingArguments")?;
                        if let Some(help) = self.attribute_value(attr, "HelpMessage")? {
                            def.description = help.to_ps_string();
                        }
                    }
                    "alias" => {
                        def.aliases = self
                            .attribute_list(attr)?
                            .iter()
                            .map(Value::to_ps_string)
                            .collect();
                    }
                    "validateset" => {
                        def.values = self
                            .attribute_list(attr)?
                            .iter()
                            .map(Value::to_ps_string)
                            .collect();
                    }
                    "validaterange" => {
                        let bounds = self.attribute_list(attr)?;
                        if let [min, max] = bounds.as_slice() {
                            if let (Some(a), Some(b)) = (min.as_f64(), max.as_f64()) {
                                def.range = Some((a as i64, b as i64));
                            }
                        }
                    }
                    "validatenotnullorempty" | "validatenotnull" => extra.not_null_or_empty = true,
                    "validatepattern" => {
                        extra.pattern = self.attribute_list(attr)?.first().map(Value::to_ps_string);
                    }
                    "validatescript" => {
                        if let Some(ast::Expr::ScriptBlock(sb)) = attr.positional.first() {
                            self.block_sources
                                .entry(Rc::as_ptr(sb))
                                .or_insert_with(|| self.source.clone());
                            validate_scripts.push((d.name.clone(), sb.clone()));
                        }
                    }
                    _ => {}
                }
            }
            if !explicit_positions && !is_switch && !extra.remaining_arguments {
                def.position = Some(next_position);
                next_position += 1;
            }
            def.remaining = extra.remaining_arguments;
            options.extras.insert(d.name.to_ascii_lowercase(), extra);
            params.push(def);
        }
        let def = CmdletDef {
            name: name.to_string(),
            module: None,
            synopsis: String::new(),
            description: String::new(),
            default_parameter_set: default_set,
            supports_should_process: should_process,
            parameters: params,
            inputs: None,
            outputs: None,
            notes: None,
            examples: Vec::new(),
            related: Vec::new(),
        };
        Ok(Signature {
            entry: Entry {
                module: String::new(),
                file: String::new(),
                def,
            },
            options,
            advanced,
            decls,
            validate_scripts,
        })
    }

    /// Runs each `[ValidateScript()]` on its bound argument (every element of a list), with
    /// `$_` the value, as PowerShell does after binding.
    fn run_validate_scripts(
        &mut self,
        sig: &Signature,
        bound: &Bound,
        name: &str,
        span: Span,
    ) -> R<()> {
        for (param, script) in &sig.validate_scripts {
            let Some(value) = bound.parameters.get(param) else {
                continue;
            };
            for item in value.clone().into_items() {
                let verdict = self.invoke_block_value(script, Some(item.clone()), Vec::new())?;
                if !Value::from_items(verdict).is_truthy() {
                    let record = ErrorRecord::new(
                        ErrorCategory::InvalidData,
                        "ParameterArgumentValidationError",
                        format!(
                            "Cannot validate argument on parameter '{param}'. The \"{}\" validation script for the argument with value \"{}\" did not return a result of True. Determine why the validation script failed, and then try the command again.",
                            script.text.trim(),
                            item.to_ps_string()
                        ),
                    )
                    .with_command(name)
                    .with_exception("System.Management.Automation.ParameterBindingValidationException")
                    .with_position(self.position(span));
                    return Err(Terminating::statement(record));
                }
            }
        }
        Ok(())
    }

    fn bind_signature(
        &self,
        sig: &Signature,
        args: &[Argument],
        input: Option<&Value>,
        expect_input: bool,
    ) -> Result<Bound, crate::engine::binder::BindError> {
        let mut options = sig.options.clone();
        options.expect_pipeline_input = expect_input;
        bind_with(
            &sig.entry,
            self.catalog,
            args,
            input,
            self.options.interactive,
            &options,
        )
    }

    /// Runs a function, `& { }` or `. { }` with command arguments and pipeline input.
    #[allow(clippy::too_many_arguments)]
    pub fn invoke_script_block(
        &mut self,
        body: &Rc<ScriptBlock>,
        extra_params: Option<&ParamBlock>,
        name: &str,
        args: Vec<Argument>,
        input: Option<Vec<Value>>,
        dot: bool,
        span: Span,
    ) -> R<Vec<Value>> {
        let mode = if dot {
            ScopeMode::Current
        } else {
            ScopeMode::Child
        };
        let mut out = Vec::new();
        match self.run_block(body, extra_params, name, args, input, mode, span, &mut out) {
            Ok(()) => Ok(out),
            Err(flow) => {
                self.salvaged = out;
                Err(flow)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn run_block(
        &mut self,
        body: &Rc<ScriptBlock>,
        extra_params: Option<&ParamBlock>,
        name: &str,
        args: Vec<Argument>,
        input: Option<Vec<Value>>,
        mode: ScopeMode,
        span: Span,
        out: &mut Vec<Value>,
    ) -> R<()> {
        self.enter_call(span)?;
        if !name.is_empty() {
            let call_site = self.position(span);
            self.callers.push((name.to_string(), call_site));
        }
        let saved_source = self.source.clone();
        if let Some(src) = self.block_sources.get(&Rc::as_ptr(body)) {
            self.source = src.clone();
        }
        let pushed = mode != ScopeMode::Current;
        let result = (|| -> R<()> {
            let sig = self.signature(body, extra_params, name)?;
            let mut options = sig.options.clone();
            options.expect_pipeline_input = input.is_some();
            let bound = self
                .bind_prompting(name, &sig.entry, &args, &options)
                .map_err(|e| {
                    let saved = std::mem::replace(&mut self.source, saved_source.clone());
                    let flow = self.bind_failure(name, e, span);
                    self.source = saved;
                    flow
                })?;
            if !sig.validate_scripts.is_empty() {
                let inner = std::mem::replace(&mut self.source, saved_source.clone());
                let checked = self.run_validate_scripts(&sig, &bound, name, span);
                self.source = inner;
                checked?;
            }
            if pushed {
                self.scopes.push(mode == ScopeMode::Script);
            }
            let r = self.run_body(body, &sig, bound, input, mode, out);
            if pushed {
                self.scopes.pop();
            }
            r
        })();
        self.source = saved_source;
        if !name.is_empty() {
            self.callers.pop();
        }
        self.leave_call();
        match result {
            Err(Flow::Return) => Ok(()),
            Err(Flow::Error(mut t)) if t.ends_command => {
                t.ends_command = false;
                Err(Flow::Error(t))
            }
            other => other,
        }
    }

    fn run_body(
        &mut self,
        body: &ScriptBlock,
        sig: &Signature,
        bound: Bound,
        input: Option<Vec<Value>>,
        mode: ScopeMode,
        out: &mut Vec<Value>,
    ) -> R<()> {
        // A block run in the caller's scope with nothing to bind (a ForEach-Object or
        // Where-Object filter) must leave the caller's $args, $PSBoundParameters and
        // $input alone.
        let borrowed_scope = mode == ScopeMode::Current
            && sig.decls.is_empty()
            && bound.extra_arguments.is_empty()
            && input.is_none();
        if !borrowed_scope {
            self.set_parameters(sig, &sig.entry.def.name, &bound)?;
        }
        let once = |interp: &mut Interp, stmts: &[ast::Statement], out: &mut Vec<Value>| -> R<()> {
            match interp.exec_statements(stmts, out) {
                Err(Flow::Return) => Ok(()),
                other => other,
            }
        };
        if let Some(begin) = &body.begin {
            once(self, begin, out)?;
        }
        if let Some(process) = &body.process {
            match &input {
                Some(items) => {
                    for item in items {
                        self.scopes.set(None, "_", item.clone());
                        if sig.takes_pipeline() {
                            match self.bind_signature(sig, &[], Some(item), false) {
                                Ok(b) => {
                                    for (k, v) in &b.parameters.values {
                                        self.scopes.set(None, k, v.clone());
                                    }
                                }
                                Err(e) => {
                                    let mut record = e.record;
                                    record.position = Some(self.position(body.span));
                                    self.report(&record);
                                    continue;
                                }
                            }
                        }
                        once(self, process, out)?;
                    }
                }
                None => once(self, process, out)?,
            }
        } else if let (Some(items), true) = (&input, sig.takes_pipeline()) {
            // Without a process block the end block sees the last object bound.
            if let Some(last) = items.last() {
                if let Ok(b) = self.bind_signature(sig, &[], Some(last), false) {
                    for (k, v) in &b.parameters.values {
                        self.scopes.set(None, k, v.clone());
                    }
                }
            }
        }
        if !borrowed_scope {
            self.scopes
                .set(None, "input", Value::Array(input.unwrap_or_default()));
        }
        once(self, &body.end, out)
    }

    /// Parameter variables (bound, default or the type's empty value), `$args`,
    /// `$PSBoundParameters`, `$PSCmdlet`, and the preferences `-Verbose`/`-ErrorAction`/
    /// `-WhatIf` set for the function's scope.
    fn set_parameters(&mut self, sig: &Signature, name: &str, bound: &Bound) -> R<()> {
        let params = &bound.parameters;
        for decl in &sig.decls {
            let value = match params.get(&decl.name) {
                Some(v) => v.clone(),
                None => {
                    let ty = decl
                        .type_name
                        .as_ref()
                        .and_then(|t| Ty::from_script(&t.name, t.is_array));
                    match (&decl.default, &ty) {
                        (Some(e), Some(ty)) => {
                            let v = self.eval(e)?;
                            convert(&v, ty).unwrap_or(v)
                        }
                        (Some(e), None) => self.eval(e)?,
                        (None, Some(ty)) => empty_value(ty),
                        (None, None) => Value::Null,
                    }
                }
            };
            self.scopes.set(None, &decl.name, value);
        }
        self.scopes
            .set(None, "args", Value::Array(bound.extra_arguments.clone()));
        if !name.is_empty() {
            let path = if name.to_ascii_lowercase().ends_with(".ps1") {
                self.preference("PSCommandPath")
            } else {
                String::new()
            };
            self.scopes
                .set(None, "MyInvocation", invocation_info(name, &path));
        }
        let mut table = Hashtable::default();
        for (k, v) in &params.values {
            table.insert(Value::str(k.as_str()), v.clone());
        }
        self.scopes.set(
            None,
            "PSBoundParameters",
            Value::Hashtable(Rc::new(RefCell::new(table))),
        );
        if sig.advanced {
            let invocation = self.scopes.get(None, "MyInvocation").unwrap_or_default();
            let cmdlet = PsObject::new(SCRIPT_CMDLET_TYPE)
                .with("CommandName", name)
                .with("ParameterSetName", params.parameter_set.clone())
                .with("MyInvocation", invocation);
            self.scopes.set(None, "PSCmdlet", cmdlet.into_value());
            let preference = |p: &str| params.get(p).cloned();
            if let Some(v) = preference("Verbose") {
                let level = if v.is_truthy() {
                    "Continue"
                } else {
                    "SilentlyContinue"
                };
                self.scopes
                    .set(None, "VerbosePreference", Value::str(level));
            }
            if let Some(v) = preference("ErrorAction") {
                self.scopes.set(None, "ErrorActionPreference", v);
            }
            if let Some(v) = preference("WarningAction") {
                self.scopes.set(None, "WarningPreference", v);
            }
            if let Some(v) = preference("WhatIf") {
                self.scopes
                    .set(None, "WhatIfPreference", Value::Bool(v.is_truthy()));
            }
        }
        Ok(())
    }

    /// Runs a script block value in the caller's scope with `$_` and arguments: what
    /// ForEach-Object, Where-Object, `switch` conditions and `.Where()` need.
    pub fn invoke_block_value(
        &mut self,
        sb: &Rc<ScriptBlock>,
        dollar_underscore: Option<Value>,
        args: Vec<Value>,
    ) -> R<Vec<Value>> {
        let saved = dollar_underscore
            .as_ref()
            .map(|_| self.scopes.get(None, "_").unwrap_or(Value::Null));
        if let Some(v) = dollar_underscore {
            self.scopes.set(None, "_", v);
        }
        let args: Vec<Argument> = args
            .into_iter()
            .map(|v| Argument::positional(v, sb.span))
            .collect();
        let mut out = Vec::new();
        let result = self.run_block(
            sb,
            None,
            "",
            args,
            None,
            ScopeMode::Current,
            sb.span,
            &mut out,
        );
        if let Some(v) = saved {
            self.scopes.set(None, "_", v);
        }
        result.map(|()| out)
    }

    /// `.\script.ps1 args`, `& path`, `. path`: parsed, bound to its `param()` block, run in
    /// a script scope (or the caller's when dot-sourced). `exit N` ends only the script.
    pub fn invoke_script_file(
        &mut self,
        path: &std::path::Path,
        args: Vec<Argument>,
        input: Option<Vec<Value>>,
        dot: bool,
        span: Span,
    ) -> R<Vec<Value>> {
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let text = std::fs::read_to_string(&full).map_err(|e| {
            self.runtime_error(
                span,
                "ReadError",
                &format!("Cannot read '{}': {e}.", full.display()),
            )
        })?;
        let info = Rc::new(SourceInfo {
            text: text.as_str().into(),
            path: Some(full.display().to_string()),
        });
        let block = match crate::lang::parse(&text) {
            Ok(b) => Rc::new(b),
            Err(e) => {
                let saved = std::mem::replace(&mut self.source, info);
                let record = self.parse_error_record(&e);
                self.source = saved;
                return Err(Terminating::script(record));
            }
        };
        self.block_sources.insert(Rc::as_ptr(&block), info);
        self.parsed.push(block.clone());
        let root = full
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let automatic = [
            ("PSScriptRoot", Value::str(root)),
            ("PSCommandPath", Value::str(full.display().to_string())),
        ];
        let saved: Vec<Option<Value>> = automatic
            .iter()
            .map(|(n, _)| self.scopes.get(None, n))
            .collect();
        let mode = if dot {
            ScopeMode::Current
        } else {
            ScopeMode::Script
        };
        // The script's own scope gets the automatic variables; a dot-sourced one borrows the
        // caller's and gives them back.
        for (n, v) in &automatic {
            self.scopes.set(None, n, v.clone());
        }
        let name = full
            .file_name()
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut out = Vec::new();
        let result = self.run_block(&block, None, &name, args, input, mode, span, &mut out);
        for ((n, _), old) in automatic.iter().zip(saved) {
            self.scopes.set(None, n, old.unwrap_or(Value::Null));
        }
        match result {
            Ok(()) => Ok(out),
            Err(Flow::Exit(code)) => {
                self.scopes
                    .set(Some("global"), "LASTEXITCODE", Value::Int(code as i64));
                Ok(out)
            }
            Err(other) => {
                self.salvaged = out;
                Err(other)
            }
        }
    }

    /// Binds `SessionOptions.script_args` to a script's top-level `param()` block (pwsh's
    /// `-File x.ps1 -Name value -Flag:$false` rules) and sets `$args` for the rest.
    pub fn bind_script_parameters(&mut self, block: &Rc<ScriptBlock>) -> R<()> {
        let span = block
            .param_block
            .as_ref()
            .map(|p| p.span)
            .unwrap_or(block.span);
        let args: Vec<Argument> = self
            .options
            .script_args
            .iter()
            .map(|a| script_argument(a, span))
            .collect();
        if block.param_block.is_none() && block.attributes.is_empty() {
            let values = self
                .options
                .script_args
                .iter()
                .map(|a| Value::str(a.as_str()))
                .collect();
            self.scopes.set(None, "args", Value::Array(values));
            return Ok(());
        }
        let name = self
            .options
            .script_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().to_string())
            .unwrap_or_default();
        let sig = self.signature(block, None, &name)?;
        let bound = self
            .bind_prompting(&name, &sig.entry, &args, &sig.options)
            .map_err(|e| match self.bind_failure(&name, e, span) {
                Flow::Error(mut t) => {
                    t.script = true;
                    Flow::Error(t)
                }
                other => other,
            })?;
        self.set_parameters(&sig, &name, &bound)
    }

    /// Script text run in the current scope (Invoke-Expression).
    pub fn run_text(&mut self, source: &str) -> R<Vec<Value>> {
        let info = Rc::new(SourceInfo {
            text: source.into(),
            path: None,
        });
        let saved = std::mem::replace(&mut self.source, info.clone());
        let result = match crate::lang::parse(source) {
            Ok(block) => {
                let block = Rc::new(block);
                self.block_sources.insert(Rc::as_ptr(&block), info);
                self.parsed.push(block.clone());
                let mut out = Vec::new();
                let parts = [
                    block.begin.as_deref(),
                    block.process.as_deref(),
                    Some(&block.end[..]),
                ];
                let mut result = Ok(());
                for part in parts.into_iter().flatten() {
                    result = self.exec_statements(part, &mut out);
                    if result.is_err() {
                        break;
                    }
                }
                result.map(|()| out)
            }
            Err(e) => Err(Terminating::statement(self.parse_error_record(&e))),
        };
        self.source = saved;
        result
    }

    /// `$PSCmdlet.ShouldProcess(target[, action])` in an advanced function.
    pub fn script_should_process(&mut self, target: &str, action: &str) -> bool {
        let what_if = self
            .scopes
            .get(None, "WhatIfPreference")
            .is_some_and(|v| v.is_truthy());
        if what_if {
            self.host_line(&format!(
                "What if: Performing the operation \"{action}\" on target \"{target}\"."
            ));
            return false;
        }
        if self
            .preference("VerbosePreference")
            .eq_ignore_ascii_case("Continue")
        {
            self.host_line(&format!(
                "VERBOSE: Performing the operation \"{action}\" on target \"{target}\"."
            ));
        }
        true
    }
}

/// `$MyInvocation`: the running command's name and, for scripts, its path.
pub(super) fn invocation_info(name: &str, path: &str) -> Value {
    let command = PsObject::new("System.Management.Automation.CommandInfo")
        .with("Name", name)
        .with("Path", path)
        .with("Definition", if path.is_empty() { name } else { path });
    PsObject::new("System.Management.Automation.InvocationInfo")
        .with("MyCommand", command.into_value())
        .with("InvocationName", name)
        .with("ScriptName", path)
        .into_value()
}

/// The value an unbound typed parameter starts with.
fn empty_value(ty: &Ty) -> Value {
    match ty {
        Ty::Switch => Value::Switch(false),
        Ty::Bool => Value::Bool(false),
        Ty::Int(_) => Value::Int(0),
        Ty::Double => Value::Double(0.0),
        Ty::String => Value::str(""),
        _ => Value::Null,
    }
}

/// One `-File` script argument: `-Name`, `-Name:value` (with `$true`/`false`/… turned into
/// booleans, as pwsh does), or a positional string.
fn script_argument(text: &str, span: Span) -> Argument {
    let mut chars = text.chars();
    let dash = matches!(
        chars.next(),
        Some('-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
    );
    let starts_name = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '?');
    if !(dash && starts_name) {
        return Argument::positional(Value::str(text), span);
    }
    let body = &text[text.chars().next().map_or(1, char::len_utf8)..];
    match body.split_once(':') {
        Some((name, value)) => {
            let v = match value.trim_start_matches('$').to_ascii_lowercase().as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::str(value),
            };
            Argument::named_with(name, v, span)
        }
        None => Argument::named(body, span),
    }
}
