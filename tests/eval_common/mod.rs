//! Shared by the eval_* tests: a capturing host, a tiny test catalog and the test cmdlets
//! behind it (defined here so the tests depend on no other helper's cmdlets).
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use lyncsh::catalog::Catalog;
use lyncsh::engine::command::{BoundParameters, Cmdlet, CommandContext};
use lyncsh::engine::error::{ErrorCategory, ErrorRecord};
use lyncsh::engine::registry::Registry;
use lyncsh::engine::value::{PsObject, Value};
use lyncsh::engine::{Host, RunResult, RunStatus, Session, SessionOptions};

const CATALOG: &str = r#"
module: Test
enums:
  Color: [Red, Green, Blue]
aliases:
  echo: Write-Echo
cmdlets:
  - name: Write-Echo
    synopsis: Writes its arguments (and pipeline input) as output.
    parameters:
      - { name: InputObject, type: "Object[]", position: 0, remaining: true, pipeline: [ByValue] }
  - name: Get-Widget
    synopsis: Gets widgets by name.
    parameters:
      - { name: Name, type: "String[]", position: 0, wildcards: true }
  - name: Set-Widget
    synopsis: Changes a widget.
    supports_should_process: true
    parameters:
      - { name: Identity, type: XdsIdentity, position: 0, mandatory: true, pipeline: [ByValue, ByPropertyName] }
      - { name: Size, type: Int32, range: [1, 100] }
      - { name: Enabled, type: Boolean }
      - { name: Color, type: Color }
  - name: Find-Widget
    synopsis: Writes a not-found error for each name, then "done".
    parameters:
      - { name: Name, type: "String[]", position: 0 }
  - name: Stop-Widget
    synopsis: Fails with a terminating error.
    parameters:
      - { name: Name, type: String, position: 0 }
  - name: Test-Streams
    synopsis: Writes verbose, warning and host text.
    parameters: []
  - name: Invoke-Each
    synopsis: Runs a script block for each input object.
    parameters:
      - { name: Process, type: ScriptBlock, position: 0, mandatory: true }
      - { name: InputObject, type: PSObject, pipeline: [ByValue] }
  - name: Invoke-Text
    synopsis: Runs script text (as Invoke-Expression does).
    parameters:
      - { name: Command, type: String, position: 0, mandatory: true }
  - name: Measure-All
    synopsis: Counts all its input at once.
    parameters:
      - { name: InputObject, type: PSObject, pipeline: [ByValue] }
"#;

pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::from_files([("test.yaml", CATALOG)]).expect("test catalog"))
}

struct Echo;
impl Cmdlet for Echo {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        match p.get("InputObject") {
            Some(v) => v
                .clone()
                .into_items()
                .into_iter()
                .for_each(|i| cx.write_output(i)),
            None => input.into_iter().for_each(|i| cx.write_output(i)),
        }
        Ok(())
    }
}

fn widget(name: &str, size: i64) -> Value {
    PsObject::new("Test.Widget")
        .with("Name", name)
        .with("Size", size)
        .into_value()
}

struct GetWidget;
impl Cmdlet for GetWidget {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let all = [("alpha", 1), ("beta", 2), ("gamma", 3)];
        let patterns = p.strings("Name").unwrap_or_else(|| vec!["*".into()]);
        for (name, size) in all {
            if patterns
                .iter()
                .any(|pat| lyncsh::engine::wildcard::wildcard_match(pat, name, false))
            {
                cx.write_output(widget(name, size));
            }
        }
        Ok(())
    }
}

struct SetWidget;
impl Cmdlet for SetWidget {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let id = p.string("Identity").unwrap_or_default();
        if cx.should_process(&id, "Set-Widget") {
            cx.write_verbose(&format!("Setting {id}"));
            let mut text = format!("set {id}");
            for k in ["Size", "Enabled", "Color"] {
                if let Some(v) = p.get(k) {
                    text.push_str(&format!(" {k}={}", v.to_ps_string()));
                }
            }
            cx.write_output(Value::str(text));
        }
        Ok(())
    }
}

struct FindWidget;
impl Cmdlet for FindWidget {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        for name in p.strings("Name").unwrap_or_default() {
            cx.write_error(
                ErrorRecord::new(
                    ErrorCategory::ObjectNotFound,
                    "WidgetNotFound",
                    format!("Widget '{name}' was not found."),
                )
                .with_target(name.as_str(), "String"),
            );
        }
        cx.write_output(Value::str("done"));
        Ok(())
    }
}

