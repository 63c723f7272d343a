// LatencyHistogram — bounded-memory latency recorder with ~1% percentiles (HDR-style).
//
//   cp::sim::LatencyHistogram h;          // 2^6 sub-buckets per power of two
//   h.record(1234);                       // microseconds
//   h.record_n(500, 10);                  // ten requests of 500 us
//   int64_t p99 = h.percentile(99.0);     // within half a bucket (<= 0.78%) of the truth
//   h.count(); h.min(); h.max(); h.mean();  // min/max/mean are exact
//   total.merge(h); h.reset();
//   std::vector<uint8_t> bytes; h.append_compact(bytes);   // only its non-empty buckets
//   total.merge_compact(bytes.data());                     // exact, as merge(h)
//
// Layout (log-linear): values below 2^S (S = sub_bits) get one bucket each, so they
// are exact; every power-of-two range [2^m, 2^(m+1)) above is cut into 2^S equal
// buckets of width 2^(m-S). The relative width of a bucket is therefore at most 2^-S,
// and percentile() answers with the bucket's midpoint, off by at most 2^-(S+1).
// Bucket storage grows to the highest bucket used so far, and a copy takes only
// that: a run's checkpoint (a copy of every node's histograms) holds what its
// latencies need, not the whole range. At most, with every bucket used:
//   sub_bits  buckets  memory   worst relative error
//      5        1024    8 KB      1.6%
//      6        1984   16 KB      0.78%   (default)
//      7        3840   30 KB      0.39%
// Trackable range 0 .. 2^36 - 1 us (about 19 hours); larger values are counted in the
// top bucket (min/max/mean stay exact), negative values are recorded as 0.
// record() is O(1) and allocates only when a value lands above every earlier one's
// bucket; reset() and percentile() only touch the range of buckets used so far.
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cp::sim {

class LatencyHistogram {
 public:
  static constexpr int kMaxBits = 36;  // values are tracked up to 2^36 - 1 us
  static constexpr int64_t kMaxTrackable = (int64_t(1) << kMaxBits) - 1;

  // sub_bits is clamped to [1, 12].
  explicit LatencyHistogram(int sub_bits = 6);

  void record(int64_t us) { record_n(us, 1); }
  void record_n(int64_t us, uint64_t n) {
    if (n == 0) return;
    if (us < 0) us = 0;
    const uint32_t i = bucket_index(us);
    if (i >= counts_.size()) [[unlikely]] grow_to(i);
    counts_[i] += n;
    if (count_ == 0) {
      lo_bucket_ = hi_bucket_ = i;
      min_ = max_ = us;
    } else {
      if (i < lo_bucket_) lo_bucket_ = i;
      if (i > hi_bucket_) hi_bucket_ = i;
      if (us < min_) min_ = us;
      if (us > max_) max_ = us;
    }
    count_ += n;
    sum_ += us * static_cast<int64_t>(n);
  }

  uint64_t count() const { return count_; }
  int64_t min() const { return min_; }  // 0 when empty
  int64_t max() const { return max_; }  // 0 when empty
  int64_t sum() const { return sum_; }  // exact sum of all recorded values
  double mean() const { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }

  // Nearest-rank percentile, p in [0, 100]: the representative (midpoint) of the
  // bucket holding the ceil(p/100 * count)-th smallest value, clamped to [min, max];
  // percentile(0) is min() and percentile(100) is max(). 0 when empty.
  int64_t percentile(double p) const;

  // Adds another histogram's data. With equal sub_bits this is exact; otherwise each
  // of its buckets is re-recorded at its representative (count/min/max/sum stay exact).
  void merge(const LatencyHistogram& other);
  void reset();

  // The compact form a series keeps per interval (core/sim/series.h): the number of
  // non-empty buckets, then min, max and sum, then each non-empty bucket as (gap
  // since the previous one, count), all as LEB128 varints. An empty histogram is one
  // byte; a second of 1,000 requests spread over 150 buckets about 350.
  void append_compact(std::vector<uint8_t>& out) const;
  // Adds a histogram written by append_compact from one with the same sub_bits:
  // exactly as merge() would (counts, min, max and sum). Returns the byte after it.
  const uint8_t* merge_compact(const uint8_t* p);
  static const uint8_t* skip_compact(const uint8_t* p);  // the byte after a compact histogram

  int sub_bits() const { return sub_bits_; }
  size_t bucket_count() const { return static_cast<size_t>(bucket_index(kMaxTrackable)) + 1; }
  size_t memory_bytes() const { return sizeof(*this) + counts_.capacity() * sizeof(uint64_t); }

  // Bucket geometry, public for tests and for plotting the distribution.
  uint32_t bucket_index(int64_t us) const {
    uint64_t v = static_cast<uint64_t>(us);
    if (v > static_cast<uint64_t>(kMaxTrackable)) v = kMaxTrackable;
    if (v < (uint64_t(1) << sub_bits_)) return static_cast<uint32_t>(v);
    const int m = 63 - std::countl_zero(v);  // v in [2^m, 2^(m+1))
    const int shift = m - sub_bits_;
    return static_cast<uint32_t>((static_cast<uint64_t>(shift) << sub_bits_) + (v >> shift));
  }
  int64_t bucket_low(uint32_t i) const;    // smallest value in bucket i
  int64_t bucket_width(uint32_t i) const;  // number of integer values in bucket i
  uint64_t bucket_count_at(uint32_t i) const { return i < counts_.size() ? counts_[i] : 0; }

 private:
  int64_t representative(uint32_t i) const;
  void grow_to(uint32_t i);  // storage for buckets 0..i at least

  int sub_bits_;
  std::vector<uint64_t> counts_;  // buckets 0 .. highest used (see the top)
  uint64_t count_ = 0;
  int64_t sum_ = 0;
  int64_t min_ = 0, max_ = 0;
  uint32_t lo_bucket_ = 0, hi_bucket_ = 0;  // touched range, valid when count_ > 0
};

}  // namespace cp::sim
