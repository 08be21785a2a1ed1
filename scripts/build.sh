#!/usr/bin/env bash
# Configures and builds tvbot. Usage: scripts/build.sh [--sanitize] [ninja targets...]
#   default build tree: build/ (RelWithDebInfo), binary build/tvbot
#   --sanitize: build-asan/ (Debug, AddressSanitizer + UndefinedBehaviorSanitizer)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  shift
  build_dir=build-asan
  cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=Debug -DTVBOT_SANITIZE=ON -DTVBOT_BUILD_BENCH=OFF)
fi

jobs=$(nproc)
# Template-heavy TUs (Beast, CAF) take over 1 GB of RAM each; keep jobs within memory.
mem_gb=$(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo)
if [ "$mem_gb" -lt $((jobs * 2)) ]; then jobs=$(( mem_gb / 2 > 0 ? mem_gb / 2 : 1 )); fi

cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
ninja -C "$build_dir" -j "$jobs" "$@"
