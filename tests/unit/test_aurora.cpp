// Amazon Aurora (core/services/aurora.cpp): a writer and Aurora Replicas over one volume
// of six copies in three AZs. Each test runs a document and checks what a learner would
// see: an AZ lost with its two copies while reads and writes go on, a second AZ lost and
// the quorum with it, a replica promoted within a minute when the writer's AZ fails (the
// writer re-created in minutes without one), the reader endpoint spreading reads, replicas
// a few milliseconds behind, the cost and the advice.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/doc/messages.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

json users(double rate, double read_fraction, double keys = 100000) {
  return json{{"id", "users"},
              {"type", "users"},
              {"region", "us-east-1"},
              {"params",
               {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", read_fraction}, {"keys", keys},
                {"zipf_s", 0}}}};
}
json aurora(json params) {
  return json{{"id", "db"}, {"type", "aurora"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}

json document(json db_params, double rate, double read_fraction, double duration_s, json faults = json::array(),
              double keys = 100000) {
  return json{{"version", 1},
              {"name", "Aurora test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
              {"nodes", json::array({users(rate, read_fraction, keys), aurora(std::move(db_params))})},
              {"connections", json::array({json{{"id", "users-db"}, {"from", "users"}, {"to", "db"}, {"params", {{"retries", 0}}}}})},
              {"faults", std::move(faults)}};
}

json az_down(const std::string& az, double at, double until) {
  return json{{"at_s", at}, {"action", "az_down"}, {"target", az}, {"until_s", until}};
}

engine::Built run(const json& j) { return cp::test::run_document(j); }

double metric(const engine::Built& b, const char* key) { return b.sim->metrics(b.node("db")).metric_value(key); }
uint64_t outcome(const engine::Built& b, sim::Outcome o) {
  return b.sim->metrics(b.node("db")).outcomes[static_cast<int>(o)];
}
const sim::LogEntry* event(const engine::Built& b, const char* reason, size_t nth = 0) {
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == reason && nth-- == 0) return &e;
  return nullptr;
}
double field(const sim::LogEntry& e, const std::string& key) {
  for (const auto& f : e.fields)
    if (key == f.key) return f.value;
  return -1;
}

bool has_finding(const json& j, const std::string& rule) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  for (const auto& f : lint::lint(r.document))
    if (f.rule == rule) return true;
  return false;
}

}  // namespace

TEST_CASE("aurora: losing an AZ that holds no instance costs two of the six copies; reads and writes go on", "[aurora]") {
  // Writer in use1-az1, one replica in use1-az2; use1-az3 holds only two storage copies.
  engine::Built b = run(document({{"replicas", 1}}, 200, 0.5, 120, json::array({az_down("use1-az3", 30, 1000)})));
  const auto& m = b.sim->metrics(b.node("db"));
  INFO("ok " << m.outcomes[0] << " of " << m.arrivals);
  CHECK(metric(b, "storage_copies_up") == 4);  // the gauge's lowest: 6 - 2
  CHECK(metric(b, "quorum_failures") == 0);
  CHECK(metric(b, "failovers") == 0);
  uint64_t failed = 0;
  for (int o = 1; o < sim::kOutcomeCount; ++o) failed += m.outcomes[o];
  CHECK(failed == 0);  // not one query failed
  CHECK(metric(b, "writes") == Approx(0.5 * 200 * 120).epsilon(0.06));
}

TEST_CASE("aurora: losing two AZs leaves two copies, below the read quorum of three: every query fails", "[aurora]") {
  engine::Built b = run(document({{"replicas", 2}}, 100, 0.5, 120,
                                 json::array({az_down("use1-az2", 30, 1000), az_down("use1-az3", 30, 1000)})));
  CHECK(metric(b, "storage_copies_up") == 2);
  // From 0:30 on (90 s at 100/s) nothing is answered.
  CHECK(metric(b, "quorum_failures") == Approx(90 * 100).epsilon(0.05));
  CHECK(outcome(b, sim::Outcome::ServerError) == Approx(90 * 100).epsilon(0.05));
  const sim::LogEntry* lost = event(b, "aurora_read_quorum_lost");
  REQUIRE(lost);
  CHECK(field(*lost, "copies") == 2);
  CHECK(lost->text_ko.find("읽기 쿼럼") != std::string::npos);
}

