// JsonWriter: compact JSON output with correct string escaping. Just enough
// for reports: objects, strings, unsigned integers, fixed-point numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace edgeflow::exporter {

class JsonWriter {
 public:
  void beginObject();
  void endObject();
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(uint64_t n);
  void value(bool b);
  // A member in one call: key(k), then value(v).
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }
  // A number printed with `decimals` digits after the point (shares).
  void fixed(double d, int decimals);

  const std::string& str() const { return out_; }

 private:
  void separate();
  void appendEscaped(std::string_view s);

  std::string out_;
  std::vector<bool> first_;  // per open object: no member written yet
  bool after_key_ = false;
};

}  // namespace edgeflow::exporter
