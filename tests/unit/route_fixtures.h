// Shared helpers for the Route 53 / Global Accelerator / CloudFront tests.
#pragma once
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/doc/document.h"
#include "core/engine/build.h"

namespace cp::testfx {

// users (near us-east-1) -> `edge_type` node -> primary (us-east-1) and secondary (eu-west-1).
// A region_down of us-east-1 at fault_at_s (< 0: none). The users give up after 2 s.
inline doc::Document two_region_doc(const std::string& edge_type, nlohmann::json edge_params, double fault_at_s,
                                    double rate = 50) {
  doc::Document d;
  d.name = "two regions";
  d.regions = {{"us-east-1", {"use1-az1"}}, {"eu-west-1", {"euw1-az1"}}};
  doc::NodeDoc u{"users", "users", "Users", "us-east-1", "", {{"rate_per_s", rate}}};
  doc::NodeDoc e{"edge", edge_type, "Edge", "", "", edge_params};
  doc::NodeDoc p{"primary", "compute", "Primary", "us-east-1", "use1-az1", {{"workers", 100}}};
  doc::NodeDoc s{"secondary", "compute", "Secondary", "eu-west-1", "euw1-az1", {{"workers", 100}}};
  d.nodes = {u, e, p, s};
  d.connections = {{"c-users", "users", "edge", {{"timeout_ms", 2000}}},
                   {"c-primary", "edge", "primary", {}},
                   {"c-secondary", "edge", "secondary", {}}};
  if (fault_at_s >= 0) d.faults.push_back({fault_at_s, "region_down", "us-east-1", std::nullopt, 0});
  return d;
}

struct Outage {
  double first_error_s = -1, last_error_s = -1;
  uint64_t secondary_arrivals = 0;
};

inline Outage run_outage(const doc::Document& d, double seconds) {
  engine::Built b = engine::build(d);
  REQUIRE(b.ok());
  b.sim->run_until(sim::from_seconds(seconds));
  Outage o;
  for (const auto& pt : b.sim->metrics(b.node("users")).series) {
    if (pt.errors_per_s > 0) {
      if (o.first_error_s < 0) o.first_error_s = pt.t_s;
      o.last_error_s = pt.t_s;
    }
  }
  o.secondary_arrivals = b.sim->metrics(b.node("secondary")).arrivals;
  return o;
}

struct Target {
  std::string id, region;
  double weight = 1;
};

// users near `client_region` -> route53 "dns" -> one compute per target (in the target's Region).
inline doc::Document multi_target_doc(nlohmann::json dns_params, const std::vector<Target>& targets,
                                      const std::string& client_region, const std::string& edge_type = "route53") {
  doc::Document d;
  d.name = "targets";
  std::vector<std::string> codes = {client_region};
  for (const Target& t : targets)
    if (std::find(codes.begin(), codes.end(), t.region) == codes.end()) codes.push_back(t.region);
  std::map<std::string, std::string> az = {{"us-east-1", "use1-az1"},      {"eu-west-1", "euw1-az1"},
                                           {"eu-central-1", "euc1-az1"},   {"ap-northeast-2", "apne2-az1"},
                                           {"ap-northeast-1", "apne1-az1"}, {"us-west-2", "usw2-az1"}};
  for (const std::string& c : codes) d.regions.push_back({c, {az[c]}});
  d.nodes.push_back({"users", "users", "Users", client_region, "", {{"rate_per_s", 100}}});
  d.nodes.push_back({"dns", edge_type, "DNS", "", "", dns_params});
  d.connections.push_back({"c-users", "users", "dns", {{"timeout_ms", 2000}}});
  for (const Target& t : targets) {
    d.nodes.push_back({t.id, "compute", t.id, t.region, az[t.region], {{"workers", 100}}});
    d.connections.push_back({"c-" + t.id, "dns", t.id, {{"weight", t.weight}}});
  }
  return d;
}

struct Shares {
  std::map<std::string, uint64_t> arrivals;
  uint64_t total = 0;
  double share(const std::string& id) const {
    auto it = arrivals.find(id);
    return total && it != arrivals.end() ? static_cast<double>(it->second) / static_cast<double>(total) : 0;
  }
};

// Arrivals at every compute node after `seconds`.
inline Shares run_shares(const doc::Document& d, double seconds) {
  engine::Built b = engine::build(d);
  REQUIRE(b.ok());
  b.sim->run_until(sim::from_seconds(seconds));
  Shares s;
  for (const auto& n : d.nodes)
    if (n.type == "compute") {
      uint64_t a = b.sim->metrics(b.node(n.id)).arrivals;
      s.arrivals[n.id] = a;
      s.total += a;
    }
  return s;
}

}  // namespace cp::testfx
