#include "core/doc/goals.h"

#include <algorithm>
#include <cmath>

#include "core/doc/document.h"
#include "core/doc/messages.h"
#include "core/sim/event_filter.h"
#include "core/sim/metrics.h"

namespace cp::doc {
namespace {

using json = nlohmann::json;

constexpr size_t kMaxGoals = 100;
constexpr size_t kMaxGoalText = 300;

const std::vector<std::string> kGoalFields = {"metric", "node", "event", "reason", "below", "above", "at_most", "at_least",
                                              "from", "to", "during", "en", "ko"};

std::vector<std::string> metric_keys() {
  std::vector<std::string> v;
  for (const auto& m : goal_metrics()) v.push_back(m.key);
  return v;
}


std::vector<std::string> quoted(const std::vector<std::string>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(quote(s));
  return out;
}


void read_goal(const json& g, const std::string& p, Document& d, std::vector<Issue>& errors, const NodeMetricsOf& metrics_of) {
  auto error = [&](const std::string& path, std::string en, std::string ko) {
    errors.emplace_back(path, std::move(en), std::move(ko));
  };
  if (!g.is_object()) {
    error(p, "expected a goal such as {\"metric\": \"p99_ms\", \"node\": \"web\", \"below\": 200}, got " + describe_value(g),
          "{\"metric\": \"p99_ms\", \"node\": \"web\", \"below\": 200} 같은 목표여야 하는데 " + describe_value_ko(g) + "입니다.");
    return;
  }
  bool ok = true;
  for (auto it = g.begin(); it != g.end(); ++it)
    if (std::find(kGoalFields.begin(), kGoalFields.end(), it.key()) == kGoalFields.end()) {
      error(join_path(p, it.key()), "a goal has no field " + quote(it.key()) + "." + did_you_mean(it.key(), kGoalFields) +
                                        " Its fields are " + join_words(quoted(kGoalFields)) + ".",
            "목표에는 " + quote(it.key()) + " 필드가 없습니다." + did_you_mean_ko(it.key(), kGoalFields) + " 쓸 수 있는 필드는 " +
                join_words(quoted(kGoalFields), ", ") + "입니다.");
      ok = false;
    }
  GoalDoc out;
  auto text_field = [&](const char* key, std::string& into) {
    auto it = g.find(key);
    if (it == g.end()) return;
    if (!it->is_string() || !utf8_valid(it->get_ref<const std::string&>()) ||
        utf8_length(it->get_ref<const std::string&>()) > kMaxGoalText) {
      error(join_path(p, key), "expected text of at most " + std::to_string(kMaxGoalText) + " characters, got " + describe_value(*it),
            std::to_string(kMaxGoalText) + "자 이하의 텍스트여야 하는데 " + describe_value_ko(*it) + "입니다.");
      ok = false;
      return;
    }
    into = it->get<std::string>();
  };
  text_field("en", out.en);
  text_field("ko", out.ko);

  // The metric: one every node has (goal_metrics), or one the node's service declares
  // (checked below, once the node is known).
  const GoalMetricSpec* spec = nullptr;
  bool declared = false;  // not a goal_metrics() key: must be a metric of the node's service
  auto m = g.find("metric");
  if (m == g.end() || !m->is_string()) {
    error(m == g.end() ? p : join_path(p, "metric"),
          "a goal needs \"metric\": one of " + join_words(quoted(metric_keys()), " or ") +
              ", or a metric of the node's service (such as \"cpu_credits\").",
          "목표에는 \"metric\"이 필요합니다. " + join_words(quoted(metric_keys()), ", ") +
              " 중 하나나 노드 서비스의 지표(\"cpu_credits\" 등)를 적으세요.");
    ok = false;
  } else {
    out.metric = m->get<std::string>();
    spec = find_goal_metric(out.metric);
    declared = !spec;
  }

  // The node it is measured on.
  const NodeDoc* node = nullptr;
  if (auto n = g.find("node"); n != g.end()) {
    if (!n->is_string()) {
      error(join_path(p, "node"), "expected a node id, got " + describe_value(*n), "노드 ID여야 하는데 " + describe_value_ko(*n) + "입니다.");
      ok = false;
    } else {
      out.node = n->get<std::string>();
      node = d.find_node(out.node);
      if (!node) {
        std::vector<std::string> ids;
        for (const auto& nd : d.nodes) ids.push_back(nd.id);
        error(join_path(p, "node"), "there is no node with id " + quote(out.node) + "." + did_you_mean(out.node, ids),
              "ID가 " + quote(out.node) + "인 노드가 없습니다." + did_you_mean_ko(out.node, ids));
        ok = false;
      } else if (spec && !spec->needs_node && !spec->node_optional) {
        error(join_path(p, "node"), quote(out.metric) + " is measured over the whole design, not on one node: leave \"node\" out.",
              quote(out.metric) + " 지표는 노드 하나가 아니라 설계 전체에서 잽니다. \"node\"를 빼세요.");
        ok = false;
      }
    }
  } else if (spec && spec->needs_node) {
    error(p, quote(out.metric) + " is measured on one node: add \"node\" with its id (for example the users node, "
                                  "to measure what users experience).",
          quote(out.metric) + " 지표는 노드 하나에서 잽니다. \"node\"에 노드 ID를 적으세요(사용자가 겪는 값을 보려면 "
                              "사용자 노드를 적으면 됩니다).");
    ok = false;
  }
  if (declared) {
    // A metric of the node's service, measured with the node's settings.
    const NodeMetrics svc = node ? metrics_of(*node) : NodeMetrics{};
    const NodeMetric* named = nullptr;
    std::vector<std::string> keys = metric_keys(), own;
    for (const NodeMetric& ms : svc.metrics) {
      if (ms.key == out.metric) named = &ms;
      if (ms.measured) own.push_back(ms.key);
    }
    keys.insert(keys.end(), own.begin(), own.end());
    if (!node && g.contains("node")) {
      // the node's own error says it all
    } else if (!node) {
      error(join_path(p, "metric"), "there is no goal metric " + quote(out.metric) + "." + did_you_mean(out.metric, keys) +
                                        " The metrics every node has are " + join_words(quoted(metric_keys())) +
                                        "; a service's own metrics (such as \"cpu_credits\") need \"node\".",
            "목표 지표 " + quote(out.metric) + "는 없습니다." + did_you_mean_ko(out.metric, keys) + " 모든 노드에 있는 지표는 " +
                join_words(quoted(metric_keys()), ", ") + "입니다. 서비스의 지표(\"cpu_credits\" 등)에는 \"node\"가 필요합니다.");
    } else if (!named) {
      error(join_path(p, "metric"),
            "node " + quote(out.node) + " (" + svc.service_en + ") has no metric " + quote(out.metric) +
                "." + did_you_mean(out.metric, keys) + " Its metrics are " + join_words(quoted(keys)) + ".",
            quote(out.node) + " 노드(" + svc.service_ko + ")에는 " + quote(out.metric) +
                " 지표가 없습니다." + did_you_mean_ko(out.metric, keys) + " 이 노드의 지표는 " + join_words(quoted(keys), ", ") + "입니다.");
    } else if (std::find(own.begin(), own.end(), out.metric) == own.end()) {
      error(join_path(p, "metric"),
            "node " + quote(out.node) + " does not measure " + quote(out.metric) + " with its settings: it is measured only for " +
                named->only_when_en + ". Its metrics are " + join_words(quoted(keys)) + ".",
            quote(out.node) + " 노드는 지금 설정으로는 " + quote(out.metric) + " 지표를 재지 않습니다. 이 지표는 " +
                named->only_when_ko + "에서만 잽니다. 이 노드의 지표는 " + join_words(quoted(keys), ", ") + "입니다.");
    }
    if (!named || std::find(own.begin(), own.end(), out.metric) == own.end()) ok = false;
  }

  // The event kind, for "events".
  if (auto e = g.find("event"); e != g.end()) {
    const auto& kinds = sim::log_kind_names();
    if (!e->is_string() || std::find(kinds.begin(), kinds.end(), e->get<std::string>()) == kinds.end()) {
      const std::string given = e->is_string() ? e->get<std::string>() : "";
      error(join_path(p, "event"), "expected an event kind such as \"instance_died\", got " + describe_value(*e) + "." +
                                       did_you_mean(given, kinds) + " The kinds are " + join_words(quoted(kinds)) + ".",
            "\"instance_died\" 같은 이벤트 종류여야 하는데 " + describe_value_ko(*e) + "입니다." + did_you_mean_ko(given, kinds) +
                " 쓸 수 있는 종류는 " + join_words(quoted(kinds), ", ") + "입니다.");
      ok = false;
    } else if (out.metric != "events") {
      error(join_path(p, "event"), "\"event\" goes with the metric \"events\" (a count of events of that kind).",
            "\"event\"는 \"events\" 지표(그 종류의 이벤트 수)와 함께 씁니다.");
      ok = false;
    } else {
      out.event = e->get<std::string>();
    }
  }
  // Why it was logged, for "events" ("health_check": deaths by failed health checks only).
  if (auto r = g.find("reason"); r != g.end()) {
    const auto& reasons = sim::known_event_reasons();
    const std::string given = r->is_string() ? r->get<std::string>() : "";
    if (!std::binary_search(reasons.begin(), reasons.end(), given)) {
      error(join_path(p, "reason"), "expected a reason that a service logs, such as \"health_check\", got " + describe_value(*r) + "." +
                                        did_you_mean(given, reasons) + " (docs/engine.md, Events, lists them.)",
            "\"health_check\"처럼 서비스가 기록하는 사유여야 하는데 " + describe_value_ko(*r) + "입니다." + did_you_mean_ko(given, reasons) +
                " (목록은 docs/engine.md의 Events 절에 있습니다.)");
      ok = false;
    } else if (out.metric != "events") {
      error(join_path(p, "reason"), "\"reason\" goes with the metric \"events\" (a count of events logged for that reason).",
            "\"reason\"은 \"events\" 지표(그 사유로 기록된 이벤트 수)와 함께 씁니다.");
      ok = false;
    } else {
      out.reason = given;
    }
  }

  // One comparison.
  int comparisons = 0;
  const std::pair<const char*, GoalOp> ops[] = {
      {"below", GoalOp::Below}, {"above", GoalOp::Above}, {"at_most", GoalOp::AtMost}, {"at_least", GoalOp::AtLeast}};
  for (const auto& [key, op] : ops) {
    auto it = g.find(key);
    if (it == g.end()) continue;
    ++comparisons;
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      error(join_path(p, key), "expected a number, got " + describe_value(*it), "숫자여야 하는데 " + describe_value_ko(*it) + "입니다.");
      ok = false;
      continue;
    }
    out.op = op;
    out.value = it->get<double>();
  }
  if (comparisons != 1) {
    error(p, comparisons == 0
                 ? "a goal needs one comparison: \"below\", \"above\", \"at_most\" or \"at_least\" with a number."
                 : "a goal has one comparison; this one has " + std::to_string(comparisons) + " (write two goals for a range).",
          comparisons == 0 ? "목표에는 비교가 하나 필요합니다. \"below\", \"above\", \"at_most\", \"at_least\" 중 하나에 숫자를 적으세요."
                           : "목표에는 비교를 하나만 씁니다. 이 목표에는 " + std::to_string(comparisons) +
                                 "개가 있습니다(범위를 확인하려면 목표를 두 개로 나누세요).");
    ok = false;
  }

