//! The Lync cmdlets end to end: source text through the parser, binder and evaluator to the
//! document, as an admin types it.

mod lync_support;

use lync_support::Script;

#[test]
fn get_cs_web_server_is_not_recognized_with_a_hint() {
    let mut sh = Script::new();
    let (_, err) = sh.run("Get-CsWebServer");
    assert!(
        err.contains("The term 'Get-CsWebServer' is not recognized"),
        "{err}"
    );
    assert!(err.contains("Get-CsService -WebServer"), "{err}");
}

#[test]
fn pipeline_get_set_and_list_view() {
    let mut sh = Script::new();
    let (out, err) = sh.run("Get-CsPushNotificationConfiguration | Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True\nGet-CsPushNotificationConfiguration");
    assert_eq!(err, "");
    assert_eq!(
        out,
        "\n\nIdentity                               : Global\nEnableApplePushNotificationService     : True\nEnableMicrosoftPushNotificationService : False\n\n\n"
    );
}

/// The seed's lines, byte for byte (en dashes included), in the seed's order.
const SEED: &[&str] = &[
    "Set-CsWebServer \u{2013}Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086",
    "Set-CsWebServer \u{2013}Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087",
    "Import-Module ServerManager",
    "Add-WindowsFeature Web-Server, Web-Dyn-Compression",
    "ServerManagerCMD.exe \u{2013}Install Web-Dyn-Compression",
    "Get-CsCertificate",
    "Set-CsCertificate \u{2013}Type Default,WebServicesInternal,WebServicesExternal \u{2013}Thumbprint <Certificate Thumbprint>",
    "Set-CsPushNotificationConfiguration",
    "New-CsHostingProvider \u{2013}Identity \"LyncOnline\" \u{2013}Enabled $True \u{2013}ProxyFqdn \"sipfed.online.lync.com\" \u{2013}VerificationLevel UseSourceVerification",
    "New-CsAllowedDomain \u{2013}Identity \"push.lync.com\"",
];

#[test]
fn the_seed_deployment_pasted_line_by_line() {
    let mut sh = Script::new();
    let mut thumbprint = String::new();
    let mut transcript = String::new();
    for line in SEED {
        let line = line.replace("<Certificate Thumbprint>", &thumbprint);
        let (out, err) = sh.run(&line);
        assert_eq!(err, "", "{line}");
        if line == "Get-CsCertificate" {
            // The admin reads the thumbprint off the listing, as the seed's author did.
            thumbprint = out
                .lines()
                .find_map(|l| l.strip_prefix("Thumbprint       : "))
                .expect("Get-CsCertificate lists a thumbprint")
                .to_string();
        }
        transcript.push_str(&format!("PS> {line}\n{out}"));
    }
    println!("{transcript}");
    assert_eq!(thumbprint, "F14C49897B1AE5C91DF8E725FB31175EC3C50AD3");
    let warnings: Vec<&str> = transcript
        .lines()
        .filter(|l| l.starts_with("WARNING: "))
        .collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(warnings[0].starts_with("WARNING: Servermanagercmd.exe is deprecated"));
    assert!(warnings[1].contains(
        "assigned to Default, WebServicesInternal does not contain lyncdiscoverinternal.jacobs.com"
    ));
    assert!(warnings[2]
        .contains("assigned to WebServicesExternal does not contain lyncdiscover.jacobs.com"));
    assert!(warnings[3].contains("push notifications are unchanged"));
    // Every step is visible in the document.
    let ws = sh.ws.borrow();
    let doc = ws.doc();
    let web = doc.topology.web_server("lyncserver.jacobs.local").unwrap();
    assert_eq!(
        (
            web.mcx_sip_primary_listening_port,
            web.mcx_sip_external_listening_port
        ),
        (Some(5086), Some(5087))
    );
    let (_, fe) = doc.topology.machine("lyncserver.jacobs.local").unwrap();
    assert!(fe.has_feature("Web-Dyn-Compression"));
    assert_eq!(
        doc.configuration["hostingProviders"][0]["ProxyFqdn"],
        "sipfed.online.lync.com"
    );
    assert_eq!(doc.configuration["hostingProviders"][0]["Enabled"], true);
    assert_eq!(
        doc.configuration["allowedDomains"][0]["Identity"],
        "push.lync.com"
    );
    let errors: Vec<_> = ws.validate().into_iter().filter(|f| f.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
