#include "tests/gen/payload.h"

#include <algorithm>

#include "tests/gen/net.h"
#include "tests/gen/unit_plan.h"

namespace edgeflow::gen {
namespace {

// A full record: 5 header bytes and 2^14 bytes of plaintext sealed with a
// 24-byte overhead, well under the 2^14 + 256 limit of RFC 8446.
constexpr uint64_t kTlsRecord = 5 + 16384 + 24;

// Where the last record starts: a remainder too short for a record (under
// 6 bytes) is absorbed by the record before it.
uint64_t lastRecordStart(uint64_t total) {
  uint64_t last = total / kTlsRecord * kTlsRecord;
  if (last == total || (total - last < 6 && last > 0)) last -= kTlsRecord;
  return last;
}

void writeLabel(uint8_t*& q, uint32_t len, Rng& nr) {
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  *q++ = static_cast<uint8_t>(len);
  for (uint32_t i = 0; i < len; ++i) {
    // Letters first, as host names usually start.
    *q++ = static_cast<uint8_t>(kChars[nr.below(i == 0 ? 26 : 36)]);
  }
}

}  // namespace

void fillTlsStream(uint8_t* p, uint32_t len, uint64_t pos, uint64_t total, Rng& rng) {
  rng.fill(p, len);
  overlayTlsHeaders(p, len, pos, total);
}

void overlayTlsHeaders(uint8_t* p, uint32_t len, uint64_t pos, uint64_t total) {
  if (total < 6) return;  // too short for a record: opaque bytes
  const uint64_t last = lastRecordStart(total);
  const uint64_t end = pos + len;
  for (uint64_t start = (pos >= 4 ? (pos - 4) / kTlsRecord : 0) * kTlsRecord;
       start < end && start <= last; start += kTlsRecord) {
    const uint64_t body = (start == last ? total - start : kTlsRecord) - 5;
    const uint8_t header[5] = {0x17, 0x03, 0x03, static_cast<uint8_t>(body >> 8),
                               static_cast<uint8_t>(body)};
    for (uint64_t i = 0; i < 5; ++i) {
      if (start + i >= pos && start + i < end) p[start + i - pos] = header[i];
    }
  }
}

void writeDnsMessage(uint8_t* p, const FlowSpec& flow, uint16_t id, bool response, uint32_t answers,
                     Rng& rng) {
  put16(p, id);
  put16(p + 2, response ? 0x8180 : 0x0100);  // response, RD, RA / query, RD
  put16(p + 4, 1);
  put16(p + 6, response ? answers : 0);
  put16(p + 8, 0);
  put16(p + 10, flow.edns ? 1 : 0);

  // The query name, qname_len bytes on the wire, drawn from the flow's own
  // seed so the response repeats the question exactly.
  Rng nr(flow.name_seed);
  static const char* const kTlds[] = {"com", "net", "org", "info", "io"};
  const char* tld = kTlds[nr.below(5)];
  const uint32_t tld_len = tld[2] == '\0' ? 2 : (tld[3] == '\0' ? 3 : 4);
  uint8_t* q = p + 12;
  uint32_t rest = flow.qname_len - 1 - (1 + tld_len);
  while (rest > 0) {
    // Short labels; keep room for one more of at least two characters.
    const uint32_t len =
        rest - 1 <= 12 ? rest - 1 : static_cast<uint32_t>(nr.range(3, std::min(12u, rest - 4)));
    writeLabel(q, len, nr);
    rest -= len + 1;
  }
  *q++ = static_cast<uint8_t>(tld_len);
  for (uint32_t i = 0; i < tld_len; ++i) *q++ = static_cast<uint8_t>(tld[i]);
  *q++ = 0;
  put16(q, 1);      // A
  put16(q + 2, 1);  // IN
  q += 4;

  if (response) {
    for (uint32_t i = 0; i < answers; ++i) {
      put16(q, 0xc00c);  // pointer to the question's name
      put16(q + 2, 1);
      put16(q + 4, 1);
      put32(q + 6, 300);
      put16(q + 10, 4);
      rng.fill(q + 12, 4);
      q += kDnsAnswerSize;
    }
  }
  if (flow.edns) {
    // OPT pseudo-record (RFC 6891): root name, type 41, 4096-byte UDP size.
    q[0] = 0;
    put16(q + 1, 41);
    put16(q + 3, 4096);
    put32(q + 5, 0);
    put16(q + 9, 0);
  }
}

void writeQuicShort(uint8_t* p, uint32_t len, uint64_t dcid, Rng& rng) {
  rng.fill(p, len);
  p[0] = static_cast<uint8_t>(0x40 | (p[0] & 0x3f));  // short header, fixed bit set
  for (int i = 0; i < 8; ++i) p[1 + i] = static_cast<uint8_t>(dcid >> (56 - 8 * i));
}

void writeQuicInitial(uint8_t* p, uint32_t len, uint64_t dcid, uint64_t scid, Rng& rng) {
  rng.fill(p, len);
  // Long header, type Initial; the low bits are header-protected.
  p[0] = static_cast<uint8_t>(0xc0 | (p[0] & 0x0f));
  put32(p + 1, 1);
  p[5] = 8;
  for (int i = 0; i < 8; ++i) p[6 + i] = static_cast<uint8_t>(dcid >> (56 - 8 * i));
  p[14] = 8;
  for (int i = 0; i < 8; ++i) p[15 + i] = static_cast<uint8_t>(scid >> (56 - 8 * i));
  p[23] = 0;                           // token length (varint)
  put16(p + 24, 0x4000 | (len - 26));  // length (2-byte varint): packet number and payload
}

void writeEsp(uint8_t* p, uint32_t len, uint32_t spi, uint32_t seq, Rng& rng) {
  put32(p, spi);
  put32(p + 4, seq);
  rng.fill(p + 8, len - 8);
}

void writeEchoData(uint8_t* p, uint32_t len, uint16_t id, uint16_t seq) {
  // ping(8): a send timestamp, then bytes counting up from 8.
  uint8_t stamp[8];
  put32(stamp, 1767225600u + seq);
  put32(stamp + 4, uint32_t{id} * 977u % 1000000u);
  for (uint32_t i = 0; i < len; ++i) p[i] = i < 8 ? stamp[i] : static_cast<uint8_t>(i);
}

}  // namespace edgeflow::gen
