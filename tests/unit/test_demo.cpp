// A document's scripted demo (core/doc/demo.h): it loads and round-trips, every mistake
// gets its JSON path and a sentence in both languages, reveals and faults work out per
// step, presenter links parse, and the shipped demo's steps show what their notes say
// (the run replayed to each step's moment with the demo's scripted fault).
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/catalog/validate.h"
#include "core/doc/demo.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/source_files.h"

using cp::test::all_issues;
using cp::test::has_hangul;
using nlohmann::json;
using namespace cp;

namespace {

json small_doc() {
  return json::parse(R"({
    "version": 1, "name": "Two servers",
    "settings": {"duration_s": 600, "seed": 1},
    "regions": [{"code": "us-east-1", "azs": ["use1-az1", "use1-az2"]}],
    "nodes": [
      {"id": "users", "type": "users", "region": "us-east-1", "params": {"rate_per_s": 8}},
      {"id": "web", "type": "compute", "region": "us-east-1", "az": "use1-az1"},
      {"id": "db", "type": "compute", "region": "us-east-1", "az": "use1-az2"}
    ],
    "connections": [{"id": "c1", "from": "users", "to": "web"}, {"id": "c2", "from": "web", "to": "db"}]
  })");
}

json with_demo(json j) {
  j["demo"] = json::parse(R"({"steps": [
    {"title": {"en": "Users and a server", "ko": "사용자와 서버"},
     "notes": {"en": "Say this first.", "ko": "먼저 이렇게 말합니다."},
     "at_s": 0, "frame": {"nodes": ["users", "web"]}},
    {"title": {"en": "The database", "ko": "데이터베이스"}, "at_s": "1:00", "reveal": ["db"],
     "frame": {"rect": [0, 0, 640, 360.5]}},
    {"title": {"en": "The server fails", "ko": "서버 장애"}, "at_s": 300,
     "fault": {"action": "kill_node", "target": "web", "until_s": 420}, "speed": 4},
    {"title": {"en": "Latency, from before", "ko": "앞서 생긴 지연"}, "at_s": 330,
     "fault": {"at_s": "5:10", "action": "add_latency", "target": "c2", "value": 50}}
  ]})");
  return j;
}

bool has_error(const doc::LoadResult& r, const std::string& path, const std::string& part) {
  for (const auto& e : r.errors)
    if (e.path == path && e.message.find(part) != std::string::npos && has_hangul(e.message_ko)) return true;
  return false;
}

}  // namespace

TEST_CASE("demo: steps load with their texts, frames, reveals, faults and speeds, and round-trip") {
  doc::LoadResult r = catalog::load_document(with_demo(small_doc()));
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  const doc::Demo& demo = r.document.demo;
  REQUIRE(demo.steps.size() == 4);
  CHECK(demo.steps[0].title.get(true) == "사용자와 서버");
  CHECK(demo.steps[0].notes.get(false) == "Say this first.");
  CHECK(demo.steps[0].frame_nodes == std::vector<std::string>{"users", "web"});
  CHECK(demo.steps[1].at_s == 60);  // "1:00"
  REQUIRE(demo.steps[1].frame_rect.has_value());
  CHECK(demo.steps[1].frame_rect->h == 360.5);
  REQUIRE(demo.steps[2].fault.has_value());
  CHECK(demo.steps[2].fault->at_s == 300);  // the step's moment, as it gives none
  CHECK(demo.steps[2].fault->until_s == 420);
  CHECK(demo.steps[2].speed == 4);
  CHECK_FALSE(demo.steps[3].speed.has_value());
  CHECK(demo.steps[3].fault->at_s == 310);
  // Scripted faults are the demo's, not the document's schedule.
  CHECK(r.document.faults.empty());

  const std::string text = doc::to_json_text(r.document);
  doc::LoadResult again = catalog::parse_document(text);
  INFO(all_issues(again.errors));
  REQUIRE(again.ok());
  CHECK(again.document == r.document);
  CHECK(doc::to_json_text(again.document) == text);
  // A document without a demo writes none.
  CHECK(doc::to_json_text(catalog::load_document(small_doc()).document).find("demo") == std::string::npos);
}

