#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

TEST_CASE("EC2: a t3 in standard mode runs out of CPU credits and slows to its baseline", "[ec2]") {
  auto run = [](const std::string& type) {
    auto d = base(400);
    users(d, 80, "i");
    // 80/s × 20 ms on 2 vCPUs = 80% CPU: a t3.micro (10% baseline, 12 credits/h) spends
    // ~0.027 credits/s and earns 0.0033/s, so 1% of its balance (2.9 credits) lasts ~2 minutes.
    node(d, "i", "ec2", "use1-az1",
         {{"instance_type", type}, {"credit_mode", "standard"}, {"initial_credits", 0.01}, {"service_time", expo(20)}, {"queue_limit", 100}});
    auto built = engine::build(d, 9);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(400));
    return built;
  };
  auto t3 = run("t3.micro");
  auto began = logs(*t3.sim, LogKind::ThrottlingBegan);
  REQUIRE(!began.empty());
  CHECK(to_seconds(began[0]->time) > 90);
  CHECK(to_seconds(began[0]->time) < 160);
  const auto& series = t3.sim->metrics(t3.node("i")).series;
  REQUIRE(series.size() > 300);
  CHECK(series[30].p50_ms < 150);               // bursting: ~20 ms service + queueing
  CHECK(series[30].completions_per_s > 60);     // serves the offered 80/s
  CHECK(series[350].completions_per_s < 15);    // baseline: 2 workers × 200 ms = 10/s, the rest refused
  CHECK(t3.sim->metrics(t3.node("users")).errors() > 1000);
  auto m5 = run("m5.large");  // not burstable: same load, no slowdown
  CHECK(logs(*m5.sim, LogKind::ThrottlingBegan).empty());
  CHECK(m5.sim->metrics(m5.node("users")).errors() == 0);
}

TEST_CASE("EC2: pending → running after the boot time; billed per second with a 60 s minimum", "[ec2]") {
  auto d = base(120);
  users(d, 10, "i");
  node(d, "i", "ec2", "use1-az1", {{"initial_state", "pending"}, {"boot_s", 30}, {"stop_at_s", 40}});
  auto built = engine::build(d, 1);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(29));
  CHECK(sim.metrics(built.node("users")).completions == 0);  // nothing answers while pending
  sim.run_until(from_seconds(39));
  CHECK(sim.metrics(built.node("users")).completions > 50);
  sim.run_until(from_seconds(120));
  // Ran 10 s, billed 60 s of m5.large (AWS-FACTS: EC2 / Billing, EC2 / Price $0.096/h).
  CHECK(sim.metrics(built.node("i")).cost_usd == Approx(60 * 0.096 / 3600).epsilon(0.05));
}
