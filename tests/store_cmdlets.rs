//! The topology cmdlets against a real store, through a stand-in for the engine that records
//! each stream.

mod recorder;

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use lyncsh::catalog::Catalog;
use lyncsh::cmdlets::lync::topology::register;
use lyncsh::engine::command::BoundParameters;
use lyncsh::engine::error::ErrorRecord;
use lyncsh::engine::registry::Registry;
use lyncsh::engine::value::Value;
use lyncsh::topology::workspace::Workspace;
use recorder::{Outcome, Recorder};

struct Shell {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    ws: Rc<RefCell<Workspace>>,
    registry: Registry,
}

impl Shell {
    fn new() -> Shell {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("store");
        let ws = Rc::new(RefCell::new(Workspace::open(&dir).unwrap()));
        let mut registry = Registry::new();
        register(&mut registry, ws.clone());
        Shell {
            _tmp: tmp,
            dir,
            ws,
            registry,
        }
    }

    fn try_run(&self, name: &str, params: &[(&str, Value)]) -> Result<Outcome, ErrorRecord> {
        let entry = Catalog::embedded().find(name).unwrap();
        let mut bound = BoundParameters::default();
        let mut what_if = false;
        for (k, v) in params {
            if *k == "WhatIf" {
                what_if = true;
            } else {
                assert!(
                    entry.def.parameters.iter().any(|p| p.name == *k),
                    "{name} -{k}"
                );
                bound.insert(k, v.clone());
            }
        }
        let mut cx = Recorder::new(&entry.def, what_if);
        let ran = self
            .registry
            .get(name)
            .unwrap()
            .run(&mut cx, &bound, Vec::new());
        // These cmdlets fail by terminating; a non-terminating error is a bug whatever `ran` is.
        if let Some(error) = cx.out.errors.first() {
            panic!("unexpected non-terminating error: {}", error.message);
        }
        ran.map(|()| cx.out)
    }

    fn run(&self, name: &str, params: &[(&str, Value)]) -> Outcome {
        self.try_run(name, params)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message))
    }

    fn set_mcx(&self, port: u16) {
        let mut ws = self.ws.borrow_mut();
        let web = ws
            .doc_mut()
            .topology
            .web_server_mut("lyncserver.jacobs.local")
            .unwrap();
        web.mcx_sip_primary_listening_port = Some(port);
    }
}

fn prop(v: &Value, name: &str) -> String {
    v.property(name).to_display_string()
}

#[test]
fn get_cs_topology_returns_the_published_topology_or_its_yaml() {
    let sh = Shell::new();
    let out = sh.run("Get-CsTopology", &[]);
    let t = &out.output[0];
    assert_eq!(prop(t, "InternalDomains"), "{jacobs.com}");
    assert_eq!(
        prop(t, "Machines"),
        "{lyncserver.jacobs.local, lyncedge.jacobs.local, tmg.jacobs.local}"
    );
    assert_eq!(prop(t, "SqlInstances"), "{lyncserver.jacobs.local\\rtc}");
    assert_eq!(prop(t, "Version"), "1");
    assert_eq!(prop(t, "Draft"), "False");
    let yaml = sh.run("Get-CsTopology", &[("AsYaml", Value::Switch(true))]);
    let text = yaml.output[0].to_ps_string();
    assert!(
        text.starts_with("header:\n  schemaVersion: 1\n  version: 1\n"),
        "{text}"
    );
    sh.set_mcx(5086);
    let draft = sh.run(
        "Get-CsTopology",
        &[
            ("Draft", Value::Switch(true)),
            ("AsYaml", Value::Switch(true)),
        ],
    );
    assert!(draft.output[0]
        .to_ps_string()
        .contains("mcxSipPrimaryListeningPort: 5086"));
}

