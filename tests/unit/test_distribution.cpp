// Distribution: sample moments against the analytic ones, with tolerances from the
// central limit theorem, plus a check that each tolerance is tight enough to reject
// a 1% error in the mean; shape checks (Kolmogorov-Smirnov), empirical percentiles,
// parameter clean-up and descriptions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "core/sim/distribution.h"

using cp::sim::Distribution;
using cp::sim::Rng;

namespace {

struct Moments {
  double mean, var, mu4;  // sample mean, variance, 4th central moment
};

Moments moments(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  double s = 0;
  for (double x : xs) s += x;
  const double m = s / n;
  double s2 = 0, s4 = 0;
  for (double x : xs) {
    const double d = (x - m) * (x - m);
    s2 += d;
    s4 += d * d;
  }
  return {m, s2 / (n - 1), s4 / n};
}

std::vector<double> draw(const Distribution& d, uint64_t seed, int n) {
  Rng rng(seed);
  std::vector<double> xs(n);
  for (double& x : xs) x = d.sample(rng);
  return xs;
}

// The sample mean of n draws has standard error sqrt(var/n); the sample variance has
// standard error about sqrt((mu4 - var^2)/n), mu4 estimated from the sample. We accept
// |observed - analytic| < 5 SE: a false alarm has probability ~6e-7 (and the seeds are
// fixed, so the tests are reproducible anyway). The same tolerance must also reject
// the analytic mean off by 1%, or the check would prove little.
void check_moments(const Distribution& d, uint64_t seed, bool check_variance = true) {
  const int n = 1'000'000;
  const Moments m = moments(draw(d, seed, n));
  const double se_mean = std::sqrt(d.variance() / n);
  INFO(d.describe() << ": sample mean " << m.mean << " vs " << d.mean() << " (SE " << se_mean
                    << "), sample var " << m.var << " vs " << d.variance());
  CHECK(std::fabs(m.mean - d.mean()) < 5 * se_mean);
  CHECK(std::fabs(m.mean - 1.01 * d.mean()) > 5 * se_mean);  // a wrong mean is caught
  CHECK(std::fabs(m.mean - 0.99 * d.mean()) > 5 * se_mean);
  if (check_variance) {
    const double se_var = std::sqrt((m.mu4 - m.var * m.var) / n);
    CHECK(std::fabs(m.var - d.variance()) < 5 * se_var);
    CHECK(std::fabs(m.var - 1.05 * d.variance()) > 5 * se_var);  // a 5% wrong variance is caught
  }
}

// Kolmogorov-Smirnov distance between the sample and a CDF. Critical value at the
// 0.1% level: 1.95 / sqrt(n).
template <class Cdf>
double ks_distance(std::vector<double> xs, Cdf cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double d = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - i / n, (i + 1) / n - f});
  }
  return d;
}
double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

}  // namespace

TEST_CASE("Distribution is small and cheap to copy") {
  CHECK(sizeof(Distribution) <= 64);
  Distribution e = Distribution::empirical({{0, 0.01}, {100, 0.02}});
  Distribution copy = e;
  CHECK(&copy.points() == &e.points());  // the table is shared, not copied
  CHECK(copy == e);
}

TEST_CASE("constant and default distributions") {
  Rng rng(1);
  const Rng::State before = rng.state();
  CHECK(Distribution().sample(rng) == 0.0);
  Distribution c = Distribution::constant(0.25);
  CHECK(c.sample(rng) == 0.25);
  CHECK(rng.state() == before);  // Constant draws no random numbers
  CHECK(c.mean() == 0.25);
  CHECK(c.variance() == 0.0);
  CHECK(c.describe() == "constant(0.25 s)");
  CHECK(c.issue() == nullptr);
}

TEST_CASE("exponential: moments, shape, hot-path properties") {
  Distribution d = Distribution::exponential(0.5);
  CHECK(d.mean() == 0.5);
  CHECK(d.variance() == 0.25);
  CHECK(d.describe() == "exponential(mean 0.5 s)");
  check_moments(d, 101);
  const int n = 200'000;
  const auto xs = draw(d, 102, n);
  CHECK(*std::min_element(xs.begin(), xs.end()) > 0.0);  // next_open01 never gives log(0)
  CHECK(ks_distance(xs, [](double x) { return 1 - std::exp(-x / 0.5); }) < 1.95 / std::sqrt(n));
  // And KS does notice a 2% wrong mean at this n.
  CHECK(ks_distance(xs, [](double x) { return 1 - std::exp(-x / 0.51); }) > 1.95 / std::sqrt(n));
}