TEST_CASE("demo: a node revealed at a step is hidden before it; the faults of all steps, by time") {
  doc::LoadResult r = catalog::load_document(with_demo(small_doc()));
  REQUIRE(r.ok());
  const doc::Demo& demo = r.document.demo;
  CHECK(demo.hidden_at(0) == std::vector<std::string>{"db"});
  CHECK(demo.hidden_at(1).empty());
  CHECK(demo.hidden_at(3).empty());
  const std::vector<doc::FaultDoc> f = demo.faults();
  REQUIRE(f.size() == 2);
  CHECK(f[0].action == "kill_node");
  CHECK(f[1].action == "add_latency");
  CHECK(f[1].value == 50);
}

TEST_CASE("demo: each mistake gives its JSON path and a sentence, in both languages") {
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    std::string path, message;
  };
  const std::vector<Case> cases = {
      {"demo not an object", [](json& j) { j["demo"] = json::array(); }, "demo", "expected an object"},
      {"no steps", [](json& j) { j["demo"].erase("steps"); }, "demo", "needs \"steps\""},
      {"empty steps", [](json& j) { j["demo"]["steps"] = json::array(); }, "demo.steps", "at least one step"},
      {"unknown demo field", [](json& j) { j["demo"]["stpes"] = 1; }, "demo.stpes", "Did you mean \"steps\"?"},
      {"too many steps", [](json& j) {
         json s = json::array();
         for (int i = 0; i < 51; ++i) s.push_back(j["demo"]["steps"][0]);
         j["demo"]["steps"] = s;
       }, "demo.steps", "at most 50"},
      {"step not an object", [](json& j) { j["demo"]["steps"][1] = 5; }, "demo.steps[1]", "expected a step"},
      {"unknown step field", [](json& j) { j["demo"]["steps"][1]["revael"] = json::array({"db"}); },
       "demo.steps[1].revael", "Did you mean \"reveal\"?"},
      {"no title", [](json& j) { j["demo"]["steps"][0].erase("title"); }, "demo.steps[0]", "needs \"title\""},
      {"title in one language", [](json& j) { j["demo"]["steps"][0]["title"].erase("ko"); }, "demo.steps[0].title",
       "needs \"ko\""},
      {"title as text", [](json& j) { j["demo"]["steps"][0]["title"] = "Users"; }, "demo.steps[0].title",
       "both languages"},
      {"empty notes", [](json& j) { j["demo"]["steps"][0]["notes"]["en"] = ""; }, "demo.steps[0].notes.en", "not empty"},
      {"notes too long", [](json& j) { j["demo"]["steps"][0]["notes"]["ko"] = std::string(2001, 'x'); },
       "demo.steps[0].notes.ko", "the most is 2000"},
      {"no time", [](json& j) { j["demo"]["steps"][1].erase("at_s"); }, "demo.steps[1]", "needs \"at_s\""},
      {"time past the run", [](json& j) { j["demo"]["steps"][3]["at_s"] = 700; }, "demo.steps[3].at_s", "outside the run"},
      {"time not a moment", [](json& j) { j["demo"]["steps"][1]["at_s"] = "soon"; }, "demo.steps[1].at_s",
       "expected a moment"},
      {"steps out of order", [](json& j) { j["demo"]["steps"][2]["at_s"] = 30; }, "demo.steps[2].at_s", "time order"},
      {"frame of an unknown node", [](json& j) { j["demo"]["steps"][0]["frame"]["nodes"][1] = "wbe"; },
       "demo.steps[0].frame.nodes[1]", "Did you mean \"web\"?"},
      {"frame with both", [](json& j) { j["demo"]["steps"][0]["frame"]["rect"] = json::array({0, 0, 1, 1}); },
       "demo.steps[0].frame", "one of the two"},
      {"frame rect of three", [](json& j) { j["demo"]["steps"][1]["frame"]["rect"] = json::array({0, 0, 1}); },
       "demo.steps[1].frame.rect", "four numbers"},
      {"frame rect empty", [](json& j) { j["demo"]["steps"][1]["frame"]["rect"][2] = 0; }, "demo.steps[1].frame.rect",
       "more than 0"},
      {"reveal not a list", [](json& j) { j["demo"]["steps"][1]["reveal"] = "db"; }, "demo.steps[1].reveal",
       "list of node ids"},
      {"reveal of an unknown node", [](json& j) { j["demo"]["steps"][1]["reveal"][0] = "dbb"; },
       "demo.steps[1].reveal[0]", "no node with id \"dbb\""},
      {"speed too high", [](json& j) { j["demo"]["steps"][2]["speed"] = 5000; }, "demo.steps[2].speed", "1000"},
      {"speed as text", [](json& j) { j["demo"]["steps"][2]["speed"] = "fast"; }, "demo.steps[2].speed",
       "expected a speed"},
      {"fault not an object", [](json& j) { j["demo"]["steps"][2]["fault"] = "kill"; }, "demo.steps[2].fault",
       "expected a fault"},
      // The document's fault checks, at the step's path.
      {"fault action unknown", [](json& j) { j["demo"]["steps"][2]["fault"]["action"] = "kill_nod"; },
       "demo.steps[2].fault.action", "Did you mean \"kill_node\"?"},
      {"fault target unknown", [](json& j) { j["demo"]["steps"][2]["fault"]["target"] = "nobody"; },
       "demo.steps[2].fault.target", "nobody"},
      {"fault ends first", [](json& j) { j["demo"]["steps"][2]["fault"]["until_s"] = 100; },
       "demo.steps[2].fault.until_s", "before it begins"},
      {"fault before the step above", [](json& j) { j["demo"]["steps"][3]["fault"]["at_s"] = 200; },
       "demo.steps[3].fault.at_s", "before the step above"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    json j = with_demo(small_doc());
    c.mutate(j);
    doc::LoadResult r = catalog::load_document(j);
    INFO(all_issues(r.errors));
    CHECK_FALSE(r.ok());
    CHECK(has_error(r, c.path, c.message));
  }
}

