// The window test interface: small functions on window.cloudplay that the
// browser tests (tests/browser/*.test.mjs, Playwright) call to read and drive
// the app by structure instead of pixels.
//
//   // C++ (wasm/main.cpp, after the App exists):
//   cp::wasm::register_test_hook("getDocument", [&](const std::string&) { return json_text; });
//   cp::wasm::register_test_hook("loadDocument", fn, cp::wasm::Result::Json);
//   // JavaScript (a test):
//   const text = await page.evaluate(() => window.cloudplay.getDocument());
//   const errors = await page.evaluate((j) => window.cloudplay.loadDocument(j), json);
//
// A hook takes one string argument (may be empty) and returns a string; with
// Result::Json the JS side returns JSON.parse(result) instead of the text.
// Anyone may add hooks: register them here (wasm/) from objects the App exposes.
#pragma once
#include <functional>
#include <string>

namespace cp::wasm {

enum class Result { Text, Json };

using TestHook = std::function<std::string(const std::string& arg)>;

// Defines window.cloudplay.<name>(arg) calling `hook`. Registering a name again replaces it.
void register_test_hook(const std::string& name, TestHook hook, Result result = Result::Text);

}  // namespace cp::wasm
