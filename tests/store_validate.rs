//! The structural validation rules: the default lab is clean, and each rule trips on a
//! document broken in its way, with the exact finding.

use lyncsh::topology::default_document;
use lyncsh::topology::model::{CertificateUse, Document, PoolKind, SipDomain};
use lyncsh::topology::validate::{self, Context, Finding, Rule, Severity};

fn cx() -> Context {
    // 2026-11-26T00:00:00Z: rules never read the wall clock in tests.
    Context { now: 1_795_651_200 }
}

fn structural(doc: &Document) -> Vec<Finding> {
    validate::STRUCTURAL
        .iter()
        .flat_map(|r| (r.check)(doc, &cx()))
        .collect()
}

fn only(doc: &Document) -> Finding {
    let findings = structural(doc);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    findings.into_iter().next().unwrap()
}

fn err(rule_id: &'static str, path: &str, message: &str) -> Finding {
    Finding::error(rule_id, path, message)
}

#[test]
fn the_default_lab_has_no_structural_findings() {
    assert_eq!(structural(&default_document()), []);
}

#[test]
fn topo001_identities_are_unique() {
    let mut doc = default_document();
    let pool = doc.topology.pools[2].clone();
    doc.topology.pools.push(pool);
    let findings = structural(&doc);
    assert_eq!(
        findings[..2],
        [
            err("TOPO001", "topology.pools[tmg.jacobs.local]", "The pool tmg.jacobs.local is defined more than once. Pool FQDNs must be unique in the topology."),
            err("TOPO001", "topology.pools.machines[tmg.jacobs.local]", "The computer tmg.jacobs.local belongs to more than one pool. Remove it from all pools but one."),
        ]
    );
    let mut doc = default_document();
    let d = doc.topology.sip_domains[0].clone();
    doc.topology.sip_domains.push(SipDomain {
        is_default: false,
        ..d
    });
    assert_eq!(
        only(&doc),
        err(
            "TOPO001",
            "topology.sipDomains[jacobs.com]",
            "The SIP domain jacobs.com is defined more than once. Remove the duplicate entry."
        )
    );
}

#[test]
fn topo002_references_resolve() {
    let mut doc = default_document();
    doc.topology.pools[0]
        .services
        .web_server
        .as_mut()
        .unwrap()
        .file_store = Some("FileStore:fs01.jacobs.local".into());
    assert_eq!(only(&doc), err("TOPO002", "topology.pools[lyncserver.jacobs.local].services.webServer", "WebServer:lyncserver.jacobs.local depends on FileStore:fs01.jacobs.local, which is not defined in the topology. Add the FileStore service to that pool or point WebServer:lyncserver.jacobs.local at an existing FileStore."));

    let mut doc = default_document();
    doc.topology.pools[1].site = "Paris".into();
    assert_eq!(only(&doc), err("TOPO002", "topology.pools[lyncedge.jacobs.local].site", "The pool lyncedge.jacobs.local belongs to the site 'Paris', which is not defined. Add the site or move the pool to an existing site."));

    let mut doc = default_document();
    doc.topology.reverse_proxy_rules[0].listener_certificate = "00".repeat(20);
    assert_eq!(only(&doc), err("TOPO002", "topology.reverseProxyRules[Lync External Web Services].listenerCertificate", "The web listener certificate 0000000000000000000000000000000000000000 is not in the certificate store of tmg.jacobs.local. Import the certificate on the reverse proxy or pick one that is there."));

    let mut doc = default_document();
    doc.topology.sites[0].federation_route = Some("Registrar:lyncserver.jacobs.local".into());
    assert_eq!(only(&doc), err("TOPO002", "topology.sites[London].federationRoute", "The federation route of Site:London is Registrar:lyncserver.jacobs.local, which is not an Edge service in the topology. Set it to EdgeServer:<edge pool FQDN> or remove it."));
}

#[test]
fn topo003_netbios_names_are_not_fqdns() {
    let mut doc = default_document();
    doc.topology.pools[1]
        .services
        .edge_server
        .as_mut()
        .unwrap()
        .internal_interface_fqdn = "LYNCEDGE".into();
    assert_eq!(only(&doc), err("TOPO003", "topology.pools[lyncedge.jacobs.local].services.edgeServer.internalInterfaceFqdn", "The Edge FQDN 'LYNCEDGE' is not valid: it is a NetBIOS name, not a fully qualified domain name (NetBIOSNameNotAllowed). Use a fully qualified domain name such as lyncserver.contoso.local."));
    let mut doc = default_document();
    doc.topology.dns_records[0].name = "bad_name.jacobs.local".into();
    assert_eq!(only(&doc), err("TOPO003", "topology.dnsRecords[bad_name.jacobs.local]", "The DNS record name 'bad_name.jacobs.local' is not valid: the label 'bad_name' may only hold letters, digits and inner hyphens. Use a fully qualified domain name such as lyncserver.contoso.local."));
}

#[test]
fn topo004_ports_and_ranges_stay_in_range() {
    let mut doc = default_document();
    doc.topology.pools[0]
        .services
        .conferencing_server
        .as_mut()
        .unwrap()
        .video_port_count = 9000;
    assert_eq!(only(&doc), err("TOPO004", "topology.pools[lyncserver.jacobs.local].services.conferencingServer.videoPortStart", "The range videoPortStart 57501 with videoPortCount 9000 must hold at least one port and stay within 1-65535 (it would end at 66500). Lower the start or the count."));
    let mut doc = default_document();
    doc.topology.pools[0]
        .services
        .registrar
        .as_mut()
        .unwrap()
        .sip_server_tcp_port = Some(0);
    assert_eq!(only(&doc), err("TOPO004", "topology.pools[lyncserver.jacobs.local].services.registrar.sipServerTcpPort", "Registrar:lyncserver.jacobs.local SipServerTcpPort is 0. Ports must be between 1 and 65535."));
}

