//! Large, valid deployments and long admin scripts for benchmarks and scale tests.
//!
//! A generated document is `sites` copies of one realistic site: an Enterprise Edition front
//! end pool of six servers running every front end role with Lync Mobility on, and one
//! server each for the file share, the SQL back end, the Edge and the reverse proxy, so
//! [`SERVERS_PER_SITE`] servers per site. Every server has its certificate (SANs covering
//! its names and the Autodiscover names), its Windows features and its DNS record; each site
//! has a reverse proxy rule and a mobility policy, and the configuration holds hosting
//! providers and allowed domains in proportion. The result passes every validation rule
//! without a finding, so publishing it does the whole work of a real publish.
//!
//! Everything is derived from the indexes, never from a clock or a random source: the same
//! spec gives the same bytes, so benchmark inputs are reproducible.

use serde_json::Value as Json;
use sha1::{Digest, Sha1};

use super::model::{
    ApplicationServer, CentralManagement, Certificate, CertificateUse, ConferencingServer,
    ConfigObject, Configuration, Database, DnsRecord, DnsRecordType, DnsZone, Document, EdgeServer,
    FileStore, Header, Machine, MediationServer, Pool, PoolKind, PublishingRule, Registrar,
    Services, SimpleUrl, SimpleUrlComponent, SipDomain, Site, SiteType, Topology, UserServer,
    WebServer, SCHEMA_VERSION,
};
use crate::catalog::Catalog;
use crate::cmdlets::lync::convert::default_object;

/// Servers in one generated site: six front ends, file store, SQL, Edge, reverse proxy.
pub const SERVERS_PER_SITE: usize = 10;
const FRONT_ENDS_PER_SITE: usize = 6;
/// Configuration objects per site: hosting providers and allowed domains grow with the
/// deployment, as federation lists do in large organisations.
const PROVIDERS_PER_SITE: usize = 1;
const ALLOWED_DOMAINS_PER_SITE: usize = 4;

/// The SIP domains every generated deployment serves; the first is the default.
pub const SIP_DOMAINS: [&str; 2] = ["contoso.com", "fabrikam.com"];
const CU4: &str = "4.0.7577.183";
const LYNC_ONLINE_EDGE: &str = "sipfed.online.lync.com";

/// How big a deployment to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    pub sites: usize,
}

impl Spec {
    /// The benchmark scale: 1× is 10 sites and 100 servers, so 100× is the 1,000-site,
    /// 10,000-server deployment of the budgets.
    pub fn scale(factor: usize) -> Spec {
        Spec { sites: 10 * factor }
    }

    pub fn servers(&self) -> usize {
        self.sites * SERVERS_PER_SITE
    }
}

/// Names of site `i`'s computers and services.
struct SiteNames {
    name: String,
    pool: String,
    front_ends: Vec<String>,
    file_server: String,
    sql: String,
    edge: String,
    proxy: String,
    web_external: String,
}

impl SiteNames {
    fn new(i: usize) -> SiteNames {
        let zone = format!("s{i:04}.contoso.local");
        SiteNames {
            name: site_name(i),
            pool: pool_fqdn(i),
            front_ends: (1..=FRONT_ENDS_PER_SITE)
                .map(|n| format!("fe{n:02}.{zone}"))
                .collect(),
            file_server: format!("fs01.{zone}"),
            sql: format!("sql01.{zone}"),
            edge: format!("edge01.{zone}"),
            proxy: format!("rp01.{zone}"),
            web_external: format!("webext{i:04}.contoso.com"),
        }
    }
}

fn site_name(i: usize) -> String {
    format!("Site{i:04}")
}

/// The front end pool of site `i` (what scripts address with `-Identity`).
pub fn pool_fqdn(i: usize) -> String {
    format!("pool.s{i:04}.contoso.local")
}

fn provider_name(i: usize) -> String {
    format!("Provider{i:05}")
}

fn allowed_domain(i: usize) -> String {
    format!("partner{i:05}.example.org")
}

