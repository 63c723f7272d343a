// AWS Lambda (core/services/lambda.cpp): cold starts and warm reuse, memory and CPU, the
// Region's concurrency pool shared by functions, reserved concurrency, the scaling rate,
// synchronous throttles, asynchronous retries and the on-failure destination, validation,
// lint, an event source mapping over the poll protocol, and a checkpoint rewind.
#include <catch2/catch.hpp>

#include <memory>
#include <set>
#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/lint/lint.h"
#include "core/services/lambda.h"
#include "core/sim/lease_store.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/korean_text.h"

using namespace cp;
using cp::test::run_document;
using nlohmann::json;

namespace {

json fn(const std::string& id, json params, const std::string& region = "us-east-1") {
  return json{{"id", id}, {"type", "lambda"}, {"region", region}, {"params", std::move(params)}};
}
json users(const std::string& id, json params) {
  return json{{"id", id}, {"type", "users"}, {"region", "us-east-1"}, {"params", std::move(params)}};
}
json wire(const std::string& from, const std::string& to, json params = json::object()) {
  return json{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
}

json document(json nodes, json connections, double duration_s) {
  return json{{"version", 1},
              {"name", "Lambda test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 3}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}},
                                       json{{"code", "eu-west-1"}, {"azs", {"euw1-az1"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)}};
}

services::LambdaStats stats(const engine::Built& b, const char* node) {
  auto s = services::lambda_stats(b.sim->model(b.node(node)));
  REQUIRE(s);
  return *s;
}

json constant_ms(double ms) { return json{{"kind", "constant"}, {"value_ms", ms}}; }

// Mean of the function's declared duration metric over the run, in ms.
double mean_duration_ms(engine::Built& b, const char* node) {
  const sim::NodeId n = b.node(node);
  const sim::LatencyMetricId m = b.sim->latency_metric(n, "duration");
  return b.sim->latency_between(n, m, 0, b.duration).mean() / sim::kMillisecond;
}

}  // namespace

TEST_CASE("lambda: the first requests pay a cold start, later ones reuse warm environments", "[lambda]") {
  // 20 requests/s of 100 ms work: about 2 run at once, so a handful of environments serve 1,200 requests.
  const json j = document({users("u", {{"pattern", "poisson"}, {"rate_per_s", 20}}),
                           fn("f", {{"memory_mb", 2048}, {"duration", constant_ms(100)}, {"runtime", "nodejs"}})},
                          {wire("u", "f")}, 60);
  engine::Built b = run_document(j);
  const auto s = stats(b, "f");
  CHECK(s.invocations > 1100);
  CHECK(s.cold_starts >= 2);
  CHECK(s.cold_starts <= 12);
  CHECK(s.environments == s.cold_starts);  // none idled out within a minute
  CHECK(s.throttles == 0);
  // A cold invocation answers after init (140 ms Node.js + 12 ms for the 1 MB package) + 100 ms.
  const auto& lat = b.sim->metrics(b.node("f")).latency;
  CHECK(lat.max() >= 250 * sim::kMillisecond);
  CHECK(lat.max() <= 256 * sim::kMillisecond);
  CHECK(lat.min() >= 100 * sim::kMillisecond);
  CHECK(lat.min() <= 101 * sim::kMillisecond);
  CHECK(b.sim->metrics(b.node("f")).metric_value("cold_starts") == static_cast<double>(s.cold_starts));
}

TEST_CASE("lambda: idle environments are reclaimed, so a quiet function starts cold again", "[lambda]") {
  // One request every 5 s; environments kept 2 s idle: every request is a cold start.
  json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 0.2}}),
                     fn("f", {{"duration", constant_ms(10)}, {"idle_reclaim_s", 2}, {"runtime", "java"}})},
                    {wire("u", "f")}, 60);
  engine::Built b = run_document(j);
  auto s = stats(b, "f");
  CHECK(s.invocations >= 11);
  CHECK(s.cold_starts == s.invocations);
  CHECK(s.reclaimed + 1 >= s.invocations);
  // Kept 60 s: only the first is cold.
  j["nodes"][1]["params"]["idle_reclaim_s"] = 60;
  engine::Built warm = run_document(j);
  CHECK(stats(warm, "f").cold_starts == 1);
}

