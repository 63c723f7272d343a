// Theme: the UI's colours, spacing and fonts.
//
//   cp::ui::apply_style();
//   cp::ui::load_fonts(device_pixel_ratio);   // before the renderer builds its font texture
//
// Fonts are rasterised at (size x devicePixelRatio) and drawn at 1/dpr scale
// (io.FontGlobalScale), so text is crisp on high-DPI screens. The font is a
// subset of NanumGothic (scripts/make-font.py) with Latin, the UI's symbols
// and the 2,350 KS X 1001 Hangul syllables; without it the app falls back to
// ImGui's built-in font (no Hangul) and says so.
#pragma once

namespace cp::ui {

inline constexpr float kBaseFontSize = 15.0f;      // CSS pixels
inline constexpr const char* kFontPath = "/assets/fonts/cloudplay-ui.ttf";
// ⚠ ✓ ✗ (not in NanumGothic), merged into the UI font from a DejaVu Sans subset.
inline constexpr const char* kSymbolsFontPath = "/assets/fonts/cloudplay-symbols.ttf";

void apply_style();
// Rebuilds the font atlas for this pixel ratio. Returns false when the Korean font is missing.
bool load_fonts(float device_pixel_ratio);
// The ratio the fonts were last built for (0 before the first call).
float fonts_pixel_ratio();
// Text drawn `zoom` times larger (presenter mode: 1.6), rasterised at that size so it stays
// crisp; takes effect when the host rebuilds the fonts (fonts_need_rebuild).
void set_font_zoom(float zoom);
float font_zoom();
// Do the fonts need building again for this pixel ratio (or a new zoom)?
bool fonts_need_rebuild(float device_pixel_ratio);
// Was the Hangul font loaded?
bool hangul_font_loaded();

}  // namespace cp::ui
