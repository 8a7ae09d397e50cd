//! The topology readers: Get-CsService, Get-CsPool and Get-CsSite. They show the typed
//! topology under Lync's property names and in Lync's order (the view itself lives with the
//! model, in `topology::services`).

use std::rc::Rc;

use super::identity::wildcard_match;
use super::{emit, json_value, SharedDoc};
use crate::engine::command::{BoundParameters, Cmdlet, CommandContext};
use crate::engine::error::{ErrorCategory, ErrorRecord};
use crate::engine::registry::Registry;
use crate::engine::value::{PsObject, Value};
use crate::topology::index::TopologyView;
use crate::topology::model::{Pool, PoolKind, Site};
use crate::topology::services::{Role, ServiceRef};

pub fn register(registry: &mut Registry, doc: SharedDoc) {
    let readers: [(&'static str, Find); 3] = [
        ("Get-CsService", |cx, topology, params| {
            find_services(topology, params, role_switch(cx, params))
        }),
        ("Get-CsPool", |_, topology, params| {
            find_pools(topology, params)
        }),
        ("Get-CsSite", |_, topology, params| {
            find_sites(topology, params)
        }),
    ];
    for (command, find) in readers {
        registry.add(
            command,
            Rc::new(Reader {
                command,
                find,
                doc: doc.clone(),
            }),
        );
    }
}

/// What a reader looks up in the topology for its parameters.
type Find =
    fn(&dyn CommandContext, &TopologyView, &BoundParameters) -> Result<Vec<Value>, ErrorRecord>;

struct Reader {
    command: &'static str,
    find: Find,
    doc: SharedDoc,
}

impl Cmdlet for Reader {
    fn run(
        &self,
        cx: &mut dyn CommandContext,
        params: &BoundParameters,
        _input: Vec<Value>,
    ) -> Result<(), ErrorRecord> {
        let found = (self.find)(cx, &self.doc.borrow().topology(), params);
        emit(cx, found, self.command);
        Ok(())
    }
}

fn not_found(what: &str, identity: &str) -> ErrorRecord {
    ErrorRecord::new(
        ErrorCategory::ObjectNotFound,
        "IdentityNotFound",
        format!("Cannot find {what} \"{identity}\" because it does not exist."),
    )
    .with_target(identity, "String")
}

/// The role switch given, as its catalog name (`WebServer`, `Director`, …).
fn role_switch(cx: &dyn CommandContext, params: &BoundParameters) -> Option<String> {
    cx.definition()
        .parameters
        .iter()
        .filter(|p| p.type_name == "SwitchParameter")
        .map(|p| p.name.clone())
        .find(|name| params.switch(name))
}

fn service_object(topology: &TopologyView, service: &ServiceRef<'_>) -> Value {
    let mut o = PsObject::new(format!(
        "Microsoft.Rtc.Management.Xds.Display{}",
        service.role.name()
    ));
    for (name, value) in service.lync_properties(topology) {
        o.properties.insert(name, json_value(&value));
    }
    o.into_value()
}

/// Get-CsService's objects.
fn find_services(
    topology: &TopologyView,
    params: &BoundParameters,
    role: Option<String>,
) -> Result<Vec<Value>, ErrorRecord> {
    let pool = params.string("PoolFqdn");
    if let Some(id) = params.string("Identity") {
        let service = topology
            .service(&id)
            .ok_or_else(|| not_found("service", &id))?;
        return Ok(vec![service_object(topology, &service)]);
    }
    let filter = params.string("Filter");
    let mut out = Vec::new();
    for service in topology.topology.services() {
        let wanted_role = match role.as_deref() {
            None => true,
            // Directors run a Registrar (and web services) on a Director pool.
            Some("Director") => {
                service.pool.kind == PoolKind::Director && service.role == Role::Registrar
            }
            Some(r) => Role::parse(r) == Some(service.role),
        };
        let in_pool = pool
            .as_deref()
            .is_none_or(|p| service.pool.fqdn.eq_ignore_ascii_case(p));
        let matches = filter
            .as_deref()
            .is_none_or(|f| wildcard_match(f, &service.identity()));
        if wanted_role && in_pool && matches {
            out.push(service_object(topology, &service));
        }
    }
    Ok(out)
}

/// Get-CsPool's objects.
fn find_pools(
    topology: &TopologyView,
    params: &BoundParameters,
) -> Result<Vec<Value>, ErrorRecord> {
    let candidates: Vec<&Pool> = match params.string("Identity") {
        Some(id) => {
            let named: Vec<&Pool> = topology.pools_named(&id).collect();
            if named.is_empty() {
                return Err(not_found("pool", &id));
            }
            named
        }
        None => topology.topology.pools.iter().collect(),
    };
    let mut out = Vec::new();
    let filter = params.string("Filter");
    let site = params.string("Site").map(|s| {
        s.trim_start_matches("site:")
            .trim_start_matches("Site:")
            .to_string()
    });
    for pool in candidates {
        let wanted = filter
            .as_deref()
            .is_none_or(|f| wildcard_match(f, &pool.fqdn))
            && site
                .as_deref()
                .is_none_or(|s| pool.site.eq_ignore_ascii_case(s));
        if !wanted {
            continue;
        }
        let computers: Vec<String> = pool.machines.iter().map(|m| m.fqdn.clone()).collect();
        let o = PsObject::new("Microsoft.Rtc.Management.Deploy.Internal.Cluster")
            .with("Identity", pool.fqdn.clone())
            .with("Services", topology.topology.pool_services(pool))
            .with("Computers", computers)
            .with("Fqdn", pool.fqdn.clone())
            .with("Site", pool.site_identity());
        out.push(o.into_value());
    }
    Ok(out)
}

/// Get-CsSite's objects.
fn find_sites(
    topology: &TopologyView,
    params: &BoundParameters,
) -> Result<Vec<Value>, ErrorRecord> {
    // -Identity picks the first site of that name, and every site named exactly as it is.
    let candidates: Vec<&Site> = match params.string("Identity") {
        Some(id) => {
            let target = topology.site(&id).ok_or_else(|| not_found("site", &id))?;
            topology
                .sites_named(&target.name)
                .filter(|s| s.name == target.name)
                .collect()
        }
        None => topology.topology.sites.iter().collect(),
    };
    let mut out = Vec::new();
    let filter = params.string("Filter");
    for site in candidates {
        let wanted = filter
            .as_deref()
            .is_none_or(|f| wildcard_match(f, &site.identity()));
        if !wanted {
            continue;
        }
        let pools: Vec<_> = topology.pools_of_site(&site.name).collect();
        let services: Vec<String> = pools
            .iter()
            .flat_map(|p| topology.topology.pool_services(p))
            .collect();
        let pool_names: Vec<String> = pools.iter().map(|p| p.fqdn.clone()).collect();
        let kind = match site.site_type {
            crate::topology::model::SiteType::CentralSite => "CentralSite",
            crate::topology::model::SiteType::BranchSite => "BranchSite",
        };
        let o = PsObject::new("Microsoft.Rtc.Management.Xds.DisplaySite")
            .with("Identity", site.identity())
            .with("SiteId", site.site_id)
            .with("Services", services)
            .with("Pools", pool_names)
            .with("FederationRoute", site.federation_route.clone())
            .with("Description", site.description.clone())
            .with("DisplayName", site.name.clone())
            .with("SiteType", kind)
            .with("ParentSite", Value::Null);
        out.push(o.into_value());
    }
    Ok(out)
}
