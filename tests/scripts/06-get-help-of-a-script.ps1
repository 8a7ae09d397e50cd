# The operator reads the change script's help before running it.
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1 -Parameter InternalPort
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1 -Examples
