// Presenter: presenter mode for a projector, and the document's scripted demo (issue 17,
// classroom mode; the demo format is core/doc/demo.h).
//
// In presenter mode the editing chrome (menu bar, palette, properties, the story or
// lesson column) is hidden, text is 1.6x larger and darker, the page asks for full
// screen, the mouse leaves a fading laser trail and S turns on a spotlight (everything
// dimmed but a circle round the cursor). A demo's steps go forward with Space, Right or
// PageDown and back with Left or PageUp (what presentation clickers send); each step is
// reached by replaying the run to its moment (RunController::seek: deterministic, so
// going back shows the same as before), with its camera frame, its revealed nodes, its
// scripted fault (the demo's faults are the run's timeline for the whole demo) and its
// speed. A small overlay shows the notes, the next step's title and "step N of M".
//
// Two windows: A opens an audience window (the same document, `&audience=1`) that follows
// this one's steps and seeks over a BroadcastChannel (Platform::broadcast); it is
// read-only unless the presenter allows editing.
//
// Links: `#<share link>&present=1&step=N` and `#example=<file>&present=1&step=N` open the
// demo at step N in presenter mode (Documents opens the document, this the mode).
//
//   auto p = std::make_unique<Presenter>(editor, platform, canvas, run);  // ui/app.cpp
//   p->enter(); p->next(); p->back(); p->go_to(3); p->leave();
//   if (p->chrome_hidden()) ...   // the App leaves out its panels
#pragma once
#include <deque>
#include <string>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "ui/canvas.h"
#include "ui/editor.h"
#include "ui/platform.h"
#include "ui/run_controller.h"

namespace cp::ui {

class Presenter : public EditorExtension {
public:
  static constexpr float kFontZoom = 1.6f;
  Presenter(Editor& editor, Platform& platform, Canvas& canvas, RunController& run);
  ~Presenter() override;
  static Presenter* instance();

  void frame() override;       // keys, the overlay, the laser pointer and the spotlight
  void view_menu_item();       // inside the View menu
  // Called by the App at the start of its frame / after it drew everything.
  void begin_frame();
  void end_frame();

  void enter(int step = 1);    // 1-based
  void leave();
  bool active() const { return active_; }
  bool audience() const { return active_ && audience_; }
  // The App hides the menu bar, palette, properties and side columns.
  bool chrome_hidden() const { return active_ && !(audience_ && allow_edit_); }
  // The canvas takes no edits (presenter window, and the audience unless allowed).
  bool read_only() const { return chrome_hidden(); }
  // The notes column at the canvas' right in the presenter's window (0 elsewhere, and
  // with the notes hidden, H): the canvas gives it up, so the notes cover nothing of the diagram.
  float column_width(float column_w) const;
  // The step's title in a strip at the top of the canvas' window (the App calls it there).
  void draw_title_strip(float width);

  // ---- the demo ----
  bool has_demo() const { return !ed_.document().demo.empty(); }
  int step_count() const { return static_cast<int>(ed_.document().demo.steps.size()); }
  int step() const { return step_ + 1; }  // 1-based; 0 without a demo
  bool go_to(int step);                   // 1-based; false when there is no such step
  bool next() { return go_to(step() + 1); }
  bool back() { return go_to(step() - 1); }

  void set_spotlight(bool on) { spotlight_ = on; }
  bool spotlight() const { return spotlight_; }
  // Opens the audience window; false when the browser blocked it (a message says so).
  bool open_audience();
  void set_allow_edit(bool on);
  nlohmann::json debug_state() const;

private:
  void handle_keys();
  void apply_step(bool seek);
  void draw_notes();
  void draw_spotlight() const;  // a full-screen layer under the notes overlay
  void draw_laser(ImDrawList* dl);
  void send_state(bool now);
  void receive();
  std::string link_fragment() const;  // the document as a link fragment (the audience opens it)

  Editor& ed_;
  Platform& platform_;
  Canvas& canvas_;
  RunController& run_;
  bool active_ = false;
  bool audience_ = false;       // this window follows a presenter's
  bool allow_edit_ = false;     // the audience may edit
  bool spotlight_ = false;
  bool notes_open_ = true;
  int step_ = -1;               // 0-based; -1 before the first go_to
  int pending_step_ = 0;        // enter() from a link, before the run is ready: the step to open (1-based)
  std::string link_rest_;       // the link this page opened with (share link or example=), for the audience
  uint64_t link_revision_ = 0;  // the document's revision when it came from that link
  bool was_fullscreen_ = false;
  int styles_pushed_ = 0;
  double last_sent_ = -10;
  std::string last_sent_key_;
  int sent_ = 0, received_ = 0;
  bool audience_opened_ = false;
  struct TrailPoint {
    ImVec2 p;
    double t;
  };
  std::deque<TrailPoint> trail_;  // the laser pointer's recent positions
  ImVec2 last_mouse_{-1, -1};
  double last_move_t_ = -10;
  ImVec4 overlay_rect_{0, 0, 0, 0}, title_rect_{0, 0, 0, 0};
};

}  // namespace cp::ui
