//! The `CommandContext` a cmdlet runs with: output collection, the error/warning/verbose
//! streams under the invocation's preferences, `-WhatIf`, script block calls.

use super::{Flow, Interp};
use crate::catalog::schema::CmdletDef;
use crate::engine::command::{BoundParameters, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorPosition, ErrorRecord};
use crate::engine::value::Value;
use crate::lang::Span;

/// The preferences in effect for one command invocation: common parameters override the
/// preference variables.
#[derive(Clone, Debug)]
pub struct Prefs {
    pub error_action: String,
    pub warning_action: String,
    pub verbose: bool,
    pub what_if: bool,
    /// `-Confirm`: ask before each change (interactive sessions only).
    pub confirm: bool,
    pub error_variable: Option<String>,
    pub warning_variable: Option<String>,
}

impl Prefs {
    pub fn resolve(interp: &Interp, bound: &BoundParameters) -> Prefs {
        let explicit_or = |param: &str, variable: &str| {
            bound
                .string(param)
                .unwrap_or_else(|| interp.preference(variable))
        };
        Prefs {
            error_action: explicit_or("ErrorAction", "ErrorActionPreference"),
            warning_action: explicit_or("WarningAction", "WarningPreference"),
            verbose: match bound.get("Verbose") {
                Some(v) => v.is_truthy(),
                None => interp
                    .preference("VerbosePreference")
                    .eq_ignore_ascii_case("Continue"),
            },
            what_if: match bound.get("WhatIf") {
                Some(v) => v.is_truthy(),
                None => interp
                    .scopes
                    .get(None, "WhatIfPreference")
                    .is_some_and(|v| v.is_truthy()),
            },
            confirm: bound.switch("Confirm"),
            error_variable: bound.string("ErrorVariable"),
            warning_variable: bound.string("WarningVariable"),
        }
    }
}

pub struct CmdContext<'a> {
    pub interp: &'a mut Interp,
    def: &'a CmdletDef,
    span: Span,
    prefs: Prefs,
    output: Vec<Value>,
    errors: Vec<Value>,
    warnings: Vec<Value>,
    /// The first error written under `-ErrorAction Stop`: ends the command.
    stop: Option<ErrorRecord>,
    /// "Yes to All" / "No to All" answered at a `-Confirm` prompt.
    confirm_all: Option<bool>,
}

impl<'a> CmdContext<'a> {
    pub fn new(interp: &'a mut Interp, def: &'a CmdletDef, span: Span, prefs: Prefs) -> Self {
        CmdContext {
            interp,
            def,
            span,
            prefs,
            output: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            stop: None,
            confirm_all: None,
        }
    }

    /// PowerShell's confirmation prompt; a host that cannot ask means yes.
    fn confirm(&mut self, target: &str, action: &str) -> bool {
        if let Some(all) = self.confirm_all {
            return all;
        }
        self.interp.write_host_text(&format!(
            "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"{action}\" on target \"{target}\".\n"
        ));
        let prompt = "[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): ";
        loop {
            let Some(answer) = self.interp.read_host_line(prompt) else {
                return true;
            };
            match answer.trim().to_ascii_lowercase().as_str() {
                "" | "y" => return true,
                "a" => {
                    self.confirm_all = Some(true);
                    return true;
                }
                "n" => return false,
                "l" => {
                    self.confirm_all = Some(false);
                    return false;
                }
                _ => self.interp.write_host_text(
                    "Y - Continue with only the next step of the operation.\nA - Continue with all the steps of the operation.\nN - Skip this operation and proceed with the next operation.\nL - Skip this operation and all subsequent operations.\nS - Pause the current pipeline and return to the command prompt. Type \"exit\" to resume the pipeline.\n",
                ),
            }
        }
    }

    /// Control flow out of script code the cmdlet ran: it resumes in the evaluator once the
    /// cmdlet returns; the cmdlet only gets a record telling it to stop.
    fn suspend(&mut self, flow: Flow) -> ErrorRecord {
        let record = match &flow {
            Flow::Error(t) => t.record.clone(),
            _ => ErrorRecord::new(
                ErrorCategory::OperationStopped,
                "PipelineStopped",
                "The pipeline has been stopped.",
            ),
        };
        self.interp.pending_flow = Some(flow);
        record
    }

    pub fn stopped(&self) -> bool {
        self.stop.is_some()
    }

    /// A non-terminating error under the invocation's error action.
    pub fn write_error_record(&mut self, mut record: ErrorRecord) {
        if record.command.is_none() {
            record.command = Some(self.def.name.clone());
        }
        if record.position.is_none() {
            record.position = Some(self.interp.position(self.span));
        }
        let value = self.interp.error_value(&record);
        self.errors.push(value);
        let action = self.prefs.error_action.to_ascii_lowercase();
        match action.as_str() {
            "stop" => {
                if self.stop.is_none() {
                    self.stop = Some(record);
                }
            }
            "silentlycontinue" => self.interp.record_error(&record),
            "ignore" => self.interp.errors_written += 1,
            // `2>&1`: the record joins this command's output where it was written.
            _ if self.interp.merging_errors() => {
                self.interp.record_error(&record);
                let value = self.interp.error_value(&record);
                self.output.push(value);
            }
            _ => self.interp.report(&record),
        }
    }

