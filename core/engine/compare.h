// Side-by-side runs (issue 17): two or three variants of one design run with the same
// seed, traffic and fault script, their per-second series returned next to each other
// so that a view can draw them on one axis per metric.
//
//   std::vector<doc::Document> designs = {a, b};                 // validated documents
//   auto metrics = cp::engine::default_series(designs);          // p99, error rate, backlog, cost
//   cp::engine::Comparison c = cp::engine::run_side_by_side(designs, metrics);
//   for (const VariantRun& v : c.runs) ... v.t_s, v.series[m][i], v.totals[m].value ...
//   std::string why = cp::engine::differences_text(designs, korean);  // "orders: Visibility timeout 10 s → 30 s"
//
// Each variant runs the way every run does: engine::build, then a GoalTracker over the
// whole run (one measuring "goal" per metric, so a variant's total of a metric is exactly
// what a goal on it would measure), then the series are read from the simulation's
// per-second points. A metric is written as a goal's (core/doc/goals.h): "p99_ms",
// "error_rate", "cost_per_month" or a metric the node's service declares ("duplicates").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/doc/document.h"
#include "core/engine/goals.h"

namespace cp::engine {

inline constexpr size_t kMaxVariants = 3;
inline constexpr size_t kMaxCompareSeries = 6;

struct SeriesSpec {
  std::string metric;  // a goal metric other than "events" and "mean_ms", or a declared metric key
  std::string node;    // "" = the whole design (cost_per_month only)
  bool operator==(const SeriesSpec&) const = default;
};

// Whether `s` can be plotted for design `d`; else why, in both languages.
bool series_plottable(const doc::Document& d, const SeriesSpec& s, std::string* why_en = nullptr, std::string* why_ko = nullptr);

// Whether the series is a count plotted as its total so far (a declared counter such as
// "duplicates", or requests/served/errors): its last point is the variant's total.
bool cumulative(const doc::Document& d, const SeriesSpec& s);

// What a series is called and its unit, in one language: "p99 latency · web", "ms".
// A cumulative series' label says "(so far)" unless `so_far` is false (a table row of totals).
std::string series_label(const doc::Document& d, const SeriesSpec& s, bool korean, bool so_far = true);
std::string series_unit(const doc::Document& d, const SeriesSpec& s, bool korean);
// A value of the series (a point, or a variant's total) with its unit: "143.2 ms", "12 messages".
std::string series_value_text(const doc::Document& d, const SeriesSpec& s, double v, bool total, bool korean);

// The metrics worth comparing in `designs` (at most kMaxCompareSeries): the first users
// node's p99 latency and error rate, the backlog of every queue-like node (a metric its
// service shows as "waiting" on its card) that all designs have, and the design's cost.
std::vector<SeriesSpec> default_series(const std::vector<doc::Document>& designs);

struct VariantRun {
  bool built = false;
  std::vector<doc::Issue> errors;            // when it could not be built
  std::vector<float> t_s;                    // the points' times (end of each interval)
  std::vector<std::vector<float>> series;    // [metric][point]: one value per point of t_s
  std::vector<GoalResult> totals;            // [metric]: its value over the whole run (has_value, value)
  std::vector<GoalResult> goals;             // the design's own goals
  double cost_per_month = 0;
  uint64_t events = 0;
  double wall_ms = 0;                        // how long this run took here
};

struct Comparison {
  std::vector<SeriesSpec> metrics;
  std::vector<VariantRun> runs;              // one per design, in order
  uint64_t seed = 0;
  double wall_ms = 0;                        // all runs
  bool all_built() const;
};

// Runs every design under `seed` (default: the first design's). Metrics a design cannot
// plot get an empty series and no total.
Comparison run_side_by_side(const std::vector<doc::Document>& designs, const std::vector<SeriesSpec>& metrics,
                            std::optional<uint64_t> seed = std::nullopt);

// What differs between the designs, as one line per difference in one language, from
// the first design to the others: "orders: Visibility timeout 10 s → 30 s",
// "lb: Application Load Balancer → Network Load Balancer", "db only in the second".
std::vector<std::string> differences(const std::vector<doc::Document>& designs, bool korean);
std::string differences_text(const std::vector<doc::Document>& designs, bool korean);

}  // namespace cp::engine
