// The protobuf-lite form of share::Report (edgeflow/v1/report.proto): the
// body of GET /v1/report, the payload of pushed UDP datagrams, and what
// edgeflowctl reads back.
//
// Nothing here throws, logs or touches the OS; decoding takes arbitrary bytes
// and returns a status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agent/share/report.h"
#include "edgeflow/v1/report.pb.h"

namespace edgeflow::proto {

// The media type of an encoded Report (HTTP Content-Type of /v1/report).
inline constexpr const char* kContentType = "application/x-protobuf; proto=edgeflow.v1.Report";

// Longest labels put on the wire, in bytes. Longer ones are cut (at a UTF-8
// character boundary), so that one row always fits one datagram:
// config ids and agent ids are at most 64 bytes already.
inline constexpr size_t kMaxIdBytes = 64;     // agent id, upstream id, breakdown key, decode status
inline constexpr size_t kMaxNameBytes = 128;  // upstream name, AS organisation, app category

// The smallest datagram payload encodeDatagrams() works with: the header at
// its longest plus the longest row (576-byte IPv4 minimum MTU minus 28 bytes
// of IPv4 + UDP header leaves 548).
inline constexpr size_t kMinDatagramPayload = 512;

// Parts one report may be split into; a receiver refuses larger part counts.
inline constexpr uint32_t kMaxParts = 4096;

// What the wire carries beside share::Report.
struct ReportMeta {
  bool final = false;        // the agent's last report
  uint32_t part_index = 0;   // datagram parts: 0 .. part_count-1
  uint32_t part_count = 1;   // 1: the whole report
};

// share::Report <-> message. Labels are cut to the lengths above and
// invalid UTF-8 bytes become '?', since proto3 strings must be UTF-8;
// everything else round-trips exactly. Shares are not on the wire:
// fromProto recomputes them from the counters (computeShares).
void toProto(const share::Report& report, const ReportMeta& meta, v1::Report& out);

struct DecodeResult {
  bool ok = false;
  std::string error;  // when !ok: what was wrong, for a log line
  share::Report report;
  ReportMeta meta;
};

// Message -> share::Report. Fails on a breakdown row without a direction,
// or (whole reports) one that names no upstream of the report; a datagram
// part may carry rows of an upstream listed in another part, which then
// stand under an upstream row named by the id alone. Rows of unknown
// (newer) dimensions are skipped.
DecodeResult fromProto(const v1::Report& message);

// The whole report as one message.
std::string encodeReport(const share::Report& report, bool final = false);

// Parses one message (a whole report or one datagram part) from arbitrary
// bytes. A part decodes to the rows it carries; meta says which part it is.
DecodeResult decodeReport(std::string_view bytes);

// Splits the report into datagram payloads of at most `max_payload` bytes
// each (raised to kMinDatagramPayload when smaller). Each payload is a
// complete Report message with the whole header (agent_id, boot_id, seq,
// times, sampling rate, dimensions, final, part_index, part_count) and a
// subset of the body, packed greedily in order: totals, unknown upstream,
// upstreams, breakdown rows, health counters, decode statuses. A receiver
// that has every part rebuilds the report exactly (mergeParts).
std::vector<std::string> encodeDatagrams(const share::Report& report, size_t max_payload, bool final = false);

// Rebuilds one report from its datagram parts, given in any order and with
// duplicates. Fails when a part does not parse, parts disagree on the
// header, or a part is missing.
DecodeResult mergeParts(const std::vector<std::string_view>& parts);

// Sets share_in/share_out/share_total of every upstream row from the IP
// bytes, as makeReport does.
void computeShares(share::Report& report);

}  // namespace edgeflow::proto
