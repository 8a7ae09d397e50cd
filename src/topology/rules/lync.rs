//! The Lync rules: the mistakes the seed's mobility deployment can make, each with its fix
//! and, where there is one, the KB article or deployment guide section.
//!
//! "Mobility is configured" means a pool's Web Server has its MCX ports set (Set-CsWebServer
//! -McxSip…ListeningPort). "Push is enabled" means a push notification collection turns on the
//! Apple or Microsoft service.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::topology::model::{
    Certificate, CertificateUse, ConfigObject, DnsZone, Document, Pool, PublishingRule, WebServer,
};
use crate::topology::validate::{machine_path, service_path, Context, Finding, Rule, Severity};

const MOBILITY_GUIDE: &str =
    "Lync Server 2010 Mobility Service and Autodiscover deployment guide (November 2011 cumulative update)";
const PUSH_GUIDE: &str = "Lync Server 2010 mobility guide: Configuring for Push Notifications";
const LYNC_ONLINE_EDGE: &str = "sipfed.online.lync.com";
const PUSH_DOMAIN: &str = "push.lync.com";
/// The November 2011 cumulative update (CU4) that delivers the Mobility Service.
const CU4: [u64; 4] = [4, 0, 7577, 183];

pub const RULES: &[Rule] = &[
    Rule { id: "LYNC001", summary: "Both Mobility Service (MCX) ports are set, or neither", check: mcx_ports_complete },
    Rule { id: "LYNC002", summary: "Mobility needs lyncdiscoverinternal.<sip domain> in internal DNS", check: dns_internal },
    Rule { id: "LYNC003", summary: "Mobility needs lyncdiscover.<sip domain> in external DNS", check: dns_external },
    Rule { id: "LYNC004", summary: "Web services and reverse proxy certificates cover the Autodiscover names", check: certificate_names },
    Rule { id: "LYNC005", summary: "Certificates in use are valid now", check: certificate_validity },
    Rule { id: "LYNC006", summary: "Push notifications need an enabled hosting provider at sipfed.online.lync.com", check: push_hosting_provider },
    Rule { id: "LYNC007", summary: "Push notifications need push.lync.com on the allowed domains list", check: push_allowed_domain },
    Rule { id: "LYNC008", summary: "Push notifications need federation allowed on the Access Edge", check: push_federation },
    Rule { id: "LYNC009", summary: "Only one hosting provider points at sipfed.online.lync.com", check: one_lync_online_provider },
    Rule { id: "LYNC010", summary: "Hosting providers need the Access Edge on DNS SRV routing", check: providers_need_dns_srv },
    Rule { id: "LYNC011", summary: "Push notifications break when the IM URL filter warns or defangs hyperlinks (KB2664650)", check: push_url_filter },
    Rule { id: "LYNC012", summary: "Mobility needs the Web-Server and Web-Dyn-Compression features", check: mcx_features },
    Rule { id: "LYNC013", summary: "Mobility needs Lync Server 2010 CU4 (4.0.7577.183) or later", check: mcx_cumulative_update },
    Rule { id: "LYNC014", summary: "The reverse proxy bridges 80 to 8080 and 443 to 4443", check: reverse_proxy_bridging },
    Rule { id: "LYNC015", summary: "The reverse proxy publishes lyncdiscover.<sip domain>", check: reverse_proxy_lyncdiscover },
    Rule { id: "LYNC016", summary: "Remote users can authenticate at the Edge (NTLM or client certificates)", check: edge_authentication },
    Rule { id: "LYNC017", summary: "NTLM off at the Edge: first sign-in must happen inside the network", check: edge_ntlm_off },
];

/// Adds the Lync rules to every validation run.
pub fn register() {
    crate::topology::validate::register(RULES);
}

fn web_path(pool: &Pool, key: &str) -> String {
    format!("{}.{key}", service_path(pool, "webServer"))
}

fn config_path(collection: &str, obj: &ConfigObject) -> String {
    format!("configuration.{collection}[{}]", text(obj, "Identity"))
}

fn text<'a>(obj: &'a ConfigObject, key: &str) -> &'a str {
    obj.get(key).and_then(Json::as_str).unwrap_or_default()
}

/// A Boolean setting; an absent one reads as its catalog default.
fn flag(obj: &ConfigObject, key: &str, default: bool) -> bool {
    obj.get(key).and_then(Json::as_bool).unwrap_or(default)
}

