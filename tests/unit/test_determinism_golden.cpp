// Golden hashes of 100 000 samples of every distribution kind (seed 12345) and of the
// det_* functions over fixed inputs. They were computed once natively and checked to
// be identical in a wasm build (em++ 3.1.6, Node 20). If one changes, native and wasm
// runs may no longer agree, or saved runs no longer replay: change them on purpose only.
//
// Changed on purpose on 2026-11-29: det_log's table-driven fast path (no division)
// rounds differently from fdlibm's in the last bit for ~4.5% of arguments.
//
// Typical causes of a mismatch: a libm call slipped into a sample path, FMA contraction
// (-ffp-contract=off missing, e.g. clang with -march=native), -ffast-math, or a changed
// algorithm or Rng.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "core/sim/distribution.h"
#include "core/sim/histogram.h"

using namespace cp::sim;

namespace {
// FNV-1a over the 8 bytes of each value's bit pattern, little-endian order.
struct Fnv1a {
  uint64_t h = 0xcbf29ce484222325ULL;
  void add(uint64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= (v >> (8 * i)) & 0xff;
      h *= 0x100000001b3ULL;
    }
  }
  void add(double d) { add(to_bits(d)); }
};

uint64_t hash_samples(const Distribution& d) {
  Rng rng(12345);
  Fnv1a f;
  for (int i = 0; i < 100'000; ++i) f.add(d.sample(rng));
  return f.h;
}
}  // namespace

TEST_CASE("golden: distribution samples are bit-for-bit stable") {
  CHECK(hash_samples(Distribution::constant(0.25)) == 0x959a0c959e25ed25ULL);
  CHECK(hash_samples(Distribution::exponential(0.5)) == 0x3d4c55f3cccde6f7ULL);
  CHECK(hash_samples(Distribution::uniform(0.1, 0.3)) == 0x03811fdeb42a7eb0ULL);
  CHECK(hash_samples(Distribution::normal(0.1, 0.05)) == 0xcfc1a4938aee204cULL);
  CHECK(hash_samples(Distribution::lognormal(-3.0, 0.8)) == 0x240fbe01f04cbbf7ULL);
  CHECK(hash_samples(Distribution::pareto(0.01, 1.5)) == 0x129bc85035abb17bULL);
  CHECK(hash_samples(Distribution::empirical({{0, 0.01}, {50, 0.02}, {99, 0.2}, {100, 0.5}})) ==
        0xa59adb06d2626e30ULL);
  Rng rng(12345);
  Fnv1a f;
  for (int i = 0; i < 100'000; ++i) f.add(standard_normal(rng));
  CHECK(f.h == 0x1fbca548de77d188ULL);
}

TEST_CASE("golden: det_* functions are bit-for-bit stable") {
  {
    Rng rng(12345);
    Fnv1a f;
    for (int i = 0; i < 100'000; ++i) {
      const double x = from_bits(rng.next_u64() & 0x7fffffffffffffffULL);  // any positive double, inf, NaN
      f.add(det_log(x));
      f.add(det_log1p(x));
    }
    CHECK(f.h == 0xc4954dbaed8f20dbULL);
  }
  {
    Rng rng(12345);
    Fnv1a f;
    for (int i = 0; i < 100'000; ++i) {
      const double x = rng.next_double() * 1500 - 750;  // through overflow and underflow
      f.add(det_exp(x));
      f.add(det_expm1(x / 100));
    }
    CHECK(f.h == 0x7774d668a0f4382aULL);
  }
  {
    Rng rng(12345);
    Fnv1a f;
    for (int i = 0; i < 100'000; ++i) {
      const double x = rng.next_double() * 20;
      const double y = rng.next_double() * 200 - 100;
      f.add(det_pow(x, y));
    }
    CHECK(f.h == 0x9f2a415a2bdbd7efULL);
  }
}

TEST_CASE("golden: microsecond samples through a histogram") {
  Rng rng(12345);
  LatencyHistogram h;
  const Distribution d = Distribution::lognormal(-5, 1);
  for (int i = 0; i < 100'000; ++i) h.record(d.sample_us(rng));
  CHECK(h.percentile(50) == 6751);
  CHECK(h.percentile(99) == 70143);
  CHECK(h.sum() == 1114599960);
}
