#!/usr/bin/env bash
# Prints one md5 line per (input, command, format, jobs) of the CLI's stdout, stderr and exit
# status, so a performance change can be checked for "same bytes out":
#
#   tests/bench/same_bytes.sh /tmp/dx-before BIG.835... > /tmp/before.md5
#   tests/bench/same_bytes.sh build/core/cli/denial-explainer BIG.835... > /tmp/after.md5
#   diff /tmp/before.md5 /tmp/after.md5 && echo same bytes
#
# Inputs: the big files given (e.g. bench_parse's generated 20 and 100 MB remits), every file
# under tests/data one by one, and all of tests/data together. Formats: json, json
# --inline-texts, ndjson, csv, text, patient (explain, --jobs 1 and 2) and trends as json with
# no --by and each --by. The as-of date is fixed so deadlines do not move with the clock.
# SAME_BYTES_QUICK=1 skips the files one by one (minutes) for a check between steps.
set -u
bin=${1:?usage: same_bytes.sh DENIAL_EXPLAINER_BINARY [BIG_FILE...]}
shift
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo" || exit 2
tmp=$(mktemp -d)/run

explain_formats=("json" "json --inline-texts" "ndjson" "csv" "text" "patient")
trends_bys=("" "--by payer" "--by month" "--by service_month" "--by reason" "--by procedure"
  "--by provider" "--by filing")

# md5 of stdout, md5 of stderr and the exit status of one run, labelled.
run() {
  local label=$1
  shift
  local out err rc
  "$bin" "$@" >"$tmp.out" 2>"$tmp.err"
  rc=$?
  out=$(md5sum <"$tmp.out" | cut -c1-32)
  err=$(md5sum <"$tmp.err" | cut -c1-32)
  echo "$out $err rc=$rc $label"
}

# Every format and job count for one set of inputs (explain), then trends.
check() {
  local name=$1
  shift
  local f j b
  for j in 1 2; do
    for f in "${explain_formats[@]}"; do
      # shellcheck disable=SC2086  # $f holds a format and its flags
      run "explain $name --format $f --jobs $j" explain "$@" --format $f --jobs $j \
        --as-of 2026-06-01
    done
  done
  for b in "${trends_bys[@]}"; do
    # shellcheck disable=SC2086
    run "trends $name $b" trends "$@" $b --format json
  done
}

for big in "$@"; do check "$big" "$big"; done
if [ -z "${SAME_BYTES_QUICK:-}" ]; then
  while IFS= read -r file; do check "$file" "$file"; done < <(find tests/data -type f | sort)
fi
check "tests/data(all)" tests/data
rm -rf "$(dirname "$tmp")"