TEST_CASE("lambda: the runtime and the package size set the cold start", "[lambda]") {
  auto cold_ms = [](const char* runtime, double package_mb) {
    // One request every 5 s, environments kept 1 s: every request starts cold.
    json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 0.2}}),
                       fn("f", {{"memory_mb", 2048}, {"duration", constant_ms(10)}, {"idle_reclaim_s", 1},
                                {"runtime", runtime}, {"package_mb", package_mb}})},
                      {wire("u", "f")}, 40);
    engine::Built b = run_document(j);
    REQUIRE(stats(b, "f").cold_starts >= 7);
    REQUIRE(stats(b, "f").cold_starts == stats(b, "f").invocations);
    return b.sim->metrics(b.node("f")).latency.mean() / sim::kMillisecond - 10;
  };
  CHECK(cold_ms("rust", 0) == Approx(16).margin(0.5));
  CHECK(cold_ms("python", 0) == Approx(83).margin(0.5));
  CHECK(cold_ms("java", 0) == Approx(235).margin(0.5));
  CHECK(cold_ms("nodejs", 100) == Approx(140 + 1200).margin(1));
}

TEST_CASE("lambda: CPU follows memory, so duration shrinks as memory grows, up to one vCPU", "[lambda]") {
  auto duration = [](int memory) {
    json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 5}}),
                       fn("f", {{"memory_mb", memory}, {"duration", constant_ms(20)}, {"timeout_s", 10}})},
                      {wire("u", "f")}, 20);
    engine::Built b = run_document(j);
    return mean_duration_ms(b, "f");
  };
  const double at128 = duration(128), at1769 = duration(1769), at4096 = duration(4096);
  CHECK(at128 == Approx(20.0 * 1769 / 128).epsilon(0.01));  // 276 ms
  CHECK(at1769 == Approx(20).epsilon(0.01));
  CHECK(at4096 == Approx(at1769).epsilon(0.01));  // no faster above one vCPU
}

TEST_CASE("lambda: functions of a Region share its concurrency; another Region's are apart", "[lambda]") {
  // Each function needs ~80 concurrent executions (400/s x 200 ms); the Region allows 100.
  const json load = {{"pattern", "constant"}, {"rate_per_s", 400}};
  const json p = {{"memory_mb", 2048}, {"duration", constant_ms(200)}, {"account_concurrency", 100}};
  json j = document({users("u1", load), users("u2", load), users("u3", load), fn("a", p), fn("b", p), fn("c", p, "eu-west-1")},
                    {wire("u1", "a"), wire("u2", "b"), wire("u3", "c")}, 30);
  engine::Built b = run_document(j);
  const auto a = stats(b, "a"), bb = stats(b, "b"), c = stats(b, "c");
  CHECK(a.throttles + bb.throttles > 3000);  // ~160 wanted, 100 granted
  CHECK(a.peak_running + bb.peak_running >= 100);
  CHECK(c.throttles < 100);  // eu-west-1 has its own 100 (a few throttles while the first cold starts run)
  CHECK(c.peak_running >= 75);
  const auto& pools = b.sim->pools().all();
  bool seen = false;
  for (const auto& ps : pools)
    if (ps.key.name == "lambda_concurrency" && ps.declared_by == 2) {
      seen = true;
      CHECK(ps.peak == 100);
      CHECK(ps.refused > 3000);
    }
  CHECK(seen);
  // The synchronous callers saw 429s: the users' connections count throttled outcomes.
  const sim::ConnId ua{0};
  CHECK(static_cast<double>(b.sim->connection(ua).metrics.outcomes[static_cast<int>(sim::Outcome::Throttled)]) ==
        Approx(static_cast<double>(a.throttles)).margin(5));  // a few answers still on their way at the end
  // The event log says which limit and when it ended.
  bool began = false;
  for (const auto& e : b.sim->event_log())
    if (e.kind == sim::LogKind::ThrottlingBegan && e.reason == std::string("concurrency_limit")) {
      began = true;
      CHECK(cp::test::has_hangul(e.text_ko));
      CHECK(e.find_field("limit")->value == 100);
    }
  CHECK(began);
}

