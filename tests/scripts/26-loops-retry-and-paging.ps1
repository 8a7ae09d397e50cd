# Loop forms an admin script uses: a retry loop with do/until, a while loop that pages
# through a list, a for loop over indexes, break and continue.
$attempt = 0
do {
    $attempt++
    $provider = Get-CsHostingProvider -Identity LyncOnline -ErrorAction SilentlyContinue
    if (-not $provider -and $attempt -eq 2) {
        New-CsHostingProvider -Identity LyncOnline -Enabled $true -ProxyFqdn sipfed.online.lync.com | Out-Null
    }
} until ($provider -or $attempt -ge 5)
"Provider found after $attempt attempts"

$names = Get-CsService | ForEach-Object { $_.Identity }
$page = 0
$pageSize = 5
while ($page * $pageSize -lt $names.Count) {
    $slice = $names[($page * $pageSize)..([Math]::Min($names.Count, ($page + 1) * $pageSize) - 1)]
    "Page $($page + 1): $($slice.Count) services"
    $page++
}

for ($i = 0; $i -lt $names.Count; $i++) {
    if ($names[$i] -notlike 'Web*' -and $names[$i] -notlike 'Edge*') { continue }
    "[$i] $($names[$i])"
    if ($names[$i] -like 'Edge*') { break }
}
$n = 3
while ($true) { if (--$n -le 0) { break } }
"n=$n"
