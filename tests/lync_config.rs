//! The generic configuration noun: Get/Set/New/Remove over scoped collections, and the
//! special rules of hosting providers, federated domains, Access Edge, push, MCX and the IM
//! filter.

mod lync_support;

use lync_support::*;

#[test]
fn hosting_provider_seed_line_creates_the_provider_in_print_order() {
    let sh = Shell::lab();
    let out = sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("LyncOnline")),
            ("Enabled", b(true)),
            ("ProxyFqdn", s("sipfed.online.lync.com")),
            ("VerificationLevel", s("usesourceverification")),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let got = sh.get_one("Get-CsHostingProvider", &[("Identity", s("lynconline"))]);
    let expected = [
        ("Identity", "LyncOnline"),
        ("Name", "LyncOnline"),
        ("ProxyFqdn", "sipfed.online.lync.com"),
        ("VerificationLevel", "UseSourceVerification"),
        ("Enabled", "True"),
        ("EnabledSharedAddressSpace", "False"),
        ("HostsOCSUsers", "False"),
        ("IsLocal", "False"),
        ("AutodiscoverUrl", ""),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(got, expected);
    let out = sh.run("Get-CsHostingProvider", &[]);
    assert_eq!(out.output.len(), 1);
    match &out.output[0] {
        lyncsh::engine::value::Value::Object(o) => assert_eq!(
            o.borrow().type_name(),
            "Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DisplayHostingProvider"
        ),
        _ => unreachable!(),
    }
}

#[test]
fn hosting_provider_errors_duplicate_identity_proxy_fqdn_and_missing() {
    let sh = Shell::lab();
    let new = |id: &str, proxy: &str| {
        sh.run(
            "New-CsHostingProvider",
            &[
                ("Identity", s(id)),
                ("ProxyFqdn", s(proxy)),
                ("Enabled", b(true)),
            ],
        )
    };
    assert!(new("LyncOnline", "sipfed.online.lync.com")
        .errors
        .is_empty());
    assert_eq!(
        new("LyncOnline", "other.example.com").error_messages(),
        ["Cannot create HostingProvider \"LyncOnline\" because it already exists."]
    );
    assert_eq!(
        new("Office365", "SIPFED.online.lync.com").error_messages(),
        ["ProxyFqdn \"SIPFED.online.lync.com\" is already used by hosting provider \"LyncOnline\". A proxy FQDN can belong to one provider only: use that provider or remove it first."]
    );
    let out = sh.run("New-CsHostingProvider", &[("Identity", s("NoProxy"))]);
    assert_eq!(out.errors[0].error_id, "ProxyFqdnRequired");
    let out = sh.run(
        "Set-CsHostingProvider",
        &[("Identity", s("Nope")), ("Enabled", b(false))],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot find HostingProvider \"Nope\" because it does not exist."]
    );
    assert_eq!(
        out.errors[0].command.as_deref(),
        Some("Set-CsHostingProvider")
    );
    let out = sh.run("Remove-CsHostingProvider", &[("Identity", s("Nope"))]);
    assert_eq!(out.errors[0].error_id, "IdentityNotFound");
}

#[test]
fn get_set_through_instance_and_remove_through_pipeline() {
    let sh = Shell::lab();
    for (id, proxy) in [("A", "a.example.com"), ("B", "b.example.com")] {
        sh.run(
            "New-CsHostingProvider",
            &[("Identity", s(id)), ("ProxyFqdn", s(proxy))],
        );
    }
    let all = sh.run("Get-CsHostingProvider", &[]).output;
    for p in &all {
        let out = sh.run(
            "Set-CsHostingProvider",
            &[("Instance", p.clone()), ("Enabled", b(true))],
        );
        assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    }
    let enabled: Vec<String> = sh
        .run("Get-CsHostingProvider", &[])
        .output
        .iter()
        .map(|p| prop(p, "Enabled"))
        .collect();
    assert_eq!(enabled, ["True", "True"]);
    // Remove- binds Identity by property name from each piped object.
    for p in sh
        .run("Get-CsHostingProvider", &[("Filter", s("a*"))])
        .output
    {
        sh.run(
            "Remove-CsHostingProvider",
            &[("Identity", p.property("Identity"))],
        );
    }
    let left: Vec<String> = sh
        .run("Get-CsHostingProvider", &[])
        .output
        .iter()
        .map(|p| prop(p, "Identity"))
        .collect();
    assert_eq!(left, ["B"]);
}

