// Side-by-side runs: see compare.h.
#include "core/engine/compare.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/catalog/catalog.h"
#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "core/engine/build.h"

namespace cp::engine {
namespace {

constexpr double kHoursPerMonth = 730.0;  // AWS bills a month as 730 h (as report.cpp)

double now_ms() {
  // Wall time for the report only (how long the comparison took): never read by a run.
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The series' point fields every node has, by goal metric.
const float* point_field(const sim::SeriesPoint& p, const std::string& metric) {
  if (metric == "p50_ms") return &p.p50_ms;
  if (metric == "p95_ms") return &p.p95_ms;
  if (metric == "p99_ms") return &p.p99_ms;
  if (metric == "max_ms") return &p.max_ms;
  if (metric == "requests") return &p.arrivals_per_s;
  if (metric == "served") return &p.completions_per_s;
  if (metric == "errors") return &p.errors_per_s;
  return nullptr;
}

const catalog::MetricSpec* declared(const doc::Document& d, const SeriesSpec& s) {
  if (doc::find_goal_metric(s.metric)) return nullptr;
  const doc::NodeDoc* n = d.find_node(s.node);
  const catalog::ServiceDescriptor* svc = n ? catalog::find_service(n->type) : nullptr;
  return svc ? catalog::find_metric(*svc, s.metric) : nullptr;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// A number as a person reads it: no trailing zeros ("10", "0.5", "143.2").
std::string number_text(double v) {
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e15) return fixed(v, 0);
  std::string s = fixed(v, std::fabs(v) >= 100 ? 1 : 3);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string param_value_text(const catalog::ParamSpec* spec, const nlohmann::json& v, bool ko) {
  if (v.is_null()) return ko ? "(없음)" : "(none)";
  if (v.is_boolean()) return v.get<bool>() ? (ko ? "켬" : "on") : (ko ? "끔" : "off");
  if (v.is_number()) return spec ? catalog::amount_text(v.get<double>(), spec->unit, ko) : number_text(v.get<double>());
  if (v.is_string()) return doc::quote(v.get<std::string>());
  if (v.is_object() && v.contains("mean_ms") && v["mean_ms"].is_number())  // a distribution: its mean
    return catalog::amount_text(v["mean_ms"].get<double>(), "ms", ko) + (ko ? " 평균" : " mean");
  return v.dump();
}

}  // namespace

bool cumulative(const doc::Document& d, const SeriesSpec& s) {
  if (s.metric == "requests" || s.metric == "served" || s.metric == "errors") return true;
  const catalog::MetricSpec* m = declared(d, s);
  return m && m->def.kind == sim::MetricKind::Counter;
}

bool series_plottable(const doc::Document& d, const SeriesSpec& s, std::string* why_en, std::string* why_ko) {
  auto no = [&](std::string en, std::string ko) {
    if (why_en) *why_en = std::move(en);
    if (why_ko) *why_ko = std::move(ko);
    return false;
  };
  if (s.metric == "events" || s.metric == "mean_ms")
    return no(doc::quote(s.metric) + " has no per-second series to plot; compare p99_ms, error_rate, cost_per_month or a metric of the node's service",
              doc::with_topic(doc::quote(s.metric)) + " 초 단위 시계열이 없어 그릴 수 없습니다. p99_ms, error_rate, cost_per_month나 노드 서비스의 지표를 비교하세요.");
  const doc::GoalMetricSpec* g = doc::find_goal_metric(s.metric);
  if (s.metric == "cost_per_month" && s.node.empty()) return true;
  if (s.node.empty())
    return no("the metric " + doc::quote(s.metric) + " is measured on one node: name it (\"node\")",
              doc::quote(s.metric) + " 지표는 노드 하나에서 측정합니다. 노드(\"node\")를 적으세요.");
  const doc::NodeDoc* n = d.find_node(s.node);
  if (!n)
    return no("there is no node " + doc::quote(s.node) + " in the design",
              "설계에 " + doc::quote(s.node) + " 노드가 없습니다.");
  if (g) return true;
  if (declared(d, s)) return true;
  return no("a " + n->type + " node has no metric " + doc::quote(s.metric),
            n->type + " 노드에는 " + doc::quote(s.metric) + " 지표가 없습니다.");
}

std::string series_label(const doc::Document& d, const SeriesSpec& s, bool ko, bool so_far) {
  std::string what;
  if (s.metric == "p99_ms") what = ko ? "p99 지연 시간" : "p99 latency";
  else if (s.metric == "p95_ms") what = ko ? "p95 지연 시간" : "p95 latency";
  else if (s.metric == "p50_ms") what = ko ? "지연 시간 중앙값" : "Median latency";
  else if (s.metric == "max_ms") what = ko ? "최대 지연 시간" : "Slowest request";
  else if (s.metric == "error_rate") what = ko ? "오류율" : "Error rate";
  else if (s.metric == "errors") what = ko ? "오류" : "Errors";
  else if (s.metric == "requests") what = ko ? "요청" : "Requests";
  else if (s.metric == "served") what = ko ? "처리된 요청" : "Served";
  else if (s.metric == "cost_per_month") what = ko ? "비용" : "Cost";
  else if (const catalog::MetricSpec* m = declared(d, s)) what = m->label.get(ko);
  else what = s.metric;
  if (so_far && cumulative(d, s)) what += ko ? "(누적)" : " (so far)";
  return s.node.empty() ? what : what + " · " + s.node;
}

std::string series_unit(const doc::Document& d, const SeriesSpec& s, bool ko) {
  if (s.metric == "error_rate") return "%";
  if (s.metric == "cost_per_month") return ko ? "$/월" : "$/month";
  if (const doc::GoalMetricSpec* g = doc::find_goal_metric(s.metric)) {
    if (std::string(g->unit) == "ms") return ko ? "밀리초" : "ms";
    return ko ? "건" : "requests";  // requests, served, errors: counted so far
  }
  if (const catalog::MetricSpec* m = declared(d, s)) {
    if (m->def.kind == sim::MetricKind::Latency) return ko ? "밀리초 p99" : "ms p99";
    return m->unit.get(ko);
  }
  return "";
}

std::string series_value_text(const doc::Document& d, const SeriesSpec& s, double v, bool /*total*/, bool ko) {
  if (s.metric == "error_rate") return fixed(v, 2) + "%";
  if (s.metric == "cost_per_month") return "$" + fixed(v, 2);
  if (const doc::GoalMetricSpec* g = doc::find_goal_metric(s.metric)) {
    if (std::string(g->unit) == "ms") return fixed(v, 1) + (ko ? "밀리초" : " ms");
    return fixed(v, 0);
  }
  if (const catalog::MetricSpec* m = declared(d, s)) {
    if (m->def.kind == sim::MetricKind::Latency) return fixed(v, 1) + (ko ? "밀리초" : " ms");
    return catalog::metric_value_text(*m, std::round(v * 10) / 10, ko);
  }
  return number_text(v);
}

std::vector<SeriesSpec> default_series(const std::vector<doc::Document>& designs) {
  std::vector<SeriesSpec> out;
  if (designs.empty()) return out;
  const doc::Document& first = designs.front();
  auto in_all = [&](const SeriesSpec& s) {
    return std::all_of(designs.begin(), designs.end(), [&](const doc::Document& d) { return series_plottable(d, s); });
  };
  for (const doc::NodeDoc& n : first.nodes) {
    if (n.type != "users") continue;
    for (const char* m : {"p99_ms", "error_rate"})
      if (SeriesSpec s{m, n.id}; in_all(s)) out.push_back(s);
    break;
  }
  for (const doc::NodeDoc& n : first.nodes) {
    const catalog::ServiceDescriptor* svc = catalog::find_service(n.type);
    if (!svc) continue;
    for (const catalog::MetricSpec& m : svc->metrics)
      if (m.card == catalog::MetricCard::Waiting && out.size() + 1 < kMaxCompareSeries)
        if (SeriesSpec s{m.key(), n.id}; in_all(s)) out.push_back(s);
  }
  out.push_back({"cost_per_month", ""});
  return out;
}

bool Comparison::all_built() const {
  return !runs.empty() && std::all_of(runs.begin(), runs.end(), [](const VariantRun& r) { return r.built; });
}

Comparison run_side_by_side(const std::vector<doc::Document>& designs, const std::vector<SeriesSpec>& metrics,
                            std::optional<uint64_t> seed) {
  Comparison c;
  c.metrics = metrics;
  c.seed = seed ? *seed : designs.empty() ? 0 : designs.front().settings.seed;
  const double t0 = now_ms();
  for (const doc::Document& design : designs) {
    VariantRun v;
    const double v0 = now_ms();
    // One measuring goal per metric over the whole run, after the design's own goals.
    doc::Document d = design;
    const size_t own = d.goals.size();
    std::vector<bool> plottable;
    for (const SeriesSpec& s : metrics) {
      plottable.push_back(series_plottable(d, s));
      if (!plottable.back()) continue;
      doc::GoalDoc g;
      g.metric = s.metric;
      g.node = s.node;
      g.op = doc::GoalOp::AtLeast;
      d.goals.push_back(g);
    }
    Built b = build(d, c.seed);
    if (!b.ok()) {
      v.errors = b.errors;
      v.series.assign(metrics.size(), {});
      v.totals.assign(metrics.size(), {});
      v.wall_ms = now_ms() - v0;
      c.runs.push_back(std::move(v));
      continue;
    }
    v.built = true;
    GoalTracker tracker(d, b);
    tracker.run_until(*b.sim, b.duration);
    const std::vector<GoalResult> results = tracker.results(*b.sim);
    v.goals.assign(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(std::min(own, results.size())));
    const sim::Simulation& s = *b.sim;
    const size_t points = s.series_points();
    if (s.node_count() > 0)
      for (size_t i = 0; i < points; ++i) v.t_s.push_back(s.metrics(sim::NodeId{0}).series[i].t_s);
    size_t next_goal = own;
    for (size_t k = 0; k < metrics.size(); ++k) {
      const SeriesSpec& spec = metrics[k];
      std::vector<float> ys;
      GoalResult total;
      if (plottable[k]) {
        total = next_goal < results.size() ? results[next_goal] : GoalResult{};
        ++next_goal;
        if (spec.metric == "cost_per_month" && spec.node.empty()) {
          ys.assign(points, 0.0f);
          for (uint32_t n = 0; n < s.node_count(); ++n) {
            const auto& ser = s.metrics(sim::NodeId{n}).series;
            for (size_t i = 0; i < points && i < ser.size(); ++i)
              ys[i] += static_cast<float>(ser[i].cost_per_hour * kHoursPerMonth);
          }
        } else {
          const sim::NodeId n = b.node(spec.node);
          const sim::NodeMetrics& m = s.metrics(n);
          const int metric = doc::find_goal_metric(spec.metric) ? -1 : m.find_metric(spec.metric);
          for (size_t i = 0; i < m.series.size(); ++i) {
            const sim::SeriesPoint& p = m.series[i];
            float y = 0;
            if (spec.metric == "cost_per_month") y = static_cast<float>(p.cost_per_hour * kHoursPerMonth);
            else if (spec.metric == "error_rate") {
              const float answered = p.completions_per_s + p.errors_per_s;
              y = answered > 0 ? 100.0f * p.errors_per_s / answered : 0.0f;
            } else if (const float* f = point_field(p, spec.metric)) y = *f;
            else if (metric >= 0 && m.def(static_cast<size_t>(metric)).applies) y = m.point_values(i)[metric];
            // A count (a declared counter, requests, errors) is plotted as its total so far:
            // two variants' lines part where one counts more, which a per-second rate hides.
            if (cumulative(d, spec)) y = (ys.empty() ? 0.0f : ys.back()) + y * p.interval_s;
            ys.push_back(y);
          }
        }
      }
      v.series.push_back(std::move(ys));
      v.totals.push_back(std::move(total));
    }
    double cost = 0;
    for (uint32_t n = 0; n < s.node_count(); ++n) cost += s.metrics(sim::NodeId{n}).cost_usd;
    const double secs = sim::to_seconds(s.now());
    v.cost_per_month = secs > 0 ? cost / secs * 3600.0 * kHoursPerMonth : 0;
    v.events = s.events_processed();
    v.wall_ms = now_ms() - v0;
    c.runs.push_back(std::move(v));
  }
  c.wall_ms = now_ms() - t0;
  return c;
}

std::vector<std::string> differences(const std::vector<doc::Document>& designs, bool ko) {
  std::vector<std::string> out;
  if (designs.size() < 2) return out;
  const doc::Document& a = designs.front();
  auto others_value = [&](auto&& value_of) {
    std::string s;
    for (size_t i = 1; i < designs.size(); ++i) s += " → " + value_of(designs[i]);
    return s;
  };
  // Nodes of the first design, in its order, then those only the others have.
  for (const doc::NodeDoc& n : a.nodes) {
    const catalog::ServiceDescriptor* svc = catalog::find_service(n.type);
    bool type_differs = false, missing = false;
    for (size_t i = 1; i < designs.size(); ++i) {
      const doc::NodeDoc* m = designs[i].find_node(n.id);
      missing |= !m;
      type_differs |= m && m->type != n.type;
    }
    if (missing) {
      out.push_back(ko ? doc::with_topic(n.id) + " 첫 번째 설계에만 있습니다" : n.id + " is only in the first design");
      continue;
    }
    if (type_differs) {
      out.push_back(n.id + ": " + (svc ? svc->name.get(ko) : n.type) + others_value([&](const doc::Document& d) {
                      const doc::NodeDoc* m = d.find_node(n.id);
                      const catalog::ServiceDescriptor* s = catalog::find_service(m->type);
                      return std::string(s ? s->name.get(ko) : m->type.c_str());
                    }));
      continue;
    }
    for (size_t i = 1; i < designs.size(); ++i) {
      const doc::NodeDoc* m = designs[i].find_node(n.id);
      if (m->az != n.az) out.push_back(n.id + (ko ? ": 가용 영역 " : ": AZ ") + n.az + " → " + m->az);
    }
    if (!svc) continue;
    const nlohmann::json pa = catalog::with_defaults(*svc, n.params);
    std::vector<std::string> keys;
    for (auto it = pa.begin(); it != pa.end(); ++it) keys.push_back(it.key());
    for (size_t i = 1; i < designs.size(); ++i) {
      const nlohmann::json pb = catalog::with_defaults(*svc, designs[i].find_node(n.id)->params);
      for (auto it = pb.begin(); it != pb.end(); ++it)
        if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) keys.push_back(it.key());
    }
    for (const std::string& k : keys) {
      const nlohmann::json va = pa.contains(k) ? pa[k] : nlohmann::json();
      bool differs = false;
      for (size_t i = 1; i < designs.size(); ++i) {
        const nlohmann::json pb = catalog::with_defaults(*svc, designs[i].find_node(n.id)->params);
        differs |= (pb.contains(k) ? pb[k] : nlohmann::json()) != va;
      }
      if (!differs) continue;
      const catalog::ParamSpec* spec = catalog::find_param(svc->params, k);
      const std::string label = spec ? spec->label.get(ko) : k;
      out.push_back(n.id + ": " + label + " " + param_value_text(spec, va, ko) + others_value([&](const doc::Document& d) {
                      const nlohmann::json pb = catalog::with_defaults(*svc, d.find_node(n.id)->params);
                      return param_value_text(spec, pb.contains(k) ? pb[k] : nlohmann::json(), ko);
                    }));
    }
  }
  for (size_t i = 1; i < designs.size(); ++i)
    for (const doc::NodeDoc& n : designs[i].nodes)
      if (!a.find_node(n.id))
        out.push_back(ko ? doc::with_topic(n.id) + " " + std::to_string(i + 1) + "번째 설계에만 있습니다"
                         : n.id + " is only in design " + std::to_string(i + 1));
  if (a.connections.size() != designs[1].connections.size())
    out.push_back(ko ? "연결 수: " + std::to_string(a.connections.size()) + " → " + std::to_string(designs[1].connections.size())
                     : "wires: " + std::to_string(a.connections.size()) + " → " + std::to_string(designs[1].connections.size()));
  return out;
}

std::string differences_text(const std::vector<doc::Document>& designs, bool ko) {
  const std::vector<std::string> d = differences(designs, ko);
  if (d.empty()) return ko ? "두 설계가 같습니다." : "The designs are the same.";
  std::string s = ko ? "같은 트래픽, 시드, 장애로 실행합니다. 다른 점: " : "Same traffic, seed and faults. What differs: ";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? "; " : "") + d[i];
  s += ".";
  return s;
}

}  // namespace cp::engine
