#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/services/ebs.h"
#include "lb_test_util.h"
#include "tests/unit/source_files.h"

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
  std::string before = sim.model(built.node("i")).status().en;
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
  CHECK(sim.model(built.node("i")).status().en.find("instance store: 0 writes") != std::string::npos);
  // The volume still holds every write the instance made before it stopped.
  std::string vol = sim.model(built.node("vol")).status().en;
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
  for (int k = 1; k <= 8; ++k) CHECK(sim.metrics(built.node("i" + std::to_string(k))).metric_value("serving") == 1);
  CHECK(sim.metrics(built.node("i9")).metric_value("serving") == 0);
  CHECK(sim.metrics(built.node("other")).metric_value("serving") == 1);  // another group
  CHECK(sim.metrics(built.node("c2")).metric_value("serving") == 1);
  CHECK(sim.metrics(built.node("c3")).metric_value("serving") == 0);
  auto w = logs(sim, LogKind::Warning);
  REQUIRE(w.size() == 2);
  CHECK(w[0]->node == built.node("i9").v);
  CHECK(w[0]->text_en.find("7 instances") != std::string::npos);
  CHECK(w[0]->text_ko.find("분산형 배치 그룹") != std::string::npos);
  CHECK(w[1]->node == built.node("c3").v);
  CHECK(w[1]->text_en.find("cannot span AZs") != std::string::npos);
  CHECK(sim.metrics(built.node("users")).completions == 0);  // nothing answers on the refused instance
  CHECK(sim.metrics(built.node("users")).errors() > 300);
}

