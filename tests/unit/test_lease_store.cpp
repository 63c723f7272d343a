// LeaseStore: lease, ack, expiry, receipts, delay, retention, a random run
// against a plain reference implementation, and a small SQS-like model built
// from a store and a WakeUp, checkpointed in the middle of its leases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/sim/lease_store.h"
#include "core/sim/rng.h"
#include "core/sim/simulation.h"

using namespace cp::sim;

namespace {
// Items for a store on its own: ids 1, 2, ... in the order made.
struct Items {
  uint64_t last = 0;
  Lineage operator()(uint64_t key, uint32_t size = 100) { return Lineage{++last, 0, key, NodeId{}, size, 0, 0}; }
};
}  // namespace

TEST_CASE("lease store: lease hands out the oldest visible message; ack deletes it", "[lease]") {
  LeaseStore q;
  Items msg;
  CHECK(q.put(0, msg(11), 0));
  CHECK(q.put(1, msg(22, 50), 1));
  CHECK(q.put(2, msg(33), 2));
  CHECK(q.held() == 3);
  CHECK(q.bytes_held() == 250);
  Leased m;
  REQUIRE(q.lease(10, 10 + 30 * kSecond, &m));
  CHECK(m.item.id == 1);
  CHECK(m.item.key == 11);
  CHECK(m.receive_count == 1);
  CHECK(m.sent_at == 0);
  CHECK(m.receipt.valid());
  CHECK(q.visible() == 2);
  CHECK(q.leased() == 1);
  CHECK(q.next_due() == 10 + 30 * kSecond);
  CHECK(q.ack(20, m.receipt));
  CHECK(q.held() == 2);
  CHECK(q.leased() == 0);
  CHECK(q.bytes_held() == 150);
  CHECK(q.next_due() == kNever);
  CHECK_FALSE(q.ack(21, m.receipt));  // acked already
  CHECK(q.counters().acked == 1);
  CHECK(q.counters().stale_receipts == 1);
  REQUIRE(q.lease(30, kNever, &m));
  CHECK(m.item.id == 2);
}

TEST_CASE("lease store: a lease not acked by its deadline is visible again, with one more receive", "[lease]") {
  LeaseStore q;
  Items msg;
  q.put(0, msg(7), 0);
  q.put(0, msg(8), 0);
  Leased first;
  REQUIRE(q.lease(kSecond, 31 * kSecond, &first));
  CHECK(first.item.id == 1);
  Leased second;
  REQUIRE(q.lease(kSecond, 31 * kSecond, &second));
  CHECK(second.item.id == 2);
  Leased none;
  CHECK_FALSE(q.lease(31 * kSecond - 1, 60 * kSecond, &none));  // both still leased
  // At the deadline both expire, in the order they were leased.
  Leased again;
  REQUIRE(q.lease(31 * kSecond, 61 * kSecond, &again));
  CHECK(again.item.id == 1);
  CHECK(again.receive_count == 2);
  CHECK(q.counters().expired == 2);
  CHECK(q.visible() == 1);
  REQUIRE(q.lease(31 * kSecond, 61 * kSecond, &again));
  CHECK(again.item.id == 2);
  CHECK(again.receive_count == 2);
  REQUIRE(q.lease(200 * kSecond, 230 * kSecond, &again));  // expired again at 61 s
  CHECK(again.receive_count == 3);
  CHECK(q.counters().leased == 5);
}

