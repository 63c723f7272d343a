// Simulated time: int64 microseconds since the start of a run.
// An integer clock needs no epsilons and is identical natively and in wasm.
#pragma once
#include <cstdint>

namespace cp::sim {

using SimTime = int64_t;  // microseconds

inline constexpr SimTime kMicrosecond = 1;
inline constexpr SimTime kMillisecond = 1000;
inline constexpr SimTime kSecond = 1000 * kMillisecond;
inline constexpr SimTime kMinute = 60 * kSecond;
inline constexpr SimTime kHour = 60 * kMinute;
inline constexpr SimTime kNever = INT64_MAX;

// Seconds (double) to microseconds, rounded to nearest. Exact for the magnitudes
// used here (< 2^53 µs ≈ 285 years); + - * / only, so identical native and wasm.
inline SimTime from_seconds(double s) {
  double us = s * 1e6;
  if (!(us < 9.2e18)) return kNever;
  if (us < 0) return -static_cast<SimTime>(-us + 0.5);
  return static_cast<SimTime>(us + 0.5);
}
inline double to_seconds(SimTime t) { return static_cast<double>(t) / 1e6; }

}  // namespace cp::sim