namespace {
// Validation as the loader does it: the document through JSON, every error as "path: message".
std::vector<std::string> validation_errors(doc::Document d) {
  for (auto& c : d.connections) c.id = c.from + "-to-" + c.to;  // lb_test_util's "a->b" is not a valid id
  auto loaded = catalog::load_document(doc::to_json(d));
  std::vector<std::string> v;
  for (const auto& e : loaded.errors) v.push_back(e.path + ": " + e.message);
  for (const auto& e : v) UNSCOPED_INFO("validation: " << e);
  return v;
}
bool has(const std::vector<std::string>& v, const std::string& part) {
  for (const auto& s : v)
    if (s.find(part) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("EBS attachment rules are validation errors with the connection's path", "[ebs][validation]") {
  // A volume in another AZ than its instance (connections[1] is i -> vol).
  auto d = volume_doc(50, {{"volume_type", "gp3"}}, 0, "use1-az2");
  auto errors = validation_errors(d);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "connections[1]: volume \"vol\" is in use1-az2 but instance \"i\" is in use1-az1; an EBS volume can "
                     "only attach to an instance in its own Availability Zone — move it with a snapshot: restore the "
                     "snapshot as a new volume in use1-az1.");
  CHECK(validation_errors(volume_doc(50, {{"volume_type", "gp3"}})).empty());

  // A second instance on a gp3 volume; on io2 without Multi-Attach; a 17th with it.
  auto many = [](int instances, nlohmann::json p) {
    auto d = base(60);
    node(d, "vol", "ebs", "use1-az1", std::move(p));
    for (int k = 0; k < instances; ++k) {
      node(d, "i" + std::to_string(k), "ec2", "use1-az1");
      conn(d, "i" + std::to_string(k), "vol");
    }
    return validation_errors(d);
  };
  auto gp3 = many(2, {{"volume_type", "gp3"}});
  REQUIRE(gp3.size() == 1);
  CHECK(gp3[0].rfind("connections[1]: volume \"vol\" is already attached to instance \"i0\"", 0) == 0);
  auto io2 = many(2, {{"volume_type", "io2"}, {"iops", 1000}});
  REQUIRE(io2.size() == 1);
  CHECK(has(io2, "turn on Multi-Attach"));
  CHECK(many(16, {{"volume_type", "io2"}, {"iops", 1000}, {"multi_attach", true}}).empty());
  auto seventeen = many(17, {{"volume_type", "io2"}, {"iops", 1000}, {"multi_attach", true}});
  REQUIRE(seventeen.size() == 1);
  CHECK(seventeen[0].rfind("connections[16]: volume \"vol\" is already attached to 16 instances", 0) == 0);
  // A hostile document (1,900 instances on one volume) still validates quickly: one error per extra wire, capped.
  auto crowd = many(1900, {{"volume_type", "io2"}, {"iops", 1000}, {"multi_attach", true}});
  REQUIRE(crowd.size() > 100);
  CHECK(crowd[0].rfind("connections[16]: volume \"vol\" is already attached to 16 instances", 0) == 0);
  // Multi-Attach on a type that has none is a param error.
  auto ma_gp3 = many(1, {{"volume_type", "gp3"}, {"multi_attach", true}});
  REQUIRE(ma_gp3.size() == 1);
  CHECK(ma_gp3[0] == "nodes[0].params.multi_attach: Multi-Attach needs an io1 or io2 volume, not gp3");

  // The run still refuses what validation would have (a document built without it).
  auto built = engine::build(volume_doc(50, {{"volume_type", "gp3"}}, 0, "use1-az2"), 1);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(5));
  CHECK(logs(*built.sim, LogKind::Warning).size() == 1);
}

TEST_CASE("EC2 placement-group rules are validation errors naming the instance", "[ebs][placement][validation]") {
  auto d = base(30);
  for (int k = 1; k <= 9; ++k)  // i8 goes to az2: only i9 is the 8th in az1
    node(d, "i" + std::to_string(k), "ec2", k == 8 ? "use1-az2" : "use1-az1",
         {{"placement_group", "spread"}, {"placement_group_name", "web"}});
  node(d, "other", "ec2", "use1-az1", {{"placement_group", "spread"}, {"placement_group_name", "db"}});
  node(d, "c1", "ec2", "use1-az1", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  node(d, "c2", "ec2", "use1-az1", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  node(d, "c3", "ec2", "use1-az3", {{"placement_group", "cluster"}, {"placement_group_name", "hpc"}});
  node(d, "p1", "ec2", "use1-az3", {{"placement_group", "partition"}});  // partitions: no rule modelled
  auto errors = validation_errors(d);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] == "nodes[8].az: spread placement group \"web\" already has 7 instances in use1-az1, so instance "
                     "\"i9\" would not launch; a spread group holds at most 7 running instances per Availability Zone — "
                     "put it in another AZ or another group");
  CHECK(errors[1] == "nodes[12].az: instance \"c3\" is in use1-az3 but cluster placement group \"hpc\" is in use1-az1 "
                     "(where \"c1\" is); a cluster placement group cannot span Availability Zones — put all its "
                     "instances in use1-az1, or use a spread or partition group across AZs");
  // Moving them fixes it.
  d.nodes[8].az = "use1-az2";
  d.nodes[12].az = "use1-az1";
  CHECK(validation_errors(d).empty());
}

namespace {
std::vector<const LogEntry*> logs_with(const Simulation& sim, const std::string& part) {
  std::vector<const LogEntry*> v;
  for (const LogEntry& e : sim.event_log())
    if (e.text_en.find(part) != std::string::npos) v.push_back(&e);
  return v;
}
}  // namespace

TEST_CASE("EBS snapshots are incremental: a second snapshot copies only what changed", "[ebs][snapshot]") {
  // Writes only in the first 60 s (a ramp from 100/s down to 0), snapshots at 90 s and every 60 s after.
  auto d = base(400);
  node(d, "users", "users", "", {{"pattern", "ramp"}, {"rate_per_s", 100}, {"ramp_to_per_s", 0}, {"ramp_s", 60},
                                 {"read_fraction", 0}, {"keys", 2000}});
  conn(d, "users", "i");
  node(d, "i", "ec2", "use1-az1");
  node(d, "vol", "ebs", "use1-az1", {{"volume_type", "gp3"}, {"snapshot_at_s", 90}, {"snapshot_every_s", 60}});
  conn(d, "i", "vol");
  REQUIRE(validation_errors(d).empty());
  auto built = engine::build(d, 3);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(400));
  const Simulation& sim = *built.sim;
  auto started = logs_with(sim, "started (pending)");
  REQUIRE(started.size() == 6);  // 90, 150, ..., 390 s
  CHECK(to_seconds(started[0]->time) == Approx(90).margin(0.01));
  CHECK(started[0]->text_en.find("of written data") != std::string::npos);
  CHECK(started[0]->text_en.find("snapshot 1 started (pending): 0.0 GiB") == std::string::npos);  // the writes are in it
  CHECK(started[1]->text_en == "snapshot 2 started (pending): 0.0 GiB changed since the last snapshot (incremental) "
                               "copied to S3; the volume stays usable");
  CHECK(started[1]->text_ko.find("증분") != std::string::npos);
  auto done = logs_with(sim, "snapshot completed");
  REQUIRE(done.size() >= 5);
  CHECK(done[0]->time > started[0]->time);  // pending for a while
  CHECK(done[0]->text_en.find("any AZ of the Region") != std::string::npos);
  // Snapshot storage is billed: the same volume without snapshots costs less.
  auto plain = d;
  plain.nodes[2].params = {{"volume_type", "gp3"}};
  auto b2 = engine::build(plain, 3);
  REQUIRE(b2.ok());
  b2.sim->run_until(from_seconds(400));
  double extra = sim.metrics(built.node("vol")).cost_usd - b2.sim->metrics(b2.node("vol")).cost_usd;
  INFO("snapshot cost " << extra << ", status: " << sim.model(built.node("vol")).status().en);
  CHECK(extra > 0);
  CHECK(extra < 1.0 * 0.05 * 310 / (730.0 * 3600));  // < 1 GB stored for 310 s at $0.05/GB-month
  CHECK(sim.model(built.node("vol")).status().en.find("6 snapshots (0.4 GB stored)") != std::string::npos);
}

