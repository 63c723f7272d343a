#include "core/sim/lease_store.h"

#include <algorithm>

namespace cp::sim {

// ---- the public operations ------------------------------------------------------

bool LeaseStore::put(SimTime now, const Lineage& m, SimTime visible_at) {
  advance(now);
  uint32_t slot;
  if (free_head_ != kNil) {
    slot = free_head_;
    free_head_ = msgs_[slot].next;
  } else {
    if (msgs_.size() >= kMaxHeld) {
      ++counters_.refused;
      return false;
    }
    slot = static_cast<uint32_t>(msgs_.size());
    msgs_.push_back(Msg{});  // the only push: references taken below stay valid
  }
  Msg& g = msgs_[slot];
  g.sent_at = now;
  g.first_sent_at = m.first_sent_at;
  g.item_id = m.id;
  g.key = m.key;
  g.size = m.size;
  g.attr = m.attr;
  g.origin = m.origin.v;
  g.receives = 0;
  g.hops = m.hops;
  g.older = newest_;
  g.newer = kNil;
  if (newest_ != kNil) msgs_[newest_].newer = slot;
  else oldest_ = slot;
  newest_ = slot;
  bytes_ += m.size;
  ++counters_.put;
  if (visible_at > now) {
    g.state = kDelayed;
    ++delayed_;
    timed_push(slot, visible_at);
  } else {
    ready_push(slot);
  }
  return true;
}

bool LeaseStore::lease(SimTime now, SimTime deadline, Leased* out) {
  advance(now);
  if (ready_head_ == kNil) return false;
  const uint32_t slot = ready_head_;
  ready_unlink(slot);
  Msg& g = msgs_[slot];
  g.state = kLeased;
  if (g.receives < UINT16_MAX) ++g.receives;
  ++leased_;
  ++counters_.leased;
  timed_push(slot, deadline < now ? now : deadline);
  fill(slot, out, true);
  return true;
}

bool LeaseStore::take(SimTime now, Leased* out) {
  advance(now);
  if (ready_head_ == kNil) return false;
  const uint32_t slot = ready_head_;
  ready_unlink(slot);
  fill(slot, out, false);
  release(slot);
  ++counters_.taken;
  return true;
}

bool LeaseStore::ack(SimTime now, Receipt r) {
  advance(now);
  if (!live_lease(r)) {
    ++counters_.stale_receipts;
    return false;
  }
  timed_remove(msgs_[r.slot].next);
  --leased_;
  release(r.slot);
  ++counters_.acked;
  return true;
}

bool LeaseStore::change_deadline(SimTime now, Receipt r, SimTime deadline) {
  advance(now);
  if (!live_lease(r)) {
    ++counters_.stale_receipts;
    return false;
  }
  Msg& g = msgs_[r.slot];
  if (deadline <= now) {
    timed_remove(g.next);
    --leased_;
    ++g.gen;
    ready_push(r.slot);
    ++counters_.returned;
    return true;
  }
  timed_move(g.next, deadline);
  return true;
}

void LeaseStore::advance(SimTime now) {
  for (;;) {
    const SimTime t = heap_.empty() ? kNever : heap_[0].due;
    const SimTime d = drop_time();
    if (d != kNever && d <= now && d <= t) {  // past retention, whatever its state
      const uint32_t slot = oldest_;
      Msg& g = msgs_[slot];
      if (g.state == kVisible) {
        ready_unlink(slot);
      } else {
        timed_remove(g.next);
        --(g.state == kLeased ? leased_ : delayed_);
      }
      release(slot);
      ++counters_.dropped;
      continue;
    }
    if (heap_.empty() || t > now) return;
    const uint32_t slot = static_cast<uint32_t>(heap_[0].order & kSlotMask);
    timed_remove(0);
    Msg& g = msgs_[slot];
    if (g.state == kLeased) {  // the lease ran out: visible again, its receipt stale
      --leased_;
      ++g.gen;
      ++counters_.expired;
    } else {  // the delay ended
      --delayed_;
    }
    ready_push(slot);
  }
}

size_t LeaseStore::memory_bytes() const {
  return sizeof(*this) + msgs_.memory_bytes() + heap_.capacity() * sizeof(Timed);
}

// ---- lists -----------------------------------------------------------------------

void LeaseStore::fill(uint32_t slot, Leased* out, bool with_receipt) const {
  const Msg& g = msgs_[slot];
  out->receipt = with_receipt ? Receipt{slot, g.gen} : Receipt{};
  out->item = Lineage{g.item_id, g.first_sent_at, g.key, NodeId{g.origin}, g.size, g.attr, g.hops};
  out->receive_count = with_receipt ? g.receives : 0;
  out->sent_at = g.sent_at;
}

void LeaseStore::ready_push(uint32_t slot) {
  Msg& g = msgs_[slot];
  g.state = kVisible;
  g.prev = ready_tail_;
  g.next = kNil;
  if (ready_tail_ != kNil) msgs_[ready_tail_].next = slot;
  else ready_head_ = slot;
  ready_tail_ = slot;
  ++visible_;
}

void LeaseStore::ready_unlink(uint32_t slot) {
  const Msg& g = msgs_[slot];
  if (g.prev != kNil) msgs_[g.prev].next = g.next;
  else ready_head_ = g.next;
  if (g.next != kNil) msgs_[g.next].prev = g.prev;
  else ready_tail_ = g.prev;
  --visible_;
}

void LeaseStore::release(uint32_t slot) {
  Msg& g = msgs_[slot];
  if (g.older != kNil) msgs_[g.older].newer = g.newer;
  else oldest_ = g.newer;
  if (g.newer != kNil) msgs_[g.newer].older = g.older;
  else newest_ = g.older;
  bytes_ -= g.size;
  g.state = kFree;
  ++g.gen;
  g.next = free_head_;
  free_head_ = slot;
}

// ---- the heap of delayed and leased messages ------------------------------------
// A binary heap of (due, order) that keeps each message's position in its
// record (Msg::next), so an ack or a new deadline finds its entry at once and
// the heap holds exactly the delayed and leased messages, no stale entries.

void LeaseStore::place(uint32_t pos, const Timed& t) {
  heap_[pos] = t;
  msgs_[static_cast<uint32_t>(t.order & kSlotMask)].next = pos;
}

uint64_t LeaseStore::next_order(uint32_t slot) {
  if (seq_ == kMaxSeq) renumber();
  return (seq_++ << kSlotBits) | slot;
}

void LeaseStore::timed_push(uint32_t slot, SimTime due) {
  const uint64_t order = next_order(slot);
  heap_.push_back(Timed{due, order});
  const uint32_t pos = static_cast<uint32_t>(heap_.size() - 1);
  place(pos, heap_[pos]);
  sift_up(pos);
}

void LeaseStore::timed_remove(uint32_t pos) {
  const Timed last = heap_.back();
  heap_.pop_back();
  if (pos == heap_.size()) return;
  place(pos, last);
  if (pos > 0 && before(last, heap_[(pos - 1) / 2])) sift_up(pos);
  else sift_down(pos);
}

void LeaseStore::timed_move(uint32_t pos, SimTime due) {
  const uint32_t slot = static_cast<uint32_t>(heap_[pos].order & kSlotMask);
  const Timed t{due, next_order(slot)};  // a new deadline queues behind others at the same time
  place(pos, t);
  if (pos > 0 && before(t, heap_[(pos - 1) / 2])) sift_up(pos);
  else sift_down(pos);
}

void LeaseStore::sift_up(uint32_t pos) {
  const Timed t = heap_[pos];
  while (pos > 0) {
    const uint32_t parent = (pos - 1) / 2;
    if (!before(t, heap_[parent])) break;
    place(pos, heap_[parent]);
    pos = parent;
  }
  place(pos, t);
}

void LeaseStore::sift_down(uint32_t pos) {
  const Timed t = heap_[pos];
  const size_t n = heap_.size();
  for (;;) {
    size_t c = 2 * static_cast<size_t>(pos) + 1;
    if (c >= n) break;
    if (c + 1 < n && before(heap_[c + 1], heap_[c])) ++c;
    if (!before(heap_[c], t)) break;
    place(pos, heap_[c]);
    pos = static_cast<uint32_t>(c);
  }
  place(pos, t);
}

// After 2.7·10^11 schedulings: give the entries seqs 0..n-1 in their order,
// which keeps the order (and so the heap) as it is.
void LeaseStore::renumber() {
  std::vector<uint32_t> idx(heap_.size());
  for (uint32_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::sort(idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) { return heap_[a].order < heap_[b].order; });
  for (size_t r = 0; r < idx.size(); ++r)
    heap_[idx[r]].order = (static_cast<uint64_t>(r) << kSlotBits) | (heap_[idx[r]].order & kSlotMask);
  seq_ = idx.size();
}

}  // namespace cp::sim
