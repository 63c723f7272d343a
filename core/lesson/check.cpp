#include "core/lesson/check.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/doc/messages.h"
#include "core/engine/build.h"

namespace cp::lesson {
namespace {

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void need(std::vector<std::string>& out, const Text& t, const std::string& path) {
  if (t.en.empty()) out.push_back(doc::join_path(path, "en"));
  if (t.ko.empty()) out.push_back(doc::join_path(path, "ko"));
}

double now_ms() {
  // Wall time only for the report (how long a check takes): never read by a run.
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// How far a passing value is inside its threshold, as a share of the threshold.
double margin(const doc::GoalDoc& g, double value) {
  const double t = g.value;
  const double scale = std::max(std::fabs(t), 1.0);
  switch (g.op) {
    case doc::GoalOp::Below:
    case doc::GoalOp::AtMost: return (t - value) / scale;
    case doc::GoalOp::Above:
    case doc::GoalOp::AtLeast: return (value - t) / scale;
  }
  return 0;
}

}  // namespace

bool Facts::has(const std::string& source) const {
  const size_t k = source.find(" / ");
  if (k == std::string::npos) return false;
  auto it = rows.find(source.substr(0, k));
  return it != rows.end() && it->second.count(source.substr(k + 3));
}

Facts parse_facts(const std::string& md) {
  Facts f;
  std::istringstream in(md);
  std::string line, section;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      section = trim(line.substr(3));
      f.rows[section];
      continue;
    }
    if (section.empty() || line.empty() || line[0] != '|') continue;
    const size_t end = line.find('|', 1);
    if (end == std::string::npos) continue;
    const std::string cell = trim(line.substr(1, end - 1));
    if (cell.empty() || cell == "fact" || cell.find_first_not_of("-: ") == std::string::npos) continue;  // header, rule
    f.rows[section].insert(cell);
  }
  return f;
}

RunResult run_document(const doc::Document& d) {
  RunResult r;
  const double t0 = now_ms();
  engine::Built b = engine::build(d, d.settings.seed);
  if (!b.ok()) {
    r.errors = b.errors;
    return r;
  }
  r.built = true;
  engine::GoalTracker goals(d, b);
  goals.run_until(*b.sim, b.duration);
  r.goals = goals.results(*b.sim);
  for (const auto& g : r.goals) r.passed += g.passed();
  double cost = 0;
  for (uint32_t i = 0; i < b.sim->node_count(); ++i) cost += b.sim->metrics(sim::NodeId{i}).cost_usd;
  const double secs = sim::to_seconds(b.sim->now());
  r.cost_per_month = secs > 0 ? cost / secs * 3600.0 * 730.0 : 0;  // AWS bills a month as 730 h (as the report does)
  r.wall_ms = now_ms() - t0;
  return r;
}

std::vector<std::string> missing_translations(const Lesson& l) {
  std::vector<std::string> out;
  need(out, l.title, "title");
  for (size_t i = 0; i < l.steps.size(); ++i) {
    const std::string p = doc::index_path("steps", i);
    need(out, l.steps[i].text, p);
    if (!l.steps[i].predict) continue;
    const Predict& q = *l.steps[i].predict;
    need(out, q.question, doc::join_path(p, "predict"));
    for (size_t k = 0; k < q.choices.size(); ++k) {
      const std::string cp = doc::index_path(doc::join_path(doc::join_path(p, "predict"), "choices"), k);
      need(out, q.choices[k].text, cp);
      if (k != q.answer || !q.choices[k].why.en.empty() || !q.choices[k].why.ko.empty())
        need(out, q.choices[k].why, doc::join_path(cp, "why"));
    }
  }
  for (size_t i = 0; i < l.steps.size(); ++i) {
    if (!l.steps[i].compare) continue;
    const std::string p = doc::join_path(doc::index_path("steps", i), "compare");
    need(out, l.steps[i].compare->text, p);
    for (size_t k = 0; k < l.steps[i].compare->variants.size(); ++k)
      need(out, l.steps[i].compare->variants[k].label, doc::index_path(doc::join_path(p, "variants"), k));
  }
  for (size_t i = 0; i < l.hints.size(); ++i) need(out, l.hints[i], doc::index_path("hints", i));
  need(out, l.fact.text, "fact");
  for (size_t i = 0; i < l.goals.size(); ++i) need(out, Text{l.goals[i].en, l.goals[i].ko}, doc::index_path("goals", i));
  if (!l.hidden.text.en.empty() || !l.hidden.text.ko.empty()) need(out, l.hidden.text, "hidden");
  // The documents' stories are what the app shows when they open.
  if (!l.start.story.empty()) {
    if (l.start.story.en.empty()) out.push_back("start.story.en");
    if (l.start.story.ko.empty()) out.push_back("start.story.ko");
    if (l.start.story.name_ko.empty()) out.push_back("start.story.name_ko");
  }
  return out;
}

