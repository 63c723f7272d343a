// App: the whole playground UI, built once per frame with Dear ImGui.
// Usage (from the host's frame loop):
//   cp::ui::App app(platform);  ...  app.frame(dt_seconds);  // between ImGui::NewFrame/Render
#pragma once
#include "ui/platform.h"

namespace cp::ui {

class App {
public:
  explicit App(Platform& platform);
  void frame(double dt_seconds);
  double last_frame_ms() const { return last_frame_ms_; }

private:
  void draw_menu_bar();
  void draw_palette();
  void draw_canvas();
  void draw_status_bar();

  Platform& platform_;
  double last_frame_ms_ = 0;
  double smoothed_frame_ms_ = 0;
};

}  // namespace cp::ui
