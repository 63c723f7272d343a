#include "core/doc/distribution_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/doc/messages.h"
#include "core/sim/detmath.h"

namespace cp::doc {
namespace {

using nlohmann::json;
using cp::sim::Distribution;

// Longest duration a distribution parameter may state: far beyond any run (30 days).
constexpr double kMaxMs = 1e10;
constexpr double kMaxSigma = 10;    // e^(10²/2) is already ~5e21: wider is a typo
constexpr double kMaxShape = 1000;
constexpr size_t kMaxPercentilePoints = 1000;

struct KindFields {
  const char* kind;
  std::vector<std::string> fields;  // besides "kind"
  const char* example;
};

const std::vector<KindFields>& kind_table() {
  static const std::vector<KindFields> t = {
      {"constant", {"value_ms"}, R"({"kind": "constant", "value_ms": 5})"},
      {"exponential", {"mean_ms"}, R"({"kind": "exponential", "mean_ms": 20})"},
      {"uniform", {"min_ms", "max_ms"}, R"({"kind": "uniform", "min_ms": 1, "max_ms": 9})"},
      {"normal", {"mean_ms", "stddev_ms"}, R"({"kind": "normal", "mean_ms": 50, "stddev_ms": 10})"},
      {"lognormal", {"median_ms", "sigma", "mean_ms", "p99_ms"}, R"({"kind": "lognormal", "median_ms": 30, "sigma": 0.5})"},
      {"pareto", {"scale_ms", "shape"}, R"({"kind": "pareto", "scale_ms": 10, "shape": 2.5})"},
      {"empirical", {"percentiles"}, R"({"kind": "empirical", "percentiles": {"0": 1, "50": 20, "100": 500}})"},
  };
  return t;
}

// Rounds to 12 significant digits when that is (almost) the same number, so that
// 0.02 s is written back as 20 ms, not 20.000000000000004.
double tidy(double v) {
  if (!std::isfinite(v) || v == 0) return v;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  double r = std::strtod(buf, nullptr);
  return std::fabs(r - v) <= std::fabs(v) * 1e-11 ? r : v;
}

json number_json(double v) {
  v = tidy(v);
  if (v == std::floor(v) && std::fabs(v) < 9e15) return json(static_cast<int64_t>(v));
  return json(v);
}

class Parser {
public:
  Parser(const std::string& path, std::vector<Issue>& errors) : path_(path), errors_(errors) {}

  std::optional<Distribution> parse(const json& j) {
    if (j.is_number()) {
      auto v = check_ms(j, path_, "a constant duration", "고정된 시간");
      if (!v) return std::nullopt;
      return finish(Distribution::constant(*v / 1000.0));
    }
    if (!j.is_object()) {
      fail(path_, "expected a distribution — a number of milliseconds, or an object such as " +
                      std::string(kind_table()[1].example) + " — got " + describe_value(j),
           "분포여야 합니다. 밀리초 단위 숫자나 " + std::string(kind_table()[1].example) + " 같은 객체를 쓰세요(지금 값: " +
               describe_value_ko(j) + ").");
      return std::nullopt;
    }
    j_ = &j;
    auto kit = j.find("kind");
    if (kit == j.end()) {
      fail(path_, "a distribution needs a \"kind\": one of " + join_words(quoted_kinds(), " or ") + ".",
           "분포에는 \"kind\"가 필요합니다. " + join_words(quoted_kinds(), ", ") + " 중 하나를 쓰세요.");
      return std::nullopt;
    }
    if (!kit->is_string()) {
      fail(join_path(path_, "kind"), "expected the name of a distribution kind, got " + describe_value(*kit),
           "분포 종류의 이름이어야 하는데 " + describe_value_ko(*kit) + "입니다.");
      return std::nullopt;
    }
    const std::string& kind = kit->get_ref<const std::string&>();
    const KindFields* spec = nullptr;
    for (const KindFields& k : kind_table())
      if (kind == k.kind) spec = &k;
    if (!spec) {
      std::vector<std::string> names;
      for (const KindFields& k : kind_table()) names.push_back(k.kind);
      fail(join_path(path_, "kind"), quote(kind) + " is not a distribution kind." + did_you_mean(kind, names) +
                                         " The kinds are " + join_words(quoted_kinds()) + ".",
           with_topic(quote(kind)) + " 분포 종류가 아닙니다." + did_you_mean_ko(kind, names) + " 분포 종류: " +
               join_words(quoted_kinds(), ", ") + ".");
      return std::nullopt;
    }
    kind_ = spec->kind;
    bool fields_ok = true;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "kind") continue;
      if (std::find(spec->fields.begin(), spec->fields.end(), it.key()) != spec->fields.end()) continue;
      fail(join_path(path_, it.key()), "a " + kind_ + " distribution has no field " + quote(it.key()) + "." +
                                           did_you_mean(it.key(), spec->fields) + " Its fields are " +
                                           join_words(quoted(spec->fields)) + ".",
           kind_ + " 분포에는 " + quote(it.key()) + " 필드가 없습니다." + did_you_mean_ko(it.key(), spec->fields) +
               " 필드: " + join_words(quoted(spec->fields), ", ") + ".");
      fields_ok = false;
    }
    if (!fields_ok) return std::nullopt;

