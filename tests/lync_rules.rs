//! Each Lync validation rule: a document that trips it and the exact finding.

use lyncsh::engine::value::unix_from_civil;
use lyncsh::topology::default_document;
use lyncsh::topology::model::{DnsRecord, DnsRecordType, DnsZone, Document};
use lyncsh::topology::validate::{validate, Context, Finding, Severity};
use serde_json::json;

fn cx() -> Context {
    Context {
        now: unix_from_civil(2026, 11, 26, 12, 0, 0),
    }
}

/// The findings of one rule.
fn findings(doc: &Document, id: &str) -> Vec<Finding> {
    lyncsh::topology::rules::lync::register();
    validate(doc, &cx())
        .into_iter()
        .filter(|f| f.rule_id == id)
        .collect()
}

fn one(doc: &Document, id: &str) -> Finding {
    let f = findings(doc, id);
    assert_eq!(f.len(), 1, "{id}: {f:#?}");
    f.into_iter().next().unwrap()
}

/// The lab after the seed's Set-CsWebServer lines.
fn with_mobility() -> Document {
    let mut doc = default_document();
    let web = doc
        .topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap();
    web.mcx_sip_primary_listening_port = Some(5086);
    web.mcx_sip_external_listening_port = Some(5087);
    doc
}

/// Mobility fully deployed as the seed ends it plus the work done outside the shell: DNS,
/// features, a certificate with the autodiscover names, the TMG rule publishing lyncdiscover.
fn mobility_done() -> Document {
    let mut doc = with_mobility();
    for (zone, name, target) in [
        (
            DnsZone::Internal,
            "lyncdiscoverinternal.jacobs.com",
            "192.168.1.20",
        ),
        (DnsZone::External, "lyncdiscover.jacobs.com", "203.0.113.20"),
    ] {
        doc.topology.dns_records.push(DnsRecord {
            zone,
            name: name.into(),
            record_type: DnsRecordType::A,
            target: target.into(),
            port: None,
        });
    }
    let fe = doc.topology.machine_mut("lyncserver.jacobs.local").unwrap();
    fe.windows_features.push("Web-Dyn-Compression".into());
    fe.certificates[0].alternative_names.extend([
        "lyncdiscoverinternal.jacobs.com".into(),
        "lyncdiscover.jacobs.com".into(),
    ]);
    let tmg = doc.topology.machine_mut("tmg.jacobs.local").unwrap();
    tmg.certificates[0]
        .alternative_names
        .push("lyncdiscover.jacobs.com".into());
    doc.topology.reverse_proxy_rules[0]
        .public_names
        .push("lyncdiscover.jacobs.com".into());
    doc
}

/// Push turned on and federated as the reference recipe does.
fn with_push(doc: &mut Document) {
    let c = &mut doc.configuration;
    c.get_mut("pushNotificationConfiguration").unwrap()[0]["EnableApplePushNotificationService"] =
        json!(true);
    c.get_mut("hostingProviders").unwrap().push(
        serde_json::from_value(json!({"Identity": "LyncOnline", "Name": "LyncOnline", "ProxyFqdn": "sipfed.online.lync.com", "VerificationLevel": "UseSourceVerification", "Enabled": true, "EnabledSharedAddressSpace": false, "HostsOCSUsers": false, "IsLocal": false, "AutodiscoverUrl": null})).unwrap(),
    );
    c.get_mut("allowedDomains").unwrap().push(
        serde_json::from_value(json!({"Identity": "push.lync.com", "Domain": "push.lync.com", "ProxyFqdn": null, "Comment": null, "MarkForMonitoring": false})).unwrap(),
    );
}

fn lync_findings(doc: &Document) -> Vec<Finding> {
    lyncsh::topology::rules::lync::register();
    validate(doc, &cx())
        .into_iter()
        .filter(|f| f.rule_id.starts_with("LYNC"))
        .collect()
}

#[test]
fn the_lab_and_a_complete_mobility_deployment_are_clean() {
    assert_eq!(lync_findings(&default_document()), []);
    let mut doc = mobility_done();
    with_push(&mut doc);
    assert_eq!(lync_findings(&doc), []);
    assert!(validate(&doc, &cx()).iter().all(|f| !f.is_error()));
}

