#include "wasm/browser_platform.h"

#include <emscripten.h>

#include <cstdlib>

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