#[test]
fn allowed_and_blocked_domains_are_exclusive() {
    let sh = Shell::lab();
    let out = sh.run("New-CsAllowedDomain", &[("Identity", s("push.lync.com"))]);
    assert!(out.errors.is_empty());
    assert_eq!(
        props(&out.output[0]),
        [
            ("Identity".to_string(), "push.lync.com".to_string()),
            ("Domain".into(), "push.lync.com".into()),
            ("ProxyFqdn".into(), "".into()),
            ("Comment".into(), "".into()),
            ("MarkForMonitoring".into(), "False".into()),
        ]
    );
    let out = sh.run("New-CsBlockedDomain", &[("Identity", s("PUSH.lync.com"))]);
    assert_eq!(
        out.error_messages(),
        ["Domain \"PUSH.lync.com\" already exists on the allowed domains list. A domain can be either allowed or blocked: remove it from that list first."]
    );
    // -Domain is the other parameter set for the identity.
    let out = sh.run("New-CsBlockedDomain", &[("Domain", s("contoso.com"))]);
    assert!(out.errors.is_empty());
    assert_eq!(prop(&out.output[0], "Identity"), "contoso.com");
    let out = sh.run("New-CsAllowedDomain", &[("Domain", s("contoso.com"))]);
    assert_eq!(out.errors[0].error_id, "DomainOnOtherList");
    let out = sh.run("New-CsAllowedDomain", &[("Identity", s("push.lync.com"))]);
    assert_eq!(out.errors[0].error_id, "IdentityAlreadyExists");
}

#[test]
fn push_configuration_set_without_settings_warns_and_changes_nothing() {
    let sh = Shell::lab();
    let before = sh.doc.borrow().0.clone();
    let out = sh.run("Set-CsPushNotificationConfiguration", &[]);
    assert!(out.errors.is_empty());
    assert_eq!(out.warnings.len(), 1);
    assert!(out.warnings[0].contains("-EnableApplePushNotificationService $True"));
    assert_eq!(sh.doc.borrow().0, before, "nothing written");
    let got = sh.get_one("Get-CsPushNotificationConfiguration", &[]);
    assert_eq!(
        got,
        [
            ("Identity".to_string(), "Global".to_string()),
            ("EnableApplePushNotificationService".into(), "False".into()),
            (
                "EnableMicrosoftPushNotificationService".into(),
                "False".into()
            ),
        ]
    );
    let out = sh.run(
        "Set-CsPushNotificationConfiguration",
        &[("EnableApplePushNotificationService", b(true))],
    );
    assert!(out.warnings.is_empty() && out.errors.is_empty());
    let got = sh.get_one(
        "Get-CsPushNotificationConfiguration",
        &[("Identity", s("global"))],
    );
    assert_eq!(got[1].1, "True");
}

