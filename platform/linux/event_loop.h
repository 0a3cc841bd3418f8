// EventLoop: the agent's single thread. One epoll set holds every file
// descriptor the agent waits on (capture, HTTP, timers, signals); each ready
// descriptor runs its callback once per wakeup, and callbacks do a bounded
// amount of work (a batch of packets, one MHD_run, one push), so no source
// starves the others.
//
// Timers are timerfds (CLOCK_MONOTONIC); signals arrive through a signalfd,
// so handlers run in the loop like any other event, never asynchronously.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace edgeflow::platform {

// Microseconds on CLOCK_MONOTONIC.
uint64_t monotonicUs();
// Microseconds since the Unix epoch (CLOCK_REALTIME): report timestamps only.
uint64_t wallClockUs();

class EventLoop;

// A timer owned by whoever created it; destroying it disarms it.
class Timer {
 public:
  Timer(EventLoop& loop, std::function<void()> on_fire);
  ~Timer();
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Fires once after `delay_us` (0: at the next loop iteration).
  void once(uint64_t delay_us);
  // Fires at the monotonic time `at_us` (now or past: at the next iteration).
  void at(uint64_t at_us);
  // Fires every `period_us`, first after one period.
  void every(uint64_t period_us);
  void cancel();

 private:
  void arm(uint64_t first_ns, uint64_t period_ns, bool absolute);
  EventLoop& loop_;
  int fd_ = -1;
  std::function<void()> on_fire_;
};

class EventLoop {
 public:
  using FdCallback = std::function<void(uint32_t epoll_events)>;
  using SignalCallback = std::function<void(int signo)>;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // False when epoll could not be created; error() says why.
  bool ok() const { return epoll_fd_ >= 0; }
  const std::string& error() const { return error_; }

  // Watches `fd` for `events` (EPOLLIN, EPOLLOUT...). The loop does not own
  // the descriptor. Returns false (and sets error()) on failure.
  bool add(int fd, uint32_t events, FdCallback cb);
  bool modify(int fd, uint32_t events);
  void remove(int fd);

  // Blocks `signals` (SIGTERM, SIGHUP...) for the thread and delivers them
  // through one signalfd to `cb`. SIGPIPE is ignored as well: a closed peer
  // is an EPIPE from send(), not a dead agent. Call once, before run().
  bool handleSignals(const std::vector<int>& signals, SignalCallback cb);

  // Runs until stop(). Returns false if epoll_wait failed for good.
  bool run();
  void stop() { running_ = false; }

 private:
  int epoll_fd_ = -1;
  int signal_fd_ = -1;
  bool running_ = false;
  std::string error_;
  // Each registration gets a fresh id, carried in the epoll event, so an
  // event for a descriptor removed (and its number reused) earlier in the
  // same batch finds nothing instead of the wrong callback.
  struct Watch {
    uint64_t id;
    std::shared_ptr<FdCallback> cb;
  };
  std::map<int, Watch> watches_;           // by fd
  std::map<uint64_t, int> fd_by_id_;
  uint64_t next_id_ = 1;
  SignalCallback on_signal_;
};

}  // namespace edgeflow::platform
