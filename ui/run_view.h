// RunView: the live run in the UI — toolbar (play/pause/step/reset, speed,
// seed, timeline scrubber), the canvas overlay (dots on wires, node badges,
// failed AZs/Regions), right-click faults, and the bottom panel (metrics
// plots, event log, cost). One file per part, as Tracy does its views:
//   ui/run_toolbar.cpp      toolbar, strings, CSV export, test commands, debug_state
//   ui/run_overlay.cpp      draw_overlay(), context_menu()  (hooks installed on the Canvas)
//   ui/metrics_panel.cpp    draw_metrics()
//   ui/event_log_panel.cpp  draw_event_log()
//   ui/what_happened_panel.cpp  draw_what_happened()  (the run as a story, core/engine/narrative.h)
//   ui/cost_panel.cpp       draw_cost()
//   ui/goals_panel.cpp      draw_goals()
// The simulation itself is owned by RunController (ui/run_controller.h).
//
//   RunView run(editor, canvas, platform);   // installs the canvas hooks
//   run.update(dt);                          // each frame, before drawing
//   run.draw_toolbar(pos, size); run.draw_bottom_panel(pos, size);
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "ui/canvas.h"
#include "ui/editor.h"
#include "ui/platform.h"
#include "core/engine/event_query.h"
#include "core/engine/narrative.h"
#include "ui/run_controller.h"

namespace cp::ui {

// "waiting" | "measuring" | "passed" | "failed" (debug_state, for the browser tests).
const char* goal_state_name(engine::GoalResult::State s);

class RunView {
public:
  RunView(Editor& editor, Canvas& canvas, Platform& platform);
  ~RunView();
  static RunView* instance();

  void update(double dt_s);
  // Heights the app reserves above and below the canvas (0 when hidden). The toolbar
  // takes two rows (controls, then the timeline) when `width` cannot hold one.
  float toolbar_height(float width) const;
  float panel_height(float column_h) const;
  void draw_toolbar(ImVec2 pos, ImVec2 size);
  void draw_bottom_panel(ImVec2 pos, ImVec2 size);
  bool overlay_on() const { return run_.started() && run_.ready(); }
  // The height of a strip the app draws over the canvas' top (the phone's view-only note):
  // the run's badges and notices go below it instead of over its words.
  void set_canvas_top_inset(float h) { canvas_top_inset_ = h; }
  // Presenter mode: the toolbar keeps what a demo needs (play, step, reset, speed, the
  // timeline); record, seed and CSV are editing tools and go, not into the "more" menu.
  void set_presenting(bool on) { presenting_ = on; }

  RunController& controller() { return run_; }
  // Items of the run for the app's File menu (record a clip, metrics CSV).
  void file_menu();
  void export_csv();
  // A short WebM clip of the canvas (Platform::start_recording); stops by itself after kMaxClipS.
  static constexpr double kMaxClipS = 30;
  void start_recording();
  void stop_recording();
  bool recording() const { return recording_; }
  double recording_s() const;
  // The document's fault timeline: the live faults of this run saved into it (one undo step).
  int save_live_faults();
  bool delete_timeline_fault(size_t index);
  std::string metrics_csv() const;
  // Test hooks (wasm/run_test_api.cpp): {"op": "play" | "pause" | "step" | "reset" | "speed" | "seek" |
  // "fault" | "state" | "csv" | "max"} -> JSON.
  nlohmann::json command(const nlohmann::json& cmd);
  nlohmann::json debug_state() const;

  // The colour node `id` has in the plots and on its card for the whole run.
  ImU32 node_color(const std::string& id) const;
  // The metrics panel's legend as last drawn: [{id, text, full, color}] (browser tests).
  const nlohmann::json& legend_debug() const { return legend_rects_; }