#[test]
fn scoped_new_get_filter_and_remove_resets_global() {
    let sh = Shell::lab();
    let out = sh.run(
        "New-CsPushNotificationConfiguration",
        &[
            ("Identity", s("site:London")),
            ("EnableMicrosoftPushNotificationService", b(true)),
        ],
    );
    assert!(out.errors.is_empty());
    assert_eq!(prop(&out.output[0], "Identity"), "Site:London");
    let out = sh.run(
        "New-CsPushNotificationConfiguration",
        &[("Identity", s("site:london"))],
    );
    assert_eq!(out.errors[0].error_id, "IdentityAlreadyExists");
    let out = sh.run(
        "New-CsPushNotificationConfiguration",
        &[("Identity", s("Global"))],
    );
    assert_eq!(out.errors[0].error_id, "GlobalAlreadyExists");
    let out = sh.run(
        "New-CsPushNotificationConfiguration",
        &[("Identity", s("service:WebServer:pool.contoso.com"))],
    );
    assert_eq!(
        out.error_messages(),
        ["\"service:WebServer:pool.contoso.com\" is not a valid identity. Use Global or site:<site name>."]
    );
    let ids = |f: &str| -> Vec<String> {
        sh.run("Get-CsPushNotificationConfiguration", &[("Filter", s(f))])
            .output
            .iter()
            .map(|o| prop(o, "Identity"))
            .collect()
    };
    assert_eq!(ids("site:*"), ["Site:London"]);
    assert_eq!(ids("*"), ["Global", "Site:London"]);
    sh.run(
        "Set-CsPushNotificationConfiguration",
        &[("EnableApplePushNotificationService", b(true))],
    );
    sh.run(
        "Remove-CsPushNotificationConfiguration",
        &[("Identity", s("Global"))],
    );
    let got = sh.get_one(
        "Get-CsPushNotificationConfiguration",
        &[("Identity", s("Global"))],
    );
    assert_eq!(got[1].1, "False", "Remove on Global resets to defaults");
    sh.run(
        "Remove-CsPushNotificationConfiguration",
        &[("Identity", s("site:London"))],
    );
    assert_eq!(ids("*"), ["Global"]);
    let out = sh.run(
        "Get-CsPushNotificationConfiguration",
        &[("Identity", s("site:London"))],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot find PushNotificationConfiguration \"Site:London\" because it does not exist."]
    );
}

#[test]
fn what_if_changes_nothing_and_names_the_operation() {
    let sh = Shell::lab();
    let out = sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("LyncOnline")),
            ("ProxyFqdn", s("sipfed.online.lync.com")),
            ("WhatIf", on()),
        ],
    );
    assert_eq!(
        out.what_if,
        ["What if: Performing the operation \"New-CsHostingProvider\" on target \"LyncOnline\"."]
    );
    assert!(out.output.is_empty());
    assert!(sh.run("Get-CsHostingProvider", &[]).output.is_empty());
}

#[test]
fn in_memory_then_set_instance_commits() {
    let sh = Shell::lab();
    let out = sh.run(
        "New-CsMobilityPolicy",
        &[("Identity", s("NoCvW")), ("InMemory", on())],
    );
    let policy = out.output[0].clone();
    assert_eq!(prop(&policy, "Identity"), "Tag:NoCvW");
    assert_eq!(
        sh.run("Get-CsMobilityPolicy", &[]).output.len(),
        1,
        "only Global so far"
    );
    if let lyncsh::engine::value::Value::Object(o) = &policy {
        o.borrow_mut().set("EnableOutsideVoice", b(false));
    }
    let out = sh.run("Set-CsMobilityPolicy", &[("Instance", policy)]);
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let got = sh.get_one("Get-CsMobilityPolicy", &[("Identity", s("tag:nocvw"))]);
    assert_eq!(
        got,
        [
            ("Identity".to_string(), "Tag:NoCvW".to_string()),
            ("Description".into(), "".into()),
            ("EnableOutsideVoice".into(), "False".into()),
            ("EnableMobility".into(), "True".into()),
        ]
    );
}