#[test]
fn lync001_one_mcx_port_without_the_other() {
    let mut doc = default_document();
    doc.topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap()
        .mcx_sip_primary_listening_port = Some(5086);
    let f = one(&doc, "LYNC001");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.path,
        "topology.pools[lyncserver.jacobs.local].services.webServer.mcxSipExternalListeningPort"
    );
    assert_eq!(f.message, "WebServer:lyncserver.jacobs.local has McxSipPrimaryListeningPort 5086 but no McxSipExternalListeningPort; the Mobility Service needs both. Run Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087.");
}

#[test]
fn mcx_port_clashing_with_another_port_of_the_server_is_the_structural_clash_rule() {
    let mut doc = with_mobility();
    doc.topology
        .web_server_mut("lyncserver.jacobs.local")
        .unwrap()
        .mcx_sip_external_listening_port = Some(5061);
    let f = one(&doc, "TOPO005");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.starts_with("WebServer:lyncserver.jacobs.local McxSipExternalListeningPort is 5061, which Registrar:lyncserver.jacobs.local SipPort already uses"), "{}", f.message);
}

#[test]
fn lync002_and_lync003_autodiscover_dns() {
    let doc = with_mobility();
    let f = one(&doc, "LYNC002");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.path, "topology.dnsRecords");
    assert_eq!(f.message, "Lync Mobility is configured (MCX ports on WebServer:lyncserver.jacobs.local) but internal DNS has no record for lyncdiscoverinternal.jacobs.com, so mobile clients cannot find the Autodiscover service. Add an A or CNAME record for lyncdiscoverinternal.jacobs.com pointing at the internal web services of lyncserver.jacobs.local (lyncserver.jacobs.local).");
    let f = one(&doc, "LYNC003");
    assert_eq!(f.message, "Lync Mobility is configured (MCX ports on WebServer:lyncserver.jacobs.local) but external DNS has no record for lyncdiscover.jacobs.com, so mobile clients cannot find the Autodiscover service. Add an A or CNAME record for lyncdiscover.jacobs.com pointing at the reverse proxy's external listener.");
    assert!(findings(&mobility_done(), "LYNC002").is_empty());
}

#[test]
fn lync004_certificates_lack_autodiscover_names() {
    let doc = with_mobility();
    let f = findings(&doc, "LYNC004");
    let messages: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "The certificate F14C49897B1AE5C91DF8E725FB31175EC3C50AD3 assigned to WebServicesInternal on lyncserver.jacobs.local does not contain lyncdiscoverinternal.jacobs.com in its subject alternative names. Request a new certificate (Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -AllSipDomain) and assign it with Set-CsCertificate.",
            "The certificate F14C49897B1AE5C91DF8E725FB31175EC3C50AD3 assigned to WebServicesExternal on lyncserver.jacobs.local does not contain lyncdiscover.jacobs.com in its subject alternative names. Request a new certificate (Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -AllSipDomain) and assign it with Set-CsCertificate.",
            "The web listener certificate 3768C7298F01EDE629F2F8DAD53FD4213E1273C2 of the reverse proxy rule 'Lync External Web Services' does not contain lyncdiscover.jacobs.com. Replace it with a certificate that does (or publish the first Autodiscover request over HTTP port 80, which is supported but not recommended).",
        ]
    );
    assert!(f.iter().all(|f| f.severity == Severity::Warning));
    assert_eq!(f[0].path, "topology.pools[lyncserver.jacobs.local].machines[lyncserver.jacobs.local].certificates[F14C49897B1AE5C91DF8E725FB31175EC3C50AD3]");
}

#[test]
fn lync005_expired_or_not_yet_valid_certificate_in_use() {
    let mut doc = default_document();
    let fe = doc.topology.machine_mut("lyncserver.jacobs.local").unwrap();
    fe.certificates[1]
        .uses
        .push(lyncsh::topology::model::CertificateUse::Internal);
    let f = one(&doc, "LYNC005");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.message, "The certificate F141084EE2B518979BEF3C16EDDC20BD7CFAA17C (assigned to Internal on lyncserver.jacobs.local) expired on 2012-11-21T14:03:11Z. Request or import a valid certificate and assign it in its place.");
    let mut doc = default_document();
    doc.topology
        .machine_mut("tmg.jacobs.local")
        .unwrap()
        .certificates[0]
        .not_before = "2027-01-01T00:00:00Z".into();
    let f = one(&doc, "LYNC005");
    assert_eq!(
        f.path,
        "topology.reverseProxyRules[Lync External Web Services].listenerCertificate"
    );
    assert_eq!(f.message, "The certificate 3768C7298F01EDE629F2F8DAD53FD4213E1273C2 (web listener of 'Lync External Web Services') is not valid before 2027-01-01T00:00:00Z. Assign a certificate that is valid now, or wait and assign it then.");
}

