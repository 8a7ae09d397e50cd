//! The Get-CsService view of the topology: each service as an identity (`WebServer:<pool>`),
//! its ServiceId (`1-WebServices-1`), what it depends on and what depends on it, and its
//! properties under Lync's names in Lync's order.

use serde_json::Value;

use super::index::TopologyView;
use super::model::{
    ApplicationServer, CentralManagement, ConferencingServer, Lookup, MediationServer, Pool,
    Registrar, Topology, UserServer, WebServer,
};

/// The `Version` every Lync Server 2010 service reports.
pub const SERVICE_VERSION: u32 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Registrar,
    UserServer,
    WebServer,
    ConferencingServer,
    ApplicationServer,
    MediationServer,
    CentralManagement,
    FileStore,
    UserDatabase,
    ApplicationDatabase,
    CentralManagementDatabase,
    EdgeServer,
}

impl Role {
    /// In the order services are listed on a pool (Get-CsPool's Services).
    pub const ALL: [Role; 12] = [
        Role::Registrar,
        Role::UserServer,
        Role::WebServer,
        Role::ConferencingServer,
        Role::ApplicationServer,
        Role::MediationServer,
        Role::CentralManagement,
        Role::FileStore,
        Role::UserDatabase,
        Role::ApplicationDatabase,
        Role::CentralManagementDatabase,
        Role::EdgeServer,
    ];

    /// The identity prefix and Get-CsService switch name (`WebServer`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Registrar => "Registrar",
            Role::UserServer => "UserServer",
            Role::WebServer => "WebServer",
            Role::ConferencingServer => "ConferencingServer",
            Role::ApplicationServer => "ApplicationServer",
            Role::MediationServer => "MediationServer",
            Role::CentralManagement => "CentralManagement",
            Role::FileStore => "FileStore",
            Role::UserDatabase => "UserDatabase",
            Role::ApplicationDatabase => "ApplicationDatabase",
            Role::CentralManagementDatabase => "CentralManagementDatabase",
            Role::EdgeServer => "EdgeServer",
        }
    }

    /// The topology XML RoleName used inside ServiceIds (`WebServices`).
    pub fn internal_name(self) -> &'static str {
        match self {
            Role::Registrar => "Registrar",
            Role::UserServer => "UserServices",
            Role::WebServer => "WebServices",
            Role::ConferencingServer => "ConfServices",
            Role::ApplicationServer => "ApplicationServer",
            Role::MediationServer => "MediationServer",
            Role::CentralManagement => "CentralMgmt",
            Role::FileStore => "FileStore",
            Role::UserDatabase => "UserStore",
            Role::ApplicationDatabase => "ApplicationStore",
            Role::CentralManagementDatabase => "CentralMgmtStore",
            Role::EdgeServer => "EdgeServer",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.name().eq_ignore_ascii_case(text))
    }

    /// Whether the pool runs the role (without serialising the service, as `value_on` does).
    pub fn runs_on(self, pool: &Pool) -> bool {
        let s = &pool.services;
        match self {
            Role::Registrar => s.registrar.is_some(),
            Role::UserServer => s.user_server.is_some(),
            Role::WebServer => s.web_server.is_some(),
            Role::ConferencingServer => s.conferencing_server.is_some(),
            Role::ApplicationServer => s.application_server.is_some(),
            Role::MediationServer => s.mediation_server.is_some(),
            Role::CentralManagement => s.central_management.is_some(),
            Role::FileStore => s.file_store.is_some(),
            Role::UserDatabase => s.user_database.is_some(),
            Role::ApplicationDatabase => s.application_database.is_some(),
            Role::CentralManagementDatabase => s.central_management_database.is_some(),
            Role::EdgeServer => s.edge_server.is_some(),
        }
    }

    /// The role's service on a pool, serialised (camelCase keys), if the pool runs it.
    fn value_on(self, pool: &Pool) -> Option<Value> {
        let s = &pool.services;
        let v = match self {
            Role::Registrar => s.registrar.as_ref().map(serde_json::to_value),
            Role::UserServer => s.user_server.as_ref().map(serde_json::to_value),
            Role::WebServer => s.web_server.as_ref().map(serde_json::to_value),
            Role::ConferencingServer => s.conferencing_server.as_ref().map(serde_json::to_value),
            Role::ApplicationServer => s.application_server.as_ref().map(serde_json::to_value),
            Role::MediationServer => s.mediation_server.as_ref().map(serde_json::to_value),
            Role::CentralManagement => s.central_management.as_ref().map(serde_json::to_value),
            Role::FileStore => s.file_store.as_ref().map(serde_json::to_value),
            Role::UserDatabase => s.user_database.as_ref().map(serde_json::to_value),
            Role::ApplicationDatabase => s.application_database.as_ref().map(serde_json::to_value),
            Role::CentralManagementDatabase => s
                .central_management_database
                .as_ref()
                .map(serde_json::to_value),
            Role::EdgeServer => s.edge_server.as_ref().map(serde_json::to_value),
        };
        // Plain structs of strings and numbers always serialise.
        v.and_then(Result::ok)
    }
}

