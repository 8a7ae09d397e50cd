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

/// The seed's lines, byte for byte (en dashes included), in the seed's order; the parser's
/// corpus test reads the same file.
const SEED: &str = include_str!("corpus/seed_lines.ps1");

#[test]
fn the_seed_deployment_pasted_line_by_line() {
    let mut sh = Script::new();
    let mut thumbprint = String::new();
    let mut transcript = String::new();
    for line in SEED.lines() {
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
    // Enable-CsTopology publishes with the mobility warnings of that moment (no DNS records,
    // certificates without autodiscover names, IIS compression not installed yet).
    let rules: Vec<&str> = warnings
        .iter()
        .filter_map(|w| w.strip_prefix("WARNING: LYNC"))
        .map(|w| &w[..3])
        .collect();
    assert_eq!(
        rules,
        ["002", "003", "004", "004", "004", "012", "015"],
        "{warnings:#?}"
    );
    let others: Vec<&&str> = warnings
        .iter()
        .filter(|w| !w.starts_with("WARNING: LYNC"))
        .collect();
    assert_eq!(others.len(), 4, "{others:#?}");
    assert!(others[0].starts_with("WARNING: Servermanagercmd.exe is deprecated"));
    assert!(others[1].contains(
        "assigned to Default, WebServicesInternal does not contain lyncdiscoverinternal.jacobs.com"
    ));
    assert!(others[2]
        .contains("assigned to WebServicesExternal does not contain lyncdiscover.jacobs.com"));
    assert!(others[3].contains("push notifications are unchanged"));
    assert!(
        transcript.contains("VERBOSE: Enabled topology version 2"),
        "{transcript}"
    );
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

/// The first line of each error record a statement printed.
fn first_lines(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('+') && !l.starts_with("At "))
        .collect()
}

/// Runs each line and checks the first line of the error it reports.
fn assert_first_error_lines(sh: &mut Script, cases: &[(&str, &str)]) {
    for &(line, expected) in cases {
        let (_, err) = sh.run(line);
        assert_eq!(
            first_lines(&err).first().copied(),
            Some(expected),
            "{line}\n{err}"
        );
    }
}

#[test]
fn binding_errors_look_like_powershell() {
    let mut sh = Script::new();
    let cases = [
        (
            "Set-CsHostingProvider -Identity LyncOnline -ProxyFqdn sipfed.online.lync.com",
            "Set-CsHostingProvider : A parameter cannot be found that matches parameter name 'ProxyFqdn'.",
        ),
        (
            "Get-CsService -WebServer -Registrar",
            "Get-CsService : Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
        ),
        (
            "Get-CsHostingProvider -Identity LyncOnline -Filter Lync*",
            "Get-CsHostingProvider : Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
        ),
        (
            "Set-CsAccessEdgeConfiguration -UseDnsSrvRouting -UseDefaultRouting -DefaultRouteFqdn x.contoso.com",
            "Set-CsAccessEdgeConfiguration : Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
        ),
        (
            "Set-CsMcxConfiguration -SessionExpirationInterval 60",
            "Set-CsMcxConfiguration : Cannot validate argument on parameter 'SessionExpirationInterval'. The 60 argument is less than the minimum allowed range of 120. Supply an argument that is greater than or equal to 120 and then try the command again.",
        ),
        (
            "Set-CsImFilterConfiguration -Action Defang",
            "Set-CsImFilterConfiguration : Cannot bind parameter 'Action'. Cannot convert value \"Defang\" to type \"UrlFilterAction\". Error: \"Unable to match the identifier name Defang to a valid enumerator name. Specify one of the following enumerator names and try again:",
        ),
        (
            "New-CsAllowedDomain -Identity push.lync.com -Domain push.lync.com",
            "New-CsAllowedDomain : Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.",
        ),
    ];
    assert_first_error_lines(&mut sh, &cases);
    let (_, err) = sh
        .run("Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 70000");
    assert!(err.starts_with("Set-CsWebServer : Cannot bind parameter 'McxSipPrimaryListeningPort'. Cannot convert value \"70000\" to type \"System.UInt16\"."), "{err}");
    let (_, err) = sh.run("Get-CsService -WebServer | Set-CsWebServer -PrimaryHttpPort 81");
    assert!(
        err.contains("The input object cannot be bound to any parameters for the command"),
        "{err}"
    );
}

#[test]
fn data_errors_name_the_object_and_the_fix() {
    let mut sh = Script::new();
    sh.run("New-CsHostingProvider -Identity LyncOnline -ProxyFqdn sipfed.online.lync.com -Enabled $true");
    let cases = [
        (
            "New-CsHostingProvider -Identity LyncOnline -ProxyFqdn other.example.com",
            "New-CsHostingProvider : Cannot create HostingProvider \"LyncOnline\" because it already exists.",
        ),
        (
            "Set-CsHostingProvider -Identity Contoso -Enabled $false",
            "Set-CsHostingProvider : Cannot find HostingProvider \"Contoso\" because it does not exist.",
        ),
        (
            "Remove-CsMobilityPolicy -Identity tag:Nobody",
            "Remove-CsMobilityPolicy : Cannot find MobilityPolicy \"Tag:Nobody\" because it does not exist.",
        ),
        (
            "New-CsPushNotificationConfiguration -Identity service:Registrar:lyncserver.jacobs.local",
            "New-CsPushNotificationConfiguration : \"service:Registrar:lyncserver.jacobs.local\" is not a valid identity. Use Global or site:<site name>.",
        ),
    ];
    assert_first_error_lines(&mut sh, &cases);
    let (_, err) = sh.run("New-CsAllowedDomain push.lync.com; New-CsBlockedDomain push.lync.com");
    assert!(
        err.contains("already exists on the allowed domains list"),
        "{err}"
    );
}

#[test]
fn what_if_in_source_prints_and_changes_nothing() {
    let mut sh = Script::new();
    let before = sh.ws.borrow().doc().clone();
    let (out, err) = sh.run("Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086 -WhatIf");
    assert_eq!(err, "");
    assert_eq!(
        out,
        "What if: Performing the operation \"Set-CsWebServer\" on target \"WebServer:lyncserver.jacobs.local\".\n  \
         ~ WebServer:lyncserver.jacobs.local McxSipPrimaryListeningPort: (none) → 5086\n"
    );
    assert_eq!(*sh.ws.borrow().doc(), before);
    assert!(!sh.ws.borrow().is_dirty());
}

#[test]
fn in_memory_object_edited_in_a_variable_then_saved() {
    let mut sh = Script::new();
    let (_, err) = sh.run(
        "$p = New-CsMobilityPolicy -Identity Sales -InMemory\n$p.EnableOutsideVoice = $false\nSet-CsMobilityPolicy -Instance $p\n$l = New-CsWebLink -Token Jacobs -Href https://lyncdiscover.jacobs.com\nSet-CsAutodiscoverConfiguration -WebLinks @{Add=$l}\nSet-CsImFilterConfiguration -Prefixes @{Add='urn:'; Remove='http:'}",
    );
    assert_eq!(err, "");
    let ws = sh.ws.borrow();
    let c = &ws.doc().configuration;
    let sales = c["mobilityPolicies"]
        .iter()
        .find(|p| p["Identity"] == "Tag:Sales")
        .unwrap();
    assert_eq!(sales["EnableOutsideVoice"], false);
    assert_eq!(
        c["autodiscoverConfiguration"][0]["WebLinks"][0]["Token"],
        "Jacobs"
    );
    let prefixes = c["imFilterConfiguration"][0]["Prefixes"]
        .as_array()
        .unwrap();
    assert!(prefixes.iter().any(|p| p == "urn:") && !prefixes.iter().any(|p| p == "http:"));
}

#[test]
fn remoting_switches_the_computer_certificates_and_features_act_on() {
    let mut sh = Script::new();
    let (out, err) = sh.run("Enter-PSSession -ComputerName lyncedge.jacobs.local\n(Get-CsCertificate).Use\nExit-PSSession\n(Get-CsCertificate).Use");
    assert_eq!(err, "");
    assert_eq!(
        out,
        "AccessEdgeExternal\nDataEdgeExternal\nAudioVideoAuthentication\nInternal\nDefault\nWebServicesInternal\nWebServicesExternal\n"
    );
    let (out, err) = sh.run("$u = Invoke-Command -ComputerName lyncedge.jacobs.local -ScriptBlock {(Get-CsCertificate).Use}\n$u.Count\n(Get-CsCertificate).Count");
    assert_eq!(err, "");
    assert_eq!(out, "4\n3\n");
    let (_, err) = sh.run("Enter-PSSession nowhere.jacobs.local");
    assert!(
        err.starts_with(
            "Enter-PSSession : Connecting to remote server nowhere.jacobs.local failed"
        ),
        "{err}"
    );
}

#[test]
fn the_push_recipe_then_tests_succeed() {
    let mut sh = Script::new();
    let (_, err) = sh.run(
        "New-CsHostingProvider -Identity \"LyncOnline\" -Enabled $True -ProxyFqdn \"sipfed.online.lync.com\" -VerificationLevel UseSourceVerification
New-CsAllowedDomain -Identity \"push.lync.com\"
Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True -EnableMicrosoftPushNotificationService $True
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True",
    );
    assert_eq!(err, "");
    let (out, err) = sh.run("Test-CsFederatedPartner -TargetFqdn lyncedge.jacobs.local -Domain push.lync.com -ProxyFqdn sipfed.online.lync.com\nTest-CsMcxPushNotification -AccessEdgeFqdn lyncedge.jacobs.local");
    assert_eq!(err, "");
    assert_eq!(out.matches("Result     : Success").count(), 2, "{out}");
    // KB2664650: a URL filter that warns breaks push, and both Test-CsMcxPushNotification
    // and validation say so.
    let (_, err) = sh.run("Set-CsImFilterConfiguration -Identity Global -Enabled $True -Action Warn -WarnMessage \"Beware\"");
    assert_eq!(err, "");
    let (out, _) = sh.run("Test-CsMcxPushNotification lyncedge.jacobs.local");
    assert!(out.contains("Result     : Failure"), "{out}");
    let errors: Vec<_> = sh
        .ws
        .borrow()
        .validate()
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| f.rule_id)
        .collect();
    assert_eq!(errors, ["LYNC011"]);
}

