// Documents: autosave, share links, File menu, messages (see documents.h).
// Sections:
//   [strings]   English and Korean texts (registered with i18n)
//   [start]     share link or autosave, corrupt autosave kept aside
//   [autosave]  debounced writes, never before the first edit
//   [actions]   new, import, examples, export JSON/PNG, copy link
//   [messages]  the banner window
#include "core/catalog/validate.h"
#include "ui/documents.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "imgui.h"
#include "imgui_internal.h"
#include "ui/diagram_export.h"
#include "ui/i18n.h"
#include "ui/story.h"

namespace cp::ui {

namespace {

// ---- [strings] ---------------------------------------------------------------------
const StringEntry kStrings[] = {
    {"doc.menu.new", "New", "새로 만들기"},
    {"doc.menu.open_example", "Open example", "예제 열기"},
    {"doc.menu.no_examples", "(no examples in this build)", "(이 빌드에는 예제가 없습니다)"},
    {"doc.menu.import", "Import JSON...", "JSON 가져오기..."},
    {"doc.menu.export_json", "Export JSON", "JSON 내보내기"},
    {"doc.menu.export_png", "Export PNG", "PNG로 내보내기"},
    {"doc.menu.copy_link", "Copy link", "링크 복사"},
    {"doc.menu.import_hint", "You can also drop a .json file onto the page.",
     ".json 파일을 페이지에 끌어다 놓아도 됩니다."},
    {"doc.undo.new", "New document", "새 문서"},
    {"doc.undo.open_example", "Open example", "예제 열기"},
    {"doc.undo.import", "Import file", "파일 가져오기"},
    {"doc.msg.link_opened", "Opened a shared design: %s", "공유된 설계를 열었습니다: %s"},
    {"doc.msg.untitled", "untitled", "제목 없음"},
    {"doc.msg.link_copied", "Link copied to the clipboard (%d characters).", "링크를 클립보드에 복사했습니다(%d자)."},
    {"doc.msg.imported", "Imported %s.", "가져왔습니다: %s"},
    {"doc.msg.example_opened", "Opened the example: %s", "예제를 열었습니다: %s"},
    {"doc.msg.exported", "Downloaded %s.", "다운로드했습니다: %s"},
    {"doc.msg.upgraded", "The document was upgraded from an older format: %s",
     "이전 형식의 문서를 새 형식으로 바꿨습니다: %s"},
    {"doc.msg.more", "... and %d more", "... 외 %d개"},
    {"doc.title.link_error", "This share link could not be opened", "공유 링크를 열 수 없습니다"},
    {"doc.text.link_kept", "Your own work is unchanged: it was restored from this browser.",
     "작업 중이던 문서는 바뀌지 않았습니다. 이 브라우저에 저장된 작업을 불러왔습니다."},
    {"doc.text.link_kept_empty", "Nothing was saved in this browser yet, so the canvas is empty.",
     "이 브라우저에 저장된 작업이 없어 빈 캔버스로 시작합니다."},
    {"doc.title.autosave_corrupt", "Your saved work could not be read", "저장된 작업을 읽을 수 없습니다"},
    {"doc.text.autosave_corrupt",
     "The copy of your work saved in this browser is damaged, so cloudplay started with an empty canvas. "
     "The damaged copy was kept aside in the browser's storage as \"%s\" and will not be overwritten.",
     "이 브라우저에 저장된 작업 사본이 손상되어 빈 캔버스로 시작했습니다. 손상된 사본은 덮어쓰지 않고 브라우저 "
     "저장소에 따로 보관했습니다(이름: \"%s\")."},
    {"doc.text.autosave_corrupt_unkept",
     "The copy of your work saved in this browser is damaged, and it could not be kept aside (the browser's "
     "storage is full). Autosave is off so that it is not overwritten: use File > Export JSON to keep your work.",
     "이 브라우저에 저장된 작업 사본이 손상되었고, 저장 공간이 부족해 따로 보관하지 못했습니다. 손상된 사본을 "
     "덮어쓰지 않도록 자동 저장을 껐습니다. 파일 > JSON 내보내기로 작업을 보관해 주세요."},
    {"doc.title.import_error", "%s could not be imported", "%s 파일을 가져올 수 없습니다"},
    {"doc.text.import_error", "Nothing was changed. Fix these problems and import the file again:",
     "아무것도 바뀌지 않았습니다. 아래 문제를 고친 뒤 파일을 다시 가져와 주세요:"},
    {"doc.text.import_too_large",
     "The file is %s; cloudplay reads documents of up to 4 MB. Is this the right file? Nothing was changed.",
     "파일 크기가 %s입니다. cloudplay는 4MB까지의 문서를 읽습니다. 올바른 파일인지 확인해 주세요. 아무것도 "
     "바뀌지 않았습니다."},
    {"doc.title.example_error", "The example could not be opened", "예제를 열 수 없습니다"},
    {"doc.title.link_too_long", "This design is too large for a link", "이 설계는 링크로 공유하기에 너무 큽니다"},
    {"doc.text.link_too_long",
     "Its link would be %d characters long; links up to 64 KiB can be opened. Use File > Export JSON and share "
     "the file instead.",
     "링크 길이가 %d자가 되어 열 수 있는 한도(64KiB)를 넘습니다. 파일 > JSON 내보내기로 파일을 만들어 공유해 "
     "주세요."},
    {"doc.title.autosave_failed", "Your work could not be saved in this browser",
     "이 브라우저에 작업을 저장할 수 없습니다"},
    {"doc.text.autosave_failed",
     "The browser refused to store it (its storage may be full, or turned off as in a private window). Use "
     "File > Export JSON to keep a copy.",
     "브라우저가 저장을 거부했습니다(저장 공간이 가득 찼거나 시크릿 창처럼 저장소가 꺼져 있을 수 있습니다). "
     "파일 > JSON 내보내기로 사본을 보관해 주세요."},
    {"doc.button.ok", "OK", "확인"},
    {"doc.button.copy_details", "Copy details", "자세한 내용 복사"},
};

Documents* g_instance = nullptr;

// The loader's "path: problem" lines, in both languages.
void add_issue_lines(Documents::Message& m, const std::vector<doc::Issue>& issues) {
  for (const auto& e : issues) {
    m.lines.push_back(e.line(false));
    m.lines_ko.push_back(e.line(true));
  }
}

std::string utc_stamp(double wall_s) {
  std::time_t t = static_cast<std::time_t>(wall_s > 0 ? wall_s : std::time(nullptr));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%dT%H-%M-%SZ", &tm);
  return b;
}

std::string size_words(size_t bytes) {
  char b[32];
  if (bytes >= 1024 * 1024) std::snprintf(b, sizeof b, "%.1f MB", double(bytes) / (1024.0 * 1024.0));
  else std::snprintf(b, sizeof b, "%.0f KB", double(bytes) / 1024.0);
  return b;
}

// Both languages of a table string (messages keep both, so switching language re-words them).
std::pair<std::string, std::string> both(const char* key) {
  Lang was = language();
  set_language(Lang::En);
  std::string en = tr(key);
  set_language(Lang::Ko);
  std::string ko = tr(key);
  set_language(was);
  return {en, ko};
}
template <class... A>
std::pair<std::string, std::string> bothf(const char* key, A... args) {
  Lang was = language();
  set_language(Lang::En);
  std::string en = trf(key, args...);
  set_language(Lang::Ko);
  std::string ko = trf(key, args...);
  set_language(was);
  return {en, ko};
}

}  // namespace

Documents::Documents(Editor& editor, Platform& platform) : ed_(editor), platform_(platform) {
  static bool strings_added = false;
  if (!strings_added) {
    add_strings(kStrings, sizeof kStrings / sizeof kStrings[0]);
    strings_added = true;
  }
  g_instance = this;
  start();
}

Documents::~Documents() {
  if (g_instance == this) g_instance = nullptr;
}

Documents* Documents::instance() { return g_instance; }

// ---- [start] ------------------------------------------------------------------------
void Documents::start() {
  // `&present=1&step=N` after a link is presenter mode's (ui/presenter.h); `#example=<file>`
  // opens a shipped example (with them: a demo in presenter mode).
  const doc::PresentLink link = doc::parse_present_link(platform_.url_fragment());
  std::string fragment = link.rest;
  if (!link.example.empty() && fragment.rfind("example=", 0) == 0) {
    if (!open_example(std::string(kExamplesDir) + "/" + link.example)) restore_autosave(false);
    baseline_revision_ = ed_.revision();
    return;
  }
  // `#lesson=<id>&step=<n>` and `#lesson-data=v1.…` are the lesson panel's (ui/lesson_panel.h), not share links.
  if (!fragment.empty() && fragment.rfind("lesson=", 0) != 0 && fragment.rfind("lesson-data=", 0) != 0) {
    doc::ShareDecodeResult r = catalog::decode_share_fragment(fragment);
    if (r.ok()) {
      // The saved work stays in storage; it is copied aside before the first autosave replaces it.
      backup_before_first_save_ = platform_.storage_get(kAutosaveKey);
      const std::string name = r.document.name.empty() ? tr("doc.msg.untitled") : r.document.name;
      ed_.reset_document(std::move(r.document));
      run_ = r.run;
      shared_run_ = r.run;
      hash_revision_ = ed_.revision();
      ed_.notify(trf("doc.msg.link_opened", name.c_str()));
      if (!r.warnings.empty()) ed_.notify(trf("doc.msg.upgraded", r.warnings.front().text(korean()).c_str()));
      baseline_revision_ = ed_.revision();
      return;
    }
    restore_autosave(/*after_link_error=*/true);
    Message m;
    m.id = "link_error";
    std::tie(m.title_en, m.title_ko) = both("doc.title.link_error");
    auto kept = both(platform_.storage_get(kAutosaveKey) ? "doc.text.link_kept" : "doc.text.link_kept_empty");
    m.text_en = r.message_en + "\n\n" + kept.first;
    m.text_ko = r.message_ko + "\n\n" + kept.second;
    add_issue_lines(m, r.document_errors);
    show(std::move(m));
  } else {
    restore_autosave(false);
  }
  baseline_revision_ = ed_.revision();
}

void Documents::restore_autosave(bool /*after_link_error*/) {
  std::optional<std::string> saved = platform_.storage_get(kAutosaveKey);
  if (!saved || saved->empty()) return;
  doc::LoadResult r = catalog::parse_document(*saved);
  if (r.ok()) {
    ed_.reset_document(std::move(r.document));
    return;
  }
  // Damaged: keep it aside under a new name (never overwriting an earlier one).
  std::string key = kCorruptKeyPrefix + utc_stamp(platform_.wall_time_s());
  for (int i = 2; platform_.storage_get(key); ++i)
    key = kCorruptKeyPrefix + utc_stamp(platform_.wall_time_s()) + "-" + std::to_string(i);
  const bool kept = platform_.storage_set(key, *saved) && platform_.storage_get(key) == saved;
  Message m;
  m.id = "autosave_corrupt";
  std::tie(m.title_en, m.title_ko) = both("doc.title.autosave_corrupt");
  if (kept) {
    std::tie(m.text_en, m.text_ko) = bothf("doc.text.autosave_corrupt", key.c_str());
  } else {
    autosave_blocked_ = true;
    std::tie(m.text_en, m.text_ko) = both("doc.text.autosave_corrupt_unkept");
  }
  add_issue_lines(m, r.errors);
  show(std::move(m));
}

// ---- [autosave] ------------------------------------------------------------------------
void Documents::autosave_tick() {
  const uint64_t rev = ed_.revision();
  const double now = ImGui::GetTime();
  if (rev != seen_revision_) {
    seen_revision_ = rev;
    changed_at_ = now;  // debounce: wait until edits pause
    // The link in the address bar no longer describes the document: drop it, so a
    // reload brings back the autosaved work rather than the older linked version.
    if (hash_revision_ != 0 && rev != hash_revision_) {
      platform_.set_url_fragment("");
      hash_revision_ = 0;
    }
  }
  if (changed_at_ < 0 || now - changed_at_ < kAutosaveDelayS) return;
  save_now();
}

void Documents::save_now() {
  const uint64_t rev = ed_.revision();
  if (autosave_blocked_ || rev == baseline_revision_ || rev == saved_revision_) return;
  if (backup_before_first_save_) {
    platform_.storage_set(kBeforeLinkKey, *backup_before_first_save_);
    backup_before_first_save_.reset();
  }
  if (platform_.storage_set(kAutosaveKey, ed_.document_json())) {
    saved_revision_ = rev;
    autosave_failed_shown_ = false;
  } else {
    saved_revision_ = rev;  // retried at the next change
    if (!autosave_failed_shown_) {
      autosave_failed_shown_ = true;
      Message m;
      m.id = "autosave_failed";
      std::tie(m.title_en, m.title_ko) = both("doc.title.autosave_failed");
      std::tie(m.text_en, m.text_ko) = both("doc.text.autosave_failed");
      show(std::move(m));
    }
  }
}

void Documents::frame() {
  take_opened_files();
  autosave_tick();
  draw_messages();
}

// ---- [actions] --------------------------------------------------------------------------
void Documents::new_document() { ed_.replace_document(doc::Document{}, tr("doc.undo.new")); }

std::vector<doc::Issue> Documents::import_json(const std::string& text, const std::string& source_name) {
  doc::LoadResult r = catalog::parse_document(text);
  if (!r.ok()) {
    Message m;
    m.id = "import_error";
    std::tie(m.title_en, m.title_ko) = bothf("doc.title.import_error", source_name.c_str());
    std::tie(m.text_en, m.text_ko) = both("doc.text.import_error");
    add_issue_lines(m, r.errors);
    show(std::move(m));
    return r.errors;
  }
  ed_.replace_document(std::move(r.document), tr("doc.undo.import"));
  ed_.notify(trf("doc.msg.imported", source_name.c_str()));
  if (!r.warnings.empty()) ed_.notify(trf("doc.msg.upgraded", r.warnings.front().text(korean()).c_str()));
  return {};
}

void Documents::take_opened_files() {
  for (Platform::OpenedFile& f : platform_.take_opened_files()) {
    if (f.too_large) {
      Message m;
      m.id = "import_error";
      std::tie(m.title_en, m.title_ko) = bothf("doc.title.import_error", f.name.c_str());
      std::tie(m.text_en, m.text_ko) = bothf("doc.text.import_too_large", size_words(f.size).c_str());
      show(std::move(m));
      continue;
    }
    import_json(f.text, f.name);
  }
}

const std::vector<Documents::Example>& Documents::examples() {
  if (examples_loaded_) return examples_;
  examples_loaded_ = true;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(kExamplesDir, ec)) {
    if (entry.path().extension() != ".json") continue;
    Example e;
    e.path = entry.path().string();
    e.file = entry.path().filename().string();
    e.name = entry.path().stem().string();
    std::ifstream in(e.path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_object()) {
      if (j.contains("name") && j["name"].is_string() && !j["name"].get<std::string>().empty())
        e.name = j["name"].get<std::string>();
      if (j.contains("description") && j["description"].is_string()) e.description = j["description"].get<std::string>();
      // The menu speaks the UI language: the story's name and text, when the example has them.
      auto text_of = [](const nlohmann::json& o, const char* key) {
        return o.is_object() && o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
      };
      const nlohmann::json story = j.contains("story") ? j["story"] : nlohmann::json();
      e.name_ko = text_of(story, "name_ko");
      if (std::string en = text_of(story, "en"); !en.empty()) e.description = en;
      e.description_ko = text_of(story, "ko");
    }
    examples_.push_back(std::move(e));
  }
  std::sort(examples_.begin(), examples_.end(), [](const Example& a, const Example& b) { return a.file < b.file; });
  return examples_;
}