#[test]
fn topo005_mcx_ports_may_not_clash_with_other_services() {
    let mut doc = default_document();
    let web = doc
        .topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap();
    web.mcx_sip_primary_listening_port = Some(5086);
    web.mcx_sip_external_listening_port = Some(5070);
    assert_eq!(only(&doc), err("TOPO005", "topology.pools[lyncserver.jacobs.local].services.mediationServer.sipServerPort", "MediationServer:lyncserver.jacobs.local SipServerPort is 5070, which WebServer:lyncserver.jacobs.local McxSipExternalListeningPort already uses on the internal side of lyncserver.jacobs.local. Choose a port no other service on the server listens on."));
    // The Edge's external services each have their own IP: 443 three times is fine.
    let edge = doc.topology.pools[1].services.edge_server.as_ref().unwrap();
    assert_eq!(
        (
            edge.access_edge_client_sip_port,
            edge.data_psom_client_port,
            edge.media_relay_external_turn_tcp_port
        ),
        (443, 443, 443)
    );
}

#[test]
fn topo006_exactly_one_default_sip_domain() {
    let mut doc = default_document();
    doc.topology.sip_domains[0].is_default = false;
    assert_eq!(only(&doc), err("TOPO006", "topology.sipDomains", "No SIP domain is the default. Mark one with Set-CsSipDomain -Identity <domain> -IsDefault $true."));
    let mut doc = default_document();
    doc.topology.sip_domains.push(SipDomain {
        name: "jacobs.co.uk".into(),
        is_default: true,
        authoritative: true,
    });
    assert_eq!(only(&doc), err("TOPO006", "topology.sipDomains", "2 SIP domains are marked as the default (jacobs.com, jacobs.co.uk); exactly one may be. Set isDefault to false on all but one."));
}

#[test]
fn topo007_internal_and_external_web_ports_differ() {
    let mut doc = default_document();
    doc.topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap()
        .external_https_port = 443;
    let findings = structural(&doc);
    assert!(findings.contains(&err("TOPO007", "topology.pools[lyncserver.jacobs.local].services.webServer.externalHttpsPort", "WebServer:lyncserver.jacobs.local listens on port 443 for both internal and external web services. The external web site must use its own ports (8080 and 4443 by default); the reverse proxy bridges to them.")), "{findings:#?}");
}

#[test]
fn topo008_standard_edition_is_one_machine() {
    let mut doc = default_document();
    doc.topology.pools[0].machines[0].fqdn = "lync01.jacobs.local".into();
    assert_eq!(only(&doc), err("TOPO008", "topology.pools[lyncserver.jacobs.local].machines", "The Standard Edition pool lyncserver.jacobs.local must have exactly one computer, named lyncserver.jacobs.local like the pool. Use an EnterpriseFrontEnd pool for several computers."));
    doc.topology.pools[0].kind = PoolKind::EnterpriseFrontEnd;
    assert_eq!(structural(&doc), []);
}

#[test]
fn topo009_a_use_is_assigned_to_one_certificate() {
    let mut doc = default_document();
    doc.topology.pools[0].machines[0].certificates[1].uses = vec![CertificateUse::Default];
    assert_eq!(only(&doc), err("TOPO009", "topology.pools[lyncserver.jacobs.local].machines[lyncserver.jacobs.local].certificates", "2 certificates on lyncserver.jacobs.local are assigned to Default (F14C49897B1AE5C91DF8E725FB31175EC3C50AD3, F141084EE2B518979BEF3C16EDDC20BD7CFAA17C). Assign the use to one certificate with Set-CsCertificate -Type Default -Thumbprint <thumbprint>."));
}

fn no_edge_rule(doc: &Document, _: &Context) -> Vec<Finding> {
    if doc.topology.pools.iter().any(|p| p.kind == PoolKind::Edge) {
        return Vec::new();
    }
    vec![Finding::warning("TEST001", "topology.pools", "No Edge pool.").with_reference("KB0000000")]
}

#[test]
fn registered_rules_run_after_the_structural_ones_and_errors_sort_first() {
    validate::register(&[Rule {
        id: "TEST001",
        summary: "test",
        check: no_edge_rule,
    }]);
    validate::register(&[Rule {
        id: "TEST001",
        summary: "test",
        check: no_edge_rule,
    }]);
    assert_eq!(
        validate::rules()
            .iter()
            .filter(|r| r.id == "TEST001")
            .count(),
        1
    );
    let mut doc = default_document();
    doc.topology.pools.retain(|p| p.kind != PoolKind::Edge);
    let findings = validate::validate(&doc, &cx());
    let severities: Vec<Severity> = findings.iter().map(|f| f.severity).collect();
    assert!(
        severities.windows(2).all(|w| w[0] <= w[1]),
        "{severities:?}"
    );
    let last = findings.last().unwrap();
    assert_eq!(
        (last.rule_id, last.reference.as_deref()),
        ("TEST001", Some("KB0000000"))
    );
    assert!(
        validate::has_errors(&findings),
        "removing the Edge breaks references"
    );
}
