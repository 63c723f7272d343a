// Test hooks of the run view (ui/run_view.h), for tests/browser/run.test.mjs and
// bench/browser_bench.mjs:
//   cloudplay.runCommand({op: "play"})        -> the run's state (see RunView::debug_state)
//   cloudplay.run.play() / pause() / step() / reset() / speed(x) / max(on) / seek(t_s) / seed(n)
//   cloudplay.run.fault(action, target, value, begin)  -> {ok}
//   cloudplay.run.state()  -> {t_s, playing, nodes: [{id, ok_per_s, p99_ms, up, ...}], azs, log, faults}
//   cloudplay.run.csv()    -> the metrics CSV text;  cloudplay.run.tab(n): 0 metrics, 1 log, 2 cost, 3 fault timeline, 4 goals, 5 what happened
//   cloudplay.run.record(on, maxS)  -> starts/stops the WebM clip (maxS: a shorter limit than 30 s, for tests)
//   cloudplay.run.story() -> {lines: [{t_s, clock, text, kind, node, x, y, w, h}], current, toldAt};  storyJump(i) -> {ok}
//   cloudplay.run.saveFaults() -> {saved}: live faults into the document's timeline;  deleteFault(i) -> {ok}
#include <emscripten.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ui/run_view.h"
#include "wasm/test_api.h"

namespace {

EM_JS(void, js_define_run_api, (), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  const cmd = function(o) { return c.runCommand(o); };
  c.run = {
    play: function() { return cmd({op: "play"}); },
    pause: function() { return cmd({op: "pause"}); },
    toggle: function() { return cmd({op: "toggle"}); },
    step: function() { return cmd({op: "step"}); },
    reset: function() { return cmd({op: "reset"}); },
    speed: function(x) { return cmd({op: "speed", value: x}); },
    max: function(on) { return cmd({op: "max", on: on === undefined ? true : !!on}); },
    seek: function(t) { return cmd({op: "seek", t_s: t}); },
    seed: function(n) { return cmd({op: "seed", value: n}); },
    tab: function(n) { return cmd({op: "tab", value: n}); },
    story: function() { return cmd({op: "story"}); },
    storyJump: function(i) { return cmd({op: "storyJump", index: i}); },
    budget: function(ms, events, checkpointEvents) {
      return cmd({op: "budget", ms: ms, events: events, checkpointEvents: checkpointEvents});
    },
    fault: function(action, target, value, begin) {
      return cmd({op: "fault", action: action, target: target, value: value || 0, begin: begin === undefined ? true : !!begin});
    },
    state: function() { return cmd({op: "state"}); },
    record: function(on, maxS) { return cmd({op: "record", on: on === undefined ? true : !!on, maxS: maxS || 30}); },
    saveFaults: function() { return cmd({op: "saveFaults"}); },
    deleteFault: function(i) { return cmd({op: "deleteFault", index: i}); },
    csv: function() { return cmd({op: "csv"}); },
  };
});

struct RunHooks {
  RunHooks() {
    cp::wasm::register_test_hook(
        "runCommand",
        [](const std::string& arg) {
          cp::ui::RunView* v = cp::ui::RunView::instance();
          if (!v) throw std::runtime_error("the app has no run view yet");
          nlohmann::json cmd = arg.empty() ? nlohmann::json::object() : nlohmann::json::parse(arg, nullptr, false);
          if (cmd.is_discarded()) throw std::runtime_error("runCommand: the argument is not JSON");
          return v->command(cmd).dump();
        },
        cp::wasm::Result::Json);
    js_define_run_api();
  }
};
RunHooks g_run_hooks;

}  // namespace
