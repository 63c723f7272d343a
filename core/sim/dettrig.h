// det_sin / det_cos: sine and cosine from + - * / only, so native and wasm
// give identical bits (libm's do not; see TOOLCHAIN.md). Used for geography
// (distances between Regions) and smooth daily traffic curves — not hot paths.
// Accuracy: a few ulp for |x| < 1e6.
#pragma once

namespace cp::sim {
double det_sin(double x);
double det_cos(double x);
}