  // The window.
  const double duration = d.settings.duration_s;
  if (auto du = g.find("during"); du != g.end()) {
    if (g.contains("from") || g.contains("to")) {
      error(p, "a goal's window is \"during\" a fault or \"from\"/\"to\", not both.",
            "목표의 구간은 \"during\"(장애가 이어지는 동안)이나 \"from\"/\"to\" 중 하나로만 정합니다.");
      ok = false;
    } else if (!is_whole_number(*du) || du->get<double>() < 0 || du->get<double>() >= static_cast<double>(d.faults.size())) {
      error(join_path(p, "during"),
            d.faults.empty() ? std::string("the document has no faults to measure during.")
                             : "expected a fault's index, 0 to " + std::to_string(d.faults.size() - 1) + " (the order in \"faults\"), got " +
                                   describe_value(*du),
            d.faults.empty() ? std::string("문서에 장애가 없어서 장애 구간을 정할 수 없습니다.")
                             : "장애의 번호(\"faults\"에 적힌 순서로 0부터 " + std::to_string(d.faults.size() - 1) +
                                   "까지)여야 하는데 " + describe_value_ko(*du) + "입니다.");
      ok = false;
    } else {
      out.during = static_cast<size_t>(du->get<double>());
    }
  }
  for (const char* key : {"from", "to"}) {
    auto it = g.find(key);
    if (it == g.end()) continue;
    std::string why_en, why_ko;
    auto t = read_moment(*it, why_en, why_ko);
    if (!t) {
      error(join_path(p, key), why_en, why_ko);
      ok = false;
    } else if (*t < 0 || *t > duration) {
      error(join_path(p, key), clock_text(*t) + " is outside the run (0:00 to " + clock_text(duration) + ", settings.duration_s).",
            clock_text(*t) + "는 실행 구간(0:00~" + clock_text(duration) + ", settings.duration_s) 밖입니다.");
      ok = false;
    } else if (std::string(key) == "from") {
      out.from_s = *t;
    } else {
      out.to_s = *t;
    }
  }
  if (ok && out.to_s && *out.to_s <= out.from_s) {
    error(p, "the window ends (" + clock_text(*out.to_s) + ") before it begins (" + clock_text(out.from_s) + ").",
          "구간이 시작(" + clock_text(out.from_s) + ")보다 먼저 끝납니다(" + clock_text(*out.to_s) + ").");
    ok = false;
  }
  if (ok) d.goals.push_back(std::move(out));
}

}  // namespace

