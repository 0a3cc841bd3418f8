#!/usr/bin/env bash
# Endian parity: the end-to-end cases of two builds (normally the x86-64 host
# build and a cross build run under qemu) must produce the same bytes.
#
#   toolchains/compare-targets.sh HOST_BUILD TARGET_BUILD
#   e.g. toolchains/compare-targets.sh build build-mips-linux-gnu
#
# Run it after ctest has run the e2e tests in both build trees. Every case
# leaves tests/e2e/work/<case>/ behind; for each case this compares, by
# SHA-256, what the generator wrote (capture.pcap or capture.pcapng,
# truth.json, edgeflow.conf) and what edgeflowd reported (reports.jsonl, the
# JSON reports byte for byte). One line per case; exit 1 on any difference,
# on a case the target ran and the host did not, or when there is nothing to
# compare. A case only the host ran is skipped: a target build without an
# optional part (nDPI on MIPS, docs/cross-building.md) registers fewer cases.
set -euo pipefail

die() { echo "compare-targets: $*" >&2; exit 2; }
[ $# = 2 ] || die "usage: $0 HOST_BUILD TARGET_BUILD"
host=$1 target=$2
hw=$host/tests/e2e/work tw=$target/tests/e2e/work
for w in "$hw" "$tw"; do
  [ -d "$w" ] || die "no $w: run the e2e tests there first (ctest -R '^e2e\\.')"
done

describe() {  # what the build's edgeflowd is, from `file`
  local exe=$1/platform/cmd/edgeflowd
  if [ -f "$exe" ]; then file -b "$exe" | cut -d, -f1-3; else echo "no edgeflowd"; fi
}
echo "host:   $host ($(describe "$host"))"
echo "target: $target ($(describe "$target"))"

FILES="capture.pcap capture.pcapng truth.json edgeflow.conf reports.jsonl"
sha() { sha256sum "$1" | cut -c1-64; }

# A case is a directory with a report in it (tests/e2e/run_case.sh); other
# directories under work/ (the CLI checks) hold no report to compare.
cases=$(find "$hw" "$tw" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -u)
n_ok=0 n_bad=0
for c in $cases; do
  if [ ! -f "$hw/$c/reports.jsonl" ] && [ ! -f "$tw/$c/reports.jsonl" ]; then
    printf 'skip %-20s no reports.jsonl (not a generated-capture case)\n' "$c"
    continue
  fi
  if [ ! -d "$tw/$c" ]; then
    printf 'skip %-20s not run by the target build\n' "$c"
    continue
  fi
  problems=() compared=()
  for f in $FILES; do
    h=$hw/$c/$f t=$tw/$c/$f
    if [ ! -e "$h" ] && [ ! -e "$t" ]; then continue; fi
    if [ ! -e "$h" ]; then problems+=("$f only in target"); continue; fi
    if [ ! -e "$t" ]; then problems+=("$f only in host"); continue; fi
    hs=$(sha "$h") ts=$(sha "$t")
    if [ "$hs" = "$ts" ]; then
      compared+=("$f ${hs:0:12}")
    else
      where=$(cmp "$h" "$t" 2>&1 | head -n 1 | sed "s|^.* differ: ||; s|^cmp: ||" || true)
      problems+=("$f differs: host ${hs:0:12} target ${ts:0:12} ($where)")
    fi
  done
  for need in truth.json reports.jsonl; do
    [ -e "$hw/$c/$need" ] || [ -e "$tw/$c/$need" ] || problems+=("no $need")
  done
  if [ ${#problems[@]} = 0 ]; then
    n_ok=$((n_ok + 1))
    list=$(printf '%s, ' "${compared[@]}")
    printf 'ok   %-20s %s\n' "$c" "${list%, }"
  else
    n_bad=$((n_bad + 1))
    printf 'FAIL %-20s %s\n' "$c" "${problems[0]}"
    for p in "${problems[@]:1}"; do printf '     %-20s %s\n' "" "$p"; done
  fi
done

total=$((n_ok + n_bad))
[ "$total" -gt 0 ] || die "no e2e cases with reports under $hw or $tw"
if [ "$n_bad" = 0 ]; then
  echo "compare-targets: $n_ok of $total cases byte-identical between $host and $target"
else
  echo "compare-targets: $n_bad of $total cases differ between $host and $target" >&2
  exit 1
fi
