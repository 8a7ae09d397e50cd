# A trap at the top of a script logs any terminating error and continues; the error record's
# parts are what the log needs.
trap {
    Write-Output ("TRAPPED {0}: {1}" -f $_.FullyQualifiedErrorId, $_.Exception.Message)
    continue
}
Write-Output 'Step 1: read the web server'
$null = Get-CsService -WebServer
Write-Output 'Step 2: set an invalid port'
Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 70000
Write-Output 'Step 3: a missing provider with -ErrorAction Stop'
Get-CsHostingProvider -Identity Nope -ErrorAction Stop
Write-Output 'Step 4: reached after both errors'
