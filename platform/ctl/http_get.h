// A minimal blocking HTTP/1.1 GET over one TCP connection, for pulling
// /v1/report: a deadline for the whole exchange, a cap on the response size,
// Content-Length and chunked bodies. No TLS, no redirects, no keep-alive.
#pragma once

#include <cstddef>
#include <string>

namespace edgeflow::ctl {

struct HttpOptions {
  int timeout_ms = 10000;           // connect, send and receive together
  size_t max_body = 64u << 20;      // larger bodies are an error
};

struct HttpResponse {
  bool ok = false;           // a complete response arrived (any status)
  std::string error;         // when !ok
  int status = 0;            // e.g. 200
  std::string content_type;  // the Content-Type header, as sent
  std::string body;
};

// `url` is http://HOST[:PORT][/PATH] (HOST a name, an IPv4 address or
// [IPv6]; PORT 80 when left out; PATH "/" when left out).
HttpResponse httpGet(const std::string& url, const HttpOptions& options = {});

// Parses a complete response as read off the connection (the server closed
// it). Exposed for tests.
HttpResponse parseHttpResponse(const std::string& raw, size_t max_body);

}  // namespace edgeflow::ctl
