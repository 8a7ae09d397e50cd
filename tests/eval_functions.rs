//! Functions, advanced functions bound by the binder, pipeline input with
//! begin/process/end, script blocks, dot-sourcing, script files and a script's param block.

mod eval_common;
use eval_common::*;
use lyncsh::engine::{RunStatus, SessionOptions};

fn lines(source: &str) -> Vec<String> {
    out(source).lines().map(str::to_string).collect()
}

#[test]
fn simple_functions_and_args() {
    assert_eq!(lines("function Add($a, $b) { $a + $b }; Add 2 3"), ["5"]);
    assert_eq!(
        lines("function Add($a, $b) { $a + $b }; Add -b 1 -a 2"),
        ["3"]
    );
    assert_eq!(
        lines("function Show { $args.Count; $args[1] }; Show x y z"),
        ["3", "y"]
    );
    assert_eq!(
        lines("function f { param($p) \"$p\"; $p + 1 }; f 1kb"),
        ["1kb", "1025"]
    );
    assert_eq!(lines("& { param($p) \"$p\"; $p + 1 } 1kb"), ["1kb", "1025"]);
}

#[test]
fn return_stops_the_function() {
    assert_eq!(lines("function f { 'a'; return 'b'; 'c' }; f"), ["a", "b"]);
    assert_eq!(lines("function f { return }; f; 'after'"), ["after"]);
}

#[test]
fn advanced_function_binding_matches_cmdlets() {
    let def = "function Set-Thing { [CmdletBinding()] param([Parameter(Mandatory)][string]$Name, [ValidateSet('Low','High')][string]$Level = 'Low', [ValidateRange(1,10)][int]$Count = 1, [Alias('Sip')][string]$SipAddress, [switch]$Force) \"$Name $Level $Count $SipAddress $Force\" }\n";
    assert_eq!(
        lines(&format!("{def}Set-Thing -Name a")),
        ["a Low 1  False"]
    );
    assert_eq!(
        lines(&format!(
            "{def}Set-Thing a -Level high -Count 0x3 -sip s -Force"
        )),
        ["a high 3 s True"]
    );
    let r = run(&format!("{def}Set-Thing -Name a -Level x"));
    assert!(r.err.contains("Set-Thing : Cannot validate argument on parameter 'Level'. The argument \"x\" does not belong to the set \"Low,High\" specified by the ValidateSet attribute."), "{}", r.err);
    let r = run(&format!("{def}Set-Thing -Name a -Count 0"));
    assert!(
        r.err
            .contains("The 0 argument is less than the minimum allowed range of 1."),
        "{}",
        r.err
    );
    let r = run(&format!("{def}Set-Thing"));
    assert!(
        r.err.contains(
            "Cannot process command because of one or more missing mandatory parameters: Name."
        ),
        "{}",
        r.err
    );
    // Without explicit positions every parameter is positional, in declaration order.
    let r = run(&format!("{def}Set-Thing a b"));
    assert!(
        r.err
            .contains("The argument \"b\" does not belong to the set"),
        "{}",
        r.err
    );
    let one = "function g { [CmdletBinding()] param($a, [switch]$Force) $a }\n";
    let r = run(&format!("{one}g a b"));
    assert!(
        r.err
            .contains("A positional parameter cannot be found that accepts argument 'b'."),
        "{}",
        r.err
    );
    let r = run(&format!("{one}g a -Force $false"));
    assert!(
        r.err
            .contains("A positional parameter cannot be found that accepts argument 'False'."),
        "{}",
        r.err
    );
    assert_eq!(lines(&format!("{one}g a -Force:$false")), ["a"]);
    let r = run(&format!("{def}Set-Thing a -Nope"));
    assert!(
        r.err
            .contains("A parameter cannot be found that matches parameter name 'Nope'."),
        "{}",
        r.err
    );
}

#[test]
fn bool_parameters_in_functions() {
    let def = "function f { [CmdletBinding()] param([bool]$Enabled) \"$Enabled\" }\n";
    assert_eq!(
        lines(&format!("{def}f -Enabled $true; f -Enabled 0")),
        ["True", "False"]
    );
    let r = run(&format!("{def}f -Enabled True"));
    assert!(r.err.contains("Cannot process argument transformation on parameter 'Enabled'. Cannot convert value \"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0."), "{}", r.err);
}

