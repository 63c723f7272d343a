#include "core/sim/dettrig.h"

#include <cstdint>

namespace cp::sim {
namespace {

constexpr double kPi = 3.14159265358979323846;
// 2π split in two parts so that x − k·2π keeps its low bits (Cody–Waite).
constexpr double kTwoPiHi = 6.28318530717958623200;
constexpr double kTwoPiLo = 2.44929359829470635445e-16;

// Reduce to [-π, π].
double reduce(double x) {
  double k = x / (2 * kPi);
  k = static_cast<double>(static_cast<int64_t>(k < 0 ? k - 0.5 : k + 0.5));
  return (x - k * kTwoPiHi) - k * kTwoPiLo;
}

// Taylor series on [-π/2, π/2], Horner form.
double sin_series(double x) {
  // Coefficients of x^23, x^21, ..., x^1: (−1)^k / (2k+1)!
  static const double coef[] = {
      -1.0 / 25852016738884976640000.0, 1.0 / 51090942171709440000.0, -1.0 / 121645100408832000.0,
      1.0 / 355687428096000.0,          -1.0 / 1307674368000.0,       1.0 / 6227020800.0,
      -1.0 / 39916800.0,                1.0 / 362880.0,               -1.0 / 5040.0,
      1.0 / 120.0,                      -1.0 / 6.0,                   1.0};
  double x2 = x * x;
  double sum = 0;
  for (double c : coef) sum = sum * x2 + c;
  return sum * x;
}

}  // namespace

double det_sin(double x) {
  if (x != x) return x;
  double r = reduce(x);
  // Fold into [-π/2, π/2]: sin(π − r) = sin(r).
  if (r > kPi / 2) r = kPi - r;
  else if (r < -kPi / 2) r = -kPi - r;
  return sin_series(r);
}

double det_cos(double x) { return det_sin(x + kPi / 2); }

}  // namespace cp::sim
