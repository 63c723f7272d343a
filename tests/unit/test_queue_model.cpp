// A test-only queue model built from issue 14's pieces, through a document:
// users --call--> test_queue --poll--> test_consumer (drawn source -> consumer;
// at run time the consumer calls the queue). The queue holds messages in a
// LeaseStore with their lineage, leases a batch per poll (the batch size and
// visibility timeout ride on the poll wire's role_params), answers with a Reply
// carrying the items and receipts, deletes on ack, and redelivers after the
// visibility timeout with one more receive. Its depth, in-flight count, oldest
// age and receives are declared named metrics; the consumer records end-to-end
// latency (sim.age of the item, from the users' first send) in a declared
// latency metric. This file proves that:
//   1. goals over those metrics pass for a fast consumer and fail for a slow one;
//   2. end-to-end latency = queue wait + processing + the two hops, per message;
//   3. a visibility timeout shorter than a batch's work duplicates work;
//   4. a checkpoint mid-run (messages held and leased) rewinds to the same trace.
// It is the template for the SQS issue: the real service keeps this shape and
// adds its API, limits, costs and long polling.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/goals.h"
#include "core/sim/lease_store.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"

using namespace cp;
using catalog::MetricSpec;
using catalog::ParamSpec;
using catalog::ParamType;
using catalog::RoleSpec;
using catalog::ServiceDescriptor;
using cp::test::all_issues;
using nlohmann::json;
using sim::WireRole;

