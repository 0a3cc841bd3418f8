#include "agent/config/collector_section.h"

#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

// Datagrams are at least the IPv4 minimum reassembly size and at most a
// jumbo frame's IP packet.
constexpr uint32_t kMinMtu = 576;
constexpr uint32_t kMaxMtu = 9000;

std::string applyAddress(std::string_view value, Collector& collector, ApplyContext&) {
  const std::string reason = parseListen(value, collector.addr, collector.port);
  if (reason.empty()) collector.address = std::string(value);
  return reason;
}

std::string applyMtu(std::string_view value, Collector& collector, ApplyContext&) {
  return parseInRange(value, kMinMtu, kMaxMtu, collector.mtu);
}

std::string applyInterval(std::string_view value, Collector& collector, ApplyContext&) {
  return parseInRange(value, 1, 3600, collector.interval);
}

constexpr OptionSpec<Collector> kCollectorOptions[] = {
    {"address", Arity::Option, applyAddress},
    {"mtu", Arity::Option, applyMtu},
    {"interval", Arity::Option, applyInterval},
};

Collector& openCollector(Config& config, std::string_view name) {
  Collector& collector = config.collectors.emplace_back();
  collector.id =
      name.empty() ? "@collector[" + std::to_string(config.collectors.size() - 1) + "]" : std::string(name);
  return collector;
}

std::optional<Problem> finishCollector(Collector&, int header_line, const GivenOptions& given) {
  if (given.lineOf("address") != 0) return std::nullopt;
  return Problem{header_line, "config collector: missing 'option address' (e.g. option address '192.0.2.10:9466')"};
}

constexpr SectionSpec<Collector> kCollectorSection{
    .type = "collector",
    .needs_name = false,
    .max_count = 16,
    .options = kCollectorOptions,
    .open = openCollector,
    .finish = finishCollector,
};

}  // namespace

const SectionSpec<Collector>& collectorSection() { return kCollectorSection; }

}  // namespace edgeflow::config
