//! The topology lifecycle cmdlets: Get-/Test-/Publish-/Enable-/Compare-CsTopology,
//! Get-/Restore-CsTopologyVersion and Undo-CsTopologyDraft, over the store's [`Workspace`].
//! Persisting the draft after a command is the shell's job (per REPL entry or per script), so
//! Restore and Undo only change the draft in memory, like every other mutating cmdlet.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::diff::{ChangeKind, ObjectChange};
use crate::topology::model::Document;
use crate::topology::services::lync_property_name;
use crate::topology::store::StoreError;
use crate::topology::validate::{self, Context, Finding, Severity};
use crate::topology::workspace::{VersionRef, Workspace};
use crate::topology::{time, yaml};

pub type SharedWorkspace = Rc<RefCell<Workspace>>;

#[derive(Clone, Copy, Debug)]
enum Kind {
    GetTopology,
    TestTopology,
    PublishTopology,
    EnableTopology,
    CompareTopology,
    GetVersion,
    RestoreVersion,
    UndoDraft,
}

const CMDLETS: [(&str, Kind); 8] = [
    ("Get-CsTopology", Kind::GetTopology),
    ("Test-CsTopology", Kind::TestTopology),
    ("Publish-CsTopology", Kind::PublishTopology),
    ("Enable-CsTopology", Kind::EnableTopology),
    ("Compare-CsTopology", Kind::CompareTopology),
    ("Get-CsTopologyVersion", Kind::GetVersion),
    ("Restore-CsTopologyVersion", Kind::RestoreVersion),
    ("Undo-CsTopologyDraft", Kind::UndoDraft),
];

/// Registers the topology cmdlets against the session's workspace.
pub fn register(registry: &mut Registry, ws: SharedWorkspace) {
    for (name, kind) in CMDLETS {
        registry.add(
            name,
            Rc::new(TopologyCmdlet {
                kind,
                ws: ws.clone(),
            }),
        );
    }
}

struct TopologyCmdlet {
    kind: Kind,
    ws: SharedWorkspace,
}

impl Cmdlet for TopologyCmdlet {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let result = match self.kind {
            Kind::GetTopology => self.get_topology(cx, params),
            Kind::TestTopology => self.test_topology(cx, params),
            Kind::PublishTopology => self.publish(cx, params),
            Kind::EnableTopology => self.enable(cx),
            Kind::CompareTopology => self.compare(cx, params),
            Kind::GetVersion => self.versions(cx, params),
            Kind::RestoreVersion => self.restore(cx, params),
            Kind::UndoDraft => self.undo(cx),
        };
        let command = cx.definition().name.clone();
        result.map_err(|e| e.with_command(&command))
    }
}

impl TopologyCmdlet {
    fn get_topology(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let ws = self.ws.borrow();
        let doc = if params.switch("Draft") {
            ws.doc().clone()
        } else {
            match number(params, "Version") {
                Some(n) => ws.load_version(n).map_err(store_error)?,
                None => ws.resolve(VersionRef::Latest).map_err(store_error)?,
            }
        };
        if params.switch("AsYaml") {
            let text = yaml::to_string(&doc).map_err(|e| {
                ErrorRecord::new(ErrorCategory::WriteError, "SerializeFailed", e.to_string())
            })?;
            cx.write_output(Value::str(text));
        } else {
            cx.write_output(topology_object(&doc, ws.base_version()));
        }
        Ok(())
    }

