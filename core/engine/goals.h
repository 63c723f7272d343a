// Goals measured over a run (the document's "goals", core/doc/goals.h).
//
//   cp::engine::GoalTracker goals(doc, built);
//   goals.run_until(*built.sim, built.duration);   // stops at each window's start and end
//   for (const GoalResult& r : goals.results(*built.sim)) ... r.passed(), r.text(korean) ...
//
// Counts and cost over a window are differences between the node's totals at its end
// and at its start. Percentiles come from the series' per-interval histograms merged
// over the window (Simulation::latency_between), so a p99 over 5:00-10:00 is exact to
// the histogram's bucket (<= 0.78%), not a maximum of per-second p99s. A metric the
// node's service declares: a counter's increase, a gauge by its statistic over the
// window's series points (lowest CPU credit balance, mean hit ratio), a latency's p99.
// Events are counted from the event log by time, start and end included.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/doc/document.h"
#include "core/engine/build.h"

namespace cp::engine {

struct GoalResult {
  enum class State { Waiting, Measuring, Passed, Failed };
  size_t index = 0;              // in the document's goals
  State state = State::Waiting;
  bool has_value = false;        // false: nothing to measure yet (no served request, say)
  double value = 0;              // measured, in the metric's unit
  double from_s = 0, to_s = 0;   // the window
  std::string en, ko;            // "p99 latency of served requests at web, 5:00-10:00: 143.2 ms; goal below 200 ms: passed"
  bool passed() const { return state == State::Passed; }
  bool finished() const { return state == State::Passed || state == State::Failed; }
  const std::string& text(bool korean) const { return korean ? ko : en; }
};

class GoalTracker {
 public:
  GoalTracker(const doc::Document& d, const Built& b);
  bool empty() const { return goals_.empty(); }

  // Runs `s` to `until`, stopping at every window start and end on the way to take
  // or close its measurement. Splitting a run at those moments does not change it.
  void run_until(sim::Simulation& s, sim::SimTime until);

  // For a driver that advances the run itself (the app's RunController, in budgeted
  // frames): stop at next_edge(s.now()) at the latest, then observe(s) there. A
  // tracker is a plain value: copy it with a checkpoint and restore it with the rewind.
  sim::SimTime next_edge(sim::SimTime now) const;  // the next window start or end after `now` (kNever if none)
  void observe(const sim::Simulation& s);

  // Every goal at s.now(): finished ones with their verdict, open ones with the value so far.
  std::vector<GoalResult> results(const sim::Simulation& s) const;
  bool all_passed(const sim::Simulation& s) const;

 private:
  struct Totals {
    uint64_t arrivals = 0, completions = 0, errors = 0;
    double cost = 0;
    double counter = 0;            // a declared counter's total
  };
  struct Tracked {
    doc::GoalDoc goal;
    sim::NodeId node;              // invalid for the whole design
    const catalog::MetricSpec* named = nullptr;  // a metric the node's service declares
    int metric = -1;               // its index in the node's NodeMetrics
    sim::SimTime from = 0, to = 0;
    bool started = false;          // `at_from` holds the totals at `from`
    Totals at_from;
    bool closed = false;           // `result` holds the verdict at `to`
    GoalResult result;
  };
  Totals totals(const sim::Simulation& s, const Tracked& t) const;
  GoalResult measure(const Tracked& t, const sim::Simulation& s, bool final) const;

  std::vector<Tracked> goals_;
  sim::SimTime end_ = 0;  // the run's end: a window not closed by then has failed
};

}  // namespace cp::engine
