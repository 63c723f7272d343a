// ui/axis_ticks.h: plot axes with distinct, rounded "nice" ticks (1/2/5 × 10^k).
#include <catch2/catch.hpp>

#include <set>

#include "ui/axis_ticks.h"

using cp::ui::AxisTicks;
using cp::ui::format_tick;
using cp::ui::nice_ticks;

namespace {
std::vector<std::string> labels(const AxisTicks& t) {
  std::vector<std::string> out;
  for (int i = 0; i < t.count; ++i) out.push_back(format_tick(t.at(i), t));
  return out;
}
// The checks every axis must pass: covers [lo, hi], a 1/2/5 step, a sensible count, distinct labels.
void check_axis(double lo, double hi, int target) {
  INFO("range " << lo << " .. " << hi << ", target " << target);
  AxisTicks t = nice_ticks(lo, hi, target);
  const double a = std::min(lo, hi), b = std::max(lo, hi);
  CHECK(t.first <= a + 1e-12 * std::fabs(a));
  CHECK(t.last() >= b - 1e-12 * std::fabs(b));
  const double m = t.step / std::pow(10.0, std::floor(std::log10(t.step) + 1e-9));
  CHECK((std::fabs(m - 1) < 1e-6 || std::fabs(m - 2) < 1e-6 || std::fabs(m - 5) < 1e-6));
  CHECK(t.count >= 2);
  CHECK(t.count <= 2 * target + 3);
  auto l = labels(t);
  INFO("labels: " << [&] { std::string s; for (auto& x : l) s += x + " "; return s; }());
  CHECK(std::set<std::string>(l.begin(), l.end()).size() == l.size());
  for (const auto& x : l) CHECK((x.rfind("-0", 0) != 0 || x.find_first_not_of("-0.") != std::string::npos));
}
}  // namespace

TEST_CASE("axis ticks: the cost axis that read 0.001, 0.001, 0.001, 0.000", "[axis]") {
  AxisTicks t = nice_ticks(0, 0.0012, 3);
  CHECK(t.step == Approx(0.0005));
  CHECK(labels(t) == std::vector<std::string>{"0", "0.0005", "0.001", "0.0015"});
}

TEST_CASE("axis ticks: everyday ranges give round labels", "[axis]") {
  CHECK(labels(nice_ticks(0, 95, 3)) == std::vector<std::string>{"0", "20", "40", "60", "80", "100"});
  CHECK(labels(nice_ticks(0, 2.4, 3)) == std::vector<std::string>{"0", "1", "2", "3"});
  CHECK(labels(nice_ticks(0, 0.9, 3)) == std::vector<std::string>{"0", "0.2", "0.4", "0.6", "0.8", "1"});
  CHECK(labels(nice_ticks(0, 12000, 3)) == std::vector<std::string>{"0", "5k", "10k", "15k"});
  CHECK(labels(nice_ticks(0, 3.2e6, 3)) == std::vector<std::string>{"0", "1M", "2M", "3M", "4M"});
}

TEST_CASE("axis ticks: tiny, huge, zero-width, negative and reversed ranges", "[axis]") {
  for (int target : {2, 3, 5, 8}) {
    check_axis(0, 1e-9, target);
    check_axis(0, 0.00037, target);
    check_axis(1e-7, 1.00001e-7, target);
    check_axis(0, 1, target);
    check_axis(0, 7.3, target);
    check_axis(0, 1234567, target);
    check_axis(0, 1e30, target);
    check_axis(-50, 50, target);
    check_axis(-0.003, -0.001, target);
    check_axis(-1e6, 20, target);
    check_axis(10, 2, target);  // reversed
    check_axis(0, 0, target);   // zero width
    check_axis(5, 5, target);
    check_axis(-0.0004, -0.0004, target);
    check_axis(99.99, 100.01, target);
  }
  AxisTicks z = nice_ticks(0, 0, 3);
  CHECK(z.first == 0);
  CHECK(z.last() >= 1);
  AxisTicks nan = nice_ticks(std::nan(""), 1, 3);
  CHECK(nan.first == 0);
  CHECK(nan.last() >= 1);
}
