// The live state a run shows for a node (ui/live_state.h): read from the metrics its
// service marks live, in both languages, as the properties panel and the card show it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/engine/build.h"
#include "tests/unit/source_files.h"
#include "ui/live_state.h"

using namespace cp;
using nlohmann::json;

namespace {

const ui::LiveRow* row(const std::vector<ui::LiveRow>& rows, const std::string& key) {
  auto it = std::find_if(rows.begin(), rows.end(), [&](const ui::LiveRow& r) { return r.key == key; });
  return it == rows.end() ? nullptr : &*it;
}

std::vector<std::string> keys(const std::vector<ui::LiveRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.key);
  return out;
}

// Users -> API Gateway -> Lambda -> SQS, polled by a second Lambda in batches of 5.
engine::Built serverless(double rate_per_s) {
  auto node = [](const char* id, const char* type, json params) {
    return json{{"id", id}, {"type", type}, {"region", "us-east-1"}, {"params", std::move(params)}};
  };
  auto wire = [](const char* from, const char* to, json extra = json::object()) {
    json w{{"id", std::string(from) + "-" + to}, {"from", from}, {"to", to}};
    w.update(extra);
    return w;
  };
  const json j{{"version", 1},
               {"name", "live state"},
               {"settings", {{"duration_s", 60}, {"seed", 5}}},
               {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
               {"nodes", json::array({node("u", "users", {{"pattern", "poisson"}, {"rate_per_s", rate_per_s}}),
                                      node("api", "api_gateway", json::object()),
                                      node("front", "lambda", json::object()),
                                      node("q", "sqs", json::object()),
                                      node("worker", "lambda", json::object())})},
               {"connections", json::array({wire("u", "api"), wire("api", "front"), wire("front", "q"),
                                            wire("q", "worker", {{"role", "poll"}, {"params", {{"batch_size", 5}}}})})}};
  doc::LoadResult r = catalog::parse_document(j.dump());
  for (const auto& e : r.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  return b;
}

}  // namespace

TEST_CASE("live state: a queue, a function and an API show what they do during the run", "[live_state][ui]") {
  engine::Built b = serverless(40);
  b.sim->run_until(30 * sim::kSecond);
  const auto q = ui::live_rows(*b.sim, b.node("q"), false);
  // The queue: visible, in flight, delayed, oldest age (no DLQ set: no DLQ row), duplicates.
  CHECK(keys(q) == std::vector<std::string>{"visible", "in_flight", "delayed", "oldest_age_s", "duplicates"});
  const auto fn = ui::live_rows(*b.sim, b.node("worker"), false);
  REQUIRE(row(fn, "invocations"));
  CHECK(row(fn, "invocations")->v > 1);  // batches of up to 5 at 40 messages/s: several invocations a second
  CHECK(row(fn, "invocations")->value.find("/s") != std::string::npos);
  REQUIRE(row(fn, "cold_starts"));
  CHECK(row(fn, "cold_starts")->v >= 1);
  CHECK(row(fn, "concurrency"));
  const auto api = ui::live_rows(*b.sim, b.node("api"), false);
  REQUIRE(row(api, "api_requests"));
  CHECK(row(api, "api_requests")->v > 20);  // ~40 requests/s
  CHECK(row(api, "api_requests")->card.rfind("requests ", 0) == 0);
  CHECK_FALSE(row(api, "cache_hits"));  // no cache: not measured, not shown
  // In Korean: the same rows, AWS's words, units attached as Koreans write them.
  const auto api_ko = ui::live_rows(*b.sim, b.node("api"), true);
  REQUIRE(row(api_ko, "api_requests"));
  CHECK(row(api_ko, "api_requests")->value.rfind("초당 ", 0) == 0);
  const auto fn_ko = ui::live_rows(*b.sim, b.node("front"), true);
  REQUIRE(row(fn_ko, "cold_starts"));
  CHECK(row(fn_ko, "cold_starts")->label == "콜드 스타트");
  CHECK(row(fn_ko, "cold_starts")->card.rfind("콜드 스타트 ", 0) == 0);
  CHECK(row(fn_ko, "cold_starts")->value.find("회") != std::string::npos);
  // A service that marks nothing live (the users) has no rows: its status sentence stands.
  CHECK(ui::live_rows(*b.sim, b.node("u"), false).empty());
}

TEST_CASE("live state: a queue's line counts what waits in its dead-letter queue", "[live_state][ui][sqs]") {
  engine::Built b = cp::test::example_run("sqs-worker-queue-dlq.json");
  b.sim->run_until(140 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("orders"), false);
  const ui::LiveRow* dlq = row(rows, "dlq_messages");
  REQUIRE(dlq);
  // Nothing consumes orders-dlq: the DLQ row is what that queue holds.
  const double held = b.sim->metrics(b.node("orders-dlq")).metric_value("visible") +
                      b.sim->metrics(b.node("orders-dlq")).metric_value("in_flight") +
                      b.sim->metrics(b.node("orders-dlq")).metric_value("delayed");
  CHECK(dlq->v >= 5);
  CHECK(dlq->v == held);
  CHECK(dlq->card == "in DLQ " + std::to_string(static_cast<int>(held)));
  // The card keeps the time unit of the oldest message's age and drops zero rows.
  const auto parts = ui::live_card_parts(rows, 10);
  CHECK(std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p == "delayed 0"; }));
  CHECK(std::find(parts.begin(), parts.end(), dlq->card) != parts.end());
  const auto ko = ui::live_rows(*b.sim, b.node("orders"), true);
  REQUIRE(row(ko, "oldest_age_s"));
  CHECK(row(ko, "oldest_age_s")->card.find("초") != std::string::npos);
  // The DLQ itself sets none: it has no DLQ of its own.
  CHECK_FALSE(row(ui::live_rows(*b.sim, b.node("orders-dlq"), false), "dlq_messages"));
  CHECK(ui::live_card_parts(rows, 2).size() == 2);
}

