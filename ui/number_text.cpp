// Compact numbers: see number_text.h (plain C++, tested natively).
#include "ui/number_text.h"

#include <cmath>
#include <cstdio>

namespace cp::ui {

const char* plot_format(float v, char* buf, int n) {
  float a = std::fabs(v);
  if (a >= 1e6f) std::snprintf(buf, n, "%.1fM", v / 1e6f);
  else if (a >= 1e4f) std::snprintf(buf, n, "%.0fk", v / 1e3f);
  else if (a >= 1e3f) std::snprintf(buf, n, "%.1fk", v / 1e3f);
  else if (a >= 100 || a == std::floor(a)) std::snprintf(buf, n, "%.0f", v);
  else if (a >= 1) std::snprintf(buf, n, "%.1f", v);
  else if (a >= 0.01f) std::snprintf(buf, n, "%.2f", v);
  else std::snprintf(buf, n, "%.2g", v);  // 0.00043, not 0.000
  return buf;
}

}  // namespace cp::ui
