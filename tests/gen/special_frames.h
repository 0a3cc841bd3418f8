// Frames that are not part of any IP flow: well-formed non-IP frames (ARP,
// LLDP, PPPoE discovery, PPP LCP, an MPLS pseudowire) and frames a decoder
// must reject.
#pragma once

#include <cstdint>

#include "tests/gen/flow_spec.h"
#include "tests/gen/frame_facts.h"
#include "tests/gen/rng.h"
#include "tests/gen/scenario.h"

namespace edgeflow::gen {

// Builds one frame of `kind` (a non-IP or malformed UnitKind) into `frame`
// (at least kFrameBufSize bytes) and returns its wire length. Non-IP frames
// are padded to 60 bytes; the runts among the malformed ones are not, since
// their shortness is the defect.
uint32_t buildSpecialFrame(UnitKind kind, uint8_t* frame, const Scenario& s, Rng& rng,
                           FrameFacts& facts);

}  // namespace edgeflow::gen
