#!/usr/bin/env bash
# UDP push from a replaying edgeflowd to a receiver on loopback:
#   - every datagram fits the collector's MTU (576: at most 548 payload bytes)
#     and decodes on its own as an edgeflow.v1.Report (protoc --decode);
#   - pushes repeat every interval with growing seq and one boot_id;
#   - SIGTERM (here: --exit-after) sends a last report marked final, whose
#     parts together carry the generator's truth per upstream and direction;
#   - a second collector with nothing listening costs counted errors only:
#     the daemon neither blocks nor stops pushing to the first.
#
#   http_push.sh EDGEFLOWD GENERATOR WORKDIR PROTO_DIR
set -euo pipefail
edgeflowd=$1 gen=$2 work=$3/http-push proto_dir=$4
emu=${EDGEFLOW_EMULATOR:-}
rm -rf "$work" && mkdir -p "$work/rx"
cd "$work"
if [ ! -f "$proto_dir/edgeflow/v1/report.proto" ]; then echo "skip: no report.proto"; exit 0; fi

free_port() {  # PROTO
  python3 -c "import socket, sys; s=socket.socket(socket.AF_INET, socket.SOCK_$1); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}
http_port=$(free_port STREAM)
dead_port=$(free_port DGRAM)
mtu=576

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The receiver: every datagram into rx/NNNNN.bin, until 3 s of silence.
python3 - rx >rx.log 2>&1 <<'PY' &
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(sys.argv[1] + "/port", "w") as f:
    f.write(str(s.getsockname()[1]))
s.settimeout(30)
n = 0
while True:
    try:
        d = s.recv(65536)
    except socket.timeout:
        break
    with open(f"{sys.argv[1]}/{n:05d}.bin", "wb") as f:
        f.write(d)
    n += 1
    s.settimeout(3)
print(n, "datagrams")
PY
rx_pid=$!
pids+=("$rx_pid")
for _ in $(seq 50); do [ -s rx/port ] && break; sleep 0.1; done
rx_port=$(cat rx/port)

$emu "$gen" --seed 31 --packets 20000 --rate 5000 --out cap.pcap --truth truth.json --config gen.conf 2>/dev/null
{
  sed "/^config agent/a\\
\toption listen '127.0.0.1:$http_port'" gen.conf
  printf "\nconfig collector 'rx'\n\toption address '127.0.0.1:%s'\n\toption mtu '%s'\n\toption interval '1'\n" "$rx_port" "$mtu"
  printf "\nconfig collector 'nobody'\n\toption address '127.0.0.1:%s'\n\toption interval '1'\n" "$dead_port"
  # Idle upstreams, so that a report takes several datagrams.
  for i in $(seq 1 24); do
    printf "\nconfig upstream 'idle%02d'\n\toption name 'Idle upstream number %d'\n\tlist match 'vlan %d'\n" "$i" "$i" $((3000 + i))
  done
} >edgeflow.conf

# About 1 s of replay, then 3 s of serving, then the last report.
rc=0
timeout 60 $emu "$edgeflowd" --read cap.pcap --config edgeflow.conf --replay-speed 4 --exit-after 3 \
  2>daemon.log || rc=$?
wait "$rx_pid" || true
cat rx.log

py_rc=0
python3 - "$proto_dir" "$mtu" truth.json <<'PY' || py_rc=$?
import glob, json, re, subprocess, sys
proto_dir, mtu, truth = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3]))
fails = []

def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    out = subprocess.run(["protoc", "-I", proto_dir, "--decode", "edgeflow.v1.Report", "edgeflow/v1/report.proto"],
                         input=data, capture_output=True)
    if out.returncode != 0:
        fails.append(f"{path}: protoc: {out.stderr.decode()[:200]}")
        return None, len(data)
    return out.stdout.decode(), len(data)

def parse(text):
    """protoc's text format as nested dicts; repeated fields become lists."""
    root, stack = {}, []
    cur = root
    for line in text.splitlines():
        line = line.strip()
        if line.endswith("{"):
            child = {}
            cur.setdefault(line[:-1].strip(), []).append(child)
            stack.append(cur)
            cur = child
        elif line == "}":
            cur = stack.pop()
        elif line:
            k, v = line.split(":", 1)
            cur.setdefault(k.strip(), []).append(v.strip().strip('"'))
    return root

def one(d, k, default="0"):
    return d.get(k, [default])[0]

parts = []
for path in sorted(glob.glob("rx/*.bin")):
    text, size = decode(path)
    if size > mtu - 28:
        fails.append(f"{path}: {size} bytes, above {mtu - 28}")
    if text is not None:
        parts.append(parse(text))
if not parts:
    fails.append("no datagrams received")
else:
    boots = {one(p, "boot_id") for p in parts}
    seqs = sorted({int(one(p, "seq")) for p in parts})
    if len(boots) != 1:
        fails.append(f"boot ids {boots}")
    if len(seqs) < 3:
        fails.append(f"only reports {seqs}: want one a second for about 4 s")
    last = [p for p in parts if int(one(p, "seq")) == seqs[-1]]
    if not all(one(p, "final", "false") == "true" for p in last):
        fails.append("the last report is not marked final")
    count = int(one(last[0], "part_count", "1")) or 1
    health = [h for p in last for h in p.get("health", [])]
    sent = sum(int(one(h, "push_datagrams_sent")) for h in health)
    errors = sum(int(one(h, "push_errors")) for h in health)
    if sent == 0 or errors == 0:
        fails.append(f"last report's health: {sent} datagrams sent, {errors} errors (want both > 0: one collector is down)")
    if count < 2:
        fails.append("the last report fit one datagram: the split is not exercised")
    if sorted(int(one(p, "part_index")) for p in last) != list(range(count)):
        fails.append(f"last report: parts {[one(p, 'part_index') for p in last]} of {count}")
    got = {}
    for p in last:
        for u in p.get("upstreams", []):
            for d in ("in", "out"):
                for c in u.get(d, []):
                    got[(one(u, "id", ""), d)] = int(one(c, "ip_bytes"))
    for up, dirs in truth["buckets"]["upstreams"].items():
        for d in ("in", "out"):
            if got.get((up, d)) != dirs[d]["ip_bytes"]:
                fails.append(f"{up} {d}: pushed {got.get((up, d))} bytes, truth {dirs[d]['ip_bytes']}")
    print(f"info: {len(parts)} datagrams, reports {seqs[0]}..{seqs[-1]}, last in {count} parts, "
          f"largest {max(len(open(p, 'rb').read()) for p in glob.glob('rx/*.bin'))} bytes")
for f in fails:
    print("FAIL [push]:", f, file=sys.stderr)
sys.exit(1 if fails else 0)
PY

fails=0
[ "$py_rc" = 0 ] && echo "ok   [push-datagrams]" || fails=$((fails + 1))
if [ "$rc" = 0 ]; then echo "ok   [exit-after]"; else echo "FAIL [exit-after]: rc=$rc" >&2; fails=$((fails + 1)); fi
[ "$fails" = 0 ] || { cat daemon.log >&2; exit 1; }
echo "all push checks passed"
