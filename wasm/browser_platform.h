// BrowserPlatform: the ui::Platform of the web app. Every call into
// JavaScript (URL, clipboard, localStorage, downloads) lives in wasm/.
#pragma once
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
};

}  // namespace cp::wasm
