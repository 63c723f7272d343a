// Which log entries a query wants: every field is optional; an entry matches when it
// agrees with each field that is set. Used by goals ("events" with a kind, reason or
// instance), `cloudplay run --events`, and the run view's event log.
//
//   EventFilter f;
//   f.kind = LogKind::InstanceDied;
//   f.reason = "health_check";
//   for (size_t i : query_events(sim.event_log(), f)) ...
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sim/metrics.h"
#include "core/sim/time.h"

namespace cp::sim {

struct EventFilter {
  std::optional<uint32_t> node;      // the entry's node (index)
  std::optional<LogKind> kind;
  std::string reason;                // "" = any
  std::optional<uint64_t> instance;  // i-N
  std::optional<uint64_t> message;
  std::optional<uint32_t> other;     // the other node it names (index)
  std::optional<uint32_t> az;        // topology index
  std::optional<uint32_t> region;    // topology index
  SimTime from = 0;                  // inclusive
  SimTime to = kNever;               // inclusive

  bool matches(const LogEntry& e) const {
    if (e.time < from || e.time > to) return false;
    if (node && e.node != *node) return false;
    if (kind && e.kind != *kind) return false;
    if (!reason.empty() && reason != e.reason) return false;
    if (instance && e.instance != *instance) return false;
    if (message && e.message != *message) return false;
    if (other && e.other != *other) return false;
    if (az && e.az != *az) return false;
    if (region && e.region != *region) return false;
    return true;
  }
};

// Every LogKind's name ("info" … "fault"), in enum order, and the kind a name stands for.
const std::vector<std::string>& log_kind_names();
std::optional<LogKind> log_kind_from_name(const std::string& name);

// Every reason key a model or the kernel logs, sorted (queries and goals check against it).
const std::vector<std::string>& known_event_reasons();

// Indexes of the matching entries, in log order.
inline std::vector<size_t> query_events(const std::vector<LogEntry>& log, const EventFilter& f) {
  std::vector<size_t> out;
  for (size_t i = 0; i < log.size(); ++i)
    if (f.matches(log[i])) out.push_back(i);
  return out;
}

}  // namespace cp::sim
