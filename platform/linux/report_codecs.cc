#include "platform/linux/report_codecs.h"

#if EDGEFLOW_HAVE_PROTO
#include "agent/proto/report_codec.h"
#endif

namespace edgeflow::platform {

ReportCodecs reportCodecs() {
  ReportCodecs c;
#if EDGEFLOW_HAVE_PROTO
  c.report = [](const share::Report& r, bool final) { return proto::encodeReport(r, final); };
  c.datagrams = [](const share::Report& r, size_t max_payload, bool final) {
    return proto::encodeDatagrams(r, max_payload, final);
  };
#endif
  return c;
}

}  // namespace edgeflow::platform
