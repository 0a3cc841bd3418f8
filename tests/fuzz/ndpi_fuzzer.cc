// Fuzz target for NdpiClassifier: arbitrary IP datagrams through the slot
// pool and nDPI.
//
// Input: a sequence of records, each
//   u8  control: bits 0-1 the flow (one of four), bit 2 from_local,
//                bit 3 give the flow up after this packet,
//                bit 4 claim no payload (a bare SYN or ACK)
//   u16 length (big-endian), then that many bytes of IP datagram
// (a record cut short takes what is left). Each datagram is copied to an
// exactly-sized buffer, so a read past it is caught.
//
// Besides not crashing, the pool must keep its books: after each record
// started == classified + gave_up + in_use, no more slots than capacity;
// after the input every flow is given up and the pool is empty again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"

namespace {

using edgeflow::enrich::ClassifierStats;
using edgeflow::enrich::FlowLabels;
using edgeflow::enrich::kAppUndecided;
using edgeflow::enrich::kNoDpiSlot;
using edgeflow::enrich::ndpi::NdpiClassifier;

void require(bool ok) {
  if (!ok) std::abort();
}

void checkBooks(const NdpiClassifier& classifier) {
  const ClassifierStats s = classifier.stats();
  require(s.started == s.classified + s.gave_up + s.in_use);
  require(s.in_use <= s.capacity);
  require(s.peak_in_use <= s.capacity);
}

// Made once: opening nDPI's module costs tens of milliseconds. Inputs leave
// the pool empty, so one input cannot hold slots for the next (nDPI's own
// caches, e.g. BitTorrent peers, do carry over, as in the agent).
NdpiClassifier& classifier() {
  static const std::unique_ptr<NdpiClassifier> instance = NdpiClassifier::create({2, 4});
  if (!instance) std::abort();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  NdpiClassifier& c = classifier();
  FlowLabels flows[4];
  for (FlowLabels& f : flows) f.app = kAppUndecided;
  uint64_t ts = 1'700'000'000'000'000;
  size_t at = 0;
  while (at < size) {
    const uint8_t control = data[at++];
    size_t length = 0;
    if (at + 2 <= size) {
      length = static_cast<size_t>(data[at]) << 8 | data[at + 1];
      at += 2;
    }
    if (length > size - at) length = size - at;
    const std::vector<uint8_t> datagram(data + at, data + at + length);
    at += length;
    FlowLabels& flow = flows[control & 3];
    const bool from_local = (control & 4) != 0;
    const uint32_t payload = (control & 16) != 0 ? 0 : static_cast<uint32_t>(length);
    c.inspect(flow, datagram.data(), static_cast<uint32_t>(datagram.size()), payload, from_local, ts);
    ts += 1000;
    if ((control & 8) != 0) {
      c.giveUp(flow);
      require(flow.app != kAppUndecided && flow.dpi_slot == kNoDpiSlot);
    }
    checkBooks(c);
  }
  for (FlowLabels& f : flows) {
    c.giveUp(f);
    require(f.app != kAppUndecided && f.dpi_slot == kNoDpiSlot);
  }
  checkBooks(c);
  require(c.stats().in_use == 0);
  return 0;
}
