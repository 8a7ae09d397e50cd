//! Windows features on the local computer (Add-/Install-/Get-/Remove-WindowsFeature and the
//! legacy ServerManagerCmd.exe) and Import-Module for the modules a Lync server has.

use std::rc::Rc;

use super::computer::LocalComputer;
use super::identity::wildcard_match;
use super::SharedDoc;
use crate::catalog::Catalog;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::model::Machine;

/// Server Manager names and display names of the features a Lync Server 2010 deployment
/// installs (prerequisites, IIS role services, and what the Mobility Service adds).
const FEATURES: &[(&str, &str)] = &[
    ("NET-Framework", ".NET Framework 3.5.1 Features"),
    ("NET-Framework-Core", ".NET Framework 3.5.1"),
    ("NET-HTTP-Activation", "HTTP Activation"),
    ("RSAT-ADDS", "AD DS and AD LDS Tools"),
    ("RSAT-Web-Server", "Web Server (IIS) Tools"),
    ("Desktop-Experience", "Desktop Experience"),
    ("Telnet-Client", "Telnet Client"),
    ("Web-Server", "Web Server (IIS)"),
    ("Web-WebServer", "Web Server"),
    ("Web-Static-Content", "Static Content"),
    ("Web-Default-Doc", "Default Document"),
    ("Web-Dir-Browsing", "Directory Browsing"),
    ("Web-Http-Errors", "HTTP Errors"),
    ("Web-Http-Redirect", "HTTP Redirection"),
    ("Web-Asp-Net", "ASP.NET"),
    ("Web-Net-Ext", ".NET Extensibility"),
    ("Web-ISAPI-Ext", "ISAPI Extensions"),
    ("Web-ISAPI-Filter", "ISAPI Filters"),
    ("Web-Http-Logging", "HTTP Logging"),
    ("Web-Log-Libraries", "Logging Tools"),
    ("Web-Request-Monitor", "Request Monitor"),
    ("Web-Http-Tracing", "Tracing"),
    ("Web-Basic-Auth", "Basic Authentication"),
    ("Web-Windows-Auth", "Windows Authentication"),
    (
        "Web-Client-Auth",
        "Client Certificate Mapping Authentication",
    ),
    ("Web-Filtering", "Request Filtering"),
    ("Web-Stat-Compression", "Static Content Compression"),
    ("Web-Dyn-Compression", "Dynamic Content Compression"),
    ("Web-Mgmt-Tools", "Management Tools"),
    ("Web-Mgmt-Console", "IIS Management Console"),
    ("Web-Scripting-Tools", "IIS Management Scripts and Tools"),
    ("Web-Mgmt-Compat", "IIS 6 Management Compatibility"),
    ("Web-Metabase", "IIS 6 Metabase Compatibility"),
];

/// Modules whose commands lyncsh provides.
const MODULES: &[&str] = &["Lync", "SkypeForBusiness", "ServerManager"];

fn feature(name: &str) -> Option<(&'static str, &'static str)> {
    FEATURES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .copied()
}

pub fn register(registry: &mut Registry, doc: SharedDoc, computer: LocalComputer) {
    for (name, verb) in [
        ("Add-WindowsFeature", Verb::Add),
        ("Install-WindowsFeature", Verb::Add),
        ("Get-WindowsFeature", Verb::Get),
        ("Remove-WindowsFeature", Verb::Remove),
        ("ServerManagerCmd.exe", Verb::Legacy),
    ] {
        registry.add(
            name,
            Rc::new(Features {
                verb,
                doc: doc.clone(),
                computer: computer.clone(),
            }),
        );
    }
    registry.add("Import-Module", Rc::new(ImportModule));
}

#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Add,
    Get,
    Remove,
    Legacy,
}

struct Features {
    verb: Verb,
    doc: SharedDoc,
    computer: LocalComputer,
}

impl Cmdlet for Features {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let result = match self.verb {
            Verb::Get => self.get(cx, params),
            Verb::Add => self
                .change(cx, params.strings("Name").unwrap_or_default(), true)
                .map(|r| cx.write_output(r)),
            Verb::Remove => self
                .change(cx, params.strings("Name").unwrap_or_default(), false)
                .map(|r| cx.write_output(r)),
            Verb::Legacy => self.legacy(cx, params),
        };
        super::report(cx, result);
        Ok(())
    }
}

impl Features {
    fn get(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let machine = self.machine()?;
        let patterns = params.strings("Name").unwrap_or_else(|| vec!["*".into()]);
        let mut all: Vec<(String, String)> = FEATURES
            .iter()
            .map(|(n, d)| (n.to_string(), d.to_string()))
            .collect();
        for f in &machine.windows_features {
            if feature(f).is_none() {
                all.push((f.clone(), f.clone()));
            }
        }
        for (name, display) in all {
            if patterns.iter().any(|p| wildcard_match(p, &name)) {
                let installed = machine.has_feature(&name);
                let o = PsObject::new("Microsoft.Windows.ServerManager.Commands.Feature")
                    .with("DisplayName", display)
                    .with("Name", name)
                    .with("Installed", installed);
                cx.write_output(o.into_value());
            }
        }
        Ok(())
    }

    /// A copy of the local computer, so no borrow of the document outlives the lookup.
    fn machine(&self) -> Result<Machine, ErrorRecord> {
        let host = self.doc.borrow();
        let computer = self.computer.fqdn(host.doc())?;
        Ok(host
            .doc()
            .topology
            .machine(&computer)
            .map(|(_, m)| m.clone())
            .expect("fqdn() only returns computers of the topology"))
    }