/// One service of one pool.
#[derive(Clone, Copy, Debug)]
pub struct ServiceRef<'a> {
    pub role: Role,
    pub pool: &'a Pool,
}

impl<'a> ServiceRef<'a> {
    /// `WebServer:lyncserver.jacobs.local`.
    pub fn identity(&self) -> String {
        format!("{}:{}", self.role.name(), self.pool.fqdn)
    }

    fn value(&self) -> Value {
        self.role.value_on(self.pool).unwrap_or(Value::Null)
    }

    /// Identities this service depends on, in property order.
    pub fn depends_on(&self) -> Vec<String> {
        self.links().map(str::to_string).collect()
    }

    /// [`Self::depends_on`] without copying. Read from the typed service rather than its
    /// serialised form: the topology index asks this of every service in the topology. The
    /// patterns name every field, so a new field must be classified here.
    pub(super) fn links(&self) -> impl Iterator<Item = &'a str> {
        let pool: &'a Pool = self.pool;
        let s = &pool.services;
        let links: Vec<&'a Option<String>> = match self.role {
            Role::Registrar => s.registrar.as_ref().map_or_else(Vec::new, |r| {
                let Registrar {
                    user_server,
                    web_server,
                    edge_server,
                    monitoring_server,
                    archiving_server,
                    backup_registrar,
                    sip_port: _,
                    web_port: _,
                    sip_server_tcp_port: _,
                    enable_automatic_failover: _,
                } = r;
                vec![
                    user_server,
                    web_server,
                    edge_server,
                    monitoring_server,
                    archiving_server,
                    backup_registrar,
                ]
            }),
            Role::UserServer => s.user_server.as_ref().map_or_else(Vec::new, |u| {
                let UserServer {
                    user_database,
                    conference_server,
                    file_store,
                } = u;
                vec![user_database, conference_server, file_store]
            }),
            Role::WebServer => s.web_server.as_ref().map_or_else(Vec::new, |w| {
                let WebServer {
                    file_store,
                    user_server,
                    primary_http_port: _,
                    primary_https_port: _,
                    external_http_port: _,
                    external_https_port: _,
                    published_primary_http_port: _,
                    published_primary_https_port: _,
                    published_external_http_port: _,
                    published_external_https_port: _,
                    reach_primary_psom_server_port: _,
                    reach_external_psom_server_port: _,
                    app_sharing_port_start: _,
                    app_sharing_port_count: _,
                    mcx_sip_primary_listening_port: _,
                    mcx_sip_external_listening_port: _,
                    external_fqdn: _,
                    internal_fqdn: _,
                } = w;
                vec![file_store, user_server]
            }),
            Role::ConferencingServer => s.conferencing_server.as_ref().map_or_else(Vec::new, |c| {
                let ConferencingServer {
                    edge_server,
                    file_store,
                    web_server,
                    user_server,
                    im_sip_port: _,
                    audio_video_sip_port: _,
                    app_sharing_sip_port: _,
                    data_psom_port: _,
                    meeting_psom_port: _,
                    audio_port_start: _,
                    audio_port_count: _,
                    video_port_start: _,
                    video_port_count: _,
                    app_sharing_port_start: _,
                    app_sharing_port_count: _,
                } = c;
                vec![edge_server, file_store, web_server, user_server]
            }),
            Role::ApplicationServer => s.application_server.as_ref().map_or_else(Vec::new, |a| {
                let ApplicationServer {
                    registrar,
                    file_store,
                    application_database,
                } = a;
                vec![registrar, file_store, application_database]
            }),
            Role::MediationServer => s.mediation_server.as_ref().map_or_else(Vec::new, |m| {
                let MediationServer {
                    registrar,
                    edge_server,
                    sip_server_port: _,
                    sip_client_tls_port: _,
                    sip_client_tcp_port: _,
                    audio_port_start: _,
                    audio_port_count: _,
                } = m;
                vec![registrar, edge_server]
            }),
            Role::CentralManagement => s.central_management.as_ref().map_or_else(Vec::new, |c| {
                let CentralManagement {
                    active: _,
                    central_management_database,
                    file_store,
                } = c;
                vec![central_management_database, file_store]
            }),
            Role::EdgeServer => s
                .edge_server
                .as_ref()
                .map_or_else(Vec::new, |e| vec![&e.registrar]),
            // Shares and SQL stores link to nothing.
            Role::FileStore
            | Role::UserDatabase
            | Role::ApplicationDatabase
            | Role::CentralManagementDatabase => Vec::new(),
        };
        links.into_iter().filter_map(Option::as_deref)
    }

    /// Get-CsService's properties: Identity, the service's own properties (with the web
    /// services' computed URIs), then DependentServiceList, ServiceId, SiteId, PoolFqdn,
    /// Version and Role.
    pub fn lync_properties(&self, topology: &TopologyView<'_>) -> Vec<(String, Value)> {
        let mut out = vec![("Identity".to_string(), Value::from(self.identity()))];
        if let Value::Object(map) = self.value() {
            for (key, value) in map {
                if self.role == Role::WebServer && key == "externalFqdn" {
                    out.extend(web_uris(self.pool));
                }
                out.push((lync_property_name(&key), value));
            }
        }
        let dependents = topology.dependents(&self.identity());
        out.push(("DependentServiceList".into(), Value::from(dependents)));
        out.push(("ServiceId".into(), Value::from(topology.service_id(self))));
        out.push(("SiteId".into(), Value::from(self.pool.site_identity())));
        out.push(("PoolFqdn".into(), Value::from(self.pool.fqdn.clone())));
        out.push(("Version".into(), Value::from(SERVICE_VERSION)));
        out.push(("Role".into(), Value::from(self.role.name())));
        out
    }
}