std::optional<double> read_moment(const json& v, std::string& why_en, std::string& why_ko) {
  if (v.is_number()) {
    const double s = v.get<double>();
    if (std::isfinite(s)) return s;
  } else if (v.is_string()) {
    const std::string& t = v.get_ref<const std::string&>();
    double total = 0;
    int parts = 0;
    size_t i = 0;
    bool ok = !t.empty();
    while (ok && i <= t.size()) {
      size_t j = t.find(':', i);
      if (j == std::string::npos) j = t.size();
      const std::string part = t.substr(i, j - i);
      if (part.empty() || part.size() > 6 || part.find_first_not_of("0123456789.") != std::string::npos) ok = false;
      else {
        const double x = std::strtod(part.c_str(), nullptr);
        if (parts > 0 && x >= 60) ok = false;  // minutes and seconds after the first part are below 60
        total = total * 60 + x;
      }
      ++parts;
      i = j + 1;
    }
    if (ok && parts >= 2 && parts <= 3) return total;
  }
  why_en = "expected a moment of the run: seconds (300) or minutes:seconds (\"5:00\"), got " + describe_value(v);
  why_ko = "실행 중의 시각이어야 합니다. 초(300) 또는 분:초(\"5:00\")로 적으세요. 지금 값은 " + describe_value_ko(v) + "입니다.";
  return std::nullopt;
}

