//! The validation engine: rules are plain functions over a document, each finding carries the
//! rule id, a severity (errors block publishing), the object path in the document and a
//! message that says how to fix it.
//!
//! This file holds the structural rules (Topology Builder's own checks). Lync-specific rules
//! live with the Lync cmdlets and join through [`register`].

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use serde::Serialize;

use super::model::{Document, Pool, PoolKind};
use super::services::Role;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    Error,
    Warning,
    Information,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
            Severity::Information => "Information",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule_id: &'static str,
    pub severity: Severity,
    /// Where in the document: `topology.pools[lyncserver.jacobs.local].services.webServer`.
    pub path: String,
    /// What is wrong and how to fix it.
    pub message: String,
    /// A KB article or documentation page, when there is one.
    pub reference: Option<String>,
}

impl Finding {
    pub fn new(
        rule_id: &'static str,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule_id,
            severity,
            path: path.into(),
            message: message.into(),
            reference: None,
        }
    }

    pub fn error(rule_id: &'static str, path: impl Into<String>, msg: impl Into<String>) -> Self {
        Finding::new(rule_id, Severity::Error, path, msg)
    }

    pub fn warning(rule_id: &'static str, path: impl Into<String>, msg: impl Into<String>) -> Self {
        Finding::new(rule_id, Severity::Warning, path, msg)
    }

    pub fn with_reference(mut self, reference: impl Into<String>) -> Finding {
        self.reference = Some(reference.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What a rule may know besides the document.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// Unix seconds; certificate validity is judged against it.
    pub now: i64,
}

impl Context {
    pub fn now() -> Context {
        Context {
            now: super::time::now_unix(),
        }
    }
}

pub type Check = fn(&Document, &Context) -> Vec<Finding>;

#[derive(Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    /// One line for Get-Help and listings.
    pub summary: &'static str,
    pub check: Check,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rule({})", self.id)
    }
}

static REGISTERED: Mutex<Vec<Rule>> = Mutex::new(Vec::new());

/// Adds rules to every later [`validate`] run; a rule id registered twice is kept once.
pub fn register(rules: &[Rule]) {
    let mut registered = REGISTERED.lock().unwrap_or_else(|p| p.into_inner());
    for rule in rules {
        if !registered.iter().any(|r| r.id == rule.id) {
            registered.push(*rule);
        }
    }
}

/// Every rule: the structural ones, then those registered.
pub fn rules() -> Vec<Rule> {
    let registered = REGISTERED.lock().unwrap_or_else(|p| p.into_inner());
    STRUCTURAL
        .iter()
        .chain(registered.iter())
        .copied()
        .collect()
}

/// Runs every rule; findings come errors first, then in rule order.
pub fn validate(doc: &Document, cx: &Context) -> Vec<Finding> {
    let mut findings: Vec<Finding> = rules().iter().flat_map(|r| (r.check)(doc, cx)).collect();
    findings.sort_by_key(|f| f.severity);
    findings
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

pub const STRUCTURAL: &[Rule] = &[
    Rule {
        id: "TOPO001",
        summary: "Identities are unique (SIP domains, sites, pools, machines, certificates, rules)",
        check: unique_identities,
    },
    Rule {
        id: "TOPO002",
        summary: "References resolve (sites, services, federation route, reverse proxy)",
        check: references_resolve,
    },
    Rule {
        id: "TOPO003",
        summary: "FQDNs are fully qualified domain names, not NetBIOS names",
        check: fqdn_syntax,
    },
    Rule {
        id: "TOPO004",
        summary: "Ports and port ranges are within 1-65535",
        check: port_ranges,
    },
    Rule {
        id: "TOPO005",
        summary: "No two services on one server listen on the same port",
        check: port_clashes,
    },
    Rule {
        id: "TOPO006",
        summary: "Exactly one default SIP domain",
        check: one_default_sip_domain,
    },
    Rule {
        id: "TOPO007",
        summary: "Internal and external web services listen on different ports",
        check: web_ports_differ,
    },
    Rule {
        id: "TOPO008",
        summary: "A Standard Edition pool is one machine with the pool's FQDN",
        check: standard_edition_shape,
    },
    Rule {
        id: "TOPO009",
        summary: "Each certificate use is assigned to at most one certificate per server",
        check: certificate_uses_unique,
    },
];

pub fn pool_path(pool: &Pool) -> String {
    format!("topology.pools[{}]", pool.fqdn)
}

pub fn service_path(pool: &Pool, key: &str) -> String {
    format!("{}.services.{key}", pool_path(pool))
}

pub fn machine_path(pool: &Pool, machine: &str) -> String {
    format!("{}.machines[{machine}]", pool_path(pool))
}

fn duplicates<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for name in names {
        let count = seen.entry(name.to_ascii_lowercase()).or_default();
        *count += 1;
        if *count == 2 {
            out.push(name);
        }
    }
    out
}

