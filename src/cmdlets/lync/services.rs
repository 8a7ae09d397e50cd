//! The role-service setters: Set-CsWebServer, Set-CsEdgeServer, Set-CsRegistrar and
//! Set-CsMediationServer. They change topology settings of one pool's service (taking effect
//! with Enable-CsTopology). Each parameter is the Lync name of a field of the model's service
//! struct, so one implementation serves every role: parameters map onto the document by name.
//! Like the real ones they have no Get- twin (Get-CsService reads them) and no pipeline input.

use std::rc::Rc;

use serde_json::{Map, Value as Json};

use super::SharedDoc;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::Value;
use crate::topology::model::{Pool, PoolKind, Services};
use crate::topology::services::{Role, ServiceRef};

pub fn register(registry: &mut Registry, doc: SharedDoc) {
    for (name, role) in [
        ("Set-CsWebServer", Role::WebServer),
        ("Set-CsEdgeServer", Role::EdgeServer),
        ("Set-CsRegistrar", Role::Registrar),
        ("Set-CsMediationServer", Role::MediationServer),
    ] {
        registry.add(
            name,
            Rc::new(SetService {
                role,
                doc: doc.clone(),
            }),
        );
    }
}

struct SetService {
    role: Role,
    doc: SharedDoc,
}

/// Parameters that are not service fields.
const NOT_FIELDS: [&str; 5] = ["Identity", "Force", "WhatIf", "Confirm", "Verbose"];

/// The role's service on a pool, as its document fields.
fn fields(services: &Services, role: Role) -> Option<Map<String, Json>> {
    let json = match role {
        Role::WebServer => services.web_server.as_ref().map(serde_json::to_value),
        Role::EdgeServer => services.edge_server.as_ref().map(serde_json::to_value),
        Role::Registrar => services.registrar.as_ref().map(serde_json::to_value),
        Role::MediationServer => services.mediation_server.as_ref().map(serde_json::to_value),
        _ => None,
    };
    match json {
        Some(Ok(Json::Object(map))) => Some(map),
        _ => None,
    }
}

/// Writes changed fields back into the pool's service; the error says which value the model
/// refused.
fn store(services: &mut Services, role: Role, fields: Map<String, Json>) -> Result<(), String> {
    let json = Json::Object(fields);
    let e = |e: serde_json::Error| e.to_string();
    match role {
        Role::WebServer => services.web_server = Some(serde_json::from_value(json).map_err(e)?),
        Role::EdgeServer => services.edge_server = Some(serde_json::from_value(json).map_err(e)?),
        Role::Registrar => services.registrar = Some(serde_json::from_value(json).map_err(e)?),
        Role::MediationServer => {
            services.mediation_server = Some(serde_json::from_value(json).map_err(e)?)
        }
        _ => {}
    }
    Ok(())
}

impl SetService {
    fn command(&self) -> String {
        match self.role {
            Role::Registrar => "Set-CsRegistrar".to_string(),
            role => format!("Set-Cs{}", role.name()),
        }
    }

    /// Lync's rules beyond the field types.
    fn check(&self, pool: &Pool, params: &BoundParameters) -> Result<(), ErrorRecord> {
        if self.role == Role::WebServer && pool.kind == PoolKind::StandardEdition {
            if let Some(wanted) = params.string("InternalFqdn") {
                if !wanted.eq_ignore_ascii_case(&pool.fqdn) {
                    return Err(ErrorRecord::new(
                        ErrorCategory::InvalidOperation,
                        "InternalFqdnNotOverridable",
                        format!("The internal web services FQDN of Standard Edition server \"{}\" is its own FQDN and cannot be changed; only Enterprise Edition pools can override it.", pool.fqdn),
                    ));
                }
            }
        }
        Ok(())
    }

    fn set(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let role = self.role.name();
        let Some(given) = params.string("Identity") else {
            return Err(ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "IdentityRequired",
                format!("Specify the service to change with -Identity {role}:<pool fqdn> (or the pool FQDN)."),
            ));
        };
        // `WebServer:pool` or the bare pool FQDN.
        let pool_fqdn = match given.split_once(':') {
            Some((prefix, fqdn)) if prefix.eq_ignore_ascii_case(role) => fqdn.to_string(),
            Some(_) => {
                return Err(ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "InvalidIdentity",
                    format!(
                    "\"{given}\" is not of the form {role}:<pool fqdn> (or the pool FQDN alone)."
                ),
                )
                .with_target(&given, "String"))
            }
            None => given.clone(),
        };
        let identity = format!("{role}:{pool_fqdn}");
        let mut host = self.doc.borrow_mut();
        let (position, mut fields) = {
            let topology = host.topology();
            let found = topology.pool_position(&pool_fqdn).and_then(|i| {
                let pool = &topology.topology.pools[i];
                Some((i, pool, fields(&pool.services, self.role)?))
            });
            let Some((position, pool, fields)) = found else {
                return Err(self.not_found(&identity, &given));
            };
            self.check(pool, params)?;
            (position, fields)
        };
        for (name, value) in &params.values {
            if NOT_FIELDS.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                continue;
            }
            // Document keys are the Lync names in camelCase (`avEdgeExternalFqdn`).
            let Some(key) = fields
                .keys()
                .find(|k| k.eq_ignore_ascii_case(name))
                .cloned()
            else {
                continue;
            };
            let json = match value {
                Value::Null => Json::Null,
                Value::Bool(b) | Value::Switch(b) => Json::Bool(*b),
                Value::String(_) => Json::from(value.to_ps_string()),
                v => match v.as_f64() {
                    Some(n) => Json::from(n as i64),
                    None => Json::from(v.to_ps_string()),
                },
            };
            fields.insert(key, json);
        }
        if !cx.should_process(&identity, &self.command()) {
            return Ok(());
        }
        let (doc, index) = host.edit();
        let pool = &mut doc.topology.pools[position];
        let links = |pool: &Pool| {
            ServiceRef {
                role: self.role,
                pool,
            }
            .depends_on()
        };
        let before = links(pool);
        let stored = store(&mut pool.services, self.role, fields);
        // Everything else the index knows of a pool stays as it was.
        if links(pool) != before {
            index.links_changed();
        }
        stored.map_err(|why| {
            ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "InvalidServiceSetting",
                format!("Cannot apply the settings to \"{identity}\": {why}."),
            )
            .with_target(&identity, "String")
        })
    }

    fn not_found(&self, identity: &str, given: &str) -> ErrorRecord {
        let role = self.role.name();
        ErrorRecord::new(
            ErrorCategory::ObjectNotFound,
            "IdentityNotFound",
            format!("Cannot find {name} \"{identity}\" because it does not exist. Get-CsService -{role} lists the {name} services.", name = spaced(role)),
        )
        .with_target(given, "String")
    }
}

/// `WebServer` → `Web Server`, for messages.
fn spaced(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl Cmdlet for SetService {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let command = self.command();
        // The real role setters take no pipeline input at all (pipe through ForEach-Object).
        let result = match input.first() {
            Some(first) => Err(ErrorRecord::new(
                ErrorCategory::InvalidArgument,
                "InputObjectNotBound",
                "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
            )
            .with_target(first.to_ps_string(), &first.type_name())
            .with_exception("System.Management.Automation.ParameterBindingException")),
            None => self.set(cx, params),
        };
        if let Err(e) = result {
            cx.write_error(e.with_command(&command));
        }
        Ok(())
    }
}