namespace {
// A volume in az1 is snapshotted at 20 s; a volume restored from it in az2 serves
// an instance there (reads, every request does I/O): how a volume moves between AZs.
doc::Document moved_volume(bool fast_restore) {
  auto d = base(300);
  node(d, "writers", "users", "", {{"pattern", "poisson"}, {"rate_per_s", 200}, {"read_fraction", 0}, {"keys", 200}});
  conn(d, "writers", "i1");
  node(d, "i1", "ec2", "use1-az1");
  node(d, "old", "ebs", "use1-az1", {{"volume_type", "gp3"}, {"snapshot_at_s", 20}});
  conn(d, "i1", "old");
  node(d, "readers", "users", "", {{"pattern", "poisson"}, {"rate_per_s", 50}, {"read_fraction", 1.0}, {"keys", 200}, {"zipf_s", 0}});
  conn(d, "readers", "i2");
  node(d, "i2", "ec2", "use1-az2");
  node(d, "new", "ebs", "use1-az2", {{"volume_type", "gp3"}, {"restore_from", "old"}, {"io_requests", "all"},
                                     {"fast_snapshot_restore", fast_restore}});
  conn(d, "i2", "new");
  return d;
}
}  // namespace

TEST_CASE("EBS restore: a snapshot becomes a volume in another AZ, slow on first reads unless fast snapshot restore", "[ebs][snapshot]") {
  REQUIRE(validation_errors(moved_volume(false)).empty());
  auto lazy = engine::build(moved_volume(false), 5);
  REQUIRE(lazy.ok());
  Simulation& sim = *lazy.sim;
  sim.run_until(from_seconds(15));
  CHECK(sim.model(lazy.node("new")).status().en.find("creating") != std::string::npos);
  CHECK(sim.metrics(lazy.node("readers")).completions == 0);  // no volume yet: the instance's reads fail
  sim.run_until(from_seconds(40));
  auto created = logs_with(sim, "created from the snapshot of old");
  REQUIRE(created.size() == 1);
  CHECK(to_seconds(created[0]->time) > 20);
  CHECK(created[0]->text_en.find("initializing") != std::string::npos);
  CHECK(created[0]->text_ko.find("초기화") != std::string::npos);
  sim.run_until(from_seconds(300));
  auto complete = logs_with(sim, "initialization complete");
  REQUIRE(complete.size() == 1);
  const auto& readers = sim.metrics(lazy.node("readers")).series;
  auto fast = engine::build(moved_volume(true), 5);
  REQUIRE(fast.ok());
  fast.sim->run_until(from_seconds(300));
  CHECK(logs_with(*fast.sim, "fast snapshot restore").size() == 1);
  CHECK(logs_with(*fast.sim, "initialization complete").empty());
  // Latency just after creation: first reads of each block pay the S3 fetch.
  const double t0 = to_seconds(created[0]->time);
  const NodeId readers_id = lazy.node("readers");  // the same index in both runs
  auto p50_after = [&](const Simulation& run) {
    double sum = 0;
    int n = 0;
    for (const auto& pt : run.metrics(readers_id).series)  // readers
      if (pt.t_s > t0 + 1 && pt.t_s <= t0 + 5) { sum += pt.p50_ms; ++n; }
    return n ? sum / n : 0;
  };
  double lazy_p50 = p50_after(sim), fast_p50 = p50_after(*fast.sim);
  INFO("readers p50 in the 4 s after creation: lazy " << lazy_p50 << " ms, fast " << fast_p50
                                                       << " ms; initialized at " << to_seconds(complete[0]->time) << " s");
  CHECK(readers.size() > 200);
  CHECK(lazy_p50 > fast_p50 + 8);               // +20 ms on most first reads
  CHECK(to_seconds(complete[0]->time) < 120);  // 200 keys at 50 reads/s: every block read soon
  // Once initialized, the restored volume is as fast as the other.
  double late_lazy = 0, late_fast = 0;
  for (const auto& pt : sim.metrics(readers_id).series)
    if (pt.t_s > 200) late_lazy += pt.p50_ms;
  for (const auto& pt : fast.sim->metrics(readers_id).series)
    if (pt.t_s > 200) late_fast += pt.p50_ms;
  CHECK(late_lazy == Approx(late_fast).epsilon(0.2));
}