nlohmann::json Documents::examples_json() {
  nlohmann::json out = nlohmann::json::array();
  const bool ko = korean();
  for (const auto& e : examples())
    out.push_back({{"file", e.file}, {"name", in_language(e.name, e.name_ko, ko)},
                   {"description", in_language(e.description, e.description_ko, ko)}});
  return out;
}

bool Documents::open_example(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  doc::LoadResult r = catalog::parse_document(ss.str());
  if (!in || !r.ok()) {
    Message m;
    m.id = "example_error";
    std::tie(m.title_en, m.title_ko) = both("doc.title.example_error");
    m.text_en = m.text_ko = std::filesystem::path(path).filename().string();
    add_issue_lines(m, r.errors);
    show(std::move(m));
    return false;
  }
  const std::string& title = story_title(r.document, korean());
  std::string name = title.empty() ? std::filesystem::path(path).stem().string() : title;
  ed_.replace_document(std::move(r.document), tr("doc.undo.open_example"));
  ed_.notify(trf("doc.msg.example_opened", name.c_str()));
  return true;
}

// A file name from the document's name: ASCII letters, digits, - and _, and Hangul
// syllables (Korean names); anything else becomes "-". At most 60 bytes.
std::string Documents::stem_of(const std::string& n, const std::string& fallback) {
  std::string s;
  for (size_t i = 0; i < n.size() && s.size() < 60;) {
    unsigned char c = static_cast<unsigned char>(n[i]);
    if (std::isalnum(c) || c == '-' || c == '_') {
      s += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (len == 3 && i + 2 < n.size()) {
      uint32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(n[i + 1]) & 0x3Fu) << 6) |
                    (static_cast<unsigned char>(n[i + 2]) & 0x3Fu);
      if (cp >= 0xAC00 && cp <= 0xD7A3) {
        s.append(n, i, 3);
        i += 3;
        continue;
      }
    }
    if (!s.empty() && s.back() != '-') s += '-';
    i += std::min(len, n.size() - i);
  }
  while (!s.empty() && s.back() == '-') s.pop_back();
  return s.empty() ? fallback : s;
}

