// HttpEndpoint: the pull endpoint (/metrics, /v1/report, /healthz) on
// libmicrohttpd, driven by the agent's own event loop: no threads of its own.
//
// What is answered how is decided by http::route (http_router.h); this class
// carries bytes and enforces the limits:
//   - clients outside the allowlist get 403 and the connection is closed
//     (answered rather than refused, so a misconfigured scraper sees why);
//   - at most `max_clients` connections at once, and at most half of them
//     (rounded up) from one address, so one slow client cannot lock out the
//     scraper; a connection over either limit is closed at once, unanswered;
//   - every request must arrive and be answered within `timeout_s`: MHD's
//     own timeout only ends *idle* connections, so a client sending one byte
//     a second (slowloris) would keep its slot for ever; a sweep once a
//     second shuts such a connection down (shutdown(2) on its socket, after
//     which MHD sees the end of the stream and frees it);
//   - a request's line and headers must fit `memory_limit` bytes (MHD answers
//     a larger one with 431, or 414 for an over-long URI); a request body
//     (no route takes one) is read and discarded up to 4 KiB; a larger
//     Content-Length is answered 413 before the body is read, and a larger
//     chunked body ends the connection unanswered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "agent/common/ip_addr.h"
#include "platform/linux/client_allowlist.h"
#include "platform/linux/event_loop.h"
#include "platform/linux/http_router.h"

struct MHD_Daemon;
struct MHD_Connection;

namespace edgeflow::platform {

struct HttpOptions {
  IpAddr addr = IpAddr::v4(0x7f000001u);
  uint16_t port = 9465;
  uint32_t max_clients = 8;
  uint32_t timeout_s = 10;
  size_t memory_limit = 16 * 1024;
  std::vector<IpPrefix> allow;  // empty: loopback only
};

class HttpEndpoint {
 public:
  using LogLine = std::function<void(std::string_view)>;

  HttpEndpoint(EventLoop& loop, const HttpOptions& options, http::Content content, LogLine log);
  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  // False when the daemon could not start (address in use...); error() says why.
  bool ok() const { return daemon_ != nullptr; }
  const std::string& error() const { return error_; }

  // Responses sent, by status code (for /healthz).
  const std::map<unsigned, uint64_t>& responses() const { return responses_; }
  // Connections cut for taking longer than the timeout over one request.
  uint64_t slowClientsCut() const { return slow_cut_; }

  // libmicrohttpd's callbacks (C linkage trampolines call these).
  // `status` non-zero: answer with it (a limit was hit), else route.
  int onRequest(MHD_Connection* connection, const char* url, const char* method, unsigned status);
  void onLog(const char* message);
  void onConnection(MHD_Connection* connection, bool started);

 private:
  void runOnce();
  void rescheduleTimeout();
  void sweepSlowClients();

  struct Deadline {
    int fd = -1;
    uint64_t until_us = 0;
  };

  EventLoop& loop_;
  ClientAllowlist allow_;
  http::Content content_;
  LogLine log_;
  MHD_Daemon* daemon_ = nullptr;
  int epoll_fd_ = -1;
  std::unique_ptr<Timer> timeout_timer_;
  std::unique_ptr<Timer> sweep_timer_;
  uint64_t timeout_us_ = 0;
  std::map<MHD_Connection*, Deadline> deadlines_;  // at most max_clients entries
  uint64_t slow_cut_ = 0;
  bool closed_in_run_ = false;
  std::string error_;
  std::map<unsigned, uint64_t> responses_;
  uint64_t log_window_start_us_ = 0;
  uint32_t log_lines_in_window_ = 0;
};

}  // namespace edgeflow::platform
