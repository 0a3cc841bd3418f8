// CountingSink: turns flow deltas into share counters, applying the flow
// counting rule of docs/counting.md (one flow per direction that carried
// packets; once for the non-directional rows), and into the breakdown rows
// of the flow's labels (country, AS, application), so that the rows of each
// breakdown sum exactly to their parent in all four fields.
//
// A flow whose application is still being decided (labels.app ==
// kAppUndecided) is held: its deltas stay in the entry until the classifier
// decides, the DPI timeout passes or the flow ends, so the bytes of its first
// packets count under its final application. What is held at a report is
// summed in held().
#pragma once

#include "agent/enrich/classifier.h"
#include "agent/enrich/geo_lookup.h"
#include "agent/flow/flow_table.h"
#include "agent/share/counters.h"

namespace edgeflow::pipeline {

struct SinkEnrichment {
  enrich::Classifier* classifier = nullptr;  // nullptr: no application labels
  enrich::GeoLookup* geo = nullptr;          // for AS organisation names of new rows
  uint32_t dpi_timeout_s = 10;               // undecided longer than this: give up
};

class CountingSink final : public flow::FlowSink {
 public:
  explicit CountingSink(share::ShareCounters& counters, SinkEnrichment enrichment = {})
      : counters_(counters), enrichment_(enrichment) {}

  // Packet time, for the DPI timeout.
  void setNow(uint32_t now_s) { now_s_ = now_s; }
  void setGeoLookup(enrich::GeoLookup* geo) { enrichment_.geo = geo; }

  const enrich::Classifier* classifier() const { return enrichment_.classifier; }
  const enrich::GeoLookup* geo() const { return enrichment_.geo; }

  // Holds an undecided flow unless `ending`, its DPI time is up, or holding
  // is off.
  void flush(flow::FlowRecord& rec, const IpAddr& remote, bool ending) override;

  // Flushes even an undecided flow (deciding it first): before a narrow
  // delta would wrap.
  void flushNow(flow::FlowRecord& rec, const IpAddr& remote);
  // Counts one packet straight into the counters (deciding the flow first):
  // for a frame whose link bytes do not fit a delta even when it is empty.
  void countPacket(flow::FlowRecord& rec, const IpAddr& remote, attribute::Direction dir,
                   const share::Counter& add);

  // Off: every flush decides an undecided flow (giveUp) and counts it, as a
  // last report must so that nothing stays held. On by default.
  void setHoldUndecided(bool hold) { hold_ = hold; }

  // held() sums what flushes held since the last beginReport().
  void beginReport() { held_ = share::Counter{}; }
  const share::Counter& held() const { return held_; }

 private:
  void decide(flow::FlowRecord& rec);
  void count(flow::FlowRecord& rec, const IpAddr& remote);
  void countDirection(flow::FlowRecord& rec, const IpAddr& remote, int d, share::Counter add);

  share::ShareCounters& counters_;
  SinkEnrichment enrichment_;
  uint32_t now_s_ = 0;
  bool hold_ = true;
  share::Counter held_;
};

}  // namespace edgeflow::pipeline
