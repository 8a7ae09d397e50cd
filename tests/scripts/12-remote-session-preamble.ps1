# The preamble every Lync admin script starts with when run from a workstation: open a
# session to the front end's management endpoint, import the Lync cmdlets, work, close it.
$frontEnd = 'lyncserver.jacobs.local'
$session = New-PSSession -ConnectionUri "https://$frontEnd/OcsPowershell" -ErrorAction Stop
Import-PSSession $session -AllowClobber | Out-Null
Write-Host "Connected to $($session.ComputerName) ($($session.State))"

Set-CsWebServer -Identity $frontEnd -McxSipPrimaryListeningPort 5086
Get-CsService -WebServer | Select-Object Identity, McxSipPrimaryListeningPort

Remove-PSSession $session
Write-Host "Session $($session.Name) is now $($session.State); open sessions: $(@(Get-PSSession).Count)"
