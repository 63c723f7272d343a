// Distribution — a random duration (service time, think time, payload delay), in SECONDS.
//
//   using cp::sim::Distribution;
//   Distribution d = Distribution::exponential(0.050);          // mean 50 ms
//   Distribution p = Distribution::empirical({{0, 0.010}, {50, 0.020}, {99, 0.200}, {100, 0.500}});
//   double s = d.sample(rng);        // seconds, >= 0
//   int64_t us = d.sample_us(rng);   // rounded to whole microseconds (the sim clock)
//   d.mean(); d.variance(); d.describe();   // "exponential(mean 0.05 s)"
//   if (p.issue()) show(p.issue());         // what was wrong with the parameters, if anything
//
// Kinds and their parameters (p1(), p2()):
//   Constant     value                 -
//   Exponential  mean                  -
//   Uniform      lo                    hi
//   Normal       mean                  stddev   truncated at 0 by RESAMPLING (see below)
//   LogNormal    mu (of log seconds)   sigma
//   Pareto       scale x_m             shape alpha   (mean is +inf for alpha <= 1)
//   Empirical    -                     -        piecewise-linear inverse CDF through points()
//
// Normal is truncated at 0 by resampling, not clamping: a clamp would pile a point mass
// at exactly 0 s, while resampling keeps a smooth density; mean() and variance() are
// those of the truncated distribution. The mean must be >= 0, so at least half of all
// draws are accepted (on average at most two draws per sample).
//
// Determinism: every sample is computed with det_log/det_exp/sqrt and the Rng, never
// libm or std::*_distribution, so native and wasm produce identical bits
// (tests/unit/test_determinism_golden.cpp pins them). Constant draws no random numbers.
//
// Bad parameters never abort: each factory replaces them by the nearest valid value
// and issue() says what happened (a static string, nullptr when all was fine).
// The struct is small (about 56 bytes) and cheap to copy: an empirical table is shared.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/sim/detmath.h"
#include "core/sim/rng.h"

namespace cp::sim {

struct Distribution {
  enum class Kind : uint8_t { Constant, Exponential, Uniform, Normal, LogNormal, Pareto, Empirical };

  // One point of an empirical table: `percentile` in [0, 100], `value` in seconds.
  struct Point {
    double percentile;
    double value;
    bool operator==(const Point&) const = default;
  };

  Distribution() = default;  // constant 0 s

  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double lo, double hi);
  static Distribution normal(double mean, double stddev);
  static Distribution lognormal(double mu, double sigma);
  // The log-normal with this mean and 99th percentile (a common way to state a latency).
  // Needs mean < p99 <= ~14.97 * mean; outside that, the nearest possible one is used.
  static Distribution lognormal_from_mean_p99(double mean, double p99);
  static Distribution pareto(double scale_xm, double shape_alpha);
  // Points (percentile, value). Sorted by percentile; values are made non-decreasing;
  // missing ends are extended flat: a first point at p > 0 also covers [0, p].
  static Distribution empirical(const std::vector<std::pair<double, double>>& points);

  // One draw, in seconds (>= 0). Exponential and Constant are inline: they are the
  // hot path of most models.
  double sample(Rng& rng) const {
    if (kind_ == Kind::Exponential) return -p1_ * det_log(rng.next_open01());
    if (kind_ == Kind::Constant) return p1_;
    return sample_other(rng);
  }
  // One draw rounded to the nearest microsecond, clamped to [0, kMaxSampleUs].
  int64_t sample_us(Rng& rng) const { return seconds_to_us(sample(rng)); }

  double mean() const;      // analytic; +inf when it does not exist
  double variance() const;  // analytic; +inf when it does not exist
  std::string describe() const;

  Kind kind() const { return kind_; }
  double p1() const { return p1_; }
  double p2() const { return p2_; }
  // Empirical only (empty otherwise): the cleaned-up table actually sampled.
  const std::vector<Point>& points() const;
  const char* issue() const { return issue_; }
  static const char* kind_name(Kind k);

  // Same kind and parameters (issue() is not compared).
  bool operator==(const Distribution& o) const;

  // About 292 000 years; keeps int64 clock arithmetic far from overflow even for
  // heavy-tailed draws (Pareto with a small alpha can return +inf seconds).
  static constexpr int64_t kMaxSampleUs = int64_t(1) << 53;
  static int64_t seconds_to_us(double s) {
    const double us = s * 1e6 + 0.5;
    if (!(us >= 1.0)) return 0;  // also maps NaN to 0
    if (us >= static_cast<double>(kMaxSampleUs)) return kMaxSampleUs;
    return static_cast<int64_t>(us);  // truncation of s*1e6 + 0.5: round half up
  }

 private:
  struct Table;  // points plus precomputed moments, shared between copies
  double sample_other(Rng& rng) const;

  Kind kind_ = Kind::Constant;
  double p1_ = 0;  // see the table above
  double p2_ = 0;
  double p3_ = 0;  // derived, for speed: Pareto -1/alpha, Uniform hi - lo
  std::shared_ptr<const Table> table_;
  const char* issue_ = nullptr;
};

// A standard normal draw by Marsaglia's polar method (only log, sqrt, + - * /).
// Consumes two or more uniforms; returns one value of the pair (the other is dropped
// so that the Rng stays the only state).
double standard_normal(Rng& rng);

}  // namespace cp::sim
