// Test hooks of the story panel (ui/story_panel.h), for tests/browser/story.test.mjs:
//   cloudplay.story.state()   -> {available, open, title, text, moments: [{at_s, clock, text}], rects}
//   cloudplay.story.open(on)  -> the state after opening (true) or closing (false) the panel
//   cloudplay.story.jump(i)   -> {ok}: what moment i's button does (seek there, then play)
#include <emscripten.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ui/story_panel.h"
#include "wasm/test_api.h"

namespace {

EM_JS(void, js_define_story_api, (), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  const cmd = function(o) { return c.storyCommand(o); };
  c.story = {
    state: function() { return cmd({op: "state"}); },
    open: function(on) { return cmd({op: "open", on: on === undefined ? true : !!on}); },
    jump: function(i) { return cmd({op: "jump", index: i}); },
  };
});

struct StoryHooks {
  StoryHooks() {
    cp::wasm::register_test_hook(
        "storyCommand",
        [](const std::string& arg) {
          cp::ui::StoryPanel* p = cp::ui::StoryPanel::instance();
          if (!p) throw std::runtime_error("the app has no story panel yet");
          nlohmann::json cmd = arg.empty() ? nlohmann::json::object() : nlohmann::json::parse(arg, nullptr, false);
          if (cmd.is_discarded()) throw std::runtime_error("storyCommand: the argument is not JSON");
          const std::string op = cmd.value("op", std::string("state"));
          if (op == "open") p->set_open(cmd.value("on", true));
          else if (op == "jump") return nlohmann::json{{"ok", p->jump(cmd.value("index", size_t(0)))}}.dump();
          else if (op != "state") return nlohmann::json{{"error", "unknown story command " + op}}.dump();
          return p->debug_state().dump();
        },
        cp::wasm::Result::Json);
    js_define_story_api();
  }
};
StoryHooks g_story_hooks;

}  // namespace
