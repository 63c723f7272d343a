// Text that fits: a label shortened with an ellipsis ("Application Lo…") to a width,
// cut at a UTF-8 character boundary (Hangul is three bytes a syllable).
//
//   std::string s = cp::ui::ellipsize(ImGui::GetFont(), 12, "Application Load Balancer", 90);
//   bool cut = s != full;   // then show the full name in a tooltip
#pragma once
#include <string>

#include "imgui.h"

namespace cp::ui {

inline float text_width(ImFont* font, float size, const std::string& s) {
  return font->CalcTextSizeA(size, 1e9f, 0, s.c_str()).x;
}

// `text` if it fits in `max_w` pixels at `size`, else its longest prefix + "…" that fits
// ("" when not even one character and the ellipsis fit).
inline std::string ellipsize(ImFont* font, float size, const std::string& text, float max_w) {
  if (text_width(font, size, text) <= max_w) return text;
  std::string cut = text;
  while (!cut.empty()) {
    // Drop the last code point: its continuation bytes, then its lead byte.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();
    while (!cut.empty() && cut.back() == ' ') cut.pop_back();
    if (!cut.empty() && text_width(font, size, cut + "\u2026") <= max_w) return cut + "\u2026";
  }
  return std::string();
}

// How many characters (code points) `s` has: a label shorter than a readable length is not
// worth drawing.
inline int char_count(const std::string& s) {
  int n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace cp::ui
