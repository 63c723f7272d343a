// Amazon SQS (core/services/sqs.cpp): a queue that users call and EC2 workers poll.
// Each test runs a document and checks what happened in the run: deletes, duplicates
// when a worker is slower than the visibility timeout, retention, delay, long vs
// short polling, the dead-letter queue, FIFO order, deduplication and throughput,
// and the balance sent = deleted + held + expired + moved + refused (+ deduplicated)
// at several moments of a run.
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
#include "core/engine/report.h"
#include "core/lint/lint.h"
#include "core/services/sqs.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using cp::test::all_issues;
using cp::test::build_document;
using nlohmann::json;

namespace {

// users --call--> q --poll--> worker (an EC2 instance with `loops` receive loops,
// each message taking `work_ms`).
json queue_doc(double rate, double work_ms, json queue_params = json::object(), json poll_params = json::object(),
               int duration_s = 120, int loops = 2) {
  json j = json::parse(R"({
    "version": 1, "name": "SQS test",
    "settings": {"duration_s": 120, "seed": 5},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"pattern": "poisson"}},
      {"id": "q", "type": "sqs", "region": "us-east-1"},
      {"id": "worker", "type": "ec2", "region": "us-east-1", "az": "use1-az1"}
    ],
    "connections": [
      {"id": "c-send", "from": "users", "to": "q"},
      {"id": "c-poll", "from": "q", "to": "worker", "role": "poll"}
    ]
  })");
  j["settings"]["duration_s"] = duration_s;
  j["nodes"][0]["params"]["rate_per_s"] = rate;
  j["nodes"][1]["params"] = std::move(queue_params);
  j["nodes"][2]["params"] = {{"instance_type", "m5.large"},
                             {"requests_per_vcpu", loops / 2.0},
                             {"service_time", {{"kind", "constant"}, {"value_ms", work_ms}}}};
  j["connections"][1]["params"] = std::move(poll_params);
  return j;
}

services::SqsBalance balance(const engine::Built& b, const char* node = "q") {
  auto q = services::sqs_balance(*b.sim, b.node(node));
  REQUIRE(q.has_value());
  return *q;
}

double metric(const engine::Built& b, const char* node, const char* key) {
  return b.sim->metrics(b.node(node)).metric_value(key);
}

// Runs to the end, checking the balance at every 10 s of the run on the way.
void run_checking_balance(engine::Built& b, std::initializer_list<const char*> queues = {"q"}) {
  for (sim::SimTime t = 10 * sim::kSecond; t <= b.duration; t += 10 * sim::kSecond) {
    b.sim->run_until(t);
    for (const char* q : queues) {
      const services::SqsBalance x = balance(b, q);
      INFO(q << " at " << t / sim::kSecond << " s: " << services::sqs_balance_text(x, false));
      REQUIRE(x.balanced());
    }
  }
  b.sim->run_until(b.duration);
  CHECK(b.sim->undeclared_metrics().empty());
}

size_t events(const engine::Built& b, const char* reason) {
  size_t n = 0;
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == reason) ++n;
  return n;
}

}  // namespace

TEST_CASE("sqs: a worker fast enough deletes every message once; the balance holds throughout", "[sqs]") {
  // 20 messages/s; two loops at 20 ms each can do 100/s.
  engine::Built b = build_document(queue_doc(20, 20, {{"receive_wait_time_s", 20}}));
  run_checking_balance(b);
  const services::SqsBalance x = balance(b);
  INFO(services::sqs_balance_text(x, false));
  CHECK(x.sent > 2200);
  CHECK(x.sent < 2600);
  CHECK(x.deleted + x.held() == x.sent);
  CHECK(x.held() < 5);
  CHECK(metric(b, "q", "duplicates") == 0);
  CHECK(metric(b, "q", "received") == Approx(static_cast<double>(x.deleted + x.in_flight)));
  CHECK(events(b, "visibility_timeout") == 0);
  // The report carries the balance in --json and in the text table.
  const json r = engine::report_json(b);
  const json& node = r["nodes"][1];
  REQUIRE(node["id"] == "q");
  CHECK(node["balance"]["sent"] == x.sent);
  CHECK(node["balance"]["balanced"] == true);
  CHECK(engine::summary_table(b).find("sqs q: sent " + std::to_string(x.sent) + " = deleted") != std::string::npos);
  // Age at receive: the 0.1–0.6 ms hop plus a short wait, well under a second.
  const auto age = b.sim->latency_between(b.node("q"), b.sim->latency_metric(b.node("q"), "age_at_receive"), 0, b.duration);
  CHECK(age.count() == x.deleted + x.in_flight);
  CHECK(age.percentile(50) < 100 * sim::kMillisecond);
}

