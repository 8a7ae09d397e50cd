# Certificates assigned on the front end, with the days left before each expires, measured
# from a fixed audit date so the report is reproducible.
$auditDate = [datetime]'2012-01-15'

$report = foreach ($cert in Get-CsCertificate) {
    $daysLeft = ($cert.NotAfter - $auditDate).Days
    [pscustomobject]@{
        Use        = $cert.Use
        Thumbprint = $cert.Thumbprint.Substring(0, 8)
        DaysLeft   = $daysLeft
        Status     = if ($daysLeft -lt 90) { 'RENEW' } else { 'OK' }
    }
}
$report | Sort-Object Use | Format-Table -AutoSize
$expiring = @($report | Where-Object Status -eq 'RENEW')
"{0} of {1} certificate uses need renewal" -f $expiring.Count, $report.Count
