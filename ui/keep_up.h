// Keep-up advice: when the run cannot keep the chosen speed, what it really
// reaches, why, and a speed it can keep. Pure (no ImGui), so the native unit
// tests check it (tests/unit/test_keep_up.cpp); the toolbar shows its result.
//
//   KeepUpAdvice a = keep_up_advice({.chosen = 1000, .achieved = 42.4, .budget_limited = true, .frame_s = 1 / 60.0});
//   // a.cause == KeepUpCause::Simulation, a.suggested == 30: "reaches 42×, [Run at 30×]"
//
// Two causes: the simulation needs more than its per-frame time budget at this
// speed (a lower speed helps: the run keeps it), or the page draws fewer than
// 1 / max_frame_s frames a second, and a frame never simulates more than
// max_frame_s × speed (a lower speed does not help: nothing to suggest).
#pragma once
#include <algorithm>
#include <cmath>

namespace cp::ui {

enum class KeepUpCause { None, Simulation, Drawing };

struct KeepUpInput {
  double chosen = 1;            // the speed the user chose (simulated s per wall s)
  double achieved = 0;          // what the run reached (simulated s per wall s, measured over wall time)
  bool budget_limited = false;  // frames stopped short of the chosen speed because of the time budget
  double frame_s = 0;           // wall time between frames (smoothed)
  double max_frame_s = 0.25;    // the most simulated wall time one frame may take (RunController::kMaxFrameDt)
  double min_speed = 0.1;       // the slowest speed the slider offers
};

struct KeepUpAdvice {
  KeepUpCause cause = KeepUpCause::None;
  double achieved = 0;   // what the run reaches, for the notice
  double suggested = 0;  // a speed the run can keep (0: none to offer)
  double fps = 0;        // frames per second the page draws (for the Drawing notice)
};

// The largest "round" speed (1, 2, 3 … 9 × a power of ten) at or below v; 0 below `floor`.
inline double round_speed_down(double v, double floor = 0.1) {
  if (!(v >= floor)) return 0;
  const double p = std::pow(10.0, std::floor(std::log10(v) + 1e-9));
  const double digit = std::floor(v / p + 1e-9);
  return std::max(floor, digit * p);
}

inline KeepUpAdvice keep_up_advice(const KeepUpInput& in) {
  KeepUpAdvice a;
  a.achieved = std::max(0.0, in.achieved);
  a.fps = in.frame_s > 0 ? 1.0 / in.frame_s : 0;
  // Slow frames cap each frame's share; the budget is the simulation's own limit.
  const bool slow_frames = in.frame_s > in.max_frame_s * 1.05;
  if (in.budget_limited) {
    a.cause = KeepUpCause::Simulation;
    // A margin below what it reaches now, so the suggested speed holds when the load varies.
    const double s = round_speed_down(a.achieved * 0.85, in.min_speed);
    a.suggested = s > 0 && s < in.chosen ? s : 0;
  } else if (slow_frames) {
    a.cause = KeepUpCause::Drawing;
  }
  return a;
}

}  // namespace cp::ui
