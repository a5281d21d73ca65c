#!/usr/bin/env bash
# libFuzzer run of the four targets (835 reader, 835 model, explain, 277CA/999 reader) (clang-14, ASan+UBSan), seeded from the fixtures,
# the malformed suite and the vendored samples (all under tests/data) and the regression corpus.
#   scripts/fuzz.sh [TOTAL_SECONDS=60]        FUZZ_TARGETS="fuzz_explain" to run only some
# A crash fails the run; its input is kept in test-artifacts/fuzz/ (add it to tests/fuzz/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
total="${1:-60}"
targets="${FUZZ_TARGETS:-fuzz_reader fuzz_parse_835 fuzz_explain fuzz_parse_ack}"
count=$(echo $targets | wc -w)
per=$(( total / count > 1 ? total / count : 1 ))
CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDENIAL_FUZZ=ON \
  -DDENIAL_SANITIZE=ON >/dev/null
cmake --build build-fuzz --target $targets
mkdir -p test-artifacts/fuzz
status=0
for target in $targets; do
  corpus=$(mktemp -d)
  for seed in tests/data tests/fuzz/corpus; do
    find "$seed" -type f -size -1000k -not -path '*/LICENSES/*' -exec cp {} "$corpus"/ \; 2>/dev/null || true
  done
  # The whole-pipeline target writes every report format per input; under ASan and coverage
  # instrumentation a 64 KB remit (150+ claims) takes ~10 s there (0.35 s in a release
  # build), so it gets smaller inputs and more time per input.
  max_len=65536 timeout=10
  [ "$target" = fuzz_explain ] && max_len=16384 timeout=30
  echo "fuzz: $target for ${per}s on $(ls "$corpus" | wc -l) seeds"
  if ! ./build-fuzz/tests/"$target" -max_total_time="$per" -max_len=$max_len -timeout=$timeout -rss_limit_mb=4096 \
      -artifact_prefix=test-artifacts/fuzz/"$target"- -print_final_stats=1 "$corpus" 2>test-artifacts/fuzz/"$target".log; then
    echo "fuzz: $target FAILED (see test-artifacts/fuzz/$target.log)"
    tail -30 test-artifacts/fuzz/"$target".log
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" test-artifacts/fuzz/"$target".log | tr '\n' ' '
    echo
  fi
  rm -rf "$corpus"
done
exit $status
