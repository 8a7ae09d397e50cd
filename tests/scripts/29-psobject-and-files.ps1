# Older-style report objects (New-Object PSObject -Property, Add-Member) written with
# Out-File, checked with Test-Path and appended to with Add-Content.
$log = 'dns-check.txt'
if (Test-Path $log) { Remove-Item $log }
$domain = (Get-CsSipDomain | Where-Object IsDefault).Name
$rows = foreach ($name in "lyncdiscover.$domain", "lyncdiscoverinternal.$domain", "sip.$domain") {
    $row = New-Object PSObject -Property @{ Name = $name }
    $row | Add-Member -MemberType NoteProperty -Name Present -Value ($name -eq "sip.$domain")
    $row
}
$rows | Select-Object Name, Present | Out-File $log
Add-Content $log "Checked $(@($rows).Count) names"
"Log exists: $(Test-Path $log)"
Get-Content $log
