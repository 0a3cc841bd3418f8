#include "agent/share/counters.h"

namespace edgeflow::share {

Counter ShareCounters::total() const {
  Counter sum;
  for (const Counter& c : rows_) sum += c;
  sum += non_ip_;
  sum += undecodable_;
  return sum;
}

}  // namespace edgeflow::share
