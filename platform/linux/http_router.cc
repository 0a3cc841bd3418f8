#include "platform/linux/http_router.h"

namespace edgeflow::platform::http {

namespace {

Response text(unsigned status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = std::string(kTextContentType);
  r.body = std::move(body);
  return r;
}

constexpr std::string_view kIndex =
    "edgeflow agent\n"
    "/metrics    Prometheus text exposition 0.0.4\n"
    "/v1/report  the report as protobuf (edgeflow.v1.Report)\n"
    "/healthz    liveness\n";

}  // namespace

Response route(const Request& request, const Content& content) {
  // The allowlist comes first: a refused client learns nothing else.
  if (!request.client_allowed) return text(403, "forbidden\n");
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = text(405, "method not allowed\n");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  if (request.path == "/metrics") {
    Response r;
    r.status = 200;
    r.content_type = std::string(kMetricsContentType);
    if (content.metrics) r.body = content.metrics();
    return r;
  }
  if (request.path == "/v1/report") {
    std::optional<std::string> bytes;
    if (content.report) bytes = content.report();
    if (!bytes) return text(501, "this build has no protobuf reports\n");
    Response r;
    r.status = 200;
    r.content_type = std::string(kProtobufContentType);
    r.body = std::move(*bytes);
    return r;
  }
  if (request.path == "/healthz") {
    std::string body = "ok\n";
    if (content.health) body += content.health();
    return text(200, std::move(body));
  }
  if (request.path == "/") return text(200, std::string(kIndex));
  return text(404, "not found\n");
}

}  // namespace edgeflow::platform::http
