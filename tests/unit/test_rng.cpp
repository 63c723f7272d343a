// Rng: golden values (so a change to the generator is caught), ranges, below(),
// split() and state round trips.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <vector>

#include "core/sim/rng.h"

using cp::sim::Rng;

TEST_CASE("Rng reproduces the golden sequence for seed 42") {
  // Computed once with this implementation (identical native and wasm). If these
  // change, every saved run and golden trace changes: do it on purpose only.
  Rng r(42);
  CHECK(r.next_u64() == 0x15780b2e0c2ec716ULL);
  CHECK(r.next_u64() == 0x6104d9866d113a7eULL);
  CHECK(r.next_u64() == 0xae17533239e499a1ULL);
  CHECK(r.next_u64() == 0xecb8ad4703b360a1ULL);
  CHECK(r.next_u64() == 0xfde6dc7fe2ec5e64ULL);
  Rng d(42);
  CHECK(d.next_double() == 0.083862971059882163);
  CHECK(d.next_double() == 0.37898025066266861);
  Rng b(42);
  CHECK(b.below(1000) == 83);
  CHECK(b.below(1000) == 378);
  CHECK(Rng(42).split(7).next_u64() == 0xc3ddbb28e5638fcaULL);
}

TEST_CASE("splitmix64 matches its reference output") {
  // Reference: splitmix64 with state 0 (Vigna's splitmix64.c) starts e220a8397b1dcdaf.
  uint64_t s = 0;
  CHECK(Rng::splitmix64(s) == 0xe220a8397b1dcdafULL);
  CHECK(Rng::splitmix64(s) == 0x6e789e6aa1b965f4ULL);
}

TEST_CASE("Rng is deterministic per seed and seeds differ") {
  Rng a(7), b(7), c(8);
  bool any_diff = false;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t x = a.next_u64();
    REQUIRE(x == b.next_u64());
    any_diff |= x != c.next_u64();
  }
  CHECK(any_diff);
  CHECK(a == b);
  // Seed 0 is fine (splitmix64 never yields an all-zero state).
  Rng z(0);
  CHECK(z.next_u64() != z.next_u64());
}

TEST_CASE("next_double is in [0,1) and next_open01 in (0,1), both uniform") {
  Rng r(11);
  const int n = 1'000'000;
  double sum_d = 0, sum_o = 0, mn = 1, mx = 0;
  for (int i = 0; i < n; ++i) {
    const double d = r.next_double();
    const double o = r.next_open01();
    REQUIRE(d >= 0.0);
    REQUIRE(d < 1.0);
    REQUIRE(o > 0.0);
    REQUIRE(o < 1.0);
    sum_d += d;
    sum_o += o;
    mn = std::min(mn, o);
    mx = std::max(mx, o);
  }
  // Mean of U(0,1): 0.5 with standard error sqrt(1/12/n) = 2.9e-4; allow 5 SE.
  const double se = std::sqrt(1.0 / 12 / n);
  CHECK(std::fabs(sum_d / n - 0.5) < 5 * se);
  CHECK(std::fabs(sum_o / n - 0.5) < 5 * se);
  CHECK(mn < 1e-5);
  CHECK(mx > 1 - 1e-5);
  // An all-zero state would be stuck at zero; from_state replaces it.
  CHECK(Rng::from_state({0, 0, 0, 0}).state() == Rng(0).state());
}

TEST_CASE("below(n) stays in range and is unbiased") {
  Rng r(5);
  CHECK(r.below(0) == 0);
  for (int i = 0; i < 1000; ++i) REQUIRE(r.below(1) == 0);
  for (uint64_t n : {2ULL, 3ULL, 7ULL, 10ULL, 1000ULL, (1ULL << 32) + 1, (1ULL << 63) + 1, ~0ULL})
    for (int i = 0; i < 10000; ++i) REQUIRE(r.below(n) < n);

  // Chi-square over 7 equal cells, 700 000 draws: 6 degrees of freedom, the 99.99%
  // quantile is 27.9.
  std::vector<int> cells(7, 0);
  const int n = 700'000;
  for (int i = 0; i < n; ++i) ++cells[r.below(7)];
  double chi2 = 0;
  for (int c : cells) chi2 += (c - n / 7.0) * (c - n / 7.0) / (n / 7.0);
  CHECK(chi2 < 27.9);

  // n = 3 * 2^62: a modulo reduction would put half the results below 2^62 instead of
  // a third. 300 000 draws: SE of the fraction 8.6e-4, so 1/3 vs 1/2 is unmistakable.
  const uint64_t big = 3ULL << 62;
  int low = 0;
  const int m = 300'000;
  for (int i = 0; i < m; ++i) low += r.below(big) < (1ULL << 62);
  CHECK(std::fabs(low / double(m) - 1.0 / 3) < 5 * std::sqrt(2.0 / 9 / m));
}

TEST_CASE("split gives deterministic, distinct streams and leaves the parent alone") {
  Rng parent(99);
  const Rng::State before = parent.state();
  Rng a = parent.split(1), a2 = parent.split(1), b = parent.split(2);
  CHECK(parent.state() == before);  // split does not advance the parent
  CHECK(a == a2);
  CHECK(!(a == b));
  CHECK(!(a == parent));
  std::set<uint64_t> firsts;
  for (uint64_t s = 0; s < 10000; ++s) firsts.insert(parent.split(s).next_u64());
  CHECK(firsts.size() == 10000);
  // A child's stream does not repeat the parent's.
  Rng p2 = parent;
  CHECK(a.next_u64() != p2.next_u64());
  // After the parent advances, the same id gives a different child.
  parent.next_u64();
  CHECK(!(parent.split(1) == a2));
}

TEST_CASE("state round trip resumes the same sequence") {
  Rng r(123);
  for (int i = 0; i < 10; ++i) r.next_u64();
  Rng copy = Rng::from_state(r.state());
  for (int i = 0; i < 100; ++i) REQUIRE(copy.next_u64() == r.next_u64());
}

TEST_CASE("the wasm 128-bit product (four 32-bit halves) equals the native one") {
  __extension__ typedef unsigned __int128 u128;
  auto check = [](uint64_t a, uint64_t b) {
    uint64_t lo = 0;
    const uint64_t hi = Rng::mul_hi_lo_32(a, b, &lo);
    const u128 p = static_cast<u128>(a) * b;
    REQUIRE(hi == static_cast<uint64_t>(p >> 64));
    REQUIRE(lo == static_cast<uint64_t>(p));
  };
  // The carries between the halves are where such code goes wrong.
  const uint64_t edges[] = {0, 1, 2, 0xffffffffULL, 0x100000000ULL, 0x1ffffffffULL, 0x8000000000000000ULL,
                            0xfffffffeffffffffULL, 0xffffffff00000000ULL, ~0ULL};
  for (uint64_t a : edges)
    for (uint64_t b : edges) check(a, b);
  Rng r(99);
  for (int i = 0; i < 100000; ++i) check(r.next_u64(), r.next_u64());
}
