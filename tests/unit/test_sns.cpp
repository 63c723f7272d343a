// Amazon SNS (core/services/sns.cpp): a standard topic fanning out to queues, functions
// and HTTP endpoints. Each test runs a document and checks what happened: every
// subscription gets a copy, filter policies pick messages by their attributes, an
// HTTP/S endpoint that stays down longer than its delivery policy loses messages
// (a short outage loses none), SQS and Lambda deliveries are never lost, and the
// balance published + fan-out copies = delivered + filtered + ... + held holds throughout.
#include <catch2/catch.hpp>

#include <string>

#include "core/catalog/catalog.h"
#include "core/catalog/validate.h"
#include "core/lint/lint.h"
#include "core/services/lambda.h"
#include "core/services/sns.h"
#include "core/services/sqs.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/run_document.h"
#include "tests/unit/source_files.h"

using namespace cp;
using nlohmann::json;

namespace {

json node(const std::string& id, const std::string& type, json params = json::object()) {
  json n{{"id", id}, {"type", type}, {"region", "us-east-1"}, {"params", std::move(params)}};
  if (type == "compute") n["az"] = "use1-az1";
  return n;
}
json wire(const std::string& from, const std::string& to, json params = json::object(), const char* role = nullptr) {
  json w{{"id", from + "-" + to}, {"from", from}, {"to", to}, {"params", std::move(params)}};
  if (role) w["role"] = role;
  return w;
}
json document(json nodes, json connections, double duration_s, json faults = json::array()) {
  return json{{"version", 1},
              {"name", "SNS test"},
              {"settings", {{"duration_s", duration_s}, {"seed", 7}}},
              {"regions", json::array({json{{"code", "us-east-1"}, {"azs", {"use1-az1"}}}})},
              {"nodes", std::move(nodes)},
              {"connections", std::move(connections)},
              {"faults", std::move(faults)}};
}
json users(double rate, json extra = json::object()) {
  json p = {{"pattern", "constant"}, {"rate_per_s", rate}};
  p.update(extra);
  return node("users", "users", std::move(p));
}

services::SnsBalance balance(const engine::Built& b, const char* n = "topic") {
  auto x = services::sns_balance(*b.sim, b.node(n));
  REQUIRE(x);
  return *x;
}
uint64_t queue_sent(const engine::Built& b, const char* q) {
  auto x = services::sqs_balance(*b.sim, b.node(q));
  REQUIRE(x);
  return x->sent;
}
double metric(const engine::Built& b, const char* n, const char* key) {
  return b.sim->metrics(b.node(n)).metric_value(key);
}

// Runs to the end, checking the topic's balance every 5 s.
engine::Built run_checking_balance(const json& j) {
  engine::Built b = cp::test::build_document(j);
  for (sim::SimTime t = 5 * sim::kSecond; t <= b.duration; t += 5 * sim::kSecond) {
    b.sim->run_until(t);
    const services::SnsBalance x = balance(b);
    INFO("at " << t / sim::kSecond << " s: " << x.terms().text(false));
    REQUIRE(x.balanced());
  }
  b.sim->run_until(b.duration);
  CHECK(b.sim->undeclared_metrics().empty());
  return b;
}

std::string load_errors(const json& j) {
  doc::LoadResult r = catalog::parse_document(j.dump());
  return r.ok() ? "" : cp::test::all_issues(r.errors);
}

}  // namespace

TEST_CASE("sns: a topic copies every message to each of its queues", "[sns]") {
  engine::Built b = run_checking_balance(
      document(json::array({users(20), node("topic", "sns"), node("q1", "sqs"), node("q2", "sqs"), node("q3", "sqs")}),
               json::array({wire("users", "topic"), wire("topic", "q1"), wire("topic", "q2"), wire("topic", "q3")}), 60));
  const services::SnsBalance x = balance(b);
  INFO(x.terms().text(false));
  CHECK(x.published == Approx(1200).epsilon(0.02));
  CHECK(x.fanout_copies == 2 * x.published);
  CHECK(x.delivered + x.delivering == 3 * x.published);
  for (const char* q : {"q1", "q2", "q3"}) CHECK(queue_sent(b, q) == Approx(x.published).margin(2));
  CHECK(x.dropped == 0);
  CHECK(metric(b, "topic", "delivered") == static_cast<double>(x.delivered));
  // The report shows the topic's balance like a queue's.
  const std::string text = x.terms().text(true);
  CHECK(text.find("팬아웃 사본") != std::string::npos);
}

