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
//   det_log               <= 1 ulp  (a 128-entry table and a Taylor series; fdlibm's
//                                    method near 1: same error bound, measured
//                                    over 20 M arguments, as fdlibm's alone)
//   det_exp               < 1 ulp   (fdlibm's published algorithm)
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

// det_log's table, one entry per 128th of [1, 2): see scripts/gen-log-table.py.
struct LogTableEntry {
  double inv_c, log_c_hi, log_c_lo;
  int k_add;
};
extern const LogTableEntry kLogTable[128];
inline constexpr double kThird = 1.0 / 3, kSixth = 1.0 / 6, kSeventh = 1.0 / 7;
// fdlibm's log (s = f/(2+f) and a minimax polynomial), with C99's special values:
// det_log's path for the rare arguments.
double log_fdlibm(double x);

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

// Natural logarithm, <= 1 ulp (see the top). Inline: the exponential sampler calls it once per
// event, so its latency is on the event loop's path.
//
// Fast path (about 97% of uniform draws): x = 2^k m with m in [1, 2); i = the top
// 7 bits of m's mantissa picks c = 1 + (i + 1/2)/128 and a table entry (see
// scripts/gen-log-table.py) with 1/c and log c as a double-double; then
// log x = k ln2 + log c + log1p(r), r = (m - c)/c, |r| <= 2^-7.5, and log1p(r) is
// its Taylor series to r^7 (truncation < 2^-63), evaluated in Estrin's order.
// No division: fdlibm's s = f/(2+f) cost a divide's latency on every event.
// Entries with c > sqrt(2) stand for c/2 and k + 1, so k ln2 and log c never
// cancel. Near 1 (k = 0 and m within 8/128 above 1 or x within 1/32 below 1)
// log c and log1p(r) would cancel, so those, and 0, negatives, subnormals,
// inf and NaN, take fdlibm's method (detail::log_fdlibm, out of line).
inline double det_log(double x) {
  const uint64_t bits = to_bits(x);
  // One unsigned compare sends 0, negatives, subnormals, inf and NaN to the slow path.
  if (bits - 0x0010000000000000ULL >= 0x7ff0000000000000ULL - 0x0010000000000000ULL)
    return detail::log_fdlibm(x);
  const uint32_t i = static_cast<uint32_t>(bits >> 45) & 127;
  const detail::LogTableEntry& t = detail::kLogTable[i];
  const int k = static_cast<int>(bits >> 52) - 1023 + t.k_add;
  if (k == 0 && (i < 8 || i >= 120)) return detail::log_fdlibm(x);
  const double m = from_bits((bits & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
  const double c = from_bits(0x3ff0000000000000ULL | (static_cast<uint64_t>(2 * i + 1) << 44));
  const double r = (m - c) * t.inv_c;  // m - c is exact
  const double r2 = r * r;
  const double r4 = r2 * r2;
  const double p = r + (r2 * (-0.5 + r * detail::kThird) +
                        r4 * ((-0.25 + r * 0.2) + r2 * (-detail::kSixth + r * detail::kSeventh)));
  const double dk = static_cast<double>(k);
  const double big = dk * detail::kLn2Hi;  // exact
  const double hi = big + t.log_c_hi;
  const double err = (big - hi) + t.log_c_hi;  // hi's rounding error (|big| >= |log_c| or big = 0)
  return hi + (p + (err + (dk * detail::kLn2Lo + t.log_c_lo)));
}

// e^x. Overflows to +inf above 709.78, underflows to 0 below -745.13.
inline double det_exp(double x) { return detail::exp_core(x, 0.0); }

}  // namespace cp::sim
