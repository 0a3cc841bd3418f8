// FlowLabels: what enrichment learned about a flow, cached on its table entry
// so that every later flush of the flow counts under the same breakdown rows.
//
// The values are small ids, not strings: a country is two ASCII letters
// packed into 16 bits, an application is an id that the classifier names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace edgeflow::enrich {

// ISO 3166 alpha-2 code packed as (first << 8 | second); 0 = not known.
using CountryCode = uint16_t;
constexpr CountryCode kCountryUnknown = 0;

// Two ASCII letters (either case, stored upper case); anything else is
// kCountryUnknown.
constexpr CountryCode packCountry(std::string_view iso) {
  if (iso.size() != 2) return kCountryUnknown;
  uint16_t out = 0;
  for (char c : iso) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return kCountryUnknown;
    out = static_cast<uint16_t>(out << 8 | static_cast<uint8_t>(c));
  }
  return out;
}

// "RU"; "" for kCountryUnknown.
inline std::string unpackCountry(CountryCode code) {
  if (code == kCountryUnknown) return {};
  return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xff)};
}

// An application as the classifier numbers it (Classifier::appName names it).
using AppId = uint16_t;
constexpr AppId kAppUnknown = 0;             // inspected (or no classifier): nothing recognised
constexpr AppId kAppUnclassified = 0xfffe;   // never inspected: the DPI pool was full
constexpr AppId kAppUndecided = 0xffff;      // still being classified: its counts are held

constexpr uint16_t kNoDpiSlot = 0xffff;

struct FlowLabels {
  uint32_t asn = 0;                       // remote AS, 0 = not known
  CountryCode country = kCountryUnknown;  // remote country
  AppId app = kAppUnknown;
  uint16_t dpi_slot = kNoDpiSlot;         // the flow's classifier state while undecided
};

}  // namespace edgeflow::enrich
