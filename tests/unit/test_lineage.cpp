// Work items with lineage, and answers with a payload, on tiny test-only
// models (no documents): an item's id, origin, first-sent time, key, size,
// attributes and hops survive an asynchronous hop, a fan-out and a stay in a
// LeaseStore; its age and end-to-end latency come out exactly; a receive's
// answer carries a batch with receipts and a delete's a count; a checkpoint
// taken mid-chain (with a payload on its way back) replays the same run.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "core/sim/lease_store.h"
#include "core/sim/simulation.h"

using namespace cp::sim;

namespace {

// Every hop is 7 µs: under 10 µs the ±10% jitter rounds to nothing, so the
// expected ages below are sums of known numbers.
constexpr SimTime kHop = 7;

enum : uint32_t { kSend = 0, kReceive = 1, kDelete = 2, kWork = 3 };

// Sends one item at each of `at`, or (rate > 0) about `rate` items a second
// at uniformly random gaps, to its first connection (synchronous).
class Client : public ModelBase<Client> {
public:
  Client(std::vector<SimTime> at, double rate) : at_(std::move(at)), rate_(rate) {}
  void start(Simulation& sim) override {
    attr = sim.intern_attributes("{\"type\":\"order\"}");
    for (SimTime t : at_) sim.schedule_timer(id(), t, 0);
    if (rate_ > 0) sim.schedule_timer(id(), 0, 0);
  }
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    const uint64_t key = 40 + sent % 5;
    ReqHandle root = sim.begin_root(id(), sim.new_item(id(), key, 500, attr), RequestKind::Write);
    ids.push_back(sim.request(root).item_id);
    sim.call(sim.outgoing(id())[0], root, RequestKind::Write, 500);
    ++sent;
    if (rate_ > 0) {
      const SimTime gap = 1 + static_cast<SimTime>(sim.rng().below(static_cast<uint64_t>(2 * kSecond / rate_)));
      sim.schedule_timer(id(), sim.now() + gap, 0);
    }
  }
  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome) override { sim.finish_root(parent); }
  uint32_t attr = 0;
  uint64_t sent = 0;
  std::vector<uint64_t> ids;

private:
  std::vector<SimTime> at_;
  double rate_;
};

// Works 10 ms, sends the item on along every outgoing (asynchronous)
// connection, then answers its caller.
class Front : public ModelBase<Front> {
public:
  void on_request(Simulation& sim, ReqHandle h) override { sim.schedule_timer(id(), sim.now() + 10 * kMillisecond, 0, h.v); }
  void on_timer(Simulation& sim, uint16_t, uint64_t p) override {
    const ReqHandle h{p};
    for (ConnId c : sim.outgoing(id())) sim.call(c, h, RequestKind::Write, sim.request(h).size_bytes, 0, kSend);
    sim.respond(h, Outcome::Ok);
  }
};

// Accepts an item at once (its request record is freed), holds it `hold`,
// then continues it to its first connection.
class Holder : public ModelBase<Holder> {
public:
  explicit Holder(SimTime hold) : hold_(hold) {}
  void on_request(Simulation& sim, ReqHandle h) override {
    held_.push_back(sim.request(h).lineage());
    sim.respond(h, Outcome::Ok);
    sim.schedule_timer(id(), sim.now() + hold_, 0, held_.size() - 1);
  }
  void on_timer(Simulation& sim, uint16_t, uint64_t i) override {
    const Lineage& item = held_[i];
    ReqHandle root = sim.begin_root(id(), item, RequestKind::Write);
    sim.call(sim.outgoing(id())[0], root, RequestKind::Write, item.size, item.key, kWork);
  }
  void on_response(Simulation& sim, ReqHandle parent, const Request&, Outcome) override { sim.finish_root(parent); }

private:
  SimTime hold_;
  std::vector<Lineage> held_;
};

