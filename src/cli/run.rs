//! Running what the command line asked for: building the session, reading the script, and
//! turning the way it ended into the exit code pwsh would give.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{script, Cli, Mode, EXIT_USAGE};
use crate::engine::session::{Host, RunResult, RunStatus, Session, SessionOptions};
use crate::repl::ReplOptions;
use crate::topology::store::Store;
use crate::topology::workspace::Workspace;

/// pwsh maps a script's end to an exit code differently for `-File` and for `-Command`
/// (standard input counts as `-Command`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    File,
    Command,
}

/// The exit code for a finished script (powershell-language.md §4.3): `exit N` gives N; a
/// terminating error or a parse error gives 1; a normal end gives 0 for `-File` even after
/// non-terminating errors, and for `-Command` 1 when the last statement failed (`$?` false).
pub fn exit_code(kind: ScriptKind, result: &RunResult) -> i32 {
    match &result.status {
        RunStatus::Exited(code) => *code,
        RunStatus::Terminated(_) | RunStatus::ParseFailed(_) => 1,
        RunStatus::Completed => match kind {
            ScriptKind::File => 0,
            ScriptKind::Command => i32::from(result.last_statement_failed),
        },
    }
}

/// Sends the session's text to the process's streams, error records in red as the console
/// host shows them when standard error is coloured. A failed write (a closed pipe, as in
/// `lyncsh -c … | head -1`) is dropped: nobody is left to read a complaint about it.
struct StdHost {
    color_errors: bool,
}

impl Host for StdHost {
    fn write_out(&mut self, text: &str) {
        let _ = io::stdout().lock().write_all(text.as_bytes());
    }
    fn write_err(&mut self, text: &str) {
        let mut stderr = io::stderr().lock();
        if !self.color_errors {
            let _ = stderr.write_all(text.as_bytes());
            return;
        }
        // Line by line, so that a terminal never carries the colour past a line end.
        for line in text.split_inclusive('\n') {
            let (body, end) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let _ = write!(stderr, "{}{end}", nu_ansi_term::Color::Red.paint(body));
        }
    }
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        prompt_line(prompt)
    }
}

/// Shows `prompt` on stdout and reads one line of standard input without its line end;
/// `None` at the end of input.
fn prompt_line(prompt: &str) -> Option<String> {
    let mut stdout = io::stdout().lock();
    let _ = stdout.write_all(prompt.as_bytes());
    let _ = stdout.flush();
    drop(stdout);
    let mut line = String::new();
    match io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => None,
        Ok(_) => {
            let end = line.trim_end_matches(['\n', '\r']).len();
            line.truncate(end);
            Some(line)
        }
    }
}

/// A script to run, how its end maps to an exit code, and for `-File` its path (for error
/// positions and `$PSScriptRoot`) and arguments.
struct Batch {
    source: String,
    kind: ScriptKind,
    path: Option<PathBuf>,
    args: Vec<String>,
}

impl Batch {
    fn command(source: String) -> Batch {
        Batch {
            source,
            kind: ScriptKind::Command,
            path: None,
            args: Vec::new(),
        }
    }
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: &Cli) -> i32 {
    let stdin_is_terminal = io::stdin().is_terminal();
    let mode = cli.mode(stdin_is_terminal);
    // The script is read before the store is opened, so that a missing file is bad usage
    // that leaves no store behind.
    let batch = match load(&mode) {
        Ok(batch) => batch,
        Err(code) => return code,
    };
    let ws = match open_workspace(cli) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let env = |name: &str| std::env::var_os(name);
    let color = cli.color(io::stdout().is_terminal(), env);
    // The interactive shell proper needs a terminal; -NoExit on a pipe ends in the plain
    // prompt instead.
    let shell = stdin_is_terminal && (mode == Mode::Interactive || cli.no_exit);
    let options = SessionOptions {
        // -NoExit ends in an interactive prompt, so the whole session may prompt.
        interactive: (mode == Mode::Interactive || cli.no_exit) && !cli.non_interactive,
        script_path: batch.as_ref().and_then(|b| b.path.clone()),
        script_args: batch.as_ref().map(|b| b.args.clone()).unwrap_or_default(),
        color,
    };
    let (host, control): (Box<dyn Host>, _) = match shell {
        true => {
            let (host, control) = crate::repl::host(color);
            (host, Some(control))
        }
        false => {
            let color_errors = cli.color(io::stderr().is_terminal(), env);
            (Box::new(StdHost { color_errors }), None)
        }
    };
    let (registry, computer) = crate::cmdlets::registry(ws.clone());
    let mut session = Session::new(registry, host, options);
    let interactive = |mut session: Session| match shell {
        true => {
            let options = ReplOptions {
                color,
                history_path: None,
                host: control,
                computer: Some(computer),
            };
            crate::repl::run(session, ws.clone(), options)
        }
        false => prompt_loop(&mut session, &ws),
    };
    let Some(batch) = batch else {
        return interactive(session);
    };
    let result = match run_unit(&mut session, &ws, &batch.source) {
        Ok(result) => result,
        Err(code) => return code,
    };
    report_stop(&result);
    if cli.no_exit && !matches!(result.status, RunStatus::Exited(_)) {
        return interactive(session);
    }
    exit_code(batch.kind, &result)
}

/// Opens the store named by `--store`, `$LYNCSH_STORE` or `./.lyncsh`, saying so on stderr
/// (not stdout, which scripts' output owns) when it had to be created.
fn open_workspace(cli: &Cli) -> Result<Rc<RefCell<Workspace>>, i32> {
    let dir = Store::resolve_dir(cli.store.as_deref());
    let ws = Workspace::open(&dir).map_err(|e| {
        eprintln!("lyncsh: {e}");
        1
    })?;
    if let Some(notice) = ws.creation_notice() {
        eprintln!("lyncsh: {notice}");
    }
    Ok(Rc::new(RefCell::new(ws)))
}

