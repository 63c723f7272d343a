// Queries over a run's event log, as a person writes them:
//
//   auto q = parse_event_query("kind=instance_died reason=health_check from=5:00", built);
//   if (!q.ok()) puts(q.error_en.c_str());   // says which word is wrong and what would be right
//   for (size_t i : sim::query_events(built.sim->event_log(), q.filter)) ...
//
// Words are key=value, separated by spaces: node, kind, reason, instance (i-3 or 3), message,
// about (the other node an entry names), az (AZ ID), region (code), from, to (seconds or m:ss).
// The same typed fields go into the --json report (report.h: event_json) and `cloudplay run --events`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/build.h"
#include "core/sim/event_filter.h"

namespace cp::engine {

struct EventQuery {
  sim::EventFilter filter;
  std::string error_en, error_ko;  // empty when the query is good
  bool ok() const { return error_en.empty(); }
};

EventQuery parse_event_query(std::string_view text, const Built& b);

// An entry's typed fields as query words: "reason=health_check instance=i-5 about=web healthy=1"
// ("" when it has none). The run view shows them; typed into its filter they find such entries.
std::string event_fields_text(const Built& b, const sim::LogEntry& e);

// One line per entry: time, node, kind, then the typed fields (key=value) and the text (Korean with `korean`).
std::string events_text(const Built& b, const std::vector<size_t>& rows, bool korean = false);

}  // namespace cp::engine
