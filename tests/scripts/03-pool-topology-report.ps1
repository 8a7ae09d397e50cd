# Which pools make up each site, as a CSV with a semicolon delimiter for the European Excel.
$out = 'pools.csv'
Get-CsPool | ForEach-Object {
    [pscustomobject]@{
        Pool      = $_.Identity
        Site      = $_.Site
        Computers = $_.Computers -join ' '
        Services  = @($_.Services).Count
    }
} | Export-Csv $out -NoTypeInformation -Delimiter ';'

Get-Content $out
$pools = Import-Csv $out -Delimiter ';'
$pools | where { [int]$_.Services -gt 0 } | select Pool, Services | ft -AutoSize
"{0} pools, {1} with services" -f @($pools).Count, @($pools | ? { [int]$_.Services -gt 0 }).Count
