#include "ui/app.h"

#include <chrono>
#include <cmath>

#include "core/version.h"
#include "imgui.h"

namespace cp::ui {

App::App(Platform& platform) : platform_(platform) {}

void App::frame(double /*dt_seconds*/) {
  auto t0 = std::chrono::steady_clock::now();
  draw_menu_bar();
  draw_palette();
  draw_canvas();
  draw_status_bar();
  auto t1 = std::chrono::steady_clock::now();
  last_frame_ms_ = std::chrono::duration<double, std::milli>(t1 - t0).count();
  smoothed_frame_ms_ = smoothed_frame_ms_ == 0 ? last_frame_ms_ : 0.95 * smoothed_frame_ms_ + 0.05 * last_frame_ms_;
  platform_.report_frame(last_frame_ms_);
}

void App::draw_menu_bar() {
  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("File")) {
      ImGui::MenuItem("New", "Ctrl+N");
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
      ImGui::MenuItem("About cloudplay");
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }
}

void App::draw_palette() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float menu_h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(220, vp->WorkSize.y - menu_h), ImGuiCond_Always);
  ImGui::Begin("Services", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
  const char* services[] = {"EC2", "Auto Scaling group", "Application Load Balancer", "Network Load Balancer", "Route 53"};
  for (const char* s : services) ImGui::Selectable(s);
  ImGui::End();
}

void App::draw_canvas() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float menu_h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 220, vp->WorkPos.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x - 220, vp->WorkSize.y - menu_h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("Canvas", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p0 = ImGui::GetWindowPos();
  ImVec2 size = ImGui::GetWindowSize();
  ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, IM_COL32(245, 247, 250, 255));
  const float step = 24.0f;
  for (float x = p0.x; x < p1.x; x += step) dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), IM_COL32(220, 225, 232, 255));
  for (float y = p0.y; y < p1.y; y += step) dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(220, 225, 232, 255));
  ImGui::End();
  ImGui::PopStyleVar();
}

void App::draw_status_bar() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = ImGui::GetFrameHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 2));
  ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::Text("cloudplay %s   |   frame %.2f ms   |   %.0f fps", kVersion, smoothed_frame_ms_, ImGui::GetIO().Framerate);
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace cp::ui
