// Plot: see plot.h.
#include "ui/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/axis_ticks.h"
#include "ui/text_fit.h"

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
  // Y ticks: distinct "nice" numbers, labelled with the decimals their step needs.
  const AxisTicks yt = nice_ticks(y0, y1, 3);
  y0 = static_cast<float>(yt.first), y1 = static_cast<float>(yt.last());
  std::vector<std::string> ylabels;
  for (int i = 0; i < yt.count; ++i) ylabels.push_back(format_tick(yt.at(i), yt));

  // Layout: title row (and a legend row when the names do not fit beside the title),
  // y labels on the left, x labels below.
  ImFont* font = ImGui::GetFont();
  char buf[32];
  const float small = fs * 0.8f;
  float left = small * 2.2f;
  for (const auto& l : ylabels) left = std::max(left, text_width(font, small, l) + 8);
  std::string head = title;
  if (unit && *unit) head += std::string("  (") + unit + ")";
  // A title wider than a narrow plot (a phone) ends in an ellipsis instead of running into the next plot.
  head = ellipsize(font, fs * 0.85f, head, p1.x - p0.x - 16);
  dl->AddText(font, fs * 0.85f, ImVec2(p0.x + 8, p0.y + 3), kTitleText, head.c_str());
  // Legend: whole names beside the title if they fit, else on their own row, each cut
  // with an ellipsis at a readable length (hover shows it whole).
  const bool legend = opt.legend && count > 1;
  const float title_end = p0.x + 8 + text_width(font, fs * 0.85f, head) + 12;
  float legend_w = 0;
  if (legend)
    for (int s = 0; s < count; ++s) legend_w += text_width(font, small, series[s].label) + 19;
  const bool legend_row = legend && title_end + legend_w > p1.x - 8;
  const float top = p0.y + fs * 1.4f + (legend_row ? small * 1.35f : 0);
  const ImVec2 a(p0.x + left, top), b(p1.x - 8, p1.y - small * 1.6f);
  if (b.x - a.x < 20 || b.y - a.y < 10) return std::nullopt;
  auto sx = [&](float x) { return a.x + (x - x0) / (x1 - x0) * (b.x - a.x); };
  auto sy = [&](float y) { return b.y - (y - y0) / (y1 - y0) * (b.y - a.y); };

  for (int i = 0; i < yt.count; ++i) {
    float py = sy(static_cast<float>(yt.at(i)));
    dl->AddLine(ImVec2(a.x, py), ImVec2(b.x, py), kGridCol);
    ImVec2 ts = font->CalcTextSizeA(small, 1e9f, 0, ylabels[i].c_str());
    dl->AddText(font, small, ImVec2(a.x - ts.x - 4, py - ts.y / 2), kAxisText, ylabels[i].c_str());
  }
  const float xstep = nice_step(x1 - x0, std::max(2, static_cast<int>((b.x - a.x) / (fs * 5))));
  float last_label_end = -1e9f;  // a label that would touch the previous one is left out (labels never overlap)
  for (float x = std::ceil(x0 / xstep) * xstep; x <= x1 + 1e-3f; x += xstep) {
    float px = sx(x);
    dl->AddLine(ImVec2(px, b.y), ImVec2(px, b.y + 3), kAxisText);
    format_time(x, buf, sizeof buf);
    ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(small, 1e9f, 0, buf);
    const float lx = std::clamp(px - ts.x / 2, a.x - 4, b.x - ts.x);
    if (lx < last_label_end + small * 0.6f) continue;
    dl->AddText(ImGui::GetFont(), small, ImVec2(lx, b.y + 2), kAxisText, buf);
    last_label_end = lx + ts.x;
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
    dl->AddLine(ImVec2(sx(*opt.cursor_x), a.y), ImVec2(sx(*opt.cursor_x), b.y), opt.cursor_color, 1.5f);
  dl->PopClipRect();

  if (legend) {
    const float row_y = legend_row ? p0.y + fs * 1.3f : p0.y + 4;
    const float room = legend_row ? (p1.x - p0.x - 16) / count - 19 : 1e9f;
    float lx = legend_row ? p0.x + 8 : p1.x - 8 - legend_w;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int s = 0; s < count; ++s) {
      const std::string full = series[s].label;
      const std::string label = ellipsize(font, small, full, room);
      dl->AddRectFilled(ImVec2(lx, row_y + small * 0.4f), ImVec2(lx + 8, row_y + small * 0.4f + 3), series[s].color);
      const float tw = text_width(font, small, label);
      dl->AddText(font, small, ImVec2(lx + 11, row_y), kAxisText, label.c_str());
      if (label != full && hovered && mouse.x >= lx && mouse.x <= lx + 11 + tw && mouse.y >= row_y &&
          mouse.y <= row_y + small * 1.2f) {
        ImGui::SetTooltip("%s", full.c_str());
        return std::nullopt;
      }
      lx += 11 + tw + 8;
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
