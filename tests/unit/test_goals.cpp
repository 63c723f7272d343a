// Goals over a run: they load and round-trip, every mistake names its path in both
// languages, measuring them does not change the run, a window's percentile is the
// window's own (exact to the histogram, not a maximum of per-second p99s), and
// counts over windows add up.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/goals.h"
#include "core/engine/report.h"
#include "core/sim/histogram.h"
#include "core/sim/simulation.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/one_server_doc.h"

using cp::test::all_issues;
using cp::test::has_hangul;
using cp::test::one_server_doc;
using nlohmann::json;
using namespace cp;

namespace {

doc::Document load(const json& j) {
  doc::LoadResult r = catalog::load_document(j);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  return r.document;
}

struct Measured {
  std::vector<engine::GoalResult> results;
  uint64_t trace = 0;
  engine::Built built;
};

Measured run(const doc::Document& d) {
  Measured m;
  m.built = engine::build(d);
  REQUIRE(m.built.ok());
  engine::GoalTracker t(d, m.built);
  t.run_until(*m.built.sim, m.built.duration);
  m.results = t.results(*m.built.sim);
  m.trace = m.built.sim->trace_hash();
  return m;
}

}  // namespace

TEST_CASE("goals: they load, round-trip, and times may be written as m:ss") {
  json j = one_server_doc();
  j["goals"] = json::parse(R"([
    {"metric": "p99_ms", "node": "web", "below": 200, "from": "1:00", "to": "5:00", "en": "Fast", "ko": "빠릅니다"},
    {"metric": "error_rate", "node": "users", "at_most": 1, "during": 0},
    {"metric": "cost_per_month", "at_most": 50},
    {"metric": "events", "event": "node_down", "at_least": 1, "from": 90}
  ])");
  doc::Document d = load(j);
  REQUIRE(d.goals.size() == 4);
  CHECK(d.goals[0].from_s == 60);
  CHECK(*d.goals[0].to_s == 300);
  CHECK(d.goals[0].ko == "빠릅니다");
  CHECK(d.goals[1].during == size_t{0});
  CHECK(d.goals[2].op == doc::GoalOp::AtMost);
  CHECK(d.goals[3].event == "node_down");
  const std::string text = doc::to_json_text(d);
  doc::LoadResult again = catalog::parse_document(text);
  INFO(all_issues(again.errors));
  REQUIRE(again.ok());
  CHECK(again.document == d);
  CHECK(text.find("\"from\": \"1:00\"") != std::string::npos);
  // A document without goals saves as before.
  CHECK(doc::to_json_text(load(one_server_doc())).find("goals") == std::string::npos);
}

TEST_CASE("goals: each mistake names its path and says what is wrong, in both languages") {
  struct Case {
    const char* goal;
    const char* path;
    const char* part;
  };
  const Case cases[] = {
      {R"({"metric": "p99_ms", "node": "wbe", "below": 200})", "goals[0].node", "Did you mean \"web\""},
      {R"({"metric": "p99", "node": "web", "below": 200})", "goals[0].metric", "Did you mean \"p99_ms\""},
      {R"({"node": "web", "below": 200})", "goals[0]", "needs \"metric\""},
      {R"({"metric": "p99_ms", "below": 200})", "goals[0]", "measured on one node"},
      {R"({"metric": "p99_ms", "node": "web"})", "goals[0]", "needs one comparison"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "above": 10})", "goals[0]", "this one has 2"},
      {R"({"metric": "p99_ms", "node": "web", "below": "fast"})", "goals[0].below", "expected a number"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "from": "5:00", "to": "2:00"})", "goals[0]", "ends (2:00) before it begins (5:00)"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "to": "20:00"})", "goals[0].to", "outside the run (0:00 to 10:00"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "from": "5 minutes"})", "goals[0].from", "minutes:seconds"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "during": 3})", "goals[0].during", "0 to 0"},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "during": 0, "from": 10})", "goals[0]", "not both"},
      {R"({"metric": "events", "event": "instance_dead", "at_most": 0})", "goals[0].event", "Did you mean \"instance_died\""},
      {R"({"metric": "cost_per_month", "below": 10, "treshold": 3})", "goals[0].treshold", "no field \"treshold\""},
      {R"({"metric": "p99_ms", "node": "web", "below": 200, "en": 5})", "goals[0].en", "expected text"},
  };
  for (const Case& c : cases) {
    json j = one_server_doc();
    j["goals"] = json::array({json::parse(c.goal)});
    doc::LoadResult r = catalog::load_document(j);
    INFO(c.goal << "\n" << all_issues(r.errors));
    CHECK_FALSE(r.ok());
    bool found = false;
    for (const auto& e : r.errors)
      if (e.path == c.path && e.message.find(c.part) != std::string::npos) {
        found = true;
        CHECK(has_hangul(e.message_ko));
      }
    CHECK(found);
  }
  json j = one_server_doc();
  j["goals"] = "fast";
  CHECK_FALSE(catalog::load_document(j).ok());
}

