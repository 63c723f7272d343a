// Test hooks of the lesson panel (ui/lesson_panel.h), for tests/browser/lessons.test.mjs:
//   cloudplay.lesson.state()        -> the panel's debug_state (open, id, step, goals, checkMs, par...)
//   cloudplay.lesson.open(id, step) -> the state after opening lesson `id` at step (1-based)
//   cloudplay.lesson.check()        -> the state after Check (the engine run, then the hidden run)
//   cloudplay.lesson.solution()     -> the state after Show solution
//   cloudplay.lesson.replayHidden() -> the state after "Replay the hidden run" (a failed hidden check)
//   cloudplay.lesson.backToVisible() -> the state after "Back to the run you see"
//   cloudplay.lesson.importProgress(code) -> the state after Import (importMessage says how it went)
//   cloudplay.lesson.gallery()      -> the state with the gallery window open
//   cloudplay.lesson.compare()      -> the state after "Run side by side" (its "compare" part: the runs)
//   cloudplay.lesson.compareCopy(node, param, value) -> the state after the Run menu's "Compare with a copy
//                                      where…" with that change (compare.copyError says why not)
//   cloudplay.lesson.compareCursor(t) -> the state with the Compare view's cursor pinned at t s (-1: none)
//   cloudplay.lesson.builder(step, arg) -> the state after a builder step: show | start | solution |
//                                      suggest | set (arg: fields) | test | try
#include <emscripten.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/lesson/lesson_link.h"
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
    replayHidden: function() { return cmd({op: "replayHidden"}); },
    backToVisible: function() { return cmd({op: "backToVisible"}); },
    importProgress: function(code) { return cmd({op: "import", code: code}); },
    gallery: function() { return cmd({op: "gallery"}); },
    compare: function() { return cmd({op: "compare"}); },
    compareCursor: function(t) { return cmd({op: "compareCursor", t: t}); },
    compareCopy: function(node, param, value) { return cmd({op: "compareCopy", node: node, param: param, value: value}); },
    copyDialog: function() { return cmd({op: "copyDialog"}); },
    // The lesson builder (ui/lesson_builder.h); the state's "builder" part says how it went.
    builder: function(op, arg) { return cmd({op: "builder", step: op, arg: arg === undefined ? null : arg}); },
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
          else if (op == "replayHidden") p->replay_hidden_run();
          else if (op == "backToVisible") p->back_to_visible_run();
          else if (op == "import") p->import_progress(cmd.value("code", std::string()));
          else if (op == "gallery") p->open_gallery();
          else if (op == "compare") p->run_compare();
          else if (op == "compareCopy") p->compare_with_copy(cmd.value("node", std::string()), cmd.value("param", std::string()), cmd["value"]);
          else if (op == "copyDialog") p->open_copy_dialog();
          else if (op == "compareCursor") p->compare_view().pin_cursor(cmd.value("t", -1.0));
          else if (op == "builder") {
            cp::ui::LessonBuilder& b = p->builder();
            const std::string step = cmd.value("step", std::string());
            if (step == "show") b.show();
            else if (step == "start") b.use_design_as_start();
            else if (step == "solution") b.use_design_as_solution();
            else if (step == "suggest") b.suggest_goals();
            else if (step == "set") b.set_fields(cmd["arg"]);
            else if (step == "test") b.test();
            else if (step == "try") { if (b.test()) p->open_lesson(cp::lesson::decode_lesson_fragment(b.link()).lesson); }
            else return nlohmann::json{{"error", "unknown builder step " + step}}.dump();
          }
          else if (op != "state") return nlohmann::json{{"error", "unknown lesson command " + op}}.dump();
          return p->debug_state().dump();
        },
        cp::wasm::Result::Json);
    js_define_lesson_api();
  }
};
LessonHooks g_lesson_hooks;

}  // namespace
