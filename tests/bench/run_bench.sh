#!/usr/bin/env bash
# edgeflowd --read and softflowd against the libpcap read floor, on two
# generated captures of the same size:
#
#   medium  the border mix: 50 000 legit flows per million packets, both
#           directions, 20 % IPv6;
#   flood   a SYN flood: 1/5 of the packets legit traffic (1 flow per 20
#           packets), 4/5 spoofed single-SYN inbound flows, so a million
#           packets hold 800 000 single-SYN flows among 810 000, their
#           spoofed sources spread over the generator's listed networks.
#
# Both run with max_flows 65 536 (the default), so the flood evicts on
# nearly every packet and the medium mix (54 620 flow keys) never does.
#
# For each mix and program: instructions per packet (callgrind; start-up
# cost subtracted by also running a 1000-packet capture of the same kind),
# the ratio to the floor, packets per second (median of several wall-clock
# runs, the programs interleaved so machine noise hits them alike) and peak
# RSS. edgeflowd runs twice: plain (dpi off, no database) and enriched (a
# country/AS database that edgeflow-mkdb builds from the generator's CSVs,
# nDPI on). softflowd reads the same file and exports IPFIX to a loopback
# sink, with the same flow-table size as edgeflowd.
#
# Then: system calls per packet (strace -c; file mode must make none per
# packet), and the flow table's memory: sizeof(FlowEntry) and the measured
# RSS slope per 100 000 flows of table (flood capture, max_flows 100 000
# against 200 000, divided by the flows each run held at the end).
#
#   run_bench.sh EDGEFLOWD PCAP_FLOOR GENERATOR EDGEFLOW_MKDB WORKDIR [PACKETS [ENTRY_SIZE]]
#
#   PACKETS      packets of each capture (default 1000000)
#   ENTRY_SIZE   the entry_size program (default: next to PCAP_FLOOR)
#   BENCH_MIX    medium | flood | both (default both)
#   BENCH_RUNS   wall-clock runs per program (default 5)
set -euo pipefail

if [ $# -lt 5 ]; then
  sed -n '/^#   run_bench.sh/,/^#   BENCH_RUNS/s/^# //p' "$0" >&2
  exit 2
fi
edgeflowd=$1 floor=$2 gen=$3 mkdb=$4 work=$5 packets=${6:-1000000}
entry_size=${7:-$(dirname "$floor")/entry_size}
runs=${BENCH_RUNS:-5}
case ${BENCH_MIX:-both} in
  medium | flood) mixes=("$BENCH_MIX") ;;
  both) mixes=(medium flood) ;;
  *) echo "bench: BENCH_MIX must be medium, flood or both" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$work"
rows=(floor plain enriched softflowd)
declare -A us=()  # median wall time per row, microseconds
declare -A label=(
  [floor]="libpcap read floor (pcap_floor)"
  [plain]="edgeflowd --read, plain"
  [enriched]="edgeflowd --read, geo/ASN + nDPI"
  [softflowd]="softflowd -r, IPFIX export"
)

# --- tools -----------------------------------------------------------------

# softflowd and strace come from Debian packages that toolchains/setup-host.sh
# lists; it is idempotent and installs only what is missing.
require_tools() {
  local missing=() t
  for t in valgrind softflowd strace jq bc python3 /usr/bin/time; do
    command -v "$t" >/dev/null || missing+=("$t")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ]; then
    echo "bench: missing ${missing[*]}; running toolchains/setup-host.sh" >&2
    "$repo/toolchains/setup-host.sh" >&2
  else
    echo "bench: missing ${missing[*]}; run: sudo $repo/toolchains/setup-host.sh" >&2
    exit 1
  fi
}

# --- the loopback IPFIX sink for softflowd ---------------------------------

sink_pid=
start_sink() {
  # Removed first: the redirection below truncates it only once the child
  # runs, and the loop must not read the previous sink's port.
  rm -f "$work/sink.port"
  python3 "$here/udp_sink.py" >"$work/sink.port" 2>"$work/sink.count" &
  sink_pid=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [ -s "$work/sink.port" ] && break
    sleep 0.05
  done
  sink_port=$(cat "$work/sink.port")
  [ -n "$sink_port" ] || { echo "bench: the UDP sink did not start" >&2; exit 1; }
}
stop_sink() {
  [ -n "$sink_pid" ] || return 0
  kill -TERM "$sink_pid" 2>/dev/null || true
  wait "$sink_pid" 2>/dev/null || true
  sink_pid=
}
trap stop_sink EXIT

# --- captures and configs --------------------------------------------------

generate() {  # edgeflow-gen ARGS, its messages shown only when it fails
  "$gen" "$@" >/dev/null 2>"$work/gen.err" || { echo "bench: edgeflow-gen $*:" >&2; cat "$work/gen.err" >&2; exit 1; }
}

