#!/bin/bash
# Cross-build edgeflow for one router target, optionally running its tests
# under qemu.
#
#   toolchains/cross-build.sh <triple> [--test] [--clean] [--keep-going] [--libs LIST] [-- CMAKE_ARGS...]
#
#   <triple>      aarch64-linux-gnu arm-linux-gnueabihf mipsel-linux-gnu
#                 mips-linux-gnu mips64el-linux-gnuabi64
#   --test        run ctest in the build tree (target binaries under qemu)
#   --clean       delete the build tree first
#   --keep-going  build every target that can be built and run the tests
#                 even if some target failed (the script still fails)
#   --libs LIST   target libraries to build (see toolchains/deps/build-deps.sh)
#   -- ARGS       passed to cmake at configure time, e.g. -DEDGEFLOW_LTO=ON
#
# Steps: host setup (toolchains/setup-host.sh --cross), static dependencies
# (toolchains/deps/build-deps.sh, cached outside the tree), configure in
# build-<triple>/ with toolchains/<triple>.cmake, build, install stripped
# into build-<triple>/dist/, test.
# Environment: EDGEFLOW_DEPS_CACHE, EDGEFLOW_DEPS_LIBS (see build-deps.sh),
# EDGEFLOW_JOBS (default 2), EDGEFLOW_BUILD_DIR (default build-<triple>).
set -euo pipefail

TRIPLES="aarch64-linux-gnu arm-linux-gnueabihf mipsel-linux-gnu mips-linux-gnu mips64el-linux-gnuabi64"
TC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$TC_DIR")
JOBS=${EDGEFLOW_JOBS:-2}

die() { echo "cross-build: $*" >&2; exit 1; }

T="" run_tests=0 clean=0 keep_going=0 deps_args=() cmake_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --test) run_tests=1 ;;
    --clean) clean=1 ;;
    --keep-going) keep_going=1 ;;
    --libs) [ $# -ge 2 ] || die "--libs needs a list"; deps_args+=(--libs "$2"); shift ;;
    --libs=*) deps_args+=("$1") ;;
    --) shift; cmake_args=("$@"); break ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option: $1" ;;
    *) [ -z "$T" ] || die "one triple only"; T=$1 ;;
  esac
  shift
done
[ -n "$T" ] || die "usage: $0 <triple> [--test] [--clean] [--keep-going] [--libs LIST] [-- CMAKE_ARGS...]"
case " $TRIPLES " in *" $T "*) ;; *) die "unknown triple '$T' (known: $TRIPLES)" ;; esac
BUILD_DIR=${EDGEFLOW_BUILD_DIR:-$ROOT/build-$T}

now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
summary=()
timed() {
  local name=$1 s rc=0
  shift
  echo "== cross-build $T: $name"
  s=$(now)
  "$@" || rc=$?
  summary+=("$(printf '%-10s %7s s%s' "$name" "$(secs "$s" "$(now)")" "$([ $rc = 0 ] || echo "  FAILED ($rc)")")")
  return $rc
}
report() {
  echo "== cross-build $T: timings"
  printf '  %s\n' "${summary[@]}"
  printf '  %-10s %7s s\n' total "$(secs "$t0" "$(now)")"
}
t0=$(now)
trap report EXIT

if [ "$(id -u)" = 0 ]; then
  timed setup "$TC_DIR/setup-host.sh" --cross
else
  echo "cross-build: not root, skipping toolchains/setup-host.sh --cross"
fi
timed deps "$TC_DIR/deps/build-deps.sh" -j "$JOBS" "${deps_args[@]}" "$T"
PREFIX=$("$TC_DIR/deps/build-deps.sh" --print-prefix "$T")

[ "$clean" = 0 ] || rm -rf "$BUILD_DIR"
# pkg-config results are cached: a new dependency prefix needs a fresh cache.
if [ -f "$BUILD_DIR/CMakeCache.txt" ] &&
   ! grep -qxF "EDGEFLOW_DEPS_PREFIX:PATH=$PREFIX" "$BUILD_DIR/CMakeCache.txt"; then
  echo "cross-build: dependency prefix changed, reconfiguring from scratch"
  rm -f "$BUILD_DIR/CMakeCache.txt"
fi
timed configure cmake -S "$ROOT" -B "$BUILD_DIR" \
  -DCMAKE_TOOLCHAIN_FILE="$TC_DIR/$T.cmake" -DEDGEFLOW_DEPS_PREFIX="$PREFIX" \
  "${cmake_args[@]}"
failed=0
if [ "$keep_going" = 1 ]; then
  timed build cmake --build "$BUILD_DIR" -j"$JOBS" -- -k || failed=1
else
  timed build cmake --build "$BUILD_DIR" -j"$JOBS"
fi
# What ships, stripped: <build dir>/dist/sbin/edgeflowd (and any other
# installed program).
if [ "$failed" = 0 ]; then
  timed install cmake --install "$BUILD_DIR" --strip --prefix "$BUILD_DIR/dist"
fi

# What was built: architecture, linkage, stripped size.
echo "== cross-build $T: executables"
tmp_strip=$(mktemp)
while IFS= read -r exe; do
  desc=$(file -b "$exe")
  case "$desc" in ELF*executable*) ;; *) continue ;; esac
  "$T-strip" -o "$tmp_strip" "$exe" && size=$(stat -c %s "$tmp_strip") || size="?"
  text=$("$T-size" "$exe" | awk 'NR == 2 { print $1 }')
  printf '  %s  (%s bytes stripped, text %s)\n    %s\n' "${exe#"$BUILD_DIR"/}" "$size" "$text" "$desc"
done < <(find "$BUILD_DIR" -type f -perm -u+x -not -path '*/CMakeFiles/*' | sort)
rm -f "$tmp_strip"

if [ "$run_tests" = 1 ]; then
  timed test ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$JOBS" || failed=1
fi
exit $failed
