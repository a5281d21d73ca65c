#!/usr/bin/env bash
# The main job: install, build, explain the bundled sample in the terminal, then serve the
# page on 127.0.0.1 and print its address. Files dropped on the page never leave the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
echo
./build/core/cli/denial-explainer explain web/shared/sample.835 --format text || true
port="${PORT:-8080}"
echo
echo "Denial Explainer is running at http://127.0.0.1:${port}/  (Ctrl+C to stop)"
echo "Offline single file: build-wasm/dist/denial-explainer-offline.html"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build-wasm/dist
