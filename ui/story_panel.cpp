// StoryPanel: see story_panel.h. The words come from ui/story.h.
#include "ui/story_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/i18n.h"
#include "ui/story.h"

namespace cp::ui {

namespace {

const StringEntry kStoryStrings[] = {
    {"story.window", "What to watch", "살펴볼 내용"},
    {"story.show", "What to watch", "살펴볼 내용"},
    {"story.show_tip", "Show what this design shows and the moments worth watching",
     "이 설계가 보여 주는 내용과 눈여겨볼 장면을 다시 엽니다"},
    {"story.menu", "What to watch (the design's story)", "살펴볼 내용(설계 설명)"},
    {"story.moments", "Moments to watch", "눈여겨볼 장면"},
    {"story.jump_tip", "Jump the run to %s and play from there. The run is replayed from the start, so it is the same run every time.",
     "실행을 %s 시점으로 옮기고 그때부터 재생합니다. 처음부터 다시 재생하므로 매번 같은 실행입니다."},
    {"story.jump_hint", "Click a time to jump there.", "시각을 누르면 그 장면으로 이동합니다."},
    {"story.cannot_run", "The design cannot run yet: fix the problems shown over the canvas first.",
     "아직 실행할 수 없는 설계입니다. 캔버스 위에 표시된 문제를 먼저 해결하세요."},
};

StoryPanel* g_instance = nullptr;

nlohmann::json rect_of_last_item() {
  const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
  return {{"x", mn.x}, {"y", mn.y}, {"w", mx.x - mn.x}, {"h", mx.y - mn.y}};
}

}  // namespace

StoryPanel::StoryPanel(Editor& editor, RunController& run) : ed_(editor), run_(run) {
  static bool strings_added = false;
  if (!strings_added) add_strings(kStoryStrings, sizeof kStoryStrings / sizeof kStoryStrings[0]), strings_added = true;
  g_instance = this;
}

StoryPanel::~StoryPanel() {
  if (g_instance == this) g_instance = nullptr;
}

StoryPanel* StoryPanel::instance() { return g_instance; }

bool StoryPanel::available() const { return has_story(ed_.document()); }

bool StoryPanel::jump(size_t index) {
  const auto& moments = ed_.document().story.moments;
  if (index >= moments.size() || !run_.ready()) return false;
  run_.seek(sim::from_seconds(moments[index].at_s));
  run_.play();
  return true;
}

void StoryPanel::view_menu_item() {
  if (ImGui::MenuItem(tr("story.menu"), nullptr, open_ && available(), available())) open_ = !open_;
}

float StoryPanel::width(float column_w) {
  const float fs = ImGui::GetFontSize();
  column_w_ = column_w;
  width_ = open_ && available() ? std::round(std::clamp(column_w * 0.4f, fs * 14, fs * 22)) : 0;
  return width_;
}

void StoryPanel::draw() {
  // Every document opened (an example, an import, a link, the autosave) shows its story once.
  if (ed_.documents_opened() != opened_seen_) {
    opened_seen_ = ed_.documents_opened();
    // On a narrow screen (a phone, a small window) the column would leave the diagram
    // too little room: the story then waits behind its button until asked for.
    open_ = available() && column_w_ >= ImGui::GetFontSize() * kNarrowColumnEms;
  }
  rects_ = nlohmann::json::object();
  if (!available()) return;
  const ImGuiWindow* canvas = ImGui::FindWindowByName("##canvas_window");
  if (!canvas || canvas->Size.x < 200 || canvas->Size.y < 120) return;
  const float fs = ImGui::GetFontSize();
  const float margin = fs * 0.6f;
  const ImVec2 corner(canvas->Pos.x + canvas->Size.x - margin, canvas->Pos.y + margin);  // the reopen button
  const bool ko = korean();
  const doc::Document& d = ed_.document();

  if (!open_) {
    // Closed: a button in the same corner brings it back.
    ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##story_reopen", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoFocusOnAppearing);
    std::string label = std::string(tr("story.show")) + "###story_show";
    if (ImGui::Button(label.c_str())) open_ = true;
    rects_["reopen"] = rect_of_last_item();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("story.show_tip"));
    ImGui::End();
    ImGui::PopStyleVar();
    return;
  }

