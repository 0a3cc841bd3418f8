#include "platform/linux/enrichment.h"

#include <string>
#include <vector>

#ifdef EDGEFLOW_HAVE_GEO
#include "platform/linux/geo/maxmind_geo_asn.h"
#endif
#ifdef EDGEFLOW_HAVE_NDPI
#include "agent/enrich/ndpi/ndpi_classifier.h"
#endif

namespace edgeflow::platform {

struct Enrichment::Parts {
  config::Config cfg;
#ifdef EDGEFLOW_HAVE_GEO
  std::unique_ptr<enrich::MaxmindGeoAsn> geo;
#endif
#ifdef EDGEFLOW_HAVE_NDPI
  std::unique_ptr<enrich::ndpi::NdpiClassifier> classifier;
#endif
};

namespace {

#ifdef EDGEFLOW_HAVE_GEO
std::vector<enrich::GeoDbSource> geoSources(const config::Config& cfg) {
  std::vector<enrich::GeoDbSource> sources;
  if (!cfg.agent.geo_db.empty()) sources.push_back({"geo_db", cfg.agent.geo_db});
  if (!cfg.agent.asn_db.empty()) sources.push_back({"asn_db", cfg.agent.asn_db});
  return sources;
}

std::string describe(const enrich::GeoDbInfo& db) {
  return db.option + " '" + db.path + "': " + (db.database_type.empty() ? "(no type)" : db.database_type) +
         ", IPv" + std::to_string(db.ip_version) + ", " + std::to_string(db.node_count) + " nodes, built " +
         std::to_string(db.build_epoch);
}
#endif

}  // namespace

Enrichment::Enrichment(const config::Config& cfg, LogLine log, [[maybe_unused]] bool announce)
    : parts_(std::make_unique<Parts>()), log_(std::move(log)) {
  parts_->cfg = cfg;
  const bool wants_geo = !cfg.agent.geo_db.empty() || !cfg.agent.asn_db.empty();
#ifdef EDGEFLOW_HAVE_GEO
  if (wants_geo) {
    enrich::MaxmindGeoAsn::Opened opened = enrich::MaxmindGeoAsn::open(geoSources(cfg));
    for (const std::string& error : opened.errors) log_(error + "; counting without it");
    if (opened.geo && announce) {
      for (const enrich::GeoDbInfo& db : opened.geo->databases()) log_("using " + describe(db));
    }
    parts_->geo = std::move(opened.geo);
  }
#else
  if (wants_geo) log_("geo_db/asn_db: this build has no libmaxminddb support; counting without countries and ASes");
#endif
#ifdef EDGEFLOW_HAVE_NDPI
  if (cfg.agent.dpi) {
    parts_->classifier = enrich::ndpi::NdpiClassifier::create({cfg.agent.dpi_flows, cfg.agent.dpi_packets});
    if (!parts_->classifier) {
      log_("dpi: nDPI could not be started; counting without applications");
    } else if (announce) {
      log_("dpi: nDPI " + std::string(enrich::ndpi::NdpiClassifier::ndpiVersion()) + ", " +
           std::to_string(parts_->classifier->stats().capacity) + " flows at once, " +
           std::to_string(cfg.agent.dpi_packets) + " packets each");
    }
  }
#endif
}

Enrichment::~Enrichment() = default;

enrich::GeoLookup* Enrichment::geo() const {
#ifdef EDGEFLOW_HAVE_GEO
  return parts_->geo.get();
#else
  return nullptr;
#endif
}

enrich::Classifier* Enrichment::classifier() const {
#ifdef EDGEFLOW_HAVE_NDPI
  return parts_->classifier.get();
#else
  return nullptr;
#endif
}

bool Enrichment::reload() {
#ifdef EDGEFLOW_HAVE_GEO
  const std::vector<enrich::GeoDbSource> sources = geoSources(parts_->cfg);
  if (sources.empty()) return false;
  const enrich::GeoLookupStats carried = parts_->geo ? parts_->geo->stats() : enrich::GeoLookupStats{};
  enrich::MaxmindGeoAsn::Opened opened = enrich::MaxmindGeoAsn::open(sources, carried);
  // All or nothing: a half-opened set would silently lose a dimension.
  if (!opened.errors.empty() || !opened.geo) {
    for (const std::string& error : opened.errors) log_("reload: " + error);
    log_("reload: keeping the databases in use");
    return false;
  }
  for (const enrich::GeoDbInfo& db : opened.geo->databases()) log_("reloaded " + describe(db));
  parts_->geo = std::move(opened.geo);  // the old databases are unmapped here
  return true;
#else
  return false;
#endif
}

}  // namespace edgeflow::platform
