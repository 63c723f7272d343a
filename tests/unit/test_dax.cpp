// Amazon DynamoDB Accelerator (core/services/dax.cpp): users -> DAX -> a DynamoDB table.
// Each case runs a document and checks what a learner would see: a hot key's reads
// throttled on its partition without DAX and served from the item cache with it,
// misses coming back after the TTL, write-through keeping written items in the cache
// (only those the table accepted), strongly consistent reads passing through uncached,
// LRU eviction in a small node's memory, an AZ's loss taking its nodes' share of the
// capacity (and a single node's taking DAX), the bill, the lint advice and the example.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/lint/lint.h"
#include "core/services/dax.h"
#include "core/sim/simulation.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"
#include "ui/live_state.h"

using namespace cp;
using nlohmann::json;

namespace {

// users -> dax -> t (or users -> t when with_dax is false), no retries on the users'
// wire so that every throttle is counted once.
json document(json dax_params, json users_params, double duration_s, json faults = json::array(),
              json table_params = json::object(), bool with_dax = true) {
  json users = {{"pattern", "constant"}, {"rate_per_s", 1000}, {"read_fraction", 1.0}, {"keys", 100}, {"zipf_s", 0}};
  for (auto& [k, v] : users_params.items()) users[k] = v;
  json nodes = json::array({json{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}, {"params", users}},
                            json{{"id", "t"}, {"type", "dynamodb"}, {"region", "us-east-1"}, {"params", table_params}}});
  json wires = json::array();
  if (with_dax) {
    nodes.push_back(json{{"id", "dax"}, {"type", "dax"}, {"region", "us-east-1"}, {"params", dax_params}});
    wires.push_back(json{{"id", "users-dax"}, {"from", "users"}, {"to", "dax"}, {"params", {{"retries", 0}}}});
    wires.push_back(json{{"id", "dax-t"}, {"from", "dax"}, {"to", "t"}, {"params", {{"retries", 0}}}});
  } else {
    wires.push_back(json{{"id", "users-t"}, {"from", "users"}, {"to", "t"}, {"params", {{"retries", 0}}}});
  }
  return json{{"version", 1},
              {"name", "DAX test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(wires)},
              {"faults", std::move(faults)}};
}

services::DaxStats stats(const engine::Built& b) {
  auto st = services::dax_stats(b.sim->model(b.node("dax")));
  REQUIRE(st);
  return *st;
}
double table_metric(const engine::Built& b, const char* key, const char* table = "t") {
  return b.sim->metrics(b.node(table)).metric_value(key);
}
uint64_t arrivals(const engine::Built& b, const char* node) { return b.sim->metrics(b.node(node)).arrivals; }
uint64_t outcome(const engine::Built& b, const char* node, sim::Outcome o) {
  return b.sim->metrics(b.node(node)).outcomes[static_cast<int>(o)];
}
size_t events(const engine::Built& b, const char* reason) {
  size_t n = 0;
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == reason) ++n;
  return n;
}
std::vector<catalog::Finding> lint_of(const json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  return lint::lint(r.document);
}
const catalog::Finding* finding(const std::vector<catalog::Finding>& all, const std::string& rule) {
  for (const auto& f : all)
    if (f.rule == rule) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("dax: a hot key's reads throttle on their partition without DAX; with DAX the cache serves them",
          "[dax]") {
  // 8,000 eventually consistent reads a second of one item: 4,000 read units on one
  // partition, whose limit is 3,000 (AWS-FACTS: DynamoDB / Partition limit). The on-demand
  // table itself takes 12,000.
  const json hot = {{"rate_per_s", 8000}, {"keys", 1}};
  engine::Built direct = cp::test::run_document(document(json::object(), hot, 60, json::array(), json::object(), false));
  engine::Built cached = cp::test::run_document(document(json::object(), hot, 60));
  const double throttled_direct = table_metric(direct, "throttled_reads");
  const double throttled_cached = table_metric(cached, "throttled_reads");
  const auto st = stats(cached);
  INFO("throttled reads without DAX " << throttled_direct << ", with DAX " << throttled_cached << "; DAX hits "
                                      << st.hits << ", misses " << st.misses << ", table reads " << table_metric(cached, "reads"));
  // Without DAX about a quarter of the reads (1,000 units of 4,000 a second) are throttled.
  CHECK(throttled_direct > 0.2 * 8000 * 60);
  CHECK(throttled_direct < 0.3 * 8000 * 60);
  // The users hear of them all, but those whose answer is still on its way at the end.
  CHECK(static_cast<double>(outcome(direct, "users", sim::Outcome::Throttled)) == Approx(throttled_direct).epsilon(0.01));
  // With DAX the item is read once from the table, then every read hits (TTL 300 s > the run).
  CHECK(throttled_cached == 0);
  CHECK(st.misses <= 40);  // the reads that arrived while the first fill was at the table (~3 ms)
  CHECK(st.hits > 0.99 * 8000 * 60);
  CHECK(table_metric(cached, "reads") == st.misses);
  CHECK(cached.sim->metrics(cached.node("users")).errors() == 0);
  // ... and the hits answer in microseconds, the table's reads in milliseconds.
  const double dax_p50_ms = cached.sim->metrics(cached.node("dax")).latency.percentile(50) / 1000.0;
  const double table_p50_ms = direct.sim->metrics(direct.node("t")).latency.percentile(50) / 1000.0;
  INFO("p50 DAX " << dax_p50_ms << " ms, table " << table_p50_ms << " ms");
  CHECK(dax_p50_ms >= 0.2);
  CHECK(dax_p50_ms <= 0.4);
  CHECK(table_p50_ms > 2);
}

TEST_CASE("dax: items expire after the TTL and their next reads miss again", "[dax]") {
  // 100 equally popular keys, 1,000 reads a second: all cached within the first second.
  engine::Built b = cp::test::build_document(document({{"item_ttl_s", 20}}, json::object(), 60));
  b.sim->run_until(sim::from_seconds(5));
  const auto t5 = stats(b);
  b.sim->run_until(sim::from_seconds(19));
  const auto t19 = stats(b);
  b.sim->run_until(sim::from_seconds(25));
  const auto t25 = stats(b);
  INFO("misses by 5 s " << t5.misses << ", 5-19 s " << t19.misses - t5.misses << ", 19-25 s " << t25.misses - t19.misses);
  CHECK(t5.misses >= 100);
  CHECK(t5.items == 100);
  CHECK(t19.misses == t5.misses);  // everything cached, nothing expired yet
  // At 20 s each key's first fill expires: each misses once more (a few twice, in flight together).
  CHECK(t25.misses - t19.misses >= 100);
  CHECK(t25.misses - t19.misses <= 110);
  CHECK(t25.evictions == 0);  // expiry, not memory
  // A TTL of 0: items never expire.
  engine::Built never = cp::test::build_document(document({{"item_ttl_s", 0}}, json::object(), 60));
  never.sim->run_until(sim::from_seconds(5));
  const auto n5 = stats(never);
  never.sim->run_until(never.duration);
  CHECK(stats(never).misses == n5.misses);
}

TEST_CASE("dax: write-through puts written items in the cache, once the table accepted them", "[dax]") {
  SECTION("half reads, half writes: a key written first is a hit when read") {
    engine::Built b = cp::test::run_document(
        document({{"item_ttl_s", 0}}, {{"rate_per_s", 200}, {"read_fraction", 0.5}, {"keys", 1000}}, 60));
    const auto st = stats(b);
    INFO("misses " << st.misses << ", write-throughs " << st.writes << ", items " << st.items);
    // About half the keys are first touched by a write: they never miss.
    CHECK(st.misses > 300);
    CHECK(st.misses < 650);
    CHECK(st.items > 990);
    CHECK(st.writes == table_metric(b, "writes"));
    CHECK(st.writes == b.sim->metrics(b.node("dax")).metric_value("write_throughs"));
  }
  SECTION("a write the table throttles leaves the cache as it was") {
    // 100 writes a second on 10 provisioned WCU (no burst): most are throttled.
    const json table = {{"capacity_mode", "PROVISIONED"}, {"write_capacity", 10}, {"burst_capacity", false}};
    engine::Built b = cp::test::run_document(
        document({{"item_ttl_s", 0}}, {{"rate_per_s", 100}, {"read_fraction", 0}, {"keys", 100000}}, 60,
                 json::array(), table));
    const auto st = stats(b);
    INFO("written " << st.writes << ", items " << st.items << ", throttled by the table " << table_metric(b, "throttled_writes"));
    CHECK(table_metric(b, "throttled_writes") > 4000);
    CHECK(st.writes == table_metric(b, "writes"));
    CHECK(st.items <= st.writes);
    CHECK(st.items > 0.95 * st.writes);  // 100,000 keys: almost no key is written twice
    CHECK(static_cast<double>(outcome(b, "users", sim::Outcome::Throttled)) ==
          Approx(table_metric(b, "throttled_writes")).margin(2));  // but the answers still on their way
  }
}

TEST_CASE("dax: strongly consistent reads pass through to the table, uncached", "[dax]") {
  engine::Built all = cp::test::run_document(document({{"strong_read_share", 1.0}}, json::object(), 30));
  const auto a = stats(all);
  CHECK(a.hits == 0);
  CHECK(a.misses == 0);
  CHECK(a.items == 0);
  CHECK(a.pass_through == arrivals(all, "dax"));
  CHECK(table_metric(all, "reads") == Approx(a.pass_through).margin(2));  // but those still at the table
  CHECK(all.sim->metrics(all.node("dax")).latency.percentile(50) / 1000.0 > 2);  // the table's milliseconds
  engine::Built part = cp::test::run_document(document({{"strong_read_share", 0.3}}, json::object(), 30));
  const auto p = stats(part);
  const double share = static_cast<double>(p.pass_through) / static_cast<double>(arrivals(part, "dax"));
  INFO("pass-through share " << share << ", hits " << p.hits << ", misses " << p.misses);
  CHECK(share == Approx(0.3).margin(0.02));
  CHECK(p.misses <= 110);  // the eventually consistent ones are cached as before
  CHECK(table_metric(part, "reads") == Approx(p.pass_through + p.misses).margin(2));
  CHECK(part.sim->metrics(part.node("dax")).metric_value("pass_through_reads") == p.pass_through);
}

TEST_CASE("dax: a small node's memory fills and evicts the least recently used items", "[dax]") {
  // 400 KB items over 100,000 equally popular keys: a dax.t3.small (2 GiB) holds 5,242 of
  // them, a dax.r5.4xlarge (128 GiB) all of them.
  const json users = {{"rate_per_s", 2000}, {"keys", 100000}};
  engine::Built small = cp::test::build_document(document({{"node_type", "dax.t3.small"}, {"item_kb", 400}}, users, 120));
  small.sim->run_until(sim::from_seconds(30));
  const auto warm = stats(small);
  small.sim->run_until(small.duration);
  const auto s = stats(small);
  engine::Built big = cp::test::run_document(document({{"node_type", "dax.r5.4xlarge"}, {"item_kb", 400}}, users, 120));
  const auto l = stats(big);
  const double r = static_cast<double>(s.hits - warm.hits) / static_cast<double>(s.hits - warm.hits + s.misses - warm.misses);
  INFO("small: capacity " << s.capacity << ", items " << s.items << ", evictions " << s.evictions << ", hit ratio 30-120 s "
                          << r << "; big: capacity " << l.capacity << ", evictions " << l.evictions);
  CHECK(s.capacity == 5242);
  CHECK(s.items == s.capacity);
  CHECK(s.evictions > 100000);
  CHECK(r == Approx(5242.0 / 100000).margin(0.01));  // uniform keys: about capacity / keys
  CHECK(static_cast<double>(s.evictions - warm.evictions) == Approx(s.misses - warm.misses).margin(20));
  CHECK(l.evictions == 0);
  CHECK(l.items < l.capacity);
  CHECK(small.sim->metrics(small.node("dax")).metric_value("evictions") == s.evictions);
  // The same memory with popular keys (Zipf, s = 1): the few hot items stay, the hit ratio is far higher.
  engine::Built zipf = cp::test::run_document(
      document({{"node_type", "dax.t3.small"}, {"item_kb", 400}}, {{"rate_per_s", 2000}, {"keys", 100000}, {"zipf_s", 1.0}}, 120));
  const auto z = stats(zipf);
  const double zr = static_cast<double>(z.hits) / static_cast<double>(z.hits + z.misses);
  INFO("Zipf hit ratio " << zr);
  CHECK(z.items == z.capacity);
  CHECK(zr > 0.5);
}

TEST_CASE("dax: losing an AZ loses its nodes' share of the capacity; a single node's loss makes DAX unavailable",
          "[dax]") {
  const json az1_down = json::array({json{{"at_s", 20}, {"action", "az_down"}, {"target", "use1-az1"}, {"until_s", 40}}});
  SECTION("three nodes in three AZs: two serve on with the cache intact") {
    engine::Built b = cp::test::build_document(document(json::object(), json::object(), 60, az1_down));
    b.sim->run_until(sim::from_seconds(19));
    const auto before = stats(b);
    b.sim->run_until(sim::from_seconds(39));
    const auto during = stats(b);
    b.sim->run_until(b.duration);
    CHECK(before.nodes_up == 3);
    CHECK(during.nodes_up == 2);
    CHECK(during.misses == before.misses);  // every node holds the whole cache
    CHECK(b.sim->metrics(b.node("users")).errors() == 0);
    CHECK(events(b, "dax_nodes_lost") == 1);
    CHECK(events(b, "dax_nodes_back") == 1);
    CHECK(stats(b).nodes_up == 3);
  }
  SECTION("three dax.t3.small nodes near capacity: two of them throttle") {
    // 50,000 hits a second; a dax.t3.small serves about 20,000 (⚠ our estimate): three take it, two do not.
    engine::Built b = cp::test::build_document(
        document({{"node_type", "dax.t3.small"}}, {{"rate_per_s", 50000}}, 30, json::array({json{{"at_s", 15}, {"action", "az_down"}, {"target", "use1-az1"}}})));
    b.sim->run_until(sim::from_seconds(15));
    const auto before = stats(b);
    b.sim->run_until(b.duration);
    const auto after = stats(b);
    INFO("throttled before " << before.throttled << ", after " << after.throttled << "; hits 15-30 s " << after.hits - before.hits);
    CHECK(before.throttled == 0);
    // Two nodes take 40,000 of the 50,000 a second; the other 10,000 are throttled.
    CHECK(static_cast<double>(after.hits - before.hits) == Approx(40000.0 * 15).epsilon(0.001));
    CHECK(static_cast<double>(after.throttled) == Approx(10000.0 * 15).epsilon(0.01));
    CHECK(static_cast<double>(outcome(b, "users", sim::Outcome::Throttled)) == Approx(after.throttled).epsilon(0.01));
    CHECK(events(b, "dax_throttled") == 1);
  }
  SECTION("writes go through the primary alone: more nodes do not take more of them") {
    // 1,000 writes a second cost 25,000 hits; a dax.t3.small takes about 20,000 (⚠ our estimate).
    for (int nodes : {3, 11}) {
      engine::Built b = cp::test::run_document(
          document({{"node_type", "dax.t3.small"}, {"nodes", nodes}}, {{"read_fraction", 0}, {"keys", 100000}}, 20));
      const auto st = stats(b);
      INFO(nodes << " nodes: throttled " << st.throttled << ", written " << st.writes);
      CHECK(static_cast<double>(st.throttled) == Approx(200.0 * 20).epsilon(0.05));
      bool said = false;
      for (const auto& e : b.sim->event_log())
        if (std::string(e.reason) == "dax_throttled")
          said = e.text_en.find("primary node") != std::string::npos && e.text_ko.find("기본 노드") != std::string::npos;
      CHECK(said);
    }
  }
  SECTION("one node: its AZ's failure makes DAX unavailable, and it comes back empty") {
    engine::Built b = cp::test::build_document(document({{"nodes", 1}}, json::object(), 60, az1_down));
    b.sim->run_until(sim::from_seconds(19));
    CHECK(stats(b).items == 100);
    b.sim->run_until(sim::from_seconds(39));
    CHECK(stats(b).nodes_up == 0);
    CHECK(stats(b).items == 0);
    CHECK(outcome(b, "users", sim::Outcome::Unreachable) > 0.95 * 1000 * 19);
    CHECK(events(b, "dax_unavailable") == 1);
    for (const auto& e : b.sim->event_log())
      if (std::string(e.reason) == "dax_unavailable") CHECK(e.text_ko.find("사용할 수 없게") != std::string::npos);
    const uint64_t misses = stats(b).misses;
    b.sim->run_until(b.duration);
    CHECK(stats(b).nodes_up == 1);
    CHECK(stats(b).misses >= misses + 100);  // refilled from the table
    CHECK(events(b, "dax_nodes_back") == 1);
  }
  SECTION("three nodes all in one AZ are lost together") {
    engine::Built b = cp::test::run_document(document({{"spread_azs", false}}, json::object(), 30, az1_down));
    CHECK(stats(b).nodes_up == 0);
    CHECK(outcome(b, "users", sim::Outcome::Unreachable) > 9000);
  }
}

TEST_CASE("dax: stopping the cluster loses its cache; it comes back empty and refills from the table", "[dax]") {
  const json faults = json::array({json{{"at_s", 10}, {"action", "kill_node"}, {"target", "dax"}, {"until_s", 20}}});
  engine::Built b = cp::test::build_document(document({{"item_ttl_s", 0}}, json::object(), 40, faults));
  b.sim->run_until(sim::from_seconds(9));
  const auto before = stats(b);
  b.sim->run_until(sim::from_seconds(15));
  CHECK(before.items == 100);
  CHECK(stats(b).items == 0);
  CHECK(events(b, "dax_unavailable") == 1);
  b.sim->run_until(b.duration);
  const auto end = stats(b);
  CHECK(end.items == 100);
  CHECK(end.misses >= before.misses + 100);  // every key read from the table again
  CHECK(b.sim->metrics(b.node("users")).errors() > 0);
  // The Region down stops the cluster and its AZs at once: said once.
  engine::Built r = cp::test::run_document(document(json::object(), json::object(), 30,
      json::array({json{{"at_s", 10}, {"action", "region_down"}, {"target", "us-east-1"}, {"until_s", 20}}})));
  CHECK(events(r, "dax_unavailable") == 1);
  CHECK(stats(r).items == 100);  // refilled after 20 s
}

TEST_CASE("dax: the cluster is billed per node-hour", "[dax]") {
  engine::Built b = cp::test::run_document(document(json::object(), {{"rate_per_s", 1}}, 3600));
  // 3 × dax.r5.large at ≈ $0.269 an hour (⚠ secondary source).
  CHECK(b.sim->metrics(b.node("dax")).cost_usd == Approx(3 * 0.269).epsilon(0.01));
}

TEST_CASE("dax: calls only a DynamoDB table, one of them", "[dax]") {
  json j = document(json::object(), json::object(), 10);
  j["nodes"].push_back(json{{"id", "db"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"}});
  j["connections"].push_back(json{{"id", "dax-db"}, {"from", "dax"}, {"to", "db"}});
  CHECK_FALSE(catalog::parse_document(j.dump()).ok());
  json two = document(json::object(), json::object(), 10);
  two["nodes"].push_back(json{{"id", "t2"}, {"type", "dynamodb"}, {"region", "us-east-1"}});
  two["connections"].push_back(json{{"id", "dax-t2"}, {"from", "dax"}, {"to", "t2"}});
  doc::LoadResult r = catalog::parse_document(two.dump());
  REQUIRE_FALSE(r.ok());
  bool said = false;
  for (const auto& e : r.errors)
    said = said || (e.message.find("one DAX cluster per table") != std::string::npos &&
                    e.message_ko.find("테이블마다") != std::string::npos);
  CHECK(said);
}

TEST_CASE("dax: lint says when a cluster has fewer than three nodes or keeps them in one AZ", "[dax][lint]") {
  const auto one_all = lint_of(document({{"nodes", 1}}, json::object(), 10));
  const auto* one = finding(one_all, "dax-fewer-than-three-nodes");
  REQUIRE(one);
  CHECK(one->fact == "DAX / Cluster");
  CHECK(one->text_en.find("unavailable") != std::string::npos);
  CHECK(one->text_ko.find("가용 영역") != std::string::npos);
  CHECK_FALSE(finding(one_all, "dax-single-az"));
  CHECK(finding(lint_of(document({{"nodes", 2}}, json::object(), 10)), "dax-fewer-than-three-nodes"));
  const auto clumped = lint_of(document({{"spread_azs", false}}, json::object(), 10));
  CHECK(finding(clumped, "dax-single-az"));
  CHECK_FALSE(finding(clumped, "dax-fewer-than-three-nodes"));
  json one_az = document(json::object(), json::object(), 10);
  one_az["regions"][0]["azs"] = json::array({"use1-az1"});
  CHECK(finding(lint_of(one_az), "dax-single-az"));
  const auto good = lint_of(document(json::object(), json::object(), 10));
  CHECK_FALSE(finding(good, "dax-fewer-than-three-nodes"));
  CHECK_FALSE(finding(good, "dax-single-az"));
  for (const auto& all : {one_all, clumped, lint_of(document({{"nodes", 2}}, json::object(), 10))})
    for (const auto& f : all)
      for (const auto& p : cp::test::korean_problems(f.text_ko, true)) FAIL_CHECK(f.rule << ": " << p);
}

TEST_CASE("live state: DAX shows its hit ratio, its items, its misses and its nodes", "[dax][live_state][ui]") {
  engine::Built b = cp::test::build_document(document({{"strong_read_share", 0.1}}, json::object(), 30));
  b.sim->run_until(20 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("dax"), false);
  std::vector<std::string> keys;
  for (const auto& r : rows) keys.push_back(r.key);
  CHECK(keys == std::vector<std::string>{"hit_ratio", "misses", "pass_through_reads", "evictions", "items", "nodes_up"});
  auto row = [](const std::vector<ui::LiveRow>& v, const std::string& key) -> const ui::LiveRow* {
    for (const auto& r : v)
      if (r.key == key) return &r;
    return nullptr;
  };
  REQUIRE(row(rows, "hit_ratio"));
  CHECK(row(rows, "hit_ratio")->v == 100);
  CHECK(row(rows, "items")->v == 100);
  CHECK(row(rows, "nodes_up")->v == 3);
  CHECK(row(rows, "pass_through_reads")->value.find("/s") != std::string::npos);
  const auto ko = ui::live_rows(*b.sim, b.node("dax"), true);
  CHECK(row(ko, "hit_ratio")->label == "캐시 적중률");
  CHECK(b.sim->model(b.node("dax")).status().ko.find("노드 3개 중 3개") != std::string::npos);
}

TEST_CASE("example dynamodb-dax-hot-key: DAX serves the viral item from memory; without it its partition throttles",
          "[dax][examples]") {
  engine::Built b = cp::test::example_run("dynamodb-dax-hot-key.json");
  auto at = [&](double s) {
    b.sim->run_until(sim::from_seconds(s));
    return stats(b);
  };
  auto ratio = [](const services::DaxStats& a, const services::DaxStats& z) {
    return static_cast<double>(z.hits - a.hits) / static_cast<double>(z.hits - a.hits + z.misses - a.misses);
  };
  const auto t0 = stats(b), t30 = at(30), t60 = at(60);
  const double table_reads_60 = table_metric(b, "reads", "products");
  const auto t120 = at(120);
  const double busiest_120 = b.sim->metrics(b.node("products")).metric_value("busiest_partition_use");
  const auto t180 = at(180);
  const double table_reads_180 = table_metric(b, "reads", "products");
  const auto t250 = at(250);
  const auto end = at(300);
  INFO("hit ratio 0-30 s " << ratio(t0, t30) << ", 60-180 s " << ratio(t60, t180) << ", 180-300 s " << ratio(t180, end)
                           << "; table reads 0-60 s " << table_reads_60 << ", 60-180 s " << table_reads_180 - table_reads_60
                           << "; busiest partition at 120 s " << busiest_120 << "%");
  CHECK(ratio(t0, t30) > 0.65);
  CHECK(ratio(t60, t180) > 0.97);  // the viral item: one miss, then hits
  CHECK(ratio(t180, end) > 0.9);
  // The table gets fewer reads a second during the spike than before it, none throttled.
  CHECK((table_reads_180 - table_reads_60) / 120 < table_reads_60 / 60);
  CHECK(busiest_120 < 20);
  CHECK(table_metric(b, "throttled_reads", "products") == 0);
  // use1-az1 at 240 s: two nodes of three serve on with the whole cache.
  CHECK(t120.nodes_up == 3);
  CHECK(t250.nodes_up == 2);
  CHECK(end.items >= t250.items);
  CHECK(events(b, "dax_nodes_lost") == 1);
  for (const char* who : {"shoppers", "fans"}) CHECK(b.sim->metrics(b.node(who)).errors() == 0);

  // The same traffic and seed straight to the table: the viral item's partition throttles.
  json j = json::parse(cp::test::read_source_file("examples/dynamodb-dax-hot-key.json"));
  json nodes = json::array();
  for (const auto& n : j["nodes"])
    if (n["id"] != "dax") nodes.push_back(n);
  j["nodes"] = nodes;
  j["connections"] = json::array(
      {json{{"id", "shoppers-products"}, {"from", "shoppers"}, {"to", "products"}, {"params", {{"timeout_ms", 1000}, {"retries", 2}}}},
       json{{"id", "fans-products"}, {"from", "fans"}, {"to", "products"}, {"params", {{"timeout_ms", 1000}, {"retries", 2}}}}});
  engine::Built direct = cp::test::run_document(j);
  const double throttled = direct.sim->metrics(direct.node("products")).metric_value("throttled_reads");
  const double fans_failed = static_cast<double>(direct.sim->metrics(direct.node("fans")).errors());
  INFO("without DAX: throttled reads " << throttled << ", fans' failed reads " << fans_failed);
  CHECK(throttled > 1500000);         // about 16,000 a second for 120 s, retries included
  CHECK(fans_failed > 0.35 * 10000 * 120);  // about 4 in 10 of the fans' reads
  CHECK(fans_failed < 0.5 * 10000 * 120);
  CHECK(direct.sim->metrics(direct.node("products")).metric_value("busiest_partition_use") < 20);  // after the spike

  // DAX does not cache strongly consistent reads: all of them passing through, the partition throttles again.
  json strong = json::parse(cp::test::read_source_file("examples/dynamodb-dax-hot-key.json"));
  for (auto& n : strong["nodes"])
    if (n["id"] == "dax") n["params"]["strong_read_share"] = 1.0;
  engine::Built s = cp::test::run_document(strong);
  INFO("strongly consistent through DAX: throttled reads " << table_metric(s, "throttled_reads", "products"));
  CHECK(table_metric(s, "throttled_reads", "products") > 1000000);
  CHECK(stats(s).hits == 0);
}

TEST_CASE("dax: the table's hot-key advice is not given for reads that all go through DAX's item cache",
          "[dax][lint]") {
  auto warned = [](const json& j) { return finding(lint_of(j), "dynamodb-low-cardinality-key") != nullptr; };
  const json one_key = {{"keys", 1}};
  CHECK(warned(document(json::object(), one_key, 10, json::array(), json::object(), false)));  // straight to the table
  CHECK_FALSE(warned(document(json::object(), one_key, 10)));                                 // eventually consistent reads, cached
  CHECK(warned(document({{"strong_read_share", 0.5}}, one_key, 10)));                          // half pass through
  CHECK(warned(document(json::object(), {{"keys", 1}, {"read_fraction", 0.5}}, 10)));           // writes reach the partition
  // A second path around DAX still reaches the partition.
  json around = document(json::object(), one_key, 10);
  around["connections"].push_back(json{{"id", "users-t"}, {"from", "users"}, {"to", "t"}, {"params", {{"requests", "reads"}}}});
  CHECK(warned(around));
}
