// Test hooks of presenter mode and the demo (ui/presenter.h), for tests/browser/present.test.mjs:
//   cloudplay.present.state()        -> {active, audience, step, steps, title, notes, next, t_s, seeking,
//                                       spotlight, fontZoom, fontSize, hidden, sent, received, overlay...}
//   cloudplay.present.enter(step)    -> the state after entering presenter mode at step (1-based)
//   cloudplay.present.leave()        -> the state after leaving it
//   cloudplay.present.next() / back() / go(n) -> the state after stepping
//   cloudplay.present.spotlight(on)  -> the state with the spotlight on or off
//   cloudplay.present.audience()     -> the state after opening the audience window (A)
//   cloudplay.present.allowEdit(on)  -> the state after the "audience may edit" toggle
#include <emscripten.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ui/presenter.h"
#include "wasm/test_api.h"

namespace {

EM_JS(void, js_define_present_api, (), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  const cmd = function(o) { return c.presentCommand(o); };
  c.present = {
    state: function() { return cmd({op: "state"}); },
    enter: function(step) { return cmd({op: "enter", step: step === undefined ? 1 : step}); },
    leave: function() { return cmd({op: "leave"}); },
    next: function() { return cmd({op: "next"}); },
    back: function() { return cmd({op: "back"}); },
    go: function(n) { return cmd({op: "go", step: n}); },
    spotlight: function(on) { return cmd({op: "spotlight", on: on === undefined ? true : !!on}); },
    audience: function() { return cmd({op: "audience"}); },
    allowEdit: function(on) { return cmd({op: "allowEdit", on: on === undefined ? true : !!on}); },
  };
});

struct PresentHooks {
  PresentHooks() {
    cp::wasm::register_test_hook(
        "presentCommand",
        [](const std::string& arg) {
          cp::ui::Presenter* p = cp::ui::Presenter::instance();
          if (!p) throw std::runtime_error("the app has no presenter yet");
          nlohmann::json cmd = arg.empty() ? nlohmann::json::object() : nlohmann::json::parse(arg, nullptr, false);
          if (cmd.is_discarded()) throw std::runtime_error("presentCommand: the argument is not JSON");
          const std::string op = cmd.value("op", std::string("state"));
          if (op == "enter") p->enter(cmd.value("step", 1));
          else if (op == "leave") p->leave();
          else if (op == "next") p->next();
          else if (op == "back") p->back();
          else if (op == "go") p->go_to(cmd.value("step", 1));
          else if (op == "spotlight") p->set_spotlight(cmd.value("on", true));
          else if (op == "audience") p->open_audience();
          else if (op == "allowEdit") p->set_allow_edit(cmd.value("on", true));
          else if (op != "state") return nlohmann::json{{"error", "unknown presenter command " + op}}.dump();
          return p->debug_state().dump();
        },
        cp::wasm::Result::Json);
    js_define_present_api();
  }
};
PresentHooks g_present_hooks;

}  // namespace
