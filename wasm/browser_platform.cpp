#include "wasm/browser_platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <utility>

#include "core/version.h"

// JavaScript helpers. Strings cross the boundary as UTF-8; returned strings are
// malloc'ed by JS and freed here.
EM_JS(void, js_copy_to_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(s).catch(function(e) { console.warn('clipboard: ' + e); });
  }
  window.cloudplayLastCopied = s;
});

EM_JS(char*, js_url_fragment, (), {
  const h = window.location.hash ? window.location.hash.substring(1) : "";
  const n = lengthBytesUTF8(h) + 1;
  const p = _malloc(n);
  stringToUTF8(h, p, n);
  return p;
});

EM_JS(void, js_set_url_fragment, (const char* f), {
  const s = UTF8ToString(f);
  history.replaceState(null, "", s.length ? "#" + s : window.location.pathname + window.location.search);
});

EM_JS(char*, js_storage_get, (const char* key), {
  let v = null;
  try { v = window.localStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
  if (v === null) return 0;
  const n = lengthBytesUTF8(v) + 1;
  const p = _malloc(n);
  stringToUTF8(v, p, n);
  return p;
});

EM_JS(int, js_storage_set, (const char* key, const char* value), {
  try { window.localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); return 1; } catch (e) { return 0; }
});

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int len), {
  const bytes = HEAPU8.slice(data, data + len);
  const blob = new Blob([bytes], {type: UTF8ToString(mime)});
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(char*, js_preferred_language, (), {
  const l = (navigator.language || 'en').toLowerCase();
  const n = lengthBytesUTF8(l) + 1;
  const p = _malloc(n);
  stringToUTF8(l, p, n);
  return p;
});

// The page and its tests read window.cloudplay: version, frames rendered, frame times.
EM_JS(void, js_set_app_info, (const char* version), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  c.version = UTF8ToString(version);
});

EM_JS(void, js_report_frame, (double ms), {
  const c = window.cloudplay || (window.cloudplay = {frames: 0, frameTimes: []});
  c.frames += 1;
  c.lastFrameMs = ms;
  c.frameTimes.push(ms);
  if (c.frameTimes.length > 600) c.frameTimes.shift();
  if (c.frames === 1 && window.onCloudplayFirstFrame) window.onCloudplayFirstFrame();
});

namespace cp::wasm {

void publish_app_info() { js_set_app_info(cp::kVersion); }

static std::string take_js_string(char* p) {
  if (!p) return {};
  std::string s(p);
  std::free(p);
  return s;
}

void BrowserPlatform::copy_to_clipboard(const std::string& text) { js_copy_to_clipboard(text.c_str()); }
std::string BrowserPlatform::url_fragment() { return take_js_string(js_url_fragment()); }
void BrowserPlatform::set_url_fragment(const std::string& fragment) { js_set_url_fragment(fragment.c_str()); }
std::optional<std::string> BrowserPlatform::storage_get(const std::string& key) {
  char* p = js_storage_get(key.c_str());
  if (!p) return std::nullopt;
  return take_js_string(p);
}
bool BrowserPlatform::storage_set(const std::string& key, const std::string& value) {
  return js_storage_set(key.c_str(), value.c_str()) != 0;
}
void BrowserPlatform::download(const std::string& filename, const std::string& mime, const std::string& data) {
  js_download(filename.c_str(), mime.c_str(), data.data(), static_cast<int>(data.size()));
}
std::string BrowserPlatform::preferred_language() { return take_js_string(js_preferred_language()); }
void BrowserPlatform::report_frame(double frame_ms) { js_report_frame(frame_ms); }

}  // namespace cp::wasm

// ---- Text input and clipboard bridges ---------------------------------------------
namespace {
std::vector<std::string> g_typed, g_pasted;
}

extern "C" EMSCRIPTEN_KEEPALIVE void cloudplay_bridge_text(const char* text) {
  if (text && *text) g_typed.emplace_back(text);
}
extern "C" EMSCRIPTEN_KEEPALIVE void cloudplay_bridge_paste(const char* text) {
  if (text && *text) g_pasted.emplace_back(text);
}

