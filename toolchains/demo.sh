#!/usr/bin/env bash
# The README's first command: install what is missing, build, generate the
# demo capture (a border link with TransTeleCom on VLAN 101 and China Unicom
# on VLAN 102) and print edgeflowd's share table for it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
"$top/toolchains/setup-host.sh"
BUILD_TARGETS="edgeflowd edgeflow-gen" "$top/toolchains/build.sh"
out=$build/demo
mkdir -p "$out"
"$build/tests/gen/edgeflow-gen" --seed 1 --packets 200000 --ipv6-share 0.2 \
  --out "$out/demo.pcap" --truth "$out/demo-truth.json" --config "$out/generated.conf" 2>/dev/null
echo
echo "\$ edgeflowd --read $out/demo.pcap --config docs/examples/demo.conf"
echo
"$build/platform/cmd/edgeflowd" --read "$out/demo.pcap" --config "$top/docs/examples/demo.conf"

# The generator knows what it wrote: compare every counter with that truth.
"$build/platform/cmd/edgeflowd" --read "$out/demo.pcap" --config "$top/docs/examples/demo.conf" --format json \
  >"$out/report.json"
if [ "$(jq -S .buckets "$out/report.json")" = "$(jq -S .buckets "$out/demo-truth.json")" ]; then
  echo
  echo "Every counter above equals the generator's truth ($out/demo-truth.json) exactly."
else
  echo "edgeflowd's counters differ from the generator's truth ($out/demo-truth.json)" >&2
  exit 1
fi
