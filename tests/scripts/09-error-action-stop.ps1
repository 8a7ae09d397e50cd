# With $ErrorActionPreference = 'Stop' a missing object stops the step, the catch reports it
# and the finally block still runs; the script then goes on and ends normally.
$ErrorActionPreference = 'Stop'
try {
    Write-Output 'Looking up the LyncOnline provider'
    $provider = Get-CsHostingProvider -Identity LyncOnline
    Write-Output 'not reached'
}
catch {
    Write-Output "Caught: $($_.Exception.Message)"
    Write-Output "Category: $($_.CategoryInfo.Category)"
}
finally {
    Write-Output 'Cleanup ran'
}
Write-Output "The script goes on: `$provider is null = $($null -eq $provider)"
