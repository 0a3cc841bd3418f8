// `config source`: where packets come from. Any number, named or anonymous.
#pragma once

#include "agent/config/section_schema.h"

namespace edgeflow::config {

const SectionSpec<Source>& sourceSection();

}  // namespace edgeflow::config
