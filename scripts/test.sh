#!/usr/bin/env bash
# Every test: native unit tests (GoogleTest), the same under ASan+UBSan, fuzz-corpus replays,
# the wasm API and native/wasm parity in Node, browser tests in headless Chromium, and a
# 60-second libFuzzer smoke run. Installs and builds what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
jobs=$(nproc 2>/dev/null || echo 2)
failed=()
step() { echo; echo "=== $1"; }

step "native unit tests (ctest)"
ctest --test-dir build --output-on-failure -j"$jobs" || failed+=(native)

step "AddressSanitizer + UndefinedBehaviorSanitizer build of the unit tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DDENIAL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 ctest --test-dir build-asan --output-on-failure -j"$jobs" || failed+=(sanitizers)

step "wasm API and native/wasm parity (node --test)"
node --test tests/wasm/*.test.mjs || failed+=(wasm)

step "warehouse: the CLI's NDJSON loaded into DuckDB (node --test)"
node --test tests/warehouse/*.test.mjs || failed+=(warehouse)

step "browser tests (playwright-core + Debian Chromium)"
node --test --test-concurrency=1 tests/web/*.spec.mjs tests/web/*.test.mjs || failed+=(browser)

if [ -x scripts/fuzz.sh ]; then
  step "fuzz smoke run (libFuzzer, ${DENIAL_FUZZ_SECONDS:-60} s)"
  ./scripts/fuzz.sh "${DENIAL_FUZZ_SECONDS:-60}" || failed+=(fuzz)
fi

echo
if ((${#failed[@]})); then
  echo "test.sh: FAILED suites: ${failed[*]}"
  exit 1
fi
echo "test.sh: all suites passed"
