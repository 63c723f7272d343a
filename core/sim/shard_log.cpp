#include "core/sim/shard_log.h"

#include <algorithm>

namespace cp::sim {

namespace {
constexpr int kRefShardShift = 40;  // a reply's ref: shard << 40 | sequence number
}

ShardLog::ShardLog(uint32_t shards, SimTime retention, size_t consumers)
    : shards_(std::max<uint32_t>(1, shards)), retention_(retention), consumers_(consumers), rr_(consumers, 0) {
  for (Shard& s : shards_) s.cursors.assign(consumers, Cursor{});
}

uint32_t ShardLog::shard_of(uint64_t key) const {
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return static_cast<uint32_t>(key % shards_.size());
}

void ShardLog::append(uint32_t shard, const Lineage& item, SimTime now) {
  Shard& s = shards_[shard];
  const int64_t second = now / kSecond;
  if (s.retained.empty() || s.retained.back().first != second) s.retained.emplace_back(second, 0);
  ++s.retained.back().second;
  ++retained_;
  ++appended_;
  ++s.next_seq;
  if (consumers_ == 0) ++s.unread_base;  // nobody reads it: count it, keep nothing
  else s.unread.push_back({item, now});
}

int ShardLog::get_records(uint32_t k, uint32_t n, SimTime now, SimTime lease,
                          const std::function<uint64_t(uint32_t)>& read_budget, Reply* out, SimTime written_by,
                          SimTime* next_written) {
  if (next_written) *next_written = kNever;
  for (uint32_t i = 0; i < shards_.size(); ++i) {
    const uint32_t si = (rr_[k] + i) % static_cast<uint32_t>(shards_.size());
    Shard& s = shards_[si];
    Cursor& c = s.cursors[k];
    if (c.out && now < c.lease_until) continue;  // its batch is being worked on: the shard waits
    const uint64_t from = c.out ? c.from : c.next;  // an expired lease: the same batch again
    uint64_t to = c.out ? c.to : std::min<uint64_t>(s.next_seq, from + n);
    if (from >= to || from < s.unread_base) continue;
    // A new batch holds only records old enough to have reached this consumer (in order, so a prefix).
    if (!c.out && written_by != kNever) {
      uint64_t visible = from;
      while (visible < to && s.unread[visible - s.unread_base].at <= written_by) ++visible;
      if (visible == from && next_written)
        *next_written = std::min(*next_written, s.unread[from - s.unread_base].at);
      to = visible;
      if (from >= to) continue;
    }
    if (read_budget) {
      const uint64_t budget = read_budget(si);
      if (budget == 0) continue;
      if (!c.out) {  // a new batch: as many records as the budget holds, one at least
        uint64_t bytes = s.unread[from - s.unread_base].item.size, end = from + 1;
        while (end < to && bytes + s.unread[end - s.unread_base].item.size <= budget)
          bytes += s.unread[end++ - s.unread_base].item.size;
        to = end;
      }
    }
    for (uint64_t q = from; q < to; ++q)
      out->items.push_back({s.unread[q - s.unread_base].item, (static_cast<uint64_t>(si) << kRefShardShift) | q,
                            c.out ? 2u : 1u});
    c = Cursor{from, true, from, to, 0, now + lease};
    rr_[k] = si + 1;
    return static_cast<int>(si);
  }
  return -1;
}

bool ShardLog::checkpoint(uint32_t k, uint64_t ref) {
  const uint64_t si = ref >> kRefShardShift, seq = ref & ((1ULL << kRefShardShift) - 1);
  if (si >= shards_.size() || k >= consumers_) return false;
  Shard& s = shards_[si];
  Cursor& c = s.cursors[k];
  if (!c.out || seq < c.from || seq >= c.to) return false;
  if (++c.acked == c.to - c.from) {
    c.next = c.to;
    c.out = false;
    trim(s);
  }
  return true;
}

// Drops the records every consumer has checkpointed (they stay counted as retained).
void ShardLog::trim(Shard& s) {
  uint64_t first = s.next_seq;
  for (const Cursor& c : s.cursors) first = std::min(first, c.first());
  while (s.unread_base < first && !s.unread.empty()) {
    s.unread.pop_front();
    ++s.unread_base;
  }
}

void ShardLog::expire(SimTime now, int shard) {
  const int64_t oldest_kept = (now - retention_) / kSecond;
  for (size_t i = shard < 0 ? 0 : static_cast<size_t>(shard); i < shards_.size(); ++i) {
    Shard& s = shards_[i];
    while (!s.retained.empty() && s.retained.front().first < oldest_kept) {
      retained_ -= s.retained.front().second;
      expired_ += s.retained.front().second;
      s.retained.pop_front();
    }
    // Unread records past the retention period are gone for their consumers too.
    while (!s.unread.empty() && s.unread.front().at < now - retention_) {
      s.unread.pop_front();
      ++s.unread_base;
      ++lost_;
      for (Cursor& c : s.cursors)
        if (c.first() < s.unread_base) c = Cursor{s.unread_base};
    }
    if (shard >= 0) break;
  }
}

double ShardLog::oldest_unread_s(SimTime now) const {
  double oldest = 0;
  for (const Shard& s : shards_)
    for (const Cursor& c : s.cursors) {
      const uint64_t first = c.first();
      if (first < s.next_seq && first >= s.unread_base)
        oldest = std::max(oldest, to_seconds(now - s.unread[first - s.unread_base].at));
    }
  return oldest;
}

uint64_t ShardLog::unread() const {
  uint64_t n = 0;
  for (const Shard& s : shards_) n += s.unread.size();
  return n;
}

}  // namespace cp::sim
