// Canvas: the architecture diagram. Region and AZ frames, node cards, wires;
// pan, zoom at the cursor, grid and snapping, selection (click, box,
// shift/ctrl), moving, wiring with can_connect feedback, drop from the palette.
// The canvas proposes, the Editor (and the catalog behind it) decides.
//
//   Canvas canvas(editor);
//   canvas.draw();                 // fills the current ImGui window
//   canvas.fit_to_view();          // on the next frame
//
// View: screen = origin + offset + world * zoom (origin = the canvas' top-left).
#pragma once
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "ui/editor.h"
#include "ui/label_layout.h"

namespace cp::ui {

class Canvas {
public:
  explicit Canvas(Editor& editor) : ed_(editor) {}
  void draw();
  void fit_to_view() { fit_pending_ = true; }
  // The canvas' room changed inside the window (the story column opened or closed):
  // a view that is still as fitted (not panned or zoomed since) fits the new room.
  void refit_if_fitted() {
    if (fitted_size_.x > 0) fit_pending_ = true;
  }
  void add_at_center(const std::string& type);
  void toggle_help() { help_open_ = !help_open_; }
  bool help_open() const { return help_open_; }
  void zoom_by(float factor);   // around the view's centre
  float zoom() const { return zoom_; }
  // View only (a phone): no editing; a left drag or one finger pans, a tap selects,
  // the diagram is fitted edge to edge. `touch`: the pointer is a finger (the app
  // pans the view itself, with pan_zoom, from the finger events).
  void set_view_only(bool on, bool touch) { view_only_ = on, touch_input_ = touch; }
  bool view_only() const { return view_only_; }
  // The world point under screen point `from` moves to `to`; the zoom is multiplied by `scale`.
  void pan_zoom(ImVec2 from, ImVec2 to, float scale);
  // World point under the mouse (valid while it is over the canvas), for paste.
  std::optional<ImVec2> mouse_world() const { return mouse_world_; }
  // Screen positions of frames, nodes and their handles as drawn last frame (browser tests).
  nlohmann::json debug_state() const;

  // ---- presenter mode (ui/presenter.h) ----
  // Nodes not drawn (nor their wires): a demo step reveals them later.
  void set_hidden_nodes(std::set<std::string> ids) { hidden_ = std::move(ids); }
  bool node_hidden(const std::string& id) const { return !hidden_.empty() && hidden_.count(id) > 0; }
  // The view shows this world rectangle (a demo step's camera frame) from the next frame
  // on, and fits it again whenever it would fit the whole diagram; nullopt: the whole diagram.
  void set_camera_frame(std::optional<WorldRect> r) {
    camera_frame_ = r;
    fit_pending_ = true;
  }

  // ---- for the run view (ui/run_overlay.cpp) ----
  ImVec2 world_to_screen(float wx, float wy) const { return to_screen(wx, wy); }
  ImVec2 view_min() const { return origin_; }
  ImVec2 view_size() const { return size_; }
  float wire_zoom() const { return zoom_; }
  // The wire from `from` to `to` as drawn: cubic Bezier control points (screen).
  std::array<ImVec2, 4> wire_bezier(const std::string& from, const std::string& to) const;
  // A label about to be drawn at `pos` (screen) of `size`: true (and recorded for the tests)
  // when it is at least kMinTextPx and overlaps no label placed this frame (nor, with
  // `avoid_cards`, any card but `own_node`'s). The caller draws it only then.
  bool claim_label(const char* kind, const std::string& text, ImVec2 pos, ImVec2 size, float px,
                   bool avoid_cards = false, const std::string& own_node = "");
  // What a right-click hit; the hook adds items at the top of the canvas' context menu.
  struct ContextTarget { std::string node, wire, region, az; };
  std::function<void(const ContextTarget&)> context_hook;
  // Drawn over the wires and nodes, inside the canvas' clip rectangle.
  std::function<void(ImDrawList*)> overlay_hook;

private:
  enum class Mode { None, Pan, Box, Move, Wire, FrameMove, FrameResize };
  struct FrameRef {
    bool region = false;  // a Region frame (else an AZ frame)
    std::string key;      // Region code / AZ ID
    bool operator==(const FrameRef& o) const { return region == o.region && key == o.key; }
  };
  struct Hit {
    enum Kind { Empty, Node, OutHandle, Wire, FrameHeader, FrameCorner } kind = Empty;
    std::string id;       // node/connection id
    FrameRef frame;
  };