#[test]
fn test_cs_topology_returns_findings_and_a_summary() {
    let sh = Shell::new();
    let out = sh.run("Test-CsTopology", &[]);
    assert!(out.output.iter().all(|f| prop(f, "Severity") != "Error"));
    sh.set_mcx(443);
    let out = sh.run("Test-CsTopology", &[]);
    let errors: Vec<&Value> = out
        .output
        .iter()
        .filter(|f| prop(f, "Severity") == "Error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(prop(errors[0], "RuleId"), "TOPO005");
    assert_eq!(
        prop(errors[0], "Path"),
        "topology.pools[lyncserver.jacobs.local].services.webServer.mcxSipPrimaryListeningPort"
    );
    let summary = out.host.last().unwrap();
    assert!(
        summary.starts_with("Test-CsTopology: 1 error(s), "),
        "{summary}"
    );
    assert!(
        summary.ends_with(
            " in the draft (based on version 1); publishing is blocked until the errors are fixed."
        ),
        "{summary}"
    );
}

#[test]
fn publish_enable_list_compare_restore_undo() {
    let sh = Shell::new();
    sh.set_mcx(5086);
    let what_if = sh.run("Publish-CsTopology", &[("WhatIf", Value::Switch(true))]);
    assert_eq!(what_if.what_if, ["What if: Performing the operation \"Publish-CsTopology\" on target \"Topology draft (based on version 1)\"."]);
    assert!(!sh.dir.join("versions/v000002.yaml").exists());

    let changes = sh.run("Compare-CsTopology", &[]);
    assert_eq!(changes.output.len(), 1);
    assert_eq!(prop(&changes.output[0], "Change"), "Changed");
    assert_eq!(
        prop(&changes.output[0], "Object"),
        "WebServer:lyncserver.jacobs.local"
    );
    assert_eq!(
        prop(&changes.output[0], "Properties"),
        "{McxSipPrimaryListeningPort: $null -> 5086}"
    );

    let out = sh.run(
        "Publish-CsTopology",
        &[("Comment", Value::str("MCX primary port"))],
    );
    assert_eq!(
        out.verbose,
        ["Published the topology as version 2 (1 change(s) from version 1)."]
    );

    let out = sh.run("Enable-CsTopology", &[]);
    assert_eq!(
        out.verbose,
        [
            "Enable topology.",
            "Enabled topology version 2 (previously version 1).",
            "Enable-CsTopology processing has completed successfully."
        ]
    );

    let versions = sh.run("Get-CsTopologyVersion", &[]).output;
    assert_eq!(versions.len(), 2);
    assert_eq!(
        [
            prop(&versions[1], "Version"),
            prop(&versions[1], "Parent"),
            prop(&versions[1], "Comment"),
            prop(&versions[1], "Changes"),
            prop(&versions[1], "Enabled")
        ],
        ["2", "1", "MCX primary port", "1", "True"]
    );
    assert_eq!(prop(&versions[0], "Enabled"), "False");

    let unified = sh.run(
        "Compare-CsTopology",
        &[
            ("ReferenceVersion", Value::str("1")),
            ("DifferenceVersion", Value::str("Latest")),
            ("Unified", Value::Switch(true)),
        ],
    );
    let text = unified.output[0].to_ps_string();
    assert!(text.starts_with("--- v1\n+++ v2\n"), "{text}");

    sh.run("Restore-CsTopologyVersion", &[("Version", Value::Int(1))]);
    assert_eq!(sh.ws.borrow().draft_changes_count().unwrap(), 1);
    sh.run("Undo-CsTopologyDraft", &[]);
    assert_eq!(sh.ws.borrow().draft_changes_count().unwrap(), 0);
    assert_eq!(sh.run("Compare-CsTopology", &[]).output.len(), 0);
}

#[test]
fn errors_are_powershell_error_records() {
    let sh = Shell::new();
    let e = sh
        .try_run("Restore-CsTopologyVersion", &[("Version", Value::Int(9))])
        .unwrap_err();
    assert_eq!(
        e.message,
        "Version 9 does not exist; the store has versions 1 to 1."
    );
    assert_eq!(
        e.fully_qualified_error_id(),
        "VersionNotFound,Restore-CsTopologyVersion"
    );
    sh.set_mcx(443);
    let e = sh.try_run("Enable-CsTopology", &[]).unwrap_err();
    assert_eq!(
        e.fully_qualified_error_id(),
        "TopologyValidationFailed,Enable-CsTopology"
    );
    assert!(e.message.starts_with("Publishing was refused: the topology has 1 validation error(s); the store was not changed.\n  TOPO005 "), "{}", e.message);
    assert!(!sh.dir.join("versions/v000002.yaml").exists());
    let e = sh
        .try_run(
            "Compare-CsTopology",
            &[("ReferenceVersion", Value::str("yesterday"))],
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Cannot compare with \"yesterday\": give a version number, Enabled, Latest or Draft."
    );
}