TEST_CASE("lease store: the receipt of an expired lease is refused; the new one works", "[lease]") {
  LeaseStore q;
  Items msg;
  q.put(0, msg(1), 0);
  Leased old_lease, new_lease;
  REQUIRE(q.lease(0, 30 * kSecond, &old_lease));
  // The deadline passes: the receipt goes stale even before anyone leases it again.
  CHECK_FALSE(q.ack(30 * kSecond, old_lease.receipt));
  CHECK(q.held() == 1);
  CHECK(q.visible() == 1);
  REQUIRE(q.lease(40 * kSecond, 70 * kSecond, &new_lease));
  CHECK(new_lease.item.id == old_lease.item.id);
  CHECK_FALSE(q.ack(41 * kSecond, old_lease.receipt));
  CHECK_FALSE(q.change_deadline(41 * kSecond, old_lease.receipt, 100 * kSecond));
  CHECK(q.counters().stale_receipts == 3);
  CHECK(q.ack(41 * kSecond, new_lease.receipt));
  CHECK(q.held() == 0);
  // A receipt for a slot that a new message now uses stays stale.
  q.put(50 * kSecond, msg(2), 50 * kSecond);
  CHECK_FALSE(q.ack(51 * kSecond, new_lease.receipt));
  CHECK(q.held() == 1);
}

TEST_CASE("lease store: change_deadline extends a lease, or ends it early", "[lease]") {
  LeaseStore q;
  Items msg;
  q.put(0, msg(1), 0);
  q.put(0, msg(2), 0);
  Leased a, b;
  REQUIRE(q.lease(0, 30 * kSecond, &a));
  REQUIRE(q.change_deadline(10 * kSecond, a.receipt, 100 * kSecond));  // ChangeMessageVisibility
  Leased x;
  REQUIRE(q.lease(50 * kSecond, 60 * kSecond, &b));  // message 2; message 1 still leased
  CHECK(b.item.id == 2);
  CHECK_FALSE(q.lease(50 * kSecond, 60 * kSecond, &x));
  CHECK(q.ack(55 * kSecond, b.receipt));
  CHECK(q.ack(99 * kSecond, a.receipt));  // the extended receipt still holds
  // Visibility 0: the message is visible at once and the receipt is stale.
  q.put(100 * kSecond, msg(3), 0);
  Leased c;
  REQUIRE(q.lease(100 * kSecond, 130 * kSecond, &c));
  CHECK(c.item.id == 3);
  REQUIRE(q.change_deadline(101 * kSecond, c.receipt, 0));
  CHECK(q.counters().returned == 1);
  CHECK_FALSE(q.ack(101 * kSecond, c.receipt));
  REQUIRE(q.lease(101 * kSecond, 130 * kSecond, &x));
  CHECK(x.item.id == 3);
  CHECK(x.receive_count == 2);
}

TEST_CASE("lease store: a delayed message is invisible until its delay ends", "[lease]") {
  LeaseStore q;
  Items msg;
  q.put(0, msg(1), 5 * kSecond);  // a delay queue's DelaySeconds = 5
  CHECK(q.delayed() == 1);
  CHECK(q.visible() == 0);
  CHECK(q.next_due() == 5 * kSecond);
  Leased m;
  CHECK_FALSE(q.lease(5 * kSecond - 1, 10 * kSecond, &m));
  q.put(kSecond, msg(2), kSecond);  // no delay: visible at once, ahead of the delayed one
  REQUIRE(q.lease(2 * kSecond, 10 * kSecond, &m));
  CHECK(m.item.id == 2);
  REQUIRE(q.lease(5 * kSecond, 10 * kSecond, &m));
  CHECK(m.item.id == 1);
  CHECK(m.receive_count == 1);
  CHECK(q.delayed() == 0);
}

