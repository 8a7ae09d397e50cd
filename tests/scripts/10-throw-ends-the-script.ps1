# A guard clause: without a front end in site Dublin the script must stop, with exit 1.
param([string]$Site = 'Dublin')
Write-Output "Checking site $Site"
$pool = Get-CsService -Registrar | Where-Object { $_.SiteId -eq "Site:$Site" }
if (-not $pool) {
    throw "No front end pool found in site '$Site'. Nothing was changed."
}
Write-Output "Front end $($pool.PoolFqdn) found; continuing with the change"