# Sets big, small, npk, npk_small, conf_plain, conf_enriched, max_flows for
# mix $1, generating what is not in $work yet.
prepare_mix() {
  local mix=$1 big_args small_args
  local common=(--seed 7 --ipv6-share 0.2 --table-size 65536)
  if [ "$mix" = medium ]; then
    big_args=(--flows $((packets / 20)) --packets "$packets")
    small_args=(--flows 50 --packets 1000)
  else
    # --syn-flood frames come on top of --packets.
    big_args=(--flows $((packets / 100)) --packets $((packets / 5)) --syn-flood $((packets - packets / 5)))
    small_args=(--flows 10 --packets 200 --syn-flood 800)
  fi
  big=$work/$mix-$packets.pcap
  small=$work/$mix-1000.pcap
  local p=$work/$mix-$packets
  # The ASN CSV is written last: an interrupted run is not taken as done.
  if [ ! -f "$big.json" ] || [ ! -f "$p.conf" ] || [ ! -f "$p.asn.csv" ]; then
    generate "${common[@]}" "${big_args[@]}" --out "$big" --truth "$big.json" --config "$p.conf" \
      --geo-csv "$p.country.csv" --asn-csv "$p.asn.csv"
  fi
  [ -f "$small.json" ] || generate "${common[@]}" "${small_args[@]}" --out "$small" --truth "$small.json" \
    --config "$work/$mix-1000.conf"
  "$mkdb" --country "$p.country.csv" --asn "$p.asn.csv" -o "$p.mmdb" >/dev/null
  # The same scenario twice: plain (no database, dpi off) and enriched.
  conf_plain=$p.plain.conf
  sed "/^config agent/a\\\toption dpi '0'" "$p.conf" >"$conf_plain"
  conf_enriched=$p.enriched.conf
  sed "/^config agent/a\\\toption geo_db '$p.mmdb'" "$p.conf" >"$conf_enriched"
  npk=$(jq .file.packets "$big.json")
  npk_small=$(jq .file.packets "$small.json")
  max_flows=$(jq .config.max_flows "$big.json")
  flow_keys=$(jq .stats.flow_keys "$big.json")
}

# run ROW FILE [WRAPPER...]: one program of the table on FILE, under the
# wrapper command (valgrind, strace, time) if one is given; its output goes
# to $run_out (default: dropped).
run() {
  local row=$1 file=$2
  shift 2
  case $row in
    floor) "$@" "$floor" "$file" ;;
    plain) "$@" "$edgeflowd" --config "$conf_plain" --format json --read "$file" ;;
    enriched) "$@" "$edgeflowd" --config "$conf_enriched" --format json --read "$file" ;;
    # -d: foreground; -c none: no control socket (with one, 1.1.0 blocks in
    # accept() in file mode); -m: edgeflowd's table size, so both hold the
    # same number of flows. In file mode softflowd expires flows only when
    # the table is full, and all of them at the end of the file.
    softflowd) "$@" softflowd -r "$file" -n "127.0.0.1:$sink_port" -v 10 -m "$max_flows" -d -c none \
      -p "$work/softflowd.pid" ;;
  esac >"${run_out:-/dev/null}"
}

# --- measurements ----------------------------------------------------------

instr() {  # instructions of one run under callgrind
  local out=$work/cg.out
  run "$1" "$2" valgrind --tool=callgrind --callgrind-out-file="$out" 2>"$work/cg.err" \
    || { echo "bench: $1 failed under callgrind:" >&2; tail "$work/cg.err" >&2; exit 1; }
  awk '/^summary:/ {print $2}' "$out"
}

