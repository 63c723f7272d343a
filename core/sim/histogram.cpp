// LatencyHistogram — bucket geometry, percentiles, merge. See histogram.h.
#include "core/sim/histogram.h"

#include <algorithm>

namespace cp::sim {

LatencyHistogram::LatencyHistogram(int sub_bits) : sub_bits_(std::clamp(sub_bits, 1, 12)) {}

void LatencyHistogram::grow_to(uint32_t i) {
  // The size is exactly what is used (a copy takes the size); the capacity
  // doubles, so growing stays O(1) amortized.
  const size_t need = static_cast<size_t>(i) + 1;
  if (need > counts_.capacity()) counts_.reserve(std::min(std::max(need, counts_.capacity() * 2), bucket_count()));
  counts_.resize(need, 0);
}

int64_t LatencyHistogram::bucket_low(uint32_t i) const {
  const uint32_t sub = uint32_t(1) << sub_bits_;
  if (i < 2 * sub) return i;  // exact buckets, and the first octave of width 1
  const int shift = static_cast<int>(i >> sub_bits_) - 1;
  const int64_t mantissa = (i & (sub - 1)) | sub;  // in [2^S, 2^(S+1))
  return mantissa << shift;
}

int64_t LatencyHistogram::bucket_width(uint32_t i) const {
  const uint32_t sub = uint32_t(1) << sub_bits_;
  if (i < 2 * sub) return 1;
  return int64_t(1) << ((i >> sub_bits_) - 1);
}

int64_t LatencyHistogram::representative(uint32_t i) const {
  const int64_t mid = bucket_low(i) + (bucket_width(i) - 1) / 2;
  return std::clamp(mid, min_, max_);
}

int64_t LatencyHistogram::percentile(double p) const {
  if (count_ == 0) return 0;
  if (!(p > 0)) return min_;  // also NaN
  if (p >= 100) return max_;
  // rank = ceil(p/100 * count), at least 1; the double only picks a rank, the answer
  // is integer bookkeeping from there on.
  const double r = p / 100.0 * static_cast<double>(count_);
  uint64_t rank = static_cast<uint64_t>(r);
  if (static_cast<double>(rank) < r) ++rank;
  if (rank < 1) rank = 1;
  if (rank > count_) rank = count_;
  // Walk from the nearer end of the touched range.
  if (rank <= count_ / 2) {
    uint64_t seen = 0;
    for (uint32_t i = lo_bucket_; i <= hi_bucket_; ++i) {
      seen += counts_[i];
      if (seen >= rank) return representative(i);
    }
  } else {
    uint64_t above = 0;  // values in buckets after i
    for (uint32_t i = hi_bucket_; i >= lo_bucket_; --i) {
      // bucket i holds ranks (count - above - counts_[i], count - above]
      if (count_ - above - counts_[i] < rank) return representative(i);
      above += counts_[i];
      if (i == 0) break;
    }
  }
  return max_;  // unreachable when the counts are consistent
}

bool LatencyHistogram::subtract_earlier(const LatencyHistogram& e) {
  if (e.sub_bits_ != sub_bits_ || e.count_ > count_) return false;
  if (e.count_ == 0) return true;
  if (e.hi_bucket_ >= counts_.size()) return false;
  for (uint32_t i = e.lo_bucket_; i <= e.hi_bucket_; ++i)
    if (e.counts_[i] > counts_[i]) return false;
  for (uint32_t i = e.lo_bucket_; i <= e.hi_bucket_; ++i) counts_[i] -= e.counts_[i];
  count_ -= e.count_;
  sum_ -= e.sum_;
  if (count_ == 0) {
    reset();
    return true;
  }
  while (counts_[lo_bucket_] == 0) ++lo_bucket_;
  while (counts_[hi_bucket_] == 0) --hi_bucket_;
  min_ = std::max(min_, bucket_low(lo_bucket_));
  max_ = std::min(max_, bucket_low(hi_bucket_) + bucket_width(hi_bucket_) - 1);
  return true;
}

void LatencyHistogram::merge(const LatencyHistogram& o) {
  if (o.count_ == 0) return;
  if (o.sub_bits_ == sub_bits_) {
    if (o.hi_bucket_ >= counts_.size()) grow_to(o.hi_bucket_);
    for (uint32_t i = o.lo_bucket_; i <= o.hi_bucket_; ++i) counts_[i] += o.counts_[i];
    if (count_ == 0) {
      lo_bucket_ = o.lo_bucket_;
      hi_bucket_ = o.hi_bucket_;
    } else {
      lo_bucket_ = std::min(lo_bucket_, o.lo_bucket_);
      hi_bucket_ = std::max(hi_bucket_, o.hi_bucket_);
    }
  } else {
    bool first = count_ == 0;
    for (uint32_t i = o.lo_bucket_; i <= o.hi_bucket_; ++i) {
      if (o.counts_[i] == 0) continue;
      const uint32_t j = bucket_index(o.representative(i));
      if (j >= counts_.size()) grow_to(j);
      counts_[j] += o.counts_[i];
      if (first) {
        lo_bucket_ = hi_bucket_ = j;
        first = false;
      } else {
        lo_bucket_ = std::min(lo_bucket_, j);
        hi_bucket_ = std::max(hi_bucket_, j);
      }
    }
  }
  min_ = count_ ? std::min(min_, o.min_) : o.min_;
  max_ = count_ ? std::max(max_, o.max_) : o.max_;
  count_ += o.count_;
  sum_ += o.sum_;
}

void LatencyHistogram::reset() {
  // Size 0, capacity kept: the next values zero-fill what they reach (cheap),
  // and a copy of a reset histogram (a checkpoint between two seconds) is empty.
  counts_.clear();
  count_ = 0;
  sum_ = 0;
  min_ = max_ = 0;
  lo_bucket_ = hi_bucket_ = 0;
}

}  // namespace cp::sim
