//! Issue 8 constructs that the eval_*/builtin_* tests do not already cover, through the real
//! binary: the remote-session preamble (New-/Import-/Get-/Remove-PSSession, Get-Credential)
//! with its error cases, HelpMessage, `$local:`, `-isnot`, here-strings, explicit positions,
//! and the bugs the script corpus found.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;
use tempfile::TempDir;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `lyncsh --store <store> -NonInteractive -Command <source>` in a temporary folder.
fn command_in(store: &Path, source: &str) -> Run {
    let work = TempDir::new().unwrap();
    let output = cargo_bin_cmd!("lyncsh")
        .current_dir(work.path())
        .env_remove("LYNCSH_STORE")
        .env("NO_COLOR", "1")
        .arg("--store")
        .arg(store)
        .args(["-NonInteractive", "-Command", source])
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter(|l| !l.starts_with("lyncsh: Created the topology store"))
            .map(|l| format!("{l}\n"))
            .collect(),
    }
}

fn command(source: &str) -> Run {
    let store = TempDir::new().unwrap();
    command_in(store.path(), source)
}

const FRONT_END_URI: &str = "https://lyncserver.jacobs.local/OcsPowershell";

#[test]
fn new_pssession_to_the_front_end_opens_a_session() {
    let run = command(&format!(
        "$s = New-PSSession -ConnectionUri {FRONT_END_URI}; $s.State; $s.ComputerName; $s.Id; $s.Name; $s.GetType().FullName; Get-PSSession"
    ));
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "Opened\nlyncserver.jacobs.local\n1\nSession1\nSystem.Management.Automation.Runspaces.PSSession\n\
         \n Id Name            ComputerName    ComputerType    State         ConfigurationName       Availability\n \
         -- ----            ------------    ------------    -----         -----------------       ------------\n  \
         1 Session1        lyncserver.j... RemoteMachine   Opened        Microsoft.PowerShell       Available\n\n\n"
    );
    assert_eq!(run.code, 0);
}

#[test]
fn new_pssession_accepts_the_pool_fqdn_any_case_computer_name_and_a_name() {
    let run = command(
        "(New-PSSession -ConnectionUri HTTPS://LYNCSERVER.jacobs.local/ocspowershell/ -Authentication Negotiate).ComputerName; \
         (nsn -ComputerName lyncserver.jacobs.local -Name Lync).Name; (New-PSSession).ComputerName; @(Get-PSSession).Count",
    );
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "lyncserver.jacobs.local\nLync\nlyncserver.jacobs.local\n3\n"
    );
}

#[test]
fn a_host_outside_the_topology_is_powershells_connection_error() {
    let run = command(
        "$s = New-PSSession -ConnectionUri https://lyncfe01.contoso.local/OcsPowershell\n\"session: [$s]\"",
    );
    assert_eq!(run.stdout, "session: []\n");
    assert_eq!(
        run.stderr,
        "New-PSSession : [lyncfe01.contoso.local] Connecting to remote server lyncfe01.contoso.local failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved. For more information, see the about_Remote_Troubleshooting Help topic.\n\
         At line:1 char:6\n\
         + $s = New-PSSession -ConnectionUri https://lyncfe01.contoso.local/OcsPowershell\n\
         +      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    \
         + CategoryInfo          : OpenError: (System.Manageme....RemoteRunspace:RemoteRunspace) [New-PSSession], PSRemotingTransportException\n    \
         + FullyQualifiedErrorId : PSSessionOpenFailed\n"
    );
}

#[test]
fn the_connection_error_is_catchable_and_stops_with_error_action_stop() {
    let run = command(
        "try { New-PSSession -ConnectionUri https://nope.jacobs.local/OcsPowershell -ErrorAction Stop; 'not reached' } \
         catch { $_.FullyQualifiedErrorId; $_.CategoryInfo.Category; $_.Exception.GetType().Name }",
    );
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "PSSessionOpenFailed\nOpenError\nPSRemotingTransportException\n"
    );
}