TEST_CASE("lambda: reserved concurrency caps a function and keeps its share from the others", "[lambda]") {
  const json load = {{"pattern", "constant"}, {"rate_per_s", 400}};
  json j = document({users("u1", load), users("u2", load),
                     fn("noisy", {{"memory_mb", 2048}, {"duration", constant_ms(1000)}, {"account_concurrency", 300}}),
                     fn("vital", {{"memory_mb", 2048}, {"duration", constant_ms(100)}, {"account_concurrency", 300},
                                  {"reserved_concurrency", 60}})},
                    {wire("u1", "noisy"), wire("u2", "vital")}, 30);
  engine::Built b = run_document(j);
  const auto noisy = stats(b, "noisy"), vital = stats(b, "vital");
  CHECK(noisy.peak_running == 240);  // 300 - 60 reserved
  CHECK(noisy.throttles > 1000);
  CHECK(vital.peak_running <= 60);
  CHECK(vital.throttles < 100);  // needs ~40 of its 60 once warm (a few while its first cold starts run)
  CHECK(noisy.throttles > 50 * vital.throttles);
  // Reserved above its need and then cut to 20: the function throttles itself.
  j["nodes"][3]["params"]["reserved_concurrency"] = 20;
  engine::Built cut = run_document(j);
  CHECK(stats(cut, "vital").peak_running == 20);
  CHECK(stats(cut, "vital").throttles > 1000);
}

TEST_CASE("lambda: each function adds at most 1,000 environments per 10 s", "[lambda]") {
  // 3,000 requests/s of 1 s each want ~3,000 environments at once; the account allows 10,000.
  json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 3000}}),
                     fn("f", {{"memory_mb", 2048}, {"duration", constant_ms(1000)}, {"account_concurrency", 10000},
                              {"timeout_s", 5}})},
                    {wire("u", "f")}, 12);
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  b.sim->run_until(5 * sim::kSecond);
  auto s = stats(b, "f");
  CHECK(s.environments >= 1000 + 450);  // the burst, then 100 a second
  CHECK(s.environments <= 1000 + 510);
  CHECK(s.throttles > 5000);
  b.sim->run_until(b.duration);
  s = stats(b, "f");
  CHECK(s.environments <= 1000 + 1210);
  bool scaling = false;
  for (const auto& e : b.sim->event_log()) scaling = scaling || e.reason == std::string("scaling_rate");
  CHECK(scaling);
}

TEST_CASE("lambda: a timeout above 900 s, and reservations that do not fit, are refused with the reason", "[lambda]") {
  json j = document({fn("f", {{"timeout_s", 901}})}, json::array(), 10);
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE_FALSE(r.ok());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "nodes[0].params.timeout_s");
  CHECK(r.errors[0].message.find("900") != std::string::npos);
  CHECK(cp::test::has_hangul(r.errors[0].message_ko));

  json k = document({fn("a", {{"reserved_concurrency", 950}}), fn("b", {{"account_concurrency", 500}}),
                     fn("c", {{"on_failure_destination", "nowhere"}})},
                    json::array(), 10);
  r = catalog::parse_document(k.dump());
  INFO(cp::test::all_issues(r.errors));
  REQUIRE(r.errors.size() == 3);
  for (const auto& e : r.errors) {
    CHECK(cp::test::has_hangul(e.message_ko));
    CHECK(cp::test::korean_problems(e.message_ko, true).empty());
  }
  CHECK(r.errors[0].path == "nodes[0].params.reserved_concurrency");
  CHECK(r.errors[1].path == "nodes[1].params.account_concurrency");
  CHECK(r.errors[2].path == "nodes[2].params.on_failure_destination");
}

TEST_CASE("lambda: asynchronous events that keep failing are retried twice, then go to the on-failure destination", "[lambda]") {
  // Every invocation times out (work 2 s, timeout 1 s): attempts at t, t + 1 min, t + 3 min.
  json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 0.5}}),
                     fn("f", {{"memory_mb", 2048}, {"duration", constant_ms(2000)}, {"timeout_s", 1},
                              {"on_failure_destination", "dlq"}}),
                     json{{"id", "dlq"}, {"type", "compute"}, {"region", "us-east-1"}, {"az", "use1-az1"},
                          {"params", {{"workers", 10}, {"service_time", constant_ms(1)}}}}},
                    {wire("u", "f", {{"mode", "async"}}), wire("f", "dlq", {{"mode", "async"}})}, 400);
  engine::Built b = run_document(j);
  const auto s = stats(b, "f");
  CHECK(s.async_accepted >= 199);
  CHECK(static_cast<int64_t>(s.timeouts) + s.running == static_cast<int64_t>(s.invocations));
  // Events sent before ~3:05 failed all three attempts by the end.
  const uint64_t done = s.async_to_destination;
  CHECK(done >= 105);
  CHECK(done <= 112);
  CHECK(s.async_retries >= 2 * done);
  CHECK(b.sim->metrics(b.node("dlq")).completions == done);
  CHECK(s.async_dropped == 0);

  // Without a destination they are dropped and counted.
  j["nodes"][1]["params"].erase("on_failure_destination");
  j["connections"].erase(1);
  engine::Built lost = run_document(j);
  CHECK(stats(lost, "f").async_dropped == done);
  CHECK(lost.sim->metrics(lost.node("f")).metric_value("async_dropped") == static_cast<double>(done));
}

