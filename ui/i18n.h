// i18n: every string the UI shows, in English and Korean, switchable at run time.
//
//   ImGui::MenuItem(cp::ui::tr("menu.undo"));           // "Undo" / "실행 취소"
//   cp::ui::set_language(cp::ui::Lang::Ko);
//   if (cp::ui::korean()) ...                            // for catalog::Text::get(korean)
//   std::string m = cp::ui::trf("msg.pasted", 3);        // printf-style: "Pasted 3 services"
//
// The strings live in tables of {key, en, ko} entries: ui/i18n.cpp holds the
// editor's; another file can keep its own table and register it once with
// add_strings() (e.g. ui/documents.cpp). An unknown key is shown as the key
// itself, so a missing string is visible, never a crash. Korean follows AWS's
// Korean console terms (리전, 가용 영역, 로드 밸런서, 대기열, 인스턴스).
// scripts/make-font.py scans ui/*.cpp for string literals so the Korean font
// subset holds every character used here.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace cp::ui {

enum class Lang { En, Ko };

struct StringEntry {
  const char* key;
  const char* en;
  const char* ko;
};

Lang language();
void set_language(Lang lang);
inline bool korean() { return language() == Lang::Ko; }
// "ko", "ko-KR" -> Ko; anything else -> En.
Lang language_from_tag(std::string_view tag);

// The string for `key` in the current language (the English one if the Korean is empty).
const char* tr(std::string_view key);
// tr() with printf-style arguments.
std::string trf(const char* key, ...);
// Registers more entries (kept by pointer: pass a static array).
void add_strings(const StringEntry* entries, size_t count);
// Picks en or ko from a pair (for catalog::Text-like data not in a table).
inline const char* pick(const char* en, const char* ko) { return korean() && ko && *ko ? ko : en; }

}  // namespace cp::ui
