// Structured events: log entries carry typed fields (reason, instance, the node or AZ they
// are about, numbers) beside their text, and can be queried — by `cloudplay run --events`,
// by goals ("events" with a reason) and in the --json report. The reason keys in the
// sources and the list that queries check against are the same set.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "core/catalog/validate.h"
#include "core/engine/build.h"
#include "core/engine/event_query.h"
#include "core/engine/goals.h"
#include "core/engine/report.h"
#include "core/sim/event_filter.h"
#include "core/sim/simulation.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/source_files.h"

using namespace cp;
using cp::test::all_issues;
using cp::test::has_hangul;
using nlohmann::json;

namespace {

// three-tier-web: an ASG behind an ALB; AZ use1-az1 fails at 300 s, so instances die and
// the group launches others in the AZ that is left.
engine::Built run_three_tier() {
  engine::Built b = cp::test::example_run("three-tier-web.json");
  b.sim->run_until(b.duration);
  return b;
}

}  // namespace

TEST_CASE("events: every reason the sources log is in the list queries check, and no other") {
  std::set<std::string> in_sources;
  const std::regex because(R"(because\(([^()]*)\))");
  const std::regex passed(R"re((?:kill|set_desired)\(sim, [^"]*?"([a-z_]+)")re");
  const std::regex literal(R"re("([a-z_]+)")re");
  for (const char* dir : {"core/services", "core/sim"}) {
    for (const auto& f : std::filesystem::directory_iterator(std::string(CLOUDPLAY_SOURCE_DIR) + "/" + dir)) {
      if (f.path().extension() != ".cpp") continue;
      const std::string text = cp::test::read_source_file(std::string(dir) + "/" + f.path().filename().string());
      for (std::sregex_iterator it(text.begin(), text.end(), because), end; it != end; ++it) {
        const std::string args = (*it)[1];
        for (std::sregex_iterator l(args.begin(), args.end(), literal); l != end; ++l) in_sources.insert((*l)[1]);
      }
      for (std::sregex_iterator it(text.begin(), text.end(), passed), end; it != end; ++it) in_sources.insert((*it)[1]);
    }
  }
  const auto& known = sim::known_event_reasons();
  REQUIRE(in_sources.size() > 40);
  for (const std::string& r : in_sources) {
    INFO("logged in the sources: " << r);
    CHECK(std::binary_search(known.begin(), known.end(), r));
  }
  for (const std::string& r : known) {
    INFO("in known_event_reasons: " << r);
    CHECK(in_sources.count(r) == 1);
  }
  CHECK(std::is_sorted(known.begin(), known.end()));
}

TEST_CASE("events: an AZ failure's entries say which AZ, which instance and why") {
  engine::Built b = run_three_tier();
  const sim::Simulation& s = *b.sim;
  const auto& log = s.event_log();
  const uint32_t web = b.node("web").v, alb = b.node("alb").v;

  sim::EventFilter az_down;
  az_down.kind = sim::LogKind::AzDown;
  const auto down = sim::query_events(log, az_down);
  REQUIRE(down.size() == 1);
  CHECK(log[down[0]].reason == std::string("fault"));
  REQUIRE(log[down[0]].az < s.topology().azs().size());
  CHECK(s.topology().azs()[log[down[0]].az].id == "use1-az1");
  CHECK(log[down[0]].time == sim::from_seconds(300));

  // The group's instances in that AZ die because of it, each named by its id.
  sim::EventFilter died;
  died.node = web;
  died.kind = sim::LogKind::InstanceDied;
  died.reason = "az_down";
  const auto deaths = sim::query_events(log, died);
  REQUIRE_FALSE(deaths.empty());
  std::set<uint64_t> ids;
  for (size_t i : deaths) {
    const sim::LogEntry& e = log[i];
    CHECK(e.instance > 0);
    CHECK(e.az == log[down[0]].az);
    CHECK(e.time == sim::from_seconds(300));
    CHECK(e.text_en.find("i-" + std::to_string(e.instance)) != std::string::npos);
    ids.insert(e.instance);
  }
  CHECK(ids.size() == deaths.size());

  // Querying one instance finds its whole story: launched, in service, died.
  sim::EventFilter one;
  one.instance = *ids.begin();
  one.node = web;
  bool launched = false, died_there = false;
  for (size_t i : sim::query_events(log, one)) {
    launched = launched || log[i].reason == std::string("in_service") || log[i].reason == std::string("launching");
    died_there = died_there || log[i].kind == sim::LogKind::InstanceDied;
  }
  CHECK(died_there);
  (void)launched;  // instances in service before the run have no launch entry

  // Replacements launch in the other AZ; the ALB checks each and says which target (node + instance).
  sim::EventFilter replaced;
  replaced.node = web;
  replaced.reason = "in_service";
  replaced.from = sim::from_seconds(300);
  const auto back = sim::query_events(log, replaced);
  REQUIRE_FALSE(back.empty());
  for (size_t i : back) CHECK(log[i].az != log[down[0]].az);
  sim::EventFilter hc;
  hc.node = alb;
  hc.reason = "health_check";
  hc.other = web;
  hc.instance = log[back[0]].instance;
  const auto checked = sim::query_events(log, hc);
  REQUIRE(checked.size() >= 1);
  const sim::LogField* healthy = log[checked[0]].find_field("healthy");
  REQUIRE(healthy);
  CHECK(healthy->value == 1);

  // The scale-out that followed has its numbers.
  sim::EventFilter out;
  out.kind = sim::LogKind::ScaleOut;
  for (size_t i : sim::query_events(log, out)) {
    const sim::LogField* from = log[i].find_field("from");
    const sim::LogField* to = log[i].find_field("to");
    REQUIRE(from);
    REQUIRE(to);
    CHECK(to->value > from->value);
    CHECK(*log[i].reason);
  }
}

