// Every nDPI call of the agent. Written against nDPI 4.2 (Debian 12's
// libndpi-dev).
// Where a newer nDPI differs, the difference belongs in the helpers at the top.
#include "agent/enrich/ndpi/ndpi_module.h"

#include <ndpi/ndpi_api.h>

#include <cstring>

#include "agent/enrich/ndpi/tls_progress.h"

namespace edgeflow::enrich::ndpi {
namespace {

// --- version-specific helpers --------------------------------------------

// 4.2: ndpi_init_detection_module(prefs), then the protocol bitmask, then
// ndpi_finalize_initialization. (4.8+ takes a global context and reads
// protocols from its configuration instead of a bitmask.)
ndpi_detection_module_struct* openModule() {
  ndpi_detection_module_struct* module = ndpi_init_detection_module(ndpi_no_prefs);
  if (module == nullptr) return nullptr;
  NDPI_PROTOCOL_BITMASK all;
  NDPI_BITMASK_SET_ALL(all);
  ndpi_set_protocol_detection_bitmask2(module, &all);
  ndpi_finalize_initialization(module);
  return module;
}

// 4.2: giveup(module, flow, enable_guess, &was_guessed). With guessing off
// it reports only what dissection found; a result still flagged as guessed
// is dropped all the same.
ndpi_protocol giveUpWithoutGuess(ndpi_detection_module_struct* module, ndpi_flow_struct* flow) {
  uint8_t guessed = 0;
  ndpi_protocol result = ndpi_detection_giveup(module, flow, 0, &guessed);
  if (guessed != 0) {
    result.master_protocol = NDPI_PROTOCOL_UNKNOWN;
    result.app_protocol = NDPI_PROTOCOL_UNKNOWN;
  }
  return result;
}

constexpr uint8_t kTcp = 6;

// A flow whose protocol data (flow->protos.tls_quic) is TLS's: the TCP
// members of the list ndpi_free_flow_data() frees TLS strings for.
constexpr uint16_t kTlsFamily[] = {NDPI_PROTOCOL_TLS, NDPI_PROTOCOL_MAIL_SMTPS, NDPI_PROTOCOL_MAIL_POPS,
                                   NDPI_PROTOCOL_MAIL_IMAPS};

bool isTlsFamily(const ndpi_flow_struct* flow) {
  for (const uint16_t id : kTlsFamily) {
    if (flow->detected_protocol_stack[0] == id || flow->detected_protocol_stack[1] == id) return true;
  }
  return false;
}

// 4.2: ndpi_extra_dissection_possible() keeps a flow whose protocol (the
// master when there is one) is TLS open until the server certificate.
bool waitsForCertificate(const ndpi_flow_struct* flow) {
  const uint16_t proto =
      flow->detected_protocol_stack[1] != 0 ? flow->detected_protocol_stack[1] : flow->detected_protocol_stack[0];
  return flow->l4_proto == kTcp && proto == NDPI_PROTOCOL_TLS && flow->l4.tcp.tls.certificate_processed == 0;
}

// A TLS record header as newer nDPI releases accept one (check_tls_type_and_version):
// content type 20..26, then record version 3.x.
bool looksLikeTlsRecord(const uint8_t* buffer, uint32_t used) {
  if (used >= 1 && (buffer[0] < 20 || buffer[0] > 26)) return false;
  if (used >= 2 && buffer[1] != 3) return false;
  return true;
}

// The record the buffer starts with (header included) fits in
// kTlsReassemblyCap, and so do the bytes buffered (nDPI stops reading
// records at one it cannot parse, leaving the ones after it buffered).
bool fitsReassemblyCap(const uint8_t* buffer, uint32_t used) {
  if (used > kTlsReassemblyCap) return false;
  if (used < 5) return true;
  const uint32_t record = (static_cast<uint32_t>(buffer[3]) << 8 | buffer[4]) + 5u;
  return record <= kTlsReassemblyCap;
}

// The buffer nDPI grew past the cap to append a segment (it grows to the
// bytes held plus the segment) is moved to one of kTlsReassemblyCap bytes:
// between packets no flow holds more. False when that allocation fails.
bool shrinkToCap(message_t& message) {
  if (message.buffer_len <= kTlsReassemblyCap) return true;
  auto* smaller = static_cast<uint8_t*>(ndpi_malloc(kTlsReassemblyCap));
  if (smaller == nullptr) return false;
  std::memcpy(smaller, message.buffer, message.buffer_used);
  ndpi_free(message.buffer);
  message.buffer = smaller;
  message.buffer_len = kTlsReassemblyCap;
  return true;
}

// 4.2: the TLS dissector runs on every undetected TCP flow and copies its
// payload into one reassembly buffer per flow (flow->l4.tcp.tls.message:
// 2048 bytes at first, grown to hold a whole record), kept until the flow
// state is freed. It never gives up on bytes that are not TLS: the first
// bytes are taken for a record header whose length (up to 64 KiB) is not
// reached, and every later segment is appended — a dozen segments of random
// bytes hold ~17 KB until the flow is decided. The same happens in the
// extra dissection of a TLS flow once the other side's bytes are not
// records. Newer releases stop at a record header that is not TLS. Here,
// after each TCP packet:
// - the buffer holds nothing (every record was read): it is given back; the
//   dissector allocates a new one with the next segment and keeps its
//   sequence numbers (next_seq), which are not in the buffer;
// - the flow is detected as another protocol: dissectors no longer run for
//   it, nor TLS's extra dissection (only a TLS detection sets that up), so
//   the buffer is freed;
// - the buffer does not start with a TLS record header, or starts with one
//   of a record longer than kTlsReassemblyCap: it is freed; an undetected
//   flow has TLS excluded (as the dissector itself excludes a protocol) so
//   that it does not start over, and a TLS flow's extra dissection is
//   ended, as its function does when it finds an error (the flow is then
//   decided: learnsNothingMore);
// - else a buffer grown past kTlsReassemblyCap is brought back to it.
// A stream whose first "record" is not TLS could only become readable if
// that record's garbage length were reached and the bytes after it parsed
// as a hello or a certificate.
void trimTlsReassembly(ndpi_detection_module_struct* module, ndpi_flow_struct* flow) {
  message_t& message = flow->l4.tcp.tls.message;
  if (message.buffer == nullptr) return;
  const bool tls = isTlsFamily(flow);
  const bool detected = flow->detected_protocol_stack[0] != NDPI_PROTOCOL_UNKNOWN;
  if (tls || !detected) {
    if (message.buffer_used == 0) {
      ndpi_free(message.buffer);
      message.buffer = nullptr;
      message.buffer_len = 0;
      return;
    }
    if (looksLikeTlsRecord(message.buffer, message.buffer_used) &&
        fitsReassemblyCap(message.buffer, message.buffer_used) && shrinkToCap(message)) {
      return;
    }
  }
  ndpi_free(message.buffer);
  std::memset(&message, 0, sizeof(message));
  if (!detected) {
    ndpi_exclude_protocol(module, flow, NDPI_PROTOCOL_TLS, __FILE__, __func__, __LINE__);
  } else if (tls) {
    flow->check_extra_packets = 0;
    flow->extra_packets_func = nullptr;
  }
}

// -------------------------------------------------------------------------

ndpi_flow_struct* asFlow(void* flow) { return static_cast<ndpi_flow_struct*>(flow); }

// The module's own per-flow state follows nDPI's in the flow state.
TlsProgress& progressOf(void* flow) {
  return *reinterpret_cast<TlsProgress*>(static_cast<uint8_t*>(flow) + ndpi_detection_get_sizeof_ndpi_flow_struct());
}

// The TCP segment of a datagram, false when it is not TCP or is cut short.
bool segmentOf(const uint8_t* ip, uint16_t len, TcpSegment& out) {
  const uint8_t* l4 = nullptr;
  uint16_t l4_len = 0;
  uint8_t protocol = 0;
  if (ndpi_detection_get_l4(ip, len, &l4, &l4_len, &protocol, 0) != 0 || protocol != kTcp) return false;
  const auto available = static_cast<uint32_t>(ip + len - l4);
  return tcpSegmentOf(ip, len, l4, l4_len < available ? l4_len : available, out);
}

// The label rule (ndpi_module.h): app_protocol when set, else master; DNS
// whatever the name asked for.
AppId labelFor(uint16_t master, uint16_t app) {
  if (master == NDPI_PROTOCOL_DNS || app == NDPI_PROTOCOL_DNS) return NDPI_PROTOCOL_DNS;
  if (app != NDPI_PROTOCOL_UNKNOWN) return app;
  return master;
}

}  // namespace

std::unique_ptr<NdpiModule> NdpiModule::create() {
  ndpi_detection_module_struct* module = openModule();
  if (module == nullptr) return nullptr;
  return std::unique_ptr<NdpiModule>(new NdpiModule(module));
}

NdpiModule::NdpiModule(ndpi_detection_module_struct* module)
    : module_(module), aligned_(std::make_unique<uint64_t[]>(65536 / sizeof(uint64_t))) {}

NdpiModule::~NdpiModule() { ndpi_exit_detection_module(module_); }

uint16_t NdpiModule::transportOf(const uint8_t* ip, uint16_t len) {
  if (ip == nullptr || len == 0) return 0;
  const uint8_t* l4 = nullptr;
  uint16_t l4_len = 0;
  uint8_t protocol = 0;
  if (ndpi_detection_get_l4(ip, len, &l4, &l4_len, &protocol, 0) != 0) return 0;
  return static_cast<uint16_t>((ip[0] >> 4) << 8 | protocol);
}

uint32_t NdpiModule::tlsReassemblyBytes(const void* flow) {
  const auto* state = static_cast<const ndpi_flow_struct*>(flow);
  if (state->l4_proto != kTcp || state->l4.tcp.tls.message.buffer == nullptr) return 0;
  return state->l4.tcp.tls.message.buffer_len;
}

uint32_t NdpiModule::flowStateBytes() {
  return ndpi_detection_get_sizeof_ndpi_flow_struct() + static_cast<uint32_t>(sizeof(TlsProgress));
}

bool NdpiModule::learnsNothingMore(void* flow) const {
  ndpi_flow_struct* state = asFlow(flow);
  if (ndpi_extra_dissection_possible(module_, state) == 0) return true;
  // A detected flow whose extra dissection has stopped (its function gave
  // up or saw its packets) is answered from the detected stack, unchanged.
  if (state->check_extra_packets == 0 || state->extra_packets_func == nullptr) return true;
  return waitsForCertificate(state) && progressOf(flow).handshakeOver();
}

Detection NdpiModule::labelOf(void* flow, uint16_t master, uint16_t app) const {
  Detection out;
  out.app = labelFor(master, app);
  if (out.app == kAppUnknown) return out;
  const bool sub_application = master != NDPI_PROTOCOL_UNKNOWN && app != NDPI_PROTOCOL_UNKNOWN && master != app;
  out.final = sub_application || out.app == NDPI_PROTOCOL_DNS || learnsNothingMore(flow);
  return out;
}

Detection NdpiModule::process(void* flow, const uint8_t* ip, uint16_t len, uint64_t ts_ms) {
  if (reinterpret_cast<uintptr_t>(ip) % alignof(uint64_t) != 0) {
    std::memcpy(aligned_.get(), ip, len);
    ip = reinterpret_cast<const uint8_t*>(aligned_.get());
  }
  ndpi_flow_struct* state = asFlow(flow);
  TcpSegment segment;
  const bool tcp = segmentOf(ip, len, segment);
  // A flow state sees one transport (transportOf), so l4.tcp is the live
  // member for a TCP segment (all zero before the flow's first packet).
  const bool reassembly_empty = tcp && state->l4.tcp.tls.message.buffer_used == 0;
  const ndpi_protocol result = ndpi_detection_process_packet(module_, state, ip, len, ts_ms);
  if (tcp) {
    TlsProgress& progress = progressOf(flow);
    progress.onSegment(segment, reassembly_empty);
    if (isTlsFamily(state) && state->protos.tls_quic.hello_processed != 0) progress.onHello(segment.direction);
    trimTlsReassembly(module_, state);
  }
  return labelOf(flow, result.master_protocol, result.app_protocol);
}

AppId NdpiModule::giveUp(void* flow) {
  const ndpi_protocol result = giveUpWithoutGuess(module_, asFlow(flow));
  return labelFor(result.master_protocol, result.app_protocol);
}

void NdpiModule::releaseFlow(void* flow) { ndpi_free_flow_data(asFlow(flow)); }

uint32_t NdpiModule::protocolCount() const { return ndpi_get_num_supported_protocols(module_); }

std::string_view NdpiModule::protocolName(AppId app) const {
  if (app >= protocolCount()) return {};
  const char* name = ndpi_get_proto_name(module_, app);
  return name != nullptr ? std::string_view(name) : std::string_view();
}

std::string_view NdpiModule::categoryName(AppId app) const {
  if (app == kAppUnknown || app >= protocolCount()) return {};
  ndpi_protocol proto{};
  proto.master_protocol = NDPI_PROTOCOL_UNKNOWN;
  proto.app_protocol = app;
  proto.category = NDPI_PROTOCOL_CATEGORY_UNSPECIFIED;
  const char* name = ndpi_category_get_name(module_, ndpi_get_proto_category(module_, proto));
  return name != nullptr ? std::string_view(name) : std::string_view();
}

bool NdpiModule::decryptsQuic() { return ndpi_get_gcrypt_version() != nullptr; }

std::string_view NdpiModule::version() {
  const char* revision = ndpi_revision();
  return revision != nullptr ? std::string_view(revision) : std::string_view();
}

}  // namespace edgeflow::enrich::ndpi
