// Goals: what a run must show, written by hand in a document (lessons are built on them).
//
//   "goals": [
//     {"metric": "p99_ms", "node": "web", "below": 200, "from": "5:00", "to": "10:00",
//      "en": "Web stays fast after the AZ fails", "ko": "가용 영역 장애 뒤에도 웹 서버가 빠르게 응답합니다"},
//     {"metric": "error_rate", "node": "users", "below": 1, "during": 0},   // while faults[0] lasts
//     {"metric": "cost_per_month", "at_most": 500},                        // the whole design
//     {"metric": "events", "event": "instance_died", "at_most": 0},
//     {"metric": "events", "event": "instance_died", "reason": "health_check", "at_most": 0},
//     {"metric": "cpu_credits", "node": "api", "at_least": 10, "from": "5:00"}  // a metric api's service declares
//   ]
//
// A goal is one metric, one comparison (below, above, at_most or at_least) and a window
// of the run: from/to (seconds, or "m:ss"), or "during" a fault (its index in faults);
// none = the whole run. The engine measures it (core/engine/goals.h).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cp::doc {

struct Document;
struct Issue;
struct NodeDoc;

enum class GoalOp { Below, Above, AtMost, AtLeast };

struct GoalMetricSpec {
  const char* key;        // "p99_ms"
  const char* en;         // "p99 latency of served requests"
  const char* ko;
  const char* unit;       // "ms", "%", "$", ""
  bool needs_node;        // measured on one node
  bool node_optional;     // cost and events: one node, or the whole design
};
const std::vector<GoalMetricSpec>& goal_metrics();
const GoalMetricSpec* find_goal_metric(const std::string& key);

struct GoalDoc {
  std::string metric;              // a key of goal_metrics(), or of the node's service's metrics ("cpu_credits")
  std::string node;                // node id ("" = the whole design, where allowed)
  std::string event;               // for "events": the event kind ("instance_died"; "" = any)
  std::string reason;              // for "events": why it was logged ("health_check"; "" = any)
  GoalOp op = GoalOp::Below;
  double value = 0;
  double from_s = 0;
  std::optional<double> to_s;      // none = the end of the run
  std::optional<size_t> during;    // a fault's index: its window replaces from/to
  std::string en, ko;              // what the goal means, for a learner (optional)
  bool operator==(const GoalDoc&) const = default;
};

const char* goal_op_key(GoalOp op);  // "below", ...

// The metrics a node's service declares of its own, as the catalog says them: the
// validator passes catalog::node_metrics (this folder knows no service).
struct NodeMetric {
  std::string key;                        // "cpu_credits"
  bool measured = true;                   // with the node's params (a T3's credits, not an M5's)
  std::string only_when_en, only_when_ko; // when it is measured, for a metric that is not
};
struct NodeMetrics {
  std::string service_en, service_ko;     // the service's name ("EC2 instance"), or the node's type when unknown
  std::vector<NodeMetric> metrics;        // in the descriptor's order
};
using NodeMetricsOf = std::function<NodeMetrics(const NodeDoc&)>;

// Reads j["goals"] into d.goals (after nodes and faults are read: goals name them).
void read_goals(const nlohmann::json& j, Document& d, std::vector<Issue>& errors, const NodeMetricsOf& metrics_of);
nlohmann::json goal_to_json(const GoalDoc& g);
// A moment of the run as a person writes it: seconds (300) or "m:ss" / "h:mm:ss" ("5:00").
// nullopt, with why in both languages, otherwise.
std::optional<double> read_moment(const nlohmann::json& v, std::string& why_en, std::string& why_ko);
// "m:ss" or seconds, as a person writes a moment of the run: 300 -> "5:00".
std::string clock_text(double seconds);

}  // namespace cp::doc
