//! Get-/New-/Set-/Remove-CsSipDomain over the topology's SIP domains. There is always exactly
//! one default domain: it moves by making another one the default, never by clearing it.

use std::rc::Rc;

use super::identity::wildcard_match;
use super::SharedDoc;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::model::SipDomain;

#[derive(Clone, Copy)]
enum Verb {
    Get,
    New,
    Set,
    Remove,
}

pub fn register(registry: &mut Registry, doc: SharedDoc) {
    for (name, verb) in [
        ("Get-CsSipDomain", Verb::Get),
        ("New-CsSipDomain", Verb::New),
        ("Set-CsSipDomain", Verb::Set),
        ("Remove-CsSipDomain", Verb::Remove),
    ] {
        registry.add(
            name,
            Rc::new(SipDomains {
                verb,
                doc: doc.clone(),
            }),
        );
    }
}

struct SipDomains {
    verb: Verb,
    doc: SharedDoc,
}

fn object(d: &SipDomain) -> Value {
    PsObject::new("Microsoft.Rtc.Management.Xds.SipDomain")
        .with("Identity", d.name.clone())
        .with("Name", d.name.clone())
        .with("IsDefault", d.is_default)
        .into_value()
}

impl Cmdlet for SipDomains {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        if let Err(e) = self.act(cx, params) {
            let command = cx.definition().name.clone();
            cx.write_error(
                e.with_command(&command)
                    .with_target(params.string("Identity").unwrap_or_default(), "String"),
            );
        }
        Ok(())
    }
}

impl SipDomains {
    fn act(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
    ) -> Result<(), ErrorRecord> {
        let name = params.string("Identity").unwrap_or_default();
        let not_found = || {
            ErrorRecord::new(
                ErrorCategory::ObjectNotFound,
                "IdentityNotFound",
                format!("Cannot find SipDomain \"{name}\" because it does not exist."),
            )
        };
        let command = cx.definition().name.clone();
        let mut host = self.doc.borrow_mut();
        let exists = host
            .doc()
            .topology
            .sip_domains
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(&name));
        match self.verb {
            Verb::Get => {
                let filter = params.string("Filter");
                if params.has("Identity") && !exists {
                    return Err(not_found());
                }
                let found: Vec<Value> = host
                    .doc()
                    .topology
                    .sip_domains
                    .iter()
                    .filter(|d| name.is_empty() || d.name.eq_ignore_ascii_case(&name))
                    .filter(|d| filter.as_deref().is_none_or(|f| wildcard_match(f, &d.name)))
                    .map(object)
                    .collect();
                drop(host);
                found.into_iter().for_each(|v| cx.write_output(v));
            }
            Verb::New => {
                if exists {
                    return Err(ErrorRecord::new(
                        ErrorCategory::ResourceExists,
                        "IdentityAlreadyExists",
                        format!("Cannot create SipDomain \"{name}\" because it already exists."),
                    ));
                }
                if !cx.should_process(&name, &command) {
                    return Ok(());
                }
                let make_default = params.get("IsDefault").is_some_and(Value::is_truthy);
                let domains = &mut host.edit_unindexed().topology.sip_domains;
                if make_default {
                    domains.iter_mut().for_each(|d| d.is_default = false);
                }
                domains.push(SipDomain {
                    name: name.clone(),
                    is_default: make_default,
                    authoritative: true,
                });
            }
            Verb::Set => {
                if !exists {
                    return Err(not_found());
                }
                match params.get("IsDefault").map(Value::is_truthy) {
                    Some(false) => {
                        return Err(ErrorRecord::new(
                            ErrorCategory::InvalidOperation,
                            "DefaultDomainRequired",
                            format!("Cannot set IsDefault to False on \"{name}\": there must always be a default SIP domain. Make another domain the default with Set-CsSipDomain -Identity <domain> -IsDefault $True."),
                        ))
                    }
                    Some(true) => {
                        if !cx.should_process(&name, &command) {
                            return Ok(());
                        }
                        for d in &mut host.edit_unindexed().topology.sip_domains {
                            d.is_default = d.name.eq_ignore_ascii_case(&name);
                        }
                        cx.write_warning("The default SIP domain changed: restart the RTCCAA and RTCCAS services on every front end for it to take effect.");
                    }
                    None => {}
                }
            }
            Verb::Remove => {
                if !exists {
                    return Err(not_found());
                }
                let is_default = host
                    .doc()
                    .topology
                    .sip_domains
                    .iter()
                    .any(|d| d.is_default && d.name.eq_ignore_ascii_case(&name));
                if is_default {
                    return Err(ErrorRecord::new(
                        ErrorCategory::InvalidOperation,
                        "CannotRemoveDefaultDomain",
                        format!("Cannot remove \"{name}\": it is the default SIP domain. Make another domain the default first."),
                    ));
                }
                if !cx.should_process(&name, &command) {
                    return Ok(());
                }
                host.edit_unindexed()
                    .topology
                    .sip_domains
                    .retain(|d| !d.name.eq_ignore_ascii_case(&name));
            }
        }
        Ok(())
    }
}
