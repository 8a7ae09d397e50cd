# Non-terminating errors are shown and the script carries on; $? and -ErrorVariable tell the
# script what happened, and it still ends with exit 0.
Get-CsHostingProvider -Identity Contoso
"After the error: `$? = $?"
Set-CsWebServer -Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086 -ErrorVariable setErrors
"After the change: `$? = $?, errors = $($setErrors.Count)"
Write-Error 'Custom check failed: lyncdiscover DNS record missing'
'Done'
