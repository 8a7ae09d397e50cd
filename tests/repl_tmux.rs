//! The interactive shell as a person uses it, in a real terminal (tmux): each test types
//! keys and asserts what appears on the screen.

mod repl_support;

use repl_support::{Profile, Terminal};

/// The prompt of the default lab store before anything changed.
const PROMPT: &str = "PS lyncsh:jacobs.com [";

#[test]
fn tab_completes_a_cmdlet_name() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("get-cssipdom");
    t.press("Tab");
    t.wait_for_cursor_line("the completed name", |l| l.ends_with("> Get-CsSipDomain"));
    // The completion left a space after the name, so this is a parameter.
    t.type_text("-Identity jacobs.com");
    t.press("Enter");
    t.wait_for("the domain", |s| {
        s.lines()
            .any(|l| l.starts_with("Identity") && l.ends_with(": jacobs.com"))
    });
}

#[test]
fn tab_lists_cmdlets_by_noun_in_a_menu() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("CsHostingProvider");
    t.press("Tab");
    let screen = t.wait_for("the menu", |s| {
        s.contains("Get-CsHostingProvider") && s.contains("Remove-CsHostingProvider")
    });
    assert!(screen.contains("Set-CsHostingProvider"), "{screen}");
}

#[test]
fn tab_completes_a_parameter_after_an_en_dash() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Set-CsWebServer –Iden");
    t.press("Tab");
    // The parameter's type follows as a grey hint.
    t.wait_for_cursor_line("-Identity", |l| {
        l.ends_with("> Set-CsWebServer -Identity  [XdsGlobalRelativeIdentity]")
    });
}

#[test]
fn tab_completes_an_enum_value_after_a_comma() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Set-CsCertificate -Type Default,WebServicesInt");
    t.press("Tab");
    t.wait_for_cursor_line("the enum value", |l| {
        l.ends_with("-Type Default,WebServicesInternal")
    });
}

#[test]
fn tab_lists_allowed_values() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("New-CsHostingProvider -VerificationLevel ");
    t.press("Tab");
    let screen = t.wait_for("the values", |s| {
        s.contains("AlwaysVerifiable") && s.contains("UseSourceVerification")
    });
    assert!(screen.contains("AlwaysUnverifiable"), "{screen}");
}

#[test]
fn tab_completes_a_web_server_from_the_topology() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Set-CsWebServer -Identity ");
    t.press("Tab");
    t.wait_for_cursor_line("the pool FQDN", |l| {
        l.ends_with("-Identity lyncserver.jacobs.local")
    });
}

#[test]
fn tab_lists_certificates_with_their_subjects() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Set-CsCertificate -Type Default -Thumbprint ");
    t.press("Tab");
    let screen = t.wait_for("the certificates", |s| {
        s.contains("F14C49897B1AE5C91DF8E725FB31175EC3C50AD3")
            && s.contains("CN=lyncserver.jacobs.local")
    });
    assert!(!screen.contains("CN=webext.jacobs.com (on tmg"), "{screen}");
}

#[test]
fn an_open_brace_continues_on_the_next_line() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("foreach ($n in 1,2) {");
    t.press("Enter");
    t.wait_for_cursor_line("the continuation prompt", |l| l.starts_with(">>"));
    t.type_text("\"item $n\"");
    t.press("Enter");
    t.type_text("}");
    t.press("Enter");
    let screen = t.wait_for("both items", |s| {
        s.contains("item 1") && s.contains("item 2")
    });
    assert!(!screen.contains("Missing closing"), "{screen}");
}

#[test]
fn ctrl_c_cancels_a_half_typed_line() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Set-CsWebServer -Identity lyncserver.jacobs.local -McxSip");
    t.wait_for_cursor_line("the typed text", |l| l.ends_with("-McxSip"));
    t.press("C-c");
    // A fresh prompt under the cancelled line, as PowerShell leaves it.
    t.wait_for("a new prompt", |s| {
        let prompts: Vec<&str> = s.lines().filter(|l| l.starts_with(PROMPT)).collect();
        prompts.len() == 2 && prompts[0].ends_with("-McxSip") && prompts[1].ends_with('>')
    });
    t.type_text("Write-Output 'still here'");
    t.press("Enter");
    let screen = t.wait_for("the next command's output", |s| {
        s.lines().any(|l| l == "still here")
    });
    assert!(!screen.contains("draft +"), "nothing ran: {screen}");
}

