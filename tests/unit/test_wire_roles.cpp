// Connection roles (issue 14 item 3): a wire is a call, a poll or an event; each
// service's descriptor says which roles it takes at each end and the parameters each
// role carries. Here: a test-only queue, a consumer that polls it (reading its batch
// size from the wire) and a bucket that sends it events, then the validator's
// messages, the document's round trip, the engine's direction for a poll wire, and
// documents and share links made before roles (tests/fixtures/before-roles/) that
// must build the same engine as they did then.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/doc/share_link.h"
#include "core/engine/build.h"
#include "core/engine/report.h"
#include "core/sim/simulation.h"
#include "tests/unit/source_files.h"

using namespace cp;
using catalog::ParamSpec;
using catalog::ParamType;
using catalog::RoleSpec;
using catalog::ServiceDescriptor;
using nlohmann::json;
using sim::WireRole;

namespace {

// A queue: every call to it is a receive, answered at once; the batch asked for is the call's tag.
class TestQueue : public sim::ModelBase<TestQueue> {
public:
  void on_request(sim::Simulation& s, sim::ReqHandle h) override {
    ++receives;
    last_batch = s.request(h).tag;
    s.respond(h, sim::Outcome::Ok);
  }
  uint64_t receives = 0;
  uint32_t last_batch = 0;
};

// A consumer: once a second it polls every source it pulls from, asking for its wire's batch_size.
class TestConsumer : public sim::ModelBase<TestConsumer> {
public:
  void start(sim::Simulation& s) override {
    for (sim::ConnId c : s.outgoing(id()))
      if (s.connection(c).role == WireRole::Poll) polls.push_back(c);
    s.schedule_timer(id(), sim::kSecond, 1);
  }
  void on_timer(sim::Simulation& s, uint16_t, uint64_t) override {
    for (sim::ConnId c : polls) {
      const auto batch = static_cast<uint32_t>(s.connection(c).role_params.number("batch_size", 1));
      sim::ReqHandle root = s.begin_root(id(), sim::RequestKind::Read, 64, 0);
      s.call(c, root, sim::RequestKind::Read, 64, 0, batch);
    }
    s.schedule_timer(id(), s.now() + sim::kSecond, 1);
  }
  void on_request(sim::Simulation& s, sim::ReqHandle h) override { s.respond(h, sim::Outcome::Ok); }
  void on_response(sim::Simulation& s, sim::ReqHandle parent, const sim::Request&, sim::Outcome o) override {
    if (o == sim::Outcome::Ok) ++batches;
    s.finish_root(parent);
  }
  std::vector<sim::ConnId> polls;
  uint64_t batches = 0;
};

class Idle : public sim::ModelBase<Idle> {
public:
  void on_request(sim::Simulation& s, sim::ReqHandle h) override { s.respond(h, sim::Outcome::Ok); }
};

ParamSpec int_param(const char* key, const char* en, const char* ko, const char* unit, double min, double max, double def) {
  return ParamSpec{key, ParamType::Int, {en, ko}, {"", ""}, unit, min, max, def, {}, ""};
}

// The roles a future SQS -> Lambda would declare, on test types, with a rule across
// two parameters (AWS: a batch of more than 10 needs a batching window of 1 s or more).
struct RoleServices {
  ServiceDescriptor client, queue, consumer, bucket;
  RoleServices() {
    client.type = "client";
    client.name = {"Client", "클라이언트"};
    client.placement = sim::PlacementKind::Internet;
    client.accepts_incoming = false;
    client.create = [](const catalog::BuildContext&) { return std::make_unique<Idle>(); };

    queue.type = "tq";
    queue.name = {"Test queue", "테스트 대기열"};
    queue.placement = sim::PlacementKind::Region;
    queue.makes_calls = false;
    queue.source_roles = {RoleSpec{WireRole::Poll, {}, {}, nullptr}};
    queue.create = [](const catalog::BuildContext&) { return std::make_unique<TestQueue>(); };

    RoleSpec poll{WireRole::Poll,
                  {int_param("batch_size", "Batch size", "배치 크기", "messages", 1, 10000, 10),
                   int_param("maximum_batching_window_s", "Batching window", "배치 기간", "s", 0, 300, 0)},
                  {"tq"},
                  [](const json& p) {
                    std::vector<doc::Issue> out;
                    if (catalog::param_number(p, "batch_size") > 10 && catalog::param_number(p, "maximum_batching_window_s") < 1)
                      out.push_back({"maximum_batching_window_s", "a batch of more than 10 needs a window of at least 1 s.",
                                     "배치가 10개보다 크면 배치 기간이 1초 이상이어야 합니다."});
                    return out;
                  }};
    RoleSpec event{WireRole::Event, {int_param("maximum_retry_attempts", "Retries", "재시도 횟수", "", 0, 2, 2)}, {}, nullptr};
    consumer.type = "tc";
    consumer.name = {"Test consumer", "테스트 소비자"};
    consumer.placement = sim::PlacementKind::Region;
    consumer.makes_calls = false;
    consumer.target_roles = {poll, event, RoleSpec{}};
    consumer.create = [](const catalog::BuildContext&) { return std::make_unique<TestConsumer>(); };

    bucket.type = "tb";
    bucket.name = {"Test bucket", "테스트 버킷"};
    bucket.placement = sim::PlacementKind::Region;
    bucket.makes_calls = false;
    ParamSpec prefix{"prefix", ParamType::String, {"Prefix", "접두사"}, {"", ""}, "", 0, 100, "", {}, ""};
    bucket.source_roles = {RoleSpec{WireRole::Event, {prefix}, {}, nullptr}};
    bucket.create = [](const catalog::BuildContext&) { return std::make_unique<Idle>(); };

    catalog::set_services_for_testing({&client, &queue, &consumer, &bucket});
  }
  ~RoleServices() { catalog::set_services_for_testing({}); }
};

json role_doc(json connections) {
  return json{{"version", 1},
              {"settings", {{"duration_s", 10}}},
              {"regions", json::array({{{"code", "us-east-1"}, {"azs", json::array()}}})},
              {"nodes", json::array({{{"id", "users"}, {"type", "client"}, {"region", "us-east-1"}},
                                     {{"id", "q"}, {"type", "tq"}, {"region", "us-east-1"}},
                                     {{"id", "fn"}, {"type", "tc"}, {"region", "us-east-1"}},
                                     {{"id", "b"}, {"type", "tb"}, {"region", "us-east-1"}}})},
              {"connections", std::move(connections)}};
}

std::vector<std::string> keys(const std::vector<ParamSpec>& specs) {
  std::vector<std::string> out;
  for (const ParamSpec& s : specs) out.push_back(s.key);
  return out;
}

const doc::Issue* issue_at(const std::vector<doc::Issue>& v, const std::string& path) {
  for (const doc::Issue& e : v)
    if (e.path == path) return &e;
  return nullptr;
}

}  // namespace

