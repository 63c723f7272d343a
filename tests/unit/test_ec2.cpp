#include "core/catalog/validate.h"
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

TEST_CASE("EC2: a stop during boot cancels the boot; started again, it runs a full boot after the new start", "[ec2]") {
  auto d = base(120);
  users(d, 10, "i");
  node(d, "i", "ec2", "use1-az1", {{"initial_state", "pending"}, {"boot_s", 30}, {"stop_at_s", 10}, {"start_at_s", 15}});
  auto built = engine::build(d, 1);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(12));
  CHECK(sim.cancelled_pending() == 1);  // the first boot's timer (due at 30 s) is cancelled, not pending
  sim.run_until(from_seconds(44));
  // The first boot would have ended at 30 s: it must not bring the instance up.
  CHECK(sim.metrics(built.node("users")).completions == 0);
  CHECK(logs(sim, LogKind::InstanceLaunched).empty());
  sim.run_until(from_seconds(60));
  auto launched = logs(sim, LogKind::InstanceLaunched);
  REQUIRE(launched.size() == 1);
  CHECK(launched[0]->time == from_seconds(45));  // 15 s + 30 s boot
  CHECK(sim.metrics(built.node("users")).completions > 100);
}

TEST_CASE("EC2: hibernate keeps RAM (stopping → stopped → pending → running, resumed fast); a normal stop boots cold", "[ec2][hibernate]") {
  // Both stop at 60 s and start again at 200 s. Boot 30 s + application start 60 s for a cold start;
  // a hibernated m5.large (8 GiB RAM) spends 8 × 1024 / 125 = 65.54 s stopping and resumes in 10 s.
  auto run = [](const std::string& action) {
    auto d = base(400);
    users(d, 20, "i");
    node(d, "i", "ec2", "use1-az1",
         {{"stop_at_s", 60}, {"start_at_s", 200}, {"boot_s", 30}, {"app_start_s", 60}, {"hibernate_resume_s", 10},
          {"hibernation_enabled", true}, {"stop_action", action}, {"instance_store_gib", 50}});
    auto built = engine::build(d, 3);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(400));
    return built;
  };
  // First second (after the restart) in which the instance served requests again.
  auto back_at = [](const engine::Built& b) {
    const auto& s = b.sim->metrics(b.node("i")).series;
    for (size_t t = 201; t < s.size(); ++t)
      if (s[t].completions_per_s > 0) return static_cast<double>(t);
    return -1.0;
  };
  auto stop = run("stop");
  auto hib = run("hibernate");
  // Normal stop: stopped at once; started at 200, running at 230, answering at 290.
  auto stopped = logs(*stop.sim, LogKind::InstanceDied);
  REQUIRE(stopped.size() == 1);
  CHECK(to_seconds(stopped[0]->time) == Approx(60).margin(0.01));
  CHECK(back_at(stop) == Approx(290).margin(2));
  // Hibernate: stopping for 65.5 s, then stopped; started at 200, running (resumed) at 210 and answering at once.
  auto hstopped = logs(*hib.sim, LogKind::InstanceDied);
  REQUIRE(hstopped.size() == 1);
  CHECK(to_seconds(hstopped[0]->time) == Approx(125.536).margin(0.01));
  CHECK(hstopped[0]->text_en.find("hibernated") != std::string::npos);
  auto running = logs(*hib.sim, LogKind::InstanceLaunched);
  REQUIRE(running.size() == 2);  // at 0 s and after the resume
  CHECK(to_seconds(running[1]->time) == Approx(210).margin(0.01));
  CHECK(running[1]->text_en.find("resumed from hibernation") != std::string::npos);
  CHECK(back_at(hib) == Approx(210).margin(2));
  // Nothing answers while stopping: no completions between 61 s and 199 s in either run.
  for (const auto* b : {&stop, &hib}) {
    const auto& s = b->sim->metrics(b->node("i")).series;
    for (size_t t = 62; t < 200; ++t) CHECK(s[t].completions_per_s == 0);
  }
  // The instance store is wiped by both (AWS-FACTS: Instance store / Data loss).
  auto lost = [](const engine::Built& b) {
    int n = 0;
    for (const LogEntry* e : logs(*b.sim, LogKind::Info))
      if (e->text_en.find("instance store data lost") != std::string::npos) ++n;
    return n;
  };
  CHECK(lost(stop) == 1);
  CHECK(lost(hib) == 1);
  // Stopping while hibernating is billed: 65.5 s more of m5.large; the cold start's 60 s app start is billed too.
  double c_stop = stop.sim->metrics(stop.node("i")).cost_usd, c_hib = hib.sim->metrics(hib.node("i")).cost_usd;
  // stop: running 0–60 and 230–400 = 230 s; hibernate: 0–125.5 and 210–400 = 315.5 s.
  CHECK(c_stop == Approx(230 * 0.096 / 3600).epsilon(0.02));
  CHECK(c_hib == Approx(316 * 0.096 / 3600).epsilon(0.02));
}

TEST_CASE("EC2: hibernation must be enabled at launch and needs less than 150 GiB of RAM", "[ec2][hibernate]") {
  auto check = [](nlohmann::json params, const std::string& path_part, const std::string& text) {
    auto d = base(60);
    node(d, "i", "ec2", "use1-az1", std::move(params));
    auto r = catalog::load_document(doc::to_json(d));
    bool found = false;
    for (auto& e : r.errors) {
      INFO(e.path << ": " << e.message);
      if (e.path.find(path_part) != std::string::npos && e.message.find(text) != std::string::npos) found = true;
    }
    return found;
  };
  CHECK(check({{"stop_action", "hibernate"}}, "params.stop_action", "enabled when the instance is launched"));
  CHECK(check({{"instance_type", "r5.8xlarge"}, {"hibernation_enabled", true}}, "params.hibernation_enabled", "less than 150 GiB"));
  auto d = base(60);
  node(d, "i", "ec2", "use1-az1", {{"instance_type", "r5.xlarge"}, {"hibernation_enabled", true}, {"stop_action", "hibernate"}});
  CHECK(catalog::load_document(doc::to_json(d)).ok());  // 32 GiB: fine
}