// The last consumer: what it saw of each item, its age on arrival and the
// end-to-end latency when it is done (its work takes 30 ms, or, with
// `by_item`, a time that depends on the item so that the trace does too).
class Sink : public ModelBase<Sink> {
public:
  explicit Sink(bool by_item = false) : by_item_(by_item) {}
  void on_request(Simulation& sim, ReqHandle h) override {
    const Lineage item = sim.request(h).lineage();
    seen.push_back(item);
    age_on_arrival.push_back(sim.age(item));
    const SimTime work = by_item_ ? kMillisecond + static_cast<SimTime>((item.id * 7919 + sim.age(item)) % 997)
                                  : 30 * kMillisecond;
    sim.schedule_timer(id(), sim.now() + work, 0, h.v);
  }
  void on_timer(Simulation& sim, uint16_t, uint64_t p) override {
    const ReqHandle h{p};
    end_to_end.push_back(sim.age(sim.request(h).lineage()));
    sim.respond(h, Outcome::Ok);
  }
  std::vector<Lineage> seen;
  std::vector<SimTime> age_on_arrival, end_to_end;

private:
  bool by_item_;
};

// An SQS-like queue: send puts the item (its lineage) into a LeaseStore;
// receive leases up to 10 and answers with them (receipts as refs); delete
// acks the receipt the call's key carries and answers with a count.
class Queue : public ModelBase<Queue> {
public:
  explicit Queue(SimTime visibility) : visibility_(visibility) {}
  void on_request(Simulation& sim, ReqHandle h) override {
    const Request& r = sim.request(h);
    const SimTime now = sim.now();
    if (r.tag == kSend) {
      store.put(now, r.lineage(), now);
      sim.respond(h, Outcome::Ok);
    } else if (r.tag == kReceive) {
      reply_.items.clear();
      Leased m;
      while (reply_.items.size() < 10 && store.lease(now, now + visibility_, &m))
        reply_.items.push_back(ReplyItem{m.item, m.receipt.bits(), m.receive_count});
      reply_.count = reply_.items.size();
      ++batches_sent;
      sim.respond(h, Outcome::Ok, reply_);
    } else {
      Reply done;
      done.count = store.ack(now, Receipt::from_bits(r.key)) ? 1 : 0;
      ++batches_sent;
      sim.respond(h, Outcome::Ok, done);
    }
  }
  LeaseStore store;
  uint64_t batches_sent = 0;

private:
  SimTime visibility_;
  Reply reply_;  // reused: its capacity stays
};

// Polls the queue every `every` (from `offset`); for each item received it
// continues the item to the sink (its second connection) and deletes it,
// except the first receive of items with an even id when `skip_even`.
class Poller : public ModelBase<Poller> {
public:
  Poller(SimTime offset, SimTime every, bool skip_even) : offset_(offset), every_(every), skip_even_(skip_even) {}
  void start(Simulation& sim) override { sim.schedule_timer(id(), offset_, 0); }
  void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
  void on_timer(Simulation& sim, uint16_t, uint64_t) override {
    ReqHandle poll = sim.begin_root(id(), RequestKind::Read, 100, 0);
    sim.call(queue(sim), poll, RequestKind::Read, 100, 0, kReceive);
    sim.schedule_timer(id(), sim.now() + every_, 0);
  }
  void on_response(Simulation& sim, ReqHandle parent, const Request& child, Outcome o) override {
    const Reply* reply = sim.reply();
    if (child.tag == kReceive) {
      ++answers_seen;
      REQUIRE(o == Outcome::Ok);
      REQUIRE(reply != nullptr);
      REQUIRE(reply->count == reply->items.size());
      for (const ReplyItem& it : reply->items) {
        received.push_back(it);
        ages.push_back(sim.age(it.item));
        if (skip_even_ && it.receive_count == 1 && it.item.id % 2 == 0) continue;  // fails: comes back
        ReqHandle work = sim.begin_root(id(), it.item, RequestKind::Write);
        sim.call(sink(sim), work, RequestKind::Write, it.item.size, it.item.key, kWork);
        sim.call(queue(sim), ReqHandle{}, RequestKind::Write, 100, it.ref, kDelete);
      }
      sim.finish_root(parent);
    } else if (child.tag == kDelete) {
      ++answers_seen;
      REQUIRE(reply != nullptr);
      deleted += reply->count;
      REQUIRE(reply->items.empty());
    } else {
      CHECK(reply == nullptr);  // the sink answers plainly
      sim.finish_root(parent);
    }
  }
  std::vector<ReplyItem> received;
  std::vector<SimTime> ages;
  uint64_t deleted = 0, answers_seen = 0;

private:
  ConnId queue(const Simulation& sim) const { return sim.outgoing(id())[0]; }
  ConnId sink(const Simulation& sim) const { return sim.outgoing(id())[1]; }
  SimTime offset_, every_;
  bool skip_even_;
};