TEST_CASE("lease store: messages older than the retention period are dropped and counted", "[lease]") {
  LeaseStore q(60 * kSecond);
  Items msg;
  q.put(0, msg(1), 0);
  q.put(10 * kSecond, msg(2), 0);
  q.put(20 * kSecond, msg(3), 200 * kSecond);  // delayed past its own retention
  Leased m;
  REQUIRE(q.lease(30 * kSecond, 300 * kSecond, &m));  // message 1, leased when it is dropped
  CHECK(q.oldest_sent_at() == 0);
  CHECK(q.next_due() == 60 * kSecond);
  q.advance(60 * kSecond - 1);
  CHECK(q.held() == 3);
  q.advance(60 * kSecond);
  CHECK(q.held() == 2);
  CHECK(q.counters().dropped == 1);
  CHECK(q.leased() == 0);
  CHECK_FALSE(q.ack(61 * kSecond, m.receipt));  // gone with the message
  CHECK(q.oldest_sent_at() == 10 * kSecond);
  q.advance(80 * kSecond);  // 2 (visible) and 3 (delayed) pass retention too
  CHECK(q.held() == 0);
  CHECK(q.delayed() == 0);
  CHECK(q.counters().dropped == 3);
  CHECK(q.next_due() == kNever);
  CHECK(q.oldest_sent_at() == kNever);
  // The end of time is a time like any other: nothing breaks, a lease without end stays.
  q.put(90 * kSecond, msg(4), 0);
  REQUIRE(q.lease(90 * kSecond, kNever, &m));
  q.advance(kNever);
  CHECK(q.counters().dropped == 4);
  LeaseStore forever;
  forever.put(0, msg(5), 0);
  forever.advance(kNever);
  CHECK(forever.held() == 1);
}

TEST_CASE("lease store: take removes the next visible message without a lease", "[lease]") {
  LeaseStore q;
  Items msg;
  q.put(0, msg(5, 10), 0);
  q.put(0, msg(6, 20), 0);
  Leased m;
  REQUIRE(q.take(1, &m));
  CHECK(m.item.id == 1);
  CHECK_FALSE(m.receipt.valid());
  CHECK(q.held() == 1);
  CHECK(q.bytes_held() == 20);
  CHECK(q.counters().taken == 1);
}

TEST_CASE("lease store: attributes are interned once per run; a held message keeps the index", "[lease]") {
  AttributeTable t;
  const uint32_t a = t.intern("{\"type\":\"order\"}");
  const uint32_t b = t.intern("{\"type\":\"refund\"}");
  CHECK(a != 0);
  CHECK(b != a);
  CHECK(t.intern("{\"type\":\"order\"}") == a);
  CHECK(t.intern("") == 0);
  CHECK(t.text(a) == "{\"type\":\"order\"}");
  CHECK(t.text(12345).empty());
  CHECK(t.size() == 3);
  LeaseStore q;
  const size_t before = q.memory_bytes();
  for (int i = 0; i < 2000; ++i) q.put(i, Lineage{0, 0, 0, NodeId{}, 10, i % 2 ? a : b, 0}, 0);
  Leased m;
  REQUIRE(q.lease(5000, 6000, &m));
  CHECK(t.text(m.item.attr) == "{\"type\":\"refund\"}");
  // 2000 messages: their records, not 2000 copies of the strings.
  CHECK(q.memory_bytes() - before < 2000 * 80);
}

// A plain implementation of the same rules (linear scans over every message
// ever put), to check the real one against on a random run.
namespace {
struct RefMsg {
  uint64_t id;
  SimTime sent_at, due;
  int state;  // 0 gone, 1 visible, 2 delayed, 3 leased
  uint32_t receives = 0;
  uint64_t ready_seq = 0;   // when it joined the ready list
  uint64_t timed_seq = 0;   // when its due time was set
  uint32_t lease_no = 0;    // which lease of it is current
};
struct Ref {
  SimTime retention;
  std::vector<RefMsg> m;
  uint64_t seq = 0;
  uint64_t dropped = 0, expired = 0;
  void make_visible(RefMsg& x) { x.state = 1; x.ready_seq = ++seq; }
  void advance(SimTime now) {
    for (;;) {
      RefMsg* oldest = nullptr;
      for (auto& x : m) if (x.state && (!oldest || x.sent_at < oldest->sent_at)) oldest = &x;  // ids rise with sent_at
      RefMsg* timed = nullptr;
      for (auto& x : m)
        if ((x.state == 2 || x.state == 3) &&
            (!timed || x.due < timed->due || (x.due == timed->due && x.timed_seq < timed->timed_seq)))
          timed = &x;
      SimTime d = oldest && retention != kNever ? oldest->sent_at + retention : kNever;
      SimTime t = timed ? timed->due : kNever;
      if (d <= now && d <= t) { oldest->state = 0; ++dropped; continue; }
      if (t > now) return;
      if (timed->state == 3) ++expired;
      make_visible(*timed);
    }
  }
  RefMsg* head() {
    RefMsg* h = nullptr;
    for (auto& x : m) if (x.state == 1 && (!h || x.ready_seq < h->ready_seq)) h = &x;
    return h;
  }
};
}  // namespace

