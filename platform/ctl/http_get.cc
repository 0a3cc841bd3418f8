#include "platform/ctl/http_get.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "platform/ctl/host_port.h"

namespace edgeflow::ctl {

namespace {

constexpr size_t kMaxHeaderBytes = 16384;

using Clock = std::chrono::steady_clock;

HttpResponse failure(std::string error) {
  HttpResponse r;
  r.error = std::move(error);
  return r;
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

int msLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(left);
}

// Waits for `events` on fd until the deadline: 1 ready, 0 timed out, -1 error.
int waitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int n = ::poll(&p, 1, msLeft(deadline));
    if (n < 0 && errno == EINTR) continue;
    return n < 0 ? -1 : (n == 0 ? 0 : 1);
  }
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Decodes a chunked body (RFC 9112 section 7.1); false when malformed or cut.
bool unchunk(const std::string& in, size_t max_body, std::string& out, std::string& error) {
  size_t pos = 0;
  for (;;) {
    const size_t eol = in.find("\r\n", pos);
    if (eol == std::string::npos) {
      error = "chunked body cut short";
      return false;
    }
    const std::string size_text = in.substr(pos, in.find(';', pos) < eol ? in.find(';', pos) - pos : eol - pos);
    char* end = nullptr;
    errno = 0;
    const unsigned long long size = std::strtoull(size_text.c_str(), &end, 16);
    if (size_text.empty() || errno != 0 || *end != '\0') {
      error = "bad chunk size";
      return false;
    }
    pos = eol + 2;
    if (size == 0) return true;  // trailers are ignored
    if (size > max_body - out.size()) {
      error = "response body larger than " + std::to_string(max_body) + " bytes";
      return false;
    }
    if (in.size() - pos < size + 2) {
      error = "chunked body cut short";
      return false;
    }
    out.append(in, pos, static_cast<size_t>(size));
    pos += static_cast<size_t>(size) + 2;
  }
}

}  // namespace

HttpResponse parseHttpResponse(const std::string& raw, size_t max_body) {
  const size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    return failure(raw.empty() ? "the server closed the connection without answering" : "incomplete HTTP response header");
  }
  HttpResponse r;
  const size_t status_end = raw.find("\r\n");
  const std::string status_line = raw.substr(0, status_end);
  if (status_line.compare(0, 7, "HTTP/1.") != 0 || status_line.size() < 12 || status_line[8] != ' ') {
    return failure("not an HTTP/1.x response");
  }
  r.status = std::atoi(status_line.substr(9, 3).c_str());
  if (r.status < 100 || r.status > 599) return failure("bad HTTP status line '" + status_line + "'");

  bool chunked = false;
  bool have_length = false;
  unsigned long long length = 0;
  size_t pos = status_end + 2;
  while (pos < head_end) {
    const size_t eol = raw.find("\r\n", pos);
    const std::string header = raw.substr(pos, eol - pos);
    pos = eol + 2;
    const size_t colon = header.find(':');
    if (colon == std::string::npos) continue;
    const std::string name = lower(trim(header.substr(0, colon)));
    const std::string value = trim(header.substr(colon + 1));
    if (name == "content-type") {
      r.content_type = value;
    } else if (name == "transfer-encoding") {
      chunked = lower(value).find("chunked") != std::string::npos;
    } else if (name == "content-length") {
      char* end = nullptr;
      errno = 0;
      length = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || errno != 0 || *end != '\0') return failure("bad Content-Length '" + value + "'");
      have_length = true;
    }
  }
  const std::string rest = raw.substr(head_end + 4);
  if (chunked) {
    if (!unchunk(rest, max_body, r.body, r.error)) return failure(r.error);
  } else if (have_length) {
    if (length > max_body) return failure("response body larger than " + std::to_string(max_body) + " bytes");
    if (rest.size() < length) {
      return failure("response cut short: " + std::to_string(rest.size()) + " of " + std::to_string(length) +
                     " body bytes");
    }
    r.body = rest.substr(0, static_cast<size_t>(length));
  } else {
    if (rest.size() > max_body) return failure("response body larger than " + std::to_string(max_body) + " bytes");
    r.body = rest;
  }
  r.ok = true;
  return r;
}

HttpResponse httpGet(const std::string& url, const HttpOptions& options) {
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(options.timeout_ms);
  const std::string scheme = "http://";
  if (url.compare(0, scheme.size(), scheme) != 0) return failure("'" + url + "': only http:// URLs are supported");
  const std::string rest = url.substr(scheme.size());
  const size_t slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  const std::string path = slash == std::string::npos ? "/" : rest.substr(slash);
  HostPort hp;
  if (std::string e = parseHostPort(authority, hp, 80); !e.empty()) return failure(e);
  if (hp.host.empty()) return failure("'" + url + "': no host");

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(hp.port);
  if (const int rc = ::getaddrinfo(hp.host.c_str(), port_text.c_str(), &hints, &found); rc != 0) {
    return failure("cannot resolve '" + hp.host + "': " + ::gai_strerror(rc));
  }
  int fd = -1;
  std::string connect_error = "no address";
  for (addrinfo* ai = found; ai != nullptr && fd < 0; ai = ai->ai_next) {
    const int s = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (s < 0) continue;
    int err = 0;
    if (::connect(s, ai->ai_addr, ai->ai_addrlen) != 0) {
      err = errno;
      if (err == EINPROGRESS) {
        const int w = waitFor(s, POLLOUT, deadline);
        socklen_t len = sizeof err;
        err = w == 1 ? (::getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) == 0 ? err : errno) : ETIMEDOUT;
      }
    }
    if (err == 0) {
      fd = s;
    } else {
      connect_error = std::strerror(err);
      ::close(s);
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return failure("cannot connect to " + authority + ": " + connect_error);
  const Fd sock(fd);

  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + authority +
                              "\r\nAccept: application/x-protobuf\r\nUser-Agent: edgeflowctl\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (waitFor(fd, POLLOUT, deadline) != 1) return failure("timed out sending the request to " + authority);
    } else {
      return failure("cannot send to " + authority + ": " + std::strerror(errno));
    }
  }

  // Read until the server closes the connection (Connection: close).
  std::string raw;
  const size_t cap = options.max_body + kMaxHeaderBytes;
  char buf[16384];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) {
      raw.append(buf, static_cast<size_t>(n));
      if (raw.size() > cap) return failure("response from " + authority + " larger than " + std::to_string(cap) + " bytes");
    } else if (n == 0) {
      break;
    } else if (errno == EAGAIN || errno == EINTR) {
      const int w = waitFor(fd, POLLIN, deadline);
      if (w == 0) return failure("timed out waiting for " + authority + " (" + std::to_string(options.timeout_ms) + " ms)");
      if (w < 0) return failure(std::string("poll: ") + std::strerror(errno));
    } else {
      return failure("cannot read from " + authority + ": " + std::strerror(errno));
    }
  }
  return parseHttpResponse(raw, options.max_body);
}

}  // namespace edgeflow::ctl
