#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

TEST_CASE("ASG: simple scaling scales out under load and in only after the cooldown", "[asg]") {
  auto d = base(2400);
  node(d, "users", "users", "", {{"pattern", "spike"}, {"rate_per_s", 100}, {"spike_at_s", 120}, {"spike_s", 600}, {"spike_multiplier", 4}});
  conn(d, "users", "alb");
  node(d, "alb", "alb", "");
  // m5.large: 2 workers × 10 ms = 200/s per instance. 2 instances: 25% at 100/s (above the 20% scale-in threshold), 100% at 400/s.
  node(d, "asg", "asg", "", {{"desired", 2}, {"min_size", 1}, {"max_size", 6}, {"policy", "simple"}, {"scale_in_cpu", 20}, {"service_time", expo(10)}, {"launch_s", 60}});
  conn(d, "alb", "asg");
  auto built = engine::build(d, 4);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(2400));
  auto out = logs(sim, LogKind::ScaleOut);
  auto in = logs(sim, LogKind::ScaleIn);
  REQUIRE(!out.empty());
  REQUIRE(!in.empty());
  CHECK(to_seconds(out[0]->time) > 120);
  CHECK(to_seconds(out[0]->time) < 200);
  // AWS-FACTS: Auto Scaling groups / Cooldown — 300 s between simple scaling activities.
  std::vector<double> times;
  for (const LogEntry& e : sim.event_log())
    if (e.kind == LogKind::ScaleOut || e.kind == LogKind::ScaleIn) times.push_back(to_seconds(e.time));
  for (size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] >= 300 - 1e-6);
  CHECK(to_seconds(in[0]->time) > 720);  // scale-in after the spike ended
  CHECK(!logs(sim, LogKind::InstanceLaunched).empty());
  CHECK(sim.metrics(built.node("asg")).instances >= 1);
}

TEST_CASE("ASG: target tracking keeps CPU near the target", "[asg]") {
  auto d = base(1800);
  users(d, 600, "alb");
  node(d, "alb", "alb", "");
  node(d, "asg", "asg", "", {{"desired", 2}, {"max_size", 10}, {"service_time", expo(10)}, {"queue_limit", 200}});
  conn(d, "alb", "asg");
  auto built = engine::build(d, 2);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(1800));
  // 600/s needs 3 instances at 100%, 6 at 50%.
  CHECK(built.sim->metrics(built.node("asg")).instances == 6);
}

TEST_CASE("ASG: an AZ outage makes the group relaunch in the surviving AZs", "[asg]") {
  auto d = base(400);
  users(d, 100, "alb");
  node(d, "alb", "alb", "");
  node(d, "asg", "asg", "", {{"desired", 3}, {"policy", "none"}, {"launch_s", 60}, {"service_time", expo(5)}});
  conn(d, "alb", "asg");
  d.faults.push_back({100, "az_down", "use1-az1", std::nullopt, 0});
  auto built = engine::build(d, 6);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(99));
  CHECK(sim.metrics(built.node("asg")).healthy == 3);
  sim.run_until(from_seconds(400));
  auto died = logs(sim, LogKind::InstanceDied);
  REQUIRE(died.size() == 1);
  CHECK(to_seconds(died[0]->time) == Approx(100).margin(1.5));
  auto launched = logs(sim, LogKind::InstanceLaunched);
  REQUIRE(launched.size() == 1);
  CHECK(to_seconds(launched[0]->time) == Approx(160).margin(2));
  CHECK(launched[0]->text_en.find("use1-az1") == std::string::npos);
  CHECK(sim.metrics(built.node("asg")).healthy == 3);
  // The replacement serves: the last minutes have no errors.
  uint64_t e = sim.metrics(built.node("users")).errors();
  sim.run_until(from_seconds(500));
  CHECK(sim.metrics(built.node("users")).errors() == e);
}
