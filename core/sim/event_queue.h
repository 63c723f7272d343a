// EventQueue: the kernel's pending events, ordered by (time, seq).
// seq is the order in which events were scheduled, so two events at the same
// microsecond run in the order they were scheduled (FIFO). That rule, plus one
// seeded Rng, makes a run a pure function of (document, seed).
//
// A 4-ary implicit heap: measured faster than a binary heap for this event
// size (see bench/event_queue_bench.cpp; numbers in docs/engine.md).
//
//   EventQueue q; q.push({t, seq, target, kind, payload}); Event e = q.pop();
#pragma once
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

inline bool event_before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

template <int Arity>
class DaryHeap {
public:
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }
  void clear() { heap_.clear(); }
  void reserve(size_t n) { heap_.reserve(n); }

  void push(const Event& e) {
    size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      size_t parent = (i - 1) / Arity;
      if (!event_before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  Event pop() {
    Event result = heap_.front();
    Event last = heap_.back();
    heap_.pop_back();
    size_t n = heap_.size();
    if (n > 0) {
      size_t i = 0;
      for (;;) {
        size_t first = i * Arity + 1;
        if (first >= n) break;
        size_t best = first;
        size_t end = first + Arity < n ? first + Arity : n;
        for (size_t c = first + 1; c < end; ++c)
          if (event_before(heap_[c], heap_[best])) best = c;
        if (!event_before(heap_[best], last)) break;
        heap_[i] = heap_[best];
        i = best;
      }
      heap_[i] = last;
    }
    return result;
  }

  // For checkpoints: the raw contents (heap order, not sorted).
  const std::vector<Event>& raw() const { return heap_; }
  void assign_raw(std::vector<Event> v) { heap_ = std::move(v); }

private:
  std::vector<Event> heap_;
};

using EventQueue = DaryHeap<4>;

}  // namespace cp::sim
