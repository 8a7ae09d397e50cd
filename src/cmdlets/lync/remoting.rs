//! Remoting. Enter-PSSession, Exit-PSSession and Invoke-Command choose the computer that
//! certificate and feature cmdlets act on; offline there is nothing to connect to, the server
//! only has to be in the topology. New-PSSession, Import-PSSession, Remove-PSSession,
//! Get-PSSession and Get-Credential accept the preamble Lync admin scripts start with
//! (`New-PSSession -ConnectionUri https://<front end>/OcsPowershell`, `Import-PSSession $s`):
//! the endpoint must be a front end or Director of the topology, and the imported commands are
//! the shell's own Lync cmdlets acting on this store.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::computer::LocalComputer;
use super::SharedDoc;
use crate::catalog::Catalog;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::engine::wildcard::wildcard_match;
use crate::topology::model::{PoolKind, Topology};

const SESSION_TYPE: &str = "System.Management.Automation.Runspaces.PSSession";
const TRANSPORT_EXCEPTION: &str =
    "System.Management.Automation.Remoting.PSRemotingTransportException";

pub fn register(registry: &mut Registry, doc: SharedDoc, computer: LocalComputer) {
    let sessions = Rc::new(Sessions::default());
    for (name, verb) in [
        ("Enter-PSSession", Verb::Enter),
        ("Exit-PSSession", Verb::Exit),
        ("Invoke-Command", Verb::Invoke),
        ("New-PSSession", Verb::New),
        ("New-PSSessionOption", Verb::NewOption),
        ("Get-PSSession", Verb::Get),
        ("Import-PSSession", Verb::Import),
        ("Remove-PSSession", Verb::Remove),
        ("Get-Credential", Verb::Credential),
    ] {
        registry.add(
            name,
            Rc::new(Remoting {
                verb,
                doc: doc.clone(),
                computer: computer.clone(),
                sessions: sessions.clone(),
            }),
        );
    }
}

#[derive(Clone, Copy)]
enum Verb {
    Enter,
    Exit,
    Invoke,
    New,
    NewOption,
    Get,
    Import,
    Remove,
    Credential,
}

struct Remoting {
    verb: Verb,
    doc: SharedDoc,
    computer: LocalComputer,
    sessions: Rc<Sessions>,
}

/// The shell's sessions: every PSSession object handed out (shared, so `$s.State` shows
/// Closed after Remove-PSSession), and the last id used.
#[derive(Default)]
struct Sessions {
    last_id: Cell<i64>,
    all: RefCell<Vec<Value>>,
}

/// The FQDN, as the topology spells it, of the front end or Director `name` designates (a
/// pool FQDN or one of its computers): the servers that host the Lync management endpoint.
pub fn management_server(topology: &Topology, name: &str) -> Option<String> {
    topology
        .pools
        .iter()
        .filter(|p| p.kind.is_front_end() || p.kind == PoolKind::Director)
        .find_map(|p| {
            if p.fqdn.eq_ignore_ascii_case(name) {
                return Some(p.fqdn.clone());
            }
            p.machines
                .iter()
                .find(|m| m.fqdn.eq_ignore_ascii_case(name))
                .map(|m| m.fqdn.clone())
        })
}

/// The host of an `http(s)://host[:port]/path` URI and whether its path is Lync's
/// management endpoint, or `None` when it is not such a URI.
fn parse_uri(uri: &str) -> Option<(String, bool)> {
    let (scheme, rest) = uri.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return None;
    }
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.split(':').next().unwrap_or_default();
    if host.is_empty() {
        return None;
    }
    let lync = path
        .trim_end_matches('/')
        .eq_ignore_ascii_case("OcsPowershell");
    Some((host.to_string(), lync))
}

/// PowerShell's WinRM failure for a session that could not be opened to `host`.
fn open_failed(host: &str, reason: &str) -> ErrorRecord {
    let mut record = ErrorRecord::new(
        ErrorCategory::OpenError,
        "PSSessionOpenFailed",
        format!("[{host}] Connecting to remote server {host} failed with the following error message : {reason} For more information, see the about_Remote_Troubleshooting Help topic."),
    )
    .with_command("New-PSSession")
    .with_target("System.Management.Automation.RemoteRunspace", "RemoteRunspace")
    .with_exception(TRANSPORT_EXCEPTION);
    // Remoting errors carry no command suffix in their FullyQualifiedErrorId.
    record.unqualified_id = true;
    record
}

/// Milliseconds as a .NET TimeSpan prints (`00:03:00`; -1, the server default, as
/// `-00:00:00.0010000`).
fn timespan(millis: i64) -> String {
    let sign = if millis < 0 { "-" } else { "" };
    let m = millis.unsigned_abs();
    let (h, min, s, ms) = (m / 3_600_000, m / 60_000 % 60, m / 1000 % 60, m % 1000);
    let fraction = if ms == 0 {
        String::new()
    } else {
        format!(".{:07}", ms * 10_000)
    };
    format!("{sign}{h:02}:{min:02}:{s:02}{fraction}")
}

