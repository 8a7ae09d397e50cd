# An old-style script without a param block: positional arguments arrive in $args.
if ($args.Count -lt 2) {
    Write-Error "Usage: 34-args-without-param-block.ps1 <front end> <port> [<port> ...]"
    exit 2
}
$frontEnd = $args[0]
$ports = $args[1..($args.Count - 1)]
"Front end: $frontEnd"
"Ports ($($ports.Count)): $($ports -join ', ')"
Set-CsWebServer -Identity $frontEnd -McxSipPrimaryListeningPort $ports[0]
"Set primary MCX port to $((Get-CsService -WebServer).McxSipPrimaryListeningPort)"