namespace {

enum : uint16_t { kTimerDue = 1, kTimerPoll = 2, kTimerDone = 3 };

// The queue. A call on a call wire is a send; on a poll wire, tag 0 is a
// delete (the receipt in the key) and tag n > 0 a receive of up to n.
class TestQueue : public sim::ModelBase<TestQueue> {
public:
  void start(sim::Simulation& s) override {
    visible_ = s.gauge(id(), "visible");
    in_flight_ = s.gauge(id(), "in_flight");
    oldest_ = s.gauge(id(), "oldest_age_s");
    received_ = s.counter(id(), "received");
    redelivered_ = s.counter(id(), "redelivered");
  }
  void on_request(sim::Simulation& s, sim::ReqHandle h) override {
    const sim::Request& r = s.request(h);
    const sim::Connection& c = s.connection(r.conn);
    const sim::SimTime now = s.now();
    if (c.role != WireRole::Poll) {
      store.put(now, r.lineage(), now);
      s.respond(h, sim::Outcome::Ok);
    } else if (r.tag == 0) {
      sim::Reply done;
      done.count = store.ack(now, sim::Receipt::from_bits(r.key)) ? 1 : 0;
      s.respond(h, sim::Outcome::Ok, done);
    } else {
      const sim::SimTime visibility = static_cast<sim::SimTime>(c.role_params.number("visibility_timeout_s", 30) * sim::kSecond);
      reply_.items.clear();
      sim::Leased m;
      while (reply_.items.size() < r.tag && store.lease(now, now + visibility, &m)) {
        reply_.items.push_back(sim::ReplyItem{m.item, m.receipt.bits(), m.receive_count});
        waits.push_back({m.item.id, now - m.sent_at});
        s.metrics(id()).add(received_);
        if (m.receive_count > 1) s.metrics(id()).add(redelivered_);
      }
      reply_.count = reply_.items.size();
      s.respond(h, sim::Outcome::Ok, reply_);
    }
    refresh(s);
  }
  void on_timer(sim::Simulation& s, uint16_t, uint64_t) override {
    store.advance(s.now());  // leases that ran out: visible again
    refresh(s);
  }
  sim::LeaseStore store;
  std::vector<std::pair<uint64_t, sim::SimTime>> waits;  // per lease: item id, time held before it

private:
  void refresh(sim::Simulation& s) {
    auto& m = s.metrics(id());
    m.set(visible_, static_cast<double>(store.visible()));
    m.set(in_flight_, static_cast<double>(store.leased()));
    const sim::SimTime oldest = store.oldest_sent_at();
    m.set(oldest_, oldest == sim::kNever ? 0.0 : static_cast<double>(s.now() - oldest) / sim::kSecond);
    due_.set(s, id(), store.next_due(), kTimerDue);
  }
  sim::GaugeId visible_, in_flight_, oldest_;
  sim::CounterId received_, redelivered_;
  sim::WakeUp due_;
  sim::Reply reply_;  // reused: its capacity stays
};

// The consumer: polls its poll wire for batch_size messages, works on them one
// after another (`processing_ms` each, the item continued as its own root),
// deletes each when done, and polls again when the batch is done (after 100 ms
// when the answer was empty).
class TestConsumer : public sim::ModelBase<TestConsumer> {
public:
  explicit TestConsumer(sim::SimTime work) : work_(work) {}
  void start(sim::Simulation& s) override {
    for (sim::ConnId c : s.outgoing(id()))
      if (s.connection(c).role == WireRole::Poll) poll_ = c;
    batch_ = static_cast<uint32_t>(s.connection(poll_).role_params.number("batch_size", 10));
    end_to_end_ = s.latency_metric(id(), "end_to_end");
    duplicates_ = s.counter(id(), "duplicates");
    s.schedule_timer(id(), 0, kTimerPoll);
  }
  void on_request(sim::Simulation& s, sim::ReqHandle h) override { s.respond(h, sim::Outcome::Rejected); }
  void on_timer(sim::Simulation& s, uint16_t timer, uint64_t) override {
    if (timer == kTimerPoll) {
      sim::ReqHandle root = s.begin_root(id(), sim::RequestKind::Read, 64, 0);
      s.call(poll_, root, sim::RequestKind::Read, 64, 0, batch_);
      return;
    }
    // One message done: its end-to-end latency, its delete, the next one.
    const Batch::Work& w = batch.work[batch.next];
    const sim::SimTime e2e = s.age(s.request(w.root).lineage());
    s.metrics(id()).record(end_to_end_, e2e);
    done.push_back({w.item.item.id, e2e, w.offset});
    s.finish_root(w.root);
    s.call(poll_, sim::ReqHandle{}, sim::RequestKind::Write, 64, w.item.ref, 0);
    if (++batch.next < batch.work.size())
      s.schedule_timer(id(), s.now() + work_, kTimerDone);
    else
      s.schedule_timer(id(), s.now(), kTimerPoll);
  }
  void on_response(sim::Simulation& s, sim::ReqHandle parent, const sim::Request& child, sim::Outcome o) override {
    const sim::Reply* reply = s.reply();
    if (child.tag == 0) {  // a delete's answer: 0 when the receipt was stale
      if (reply) acked += reply->count;
      return;
    }
    s.finish_root(parent);
    batch = Batch{};
    if (o == sim::Outcome::Ok && reply)
      for (const sim::ReplyItem& it : reply->items) {
        if (it.receive_count > 1) s.metrics(id()).add(duplicates_);
        max_receive_count = std::max(max_receive_count, it.receive_count);
        const sim::SimTime offset = work_ * static_cast<sim::SimTime>(batch.work.size() + 1);
        batch.work.push_back({it, s.begin_root(id(), it.item, sim::RequestKind::Write), offset});
      }
    if (batch.work.empty())
      s.schedule_timer(id(), s.now() + 100 * sim::kMillisecond, kTimerPoll);
    else
      s.schedule_timer(id(), s.now() + work_, kTimerDone);
  }
  struct Done {
    uint64_t item;
    sim::SimTime end_to_end, processing;  // processing: since the batch arrived (its place in the batch × work)
  };
  struct Batch {
    struct Work {
      sim::ReplyItem item;
      sim::ReqHandle root;
      sim::SimTime offset;
    };
    std::vector<Work> work;
    size_t next = 0;
  };
  std::vector<Done> done;
  Batch batch;
  uint64_t acked = 0;
  uint32_t max_receive_count = 0;

private:
  sim::SimTime work_;
  sim::ConnId poll_;
  uint32_t batch_ = 10;
  sim::LatencyMetricId end_to_end_;
  sim::CounterId duplicates_;
};

ParamSpec int_param(const char* key, const char* en, const char* ko, const char* unit, double min, double max, double def) {
  return ParamSpec{key, ParamType::Int, {en, ko}, {"", ""}, unit, min, max, def, {}, ""};
}

MetricSpec metric(const char* key, sim::MetricKind kind, catalog::Text label, catalog::Text unit, catalog::Text help) {
  MetricSpec m;
  m.def.key = key;
  m.def.kind = kind;
  m.def.stat = sim::MetricStat::Max;  // a gauge over a window: its worst
  m.label = label;
  m.unit = unit;
  m.help = help;
  return m;
}

const ServiceDescriptor& queue_service() {
  static const ServiceDescriptor d = [] {
    ServiceDescriptor q;
    q.type = "test_queue";
    q.category = catalog::Category::Testing;
    q.name = {"Test queue", "테스트 대기열"};
    q.placement = sim::PlacementKind::Region;
    q.makes_calls = false;
    q.target_roles = {RoleSpec{}};  // producers call it
    q.source_roles = {RoleSpec{WireRole::Poll,
                               {int_param("batch_size", "Batch size", "배치 크기", "messages", 1, 10, 10),
                                int_param("visibility_timeout_s", "Visibility timeout", "표시 제한 시간", "s", 0, 43200, 30)},
                               {},
                               nullptr}};
    using K = sim::MetricKind;
    q.metrics = {
        metric("visible", K::Gauge, {"Visible messages", "표시되는 메시지"}, {"messages", "개"},
               {"Messages waiting for a consumer to receive them.", "소비자가 받아 가기를 기다리는 메시지 수입니다."}),
        metric("in_flight", K::Gauge, {"Messages in flight", "처리 중인 메시지"}, {"messages", "개"},
               {"Messages received and not yet deleted nor returned.", "받아 갔지만 아직 삭제되거나 돌아오지 않은 메시지 수입니다."}),
        metric("oldest_age_s", K::Gauge, {"Age of oldest message", "가장 오래된 메시지의 경과 시간"}, {"s", "초"},
               {"How long the oldest held message has been in the queue.", "대기열에 가장 오래 머문 메시지가 지금까지 머문 시간입니다."}),
        metric("received", K::Counter, {"Messages received", "받아 간 메시지"}, {"messages", "개"},
               {"Messages handed to consumers, redeliveries included.", "소비자에게 건넨 메시지 수이며 재전달도 포함합니다."}),
        metric("redelivered", K::Counter, {"Messages redelivered", "재전달된 메시지"}, {"messages", "개"},
               {"Messages handed out again after their visibility timeout ran out.", "표시 제한 시간이 지나 다시 건넨 메시지 수입니다."}),
    };
    q.create = [](const catalog::BuildContext&) { return std::make_unique<TestQueue>(); };
    return q;
  }();
  return d;
}

const ServiceDescriptor& consumer_service() {
  static const ServiceDescriptor d = [] {
    ServiceDescriptor c;
    c.type = "test_consumer";
    c.category = catalog::Category::Testing;
    c.name = {"Test consumer", "테스트 소비자"};
    c.placement = sim::PlacementKind::Region;
    c.makes_calls = false;
    c.target_roles = {RoleSpec{WireRole::Poll, {}, {"test_queue"}, nullptr}};
    c.params = {int_param("processing_ms", "Processing time", "처리 시간", "ms", 0, 60000, 50)};
    using K = sim::MetricKind;
    c.metrics = {
        metric("end_to_end", K::Latency, {"End-to-end latency", "종단 간 지연 시간"}, {"ms", "ms"},
               {"From the producer's send to the end of this consumer's work.", "생산자가 보낸 때부터 이 소비자의 처리가 끝날 때까지의 시간입니다."}),
        metric("duplicates", K::Counter, {"Duplicate receives", "중복 수신"}, {"messages", "개"},
               {"Messages received again: their work is done twice.", "다시 받은 메시지 수이며 그만큼 같은 일을 두 번 합니다."}),
    };
    c.create = [](const catalog::BuildContext& b) {
      return std::make_unique<TestConsumer>(static_cast<sim::SimTime>(catalog::param_number(b.params, "processing_ms") * sim::kMillisecond));
    };
    return c;
  }();
  return d;
}

// The real catalog plus the two test services while it lives; the real one after.
struct QueueServices {
  QueueServices() {
    std::vector<const ServiceDescriptor*> all = catalog::all_services();
    all.push_back(&queue_service());
    all.push_back(&consumer_service());
    catalog::set_services_for_testing(std::move(all));
  }
  ~QueueServices() { catalog::set_services_for_testing({}); }
  QueueServices(const QueueServices&) = delete;
  QueueServices& operator=(const QueueServices&) = delete;
};

// 20 messages a second for two minutes into q; worker polls it.
json queue_doc(int processing_ms, int batch, int visibility_s, json goals = json::array()) {
  json j = json::parse(R"({
    "version": 1, "name": "Queue model",
    "settings": {"duration_s": 120, "seed": 11},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"pattern": "poisson", "rate_per_s": 20}},
      {"id": "q", "type": "test_queue", "region": "us-east-1"},
      {"id": "worker", "type": "test_consumer", "region": "us-east-1"}
    ],
    "connections": [
      {"id": "c-in", "from": "users", "to": "q"},
      {"id": "c-poll", "from": "q", "to": "worker", "role": "poll"}
    ]
  })");
  j["nodes"][2]["params"] = {{"processing_ms", processing_ms}};
  j["connections"][1]["params"] = {{"batch_size", batch}, {"visibility_timeout_s", visibility_s}};
  j["goals"] = std::move(goals);
  return j;
}

