// Field readers over one libmaxminddb entry: the names and types that the
// database families in use spell country, ASN and organisation with.
//
// Each returns Found, Absent (no such field, or a value of another type), or
// Error (libmaxminddb reported corrupt data; the caller counts it).
#pragma once

#include <maxminddb.h>

#include <cstdint>
#include <string>

#include "agent/enrich/labels.h"

namespace edgeflow::enrich::geo {

enum class FieldStatus : uint8_t { Found, Absent, Error };

FieldStatus readCountry(MMDB_entry_s& entry, CountryCode& out);
FieldStatus readAsn(MMDB_entry_s& entry, uint32_t& out);
FieldStatus readOrganization(MMDB_entry_s& entry, std::string& out);

// "AS15169", "as15169" or "15169" -> 15169; false for anything else.
bool parseAsnText(const char* text, uint32_t size, uint32_t& out);

}  // namespace edgeflow::enrich::geo
