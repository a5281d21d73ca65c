#!/usr/bin/env bash
# Two CLI builds on the same files, runs interleaved (A B A B ...) so a noisy machine slows
# both alike; prints the fastest and the median wall time and the median CPU time of each.
# Print only, never asserts.
#   tests/bench/ab_cli.sh FORMAT JOBS RUNS BINARY_A BINARY_B FILE...
# e.g. tests/bench/ab_cli.sh json 2 7 /tmp/old/denial-explainer build/core/cli/denial-explainer /tmp/files8/*.835
set -euo pipefail
if [ $# -lt 6 ]; then
  sed -n 2,6p "$0" >&2
  exit 2
fi
format=$1 jobs=$2 runs=$3 a=$4 b=$5
shift 5
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
declare -A wall cpu
for _ in $(seq "$runs"); do
  for bin in "$a" "$b"; do
    /usr/bin/time -o "$timing" -f "%e %U %S" "$bin" explain --format "$format" --jobs "$jobs" \
      --as-of 2026-06-01 "$@" >/dev/null 2>&1 || true  # exit 1: the files have findings
    # (time then writes "Command exited with non-zero status" first: the figures are last)
    read -r w u s < <(tail -1 "$timing")
    wall[$bin]+="$w "
    cpu[$bin]+="$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for bin in "$a" "$b"; do
  fastest=$(echo "${wall[$bin]}" | tr ' ' '\n' | grep . | sort -n | head -1)
  printf '%-8s --jobs %s  %s\n  wall fastest %s s, median %s s; CPU median %s s\n' "$format" "$jobs" \
    "$bin" "$fastest" "$(echo "${wall[$bin]}" | median)" "$(echo "${cpu[$bin]}" | median)"
done