fn collection<'a>(doc: &'a Document, name: &str) -> &'a [ConfigObject] {
    doc.configuration.get(name).map_or(&[], Vec::as_slice)
}

/// Pools whose web services have Mobility Service ports.
fn mobility_pools(doc: &Document) -> Vec<(&Pool, &WebServer)> {
    doc.topology
        .pools
        .iter()
        .filter_map(|p| p.services.web_server.as_ref().map(|w| (p, w)))
        .filter(|(_, w)| {
            w.mcx_sip_primary_listening_port.is_some()
                || w.mcx_sip_external_listening_port.is_some()
        })
        .collect()
}

fn sip_domains(doc: &Document) -> impl Iterator<Item = &str> {
    doc.topology.sip_domains.iter().map(|d| d.name.as_str())
}

/// The push notification collections that turn a push service on, by identity.
fn push_enabled(doc: &Document) -> Vec<&ConfigObject> {
    collection(doc, "pushNotificationConfiguration")
        .iter()
        .filter(|o| {
            flag(o, "EnableApplePushNotificationService", false)
                || flag(o, "EnableMicrosoftPushNotificationService", false)
        })
        .collect()
}

fn push_identities(push: &[&ConfigObject]) -> String {
    push.iter()
        .map(|o| text(o, "Identity"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn mcx_ports_complete(doc: &Document, _: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pool, w) in mobility_pools(doc) {
        let (missing, given, port) = match (
            w.mcx_sip_primary_listening_port,
            w.mcx_sip_external_listening_port,
        ) {
            (Some(p), None) => (
                "McxSipExternalListeningPort",
                "McxSipPrimaryListeningPort",
                p,
            ),
            (None, Some(p)) => (
                "McxSipPrimaryListeningPort",
                "McxSipExternalListeningPort",
                p,
            ),
            _ => continue,
        };
        let suggested = if missing == "McxSipExternalListeningPort" {
            5087
        } else {
            5086
        };
        out.push(
            Finding::error(
                "LYNC001",
                web_path(pool, &format!("mcxSip{}", &missing[6..])),
                format!("WebServer:{} has {given} {port} but no {missing}; the Mobility Service needs both. Run Set-CsWebServer -Identity {} -{missing} {suggested}.", pool.fqdn, pool.fqdn),
            )
            .with_reference(MOBILITY_GUIDE),
        );
    }
    out
}

fn dns_rule(doc: &Document, id: &'static str, zone: DnsZone) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some((pool, web)) = mobility_pools(doc).into_iter().next() else {
        return out;
    };
    for domain in sip_domains(doc) {
        let (name, target, side) = match zone {
            DnsZone::Internal => (
                format!("lyncdiscoverinternal.{domain}"),
                format!(
                    "the internal web services of {} ({})",
                    pool.fqdn, web.internal_fqdn
                ),
                "internal",
            ),
            DnsZone::External => (
                format!("lyncdiscover.{domain}"),
                "the reverse proxy's external listener".to_string(),
                "external",
            ),
        };
        if doc.topology.dns_records(zone, &name).next().is_none() {
            out.push(
                Finding::warning(id, "topology.dnsRecords", format!("Lync Mobility is configured (MCX ports on WebServer:{}) but {side} DNS has no record for {name}, so mobile clients cannot find the Autodiscover service. Add an A or CNAME record for {name} pointing at {target}.", pool.fqdn))
                    .with_reference(MOBILITY_GUIDE),
            );
        }
    }
    out
}

fn dns_internal(doc: &Document, _: &Context) -> Vec<Finding> {
    dns_rule(doc, "LYNC002", DnsZone::Internal)
}

fn dns_external(doc: &Document, _: &Context) -> Vec<Finding> {
    dns_rule(doc, "LYNC003", DnsZone::External)
}

fn certificate_names(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "LYNC004";
    let mut out = Vec::new();
    let domains: Vec<&str> = sip_domains(doc).collect();
    let ix = doc.topology.lookup();
    // Publishing rules by destination pool, in document order: looking them up per pool
    // instead of scanning all rules for each pool keeps this linear.
    let mut rules_to: HashMap<String, Vec<&PublishingRule>> = HashMap::new();
    for rule in &doc.topology.reverse_proxy_rules {
        rules_to
            .entry(rule.destination.to_ascii_lowercase())
            .or_default()
            .push(rule);
    }
    for (pool, _) in mobility_pools(doc) {
        for machine in &pool.machines {
            for (usage, prefix) in [
                (CertificateUse::WebServicesInternal, "lyncdiscoverinternal"),
                (CertificateUse::WebServicesExternal, "lyncdiscover"),
            ] {
                let Some(cert) = machine
                    .certificate_for(usage)
                    .or_else(|| machine.certificate_for(CertificateUse::Default))
                else {
                    continue;
                };
                let missing: Vec<String> = domains
                    .iter()
                    .map(|d| format!("{prefix}.{d}"))
                    .filter(|n| !cert.covers(n))
                    .collect();
                if !missing.is_empty() {
                    out.push(
                        Finding::warning(ID, format!("{}.certificates[{}]", machine_path(pool, &machine.fqdn), cert.thumbprint), format!("The certificate {} assigned to {} on {} does not contain {} in its subject alternative names. Request a new certificate (Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -AllSipDomain) and assign it with Set-CsCertificate.", cert.thumbprint, usage.name(), machine.fqdn, missing.join(", ")))
                            .with_reference(format!("{MOBILITY_GUIDE}: Modifying Certificates for Mobility")),
                    );
                }
            }
        }
        let rules = rules_to.get(&pool.fqdn.to_ascii_lowercase());
        for &rule in rules.into_iter().flatten() {
            let Some((_, proxy)) = ix.machine(&rule.proxy) else {
                continue;
            };
            let Some(cert) = proxy.certificate(&rule.listener_certificate) else {
                continue;
            };
            let missing: Vec<String> = domains
                .iter()
                .map(|d| format!("lyncdiscover.{d}"))
                .filter(|n| !cert.covers(n))
                .collect();
            if !missing.is_empty() {
                out.push(
                    Finding::warning(ID, format!("topology.reverseProxyRules[{}].listenerCertificate", rule.name), format!("The web listener certificate {} of the reverse proxy rule '{}' does not contain {}. Replace it with a certificate that does (or publish the first Autodiscover request over HTTP port 80, which is supported but not recommended).", cert.thumbprint, rule.name, missing.join(", ")))
                        .with_reference(format!("{MOBILITY_GUIDE}: Modifying Certificates for Mobility")),
                );
            }
        }
    }
    out
}

fn certificate_validity(doc: &Document, cx: &Context) -> Vec<Finding> {
    const ID: &str = "LYNC005";
    let mut out = Vec::new();
    // Path and description are made only for a certificate found wanting: there are
    // thousands of certificates and nearly all of them are fine.
    let check = |cert: &Certificate,
                 path: &dyn Fn() -> String,
                 role: &dyn Fn() -> String,
                 out: &mut Vec<Finding>| {
        let parse = crate::topology::time::parse_rfc3339;
        if parse(&cert.not_after).is_some_and(|t| t < cx.now) {
            out.push(Finding::error(ID, path(), format!("The certificate {} ({}) expired on {}. Request or import a valid certificate and assign it in its place.", cert.thumbprint, role(), cert.not_after)));
        } else if parse(&cert.not_before).is_some_and(|t| t > cx.now) {
            out.push(Finding::error(ID, path(), format!("The certificate {} ({}) is not valid before {}. Assign a certificate that is valid now, or wait and assign it then.", cert.thumbprint, role(), cert.not_before)));
        }
    };
    for (pool, machine) in doc.topology.machines() {
        for cert in machine.certificates.iter().filter(|c| !c.uses.is_empty()) {
            let path = || {
                format!(
                    "{}.certificates[{}]",
                    machine_path(pool, &machine.fqdn),
                    cert.thumbprint
                )
            };
            let role = || {
                let uses: Vec<&str> = cert.uses.iter().map(|u| u.name()).collect();
                format!("assigned to {} on {}", uses.join(", "), machine.fqdn)
            };
            check(cert, &path, &role, &mut out);
        }
    }
    let ix = doc.topology.lookup();
    for rule in &doc.topology.reverse_proxy_rules {
        if let Some(cert) = ix
            .machine(&rule.proxy)
            .and_then(|(_, m)| m.certificate(&rule.listener_certificate))
        {
            let path = || {
                format!(
                    "topology.reverseProxyRules[{}].listenerCertificate",
                    rule.name
                )
            };
            let role = || format!("web listener of '{}'", rule.name);
            check(cert, &path, &role, &mut out);
        }
    }
    out
}

fn lync_online_providers(doc: &Document) -> Vec<&ConfigObject> {
    collection(doc, "hostingProviders")
        .iter()
        .filter(|p| text(p, "ProxyFqdn").eq_ignore_ascii_case(LYNC_ONLINE_EDGE))
        .collect()
}

/// Why the Lync Online hosting provider link is broken, with the command that fixes it.
pub fn hosting_provider_problem(doc: &Document) -> Option<String> {
    let providers = lync_online_providers(doc);
    if providers.iter().any(|p| flag(p, "Enabled", false)) {
        return None;
    }
    Some(match providers.first() {
        Some(p) => format!("the hosting provider {} points there but is disabled. Run Set-CsHostingProvider -Identity {} -Enabled $True.", text(p, "Identity"), text(p, "Identity")),
        None => "no hosting provider points at it. Run New-CsHostingProvider -Identity LyncOnline -Enabled $True -ProxyFqdn sipfed.online.lync.com -VerificationLevel UseSourceVerification.".to_string(),
    })
}

/// Why push.lync.com cannot be reached as a federated domain, with the fix.
pub fn allowed_domain_problem(doc: &Document) -> Option<&'static str> {
    let on = |c: &str| {
        collection(doc, c)
            .iter()
            .any(|d| text(d, "Identity").eq_ignore_ascii_case(PUSH_DOMAIN))
    };
    if on("blockedDomains") {
        Some("it is on the blocked domains list. Run Remove-CsBlockedDomain -Identity push.lync.com, then New-CsAllowedDomain -Identity push.lync.com.")
    } else if !on("allowedDomains") {
        Some("it is not on the allowed domains list. Run New-CsAllowedDomain -Identity push.lync.com.")
    } else {
        None
    }
}