#[test]
fn up_arrow_recalls_history_of_an_earlier_session() {
    require_tmux!();
    let profile = Profile::new();
    {
        let first = Terminal::start(&profile);
        first.type_text("Write-Output 'from the first session'");
        first.press("Enter");
        first.wait_for("its output", |s| {
            s.lines().any(|l| l == "from the first session")
        });
        first.press("C-d");
        first.wait_for_exit();
    }
    let second = Terminal::start(&profile);
    second.press("Up");
    second.wait_for_cursor_line("the recalled line", |l| {
        l.ends_with("> Write-Output 'from the first session'")
    });
}

#[test]
fn exit_with_unpublished_changes_says_how_to_publish() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("New-CsAllowedDomain -Identity push.lync.com");
    t.press("Enter");
    t.wait_for_cursor_line("the prompt counting the change", |l| {
        l.ends_with("draft +1]>")
    });
    t.type_text("exit");
    t.press("Enter");
    let screen = t.wait_for_exit();
    assert!(
        screen.contains("The draft has 1 unpublished change"),
        "{screen}"
    );
    assert!(screen.contains("Publish-CsTopology"), "{screen}");
    assert!(screen.contains("[lyncsh exited with 0]"), "{screen}");
    // Nothing was lost: a new shell on the store still has the change.
    let again = Terminal::start(&profile);
    again.wait_for_cursor_line("the prompt", |l| l.ends_with("draft +1]>"));
}

#[test]
fn ctrl_d_on_an_empty_line_leaves() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.press("C-d");
    let screen = t.wait_for_exit();
    assert!(screen.contains("[lyncsh exited with 0]"), "{screen}");
    assert!(!screen.contains("unpublished"), "{screen}");
}

#[test]
fn errors_are_red_and_the_shell_goes_on() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Get-CsSite -Identity Nowhere");
    t.press("Enter");
    t.wait_for("the error", |s| s.contains("Cannot find site"));
    let coloured = t.screen_with_colours();
    let error_line = coloured
        .lines()
        .find(|l| l.contains("Cannot find site"))
        .unwrap_or_default();
    assert!(error_line.contains("\u{1b}[91m"), "{coloured}");
    t.type_text("$?");
    t.press("Enter");
    t.wait_for("$? after the error", |s| s.lines().any(|l| l == "False"));
}

#[test]
fn remoting_shows_the_computer_and_its_certificates() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Enter-PSSession -ComputerName lyncedge.jacobs.local");
    t.press("Enter");
    t.wait_for_cursor_line("the remoting prompt", |l| {
        l.starts_with("[lyncedge.jacobs.local]: PS lyncsh:jacobs.com [")
    });
    t.type_text("Set-CsCertificate -Type AccessEdgeExternal -Thumbprint ");
    t.press("Tab");
    let screen = t.wait_for("the edge's certificates", |s| {
        s.contains("CN=sip.jacobs.com")
    });
    assert!(!screen.contains("CN=lyncserver.jacobs.local"), "{screen}");
}

#[test]
fn typing_is_coloured_as_psreadline_does() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("Get-CsSite -Identity 'x' # note");
    t.wait_for_cursor_line("the typed line", |l| l.ends_with("# note"));
    let coloured = t.screen_with_colours();
    for (code, text) in [
        ("\u{1b}[93m", "Get-CsSite"),
        ("\u{1b}[90m", "-Identity"),
        ("\u{1b}[36m", "'x'"),
        ("\u{1b}[32m", "# note"),
    ] {
        assert!(
            coloured.contains(&format!("{code}{text}")),
            "{text}: {coloured}"
        );
    }
    t.press("C-u");
    t.type_text("Get-CsSiteX");
    t.wait_for_cursor_line("the unknown name", |l| l.ends_with("Get-CsSiteX"));
    let coloured = t.screen_with_colours();
    assert!(coloured.contains("\u{1b}[91mGet-CsSiteX"), "{coloured}");
}

