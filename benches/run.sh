#!/usr/bin/env bash
# Every benchmark figure of BENCHMARKS.md in one command:
#
#   benches/run.sh            # all of it (about 2 minutes on the 2-core machine, most of it building)
#   benches/run.sh --quick    # fewer runs, for a rough look
#
# It builds the release binary and the generator (examples/generate.rs), generates inputs at
# 1x, 10x and 100x (10, 100 and 1,000 sites; 100, 1,000 and 10,000 servers; scripts of 100,
# 1,000 and 10,000 statements), runs the in-process benches (divan: `cargo bench --bench
# lyncsh`), the whole-process ones (hyperfine) and the peak-memory runs (/usr/bin/time), and
# prints one Markdown table of medians. Nothing here is run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=10
heavy_runs=5
if [[ "${1:-}" == "--quick" ]]; then
  runs=5
  heavy_runs=2
fi
for tool in hyperfine jq /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "benches/run.sh needs $tool (apt-get install -y hyperfine jq time)" >&2
    exit 1
  }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.tsv" # figure, scale, median ms, peak RSS KiB, CPU (user+sys) ms

echo "== building (release)" >&2
cargo build --release --quiet --bin lyncsh --example generate
bin="$PWD/target/release/lyncsh"
generate="$PWD/target/release/examples/generate"

# `reset SRC DST`: a fresh copy of a store before each run that changes it.
cat >"$work/reset" <<'EOF'
#!/bin/sh
rm -rf "$2" && cp -r "$1" "$2"
EOF
chmod +x "$work/reset"

# whole FIGURE SCALE RUNS PREPARE COMMAND [OK_CODE]: hyperfine's median, then one run under
# /usr/bin/time for the peak resident set size. OK_CODE is an exit code that is not a failure
# (2: `lyncsh diff` found changes).
whole() {
  local figure=$1 scale=$2 n=$3 prepare=$4 command=$5 ok_code=${6:-}
  local json="$work/hf.json"
  local args=(--style none --runs "$n" --export-json "$json")
  if [[ -n "$ok_code" ]]; then
    # hyperfine can only ignore every failure, so check the code once beforehand.
    local code=0
    if [[ -n "$prepare" ]]; then sh -c "$prepare"; fi
    sh -c "$command" >/dev/null 2>&1 || code=$?
    if [[ "$code" != "$ok_code" ]]; then
      echo "benches/run.sh: '$command' exited with $code, expected $ok_code" >&2
      exit 1
    fi
    args+=(--ignore-failure)
  fi
  if [[ -n "$prepare" ]]; then
    args+=(--prepare "$prepare")
  else
    args+=(--warmup 3 -N)
  fi
  hyperfine "${args[@]}" "$command" >&2
  local median cpu
  median=$(jq '.results[0].median * 1000' "$json")
  cpu=$(jq '(.results[0].user + .results[0].system) * 1000' "$json")
  if [[ -n "$prepare" ]]; then sh -c "$prepare"; fi
  /usr/bin/time -f '%M' -o "$work/rss" sh -c "exec $command" >/dev/null 2>&1 || true
  printf '%s\t%s\t%.1f\t%s\t%.1f\n' "$figure" "$scale" "$median" "$(tail -1 "$work/rss")" "$cpu" >>"$results"
}

echo "== generating inputs" >&2
for s in 1 10 100; do
  d="$work/$s"
  "$generate" "$s" "$d" >&2
  "$bin" --store "$d/store" -Command "Publish-CsTopology -FileName $d/document.yaml" >/dev/null 2>&1
  "$work/reset" "$d/store" "$d/two"
  "$bin" --store "$d/two" -Command "Publish-CsTopology -FileName $d/changed.yaml" >/dev/null 2>&1
  printf 'document\t%s\t%s\n' "$s" "$(wc -c <"$d/document.yaml")" >>"$work/sizes.tsv"
done
"$bin" --store "$work/default" -Command "Get-CsSite" >/dev/null 2>&1

echo "== whole process (hyperfine)" >&2
whole "cold start, default store" default "$((runs * 3))" "" \
  "$bin --store $work/default -Command Get-CsService -WebServer"
