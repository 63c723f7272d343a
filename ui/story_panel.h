// StoryPanel: the open document's story — what it shows, what to look at, and the
// moments worth watching — in a column at the canvas' right (the canvas is that much
// narrower, so the diagram is never hidden), in the UI language. It opens with every document that has a story (the examples) or a
// description; its close box hides it, and a button in the same corner (or
// View > What to watch) brings it back. Each moment is a button that jumps the run
// there: RunController::seek replays the run from the start (or a checkpoint), so
// the moment is the same every time, then it plays on.
//
//   StoryPanel story(editor, run_view.controller());   // owned by the App
//   canvas_w -= story.width(column_w);  // the App leaves it room
//   story.draw();          // each frame, after the canvas (it sits at the canvas window's right)
//   story.view_menu_item();  // inside the View menu
//   story.jump(1);         // what the second moment's button does
#pragma once
#include <cstdint>

#include <nlohmann/json.hpp>

#include "ui/editor.h"
#include "ui/run_controller.h"

namespace cp::ui {

class StoryPanel {
public:
  StoryPanel(Editor& editor, RunController& run);
  ~StoryPanel();
  static StoryPanel* instance();  // the running app's (wasm/story_test_api.cpp), or nullptr

  // The width the panel takes at the canvas' right (0 when closed): the canvas gives it up,
  // so the panel covers nothing of the diagram.
  float width(float column_w);
  void draw();
  void view_menu_item();
  bool available() const;  // the document has a story or a description
  bool open() const { return open_; }
  void set_open(bool open) { open_ = open; }
  // Jumps the run to moment `index` of the story and plays from there; false if there is no such moment.
  bool jump(size_t index);
  // {available, open, title, text, current, moments: [{at_s, clock, text, x, y, w, h}], rect, reopen} (browser tests).
  nlohmann::json debug_state() const;

private:
  Editor& ed_;
  RunController& run_;
  uint64_t opened_seen_ = 0;  // Editor::documents_opened() when the panel last looked
  bool open_ = false;
  float width_ = 0;  // what width() gave this frame
  float column_w_ = 0;  // the canvas column's width, as width() was last told
  static constexpr float kNarrowColumnEms = 40;  // below this many font sizes the story starts closed
  nlohmann::json rects_ = nlohmann::json::object();
};

}  // namespace cp::ui
