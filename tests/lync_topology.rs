//! Topology cmdlets over the lab: Get-CsService, Get-CsPool, Get-CsSite, Set-CsWebServer and
//! the SIP domain nouns.

mod lync_support;

use lync_support::*;

#[test]
fn get_cs_service_web_server_shows_the_mcx_ports_set_by_set_cs_web_server() {
    let sh = Shell::lab();
    let out = sh.run(
        "Set-CsWebServer",
        &[
            ("Identity", s("lyncserver.jacobs.local")),
            ("McxSipPrimaryListeningPort", n(5086)),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    sh.run(
        "Set-CsWebServer",
        &[
            ("Identity", s("WebServer:lyncserver.jacobs.local")),
            ("McxSipExternalListeningPort", n(5087)),
        ],
    );
    let got = sh.get_one("Get-CsService", &[("WebServer", on())]);
    assert_eq!(
        got[0],
        (
            "Identity".into(),
            "WebServer:lyncserver.jacobs.local".into()
        )
    );
    assert!(got.contains(&("McxSipPrimaryListeningPort".into(), "5086".into())));
    assert!(got.contains(&("McxSipExternalListeningPort".into(), "5087".into())));
    let tail: Vec<&str> = got.iter().rev().take(6).map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        tail,
        [
            "Role",
            "Version",
            "PoolFqdn",
            "SiteId",
            "ServiceId",
            "DependentServiceList"
        ]
    );
    assert!(got.contains(&("ServiceId".into(), "1-WebServices-1".into())));
}

#[test]
fn set_cs_web_server_errors() {
    let sh = Shell::lab();
    let out = sh.run(
        "Set-CsWebServer",
        &[
            ("Identity", s("nowhere.jacobs.local")),
            ("PrimaryHttpPort", n(81)),
        ],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot find Web Server \"WebServer:nowhere.jacobs.local\" because it does not exist. Get-CsService -WebServer lists the Web Server services."]
    );
    let out = sh.run(
        "Set-CsWebServer",
        &[("Identity", s("Registrar:lyncserver.jacobs.local"))],
    );
    assert_eq!(out.errors[0].error_id, "InvalidIdentity");
    let out = sh.run(
        "Set-CsWebServer",
        &[
            ("Identity", s("lyncserver.jacobs.local")),
            ("InternalFqdn", s("web.jacobs.local")),
        ],
    );
    assert_eq!(out.errors[0].error_id, "InternalFqdnNotOverridable");
    let out = sh.run(
        "Set-CsWebServer",
        &[
            ("Identity", s("lyncserver.jacobs.local")),
            ("McxSipPrimaryListeningPort", n(5086)),
            ("WhatIf", on()),
        ],
    );
    assert_eq!(out.what_if.len(), 1);
    let got = sh.get_one(
        "Get-CsService",
        &[("Identity", s("WebServer:lyncserver.jacobs.local"))],
    );
    assert!(got.contains(&("McxSipPrimaryListeningPort".into(), "".into())));
    let catalog = lyncsh::catalog::Catalog::embedded();
    let set = catalog.find("Set-CsWebServer").unwrap();
    assert!(
        set.def.parameters.iter().all(|p| p.pipeline.is_empty()),
        "no pipeline input"
    );
    assert!(catalog.find("Get-CsWebServer").is_none());
}

#[test]
fn get_cs_service_role_pool_filter_and_identity() {
    let sh = Shell::lab();
    let ids = |params: &[(&str, lyncsh::engine::value::Value)]| -> Vec<String> {
        sh.run("Get-CsService", params)
            .output
            .iter()
            .map(|o| prop(o, "Identity"))
            .collect()
    };
    assert_eq!(
        ids(&[("EdgeServer", on())]),
        ["EdgeServer:lyncedge.jacobs.local"]
    );
    assert_eq!(
        ids(&[
            ("Registrar", on()),
            ("PoolFqdn", s("LYNCSERVER.jacobs.local"))
        ]),
        ["Registrar:lyncserver.jacobs.local"]
    );
    assert!(ids(&[("Director", on())]).is_empty());
    assert!(ids(&[("Filter", s("*:lyncedge*"))]).len() == 1);
    assert!(ids(&[]).len() > 10);
    let out = sh.run("Get-CsService", &[("Identity", s("WebServer:nowhere"))]);
    assert_eq!(out.errors[0].error_id, "IdentityNotFound");
}

