#include "agent/config/source_section.h"

#include <limits>

#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

std::string applyType(std::string_view value, Source& source, ApplyContext&) {
  if (value == "pcap") {
    source.type = std::string(value);
    return {};
  }
  if (value == "netflow" || value == "ipfix") return "not supported yet (only 'pcap' for now)";
  return "unknown source type (known: pcap)";
}

std::string applyInterface(std::string_view value, Source& source, ApplyContext&) {
  if (!isInterfaceName(value)) return kInterfaceNameRule;
  source.interface = std::string(value);
  return {};
}

std::string applySample(std::string_view value, Source& source, ApplyContext&) {
  return parseInRange(value, 1, 1000000, source.sample);
}

constexpr OptionSpec<Source> kSourceOptions[] = {
    {"type", Arity::Option, applyType},
    {"interface", Arity::Option, applyInterface},
    {"sample", Arity::Option, applySample},
};

Source& openSource(Config& config, std::string_view name) {
  Source& source = config.sources.emplace_back();
  source.id = name.empty() ? "@source[" + std::to_string(config.sources.size() - 1) + "]" : std::string(name);
  return source;
}

std::optional<Problem> finishSource(Source&, int, const GivenOptions&) { return std::nullopt; }

constexpr SectionSpec<Source> kSourceSection{
    .type = "source",
    .needs_name = false,
    .max_count = std::numeric_limits<size_t>::max(),
    .options = kSourceOptions,
    .open = openSource,
    .finish = finishSource,
};

}  // namespace

const SectionSpec<Source>& sourceSection() { return kSourceSection; }

}  // namespace edgeflow::config