const json kGoals = json::parse(R"([
  {"metric": "visible", "node": "q", "at_most": 50},
  {"metric": "end_to_end", "node": "worker", "below": 1000, "from": "0:30"},
  {"metric": "redelivered", "node": "q", "at_most": 0}
])");

struct Run {
  engine::Built built;
  std::vector<engine::GoalResult> goals;
  const TestQueue& queue() const { return static_cast<const TestQueue&>(built.sim->model(built.node("q"))); }
  const TestConsumer& consumer() const { return static_cast<const TestConsumer&>(built.sim->model(built.node("worker"))); }
};

Run run(const json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  Run out;
  out.built = engine::build(r.document);
  REQUIRE(out.built.ok());
  engine::GoalTracker t(r.document, out.built);
  t.run_until(*out.built.sim, out.built.duration);
  out.goals = t.results(*out.built.sim);
  CHECK(out.built.sim->undeclared_metrics().empty());
  return out;
}

}  // namespace

TEST_CASE("queue model: goals on queue depth and end-to-end latency pass for a fast consumer and fail for a slow one", "[queue]") {
  QueueServices services;
  // Fast: 10 ms a message, up to 100/s for 20/s arriving. Slow: 80 ms, 12.5/s.
  Run fast = run(queue_doc(10, 10, 30, kGoals));
  REQUIRE(fast.goals.size() == 3);
  for (const auto& g : fast.goals) {
    INFO(g.en);
    CHECK(g.passed());
  }
  CHECK(fast.consumer().done.size() > 2000);
  CHECK(fast.queue().store.held() < 50);

  Run slow = run(queue_doc(80, 10, 30, kGoals));
  REQUIRE(slow.goals.size() == 3);
  INFO(slow.goals[0].en << "\n" << slow.goals[1].en);
  CHECK_FALSE(slow.goals[0].passed());  // the backlog grows ~7.5 a second
  CHECK(slow.goals[0].value > 500);
  CHECK_FALSE(slow.goals[1].passed());
  CHECK(slow.goals[1].value > 10000);  // p99 after 0:30: tens of seconds in the queue
  CHECK(slow.goals[2].passed());       // slow, but every message is worked on once
  CHECK(slow.goals[1].en.find("failed") != std::string::npos);
  const double rate = static_cast<double>(slow.consumer().done.size()) / 120.0;
  CHECK(rate == Approx(12.5).epsilon(0.05));
}

