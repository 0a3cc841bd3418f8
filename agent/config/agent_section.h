// `config agent`: identity, local address space, flow-table size, timeouts
// and the listen address. At most one per file; without one, every option
// keeps its default.
#pragma once

#include "agent/config/section_schema.h"

namespace edgeflow::config {

const SectionSpec<Agent>& agentSection();

}  // namespace edgeflow::config