#[test]
fn an_edge_server_or_another_endpoint_has_no_lync_management_service() {
    for source in [
        "New-PSSession -ConnectionUri https://lyncedge.jacobs.local/OcsPowershell",
        "New-PSSession -ConnectionUri https://lyncserver.jacobs.local/PowerShell",
    ] {
        let run = command(source);
        assert!(
            run.stderr.contains("failed with the following error message : The WinRM client received an HTTP status code of 404 from the remote WS-Management service."),
            "{source}: {}",
            run.stderr
        );
        assert!(run
            .stderr
            .contains("FullyQualifiedErrorId : PSSessionOpenFailed\n"));
        assert_eq!(run.stdout, "");
        assert_eq!(run.code, 1);
    }
}

#[test]
fn a_connection_uri_that_is_not_a_uri_is_a_binding_error() {
    let run = command("New-PSSession -ConnectionUri lyncserver; 'next statement runs'");
    assert_eq!(run.stdout, "next statement runs\n");
    assert!(run.stderr.starts_with(
        "New-PSSession : Cannot bind parameter 'ConnectionUri'. Cannot convert value \"lyncserver\" to type \"System.Uri\". Error: \"Invalid URI: The format of the URI could not be determined.\"\n"
    ), "{}", run.stderr);
}

#[test]
fn import_pssession_returns_the_module_of_lync_commands() {
    let run = command(&format!(
        "$s = New-PSSession -ConnectionUri {FRONT_END_URI}; $m = Import-PSSession $s -AllowClobber; \
         $m.ModuleType; $m.ExportedCommands -contains 'Set-CsWebServer'; $m.ExportedCommands -contains 'Get-ChildItem'; \
         Import-PSSession $s -CommandName *-CsWebServer, Get-CsSite"
    ));
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "Script\nTrue\nFalse\n\nModuleType Version    Name                                ExportedCommands\n\
         ---------- -------    ----                                ----------------\n\
         Script     1.0        tmp_session1                        {Get-CsSite, Set-CsWebServer}\n\n\n"
    );
}

