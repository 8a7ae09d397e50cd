//! Commands and pipelines: lookup, binding errors with positions, pipeline binding, common
//! parameters, -WhatIf/-Verbose/-ErrorAction/-ErrorVariable/-OutVariable, splatting.

mod eval_common;
use eval_common::*;

fn lines(source: &str) -> Vec<String> {
    out(source).lines().map(str::to_string).collect()
}

#[test]
fn unknown_command_with_hint() {
    let r = run("Get-Gadget");
    assert!(r.err.starts_with("Get-Gadget : The term 'Get-Gadget' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\nAt line:1 char:1\n+ Get-Gadget\n+ ~~~~~~~~~~\n"), "{}", r.err);
    assert!(r.err.contains("    + CategoryInfo          : ObjectNotFound: (Get-Gadget:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n"), "{}", r.err);
    assert!(
        r.err.contains("Gadgets are widgets here: use Get-Widget."),
        "{}",
        r.err
    );
    assert!(r.result.last_statement_failed);
}

#[test]
fn get_prefix_is_tried() {
    assert_eq!(lines("(Widget).Count"), ["3"]);
}

#[test]
fn binding_errors_underline_the_parameter() {
    let r = run("Set-Widget -Identity a -Sise 5");
    assert!(r.err.starts_with("Set-Widget : A parameter cannot be found that matches parameter name 'Sise'.\nAt line:1 char:24\n+ Set-Widget -Identity a -Sise 5\n+                        ~~~~~\n"), "{}", r.err);
    assert!(r.err.contains("Did you mean -Size?"), "{}", r.err);
    let r = run("Set-Widget -Identity a -Size 500");
    assert!(r.err.contains("Cannot validate argument on parameter 'Size'. The 500 argument is greater than the maximum allowed range of 100."), "{}", r.err);
    assert!(r.err.contains("At line:1 char:30\n"), "{}", r.err);
}

#[test]
fn binding_through_the_language() {
    assert_eq!(
        lines("Set-Widget w -Size 0x10 -Enabled:$false -Color blue"),
        ["set w Size=16 Enabled=False Color=Blue"]
    );
    assert_eq!(
        lines("Set-Widget \u{2013}Identity w \u{2014}Size 5"),
        ["set w Size=5"]
    );
    assert!(run("Set-Widget -ident w -si 1kb")
        .err
        .contains("The 1024 argument is greater than the maximum allowed range of 100."));
    let r = run("Set-Widget -Identity w -Enabled True");
    assert!(r.err.contains("Cannot convert 'System.String' to the type 'System.Boolean' required by parameter 'Enabled'."), "{}", r.err);
    let r = run("Set-Widget -Identity w -Color purple");
    assert!(
        r.err.contains(
            "Specify one of the following enumerator names and try again:\nRed, Green, Blue"
        ),
        "{}",
        r.err
    );
}

#[test]
fn missing_mandatory_is_an_error_not_a_prompt() {
    let r = run("Set-Widget -Size 5");
    assert!(
        r.err.contains(
            "Cannot process command because of one or more missing mandatory parameters: Identity."
        ),
        "{}",
        r.err
    );
}

#[test]
fn pipeline_binds_by_value_and_by_property_name() {
    assert_eq!(
        lines("'w1', 'w2' | Set-Widget -Size 3"),
        ["set w1 Size=3", "set w2 Size=3"]
    );
    assert_eq!(
        lines("[pscustomobject]@{Identity='p'} | Set-Widget"),
        ["set p"]
    );
    assert_eq!(lines("Get-Widget | Measure-All"), ["3"]);
    assert_eq!(
        lines("1..4 | Invoke-Each { $_ * 10 }"),
        ["10", "20", "30", "40"]
    );
}

#[test]
fn expression_output_unrolls_into_the_pipeline() {
    assert_eq!(lines("$a = 1,2,3; $a | Measure-All"), ["3"]);
    assert_eq!(lines(",(1,2,3) | Measure-All"), ["1"]);
}

#[test]
fn whatif_prints_and_skips() {
    let r = run("Set-Widget -Identity w -Size 3 -WhatIf");
    assert_eq!(
        r.out,
        "What if: Performing the operation \"Set-Widget\" on target \"w\".\n"
    );
    let r = run("$WhatIfPreference = $true; Set-Widget w");
    assert_eq!(
        r.out,
        "What if: Performing the operation \"Set-Widget\" on target \"w\".\n"
    );
    let r = run("$WhatIfPreference = $true; Set-Widget w -WhatIf:$false");
    assert_eq!(r.out, "set w\n");
}

#[test]
fn verbose_and_warning_streams() {
    assert_eq!(out("Test-Streams"), "WARNING: warning text\nhost text\n");
    assert_eq!(
        out("Test-Streams -Verbose"),
        "VERBOSE: verbose text\nWARNING: warning text\nhost text\n"
    );
    assert_eq!(
        out("Test-Streams -WarningAction SilentlyContinue"),
        "host text\n"
    );
    assert_eq!(
        out("$VerbosePreference = 'Continue'; Test-Streams -wa 0"),
        "VERBOSE: verbose text\nhost text\n"
    );
    let r = run("Set-Widget w -Verbose");
    assert_eq!(r.out, "VERBOSE: Performing the operation \"Set-Widget\" on target \"w\".\nVERBOSE: Setting w\nset w\n");
}

