// Route 53: routing policies, health checks, resolver caching (failover takes
// detection + TTL), Alias vs CNAME validation, cost. And Global Accelerator's
// failover, which needs no DNS and so takes the detection time only.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "route_fixtures.h"

using namespace cp;
using namespace cp::sim;
using namespace cp::testfx;

TEST_CASE("Route 53 failover takes health-check detection + TTL", "[route53]") {
  // Fault at 105 s; checks every 10 s, threshold 3 -> unhealthy at 130 s;
  // resolvers keep the old answer up to 60 s more -> errors end near 190 s.
  doc::Document d = two_region_doc("route53", {{"routing_policy", "failover"}, {"ttl_s", 60}, {"hc_interval_s", 10}},
                                   105);
  Outage o = run_outage(d, 400);
  INFO("errors from " << o.first_error_s << " to " << o.last_error_s);
  CHECK(o.first_error_s >= 105);
  CHECK(o.first_error_s <= 110);
  CHECK(o.last_error_s >= 180);   // detection (25 s) + most of the TTL
  CHECK(o.last_error_s <= 196);   // detection + TTL + the users' 2 s timeout
  CHECK(o.secondary_arrivals > 0);
}

TEST_CASE("Route 53 failover with a longer TTL takes longer", "[route53]") {
  doc::Document d = two_region_doc("route53", {{"routing_policy", "failover"}, {"ttl_s", 300}, {"hc_interval_s", 10}},
                                   105);
  Outage o = run_outage(d, 600);
  CHECK(o.last_error_s >= 400);
  CHECK(o.last_error_s <= 436);
}

TEST_CASE("Route 53 failover record without health check never fails over", "[route53]") {
  doc::Document d = two_region_doc("route53", {{"routing_policy", "failover"}, {"health_check", false}}, 105);
  Outage o = run_outage(d, 300);
  CHECK(o.last_error_s >= 295);
  CHECK(o.secondary_arrivals == 0);
}

TEST_CASE("Global Accelerator fails over in the detection time, faster than Route 53", "[route53][global_accelerator]") {
  doc::Document ga = two_region_doc("global_accelerator", {{"hc_interval_s", 10}}, 105);
  doc::Document r53 = two_region_doc("route53", {{"routing_policy", "failover"}, {"ttl_s", 60}, {"hc_interval_s", 10}},
                                     105);
  Outage a = run_outage(ga, 400);
  Outage b = run_outage(r53, 400);
  INFO("GA errors end " << a.last_error_s << ", Route 53 " << b.last_error_s);
  CHECK(a.last_error_s >= 125);   // 3 failed checks: 110, 120, 130
  CHECK(a.last_error_s <= 134);   // + the users' 2 s timeout
  CHECK(b.last_error_s - a.last_error_s >= 45);  // the TTL Route 53's clients wait out
}

TEST_CASE("Global Accelerator traffic dial spills the rest to the next Region", "[global_accelerator]") {
  doc::Document d = two_region_doc("global_accelerator", {{"traffic_dials", "us-east-1=25"}}, -1);
  Shares s = run_shares(d, 200);
  CHECK(s.share("primary") == Approx(0.25).margin(0.04));
  CHECK(s.share("secondary") == Approx(0.75).margin(0.04));
}

TEST_CASE("Route 53 weighted routing splits by weight", "[route53]") {
  doc::Document d = multi_target_doc({{"routing_policy", "weighted"}, {"ttl_s", 1}, {"resolvers", 200}},
                                     {{"a", "us-east-1", 1}, {"b", "us-east-1", 1}, {"c", "us-east-1", 2}}, "us-east-1");
  Shares s = run_shares(d, 200);
  CHECK(s.share("a") == Approx(0.25).margin(0.04));
  CHECK(s.share("b") == Approx(0.25).margin(0.04));
  CHECK(s.share("c") == Approx(0.50).margin(0.05));
}

TEST_CASE("Route 53 latency routing answers with the Region nearest the client", "[route53]") {
  std::vector<Target> t = {{"virginia", "us-east-1", 1}, {"ireland", "eu-west-1", 1}, {"seoul", "ap-northeast-2", 1}};
  Shares eu = run_shares(multi_target_doc({{"routing_policy", "latency"}}, t, "eu-central-1"), 60);
  CHECK(eu.share("ireland") == 1.0);
  Shares kr = run_shares(multi_target_doc({{"routing_policy", "latency"}}, t, "ap-northeast-1"), 60);
  CHECK(kr.share("seoul") == 1.0);
}