per_packet() {  # start-up cost subtracted: (I(big) - I(small)) / (N - n)
  local a b
  a=$(instr "$1" "$big")
  b=$(instr "$1" "$small")
  echo $(((a - b) / (npk - npk_small)))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

wall_times() {  # fills us[row] with the median wall time in microseconds
  local -A times=()
  local i row s e
  for ((i = 0; i < runs; i++)); do
    for row in "${rows[@]}"; do
      s=$(date +%s%N)
      run "$row" "$big" 2>"$work/run.err"
      e=$(date +%s%N)
      times[$row]+="$(((e - s) / 1000)) "
    done
  done
  for row in "${rows[@]}"; do
    # shellcheck disable=SC2086  # one time per word
    us[$row]=$(printf '%s\n' ${times[$row]} | median)
  done
}

peak_rss() {  # KiB
  run "$1" "$2" /usr/bin/time -f %M -o "$work/rss.txt" 2>"$work/run.err"
  tail -n 1 "$work/rss.txt"
}

# softflowd's own summary against what a fresh sink received: proof that it
# exported, and that nothing was lost on the way.
check_export() {
  stop_sink
  start_sink
  run_out=$work/softflowd.out run softflowd "$big" 2>"$work/run.err"
  stop_sink
  local said got
  said=$(grep 'Flows exported' "$work/softflowd.out" | sed 's/^ *//')
  got=$(awk '{print $1}' "$work/sink.count")
  export_lines+=("softflowd export, $mix: \"$said\"; the sink received $got datagrams")
  start_sink
}

# strace -c of one run on the big capture: total calls, per packet, beyond
# the floor's (libpcap's own buffered reads of the file), and the top 3.
syscalls() {
  local row=$1 out=$work/strace.txt total top
  run "$row" "$big" strace -f -c -S calls -o "$out" 2>"$work/run.err"
  total=$(awk '$NF == "total" {print $4}' "$out")
  [ "$row" = floor ] && floor_calls=$total
  # Rows between the two dashed rules, sorted by calls: syscall name is the
  # last field, calls the fourth.
  top=$(awk '/^-----/ {n++; next} n == 1 {printf "%s%s %s", sep, $NF, $4; sep = ", "; if (++k == 3) exit}' "$out")
  syscall_lines+=("$(printf '  %-6s %-34s %8d %9.4f %+8d   %s' "$mix" "${label[$row]}" "$total" \
    "$(echo "$total / $npk" | bc -l)" $((total - floor_calls)) "$top")")
}

# --- one mix ---------------------------------------------------------------

bench_mix() {
  mix=$1
  prepare_mix "$mix"
  local -A ipp=() rss=()
  local row
  for row in "${rows[@]}"; do ipp[$row]=$(per_packet "$row"); done
  wall_times
  for row in "${rows[@]}"; do rss[$row]=$(peak_rss "$row" "$big"); done

  printf '\n%s: %s (%d packets, %d bytes, %d flow keys; max_flows %d)\n' "$mix" "$big" "$npk" \
    "$(stat -c %s "$big")" "$flow_keys" "$max_flows"
  printf '%-34s %14s %10s %14s %12s\n' "program" "instr/packet" "x floor" "packets/s" "peak RSS KiB"
  for row in "${rows[@]}"; do
    printf '%-34s %14d %10.2f %14.0f %12d\n' "${label[$row]}" "${ipp[$row]}" \
      "$(echo "${ipp[$row]} / ${ipp[floor]}" | bc -l)" "$(echo "$npk / (${us[$row]} / 1000000)" | bc -l)" \
      "${rss[$row]}"
  done
  echo "(wall time: median of $runs runs each, interleaved; instructions: callgrind, start-up subtracted)"
  check_export
  for row in "${rows[@]}"; do syscalls "$row"; done
}

# RSS of edgeflowd plain on the flood with two table sizes. Tables are
# reserved at start but their pages are touched only as flows fill them,
# so the RSS difference over the difference in flows held (the final
# report's health.flows.active: IPv4 and IPv6 together, as the flood mixes
# them) is what a flow costs.
rss_slope() {
  mix=flood
  prepare_mix flood
  local conf100=$work/slope-100000.conf conf200=$work/slope-200000.conf r100 r200
  sed "s/option max_flows '[0-9]*'/option max_flows '100000'/" "$conf_plain" >"$conf100"
  sed "s/option max_flows '[0-9]*'/option max_flows '200000'/" "$conf_plain" >"$conf200"
  local saved=$conf_plain slope a100 a200
  conf_plain=$conf100
  r100=$(peak_rss plain "$big")
  a100=$("$edgeflowd" --config "$conf100" --format json --read "$big" | jq .health.flows.active)
  conf_plain=$conf200
  r200=$(peak_rss plain "$big")
  a200=$("$edgeflowd" --config "$conf200" --format json --read "$big" | jq .health.flows.active)
  conf_plain=$saved
  slope=$(((r200 - r100) * 1024 * 100000 / (a200 - a100)))
  printf '  edgeflowd plain on the flood: max_flows 100000 -> %d KiB, %d flows held; 200000 -> %d KiB, %d held\n' \
    "$r100" "$a100" "$r200" "$a200"
  printf '  RSS slope: %d bytes per 100 000 flows held (%.1f bytes/flow)\n' "$slope" "$(echo "$slope / 100000" | bc -l)"
}

entry_lines() {
  if [ -x "$entry_size" ]; then
    "$entry_size" | sed 's/^/  /'
  else
    echo "  ($entry_size not built: cmake --build BUILD --target entry_size)"
  fi
}

# --- main ------------------------------------------------------------------

require_tools
start_sink
export_lines=() syscall_lines=()
for m in "${mixes[@]}"; do bench_mix "$m"; done

echo
printf '%s\n' "${export_lines[@]}"
echo
echo "system calls (strace -f -c, whole run on the big capture):"
printf '  %-6s %-34s %8s %9s %8s   %s\n' mix program calls "/packet" "- floor" "top 3"
printf '%s\n' "${syscall_lines[@]}"
echo
echo "flow table memory:"
entry_lines
if [[ " ${mixes[*]} " == *" flood "* ]]; then
  rss_slope
else
  echo "  (RSS slope needs the flood mix: BENCH_MIX=flood or both)"
fi
