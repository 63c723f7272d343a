// What a run produced, for the CLI (--json), the tests and later the lessons:
// totals per node and connection, latency percentiles, the event log, cost,
// and the trace_hash that proves two runs were the same run.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/engine/build.h"
#include "core/engine/goals.h"

namespace cp::engine {

std::string hex64(uint64_t v);
// Machine-readable report. Only integers, strings and numbers printed with a
// fixed precision, so the text is byte-identical natively and in wasm.
// With `goals`, the report also holds each goal's window, value and verdict.
nlohmann::json report_json(const Built& b, bool with_series = false, const std::vector<GoalResult>* goals = nullptr);
// A readable table, one line per node.
std::string summary_table(const Built& b);
// The per-second series of every node as CSV, one row per node and point: the
// columns every node has, then one per metric a node's service declares (its key; the
// cell is empty for nodes without it): a gauge's value, a counter's rate per second,
// a latency's p99 in ms. The run view's "metrics CSV" download.
std::string series_csv(const sim::Simulation& s);
// The event log, one line per entry: "  12.500 s  web-1  scale_out  Launched ..."
std::string event_log_text(const Built& b);
// One such line: time, node, kind, then `fields` if any (event_fields_text), then the text
// in English or Korean; ends with a newline. Both the log and a query's answer print it.
std::string event_log_line(const Built& b, const sim::LogEntry& e, const std::string& fields, bool korean);
// One event log entry with its typed fields (reason, instance, message, about, az, region, fields).
nlohmann::json event_json(const Built& b, const sim::LogEntry& e);

}  // namespace cp::engine
