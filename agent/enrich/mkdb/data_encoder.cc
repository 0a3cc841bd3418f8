#include "agent/enrich/mkdb/data_encoder.h"

namespace edgeflow::enrich::mkdb {

namespace {

// Pointer sizes (spec "Pointers"): SS = 0..3 adds 1..4 bytes after the
// control byte 001SSVVV; sizes 1 and 2 are biased by 2048 and 526336.
constexpr uint32_t kPointerBias1 = 2048;
constexpr uint32_t kPointerBias2 = 526336;
constexpr uint32_t kPointerLimit2 = kPointerBias2 + (uint32_t{1} << 27);

}  // namespace

uint32_t pointerSize(uint32_t target) {
  if (target < kPointerBias1) return 2;
  if (target < kPointerBias2) return 3;
  if (target < kPointerLimit2) return 4;
  return 5;
}

void DataEncoder::control(DataType type, uint32_t size) {
  const uint8_t t = static_cast<uint8_t>(type);
  uint8_t size_bits = 0;
  uint32_t extra = 0;
  size_t extra_bytes = 0;
  if (size < 29) {
    size_bits = static_cast<uint8_t>(size);
  } else if (size < 29 + 256) {
    size_bits = 29;
    extra = size - 29;
    extra_bytes = 1;
  } else if (size < 285 + 65536) {
    size_bits = 30;
    extra = size - 285;
    extra_bytes = 2;
  } else {
    size_bits = 31;
    extra = size - 65821;
    extra_bytes = 3;
  }
  if (t <= 7) {
    out_.push_back(static_cast<uint8_t>(t << 5 | size_bits));
  } else {
    out_.push_back(size_bits);
    out_.push_back(static_cast<uint8_t>(t - 7));
  }
  for (size_t i = extra_bytes; i > 0; --i) out_.push_back(static_cast<uint8_t>(extra >> (8 * (i - 1))));
}

void DataEncoder::string(std::string_view text) {
  control(DataType::Utf8String, static_cast<uint32_t>(text.size()));
  out_.insert(out_.end(), text.begin(), text.end());
}

void DataEncoder::unsignedInt(DataType type, uint64_t value) {
  uint32_t bytes = 0;
  for (uint64_t v = value; v != 0; v >>= 8) ++bytes;
  control(type, bytes);
  for (uint32_t i = bytes; i > 0; --i) out_.push_back(static_cast<uint8_t>(value >> (8 * (i - 1))));
}

void DataEncoder::mapHeader(uint32_t pairs) { control(DataType::Map, pairs); }

void DataEncoder::arrayHeader(uint32_t items) { control(DataType::Array, items); }

void DataEncoder::pointer(uint32_t target) {
  if (target < kPointerBias1) {
    out_.push_back(static_cast<uint8_t>(0x20 | (target >> 8)));
    out_.push_back(static_cast<uint8_t>(target));
  } else if (target < kPointerBias2) {
    const uint32_t v = target - kPointerBias1;
    out_.push_back(static_cast<uint8_t>(0x28 | (v >> 16)));
    out_.push_back(static_cast<uint8_t>(v >> 8));
    out_.push_back(static_cast<uint8_t>(v));
  } else if (target < kPointerLimit2) {
    const uint32_t v = target - kPointerBias2;
    out_.push_back(static_cast<uint8_t>(0x30 | (v >> 24)));
    out_.push_back(static_cast<uint8_t>(v >> 16));
    out_.push_back(static_cast<uint8_t>(v >> 8));
    out_.push_back(static_cast<uint8_t>(v));
  } else {
    out_.push_back(0x38);
    for (int shift = 24; shift >= 0; shift -= 8) out_.push_back(static_cast<uint8_t>(target >> shift));
  }
}

void DataEncoder::sharedString(std::string_view text) {
  const std::string key = "s:" + std::string(text);
  const auto it = shared_.find(key);
  // A string of n < 29 bytes takes n + 1 inline.
  if (it != shared_.end() && pointerSize(it->second) < text.size() + 1) {
    pointer(it->second);
    return;
  }
  if (it == shared_.end()) shared_.emplace(key, offset());
  string(text);
}

bool DataEncoder::sharedValue(const std::string& key) {
  const auto it = shared_.find(key);
  if (it == shared_.end()) return false;
  pointer(it->second);
  return true;
}

}  // namespace edgeflow::enrich::mkdb
