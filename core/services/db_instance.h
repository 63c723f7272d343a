// Parts of a database instance shared by the RDS and Aurora models.
#pragma once
#include <algorithm>
#include <deque>
#include <vector>

#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::services {

// The Region's zone-th AZ (1-based, like S3 One Zone's; past the last one: the last),
// and the AZs after it in turn.
inline sim::AzId nth_az(const std::vector<sim::AzId>& azs, int zone, int after = 0) {
  if (azs.empty()) return sim::AzId{};
  const size_t first = static_cast<size_t>(std::clamp(zone, 1, static_cast<int>(azs.size())) - 1);
  return azs[(first + static_cast<size_t>(after)) % azs.size()];
}

// An instance's query engine: its vCPUs serve queries one at a time each, in arrival
// order; every query in progress or waiting holds one of max_connections.
struct QueryEngine {
  int64_t workers = 1, max_connections = 1;
  sim::Distribution read_time, write_time;
  int64_t busy = 0, connections = 0;
  std::deque<sim::ReqHandle> waiting;

  sim::SimTime service(sim::Rng& rng, sim::RequestKind k) const {
    return std::max<sim::SimTime>(
        1, sim::from_seconds((k == sim::RequestKind::Read ? read_time : write_time).sample(rng)));
  }
};

}  // namespace cp::services
