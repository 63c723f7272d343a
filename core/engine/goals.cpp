#include "core/engine/goals.h"

#include <algorithm>
#include <cstdio>

#include "core/sim/event_filter.h"
#include "core/sim/simulation.h"

namespace cp::engine {
namespace {

constexpr double kSecondsPerBillingMonth = 730.0 * 3600.0;  // AWS bills a month as 730 h (as report.cpp)

std::string with_unit(double v, const char* unit, bool korean) {
  char buf[64];
  const std::string u = unit;
  if (u == "ms") std::snprintf(buf, sizeof buf, korean ? "%.1f밀리초" : "%.1f ms", v);
  else if (u == "%") std::snprintf(buf, sizeof buf, "%.2f%%", v);
  else if (u == "$") std::snprintf(buf, sizeof buf, "$%.2f", v);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

const char* op_words(doc::GoalOp op, bool korean) {
  switch (op) {
    case doc::GoalOp::Below: return korean ? "미만" : "below";
    case doc::GoalOp::Above: return korean ? "초과" : "above";
    case doc::GoalOp::AtMost: return korean ? "이하" : "at most";
    case doc::GoalOp::AtLeast: return korean ? "이상" : "at least";
  }
  return "";
}

// How a declared metric's window is summed up, after its label: "CPU credit balance (lowest)".
const char* window_statistic(const sim::MetricDef& d, bool korean) {
  if (d.kind == sim::MetricKind::Counter) return korean ? "(구간 합계)" : "(in the window)";
  if (d.kind == sim::MetricKind::Latency) return "p99";
  switch (d.stat) {
    case sim::MetricStat::Mean: return korean ? "(평균)" : "(mean)";
    case sim::MetricStat::Min: return korean ? "(최저)" : "(lowest)";
    case sim::MetricStat::Max: return korean ? "(최고)" : "(highest)";
    case sim::MetricStat::Last: return korean ? "(구간 끝 값)" : "(at the window's end)";
  }
  return "";
}

bool holds(doc::GoalOp op, double v, double target) {
  switch (op) {
    case doc::GoalOp::Below: return v < target;
    case doc::GoalOp::Above: return v > target;
    case doc::GoalOp::AtMost: return v <= target;
    case doc::GoalOp::AtLeast: return v >= target;
  }
  return false;
}

}  // namespace

GoalTracker::GoalTracker(const doc::Document& d, const Built& b) {
  const sim::SimTime end = b.duration;
  end_ = end;
  for (size_t i = 0; i < d.goals.size(); ++i) {
    Tracked t;
    t.goal = d.goals[i];
    t.result.index = i;
    if (!t.goal.node.empty()) t.node = b.node(t.goal.node);
    if (!doc::find_goal_metric(t.goal.metric) && t.node.valid()) {
      const doc::NodeDoc* nd = d.find_node(t.goal.node);
      const catalog::ServiceDescriptor* svc = nd ? catalog::find_service(nd->type) : nullptr;
      t.named = svc ? catalog::find_metric(*svc, t.goal.metric) : nullptr;
      t.metric = b.sim->metrics(t.node).find_metric(t.goal.metric);
    }
    double from = t.goal.from_s, to = t.goal.to_s ? *t.goal.to_s : sim::to_seconds(end);
    if (t.goal.during && *t.goal.during < d.faults.size()) {
      const doc::FaultDoc& f = d.faults[*t.goal.during];
      from = f.at_s;
      to = f.until_s ? *f.until_s : sim::to_seconds(end);
    }
    t.from = sim::from_seconds(from);
    t.to = std::min(sim::from_seconds(to), end);  // a shorter run (--seconds) ends the window early
    goals_.push_back(std::move(t));
  }
}

GoalTracker::Totals GoalTracker::totals(const sim::Simulation& s, const Tracked& tr) const {
  Totals t;
  const sim::NodeId n = tr.node;
  if (n.valid()) {
    const sim::NodeMetrics& m = s.metrics(n);
    t.arrivals = m.arrivals;
    t.completions = m.completions;
    t.errors = m.errors();
    t.cost = m.cost_usd;
    if (tr.metric >= 0) t.counter = m.values[static_cast<size_t>(tr.metric)];
  } else {
    for (size_t i = 0; i < s.node_count(); ++i) t.cost += s.metrics(sim::NodeId{static_cast<uint32_t>(i)}).cost_usd;
  }
  return t;
}

void GoalTracker::observe(const sim::Simulation& s) {
  const sim::SimTime now = s.now();
  for (Tracked& t : goals_) {
    if (!t.started && now >= t.from && t.from < t.to) {
      t.at_from = totals(s, t);
      t.started = true;
    }
    if (t.started && !t.closed && now >= t.to) {
      t.result = measure(t, s, true);
      t.closed = true;
    }
  }
}

sim::SimTime GoalTracker::next_edge(sim::SimTime now) const {
  sim::SimTime next = sim::kNever;
  for (const Tracked& t : goals_) {
    if (!t.started && t.from > now) next = std::min(next, t.from);
    if (!t.closed && t.to > now) next = std::min(next, t.to);
  }
  return next;
}

void GoalTracker::run_until(sim::Simulation& s, sim::SimTime until) {
  observe(s);  // windows that start at 0 (or at the current moment)
  while (s.now() < until) {
    const sim::SimTime next = std::min(until, next_edge(s.now()));
    s.run_until(next);
    observe(s);
    if (s.now() < next) break;  // the run could not reach it (it stops early)
  }
}

GoalResult GoalTracker::measure(const Tracked& t, const sim::Simulation& s, bool final) const {
  GoalResult r;
  r.index = t.result.index;
  r.from_s = sim::to_seconds(t.from);
  r.to_s = sim::to_seconds(t.to);
  const doc::GoalDoc& g = t.goal;
  const doc::GoalMetricSpec* spec = doc::find_goal_metric(g.metric);
  const catalog::MetricSpec* named = t.named;
  const sim::MetricDef* def = named ? &named->def : nullptr;
  const std::string where_en = g.node.empty() ? std::string("whole design") : g.node;
  const std::string where_ko = g.node.empty() ? std::string("설계 전체") : g.node;
  const std::string window = doc::clock_text(r.from_s) + "–" + doc::clock_text(r.to_s);
  const std::string window_ko = doc::clock_text(r.from_s) + "~" + doc::clock_text(r.to_s);
  const char* unit = spec ? spec->unit : "";
  auto value_text = [&](double v, bool korean) {
    if (!named) return with_unit(v, unit, korean);
    if (def->kind == sim::MetricKind::Latency) return with_unit(v, "ms", korean);
    return catalog::metric_value_text(*named, v, korean);
  };
  std::string what_en = spec ? spec->en : g.metric, what_ko = spec ? spec->ko : g.metric;
  if (named) {
    what_en = named->label.en + std::string(" ") + window_statistic(*def, false);
    what_ko = named->label.get(true) + std::string(" ") + window_statistic(*def, true);
  }
  const std::string target_en = std::string(op_words(g.op, false)) + " " + value_text(g.value, false);
  const std::string target_ko = value_text(g.value, true) + " " + op_words(g.op, true);
  if (!g.event.empty() || !g.reason.empty()) {  // which events: "events logged (instance_died, reason health_check)"
    const std::string which = g.event + (g.event.empty() || g.reason.empty() ? "" : ", ");
    what_en += " (" + which + (g.reason.empty() ? "" : "reason " + g.reason) + ")";
    what_ko += "(" + which + (g.reason.empty() ? "" : "사유 " + g.reason) + ")";
  }
  const std::string head_en = where_en + ": " + what_en + ", " + window + ": ";
  const std::string head_ko = where_ko + ": " + what_ko + ", " + window_ko + ": ";

  if (!t.started) {
    r.state = final ? GoalResult::State::Failed : GoalResult::State::Waiting;
    r.en = head_en + (final ? "the run ended before the window began" : "the window has not begun") + " (goal: " + target_en + ")";
    r.ko = head_ko + (final ? "구간이 시작되기 전에 실행이 끝났습니다" : "아직 구간이 시작되지 않았습니다") + "(목표: " + target_ko + ")";
    return r;
  }
  Totals now = totals(s, t);
  const Totals& a = t.at_from;
  std::optional<double> v;
  std::string none_en, none_ko;  // why there is no value
  if (g.metric == "events") {
    sim::EventFilter f;
    f.from = t.from;
    f.to = std::min(t.to, s.now());
    if (!g.event.empty()) f.kind = sim::log_kind_from_name(g.event);
    f.reason = g.reason;
    if (t.node.valid()) f.node = t.node.v;
    v = static_cast<double>(sim::query_events(s.event_log(), f).size());
  } else if (g.metric == "cost_per_month") {
    const double secs = sim::to_seconds(std::min(t.to, s.now()) - t.from);
    if (secs > 0) v = (now.cost - a.cost) / secs * kSecondsPerBillingMonth;
    else none_en = "no time has passed in the window", none_ko = "구간에서 아직 시간이 흐르지 않았습니다";
  } else if (g.metric == "requests") {
    v = static_cast<double>(now.arrivals - a.arrivals);
  } else if (g.metric == "served") {
    v = static_cast<double>(now.completions - a.completions);
  } else if (g.metric == "errors") {
    v = static_cast<double>(now.errors - a.errors);
  } else if (g.metric == "error_rate") {
    const double answered = static_cast<double>((now.completions - a.completions) + (now.errors - a.errors));
    if (answered > 0) v = 100.0 * static_cast<double>(now.errors - a.errors) / answered;
    else none_en = "no request was answered in the window", none_ko = "구간에서 응답한 요청이 없습니다";
  } else if (named && t.metric >= 0 && def->kind == sim::MetricKind::Counter) {
    v = now.counter - a.counter;
  } else if (named && t.metric >= 0 && def->kind == sim::MetricKind::Gauge) {
    v = s.metric_between(t.node, static_cast<size_t>(t.metric), t.from, std::min(t.to, s.now()));
    if (!v) none_en = "no time has passed in the window", none_ko = "구간에서 아직 시간이 흐르지 않았습니다";
  } else {
    sim::LatencyHistogram h;
    if (!named) h = s.latency_between(t.node, t.from, std::min(t.to, s.now()));
    else if (t.metric >= 0)
      h = s.latency_between(t.node, sim::LatencyMetricId{s.metrics(t.node).slot[static_cast<size_t>(t.metric)]}, t.from,
                            std::min(t.to, s.now()));
    if (h.count() > 0) {
      if (g.metric == "p50_ms") v = h.percentile(50) / 1000.0;
      else if (g.metric == "p95_ms") v = h.percentile(95) / 1000.0;
      else if (g.metric == "p99_ms" || named) v = h.percentile(99) / 1000.0;
      else if (g.metric == "mean_ms") v = h.mean() / 1000.0;
      else if (g.metric == "max_ms") v = h.max() / 1000.0;
    }
    if (!v && named) none_en = "nothing was recorded in the window", none_ko = "구간에서 기록된 값이 없습니다";
    else if (!v) none_en = "no request was served in the window", none_ko = "구간에서 처리된 요청이 없습니다";
  }
  const bool closed = final || s.now() >= t.to;
  if (!v) {
    r.state = closed ? GoalResult::State::Failed : GoalResult::State::Measuring;
    r.en = head_en + none_en + " (goal: " + target_en + ")" + (closed ? ": failed" : "");
    r.ko = head_ko + none_ko + "(목표: " + target_ko + ")" + (closed ? " — 실패" : "");
    return r;
  }
  r.has_value = true;
  r.value = *v;
  const bool ok = holds(g.op, *v, g.value);
  r.state = !closed ? GoalResult::State::Measuring : ok ? GoalResult::State::Passed : GoalResult::State::Failed;
  const char* verdict_en = !closed ? " so far" : ok ? ": passed" : ": failed";
  const char* verdict_ko = !closed ? " — 측정 중" : ok ? " — 통과" : " — 실패";
  r.en = head_en + value_text(*v, false) + " (goal: " + target_en + ")" + verdict_en;
  r.ko = head_ko + value_text(*v, true) + "(목표: " + target_ko + ")" + verdict_ko;
  return r;
}

std::vector<GoalResult> GoalTracker::results(const sim::Simulation& s) const {
  std::vector<GoalResult> out;
  for (const Tracked& t : goals_) out.push_back(t.closed ? t.result : measure(t, s, s.now() >= end_));
  return out;
}

bool GoalTracker::all_passed(const sim::Simulation& s) const {
  for (const GoalResult& r : results(s))
    if (!r.passed()) return false;
  return true;
}

}  // namespace cp::engine
