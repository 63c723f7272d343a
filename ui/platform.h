// Platform: what the UI needs from its host (the browser, via wasm/, or a
// native window). The UI calls only this interface; all JavaScript interop
// lives in wasm/ (see wasm/browser_platform.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

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

  // ---- files (ui/documents.cpp) ----------------------------------------------------
  // A file the user opened with the file picker or dropped onto the page.
  struct OpenedFile {
    std::string name;
    std::string text;
    size_t size = 0;         // bytes, as the browser reported them
    bool too_large = false;  // over the size the host reads (text is then empty)
  };
  // Opens the browser's file picker (e.g. accept = ".json,application/json");
  // the chosen file arrives later through take_opened_files().
  virtual void pick_file(const std::string& /*accept*/) {}
  // Files picked or dropped since the last call.
  virtual std::vector<OpenedFile> take_opened_files() { return {}; }
  // Rasterises an SVG document (its width/height attributes in px) scaled so the
  // picture is at least `min_width_px` wide, and downloads it as a PNG file.
  virtual void download_svg_as_png(const std::string& /*filename*/, const std::string& /*svg*/,
                                   int /*min_width_px*/) {}
  // True on a phone or tablet: the primary pointer is coarse (a finger), not a mouse.
  virtual bool coarse_pointer() { return false; }
  // ---- a short video clip of the screen (ui/run_toolbar.cpp) ---------------------------
  // Starts recording the rectangle (x, y, w, h in CSS px) of what is drawn each frame
  // as WebM (the browser's MediaRecorder). False when the host cannot record.
  virtual bool start_recording(const std::string& /*filename*/, float /*x*/, float /*y*/, float /*w*/,
                               float /*h*/) {
    return false;
  }
  // The rectangle to record from now on (the window may have been resized).
  virtual void set_recording_rect(float /*x*/, float /*y*/, float /*w*/, float /*h*/) {}
  // Stops; the clip is then downloaded (through download(), as "video/webm").
  virtual void stop_recording() {}
  // True once after a stopped clip turned out empty (no frame was recorded); it
  // was not downloaded.
  virtual bool take_empty_recording() { return false; }
  // The page's address without its fragment, e.g. "https://host/cloudplay/" (share links).
  virtual std::string page_url() { return {}; }
  // Wall-clock time, seconds since 1970 (names of kept-aside saves).
  virtual double wall_time_s() { return 0; }
  // ---- presenter mode (ui/presenter.cpp) ------------------------------------------------
  // Asks the browser for full screen (or leaves it); fullscreen() says whether the page is.
  virtual void set_fullscreen(bool /*on*/) {}
  virtual bool fullscreen() { return false; }
  // Opens `url` in a new window (the audience window); false when the browser blocked it.
  virtual bool open_window(const std::string& /*url*/) { return false; }
  // Messages to and from this page's other windows (a BroadcastChannel), in order of arrival.
  virtual void broadcast(const std::string& /*message*/) {}
  virtual std::vector<std::string> take_broadcasts() { return {}; }
};

}  // namespace cp::ui
