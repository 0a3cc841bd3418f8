#!/usr/bin/env bash
# The pull endpoint of a replaying edgeflowd, over loopback only:
#   - /metrics passes promtool and its counters equal the generator's truth
#     once the replay has ended; /v1/report decodes with protoc and carries
#     the same counters; /healthz; HEAD; 404; 405 with Allow;
#   - bad clients are answered or dropped without harm: a client address
#     outside `allow` (403), garbage bytes, a 64 KiB header (431), an
#     over-long URI (414), a large body (413), a slowloris client (cut at
#     http_timeout), more connections than http_max_clients (the extra one
#     waits in the listen backlog until the idle ones are cut), more than
#     half the slots from one address (closed at once); the daemon keeps
#     serving, with the same counters, afterwards;
#   - SIGTERM: the last report (--format json) equals the truth, exit 0.
#
#   http_endpoint.sh EDGEFLOWD GENERATOR WORKDIR PROTO_DIR
set -euo pipefail
edgeflowd=$1 gen=$2 work=$3/http-endpoint proto_dir=${4:-}
emu=${EDGEFLOW_EMULATOR:-}
rm -rf "$work" && mkdir -p "$work"
cd "$work"
fails=0
ok() { echo "ok   [$1]"; }
fail() { echo "FAIL [$1]: $2" >&2; fails=$((fails + 1)); }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
base=http://127.0.0.1:$port
timeout_s=3
max_clients=4

$emu "$gen" --seed 21 --packets 20000 --rate 5000 --out cap.pcap --truth truth.json --config gen.conf 2>/dev/null
# The endpoint's options go into the generated agent section.
sed "/^config agent/a\\
\toption listen '127.0.0.1:$port'\\
\toption http_max_clients '$max_clients'\\
\toption http_timeout '$timeout_s'\\
\tlist allow '127.0.0.1/32'" gen.conf >edgeflow.conf

daemon_pid=
cleanup() { [ -n "$daemon_pid" ] && kill -9 "$daemon_pid" 2>/dev/null || true; }
trap cleanup EXIT
# 4 s of capture at 4x: about one second of replay.
$emu "$edgeflowd" --read cap.pcap --config edgeflow.conf --replay-speed 4 --format json >last.json 2>daemon.log &
daemon_pid=$!

for _ in $(seq 100); do
  curl -sf "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
for _ in $(seq 200); do
  grep -q '^source ended' <(curl -sf "$base/healthz") && break
  sleep 0.1
done
# Flows still waiting for an application (DPI) hold their packets back until
# decided or dpi_timeout (docs/counting.md, "held"); the replay's clock runs
# on after the end of the file, so they are released within seconds.
for _ in $(seq 300); do
  held=$(curl -sf "$base/metrics" | awk '$1 == "edgeflow_held_packets" { print $2 }')
  [ "${held:-0}" = 0 ] && break
  sleep 0.1
done
curl -sf "$base/healthz" >healthz.txt || true
if head -n1 healthz.txt | grep -qx ok && grep -qx 'source ended' healthz.txt && grep -qx 'packets 20000' healthz.txt; then
  ok healthz
else
  fail healthz "$(cat healthz.txt daemon.log)"
fi

# /metrics: the exposition, checked, with the truth's counters.
check_metrics() {  # NAME
  local name=$1 headers=metrics-$1.headers body=metrics-$1.txt
  curl -sf -D "$headers" "$base/metrics" -o "$body" || { fail "$name" "GET /metrics failed"; return; }
  grep -qi '^content-type: text/plain; version=0.0.4; charset=utf-8' "$headers" || fail "$name" "content type: $(grep -i content-type "$headers")"
  promtool check metrics <"$body" >promtool.txt 2>&1 || fail "$name" "promtool: $(cat promtool.txt)"
  local bad=0 up dir want got
  for up in $(jq -r '.buckets.upstreams | keys[]' truth.json); do
    for dir in in out; do
      for what in bytes:ip_bytes packets:packets; do
        want=$(jq ".buckets.upstreams[\"$up\"].$dir.${what#*:}" truth.json)
        got=$(awk -v m="edgeflow_upstream_${what%%:*}_total{upstream=\"$up\",direction=\"$dir\"}" '$1 == m { print $2 }' "$body")
        [ "$got" = "$want" ] || { fail "$name" "$up $dir ${what%%:*}: got '$got', want $want"; bad=1; }
      done
    done
  done
  want=$(jq '.file.packets' truth.json)
  got=$(awk '$1 == "edgeflow_input_packets_total" { print $2 }' "$body")
  [ "$got" = "$want" ] || { fail "$name" "input packets $got, want $want"; bad=1; }
  [ "$bad" = 1 ] || ok "$name"
}
check_metrics metrics

