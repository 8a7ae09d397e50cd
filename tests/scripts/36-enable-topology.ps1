# The seed's MCX step end to end: set both ports, validate, then enable the topology with
# -Verbose, and confirm the enabled document carries the ports.
Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087
$errors = @(Test-CsTopology | Where-Object Severity -eq 'Error')
if ($errors.Count -gt 0) { throw "$($errors.Count) validation error(s): not enabling" }
Enable-CsTopology -Verbose
(Get-CsService -WebServer | Format-List McxSip* | Out-String).Trim()
