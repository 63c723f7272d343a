// Metrics kept per node and per connection: totals, a fixed-memory latency
// histogram, time-weighted queue/busy integrals, and a time series with one
// point per simulated second (halved in resolution when it grows past
// kMaxSeriesPoints, so memory stays bounded on long runs).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