TEST_CASE("EBS restore rules are validation errors", "[ebs][snapshot][validation]") {
  auto d = moved_volume(false);
  d.nodes[2].params = {{"volume_type", "gp3"}};  // no snapshot
  auto e = validation_errors(d);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "nodes[5].params.restore_from: volume \"old\" takes no snapshot: set its snapshot_at_s, then this volume "
                "is created when that snapshot completes");
  auto missing = moved_volume(false);
  missing.nodes[5].params["restore_from"] = "olt";
  auto m = validation_errors(missing);
  REQUIRE(m.size() == 1);
  CHECK(m[0].find("there is no EBS volume \"olt\"") != std::string::npos);
  CHECK(m[0].find("Did you mean \"old\"?") != std::string::npos);
  auto small = moved_volume(false);
  small.nodes[5].params["size_gib"] = 50;
  auto s = validation_errors(small);
  REQUIRE(s.size() == 1);
  CHECK(s[0].rfind("nodes[5].params.size_gib: a volume restored from a snapshot is at least as large", 0) == 0);
  // Another Region: snapshots restore only in their own Region.
  auto far = moved_volume(false);
  far.regions.push_back({"eu-west-1", {"euw1-az1"}});
  far.nodes[4].region = far.nodes[5].region = "eu-west-1";
  far.nodes[4].az = far.nodes[5].az = "euw1-az1";
  auto f = validation_errors(far);
  REQUIRE(f.size() == 1);
  CHECK(f[0].find("restores only in its own Region") != std::string::npos);
}

