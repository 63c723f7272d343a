// Distribution — sampling, moments and descriptions. See distribution.h.
// Everything that can reach a sample uses det_* functions and std::sqrt only.
#include "core/sim/distribution.h"

#include <algorithm>
#include <cmath>  // std::sqrt only (correctly rounded by IEEE)
#include <cstdio>
#include <limits>

namespace cp::sim {

struct Distribution::Table {
  std::vector<Point> points;  // sorted, first at 0, last at 100, values non-decreasing
  std::vector<double> pct;    // the percentiles alone, for a cache-friendly search
  double mean = 0;
  double second_moment = 0;   // E[X^2]
};

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
bool finite(double x) { return x == x && x != kInf && x != -kInf; }

// Standard normal percentile 99 (Phi^-1(0.99)), for lognormal_from_mean_p99.
constexpr double kZ99 = 2.3263478740408408;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

// Phi(b) for b >= 0, by Marsaglia's series Phi(b) = 1/2 + phi(b) * sum b^(2n+1)/(2n+1)!!.
// All terms are positive for b >= 0, so there is no cancellation; it needs about b^2
// terms, and is only called for b <= 30 (beyond, Phi(b) = 1 to double precision).
double std_normal_cdf_nonneg(double b) {
  double term = b, sum = b;
  const double b2 = b * b;
  for (int n = 1; n < 4000; ++n) {
    term *= b2 / (2 * n + 1);
    const double next = sum + term;
    if (next == sum) break;
    sum = next;
  }
  return 0.5 + kInvSqrt2Pi * det_exp(-0.5 * b2) * sum;
}

// Numbers in describe(): short, no trailing zeros. Text only, never fed back into a run.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
std::string secs(double v) { return num(v) + " s"; }

}  // namespace

// ---- factories ------------------------------------------------------------------

Distribution Distribution::constant(double value) {
  Distribution d;
  d.kind_ = Kind::Constant;
  if (!finite(value) || value < 0) {
    d.issue_ = "a constant duration must be a finite number of seconds >= 0; using 0";
    value = 0;
  }
  d.p1_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  Distribution d;
  d.kind_ = Kind::Exponential;
  if (!finite(mean) || mean < 0) {
    d.issue_ = "an exponential mean must be a finite number of seconds >= 0; using 0";
    mean = 0;
  }
  d.p1_ = mean;
  return d;
}

Distribution Distribution::uniform(double lo, double hi) {
  Distribution d;
  d.kind_ = Kind::Uniform;
  if (!finite(lo) || !finite(hi)) {
    d.issue_ = "uniform bounds must be finite numbers of seconds; using 0 .. 0";
    lo = hi = 0;
  }
  if (lo > hi) {
    d.issue_ = "uniform lower bound was above the upper bound; they were swapped";
    std::swap(lo, hi);
  }
  if (lo < 0) {
    d.issue_ = "durations cannot be negative; the uniform lower bound was raised to 0";
    lo = 0;
    if (hi < 0) hi = 0;
  }
  d.p1_ = lo;
  d.p2_ = hi;
  d.p3_ = hi - lo;
  return d;
}

Distribution Distribution::normal(double mean, double stddev) {
  Distribution d;
  d.kind_ = Kind::Normal;
  if (!finite(mean) || mean < 0) {
    d.issue_ = "a normal duration needs a finite mean >= 0 seconds; using 0";
    mean = 0;
  }
  if (!finite(stddev)) {
    d.issue_ = "a normal standard deviation must be finite; using 0";
    stddev = 0;
  } else if (stddev < 0) {
    d.issue_ = "a standard deviation cannot be negative; its absolute value is used";
    stddev = -stddev;
  }
  d.p1_ = mean;
  d.p2_ = stddev;
  return d;
}

Distribution Distribution::lognormal(double mu, double sigma) {
  Distribution d;
  d.kind_ = Kind::LogNormal;
  if (!finite(mu)) {
    d.issue_ = "log-normal mu must be finite; using 0 (median 1 s)";
    mu = 0;
  }
  if (!finite(sigma)) {
    d.issue_ = "log-normal sigma must be finite; using 0";
    sigma = 0;
  } else if (sigma < 0) {
    d.issue_ = "log-normal sigma cannot be negative; its absolute value is used";
    sigma = -sigma;
  }
  d.p1_ = mu;
  d.p2_ = sigma;
  return d;
}

// mean = exp(mu + s^2/2) and p99 = exp(mu + z s) give s^2 - 2 z s + 2 ln(p99/mean) = 0;
// the smaller root keeps p99 above the mean. It exists when ln(p99/mean) <= z^2/2.
Distribution Distribution::lognormal_from_mean_p99(double mean, double p99) {
  const char* issue = nullptr;
  if (!finite(mean) || mean <= 0 || !finite(p99)) {
    Distribution d = lognormal(0, 0);
    d.issue_ = "a log-normal needs a finite mean > 0 and a finite p99; using a constant 1 s";
    return d;
  }
  double ratio_log = det_log(p99 / mean);
  if (!(ratio_log > 0)) {
    issue = "a p99 must be above the mean; using a log-normal with almost no spread";
    ratio_log = 0;
  }
  double disc = kZ99 * kZ99 - 2 * ratio_log;
  if (disc < 0) {
    issue = "no log-normal has a p99 more than ~14.97 x its mean; using the widest one";
    disc = 0;
  }
  const double sigma = kZ99 - std::sqrt(disc);
  Distribution d = lognormal(det_log(mean) - 0.5 * sigma * sigma, sigma);
  if (issue) d.issue_ = issue;
  return d;
}