TEST_CASE("sqs: a worker slower than the visibility timeout processes messages twice", "[sqs]") {
  // One loop taking 3 s a message, a 2 s visibility timeout: each message is visible again
  // before its delete, and received again.
  json slow = queue_doc(0.25, 3000, {{"visibility_timeout_s", 2}, {"receive_wait_time_s", 20}}, json::object(), 120, 2);
  engine::Built b = build_document(slow);
  run_checking_balance(b);
  const double dups = metric(b, "q", "duplicates");
  INFO(services::sqs_balance_text(balance(b), false));
  CHECK(dups > 10);
  CHECK(events(b, "visibility_timeout") == std::min<size_t>(static_cast<size_t>(dups), 50));
  const auto* ev = &b.sim->event_log().back();
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == "visibility_timeout") { ev = &e; break; }
  CHECK(ev->message > 0);
  CHECK(ev->text_ko.find("표시 제한 시간") != std::string::npos);
  // The worker's deletes after the timeout are refused (stale receipts).
  const auto& st = b.sim->model(b.node("worker")).status();
  CHECK(st.en.find("deleted too late") != std::string::npos);

  // The same worker with a 30 s visibility timeout: no duplicates.
  engine::Built ok = build_document(queue_doc(0.25, 3000, {{"visibility_timeout_s", 30}, {"receive_wait_time_s", 20}}));
  run_checking_balance(ok);
  CHECK(metric(ok, "q", "duplicates") == 0);
  CHECK(balance(ok).deleted > 20);
}

TEST_CASE("sqs: messages older than the retention period are deleted and counted as expired", "[sqs]") {
  // No worker keeps up: 1 loop at 1 s for 5 messages/s; retention 60 s.
  engine::Built b = build_document(queue_doc(5, 1000, {{"message_retention_s", 60}, {"receive_wait_time_s", 20}}, json::object(), 150, 1));
  run_checking_balance(b);
  const services::SqsBalance x = balance(b);
  INFO(services::sqs_balance_text(x, false));
  CHECK(x.expired > 300);  // ~5/s arrive, ~1/s leave; the rest expire after 60 s
  CHECK(metric(b, "q", "expired") == static_cast<double>(x.expired));
  CHECK(metric(b, "q", "oldest_age_s") <= 61);
  CHECK(metric(b, "q", "oldest_age_s") >= 55);
  CHECK(events(b, "retention_period") == 1);
}

TEST_CASE("sqs: a delay queue holds each message invisible for its delay", "[sqs]") {
  engine::Built b = build_document(queue_doc(10, 10, {{"delivery_delay_s", 15}, {"receive_wait_time_s", 20}}));
  b.sim->run_until(60 * sim::kSecond);
  const services::SqsBalance x = balance(b);
  CHECK(x.delayed > 100);  // ~10/s × 15 s
  CHECK(x.delayed < 200);
  CHECK(metric(b, "q", "delayed") == static_cast<double>(x.delayed));
  run_checking_balance(b);
  const auto age = b.sim->latency_between(b.node("q"), b.sim->latency_metric(b.node("q"), "age_at_receive"), 0, b.duration);
  CHECK(age.percentile(1) >= 15 * sim::kSecond);
  CHECK(age.percentile(99) < 16 * sim::kSecond);
}