const std::vector<GoalMetricSpec>& goal_metrics() {
  static const std::vector<GoalMetricSpec> k = {
      {"p50_ms", "median latency of served requests", "처리된 요청의 지연 시간 중앙값", "ms", true, false},
      {"p95_ms", "p95 latency of served requests", "처리된 요청의 p95 지연 시간", "ms", true, false},
      {"p99_ms", "p99 latency of served requests", "처리된 요청의 p99 지연 시간", "ms", true, false},
      {"mean_ms", "mean latency of served requests", "처리된 요청의 평균 지연 시간", "ms", true, false},
      {"max_ms", "slowest served request", "가장 느린 처리 요청", "ms", true, false},
      {"requests", "requests that arrived", "도착한 요청 수", "", true, false},
      {"served", "requests served", "처리된 요청 수", "", true, false},
      {"errors", "requests refused or failed", "거부되거나 실패한 요청 수", "", true, false},
      {"error_rate", "share of answered requests that were refused or failed", "응답한 요청 중 거부되거나 실패한 비율", "%", true, false},
      {"cost_per_month", "cost, as dollars per month at the window's rate", "구간의 비용을 한 달 기준으로 환산한 금액", "$", false, true},
      {"events", "events logged", "기록된 이벤트 수", "", false, true},
  };
  return k;
}

