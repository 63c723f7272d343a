// Plot: one small time-series plot drawn with ImDrawList (no plot library):
// several series over a shared x axis (simulated seconds), y axis with round
// ticks, a legend, and a hover readout (vertical line + every series' value).
//
//   float xs[] = {...}, ys[] = {...};
//   cp::ui::PlotSeries s{"web p99", IM_COL32(9, 114, 211, 255), xs, ys, n};
//   cp::ui::plot("##lat", "Latency", "ms", ImVec2(360, 140), &s, 1);
//
// Series may be strided (point into an array of structs): set `stride` in bytes.
// Long series are decimated to about one point per pixel column (min and max kept).
#pragma once
#include <optional>

#include "imgui.h"
#include "ui/number_text.h"  // plot_format

namespace cp::ui {

struct PlotSeries {
  const char* label = "";
  ImU32 color = IM_COL32(9, 114, 211, 255);
  const float* xs = nullptr;
  const float* ys = nullptr;
  int count = 0;
  int stride = sizeof(float);  // bytes between consecutive xs (and ys, unless y_stride is set)
  int y_stride = 0;            // bytes between consecutive ys when they live elsewhere (a node's metric rows)
  float x(int i) const { return *reinterpret_cast<const float*>(reinterpret_cast<const char*>(xs) + i * stride); }
  float y(int i) const {
    return *reinterpret_cast<const float*>(reinterpret_cast<const char*>(ys) + i * (y_stride ? y_stride : stride));
  }
};

struct PlotOptions {
  float x_min = 0, x_max = -1;      // x_max < x_min: from the data
  float y_min = 0;                  // the y axis starts at 0 unless told
  std::optional<float> cursor_x;    // a marker line (e.g. the selected event's time)
  ImU32 cursor_color = IM_COL32(0xE0, 0x7B, 0x00, 200);
  bool legend = true;               // false: the caller draws one legend for several plots
};

// Draws the plot in a box of `size` at the cursor. Returns the x under the
// mouse while hovered (for linking plots), else nullopt.
std::optional<float> plot(const char* id, const char* title, const char* unit, ImVec2 size, const PlotSeries* series,
                          int series_count, const PlotOptions& opt = {});

}  // namespace cp::ui