#[test]
fn lync006_to_lync008_push_without_federation_path() {
    let mut doc = default_document();
    doc.configuration
        .get_mut("pushNotificationConfiguration")
        .unwrap()[0]["EnableMicrosoftPushNotificationService"] = json!(true);
    doc.configuration
        .get_mut("accessEdgeConfiguration")
        .unwrap()[0]["AllowFederatedUsers"] = json!(false);
    let f = one(&doc, "LYNC006");
    assert_eq!(
        f.path,
        "configuration.pushNotificationConfiguration[Global]"
    );
    assert_eq!(f.message, "Push notifications are enabled (Global) and travel to the push service through Lync Online (sipfed.online.lync.com), but no hosting provider points at it. Run New-CsHostingProvider -Identity LyncOnline -Enabled $True -ProxyFqdn sipfed.online.lync.com -VerificationLevel UseSourceVerification.");
    let f = one(&doc, "LYNC007");
    assert_eq!(f.message, "Push notifications are enabled (Global) and are sent to push.lync.com, but it is not on the allowed domains list. Run New-CsAllowedDomain -Identity push.lync.com.");
    let f = one(&doc, "LYNC008");
    assert_eq!(f.message, "Push notifications are enabled (Global) and reach the push service by federation, but federation is not allowed on the Access Edge. Run Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True.");
    assert!([f.severity].iter().all(|s| *s == Severity::Error));
    // A disabled provider is named.
    let mut doc = default_document();
    with_push(&mut doc);
    doc.configuration.get_mut("hostingProviders").unwrap()[0]["Enabled"] = json!(false);
    assert_eq!(one(&doc, "LYNC006").message, "Push notifications are enabled (Global) and travel to the push service through Lync Online (sipfed.online.lync.com), but the hosting provider LyncOnline points there but is disabled. Run Set-CsHostingProvider -Identity LyncOnline -Enabled $True.");
}

#[test]
fn lync009_two_providers_at_lync_online() {
    let mut doc = default_document();
    with_push(&mut doc);
    let mut second = doc.configuration["hostingProviders"][0].clone();
    second["Identity"] = json!("Office365");
    doc.configuration
        .get_mut("hostingProviders")
        .unwrap()
        .push(second);
    let f = one(&doc, "LYNC009");
    assert_eq!(f.path, "configuration.hostingProviders[Office365]");
    assert_eq!(f.message, "2 hosting providers point at sipfed.online.lync.com (LyncOnline, Office365); only one may. Remove all but one with Remove-CsHostingProvider.");
}

#[test]
fn lync010_hosting_providers_with_default_routing() {
    let mut doc = default_document();
    with_push(&mut doc);
    doc.configuration
        .get_mut("accessEdgeConfiguration")
        .unwrap()[0]["RoutingMethod"] = json!("UseDefaultRouting");
    let f = one(&doc, "LYNC010");
    assert_eq!(f.path, "configuration.accessEdgeConfiguration[Global]");
    assert_eq!(f.message, "The Access Edge uses default routing, but 1 hosting provider(s) are configured; federation with hosting providers needs DNS SRV routing. Run Set-CsAccessEdgeConfiguration -UseDnsSrvRouting.");
}

#[test]
fn lync011_push_with_a_url_filter_that_warns_kb2664650() {
    let mut doc = default_document();
    with_push(&mut doc);
    let filter = &mut doc.configuration.get_mut("imFilterConfiguration").unwrap()[0];
    filter["Enabled"] = json!(true);
    filter["Action"] = json!("Warn");
    let f = one(&doc, "LYNC011");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.reference.as_deref(), Some("KB2664650"));
    assert_eq!(f.message, "Push notifications are enabled (Global) while the IM URL filter Global is enabled with Action Warn: it inserts its warning message before every hyperlink, the Mobility Service's push messages carry XML namespace hyperlinks, and the push notification service rejects the modified messages. Turn the filter off (Set-CsImFilterConfiguration -Identity Global -Enabled $False) or apply the workaround in KB2664650.");
    doc.configuration.get_mut("imFilterConfiguration").unwrap()[0]["Action"] = json!("Allow");
    assert!(one(&doc, "LYNC011")
        .message
        .contains("makes hyperlinks inactive by prefixing them with an underscore"));
    doc.configuration.get_mut("imFilterConfiguration").unwrap()[0]["Action"] = json!("Block");
    assert!(findings(&doc, "LYNC011").is_empty());
}

