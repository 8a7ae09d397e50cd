//! The document: one YAML file describing a whole Lync deployment.
//!
//! `topology` is typed (SIP domains, sites, pools with their machines and services, simple
//! URLs, DNS records, reverse proxy rules); the `configuration` part holds the Central
//! Management Store's settings collections as ordered property bags, so that one generic
//! Get/Set/New/Remove implementation, driven by the catalog's object definitions, serves every
//! `Cs…Configuration`, policy and list noun.
//!
//! Conventions of the YAML form: keys are camelCase and serialise in field order; every
//! optional property is written (as `null` when unset) so a hand editor sees what exists and a
//! diff shows `null → 5086`; times are RFC 3339 UTC strings (`2011-11-30T09:00:00Z`, see
//! [`super::time`]); references to services are their Lync identities
//! (`FileStore:lyncserver.jacobs.local`).

use std::collections::HashMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The current document schema version; a store refuses documents of any other.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub header: Header,
    pub topology: Topology,
    pub configuration: Configuration,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Header {
    pub schema_version: u32,
    /// The published version number; 0 for a document that was never published.
    pub version: u64,
    /// The version this one was made from (a draft's base), if any.
    #[serde(default)]
    pub parent: Option<u64>,
    #[serde(default)]
    pub author: String,
    /// RFC 3339 UTC time of publishing.
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub message: String,
    /// How many objects changed against the parent (Get-CsTopologyVersion's Changes).
    #[serde(default)]
    pub changes: u64,
    /// SHA-256 (hex) of the serialised `topology` and `configuration`; empty when unpublished.
    #[serde(default)]
    pub checksum: String,
}

/// The Central Management Store settings: collection name (an [`ObjectDef`]'s `collection`,
/// e.g. `hostingProviders`) to its instances, each an ordered map of property name to value
/// with `Identity` first.
///
/// [`ObjectDef`]: crate::catalog::schema::ObjectDef
pub type Configuration = IndexMap<String, Vec<ConfigObject>>;

/// One settings instance: `Identity`, then the properties in the catalog's order.
pub type ConfigObject = IndexMap<String, serde_json::Value>;

