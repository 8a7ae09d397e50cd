//! Get-Help, Get-Command, Get-Member, Get-Alias/Set-Alias, Get-/Set-Variable and the
//! Write-* cmdlets.

mod builtin_support;

use builtin_support::*;
use lyncsh::engine::error::ErrorCategory;
use lyncsh::engine::value::Value;

#[test]
fn get_help_default_view_of_a_builtin() {
    let m = run("Get-Help", &[("Name", s("Write-Verbose"))], vec![]);
    let text = m.printed();
    assert!(text.starts_with("\nNAME\n    Write-Verbose\n\nSYNOPSIS\n    Writes text to the verbose message stream.\n\n\nSYNTAX\n    Write-Verbose [-Message] <String> [<CommonParameters>]\n\n\nDESCRIPTION\n"), "{text}");
    assert!(text.ends_with("REMARKS\n    To see the examples, type: \"get-help Write-Verbose -examples\".\n    For more information, type: \"get-help Write-Verbose -detailed\".\n    For technical information, type: \"get-help Write-Verbose -full\".\n\n"), "{text}");
}

#[test]
fn get_help_resolves_aliases_and_expands_enums_in_syntax() {
    let m = run("Get-Help", &[("Name", s("ft"))], vec![]);
    assert!(m.printed().contains("\nNAME\n    Format-Table\n"));
    let m = run("Get-Help", &[("Name", s("Write-Host"))], vec![]);
    assert!(m
        .printed()
        .contains("[-ForegroundColor {Black | DarkBlue | DarkGreen"));
}

#[test]
fn get_help_parameter_matches_the_catalog_example() {
    let m = run(
        "Get-Help",
        &[("Name", s("Select-Object")), ("Parameter", s("First"))],
        vec![],
    );
    let expected = lyncsh::catalog::Catalog::embedded()
        .find("Get-Help")
        .unwrap()
        .def
        .examples
        .iter()
        .find(|e| e.code.contains("-Parameter First"))
        .and_then(|e| e.output.clone())
        .unwrap();
    assert_eq!(m.printed(), expected);
}

#[test]
fn get_help_parameter_wildcards_and_no_match() {
    let m = run(
        "Get-Help",
        &[("Name", s("Get-Command")), ("Parameter", s("*un"))],
        vec![],
    );
    assert!(m.printed().contains("    -Noun <String[]>\n"));
    let mut m = Mock::new("Get-Help");
    let err = run_with(
        &mut m,
        "Get-Help",
        &[("Name", s("Get-Command")), ("Parameter", s("Nope"))],
        vec![],
    )
    .unwrap_err();
    assert_eq!(err.message, "No parameter matches criteria Nope.");
}

#[test]
fn get_help_examples_and_full_views() {
    let m = run(
        "Get-Help",
        &[("Name", s("Sort-Object")), ("Examples", on())],
        vec![],
    );
    let text = m.printed();
    assert!(text.contains("    -------------------------- EXAMPLE 1: Sort numbers --------------------------\n\n    PS C:\\>3, 10, 2 | Sort-Object\n"), "{text}");
    assert!(!text.contains("SYNTAX"));
    let m = run(
        "Get-Help",
        &[("Name", s("Sort-Object")), ("Full", on())],
        vec![],
    );
    let text = m.printed();
    assert!(text.contains("        Accept pipeline input?       true (ByValue)\n"));
    assert!(text.contains("INPUTS\n    System.Management.Automation.PSObject\n"));
}

#[test]
fn get_help_unknown_name_is_powershells_error() {
    let mut m = Mock::new("Get-Help");
    let err = run_with(&mut m, "Get-Help", &[("Name", s("Get-Nothing"))], vec![]).unwrap_err();
    assert!(err
        .message
        .starts_with("Get-Help could not find Get-Nothing in a help file in this session."));
    assert_eq!(err.category, ErrorCategory::ResourceUnavailable);
    assert_eq!(err.error_id, "HelpNotFound");
}

#[test]
fn get_help_wildcard_lists_commands() {
    let m = run("Get-Help", &[("Name", s("*-Json"))], vec![]);
    let names: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("Name").to_ps_string())
        .collect();
    assert_eq!(names, ["ConvertFrom-Json", "ConvertTo-Json"]);
}

#[test]
fn get_command_table_and_filters() {
    let m = run("Get-Command", &[("Noun", s("Json"))], vec![]);
    assert_eq!(
        m.printed(),
        format!(
            "\nCommandType     Name{}Version    Source\n-----------     ----{}-------    ------\nCmdlet          ConvertFrom-Json{}3.1.0.0    Microsoft.PowerShell.Utility\nCmdlet          ConvertTo-Json{}3.1.0.0    Microsoft.PowerShell.Utility\n\n\n",
            " ".repeat(47),
            " ".repeat(47),
            " ".repeat(35),
            " ".repeat(37)
        )
    );
    let m = run(
        "Get-Command",
        &[("Name", Value::Array(vec![s("Where-*")]))],
        vec![],
    );
    assert_eq!(m.output.len(), 1);
    let m = run(
        "Get-Command",
        &[("Verb", s("Write")), ("Module", s("*Utility"))],
        vec![],
    );
    assert!(m.output.len() >= 5);
}