TEST_CASE("sqs: short polling answers empty at once and pays for it; long polling waits", "[sqs]") {
  // One message every 2 s; a worker that polls again 100 ms after an empty receive.
  const json pause = {{"idle_pause_ms", 100}};
  engine::Built shortp = build_document(queue_doc(0.5, 10, json::object(), pause));
  run_checking_balance(shortp);
  engine::Built longp = build_document(queue_doc(0.5, 10, {{"receive_wait_time_s", 20}}, pause));
  run_checking_balance(longp);
  const double e_short = metric(shortp, "q", "empty_receives"), e_long = metric(longp, "q", "empty_receives");
  INFO("empty receives: short " << e_short << ", long " << e_long);
  CHECK(e_short > 2000);  // two loops, ~10 polls/s each, for 120 s
  CHECK(e_long < 20);     // a 20 s wait, two loops: a few waits end empty
  // Both workers keep up: everything sent is deleted but the few in flight at the end.
  for (const engine::Built* b : {&shortp, &longp}) CHECK(balance(*b).deleted + balance(*b).held() == balance(*b).sent);
  const double c_short = shortp.sim->metrics(shortp.node("q")).cost_usd, c_long = longp.sim->metrics(longp.node("q")).cost_usd;
  CHECK(c_short > 10 * c_long);
  // AWS-FACTS: SQS / Price — $0.40 per million requests.
  CHECK(c_short == Approx(metric(shortp, "q", "billed_requests") * 0.40e-6));
}

TEST_CASE("sqs: poison messages go to the dead-letter queue after maxReceiveCount receives", "[sqs]") {
  json j = queue_doc(10, 20, {{"visibility_timeout_s", 2}, {"receive_wait_time_s", 20}, {"dead_letter_queue", "dlq"}, {"max_receive_count", 3}},
                     {{"failing_messages_pct", 10}});
  j["nodes"].push_back({{"id", "dlq"}, {"type", "sqs"}, {"region", "us-east-1"}});
  engine::Built b = build_document(j);
  run_checking_balance(b, {"q", "dlq"});
  const services::SqsBalance x = balance(b), d = balance(b, "dlq");
  INFO(services::sqs_balance_text(x, false) << "\n" << services::sqs_balance_text(d, false));
  // ~10% of ~1,200 messages fail every time; each is received 3 times, then moved.
  CHECK(x.moved_to_dlq > 80);
  CHECK(x.moved_to_dlq < 160);
  CHECK(d.from_sources == x.moved_to_dlq);
  CHECK(d.visible == x.moved_to_dlq);  // nobody consumes the DLQ
  CHECK(metric(b, "q", "duplicates") >= 2.0 * static_cast<double>(x.moved_to_dlq));
  size_t logged = 0;
  for (const auto& e : b.sim->event_log())
    if (e.kind == sim::LogKind::MessageToDlq) {
      ++logged;
      CHECK(std::string(e.reason) == "max_receive_count");
      CHECK(e.other == b.node("dlq").v);
      REQUIRE(e.find_field("receive_count"));
      CHECK(e.find_field("receive_count")->value == 3);
    }
  CHECK(logged == 50);

  // Without a DLQ the same messages keep coming back.
  json none = queue_doc(10, 20, {{"visibility_timeout_s", 2}, {"receive_wait_time_s", 20}}, {{"failing_messages_pct", 10}});
  engine::Built n = build_document(none);
  run_checking_balance(n);
  CHECK(balance(n).moved_to_dlq == 0);
  CHECK(metric(n, "q", "duplicates") > 3 * metric(b, "q", "duplicates"));
}