# HEAD: headers only.
code=$(curl -s -I -o head.txt -w '%{http_code}' "$base/metrics")
if [ "$code" = 200 ] && grep -qi '^content-type: text/plain; version=0.0.4' head.txt; then ok head; else fail head "$code"; fi

# /v1/report: protobuf that protoc decodes, with the same counters.
code=$(curl -s -D report.headers -o report.bin -w '%{http_code}' "$base/v1/report")
if [ "$code" = 501 ]; then
  echo "skip [report]: this build has no protobuf"
elif [ "$code" != 200 ]; then
  fail report "status $code"
elif ! grep -qi '^content-type: application/x-protobuf' report.headers; then
  fail report "content type $(grep -i content-type report.headers)"
elif [ -z "$proto_dir" ] || [ ! -f "$proto_dir/edgeflow/v1/report.proto" ]; then
  echo "skip [report-decode]: no report.proto"
else
  if protoc -I "$proto_dir" --decode edgeflow.v1.Report edgeflow/v1/report.proto <report.bin >report.txt 2>protoc.err; then
    want_id=$(sed -n "s/^[[:space:]]*option id '\(.*\)'/\1/p" edgeflow.conf | head -n1)
    if grep -q "agent_id: \"$want_id\"" report.txt && grep -q "boot_id:" report.txt; then
      ok report
    else
      fail report "decoded report lacks agent_id $want_id: $(head -c 400 report.txt)"
    fi
  else
    fail report "protoc: $(cat protoc.err)"
  fi
fi

# Unknown paths, other methods.
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/nope")
[ "$code" = 404 ] && ok not-found || fail not-found "status $code"
code=$(curl -s -D post.headers -o /dev/null -w '%{http_code}' -X POST --data x "$base/metrics")
if [ "$code" = 405 ] && grep -qi '^allow: GET, HEAD' post.headers; then ok post-405; else fail post-405 "status $code"; fi

# A client address outside `allow` (127.0.0.2 is loopback too, on Linux).
code=$(curl -s --interface 127.0.0.2 -o /dev/null -w '%{http_code}' "$base/metrics" || true)
[ "$code" = 403 ] && ok disallowed-403 || fail disallowed-403 "status $code"

# Raw clients. Each line: NAME RESULT SECONDS.
python3 - "$port" "$timeout_s" "$max_clients" >raw.txt 2>&1 <<'PY' || true
import socket, sys, time
port, timeout_s, max_clients = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def connect(src="127.0.0.1"):
    s = socket.socket()
    s.bind((src, 0))
    s.settimeout(timeout_s + 5)
    s.connect(("127.0.0.1", port))
    return s

def exchange(data, src="127.0.0.1"):
    """Sends data, reads until the server closes; returns (status, seconds)."""
    t = time.time()
    s = connect(src)
    try:
        s.sendall(data)
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except ConnectionResetError:
        pass
    except socket.timeout:
        out = b"TIMEOUT"
    s.close()
    status = out.split(b" ")[1].decode() if out.startswith(b"HTTP/1.1 ") else ("closed" if not out else out[:20].decode("latin1"))
    return status, round(time.time() - t, 1)

def line(name, result):
    print(name, *result)
    sys.stdout.flush()