#[test]
fn edge_hardening_tls_dsk_only() {
    let mut sh = Script::new();
    let (_, err) = sh.run(
        "New-CsProxyConfiguration -Identity service:EdgeServer:lyncedge.jacobs.local
Get-CsProxyConfiguration -Filter service:* | Set-CsProxyConfiguration -UseNtlmForClientToProxyAuth $False -UseKerberosForClientToProxyAuth $False",
    );
    assert_eq!(err, "");
    let findings = sh.ws.borrow().validate();
    let ids: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule_id.starts_with("LYNC"))
        .map(|f| f.rule_id)
        .collect();
    assert_eq!(ids, ["LYNC017"]);
    let (_, err) = sh.run("Set-CsProxyConfiguration -Identity service:EdgeServer:lyncedge.jacobs.local -UseCertificateForClientToProxyAuth $False");
    assert_eq!(err, "");
    let errors: Vec<_> = sh
        .ws
        .borrow()
        .validate()
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| f.rule_id)
        .collect();
    assert_eq!(errors, ["LYNC016"]);
    let (_, err) =
        sh.run("Remove-CsProxyConfiguration -Identity service:EdgeServer:lyncedge.jacobs.local");
    assert_eq!(err, "");
    assert!(sh
        .ws
        .borrow()
        .validate()
        .iter()
        .all(|f| !f.rule_id.starts_with("LYNC")));
}