  ImVec2 to_screen(float wx, float wy) const { return ImVec2(origin_.x + offset_.x + wx * zoom_, origin_.y + offset_.y + wy * zoom_); }
  ImVec2 to_world(ImVec2 s) const { return ImVec2((s.x - origin_.x - offset_.x) / zoom_, (s.y - origin_.y - offset_.y) / zoom_); }
  ImVec2 out_handle(const WorldRect& r) const { return to_screen(r.x + r.w, r.y + r.h / 2); }
  ImVec2 in_handle(const WorldRect& r) const { return to_screen(r.x, r.y + r.h / 2); }

  Hit hit_test(ImVec2 mouse) const;
  std::string node_at(ImVec2 mouse, const std::string& except = "") const;
  std::optional<FrameRef> frame_at_world(float wx, float wy, bool az_only) const;
  std::optional<WorldRect> frame_rect(const FrameRef& f) const;

  void handle_input(bool hovered);
  void handle_keys();
  void handle_drop();
  void begin_left_drag(const Hit& hit);
  void finish_drag();
  void zoom_at(ImVec2 screen, float factor);
  void do_fit();

  void draw_grid(ImDrawList* dl) const;
  void draw_frames(ImDrawList* dl);
  void draw_az_spans(ImDrawList* dl) const;
  void draw_wires(ImDrawList* dl) const;
  void plan_node_labels();
  void draw_nodes(ImDrawList* dl) const;
  void draw_node(ImDrawList* dl, const doc::NodeDoc& n, const WorldRect& r, bool selected, bool hovered_target,
                 bool refused_target) const;
  void draw_overlays(ImDrawList* dl);
  void draw_toasts(ImDrawList* dl);
  void draw_help();
  void context_menu();

  Editor& ed_;
  ImVec2 origin_{0, 0}, size_{0, 0};
  ImVec2 offset_{40, 40};
  float zoom_ = 1.0f;
  bool fit_pending_ = true;
  std::optional<WorldRect> camera_frame_;  // set_camera_frame
  std::set<std::string> hidden_;           // set_hidden_nodes
  uint64_t fitted_opened_ = 0;  // Editor::documents_opened() when the view was last fitted to a new document
  ImVec2 fitted_size_{0, 0};    // the canvas size of the last fit, until the user pans or zooms
  ImVec2 fitted_window_{0, 0};  // the browser window's size at the last fit
  bool help_open_ = false;
  std::optional<ImVec2> mouse_world_;

  Mode mode_ = Mode::None;
  ImVec2 drag_start_screen_{0, 0};
  ImVec2 drag_start_world_{0, 0};
  bool drag_moved_ = false;
  int pan_button_ = -1;
  std::string press_node_;              // node pressed (Move mode)
  bool press_toggled_ = false;          // shift/ctrl click already toggled it
  std::map<std::string, ImVec2> move_start_;  // node id -> world position at drag start
  std::map<std::string, WorldRect> frame_start_;  // "r:"/"a:" + key -> frame rect at drag start
  FrameRef drag_frame_;
  std::optional<FrameRef> selected_frame_;
  std::string wire_from_;
  std::string wire_target_;
  std::optional<std::string> wire_refusal_;
  std::optional<FrameRef> drop_frame_;  // frame highlighted while dragging over it
  std::string hover_node_;
  std::string context_node_, context_wire_;
  std::optional<FrameRef> context_frame_;
  ImVec2 context_world_{0, 0};
  double now_ = 0;
  // Labels of this frame (see claim_label).
  struct NodeLabels {
    std::string title, subtitle;
    ImVec2 title_pos{0, 0}, subtitle_pos{0, 0};
    float title_px = 0, subtitle_px = 0;
  };
  struct DrawnLabel {
    std::string kind, text;
    LabelRect rect;
    float px = 0;
  };
  LabelBoard board_;
  size_t board_obstacles_ = 0;
  std::map<std::string, int> card_obstacle_;  // node id -> its card's obstacle index
  std::map<std::string, NodeLabels> node_labels_;
  std::vector<DrawnLabel> drawn_labels_;
  bool view_only_ = false, touch_input_ = false;
  float min_zoom() const;
};

}  // namespace cp::ui
