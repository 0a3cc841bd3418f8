#!/usr/bin/env bash
# The README's second command: install what is missing, build, run every test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/toolchains/setup-host.sh"
"$top/toolchains/build.sh" -DEDGEFLOW_WERROR=ON
cd "${BUILD_DIR:-$top/build}"
ctest --output-on-failure -j "$(nproc)"