TEST_CASE("lambda: throttled asynchronous events wait and back off; past their maximum age they are dropped", "[lambda]") {
  // Reserved 2, 1 s each: 2 events/s get done, 10/s arrive. Waiting events are requeued with backoff.
  json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 10}}),
                     fn("f", {{"memory_mb", 2048}, {"duration", constant_ms(1000)}, {"reserved_concurrency", 2},
                              {"maximum_event_age_s", 60}})},
                    {wire("u", "f", {{"mode", "async"}})}, 120);
  engine::Built b = run_document(j);
  const auto s = stats(b, "f");
  CHECK(s.async_accepted >= 1199);
  CHECK(s.throttles > 0);
  CHECK(s.invocations <= 240);
  CHECK(s.invocations > 60);
  CHECK(s.async_dropped > 300);  // older than 60 s
  // Every event accounted for: run once, dropped, or still waiting.
  CHECK(s.async_dropped + s.invocations + s.async_waiting == s.async_accepted);
  CHECK(b.sim->connection(sim::ConnId{0}).metrics.outcomes[static_cast<int>(sim::Outcome::Throttled)] == 0);  // accepted (202)
}

TEST_CASE("lambda: a payload over 6 MB (sync) or 1 MB (async) is refused", "[lambda]") {
  json j = document({users("u", {{"pattern", "constant"}, {"rate_per_s", 1}, {"request_bytes", 2 * 1024 * 1024}}),
                     users("v", {{"pattern", "constant"}, {"rate_per_s", 1}, {"request_bytes", 2 * 1024 * 1024}}),
                     fn("f", {{"duration", constant_ms(1)}})},
                    {wire("u", "f"), wire("v", "f", {{"mode", "async"}})}, 10);
  engine::Built b = run_document(j);
  const auto& sync = b.sim->connection(sim::ConnId{0}).metrics.outcomes;
  const auto& async = b.sim->connection(sim::ConnId{1}).metrics;
  CHECK(sync[0] >= 9);  // sync: 2 MB is fine
  CHECK(sync[static_cast<int>(sim::Outcome::Rejected)] == 0);
  CHECK(async.calls >= 9);
  CHECK(b.sim->metrics(b.node("f")).outcomes[static_cast<int>(sim::Outcome::Rejected)] + 1 >= async.calls);  // async: over 1 MB (the last one may be on its way)
  CHECK(stats(b, "f").async_accepted == 0);
}

TEST_CASE("lambda: lint names a reserved concurrency of 0 and async invokes without a destination", "[lambda][lint]") {
  json j = document({users("u", {{"rate_per_s", 1}}), fn("f", {{"reserved_concurrency", 0}})},
                    {wire("u", "f", {{"mode", "async"}, {"timeout_ms", 1000}})}, 10);
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  std::set<std::string> rules;
  for (const auto& f : lint::lint(r.document)) {
    rules.insert(f.rule);
    CHECK(cp::test::has_hangul(f.text_ko));
    CHECK(cp::test::korean_problems(f.text_ko, true).empty());
  }
  CHECK(rules.count("lambda-reserved-zero"));
  CHECK(rules.count("lambda-async-without-destination"));
}