fn unique_identities(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO001";
    let t = &doc.topology;
    let mut out = Vec::new();
    for d in duplicates(t.sip_domains.iter().map(|d| d.name.as_str())) {
        out.push(Finding::error(
            ID,
            format!("topology.sipDomains[{d}]"),
            format!("The SIP domain {d} is defined more than once. Remove the duplicate entry."),
        ));
    }
    for s in duplicates(t.sites.iter().map(|s| s.name.as_str())) {
        out.push(Finding::error(
            ID,
            format!("topology.sites[{s}]"),
            format!("The site Site:{s} is defined more than once. Rename or remove one of them."),
        ));
    }
    let ids: Vec<String> = t.sites.iter().map(|s| s.site_id.to_string()).collect();
    for id in duplicates(ids.iter().map(String::as_str)) {
        out.push(Finding::error(
            ID,
            "topology.sites",
            format!("Two sites have the site id {id}. Give each site its own siteId."),
        ));
    }
    for p in duplicates(t.pools.iter().map(|p| p.fqdn.as_str())) {
        out.push(Finding::error(ID, format!("topology.pools[{p}]"), format!("The pool {p} is defined more than once. Pool FQDNs must be unique in the topology.")));
    }
    for m in duplicates(t.machines().map(|(_, m)| m.fqdn.as_str())) {
        out.push(Finding::error(
            ID,
            format!("topology.pools.machines[{m}]"),
            format!(
                "The computer {m} belongs to more than one pool. Remove it from all pools but one."
            ),
        ));
    }
    for (pool, machine) in t.machines() {
        for c in duplicates(machine.certificates.iter().map(|c| c.thumbprint.as_str())) {
            out.push(Finding::error(
                ID,
                format!("{}.certificates[{c}]", machine_path(pool, &machine.fqdn)),
                format!(
                    "The certificate {c} is listed twice in the store of {}. Remove the duplicate.",
                    machine.fqdn
                ),
            ));
        }
    }
    for r in duplicates(t.reverse_proxy_rules.iter().map(|r| r.name.as_str())) {
        out.push(Finding::error(
            ID,
            format!("topology.reverseProxyRules[{r}]"),
            format!("Two reverse proxy publishing rules are named '{r}'. Rename one of them."),
        ));
    }
    out
}

fn references_resolve(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO002";
    let t = &doc.topology;
    let ix = t.lookup();
    let mut out = Vec::new();
    for pool in &t.pools {
        if ix.site(&pool.site).is_none() {
            out.push(Finding::error(ID, format!("{}.site", pool_path(pool)), format!("The pool {} belongs to the site '{}', which is not defined. Add the site or move the pool to an existing site.", pool.fqdn, pool.site)));
        }
    }
    for service in t.services() {
        let key = role_key(service.role);
        for target in service.depends_on() {
            let Some((prefix, _)) = target.split_once(':') else {
                out.push(Finding::error(ID, service_path(service.pool, key), format!("{} refers to '{target}', which is not a service identity such as WebServer:<pool FQDN>.", service.identity())));
                continue;
            };
            if ix.service(&target).is_none() {
                out.push(Finding::error(ID, service_path(service.pool, key), format!("{} depends on {target}, which is not defined in the topology. Add the {prefix} service to that pool or point {} at an existing {prefix}.", service.identity(), service.identity())));
            }
        }
    }
    for site in &t.sites {
        if let Some(route) = &site.federation_route {
            let ok = ix
                .service(route)
                .is_some_and(|s| s.role == Role::EdgeServer);
            if !ok {
                out.push(Finding::error(ID, format!("topology.sites[{}].federationRoute", site.name), format!("The federation route of Site:{} is {route}, which is not an Edge service in the topology. Set it to EdgeServer:<edge pool FQDN> or remove it.", site.name)));
            }
        }
    }
    for rule in &t.reverse_proxy_rules {
        let path = format!("topology.reverseProxyRules[{}]", rule.name);
        match ix.machine(&rule.proxy) {
            Some((pool, machine)) if pool.kind == PoolKind::ReverseProxy => {
                if machine.certificate(&rule.listener_certificate).is_none() {
                    out.push(Finding::error(ID, format!("{path}.listenerCertificate"), format!("The web listener certificate {} is not in the certificate store of {}. Import the certificate on the reverse proxy or pick one that is there.", rule.listener_certificate, rule.proxy)));
                }
            }
            _ => out.push(Finding::error(ID, format!("{path}.proxy"), format!("The publishing rule '{}' is on {}, which is not a reverse proxy in the topology. Add a ReverseProxy pool for it or correct the name.", rule.name, rule.proxy))),
        }
        if ix.pool(&rule.destination).is_none() {
            out.push(Finding::error(ID, format!("{path}.destination"), format!("The publishing rule '{}' forwards to {}, which is not a pool in the topology. Point it at the front end pool or Director.", rule.name, rule.destination)));
        }
    }
    out
}

