#include "agent/enrich/mkdb/csv_ranges.h"

#include <algorithm>
#include <optional>

#include "agent/common/ip_addr.h"
#include "agent/enrich/labels.h"

namespace edgeflow::enrich::mkdb {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits one line into fields; quoted fields may hold commas and "" escapes.
// Returns an error text, "" when the line is well formed.
std::string splitFields(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::string field;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        field.push_back(line[i++]);
      }
      if (!closed) return "unterminated quoted field";
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i < line.size() && line[i] != ',') return "unexpected text after a quoted field";
    } else {
      const size_t start = i;
      while (i < line.size() && line[i] != ',') ++i;
      const std::string_view raw = trim(line.substr(start, i - start));
      if (raw.find('"') != std::string_view::npos) return "a quote inside an unquoted field";
      field.assign(raw);
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return "";
    ++i;  // the comma
  }
}

bool isAddressChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
}

bool looksLikeHeader(std::string_view first_field) {
  if (first_field.empty()) return false;
  for (char c : first_field) {
    if (!isAddressChar(c)) return true;
  }
  return false;
}

struct Key {
  U128 value;
  bool v4 = false;
};

std::optional<Key> parseKey(std::string_view text) {
  const std::optional<IpAddr> addr = IpAddr::parse(text);
  if (!addr) return std::nullopt;
  Key key;
  if (addr->family == IpFamily::V4) {
    key.value = U128::fromV4(addr->v4HostOrder());
    key.v4 = true;
    return key;
  }
  for (int i = 0; i < 8; ++i) key.value.hi = key.value.hi << 8 | addr->bytes[static_cast<size_t>(i)];
  for (int i = 8; i < 16; ++i) key.value.lo = key.value.lo << 8 | addr->bytes[static_cast<size_t>(i)];
  return key;
}

std::optional<uint32_t> parseAsn(std::string_view text) {
  if (text.size() > 2 && (text[0] == 'A' || text[0] == 'a') && (text[1] == 'S' || text[1] == 's')) {
    text.remove_prefix(2);
  }
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > 0xffffffffu) return std::nullopt;
  return static_cast<uint32_t>(value);
}

std::string at(std::string_view name, uint32_t line, const std::string& message) {
  return std::string(name) + ":" + std::to_string(line) + ": " + message;
}

}  // namespace

std::string keyToString(U128 key, bool v4) {
  if (v4) return IpAddr::v4(static_cast<uint32_t>(key.lo)).toString();
  uint8_t bytes[16];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<uint8_t>(key.hi >> (56 - 8 * i));
  for (int i = 0; i < 8; ++i) bytes[8 + i] = static_cast<uint8_t>(key.lo >> (56 - 8 * i));
  return IpAddr::v6(bytes).toString();
}

std::string parseCsvRanges(std::string_view text, std::string_view name, CsvKind kind, CsvFile& out) {
  out.name.assign(name);
  out.kind = kind;
  out.ranges.clear();
  const size_t want_fields = kind == CsvKind::Country ? 3 : 4;
  const char* format = kind == CsvKind::Country ? "start,end,country" : "start,end,asn,organisation";
  std::vector<std::string> fields;
  uint32_t line_no = 0;
  bool seen_data_line = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    const std::string split_error = splitFields(line, fields);
    if (!split_error.empty()) return at(name, line_no, split_error);
    if (!seen_data_line && looksLikeHeader(fields[0])) {
      seen_data_line = true;
      continue;
    }
    seen_data_line = true;
    if (fields.size() != want_fields) {
      return at(
          name, line_no,
          std::to_string(fields.size()) + " fields, expected " + std::to_string(want_fields) + " (" + format + ")");
    }
    const std::optional<Key> first = parseKey(fields[0]);
    if (!first) return at(name, line_no, "'" + fields[0] + "' is not an IPv4 or IPv6 address");
    const std::optional<Key> last = parseKey(fields[1]);
    if (!last) return at(name, line_no, "'" + fields[1] + "' is not an IPv4 or IPv6 address");
    if (first->v4 != last->v4) {
      return at(name, line_no, "'" + fields[0] + "' and '" + fields[1] + "' are of different address families");
    }
    if (last->value < first->value) {
      return at(name, line_no, "start " + fields[0] + " is after end " + fields[1]);
    }
    CsvRange range;
    range.first = first->value;
    range.last = last->value;
    range.v4 = first->v4;
    range.line = line_no;
    if (kind == CsvKind::Country) {
      const CountryCode code = packCountry(fields[2]);
      if (code == kCountryUnknown) {
        return at(name, line_no, "country '" + fields[2] + "' is not a two-letter ISO 3166 code");
      }
      range.country = unpackCountry(code);
    } else {
      const std::optional<uint32_t> asn = parseAsn(fields[2]);
      if (!asn) return at(name, line_no, "ASN '" + fields[2] + "' is not a 32-bit decimal number");
      range.asn = *asn;
      range.org = fields[3];
    }
    out.ranges.push_back(std::move(range));
  }
  std::stable_sort(out.ranges.begin(), out.ranges.end(),
                   [](const CsvRange& a, const CsvRange& b) { return a.first < b.first; });
  for (size_t i = 1; i < out.ranges.size(); ++i) {
    const CsvRange& prev = out.ranges[i - 1];
    const CsvRange& cur = out.ranges[i];
    if (cur.first <= prev.last) {
      const CsvRange& later = prev.line > cur.line ? prev : cur;
      const CsvRange& earlier = prev.line > cur.line ? cur : prev;
      return at(name, later.line,
                "range " + keyToString(later.first, later.v4) + "-" + keyToString(later.last, later.v4) +
                    " overlaps the range at line " + std::to_string(earlier.line));
    }
  }
  return "";
}

}  // namespace edgeflow::enrich::mkdb
