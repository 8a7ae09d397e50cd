# String handling around identities and URIs: methods, -replace, -split, -join, casts, -is/-as.
$identity = 'WebServer:LyncServer.Jacobs.Local'
$fqdn = $identity.Split(':')[1].ToLower()
$fqdn
$fqdn.ToUpper().Replace('.JACOBS.LOCAL', '')
"  padded  ".Trim() + '|'
$fqdn.StartsWith('lync'), $fqdn.Contains('jacobs'), $fqdn.Length
'https://lyncserver.jacobs.local/OcsPowershell' -replace '^https://([^/]+)/.*$', '$1'
($fqdn -split '\.') -join ' / '
('5086' -is [string]), (('5086' -as [int]) -is [int]), ([int]'5087' + 1)
[bool]'False', [bool]0, [string[]]('a', 1) -join ','
$ports = [int[]]('5086', '5087')
$ports += 5088
"Ports: $ports ($($ports.Count))"
$uses = @()
$uses += 'Default'
$uses += 'WebServicesInternal'
$label = 'Uses'
$label += ': ' + ($uses -join ', ')
$label
(Get-CsCertificate).Use.Count
[datetime]'2012-01-12' -lt (Get-CsCertificate | Select-Object -First 1).NotAfter
