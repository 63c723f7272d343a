// A short WebM clip of part of the screen, for ui/run_toolbar.cpp (Record): the
// browser's MediaRecorder records a 2D canvas into which the WebGL canvas'
// rectangle is copied after every frame (the drawing buffer is valid only right
// after the frame is drawn, as for the PNG export). When it stops, the clip goes
// through the same download glue as every other file (BrowserPlatform::download).
// Part of BrowserPlatform.
#include <emscripten.h>

#include <cstdlib>
#include <string>
#include <utility>

#include "wasm/browser_platform.h"

namespace {
std::string g_clip_name;      // the file name of the clip being recorded
bool g_clip_empty = false;    // the last clip had no data (not downloaded)
}

EM_JS(int, js_rec_start, (float x, float y, float w, float h), {
  if (typeof MediaRecorder === 'undefined') return 0;
  const src = Module['canvas'];
  if (!src || !HTMLCanvasElement.prototype.captureStream) return 0;
  const types = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];
  let type = "";
  for (const t of types) if (MediaRecorder.isTypeSupported(t)) { type = t; break; }
  if (!type) return 0;
  const old = window.cloudplayRecording;
  if (old && old.recorder && old.recorder.state !== 'inactive') return 0;
  const r = {x: x, y: y, w: w, h: h, chunks: [], bytes: 0};
  // The clip's size: the rectangle in device pixels, at most 1920 wide (smaller files).
  const sx = src.width / (src.clientWidth || src.width);
  let ow = Math.round((w > 0 ? w : src.clientWidth) * sx), oh = Math.round((h > 0 ? h : src.clientHeight) * sx);
  const k = Math.min(1, 1920 / Math.max(1, ow));
  ow = Math.max(2, Math.round(ow * k / 2) * 2); oh = Math.max(2, Math.round(oh * k / 2) * 2);
  const out = document.createElement('canvas');
  out.width = ow; out.height = oh;
  r.out = out;
  r.ctx = out.getContext('2d');
  r.ctx.fillStyle = '#f5f7fa';
  r.ctx.fillRect(0, 0, ow, oh);
  let stream;
  try {
    stream = out.captureStream(30);
    r.recorder = new MediaRecorder(stream, {mimeType: type, videoBitsPerSecond: 2500000});
  } catch (e) {
    console.warn('recording: ' + e);
    return 0;
  }
  r.recorder.ondataavailable = function(e) { if (e.data && e.data.size) { r.chunks.push(e.data); r.bytes += e.data.size; } };
  r.recorder.onstop = function() {
    stream.getTracks().forEach(function(t) { t.stop(); });
    new Blob(r.chunks, {type: 'video/webm'}).arrayBuffer().then(function(buf) {
      const n = buf.byteLength;
      const p = _malloc(Math.max(1, n));
      HEAPU8.set(new Uint8Array(buf), p);
      try { _cloudplay_recording_done(p, n); } finally { _free(p); }
      r.done = true;
    });
  };
  // Copy the rectangle after each frame is drawn.
  if (!window.cloudplayRecHooked) {
    window.cloudplayRecHooked = true;
    const prevPost = Module['postMainLoop'];
    Module['postMainLoop'] = function() {
      if (prevPost) prevPost();
      const rec = window.cloudplayRecording;
      if (!rec || !rec.recorder || rec.recorder.state !== 'recording') return;
      const c = Module['canvas'];
      const s = c.width / (c.clientWidth || c.width);
      let rx = rec.x * s, ry = rec.y * s, rw = rec.w * s, rh = rec.h * s;
      if (!(rw > 0 && rh > 0)) { rx = 0; ry = 0; rw = c.width; rh = c.height; }
      rec.ctx.drawImage(c, rx, ry, rw, rh, 0, 0, rec.out.width, rec.out.height);
      rec.frames = (rec.frames || 0) + 1;
    };
  }
  window.cloudplayRecording = r;
  r.recorder.start(1000);  // a chunk a second: a long clip never sits in one buffer
  return 1;
});

EM_JS(void, js_rec_rect, (float x, float y, float w, float h), {
  const r = window.cloudplayRecording;
  if (r) { r.x = x; r.y = y; r.w = w; r.h = h; }
});

// Stopping waits for the clip's first data. Chromium's recorder writes the WebM
// header with its first encoded frame, and encodes on another thread: a recorder
// stopped before that (a short clip on a loaded machine, or a tab that drew no
// frame yet) hands over an empty file. So ask for data and stop once some has
// arrived, copying frames meanwhile; after 10 s without any, stop anyway (the
// empty clip is then reported, not downloaded).
EM_JS(void, js_rec_stop, (), {
  const r = window.cloudplayRecording;
  if (!r || !r.recorder || r.recorder.state === 'inactive' || r.stopping) return;
  r.stopping = true;
  const giveUp = performance.now() + 10000;
  const tryStop = function() {
    if (r.recorder.state === 'inactive') return;
    if (r.bytes > 0 || performance.now() > giveUp) { r.recorder.stop(); return; }
    try { r.recorder.requestData(); } catch (e) {}
    setTimeout(tryStop, 100);
  };
  tryStop();
});

// The finished clip (called from JavaScript): downloaded like any other file.
extern "C" EMSCRIPTEN_KEEPALIVE void cloudplay_recording_done(const char* data, int len) {
  if (len <= 0) {
    g_clip_empty = true;
    return;
  }
  cp::wasm::BrowserPlatform platform;
  platform.download(g_clip_name.empty() ? "cloudplay-run.webm" : g_clip_name, "video/webm",
                    std::string(data, static_cast<size_t>(len > 0 ? len : 0)));
}

namespace cp::wasm {

bool BrowserPlatform::start_recording(const std::string& filename, float x, float y, float w, float h) {
  if (!js_rec_start(x, y, w, h)) return false;
  g_clip_name = filename;
  return true;
}

void BrowserPlatform::set_recording_rect(float x, float y, float w, float h) { js_rec_rect(x, y, w, h); }

void BrowserPlatform::stop_recording() { js_rec_stop(); }

bool BrowserPlatform::take_empty_recording() { return std::exchange(g_clip_empty, false); }

}  // namespace cp::wasm