/// Why federation through the Edge is not possible, with the fix.
pub fn federation_problem(doc: &Document) -> Option<&'static str> {
    let has_edge = doc
        .topology
        .pools
        .iter()
        .any(|p| p.services.edge_server.is_some());
    let federated = collection(doc, "accessEdgeConfiguration")
        .iter()
        .find(|o| text(o, "Identity").eq_ignore_ascii_case("Global"))
        .is_some_and(|o| flag(o, "AllowFederatedUsers", false));
    if !has_edge {
        Some("the topology has no Edge server to send them through. Add an Edge pool and associate it with the front end.")
    } else if !federated {
        Some("federation is not allowed on the Access Edge. Run Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True.")
    } else {
        None
    }
}

/// Whether any push notification collection turns a push service on.
pub fn push_is_enabled(doc: &Document) -> bool {
    !push_enabled(doc).is_empty()
}

fn push_finding(
    doc: &Document,
    id: &'static str,
    what: &str,
    problem: Option<impl AsRef<str>>,
) -> Vec<Finding> {
    let push = push_enabled(doc);
    match (push.first(), problem) {
        (Some(first), Some(problem)) => vec![Finding::error(
            id,
            config_path("pushNotificationConfiguration", first),
            format!(
                "Push notifications are enabled ({}) {what}, but {}",
                push_identities(&push),
                problem.as_ref()
            ),
        )
        .with_reference(PUSH_GUIDE)],
        _ => Vec::new(),
    }
}