    if (kind_ == "constant") {
      auto v = ms("value_ms");
      if (!v) return std::nullopt;
      return finish(Distribution::constant(*v / 1000.0));
    }
    if (kind_ == "exponential") {
      auto m = ms("mean_ms");
      if (!m) return std::nullopt;
      if (*m <= 0)
        return fail_opt(join_path(path_, "mean_ms"),
                        "an exponential distribution needs a mean above 0 ms (for no delay at all, use a constant 0).",
                        "지수 분포의 평균은 0밀리초보다 커야 합니다(지연이 전혀 없게 하려면 고정값 0을 쓰세요).");
      return finish(Distribution::exponential(*m / 1000.0));
    }
    if (kind_ == "uniform") {
      auto lo = ms("min_ms"), hi = ms("max_ms");
      if (!lo || !hi) return std::nullopt;
      if (*hi < *lo)
        return fail_opt(join_path(path_, "max_ms"), "max_ms (" + format_number(*hi) + ") is below min_ms (" +
                                                        format_number(*lo) + "): the range is empty.",
                        "max_ms(" + format_number(*hi) + ")가 min_ms(" + format_number(*lo) + ")보다 작아서 범위가 비어 있습니다.");
      return finish(Distribution::uniform(*lo / 1000.0, *hi / 1000.0));
    }
    if (kind_ == "normal") {
      auto m = ms("mean_ms"), sd = ms("stddev_ms");
      if (!m || !sd) return std::nullopt;
      return finish(Distribution::normal(*m / 1000.0, *sd / 1000.0));
    }
    if (kind_ == "lognormal") return lognormal();
    if (kind_ == "pareto") {
      auto xm = ms("scale_ms");
      auto alpha = plain("shape", kMaxShape);
      if (!xm || !alpha) return std::nullopt;
      bool ok = true;
      if (*xm <= 0)
        ok = fail_bool(join_path(path_, "scale_ms"), "a Pareto distribution needs a scale above 0 ms (its smallest value).",
                       "파레토 분포의 척도(가장 작은 값)는 0밀리초보다 커야 합니다.");
      if (*alpha <= 0)
        ok = fail_bool(join_path(path_, "shape"),
                       "a Pareto distribution needs a shape above 0 (a shape of 1 or less has no finite mean).",
                       "파레토 분포의 형상은 0보다 커야 합니다(형상이 1 이하이면 평균이 유한하지 않습니다).");
      if (!ok) return std::nullopt;
      return finish(Distribution::pareto(*xm / 1000.0, *alpha));
    }
    return empirical();
  }

private:
  std::optional<Distribution> lognormal() {
    const json& j = *j_;
    bool by_median = j.contains("median_ms") || j.contains("sigma");
    bool by_mean = j.contains("mean_ms") || j.contains("p99_ms");
    if (by_median && by_mean)
      return fail_opt(path_, "a log-normal is given either by median_ms and sigma, or by mean_ms and p99_ms — not both.",
                      "로그 정규 분포는 median_ms와 sigma, 또는 mean_ms와 p99_ms 중 한 쌍으로만 정합니다. 둘 다 쓸 수는 없습니다.");
    if (by_mean) {
      auto m = ms("mean_ms"), p99 = ms("p99_ms");
      if (!m || !p99) return std::nullopt;
      if (*m <= 0)
        return fail_opt(join_path(path_, "mean_ms"), "a log-normal needs a mean above 0 ms.",
                        "로그 정규 분포의 평균은 0밀리초보다 커야 합니다.");
      if (*p99 <= *m)
        return fail_opt(join_path(path_, "p99_ms"), "p99_ms (" + format_number(*p99) + ") must be above mean_ms (" +
                                                        format_number(*m) + ") for a log-normal.",
                        "로그 정규 분포에서는 p99_ms(" + format_number(*p99) + ")가 mean_ms(" + format_number(*m) +
                            ")보다 커야 합니다.");
      if (*p99 > 14.9 * *m)
        return fail_opt(join_path(path_, "p99_ms"),
                        "p99_ms (" + format_number(*p99) + ") is more than 14.9 times mean_ms (" + format_number(*m) +
                            "): no log-normal has so long a tail. Use a Pareto or an empirical distribution.",
                        "p99_ms(" + format_number(*p99) + ")가 mean_ms(" + format_number(*m) +
                            ")의 14.9배를 넘습니다. 꼬리가 이렇게 긴 로그 정규 분포는 없으니 파레토 분포나 경험적 분포를 "
                            "쓰세요.");
      return finish(Distribution::lognormal_from_mean_p99(*m / 1000.0, *p99 / 1000.0));
    }
    auto median = ms("median_ms");
    auto sigma = plain("sigma", kMaxSigma);
    if (!median || !sigma) return std::nullopt;
    if (*median <= 0)
      return fail_opt(join_path(path_, "median_ms"), "a log-normal needs a median above 0 ms.",
                      "로그 정규 분포의 중앙값은 0밀리초보다 커야 합니다.");
    return finish(Distribution::lognormal(cp::sim::det_log(*median / 1000.0), *sigma));
  }

