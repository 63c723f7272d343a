// LatencyHistogram: bucket geometry, percentile precision on known data, merge, reset.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/sim/histogram.h"
#include "core/sim/rng.h"

using cp::sim::LatencyHistogram;
using cp::sim::Rng;

TEST_CASE("histogram buckets tile the range and are at most 2^-S wide") {
  for (int s : {1, 5, 6, 7}) {
    LatencyHistogram h(s);
    INFO("sub_bits " << s);
    CHECK(h.bucket_low(0) == 0);
    for (uint32_t i = 0; i + 1 < h.bucket_count(); ++i) {
      REQUIRE(h.bucket_low(i + 1) == h.bucket_low(i) + h.bucket_width(i));  // contiguous
      REQUIRE(h.bucket_width(i) <= std::max<int64_t>(1, h.bucket_low(i) >> s));  // relative width
      REQUIRE(h.bucket_index(h.bucket_low(i)) == i);
      REQUIRE(h.bucket_index(h.bucket_low(i) + h.bucket_width(i) - 1) == i);
    }
    const uint32_t last = static_cast<uint32_t>(h.bucket_count() - 1);
    CHECK(h.bucket_low(last) + h.bucket_width(last) - 1 == LatencyHistogram::kMaxTrackable);
  }
}

TEST_CASE("histogram memory is a few KB") {
  LatencyHistogram def;
  CHECK(def.sub_bits() == 6);
  CHECK(def.bucket_count() == 1984);
  CHECK(def.memory_bytes() < 17 * 1024);
  CHECK(LatencyHistogram(5).memory_bytes() < 9 * 1024);
}

TEST_CASE("uniform 1..100000 us: percentiles within 1%, exact count/min/max/mean") {
  LatencyHistogram h;
  for (int64_t v = 1; v <= 100000; ++v) h.record(v);
  CHECK(h.count() == 100000);
  CHECK(h.min() == 1);
  CHECK(h.max() == 100000);
  CHECK(h.mean() == 50000.5);
  CHECK(h.sum() == 5000050000);
  for (double p : {1.0, 10.0, 50.0, 90.0, 99.0, 99.9}) {
    const double want = p * 1000;  // nearest rank of uniform 1..100000
    INFO("p" << p << " = " << h.percentile(p));
    CHECK(std::fabs(h.percentile(p) - want) <= want * 0.0079);  // 2^-7: half a bucket
  }
  CHECK(h.percentile(0) == 1);
  CHECK(h.percentile(100) == 100000);
}

TEST_CASE("percentiles match the exact nearest-rank values within the precision") {
  Rng rng(77);
  for (int s : {4, 6, 8}) {
    LatencyHistogram h(s);
    std::vector<int64_t> xs;
    for (int i = 0; i < 200'000; ++i) {
      // Log-uniform over 1 us .. ~16 s: every octave is exercised.
      const int64_t v = static_cast<int64_t>(1) << rng.below(24);
      const int64_t x = v + static_cast<int64_t>(rng.below(static_cast<uint64_t>(v)));
      xs.push_back(x);
      h.record(x);
    }
    std::sort(xs.begin(), xs.end());
    const double tol = std::ldexp(1.0, -(s + 1));  // half the relative bucket width
    for (double p : {0.1, 1.0, 25.0, 50.0, 75.0, 95.0, 99.0, 99.99}) {
      const size_t rank = static_cast<size_t>(std::ceil(p / 100 * xs.size()));
      const int64_t exact = xs[rank - 1];
      INFO("sub_bits " << s << " p" << p << " exact " << exact << " got " << h.percentile(p));
      CHECK(std::fabs(static_cast<double>(h.percentile(p) - exact)) <= exact * tol + 0.5);
    }
  }
}