Distribution Distribution::pareto(double scale_xm, double shape_alpha) {
  Distribution d;
  d.kind_ = Kind::Pareto;
  if (!finite(scale_xm) || scale_xm < 0) {
    d.issue_ = "a Pareto scale must be a finite number of seconds >= 0; using 0";
    scale_xm = 0;
  }
  if (!finite(shape_alpha) || shape_alpha <= 0) {
    d.issue_ = "a Pareto shape must be a finite number > 0; using 1";
    shape_alpha = 1;
  }
  d.p1_ = scale_xm;
  d.p2_ = shape_alpha;
  d.p3_ = -1.0 / shape_alpha;
  return d;
}

Distribution Distribution::empirical(const std::vector<std::pair<double, double>>& in) {
  Distribution d;
  d.kind_ = Kind::Empirical;
  auto t = std::make_shared<Table>();
  for (const auto& [p, v] : in) {
    if (!finite(p) || !finite(v)) {
      d.issue_ = "empirical points must be finite numbers; the others were dropped";
      continue;
    }
    double pc = p, vc = v;
    if (pc < 0 || pc > 100) {
      d.issue_ = "empirical percentiles must be within 0..100; they were clamped";
      pc = pc < 0 ? 0 : 100;
    }
    if (vc < 0) {
      d.issue_ = "durations cannot be negative; negative empirical values became 0";
      vc = 0;
    }
    t->points.push_back({pc, vc});
  }
  if (t->points.empty()) {
    d.issue_ = "an empirical table needs at least one point; using a constant 0 s";
    t->points.push_back({0, 0});
  }
  std::stable_sort(t->points.begin(), t->points.end(),
                   [](const Point& a, const Point& b) { return a.percentile < b.percentile; });
  // An inverse CDF cannot decrease: a value below an earlier one is raised to it.
  for (size_t i = 1; i < t->points.size(); ++i) {
    if (t->points[i].value < t->points[i - 1].value) {
      d.issue_ = "empirical values must not decrease as the percentile grows; they were raised";
      t->points[i].value = t->points[i - 1].value;
    }
  }
  if (t->points.front().percentile > 0) t->points.insert(t->points.begin(), {0, t->points.front().value});
  if (t->points.back().percentile < 100) t->points.push_back({100, t->points.back().value});
  // Moments of a piecewise-linear quantile function: on each segment the value is
  // uniform between its ends, so E[X] and E[X^2] are exact sums.
  for (size_t i = 0; i + 1 < t->points.size(); ++i) {
    const Point& a = t->points[i];
    const Point& b = t->points[i + 1];
    const double w = (b.percentile - a.percentile) / 100;
    t->mean += w * (a.value + b.value) / 2;
    t->second_moment += w * (a.value * a.value + a.value * b.value + b.value * b.value) / 3;
  }
  for (const Point& pt : t->points) t->pct.push_back(pt.percentile);
  d.table_ = std::move(t);
  return d;
}

// ---- sampling -------------------------------------------------------------------

double standard_normal(Rng& rng) {
  for (;;) {
    const double u = 2.0 * rng.next_double() - 1.0;
    const double v = 2.0 * rng.next_double() - 1.0;
    const double s = u * u + v * v;
    if (s < 1.0 && s > 0.0) return u * std::sqrt(-2.0 * det_log(s) / s);
  }
}

double Distribution::sample_other(Rng& rng) const {
  switch (kind_) {
    case Kind::Constant:
      return p1_;
    case Kind::Exponential:
      return -p1_ * det_log(rng.next_open01());
    case Kind::Uniform:
      return p1_ + p3_ * rng.next_double();
    case Kind::Normal: {
      if (p2_ == 0) return p1_;
      // Polar method; both values of each pair are tried before drawing a new pair.
      // With mean >= 0 a value is accepted with probability >= 1/2, so the loop bound
      // is never reached in practice; it only guards against a logic error.
      for (int attempt = 0; attempt < 1000; ++attempt) {
        const double u = 2.0 * rng.next_double() - 1.0;
        const double v = 2.0 * rng.next_double() - 1.0;
        const double s = u * u + v * v;
        if (!(s < 1.0 && s > 0.0)) continue;
        const double f = std::sqrt(-2.0 * det_log(s) / s);
        const double x1 = p1_ + p2_ * (u * f);
        if (x1 >= 0) return x1;
        const double x2 = p1_ + p2_ * (v * f);
        if (x2 >= 0) return x2;
      }
      return p1_;
    }
    case Kind::LogNormal:
      return det_exp(p1_ + p2_ * standard_normal(rng));
    case Kind::Pareto:
      // Inverse CDF: x_m * u^(-1/alpha), u in (0, 1).
      return p1_ * det_exp(p3_ * det_log(rng.next_open01()));
    case Kind::Empirical: {
      const std::vector<double>& pct = table_->pct;
      const double q = rng.next_double() * 100.0;  // [0, 100)
      // First point strictly above q; its predecessor starts the segment. Points with
      // equal percentiles (a jump in value) are thereby stepped over.
      const size_t hi = static_cast<size_t>(std::upper_bound(pct.begin(), pct.end(), q) - pct.begin());
      if (hi >= pct.size()) return table_->points.back().value;
      const Point& a = table_->points[hi - 1];
      const Point& b = table_->points[hi];
      return a.value + (b.value - a.value) * ((q - a.percentile) / (b.percentile - a.percentile));
    }
  }
  return 0;
}