TEST_CASE("EBS Elastic Volumes: new IOPS apply at optimizing; another change waits until it completes", "[ebs][modify]") {
  // 4,000 writes/s on gp3's 3,000 included IOPS; at 30 s modify to 6,000 IOPS; at 100 s try to go back.
  auto d = volume_doc(4000, {{"volume_type", "gp3"}, {"size_gib", 100}, {"modify_at_s", 30}, {"modify_iops", 6000},
                             {"revert_at_s", 100}});
  d.settings.duration_s = 150;
  REQUIRE(validation_errors(d).empty());
  auto built = engine::build(d, 7);
  REQUIRE(built.ok());
  built.sim->run_until(from_seconds(150));
  const Simulation& sim = *built.sim;
  const auto& s = sim.metrics(built.node("users")).series;
  REQUIRE(s.size() > 140);
  INFO("completions/s at 20 s " << s[20].completions_per_s << ", 35 s " << s[35].completions_per_s << ", 60 s "
                                << s[60].completions_per_s << ", 120 s " << s[120].completions_per_s);
  CHECK(s[20].completions_per_s < 3200);  // capped at 3,000 IOPS
  CHECK(s[35].completions_per_s < 3200);  // still modifying: the old settings
  CHECK(s[60].completions_per_s > 3800);  // optimizing: 6,000 IOPS
  CHECK(s[120].completions_per_s > 3800); // the revert was refused
  auto requested = logs_with(sim, "volume modification requested");
  REQUIRE(requested.size() == 1);
  CHECK(requested[0]->text_en.find("gp3 100 GiB 3000 IOPS → gp3 100 GiB 6000 IOPS") != std::string::npos);
  auto optimizing = logs_with(sim, "optimizing: now");
  REQUIRE(optimizing.size() == 1);
  CHECK(to_seconds(optimizing[0]->time) == Approx(40).margin(0.01));
  auto refused = logs(sim, LogKind::Warning);
  REQUIRE(refused.size() == 1);
  CHECK(to_seconds(refused[0]->time) == Approx(100).margin(0.01));
  CHECK(refused[0]->text_en.find("still optimizing") != std::string::npos);
  CHECK(refused[0]->text_ko.find("optimizing") != std::string::npos);
  CHECK(sim.model(built.node("vol")).status().en.find("optimizing") != std::string::npos);

  // Param rules: a volume never shrinks; the target obeys the type's limits; a revert needs a modification.
  const auto& desc = services::ebs_descriptor();
  auto check = [&](nlohmann::json p) { return desc.validate(catalog::with_defaults(desc, p)); };
  auto shrink = check({{"size_gib", 100}, {"modify_at_s", 10}, {"modify_size_gib", 50}});
  REQUIRE(shrink.size() == 1);
  CHECK(shrink[0].path == "modify_size_gib");
  CHECK(shrink[0].message.find("never shrink") != std::string::npos);
  auto st1 = check({{"size_gib", 100}, {"modify_at_s", 10}, {"modify_volume_type", "st1"}});
  REQUIRE(st1.size() == 1);
  CHECK(st1[0].path == "modify_size_gib");
  CHECK(check({{"size_gib", 200}, {"modify_at_s", 10}, {"modify_volume_type", "st1"}}).empty());
  CHECK(check({{"revert_at_s", 10}}).size() == 1);
  CHECK(check({{"modify_at_s", 10}, {"revert_at_s", 5}}).size() == 1);
}

TEST_CASE("example ebs-move-volume-with-snapshot: restored in the other AZ, slow first reads, survives the AZ", "[ebs][examples]") {
  const doc::Document example = cp::test::example_document("ebs-move-volume-with-snapshot.json");
  // Wiring app-b to data-a instead is refused, with the way out.
  auto direct = catalog::can_connect(example, *example.find_node("app-b"), *example.find_node("data-a"));
  REQUIRE(direct);
  CHECK(direct->en.find("move it with a snapshot") != std::string::npos);
  auto b = engine::build(example);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const Simulation& sim = *b.sim;
  auto created = logs_with(sim, "created from the snapshot of data-a");
  REQUIRE(created.size() == 1);
  const double t0 = to_seconds(created[0]->time);
  CHECK(t0 > 60);
  CHECK(t0 < 75);
  double early = 0, late = 0, errors_before = 0, errors_after = 0;
  int n_early = 0, n_late = 0;
  for (const auto& pt : sim.metrics(b.node("readers")).series) {
    if (pt.t_s < 60) errors_before += pt.errors_per_s;
    if (pt.t_s > t0 + 2) errors_after += pt.errors_per_s;
    if (pt.t_s > t0 + 1 && pt.t_s <= t0 + 6) { early += pt.p50_ms; ++n_early; }
    if (pt.t_s > 300) { late += pt.p50_ms; ++n_late; }
  }
  REQUIRE(n_early > 0);
  REQUIRE(n_late > 0);
  early /= n_early;
  late /= n_late;
  INFO("created at " << t0 << " s; readers p50 just after " << early << " ms, at the end " << late << " ms");
  CHECK(errors_before > 1000);  // no volume in use1-az2 yet
  CHECK(errors_after == 0);     // from then on, even with use1-az1 down
  CHECK(early > late + 5);      // initialization: first reads from S3 (+20 ms on most reads at first)
  CHECK(sim.metrics(b.node("writers")).series.back().completions_per_s == 0);  // use1-az1 is down
}
