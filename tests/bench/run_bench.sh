#!/usr/bin/env bash
# edgeflowd --read against the libpcap read floor on the same generated
# capture: instructions per packet (callgrind, start-up cost subtracted by
# also running a 1000-packet capture of the same mix) and packets per
# second (median of several wall-clock runs, the programs interleaved so
# machine noise hits them alike). edgeflowd runs twice: without enrichment
# (dpi off, no database) and with it (a country/AS database that
# edgeflow-mkdb builds from the generator's CSVs, nDPI on).
#
#   run_bench.sh EDGEFLOWD PCAP_FLOOR GENERATOR EDGEFLOW_MKDB WORKDIR [PACKETS]
set -euo pipefail
edgeflowd=$1 floor=$2 gen=$3 mkdb=$4 work=$5 packets=${6:-1000000}
runs=${BENCH_RUNS:-5}
mkdir -p "$work"
command -v valgrind >/dev/null || { echo "bench: valgrind is needed" >&2; exit 1; }

# The "medium" border mix: 50 000 flows, both directions, some IPv6.
gen_args=(--seed 7 --flows 50000 --ipv6-share 0.2)
big=$work/medium-$packets.pcap
small=$work/medium-1000.pcap
[ -f "$big" ] || "$gen" "${gen_args[@]}" --packets "$packets" --out "$big" --truth "$big.json" --config "$work/bench.conf" \
  --geo-csv "$work/country.csv" --asn-csv "$work/asn.csv" >/dev/null
[ -f "$small" ] || "$gen" "${gen_args[@]}" --packets 1000 --out "$small" --truth "$small.json" --config "$work/small.conf" >/dev/null
"$mkdb" --country "$work/country.csv" --asn "$work/asn.csv" -o "$work/bench.mmdb" >/dev/null
# The same scenario twice: plain (no database, dpi off) and enriched.
conf=$work/plain.conf
sed "/^config agent/a\\\toption dpi '0'" "$work/bench.conf" >"$conf"
conf_enriched=$work/enriched.conf
sed "/^config agent/a\\\toption geo_db '$work/bench.mmdb'" "$work/bench.conf" >"$conf_enriched"
npk=$(jq .file.packets "$big.json")
npk_small=$(jq .file.packets "$small.json")

instr() {  # instructions of one run under callgrind
  local out=$work/cg.out
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$work/cg.err"
  awk '/^summary:/ {print $2}' "$out"
}

per_packet() {  # start-up cost subtracted: (I(big) - I(small)) / (N - n)
  local a b
  a=$(instr "$@" "$big")
  b=$(instr "$@" "$small")
  echo $(( (a - b) / (npk - npk_small) ))
}

echo "capture: $big ($npk packets, $(stat -c %s "$big") bytes)"
floor_ipp=$(per_packet "$floor")
agent_ipp=$(per_packet "$edgeflowd" --config "$conf" --format json --read)
rich_ipp=$(per_packet "$edgeflowd" --config "$conf_enriched" --format json --read)

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ft=() at=() rt=()
for ((i = 0; i < runs; i++)); do
  s=$(date +%s%N); "$floor" "$big" >/dev/null; e=$(date +%s%N); ft+=($(( (e - s) / 1000 )))
  s=$(date +%s%N); "$edgeflowd" --config "$conf" --format json --read "$big" >/dev/null; e=$(date +%s%N); at+=($(( (e - s) / 1000 )))
  s=$(date +%s%N); "$edgeflowd" --config "$conf_enriched" --format json --read "$big" >/dev/null; e=$(date +%s%N)
  rt+=($(( (e - s) / 1000 )))
done
floor_us=$(printf '%s\n' "${ft[@]}" | median)
agent_us=$(printf '%s\n' "${at[@]}" | median)
rich_us=$(printf '%s\n' "${rt[@]}" | median)
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
floor_rss=$(rss "$floor" "$big")
agent_rss=$(rss "$edgeflowd" --config "$conf" --format json --read "$big")
rich_rss=$(rss "$edgeflowd" --config "$conf_enriched" --format json --read "$big")

printf '\n%-34s %14s %10s %14s %12s\n' "program" "instr/packet" "x floor" "packets/s" "peak RSS KiB"
printf '%-34s %14d %10s %14.0f %12d\n' "libpcap read floor (pcap_floor)" "$floor_ipp" "1.00" \
  "$(echo "$npk / ($floor_us / 1000000)" | bc -l)" "$floor_rss"
printf '%-34s %14d %10.2f %14.0f %12d\n' "edgeflowd --read" "$agent_ipp" "$(echo "$agent_ipp / $floor_ipp" | bc -l)" \
  "$(echo "$npk / ($agent_us / 1000000)" | bc -l)" "$agent_rss"
printf '%-34s %14d %10.2f %14.0f %12d\n' "edgeflowd --read, geo/ASN + nDPI" "$rich_ipp" \
  "$(echo "$rich_ipp / $floor_ipp" | bc -l)" "$(echo "$npk / ($rich_us / 1000000)" | bc -l)" "$rich_rss"
echo "(wall time: median of $runs runs each, interleaved; instructions: callgrind, start-up subtracted)"
