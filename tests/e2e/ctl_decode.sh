#!/usr/bin/env bash
# edgeflowctl decode and Debian's protoc against the repository's schema:
# a sample report with every field set, whole (as /v1/report serves it) and
# split into pushed datagrams of at most 548 bytes (576-byte MTU).
#
#   ctl_decode.sh EDGEFLOWCTL SAMPLE_WRITER PROTOC PROTO_DIR WORKDIR
set -euo pipefail

ctl=$1 writer=$2 protoc=$3 proto_dir=$4 work=$5
emu=${EDGEFLOW_EMULATOR:-}
dir="$work/ctl-decode"
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "FAIL [ctl-decode]: $*" >&2; exit 1; }

$emu "$writer" "$dir" 20 548 || fail "sample writer failed"
parts=$(sed -n 's/^parts //p' "$dir/counts.txt")
rows=$(sed -n 's/^breakdowns //p' "$dir/counts.txt")
decodes=$(sed -n 's/^decode //p' "$dir/counts.txt")
[ "$parts" -gt 10 ] || fail "expected many datagrams, got $parts"

# 1. protoc --decode reads the whole report with the repository's .proto.
decode() { "$protoc" --decode edgeflow.v1.Report -I "$proto_dir" "$proto_dir/edgeflow/v1/report.proto"; }
decode <"$dir/report.pb" >"$dir/report.txt" 2>"$dir/protoc.err" || fail "protoc --decode failed: $(cat "$dir/protoc.err")"
grep -q '^agent_id: "border-1"$' "$dir/report.txt" || fail "protoc: no agent_id"
grep -q '^boot_id: ' "$dir/report.txt" || fail "protoc: no boot_id"
grep -q '^final: true$' "$dir/report.txt" || fail "protoc: not final"
grep -q '^sampling_rate: 64$' "$dir/report.txt" || fail "protoc: no sampling rate"
grep -q 'key: "unclassified"' "$dir/report.txt" || fail "protoc: no unclassified row"
grep -q 'dimension: DIMENSION_ASN' "$dir/report.txt" || fail "protoc: no ASN rows"
[ "$(grep -c '^breakdowns {' "$dir/report.txt")" -eq "$rows" ] || fail "protoc: breakdown rows != $rows"
[ "$(grep -c '^  decode {' "$dir/report.txt")" -eq "$decodes" ] || fail "protoc: decode statuses != $decodes"

# 2. ... and every datagram on its own: the header and some rows.
total_rows=0
for p in "$dir"/part-*.pb; do
  size=$(stat -c %s "$p")
  [ "$size" -le 548 ] || fail "$(basename "$p") is $size bytes, above 548"
  decode <"$p" >"$p.txt" || fail "protoc --decode failed on $(basename "$p")"
  grep -q '^agent_id: "border-1"$' "$p.txt" || fail "$(basename "$p"): no agent_id"
  grep -q "^part_count: $parts\$" "$p.txt" || fail "$(basename "$p"): no part_count $parts"
  grep -q '^seq: 7$' "$p.txt" || fail "$(basename "$p"): no seq"
  total_rows=$((total_rows + $(grep -c '^breakdowns {' "$p.txt" || true)))
done
[ "$total_rows" -eq "$rows" ] || fail "the datagrams carry $total_rows breakdown rows, not $rows"
# The parts concatenated in order parse as the whole report (protobuf merge).
cat "$dir"/part-*.pb | decode >"$dir/concat.txt" || fail "protoc --decode failed on the concatenated parts"
[ "$(grep -c '^breakdowns {' "$dir/concat.txt")" -eq "$rows" ] || fail "concatenated parts: breakdown rows != $rows"
[ "$(grep -c '^  decode {' "$dir/concat.txt")" -eq "$decodes" ] || fail "concatenated parts: decode statuses != $decodes"

# 3. edgeflowctl decode prints the same table as the agent's renderer, from
#    the whole report and from all datagrams (in any order).
$emu "$ctl" decode "$dir/report.pb" >"$dir/got.txt" || fail "decode report.pb exited $?"
diff -u "$dir/expected.txt" "$dir/got.txt" || fail "decode report.pb: table differs"
mapfile -t files < <(ls "$dir"/part-*.pb | sort -r)
$emu "$ctl" decode "${files[@]}" >"$dir/got-parts.txt" || fail "decode parts exited $?"
diff -u "$dir/expected.txt" "$dir/got-parts.txt" || fail "decode parts: table differs"
$emu "$ctl" decode --format json "${files[@]}" >"$dir/got.json" || fail "decode --format json exited $?"
diff -u <(jq -S . "$dir/expected.json") <(jq -S . "$dir/got.json") || fail "decode --format json differs"
$emu "$ctl" decode - <"$dir/report.pb" | diff -q "$dir/expected.txt" - >/dev/null || fail "decode from stdin differs"

# 4. One datagram alone: printed, with a note that it is a part.
$emu "$ctl" decode "$dir/part-001.pb" >/dev/null 2>"$dir/part.err" || fail "decode of one part exited $?"
grep -q "part 2 of $parts" "$dir/part.err" || fail "no note for a single part: $(cat "$dir/part.err")"

# 5. Failures: clear message, exit 1 (bad input) or 2 (usage).
expect() {  # expect CODE PATTERN ARGS...
  local code=$1 pattern=$2
  shift 2
  set +e
  $emu "$ctl" "$@" >"$dir/out.txt" 2>"$dir/err.txt"
  local rc=$?
  set -e
  [ "$rc" -eq "$code" ] || fail "edgeflowctl $* exited $rc, expected $code"
  grep -q -- "$pattern" "$dir/err.txt" || fail "edgeflowctl $*: stderr lacks '$pattern': $(cat "$dir/err.txt")"
}
head -c -1 "$dir/report.pb" >"$dir/cut.pb"  # inside the last field
printf 'GET / HTTP/1.1\r\n\r\n' >"$dir/text.pb"
expect 1 "not an edgeflow.v1.Report" decode "$dir/cut.pb"
expect 1 "not an edgeflow.v1.Report" decode "$dir/text.pb"
expect 1 "No such file" decode "$dir/missing.pb"
expect 1 "missing" decode "${files[@]:1}"
expect 1 "another report" decode "$dir/part-000.pb" "$dir/report.pb"
expect 2 "usage" decode
expect 2 "unknown command" frobnicate
expect 2 "--format must be" decode --format xml "$dir/report.pb"
expect 2 "one URL" shares
expect 1 "only http://" shares https://127.0.0.1:1/
expect 1 "cannot connect" shares http://127.0.0.1:1 --timeout 5
expect 2 "port must be" listen 127.0.0.1:99999

echo "[ctl-decode] $parts datagrams, $rows breakdown rows: protoc and edgeflowctl agree"