TEST_CASE("live state: a bucket shows its GET and PUT rates, its 503s and its busiest prefix", "[live_state][ui][s3]") {
  // 5,000 PUT/s into one prefix: 3,500 a second get in, the rest are 503 Slow Down.
  const json j = json::parse(R"({
    "version": 1, "name": "bucket", "settings": {"duration_s": 20, "seed": 2},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "u", "type": "users", "region": "us-east-1",
       "params": {"pattern": "constant", "rate_per_s": 5000, "read_fraction": 0, "keys": 100000, "zipf_s": 0}},
      {"id": "b", "type": "s3", "region": "us-east-1"}
    ],
    "connections": [{"id": "u-b", "from": "u", "to": "b", "params": {"retries": 0}}]
  })");
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->run_until(10 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("b"), false);
  CHECK(keys(rows) == std::vector<std::string>{"gets", "puts", "slow_downs", "notifications_sent", "busiest_prefix_use"});
  REQUIRE(row(rows, "puts"));
  CHECK(row(rows, "puts")->v == Approx(3500).epsilon(0.02));
  CHECK(row(rows, "puts")->value.find("requests/s") != std::string::npos);
  CHECK(row(rows, "slow_downs")->v > 10000);
  CHECK(row(rows, "busiest_prefix_use")->card == "prefix use 100%");
  const auto parts = ui::live_card_parts(rows, 4);
  // GET is the first row and shows even at 0; the zero notification count does not.
  CHECK(parts.front() == "GET 0/s");
  CHECK(std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.rfind("events", 0) == 0; }));
  const auto ko = ui::live_rows(*b.sim, b.node("b"), true);
  CHECK(row(ko, "puts")->value.rfind("초당 3", 0) == 0);
  CHECK(row(ko, "busiest_prefix_use")->label == "가장 바쁜 접두사 사용률");
}