#[test]
fn lync012_mcx_without_iis_features_is_a_warning() {
    let doc = with_mobility();
    let f = one(&doc, "LYNC012");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.path,
        "topology.pools[lyncserver.jacobs.local].machines[lyncserver.jacobs.local].windowsFeatures"
    );
    assert_eq!(f.message, "Mobility Service ports are set on WebServer:lyncserver.jacobs.local but lyncserver.jacobs.local lacks the Web-Dyn-Compression feature(s) the Mobility Service needs. Run Import-Module ServerManager; Add-WindowsFeature Web-Dyn-Compression on lyncserver.jacobs.local before installing McxStandalone.msi.");
}

#[test]
fn lync013_mcx_below_cu4() {
    let mut doc = with_mobility();
    doc.topology
        .pool_mut("lyncserver.jacobs.local")
        .unwrap()
        .version = Some("4.0.7577.166".into());
    let f = one(&doc, "LYNC013");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.message, "Mobility Service ports are set on WebServer:lyncserver.jacobs.local, which runs Lync Server 4.0.7577.166; the Mobility Service needs the November 2011 cumulative update (CU4, 4.0.7577.183) or later. Install the cumulative update first.");
    doc.topology
        .pool_mut("lyncserver.jacobs.local")
        .unwrap()
        .version = Some("4.0.7577.190".into());
    assert!(findings(&doc, "LYNC013").is_empty());
}

#[test]
fn lync014_reverse_proxy_bridging() {
    let mut doc = default_document();
    doc.topology.reverse_proxy_rules[0].bridge_https_port = 443;
    let f = one(&doc, "LYNC014");
    assert_eq!(
        f.path,
        "topology.reverseProxyRules[Lync External Web Services].bridgeHttpsPort"
    );
    assert_eq!(f.message, "The reverse proxy rule 'Lync External Web Services' bridges 443 to 443, but the external web site of lyncserver.jacobs.local listens on 4443. On the rule's Bridging tab redirect 443 to 4443.");
}

#[test]
fn lync015_reverse_proxy_does_not_publish_lyncdiscover() {
    let doc = with_mobility();
    let f = one(&doc, "LYNC015");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.message, "No reverse proxy rule publishes lyncdiscover.jacobs.com, so mobile clients outside the network cannot reach the Autodiscover service. Add lyncdiscover.jacobs.com as a public name of the rule that publishes the external web services (bridging 443 to 4443).");
}

#[test]
fn lync016_and_lync017_edge_authentication() {
    let mut doc = default_document();
    let mut edge = doc.configuration["proxyConfiguration"][0].clone();
    edge["Identity"] = json!("Service:EdgeServer:lyncedge.jacobs.local");
    edge["UseNtlmForClientToProxyAuth"] = json!(false);
    edge["UseKerberosForClientToProxyAuth"] = json!(false);
    doc.configuration
        .get_mut("proxyConfiguration")
        .unwrap()
        .push(edge);
    let f = one(&doc, "LYNC017");
    assert_eq!(f.severity, Severity::Information);
    assert_eq!(
        f.path,
        "configuration.proxyConfiguration[Service:EdgeServer:lyncedge.jacobs.local]"
    );
    assert_eq!(f.message, "NTLM is off at the Edge lyncedge.jacobs.local (Service:EdgeServer:lyncedge.jacobs.local): remote users authenticate with TLS-DSK client certificates only. A user gets that certificate at the first sign-in inside the network (Kerberos), so each user must sign in once inside the network, on each computer, before signing in from outside.");
    assert!(findings(&doc, "LYNC016").is_empty());
    doc.configuration.get_mut("proxyConfiguration").unwrap()[1]
        ["UseCertificateForClientToProxyAuth"] = json!(false);
    let f = one(&doc, "LYNC016");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.message, "Neither NTLM nor client certificates (TLS-DSK) are allowed for clients at the Edge lyncedge.jacobs.local (Service:EdgeServer:lyncedge.jacobs.local); Kerberos works only inside the network, so nobody can sign in from outside. Turn one back on, e.g. Set-CsProxyConfiguration -Identity Service:EdgeServer:lyncedge.jacobs.local -UseCertificateForClientToProxyAuth $True.");
    assert!(findings(&doc, "LYNC017").is_empty());
}