/// A valid deployment of `spec.sites` sites; see the module documentation for its shape.
pub fn document(spec: &Spec) -> Document {
    let mut topology = Topology {
        sip_domains: SIP_DOMAINS
            .iter()
            .enumerate()
            .map(|(n, d)| SipDomain {
                name: d.to_string(),
                is_default: n == 0,
                authoritative: true,
            })
            .collect(),
        simple_urls: simple_urls(),
        ..Topology::default()
    };
    // Autodiscover is answered once per SIP domain, by the first site's pool.
    for domain in SIP_DOMAINS {
        topology.dns_records.push(record(
            DnsZone::Internal,
            &format!("lyncdiscoverinternal.{domain}"),
            &pool_fqdn(0),
        ));
        topology.dns_records.push(record(
            DnsZone::External,
            &format!("lyncdiscover.{domain}"),
            &SiteNames::new(0).web_external,
        ));
    }
    for i in 0..spec.sites {
        add_site(&mut topology, i);
    }
    Document {
        header: Header {
            schema_version: SCHEMA_VERSION,
            ..Header::default()
        },
        topology,
        configuration: configuration(spec),
    }
}

fn simple_urls() -> Vec<SimpleUrl> {
    let mut urls: Vec<SimpleUrl> = SIP_DOMAINS
        .iter()
        .map(|d| SimpleUrl {
            component: SimpleUrlComponent::Meet,
            domain: d.to_string(),
            url: format!("https://meet.{d}"),
        })
        .collect();
    for (component, host) in [
        (SimpleUrlComponent::Dialin, "dialin"),
        (SimpleUrlComponent::Admin, "admin"),
    ] {
        urls.push(SimpleUrl {
            component,
            domain: "*".into(),
            url: format!("https://{host}.{}", SIP_DOMAINS[0]),
        });
    }
    urls
}

fn add_site(t: &mut Topology, i: usize) {
    let n = SiteNames::new(i);
    t.sites.push(Site {
        name: n.name.clone(),
        site_id: i as u32 + 1,
        description: Some(format!("Generated site {i}")),
        site_type: if i == 0 {
            SiteType::CentralSite
        } else {
            SiteType::BranchSite
        },
        federation_route: Some(format!("EdgeServer:{}", n.edge)),
    });
    t.pools.push(front_end_pool(&n, i == 0));
    t.pools
        .push(single(&n, &n.file_server, PoolKind::FileStore, {
            Services {
                file_store: Some(FileStore {
                    share_name: "LyncShare".into(),
                    unc_path: format!("\\\\{}\\LyncShare", n.file_server),
                    is_dfs_share: false,
                }),
                ..Services::default()
            }
        }));
    let db = || {
        Some(Database {
            sql_instance_name: "rtc".into(),
        })
    };
    t.pools.push(single(
        &n,
        &n.sql,
        PoolKind::Sql,
        Services {
            user_database: db(),
            application_database: db(),
            central_management_database: if i == 0 { db() } else { None },
            ..Services::default()
        },
    ));
    t.pools
        .push(single(&n, &n.edge, PoolKind::Edge, edge_services(&n)));
    t.pools.push(single(
        &n,
        &n.proxy,
        PoolKind::ReverseProxy,
        Services::default(),
    ));
    t.reverse_proxy_rules.push(PublishingRule {
        name: format!("{} External Web Services", n.name),
        proxy: n.proxy.clone(),
        public_names: std::iter::once(n.web_external.clone())
            .chain(SIP_DOMAINS.iter().map(|d| format!("lyncdiscover.{d}")))
            .collect(),
        listener_certificate: certificate(&n.proxy, proxy_names(&n), Vec::new()).thumbprint,
        listener_http_port: 80,
        listener_https_port: 443,
        destination: n.pool.clone(),
        bridge_http_port: 8080,
        bridge_https_port: 4443,
        forward_host_header: true,
        paths: vec!["/*".into()],
    });
    let octet = |host: usize| format!("10.{}.{}.{host}", i / 250, i % 250);
    let internal: Vec<&String> = n
        .front_ends
        .iter()
        .chain([&n.file_server, &n.sql, &n.edge, &n.proxy])
        .collect();
    for (host, fqdn) in internal.into_iter().enumerate() {
        t.dns_records
            .push(record(DnsZone::Internal, fqdn, &octet(host + 10)));
    }
    t.dns_records
        .push(record(DnsZone::Internal, &n.pool, &octet(100)));
    t.dns_records.push(record(
        DnsZone::External,
        &n.web_external,
        &format!("203.0.{}.{}", i / 250, i % 250),
    ));
}

