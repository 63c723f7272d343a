// Named metrics: every service declares its metrics completely in both languages,
// models set only what their service declares, the series and the report hold them
// by key, a window's percentiles come from merged per-interval histograms (exact to
// the histogram's resolution, also after the series halves), and goals may name them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/goals.h"
#include "core/engine/report.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/source_files.h"

using namespace cp;
using cp::test::all_issues;
using cp::test::has_hangul;
using nlohmann::json;

namespace {

bool snake_case(const std::string& k) {
  if (k.empty() || !(k[0] >= 'a' && k[0] <= 'z')) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// A model that records a known latency every 7 ms into a declared latency metric and
// keeps every raw sample, to compare windows with the truth.
class Recorder : public sim::ModelBase<Recorder> {
 public:
  void start(sim::Simulation& s) override {
    age_ = s.latency_metric(id(), "age");
    depth_ = s.gauge(id(), "depth");
    s.schedule_timer(id(), 7 * sim::kMillisecond, 0);
  }
  void on_request(sim::Simulation& s, sim::ReqHandle h) override { s.respond(h, sim::Outcome::Ok); }
  void on_timer(sim::Simulation& s, uint16_t, uint64_t) override {
    // A wide, lumpy distribution: 0.2 ms .. ~2 s, slower in some minutes.
    const int64_t v = 200 + static_cast<int64_t>(s.rng().below(20000)) * (1 + (s.now() / sim::kMinute) % 7) *
                                (s.rng().below(100) == 0 ? 15 : 1);
    s.metrics(id()).record(age_, v);
    s.metrics(id()).set(depth_, static_cast<double>((s.now() / sim::kSecond) % 100));
    samples->push_back({s.now(), v});
    s.schedule_timer(id(), s.now() + 7 * sim::kMillisecond, 0);
  }
  std::vector<std::pair<sim::SimTime, int64_t>>* samples = nullptr;

 private:
  sim::LatencyMetricId age_;
  sim::GaugeId depth_;
};

// Nearest-rank percentile of the raw samples in (t0, t1].
int64_t raw_percentile(const std::vector<std::pair<sim::SimTime, int64_t>>& all, sim::SimTime t0, sim::SimTime t1, double p) {
  std::vector<int64_t> v;
  for (const auto& [t, x] : all)
    if (t > t0 && t <= t1) v.push_back(x);
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  rank = std::clamp<size_t>(rank, 1, v.size());
  return v[rank - 1];
}

doc::Document load(const json& j) {
  doc::LoadResult r = catalog::load_document(j);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  return r.document;
}

// A t3.micro running hot: its CPU credits drain, then it is throttled.
json burst_doc() {
  return json::parse(R"({
    "version": 1, "name": "Credits",
    "settings": {"duration_s": 900, "seed": 5},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"pattern": "poisson", "rate_per_s": 60}},
      {"id": "api", "type": "ec2", "region": "us-east-1", "az": "use1-az1",
       "params": {"instance_type": "t3.micro", "initial_credits": 0.02,
                  "service_time": {"kind": "exponential", "mean_ms": 20}}},
      {"id": "big", "type": "ec2", "region": "us-east-1", "az": "use1-az1", "params": {"instance_type": "m5.large"}}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "api"}]
  })");
}

}  // namespace

TEST_CASE("metrics: every service declares its metrics completely, in English and Korean") {
  size_t declared = 0;
  for (const catalog::ServiceDescriptor* d : catalog::all_services()) {
    std::set<std::string> keys;
    bool total = false, ready = false;
    for (const catalog::MetricSpec& m : d->metrics) {
      INFO(d->type << "." << m.key());
      ++declared;
      CHECK(snake_case(m.key()));
      CHECK(keys.insert(m.key()).second);
      CHECK_FALSE(doc::find_goal_metric(m.key()));  // a goal could not tell them apart
      CHECK(std::string(m.label.en).size() > 2);
      CHECK(has_hangul(m.label.ko));
      CHECK(std::string(m.help.en).size() > 20);
      CHECK(has_hangul(m.help.ko));
      CHECK(std::string(m.unit.en).empty() == std::string(m.unit.ko).empty());
      CHECK(std::string(m.only_when.en).empty() == std::string(m.only_when.ko).empty());
      if (*m.only_when.en) CHECK(bool(d->metric_applies));
      total = total || m.card == catalog::MetricCard::Total;
      ready = ready || m.card == catalog::MetricCard::Ready;
    }
    INFO(d->type);
    CHECK(total == ready);  // a card badge is "ready/total ok": both or neither
  }
  CHECK(declared >= 15);
  // Applicability follows the settings: credits only on burstable types.
  const catalog::ServiceDescriptor* ec2 = catalog::find_service("ec2");
  REQUIRE(ec2);
  const catalog::MetricSpec* credits = catalog::find_metric(*ec2, "cpu_credits");
  REQUIRE(credits);
  CHECK(catalog::metric_applies(*ec2, *credits, catalog::with_defaults(*ec2, json{{"instance_type", "t3.small"}})));
  CHECK_FALSE(catalog::metric_applies(*ec2, *credits, catalog::with_defaults(*ec2, json{{"instance_type", "m5.large"}})));
  CHECK(catalog::metric_value_text(*credits, 143.256, false) == "143.26 credits");
  CHECK(catalog::metric_value_text(*credits, 143.256, true) == "143.26크레딧");
}

