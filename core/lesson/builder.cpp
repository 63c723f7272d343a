#include "core/lesson/builder.h"

#include <algorithm>
#include <cmath>

#include "core/doc/goals.h"
#include "core/doc/messages.h"
#include "core/lesson/check.h"
#include "core/lesson/lesson_link.h"

namespace cp::lesson {
namespace {

double round_up_nice(double v) {
  if (v <= 0) return 1;
  const double step = v >= 100 ? 10 : v >= 10 ? 5 : 1;
  return std::ceil(v / step) * step;
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v == std::floor(v) ? "%.0f" : "%.2f", v);
  return buf;
}

}  // namespace

std::vector<GoalSuggestion> suggest_goals(const doc::Document& design) {
  double from = design.settings.duration_s / 2;
  for (const auto& f : design.faults) from = std::min(from, f.at_s);
  from = std::floor(from);
  const std::string from_en = "From " + doc::clock_text(from) + ", ", from_ko = doc::clock_text(from) + "부터 ";
  doc::Document d = design;
  d.goals.clear();
  for (const auto& n : design.nodes) {
    if (n.type != "users") continue;
    doc::GoalDoc p99;
    p99.metric = "p99_ms", p99.node = n.id, p99.op = doc::GoalOp::Below, p99.from_s = from;
    d.goals.push_back(p99);
    doc::GoalDoc err = p99;
    err.metric = "error_rate";
    d.goals.push_back(err);
  }
  doc::GoalDoc cost;
  cost.metric = "cost_per_month", cost.op = doc::GoalOp::AtMost;
  d.goals.push_back(cost);
  for (auto& g : d.goals) g.value = 1;  // a placeholder threshold: only the measured values are used
  const RunResult run = run_document(d);
  std::vector<GoalSuggestion> out;
  for (const auto& r : run.goals) {
    if (r.index >= d.goals.size() || !r.has_value) continue;
    GoalSuggestion s;
    s.goal = d.goals[r.index];
    s.measured = r.value, s.has_value = true;
    const std::string who = s.goal.node;
    if (s.goal.metric == "p99_ms") {
      s.goal.value = round_up_nice(std::max(1.0, r.value * 1.5));
      s.goal.en = from_en + "p99 latency at " + who + " stays below " + number_text(s.goal.value) + " ms";
      s.goal.ko = from_ko + who + "의 p99 응답 시간이 " + number_text(s.goal.value) + "밀리초 미만입니다";
    } else if (s.goal.metric == "error_rate") {
      s.goal.value = std::max(1.0, std::ceil(r.value * 2));
      s.goal.en = from_en + "fewer than " + number_text(s.goal.value) + "% of the requests of " + who + " fail";
      s.goal.ko = from_ko + who + " 요청의 실패율이 " + number_text(s.goal.value) + "% 미만입니다";
    } else {
      s.goal.value = std::ceil(r.value * 1.2);
      s.goal.en = "The design costs at most $" + number_text(s.goal.value) + " a month";
      s.goal.ko = "설계 비용이 월 $" + number_text(s.goal.value) + " 이하입니다";
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::string id_from_title(const std::string& title) {
  std::string id;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) id += static_cast<char>(std::tolower(c));
    else if (!id.empty() && id.back() != '-') id += '-';
    if (id.size() >= 48) break;
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "lesson" : id;
}

LoadResult finish_draft(const Lesson& draft) {
  Lesson l = draft;
  if (l.palette.empty())  // the learner may add what the solution uses
    for (const auto& n : l.solution.nodes)
      if (n.type != "users" && std::find(l.palette.begin(), l.palette.end(), n.type) == l.palette.end()) l.palette.push_back(n.type);
  nlohmann::json j = to_json(l);
  // A draft names no hidden run until the teacher does: the loader's defaults fill it in.
  if (draft.hidden.seed == 0) j["hidden"].erase("seed");
  if (draft.hidden.fault.action.empty()) j["hidden"].erase("fault");
  if (j["hidden"].empty()) j.erase("hidden");
  return load_lesson(j, "");
}

}  // namespace cp::lesson