#[test]
fn get_command_includes_aliases_and_reports_unknown_names() {
    // `?` is itself a wildcard, so it finds every one-character command, as in PowerShell.
    let m = run(
        "Get-Command",
        &[("Name", Value::Array(vec![s("?")]))],
        vec![],
    );
    let shown: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("DisplayName").to_ps_string())
        .collect();
    assert_eq!(shown, ["% -> ForEach-Object", "? -> Where-Object"]);
    let m = run(
        "Get-Command",
        &[("Name", Value::Array(vec![s("Get-Nothing")]))],
        vec![],
    );
    assert_eq!(m.errors.len(), 1);
    assert!(m.errors[0]
        .message
        .starts_with("The term 'Get-Nothing' is not recognized"));
}

#[test]
fn get_command_lists_script_functions_after_aliases() {
    let mut m = Mock::new("Get-Command");
    m.functions.push("Get-PoolReport".into());
    run_with(
        &mut m,
        "Get-Command",
        &[("Name", Value::Array(vec![s("Get-PoolRep*"), s("gcm")]))],
        vec![],
    )
    .unwrap();
    let shown: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("CommandType").to_ps_string())
        .collect();
    assert_eq!(shown, ["Alias", "Function"]);
}

#[test]
fn get_command_syntax_matches_the_catalog_example() {
    let m = run(
        "Get-Command",
        &[
            ("Name", Value::Array(vec![s("Write-Verbose")])),
            ("Syntax", on()),
        ],
        vec![],
    );
    assert_eq!(
        m.printed(),
        "\nWrite-Verbose [-Message] <String> [<CommonParameters>]\n\n"
    );
}

#[test]
fn get_member_of_a_custom_object() {
    let o = obj(&[("Name", s("web")), ("Port", i(443))]);
    let m = run("Get-Member", &[], vec![o.clone()]);
    assert_eq!(
        m.printed(),
        "

   TypeName: System.Management.Automation.PSCustomObject

Name        MemberType   Definition
----        ----------   ----------
Equals      Method       bool Equals(System.Object obj)
GetHashCode Method       int GetHashCode()
GetType     Method       type GetType()
ToString    Method       string ToString()
Name        NoteProperty string Name=web
Port        NoteProperty int Port=443


"
    );
    let m = run(
        "Get-Member",
        &[
            ("MemberType", s("Method")),
            ("Name", Value::Array(vec![s("To*")])),
        ],
        vec![o],
    );
    assert_eq!(m.output.len(), 1);
}

#[test]
fn get_member_needs_input() {
    let mut m = Mock::new("Get-Member");
    let err = run_with(&mut m, "Get-Member", &[], vec![]).unwrap_err();
    assert_eq!(
        err.message,
        "You must specify an object for the Get-Member cmdlet."
    );
}

#[test]
fn aliases_built_in_and_session() {
    let m = run("Get-Alias", &[("Definition", s("Where-Object"))], vec![]);
    let names: Vec<String> = m
        .output
        .iter()
        .map(|v| v.property("Name").to_ps_string())
        .collect();
    assert_eq!(names, ["?", "where"]);

    let mut m = Mock::new("Set-Alias");
    run_with(
        &mut m,
        "Set-Alias",
        &[("Name", s("gws")), ("Value", s("Get-CsService"))],
        vec![],
    )
    .unwrap();
    run_with(
        &mut m,
        "Get-Alias",
        &[("Name", Value::Array(vec![s("gws")]))],
        vec![],
    )
    .unwrap();
    assert_eq!(
        m.output[0].property("Definition").to_ps_string(),
        "Get-CsService"
    );

    let m = run(
        "Get-Alias",
        &[("Name", Value::Array(vec![s("nosuch")]))],
        vec![],
    );
    assert_eq!(
        m.errors[0].message,
        "This command cannot find a matching alias because an alias with the name 'nosuch' does not exist."
    );
}