for s in 1 10 100; do
  d="$work/$s"
  whole "cold start" "$s" "$runs" "" \
    "$bin --store $d/store -Command Get-CsService -WebServer"
  whole "script -File" "$s" "$heavy_runs" "$work/reset $d/store $d/run" \
    "$bin --store $d/run -File $d/script.ps1"
  whole "publish -FileName" "$s" "$heavy_runs" "rm -rf $d/run" \
    "$bin --store $d/run -Command Publish-CsTopology -FileName $d/document.yaml"
  whole "Compare-CsTopology 2 3" "$s" "$heavy_runs" "$work/reset $d/two $d/run" \
    "$bin --store $d/run -Command Compare-CsTopology 2 3"
  whole "lyncsh diff 2 3" "$s" "$heavy_runs" "$work/reset $d/two $d/run" \
    "$bin --store $d/run diff 2 3" 2
done

echo "== in process (divan)" >&2
cargo bench --quiet --bench lyncsh 2>/dev/null | tee "$work/divan.txt" >&2
# divan's tree: a group line names the bench, its argument lines carry the timings; the
# median is the third │-separated column.
sed 's/^[ │├╰─]*//' "$work/divan.txt" | awk -F'│' '
  function ms(text,   n, unit) {
    n = text; gsub(/[^0-9.]/, "", n)
    unit = text; gsub(/[0-9. ]/, "", unit)
    if (unit == "ns") return n / 1e6
    if (unit == "µs" || unit == "us") return n / 1e3
    if (unit == "s") return n * 1000
    return n
  }
  {
    split($1, words, " ")
    if (NF >= 3 && $3 ~ /[0-9]/) printf "%s\t%s\t%.1f\t\n", group, words[1], ms($3)
    else if (words[1] != "" && NF >= 3) group = words[1]
  }' >>"$results"

echo >&2
# The table: one row per figure, the three sizes, the 10x-to-100x ratio (100 would be linear
# in the number of servers or statements), and peak memory where measured.
awk -F'\t' -v sizes="$work/sizes.tsv" '
  BEGIN {
    while ((getline line < sizes) > 0) { split(line, f, "\t"); size[f[2]] = f[3] }
    label["script"] = "script, in process (engine::Session, draft written)"
    label["load_validate_publish"] = "load + validate + publish, in process"
    label["compare_versions"] = "Compare-CsTopology 2 3, in process"
    label["yaml_parse"] = "  part: YAML parse"
    label["cached_read"] = "  part: read a version via the parse cache"
    label["yaml_write"] = "  part: YAML write"
    label["validate"] = "  part: validate (all rules)"
    label["diff_in_memory"] = "  part: diff (changes + unified)"
    label["object_changes"] = "  part: object change list"
  }
  {
    name = ($1 in label) ? label[$1] : $1
    if (!(name in seen)) { seen[name] = 1; order[++n] = name }
    t[name, $2] = $3
    if ($4 != "") m[name, $2] = $4
    if ($5 != "") c[name, $2] = $5
  }
  function cell(v) { return v == "" ? "-" : sprintf("%s ms", v) }
  # Whole-process cells add the CPU time (user + system, mean): on a shared machine the wall
  # time includes waiting for a core, the CPU time does not.
  function tcell(name, k) {
    if (!((name SUBSEP k) in t)) return "-"
    return ((name SUBSEP k) in c) ? sprintf("%s ms (cpu %s)", t[name, k], c[name, k]) : cell(t[name, k])
  }
  function mem(name,   out, s, k) {
    out = ""
    split("1 10 100", k, " ")
    for (s = 1; s <= 3; s++) out = out (s > 1 ? " / " : "") ((name SUBSEP k[s]) in m ? sprintf("%.0f", m[name, k[s]] / 1024) : "-")
    return out " MiB"
  }
  END {
    printf "Document size (1x / 10x / 100x): %.2f / %.2f / %.2f MiB\n\n", size[1] / 1048576, size[10] / 1048576, size[100] / 1048576
    print "| figure | 1x | 10x | 100x | 100x / 10x | peak RSS 1x / 10x / 100x |"
    print "|---|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) {
      name = order[i]
      if ((name SUBSEP "default") in t) {
        printf "| %s | %s | | | | %.0f MiB |\n", name, tcell(name, "default"), m[name, "default"] / 1024
        continue
      }
      ratio = (t[name, 10] > 0) ? sprintf("%.1f", t[name, 100] / t[name, 10]) : "-"
      printf "| %s | %s | %s | %s | %s | %s |\n", name, tcell(name, 1), tcell(name, 10), tcell(name, 100), ratio, mem(name)
    }
  }' "$results"
