// LeaseStore: work held for consumers that take it, lease it and give it back.
// The part of SQS (delay, visibility timeout, receive count, retention), of a
// Lambda poller's batch or of a Firehose buffer that is about holding items;
// the service model adds its own API, limits, metrics and costs around it.
//
//   LeaseStore q(/*retention=*/4 * 24 * kHour);
//   q.put(now, sim.request(h).lineage(), now + delay);  // visible from then on; false: full
//   Leased m;
//   if (q.lease(now, now + visibility, &m)) ...    // m.item (its lineage), m.receipt, m.receive_count (1, 2, ...)
//   q.ack(now, m.receipt);                         // done: the message is deleted
//   // Not acked by the deadline: the message is visible again, the receipt is
//   // stale (ack refuses it), and the next lease counts one more receive.
//   alarm.set(sim, id(), q.next_due(), kMyTimer);  // one kernel timer per store
//
// States: delayed -> visible -> leased -> (acked: gone) or (deadline: visible);
// any of them -> dropped when older than the retention period.
//
// Every call takes `now` and first applies what fell due by then, in time
// order (delays that ended, leases that expired, messages past retention;
// at equal times retention first), so an answer at `now` is right whichever
// of several same-time events runs first. The model's one alarm at next_due()
// makes those changes happen when they are due even if nobody calls.
//
// A held message keeps its item's lineage (lineage.h: id, origin, first-sent
// time, key, size, attributes, hops), so that a consumer that leases it later
// continues the item (Simulation::begin_root(self, m.item, kind)) and its age
// counts the wait here too.
//
// Memory: one 72-byte record per held message (times as SimTime, ids and
// key as integers, attributes as the run's interned index: no strings) in
// pages (paged_vector.h), plus a 16-byte heap entry while it is delayed or
// leased. scripts/bench prints the bytes per held message.
// Deterministic: no hashing, no iteration of unordered containers; ties in
// time go in the order they were scheduled.
#pragma once
#include <cstdint>
#include <vector>

#include "core/sim/lineage.h"
#include "core/sim/paged_vector.h"
#include "core/sim/time.h"

namespace cp::sim {

// Proof of one lease. Stale once the lease ended (acked, expired, made
// visible, dropped): the message's generation has moved on.
struct Receipt {
  uint32_t slot = UINT32_MAX;
  uint32_t gen = 0;
  constexpr bool valid() const { return slot != UINT32_MAX; }
  // As one integer, for a ReplyItem::ref (a receive's answer) and back.
  constexpr uint64_t bits() const { return (static_cast<uint64_t>(gen) << 32) | slot; }
  static constexpr Receipt from_bits(uint64_t b) {
    return Receipt{static_cast<uint32_t>(b & 0xffffffffu), static_cast<uint32_t>(b >> 32)};
  }
};

struct Leased {
  Receipt receipt;     // invalid for take()
  Lineage item;        // as it was put (a copy put twice is held twice, with one id)
  uint32_t receive_count = 0;  // leases so far, this one included (0 for take)
  SimTime sent_at = 0;         // when it was put into this store
};

class LeaseStore {
public:
  // Up to 67 M held messages (the heap entry packs the slot in 26 bits).
  static constexpr uint32_t kMaxHeld = 1u << 26;

  explicit LeaseStore(SimTime retention = kNever) : retention_(retention) {}

  // Hold an item, visible (leasable) from `visible_at` on; at or before now:
  // at once. False if the store is full (counted as refused).
  bool put(SimTime now, const Lineage& item, SimTime visible_at);
  // Lease the oldest visible message until `deadline` (deadline <= now: it is
  // visible again at the next call). False if none is visible.
  bool lease(SimTime now, SimTime deadline, Leased* out);
  // Remove the oldest visible message outright (a buffer's flush, a consumer
  // that needs no lease): no receipt, no receive counted.
  bool take(SimTime now, Leased* out);
  // The leased message is done: delete it. False, and nothing changes, for a
  // stale receipt (the lease expired, it was acked already, it was dropped).
  bool ack(SimTime now, Receipt r);
  // Move a lease's deadline (SQS ChangeMessageVisibility). deadline <= now
  // ends the lease: the message is visible now and the receipt is stale.
  bool change_deadline(SimTime now, Receipt r, SimTime deadline);
  // Apply everything due at or before now.
  void advance(SimTime now);
  // When the next change due by itself happens (a delay ends, a lease
  // expires, a message passes retention); kNever if none.
  SimTime next_due() const {
    const SimTime t = heap_.empty() ? kNever : heap_[0].due;
    const SimTime d = drop_time();
    return d < t ? d : t;
  }

