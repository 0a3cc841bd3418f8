// DataEncoder: values in the MaxMind DB data-section encoding, appended to a
// byte buffer (MaxMind DB File Format Specification 2.0, "Output Data
// Section"): a control byte with the type in its top three bits (0 = an
// extended type in the next byte, as type - 7) and the payload size in its
// low five bits (29/30/31: the size continues in 1/2/3 more bytes), then the
// payload, big-endian.
//
// Offsets are relative to the start of the buffer, which is where the
// section starts; pointers carry such offsets.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace edgeflow::enrich::mkdb {

enum class DataType : uint8_t {
  Pointer = 1,
  Utf8String = 2,
  Double = 3,
  Bytes = 4,
  Uint16 = 5,
  Uint32 = 6,
  Map = 7,
  Int32 = 8,
  Uint64 = 9,
  Uint128 = 10,
  Array = 11,
};

class DataEncoder {
 public:
  explicit DataEncoder(std::vector<uint8_t>& out) : out_(out) {}

  uint32_t offset() const { return static_cast<uint32_t>(out_.size()); }

  void string(std::string_view text);
  // Unsigned integers of type Uint16, Uint32 or Uint64, in as few bytes as
  // the value needs (zero bytes for 0).
  void unsignedInt(DataType type, uint64_t value);
  void mapHeader(uint32_t pairs);
  void arrayHeader(uint32_t items);
  void pointer(uint32_t target);

  // A string written once: the first call writes it, later calls with the
  // same text write a pointer to it (when that is shorter). For map keys and
  // repeated values. Pointers never point at pointers.
  void sharedString(std::string_view text);

  // Remembers that a value whose identity is `key` starts at `at`, so that
  // `sharedValue(key)` can point to it later.
  void remember(const std::string& key, uint32_t at) { shared_.emplace(key, at); }
  // Writes a pointer to the value remembered as `key` and returns true, or
  // returns false (writing nothing) when there is none.
  bool sharedValue(const std::string& key);

 private:
  void control(DataType type, uint32_t size);

  std::vector<uint8_t>& out_;
  std::map<std::string, uint32_t> shared_;
};

// Bytes a pointer to `target` takes (2..5).
uint32_t pointerSize(uint32_t target);

}  // namespace edgeflow::enrich::mkdb
