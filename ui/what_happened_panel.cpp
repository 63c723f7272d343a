// RunView: "What happened" — the run told as a short story (core/engine/narrative.h),
// beside the event log, in the UI language. Each line is a link: clicking it jumps the
// replay to that moment and plays on, as the story panel's moments do (ui/story_panel.cpp).
// After a jump back the later lines stay (the replay is the same run) but are greyed
// until the replay gets there. See run_view.h.
#include <algorithm>
#include <cmath>
#include <string>

#include "ui/i18n.h"
#include "ui/run_view.h"
#include "ui/story.h"

namespace cp::ui {

namespace {

const StringEntry kWhatHappenedStrings[] = {
    {"story.lines_hint", "The run told from its events and its users' latency and errors. Click a line to replay from there.",
     "이벤트와 사용자 쪽 지연 시간, 오류율로 정리한 이번 실행의 흐름입니다. 줄을 누르면 그 시점부터 다시 재생합니다."},
    {"story.lines_empty", "Nothing to tell yet: press Play.", "아직 전할 내용이 없습니다. 재생을 누르세요."},
    {"story.line_tip", "Jump the replay to %s and play from there", "재생을 %s 시점으로 옮기고 그때부터 재생합니다"},
    {"story.line_later", "Later in this run: the replay has not got there yet", "이번 실행에서 나중에 일어나는 일입니다. 아직 재생이 그 시점에 이르지 않았습니다"},
};

ImVec4 kind_color(const std::string& kind) {
  if (kind == "fault") return ImVec4(0.82f, 0.20f, 0.07f, 1);
  if (kind == "symptom") return ImVec4(0.80f, 0.40f, 0.0f, 1);
  if (kind == "limit") return ImVec4(0.70f, 0.45f, 0.0f, 1);
  if (kind == "recovered") return ImVec4(0.11f, 0.51f, 0.01f, 1);
  if (kind == "reaction") return ImVec4(0.04f, 0.45f, 0.83f, 1);
  return ImVec4(0.37f, 0.42f, 0.48f, 1);  // start, end
}

}  // namespace

void RunView::refresh_story() {
  const sim::Simulation* s = run_.sim();
  if (!s || !run_.ready()) {
    story_.clear(), story_told_s_ = -1;
    return;
  }
  if (run_.seeking()) return;  // mid-replay: the story of the furthest moment stands
  const double now_s = sim::to_seconds(run_.now());
  const bool same_run = story_history_ == run_.history();
  // A second of the run is the series' step: telling it more often would say the same.
  if (same_run && now_s < story_told_s_ + 1 && !(run_.finished() && story_told_s_ < now_s)) return;
  story_ = engine::narrate(run_.built());
  story_history_ = run_.history();
  story_told_s_ = now_s;
}

bool RunView::jump_to_story_line(size_t index) {
  if (index >= story_.size() || !run_.ready()) return false;
  const engine::StoryLine& l = story_[index];
  if (!l.node.empty()) ed_.select_node(l.node);
  run_.seek(sim::from_seconds(l.t_s));
  run_.play();
  return true;
}

void RunView::draw_what_happened() {
  static bool strings_added = false;
  if (!strings_added) add_strings(kWhatHappenedStrings, sizeof kWhatHappenedStrings / sizeof kWhatHappenedStrings[0]), strings_added = true;
  refresh_story();
  story_rects_ = nlohmann::json::array();
  const bool ko = korean();
  if (story_.empty()) {
    ImGui::TextDisabled("%s", tr("story.lines_empty"));
    return;
  }
  ImGui::TextDisabled("%s", tr("story.lines_hint"));
  const double now_s = sim::to_seconds(run_.seeking() ? run_.seek_target() : run_.now());
  int current = -1;  // the last line at or before the replay's moment
  for (size_t i = 0; i < story_.size(); ++i)
    if (story_[i].t_s <= now_s + 1e-6) current = static_cast<int>(i);
  const float fs = ImGui::GetFontSize();
  const float clock_w = ImGui::CalcTextSize("00:00:00").x;
  for (size_t i = 0; i < story_.size(); ++i) {
    const engine::StoryLine& l = story_[i];
    const bool later = l.t_s > now_s + 1e-6;
    const std::string clock = moment_clock(l.t_s);
    ImGui::PushID(static_cast<int>(i));
    // The whole row is the link; its words are drawn over it.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float wrap_w = std::max(fs * 10, ImGui::GetContentRegionAvail().x - clock_w - fs);
    const std::string& text = l.text(ko);
    const float h = std::max(ImGui::GetTextLineHeight(), ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap_w).y);
    if (ImGui::Selectable("##story_line", static_cast<int>(i) == current, 0, ImVec2(0, h))) jump_to_story_line(i);
    const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s%s", trf("story.line_tip", clock.c_str()).c_str(), later ? "\n" : "",
                                                  later ? tr("story.line_later") : "");
    ImGui::SetCursorScreenPos(at);
    ImVec4 c = kind_color(l.kind);
    if (later) c.w = 0.45f;
    ImGui::TextColored(c, "%s", clock.c_str());
    ImGui::SameLine(clock_w + fs * 0.8f);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_w);
    if (later) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(text.c_str());
    if (later) ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x, std::max(ImGui::GetCursorScreenPos().y, mx.y + ImGui::GetStyle().ItemSpacing.y)));
    ImGui::PopID();
    story_rects_.push_back({{"x", mn.x}, {"y", mn.y}, {"w", mx.x - mn.x}, {"h", mx.y - mn.y}});
  }
  ImGui::Dummy(ImVec2(0, 0));
}

nlohmann::json RunView::story_debug() const {
  const bool ko = korean();
  const double now_s = sim::to_seconds(run_.now());
  nlohmann::json lines = nlohmann::json::array();
  int current = -1;
  for (size_t i = 0; i < story_.size(); ++i) {
    const engine::StoryLine& l = story_[i];
    if (l.t_s <= now_s + 1e-6) current = static_cast<int>(i);
    nlohmann::json j = {{"t_s", l.t_s}, {"clock", moment_clock(l.t_s)}, {"text", l.text(ko)}, {"en", l.en}, {"ko", l.ko},
                        {"kind", l.kind}, {"node", l.node}, {"az", l.az}, {"count", l.count}};
    if (i < story_rects_.size()) j.update(story_rects_[i]);
    lines.push_back(std::move(j));
  }
  return {{"lines", lines}, {"current", current}, {"toldAt", story_told_s_}, {"t_s", now_s}, {"tab", tab_}};
}

}  // namespace cp::ui
