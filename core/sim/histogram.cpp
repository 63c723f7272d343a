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

namespace {
void put_varint(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}
uint64_t get_varint(const uint8_t*& p) {
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
}
}  // namespace

void LatencyHistogram::append_compact(std::vector<uint8_t>& out) const {
  uint64_t used = 0;
  if (count_ > 0)
    for (uint32_t i = lo_bucket_; i <= hi_bucket_; ++i) used += counts_[i] != 0;
  put_varint(out, used);
  if (used == 0) return;
  put_varint(out, static_cast<uint64_t>(min_));  // values are >= 0 (record clamps)
  put_varint(out, static_cast<uint64_t>(max_));
  put_varint(out, static_cast<uint64_t>(sum_));
  uint32_t next = 0;  // the bucket after the previous non-empty one
  for (uint32_t i = lo_bucket_; i <= hi_bucket_; ++i) {
    if (counts_[i] == 0) continue;
    put_varint(out, i - next);
    put_varint(out, counts_[i]);
    next = i + 1;
  }
}

const uint8_t* LatencyHistogram::merge_compact(const uint8_t* p) {
  const uint64_t used = get_varint(p);
  if (used == 0) return p;
  const int64_t lo = static_cast<int64_t>(get_varint(p));
  const int64_t hi = static_cast<int64_t>(get_varint(p));
  const int64_t sum = static_cast<int64_t>(get_varint(p));
  uint32_t next = 0;
  for (uint64_t k = 0; k < used; ++k) {
    const uint32_t i = next + static_cast<uint32_t>(get_varint(p));
    const uint64_t n = get_varint(p);
    if (i >= counts_.size()) grow_to(i);
    counts_[i] += n;
    if (count_ == 0) {
      lo_bucket_ = hi_bucket_ = i;
      min_ = lo;
      max_ = hi;
    } else {
      lo_bucket_ = std::min(lo_bucket_, i);
      hi_bucket_ = std::max(hi_bucket_, i);
    }
    count_ += n;
    next = i + 1;
  }
  min_ = std::min(min_, lo);
  max_ = std::max(max_, hi);
  sum_ += sum;
  return p;
}

const uint8_t* LatencyHistogram::skip_compact(const uint8_t* p) {
  const uint64_t used = get_varint(p);
  if (used == 0) return p;
  for (uint64_t k = 0; k < 3 + 2 * used; ++k) get_varint(p);
  return p;
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