fn push_hosting_provider(doc: &Document, _: &Context) -> Vec<Finding> {
    push_finding(
        doc,
        "LYNC006",
        "and travel to the push service through Lync Online (sipfed.online.lync.com)",
        hosting_provider_problem(doc),
    )
}

fn push_allowed_domain(doc: &Document, _: &Context) -> Vec<Finding> {
    push_finding(
        doc,
        "LYNC007",
        "and are sent to push.lync.com",
        allowed_domain_problem(doc),
    )
}

fn push_federation(doc: &Document, _: &Context) -> Vec<Finding> {
    push_finding(
        doc,
        "LYNC008",
        "and reach the push service by federation",
        federation_problem(doc),
    )
}

fn one_lync_online_provider(doc: &Document, _: &Context) -> Vec<Finding> {
    let providers = lync_online_providers(doc);
    if providers.len() < 2 {
        return Vec::new();
    }
    let names: Vec<&str> = providers.iter().map(|p| text(p, "Identity")).collect();
    vec![Finding::error("LYNC009", config_path("hostingProviders", providers[1]), format!("{} hosting providers point at {LYNC_ONLINE_EDGE} ({}); only one may. Remove all but one with Remove-CsHostingProvider.", providers.len(), names.join(", "))).with_reference(PUSH_GUIDE)]
}

