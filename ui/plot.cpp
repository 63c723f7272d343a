// Plot: see plot.h.
#include "ui/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace cp::ui {

namespace {
constexpr ImU32 kFrame = IM_COL32(0xD5, 0xDB, 0xE1, 255);
constexpr ImU32 kGridCol = IM_COL32(0xEA, 0xED, 0xF0, 255);
constexpr ImU32 kAxisText = IM_COL32(0x5F, 0x6B, 0x7A, 255);
constexpr ImU32 kTitleText = IM_COL32(0x16, 0x19, 0x1F, 255);

// A "nice" step (1, 2, 5 × 10^k) for about `target` ticks over `span`.
float nice_step(float span, int target) {
  if (!(span > 0)) return 1;
  float raw = span / static_cast<float>(std::max(1, target));
  float p = std::pow(10.0f, std::floor(std::log10(raw)));
  float m = raw / p;
  return (m < 1.5f ? 1 : m < 3.5f ? 2 : m < 7.5f ? 5 : 10) * p;
}

void format_time(float s, char* buf, int n) {
  if (s >= 3600) std::snprintf(buf, n, "%d:%02d:%02d", int(s) / 3600, int(s) / 60 % 60, int(s) % 60);
  else if (s >= 60 || std::fmod(s, 1.0f) == 0) std::snprintf(buf, n, "%d:%02d", int(s) / 60, int(s) % 60);
  else std::snprintf(buf, n, "%.1fs", s);
}
}  // namespace

const char* plot_format(float v, char* buf, int n) {
  float a = std::fabs(v);
  if (a >= 1e6f) std::snprintf(buf, n, "%.1fM", v / 1e6f);
  else if (a >= 1e4f) std::snprintf(buf, n, "%.0fk", v / 1e3f);
  else if (a >= 1e3f) std::snprintf(buf, n, "%.1fk", v / 1e3f);
  else if (a >= 100 || a == std::floor(a)) std::snprintf(buf, n, "%.0f", v);
  else if (a >= 1) std::snprintf(buf, n, "%.1f", v);
  else if (a >= 0.01f) std::snprintf(buf, n, "%.2f", v);
  else std::snprintf(buf, n, "%.3f", v);
  return buf;
}