TEST_CASE("sns: filter policies pick each subscription's messages by their attributes", "[sns]") {
  const json orders = {{"filter_policy", R"({"type": ["order"]})"}};
  const json others = {{"filter_policy", R"({"type": [{"anything-but": ["order"]}]})"}};
  const json web = {{"filter_policy", R"({"store": [{"prefix": "web"}]})"}};
  engine::Built b = run_checking_balance(document(
      json::array({users(50, {{"attributes", "type:order&store:web-eu=70, type:refund=30"}}), node("topic", "sns"),
                   node("orders", "sqs"), node("others", "sqs"), node("web", "sqs"), node("all", "sqs")}),
      json::array({wire("users", "topic"), wire("topic", "orders", orders), wire("topic", "others", others),
                   wire("topic", "web", web), wire("topic", "all")}),
      60));
  const services::SnsBalance x = balance(b);
  INFO(x.terms().text(false));
  const double n = static_cast<double>(x.published);
  CHECK(queue_sent(b, "orders") == Approx(0.7 * n).epsilon(0.06));
  CHECK(queue_sent(b, "others") == Approx(0.3 * n).epsilon(0.12));
  CHECK(queue_sent(b, "orders") + queue_sent(b, "others") == Approx(n).margin(3));
  CHECK(queue_sent(b, "web") == Approx(queue_sent(b, "orders")).margin(3));  // only orders come from the web store
  CHECK(queue_sent(b, "all") == Approx(n).margin(3));
  CHECK(x.filtered == Approx(n * (0.3 + 0.7 + 0.3)).epsilon(0.05));  // orders, others, web each skip their share
  CHECK(metric(b, "topic", "filtered") == static_cast<double>(x.filtered));
}

TEST_CASE("sns: the filter policy syntax and matching", "[sns]") {
  using services::sns_filter_matches;
  CHECK(sns_filter_matches("", R"({"type":"order"})"));
  CHECK(sns_filter_matches(R"({"type":["order","refund"]})", R"({"type":"refund"})"));
  CHECK_FALSE(sns_filter_matches(R"({"type":["order"]})", R"({"kind":"order"})"));
  CHECK(sns_filter_matches(R"({"type":["order"],"store":["web"]})", R"({"type":"order","store":"web"})"));
  CHECK_FALSE(sns_filter_matches(R"({"type":["order"],"store":["web"]})", R"({"type":"order","store":"shop"})"));
  CHECK(sns_filter_matches(R"({"coupon":[{"exists":false}]})", R"({"type":"order"})"));
  CHECK_FALSE(sns_filter_matches(R"({"coupon":[{"exists":true}]})", R"({"type":"order"})"));
  CHECK_FALSE(sns_filter_matches(R"({"type":[{"anything-but":"order"}]})", R"({"type":"order"})"));
  CHECK(services::sns_filter_error(R"({"type": "order"})"));  // values must be a list
  CHECK(services::sns_filter_error(R"({"type": [{"numeric": [">", 5]}]})"));
  CHECK(services::sns_filter_error("not json"));
  // In a document: the wire's path and the reason, in both languages.
  const std::string e = load_errors(document(json::array({users(1), node("topic", "sns"), node("q", "sqs")}),
                                             json::array({wire("users", "topic"),
                                                          wire("topic", "q", {{"filter_policy", R"({"type": "x"})"}})}),
                                             10));
  CHECK(e.find("filter_policy") != std::string::npos);
  CHECK(e.find("non-empty list") != std::string::npos);
  // Users' attribute mix has its own syntax check.
  auto attributes_error = [&](const char* mix) {
    return load_errors(document(json::array({users(1, {{"attributes", mix}}), node("topic", "sns")}),
                                json::array({wire("users", "topic")}), 10));
  };
  CHECK(attributes_error("type order=5").find("NAME:VALUE") != std::string::npos);
  CHECK(attributes_error("type=order").find("\"type:order=30\"") != std::string::npos);  // '=' is the weight
  CHECK(attributes_error("type:order=5, type:refund").empty());
}