TEST_CASE("queue model: end-to-end latency is the queue wait plus the processing plus two hops", "[queue]") {
  QueueServices services;
  Run r = run(queue_doc(10, 10, 30, json::parse(R"([{"metric": "end_to_end", "node": "worker", "below": 1e9}])")));
  const TestQueue& q = r.queue();
  const TestConsumer& c = r.consumer();
  REQUIRE(q.store.counters().expired == 0);
  std::map<uint64_t, sim::SimTime> wait;
  for (const auto& [id, w] : q.waits) wait[id] = w;
  // The two hops (users -> q on the send, q -> worker on the receive's answer),
  // each one-way latency with the network's ±10% jitter.
  const sim::Simulation& s = *r.built.sim;
  const auto place = [&](const char* n) { return s.info(r.built.node(n)).placement; };
  const sim::RegionId region = place("q").region;
  const sim::SimTime hops = s.topology().latency(place("users"), place("q"), region) +
                            s.topology().latency(place("q"), place("worker"), region);
  REQUIRE(hops > 0);
  REQUIRE(c.done.size() > 2000);
  double sum_e2e = 0, sum_parts = 0;
  for (const auto& d : c.done) {
    REQUIRE(wait.count(d.item));
    const sim::SimTime rest = d.end_to_end - wait[d.item] - d.processing;
    INFO("item " << d.item << ": end to end " << d.end_to_end << " us, wait " << wait[d.item] << " us, processing "
                 << d.processing << " us, hops " << rest << " us of " << hops);
    REQUIRE(rest >= hops * 9 / 10 - 2);  // ±10% jitter on each hop, rounded to µs
    REQUIRE(rest <= hops * 11 / 10 + 2);
    sum_e2e += static_cast<double>(d.end_to_end);
    sum_parts += static_cast<double>(wait[d.item] + d.processing + hops);
  }
  CHECK(sum_e2e / sum_parts == Approx(1.0).epsilon(0.01));
  CHECK(c.acked == c.done.size());
  // The declared latency metric holds the same samples: the goal's p99 is the
  // raw samples' p99 to the histogram's resolution (<= 0.78%).
  std::vector<sim::SimTime> e2e;
  for (const auto& d : c.done) e2e.push_back(d.end_to_end);
  std::sort(e2e.begin(), e2e.end());
  const double p99_ms = static_cast<double>(e2e[(e2e.size() * 99 + 99) / 100 - 1]) / sim::kMillisecond;
  REQUIRE(r.goals.size() == 1);
  CHECK(r.goals[0].value == Approx(p99_ms).epsilon(0.008));
}

