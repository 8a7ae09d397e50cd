<#
.SYNOPSIS
    Creates or updates the Lync Online hosting provider used for push notifications.
.PARAMETER ProxyFqdn
    The federation proxy of the provider.
.PARAMETER Enabled
    Whether federation with the provider is on.
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'Medium')]
param(
    [string]$Identity = 'LyncOnline',
    [ValidateSet('sipfed.online.lync.com', 'sipfed.online.lync.cn')]
    [string]$ProxyFqdn = 'sipfed.online.lync.com',
    [bool]$Enabled = $true
)
$existing = Get-CsHostingProvider -Identity $Identity -ErrorAction SilentlyContinue
if ($existing) {
    if ($PSCmdlet.ShouldProcess($Identity, 'Update hosting provider')) {
        Set-CsHostingProvider -Identity $Identity -ProxyFqdn $ProxyFqdn -Enabled $Enabled
    }
}
elseif ($PSCmdlet.ShouldProcess($Identity, 'Create hosting provider')) {
    New-CsHostingProvider -Identity $Identity -ProxyFqdn $ProxyFqdn -Enabled $Enabled -VerificationLevel UseSourceVerification | Out-Null
}
Write-Verbose "Bound: $($PSBoundParameters.Keys -join ',')"
Get-CsHostingProvider | Select-Object Identity, ProxyFqdn, Enabled
