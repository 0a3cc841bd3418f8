#!/usr/bin/env bash
# Live capture: edgeflowd captures on one end of a veth pair inside a
# network namespace of its own while the generator's frames are sent into
# the other end with a raw socket; its /metrics (the namespace's own
# loopback) must then count exactly the generator's truth per upstream, and
# with `option sample N`, 1 frame in N is counted. Needs root (network
# namespaces, raw sockets); without it the test says so and passes.
#
#   http_live.sh EDGEFLOWD GENERATOR WORKDIR
set -euo pipefail
edgeflowd=$1 gen=$2 work=$3/http-live
if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then echo "skip: needs root and ip(8)"; exit 0; fi
if [ -n "${EDGEFLOW_EMULATOR:-}" ]; then echo "skip: not under an emulator"; exit 0; fi
rm -rf "$work" && mkdir -p "$work"
cd "$work"
ns=edgeflow-live-$$
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
}
trap cleanup EXIT
if ! ip netns add "$ns" 2>netns.err; then echo "skip: cannot create a network namespace: $(cat netns.err)"; exit 0; fi
in_ns() { ip netns exec "$ns" "$@"; }
# No IPv6 on the pair: the kernel's own router solicitations would be
# frames the generator did not send.
in_ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
in_ns ip link add ef0 type veth peer name ef1
in_ns ip link set ef0 mtu 9000 up
in_ns ip link set ef1 mtu 9000 up
in_ns ip link set lo up

"$gen" --seed 51 --packets 3000 --rate 2000 --out cap.pcap --truth truth.json --config gen.conf 2>/dev/null
fails=0
for sample in 1 4; do
  {
    sed "/^config agent/a\\
\toption listen '127.0.0.1:9465'\\
\toption dpi_timeout '1'" gen.conf
    printf "\nconfig source 'wan'\n\toption interface 'ef1'\n\toption sample '%s'\n" "$sample"
  } >live-$sample.conf
  # Not through in_ns: a backgrounded function would be a subshell, and $! its pid.
  ip netns exec "$ns" "$edgeflowd" --config "live-$sample.conf" --format json >last-$sample.json 2>daemon-$sample.log &
  pid=$!
  for _ in $(seq 100); do in_ns curl -sf http://127.0.0.1:9465/healthz >/dev/null 2>&1 && break; sleep 0.1; done

  # Send every frame of the capture into ef0, paced so the ring never fills.
  in_ns python3 - cap.pcap <<'PY'
import socket, struct, sys, time
data = open(sys.argv[1], "rb").read()
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("ef0", 0))
at, n = 24, 0
while at + 16 <= len(data):
    caplen = struct.unpack_from("<I", data, at + 8)[0]
    s.send(data[at + 16:at + 16 + caplen])
    at += 16 + caplen
    n += 1
    if n % 50 == 0:
        time.sleep(0.002)
print(n, "frames sent", file=sys.stderr)
PY
  # The ring hands over a block within 100 ms; flows waiting for an
  # application (DPI) release their packets after dpi_timeout (1 s here).
  for _ in $(seq 100); do
    sleep 0.1
    held=$(in_ns curl -sf http://127.0.0.1:9465/metrics | awk '$1 == "edgeflow_held_packets" { print $2 }')
    [ "${held:-0}" = 0 ] && break
  done
  in_ns curl -sf http://127.0.0.1:9465/metrics >metrics-$sample.txt
  in_ns curl -sf http://127.0.0.1:9465/healthz >healthz-$sample.txt
  kill -TERM "$pid"
  rc=0
  wait "$pid" || rc=$?
  pid=

  bad=0
  for up in ttk cu; do
    for dir in in out; do
      truth_packets=$(jq ".buckets.upstreams.$up.$dir.packets" truth.json)
      got=$(awk -v m="edgeflow_upstream_packets_total{upstream=\"$up\",direction=\"$dir\"}" '$1 == m { print $2 }' metrics-$sample.txt)
      if [ "$sample" = 1 ]; then
        want=$truth_packets
        [ "$got" = "$want" ] || { echo "FAIL [live-sample-$sample]: $up $dir packets $got, want $want" >&2; bad=1; }
        want=$(jq ".buckets.upstreams.$up.$dir.ip_bytes" truth.json)
        got=$(awk -v m="edgeflow_upstream_bytes_total{upstream=\"$up\",direction=\"$dir\"}" '$1 == m { print $2 }' metrics-$sample.txt)
        [ "$got" = "$want" ] || { echo "FAIL [live-sample-$sample]: $up $dir bytes $got, want $want" >&2; bad=1; }
      fi
    done
  done
  if [ "$sample" != 1 ]; then
    # Every 4th frame of the link is kept (the kernel's chatter included).
    input=$(awk '$1 == "edgeflow_input_packets_total" { print $2 }' metrics-$sample.txt)
    total=$(jq '.file.packets' truth.json)
    awk -v i="$input" -v t="$total" -v n="$sample" 'BEGIN { exit !(i >= int(t / n) && i <= int(t / n) + 5) }' ||
      { echo "FAIL [live-sample-$sample]: $input frames kept of $total at 1 in $sample" >&2; bad=1; }
  fi
  dropped=$(awk '$1 == "edgeflow_capture_dropped_total" { print $2 }' metrics-$sample.txt)
  [ "$rc" = 0 ] || { echo "FAIL [live-sample-$sample]: exit $rc" >&2; bad=1; }
  jq -e '.final == true' last-$sample.json >/dev/null || { echo "FAIL [live-sample-$sample]: no last report" >&2; bad=1; }
  if [ "$bad" = 0 ]; then echo "ok   [live-sample-$sample] (capture drops: ${dropped:-not exported})"; else
    fails=$((fails + 1)); cat daemon-$sample.log >&2; fi
done
[ "$fails" = 0 ] || exit 1
echo "all live capture checks passed"
