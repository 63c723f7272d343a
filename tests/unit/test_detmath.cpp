// det_* against glibc: special values exactly, accuracy over wide random ranges.
// libm is fine here: it is only the reference, never part of a simulation result.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

#include "core/sim/detmath.h"
#include "core/sim/rng.h"

using namespace cp::sim;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kUlp1 = 0x1p-52;  // relative size of one ulp just above 1.0

double rel_err(double got, double want) {
  if (got == want) return 0;
  return std::fabs(got - want) / std::fabs(want);
}
bool same_bits(double a, double b) { return to_bits(a) == to_bits(b); }

// Max relative error of f against ref over n inputs drawn by gen.
template <class F, class Ref, class Gen>
double max_rel_err(F f, Ref ref, Gen gen, int n) {
  double worst = 0;
  for (int i = 0; i < n; ++i) {
    const double x = gen();
    const double want = ref(x);
    if (!std::isfinite(want) || std::fabs(want) < 0x1p-1022) continue;  // normal results only
    worst = std::max(worst, rel_err(f(x), want));
  }
  return worst;
}
}  // namespace

TEST_CASE("det_log special values follow C99 Annex F") {
  CHECK(det_log(0.0) == -kInf);
  CHECK(det_log(-0.0) == -kInf);
  CHECK(std::isnan(det_log(-1.0)));
  CHECK(std::isnan(det_log(-kInf)));
  CHECK(std::isnan(det_log(-0x1p-1074)));
  CHECK(std::isnan(det_log(kNaN)));
  CHECK(det_log(kInf) == kInf);
  CHECK(det_log(1.0) == 0.0);
  CHECK(!std::signbit(det_log(1.0)));
  CHECK(det_log(2.0) == std::log(2.0));
  // Subnormals and the extremes of the double range.
  CHECK(rel_err(det_log(0x1p-1074), std::log(0x1p-1074)) <= kUlp1);
  CHECK(rel_err(det_log(3e-320), std::log(3e-320)) <= kUlp1);
  CHECK(rel_err(det_log(std::numeric_limits<double>::max()), std::log(std::numeric_limits<double>::max())) <= kUlp1);
  CHECK(rel_err(det_log(std::numeric_limits<double>::min()), std::log(std::numeric_limits<double>::min())) <= kUlp1);
}

