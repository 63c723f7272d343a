// Amazon Data Firehose (core/services/firehose.cpp), Direct PUT to S3 or an HTTP endpoint.
// Each test runs a document and checks what happened: records arrive at the destination
// in batches, one object when the buffer's interval passes or its size is reached; the
// Direct PUT quota throttles; a record over 1,000 KiB is refused; a destination that is
// down gets the batch once it is back (S3 is retried for 24 h), an HTTP endpoint down
// longer than the retry duration loses it; a stream has one destination; and
// received = throttled + rejected + buffered + delivering + delivered + lost holds throughout.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/validate.h"
#include "core/lint/lint.h"
#include "core/services/firehose.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

json node(const std::string& id, const std::string& type, json params = json::object()) {
  json n{{"id", id}, {"type", type}, {"region", "us-east-1"}, {"params", std::move(params)}};
  if (type == "compute") n["az"] = "use1-az1";
  return n;
}
json wire(const std::string& from, const std::string& to, json params = json::object()) {
  return json{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
}
json document(json nodes, json connections, double duration_s, json faults = json::array()) {
  return json{{"version", 1},
              {"name", "Firehose test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 5}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", std::move(faults)}};
}
json producers(double rate, double bytes = 1024) {
  return node("users", "users",
              {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", 0}, {"request_bytes", bytes}});
}
json put_wire() { return wire("users", "fh", {{"retries", 0}}); }
json firehose(json params) { return node("fh", "firehose", std::move(params)); }
json to_bucket(double rate, json fh_params, double duration_s, json faults = json::array()) {
  return document(json::array({producers(rate), firehose(std::move(fh_params)), node("bucket", "s3")}),
                  json::array({put_wire(), wire("fh", "bucket")}), duration_s, std::move(faults));
}

services::FirehoseBalance balance(const engine::Built& b) {
  auto x = services::firehose_balance(*b.sim, b.node("fh"));
  REQUIRE(x);
  return *x;
}
double metric(const engine::Built& b, const char* n, const char* key) {
  return b.sim->metrics(b.node(n)).metric_value(key);
}
bool logged(const engine::Built& b, const std::string& reason) {
  for (const auto& e : b.sim->event_log())
    if (reason == e.reason) return true;
  return false;
}

// Runs to the end, checking the balance every 5 s; returns the highest data freshness seen.
double run_checking_balance(engine::Built& b) {
  double freshest = 0;
  for (sim::SimTime t = 5 * sim::kSecond; t <= b.duration; t += 5 * sim::kSecond) {
    b.sim->run_until(t);
    const services::FirehoseBalance x = balance(b);
    INFO("at " << t / sim::kSecond << " s: " << x.terms().text(false));
    REQUIRE(x.balanced());
    freshest = std::max(freshest, metric(b, "fh", "data_freshness_s"));
  }
  b.sim->run_until(b.duration);
  CHECK(b.sim->undeclared_metrics().empty());
  return freshest;
}

}  // namespace

TEST_CASE("firehose: records reach S3 in batches, one object per buffer interval", "[firehose]") {
  // 10 records of 1 KiB a second never fill 5 MiB: every 60 s the buffer goes out as one object.
  engine::Built b = cp::test::build_document(to_bucket(10, {{"buffer_interval_s", 60}}, 305));
  const double freshest = run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  CHECK(x.objects == 5);
  CHECK(x.delivered == Approx(3000).margin(15));
  CHECK(x.lost == 0);
  // The bucket got five PUTs, not 3,000.
  CHECK(metric(b, "bucket", "puts") == 5);
  // A record waits up to the interval: the oldest undelivered record gets close to 60 s old.
  CHECK(freshest > 50);
  CHECK(freshest < 62);
}

TEST_CASE("firehose: a full buffer goes out before its interval", "[firehose]") {
  // 1,000 records of 1 KiB a second fill a 1 MiB buffer about every second.
  engine::Built b = cp::test::build_document(to_bucket(1000, {{"buffer_mib", 1}, {"buffer_interval_s", 300}}, 60));
  const double freshest = run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  CHECK(x.objects == Approx(58).margin(2));
  CHECK(static_cast<double>(x.delivered) / static_cast<double>(x.objects) == Approx(1024).margin(2));
  CHECK(freshest < 3);
}

TEST_CASE("firehose: above 2,000 requests a second the stream throttles", "[firehose]") {
  engine::Built b = cp::test::build_document(to_bucket(3000, {{"buffer_interval_s", 10}}, 30));
  run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  CHECK(static_cast<double>(x.throttled) / static_cast<double>(x.received) == Approx(1.0 / 3).margin(0.01));
  CHECK(logged(b, "firehose_throughput"));
}

TEST_CASE("firehose: a record over 1,000 KiB is refused", "[firehose]") {
  engine::Built b = cp::test::build_document(
      document(json::array({producers(2, 1100 * 1024), firehose({{"buffer_interval_s", 10}}), node("bucket", "s3")}),
               json::array({put_wire(), wire("fh", "bucket")}), 20));
  run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  CHECK(x.rejected == x.received);
  CHECK(x.objects == 0);
  CHECK(logged(b, "record_too_large"));
}

TEST_CASE("firehose: deliveries to S3 are retried until the bucket is back; none is lost", "[firehose]") {
  // The bucket is unreachable from 60 to 180 s: the objects due then wait and arrive after.
  const json outage = json::array({json{{"at_s", 60}, {"action", "kill_node"}, {"target", "bucket"}, {"until_s", 180}}});
  engine::Built b = cp::test::build_document(to_bucket(10, {{"buffer_interval_s", 30}}, 300, outage));
  const double freshest = run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  CHECK(x.lost == 0);
  CHECK(metric(b, "fh", "delivery_failures") > 10);
  CHECK(x.delivered + x.buffered + x.delivering == x.received - x.throttled - x.rejected);
  CHECK(x.delivered > 2600);
  CHECK(freshest > 110);  // the records of 60 s waited until 180 s
}

TEST_CASE("firehose: an HTTP endpoint down longer than the retry duration loses its batches", "[firehose]") {
  const json outage = json::array({json{{"at_s", 30}, {"action", "kill_node"}, {"target", "endpoint"}, {"until_s", 200}}});
  engine::Built b = cp::test::build_document(
      document(json::array({producers(10), firehose({{"buffer_interval_s", 20}, {"retry_duration_s", 60}}),
                            node("endpoint", "compute")}),
               json::array({put_wire(), wire("fh", "endpoint", {{"timeout_ms", 1000}})}), 300, outage));
  run_checking_balance(b);
  const services::FirehoseBalance x = balance(b);
  // The batches flushed between about 30 and 140 s ran out of their 60 s of retries.
  CHECK(x.lost == Approx(1100).margin(250));
  CHECK(x.delivered > 1000);
  CHECK(logged(b, "delivery_retry_expired"));
}

TEST_CASE("firehose: a stream has one destination; lint says when it has none", "[firehose][lint]") {
  doc::LoadResult two = catalog::parse_document(
      document(json::array({producers(1), firehose(json::object()), node("a", "s3"), node("b", "s3")}),
               json::array({put_wire(), wire("fh", "a"), wire("fh", "b")}), 10)
          .dump());
  REQUIRE_FALSE(two.ok());
  const std::string why = cp::test::all_issues(two.errors);
  CHECK(why.find("a stream has one destination") != std::string::npos);

  doc::LoadResult none = catalog::parse_document(
      document(json::array({producers(1), firehose(json::object())}), json::array({put_wire()}), 10).dump());
  REQUIRE(none.ok());
  int found = 0;
  for (const auto& f : lint::lint(none.document)) found += f.rule == "firehose-no-destination";
  CHECK(found == 1);
}

TEST_CASE("example firehose-batches-to-s3: an object a minute, one invocation each, nothing lost in the outage", "[firehose][examples]") {
  engine::Built b = cp::test::example_run("firehose-batches-to-s3.json");
  auto x = [&] { return *services::firehose_balance(*b.sim, b.node("clickstream")); };
  auto fresh = [&] { return b.sim->metrics(b.node("clickstream")).metric_value("data_freshness_s"); };
  b.sim->run_until(62 * sim::kSecond);
  CHECK(x().objects == 1);
  CHECK(x().delivered == Approx(3000).epsilon(0.1));  // 60 s of 50 records a second
  b.sim->run_until(235 * sim::kSecond);  // the bucket is down from 150 to 240 s
  CHECK(x().objects == 2);
  CHECK(fresh() > 100);  // the records since 120 s wait
  b.sim->run_until(b.duration);
  REQUIRE(x().balanced());
  CHECK(x().lost == 0);
  CHECK(x().objects >= 5);
  CHECK(b.sim->metrics(b.node("archive")).metric_value("puts") == static_cast<double>(x().objects));
  CHECK(b.sim->metrics(b.node("report")).metric_value("invocations") == static_cast<double>(x().objects));
}