    /// Installs or removes features; returns the FeatureOperationResult Server Manager prints.
    fn change(
        &self,
        cx: &mut dyn CommandContext,
        names: Vec<String>,
        install: bool,
    ) -> Result<Value, ErrorRecord> {
        let mut host = self.doc.borrow_mut();
        let computer = self.computer.fqdn(host.doc())?;
        let mut known = Vec::new();
        for n in &names {
            let f = feature(n).ok_or_else(|| {
                ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "NameDoesNotExist",
                    format!("ArgumentNotValid: The role, role service, or feature name is not valid: '{n}'. The name was not found."),
                )
                .with_target(n, "String")
            })?;
            known.push(f);
        }
        let (_, machine) = host
            .doc()
            .topology
            .machine(&computer)
            .expect("found by fqdn()");
        let todo: Vec<(&str, &str)> = known
            .into_iter()
            .filter(|(n, _)| machine.has_feature(n) != install)
            .collect();
        let action = if install { "Install" } else { "Uninstall" };
        let target = todo.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        let proceed =
            todo.is_empty() || cx.should_process(&format!("{target} on {computer}"), action);
        let done: Vec<&str> = if proceed {
            todo.iter().map(|(_, d)| *d).collect()
        } else {
            Vec::new()
        };
        if proceed && !todo.is_empty() {
            let m = host
                .edit_unindexed()
                .topology
                .machine_mut(&computer)
                .expect("found by fqdn()");
            for (n, _) in &todo {
                if install {
                    m.windows_features.push(n.to_string());
                } else {
                    m.windows_features.retain(|f| !f.eq_ignore_ascii_case(n));
                }
            }
        }
        let exit = if todo.is_empty() {
            "NoChangeNeeded"
        } else {
            "Success"
        };
        Ok(
            PsObject::new("Microsoft.Windows.ServerManager.Commands.FeatureOperationResult")
                .with("Success", true)
                .with("RestartNeeded", "No")
                .with(
                    "FeatureResult",
                    Value::Array(done.into_iter().map(Value::from).collect()),
                )
                .with("ExitCode", exit)
                .into_value(),
        )
    }

    /// ServerManagerCmd.exe, as Windows Server 2008 R2 still ran it: deprecated, text output.
    fn legacy(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        cx.write_warning("Servermanagercmd.exe is deprecated, and is not guaranteed to be supported in future releases of Windows. We recommend that you use the Windows PowerShell cmdlets that are available for Server Manager.");
        let (names, install) = match (params.strings("Install"), params.strings("Remove")) {
            (Some(n), _) => (n, true),
            (None, Some(n)) => (n, false),
            (None, None) => {
                let machine = self.machine()?;
                for (name, display) in FEATURES {
                    let mark = if machine.has_feature(name) {
                        "[X]"
                    } else {
                        "[ ]"
                    };
                    cx.write_output(Value::from(format!("{mark} {display}  [{name}]")));
                }
                return Ok(());
            }
        };
        let result = self.change(cx, names, install)?;
        let (verb, past) = if install {
            ("Installation", "Installation")
        } else {
            ("Removal", "Removal")
        };
        cx.write_output(Value::from(format!("Start {verb}...")));
        for d in result.property("FeatureResult").into_items() {
            let display = d.to_ps_string();
            let in_iis = FEATURES
                .iter()
                .any(|(n, disp)| *disp == display && n.starts_with("Web-") && *n != "Web-Server");
            let role = if in_iis { "[Web Server (IIS)] " } else { "" };
            cx.write_output(Value::from(format!("[{past}] Succeeded: {role}{display}.")));
        }
        cx.write_output(Value::from("<100/100>"));
        let summary = if result.property("ExitCode").to_ps_string() == "NoChangeNeeded" {
            "NoChange: No changes were made to the system."
        } else if install {
            "Success: Installation succeeded."
        } else {
            "Success: Removal succeeded."
        };
        cx.write_output(Value::from(summary));
        Ok(())
    }
}

struct ImportModule;

impl Cmdlet for ImportModule {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        for name in params.strings("Name").unwrap_or_default() {
            let Some(module) = MODULES.iter().find(|m| m.eq_ignore_ascii_case(&name)) else {
                cx.write_error(
                    ErrorRecord::new(
                        ErrorCategory::ResourceUnavailable,
                        "Modules_ModuleNotFound",
                        format!("The specified module '{name}' was not loaded because no valid module file was found in any module directory."),
                    )
                    .with_command("Import-Module")
                    .with_target(&name, "String")
                    .with_exception("System.IO.FileNotFoundException"),
                );
                continue;
            };
            if params.switch("PassThru") {
                // SkypeForBusiness is the later name of the same cmdlets.
                let source = if *module == "SkypeForBusiness" {
                    "Lync"
                } else {
                    module
                };
                let commands: Vec<String> = Catalog::embedded()
                    .entries()
                    .iter()
                    .filter(|e| e.module == source)
                    .map(|e| e.def.name.clone())
                    .collect();
                let o = PsObject::new("System.Management.Automation.PSModuleInfo")
                    .with("ModuleType", "Manifest")
                    .with("Version", if source == "Lync" { "4.0" } else { "2.0.0.0" })
                    .with("Name", *module)
                    .with("ExportedCommands", commands);
                cx.write_output(o.into_value());
            }
        }
        Ok(())
    }
}
