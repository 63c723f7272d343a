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
// Cancellable events: push_cancellable returns a TimerToken {slot, generation}.
// cancel(token) marks the event (lazy deletion: no search through the heap).
// pop returns a tokened event with a flag bit in its kind (kind > kMaxKind);
// settle(e) then ends its token and says whether it was cancelled, in which
// case the caller skips it. A slot's generation moves when a tokened event
// leaves the queue, so the token of an event that already ran or was
// cancelled is stale and cancel() ignores it. Once cancelled events are more
// than half of the queue they are removed in one pass (compact), so
// cancelling cannot make the queue grow without bound. Events pushed without
// a token cost nothing more: pop is as it was, and the caller's test of the
// kind is one compare.
//
//   EventQueue q; q.push(t, target, kind, aux, payload); Event e = q.pop();
//   TimerToken k = q.push_cancellable(t, target, kind, aux, payload); q.cancel(k);
//   Event e = q.pop(); if (e.kind > q.kMaxKind && (e.kind = q.settle(e.order, e.kind)) == 0) { /* cancelled */ }
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/sim/time.h"

namespace cp::sim {

struct Event {
  SimTime time;
  uint64_t order;    // seq << 26 | slot (see DaryHeap): the scheduling order, and where the body was
  uint32_t target;   // node index, or kKernelTarget
  uint16_t kind;     // see EventKind; models use kinds >= kFirstModelEvent
  uint16_t aux;      // small extra payload (e.g. a timer id)
  uint64_t payload;  // request handle or model-defined value
};

// Names one cancellable pending event. A default token names none; a stale
// one (its event ran or was cancelled, or the queue was cleared) is harmless.
struct TimerToken {
  uint32_t slot = UINT32_MAX;
  uint32_t gen = 0;
  constexpr bool valid() const { return slot != UINT32_MAX; }
};

template <int Arity>
class DaryHeap {
public:
  static constexpr int kSlotBits = 26;  // up to 67 M pending events (1 GiB of queue)
  static constexpr uint64_t kSlotMask = (uint64_t(1) << kSlotBits) - 1;
  static constexpr uint64_t kMaxSeq = uint64_t(1) << (64 - kSlotBits);
  // Kinds are at most this: the top two bits of a stored kind are flags.
  static constexpr uint16_t kMaxKind = 0x3fff;

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }                 // cancelled events included
  size_t cancelled() const { return cancelled_; }              // cancelled and still in the heap
  size_t live_size() const { return heap_.size() - cancelled_; }
  SimTime top_time() const { return heap_.front().time; }     // may be a cancelled event's
  void clear() {
    for (uint32_t& g : gen_) ++g;  // every token handed out goes stale
    heap_.clear();
    body_.clear();
    free_.clear();
    cancelled_ = 0;
    seq_ = 0;
  }
  void reserve(size_t n) {
    heap_.reserve(n);
    body_.reserve(n);
    gen_.reserve(n);
  }
  // Pending events beyond this cannot be stored (see kSlotBits).
  bool full() const { return free_.empty() && body_.size() > kSlotMask; }

  // Always inlined (into Simulation::push and advance): V8's wasm calls have
  // no callee-saved registers, so a call spills whatever is live around it.
  // With push/pop and schedule_timer inlined, the kernel M/M/1 in wasm went
  // from 21 to 24 M events/s (scripts/bench, same machine, same hour).
  [[gnu::always_inline]] void push(SimTime time, uint32_t target, uint16_t kind, uint16_t aux, uint64_t payload) {
    insert(time, target, kind, aux, payload);
  }

  // The same, and a token to cancel it with.
  TimerToken push_cancellable(SimTime time, uint32_t target, uint16_t kind, uint16_t aux, uint64_t payload) {
    const uint32_t slot = insert(time, target, static_cast<uint16_t>(kind | kTokenBit), aux, payload);
    return TimerToken{slot, gen_[slot]};
  }

  // True while the token's event is in the queue and not cancelled. (The
  // generation matches only until the event leaves: see pop and compact.)
  bool pending(TimerToken t) const {
    return t.slot < gen_.size() && gen_[t.slot] == t.gen && t.slot < body_.size() &&
           (body_[t.slot].kind & (kTokenBit | kCancelBit)) == kTokenBit;
  }

