# A copied script still names the old lab's front end: the session cannot be opened, so the
# script stops before it changes anything (exit 1).
$ErrorActionPreference = 'Stop'
$session = New-PSSession -ConnectionUri https://lyncfe01.contoso.local/OcsPowershell
Import-PSSession $session -AllowClobber
Set-CsWebServer -Identity lyncfe01.contoso.local -McxSipPrimaryListeningPort 5086