const GoalMetricSpec* find_goal_metric(const std::string& key) {
  for (const auto& m : goal_metrics())
    if (key == m.key) return &m;
  return nullptr;
}

const char* goal_op_key(GoalOp op) {
  switch (op) {
    case GoalOp::Below: return "below";
    case GoalOp::Above: return "above";
    case GoalOp::AtMost: return "at_most";
    case GoalOp::AtLeast: return "at_least";
  }
  return "below";
}

std::string clock_text(double seconds) {
  if (!std::isfinite(seconds)) return format_number(seconds) + " s";
  const bool negative = seconds < 0;
  double s = std::fabs(seconds);
  const long long whole = static_cast<long long>(std::floor(s));
  const double frac = s - static_cast<double>(whole);
  char buf[48];
  if (whole >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", whole / 3600, (whole / 60) % 60, whole % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", whole / 60, whole % 60);
  std::string out = (negative ? "-" : "") + std::string(buf);
  if (frac > 0) out += format_number(std::round(frac * 1000) / 1000).substr(1);  // ".5"
  return out;
}

void read_goals(const json& j, Document& d, std::vector<Issue>& errors, const NodeMetricsOf& metrics_of) {
  auto it = j.find("goals");
  if (it == j.end()) return;
  if (!it->is_array()) {
    errors.emplace_back("goals", "expected a list such as [{\"metric\": \"p99_ms\", \"node\": \"web\", \"below\": 200}], got " + describe_value(*it),
                        "[{\"metric\": \"p99_ms\", \"node\": \"web\", \"below\": 200}] 같은 배열이어야 하는데 " + describe_value_ko(*it) + "입니다.");
    return;
  }
  if (it->size() > kMaxGoals) {
    errors.emplace_back("goals", "has " + std::to_string(it->size()) + " goals; a document may have at most " + std::to_string(kMaxGoals) + ".",
                        "목표가 " + std::to_string(it->size()) + "개입니다. 문서에는 목표를 최대 " + std::to_string(kMaxGoals) + "개까지 둘 수 있습니다.");
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) read_goal((*it)[i], index_path("goals", i), d, errors, metrics_of);
}

json goal_to_json(const GoalDoc& g) {
  json out = json::object();
  out["metric"] = g.metric;
  if (!g.node.empty()) out["node"] = g.node;
  if (!g.event.empty()) out["event"] = g.event;
  if (!g.reason.empty()) out["reason"] = g.reason;
  out[goal_op_key(g.op)] = g.value;
  if (g.during) {
    out["during"] = *g.during;
  } else {
    if (g.from_s > 0) out["from"] = clock_text(g.from_s);
    if (g.to_s) out["to"] = clock_text(*g.to_s);
  }
  if (!g.en.empty()) out["en"] = g.en;
  if (!g.ko.empty()) out["ko"] = g.ko;
  return out;
}

}  // namespace cp::doc
