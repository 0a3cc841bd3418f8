// The protobuf encoders the daemon uses for /v1/report and UDP push, or
// none in a build without protobuf (EDGEFLOW_WITH_PROTOBUF=OFF): then
// /v1/report answers 501 and collectors are not pushed to.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "agent/share/report.h"

namespace edgeflow::platform {

struct ReportCodecs {
  // Empty functions when not built in.
  std::function<std::string(const share::Report&, bool final)> report;
  std::function<std::vector<std::string>(const share::Report&, size_t max_payload, bool final)> datagrams;
};

ReportCodecs reportCodecs();

}  // namespace edgeflow::platform
