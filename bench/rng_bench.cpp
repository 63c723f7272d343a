// rng_bench — rough speed of the random core: Rng, det_log/det_exp, Distribution::sample,
// LatencyHistogram::record. Prints numbers, asserts nothing. Not built by CMake yet:
//   g++ -O3 -std=c++20 -ffp-contract=off -I. bench/rng_bench.cpp core/sim/*.cpp -o /tmp/rng_bench
//   em++ -O3 -std=c++20 -I. bench/rng_bench.cpp core/sim/detmath.cpp core/sim/distribution.cpp \
//        core/sim/histogram.cpp -o /tmp/rng_bench.js && node --no-experimental-fetch /tmp/rng_bench.js
#include <chrono>
#include <cstdio>

#include "core/sim/distribution.h"
#include "core/sim/histogram.h"

using namespace cp::sim;

template <class F>
void bench(const char* name, int n, F f) {
  double sink = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) sink += f();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%-28s %8.1f M/s  (%.2f ns each, sink %g)\n", name, n / s / 1e6, s / n * 1e9, sink);
}

int main() {
  const int n = 20'000'000;
  Rng rng(1);
  bench("Rng::next_u64", n, [&] { return static_cast<double>(rng.next_u64() & 1); });
  bench("Rng::next_open01", n, [&] { return rng.next_open01(); });
  bench("Rng::below(1000)", n, [&] { return static_cast<double>(rng.below(1000)); });
  bench("det_log(open01)", n, [&] { return det_log(rng.next_open01()); });
  bench("det_exp", n, [&] { return det_exp(rng.next_double() * 10 - 5); });
  const Distribution exp = Distribution::exponential(0.01);
  const Distribution norm = Distribution::normal(0.1, 0.02);
  const Distribution logn = Distribution::lognormal(-4, 0.5);
  const Distribution par = Distribution::pareto(0.01, 2.5);
  const Distribution emp = Distribution::empirical({{0, 0.01}, {50, 0.02}, {90, 0.05}, {99, 0.2}, {100, 0.5}});
  bench("exponential.sample", n, [&] { return exp.sample(rng); });
  bench("exponential.sample_us", n, [&] { return static_cast<double>(exp.sample_us(rng)); });
  bench("normal.sample", n, [&] { return norm.sample(rng); });
  bench("lognormal.sample", n, [&] { return logn.sample(rng); });
  bench("pareto.sample", n, [&] { return par.sample(rng); });
  bench("empirical.sample", n, [&] { return emp.sample(rng); });
  LatencyHistogram h;
  bench("histogram.record", n, [&] { h.record(static_cast<int64_t>(rng.next_u64() >> 44)); return 0.0; });
  bench("histogram.percentile(99)", 1'000'000, [&] { return static_cast<double>(h.percentile(99)); });
}
