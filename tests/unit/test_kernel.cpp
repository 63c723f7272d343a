// The kernel on its own, with tiny test models (no documents, no catalog).
#include <catch2/catch.hpp>

#include <deque>

#include "core/sim/detmath.h"
#include "core/sim/simulation.h"

using namespace cp::sim;

namespace {

// Poisson arrivals at `rate`, each a call along the first outgoing connection.
class Source : public ModelBase<Source> {
public:
  explicit Source(double rate) : rate_(rate) {}
  void start(Simulation& sim) override { next(sim); }
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    ReqHandle root = sim.begin_root(id(), RequestKind::Read, 100, 0);
    sim.call(sim.outgoing(id())[0], root, RequestKind::Read, 100);
    ++sent;
    next(sim);
  }
  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    ++outcomes[static_cast<int>(o)];
    total_latency += sim.now() - child.first_sent_at;
    sim.finish_root(parent);
  }
  uint64_t sent = 0;
  uint64_t outcomes[kOutcomeCount] = {};
  SimTime total_latency = 0;

private:
  void next(Simulation& sim) {
    sim.schedule_timer(id(), sim.now() + from_seconds(-det_log(sim.rng().next_open01()) / rate_), 0);
  }
  double rate_;
};

// One worker, exponential service, FIFO.
class Server : public ModelBase<Server> {
public:
  explicit Server(double mean_s) : mean_(mean_s) {}
  void on_request(Simulation& sim, ReqHandle h) override {
    if (busy_) { q_.push_back(h); return; }
    serve(sim, h);
  }
  void on_timer(Simulation& sim, uint16_t, uint64_t payload) override {
    sim.respond(ReqHandle{payload}, Outcome::Ok);
    busy_ = false;
    if (!q_.empty()) { ReqHandle n = q_.front(); q_.pop_front(); serve(sim, n); }
  }
private:
  void serve(Simulation& sim, ReqHandle h) {
    busy_ = true;
    sim.schedule_timer(id(), sim.now() + from_seconds(-mean_ * det_log(sim.rng().next_open01())), 0, h.v);
  }
  double mean_;
  bool busy_ = false;
  std::deque<ReqHandle> q_;
};

// Counts its on_second calls (nothing else).
class Clock : public ModelBase<Clock> {
public:
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Ok); }
  void on_second(Simulation&) override { ++seconds; }
  uint64_t seconds = 0;
};

struct Pair {
  Simulation sim;
  Source* src;
  Server* srv;
  ConnId conn;
  Pair(uint64_t seed, double rate, double mean, CallPolicy policy = {}) : sim(seed) {
    RegionId r = sim.topology().add_region("us-east-1", 38.9, -77.0);
    AzId a = sim.topology().add_az(r, "use1-az1");
    auto s = std::make_unique<Source>(rate);
    auto v = std::make_unique<Server>(mean);
    src = s.get();
    srv = v.get();
    NodeId ns = sim.add_node(std::move(s), {"src", "src", "test", {PlacementKind::Az, r, a}});
    NodeId nv = sim.add_node(std::move(v), {"srv", "srv", "test", {PlacementKind::Az, r, a}});
    conn = sim.add_connection(ns, nv, policy);
  }
};

}  // namespace

TEST_CASE("kernel: a run is a pure function of the seed") {
  Pair a(7, 50, 0.01), b(7, 50, 0.01), c(8, 50, 0.01);
  a.sim.run_until(20 * kSecond);
  b.sim.run_until(20 * kSecond);
  c.sim.run_until(20 * kSecond);
  REQUIRE(a.sim.events_processed() > 1000);
  REQUIRE(a.sim.trace_hash() == b.sim.trace_hash());
  REQUIRE(a.sim.events_processed() == b.sim.events_processed());
  REQUIRE(a.sim.trace_hash() != c.sim.trace_hash());
}

TEST_CASE("kernel: stepping in small slices gives the same run as one big step") {
  Pair a(3, 80, 0.005), b(3, 80, 0.005);
  a.sim.run_until(10 * kSecond);
  int calls = 0;
  while (b.sim.now() < 10 * kSecond || !b.sim.advance(10 * kSecond, 0).reached_until) {
    StepResult r = b.sim.advance(10 * kSecond, 37);
    ++calls;
    REQUIRE(r.events <= 37);
    if (r.reached_until) break;
  }
  REQUIRE(calls > 10);
  REQUIRE(a.sim.trace_hash() == b.sim.trace_hash());
}

TEST_CASE("kernel: every request is answered and its record freed") {
  Pair p(11, 100, 0.005);
  p.sim.run_until(30 * kSecond);
  // At most a handful are still travelling when the clock stops.
  REQUIRE(p.sim.requests_in_flight() < 20);
  const NodeMetrics& m = p.sim.metrics(NodeId{1});
  REQUIRE(m.arrivals > 2500);
  REQUIRE(m.completions + 20 >= m.arrivals);
  REQUIRE(p.src->outcomes[0] + 20 >= p.src->sent);
}

