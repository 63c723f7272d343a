// Amazon ElastiCache (core/services/elasticache.cpp): users (Zipf keys) -> cache ->
// a generic server standing for the database. Each case runs a document and checks
// what a learner would see: the hit ratio rising with memory and the database's load
// falling, uniform keys hitting about capacity/keys, a short TTL costing hits, lazy
// loading's stale reads against write-through, Memcached losing a node's keys with
// its AZ while Redis with a Multi-AZ replica fails over and keeps them, evictions,
// the refused settings and the lint advice.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/lint/lint.h"
#include "core/services/elasticache.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"
#include "ui/live_state.h"

using namespace cp;
using nlohmann::json;

namespace {

json document(json cache_params, json users_params, double duration_s, json faults = json::array()) {
  json users = {{"pattern", "constant"}, {"rate_per_s", 500}, {"read_fraction", 1.0}, {"keys", 100000}, {"zipf_s", 1.0}};
  for (auto& [k, v] : users_params.items()) users[k] = v;
  return json{
      {"version", 1},
      {"name", "ElastiCache test"},
      {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
      {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
      {"nodes", json::array({json{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}, {"params", users}},
                             json{{"id", "cache"}, {"type", "elasticache"}, {"region", "us-east-1"}, {"params", cache_params}},
                             json{{"id", "db"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az2"},
                                  {"params", {{"workers", 1000}}}}})},
      {"connections", json::array({json{{"id", "users-cache"}, {"from", "users"}, {"to", "cache"}, {"params", {{"timeout_ms", 5000}}}},
                                   json{{"id", "cache-db"}, {"from", "cache"}, {"to", "db"}, {"params", json::object()}}})},
      {"faults", std::move(faults)}};
}

services::ElastiCacheStats stats(const engine::Built& b) {
  auto st = services::elasticache_stats(b.sim->model(b.node("cache")));
  REQUIRE(st);
  return *st;
}
double ratio(uint64_t hits, uint64_t misses) {
  return hits + misses ? static_cast<double>(hits) / static_cast<double>(hits + misses) : 0;
}
// The hit ratio between two readings of the same run.
double window_ratio(const services::ElastiCacheStats& a, const services::ElastiCacheStats& b) {
  return ratio(b.hits - a.hits, b.misses - a.misses);
}
uint64_t arrivals(const engine::Built& b, const char* node) { return b.sim->metrics(b.node(node)).arrivals; }
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

TEST_CASE("elasticache: the hit ratio rises with memory and the database's load falls", "[elasticache]") {
  // 100 KB items over 100,000 Zipf keys: a cache.t4g.micro (0.5 GiB) holds 5,242 of them,
  // a cache.r7g.large (13.07 GiB) all of them.
  const json users = {{"rate_per_s", 1000}};
  engine::Built small = cp::test::run_document(document({{"node_type", "cache.t4g.micro"}, {"item_kb", 100}, {"ttl_s", 0}}, users, 600));
  engine::Built big = cp::test::run_document(document({{"node_type", "cache.r7g.large"}, {"item_kb", 100}, {"ttl_s", 0}}, users, 600));
  const auto s = stats(small), l = stats(big);
  const double small_ratio = ratio(s.hits, s.misses), big_ratio = ratio(l.hits, l.misses);
  INFO("hit ratio small " << small_ratio << " (capacity " << s.capacity << "), big " << big_ratio << " (capacity "
                          << l.capacity << "); database arrivals small " << arrivals(small, "db") << ", big "
                          << arrivals(big, "db") << " of " << arrivals(small, "users"));
  CHECK(s.capacity == 5242);
  CHECK(big_ratio > small_ratio + 0.1);
  // Every miss, and only the misses, reached the database.
  CHECK(arrivals(small, "db") == s.misses);
  CHECK(arrivals(big, "db") == l.misses);
  CHECK(s.database_calls == s.misses);
  CHECK(arrivals(big, "db") < arrivals(small, "db") * 0.7);
  CHECK(small.sim->metrics(small.node("users")).errors() == 0);
  // The live gauge says the same (its last second).
  CHECK(big.sim->metrics(big.node("cache")).metric_value("hit_ratio") > 80);
  CHECK(big.sim->metrics(big.node("cache")).metric_value("items") == l.items);
}

TEST_CASE("elasticache: with equally popular keys the hit ratio is about capacity / keys", "[elasticache]") {
  // 0.5 GiB / 52.4288 KB = 10,000 keys of 100,000 (uniform: zipf_s 0).
  engine::Built b = cp::test::build_document(
      document({{"node_type", "cache.t4g.micro"}, {"item_kb", 52.4288}, {"ttl_s", 0}}, {{"zipf_s", 0}}, 200));
  b.sim->run_until(sim::from_seconds(60));  // 30,000 reads: full
  const auto warm = stats(b);
  b.sim->run_until(sim::from_seconds(200));
  const auto end = stats(b);
  const double r = window_ratio(warm, end);
  INFO("capacity " << end.capacity << ", hit ratio 60-200 s " << r << ", evictions " << end.evictions);
  CHECK(end.capacity == 10000);
  CHECK(end.items == 10000);
  CHECK(r == Approx(0.10).margin(0.015));
  // Full: every miss evicts the least recently used key.
  // (up to the few misses still at the database at either reading)
  CHECK(static_cast<double>(end.evictions - warm.evictions) == Approx(end.misses - warm.misses).margin(20));
}

TEST_CASE("elasticache: evictions are counted only when the memory is full", "[elasticache]") {
  engine::Built full = cp::test::run_document(document({{"node_type", "cache.t4g.micro"}, {"item_kb", 100}}, {}, 120));
  engine::Built roomy = cp::test::run_document(document({{"node_type", "cache.r7g.large"}, {"item_kb", 100}}, {}, 120));
  const auto f = stats(full), r = stats(roomy);
  INFO("evictions full " << f.evictions << " (items " << f.items << "), roomy " << r.evictions << " (items " << r.items << ")");
  CHECK(f.items == f.capacity);
  CHECK(f.evictions > 1000);
  CHECK(f.evictions == Approx(full.sim->metrics(full.node("cache")).metric_value("evictions")));
  CHECK(r.evictions == 0);
  CHECK(r.items < r.capacity);
}

TEST_CASE("elasticache: a short TTL expires keys and lowers the hit ratio", "[elasticache]") {
  engine::Built short_ttl = cp::test::run_document(document({{"ttl_s", 5}}, {}, 300));
  engine::Built no_ttl = cp::test::run_document(document({{"ttl_s", 0}}, {}, 300));
  const auto s = stats(short_ttl), n = stats(no_ttl);
  INFO("hit ratio TTL 5 s " << ratio(s.hits, s.misses) << ", no TTL " << ratio(n.hits, n.misses));
  CHECK(ratio(n.hits, n.misses) > ratio(s.hits, s.misses) + 0.1);
  CHECK(arrivals(short_ttl, "db") > arrivals(no_ttl, "db"));
  CHECK(s.evictions == 0);  // expiry, not memory, removed them
}

TEST_CASE("elasticache: lazy loading serves stale data after writes; deleting or write-through does not", "[elasticache]") {
  // Half the requests are writes to 10,000 Zipf keys, a TTL of 60 s.
  const json users = {{"read_fraction", 0.5}, {"keys", 10000}};
  engine::Built lazy = cp::test::run_document(document({{"ttl_s", 60}}, users, 300));
  engine::Built del = cp::test::run_document(document({{"ttl_s", 60}, {"invalidate_on_write", true}}, users, 300));
  engine::Built wt = cp::test::run_document(document({{"ttl_s", 60}, {"strategy", "write_through"}}, users, 300));
  const auto l = stats(lazy), d = stats(del), w = stats(wt);
  INFO("lazy: misses " << l.misses << ", stale " << l.stale_reads << "; delete on write: misses " << d.misses
                       << ", stale " << d.stale_reads << "; write-through: misses " << w.misses << ", stale " << w.stale_reads);
  CHECK(l.stale_reads > 1000);
  CHECK(d.stale_reads == 0);
  CHECK(w.stale_reads == 0);
  // Deleting on write turns the stale hits into misses; write-through keeps written keys hot.
  CHECK(d.misses > l.misses);
  CHECK(w.misses < l.misses);
  CHECK(w.misses * 2 < d.misses);
  // Writes reach the database whatever the strategy; misses add to them.
  CHECK(static_cast<double>(arrivals(wt, "db")) == Approx(w.misses + (arrivals(wt, "users") - w.hits - w.misses)).margin(20));
  CHECK(lazy.sim->metrics(lazy.node("cache")).metric_value("stale_reads") == l.stale_reads);
}

TEST_CASE("elasticache: Memcached loses a node's keys with its AZ; Redis with a Multi-AZ replica fails over and keeps them",
          "[elasticache]") {
  const json users = {{"keys", 20000}};
  const json faults = json::array({json{{"at_s", 120}, {"action", "az_down"}, {"target", "use1-az1"}, {"until_s", 250}}});
  auto run = [&](const json& params, services::ElastiCacheStats& before, services::ElastiCacheStats& during) {
    engine::Built b = cp::test::build_document(document(params, users, 360, faults));
    b.sim->run_until(sim::from_seconds(60));
    const auto t60 = stats(b);
    b.sim->run_until(sim::from_seconds(120));
    before = stats(b);
    const uint64_t db120 = arrivals(b, "db");
    b.sim->run_until(sim::from_seconds(240));
    during = stats(b);
    const uint64_t db240 = arrivals(b, "db");
    const double r_before = window_ratio(t60, before);
    const double r_during = window_ratio(before, during);
    INFO(params.dump() << ": hit ratio 60-120 s " << r_before << ", 120-240 s " << r_during << ", database calls 120-240 s "
                       << db240 - db120 << ", lost shards " << during.shards_lost << ", failovers " << during.failovers);
    b.sim->run_until(b.duration);
    return std::make_tuple(r_before, r_during, db240 - db120, std::move(b));
  };
  services::ElastiCacheStats mb, md, rb, rd;
  auto [m_before, m_during, m_db, m] = run({{"engine", "memcached"}, {"shards", 3}, {"ttl_s", 0}}, mb, md);
  auto [r_before, r_during, r_db, r] = run(
      {{"engine", "redis"}, {"shards", 3}, {"replicas_per_shard", 1}, {"multi_az", true}, {"ttl_s", 0}}, rb, rd);
  UNSCOPED_INFO("memcached " << m_before << " -> " << m_during << " (db " << m_db << "); redis " << r_before << " -> "
                             << r_during << " (db " << r_db << ")");
  // Memcached: node 1 (in use1-az1) is gone with a third of the keys; its reads miss for the whole outage.
  CHECK(md.shards_lost == 1);
  CHECK(m_during < m_before - 0.2);
  CHECK(events(m, "cache_node_lost") == 1);
  CHECK(events(m, "cache_node_back") == 1);
  CHECK(events(m, "cache_failover") == 0);
  // Redis: the replica in use1-az2 is promoted after a few seconds; the keys survive.
  CHECK(rd.shards_lost == 0);
  CHECK(rd.failovers == 1);
  CHECK(events(r, "cache_failover") == 1);
  CHECK(events(r, "cache_failover_done") == 1);
  CHECK(r_during > r_before - 0.06);
  CHECK(r_db * 3 < m_db);
  CHECK(r.sim->metrics(r.node("cache")).metric_value("failovers") == 1);
  // The log says it in Korean too.
  for (const auto& e : m.sim->event_log())
    if (std::string(e.reason) == "cache_node_lost") CHECK(e.text_ko.find("사라졌습니다") != std::string::npos);
}

TEST_CASE("elasticache: Redis without Multi-AZ loses the shard whose AZ fails, replicas included", "[elasticache]") {
  const json faults = json::array({json{{"at_s", 60}, {"action", "az_down"}, {"target", "use1-az1"}}});
  engine::Built b = cp::test::run_document(
      document({{"shards", 3}, {"replicas_per_shard", 2}, {"multi_az", false}}, {{"keys", 20000}}, 120, faults));
  const auto st = stats(b);
  CHECK(st.shards_lost == 1);
  CHECK(st.failovers == 0);
  CHECK(events(b, "cache_node_lost") == 1);
  CHECK(b.sim->metrics(b.node("users")).errors() == 0);  // its reads went to the database
}

TEST_CASE("elasticache: a hit answers in under a millisecond, a miss takes the database's time", "[elasticache]") {
  engine::Built b = cp::test::run_document(document({{"ttl_s", 0}}, {{"keys", 100}}, 60));
  const auto& m = b.sim->metrics(b.node("cache"));
  const double p50_ms = m.latency.percentile(50) / 1000.0;
  INFO("cache p50 " << p50_ms << " ms, p99 " << m.latency.percentile(99) / 1000.0 << " ms");
  CHECK(p50_ms >= 0.3);
  CHECK(p50_ms <= 0.5);
  CHECK(m.latency.percentile(99.99) / 1000.0 > 1);  // the 100 first reads went to the database
}

TEST_CASE("elasticache: the cluster is billed per node-hour", "[elasticache]") {
  engine::Built b = cp::test::run_document(
      document({{"shards", 2}, {"replicas_per_shard", 1}, {"multi_az", true}}, {{"rate_per_s", 1}}, 3600));
  // 2 shards × (primary + replica) cache.r7g.large at ≈ $0.219 an hour (⚠ not in AWS-FACTS).
  CHECK(b.sim->metrics(b.node("cache")).cost_usd == Approx(4 * 0.219).epsilon(0.01));
}

TEST_CASE("elasticache: stopping the cluster loses every key; it comes back empty", "[elasticache]") {
  const json faults = json::array({json{{"at_s", 60}, {"action", "kill_node"}, {"target", "cache"}, {"until_s", 70}}});
  engine::Built b = cp::test::build_document(document({{"ttl_s", 0}}, {{"keys", 1000}}, 120, faults));
  b.sim->run_until(sim::from_seconds(59));
  const uint64_t before = stats(b).items;
  b.sim->run_until(sim::from_seconds(65));
  CHECK(before > 500);
  CHECK(stats(b).items == 0);
  CHECK(events(b, "cache_node_lost") == 1);
  b.sim->run_until(b.duration);  // back at 70 s, empty, and filling again
  CHECK(stats(b).items > 500);
}

TEST_CASE("elasticache: Memcached with replicas, or Multi-AZ without a replica, is refused in both languages", "[elasticache]") {
  auto issues = [](const json& params) {
    doc::LoadResult r = catalog::parse_document(document(params, {}, 10).dump());
    return r.errors;
  };
  auto mc = issues({{"engine", "memcached"}, {"replicas_per_shard", 1}});
  REQUIRE(mc.size() == 1);
  CHECK(mc[0].path.find("replicas_per_shard") != std::string::npos);
  CHECK(mc[0].message.find("Memcached does not replicate") != std::string::npos);
  CHECK(mc[0].message_ko.find("복제") != std::string::npos);
  auto az = issues({{"multi_az", true}});
  REQUIRE(az.size() == 1);
  CHECK(az[0].path.find("multi_az") != std::string::npos);
  CHECK(az[0].message_ko.find("복제본") != std::string::npos);
  CHECK(issues({{"multi_az", true}, {"replicas_per_shard", 1}}).empty());
  CHECK(issues({{"engine", "memcached"}, {"shards", 4}}).empty());
  // One database behind a cache.
  json two = document(json::object(), {}, 10);
  two["nodes"].push_back(json{{"id", "db2"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"}});
  two["connections"].push_back(json{{"id", "cache-db2"}, {"from", "cache"}, {"to", "db2"}});
  doc::LoadResult r = catalog::parse_document(two.dump());
  CHECK_FALSE(r.ok());
}

TEST_CASE("elasticache: lint says when a cache has no TTL, runs Memcached, or has no Multi-AZ", "[elasticache][lint]") {
  const auto lazy_all = lint_of(document({{"ttl_s", 0}}, {}, 10));
  const auto* lazy = finding(lazy_all, "elasticache-no-ttl");
  REQUIRE(lazy);
  CHECK(lazy->severity == catalog::Severity::Warning);
  CHECK(lazy->fact == "ElastiCache / TTL");
  CHECK(lazy->text_ko.find("TTL") != std::string::npos);
  const auto wt_all = lint_of(document({{"ttl_s", 0}, {"strategy", "write_through"}}, {}, 10));
  const auto* wt = finding(wt_all, "elasticache-no-ttl");
  REQUIRE(wt);
  CHECK(wt->severity == catalog::Severity::Info);
  CHECK_FALSE(finding(lint_of(document({{"ttl_s", 300}}, {}, 10)), "elasticache-no-ttl"));

  const auto mc_all = lint_of(document({{"engine", "memcached"}}, {}, 10));
  const auto* mc = finding(mc_all, "elasticache-memcached-no-replication");
  REQUIRE(mc);
  CHECK(mc->severity == catalog::Severity::Info);
  const json az_fault = json::array({json{{"at_s", 5}, {"action", "az_down"}, {"target", "use1-az2"}}});
  const auto fail_all = lint_of(document({{"engine", "memcached"}}, {}, 10, az_fault));
  const auto* mc_fail = finding(fail_all, "elasticache-memcached-no-replication");
  REQUIRE(mc_fail);
  CHECK(mc_fail->severity == catalog::Severity::Warning);
  CHECK(mc_fail->text_ko.find("가용 영역") != std::string::npos);
  CHECK_FALSE(finding(lint_of(document({{"engine", "valkey"}}, {}, 10)), "elasticache-memcached-no-replication"));

  CHECK(finding(lint_of(document(json::object(), {}, 10)), "elasticache-single-az"));
  CHECK_FALSE(finding(lint_of(document({{"replicas_per_shard", 1}, {"multi_az", true}}, {}, 10)), "elasticache-single-az"));
  CHECK_FALSE(finding(lint_of(document({{"engine", "memcached"}}, {}, 10)), "elasticache-single-az"));
  for (const auto& f : lint_of(document({{"ttl_s", 0}, {"engine", "memcached"}}, {}, 10, az_fault)))
    for (const auto& p : cp::test::korean_problems(f.text_ko, true)) FAIL_CHECK(f.rule << ": " << p);
}

TEST_CASE("example elasticache-cache-aside: the hit ratio climbs to ~80%, the database's load falls, most hits are stale",
          "[elasticache][examples]") {
  engine::Built b = cp::test::example_run("elasticache-cache-aside.json");
  auto at = [&](double s) {
    b.sim->run_until(sim::from_seconds(s));
    return stats(b);
  };
  const auto t5 = at(5), t10 = at(10);
  const uint64_t db10 = arrivals(b, "db");
  const auto t90 = at(90), t180 = at(180), t200 = at(200);
  const uint64_t db180 = arrivals(b, "db");
  const uint64_t app180 = arrivals(b, "app");
  const auto t295 = at(295), t300 = at(300), t308 = at(308);
  const auto end = at(600);
  const double first = ratio(t5.hits, t5.misses), warm = window_ratio(t180, t200);
  const double before_ttl = window_ratio(t295, t300), ttl_dip = window_ratio(t300, t308);
  INFO("hit ratio 0-5 s " << first << ", 5-10 s " << window_ratio(t5, t10) << ", 10-90 s " << window_ratio(t10, t90)
                          << ", 180-200 s " << warm << ", 295-300 s " << before_ttl << ", 300-308 s " << ttl_dip
                          << ", whole run " << ratio(end.hits, end.misses) << "; stale " << end.stale_reads << " of "
                          << end.hits << " hits; evictions by 180 s " << t180.evictions << ", at 600 s " << end.evictions);
  CHECK(window_ratio(t5, t10) > 0.5);
  CHECK(window_ratio(t10, t90) > 0.65);
  CHECK(warm > 0.75);
  CHECK(warm < 0.9);
  CHECK(ttl_dip < before_ttl - 0.05);  // the first keys expire together at 300 s
  CHECK(end.items == end.capacity);    // memory full ...
  CHECK(end.evictions > 10000);        // ... and evicting
  CHECK(end.stale_reads * 2 > end.hits);
  // The database: about 600 requests/s at first, about a fifth of the requests once warm.
  const uint64_t db_start = db10;
  CHECK(db_start > 3500);
  const double db_share_late = static_cast<double>(arrivals(b, "db") - db180) /
                               static_cast<double>(arrivals(b, "app") - app180);
  INFO("database share 180-600 s " << db_share_late);
  CHECK(db_share_late < 0.35);
  CHECK(b.sim->metrics(b.node("app")).errors() == 0);
}

TEST_CASE("live state: a cache shows its hit ratio, its items, its evictions and its calls to the database",
          "[elasticache][live_state][ui]") {
  engine::Built b = cp::test::build_document(
      document({{"node_type", "cache.t4g.micro"}, {"item_kb", 100}, {"ttl_s", 0}}, {{"rate_per_s", 1000}}, 120));
  b.sim->run_until(60 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("cache"), false);
  std::vector<std::string> keys;
  for (const auto& r : rows) keys.push_back(r.key);
  CHECK(keys == std::vector<std::string>{"hit_ratio", "evictions", "items", "database_calls"});
  auto row = [](const std::vector<ui::LiveRow>& v, const std::string& key) -> const ui::LiveRow* {
    for (const auto& r : v)
      if (r.key == key) return &r;
    return nullptr;
  };
  REQUIRE(row(rows, "hit_ratio"));
  INFO("hit ratio " << row(rows, "hit_ratio")->value << ", items " << row(rows, "items")->value << ", database "
                    << row(rows, "database_calls")->value);
  CHECK(row(rows, "hit_ratio")->v > 50);
  CHECK(row(rows, "hit_ratio")->v < 80);
  CHECK(row(rows, "items")->v == 5242);
  CHECK(row(rows, "evictions")->v > 0);
  CHECK(row(rows, "database_calls")->value.find("/s") != std::string::npos);
  const auto ko = ui::live_rows(*b.sim, b.node("cache"), true);
  CHECK(row(ko, "hit_ratio")->label == "캐시 적중률");
  CHECK(row(ko, "items")->value.find("개") != std::string::npos);
}
