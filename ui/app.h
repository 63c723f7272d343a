// App: the whole playground UI, built once per frame with Dear ImGui: menu bar,
// palette (left), canvas (middle), properties (right), status line.
// Usage (from the host's frame loop):
//   cp::ui::App app(platform);  ...  app.frame(dt_seconds);  // between ImGui::NewFrame/Render
//   app.on_paste(text);          // text the browser pasted (Ctrl+V / the Paste menu)
//   app.on_finger(FingerEvent::Down, id, x, y);  // touch (CSS px): pan and pinch-zoom the canvas
//   app.editor();                // the document, its history and the editing commands
#pragma once
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "ui/canvas.h"
#include "ui/editor.h"
#include "ui/inspector.h"
#include "ui/palette.h"
#include "ui/platform.h"
#include "ui/run_view.h"
#include "ui/story_panel.h"
#include "ui/touch_gesture.h"

namespace cp::ui {
class LessonPanel;
class Presenter;

class App {
public:
  explicit App(Platform& platform);
  void frame(double dt_seconds);
  double last_frame_ms() const { return last_frame_ms_; }
  Editor& editor() { return editor_; }
  Canvas& canvas() { return canvas_; }
  RunView& run_view() { return run_view_; }
  // Pasted text: typed into the active text field, else pasted as services onto the canvas.
  void on_paste(const std::string& text);
  void on_finger(FingerEvent e, int64_t id, float x, float y);
  // A phone (narrow window or a finger for a pointer): the diagram to look at and
  // run, no palette or inspector, editing left to a computer.
  bool view_only() const { return view_only_; }
  static constexpr float kViewOnlyWidth = 700;  // CSS px
  // Screen positions of the menus, palette items, nodes and frames (browser tests).
  nlohmann::json debug_state() const;

private:
  void draw_menu_bar();
  void draw_palette();
  void draw_canvas();
  void draw_inspector();
  void draw_live_status();  // the selected node's state in the running simulation
  void draw_status_bar();
  void draw_view_only_note(float width);
  void draw_about();
  void handle_shortcuts();
  void apply_touch();

  Platform& platform_;
  Editor editor_;
  Palette palette_;
  Canvas canvas_;
  Inspector inspector_;
  RunView run_view_;  // the live run: toolbar over the canvas, overlay, bottom panel
  StoryPanel story_;  // the document's story and its moments, over the canvas' top-right corner
  LessonPanel* lessons_ = nullptr;  // owned by the editor (an extension): the Lessons menu and window
  Presenter* presenter_ = nullptr;  // owned by the editor (an extension): presenter mode and the demo
  float last_story_w_ = 0;  // the story column's width last frame (a change refits a fitted view)
  bool show_frame_time_ = false;  // View > Frame time: the status line's frame ms and fps (for developers)
  double last_frame_ms_ = 0;
  double smoothed_frame_ms_ = 0;
  bool about_open_ = false;
  float palette_w_ = 0, inspector_w_ = 0;
  double panel_ms_[5] = {0, 0, 0, 0, 0};
  std::map<std::string, ImVec4> menu_rects_;  // menus and items drawn (x, y, w, h), for the tests
  ImVec4 live_rect_{0, 0, 0, 0};   // the inspector's pinned "Now, in the run" line (x, y, w, h), for the tests
  std::string live_text_;          // what that line says, for the tests
  float inspector_scroll_y_ = 0;   // how far the properties under it are scrolled
  bool view_only_ = false;
  TouchGesture touch_;
  int last_finger_frame_ = -100;  // ImGui frame of the last finger event
};

}  // namespace cp::ui
