// Amazon RDS (core/services/rds.cpp): a DB instance and its read replicas. Each test runs
// a document and checks what a learner would see: a wire that takes only reads or only
// writes, max_connections refusing queries, the standby's round trip on every Multi-AZ
// write, a Multi-AZ failover of 60-120 s (a cluster's under 35 s) when the primary's AZ
// fails while a Single-AZ instance stays down, a replica falling behind under write load
// and answering stale reads, a replica refusing writes, the cost, the wires' rules and
// the advice.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

json users(double rate, double read_fraction, json extra = json::object()) {
  json p = {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", read_fraction}, {"keys", 100000},
            {"zipf_s", 0}};
  for (auto& [k, v] : extra.items()) p[k] = v;
  return json{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}, {"params", std::move(p)}};
}
json db(json params, const std::string& id = "db") {
  return json{{"id", id}, {"type", "rds"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json replica(json params, const std::string& id = "replica") {
  return json{{"id", id}, {"type", "rds_read_replica"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json wire(const std::string& from, const std::string& to, json params = json::object()) {
  return json{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
}
json replication(const std::string& from, const std::string& to) {
  return json{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"role", "replicate"}};
}

json document(json nodes, json connections, double duration_s, json faults = json::array()) {
  return json{{"version", 1},
              {"name", "RDS test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", std::move(faults)}};
}

// users --> db, no retries: every failure is seen.
json users_db(double rate, double read_fraction, json db_params, double duration_s, json faults = json::array()) {
  return document(json::array({users(rate, read_fraction), db(std::move(db_params))}),
                  json::array({wire("users", "db", {{"retries", 0}})}), duration_s, std::move(faults));
}

json az_down(const std::string& az, double at, double until) {
  return json::array({json{{"at_s", at}, {"action", "az_down"}, {"target", az}, {"until_s", until}}});
}

engine::Built run(const json& j) { return cp::test::run_document(j); }

double metric(const engine::Built& b, const char* node, const char* key) {
  return b.sim->metrics(b.node(node)).metric_value(key);
}
uint64_t outcome(const engine::Built& b, const char* node, sim::Outcome o) {
  return b.sim->metrics(b.node(node)).outcomes[static_cast<int>(o)];
}
const sim::LogEntry* event(const engine::Built& b, const char* reason) {
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == reason) return &e;
  return nullptr;
}

std::vector<catalog::Finding> lint_of(const json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  for (const auto& e : r.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  REQUIRE(r.ok());
  return lint::lint(r.document);
}
bool has_finding(const std::vector<catalog::Finding>& all, const std::string& rule) {
  for (const auto& f : all)
    if (f.rule == rule) return true;
  return false;
}

}  // namespace

TEST_CASE("rds: a wire may carry only reads or only writes; a caller sends each request down the wires that take it",
          "[rds]") {
  // 75% reads: the writes go to the primary, the reads to the replica.
  const json j = document(json::array({users(200, 0.75), db(json::object()), replica(json::object())}),
                          json::array({wire("users", "db", {{"requests", "writes"}}),
                                       wire("users", "replica", {{"requests", "reads"}}), replication("db", "replica")}),
                          60);
  engine::Built b = run(j);
  const double writes = metric(b, "db", "writes"), reads = metric(b, "replica", "reads");
  INFO("writes " << writes << ", replica reads " << reads);
  CHECK(writes == Approx(0.25 * 200 * 60).epsilon(0.08));
  CHECK(reads == Approx(0.75 * 200 * 60).epsilon(0.05));
  CHECK(metric(b, "db", "reads") == 0);
  CHECK(metric(b, "replica", "writes_refused") == 0);
  // Every committed write reached the replica and was applied (it keeps up at this load).
  CHECK(metric(b, "db", "changes_shipped") == writes);
  CHECK(metric(b, "replica", "changes_applied") == Approx(writes).margin(5));

  // A server calling its wires in order skips the one that does not take the request.
  json app = {{"id", "app"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"}, {"params", {{"workers", 100}}}};
  const json k = document(json::array({users(200, 0.5), app, db(json::object(), "w"), replica(json::object(), "r")}),
                          json::array({wire("users", "app"), wire("app", "w", {{"requests", "writes"}}),
                                       wire("app", "r", {{"requests", "reads"}}), replication("w", "r")}),
                          30);
  engine::Built c = run(k);
  CHECK(c.sim->metrics(c.node("w")).arrivals == Approx(0.5 * 200 * 30).epsilon(0.1));
  CHECK(metric(c, "r", "reads") == Approx(0.5 * 200 * 30).epsilon(0.1));
  CHECK(metric(c, "r", "writes_refused") == 0);
}

TEST_CASE("rds: queries beyond max_connections are refused (Too many connections)", "[rds]") {
  // db.t3.micro: 1 GiB -> MySQL's default max_connections 85; 2 vCPUs at 50 ms a read serve
  // 40 reads/s, so 200/s pile up until every connection is taken.
  engine::Built b = run(users_db(200, 1, {{"instance_class", "db.t3.micro"}, {"read_ms", 50}}, 60));
  const double refused = metric(b, "db", "connections_refused"), reads = metric(b, "db", "reads");
  INFO("reads " << reads << ", refused " << refused);
  CHECK(metric(b, "db", "connections") == Approx(85).margin(1));
  CHECK(reads == Approx(40 * 60).epsilon(0.1));
  CHECK(refused > 0.7 * 200 * 60);
  CHECK(outcome(b, "db", sim::Outcome::Throttled) == refused);
  REQUIRE(event(b, "db_too_many_connections"));
  CHECK(event(b, "db_too_many_connections")->text_en.find("85") != std::string::npos);

  // A larger limit on the same instance: the queue (and its wait) grows instead.
  engine::Built more = run(users_db(200, 1, {{"instance_class", "db.t3.micro"}, {"read_ms", 50},
                                            {"max_connections", 100000}}, 60));
  CHECK(metric(more, "db", "connections_refused") == 0);
  CHECK(more.sim->metrics(more.node("db")).latency.percentile(50) > 10e6);  // over 10 s in the queue
}

TEST_CASE("rds: a Multi-AZ write waits for the standby's round trip; reads do not", "[rds]") {
  const json single = {{"deployment", "single_az"}};
  const json multi = {{"deployment", "multi_az_instance"}};
  engine::Built s = run(users_db(100, 0, single, 120));
  engine::Built m = run(users_db(100, 0, multi, 120));
  const double ms_s = s.sim->metrics(s.node("db")).latency.mean() / 1000.0;
  const double ms_m = m.sim->metrics(m.node("db")).latency.mean() / 1000.0;
  INFO("write latency single " << ms_s << " ms, Multi-AZ " << ms_m << " ms");
  // Cross-AZ one way is 0.6 ms (docs/engine.md): the commit waits 1.2 ms more.
  CHECK(ms_m - ms_s == Approx(1.2).margin(0.25));
  CHECK(metric(m, "db", "standbys_in_sync") == 1);

  engine::Built rs = run(users_db(100, 1, single, 120));
  engine::Built rm = run(users_db(100, 1, multi, 120));
  CHECK(rm.sim->metrics(rm.node("db")).latency.mean() == Approx(rs.sim->metrics(rs.node("db")).latency.mean()).epsilon(0.05));
}

TEST_CASE("rds: when the primary's AZ fails, a Multi-AZ instance fails over in 60-120 s; Single-AZ stays down",
          "[rds]") {
  // The primary is in use1-az1 (zone 1); the AZ fails at 60 s for ten minutes.
  engine::Built m = run(users_db(50, 0.5, {{"deployment", "multi_az_instance"}}, 400, az_down("use1-az1", 60, 660)));
  const sim::LogEntry* began = event(m, "db_failover_began");
  const sim::LogEntry* done = event(m, "db_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double t0 = sim::to_seconds(began->time), t1 = sim::to_seconds(done->time);
  INFO("failover began at " << t0 << " s, completed at " << t1 << " s");
  CHECK(t0 >= 60);
  CHECK(t0 <= 61.01);
  CHECK(t1 - t0 >= 60);
  CHECK(t1 - t0 <= 120);
  CHECK(done->find_field("seconds")->value == Approx(t1 - t0).margin(0.01));
  CHECK(metric(m, "db", "failovers") == 1);
  // Queries fail only during the failover, then the standby (now in use1-az2) serves them.
  const double failed = static_cast<double>(outcome(m, "db", sim::Outcome::Unreachable));
  CHECK(failed == Approx(50 * (t1 - t0)).epsilon(0.1));
  const double ok = static_cast<double>(outcome(m, "db", sim::Outcome::Ok));
  CHECK(ok == Approx(50 * (400 - (t1 - t0))).epsilon(0.05));
  CHECK(m.sim->model(m.node("db")).status().en.find("Primary in use1-az2") == 0);
  CHECK(m.sim->model(m.node("db")).status().ko.find("use1-az2") != std::string::npos);
  // No standby while use1-az1 is down: a second failure now would not fail over.
  CHECK(metric(m, "db", "standbys_in_sync") == 0);
  // ... and the bill is still Multi-AZ's: two db.m5.large and their storage for 400 s.
  CHECK(m.sim->metrics(m.node("db")).cost_usd == Approx(2 * (0.171 + 100 * 0.115 / 730) * 400 / 3600).epsilon(0.01));

  // Single-AZ: down from 60 s until the AZ returns at 300 s, no failover.
  engine::Built s = run(users_db(50, 0.5, {{"deployment", "single_az"}}, 400, az_down("use1-az1", 60, 300)));
  CHECK(metric(s, "db", "failovers") == 0);
  REQUIRE(event(s, "db_az_down"));
  REQUIRE(event(s, "db_az_up"));
  CHECK(static_cast<double>(outcome(s, "db", sim::Outcome::Unreachable)) == Approx(50 * 240).epsilon(0.05));

  // The standby's own AZ failing costs nothing but the protection (and the round trip).
  engine::Built st = run(users_db(50, 0.5, {{"deployment", "multi_az_instance"}}, 200, az_down("use1-az2", 60, 660)));
  CHECK(metric(st, "db", "failovers") == 0);
  CHECK(outcome(st, "db", sim::Outcome::Unreachable) == 0);
  CHECK(metric(st, "db", "standbys_in_sync") == 0);
}

TEST_CASE("rds: a Multi-AZ DB cluster fails over in under 35 s", "[rds]") {
  engine::Built c = run(users_db(50, 0.5, {{"deployment", "multi_az_cluster"}}, 300, az_down("use1-az1", 60, 600)));
  const sim::LogEntry* began = event(c, "db_failover_began");
  const sim::LogEntry* done = event(c, "db_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double took = sim::to_seconds(done->time - began->time);
  INFO("cluster failover took " << took << " s");
  CHECK(took <= 35);
  CHECK(took >= 20);
  // One standby went primary; the other still receives every write synchronously.
  CHECK(metric(c, "db", "standbys_in_sync") == 1);
}

TEST_CASE("rds: a read replica falls behind when writes outpace its apply threads, and serves stale reads", "[rds]") {
  // The source has 4 vCPUs (1,000 writes/s at 4 ms); the replica applies with one thread
  // (250 writes/s). Reads go to the replica over 1,000 keys.
  auto design = [](double writes_per_s) {
    const double reads_per_s = 100, total = writes_per_s + reads_per_s;
    return document(json::array({users(total, reads_per_s / total, {{"keys", 1000}}),
                                 db({{"instance_class", "db.m5.xlarge"}}),
                                 replica({{"instance_class", "db.m5.large"}, {"apply_threads", 1}})}),
                    json::array({wire("users", "db", {{"requests", "writes"}, {"retries", 0}}),
                                 wire("users", "replica", {{"requests", "reads"}, {"retries", 0}}),
                                 replication("db", "replica")}),
                    120);
  };
  engine::Built heavy = run(design(400));
  engine::Built light = run(design(50));
  const double lag = metric(heavy, "replica", "replica_lag_s"), behind = metric(heavy, "replica", "changes_behind");
  const double stale_h = metric(heavy, "replica", "stale_reads") / metric(heavy, "replica", "reads");
  const double stale_l = metric(light, "replica", "stale_reads") / metric(light, "replica", "reads");
  INFO("heavy: lag " << lag << " s, " << behind << " behind, stale " << stale_h << "; light: lag "
                     << metric(light, "replica", "replica_lag_s") << " s, stale " << stale_l);
  // 400 in, 250 applied each second: ~150 more behind every second.
  CHECK(behind == Approx(150 * 120).epsilon(0.15));
  CHECK(lag > 40);
  REQUIRE(event(heavy, "replica_lag"));
  // Most keys have a write waiting: most reads are stale. The light load keeps up.
  CHECK(stale_h > 0.9);
  CHECK(metric(light, "replica", "replica_lag_s") < 0.5);
  CHECK(stale_l < 0.02);
  CHECK(heavy.sim->model(heavy.node("replica")).status().en.find("behind its source") != std::string::npos);
}

TEST_CASE("rds: a read replica refuses writes; the advice says to split reads from writes", "[rds]") {
  const json j = document(json::array({users(100, 0.5), db(json::object()), replica(json::object())}),
                          json::array({wire("users", "replica", {{"retries", 0}}), replication("db", "replica")}), 30);
  engine::Built b = run(j);
  CHECK(metric(b, "replica", "writes_refused") == Approx(0.5 * 100 * 30).epsilon(0.1));
  CHECK(outcome(b, "replica", sim::Outcome::Rejected) == metric(b, "replica", "writes_refused"));
  REQUIRE(event(b, "replica_read_only"));
  const auto findings = lint_of(j);
  CHECK(has_finding(findings, "rds-replica-gets-writes"));
  // Reads only on that wire: the advice is gone.
  json fixed = j;
  fixed["connections"][0]["params"]["requests"] = "reads";
  CHECK_FALSE(has_finding(lint_of(fixed), "rds-replica-gets-writes"));
}

TEST_CASE("rds: a Single-AZ database that is called gets the advice; Multi-AZ does not", "[rds]") {
  CHECK(has_finding(lint_of(users_db(10, 0.5, json::object(), 10)), "rds-single-az"));
  CHECK_FALSE(has_finding(lint_of(users_db(10, 0.5, {{"deployment", "multi_az_instance"}}, 10)), "rds-single-az"));
}

TEST_CASE("rds: cost per hour by class and deployment, with storage", "[rds]") {
  // db.m5.large $0.171/h and 100 GB of gp3 at $0.115/GB-month; Multi-AZ bills both twice.
  engine::Built s = run(users_db(1, 1, {{"deployment", "single_az"}}, 3600));
  engine::Built m = run(users_db(1, 1, {{"deployment", "multi_az_instance"}}, 3600));
  engine::Built c = run(users_db(1, 1, {{"deployment", "multi_az_cluster"}}, 3600));
  const double one = 0.171 + 100 * 0.115 / 730;
  CHECK(s.sim->metrics(s.node("db")).cost_usd == Approx(one).epsilon(0.01));
  CHECK(m.sim->metrics(m.node("db")).cost_usd == Approx(2 * one).epsilon(0.01));
  CHECK(c.sim->metrics(c.node("db")).cost_usd == Approx(3 * one).epsilon(0.01));
}

TEST_CASE("rds: replication wires go from a DB instance to a read replica only, with the reason", "[rds]") {
  auto errors_of = [](const json& j) { return catalog::parse_document(j.dump()).errors; };
  // Two DB instances: a replication wire must end at a read replica.
  auto to_db = errors_of(document(json::array({db(json::object()), db(json::object(), "db2")}), json::array({replication("db", "db2")}), 10));
  REQUIRE_FALSE(to_db.empty());
  CHECK(cp::test::all_issues(to_db).find("read replica") != std::string::npos);
  // A users node replicates nothing.
  auto from_users = errors_of(document(json::array({users(1, 1), replica(json::object())}), json::array({replication("users", "replica")}), 10));
  REQUIRE_FALSE(from_users.empty());
  CHECK(cp::test::all_issues(from_users).find("replicates to nothing") != std::string::npos);
  // A DB instance does not call other services.
  auto call = errors_of(document(json::array({db(json::object()), replica(json::object())}), json::array({wire("db", "replica")}), 10));
  REQUIRE_FALSE(call.empty());
}

TEST_CASE("rds: example rds-multi-az-failover — writes fail only during the failover, reads carry on", "[rds][examples]") {
  engine::Built b = cp::test::example_run("rds-multi-az-failover.json");
  b.sim->run_until(b.duration);
  const sim::LogEntry* began = event(b, "db_failover_began");
  const sim::LogEntry* done = event(b, "db_failover_completed");
  REQUIRE(began);
  REQUIRE(done);
  const double took = sim::to_seconds(done->time - began->time);
  INFO("failover " << sim::to_seconds(began->time) << " s + " << took << " s");
  // The story's moments: use1-az1 fails at 2:00, the failover ends 99 s later (at 3:39).
  CHECK(sim::to_seconds(began->time) == Approx(120).margin(1));
  CHECK(took == Approx(99).margin(1));
  // About 40 writes a second fail while it lasts; the replica (in use1-az2) loses none.
  CHECK(static_cast<double>(outcome(b, "db", sim::Outcome::Unreachable)) == Approx(40 * took).epsilon(0.1));
  CHECK(outcome(b, "replica", sim::Outcome::Unreachable) == 0);
  CHECK(metric(b, "replica", "reads") > 0.75 * 200 * 600);
  CHECK(metric(b, "db", "standbys_in_sync") == 0);
  CHECK(b.sim->model(b.node("db")).status().en.find("Primary in use1-az2 (after a failover)") == 0);
}

TEST_CASE("rds: promoting a read replica stops replication; after a reboot of minutes it takes writes", "[rds]") {
  // Writes go to the source (40/s), reads to the replica; a second client writes to the
  // replica (10/s). The replica is promoted at 2:00.
  json writer = users(10, 0, {{"keys", 1000}});
  writer["id"] = "app";
  const json j = document(json::array({users(80, 0.5, {{"keys", 1000}}), writer, db(json::object()), replica(json::object())}),
                          json::array({wire("users", "db", {{"requests", "writes"}, {"retries", 0}}),
                                       wire("users", "replica", {{"requests", "reads"}, {"retries", 0}}),
                                       wire("app", "replica", {{"retries", 0}}), replication("db", "replica")}),
                          600, json::array({json{{"at_s", 120}, {"action", "promote"}, {"target", "replica"}}}));
  engine::Built b = run(j);
  const sim::LogEntry* began = event(b, "replica_promotion_began");
  const sim::LogEntry* done = event(b, "replica_promoted");
  REQUIRE(began);
  REQUIRE(done);
  const double t0 = sim::to_seconds(began->time), took = sim::to_seconds(done->time - began->time);
  INFO("promotion began at " << t0 << " s and took " << took << " s");
  CHECK(t0 == Approx(120).margin(0.01));
  // A reboot of minutes (60-180 s here), the relay log applied first.
  CHECK(took >= 60);
  CHECK(took <= 181);
  CHECK(done->find_field("seconds")->value == Approx(took).margin(0.01));
  CHECK(began->kind == sim::LogKind::Fault);
  CHECK(done->kind == sim::LogKind::Failover);
  // Before: the replica refused every write; during: nothing was served; after: writes commit.
  CHECK(metric(b, "replica", "writes_refused") == Approx(10 * 120).epsilon(0.1));
  const double writes_after = metric(b, "replica", "writes");
  CHECK(writes_after == Approx(10 * (600 - 120 - took)).epsilon(0.1));
  CHECK(static_cast<double>(outcome(b, "replica", sim::Outcome::Unreachable)) == Approx(50 * took).epsilon(0.1));
  // Replication stopped at 2:00: the source's 40 writes a second since then never arrived.
  CHECK(metric(b, "replica", "changes_not_replicated") == Approx(40 * 480).epsilon(0.05));
  CHECK(metric(b, "replica", "changes_applied") == Approx(40 * 120).epsilon(0.1));
  CHECK(metric(b, "replica", "stale_reads") < 0.01 * metric(b, "replica", "reads"));
  CHECK(b.sim->model(b.node("replica")).status().en.find("Standalone DB instance (promoted at") == 0);
  CHECK(b.sim->model(b.node("replica")).status().ko.find("독립 실행형") != std::string::npos);
  // Without the fault nothing changes: the replica refuses writes to the end.
  json calm = j;
  calm["faults"] = json::array();
  engine::Built c = run(calm);
  CHECK(metric(c, "replica", "writes") == 0);
  CHECK(metric(c, "replica", "writes_refused") == Approx(10 * 600).epsilon(0.1));
  CHECK_FALSE(event(c, "replica_promoted"));
}

TEST_CASE("rds: promote acts on a read replica only, with the reason in both languages", "[rds]") {
  const json j = document(json::array({users(10, 0.5), db(json::object()), replica(json::object())}),
                          json::array({wire("users", "db"), replication("db", "replica")}), 60,
                          json::array({json{{"at_s", 10}, {"action", "promote"}, {"target", "db"}}}));
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors.front().path == "faults[0].target");
  CHECK(r.errors.front().message.find("RDS read replica") != std::string::npos);
  CHECK(r.errors.front().message_ko.find("읽기 전용 복제본") != std::string::npos);
  json k = j;
  k["faults"][0]["action"] = "promot";
  r = catalog::parse_document(k.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors.front().message.find("promote") != std::string::npos);  // did you mean
  k["faults"][0] = json{{"at_s", 10}, {"action", "promote"}, {"target", "replica"}};
  CHECK(catalog::parse_document(k.dump()).ok());
  // The replica's descriptor offers the action (the run's right-click menu lists it).
  const catalog::ServiceDescriptor* d = catalog::find_service("rds_read_replica");
  REQUIRE(d);
  REQUIRE(catalog::node_action_index(*d, "promote") == 0);
  CHECK(std::string(d->actions[0].name.ko).find("승격") != std::string::npos);
}

TEST_CASE("rds: storage autoscaling grows the volume after 5 minutes under 10% free; without it writes fail when full",
          "[rds]") {
  // 100 GiB allocated, 85 used, growing 60 GiB an hour: 10% free at 5:00.
  const json storage = {{"storage_gb", 100}, {"storage_used_gb", 85}, {"storage_growth_gb_per_h", 60}};
  json with = storage;
  with["max_storage_gb"] = 1000;
  engine::Built a = run(users_db(50, 0.5, with, 1800));
  const sim::LogEntry* low = event(a, "rds_storage_low");
  const sim::LogEntry* grew = event(a, "rds_storage_scaled");
  REQUIRE(low);
  REQUIRE(grew);
  INFO("low at " << sim::to_seconds(low->time) << " s, grown at " << sim::to_seconds(grew->time) << " s to "
                 << grew->find_field("to_gb")->value << " GiB");
  CHECK(sim::to_seconds(low->time) == Approx(300).margin(2));
  CHECK(sim::to_seconds(grew->time) - sim::to_seconds(low->time) == Approx(300).margin(1));
  // The largest of 10 GiB, 10% (10 GiB) and 7 hours of growth (420 GiB).
  CHECK(grew->find_field("to_gb")->value == 520);
  CHECK(metric(a, "db", "storage_allocated_gb") == 520);
  CHECK(metric(a, "db", "storage_used_gb") == Approx(85 + 30).margin(0.5));
  CHECK(metric(a, "db", "writes_storage_full") == 0);
  CHECK(grew->text_ko.find("스토리지 자동 조정") != std::string::npos);
  // Without a maximum: full at 15:00, every write fails from then on, reads go on.
  engine::Built f = run(users_db(50, 0.5, storage, 1800));
  CHECK_FALSE(event(f, "rds_storage_scaled"));
  const sim::LogEntry* full = event(f, "rds_storage_full");
  REQUIRE(full);
  CHECK(sim::to_seconds(full->time) == Approx(900).margin(2));
  CHECK(metric(f, "db", "writes_storage_full") == Approx(25 * 900).epsilon(0.1));
  CHECK(metric(f, "db", "reads") == Approx(25 * 1800).epsilon(0.1));
  // A maximum under 10% above the allocation is refused.
  json bad = storage;
  bad["max_storage_gb"] = 105;
  auto errors = catalog::parse_document(users_db(1, 1, bad, 10).dump()).errors;
  REQUIRE_FALSE(errors.empty());
  CHECK(errors.front().message.find("at least 10% above") != std::string::npos);
}