TEST_CASE("events: the --json report carries the typed fields in both languages") {
  engine::Built b = run_three_tier();
  const json r = engine::report_json(b);
  size_t with_instance = 0, with_az = 0;
  for (const json& e : r["event_log"]) {
    CHECK(e.contains("text"));
    REQUIRE(e.contains("text_ko"));
    CHECK(has_hangul(e["text_ko"].get<std::string>()));
    if (e.contains("instance")) {
      ++with_instance;
      CHECK(e["instance"].get<std::string>().rfind("i-", 0) == 0);
    }
    if (e.contains("az")) ++with_az;
    if (e["kind"] == "az_down") {
      CHECK(e["az"] == "use1-az1");
      CHECK(e["reason"] == "fault");
      CHECK(e["region"] == "us-east-1");
    }
    if (e["kind"] == "health_changed" && e["node"] == "alb") {
      CHECK(e["about"] == "web");
      CHECK(e["fields"].contains("healthy"));
    }
  }
  CHECK(with_instance > 3);
  CHECK(with_az > 3);
}

TEST_CASE("events: a query is read as a person writes it, and a wrong word is named with what would be right") {
  engine::Built b = run_three_tier();
  auto q = engine::parse_event_query("kind=instance_died  node=web reason=az_down from=4:00 to=600", b);
  REQUIRE(q.ok());
  CHECK(q.filter.kind == sim::LogKind::InstanceDied);
  CHECK(q.filter.node == b.node("web").v);
  CHECK(q.filter.from == sim::from_seconds(240));
  CHECK(q.filter.to == sim::from_seconds(600));
  CHECK_FALSE(sim::query_events(b.sim->event_log(), q.filter).empty());
  CHECK(engine::parse_event_query("instance=i-3 az=use1-az2", b).filter.instance == 3u);
  CHECK(engine::parse_event_query("", b).ok());

  struct Case { const char* text; const char* en_part; };
  for (const Case& c : {Case{"kind=instance_dead", "Did you mean \"instance_died\""},
                        Case{"node=wbe", "Did you mean \"web\""},
                        Case{"reason=helth_check", "Did you mean \"health_check\""},
                        Case{"colour=red", "is not a query key"},
                        Case{"kind", "is not key=value"},
                        Case{"instance=i-x", "expected a number"},
                        Case{"az=use1-az9", "is not in this design"},
                        Case{"from=5:00 to=1:00", "is before from"},
                        Case{"from=5:75", "minutes:seconds"}}) {
    INFO(c.text);
    const auto bad = engine::parse_event_query(c.text, b);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error_en.find(c.en_part) != std::string::npos);
    CHECK(has_hangul(bad.error_ko));
  }
}

TEST_CASE("events: a goal counts events of one reason, and a reason nobody logs is an error at its path") {
  json d = json::parse(cp::test::read_source_file("examples/three-tier-web.json"));
  d["goals"] = json::array({
      {{"metric", "events"}, {"node", "web"}, {"event", "instance_died"}, {"reason", "az_down"}, {"at_most", 0}},
      {{"metric", "events"}, {"node", "web"}, {"event", "instance_died"}, {"reason", "health_check"}, {"at_most", 0}},
  });
  auto parsed = catalog::parse_document(d.dump());
  INFO(all_issues(parsed.errors));
  REQUIRE(parsed.ok());
  engine::Built b = engine::build(parsed.document);
  REQUIRE(b.ok());
  engine::GoalTracker goals(parsed.document, b);
  goals.run_until(*b.sim, b.duration);
  const auto results = goals.results(*b.sim);
  REQUIRE(results.size() == 2);
  sim::EventFilter f;
  f.node = b.node("web").v;
  f.kind = sim::LogKind::InstanceDied;
  f.reason = "az_down";
  const size_t deaths = sim::query_events(b.sim->event_log(), f).size();
  REQUIRE(deaths > 0);
  CHECK_FALSE(results[0].passed());
  CHECK(results[0].value == Approx(static_cast<double>(deaths)));
  CHECK(results[0].en.find("reason az_down") != std::string::npos);
  CHECK(results[1].passed());  // none died of failed health checks

  d["goals"] = json::array({{{"metric", "events"}, {"reason", "helth_check"}, {"at_most", 0}},
                            {{"metric", "p99_ms"}, {"node", "web"}, {"reason", "health_check"}, {"below", 100}}});
  auto bad = catalog::parse_document(d.dump());
  REQUIRE(bad.errors.size() == 2);
  CHECK(bad.errors[0].path == "goals[0].reason");
  CHECK(bad.errors[0].message.find("Did you mean \"health_check\"") != std::string::npos);
  CHECK(bad.errors[1].path == "goals[1].reason");
  CHECK(bad.errors[1].message.find("goes with the metric \"events\"") != std::string::npos);
  for (const auto& e : bad.errors) CHECK(has_hangul(e.message_ko));
  // The reason round-trips.
  CHECK(doc::goal_to_json(parsed.document.goals[0])["reason"] == "az_down");
}