/// The servers and how they are wired: what Topology Builder edits and publishes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Topology {
    #[serde(default)]
    pub sip_domains: Vec<SipDomain>,
    #[serde(default)]
    pub sites: Vec<Site>,
    #[serde(default)]
    pub pools: Vec<Pool>,
    #[serde(default)]
    pub simple_urls: Vec<SimpleUrl>,
    #[serde(default)]
    pub dns_records: Vec<DnsRecord>,
    #[serde(default)]
    pub reverse_proxy_rules: Vec<PublishingRule>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SipDomain {
    pub name: String,
    #[serde(default)]
    pub is_default: bool,
    #[serde(default = "yes")]
    pub authoritative: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Site {
    /// The display name; the identity is `Site:<name>`.
    pub name: String,
    /// The numeric site id used in ServiceIds (`1-WebServices-1`).
    pub site_id: u32,
    #[serde(default)]
    pub description: Option<String>,
    pub site_type: SiteType,
    /// The Edge service federated traffic leaves through (`EdgeServer:<edge pool>`).
    #[serde(default)]
    pub federation_route: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SiteType {
    CentralSite,
    BranchSite,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Pool {
    /// The pool FQDN; for a Standard Edition server it is also its one machine's FQDN.
    pub fqdn: String,
    /// The name of the site the pool belongs to (not its `Site:` identity).
    pub site: String,
    pub kind: PoolKind,
    /// Server build of the Lync "Core Components" (e.g. `4.0.7577.183` = CU4, November 2011);
    /// `null` for servers that do not run Lync (reverse proxy, SQL, file servers).
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub machines: Vec<Machine>,
    #[serde(default)]
    pub services: Box<Services>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum PoolKind {
    StandardEdition,
    EnterpriseFrontEnd,
    Director,
    Edge,
    Mediation,
    Monitoring,
    Archiving,
    ReverseProxy,
    FileStore,
    Sql,
}

impl PoolKind {
    /// Pools that home users and run the web services: where mobility is deployed.
    pub fn is_front_end(self) -> bool {
        matches!(
            self,
            PoolKind::StandardEdition | PoolKind::EnterpriseFrontEnd
        )
    }
}

/// One computer: its certificate store and installed Windows features.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Machine {
    pub fqdn: String,
    /// Server Manager feature names (`Web-Server`, `Web-Dyn-Compression`, …).
    #[serde(default)]
    pub windows_features: Vec<String>,
    /// The computer's Personal certificate store, with the Lync uses each is assigned to.
    #[serde(default)]
    pub certificates: Vec<Certificate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Certificate {
    /// SHA-1 of the DER encoding, 40 upper-case hex digits.
    pub thumbprint: String,
    pub subject: String,
    #[serde(default)]
    pub alternative_names: Vec<String>,
    pub issuer: String,
    pub serial_number: String,
    /// RFC 3339 UTC.
    pub not_before: String,
    /// RFC 3339 UTC.
    pub not_after: String,
    /// The Lync uses (Set-CsCertificate -Type) this certificate is assigned to; empty when it
    /// merely sits in the store.
    #[serde(default)]
    pub uses: Vec<CertificateUse>,
}

/// Lync's CertType values (the Lync 2010 subset plus the mobility push services).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum CertificateUse {
    Default,
    WebServicesInternal,
    WebServicesExternal,
    Internal,
    External,
    AccessEdgeExternal,
    DataEdgeExternal,
    AudioVideoAuthentication,
    #[serde(rename = "iPhoneAPNService")]
    IPhoneApnService,
    #[serde(rename = "iPadAPNService")]
    IPadApnService,
    #[serde(rename = "MPNService")]
    MpnService,
    WsFedTokenTransfer,
}

impl CertificateUse {
    pub const ALL: [CertificateUse; 12] = [
        CertificateUse::Default,
        CertificateUse::WebServicesInternal,
        CertificateUse::WebServicesExternal,
        CertificateUse::Internal,
        CertificateUse::External,
        CertificateUse::AccessEdgeExternal,
        CertificateUse::DataEdgeExternal,
        CertificateUse::AudioVideoAuthentication,
        CertificateUse::IPhoneApnService,
        CertificateUse::IPadApnService,
        CertificateUse::MpnService,
        CertificateUse::WsFedTokenTransfer,
    ];

    /// The name as Lync prints and parses it (`-Type WebServicesInternal`).
    pub fn name(self) -> &'static str {
        match self {
            CertificateUse::Default => "Default",
            CertificateUse::WebServicesInternal => "WebServicesInternal",
            CertificateUse::WebServicesExternal => "WebServicesExternal",
            CertificateUse::Internal => "Internal",
            CertificateUse::External => "External",
            CertificateUse::AccessEdgeExternal => "AccessEdgeExternal",
            CertificateUse::DataEdgeExternal => "DataEdgeExternal",
            CertificateUse::AudioVideoAuthentication => "AudioVideoAuthentication",
            CertificateUse::IPhoneApnService => "iPhoneAPNService",
            CertificateUse::IPadApnService => "iPadAPNService",
            CertificateUse::MpnService => "MPNService",
            CertificateUse::WsFedTokenTransfer => "WsFedTokenTransfer",
        }
    }

    /// Case-insensitive, as PowerShell binds enum values.
    pub fn parse(text: &str) -> Option<CertificateUse> {
        Self::ALL
            .into_iter()
            .find(|u| u.name().eq_ignore_ascii_case(text))
    }
}

/// The services (roles) a pool runs, each `Role:<pool fqdn>` in Lync's identities. Absent
/// roles are left out of the YAML.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Services {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registrar: Option<Registrar>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_server: Option<UserServer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_server: Option<WebServer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conferencing_server: Option<ConferencingServer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_server: Option<ApplicationServer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mediation_server: Option<MediationServer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_management: Option<CentralManagement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_store: Option<FileStore>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_database: Option<Database>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_database: Option<Database>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub central_management_database: Option<Database>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edge_server: Option<EdgeServer>,
}

/// Properties in Get-CsService -Registrar order; links are service identities.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Registrar {
    pub user_server: Option<String>,
    pub web_server: Option<String>,
    #[serde(default)]
    pub edge_server: Option<String>,
    #[serde(default)]
    pub monitoring_server: Option<String>,
    #[serde(default)]
    pub archiving_server: Option<String>,
    #[serde(default)]
    pub backup_registrar: Option<String>,
    pub sip_port: u16,
    pub web_port: u16,
    /// Optional TCP listener for static routes and trusted services (5060 when defined).
    #[serde(default)]
    pub sip_server_tcp_port: Option<u16>,
    #[serde(default)]
    pub enable_automatic_failover: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct UserServer {
    pub user_database: Option<String>,
    pub conference_server: Option<String>,
    #[serde(default)]
    pub file_store: Option<String>,
}

/// The IIS web services of a pool, in Get-CsService -WebServer order (the computed URIs are
/// added by [`super::services`]). The internal and external listening ports are on the
/// servers; the published ports are what the load balancer / reverse proxy exposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WebServer {
    pub file_store: Option<String>,
    pub user_server: Option<String>,
    pub primary_http_port: u16,
    pub primary_https_port: u16,
    pub external_http_port: u16,
    pub external_https_port: u16,
    pub published_primary_http_port: u16,
    pub published_primary_https_port: u16,
    pub published_external_http_port: u16,
    pub published_external_https_port: u16,
    pub reach_primary_psom_server_port: u16,
    pub reach_external_psom_server_port: u16,
    pub app_sharing_port_start: u16,
    pub app_sharing_port_count: u16,
    /// Lync Mobility (CU4): unset until an admin runs Set-CsWebServer -McxSip…ListeningPort.
    #[serde(default)]
    pub mcx_sip_primary_listening_port: Option<u16>,
    #[serde(default)]
    pub mcx_sip_external_listening_port: Option<u16>,
    pub external_fqdn: Option<String>,
    pub internal_fqdn: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConferencingServer {
    #[serde(default)]
    pub edge_server: Option<String>,
    #[serde(default)]
    pub file_store: Option<String>,
    #[serde(default)]
    pub web_server: Option<String>,
    #[serde(default)]
    pub user_server: Option<String>,
    pub im_sip_port: u16,
    pub audio_video_sip_port: u16,
    pub app_sharing_sip_port: u16,
    pub data_psom_port: u16,
    pub meeting_psom_port: u16,
    pub audio_port_start: u16,
    pub audio_port_count: u16,
    pub video_port_start: u16,
    pub video_port_count: u16,
    pub app_sharing_port_start: u16,
    pub app_sharing_port_count: u16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApplicationServer {
    pub registrar: Option<String>,
    pub file_store: Option<String>,
    pub application_database: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MediationServer {
    pub registrar: Option<String>,
    #[serde(default)]
    pub edge_server: Option<String>,
    pub sip_server_port: u16,
    pub sip_client_tls_port: u16,
    /// None by default; 5068 is created when a TCP gateway is added.
    #[serde(default)]
    pub sip_client_tcp_port: Option<u16>,
    pub audio_port_start: u16,
    pub audio_port_count: u16,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CentralManagement {
    pub active: bool,
    pub central_management_database: Option<String>,
    pub file_store: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct FileStore {
    pub share_name: String,
    pub unc_path: String,
    #[serde(default)]
    pub is_dfs_share: bool,
}

/// A SQL store (user, application or Central Management database).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Database {
    pub sql_instance_name: String,
}

/// Edge pool services, in Get-CsService -EdgeServer order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EdgeServer {
    /// The next hop: `Registrar:<Director or front end pool>`.
    pub registrar: Option<String>,
    pub access_edge_internal_sip_port: u16,
    pub access_edge_external_sip_port: u16,
    pub access_edge_client_sip_port: u16,
    pub data_psom_server_port: u16,
    pub data_psom_client_port: u16,
    pub media_relay_auth_edge_port: u16,
    pub media_relay_internal_turn_tcp_port: u16,
    pub media_relay_external_turn_tcp_port: u16,
    pub media_relay_internal_turn_udp_port: u16,
    pub media_relay_external_turn_udp_port: u16,
    pub media_communication_port_start: u16,
    pub media_communication_port_count: u16,
    pub access_edge_external_fqdn: String,
    pub data_edge_external_fqdn: Option<String>,
    #[serde(rename = "avEdgeExternalFqdn")]
    pub av_edge_external_fqdn: Option<String>,
    pub internal_interface_fqdn: String,
    pub external_mras_fqdn: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SimpleUrl {
    pub component: SimpleUrlComponent,
    /// A SIP domain for Meet; `*` for Dialin and Admin.
    pub domain: String,
    pub url: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum SimpleUrlComponent {
    Meet,
    Dialin,
    Admin,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DnsRecord {
    pub zone: DnsZone,
    /// The owner name (`lyncdiscover.jacobs.com`, `_sip._tls.jacobs.com`).
    pub name: String,
    #[serde(rename = "type")]
    pub record_type: DnsRecordType,
    /// An IP address (A), a host name (CNAME, SRV).
    pub target: String,
    /// SRV only.
    #[serde(default)]
    pub port: Option<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DnsZone {
    Internal,
    External,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DnsRecordType {
    A,
    CNAME,
    SRV,
}

/// A reverse proxy (Forefront TMG) web publishing rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PublishingRule {
    pub name: String,
    /// FQDN of the reverse proxy machine (a ReverseProxy pool) that holds the rule.
    pub proxy: String,
    pub public_names: Vec<String>,
    /// Thumbprint of the web listener's certificate, in the proxy machine's store.
    pub listener_certificate: String,
    pub listener_http_port: u16,
    pub listener_https_port: u16,
    /// The internal site name requests go to (the front end pool or Director).
    pub destination: String,
    /// Bridging tab: "Redirect requests to HTTP port" (8080 = Lync's external web site).
    pub bridge_http_port: u16,
    /// Bridging tab: "Redirect requests to SSL port" (4443).
    pub bridge_https_port: u16,
    pub forward_host_header: bool,
    #[serde(default = "all_paths")]
    pub paths: Vec<String>,
}

fn yes() -> bool {
    true
}

fn all_paths() -> Vec<String> {
    vec!["/*".to_string()]
}

fn eq_fqdn(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl Topology {
    pub fn default_sip_domain(&self) -> Option<&SipDomain> {
        self.sip_domains.iter().find(|d| d.is_default)
    }

    pub fn site(&self, name: &str) -> Option<&Site> {
        let name = site_name(name);
        self.sites
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// An index for many lookups by name, built in one pass.
    pub fn lookup(&self) -> Lookup<'_> {
        let mut lookup = Lookup {
            sites: HashMap::with_capacity(self.sites.len()),
            pools: HashMap::with_capacity(self.pools.len()),
            machines: HashMap::new(),
        };
        // The first of duplicated names wins, as in the scans of `site`, `pool`, `machine`.
        for s in &self.sites {
            lookup.sites.entry(s.name.to_ascii_lowercase()).or_insert(s);
        }
        for p in &self.pools {
            lookup.pools.entry(p.fqdn.to_ascii_lowercase()).or_insert(p);
        }
        for (p, m) in self.machines() {
            lookup
                .machines
                .entry(m.fqdn.to_ascii_lowercase())
                .or_insert((p, m));
        }
        lookup
    }

    pub fn pool(&self, fqdn: &str) -> Option<&Pool> {
        self.pools.iter().find(|p| eq_fqdn(&p.fqdn, fqdn))
    }

    pub fn pool_mut(&mut self, fqdn: &str) -> Option<&mut Pool> {
        self.pools.iter_mut().find(|p| eq_fqdn(&p.fqdn, fqdn))
    }

    /// The machine with this FQDN and the pool it belongs to.
    pub fn machine(&self, fqdn: &str) -> Option<(&Pool, &Machine)> {
        self.pools.iter().find_map(|p| {
            p.machines
                .iter()
                .find(|m| eq_fqdn(&m.fqdn, fqdn))
                .map(|m| (p, m))
        })
    }

    pub fn machine_mut(&mut self, fqdn: &str) -> Option<&mut Machine> {
        self.pools
            .iter_mut()
            .flat_map(|p| p.machines.iter_mut())
            .find(|m| eq_fqdn(&m.fqdn, fqdn))
    }

    pub fn machines(&self) -> impl Iterator<Item = (&Pool, &Machine)> {
        self.pools
            .iter()
            .flat_map(|p| p.machines.iter().map(move |m| (p, m)))
    }

    /// The web services of a pool, by pool FQDN.
    pub fn web_server(&self, pool_fqdn: &str) -> Option<&WebServer> {
        self.pool(pool_fqdn)?.services.web_server.as_ref()
    }

    pub fn web_server_mut(&mut self, pool_fqdn: &str) -> Option<&mut WebServer> {
        self.pool_mut(pool_fqdn)?.services.web_server.as_mut()
    }

    /// The certificate store of a machine (empty for an unknown machine).
    pub fn certificates(&self, machine_fqdn: &str) -> &[Certificate] {
        self.machine(machine_fqdn)
            .map(|(_, m)| m.certificates.as_slice())
            .unwrap_or(&[])
    }

    /// Standard Edition and Enterprise front end pools, in document order.
    pub fn front_end_pools(&self) -> impl Iterator<Item = &Pool> {
        self.pools.iter().filter(|p| p.kind.is_front_end())
    }

    pub fn dns_records(&self, zone: DnsZone, name: &str) -> impl Iterator<Item = &DnsRecord> {
        let name = name.to_string();
        self.dns_records
            .iter()
            .filter(move |r| r.zone == zone && eq_fqdn(&r.name, &name))
    }
}

/// `Site:London` or `London` → `London`.
pub fn site_name(name: &str) -> &str {
    name.strip_prefix("Site:")
        .or_else(|| name.strip_prefix("site:"))
        .unwrap_or(name)
}

/// Case-insensitive lookups by name in constant time, for passes that look up something for
/// every object of a document (validation), where the scans of [`Topology::pool`] and
/// friends would make them quadratic in large deployments. Same answers as those scans.
#[derive(Debug)]
pub struct Lookup<'a> {
    sites: HashMap<String, &'a Site>,
    pools: HashMap<String, &'a Pool>,
    machines: HashMap<String, (&'a Pool, &'a Machine)>,
}

impl<'a> Lookup<'a> {
    pub fn site(&self, name: &str) -> Option<&'a Site> {
        self.sites
            .get(&site_name(name).to_ascii_lowercase())
            .copied()
    }

    pub fn pool(&self, fqdn: &str) -> Option<&'a Pool> {
        self.pools.get(&fqdn.to_ascii_lowercase()).copied()
    }

    pub fn machine(&self, fqdn: &str) -> Option<(&'a Pool, &'a Machine)> {
        self.machines.get(&fqdn.to_ascii_lowercase()).copied()
    }

    pub fn web_server(&self, pool_fqdn: &str) -> Option<&'a WebServer> {
        self.pool(pool_fqdn)?.services.web_server.as_ref()
    }
}

impl Pool {
    /// `Site:<name>`, as Get-CsPool prints it.
    pub fn site_identity(&self) -> String {
        format!("Site:{}", self.site)
    }
}

impl Site {
    pub fn identity(&self) -> String {
        format!("Site:{}", self.name)
    }
}

impl Machine {
    pub fn certificate(&self, thumbprint: &str) -> Option<&Certificate> {
        self.certificates
            .iter()
            .find(|c| c.thumbprint.eq_ignore_ascii_case(thumbprint))
    }

    pub fn certificate_mut(&mut self, thumbprint: &str) -> Option<&mut Certificate> {
        self.certificates
            .iter_mut()
            .find(|c| c.thumbprint.eq_ignore_ascii_case(thumbprint))
    }

    /// The certificate assigned to a use, if any.
    pub fn certificate_for(&self, usage: CertificateUse) -> Option<&Certificate> {
        self.certificates.iter().find(|c| c.uses.contains(&usage))
    }

    pub fn has_feature(&self, name: &str) -> bool {
        self.windows_features
            .iter()
            .any(|f| f.eq_ignore_ascii_case(name))
    }
}

impl Certificate {
    /// `(not_before, not_after)` in Unix seconds; `None` when either is not RFC 3339.
    pub fn validity(&self) -> Option<(i64, i64)> {
        let parse = super::time::parse_rfc3339;
        Some((parse(&self.not_before)?, parse(&self.not_after)?))
    }

    /// Whether `now` (Unix seconds) lies within the validity period.
    pub fn is_valid_at(&self, now: i64) -> bool {
        self.validity()
            .is_some_and(|(from, to)| from <= now && now <= to)
    }

    /// Whether the name is covered by the subject CN or a SAN (with `*.` wildcards).
    pub fn covers(&self, name: &str) -> bool {
        let cn = self
            .subject
            .split(',')
            .find_map(|part| part.trim().strip_prefix("CN="));
        cn.into_iter()
            .chain(self.alternative_names.iter().map(String::as_str))
            .any(|pattern| name_matches(pattern, name))
    }
}

fn name_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => name
            .split_once('.')
            .is_some_and(|(_, rest)| eq_fqdn(rest, suffix)),
        None => eq_fqdn(pattern, name),
    }
}

impl Document {
    /// SHA-256 (lower-case hex) of the serialised `topology` and `configuration`: stable
    /// because serialisation is, so a published version re-checks against its header.
    pub fn content_checksum(&self) -> Result<String, super::yaml::YamlError> {
        Ok(super::rendered::Rendered::of(self)?.checksum().to_string())
    }

    /// The YAML of `topology` and `configuration` without the header.
    pub fn content_yaml(&self) -> Result<String, super::yaml::YamlError> {
        super::yaml::to_string(&super::rendered::Content {
            topology: &self.topology,
            configuration: &self.configuration,
        })
    }

    /// Whether two documents hold the same deployment, whatever their headers say.
    pub fn same_content(&self, other: &Document) -> bool {
        self.topology == other.topology && self.configuration == other.configuration
    }
}
