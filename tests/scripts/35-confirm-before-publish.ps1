# Asks the operator before enabling the topology; run unattended there is nobody to answer,
# so the script says so and ends with its own exit code 3, leaving the draft unpublished.
Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086 -McxSipExternalListeningPort 5087
try {
    $answer = Read-Host 'Enable the topology now? (y/n)'
}
catch {
    Write-Warning "Cannot ask: $($_.Exception.Message)"
    exit 3
}
if ($answer -eq 'y') { Enable-CsTopology -Verbose }
