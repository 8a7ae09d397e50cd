//! `lyncsh plan` and `lyncsh diff`: what a script would change, or what changed between two
//! versions, validated and rendered for review.
//!
//! A plan never writes to the store: the script runs against a copy of the store in a
//! temporary folder (so even Publish-CsTopology in the script publishes only there), and the
//! report compares the document it started from with the one it left.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::render::{self, ErrorKind, Report, ScriptError, Source};
use super::run::read_script;
use super::{script, Cli, DiffArgs, PlanArgs, EXIT_USAGE};
use crate::engine::error::ErrorRecord;
use crate::engine::session::{Host, RunStatus, Session, SessionOptions};
use crate::topology::diff::{self, ChangeKind, Diff, ObjectChange};
use crate::topology::model::Document;
use crate::topology::store::{Store, StoreError};
use crate::topology::validate::{self, Context};
use crate::topology::workspace::{VersionRef, Workspace};

/// A script to plan: its text and how the report names it.
struct Planned {
    source: String,
    /// `change.ps1` as the user wrote it, `-Command` or `standard input`.
    name: String,
    /// Set for a script file, for `At change.ps1:3 char:1` in error records.
    path: Option<PathBuf>,
    args: Vec<String>,
}

/// Runs `lyncsh plan` and returns its exit code.
pub fn plan(cli: &Cli, args: &PlanArgs) -> i32 {
    let planned = match load(args) {
        Ok(planned) => planned,
        Err(code) => return code,
    };
    let base = match args.base.as_deref().map(parse_version).transpose() {
        Ok(base) => base,
        Err(code) => return code,
    };
    let dir = Store::resolve_dir(cli.store.as_deref());
    let scratch = match Scratch::copy_of(&dir) {
        Ok(scratch) => scratch,
        Err(e) => {
            eprintln!("lyncsh: {e}");
            return 1;
        }
    };
    let report = match planned {
        Some(planned) => plan_script(cli, &scratch, base, planned),
        None => plan_draft(&scratch, base),
    };
    match report {
        Ok(report) => print(cli, &report, args.format),
        Err(e) => {
            eprintln!("lyncsh: {}", scratch.explain(&e));
            1
        }
    }
}

