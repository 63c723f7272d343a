// LessonPanel: the lessons of lessons/*.json (core/lesson/lesson.h) in the app (issue 17).
// A "Lessons" menu lists them grouped by exam topic, with a check mark on the done ones
// (progress in browser storage, kDoneKey). Opening one loads its start design and shows a
// window with the title, the current step (Next/Back), its predict question, hints one at a
// time, the AWS fact and its source, and Check: the engine fast-forwards the learner's
// design over the lesson's run (lesson::run_document, the checker's code), lists each goal
// with its measured value, then runs the hidden check (lesson::hidden_run_of). Par is the
// solution's cost and service count. A link `#lesson=<id>&step=<n>` opens a lesson at a step.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lesson/check.h"
#include "ui/editor.h"
#include "ui/platform.h"

namespace cp::ui {

class LessonPanel : public EditorExtension {
public:
  static constexpr const char* kLessonsDir = "/assets/lessons";
  static constexpr const char* kDoneKey = "cloudplay.lessons.done";
  LessonPanel(Editor& editor, Platform& platform);
  ~LessonPanel() override;
  static LessonPanel* instance();

  void menu();            // the top-level "Lessons" menu (inside the menu bar)
  void frame() override;  // the lesson window and its messages
  // Opens lesson `id` at step `step` (1-based). False (with a message in both languages) if none.
  bool open(const std::string& id, int step);
  bool open_fragment(const std::string& fragment);  // "lesson=<id>&step=<n>"
  void check();
  void show_solution();
  bool set_step(int step);  // 1-based
  nlohmann::json debug_state() const;

private:
  struct Entry {
    std::string id;
    std::optional<lesson::Lesson> lesson;
    std::string error_en, error_ko;
  };
  void load_all();
  void draw_window();
  void mark_done(const std::string& id);
  bool done(const std::string& id) const;

  Editor& ed_;
  Platform& platform_;
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
  double par_cost_ = -1;
  double mine_cost_ = 0;
  size_t mine_services_ = 0, par_services_ = 0;
  double check_ms_ = 0;
  std::string error_en_, error_ko_;  // a bad link or id
  std::vector<std::string> done_;
};

}  // namespace cp::ui