// ---- moments ----------------------------------------------------------------------

namespace {
// Truncated-normal factor lambda = phi(b) / Phi(b) for b = mean/stddev >= 0
// (the inverse Mills ratio at -b).
double truncated_lambda(double b) {
  if (b > 30) return 0;  // phi(30) ~ 1e-196: no truncation to speak of
  return kInvSqrt2Pi * det_exp(-0.5 * b * b) / std_normal_cdf_nonneg(b);
}
}  // namespace

double Distribution::mean() const {
  switch (kind_) {
    case Kind::Constant:
    case Kind::Exponential:
      return p1_;
    case Kind::Uniform:
      return p1_ + p3_ / 2;
    case Kind::Normal:
      if (p2_ == 0) return p1_;
      return p1_ + p2_ * truncated_lambda(p1_ / p2_);
    case Kind::LogNormal:
      return det_exp(p1_ + p2_ * p2_ / 2);
    case Kind::Pareto:
      if (p2_ <= 1) return kInf;
      return p2_ * p1_ / (p2_ - 1);
    case Kind::Empirical:
      return table_->mean;
  }
  return 0;
}

double Distribution::variance() const {
  switch (kind_) {
    case Kind::Constant:
      return 0;
    case Kind::Exponential:
      return p1_ * p1_;
    case Kind::Uniform:
      return p3_ * p3_ / 12;
    case Kind::Normal: {
      if (p2_ == 0) return 0;
      const double b = p1_ / p2_;
      const double l = truncated_lambda(b);
      return p2_ * p2_ * (1 - b * l - l * l);
    }
    case Kind::LogNormal: {
      const double s2 = p2_ * p2_;
      return det_expm1(s2) * det_exp(2 * p1_ + s2);
    }
    case Kind::Pareto: {
      if (p2_ <= 2) return kInf;
      const double am1 = p2_ - 1;
      return p1_ * p1_ * p2_ / (am1 * am1 * (p2_ - 2));
    }
    case Kind::Empirical: {
      const double v = table_->second_moment - table_->mean * table_->mean;
      return v > 0 ? v : 0;  // rounding can make a constant table's variance -1e-20
    }
  }
  return 0;
}

// ---- description and comparison ----------------------------------------------------

const char* Distribution::kind_name(Kind k) {
  switch (k) {
    case Kind::Constant: return "constant";
    case Kind::Exponential: return "exponential";
    case Kind::Uniform: return "uniform";
    case Kind::Normal: return "normal";
    case Kind::LogNormal: return "lognormal";
    case Kind::Pareto: return "pareto";
    case Kind::Empirical: return "empirical";
  }
  return "?";
}

const std::vector<Distribution::Point>& Distribution::points() const {
  static const std::vector<Point> kNone;
  return table_ ? table_->points : kNone;
}

std::string Distribution::describe() const {
  const std::string name = kind_name(kind_);
  switch (kind_) {
    case Kind::Constant:
      return name + "(" + secs(p1_) + ")";
    case Kind::Exponential:
      return name + "(mean " + secs(p1_) + ")";
    case Kind::Uniform:
      return name + "(" + secs(p1_) + " .. " + secs(p2_) + ")";
    case Kind::Normal:
      return name + "(mean " + secs(p1_) + ", sd " + secs(p2_) + ", truncated at 0)";
    case Kind::LogNormal:
      return name + "(mu " + num(p1_) + ", sigma " + num(p2_) + "; mean " + secs(mean()) + ")";
    case Kind::Pareto:
      return name + "(scale " + secs(p1_) + ", shape " + num(p2_) + ")";
    case Kind::Empirical: {
      std::string s = name + "(";
      const auto& pts = table_->points;
      for (size_t i = 0; i < pts.size(); ++i) {
        if (i) s += ", ";
        // Appended piece by piece: "p" + std::string trips g++ 12's false -Wrestrict.
        s += 'p';
        s += num(pts[i].percentile);
        s += ' ';
        s += secs(pts[i].value);
      }
      return s + ")";
    }
  }
  return name;
}

bool Distribution::operator==(const Distribution& o) const {
  if (kind_ != o.kind_ || p1_ != o.p1_ || p2_ != o.p2_) return false;
  if (kind_ != Kind::Empirical) return true;
  return table_ == o.table_ || table_->points == o.table_->points;
}

}  // namespace cp::sim