struct StopWidget;
impl Cmdlet for StopWidget {
    fn run(
        &self,
        _: &mut dyn CommandContext,
        p: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        Err(ErrorRecord::new(
            ErrorCategory::InvalidOperation,
            "WidgetBusy",
            format!("Widget '{}' is busy.", p.string("Name").unwrap_or_default()),
        ))
    }
}

struct Streams;
impl Cmdlet for Streams {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        _: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        cx.write_verbose("verbose text");
        cx.write_warning("warning text");
        cx.write_host("host text", true);
        Ok(())
    }
}

struct InvokeEach;
impl Cmdlet for InvokeEach {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let block = p.get("Process").cloned().unwrap_or_default();
        for item in input {
            for v in cx.invoke_block(&block, Some(item), Vec::new())? {
                cx.write_output(v);
            }
        }
        Ok(())
    }
}

struct InvokeText;
impl Cmdlet for InvokeText {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        p: &BoundParameters,
        _: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        for v in cx.invoke_script(&p.string("Command").unwrap_or_default())? {
            cx.write_output(v);
        }
        Ok(())
    }
}

struct MeasureAll;
impl Cmdlet for MeasureAll {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        _: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        cx.write_output(Value::Int(input.len() as i64));
        Ok(())
    }
    fn takes_whole_pipeline(&self) -> bool {
        true
    }
}

pub fn registry() -> Registry {
    let mut r = Registry::new();
    r.add("Write-Echo", Rc::new(Echo));
    r.add("Get-Widget", Rc::new(GetWidget));
    r.add("Set-Widget", Rc::new(SetWidget));
    r.add("Find-Widget", Rc::new(FindWidget));
    r.add("Stop-Widget", Rc::new(StopWidget));
    r.add("Test-Streams", Rc::new(Streams));
    r.add("Invoke-Each", Rc::new(InvokeEach));
    r.add("Measure-All", Rc::new(MeasureAll));
    r.add("Invoke-Text", Rc::new(InvokeText));
    r.add_not_found_hint("Get-Gadget", "Gadgets are widgets here: use Get-Widget.");
    r
}

#[derive(Clone, Default)]
pub struct Capture {
    pub out: Rc<RefCell<String>>,
    pub err: Rc<RefCell<String>>,
    /// Lines `read_line` answers with, first first; `None` once used up.
    pub answers: Rc<RefCell<Vec<String>>>,
}

impl Host for Capture {
    fn write_out(&mut self, text: &str) {
        self.out.borrow_mut().push_str(text);
    }
    fn write_err(&mut self, text: &str) {
        self.err.borrow_mut().push_str(text);
    }
    fn read_line(&mut self, prompt: &str) -> Option<String> {
        let mut answers = self.answers.borrow_mut();
        if answers.is_empty() {
            return None;
        }
        self.out.borrow_mut().push_str(prompt);
        Some(answers.remove(0))
    }
}

pub struct Ran {
    pub result: RunResult,
    pub out: String,
    pub err: String,
    pub session: Session,
}

impl Ran {
    pub fn var(&self, name: &str) -> String {
        self.session
            .get_variable(name)
            .map(|v| v.to_ps_string())
            .unwrap_or_default()
    }
    pub fn completed(&self) -> bool {
        self.result.status == RunStatus::Completed
    }
}

pub fn session(options: SessionOptions) -> (Session, Capture) {
    let host = Capture::default();
    let s = Session::with_catalog(registry(), catalog(), Box::new(host.clone()), options);
    (s, host)
}

pub fn run_with(source: &str, options: SessionOptions) -> Ran {
    let (mut session, host) = session(options);
    let result = session.run(source);
    let out = host.out.borrow().clone();
    let err = host.err.borrow().clone();
    Ran {
        result,
        out,
        err,
        session,
    }
}

pub fn run(source: &str) -> Ran {
    run_with(source, SessionOptions::default())
}

/// Output lines of a script that must run cleanly.
pub fn out(source: &str) -> String {
    let r = run(source);
    assert!(
        r.err.is_empty(),
        "unexpected errors for {source:?}:\n{}",
        r.err
    );
    r.out
}
