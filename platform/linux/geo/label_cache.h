// LabelCache: what a database's data record said about country and ASN,
// keyed by (database, data offset).
//
// A MaxMind DB stores each distinct record once and points every network
// with the same data at it, so the few thousand records that busy
// networks use answer most lookups. Decoding a record by path
// (MMDB_aget_value, several paths per field) costs thousands of
// instructions; a slot here costs a hash and a compare.
//
// Fixed size and direct-mapped: allocated once, a new key evicts the one in
// its slot. A slot keeps each field's outcome, errors included, so that a
// lookup served from the cache counts exactly what decoding would have
// counted. The data under an offset never changes while its database is
// open; a reload builds a new MaxmindGeoAsn and with it a new cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "agent/enrich/labels.h"

namespace edgeflow::enrich::geo {

// Outcome of reading one field of a record; Unread until someone reads it.
enum class Outcome : uint8_t { Unread = 0, Found, Absent, Error };

struct LabelSlot {
  uint32_t offset = 0;
  uint32_t asn = 0;                       // meaningful when asnOutcome() is Found
  CountryCode country = kCountryUnknown;  // meaningful when countryOutcome() is Found
  uint8_t db = 0;                         // database index + 1; 0 = empty slot
  uint8_t outcomes = 0;                   // country in bits 0-1, ASN in bits 2-3

  Outcome countryOutcome() const { return static_cast<Outcome>(outcomes & 3u); }
  Outcome asnOutcome() const { return static_cast<Outcome>((outcomes >> 2) & 3u); }
  void setCountry(Outcome o, CountryCode code) {
    country = code;
    outcomes = static_cast<uint8_t>((outcomes & ~3u) | static_cast<unsigned>(o));
  }
  void setAsn(Outcome o, uint32_t value) {
    asn = value;
    outcomes = static_cast<uint8_t>((outcomes & ~12u) | (static_cast<unsigned>(o) << 2));
  }
};
static_assert(sizeof(LabelSlot) == 12, "a slot is 12 bytes");

struct LabelCacheStats {
  uint64_t hits = 0;    // the record's slot was there
  uint64_t misses = 0;  // the slot was empty or held another record
};

class LabelCache {
 public:
  static constexpr size_t kDefaultSlots = 2048;  // 24 KiB
  static constexpr size_t kMaxSlots = size_t{1} << 20;

  // `slots` is rounded up to a power of two (at least 1, at most kMaxSlots).
  explicit LabelCache(size_t slots = kDefaultSlots);

  // The slot of record `offset` in database `db` (0-based, < 255). On a
  // miss the slot is taken over for this record, with both fields Unread.
  LabelSlot& slot(size_t db, uint32_t offset) {
    const uint8_t tag = static_cast<uint8_t>(db + 1);
    // Offsets of neighbouring records differ by their sizes; multiplying
    // spreads them over the slots.
    const uint32_t hash = (offset ^ static_cast<uint32_t>(db << 28)) * 0x9e3779b1u;
    LabelSlot& s = slots_[(hash >> 11) & mask_];
    if (s.db == tag && s.offset == offset) {
      ++stats_.hits;
      return s;
    }
    return take(s, tag, offset);
  }

  size_t slots() const { return mask_ + 1; }
  size_t bytes() const { return slots() * sizeof(LabelSlot); }
  const LabelCacheStats& stats() const { return stats_; }

 private:
  LabelSlot& take(LabelSlot& s, uint8_t tag, uint32_t offset);

  std::unique_ptr<LabelSlot[]> slots_;
  size_t mask_ = 0;
  LabelCacheStats stats_;
};

}  // namespace edgeflow::enrich::geo
