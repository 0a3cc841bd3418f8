#!/bin/sh
# Install what a build of edgeflow needs on a Debian 12 host.
#
#   toolchains/setup-host.sh            host build and tests
#   toolchains/setup-host.sh --cross    also cross compilers for every router
#                                       target, qemu-user-static and the tools
#                                       that build the target dependencies
#
# Runs as root. Idempotent: when every package is installed (and, with
# --cross, deb-src indexes are available) it touches nothing and returns at
# once.
set -eu

cross=0
for arg in "$@"; do
  case "$arg" in
    --cross) cross=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "setup-host: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

log() { echo "setup-host: $*"; }

# Keep this list in sync with toolchains/cross-build.sh (TRIPLES).
TRIPLES="aarch64-linux-gnu arm-linux-gnueabihf mipsel-linux-gnu mips-linux-gnu mips64el-linux-gnuabi64"

packages="build-essential cmake pkg-config libpcap-dev cpputest tshark jq prometheus valgrind bc time softflowd strace"
# Enrichment and export: libraries, their peers in tests (mmdblookup, the
# reference MaxMind DB writer, protoc, curl).
packages="$packages libmaxminddb-dev mmdb-bin libmaxmind-db-writer-perl libndpi-dev libndpi-bin libprotobuf-dev protobuf-compiler libmicrohttpd-dev curl python3 iproute2"
if [ "$cross" = 1 ]; then
  for t in $TRIPLES; do packages="$packages g++-$t"; done
  packages="$packages qemu-user-static file autoconf automake libtool bison flex dpkg-dev xz-utils"
fi

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing="$missing $p"
done

# deb-src entries are needed for `apt-get source` (toolchains/deps).
need_src_update=0
if [ "$cross" = 1 ]; then
  changed=0
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822: "Types: deb" -> "Types: deb deb-src" (a second run finds nothing).
    if grep -q '^Types:[[:space:]]*deb[[:space:]]*$' "$f"; then
      [ "$(id -u)" = 0 ] || { echo "setup-host: must run as root to enable deb-src in $f" >&2; exit 1; }
      log "enabling deb-src in $f"
      sed -i 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb deb-src/' "$f"
      changed=1
    fi
  done
  if [ -f /etc/apt/sources.list ]; then
    # One-line format: add a deb-src twin for every deb line lacking one.
    twins=$(sed -n 's/^deb\([[:space:]]\)/deb-src\1/p' /etc/apt/sources.list)
    if [ -n "$twins" ]; then
      missing_src=$(printf '%s\n' "$twins" | grep -vxF -f /etc/apt/sources.list || true)
      if [ -n "$missing_src" ]; then
        [ "$(id -u)" = 0 ] || { echo "setup-host: must run as root to enable deb-src in /etc/apt/sources.list" >&2; exit 1; }
        log "adding deb-src lines to /etc/apt/sources.list"
        printf '%s\n' "$missing_src" >>/etc/apt/sources.list
        changed=1
      fi
    fi
  fi
  if [ "$changed" = 1 ] || ! apt-cache showsrc libpcap >/dev/null 2>&1 \
      || [ -z "$(apt-cache showsrc libpcap 2>/dev/null)" ]; then
    need_src_update=1
  fi
fi

if [ -z "$missing" ] && [ "$need_src_update" = 0 ]; then
  log "all packages present ($(echo "$packages" | wc -w)), nothing to do"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "setup-host: must run as root (missing:$missing)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log "apt-get update"
apt-get update -q
if [ -n "$missing" ]; then
  log "installing:$missing"
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi
log "done"
