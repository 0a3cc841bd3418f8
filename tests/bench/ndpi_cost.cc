// What the nDPI classifier costs: memory (flow state, resident size of the
// module and of the pool) and, under callgrind, instructions per flow and per
// inspected packet. Prints numbers; never a pass/fail test.
//
//   ndpi_cost rss
//   ndpi_cost held KIND FLOWS
//   valgrind --tool=callgrind --toggle-collect='*classifyAll*' ndpi_cost KIND FLOWS
//
// KIND: tls (ClientHello www.youtube.com: 1 packet), tls-plain (ClientHello
// with an unknown name + 11 server packets: the budget), tls-app
// (ClientHello with an unknown name, then 16 KB application-data records
// from both sides in 1400-byte segments), dns (query for www.google.com:
// 1 packet), random (12 random payloads: the budget), tls-crafted (a flood:
// 12 client segments of 1400 bytes whose first bytes are a handshake record
// header claiming 16 KB), tls-chain (the same flood with back-to-back fake
// handshake records of 4096 bytes in all, the most a flow may buffer).
// Instructions per flow = callgrind's total / FLOWS; per packet = total /
// the packet count printed.
//
// `held` feeds the FLOWS flows packet by packet side by side (packet 1 of
// every flow, then packet 2 ...), as a flood of new flows does, and prints
// the heap held at the most flows in flight: what nDPI allocates per flow
// while classifying it, on top of the pool's slots (allocated up front).
#include <malloc.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "agent/enrich/ndpi/ndpi_classifier.h"
#include "tests/unit/enrich/ndpi_packets.h"

using namespace edgeflow::enrich;
using namespace edgeflow::enrich::testing;
using edgeflow::enrich::ndpi::NdpiClassifier;
using edgeflow::enrich::ndpi::NdpiOptions;

namespace {

// Heap bytes allocated now (main arena and mmap'd blocks).
long heapKb() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<long>((info.uordblks + info.hblkhd) / 1024);
}

long vmRssKb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

using Flow = std::vector<Bytes>;

std::vector<Flow> buildFlows(const std::string& kind, int count) {
  std::vector<Flow> flows;
  flows.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    const auto port = static_cast<uint16_t>(10000 + i % 50000);
    const uint32_t client = kClient + static_cast<uint32_t>(i / 50000);
    Flow flow;
    if (kind == "tls") {
      TcpConversation tcp(client, port, kServer, 443);
      flow.push_back(tcp.fromClient(tlsClientHello("www.youtube.com")));
    } else if (kind == "tls-plain") {
      TcpConversation tcp(client, port, kServer, 443);
      flow.push_back(tcp.fromClient(tlsClientHello("shop.example.net")));
      for (uint32_t p = 0; p < 11; ++p) flow.push_back(tcp.fromServer(randomBytes(p, 1400)));
    } else if (kind == "tls-app") {
      TcpConversation tcp(client, port, kServer, 443);
      flow.push_back(tcp.fromClient(tlsClientHello("shop.example.net")));
      const Bytes record = tlsApplicationData(static_cast<uint32_t>(i), 16384 + 5);
      for (uint32_t p = 0; p < 11; ++p) {
        const size_t at = (p / 2) * 1400 % record.size();
        const Bytes segment(record.begin() + static_cast<std::ptrdiff_t>(at),
                            record.begin() + static_cast<std::ptrdiff_t>(std::min(at + 1400, record.size())));
        flow.push_back(p % 2 == 0 ? tcp.fromClient(segment) : tcp.fromServer(segment));
      }
    } else if (kind == "tls-crafted" || kind == "tls-chain") {
      TcpConversation tcp(client, port, kServer, 443);
      const size_t record = kind == "tls-crafted" ? 16384 + 5 : 4096;
      Bytes stream;
      while (stream.size() < 12 * 1400) {
        const size_t body = record - 5;
        const Bytes header{0x16, 0x03, 0x03, static_cast<uint8_t>(body >> 8), static_cast<uint8_t>(body & 0xff)};
        const Bytes bytes = randomBytes(static_cast<uint32_t>(i) * 16 + static_cast<uint32_t>(stream.size()), body);
        stream.insert(stream.end(), header.begin(), header.end());
        stream.insert(stream.end(), bytes.begin(), bytes.end());
      }
      for (size_t at = 0; at < 12 * 1400; at += 1400) {
        const auto from = stream.begin() + static_cast<std::ptrdiff_t>(at);
        flow.push_back(tcp.fromClient(Bytes(from, from + 1400)));
      }
    } else if (kind == "dns") {
      flow.push_back(ipv4Udp(client, port, kServer, 53, dnsQuery("www.google.com", static_cast<uint16_t>(i))));
    } else if (kind == "random") {
      TcpConversation tcp(client, port, kServer, 5555);
      for (uint32_t p = 0; p < 12; ++p) {
        const Bytes payload = randomBytes(static_cast<uint32_t>(i) * 16 + p, 300);
        flow.push_back(p % 2 == 0 ? tcp.fromClient(payload) : tcp.fromServer(payload));
      }
    } else {
      return {};
    }
    flows.push_back(std::move(flow));
  }
  return flows;
}

