// The per-second series and the metrics services declare: declaring and resolving
// them, sampling a point each interval, halving the resolution, and windows over
// the series (latency_between, metric_between). All cold (once per tick, or on
// request), and kept out of simulation.cpp with NodeMetrics' copies: that unit
// holds the event loop, whose hot calls g++ inlines only while the unit's
// inline-unit-growth budget lasts (see NodeMetrics in metrics.h).
#include <algorithm>
#include <limits>
#include <stdexcept>

#include "core/sim/simulation.h"

namespace cp::sim {

const char* metric_kind_name(MetricKind k) {
  switch (k) {
    case MetricKind::Counter: return "counter";
    case MetricKind::Gauge: return "gauge";
    case MetricKind::Latency: return "latency";
  }
  return "?";
}

const char* metric_stat_name(MetricStat s) {
  switch (s) {
    case MetricStat::Mean: return "mean";
    case MetricStat::Min: return "min";
    case MetricStat::Max: return "max";
    case MetricStat::Last: return "last";
  }
  return "?";
}

NodeMetrics::NodeMetrics() = default;
NodeMetrics::NodeMetrics(const NodeMetrics&) = default;
NodeMetrics::NodeMetrics(NodeMetrics&&) noexcept = default;
NodeMetrics& NodeMetrics::operator=(const NodeMetrics&) = default;
NodeMetrics& NodeMetrics::operator=(NodeMetrics&&) noexcept = default;
NodeMetrics::~NodeMetrics() = default;

SeriesHistory::SeriesHistory() = default;
SeriesHistory::SeriesHistory(SeriesHistory&&) noexcept = default;
SeriesHistory::~SeriesHistory() = default;

SeriesHistory SeriesHistory::take(NodeMetrics& m) {
  SeriesHistory h;
  h.points = std::move(m.series);
  h.values = std::move(m.series_values);
  h.latency = std::move(m.series_latency);
  return h;
}

void SeriesHistory::put_back(NodeMetrics& m, size_t len) {
  if (len != SIZE_MAX) {
    points.resize(len);
    values.resize(len * m.metric_count());
    latency.truncate(len);
  }
  m.series = std::move(points);
  m.series_values = std::move(values);
  m.series_latency = std::move(latency);
}

int NodeMetrics::find_metric(const std::string& key) const {
  for (size_t i = 0; i < metric_count(); ++i)
    if (def(i).key == key) return static_cast<int>(i);
  return -1;
}

double NodeMetrics::metric_value(const std::string& key) const {
  const int i = find_metric(key);
  return i < 0 ? std::numeric_limits<double>::quiet_NaN() : values[static_cast<size_t>(i)];
}

void Simulation::declare_metrics(NodeId n, std::shared_ptr<const std::vector<MetricDef>> defs) {
  NodeMetrics& m = nodes_[n.v].metrics;
  m.defs = std::move(defs);
  const size_t k = m.metric_count();
  m.values.assign(k, 0.0);
  m.last_values.assign(k, 0.0);
  m.slot.assign(k, 0);
  m.latency_windows.clear();
  for (size_t i = 0; i < k; ++i)
    if (m.def(i).kind == MetricKind::Latency) {
      m.slot[i] = static_cast<uint16_t>(m.latency_windows.size());
      m.latency_windows.emplace_back();
    }
}

uint16_t Simulation::resolve_metric(NodeId n, const std::string& key, MetricKind kind) {
  NodeMetrics& m = nodes_[n.v].metrics;
  const int i = m.find_metric(key);
  if (i >= 0 && m.def(static_cast<size_t>(i)).kind == kind) return static_cast<uint16_t>(i);
  if (!m.series.empty()) throw std::logic_error("metric " + key + " resolved after the series began");
  undeclared_metrics_.push_back(nodes_[n.v].info.id + ": " + key + " (" + metric_kind_name(kind) + ")");
  auto defs = std::make_shared<std::vector<MetricDef>>(m.defs ? *m.defs : std::vector<MetricDef>{});
  defs->push_back(MetricDef{key, kind, MetricStat::Mean, false});
  declare_metrics(n, std::move(defs));
  return static_cast<uint16_t>(m.metric_count() - 1);
}

// ---- metrics -----------------------------------------------------------------

void Simulation::sample_series(NodeMetrics& m, SimTime interval) {
  SeriesPoint p;
  double secs = to_seconds(interval);
  p.t_s = static_cast<float>(to_seconds(now_));
  p.interval_s = static_cast<float>(secs);
  p.arrivals_per_s = static_cast<float>((m.arrivals - m.last_arrivals) / secs);
  uint64_t err = 0;
  for (int i = 0; i < kOutcomeCount; ++i) {
    uint64_t d = m.outcomes[i] - m.last_outcomes[i];
    p.outcomes_per_s[i] = static_cast<float>(d / secs);
    if (i > 0) err += d;
  }
  p.completions_per_s = p.outcomes_per_s[0];
  p.errors_per_s = static_cast<float>(err / secs);
  if (m.window.count() > 0) {
    p.p50_ms = static_cast<float>(m.window.percentile(50) / 1000.0);
    p.p95_ms = static_cast<float>(m.window.percentile(95) / 1000.0);
    p.p99_ms = static_cast<float>(m.window.percentile(99) / 1000.0);
    p.max_ms = static_cast<float>(m.window.max() / 1000.0);
  }
  m.queue.set(now_, m.queue.value);
  m.busy.set(now_, m.busy.value);
  p.queue = static_cast<float>(m.queue.window_area / static_cast<double>(interval));
  p.utilization = m.capacity > 0 ? static_cast<float>(m.busy.window_area / static_cast<double>(interval) /
                                                       static_cast<double>(m.capacity))
                                 : 0.f;
  m.queue.window_area = 0;
  m.busy.window_area = 0;
  p.cost_per_hour = static_cast<float>((m.cost_usd - m.last_cost) / secs * 3600.0);
  m.last_arrivals = m.arrivals;
  m.last_outcomes = m.outcomes;
  m.last_cost = m.cost_usd;
  m.series.push_back(p);
  for (size_t i = 0; i < m.metric_count(); ++i) {
    float v = 0;
    switch (m.def(i).kind) {
      case MetricKind::Gauge: v = static_cast<float>(m.values[i]); break;
      case MetricKind::Counter:
        v = static_cast<float>((m.values[i] - m.last_values[i]) / secs);
        m.last_values[i] = m.values[i];
        break;
      case MetricKind::Latency: v = static_cast<float>(m.latency_windows[m.slot[i]].percentile(99) / 1000.0); break;
    }
    m.series_values.push_back(v);
  }
  // The interval's histograms: the served requests', then the declared latencies'.
  m.series_latency.begin_point();
  m.series_latency.add(m.window);
  for (const LatencyHistogram& h : m.latency_windows) m.series_latency.add(h);
  m.window.reset();
  for (LatencyHistogram& h : m.latency_windows) h.reset();
}

// Halve the resolution of a series: pairs of points become one.
template <class P, class Merge>
static void halve(std::vector<P>& s, Merge merge) {
  size_t out = 0;
  for (size_t i = 0; i + 1 < s.size(); i += 2) s[out++] = merge(s[i], s[i + 1]);
  if (s.size() % 2) s[out++] = s.back();
  s.resize(out);
}

// A node's series at half the resolution: rates as means weighted by the intervals'
// lengths, gauges by their MetricStat, and latencies from the merged histograms (so a
// merged point's p99 is the p99 of both intervals' requests, not the larger of two).
static void halve_node_series(NodeMetrics& m) {
  const size_t k = m.metric_count();
  std::vector<float> values;
  values.reserve(m.series_values.size() / 2 + k);
  const std::vector<SeriesPoint> old = m.series;
  for (size_t i = 0; i < old.size(); i += 2) {
    const float* a = m.point_values(i);
    if (i + 1 == old.size()) {
      values.insert(values.end(), a, a + k);
      continue;
    }
    const float* b = m.point_values(i + 1);
    const float ia = old[i].interval_s, ib = old[i + 1].interval_s, t = ia + ib;
    for (size_t j = 0; j < k; ++j) {
      const MetricDef& d = m.def(j);
      float v = (a[j] * ia + b[j] * ib) / t;
      if (d.kind == MetricKind::Gauge && d.stat == MetricStat::Min) v = std::min(a[j], b[j]);
      if (d.kind == MetricKind::Gauge && d.stat == MetricStat::Max) v = std::max(a[j], b[j]);
      if (d.kind == MetricKind::Gauge && d.stat == MetricStat::Last) v = b[j];
      values.push_back(v);  // a latency's p99 is set from its merged histogram below
    }
  }
  halve(m.series, [](const SeriesPoint& a, const SeriesPoint& b) {
    SeriesPoint m = b;
    float ia = a.interval_s, ib = b.interval_s, t = ia + ib;
    auto avg = [&](float x, float y) { return (x * ia + y * ib) / t; };
    m.interval_s = t;
    m.arrivals_per_s = avg(a.arrivals_per_s, b.arrivals_per_s);
    m.completions_per_s = avg(a.completions_per_s, b.completions_per_s);
    m.errors_per_s = avg(a.errors_per_s, b.errors_per_s);
    for (int i = 0; i < kOutcomeCount; ++i) m.outcomes_per_s[i] = avg(a.outcomes_per_s[i], b.outcomes_per_s[i]);
    m.queue = avg(a.queue, b.queue);
    m.utilization = avg(a.utilization, b.utilization);
    m.cost_per_hour = avg(a.cost_per_hour, b.cost_per_hour);
    return m;
  });
  m.series_values = std::move(values);
  m.series_latency.halve(1 + m.latency_windows.size());
  LatencyHistogram h;
  for (size_t i = 0; i < m.series.size(); ++i) {
    SeriesPoint& p = m.series[i];
    h.reset();
    m.series_latency.merge_into(i, 0, h);
    const bool any = h.count() > 0;
    p.p50_ms = any ? static_cast<float>(h.percentile(50) / 1000.0) : 0.f;
    p.p95_ms = any ? static_cast<float>(h.percentile(95) / 1000.0) : 0.f;
    p.p99_ms = any ? static_cast<float>(h.percentile(99) / 1000.0) : 0.f;
    p.max_ms = any ? static_cast<float>(h.max() / 1000.0) : 0.f;
    for (size_t j = 0; j < k; ++j) {
      if (m.def(j).kind != MetricKind::Latency) continue;
      h.reset();
      m.series_latency.merge_into(i, 1 + m.slot[j], h);
      m.series_values[i * k + j] = static_cast<float>(h.percentile(99) / 1000.0);
    }
  }
}
// The series at half the resolution (past kMaxSeriesPoints points).
void Simulation::halve_series() {
    for (auto& n : nodes_) halve_node_series(n.metrics);
    for (auto& c : conns_)
      halve(c.metrics.series, [](const ConnMetrics::Point& a, const ConnMetrics::Point& b) {
        return ConnMetrics::Point{b.t_s, (a.calls_per_s + b.calls_per_s) / 2, (a.errors_per_s + b.errors_per_s) / 2};
      });
    series_interval_ *= 2;
  }

size_t Simulation::series_histogram_bytes() const {
  size_t bytes = 0;
  for (const NodeSlot& n : nodes_) bytes += n.metrics.series_latency.byte_size();
  return bytes;
}

// ---- windows of the series ------------------------------------------------------

template <class F>
size_t Simulation::for_each_interval(NodeId n, SimTime t0, SimTime t1, F f) const {
  const std::vector<SeriesPoint>& s = nodes_[n.v].metrics.series;
  auto counts = [&](SimTime a, SimTime b) {  // the interval (a, b]
    const SimTime overlap = std::min(b, t1) - std::max(a, t0);
    return b > a ? 2 * overlap >= b - a : (t0 <= b && b <= t1);
  };
  size_t n_counted = 0;
  // The first point that ends after t0 (points end at whole seconds: float is exact).
  auto it = std::upper_bound(s.begin(), s.end(), t0, [](SimTime t, const SeriesPoint& p) {
    return t < from_seconds(static_cast<double>(p.t_s));
  });
  for (; it != s.end(); ++it) {
    const SimTime end = from_seconds(static_cast<double>(it->t_s));
    const SimTime begin = end - from_seconds(static_cast<double>(it->interval_s));
    if (begin >= t1) break;
    if (counts(begin, end)) {
      f(static_cast<size_t>(it - s.begin()));
      ++n_counted;
    }
  }
  if (counts(last_tick_, now_)) {
    f(SIZE_MAX);
    ++n_counted;
  }
  return n_counted;
}

LatencyHistogram Simulation::latency_between(NodeId n, SimTime t0, SimTime t1) const {
  const NodeMetrics& m = nodes_[n.v].metrics;
  LatencyHistogram h;
  for_each_interval(n, t0, t1, [&](size_t i) {
    if (i == SIZE_MAX) h.merge(m.window);
    else m.series_latency.merge_into(i, 0, h);
  });
  return h;
}

LatencyHistogram Simulation::latency_between(NodeId n, LatencyMetricId l, SimTime t0, SimTime t1) const {
  const NodeMetrics& m = nodes_[n.v].metrics;
  LatencyHistogram h;
  if (l.v >= m.latency_windows.size()) return h;
  for_each_interval(n, t0, t1, [&](size_t i) {
    if (i == SIZE_MAX) h.merge(m.latency_windows[l.v]);
    else m.series_latency.merge_into(i, 1 + l.v, h);
  });
  return h;
}

std::optional<double> Simulation::metric_between(NodeId n, size_t metric, SimTime t0, SimTime t1) const {
  const NodeMetrics& m = nodes_[n.v].metrics;
  if (metric >= m.metric_count() || m.def(metric).kind == MetricKind::Latency) return std::nullopt;
  const MetricDef& d = m.def(metric);
  const size_t k = m.metric_count();
  double weighted = 0, weight = 0, lo = 0, hi = 0, last = 0;
  bool any = false;
  for_each_interval(n, t0, t1, [&](size_t i) {
    double v, w;
    if (i == SIZE_MAX) {
      w = to_seconds(now_ - last_tick_);
      v = d.kind == MetricKind::Gauge ? m.values[metric] : (w > 0 ? (m.values[metric] - m.last_values[metric]) / w : 0);
    } else {
      w = m.series[i].interval_s;
      v = m.series_values[i * k + metric];
    }
    weighted += v * w;
    weight += w;
    lo = any ? std::min(lo, v) : v;
    hi = any ? std::max(hi, v) : v;
    last = v;
    any = true;
  });
  if (!any) return std::nullopt;
  if (d.kind == MetricKind::Counter) return weight > 0 ? weighted / weight : 0.0;
  switch (d.stat) {
    case MetricStat::Mean: return weight > 0 ? weighted / weight : last;
    case MetricStat::Min: return lo;
    case MetricStat::Max: return hi;
    case MetricStat::Last: return last;
  }
  return last;
}

}  // namespace cp::sim
