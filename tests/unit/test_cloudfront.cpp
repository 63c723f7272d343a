// CloudFront: the hit ratio emerges from TTL, cache size and key popularity;
// the origin's load drops as hits rise; origin failover to the second origin.
#include <catch2/catch.hpp>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "route_fixtures.h"

using namespace cp;
using namespace cp::sim;

namespace {

struct CdnRun {
  double hit_ratio = 0;        // over the run, from the node's counters
  uint64_t origin_arrivals = 0, backup_arrivals = 0, users_errors = 0, users_ok = 0;
  double last_hit_gauge = 0;
};

doc::Document cdn_doc(nlohmann::json cf_params, double zipf_s, double keys, bool with_backup = false) {
  doc::Document d;
  d.name = "cdn";
  d.regions = {{"us-east-1", {"use1-az1", "use1-az2"}}};
  d.nodes.push_back({"users", "users", "Users", "us-east-1", "",
                     {{"rate_per_s", 200}, {"keys", keys}, {"zipf_s", zipf_s}, {"read_fraction", 1.0}}});
  d.nodes.push_back({"cdn", "cloudfront", "CDN", "", "", cf_params});
  d.nodes.push_back({"origin", "compute", "Origin", "us-east-1", "use1-az1", {{"workers", 1000}}});
  d.connections.push_back({"c-users", "users", "cdn", {{"timeout_ms", 5000}}});
  d.connections.push_back({"c-origin", "cdn", "origin", {}});
  if (with_backup) {
    d.nodes.push_back({"backup", "compute", "Backup", "us-east-1", "use1-az2", {{"workers", 1000}}});
    d.connections.push_back({"c-backup", "cdn", "backup", {{"timeout_ms", 5000}}});
  }
  return d;
}

CdnRun run(const doc::Document& d, double seconds) {
  engine::Built b = engine::build(d);
  REQUIRE(b.ok());
  b.sim->run_until(from_seconds(seconds));
  CdnRun r;
  const NodeMetrics& users = b.sim->metrics(b.node("users"));
  const NodeMetrics& origin = b.sim->metrics(b.node("origin"));
  r.origin_arrivals = origin.arrivals;
  NodeId backup = b.node("backup");
  if (backup.valid()) r.backup_arrivals = b.sim->metrics(backup).arrivals;
  r.users_errors = users.errors();
  r.users_ok = users.completions;
  uint64_t requests = b.sim->metrics(b.node("cdn")).arrivals;
  r.hit_ratio = requests ? 1.0 - static_cast<double>(r.origin_arrivals + r.backup_arrivals) / static_cast<double>(requests) : 0;
  r.last_hit_gauge = b.sim->metrics(b.node("cdn")).backlog;
  return r;
}

}  // namespace

TEST_CASE("CloudFront hit ratio rises with the TTL, and the origin's load drops", "[cloudfront]") {
  CdnRun short_ttl = run(cdn_doc({{"ttl_s", 5}}, 1.0, 100000), 300);
  CdnRun long_ttl = run(cdn_doc({{"ttl_s", 86400}}, 1.0, 100000), 300);
  INFO("hit ratio TTL 5 s: " << short_ttl.hit_ratio << ", TTL 1 day: " << long_ttl.hit_ratio);
  CHECK(long_ttl.hit_ratio > short_ttl.hit_ratio + 0.1);
  CHECK(long_ttl.origin_arrivals < short_ttl.origin_arrivals);
  CHECK(long_ttl.last_hit_gauge > 0);   // the per-second hit ratio gauge (%)
  CHECK(short_ttl.users_errors == 0);
}

TEST_CASE("CloudFront hit ratio rises with popularity skew", "[cloudfront]") {
  CdnRun flat = run(cdn_doc({}, 0.0, 100000), 300);
  CdnRun skewed = run(cdn_doc({}, 1.2, 100000), 300);
  INFO("hit ratio zipf 0: " << flat.hit_ratio << ", zipf 1.2: " << skewed.hit_ratio);
  CHECK(flat.hit_ratio < 0.3);        // 60,000 requests over 100,000 equally popular keys
  CHECK(skewed.hit_ratio > 0.7);
  CHECK(skewed.origin_arrivals * 2 < flat.origin_arrivals);
}

TEST_CASE("CloudFront cache size limits the hit ratio (LRU)", "[cloudfront]") {
  CdnRun small = run(cdn_doc({{"capacity_objects", 100}}, 1.0, 100000), 300);
  CdnRun big = run(cdn_doc({{"capacity_objects", 1000000}}, 1.0, 100000), 300);
  CHECK(big.hit_ratio > small.hit_ratio + 0.1);
}

TEST_CASE("CloudFront fails over to the second origin", "[cloudfront]") {
  doc::Document d = cdn_doc({{"ttl_s", 1}}, 1.0, 1000, true);
  d.connections[1].params = {{"timeout_ms", 1000}};
  d.faults.push_back({100, "kill_node", "origin", std::nullopt, 0});
  CdnRun r = run(d, 200);
  CHECK(r.backup_arrivals > 1000);
  CHECK(r.users_errors == 0);   // every miss after the kill is served by the backup
}
