// Every nDPI call of the agent. Written against nDPI 4.2 (Debian 12's
// libndpi-dev).
// Where a newer nDPI differs, the difference belongs in the helpers at the top.
#include "agent/enrich/ndpi/ndpi_module.h"

#include <ndpi/ndpi_api.h>

#include <cstring>

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

// -------------------------------------------------------------------------

ndpi_flow_struct* asFlow(void* flow) { return static_cast<ndpi_flow_struct*>(flow); }

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

uint32_t NdpiModule::flowStateBytes() { return ndpi_detection_get_sizeof_ndpi_flow_struct(); }

Detection NdpiModule::labelOf(void* flow, uint16_t master, uint16_t app) const {
  Detection out;
  out.app = labelFor(master, app);
  if (out.app == kAppUnknown) return out;
  const bool sub_application = master != NDPI_PROTOCOL_UNKNOWN && app != NDPI_PROTOCOL_UNKNOWN && master != app;
  out.final = sub_application || out.app == NDPI_PROTOCOL_DNS ||
              ndpi_extra_dissection_possible(module_, asFlow(flow)) == 0;
  return out;
}

Detection NdpiModule::process(void* flow, const uint8_t* ip, uint16_t len, uint64_t ts_ms) {
  if (reinterpret_cast<uintptr_t>(ip) % alignof(uint64_t) != 0) {
    std::memcpy(aligned_.get(), ip, len);
    ip = reinterpret_cast<const uint8_t*>(aligned_.get());
  }
  const ndpi_protocol result = ndpi_detection_process_packet(module_, asFlow(flow), ip, len, ts_ms);
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
