// The web app's entry point: SDL2 window + WebGL2 context, Dear ImGui, and the
// browser's frame loop (emscripten_set_main_loop) driving ui::App.
// High DPI: SDL sizes the canvas' backing store at CSS size x devicePixelRatio
// (SDL_WINDOW_ALLOW_HIGHDPI); fonts are rebuilt whenever the ratio changes.
#include <GLES3/gl3.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"
#include "ui/app.h"
#include "ui/theme.h"
#include "wasm/browser_platform.h"
#include "wasm/test_api.h"

namespace {

struct Host {
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  cp::wasm::BrowserPlatform platform;
  cp::ui::App* app = nullptr;
  Uint64 last_ticks = 0;
  ImVec2 ime_pos{0, 0};
  std::string clipboard;  // what ImGui's text fields last copied
};
Host g_host;

// The start-up error page (web/loader.js) shows the one in the page's language.
EM_JS(void, js_report_fatal, (const char* en, const char* ko), {
  if (window.cloudplayFatal) window.cloudplayFatal(UTF8ToString(en), UTF8ToString(ko));
  else console.error(UTF8ToString(en));
});

void rebuild_fonts_if_needed() {
  float ratio = static_cast<float>(cp::wasm::device_pixel_ratio());
  if (!(ratio > 0)) ratio = 1;
  if (!cp::ui::fonts_need_rebuild(ratio)) return;
  const bool had_texture = cp::ui::fonts_pixel_ratio() > 0;
  cp::ui::load_fonts(ratio);
  if (had_texture) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

void frame() {
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    // Fingers (a phone): SDL gives 0..1 of the canvas; the app works in CSS px.
    if (e.type == SDL_FINGERDOWN || e.type == SDL_FINGERMOTION || e.type == SDL_FINGERUP) {
      int w = 0, h = 0;
      SDL_GetWindowSize(g_host.window, &w, &h);
      const auto kind = e.type == SDL_FINGERDOWN     ? cp::ui::FingerEvent::Down
                        : e.type == SDL_FINGERMOTION ? cp::ui::FingerEvent::Move
                                                     : cp::ui::FingerEvent::Up;
      g_host.app->on_finger(kind, static_cast<int64_t>(e.tfinger.fingerId), e.tfinger.x * w, e.tfinger.y * h);
    }
  }

  // The canvas follows the page size (CSS pixels x devicePixelRatio).
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = 0, h = 0;
  SDL_GetWindowSize(g_host.window, &w, &h);
  if (static_cast<int>(css_w) != w || static_cast<int>(css_h) != h)
    SDL_SetWindowSize(g_host.window, static_cast<int>(css_w), static_cast<int>(css_h));
  rebuild_fonts_if_needed();

  // Text from the IME bridge and the browser's paste events.
  ImGuiIO& io = ImGui::GetIO();
  for (const std::string& t : cp::wasm::take_typed_text())
    if (io.WantTextInput) io.AddInputCharactersUTF8(t.c_str());
  for (const std::string& t : cp::wasm::take_pasted_text()) g_host.app->on_paste(t);

  Uint64 now = SDL_GetPerformanceCounter();
  double dt = g_host.last_ticks ? double(now - g_host.last_ticks) / double(SDL_GetPerformanceFrequency()) : 1.0 / 60;
  g_host.last_ticks = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  g_host.app->frame(dt);
  ImGui::Render();
  cp::wasm::update_text_input(io.WantTextInput, g_host.ime_pos.x, g_host.ime_pos.y);
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  glClearColor(0.96f, 0.97f, 0.98f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void register_test_hooks(cp::ui::App& app) {
  using cp::wasm::Result;
  cp::wasm::register_test_hook("getDocument", [&app](const std::string&) { return app.editor().document_json(); });
  // Where things are on screen (CSS px): palette items, menus, frames, nodes and their handles;
  // selection, language, undo depth, inspector errors, toasts.
  cp::wasm::register_test_hook("editorState", [&app](const std::string&) { return app.debug_state().dump(); },
                               Result::Json);
}

}  // namespace

int main(int, char**) {
  cp::wasm::publish_app_info();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    const std::string why = SDL_GetError();
    js_report_fatal(("SDL could not start: " + why).c_str(), ("SDL을 시작하지 못했습니다: " + why).c_str());
    return 1;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  double css_w = 1280, css_h = 800;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  g_host.window = SDL_CreateWindow("cloudplay", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, int(css_w), int(css_h),
                                   SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  g_host.gl = g_host.window ? SDL_GL_CreateContext(g_host.window) : nullptr;
  if (!g_host.gl) {
    js_report_fatal("WebGL2 is not available in this browser, so cloudplay cannot draw its canvas.",
                    "이 브라우저에서는 WebGL2를 쓸 수 없어 cloudplay가 캔버스를 그릴 수 없습니다.");
    return 1;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is ours, not imgui.ini's
  cp::ui::apply_style();
  rebuild_fonts_if_needed();
  ImGui_ImplSDL2_InitForOpenGL(g_host.window, g_host.gl);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // Text fields copy to the system clipboard; pasting comes from the browser's paste event.
  io.SetClipboardTextFn = [](void*, const char* text) {
    g_host.clipboard = text ? text : "";
    g_host.platform.copy_to_clipboard(g_host.clipboard);
  };
  io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
  io.ImeSetInputScreenPosFn = [](int x, int y) { g_host.ime_pos = ImVec2(float(x), float(y)); };
  cp::wasm::install_browser_bridges();

  static cp::ui::App app(g_host.platform);
  g_host.app = &app;
  register_test_hooks(app);
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