#[test]
fn help_examples_for_every_lync_cmdlet_and_get_command_lists_them() {
    let mut sh = Script::new();
    let catalog = lyncsh::catalog::Catalog::embedded();
    let lync: Vec<&str> = catalog
        .entries()
        .iter()
        .filter(|e| e.module == "Lync")
        .map(|e| e.def.name.as_str())
        .collect();
    assert!(lync.len() >= 50, "{}", lync.len());
    for name in &lync {
        let (out, err) = sh.run(&format!("Get-Help {name} -Examples"));
        assert_eq!(err, "", "{name}");
        let first_example = &catalog.find(name).unwrap().def.examples[0].code;
        let first_line = first_example.lines().next().unwrap();
        assert!(out.contains(first_line), "{name}: {out}");
    }
    let (out, err) = sh.run("Get-Command -Module Lync | ForEach-Object {$_.Name}");
    assert_eq!(err, "");
    let listed: Vec<&str> = out.lines().collect();
    for name in &lync {
        assert!(
            listed.contains(name),
            "Get-Command -Module Lync lacks {name}"
        );
    }
}

#[test]
fn objects_work_with_the_built_in_pipeline_cmdlets() {
    let mut sh = Script::new();
    let (out, err) = sh.run("Get-CsService -WebServer | Select-Object -ExpandProperty ServiceId");
    assert_eq!(err, "");
    assert_eq!(out, "1-WebServices-1\n");
    let (out, err) = sh.run("Get-CsService -WebServer | ForEach-Object {Set-CsWebServer -Identity $_.Identity -McxSipPrimaryListeningPort 5086}\n(Get-CsService -WebServer).McxSipPrimaryListeningPort");
    assert_eq!(err, "");
    assert_eq!(out, "5086\n");
    let (out, err) = sh.run("New-CsAllowedDomain fabrikam.com | Out-Null\nNew-CsAllowedDomain contoso.net | Out-Null\nGet-CsAllowedDomain | ForEach-Object {if ($_.Identity -like '*.net') {$_}} | Remove-CsAllowedDomain\n(Get-CsAllowedDomain).Identity");
    assert_eq!(err, "");
    assert_eq!(out, "fabrikam.com\n");
    let (out, err) = sh.run("Get-CsCertificate | Select-Object -ExpandProperty AlternativeNames -First 1 | Measure-Object | ForEach-Object {$_.Count}");
    assert_eq!(err, "");
    assert_eq!(out, "6\n");
}