/// The document key of a role's service (the YAML key under `services`).
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Registrar => "registrar",
        Role::UserServer => "userServer",
        Role::WebServer => "webServer",
        Role::ConferencingServer => "conferencingServer",
        Role::ApplicationServer => "applicationServer",
        Role::MediationServer => "mediationServer",
        Role::CentralManagement => "centralManagement",
        Role::FileStore => "fileStore",
        Role::UserDatabase => "userDatabase",
        Role::ApplicationDatabase => "applicationDatabase",
        Role::CentralManagementDatabase => "centralManagementDatabase",
        Role::EdgeServer => "edgeServer",
    }
}

/// Why a name is not a usable FQDN, if it is not one. `allow_underscore` admits SRV owner
/// labels such as `_sip._tls`.
pub fn fqdn_problem(name: &str, allow_underscore: bool) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if !name.contains('.') {
        return Some(
            "it is a NetBIOS name, not a fully qualified domain name (NetBIOSNameNotAllowed)"
                .into(),
        );
    }
    if name.len() > 253 {
        return Some("it is longer than 253 characters".into());
    }
    for label in name.split('.') {
        let body = if allow_underscore {
            label.strip_prefix('_').unwrap_or(label)
        } else {
            label
        };
        if label.is_empty() || label.len() > 63 {
            return Some(format!("the label '{label}' must be 1 to 63 characters"));
        }
        if !body.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            || body.starts_with('-')
            || body.ends_with('-')
        {
            return Some(format!(
                "the label '{label}' may only hold letters, digits and inner hyphens"
            ));
        }
    }
    None
}

