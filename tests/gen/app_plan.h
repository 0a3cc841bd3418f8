// Application planning: the remote addresses and the application of every
// planned flow, decided after planTraffic() fixed every counter.
//
// Remote ends move into the networks of RemoteNetworks (a configurable
// share into unlisted space, or with --distinct-asns each into its own
// synthetic network). One planned address always maps to one final
// address, and no two planned addresses to the same one, so the plan's
// skew (popular servers) and its distinct 5-tuples survive. Each TCP flow
// gets an application whose first payloads fit the segment sizes already
// planned (a segment may swap sizes with a later one of the same sender,
// which keeps every counter), and the server port that goes with it.
//
// Everything here draws from its own Rng, so the frames' sizes, links and
// times, and therefore every bucket counter, are those of the plan alone.
#pragma once

#include <cstdint>
#include <vector>

#include "tests/gen/options.h"
#include "tests/gen/remote_networks.h"
#include "tests/gen/scenario.h"
#include "tests/gen/traffic_plan.h"

namespace edgeflow::gen {

// Returns, per listed network, whether the capture uses it.
std::vector<bool> planApplications(Plan& plan, const Options& o, const Scenario& s,
                                   const RemoteNetworks& nets);

}  // namespace edgeflow::gen
