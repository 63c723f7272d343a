// The words of a document's story for the story panel (ui/story_panel.cpp), in
// the UI language. Pure (no ImGui), so the native unit tests check it
// (tests/unit/test_story.cpp).
//
//   story_title(doc, /*korean=*/true)      -> story.name_ko, else the document's name
//   story_text(doc, true)                  -> story.ko, else story.en, else the description
//   moment_text(doc.story.moments[0], true)
//   moment_clock(300)                      -> "5:00";  moment_clock(3725) -> "1:02:05"
//   current_moment(doc.story, 310)         -> 0 (the last moment at or before 310 s; -1 before the first)
#pragma once
#include <cmath>
#include <cstdio>
#include <string>

#include "core/doc/document.h"

namespace cp::ui {

// One language's text, or the other's when it is missing.
inline const std::string& in_language(const std::string& en, const std::string& ko, bool korean) {
  return korean ? (ko.empty() ? en : ko) : (en.empty() ? ko : en);
}

inline const std::string& story_title(const doc::Document& d, bool korean) {
  return korean && !d.story.name_ko.empty() ? d.story.name_ko : d.name;
}

inline const std::string& story_text(const doc::Document& d, bool korean) {
  const std::string& s = in_language(d.story.en, d.story.ko, korean);
  return s.empty() ? d.description : s;
}

inline const std::string& moment_text(const doc::StoryMoment& m, bool korean) { return in_language(m.en, m.ko, korean); }

// Does the document have anything for the story panel to tell?
inline bool has_story(const doc::Document& d) { return !story_text(d, false).empty() || !d.story.moments.empty(); }

// "m:ss" (or "h:mm:ss"), as the toolbar's clock writes whole seconds.
inline std::string moment_clock(double at_s) {
  const long t = at_s > 0 ? static_cast<long>(std::floor(at_s + 1e-9)) : 0;
  char b[32];
  if (t >= 3600) std::snprintf(b, sizeof b, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
  else std::snprintf(b, sizeof b, "%ld:%02ld", t / 60, t % 60);
  return b;
}

// The moment the run is in: the last one at or before now_s (-1 before the first).
inline int current_moment(const doc::Story& s, double now_s) {
  int current = -1;
  for (size_t i = 0; i < s.moments.size(); ++i)
    if (s.moments[i].at_s <= now_s + 1e-6) current = static_cast<int>(i);
  return current;
}

}  // namespace cp::ui
