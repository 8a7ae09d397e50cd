# Bulk federation change: add the partner domains from the list, one bad entry among them,
# each in its own try/catch so one failure does not stop the rest, then a summary line.
$ErrorActionPreference = 'Stop'
$domains = @(
    'push.lync.com'
    'contoso.com'
    'fabrikam.com'
    'push.lync.com'   # already added above: Lync refuses a duplicate
)
$added = 0
$failed = 0
foreach ($domain in $domains) {
    try {
        New-CsAllowedDomain -Identity $domain | Out-Null
        Write-Host "Added $domain"
        $added++
    }
    catch {
        Write-Warning "Skipped ${domain}: $($_.Exception.Message)"
        $failed++
    }
}
"Summary: {0} added, {1} failed, {2} allowed domains in total" -f $added, $failed, @(Get-CsAllowedDomain).Count
