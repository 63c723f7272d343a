// Test hooks of the lesson panel (ui/lesson_panel.h), for tests/browser/lessons.test.mjs:
//   cloudplay.lesson.state()        -> the panel's debug_state (open, id, step, goals, checkMs, par...)
//   cloudplay.lesson.open(id, step) -> the state after opening lesson `id` at step (1-based)
//   cloudplay.lesson.check()        -> the state after Check (the engine run, then the hidden run)
//   cloudplay.lesson.solution()     -> the state after Show solution
#include <emscripten.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ui/lesson_panel.h"
#include "wasm/test_api.h"

namespace {

EM_JS(void, js_define_lesson_api, (), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  const cmd = function(o) { return c.lessonCommand(o); };
  c.lesson = {
    state: function() { return cmd({op: "state"}); },
    open: function(id, step) { return cmd({op: "open", id: id, step: step === undefined ? 1 : step}); },
    check: function() { return cmd({op: "check"}); },
    solution: function() { return cmd({op: "solution"}); },
  };
});

struct LessonHooks {
  LessonHooks() {
    cp::wasm::register_test_hook(
        "lessonCommand",
        [](const std::string& arg) {
          cp::ui::LessonPanel* p = cp::ui::LessonPanel::instance();
          if (!p) throw std::runtime_error("the app has no lesson panel yet");
          nlohmann::json cmd = arg.empty() ? nlohmann::json::object() : nlohmann::json::parse(arg, nullptr, false);
          if (cmd.is_discarded()) throw std::runtime_error("lessonCommand: the argument is not JSON");
          const std::string op = cmd.value("op", std::string("state"));
          if (op == "open") p->open(cmd.value("id", std::string()), cmd.value("step", 1));
          else if (op == "check") p->check();
          else if (op == "solution") p->show_solution();
          else if (op != "state") return nlohmann::json{{"error", "unknown lesson command " + op}}.dump();
          return p->debug_state().dump();
        },
        cp::wasm::Result::Json);
    js_define_lesson_api();
  }
};
LessonHooks g_lesson_hooks;

}  // namespace
