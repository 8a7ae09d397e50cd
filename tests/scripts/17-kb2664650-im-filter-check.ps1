# KB2664650: an IM URL filter that warns about or converts hyperlinks breaks push
# notifications. Someone turned the filter on with a warning; the check script finds it,
# Test-CsTopology reports it, and the workaround (filter off) clears the finding. Action Allow
# would not do: with the filter on, Allow still makes hyperlinks inactive.
Set-CsPushNotificationConfiguration -EnableApplePushNotificationService $True -EnableMicrosoftPushNotificationService $True
New-CsHostingProvider -Identity LyncOnline -Enabled $True -ProxyFqdn sipfed.online.lync.com -VerificationLevel UseSourceVerification | Out-Null
New-CsAllowedDomain -Identity push.lync.com | Out-Null
Set-CsImFilterConfiguration -Identity Global -Enabled $True -Action Warn -WarnMessage 'Links may be unsafe'

$filter = Get-CsImFilterConfiguration -Identity Global
$push = Get-CsPushNotificationConfiguration
$pushOn = $push.EnableApplePushNotificationService -or $push.EnableMicrosoftPushNotificationService
if ($filter.Enabled -and $pushOn) {
    Write-Warning ("IM filter action '{0}' rewrites hyperlinks and breaks push notifications (KB2664650)" -f $filter.Action)
}
Test-CsTopology | Where-Object RuleId -like 'LYNC*' | Select-Object RuleId, Severity, Message | Format-List

Set-CsImFilterConfiguration -Identity Global -Enabled $False
"After the fix: {0} finding(s)" -f @(Test-CsTopology | Where-Object RuleId -like 'LYNC*').Count
