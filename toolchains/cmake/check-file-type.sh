#!/bin/sh
# check-file-type.sh EXPECTED LINKAGE FILE...
# Each FILE's `file -b` description must contain EXPECTED (architecture,
# word size, endianness, e.g. "ELF 32-bit MSB executable, MIPS, MIPS32 rel2")
# and LINKAGE ("statically linked"). A dynamically linked build is
# position-independent by default, which `file` reports as "pie executable".
set -eu
[ $# -ge 3 ] || { echo "usage: $0 EXPECTED LINKAGE FILE..." >&2; exit 2; }
want=$1 linkage=$2
shift 2
command -v file >/dev/null || { echo "check-file-type: the 'file' program is missing (toolchains/setup-host.sh --cross installs it)" >&2; exit 1; }
want_pie=$(printf '%s' "$want" | sed 's/ executable,/ pie executable,/')
bad=0
for f in "$@"; do
  desc=$(file -b "$f")
  case "$desc" in
    *"$want"*|*"$want_pie"*) arch=ok ;;
    *) arch=bad ;;
  esac
  case "$desc" in *"$linkage"*) link=ok ;; *) link=bad ;; esac
  if [ "$arch" = ok ] && [ "$link" = ok ]; then
    echo "ok   $(basename "$f"): $desc"
  else
    echo "FAIL $(basename "$f"): $desc" >&2
    [ "$arch" = ok ] || echo "     expected: $want" >&2
    [ "$link" = ok ] || echo "     expected: $linkage" >&2
    bad=$((bad + 1))
  fi
done
[ "$bad" = 0 ] || { echo "check-file-type: $bad of $# binaries are not what the toolchain file expects" >&2; exit 1; }
echo "check-file-type: $# binaries match '$want', $linkage"
