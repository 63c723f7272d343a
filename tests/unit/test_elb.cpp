#include <catch2/catch.hpp>

#include "lb_test_util.h"

using namespace lbt;

TEST_CASE("ELB: a dead target stops receiving traffic only after the unhealthy threshold", "[elb]") {
  auto d = base(300);
  users(d, 100, "alb");
  node(d, "alb", "alb", "");
  node(d, "a", "ec2", "use1-az1", {{"service_time", expo(5)}});
  node(d, "b", "ec2", "use1-az2", {{"service_time", expo(5)}});
  conn(d, "alb", "a");
  conn(d, "alb", "b");
  d.faults.push_back({100, "kill_node", "b", std::nullopt, 0});
  auto built = engine::build(d, 7);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(99));
  NodeId u = built.node("users");
  CHECK(sim.metrics(u).errors() == 0);
  sim.run_until(from_seconds(300));
  auto changes = logs(sim, LogKind::HealthChanged);
  REQUIRE(changes.size() == 1);
  double t = to_seconds(changes[0]->time);
  // ALB defaults (AWS-FACTS: ELB / ALB health check): 30 s interval, 2 failures, 5 s timeout:
  // the second failed check after 100 s concludes between 135 s and 166 s.
  CHECK(t > 130);
  CHECK(t < 167);
  // In between, about half the requests went to the dead target and failed.
  CHECK(sim.metrics(u).outcomes[static_cast<int>(Outcome::ServerError)] > 1000);
  uint64_t errors_at_300 = sim.metrics(u).errors();
  sim.run_until(from_seconds(400));
  CHECK(sim.metrics(u).errors() == errors_at_300);  // nothing goes to b any more
}

TEST_CASE("ELB: no healthy target gives 503 (CLB), ALB fails open instead", "[elb]") {
  for (std::string type : {"clb", "alb"}) {
    auto d = base(200);
    users(d, 50, "lb");
    node(d, "lb", type, "");
    node(d, "a", "ec2", "use1-az1");
    conn(d, "lb", "a");
    d.faults.push_back({20, "kill_node", "a", std::nullopt, 0});
    auto built = engine::build(d, 3);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(200));
    const NodeMetrics& m = built.sim->metrics(built.node("users"));
    uint64_t no_target = m.outcomes[static_cast<int>(Outcome::NoHealthyTarget)];
    INFO(type);
    if (type == "clb") CHECK(no_target > 50 * 100);  // 503 from ~80 s on
    else CHECK(no_target == 0);                       // AWS-FACTS: ELB / Target states — ALB fails open
    CHECK(m.outcomes[static_cast<int>(Outcome::ServerError)] > 0);
  }
}

// 1 instance in AZ1, 4 in AZ2. NLB (cross-zone off): each AZ's LB node gets half
// the traffic, so the lone instance gets 50%; ALB spreads 20% to each.
static double lone_utilization(const std::string& type) {
  auto d = base(120);
  users(d, 300, "lb");
  node(d, "lb", type, "");
  node(d, "lone", "ec2", "use1-az1", {{"service_time", expo(10)}});
  conn(d, "lb", "lone");
  for (int i = 0; i < 4; ++i) {
    std::string id = "b" + std::to_string(i);
    node(d, id, "ec2", "use1-az2", {{"service_time", expo(10)}});
    conn(d, "lb", id);
  }
  auto built = engine::build(d, 11);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(120));
  return utilization(*built.sim, built.node("lone"));
}

TEST_CASE("ELB: NLB without cross-zone overloads the lone instance of an uneven AZ; ALB balances", "[elb]") {
  double nlb = lone_utilization("nlb");
  double alb = lone_utilization("alb");
  // m5.large = 2 workers × 10 ms = 200 requests/s. ALB: 60/s → ρ 0.3; NLB: 150/s → ρ 0.75.
  CHECK(alb == Approx(0.30).margin(0.03));
  CHECK(nlb == Approx(0.75).margin(0.05));
}

TEST_CASE("ELB: NLB adds less latency than ALB", "[elb]") {
  auto lat = [](const std::string& type) {
    auto d = base(60);
    users(d, 100, "lb");
    node(d, "lb", type, "");
    node(d, "a", "ec2", "use1-az1", {{"service_time", nlohmann::json{{"kind", "constant"}, {"value_ms", 1}}}, {"requests_per_vcpu", 50}});
    conn(d, "lb", "a");
    auto built = engine::build(d, 5);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(60));
    return static_cast<double>(built.sim->metrics(built.node("lb")).latency.percentile(50.0)) / 1e6;
  };
  CHECK(lat("alb") > lat("nlb") + 0.0007);
}

#include <fstream>
#include <sstream>
#include "tests/unit/source_files.h"


TEST_CASE("Example nlb-uneven-azs: the lone instance saturates, the others idle", "[elb][example]") {
  auto b = cp::test::example_run("nlb-uneven-azs.json");
  b.sim->run_until(b.duration);
  // 180/s on the lone m5.large (capacity 200/s) vs 45/s on each of the others.
  CHECK(utilization(*b.sim, b.node("a1")) > 0.8);
  CHECK(utilization(*b.sim, b.node("b1")) < 0.3);
}

TEST_CASE("Example three-tier-web: scales out for the spike and survives the AZ outage", "[asg][example]") {
  auto b = cp::test::example_run("three-tier-web.json");
  b.sim->run_until(b.duration);
  CHECK(!logs(*b.sim, LogKind::ScaleOut).empty());
  CHECK(logs(*b.sim, LogKind::InstanceDied).size() >= 1);
  for (const LogEntry* e : logs(*b.sim, LogKind::InstanceLaunched))
    if (e->time > from_seconds(300)) CHECK(e->text_en.find("use1-az1") == std::string::npos);
  const NodeMetrics& u = b.sim->metrics(b.node("users"));
  CHECK(static_cast<double>(u.errors()) < 0.05 * static_cast<double>(u.arrivals));
  CHECK(b.sim->metrics(b.node("web")).metric_value("healthy_instances") >= 3);
}
