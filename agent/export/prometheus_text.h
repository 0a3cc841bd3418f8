// The report in the Prometheus text exposition format 0.0.4: one family per
// counter, HELP and TYPE lines, label values escaped. Metric names are a
// contract with every dashboard built on them (docs/collector.md).
#pragma once

#include <string>

#include "agent/share/report.h"

namespace edgeflow::exporter {

std::string reportToPrometheus(const share::Report& report);

// A label value escaped per the text format: backslash, double quote and
// line feed become \\, \" and \n.
std::string escapeLabelValue(std::string_view value);

}  // namespace edgeflow::exporter
