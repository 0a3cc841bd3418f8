#include "tests/gen/tuple_hash.h"

#include <cstddef>

#include "tests/gen/net.h"

namespace edgeflow::gen {
namespace {

uint64_t hashBytes(uint64_t h, const uint8_t* p, size_t n) {
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

uint8_t protoOf(const FlowSpec& f) {
  switch (f.cls) {
    case FlowClass::Tcp:
    case FlowClass::SynFlood:
      return 6;
    case FlowClass::Icmp:
      return f.v6 ? 58 : 1;
    default:
      return 17;
  }
}

}  // namespace

uint64_t tupleHash(const FlowSpec& f) {
  const bool a_first = compareIp(f.inside, f.outside) < 0 ||
                       (f.inside == f.outside && f.inside_port < f.outside_port);
  const Ip& a = a_first ? f.inside : f.outside;
  const Ip& b = a_first ? f.outside : f.inside;
  uint8_t ports[5] = {0, 0, 0, 0, protoOf(f)};
  if (f.cls != FlowClass::Icmp) {
    put16(ports, a_first ? f.inside_port : f.outside_port);
    put16(ports + 2, a_first ? f.outside_port : f.inside_port);
  }
  uint64_t h = 0xcbf29ce484222325ull;
  h = hashBytes(h, a.b.data(), a.size());
  h = hashBytes(h, b.b.data(), b.size());
  return hashBytes(h, ports, sizeof(ports));
}

}  // namespace edgeflow::gen