fn record(zone: DnsZone, name: &str, target: &str) -> DnsRecord {
    DnsRecord {
        zone,
        name: name.to_string(),
        record_type: DnsRecordType::A,
        target: target.to_string(),
        port: None,
    }
}

/// A deterministic certificate for `fqdn`: the subject is the computer, the SANs `names`.
fn certificate(fqdn: &str, names: Vec<String>, uses: Vec<CertificateUse>) -> Certificate {
    let hex = |text: &str| -> String {
        Sha1::digest(text.as_bytes())
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect()
    };
    let thumbprint = hex(fqdn);
    Certificate {
        serial_number: thumbprint[..20].to_string(),
        thumbprint,
        subject: format!("CN={fqdn}"),
        alternative_names: names,
        issuer: "CN=contoso-CA, DC=contoso, DC=local".into(),
        not_before: "2024-01-01T00:00:00Z".into(),
        not_after: "2099-01-01T00:00:00Z".into(),
        uses,
    }
}

fn proxy_names(n: &SiteNames) -> Vec<String> {
    std::iter::once(n.web_external.clone())
        .chain(SIP_DOMAINS.iter().map(|d| format!("lyncdiscover.{d}")))
        .collect()
}

fn machine(fqdn: &str, features: &[&str], cert: Certificate) -> Machine {
    Machine {
        fqdn: fqdn.to_string(),
        windows_features: features.iter().map(|f| f.to_string()).collect(),
        certificates: vec![cert],
    }
}

/// A one-computer pool named like its computer.
fn single(n: &SiteNames, fqdn: &str, kind: PoolKind, services: Services) -> Pool {
    let (features, uses, names): (&[&str], _, _) = match kind {
        PoolKind::Edge => (
            &["NET-Framework"],
            vec![CertificateUse::Internal],
            vec![fqdn.to_string()],
        ),
        PoolKind::ReverseProxy => (&[], Vec::new(), proxy_names(n)),
        _ => (&["NET-Framework"], Vec::new(), vec![fqdn.to_string()]),
    };
    Pool {
        fqdn: fqdn.to_string(),
        site: n.name.clone(),
        kind,
        version: (kind != PoolKind::ReverseProxy).then(|| CU4.to_string()),
        machines: vec![machine(fqdn, features, certificate(fqdn, names, uses))],
        services: Box::new(services),
    }
}