  // Make the token's event a no-op. False, and nothing changes, when the
  // token is stale or its event already cancelled.
  bool cancel(TimerToken t) {
    if (!pending(t)) return false;
    body_[t.slot].kind |= kCancelBit;
    // Dead weight stays at most half the heap: a compaction costs O(n) and
    // follows at least n/2 cancellations, so a cancel is O(1) on average.
    if (++cancelled_ > kCompactMin && cancelled_ * 2 > heap_.size()) compact();
    return true;
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
    return Event{top.time, top.order, b.target, b.kind, b.aux, b.payload};
  }

  // For a popped event with kind > kMaxKind (pushed with a token): its token
  // goes stale. Returns its real kind, or 0 if it was cancelled (skip it).
  // By value, not Event&: an address taken would keep the caller's Event in
  // wasm's memory stack instead of in locals (measured: -10% in wasm).
  [[gnu::noinline]] uint16_t settle(uint64_t order, uint16_t kind) {
    const uint32_t slot = static_cast<uint32_t>(order & kSlotMask);
    ++gen_[slot];
    if (kind & kCancelBit) {
      --cancelled_;
      return 0;
    }
    return static_cast<uint16_t>(kind & kMaxKind);
  }

private:
  static constexpr uint16_t kTokenBit = 0x8000;   // pushed with a token
  static constexpr uint16_t kCancelBit = 0x4000;  // cancelled
  static constexpr size_t kCompactMin = 64;       // below this many, never compact

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

  [[gnu::always_inline]] uint32_t insert(SimTime time, uint32_t target, uint16_t kind, uint16_t aux, uint64_t payload) {
    uint32_t slot;
    if (!free_.empty()) [[likely]] {
      slot = free_.back();
      free_.pop_back();
      body_[slot] = Body{payload, target, kind, aux};
    } else {
      slot = new_slot(payload, target, kind, aux);
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
    return slot;
  }

  // Out of line: the queue grows only while a run warms up, and this path
  // inlined into every push made callers too big to inline in turn. Values,
  // not a Body&: a reference would put a Body in wasm's memory stack at every
  // push site.
  [[gnu::noinline]] uint32_t new_slot(uint64_t payload, uint32_t target, uint16_t kind, uint16_t aux) {
    const uint32_t slot = static_cast<uint32_t>(body_.size());
    body_.push_back(Body{payload, target, kind, aux});
    if (gen_.size() < body_.size()) gen_.push_back(0);
    return slot;
  }

  // Drop every cancelled event, then rebuild the heap (Floyd). Keys are
  // unique, so the pop order of the rest is exactly what it was.
  [[gnu::noinline, gnu::cold]] void compact() {
    size_t out = 0;
    for (size_t i = 0; i < heap_.size(); ++i) {
      const uint32_t slot = static_cast<uint32_t>(heap_[i].order & kSlotMask);
      if (body_[slot].kind & kCancelBit) {
        ++gen_[slot];
        free_.push_back(slot);
      } else {
        heap_[out++] = heap_[i];
      }
    }
    heap_.resize(out);
    cancelled_ = 0;
    for (size_t i = out / Arity + 1; i-- > 0;) sift_down(i);
  }

  void sift_down(size_t i) {
    const size_t n = heap_.size();
    Key* h = heap_.data();
    if (i >= n) return;
    const Key k = h[i];
    for (;;) {
      size_t first = i * Arity + 1;
      if (first >= n) break;
      size_t best = first;
      for (size_t c = first + 1; c < first + Arity && c < n; ++c) best = before(h[c], h[best]) ? c : best;
      if (!before(h[best], k)) break;
      h[i] = h[best];
      i = best;
    }
    h[i] = k;
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
  std::vector<uint32_t> gen_;  // per slot: moves when a tokened event leaves it (see TimerToken)
  std::vector<uint32_t> free_;
  size_t cancelled_ = 0;
  uint64_t seq_ = 0;
};

using EventQueue = DaryHeap<2>;  // see the comment at the top

}  // namespace cp::sim
