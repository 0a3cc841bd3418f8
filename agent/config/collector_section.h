// `config collector ['ID']`: a receiver of pushed reports. Each interval the
// agent sends its report as self-contained UDP datagrams to `address`.
#pragma once

#include "agent/config/section_schema.h"

namespace edgeflow::config {

const SectionSpec<Collector>& collectorSection();

}  // namespace edgeflow::config
