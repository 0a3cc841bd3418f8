#include "agent/export/json_writer.h"

#include <cstdio>

namespace edgeflow::exporter {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

void JsonWriter::beginObject() {
  separate();
  out_ += '{';
  first_.push_back(true);
}

void JsonWriter::endObject() {
  out_ += '}';
  first_.pop_back();
}

void JsonWriter::key(std::string_view k) {
  separate();
  appendEscaped(k);
  out_ += ':';
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  separate();
  appendEscaped(s);
}

void JsonWriter::value(uint64_t n) {
  separate();
  out_ += std::to_string(n);
}

void JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
}

void JsonWriter::fixed(double d, int decimals) {
  separate();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, d);
  out_ += buf;
}

void JsonWriter::appendEscaped(std::string_view s) {
  out_ += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (u < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out_ += buf;
        } else {
          out_ += c;
        }
    }
  }
  out_ += '"';
}

}  // namespace edgeflow::exporter
