// Documents: where a document comes from and goes to — autosave, share links,
// the File menu (New, Open example, Import/Export JSON, Export PNG, Copy link)
// and the messages shown when something cannot be opened.
//
//   editor.add_extension(std::make_unique<Documents>(editor, platform));  // ui/app.cpp
//   // At start: a share link in the URL (#v1....) is opened; if it is broken, a
//   // message says why and the autosaved work is restored instead. Otherwise the
//   // autosave ("cloudplay.autosave.v1" in localStorage) is restored.
//   // Every change is autosaved 1 s after the last edit; nothing is written
//   // before the user's first edit, so opening a link never overwrites saved work.
//
// A corrupted autosave is shown as a message and kept aside, never overwritten,
// under "cloudplay.autosave.corrupt.<UTC time>".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/doc/document.h"
#include "core/doc/share_link.h"
#include "ui/editor.h"
#include "ui/platform.h"

namespace cp::ui {

class Documents : public EditorExtension {
public:
  static constexpr const char* kAutosaveKey = "cloudplay.autosave.v1";
  static constexpr const char* kCorruptKeyPrefix = "cloudplay.autosave.corrupt.";
  static constexpr const char* kBeforeLinkKey = "cloudplay.autosave.before-link";
  static constexpr double kAutosaveDelayS = 1.0;
  static constexpr const char* kExamplesDir = "/assets/examples";

  Documents(Editor& editor, Platform& platform);
  ~Documents() override;
  void file_menu() override;
  void frame() override;

  // The Documents of the running app (for wasm/test_api.cpp), or nullptr.
  static Documents* instance();

  // ---- actions (File menu; tests) -------------------------------------------------
  void new_document();
  // Loads a document from JSON text (import, examples, tests). On success the
  // document replaces the current one (undoable) and the result is empty; on
  // failure nothing changes and a message lists the problems, which are returned.
  std::vector<doc::Issue> import_json(const std::string& text, const std::string& source_name);
  bool open_example(const std::string& path);
  void export_json();
  void export_png();  // the whole diagram, at least 1920 px wide
  void export_svg();
  // Encodes the document into a share link, puts it in the address bar and on the
  // clipboard, and returns the URL ("" when the document is too large for a link).
  std::string copy_link();
  // A file name made from a document's name (ASCII letters, digits, - _ and Hangul
  // syllables; anything else becomes "-"; at most 60 bytes); `fallback` when nothing is left.
  static std::string stem_of(const std::string& name, const std::string& fallback);
  // Writes the autosave now if there are unsaved edits (the page is being hidden or closed).
  void save_now();

  // Run settings that arrived with a share link (the run view starts from them).
  const std::optional<doc::RunSettings>& shared_run() const { return shared_run_; }
  void set_run_settings(const doc::RunSettings& run) { run_ = run; }

  // ---- messages (banners over the canvas) --------------------------------------------
  struct Message {
    std::string id;                    // "link_error", "autosave_corrupt", "import_error", ...
    std::string title_en, title_ko;
    std::string text_en, text_ko;
    std::vector<std::string> lines;    // "path: problem" lines from the loader, in English
    std::vector<std::string> lines_ko; // the same lines in Korean
    bool error = true;
    bool open = true;
  };
  const std::vector<Message>& messages() const { return messages_; }
  nlohmann::json messages_json() const;  // [{id, title, text, lines, error, open}] in the current language
  nlohmann::json examples_json();        // [{file, name, description}] in the current language

private:
  struct Example {
    std::string path, file, name, description;
    std::string name_ko, description_ko;  // from the example's story (ui/story.h picks the language)
  };
  void start();
  void restore_autosave(bool after_link_error);
  void autosave_tick();
  void take_opened_files();
  void draw_messages();
  void show(Message m);
  const std::vector<Example>& examples();
  std::string file_stem() const;

  Editor& ed_;
  Platform& platform_;
  doc::RunSettings run_;
  std::optional<doc::RunSettings> shared_run_;
  uint64_t baseline_revision_ = 0;     // no autosave while revision() == this (nothing edited yet)
  uint64_t saved_revision_ = 0;
  uint64_t seen_revision_ = 0;
  double changed_at_ = -1;             // ImGui time of the last unsaved change
  uint64_t hash_revision_ = 0;         // revision whose link is in the address bar (0: none of ours)
  bool autosave_blocked_ = false;      // a corrupt autosave could not be kept aside: never overwrite it
  bool autosave_failed_shown_ = false;
  std::optional<std::string> backup_before_first_save_;  // saved work replaced by an opened link
  std::vector<Message> messages_;
  std::vector<Example> examples_;
  bool examples_loaded_ = false;
};

}  // namespace cp::ui
