// Prints the size of one flow-table entry (IPv4 and IPv6) and what tables of
// 65 536 entries reserve, so run_bench.sh can set them beside the measured
// RSS slope.
#include <cstdio>

#include "agent/flow/flow_table.h"

int main() {
  using namespace edgeflow::flow;
  constexpr unsigned kCapacity = 65536;
  const FlowTable4 v4(kCapacity, 60, 300, 1);
  const FlowTable6 v6(kCapacity, 60, 300, 1);
  std::printf("sizeof(FlowEntry<FlowKey4>) %zu\n", sizeof(FlowEntry<FlowKey4>));
  std::printf("sizeof(FlowEntry<FlowKey6>) %zu\n", sizeof(FlowEntry<FlowKey6>));
  std::printf("memoryBytes(%u) IPv4 %zu IPv6 %zu\n", kCapacity, v4.memoryBytes(), v6.memoryBytes());
  return 0;
}