#[test]
fn mcx_intervals_ranges_and_enum() {
    let sh = Shell::lab();
    let got = sh.get_one("Get-CsMcxConfiguration", &[]);
    assert_eq!(
        got,
        [
            ("Identity".to_string(), "Global".to_string()),
            ("SessionExpirationInterval".into(), "259200".into()),
            ("SessionShortExpirationInterval".into(), "3600".into()),
            ("ExposedWebURL".into(), "External".into()),
            (
                "PushNotificationProxyUri".into(),
                "sip:push@push.lync.com".into()
            ),
        ]
    );
    let out = sh.run(
        "Set-CsMcxConfiguration",
        &[("SessionExpirationInterval", n(3600))],
    );
    assert_eq!(
        out.error_messages(),
        ["SessionExpirationInterval (3600) must be greater than SessionShortExpirationInterval (3600)."]
    );
    let out = sh.run(
        "Set-CsMcxConfiguration",
        &[("SessionShortExpirationInterval", n(60))],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot validate argument on parameter 'SessionShortExpirationInterval'. The 60 argument is less than the minimum allowed range of 120. Supply an argument that is greater than or equal to 120 and then try the command again."]
    );
    let out = sh.run("Set-CsMcxConfiguration", &[("ExposedWebURL", s("Outside"))]);
    assert!(out.error_messages()[0].contains(
        "Specify one of the following enumerator names and try again: Internal, External"
    ));
    let out = sh.run(
        "New-CsMcxConfiguration",
        &[
            ("Identity", s("service:WebServer:lyncserver.jacobs.local")),
            ("ExposedWebURL", s("internal")),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    assert_eq!(
        prop(&out.output[0], "Identity"),
        "Service:WebServer:lyncserver.jacobs.local"
    );
    assert_eq!(prop(&out.output[0], "ExposedWebURL"), "Internal");
}

#[test]
fn im_filter_defaults_and_prefix_list_modifiers() {
    let sh = Shell::lab();
    let out = sh.run(
        "New-CsImFilterConfiguration",
        &[("Identity", s("site:London"))],
    );
    let prefixes = out.output[0].property("Prefixes").into_items();
    assert_eq!(prefixes.len(), 17, "the default prefix list");
    let out = sh.run(
        "Set-CsImFilterConfiguration",
        &[
            ("Identity", s("site:London")),
            (
                "Prefixes",
                modifier(&[("Add", s("urn:")), ("Remove", s("HTTP:"))]),
            ),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let p = sh.get_one(
        "Get-CsImFilterConfiguration",
        &[("Identity", s("site:London"))],
    );
    let list = &p.iter().find(|(k, _)| k == "Prefixes").unwrap().1;
    assert!(list.contains("urn:") && !list.contains("http:,") && list.contains("https:"));
    sh.run(
        "Set-CsImFilterConfiguration",
        &[
            ("Identity", s("site:London")),
            (
                "Prefixes",
                modifier(&[(
                    "Replace",
                    lyncsh::engine::value::Value::from(vec!["http:", "www*"]),
                )]),
            ),
        ],
    );
    let p = sh.get_one(
        "Get-CsImFilterConfiguration",
        &[("Identity", s("site:London"))],
    );
    assert_eq!(p[1], ("Prefixes".to_string(), "{http:, www*}".to_string()));
    let out = sh.run(
        "Set-CsImFilterConfiguration",
        &[("Prefixes", modifier(&[("Append", s("x"))]))],
    );
    assert_eq!(out.errors[0].error_id, "InvalidListModifier");
    let out = sh.run(
        "Set-CsImFilterConfiguration",
        &[("Action", s("Warn")), ("Enabled", b(true))],
    );
    assert!(out.errors.is_empty());
    let g = sh.get_one("Get-CsImFilterConfiguration", &[("Identity", s("Global"))]);
    let names: Vec<&str> = g.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "Identity",
            "Prefixes",
            "AllowMessage",
            "WarnMessage",
            "Enabled",
            "IgnoreLocal",
            "BlockFileExtension",
            "Action"
        ]
    );
}

#[test]
fn autodiscover_web_links_through_new_cs_web_link() {
    let sh = Shell::lab();
    let link = sh.run(
        "New-CsWebLink",
        &[
            ("Token", s("Fabrikam")),
            ("Href", s("https://LyncDiscover.fabrikam.com")),
        ],
    );
    let link = link.output[0].clone();
    assert_eq!(
        props(&link),
        [
            ("Token".to_string(), "Fabrikam".to_string()),
            ("Href".into(), "https://LyncDiscover.fabrikam.com".into())
        ]
    );
    let out = sh.run(
        "Set-CsAutodiscoverConfiguration",
        &[("WebLinks", modifier(&[("Add", link.clone())]))],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let got = sh.run("Get-CsAutodiscoverConfiguration", &[]).output;
    let links = got[0].property("WebLinks").into_items();
    assert_eq!(links.len(), 1);
    assert_eq!(prop(&links[0], "Token"), "Fabrikam");
    sh.run(
        "Set-CsAutodiscoverConfiguration",
        &[("WebLinks", modifier(&[("Remove", link)]))],
    );
    let got = sh.run("Get-CsAutodiscoverConfiguration", &[]).output;
    assert!(got[0].property("WebLinks").into_items().is_empty());
    let out = sh.run(
        "Set-CsAutodiscoverConfiguration",
        &[("WebLinks", modifier(&[("Add", s("not a link"))]))],
    );
    assert_eq!(out.errors[0].error_id, "ParameterArgumentValidationError");
}

#[test]
fn access_edge_routing_sets_and_hosting_providers() {
    let sh = Shell::lab();
    let g = sh.get_one("Get-CsAccessEdgeConfiguration", &[]);
    let names: Vec<&str> = g.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "Identity",
            "AllowAnonymousUsers",
            "AllowFederatedUsers",
            "AllowOutsideUsers",
            "BeClearingHouse",
            "EnablePartnerDiscovery",
            "EnableArchivingDisclaimer",
            "KeepCrlsUpToDateForPeers",
            "MarkSourceVerifiableOnOutgoingMessages",
            "OutgoingTlsCountForFederatedPartners",
            "RoutingMethod"
        ]
    );
    let out = sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[
            ("UseDefaultRouting", on()),
            ("DefaultRouteFqdn", s("sip.partner.com")),
        ],
    );
    assert!(out.errors.is_empty());
    let g = sh.get_one("Get-CsAccessEdgeConfiguration", &[]);
    assert!(g.contains(&(
        "DefaultRouteFqdn".to_string(),
        "sip.partner.com".to_string()
    )));
    assert!(g.contains(&("RoutingMethod".to_string(), "UseDefaultRouting".to_string())));
    assert!(!g.iter().any(|(k, _)| k == "EnablePartnerDiscovery"));
    sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[
            ("UseDnsSrvRouting", on()),
            ("EnablePartnerDiscovery", b(true)),
            ("AllowFederatedUsers", b(true)),
        ],
    );
    sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("LyncOnline")),
            ("ProxyFqdn", s("sipfed.online.lync.com")),
        ],
    );
    let out = sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[
            ("UseDefaultRouting", on()),
            ("DefaultRouteFqdn", s("sip.partner.com")),
        ],
    );
    assert_eq!(out.errors[0].error_id, "HostingProvidersNeedDnsSrvRouting");
    assert!(lyncsh::catalog::Catalog::embedded()
        .find("New-CsAccessEdgeConfiguration")
        .is_none());
}

