// detmath — deterministic elementary functions: identical bits native and wasm.
//
//   #include "core/sim/detmath.h"
//   double t = -mean * cp::sim::det_log(u);      // exponential inter-arrival
//   double g = cp::sim::det_pow(1.5, attempt);   // backoff growth
//
// Why: glibc and Emscripten's libm round differently (see TOOLCHAIN.md,
// "Native and wasm must compute the same numbers"), so any function whose result
// can reach the simulation is built here from IEEE-exact operations only
// (+ - * / sqrt, integer and bit operations). Never call std::log/exp/pow/...
// in simulation code; call these.
//
// Accuracy (checked against glibc in tests/unit/test_detmath.cpp):
//   det_log, det_exp      < 1 ulp   (fdlibm's published algorithms)
//   det_log1p, det_expm1  a few ulp (Kahan's correction tricks)
//   det_pow               ~1 ulp    (log in double-double, then exp)
// Special values follow C99 Annex F: log(0) = -inf, log(<0) = NaN,
// exp(big) = +inf, pow(x, 0) = 1, pow(negative, non-integer) = NaN, ...
//
// Requires -ffp-contract=off (set in CMakeLists.txt): a fused multiply-add
// would change the rounding of these formulas on one platform only.
//
// to_bits/from_bits stand in for std::bit_cast, which Emscripten 3.1.6's libc++
// lacks; the compiler builtin exists in both g++ 12 and clang 14.
#pragma once
#include <cstdint>
#include <limits>

namespace cp::sim {

inline uint64_t to_bits(double x) { return __builtin_bit_cast(uint64_t, x); }
inline double from_bits(uint64_t b) { return __builtin_bit_cast(double, b); }

double det_log1p(double x);
double det_expm1(double x);
double det_pow(double base, double e);
inline double det_log(double x);
inline double det_exp(double x);

namespace detail {
// ln 2 split so that k * kLn2Hi is exact for |k| < 2000 (kLn2Hi has 32 significant bits).
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3FE62E42FEE00000
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3DEA39EF35793C76
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;
inline constexpr double kExpOverflow = 7.09782712893383973096e+02;    // above: +inf
inline constexpr double kExpUnderflow = -7.45133219101941108420e+02;  // below: 0

// exp(xh + xl) with |xl| much smaller than ulp(xh); det_pow passes the low half of a
// double-double argument, det_exp passes 0. fdlibm's method: x = k ln2 + r with
// |r| <= ln2/2, a minimax rational approximation of exp(r), then a 2^k scale by
// exponent bits.
inline double exp_core(double xh, double xl) {
  if (!(xh <= kExpOverflow)) {
    if (xh != xh) return xh;  // NaN stays NaN
    return std::numeric_limits<double>::infinity();
  }
  if (xh < kExpUnderflow) return 0.0;
  const double ax = xh < 0 ? -xh : xh;
  if (ax < 0x1p-28) return 1.0 + (xh + xl);  // exp(x) = 1 + x to within half an ulp
  int k = 0;
  double hi = xh, lo = -xl;
  if (ax > 0.5 * kLn2Hi) {
    // Round x/ln2 to nearest by truncating x/ln2 +- 0.5: casts truncate the same way everywhere.
    k = static_cast<int>(kInvLn2 * xh + (xh < 0 ? -0.5 : 0.5));
    hi = xh - k * kLn2Hi;  // exact: k * kLn2Hi is exact and close to xh
    lo = k * kLn2Lo - xl;
  }
  const double r = hi - lo;
  const double t = r * r;
  const double c = r - t * (1.66666666666666019037e-01 +
                            t * (-2.77777777770155933842e-03 +
                                 t * (6.61375632143793436117e-05 +
                                      t * (-1.65339022054652515390e-06 +
                                           t * 4.13813679705723846039e-08))));
  const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);  // y in [0.7, 1.42]
  if (k == 0) return y;
  if (k > 1023) return y * 2.0 * 0x1p1023;  // 2^k itself would overflow
  const uint64_t ybits = to_bits(y);
  if (k >= -1021)  // the result stays normal: add k to the exponent field
    return from_bits(ybits + (static_cast<uint64_t>(static_cast<int64_t>(k)) << 52));
  // Subnormal result: scale in two steps so that only the last one rounds.
  const double scaled =
      from_bits(ybits + (static_cast<uint64_t>(static_cast<int64_t>(k + 1000)) << 52));
  return scaled * 0x1p-1000;
}

// Splits x = 2^k * m with m in [sqrt(2)/2, sqrt(2)); x must be positive and finite.
// Returns m; k is written to *k. Subnormals are scaled up first.
inline double split_log_argument(double x, int* k) {
  uint64_t bits = to_bits(x);
  int e = 0;
  if (bits < 0x0010000000000000ULL) {  // subnormal: make it normal, remember the shift
    bits = to_bits(x * 0x1p54);
    e = -54;
  }
  e += static_cast<int>(bits >> 52) - 1023;
  const uint64_t mant = bits & 0x000fffffffffffffULL;
  // Mantissa of sqrt(2) is 0x6a09e667f3bcd: above it, use m/2 (exponent 0x3fe) and k+1,
  // so that f = m - 1 stays within [-0.293, 0.415] where the series converges fast.
  const bool halve = mant > 0x6a09e667f3bcdULL;
  *k = e + (halve ? 1 : 0);
  return from_bits(mant | (halve ? 0x3fe0000000000000ULL : 0x3ff0000000000000ULL));
}
}  // namespace detail

// Natural logarithm. Inline: the exponential sampler calls it once per event.
// fdlibm's method: log(x) = k ln2 + log(1+f), log(1+f) = 2 atanh(s), s = f/(2+f),
// with a degree-14 minimax polynomial (error < 2^-58.45) for the atanh tail.
inline double det_log(double x) {
  const uint64_t bits = to_bits(x);
  // One unsigned compare sends 0, negatives, subnormals, inf and NaN off the fast path.
  if (bits - 0x0010000000000000ULL >= 0x7ff0000000000000ULL - 0x0010000000000000ULL) {
    if (x != x) return x;                                           // NaN
    if (x == 0) return -std::numeric_limits<double>::infinity();    // +-0
    if (bits >> 63) return std::numeric_limits<double>::quiet_NaN();  // negative
    if (bits >= 0x7ff0000000000000ULL) return x;                    // +inf
    // positive subnormal: split_log_argument handles it below
  }
  int k = 0;
  const double m = detail::split_log_argument(x, &k);
  const double f = m - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  // Even and odd halves of the polynomial in z, evaluated separately for a shorter chain.
  const double t1 = w * (3.999999999940941908e-01 +
                         w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01));
  const double t2 = z * (6.666666666666735130e-01 +
                         w * (2.857142874366239149e-01 +
                              w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)));
  const double R = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double dk = static_cast<double>(k);
  // log(1+f) = f - hfsq + s*(hfsq + R); grouped so the big terms are added last.
  return dk * detail::kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * detail::kLn2Lo)) - f);
}

// e^x. Overflows to +inf above 709.78, underflows to 0 below -745.13.
inline double det_exp(double x) { return detail::exp_core(x, 0.0); }

}  // namespace cp::sim