EM_JS(void, js_install_bridges, (), {
  if (window.cloudplayBridges) return;
  window.cloudplayBridges = true;
  const send = function(fn, s) {
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    try { fn(p); } finally { _free(p); }
  };
  // Ctrl/Cmd+V: hidden from SDL (which would cancel it), so the browser fires "paste".
  window.addEventListener('keydown', function(e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.code === 'KeyV' || e.key === 'v' || e.key === 'V')) {
      e.stopImmediatePropagation();
    }
  }, true);
  window.addEventListener('paste', function(e) {
    const t = e.clipboardData ? e.clipboardData.getData('text/plain') : "";
    e.preventDefault();
    if (t) send(_cloudplay_bridge_paste, t);
  });
  // The hidden text input. Plain keys still go through SDL (keypress); only text that
  // arrives without a keypress (IME composition, insertText) is forwarded from here.
  const ta = document.createElement('textarea');
  ta.id = 'cloudplay-text-input';
  ta.setAttribute('aria-hidden', 'true');
  ta.setAttribute('autocomplete', 'off');
  ta.setAttribute('autocorrect', 'off');
  ta.setAttribute('autocapitalize', 'off');
  ta.spellcheck = false;
  ta.style.cssText = 'position:fixed;left:0;top:0;width:1em;height:1.5em;opacity:0;border:0;padding:0 1px;margin:0;' +
    'resize:none;overflow:hidden;outline:none;font:15px "Nanum Gothic",sans-serif;line-height:1.5em;' +
    'background:#fff8d6;color:#16191f;z-index:5;pointer-events:none;white-space:pre;box-shadow:0 0 0 1px #ffb000';
  document.body.appendChild(ta);
  let composing = false;
  let committed = null;
  ta.addEventListener('compositionstart', function() { composing = true; ta.style.opacity = '1'; });
  ta.addEventListener('compositionupdate', function(e) {
    ta.style.width = Math.max(1, (e.data || "").length * 1.05 + 0.2) + 'em';
  });
  ta.addEventListener('compositionend', function(e) {
    composing = false;
    ta.style.opacity = '0';
    ta.style.width = '1em';
    if (e.data) {
      send(_cloudplay_bridge_text, e.data);
      committed = e.data;
      setTimeout(function() { committed = null; }, 0);
    }
    ta.value = "";
  });
  ta.addEventListener('input', function(e) {
    if (composing || e.isComposing) return;
    if (e.data && (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') && e.data !== committed) {
      send(_cloudplay_bridge_text, e.data);
    }
    committed = null;
    ta.value = "";
  });
  // Keys that drive the IME (keyCode 229) must not also reach SDL (a Backspace would delete twice).
  const imeKey = function(e) { if (e.isComposing || e.keyCode === 229) e.stopPropagation(); };
  ta.addEventListener('keydown', imeKey);
  ta.addEventListener('keyup', imeKey);
});

EM_JS(void, js_text_input_state, (int want, int x, int y, int move), {
  const ta = document.getElementById('cloudplay-text-input');
  if (!ta) return;
  if (want) {
    if (move) { ta.style.left = x + 'px'; ta.style.top = y + 'px'; }
    if (document.activeElement !== ta) ta.focus({preventScroll: true});
  } else if (document.activeElement === ta) {
    ta.blur();
    const c = document.getElementById('canvas');
    if (c) c.focus({preventScroll: true});
  }
});

EM_JS(void, js_request_paste, (), {
  if (!navigator.clipboard || !navigator.clipboard.readText) return;
  navigator.clipboard.readText().then(function(t) {
    if (!t) return;
    const n = lengthBytesUTF8(t) + 1;
    const p = _malloc(n);
    stringToUTF8(t, p, n);
    try { _cloudplay_bridge_paste(p); } finally { _free(p); }
  }).catch(function(e) { console.warn('clipboard: ' + e); });
});

namespace cp::wasm {

void BrowserPlatform::request_paste() { js_request_paste(); }

void install_browser_bridges() { js_install_bridges(); }

void update_text_input(bool want_text, float caret_x, float caret_y) {
  static bool last_want = false;
  static int last_x = -1, last_y = -1;
  const int x = static_cast<int>(caret_x), y = static_cast<int>(caret_y);
  if (!want_text && !last_want) return;
  const bool move = x != last_x || y != last_y;
  js_text_input_state(want_text ? 1 : 0, x, y, move ? 1 : 0);
  last_want = want_text;
  last_x = x;
  last_y = y;
}

std::vector<std::string> take_typed_text() { return std::exchange(g_typed, {}); }
std::vector<std::string> take_pasted_text() { return std::exchange(g_pasted, {}); }
double device_pixel_ratio() { return emscripten_get_device_pixel_ratio(); }

}  // namespace cp::wasm