/// Runs `lyncsh diff FROM TO` and returns its exit code.
pub fn diff(cli: &Cli, args: &DiffArgs) -> i32 {
    let (from, to) = match (parse_version(&args.from), parse_version(&args.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let dir = Store::resolve_dir(cli.store.as_deref());
    let report = Workspace::open(&dir).and_then(|ws| {
        if let Some(notice) = ws.creation_notice() {
            eprintln!("lyncsh: {notice}");
        }
        let names = (label(&ws, from)?, label(&ws, to)?);
        compare_versions(&ws, "diff", from, to, names)
    });
    match report {
        Ok(report) => print(cli, &report, args.format),
        Err(e) => {
            eprintln!("lyncsh: {e}");
            1
        }
    }
}

fn print(cli: &Cli, report: &Report, format: render::Format) -> i32 {
    let color = cli.color(io::stdout().is_terminal(), |name| std::env::var_os(name));
    let text = render::render(report, format, color);
    // A closed pipe (`lyncsh plan … | head`) leaves nobody to tell.
    let _ = io::stdout().lock().write_all(text.as_bytes());
    report.exit_code()
}

/// `3`, `v3`, `enabled`, `latest`, `draft`; anything else is bad usage.
fn parse_version(text: &str) -> Result<VersionRef, i32> {
    VersionRef::parse(text).ok_or_else(|| {
        eprintln!(
            "lyncsh: '{text}' is not a topology version: give a number (3 or v3), enabled, latest or draft.\n\
             Run 'lyncsh plan -Help' for usage."
        );
        EXIT_USAGE
    })
}

fn load(args: &PlanArgs) -> Result<Option<Planned>, i32> {
    let stdin = || {
        script::read_stdin().map_err(|e| {
            eprintln!("lyncsh: cannot read standard input: {e}");
            1
        })
    };
    let planned = |source, name: &str, path, args| Planned {
        source,
        name: name.to_string(),
        path,
        args,
    };
    Ok(match (&args.file, &args.command) {
        (Some(f), _) if f == "-" => Some(planned(stdin()?, "standard input", None, Vec::new())),
        (Some(f), _) => {
            let path = PathBuf::from(f);
            let source = read_script(&path)?;
            Some(planned(source, f, Some(path), args.script_args.clone()))
        }
        (None, Some(c)) if c == "-" => Some(planned(stdin()?, "standard input", None, Vec::new())),
        (None, Some(c)) => Some(planned(c.clone(), "-Command", None, Vec::new())),
        (None, None) => None,
    })
}

/// A private copy of the store for a plan to run in, removed when dropped.
struct Scratch {
    dir: tempfile::TempDir,
    /// The real store the copy was made from.
    origin: PathBuf,
    ws: Rc<RefCell<Workspace>>,
}

impl Scratch {
    /// Copies the store in `origin` (if there is one) and opens the copy; a missing store
    /// becomes the default topology, as it would on first use, but only in the copy.
    fn copy_of(origin: &Path) -> Result<Scratch, String> {
        let dir = tempfile::TempDir::new()
            .map_err(|e| format!("cannot create a temporary folder for the plan: {e}"))?;
        copy_tree(origin, dir.path())
            .map_err(|e| format!("cannot copy the store '{}': {e}", origin.display()))?;
        let ws = Workspace::open(dir.path()).map_err(|e| e.to_string())?;
        if ws.created() {
            eprintln!(
                "lyncsh: there is no store at '{}' yet; planning against the default topology.",
                origin.display()
            );
        }
        let scratch = Scratch {
            dir,
            origin: origin.to_path_buf(),
            ws: Rc::new(RefCell::new(ws)),
        };
        Ok(scratch)
    }

    /// A store error's message about the copy, told about the real store instead.
    fn explain(&self, e: &StoreError) -> String {
        e.to_string().replace(
            &self.dir.path().display().to_string(),
            &self.origin.display().to_string(),
        )
    }
}

/// Copies every file and folder under `from` into the existing folder `to`; a missing `from`
/// copies nothing.
fn copy_tree(from: &Path, to: &Path) -> io::Result<()> {
    let entries = match std::fs::read_dir(from) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// How a report names a version: `v3 (enabled)`, `v4 (latest)`, `draft (based on v3)`.
fn label(ws: &Workspace, which: VersionRef) -> Result<String, StoreError> {
    let Some(n) = ws.version_number(which)? else {
        return Ok(format!("draft (based on v{})", ws.base_version()));
    };
    let mut notes = Vec::new();
    if ws.store().enabled()? == Some(n) {
        notes.push("enabled");
    }
    if ws.store().latest_version()? == n {
        notes.push("latest");
    }
    Ok(match notes.is_empty() {
        true => format!("v{n}"),
        false => format!("v{n} ({})", notes.join(", ")),
    })
}

fn compare(
    command: &'static str,
    old: &Document,
    new: &Document,
    from: String,
    to: String,
) -> Result<Report, StoreError> {
    let diff = yaml_diff(old, new, &from, &to)?;
    Ok(Report {
        command,
        sources: Vec::new(),
        findings: validate::validate(new, &Context::now()),
        diff,
        error: None,
    })
}

/// The report on two documents of the store, validating `to`: through
/// [`Workspace::compare_with`], which reads versions back from their files and holds as few
/// documents at once as it can.
fn compare_versions(
    ws: &Workspace,
    command: &'static str,
    from: VersionRef,
    to: VersionRef,
    names: (String, String),
) -> Result<Report, StoreError> {
    let (diff, findings) = ws.compare_with(from, to, names, |new| {
        validate::validate(new, &Context::now())
    })?;
    Ok(Report {
        command,
        sources: Vec::new(),
        findings,
        diff,
        error: None,
    })
}

fn yaml_diff(old: &Document, new: &Document, from: &str, to: &str) -> Result<Diff, StoreError> {
    diff::diff(old, new, from, to).map_err(|e| StoreError::Invalid {
        path: PathBuf::from(to),
        message: e.to_string(),
    })
}

/// `lyncsh plan` with no script: what the draft holds that is not yet published, against the
/// version it is based on (or `--base`).
fn plan_draft(scratch: &Scratch, base: Option<VersionRef>) -> Result<Report, StoreError> {
    let ws = scratch.ws.borrow();
    let from = base.unwrap_or(VersionRef::Number(ws.base_version()));
    let names = (label(&ws, from)?, "draft".to_string());
    compare_versions(&ws, "plan", from, VersionRef::Draft, names)
}

/// Runs the script in the scratch store and reports what it changed and which statements did.
fn plan_script(
    cli: &Cli,
    scratch: &Scratch,
    base: Option<VersionRef>,
    planned: Planned,
) -> Result<Report, StoreError> {
    let ws = &scratch.ws;
    let from = match base.unwrap_or(VersionRef::Draft) {
        VersionRef::Draft => label(&ws.borrow(), VersionRef::Draft)?,
        which => {
            let mut ws = ws.borrow_mut();
            let from = label(&ws, which)?;
            if let Some(n) = ws.version_number(which)? {
                ws.restore(n)?;
            }
            from
        }
    };
    let before = ws.borrow().doc().clone();
    let tracker = Rc::new(RefCell::new(Tracker {
        file: planned.name.clone(),
        last: before.clone(),
        generation: ws.borrow().generation(),
        touched: HashMap::new(),
    }));
    let options = SessionOptions {
        interactive: false,
        script_path: planned.path.clone(),
        script_args: planned.args.clone(),
        color: cli.color(io::stderr().is_terminal(), |name| std::env::var_os(name)),
    };
    let (registry, _) = crate::cmdlets::registry(ws.clone());
    let mut session = Session::new(registry, Box::new(StderrHost), options);
    let (observed_ws, observed) = (ws.clone(), tracker.clone());
    session.observe_statements(Box::new(move |line| {
        observed
            .borrow_mut()
            .after_statement(line, &observed_ws.borrow());
    }));
    let result = session.run(&planned.source);
    let error = match result.status {
        RunStatus::Completed | RunStatus::Exited(0) => None,
        RunStatus::Exited(code) => Some(ScriptError {
            kind: ErrorKind::Exit,
            message: format!("The script ended with exit {code}."),
            source: None,
            record: String::new(),
        }),
        RunStatus::Terminated(record) => Some(script_error(
            ErrorKind::TerminatingError,
            &record,
            &planned.name,
        )),
        RunStatus::ParseFailed(record) => {
            Some(script_error(ErrorKind::ParseError, &record, &planned.name))
        }
    };
    let after = ws.borrow().doc().clone();
    let to = match planned.name.as_str() {
        "-Command" => "the command applied".to_string(),
        name => format!("{name} applied"),
    };
    let mut report = compare("plan", &before, &after, from, to)?;
    let tracker = tracker.borrow();
    report.sources = report
        .diff
        .changes
        .iter()
        .map(|c| tracker.sources(c))
        .collect();
    report.error = error;
    Ok(report)
}

fn script_error(kind: ErrorKind, record: &ErrorRecord, file: &str) -> ScriptError {
    ScriptError {
        kind,
        message: record.message.clone(),
        source: record.position.as_ref().map(|p| Source {
            file: file.to_string(),
            line: p.line,
            property: None,
        }),
        record: record.render(),
    }
}

/// Remembers which top-level statement changed which object and property.
struct Tracker {
    file: String,
    /// The document after the previous statement...
    last: Document,
    /// ...and the workspace's generation then: a statement that leaves it alone (every Get-)
    /// changed nothing, which spares comparing whole documents after it.
    generation: u64,
    /// Object path to the statements that changed it.
    touched: HashMap<String, Vec<Source>>,
}

impl Tracker {
    fn after_statement(&mut self, line: usize, ws: &Workspace) {
        if ws.generation() == self.generation {
            return;
        }
        self.generation = ws.generation();
        let doc = ws.doc();
        let changes = diff::object_changes(&self.last, doc);
        if changes.is_empty() {
            return;
        }
        for change in changes {
            let source = |property| Source {
                file: self.file.clone(),
                line,
                property,
            };
            if change.kind == ChangeKind::Changed {
                let sources: Vec<Source> = change
                    .properties
                    .iter()
                    .map(|p| source(Some(p.name.clone())))
                    .collect();
                self.touched.entry(change.path).or_default().extend(sources);
            } else {
                let s = source(None);
                self.touched.entry(change.path).or_default().push(s);
            }
        }
        self.last = doc.clone();
    }

    /// The statements behind one change of the final diff, in script order.
    fn sources(&self, change: &ObjectChange) -> Vec<Source> {
        let mut sources = self.touched.get(&change.path).cloned().unwrap_or_default();
        sources.sort_by_key(|s| s.line);
        sources.dedup();
        sources
    }
}

/// A plan's standard output is the report, so everything the script itself prints goes to
/// standard error.
struct StderrHost;

impl Host for StderrHost {
    fn write_out(&mut self, text: &str) {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
    fn write_err(&mut self, text: &str) {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }
}