struct Net {
  Simulation sim;
  RegionId region;
  AzId az;
  explicit Net(uint64_t seed) : sim(seed) {
    region = sim.topology().add_region("us-east-1", 38.9, -77.0);
    az = sim.topology().add_az(region, "use1-az1");
    sim.topology().table().same_az = kHop;
  }
  template <class M>
  NodeId add(std::unique_ptr<M> m, const char* name) {
    return sim.add_node(std::move(m), {name, name, "test", {PlacementKind::Az, region, az}});
  }
  void wire(NodeId a, NodeId b, bool sync = true) {
    CallPolicy p;
    p.sync = sync;
    sim.add_connection(a, b, p);
  }
  template <class M>
  const M& model(NodeId n) const { return static_cast<const M&>(sim.model(n)); }
};

}  // namespace

TEST_CASE("lineage: an item keeps its origin and first-sent time through an asynchronous hop and a fan-out", "[lineage]") {
  // users --sync--> A --async--> B (holds it 2 s) --sync--> C,  and A --async--> D
  Net n(1);
  const NodeId u = n.add(std::make_unique<Client>(std::vector<SimTime>{kSecond}, 0), "users");
  const NodeId a = n.add(std::make_unique<Front>(), "a");
  const NodeId b = n.add(std::make_unique<Holder>(2 * kSecond), "b");
  const NodeId c = n.add(std::make_unique<Sink>(), "c");
  const NodeId d = n.add(std::make_unique<Sink>(), "d");
  n.wire(u, a);
  n.wire(a, b, false);
  n.wire(a, d, false);
  n.wire(b, c);
  n.sim.run_until(10 * kSecond);

  const Client& users = n.model<Client>(u);
  REQUIRE(users.ids.size() == 1);
  const Sink& sink = n.model<Sink>(c);
  REQUIRE(sink.seen.size() == 1);
  const Lineage& got = sink.seen[0];
  CHECK(got.id == users.ids[0]);
  CHECK(got.origin == u);
  CHECK(n.sim.origin_region(got) == n.region);
  CHECK(got.first_sent_at == kSecond);
  CHECK(got.key == 40);
  CHECK(got.size == 500);
  CHECK(n.sim.attributes(got.attr) == "{\"type\":\"order\"}");
  CHECK(got.hops == 3);  // users -> A -> B -> C
  // Age at C: hop, A's 10 ms, hop, B's 2 s, hop. End to end: plus C's 30 ms.
  CHECK(sink.age_on_arrival[0] == kHop + 10 * kMillisecond + kHop + 2 * kSecond + kHop);
  CHECK(sink.end_to_end[0] == kHop + 10 * kMillisecond + kHop + 2 * kSecond + kHop + 30 * kMillisecond);

  // The fan-out's other branch has a copy: the same item.
  const Sink& other = n.model<Sink>(d);
  REQUIRE(other.seen.size() == 1);
  CHECK(other.seen[0].id == got.id);
  CHECK(other.seen[0].first_sent_at == kSecond);
  CHECK(other.seen[0].hops == 2);
  CHECK(other.age_on_arrival[0] == kHop + 10 * kMillisecond + kHop);
  CHECK(n.sim.requests_in_flight() == 0);  // every record freed, the lineage kept all the same
}