fn providers_need_dns_srv(doc: &Document, _: &Context) -> Vec<Finding> {
    let providers = collection(doc, "hostingProviders");
    let edge = collection(doc, "accessEdgeConfiguration")
        .iter()
        .find(|o| text(o, "Identity").eq_ignore_ascii_case("Global"));
    match edge {
        Some(e) if text(e, "RoutingMethod") == "UseDefaultRouting" && !providers.is_empty() => {
            vec![Finding::error("LYNC010", config_path("accessEdgeConfiguration", e), format!("The Access Edge uses default routing, but {} hosting provider(s) are configured; federation with hosting providers needs DNS SRV routing. Run Set-CsAccessEdgeConfiguration -UseDnsSrvRouting.", providers.len()))]
        }
        _ => Vec::new(),
    }
}

/// The enabled IM URL filters that change hyperlinks (KB2664650): identity, action and what
/// the action does.
pub fn hyperlink_altering_filters(doc: &Document) -> Vec<(String, String, &'static str)> {
    collection(doc, "imFilterConfiguration")
        .iter()
        .filter(|f| flag(f, "Enabled", false))
        .filter_map(|f| {
            let effect = match text(f, "Action") {
                "Warn" => "inserts its warning message before every hyperlink",
                "Allow" => "makes hyperlinks inactive by prefixing them with an underscore",
                _ => return None,
            };
            Some((
                text(f, "Identity").to_string(),
                text(f, "Action").to_string(),
                effect,
            ))
        })
        .collect()
}

fn push_url_filter(doc: &Document, _: &Context) -> Vec<Finding> {
    let push = push_enabled(doc);
    if push.is_empty() {
        return Vec::new();
    }
    hyperlink_altering_filters(doc)
        .into_iter()
        .map(|(id, action, effect)| {
            Finding::error("LYNC011", format!("configuration.imFilterConfiguration[{id}]"), format!("Push notifications are enabled ({}) while the IM URL filter {id} is enabled with Action {action}: it {effect}, the Mobility Service's push messages carry XML namespace hyperlinks, and the push notification service rejects the modified messages. Turn the filter off (Set-CsImFilterConfiguration -Identity {id} -Enabled $False) or apply the workaround in KB2664650.", push_identities(&push))).with_reference("KB2664650")
        })
        .collect()
}

fn mcx_features(doc: &Document, _: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    for (pool, _) in mobility_pools(doc) {
        for machine in &pool.machines {
            let missing: Vec<&str> = ["Web-Server", "Web-Dyn-Compression"]
                .into_iter()
                .filter(|f| !machine.has_feature(f))
                .collect();
            if !missing.is_empty() {
                out.push(Finding::warning("LYNC012", format!("{}.windowsFeatures", machine_path(pool, &machine.fqdn)), format!("Mobility Service ports are set on WebServer:{} but {} lacks the {} feature(s) the Mobility Service needs. Run Import-Module ServerManager; Add-WindowsFeature {} on {} before installing McxStandalone.msi.", pool.fqdn, machine.fqdn, missing.join(" and "), missing.join(", "), machine.fqdn)).with_reference(MOBILITY_GUIDE));
            }
        }
    }
    out
}

fn version_parts(text: &str) -> Vec<u64> {
    text.split('.')
        .map(|p| p.trim().parse().unwrap_or(0))
        .collect()
}

fn mcx_cumulative_update(doc: &Document, _: &Context) -> Vec<Finding> {
    mobility_pools(doc)
        .into_iter()
        .filter(|(pool, _)| pool.version.as_deref().is_none_or(|v| version_parts(v) < CU4.to_vec()))
        .map(|(pool, _)| {
            let version = pool.version.as_deref().unwrap_or("unknown");
            Finding::error("LYNC013", format!("topology.pools[{}].version", pool.fqdn), format!("Mobility Service ports are set on WebServer:{}, which runs Lync Server {version}; the Mobility Service needs the November 2011 cumulative update (CU4, 4.0.7577.183) or later. Install the cumulative update first.", pool.fqdn)).with_reference(MOBILITY_GUIDE)
        })
        .collect()
}

