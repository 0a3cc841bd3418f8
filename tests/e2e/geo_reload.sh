#!/usr/bin/env bash
# SIGHUP swaps the geo/ASN database of a running daemon without losing a
# count:
#   1. a replaying edgeflowd starts on a database compiled by edgeflow-mkdb;
#   2. mid-replay the file is replaced by a corrupt one and SIGHUP sent: the
#      reload is refused (logged) and the old database stays in use;
#   3. the good database is put back under a new inode and SIGHUP sent: it
#      is reloaded (logged);
#   4. the final report's buckets and country/AS breakdowns equal the
#      generator's truth exactly, and the geo counters carried across.
#
#   geo_reload.sh EDGEFLOWD GENERATOR EDGEFLOW_MKDB WORKDIR
set -euo pipefail
edgeflowd=$1 gen=$2 mkdb=$3 work=$4/geo-reload
emu=${EDGEFLOW_EMULATOR:-}
rm -rf "$work" && mkdir -p "$work"
cd "$work"
# Debian's libmaxminddb 1.7.1 leaks a few KiB when it refuses a file with
# corrupt metadata (fixed upstream): sanitizer builds suppress leaks inside
# that library only.
printf 'leak:libmaxminddb.so\n' >lsan.supp
export LSAN_OPTIONS="suppressions=$work/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fail() { echo "FAIL [geo-reload]: $*" >&2; exit 1; }

pid=""
cleanup() { [ -z "$pid" ] || kill -9 "$pid" 2>/dev/null || true; }
trap cleanup EXIT

# 8 s of traffic, replayed at 2x: about 4 s of daemon time.
$emu "$gen" --seed 13 --packets 32000 --rate 4000 --geo-csv country.csv --asn-csv asn.csv \
  --out cap.pcap --truth truth.json --config gen.conf 2>/dev/null || fail "generator failed"
$emu "$mkdb" --country country.csv --asn asn.csv -o good.mmdb >/dev/null || fail "edgeflow-mkdb failed"
cp good.mmdb geo.mmdb
head -c 1000 good.mmdb >corrupt.mmdb
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
sed -e "/^config agent/a\\
\toption geo_db '$work/geo.mmdb'\\
\toption dpi '0'\\
\toption listen '127.0.0.1:$port'" gen.conf >run.conf

$emu "$edgeflowd" --read cap.pcap --config run.conf --replay-speed 2 --exit-after 1 --format json \
  >final.json 2>log.txt &
pid=$!

# SIGHUP before the daemon handles signals would end it: wait until it serves.
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "edgeflowd exited early ($(cat log.txt))"
  sleep 0.1
done
sleep 0.5
mv corrupt.mmdb geo.mmdb.new && mv geo.mmdb.new geo.mmdb
kill -HUP "$pid"
sleep 1
cp good.mmdb geo.mmdb.new && mv geo.mmdb.new geo.mmdb
kill -HUP "$pid"

wait "$pid" || fail "edgeflowd exited $? ($(cat log.txt))"
pid=""

grep -q "reload: keeping the databases in use" log.txt || fail "the corrupt database was not refused: $(cat log.txt)"
grep -q "reloaded geo_db" log.txt || fail "the good database was not reloaded: $(cat log.txt)"
[ "$(grep -c "reload" log.txt)" -ge 3 ] || fail "expected a refused and a successful reload: $(cat log.txt)"

[ "$(jq -S .buckets final.json)" = "$(jq -S .buckets truth.json)" ] || fail "buckets differ from the truth"
pick='.breakdowns | (.upstreams[], .["unknown-upstream"]) |= map_values({country, asn})'
[ "$(jq -S "$pick" final.json)" = "$(jq -S "$pick" truth.json)" ] || fail "country/AS breakdowns differ from the truth"
lookups=$(jq .health.enrichment.geo.lookups final.json)
records=$(jq '[.buckets.upstreams[][], .buckets["unknown-upstream"][]] | map(.flows) | add' final.json)
# One lookup per flow record with a remote end; a record counted in both
# directions is one lookup, so lookups <= flows and > half of them.
[ "$lookups" -le "$records" ] && [ $((lookups * 2)) -gt "$records" ] \
  || fail "geo lookups $lookups do not match $records flow records: counters lost across the reload?"
echo "PASS [geo-reload]: corrupt database refused, good one reloaded, $lookups lookups, counts equal the truth"