TEST_CASE("lineage: begin_root without an item and a call without a parent start new items", "[lineage]") {
  Net n(2);
  const NodeId u = n.add(std::make_unique<Client>(std::vector<SimTime>{}, 0), "users");
  const NodeId c = n.add(std::make_unique<Sink>(), "c");
  n.wire(u, c);
  n.sim.start();
  n.sim.run_until(kSecond);
  const ReqHandle r1 = n.sim.begin_root(u, RequestKind::Read, 10, 5);
  const Lineage l1 = n.sim.request(r1).lineage();
  CHECK(l1.id != 0);
  CHECK(l1.first_sent_at == kSecond);
  CHECK(l1.origin == u);
  CHECK(l1.hops == 0);
  CHECK(n.sim.age(l1) == 0);
  const ReqHandle r2 = n.sim.begin_root(u, l1, RequestKind::Read);  // continues l1: not a new item
  CHECK(n.sim.request(r2).item_id == l1.id);
  const ReqHandle c1 = n.sim.call(n.sim.outgoing(u)[0], ReqHandle{}, RequestKind::Read, 10);
  CHECK(n.sim.request(c1).item_id > l1.id);
  CHECK(n.sim.request(c1).hops == 1);
  CHECK(n.sim.request(c1).origin == u.v);
  const ReqHandle c2 = n.sim.call(n.sim.outgoing(u)[0], r2, RequestKind::Read, 10);
  CHECK(n.sim.request(c2).item_id == l1.id);
  CHECK(n.sim.request(c2).key == 5);  // inherited when the call gives none
  n.sim.run_until(2 * kSecond);
  CHECK(n.sim.age(l1) == kSecond);
  n.sim.finish_root(r1);
  n.sim.finish_root(r2);
}

TEST_CASE("lineage: merging a batch keeps the oldest item's identity and adds the sizes", "[lineage]") {
  Lineage a{7, 50, 1, NodeId{2}, 100, 3, 2};
  const Lineage b{4, 20, 9, NodeId{5}, 300, 8, 4};
  const Lineage c{9, 20, 11, NodeId{6}, 50, 0, 1};
  a.merge(b).merge(c);
  CHECK(a.id == 4);  // b: the oldest (c is as old, but later in the batch)
  CHECK(a.first_sent_at == 20);
  CHECK(a.key == 9);
  CHECK(a.origin == NodeId{5});
  CHECK(a.attr == 8);
  CHECK(a.size == 450);
  CHECK(a.hops == 4);
  Lineage none;
  none.merge(c);  // from an empty lineage: the item itself
  CHECK(none.id == 9);
  CHECK(none.size == 50);
}

