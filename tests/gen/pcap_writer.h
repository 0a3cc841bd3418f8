// CaptureWriter: classic pcap (microsecond timestamps) or pcapng (one
// section, one Ethernet interface, enhanced packet blocks), both written
// little-endian byte by byte so the file is the same on any host.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace edgeflow::gen {

class CaptureWriter {
 public:
  CaptureWriter() = default;
  ~CaptureWriter();
  CaptureWriter(const CaptureWriter&) = delete;
  CaptureWriter& operator=(const CaptureWriter&) = delete;

  // `snaplen` goes into the file header (the largest caplen it may hold).
  bool open(const std::string& path, bool pcapng, uint32_t snaplen, std::string& error);

  // One record: `ts_us` microseconds since the Unix epoch, `cap_len` bytes
  // of `data`, of a frame of `wire_len` bytes.
  void write(uint64_t ts_us, const uint8_t* data, uint32_t cap_len, uint32_t wire_len);

  bool close(std::string& error);

 private:
  void put16(uint32_t v);
  void put32(uint32_t v);
  void bytes(const uint8_t* p, size_t n);
  void flushIfFull();

  std::FILE* file_ = nullptr;
  bool pcapng_ = false;
  bool failed_ = false;
  std::vector<uint8_t> buf_;
};

}  // namespace edgeflow::gen
