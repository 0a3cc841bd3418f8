#!/usr/bin/env bash
# One end-to-end case: generate a capture with known truth, run edgeflowd on
# it, and compare the agent's counters with the truth exactly.
#
#   run_case.sh NAME EDGEFLOWD GENERATOR WORKDIR [--interval S] [--enrich DIMS]
#               [--max-rows N] -- GENERATOR-ARGS...
#
# --enrich DIMS (comma-separated from country, asn, app) compares those
# breakdowns with the truth exactly: country and asn build a database from
# the generator's CSVs with edgeflow-mkdb (EDGEFLOW_MKDB) and configure it;
# app needs an edgeflowd built with nDPI (the default config has dpi on).
# --max-rows N instead checks only that no breakdown has more than N rows and
# that they sum to their parents (for floods of distinct values).
#
# EDGEFLOW_EMULATOR (optional) prefixes the programs (qemu for cross
# builds); jq and tshark run on the host.
set -euo pipefail

name=$1 edgeflowd=$2 gen=$3 work=$4
shift 4
interval="" enrich="" max_rows=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    --interval) interval=$2; shift 2 ;;
    --enrich) enrich=$2; shift 2 ;;
    --max-rows) max_rows=$2; shift 2 ;;
    *) echo "run_case.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "${1:-}" = "--" ] && shift
emu=${EDGEFLOW_EMULATOR:-}

dir="$work/$name"
rm -rf "$dir" && mkdir -p "$dir"
ext=pcap
for a in "$@"; do [ "$a" = "--pcapng" ] && ext=pcapng; done
cap="$dir/capture.$ext"

fail() { echo "FAIL [$name]: $*" >&2; exit 1; }

