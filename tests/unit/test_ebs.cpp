#include <catch2/catch.hpp>

#include "core/services/ebs.h"
#include "lb_test_util.h"

using namespace lbt;

namespace {
// users (writes only) → one ec2 with plenty of workers → one EBS volume.
doc::Document volume_doc(double rate, nlohmann::json ebs_params, double read_fraction = 0, const std::string& ebs_az = "use1-az1") {
  auto d = base(200);
  node(d, "users", "users", "", {{"pattern", "poisson"}, {"rate_per_s", rate}, {"read_fraction", read_fraction}});
  conn(d, "users", "i");
  node(d, "i", "ec2", "use1-az1",
       {{"instance_type", "m5.2xlarge"}, {"requests_per_vcpu", 500}, {"service_time", expo(1)}, {"queue_limit", 1000}});
  node(d, "vol", "ebs", ebs_az, std::move(ebs_params));
  conn(d, "i", "vol");
  return d;
}
}  // namespace

TEST_CASE("EBS: gp2 bursts to 3,000 IOPS on credits, then drops to 3 IOPS/GiB", "[ebs]") {
  // 100 GiB gp2: baseline 300 IOPS. 1% of 5.4 M credits = 54,000; at 1,000 writes/s the
  // bucket drains by 700/s, so the burst lasts ~77 s (AWS-FACTS: EBS / gp2).
  auto d = volume_doc(1000, {{"volume_type", "gp2"}, {"size_gib", 100}, {"initial_credits", 0.01}});
  auto built = engine::build(d, 3);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(200));
  auto began = logs(*built.sim, LogKind::ThrottlingBegan);
  REQUIRE(began.size() == 1);
  CHECK(began[0]->node == built.node("vol").v);
  CHECK(to_seconds(began[0]->time) > 65);
  CHECK(to_seconds(began[0]->time) < 90);
  const auto& series = built.sim->metrics(built.node("users")).series;
  REQUIRE(series.size() > 190);
  CHECK(series[30].completions_per_s > 900);   // bursting: the offered 1,000/s
  CHECK(series[150].completions_per_s < 340);  // baseline 300 IOPS
  CHECK(series[150].completions_per_s > 260);
  CHECK(built.sim->metrics(built.node("users")).errors() > 5000);
}

TEST_CASE("EBS: gp3's 3,000 included IOPS cap the instance; provisioning more lifts the cap", "[ebs]") {
  auto run = [](nlohmann::json p, double read_fraction) {
    auto built = engine::build(volume_doc(4000, std::move(p), read_fraction), 5);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(100));
    return built;
  };
  auto capped = run({{"volume_type", "gp3"}, {"size_gib", 100}}, 0);
  const auto& s = capped.sim->metrics(capped.node("users")).series;
  REQUIRE(s.size() > 90);
  CHECK(s[60].completions_per_s > 2800);
  CHECK(s[60].completions_per_s < 3200);  // AWS-FACTS: EBS / gp3 (3,000 IOPS included)
  CHECK(capped.sim->metrics(capped.node("vol")).errors() > 10000);  // the volume throttles the excess
  CHECK(capped.sim->metrics(capped.node("users")).errors() > 10000);

  auto provisioned = run({{"volume_type", "gp3"}, {"size_gib", 100}, {"iops", 5000}}, 0);
  CHECK(provisioned.sim->metrics(provisioned.node("users")).errors() == 0);
  auto io2 = run({{"volume_type", "io2"}, {"size_gib", 100}, {"iops", 6000}}, 0);
  CHECK(io2.sim->metrics(io2.node("users")).errors() == 0);
  // Reads do no volume I/O by default (page cache): the same 4,000/s of reads pass.
  auto reads = run({{"volume_type", "gp3"}, {"size_gib", 100}}, 1.0);
  CHECK(reads.sim->metrics(reads.node("users")).errors() == 0);
  // ...unless every request does I/O.
  auto all = run({{"volume_type", "gp3"}, {"size_gib", 100}, {"io_requests", "all"}}, 1.0);
  CHECK(all.sim->metrics(all.node("users")).errors() > 10000);
}

