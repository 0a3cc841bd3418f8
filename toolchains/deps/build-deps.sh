#!/bin/bash
# Build the static target libraries edgeflow links against, for one cross
# triple, from Debian source packages (apt-get source).
#
#   toolchains/deps/build-deps.sh [options] <triple>
#
#   --libs LIST      libraries to build, comma or space separated, from:
#                    libpcap cpputest libmaxminddb ndpi protobuf-lite libmicrohttpd
#                    (default: $EDGEFLOW_DEPS_LIBS, else all of them: the default build links them all)
#   --all            all of them
#   --print-prefix   print the prefix for <triple> and exit (builds nothing)
#   --prune          remove prefixes of <triple> built with another key
#   --keep-build     keep the scratch build trees of successful builds
#   -j N             parallel make jobs (default: $EDGEFLOW_DEPS_JOBS, else 2)
#
# Everything lands in ${EDGEFLOW_DEPS_CACHE:-/var/cache/edgeflow/deps}:
#   src/<package>_<version>/   upstream tarballs fetched by apt-get source
#   <triple>-<key>/            install prefix (include/, lib/, bin/<triple>-pkg-config)
#   <triple>                   link to the prefix of the latest run
#   build/<triple>-<key>/      scratch trees and logs (removed after success)
# <key> hashes the recipes (package versions included), this script, the
# toolchain file, the compiler version and the flags, so any change to them
# builds a new prefix. Libraries are built into the prefix one by one, each
# marked done by a stamp; a run whose libraries are all stamped does nothing.
set -euo pipefail

ALL_LIBS="libpcap cpputest libmaxminddb ndpi protobuf-lite libmicrohttpd"
DEFAULT_LIBS="$ALL_LIBS"
DEPS_CFLAGS="-Os -ffunction-sections -fdata-sections"

DEPS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TC_DIR=$(dirname "$DEPS_DIR")
CACHE=${EDGEFLOW_DEPS_CACHE:-/var/cache/edgeflow/deps}
JOBS=${EDGEFLOW_DEPS_JOBS:-2}

usage() { sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "build-deps: $*" >&2; exit 1; }

libs=${EDGEFLOW_DEPS_LIBS:-$DEFAULT_LIBS}
print_prefix=0 prune=0 keep_build=0 T=""
while [ $# -gt 0 ]; do
  case "$1" in
    --libs) [ $# -ge 2 ] || die "--libs needs a list"; libs=$2; shift ;;
    --libs=*) libs=${1#--libs=} ;;
    --all) libs=$ALL_LIBS ;;
    --print-prefix) print_prefix=1 ;;
    --prune) prune=1 ;;
    --keep-build) keep_build=1 ;;
    -j) [ $# -ge 2 ] || die "-j needs a number"; JOBS=$2; shift ;;
    -j*) JOBS=${1#-j} ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) [ -z "$T" ] || die "one triple only"; T=$1 ;;
  esac
  shift
done
[ -n "$T" ] || { usage >&2; exit 2; }
TOOLCHAIN_FILE=$TC_DIR/$T.cmake
[ -f "$TOOLCHAIN_FILE" ] || die "no toolchain file $TOOLCHAIN_FILE (known: $(cd "$TC_DIR" && ls -- *.cmake | sed 's/\.cmake$//' | tr '\n' ' '))"
command -v "$T-gcc" >/dev/null || die "$T-gcc not found: run toolchains/setup-host.sh --cross"

# Selected libraries, in build order.
libs=$(echo "$libs" | tr ',' ' ')
selected=""
for l in $libs; do
  case " $ALL_LIBS " in *" $l "*) ;; *) die "unknown library '$l' (known: $ALL_LIBS)" ;; esac
done
for l in $ALL_LIBS; do
  case " $libs " in *" $l "*) selected="$selected $l" ;; esac
