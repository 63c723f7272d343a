// Parts of a database instance shared by the RDS and Aurora models: the Region's AZs in
// turn, the query engine (vCPUs, connections, read and write times), its parameters and
// how they are read, and what the bill divides by.
//
//   QueryEngine q = query_engine_from(params, cls.vcpus, cls.max_connections);
//   for (ParamSpec& p : query_engine_params(kMaxConnectionsHelp)) d.params.push_back(std::move(p));
#pragma once
#include <algorithm>
#include <deque>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/sim/distribution.h"
#include "core/sim/simulation.h"

namespace cp::doc {
struct Document;
struct NodeDoc;
}  // namespace cp::doc

namespace cp::services {

inline constexpr double kDbSecondsPerHour = 3600.0;
inline constexpr double kDbSecondsPerMonth = 730.0 * 3600.0;

// The Region's zone-th AZ (1-based, like S3 One Zone's; past the last one: the last),
// and the AZs after it in turn.
inline sim::AzId nth_az(const std::vector<sim::AzId>& azs, int zone, int after = 0) {
  if (azs.empty()) return sim::AzId{};
  const size_t first = static_cast<size_t>(std::clamp(zone, 1, static_cast<int>(azs.size())) - 1);
  return azs[(first + static_cast<size_t>(after)) % azs.size()];
}

// An instance's query engine: its vCPUs serve queries one at a time each, in arrival
// order; every query in progress or waiting holds one of max_connections. `speed` below 1
// makes every query take longer (an Aurora Serverless v2 instance below one vCPU's worth).
struct QueryEngine {
  int64_t workers = 1, max_connections = 1;
  sim::Distribution read_time, write_time;
  double speed = 1;
  int64_t busy = 0, connections = 0;
  std::deque<sim::ReqHandle> waiting;

  sim::SimTime service(sim::Rng& rng, sim::RequestKind k) const {
    const double s = (k == sim::RequestKind::Read ? read_time : write_time).sample(rng);
    return std::max<sim::SimTime>(1, sim::from_seconds(s / (speed > 0 ? speed : 1)));
  }
};

// read_ms, write_ms and max_connections (in that order), the same for every DB service
// but for the help of max_connections (who sets it when it is 0).
std::vector<catalog::ParamSpec> query_engine_params(const catalog::Text& max_connections_help);
// The engine those params describe on an instance with `workers` vCPUs; max_connections 0
// takes `default_max_connections`.
QueryEngine query_engine_from(const nlohmann::json& params, int64_t workers, int64_t default_max_connections);

// The keys of a table of instance classes (each with a `key`), in its order.
template <class Table>
std::vector<std::string> class_keys_of(const Table& table) {
  std::vector<std::string> keys;
  for (const auto& c : table) keys.emplace_back(c.key);
  return keys;
}

// Does any wire end at node n? (advice about a database nobody uses is noise)
bool is_called(const doc::Document& d, const doc::NodeDoc& n);

}  // namespace cp::services
