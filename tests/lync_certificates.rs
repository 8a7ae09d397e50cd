//! Certificates on the local computer (the lab's front end) and Windows features.

mod lync_support;

use lync_support::*;
use lyncsh::engine::value::Value;

const LAB_CERT: &str = "F14C49897B1AE5C91DF8E725FB31175EC3C50AD3";
const EXPIRED_CERT: &str = "F141084EE2B518979BEF3C16EDDC20BD7CFAA17C";

fn uses_of(sh: &Shell) -> Vec<(String, String)> {
    sh.run("Get-CsCertificate", &[])
        .output
        .iter()
        .map(|c| (prop(c, "Use"), prop(c, "Thumbprint")))
        .collect()
}

#[test]
fn get_cs_certificate_returns_one_object_per_use_in_print_order() {
    let sh = Shell::lab();
    let out = sh.run("Get-CsCertificate", &[]);
    assert_eq!(out.output.len(), 3);
    let names: Vec<String> = props(&out.output[0]).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        names,
        [
            "Issuer",
            "NotAfter",
            "NotBefore",
            "SerialNumber",
            "Subject",
            "AlternativeNames",
            "Thumbprint",
            "Use"
        ]
    );
    assert_eq!(
        uses_of(&sh),
        [
            ("Default".to_string(), LAB_CERT.to_string()),
            ("WebServicesInternal".into(), LAB_CERT.into()),
            ("WebServicesExternal".into(), LAB_CERT.into()),
        ]
    );
    assert_eq!(prop(&out.output[0], "NotAfter"), "11/28/2031 9:12:40 AM");
    let only = sh.run(
        "Get-CsCertificate",
        &[("Type", Value::from(vec!["WebServicesExternal"]))],
    );
    assert_eq!(only.output.len(), 1);
}