// The measured part: every flow through the classifier until decided.
__attribute__((noinline)) uint64_t classifyAll(NdpiClassifier& classifier, const std::vector<Flow>& flows) {
  uint64_t packets = 0;
  uint64_t ts = 1'700'000'000'000'000;
  for (const Flow& flow : flows) {
    FlowLabels labels;
    labels.app = kAppUndecided;
    for (const Bytes& packet : flow) {
      if (labels.app != kAppUndecided) break;
      feed(classifier, labels, packet, ts);
      ts += 1000;
      ++packets;
    }
    classifier.giveUp(labels);
  }
  return packets;
}

int rss() {
  const long start = vmRssKb();
  const long heap_start = heapKb();
  auto first = NdpiClassifier::create({1, 12});
  const long after_first = vmRssKb();
  const long heap_first = heapKb();
  std::printf("nDPI %s, flow state %u bytes per slot\n", std::string(NdpiClassifier::ndpiVersion()).c_str(),
              first->stats().state_bytes);
  std::printf("VmRSS %ld kB at start; first classifier (1 slot): %+ld kB (module + library pages first touched)\n",
              start, after_first - start);
  std::printf("heap allocated by the first classifier: %+ld kB\n", heap_first - heap_start);
  first.reset();
  const long before = vmRssKb();
  auto second = NdpiClassifier::create({1, 12});
  const long after_second = vmRssKb();
  std::printf("second classifier (1 slot): %+ld kB (reusing the heap the first one freed)\n", after_second - before);
  second.reset();
  const long freed = vmRssKb();
  auto pool = NdpiClassifier::create({4096, 12});
  const long with_pool = vmRssKb();
  std::printf("classifier with 4096 slots: %+ld kB at start (pool pages not touched yet)\n", with_pool - freed);
  // Hold 4096 flows undecided at once: every slot touched.
  std::vector<FlowLabels> held(4096);
  for (size_t i = 0; i < held.size(); ++i) {
    held[i].app = kAppUndecided;
    TcpConversation ssh(kClient, static_cast<uint16_t>(10000 + i), kServer, 22);
    feed(*pool, held[i], ssh.fromClient(bytesOf("SSH-2.0-OpenSSH_9.2p1\r\n")));
  }
  const long full = vmRssKb();
  std::printf("4096 slots in use (SSH flows held): %+ld kB over the empty classifier (%u in use)\n", full - with_pool,
              pool->stats().in_use);
  for (FlowLabels& labels : held) pool->giveUp(labels);
  return 0;
}

// Every flow's packet 1, then every flow's packet 2 ...: at most FLOWS in
// flight; the heap is sampled after each round.
int held(const std::vector<Flow>& flows) {
  auto classifier = NdpiClassifier::create({65535, 12});
  const long heap_start = heapKb();
  std::vector<FlowLabels> labels(flows.size());
  for (FlowLabels& l : labels) l.app = kAppUndecided;
  long peak_heap = 0;
  uint32_t in_use_at_peak = 0;
  uint64_t ts = 1'700'000'000'000'000;
  for (size_t round = 0; round < 12; ++round) {
    for (size_t i = 0; i < flows.size(); ++i) {
      if (round < flows[i].size() && labels[i].app == kAppUndecided) feed(*classifier, labels[i], flows[i][round], ts);
    }
    ts += 1000;
    const long heap = heapKb() - heap_start;
    if (heap > peak_heap) {
      peak_heap = heap;
      in_use_at_peak = classifier->stats().in_use;
    }
  }
  for (FlowLabels& l : labels) classifier->giveUp(l);
  const ClassifierStats s = classifier->stats();
  std::printf("%zu flows: peak %u in use; nDPI heap +%ld kB then (%ld bytes per flow in use, besides its %u-byte "
              "slot allocated up front); %llu classified, %llu gave up\n",
              flows.size(), s.peak_in_use, peak_heap,
              in_use_at_peak > 0 ? peak_heap * 1024 / static_cast<long>(in_use_at_peak) : 0L, s.state_bytes,
              static_cast<unsigned long long>(s.classified), static_cast<unsigned long long>(s.gave_up));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "rss") == 0) return rss();
  if (argc >= 4 && std::strcmp(argv[1], "held") == 0) {
    const std::vector<Flow> flows = buildFlows(argv[2], std::atoi(argv[3]));
    if (flows.empty()) return 2;
    return held(flows);
  }
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s rss | %s [held] tls|tls-plain|tls-app|tls-crafted|tls-chain|dns|random FLOWS\n", argv[0], argv[0]);
    return 2;
  }
  const std::string kind = argv[1];
  const int count = std::atoi(argv[2]);
  const std::vector<Flow> flows = buildFlows(kind, count);
  if (flows.empty()) {
    std::fprintf(stderr, "unknown kind %s\n", kind.c_str());
    return 2;
  }
  auto classifier = NdpiClassifier::create({4096, 12});
  const uint64_t packets = classifyAll(*classifier, flows);
  const ClassifierStats s = classifier->stats();
  std::printf("%s: %d flows, %llu packets inspected, %llu classified, %llu gave up\n", kind.c_str(), count,
              static_cast<unsigned long long>(packets), static_cast<unsigned long long>(s.classified),
              static_cast<unsigned long long>(s.gave_up));
  return 0;
}
