// Platform: what the UI needs from its host (the browser, via wasm/, or a
// native window). The UI calls only this interface; all JavaScript interop
// lives in wasm/ (see wasm/browser_platform.cpp).
#pragma once
#include <optional>
#include <string>

namespace cp::ui {

class Platform {
public:
  virtual ~Platform() = default;
  virtual void copy_to_clipboard(const std::string& text) = 0;
  virtual std::string url_fragment() = 0;              // without the leading '#'
  virtual void set_url_fragment(const std::string& fragment) = 0;
  virtual std::optional<std::string> storage_get(const std::string& key) = 0;
  virtual bool storage_set(const std::string& key, const std::string& value) = 0;
  virtual void download(const std::string& filename, const std::string& mime, const std::string& data) = 0;
  virtual std::string preferred_language() = 0;        // "en", "ko", ...
  // Called once per frame with the time the app spent building it (ms).
  virtual void report_frame(double frame_ms) = 0;
  // Asks for the system clipboard's text (the Edit > Paste menu); it arrives later
  // through App::on_paste, like a Ctrl+V paste. Browsers may ask the user first.
  virtual void request_paste() {}
};

}  // namespace cp::ui