    fn test_topology(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let ws = self.ws.borrow();
        let (doc, what) = if let Some(file) = params.string("FileName") {
            let doc = ws
                .store()
                .load_file(Path::new(&file))
                .map_err(store_error)?;
            (doc, file)
        } else if let Some(n) = number(params, "Version") {
            (
                ws.load_version(n).map_err(store_error)?,
                format!("version {n}"),
            )
        } else {
            (
                ws.doc().clone(),
                format!("the draft (based on version {})", ws.base_version()),
            )
        };
        let findings = validate::validate(&doc, &Context::now());
        for f in &findings {
            cx.write_output(finding_object(f));
        }
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let verdict = if validate::has_errors(&findings) {
            "publishing is blocked until the errors are fixed"
        } else {
            "it can be published"
        };
        cx.write_host(
            &format!(
                "Test-CsTopology: {} error(s), {} warning(s), {} information finding(s) in {what}; {verdict}.",
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Information)
            ),
            true,
        );
        Ok(())
    }

    fn publish(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let comment = params.string("Comment").unwrap_or_default();
        let file = params.string("FileName");
        let target = match &file {
            Some(f) => f.clone(),
            None => format!(
                "Topology draft (based on version {})",
                self.ws.borrow().base_version()
            ),
        };
        if !cx.should_process(&target, "Publish-CsTopology") {
            return Ok(());
        }
        let mut ws = self.ws.borrow_mut();
        let findings = match &file {
            Some(_) => Vec::new(),
            None => ws.validate(),
        };
        let header = match &file {
            Some(f) => ws.publish_file(Path::new(f), &comment, ""),
            None => ws.publish(&comment, ""),
        }
        .map_err(store_error)?;
        for f in findings.iter().filter(|f| !f.is_error()) {
            cx.write_warning(&format!("{} {}: {}", f.rule_id, f.path, f.message));
        }
        cx.write_verbose(&format!(
            "Published the topology as version {} ({} change(s) from version {}).",
            header.version,
            header.changes,
            header.parent.unwrap_or_default()
        ));
        Ok(())
    }

    fn enable(&self, cx: &mut dyn CommandContext) -> Result<(), ErrorRecord> {
        if !cx.should_process("Topology", "Enable-CsTopology") {
            return Ok(());
        }
        cx.write_verbose("Enable topology.");
        let mut ws = self.ws.borrow_mut();
        let warnings: Vec<Finding> = ws
            .validate()
            .into_iter()
            .filter(|f| !f.is_error())
            .collect();
        let report = ws.enable("").map_err(store_error)?;
        if let Some(h) = &report.published {
            for f in &warnings {
                cx.write_warning(&format!("{} {}: {}", f.rule_id, f.path, f.message));
            }
            cx.write_verbose(&format!(
                "Published the pending draft changes as version {} ({} change(s) from version {}).",
                h.version,
                h.changes,
                h.parent.unwrap_or_default()
            ));
        }
        match report.previously_enabled {
            Some(n) if n == report.enabled => cx.write_verbose(&format!(
                "Version {} is already the enabled topology.",
                report.enabled
            )),
            Some(n) => cx.write_verbose(&format!(
                "Enabled topology version {} (previously version {n}).",
                report.enabled
            )),
            None => cx.write_verbose(&format!("Enabled topology version {}.", report.enabled)),
        }
        cx.write_verbose("Enable-CsTopology processing has completed successfully.");
        Ok(())
    }

    fn compare(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let reference = version_ref(params, "ReferenceVersion", VersionRef::Enabled)?;
        let difference = version_ref(params, "DifferenceVersion", VersionRef::Draft)?;
        let diff = self
            .ws
            .borrow()
            .compare(reference, difference)
            .map_err(store_error)?;
        if params.switch("Unified") {
            if !diff.unified.is_empty() {
                cx.write_output(Value::str(diff.unified));
            }
            return Ok(());
        }
        for change in &diff.changes {
            cx.write_output(change_object(change, &diff.old_name, &diff.new_name));
        }
        Ok(())
    }

    fn versions(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let ws = self.ws.borrow();
        let only = number(params, "Version");
        if let Some(n) = only {
            // Names the missing version with the range that exists.
            ws.store().read_header(n).map_err(store_error)?;
        }
        for v in ws.versions().map_err(store_error)? {
            if only.is_some_and(|n| n != v.header.version) {
                continue;
            }
            let h = v.header;
            let time = time::parse_rfc3339(&h.time).map_or(Value::Null, Value::DateTime);
            let obj = PsObject::new("Lyncsh.Topology.Version")
                .with("Version", Value::Int(h.version as i64))
                .with(
                    "Parent",
                    h.parent.map_or(Value::Null, |p| Value::Int(p as i64)),
                )
                .with("Time", time)
                .with("Author", h.author)
                .with("Comment", h.message)
                .with("Changes", Value::Int(h.changes as i64))
                .with("Enabled", v.enabled)
                .with("Checksum", h.checksum);
            cx.write_output(obj.into_value());
        }
        Ok(())
    }

    fn restore(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let n = number(params, "Version").ok_or_else(|| {
            ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "MissingVersion",
                "Give the version to restore with -Version (Get-CsTopologyVersion lists them).",
            )
        })?;
        // Fails early, before -WhatIf's message, when the version does not exist.
        self.ws
            .borrow()
            .store()
            .read_header(n)
            .map_err(store_error)?;
        if !cx.should_process(&format!("Topology version {n}"), "Restore into the draft") {
            return Ok(());
        }
        self.ws.borrow_mut().restore(n).map_err(store_error)?;
        cx.write_verbose(&format!(
            "The draft now holds version {n}; Publish-CsTopology publishes it as a new version."
        ));
        Ok(())
    }

    fn undo(&self, cx: &mut dyn CommandContext) -> Result<(), ErrorRecord> {
        let base = self.ws.borrow().base_version();
        if !cx.should_process(
            &format!("Topology draft (based on version {base})"),
            "Discard the draft's changes",
        ) {
            return Ok(());
        }
        let mut ws = self.ws.borrow_mut();
        ws.undo_draft().map_err(store_error)?;
        cx.write_verbose(&format!(
            "The draft now holds version {}, the latest published version.",
            ws.base_version()
        ));
        Ok(())
    }
}

fn number(params: &BoundParameters, name: &str) -> Option<u64> {
    params
        .get(name)
        .and_then(Value::as_f64)
        .filter(|n| *n >= 1.0)
        .map(|n| n as u64)
}

