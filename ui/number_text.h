// Compact numbers for axes, badges and the live state: "1.2k", "35", "0.42".
// Plain C++ (no ImGui), so code tested natively can use it.
#pragma once

namespace cp::ui {

const char* plot_format(float v, char* buf, int buf_size);

}  // namespace cp::ui
