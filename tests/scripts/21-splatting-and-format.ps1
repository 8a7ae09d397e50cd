# Builds the hosting provider parameters once and splats them, then formats a report line
# with -f (alignment, number formats, padding).
$provider = @{
    Identity          = 'LyncOnline'
    Enabled           = $true
    ProxyFqdn         = 'sipfed.online.lync.com'
    VerificationLevel = 'UseSourceVerification'
}
New-CsHostingProvider @provider | Out-Null

$common = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = 'dup' }
New-CsHostingProvider @provider @common | Out-Null
"Second attempt: {0} error(s): {1}" -f $dup.Count, $dup[0].Exception.Message

$web = Get-CsService -WebServer
'{0,-12}|{1,8}|{2,-8}|' -f 'Port', $web.ExternalHttpsPort, 'https'
'{0:N0} ports in the app sharing range starting at {1:D6}' -f $web.AppSharingPortCount, $web.AppSharingPortStart
'{0:P1} of the range used' -f (1200 / $web.AppSharingPortCount)
'{0:X4} {1:0.00} {{literal braces}}' -f 5086, 2.5