TEST_CASE("lease store: a random run matches a plain reference implementation", "[lease]") {
  for (uint64_t seed : {1, 2, 3}) {
    INFO("seed " << seed);
    Rng rng(seed);
    LeaseStore q(seed == 3 ? kNever : 40 * kSecond);
    Items msg;
    Ref ref{seed == 3 ? kNever : 40 * kSecond, {}};
    struct Held { Receipt r; uint64_t id; uint32_t lease_no; };
    std::vector<Held> receipts;  // current and stale, mixed
    SimTime now = 0;
    for (int step = 0; step < 4000; ++step) {
      now += static_cast<SimTime>(rng.below(300 * kMillisecond));
      const uint64_t op = rng.below(10);
      if (op < 4) {
        const SimTime delay = rng.below(3) == 0 ? static_cast<SimTime>(rng.below(5 * kSecond)) : 0;
        ref.advance(now);
        REQUIRE(q.put(now, msg(step), now + delay));
        const uint64_t id = msg.last;
        REQUIRE(id == ref.m.size() + 1);
        RefMsg x{id, now, now + delay, 0};
        if (delay > 0) { x.state = 2; x.timed_seq = ++ref.seq; }
        ref.m.push_back(x);
        if (delay == 0) ref.make_visible(ref.m.back());
      } else if (op < 7) {
        const SimTime deadline = now + static_cast<SimTime>(rng.below(10 * kSecond));
        ref.advance(now);
        Leased l;
        RefMsg* h = ref.head();
        REQUIRE(q.lease(now, deadline, &l) == (h != nullptr));
        if (!h) continue;
        REQUIRE(l.item.id == h->id);
        h->state = 3;
        h->due = deadline;
        h->timed_seq = ++ref.seq;
        ++h->receives;
        ++h->lease_no;
        REQUIRE(l.receive_count == h->receives);
        receipts.push_back({l.receipt, l.item.id, h->lease_no});
      } else if (!receipts.empty()) {
        const size_t i = rng.below(receipts.size());
        const Held hr = receipts[i];
        ref.advance(now);
        RefMsg& x = ref.m[hr.id - 1];
        const bool live = x.state == 3 && x.lease_no == hr.lease_no;
        if (op < 9) {
          REQUIRE(q.ack(now, hr.r) == live);
          if (live) x.state = 0;
        } else {
          const SimTime deadline = now + static_cast<SimTime>(rng.below(3 * kSecond)) - kSecond;
          REQUIRE(q.change_deadline(now, hr.r, deadline) == live);
          if (live && deadline <= now) ref.make_visible(x);
          else if (live) { x.due = deadline; x.timed_seq = ++ref.seq; }
        }
      }
      size_t held = 0;
      for (auto& x : ref.m) held += x.state != 0;
      REQUIRE(q.held() == held);
    }
    CHECK(q.counters().dropped == ref.dropped);
    CHECK(q.counters().expired == ref.expired);
    CHECK(q.counters().expired > 100);
    if (seed != 3) CHECK(ref.dropped > 100);
  }
}

