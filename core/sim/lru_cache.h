// LruCache: a fixed-capacity least-recently-used set of keys with an expiry
// time each (edge caches, DAX, ElastiCache).
//
//   LruCache c(capacity);
//   if (c.fresh(key, now)) ...hit...;  c.put(key, now + ttl);
//
// Entries live in a vector and link to each other by index, not by pointer or
// list iterator, so a copy of the cache is a correct, independent cache: models
// are copied for checkpoints (Model::clone), and a std::list + iterator map would
// copy iterators into the original's list.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/sim/time.h"

namespace cp::sim {

class LruCache {
public:
  explicit LruCache(size_t capacity = 0) : capacity_(capacity) {}

  size_t size() const { return index_.size(); }
  size_t capacity() const { return capacity_; }

  // True if key is cached and not expired at `now`; a hit becomes most recent.
  bool fresh(uint64_t key, SimTime now) {
    auto it = index_.find(key);
    if (it == index_.end()) return false;
    Slot& s = slots_[it->second];
    if (s.expires <= now) return false;
    unlink(it->second);
    link_front(it->second);
    return true;
  }

  // Expiry time of a cached key, or -1 if it is not cached. Does not touch recency.
  SimTime expires(uint64_t key) const {
    auto it = index_.find(key);
    return it == index_.end() ? -1 : slots_[it->second].expires;
  }

  // Make key most recent (it must be cached).
  void touch(uint64_t key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    unlink(it->second);
    link_front(it->second);
  }

  void erase(uint64_t key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    uint32_t i = it->second;
    index_.erase(it);
    unlink(i);
    free_.push_back(i);
  }

  // Insert or refresh key (most recent), evicting the least recently used when full.
  void put(uint64_t key, SimTime expires) {
    if (capacity_ == 0) return;
    auto it = index_.find(key);
    if (it != index_.end()) {
      slots_[it->second].expires = expires;
      unlink(it->second);
      link_front(it->second);
      return;
    }
    uint32_t i;
    if (index_.size() >= capacity_) {
      i = tail_;
      index_.erase(slots_[i].key);
      unlink(i);
    } else if (!free_.empty()) {
      i = free_.back();
      free_.pop_back();
    } else {
      i = static_cast<uint32_t>(slots_.size());
      slots_.push_back({});
    }
    slots_[i].key = key;
    slots_[i].expires = expires;
    link_front(i);
    index_.emplace(key, i);
  }

private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Slot {
    uint64_t key = 0;
    SimTime expires = 0;
    uint32_t prev = kNone, next = kNone;
  };
  void unlink(uint32_t i) {
    Slot& s = slots_[i];
    (s.prev != kNone ? slots_[s.prev].next : head_) = s.next;
    (s.next != kNone ? slots_[s.next].prev : tail_) = s.prev;
    s.prev = s.next = kNone;
  }
  void link_front(uint32_t i) {
    slots_[i].prev = kNone;
    slots_[i].next = head_;
    if (head_ != kNone) slots_[head_].prev = i;
    head_ = i;
    if (tail_ == kNone) tail_ = i;
  }

  size_t capacity_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> free_;  // erased slots, reused first
  uint32_t head_ = kNone, tail_ = kNone;
  // Lookups only (never iterated), so a hash map keeps runs deterministic.
  std::unordered_map<uint64_t, uint32_t> index_;
};

}  // namespace cp::sim
