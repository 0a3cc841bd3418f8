#include "agent/enrich/ndpi/tls_progress.h"

#include <cstring>

#include "agent/common/byte_reader.h"

namespace edgeflow::enrich::ndpi {
namespace {

// TLS record header: content type 23 (application data), then the record
// version 3.x (3.1 to 3.4 seen on the wire; 3.0 from old stacks).
constexpr uint8_t kApplicationData = 23;
constexpr uint8_t kTlsMajor = 3;
constexpr uint8_t kHighestMinor = 4;

bool startsWithApplicationData(const TcpSegment& segment) {
  ByteReader reader(segment.payload, segment.payload_len);
  uint8_t type = 0;
  uint8_t major = 0;
  uint8_t minor = 0;
  if (!reader.u8(type) || !reader.u8(major) || !reader.u8(minor)) return false;
  return type == kApplicationData && major == kTlsMajor && minor <= kHighestMinor;
}

}  // namespace

bool tcpSegmentOf(const uint8_t* ip, uint32_t ip_len, const uint8_t* l4, uint32_t l4_len, TcpSegment& out) {
  if (ip == nullptr || ip_len == 0 || l4 == nullptr) return false;
  // Source and destination addresses: IPv4 at 12 and 16, IPv6 at 8 and 24.
  const uint32_t version = ip[0] >> 4;
  const uint32_t address_len = version == 4 ? 4 : 16;
  const uint32_t source_at = version == 4 ? 12 : 8;
  if (version != 4 && version != 6) return false;
  if (ip_len < source_at + 2 * address_len) return false;
  ByteReader tcp(l4, l4_len);
  uint16_t source_port = 0;
  uint16_t destination_port = 0;
  uint8_t offset = 0;
  if (!tcp.u16be(source_port) || !tcp.u16be(destination_port) || !tcp.skip(8) || !tcp.u8(offset)) return false;
  const uint32_t header_len = (offset >> 4) * 4u;
  if (header_len < 20 || header_len > l4_len) return false;
  int order = std::memcmp(ip + source_at, ip + source_at + address_len, address_len);
  if (order == 0) order = source_port < destination_port ? -1 : (source_port > destination_port ? 1 : 0);
  out.direction = order <= 0 ? 0 : 1;
  out.payload = l4 + header_len;
  out.payload_len = l4_len - header_len;
  return true;
}

void TlsProgress::onSegment(const TcpSegment& segment, bool reassembly_empty) {
  if (segment.payload_len == 0) return;
  const auto bit = static_cast<uint8_t>(1u << (segment.direction & 1u));
  const bool starts_record = reassembly_empty || (payload_seen & bit) == 0;
  if (starts_record && startsWithApplicationData(segment)) app_data |= bit;
  payload_seen |= bit;
}

void TlsProgress::onHello(uint8_t direction) {
  if (hello == 0) hello = static_cast<uint8_t>(1u + (direction & 1u));
}

bool TlsProgress::handshakeOver() const { return app_data == 3 || (hello != 0 && app_data != 0); }

}  // namespace edgeflow::enrich::ndpi
