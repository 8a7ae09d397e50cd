//! The built-in cmdlets end to end: source text through the engine's Session, output as the
//! host receives it.

mod capture;

use capture::Capture;
use lyncsh::engine::registry::Registry;
use lyncsh::engine::session::{RunStatus, Session, SessionOptions};

struct Ran {
    out: String,
    err: String,
    status: RunStatus,
}

fn run(source: &str) -> Ran {
    let mut registry = Registry::new();
    lyncsh::cmdlets::builtin::register(&mut registry);
    let host = Capture::default();
    let mut session = Session::new(registry, Box::new(host.clone()), SessionOptions::default());
    let result = session.run(source);
    let out = host.out.borrow().clone();
    let err = host.err.borrow().clone();
    Ran {
        out,
        err,
        status: result.status,
    }
}

fn out(source: &str) -> String {
    let r = run(source);
    assert!(r.err.is_empty(), "{source}\nerrors:\n{}", r.err);
    r.out
}

#[test]
fn where_object_both_forms() {
    assert_eq!(out("1, 2, 3, 4 | Where-Object { $_ -gt 2 }"), "3\n4\n");
    assert_eq!(
        out(r#"'lyncserver.jacobs.local', 'edge.contoso.com' | Where-Object Length -gt 16"#),
        "lyncserver.jacobs.local\n"
    );
    let src = r#"[pscustomobject]@{ Identity = 'a.jacobs.local' }, [pscustomobject]@{ Identity = 'b.contoso.com' } | Where-Object Identity -like "*jacobs*" | ForEach-Object Identity"#;
    assert_eq!(out(src), "a.jacobs.local\n");
    assert_eq!(out("1, 2, 3 | ? { $_ -ne 2 }"), "1\n3\n");
}

#[test]
fn select_sort_foreach_pipelines() {
    assert_eq!(out("5, 4, 3, 2, 1 | Select-Object -First 2"), "5\n4\n");
    assert_eq!(out("3, 10, 2 | Sort-Object"), "2\n3\n10\n");
    assert_eq!(out("3, 10, 2 | sort -Descending | select -Last 1"), "2\n");
    assert_eq!(out("1, 2, 3 | ForEach-Object { $_ * 2 }"), "2\n4\n6\n");
    assert_eq!(
        out("1, 2, 3 | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { $sum }"),
        "6\n"
    );
    assert_eq!(
        out(
            r#"[pscustomobject]@{ Port = 4443 } | Select-Object Port, @{ Name = "External"; Expression = { $_.Port - 4000 } }"#
        ),
        "\nPort External\n---- --------\n4443      443\n\n\n"
    );
}

#[test]
fn select_expand_property_error_is_non_terminating() {
    let r = run(r#"[pscustomobject]@{ A = 1 } | Select-Object -ExpandProperty B; "after""#);
    assert_eq!(r.out, "after\n");
    assert!(
        r.err.contains("Property \"B\" cannot be found."),
        "{}",
        r.err
    );
    assert_eq!(r.status, RunStatus::Completed);
}

#[test]
fn measure_group_and_formatting() {
    assert_eq!(
        out("1, 2, 3, 4 | Measure-Object -Sum -Average -Maximum -Minimum"),
        "\n\nCount    : 4\nAverage  : 2.5\nSum      : 10\nMaximum  : 4\nMinimum  : 1\nProperty :\n\n\n"
    );
    assert_eq!(
        out(r#""a", "b", "a" | Group-Object -NoElement"#),
        "\nCount Name\n----- ----\n    2 a\n    1 b\n\n\n"
    );
    assert_eq!(
        out(
            r#"[pscustomobject]@{ Role = "WebServer"; Port = 443 }, [pscustomobject]@{ Role = "Mcx"; Port = 5086 } | Format-Table"#
        ),
        "\nRole      Port\n----      ----\nWebServer  443\nMcx       5086\n\n\n"
    );
    assert_eq!(
        out(r#"[pscustomobject]@{ Identity = "Global"; Port = 5086 } | fl"#),
        "\n\nIdentity : Global\nPort     : 5086\n\n\n"
    );
}

#[test]
fn json_and_strings() {
    assert_eq!(
        out(r#"@{ Add = "push.lync.com" } | ConvertTo-Json -Compress"#),
        "{\"Add\":\"push.lync.com\"}\n"
    );
    assert_eq!(out("$text = 1, 2 | Out-String; $text.Length"), "4\n");
    assert_eq!(
        out(r#"('{ "Name": "LyncOnline", "Port": 443 }' | ConvertFrom-Json).Port"#),
        "443\n"
    );
}

#[test]
fn write_cmdlets_and_streams() {
    assert_eq!(
        out(r#"Write-Output "lyncserver.jacobs.local" 5086"#),
        "lyncserver.jacobs.local\n5086\n"
    );
    assert_eq!(
        out(r#"Write-Host "Step 1... " -NoNewline; Write-Host "done""#),
        "Step 1... done\n"
    );
    assert_eq!(
        out(r#"Write-Verbose "hidden"; Write-Verbose "shown" -Verbose"#),
        "VERBOSE: shown\n"
    );
    assert_eq!(out(r#"Write-Warning "careful""#), "WARNING: careful\n");
    let r = run(r#"Write-Error "Pool not found" -Category ObjectNotFound; "still running""#);
    assert_eq!(r.out, "still running\n");
    assert!(r.err.contains("Pool not found"), "{}", r.err);
    assert!(r.err.contains("ObjectNotFound"), "{}", r.err);
}

#[test]
fn help_command_and_variables() {
    let help = out("Get-Help Select-Object -Parameter First");
    assert!(help.starts_with("\n    -First <Int32>\n"), "{help}");
    assert_eq!(
        out("Get-Command Write-Verbose -Syntax"),
        "\nWrite-Verbose [-Message] <String> [<CommonParameters>]\n\n"
    );
    assert_eq!(out("Set-Variable -Name port -Value 5086; $port"), "5086\n");
    assert_eq!(
        out(r#"$pool = "pool1"; Get-Variable pool -ValueOnly"#),
        "pool1\n"
    );
    assert_eq!(
        out("Get-Alias -Definition Where-Object | ForEach-Object Name"),
        "?\nwhere\n"
    );
    assert_eq!(
        out("Set-Alias gws Get-Date; Get-Alias gws | ForEach-Object Definition"),
        "Get-Date\n"
    );
    let r = run("Get-Help Get-Nothing");
    assert!(
        r.err.contains("Get-Help could not find Get-Nothing"),
        "{}",
        r.err
    );
}

#[test]
fn get_member_shows_the_type_and_members() {
    let text = out(
        r#"[pscustomobject]@{ Name = "web"; Port = 443 } | Get-Member -MemberType NoteProperty"#,
    );
    assert_eq!(
        text,
        "\n\n   TypeName: System.Management.Automation.PSCustomObject\n\nName MemberType   Definition\n---- ----------   ----------\nName NoteProperty string Name=web\nPort NoteProperty int Port=443\n\n\n"
    );
}

#[test]
fn get_help_of_functions_and_scripts_uses_comment_based_help() {
    let src = r#"
function Get-PoolReport {
    <#
    .SYNOPSIS
        Reports one pool.
    .PARAMETER Pool
        The pool FQDN.
    #>
    param([Parameter(Mandatory)][string]$Pool, [switch]$Detailed)
    "report for $Pool"
}
Get-Help Get-PoolReport -Full
"#;
    let text = out(src);
    assert!(
        text.contains("NAME\n    Get-PoolReport\n\nSYNOPSIS\n    Reports one pool.\n"),
        "{text}"
    );
    assert!(
        text.contains("    Get-PoolReport [-Pool] <String> [-Detailed] [<CommonParameters>]\n"),
        "{text}"
    );
    assert!(text.contains("    -Pool <String>\n        The pool FQDN.\n\n        Required?                    true\n        Position?                    0\n"), "{text}");

    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("Set-Mcx.ps1");
    std::fs::write(
        &script,
        "<#\n.SYNOPSIS\n    Sets MCX ports.\n#>\nparam([int]$Port = 5086)\n",
    )
    .unwrap();
    let text = out(&format!("Get-Help '{}'", script.display()));
    assert!(text.contains("SYNOPSIS\n    Sets MCX ports.\n"), "{text}");
    assert!(
        text.contains(&format!(
            "{} [[-Port] <Int32>] [<CommonParameters>]",
            script.display()
        )),
        "{text}"
    );
}

#[test]
fn foreach_object_calls_methods_by_name() {
    assert_eq!(
        out(r#""pool1", "pool2" | ForEach-Object ToUpper"#),
        "POOL1\nPOOL2\n"
    );
    assert_eq!(out(r#""a,b" | ForEach-Object Split ",""#), "a\nb\n");
    let r = run(r#"1 | ForEach-Object NoSuchMethod; "after""#);
    assert_eq!(r.out, "after\n");
    assert!(!r.err.is_empty());
}
