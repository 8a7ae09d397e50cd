<#
.SYNOPSIS
    Opens the Lync Mobility (MCX) listening ports on a front end's web services.
.DESCRIPTION
    Sets McxSipPrimaryListeningPort and McxSipExternalListeningPort as the November 2011
    cumulative update's mobility guide describes. Supports -WhatIf.
.PARAMETER Identity
    The front end (pool) FQDN.
.PARAMETER InternalPort
    The internal MCX SIP port (5086 by default).
.PARAMETER ExternalPort
    The external MCX SIP port (5087 by default).
.EXAMPLE
    .\05-set-mcx-ports.ps1 -Identity lyncserver.jacobs.local
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory, Position = 0)]
    [ValidateNotNullOrEmpty()]
    [string]$Identity,

    [ValidateRange(1024, 65535)]
    [int]$InternalPort = 5086,

    [ValidateRange(1024, 65535)]
    [int]$ExternalPort = 5087
)

if ($PSCmdlet.ShouldProcess("WebServer:$Identity", "Set MCX ports $InternalPort/$ExternalPort")) {
    Set-CsWebServer -Identity $Identity -McxSipPrimaryListeningPort $InternalPort -McxSipExternalListeningPort $ExternalPort
    Write-Verbose "MCX ports set on $Identity"
}
Get-CsService -WebServer | Select-Object Identity, McxSipPrimaryListeningPort, McxSipExternalListeningPort | Format-List