namespace {

// A small SQS-like node: a producer timer puts messages (some delayed), a
// consumer timer leases batches and acks about two thirds of them (the rest
// time out and come back), and one WakeUp follows the store's next_due().
class MiniQueue : public ModelBase<MiniQueue> {
public:
  enum : uint16_t { kProduce = 1, kConsume = 2, kDue = 3 };
  MiniQueue() : store(120 * kSecond) {}
  void start(Simulation& sim) override {
    attr = sim.intern_attributes("{\"kind\":\"test\"}");
    sim.schedule_timer(id(), 0, kProduce);
    sim.schedule_timer(id(), 0, kConsume);
  }
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
  void on_timer(Simulation& sim, uint16_t timer, uint64_t) override {
    const SimTime now = sim.now();
    if (timer == kProduce) {
      const SimTime delay = sim.rng().below(4) == 0 ? static_cast<SimTime>(sim.rng().below(3 * kSecond)) : 0;
      store.put(now, sim.new_item(id(), sim.rng().next_u64(), 100, attr), now + delay);
      sim.schedule_timer(id(), now + 1 + static_cast<SimTime>(sim.rng().below(20 * kMillisecond)), kProduce);
    } else if (timer == kConsume) {
      Leased m;
      for (int i = 0; i < 10 && store.lease(now, now + 2 * kSecond, &m); ++i) {
        max_receives = std::max(max_receives, m.receive_count);
        if (sim.rng().below(3) != 0) held.push_back(m.receipt);
      }
      // Ack what was held from the previous batch (some of it expired meanwhile).
      size_t keep = held.size() / 2;
      for (size_t i = 0; i < keep; ++i) store.ack(now, held[i]);
      held.erase(held.begin(), held.begin() + static_cast<long>(keep));
      sim.schedule_timer(id(), now + 1 + static_cast<SimTime>(sim.rng().below(300 * kMillisecond)), kConsume);
    } else {
      store.advance(now);
      ++wakeups;
    }
    alarm.set(sim, id(), store.next_due(), kDue);
  }
  LeaseStore store;
  WakeUp alarm;
  uint32_t attr = 0;
  std::vector<Receipt> held;
  uint32_t max_receives = 0;
  uint64_t wakeups = 0;
};

struct QueueRun {
  Simulation sim{42};
  MiniQueue* q;
  QueueRun() {
    RegionId r = sim.topology().add_region("us-east-1", 38.9, -77.0);
    AzId a = sim.topology().add_az(r, "use1-az1");
    auto m = std::make_unique<MiniQueue>();
    q = m.get();
    sim.add_node(std::move(m), {"q", "q", "test", {PlacementKind::Az, r, a}});
    sim.start();
  }
  const MiniQueue& model() const { return static_cast<const MiniQueue&>(sim.model(NodeId{0})); }
};

}  // namespace

TEST_CASE("lease store: a model checkpointed in the middle of leases replays the same", "[lease][checkpoint]") {
  const SimTime end = 300 * kSecond;
  QueueRun straight;
  straight.sim.run_until(end);
  const MiniQueue& s = straight.model();
  // The run exercised what it is meant to: expiries, receives > 1, the alarm, cancels.
  CHECK(s.store.counters().expired > 100);
  CHECK(s.store.counters().acked > 1000);
  CHECK(s.max_receives >= 3);
  CHECK(s.wakeups > 100);

  QueueRun b;
  b.sim.run_until(end / 2);
  REQUIRE(b.model().store.leased() > 0);   // mid-lease
  REQUIRE(b.model().store.delayed() + b.model().store.leased() > 0);
  REQUIRE(b.model().alarm.at(b.sim) != kNever);
  auto cp = b.sim.checkpoint();
  const uint64_t cancelled_at_cp = b.sim.cancelled_pending();
  b.sim.run_until(end);
  CHECK(b.sim.trace_hash() == straight.sim.trace_hash());
  REQUIRE(b.sim.rewind_to(*cp));
  CHECK(b.sim.cancelled_pending() == cancelled_at_cp);
  b.sim.run_until(end);
  const MiniQueue& r = b.model();
  CHECK(b.sim.trace_hash() == straight.sim.trace_hash());
  CHECK(b.sim.events_processed() == straight.sim.events_processed());
  CHECK(r.store.counters().put == s.store.counters().put);
  CHECK(r.store.counters().acked == s.store.counters().acked);
  CHECK(r.store.counters().expired == s.store.counters().expired);
  CHECK(r.store.counters().dropped == s.store.counters().dropped);
  CHECK(r.store.held() == s.store.held());
  CHECK(r.wakeups == s.wakeups);
}