TEST_CASE("roles: a pair takes the roles both ends declare, with both ends' parameters") {
  RoleServices s;
  using V = std::vector<WireRole>;
  CHECK(catalog::pair_roles(s.queue, s.consumer) == V{WireRole::Poll});
  CHECK(catalog::pair_roles(s.bucket, s.consumer) == V{WireRole::Event});
  CHECK(catalog::pair_roles(s.client, s.consumer) == V{WireRole::Call});
  CHECK(catalog::pair_roles(s.client, s.queue) == V{WireRole::Call});
  CHECK(catalog::pair_roles(s.queue, s.client).empty());
  CHECK(catalog::pair_roles(s.bucket, s.queue).empty());  // the queue takes no events
  CHECK(catalog::default_role(s.queue, s.consumer) == WireRole::Poll);

  CHECK(keys(catalog::wire_params(&s.queue, &s.consumer, WireRole::Poll)) ==
        std::vector<std::string>{"batch_size", "maximum_batching_window_s"});
  CHECK(keys(catalog::wire_params(&s.bucket, &s.consumer, WireRole::Event)) ==
        std::vector<std::string>{"prefix", "maximum_retry_attempts"});
  CHECK(keys(catalog::wire_params(&s.client, &s.queue, WireRole::Call)) == keys(catalog::connection_params()));

  // Why not, for a person, in both languages.
  doc::NodeDoc q{"q", "tq", "", "us-east-1", "", json::object()};
  doc::NodeDoc fn{"fn", "tc", "", "us-east-1", "", json::object()};
  doc::NodeDoc u{"users", "client", "", "us-east-1", "", json::object()};
  doc::NodeDoc b{"b", "tb", "", "us-east-1", "", json::object()};
  doc::Document d;
  CHECK_FALSE(catalog::can_connect(d, q, fn).has_value());
  auto call = catalog::can_connect(d, q, fn, WireRole::Call);
  REQUIRE(call);
  CHECK(call->en == "Test queue does not call other services: a wire from it is a poll (a consumer pulls from it).");
  CHECK(call->ko == "테스트 대기열은 다른 서비스를 호출하지 않습니다. 여기서 나가는 연결은 폴링(소비자가 여기서 가져감)입니다.");
  auto back = catalog::can_connect(d, q, u);
  REQUIRE(back);
  CHECK(back->en == "Client does not poll: it cannot pull from Test queue.");
  auto ev = catalog::can_connect(d, b, q);
  REQUIRE(ev);
  CHECK(ev->en == "Test queue does not receive events.");
  auto peer = catalog::can_connect(d, b, fn, WireRole::Poll);
  REQUIRE(peer);
  CHECK(peer->en == "Nothing pulls from Test bucket: only queues and streams are polled.");
}