TEST_CASE("metrics: models set only declared metrics, and the report holds them by key", "[checkpoint]") {
  namespace fs = std::filesystem;
  std::set<std::string> seen;  // services whose declared metrics reached a report
  for (const auto& entry : fs::directory_iterator(std::string(CLOUDPLAY_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".json") continue;
    const std::string file = entry.path().filename().string();
    INFO(file);
    auto b = test::example_run(file);
    b.sim->run_until(std::min(b.duration, 120 * sim::kSecond));
    CHECK(b.sim->undeclared_metrics().empty());
    const json r = engine::report_json(b, /*with_series=*/true);
    for (const json& n : r["nodes"]) {
      const catalog::ServiceDescriptor* d = catalog::find_service(n["type"].get<std::string>());
      REQUIRE(d);
      const sim::NodeMetrics& m = b.sim->metrics(b.node(n["id"].get<std::string>()));
      size_t applies = 0;
      for (size_t k = 0; k < m.metric_count(); ++k) applies += m.def(k).applies;
      if (applies == 0) {
        CHECK_FALSE(n.contains("metrics"));
        continue;
      }
      seen.insert(d->type);
      REQUIRE(n.contains("metrics"));
      CHECK(n["metrics"].size() == applies);
      CHECK(n["series"]["metrics"].size() == applies);
      for (auto it = n["metrics"].begin(); it != n["metrics"].end(); ++it) {
        CHECK(catalog::find_metric(*d, it.key()));
        CHECK(n["series"]["metrics"][it.key()].size() == n["series"]["t_s"].size());
      }
    }
  }
  CHECK(seen.count("asg"));
  CHECK(seen.count("alb"));
  CHECK(seen.count("cloudfront"));
  // The CSV's columns: the common ones, then every declared key of the run's nodes.
  auto b = test::example_run("cloudfront-in-front-of-origin.json");
  b.sim->run_until(5 * sim::kSecond);
  const std::string csv = engine::series_csv(*b.sim);
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(header.find(",cost_per_hour,") != std::string::npos);
  CHECK(header.find(",hit_ratio") != std::string::npos);
  CHECK(header.find("backlog") == std::string::npos);
}

TEST_CASE("metrics: a window's p99 from merged histograms is the raw samples' p99, also after the series halves") {
  sim::Simulation s(11);
  s.topology().add_region("us-east-1", 38.9, -77.0);
  auto rec = std::make_unique<Recorder>();
  std::vector<std::pair<sim::SimTime, int64_t>> samples;
  rec->samples = &samples;
  const sim::NodeId n = s.add_node(std::move(rec), {"rec", "rec", "test", {}});
  s.declare_metrics(n, std::make_shared<std::vector<sim::MetricDef>>(std::vector<sim::MetricDef>{
                           {"depth", sim::MetricKind::Gauge, sim::MetricStat::Max},
                           {"age", sim::MetricKind::Latency}}));
  s.start();
  const sim::LatencyMetricId age{0};
  // 10,000 s: the series halves at 4,096 points twice (4 s per point up to ~8,200 s).
  s.run_until(10000 * sim::kSecond);
  CHECK(s.undeclared_metrics().empty());
  const sim::NodeMetrics& m = s.metrics(n);
  REQUIRE(m.series.size() < sim::kMaxSeriesPoints);
  REQUIRE(m.series.front().interval_s == 4);
  const double resolution = 1.0 / 128;  // half a bucket at 2^6 sub-buckets
  struct Window { double from, to; };
  // Ends on the 4 s points' boundaries, and not at a multiple of 7 ms: a sample at the
  // very microsecond of a tick is recorded after it, in the next interval.
  for (const Window w : {Window{0, 10000}, Window{300, 900}, Window{1000, 5000}, Window{4096, 8192}, Window{9000, 9992},
                         Window{9500, 10000}}) {
    const sim::SimTime t0 = sim::from_seconds(w.from), t1 = sim::from_seconds(w.to);
    const sim::LatencyHistogram h = s.latency_between(n, age, t0, t1);
    INFO("window " << w.from << "-" << w.to << " s, " << h.count() << " samples");
    size_t raw_count = 0;
    for (const auto& x : samples) raw_count += x.first > t0 && x.first <= t1;
    CHECK(h.count() == raw_count);
    for (double p : {50.0, 95.0, 99.0, 99.9}) {
      const double raw = static_cast<double>(raw_percentile(samples, t0, t1, p));
      CHECK(std::fabs(static_cast<double>(h.percentile(p)) - raw) <= raw * resolution + 1);
    }
    CHECK(h.max() == raw_percentile(samples, t0, t1, 100));
  }
  // A merged point's p99 is the p99 of both halves' samples, not the larger of two p99s.
  const size_t i = 100;
  const sim::SimTime end = sim::from_seconds(m.series[i].t_s), begin = end - sim::from_seconds(m.series[i].interval_s);
  const size_t age_col = 1;
  CHECK(std::fabs(m.point_values(i)[age_col] * 1000.0 - raw_percentile(samples, begin, end, 99)) <=
        raw_percentile(samples, begin, end, 99) * resolution + 1);
  // A Max gauge keeps the highest of the merged points (depth counts 0..99 each 100 s).
  CHECK(s.metric_between(n, 0, 0, 10000 * sim::kSecond) == Approx(99));
}

TEST_CASE("metrics: the served requests' histograms of a whole run merge to the node's own, after halving") {
  json j = json::parse(R"({
    "version": 1, "name": "Long", "settings": {"duration_s": 9000, "seed": 2},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"pattern": "poisson", "rate_per_s": 3}},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az1",
       "params": {"workers": 1, "service_time": {"kind": "exponential", "mean_ms": 50}}}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "web"}]
  })");
  auto b = engine::build(load(j));
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  const sim::NodeId web = b.node("web");
  const sim::NodeMetrics& m = b.sim->metrics(web);
  REQUIRE(m.series.front().interval_s == 4);
  const sim::LatencyHistogram all = b.sim->latency_between(web, 0, b.duration);
  CHECK(all.count() == m.latency.count());
  CHECK(all.sum() == m.latency.sum());
  CHECK(all.max() == m.latency.max());
  for (double p : {1.0, 50.0, 90.0, 99.0, 99.9}) CHECK(all.percentile(p) == m.latency.percentile(p));
  // Past a budget for the histograms the series halves early, and stays exact.
  auto tight = engine::build(load(j));
  tight.sim->set_series_histogram_budget(16 * 1024);
  tight.sim->run_until(b.duration);
  CHECK(tight.sim->series_histogram_bytes() <= 16 * 1024);
  CHECK(tight.sim->series_points() < b.sim->series_points());
  const sim::LatencyHistogram all_tight = tight.sim->latency_between(web, 0, b.duration);
  CHECK(all_tight.count() == m.latency.count());
  CHECK(all_tight.percentile(99) == m.latency.percentile(99));
  // A checkpoint and a rewind keep the per-interval histograms and metric rows in step.
  auto again = engine::build(load(j));
  again.sim->run_until(3000 * sim::kSecond);
  auto cp = again.sim->checkpoint();
  again.sim->run_until(4000 * sim::kSecond);
  REQUIRE(again.sim->rewind_to(*cp));
  again.sim->run_until(b.duration);
  const sim::LatencyHistogram replayed = again.sim->latency_between(web, 1000 * sim::kSecond, 8000 * sim::kSecond);
  const sim::LatencyHistogram straight = b.sim->latency_between(web, 1000 * sim::kSecond, 8000 * sim::kSecond);
  CHECK(replayed.count() == straight.count());
  CHECK(replayed.percentile(99) == straight.percentile(99));
}