#[test]
fn set_cs_certificate_warns_about_missing_autodiscover_names_as_the_seed_author_was_warned() {
    let sh = Shell::lab();
    let thumbprint = sh.run("Get-CsCertificate", &[]).output[0].property("Thumbprint");
    let out = sh.run(
        "Set-CsCertificate",
        &[
            (
                "Type",
                Value::from(vec![
                    "Default",
                    "WebServicesInternal",
                    "WebServicesExternal",
                ]),
            ),
            ("Thumbprint", thumbprint),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    assert_eq!(
        out.warnings,
        [
            format!("The certificate \"{LAB_CERT}\" assigned to Default, WebServicesInternal does not contain lyncdiscoverinternal.jacobs.com in its subject alternative names. Lync Mobility clients will not trust the Autodiscover service: request a certificate that includes it (Request-CsCertificate -New -Type Default,WebServicesInternal -AllSipDomain) and assign that one."),
            format!("The certificate \"{LAB_CERT}\" assigned to WebServicesExternal does not contain lyncdiscover.jacobs.com in its subject alternative names. Lync Mobility clients will not trust the Autodiscover service: request a certificate that includes it (Request-CsCertificate -New -Type WebServicesExternal -AllSipDomain) and assign that one."),
        ]
    );
}

#[test]
fn set_cs_certificate_errors() {
    let sh = Shell::lab();
    let types = Value::from(vec!["Default"]);
    let out = sh.run(
        "Set-CsCertificate",
        &[("Type", types.clone()), ("Thumbprint", s("0000"))],
    );
    assert_eq!(
        out.error_messages(),
        ["Cannot find a certificate with thumbprint \"0000\" in the certificate store of lyncserver.jacobs.local. Request one with Request-CsCertificate or import it with Import-CsCertificate first."]
    );
    let out = sh.run(
        "Set-CsCertificate",
        &[("Type", types.clone()), ("Thumbprint", s(EXPIRED_CERT))],
    );
    assert_eq!(out.errors[0].error_id, "CertificateNotValid");
    assert!(out.error_messages()[0].contains("is expired"));
    let out = sh.run(
        "Set-CsCertificate",
        &[
            ("Type", Value::from(vec!["PICWebService"])),
            ("Thumbprint", s(LAB_CERT)),
        ],
    );
    assert_eq!(out.errors[0].error_id, "UnsupportedCertificateUse");
}

#[test]
fn request_assign_and_remove_a_mobility_certificate() {
    let sh = Shell::lab();
    let types = Value::from(vec![
        "Default",
        "WebServicesInternal",
        "WebServicesExternal",
    ]);
    let out = sh.run(
        "Request-CsCertificate",
        &[
            ("New", on()),
            ("Type", types.clone()),
            ("Ca", s("dc\\jacobs-DC-CA")),
            ("AllSipDomain", on()),
        ],
    );
    assert!(out.errors.is_empty(), "{:?}", out.error_messages());
    let cert = out.output[0].clone();
    assert_eq!(prop(&cert, "Subject"), "CN=lyncserver.jacobs.local");
    assert_eq!(prop(&cert, "Issuer"), "CN=jacobs-DC-CA");
    assert_eq!(
        prop(&cert, "AlternativeNames"),
        "{sip.jacobs.com, lyncserver.jacobs.local, webext.jacobs.com, meet.jacobs.com, dialin.jacobs.com, admin.jacobs.com, lyncdiscoverinternal.jacobs.com, lyncdiscover.jacobs.com}"
    );
    let thumbprint = prop(&cert, "Thumbprint");
    assert_eq!(thumbprint.len(), 40);
    // The same request gives the same certificate, which is already there.
    let again = sh.run(
        "Request-CsCertificate",
        &[
            ("New", on()),
            ("Type", types.clone()),
            ("Ca", s("dc\\jacobs-DC-CA")),
            ("AllSipDomain", on()),
        ],
    );
    assert!(again.output.is_empty() && again.warnings.len() == 1);
    let out = sh.run(
        "Set-CsCertificate",
        &[("Type", types), ("Thumbprint", s(&thumbprint))],
    );
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(uses_of(&sh).iter().all(|(_, t)| *t == thumbprint));
    let out = sh.run(
        "Remove-CsCertificate",
        &[("Type", Value::from(vec!["WebServicesExternal"]))],
    );
    assert!(out.errors.is_empty());
    assert_eq!(uses_of(&sh).len(), 2);
    let out = sh.run(
        "Remove-CsCertificate",
        &[("Type", Value::from(vec!["WebServicesExternal"]))],
    );
    assert_eq!(out.errors[0].error_id, "CertificateNotAssigned");
}

#[test]
fn windows_features_are_recorded_on_the_front_end() {
    let sh = Shell::lab();
    let out = sh.run(
        "Import-Module",
        &[("Name", Value::from(vec!["ServerManager"]))],
    );
    assert!(out.errors.is_empty() && out.output.is_empty());
    let out = sh.run(
        "Import-Module",
        &[("Name", Value::from(vec!["ActiveDirectoryX"]))],
    );
    assert_eq!(
        out.error_messages(),
        ["The specified module 'ActiveDirectoryX' was not loaded because no valid module file was found in any module directory."]
    );
    let out = sh.run(
        "Add-WindowsFeature",
        &[(
            "Name",
            Value::from(vec!["Web-Server", "Web-Dyn-Compression"]),
        )],
    );
    assert_eq!(
        props(&out.output[0]),
        [
            ("Success".to_string(), "True".to_string()),
            ("RestartNeeded".into(), "No".into()),
            (
                "FeatureResult".into(),
                "{Dynamic Content Compression}".into()
            ),
            ("ExitCode".into(), "Success".into()),
        ]
    );
    let installed = sh.run(
        "Get-WindowsFeature",
        &[("Name", Value::from(vec!["Web-Dyn-*"]))],
    );
    assert_eq!(prop(&installed.output[0], "Installed"), "True");
    let out = sh.run(
        "Install-WindowsFeature",
        &[("Name", Value::from(vec!["Web-Dyn-Compression"]))],
    );
    assert_eq!(prop(&out.output[0], "ExitCode"), "NoChangeNeeded");
    let out = sh.run(
        "Add-WindowsFeature",
        &[("Name", Value::from(vec!["Web-Nope"]))],
    );
    assert_eq!(
        out.error_messages(),
        ["ArgumentNotValid: The role, role service, or feature name is not valid: 'Web-Nope'. The name was not found."]
    );
    let out = sh.run(
        "Remove-WindowsFeature",
        &[("Name", Value::from(vec!["Web-Dyn-Compression"]))],
    );
    assert_eq!(
        prop(&out.output[0], "FeatureResult"),
        "{Dynamic Content Compression}"
    );
    let (_, m) = sh
        .doc
        .borrow()
        .0
        .topology
        .machine("lyncserver.jacobs.local")
        .map(|(p, m)| (p.clone(), m.clone()))
        .unwrap();
    assert!(!m.has_feature("Web-Dyn-Compression"));
}

#[test]
fn server_manager_cmd_installs_with_its_deprecation_warning() {
    let sh = Shell::lab();
    let out = sh.run(
        "ServerManagerCmd.exe",
        &[("Install", Value::from(vec!["Web-Dyn-Compression"]))],
    );
    assert_eq!(out.warnings.len(), 1);
    assert!(out.warnings[0].starts_with("Servermanagercmd.exe is deprecated"));
    let lines: Vec<String> = out.output.iter().map(Value::to_ps_string).collect();
    assert_eq!(
        lines,
        [
            "Start Installation...",
            "[Installation] Succeeded: [Web Server (IIS)] Dynamic Content Compression.",
            "<100/100>",
            "Success: Installation succeeded.",
        ]
    );
    let out = sh.run(
        "ServerManagerCmd.exe",
        &[("Install", Value::from(vec!["Web-Dyn-Compression"]))],
    );
    assert_eq!(
        out.output.last().unwrap().to_ps_string(),
        "NoChange: No changes were made to the system."
    );
}
