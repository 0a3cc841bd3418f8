#include "platform/linux/geo/mmdb_fields.h"

#include <string_view>

namespace edgeflow::enrich::geo {

namespace {

// Looks up a path; `data` holds the value when Found. MMDB_aget_value
// takes the path as an array: MMDB_get_value would copy it into a heap
// array on every call.
template <typename... Path>
FieldStatus get(MMDB_entry_s& entry, MMDB_entry_data_s& data, Path... path) {
  const char* const elements[] = {path..., nullptr};
  const int status = MMDB_aget_value(&entry, &data, elements);
  if (status == MMDB_SUCCESS) return data.has_data ? FieldStatus::Found : FieldStatus::Absent;
  if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR || status == MMDB_INVALID_LOOKUP_PATH_ERROR) {
    return FieldStatus::Absent;
  }
  return FieldStatus::Error;
}

bool countryFrom(const MMDB_entry_data_s& data, CountryCode& out) {
  if (data.type != MMDB_DATA_TYPE_UTF8_STRING) return false;
  out = packCountry(std::string_view(data.utf8_string, data.data_size));
  return out != kCountryUnknown;
}

// The value of an ASN field: an unsigned integer or a decimal string.
FieldStatus asnFrom(const MMDB_entry_data_s& data, uint32_t& out) {
  switch (data.type) {
    case MMDB_DATA_TYPE_UINT16:
      out = data.uint16;
      return FieldStatus::Found;
    case MMDB_DATA_TYPE_UINT32:
      out = data.uint32;
      return FieldStatus::Found;
    case MMDB_DATA_TYPE_UINT64:
      if (data.uint64 > 0xffffffffu) return FieldStatus::Absent;
      out = static_cast<uint32_t>(data.uint64);
      return FieldStatus::Found;
    case MMDB_DATA_TYPE_UTF8_STRING:
      return parseAsnText(data.utf8_string, data.data_size, out) ? FieldStatus::Found : FieldStatus::Absent;
    default:
      return FieldStatus::Absent;
  }
}

}  // namespace

bool parseAsnText(const char* text, uint32_t size, uint32_t& out) {
  std::string_view s(text, size);
  if (s.size() > 2 && (s[0] == 'A' || s[0] == 'a') && (s[1] == 'S' || s[1] == 's')) s.remove_prefix(2);
  if (s.empty() || s.size() > 10) return false;
  uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > 0xffffffffu) return false;
  out = static_cast<uint32_t>(value);
  return true;
}

FieldStatus readCountry(MMDB_entry_s& entry, CountryCode& out) {
  MMDB_entry_data_s data;
  // `country` is a map (GeoLite2, DB-IP) or a string (IPinfo).
  FieldStatus status = get(entry, data, "country");
  if (status == FieldStatus::Error) return status;
  if (status == FieldStatus::Found) {
    if (data.type == MMDB_DATA_TYPE_MAP) {
      status = get(entry, data, "country", "iso_code");
      if (status == FieldStatus::Error) return status;
      if (status == FieldStatus::Found && countryFrom(data, out)) return FieldStatus::Found;
    } else if (countryFrom(data, out)) {
      return FieldStatus::Found;
    }
  }
  status = get(entry, data, "country_code");
  if (status == FieldStatus::Error) return status;
  if (status == FieldStatus::Found && countryFrom(data, out)) return FieldStatus::Found;
  status = get(entry, data, "registered_country", "iso_code");
  if (status == FieldStatus::Error) return status;
  if (status == FieldStatus::Found && countryFrom(data, out)) return FieldStatus::Found;
  return FieldStatus::Absent;
}

FieldStatus readAsn(MMDB_entry_s& entry, uint32_t& out) {
  MMDB_entry_data_s data;
  for (const char* name : {"autonomous_system_number", "asn"}) {
    const FieldStatus status = get(entry, data, name);
    if (status == FieldStatus::Error) return status;
    if (status == FieldStatus::Found && asnFrom(data, out) == FieldStatus::Found) return FieldStatus::Found;
  }
  return FieldStatus::Absent;
}

FieldStatus readOrganization(MMDB_entry_s& entry, std::string& out) {
  MMDB_entry_data_s data;
  for (const char* name : {"autonomous_system_organization", "as_name"}) {
    const FieldStatus status = get(entry, data, name);
    if (status == FieldStatus::Error) return status;
    if (status == FieldStatus::Found && data.type == MMDB_DATA_TYPE_UTF8_STRING) {
      out.assign(data.utf8_string, data.data_size);
      return FieldStatus::Found;
    }
  }
  return FieldStatus::Absent;
}

}  // namespace edgeflow::enrich::geo