TEST_CASE("EBS: a volume in another AZ is refused with the reason (move it via a snapshot)", "[ebs]") {
  auto d = volume_doc(50, {{"volume_type", "gp3"}}, 0, "use1-az2");
  auto built = engine::build(d, 1);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(30));
  auto warnings = logs(*built.sim, LogKind::Warning);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0]->text_en.find("snapshot") != std::string::npos);
  CHECK(warnings[0]->text_ko.find("스냅샷") != std::string::npos);
  CHECK(built.sim->metrics(built.node("users")).completions == 0);
  CHECK(built.sim->metrics(built.node("users")).errors() > 500);
  // The same volume in the instance's AZ works.
  auto same = engine::build(volume_doc(50, {{"volume_type", "gp3"}}), 1);
  REQUIRE(same.ok());
  same.sim->run_until(from_seconds(30));
  CHECK(logs(*same.sim, LogKind::Warning).empty());
  CHECK(same.sim->metrics(same.node("users")).errors() == 0);
}

TEST_CASE("EBS: only io1/io2 with Multi-Attach serve several instances", "[ebs]") {
  auto run = [](nlohmann::json p) {
    auto d = base(60);
    for (std::string k : {"1", "2"}) {
      node(d, "u" + k, "users", "", {{"pattern", "poisson"}, {"rate_per_s", 50}, {"read_fraction", 0}});
      node(d, "i" + k, "ec2", "use1-az1");
      conn(d, "u" + k, "i" + k);
      conn(d, "i" + k, "vol");
    }
    node(d, "vol", "ebs", "use1-az1", std::move(p));
    auto built = engine::build(d, 2);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(30));
    return built;
  };
  auto gp3 = run({{"volume_type", "gp3"}});
  CHECK(gp3.sim->metrics(gp3.node("u1")).errors() == 0);
  CHECK(gp3.sim->metrics(gp3.node("u2")).completions == 0);  // the second attachment is refused
  auto w = logs(*gp3.sim, LogKind::Warning);
  REQUIRE(w.size() == 1);
  CHECK(w[0]->text_en.find("Multi-Attach") != std::string::npos);
  auto io2 = run({{"volume_type", "io2"}, {"iops", 1000}, {"multi_attach", true}});
  CHECK(io2.sim->metrics(io2.node("u1")).errors() == 0);
  CHECK(io2.sim->metrics(io2.node("u2")).errors() == 0);
  CHECK(logs(*io2.sim, LogKind::Warning).empty());
  auto io2_single = run({{"volume_type", "io2"}, {"iops", 1000}});
  CHECK(io2_single.sim->metrics(io2_single.node("u2")).completions == 0);
}

TEST_CASE("EBS: param rules (Multi-Attach type, gp3 IOPS per GiB, st1 minimum size)", "[ebs]") {
  const auto& d = services::ebs_descriptor();
  auto check = [&](nlohmann::json p) { return d.validate(catalog::with_defaults(d, p)); };
  CHECK(check({}).empty());
  auto ma = check({{"volume_type", "gp3"}, {"multi_attach", true}});
  REQUIRE(ma.size() == 1);
  CHECK(ma[0].path == "multi_attach");
  CHECK(check({{"volume_type", "io1"}, {"iops", 1000}, {"multi_attach", true}}).empty());
  CHECK(check({{"volume_type", "gp3"}, {"size_gib", 8}, {"iops", 5000}}).size() == 1);  // 8 GiB × 500 = 4,000
  CHECK(check({{"volume_type", "gp3"}, {"size_gib", 10}, {"iops", 5000}}).empty());
  CHECK(check({{"volume_type", "st1"}, {"size_gib", 100}}).size() == 1);
  CHECK(check({{"volume_type", "io1"}, {"iops", 70000}}).size() == 1);
}

TEST_CASE("EBS: billed per GB-month, plus provisioned IOPS and throughput", "[ebs]") {
  auto run = [](nlohmann::json p) {
    auto built = engine::build(volume_doc(1, std::move(p)), 1);
    REQUIRE(built.ok());
    built.sim->run_until(from_seconds(3600));
    return built.sim->metrics(built.node("vol")).cost_usd;
  };
  const double month_h = 730;
  // AWS-FACTS: EBS / Price — gp3 $0.08/GB-month; +$0.04 per MiB/s over 125.
  CHECK(run({{"volume_type", "gp3"}, {"size_gib", 100}}) == Approx(100 * 0.08 / month_h).epsilon(0.01));
  CHECK(run({{"volume_type", "gp3"}, {"size_gib", 100}, {"throughput_mibps", 225}}) ==
        Approx((100 * 0.08 + 100 * 0.04) / month_h).epsilon(0.01));
}