TEST_CASE("aurora: when the writer's AZ fails a replica is promoted in under a minute; reads carry on meanwhile",
          "[aurora]") {
  // Writer in use1-az1, replicas in use1-az2 and use1-az3.
  engine::Built b = run(document({{"replicas", 2}}, 200, 0.8, 300, json::array({az_down("use1-az1", 60, 1000)})));
  const sim::LogEntry* began = event(b, "db_failover_began");
  const sim::LogEntry* done = event(b, "db_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double took = field(*done, "seconds");
  INFO("failover took " << took << " s");
  // AWS-FACTS: Aurora / Failover — with a replica typically under 60 s, often under 30 s.
  CHECK(took >= 15);
  CHECK(took <= 45);
  CHECK(metric(b, "failovers") == 1);
  CHECK(metric(b, "storage_copies_up") == 4);  // use1-az1's two copies went with it: writes keep their quorum
  // Writes failed only while the replica was promoted (40/s); reads never stopped: the
  // other replica served them (with one replica, reads fail too while it is promoted).
  const double failed = static_cast<double>(outcome(b, sim::Outcome::Unreachable));
  CHECK(failed > 0.2 * 200 * (took - 2));
  CHECK(failed < 0.2 * 200 * (took + 3) + 50);
  CHECK(metric(b, "reads") == Approx(0.8 * 200 * 300).epsilon(0.05));
  CHECK(done->text_en.find("use1-az2") != std::string::npos);
  // After the failover the writer is in use1-az2 and one replica is left, in use1-az3.
  CHECK(metric(b, "replicas_available") == 1);
}

TEST_CASE("aurora: without a replica the writer is re-created in another AZ, which takes minutes", "[aurora]") {
  engine::Built b = run(document({{"replicas", 0}}, 50, 0.5, 900, json::array({az_down("use1-az1", 60, 2000)})));
  const sim::LogEntry* done = event(b, "db_failover_completed");
  REQUIRE(done);
  const double took = field(*done, "seconds");
  INFO("re-created in " << took << " s");
  // AWS-FACTS: Aurora / Failover — without a replica the instance is re-created, typically under 10 minutes.
  CHECK(took >= 300);
  CHECK(took <= 600);
  // Reads failed too: the reader endpoint had only the writer behind it.
  CHECK(outcome(b, sim::Outcome::Unreachable) == Approx(50 * took).epsilon(0.08));
  CHECK(has_finding(document({{"replicas", 0}}, 50, 0.5, 60), "aurora-no-replica"));
  CHECK_FALSE(has_finding(document({{"replicas", 1}}, 50, 0.5, 60), "aurora-no-replica"));
}

TEST_CASE("aurora: the reader endpoint spreads reads over the replicas; the cluster endpoint sends them to the writer",
          "[aurora]") {
  // db.r5.large: 2 vCPUs at 20 ms a read serve 100 reads/s per instance; 250 reads/s need the replicas.
  const json spread = document({{"replicas", 3}, {"read_ms", 20}}, 250, 1, 60);
  engine::Built b = run(spread);
  CHECK(metric(b, "replica_reads") == metric(b, "reads"));  // none on the writer
  CHECK(metric(b, "reads") == Approx(250 * 60).epsilon(0.05));
  CHECK(b.sim->metrics(b.node("db")).latency.percentile(50) < 40e3);  // 3 × 100/s of capacity: no queue
  json one = document({{"replicas", 3}, {"read_ms", 20}, {"reads_to", "cluster_endpoint"}}, 250, 1, 60);
  engine::Built c = run(one);
  CHECK(metric(c, "replica_reads") == 0);
  // The writer alone serves 100/s: the queue grows until connections run out (1,000 on r5.large).
  CHECK(metric(c, "connections_refused") > 0);
}

TEST_CASE("aurora: replicas are 10-20 ms behind the writer: a replica read of a key just written is stale", "[aurora]") {
  // 10 hot keys written 100 times a second in all.
  engine::Built b = run(document({{"replicas", 1}}, 200, 0.5, 60, json::array(), 10));
  const double lag = metric(b, "replica_lag_ms"), stale = metric(b, "stale_reads");
  INFO("lag " << lag << " ms, stale " << stale << " of " << metric(b, "replica_reads"));
  CHECK(lag >= 10);
  CHECK(lag <= 20);
  // Each key is written 10 times a second: a read finds one within the last 10-20 ms in
  // 1 - e^(-10 × 0.015) ≈ 14% of cases.
  CHECK(stale > 0.08 * metric(b, "replica_reads"));
  CHECK(stale < 0.22 * metric(b, "replica_reads"));
  // With 100,000 keys a write and a read of the same key seldom meet within 20 ms.
  engine::Built wide = run(document({{"replicas", 1}}, 200, 0.5, 60));
  CHECK(metric(wide, "stale_reads") < 0.01 * metric(wide, "replica_reads"));
}

TEST_CASE("aurora: cost is every instance's hours plus the data stored and the write I/Os", "[aurora]") {
  engine::Built b = run(document({{"replicas", 2}, {"storage_gb", 730}}, 10, 0.5, 3600));
  // db.r5.large $0.29/h × 3 + 730 GB × $0.10/GB-month for one of 730 hours + 18,000 writes × $0.20/M.
  const double expected = 3 * 0.29 + 730 * 0.10 / 730 + 18000 * 0.20 / 1e6;
  CHECK(b.sim->metrics(b.node("db")).cost_usd == Approx(expected).epsilon(0.02));
}

TEST_CASE("aurora: an AZ and one more copy lost leave three copies: reads go on, writes fail (read-only)", "[aurora]") {
  // use1-az3 fails at 0:30 (two copies), one more copy fails at 1:00 and is repaired at 1:30.
  json faults = json::array({az_down("use1-az3", 30, 1000),
                             json{{"at_s", 60}, {"action", "fail_parts"}, {"target", "db"}, {"value", 1}, {"until_s", 90}}});
  engine::Built b = run(document({{"replicas", 1}}, 200, 0.5, 120, faults));
  CHECK(metric(b, "storage_copies_up") == 4);  // at the end: the copy is repaired, use1-az3 is still down
  // From 1:00 to 1:30 every write (100/s) failed; no read did.
  CHECK(metric(b, "quorum_failures") == Approx(30 * 100).epsilon(0.06));
  CHECK(metric(b, "reads") == Approx(0.5 * 200 * 120).epsilon(0.05));
  CHECK(metric(b, "writes") == Approx(0.5 * 200 * 90).epsilon(0.06));
  const sim::LogEntry* lost = event(b, "aurora_write_quorum_lost");
  REQUIRE(lost);
  CHECK(sim::to_seconds(lost->time) == Approx(60).margin(1));
  CHECK(field(*lost, "copies") == 3);
}

TEST_CASE("aurora: fail_parts is refused on a node without failable parts and beyond six copies", "[aurora]") {
  json j = document(json::object(), 10, 0.5, 60,
                    json::array({json{{"at_s", 10}, {"action", "fail_parts"}, {"target", "users"}, {"value", 1}}}));
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors.front().path == "faults[0].target");
  CHECK(r.errors.front().message.find("no parts that fail on their own") != std::string::npos);
  j["faults"][0]["target"] = "db";
  j["faults"][0]["value"] = 7;
  r = catalog::parse_document(j.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors.front().path == "faults[0].value");
  CHECK(r.errors.front().message.find("from 1 to 6") != std::string::npos);
  CHECK(r.errors.front().message_ko.find("스토리지 사본") != std::string::npos);
  j["faults"][0]["value"] = 2;
  CHECK(catalog::parse_document(j.dump()).ok());
}