fn reverse_proxy_bridging(doc: &Document, _: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    let ix = doc.topology.lookup();
    for rule in &doc.topology.reverse_proxy_rules {
        let Some(web) = ix.web_server(&rule.destination) else {
            continue;
        };
        let path = format!("topology.reverseProxyRules[{}]", rule.name);
        for (listener, bridge, target, key) in [
            (
                rule.listener_https_port,
                rule.bridge_https_port,
                web.external_https_port,
                "bridgeHttpsPort",
            ),
            (
                rule.listener_http_port,
                rule.bridge_http_port,
                web.external_http_port,
                "bridgeHttpPort",
            ),
        ] {
            if bridge != target {
                out.push(Finding::warning("LYNC014", format!("{path}.{key}"), format!("The reverse proxy rule '{}' bridges {listener} to {bridge}, but the external web site of {} listens on {target}. On the rule's Bridging tab redirect {listener} to {target}.", rule.name, rule.destination)).with_reference(format!("{MOBILITY_GUIDE}: Configuring the Reverse Proxy for Mobility")));
            }
        }
    }
    out
}

fn reverse_proxy_lyncdiscover(doc: &Document, _: &Context) -> Vec<Finding> {
    if mobility_pools(doc).is_empty() {
        return Vec::new();
    }
    sip_domains(doc)
        .map(|d| format!("lyncdiscover.{d}"))
        .filter(|name| {
            !doc.topology
                .reverse_proxy_rules
                .iter()
                .any(|r| r.public_names.iter().any(|p| p.eq_ignore_ascii_case(name)))
        })
        .map(|name| Finding::warning("LYNC015", "topology.reverseProxyRules", format!("No reverse proxy rule publishes {name}, so mobile clients outside the network cannot reach the Autodiscover service. Add {name} as a public name of the rule that publishes the external web services (bridging 443 to 4443).")).with_reference(format!("{MOBILITY_GUIDE}: Configuring the Reverse Proxy for Mobility")))
        .collect()
}

/// The proxy settings an Edge pool uses: its own service collection, else Global.
fn edge_proxy_settings<'a>(doc: &'a Document, edge: &str) -> Option<&'a ConfigObject> {
    let service = format!("Service:EdgeServer:{edge}");
    let all = collection(doc, "proxyConfiguration");
    all.iter()
        .find(|o| text(o, "Identity").eq_ignore_ascii_case(&service))
        .or_else(|| {
            all.iter()
                .find(|o| text(o, "Identity").eq_ignore_ascii_case("Global"))
        })
}

fn edge_auth(doc: &Document, severity: Severity) -> Vec<Finding> {
    let mut out = Vec::new();
    for pool in doc
        .topology
        .pools
        .iter()
        .filter(|p| p.services.edge_server.is_some())
    {
        let Some(settings) = edge_proxy_settings(doc, &pool.fqdn) else {
            continue;
        };
        let ntlm = flag(settings, "UseNtlmForClientToProxyAuth", true);
        let cert = flag(settings, "UseCertificateForClientToProxyAuth", true);
        let path = config_path("proxyConfiguration", settings);
        match (severity, ntlm, cert) {
            (Severity::Error, false, false) => out.push(Finding::error("LYNC016", path, format!("Neither NTLM nor client certificates (TLS-DSK) are allowed for clients at the Edge {} ({}); Kerberos works only inside the network, so nobody can sign in from outside. Turn one back on, e.g. Set-CsProxyConfiguration -Identity {} -UseCertificateForClientToProxyAuth $True.", pool.fqdn, text(settings, "Identity"), text(settings, "Identity")))),
            (Severity::Information, false, true) => out.push(Finding::new("LYNC017", Severity::Information, path, format!("NTLM is off at the Edge {} ({}): remote users authenticate with TLS-DSK client certificates only. A user gets that certificate at the first sign-in inside the network (Kerberos), so each user must sign in once inside the network, on each computer, before signing in from outside.", pool.fqdn, text(settings, "Identity")))),
            _ => {}
        }
    }
    out
}

fn edge_authentication(doc: &Document, _: &Context) -> Vec<Finding> {
    edge_auth(doc, Severity::Error)
}

fn edge_ntlm_off(doc: &Document, _: &Context) -> Vec<Finding> {
    edge_auth(doc, Severity::Information)
}