/// Runs `source` (a whole script, or one interactive entry) against the draft as one unit:
/// a terminating error or a parse error leaves the draft as it was before, anything else
/// writes it. `Err` carries the exit code when the store could not be locked or written.
pub fn run_unit(
    session: &mut Session,
    ws: &Rc<RefCell<Workspace>>,
    source: &str,
) -> Result<RunResult, i32> {
    if let Err(e) = ws.borrow_mut().checkpoint() {
        eprintln!("lyncsh: {e}");
        return Err(1);
    }
    let result = session.run(source);
    let mut ws = ws.borrow_mut();
    match result.status {
        RunStatus::Terminated(_) | RunStatus::ParseFailed(_) => ws.rollback(),
        RunStatus::Completed | RunStatus::Exited(_) => {
            if let Err(e) = ws.persist() {
                eprintln!("lyncsh: {e}");
                return Err(1);
            }
        }
    }
    Ok(result)
}

/// Reads the script the mode names (none for the interactive shell). A script file that
/// cannot be found is bad usage (64), as pwsh treats a missing `-File` target.
fn load(mode: &Mode) -> Result<Option<Batch>, i32> {
    Ok(match mode {
        Mode::File { path, args } => Some(Batch {
            source: read_script(path)?,
            kind: ScriptKind::File,
            path: Some(std::path::absolute(path).unwrap_or_else(|_| path.clone())),
            args: args.clone(),
        }),
        Mode::Command(text) => Some(Batch::command(text.clone())),
        Mode::Stdin => {
            let source = script::read_stdin().map_err(|e| {
                eprintln!("lyncsh: cannot read standard input: {e}");
                1
            })?;
            Some(Batch::command(source))
        }
        Mode::Interactive => None,
    })
}

/// Reads a script file; a missing one is bad usage (64), as pwsh treats a `-File` target.
pub(super) fn read_script(path: &Path) -> Result<String, i32> {
    if path.is_dir() {
        return Err(not_a_script(path));
    }
    script::read_file(path).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            not_a_script(path)
        } else {
            eprintln!("lyncsh: cannot read '{}': {e}", path.display());
            1
        }
    })
}

/// pwsh's message for a `-File` target that does not exist.
fn not_a_script(path: &Path) -> i32 {
    eprintln!(
        "The argument '{}' is not recognized as the name of a script file. Check the spelling of \
         the name, or if a path was included, verify that the path is correct and try again.",
        path.display()
    );
    EXIT_USAGE
}

/// After a script stopped on a terminating error (the session has shown the record): where it
/// stopped, and that the draft is as it was before the script.
fn report_stop(result: &RunResult) {
    if let RunStatus::Terminated(_) = result.status {
        eprintln!(
            "lyncsh: the script stopped at statement {} of {}; the statements after it did not \
             run, and the draft was left as it was before the script.",
            result.statements_run, result.statements_total
        );
    }
}

/// The plain line-by-line prompt for `-NoExit` when standard input is not a terminal (the
/// interactive shell needs one): one entry, one unit of work, with `>> ` asking for more while the entry is incomplete (an open brace or
/// quote).
fn prompt_loop(session: &mut Session, ws: &Rc<RefCell<Workspace>>) -> i32 {
    let mut entry = String::new();
    loop {
        let prompt = if entry.is_empty() {
            "PS lyncsh> "
        } else {
            ">> "
        };
        let Some(line) = prompt_line(prompt) else {
            return 0;
        };
        let blank = line.trim().is_empty();
        entry.push_str(&line);
        entry.push('\n');
        // As in PowerShell, a blank line submits an incomplete entry so its error shows.
        if !blank && crate::lang::parse(&entry).is_err_and(|e| e.incomplete) {
            continue;
        }
        let result = run_unit(session, ws, &entry);
        entry.clear();
        if let Ok(RunResult {
            status: RunStatus::Exited(code),
            ..
        }) = result
        {
            return code;
        }
        // Otherwise the entry ran, or the store could not be written (reported): go on.
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::error::{ErrorCategory, ErrorRecord};

    fn ended(status: RunStatus, last_statement_failed: bool) -> RunResult {
        RunResult {
            status,
            last_statement_failed,
            statements_run: 1,
            statements_total: 1,
        }
    }

    fn error() -> ErrorRecord {
        ErrorRecord::new(ErrorCategory::OperationStopped, "boom", "boom")
    }

    #[test]
    fn file_exit_codes() {
        let code = |status, failed| exit_code(ScriptKind::File, &ended(status, failed));
        assert_eq!(code(RunStatus::Completed, false), 0);
        assert_eq!(
            code(RunStatus::Completed, true),
            0,
            "errors written, normal end"
        );
        assert_eq!(code(RunStatus::Exited(7), false), 7);
        assert_eq!(code(RunStatus::Exited(0), true), 0);
        assert_eq!(code(RunStatus::Terminated(error()), true), 1);
        assert_eq!(code(RunStatus::ParseFailed(error()), true), 1);
    }

    #[test]
    fn command_exit_codes() {
        let code = |status, failed| exit_code(ScriptKind::Command, &ended(status, failed));
        assert_eq!(code(RunStatus::Completed, false), 0);
        assert_eq!(code(RunStatus::Completed, true), 1, "last statement failed");
        assert_eq!(code(RunStatus::Exited(5), true), 5);
        assert_eq!(code(RunStatus::Terminated(error()), true), 1);
        assert_eq!(code(RunStatus::ParseFailed(error()), true), 1);
    }
}
