// Theme: colours, spacing and fonts (see theme.h).
#include "ui/theme.h"

#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace cp::ui {

namespace {
float g_ratio = 0;
float g_zoom_wanted = 1, g_zoom_built = 1;  // presenter mode draws text larger (set_font_zoom)
bool g_hangul = false;
}  // namespace

void apply_style() {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 4;
  s.PopupRounding = 6;
  s.GrabRounding = 4;
  s.TabRounding = 4;
  s.ScrollbarRounding = 6;
  s.WindowBorderSize = 1;
  s.FrameBorderSize = 1;
  s.PopupBorderSize = 1;
  s.WindowPadding = ImVec2(10, 10);
  s.FramePadding = ImVec2(7, 4);
  s.ItemSpacing = ImVec2(8, 6);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.ScrollbarSize = 12;
  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = ImVec4(0.09f, 0.10f, 0.12f, 1);
  c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.46f, 0.52f, 1);
  c[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 0);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 0.98f);
  c[ImGuiCol_Border] = ImVec4(0.84f, 0.86f, 0.89f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.95f, 0.98f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.90f, 0.94f, 0.99f, 1);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.14f, 0.18f, 0.24f, 1);   // AWS "squid ink" header
  c[ImGuiCol_TitleBg] = ImVec4(0.96f, 0.97f, 0.98f, 1);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.96f, 0.97f, 0.98f, 1);
  c[ImGuiCol_Header] = ImVec4(0.90f, 0.94f, 0.99f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.88f, 0.93f, 0.99f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.82f, 0.89f, 0.98f, 1);
  c[ImGuiCol_Button] = ImVec4(0.95f, 0.96f, 0.97f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.88f, 0.93f, 0.99f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.80f, 0.88f, 0.98f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.04f, 0.45f, 0.83f, 1);
  c[ImGuiCol_Separator] = ImVec4(0.88f, 0.90f, 0.92f, 1);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.96f, 0.97f, 0.98f, 1);
}

bool load_fonts(float ratio) {
  if (ratio < 1) ratio = 1;
  if (ratio > 4) ratio = 4;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  g_ratio = ratio;
  g_zoom_built = g_zoom_wanted;
  // Latin + punctuation, arrows and shapes the UI uses, Hangul (only glyphs the subset has are rasterised).
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesKorean());
    static const ImWchar extra[] = {0x00A0, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                    0x2460, 0x24FF, 0x25A0, 0x25FF, 0x3000, 0x303F, 0};
    b.AddRanges(extra);
    b.BuildRanges(&ranges);
  }
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // rasterised at the screen's own resolution: no oversampling needed
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  FILE* f = std::fopen(kFontPath, "rb");
  g_hangul = f != nullptr;
  if (f) std::fclose(f);
  ImFont* font = g_hangul ? io.Fonts->AddFontFromFileTTF(kFontPath, kBaseFontSize * ratio * g_zoom_wanted, &cfg, ranges.Data) : nullptr;
  if (font) {
    FILE* s = std::fopen(kSymbolsFontPath, "rb");
    if (s) {
      std::fclose(s);
      static const ImWchar symbol_ranges[] = {0x2600, 0x27BF, 0};
      ImFontConfig merge = cfg;
      merge.MergeMode = true;
      io.Fonts->AddFontFromFileTTF(kSymbolsFontPath, kBaseFontSize * ratio * g_zoom_wanted, &merge, symbol_ranges);
    }
  }
  if (!font) {
    g_hangul = false;
    ImFontConfig def;
    def.SizePixels = 13.0f * ratio * g_zoom_wanted;
    io.Fonts->AddFontDefault(&def);
  }
  io.FontGlobalScale = 1.0f / ratio;
  io.Fonts->Build();
  return g_hangul;
}

float fonts_pixel_ratio() { return g_ratio; }
void set_font_zoom(float zoom) { g_zoom_wanted = zoom < 0.5f ? 0.5f : zoom > 3 ? 3 : zoom; }
float font_zoom() { return g_zoom_wanted; }
bool fonts_need_rebuild(float ratio) { return std::fabs(ratio - g_ratio) >= 0.01f || g_zoom_built != g_zoom_wanted; }
bool hangul_font_loaded() { return g_hangul; }

}  // namespace cp::ui
