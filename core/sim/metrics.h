// Metrics kept per node and per connection: totals, a fixed-memory latency
// histogram, time-weighted queue/busy integrals, and a time series with one
// point per simulated second (halved in resolution when it grows past
// kMaxSeriesPoints, so memory stays bounded on long runs).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/sim/histogram.h"
#include "core/sim/request.h"
#include "core/sim/time.h"

namespace cp::sim {

inline constexpr size_t kMaxSeriesPoints = 4096;

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
  float instances = 0;       // model gauge (instances, shards, ...)
  float healthy = 0;         // model gauge
  float backlog = 0;         // model gauge (messages waiting, ...)
  float cost_per_hour = 0;   // cost accrued in the interval, per hour
};

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
  // Gauges a model sets for the UI and the series.
  double instances = 0, healthy = 0, backlog = 0;

  // Series bookkeeping
  std::vector<SeriesPoint> series;
  uint64_t last_arrivals = 0;
  std::array<uint64_t, kOutcomeCount> last_outcomes{};
  double last_cost = 0;

  uint64_t errors() const {
    uint64_t e = 0;
    for (int i = 1; i < kOutcomeCount; ++i) e += outcomes[i];
    return e;
  }
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

struct LogEntry {
  SimTime time = 0;
  uint32_t node = UINT32_MAX;  // node index, or UINT32_MAX for the whole system
  LogKind kind = LogKind::Info;
  std::string text_en;
  std::string text_ko;
};

}  // namespace cp::sim
