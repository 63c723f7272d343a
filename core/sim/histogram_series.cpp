// HistogramSeries — see histogram_series.h.
#include "core/sim/histogram_series.h"

namespace cp::sim {

const uint8_t* HistogramSeries::at(size_t point, size_t which) const {
  const uint8_t* p = bytes_.data() + offsets_[point];
  for (size_t i = 0; i < which; ++i) p = LatencyHistogram::skip_compact(p);
  return p;
}

void HistogramSeries::merge_into(size_t point, size_t which, LatencyHistogram& out) const {
  if (point < offsets_.size()) out.merge_compact(at(point, which));
}

void HistogramSeries::halve(size_t per_point) {
  std::vector<uint8_t> bytes;
  std::vector<uint32_t> offsets;
  bytes.reserve(bytes_.size());
  std::vector<LatencyHistogram> merged(per_point);
  for (size_t i = 0; i < offsets_.size(); i += 2) {
    offsets.push_back(static_cast<uint32_t>(bytes.size()));
    const uint8_t* a = bytes_.data() + offsets_[i];
    const uint8_t* b = i + 1 < offsets_.size() ? bytes_.data() + offsets_[i + 1] : nullptr;
    for (size_t k = 0; k < per_point; ++k) {
      merged[k].reset();
      a = merged[k].merge_compact(a);
      if (b) b = merged[k].merge_compact(b);
      merged[k].append_compact(bytes);
    }
  }
  bytes_ = std::move(bytes);
  offsets_ = std::move(offsets);
}

void HistogramSeries::truncate(size_t points) {
  if (points >= offsets_.size()) return;
  bytes_.resize(offsets_[points]);
  offsets_.resize(points);
}

void HistogramSeries::clear() {
  bytes_.clear();
  offsets_.clear();
}

}  // namespace cp::sim
