#include "platform/linux/http_endpoint.h"

#include <microhttpd.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "platform/linux/socket_addr.h"

namespace edgeflow::platform {

namespace {

// Request bodies are read and thrown away up to this size. No route takes
// a body.
constexpr size_t kMaxDiscardedBody = 4096;

// MHD calls the access handler once when the request line and headers are
// in, then once per piece of body, then once more with no data. The answer
// is given on that last call, so the connection can be kept alive.
MHD_Result accessTrampoline(void* cls, MHD_Connection* connection, const char* url, const char* method,
                            const char* /*version*/, const char* /*upload_data*/, size_t* upload_data_size,
                            void** req_cls) {
  auto* self = static_cast<HttpEndpoint*>(cls);
  if (*req_cls == nullptr) {
    *req_cls = new size_t(0);  // body bytes seen; freed in completedTrampoline
    // A declared body over the limit is answered before it is read (MHD
    // then closes the connection).
    const char* length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (length != nullptr && (std::strlen(length) > 9 || std::strtoul(length, nullptr, 10) > kMaxDiscardedBody)) {
      return self->onRequest(connection, url, method, 413) != 0 ? MHD_YES : MHD_NO;
    }
    return MHD_YES;
  }
  size_t& body = *static_cast<size_t*>(*req_cls);
  if (*upload_data_size != 0) {
    body += *upload_data_size;
    *upload_data_size = 0;
    // A chunked body over the limit: MHD takes no answer in mid-body, so
    // the connection is closed unanswered.
    return body > kMaxDiscardedBody ? MHD_NO : MHD_YES;
  }
  return self->onRequest(connection, url, method, 0) != 0 ? MHD_YES : MHD_NO;
}

void completedTrampoline(void* /*cls*/, MHD_Connection* /*connection*/, void** req_cls,
                         MHD_RequestTerminationCode /*code*/) {
  delete static_cast<size_t*>(*req_cls);
  *req_cls = nullptr;
}

void connectionTrampoline(void* cls, MHD_Connection* connection, void** /*socket_context*/,
                          MHD_ConnectionNotificationCode code) {
  static_cast<HttpEndpoint*>(cls)->onConnection(connection, code == MHD_CONNECTION_NOTIFY_STARTED);
}

void logTrampoline(void* cls, const char* fmt, va_list ap) {
  char line[256];
  std::vsnprintf(line, sizeof line, fmt, ap);
  static_cast<HttpEndpoint*>(cls)->onLog(line);
}

// Log lines from MHD per minute at most (a flood of bad clients must not
// flood the log).
constexpr uint32_t kLogLinesPerMinute = 10;

}  // namespace

HttpEndpoint::HttpEndpoint(EventLoop& loop, const HttpOptions& options, http::Content content, LogLine log)
    : loop_(loop),
      allow_(options.allow),
      content_(std::move(content)),
      log_(std::move(log)),
      timeout_us_(uint64_t{options.timeout_s} * 1000000u) {
  sockaddr_storage addr{};
  if (toSockaddr(options.addr, options.port, addr) == 0) {
    error_ = "listen address has no family";
    return;
  }
  // MHD_USE_EPOLL without an internal thread: MHD keeps its sockets in an
  // epoll set of its own, whose descriptor we watch in ours (epoll sets
  // nest). When it is readable, MHD_run() does the pending work without
  // blocking; MHD_get_timeout() says when MHD must run even without I/O
  // (connection timeouts, buffered pipelined requests), which a timer keeps.
  // This is the integration MHD documents for an external epoll loop, and it
  // needs no fd_set (no FD_SETSIZE limit) and no per-iteration fd scan.
  unsigned flags = MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (options.addr.family == IpFamily::V6) {
    // "[::]" means every address: IPv4 clients too (they arrive as
    // IPv4-mapped addresses, which ipFromSockaddr turns back into IPv4).
    const bool any = options.addr == IpAddr::v6(std::array<uint8_t, 16>{}.data());
    flags |= any ? MHD_USE_DUAL_STACK : MHD_USE_IPv6;
  }
  const unsigned per_ip = options.max_clients / 2 + options.max_clients % 2;
  daemon_ = MHD_start_daemon(
      flags, options.port, nullptr, nullptr, &accessTrampoline, this,
      // The logger first: MHD logs about options that come before it to stderr.
      MHD_OPTION_EXTERNAL_LOGGER, &logTrampoline, this,
      MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&addr),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(options.max_clients),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip,
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(options.timeout_s),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.memory_limit,
      MHD_OPTION_LISTEN_BACKLOG_SIZE, 16u,
      MHD_OPTION_NOTIFY_CONNECTION, &connectionTrampoline, this,
      MHD_OPTION_NOTIFY_COMPLETED, &completedTrampoline, this,
      MHD_OPTION_END);
  if (daemon_ == nullptr) {
    error_ = "cannot listen on " + options.addr.toString() + " port " + std::to_string(options.port) +
             " (address in use, or not local?)";
    return;
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_EPOLL_FD);
  if (info == nullptr) {
    error_ = "libmicrohttpd has no epoll descriptor";
    MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
    return;
  }
  epoll_fd_ = info->epoll_fd;
  timeout_timer_ = std::make_unique<Timer>(loop_, [this] { runOnce(); });
  if (!loop_.add(epoll_fd_, EPOLLIN, [this](uint32_t) { runOnce(); })) {
    error_ = loop_.error();
    MHD_stop_daemon(daemon_);
    daemon_ = nullptr;
    return;
  }
  sweep_timer_ = std::make_unique<Timer>(loop_, [this] { sweepSlowClients(); });
  sweep_timer_->every(1000000u);
  rescheduleTimeout();
}