#[test]
fn not_null_or_empty_and_pattern() {
    let def = "function f { param([ValidateNotNullOrEmpty()][string]$Name, [ValidatePattern('^\\d+$')]$Id) 'ok' }\n";
    let r = run(&format!("{def}f -Name ''"));
    assert!(r.err.contains("The argument is null or empty. Provide an argument that is not null or empty, and then try the command again."), "{}", r.err);
    let r = run(&format!("{def}f -Id abc"));
    assert!(
        r.err
            .contains("The argument \"abc\" does not match the \"^\\d+$\" pattern."),
        "{}",
        r.err
    );
    assert_eq!(lines(&format!("{def}f -Id 42")), ["ok"]);
}

#[test]
fn pipeline_input_with_begin_process_end() {
    let def = "function Sum { param([Parameter(ValueFromPipeline)][int]$N) begin { $t = 0 } process { $t += $N } end { $t } }\n";
    assert_eq!(lines(&format!("{def}1..4 | Sum")), ["10"]);
    let def = "function Name-Of { param([Parameter(ValueFromPipelineByPropertyName)][string]$Name) process { $Name.ToUpper() } }\n";
    assert_eq!(
        lines(&format!("{def}Get-Widget | Name-Of")),
        ["ALPHA", "BETA", "GAMMA"]
    );
    assert_eq!(
        lines("function f { process { $_ * 2 } }; 1,2 | f"),
        ["2", "4"]
    );
    assert_eq!(lines("function f { $input.Count }; 1,2,3 | f"), ["3"]);
}

#[test]
fn psboundparameters_and_should_process() {
    let def = "function Remove-Thing { [CmdletBinding(SupportsShouldProcess)] param([string]$Name) if ($PSCmdlet.ShouldProcess($Name)) { \"removed $Name\" } }\n";
    assert_eq!(
        lines(&format!("{def}Remove-Thing alice")),
        ["removed alice"]
    );
    assert_eq!(
        out(&format!("{def}Remove-Thing alice -WhatIf")),
        "What if: Performing the operation \"Remove-Thing\" on target \"alice\".\n"
    );
    // -WhatIf flows into the cmdlets the function calls.
    let def2 = "function Go { [CmdletBinding(SupportsShouldProcess)] param() Set-Widget w }\n";
    assert_eq!(
        out(&format!("{def2}Go -WhatIf")),
        "What if: Performing the operation \"Set-Widget\" on target \"w\".\n"
    );
    let def3 = "function f { [CmdletBinding()] param($a, $b) $PSBoundParameters.Keys -join ',' }\n";
    assert_eq!(lines(&format!("{def3}f -b 1")), ["b"]);
}

#[test]
fn verbose_in_advanced_functions() {
    let def =
        "function f { [CmdletBinding()] param() Test-Streams -WarningAction SilentlyContinue }\n";
    assert_eq!(
        out(&format!("{def}f -Verbose")),
        "VERBOSE: verbose text\nhost text\n"
    );
    assert_eq!(out(&format!("{def}f")), "host text\n");
}

#[test]
fn script_blocks_and_call_operator() {
    assert_eq!(lines("$sb = { param($x) $x * 3 }; & $sb 4"), ["12"]);
    assert_eq!(lines("$sb = { 'hi' }; $sb.Invoke()"), ["hi"]);
    assert_eq!(lines("$x = 1; & { $x = 2 }; $x"), ["1"]);
    assert_eq!(lines("$x = 1; . { $x = 2 }; $x"), ["2"]);
    assert_eq!(lines("$n = 0; 1..3 | Invoke-Each { $n += $_ }; $n"), ["6"]);
    assert_eq!(lines("(1..6).Where({ $_ % 2 -eq 0 }) -join ','"), ["2,4,6"]);
}

#[test]
fn recursion_is_limited() {
    let r = run("function f { f }; f");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert!(
        r.err
            .contains("The script failed due to call depth overflow."),
        "{}",
        r.err
    );
}

#[test]
fn script_files_dot_sourcing_and_exit() {
    let dir = tempfile::tempdir().unwrap();
    let helpers = dir.path().join("helpers.ps1");
    std::fs::write(
        &helpers,
        "function Get-Double($n) { $n * 2 }\n$loaded = 'yes'\n",
    )
    .unwrap();
    let child = dir.path().join("child.ps1");
    std::fs::write(
        &child,
        "param($Name)\n\"hello $Name $($PSCommandPath.EndsWith('child.ps1'))\"\nexit 4\n",
    )
    .unwrap();
    let child2 = dir.path().join("root.ps1");
    std::fs::write(&child2, "$PSScriptRoot").unwrap();
    let h = helpers.display();
    let r = run(&format!(". '{h}'\nGet-Double 21\n$loaded"));
    assert_eq!(r.out, "42\nyes\n", "{}", r.err);
    let r = run(&format!("& '{h}'\n$loaded"));
    assert_eq!(r.out, "");
    let r = run(&format!("& '{}'", child2.display()));
    let root = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(r.out.trim_end(), root.display().to_string());
    let r = run(&format!("& '{}' -Name x\n$LASTEXITCODE", child.display()));
    assert_eq!(r.out, "hello x True\n4\n", "{}", r.err);
}