fn is_session(value: &Value) -> bool {
    matches!(value, Value::Object(o) if o.borrow().type_name() == SESSION_TYPE)
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

    /// New-PSSession: one session per URI or computer that names a front end or Director.
    fn new_session(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let mut targets = Vec::new();
        for uri in params.strings("ConnectionUri").unwrap_or_default() {
            let Some((host, lync)) = parse_uri(&uri) else {
                return Err(ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "CannotConvertArgumentNoMessage",
                    format!("Cannot bind parameter 'ConnectionUri'. Cannot convert value \"{uri}\" to type \"System.Uri\". Error: \"Invalid URI: The format of the URI could not be determined.\""),
                )
                .with_exception("System.Management.Automation.ParameterBindingException"));
            };
            targets.push((host, lync));
        }
        for name in params.strings("ComputerName").unwrap_or_default() {
            targets.push((name, true));
        }
        if targets.is_empty() {
            // No computer: the session's own computer, as New-PSSession opens one to localhost.
            let local = self.computer.fqdn(self.doc.borrow().doc())?;
            targets.push((local, true));
        }
        let names = params.strings("Name").unwrap_or_default();
        let user = match params.get("Credential") {
            Some(Value::Object(c)) => c.borrow().get("UserName").map(Value::to_ps_string),
            Some(v) if !v.is_null() => Some(v.to_ps_string()),
            _ => None,
        };
        for (index, (host, lync)) in targets.into_iter().enumerate() {
            let server = {
                let doc = self.doc.borrow();
                let topology = &doc.doc().topology;
                // A known server without Lync's management endpoint (an Edge, another path)
                // answers, but with a 404; an unknown name does not resolve at all.
                const NO_ENDPOINT: &str = "The WinRM client received an HTTP status code of 404 from the remote WS-Management service.";
                match management_server(topology, &host) {
                    Some(fqdn) if lync => Ok(fqdn),
                    Some(_) => Err(NO_ENDPOINT),
                    None if topology.machine(&host).is_some() => Err(NO_ENDPOINT),
                    None => Err("The WinRM client cannot process the request because the server name cannot be resolved."),
                }
            };
            let fqdn = match server {
                Ok(fqdn) => fqdn,
                Err(reason) => {
                    cx.write_error(open_failed(&host, reason));
                    continue;
                }
            };
            let id = self.sessions.last_id.get() + 1;
            self.sessions.last_id.set(id);
            let name = names
                .get(index)
                .cloned()
                .unwrap_or_else(|| format!("Session{id}"));
            cx.write_verbose(&format!(
                "Opened session {name} to {fqdn} as {}.",
                user.as_deref().unwrap_or("the current user")
            ));
            let session = PsObject::new(SESSION_TYPE)
                .with("Id", Value::Int(id))
                .with("Name", name)
                .with("ComputerName", fqdn)
                .with("ComputerType", "RemoteMachine")
                .with("State", "Opened")
                .with("ConfigurationName", "Microsoft.PowerShell")
                .with("Availability", "Available")
                .into_value();
            self.sessions.all.borrow_mut().push(session.clone());
            cx.write_output(session);
        }
        Ok(())
    }

    /// Import-PSSession: the session's commands are the shell's Lync cmdlets; the result is
    /// the temporary module that would hold their proxies.
    fn import(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let session = params.get("Session").cloned().unwrap_or_default();
        let Value::Object(object) = &session else {
            return Err(not_a_session(&session, "Import-PSSession"));
        };
        if !is_session(&session) {
            return Err(not_a_session(&session, "Import-PSSession"));
        }
        let (id, state) = {
            let o = object.borrow();
            (
                o.get("Id").map(Value::to_ps_string).unwrap_or_default(),
                o.get("State").map(Value::to_ps_string).unwrap_or_default(),
            )
        };
        if state != "Opened" {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidOperation,
                "ImportPSSession_SessionNotOpened",
                format!("The session state is {state}. Import-PSSession needs a session in the Opened state: open a new session with New-PSSession and try again."),
            )
            .with_exception("System.Management.Automation.PSInvalidOperationException"));
        }
        let patterns = params.strings("CommandName").unwrap_or_default();
        let commands: Vec<Value> = Catalog::embedded()
            .entries()
            .iter()
            .filter(|e| e.module == "Lync")
            .map(|e| e.def.name.clone())
            .filter(|n| patterns.is_empty() || patterns.iter().any(|p| wildcard_match(p, n, false)))
            .map(Value::String)
            .collect();
        cx.write_output(
            PsObject::new("System.Management.Automation.PSModuleInfo")
                .with("ModuleType", "Script")
                .with("Version", "1.0")
                .with("Name", format!("tmp_session{id}"))
                .with("ExportedCommands", Value::Array(commands))
                .into_value(),
        );
        Ok(())
    }

    /// Remove-PSSession: the sessions (by object or id) are closed and forgotten.
    fn remove(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let mut chosen: Vec<Value> = params
            .get("Session")
            .cloned()
            .map(Value::into_items)
            .unwrap_or_default();
        chosen.extend(input);
        for value in &chosen {
            if !is_session(value) {
                cx.write_error(not_a_session(value, "Remove-PSSession"));
            }
        }
        let ids: Vec<String> = params.strings("Id").unwrap_or_default();
        let mut all = self.sessions.all.borrow_mut();
        for id in &ids {
            if !all.iter().any(|s| s.property("Id").to_ps_string() == *id) {
                cx.write_error(
                    ErrorRecord::new(
                        ErrorCategory::InvalidArgument,
                        "RemoteRunspaceNotAvailableForSpecifiedSessionId",
                        format!("The remote session with the session ID {id} is not available."),
                    )
                    .with_target(id.clone(), "Int32")
                    .with_exception("System.ArgumentException"),
                );
            }
        }
        all.retain(|s| {
            let id = s.property("Id").to_ps_string();
            let remove = ids.contains(&id)
                || chosen
                    .iter()
                    .any(|c| is_session(c) && c.property("Id").to_ps_string() == id);
            if remove {
                if let Value::Object(o) = s {
                    o.borrow_mut().set("State", Value::str("Closed"));
                    o.borrow_mut().set("Availability", Value::str("None"));
                }
            }
            !remove
        });
        Ok(())
    }

    /// Get-Credential: asks for the password (and user name); nobody to ask is an error.
    fn credential(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let non_interactive = || {
            ErrorRecord::new(
                ErrorCategory::InvalidOperation,
                "InvalidOperation",
                "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.",
            )
            .with_exception("System.Management.Automation.PSInvalidOperationException")
        };
        if !cx.interactive() {
            return Err(non_interactive());
        }
        if let Some(message) = params.string("Message") {
            cx.write_host(&message, true);
        }
        let user = match params.string("Credential") {
            Some(u) => u,
            None => cx.read_host("User: ").ok_or_else(non_interactive)?,
        };
        cx.read_host(&format!("Password for user {user}: "))
            .ok_or_else(non_interactive)?;
        cx.write_output(
            PsObject::new("System.Management.Automation.PSCredential")
                .with("UserName", user)
                .with("Password", "System.Security.SecureString")
                .into_value(),
        );
        Ok(())
    }
}