TEST_CASE("Route 53 geolocation: the client's Region, then continent, then the default", "[route53]") {
  std::vector<Target> t = {{"default", "us-east-1", 1}, {"ireland", "eu-west-1", 1}};
  CHECK(run_shares(multi_target_doc({{"routing_policy", "geolocation"}}, t, "eu-central-1"), 60).share("ireland") == 1.0);
  CHECK(run_shares(multi_target_doc({{"routing_policy", "geolocation"}}, t, "ap-northeast-2"), 60).share("default") == 1.0);
}

TEST_CASE("Route 53 geoproximity: a bias (weight) pulls traffic to a farther Region", "[route53]") {
  std::vector<Target> near_far = {{"frankfurt", "eu-central-1", 1}, {"virginia", "us-east-1", 1}};
  CHECK(run_shares(multi_target_doc({{"routing_policy", "geoproximity"}}, near_far, "eu-west-1"), 60).share("frankfurt") == 1.0);
  std::vector<Target> biased = {{"frankfurt", "eu-central-1", 1}, {"virginia", "us-east-1", 100}};
  CHECK(run_shares(multi_target_doc({{"routing_policy", "geoproximity"}}, biased, "eu-west-1"), 60).share("virginia") == 1.0);
}

TEST_CASE("Route 53 multivalue answers with at most 8 records", "[route53]") {
  std::vector<Target> t;
  for (int i = 0; i < 10; ++i) t.push_back({"t" + std::to_string(i), "us-east-1", 1});
  // One resolver and a TTL longer than the run: one answer of 8 values serves every request.
  Shares s = run_shares(multi_target_doc({{"routing_policy", "multivalue"}, {"record_type", "A"}, {"ttl_s", 3600},
                                          {"resolvers", 1}},
                                         t, "us-east-1"),
                        100);
  int used = 0;
  for (auto& [id, n] : s.arrivals) used += n > 0;
  CHECK(used == 8);
}

TEST_CASE("Route 53 simple routing spreads over every value", "[route53]") {
  std::vector<Target> t = {{"a", "us-east-1", 1}, {"b", "us-east-1", 1}};
  Shares s = run_shares(multi_target_doc({{"routing_policy", "simple"}}, t, "us-east-1"), 100);
  CHECK(s.share("a") == Approx(0.5).margin(0.05));
}

TEST_CASE("Route 53 resolvers query only on cache misses; CNAME queries cost, alias queries are free", "[route53]") {
  std::vector<Target> t = {{"a", "us-east-1", 1}};
  auto cost = [&](const char* type) {
    doc::Document d = multi_target_doc({{"record_type", type}, {"ttl_s", 10}, {"resolvers", 5}}, t, "us-east-1");
    engine::Built b = engine::build(d);
    REQUIRE(b.ok());
    b.sim->run_until(100 * kSecond);
    return b.sim->metrics(b.node("dns")).cost_usd;
  };
  double hosted_zone = 0.50 / (730.0 * 3600.0) * 100;  // 100 s of $0.50/month
  CHECK(cost("A-alias") == Approx(hosted_zone).epsilon(0.05));
  // ~5 resolvers × 10 refreshes = ~50 queries at $0.40 per million
  CHECK(cost("CNAME") - cost("A-alias") == Approx(50 * 0.40e-6).epsilon(0.25));
}

TEST_CASE("A CNAME at the zone apex is refused with the reason; alias is fine", "[route53]") {
  std::vector<Target> t = {{"a", "us-east-1", 1}};
  doc::Document bad = multi_target_doc({{"record_type", "CNAME"}, {"apex", true}}, t, "us-east-1");
  auto r = catalog::load_document(doc::to_json(bad));
  REQUIRE_FALSE(r.ok());
  bool found = false;
  for (auto& e : r.errors)
    if (e.path.find("params.record_type") != std::string::npos && e.message.find("apex") != std::string::npos) found = true;
  CHECK(found);
  doc::Document good = multi_target_doc({{"record_type", "A-alias"}, {"apex", true}}, t, "us-east-1");
  auto g = catalog::load_document(doc::to_json(good));
  for (auto& e : g.errors) INFO(e.path << ": " << e.message);
  CHECK(g.ok());
  doc::Document interval = multi_target_doc({{"hc_interval_s", 20}}, t, "us-east-1");
  CHECK_FALSE(catalog::load_document(doc::to_json(interval)).ok());
}