#[test]
fn script_parameters_from_script_args() {
    let src = "param([Parameter(Mandatory)][string]$Pool, [int]$Port = 5086, [switch]$Force, [bool]$Enabled = $true)\n\"$Pool $Port $Force $Enabled\"";
    let options = |args: &[&str]| SessionOptions {
        script_args: args.iter().map(|s| s.to_string()).collect(),
        script_path: Some("change.ps1".into()),
        ..Default::default()
    };
    assert_eq!(
        run_with(src, options(&["-Pool", "fe.contoso.com"])).out,
        "fe.contoso.com 5086 False True\n"
    );
    assert_eq!(
        run_with(
            src,
            options(&["fe", "-Port", "443", "-Force", "-Enabled:false"])
        )
        .out,
        "fe 443 True False\n"
    );
    let r = run_with(src, options(&[]));
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert!(
        r.err.contains("missing mandatory parameters: Pool."),
        "{}",
        r.err
    );
    let r = run_with("$args -join '+'", options(&["a", "b"]));
    assert_eq!(r.out, "a+b\n");
}

#[test]
fn pscmdlet_error_methods() {
    let def = "function f { [CmdletBinding()] param() $PSCmdlet.WriteError('soft'); 'after soft'; $PSCmdlet.ThrowTerminatingError('hard'); 'not here' }\n";
    let r = run(&format!("{def}f; 'next'"));
    assert_eq!(r.out, "after soft\nnext\n");
    assert!(
        r.err.contains("soft\n") && r.err.contains("hard\n"),
        "{}",
        r.err
    );
    let r = run(&format!(
        "{def}try {{ f -ErrorAction Stop }} catch {{ \"caught $_\" }}"
    ));
    assert_eq!(r.out, "caught soft\n");
}

#[test]
fn my_invocation_names_the_command() {
    assert_eq!(
        lines("function Get-Me { $MyInvocation.MyCommand.Name }; Get-Me"),
        ["Get-Me"]
    );
    let options = SessionOptions {
        script_path: Some("/tmp/some/report.ps1".into()),
        ..Default::default()
    };
    let r = run_with("$MyInvocation.MyCommand.Name", options);
    assert_eq!(r.out, "report.ps1\n");
}

#[test]
fn array_lists_grow_in_place() {
    assert_eq!(lines("$l = [System.Collections.ArrayList]@(); [void]$l.Add('a'); $null = $l.Add('b'); $l.Count"), ["2"]);
}

#[test]
fn filter_blocks_leave_the_callers_automatic_variables() {
    let src = "function f { [CmdletBinding()] param($a) $x = 1..3 | Invoke-Each { $_ }; $PSBoundParameters.Keys -join ',' }; f -a 1";
    assert_eq!(lines(src), ["a"]);
}

#[test]
fn recursion_through_pipelines_stops_before_the_stack_does() {
    let src = "function f($n) { if ($n -gt 0) { foreach ($i in 1) { try { $x = @(1 | Invoke-Each { f ($n - 1) }) } catch { throw } } } else { 'bottom' } }; f 500";
    let r = run(src);
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
    assert!(
        r.err
            .contains("The script failed due to call depth overflow."),
        "{}",
        r.err
    );
}

#[test]
fn script_text_runs_in_the_callers_scope() {
    assert_eq!(lines("Invoke-Text '$v = 2; $v * 21'; $v"), ["42", "2"]);
    let r = run("Invoke-Text '1 +'; 'after'");
    assert!(
        r.err.contains("You must provide a value expression"),
        "{}",
        r.err
    );
    assert_eq!(r.out, "after\n");
    let r = run("Invoke-Text 'throw \"inner\"'; 'after'");
    assert!(matches!(r.result.status, RunStatus::Terminated(_)));
}

#[test]
fn validate_script_runs_after_binding() {
    let def = "function f { param([ValidateScript({ $_ -like '*.local' })][string[]]$Fqdn) $Fqdn -join ',' }\n";
    assert_eq!(
        lines(&format!("{def}f a.local, b.local")),
        ["a.local,b.local"]
    );
    let r = run(&format!("{def}f a.local, b.com"));
    assert!(r.err.contains("f : Cannot validate argument on parameter 'Fqdn'. The \"$_ -like '*.local'\" validation script for the argument with value \"b.com\" did not return a result of True."), "{}", r.err);
    assert!(r.err.contains("At line:2 char:1"), "{}", r.err);
}
