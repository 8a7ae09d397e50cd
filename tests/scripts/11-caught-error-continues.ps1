# The same guard with a try/catch around it: the error is reported and the script carries on
# to the end (exit 0).
function Get-FrontEnd([string]$Site) {
    $pool = Get-CsService -Registrar | Where-Object { $_.SiteId -eq "Site:$Site" } | Select-Object -First 1
    if (-not $pool) { throw "No front end pool found in site '$Site'." }
    $pool.PoolFqdn
}
foreach ($site in 'Dublin', 'London') {
    try {
        $fe = Get-FrontEnd $site
        Write-Output "Site ${site}: $fe"
    } catch {
        Write-Output "Site ${site}: skipped ($_)"
    }
}
Write-Output 'Done'
