// Metrics kept per node and per connection: totals, a fixed-memory latency
// histogram, time-weighted queue/busy integrals, the metrics its service declares
// (named gauges, counters and latencies: see MetricDef), and a time series with
// one point per simulated second (halved in resolution when it grows past
// kMaxSeriesPoints, so memory stays bounded on long runs). Each point keeps its
// interval's latency histograms in compact form, so a window's percentiles are
// exact to the histogram (Simulation::latency_between).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/sim/histogram.h"
#include "core/sim/histogram_series.h"
#include "core/sim/request.h"
#include "core/sim/time.h"

namespace cp::sim {

inline constexpr size_t kMaxSeriesPoints = 4096;
// The series' latency histograms of all nodes together: ~400 B per node and point
// for a node serving 1,000 requests/s over a wide latency range (cloudplay-bench g),
// so 54 such nodes reach this after ~40 simulated minutes and the series halves.
inline constexpr size_t kMaxSeriesHistogramBytes = size_t(48) << 20;

struct SeriesPoint {
  float t_s = 0;             // end of the interval (simulated seconds)
  float interval_s = 1;      // length of the interval
  float arrivals_per_s = 0;
  float completions_per_s = 0;  // answered Ok
  float errors_per_s = 0;
  std::array<float, kOutcomeCount> outcomes_per_s{};  // by Outcome (index 0 = ok)
  float p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0;  // served requests only
  float queue = 0;           // mean queue length over the interval
  float utilization = 0;     // mean busy / capacity
  float cost_per_hour = 0;   // cost accrued in the interval, per hour
  // The node's declared metrics are in NodeMetrics::series_values, one row per point.
};

// A metric a service declares (the catalog's ServiceDescriptor::metrics holds its
// labels and units): what the kernel needs to keep it in the series.
//   Counter: a running total (receives, launches); a point holds its rate per second
//            in the interval, a window its increase.
//   Gauge:   a level the model sets (queue depth, credit balance); a point holds its
//            value at the end of the interval, and `stat` says how points combine
//            over a longer window (when the series halves, or for a goal's window).
//   Latency: a distribution the model records (message age at receive); a point holds
//            the interval's histogram (and its p99 for plotting), a window their merge.
enum class MetricKind : uint8_t { Counter, Gauge, Latency };
enum class MetricStat : uint8_t { Mean, Min, Max, Last };
const char* metric_kind_name(MetricKind k);  // "counter", "gauge", "latency"
const char* metric_stat_name(MetricStat s);  // "mean", "min", "max", "last"

struct MetricDef {
  std::string key;                      // "cpu_credits": series, --json report, goals, CSV
  MetricKind kind = MetricKind::Gauge;
  MetricStat stat = MetricStat::Mean;   // gauges only
  // false: the service declares it but this node's settings do not measure it (the
  // CPU credits of a non-burstable instance type). The model may still set it; the
  // report, the metrics panel and goals leave it out.
  bool applies = true;
};

// Handles a model resolves once (Simulation::gauge/counter/latency_metric, in start)
// and then uses per event: an index, no string lookup. One type per kind, so a
// counter cannot be set as a gauge.
struct GaugeId { uint16_t v = 0; };
struct CounterId { uint16_t v = 0; };
struct LatencyMetricId { uint16_t v = 0; };  // its slot in NodeMetrics::latency_windows

// A time-weighted level (queue length, busy workers): integral over time.
struct Level {
  int64_t value = 0;
  SimTime since = 0;
  double area = 0;            // value × µs, since the run began
  double window_area = 0;     // since the last series point
  void set(SimTime now, int64_t v) {
    double d = static_cast<double>(value) * static_cast<double>(now - since);
    area += d;
    window_area += d;
    value = v;
    since = now;
  }
  void add(SimTime now, int64_t dv) { set(now, value + dv); }
};

struct NodeMetrics {
  // Out of line (series.cpp): inlined into simulation.cpp, copying and destroying
  // this many vectors used up g++'s inline-unit-growth budget there, and respond()
  // and send_attempt() stopped inlining record_n and push (+2.7% instructions per event).
  NodeMetrics();
  NodeMetrics(const NodeMetrics&);
  NodeMetrics(NodeMetrics&&) noexcept;
  NodeMetrics& operator=(const NodeMetrics&);
  NodeMetrics& operator=(NodeMetrics&&) noexcept;
  ~NodeMetrics();

  uint64_t arrivals = 0;
  uint64_t completions = 0;   // answered Ok
  uint64_t waited = 0;        // arrivals that found every worker busy and queued
  std::array<uint64_t, kOutcomeCount> outcomes{};
  // Served and refused requests are timed apart: a refusal answers at once, and mixed
  // in it would pull a node's latency towards 0 exactly when it is overloaded.
  LatencyHistogram latency;         // arrival -> answer of served requests (Ok), server side
  LatencyHistogram failed_latency;  // arrival -> answer of refused or failed ones (any other outcome)
  LatencyHistogram window;          // served requests in the current series interval
  Level queue;                // waiting for a worker
  Level busy;                 // workers in use
  int64_t capacity = 1;       // workers (for utilization)
  double cost_usd = 0;

  // Declared metrics (Simulation::declare_metrics; shared, as checkpoints copy them).
  std::shared_ptr<const std::vector<MetricDef>> defs;
  std::vector<double> values;        // per def: a gauge's level, a counter's total (a latency's: unused)
  std::vector<uint16_t> slot;        // per def: a latency's index in `latency_windows`
  std::vector<LatencyHistogram> latency_windows;  // declared latencies, current series interval