/// The binding error for something that is not a PSSession where one is needed ($null is
/// the binder's error, as the parameters are mandatory).
fn not_a_session(value: &Value, command: &str) -> ErrorRecord {
    ErrorRecord::new(
        ErrorCategory::InvalidArgument,
        "CannotConvertArgument",
        format!(
            "Cannot bind parameter 'Session'. Cannot convert the \"{}\" value of type \"{}\" to type \"{SESSION_TYPE}\".",
            value.to_ps_string(),
            value.type_name()
        ),
    )
    .with_command(command)
    .with_exception("System.Management.Automation.ParameterBindingException")
}

impl Cmdlet for Remoting {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
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
            Verb::New => self.new_session(cx, params)?,
            Verb::NewOption => {
                let millis = |name: &str, default: i64| match params.get(name) {
                    Some(v) => crate::engine::convert::to_number(v)
                        .and_then(|n| n.as_f64())
                        .map_or(default, |f| f as i64),
                    None => default,
                };
                let mut option =
                    PsObject::new("System.Management.Automation.Remoting.PSSessionOption");
                for name in ["SkipCACheck", "SkipCNCheck", "SkipRevocationCheck"] {
                    option.set(name, Value::Bool(params.switch(name)));
                }
                option.set(
                    "OperationTimeout",
                    Value::str(timespan(millis("OperationTimeout", 180_000))),
                );
                option.set(
                    "IdleTimeout",
                    Value::str(timespan(millis("IdleTimeout", -1))),
                );
                cx.write_output(option.into_value());
            }
            Verb::Get => {
                let ids = params.strings("Id");
                let all = self.sessions.all.borrow().clone();
                for session in all {
                    let id = session.property("Id").to_ps_string();
                    if ids.as_ref().is_none_or(|ids| ids.contains(&id)) {
                        cx.write_output(session);
                    }
                }
            }
            Verb::Import => self.import(cx, params)?,
            Verb::Remove => self.remove(cx, params, input)?,
            Verb::Credential => self.credential(cx, params)?,
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
