# An advanced function that takes certificates from the pipeline and reports the uses whose
# SANs lack the mobility autodiscover names.
function Test-MobilitySan {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        $Certificate,
        [string]$SipDomain = 'jacobs.com'
    )
    begin {
        $needed = "lyncdiscover.$SipDomain", "lyncdiscoverinternal.$SipDomain"
        $checked = 0
        Write-Verbose "Checking for $($needed -join ', ')"
    }
    process {
        $checked++
        $missing = $needed | Where-Object { $Certificate.AlternativeNames -notcontains $_ }
        [pscustomobject]@{
            Use     = $Certificate.Use
            Missing = ($missing -join ', ')
        }
    }
    end {
        Write-Host "$checked certificate uses checked"
    }
}

Get-CsCertificate | Test-MobilitySan -Verbose | Format-Table -AutoSize
