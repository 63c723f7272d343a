// The engine against exact queueing theory. Each test runs an open network of
// generic compute nodes fed by Poisson users and compares the simulated mean
// sojourn time W (arrival -> answer, measured at the node) with the formula,
// using a confidence interval from batch means (20 batches after a warm-up):
//   - the exact value must lie in the 99% interval, and
//   - the point estimate must be within 1% (ρ ≤ 0.8) or 3% (ρ = 0.95).
// Time is scaled (rates per second in the thousands) so that millions of
// customers take seconds of simulated time; the microsecond clock's rounding
// of service times is unbiased and ~1e-4 of a mean service time.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/engine/build.h"

using namespace cp;
using namespace cp::sim;

namespace {

struct Station {
  std::string id;
  int workers = 1;
  nlohmann::json service;  // distribution JSON
};

doc::Document network(double lambda, const std::vector<Station>& stations, bool async_chain = true) {
  doc::Document d;
  d.name = "queueing test";
  d.regions = {{"us-east-1", {"use1-az1"}}};
  doc::NodeDoc users;
  users.id = "users";
  users.type = "users";
  users.region = "us-east-1";
  users.params = {{"pattern", "poisson"}, {"rate_per_s", lambda}};
  d.nodes.push_back(users);
  std::string prev = "users";
  int k = 0;
  for (const Station& s : stations) {
    doc::NodeDoc n;
    n.id = s.id;
    n.type = "compute";
    n.region = "us-east-1";
    n.az = "use1-az1";
    n.params = {{"workers", s.workers}, {"service_time", s.service}};
    d.nodes.push_back(n);
    doc::ConnectionDoc c;
    c.id = "c" + std::to_string(k++);
    c.from = prev;
    c.to = s.id;
    if (async_chain) c.params = {{"mode", "async"}};
    d.connections.push_back(c);
    prev = s.id;
  }
  return d;
}

nlohmann::json expo(double mean_ms) { return {{"kind", "exponential"}, {"mean_ms", mean_ms}}; }

struct Estimate {
  double mean = 0, half_width = 0;  // 99% confidence interval: mean ± half_width
  uint64_t customers = 0;
  bool contains(double x) const { return std::fabs(x - mean) <= half_width; }
  double rel_error(double exact) const { return std::fabs(mean - exact) / exact; }
};

// Batch means of the sojourn time (seconds) at each station.
std::vector<Estimate> sojourn_by_batch_means(const doc::Document& d, uint64_t seed, SimTime warmup, SimTime batch,
                                             int batches = 20) {
  engine::Built b = engine::build(d, seed);
  REQUIRE(b.ok());
  Simulation& sim = *b.sim;
  size_t n = sim.node_count();
  sim.run_until(warmup);
  std::vector<double> last_sum(n), last_count(n);
  std::vector<std::vector<double>> means(n);
  auto snapshot = [&](size_t i, double& sum, double& count) {
    const LatencyHistogram& h = sim.metrics(NodeId{static_cast<uint32_t>(i)}).latency;
    count = static_cast<double>(h.count());
    sum = h.mean() * count;
  };
  for (size_t i = 0; i < n; ++i) snapshot(i, last_sum[i], last_count[i]);
  for (int k = 1; k <= batches; ++k) {
    sim.run_until(warmup + k * batch);
    for (size_t i = 0; i < n; ++i) {
      double s, c;
      snapshot(i, s, c);
      if (c > last_count[i]) means[i].push_back((s - last_sum[i]) / (c - last_count[i]) / 1e6);
      last_sum[i] = s;
      last_count[i] = c;
    }
  }
  std::vector<Estimate> out(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& m = means[i];
    if (m.size() < 2) continue;
    double avg = 0;
    for (double x : m) avg += x;
    avg /= static_cast<double>(m.size());
    double var = 0;
    for (double x : m) var += (x - avg) * (x - avg);
    var /= static_cast<double>(m.size() - 1);
    const double t99_19 = 2.861;  // Student t, 99% two-sided, 19 degrees of freedom
    out[i].mean = avg;
    out[i].half_width = t99_19 * std::sqrt(var / static_cast<double>(m.size()));
    out[i].customers = static_cast<uint64_t>(last_count[i]);
  }
  return out;
}

// Erlang C: probability that an arrival waits, for c servers, offered load a = λ/μ.
double erlang_c(int c, double a) {
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  double last = term * a / c;  // a^c / c!
  double rho = a / c;
  double top = last / (1 - rho);
  return top / (sum + top);
}

}  // namespace

TEST_CASE("queueing: M/M/1 at rho = 0.8 matches W = 1/(mu - lambda)", "[queueing]") {
  // λ = 800/s, μ = 1000/s: W = 5 ms, Wq = 4 ms, Lq = 3.2.
  auto d = network(800, {{"server", 1, expo(1.0)}});
  auto est = sojourn_by_batch_means(d, 42, 10 * kSecond, 500 * kSecond);
  const Estimate& w = est[1];
  INFO("W = " << w.mean * 1e3 << " ms ± " << w.half_width * 1e3 << " over " << w.customers << " customers");
  REQUIRE(w.customers > 7000000);
  REQUIRE(w.contains(0.005));
  REQUIRE(w.rel_error(0.005) < 0.01);
}

TEST_CASE("queueing: a deliberately wrong service rate is caught", "[queueing]") {
  // Same M/M/1, but the server is 1% faster than the formula assumes.
  auto d = network(800, {{"server", 1, expo(1.0 / 1.01)}});
  auto est = sojourn_by_batch_means(d, 42, 10 * kSecond, 500 * kSecond);
  INFO("W = " << est[1].mean * 1e3 << " ms ± " << est[1].half_width * 1e3);
  // μ = 1010/s gives W = 4.76 ms: the test for μ = 1000/s must reject it.
  REQUIRE_FALSE(est[1].contains(0.005));
  REQUIRE(est[1].contains(1.0 / 210.0));
}

