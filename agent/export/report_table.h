// The human share table: what an operator reads first.
#pragma once

#include <string>

#include "agent/share/report.h"

namespace edgeflow::exporter {

std::string reportToTable(const share::Report& report, bool final);

// "2026-01-01 00:00:05.250 UTC" from microseconds since the epoch.
std::string formatUtc(TimestampUs t);

}  // namespace edgeflow::exporter