CheckResult check_lesson(const Lesson& l, const Facts* facts) {
  CheckResult c;
  const double t0 = now_ms();
  c.id = l.id;
  c.start = run_document(l.start);
  c.solution = run_document(l.solution);
  // The same path the app takes for a learner's design.
  doc::LoadResult h = hidden_run_of(l, l.solution);
  if (h.ok()) {
    c.hidden = run_document(h.document);
  } else {
    c.hidden.errors = h.errors;
  }
  // Side-by-side steps: every variant must build and run, and a claim must hold.
  for (size_t i = 0; i < l.steps.size(); ++i) {
    if (!l.steps[i].compare) continue;
    const Compare& cmp = *l.steps[i].compare;
    std::vector<engine::SeriesSpec> series = cmp.series();
    if (cmp.claim && std::find(series.begin(), series.end(), cmp.claim->metric) == series.end()) series.push_back(cmp.claim->metric);
    CompareCheck cc;
    cc.step = i;
    cc.result = engine::run_side_by_side(cmp.designs(), series);
    cc.ran = cc.result.all_built();
    if (cmp.claim && cc.ran) {
      const size_t m = static_cast<size_t>(std::find(series.begin(), series.end(), cmp.claim->metric) - series.begin());
      cc.claim_checked = true;
      cc.claim_holds = true;
      const engine::GoalResult& top = cc.result.runs[cmp.claim->highest].totals[m];
      for (size_t k = 0; k < cc.result.runs.size(); ++k) {
        const engine::GoalResult& t = cc.result.runs[k].totals[m];
        cc.claim_values.push_back(t.has_value ? t.value : 0);
        if (k != cmp.claim->highest && (!top.has_value || (t.has_value && t.value >= top.value))) cc.claim_holds = false;
      }
    }
    c.compares.push_back(std::move(cc));
  }
  c.missing_texts = missing_translations(l);
  if (facts) {
    c.facts_checked = true;
    if (!facts->has(l.fact.source)) {
      c.fact_problem_en = "fact.source " + doc::quote(l.fact.source) + " is not a \"Section / Row\" of AWS-FACTS.md";
      c.fact_problem_ko = "fact.source " + doc::with_topic(doc::quote(l.fact.source)) + " AWS-FACTS.md의 \"Section / Row\"에 없습니다";
    }
  }
  c.par_cost_per_month = c.solution.cost_per_month;
  for (const auto& n : l.solution.nodes) c.par_services += n.type != "users";
  // Only strict bands (below/above): at_most/at_least are inclusive, for counts meant
  // exactly ("at most 0 lost").
  for (const auto& g : c.solution.goals) {
    if (!g.passed() || !g.has_value || g.index >= l.solution.goals.size()) continue;
    const doc::GoalDoc& gd = l.solution.goals[g.index];
    if ((gd.op == doc::GoalOp::Below || gd.op == doc::GoalOp::Above) && margin(gd, g.value) < kThinMargin)
      c.thin_margins.push_back(g.index);
  }
  c.wall_ms = now_ms() - t0;
  return c;
}