TEST_CASE("roles: the document stores a wire's role; a call is written without one") {
  RoleServices s;
  auto r = catalog::load_document(role_doc(json::array({
      {{"id", "c-in"}, {"from", "users"}, {"to", "q"}},
      {{"id", "c-poll"}, {"from", "q"}, {"to", "fn"}, {"role", "poll"},
       {"params", {{"batch_size", 25}, {"maximum_batching_window_s", 2}}}},
      {{"id", "c-ev"}, {"from", "b"}, {"to", "fn"}, {"role", "event"}, {"params", {{"prefix", "img/"}}}},
  })));
  for (const auto& e : r.errors) UNSCOPED_INFO(e.line(false));
  REQUIRE(r.ok());
  REQUIRE(r.document.connections.size() == 3);
  CHECK(r.document.connections[0].role == "call");
  CHECK(r.document.connections[1].role == "poll");
  CHECK(r.document.connections[2].role == "event");
  const json out = doc::to_json(r.document);
  CHECK_FALSE(out["connections"][0].contains("role"));
  CHECK(out["connections"][1]["role"] == "poll");
  CHECK(out["connections"][1]["params"]["batch_size"] == 25);
  auto again = catalog::load_document(out);
  REQUIRE(again.ok());
  CHECK(again.document == r.document);

  // A share link carries the role.
  doc::RunSettings run;
  auto link = catalog::decode_share_fragment(doc::encode_share_fragment(r.document, run));
  INFO(link.message_en);
  for (const auto& e : link.document_errors) UNSCOPED_INFO(e.line(false));
  REQUIRE(link.ok());
  CHECK(link.document == r.document);
}

