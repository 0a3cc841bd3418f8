#include "agent/proto/datagram_assembler.h"

#include <google/protobuf/stubs/logging.h>

#include <limits>

namespace edgeflow::proto {

DatagramAssembler::DatagramAssembler(size_t max_pending, size_t max_bytes)
    : max_pending_(max_pending == 0 ? 1 : max_pending), max_bytes_(max_bytes) {}

void DatagramAssembler::dropOldest() {
  auto oldest = pending_.begin();
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->second.order < oldest->second.order) oldest = it;
  }
  bytes_ -= oldest->second.bytes;
  pending_.erase(oldest);
  ++stats_.dropped;
}

bool DatagramAssembler::add(std::string_view datagram, DecodeResult& out) {
  // Bad input is reported in the result, not by the library on stderr.
  const google::protobuf::LogSilencer quiet;
  ++stats_.datagrams;
  v1::Report part;
  if (datagram.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
      !part.ParseFromArray(datagram.data(), static_cast<int>(datagram.size()))) {
    ++stats_.malformed;
    return false;
  }
  const uint32_t count = part.part_count() == 0 ? 1 : part.part_count();
  if (count > kMaxParts || part.part_index() >= count) {
    ++stats_.malformed;
    return false;
  }
  if (count == 1) {
    out = fromProto(part);
    if (!out.ok) {
      ++stats_.malformed;
      return false;
    }
    ++stats_.reports;
    return true;
  }

  const Key key{part.agent_id(), part.boot_id(), part.seq()};
  auto it = pending_.find(key);
  if (it == pending_.end()) {
    while (pending_.size() >= max_pending_) dropOldest();
    it = pending_.emplace(key, Pending{}).first;
    it->second.parts.resize(count);
    it->second.order = next_order_++;
  }
  Pending& p = it->second;
  if (p.parts.size() != count) {  // parts disagree on their number
    ++stats_.malformed;
    return false;
  }
  std::string& slot = p.parts[part.part_index()];
  if (!slot.empty()) {
    ++stats_.duplicates;
    return false;
  }
  slot.assign(datagram.data(), datagram.size());
  p.bytes += datagram.size();
  bytes_ += datagram.size();
  ++p.received;

  if (p.received == count) {
    std::vector<std::string_view> views(p.parts.begin(), p.parts.end());
    out = mergeParts(views);
    bytes_ -= p.bytes;
    pending_.erase(it);
    if (!out.ok) {
      ++stats_.malformed;
      return false;
    }
    ++stats_.reports;
    return true;
  }
  // Stay within the byte bound, dropping older reports first (this one too
  // when it alone exceeds it).
  while (bytes_ > max_bytes_ && !pending_.empty()) dropOldest();
  return false;
}

}  // namespace edgeflow::proto
