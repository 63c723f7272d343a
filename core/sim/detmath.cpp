// detmath — the non-inline deterministic functions (log1p, expm1, pow).
// See detmath.h for the contract. Only + - * / sqrt and bit operations here.
#include "core/sim/detmath.h"

#include <cmath>  // std::sqrt only: IEEE requires it correctly rounded

namespace cp::sim {

namespace detail {

const LogTableEntry kLogTable[128] = {
#include "core/sim/detmath_log_table.inc"
};

// fdlibm's method: log(x) = k ln2 + log(1+f), log(1+f) = 2 atanh(s), s = f/(2+f),
// with a degree-14 minimax polynomial (error < 2^-58.45) for the atanh tail.
double log_fdlibm(double x) {
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
  const double m = split_log_argument(x, &k);
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
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + R) + dk * kLn2Lo)) - f);
}

}  // namespace detail

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- double-double helpers (error-free transformations) ----------------------
// They need round-to-nearest and no FMA contraction, both guaranteed by our flags.
struct DD {
  double hi, lo;
};

// a + b = s + e exactly, for any a, b.
inline DD two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  const double e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

// a + b = s + e exactly, when |a| >= |b|.
inline DD fast_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}

// Dekker's split: a = hi + lo with hi, lo of at most 26 significant bits each.
// Valid for |a| < 2^996 (callers guarantee far less).
inline DD split(double a) {
  const double c = 134217729.0 * a;  // 2^27 + 1
  const double hi = c - (c - a);
  return {hi, a - hi};
}

// a * b = p + e exactly (Dekker), without relying on a fused multiply-add.
inline DD two_prod(double a, double b) {
  const double p = a * b;
  const DD as = split(a), bs = split(b);
  const double e = ((as.hi * bs.hi - p) + as.hi * bs.lo + as.lo * bs.hi) + as.lo * bs.lo;
  return {p, e};
}

// log(x) as a double-double with relative error about 2^-64, for finite x > 0.
// Same reduction as det_log, but s = f/(2+f) and the s^3 term are carried in
// double-double: pow multiplies the log by up to ~700/|log x|, which would magnify
// a plain double's last-bit error into several ulps of the result.
DD log_dd(double x) {
  int k = 0;
  const double m = detail::split_log_argument(x, &k);
  const double f = m - 1.0;  // exact
  // d = 2 + f exactly as dh + dl.
  const double dh = 2.0 + f;
  const double dl = f - (dh - 2.0);
  // s = f / d: sh by division, sl from the exact residual f - sh*dh - sh*dl.
  const double sh = f / dh;
  const DD p = two_prod(sh, dh);
  const double sl = (((f - p.hi) - p.lo) - sh * dl) / dh;
  // log(1+f) = 2s + (2/3)s^3 + s^5 * Q(s^2), Q(z) = 2/5 + 2/7 z + ... (Taylor; |s| <= 0.1716,
  // so 12 terms leave a truncation error below 2^-66 relative).
  const DD z = two_prod(sh, sh);
  DD c = two_prod(z.hi, sh);                 // s^3, high part exact
  c.lo += z.lo * sh + 3.0 * z.hi * sl;       // + rounding of s^2, + 3 s^2 sl
  constexpr double kTwoThirdsHi = 2.0 / 3.0;
  constexpr double kTwoThirdsLo = 0x1p-53 / 3.0;  // 2/3 - kTwoThirdsHi (3*hi = 2 - 2^-53)
  DD t1 = two_prod(c.hi, kTwoThirdsHi);
  t1.lo += c.hi * kTwoThirdsLo + c.lo * kTwoThirdsHi;
  const double zz = z.hi;
  const double q =
      2.0 / 5 + zz * (2.0 / 7 + zz * (2.0 / 9 + zz * (2.0 / 11 + zz * (2.0 / 13 + zz * (2.0 / 15 +
      zz * (2.0 / 17 + zz * (2.0 / 19 + zz * (2.0 / 21 + zz * (2.0 / 23 + zz * (2.0 / 25))))))))));
  const double t2 = c.hi * zz * q;
  const DD a = fast_two_sum(2.0 * sh, t1.hi);  // |2s| >= |(2/3)s^3|
  const double lo = a.lo + (2.0 * sl + t1.lo + t2);
  // Add k ln2 (k*kLn2Hi exact).
  const double dk = static_cast<double>(k);
  const DD h = two_sum(dk * detail::kLn2Hi, a.hi);
  return fast_two_sum(h.hi, h.lo + (lo + dk * detail::kLn2Lo));
}

