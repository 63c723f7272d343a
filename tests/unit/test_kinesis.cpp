// Amazon Kinesis Data Streams (core/services/kinesis.cpp), provisioned mode. Each test
// runs a document and checks what happened: a shard takes 1,000 records or 1 MB a second
// and throttles the rest; a hot partition key throttles one shard however many there
// are, while many keys spread over the shards; records over 1 MiB are refused; a Lambda
// consumer reads each shard one batch at a time, so the shard count caps its parallelism
// and a slow consumer falls behind (the iterator age grows); records expire after the
// retention period; and put = throttled + rejected + retained + expired holds throughout.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/validate.h"
#include "core/lint/lint.h"
#include "core/services/kinesis.h"
#include "core/services/lambda.h"
#include "core/sim/simulation.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

json node(const std::string& id, const std::string& type, json params = json::object()) {
  return json{{"id", id}, {"type", type}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json wire(const std::string& from, const std::string& to, json params = json::object(), const char* role = nullptr) {
  json w{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
  if (role) w["role"] = role;
  return w;
}
json document(json nodes, json connections, double duration_s) {
  return json{{"version", 1},
              {"name", "Kinesis test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 11}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", json::array()}};
}
// Producers writing `rate` records a second of `bytes` each over `keys` partition keys
// (equally popular), with no retries so that every throttle is counted once.
json producers(double rate, double keys, double bytes = 200) {
  return node("users", "users",
              {{"pattern", "constant"}, {"rate_per_s", rate}, {"read_fraction", 0}, {"request_bytes", bytes},
               {"keys", keys}, {"zipf_s", 0}});
}
json put_wire() { return wire("users", "stream", {{"retries", 0}}); }
json stream(double shards, json extra = json::object()) {
  json p = {{"shards", shards}};
  p.update(extra);
  return node("stream", "kinesis", std::move(p));
}
// A Lambda function that takes work_ms per batch, polling the stream.
json consumer(double work_ms) {
  return node("fn", "lambda", {{"memory_mb", 2048}, {"duration", {{"kind", "constant"}, {"value_ms", work_ms}}}});
}
json poll_wire(double batch_size = 10, double concurrent_batches = 5) {
  return wire("stream", "fn", {{"batch_size", batch_size}, {"maximum_concurrency", concurrent_batches}}, "poll");
}
services::LambdaStats fn_stats(const engine::Built& b) {
  auto s = services::lambda_stats(b.sim->model(b.node("fn")));
  REQUIRE(s);
  return *s;
}

services::KinesisBalance balance(const engine::Built& b) {
  auto x = services::kinesis_balance(*b.sim, b.node("stream"));
  REQUIRE(x);
  return *x;
}
bool logged(const engine::Built& b, const std::string& reason) {
  for (const auto& e : b.sim->event_log())
    if (reason == e.reason) return true;
  return false;
}
double metric(const engine::Built& b, const char* n, const char* key) {
  return b.sim->metrics(b.node(n)).metric_value(key);
}
// Runs to the end, checking the stream's balance every 10 s.
engine::Built run_checking_balance(const json& j) {
  engine::Built b = cp::test::build_document(j);
  for (sim::SimTime t = 10 * sim::kSecond; t <= b.duration; t += 10 * sim::kSecond) {
    b.sim->run_until(t);
    const services::KinesisBalance x = balance(b);
    INFO("at " << t / sim::kSecond << " s: " << x.terms().text(false));
    REQUIRE(x.balanced());
  }
  b.sim->run_until(b.duration);
  CHECK(b.sim->undeclared_metrics().empty());
  return b;
}

}  // namespace

TEST_CASE("kinesis: one shard takes 1,000 records a second and throttles the rest", "[kinesis]") {
  engine::Built b = run_checking_balance(document(json::array({producers(1500, 10000), stream(1)}), json::array({put_wire()}), 60));
  const services::KinesisBalance x = balance(b);
  CHECK(x.put > 89000);
  // 500 of every 1,500 a second are refused (ProvisionedThroughputExceeded).
  CHECK(x.throttled == Approx(30000).epsilon(0.03));
  CHECK(metric(b, "stream", "write_throttled") == Approx(static_cast<double>(x.throttled)));
  CHECK(metric(b, "stream", "busiest_shard_write") == Approx(100));
  CHECK(logged(b, "shard_write_limit"));

  // Two shards share the same keys: each gets about 750 a second, under its limit.
  engine::Built two = run_checking_balance(document(json::array({producers(1500, 10000), stream(2)}), json::array({put_wire()}), 60));
  CHECK(balance(two).throttled == 0);
  CHECK(balance(two).retained == balance(two).put);
}

TEST_CASE("kinesis: a shard takes 1 MB a second, whatever the record count", "[kinesis]") {
  // 100 records of 20 KB a second = 2 MB/s: half is throttled, though 100 records is far under 1,000.
  engine::Built b = run_checking_balance(
      document(json::array({producers(100, 10000, 20000), stream(1)}), json::array({put_wire()}), 60));
  const services::KinesisBalance x = balance(b);
  CHECK(static_cast<double>(x.throttled) / static_cast<double>(x.put) == Approx(0.5).margin(0.03));
}

TEST_CASE("kinesis: a hot partition key throttles one shard while the others idle", "[kinesis]") {
  // 1,500 records a second on 4 shards (4,000 a second in all): with one key every record
  // goes to the same shard, which throttles a third of them; with 10,000 keys none.
  engine::Built hot = run_checking_balance(document(json::array({producers(1500, 1), stream(4)}), json::array({put_wire()}), 60));
  engine::Built spread = run_checking_balance(document(json::array({producers(1500, 10000), stream(4)}), json::array({put_wire()}), 60));
  CHECK(balance(hot).throttled == Approx(30000).epsilon(0.03));
  CHECK(balance(spread).throttled == 0);
  CHECK(metric(hot, "stream", "busiest_shard_write") == Approx(100));
  CHECK(metric(spread, "stream", "busiest_shard_write") < 60);  // about 375 of 1,000 records on the busiest
}

TEST_CASE("kinesis: a record over 1 MiB is refused with the reason", "[kinesis]") {
  engine::Built b = run_checking_balance(
      document(json::array({producers(2, 100, 2 * 1024 * 1024), stream(1)}), json::array({put_wire()}), 20));
  const services::KinesisBalance x = balance(b);
  CHECK(x.put >= 38);
  CHECK(x.rejected == x.put);
  CHECK(x.retained == 0);
  CHECK(logged(b, "record_too_large"));
}

TEST_CASE("kinesis: a Lambda consumer reads every record, one batch per shard at a time", "[kinesis][lambda]") {
  auto run = [](double shards) {
    return run_checking_balance(document(json::array({producers(200, 10000), stream(shards), consumer(100)}),
                                         json::array({put_wire(), poll_wire(10, 10)}), 60));
  };
  engine::Built one = run(1), four = run(4);
  // One shard: batches run one after another, never two at once, however many the mapping allows.
  CHECK(fn_stats(one).peak_running == 1);
  // Four shards: up to four batches at once.
  CHECK(fn_stats(four).peak_running == 4);
  // With four shards the function keeps up: nearly every record is read within the run.
  const services::KinesisBalance x = balance(four);
  CHECK(fn_stats(four).messages + 400 >= x.put);
  CHECK(x.throttled == 0);
  CHECK(metric(four, "stream", "iterator_age_s") < 3);
  // One shard: 10 records per 100 ms batch is at most 100 a second of the 200 written: it falls behind.
  CHECK(fn_stats(one).messages < x.put / 2);
  CHECK(balance(one).unread > 5000);
  CHECK(metric(one, "stream", "iterator_age_s") > 30);
}

namespace {
// Producers, a stream and `n` consumers (fn1..fnN) polling it, the first `fan_out` of them
// with enhanced fan-out.
json consumers_doc(int n, int fan_out, double rate, double bytes, double shards, double duration_s) {
  json nodes = json::array({producers(rate, 10000, bytes), stream(shards)});
  json wires = json::array({put_wire()});
  for (int i = 1; i <= n; ++i) {
    json fn = consumer(20);
    fn["id"] = "fn" + std::to_string(i);
    nodes.push_back(fn);
    json w = wire("stream", "fn" + std::to_string(i), {{"batch_size", 100}, {"maximum_concurrency", 10}}, "poll");
    if (i <= fan_out) w["params"]["enhanced_fan_out"] = true;
    wires.push_back(w);
  }
  return document(nodes, wires, duration_s);
}
// How old the records were when consumer `fn` got them (Lambda's polled_age).
sim::LatencyHistogram age_at_read(const engine::Built& b, const std::string& fn = "fn1") {
  return b.sim->latency_between(b.node(fn), b.sim->latency_metric(b.node(fn), "polled_age"), 0, b.duration);
}
double ms(sim::SimTime t) { return static_cast<double>(t) / sim::kMillisecond; }
}  // namespace

TEST_CASE("kinesis: standard consumers get records 200 ms each later; enhanced fan-out in about 70 ms", "[kinesis]") {
  // 50 small records a second on one shard, read by one or five standard consumers, or by
  // five with enhanced fan-out (records pushed: AWS-FACTS Propagation delay).
  const engine::Built one = run_checking_balance(consumers_doc(1, 0, 50, 200, 1, 60));
  const engine::Built five = run_checking_balance(consumers_doc(5, 0, 50, 200, 1, 60));
  const engine::Built fan_out = run_checking_balance(consumers_doc(5, 5, 50, 200, 1, 60));
  const double p50_one = ms(age_at_read(one).percentile(50)), p50_five = ms(age_at_read(five).percentile(50)),
               p50_fan_out = ms(age_at_read(fan_out).percentile(50));
  INFO("median age at read: 1 standard " << p50_one << " ms, 5 standard " << p50_five << " ms, 5 fan-out "
                                          << p50_fan_out << " ms");
  // Lambda asks a caught-up shard again once a second; a record written after a poll waits for it.
  CHECK(p50_one >= 200);
  CHECK(p50_five >= 1000);           // each gets a record a whole second after it was written
  CHECK(p50_fan_out >= 70);
  CHECK(p50_fan_out < 120);          // pushed as soon as it has propagated
  CHECK(p50_five > 5 * p50_fan_out);
  // Every consumer read every record (all keep up at this rate).
  for (int i = 1; i <= 5; ++i) {
    const auto s = services::lambda_stats(fan_out.sim->model(fan_out.node("fn" + std::to_string(i))));
    REQUIRE(s);
    CHECK(s->messages + 60 >= balance(fan_out).put);
  }
}

TEST_CASE("kinesis: three standard consumers share a shard's 2 MB/s; with enhanced fan-out each has its own", "[kinesis]") {
  // One shard written at 0.9 MB/s (90 records of 10 KB a second). Three standard consumers
  // need 2.7 MB/s from the shard's 2 MB/s: they fall behind. With enhanced fan-out each reads
  // 0.9 of its own 2 MB/s and keeps up.
  const engine::Built shared = run_checking_balance(consumers_doc(3, 0, 90, 10000, 1, 120));
  const engine::Built fan_out = run_checking_balance(consumers_doc(3, 3, 90, 10000, 1, 120));
  const double behind_shared = metric(shared, "stream", "iterator_age_s"),
               behind_fan_out = metric(fan_out, "stream", "iterator_age_s");
  INFO("iterator age at the end: standard " << behind_shared << " s, enhanced fan-out " << behind_fan_out << " s");
  CHECK(behind_shared > 20);  // a third of the demand is not read: the backlog grows for two minutes
  CHECK(behind_fan_out < 2);
  CHECK(balance(shared).unread > 2000);
  CHECK(balance(fan_out).unread < 300);
}

TEST_CASE("kinesis: at most 20 enhanced fan-out consumers; lint suggests it for three standard ones", "[kinesis][lint]") {
  doc::LoadResult ok = catalog::parse_document(consumers_doc(20, 20, 10, 200, 1, 10).dump());
  CHECK(ok.ok());
  doc::LoadResult too_many = catalog::parse_document(consumers_doc(21, 21, 10, 200, 1, 10).dump());
  REQUIRE_FALSE(too_many.ok());
  bool named = false;
  for (const auto& i : too_many.errors)
    if (i.path == "connections[21].params.enhanced_fan_out" && i.message.find("at most 20") != std::string::npos) named = true;
  CHECK(named);
  auto advice = [](int n, int fan_out) {
    doc::LoadResult r = catalog::parse_document(consumers_doc(n, fan_out, 10, 200, 1, 10).dump());
    REQUIRE(r.ok());
    int k = 0;
    for (const auto& f : lint::lint(r.document))
      if (f.rule == "kinesis-shared-consumers") ++k;
    return k;
  };
  CHECK(advice(3, 0) == 1);
  CHECK(advice(3, 1) == 0);  // two standard ones share comfortably
  CHECK(advice(2, 0) == 0);
}

TEST_CASE("kinesis: records read are not deleted; they expire after the retention period", "[kinesis]") {
  // 25 hours at one record a second with a 24 h retention: the first hour's records expire.
  engine::Built b = cp::test::build_document(
      document(json::array({producers(1, 10000), stream(1, {{"retention_h", 24}}), consumer(50)}),
               json::array({put_wire(), poll_wire()}), 25 * 3600));
  b.sim->run_until(23 * 3600 * sim::kSecond);
  CHECK(balance(b).expired == 0);
  b.sim->run_until(b.duration);
  const services::KinesisBalance x = balance(b);
  CHECK(x.balanced());
  CHECK(x.expired == Approx(3600).margin(5));
  CHECK(x.retained == Approx(24 * 3600).margin(5));
  CHECK(x.unread < 10);  // the consumer read them all (reading does not delete them)
}

TEST_CASE("kinesis: lint warns when producers have fewer partition keys than shards need", "[kinesis][lint]") {
  auto findings = [](double keys) {
    doc::LoadResult r = catalog::parse_document(
        document(json::array({producers(100, keys), stream(8)}), json::array({put_wire()}), 10).dump());
    REQUIRE(r.ok());
    int n = 0;
    for (const auto& f : lint::lint(r.document))
      if (f.rule == "kinesis-few-partition-keys") ++n;
    return n;
  };
  CHECK(findings(4) == 1);
  CHECK(findings(10000) == 0);
}

TEST_CASE("kinesis: the shard count is checked against the account's quota", "[kinesis]") {
  doc::LoadResult r = catalog::parse_document(
      document(json::array({producers(1, 10), stream(501)}), json::array({put_wire()}), 10).dump());
  CHECK_FALSE(r.ok());
}

TEST_CASE("kinesis: the shard limit stays per second in a long run, whose series are coarser", "[kinesis]") {
  // 60 records of 20 KB a second = 1.2 MB/s on one shard: a sixth is throttled. After 4,096
  // points the series (and on_second) run every 2 s; the limit must still count one second.
  engine::Built b = cp::test::build_document(
      document(json::array({producers(60, 10000, 20000), stream(1)}), json::array({put_wire()}), 2.5 * 3600));
  b.sim->run_until(b.duration);
  const services::KinesisBalance x = balance(b);
  CHECK(x.balanced());
  CHECK(static_cast<double>(x.throttled) / static_cast<double>(x.put) == Approx(1.0 / 6).margin(0.01));
}

TEST_CASE("example kinesis-hot-partition-key: one shard throttles while the sensor is stuck, then none", "[kinesis][examples]") {
  // The story's numbers: 2,000 device records a second over 4 shards (about 500 each); from 60
  // to 180 s one key adds 1,200 a second to one shard, which throttles about 700 a second.
  engine::Built b = cp::test::example_run("kinesis-hot-partition-key.json");
  auto x = [&] { return *services::kinesis_balance(*b.sim, b.node("clicks")); };
  b.sim->run_until(55 * sim::kSecond);
  CHECK(x().throttled == 0);
  CHECK(metric(b, "clicks", "busiest_shard_write") < 70);
  b.sim->run_until(120 * sim::kSecond);
  CHECK(metric(b, "clicks", "busiest_shard_write") == Approx(100));
  const uint64_t throttled_by_120 = x().throttled;
  CHECK(throttled_by_120 > 60 * 500);
  b.sim->run_until(b.duration);
  REQUIRE(x().balanced());
  CHECK(metric(b, "clicks", "busiest_shard_write") < 70);
  CHECK(x().throttled > throttled_by_120);
  bool began = false, ended = false;
  for (const auto& e : b.sim->event_log()) {
    if (std::string(e.reason) == "shard_write_limit") began = sim::to_seconds(e.time) > 59 && sim::to_seconds(e.time) < 62;
    if (std::string(e.reason) == "shard_write_ok") ended = sim::to_seconds(e.time) > 179 && sim::to_seconds(e.time) < 185;
  }
  CHECK(began);
  CHECK(ended);
  // The analytics function keeps up with what was accepted.
  auto fn = services::lambda_stats(b.sim->model(b.node("analytics")));
  REQUIRE(fn);
  CHECK(fn->messages + 2000 >= x().retained);
  CHECK(fn->peak_running <= 4);
}

TEST_CASE("example kinesis-enhanced-fan-out: alerts keeps up in about 70 ms while three standard consumers fall behind",
          "[kinesis][examples]") {
  auto run = [](bool reports_fan_out) {
    doc::Document d = cp::test::example_document("kinesis-enhanced-fan-out.json");
    if (reports_fan_out)
      for (doc::ConnectionDoc& c : d.connections)
        if (c.id == "events-reports") c.params["enhanced_fan_out"] = true;
    engine::Built b = engine::build(d);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);
    return b;
  };
  const engine::Built as_shipped = run(false), fixed = run(true);
  const double alerts = ms(age_at_read(as_shipped, "alerts").percentile(50)),
               analytics = ms(age_at_read(as_shipped, "analytics").percentile(50)),
               behind = as_shipped.sim->metrics(as_shipped.node("events")).metric_value("iterator_age_s");
  INFO("median age: alerts " << alerts << " ms, analytics " << analytics << " ms; iterator age at the end " << behind
                             << " s; fixed: " << fixed.sim->metrics(fixed.node("events")).metric_value("iterator_age_s")
                             << " s, reports " << ms(age_at_read(fixed, "reports").percentile(50)) << " ms");
  CHECK(alerts < 120);
  CHECK(analytics > 600);
  CHECK(behind > 60);  // 2.4 MB/s wanted of 2 MB/s: the slowest falls further behind all run (the story: "more than a minute")
  // Reports on enhanced fan-out: the two standard consumers need 1.6 MB/s and keep up.
  CHECK(fixed.sim->metrics(fixed.node("events")).metric_value("iterator_age_s") < 5);
  CHECK(ms(age_at_read(fixed, "reports").percentile(50)) < 120);
}
