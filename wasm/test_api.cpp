#include "wasm/test_api.h"

#include <emscripten.h>

#include <map>

namespace {

struct Hook {
  cp::wasm::TestHook fn;
};
std::map<std::string, Hook>& hooks() {
  static std::map<std::string, Hook> h;
  return h;
}
std::string g_last_result;  // kept alive until the next call (JS copies it at once)

}  // namespace

// Called from JavaScript: runs the hook `name` with `arg`; returns its result
// (UTF-8, valid until the next call). An unknown name returns an error text.
extern "C" EMSCRIPTEN_KEEPALIVE const char* cloudplay_test_call(const char* name, const char* arg) {
  auto it = hooks().find(name ? name : "");
  if (it == hooks().end()) {
    g_last_result = std::string("{\"error\":\"no test hook named ") + (name ? name : "") + "\"}";
  } else {
    try {
      g_last_result = it->second.fn(arg ? arg : "");
    } catch (const std::exception& e) {
      g_last_result = std::string("{\"error\":\"test hook threw: ") + e.what() + "\"}";
    }
  }
  return g_last_result.c_str();
}

EM_JS(void, js_define_test_hook, (const char* name_p, int json), {
  const name = UTF8ToString(name_p);
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  c[name] = function(arg) {
    const a = arg === undefined || arg === null ? "" : (typeof arg === "string" ? arg : JSON.stringify(arg));
    // Arguments may be large (a whole document): heap, not ccall's stack strings.
    const put = function(s) { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; };
    const np = put(name), ap = put(a);
    let text;
    try { text = UTF8ToString(_cloudplay_test_call(np, ap)); } finally { _free(np); _free(ap); }
    return json ? JSON.parse(text) : text;
  };
});

namespace cp::wasm {

void register_test_hook(const std::string& name, TestHook hook, Result result) {
  hooks()[name] = Hook{std::move(hook)};
  js_define_test_hook(name.c_str(), result == Result::Json ? 1 : 0);
}

}  // namespace cp::wasm
