# The change window runbook: preview the MCX change with -WhatIf (nothing changes), then run
# it for real, calling the param-driven change script with the & operator.
$change = Join-Path $PSScriptRoot '05-set-mcx-ports.ps1'

Write-Host '--- preview'
& $change -Identity lyncserver.jacobs.local -WhatIf
Write-Host "Draft after the preview: port $((Get-CsService -WebServer).McxSipPrimaryListeningPort) (unchanged)"

Write-Host '--- change'
& $change lyncserver.jacobs.local -InternalPort 5086 -ExternalPort 5087 -Verbose | Out-Null
Write-Host "Draft after the change: ports $((Get-CsService -WebServer).McxSipPrimaryListeningPort)/$((Get-CsService -WebServer).McxSipExternalListeningPort)"
