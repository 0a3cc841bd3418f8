// http::route: the status, type and body every kind of request gets.
#include <string>
#include <string_view>

#include "platform/linux/http_router.h"

#include <CppUTest/TestHarness.h>

using edgeflow::platform::http::Content;
using edgeflow::platform::http::Request;
using edgeflow::platform::http::Response;
using edgeflow::platform::http::route;

namespace {

struct Calls {
  int metrics = 0;
  int report = 0;
  int health = 0;
};

Content content(Calls& calls, bool with_protobuf = true) {
  Content c;
  c.metrics = [&calls] {
    ++calls.metrics;
    return std::string("edgeflow_x 1\n");
  };
  c.report = [&calls, with_protobuf]() -> std::optional<std::string> {
    ++calls.report;
    if (!with_protobuf) return std::nullopt;
    return std::string("\x0a\x01x", 3);
  };
  c.health = [&calls] {
    ++calls.health;
    return std::string("agent a\n");
  };
  return c;
}

Response get(std::string_view path, Calls& calls, std::string_view method = "GET", bool allowed = true) {
  Request r;
  r.method = method;
  r.path = path;
  r.client_allowed = allowed;
  return route(r, content(calls));
}

}  // namespace

TEST_GROUP(HttpRouter){};

TEST(HttpRouter, MetricsIsTheTextExposition) {
  Calls calls;
  const Response r = get("/metrics", calls);
  UNSIGNED_LONGS_EQUAL(200, r.status);
  STRCMP_EQUAL("text/plain; version=0.0.4; charset=utf-8", r.content_type.c_str());
  STRCMP_EQUAL("edgeflow_x 1\n", r.body.c_str());
  LONGS_EQUAL(1, calls.metrics);
  LONGS_EQUAL(0, calls.report);
}

TEST(HttpRouter, ReportIsProtobuf) {
  Calls calls;
  const Response r = get("/v1/report", calls);
  UNSIGNED_LONGS_EQUAL(200, r.status);
  STRCMP_EQUAL("application/x-protobuf; proto=edgeflow.v1.Report", r.content_type.c_str());
  LONGS_EQUAL(3, r.body.size());
  LONGS_EQUAL(1, calls.report);
  LONGS_EQUAL(0, calls.metrics);
}

TEST(HttpRouter, ReportWithoutProtobufIs501) {
  Calls calls;
  Request req;
  req.method = "GET";
  req.path = "/v1/report";
  req.client_allowed = true;
  const Response r = route(req, content(calls, false));
  UNSIGNED_LONGS_EQUAL(501, r.status);
}

TEST(HttpRouter, HealthzSaysOkAndFacts) {
  Calls calls;
  const Response r = get("/healthz", calls);
  UNSIGNED_LONGS_EQUAL(200, r.status);
  STRCMP_EQUAL("ok\nagent a\n", r.body.c_str());
  STRCMP_EQUAL("text/plain; charset=utf-8", r.content_type.c_str());
}

TEST(HttpRouter, HeadIsAnsweredLikeGet) {
  Calls calls;
  const Response r = get("/metrics", calls, "HEAD");
  UNSIGNED_LONGS_EQUAL(200, r.status);
  STRCMP_EQUAL("text/plain; version=0.0.4; charset=utf-8", r.content_type.c_str());
}

TEST(HttpRouter, IndexListsThePaths) {
  Calls calls;
  const Response r = get("/", calls);
  UNSIGNED_LONGS_EQUAL(200, r.status);
  CHECK(r.body.find("/metrics") != std::string::npos);
  LONGS_EQUAL(0, calls.metrics);
}

TEST(HttpRouter, UnknownPathsAre404) {
  Calls calls;
  using namespace std::string_view_literals;
  for (const std::string_view path : {"/metrics/"sv, "/Metrics"sv, "/v1/report/x"sv, "/v1"sv, ""sv, "//metrics"sv,
                                      "/healthz%00"sv, "/metrics\0x"sv, "../etc/passwd"sv}) {
    const Response r = get(path, calls);
    UNSIGNED_LONGS_EQUAL(404, r.status);
  }
  LONGS_EQUAL(0, calls.metrics + calls.report + calls.health);
}

TEST(HttpRouter, OtherMethodsAre405WithAllow) {
  Calls calls;
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "PATCH", "get", "CONNECT", "TRACE", ""}) {
    const Response r = get("/metrics", calls, method);
    UNSIGNED_LONGS_EQUAL(405, r.status);
    LONGS_EQUAL(1, r.headers.size());
    STRCMP_EQUAL("Allow", r.headers[0].first.c_str());
    STRCMP_EQUAL("GET, HEAD", r.headers[0].second.c_str());
  }
  LONGS_EQUAL(0, calls.metrics);
}

TEST(HttpRouter, DisallowedClientsGet403ForEverything) {
  Calls calls;
  UNSIGNED_LONGS_EQUAL(403, get("/metrics", calls, "GET", false).status);
  UNSIGNED_LONGS_EQUAL(403, get("/nope", calls, "GET", false).status);
  UNSIGNED_LONGS_EQUAL(403, get("/metrics", calls, "POST", false).status);
  // Nothing was computed for them.
  LONGS_EQUAL(0, calls.metrics + calls.report + calls.health);
}

TEST(HttpRouter, EmptyContentStillAnswers) {
  Request req;
  req.method = "GET";
  req.path = "/metrics";
  req.client_allowed = true;
  const Response r = route(req, Content{});
  UNSIGNED_LONGS_EQUAL(200, r.status);
  UNSIGNED_LONGS_EQUAL(501, route(Request{"GET", "/v1/report", true}, Content{}).status);
}