inline double abs_of(double x) { return x < 0 ? -x : x; }

// Integer tests without libm: every double with |y| >= 2^52 is an integer.
inline bool is_integer(double y) {
  if (abs_of(y) >= 0x1p52) return true;
  return static_cast<double>(static_cast<int64_t>(y)) == y;
}
inline bool is_odd_integer(double y) {
  if (abs_of(y) >= 0x1p53) return false;  // from 2^53 on, every double is even
  return is_integer(y) && (static_cast<int64_t>(y) & 1) != 0;
}

}  // namespace

// Kahan's trick: u = 1+x is rounded, but log(u) * x/(u-1) cancels that rounding,
// leaving a few ulps of error.
double det_log1p(double x) {
  if (x != x) return x;
  if (x == kInf) return kInf;
  if (x < -1.0) return kNaN;
  if (x == -1.0) return -kInf;
  const double u = 1.0 + x;
  if (u == 1.0) return x;  // |x| < 2^-53: log1p(x) = x to within half an ulp (keeps -0)
  return det_log(u) * (x / (u - 1.0));
}

// Kahan's trick again: u = e^x is rounded; (u-1) * x / log(u) corrects it.
double det_expm1(double x) {
  if (x != x) return x;
  if (x > detail::kExpOverflow) return kInf;
  if (x < -40.0) return -1.0;  // e^-40 is below half an ulp of 1
  const double ax = abs_of(x);
  if (ax < 0x1p-54) return x;  // also keeps -0
  const double u = det_exp(x);
  if (u == 1.0) return x;
  const double um1 = u - 1.0;
  if (um1 == -1.0) return -1.0;
  if (u == kInf) return kInf;
  return um1 * (x / det_log(u));
}

double det_pow(double x, double y) {
  // ---- special values, in C99 Annex F order -----------------------------------
  if (y == 0.0) return 1.0;
  if (x == 1.0) return 1.0;
  if (x != x || y != y) return x + y;
  if (y == 1.0) return x;
  const double ay = abs_of(y);
  const double ax = abs_of(x);
  if (x == 0.0) {
    const bool odd = is_odd_integer(y);
    if (y < 0) return odd ? 1.0 / x : kInf;  // 1/(+-0) = +-inf
    return odd ? x : 0.0;
  }
  if (ay == kInf) {
    if (ax == 1.0) return 1.0;  // pow(-1, +-inf) = 1
    return (ax < 1.0) == (y < 0) ? kInf : 0.0;
  }
  if (ax == kInf) {
    const bool odd = is_odd_integer(y);
    if (x > 0) return y < 0 ? 0.0 : kInf;
    if (y < 0) return odd ? -0.0 : 0.0;
    return odd ? -kInf : kInf;
  }
  double sign = 1.0;
  if (x < 0) {
    if (!is_integer(y)) return kNaN;
    if (is_odd_integer(y)) sign = -1.0;
  }
  // ---- exact shortcuts (single IEEE operations are correctly rounded) ---------
  if (y == 2.0) return x * x;
  if (y == -1.0) return 1.0 / x;
  if (y == 0.5) return std::sqrt(x);  // x > 0 here (negative x with y = 0.5 returned NaN)
  // ---- general case: exp(y * log|x|) with the product in double-double --------
  const DD l = log_dd(ax);
  const double approx = y * l.hi;
  if (approx > detail::kExpOverflow + 1.0) return sign * kInf;
  if (approx < detail::kExpUnderflow - 1.0) return sign * 0.0;
  // Here |y| < 2^63 (|l.hi| >= 2^-54 since ax != 1), so Dekker's split cannot overflow.
  const DD p = two_prod(y, l.hi);
  const DD r = fast_two_sum(p.hi, p.lo + y * l.lo);
  return sign * detail::exp_core(r.hi, r.lo);
}

}  // namespace cp::sim
