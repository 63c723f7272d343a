// EventQueue: the kernel's pending events, ordered by (time, seq).
// seq is the order in which events were scheduled, so two events at the same
// microsecond run in the order they were scheduled (FIFO). That rule, plus one
// seeded Rng, makes a run a pure function of (document, seed).
//
// An implicit d-ary heap of 16-byte keys {time, seq·2^26 + slot}; the rest of
// an event (target, kind, payload) waits in a side table at `slot`, so a sift
// moves 16 bytes, not 32. Pop is bottom-up. EventQueue is the binary heap: with
// branch-free compares and bottom-up pop it beat the 4- and 8-ary ones from 2
// to 20,000 pending events, natively and in wasm (bench's hold test; numbers
// in docs/engine.md). The slot bits never decide an order: seq is unique.
// When seq would overflow its 38 bits (after 2.7·10^11 events) the pending
// events are renumbered by rank, which keeps their order.
//
//   EventQueue q; q.push(t, target, kind, aux, payload); Event e = q.pop();
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/sim/time.h"

namespace cp::sim {

struct Event {
  SimTime time;
  uint64_t seq;
  uint32_t target;   // node index, or kKernelTarget
  uint16_t kind;     // see EventKind; models use kinds >= kFirstModelEvent
  uint16_t aux;      // small extra payload (e.g. a timer id)
  uint64_t payload;  // request handle or model-defined value
};

template <int Arity>
class DaryHeap {
public:
  static constexpr int kSlotBits = 26;  // up to 67 M pending events (1 GiB of queue)
  static constexpr uint64_t kSlotMask = (uint64_t(1) << kSlotBits) - 1;
  static constexpr uint64_t kMaxSeq = uint64_t(1) << (64 - kSlotBits);

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  SimTime top_time() const { return heap_.front().time; }
  void clear() {
    heap_.clear();
    body_.clear();
    free_.clear();
    seq_ = 0;
  }
  void reserve(size_t n) {
    heap_.reserve(n);
    body_.reserve(n);
  }
  // Pending events beyond this cannot be stored (see kSlotBits).
  bool full() const { return free_.empty() && body_.size() > kSlotMask; }

  // Always inlined (into Simulation::push and advance): V8's wasm calls have
  // no callee-saved registers, so a call spills whatever is live around it.
  // With push/pop and schedule_timer inlined, the kernel M/M/1 in wasm went
  // from 21 to 24 M events/s (scripts/bench, same machine, same hour).
  [[gnu::always_inline]] void push(SimTime time, uint32_t target, uint16_t kind, uint16_t aux, uint64_t payload) {
    uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
      body_[slot] = Body{payload, target, kind, aux};
    } else {
      slot = static_cast<uint32_t>(body_.size());
      body_.push_back(Body{payload, target, kind, aux});
    }
    if (seq_ == kMaxSeq) renumber();
    Key k{time, (seq_++ << kSlotBits) | slot};
    size_t i = heap_.size();
    heap_.push_back(k);
    Key* h = heap_.data();
    while (i > 0) {
      size_t parent = (i - 1) / Arity;
      if (!before(k, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = k;
  }

  [[gnu::always_inline]] Event pop() {
    Key* h = heap_.data();
    const Key top = h[0];
    const Key last = h[heap_.size() - 1];
    heap_.pop_back();
    const size_t n = heap_.size();
    if (n > 0) {
      // Bottom-up (Floyd): walk the hole down along the smallest children to
      // a leaf without comparing against `last`, then move `last` up from
      // there; `last` came from the bottom, so it rarely rises far.
      size_t i = 0;
      for (;;) {
        size_t first = i * Arity + 1;
        if (first >= n) break;
        size_t best = first;
        if (first + Arity <= n) {
          for (int c = 1; c < Arity; ++c) best = before(h[first + c], h[best]) ? first + c : best;
        } else {
          for (size_t c = first + 1; c < n; ++c) best = before(h[c], h[best]) ? c : best;
        }
        h[i] = h[best];
        i = best;
      }
      while (i > 0) {
        size_t parent = (i - 1) / Arity;
        if (!before(last, h[parent])) break;
        h[i] = h[parent];
        i = parent;
      }
      h[i] = last;
    }
    const uint32_t slot = static_cast<uint32_t>(top.order & kSlotMask);
    const Body& b = body_[slot];
    free_.push_back(slot);
    return Event{top.time, top.order >> kSlotBits, b.target, b.kind, b.aux, b.payload};
  }

private:
  struct Key {
    SimTime time;
    uint64_t order;  // seq << kSlotBits | slot
  };
  struct Body {
    uint64_t payload;
    uint32_t target;
    uint16_t kind;
    uint16_t aux;
  };
  // (time, order) as one 128-bit number: a compare and a subtract-with-borrow,
  // no branch on equal times. time is never negative, so unsigned is right.
  // wasm has no 128-bit integers: there three 64-bit compares combined with
  // & and | (not && and ||, which compile to branches that the random order
  // of keys mispredicts): wasm micro-model 12.4 -> 14.4 M events/s.
  static bool before(const Key& a, const Key& b) {
#if defined(__EMSCRIPTEN__)
    return (a.time < b.time) | ((a.time == b.time) & (a.order < b.order));
#else
    using U = unsigned __int128;
    return ((static_cast<U>(static_cast<uint64_t>(a.time)) << 64) | a.order) <
           ((static_cast<U>(static_cast<uint64_t>(b.time)) << 64) | b.order);
#endif
  }

  // Give the pending events seqs 0..n-1 in their current order.
  [[gnu::noinline, gnu::cold]] void renumber() {
    std::vector<size_t> idx(heap_.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return heap_[a].order < heap_[b].order; });
    for (size_t r = 0; r < idx.size(); ++r)
      heap_[idx[r]].order = (static_cast<uint64_t>(r) << kSlotBits) | (heap_[idx[r]].order & kSlotMask);
    seq_ = idx.size();
  }

  std::vector<Key> heap_;
  std::vector<Body> body_;
  std::vector<uint32_t> free_;
  uint64_t seq_ = 0;
};

using EventQueue = DaryHeap<2>;  // see the comment at the top

}  // namespace cp::sim
