// Internal plumbing shared by the layer decoders (not part of the API).
//
// Every layer decoder has the same shape: it receives a ByteReader over the
// whole frame (base = first byte of the frame, so offset() is a frame offset)
// positioned at its own header, reads that header, records what it learnt in
// the DecodedPacket and hands the rest to the next decoder, returning the
// final status. The encapsulation caps keep the chain short and bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "agent/common/byte_reader.h"
#include "agent/decode/packet.h"

namespace edgeflow::decode {

struct DecodeContext {
  // The frame's length on the wire; never less than the captured length.
  size_t wire_len;
  DecodedPacket& out;
};

using LayerDecoder = DecodeStatus (*)(ByteReader& r, DecodeContext& ctx);

// Fixed-size headers are first cut out whole with ByteReader::sub(); the
// reads from that sub-reader cannot fail, so their results are not tested.

// Copies N bytes out of the reader, bounds-checked like every read. One
// memcpy of a constant size: ByteReader::bytes() copies byte by byte, and the
// compiler cannot merge those copies because the destination might alias
// the packet.
template <size_t N>
inline bool copyOut(ByteReader& r, uint8_t* out) {
  if (r.remaining() < N) return false;
  std::memcpy(out, r.here(), N);
  return r.skip(N);
}

// Reads four address bytes into `a` as an IPv4-mapped IPv6 address.
inline void readIpv4Addr(ByteReader& h, IpAddr& a) {
  static constexpr uint8_t kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  std::memcpy(a.bytes.data(), kV4Mapped, sizeof kV4Mapped);
  copyOut<4>(h, a.bytes.data() + 12);
  a.family = IpFamily::V4;
}

inline void readIpv6Addr(ByteReader& h, IpAddr& a) {
  copyOut<16>(h, a.bytes.data());
  a.family = IpFamily::V6;
}

inline void readMac(ByteReader& h, MacAddr& m) { copyOut<6>(h, m.bytes.data()); }

}  // namespace edgeflow::decode