/// camelCase document key → Lync property name (`mcxSipPrimaryListeningPort` →
/// `McxSipPrimaryListeningPort`; acronyms Lync spells in capitals are listed).
pub fn lync_property_name(key: &str) -> String {
    if key == "avEdgeExternalFqdn" {
        return "AVEdgeExternalFqdn".to_string();
    }
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The web service URIs Get-CsService -WebServer prints between AppSharingPortCount and
/// ExternalFqdn, built from the internal and external FQDNs.
fn web_uris(pool: &Pool) -> Vec<(String, Value)> {
    let Some(web) = &pool.services.web_server else {
        return Vec::new();
    };
    let int = web.internal_fqdn.as_str();
    let ext = web.external_fqdn.as_deref();
    let internal = |scheme: &str, path: &str| Value::from(format!("{scheme}://{int}{path}"));
    let external = |scheme: &str, path: &str| match ext {
        Some(ext) => Value::from(format!("{scheme}://{ext}{path}")),
        None => Value::Null,
    };
    vec![
        (
            "LIServiceInternalUri",
            internal("https", "/locationinformation/liservice.svc"),
        ),
        ("ABHandlerInternalUri", internal("https", "/abs/handler")),
        ("ABHandlerExternalUri", external("https", "/abs/handler")),
        (
            "DLExpansionInternalUri",
            internal("https", "/groupexpansion/service.svc"),
        ),
        (
            "DLExpansionExternalUri",
            external("https", "/groupexpansion/service.svc"),
        ),
        (
            "CAHandlerInternalUri",
            internal("https", "/CertProv/CertProvisioningService.svc"),
        ),
        (
            "CAHandlerInternalAnonUri",
            internal("http", "/CertProv/CertProvisioningService.svc"),
        ),
        (
            "CollabContentInternalUri",
            internal("https", "/CollabContent"),
        ),
        (
            "CollabContentExternalUri",
            external("https", "/CollabContent"),
        ),
        (
            "CAHandlerExternalUri",
            external("https", "/CertProv/CertProvisioningService.svc"),
        ),
        (
            "DeviceUpdateDownloadInternalUri",
            internal("https", "/RequestHandler/ucdevice.upx"),
        ),
        (
            "DeviceUpdateDownloadExternalUri",
            external("https", "/RequestHandlerExt/ucdevice.upx"),
        ),
        (
            "DeviceUpdateStoreInternalUri",
            internal("http", "/RequestHandler/Files"),
        ),
        (
            "DeviceUpdateStoreExternalUri",
            external("http", "/RequestHandlerExt/Files"),
        ),
        (
            "RgsAgentServiceInternalUri",
            internal("https", "/RgsClients/AgentService.svc"),
        ),
        (
            "RgsAgentServiceExternalUri",
            external("https", "/RgsClients/AgentService.svc"),
        ),
        ("MeetExternalUri", external("https", "/Meet")),
        ("DialinExternalUri", external("https", "/Dialin")),
        ("CscpInternalUri", internal("https", "/Cscp")),
        ("ReachExternalUri", external("https", "/Reach")),
        ("ReachInternalUri", internal("https", "/Reach")),
        (
            "WebTicketExternalUri",
            external("https", "/WebTicket/WebTicketService.svc"),
        ),
        (
            "WebTicketInternalUri",
            internal("https", "/WebTicket/WebTicketService.svc"),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

pub(super) fn find_service<'a>(
    identity: &str,
    pool: impl FnOnce(&str) -> Option<&'a Pool>,
) -> Option<ServiceRef<'a>> {
    let (role, fqdn) = identity.split_once(':')?;
    let role = Role::parse(role)?;
    let pool = pool(fqdn)?;
    role.runs_on(pool).then_some(ServiceRef { role, pool })
}

impl<'a> Lookup<'a> {
    /// [`Topology::service`] through the index.
    pub fn service(&self, identity: &str) -> Option<ServiceRef<'a>> {
        find_service(identity, |fqdn| self.pool(fqdn))
    }
}

impl Topology {
    /// Every service of every pool, pools in document order and roles in [`Role::ALL`] order.
    pub fn services(&self) -> Vec<ServiceRef<'_>> {
        self.pools
            .iter()
            .flat_map(|pool| {
                Role::ALL
                    .into_iter()
                    .filter(move |r| r.runs_on(pool))
                    .map(move |role| ServiceRef { role, pool })
            })
            .collect()
    }

    /// A service by identity (`WebServer:lyncserver.jacobs.local`, prefix case-insensitive).
    pub fn service(&self, identity: &str) -> Option<ServiceRef<'_>> {
        find_service(identity, |fqdn| self.pool(fqdn))
    }

    /// Identities of a pool's services (Get-CsPool's Services).
    pub fn pool_services(&self, pool: &Pool) -> Vec<String> {
        Role::ALL
            .into_iter()
            .filter(|r| r.runs_on(pool))
            .map(|role| ServiceRef { role, pool }.identity())
            .collect()
    }
}
