// BrowserPlatform: the ui::Platform of the web app. Every call into
// JavaScript (URL, clipboard, localStorage, downloads) lives in wasm/.
#pragma once
#include <string>
#include <vector>

#include "ui/platform.h"

namespace cp::wasm {

// Sets window.cloudplay.version (the version the status line shows) for the page and its tests.
void publish_app_info();

class BrowserPlatform final : public ui::Platform {
public:
  void copy_to_clipboard(const std::string& text) override;
  std::string url_fragment() override;
  void set_url_fragment(const std::string& fragment) override;
  std::optional<std::string> storage_get(const std::string& key) override;
  bool storage_set(const std::string& key, const std::string& value) override;
  void download(const std::string& filename, const std::string& mime, const std::string& data) override;
  std::string preferred_language() override;
  void report_frame(double frame_ms) override;
  void request_paste() override;
  // Files, PNG export, pointer kind, page address: wasm/browser_files.cpp.
  void pick_file(const std::string& accept) override;
  std::vector<OpenedFile> take_opened_files() override;
  void download_svg_as_png(const std::string& filename, const std::string& svg, int min_width_px) override;
  bool coarse_pointer() override;
  std::string page_url() override;
  double wall_time_s() override;
  // Full screen, the audience window and the channel between windows: wasm/browser_present.cpp.
  void set_fullscreen(bool on) override;
  bool fullscreen() override;
  bool open_window(const std::string& url) override;
  void broadcast(const std::string& message) override;
  std::vector<std::string> take_broadcasts() override;
  // A WebM clip of the screen: wasm/browser_recording.cpp.
  bool start_recording(const std::string& filename, float x, float y, float w, float h) override;
  void set_recording_rect(float x, float y, float w, float h) override;
  void stop_recording() override;
  bool take_empty_recording() override;
};

// ---- Text input and clipboard bridges (installed once, before the first frame) ----
// SDL's browser keyboard handling sees no IME composition (Korean, Japanese,
// Chinese input) and cancels Ctrl+V, so the browser never fires "paste". The
// bridges add: a hidden <textarea> that takes focus while ImGui wants text,
// shows the syllable being composed at the caret, and hands committed text to
// take_typed_text(); and a "paste" listener whose text goes to take_pasted_text().
void install_browser_bridges();
// Each frame: does ImGui want text (focus the hidden input), and where its caret is (CSS px).
void update_text_input(bool want_text, float caret_x, float caret_y);
// Text committed by the IME (or inserted without a key press) since the last call.
std::vector<std::string> take_typed_text();
// Text pasted (Ctrl+V or Edit > Paste) since the last call.
std::vector<std::string> take_pasted_text();
double device_pixel_ratio();

}  // namespace cp::wasm
