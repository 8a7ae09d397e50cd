# Classifies certificates by issuer and subject with switch -Wildcard and -Regex, then writes
# a change note from a here-string.
foreach ($cert in Get-CsCertificate) {
    $issuer = switch -Wildcard ($cert.Issuer) {
        '*Go Daddy*' { 'public CA' }
        'CN=jacobs-*' { 'internal CA' }
        default { 'unknown CA' }
    }
    $kind = switch -Regex ($cert.Subject) {
        '^CN=lync\w*\.jacobs\.local$' { 'server certificate' }
        '^CN=sip\.' { 'edge certificate' }
    }
    '{0,-20} {1} ({2}, {3})' -f $cert.Use, $cert.Thumbprint.Substring(0, 6), $issuer, $kind
}

$ticket = 'CHG-1042'
$note = @"
Change $ticket
  Server : $((Get-CsPool | Select-Object -First 1).Identity)
  Uses   : $((Get-CsCertificate).Use -join ', ')
"@
$note
@'
Literal text keeps $ticket and $(expressions) as typed.
'@
$lines = $note -split "`n"
"The note has $($lines.Count) lines; the first is '$($lines[0].Trim())'"
