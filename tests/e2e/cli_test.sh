#!/usr/bin/env bash
# edgeflowd's command line and its failures: every bad input gets a clear
# message and a non-zero exit, never a crash or a hang.
#
#   cli_test.sh EDGEFLOWD GENERATOR WORKDIR
set -euo pipefail
edgeflowd=$1 gen=$2 work=$3/cli
emu=${EDGEFLOW_EMULATOR:-}
rm -rf "$work" && mkdir -p "$work"
cd "$work"
fails=0
check() {  # check NAME EXPECTED_RC GREP_PATTERN -- ARGS...
  local name=$1 want=$2 pattern=$3
  shift 4
  local rc=0
  timeout 60 $emu "$edgeflowd" "$@" >out.txt 2>err.txt || rc=$?
  if [ "$rc" != "$want" ] || ! grep -qE -- "$pattern" out.txt err.txt; then
    echo "FAIL [$name]: rc=$rc (want $want), output:" >&2
    cat out.txt err.txt >&2
    fails=$((fails + 1))
  else
    echo "ok   [$name]"
  fi
}

$emu "$gen" --seed 11 --packets 2000 --out cap.pcap --truth truth.json --config gen.conf 2>/dev/null

check help 0 "usage: edgeflowd" -- --help
if $emu "$edgeflowd" --help | grep -q -- --replay-speed; then
  # A daemon build: without --read it captures live, on the config's pcap
  # sources; the generated config has none.
  check no-read-no-source 1 "nothing to capture" -- --config gen.conf
  check bad-replay-speed 2 "--replay-speed needs a factor above 0" -- --read cap.pcap --config gen.conf --replay-speed 0
  check replay-speed-nan 2 "--replay-speed needs a factor" -- --read cap.pcap --config gen.conf --replay-speed nan
  check replay-without-read 2 "--replay-speed needs --read FILE" -- --config gen.conf --replay-speed 2
  check exit-after-alone 2 "--exit-after needs --replay-speed" -- --read cap.pcap --config gen.conf --exit-after 1
  check bad-snaplen 2 "--snaplen needs a number of bytes" -- --config gen.conf --snaplen 10
  # The listen port taken by another socket: a clear error, exit 1.
  busy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  sed "/^config agent/a\\
\toption listen '127.0.0.1:$busy_port'" gen.conf >busy.conf
  python3 -c 'import socket, sys, time; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(20)' "$busy_port" &
  holder=$!
  for _ in $(seq 50); do
    python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$busy_port" \
      2>/dev/null && break
    sleep 0.1
  done
  check listen-busy 1 "cannot listen on 127.0.0.1 port $busy_port" -- --read cap.pcap --config busy.conf --replay-speed 100 \
    --exit-after 0
  kill "$holder" 2>/dev/null || true
else
  check no-read 2 "give --read FILE" -- --config gen.conf
fi
check unknown-arg 2 "unknown argument '--frobnicate'" -- --frobnicate
check bad-format 2 "--format must be 'text', 'json', 'prometheus' or 'protobuf'" -- --read cap.pcap --config gen.conf --format xml
check bad-interval 2 "--interval needs a number" -- --read cap.pcap --config gen.conf --interval 0
check missing-config 1 "cannot read config nope.conf" -- --read cap.pcap --config nope.conf
printf "config agent 'main'\n\toption max_flows 'lots'\n" >bad.conf
check bad-config 1 "bad.conf:2: option max_flows 'lots'" -- --read cap.pcap --config bad.conf
check missing-capture 1 "nope.pcap" -- --read nope.pcap --config gen.conf
head -c 1000 /dev/urandom >garbage.pcap
check garbage-capture 1 "garbage.pcap" -- --read garbage.pcap --config gen.conf
# A capture cut in the middle of a record: the counters so far are reported,
# then the error, exit 1.
head -c 50000 cap.pcap >cut.pcap
check truncated-capture 1 "truncated" -- --read cut.pcap --config gen.conf --format json
grep -q '"final":true' out.txt || { echo "FAIL [truncated-capture]: no final report" >&2; fails=$((fails + 1)); }
# A link type the decoder does not know (LINKTYPE_USB_LINUX, 189).
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\xbd\x00\x00\x00' >usb.pcap
check unsupported-link 1 "link type 189 .* is not supported" -- --read usb.pcap --config gen.conf

# The Prometheus exposition passes promtool's checks, and its byte counters
# equal the JSON report's.
if timeout 60 $emu "$edgeflowd" --read cap.pcap --config gen.conf --format prometheus >metrics.txt 2>err.txt &&
   promtool check metrics <metrics.txt >promtool.txt 2>&1; then
  want_bytes=$(jq '.buckets.upstreams.ttk.in.ip_bytes' truth.json)
  if grep -qx "edgeflow_upstream_bytes_total{upstream=\"ttk\",direction=\"in\"} $want_bytes" metrics.txt; then
    echo "ok   [prometheus-format]"
  else
    echo "FAIL [prometheus-format]: no ttk/in byte counter of $want_bytes" >&2; fails=$((fails + 1))
  fi
else
  echo "FAIL [prometheus-format]: $(cat err.txt promtool.txt)" >&2; fails=$((fails + 1))
fi

# `interface` rules: the capture's interface comes from --interface, or from
# the config's only pcap source. Every frame with a local end then lands in
# the upstream that names it.
cat >iface.conf <<'CONF'
config agent 'main'
	list local '175.45.176.0/22'
	list local '2001:db8:4500::/48'
config source 'wan'
	option interface 'eth7'
config upstream 'wan7'
	list match 'interface eth7'
CONF
want=$(jq '[.buckets.upstreams[][] | .packets] | add' truth.json)
for how in config flag; do
  args=(--read cap.pcap --config iface.conf --format json)
  [ "$how" = flag ] && args+=(--interface eth7) && sed -i "/config source/,/option interface/d" iface.conf
  got=$(timeout 60 $emu "$edgeflowd" "${args[@]}" | jq '[.buckets.upstreams.wan7[] | .packets] | add')
  if [ "$got" = "$want" ]; then echo "ok   [interface-rule-$how]"; else
    echo "FAIL [interface-rule-$how]: $got packets on wan7, want $want" >&2; fails=$((fails + 1)); fi
done

[ "$fails" = 0 ] || { echo "$fails CLI checks failed" >&2; exit 1; }
echo "all CLI checks passed"
