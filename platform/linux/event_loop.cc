#include "platform/linux/event_loop.h"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

namespace edgeflow::platform {

namespace {

uint64_t clockUs(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
}

timespec toTimespec(uint64_t ns) {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(ns / 1000000000u);
  ts.tv_nsec = static_cast<long>(ns % 1000000000u);
  return ts;
}

}  // namespace

uint64_t monotonicUs() { return clockUs(CLOCK_MONOTONIC); }
uint64_t wallClockUs() { return clockUs(CLOCK_REALTIME); }

// ---- Timer -----------------------------------------------------------------

Timer::Timer(EventLoop& loop, std::function<void()> on_fire) : loop_(loop), on_fire_(std::move(on_fire)) {
  fd_ = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (fd_ < 0) return;
  loop_.add(fd_, EPOLLIN, [this](uint32_t) {
    uint64_t expirations = 0;
    // Nothing to read: the timer was re-armed after it fired.
    if (read(fd_, &expirations, sizeof expirations) != static_cast<ssize_t>(sizeof expirations)) return;
    on_fire_();
  });
}

Timer::~Timer() {
  if (fd_ < 0) return;
  loop_.remove(fd_);
  close(fd_);
}

void Timer::arm(uint64_t first_ns, uint64_t period_ns, bool absolute) {
  if (fd_ < 0) return;
  itimerspec spec{};
  // An all-zero it_value disarms; the earliest "now" is one nanosecond.
  spec.it_value = toTimespec(first_ns == 0 ? 1 : first_ns);
  spec.it_interval = toTimespec(period_ns);
  timerfd_settime(fd_, absolute ? TFD_TIMER_ABSTIME : 0, &spec, nullptr);
}

void Timer::once(uint64_t delay_us) { arm(delay_us * 1000u, 0, false); }

void Timer::at(uint64_t at_us) {
  const uint64_t now = monotonicUs();
  once(at_us > now ? at_us - now : 0);
}

void Timer::every(uint64_t period_us) { arm(period_us * 1000u, period_us * 1000u, false); }

void Timer::cancel() {
  if (fd_ < 0) return;
  itimerspec spec{};
  timerfd_settime(fd_, 0, &spec, nullptr);
}

// ---- EventLoop ----------------------------------------------------------------

EventLoop::EventLoop() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) error_ = std::string("epoll_create1: ") + std::strerror(errno);
}

EventLoop::~EventLoop() {
  if (signal_fd_ >= 0) close(signal_fd_);
  if (epoll_fd_ >= 0) close(epoll_fd_);
}

bool EventLoop::add(int fd, uint32_t events, FdCallback cb) {
  const uint64_t id = next_id_++;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = id;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &ev) != 0) {
    error_ = std::string("epoll_ctl add: ") + std::strerror(errno);
    return false;
  }
  watches_[fd] = Watch{id, std::make_shared<FdCallback>(std::move(cb))};
  fd_by_id_[id] = fd;
  return true;
}

bool EventLoop::modify(int fd, uint32_t events) {
  const auto it = watches_.find(fd);
  if (it == watches_.end()) return false;
  epoll_event ev{};
  ev.events = events;
  ev.data.u64 = it->second.id;
  return epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, fd, &ev) == 0;
}

void EventLoop::remove(int fd) {
  const auto it = watches_.find(fd);
  if (it == watches_.end()) return;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  fd_by_id_.erase(it->second.id);
  watches_.erase(it);
}

bool EventLoop::handleSignals(const std::vector<int>& signals, SignalCallback cb) {
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  for (const int s : signals) sigaddset(&set, s);
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    error_ = std::string("sigprocmask: ") + std::strerror(errno);
    return false;
  }
  signal_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (signal_fd_ < 0) {
    error_ = std::string("signalfd: ") + std::strerror(errno);
    return false;
  }
  on_signal_ = std::move(cb);
  return add(signal_fd_, EPOLLIN, [this](uint32_t) {
    signalfd_siginfo info{};
    // Several signals may be pending; each read returns one.
    for (int i = 0; i < 16; ++i) {
      if (read(signal_fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) break;
      on_signal_(static_cast<int>(info.ssi_signo));
    }
  });
}

bool EventLoop::run() {
  running_ = true;
  std::array<epoll_event, 32> events{};
  while (running_) {
    const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = std::string("epoll_wait: ") + std::strerror(errno);
      return false;
    }
    for (int i = 0; i < n && running_; ++i) {
      const auto id_it = fd_by_id_.find(events[static_cast<size_t>(i)].data.u64);
      if (id_it == fd_by_id_.end()) continue;  // removed earlier in this batch
      // Keep the callback alive even if it removes itself.
      const std::shared_ptr<FdCallback> cb = watches_[id_it->second].cb;
      (*cb)(events[static_cast<size_t>(i)].events);
    }
  }
  return true;
}

}  // namespace edgeflow::platform