TEST_CASE("aurora: example aurora-survives-az-outage — a 20 s failover, no data lost, a minute read-only", "[aurora][examples]") {
  engine::Built b = cp::test::example_run("aurora-survives-az-outage.json");
  b.sim->run_until(b.duration);
  const sim::LogEntry* began = event(b, "db_failover_began");
  const sim::LogEntry* done = event(b, "db_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double took = field(*done, "seconds");
  // The story's moments: use1-az1 fails at 2:00, the replica in use1-az2 is the writer 20 s later.
  CHECK(sim::to_seconds(began->time) == Approx(120).margin(1));
  CHECK(took == Approx(20).margin(1));
  CHECK(done->text_en.find("use1-az2") != std::string::npos);
  // One more copy fails at 5:00: read-only until 6:00 (about 40 writes a second fail).
  const sim::LogEntry* quorum = event(b, "aurora_write_quorum_lost");
  REQUIRE(quorum);
  CHECK(sim::to_seconds(quorum->time) == Approx(300).margin(1));
  CHECK(metric(b, "quorum_failures") == Approx(40 * 60).epsilon(0.15));
  CHECK(metric(b, "storage_copies_up") == 4);
  // Reads never stopped: the replica in use1-az3 served them through the failover.
  CHECK(metric(b, "reads") > 0.75 * 200 * 480);
  CHECK(b.sim->model(b.node("db")).status().en.find("Writer in use1-az2") == 0);
}

namespace {

json serverless(double min_acu, double max_acu, json more = json::object()) {
  json p = {{"instance_class", "db.serverless"}, {"replicas", 0}, {"min_acu", min_acu}, {"max_acu", max_acu}};
  for (auto& [k, v] : more.items()) p[k] = v;
  return p;
}

// The cluster's capacity every second of a run (the run goes to its end).
std::vector<double> acu_curve(engine::Built& b) {
  std::vector<double> out;
  const double end = sim::to_seconds(b.duration);
  for (int t = 1; t <= static_cast<int>(end); ++t) {
    b.sim->run_until(sim::from_seconds(t) + 1);
    out.push_back(b.sim->metrics(b.node("db")).metric_value("capacity_acu"));
  }
  return out;
}

}  // namespace

TEST_CASE("aurora: Serverless v2 follows the load in 0.5 ACU steps between min and max, billed per ACU-hour",
          "[aurora][serverless]") {
  // 20 reads/s of 10 ms ask 0.2 vCPU (0.8 ACU at 70%: 1.5 ACU); from 2:00 to 4:00 a spike of
  // 20x asks 4 vCPU, 23 ACU at 70%, within the maximum of 32.
  json j = document(serverless(0.5, 32, {{"read_ms", 10}}), 20, 1, 420);
  j["nodes"][0]["params"]["pattern"] = "spike";
  j["nodes"][0]["params"]["spike_at_s"] = 120;
  j["nodes"][0]["params"]["spike_s"] = 120;
  j["nodes"][0]["params"]["spike_multiplier"] = 20;
  engine::Built b = cp::test::build_document(j);
  const std::vector<double> acu = acu_curve(b);
  auto at = [&](int s) { return acu[static_cast<size_t>(s - 1)]; };
  std::string curve;
  for (int s : {10, 60, 119, 121, 122, 123, 125, 130, 180, 239, 241, 250, 270, 300, 400}) curve += std::to_string(s) + "s:" + doc::format_number(at(s)) + " ";
  INFO("ACU " << curve);
  for (double a : acu) {
    CHECK(a >= 0.5);
    CHECK(a <= 32);
    CHECK(a * 2 == Approx(std::round(a * 2)).margin(1e-9));  // the 0.5 ACU grid
  }
  CHECK(at(60) == Approx(1.5).margin(0.5));
  CHECK(at(119) <= 2);
  // Up within seconds of the spike, to what it asks (about 23 ACU).
  int reached = -1;
  for (int s = 120; s < 240; ++s)
    if (at(s) >= 20) { reached = s; break; }
  INFO("20 ACU reached at " << reached << " s");
  CHECK(reached > 120);
  CHECK(reached <= 132);
  CHECK(at(200) == Approx(23).margin(2.5));
  // Down more slowly after it: still above the base 10 s later, back near it within 3 minutes.
  CHECK(at(250) > 8);
  CHECK(at(400) <= 2);
  // Billed per ACU-hour ($0.12, every second at its capacity) plus storage and I/O (no writes here).
  double acu_seconds = 0;
  for (double a : acu) acu_seconds += a;
  const double expected = acu_seconds * 0.12 / 3600 + 100 * 0.10 / 730 * 420 / 3600;
  CHECK(b.sim->metrics(b.node("db")).cost_usd == Approx(expected).epsilon(0.03));
  CHECK(b.sim->model(b.node("db")).status().en.find("Serverless v2 at") != std::string::npos);
  // A provisioned cluster has no capacity metric.
  const catalog::ServiceDescriptor* d = catalog::find_service("aurora");
  REQUIRE(d);
  CHECK_FALSE(d->metric_applies("capacity_acu", catalog::with_defaults(*d, json::object())));
  CHECK(d->metric_applies("capacity_acu", catalog::with_defaults(*d, serverless(0.5, 8))));
}

TEST_CASE("aurora: Serverless v2 at its maximum queues the rest; with a minimum of 0 it pauses when idle and resumes",
          "[aurora][serverless]") {
  // 400 reads/s of 10 ms want 23 ACU; the maximum is 4 (one vCPU): the queue grows.
  engine::Built capped = run(document(serverless(0.5, 4, {{"read_ms", 10}}), 400, 1, 60));
  CHECK(metric(capped, "capacity_acu") == 4);
  REQUIRE(event(capped, "aurora_acu_max"));
  CHECK(capped.sim->metrics(capped.node("db")).queue.value > 500);

  // 5 reads/s through an app server that is stopped from 2:00 to 12:00: the cluster is idle,
  // pauses 300 s later, and the first query after 12:00 resumes it.
  json j = document(serverless(0, 4), 5, 1, 900);
  j["nodes"].push_back(json{{"id", "app"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"},
                            {"params", {{"workers", 100}}}});
  j["connections"] = json::array({json{{"id", "users-app"}, {"from", "users"}, {"to", "app"}, {"params", {{"timeout_ms", 30000}}}},
                                  json{{"id", "app-db"}, {"from", "app"}, {"to", "db"}, {"params", {{"retries", 0}, {"timeout_ms", 30000}}}}});
  j["faults"] = json::array({json{{"at_s", 120}, {"action", "kill_node"}, {"target", "app"}, {"until_s", 720}}});
  engine::Built b = run(j);
  const sim::LogEntry* paused = event(b, "aurora_paused");
  const sim::LogEntry* resuming = event(b, "aurora_resuming");
  const sim::LogEntry* resumed = event(b, "aurora_resumed");
  REQUIRE(paused);
  REQUIRE(resuming);
  REQUIRE(resumed);
  INFO("paused at " << sim::to_seconds(paused->time) << " s, resuming at " << sim::to_seconds(resuming->time)
                    << " s, resumed at " << sim::to_seconds(resumed->time) << " s");
  CHECK(sim::to_seconds(paused->time) == Approx(120 + 300).margin(2));
  CHECK(sim::to_seconds(resuming->time) == Approx(720).margin(1));
  CHECK(sim::to_seconds(resumed->time - resuming->time) == Approx(15).margin(0.01));
  CHECK(paused->kind == sim::LogKind::ScaleIn);
  CHECK(resumed->kind == sim::LogKind::ScaleOut);
  // The first queries waited out the resume: their latency holds the 15 s.
  CHECK(b.sim->metrics(b.node("db")).latency.max() > 14e6);
  CHECK(metric(b, "capacity_acu") == 0.5);
}

TEST_CASE("aurora: Serverless v2 capacity must be on the 0.5 ACU grid, minimum not above maximum", "[aurora][serverless]") {
  auto errors = [](json params) { return catalog::parse_document(document(std::move(params), 1, 1, 10).dump()).errors; };
  auto off_grid = errors(serverless(0.75, 8));
  REQUIRE_FALSE(off_grid.empty());
  CHECK(off_grid.front().path.find("min_acu") != std::string::npos);
  CHECK(off_grid.front().message.find("multiple of 0.5") != std::string::npos);
  auto upside = errors(serverless(16, 8));
  REQUIRE_FALSE(upside.empty());
  CHECK(upside.front().message_ko.find("최대 용량") != std::string::npos);
  CHECK(errors(serverless(0, 256)).empty());
  // Provisioned clusters do not look at the ACU params.
  CHECK(errors({{"min_acu", 0.75}}).empty());
}

namespace {

// A global database: users in us-east-1 write and read the primary cluster "db"; readers
// in us-west-2 ("west", half writes that the secondary refuses) read the secondary "db2".
json global_document(double duration_s, json db2_params = json::object(), json faults = json::array()) {
  auto people = [](const std::string& id, const std::string& region, double rate, double reads) {
    return json{{"id", id},
                {"type", "users"},
                {"region", region},
                {"params",
                 {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", reads}, {"keys", 100}, {"zipf_s", 0}}}};
  };
  return json{{"version", 1},
              {"name", "Aurora Global Database test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}},
                                       json{{"code", "us-west-2"}, {"azs", {"usw2-az1", "usw2-az2", "usw2-az3"}}}})},
              {"nodes", json::array({people("users", "us-east-1", 200, 0.5), people("west", "us-west-2", 100, 0.8),
                                     json{{"id", "db"}, {"type", "aurora"}, {"region", "us-east-1"}, {"params", json::object()}},
                                     json{{"id", "db2"}, {"type", "aurora"}, {"region", "us-west-2"}, {"params", std::move(db2_params)}}})},
              {"connections", json::array({json{{"id", "users-db"}, {"from", "users"}, {"to", "db"}, {"params", {{"retries", 0}}}},
                                           json{{"id", "west-db2"}, {"from", "west"}, {"to", "db2"}, {"params", {{"retries", 0}}}},
                                           json{{"id", "db-db2"}, {"from", "db"}, {"to", "db2"}, {"role", "replicate"}}})},
              {"faults", std::move(faults)}};
}

double metric_of(const engine::Built& b, const char* node, const char* key) {
  return b.sim->metrics(b.node(node)).metric_value(key);
}

}  // namespace

TEST_CASE("aurora: a global database's secondary Region is read-only, under a second behind, and its stale reads are counted",
          "[aurora][global]") {
  engine::Built b = cp::test::build_document(global_document(120));
  double max_lag = 0, min_lag = 1e9;
  for (int t = 10; t <= 120; ++t) {
    b.sim->run_until(sim::from_seconds(t) + 1);
    const double lag = metric_of(b, "db2", "global_lag_ms");
    max_lag = std::max(max_lag, lag), min_lag = std::min(min_lag, lag);
  }
  const double reads = metric_of(b, "db2", "reads"), stale = metric_of(b, "db2", "stale_reads");
  INFO("secondary lag " << min_lag << "-" << max_lag << " ms; stale " << stale << " of " << reads << " reads");
  // The Regions' network (us-east-1 to us-west-2, some 30-40 ms) plus the storage's 50-150 ms.
  CHECK(min_lag > 50);
  CHECK(max_lag < 1000);
  CHECK(max_lag < 300);
  // 100 writes/s over 100 keys: each key is written about once a second and is behind for
  // ~100 ms of it, so about one read in ten is stale.
  CHECK(stale / reads == Approx(0.1).margin(0.06));
  // The primary's own stale reads are its Aurora Replica's 10-20 ms: far fewer.
  CHECK(metric_of(b, "db", "stale_reads") < 0.03 * metric_of(b, "db", "reads"));
  CHECK(metric_of(b, "db2", "writes") == 0);
  CHECK(metric_of(b, "db2", "writes_refused") == Approx(0.2 * 100 * 120).epsilon(0.1));
  REQUIRE(event(b, "aurora_secondary_read_only"));
  CHECK(b.sim->model(b.node("db2")).status().en.find("Secondary cluster of a global database") == 0);
}

TEST_CASE("aurora: when the primary's Region fails, the secondary fails over within a minute and takes writes",
          "[aurora][global]") {
  json faults = json::array({json{{"at_s", 120}, {"action", "region_down"}, {"target", "us-east-1"}}});
  engine::Built b = run(global_document(400, {{"global_failover", "on_region_outage"}}, faults));
  const sim::LogEntry* began = event(b, "aurora_global_failover_began");
  const sim::LogEntry* done = event(b, "aurora_global_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double t0 = sim::to_seconds(began->time), rto = sim::to_seconds(done->time) - 120;
  INFO("failover began at " << t0 << " s; writes back in the secondary Region " << rto << " s after the Region failed; "
                            << metric_of(b, "db2", "global_changes_lost") << " changes lost");
  CHECK(t0 == Approx(121).margin(1));
  CHECK(rto >= 30);
  CHECK(rto <= 62);
  CHECK(began->text_en.find("us-east-1") != std::string::npos);
  // Before: writes refused; during: they fail; after: they commit in us-west-2.
  CHECK(metric_of(b, "db2", "writes") == Approx(0.2 * 100 * (400 - sim::to_seconds(done->time))).epsilon(0.1));
  CHECK(metric_of(b, "db2", "reads") == Approx(0.8 * 100 * 400).epsilon(0.05));  // reads never stopped
  // The Region's loss took the changes in flight with it: at most a few hundred ms of writes.
  CHECK(metric_of(b, "db2", "global_changes_lost") < 0.2 * 100);
  CHECK(b.sim->model(b.node("db2")).status().en.find("the global database's primary after a failover") != std::string::npos);

  // manual (the default): the secondary stays read-only through the outage.
  engine::Built m = run(global_document(400, json::object(), faults));
  CHECK_FALSE(event(m, "aurora_global_failover_began"));
  CHECK(metric_of(m, "db2", "writes") == 0);
}

TEST_CASE("aurora: failing a global database over by hand loses what the old primary writes afterwards", "[aurora][global]") {
  json faults = json::array({json{{"at_s", 60}, {"action", "failover_global"}, {"target", "db2"}}});
  engine::Built b = run(global_document(300, json::object(), faults));
  const sim::LogEntry* done = event(b, "aurora_global_failover_completed");
  REQUIRE(done);
  const double took = done->find_field("seconds")->value;
  CHECK(took >= 30);
  CHECK(took <= 60);
  // The old primary is not demoted here: its 100 writes/s from 1:00 on never reach db2.
  CHECK(metric_of(b, "db2", "global_changes_lost") == Approx(100 * 240).epsilon(0.05));
  CHECK(metric_of(b, "db2", "writes") > 0);
  // On a primary cluster the action does nothing but say so.
  json wrong = global_document(60, json::object(), json::array({json{{"at_s", 10}, {"action", "failover_global"}, {"target", "db"}}}));
  engine::Built w = run(wrong);
  REQUIRE(event(w, "aurora_global_not_secondary"));
  CHECK_FALSE(event(w, "aurora_global_failover_began"));
}

TEST_CASE("aurora: a global database's secondary is in another Region, with one primary", "[aurora][global]") {
  json same = global_document(10);
  same["nodes"][3]["region"] = "us-east-1";
  auto errors = catalog::parse_document(same.dump()).errors;
  REQUIRE_FALSE(errors.empty());
  CHECK(cp::test::all_issues(errors).find("another Region") != std::string::npos);
  json two = global_document(10);
  two["nodes"].push_back(json{{"id", "db3"}, {"type", "aurora"}, {"region", "eu-west-1"}, {"params", json::object()}});
  two["connections"].push_back(json{{"id", "db3-db2"}, {"from", "db3"}, {"to", "db2"}, {"role", "replicate"}});
  two["regions"].push_back(json{{"code", "eu-west-1"}, {"azs", {"euw1-az1", "euw1-az2", "euw1-az3"}}});
  errors = catalog::parse_document(two.dump()).errors;
  REQUIRE_FALSE(errors.empty());
  CHECK(cp::test::all_issues(errors).find("one primary") != std::string::npos);
  CHECK(catalog::parse_document(global_document(10).dump()).ok());
}

TEST_CASE("aurora: example aurora-serverless-v2-scaling — up with the sale in seconds, paused at night, resumed in 15 s",
          "[aurora][serverless][examples]") {
  engine::Built b = cp::test::example_run("aurora-serverless-v2-scaling.json");
  const std::vector<double> acu = acu_curve(b);
  auto at = [&](int s) { return acu[static_cast<size_t>(s - 1)]; };
  auto mean = [&](int from, int to) {
    double sum = 0;
    for (int s = from; s <= to; ++s) sum += at(s);
    return sum / (to - from + 1);
  };
  INFO("ACU before the sale " << mean(60, 230) << ", during " << mean(260, 530) << ", after " << mean(600, 890)
                              << "; at 4:00-4:06: " << at(240) << " " << at(242) << " " << at(244) << " " << at(246));
  // The story's moments: about 2 ACU on an ordinary day, above 20 within 6 s of the sale at
  // 4:00, about 20 during it, back near 2.5 after 9:00.
  CHECK(mean(60, 230) == Approx(2).margin(0.5));
  CHECK(at(240) <= 3.5);
  CHECK(at(246) > 20);
  CHECK(mean(260, 530) == Approx(20).margin(2));
  CHECK(at(580) <= 3);
  CHECK(mean(600, 890) == Approx(2.2).margin(0.6));
  // Closed at 15:00: paused at 20:00 (0 ACU until 35:00), resumed 15 s after the first query.
  const sim::LogEntry* paused = event(b, "aurora_paused");
  const sim::LogEntry* resumed = event(b, "aurora_resumed");
  REQUIRE(paused);
  REQUIRE(resumed);
  CHECK(sim::to_seconds(paused->time) == Approx(1200).margin(1));
  CHECK(sim::to_seconds(resumed->time) == Approx(2115).margin(1));
  CHECK(at(1500) == 0);
  CHECK(at(2300) == Approx(2).margin(1));
  // About $0.55 for the 40 minutes (two db.r5.xlarge would cost about $0.79).
  CHECK(b.sim->metrics(b.node("db")).cost_usd == Approx(0.55).epsilon(0.05));
  json provisioned = json::parse(cp::test::read_source_file("examples/aurora-serverless-v2-scaling.json"));
  provisioned["nodes"][2]["params"]["instance_class"] = "db.r5.xlarge";
  engine::Built p = run(provisioned);
  CHECK(p.sim->metrics(p.node("db")).cost_usd == Approx(0.79).epsilon(0.03));
}

TEST_CASE("aurora: the replica with the lowest promotion tier is promoted; tiers are 0-15, one per replica",
          "[aurora]") {
  // Writer in use1-az1, replica 1 in use1-az2 (tier 15), replica 2 in use1-az3 (tier 0).
  json faults = json::array({az_down("use1-az1", 60, 600)});
  engine::Built b = run(document({{"replicas", 2}, {"promotion_tiers", "15, 0"}}, 100, 0.5, 200, faults));
  const sim::LogEntry* began = event(b, "db_failover_began");
  REQUIRE(began);
  CHECK(began->text_en.find("replica in use1-az3") != std::string::npos);
  CHECK(began->text_en.find("promotion tier 0") != std::string::npos);
  CHECK(field(*began, "tier") == 0);
  CHECK(b.sim->model(b.node("db")).status().en.find("Writer in use1-az3") == 0);
  // Without tiers (all tier 1) the first replica up is promoted.
  engine::Built d = run(document({{"replicas", 2}}, 100, 0.5, 200, faults));
  REQUIRE(event(d, "db_failover_began"));
  CHECK(event(d, "db_failover_began")->text_en.find("replica in use1-az2") != std::string::npos);
  CHECK(field(*event(d, "db_failover_began"), "tier") == 1);
  // The tier-0 replica's own AZ is down too: the next by priority (tier 15) is promoted.
  json both = json::array({az_down("use1-az1", 60, 600), az_down("use1-az3", 30, 600)});
  engine::Built n = run(document({{"replicas", 2}, {"promotion_tiers", "15, 0"}}, 100, 0.5, 200, both));
  REQUIRE(event(n, "db_failover_began"));
  CHECK(event(n, "db_failover_began")->text_en.find("replica in use1-az2") != std::string::npos);

  auto errors = [](json params) { return catalog::parse_document(document(std::move(params), 1, 1, 10).dump()).errors; };
  auto bad = errors({{"replicas", 2}, {"promotion_tiers", "0, 16"}});
  REQUIRE_FALSE(bad.empty());
  CHECK(bad.front().message.find("replica 2's promotion tier") != std::string::npos);
  auto many = errors({{"replicas", 1}, {"promotion_tiers", "0, 1"}});
  REQUIRE_FALSE(many.empty());
  CHECK(many.front().message_ko.find("복제본마다") != std::string::npos);
  CHECK(errors({{"replicas", 3}, {"promotion_tiers", "0, 15"}}).empty());
}