fn front_end_pool(n: &SiteNames, central: bool) -> Pool {
    let pool = &n.pool;
    let service = |role: &str, fqdn: &str| Some(format!("{role}:{fqdn}"));
    let file_store = service("FileStore", &n.file_server);
    let edge = service("EdgeServer", &n.edge);
    let web_names = |fe: &str| -> Vec<String> {
        let mut names = vec![fe.to_string(), pool.clone(), n.web_external.clone()];
        for d in SIP_DOMAINS {
            names.push(format!("sip.{d}"));
            names.push(format!("lyncdiscoverinternal.{d}"));
            names.push(format!("lyncdiscover.{d}"));
        }
        names
    };
    let uses = vec![
        CertificateUse::Default,
        CertificateUse::WebServicesInternal,
        CertificateUse::WebServicesExternal,
    ];
    let features = [
        "NET-Framework",
        "Web-Server",
        "Web-Dyn-Compression",
        "Web-Windows-Auth",
    ];
    Pool {
        fqdn: pool.clone(),
        site: n.name.clone(),
        kind: PoolKind::EnterpriseFrontEnd,
        version: Some(CU4.to_string()),
        machines: n
            .front_ends
            .iter()
            .map(|fe| machine(fe, &features, certificate(fe, web_names(fe), uses.clone())))
            .collect(),
        services: Box::new(Services {
            registrar: Some(Registrar {
                user_server: service("UserServer", pool),
                web_server: service("WebServer", pool),
                edge_server: edge.clone(),
                monitoring_server: None,
                archiving_server: None,
                backup_registrar: None,
                sip_port: 5061,
                web_port: 444,
                sip_server_tcp_port: Some(5060),
                enable_automatic_failover: false,
            }),
            user_server: Some(UserServer {
                user_database: service("UserDatabase", &n.sql),
                conference_server: service("ConferencingServer", pool),
                file_store: file_store.clone(),
            }),
            web_server: Some(WebServer {
                file_store: file_store.clone(),
                user_server: service("UserServer", pool),
                primary_http_port: 80,
                primary_https_port: 443,
                external_http_port: 8080,
                external_https_port: 4443,
                published_primary_http_port: 80,
                published_primary_https_port: 443,
                published_external_http_port: 80,
                published_external_https_port: 443,
                reach_primary_psom_server_port: 8060,
                reach_external_psom_server_port: 8061,
                app_sharing_port_start: 49152,
                app_sharing_port_count: 16383,
                mcx_sip_primary_listening_port: Some(5086),
                mcx_sip_external_listening_port: Some(5087),
                external_fqdn: Some(n.web_external.clone()),
                internal_fqdn: pool.clone(),
            }),
            conferencing_server: Some(ConferencingServer {
                edge_server: edge.clone(),
                file_store: file_store.clone(),
                web_server: service("WebServer", pool),
                user_server: service("UserServer", pool),
                im_sip_port: 5062,
                audio_video_sip_port: 5063,
                app_sharing_sip_port: 5065,
                data_psom_port: 8057,
                meeting_psom_port: 8058,
                audio_port_start: 49152,
                audio_port_count: 8348,
                video_port_start: 57501,
                video_port_count: 8034,
                app_sharing_port_start: 49152,
                app_sharing_port_count: 16383,
            }),
            application_server: Some(ApplicationServer {
                registrar: service("Registrar", pool),
                file_store: file_store.clone(),
                application_database: service("ApplicationDatabase", &n.sql),
            }),
            mediation_server: Some(MediationServer {
                registrar: service("Registrar", pool),
                edge_server: edge,
                sip_server_port: 5070,
                sip_client_tls_port: 5067,
                sip_client_tcp_port: None,
                audio_port_start: 49152,
                audio_port_count: 8348,
            }),
            central_management: central.then(|| CentralManagement {
                active: true,
                central_management_database: service("CentralManagementDatabase", &n.sql),
                file_store,
            }),
            ..Services::default()
        }),
    }
}

fn edge_services(n: &SiteNames) -> Services {
    let i = &n.name.to_ascii_lowercase();
    Services {
        edge_server: Some(EdgeServer {
            registrar: Some(format!("Registrar:{}", n.pool)),
            access_edge_internal_sip_port: 5061,
            access_edge_external_sip_port: 5061,
            access_edge_client_sip_port: 443,
            data_psom_server_port: 8057,
            data_psom_client_port: 443,
            media_relay_auth_edge_port: 5062,
            media_relay_internal_turn_tcp_port: 443,
            media_relay_external_turn_tcp_port: 443,
            media_relay_internal_turn_udp_port: 3478,
            media_relay_external_turn_udp_port: 3478,
            media_communication_port_start: 50000,
            media_communication_port_count: 10000,
            access_edge_external_fqdn: format!("sip-{i}.contoso.com"),
            data_edge_external_fqdn: Some(format!("webconf-{i}.contoso.com")),
            av_edge_external_fqdn: Some(format!("av-{i}.contoso.com")),
            internal_interface_fqdn: n.edge.clone(),
            external_mras_fqdn: Some(format!("av-{i}.contoso.com")),
        }),
        ..Services::default()
    }
}