TEST_CASE("det_log is within 1 ulp of glibc over all positive doubles") {
  Rng rng(1);
  // Random bit patterns cover every exponent, subnormals included.
  auto any_positive = [&] { return from_bits(rng.next_u64() & 0x7fefffffffffffffULL); };
  const double e1 = max_rel_err([](double x) { return det_log(x); }, [](double x) { return std::log(x); },
                                any_positive, 2'000'000);
  // Near 1, where log is small and cancellation would show.
  auto near_one = [&] { return 1.0 + (rng.next_double() - 0.5) * 0x1p-10; };
  const double e2 = max_rel_err([](double x) { return det_log(x); }, [](double x) { return std::log(x); },
                                near_one, 500'000);
  // Open unit interval: the exponential sampler's inputs.
  auto unit = [&] { return rng.next_open01(); };
  const double e3 = max_rel_err([](double x) { return det_log(x); }, [](double x) { return std::log(x); },
                                unit, 500'000);
  INFO("det_log max rel err: any " << e1 << ", near 1 " << e2 << ", (0,1) " << e3);
  CHECK(e1 <= kUlp1);
  CHECK(e2 <= kUlp1);
  CHECK(e3 <= kUlp1);
}

TEST_CASE("det_exp special values and range ends") {
  CHECK(det_exp(0.0) == 1.0);
  CHECK(det_exp(-0.0) == 1.0);
  CHECK(det_exp(kInf) == kInf);
  CHECK(det_exp(-kInf) == 0.0);
  CHECK(std::isnan(det_exp(kNaN)));
  CHECK(det_exp(710.0) == kInf);
  CHECK(det_exp(1000.0) == kInf);
  CHECK(det_exp(-746.0) == 0.0);
  CHECK(det_exp(1e-300) == 1.0);
  CHECK(rel_err(det_exp(709.78), std::exp(709.78)) <= kUlp1);  // just below overflow
  CHECK(rel_err(det_exp(1.0), std::numbers::e) <= kUlp1);
  // Subnormal results: within one subnormal step of glibc.
  for (double x : {-708.5, -710.0, -720.0, -740.0, -745.0})
    CHECK(std::fabs(det_exp(x) - std::exp(x)) <= 0x1p-1074 * 1.0001 + std::exp(x) * kUlp1);
}

TEST_CASE("det_exp is within 1 ulp of glibc on its whole normal range") {
  Rng rng(2);
  auto wide = [&] { return rng.next_double() * 1417.0 - 708.0; };
  auto small = [&] { return (rng.next_double() - 0.5) * 2.0; };
  auto tiny = [&] { return (rng.next_double() - 0.5) * 0x1p-20; };
  auto e = [](double x) { return det_exp(x); };
  auto ref = [](double x) { return std::exp(x); };
  const double e1 = max_rel_err(e, ref, wide, 2'000'000);
  const double e2 = max_rel_err(e, ref, small, 500'000);
  const double e3 = max_rel_err(e, ref, tiny, 200'000);
  INFO("det_exp max rel err: wide " << e1 << ", |x|<1 " << e2 << ", tiny " << e3);
  CHECK(e1 <= kUlp1);
  CHECK(e2 <= kUlp1);
  CHECK(e3 <= kUlp1);
}

TEST_CASE("det_log1p and det_expm1 are within a few ulp of glibc") {
  CHECK(same_bits(det_log1p(-0.0), -0.0));
  CHECK(det_log1p(0.0) == 0.0);
  CHECK(det_log1p(-1.0) == -kInf);
  CHECK(std::isnan(det_log1p(-1.5)));
  CHECK(det_log1p(kInf) == kInf);
  CHECK(std::isnan(det_log1p(kNaN)));
  CHECK(det_log1p(1e-300) == 1e-300);
  CHECK(det_expm1(0.0) == 0.0);
  CHECK(same_bits(det_expm1(-0.0), -0.0));
  CHECK(det_expm1(-kInf) == -1.0);
  CHECK(det_expm1(kInf) == kInf);
  CHECK(det_expm1(-50.0) == -1.0);
  CHECK(det_expm1(1e-300) == 1e-300);

  Rng rng(3);
  // Log-uniform magnitudes from 1e-12 to 1e6, both signs (log1p: > -1 only).
  auto mag = [&] { return std::exp((rng.next_double() * 32.0 - 27.6)); };
  const double l1 = max_rel_err([](double x) { return det_log1p(x); }, [](double x) { return std::log1p(x); },
                                mag, 1'000'000);
  const double l2 = max_rel_err([](double x) { return det_log1p(x); }, [](double x) { return std::log1p(x); },
                                [&] { return -rng.next_double(); }, 500'000);
  auto signed_mag = [&] { return (rng.next_double() < 0.5 ? -1 : 1) * std::exp(rng.next_double() * 34.0 - 27.6); };
  const double m1 = max_rel_err([](double x) { return det_expm1(x); }, [](double x) { return std::expm1(x); },
                                [&] { double x = signed_mag(); return x > 700 ? 700 : x; }, 1'000'000);
  INFO("log1p max rel err " << std::max(l1, l2) << ", expm1 " << m1);
  CHECK(std::max(l1, l2) <= 4 * kUlp1);
  CHECK(m1 <= 4 * kUlp1);
}

TEST_CASE("det_pow special values follow C99 Annex F") {
  CHECK(det_pow(kNaN, 0.0) == 1.0);
  CHECK(det_pow(1.0, kNaN) == 1.0);
  CHECK(std::isnan(det_pow(kNaN, 1.5)));
  CHECK(std::isnan(det_pow(2.0, kNaN)));
  CHECK(det_pow(0.0, -3.0) == kInf);
  CHECK(det_pow(-0.0, -3.0) == -kInf);
  CHECK(det_pow(-0.0, -2.0) == kInf);
  CHECK(same_bits(det_pow(-0.0, 3.0), -0.0));
  CHECK(same_bits(det_pow(-0.0, 2.0), 0.0));
  CHECK(det_pow(-1.0, kInf) == 1.0);
  CHECK(det_pow(0.5, kInf) == 0.0);
  CHECK(det_pow(0.5, -kInf) == kInf);
  CHECK(det_pow(2.0, kInf) == kInf);
  CHECK(det_pow(2.0, -kInf) == 0.0);
  CHECK(det_pow(kInf, -1.0) == 0.0);
  CHECK(det_pow(kInf, 0.5) == kInf);
  CHECK(same_bits(det_pow(-kInf, -3.0), -0.0));
  CHECK(det_pow(-kInf, 3.0) == -kInf);
  CHECK(det_pow(-kInf, 2.0) == kInf);
  CHECK(std::isnan(det_pow(-2.0, 0.5)));
  CHECK(det_pow(-2.0, 3.0) == -8.0);
  CHECK(det_pow(-2.0, 2.0) == 4.0);
  CHECK(det_pow(2.0, 10.0) == 1024.0);
  CHECK(det_pow(2.0, -1074.0) == 0x1p-1074);
  CHECK(det_pow(2.0, 1024.0) == kInf);
  CHECK(det_pow(10.0, 400.0) == kInf);
  CHECK(det_pow(10.0, -400.0) == 0.0);
  CHECK(det_pow(-10.0, -401.0) == 0.0);
  CHECK(std::signbit(det_pow(-10.0, -401.0)));
  CHECK(det_pow(9.0, 0.5) == 3.0);
  CHECK(det_pow(1.0 + 0x1p-52, 1e300) == kInf);
}

TEST_CASE("det_pow is within ~1 ulp of glibc, even for huge results") {
  Rng rng(4);
  double worst = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    // Bases spread over 1e-9..1e9; exponents chosen so y*ln(x) spans +-700.
    const double x = std::exp(rng.next_double() * 40.0 - 20.0);
    const double y = (rng.next_double() * 2 - 1) * 700.0 / std::fabs(std::log(x));
    const double want = std::pow(x, y);
    if (!std::isfinite(want) || want < 0x1p-1022) continue;
    worst = std::max(worst, rel_err(det_pow(x, y), want));
  }
  // Integer exponents of negative bases.
  for (int i = 0; i < 200'000; ++i) {
    const double x = -(rng.next_double() * 10.0 + 0.01);
    const double y = static_cast<double>(static_cast<int>(rng.below(201)) - 100);
    const double want = std::pow(x, y);
    if (!std::isfinite(want) || std::fabs(want) < 0x1p-1022) continue;
    worst = std::max(worst, rel_err(det_pow(x, y), want));
  }
  INFO("det_pow max rel err " << worst);
  CHECK(worst <= 2 * kUlp1);
}
