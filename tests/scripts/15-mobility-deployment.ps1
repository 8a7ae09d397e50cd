# The seed's Lync Mobility deployment as an admin scripts it: MCX ports, IIS features,
# the certificate assignment with the thumbprint read from Get-CsCertificate instead of the
# <Certificate Thumbprint> placeholder, then the topology check.
$fe = 'lyncserver.jacobs.local'

Set-CsWebServer -Identity $fe -McxSipPrimaryListeningPort 5086
Set-CsWebServer -Identity $fe -McxSipExternalListeningPort 5087

Import-Module ServerManager
Add-WindowsFeature Web-Server, Web-Dyn-Compression | Select-Object Success, RestartNeeded, ExitCode | Format-Table -AutoSize

# All uses share one certificate in the lab: take the thumbprint of the Default one.
$thumbprint = (Get-CsCertificate | Where-Object { $_.Use -eq 'Default' }).Thumbprint
Write-Host "Assigning certificate $thumbprint"
Set-CsCertificate -Type Default, WebServicesInternal, WebServicesExternal -Thumbprint $thumbprint

Get-CsCertificate | Format-Table Use, Thumbprint -AutoSize
Test-CsTopology