#[test]
fn get_cs_pool_and_site() {
    let sh = Shell::lab();
    let pool = sh.get_one("Get-CsPool", &[("Identity", s("lyncedge.jacobs.local"))]);
    assert_eq!(
        pool,
        [
            ("Identity".to_string(), "lyncedge.jacobs.local".to_string()),
            (
                "Services".into(),
                "{EdgeServer:lyncedge.jacobs.local}".into()
            ),
            ("Computers".into(), "{lyncedge.jacobs.local}".into()),
            ("Fqdn".into(), "lyncedge.jacobs.local".into()),
            ("Site".into(), "Site:London".into()),
        ]
    );
    assert_eq!(
        sh.run("Get-CsPool", &[("Site", s("London"))]).output.len(),
        3
    );
    assert_eq!(
        sh.run("Get-CsPool", &[("Filter", s("*edge*"))])
            .output
            .len(),
        1
    );
    assert_eq!(
        sh.run("Get-CsPool", &[("Identity", s("x.y"))]).errors[0].error_id,
        "IdentityNotFound"
    );
    let site = sh.get_one("Get-CsSite", &[("Identity", s("london"))]);
    assert_eq!(site[0], ("Identity".into(), "Site:London".into()));
    assert_eq!(site[1], ("SiteId".into(), "1".into()));
    assert!(site.contains(&("SiteType".into(), "CentralSite".into())));
    assert_eq!(
        sh.run("Get-CsSite", &[("Identity", s("Paris"))]).errors[0].error_id,
        "IdentityNotFound"
    );
}

#[test]
fn sip_domains_keep_exactly_one_default() {
    let sh = Shell::lab();
    let out = sh.run("New-CsSipDomain", &[("Identity", s("jacobs.co.uk"))]);
    assert!(out.errors.is_empty());
    assert_eq!(
        sh.run("New-CsSipDomain", &[("Identity", s("JACOBS.co.uk"))])
            .errors[0]
            .error_id,
        "IdentityAlreadyExists"
    );
    let out = sh.run(
        "Set-CsSipDomain",
        &[("Identity", s("jacobs.co.uk")), ("IsDefault", b(false))],
    );
    assert_eq!(out.errors[0].error_id, "DefaultDomainRequired");
    let out = sh.run(
        "Set-CsSipDomain",
        &[("Identity", s("jacobs.co.uk")), ("IsDefault", b(true))],
    );
    assert_eq!(out.warnings.len(), 1);
    let all: Vec<(String, String)> = sh
        .run("Get-CsSipDomain", &[])
        .output
        .iter()
        .map(|d| (prop(d, "Name"), prop(d, "IsDefault")))
        .collect();
    assert_eq!(
        all,
        [
            ("jacobs.com".to_string(), "False".to_string()),
            ("jacobs.co.uk".into(), "True".into())
        ]
    );
    assert_eq!(
        sh.run("Remove-CsSipDomain", &[("Identity", s("jacobs.co.uk"))])
            .errors[0]
            .error_id,
        "CannotRemoveDefaultDomain"
    );
    assert!(sh
        .run("Remove-CsSipDomain", &[("Identity", s("jacobs.com"))])
        .errors
        .is_empty());
    assert_eq!(
        sh.run("Get-CsSipDomain", &[("Filter", s("*.com"))])
            .output
            .len(),
        0
    );
    assert_eq!(
        sh.run("Remove-CsSipDomain", &[("Identity", s("jacobs.com"))])
            .errors[0]
            .error_id,
        "IdentityNotFound"
    );
}

#[test]
fn edge_registrar_and_mediation_setters_share_the_web_server_behaviour() {
    let sh = Shell::lab();
    let out = sh.run(
        "Set-CsEdgeServer",
        &[
            ("Identity", s("EdgeServer:lyncedge.jacobs.local")),
            ("AccessEdgeClientSipPort", n(444)),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let edge = sh.get_one("Get-CsService", &[("EdgeServer", on())]);
    assert!(edge.contains(&("AccessEdgeClientSipPort".into(), "444".into())));
    let out = sh.run(
        "Set-CsRegistrar",
        &[
            ("Identity", s("lyncserver.jacobs.local")),
            ("SipServerTcpPort", lyncsh::engine::value::Value::Null),
            ("EnableAutomaticFailover", b(true)),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let registrar = sh.get_one("Get-CsService", &[("Registrar", on())]);
    assert!(registrar.contains(&("SipServerTcpPort".into(), "".into())));
    assert!(registrar.contains(&("EnableAutomaticFailover".into(), "True".into())));
    let out = sh.run(
        "Set-CsMediationServer",
        &[
            ("Identity", s("MediationServer:lyncserver.jacobs.local")),
            ("SipClientTcpPort", n(5068)),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    // The Edge pool runs no Registrar.
    let out = sh.run(
        "Set-CsRegistrar",
        &[
            ("Identity", s("lyncedge.jacobs.local")),
            ("SipPort", n(5061)),
        ],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot find Registrar \"Registrar:lyncedge.jacobs.local\" because it does not exist. Get-CsService -Registrar lists the Registrar services."]
    );
    let out = sh.run(
        "Set-CsEdgeServer",
        &[("Identity", s("WebServer:lyncedge.jacobs.local"))],
    );
    assert_eq!(
        out.error_messages(),
        ["\"WebServer:lyncedge.jacobs.local\" is not of the form EdgeServer:<pool fqdn> (or the pool FQDN alone)."]
    );
}
