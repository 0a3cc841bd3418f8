// edgeflowctl's HTTP response parsing and address arguments.
#include <string>

#include "platform/ctl/host_port.h"
#include "platform/ctl/http_get.h"

#include <CppUTest/TestHarness.h>

using namespace edgeflow;

TEST_GROUP(HttpResponse){};

TEST(HttpResponse, ContentLengthBody) {
  const auto r = ctl::parseHttpResponse(
      "HTTP/1.1 200 OK\r\nContent-Type: application/x-protobuf\r\nContent-Length: 5\r\n\r\nab\r\ncextra", 100);
  CHECK_TRUE(r.ok);
  LONGS_EQUAL(200, r.status);
  STRCMP_EQUAL("application/x-protobuf", r.content_type.c_str());
  STRCMP_EQUAL("ab\r\nc", r.body.c_str());
}

TEST(HttpResponse, ChunkedBody) {
  const auto r = ctl::parseHttpResponse(
      "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\na;x=y\r\n0123456789\r\n0\r\n\r\n", 100);
  CHECK_TRUE(r.ok);
  STRCMP_EQUAL("abc0123456789", r.body.c_str());
}

TEST(HttpResponse, CutShortTooLargeAndNotHttpAreErrors) {
  CHECK_FALSE(ctl::parseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 100).ok);
  CHECK_FALSE(ctl::parseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 5).ok);
  CHECK_FALSE(ctl::parseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", 100).ok);
  CHECK_FALSE(ctl::parseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100).ok);
  CHECK_FALSE(ctl::parseHttpResponse("SSH-2.0-OpenSSH\r\n\r\n", 100).ok);
  CHECK_FALSE(ctl::parseHttpResponse("HTTP/1.1 200 OK\r\nContent-Length: 1", 100).ok);
  const auto empty = ctl::parseHttpResponse("", 100);
  CHECK_FALSE(empty.ok);
  STRCMP_CONTAINS("without answering", empty.error.c_str());
}

TEST(HttpResponse, ErrorStatusIsAResponse) {
  const auto r = ctl::parseHttpResponse("HTTP/1.0 403 Forbidden\r\n\r\nnot allowed\n", 100);
  CHECK_TRUE(r.ok);
  LONGS_EQUAL(403, r.status);
  STRCMP_EQUAL("not allowed\n", r.body.c_str());
}

TEST(HttpResponse, OnlyHttpUrls) {
  const auto r = ctl::httpGet("https://127.0.0.1:1/");
  CHECK_FALSE(r.ok);
  STRCMP_CONTAINS("only http://", r.error.c_str());
}

TEST_GROUP(HostPort){};

TEST(HostPort, Forms) {
  ctl::HostPort hp;
  STRCMP_EQUAL("", ctl::parseHostPort("127.0.0.1:9466", hp).c_str());
  STRCMP_EQUAL("127.0.0.1", hp.host.c_str());
  LONGS_EQUAL(9466, hp.port);
  STRCMP_EQUAL("", ctl::parseHostPort("[::1]:80", hp).c_str());
  STRCMP_EQUAL("::1", hp.host.c_str());
  STRCMP_EQUAL("", ctl::parseHostPort(":9466", hp).c_str());
  STRCMP_EQUAL("", hp.host.c_str());
  STRCMP_EQUAL("", ctl::parseHostPort("router.lan", hp, 80).c_str());
  LONGS_EQUAL(80, hp.port);
  CHECK_FALSE(ctl::parseHostPort("router.lan", hp).empty());
  CHECK_FALSE(ctl::parseHostPort("host:0", hp).empty());
  CHECK_FALSE(ctl::parseHostPort("host:65536", hp).empty());
  CHECK_FALSE(ctl::parseHostPort("host:12x", hp).empty());
  CHECK_FALSE(ctl::parseHostPort("::1:80", hp).empty());
  CHECK_FALSE(ctl::parseHostPort("[::1:80", hp).empty());
}