fn fqdn_syntax(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO003";
    let t = &doc.topology;
    let mut out = Vec::new();
    let mut check = |path: String, what: &str, name: &str, srv: bool| {
        if let Some(problem) = fqdn_problem(name, srv) {
            out.push(Finding::error(ID, path, format!("The {what} '{name}' is not valid: {problem}. Use a fully qualified domain name such as lyncserver.contoso.local.")));
        }
    };
    for d in &t.sip_domains {
        check(
            format!("topology.sipDomains[{}]", d.name),
            "SIP domain",
            &d.name,
            false,
        );
    }
    for pool in &t.pools {
        check(
            format!("{}.fqdn", pool_path(pool)),
            "pool FQDN",
            &pool.fqdn,
            false,
        );
        for m in &pool.machines {
            check(
                format!("{}.fqdn", machine_path(pool, &m.fqdn)),
                "computer FQDN",
                &m.fqdn,
                false,
            );
        }
        if let Some(web) = &pool.services.web_server {
            let path = service_path(pool, "webServer");
            check(
                format!("{path}.internalFqdn"),
                "internal web services FQDN",
                &web.internal_fqdn,
                false,
            );
            if let Some(ext) = &web.external_fqdn {
                check(
                    format!("{path}.externalFqdn"),
                    "external web services FQDN",
                    ext,
                    false,
                );
            }
        }
        if let Some(edge) = &pool.services.edge_server {
            let path = service_path(pool, "edgeServer");
            let names = [
                (
                    "accessEdgeExternalFqdn",
                    Some(&edge.access_edge_external_fqdn),
                ),
                (
                    "dataEdgeExternalFqdn",
                    edge.data_edge_external_fqdn.as_ref(),
                ),
                ("avEdgeExternalFqdn", edge.av_edge_external_fqdn.as_ref()),
                ("internalInterfaceFqdn", Some(&edge.internal_interface_fqdn)),
                ("externalMrasFqdn", edge.external_mras_fqdn.as_ref()),
            ];
            for (key, name) in names {
                if let Some(name) = name {
                    check(format!("{path}.{key}"), "Edge FQDN", name, false);
                }
            }
        }
    }
    for r in &t.dns_records {
        check(
            format!("topology.dnsRecords[{}]", r.name),
            "DNS record name",
            &r.name,
            true,
        );
    }
    for rule in &t.reverse_proxy_rules {
        for name in &rule.public_names {
            check(
                format!("topology.reverseProxyRules[{}].publicNames", rule.name),
                "public name",
                name,
                false,
            );
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
}

/// A port a service listens on: where (the interface or external IP it binds), which
/// protocol, and the property that sets it.
#[derive(Clone, Debug)]
pub struct Listener<'a> {
    pub side: &'static str,
    pub protocol: Protocol,
    pub port: u16,
    pub role: Role,
    /// The service's document key for the port (`mcxSipPrimaryListeningPort`).
    pub key: &'static str,
    pub pool: &'a Pool,
}

// Names and paths are made only for the few listeners a finding is about: every pool has
// a dozen or more, and formatting them all was a quarter of validating 10,000 servers.
impl Listener<'_> {
    /// `WebServer:lyncserver.jacobs.local McxSipPrimaryListeningPort`.
    pub fn owner(&self) -> String {
        format!(
            "{}:{} {}",
            self.role.name(),
            self.pool.fqdn,
            super::services::lync_property_name(self.key)
        )
    }

    pub fn path(&self) -> String {
        format!(
            "{}.{}",
            service_path(self.pool, role_key(self.role)),
            self.key
        )
    }
}