TEST_CASE("uniform: moments and bounds") {
  Distribution d = Distribution::uniform(0.1, 0.3);
  CHECK(d.mean() == Approx(0.2));
  CHECK(d.variance() == Approx(0.04 / 12));
  CHECK(d.describe() == "uniform(0.1 s .. 0.3 s)");
  check_moments(d, 201);
  const auto xs = draw(d, 202, 100'000);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 0.1);
  CHECK(*std::max_element(xs.begin(), xs.end()) < 0.3);
}

TEST_CASE("normal: moments of the untruncated and the truncated case") {
  // Mean 5 sd above 0: truncation barely matters (the mean moves up by
  // sd * phi(5)/Phi(5) = 3e-8 s), the plain normal formulas almost apply.
  Distribution d = Distribution::normal(0.1, 0.02);
  const double phi5 = std::exp(-12.5) / std::sqrt(2 * std::numbers::pi);
  CHECK(d.mean() == Approx(0.1 + 0.02 * phi5 / normal_cdf(5.0)).epsilon(1e-13));
  CHECK(d.variance() == Approx(0.0004).epsilon(1e-5));
  check_moments(d, 301);
  const int n = 200'000;
  CHECK(ks_distance(draw(d, 302, n), [](double x) { return normal_cdf((x - 0.1) / 0.02); }) <
        1.95 / std::sqrt(n));

  // Mean 0.5 sd above 0: heavily truncated (31% of draws resampled).
  Distribution t = Distribution::normal(0.01, 0.02);
  CHECK(t.mean() > 0.01);
  check_moments(t, 303);
  const auto ts = draw(t, 304, n);
  CHECK(*std::min_element(ts.begin(), ts.end()) >= 0.0);
  // CDF of the normal truncated to [0, inf).
  const double z0 = normal_cdf(-0.5);
  CHECK(ks_distance(ts, [&](double x) { return (normal_cdf((x - 0.01) / 0.02) - z0) / (1 - z0); }) <
        1.95 / std::sqrt(n));
  // Mean exactly 0: half-normal, mean sd*sqrt(2/pi).
  Distribution h = Distribution::normal(0, 1);
  CHECK(h.mean() == Approx(std::sqrt(2 / std::numbers::pi)).epsilon(1e-12));
  CHECK(h.variance() == Approx(1 - 2 / std::numbers::pi).epsilon(1e-12));
  check_moments(h, 305);
}

TEST_CASE("lognormal: moments, shape and construction from mean and p99") {
  Distribution d = Distribution::lognormal(-3.0, 0.5);
  CHECK(d.mean() == Approx(std::exp(-3.0 + 0.125)).epsilon(1e-14));
  CHECK(d.variance() == Approx((std::exp(0.25) - 1) * std::exp(-6.0 + 0.25)).epsilon(1e-13));
  check_moments(d, 401);
  const int n = 200'000;
  CHECK(ks_distance(draw(d, 402, n), [](double x) { return normal_cdf((std::log(x) + 3.0) / 0.5); }) <
        1.95 / std::sqrt(n));

  Distribution q = Distribution::lognormal_from_mean_p99(0.020, 0.100);
  CHECK(q.issue() == nullptr);
  CHECK(q.mean() == Approx(0.020).epsilon(1e-12));
  const auto xs = draw(q, 403, n);
  const double below_p99 = std::count_if(xs.begin(), xs.end(), [](double x) { return x <= 0.100; }) / double(n);
  CHECK(std::fabs(below_p99 - 0.99) < 5 * std::sqrt(0.99 * 0.01 / n));
  CHECK(Distribution::lognormal_from_mean_p99(0.02, 0.01).issue() != nullptr);  // p99 below the mean
  CHECK(Distribution::lognormal_from_mean_p99(0.01, 1.0).issue() != nullptr);   // no such log-normal
}

TEST_CASE("pareto: moments where they exist, infinities where they do not") {
  Distribution d = Distribution::pareto(0.01, 10);
  CHECK(d.mean() == Approx(0.01 * 10 / 9));
  check_moments(d, 501);
  // alpha = 3: finite variance, infinite 4th moment, so only the mean is checked.
  check_moments(Distribution::pareto(0.01, 3), 502, false);
  const int n = 200'000;
  const auto xs = draw(Distribution::pareto(0.01, 1.5), 503, n);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 0.01);
  CHECK(ks_distance(xs, [](double x) { return 1 - std::pow(0.01 / x, 1.5); }) < 1.95 / std::sqrt(n));
  CHECK(Distribution::pareto(0.01, 1.0).mean() == std::numeric_limits<double>::infinity());
  CHECK(Distribution::pareto(0.01, 0.5).mean() == std::numeric_limits<double>::infinity());
  CHECK(Distribution::pareto(0.01, 2.0).variance() == std::numeric_limits<double>::infinity());
  CHECK(Distribution::pareto(0.01, 2.5).describe() == "pareto(scale 0.01 s, shape 2.5)");
}