TEST_CASE("metrics: goals may name a declared gauge, and naming a missing one lists the node's metrics") {
  json j = burst_doc();
  j["goals"] = json::parse(R"([
    {"metric": "cpu_credits", "node": "api", "at_least": 1, "from": "1:00", "to": "15:00"},
    {"metric": "cpu_credits", "node": "api", "below": 1e9, "to": "0:30"},
    {"metric": "serving", "node": "big", "at_least": 1}
  ])");
  doc::Document d = load(j);
  auto b = engine::build(d);
  REQUIRE(b.ok());
  engine::GoalTracker goals(d, b);
  goals.run_until(*b.sim, b.duration);
  const auto r = goals.results(*b.sim);
  REQUIRE(r.size() == 3);
  for (const auto& x : r) {
    INFO(x.en);
    CHECK(x.finished());
    CHECK(x.has_value);
    CHECK(has_hangul(x.ko));
  }
  // The lowest balance over 1:00-15:00 is the lowest of the series points in it.
  const sim::NodeMetrics& api = b.sim->metrics(b.node("api"));
  const int k = api.find_metric("cpu_credits");
  REQUIRE(k >= 0);
  double lowest = 1e300;
  for (size_t i = 0; i < api.series.size(); ++i)
    if (api.series[i].t_s > 60) lowest = std::min(lowest, static_cast<double>(api.point_values(i)[k]));
  CHECK(r[0].value == Approx(lowest));
  CHECK(r[0].value < 1);  // it ran out of credits
  CHECK_FALSE(r[0].passed());
  CHECK(r[0].en.find("CPU credit balance (lowest)") != std::string::npos);
  CHECK(r[0].en.find("credits") != std::string::npos);
  CHECK(r[0].ko.find("CPU 크레딧 잔액") != std::string::npos);
  CHECK(r[1].value > r[0].value);  // more credits left in the first half minute
  CHECK(r[2].passed());
  // The report holds the verdicts and the gauges by key.
  const json rep = engine::report_json(b, false, &r);
  CHECK(rep["nodes"][1]["metrics"].contains("cpu_credits"));
  CHECK_FALSE(rep["nodes"][2]["metrics"].contains("cpu_credits"));  // m5.large is not burstable

  struct Case {
    const char* goal;
    const char* part;
  };
  const Case cases[] = {
      {R"({"metric": "cpu_credit", "node": "api", "at_least": 1})", "Did you mean \"cpu_credits\""},
      {R"({"metric": "queue_depth", "node": "api", "at_least": 1})", "has no metric \"queue_depth\""},
      {R"({"metric": "queue_depth", "node": "api", "at_least": 1})", "\"serving\" and \"cpu_credits\""},
      {R"({"metric": "cpu_credits", "node": "big", "at_least": 1})", "only for burstable instance types"},
      {R"({"metric": "cpu_credits", "at_least": 1})", "need \"node\""},
  };
  for (const Case& c : cases) {
    json bad = burst_doc();
    bad["goals"] = json::array({json::parse(c.goal)});
    doc::LoadResult lr = catalog::load_document(bad);
    INFO(c.goal << "\n" << all_issues(lr.errors));
    CHECK_FALSE(lr.ok());
    bool found = false;
    for (const auto& e : lr.errors)
      if (e.path == "goals[0].metric" && e.message.find(c.part) != std::string::npos) {
        found = true;
        CHECK(has_hangul(e.message_ko));
      }
    CHECK(found);
  }
}

TEST_CASE("histogram: the compact form merges exactly as the histogram itself") {
  sim::LatencyHistogram a, b, direct, via;
  for (int i = 0; i < 3000; ++i) a.record(i * 37 % 9000);
  for (int i = 0; i < 1000; ++i) b.record(200000 + i * 111);
  std::vector<uint8_t> bytes;
  a.append_compact(bytes);
  const size_t one = bytes.size();
  sim::LatencyHistogram().append_compact(bytes);
  CHECK(bytes.size() == one + 1);  // an empty histogram is one byte
  b.append_compact(bytes);
  direct.merge(a);
  direct.merge(b);
  const uint8_t* p = via.merge_compact(bytes.data());
  p = via.merge_compact(p);
  p = via.merge_compact(p);
  CHECK(p == bytes.data() + bytes.size());
  CHECK(sim::LatencyHistogram::skip_compact(bytes.data()) == bytes.data() + one);
  CHECK(via.count() == direct.count());
  CHECK(via.sum() == direct.sum());
  CHECK(via.min() == direct.min());
  CHECK(via.max() == direct.max());
  for (double q : {0.0, 1.0, 25.0, 50.0, 90.0, 99.0, 100.0}) CHECK(via.percentile(q) == direct.percentile(q));
}
