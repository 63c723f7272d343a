// RunView: the goals panel — the document's goals (core/doc/goals.h) as the run measures
// them: waiting for their window, measuring with the value so far, passed or failed, with
// the window as a link that moves the run there. The same results `cloudplay run --goals`
// prints (RunController stops at each window's edges as the CLI does). See run_view.h.
#include <string>

#include "core/doc/goals.h"
#include "ui/i18n.h"
#include "ui/run_view.h"

namespace cp::ui {
namespace {

const StringEntry kGoalStrings[] = {
    {"run.tab_goals", "Goals", "목표"},
    {"run.g_intro", "What this design must show. Each goal is measured over its window of the run.",
     "이 설계가 보여 주어야 할 결과입니다. 목표마다 정해진 실행 구간에서 측정합니다."},
    {"run.g_summary", "%d of %d goals passed, %d failed, %d still open",
     "목표 %d개 통과(전체 %d개) · 실패 %d개 · 아직 끝나지 않음 %d개"},
    {"run.g_waiting", "Waiting", "대기"},
    {"run.g_measuring", "Measuring", "측정 중"},
    {"run.g_passed", "Passed", "통과"},
    {"run.g_failed", "Failed", "실패"},
    {"run.g_jump", "Go to %s", "%s 시점으로 이동"},
    {"run.g_jump_tip", "Move the run to the start of this goal's window", "실행을 이 목표의 구간 시작 시점으로 옮깁니다"},
};
const bool kGoalStringsAdded = (add_strings(kGoalStrings, std::size(kGoalStrings)), true);

const char* state_key(engine::GoalResult::State s) {
  switch (s) {
    case engine::GoalResult::State::Waiting: return "run.g_waiting";
    case engine::GoalResult::State::Measuring: return "run.g_measuring";
    case engine::GoalResult::State::Passed: return "run.g_passed";
    case engine::GoalResult::State::Failed: return "run.g_failed";
  }
  return "run.g_waiting";
}

ImVec4 state_color(engine::GoalResult::State s) {
  switch (s) {
    case engine::GoalResult::State::Passed: return ImVec4(0.10f, 0.55f, 0.25f, 1.0f);
    case engine::GoalResult::State::Failed: return ImVec4(0.80f, 0.15f, 0.15f, 1.0f);
    case engine::GoalResult::State::Measuring: return ImVec4(0.16f, 0.45f, 0.75f, 1.0f);
    case engine::GoalResult::State::Waiting: break;
  }
  return ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
}

}  // namespace

const char* goal_state_name(engine::GoalResult::State s) {
  switch (s) {
    case engine::GoalResult::State::Waiting: return "waiting";
    case engine::GoalResult::State::Measuring: return "measuring";
    case engine::GoalResult::State::Passed: return "passed";
    case engine::GoalResult::State::Failed: return "failed";
  }
  return "waiting";
}

void RunView::draw_goals() {
  (void)kGoalStringsAdded;
  const bool ko = korean();
  const std::vector<engine::GoalResult> results = run_.goal_results();
  const auto& goals = ed_.document().goals;
  int passed = 0, failed = 0;
  for (const auto& r : results) passed += r.passed(), failed += r.state == engine::GoalResult::State::Failed;
  const int n = static_cast<int>(results.size());
  ImGui::TextDisabled("%s", tr("run.g_intro"));
  ImGui::Text("%s", trf("run.g_summary", passed, n, failed, n - passed - failed).c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##goals", 3, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupColumn("##state", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(tr("run.g_measuring")).x + 12);
  ImGui::TableSetupColumn("##what", 0, 3.0f);
  const float button_w = ImGui::CalcTextSize(trf("run.g_jump", "00:00:00").c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::TableSetupColumn("##when", ImGuiTableColumnFlags_WidthFixed, button_w);
  for (const engine::GoalResult& r : results) {
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(r.index));
    ImGui::TableNextColumn();
    ImGui::TextColored(state_color(r.state), "%s", tr(state_key(r.state)));
    ImGui::TableNextColumn();
    // The goal's own words (what it means for a learner) first, then what was measured.
    const doc::GoalDoc* g = r.index < goals.size() ? &goals[r.index] : nullptr;
    const std::string& meaning = g ? (ko && !g->ko.empty() ? g->ko : g->en) : std::string();
    if (!meaning.empty()) ImGui::TextWrapped("%s", meaning.c_str());
    if (meaning.empty()) {
      ImGui::TextWrapped("%s", r.text(ko).c_str());
    } else {  // the measurement, greyed and wrapped (it is long: node, metric, window, value, goal)
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
      ImGui::TextWrapped("%s", r.text(ko).c_str());
      ImGui::PopStyleColor();
    }
    ImGui::TableNextColumn();
    const std::string at = doc::clock_text(r.from_s);
    if (ImGui::SmallButton(trf("run.g_jump", at.c_str()).c_str())) run_.seek(sim::from_seconds(r.from_s));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("run.g_jump_tip"));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace cp::ui