HttpEndpoint::~HttpEndpoint() {
  if (daemon_ == nullptr) return;
  loop_.remove(epoll_fd_);
  timeout_timer_.reset();
  sweep_timer_.reset();
  MHD_stop_daemon(daemon_);
}

void HttpEndpoint::runOnce() {
  // A connection that closed during MHD_run may have freed a slot: MHD
  // takes its listening socket back into its epoll set only at the start of
  // a run, and connections waiting in the backlog would not wake it. So run
  // again while runs close connections (bounded).
  for (int i = 0; i < 4; ++i) {
    closed_in_run_ = false;
    MHD_run(daemon_);
    if (!closed_in_run_) break;
  }
  rescheduleTimeout();
}

void HttpEndpoint::rescheduleTimeout() {
  MHD_UNSIGNED_LONG_LONG ms = 0;
  if (MHD_get_timeout(daemon_, &ms) == MHD_YES) {
    timeout_timer_->once(static_cast<uint64_t>(ms) * 1000u);
  } else {
    timeout_timer_->cancel();  // nothing pending: only I/O wakes MHD
  }
}

void HttpEndpoint::onConnection(MHD_Connection* connection, bool started) {
  if (!started) {
    deadlines_.erase(connection);
    closed_in_run_ = true;
    return;
  }
  const MHD_ConnectionInfo* ci = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  deadlines_[connection] = Deadline{ci != nullptr ? ci->connect_fd : -1, monotonicUs() + timeout_us_};
}

void HttpEndpoint::sweepSlowClients() {
  const uint64_t now = monotonicUs();
  bool cut = false;
  for (auto& [connection, d] : deadlines_) {
    if (d.fd < 0 || now <= d.until_us) continue;
    // MHD still owns the descriptor: shut it down, do not close it. MHD
    // then reads the end of the stream and frees the connection.
    shutdown(d.fd, SHUT_RDWR);
    d.fd = -1;
    ++slow_cut_;
    cut = true;
  }
  if (cut) runOnce();
}

int HttpEndpoint::onRequest(MHD_Connection* connection, const char* url, const char* method, unsigned status) {
  // The request is in: the answer (and on keep-alive, the next request)
  // gets a fresh deadline.
  if (const auto it = deadlines_.find(connection); it != deadlines_.end()) {
    it->second.until_us = monotonicUs() + timeout_us_;
  }
  bool allowed = false;
  if (const MHD_ConnectionInfo* ci = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
    if (const auto client = ipFromSockaddr(ci->client_addr)) allowed = allow_.allows(*client);
  }
  http::Request request;
  request.method = method != nullptr ? method : "";
  request.path = url != nullptr ? url : "";
  request.client_allowed = allowed;
  http::Response answer;
  if (status != 0) {
    answer.status = status;
    answer.content_type = std::string(http::kTextContentType);
    answer.body = "request body too large\n";
  } else {
    answer = http::route(request, content_);
  }

  MHD_Response* response =
      MHD_create_response_from_buffer(answer.body.size(), answer.body.data(), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return 0;  // out of memory: MHD closes the connection
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, answer.content_type.c_str());
  MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  for (const auto& [name, value] : answer.headers) {
    MHD_add_response_header(response, name.c_str(), value.c_str());
  }
  if (answer.status >= 400) MHD_add_response_header(response, MHD_HTTP_HEADER_CONNECTION, "close");
  const MHD_Result queued = MHD_queue_response(connection, answer.status, response);
  MHD_destroy_response(response);
  if (queued == MHD_YES) ++responses_[answer.status];
  return queued == MHD_YES ? 1 : 0;
}

void HttpEndpoint::onLog(const char* message) {
  const uint64_t now = monotonicUs();
  if (now - log_window_start_us_ >= 60u * 1000000u) {
    log_window_start_us_ = now;
    log_lines_in_window_ = 0;
  }
  if (++log_lines_in_window_ > kLogLinesPerMinute) return;
  std::string line = "http: ";
  line += message;
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (log_) log_(line);
}

}  // namespace edgeflow::platform
