// Advice (lint): each rule fires on the unwise design and stays quiet on the fixed one.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/lint/lint.h"
#include "route_fixtures.h"
#include "tests/unit/source_files.h"

using namespace cp;

namespace {
bool has(const std::vector<lint::Finding>& f, const std::string& rule) {
  return std::any_of(f.begin(), f.end(), [&](const lint::Finding& x) { return x.rule == rule; });
}
const lint::Finding* get(const std::vector<lint::Finding>& f, const std::string& rule) {
  for (const auto& x : f)
    if (x.rule == rule) return &x;
  return nullptr;
}
}  // namespace

TEST_CASE("lint: failover record without health check", "[lint]") {
  auto bad = lint::lint(testfx::two_region_doc("route53", {{"routing_policy", "failover"}, {"health_check", false}}, -1));
  const lint::Finding* f = get(bad, "failover-without-health-check");
  REQUIRE(f);
  CHECK(f->severity == lint::Severity::Warning);
  CHECK(f->nodes == std::vector<std::string>{"edge"});
  CHECK(f->fact == "Route 53 / HC types");
  CHECK_FALSE(f->text_ko.empty());
  CHECK_FALSE(has(lint::lint(testfx::two_region_doc("route53", {{"routing_policy", "failover"}}, -1)),
                  "failover-without-health-check"));
}

TEST_CASE("lint: single-AZ tier", "[lint]") {
  std::vector<testfx::Target> one_az = {{"a", "us-east-1", 1}, {"b", "us-east-1", 1}};
  auto f = lint::lint(testfx::multi_target_doc({}, one_az, "us-east-1"));
  const lint::Finding* x = get(f, "single-az-tier");
  REQUIRE(x);
  CHECK(x->nodes == std::vector<std::string>{"dns", "a", "b"});
  doc::Document spread = testfx::multi_target_doc({}, one_az, "us-east-1");
  spread.regions[0].azs.push_back("use1-az2");
  spread.nodes[3].az = "use1-az2";
  CHECK_FALSE(has(lint::lint(spread), "single-az-tier"));
}

TEST_CASE("lint: users without timeout, retries without backoff", "[lint]") {
  doc::Document d = testfx::two_region_doc("route53", {}, -1);
  CHECK_FALSE(has(lint::lint(d), "users-without-timeout"));
  d.connections[0].params = nlohmann::json::object();
  CHECK(has(lint::lint(d), "users-without-timeout"));
  d.connections[1].params = {{"retries", 3}, {"backoff_base_ms", 1}, {"timeout_ms", 500}};
  CHECK(has(lint::lint(d), "retries-without-backoff"));
  d.connections[1].params = {{"retries", 3}, {"timeout_ms", 500}};
  CHECK_FALSE(has(lint::lint(d), "retries-without-backoff"));
}

TEST_CASE("lint: NLB without cross-zone and uneven AZs; ASG min == max (the services' own rules)", "[lint]") {
  doc::Document d;
  d.regions = {{"us-east-1", {"use1-az1", "use1-az2"}}};
  d.nodes.push_back({"nlb", "nlb", "NLB", "us-east-1", "", {}});
  d.nodes.push_back({"i1", "ec2", "", "us-east-1", "use1-az1", {}});
  for (int i = 2; i <= 5; ++i) d.nodes.push_back({"i" + std::to_string(i), "ec2", "", "us-east-1", "use1-az2", {}});
  for (int i = 1; i <= 5; ++i) d.connections.push_back({"c" + std::to_string(i), "nlb", "i" + std::to_string(i), {}});
  d.nodes.push_back({"asg", "asg", "", "us-east-1", "", {{"min_size", 2}, {"max_size", 2}}});
  auto f = lint::lint(d);
  CHECK(has(f, "nlb-uneven-without-cross-zone"));
  CHECK(has(f, "asg-min-equals-max"));
  d.nodes[0].params["cross_zone"] = true;
  CHECK_FALSE(has(lint::lint(d), "nlb-uneven-without-cross-zone"));
}

TEST_CASE("lint: a launch hook nothing completes; predictive scaling in forecast-only mode", "[lint]") {
  doc::Document d = cp::test::example_document("three-tier-web.json");
  doc::NodeDoc* web = nullptr;
  for (auto& n : d.nodes)
    if (n.id == "web") web = &n;
  REQUIRE(web);
  CHECK_FALSE(has(lint::lint(d), "asg-launch-hook-never-completed"));
  web->params["launch_hook"] = "continue";
  auto f = lint::lint(d);
  const lint::Finding* x = get(f, "asg-launch-hook-never-completed");
  REQUIRE(x);
  CHECK(x->severity == lint::Severity::Warning);
  CHECK(x->nodes == std::vector<std::string>{"web"});
  CHECK(x->text_en.find("3600 s") != std::string::npos);  // the default heartbeat timeout
  CHECK(x->text_ko.find("3600초") != std::string::npos);
  web->params["launch_hook_complete_s"] = 90;  // the bootstrap script completes it
  CHECK_FALSE(has(lint::lint(d), "asg-launch-hook-never-completed"));

  CHECK_FALSE(has(lint::lint(d), "asg-predictive-forecast-only"));
  web->params["predictive"] = "forecast_only";
  CHECK(has(lint::lint(d), "asg-predictive-forecast-only"));
  web->params["predictive"] = "forecast_and_scale";
  CHECK_FALSE(has(lint::lint(d), "asg-predictive-forecast-only"));
}
