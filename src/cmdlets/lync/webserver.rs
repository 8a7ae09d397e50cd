//! Set-CsWebServer: the ports and FQDNs of a pool's Web Services, a topology setting (it
//! takes effect with Enable-CsTopology). Each parameter is the Lync name of a field of the
//! model's `WebServer`, so the parameters map onto the document by name.

use std::rc::Rc;

use serde_json::Value as Json;

use super::SharedDoc;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::Value;
use crate::topology::model::{PoolKind, WebServer};

pub fn register(registry: &mut Registry, doc: SharedDoc) {
    registry.add("Set-CsWebServer", Rc::new(SetWebServer(doc)));
}

struct SetWebServer(SharedDoc);

/// Parameters that are not web server fields.
const NOT_FIELDS: [&str; 5] = ["Identity", "Force", "WhatIf", "Confirm", "Verbose"];

/// `McxSipPrimaryListeningPort` → `mcxSipPrimaryListeningPort`, the document key.
fn field_key(parameter: &str) -> String {
    let mut chars = parameter.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

impl Cmdlet for SetWebServer {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        // The real cmdlet takes no pipeline input at all (pipe through ForEach-Object).
        if let Some(first) = input.first() {
            cx.write_error(
                ErrorRecord::new(
                    ErrorCategory::InvalidArgument,
                    "InputObjectNotBound",
                    "The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.",
                )
                .with_command("Set-CsWebServer")
                .with_target(first.to_ps_string(), &first.type_name())
                .with_exception("System.Management.Automation.ParameterBindingException"),
            );
            return Ok(());
        }
        let fail = |category, id: &str, message: String, target: &str| {
            ErrorRecord::new(category, id, message)
                .with_command("Set-CsWebServer")
                .with_target(target, "String")
        };
        let Some(given) = params.string("Identity") else {
            cx.write_error(fail(
                ErrorCategory::InvalidArgument,
                "IdentityRequired",
                "Specify the Web Server to change with -Identity WebServer:<pool fqdn> (or the pool FQDN).".into(),
                "",
            ));
            return Ok(());
        };
        let pool_fqdn = match given.split_once(':') {
            Some((role, fqdn)) if role.eq_ignore_ascii_case("WebServer") => fqdn.to_string(),
            Some(_) => {
                cx.write_error(fail(
                    ErrorCategory::InvalidArgument,
                    "InvalidIdentity",
                    format!("\"{given}\" is not a Web Server identity. Use WebServer:<pool fqdn> or the pool FQDN."),
                    &given,
                ));
                return Ok(());
            }
            None => given.clone(),
        };
        let identity = format!("WebServer:{pool_fqdn}");
        let mut host = self.0.borrow_mut();
        let pool = host.doc().topology.pool(&pool_fqdn).cloned();
        let Some(web) = pool.as_ref().and_then(|p| p.services.web_server.as_ref()) else {
            cx.write_error(fail(
                ErrorCategory::ObjectNotFound,
                "IdentityNotFound",
                format!("Cannot find Web Server \"{identity}\" because it does not exist. Get-CsService -WebServer lists the Web Server services."),
                &given,
            ));
            return Ok(());
        };
        let pool = pool.as_ref().expect("the web server came from the pool");
        if params.has("InternalFqdn") && pool.kind == PoolKind::StandardEdition {
            let wanted = params.string("InternalFqdn").unwrap_or_default();
            if !wanted.eq_ignore_ascii_case(&pool.fqdn) {
                cx.write_error(fail(
                    ErrorCategory::InvalidOperation,
                    "InternalFqdnNotOverridable",
                    format!("The internal web services FQDN of Standard Edition server \"{}\" is its own FQDN and cannot be changed; only Enterprise Edition pools can override it.", pool.fqdn),
                    &identity,
                ));
                return Ok(());
            }
        }
        let mut fields = match serde_json::to_value(web) {
            Ok(Json::Object(map)) => map,
            _ => unreachable!("WebServer serialises to a map"),
        };
        for (name, value) in &params.values {
            if NOT_FIELDS.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                continue;
            }
            let key = field_key(name);
            if !fields.contains_key(&key) {
                continue;
            }
            let json = match value {
                Value::Null => Json::Null,
                v => match v.as_f64() {
                    Some(n) if !matches!(v, Value::String(_)) => Json::from(n as i64),
                    _ => Json::from(v.to_ps_string()),
                },
            };
            fields.insert(key, json);
        }
        let updated: WebServer = serde_json::from_value(Json::Object(fields)).map_err(|e| {
            fail(
                ErrorCategory::InvalidArgument,
                "InvalidWebServerSetting",
                format!("Cannot apply the settings to \"{identity}\": {e}."),
                &identity,
            )
        })?;
        if !cx.should_process(&identity, "Set-CsWebServer") {
            return Ok(());
        }
        if let Some(slot) = host.doc_mut().topology.web_server_mut(&pool_fqdn) {
            *slot = updated;
        }
        Ok(())
    }
}
