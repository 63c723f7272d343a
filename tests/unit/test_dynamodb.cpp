// Amazon DynamoDB (core/services/dynamodb.cpp): a table's capacity units, its throttling
// (by the table's capacity or one hot partition), burst capacity, the on-demand ramp, the
// item size limit, the cost of both modes and the lint advice. Each test runs a document
// and checks the numbers a learner would see.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/services/lambda.h"
#include "core/sim/simulation.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

// Users at a constant `rate` over `keys` equally popular keys (zipf 0), reads a share `reads`.
json users(double rate, double reads, double keys = 1000000, json extra = json::object()) {
  json p = {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", reads}, {"keys", keys}, {"zipf_s", 0}};
  p.update(extra);
  return json{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}, {"params", std::move(p)}};
}
json table(json params) {
  return json{{"id", "t"}, {"type", "dynamodb"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json provisioned(double rcu, double wcu, json extra = json::object()) {
  json p = {{"capacity_mode", "PROVISIONED"}, {"read_capacity", rcu}, {"write_capacity", wcu}};
  p.update(extra);
  return p;
}
json document(json nodes, json connections, double duration_s, json faults = json::array()) {
  return json{{"version", 1},
              {"name", "DynamoDB test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 11}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", std::move(faults)}};
}
// users --> t with no retries, so that every throttle is counted once.
json doc_of(json u, json table_params, double duration_s, json faults = json::array()) {
  return document(json::array({std::move(u), table(std::move(table_params))}),
                  json::array({json{{"id", "users-t"}, {"from", "users"}, {"to", "t"}, {"params", {{"retries", 0}}}}}),
                  duration_s, std::move(faults));
}

engine::Built run(const json& j) { return cp::test::run_document(j); }
double metric(const engine::Built& b, const char* key) { return b.sim->metrics(b.node("t")).metric_value(key); }
uint64_t outcome(const engine::Built& b, const char* node, sim::Outcome o) {
  return b.sim->metrics(b.node(node)).outcomes[static_cast<int>(o)];
}
std::vector<const sim::LogEntry*> logged(const engine::Built& b, const std::string& reason) {
  std::vector<const sim::LogEntry*> out;
  for (const auto& e : b.sim->event_log())
    if (reason == e.reason) out.push_back(&e);
  return out;
}
std::vector<catalog::Finding> lint_of(const json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  return lint::lint(r.document);
}
int findings(const json& j, const std::string& rule) {
  int n = 0;
  for (const auto& f : lint_of(j)) n += f.rule == rule;
  return n;
}

}  // namespace

TEST_CASE("dynamodb: 200 writes a second on 100 provisioned WCU: about half are throttled", "[dynamodb]") {
  engine::Built b = run(doc_of(users(200, 0), provisioned(100, 100), 60));
  const double writes = metric(b, "writes"), throttled = metric(b, "throttled_writes");
  INFO("writes " << writes << ", throttled " << throttled);
  CHECK(writes == Approx(60 * 100).epsilon(0.03));
  CHECK(throttled == Approx(60 * 100).epsilon(0.05));
  CHECK(outcome(b, "users", sim::Outcome::Throttled) == Approx(throttled).margin(5));  // a few still on the wire
  CHECK(metric(b, "write_units_consumed") == Approx(writes));  // 1 KB items: one unit each
  CHECK(metric(b, "capacity_use") == Approx(100));
  // The table, not a partition, is the cause: one partition of 1,000 WCU holds 100 WCU.
  CHECK(metric(b, "partitions") == 1);
  CHECK(metric(b, "busiest_partition_use") == Approx(10));
  const auto began = logged(b, "dynamodb_throttled");
  REQUIRE(began.size() == 1);
  CHECK(began[0]->find_field("partition_hot")->value == 0);
  CHECK(began[0]->text_ko.find("쓰기 용량 단위(WCU)") != std::string::npos);
  CHECK(logged(b, "dynamodb_throttled_ok").empty());  // it never stops

  // Twice the capacity: nothing throttled.
  engine::Built enough = run(doc_of(users(200, 0), provisioned(100, 200), 60));
  CHECK(metric(enough, "throttled_writes") == 0);
  CHECK(logged(enough, "dynamodb_throttled").empty());
}

TEST_CASE("dynamodb: an eventually consistent read costs half the units of a strongly consistent one", "[dynamodb]") {
  auto units = [](const char* consistency) {
    engine::Built b = run(doc_of(users(500, 1), {{"read_consistency", consistency}}, 30));
    CHECK(metric(b, "throttled_reads") == 0);
    return std::pair{metric(b, "reads"), metric(b, "read_units_consumed")};
  };
  const auto [eventual_reads, eventual] = units("eventual");
  const auto [strong_reads, strong] = units("strong");
  const auto [tx_reads, tx] = units("transactional");
  INFO("units: eventual " << eventual << ", strong " << strong << ", transactional " << tx);
  CHECK(eventual_reads == strong_reads);  // the same traffic (same seed)
  CHECK(eventual_reads == Approx(30 * 500).epsilon(0.02));
  CHECK(eventual == Approx(strong / 2));
  CHECK(tx == Approx(strong * 2));
  CHECK(eventual == Approx(eventual_reads * 0.5));
}

TEST_CASE("dynamodb: a 10 KB item costs 3 read units strongly consistent and 10 write units", "[dynamodb]") {
  // Rounded up per 4 KB for reads (10 KB -> 3 blocks) and per 1 KB for writes.
  auto per_request = [](json params) {
    params["item_kb"] = 10;
    engine::Built b = run(doc_of(users(100, 0.5), params, 30));
    REQUIRE(metric(b, "reads") > 1000);
    REQUIRE(metric(b, "writes") > 1000);
    return std::pair{metric(b, "read_units_consumed") / metric(b, "reads"),
                     metric(b, "write_units_consumed") / metric(b, "writes")};
  };
  const auto [strong_read, write] = per_request({{"read_consistency", "strong"}});
  CHECK(strong_read == Approx(3));
  CHECK(write == Approx(10));
  const auto [eventual_read, tx_write] = per_request({{"read_consistency", "eventual"}, {"transactional_writes", true}});
  CHECK(eventual_read == Approx(1.5));
  CHECK(tx_write == Approx(20));
  // A 4 KB item is still one block: one unit strongly consistent.
  engine::Built four = run(doc_of(users(100, 1), {{"item_kb", 4}, {"read_consistency", "strong"}}, 10));
  CHECK(metric(four, "read_units_consumed") == Approx(metric(four, "reads")));
}

TEST_CASE("dynamodb: an item over 400 KB is refused, with the reason", "[dynamodb]") {
  engine::Built b = run(doc_of(users(20, 0.5), {{"item_kb", 401}}, 20));
  const uint64_t refused = outcome(b, "users", sim::Outcome::Rejected);
  CHECK(refused >= 390);
  CHECK(metric(b, "items_too_large") == Approx(static_cast<double>(refused)));
  CHECK(metric(b, "reads") + metric(b, "writes") == 0);
  const auto warned = logged(b, "dynamodb_item_too_large");
  REQUIRE(warned.size() == 1);
  CHECK(warned[0]->text_ko.find("400KB") != std::string::npos);
  // 400 KB exactly is allowed (4 a second: 400 WRU a write, well under the 4,000 a second).
  engine::Built ok = run(doc_of(users(4, 0.5), {{"item_kb", 400}}, 20));
  CHECK(metric(ok, "items_too_large") == 0);
  CHECK(ok.sim->metrics(ok.node("users")).errors() == 0);
}

TEST_CASE("dynamodb: a hot key throttles on its partition while the same rate over many keys does not", "[dynamodb]") {
  // 3,000 RCU + 4,000 WCU: ceil(3,000/3,000 + 4,000/1,000) = 5 partitions, 1,000 WCU each.
  // 2,000 writes a second is half the table's capacity, but a single key puts them all on
  // one partition: it takes 1,000 and throttles the other 1,000.
  const json params = provisioned(3000, 4000);
  engine::Built hot = run(doc_of(users(2000, 0, 1), params, 30));
  engine::Built spread = run(doc_of(users(2000, 0, 100000), params, 30));
  const double hot_throttled = metric(hot, "throttled_writes"), spread_throttled = metric(spread, "throttled_writes");
  const double hot_use = metric(hot, "busiest_partition_use"), spread_use = metric(spread, "busiest_partition_use");
  INFO("hot: throttled " << hot_throttled << ", busiest " << hot_use << "%; spread: throttled " << spread_throttled
                         << ", busiest " << spread_use << "%");
  CHECK(metric(hot, "partitions") == 5);
  CHECK(hot_throttled == Approx(30 * 1000).epsilon(0.05));
  CHECK(hot_use == Approx(100));
  CHECK(metric(hot, "capacity_use") == Approx(25).margin(1));  // 1,000 of 4,000 WCU: the table has room
  CHECK(spread_throttled == 0);
  CHECK(spread_use < 50);  // about 400 of 1,000 on the busiest
  const auto began = logged(hot, "dynamodb_throttled");
  REQUIRE(began.size() == 1);
  CHECK(began[0]->find_field("partition_hot")->value == 1);
  CHECK(began[0]->text_en.find("hot partition key") != std::string::npos);
  CHECK(began[0]->text_ko.find("파티션 키") != std::string::npos);

  // A skewed key space has a hot key too: with zipf 2 over 1,000 keys the top key gets more
  // than half the requests, and its partition goes over its 1,000.
  engine::Built zipf = run(doc_of(users(2000, 0, 1000, {{"zipf_s", 2}}), params, 30));
  INFO("zipf 2: throttled " << metric(zipf, "throttled_writes"));
  CHECK(metric(zipf, "throttled_writes") > 30 * 50);
  CHECK(metric(zipf, "busiest_partition_use") == Approx(100));
}

TEST_CASE("dynamodb: on demand takes 3,000 writes a second; a jump far over twice the previous peak throttles",
          "[dynamodb]") {
  engine::Built steady = run(doc_of(users(3000, 0), json::object(), 30));
  CHECK(metric(steady, "throttled_writes") == 0);
  CHECK(metric(steady, "writes") == Approx(30 * 3000).epsilon(0.02));
  CHECK(metric(steady, "write_capacity") == 4000);  // a new table's 4,000 WRU
  CHECK(metric(steady, "partitions") == 8);         // ceil(12,000/3,000 + 4,000/1,000)

  // 1,000 writes a second with a 10-second jump to 10,000 at 30 s: a new table takes
  // 4,000 WRU a second, so 6,000 a second are throttled during the jump.
  engine::Built jump = run(doc_of(users(1000, 0, 1000000, {{"pattern", "spike"}, {"spike_at_s", 30}, {"spike_s", 10},
                                                         {"spike_multiplier", 10}}),
                                  json::object(), 60));
  const double throttled = metric(jump, "throttled_writes");
  INFO("throttled " << throttled);
  CHECK(throttled == Approx(10 * 6000).epsilon(0.05));
  const auto began = logged(jump, "dynamodb_throttled"), ended = logged(jump, "dynamodb_throttled_ok");
  REQUIRE(began.size() == 1);
  REQUIRE(ended.size() == 1);
  CHECK(sim::to_seconds(began[0]->time) == Approx(30).margin(1));
  CHECK(sim::to_seconds(ended[0]->time) == Approx(41).margin(1.5));
  CHECK(began[0]->text_en.find("on-demand") != std::string::npos);
}

TEST_CASE("dynamodb: on demand, a peak becomes the previous peak 30 minutes later and doubles the allowance",
          "[dynamodb]") {
  // 2,500 writes a second: after 30 minutes the table takes 5,000 WRU a second, so a jump
  // to 4,500 then is served; the same jump 10 minutes in throttles at the new table's 4,000.
  auto jump_at = [](double at_s) {
    return run(doc_of(users(2500, 0, 1000000, {{"pattern", "spike"}, {"spike_at_s", at_s}, {"spike_s", 20},
                                               {"spike_multiplier", 1.8}}),
                      json::object(), at_s + 30));
  };
  engine::Built early = jump_at(600), late = jump_at(1900);
  const double early_throttled = metric(early, "throttled_writes"), late_throttled = metric(late, "throttled_writes");
  INFO("throttled: jump at 10 min " << early_throttled << ", at 31.7 min " << late_throttled);
  CHECK(early_throttled == Approx(20 * 500).epsilon(0.1));
  CHECK(late_throttled == 0);
  // Twice the 2,500 a second of 30 minutes ago (the jump becomes a peak 30 minutes later).
  CHECK(metric(late, "write_capacity") >= 5000);
  CHECK(metric(late, "write_capacity") < 6000);
}

TEST_CASE("dynamodb: burst capacity absorbs a short spike over the provisioned capacity", "[dynamodb]") {
  // 50 writes a second on 100 WCU save 50 units a second; a 10 s spike to 150 a second
  // needs 500 more than the capacity, taken from the ~3,000 saved.
  auto spike = [](bool burst) {
    return run(doc_of(users(50, 0, 1000000, {{"pattern", "spike"}, {"spike_at_s", 60}, {"spike_s", 10},
                                             {"spike_multiplier", 3}}),
                      provisioned(100, 100, {{"burst_capacity", burst}}), 90));
  };
  engine::Built with = spike(true), without = spike(false);
  INFO("throttled: with burst " << metric(with, "throttled_writes") << ", without " << metric(without, "throttled_writes"));
  CHECK(metric(with, "throttled_writes") == 0);
  CHECK(metric(without, "throttled_writes") == Approx(10 * 50).epsilon(0.1));
  // A long overload spends the saved capacity and then throttles.
  engine::Built longer = run(doc_of(users(50, 0, 1000000, {{"pattern", "spike"}, {"spike_at_s", 60}, {"spike_s", 120},
                                                         {"spike_multiplier", 3}}),
                                    provisioned(100, 100), 200));
  const double t = metric(longer, "throttled_writes");
  INFO("120 s spike throttled " << t);
  CHECK(t == Approx(120 * 50 - 60 * 50).epsilon(0.1));  // 6,000 over, 3,000 saved
}

TEST_CASE("dynamodb: cost per request unit on demand, per capacity-hour provisioned", "[dynamodb]") {
  // An hour of 100 writes and 100 eventually consistent reads a second, 1 KB items.
  engine::Built od = run(doc_of(users(200, 0.5), json::object(), 3600));
  engine::Built pr = run(doc_of(users(200, 0.5), provisioned(100, 150), 3600));
  const double od_cost = od.sim->metrics(od.node("t")).cost_usd, pr_cost = pr.sim->metrics(pr.node("t")).cost_usd;
  // AWS-FACTS: DynamoDB / Price — $0.625 per million WRU, $0.125 per million RRU (0.5 RRU a read).
  const double od_expected = metric(od, "writes") * 0.625 / 1e6 + metric(od, "reads") * 0.5 * 0.125 / 1e6;
  // Provisioned: 100 RCU × $0.00013 + 150 WCU × $0.00065 an hour (⚠ not in AWS-FACTS).
  const double pr_expected = 100 * 0.00013 + 150 * 0.00065;
  INFO("an hour: on-demand $" << od_cost << " (expected $" << od_expected << "), provisioned $" << pr_cost
                              << " (expected $" << pr_expected << ")");
  CHECK(od_expected == Approx(360000 * 0.625 / 1e6 + 360000 * 0.0625 / 1e6).epsilon(0.02));
  CHECK(od_cost == Approx(od_expected).epsilon(0.001));
  CHECK(pr_cost == Approx(pr_expected).epsilon(0.01));
  CHECK(metric(pr, "throttled_reads") + metric(pr, "throttled_writes") == 0);
}

TEST_CASE("dynamodb: a Regional table survives an AZ's loss; a killed table is unreachable", "[dynamodb]") {
  const json az = json::array({json{{"at_s", 10}, {"action", "az_down"}, {"target", "use1-az1"}, {"until_s", 20}}});
  engine::Built b = run(doc_of(users(100, 0.5), json::object(), 30, az));
  CHECK(b.sim->metrics(b.node("users")).errors() == 0);
  const json kill = json::array({json{{"at_s", 10}, {"action", "kill_node"}, {"target", "t"}, {"until_s", 20}}});
  engine::Built k = run(doc_of(users(100, 0.5), json::object(), 30, kill));
  CHECK(outcome(k, "users", sim::Outcome::Unreachable) == Approx(10 * 100).epsilon(0.05));
}

TEST_CASE("dynamodb: served requests answer in single-digit milliseconds", "[dynamodb]") {
  engine::Built b = run(doc_of(users(500, 0.8), json::object(), 30));
  const auto& lat = b.sim->metrics(b.node("t")).latency;
  const double p50 = lat.percentile(50) / 1000.0, p99 = lat.percentile(99) / 1000.0;
  INFO("p50 " << p50 << " ms, p99 " << p99 << " ms");
  CHECK(p50 == Approx(4).epsilon(0.1));
  CHECK(p99 < 12);
}

TEST_CASE("dynamodb: lint warns about a partition key with too few values, through any path", "[dynamodb][lint]") {
  // 4 keys for a new on-demand table's 8 partitions: warned; 100,000 keys: not.
  CHECK(findings(doc_of(users(100, 0.5, 4), json::object(), 10), "dynamodb-low-cardinality-key") == 1);
  CHECK(findings(doc_of(users(100, 0.5, 100000), json::object(), 10), "dynamodb-low-cardinality-key") == 0);
  // 50 keys: enough for one partition (provisioned 100/100), too few for 50.
  CHECK(findings(doc_of(users(100, 0.5, 50), provisioned(100, 100), 10), "dynamodb-low-cardinality-key") == 0);
  CHECK(findings(doc_of(users(100, 0.5, 50), provisioned(100, 100, {{"partitions", 50}}), 10),
                 "dynamodb-low-cardinality-key") == 1);
  // Through an instance: users -> web -> table.
  json d = document(json::array({users(100, 0.5, 1), table(json::object()),
                                 json{{"id", "web"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"}}}),
                    json::array({json{{"id", "u-w"}, {"from", "users"}, {"to", "web"}},
                                 json{{"id", "w-t"}, {"from", "web"}, {"to", "t"}}}),
                    10);
  const auto all = lint_of(d);
  const catalog::Finding* f = nullptr;
  for (const auto& x : all)
    if (x.rule == "dynamodb-low-cardinality-key") f = &x;
  REQUIRE(f);
  CHECK(f->text_en.find("a single partition key") != std::string::npos);
  CHECK(f->text_ko.find("users는") != std::string::npos);
  CHECK(f->fact == "DynamoDB / Partition limit");
}

TEST_CASE("dynamodb: lint warns when provisioned capacity is below the callers' peak", "[dynamodb][lint]") {
  CHECK(findings(doc_of(users(200, 0), provisioned(100, 100), 10), "dynamodb-provisioned-below-demand") == 1);
  CHECK(findings(doc_of(users(200, 0), provisioned(100, 250), 10), "dynamodb-provisioned-below-demand") == 0);
  CHECK(findings(doc_of(users(200, 0), json::object(), 10), "dynamodb-provisioned-below-demand") == 0);  // on-demand
  // 10 KB strongly consistent reads need 3 units each: 100 reads a second need 300 RCU.
  CHECK(findings(doc_of(users(100, 1), provisioned(200, 5, {{"item_kb", 10}, {"read_consistency", "strong"}}), 10),
                 "dynamodb-provisioned-below-demand") == 1);
  // A spike counts at its peak.
  CHECK(findings(doc_of(users(50, 0, 1000000, {{"pattern", "spike"}, {"spike_multiplier", 3}}), provisioned(100, 100), 10),
                 "dynamodb-provisioned-below-demand") == 1);
}

TEST_CASE("example dynamodb-hot-partition: one partition throttles during the sale, the table has room", "[dynamodb][examples]") {
  // The story's numbers: 500 order writes a second over 5 partitions (about 100 each); from 60
  // to 180 s one key adds 1,500 a second to one partition, which takes 1,000.
  engine::Built b = cp::test::example_run("dynamodb-hot-partition.json");
  auto m = [&](const char* key) { return b.sim->metrics(b.node("orders")).metric_value(key); };
  b.sim->run_until(55 * sim::kSecond);
  CHECK(m("throttled_writes") == 0);
  CHECK(m("partitions") == 5);
  CHECK(m("busiest_partition_use") < 30);
  b.sim->run_until(120 * sim::kSecond);
  INFO("at 120 s: busiest " << m("busiest_partition_use") << "%, table " << m("capacity_use") << "%, throttled "
                            << m("throttled_writes"));
  CHECK(m("busiest_partition_use") == Approx(100));
  CHECK(m("capacity_use") < 50);  // the table's capacity is not the cause
  const double by_120 = m("throttled_writes");
  CHECK(by_120 > 60 * 500);
  b.sim->run_until(b.duration);
  CHECK(m("busiest_partition_use") < 30);
  bool began = false, ended = false, hot = false;
  for (const auto& e : b.sim->event_log()) {
    if (std::string(e.reason) == "dynamodb_throttled") {
      began = sim::to_seconds(e.time) > 59 && sim::to_seconds(e.time) < 62;
      hot = e.find_field("partition_hot") && e.find_field("partition_hot")->value == 1;
    }
    if (std::string(e.reason) == "dynamodb_throttled_ok") ended = sim::to_seconds(e.time) > 179 && sim::to_seconds(e.time) < 186;
  }
  CHECK(began);
  CHECK(hot);
  CHECK(ended);
}

// ---- secondary indexes --------------------------------------------------------------

TEST_CASE("dynamodb: a GSI with too little write capacity throttles the table's writes (back-pressure)",
          "[dynamodb][gsi]") {
  // 500 writes a second; the table has 1,000 WCU, its one GSI 100 WCU; no burst capacity.
  const json base = provisioned(100, 1000, {{"burst_capacity", false}, {"gsi_count", 1}, {"gsi_read_capacity", 100}});
  json small = base;
  small["gsi_write_capacity"] = 100;
  engine::Built b = run(doc_of(users(500, 0), small, 60));
  const double writes = metric(b, "writes"), throttled = metric(b, "throttled_writes"),
               by_gsi = metric(b, "gsi_throttled_writes");
  INFO("GSI 100 WCU: writes " << writes << ", throttled " << throttled << " (by the GSI " << by_gsi << ")");
  CHECK(writes == Approx(60 * 100).epsilon(0.03));     // what the index takes, not what the table could
  CHECK(throttled == Approx(60 * 400).epsilon(0.05));
  CHECK(by_gsi == throttled);                           // the table itself had room
  CHECK(metric(b, "capacity_use") == Approx(10).margin(1));
  CHECK(metric(b, "gsi_capacity_use") == Approx(100));
  CHECK(metric(b, "gsi_write_units_consumed") == Approx(writes));
  const auto began = logged(b, "dynamodb_gsi_backpressure");
  REQUIRE(began.size() == 1);
  CHECK(began[0]->find_field("gsi")->value == 1);
  CHECK(began[0]->text_ko.find("글로벌 보조 인덱스 1이 ") != std::string::npos);
  CHECK(logged(b, "dynamodb_throttled").empty());  // not the table's own capacity

  // The same GSI with the table's write capacity: nothing throttled.
  json enough = base;
  enough["gsi_write_capacity"] = 1000;
  engine::Built e = run(doc_of(users(500, 0), enough, 60));
  INFO("GSI 1,000 WCU: writes " << metric(e, "writes") << ", throttled " << metric(e, "throttled_writes"));
  CHECK(metric(e, "throttled_writes") == 0);
  CHECK(metric(e, "writes") == Approx(60 * 500).epsilon(0.03));

  // A sparse index (a tenth of the items have its key) fits in 100 WCU.
  json sparse = small;
  sparse["gsi_write_share"] = 0.1;
  engine::Built s = run(doc_of(users(500, 0), sparse, 60));
  INFO("sparse GSI: throttled " << metric(s, "throttled_writes") << ", GSI units " << metric(s, "gsi_write_units_consumed"));
  CHECK(metric(s, "throttled_writes") == 0);
  CHECK(metric(s, "gsi_write_units_consumed") == Approx(0.1 * metric(s, "writes")).epsilon(0.05));

  // Without any GSI the table takes them all.
  json none = small;
  none["gsi_count"] = 0;
  CHECK(metric(run(doc_of(users(500, 0), none, 60)), "throttled_writes") == 0);
}

TEST_CASE("dynamodb: a GSI keyed on a few values throttles on one index partition", "[dynamodb][gsi]") {
  // 2,500 writes a second spread over a million table keys; the GSI's key has 2 values, so
  // its partitions get at most 2 × 1,000 WCU however much capacity it has.
  const json p = provisioned(100, 4000, {{"gsi_count", 1}, {"gsi_write_capacity", 4000}, {"gsi_partition_keys", 2}});
  engine::Built b = run(doc_of(users(2500, 0), p, 30));
  INFO("writes " << metric(b, "writes") << ", throttled by the GSI " << metric(b, "gsi_throttled_writes"));
  CHECK(metric(b, "gsi_throttled_writes") > 30 * 400);
  CHECK(metric(b, "writes") <= 30 * 2000 + 100);
  const auto began = logged(b, "dynamodb_gsi_backpressure");
  REQUIRE(began.size() == 1);
  CHECK(began[0]->find_field("partition_hot")->value == 1);
  json many = p;
  many["gsi_partition_keys"] = 0;
  CHECK(metric(run(doc_of(users(2500, 0), many, 30)), "throttled_writes") == 0);
}

TEST_CASE("dynamodb: queries on a GSI use its read capacity, eventually consistent", "[dynamodb][gsi]") {
  // 400 reads a second, half of them Queries on the GSI, which has 50 RCU (100 eventually
  // consistent reads of 1 KB a second); the table has plenty.
  const json p = provisioned(1000, 100,
                             {{"burst_capacity", false}, {"gsi_count", 1}, {"gsi_read_capacity", 50},
                              {"gsi_write_capacity", 100}, {"index_read_share", 0.5}, {"read_consistency", "strong"}});
  engine::Built b = run(doc_of(users(400, 1), p, 60));
  const double queries = metric(b, "index_reads"), throttled = metric(b, "gsi_throttled_reads");
  INFO("index queries " << queries << ", throttled " << throttled << ", reads " << metric(b, "reads"));
  CHECK(queries == Approx(60 * 100).epsilon(0.03));
  CHECK(throttled == Approx(60 * 100).epsilon(0.08));
  CHECK(metric(b, "throttled_reads") == throttled);  // the table's own GetItems were all served
  CHECK(metric(b, "reads") == Approx(60 * 300).epsilon(0.03));
  // Strong on the table (1 unit), eventual on the index (0.5): 200 × 1 + 100 × 0.5 a second.
  CHECK(metric(b, "read_units_consumed") == Approx(60 * 250).epsilon(0.03));
  CHECK(logged(b, "dynamodb_gsi_read_throttled").size() == 1);
  CHECK(logged(b, "dynamodb_gsi_backpressure").empty());
}

TEST_CASE("dynamodb: a GSI shows a write a moment later: queries right after it read the old item",
          "[dynamodb][gsi]") {
  // Ten keys, 200 writes and 200 index queries a second: each key is written 20 times a second,
  // so a query often comes within the ~100 ms before the last write reached the index.
  const json p = {{"gsi_count", 1}, {"index_read_share", 1}};
  engine::Built b = run(doc_of(users(400, 0.5, 10), p, 60));
  const double stale = metric(b, "stale_index_reads"), queries = metric(b, "index_reads");
  INFO("stale " << stale << " of " << queries << " index queries; propagation "
                << metric(b, "index_propagation_ms") << " ms (the last second's longest)");
  CHECK(queries == Approx(60 * 200).epsilon(0.05));
  CHECK(stale > 0.3 * queries);
  CHECK(stale < queries);
  CHECK(metric(b, "index_propagation_ms") > 50);
  CHECK(metric(b, "index_propagation_ms") < 1000);
  // A million keys: a query almost never hits a key written in the last fraction of a second.
  engine::Built spread = run(doc_of(users(400, 0.5), p, 60));
  INFO("a million keys: stale " << metric(spread, "stale_index_reads"));
  CHECK(metric(spread, "stale_index_reads") < 5);
}

TEST_CASE("dynamodb: LSIs take the table's capacity and cap an item collection at 10 GB", "[dynamodb][lsi]") {
  // Two LSIs: each write consumes three units on the table.
  engine::Built b = run(doc_of(users(100, 0.5), {{"lsi_count", 2}, {"lsi_read_share", 1}}, 30));
  INFO("writes " << metric(b, "writes") << ", units " << metric(b, "write_units_consumed"));
  CHECK(metric(b, "write_units_consumed") == Approx(3 * metric(b, "writes")));
  CHECK(metric(b, "lsi_reads") == metric(b, "reads"));
  // Provisioned 100 WCU with 2 LSIs takes about 33 writes a second.
  engine::Built pr = run(doc_of(users(100, 0), provisioned(10, 100, {{"lsi_count", 2}, {"burst_capacity", false}}), 30));
  CHECK(metric(pr, "writes") == Approx(30 * 33.3).epsilon(0.03));

  // One key whose collection is 1 MB short of 10 GB, 100 KB items and one LSI: 200 KB a write,
  // so the fifth write fills it and the rest are refused.
  const double start_gb = 10 - 1.0 / 1024;
  engine::Built full = run(doc_of(users(5, 0, 1), {{"lsi_count", 1}, {"item_kb", 100}, {"item_collection_gb", start_gb}}, 10));
  INFO("served " << metric(full, "writes") << ", refused " << metric(full, "item_collection_full"));
  CHECK(metric(full, "writes") == 5);
  CHECK(metric(full, "item_collection_full") == Approx(45).margin(3));
  CHECK(outcome(full, "users", sim::Outcome::Rejected) == metric(full, "item_collection_full"));
  CHECK(metric(full, "largest_item_collection_gb") == Approx(start_gb + 5 * 200.0 / 1024 / 1024));
  REQUIRE(logged(full, "dynamodb_item_collection_full").size() == 1);
  // Without an LSI there is no item collection limit.
  CHECK(metric(run(doc_of(users(5, 0, 1), {{"item_kb", 100}, {"item_collection_gb", start_gb}}, 10)), "writes") ==
        Approx(50).margin(3));
}

TEST_CASE("dynamodb: more than 20 GSIs or 5 LSIs are refused, with the reason", "[dynamodb][gsi]") {
  auto errors = [](json params) {
    doc::LoadResult r = catalog::parse_document(doc_of(users(1, 0), std::move(params), 10).dump());
    return r.errors;
  };
  CHECK(errors({{"gsi_count", 20}, {"lsi_count", 5}}).empty());
  const auto gsi = errors({{"gsi_count", 21}});
  REQUIRE(gsi.size() == 1);
  CHECK(gsi[0].path.find("gsi_count") != std::string::npos);
  CHECK(gsi[0].message.find("between 0 and 20") != std::string::npos);
  CHECK(gsi[0].message_ko.find("0~20개") != std::string::npos);
  const auto lsi = errors({{"lsi_count", 6}});
  REQUIRE(lsi.size() == 1);
  CHECK(lsi[0].message.find("when it is created") != std::string::npos);
  CHECK(lsi[0].message_ko.find("테이블을 만들 때") != std::string::npos);
  const auto no_index = errors({{"index_read_share", 0.5}});
  REQUIRE(no_index.size() == 1);
  CHECK(no_index[0].path.find("index_read_share") != std::string::npos);
}

TEST_CASE("dynamodb: each GSI's provisioned capacity is billed like the table's; on demand, its units",
          "[dynamodb][gsi]") {
  const json two = provisioned(100, 150, {{"gsi_count", 2}, {"gsi_read_capacity", 20}, {"gsi_write_capacity", 150}});
  engine::Built pr = run(doc_of(users(100, 0.5), two, 3600));
  const double expected = 100 * 0.00013 + 150 * 0.00065 + 2 * (20 * 0.00013 + 150 * 0.00065);
  INFO("an hour with two GSIs: $" << pr.sim->metrics(pr.node("t")).cost_usd << " (expected $" << expected << ")");
  CHECK(pr.sim->metrics(pr.node("t")).cost_usd == Approx(expected).epsilon(0.01));
  // On demand each write is paid once for the table and once per GSI.
  engine::Built od = run(doc_of(users(100, 0), {{"gsi_count", 2}}, 600));
  CHECK(od.sim->metrics(od.node("t")).cost_usd == Approx(metric(od, "writes") * 3 * 0.625 / 1e6).epsilon(0.001));
}

TEST_CASE("dynamodb: lint warns about a GSI provisioned far below the table's writes", "[dynamodb][lint][gsi]") {
  auto doc = [](double gsi_wcu) {
    return doc_of(users(500, 0), provisioned(100, 1000, {{"gsi_count", 1}, {"gsi_write_capacity", gsi_wcu}}), 60);
  };
  const auto f = lint_of(doc(100));
  int n = 0;
  for (const auto& x : f)
    if (x.rule == "dynamodb-gsi-write-below-table") {
      ++n;
      CHECK(x.text_en.find("100 WCU") != std::string::npos);
      CHECK(x.text_en.find("500 write units") != std::string::npos);
      CHECK(x.text_ko.find("글로벌 보조 인덱스") != std::string::npos);
    }
  CHECK(n == 1);
  CHECK(findings(doc(500), "dynamodb-gsi-write-below-table") == 0);
  CHECK(findings(doc(1000), "dynamodb-gsi-write-below-table") == 0);
}

// ---- DynamoDB Streams -> Lambda ---------------------------------------------------

namespace {
// users --> t (a stream) ==poll==> fn (a Lambda event source mapping).
json stream_doc(double rate, json fn_params, double duration_s) {
  json fn = {{"id", "fn"}, {"type", "lambda"}, {"region", "us-east-1"}, {"params", std::move(fn_params)}};
  return document(json::array({users(rate, 0.3), table({{"stream_enabled", true}}), std::move(fn)}),
                  json::array({json{{"id", "users-t"}, {"from", "users"}, {"to", "t"}, {"params", {{"retries", 0}}}},
                               json{{"id", "t-fn"}, {"from", "t"}, {"to", "fn"}, {"role", "poll"},
                                    {"params", {{"batch_size", 10}}}}}),
                  duration_s);
}
}  // namespace

TEST_CASE("dynamodb: a stream hands each write to Lambda once, within about a second", "[dynamodb][stream]") {
  const json fn = {{"duration", {{"kind", "constant"}, {"value_ms", 20}}}};
  engine::Built b = run(stream_doc(200, fn, 120));
  const auto st = services::lambda_stats(b.sim->model(b.node("fn")));
  REQUIRE(st);
  const double writes = metric(b, "writes"), records = metric(b, "stream_records");
  INFO("writes " << writes << ", stream records " << records << ", read " << metric(b, "stream_records_read")
                 << ", Lambda messages " << st->messages << " in " << st->batches << " batches, iterator age "
                 << metric(b, "stream_iterator_age_s") << " s");
  CHECK(writes == Approx(120 * 140).epsilon(0.03));
  CHECK(records == writes);                                   // each change once
  CHECK(static_cast<double>(st->messages) == Approx(records).margin(50));  // the last moment's still on their way
  CHECK(metric(b, "stream_records_read") == static_cast<double>(st->messages));  // nothing handed out twice
  CHECK(metric(b, "stream_iterator_age_s") < 2);
  CHECK(metric(b, "stream_records_lost") == 0);
  CHECK(st->errors == 0);
}

TEST_CASE("dynamodb: stream records no consumer reads within 24 hours are lost and counted", "[dynamodb][stream]") {
  // A function with no concurrency never runs: its mapping reads nothing, the stream keeps
  // the records 24 hours, then drops them.
  const json fn = {{"reserved_concurrency", 0}};
  engine::Built b = run(stream_doc(1, fn, 25 * 3600));
  const double records = metric(b, "stream_records"), lost = metric(b, "stream_records_lost");
  INFO("records " << records << ", lost " << lost << ", iterator age " << metric(b, "stream_iterator_age_s") / 3600 << " h");
  CHECK(records == Approx(25 * 3600 * 0.7).epsilon(0.03));
  CHECK(lost == Approx(3600 * 0.7).epsilon(0.08));  // the first hour's
  CHECK(metric(b, "stream_iterator_age_s") == Approx(24 * 3600).margin(60));
  const auto warned = logged(b, "dynamodb_stream_records_lost");
  REQUIRE(warned.size() == 1);
  CHECK(warned[0]->text_ko.find("24시간") != std::string::npos);
}

TEST_CASE("dynamodb: a poll wire needs the table's stream", "[dynamodb][stream]") {
  json j = stream_doc(1, json::object(), 10);
  j["nodes"][1]["params"]["stream_enabled"] = false;
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message.find("stream_enabled") != std::string::npos);
  CHECK(catalog::parse_document(stream_doc(1, json::object(), 10).dump()).errors.empty());
}

TEST_CASE("example dynamodb-gsi-throttles-table: the index's 100 WCU throttles the table during the promotion",
          "[dynamodb][examples][gsi]") {
  engine::Built b = cp::test::example_run("dynamodb-gsi-throttles-table.json");
  auto m = [&](const char* key) { return b.sim->metrics(b.node("orders")).metric_value(key); };
  b.sim->run_until(58 * sim::kSecond);
  CHECK(m("throttled_writes") == 0);
  CHECK(m("gsi_capacity_use") == Approx(75).margin(20));
  b.sim->run_until(120 * sim::kSecond);
  INFO("at 120 s: GSI " << m("gsi_capacity_use") << "%, table " << m("capacity_use") << "%, throttled by the GSI "
                        << m("gsi_throttled_writes") << ", stale index queries " << m("stale_index_reads"));
  CHECK(m("gsi_capacity_use") == Approx(100));
  CHECK(m("capacity_use") < 50);  // the table's own capacity is not the cause
  CHECK(m("gsi_throttled_writes") > 40 * 150);
  CHECK(m("gsi_throttled_writes") == m("throttled_writes"));
  b.sim->run_until(b.duration);
  const double throttled = m("gsi_throttled_writes");
  bool began = false, ended = false;
  for (const auto& e : b.sim->event_log()) {
    const double t = sim::to_seconds(e.time);
    if (std::string(e.reason) == "dynamodb_gsi_backpressure") began = t > 60 && t < 75;
    if (std::string(e.reason) == "dynamodb_throttled_ok") ended = t > 179 && t < 186;
  }
  CHECK(began);
  CHECK(ended);
  // The story's fix: the index gets the table's write capacity.
  doc::Document d = cp::test::example_document("dynamodb-gsi-throttles-table.json");
  int warned = 0;
  for (const auto& f : lint::lint(d)) warned += f.rule == "dynamodb-gsi-write-below-table";
  CHECK(warned == 1);
  d.nodes[1].params["gsi_write_capacity"] = 1000;
  engine::Built fixed = engine::build(d);
  REQUIRE(fixed.ok());
  fixed.sim->run_until(fixed.duration);
  const double after = fixed.sim->metrics(fixed.node("orders")).metric_value("throttled_writes");
  INFO("throttled writes: GSI 100 WCU " << throttled << ", GSI 1,000 WCU " << after);
  CHECK(after == 0);
  for (const auto& f : lint::lint(d)) CHECK(f.rule != "dynamodb-gsi-write-below-table");
}

// ---- auto scaling ------------------------------------------------------------------

TEST_CASE("dynamodb: auto scaling raises a throttled table's capacity step by step after 2 minutes over target",
          "[dynamodb][autoscaling]") {
  // 300 writes a second on 100 WCU, no burst: each step sets consumed / 70%, and a throttled
  // table consumes only its capacity, so it grows about 1.43× every two minutes.
  const json p = provisioned(100, 100, {{"burst_capacity", false}, {"auto_scaling", true}});
  engine::Built b = run(doc_of(users(300, 0), p, 1800));
  std::vector<std::pair<double, double>> steps;  // (time, new WCU)
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == "dynamodb_scaled_up") steps.emplace_back(sim::to_seconds(e.time), e.find_field("to")->value);
  std::string seen;
  for (auto [t, c] : steps) seen += std::to_string(static_cast<int>(t)) + " s -> " + std::to_string(static_cast<int>(c)) + "; ";
  INFO("scale-ups: " << seen << "final WCU " << metric(b, "write_capacity") << ", throttled " << metric(b, "throttled_writes"));
  REQUIRE(steps.size() >= 3);
  CHECK(steps[0].first >= 119);  // two one-minute datapoints over the target first
  CHECK(steps[0].first <= 121);
  CHECK(steps[0].second == 143);  // ceil(100 / 0.7)
  CHECK(steps[1].second == 205);  // ceil(143 / 0.7)
  CHECK(metric(b, "write_capacity") >= std::ceil(300 / 0.7));
  CHECK(metric(b, "write_capacity") <= 470);
  // No reads: 15 minutes under target lower the read capacity to the minimum, 1 RCU.
  REQUIRE(!logged(b, "dynamodb_scaled_down").empty());
  CHECK(sim::to_seconds(logged(b, "dynamodb_scaled_down")[0]->time) == Approx(900).margin(1));
  CHECK(metric(b, "read_capacity") == 1);
  CHECK(logged(b, "dynamodb_scaled_up")[0]->text_ko.find("목표 70%") != std::string::npos);
  // The end: nothing throttled for the last ten minutes.
  const double by_end = metric(b, "throttled_writes");
  engine::Built fixed = run(doc_of(users(300, 0), p, 1200));
  CHECK(by_end - metric(fixed, "throttled_writes") == 0);
  // Without auto scaling two writes in three are throttled throughout.
  json off = p;
  off["auto_scaling"] = false;
  CHECK(metric(run(doc_of(users(300, 0), off, 1800)), "throttled_writes") == Approx(1800 * 200).epsilon(0.03));
}

TEST_CASE("dynamodb: auto scaling lowers capacity only after 15 minutes well under target", "[dynamodb][autoscaling]") {
  // 1,000 WCU for 100 writes a second (10%): the low alarm needs 15 one-minute datapoints.
  const json p = provisioned(5, 1000, {{"auto_scaling", true}});
  engine::Built b = run(doc_of(users(100, 0), p, 14 * 60));
  CHECK(metric(b, "write_capacity") == 1000);
  engine::Built later = run(doc_of(users(100, 0), p, 20 * 60));
  std::vector<const sim::LogEntry*> down;
  for (const auto* e : logged(later, "dynamodb_scaled_down"))
    if (e->text_en.find("write capacity") != std::string::npos) down.push_back(e);  // reads went from 5 to 1 too
  REQUIRE(down.size() == 1);
  INFO("scaled down at " << sim::to_seconds(down[0]->time) << " s to " << down[0]->find_field("to")->value);
  CHECK(sim::to_seconds(down[0]->time) == Approx(900).margin(1));
  CHECK(down[0]->find_field("to")->value == 143);  // ceil(100 / 0.7)
  CHECK(metric(later, "write_capacity") == 143);
  CHECK(metric(later, "throttled_writes") == 0);
}

TEST_CASE("dynamodb: auto scaling lowers capacity at most 4 times a day, then once an hour", "[dynamodb][autoscaling]") {
  // Writes halve every 1,000 s, from 3,200 a second to 100: five users nodes whose spikes end
  // one after another, and one steady node. Each halving puts the table 15 minutes under the
  // low alarm's threshold; the fifth decrease must wait an hour after the fourth.
  json nodes = json::array();
  json wires = json::array();
  const double rates[] = {1600, 800, 400, 200, 100};
  for (int i = 0; i < 5; ++i) {
    const std::string id = "u" + std::to_string(i);
    nodes.push_back(json{{"id", id}, {"type", "users"}, {"region", "us-east-1"},
                         {"params", {{"pattern", "spike"}, {"rate_per_s", 2}, {"spike_at_s", 0}, {"spike_s", 600 + 1000 * i},
                                     {"spike_multiplier", rates[i] / 2}, {"read_fraction", 0}, {"keys", 1000000}, {"zipf_s", 0}}}});
    wires.push_back(json{{"id", id + "-t"}, {"from", id}, {"to", "t"}, {"params", {{"retries", 0}}}});
  }
  nodes.push_back(users(100, 0));
  wires.push_back(json{{"id", "users-t"}, {"from", "users"}, {"to", "t"}, {"params", {{"retries", 0}}}});
  nodes.push_back(table(provisioned(5, 5000, {{"auto_scaling", true}})));
  engine::Built b = run(document(nodes, wires, 9000));
  std::vector<double> at, to;
  for (const auto* e : logged(b, "dynamodb_scaled_down"))
    if (e->text_en.find("write capacity") != std::string::npos) {
      at.push_back(sim::to_seconds(e->time));
      to.push_back(e->find_field("to")->value);
    }
  std::string seen;
  for (size_t i = 0; i < at.size(); ++i) seen += std::to_string(static_cast<int>(at[i])) + " s -> " + std::to_string(static_cast<int>(to[i])) + "; ";
  INFO("write decreases: " << seen);
  REQUIRE(at.size() == 5);
  CHECK(at[3] - at[0] < 3600);   // four in the first hour and a bit: allowed
  CHECK(at[4] - at[3] >= 3600);  // the fifth waited an hour after the fourth
  CHECK(at[4] - at[3] <= 3660);
}

TEST_CASE("dynamodb: a slow stream consumer falls behind and the iterator age grows", "[dynamodb][stream]") {
  // 8 shards (the on-demand table's 8 partitions), batches of 10 that take 2 s each, at most 5
  // batches at once (the mapping's concurrency, one per shard): 25 records a second read while
  // 140 writes a second come in.
  const json fn = {{"memory_mb", 2048}, {"duration", {{"kind", "constant"}, {"value_ms", 2000}}}, {"timeout_s", 30}};
  engine::Built b = run(stream_doc(200, fn, 300));
  const auto st = services::lambda_stats(b.sim->model(b.node("fn")));
  REQUIRE(st);
  const double age = metric(b, "stream_iterator_age_s");
  INFO("after 300 s: iterator age " << age << " s, Lambda read " << st->messages << " of " << metric(b, "stream_records")
                                    << " records");
  CHECK(metric(b, "partitions") == 8);
  CHECK(static_cast<double>(st->messages) == Approx(300 * 25).epsilon(0.03));
  CHECK(age > 150);  // the oldest unread record's age grows by most of every second
  CHECK(age < 300);
  CHECK(metric(b, "stream_records_lost") == 0);  // far from 24 hours
}