line("garbage", exchange(b"\x00\xff\xfe\x16\x03\x01 garbage\r\n\r\n"))
line("big-header", exchange(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n"))
line("long-uri", exchange(b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
line("big-body", exchange(b"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n" + b"z" * 8000))
line("http09", exchange(b"GET /metrics\r\n"))

# Slowloris: one header byte a second; the server must cut it.
t = time.time()
s = connect()
s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ")
result = "not-cut"
for _ in range(timeout_s + 8):
    try:
        s.sendall(b"a")
        s.settimeout(1)
        if s.recv(100) == b"":
            result = "cut"
            break
    except socket.timeout:
        continue
    except OSError:
        result = "cut"
        break
s.close()
line("slowloris", (result, round(time.time() - t, 1)))

# Too many connections: idle clients from two other loopback addresses fill
# every slot (at most half per address). One more waits in the listen
# backlog, unanswered, until the idle ones are cut at the timeout; then it
# is answered.
held = []
for src in ("127.0.0.3", "127.0.0.4"):
    for _ in range((max_clients + 1) // 2):
        held.append(connect(src))
time.sleep(0.3)
t = time.time()
extra = connect("127.0.0.5")
try:
    extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    got = extra.recv(100)
    result = "closed" if got == b"" else got.split(b" ")[1].decode()
except OSError:
    result = "closed"
line("over-limit-waits", (result, round(time.time() - t, 1)))
cut = 0
for s in held:
    s.settimeout(1)
    try:
        if s.recv(100) == b"":
            cut += 1
    except OSError:
        cut += 1
line("idle-holders-cut", (f"{cut}/{len(held)}", 0))
extra.close()

# One address over its share of the slots: closed at once, unanswered.
mine = [connect("127.0.0.6") for _ in range((max_clients + 1) // 2)]
time.sleep(0.3)
t = time.time()
one_more = connect("127.0.0.6")
one_more.settimeout(2)
try:
    one_more.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    got = one_more.recv(100)
    result = "closed" if got == b"" else got.split(b" ")[1].decode()
except (ConnectionResetError, BrokenPipeError):
    result = "closed"
except socket.timeout:
    result = "hung"
line("per-address-limit", (result, round(time.time() - t, 1)))
for s in mine + [one_more]:
    s.close()
PY
cat raw.txt
expect_raw() {  # NAME PATTERN [MAX_SECONDS]
  local got
  got=$(awk -v n="$1" '$1 == n { print $2 " " $3 }' raw.txt)
  if ! echo "$got" | grep -qE "^($2) "; then fail "$1" "got '$got', want $2"; return; fi
  if [ -n "${3:-}" ] && ! awk -v s="${got#* }" -v m="$3" 'BEGIN { exit !(s <= m) }'; then
    fail "$1" "took ${got#* } s, want at most $3"; return
  fi
  ok "$1"
}
expect_raw garbage '400|closed' $((timeout_s + 2))
expect_raw big-header '431'
expect_raw long-uri '414'
expect_raw big-body '413'
expect_raw http09 '400|505|closed'
expect_raw slowloris 'cut' $((timeout_s + 2))
# (403: it is served then, and 127.0.0.5 is outside `allow`.)
expect_raw over-limit-waits '403' $((timeout_s + 2))
expect_raw idle-holders-cut "$max_clients/$max_clients"
expect_raw per-address-limit 'closed' 1

# Still serving, with the same counters.
check_metrics metrics-after-abuse
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$daemon_pid/status" 2>/dev/null || echo "?")
echo "info [rss]: edgeflowd VmRSS ${rss_kb} kB"

# SIGTERM: the last report, exit 0.
kill -TERM "$daemon_pid"
rc=0
wait "$daemon_pid" || rc=$?
daemon_pid=
if [ "$rc" = 0 ] && jq -e --slurpfile t truth.json '.final == true and .buckets.upstreams == $t[0].buckets.upstreams' last.json >/dev/null; then
  ok sigterm-last-report
else
  fail sigterm-last-report "rc=$rc, $(head -c 300 last.json) $(tail -n 5 daemon.log)"
fi

[ "$fails" = 0 ] || { echo "$fails HTTP checks failed; daemon log:" >&2; cat daemon.log >&2; exit 1; }
echo "all HTTP endpoint checks passed"
