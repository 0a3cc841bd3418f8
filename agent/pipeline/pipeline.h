// Pipeline: the data flow of DESIGN.md for captured packets —
// decode -> attribute -> flow table -> share counters -> report.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "agent/attribute/attribution.h"
#include "agent/common/time.h"
#include "agent/config/config.h"
#include "agent/decode/decoder.h"
#include "agent/enrich/classifier.h"
#include "agent/enrich/geo_lookup.h"
#include "agent/flow/flow_table.h"
#include "agent/flow/fragment_cache.h"
#include "agent/pipeline/counting_sink.h"
#include "agent/share/counters.h"
#include "agent/share/report.h"

namespace edgeflow::pipeline {

// What labels flows. Either may be nullptr (that enrichment is off); both
// outlive the pipeline.
struct PipelineEnrichment {
  enrich::GeoLookup* geo = nullptr;
  enrich::Classifier* classifier = nullptr;
};

class Pipeline {
 public:
  // `hash_seed` keys the flow table's hash; the platform passes a random one.
  Pipeline(const config::Config& cfg, uint64_t hash_seed, PipelineEnrichment enrichment = {});

  // Databases reloaded: new flows are looked up in `geo`; flows already in
  // the table keep their labels.
  void setGeoLookup(enrich::GeoLookup* geo);

  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Frames that follow come from this link type and interface.
  void setSource(decode::LinkType link, std::string_view interface_name);

  void onPacket(TimestampUs ts, const uint8_t* data, uint32_t captured, uint32_t wire_len);

  // Housekeeping at time `now` (call about once a second of packet time):
  // ends idle flows.
  void tick(TimestampUs now);

  // Hands every flow's deltas to the counters and snapshots them.
  // `final`: the last report (end of input, shutdown): flows still waiting
  // for an application are decided now instead of held.
  share::Report report(bool final = false);

  // The latest packet time seen (time never runs backwards in here).
  TimestampUs now() const { return now_us_; }

 private:
  void countFlow(const decode::DecodedPacket& p, const uint8_t* data, uint32_t captured, uint32_t wire_len);
  // Labels of a new flow record: remote country and AS, application pending.
  void labelNewFlow(flow::FlowRecord& rec, const IpAddr& remote);
  void inspect(flow::FlowRecord& rec, const decode::DecodedPacket& p, const uint8_t* data, uint32_t captured,
               attribute::Direction dir);

  config::Config cfg_;
  PipelineEnrichment enrichment_;
  attribute::Attributor attributor_;
  share::ShareCounters counters_;
  CountingSink sink_;
  flow::FlowTable flows_;
  flow::FragmentCache fragments_;
  decode::LinkType link_ = decode::LinkType::Ethernet;
  attribute::InterfaceId iface_ = attribute::kNoInterface;
  decode::DecodedPacket packet_;
  std::array<uint64_t, decode::kDecodeStatusCount> decode_counts_{};
  share::Counter input_;
  TimestampUs first_us_ = 0;
  TimestampUs now_us_ = 0;
  uint64_t fragments_unmatched_ = 0;
};

}  // namespace edgeflow::pipeline