#[test]
fn more_error_cases_for_the_server_cmdlets() {
    let mut sh = Script::new();
    let cases = [
        (
            "Invoke-Command -ComputerName nowhere.jacobs.local -ScriptBlock {Get-CsCertificate}",
            "Invoke-Command : Connecting to remote server nowhere.jacobs.local failed with the following error message : WinRM cannot process the request because nowhere.jacobs.local is not a server in the topology. For more information, see the about_Remote_Troubleshooting Help topic.",
        ),
        (
            "Remove-WindowsFeature Web-Nothing",
            "Remove-WindowsFeature : ArgumentNotValid: The role, role service, or feature name is not valid: 'Web-Nothing'. The name was not found.",
        ),
        (
            "Request-CsCertificate -New -Type PICWebService",
            "Request-CsCertificate : The certificate use \"PICWebService\" belongs to Lync Online or a later Lync Server version and cannot be assigned on Lync Server 2010.",
        ),
        (
            "Request-CsCertificate -New -Type Foo",
            "Request-CsCertificate : Cannot bind parameter 'Type'. Cannot convert value \"Foo\" to type \"CertType\". Error: \"Unable to match the identifier name Foo to a valid enumerator name. Specify one of the following enumerator names and try again:",
        ),
        (
            "New-CsWebLink -Token Jacobs -Href https://lyncdiscover.jacobs.com -Foo 1",
            "New-CsWebLink : A parameter cannot be found that matches parameter name 'Foo'.",
        ),
        (
            "Get-CsSite -Identity Paris",
            "Get-CsSite : Cannot find site \"Paris\" because it does not exist.",
        ),
        (
            "Set-CsSipDomain -Identity jacobs.com -IsDefault $false",
            "Set-CsSipDomain : Cannot set IsDefault to False on \"jacobs.com\": there must always be a default SIP domain. Make another domain the default with Set-CsSipDomain -Identity <domain> -IsDefault $True.",
        ),
        (
            "Import-Module Lync, NoSuchModule",
            "Import-Module : The specified module 'NoSuchModule' was not loaded because no valid module file was found in any module directory.",
        ),
    ];
    assert_first_error_lines(&mut sh, &cases);
    let (out, _) = sh
        .run("(Test-CsFederatedPartner -TargetFqdn tmg.jacobs.local -Domain push.lync.com).Error");
    assert_eq!(
        out,
        "tmg.jacobs.local is not an Edge server in the topology.\n"
    );
}
