# Inventory of the web services of every pool, exported for the change board and read back
# to check the file before it is mailed.
$report = Join-Path (Get-Location) 'webservices.csv'

Get-CsService -WebServer |
    Select-Object PoolFqdn, InternalFqdn, ExternalFqdn, PrimaryHttpsPort, ExternalHttpsPort |
    Export-Csv -Path $report -NoTypeInformation

$rows = Import-Csv -Path $report
if (@($rows).Count -ne 1) { throw "Expected one web service row, found $(@($rows).Count)" }
$rows | Format-Table -AutoSize
"First line of the file: {0}" -f (Get-Content $report | Select-Object -First 1)
"External HTTPS port is {0} (a string after Import-Csv: {1})" -f $rows[0].ExternalHttpsPort, ($rows[0].ExternalHttpsPort -is [string])