TEST_CASE("queueing: M/M/1 at rho = 0.95 within 3%", "[queueing]") {
  // λ = 950/s, μ = 1000/s: W = 20 ms.
  auto d = network(950, {{"server", 1, expo(1.0)}});
  auto est = sojourn_by_batch_means(d, 7, 20 * kSecond, 1000 * kSecond);
  INFO("W = " << est[1].mean * 1e3 << " ms ± " << est[1].half_width * 1e3 << " over " << est[1].customers);
  REQUIRE(est[1].contains(0.020));
  REQUIRE(est[1].rel_error(0.020) < 0.03);
}

TEST_CASE("queueing: M/M/3 matches Erlang C (P(wait) = 4/9, Wq = 0.444/mu, Lq = 0.889)", "[queueing]") {
  // λ = 2000/s, μ = 1000/s per worker, c = 3 (the textbook λ=2, μ=1 scaled by 1000).
  REQUIRE(erlang_c(3, 2.0) == Approx(4.0 / 9.0));
  auto d = network(2000, {{"server", 3, expo(1.0)}});
  auto est = sojourn_by_batch_means(d, 5, 10 * kSecond, 200 * kSecond);
  double wq = erlang_c(3, 2.0) / (3 * 1000.0 - 2000.0);  // = 4/9 ms
  double w = wq + 1.0 / 1000.0;
  INFO("W = " << est[1].mean * 1e3 << " ms ± " << est[1].half_width * 1e3 << ", exact " << w * 1e3);
  REQUIRE(wq * 1000 == Approx(0.4444).epsilon(0.001));
  REQUIRE(est[1].contains(w));
  REQUIRE(est[1].rel_error(w) < 0.01);
  // Lq = λ·Wq (Little) = 0.889, from the node's time-weighted queue length.
  engine::Built b = engine::build(d, 5);
  b.sim->run_until(2000 * kSecond);
  const NodeMetrics& m = b.sim->metrics(NodeId{1});
  double lq = m.queue.area / static_cast<double>(b.sim->now());
  INFO("Lq = " << lq);
  REQUIRE(lq == Approx(8.0 / 9.0).epsilon(0.02));
  double p_wait = static_cast<double>(m.waited) / static_cast<double>(m.arrivals);
  INFO("P(wait) = " << p_wait);
  REQUIRE(p_wait == Approx(4.0 / 9.0).epsilon(0.01));
}

TEST_CASE("queueing: M/D/1 matches Pollaczek-Khinchine", "[queueing]") {
  // λ = 800/s, constant 1 ms: Wq = ρ/(2μ(1−ρ)) = 2 ms, W = 3 ms.
  auto d = network(800, {{"server", 1, nlohmann::json{{"kind", "constant"}, {"value_ms", 1}}}});
  auto est = sojourn_by_batch_means(d, 3, 10 * kSecond, 300 * kSecond);
  INFO("W = " << est[1].mean * 1e3 << " ms ± " << est[1].half_width * 1e3);
  REQUIRE(est[1].contains(0.003));
  REQUIRE(est[1].rel_error(0.003) < 0.01);
}

TEST_CASE("queueing: a tandem (Jackson) network: each station is M/M/1 at its own load", "[queueing]") {
  // λ = 500/s through μ1 = 1000/s then μ2 = 800/s: W1 = 2 ms, W2 = 3.33 ms.
  auto d = network(500, {{"a", 1, expo(1.0)}, {"b", 1, expo(1.25)}});
  auto est = sojourn_by_batch_means(d, 11, 10 * kSecond, 300 * kSecond);
  INFO("W1 = " << est[1].mean * 1e3 << " ± " << est[1].half_width * 1e3 << ", W2 = " << est[2].mean * 1e3 << " ± "
               << est[2].half_width * 1e3);
  REQUIRE(est[1].contains(0.002));
  REQUIRE(est[2].contains(1.0 / 300.0));
  REQUIRE(est[1].rel_error(0.002) < 0.01);
  REQUIRE(est[2].rel_error(1.0 / 300.0) < 0.01);
}

TEST_CASE("queueing: Little's law L = lambda W holds on every node", "[queueing]") {
  // A mixed network: M/M/2 then M/G/1 with log-normal service, synchronous calls
  // (the front holds its worker while it waits for the back: ~8 ms a request, ρ ≈ 0.6).
  auto d = network(150, {{"front", 2, expo(4.0)}, {"back", 1, nlohmann::json{{"kind", "lognormal"}, {"median_ms", 1.5}, {"sigma", 0.8}}}},
                   /*async_chain=*/false);
  engine::Built b = engine::build(d, 21);
  REQUIRE(b.ok());
  b.sim->run_until(600 * kSecond);
  for (uint32_t i = 1; i < b.sim->node_count(); ++i) {
    const NodeMetrics& m = b.sim->metrics(NodeId{i});
    double t = static_cast<double>(b.sim->now());
    double l = (m.queue.area + static_cast<double>(m.queue.value) * (t - static_cast<double>(m.queue.since)) +
                m.busy.area + static_cast<double>(m.busy.value) * (t - static_cast<double>(m.busy.since))) / t;
    double lambda = static_cast<double>(m.latency.count()) / (t / 1e6);
    double w = m.latency.mean() / 1e6;
    INFO(b.sim->info(NodeId{i}).id << ": L = " << l << ", lambda W = " << lambda * w);
    REQUIRE(l == Approx(lambda * w).epsilon(0.01));
  }
}