TEST_CASE("live state: a topic shows what it publishes, delivers, filters and discards", "[live_state][ui][sns]") {
  // 10 messages a second to a topic with two queues, one filtering everything out.
  const json j = json::parse(R"({
    "version": 1, "name": "topic", "settings": {"duration_s": 20, "seed": 3},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "u", "type": "users", "region": "us-east-1", "params": {"pattern": "constant", "rate_per_s": 10}},
      {"id": "t", "type": "sns", "region": "us-east-1"},
      {"id": "all", "type": "sqs", "region": "us-east-1"},
      {"id": "none", "type": "sqs", "region": "us-east-1"}
    ],
    "connections": [{"id": "u-t", "from": "u", "to": "t"}, {"id": "t-all", "from": "t", "to": "all"},
                    {"id": "t-none", "from": "t", "to": "none", "params": {"filter_policy": "{\"type\": [\"never\"]}"}}]
  })");
  doc::LoadResult r = catalog::parse_document(j.dump());
  for (const auto& e : r.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->run_until(10 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("t"), false);
  CHECK(keys(rows) == std::vector<std::string>{"published", "delivered", "filtered", "dropped", "retrying"});
  CHECK(row(rows, "published")->v == Approx(10).margin(1));
  CHECK(row(rows, "delivered")->v == Approx(10).margin(1));  // the one queue that takes them
  CHECK(row(rows, "filtered")->v == Approx(100).margin(10));  // every message, for the other
  const auto parts = ui::live_card_parts(rows, 4);
  CHECK(parts.front() == "published 10/s");
  CHECK(std::none_of(parts.begin(), parts.end(), [](const std::string& p) { return p.rfind("discarded", 0) == 0; }));
  const auto ko = ui::live_rows(*b.sim, b.node("t"), true);
  CHECK(row(ko, "filtered")->label == "필터링됨");
  CHECK(ui::live_card_parts(ko, 1).front() == "게시 10/초");
}

TEST_CASE("live state: a stream shows its records in, its throttles and its busiest shard", "[live_state][ui][kinesis]") {
  // 1,500 records a second with one partition key on 2 shards: one shard takes 1,000, throttles 500.
  const json j = json::parse(R"({
    "version": 1, "name": "stream", "settings": {"duration_s": 20, "seed": 3},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "u", "type": "users", "region": "us-east-1",
       "params": {"pattern": "constant", "rate_per_s": 1500, "read_fraction": 0, "keys": 1}},
      {"id": "s", "type": "kinesis", "region": "us-east-1", "params": {"shards": 2}}
    ],
    "connections": [{"id": "u-s", "from": "u", "to": "s", "params": {"retries": 0}}]
  })");
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->run_until(10 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("s"), false);
  CHECK(keys(rows) == std::vector<std::string>{"incoming_records", "write_throttled", "records_read", "iterator_age_s",
                                               "busiest_shard_write"});
  CHECK(row(rows, "incoming_records")->v == Approx(1000).margin(40));  // the second window starts as the call arrives
  CHECK(row(rows, "write_throttled")->v == Approx(5000).epsilon(0.05));
  CHECK(row(rows, "busiest_shard_write")->card == "busiest shard 100%");
  const auto ko = ui::live_rows(*b.sim, b.node("s"), true);
  CHECK(row(ko, "incoming_records")->value.rfind("초당 ", 0) == 0);
  CHECK(row(ko, "incoming_records")->value.find("건") != std::string::npos);
  CHECK(row(ko, "write_throttled")->label == "쓰기 스로틀링");
}

TEST_CASE("live state: a Firehose stream shows what it buffers and the objects it delivered", "[live_state][ui][firehose]") {
  const json j = json::parse(R"({
    "version": 1, "name": "firehose", "settings": {"duration_s": 100, "seed": 3},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "u", "type": "users", "region": "us-east-1",
       "params": {"pattern": "constant", "rate_per_s": 10, "read_fraction": 0, "request_bytes": 1024}},
      {"id": "f", "type": "firehose", "region": "us-east-1", "params": {"buffer_interval_s": 30}},
      {"id": "b", "type": "s3", "region": "us-east-1"}
    ],
    "connections": [{"id": "u-f", "from": "u", "to": "f"}, {"id": "f-b", "from": "f", "to": "b"}]
  })");
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->run_until(75 * sim::kSecond);
  const auto rows = ui::live_rows(*b.sim, b.node("f"), false);
  REQUIRE(row(rows, "deliveries"));
  CHECK(row(rows, "deliveries")->v == 2);                            // at 30 s and 60 s
  CHECK(row(rows, "buffered_kib")->v == Approx(150).margin(15));     // 15 s of 10 KiB a second
  CHECK(row(rows, "data_freshness_s")->card == "freshness 15 s");
  const auto ko = ui::live_rows(*b.sim, b.node("f"), true);
  CHECK(row(ko, "deliveries")->card == "객체 2");
  CHECK(row(ko, "data_freshness_s")->label == "데이터 신선도");
}