std::string Documents::file_stem() const { return stem_of(ed_.document().name, "cloudplay-diagram"); }

void Documents::export_json() {
  std::string name = file_stem() + ".json";
  platform_.download(name, "application/json", doc::to_json_text(ed_.document()));
  ed_.notify(trf("doc.msg.exported", name.c_str()));
}

// Both pictures are the whole diagram drawn off-screen (ui/diagram_export.h), not
// what the canvas shows: the PNG is that SVG rasterised at slide resolution.
constexpr int kSlideWidthPx = 1920;

void Documents::export_png() {
  std::string name = file_stem() + ".png";
  platform_.download_svg_as_png(name, svg::to_svg(diagram_scene(ed_)), kSlideWidthPx);
  ed_.notify(trf("doc.msg.exported", name.c_str()));
}

void Documents::export_svg() {
  std::string name = file_stem() + ".svg";
  platform_.download(name, "image/svg+xml", svg::to_svg(diagram_scene(ed_)));
  ed_.notify(trf("doc.msg.exported", name.c_str()));
}

std::string Documents::copy_link() {
  std::string fragment = doc::encode_share_fragment(ed_.document(), run_);
  if (fragment.size() > doc::ShareLimits{}.max_fragment_chars) {
    Message m;
    m.id = "link_too_long";
    std::tie(m.title_en, m.title_ko) = both("doc.title.link_too_long");
    std::tie(m.text_en, m.text_ko) = bothf("doc.text.link_too_long", static_cast<int>(fragment.size()));
    show(std::move(m));
    return {};
  }
  std::string url = platform_.page_url() + "#" + fragment;
  platform_.set_url_fragment(fragment);
  hash_revision_ = ed_.revision();
  platform_.copy_to_clipboard(url);
  ed_.notify(trf("doc.msg.link_copied", static_cast<int>(url.size())));
  return url;
}

