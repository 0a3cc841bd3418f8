// Reports for the protobuf tests: every field set, breakdowns with the
// special rows, and a canonical text dump to compare two reports by.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "agent/share/report.h"

namespace edgeflow::testing {

// Two upstreams and unknown-upstream, three dimensions, `rows_per_list`
// rows in each (upstream, direction, dimension) including "unknown",
// "other" and (app) "unclassified", each dimension summing to its parent
// counter; health with decode statuses. Shares
// computed. Counters derive from `seed` so two seeds give two reports.
share::Report sampleReport(size_t rows_per_list = 4, uint64_t seed = 1);

// Every field of the report, one per line (shares as exact hex floats).
std::string dumpReport(const share::Report& report);

}  // namespace edgeflow::testing
