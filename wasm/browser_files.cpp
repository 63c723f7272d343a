// Files in and out of the browser for ui/documents.cpp: the file picker (a
// hidden <input type=file>), .json files dropped onto the page, PNG downloads
// rasterised from the diagram's SVG, and the page's address. Part of BrowserPlatform.
#include <emscripten.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "ui/documents.h"
#include "wasm/browser_platform.h"

// One queue of opened files (picked or dropped); the app takes it each frame.
// Files over kMaxBytes are not read: the app says they are too large.
EM_JS(void, js_files_install, (), {
  if (window.cloudplayFiles) return;
  const kMaxBytes = 4 * 1024 * 1024;
  const f = window.cloudplayFiles = { queue: [], pending: 0 };
  f.read = function(file) {
    if (file.size > kMaxBytes) { f.queue.push({name: file.name, size: file.size, tooLarge: true}); return; }
    f.pending++;
    file.text().then(function(t) { f.queue.push({name: file.name, size: file.size, text: t}); })
      .catch(function(e) { f.queue.push({name: file.name, size: file.size, text: "", error: String(e)}); })
      .finally(function() { f.pending--; });
  };
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'cloudplay-file-input';
  input.style.display = 'none';
  input.addEventListener('change', function() {
    for (const file of input.files) f.read(file);
    input.value = "";
  });
  document.body.appendChild(input);
  f.input = input;
  // Drag and drop anywhere on the page; a hint shows while a file is held over it.
  const hasFiles = function(e) { return e.dataTransfer && Array.from(e.dataTransfer.types || []).indexOf('Files') >= 0; };
  let depth = 0;
  const hint = document.createElement('div');
  hint.id = 'cloudplay-drop-hint';
  hint.hidden = true;
  hint.style.cssText = "position:fixed;inset:12px;border:3px dashed #0972d3;border-radius:12px;" +
    "background:rgba(9,114,211,0.08);display:flex;align-items:center;justify-content:center;" +
    "font:600 20px system-ui,sans-serif;color:#0b3d73;pointer-events:none;z-index:10";
  const ko = (navigator.language || "").toLowerCase().startsWith("ko");
  hint.textContent = ko ? ".json 파일을 놓으면 가져옵니다" : "Drop a .json file to import it";
  document.body.appendChild(hint);
  const showHint = function(on) { hint.hidden = !on; hint.style.display = on ? "flex" : "none"; };
  showHint(false);
  window.addEventListener('dragenter', function(e) { if (hasFiles(e)) { depth++; showHint(true); } }, true);
  window.addEventListener('dragleave', function(e) { if (hasFiles(e) && --depth <= 0) { depth = 0; showHint(false); } }, true);
  window.addEventListener('dragover', function(e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, true);
  window.addEventListener('drop', function(e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    showHint(false);
    for (const file of e.dataTransfer.files) f.read(file);
  }, true);
  // Unsaved edits are written when the tab is hidden or closed (autosave waits 1 s otherwise).
  const flush = function() { try { _cloudplay_flush_autosave(); } catch (e) { console.warn('autosave: ' + e); } };
  document.addEventListener('visibilitychange', function() { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);
});

EM_JS(void, js_files_pick, (const char* accept), {
  const f = window.cloudplayFiles;
  f.input.accept = UTF8ToString(accept);
  f.input.click();
});

EM_JS(char*, js_files_take, (), {
  const f = window.cloudplayFiles;
  if (!f || f.queue.length === 0) return 0;
  const s = JSON.stringify(f.queue);
  f.queue = [];
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

// The browser draws the SVG (vector shapes, text in its own fonts) onto a 2D canvas
// at the chosen scale: sharp at slide size, unlike an enlarged screenshot. Sides stay
// under 16384 px (browsers refuse larger canvases). window.cloudplayFiles.lastPng
// tells the tests the size, or the error.
EM_JS(void, js_files_svg_png, (const char* name_p, const char* svg_p, int min_width), {
  const name = UTF8ToString(name_p), svg = UTF8ToString(svg_p);
  const f = window.cloudplayFiles;
  const url = URL.createObjectURL(new Blob([svg], {type: 'image/svg+xml'}));
  const img = new Image();
  const fail = function(why) { f.lastPng = {error: String(why)}; console.error('PNG export: ' + why); };
  img.onload = function() {
    URL.revokeObjectURL(url);
    const w = img.naturalWidth || img.width, h = img.naturalHeight || img.height;
    if (!(w > 0 && h > 0)) return fail('the diagram has no size');
    const scale = Math.min(Math.max(min_width / w, 2), 16384 / w, 16384 / h);
    const out = document.createElement('canvas');
    out.width = Math.round(w * scale); out.height = Math.round(h * scale);
    const g = out.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, out.width, out.height);
    g.drawImage(img, 0, 0, out.width, out.height);
    out.toBlob(function(blob) {
      if (!blob) return fail('the browser could not encode the PNG');
      f.lastPng = {width: out.width, height: out.height, bytes: blob.size};
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, 'image/png');
  };
  img.onerror = function() { URL.revokeObjectURL(url); fail('the browser could not read the diagram SVG'); };
  img.src = url;
});

EM_JS(bool, js_coarse_pointer, (), {
  return !!(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);
});

EM_JS(char*, js_page_url, (), {
  const u = window.location.href.split('#')[0];
  const n = lengthBytesUTF8(u) + 1;
  const p = _malloc(n);
  stringToUTF8(u, p, n);
  return p;
});

EM_JS(double, js_wall_time_s, (), { return Date.now() / 1000; });

extern "C" EMSCRIPTEN_KEEPALIVE void cloudplay_flush_autosave() {
  if (cp::ui::Documents* d = cp::ui::Documents::instance()) d->save_now();
}

namespace cp::wasm {

namespace {
void ensure_installed() {
  static bool done = false;
  if (!done) {
    js_files_install();
    done = true;
  }
}
}  // namespace

void BrowserPlatform::pick_file(const std::string& accept) {
  ensure_installed();
  js_files_pick(accept.c_str());
}

std::vector<ui::Platform::OpenedFile> BrowserPlatform::take_opened_files() {
  ensure_installed();
  std::vector<OpenedFile> out;
  char* p = js_files_take();
  if (!p) return out;
  nlohmann::json j = nlohmann::json::parse(p, nullptr, false);
  std::free(p);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    OpenedFile f;
    f.name = e.value("name", std::string("file.json"));
    f.size = static_cast<size_t>(e.value("size", 0.0));
    f.too_large = e.value("tooLarge", false);
    f.text = e.value("text", std::string());
    out.push_back(std::move(f));
  }
  return out;
}

void BrowserPlatform::download_svg_as_png(const std::string& filename, const std::string& svg, int min_width_px) {
  ensure_installed();
  js_files_svg_png(filename.c_str(), svg.c_str(), min_width_px);
}

bool BrowserPlatform::coarse_pointer() { return js_coarse_pointer(); }

std::string BrowserPlatform::page_url() {
  char* p = js_page_url();
  std::string s(p ? p : "");
  std::free(p);
  return s;
}

double BrowserPlatform::wall_time_s() { return js_wall_time_s(); }

}  // namespace cp::wasm
