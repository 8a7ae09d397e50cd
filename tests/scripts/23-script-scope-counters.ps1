# Counters in script scope updated from functions and from ForEach-Object blocks; a local
# variable of the same name in a function does not touch them.
$script:checked = 0
$script:problems = 0
$global:lastRun = 'not yet'

function Test-Port {
    param([string]$Name, [int]$Port)
    $checked = 'local only'          # a new local variable, not the script's counter
    $script:checked++
    if ($Port -lt 1 -or $Port -gt 65535) {
        $script:problems++
        Write-Output "$Name port $Port is out of range"
    }
}

$web = Get-CsService -WebServer
Test-Port 'McxSipPrimaryListening' $web.McxSipPrimaryListeningPort
Test-Port 'ExternalHttps' $web.ExternalHttpsPort
1..3 | ForEach-Object { $script:checked++ }
$global:lastRun = 'done'
"checked={0} problems={1} lastRun={2}" -f $checked, $problems, $lastRun
