// HistogramSeries — the latency histograms of a node's series, one group per
// series interval, in compact form (LatencyHistogram::append_compact: only the
// non-empty buckets). It is what makes a percentile over any window of a run exact
// to the histogram's resolution: merge the intervals' histograms, never their p99s.
//
//   HistogramSeries s;                                  // `per_point` histograms per interval
//   s.begin_point(); s.add(h0); s.add(h1);              // one interval: two histograms
//   LatencyHistogram h; s.merge_into(point, 1, h);      // add interval `point`'s second one to h
//   s.halve(2);                                         // pairs of intervals become one (merged)
//   s.truncate(points);                                 // a rewind drops the later intervals
//
// Memory is a byte array plus 4 bytes of offset per interval; see memory_bytes().
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/sim/histogram.h"

namespace cp::sim {

class HistogramSeries {
 public:
  // A new interval, then its histograms in a fixed order (as many for every interval).
  void begin_point() { offsets_.push_back(static_cast<uint32_t>(bytes_.size())); }
  void add(const LatencyHistogram& h) { h.append_compact(bytes_); }
  size_t size() const { return offsets_.size(); }
  // Adds histogram `which` (0-based, < n) of interval `point` to `out`.
  void merge_into(size_t point, size_t which, LatencyHistogram& out) const;
  // Pairs of intervals merged into one (an odd last one stays), as the series halves.
  void halve(size_t per_point);
  void truncate(size_t points);
  void clear();
  size_t byte_size() const { return bytes_.size(); }
  size_t memory_bytes() const { return bytes_.capacity() + offsets_.capacity() * sizeof(uint32_t); }

 private:
  const uint8_t* at(size_t point, size_t which) const;
  std::vector<uint8_t> bytes_;
  std::vector<uint32_t> offsets_;  // where each interval's first histogram starts
};

}  // namespace cp::sim
