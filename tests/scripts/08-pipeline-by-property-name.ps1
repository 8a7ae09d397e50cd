# A function fed by property name: a CSV of planned MCX ports per pool, validated row by row.
function Test-McxPortPlan {
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)]
        [Alias('Pool')]
        [string]$Identity,
        [Parameter(ValueFromPipelineByPropertyName)]
        [int]$Port
    )
    process {
        $state = switch ($Port) {
            { $_ -lt 1024 } { 'reserved'; break }
            { $_ -gt 65535 } { 'out of range'; break }
            5086 { 'recommended internal' }
            5087 { 'recommended external' }
            default { 'custom' }
        }
        '{0,-25} {1,6} {2}' -f $Identity, $Port, $state
    }
}

@'
Pool,Port
lyncserver.jacobs.local,5086
lyncserver.jacobs.local,5087
pool2.jacobs.local,80
pool3.jacobs.local,6000
'@ | Set-Content plan.csv

Import-Csv plan.csv | Test-McxPortPlan
