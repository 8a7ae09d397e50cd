# Scheduled task variant: asks for a credential when someone is there to type it, and falls
# back to the current user (no -Credential) when run non-interactively.
# The front end's certificate comes from the internal CA, which the workstation does not trust.
param([string]$Pool = 'lyncserver.jacobs.local')
$options = New-PSSessionOption -SkipCACheck -SkipCNCheck -SkipRevocationCheck
try {
    $cred = Get-Credential 'JACOBS\lyncadmin' -ErrorAction Stop
    $session = New-PSSession -ConnectionUri "https://$Pool/OcsPowershell" -Credential $cred -SessionOption $options
}
catch {
    Write-Warning "No credential ($($_.Exception.Message)) - connecting as the current user."
    $session = New-PSSession -ConnectionUri "https://$Pool/OcsPowershell" -SessionOption $options
}
$module = Import-PSSession $session -AllowClobber -CommandName Get-CsService, *-CsCertificate
"Imported {0} commands from {1}: {2}" -f $module.ExportedCommands.Count, $session.ComputerName, ($module.ExportedCommands -join ', ')
$session | Format-Table Id, Name, ComputerName, State -AutoSize
Remove-PSSession -Id $session.Id