  // Beside the canvas (the App made it narrower by width()), as tall as the canvas.
  if (width_ <= 0) return;  // opened during this frame: the canvas makes room on the next one
  const float x = canvas->Pos.x + canvas->Size.x;
  const float w = width_;
  ImGui::SetNextWindowPos(ImVec2(x, canvas->Pos.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, canvas->Size.y), ImGuiCond_Always);
  ImGui::PushStyleColor(ImGuiCol_TitleBg, ImVec4(0.88f, 0.92f, 0.97f, 1));
  ImGui::PushStyleColor(ImGuiCol_TitleBgActive, ImVec4(0.82f, 0.88f, 0.96f, 1));
  std::string title = std::string(tr("story.window")) + "###story";
  bool keep_open = true;
  const bool visible = ImGui::Begin(title.c_str(), &keep_open,
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PopStyleColor(2);
  if (visible) {
    rects_["panel"] = {{"x", ImGui::GetWindowPos().x}, {"y", ImGui::GetWindowPos().y},
                       {"w", ImGui::GetWindowSize().x}, {"h", ImGui::GetWindowSize().y}};
    {  // The close box, where ImGui draws it (the title bar's right end), for the browser tests.
      const ImRect bar = ImGui::GetCurrentWindow()->TitleBarRect();
      const ImVec2 pad = ImGui::GetStyle().FramePadding;
      rects_["close"] = {{"x", bar.Max.x - 2 * pad.x - fs}, {"y", bar.Min.y}, {"w", fs + 2 * pad.x}, {"h", fs + 2 * pad.y}};
    }
    const std::string& name = story_title(d, ko);
    if (!name.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.28f, 0.55f, 1));
      ImGui::TextWrapped("%s", name.c_str());
      ImGui::PopStyleColor();
      ImGui::Spacing();
    }
    const std::string& text = story_text(d, ko);
    if (!text.empty()) ImGui::TextWrapped("%s", text.c_str());
    const auto& moments = d.story.moments;
    if (!moments.empty()) {
      ImGui::Spacing();
      ImGui::Separator();
      ImGui::TextColored(ImVec4(0.05f, 0.28f, 0.55f, 1), "%s", tr("story.moments"));
      const bool ready = run_.ready();
      const double now_s = sim::to_seconds(run_.seeking() ? run_.seek_target() : run_.now());
      const int current = run_.started() ? current_moment(d.story, now_s) : -1;
      // The time buttons line up: all as wide as the widest.
      float time_w = 0;
      for (const auto& m : moments) time_w = std::max(time_w, ImGui::CalcTextSize(moment_clock(m.at_s).c_str()).x);
      time_w += ImGui::GetStyle().FramePadding.x * 2;
      nlohmann::json rows = nlohmann::json::array();
      if (!ready) ImGui::BeginDisabled();
      for (size_t i = 0; i < moments.size(); ++i) {
        const std::string clock = moment_clock(moments[i].at_s);
        const bool is_current = static_cast<int>(i) == current;
        if (is_current) {
          ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.16f, 0.45f, 0.80f, 1));
          ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.12f, 0.38f, 0.70f, 1));
          ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        }
        std::string label = clock + "###moment" + std::to_string(i);
        if (ImGui::Button(label.c_str(), ImVec2(time_w, 0))) jump(i);
        nlohmann::json r = rect_of_last_item();
        if (is_current) ImGui::PopStyleColor(3);
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
          ImGui::SetTooltip("%s", ready ? trf("story.jump_tip", clock.c_str()).c_str() : tr("story.cannot_run"));
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextWrapped("%s", moment_text(moments[i], ko).c_str());
        r["at_s"] = moments[i].at_s;
        r["clock"] = clock;
        r["text"] = moment_text(moments[i], ko);
        rows.push_back(std::move(r));
      }
      if (!ready) ImGui::EndDisabled();
      rects_["moments"] = std::move(rows);
      rects_["current"] = current;
      ImGui::TextDisabled("%s", tr("story.jump_hint"));
    }
  }
  ImGui::End();
  if (!keep_open) open_ = false;
}

nlohmann::json StoryPanel::debug_state() const {
  const doc::Document& d = ed_.document();
  const bool ko = korean();
  nlohmann::json s = {{"available", available()}, {"open", open_}, {"title", story_title(d, ko)},
                      {"text", story_text(d, ko)}, {"rects", rects_}};
  nlohmann::json moments = nlohmann::json::array();
  for (const auto& m : d.story.moments)
    moments.push_back({{"at_s", m.at_s}, {"clock", moment_clock(m.at_s)}, {"text", moment_text(m, ko)}});
  s["moments"] = moments;
  return s;
}

}  // namespace cp::ui
