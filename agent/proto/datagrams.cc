// Splitting a report into self-contained datagrams, and putting it together
// again (report_codec.h: encodeDatagrams, mergeParts).
//
// Every part is a complete Report message: the header, then a run of "items"
// taken in order from the whole message. An item is one field occurrence of
// the body (a total, an upstream, a breakdown row, the health counters, one
// decode status). Protobuf's merge of messages concatenates repeated fields
// and merges singular messages field by field, so merging the parts in
// part order gives back the whole message, rows in their order.
#include <algorithm>
#include <cassert>
#include <limits>

#include <google/protobuf/stubs/logging.h>

#include "agent/proto/report_codec.h"

namespace edgeflow::proto {

namespace {

// The body of `whole` as items, each a Report holding just that field.
std::vector<v1::Report> bodyItems(const v1::Report& whole) {
  std::vector<v1::Report> items;
  items.reserve(static_cast<size_t>(10 + whole.upstreams_size() + whole.breakdowns_size() +
                                    whole.health().decode_size()));
  auto add = [&]() -> v1::Report& { return items.emplace_back(); };
  if (whole.has_input()) *add().mutable_input() = whole.input();
  if (whole.has_internal()) *add().mutable_internal() = whole.internal();
  if (whole.has_transit()) *add().mutable_transit() = whole.transit();
  if (whole.has_non_ip()) *add().mutable_non_ip() = whole.non_ip();
  if (whole.has_undecodable()) *add().mutable_undecodable() = whole.undecodable();
  if (whole.has_held()) *add().mutable_held() = whole.held();
  if (whole.has_unknown_upstream()) *add().mutable_unknown_upstream() = whole.unknown_upstream();
  for (const v1::Upstream& u : whole.upstreams()) *add().add_upstreams() = u;
  for (const v1::BreakdownRow& row : whole.breakdowns()) *add().add_breakdowns() = row;
  if (whole.has_health()) {
    v1::Health counters = whole.health();
    counters.clear_decode();
    *add().mutable_health() = counters;
    for (const v1::NamedCount& n : whole.health().decode()) *add().mutable_health()->add_decode() = n;
  }
  return items;
}

bool sameHeader(const v1::Report& a, const v1::Report& b) {
  return a.agent_id() == b.agent_id() && a.boot_id() == b.boot_id() && a.seq() == b.seq() &&
         a.report_time_us() == b.report_time_us() && a.part_count() == b.part_count();
}

DecodeResult failure(std::string error) {
  DecodeResult r;
  r.error = std::move(error);
  return r;
}

}  // namespace

std::vector<std::string> encodeDatagrams(const share::Report& report, size_t max_payload, bool final) {
  max_payload = std::max(max_payload, kMinDatagramPayload);
  v1::Report whole;
  ReportMeta meta;
  meta.final = final;
  toProto(report, meta, whole);

  // The header, with part numbers at their longest encoding: a bound for
  // every part's header.
  v1::Report header;
  header.set_agent_id(whole.agent_id());
  header.set_boot_id(whole.boot_id());
  header.set_seq(whole.seq());
  header.set_report_time_us(whole.report_time_us());
  header.set_first_packet_us(whole.first_packet_us());
  header.set_last_packet_us(whole.last_packet_us());
  header.set_sampling_rate(whole.sampling_rate());
  header.set_final(whole.final());
  *header.mutable_dimensions() = whole.dimensions();
  header.set_part_index(std::numeric_limits<uint32_t>::max());
  header.set_part_count(std::numeric_limits<uint32_t>::max());
  const size_t header_size = header.ByteSizeLong();

  // Greedy packing. The encoded size of a message is the sum of its fields'
  // encodings, and two items merged into one singular field (two health
  // items) encode no longer than apart, so the sum of item sizes bounds a
  // part's size.
  std::vector<v1::Report> parts;
  v1::Report current = header;
  size_t current_size = header_size;
  bool current_empty = true;
  for (const v1::Report& item : bodyItems(whole)) {
    const size_t item_size = item.ByteSizeLong();
    // The longest item (a breakdown row with every label at its limit)
    // plus the longest header fits kMinDatagramPayload.
    assert(header_size + item_size <= kMinDatagramPayload);
    if (!current_empty && current_size + item_size > max_payload) {
      parts.push_back(std::move(current));
      current = header;
      current_size = header_size;
    }
    current.MergeFrom(item);
    current_size += item_size;
    current_empty = false;
  }
  parts.push_back(std::move(current));

  std::vector<std::string> out;
  out.reserve(parts.size());
  const auto count = static_cast<uint32_t>(parts.size());
  for (uint32_t i = 0; i < count; ++i) {
    parts[i].set_part_index(i);
    parts[i].set_part_count(count);
    out.push_back(parts[i].SerializeAsString());
    assert(out.back().size() <= max_payload);
  }
  return out;
}

DecodeResult mergeParts(const std::vector<std::string_view>& datagrams) {
  // Bad input is reported in the result, not by the library on stderr.
  const google::protobuf::LogSilencer quiet;
  if (datagrams.empty()) return failure("no datagrams");
  std::vector<v1::Report> slots;
  std::vector<bool> have;
  v1::Report first;
  for (size_t i = 0; i < datagrams.size(); ++i) {
    const std::string_view bytes = datagrams[i];
    v1::Report part;
    if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
        !part.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return failure("datagram " + std::to_string(i + 1) + " is not an edgeflow.v1.Report message");
    }
    const uint32_t count = part.part_count() == 0 ? 1 : part.part_count();
    if (count > kMaxParts) return failure("datagram " + std::to_string(i + 1) + " claims " + std::to_string(count) + " parts");
    if (part.part_index() >= count) {
      return failure("datagram " + std::to_string(i + 1) + " is part " + std::to_string(part.part_index()) + " of " +
                     std::to_string(count));
    }
    if (i == 0) {
      first = part;
      slots.resize(count);
      have.assign(count, false);
    } else if (!sameHeader(first, part)) {
      return failure("datagram " + std::to_string(i + 1) + " belongs to another report (agent, boot, seq or part count differ)");
    }
    if (have[part.part_index()]) continue;  // a duplicate
    have[part.part_index()] = true;
    slots[part.part_index()] = std::move(part);
  }
  for (size_t i = 0; i < have.size(); ++i) {
    if (!have[i]) return failure("part " + std::to_string(i) + " of " + std::to_string(have.size()) + " is missing");
  }
  v1::Report whole = std::move(slots[0]);
  for (size_t i = 1; i < slots.size(); ++i) whole.MergeFrom(slots[i]);
  whole.set_part_index(0);
  whole.set_part_count(1);
  return fromProto(whole);
}

}  // namespace edgeflow::proto
