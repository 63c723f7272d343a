// Rng — the simulation's only source of randomness: xoshiro256** seeded by splitmix64.
//
//   cp::sim::Rng rng(42);                    // same seed -> same numbers, native and wasm
//   double u = rng.next_double();            // [0, 1), 53 random bits
//   double t = -mean * det_log(rng.next_open01());  // (0, 1): safe to take the log
//   uint64_t i = rng.below(n);               // uniform in [0, n), unbiased
//   cp::sim::Rng node_rng = rng.split(node_id);     // independent stream per node
//
// Why our own: std:: engines are fine, but std:: distributions differ between
// libstdc++ and libc++, and every conversion below is exact integer or IEEE
// arithmetic, so native and wasm produce identical bits.
// xoshiro256** (Blackman & Vigna) passes BigCrush, has period 2^256 - 1 and costs
// a few shifts and multiplies per number; splitmix64 turns any 64-bit seed
// (including 0) into a well-mixed, never all-zero state.
#pragma once
#include <array>
#include <cstdint>

#if !defined(__SIZEOF_INT128__)
#error "Rng::below needs unsigned __int128 (g++ and clang/Emscripten have it)"
#endif

namespace cp::sim {

class Rng {
 public:
  using State = std::array<uint64_t, 4>;

  Rng() : Rng(0) {}
  explicit Rng(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& w : s_) w = splitmix64(x);
  }

  // Restores a saved state (e.g. from a snapshot). An all-zero state would stay zero
  // forever, so it is replaced by the state of seed 0.
  static Rng from_state(const State& s) {
    Rng r;
    if ((s[0] | s[1] | s[2] | s[3]) != 0) r.s_ = s;
    return r;
  }
  const State& state() const { return s_; }

  uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1) on the grid k * 2^-53: the top 53 bits, converted exactly.
  double next_double() { return static_cast<double>(next_u64() >> 11) * 0x1p-53; }

  // Uniform in (0, 1), never 0 or 1: (k + 1/2) * 2^-52 for a 52-bit k. Use it
  // wherever the value goes into a log (exponential, Pareto, ...).
  double next_open01() {
    return (static_cast<double>(next_u64() >> 12) + 0.5) * 0x1p-52;
  }

  // Uniform integer in [0, n), without modulo bias (Lemire's multiply-and-reject).
  // n == 0 has no valid answer; it returns 0 rather than aborting.
  uint64_t below(uint64_t n) {
    if (n == 0) return 0;
    uint64_t lo;
    uint64_t hi = mul_hi_lo(next_u64(), n, &lo);
    if (lo < n) {
      const uint64_t threshold = (0 - n) % n;  // 2^64 mod n
      while (lo < threshold) hi = mul_hi_lo(next_u64(), n, &lo);
    }
    return hi;
  }

  // Derives an independent generator for sub-stream `stream` (a node id, a client
  // index...). Const and deterministic: it does not advance this generator, the same
  // stream id always gives the same child, and distinct ids give distinct seeds
  // (each mixing step is a bijection of the running value).
  Rng split(uint64_t stream) const {
    uint64_t h = mix(stream ^ 0x6a09e667f3bcc909ULL);
    for (uint64_t w : s_) h = mix(h ^ w);
    return Rng(h);
  }

  bool operator==(const Rng& o) const { return s_ == o.s_; }

  // splitmix64 step: advances x by the golden gamma and returns a mixed value.
  static uint64_t splitmix64(uint64_t& x) { return mix(x += 0x9e3779b97f4a7c15ULL); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  // splitmix64's finaliser: a bijection on 64-bit values.
  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Full 128-bit product a*b: returns the high word, stores the low word.
  static uint64_t mul_hi_lo(uint64_t a, uint64_t b, uint64_t* lo) {
#if defined(__EMSCRIPTEN__)
    return mul_hi_lo_32(a, b, lo);
#else
    __extension__ typedef unsigned __int128 u128;  // __extension__: quiet under -Wpedantic
    const u128 p = static_cast<u128>(a) * b;
    *lo = static_cast<uint64_t>(p);
    return static_cast<uint64_t>(p >> 64);
#endif
  }

 public:
  // The same product from four 32x32->64 products, inline. wasm has no
  // 64x64->128 multiply: for unsigned __int128 clang emits a call to the
  // runtime's __multi3 on every draw. Public so that native tests check it.
  static uint64_t mul_hi_lo_32(uint64_t a, uint64_t b, uint64_t* lo) {
    const uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
    const uint64_t ll = a_lo * b_lo, lh = a_lo * b_hi, hl = a_hi * b_lo, hh = a_hi * b_hi;
    const uint64_t mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);  // < 3 * 2^32: no overflow
    *lo = (mid << 32) | (ll & 0xffffffffu);
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  }

 private:
  State s_{};
};

}  // namespace cp::sim
