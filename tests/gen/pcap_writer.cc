#include "tests/gen/pcap_writer.h"

namespace edgeflow::gen {
namespace {

constexpr size_t kFlushAt = 4u << 20;
constexpr uint32_t kLinkTypeEthernet = 1;

}  // namespace

CaptureWriter::~CaptureWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void CaptureWriter::put16(uint32_t v) {
  buf_.push_back(static_cast<uint8_t>(v));
  buf_.push_back(static_cast<uint8_t>(v >> 8));
}

void CaptureWriter::put32(uint32_t v) {
  for (int i = 0; i < 4; ++i) buf_.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void CaptureWriter::bytes(const uint8_t* p, size_t n) { buf_.insert(buf_.end(), p, p + n); }

void CaptureWriter::flushIfFull() {
  if (buf_.size() < kFlushAt) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  buf_.clear();
}

bool CaptureWriter::open(const std::string& path, bool pcapng, uint32_t snaplen,
                         std::string& error) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) {
    error = "cannot create " + path;
    return false;
  }
  pcapng_ = pcapng;
  buf_.reserve(kFlushAt + 70000);
  if (!pcapng) {
    put32(0xa1b2c3d4);  // microsecond timestamps
    put16(2);
    put16(4);
    put32(0);  // thiszone
    put32(0);  // sigfigs
    put32(snaplen);
    put32(kLinkTypeEthernet);
    return true;
  }
  // Section header block: no options, section length unknown (-1).
  put32(0x0a0d0d0a);
  put32(28);
  put32(0x1a2b3c4d);
  put16(1);
  put16(0);
  put32(0xffffffff);
  put32(0xffffffff);
  put32(28);
  // Interface description block; without if_tsresol timestamps are in us.
  put32(1);
  put32(20);
  put16(kLinkTypeEthernet);
  put16(0);
  put32(snaplen);
  put32(20);
  return true;
}

void CaptureWriter::write(uint64_t ts_us, const uint8_t* data, uint32_t cap_len,
                          uint32_t wire_len) {
  if (!pcapng_) {
    put32(static_cast<uint32_t>(ts_us / 1000000));
    put32(static_cast<uint32_t>(ts_us % 1000000));
    put32(cap_len);
    put32(wire_len);
    bytes(data, cap_len);
  } else {
    const uint32_t padded = (cap_len + 3) & ~3u;
    const uint32_t total = 32 + padded;
    put32(6);  // enhanced packet block
    put32(total);
    put32(0);  // interface 0
    put32(static_cast<uint32_t>(ts_us >> 32));
    put32(static_cast<uint32_t>(ts_us));
    put32(cap_len);
    put32(wire_len);
    bytes(data, cap_len);
    buf_.insert(buf_.end(), padded - cap_len, 0);
    put32(total);
  }
  flushIfFull();
}

bool CaptureWriter::close(std::string& error) {
  if (file_ == nullptr) return true;
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size())
    failed_ = true;
  buf_.clear();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) error = "write error on the capture file";
  return !failed_;
}

}  // namespace edgeflow::gen
