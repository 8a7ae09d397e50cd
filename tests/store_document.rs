//! The embedded default document: it parses, round-trips byte for byte, and models the seed's
//! lab before mobility is deployed. `LYNCSH_BLESS=1 cargo test --test store_document` rewrites
//! topology/default.yaml in canonical form after a hand edit.

use lyncsh::topology::index::TopologyView;
use lyncsh::topology::model::{CertificateUse, Document, PoolKind};
use lyncsh::topology::{default_document, yaml, DEFAULT_YAML};

#[test]
fn default_yaml_is_canonical() {
    let doc: Document = yaml::from_str(DEFAULT_YAML, &yaml::Limits::default()).unwrap();
    let text = yaml::to_string(&doc).unwrap();
    if std::env::var_os("LYNCSH_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/topology/default.yaml");
        std::fs::write(path, &text).unwrap();
        return;
    }
    assert_eq!(
        text, DEFAULT_YAML,
        "run with LYNCSH_BLESS=1 to canonicalise"
    );
    let again: Document = yaml::from_str(&text, &yaml::Limits::default()).unwrap();
    assert_eq!(again, doc);
}

#[test]
fn default_models_the_seed_lab_before_mobility() {
    let doc = default_document();
    let t = &doc.topology;
    assert_eq!(t.default_sip_domain().unwrap().name, "jacobs.com");
    let fe = t.pool("LyncServer.jacobs.local").unwrap();
    assert_eq!(fe.kind, PoolKind::StandardEdition);
    assert_eq!(fe.version.as_deref(), Some("4.0.7577.183"));
    let web = t.web_server("lyncserver.jacobs.local").unwrap();
    assert_eq!(web.mcx_sip_primary_listening_port, None);
    assert_eq!(web.mcx_sip_external_listening_port, None);
    let (_, machine) = t.machine("lyncserver.jacobs.local").unwrap();
    assert!(machine.has_feature("web-server"));
    assert!(!machine.has_feature("Web-Dyn-Compression"));
    let cert = machine
        .certificate_for(CertificateUse::WebServicesExternal)
        .unwrap();
    assert!(cert.covers("meet.jacobs.com"));
    assert!(!cert.covers("lyncdiscover.jacobs.com"));
    assert_eq!(t.certificates("lyncserver.jacobs.local").len(), 2);
    assert_eq!(
        t.dns_records(
            lyncsh::topology::model::DnsZone::External,
            "lyncdiscover.jacobs.com"
        )
        .count(),
        0
    );
    // The lab has not federated with Lync Online yet (the seed does that).
    assert!(doc.configuration["hostingProviders"].is_empty());
}

#[test]
fn services_have_lync_identities_ids_and_dependents() {
    let doc = default_document();
    let t = &doc.topology;
    let view = TopologyView::new(t);
    let web = t.service("webserver:LYNCSERVER.jacobs.local").unwrap();
    assert_eq!(web.identity(), "WebServer:lyncserver.jacobs.local");
    assert_eq!(view.service_id(&web), "1-WebServices-1");
    assert_eq!(
        view.dependents("WebServer:lyncserver.jacobs.local"),
        [
            "Registrar:lyncserver.jacobs.local",
            "ConferencingServer:lyncserver.jacobs.local"
        ]
    );
    assert_eq!(
        view.dependents("EdgeServer:lyncedge.jacobs.local"),
        [
            "Registrar:lyncserver.jacobs.local",
            "ConferencingServer:lyncserver.jacobs.local",
            "MediationServer:lyncserver.jacobs.local"
        ]
    );
    let props = web.lync_properties(&view);
    let names: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names[..4],
        ["Identity", "FileStore", "UserServer", "PrimaryHttpPort"]
    );
    assert_eq!(
        names[names.len() - 6..],
        [
            "DependentServiceList",
            "ServiceId",
            "SiteId",
            "PoolFqdn",
            "Version",
            "Role"
        ]
    );
    let get = |name: &str| props.iter().find(|(k, _)| k == name).unwrap().1.clone();
    assert_eq!(get("McxSipPrimaryListeningPort"), serde_json::Value::Null);
    assert_eq!(get("ExternalHttpsPort"), 4443);
    assert_eq!(get("MeetExternalUri"), "https://webext.jacobs.com/Meet");
    assert_eq!(get("SiteId"), "Site:London");
    assert_eq!(get("Version"), 5);
    let edge = t.service("EdgeServer:lyncedge.jacobs.local").unwrap();
    let props = edge.lync_properties(&view);
    assert!(props
        .iter()
        .any(|(k, v)| k == "AVEdgeExternalFqdn" && v == "av.jacobs.com"));
    assert_eq!(view.service_id(&edge), "1-EdgeServer-1");
    let fe = t.pool("lyncserver.jacobs.local").unwrap();
    assert_eq!(t.pool_services(fe).len(), 11);
    assert!(t.service("WebServer:tmg.jacobs.local").is_none());
}

#[test]
fn certificates_know_their_validity() {
    let doc = default_document();
    let certs = doc.topology.certificates("lyncserver.jacobs.local");
    let now = lyncsh::topology::time::parse_rfc3339("2026-11-26T00:00:00Z").unwrap();
    assert!(
        certs[0].is_valid_at(now),
        "the assigned certificate is valid in 2026"
    );
    assert!(!certs[1].is_valid_at(now), "the spare one expired in 2012");
    assert_eq!(
        certs[1].validity().map(|(_, to)| to),
        lyncsh::topology::time::parse_rfc3339("2012-11-21T14:03:11Z")
    );
}