/// The default store's Global settings, then per-site mobility policies, hosting providers
/// (one of them Lync Online, for push notifications) and allowed domains (`push.lync.com`
/// first).
fn configuration(spec: &Spec) -> Configuration {
    let mut config = super::default_document().configuration;
    let catalog = Catalog::embedded();
    let object = |noun: &str, identity: &str, set: &[(&str, Json)]| -> ConfigObject {
        let def = catalog
            .object(noun)
            .unwrap_or_else(|| panic!("the catalog defines {noun}"));
        let mut obj = default_object(def, identity);
        for (key, value) in set {
            obj.insert(key.to_string(), value.clone());
        }
        obj
    };
    let push = |name: &str, obj: ConfigObject, config: &mut Configuration| {
        config.entry(name.to_string()).or_default().push(obj);
    };
    let text = |s: &str| Json::String(s.to_string());
    push(
        "hostingProviders",
        object(
            "CsHostingProvider",
            "LyncOnline",
            &[
                ("Name", text("LyncOnline")),
                ("ProxyFqdn", text(LYNC_ONLINE_EDGE)),
                ("VerificationLevel", text("UseSourceVerification")),
                ("Enabled", Json::Bool(true)),
            ],
        ),
        &mut config,
    );
    for i in 0..spec.sites * PROVIDERS_PER_SITE {
        let name = provider_name(i);
        let fqdn = format!("sip.provider{i:05}.example.net");
        push(
            "hostingProviders",
            object(
                "CsHostingProvider",
                &name,
                &[("Name", text(&name)), ("ProxyFqdn", text(&fqdn))],
            ),
            &mut config,
        );
    }
    let domains = std::iter::once("push.lync.com".to_string())
        .chain((0..spec.sites * ALLOWED_DOMAINS_PER_SITE).map(allowed_domain));
    for domain in domains {
        push(
            "allowedDomains",
            object("CsAllowedDomain", &domain, &[("Domain", text(&domain))]),
            &mut config,
        );
    }
    for i in 0..spec.sites {
        push(
            "mobilityPolicies",
            object(
                "CsMobilityPolicy",
                &format!("Site:{}", site_name(i)),
                &[("EnableOutsideVoice", Json::Bool(i % 2 == 0))],
            ),
            &mut config,
        );
    }
    config
}

/// Changes about `percent` per cent of the document's objects in place, keeping it valid:
/// every n-th computer gains a Windows feature, every n-th allowed domain a comment and every
/// n-th mobility policy a description. Returns how many objects changed.
pub fn change(doc: &mut Document, percent: usize) -> usize {
    let every = 100 / percent.clamp(1, 100);
    let mut changed = 0;
    let machines = doc
        .topology
        .pools
        .iter_mut()
        .flat_map(|p| p.machines.iter_mut());
    for m in machines.step_by(every) {
        m.windows_features.push("Web-Http-Tracing".into());
        changed += 1;
    }
    for (collection, key, value) in [
        ("allowedDomains", "Comment", "reviewed"),
        ("mobilityPolicies", "Description", "reviewed"),
    ] {
        for obj in doc
            .configuration
            .get_mut(collection)
            .into_iter()
            .flatten()
            .step_by(every)
        {
            obj.insert(key.into(), Json::String(value.into()));
            changed += 1;
        }
    }
    changed
}

/// A script of `statements` statements against a deployment made by [`document`] with the
/// same spec, in the mix an admin's change script has: reads of pools, services and
/// settings, Set- on web services, providers and policies, New- allowed domains and
/// policies. Every statement succeeds, so the script measures work, not error reporting.
pub fn script(spec: &Spec, statements: usize) -> String {
    let sites = spec.sites.max(1);
    let providers = sites * PROVIDERS_PER_SITE;
    let domains = sites * ALLOWED_DOMAINS_PER_SITE;
    let mut out = String::with_capacity(statements * 80);
    for k in 0..statements {
        let site = k % sites;
        let pool = pool_fqdn(site);
        let line = match k % 10 {
            0 => format!("Get-CsPool -Identity {pool}"),
            1 => format!("Get-CsService -Identity WebServer:{pool}"),
            2 => format!(
                "Set-CsWebServer -Identity WebServer:{pool} -McxSipPrimaryListeningPort {} -McxSipExternalListeningPort {}",
                5086 + 2 * (k % 2),
                5087 + 2 * (k % 2)
            ),
            3 => format!(
                "Set-CsHostingProvider -Identity {} -Enabled ${}",
                provider_name(k % providers),
                k % 4 == 3
            ),
            4 => format!("New-CsAllowedDomain -Identity added{k:06}.example.org"),
            5 => format!("Get-CsAllowedDomain -Identity {}", allowed_domain(k % domains)),
            6 => format!(
                "Set-CsMobilityPolicy -Identity Site:{} -EnableOutsideVoice ${}",
                site_name(site),
                k % 4 == 2
            ),
            7 => format!("New-CsMobilityPolicy -Identity Tag:Generated{k:06} -EnableOutsideVoice $false"),
            8 => format!("Get-CsSite -Identity Site:{}", site_name(site)),
            _ => format!("Get-CsHostingProvider -Identity {}", provider_name(k % providers)),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}