wants() { case ",$enrich," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
gen_extra=()
geo=0
if wants country || wants asn || [ -n "$max_rows" ]; then
  geo=1
  gen_extra+=(--geo-csv "$dir/country.csv" --asn-csv "$dir/asn.csv")
fi

$emu "$gen" "$@" "${gen_extra[@]}" --out "$cap" --truth "$dir/truth.json" --config "$dir/edgeflow.conf" \
  || fail "generator failed"

# edgeflowd reads run.conf: the generated config (kept as written, for the
# endian parity check) plus what this case adds.
cp "$dir/edgeflow.conf" "$dir/run.conf"

# Applications only where the case compares them: nDPI's labels are the one
# part of a report a build without nDPI (or with another nDPI) cannot match,
# and the other cases must give the same bytes on every target.
if ! wants app; then
  sed -i "/^config agent/a\\\toption dpi '0'" "$dir/run.conf"
fi

if [ "$geo" = 1 ]; then
  [ -n "${EDGEFLOW_MKDB:-}" ] || fail "EDGEFLOW_MKDB is not set (the edgeflow-mkdb to build the database with)"
  $emu "$EDGEFLOW_MKDB" --country "$dir/country.csv" --asn "$dir/asn.csv" -o "$dir/geo.mmdb" >"$dir/mkdb.txt" \
    || fail "edgeflow-mkdb failed"
  # The database goes into the generated config's agent section.
  sed -i "/^config agent/a\\\toption geo_db '$dir/geo.mmdb'" "$dir/run.conf"
  grep -q "option geo_db" "$dir/run.conf" || fail "the generated config has no agent section"
fi

args=(--read "$cap" --config "$dir/run.conf" --format json)
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
# Nothing is held back at the end: every flow ended and was counted.
[ "$(jq -c '.held // {packets: 0} | .packets' "$dir/final.json")" = 0 ] || fail "the final report holds packets back"
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
    def tot: [.buckets | .. | objects | select(has("packets"))] + [.held // {packets: 0, frame_bytes: 0}]
             | [(map(.packets) | add), (map(.frame_bytes) | add)];
    (all(.[]; tot == [.input.packets, .input.frame_bytes]))
    and ([range(1; length) as $i | [.[$i-1], .[$i]] | (.[0] | leaves) as $a | (.[1] | leaves) as $b
          | all(range(0; $a | length); $a[.] <= $b[.])] | all)
    and ([.[:-1][] | .final] | all(. == false))' "$dir/reports.jsonl" >/dev/null \
    || fail "interval reports are not cumulative and conserved"
fi

# 4. Breakdowns: every row equals the truth (the enabled dimensions), and
#    the rows of each dimension add up to their parent bucket exactly.
sums_ok='
  def parent($u; $d): if $u == "unknown-upstream" then .buckets["unknown-upstream"][$d]
                      else .buckets.upstreams[$u][$d] end;
  . as $r
  | [ (.breakdowns.upstreams | to_entries[] | {u: .key, v: .value}),
      {u: "unknown-upstream", v: .breakdowns["unknown-upstream"]} ]
  | all(.[]; .u as $u | .v | to_entries | all(.[]; .key as $d | .value | to_entries
        | all(.[]; (.value | [.[]]) as $rows
              | ($rows | length) == 0 and ($r | parent($u; $d) | .packets) == 0
                or ([$rows[].packets] | add) == ($r | parent($u; $d) | .packets)
                and ([$rows[].ip_bytes] | add) == ($r | parent($u; $d) | .ip_bytes)
                and ([$rows[].frame_bytes] | add) == ($r | parent($u; $d) | .frame_bytes)
                and ([$rows[].flows] | add) == ($r | parent($u; $d) | .flows))))'
if [ -n "$enrich" ]; then
  dims=$(printf '%s' "$enrich" | jq -R -c 'split(",")')
  pick='.breakdowns | (.upstreams[], .["unknown-upstream"]) |= map_values(with_entries(select(.key as $k | $dims | index($k))))'
  jq -S --argjson dims "$dims" "$pick" "$dir/truth.json" >"$dir/want-breakdowns.json"
  jq -S --argjson dims "$dims" "$pick" "$dir/final.json" >"$dir/got-breakdowns.json"
  if ! diff -u "$dir/want-breakdowns.json" "$dir/got-breakdowns.json" >"$dir/diff-breakdowns.txt"; then
    head -n 60 "$dir/diff-breakdowns.txt" >&2
    fail "breakdowns differ from the truth"
  fi
  jq -e "$sums_ok" "$dir/final.json" >/dev/null || fail "breakdown rows do not add up to their parents"
  echo "[$name] breakdowns ($enrich) equal the truth exactly"
fi
if [ -n "$max_rows" ]; then
  jq -e "$sums_ok" "$dir/final.json" >/dev/null || fail "breakdown rows do not add up to their parents"
  most=$(jq '[.breakdowns | (.upstreams[], .["unknown-upstream"]) | .[] | .[] | length] | max' "$dir/final.json")
  [ "$most" -le "$max_rows" ] || fail "a breakdown has $most rows, more than $max_rows"
  distinct=$(jq '[.breakdowns | (.upstreams[], .["unknown-upstream"]) | .[] | .asn // {} | keys[]] | unique | length' \
    "$dir/truth.json")
  echo "[$name] $distinct distinct ASes in the truth; at most $most rows per breakdown, rows add up exactly"
fi

# 5. The same final report as protobuf (edgeflowd --format protobuf), read
#    back by edgeflowctl: every bucket and breakdown row survives the wire.
if [ -n "${EDGEFLOW_CTL:-}" ]; then
  $emu "$edgeflowd" --read "$cap" --config "$dir/run.conf" --format protobuf >"$dir/final.pb" \
    || fail "edgeflowd --format protobuf failed"
  $emu "$EDGEFLOW_CTL" decode "$dir/final.pb" --format json >"$dir/decoded.json" || fail "edgeflowctl decode failed"
  for part in buckets breakdowns; do
    [ "$(jq -S ".$part" "$dir/decoded.json")" = "$(jq -S ".$part" "$dir/final.json")" ] \
      || fail "$part differ after the protobuf round trip"
  done
fi

# 6. Case-specific expectations on health counters.
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
