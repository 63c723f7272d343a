// LessonPanel: the lessons of lessons/*.json (core/lesson/lesson.h) in the app (issue 17).
// A "Lessons" menu lists them grouped by exam topic, with a check mark on the done ones
// (progress in browser storage, kDoneKey). Opening one loads its start design and shows a
// window with the title, the current step (Next/Back), its predict question, hints one at a
// time, the AWS fact and its source, and Check: the engine fast-forwards the learner's
// design over the lesson's run (lesson::run_document, the checker's code), lists each goal
// with its measured value, then runs the hidden check (lesson::hidden_run_of). Par is the
// solution's cost and service count. A link `#lesson=<id>&step=<n>` opens a lesson at a step.
// A step with "compare" shows its variants and a button that runs them side by side in
// the Compare view (ui/compare_view.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lesson/check.h"
#include "ui/editor.h"
#include "ui/compare_view.h"
#include "ui/lesson_builder.h"
#include "ui/run_controller.h"
#include "ui/platform.h"

namespace cp::ui {

class LessonPanel : public EditorExtension {
public:
  static constexpr const char* kLessonsDir = "/assets/lessons";
  static constexpr const char* kDoneKey = "cloudplay.lessons.done";
  static constexpr const char* kProgressPrefix = "cloudplay-lessons:";  // the export code
  LessonPanel(Editor& editor, Platform& platform, RunController& run);
  ~LessonPanel() override;
  static LessonPanel* instance();

  void menu();            // the top-level "Lessons" menu (inside the menu bar)
  void frame() override;  // the lesson column, the gallery and their messages
  bool lesson_open() const { return open_; }
  // The lesson's column at the canvas' right (0 when no lesson is open); the App makes room.
  float width(float column_w);
  // Opens lesson `id` at step `step` (1-based). False (with a message in both languages) if none.
  bool open(const std::string& id, int step);
  bool open_fragment(const std::string& fragment);  // "lesson=<id>&step=<n>" or "lesson-data=v1.…"
  // Opens a lesson that is not a file of this build (from a link or the builder); it joins
  // the list (replacing one with its id) for this page's life.
  void open_lesson(const lesson::Lesson& l, int step = 1);
  LessonBuilder& builder() { return builder_; }
  void check();
  void show_solution();
  // A side-by-side step: runs its variants and opens the Compare view. False if the
  // current step has no "compare".
  bool run_compare();
  CompareView& compare_view() { return compare_; }
  // The Run menu's "Compare with a copy where…" on the editor's design, without the dialog.
  void open_copy_dialog() { compare_.open_copy_dialog(ed_.document()); }
  bool compare_with_copy(const std::string& node, const std::string& param, const nlohmann::json& value) {
    return compare_.compare_with_copy(ed_.document(), node, param, value);
  }
  bool set_step(int step);  // 1-based
  // After a failed hidden check: the learner's design under the hidden seed and fault, in the
  // run view, at the moment it broke. back_to_visible_run() undoes it.
  bool replay_hidden_run();
  void back_to_visible_run();
  // Progress as a code to move it to another browser: "cloudplay-lessons:id1,id2".
  std::string progress_code() const;
  // Merges a code's lessons into the done ones; false (with the reason in both languages) if bad.
  bool import_progress(const std::string& code);
  void open_gallery() { gallery_open_ = true; }
  nlohmann::json debug_state() const;

private:
  struct Entry {
    std::string id;
    std::optional<lesson::Lesson> lesson;
    std::string error_en, error_ko;
  };
  void load_all();
  void draw_window();
  void draw_gallery();
  void draw_hidden_result(bool ko);
  void draw_compare_step(const lesson::Compare& c, bool ko);
  void mark_done(const std::string& id);
  bool done(const std::string& id) const;

  Editor& ed_;
  Platform& platform_;
  RunController& run_;
  LessonBuilder builder_;
  CompareView compare_;
  ImVec4 compare_button_{0, 0, 0, 0};  // "Run side by side" (x, y, w, h), for the tests
  bool loaded_ = false;
  std::vector<Entry> entries_;
  const lesson::Lesson* current_ = nullptr;
  int step_ = 0;                 // 0-based
  int hints_shown_ = 0;
  int predict_choice_ = -1;      // chosen answer of this step's question
  bool open_ = false;
  bool checked_ = false;
  lesson::RunResult visible_, hidden_;
  bool hidden_built_ = false;
  std::string hidden_error_en_, hidden_error_ko_;
  double hidden_moment_s_ = -1;  // where the hidden run broke: its fault, or the failed goal's window
  bool replaying_hidden_ = false;
  float width_ = 0;
  bool gallery_open_ = false;
  char import_text_[512] = {};
  std::string import_en_, import_ko_;  // the last import's result
  bool import_ok_ = false;
  double par_cost_ = -1;
  double mine_cost_ = 0;
  size_t mine_services_ = 0, par_services_ = 0;
  double check_ms_ = 0;
  std::string error_en_, error_ko_;  // a bad link or id
  std::vector<std::string> done_;
};

}  // namespace cp::ui
