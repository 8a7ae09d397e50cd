//! Test-CsMcxPushNotification and Test-CsFederatedPartner follow the push path through the
//! document and name the first broken link; the reference recipe fixes them one by one.

mod lync_support;

use lync_support::*;

fn push_test(sh: &Shell) -> (String, String, String) {
    let out = sh.run(
        "Test-CsMcxPushNotification",
        &[("AccessEdgeFqdn", s("lyncedge.jacobs.local"))],
    );
    assert!(out.errors.is_empty());
    let o = &out.output[0];
    (prop(o, "Result"), prop(o, "Error"), prop(o, "Diagnosis"))
}

#[test]
fn push_path_is_traced_link_by_link_through_the_recipe() {
    let sh = Shell::lab();
    sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[("AllowFederatedUsers", b(false))],
    );
    let (result, error, diagnosis) = push_test(&sh);
    assert_eq!(result, "Failure");
    assert_eq!(error, "Federation is not available for push notifications.");
    assert_eq!(diagnosis, "Push notifications reach the push service by federation, but federation is not allowed on the Access Edge. Run Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True.");
    sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[("AllowFederatedUsers", b(true))],
    );
    assert_eq!(
        push_test(&sh).1,
        "The Lync Online hosting provider (sipfed.online.lync.com) is not usable."
    );
    sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("LyncOnline")),
            ("Enabled", b(true)),
            ("ProxyFqdn", s("sipfed.online.lync.com")),
            ("VerificationLevel", s("UseSourceVerification")),
        ],
    );
    assert_eq!(
        push_test(&sh).1,
        "push.lync.com is not an allowed federated domain."
    );
    sh.run("New-CsAllowedDomain", &[("Identity", s("push.lync.com"))]);
    let (_, error, diagnosis) = push_test(&sh);
    assert_eq!(error, "Push notifications are disabled.");
    assert!(diagnosis.contains("-EnableApplePushNotificationService $True"));
    sh.run(
        "Set-CsPushNotificationConfiguration",
        &[
            ("EnableApplePushNotificationService", b(true)),
            ("EnableMicrosoftPushNotificationService", b(true)),
        ],
    );
    sh.run(
        "Set-CsImFilterConfiguration",
        &[
            ("Enabled", b(true)),
            ("Action", s("Warn")),
            ("WarnMessage", s("Careful")),
        ],
    );
    let (result, error, _) = push_test(&sh);
    assert_eq!(result, "Failure");
    assert_eq!(error, "The push notification service rejected the notification: the IM URL filter Global (Action Warn) inserts its warning message before every hyperlink.");
    sh.run("Set-CsImFilterConfiguration", &[("Enabled", b(false))]);
    assert_eq!(push_test(&sh), ("Success".into(), "".into(), "".into()));
    let out = sh.run(
        "Test-CsMcxPushNotification",
        &[("AccessEdgeFqdn", s("lyncedge.jacobs.local"))],
    );
    assert_eq!(
        props(&out.output[0]),
        [
            (
                "TargetFqdn".to_string(),
                "lyncedge.jacobs.local".to_string()
            ),
            ("Result".into(), "Success".into()),
            ("Latency".into(), "00:00:00".into()),
            ("Error".into(), "".into()),
            ("Diagnosis".into(), "".into()),
        ]
    );
    assert_eq!(out.verbose.len(), 6, "one VERBOSE line per link");
}

#[test]
fn push_test_against_something_that_is_not_an_edge() {
    let sh = Shell::lab();
    let out = sh.run(
        "Test-CsMcxPushNotification",
        &[("AccessEdgeFqdn", s("lyncserver.jacobs.local"))],
    );
    assert_eq!(
        prop(&out.output[0], "Error"),
        "lyncserver.jacobs.local is not an Edge server in the topology."
    );
}

#[test]
fn federated_partner_test() {
    let sh = Shell::lab();
    let run = |domain: &str, proxy: Option<&str>| {
        let mut p = vec![
            ("TargetFqdn", s("lyncedge.jacobs.local")),
            ("Domain", s(domain)),
        ];
        if let Some(proxy) = proxy {
            p.push(("ProxyFqdn", s(proxy)));
        }
        let out = sh.run("Test-CsFederatedPartner", &p);
        (
            prop(&out.output[0], "Result"),
            prop(&out.output[0], "Error"),
        )
    };
    assert_eq!(
        run("push.lync.com", Some("sipfed.online.lync.com")),
        (
            "Failure".into(),
            "No hosting provider or allowed domain routes to sipfed.online.lync.com.".into()
        )
    );
    sh.run(
        "New-CsHostingProvider",
        &[
            ("Identity", s("LyncOnline")),
            ("ProxyFqdn", s("sipfed.online.lync.com")),
        ],
    );
    assert_eq!(
        run("push.lync.com", Some("sipfed.online.lync.com")).1,
        "The hosting provider LyncOnline for sipfed.online.lync.com is disabled."
    );
    sh.run(
        "Set-CsHostingProvider",
        &[("Identity", s("LyncOnline")), ("Enabled", b(true))],
    );
    assert_eq!(
        run("push.lync.com", Some("sipfed.online.lync.com")).1,
        "push.lync.com is not an allowed federated domain and partner discovery is off."
    );
    sh.run("New-CsAllowedDomain", &[("Identity", s("push.lync.com"))]);
    assert_eq!(
        run("push.lync.com", Some("sipfed.online.lync.com")).0,
        "Success"
    );
    sh.run("New-CsBlockedDomain", &[("Identity", s("contoso.com"))]);
    assert_eq!(
        run("contoso.com", None).1,
        "contoso.com is on the blocked domains list."
    );
    sh.run(
        "Set-CsAccessEdgeConfiguration",
        &[
            ("UseDnsSrvRouting", on()),
            ("EnablePartnerDiscovery", b(true)),
        ],
    );
    assert_eq!(run("fabrikam.com", None).0, "Success");
}