TEST_CASE("queue model: a visibility timeout shorter than a batch's work duplicates work", "[queue]") {
  QueueServices services;
  // A batch of 10 at 150 ms each takes 1.5 s; a 1 s lease runs out on the last
  // few: they are received again while the first receiver still works on them,
  // and its deletes come back stale (count 0).
  Run shortv = run(queue_doc(150, 10, 1, kGoals));
  const TestQueue& q = shortv.queue();
  const TestConsumer& c = shortv.consumer();
  CHECK(q.store.counters().expired > 100);
  CHECK(c.max_receive_count >= 2);
  CHECK(c.acked < c.done.size());  // work done whose delete came too late
  CHECK(q.store.counters().stale_receipts == c.done.size() - c.acked);
  CHECK_FALSE(shortv.goals[2].passed());
  // Every redelivery followed an expired lease; some expired ones still wait at the end.
  CHECK(shortv.goals[2].value > 50);
  CHECK(shortv.goals[2].value <= static_cast<double>(q.store.counters().expired));
  INFO(shortv.goals[2].en);
  // The consumer counts the duplicates it received in its declared counter.
  const sim::Simulation& s = *shortv.built.sim;
  CHECK(s.metrics(shortv.built.node("worker")).metric_value("duplicates") == Approx(s.metrics(shortv.built.node("q")).metric_value("redelivered")));
  CHECK(s.metrics(shortv.built.node("q")).metric_value("redelivered") == shortv.goals[2].value);

  // The same consumer with a 30 s lease: nothing is received twice.
  Run longv = run(queue_doc(150, 10, 30, kGoals));
  CHECK(longv.queue().store.counters().expired == 0);
  CHECK(longv.consumer().max_receive_count == 1);
  CHECK(longv.goals[2].passed());
}

TEST_CASE("queue model: a checkpoint mid-run, with messages held and leased, rewinds to the same trace", "[queue][checkpoint]") {
  QueueServices services;
  const json j = queue_doc(150, 10, 1);  // slow enough to hold a backlog, leases that expire
  Run straight = run(j);
  REQUIRE(straight.queue().store.counters().expired > 0);

  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  sim::Simulation& s = *b.sim;
  s.run_until(45 * sim::kSecond);
  const auto& q = static_cast<const TestQueue&>(s.model(b.node("q")));
  while (!(q.store.leased() > 0 && q.store.visible() > 0)) s.advance(sim::kNever, 1);
  const sim::SimTime at = s.now();
  auto cp = s.checkpoint();
  s.run_until(b.duration);
  CHECK(s.trace_hash() == straight.built.sim->trace_hash());
  REQUIRE(s.rewind_to(*cp));
  CHECK(s.now() == at);
  s.run_until(b.duration);
  CHECK(s.trace_hash() == straight.built.sim->trace_hash());
  CHECK(s.events_processed() == straight.built.sim->events_processed());
  const auto& c = static_cast<const TestConsumer&>(s.model(b.node("worker")));
  CHECK(c.done.size() == straight.consumer().done.size());
  CHECK(c.acked == straight.consumer().acked);
}