#[test]
fn the_imported_commands_change_this_store() {
    let store = TempDir::new().unwrap();
    let run = command_in(
        store.path(),
        &format!(
            "$s = New-PSSession -ConnectionUri {FRONT_END_URI}; Import-PSSession $s | Out-Null; \
             Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086; Remove-PSSession $s"
        ),
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let after = command_in(
        store.path(),
        "(Get-CsService -WebServer).McxSipPrimaryListeningPort",
    );
    assert_eq!(after.stdout, "5086\n");
}

#[test]
fn remove_pssession_closes_the_session_and_import_then_fails() {
    let run = command(&format!(
        "$s = New-PSSession -ConnectionUri {FRONT_END_URI}; $s | Remove-PSSession; $s.State; $s.Availability; @(Get-PSSession).Count; \
         Import-PSSession $s"
    ));
    assert_eq!(run.stdout, "Closed\nNone\n0\n");
    assert!(run
        .stderr
        .starts_with("Import-PSSession : The session state is Closed."));
    assert!(run
        .stderr
        .contains("FullyQualifiedErrorId : ImportPSSession_SessionNotOpened,Import-PSSession"));
}

#[test]
fn remove_pssession_by_id_and_an_unknown_id() {
    let run = command(&format!(
        "$a = nsn -cu {FRONT_END_URI}; $b = nsn -cu {FRONT_END_URI}; Remove-PSSession -Id 1; (Get-PSSession).Id; Remove-PSSession -Id 7"
    ));
    assert_eq!(run.stdout, "2\n");
    assert!(
        run.stderr.starts_with(
            "Remove-PSSession : The remote session with the session ID 7 is not available.\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn import_pssession_needs_a_session() {
    let run = command("Import-PSSession 'lyncserver.jacobs.local'");
    assert!(run.stderr.starts_with("Import-PSSession : Cannot bind parameter 'Session'. Cannot convert the \"lyncserver.jacobs.local\" value of type \"System.String\" to type \"System.Management.Automation.Runspaces.PSSession\".\n"), "{}", run.stderr);
    let run = command("$s = $null; Import-PSSession $s");
    assert!(
        run.stderr.starts_with(
            "Import-PSSession : Cannot bind argument to parameter 'Session' because it is null.\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn get_credential_without_a_user_to_ask_is_an_error_and_the_session_uses_the_current_user() {
    let run = command(&format!(
        "$cred = Get-Credential JACOBS\\admin; \"cred: [$cred]\"; \
         (New-PSSession -ConnectionUri {FRONT_END_URI} -Credential $cred -Verbose).State"
    ));
    assert_eq!(
        run.stdout,
        "cred: []\nVERBOSE: Opened session Session1 to lyncserver.jacobs.local as the current user.\nOpened\n"
    );
    assert!(run.stderr.starts_with(
        "Get-Credential : Windows PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.\n"
    ), "{}", run.stderr);
    assert!(run
        .stderr
        .contains("FullyQualifiedErrorId : InvalidOperation,Get-Credential"));
}

#[test]
fn help_message_is_accepted_and_a_missing_mandatory_still_names_the_parameter() {
    let run = command(
        "function Set-Port { param([Parameter(Mandatory=$true, Position=0, HelpMessage='The MCX port, 5086')][int]$Port) \"port $Port\" }; \
         Set-Port 5086; Set-Port -Port 5087; Set-Port",
    );
    assert_eq!(run.stdout, "port 5086\nport 5087\n");
    assert!(run.stderr.starts_with(
        "Set-Port : Cannot process command because of one or more missing mandatory parameters: Port.\n"
    ), "{}", run.stderr);
}

#[test]
fn local_scope_modifier_and_isnot() {
    let run = command(
        "$x = 'script'; function f { $local:x = 'local'; \"$local:x $script:x\" }; f; $x; \
         '5086' -isnot [int]; 5086 -isnot [int]",
    );
    assert_eq!(run.stdout, "local script\nscript\nTrue\nFalse\n");
}

#[test]
fn here_strings_single_quoted_keep_text_double_quoted_expand() {
    let run = command(
        "$fe = 'lyncserver'\n$a = @'\nSet-CsWebServer -Identity $fe\n  \"quoted\" text\n'@\n$b = @\"\nfront end: $fe, $(1 + 1) ports\n\"@\n$a; $b; $a.Split(\"`n\").Count",
    );
    assert_eq!(
        run.stdout,
        "Set-CsWebServer -Identity $fe\n  \"quoted\" text\nfront end: lyncserver, 2 ports\n2\n"
    );
}

#[test]
fn by_property_name_binding_converts_csv_strings() {
    let run = command(
        "function Test-Plan { param([Parameter(ValueFromPipelineByPropertyName)][Alias('Pool')][string]$Identity, \
         [Parameter(ValueFromPipelineByPropertyName)][int]$Port) process { '{0}:{1}:{2}' -f $Identity, $Port, $Port.GetType().Name } }; \
         'Pool,Port', 'fe1,5086', 'fe2,5087' | ConvertFrom-Csv | Test-Plan",
    );
    assert_eq!(run.stdout, "fe1:5086:Int32\nfe2:5087:Int32\n");
}

#[test]
fn indexing_one_object_and_get_location_as_a_string() {
    let run = command(
        "$row = 'a,b', '1,2' | ConvertFrom-Csv; $row[0].b; $row[-1].a; $null -eq $row[1]; \
         (Join-Path (Get-Location) 'x.csv') -eq ((Get-Location).Path + '/x.csv'); \"$(Get-Location)\" -eq (Get-Location).Path",
    );
    assert_eq!(run.stdout, "2\n1\nTrue\nTrue\nTrue\n");
}

#[test]
fn session_options_for_an_untrusted_front_end_certificate() {
    let run = command(&format!(
        "$o = New-PSSessionOption -SkipCACheck -SkipCNCheck -SkipRevocationCheck -OperationTimeout 1500; \
         $o.SkipCACheck; $o.OperationTimeout; $o.IdleTimeout; (New-PSSession -ConnectionUri {FRONT_END_URI} -SessionOption $o).State"
    ));
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "True\n00:00:01.5000000\n-00:00:00.0010000\nOpened\n"
    );
}
