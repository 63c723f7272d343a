#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

namespace {
// users → ec2 → efs; `read_fraction` of the requests are reads.
engine::Built efs_run(double rate, double read_fraction, nlohmann::json efs_params, double seconds,
                      const std::string& az = "use1-az2") {
  auto d = base(seconds);
  node(d, "users", "users", "", {{"pattern", "poisson"}, {"rate_per_s", rate}, {"read_fraction", read_fraction}});
  conn(d, "users", "i");
  node(d, "i", "ec2", az, {{"instance_type", "m5.2xlarge"}, {"requests_per_vcpu", 100}, {"service_time", expo(1)}});
  node(d, "fs", "efs", "", std::move(efs_params));
  conn(d, "i", "fs");
  auto built = engine::build(d, 6);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(seconds));
  return built;
}
double mean_p50(const engine::Built& b, int from, int to) {
  const auto& s = b.sim->metrics(b.node("users")).series;
  double sum = 0;
  for (int i = from; i < to; ++i) sum += s[i].p50_ms;
  return sum / (to - from);
}
}  // namespace

TEST_CASE("EFS: writes take ~2.7 ms, reads ~0.25 ms (AWS-FACTS: EFS / Latency)", "[efs]") {
  auto reads = efs_run(50, 1.0, nlohmann::json::object(), 40);
  auto writes = efs_run(50, 0.0, nlohmann::json::object(), 40);
  double diff = mean_p50(writes, 5, 35) - mean_p50(reads, 5, 35);
  CHECK(diff > 2.0);
  CHECK(diff < 3.0);
}

TEST_CASE("EFS: one file system serves instances in every AZ", "[efs]") {
  auto d = base(30);
  for (std::string k : {"1", "3"}) {
    node(d, "u" + k, "users", "", {{"pattern", "poisson"}, {"rate_per_s", 20}});
    node(d, "i" + k, "ec2", "use1-az" + k);
    conn(d, "u" + k, "i" + k);
    conn(d, "i" + k, "fs");
  }
  node(d, "fs", "efs", "");
  auto built = engine::build(d, 2);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(30));
  for (std::string u : {"u1", "u3"}) {
    CHECK(built.sim->metrics(built.node(u)).completions > 400);
    CHECK(built.sim->metrics(built.node(u)).errors() == 0);
  }
}

TEST_CASE("EFS: bursting throughput is 50 KiB/s per GiB stored once the credits are gone", "[efs]") {
  // 100 GiB: 5,000 KiB/s baseline = ~78 operations of 64 KiB per second (AWS-FACTS: EFS / Bursting).
  auto empty = efs_run(200, 0.5, {{"stored_gib", 100}, {"initial_credits", 0}}, 100);
  const auto& s = empty.sim->metrics(empty.node("users")).series;
  REQUIRE(s.size() > 90);
  CHECK(s[60].completions_per_s > 65);
  CHECK(s[60].completions_per_s < 92);
  CHECK(empty.sim->metrics(empty.node("fs")).errors() > 3000);
  // With credits it bursts to 100 MiB/s: the same load passes.
  auto full = efs_run(200, 0.5, {{"stored_gib", 100}}, 100);
  CHECK(full.sim->metrics(full.node("users")).errors() == 0);
  CHECK(logs(*full.sim, LogKind::ThrottlingBegan).empty());
}

TEST_CASE("EFS: billed per GB-month stored (AWS-FACTS: EFS / Price, Standard $0.30)", "[efs]") {
  auto b = efs_run(1, 0.5, {{"stored_gib", 100}}, 3600);
  CHECK(b.sim->metrics(b.node("fs")).cost_usd == Approx(100 * 0.30 / 730).epsilon(0.01));
}