std::optional<float> plot(const char* id, const char* title, const char* unit, ImVec2 size, const PlotSeries* series,
                          int count, const PlotOptions& opt) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255), 4);
  dl->AddRect(p0, p1, kFrame, 4);

  // Data range.
  float x0 = opt.x_min, x1 = opt.x_max, y0 = opt.y_min, y1 = opt.y_min;
  const bool auto_x = !(opt.x_max >= opt.x_min);
  if (auto_x) x0 = 1e30f, x1 = -1e30f;
  for (int s = 0; s < count; ++s)
    for (int i = 0; i < series[s].count; ++i) {
      float x = series[s].x(i), y = series[s].y(i);
      if (auto_x) x0 = std::min(x0, x), x1 = std::max(x1, x);
      if (std::isfinite(y)) y0 = std::min(y0, y), y1 = std::max(y1, y);
    }
  if (auto_x && x0 > x1) x0 = 0, x1 = 1;
  if (x1 - x0 < 1e-6f) x1 = x0 + 1;
  if (y1 - y0 < 1e-6f) y1 = y0 + 1;
  const float ystep = nice_step(y1 - y0, 3);
  y1 = std::ceil(y1 / ystep) * ystep;

  // Layout: title row, y labels on the left, x labels below.
  char buf[32];
  const float small = fs * 0.8f;
  const float left = small * 3.2f;
  const ImVec2 a(p0.x + left, p0.y + fs * 1.4f), b(p1.x - 8, p1.y - small * 1.6f);
  std::string head = title;
  if (unit && *unit) head += std::string("  (") + unit + ")";
  dl->AddText(ImGui::GetFont(), fs * 0.85f, ImVec2(p0.x + 8, p0.y + 3), kTitleText, head.c_str());
  if (b.x - a.x < 20 || b.y - a.y < 10) return std::nullopt;
  auto sx = [&](float x) { return a.x + (x - x0) / (x1 - x0) * (b.x - a.x); };
  auto sy = [&](float y) { return b.y - (y - y0) / (y1 - y0) * (b.y - a.y); };

  for (float y = y0; y <= y1 + ystep * 0.01f; y += ystep) {
    float py = sy(y);
    dl->AddLine(ImVec2(a.x, py), ImVec2(b.x, py), kGridCol);
    plot_format(y, buf, sizeof buf);
    ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, buf);
    dl->AddText(ImGui::GetFont(), small, ImVec2(a.x - ts.x - 4, py - ts.y / 2), kAxisText, buf);
  }
  const float xstep = nice_step(x1 - x0, std::max(2, static_cast<int>((b.x - a.x) / (fs * 5))));
  for (float x = std::ceil(x0 / xstep) * xstep; x <= x1 + 1e-3f; x += xstep) {
    float px = sx(x);
    dl->AddLine(ImVec2(px, b.y), ImVec2(px, b.y + 3), kAxisText);
    format_time(x, buf, sizeof buf);
    ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, buf);
    dl->AddText(ImGui::GetFont(), small, ImVec2(std::clamp(px - ts.x / 2, a.x - 4, b.x - ts.x), b.y + 2), kAxisText, buf);
  }
  dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, b.y), kAxisText);

  // Lines, decimated to about one min/max pair per pixel column.
  dl->PushClipRect(ImVec2(a.x, a.y - 2), ImVec2(b.x + 1, b.y + 1), true);
  const int cols = std::max(1, static_cast<int>(b.x - a.x));
  std::vector<ImVec2> pts;
  for (int s = 0; s < count; ++s) {
    const PlotSeries& ps = series[s];
    if (ps.count <= 0) continue;
    pts.clear();
    const int per = std::max(1, ps.count / cols);
    for (int i = 0; i < ps.count; i += per) {
      if (per == 1) {
        pts.emplace_back(sx(ps.x(i)), sy(ps.y(i)));
        continue;
      }
      float lo = ps.y(i), hi = lo;
      int end = std::min(ps.count, i + per);
      for (int j = i + 1; j < end; ++j) lo = std::min(lo, ps.y(j)), hi = std::max(hi, ps.y(j));
      float px = sx(ps.x(i));
      pts.emplace_back(px, sy(hi));
      pts.emplace_back(px, sy(lo));
    }
    if (pts.size() == 1) dl->AddCircleFilled(pts[0], 2.5f, ps.color);
    else dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), ps.color, 0, 1.6f);
  }
  if (opt.cursor_x && *opt.cursor_x >= x0 && *opt.cursor_x <= x1)
    dl->AddLine(ImVec2(sx(*opt.cursor_x), a.y), ImVec2(sx(*opt.cursor_x), b.y), IM_COL32(0xE0, 0x7B, 0x00, 200), 1.5f);
  dl->PopClipRect();

  // Legend (right of the title), when more than one series.
  if (count > 1) {
    // Right of the title; labels are shortened to fit (hover shows them whole).
    const float title_end = p0.x + 8 + ImGui::GetFont()->CalcTextSizeA(fs * 0.85f, 1e9f, 0, head.c_str()).x + 12;
    const float room = (p1.x - 8 - title_end) / count - 18;
    float lx = p1.x - 8;
    for (int s = count - 1; s >= 0 && room > small; --s) {
      std::string label = series[s].label;
      while (label.size() > 2 && ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, label.c_str()).x > room) {
        label.pop_back();
        while (!label.empty() && (static_cast<unsigned char>(label.back()) & 0xC0) == 0x80) label.pop_back();  // UTF-8
        if (!label.empty()) label.pop_back();
        label += ".";
      }
      ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, label.c_str());
      lx -= ts.x;
      dl->AddText(ImGui::GetFont(), small, ImVec2(lx, p0.y + 4), kAxisText, label.c_str());
      lx -= 11;
      dl->AddRectFilled(ImVec2(lx, p0.y + 4 + small * 0.4f), ImVec2(lx + 8, p0.y + 4 + small * 0.4f + 3), series[s].color);
      lx -= 8;
    }
  }

  // Hover readout.
  if (!hovered) return std::nullopt;
  const float mx = ImGui::GetIO().MousePos.x;
  if (mx < a.x || mx > b.x) return std::nullopt;
  const float hx = x0 + (mx - a.x) / (b.x - a.x) * (x1 - x0);
  dl->AddLine(ImVec2(mx, a.y), ImVec2(mx, b.y), IM_COL32(0x16, 0x19, 0x1F, 90));
  ImGui::BeginTooltip();
  format_time(hx, buf, sizeof buf);
  ImGui::TextUnformatted(buf);
  for (int s = 0; s < count; ++s) {
    const PlotSeries& ps = series[s];
    if (ps.count <= 0) continue;
    // The point nearest hx (series are sorted by x).
    int lo = 0, hi = ps.count - 1;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (ps.x(mid) < hx) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && std::fabs(ps.x(lo - 1) - hx) < std::fabs(ps.x(lo) - hx)) --lo;
    dl->AddCircleFilled(ImVec2(sx(ps.x(lo)), sy(ps.y(lo))), 3, ps.color);
    ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(ps.color), ImGuiColorEditFlags_NoTooltip,
                       ImVec2(small, small));
    ImGui::SameLine();
    ImGui::Text("%s  %s %s", ps.label, plot_format(ps.y(lo), buf, sizeof buf), unit ? unit : "");
  }
  ImGui::EndTooltip();
  return hx;
}

}  // namespace cp::ui