  size_t held() const { return visible_ + delayed_ + leased_; }
  size_t visible() const { return visible_; }
  size_t delayed() const { return delayed_; }
  size_t leased() const { return leased_; }
  uint64_t bytes_held() const { return bytes_; }
  // sent_at of the oldest held message (SQS ApproximateAgeOfOldestMessage), kNever if empty.
  SimTime oldest_sent_at() const { return oldest_ == kNil ? kNever : msgs_[oldest_].sent_at; }
  SimTime retention() const { return retention_; }

  struct Counters {
    uint64_t put = 0, refused = 0;     // refused: the store was full
    uint64_t leased = 0, taken = 0;    // leases (receives) and take()s
    uint64_t acked = 0;
    uint64_t expired = 0;              // leases that ran out: the message became visible again
    uint64_t returned = 0;             // leases ended early by change_deadline(<= now)
    uint64_t dropped = 0;              // past retention
    uint64_t stale_receipts = 0;       // ack / change_deadline with a stale receipt
  };
  const Counters& counters() const { return counters_; }

  // What this store holds in memory, allocated capacity included (the run's
  // attribute table is the Simulation's, not counted here).
  size_t memory_bytes() const;

private:
  static constexpr uint32_t kNil = UINT32_MAX;
  static constexpr int kSlotBits = 26;
  static constexpr uint64_t kSlotMask = (uint64_t(1) << kSlotBits) - 1;
  static constexpr uint64_t kMaxSeq = uint64_t(1) << (64 - kSlotBits);
  enum State : uint8_t { kFree = 0, kVisible, kDelayed, kLeased };

  // A delayed or leased message's due time (visible from / the deadline) is
  // its heap entry's: not kept twice.
  struct Msg {
    SimTime sent_at;        // put into this store (retention, age of the oldest)
    SimTime first_sent_at;  // the item's lineage from here to `hops`
    uint64_t item_id;
    uint64_t key;
    uint32_t size, attr;
    uint32_t origin;
    uint32_t gen;          // moves whenever a lease ends, and on free: receipts go stale
    uint16_t receives;     // saturates at 65535
    uint16_t hops;
    uint8_t state;
    uint32_t older, newer; // every held message, oldest first (retention, age)
    uint32_t prev, next;   // visible: the ready list; delayed/leased: next = heap index; free: next free
  };
  static_assert(sizeof(Msg) == 72, "bytes per held message: cloudplay-bench (f)");

  struct Timed {
    SimTime due;
    uint64_t order;  // seq << kSlotBits | slot: ties run in the order scheduled
  };

  SimTime drop_time() const {
    if (oldest_ == kNil || retention_ == kNever) return kNever;
    const SimTime s = msgs_[oldest_].sent_at;
    return retention_ >= kNever - s ? kNever : s + retention_;
  }
  bool live_lease(Receipt r) const {
    return r.slot < msgs_.size() && msgs_[r.slot].gen == r.gen && msgs_[r.slot].state == kLeased;
  }
  void fill(uint32_t slot, Leased* out, bool with_receipt) const;

  void ready_push(uint32_t slot);
  void ready_unlink(uint32_t slot);
  void release(uint32_t slot);  // off the age list, onto the free list

  void timed_push(uint32_t slot, SimTime due);
  void timed_remove(uint32_t pos);
  void timed_move(uint32_t pos, SimTime due);
  void sift_up(uint32_t pos);
  void sift_down(uint32_t pos);
  void place(uint32_t pos, const Timed& t);
  uint64_t next_order(uint32_t slot);
  void renumber();
  static bool before(const Timed& a, const Timed& b) {
    return a.due < b.due || (a.due == b.due && a.order < b.order);
  }

  SimTime retention_;
  PagedVector<Msg> msgs_;
  std::vector<Timed> heap_;
  uint32_t free_head_ = kNil;
  uint32_t ready_head_ = kNil, ready_tail_ = kNil;
  uint32_t oldest_ = kNil, newest_ = kNil;
  size_t visible_ = 0, delayed_ = 0, leased_ = 0;
  uint64_t bytes_ = 0;
  uint64_t seq_ = 0;
  Counters counters_;
};

}  // namespace cp::sim