    /// Output collected, and the error that stopped the command (if any). Stores
    /// `-ErrorVariable` / `-WarningVariable`.
    pub fn finish(self) -> (Vec<Value>, Option<ErrorRecord>) {
        if let Some(name) = &self.prefs.error_variable {
            self.interp.store_collected(name, self.errors);
        }
        if let Some(name) = &self.prefs.warning_variable {
            self.interp.store_collected(name, self.warnings);
        }
        (self.output, self.stop)
    }
}

impl CommandContext for CmdContext<'_> {
    fn write_output(&mut self, value: Value) {
        if self.stop.is_none() {
            self.output.push(value);
        }
    }

    fn write_verbose(&mut self, message: &str) {
        if self.prefs.verbose {
            self.interp.host_line(&format!("VERBOSE: {message}"));
        }
    }

    fn write_warning(&mut self, message: &str) {
        self.warnings.push(Value::str(message));
        match self.prefs.warning_action.to_ascii_lowercase().as_str() {
            "silentlycontinue" | "ignore" => {}
            "stop" => {
                if self.stop.is_none() {
                    let record = ErrorRecord::new(
                        ErrorCategory::OperationStopped,
                        "ActionPreferenceStop",
                        format!("The running command stopped because the preference variable \"WarningPreference\" or common parameter is set to Stop: {message}"),
                    )
                    .with_command(&self.def.name)
                    .with_exception("System.Management.Automation.ActionPreferenceStopException")
                    .with_position(self.interp.position(self.span));
                    self.interp.host_line(&format!("WARNING: {message}"));
                    self.stop = Some(record);
                }
            }
            _ => self.interp.host_line(&format!("WARNING: {message}")),
        }
    }

    fn write_error(&mut self, error: ErrorRecord) {
        self.write_error_record(error);
    }

    fn write_host(&mut self, text: &str, newline: bool) {
        if newline {
            self.interp.write_host_text(&format!("{text}\n"));
        } else {
            self.interp.write_host_text(text);
        }
    }

    fn should_process(&mut self, target: &str, action: &str) -> bool {
        if self.prefs.what_if {
            self.interp.host_line(&format!(
                "What if: Performing the operation \"{action}\" on target \"{target}\"."
            ));
            return false;
        }
        if self.prefs.confirm && self.interp.options.interactive {
            return self.confirm(target, action);
        }
        if self.prefs.verbose {
            self.interp.host_line(&format!(
                "VERBOSE: Performing the operation \"{action}\" on target \"{target}\"."
            ));
        }
        true
    }

    fn what_if(&self) -> bool {
        self.prefs.what_if
    }

    fn invoke_block(
        &mut self,
        block: &Value,
        dollar_underscore: Option<Value>,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, ErrorRecord> {
        let Value::ScriptBlock(sb) = block else {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "ScriptBlockArgumentRequired",
                format!(
                    "Cannot convert the \"{}\" value of type \"{}\" to type \"System.Management.Automation.ScriptBlock\".",
                    block.to_ps_string(),
                    block.type_name()
                ),
            )
            .with_command(&self.def.name));
        };
        let result = self.interp.invoke_block_value(sb, dollar_underscore, args);
        result.map_err(|flow| self.suspend(flow))
    }

    fn invoke_script(&mut self, source: &str) -> Result<Vec<Value>, ErrorRecord> {
        let result = self.interp.run_text(source);
        result.map_err(|flow| self.suspend(flow))
    }

    fn remove_variable(&mut self, name: &str) -> bool {
        self.interp.scopes.remove(None, name)
    }

    fn remove_scoped_variable(&mut self, scope: &str, name: &str) -> bool {
        self.interp.scopes.remove(Some(scope), name)
    }

    fn set_strict_mode(&mut self, version: u8) -> bool {
        self.interp.scopes.set_strict(version);
        true
    }

    fn get_variable(&self, name: &str) -> Option<Value> {
        self.interp.scopes.get(None, name)
    }

    fn set_variable(&mut self, name: &str, value: Value) {
        self.interp.scopes.set(None, name, value);
    }

    fn definition(&self) -> &CmdletDef {
        self.def
    }

    fn interactive(&self) -> bool {
        self.interp.options.interactive
    }

    fn interrupt_requested(&self) -> bool {
        self.interp
            .interrupt
            .as_ref()
            .is_some_and(|flag| flag.load(std::sync::atomic::Ordering::SeqCst))
    }

    fn caller(&self) -> Option<(String, ErrorPosition)> {
        self.interp.callers.last().cloned()
    }

    fn variables(&self) -> Vec<(String, Value)> {
        self.interp.scopes.visible()
    }

    fn aliases(&self) -> Vec<(String, String)> {
        self.interp.aliases()
    }

    fn set_alias(&mut self, name: &str, target: &str) -> bool {
        self.interp.set_alias(name, target);
        true
    }

    fn functions(&self) -> Vec<String> {
        self.interp
            .scopes
            .functions()
            .iter()
            .map(|f| f.name.clone())
            .collect()
    }

    fn format_options(&self) -> crate::engine::format::FormatOptions {
        super::host_format(self.interp.options.color)
    }

    fn read_host(&mut self, prompt: &str) -> Option<String> {
        self.interp.read_host_line(prompt)
    }

    fn function_definition(&self, name: &str) -> Option<crate::engine::command::FunctionSource> {
        let f = self.interp.scopes.function(name)?;
        let params = f.params.clone().or_else(|| f.body.param_block.clone());
        Some((f.body.clone(), params))
    }
}