#[test]
fn variables_get_and_set() {
    let mut m = Mock::new("Set-Variable");
    run_with(
        &mut m,
        "Set-Variable",
        &[("Name", Value::Array(vec![s("port")])), ("Value", i(5086))],
        vec![],
    )
    .unwrap();
    run_with(
        &mut m,
        "Set-Variable",
        &[
            ("Name", Value::Array(vec![s("pool")])),
            ("Value", s("pool1")),
        ],
        vec![],
    )
    .unwrap();
    run_with(
        &mut m,
        "Get-Variable",
        &[("Name", Value::Array(vec![s("po*")]))],
        vec![],
    )
    .unwrap();
    assert_eq!(
        m.printed(),
        format!(
            "\nName{}Value\n----{}-----\npool{}pool1\nport{}5086\n\n\n",
            " ".repeat(27),
            " ".repeat(27),
            " ".repeat(27),
            " ".repeat(27)
        )
    );
    m.output.clear();
    run_with(
        &mut m,
        "Get-Variable",
        &[("Name", Value::Array(vec![s("port")])), ("ValueOnly", on())],
        vec![],
    )
    .unwrap();
    assert_eq!(m.printed(), "5086\n");
    run_with(
        &mut m,
        "Get-Variable",
        &[("Name", Value::Array(vec![s("missing")]))],
        vec![],
    )
    .unwrap();
    assert_eq!(
        m.errors[0].message,
        "Cannot find a variable with the name 'missing'."
    );
}

#[test]
fn write_cmdlets_use_their_streams() {
    let m = run(
        "Write-Output",
        &[("InputObject", Value::Array(vec![s("a"), i(1)]))],
        vec![],
    );
    assert_eq!(m.printed(), "a\n1\n");
    let m = run(
        "Write-Output",
        &[
            ("InputObject", Value::Array(vec![s("a"), i(1)])),
            ("NoEnumerate", on()),
        ],
        vec![],
    );
    assert_eq!(m.output.len(), 1);

    let mut m = Mock::new("Write-Host");
    run_with(
        &mut m,
        "Write-Host",
        &[("Object", s("Step 1... ")), ("NoNewline", on())],
        vec![],
    )
    .unwrap();
    run_with(
        &mut m,
        "Write-Host",
        &[("Object", Value::Array(vec![s("done"), i(2)]))],
        vec![],
    )
    .unwrap();
    assert_eq!(m.host, "Step 1... done 2\n");
    assert!(m.output.is_empty());

    let mut m = Mock::new("Write-Host");
    m.color = true;
    run_with(
        &mut m,
        "Write-Host",
        &[("Object", s("ok")), ("ForegroundColor", s("Green"))],
        vec![],
    )
    .unwrap();
    assert_eq!(m.host, "\u{1b}[92mok\u{1b}[0m\n");

    let m = run("Write-Verbose", &[("Message", s("checking"))], vec![]);
    assert_eq!(m.verbose, ["checking"]);
    let m = run("Write-Warning", &[("Message", s("careful"))], vec![]);
    assert_eq!(m.warnings, ["careful"]);
}

#[test]
fn write_error_builds_the_record() {
    let m = run(
        "Write-Error",
        &[
            ("Message", s("Pool not found")),
            ("Category", s("ObjectNotFound")),
            ("ErrorId", s("PoolNotFound")),
        ],
        vec![],
    );
    let e = &m.errors[0];
    assert_eq!(e.message, "Pool not found");
    assert_eq!(e.category, ErrorCategory::ObjectNotFound);
    assert_eq!(e.fully_qualified_error_id(), "PoolNotFound");
}

#[test]
fn read_host_fails_when_nobody_can_answer() {
    let mut m = Mock::new("Read-Host");
    let err = run_with(&mut m, "Read-Host", &[("Prompt", s("Pool FQDN"))], vec![]).unwrap_err();
    assert_eq!(
        err.message,
        "Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available."
    );
    let mut m = Mock::new("Read-Host");
    m.interactive = true;
    m.answer = Some("pool1".into());
    run_with(&mut m, "Read-Host", &[("Prompt", s("Pool FQDN"))], vec![]).unwrap();
    assert_eq!(m.strings(), ["pool1"]);
}

#[test]
fn get_help_of_a_script_uses_its_comment_based_help() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("Get-McxReport.ps1");
    std::fs::write(
        &script,
        "<#\n.SYNOPSIS\n    Reports the MCX ports.\n.EXAMPLE\n    .\\Get-McxReport.ps1\n    Reports every pool.\n#>\nparam()\n",
    )
    .unwrap();
    let shown = script.display().to_string();
    let m = run(
        "Get-Help",
        &[("Name", s(&shown)), ("Examples", on())],
        vec![],
    );
    let text = m.printed();
    assert!(
        text.starts_with(&format!(
            "\nNAME\n    {shown}\n\nSYNOPSIS\n    Reports the MCX ports.\n"
        )),
        "{text}"
    );
    assert!(
        text.contains("    PS C:\\>.\\Get-McxReport.ps1\n\n    Reports every pool.\n"),
        "{text}"
    );

    let mut m = Mock::new("Get-Help");
    let missing = dir.path().join("nope.ps1").display().to_string();
    let err = run_with(&mut m, "Get-Help", &[("Name", s(&missing))], vec![]).unwrap_err();
    assert_eq!(err.error_id, "HelpNotFound");
}
