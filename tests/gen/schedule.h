// Schedule: when each unit happens, and the resulting order of the capture.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/rng.h"
#include "tests/gen/traffic_plan.h"

namespace edgeflow::gen {

struct Event {
  uint64_t t_us;  // microseconds from the capture's start
  uint32_t unit;  // index into Plan::units
  uint32_t flow;  // index into Plan::flows
};

// Places every flow inside [0, span_us): a flow of u units gets a duration,
// a start and u - 1 gaps of at most 4.8 s, so idle timeouts can be chosen
// above them. Special frames are spread uniformly. Returns all units sorted
// by time (ties by unit index, so the order is fully determined by the
// seed). Consecutive frames of one unit (IP fragments) stay adjacent.
std::vector<Event> scheduleEvents(const Plan& plan, uint64_t span_us, Rng& rng);

}  // namespace edgeflow::gen