done
selected=${selected# }

exec 3>&1   # the terminal, for messages from inside a logged step
now() { echo "$EPOCHREALTIME"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
t_start=$(now)

# ---- key -------------------------------------------------------------------
key_material() {
  echo "triple $T"
  echo "cflags $DEPS_CFLAGS"
  echo "compiler $("$T-g++" --version | head -n1)"
  local r
  for r in "$DEPS_DIR"/recipes/*.sh; do
    # shellcheck disable=SC1090
    ( source "$r"; echo "source $(basename "$r" .sh) $RECIPE_PACKAGE=$RECIPE_VERSION" )
  done
  (cd "$TC_DIR" && sha256sum deps/build-deps.sh deps/recipes/*.sh "$T.cmake" cmake/cross-common.cmake)
}
material=$(key_material)
KEY=$(printf '%s\n' "$material" | sha256sum | cut -c1-12)
PREFIX=$CACHE/$T-$KEY

if [ "$print_prefix" = 1 ]; then echo "$PREFIX"; exit 0; fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.$T-$KEY.lock"
flock 9

STAMPS=$PREFIX/.edgeflow/stamps
todo=""
for l in $selected; do [ -f "$STAMPS/$l" ] || todo="$todo $l"; done
todo=${todo# }

echo "build-deps: $T key $KEY"
echo "build-deps: prefix $PREFIX"

if [ "$prune" = 1 ]; then
  for d in "$CACHE/$T"-*; do
    [ -d "$d" ] && [ "$d" != "$PREFIX" ] || continue
    case "${d#"$CACHE/$T"-}" in *[!0-9a-f]*|"") continue ;; esac
    echo "build-deps: pruning $d"
    rm -rf "$d" "$CACHE/build/$(basename "$d")" "$CACHE/.$(basename "$d").lock"
  done
fi

if [ -z "$todo" ]; then
  ln -sfn "$T-$KEY" "$CACHE/$T"
  echo "build-deps: up to date ($selected) in $(secs "$t_start" "$(now)") s"
  exit 0
fi

# ---- prefix and build environment --------------------------------------------
mkdir -p "$PREFIX"/{bin,include,lib/pkgconfig,share/pkgconfig} "$STAMPS" "$PREFIX/.edgeflow/logs"
printf '%s\n' "$material" >"$PREFIX/.edgeflow/key.txt"
cat >"$PREFIX/bin/$T-pkg-config" <<'EOF'
#!/bin/sh
# pkg-config that sees this prefix only (static target libraries).
P=$(cd "$(dirname "$0")/.." && pwd)
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
PKG_CONFIG_LIBDIR=$P/lib/pkgconfig:$P/share/pkgconfig
export PKG_CONFIG_LIBDIR
exec /usr/bin/pkg-config --static "$@"
EOF
chmod +x "$PREFIX/bin/$T-pkg-config"

export CC=$T-gcc CXX=$T-g++ AR=$T-ar RANLIB=$T-ranlib STRIP=$T-strip NM=$T-nm
export CFLAGS=$DEPS_CFLAGS CXXFLAGS=$DEPS_CFLAGS CPPFLAGS="" LDFLAGS=""
export PKG_CONFIG=$PREFIX/bin/$T-pkg-config
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig:$PREFIX/share/pkgconfig
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
export PATH=$PREFIX/bin:$PATH
export LC_ALL=C
# CMake-based recipes: the project's own toolchain file, size flags; any
# program a library installs (mmdblookup) is static, so it runs on a router
# or under qemu as it is.
EF_CMAKE_ARGS=(
  -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN_FILE" -DEDGEFLOW_DEPS_PREFIX="$PREFIX"
  -DCMAKE_BUILD_TYPE=MinSizeRel -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_INSTALL_LIBDIR=lib
  -DBUILD_SHARED_LIBS=OFF -DCMAKE_C_FLAGS="$DEPS_CFLAGS" -DCMAKE_CXX_FLAGS="$DEPS_CFLAGS"
  -DCMAKE_EXE_LINKER_FLAGS=-static
)
BUILD_ROOT=$CACHE/build/$T-$KEY
SRC_CACHE=$CACHE/src

# Recipe helpers -----------------------------------------------------------------
# step NAME CMD...: run CMD with its output in the library's log, print the time.
step() {
  local name=$1 s rc=0
  shift
  s=$(now)
  echo "+ $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || rc=$?
  printf '  %-14s %-12s %7s s\n' "$LIB" "$name" "$(secs "$s" "$(now)")"
  echo "$LIB $name $(secs "$s" "$(now)")" >>"$TIMINGS"
  if [ "$rc" != 0 ]; then
    echo "build-deps: $LIB: '$name' failed (exit $rc); last lines of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# needs_latomic: true when 64-bit atomics do not link without libatomic.
needs_latomic() {
  local d
  d=$(mktemp -d)
  printf '%s\n' '#include <atomic>' '#include <cstdint>' \
    'std::atomic<std::uint64_t> v{0};' 'int main() { return int(v.fetch_add(1) + v.load()); }' >"$d/a.cc"
  if "$CXX" -std=c++17 -static "$d/a.cc" -o "$d/a" >/dev/null 2>&1; then rm -rf "$d"; return 1; fi
  rm -rf "$d"
  return 0
}

# fetch_source PACKAGE VERSION: tarballs of one Debian source package, cached.
fetch_source() {
  local pkg=$1 ver=$2 dir tmp avail
  dir=$SRC_CACHE/${pkg}_$ver
  [ -f "$dir/.complete" ] && return 0
  mkdir -p "$SRC_CACHE"
  (
    flock 8
    [ -f "$dir/.complete" ] && exit 0
    tmp=$dir.tmp.$$
    rm -rf "$tmp" && mkdir -p "$tmp"
    # apt downloads as _apt when it can write there.
    if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
    avail=$(apt-cache showsrc "$pkg" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -V | tail -n1)
    if [ -z "$avail" ]; then
      echo "build-deps: no source index for $pkg: run toolchains/setup-host.sh --cross (enables deb-src)" >&3
      exit 1
    fi
    [ "$avail" = "$ver" ] || echo "build-deps: note: archive offers $pkg $avail, recipe pins $ver" >&3
    # --tar-only: the upstream (orig) tarball is all a recipe uses, and it
    # still verifies against the signed Sources index.
    if ! (cd "$tmp" && apt-get source -q --download-only --tar-only "$pkg=$ver"); then
      echo "build-deps: apt-get source $pkg=$ver failed; is $ver still in the archive? (apt-cache showsrc $pkg)" >&3
      exit 1
    fi
    touch "$tmp/.complete"
    rm -rf "$dir" && mv "$tmp" "$dir"
  ) 8>"$SRC_CACHE/.lock"
}

# ---- build -------------------------------------------------------------------------
echo "build-deps: building: $todo (jobs $JOBS, flags $DEPS_CFLAGS)"
mkdir -p "$BUILD_ROOT"
TIMINGS=$PREFIX/.edgeflow/timings.txt
for LIB in $todo; do
  lib_start=$(now)
  LOG=$BUILD_ROOT/$LIB.log
  : >"$LOG"
  (
    RECIPE_EXCLUDES=()
    # shellcheck disable=SC1090
    source "$DEPS_DIR/recipes/$LIB.sh"
    step fetch fetch_source "$RECIPE_PACKAGE" "$RECIPE_VERSION"
    tarball=$(ls "$SRC_CACHE/${RECIPE_PACKAGE}_$RECIPE_VERSION"/*.orig.tar.* | grep -v '\.asc$' | head -n1)
    WORK=$BUILD_ROOT/$LIB
    rm -rf "$WORK" && mkdir -p "$WORK"
    excludes=()
    for e in "${RECIPE_EXCLUDES[@]}"; do excludes+=(--exclude="$e"); done
    step extract tar -xf "$tarball" -C "$WORK" "${excludes[@]}"
    SRC=$WORK/$RECIPE_SRCDIR
    BUILD=$WORK/build
    mkdir -p "$BUILD"
    cd "$SRC"
    recipe_build
    echo "$LIB $RECIPE_PACKAGE $RECIPE_VERSION $(sha256sum "$tarball" | cut -c1-64)" >>"$PREFIX/.edgeflow/sources.txt"
  )
  cp "$LOG" "$PREFIX/.edgeflow/logs/$LIB.log"
  [ "$keep_build" = 1 ] || rm -rf "${BUILD_ROOT:?}/$LIB"
  touch "$STAMPS/$LIB"
  printf '  %-14s %-12s %7s s\n' "$LIB" "total" "$(secs "$lib_start" "$(now)")"
done
[ "$keep_build" = 1 ] || rm -rf "$BUILD_ROOT"

ln -sfn "$T-$KEY" "$CACHE/$T"
echo "build-deps: done ($todo) in $(secs "$t_start" "$(now)") s"