fn version_ref(
    params: &BoundParameters,
    name: &str,
    default: VersionRef,
) -> Result<VersionRef, ErrorRecord> {
    match params.string(name) {
        None => Ok(default),
        Some(text) => VersionRef::parse(&text).ok_or_else(|| {
            ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "InvalidVersion",
                format!("Cannot compare with \"{text}\": give a version number, Enabled, Latest or Draft."),
            )
            .with_target(text, "String")
        }),
    }
}

fn strings(items: impl IntoIterator<Item = String>) -> Value {
    Value::Array(items.into_iter().map(Value::String).collect())
}

/// The DefaultTopology view: what the topology contains, by identity.
fn topology_object(doc: &Document, draft_base: u64) -> Value {
    let t = &doc.topology;
    let mut sql = Vec::new();
    for pool in &t.pools {
        let s = &pool.services;
        for db in [
            &s.user_database,
            &s.application_database,
            &s.central_management_database,
        ]
        .into_iter()
        .flatten()
        {
            let instance = format!("{}\\{}", pool.fqdn, db.sql_instance_name);
            if !sql.contains(&instance) {
                sql.push(instance);
            }
        }
    }
    let version = match doc.header.version {
        0 => draft_base,
        n => n,
    };
    PsObject::new("Microsoft.Rtc.Management.Deploy.Internal.DefaultTopology")
        .with(
            "InternalDomains",
            strings(t.sip_domains.iter().map(|d| d.name.clone())),
        )
        .with("Sites", strings(t.sites.iter().map(|s| s.identity())))
        .with("Clusters", strings(t.pools.iter().map(|p| p.fqdn.clone())))
        .with(
            "Machines",
            strings(t.machines().map(|(_, m)| m.fqdn.clone())),
        )
        .with(
            "Services",
            strings(t.services().iter().map(|s| s.identity())),
        )
        .with("SqlInstances", strings(sql))
        .with("Version", Value::Int(version as i64))
        .with("Draft", doc.header.version == 0)
        .into_value()
}

fn finding_object(f: &Finding) -> Value {
    PsObject::new("Lyncsh.Topology.Finding")
        .with("RuleId", f.rule_id)
        .with("Severity", f.severity.to_string())
        .with("Path", f.path.clone())
        .with("Message", f.message.clone())
        .with(
            "Reference",
            f.reference.clone().map_or(Value::Null, Value::String),
        )
        .into_value()
}

/// One changed object; with its six properties it prints as a list, so nothing is cut off.
fn change_object(c: &ObjectChange, reference: &str, difference: &str) -> Value {
    let kind = match c.kind {
        ChangeKind::Added => "Added",
        ChangeKind::Removed => "Removed",
        ChangeKind::Changed => "Changed",
    };
    let show = |v: &Option<serde_json::Value>| match v {
        None => "(none)".to_string(),
        Some(serde_json::Value::Null) => "$null".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let properties = c.properties.iter().map(|p| {
        let name = lync_property_name(&p.name);
        match c.kind {
            ChangeKind::Added => format!("{name}: {}", show(&p.new)),
            ChangeKind::Removed => format!("{name}: {}", show(&p.old)),
            ChangeKind::Changed => format!("{name}: {} -> {}", show(&p.old), show(&p.new)),
        }
    });
    PsObject::new("Lyncsh.Topology.Change")
        .with("Object", c.label.clone())
        .with("Change", kind)
        .with("Properties", strings(properties))
        .with("Path", c.path.clone())
        .with("ReferenceVersion", reference)
        .with("DifferenceVersion", difference)
        .into_value()
}

/// The store's errors as PowerShell error records: the message as is, a category and id by
/// kind.
pub fn store_error(e: StoreError) -> ErrorRecord {
    let (category, id) = match &e {
        StoreError::Read { .. } => (ErrorCategory::ReadError, "StoreReadFailed"),
        StoreError::Write { .. } => (ErrorCategory::WriteError, "StoreWriteFailed"),
        StoreError::NotUtf8 { .. }
        | StoreError::Malformed { .. }
        | StoreError::Invalid { .. }
        | StoreError::TooLarge { .. }
        | StoreError::AliasBomb { .. }
        | StoreError::UnknownSchema { .. }
        | StoreError::WrongVersion { .. }
        | StoreError::BadPointer { .. } => (ErrorCategory::InvalidData, "InvalidTopologyDocument"),
        StoreError::ChecksumMismatch { .. } => (ErrorCategory::InvalidData, "ChecksumMismatch"),
        StoreError::NoSuchVersion { .. } => (ErrorCategory::ObjectNotFound, "VersionNotFound"),
        StoreError::StaleDraft { .. } | StoreError::StaleFile { .. } => {
            (ErrorCategory::InvalidOperation, "StaleDraft")
        }
        StoreError::DraftChanged => (ErrorCategory::InvalidOperation, "DraftChanged"),
        StoreError::NotAStore { .. } | StoreError::NoVersions { .. } => {
            (ErrorCategory::ResourceUnavailable, "NotAStore")
        }
        StoreError::ValidationFailed(_) => (ErrorCategory::InvalidData, "TopologyValidationFailed"),
    };
    ErrorRecord::new(category, id, e.to_string())
}