TEST_CASE("sns: an HTTP endpoint down longer than the delivery policy loses messages; a short outage loses none", "[sns]") {
  auto doc_with_outage = [](double from_s, double until_s) {
    return document(json::array({users(5), node("topic", "sns"), node("hook", "compute", {{"workers", 4}})}),
                    json::array({wire("users", "topic"), wire("topic", "hook")}), 350,
                    json::array({json{{"at_s", from_s}, {"action", "kill_node"}, {"target", "hook"}, {"until_s", until_s}}}));
  };
  // An attempt at a dead endpoint fails after the 10 s connect timeout, so the default policy
  // (3 retries, 20 s apart) keeps trying for 100 s: down 30 s, every message arrives.
  engine::Built brief = run_checking_balance(doc_with_outage(50, 80));
  CHECK(balance(brief).dropped == 0);
  CHECK(metric(brief, "topic", "delivery_failures") > 100);
  CHECK(balance(brief).delivered + balance(brief).held() == balance(brief).published);
  // Down 200 s: a message published before 160 s makes its last attempt (90 s after the
  // first) while the endpoint is still down, and is discarded: 110 s of messages.
  engine::Built long_one = run_checking_balance(doc_with_outage(50, 250));
  const services::SnsBalance x = balance(long_one);
  INFO(x.terms().text(false));
  CHECK(x.dropped == Approx(5 * 110).epsilon(0.05));
  CHECK(metric(long_one, "topic", "dropped") == static_cast<double>(x.dropped));
  size_t logged = 0;
  for (const auto& e : long_one.sim->event_log())
    if (std::string(e.reason) == "delivery_policy_exhausted") {
      ++logged;
      CHECK(e.text_ko.find("재시도") != std::string::npos);
    }
  CHECK(logged == 1);
  // A longer policy (10 retries, 15 s apart: 260 s with the connect timeouts) rides it out.
  json patient = doc_with_outage(50, 250);
  patient["connections"][1]["params"] = {{"num_retries", 10}, {"retry_delay_s", 15}};
  CHECK(balance(run_checking_balance(patient)).dropped == 0);
  // AWS caps a policy at 3,600 s.
  json too_long = doc_with_outage(50, 250);
  too_long["connections"][1]["params"] = {{"num_retries", 100}, {"retry_delay_s", 60}};
  CHECK(load_errors(too_long).find("3,600 s") != std::string::npos);
}

TEST_CASE("sns: deliveries to a queue that is down are retried until it is back; Lambda is invoked asynchronously", "[sns]") {
  engine::Built b = run_checking_balance(document(
      json::array({users(10), node("topic", "sns"), node("q", "sqs"), node("f", "lambda")}),
      json::array({wire("users", "topic"), wire("topic", "q"), wire("topic", "f", json::object(), "event")}), 300,
      json::array({json{{"at_s", 30}, {"action", "kill_node"}, {"target", "q"}, {"until_s", 150}}})));
  const services::SnsBalance x = balance(b);
  INFO(x.terms().text(false));
  CHECK(x.dropped == 0);
  CHECK(queue_sent(b, "q") == Approx(x.published).margin(15));  // all arrive, the last few still retrying
  auto f = services::lambda_stats(b.sim->model(b.node("f")));
  REQUIRE(f);
  CHECK(f->async_accepted == x.published);
}

TEST_CASE("sns: a message over 256 KiB is refused at publish; a topic without subscriptions is flagged", "[sns]") {
  engine::Built b = run_checking_balance(
      document(json::array({users(5, {{"request_bytes", 300000}}), node("topic", "sns"), node("q", "sqs")}),
               json::array({wire("users", "topic", {{"retries", 0}}), wire("topic", "q")}), 20));
  CHECK(balance(b).refused == balance(b).published);
  CHECK(queue_sent(b, "q") == 0);
  CHECK(b.sim->metrics(b.node("users")).outcomes[static_cast<int>(sim::Outcome::Rejected)] == balance(b).published);

  doc::LoadResult r = catalog::parse_document(
      document(json::array({users(5), node("topic", "sns")}), json::array({wire("users", "topic")}), 20).dump());
  REQUIRE(r.ok());
  bool found = false;
  for (const auto& f : lint::lint(r.document))
    if (f.rule == "sns-no-subscriptions") found = f.text_ko.find("구독이 없습니다") != std::string::npos;
  CHECK(found);
}

TEST_CASE("example sns-fanout-to-queues: filtered copies, queues that lose nothing, a webhook that loses a minute", "[sns][examples]") {
  engine::Built b = cp::test::example_run("sns-fanout-to-queues.json");
  const sim::LogEntry* first_drop = nullptr;
  for (sim::SimTime t = 10 * sim::kSecond; t <= b.duration; t += 10 * sim::kSecond) {
    b.sim->run_until(t);
    REQUIRE(balance(b, "orders").balanced());
  }
  for (const auto& e : b.sim->event_log())
    if (std::string(e.reason) == "delivery_policy_exhausted" && !first_drop) first_drop = &e;
  const services::SnsBalance x = balance(b, "orders");
  INFO(x.terms().text(false));
  const double n = static_cast<double>(x.published);
  CHECK(n == Approx(4 * 360).epsilon(0.05));
  CHECK(queue_sent(b, "billing") == x.published);                          // everything
  CHECK(queue_sent(b, "shipping") == Approx(0.85 * n).epsilon(0.05));      // orders, no refunds
  auto notify = services::lambda_stats(b.sim->model(b.node("notify")));
  REQUIRE(notify);
  CHECK(notify->async_accepted == x.published);
  // The webhook (web orders and refunds, 75%) is down 120-270 s: what was published in
  // 120-180 s ran out of its 3 retries (the story's numbers).
  CHECK(x.dropped == Approx(60 * 4 * 0.75).epsilon(0.15));
  REQUIRE(first_drop);
  CHECK(sim::to_seconds(first_drop->time) == Approx(220).margin(3));
  CHECK(x.held() < 10);
}
