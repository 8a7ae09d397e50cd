//! A shell session: the interface the CLI and the REPL drive. It parses a script (or one
//! REPL entry), runs it statement by statement, formats each top-level statement's output
//! and sends every piece of text to the [`Host`].

use std::path::PathBuf;

use super::error::ErrorRecord;
use super::eval::Interp;
use super::registry::Registry;
use super::value::Value;
use crate::catalog::Catalog;

#[derive(Clone, Debug, Default)]
pub struct SessionOptions {
    /// Prompts (mandatory parameters, confirmations) are possible.
    pub interactive: bool,
    /// The `-File` script: errors print `At <path>:N char:M` and `$PSScriptRoot` is its folder.
    pub script_path: Option<PathBuf>,
    /// Arguments after the script path, bound to the script's `param()` block.
    pub script_args: Vec<String>,
    pub color: bool,
}

/// Where the session's text goes. Every call carries whole lines, each ending in `\n`.
pub trait Host {
    /// Output, host text (Write-Host), `VERBOSE:`/`WARNING:` lines and `What if:` lines.
    fn write_out(&mut self, text: &str);
    /// Error records.
    fn write_err(&mut self, text: &str);
    /// Reads one line typed by the user after showing `prompt` (mandatory-parameter
    /// prompts in an interactive session); `None` when the host cannot ask.
    fn read_line(&mut self, _prompt: &str) -> Option<String> {
        None
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    Completed,
    /// `exit N`.
    Exited(i32),
    /// A script-terminating error stopped the run (already written to the host).
    Terminated(ErrorRecord),
    /// The source did not parse; nothing ran (the error was written to the host).
    ParseFailed(ErrorRecord),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunResult {
    pub status: RunStatus,
    /// `$?` was false after the last statement that ran (`-Command`'s exit code 1).
    pub last_statement_failed: bool,
    /// Top-level statements started, including one that stopped the script.
    pub statements_run: usize,
    pub statements_total: usize,
}

pub struct Session {
    interp: Interp,
}

impl Session {
    /// A session over the embedded cmdlet catalog.
    pub fn new(registry: Registry, host: Box<dyn Host>, options: SessionOptions) -> Session {
        Session::with_catalog(registry, Catalog::embedded(), host, options)
    }

    /// A session over another catalog (tests use small ones).
    pub fn with_catalog(
        registry: Registry,
        catalog: &'static Catalog,
        host: Box<dyn Host>,
        options: SessionOptions,
    ) -> Session {
        Session {
            interp: Interp::new(registry, catalog, host, options),
        }
    }

    /// Parses and runs a whole script (or one REPL entry).
    pub fn run(&mut self, source: &str) -> RunResult {
        self.interp.run_script(source)
    }

    /// Calls `observer` with the 1-based line of each top-level statement after it ran
    /// (including one that stopped the script), so that `lyncsh plan` can tell which
    /// statement made each change.
    pub fn observe_statements(&mut self, observer: Box<dyn FnMut(usize)>) {
        self.interp.statement_observer = Some(observer);
    }

    /// A flag that, once raised (Ctrl-C), stops the running command with "The pipeline has
    /// been stopped."; the session lowers it again when it stops.
    pub fn set_interrupt(&mut self, flag: std::sync::Arc<std::sync::atomic::AtomicBool>) {
        self.interp.interrupt = Some(flag);
    }

    pub fn get_variable(&self, name: &str) -> Option<Value> {
        self.interp.scopes.get(None, name)
    }

    pub fn set_variable(&mut self, name: &str, value: Value) {
        self.interp.scopes.set(Some("global"), name, value);
    }

    /// Names of the functions defined so far (for Tab completion).
    pub fn function_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .interp
            .scopes
            .functions()
            .iter()
            .map(|f| f.name.clone())
            .collect();
        names.sort();
        names
    }

    /// Names of the variables visible at the top level (for Tab completion).
    pub fn variable_names(&self) -> Vec<String> {
        self.interp
            .scopes
            .visible()
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    }

    /// Alias → command, PowerShell's built-in ones plus any `Set-Alias` added.
    pub fn aliases(&self) -> Vec<(String, String)> {
        self.interp.aliases()
    }

    pub fn catalog(&self) -> &'static Catalog {
        self.interp.catalog
    }
}
