# Helpers dot-sourced by the corpus scripts: a change log kept in script scope and the SIP
# domain read from the topology.
$script:ChangeLog = @()

function Write-ChangeLog {
    param([Parameter(Mandatory)][string]$Message)
    $script:ChangeLog += '[{0:D2}] {1}' -f ($script:ChangeLog.Count + 1), $Message
}

function Get-DefaultSipDomain {
    (Get-CsSipDomain | Where-Object IsDefault).Name
}
