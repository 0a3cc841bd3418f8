// `config upstream 'ID'`: a transit or peering link and the rules that
// recognise its traffic. The section name is the upstream's stable label in
// every export, so it is required.
#pragma once

#include "agent/config/section_schema.h"

namespace edgeflow::config {

const SectionSpec<Upstream>& upstreamSection();

}  // namespace edgeflow::config