  std::optional<Distribution> empirical() {
    const std::string p = join_path(path_, "percentiles");
    auto it = j_->find("percentiles");
    if (it == j_->end())
      return fail_opt(path_,
                      "an empirical distribution needs \"percentiles\", e.g. {\"0\": 1, \"50\": 20, \"100\": 500} (milliseconds).",
                      "경험적 분포에는 \"percentiles\"가 필요합니다. 예: {\"0\": 1, \"50\": 20, \"100\": 500}(밀리초).");
    if (!it->is_object())
      return fail_opt(p, "expected an object of percentile: milliseconds, such as {\"50\": 20, \"99\": 200}, got " +
                             describe_value(*it),
                      "{\"50\": 20, \"99\": 200}처럼 백분위수: 밀리초를 담은 객체여야 하는데 " + describe_value_ko(*it) +
                          "입니다.");
    if (it->size() < 2)
      return fail_opt(p, "needs at least two percentiles (for one value, use a constant).",
                      "백분위수가 두 개 이상 필요합니다(값이 하나라면 고정값을 쓰세요).");
    if (it->size() > kMaxPercentilePoints)
      return fail_opt(p, "has " + std::to_string(it->size()) + " percentiles; the most is " +
                             std::to_string(kMaxPercentilePoints) + ".",
                      "백분위수가 " + std::to_string(it->size()) + "개입니다. 최대 " +
                          std::to_string(kMaxPercentilePoints) + "개까지 쓸 수 있습니다.");
    std::vector<std::pair<double, double>> points;
    bool ok = true;
    for (auto e = it->begin(); e != it->end(); ++e) {
      const std::string& key = e.key();
      const std::string kp = join_path(p, key);
      char* end = nullptr;
      double pct = key.empty() ? NAN : std::strtod(key.c_str(), &end);
      if (key.empty() || end != key.c_str() + key.size() || key[0] == ' ' || !std::isfinite(pct)) {
        ok = fail_bool(kp, quote(key) + " is not a percentile: keys are numbers from 0 to 100, such as \"50\" or \"99.9\".",
                       with_topic(quote(key)) + " 백분위수가 아닙니다. 키는 \"50\", \"99.9\"처럼 0부터 100까지의 숫자입니다.");
        continue;
      }
      if (pct < 0 || pct > 100) {
        ok = fail_bool(kp, "percentile " + quote(key) + " is outside 0 to 100.",
                       with_subject("백분위수 " + quote(key)) + " 0~100 범위를 벗어났습니다.");
        continue;
      }
      auto v = check_ms(e.value(), kp, "a duration", "시간");
      if (!v) {
        ok = false;
        continue;
      }
      points.emplace_back(pct, *v);
    }
    if (!ok) return std::nullopt;
    std::sort(points.begin(), points.end());
    for (size_t i = 1; i < points.size(); ++i) {
      if (points[i].first == points[i - 1].first)
        return fail_opt(p, "percentile " + format_number(points[i].first) + " is given twice.",
                        with_subject("백분위수 " + format_number(points[i].first)) + " 두 번 나옵니다.");
      if (points[i].second < points[i - 1].second)
        return fail_opt(join_path(p, format_number(points[i].first)),
                        "the value at percentile " + format_number(points[i].first) + " (" +
                            format_number(points[i].second) + " ms) is below the value at percentile " +
                            format_number(points[i - 1].first) + " (" + format_number(points[i - 1].second) +
                            " ms): values must not decrease as the percentile grows.",
                        "백분위수 " + format_number(points[i].first) + "의 값(" + format_number(points[i].second) +
                            "밀리초)이 백분위수 " + format_number(points[i - 1].first) + "의 값(" +
                            format_number(points[i - 1].second) + "밀리초)보다 작습니다. 백분위수가 커질수록 값이 작아지면 안 "
                            "됩니다.");
    }
    for (auto& pt : points) pt.second /= 1000.0;
    return finish(Distribution::empirical(points));
  }