/// Piped input never reaches the line editor, so a pipeline or CI job cannot hang on it.
#[test]
fn piped_input_runs_without_the_line_editor() {
    let profile = Profile::new();
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_lyncsh"))
        .arg("--store")
        .arg(profile.store())
        .env("LYNCSH_HISTORY", profile.history())
        .write_stdin("Write-Output 'from a pipe'\n")
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.trim_end(), "from a pipe");
    assert!(
        !profile.history().exists(),
        "no history is written for piped input"
    );
}

#[test]
fn long_help_goes_through_the_pager_until_it_is_turned_off() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    // A "pager" that marks every line it passes on.
    t.type_text("$env:PAGER = 'sed s/^/PAGED:/'");
    t.press("Enter");
    t.type_text("Get-Help Set-CsWebServer -Full");
    t.press("Enter");
    t.wait_for("paged help", |s| {
        s.lines().filter(|l| l.starts_with("PAGED:")).count() > 10
    });
    t.wait_for_cursor_line("the prompt", |l| l.starts_with(PROMPT));
    t.type_text("$env:PAGER = ''");
    t.press("Enter");
    t.press("C-l");
    t.type_text("Get-Help Set-CsWebServer -Full");
    t.press("Enter");
    let screen = t.wait_for("the help and a new prompt", |s| {
        s.contains("EXAMPLE")
            && s.lines()
                .last()
                .is_some_and(|l| l.starts_with(PROMPT) && l.ends_with('>'))
    });
    assert!(!screen.contains("PAGED:"), "{screen}");
}

#[test]
fn a_missing_mandatory_parameter_is_prompted_for() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("New-CsAllowedDomain");
    t.press("Enter");
    t.wait_for_cursor_line("the prompt", |l| l == "Identity:");
    let screen = t.screen();
    assert!(
        screen.contains(
            "cmdlet New-CsAllowedDomain at command pipeline position 1\nSupply values for the following parameters:"
        ),
        "{screen}"
    );
    t.type_text("contoso.com");
    t.press("Enter");
    t.wait_for_cursor_line("the changed draft", |l| l.ends_with("draft +1]>"));
    t.type_text("(Get-CsAllowedDomain -Identity contoso.com).Identity");
    t.press("Enter");
    t.wait_for("the new domain", |s| s.lines().any(|l| l == "contoso.com"));
}

#[test]
fn ctrl_c_stops_a_running_command_and_the_shell_goes_on_with_the_draft() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    t.type_text("New-CsAllowedDomain -Identity push.lync.com | Out-Null");
    t.press("Enter");
    t.wait_for_cursor_line("the changed draft", |l| l.ends_with("draft +1]>"));
    t.type_text("Write-Output 'looping'; while ($true) { $x = 1 }");
    t.press("Enter");
    t.wait_for("the command to run", |s| s.lines().any(|l| l == "looping"));
    t.press("C-c");
    t.wait_for("the stop", |s| s.contains("The pipeline has been stopped."));
    t.wait_for_cursor_line("the prompt with the kept change", |l| {
        l.ends_with("draft +1]>")
    });
    t.type_text("'still here'");
    t.press("Enter");
    t.wait_for("the next command", |s| s.lines().any(|l| l == "still here"));
}

#[test]
fn ctrl_c_stops_start_sleep_at_once() {
    require_tmux!();
    let profile = Profile::new();
    let t = Terminal::start(&profile);
    // An hour: the prompt can only come back in time if Ctrl-C cuts the sleep short.
    t.type_text("Write-Output 'sleeping'; Start-Sleep -Seconds 3600; 'woke up'");
    t.press("Enter");
    t.wait_for("the sleep to start", |s| s.lines().any(|l| l == "sleeping"));
    t.press("C-c");
    t.wait_for("the stop", |s| s.contains("The pipeline has been stopped."));
    t.type_text("'still here'");
    t.press("Enter");
    t.wait_for("the next command", |s| s.lines().any(|l| l == "still here"));
    assert!(!t.screen().lines().any(|l| l == "woke up"));
}
