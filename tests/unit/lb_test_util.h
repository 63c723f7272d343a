// Helpers for the EC2 / ELB / Auto Scaling tests: build documents in code.
#pragma once
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/sim/simulation.h"

namespace lbt {
using namespace cp;
using namespace cp::sim;

inline doc::Document base(double duration_s = 300) {
  doc::Document d;
  d.name = "lb test";
  d.settings.duration_s = duration_s;
  d.regions = {{"us-east-1", {"use1-az1", "use1-az2", "use1-az3"}}};
  return d;
}
inline void node(doc::Document& d, const std::string& id, const std::string& type, const std::string& az,
                 nlohmann::json params = nlohmann::json::object()) {
  doc::NodeDoc n;
  n.id = id;
  n.type = type;
  n.region = "us-east-1";
  n.az = az;
  n.params = std::move(params);
  d.nodes.push_back(n);
}
inline void conn(doc::Document& d, const std::string& from, const std::string& to) {
  doc::ConnectionDoc c;
  c.id = from + "->" + to;
  c.from = from;
  c.to = to;
  d.connections.push_back(c);
}
inline void users(doc::Document& d, double rate, const std::string& to) {
  node(d, "users", "users", "", {{"pattern", "poisson"}, {"rate_per_s", rate}});
  conn(d, "users", to);
}
inline nlohmann::json expo(double ms) { return {{"kind", "exponential"}, {"mean_ms", ms}}; }
inline double utilization(const Simulation& sim, NodeId n) {
  const NodeMetrics& m = sim.metrics(n);
  return m.busy.area / (static_cast<double>(m.capacity) * static_cast<double>(sim.now()));
}
inline std::vector<const LogEntry*> logs(const Simulation& sim, LogKind k) {
  std::vector<const LogEntry*> v;
  for (const LogEntry& e : sim.event_log())
    if (e.kind == k) v.push_back(&e);
  return v;
}
}  // namespace lbt
