# A JSON snapshot of the federation settings for the monitoring system, read back to check it.
$snapshot = [ordered]@{
    Site              = (Get-CsSite).DisplayName
    AllowFederated    = (Get-CsAccessEdgeConfiguration).AllowFederatedUsers
    HostingProviders  = @(Get-CsHostingProvider).Count
    PushNotifications = [ordered]@{
        Apple     = (Get-CsPushNotificationConfiguration).EnableApplePushNotificationService
        Microsoft = (Get-CsPushNotificationConfiguration).EnableMicrosoftPushNotificationService
    }
}
$json = $snapshot | ConvertTo-Json
$json | Set-Content federation.json
$json
$back = Get-Content federation.json -Raw | ConvertFrom-Json
"Read back: site {0}, Apple push {1}, type {2}" -f $back.Site, $back.PushNotifications.Apple, $back.GetType().Name
