#!/usr/bin/env bash
# Configures and builds edgeflow for this host in build/ (or $BUILD_DIR).
# Extra arguments go to cmake's configure step; BUILD_TARGETS (space
# separated) limits what is built. The compiler's output goes to
# BUILD_DIR/build.log and is shown only when the build fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
mkdir -p "$build"
log=$build/build.log
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
echo "building in $build (log: $log)"
if ! { cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" "$@" &&
       cmake --build "$build" -j "$(nproc)" "${targets[@]}"; } >"$log" 2>&1; then
  tail -n 60 "$log" >&2
  echo "build failed; full log: $log" >&2
  exit 1
fi
