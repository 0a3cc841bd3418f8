#include "tests/fakes/frames.h"

namespace edgeflow::fakes {

namespace {

void put16(std::vector<uint8_t>& f, uint16_t v) {
  f.push_back(static_cast<uint8_t>(v >> 8));
  f.push_back(static_cast<uint8_t>(v));
}

uint16_t l4Length(const FrameSpec& s) {
  if (s.frag_offset != 0) return s.payload;  // later fragments: payload only
  return static_cast<uint16_t>((s.proto == 6 ? 20 : 8) + s.payload);
}

}  // namespace

uint32_t ipBytesOf(const FrameSpec& s) {
  return (s.src.family == IpFamily::V4 ? 20u : 40u) + l4Length(s);
}

std::vector<uint8_t> buildFrame(const FrameSpec& s) {
  std::vector<uint8_t> f(s.dst_mac.bytes.begin(), s.dst_mac.bytes.end());
  f.insert(f.end(), s.src_mac.bytes.begin(), s.src_mac.bytes.end());
  for (uint16_t vlan : s.vlans) {
    put16(f, 0x8100);
    put16(f, vlan);
  }
  const uint16_t l4_len = l4Length(s);
  if (s.src.family == IpFamily::V4) {
    put16(f, 0x0800);
    f.push_back(0x45);
    f.push_back(0);
    put16(f, static_cast<uint16_t>(20 + l4_len));
    put16(f, s.ip_id);
    put16(f, static_cast<uint16_t>((s.more_fragments ? 0x2000 : 0) | (s.frag_offset / 8)));
    f.push_back(64);
    f.push_back(s.proto);
    put16(f, 0);
    f.insert(f.end(), s.src.v4Bytes(), s.src.v4Bytes() + 4);
    f.insert(f.end(), s.dst.v4Bytes(), s.dst.v4Bytes() + 4);
  } else {
    put16(f, 0x86dd);
    put16(f, 0x6000);
    put16(f, 0);
    put16(f, l4_len);
    f.push_back(s.proto);
    f.push_back(64);
    f.insert(f.end(), s.src.bytes.begin(), s.src.bytes.end());
    f.insert(f.end(), s.dst.bytes.begin(), s.dst.bytes.end());
  }
  if (s.frag_offset == 0) {
    put16(f, s.src_port);
    put16(f, s.dst_port);
    if (s.proto == 6) {
      for (int i = 0; i < 8; ++i) f.push_back(0);  // seq, ack
      f.push_back(0x50);                            // data offset 5
      f.push_back(0x18);                            // PSH ACK
      put16(f, 65535);
      put16(f, 0);
      put16(f, 0);
    } else {
      put16(f, static_cast<uint16_t>(8 + s.payload));
      put16(f, 0);
    }
  }
  f.insert(f.end(), s.payload, 0xab);
  if (f.size() < 60) f.resize(60, 0);
  return f;
}

}  // namespace edgeflow::fakes