TEST_CASE("kernel: a timeout fails the call and retries resend it") {
  CallPolicy policy;
  policy.timeout = 20 * kMillisecond;
  policy.max_retries = 2;
  policy.backoff_base = 10 * kMillisecond;
  // Mean service 50 ms: most calls time out; each is tried 3 times.
  Pair p(5, 5, 0.05, policy);
  p.sim.run_until(60 * kSecond);
  const ConnMetrics& cm = p.sim.connection(p.conn).metrics;
  REQUIRE(p.src->outcomes[static_cast<int>(Outcome::TimedOut)] > 50);
  REQUIRE(cm.retries > 100);
  REQUIRE(cm.calls == cm.retries + p.src->sent - (p.src->sent - (cm.outcomes[0] + cm.errors())));
  // The server still did the abandoned work: retries amplify its load.
  REQUIRE(p.sim.metrics(NodeId{1}).arrivals > p.src->sent);
}

TEST_CASE("kernel: a killed node is unreachable until it comes back") {
  CallPolicy policy;
  policy.timeout = 500 * kMillisecond;
  Pair p(9, 20, 0.001, policy);
  p.sim.schedule_command(10 * kSecond, Command{Command::Kind::KillNode, 1, 0});
  p.sim.schedule_command(20 * kSecond, Command{Command::Kind::ReviveNode, 1, 0});
  p.sim.run_until(10 * kSecond);
  uint64_t ok_before = p.src->outcomes[0];
  REQUIRE(p.src->outcomes[static_cast<int>(Outcome::TimedOut)] == 0);
  p.sim.run_until(20 * kSecond);
  REQUIRE(p.src->outcomes[static_cast<int>(Outcome::TimedOut)] > 100);
  REQUIRE(p.src->outcomes[0] - ok_before < 5);
  p.sim.run_until(30 * kSecond);
  REQUIRE(p.src->outcomes[0] - ok_before > 150);
  const auto& log = p.sim.event_log();
  REQUIRE(log.size() == 2);
  REQUIRE(log[0].kind == LogKind::NodeDown);
  REQUIRE(log[0].time == 10 * kSecond);
  REQUIRE(log[1].kind == LogKind::NodeUp);
}

TEST_CASE("kernel: latency grows with distance") {
  Topology t;
  RegionId use1 = t.add_region("us-east-1", 38.9, -77.0);
  RegionId euw1 = t.add_region("eu-west-1", 53.3, -6.3);
  AzId a1 = t.add_az(use1, "use1-az1"), a2 = t.add_az(use1, "use1-az2");
  AzId e1 = t.add_az(euw1, "euw1-az1");
  t.finalize();
  Placement p1{PlacementKind::Az, use1, a1}, p2{PlacementKind::Az, use1, a2}, pe{PlacementKind::Az, euw1, e1};
  SimTime same = t.latency(p1, p1, use1), cross = t.latency(p1, p2, use1), region = t.latency(p1, pe, use1);
  REQUIRE(same < cross);
  REQUIRE(cross < region);
  // Virginia–Dublin is about 5,500 km: ~37 ms one way at 150 km/ms, plus 1 ms.
  REQUIRE(region > 30 * kMillisecond);
  REQUIRE(region < 45 * kMillisecond);
  REQUIRE(great_circle_km(38.9, -77.0, 53.3, -6.3) == Approx(5480).epsilon(0.03));
}

TEST_CASE("kernel: time series has a point per simulated second") {
  Pair p(1, 100, 0.002);
  p.sim.run_until(10 * kSecond);
  const auto& s = p.sim.metrics(NodeId{1}).series;
  REQUIRE(s.size() == 10);
  REQUIRE(s[9].t_s == Approx(10));
  REQUIRE(s[5].arrivals_per_s > 50);
  REQUIRE(s[5].arrivals_per_s < 150);
  REQUIRE(s[5].p99_ms > 0);
}

TEST_CASE("kernel: on_second runs every simulated second, also once the series grow coarser") {
  // Past kMaxSeriesPoints (4,096) points the series halve and take a point every 2 s; models
  // count their per-second limits and cost meters in on_second, which must stay per second.
  Simulation sim(1);
  RegionId r = sim.topology().add_region("us-east-1", 38.9, -77.0);
  AzId a = sim.topology().add_az(r, "use1-az1");
  auto c = std::make_unique<Clock>();
  Clock* clock = c.get();
  NodeId n = sim.add_node(std::move(c), {"clock", "clock", "test", {PlacementKind::Az, r, a}});
  sim.run_until(10000 * kSecond);
  CHECK(clock->seconds == 10000);
  const auto& s = sim.metrics(n).series;
  REQUIRE(s.size() < kMaxSeriesPoints);
  CHECK(s.back().t_s == Approx(10000));
  CHECK(s.back().interval_s == Approx(4));
}