  // A required field in milliseconds: a finite number, 0 or more, within kMaxMs.
  std::optional<double> ms(const char* key) {
    auto it = j_->find(key);
    if (it == j_->end()) {
      fail(path_, "a " + kind_ + " distribution needs " + quote(key) + ".", kind_ + " 분포에는 " + quote(key) + " 필드가 필요합니다.");
      return std::nullopt;
    }
    return check_ms(*it, join_path(path_, key), "a number of milliseconds", "밀리초 단위 숫자");
  }

  std::optional<double> check_ms(const json& v, const std::string& p, const std::string& what, const std::string& what_ko) {
    if (!v.is_number()) {
      fail(p, "expected " + what + ", got " + describe_value(v), with_particle(what_ko, "이어야", "여야") + " 하는데 " + describe_value_ko(v) + "입니다.");
      return std::nullopt;
    }
    double d = v.get<double>();
    if (!std::isfinite(d)) {
      fail(p, "expected " + what + ", got " + format_number(d), with_particle(what_ko, "이어야", "여야") + " 하는데 " + format_number(d) + "입니다.");
      return std::nullopt;
    }
    if (d < 0) {
      fail(p, format_number(d) + " ms is negative: a duration is 0 or more.",
           format_number(d) + "밀리초는 음수입니다. 시간은 0 이상이어야 합니다.");
      return std::nullopt;
    }
    if (d > kMaxMs) {
      fail(p, format_number(d) + " ms is too long: the most is " + format_number(kMaxMs) + " ms (about 115 days).",
           format_number(d) + "밀리초는 너무 깁니다. 최대 " + format_number(kMaxMs) + "밀리초(약 115일)입니다.");
      return std::nullopt;
    }
    return d;
  }

