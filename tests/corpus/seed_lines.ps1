Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipExternalListeningPort 5087
Enable-CsTopology –verbose
Import-Module ServerManager
Add-WindowsFeature Web-Server, Web-Dyn-Compression
ServerManagerCMD.exe –Install Web-Dyn-Compression
Get-CsCertificate
Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint <Certificate Thumbprint>
Set-CsPushNotificationConfiguration
New-CsHostingProvider –Identity "LyncOnline" –Enabled $True –ProxyFqdn "sipfed.online.lync.com" –VerificationLevel UseSourceVerification
New-CsAllowedDomain –Identity "push.lync.com"
