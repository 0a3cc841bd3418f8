// Prints the size of one flow-table entry (IPv4 and IPv6) and what tables of
// 65 536 entries reserve, so run_bench.sh can set them beside the measured
// RSS slope.
#include <cstdio>

#include "agent/flow/flow_table.h"

int main() {
  using namespace edgeflow::flow;
  constexpr unsigned kCapacity = 65536;
  const FlowTable table(kCapacity, 60, 300, 1);
  std::printf("sizeof(FlowEntry<FlowKey4>) %zu\n", sizeof(FlowEntry<FlowKey4>));
  std::printf("sizeof(FlowEntry<FlowKey6>) %zu\n", sizeof(FlowEntry<FlowKey6>));
  std::printf("memoryBytes(%u), reserved for both families %zu\n", kCapacity, table.memoryBytes());
  return 0;
}
