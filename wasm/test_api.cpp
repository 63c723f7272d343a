#include "wasm/test_api.h"

#include <emscripten.h>

#include <map>
#include <stdexcept>

#include "ui/documents.h"

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

// ---- Documents hooks (ui/documents.h): registered at start-up, they find the app's
// Documents when called.
//   loadDocument(json) -> [{path, message, message_ko}] (empty: loaded, as an undoable import)
//   getMessages()      -> [{id, title, text, lines, error, open}] banners shown so far
//   shareLink()        -> the share URL (also put in the address bar and on the clipboard)
//   examples()         -> [{file, name, description}];  openExample(file) -> true/false
//   exportJson(), exportPng(), exportSvg() -> start the download
namespace {

std::string issues_json(const std::vector<cp::doc::Issue>& issues) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : issues) out.push_back({{"path", e.path}, {"message", e.message}, {"message_ko", e.message_ko}});
  return out.dump();
}

struct DocumentHooks {
  DocumentHooks() {
    using cp::ui::Documents;
    using cp::wasm::Result;
    auto docs = [] {
      Documents* d = Documents::instance();
      if (!d) throw std::runtime_error("the app has no Documents yet");
      return d;
    };
    cp::wasm::register_test_hook(
        "loadDocument", [docs](const std::string& arg) { return issues_json(docs()->import_json(arg, "test.json")); },
        Result::Json);
    cp::wasm::register_test_hook(
        "getMessages", [docs](const std::string&) { return docs()->messages_json().dump(); }, Result::Json);
    cp::wasm::register_test_hook("shareLink", [docs](const std::string&) { return docs()->copy_link(); });
    cp::wasm::register_test_hook(
        "examples", [docs](const std::string&) { return docs()->examples_json().dump(); }, Result::Json);
    cp::wasm::register_test_hook(
        "openExample",
        [docs](const std::string& file) {
          return std::string(docs()->open_example(std::string(Documents::kExamplesDir) + "/" + file) ? "true" : "false");
        },
        Result::Json);
    cp::wasm::register_test_hook("exportJson", [docs](const std::string&) {
      docs()->export_json();
      return std::string();
    });
    cp::wasm::register_test_hook("exportPng", [docs](const std::string&) {
      docs()->export_png();
      return std::string();
    });
    cp::wasm::register_test_hook("exportSvg", [docs](const std::string&) {
      docs()->export_svg();
      return std::string();
    });
  }
};
DocumentHooks g_document_hooks;

}  // namespace
