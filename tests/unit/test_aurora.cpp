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
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/sim/simulation.h"
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