/// Every single port the services of a pool listen on (each of its machines listens on all of
/// them). Media ranges are left out: Lync lets them overlap.
pub fn listeners(pool: &Pool) -> Vec<Listener<'_>> {
    let mut out = Vec::new();
    let s = &pool.services;
    let mut add = |role: Role,
                   side: &'static str,
                   protocol: Protocol,
                   key: &'static str,
                   port: Option<u16>| {
        if let Some(port) = port {
            out.push(Listener {
                side,
                protocol,
                port,
                role,
                key,
                pool,
            });
        }
    };
    use Protocol::{Tcp, Udp};
    const INT: &str = "internal";
    if let Some(r) = &s.registrar {
        add(Role::Registrar, INT, Tcp, "sipPort", Some(r.sip_port));
        add(Role::Registrar, INT, Tcp, "webPort", Some(r.web_port));
        add(
            Role::Registrar,
            INT,
            Tcp,
            "sipServerTcpPort",
            r.sip_server_tcp_port,
        );
    }
    if let Some(w) = &s.web_server {
        add(
            Role::WebServer,
            INT,
            Tcp,
            "primaryHttpPort",
            Some(w.primary_http_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "primaryHttpsPort",
            Some(w.primary_https_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "externalHttpPort",
            Some(w.external_http_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "externalHttpsPort",
            Some(w.external_https_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "reachPrimaryPsomServerPort",
            Some(w.reach_primary_psom_server_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "reachExternalPsomServerPort",
            Some(w.reach_external_psom_server_port),
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "mcxSipPrimaryListeningPort",
            w.mcx_sip_primary_listening_port,
        );
        add(
            Role::WebServer,
            INT,
            Tcp,
            "mcxSipExternalListeningPort",
            w.mcx_sip_external_listening_port,
        );
    }
    if let Some(c) = &s.conferencing_server {
        add(
            Role::ConferencingServer,
            INT,
            Tcp,
            "imSipPort",
            Some(c.im_sip_port),
        );
        add(
            Role::ConferencingServer,
            INT,
            Tcp,
            "audioVideoSipPort",
            Some(c.audio_video_sip_port),
        );
        add(
            Role::ConferencingServer,
            INT,
            Tcp,
            "appSharingSipPort",
            Some(c.app_sharing_sip_port),
        );
        add(
            Role::ConferencingServer,
            INT,
            Tcp,
            "dataPsomPort",
            Some(c.data_psom_port),
        );
        add(
            Role::ConferencingServer,
            INT,
            Tcp,
            "meetingPsomPort",
            Some(c.meeting_psom_port),
        );
    }
    if let Some(m) = &s.mediation_server {
        add(
            Role::MediationServer,
            INT,
            Tcp,
            "sipServerPort",
            Some(m.sip_server_port),
        );
        add(
            Role::MediationServer,
            INT,
            Tcp,
            "sipClientTlsPort",
            Some(m.sip_client_tls_port),
        );
        add(
            Role::MediationServer,
            INT,
            Tcp,
            "sipClientTcpPort",
            m.sip_client_tcp_port,
        );
    }
    if let Some(e) = &s.edge_server {
        const ACCESS: &str = "Access Edge external";
        const DATA: &str = "Web Conferencing Edge external";
        const AV: &str = "A/V Edge external";
        add(
            Role::EdgeServer,
            INT,
            Tcp,
            "accessEdgeInternalSipPort",
            Some(e.access_edge_internal_sip_port),
        );
        add(
            Role::EdgeServer,
            INT,
            Tcp,
            "dataPsomServerPort",
            Some(e.data_psom_server_port),
        );
        add(
            Role::EdgeServer,
            INT,
            Tcp,
            "mediaRelayAuthEdgePort",
            Some(e.media_relay_auth_edge_port),
        );
        add(
            Role::EdgeServer,
            INT,
            Tcp,
            "mediaRelayInternalTurnTcpPort",
            Some(e.media_relay_internal_turn_tcp_port),
        );
        add(
            Role::EdgeServer,
            INT,
            Udp,
            "mediaRelayInternalTurnUdpPort",
            Some(e.media_relay_internal_turn_udp_port),
        );
        add(
            Role::EdgeServer,
            ACCESS,
            Tcp,
            "accessEdgeExternalSipPort",
            Some(e.access_edge_external_sip_port),
        );
        add(
            Role::EdgeServer,
            ACCESS,
            Tcp,
            "accessEdgeClientSipPort",
            Some(e.access_edge_client_sip_port),
        );
        add(
            Role::EdgeServer,
            DATA,
            Tcp,
            "dataPsomClientPort",
            Some(e.data_psom_client_port),
        );
        add(
            Role::EdgeServer,
            AV,
            Tcp,
            "mediaRelayExternalTurnTcpPort",
            Some(e.media_relay_external_turn_tcp_port),
        );
        add(
            Role::EdgeServer,
            AV,
            Udp,
            "mediaRelayExternalTurnUdpPort",
            Some(e.media_relay_external_turn_udp_port),
        );
    }
    out
}

/// (path, property, start, count) of every port range in a pool.
fn ranges(pool: &Pool) -> Vec<(String, &'static str, u16, u16)> {
    let s = &pool.services;
    let mut out = Vec::new();
    if let Some(w) = &s.web_server {
        out.push((
            service_path(pool, "webServer"),
            "appSharingPort",
            w.app_sharing_port_start,
            w.app_sharing_port_count,
        ));
    }
    if let Some(c) = &s.conferencing_server {
        let path = service_path(pool, "conferencingServer");
        out.push((
            path.clone(),
            "audioPort",
            c.audio_port_start,
            c.audio_port_count,
        ));
        out.push((
            path.clone(),
            "videoPort",
            c.video_port_start,
            c.video_port_count,
        ));
        out.push((
            path,
            "appSharingPort",
            c.app_sharing_port_start,
            c.app_sharing_port_count,
        ));
    }
    if let Some(m) = &s.mediation_server {
        out.push((
            service_path(pool, "mediationServer"),
            "audioPort",
            m.audio_port_start,
            m.audio_port_count,
        ));
    }
    if let Some(e) = &s.edge_server {
        out.push((
            service_path(pool, "edgeServer"),
            "mediaCommunicationPort",
            e.media_communication_port_start,
            e.media_communication_port_count,
        ));
    }
    out
}

fn port_ranges(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO004";
    let mut out = Vec::new();
    for pool in &doc.topology.pools {
        for l in listeners(pool) {
            if l.port == 0 {
                out.push(Finding::error(
                    ID,
                    l.path(),
                    format!("{} is 0. Ports must be between 1 and 65535.", l.owner()),
                ));
            }
        }
        for (path, name, start, count) in ranges(pool) {
            let end = u32::from(start) + u32::from(count) - u32::from(count > 0);
            if start == 0 || count == 0 || end > 65535 {
                out.push(Finding::error(ID, format!("{path}.{name}Start"), format!("The range {name}Start {start} with {name}Count {count} must hold at least one port and stay within 1-65535 (it would end at {end}). Lower the start or the count.")));
            }
        }
    }
    out
}

fn port_clashes(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO005";
    let mut out = Vec::new();
    for pool in &doc.topology.pools {
        let all = listeners(pool);
        for (i, l) in all.iter().enumerate() {
            let earlier = all[..i]
                .iter()
                .find(|o| o.side == l.side && o.protocol == l.protocol && o.port == l.port);
            if let Some(first) = earlier {
                out.push(Finding::error(ID, l.path(), format!("{} is {}, which {} already uses on the {} side of {}. Choose a port no other service on the server listens on.", l.owner(), l.port, first.owner(), l.side, pool.fqdn)));
            }
        }
    }
    out
}

fn one_default_sip_domain(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO006";
    let defaults: Vec<&str> = doc
        .topology
        .sip_domains
        .iter()
        .filter(|d| d.is_default)
        .map(|d| d.name.as_str())
        .collect();
    match defaults.len() {
        1 => Vec::new(),
        0 => vec![Finding::error(ID, "topology.sipDomains", "No SIP domain is the default. Mark one with Set-CsSipDomain -Identity <domain> -IsDefault $true.")],
        _ => vec![Finding::error(ID, "topology.sipDomains", format!("{} SIP domains are marked as the default ({}); exactly one may be. Set isDefault to false on all but one.", defaults.len(), defaults.join(", ")))],
    }
}

fn web_ports_differ(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO007";
    let mut out = Vec::new();
    for pool in &doc.topology.pools {
        let Some(w) = &pool.services.web_server else {
            continue;
        };
        let internal = [w.primary_http_port, w.primary_https_port];
        for (key, port) in [
            ("externalHttpPort", w.external_http_port),
            ("externalHttpsPort", w.external_https_port),
        ] {
            if internal.contains(&port) {
                out.push(Finding::error(ID, format!("{}.{key}", service_path(pool, "webServer")), format!("WebServer:{} listens on port {port} for both internal and external web services. The external web site must use its own ports (8080 and 4443 by default); the reverse proxy bridges to them.", pool.fqdn)));
            }
        }
    }
    out
}

fn standard_edition_shape(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO008";
    let mut out = Vec::new();
    for pool in doc
        .topology
        .pools
        .iter()
        .filter(|p| p.kind == PoolKind::StandardEdition)
    {
        let ok = pool.machines.len() == 1 && pool.machines[0].fqdn.eq_ignore_ascii_case(&pool.fqdn);
        if !ok {
            out.push(Finding::error(ID, format!("{}.machines", pool_path(pool)), format!("The Standard Edition pool {} must have exactly one computer, named {} like the pool. Use an EnterpriseFrontEnd pool for several computers.", pool.fqdn, pool.fqdn)));
        }
    }
    out
}

fn certificate_uses_unique(doc: &Document, _: &Context) -> Vec<Finding> {
    const ID: &str = "TOPO009";
    let mut out = Vec::new();
    for (pool, machine) in doc.topology.machines() {
        for usage in super::model::CertificateUse::ALL {
            let holders: Vec<&str> = machine
                .certificates
                .iter()
                .filter(|c| c.uses.contains(&usage))
                .map(|c| c.thumbprint.as_str())
                .collect();
            if holders.len() > 1 {
                out.push(Finding::error(ID, format!("{}.certificates", machine_path(pool, &machine.fqdn)), format!("{} certificates on {} are assigned to {} ({}). Assign the use to one certificate with Set-CsCertificate -Type {} -Thumbprint <thumbprint>.", holders.len(), machine.fqdn, usage.name(), holders.join(", "), usage.name())));
            }
        }
    }
    out
}
