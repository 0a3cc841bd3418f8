// Fuzz target for the HTTP endpoint's own request handling (http::route,
// platform/linux/http_router.h): what libmicrohttpd hands over after parsing
// a request — method, path, whether the client is allowed — mapped to a
// response. Input: one flag byte (bit 0: client allowed), then the request
// line as a client would send it ("METHOD TARGET VERSION"); the target's
// query is cut as the transport cuts it. Besides not crashing, every answer
// must keep the router's promises; a violation aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "platform/linux/http_router.h"

namespace {

using edgeflow::platform::http::Content;
using edgeflow::platform::http::Request;
using edgeflow::platform::http::Response;

void require(bool condition) {
  if (!condition) std::abort();
}

bool knownPath(std::string_view p) { return p == "/metrics" || p == "/v1/report" || p == "/healthz" || p == "/"; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool allowed = (data[0] & 1) != 0;
  const bool with_protobuf = (data[0] & 2) == 0;
  std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  line = line.substr(0, line.find('\n'));
  const size_t sp1 = line.find(' ');
  const std::string_view method = line.substr(0, sp1);
  std::string_view target = sp1 == std::string_view::npos ? std::string_view{} : line.substr(sp1 + 1);
  target = target.substr(0, target.find(' '));
  const std::string_view path = target.substr(0, target.find('?'));

  int computed = 0;
  Content content;
  content.metrics = [&] {
    ++computed;
    return std::string("edgeflow_x 1\n");
  };
  content.report = [&]() -> std::optional<std::string> {
    ++computed;
    if (!with_protobuf) return std::nullopt;
    return std::string("\x08\x01", 2);
  };
  content.health = [&] {
    ++computed;
    return std::string();
  };
  Request request;
  request.method = method;
  request.path = path;
  request.client_allowed = allowed;
  const Response r = edgeflow::platform::http::route(request, content);

  require(!r.content_type.empty());
  require(r.status == 200 || r.status == 403 || r.status == 404 || r.status == 405 || r.status == 501);
  const bool readable = method == "GET" || method == "HEAD";
  if (!allowed) {
    require(r.status == 403 && computed == 0);
  } else if (!readable) {
    require(r.status == 405 && computed == 0);
    require(r.headers.size() == 1 && r.headers[0].first == "Allow");
  } else if (!knownPath(path)) {
    require(r.status == 404 && computed == 0);
  } else {
    require(r.status == 200 || (r.status == 501 && path == "/v1/report" && !with_protobuf));
    require(computed <= 1);
  }
  return 0;
}
