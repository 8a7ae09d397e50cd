# The aliases admins type: select, where, ?, %, fl, ft, sort, measure, gcm, echo.
Get-CsService | ? { $_.Role -eq 'WebServer' } | select Identity, PoolFqdn | fl
Get-CsService | where Role -like '*Edge*' | % { "Edge service: $($_.Identity)" }
Get-CsService | sort Role -Descending | select -First 3 Role | ft -AutoSize
$roles = Get-CsService | measure
echo "Services in the topology: $($roles.Count)"
gcm Set-CsWeb* | ft Name -HideTableHeaders
Get-Alias sort, ft, fl | ft Name, Definition -AutoSize
Set-Alias gws Get-CsService
(gws -WebServer).Identity