  void set(GaugeId g, double v) { values[g.v] = v; }
  void add(CounterId c, double n = 1) { values[c.v] += n; }
  void record(LatencyMetricId l, int64_t us) { latency_windows[l.v].record(us); }
  double value(GaugeId g) const { return values[g.v]; }
  double value(CounterId c) const { return values[c.v]; }
  size_t metric_count() const { return defs ? defs->size() : 0; }
  const MetricDef& def(size_t i) const { return (*defs)[i]; }
  // The index of a declared metric by key, or -1.
  int find_metric(const std::string& key) const;
  // A declared gauge's or counter's value now, by key (for tests and panels); NaN if none.
  double metric_value(const std::string& key) const;

  // Series bookkeeping
  std::vector<SeriesPoint> series;
  std::vector<float> series_values;  // metric_count() per point: gauge value, counter rate/s, latency p99 ms
  HistogramSeries series_latency;    // per point: `window`, then each of `latency_windows`
  std::vector<double> last_values;   // counter totals at the last point
  uint64_t last_arrivals = 0;
  std::array<uint64_t, kOutcomeCount> last_outcomes{};
  double last_cost = 0;
  // Point i's row of declared metrics (metric_count() floats).
  const float* point_values(size_t i) const { return series_values.data() + i * metric_count(); }

  uint64_t errors() const {
    uint64_t e = 0;
    for (int i = 1; i < kOutcomeCount; ++i) e += outcomes[i];
    return e;
  }
};

// A node's append-only series (points, metric rows, histograms), moved aside while
// a checkpoint copies the rest of its metrics, then put back, cut to `len` points
// on a rewind. Out of line for the reason given at NodeMetrics.
struct SeriesHistory {
  std::vector<SeriesPoint> points;
  std::vector<float> values;
  HistogramSeries latency;
  static SeriesHistory take(NodeMetrics& m);
  void put_back(NodeMetrics& m, size_t len = SIZE_MAX);
  SeriesHistory();
  SeriesHistory(SeriesHistory&&) noexcept;
  ~SeriesHistory();
};

struct ConnMetrics {
  uint64_t calls = 0;          // attempts sent, retries included
  uint64_t retries = 0;
  uint64_t bytes = 0;
  std::array<uint64_t, kOutcomeCount> outcomes{};  // final outcomes seen by the caller
  LatencyHistogram latency;    // caller-side, send -> final answer (retries included)
  struct Point { float t_s, calls_per_s, errors_per_s; };
  std::vector<Point> series;
  uint64_t last_calls = 0, last_errors = 0;
  uint64_t errors() const {
    uint64_t e = 0;
    for (int i = 1; i < kOutcomeCount; ++i) e += outcomes[i];
    return e;
  }
};

// Notable moments of a run, for the event log panel, lessons and golden tests.
enum class LogKind : uint8_t {
  Info, Warning, NodeDown, NodeUp, AzDown, AzUp, RegionDown, RegionUp,
  InstanceLaunched, InstanceDied, InstanceTerminated, HealthChanged,
  ScaleOut, ScaleIn, Failover, ThrottlingBegan, ThrottlingEnded,
  QueueFull, MessageToDlq, LatencyInjected, Fault,
};
const char* log_kind_name(LogKind k);  // "scale_out", ...

// A number a log entry carries besides its text: {"desired", 6}, {"from", 3}.
struct LogField {
  const char* key;  // a literal
  double value;
};

// One entry of the run's event log: typed fields to query by (node, kind, reason, the
// instance or message it is about, another node it names) beside its text in both languages.
// Models write them with Simulation::log and chain the fields:
//   sim.log(id(), LogKind::ScaleOut, en, ko).because("alarm").field("from", 2).field("to", 4);
struct LogEntry {
  SimTime time = 0;
  uint32_t node = UINT32_MAX;  // node index, or UINT32_MAX for the whole system
  LogKind kind = LogKind::Info;
  const char* reason = "";     // why, as a stable key ("health_check", "spot_interruption"): a literal
  uint64_t instance = 0;       // the EC2 instance it is about (i-N), 0 for none
  uint64_t message = 0;        // the message or request it is about, 0 for none
  uint32_t other = UINT32_MAX; // another node it names (a target, a failover endpoint, a source)
  uint32_t az = UINT32_MAX;    // the Availability Zone it is about (topology index), if any
  uint32_t region = UINT32_MAX; // the Region it is about (topology index), if any
  std::vector<LogField> fields;
  std::string text_en;
  std::string text_ko;

  LogEntry& because(const char* r) { reason = r; return *this; }
  LogEntry& about_instance(uint64_t i) { instance = i; return *this; }
  LogEntry& about_message(uint64_t m) { message = m; return *this; }
  LogEntry& naming(uint32_t node_index) { other = node_index; return *this; }
  LogEntry& in_az(uint32_t az_index) { az = az_index; return *this; }
  LogEntry& in_region(uint32_t region_index) { region = region_index; return *this; }
  LogEntry& field(const char* key, double value) { fields.push_back({key, value}); return *this; }
  const LogField* find_field(std::string_view key) const {
    for (const LogField& f : fields)
      if (key == f.key) return &f;
    return nullptr;
  }
};

}  // namespace cp::sim
