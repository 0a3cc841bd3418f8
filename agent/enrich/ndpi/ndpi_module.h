// NdpiModule: the one place that calls nDPI. It owns a detection module
// (every protocol enabled) and works on flow states that the caller
// allocates and zeroes; it applies the label rule below, so what it returns
// is already an AppId.
//
// The label rule: the application is nDPI's app_protocol when it names one,
// else its master_protocol; a DNS flow is labelled DNS whatever name it asks
// for (nDPI puts the queried domain's owner, e.g. Google, in app_protocol).
// The AppId is the nDPI protocol id of the label; 0 means nothing found.
//
// This header does not include nDPI's: callers (the pool, tests) stay free of
// its macros and types, and a newer nDPI changes ndpi_module.cc only.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "agent/enrich/labels.h"

struct ndpi_detection_module_struct;

namespace edgeflow::enrich::ndpi {

// The most nDPI may hold in one flow's TLS reassembly buffer between
// packets, and the longest TLS record (5-byte header included) it may
// reassemble; nDPI reads a hello or a certificate only once its whole
// record is buffered. 4 KiB holds every ClientHello seen in practice
// (~0.5 KB classic; ~1.8-2.2 KB with a post-quantum hybrid key share, whose
// X25519MLKEM768 share alone is 1216 bytes), so the name from the SNI is
// always read, and the TLS 1.2 Certificate record of a two-certificate
// chain (an RSA-2048 or ECDSA leaf and one intermediate: ~2-3.5 KB). A
// longer record (three-certificate or RSA-4096 chains, ~4-6 KB) ends the
// look for a certificate: the flow keeps the label it has. Without the cap
// a flood whose payload starts with a record header claiming 16 KB (up to
// 64 KiB may be claimed) held ~15 KB per flow until the packet budget;
// with it a pool of 2048 slots holds at most 8 MiB of such buffers.
constexpr uint32_t kTlsReassemblyCap = 4096;

struct Detection {
  AppId app = kAppUnknown;  // the label so far (kAppUnknown: nothing yet)
  bool final = false;       // more packets cannot change `app`
};

class NdpiModule {
 public:
  // nullptr when nDPI cannot allocate its module.
  static std::unique_ptr<NdpiModule> create();
  ~NdpiModule();

  NdpiModule(const NdpiModule&) = delete;
  NdpiModule& operator=(const NdpiModule&) = delete;

  // Bytes of one flow state: nDPI's struct ndpi_flow_struct, then the few
  // bytes the module keeps per flow (tls_progress.h). A state must be zeroed
  // before its first packet and handed to releaseFlow() after.
  static uint32_t flowStateBytes();

  // What nDPI would see as the datagram's transport: (IP version << 8 |
  // protocol), or 0 when nDPI finds no transport header in it (truncated,
  // a fragment, not IP). A flow state must only ever see one transport:
  // nDPI 4.2 keeps TCP and UDP state in one union and frees its TCP
  // buffers only for a flow it last saw as TCP.
  static uint16_t transportOf(const uint8_t* ip, uint16_t len);

  // One IP datagram of the flow (`ip` at the IP header, `len` bytes of it
  // present) at packet time `ts_ms`. `app` is the label so far; `final` is
  // set when the label names a sub-application (YouTube over TLS), is DNS,
  // or more packets cannot change it: nDPI says so, or its extra dissection
  // of the flow has stopped, or a TLS flow's handshake is over so no
  // certificate can come (tls_progress.h).
  //
  // nDPI 4.2's TLS dissector copies the payload of every undetected TCP
  // flow into a reassembly buffer it keeps to the end and never gives up
  // on. Here the buffer is given back whenever it holds nothing, and freed
  // for good once the flow is detected as another protocol or its bytes do
  // not start with a TLS record header (a TLS flow's look for a
  // certificate then ends; ndpi_module.cc says why no label changes), or
  // with the header of a record longer than kTlsReassemblyCap (a TLS flow
  // is then decided with the label it has). After the call the buffer
  // never holds more than kTlsReassemblyCap bytes.
  Detection process(void* flow, const uint8_t* ip, uint16_t len, uint64_t ts_ms);

  // Bytes allocated for the flow's TLS reassembly buffer (0: none), for
  // tests.
  static uint32_t tlsReassemblyBytes(const void* flow);

  // What nDPI found so far, without guessing from ports or addresses:
  // kAppUnknown when it found nothing (or only a guess).
  AppId giveUp(void* flow);

  // Frees what nDPI allocated inside the state (host names, URLs, TLS
  // certificate fields); the caller zeroes it before reuse.
  static void releaseFlow(void* flow);

  // nDPI's name for a protocol id ("YouTube"), "" for ids it does not know.
  std::string_view protocolName(AppId app) const;
  // The name of the protocol's default category ("Media"), "" when unknown.
  std::string_view categoryName(AppId app) const;
  uint32_t protocolCount() const;

  // nDPI's release string ("4.2.0").
  static std::string_view version();
  // Whether this nDPI was built with libgcrypt and so reads the ClientHello
  // inside QUIC Initial packets (else QUIC flows are just "QUIC").
  static bool decryptsQuic();

 private:
  explicit NdpiModule(ndpi_detection_module_struct* module);
  Detection labelOf(void* flow, uint16_t master, uint16_t app) const;
  // The detected label of `flow` cannot change with more packets.
  bool learnsNothingMore(void* flow) const;

  ndpi_detection_module_struct* module_;
  // nDPI reads the IP header through struct pointers, so the datagram must
  // start 4-byte aligned; after a 14-byte Ethernet header it does not, and
  // strict-alignment CPUs (MIPS) fault. Misaligned datagrams are copied here.
  std::unique_ptr<uint64_t[]> aligned_;
};

}  // namespace edgeflow::enrich::ndpi
