# Push notifications for Lync Mobile: federation with Lync Online and push.lync.com, the
# push notification services switched on, then Test-CsMcxPushNotification through the Edge.
Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True -EnableMicrosoftPushNotificationService $True
Set-CsAccessEdgeConfiguration -AllowFederatedUsers $True
New-CsHostingProvider -Identity "LyncOnline" -Enabled $True -ProxyFqdn "sipfed.online.lync.com" -VerificationLevel UseSourceVerification | Out-Null
New-CsAllowedDomain -Identity "push.lync.com" | Out-Null

Get-CsHostingProvider | Select-Object Identity, ProxyFqdn, Enabled, VerificationLevel | Format-List
Test-CsMcxPushNotification -AccessEdgeFqdn lyncedge.jacobs.local
