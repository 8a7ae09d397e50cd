//! Test-CsMcxPushNotification and Test-CsFederatedPartner, offline: instead of sending a
//! message they follow the path it would take through the document and name the first broken
//! link. The push path's checks are the validation rules' own (`topology::rules::lync`).

use std::rc::Rc;

use serde_json::Value as Json;

use super::SharedDoc;
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::ErrorRecord;
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::model::{ConfigObject, Document};
use crate::topology::rules::lync::{
    allowed_domain_problem, federation_problem, hosting_provider_problem,
    hyperlink_altering_filters, push_is_enabled,
};

pub fn register(registry: &mut Registry, doc: SharedDoc) {
    registry.add("Test-CsMcxPushNotification", Rc::new(TestPush(doc.clone())));
    registry.add("Test-CsFederatedPartner", Rc::new(TestPartner(doc)));
}

/// The TaskOutput a synthetic transaction returns.
fn task_output(target: &str, broken: Option<(String, String)>) -> Value {
    let (result, error, diagnosis) = match broken {
        None => ("Success", String::new(), String::new()),
        Some((error, diagnosis)) => ("Failure", error, diagnosis),
    };
    PsObject::new("Microsoft.Rtc.SyntheticTransactions.TaskOutput")
        .with("TargetFqdn", target)
        .with("Result", result)
        .with("Latency", "00:00:00")
        .with("Error", error)
        .with("Diagnosis", diagnosis)
        .into_value()
}

/// The Edge pool whose pool or internal interface FQDN is `fqdn`.
fn edge_exists(doc: &Document, fqdn: &str) -> bool {
    doc.topology.pools.iter().any(|p| {
        p.services.edge_server.as_ref().is_some_and(|e| {
            p.fqdn.eq_ignore_ascii_case(fqdn)
                || e.internal_interface_fqdn.eq_ignore_ascii_case(fqdn)
        })
    })
}

fn no_edge(fqdn: &str) -> (String, String) {
    (
        format!("{fqdn} is not an Edge server in the topology."),
        "Give the internal FQDN of the Edge pool that carries federation (Get-CsService -EdgeServer lists them).".into(),
    )
}

fn list<'a>(doc: &'a Document, name: &str) -> &'a [ConfigObject] {
    doc.configuration.get(name).map_or(&[], Vec::as_slice)
}

fn field<'a>(o: &'a ConfigObject, key: &str) -> &'a str {
    o.get(key).and_then(Json::as_str).unwrap_or_default()
}

struct TestPush(SharedDoc);

impl TestPush {
    /// Edge → federation → hosting provider → allowed domain → push settings → URL filter.
    fn broken_link(
        doc: &Document,
        edge: &str,
        cx: &mut dyn CommandContext,
    ) -> Option<(String, String)> {
        cx.write_verbose(&format!("Checking the Access Edge {edge}."));
        if !edge_exists(doc, edge) {
            return Some(no_edge(edge));
        }
        cx.write_verbose("Checking that federation is allowed on the Access Edge.");
        if let Some(fix) = federation_problem(doc) {
            return Some((
                "Federation is not available for push notifications.".into(),
                format!("Push notifications reach the push service by federation, but {fix}"),
            ));
        }
        cx.write_verbose("Checking the hosting provider for sipfed.online.lync.com.");
        if let Some(fix) = hosting_provider_problem(doc) {
            return Some((
                "The Lync Online hosting provider (sipfed.online.lync.com) is not usable.".into(),
                format!("Push notifications travel through Lync Online, but {fix}"),
            ));
        }
        cx.write_verbose("Checking the allowed domain push.lync.com.");
        if let Some(fix) = allowed_domain_problem(doc) {
            return Some((
                "push.lync.com is not an allowed federated domain.".into(),
                format!("Push notifications are sent to push.lync.com, but {fix}"),
            ));
        }
        cx.write_verbose("Checking the push notification configuration.");
        if !push_is_enabled(doc) {
            return Some(("Push notifications are disabled.".into(), "Both push services are off. Run Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True -EnableMicrosoftPushNotificationService $True.".into()));
        }
        cx.write_verbose("Checking the IM URL filter (KB2664650).");
        if let Some((id, action, effect)) = hyperlink_altering_filters(doc).into_iter().next() {
            return Some((format!("The push notification service rejected the notification: the IM URL filter {id} (Action {action}) {effect}."), format!("See KB2664650: turn the filter off with Set-CsImFilterConfiguration -Identity {id} -Enabled $False.")));
        }
        None
    }
}