TEST_CASE("roles: the validator checks the role and each of its parameters, naming the wire") {
  RoleServices s;
  auto load = [](json conn) { return catalog::load_document(role_doc(json::array({std::move(conn)}))); };

  auto typo = load({{"from", "q"}, {"to", "fn"}, {"role", "pol"}});
  const doc::Issue* e = issue_at(typo.errors, "connections[0].role");
  REQUIRE(e);
  CHECK(e->message == "\"pol\" is not a role: a wire is \"call\", \"poll\", \"event\" or \"replicate\". Did you mean \"poll\"?");
  CHECK(e->message_ko.find("\"poll\"") != std::string::npos);

  auto not_number = load({{"from", "q"}, {"to", "fn"}, {"role", 3}});
  REQUIRE(issue_at(not_number.errors, "connections[0].role"));

  // The pair refuses the role (a queue does not call): the reason, at the wire.
  auto call = load({{"from", "q"}, {"to", "fn"}});
  e = issue_at(call.errors, "connections[0]");
  REQUIRE(e);
  CHECK(e->message.find("Test queue does not call other services") == 0);

  auto big = load({{"id", "c-poll"}, {"from", "q"}, {"to", "fn"}, {"role", "poll"}, {"params", {{"batch_size", 20000}}}});
  e = issue_at(big.errors, "connections[0].params.batch_size");
  REQUIRE(e);
  CHECK(e->message == "20000 is above the poll wire q → fn's maximum of 10000 messages");
  CHECK(e->message_ko == "20000은 폴링 연결 q → fn의 최댓값 10000개보다 큽니다.");

  auto unknown = load({{"from", "q"}, {"to", "fn"}, {"role", "poll"}, {"params", {{"timeout_ms", 100}}}});
  e = issue_at(unknown.errors, "connections[0].params.timeout_ms");
  REQUIRE(e);
  CHECK(e->message ==
        "The poll wire q → fn has no parameter \"timeout_ms\". Its parameters are batch_size and maximum_batching_window_s.");

  // A poll's parameter on a call wire is not a call's.
  auto on_call = load({{"from", "users"}, {"to", "q"}, {"params", {{"batch_size", 10}}}});
  e = issue_at(on_call.errors, "connections[0].params.batch_size");
  REQUIRE(e);
  CHECK(e->message.find("A connection has no parameter \"batch_size\"") == 0);

  // The role's rule across its parameters, at the parameter it names.
  auto window = load({{"from", "q"}, {"to", "fn"}, {"role", "poll"}, {"params", {{"batch_size", 100}}}});
  e = issue_at(window.errors, "connections[0].params.maximum_batching_window_s");
  REQUIRE(e);
  CHECK(e->message == "a batch of more than 10 needs a window of at least 1 s.");
  auto fine = load({{"from", "q"}, {"to", "fn"}, {"role", "poll"},
                    {"params", {{"batch_size", 100}, {"maximum_batching_window_s", 5}}}});
  CHECK(fine.ok());
}

