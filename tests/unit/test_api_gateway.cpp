// Amazon API Gateway (core/services/api_gateway.cpp): token-bucket throttling (account and
// stage) with 429s, the integration timeout's 504 while the backend keeps working, the
// payload limit, the response cache, the cost per request, validation and lint.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/services/api_gateway.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/korean_text.h"

using namespace cp;
using cp::test::run_document;
using nlohmann::json;

namespace {

json doc_with(json api_params, json users_params, json backend, double duration_s = 30) {
  json users = {{"id", "u"}, {"type", "users"}, {"region", "us-east-1"}, {"params", std::move(users_params)}};
  json api = {{"id", "api"}, {"type", "api_gateway"}, {"region", "us-east-1"}, {"params", std::move(api_params)}};
  backend["id"] = "be";
  backend["region"] = "us-east-1";
  return json{{"version", 1},
              {"name", "API test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 5}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
              {"nodes", {users, api, backend}},
              {"connections", {json{{"id", "c1"}, {"from", "u"}, {"to", "api"}}, json{{"id", "c2"}, {"from", "api"}, {"to", "be"}}}}};
}

json compute_ms(double ms, int workers = 1000) {
  return json{{"type", "compute"},
              {"az", "use1-az1"},
              {"params", {{"workers", workers}, {"service_time", {{"kind", "constant"}, {"value_ms", ms}}}}}};
}

services::ApiGatewayStats stats(const engine::Built& b) {
  auto s = services::api_gateway_stats(b.sim->model(b.node("api")));
  REQUIRE(s);
  return *s;
}

}  // namespace

TEST_CASE("api gateway: the account's token bucket lets a burst through, then the steady rate; the rest get 429", "[apigw]") {
  // 300 requests/s against 100/s with a burst of 500: the bucket empties after ~2.5 s, then ~100/s pass.
  engine::Built b = run_document(doc_with({{"account_rate_per_s", 100}, {"account_burst", 500}},
                                 {{"pattern", "constant"}, {"rate_per_s", 300}}, compute_ms(5)));
  const auto s = stats(b);
  const double passed = static_cast<double>(s.requests - s.throttled);
  CHECK(s.requests >= 8990);
  CHECK(passed == Approx(500 + 100 * 30).margin(5));
  // (a few answers are still on their way when the run ends)
  CHECK(static_cast<double>(b.sim->metrics(b.node("be")).completions) == Approx(passed).margin(3));
  CHECK(static_cast<double>(b.sim->connection(sim::ConnId{0}).metrics.outcomes[static_cast<int>(sim::Outcome::Throttled)]) ==
        Approx(static_cast<double>(s.throttled)).margin(5));
  CHECK(b.sim->metrics(b.node("api")).metric_value("throttled_429") == static_cast<double>(s.throttled));
  bool logged = false;
  for (const auto& e : b.sim->event_log())
    logged = logged || (e.kind == sim::LogKind::ThrottlingBegan && e.reason == std::string("account_throttle"));
  CHECK(logged);
  // Cost: $3.50 per million REST requests, throttled ones included.
  CHECK(b.sim->metrics(b.node("api")).cost_usd == Approx(static_cast<double>(s.requests) * 3.5e-6));
}

TEST_CASE("api gateway: a stage throttle below the account's refuses first", "[apigw]") {
  engine::Built b = run_document(doc_with({{"stage_rate_per_s", 50}, {"stage_burst", 10}},
                                 {{"pattern", "constant"}, {"rate_per_s", 200}}, compute_ms(5)));
  const auto s = stats(b);
  CHECK(static_cast<double>(s.requests - s.throttled) == Approx(10 + 50 * 30).margin(5));
  bool stage = false;
  for (const auto& e : b.sim->event_log()) stage = stage || e.reason == std::string("stage_throttle");
  CHECK(stage);
}

TEST_CASE("api gateway: a backend slower than the integration timeout gets the client a 504 while it keeps working", "[apigw]") {
  engine::Built b = run_document(doc_with({{"integration_timeout_ms", 1000}}, {{"pattern", "constant"}, {"rate_per_s", 10}},
                                 compute_ms(2000)));
  const auto s = stats(b);
  const auto& client = b.sim->connection(sim::ConnId{0}).metrics;
  CHECK(s.timeouts >= 285);  // the last second's requests are still waiting
  CHECK(client.outcomes[static_cast<int>(sim::Outcome::TimedOut)] == s.timeouts);
  CHECK(client.outcomes[0] == 0);
  // The client waited the integration timeout (plus the two hops), not the backend's 2 s.
  CHECK(client.latency.max() < 1100 * sim::kMillisecond);
  // The backend served every request anyway; the answers that came after the 504 were dropped.
  CHECK(b.sim->metrics(b.node("be")).completions >= s.timeouts - 20);
  CHECK(s.late_backend_answers == b.sim->metrics(b.node("be")).completions);
  CHECK(b.sim->metrics(b.node("api")).metric_value("timeouts_504") == static_cast<double>(s.timeouts));
  // With the default 29 s, the same backend is fine.
  engine::Built ok = run_document(doc_with(json::object(), {{"pattern", "constant"}, {"rate_per_s", 10}}, compute_ms(2000)));
  CHECK(stats(ok).timeouts == 0);
}

TEST_CASE("api gateway: the cache answers repeated GETs without the backend until the TTL passes", "[apigw]") {
  // 10 keys, all reads, 100 requests/s: after the first miss per key, hits until the 10 s TTL ends.
  const json users = {{"pattern", "constant"}, {"rate_per_s", 100}, {"read_fraction", 1}, {"keys", 10}, {"zipf_s", 0}};
  engine::Built b = run_document(doc_with({{"cache", true}, {"cache_ttl_s", 10}}, users, compute_ms(20)));
  const auto s = stats(b);
  CHECK(s.cache_hits + s.cache_misses == s.requests);
  CHECK(s.cache_misses <= 10 * 3 + 20);  // ~one per key per TTL, plus those sent while a miss was under way
  CHECK(s.cache_misses >= 10 * 3);
  CHECK(b.sim->metrics(b.node("be")).arrivals == s.cache_misses);
  CHECK(b.sim->metrics(b.node("api")).metric_value("cache_hits") == static_cast<double>(s.cache_hits));
  // Off: every request reaches the backend.
  engine::Built off = run_document(doc_with(json::object(), users, compute_ms(20)));
  CHECK(off.sim->metrics(off.node("be")).arrivals == stats(off).requests);
}

TEST_CASE("api gateway: payloads over the limit get 413", "[apigw]") {
  engine::Built b = run_document(doc_with({{"payload_limit_mb", 1}}, {{"pattern", "constant"}, {"rate_per_s", 5}, {"request_bytes", 2 << 20}},
                                 compute_ms(1)));
  CHECK(stats(b).too_large == stats(b).requests);
  CHECK(b.sim->metrics(b.node("be")).arrivals == 0);
}

TEST_CASE("api gateway: validation refuses an HTTP API cache and a REST timeout over 29 s; lint compares the function's timeout", "[apigw][lint]") {
  json j = doc_with({{"api_type", "http"}, {"cache", true}}, {{"rate_per_s", 1}}, compute_ms(1));
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "nodes[1].params.cache");
  j = doc_with({{"integration_timeout_ms", 29500}}, {{"rate_per_s", 1}}, compute_ms(1));
  r = catalog::parse_document(j.dump());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message.find("29,000") != std::string::npos);
  CHECK(cp::test::has_hangul(r.errors[0].message_ko));
  j["nodes"][1]["params"]["api_type"] = "http";  // 30 s is an HTTP API's limit
  CHECK(catalog::parse_document(j.dump()).ok());

  // A function that may run 60 s behind a 29 s integration timeout.
  j = doc_with(json::object(), {{"rate_per_s", 1}}, json{{"type", "lambda"}, {"params", {{"timeout_s", 60}}}});
  j["connections"][0]["params"] = {{"timeout_ms", 30000}};
  r = catalog::parse_document(j.dump());
  INFO(cp::test::all_issues(r.errors));
  REQUIRE(r.ok());
  std::set<std::string> rules;
  for (const auto& f : lint::lint(r.document)) {
    rules.insert(f.rule);
    CHECK(cp::test::korean_problems(f.text_ko, true).empty());
    if (f.rule == "apigw-timeout-below-function-timeout") {
      CHECK(f.text_en.find("29000 ms") != std::string::npos);
      CHECK(f.text_en.find("60 s") != std::string::npos);
      CHECK(cp::test::has_hangul(f.text_ko));
    }
  }
  CHECK(rules.count("apigw-timeout-below-function-timeout"));
  j["nodes"][2]["params"]["timeout_s"] = 20;
  r = catalog::parse_document(j.dump());
  for (const auto& f : lint::lint(r.document)) CHECK(f.rule != "apigw-timeout-below-function-timeout");
}
