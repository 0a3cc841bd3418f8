#!/usr/bin/env bash
# The README's first command: install what is missing, build, generate the
# demo capture (a border link with TransTeleCom on VLAN 101 and China Unicom
# on VLAN 102) and print edgeflowd's share table for it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build}
"$top/toolchains/setup-host.sh"
# demo-db: the demo's country/AS database, compiled by edgeflow-mkdb from
# docs/examples/demo-{country,asn}.csv.
BUILD_TARGETS="edgeflowd edgeflow-gen demo-db" "$top/toolchains/build.sh"
out=$build/demo
mkdir -p "$out"
"$build/tests/gen/edgeflow-gen" --seed 1 --packets 200000 --ipv6-share 0.2 \
  --out "$out/demo.pcap" --truth "$out/demo-truth.json" --config "$out/generated.conf" 2>/dev/null
# docs/examples/demo.conf plus the database.
sed "/^config agent/a\\\toption geo_db '$out/demo.mmdb'" "$top/docs/examples/demo.conf" >"$out/demo.conf"
echo
echo "\$ edgeflowd --read $out/demo.pcap --config $out/demo.conf"
echo "  (docs/examples/demo.conf with: option geo_db '$out/demo.mmdb')"
echo
"$build/platform/cmd/edgeflowd" --read "$out/demo.pcap" --config "$out/demo.conf"

# The generator knows what it wrote: compare every counter, and every row of
# the country, AS and application breakdowns, with that truth.
"$build/platform/cmd/edgeflowd" --read "$out/demo.pcap" --config "$out/demo.conf" --format json >"$out/report.json"
dims=$(jq -c '[.breakdowns.upstreams[] | .[] | keys[]] | unique' "$out/report.json")
pick='{buckets, breakdowns: (.breakdowns | (.upstreams[], .["unknown-upstream"]) |= map_values(with_entries(select(.key as $k | $dims | index($k)))))}'
if [ "$(jq -S --argjson dims "$dims" "$pick" "$out/report.json")" = \
     "$(jq -S --argjson dims "$dims" "$pick" "$out/demo-truth.json")" ]; then
  echo
  echo "Every counter above, and every breakdown row $dims, equals the generator's truth"
  echo "($out/demo-truth.json) exactly."
else
  echo "edgeflowd's counters differ from the generator's truth ($out/demo-truth.json)" >&2
  exit 1
fi
