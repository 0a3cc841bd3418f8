#!/usr/bin/env bash
# One end-to-end case: generate a capture with known truth, run edgeflowd on
# it, and compare the agent's counters with the truth exactly.
#
#   run_case.sh NAME EDGEFLOWD GENERATOR WORKDIR [--interval S] -- GENERATOR-ARGS...
#
# EDGEFLOW_EMULATOR (optional) prefixes the two programs (qemu for cross
# builds); jq and tshark run on the host.
set -euo pipefail

name=$1 edgeflowd=$2 gen=$3 work=$4
shift 4
interval=""
if [ "${1:-}" = "--interval" ]; then interval=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift
emu=${EDGEFLOW_EMULATOR:-}

dir="$work/$name"
rm -rf "$dir" && mkdir -p "$dir"
ext=pcap
for a in "$@"; do [ "$a" = "--pcapng" ] && ext=pcapng; done
cap="$dir/capture.$ext"

fail() { echo "FAIL [$name]: $*" >&2; exit 1; }

$emu "$gen" "$@" --out "$cap" --truth "$dir/truth.json" --config "$dir/edgeflow.conf" \
  || fail "generator failed"

args=(--read "$cap" --config "$dir/edgeflow.conf" --format json)
[ -n "$interval" ] && args+=(--interval "$interval")
$emu "$edgeflowd" "${args[@]}" >"$dir/reports.jsonl" 2>"$dir/stderr.txt" \
  || fail "edgeflowd exited $? ($(cat "$dir/stderr.txt"))"
[ -s "$dir/stderr.txt" ] && fail "edgeflowd wrote to stderr: $(cat "$dir/stderr.txt")"
tail -n 1 "$dir/reports.jsonl" >"$dir/final.json"
[ "$(jq -r .final "$dir/final.json")" = "true" ] || fail "last report is not final"

# 1. Every bucket equals the generator's truth, field by field.
jq -S .buckets "$dir/truth.json" >"$dir/want.json"
jq -S .buckets "$dir/final.json" >"$dir/got.json"
if ! diff -u "$dir/want.json" "$dir/got.json" >"$dir/diff.txt"; then
  cat "$dir/diff.txt" >&2
  fail "buckets differ from the truth"
fi

# 2. Conservation: the buckets add up to what the agent read, which is what
#    the file holds according to the generator and to tshark.
sum_buckets='[.buckets | .. | objects | select(has("packets"))] | [(map(.packets) | add), (map(.frame_bytes) | add)] | @tsv'
read -r b_pkts b_bytes < <(jq -r "$sum_buckets" "$dir/final.json")
read -r i_pkts i_bytes < <(jq -r '[.input.packets, .input.frame_bytes] | @tsv' "$dir/final.json")
read -r t_pkts t_bytes < <(jq -r '[.file.packets, .file.frame_bytes] | @tsv' "$dir/truth.json")
read -r s_pkts s_bytes < <(tshark -r "$cap" -T fields -e frame.len 2>/dev/null | awk '{n++; s+=$1} END {printf "%d %d\n", n, s}')
[ "$b_pkts $b_bytes" = "$i_pkts $i_bytes" ] || fail "buckets ($b_pkts pkts, $b_bytes B) != input ($i_pkts, $i_bytes)"
[ "$i_pkts $i_bytes" = "$t_pkts $t_bytes" ] || fail "input ($i_pkts, $i_bytes) != generator file ($t_pkts, $t_bytes)"
[ "$i_pkts $i_bytes" = "$s_pkts $s_bytes" ] || fail "input ($i_pkts, $i_bytes) != tshark ($s_pkts, $s_bytes)"

# 3. Interval reports: each one conserved, counters never go down, and the
#    final report is the last line.
if [ -n "$interval" ]; then
  n=$(wc -l <"$dir/reports.jsonl")
  [ "$n" -ge 3 ] || fail "expected several interval reports, got $n"
  jq -s -e '
    def leaves: [.buckets | .. | objects | select(has("packets")) | .packets, .ip_bytes, .frame_bytes, .flows];
    def tot: [.buckets | .. | objects | select(has("packets"))] | [(map(.packets) | add), (map(.frame_bytes) | add)];
    (all(.[]; tot == [.input.packets, .input.frame_bytes]))
    and ([range(1; length) as $i | [.[$i-1], .[$i]] | (.[0] | leaves) as $a | (.[1] | leaves) as $b
          | all(range(0; $a | length); $a[.] <= $b[.])] | all)
    and ([.[:-1][] | .final] | all(. == false))' "$dir/reports.jsonl" >/dev/null \
    || fail "interval reports are not cumulative and conserved"
fi

# 4. Case-specific expectations on health counters.
if [ -n "${EXPECT_EVICTIONS:-}" ]; then
  ev=$(jq .health.flows.evicted "$dir/final.json")
  [ "$ev" -gt 0 ] || fail "expected flow-table evictions, saw none"
  flows=$(jq '[.buckets | .. | objects | select(has("flows")) | .flows] | add' "$dir/final.json")
  cap_flows=$(jq '.health.flows.created' "$dir/final.json")
  max_flows=$(sed -n "s/.*option max_flows '\([0-9]*\)'.*/\1/p" "$dir/edgeflow.conf")
  [ "$cap_flows" -gt $((max_flows * 4)) ] || fail "flood too small for the table ($cap_flows records, table $max_flows)"
  echo "[$name] $ev evictions; table $max_flows, $cap_flows flow records, $flows flows counted"
fi

pkts=$(jq .input.packets "$dir/final.json")
echo "PASS [$name]: $pkts frames, buckets equal the truth exactly"
