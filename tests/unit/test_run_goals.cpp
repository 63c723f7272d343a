// The app's run (ui/run_controller.h) measures a document's goals as the CLI does
// (`cloudplay run --goals`, GoalTracker::run_until): in budgeted frames, across
// checkpoints, and after scrubbing back and playing again.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/catalog/validate.h"
#include "core/doc/document.h"
#include "core/engine/build.h"
#include "core/engine/goals.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/one_server_doc.h"
#include "ui/run_controller.h"

using cp::test::all_issues;
using nlohmann::json;
using namespace cp;

namespace {

// The goal tests' one server (one_server_doc.h); goals over windows that start and
// end between frames, one during the fault, one over the whole run.
doc::Document goals_doc() {
  json j = cp::test::one_server_doc();
  j["goals"] = json::parse(R"([
      {"metric": "p99_ms", "node": "web", "below": 80, "from": 60.5, "to": 200.25,
       "en": "Web answers fast at low load", "ko": "부하가 낮을 때 웹 서버가 빠르게 응답합니다"},
      {"metric": "error_rate", "node": "users", "below": 1, "during": 0},
      {"metric": "requests", "node": "web", "at_least": 1000, "from": 450.125, "to": 599.5},
      {"metric": "events", "at_most": 100}
  ])");
  doc::LoadResult r = catalog::load_document(j);
  INFO(all_issues(r.errors));
  REQUIRE(r.ok());
  return r.document;
}

std::vector<std::string> texts(const std::vector<engine::GoalResult>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.en + " | " + r.ko);
  return out;
}

std::vector<std::string> cli_results(const doc::Document& d) {
  engine::Built b = engine::build(d, d.settings.seed);
  REQUIRE(b.ok());
  b.sim->start();
  engine::GoalTracker g(d, b);
  g.run_until(*b.sim, b.duration);
  return texts(g.results(*b.sim));
}

// Plays at a speed whose frames end at odd moments (not on a window's edge).
void play_to_end(ui::RunController& run) {
  run.set_speed(37);
  run.play();
  for (int frame = 0; frame < 100000 && !run.finished(); ++frame) run.update(0.2);
  REQUIRE(run.finished());
}

}  // namespace

TEST_CASE("App run: goals measured in frames match the CLI's, also after scrubbing back", "[goals][run]") {
  const doc::Document d = goals_doc();
  const std::vector<std::string> expected = cli_results(d);
  REQUIRE(expected.size() == 4);

  ui::RunController run;
  run.budget().ms = 1e9;  // frames end by simulated time only: the test does not depend on the machine's speed
  run.follow(d, 1);
  REQUIRE(run.ready());
  REQUIRE(run.has_goals());
  run.set_checkpoint_every(1000);

  // Before the run: every goal waits for its window (the whole-run one is measuring from 0 s).
  std::vector<engine::GoalResult> at0 = run.goal_results();
  REQUIRE(at0.size() == 4);
  CHECK(at0[0].state == engine::GoalResult::State::Waiting);
  CHECK(at0[3].state == engine::GoalResult::State::Measuring);

  play_to_end(run);
  CHECK(texts(run.goal_results()) == expected);
  // Not a vacuous match: the fault window is measured (requests were refused while web was down).
  const std::vector<engine::GoalResult> done = run.goal_results();
  CHECK(done[0].state == engine::GoalResult::State::Passed);
  CHECK(done[1].state == engine::GoalResult::State::Failed);
  CHECK(done[1].value > 1);
  CHECK(done[2].has_value);

  // Back into the middle of a window (rewound from a checkpoint, not rebuilt), then on to the end.
  run.seek(sim::from_seconds(130));
  while (run.seeking()) run.update(0.2);
  CHECK(run.last_rewind_from() > 0);
  const std::vector<engine::GoalResult> mid = run.goal_results();
  CHECK(mid[0].state == engine::GoalResult::State::Measuring);
  CHECK(mid[1].state == engine::GoalResult::State::Waiting);
  play_to_end(run);
  CHECK(texts(run.goal_results()) == expected);

  // A rebuild (reset) starts the goals over.
  run.reset();
  CHECK(run.goal_results()[0].state == engine::GoalResult::State::Waiting);
}

TEST_CASE("App run: a document without goals has none to show", "[goals][run]") {
  doc::Document d = goals_doc();
  d.goals.clear();
  ui::RunController run;
  run.follow(d, 1);
  REQUIRE(run.ready());
  CHECK_FALSE(run.has_goals());
  CHECK(run.goal_results().empty());
}