TEST_CASE("lineage: a message held in a LeaseStore and leased later is as old as its wait plus its hops", "[lineage][lease]") {
  // users --sync--> A --async--> Q;  P polls Q every 500 ms from 250 ms (visibility 0.9 s)
  // and sends what it receives on to C; it lets the first receive of item 2 fail.
  Net n(3);
  const NodeId u = n.add(std::make_unique<Client>(std::vector<SimTime>{kSecond, kSecond + kMillisecond}, 0), "users");
  const NodeId a = n.add(std::make_unique<Front>(), "a");
  const NodeId q = n.add(std::make_unique<Queue>(900 * kMillisecond), "q");
  const NodeId p = n.add(std::make_unique<Poller>(250 * kMillisecond, 500 * kMillisecond, true), "p");
  const NodeId c = n.add(std::make_unique<Sink>(), "c");
  n.wire(u, a);
  n.wire(a, q, false);
  n.wire(p, q);
  n.wire(p, c);
  n.sim.run_until(5 * kSecond);

  const Client& users = n.model<Client>(u);
  REQUIRE(users.ids.size() == 2);
  const Poller& poller = n.model<Poller>(p);
  // Item 1 and 2 reach Q at 1.010014 s and 1.011014 s; the poll sent at 1.25 s
  // leases both (at 1.250007 s); its answer is back at 1.250014 s.
  REQUIRE(poller.received.size() == 3);
  const SimTime put1 = kSecond + kHop + 10 * kMillisecond + kHop;
  const SimTime leased1 = 1250 * kMillisecond + kHop;
  CHECK(poller.received[0].item.id == users.ids[0]);
  CHECK(poller.received[0].receive_count == 1);
  CHECK(poller.ages[0] == (put1 - kSecond) + (leased1 - put1) + kHop);  // hops and work, the wait, the way back
  CHECK(poller.ages[0] == 250 * kMillisecond + 2 * kHop);
  CHECK(poller.received[1].item.id == users.ids[1]);
  CHECK(poller.ages[1] == 249 * kMillisecond + 2 * kHop);
  // Item 2 was not deleted: its lease ran out at 2.150007 s and the poll at
  // 2.25 s got it again, with one more receive; its age counts both waits.
  REQUIRE(users.ids[1] % 2 == 0);
  CHECK(poller.received[2].item.id == users.ids[1]);
  CHECK(poller.received[2].receive_count == 2);
  CHECK(poller.received[2].item.first_sent_at == kSecond + kMillisecond);
  CHECK(poller.ages[2] == 2250 * kMillisecond + 2 * kHop - (kSecond + kMillisecond));
  CHECK(poller.deleted == 2);  // the deletes' answers carried a count
  const Queue& queue = n.model<Queue>(q);
  CHECK(queue.store.held() == 0);
  CHECK(queue.store.counters().expired == 1);

  // C, the last consumer, measures end to end from the users' first send.
  const Sink& sink = n.model<Sink>(c);
  REQUIRE(sink.seen.size() == 2);
  CHECK(sink.seen[1].id == users.ids[1]);
  CHECK(sink.seen[1].hops == 3);  // users -> A -> Q, then (after Q's answer) P -> C
  CHECK(sink.end_to_end[1] == 2250 * kMillisecond + 3 * kHop + 30 * kMillisecond - (kSecond + kMillisecond));
  CHECK(n.sim.requests_in_flight() == 0);
}

TEST_CASE("lineage: a payload reaches only a caller that waits for it", "[lineage]") {
  // A timed-out receive: the queue's late answer (with its batch) is dropped
  // and the caller's on_response saw the timeout with no payload.
  Net n(4);
  const NodeId u = n.add(std::make_unique<Client>(std::vector<SimTime>{0}, 0), "users");
  const NodeId a = n.add(std::make_unique<Front>(), "a");
  const NodeId q = n.add(std::make_unique<Queue>(10 * kSecond), "q");
  n.wire(u, a);
  n.wire(a, q, false);
  class Impatient : public ModelBase<Impatient> {
  public:
    void start(Simulation& sim) override { sim.schedule_timer(id(), kSecond, 0); }
    void on_request(Simulation& sim, ReqHandle h) override { sim.respond(h, Outcome::Rejected); }
    void on_timer(Simulation& sim, uint16_t, uint64_t) override {
      sim.call(sim.outgoing(id())[0], ReqHandle{}, RequestKind::Read, 100, 0, kReceive);
    }
    void on_response(Simulation& sim, ReqHandle, const Request&, Outcome o) override {
      outcome = o;
      had_reply = sim.reply() != nullptr;
    }
    Outcome outcome = Outcome::Ok;
    bool had_reply = true;
  };
  const NodeId p = n.add(std::make_unique<Impatient>(), "p");
  CallPolicy tight;
  tight.timeout = kHop;  // the answer needs 2 hops
  n.sim.add_connection(p, q, tight);
  n.sim.run_until(3 * kSecond);
  const auto& imp = static_cast<const Impatient&>(n.sim.model(p));
  CHECK(imp.outcome == Outcome::TimedOut);
  CHECK_FALSE(imp.had_reply);
  CHECK(n.model<Queue>(q).batches_sent == 1);
  CHECK(n.model<Queue>(q).store.leased() == 1);  // the queue did lease it: the message comes back later
  CHECK(n.sim.requests_in_flight() == 0);
}

