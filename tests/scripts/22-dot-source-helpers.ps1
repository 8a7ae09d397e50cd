# Uses the team's helper file: functions and the change log it defines live on in this
# script's scope because it is dot-sourced.
. $PSScriptRoot\helpers.ps1

$domain = Get-DefaultSipDomain
Write-ChangeLog "Default SIP domain is $domain"
foreach ($name in "lyncdiscover.$domain", "lyncdiscoverinternal.$domain") {
    Write-ChangeLog "Needs DNS record $name"
}
$ChangeLog
"Entries: $($script:ChangeLog.Count)"