void Documents::file_menu() {
  if (ImGui::MenuItem(tr("doc.menu.new"))) new_document();
  if (ImGui::BeginMenu(tr("doc.menu.open_example"))) {
    const auto& list = examples();
    if (list.empty()) ImGui::TextDisabled("%s", tr("doc.menu.no_examples"));
    std::string chosen;
    const bool ko = korean();
    for (const auto& e : list) {
      if (ImGui::MenuItem((in_language(e.name, e.name_ko, ko) + "###" + e.file).c_str())) chosen = e.path;
      const std::string& description = in_language(e.description, e.description_ko, ko);
      if (!description.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        ImGui::TextUnformatted(description.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
    ImGui::EndMenu();
    if (!chosen.empty()) open_example(chosen);
  }
  ImGui::Separator();
  if (ImGui::MenuItem(tr("doc.menu.import"))) platform_.pick_file(".json,application/json");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("doc.menu.import_hint"));
  if (ImGui::MenuItem(tr("doc.menu.export_json"))) export_json();
  if (ImGui::MenuItem(tr("doc.menu.export_png"))) export_png();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("export.png_tip"));
  if (ImGui::MenuItem(tr("export.svg"))) export_svg();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("export.svg_tip"));
  ImGui::Separator();
  if (ImGui::MenuItem(tr("doc.menu.copy_link"))) copy_link();
  ImGui::Separator();
}

