//! Enter-PSSession, Exit-PSSession and Invoke-Command: choosing the computer that certificate
//! and feature cmdlets act on. Offline there is nothing to connect to; the server only has to
//! be in the topology.

use std::rc::Rc;

use super::computer::LocalComputer;
use super::SharedDoc;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::Value;

pub fn register(registry: &mut Registry, doc: SharedDoc, computer: LocalComputer) {
    for (name, verb) in [
        ("Enter-PSSession", Verb::Enter),
        ("Exit-PSSession", Verb::Exit),
        ("Invoke-Command", Verb::Invoke),
    ] {
        registry.add(
            name,
            Rc::new(Remoting {
                verb,
                doc: doc.clone(),
                computer: computer.clone(),
            }),
        );
    }
}

#[derive(Clone, Copy)]
enum Verb {
    Enter,
    Exit,
    Invoke,
}

struct Remoting {
    verb: Verb,
    doc: SharedDoc,
    computer: LocalComputer,
}

impl Remoting {
    /// The machine's FQDN as the topology spells it, or PowerShell's connection error.
    fn resolve(&self, name: &str, command: &str) -> Result<String, ErrorRecord> {
        let host = self.doc.borrow();
        host.doc()
            .topology
            .machine(name)
            .map(|(_, m)| m.fqdn.clone())
            .ok_or_else(|| {
                ErrorRecord::new(
                    ErrorCategory::ResourceUnavailable,
                    "CreateRemoteRunspaceFailed",
                    format!("Connecting to remote server {name} failed with the following error message : WinRM cannot process the request because {name} is not a server in the topology. For more information, see the about_Remote_Troubleshooting Help topic."),
                )
                .with_command(command)
                .with_target(name, "String")
                .with_exception("System.Management.Automation.Remoting.PSRemotingTransportException")
            })
    }
}

impl Cmdlet for Remoting {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        match self.verb {
            Verb::Enter => {
                let name = params.string("ComputerName").unwrap_or_default();
                match self.resolve(&name, "Enter-PSSession") {
                    Ok(fqdn) => self.computer.set(Some(fqdn)),
                    Err(e) => cx.write_error(e),
                }
            }
            Verb::Exit => self.computer.set(None),
            Verb::Invoke => {
                let block = params.get("ScriptBlock").cloned().unwrap_or_default();
                let args = params
                    .get("ArgumentList")
                    .cloned()
                    .map(Value::into_items)
                    .unwrap_or_default();
                let targets = params.strings("ComputerName").unwrap_or_default();
                if targets.is_empty() {
                    for v in cx.invoke_block(&block, None, args)? {
                        cx.write_output(v);
                    }
                    return Ok(());
                }
                for name in targets {
                    let fqdn = match self.resolve(&name, "Invoke-Command") {
                        Ok(f) => f,
                        Err(e) => {
                            cx.write_error(e);
                            continue;
                        }
                    };
                    let previous = self.computer.chosen();
                    self.computer.set(Some(fqdn));
                    let result = cx.invoke_block(&block, None, args.clone());
                    self.computer.set(previous);
                    for v in result? {
                        cx.write_output(v);
                    }
                }
            }
        }
        Ok(())
    }
}
