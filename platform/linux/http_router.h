// The HTTP endpoint's own logic: which request gets which answer. A pure
// function of the request line and the client's standing, so it is unit
// tested and fuzzed without a socket; http_endpoint.cc only carries bytes.
//
//   GET|HEAD /metrics    200 text/plain; version=0.0.4; charset=utf-8
//   GET|HEAD /v1/report  200 application/x-protobuf (501 in a build without protobuf)
//   GET|HEAD /healthz    200 text/plain "ok\n" and a few facts
//   GET|HEAD /           200 text/plain: the list of paths
//   client not allowed   403, whatever it asked
//   other methods        405 with "Allow: GET, HEAD"
//   other paths          404
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace edgeflow::platform::http {

inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";
inline constexpr std::string_view kProtobufContentType = "application/x-protobuf; proto=edgeflow.v1.Report";
inline constexpr std::string_view kTextContentType = "text/plain; charset=utf-8";

struct Request {
  std::string_view method;  // as sent ("GET"); methods are case-sensitive (RFC 9110)
  std::string_view path;    // the target without its query string
  bool client_allowed = false;
};

struct Response {
  unsigned status = 500;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow)
};

// What the routes serve. Each is called only when its route is taken, so a
// refused request costs no report snapshot.
struct Content {
  std::function<std::string()> metrics;                 // the Prometheus exposition
  std::function<std::optional<std::string>()> report;   // a serialized Report; nullopt: not built in
  std::function<std::string()> health;                  // lines after "ok\n" on /healthz
};

// Never fails: every request gets a status. A HEAD gets the same status,
// headers and body as the GET would; the transport sends no body for it.
Response route(const Request& request, const Content& content);

}  // namespace edgeflow::platform::http