  // A required plain number (no unit): finite, 0..max.
  std::optional<double> plain(const char* key, double max) {
    auto it = j_->find(key);
    if (it == j_->end()) {
      fail(path_, "a " + kind_ + " distribution needs " + quote(key) + ".", kind_ + " 분포에는 " + quote(key) + " 필드가 필요합니다.");
      return std::nullopt;
    }
    const std::string p = join_path(path_, key);
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      fail(p, "expected a number, got " + describe_value(*it), "숫자여야 하는데 " + describe_value_ko(*it) + "입니다.");
      return std::nullopt;
    }
    double d = it->get<double>();
    if (d < 0) {
      fail(p, format_number(d) + " is negative: " + key + " is 0 or more.",
           with_topic(format_number(d)) + " 음수입니다. " + key + " 값은 0 이상이어야 합니다.");
      return std::nullopt;
    }
    if (d > max) {
      fail(p, format_number(d) + " is above the largest " + key + " allowed, " + format_number(max) + ".",
           with_topic(format_number(d)) + " 허용되는 가장 큰 " + key + " 값(" + format_number(max) + ")보다 큽니다.");
      return std::nullopt;
    }
    return d;
  }

  std::optional<Distribution> finish(Distribution d) {
    // The engine's note (English, technical) stays in the English text only.
    if (d.issue())
      return fail_opt(path_, std::string("these parameters do not make a distribution: ") + d.issue(),
                      "이 파라미터로는 분포를 만들 수 없습니다.");
    return d;
  }

  void fail(const std::string& p, std::string en, std::string ko) { errors_.push_back({p, std::move(en), std::move(ko)}); }
  bool fail_bool(const std::string& p, std::string en, std::string ko) {
    fail(p, std::move(en), std::move(ko));
    return false;
  }
  std::optional<Distribution> fail_opt(const std::string& p, std::string en, std::string ko) {
    fail(p, std::move(en), std::move(ko));
    return std::nullopt;
  }
  static std::vector<std::string> quoted(const std::vector<std::string>& v) {
    std::vector<std::string> out;
    for (const auto& s : v) out.push_back(quote(s));
    return out;
  }
  static std::vector<std::string> quoted_kinds() {
    std::vector<std::string> out;
    for (const KindFields& k : kind_table()) out.push_back(quote(k.kind));
    return out;
  }

  const std::string& path_;
  std::vector<Issue>& errors_;
  const json* j_ = nullptr;
  std::string kind_;
};

}  // namespace

std::optional<Distribution> parse_distribution(const json& j, const std::string& path, std::vector<Issue>& errors) {
  try {
    return Parser(path, errors).parse(j);
  } catch (const std::exception& e) {
    errors.push_back({path, std::string("could not read this distribution: ") + e.what(), "이 분포를 읽지 못했습니다."});
  } catch (...) {
    errors.push_back({path, "could not read this distribution.", "이 분포를 읽지 못했습니다."});
  }
  return std::nullopt;
}

json distribution_to_json(const Distribution& d) {
  using K = Distribution::Kind;
  const double p1 = d.p1(), p2 = d.p2();
  switch (d.kind()) {
    case K::Constant: return {{"kind", "constant"}, {"value_ms", number_json(p1 * 1000)}};
    case K::Exponential: return {{"kind", "exponential"}, {"mean_ms", number_json(p1 * 1000)}};
    case K::Uniform: return {{"kind", "uniform"}, {"min_ms", number_json(p1 * 1000)}, {"max_ms", number_json(p2 * 1000)}};
    case K::Normal: return {{"kind", "normal"}, {"mean_ms", number_json(p1 * 1000)}, {"stddev_ms", number_json(p2 * 1000)}};
    case K::LogNormal:
      return {{"kind", "lognormal"}, {"median_ms", number_json(cp::sim::det_exp(p1) * 1000)}, {"sigma", number_json(p2)}};
    case K::Pareto: return {{"kind", "pareto"}, {"scale_ms", number_json(p1 * 1000)}, {"shape", number_json(p2)}};
    case K::Empirical: {
      json pct = json::object();
      for (const Distribution::Point& pt : d.points()) pct[format_number(tidy(pt.percentile))] = number_json(pt.value * 1000);
      return {{"kind", "empirical"}, {"percentiles", pct}};
    }
  }
  return {{"kind", "constant"}, {"value_ms", 0}};
}

const std::vector<std::string>& distribution_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const KindFields& k : kind_table()) out.push_back(k.kind);
    return out;
  }();
  return kinds;
}

}  // namespace cp::doc
