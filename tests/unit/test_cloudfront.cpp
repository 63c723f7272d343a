// CloudFront: the hit ratio emerges from TTL, cache size and key popularity;
// the origin's load drops as hits rise; origin failover to the second origin.
#include <catch2/catch.hpp>

#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/services/cloudfront.h"
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
  r.last_hit_gauge = b.sim->metrics(b.node("cdn")).metric_value("hit_ratio");
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

namespace {
// Users near us-east-1 from the start; users near `late_region` from 150 s on
// (a spike pattern: 0.1/s, then ×1000 = 100/s from 150 s to the end).
doc::Document two_audiences(const std::string& late_region, bool regional) {
  doc::Document d;
  d.name = "two audiences";
  d.regions = {{"us-east-1", {"use1-az1"}}};
  d.nodes.push_back({"us", "users", "US users", "us-east-1", "",
                     {{"rate_per_s", 100}, {"keys", 10000}, {"zipf_s", 1.0}, {"read_fraction", 1.0}}});
  d.nodes.push_back({"late", "users", "Late users", late_region, "",
                     {{"pattern", "spike"}, {"rate_per_s", 0.1}, {"spike_at_s", 150}, {"spike_s", 100000},
                      {"spike_multiplier", 1000}, {"keys", 10000}, {"zipf_s", 1.0}, {"read_fraction", 1.0}}});
  d.nodes.push_back({"cdn", "cloudfront", "CDN", "", "", {{"regional_edge_cache", regional}}});
  d.nodes.push_back({"origin", "compute", "Origin", "us-east-1", "use1-az1", {{"workers", 1000}}});
  d.connections.push_back({"c-us", "us", "cdn", {}});
  d.connections.push_back({"c-late", "late", "cdn", {}});
  d.connections.push_back({"c-origin", "cdn", "origin", {}});
  return d;
}

const services::CloudFrontCacheStats* find(const std::vector<services::CloudFrontCacheStats>& v, const std::string& where) {
  for (const auto& s : v)
    if (s.where == where) return &s;
  return nullptr;
}

double ratio(uint64_t hits, uint64_t misses) {
  return hits + misses ? static_cast<double>(hits) / static_cast<double>(hits + misses) : 0;
}
}  // namespace

TEST_CASE("CloudFront: each edge location has its own cache; a new Region's users start cold", "[cloudfront]") {
  engine::Built b = engine::build(two_audiences("eu-west-1", false));
  REQUIRE(b.ok());
  b.sim->run_until(from_seconds(150));
  auto at150 = services::cloudfront_stats(b.sim->model(b.node("cdn")));
  REQUIRE(at150);
  b.sim->run_until(from_seconds(180));
  auto at180 = *services::cloudfront_stats(b.sim->model(b.node("cdn")));
  b.sim->run_until(from_seconds(600));
  auto at600 = *services::cloudfront_stats(b.sim->model(b.node("cdn")));
  REQUIRE(at600.edges.size() == 2);
  CHECK(at600.regional.empty());
  const auto* us150 = find(at150->edges, "us-east-1");
  const auto* eu150 = find(at150->edges, "eu-west-1");
  REQUIRE(us150);
  // The first 30 s of each edge's audience after 150 s.
  const auto *us180 = find(at180.edges, "us-east-1"), *eu180 = find(at180.edges, "eu-west-1");
  REQUIRE(eu180);
  double us_window = ratio(us180->hits - us150->hits, us180->misses - us150->misses);
  double eu_window = ratio(eu180->hits - (eu150 ? eu150->hits : 0), eu180->misses - (eu150 ? eu150->misses : 0));
  const auto *us600 = find(at600.edges, "us-east-1"), *eu600 = find(at600.edges, "eu-west-1");
  double eu_late = ratio(eu600->hits - eu180->hits, eu600->misses - eu180->misses);
  INFO("150-180 s: us edge " << us_window << ", eu edge " << eu_window << "; eu edge 180-600 s " << eu_late);
  CHECK(us_window > 0.6);
  CHECK(eu_window < us_window - 0.2);  // cold
  CHECK(eu_late > eu_window + 0.1);    // warms up
  // The origin serves exactly the edges' misses.
  uint64_t misses = us600->misses + eu600->misses;
  CHECK(b.sim->connection(b.connection("c-origin")).metrics.calls == misses);
  // A line in the log says the new edge starts cold.
  bool logged = false;
  for (const auto& e : b.sim->event_log())
    logged = logged || (e.text_en.find("eu-west-1") != std::string::npos && e.text_en.find("starts empty") != std::string::npos);
  CHECK(logged);
  CHECK(b.sim->model(b.node("cdn")).status().en.find("edges: us-east-1") != std::string::npos);
}

TEST_CASE("CloudFront: a regional edge cache serves a new edge's misses on the same continent", "[cloudfront]") {
  auto run = [](const std::string& late_region) {
    engine::Built b = engine::build(two_audiences(late_region, true));
    REQUIRE(b.ok());
    b.sim->run_until(from_seconds(400));
    auto st = *services::cloudfront_stats(b.sim->model(b.node("cdn")));
    uint64_t edge_misses = 0, regional_misses = 0;
    for (const auto& e : st.edges) edge_misses += e.misses;
    for (const auto& t : st.regional) regional_misses += t.misses;
    uint64_t origin = b.sim->connection(b.connection("c-origin")).metrics.calls;
    CHECK(origin == regional_misses);  // the origin sees what no cache tier had
    return std::make_pair(edge_misses, origin);
  };
  auto [west_edge_misses, west_origin] = run("us-west-2");  // same regional cache as us-east-1's edge
  auto [eu_edge_misses, eu_origin] = run("eu-west-1");      // its own regional cache: cold too
  INFO("us-west-2: edge misses " << west_edge_misses << ", origin " << west_origin << "; eu-west-1: edge misses "
                                 << eu_edge_misses << ", origin " << eu_origin);
  CHECK(west_origin + 1000 < west_edge_misses);
  CHECK(west_origin + 1000 < eu_origin);
}
