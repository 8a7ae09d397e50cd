# Pasted straight from the blog: the placeholder was never replaced, so PowerShell refuses
# to run any of the script (parse error, exit 1) and nothing changes.
Set-CsWebServer –Identity lyncserver.jacobs.local -McxSipPrimaryListeningPort 5086
Set-CsCertificate –Type Default,WebServicesInternal,WebServicesExternal –Thumbprint <Certificate Thumbprint>
