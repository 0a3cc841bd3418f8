#include "agent/decode/decode_status.h"

namespace edgeflow::decode {

namespace {
struct StatusInfo {
  std::string_view name;
  int kind;
};
constexpr StatusInfo kInfo[] = {
#define EDGEFLOW_X(name, text, kind) {text, kind},
    EDGEFLOW_DECODE_STATUS_LIST(EDGEFLOW_X)
#undef EDGEFLOW_X
};
}  // namespace

std::string_view decodeStatusName(DecodeStatus s) { return kInfo[static_cast<int>(s)].name; }
bool isNonIp(DecodeStatus s) { return kInfo[static_cast<int>(s)].kind == 1; }
bool isError(DecodeStatus s) { return kInfo[static_cast<int>(s)].kind == 2; }

}  // namespace edgeflow::decode