namespace {
// Users through A to the queue and to a holder; the poller fails the
// first receive of even items; both ends' work times depend on the items.
struct Chain : Net {
  NodeId u, a, q, b, p, c, c2;
  Chain() : Net(99) {
    u = add(std::make_unique<Client>(std::vector<SimTime>{}, 40), "users");
    a = add(std::make_unique<Front>(), "a");
    q = add(std::make_unique<Queue>(300 * kMillisecond), "q");
    b = add(std::make_unique<Holder>(700 * kMillisecond), "b");
    p = add(std::make_unique<Poller>(50 * kMillisecond, 100 * kMillisecond, true), "p");
    c = add(std::make_unique<Sink>(true), "c");
    c2 = add(std::make_unique<Sink>(true), "c2");
    wire(u, a);
    wire(a, q, false);
    wire(a, b, false);
    wire(b, c2);
    wire(p, q);
    wire(p, c);
  }
  // What the run's lineages and payloads add up to.
  uint64_t digest() const {
    uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&](uint64_t v) { h = (h ^ v) * 0x100000001b3ull; };
    for (NodeId s : {c, c2}) {
      const Sink& k = model<Sink>(s);
      for (size_t i = 0; i < k.seen.size(); ++i) {
        mix(k.seen[i].id);
        mix(static_cast<uint64_t>(k.seen[i].first_sent_at));
        mix(k.seen[i].hops);
        mix(static_cast<uint64_t>(k.end_to_end.size() > i ? k.end_to_end[i] : -1));
      }
    }
    const Poller& pl = model<Poller>(p);
    for (const ReplyItem& it : pl.received) mix(it.item.id ^ it.ref ^ it.receive_count);
    mix(pl.deleted);
    return h;
  }
};
}  // namespace

TEST_CASE("lineage: a checkpoint taken mid-chain, with a payload on its way back, replays the same run", "[lineage][checkpoint]") {
  const SimTime end = 60 * kSecond;
  Chain straight;
  straight.sim.run_until(end);
  REQUIRE(straight.model<Poller>(straight.p).received.size() > 1500);
  REQUIRE(straight.model<Sink>(straight.c2).seen.size() > 1000);
  REQUIRE(straight.model<Queue>(straight.q).store.counters().expired > 100);

  Chain b;
  b.sim.run_until(25 * kSecond);
  // Step on until an answer with a batch is on its way back to the poller.
  auto in_flight = [&] {
    return b.model<Queue>(b.q).batches_sent > b.model<Poller>(b.p).answers_seen &&
           !b.model<Poller>(b.p).received.empty() && b.model<Queue>(b.q).store.leased() > 0;
  };
  while (!in_flight()) b.sim.advance(kNever, 1);
  const SimTime at = b.sim.now();
  REQUIRE(at < 30 * kSecond);
  auto cp = b.sim.checkpoint();
  b.sim.run_until(end);
  CHECK(b.sim.trace_hash() == straight.sim.trace_hash());
  CHECK(b.digest() == straight.digest());
  REQUIRE(b.sim.rewind_to(*cp));
  CHECK(b.sim.now() == at);
  b.sim.run_until(end);
  CHECK(b.sim.trace_hash() == straight.sim.trace_hash());
  CHECK(b.sim.events_processed() == straight.sim.events_processed());
  CHECK(b.digest() == straight.digest());
}
