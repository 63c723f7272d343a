// Files in and out of the browser for ui/documents.cpp: the file picker (a
// hidden <input type=file>), .json files dropped onto the page, PNG downloads
// of what is on screen, and the page's address. Part of BrowserPlatform.
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
  const f = window.cloudplayFiles = { queue: [], pending: 0, png: null };
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
  // PNG export reads the WebGL canvas right after the frame is drawn (the drawing
  // buffer is only valid until the browser composites it).
  const prevPost = Module['postMainLoop'];
  Module['postMainLoop'] = function() {
    if (prevPost) prevPost();
    const job = f.png;
    if (!job) return;
    f.png = null;
    const c = Module['canvas'];
    const sx = c.width / (c.clientWidth || c.width), sy = c.height / (c.clientHeight || c.height);
    let x = job.x * sx, y = job.y * sy, w = job.w * sx, h = job.h * sy;
    if (!(w > 0 && h > 0)) { x = 0; y = 0; w = c.width; h = c.height; }
    const out = document.createElement('canvas');
    out.width = Math.round(w); out.height = Math.round(h);
    out.getContext('2d').drawImage(c, x, y, w, h, 0, 0, out.width, out.height);
    out.toBlob(function(blob) {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = job.name;
      document.body.appendChild(a);
      a.click();
      setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }, 'image/png');
  };
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

EM_JS(void, js_files_png, (const char* name, float x, float y, float w, float h), {
  window.cloudplayFiles.png = {name: UTF8ToString(name), x: x, y: y, w: w, h: h};
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

void BrowserPlatform::download_screen_png(const std::string& filename, float x, float y, float w, float h) {
  ensure_installed();
  js_files_png(filename.c_str(), x, y, w, h);
}

std::string BrowserPlatform::page_url() {
  char* p = js_page_url();
  std::string s(p ? p : "");
  std::free(p);
  return s;
}

double BrowserPlatform::wall_time_s() { return js_wall_time_s(); }

}  // namespace cp::wasm
