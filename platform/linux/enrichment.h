// Enrichment: the geo/ASN databases and the application classifier that the
// configuration asks for, built from what this binary was compiled with.
//
// Nothing here is fatal: a database that cannot be opened, or a classifier
// this build lacks, is one log line and the agent counts without it.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "agent/config/config.h"
#include "agent/enrich/classifier.h"
#include "agent/enrich/geo_lookup.h"

namespace edgeflow::platform {

using LogLine = std::function<void(std::string_view)>;

class Enrichment {
 public:
  // Opens `geo_db` / `asn_db` and starts nDPI when `dpi` is on. Problems
  // are always logged; with `announce`, what is in use is logged too.
  Enrichment(const config::Config& cfg, LogLine log, bool announce = true);
  ~Enrichment();

  Enrichment(const Enrichment&) = delete;
  Enrichment& operator=(const Enrichment&) = delete;

  // nullptr when off (not configured, not built in, or failed to open).
  enrich::GeoLookup* geo() const;
  enrich::Classifier* classifier() const;

  // SIGHUP: opens the configured databases again. Succeeds as a whole or
  // keeps the databases in use (flows keep the labels they have), so no
  // count is lost. Returns true when the new databases replaced the old,
  // which are closed at once: the caller must hand geo() to the pipeline
  // again before the next packet (one thread, so nothing runs in between).
  bool reload();

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
  LogLine log_;
};

}  // namespace edgeflow::platform
