#!/usr/bin/env bash
# A real Prometheus server scrapes a replaying edgeflowd, all on loopback:
# Debian's prometheus, started here with a generated config (scrape every
# second) and its storage in the work directory. After the replay ends and
# a later scrape happened, the test asks Prometheus' HTTP API for
#   sum by (upstream) (edgeflow_upstream_bytes_total)
# (must equal the generator's per-upstream IP bytes, exactly) and for the
# share expression documented in docs/collector.md (must equal the truth's
# share, about 60/40). Everything started here is killed on exit; the whole
# run is bounded (about 40 s).
#
#   prometheus_scrape.sh EDGEFLOWD GENERATOR WORKDIR
set -euo pipefail
edgeflowd=$1 gen=$2 work=$3/prometheus-scrape
docs=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../docs" && pwd)
emu=${EDGEFLOW_EMULATOR:-}
prometheus=${PROMETHEUS:-prometheus}
command -v "$prometheus" >/dev/null || { echo "skip: no prometheus (Debian package prometheus)"; exit 0; }
rm -rf "$work" && mkdir -p "$work/tsdb"
cd "$work"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
agent_port=$(free_port)
prom_port=$(free_port)
prom=http://127.0.0.1:$prom_port

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
deadline=$((SECONDS + 80))
fail() { echo "FAIL [$1]: $2" >&2; echo "--- edgeflowd:" >&2; cat daemon.log >&2; echo "--- prometheus (tail):" >&2; tail -n 20 prometheus.log >&2; exit 1; }

# 15 s of traffic with a 60/40 byte split between ttk and cu, replayed at
# 1.5x: about 10 s.
$emu "$gen" --seed 41 --packets 30000 --rate 2000 --shares 60,40 --out cap.pcap --truth truth.json \
  --config gen.conf 2>/dev/null
sed "/^config agent/a\\
\toption listen '127.0.0.1:$agent_port'\\
\toption dpi_timeout '2'" gen.conf >edgeflow.conf

cat >prometheus.yml <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: edgeflow
    static_configs:
      - targets: ['127.0.0.1:$agent_port']
YML
"$prometheus" --config.file=prometheus.yml --storage.tsdb.path=tsdb --web.listen-address=127.0.0.1:$prom_port \
  --storage.tsdb.retention.time=1h >prometheus.log 2>&1 &
pids+=($!)

$emu "$edgeflowd" --read cap.pcap --config edgeflow.conf --replay-speed 1.5 >/dev/null 2>daemon.log &
pids+=($!)

# Prometheus up, and the target healthy.
until curl -sf "$prom/-/ready" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || fail prometheus-ready "not ready"
  sleep 0.2
done
echo "ok   [prometheus-ready]"

# The replay ends...
until grep -q 'replay: end of file' daemon.log; do
  [ $SECONDS -lt $deadline ] || fail replay "did not end"
  sleep 0.2
done
echo "ok   [replay-ended]"
# ...and flows waiting for an application (DPI) have released their packets
# (docs/counting.md, "held": at most dpi_timeout of capture time after the
# end, 2 s here).
until [ "$(curl -sf "http://127.0.0.1:$agent_port/metrics" | awk '$1 == "edgeflow_held_packets" { print $2 }')" = 0 ]; do
  [ $SECONDS -lt $deadline ] || fail held "packets still held back"
  sleep 0.2
done
end_time=$(date +%s.%N)

query() {  # PROMQL -> the API's JSON
  curl -sf --get "$prom/api/v1/query" --data-urlencode "query=$1"
}
# ...and a scrape after it is in.
until query "timestamp(up{job=\"edgeflow\"}) > $end_time and up{job=\"edgeflow\"} == 1" |
    jq -e '.data.result | length == 1' >/dev/null; do
  [ $SECONDS -lt $deadline ] || fail scrape "no successful scrape after the end of the replay"
  sleep 0.3
done
echo "ok   [scraped-after-end]"

# Per-upstream byte totals (both directions) equal the truth.
query 'sum by (upstream) (edgeflow_upstream_bytes_total)' >bytes.json
jq -e --slurpfile t truth.json '
  [.data.result[] | {key: .metric.upstream, value: (.value[1] | tonumber)}] | from_entries as $got
  | $t[0].buckets.upstreams | to_entries
  | all(.value.in.ip_bytes + .value.out.ip_bytes == $got[.key])' bytes.json >/dev/null ||
  fail bytes "$(jq -c '[.data.result[] | {(.metric.upstream): .value[1]}]' bytes.json) vs truth $(jq -c '.buckets.upstreams | map_values(.in.ip_bytes + .out.ip_bytes)' truth.json)"
echo "ok   [upstream-bytes]: $(jq -c '[.data.result[] | {(.metric.upstream): .value[1]}] | add' bytes.json)"

# The share expression of docs/collector.md (both directions, all bytes
# since the agent started) against the truth's share.
share_expr=$(awk '/^<!-- share-expression -->/ { getline; getline; while ($0 != "```") { printf "%s ", $0; getline } exit }' \
  "$docs/collector.md")
[ -n "$share_expr" ] || fail share "no expression after <!-- share-expression --> in docs/collector.md"
echo "info [share-expression]: $share_expr"
query "$share_expr" >share.json
jq -e --slurpfile t truth.json '
  ($t[0].buckets.upstreams | map_values(.in.ip_bytes + .out.ip_bytes)) as $b
  | ([$b[]] | add) as $all
  | [.data.result[] | {key: .metric.upstream, value: (.value[1] | tonumber)}] | from_entries as $got
  | ($b | to_entries | all((($got[.key]) - (.value / $all)) | fabs < 1e-12))' share.json >/dev/null ||
  fail share "$(jq -c '[.data.result[] | {(.metric.upstream): .value[1]}]' share.json)"
echo "ok   [share]: $(jq -c '[.data.result[] | {(.metric.upstream): .value[1]}] | add' share.json)"
ttk=$(jq -r '.data.result[] | select(.metric.upstream == "ttk") | .value[1]' share.json)
awk -v s="$ttk" 'BEGIN { exit !(s > 0.55 && s < 0.65) }' || fail share-60-40 "ttk share $ttk is not about 0.6"
echo "ok   [share-60-40]"
echo "all Prometheus checks passed in $SECONDS s"
