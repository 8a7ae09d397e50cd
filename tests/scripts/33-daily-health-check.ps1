# The morning health check: coloured status lines for the console, a dated report name, a
# progress bar (shown only on a terminal) and a short pause between checks.
$stamp = Get-Date -Date '2012-01-12 07:30' -Format 'yyyyMMdd-HHmm'
Write-Host "Health check $stamp" -ForegroundColor Cyan
$checks = @(
    @{ Name = 'Web services'; Ok = [bool](Get-CsService -WebServer) }
    @{ Name = 'Edge federation'; Ok = (Get-CsAccessEdgeConfiguration).AllowFederatedUsers }
    @{ Name = 'LyncOnline provider'; Ok = [bool](Get-CsHostingProvider -Identity LyncOnline -ErrorAction SilentlyContinue) }
)
$i = 0
foreach ($check in $checks) {
    $i++
    Write-Progress -Activity 'Health check' -Status $check.Name -PercentComplete ($i / $checks.Count * 100)
    Write-Host ('{0,-22}' -f $check.Name) -NoNewline
    if ($check.Ok) { Write-Host 'OK' -ForegroundColor Green } else { Write-Host 'FAIL' -ForegroundColor Red }
    Start-Sleep -Milliseconds 0
}
Write-Progress -Activity 'Health check' -Completed
$failed = @($checks | Where-Object { -not $_.Ok }).Count
"Report: health-$stamp.txt, $failed failed"
