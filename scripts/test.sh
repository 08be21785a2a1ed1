#!/usr/bin/env bash
# Installs what is needed, builds tvbot and runs the whole test suite twice: the normal
# build, then the AddressSanitizer + UndefinedBehaviorSanitizer build.
# Usage: scripts/test.sh [--no-sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

started=$(date +%s)
scripts/build.sh
(cd build && ctest --output-on-failure --timeout 300 -j 2)
echo "test.sh: normal build passed in $(( $(date +%s) - started )) s"

if [ "${1:-}" != "--no-sanitize" ]; then
  started=$(date +%s)
  scripts/build.sh --sanitize
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 ctest --output-on-failure --timeout 600 -j 2)
  echo "test.sh: sanitizer build passed in $(( $(date +%s) - started )) s"
fi