TEST_CASE("Instance store data is lost when the instance stops; the EBS volume's data survives", "[ebs]") {
  auto d = base(60);
  node(d, "users", "users", "", {{"pattern", "poisson"}, {"rate_per_s", 50}, {"read_fraction", 0}});
  conn(d, "users", "i");
  node(d, "i", "ec2", "use1-az1", {{"instance_store_gib", 100}, {"stop_at_s", 20}});
  node(d, "vol", "ebs", "use1-az1", {{"volume_type", "gp3"}});
  conn(d, "i", "vol");
  auto built = engine::build(d, 4);
  REQUIRE(built.ok());
  Simulation& sim = *built.sim;
  sim.run_until(from_seconds(19));
  std::string before = sim.model(built.node("i")).status();
  CHECK(before.find("instance store: 0 writes") == std::string::npos);
  CHECK(before.find("instance store: ") != std::string::npos);
  CHECK(logs(sim, LogKind::Info).empty());
  sim.run_until(from_seconds(30));
  std::vector<const LogEntry*> lost;
  for (const LogEntry* e : logs(sim, LogKind::Info))
    if (e->text_en.find("instance store data lost") != std::string::npos) lost.push_back(e);
  REQUIRE(lost.size() == 1);
  CHECK(to_seconds(lost[0]->time) == Approx(20).margin(0.01));
  CHECK(lost[0]->text_ko.find("인스턴스 스토어 데이터 손실") != std::string::npos);
  CHECK(sim.model(built.node("i")).status().find("instance store: 0 writes") != std::string::npos);
  // The volume still holds every write the instance made before it stopped.
  std::string vol = sim.model(built.node("vol")).status();
  CHECK(vol.find(" 0 writes stored") == std::string::npos);
  CHECK(vol.find("writes stored") != std::string::npos);
  // Without an instance store there is nothing to lose.
  auto d2 = d;
  d2.nodes[1].params.erase("instance_store_gib");
  auto plain = engine::build(d2, 4);
  REQUIRE(plain.ok());
  plain.sim->run_until(from_seconds(30));
  CHECK(logs(*plain.sim, LogKind::Info).empty());
}

TEST_CASE("EC2 placement groups: spread allows 7 instances per AZ, cluster stays in one AZ", "[ebs][placement]") {
  auto d = base(30);
  for (int k = 1; k <= 9; ++k)  // i8 goes to az2: only i9 is the 8th in az1
    node(d, "i" + std::to_string(k), "ec2", k == 8 ? "use1-az2" : "use1-az1",
         {{"placement_group", "spread"}, {"placement_group_name", "web"}});
  node(d, "other", "ec2", "use1-az1", {{"placement_group", "spread"}, {"placement_group_name", "db"}});
  node(d, "c1", "ec2", "use1-az1", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  node(d, "c2", "ec2", "use1-az1", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  node(d, "c3", "ec2", "use1-az3", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  users(d, 20, "c3");
  auto built = engine::build(d, 1);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(30));
  const Simulation& sim = *built.sim;
  for (int k = 1; k <= 8; ++k) CHECK(sim.metrics(built.node("i" + std::to_string(k))).instances == 1);
  CHECK(sim.metrics(built.node("i9")).instances == 0);
  CHECK(sim.metrics(built.node("other")).instances == 1);  // another group
  CHECK(sim.metrics(built.node("c2")).instances == 1);
  CHECK(sim.metrics(built.node("c3")).instances == 0);
  auto w = logs(sim, LogKind::Warning);
  REQUIRE(w.size() == 2);
  CHECK(w[0]->node == built.node("i9").v);
  CHECK(w[0]->text_en.find("7 instances") != std::string::npos);
  CHECK(w[0]->text_ko.find("분산 배치 그룹") != std::string::npos);
  CHECK(w[1]->node == built.node("c3").v);
  CHECK(w[1]->text_en.find("cannot span AZs") != std::string::npos);
  CHECK(sim.metrics(built.node("users")).completions == 0);  // nothing answers on the refused instance
  CHECK(sim.metrics(built.node("users")).errors() > 300);
}
