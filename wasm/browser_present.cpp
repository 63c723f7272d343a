// Presenter mode's browser side (ui/presenter.cpp): full screen, the audience window
// (window.open) and the channel between the presenter's and the audience's windows
// (a BroadcastChannel; nothing leaves the browser). Also keeps F5, which enters
// presenter mode, from reloading the page. Part of BrowserPlatform.
//   window.cloudplayPresent = {queue: [...messages received], sent: n, received: n}
#include <emscripten.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "wasm/browser_platform.h"

EM_JS(void, js_present_install, (), {
  if (window.cloudplayPresent) return;
  const p = window.cloudplayPresent = {queue: [], sent: 0, received: 0, channel: null};
  try {
    p.channel = new BroadcastChannel('cloudplay-present');
    p.channel.onmessage = function(e) {
      if (typeof e.data === 'string') { p.queue.push(e.data); p.received++; }
    };
  } catch (e) { console.warn('presenter: no BroadcastChannel: ' + e); }
  // F5 enters presenter mode (the app sees the key through SDL); the browser must not reload.
  window.addEventListener('keydown', function(e) {
    if (e.key === 'F5' && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) e.preventDefault();
  }, true);
});

EM_JS(void, js_present_fullscreen, (int on), {
  try {
    if (on && !document.fullscreenElement && document.documentElement.requestFullscreen)
      document.documentElement.requestFullscreen().catch(function(e) { console.info('full screen refused: ' + e); });
    else if (!on && document.fullscreenElement && document.exitFullscreen)
      document.exitFullscreen().catch(function() {});
  } catch (e) { console.info('full screen: ' + e); }
});

EM_JS(int, js_present_is_fullscreen, (), { return document.fullscreenElement ? 1 : 0; });

EM_JS(int, js_present_open_window, (const char* url), {
  const w = window.open(UTF8ToString(url), 'cloudplay-audience', 'popup,width=1280,height=800');
  return w ? 1 : 0;
});

EM_JS(void, js_present_post, (const char* message), {
  const p = window.cloudplayPresent;
  if (!p || !p.channel) return;
  p.channel.postMessage(UTF8ToString(message));
  p.sent++;
});

// All messages received since the last call, as one JSON array (malloc'ed, freed by the caller).
EM_JS(char*, js_present_take, (), {
  const p = window.cloudplayPresent;
  if (!p || p.queue.length === 0) return 0;
  const s = JSON.stringify(p.queue);
  p.queue = [];
  const n = lengthBytesUTF8(s) + 1;
  const ptr = _malloc(n);
  stringToUTF8(s, ptr, n);
  return ptr;
});

namespace cp::wasm {

void BrowserPlatform::set_fullscreen(bool on) { js_present_fullscreen(on ? 1 : 0); }

bool BrowserPlatform::fullscreen() { return js_present_is_fullscreen() != 0; }

bool BrowserPlatform::open_window(const std::string& url) { return js_present_open_window(url.c_str()) != 0; }

void BrowserPlatform::broadcast(const std::string& message) {
  js_present_install();
  js_present_post(message.c_str());
}

std::vector<std::string> BrowserPlatform::take_broadcasts() {
  js_present_install();
  std::vector<std::string> out;
  char* p = js_present_take();
  if (!p) return out;
  nlohmann::json list = nlohmann::json::parse(p, nullptr, false);
  std::free(p);
  if (list.is_array())
    for (const auto& m : list)
      if (m.is_string()) out.push_back(m.get<std::string>());
  return out;
}

}  // namespace cp::wasm
