#include "agent/enrich/ndpi/ndpi_classifier.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "agent/enrich/ndpi/ndpi_module.h"

namespace edgeflow::enrich::ndpi {

std::unique_ptr<NdpiClassifier> NdpiClassifier::create(const NdpiOptions& options) {
  const uint32_t capacity = std::clamp<uint32_t>(options.capacity, 1, kMaxDpiSlots);
  const uint32_t max_packets = std::clamp<uint32_t>(options.max_packets, 1, 255);
  // Slots start on 16-byte boundaries (the state holds pointers and 64-bit
  // counters).
  const uint32_t slot_bytes = (NdpiModule::flowStateBytes() + 15) / 16 * 16;
  std::unique_ptr<NdpiModule> module = NdpiModule::create();
  if (module == nullptr) return nullptr;
  // calloc: the zeroed state nDPI wants, and pages the kernel backs only
  // once a slot is first used.
  auto* block = static_cast<uint8_t*>(std::calloc(capacity, slot_bytes));
  if (block == nullptr) return nullptr;
  return std::unique_ptr<NdpiClassifier>(
      new NdpiClassifier(std::move(module), capacity, max_packets, slot_bytes, block));
}

NdpiClassifier::NdpiClassifier(std::unique_ptr<NdpiModule> module, uint32_t capacity, uint32_t max_packets,
                               uint32_t slot_bytes, uint8_t* block)
    : module_(std::move(module)),
      max_packets_(max_packets),
      slot_bytes_(slot_bytes),
      block_(block),
      packets_(capacity, 0),
      found_(capacity, kAppUnknown),
      transport_(capacity, 0) {
  free_.reserve(capacity);
  // Lowest numbers on top: the first flows use the first pages.
  for (uint32_t slot = capacity; slot > 0; --slot) free_.push_back(static_cast<uint16_t>(slot - 1));
  stats_.capacity = capacity;
  stats_.state_bytes = slot_bytes;
}

NdpiClassifier::~NdpiClassifier() {
  // Flows still undecided at shutdown: free what nDPI holds for them.
  std::vector<bool> is_free(packets_.size(), false);
  for (uint16_t slot : free_) is_free[slot] = true;
  for (size_t slot = 0; slot < is_free.size(); ++slot) {
    if (!is_free[slot]) NdpiModule::releaseFlow(slotState(static_cast<uint16_t>(slot)));
  }
  std::free(block_);
}

bool NdpiClassifier::takeSlot(FlowLabels& labels) {
  if (free_.empty()) {
    labels.app = kAppUnclassified;
    ++stats_.pool_exhausted;
    return false;
  }
  labels.dpi_slot = free_.back();
  free_.pop_back();
  packets_[labels.dpi_slot] = 0;
  found_[labels.dpi_slot] = kAppUnknown;
  ++stats_.started;
  ++stats_.in_use;
  stats_.peak_in_use = std::max(stats_.peak_in_use, stats_.in_use);
  return true;
}

void NdpiClassifier::decide(FlowLabels& labels, AppId app) {
  labels.app = app;
  const uint16_t slot = labels.dpi_slot;
  if (slot == kNoDpiSlot || slot >= packets_.size()) return;
  void* state = slotState(slot);
  NdpiModule::releaseFlow(state);
  std::memset(state, 0, slot_bytes_);
  packets_[slot] = 0;
  free_.push_back(slot);
  --stats_.in_use;
  labels.dpi_slot = kNoDpiSlot;
}

void NdpiClassifier::inspect(FlowLabels& labels, const uint8_t* ip, uint32_t ip_captured, uint32_t payload_len,
                             bool /*from_local*/, TimestampUs ts) {
  if (labels.app != kAppUndecided) return;
  // Nothing to learn from a packet without payload, and a flow that has not
  // carried any yet (a bare SYN, a scan) must not hold a slot.
  if (payload_len == 0 || ip == nullptr || ip_captured == 0) return;
  // nDPI takes a 16-bit length; no IP datagram is longer, a bigger capture
  // (segmentation offload) is cut to what nDPI can read.
  const auto len = static_cast<uint16_t>(std::min<uint32_t>(ip_captured, 65535));
  const uint16_t transport = NdpiModule::transportOf(ip, len);
  if (transport == 0) return;
  assert(labels.dpi_slot == kNoDpiSlot || labels.dpi_slot < packets_.size());
  if (labels.dpi_slot == kNoDpiSlot) {
    if (!takeSlot(labels)) return;
    transport_[labels.dpi_slot] = transport;
  }
  const uint16_t slot = labels.dpi_slot;
  if (transport != transport_[slot]) return;
  const Detection found = module_->process(slotState(slot), ip, len, ts / 1000);
  ++packets_[slot];
  if (found.app != kAppUnknown) found_[slot] = found.app;
  if (found.final) {
    ++stats_.classified;
    decide(labels, found.app);
    return;
  }
  if (packets_[slot] >= max_packets_) giveUp(labels);
}

void NdpiClassifier::giveUp(FlowLabels& labels) {
  if (labels.app != kAppUndecided) return;
  if (labels.dpi_slot == kNoDpiSlot || labels.dpi_slot >= packets_.size()) {
    // Never carried payload: nothing was inspected, nothing to give up.
    labels.app = kAppUnknown;
    labels.dpi_slot = kNoDpiSlot;
    return;
  }
  ++stats_.gave_up;
  const AppId given_up = module_->giveUp(slotState(labels.dpi_slot));
  decide(labels, given_up != kAppUnknown ? given_up : found_[labels.dpi_slot]);
}

std::string_view NdpiClassifier::appName(AppId app) const {
  if (app == kAppUnknown) return "unknown";
  if (app == kAppUnclassified) return "unclassified";
  if (app == kAppUndecided) return "undecided";
  const std::string_view name = module_->protocolName(app);
  return name.empty() ? std::string_view("unknown") : name;
}

std::string_view NdpiClassifier::appCategory(AppId app) const {
  if (app == kAppUnknown || app == kAppUnclassified || app == kAppUndecided) return {};
  return module_->categoryName(app);
}

std::string_view NdpiClassifier::ndpiVersion() { return NdpiModule::version(); }

bool NdpiClassifier::decryptsQuic() { return NdpiModule::decryptsQuic(); }

}  // namespace edgeflow::enrich::ndpi
