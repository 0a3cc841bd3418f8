// ByteReader: a bounded cursor over untrusted bytes.
//
// Every read either succeeds and advances, or fails and leaves the cursor
// where it was. Parsers read one field per line and test the result; they can
// never run past the end of the view. Multi-byte reads are big-endian (network
// order) unless the name says otherwise, and are assembled byte by byte, so
// the code is endian-clean on any host.
#pragma once

#include <cstddef>
#include <cstdint>

namespace edgeflow {

class ByteReader {
 public:
  ByteReader() = default;
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  size_t offset() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  size_t size() const { return size_; }
  bool empty() const { return pos_ == size_; }
  const uint8_t* here() const { return data_ + pos_; }
  const uint8_t* base() const { return data_; }

  bool u8(uint8_t& out) {
    if (remaining() < 1) return false;
    out = data_[pos_];
    pos_ += 1;
    return true;
  }
  bool u16be(uint16_t& out) {
    if (remaining() < 2) return false;
    out = static_cast<uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  bool u16le(uint16_t& out) {
    if (remaining() < 2) return false;
    out = static_cast<uint16_t>((data_[pos_ + 1] << 8) | data_[pos_]);
    pos_ += 2;
    return true;
  }
  bool u32be(uint32_t& out) {
    if (remaining() < 4) return false;
    out = (uint32_t{data_[pos_]} << 24) | (uint32_t{data_[pos_ + 1]} << 16) |
          (uint32_t{data_[pos_ + 2]} << 8) | uint32_t{data_[pos_ + 3]};
    pos_ += 4;
    return true;
  }
  bool u32le(uint32_t& out) {
    if (remaining() < 4) return false;
    out = (uint32_t{data_[pos_ + 3]} << 24) | (uint32_t{data_[pos_ + 2]} << 16) |
          (uint32_t{data_[pos_ + 1]} << 8) | uint32_t{data_[pos_]};
    pos_ += 4;
    return true;
  }
  // Copies n bytes out. Fails (and copies nothing) if fewer remain.
  bool bytes(uint8_t* out, size_t n) {
    if (remaining() < n) return false;
    for (size_t i = 0; i < n; ++i) out[i] = data_[pos_ + i];
    pos_ += n;
    return true;
  }
  bool skip(size_t n) {
    if (remaining() < n) return false;
    pos_ += n;
    return true;
  }
  // Peeks at the byte `ahead` bytes from the cursor without advancing.
  bool peek8(uint8_t& out, size_t ahead = 0) const {
    if (remaining() <= ahead) return false;
    out = data_[pos_ + ahead];
    return true;
  }
  // A reader over the next n bytes; the cursor moves past them.
  bool sub(size_t n, ByteReader& out) {
    if (remaining() < n) return false;
    out = ByteReader(data_ + pos_, n);
    pos_ += n;
    return true;
  }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
};

}  // namespace edgeflow
