# Edge hardening from the seed's security post: no NTLM for Lync 2010 clients from outside,
# TLS-DSK (client certificates) only. The script records the before/after settings and the
# validation note on what it implies for users signing in for the first time outside.
$before = Get-CsProxyConfiguration -Identity Global |
    Select-Object UseNtlmForClientToProxyAuth, UseCertificateForClientToProxyAuth, DisableNtlmFor2010AndLaterClients

Set-CsProxyConfiguration -Identity Global -UseNtlmForClientToProxyAuth $False -UseCertificateForClientToProxyAuth $True -DisableNtlmFor2010AndLaterClients $True

$after = Get-CsProxyConfiguration -Identity Global
foreach ($name in 'UseNtlmForClientToProxyAuth', 'UseCertificateForClientToProxyAuth', 'DisableNtlmFor2010AndLaterClients') {
    '{0,-36} {1,-5} -> {2}' -f $name, $before.$name, $after.$name
}
Test-CsTopology | Format-List RuleId, Severity, Message