TEST_CASE("roles: a poll wire's runtime connection goes from the consumer to its source, with its parameters") {
  RoleServices s;
  auto r = catalog::load_document(role_doc(json::array({
      {{"id", "c-poll"}, {"from", "q"}, {"to", "fn"}, {"role", "poll"},
       {"params", {{"batch_size", 25}, {"maximum_batching_window_s", 3}}}},
      {{"id", "c-ev"}, {"from", "b"}, {"to", "fn"}, {"role", "event"}},
      {{"id", "c-in"}, {"from", "users"}, {"to", "q"}, {"params", {{"timeout_ms", 500}}}},
  })));
  REQUIRE(r.ok());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  sim::Simulation& sim = *b.sim;
  const sim::NodeId q = b.node("q"), fn = b.node("fn"), bucket = b.node("b"), users = b.node("users");

  const sim::Connection& poll = sim.connection(b.connection("c-poll"));
  CHECK(poll.role == WireRole::Poll);
  CHECK(poll.from == fn);  // the consumer calls
  CHECK(poll.to == q);
  CHECK(poll.policy.sync);
  CHECK(poll.policy.max_retries == 0);
  CHECK(poll.role_params.number("batch_size") == 25);
  CHECK(poll.role_params.number("maximum_batching_window_s", -1) == 3);

  const sim::Connection& ev = sim.connection(b.connection("c-ev"));
  CHECK(ev.role == WireRole::Event);
  CHECK(ev.from == bucket);
  CHECK(ev.to == fn);
  CHECK_FALSE(ev.policy.sync);
  CHECK(ev.role_params.number("maximum_retry_attempts", -1) == 2);  // defaults filled in
  CHECK(ev.role_params.text("prefix", "none") == "");

  const sim::Connection& in = sim.connection(b.connection("c-in"));
  CHECK(in.role == WireRole::Call);
  CHECK(in.from == users);
  CHECK(in.policy.timeout == 500 * sim::kMillisecond);
  CHECK(in.role_params.text("mode") == "sync");

  sim.start();
  sim.run_until(b.duration);
  const auto& queue = dynamic_cast<const TestQueue&>(sim.model(q));
  const auto& consumer = dynamic_cast<const TestConsumer&>(sim.model(fn));
  CHECK(queue.receives == 9);  // sent at 1 s, 2 s, ... 10 s; the last is still on its way at 10 s
  CHECK(queue.last_batch == 25);
  CHECK(consumer.batches == 9);

  // The report shows the wire as drawn (source -> consumer) with its role.
  const json report = engine::report_json(b);
  bool seen = false;
  for (const json& c : report["connections"])
    if (c["id"] == "c-poll") {
      seen = true;
      CHECK(c["from"] == "q");
      CHECK(c["to"] == "fn");
      CHECK(c["role"] == "poll");
      CHECK(c["calls"] == 10);
    } else if (c["id"] == "c-in") {
      CHECK_FALSE(c.contains("role"));
    }
  CHECK(seen);
}

TEST_CASE("roles: a document and a share link made before roles build the same engine") {
  // tests/fixtures/before-roles/: examples/retry-storm.json as committed before roles (3597ce2),
  // a share link of it made then, and that build's `cloudplay run --json` report.
  const std::string text = test::read_source_file("tests/fixtures/before-roles/retry-storm.json");
  const std::string link = test::read_source_file("tests/fixtures/before-roles/retry-storm.share.txt");
  const std::string report_then = test::read_source_file("tests/fixtures/before-roles/retry-storm.report.json");
  REQUIRE_FALSE(text.empty());
  REQUIRE_FALSE(link.empty());
  REQUIRE_FALSE(report_then.empty());

  auto file = catalog::parse_document(text);
  for (const auto& e : file.errors) UNSCOPED_INFO(e.line(false));
  REQUIRE(file.ok());
  CHECK(file.warnings.empty());  // nothing to migrate: an absent role is a call
  for (const doc::ConnectionDoc& c : file.document.connections) CHECK(c.role == "call");

  std::string fragment = link;
  while (!fragment.empty() && (fragment.back() == '\n' || fragment.back() == '\r')) fragment.pop_back();
  auto shared = catalog::decode_share_fragment(fragment);
  INFO(shared.message_en);
  REQUIRE(shared.ok());
  CHECK(shared.document == file.document);
  // Saving writes what was read: a call carries no role, so the link is the same link.
  CHECK(doc::encode_share_fragment(shared.document, shared.run) == fragment);

  auto run = [](const doc::Document& d) {
    engine::Built b = engine::build(d);
    REQUIRE(b.ok());
    b.sim->run_until(b.duration);  // as `cloudplay run` does (no goals here)
    return engine::report_json(b).dump(2) + "\n";
  };
  const std::string from_file = run(file.document), from_link = run(shared.document);
  CHECK(from_file == report_then);
  CHECK(from_link == report_then);
}