// ---- [messages] ---------------------------------------------------------------------------
void Documents::show(Message m) {
  // The same kind of message replaces the previous one (a second failed import).
  for (auto& old : messages_)
    if (old.id == m.id) old.open = false;
  messages_.push_back(std::move(m));
}

nlohmann::json Documents::messages_json() const {
  const bool ko = korean();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : messages_)
    out.push_back({{"id", m.id},
                   {"title", ko ? m.title_ko : m.title_en},
                   {"text", ko ? m.text_ko : m.text_en},
                   {"lines", ko && !m.lines_ko.empty() ? m.lines_ko : m.lines},
                   {"error", m.error},
                   {"open", m.open}});
  return out;
}

void Documents::draw_messages() {
  Message* m = nullptr;
  for (auto it = messages_.rbegin(); it != messages_.rend(); ++it)
    if (it->open) {
      m = &*it;
      break;
    }
  if (!m) return;
  const bool ko = korean();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  const float width = std::min(fs * 34, vp->WorkSize.x - 2 * fs);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + fs * 3), ImGuiCond_Always,
                          ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, m->error ? ImVec4(1.0f, 0.96f, 0.95f, 1) : ImVec4(0.95f, 0.97f, 1.0f, 1));
  ImGui::PushStyleColor(ImGuiCol_Border, m->error ? ImVec4(0.82f, 0.20f, 0.16f, 1) : ImVec4(0.2f, 0.45f, 0.8f, 1));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs, fs * 0.8f));
  ImGui::Begin("##document_message", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  // A warning sign: a filled circle with "!" beside the title.
  const ImU32 accent = m->error ? IM_COL32(209, 52, 41, 255) : IM_COL32(51, 115, 204, 255);
  dl->AddCircleFilled(ImVec2(p.x + fs * 0.5f, p.y + fs * 0.55f), fs * 0.55f, accent);
  dl->AddText(ImVec2(p.x + fs * 0.5f - ImGui::CalcTextSize("!").x * 0.5f, p.y + fs * 0.05f), IM_COL32_WHITE, "!");
  ImGui::SetCursorScreenPos(ImVec2(p.x + fs * 1.5f, p.y));
  ImGui::PushStyleColor(ImGuiCol_Text, m->error ? ImVec4(0.62f, 0.10f, 0.07f, 1) : ImVec4(0.1f, 0.3f, 0.6f, 1));
  ImGui::TextWrapped("%s", (ko ? m->title_ko : m->title_en).c_str());
  ImGui::PopStyleColor();
  ImGui::Spacing();
  ImGui::TextWrapped("%s", (ko ? m->text_ko : m->text_en).c_str());
  const std::vector<std::string>& lines = ko && !m->lines_ko.empty() ? m->lines_ko : m->lines;
  if (!lines.empty()) {
    ImGui::Spacing();
    const size_t shown = lines.size() <= 9 ? lines.size() : 8;  // then "... and N more"
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1, 1, 1, 0.85f));
    // As tall as the wrapped lines need, up to about nine lines (then it scrolls).
    const ImGuiStyle& st = ImGui::GetStyle();
    const float wrap_w = ImGui::GetContentRegionAvail().x - 2 * st.WindowPadding.x - ImGui::GetTreeNodeToLabelSpacing() -
                         st.ScrollbarSize;
    float need = 2 * st.WindowPadding.y;
    for (size_t i = 0; i < shown; ++i)
      need += ImGui::CalcTextSize(lines[i].c_str(), nullptr, false, wrap_w).y + st.ItemSpacing.y;
    if (shown < lines.size()) need += line_h;
    ImGui::BeginChild("##lines", ImVec2(0, std::min(need, line_h * 9.5f)), true);
    for (size_t i = 0; i < lines.size(); ++i) {
      if (i == shown) {
        ImGui::TextDisabled("%s", trf("doc.msg.more", static_cast<int>(lines.size() - shown)).c_str());
        break;
      }
      ImGui::Bullet();
      ImGui::TextWrapped("%s", lines[i].c_str());
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  if (ImGui::Button(tr("doc.button.ok"), ImVec2(fs * 6, 0))) m->open = false;
  if (!lines.empty()) {
    ImGui::SameLine();
    if (ImGui::Button(tr("doc.button.copy_details"))) {
      std::string details = (ko ? m->title_ko : m->title_en) + "\n" + (ko ? m->text_ko : m->text_en) + "\n";
      for (const auto& l : lines) details += "- " + l + "\n";
      platform_.copy_to_clipboard(details);
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
}

}  // namespace cp::ui
