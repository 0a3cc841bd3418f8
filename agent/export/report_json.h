// The report as one line of JSON (JSON Lines when reports repeat). The
// "buckets" object has the shape fixed in docs/counting.md.
#pragma once

#include <string>

#include "agent/share/report.h"

namespace edgeflow::exporter {

std::string reportToJson(const share::Report& report, bool final);

}  // namespace edgeflow::exporter