TEST_CASE("roles: every service's declared roles are consistent, labelled in both languages, with valid defaults") {
  const auto& services = catalog::all_services();
  REQUIRE(services.size() > 5);
  size_t pairs = 0;
  for (const ServiceDescriptor* a : services) {
    INFO(a->type);
    const std::vector<WireRole> out = catalog::source_roles(*a), in = catalog::target_roles(*a);
    // makes_calls / accepts_incoming keep meaning "takes calls" at that end.
    CHECK(a->makes_calls == (std::find(out.begin(), out.end(), WireRole::Call) != out.end()));
    CHECK(a->accepts_incoming == (std::find(in.begin(), in.end(), WireRole::Call) != in.end()));
    CHECK(catalog::has_source_roles(*a) == !out.empty());
    CHECK(catalog::has_target_roles(*a) == !in.empty());
    for (const auto* roles : {&a->source_roles, &a->target_roles})
      for (const RoleSpec& r : *roles)
        for (const ParamSpec& p : r.params) {
          INFO(catalog::role_key(r.role) << "." << p.key);
          CHECK(*p.label.en);
          CHECK(*p.label.ko);
          CHECK(*p.help.en);
          CHECK(*p.help.ko);
          std::vector<doc::Issue> errs;
          catalog::check_param(p, p.default_value, p.key, a->type, errs);
          CHECK(errs.empty());
        }
    for (const ServiceDescriptor* b : services) {
      for (WireRole r : {WireRole::Call, WireRole::Poll, WireRole::Event}) {
        const std::vector<WireRole> roles = catalog::pair_roles(*a, *b);
        const bool takes = std::find(roles.begin(), roles.end(), r) != roles.end();
        INFO(a->type << " -> " << b->type << " as " << catalog::role_key(r));
        CHECK(takes == !catalog::role_refusal(*a, *b, r).has_value());
        if (!takes) continue;
        ++pairs;
        std::vector<std::string> k = keys(catalog::wire_params(a, b, r));
        std::sort(k.begin(), k.end());
        CHECK(std::adjacent_find(k.begin(), k.end()) == k.end());  // the two ends' shares do not collide
      }
    }
  }
  CHECK(pairs > 20);
  // Today every service takes calls only, with the connection params on the caller's end.
  const ServiceDescriptor* users = catalog::find_service("users");
  const ServiceDescriptor* ec2 = catalog::find_service("ec2");
  REQUIRE(users);
  REQUIRE(ec2);
  CHECK(catalog::pair_roles(*users, *ec2) == std::vector<WireRole>{WireRole::Call});
  CHECK(keys(catalog::wire_params(users, ec2, WireRole::Call)) == keys(catalog::connection_params()));
}

TEST_CASE("roles: a call written before roles, sync or async, stays a call with its mode") {
  auto r = catalog::load_document(json{
      {"version", 1},
      {"settings", {{"duration_s", 5}}},
      {"regions", json::array({{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
      {"nodes", json::array({{{"id", "users"}, {"type", "users"}, {"region", "us-east-1"}},
                             {{"id", "web"}, {"type", "compute"}, {"az", "use1-az1"}},
                             {{"id", "log"}, {"type", "compute"}, {"az", "use1-az1"}}})},
      {"connections", json::array({{{"from", "users"}, {"to", "web"}, {"params", {{"timeout_ms", 1000}}}},
                                   {{"from", "web"}, {"to", "log"}, {"params", {{"mode", "async"}}}}})}});
  for (const auto& e : r.errors) UNSCOPED_INFO(e.line(false));
  REQUIRE(r.ok());
  CHECK(r.warnings.empty());
  engine::Built b = engine::build(r.document);
  REQUIRE(b.ok());
  const sim::Connection& sync = b.sim->connection(sim::ConnId{0});
  const sim::Connection& async = b.sim->connection(sim::ConnId{1});
  CHECK(sync.role == WireRole::Call);
  CHECK(sync.policy.sync);
  CHECK(sync.policy.timeout == sim::kSecond);
  CHECK(async.role == WireRole::Call);
  CHECK_FALSE(async.policy.sync);
  CHECK(async.role_params.text("mode") == "async");
  CHECK(async.from == b.node("web"));
}
