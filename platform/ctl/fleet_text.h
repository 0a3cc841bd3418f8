// The text edgeflowctl listen prints under the merged share table: one line
// per agent boot, and each agent's IP byte rates per upstream.
#pragma once

#include <string>

#include "platform/ctl/fleet.h"

namespace edgeflow::ctl {

std::string fleetToText(const Fleet& fleet);

}  // namespace edgeflow::ctl