TEST_CASE("small values are exact; empty histogram answers 0") {
  LatencyHistogram h;
  CHECK(h.count() == 0);
  CHECK(h.percentile(50) == 0);
  CHECK(h.mean() == 0);
  h.record_n(5, 3);
  h.record(7);
  h.record_n(9, 0);  // ignored
  CHECK(h.count() == 4);
  CHECK(h.percentile(50) == 5);
  CHECK(h.percentile(75) == 5);
  CHECK(h.percentile(76) == 7);
  CHECK(h.mean() == 22.0 / 4);
}

TEST_CASE("out-of-range values: negatives count as 0, huge ones stay exact in min/max/mean") {
  LatencyHistogram h;
  h.record(-5);
  CHECK(h.min() == 0);
  const int64_t huge = int64_t(1) << 40;
  h.record(huge);
  CHECK(h.max() == huge);
  CHECK(h.percentile(100) == huge);
  CHECK(h.mean() == huge / 2.0);
  CHECK(h.percentile(99) <= huge);
}

TEST_CASE("merge adds data exactly; reset empties and allows reuse") {
  LatencyHistogram a, b, both;
  Rng rng(3);
  for (int i = 0; i < 50'000; ++i) {
    const int64_t x = static_cast<int64_t>(rng.below(1'000'000));
    (i % 3 ? a : b).record(x);
    both.record(x);
  }
  LatencyHistogram merged;
  merged.merge(a);
  merged.merge(b);
  CHECK(merged.count() == both.count());
  CHECK(merged.sum() == both.sum());
  CHECK(merged.min() == both.min());
  CHECK(merged.max() == both.max());
  for (double p : {1.0, 50.0, 99.0, 99.9}) CHECK(merged.percentile(p) == both.percentile(p));

  // Different precision: re-recorded at representatives, still within tolerance.
  LatencyHistogram coarse(4);
  coarse.merge(both);
  CHECK(coarse.count() == both.count());
  CHECK(coarse.sum() == both.sum());
  CHECK(std::fabs(coarse.percentile(50) - both.percentile(50)) <= both.percentile(50) * (1.0 / 32 + 1.0 / 128));

  merged.reset();
  CHECK(merged.count() == 0);
  CHECK(merged.percentile(50) == 0);
  for (uint32_t i = 0; i < merged.bucket_count(); ++i) REQUIRE(merged.bucket_count_at(i) == 0);
  merged.record(42);
  CHECK(merged.percentile(50) == 42);
  CHECK(merged.min() == 42);
  CHECK(merged.count() == 1);
  LatencyHistogram empty;
  merged.merge(empty);
  CHECK(merged.count() == 1);
}

TEST_CASE("histogram storage covers the buckets used, and a copy only those") {
  LatencyHistogram h;
  CHECK(h.memory_bytes() < 256);  // nothing recorded yet
  Rng rng(3);
  for (int i = 0; i < 100000; ++i) h.record(1000 + static_cast<int64_t>(rng.below(99000)));  // 1 .. 100 ms
  // 100 ms is bucket (16 - 6 + 1) * 64 + ... = 768 or so: about 6 KB, not the 16 KB of all 1984 buckets.
  const LatencyHistogram copy = h;
  CHECK(copy.memory_bytes() < 7 * 1024);
  CHECK(copy.bucket_count() == 1984);  // the geometry is unchanged
  for (double p : {0.0, 1.0, 50.0, 99.0, 99.9, 100.0}) CHECK(copy.percentile(p) == h.percentile(p));
  CHECK(copy.bucket_count_at(1983) == 0);  // beyond the storage: empty, not out of bounds

  // A value far above the rest grows the storage on demand; nothing is lost.
  h.record(LatencyHistogram::kMaxTrackable + 5);
  CHECK(h.count() == 100001);
  CHECK(h.bucket_count_at(1983) == 1);
  CHECK(h.percentile(100) == LatencyHistogram::kMaxTrackable + 5);
  CHECK(h.percentile(50) == copy.percentile(50));

  // Merging into a small histogram grows it to hold the other's buckets.
  LatencyHistogram small;
  small.record(3);
  small.merge(h);
  CHECK(small.count() == 100002);
  CHECK(small.bucket_count_at(1983) == 1);
  CHECK(small.min() == 3);
}