TEST_CASE("goals: measuring them stops the run at their windows without changing it") {
  doc::Document plain = load(one_server_doc());
  engine::Built b = engine::build(plain);
  REQUIRE(b.ok());
  b.sim->run_until(b.duration);
  json j = one_server_doc();
  j["goals"] = json::parse(R"([
    {"metric": "p99_ms", "node": "web", "below": 200, "from": 37.25, "to": 123.5},
    {"metric": "served", "node": "web", "at_least": 1, "during": 0}
  ])");
  Measured m = run(load(j));
  CHECK(m.trace == b.sim->trace_hash());
  CHECK(engine::report_json(m.built)["trace_hash"] == engine::report_json(b)["trace_hash"]);
}

TEST_CASE("goals: a window's p99 is its own requests' p99, and counts over windows add up") {
  json j = one_server_doc();
  j["goals"] = json::parse(R"([
    {"metric": "p99_ms", "node": "web", "below": 1e9},
    {"metric": "served", "node": "web", "at_least": 0},
    {"metric": "served", "node": "web", "at_least": 0, "to": "3:00"},
    {"metric": "served", "node": "web", "at_least": 0, "from": "3:00"},
    {"metric": "p99_ms", "node": "web", "below": 1e9, "from": "1:00", "to": "3:00"},
    {"metric": "p99_ms", "node": "web", "below": 1e9, "from": "5:00", "to": "6:40"},
    {"metric": "errors", "node": "users", "at_least": 1, "during": 0},
    {"metric": "errors", "node": "users", "at_most": 0, "to": "7:30"},
    {"metric": "events", "event": "node_down", "at_most": 0, "to": "7:30"}
  ])");
  Measured m = run(load(j));
  const auto& r = m.results;
  REQUIRE(r.size() == 9);
  for (const auto& x : r) {
    INFO(x.en);
    CHECK(x.finished());
    CHECK(x.has_value);
    CHECK(has_hangul(x.ko));
  }
  // The whole run's window is exactly the node's own latency histogram.
  const sim::NodeMetrics& web = m.built.sim->metrics(m.built.node("web"));
  CHECK(r[0].value == Approx(web.latency.percentile(99) / 1000.0).epsilon(1e-12));
  CHECK(r[1].value == static_cast<double>(web.completions));
  CHECK(r[2].value + r[3].value == r[1].value);
  // Load rises: the later window is slower than the earlier one.
  CHECK(r[5].value > r[4].value);
  // The series' p99 per second, for the same 1:00-3:00 window: a window's p99 is not
  // their maximum (which overstates it) but lies within their range.
  float max_p99 = 0, min_p99 = 1e30f;
  for (const auto& p : web.series)
    if (p.t_s > 60 && p.t_s <= 180 && p.completions_per_s > 0) max_p99 = std::max(max_p99, p.p99_ms), min_p99 = std::min(min_p99, p.p99_ms);
  CHECK(r[4].value < max_p99);
  CHECK(r[4].value > min_p99);
  // The server is down 400-460 s (fault 0): users see errors during it, and a window
  // up to 7:30 holds those errors and the node_down event.
  CHECK(r[6].passed());
  CHECK_FALSE(r[7].passed());
  CHECK_FALSE(r[8].passed());
  CHECK(r[6].en.find("passed") != std::string::npos);
  CHECK(r[7].en.find("failed") != std::string::npos);
  CHECK(r[7].ko.find("실패") != std::string::npos);
}

TEST_CASE("goals: a window with nothing to measure fails and says why; a cut run fails windows it never reached") {
  json j = one_server_doc();
  j["goals"] = json::parse(R"([
    {"metric": "p99_ms", "node": "web", "below": 100, "during": 0},
    {"metric": "p99_ms", "node": "web", "below": 100, "from": "9:00"}
  ])");
  doc::Document d = load(j);
  Measured m = run(d);
  // web is killed during fault 0: it serves nothing then.
  CHECK(m.results[0].state == engine::GoalResult::State::Failed);
  CHECK_FALSE(m.results[0].has_value);
  CHECK(m.results[0].en.find("no request was served in the window") != std::string::npos);
  d.settings.duration_s = 300;  // as `cloudplay run --seconds 300`
  Measured cut = run(d);
  CHECK(cut.results[1].state == engine::GoalResult::State::Failed);
  CHECK(cut.results[1].en.find("the run ended before the window began") != std::string::npos);
}
