// LessonBuilder: a teacher turns the current design into a lesson without writing JSON
// (issue 17): mark the start and the solution, take goals from the solution's run (the
// measured value offered with a band as the threshold), write the title, steps, hints and
// fact in both languages, test it with the checker, then copy a link (the lesson travels
// in it, core/lesson/lesson_link.h) or download the file for lessons/. A lesson opened
// from a link or from the gallery can be edited here and shared again.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/lesson/builder.h"
#include "core/lesson/check.h"
#include "ui/editor.h"
#include "ui/platform.h"

namespace cp::ui {

class LessonBuilder {
public:
  // `open_as_learner` opens a finished lesson in the lesson window.
  LessonBuilder(Editor& editor, Platform& platform, std::function<void(const lesson::Lesson&)> open_as_learner);

  bool open() const { return open_; }
  void show() { open_ = true; }
  void edit(const lesson::Lesson& l);  // fill the draft from a lesson, and show
  void draw();

  // The builder's steps, for the window's buttons and the browser tests.
  void use_design_as_start();
  void use_design_as_solution();
  bool suggest_goals();               // false (with a message) without a solution
  bool test();                        // validates and checks the draft; the result is shown
  std::string link() const;           // "#lesson-data=v1.…" of the last passing test ("" before)
  void download() const;
  // Sets a field from JSON (tests): {"title": {"en","ko"}, "topic", "id", "steps": [{"en","ko"}],
  // "hints": [...], "fact": {"source","en","ko"}}.
  void set_fields(const nlohmann::json& j);
  nlohmann::json debug_state() const;

private:
  void draw_texts();
  void draw_goals();
  void draw_result();

  Editor& ed_;
  Platform& platform_;
  std::function<void(const lesson::Lesson&)> open_as_learner_;
  bool open_ = false;
  lesson::Lesson draft_;
  bool has_start_ = false, has_solution_ = false, id_edited_ = false;
  std::vector<lesson::GoalSuggestion> suggestions_;
  std::vector<bool> chosen_;          // which suggestions go into the lesson
  bool tested_ = false;
  lesson::LoadResult loaded_;         // the last test's validation
  lesson::CheckResult checked_;
  std::string message_en_, message_ko_;
};

}  // namespace cp::ui
