// UdpPusher: sends reports to one collector (`config collector`) as UDP
// datagrams, each a self-contained encoded Report that fits the collector's
// MTU. Fire and forget: a datagram the kernel does not take at once (socket
// buffer full) or that the collector refuses (ICMP port unreachable reported
// on a later send) is counted and dropped, never queued; so an unreachable
// collector can neither block the agent nor grow its memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "agent/config/config.h"
#include "agent/share/report.h"

namespace edgeflow::platform {

// Splits a report into datagram payloads of at most `max_payload` bytes,
// `final` marking the agent's last report (agent/proto's encodeDatagrams in
// the daemon; a fake in tests).
using DatagramEncoder =
    std::function<std::vector<std::string>(const share::Report&, size_t max_payload, bool final)>;

// IP and UDP header bytes for a collector's address family.
constexpr size_t kIpv4UdpHeaders = 20 + 8;
constexpr size_t kIpv6UdpHeaders = 40 + 8;

class UdpPusher {
 public:
  struct Stats {
    uint64_t pushes = 0;          // push() calls
    uint64_t datagrams_sent = 0;  // taken by the kernel
    uint64_t bytes_sent = 0;      // their payload bytes
    uint64_t errors = 0;          // datagrams dropped
    int last_errno = 0;
  };

  // Opens a non-blocking UDP socket connected to the collector. On failure
  // ok() is false and error() says why.
  UdpPusher(const config::Collector& collector, DatagramEncoder encoder);
  ~UdpPusher();
  UdpPusher(const UdpPusher&) = delete;
  UdpPusher& operator=(const UdpPusher&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  const config::Collector& collector() const { return collector_; }

  // The payload bytes one datagram may carry: the MTU less IP and UDP headers.
  size_t maxPayload() const;

  // Encodes `report` and sends every datagram once. A full socket buffer
  // drops the rest of this round (counted); a refused or unreachable
  // collector costs one error per failed send.
  void push(const share::Report& report, bool final = false);

  const Stats& stats() const { return stats_; }

 private:
  config::Collector collector_;
  DatagramEncoder encoder_;
  int fd_ = -1;
  std::string error_;
  Stats stats_;
};

}  // namespace edgeflow::platform
