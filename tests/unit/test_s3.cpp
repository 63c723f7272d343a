// Amazon S3 (core/services/s3.cpp): GETs and PUTs by storage class. Each test runs a
// document and checks what a learner would see: 503 Slow Down above a prefix's rate and
// its end with more prefixes, One Zone-IA lost with its AZ while Standard keeps serving,
// an archive class refusing GETs, event notifications reaching a queue and a function,
// Express One Zone answering faster than Standard, the cost by class, and the lint advice.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/services/lambda.h"
#include "core/services/sqs.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"

using namespace cp;
using nlohmann::json;

namespace {

json users(double rate, double read_fraction, json extra = json::object()) {
  json p = {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", read_fraction}, {"keys", 1000000},
            {"zipf_s", 0}};
  for (auto& [k, v] : extra.items()) p[k] = v;
  return json{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}, {"params", std::move(p)}};
}
json bucket(json params) {
  return json{{"id", "b"}, {"type", "s3"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json wire(const std::string& from, const std::string& to, json params = json::object()) {
  return json{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
}

json document(json nodes, json connections, double duration_s, json faults = json::array()) {
  return json{{"version", 1},
              {"name", "S3 test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 11}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1", "use1-az2", "use1-az3"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", std::move(faults)}};
}

// users --> b, no retries on the wire so that each refusal is seen by the users.
json user_bucket_doc(double rate, double read_fraction, json bucket_params, double duration_s = 30,
                     json faults = json::array()) {
  return document(json::array({users(rate, read_fraction), bucket(std::move(bucket_params))}),
                  json::array({wire("users", "b", {{"retries", 0}})}), duration_s, std::move(faults));
}

engine::Built run(const json& j) { return cp::test::run_document(j); }

double metric(const engine::Built& b, const char* node, const char* key) {
  return b.sim->metrics(b.node(node)).metric_value(key);
}
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

TEST_CASE("s3: one prefix answers 503 Slow Down above 3,500 PUT/s; keys over four prefixes are all accepted", "[s3]") {
  // 5,000 PUT/s for 20 s (read_fraction 0): 3,500 fit in one prefix each second.
  engine::Built one = run(user_bucket_doc(5000, 0, {{"prefixes", 1}}, 20));
  const double puts = metric(one, "b", "puts"), slow = metric(one, "b", "slow_downs");
  INFO("one prefix: puts " << puts << ", slow downs " << slow);
  CHECK(puts == Approx(20 * 3500).epsilon(0.02));
  CHECK(slow == Approx(20 * 1500).epsilon(0.1));
  CHECK(outcome(one, "users", sim::Outcome::Throttled) == Approx(slow).epsilon(0.01));
  CHECK(events(one, "prefix_rate") == 1);
  CHECK(metric(one, "b", "busiest_prefix_use") == Approx(100));
  bool korean = false;
  for (const auto& e : one.sim->event_log())
    if (std::string(e.reason) == "prefix_rate") korean = e.text_ko.find("접두사") != std::string::npos;
  CHECK(korean);

  // The same load spread by key over four prefixes: ~1,250 PUT/s each, far under the limit.
  engine::Built four = run(user_bucket_doc(5000, 0, {{"prefixes", 4}}, 20));
  CHECK(metric(four, "b", "slow_downs") == 0);
  CHECK(metric(four, "b", "puts") == Approx(20 * 5000).epsilon(0.02));
  CHECK(metric(four, "b", "busiest_prefix_use") < 45);
  CHECK(events(four, "prefix_rate") == 0);

  // GETs have their own, higher limit: 5,000 GET/s fit in one prefix.
  engine::Built reads = run(user_bucket_doc(5000, 1, {{"prefixes", 1}}, 20));
  CHECK(metric(reads, "b", "slow_downs") == 0);
  CHECK(metric(reads, "b", "gets") == Approx(20 * 5000).epsilon(0.02));
}

TEST_CASE("s3: the throttling ends (and says so) when the load falls under the prefix's rate", "[s3]") {
  // A 10 s spike at 10× a 500/s baseline of PUTs: 5,000/s during the spike only.
  json d = user_bucket_doc(500, 0, {{"prefixes", 1}}, 60);
  d["nodes"][0]["params"]["pattern"] = "spike";
  d["nodes"][0]["params"]["spike_at_s"] = 20;
  d["nodes"][0]["params"]["spike_s"] = 10;
  d["nodes"][0]["params"]["spike_multiplier"] = 10;
  engine::Built b = run(d);
  CHECK(events(b, "prefix_rate") == 1);
  CHECK(events(b, "prefix_rate_ok") == 1);
  const double slow = metric(b, "b", "slow_downs");
  CHECK(slow == Approx(10 * 1500).epsilon(0.15));
  // After the spike the bucket serves everything again.
  CHECK(metric(b, "b", "busiest_prefix_use") < 20);
}

TEST_CASE("s3: One Zone-IA is unreachable while its AZ is down; Standard keeps serving", "[s3]") {
  const json faults = json::array({json{{"at_s", 20}, {"action", "az_down"}, {"target", "use1-az1"}, {"until_s", 40}}});
  engine::Built one_zone = run(user_bucket_doc(100, 0.9, {{"storage_class", "ONEZONE_IA"}, {"zone", 1}}, 60, faults));
  engine::Built standard = run(user_bucket_doc(100, 0.9, {{"storage_class", "STANDARD"}}, 60, faults));
  const uint64_t lost = outcome(one_zone, "users", sim::Outcome::Unreachable);
  INFO("One Zone-IA unreachable: " << lost);
  CHECK(lost == Approx(20 * 100).epsilon(0.05));  // the 20 s the AZ is down
  CHECK(standard.sim->metrics(standard.node("users")).errors() == 0);
  // The bucket kept in the second AZ does not care about the first one's outage.
  engine::Built other = run(user_bucket_doc(100, 0.9, {{"storage_class", "ONEZONE_IA"}, {"zone", 2}}, 60, faults));
  CHECK(other.sim->metrics(other.node("users")).errors() == 0);
  // Lint says the data has one copy only.
  const auto* f = finding(lint_of(user_bucket_doc(100, 0.9, {{"storage_class", "ONEZONE_IA"}})), "s3-one-zone-only-copy");
  REQUIRE(f);
  CHECK(f->severity == catalog::Severity::Info);
  CHECK(f->text_ko.find("가용 영역") != std::string::npos);
  CHECK_FALSE(finding(lint_of(user_bucket_doc(100, 0.9, {{"storage_class", "STANDARD"}})), "s3-one-zone-only-copy"));
}

TEST_CASE("s3: Glacier Flexible Retrieval refuses GETs until a restore; PUTs still land", "[s3]") {
  engine::Built b = run(user_bucket_doc(50, 0.5, {{"storage_class", "GLACIER"}}, 20));
  const uint64_t refused = outcome(b, "users", sim::Outcome::Rejected);
  CHECK(refused == Approx(20 * 25).epsilon(0.2));
  CHECK(metric(b, "b", "gets") == 0);
  CHECK(metric(b, "b", "puts") == Approx(20 * 25).epsilon(0.2));
  CHECK(events(b, "object_archived") == 1);
  const auto* f = finding(lint_of(user_bucket_doc(50, 0.5, {{"storage_class", "GLACIER"}})), "s3-archive-read-directly");
  REQUIRE(f);
  CHECK(f->severity == catalog::Severity::Warning);
  // Glacier Instant Retrieval reads in milliseconds: no refusals, no warning.
  engine::Built ir = run(user_bucket_doc(50, 0.5, {{"storage_class", "GLACIER_IR"}}, 20));
  CHECK(ir.sim->metrics(ir.node("users")).errors() == 0);
  CHECK_FALSE(finding(lint_of(user_bucket_doc(50, 0.5, {{"storage_class", "GLACIER_IR"}})), "s3-archive-read-directly"));
}

TEST_CASE("s3: Express One Zone's first byte is an order of magnitude faster than Standard's", "[s3]") {
  engine::Built standard = run(user_bucket_doc(200, 1, {{"storage_class", "STANDARD"}}, 30));
  engine::Built express = run(user_bucket_doc(200, 1, {{"storage_class", "EXPRESS_ONEZONE"}}, 30));
  const double p50_std = standard.sim->metrics(standard.node("b")).latency.percentile(50) / 1000.0;
  const double p50_exp = express.sim->metrics(express.node("b")).latency.percentile(50) / 1000.0;
  const double p99_std = standard.sim->metrics(standard.node("b")).latency.percentile(99) / 1000.0;
  INFO("p50 ms: standard " << p50_std << ", express " << p50_exp << "; standard p99 " << p99_std);
  CHECK(p50_std == Approx(30).epsilon(0.15));
  CHECK(p50_exp == Approx(3).epsilon(0.2));
  CHECK(p99_std > 100);
  CHECK(p99_std < 250);
}

TEST_CASE("s3: cost follows the storage class: storage per GB-month and requests", "[s3]") {
  // An hour with 1,000 GB stored and 10 GET/s.
  auto cost = [](const char* cls) {
    engine::Built b = run(user_bucket_doc(10, 1, {{"storage_class", cls}, {"stored_gb", 1000}}, 3600));
    return b.sim->metrics(b.node("b")).cost_usd;
  };
  const double standard = cost("STANDARD"), ia = cost("STANDARD_IA"), deep = cost("DEEP_ARCHIVE");
  INFO("an hour: standard $" << standard << ", IA $" << ia << ", deep archive $" << deep);
  // AWS-FACTS: S3 / Price — Standard $0.023 per GB-month (a month of 730 hours), $0.0004 per 1,000 GETs.
  const double standard_expected = 1000 * 0.023 / 730 + 36000 * 0.0004 / 1000;
  CHECK(standard == Approx(standard_expected).epsilon(0.01));
  CHECK(deep < standard);  // archive storage is the cheapest (its GETs are refused here)
  // Standard-IA stores for about half the price but reads cost more: at 10 GET/s on a
  // terabyte the reads outweigh the saving, the trade-off the class is named for.
  CHECK(ia > standard);
}

TEST_CASE("s3: each PUT notifies the bucket's queue and function; GETs do not", "[s3]") {
  json d = document(json::array({users(20, 0.5), bucket(json::object()),
                                 json{{"id", "q"}, {"type", "sqs"}, {"region", "us-east-1"}},
                                 json{{"id", "f"}, {"type", "lambda"}, {"region", "us-east-1"}}}),
                    json::array({wire("users", "b"), wire("b", "q"), json{{"id", "b-f"}, {"from", "b"}, {"to", "f"},
                                                                          {"role", "event"}}}),
                    60);
  engine::Built b = run(d);
  const double puts = metric(b, "b", "puts");
  INFO("puts " << puts);
  CHECK(puts == Approx(600).epsilon(0.2));
  CHECK(metric(b, "b", "notifications_sent") == 2 * puts);
  auto q = services::sqs_balance(*b.sim, b.node("q"));
  REQUIRE(q);
  CHECK(q->sent == static_cast<uint64_t>(puts));
  auto f = services::lambda_stats(b.sim->model(b.node("f")));
  REQUIRE(f);
  // Asynchronous invocations: the last few may still wait in the function's event queue.
  CHECK(f->async_accepted == static_cast<uint64_t>(puts));
  CHECK(f->invocations + f->async_waiting + static_cast<uint64_t>(f->running) >= static_cast<uint64_t>(puts) - 2);
}

TEST_CASE("s3: the document refuses an unknown storage class and says which are known", "[s3]") {
  json d = user_bucket_doc(10, 1, {{"storage_class", "GLACIER_DEEP"}});
  doc::LoadResult r = catalog::parse_document(d.dump());
  REQUIRE_FALSE(r.ok());
  const std::string text = cp::test::all_issues(r.errors);
  CHECK(text.find("storage_class") != std::string::npos);
  CHECK(text.find("DEEP_ARCHIVE") != std::string::npos);
}
