// NdpiClassifier: enrich::Classifier on nDPI.
//
// Flow states live in a pool of `capacity` slots, allocated once as one
// block when the classifier is made and never grown. A flow takes a slot
// with its first payload packet (a bare SYN never does), gives it back the
// moment it is decided — by nDPI, by the packet budget, or by giveUp()
// (DPI timeout, flow end) — and a flow that finds no free slot is labelled
// kAppUnclassified and counted in pool_exhausted, never dropped.
//
// The label rule and the nDPI calls are in ndpi_module.h / ndpi_module.cc;
// docs/applications.md lists what nDPI answers for common traffic.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "agent/enrich/classifier.h"

namespace edgeflow::enrich::ndpi {

class NdpiModule;

// Slots are numbered by FlowLabels::dpi_slot (16 bits, 0xffff = none).
constexpr uint32_t kMaxDpiSlots = 65535;

struct NdpiOptions {
  uint32_t capacity = 4096;   // `dpi_flows`; clamped to 1..kMaxDpiSlots
  uint32_t max_packets = 12;  // `dpi_packets`: payload packets per flow before giving up; 1..255
};

class NdpiClassifier final : public Classifier {
 public:
  // nullptr when nDPI or the pool cannot be allocated.
  static std::unique_ptr<NdpiClassifier> create(const NdpiOptions& options);
  ~NdpiClassifier() override;

  NdpiClassifier(const NdpiClassifier&) = delete;
  NdpiClassifier& operator=(const NdpiClassifier&) = delete;

  // See Classifier. Packets without payload are not shown to nDPI (nDPI 4.2
  // needs neither the handshake nor bare ACKs) and do not count against the
  // budget; nor are datagrams in which nDPI finds no transport header
  // (truncated by the snap length, fragments), nor one whose transport
  // differs from the flow's first (a flow state holds one protocol's
  // state). `from_local` is not needed: nDPI tells directions apart by
  // address.
  void inspect(FlowLabels& labels, const uint8_t* ip, uint32_t ip_captured, uint32_t payload_len, bool from_local,
               TimestampUs ts) override;
  // See Classifier: the label nDPI gives up with, else the last one it
  // returned for a packet (nDPI 4.2 can return a label, e.g. BitTorrent
  // from its peer cache, that its give-up call does not repeat); never a
  // guess from ports. A flow that never carried payload (no slot) becomes
  // kAppUnknown without counting in gave_up, so that
  // started == classified + gave_up + in_use.
  void giveUp(FlowLabels& labels) override;
  std::string_view appName(AppId app) const override;
  std::string_view appCategory(AppId app) const override;
  ClassifierStats stats() const override { return stats_; }

  // The nDPI release in use ("4.2.0").
  static std::string_view ndpiVersion();
  // False when nDPI was built without libgcrypt (the router builds of
  // toolchains/deps): QUIC flows are then labelled QUIC, not by their SNI.
  static bool decryptsQuic();

 private:
  NdpiClassifier(std::unique_ptr<NdpiModule> module, uint32_t capacity, uint32_t max_packets, uint32_t slot_bytes,
                 uint8_t* block);
  void* slotState(uint16_t slot) const { return block_ + static_cast<size_t>(slot) * slot_bytes_; }
  bool takeSlot(FlowLabels& labels);
  // Sets the label, frees the slot (nDPI's data, then zeroes it).
  void decide(FlowLabels& labels, AppId app);

  std::unique_ptr<NdpiModule> module_;
  uint32_t max_packets_;
  uint32_t slot_bytes_;
  uint8_t* block_;                // capacity * slot_bytes_, zeroed; owned (std::calloc)
  std::vector<uint16_t> free_;    // free slot numbers, a stack
  std::vector<uint8_t> packets_;  // payload packets inspected per slot
  std::vector<AppId> found_;      // per slot: the last label nDPI returned, kAppUnknown if none
  std::vector<uint16_t> transport_;  // per slot: NdpiModule::transportOf its first datagram
  ClassifierStats stats_;
};

}  // namespace edgeflow::enrich::ndpi
