#!/usr/bin/env bash
# The README's first command: install what is missing, build, generate the
# demo capture (a border link with TransTeleCom on VLAN 101 and China Unicom
# on VLAN 102) and print edgeflowd's share table for it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/toolchains/setup-host.sh"
"$top/toolchains/build.sh"
build=${BUILD_DIR:-$top/build}
out=$build/demo
mkdir -p "$out"
"$build/tests/gen/edgeflow-gen" --seed 1 --packets 200000 --ipv6-share 0.2 \
  --out "$out/demo.pcap" --truth "$out/demo-truth.json" --config "$out/generated.conf" >/dev/null
echo "== edgeflowd --read $out/demo.pcap --config docs/examples/demo.conf"
echo
"$build/platform/cmd/edgeflowd" --read "$out/demo.pcap" --config "$top/docs/examples/demo.conf"