TEST_CASE("sqs: validation refuses a FIFO queue whose name lacks .fifo, and a wrong dead-letter queue", "[sqs]") {
  json j = queue_doc(10, 10, {{"queue_type", "fifo"}});
  j["nodes"][1]["name"] = "orders";
  doc::LoadResult r = catalog::parse_document(j.dump());
  REQUIRE_FALSE(r.ok());
  const std::string all = all_issues(r.errors);
  CHECK(all.find("must end in \".fifo\"") != std::string::npos);
  bool ko = false;
  for (const auto& e : r.errors) ko = ko || e.message_ko.find(".fifo\"로 끝나야") != std::string::npos;
  CHECK(ko);
  j["nodes"][1]["name"] = "orders.fifo";
  CHECK(catalog::parse_document(j.dump()).ok());

  json d = queue_doc(10, 10, {{"dead_letter_queue", "dql"}});
  d["nodes"].push_back({{"id", "dlq"}, {"type", "sqs"}, {"region", "us-east-1"}});
  r = catalog::parse_document(d.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(all_issues(r.errors).find("\"dlq\"") != std::string::npos);  // did you mean
  d["nodes"][1]["params"]["dead_letter_queue"] = "dlq";
  d["nodes"][3]["params"] = {{"queue_type", "fifo"}};
  d["nodes"][3]["name"] = "dlq.fifo";
  r = catalog::parse_document(d.dump());
  REQUIRE_FALSE(r.ok());
  CHECK(all_issues(r.errors).find("must be a standard queue too") != std::string::npos);
}

TEST_CASE("sqs: FIFO removes a producer's retried sends within 5 minutes; standard keeps them", "[sqs]") {
  // The users' calls time out after 1 ms and retry: the queue got the first send, the
  // producer sends the same message again.
  auto doc = [](const char* type) {
    json j = queue_doc(20, 10, {{"queue_type", type}, {"receive_wait_time_s", 20}}, json::object(), 60);
    j["nodes"][1]["name"] = "q.fifo";
    j["connections"][0]["params"] = {{"timeout_ms", 1}, {"retries", 2}, {"backoff_base_ms", 1}};
    return j;
  };
  engine::Built fifo = build_document(doc("fifo"));
  run_checking_balance(fifo);
  engine::Built standard = build_document(doc("standard"));
  run_checking_balance(standard);
  const services::SqsBalance f = balance(fifo), s = balance(standard);
  INFO(services::sqs_balance_text(f, false) << "\n" << services::sqs_balance_text(s, false));
  CHECK(f.deduplicated > 1000);  // each message is sent three times
  CHECK(f.deleted * 3 == Approx(static_cast<double>(f.sent)).epsilon(0.02));
  CHECK(s.deduplicated == 0);
  CHECK(s.deleted > 2 * f.deleted);  // standard: every copy is processed
}

TEST_CASE("sqs: FIFO throughput is 300 sends/s without high-throughput mode", "[sqs]") {
  auto doc = [](bool high) {
    json j = queue_doc(600, 1, {{"queue_type", "fifo"}, {"high_throughput", high}, {"receive_wait_time_s", 20}}, {{"batch_size", 10}}, 30, 8);
    j["nodes"][1]["name"] = "q.fifo";
    j["nodes"][0]["params"]["keys"] = 1000;
    return j;
  };
  engine::Built low = build_document(doc(false));
  run_checking_balance(low);
  engine::Built high = build_document(doc(true));
  run_checking_balance(high);
  const services::SqsBalance l = balance(low), h = balance(high);
  INFO(services::sqs_balance_text(l, false) << "\n" << services::sqs_balance_text(h, false));
  // ~18,000 sent in 30 s; 300/s (+ one second of burst) accepted.
  CHECK(static_cast<double>(l.sent - l.refused) == Approx(300.0 * 31).epsilon(0.02));
  CHECK(events(low, "fifo_throughput") >= 1);
  CHECK(h.refused == 0);
}

TEST_CASE("sqs: lint advises on a visibility timeout shorter than the work and on a queue without a DLQ", "[sqs][lint]") {
  doc::LoadResult r = catalog::parse_document(queue_doc(1, 45000).dump());  // 45 s of work, 30 s visibility
  REQUIRE(r.ok());
  auto f = lint::lint(r.document);
  auto has = [&](const char* rule) {
    return std::any_of(f.begin(), f.end(), [&](const lint::Finding& x) { return x.rule == rule; });
  };
  CHECK(has("sqs-visibility-shorter-than-processing"));
  CHECK(has("sqs-no-dead-letter-queue"));
  for (const auto& x : f) {
    CHECK_FALSE(x.text_ko.empty());
  }
  json fixed = queue_doc(1, 45000, {{"visibility_timeout_s", 300}, {"dead_letter_queue", "dlq"}});
  fixed["nodes"].push_back({{"id", "dlq"}, {"type", "sqs"}, {"region", "us-east-1"}});
  r = catalog::parse_document(fixed.dump());
  REQUIRE(r.ok());
  f = lint::lint(r.document);
  CHECK_FALSE(has("sqs-visibility-shorter-than-processing"));
  CHECK_FALSE(has("sqs-no-dead-letter-queue"));
}

TEST_CASE("sqs: a checkpoint with messages held, in flight and long polls waiting rewinds to the same run", "[sqs][checkpoint]") {
  const json j = queue_doc(0.25, 3000, {{"visibility_timeout_s", 2}, {"receive_wait_time_s", 20}});
  engine::Built straight = build_document(j);
  straight.sim->run_until(straight.duration);
  engine::Built b = build_document(j);
  b.sim->run_until(47 * sim::kSecond);
  auto cp = b.sim->checkpoint();
  b.sim->run_until(b.duration);
  REQUIRE(b.sim->rewind_to(*cp));
  b.sim->run_until(b.duration);
  CHECK(b.sim->trace_hash() == straight.sim->trace_hash());
  CHECK(balance(b).deleted == balance(straight).deleted);
}

namespace {

// A test-only consumer that records what it receives: polls for up to 10, works
// `work` on each message of a batch at the same time (a thread each), deletes each
// when done, polls again when the batch is done.
class OrderConsumer : public sim::ModelBase<OrderConsumer> {
public:
  explicit OrderConsumer(sim::SimTime work) : work_(work) {}
  void start(sim::Simulation& s) override {
    for (sim::ConnId c : s.outgoing(id()))
      if (s.connection(c).role == sim::WireRole::Poll) poll_ = c;
    s.schedule_timer(id(), 0, 1);
  }
  void on_request(sim::Simulation& s, sim::ReqHandle h) override { s.respond(h, sim::Outcome::Rejected); }
  void on_timer(sim::Simulation& s, uint16_t timer, uint64_t) override {
    if (timer == 1) {
      s.call(poll_, sim::ReqHandle{}, sim::RequestKind::Read, 64, 0, 10);
      return;
    }
    for (const auto& it : batch_) {
      s.call(poll_, sim::ReqHandle{}, sim::RequestKind::Write, 64, it.ref, 0);
      done.push_back({it.item.id, it.item.key, s.now()});
    }
    batch_.clear();
    s.schedule_timer(id(), s.now(), 1);
  }
  void on_response(sim::Simulation& s, sim::ReqHandle, const sim::Request& child, sim::Outcome o) override {
    if (child.tag == 0) return;
    const sim::Reply* r = s.reply();
    if (o == sim::Outcome::Ok && r) batch_ = r->items;
    for (const auto& it : batch_) got.push_back({it.item.id, it.item.key, s.now()});
    if (batch_.empty()) s.schedule_timer(id(), s.now() + 100 * sim::kMillisecond, 1);
    else s.schedule_timer(id(), s.now() + work_, 2);
  }
  struct Seen {
    uint64_t id, key;
    sim::SimTime at;
  };
  std::vector<Seen> got, done;

private:
  sim::SimTime work_;
  sim::ConnId poll_;
  std::vector<sim::ReplyItem> batch_;
};

const catalog::ServiceDescriptor& order_consumer() {
  static const catalog::ServiceDescriptor d = [] {
    catalog::ServiceDescriptor c;
    c.type = "test_order_consumer";
    c.category = catalog::Category::Testing;
    c.name = {"Test consumer", "테스트 소비자"};
    c.placement = sim::PlacementKind::Region;
    c.makes_calls = false;
    c.target_roles = {catalog::RoleSpec{sim::WireRole::Poll, {}, {"sqs"}, nullptr}};
    c.create = [](const catalog::BuildContext&) { return std::make_unique<OrderConsumer>(300 * sim::kMillisecond); };
    return c;
  }();
  return d;
}

struct WithOrderConsumer {
  WithOrderConsumer() {
    auto all = catalog::all_services();
    all.push_back(&order_consumer());
    catalog::set_services_for_testing(std::move(all));
  }
  ~WithOrderConsumer() { catalog::set_services_for_testing({}); }
};

}  // namespace

TEST_CASE("sqs: FIFO keeps order per message group and one message of a group in flight", "[sqs]") {
  WithOrderConsumer services;
  auto doc = [](const char* type) {
    json j = queue_doc(40, 10, {{"queue_type", type}, {"receive_wait_time_s", 20}}, json::object(), 60);
    j["nodes"][1]["name"] = "q.fifo";
    j["nodes"][0]["params"]["keys"] = 5;  // five message groups
    // Sends 25 ms apart: the network's ±10% jitter cannot swap two of them on the way, so
    // the order they arrive in is the order they were sent (their ids).
    j["nodes"][0]["params"]["pattern"] = "constant";
    j["nodes"][2] = {{"id", "worker"}, {"type", "test_order_consumer"}, {"region", "us-east-1"}};
    return j;
  };
  engine::Built b = build_document(doc("fifo"));
  run_checking_balance(b);
  const auto& c = static_cast<const OrderConsumer&>(b.sim->model(b.node("worker")));
  REQUIRE(c.got.size() > 500);
  // Within a group: received in the order sent (item ids rise), and a message is
  // received only after the one before it in its group was deleted.
  std::map<uint64_t, uint64_t> last_id;
  std::map<uint64_t, size_t> in_batch;
  size_t batches_with_two_of_a_group = 0;
  for (const auto& g : c.got) {
    CHECK(g.id > last_id[g.key]);
    last_id[g.key] = g.id;
  }
  for (size_t i = 0; i + 1 < c.got.size(); ++i)
    if (c.got[i].at == c.got[i + 1].at && c.got[i].key == c.got[i + 1].key) ++batches_with_two_of_a_group;
  CHECK(batches_with_two_of_a_group == 0);
  // At most 5 in flight (one per group): a batch of 10 brings at most 5 messages.
  std::map<sim::SimTime, size_t> per_receive;
  for (const auto& g : c.got) ++per_receive[g.at];
  size_t most = 0;
  for (const auto& [t, n] : per_receive) most = std::max(most, n);
  CHECK(most <= 5);
  CHECK(most >= 4);

  // A standard queue hands out 10 at once, groups mixed.
  engine::Built s = build_document(doc("standard"));
  run_checking_balance(s);
  const auto& cs = static_cast<const OrderConsumer&>(s.sim->model(s.node("worker")));
  std::map<sim::SimTime, size_t> per_receive_std;
  for (const auto& g : cs.got) ++per_receive_std[g.at];
  most = 0;
  for (const auto& [t, n] : per_receive_std) most = std::max(most, n);
  CHECK(most == 10);
}

TEST_CASE("example sqs-worker-queue-dlq: duplicates, poison orders in the DLQ, a backlog while a worker is away", "[sqs][examples]") {
  engine::Built b = cp::test::example_run("sqs-worker-queue-dlq.json");
  b.sim->run_until(140 * sim::kSecond);
  const services::SqsBalance before = balance(b, "orders");
  CHECK(before.visible < 10);  // both workers keep up
  CHECK(balance(b, "orders-dlq").from_sources >= 5);
  b.sim->run_until(208 * sim::kSecond);
  const services::SqsBalance away = balance(b, "orders");
  INFO(services::sqs_balance_text(away, false));
  CHECK(away.visible > 30);  // worker-b stopped at 150 s, boots from 180 s to 210 s
  CHECK(metric(b, "orders", "oldest_age_s") > 15);
  run_checking_balance(b, {"orders", "orders-dlq"});
  const services::SqsBalance end = balance(b, "orders"), dlq = balance(b, "orders-dlq");
  INFO(services::sqs_balance_text(end, false));
  CHECK(end.visible < 10);  // drained after worker-b came back
  CHECK(end.sent > 800);
  CHECK(end.deleted > 800);
  CHECK(end.moved_to_dlq >= 15);
  CHECK(end.moved_to_dlq <= 40);
  CHECK(dlq.from_sources == end.moved_to_dlq);
  CHECK(metric(b, "orders", "duplicates") > 100);  // 2 s of visibility for ~1.5 ± 0.5 s of work
  CHECK(metric(b, "orders", "empty_receives") < 10);  // long polling
  CHECK(events(b, "max_receive_count") >= 15);
  // The lint warns about exactly this design (1.5 s of work on average, 2 s of visibility).
  const auto f = lint::lint(cp::test::example_document("sqs-worker-queue-dlq.json"));
  CHECK(std::any_of(f.begin(), f.end(), [](const lint::Finding& x) { return x.rule == "sqs-visibility-shorter-than-processing"; }));
  CHECK_FALSE(std::any_of(f.begin(), f.end(), [](const lint::Finding& x) { return x.rule == "sqs-no-dead-letter-queue"; }));
}

TEST_CASE("sqs: a FIFO producer that sends one shared message group id gets one message in flight at a time", "[sqs]") {
  // 20 messages/s over 50 keys, 200 ms of work each, 8 receive loops: per key the worker
  // keeps up; with one group id for every message it does one at a time (5/s at most).
  auto doc = [](const char* group) {
    json j = queue_doc(20, 200, {{"queue_type", "fifo"}, {"receive_wait_time_s", 20}}, json::object(), 60, 8);
    j["nodes"][1]["name"] = "q.fifo";
    j["nodes"][0]["params"]["keys"] = 50;
    j["connections"][0]["params"] = {{"message_group", group}};
    return j;
  };
  engine::Built per_key = build_document(doc("per_key"));
  run_checking_balance(per_key);
  engine::Built single = build_document(doc("single"));
  run_checking_balance(single);
  const services::SqsBalance k = balance(per_key), s = balance(single);
  INFO(services::sqs_balance_text(k, false) << "\n" << services::sqs_balance_text(s, false));
  CHECK(static_cast<double>(k.deleted) > 0.95 * static_cast<double>(k.sent));
  // Every group moves on: none is left behind (the store's first receipt has bits 0, and a
  // new group once erased that receipt's entry, so that message's group never moved again).
  CHECK(k.visible + k.backlog <= 5);
  CHECK(metric(single, "q", "in_flight") <= 1);                  // the whole queue is one group
  CHECK(static_cast<double>(s.deleted) <= 5.0 * 60 + 1);          // one message at a time, 200 ms each
  CHECK(static_cast<double>(s.visible + s.backlog) > 0.5 * static_cast<double>(s.sent));  // the rest waits
  // A standard queue ignores the group id: every loop works at once.
  json st = doc("single");
  st["nodes"][1]["params"]["queue_type"] = "standard";
  st["nodes"][1]["name"] = "q";
  engine::Built standard = build_document(st);
  run_checking_balance(standard);
  CHECK(static_cast<double>(balance(standard).deleted) > 0.95 * static_cast<double>(balance(standard).sent));
}