bool CheckResult::compares_pass() const {
  return std::all_of(compares.begin(), compares.end(), [](const CompareCheck& c) { return c.ran && (!c.claim_checked || c.claim_holds); });
}

std::string check_report(const CheckResult& c, const Lesson& l, bool ko) {
  static const std::string kIndent = "          ";
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\n"; };
  auto ok = [&](bool b) { return std::string(b ? "  ok    " : "  FAIL  "); };
  auto goals = [&](const RunResult& r, bool show_passed) {
    for (const auto& e : r.errors) line("          " + e.line(ko));
    for (const auto& g : r.goals)
      if (show_passed || !g.passed()) line(std::string("          ") + (g.passed() ? "pass " : "fail ") + g.text(ko));
  };
  const std::string title = ko && !l.title.ko.empty() ? l.title.ko : l.title.en;
  line((ko ? "레슨 " : "lesson ") + c.id + "  " + title);
  const std::string n_goals = std::to_string(c.start.goals.size());
  if (ko) {
    line(ok(c.start_fails()) + "시작: 목표 " + n_goals + "개 중 " + std::to_string(c.start.passed) + "개 통과" +
         (c.start_fails() ? "(실패하는 목표가 있어야 합니다)" : ". 시작 문서가 모든 목표를 통과하므로 배울 것이 없습니다") + ", " +
         fixed(c.start.wall_ms, 0) + "밀리초");
  } else {
    line(ok(c.start_fails()) + "start: " + std::to_string(c.start.passed) + " of " + n_goals + " goals passed" +
         (c.start_fails() ? " (it must fail one)" : "; the start passes every goal, so there is nothing to learn") + ", " +
         fixed(c.start.wall_ms, 0) + " ms");
  }
  goals(c.start, false);
  const std::string s_goals = std::to_string(c.solution.goals.size());
  line(ok(c.solution.all_passed()) +
       (ko ? "해답: 목표 " + s_goals + "개 중 " + std::to_string(c.solution.passed) + "개 통과, " + fixed(c.solution.wall_ms, 0) + "밀리초"
           : "solution: " + std::to_string(c.solution.passed) + " of " + s_goals + " goals passed, " + fixed(c.solution.wall_ms, 0) + " ms"));
  goals(c.solution, true);
  for (size_t i : c.thin_margins)
    line(kIndent + (ko ? "주의: goals[" + std::to_string(i) + "]의 여유가 " + fixed(kThinMargin * 100, 0) + "%보다 작습니다(허용 범위를 넓히세요)"
                       : "warning: goals[" + std::to_string(i) + "] passes by less than " + fixed(kThinMargin * 100, 0) + "% (widen its band)"));
  const doc::FaultDoc& f = l.hidden.fault;
  const std::string fault = f.action + " " + f.target + " " + doc::clock_text(f.at_s) +
                            (f.until_s ? "-" + doc::clock_text(*f.until_s) : "") + (l.hidden.fault_derived ? (ko ? ", 기본값" : ", derived") : "");
  line(ok(c.hidden.all_passed()) +
       (ko ? "숨은 실행(시드 " + std::to_string(l.hidden.seed) + ", " + fault + "): 목표 " + std::to_string(c.hidden.goals.size()) + "개 중 " +
                 std::to_string(c.hidden.passed) + "개 통과, " + fixed(c.hidden.wall_ms, 0) + "밀리초"
           : "hidden run (seed " + std::to_string(l.hidden.seed) + ", " + fault + "): " + std::to_string(c.hidden.passed) + " of " +
                 std::to_string(c.hidden.goals.size()) + " goals passed, " + fixed(c.hidden.wall_ms, 0) + " ms"));
  goals(c.hidden, true);
  for (const CompareCheck& cc : c.compares) {
    const Compare& cmp = *l.steps[cc.step].compare;
    const std::string step = std::to_string(cc.step + 1);
    std::string labels;
    for (size_t k = 0; k < cmp.variants.size(); ++k) {
      const Text& t = cmp.variants[k].label;
      labels += (k ? " | " : "") + (ko && !t.ko.empty() ? t.ko : t.en);
    }
    line(ok(cc.ran && (!cc.claim_checked || cc.claim_holds)) +
         (ko ? step + "단계 비교(" + labels + "): 변형 " + std::to_string(cc.result.runs.size()) + "개 실행, " + fixed(cc.result.wall_ms, 0) + "밀리초"
             : "step " + step + " compare (" + labels + "): " + std::to_string(cc.result.runs.size()) + " variants run, " +
                   fixed(cc.result.wall_ms, 0) + " ms"));
    for (size_t k = 0; k < cc.result.runs.size(); ++k)
      for (const auto& e : cc.result.runs[k].errors) line(kIndent + std::to_string(k) + ": " + e.line(ko));
    if (cc.claim_checked) {
      const doc::Document& d = cmp.variants.front().document;
      std::string values;
      for (size_t k = 0; k < cc.claim_values.size(); ++k)
        values += (k ? ", " : "") + engine::series_value_text(d, cmp.claim->metric, cc.claim_values[k], true, ko);
      const std::string what = engine::series_label(d, cmp.claim->metric, ko, false);
      line(kIndent + (ko ? (cc.claim_holds ? "주장 성립: " : "주장 불성립: ") + doc::with_subject(what) + " 가장 큰 변형은 " + std::to_string(cmp.claim->highest) + "번 (" + values + ")"
                         : std::string(cc.claim_holds ? "claim holds: " : "claim FAILS: ") + "variant " + std::to_string(cmp.claim->highest) +
                               " has the highest " + what + " (" + values + ")"));
    }
  }
  line(ok(c.missing_texts.empty()) + (ko ? "번역: " : "translations: ") +
       (c.missing_texts.empty() ? (ko ? "빠진 문장 없음" : "none missing")
                                : (ko ? "빠진 문장 " : "missing ") + doc::join_words(c.missing_texts, ", ")));
  if (c.facts_checked)
    line(ok(c.fact_problem_en.empty()) + (ko ? "사실: " : "fact: ") +
         (c.fact_problem_en.empty() ? l.fact.source : ko ? c.fact_problem_ko : c.fact_problem_en));
  else
    line(std::string("  -     ") + (ko ? "사실: AWS-FACTS.md가 없어 확인하지 않았습니다(--facts)" : "fact: not checked, no AWS-FACTS.md (--facts)"));
  // The budget is per run of 10 simulated minutes (a check in the app runs the
  // learner's design twice: as shown, and hidden).
  const double runs_ms = c.start.wall_ms + c.solution.wall_ms + c.hidden.wall_ms;
  const double per_10_min = l.start.settings.duration_s > 0 ? runs_ms / 3 / l.start.settings.duration_s * 600 : 0;
  // The column padding stays apart from the Korean words (no double spaces inside them).
  line(std::string("  par   ") + (ko ? "해답: 월 $" + fixed(c.par_cost_per_month, 2) + ", 서비스 " + std::to_string(c.par_services) + "개"
                                    : "solution: $" + fixed(c.par_cost_per_month, 2) + "/month, " + std::to_string(c.par_services) + " services"));
  line(std::string("  ") + (ko ? "시간" : "time") + "  " +
       (ko ? fixed(c.wall_ms / 1000.0, 2) + "초(" + doc::clock_text(l.start.settings.duration_s) + " 시뮬레이션 실행 3번, 10분 실행 1번에 " +
                 fixed(per_10_min / 1000.0, 2) + "초)"
           : fixed(c.wall_ms / 1000.0, 2) + " s (3 runs of " + doc::clock_text(l.start.settings.duration_s) + " simulated; " +
                 fixed(per_10_min / 1000.0, 2) + " s per run of 10 simulated minutes)"));
  line(std::string("  ") + (c.passed() ? (ko ? "통과" : "passed") : (ko ? "실패" : "FAILED")));
  return out;
}

}  // namespace cp::lesson