#[test]
fn the_lab_configuration_is_stored_in_catalog_order() {
    use lyncsh::catalog::Catalog;
    use lyncsh::cmdlets::lync::convert::normalize;
    let doc = lyncsh::topology::default_document();
    let catalog = Catalog::embedded();
    for (collection, objects) in &doc.configuration {
        let def = catalog
            .objects()
            .iter()
            .find(|d| &d.collection == collection)
            .unwrap_or_else(|| panic!("no object definition stores {collection}"));
        for o in objects {
            assert_eq!(
                &normalize(def, o),
                o,
                "{collection} is not in catalog order"
            );
        }
    }
    for def in catalog
        .objects()
        .iter()
        .filter(|d| !d.collection.is_empty())
    {
        assert!(
            doc.configuration.contains_key(&def.collection),
            "lab lacks {}",
            def.collection
        );
    }
    let sh = Shell::lab();
    let edge = sh.get_one("Get-CsAccessEdgeConfiguration", &[]);
    assert!(edge.contains(&("AllowFederatedUsers".to_string(), "True".to_string())));
}

/// Every configuration noun of the catalog through the same life cycle: New at a scope it
/// allows, Get, Set a Boolean, the "already exists" and "does not exist" errors, Remove.
#[test]
fn every_configuration_noun_new_get_set_remove_and_errors() {
    use lyncsh::catalog::Catalog;
    let catalog = Catalog::embedded();
    let nouns: Vec<_> = catalog
        .objects()
        .iter()
        .filter(|d| !d.collection.is_empty())
        .collect();
    assert_eq!(nouns.len(), 10);
    for def in nouns {
        let sh = Shell::lab();
        let noun = &def.noun;
        let scope = def
            .scopes
            .iter()
            .map(|s| match s.as_str() {
                "name" => "test.example.com".to_string(),
                "tag" => "tag:Test".into(),
                "site" => "site:London".into(),
                "global" => "Global".into(),
                service => format!("{service}:lyncserver.jacobs.local"),
            })
            .find(|s| s != "Global" && !s.starts_with("service:EdgeServer"))
            .unwrap_or_else(|| "Global".into());
        // A Boolean to flip, or (blocked domains have none) the last text property.
        let flag = def
            .properties
            .iter()
            .find(|p| p.type_name == "Boolean")
            .or_else(|| def.properties.iter().rfind(|p| p.type_name == "String"))
            .unwrap();
        let has = |verb: &str| catalog.find(&format!("{verb}-{noun}")).is_some();
        if has("New") {
            let mut params = vec![("Identity", s(&scope))];
            if noun == "CsHostingProvider" {
                params.push(("ProxyFqdn", s("proxy.example.com")));
            }
            let out = sh.run(&format!("New-{noun}"), &params);
            assert!(out.errors.is_empty(), "{noun}: {:?}", out.error_messages());
            assert_eq!(out.output.len(), 1, "{noun} New returns the object");
            let again = sh.run(&format!("New-{noun}"), &params);
            assert_eq!(again.errors[0].error_id, "IdentityAlreadyExists", "{noun}");
        }
        let got = sh.run(&format!("Get-{noun}"), &[("Identity", s(&scope))]);
        assert_eq!(got.output.len(), 1, "{noun}: {:?}", got.error_messages());
        let before = prop(&got.output[0], &flag.name);
        let (value, expected) = match (flag.type_name.as_str(), before.as_str()) {
            ("Boolean", "True") => (b(false), "False"),
            ("Boolean", _) => (b(true), "True"),
            _ => (s("changed"), "changed"),
        };
        let set = [("Identity", s(&scope)), (flag.name.as_str(), value.clone())];
        let out = sh.run(&format!("Set-{noun}"), &set);
        assert!(out.errors.is_empty(), "{noun}: {:?}", out.error_messages());
        let after = sh.run(&format!("Get-{noun}"), &[("Identity", s(&scope))]);
        assert_eq!(prop(&after.output[0], &flag.name), expected, "{noun}");
        let missing = sh.run(
            &format!("Set-{noun}"),
            &[("Identity", s("tag:Missing")), (flag.name.as_str(), value)],
        );
        assert_eq!(missing.errors.len(), 1, "{noun}");
        if has("Remove") {
            let out = sh.run(&format!("Remove-{noun}"), &[("Identity", s(&scope))]);
            assert!(out.errors.is_empty(), "{noun}: {:?}", out.error_messages());
            let gone = sh.run(&format!("Get-{noun}"), &[("Identity", s(&scope))]);
            assert_eq!(gone.errors[0].error_id, "IdentityNotFound", "{noun}");
            let out = sh.run(&format!("Remove-{noun}"), &[("Identity", s(&scope))]);
            assert_eq!(out.errors[0].error_id, "IdentityNotFound", "{noun}");
        }
    }
}

#[test]
fn instance_of_another_noun_is_refused() {
    let sh = Shell::lab();
    let provider = sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("push.lync.com")),
            ("ProxyFqdn", s("p.example.com")),
            ("InMemory", on()),
        ],
    );
    let out = sh.run(
        "Set-CsAllowedDomain",
        &[("Instance", provider.output[0].clone())],
    );
    assert_eq!(
        out.error_messages(),
        ["The -Instance value is a Microsoft.Rtc.Management.WritableConfig.Settings.Edge.DisplayHostingProvider; Set-CsAllowedDomain needs a Microsoft.Rtc.Management.WritableConfig.Settings.Edge.AllowedDomain: pass an object returned by Get-CsAllowedDomain or New-CsAllowedDomain -InMemory."]
    );
    assert!(sh.run("Get-CsAllowedDomain", &[]).output.is_empty());
    // Default routing changes the Access Edge object's type; it still goes back in.
    sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[
            ("UseDefaultRouting", on()),
            ("DefaultRouteFqdn", s("sip.partner.com")),
        ],
    );
    let edge = sh.run("Get-CsAccessEdgeConfiguration", &[]).output[0].clone();
    let out = sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[("Instance", edge), ("AllowAnonymousUsers", b(true))],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
}
