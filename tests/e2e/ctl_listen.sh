#!/usr/bin/env bash
# Three agents push to one `edgeflowctl listen`: the merged table's totals
# equal the sum of the three generators' truths, exactly.
#
#   ctl_listen.sh EDGEFLOWCTL EDGEFLOWD GENERATOR WORKDIR [EDGEFLOW_MKDB]
#
# With EDGEFLOW_MKDB the agents get a country + ASN database built from the
# generator's CSVs, and the merged breakdowns are compared too.
# Each agent is edgeflowd replaying its own capture (a different seed) as
# the daemon, with a `config collector` pushing every second over a 576-byte
# MTU (many datagrams per report) and its final report on exit. The
# listener exits after three final reports and prints the merged report as
# JSON. Also checks `edgeflowctl shares` against one agent's /v1/report.
set -euo pipefail

ctl=$1 edgeflowd=$2 gen=$3 work=$4 mkdb=${5:-}
emu=${EDGEFLOW_EMULATOR:-}
dir="$work/ctl-listen"
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL [ctl-listen]: $*" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Loopback ports: one for the collector, one HTTP endpoint per agent.
base=$((20000 + ($$ % 2000) * 10))
port=$base

for i in 1 2 3; do
  $emu "$gen" --seed $((40 + i)) --packets 15000 --rate 5000 --ipv6-share 0.3 --other-buckets --non-ip-share 0.01 \
    --malformed-share 0.01 --out "$dir/a$i.pcap" --truth "$dir/truth$i.json" --config "$dir/a$i.conf" \
    --geo-csv "$dir/geo$i.csv" --asn-csv "$dir/asn$i.csv" || fail "generator $i failed"
  if [ -n "$mkdb" ]; then
    $emu "$mkdb" --country "$dir/geo$i.csv" --asn "$dir/asn$i.csv" -o "$dir/geo$i.mmdb" || fail "mkdb $i failed"
    sed -i "/^config agent/a\\\toption geo_db '$dir/geo$i.mmdb'" "$dir/a$i.conf"
  fi
  # Own agent id and HTTP port; push to the listener.
  sed -i "s/^\toption id '.*'\$/\toption id 'agent-$i'\n\toption listen '127.0.0.1:$((base + i))'/" "$dir/a$i.conf"
  printf "\nconfig collector 'ctl'\n\toption address '127.0.0.1:%s'\n\toption interval '1'\n\toption mtu '576'\n" \
    "$port" >>"$dir/a$i.conf"
done
grep -q "option id 'agent-1'" "$dir/a1.conf" || fail "could not set the agent id in a1.conf"

$emu "$ctl" listen "127.0.0.1:$port" --format json --exit-after-final 3 --timeout 120 \
  >"$dir/merged.json" 2>"$dir/listen.err" &
listen_pid=$!
pids+=("$listen_pid")
sleep 0.5
kill -0 "$listen_pid" 2>/dev/null || fail "edgeflowctl listen did not start: $(cat "$dir/listen.err")"

# Replay each three-second capture at its own pace (a push every second),
# then keep serving two more seconds.
agent_pids=()
for i in 1 2 3; do
  $emu "$edgeflowd" --read "$dir/a$i.pcap" --config "$dir/a$i.conf" --replay-speed 1 --exit-after 2 \
    >"$dir/agent$i.out" 2>"$dir/agent$i.err" &
  agent_pids+=($!)
  pids+=($!)
done

# While agent 1 is up: `edgeflowctl shares` reads its /v1/report.
want_pkts=$(jq .file.packets "$dir/truth1.json")
ok=""
for _ in $(seq 1 50); do
  if $emu "$ctl" shares "http://127.0.0.1:$((base + 1))" --format json --timeout 2 >"$dir/shares.json" 2>"$dir/shares.err" \
     && [ "$(jq .input.packets "$dir/shares.json")" = "$want_pkts" ]; then
    ok=1
    break
  fi
  sleep 0.1
done
[ -n "$ok" ] || fail "edgeflowctl shares never saw agent 1's whole capture: $(cat "$dir/shares.err")"
$emu "$ctl" shares "http://127.0.0.1:$((base + 1))/v1/report" >"$dir/shares.txt" || fail "shares (text) exited $?"
grep -q "agent 'agent-1'" "$dir/shares.txt" || fail "shares: no table for agent-1"

for i in 0 1 2; do
  wait "${agent_pids[$i]}" || fail "edgeflowd $((i + 1)) exited $? ($(cat "$dir/agent$((i + 1)).err"))"
done
wait "$listen_pid" || fail "edgeflowctl listen exited $? ($(cat "$dir/listen.err"))"
pids=()

[ "$(jq -r .final "$dir/merged.json")" = "true" ] || fail "merged report is not final"
[ "$(jq -r .agent "$dir/merged.json")" = "3 agents" ] || fail "merged report is not of 3 agents"

# Sum of the three truths, leaf by leaf; empty objects dropped on both sides.
sum='reduce (.[] | .[$what] | paths(numbers) as $p | {p: $p, v: getpath($p)}) as $e
       ({}; setpath($e.p; (getpath($e.p) // 0) + $e.v))'
prune='walk(if type == "object" then with_entries(select(.value != {})) else . end)'
jq -S -s --arg what buckets "$sum | $prune" "$dir"/truth{1,2,3}.json >"$dir/want.json"
jq -S ".buckets | $prune" "$dir/merged.json" >"$dir/got.json"
diff -u "$dir/want.json" "$dir/got.json" >"$dir/diff.txt" || { cat "$dir/diff.txt" >&2; fail "merged buckets != sum of truths"; }

read -r in_pkts in_bytes < <(jq -r '[.input.packets, .input.frame_bytes] | @tsv' "$dir/merged.json")
read -r t_pkts t_bytes < <(jq -s -r '[(map(.file.packets) | add), (map(.file.frame_bytes) | add)] | @tsv' "$dir"/truth{1,2,3}.json)
[ "$in_pkts $in_bytes" = "$t_pkts $t_bytes" ] || fail "merged input ($in_pkts, $in_bytes) != files ($t_pkts, $t_bytes)"

# Breakdowns, when the agents print them: the enabled dimensions only.
if jq -e 'has("breakdowns")' "$dir/merged.json" >/dev/null; then
  dims=$(jq -c '[.breakdowns | .. | objects | select(has("in")) | .in | keys[]] | unique' "$dir/merged.json")
  keep="(.. | objects | select(has(\"country\") or has(\"asn\") or has(\"app\"))) |= with_entries(select(.key as \$k | $dims | index(\$k)))"
  jq -S -s --arg what breakdowns "$sum | $keep | $prune" "$dir"/truth{1,2,3}.json >"$dir/want-bd.json"
  jq -S ".breakdowns | $prune" "$dir/merged.json" >"$dir/got-bd.json"
  diff -u "$dir/want-bd.json" "$dir/got-bd.json" >"$dir/diff-bd.txt" \
    || { head -50 "$dir/diff-bd.txt" >&2; fail "merged breakdowns != sum of truths"; }
fi

echo "[ctl-listen] 3 agents, $in_pkts frames: merged totals equal the sum of the truths"