TEST_CASE("empirical: percentiles reproduce and moments match the table") {
  Distribution d = Distribution::empirical({{0, 0.01}, {50, 0.02}, {99, 0.2}, {100, 0.5}});
  CHECK(d.issue() == nullptr);
  CHECK(d.describe() == "empirical(p0 0.01 s, p50 0.02 s, p99 0.2 s, p100 0.5 s)");
  // Mean of a piecewise-linear quantile function: each segment contributes its width
  // times the average of its ends.
  const double mean = 0.5 * 0.015 + 0.49 * 0.11 + 0.01 * 0.35;
  CHECK(d.mean() == Approx(mean).epsilon(1e-12));
  check_moments(d, 601);

  const int n = 1'000'000;
  const auto xs = draw(d, 602, n);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 0.01);
  CHECK(*std::max_element(xs.begin(), xs.end()) <= 0.5);
  // The fraction of draws at or below each table value is binomial around its
  // percentile: within 5 standard errors.
  for (auto [p, v] : {std::pair{50.0, 0.02}, {99.0, 0.2}, {25.0, 0.015}}) {
    const double frac = std::count_if(xs.begin(), xs.end(), [v = v](double x) { return x <= v; }) / double(n);
    const double q = p / 100;
    INFO("p" << p);
    CHECK(std::fabs(frac - q) < 5 * std::sqrt(q * (1 - q) / n));
  }
}

TEST_CASE("empirical: untidy tables are cleaned up, with an explanation") {
  // Ends missing: extended flat.
  Distribution a = Distribution::empirical({{50, 0.02}, {90, 0.1}});
  CHECK(a.issue() == nullptr);
  REQUIRE(a.points().size() == 4);
  CHECK(a.points().front() == Distribution::Point{0, 0.02});
  CHECK(a.points().back() == Distribution::Point{100, 0.1});
  // Unsorted input is sorted; a decreasing value is raised.
  Distribution b = Distribution::empirical({{100, 0.3}, {0, 0.1}, {50, 0.05}});
  CHECK(b.issue() != nullptr);
  CHECK(b.points()[1] == Distribution::Point{50, 0.1});
  // A step (two points at one percentile) is allowed and sampled as a jump.
  Distribution s = Distribution::empirical({{0, 0.01}, {50, 0.01}, {50, 1.0}, {100, 1.0}});
  CHECK(s.issue() == nullptr);
  CHECK(s.mean() == Approx(0.505));
  Rng rng(7);
  for (int i = 0; i < 10000; ++i) {
    const double x = s.sample(rng);
    REQUIRE((x == 0.01 || x == 1.0));
  }
  // Empty and non-finite input.
  Distribution e = Distribution::empirical({});
  CHECK(e.issue() != nullptr);
  CHECK(e.sample(rng) == 0.0);
  CHECK(Distribution::empirical({{0, NAN}, {100, 1}}).issue() != nullptr);
}

TEST_CASE("bad parameters become valid ones and say so") {
  CHECK(Distribution::exponential(-1).issue() != nullptr);
  CHECK(Distribution::exponential(-1).mean() == 0);
  CHECK(Distribution::exponential(NAN).mean() == 0);
  CHECK(Distribution::constant(-2).p1() == 0);
  Distribution u = Distribution::uniform(0.3, 0.1);
  CHECK(u.issue() != nullptr);
  CHECK(u.p1() == 0.1);
  CHECK(u.p2() == 0.3);
  CHECK(Distribution::uniform(-1, 1).p1() == 0);
  CHECK(Distribution::normal(-1, 0.1).issue() != nullptr);
  CHECK(Distribution::normal(1, -0.1).p2() == 0.1);
  CHECK(Distribution::lognormal(0, -1).p2() == 1);
  CHECK(Distribution::pareto(0.01, 0).issue() != nullptr);
  CHECK(Distribution::pareto(0.01, 0).p2() == 1);
  CHECK(Distribution::exponential(0.5).issue() == nullptr);
}

TEST_CASE("sample_us rounds to whole microseconds and clamps") {
  CHECK(Distribution::seconds_to_us(0.0000014) == 1);
  CHECK(Distribution::seconds_to_us(0.0000015) == 2);
  CHECK(Distribution::seconds_to_us(1.5) == 1'500'000);
  CHECK(Distribution::seconds_to_us(-1) == 0);
  CHECK(Distribution::seconds_to_us(NAN) == 0);
  CHECK(Distribution::seconds_to_us(INFINITY) == Distribution::kMaxSampleUs);
  Rng rng(3);
  CHECK(Distribution::constant(0.25).sample_us(rng) == 250'000);
}