TEST_CASE("lambda: a checkpoint mid-run rewinds to the same trace", "[lambda][checkpoint]") {
  const json j = document({users("u", {{"pattern", "poisson"}, {"rate_per_s", 300}}),
                           users("v", {{"pattern", "poisson"}, {"rate_per_s", 20}}),
                           fn("f", {{"memory_mb", 512}, {"duration", constant_ms(300)}, {"account_concurrency", 150},
                                    {"idle_reclaim_s", 5}})},
                          {wire("u", "f"), wire("v", "f", {{"mode", "async"}})}, 40);
  engine::Built straight = run_document(j);
  REQUIRE(stats(straight, "f").throttles > 0);
  doc::LoadResult r = catalog::parse_document(j.dump());
  engine::Built b = engine::build(r.document);
  b.sim->run_until(17 * sim::kSecond);
  auto cp = b.sim->checkpoint();
  b.sim->run_until(b.duration);
  REQUIRE(b.sim->rewind_to(*cp));
  b.sim->run_until(b.duration);
  CHECK(b.sim->trace_hash() == straight.sim->trace_hash());
  CHECK(stats(b, "f").cold_starts == stats(straight, "f").cold_starts);
}

// ---- An event source mapping over the poll protocol (lambda.h), against a minimal queue ----
namespace {

using catalog::ParamSpec;
using catalog::ParamType;
using catalog::RoleSpec;
using catalog::ServiceDescriptor;

enum : uint16_t { kQueueDue = 1 };

// Sends are calls; on a poll wire tag n > 0 leases up to n, tag 0 deletes the receipt in the key.
class MiniQueue : public sim::ModelBase<MiniQueue> {
public:
  void on_request(sim::Simulation& s, sim::ReqHandle h) override {
    const sim::Request& r = s.request(h);
    const sim::Connection& c = s.connection(r.conn);
    const sim::SimTime now = s.now();
    if (c.role != sim::WireRole::Poll) {
      store.put(now, r.lineage(), now);
      s.respond(h, sim::Outcome::Ok);
    } else if (r.tag == services::kPollDeleteTag) {
      sim::Reply done;
      done.count = store.ack(now, sim::Receipt::from_bits(r.key)) ? 1 : 0;
      s.respond(h, sim::Outcome::Ok, done);
    } else {
      const sim::SimTime vis = static_cast<sim::SimTime>(c.role_params.number("visibility_timeout_s", 30) * sim::kSecond);
      sim::Reply reply;
      sim::Leased m;
      while (reply.items.size() < r.tag && store.lease(now, now + vis, &m)) {
        reply.items.push_back(sim::ReplyItem{m.item, m.receipt.bits(), m.receive_count});
        max_receives = std::max(max_receives, m.receive_count);
      }
      reply.count = reply.items.size();
      s.respond(h, sim::Outcome::Ok, reply);
    }
    due_.set(s, id(), store.next_due(), kQueueDue);
  }
  void on_timer(sim::Simulation& s, uint16_t, uint64_t) override {
    store.advance(s.now());
    due_.set(s, id(), store.next_due(), kQueueDue);
  }
  sim::LeaseStore store;
  uint32_t max_receives = 0;

private:
  sim::WakeUp due_;
};

const ServiceDescriptor& mini_queue() {
  static const ServiceDescriptor d = [] {
    ServiceDescriptor q;
    q.type = "mini_queue";
    q.category = catalog::Category::Testing;
    q.name = {"Mini queue", "작은 대기열"};
    q.placement = sim::PlacementKind::Region;
    q.makes_calls = false;
    q.target_roles = {RoleSpec{}};
    q.source_roles = {RoleSpec{sim::WireRole::Poll,
                               {ParamSpec{"visibility_timeout_s", ParamType::Int, {"Visibility timeout", "표시 제한 시간"},
                                          {"", ""}, "s", 0, 43200, 30, {}, ""}},
                               {},
                               nullptr}};
    q.create = [](const catalog::BuildContext&) { return std::make_unique<MiniQueue>(); };
    return q;
  }();
  return d;
}

struct WithMiniQueue {
  WithMiniQueue() {
    std::vector<const ServiceDescriptor*> all = catalog::all_services();
    all.push_back(&mini_queue());
    catalog::set_services_for_testing(std::move(all));
  }
  ~WithMiniQueue() { catalog::set_services_for_testing({}); }
};

json poll_doc(double rate, json fn_params, json poll_params, double duration_s = 60) {
  json q = {{"id", "q"}, {"type", "mini_queue"}, {"region", "us-east-1"}};
  json poll = wire("q", "f", std::move(poll_params));
  poll["role"] = "poll";
  return document({users("u", {{"pattern", "poisson"}, {"rate_per_s", rate}}), q, fn("f", std::move(fn_params))},
                  {wire("u", "q"), poll}, duration_s);
}

const MiniQueue& queue_of(const engine::Built& b) { return static_cast<const MiniQueue&>(b.sim->model(b.node("q"))); }

}  // namespace

