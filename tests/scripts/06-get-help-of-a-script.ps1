# The operator reads the change script's help before running it.
# Wide enough that the syntax line (which starts with the script's full path) never wraps,
# whatever folder the corpus is checked out in.
$env:COLUMNS = 400
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1 -Parameter InternalPort
Get-Help $PSScriptRoot\05-set-mcx-ports.ps1 -Examples