impl Cmdlet for TestPush {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let edge = params.string("AccessEdgeFqdn").unwrap_or_default();
        let broken = TestPush::broken_link(self.0.borrow().doc(), &edge, cx);
        cx.write_output(task_output(&edge, broken));
        Ok(())
    }
}

struct TestPartner(SharedDoc);

impl TestPartner {
    /// Edge → federation → blocked list → hosting provider (-ProxyFqdn) → allowed list or
    /// partner discovery.
    fn broken_link(
        doc: &Document,
        edge: &str,
        domain: &str,
        proxy: Option<&str>,
    ) -> Option<(String, String)> {
        if !edge_exists(doc, edge) {
            return Some(no_edge(edge));
        }
        if let Some(fix) = federation_problem(doc) {
            return Some((
                "Federation is not available.".into(),
                format!("Federated partners are reached through the Edge, but {fix}"),
            ));
        }
        let named = |o: &&ConfigObject| field(o, "Identity").eq_ignore_ascii_case(domain);
        if list(doc, "blockedDomains").iter().any(|o| named(&o)) {
            return Some((
                format!("{domain} is on the blocked domains list."),
                format!("Run Remove-CsBlockedDomain -Identity {domain} to federate with it."),
            ));
        }
        if let Some(proxy) = proxy {
            let providers: Vec<&ConfigObject> = list(doc, "hostingProviders")
                .iter()
                .filter(|p| field(p, "ProxyFqdn").eq_ignore_ascii_case(proxy))
                .collect();
            let allowed_there = list(doc, "allowedDomains")
                .iter()
                .any(|o| named(&o) && field(o, "ProxyFqdn").eq_ignore_ascii_case(proxy));
            match providers.first() {
                Some(p) if p.get("Enabled").and_then(Json::as_bool) != Some(true) => {
                    return Some((
                        format!(
                            "The hosting provider {} for {proxy} is disabled.",
                            field(p, "Identity")
                        ),
                        format!(
                            "Run Set-CsHostingProvider -Identity {} -Enabled $True.",
                            field(p, "Identity")
                        ),
                    ));
                }
                None if !allowed_there => {
                    return Some((format!("No hosting provider or allowed domain routes to {proxy}."), format!("Run New-CsHostingProvider -Identity <name> -Enabled $True -ProxyFqdn {proxy}, or New-CsAllowedDomain -Identity {domain} -ProxyFqdn {proxy}.")));
                }
                _ => {}
            }
        }
        let allowed = list(doc, "allowedDomains").iter().any(|o| named(&o));
        let edge_config = list(doc, "accessEdgeConfiguration")
            .iter()
            .find(|o| field(o, "Identity") == "Global");
        let discovery = edge_config.is_some_and(|e| {
            field(e, "RoutingMethod") != "UseDefaultRouting"
                && e.get("EnablePartnerDiscovery").and_then(Json::as_bool) == Some(true)
        });
        if !allowed && !discovery {
            return Some((format!("{domain} is not an allowed federated domain and partner discovery is off."), format!("Run New-CsAllowedDomain -Identity {domain}, or turn on partner discovery with Set-CsAccessEdgeConfiguration -UseDnsSrvRouting -EnablePartnerDiscovery $True.")));
        }
        None
    }
}

impl Cmdlet for TestPartner {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let edge = params.string("TargetFqdn").unwrap_or_default();
        let domain = params.string("Domain").unwrap_or_default();
        let proxy = params.string("ProxyFqdn");
        let broken =
            TestPartner::broken_link(self.0.borrow().doc(), &edge, &domain, proxy.as_deref());
        cx.write_output(task_output(&edge, broken));
        Ok(())
    }
}