#[test]
fn error_action_values() {
    let r = run("Find-Widget x -ErrorAction SilentlyContinue; $?; $Error.Count");
    assert!(r.err.is_empty());
    assert_eq!(r.out, "done\nFalse\n1\n");
    let r = run("Find-Widget x -ea Ignore; $Error.Count");
    assert!(r.err.is_empty());
    assert_eq!(r.out, "done\n0\n");
    let r = run("Find-Widget x -ErrorAction Stop; 'after'");
    assert!(matches!(
        r.result.status,
        lyncsh::engine::RunStatus::Terminated(_)
    ));
    assert!(!r.out.contains("after"));
}

#[test]
fn binding_errors_ignore_silently_continue() {
    let r = run("Set-Widget -Nope 1 -ErrorAction SilentlyContinue");
    assert!(r.err.contains("NamedParameterNotFound"), "{}", r.err);
}

#[test]
fn error_and_out_variables() {
    let r = run("Find-Widget a, b -ErrorAction SilentlyContinue -ErrorVariable errs -OutVariable o\n$errs.Count\n$errs[1].Exception.Message\n$o");
    assert_eq!(r.out, "done\n2\nWidget 'b' was not found.\ndone\n");
    let r = run("Find-Widget a -ea 0 -ev e; Find-Widget b -ea 0 -ev +e; $e.Count");
    assert_eq!(r.out, "done\ndone\n2\n");
}

#[test]
fn splatting_and_end_of_parameters() {
    assert_eq!(
        lines("$p = @{ Identity = 'w'; Size = 7 }; Set-Widget @p"),
        ["set w Size=7"]
    );
    assert_eq!(lines("$a = 'w', '-x'; Write-Echo @a"), ["w", "-x"]);
    assert_eq!(lines("Write-Echo -- -InputObject"), ["-InputObject"]);
}

#[test]
fn aliases_resolve() {
    assert_eq!(lines("echo a b"), ["a", "b"]);
}

#[test]
fn command_mode_numbers_keep_their_text() {
    assert_eq!(lines("Write-Echo 10MB"), ["10MB"]);
    assert_eq!(lines("(Write-Echo 10MB) + 1"), ["10485761"]);
}

#[test]
fn redirection_to_null_discards() {
    assert_eq!(lines("Write-Echo a > $null; 'b'"), ["b"]);
    assert_eq!(lines("$null = Write-Echo a; 'b'"), ["b"]);
    assert_eq!(lines("[void](Write-Echo a); 'b'"), ["b"]);
}

#[test]
fn error_stream_redirection() {
    let r = run("Find-Widget x 2> $null; $Error.Count");
    assert!(r.err.is_empty(), "{}", r.err);
    assert_eq!(r.out, "done\n1\n");
    let r = run("$all = Find-Widget x 2>&1; $all.Count; \"$($all[0])\"");
    assert!(r.err.is_empty(), "{}", r.err);
    assert_eq!(r.out, "2\nWidget 'x' was not found.\n");
}

#[test]
fn interactive_sessions_prompt_for_mandatory_parameters() {
    let (mut session, host) = session(lyncsh::engine::SessionOptions {
        interactive: true,
        ..Default::default()
    });
    host.answers.borrow_mut().push("w9".into());
    session.run("Set-Widget -Size 2");
    assert_eq!(
        host.out.borrow().as_str(),
        "cmdlet Set-Widget at command pipeline position 1\nSupply values for the following parameters:\nIdentity: set w9 Size=2\n"
    );
    // With nothing to answer, the error is reported instead of waiting.
    session.run("Set-Widget -Size 2");
    assert!(host
        .err
        .borrow()
        .contains("missing mandatory parameters: Identity."));
}

#[test]
fn confirm_prompts_in_interactive_sessions() {
    let (mut session, host) = session(lyncsh::engine::SessionOptions {
        interactive: true,
        ..Default::default()
    });
    host.answers
        .borrow_mut()
        .extend(["n".to_string(), "a".to_string()]);
    session.run("'w1', 'w2', 'w3' | Set-Widget -Confirm");
    let out = host.out.borrow().clone();
    assert_eq!(
        out.matches("Are you sure you want to perform this action?")
            .count(),
        2,
        "{out}"
    );
    assert!(out.contains("Performing the operation \"Set-Widget\" on target \"w1\"."));
    assert!(!out.contains("set w1"));
    assert!(out.contains("set w2\nset w3\n"), "{out}");
    // Not interactive: -Confirm does not stop a batch script.
    assert_eq!(out_of("Set-Widget w -Confirm"), "set w\n");
}

fn out_of(source: &str) -> String {
    run(source).out
}

#[test]
fn output_and_host_text_keep_their_order() {
    assert_eq!(
        out("foreach ($i in 1..2) { $i; Test-Streams -wa 0 }"),
        "1\nhost text\n2\nhost text\n"
    );
    let r = run("foreach ($i in 1..2) { \"item $i\"; Find-Widget $i }");
    assert_eq!(r.out, "item 1\ndone\nitem 2\ndone\n");
}

#[test]
fn unknown_command_suggests_a_near_name() {
    let r = run("Get-Widgte");
    assert!(r.err.contains("Did you mean Get-Widget?"), "{}", r.err);
    let r = run("Completely-Different");
    assert!(!r.err.contains("Did you mean"), "{}", r.err);
}

#[test]
fn merged_errors_print_as_error_records() {
    let r = run("Find-Widget x 2>&1");
    assert!(r.err.is_empty(), "{}", r.err);
    assert!(
        r.out
            .starts_with("Find-Widget : Widget 'x' was not found.\nAt line:1 char:1\n"),
        "{}",
        r.out
    );
    assert!(r.out.ends_with("done\n"), "{}", r.out);
}
