// Axis ticks: "nice numbers" (1, 2 or 5 × 10^k) over a range, and their labels
// rounded to what the step needs — so a cost axis from 0 to $0.0012/h reads
// "0, 0.0005, 0.001, 0.0015", never "0.001, 0.001, 0.001, 0.000".
// Pure arithmetic (no ImGui): ui/plot.cpp draws with it, tests/unit checks it.
//
//   cp::ui::AxisTicks t = cp::ui::nice_ticks(0, 0.0012, 3);   // first 0, step 0.0005, count 4
//   for (int i = 0; i < t.count; ++i) label = cp::ui::format_tick(t.at(i), t);
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace cp::ui {

struct AxisTicks {
  double first = 0, step = 1;  // ticks at first + i × step
  int count = 2;
  double at(int i) const { return first + step * i; }
  double last() const { return at(count - 1); }
};

// A 1/2/5 × 10^k step giving about `target` intervals over [lo, hi] (lo and hi are
// covered: first <= lo, last >= hi). A zero-width range is widened around its value,
// non-finite ends count as 0..1.
inline AxisTicks nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  target = std::max(1, target);
  if (!(hi - lo > std::max(std::fabs(lo), std::fabs(hi)) * 1e-9)) {
    const double mag = std::max(std::fabs(lo), std::fabs(hi));
    if (mag < 1e-300) lo = 0, hi = 1;
    else lo -= mag * 0.1, hi += mag * 0.1;
  }
  const double raw = (hi - lo) / target;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  const double m = raw / p;
  const double step = (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  AxisTicks t;
  t.step = step;
  t.first = std::floor(lo / step + 1e-9) * step;
  const double last = std::ceil(hi / step - 1e-9) * step;
  t.count = static_cast<int>(std::lround((last - t.first) / step)) + 1;
  t.count = std::max(2, t.count);
  return t;
}

// A tick's label: as many decimals as the step needs (step 0.0005 -> "0.0005", "0.001"),
// no trailing zeros, large axes in k/M (step 5000 -> "5k", "10k"); zero is "0", never "-0".
inline std::string format_tick(double v, const AxisTicks& t) {
  const double big = std::max(std::fabs(t.first), std::fabs(t.last()));
  char buf[64];
  if (big >= 1e12) {  // beyond any cost or rate here: scientific, still distinct per tick
    std::snprintf(buf, sizeof buf, "%.3g", std::fabs(v) < t.step * 1e-6 ? 0.0 : v);
    return buf;
  }
  const double scale = big >= 1e6 ? 1e6 : big >= 1e4 ? 1e3 : 1;
  const char* suffix = scale == 1e6 ? "M" : scale == 1e3 ? "k" : "";
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(t.step / scale) + 1e-9)), 0, 17);
  double x = v / scale;
  if (std::fabs(x) < t.step / scale * 1e-6) x = 0;  // 1e-17 from the arithmetic reads 0, not -0.00
  if (x == 0) return "0";
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string out = buf;
  // 0.0010 -> 0.001: the values differ, so do their shortest spellings.
  if (out.find('.') != std::string::npos) {
    out.erase(out.find_last_not_of('0') + 1);
    if (out.back() == '.') out.pop_back();
  }
  return out + suffix;
}

}  // namespace cp::ui