  // Canvas hooks.
  void draw_overlay(ImDrawList* dl);
  void context_menu(const Canvas::ContextTarget& t);

private:
  void draw_metrics();
  void draw_event_log();
  void draw_what_happened();
  // Tells the story again when the run got a second further (or its history changed); a
  // replay behind the furthest moment keeps the longer story (it is the same run).
  void refresh_story();
  bool jump_to_story_line(size_t index);  // seek there and play, as the story panel's moments do
  nlohmann::json story_debug() const;
  void draw_cost();
  void draw_fault_timeline();
  void draw_goals();
  // Which toolbar items fit in `width` (the rest go to the "more" menu).
  enum TbItem { kTbStep, kTbReset, kTbSpeedLabel, kTbMax, kTbRec, kTbSeed, kTbCsv, kTbCount };
  struct ToolbarPlan {
    bool two_rows = false;
    bool show[kTbCount] = {};
    bool overflow = false;
  };
  ToolbarPlan plan_toolbar(float width) const;
  void toolbar_more_menu(const ToolbarPlan& plan);
  void draw_recording_tick();
  void draw_keep_up_notice(ImVec2 at);  // below the toolbar, while the run cannot keep the chosen speed
  void put_rect(const char* key);  // the last item's screen rectangle, for the browser tests
  void update_rates();
  void sync_share_link();
  std::vector<std::string> plotted_nodes() const;
  nlohmann::json legend_rects_ = nlohmann::json::array();

  Editor& ed_;
  Canvas& canvas_;
  Platform& platform_;
  RunController run_;
  double anim_t_ = 0;           // wall seconds the dots have moved (only while time runs)
  int tab_ = 0;                 // 0 metrics, 1 event log, 2 cost, 3 fault timeline, 4 goals, 5 what happened
  int tab_request_ = -1;        // a tab to select on the next frame
  nlohmann::json rects_ = nlohmann::json::object();  // toolbar items on screen (browser tests)
  nlohmann::json keep_up_ = nlohmann::json::object(); // the last keep-up notice: cause, achieved, suggested, text
  bool presenting_ = false;
  float canvas_top_inset_ = 0;
  bool panel_open_ = true;
  bool panel_wanted_ = false;   // shown before the run started (View > Fault timeline)
  // Recording.
  bool recording_ = false;
  double rec_started_ = 0;      // ImGui time
  std::string rec_name_;
  double rec_max_s_ = kMaxClipS;  // stops by itself after this long
  bool took_shared_run_ = false;
  // Per-connection and per-node rates over the last simulated second(s).
  struct Rate {
    std::array<uint64_t, 7> last{};
    std::array<float, 7> per_s{};  // by Outcome
    float total = 0;
  };
  std::vector<Rate> conn_rates_;
  double rates_t_ = -1;
  uint64_t rates_gen_ = 0;
  // Event log panel.
  char log_filter_[160] = "";  // words, or a query with key=value (core/engine/event_query.h)
  size_t log_rows_shown_ = 0;     // for the browser tests: the rows the filters leave
  std::string log_query_error_;   // what is wrong with the filter's query ("" if none)
  std::string log_query_src_;     // the filter text log_query_ was parsed from
  uint64_t log_query_gen_ = 0;    // ... for this run (RunController::generation)
  std::optional<engine::EventQuery> log_query_;
  bool log_show_[5] = {true, true, true, true, true};  // faults, health, scaling, throttling, other
  bool log_selected_only_ = false;
  size_t log_seen_ = 0;
  bool log_follow_ = true;
  double selected_event_t_ = -1;
  // What happened (ui/what_happened_panel.cpp).
  std::vector<engine::StoryLine> story_;
  uint64_t story_history_ = UINT64_MAX;  // RunController::history() it was told for
  double story_told_s_ = -1;             // the moment it was told at
  nlohmann::json story_rects_ = nlohmann::json::array();
  float speed_slider_ = 0;      // log10 of speed
  bool scrubbing_ = false;
  float scrub_t_ = 0;
  char seed_buf_[24] = "";
  uint64_t seed_shown_ = 0;
  std::string last_shared_;
  double share_check_t_ = 0;
};

}  // namespace cp::ui