TEST_CASE("demo: presenter links keep the share link or example apart from the presenter parts") {
  doc::PresentLink l = doc::parse_present_link("v1.AbC-_9&present=1&step=3");
  CHECK(l.rest == "v1.AbC-_9");
  CHECK(l.present);
  CHECK_FALSE(l.audience);
  CHECK(l.step == 3);
  CHECK(l.example.empty());

  l = doc::parse_present_link("example=aurora-survives-az-outage.json&present=1&step=2&audience=1");
  CHECK(l.example == "aurora-survives-az-outage.json");
  CHECK(l.rest == "example=aurora-survives-az-outage.json");
  CHECK(l.present);
  CHECK(l.audience);
  CHECK(l.step == 2);

  l = doc::parse_present_link("v1.xyz");
  CHECK(l.rest == "v1.xyz");
  CHECK_FALSE(l.present);
  CHECK(l.step == 1);
  CHECK(doc::parse_present_link("v1.x&step=zero&present=1").step == 1);
  CHECK(doc::parse_present_link("v1.x&step=0").step == 1);
  CHECK(doc::parse_present_link("example=../secret.json&present=1").example.empty());
  CHECK(doc::present_link_params(4, true) == "present=1&step=4&audience=1");
  CHECK(doc::parse_present_link("v1.x&" + doc::present_link_params(4, false)).step == 4);
}

TEST_CASE("demo: the Aurora example's demo steps show what their notes say") {
  doc::Document d = test::example_document("aurora-survives-az-outage.json");
  const doc::Demo& demo = d.demo;
  REQUIRE(demo.steps.size() >= 5);
  REQUIRE(demo.steps.size() <= 6);
  for (const doc::DemoStep& s : demo.steps) {
    INFO(s.title.en);
    CHECK(has_hangul(s.title.ko));
    CHECK(has_hangul(s.notes.ko));
    CHECK_FALSE(s.notes.en.empty());
  }
  // The run as presenter mode replays it: the document with the demo's scripted faults.
  doc::Document run = d;
  for (const doc::FaultDoc& f : demo.faults()) run.faults.push_back(f);
  engine::Built b = engine::build(run);
  REQUIRE(b.ok());
  const sim::NodeId users = b.node("users");
  auto errors_between = [&](double from_s, double to_s) {
    b.sim->advance(sim::from_seconds(from_s));
    const uint64_t e0 = b.sim->metrics(users).failed_latency.count();
    b.sim->advance(sim::from_seconds(to_s));
    return b.sim->metrics(users).failed_latency.count() - e0;
  };
  const uint64_t steady = errors_between(30, 100);      // steps 1-2: all is well
  const uint64_t read_only = errors_between(310, 355);  // step 5: writes fail (20% of the calls)
  const uint64_t below_read = errors_between(400, 445); // step 6: reads fail too
  INFO("errors: steady " << steady << ", read-only " << read_only << ", below the read quorum " << below_read);
  CHECK(steady * 10 < read_only);
  CHECK(below_read > read_only * 3);  // 200 calls/s: 20% writes fail, then almost all
}