TEST_CASE("lambda: an event source mapping pulls batches from a queue and deletes what it processed", "[lambda][poll]") {
  WithMiniQueue services;
  engine::Built b = run_document(poll_doc(50, {{"memory_mb", 2048}, {"duration", constant_ms(100)}}, {{"batch_size", 10}}));
  const auto s = stats(b, "f");
  const MiniQueue& q = queue_of(b);
  CHECK(q.store.counters().put > 2700);
  CHECK(s.messages + q.store.held() == q.store.counters().put);  // every message handed to the function or still held
  CHECK(q.store.counters().acked == s.deletes_sent);             // deletes all arrived (none stale)
  CHECK(s.deletes_sent + 20 >= s.messages);                      // all but the last batches' in flight
  CHECK(q.store.counters().expired == 0);
  CHECK(q.max_receives == 1);
  CHECK(s.batches < s.messages);  // more than one message per invocation on average
}

TEST_CASE("lambda: a batching window gathers larger batches", "[lambda][poll]") {
  WithMiniQueue services;
  auto mean_batch = [](int batch, int window_s) {
    engine::Built b = run_document(poll_doc(10, {{"memory_mb", 2048}, {"duration", constant_ms(50)}},
                                   {{"batch_size", batch}, {"maximum_batching_window_s", window_s}}));
    const auto s = stats(b, "f");
    REQUIRE(s.batches > 0);
    return static_cast<double>(s.messages) / static_cast<double>(s.batches);
  };
  // Without a window a batch is what one receive finds (the mapping asks again 1 s after an empty one).
  const double plain = mean_batch(10, 0);
  CHECK(plain <= 10);
  const double windowed = mean_batch(100, 3);
  CHECK(windowed > 20);  // ~3 s of 10 messages a second
  CHECK(windowed < 40);
  CHECK(windowed > 2 * plain);
  // From an SQS queue a batch size above 10 without a window is refused at validation, with
  // the reason (a receive returns at most 10); from a Kinesis stream it is not (up to 10,000).
  auto with_source = [](const char* type) {
    json d = poll_doc(10, json::object(), {{"batch_size", 100}});
    d["nodes"][1]["type"] = type;
    return catalog::parse_document(d.dump());
  };
  doc::LoadResult r = with_source("sqs");
  REQUIRE_FALSE(r.ok());
  CHECK(r.errors[0].path.find("maximum_batching_window_s") != std::string::npos);
  CHECK(cp::test::has_hangul(r.errors[0].message_ko));
  doc::LoadResult stream = with_source("kinesis");
  for (const auto& e : stream.errors) UNSCOPED_INFO(e.path << ": " << e.message);
  CHECK(stream.ok());
}

TEST_CASE("lambda: a failing batch is not deleted, so its messages come back after the visibility timeout", "[lambda][poll]") {
  WithMiniQueue services;
  // Work 3 s, timeout 1 s: every batch fails; a 5 s visibility timeout hands them out again.
  engine::Built b = run_document(poll_doc(5, {{"memory_mb", 2048}, {"duration", constant_ms(3000)}, {"timeout_s", 1}},
                                 {{"batch_size", 10}, {"visibility_timeout_s", 5}}));
  const auto s = stats(b, "f");
  const MiniQueue& q = queue_of(b);
  CHECK(s.deletes_sent == 0);
  CHECK(static_cast<int64_t>(s.errors) + s.running == static_cast<int64_t>(s.invocations));
  CHECK(q.store.counters().expired > 100);
  CHECK(q.max_receives >= 5);
  // Lint: a 5 s visibility timeout is under six times the 1 s function timeout.
  doc::LoadResult r = catalog::parse_document(
      poll_doc(5, {{"timeout_s", 1}}, {{"batch_size", 10}, {"visibility_timeout_s", 5}}).dump());
  REQUIRE(r.ok());
  bool found = false;
  for (const auto& f : lint::lint(r.document)) found = found || f.rule == "lambda-visibility-under-six-timeouts";
  CHECK(found);
}
