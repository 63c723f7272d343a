// Side-by-side runs (core/engine/compare.h) and a lesson step's "compare"
// (core/lesson/lesson.h): variants run with the same seed and traffic, their series
// side by side; the format's mistakes say where, in both languages; links keep the
// comparison; `lesson check` runs every variant and proves the lesson's claim.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/catalog/validate.h"
#include "core/lesson/check.h"
#include "core/lesson/lesson.h"
#include "core/lesson/lesson_link.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/one_server_doc.h"
#include "tests/unit/source_files.h"

using nlohmann::json;
using namespace cp;

namespace {

json server_doc(int workers) { return cp::test::steady_server_doc(workers); }

doc::Document load_doc(const json& j) {
  doc::LoadResult r = catalog::load_document(j);
  INFO(test::all_issues(r.errors));
  REQUIRE(r.ok());
  return r.document;
}

json compare_lesson() {
  json l = json::parse(R"({
    "id": "more-workers", "topic": "compute-storage",
    "title": {"en": "More workers", "ko": "작업자 늘리기"},
    "steps": [
      {"en": "The server is 80% busy.", "ko": "서버가 80% 바쁩니다."},
      {"en": "Compare one worker with two.", "ko": "작업자 1개와 2개를 비교해 보세요.",
       "compare": {"en": "Watch p99.", "ko": "p99를 살펴보세요.",
                   "variants": [{"en": "One worker", "ko": "작업자 1개"},
                                {"en": "Two workers", "ko": "작업자 2개", "params": {"web": {"workers": 2}}},
                                {"en": "Four workers", "ko": "작업자 4개", "design": "solution"}],
                   "plots": [{"metric": "p99_ms", "node": "users"}, {"metric": "cost_per_month"}],
                   "claim": {"metric": "p99_ms", "node": "users", "highest": 0}}}
    ],
    "palette": ["compute"],
    "fact": {"source": "EC2 / States", "en": "A fact.", "ko": "사실입니다."},
    "goals": [{"metric": "p99_ms", "node": "users", "below": 120, "from": 20,
               "en": "Users get answers fast", "ko": "사용자가 빠르게 응답을 받습니다"}],
    "hidden": {"seed": 9, "fault": {"at_s": 60, "action": "add_latency", "target": "c1", "value": 5}}
  })");
  l["start"] = server_doc(1);
  l["solution"] = server_doc(4);
  return l;
}

lesson::Lesson load_ok(const json& j) {
  lesson::LoadResult r = lesson::load_lesson(j, "more-workers");
  INFO(test::all_issues(r.errors));
  REQUIRE(r.ok());
  return r.lesson;
}

// The errors of a lesson with one change to its comparison.
std::vector<doc::Issue> errors_with(const std::function<void(json&)>& change) {
  json l = compare_lesson();
  change(l["steps"][1]["compare"]);
  lesson::LoadResult r = lesson::load_lesson(l, "more-workers");
  return r.errors;
}

bool has_error(const std::vector<doc::Issue>& errors, const std::string& path, const std::string& words) {
  for (const auto& e : errors)
    if (e.path == path && e.message.find(words) != std::string::npos && test::has_hangul(e.message_ko)) return true;
  return false;
}

}  // namespace

TEST_CASE("compare: variants run with the same seed; the same design twice gives the same series, a change another") {
  const doc::Document one = load_doc(server_doc(1)), four = load_doc(server_doc(4));
  const std::vector<engine::SeriesSpec> metrics = {{"p99_ms", "users"}, {"error_rate", "users"}, {"cost_per_month", ""}};
  const engine::Comparison same = engine::run_side_by_side({one, one}, metrics);
  REQUIRE(same.all_built());
  REQUIRE(same.runs.size() == 2);
  CHECK(same.seed == 3);
  REQUIRE(same.runs[0].t_s.size() >= 100);  // a point per second of 120 s
  CHECK(same.runs[0].series == same.runs[1].series);
  CHECK(same.runs[0].t_s == same.runs[1].t_s);

  const engine::Comparison c = engine::run_side_by_side({one, four}, metrics);
  REQUIRE(c.all_built());
  for (const auto& run : c.runs) {
    REQUIRE(run.series.size() == metrics.size());
    for (const auto& s : run.series) CHECK(s.size() == run.t_s.size());
    for (const auto& t : run.totals) CHECK(t.has_value);
  }
  // One worker queues: its p99 over the run is far above four workers'; neither fails a request.
  CHECK(c.runs[0].totals[0].value > 2 * c.runs[1].totals[0].value);
  CHECK(c.runs[0].totals[1].value == 0);
  CHECK(c.runs[1].totals[1].value == 0);
  CHECK(c.runs[0].series[0] != c.runs[1].series[0]);
  // A variant's total is what a goal on the metric measures (one way to run a design).
  doc::Document g = one;
  doc::GoalDoc p99;
  p99.metric = "p99_ms", p99.node = "users";
  g.goals = {p99};
  const lesson::RunResult r = lesson::run_document(g);
  REQUIRE(r.goals.size() == 1);
  CHECK(r.goals[0].value == Approx(c.runs[0].totals[0].value));
  CHECK(r.cost_per_month == Approx(c.runs[0].cost_per_month));
}

TEST_CASE("compare: default series, labels in both languages, and what differs") {
  const doc::Document one = load_doc(server_doc(1)), four = load_doc(server_doc(4));
  const auto series = engine::default_series({one, four});
  REQUIRE(series.size() == 3);
  CHECK(series[0] == engine::SeriesSpec{"p99_ms", "users"});
  CHECK(series[1] == engine::SeriesSpec{"error_rate", "users"});
  CHECK(series[2] == engine::SeriesSpec{"cost_per_month", ""});
  CHECK(engine::series_label(one, series[0], false) == "p99 latency · users");
  CHECK(test::has_hangul(engine::series_label(one, series[0], true)));
  CHECK(engine::series_unit(one, series[0], true) == "밀리초");

  const std::string en = engine::differences_text({one, four}, false), ko = engine::differences_text({one, four}, true);
  INFO(en);
  INFO(ko);
  CHECK(en.find("web: Workers 1 → 4") != std::string::npos);
  CHECK(en.find("Same traffic, seed and faults") == 0);
  CHECK(test::has_hangul(ko));
  CHECK(test::korean_problems(test::unquoted(ko), false).empty());
  CHECK(engine::differences({one, one}, false).empty());

  std::string why_en, why_ko;
  CHECK_FALSE(engine::series_plottable(one, {"events", ""}, &why_en, &why_ko));
  CHECK(why_en.find("per-second") != std::string::npos);
  CHECK(test::has_hangul(why_ko));
  CHECK_FALSE(engine::series_plottable(one, {"duplicates", "web"}));
  CHECK_FALSE(engine::series_plottable(one, {"p99_ms", "nobody"}));
}

TEST_CASE("lesson compare: a step's variants load on the start or the solution, with param changes") {
  const lesson::Lesson l = load_ok(compare_lesson());
  REQUIRE(l.steps.size() == 2);
  CHECK_FALSE(l.steps[0].compare);
  REQUIRE(l.steps[1].compare);
  const lesson::Compare& c = *l.steps[1].compare;
  REQUIRE(c.variants.size() == 3);
  CHECK(c.variants[0].label.en == "One worker");
  CHECK(c.variants[0].document.find_node("web")->params["workers"] == 1);
  CHECK(c.variants[1].document.find_node("web")->params["workers"] == 2);
  CHECK(c.variants[2].design == "solution");
  CHECK(c.variants[2].document.find_node("web")->params["workers"] == 4);
  CHECK(c.variants[1].document.goals == l.goals);  // the lesson's goals travel with every variant
  CHECK(c.series().size() == 2);
  REQUIRE(c.claim);
  CHECK(c.claim->highest == 0);
}

TEST_CASE("lesson compare: each mistake gives its JSON path and a sentence in both languages") {
  const std::string v = "steps[1].compare.variants";
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["params"] = {{"wbe", {{"workers", 2}}}}; }), v + "[1].params.wbe",
                  "there is no node \"wbe\""));
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["params"] = {{"users", {{"rate_per_s", 90}}}}; }), v + "[1].params.users",
                  "may not change the users"));
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["params"]["web"]["workers"] = -3; }), v + "[1].params.web.workers", ""));
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["params"]["web"]["wrokers"] = 2; }), v + "[1].params.web.wrokers", ""));
  CHECK(has_error(errors_with([](json& c) { c["variants"][2]["design"] = "best"; }), v + "[2].design", "\"start\", \"solution\""));
  CHECK(has_error(errors_with([](json& c) { c["variants"].push_back(c["variants"][1]); }), v, "2 to 3 variants"));
  CHECK(has_error(errors_with([](json& c) { c["variants"].erase(1); c["variants"].erase(1); }), v, "2 to 3 variants"));
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["params"]["web"]["workers"] = 1; }), v + "[1]", "the same design"));
  CHECK(has_error(errors_with([](json& c) { c["variants"][1]["labl"] = "x"; }), v + "[1].labl", "has no field"));
  CHECK(has_error(errors_with([](json& c) { c["plots"] = {{{"metric", "events"}}}; }), "steps[1].compare.plots[0]", "per-second"));
  CHECK(has_error(errors_with([](json& c) { c["claim"]["highest"] = 3; }), "steps[1].compare.claim.highest", "0 to 2"));
  // A whole alternative design may not change the lesson's script (its seed, here).
  CHECK(has_error(errors_with([](json& c) {
          json d = server_doc(2);
          d["settings"]["seed"] = 4;
          c["variants"][1] = {{"en", "Two"}, {"ko", "둘"}, {"design", d}};
        }),
                  v + "[1].settings", "same seed"));
  // ... but may be any design with the same script.
  json l = compare_lesson();
  l["steps"][1]["compare"]["variants"][1] = {{"en", "Two"}, {"ko", "둘"}, {"design", server_doc(2)}};
  const lesson::Lesson ok = load_ok(l);
  CHECK(ok.steps[1].compare->variants[1].design.empty());
  CHECK(ok.steps[1].compare->variants[1].document.find_node("web")->params["workers"] == 2);
}

TEST_CASE("lesson compare: to_json and links keep the comparison") {
  json l = compare_lesson();
  l["steps"][1]["compare"]["variants"][1] = {{"en", "Two"}, {"ko", "둘"}, {"design", server_doc(2)}, {"params", {{"web", {{"workers", 3}}}}}};
  const lesson::Lesson a = load_ok(l);
  const json file = lesson::to_json(a);
  const lesson::Lesson b = load_ok(file);
  CHECK(lesson::to_json(b) == file);
  REQUIRE(b.steps[1].compare);
  CHECK(b.steps[1].compare->variants[1].document.find_node("web")->params["workers"] == 3);
  CHECK(b.steps[1].compare->claim->metric == engine::SeriesSpec{"p99_ms", "users"});
  lesson::LoadResult back = lesson::decode_lesson_fragment(lesson::encode_lesson_fragment(a));
  INFO(test::all_issues(back.errors));
  REQUIRE(back.ok());
  CHECK(lesson::to_json(back.lesson) == file);
}

TEST_CASE("lesson check: every variant runs, and the lesson's claim must hold") {
  const lesson::Lesson l = load_ok(compare_lesson());
  const lesson::CheckResult c = lesson::check_lesson(l, nullptr);
  REQUIRE(c.compares.size() == 1);
  CHECK(c.compares[0].ran);
  CHECK(c.compares[0].result.runs.size() == 3);
  CHECK(c.compares[0].claim_checked);
  CHECK(c.compares[0].claim_holds);
  REQUIRE(c.compares[0].claim_values.size() == 3);
  CHECK(c.compares[0].claim_values[0] > c.compares[0].claim_values[2]);
  CHECK(c.passed());
  const std::string report = lesson::check_report(c, l, false);
  CHECK(report.find("step 2 compare (One worker | Two workers | Four workers): 3 variants run") != std::string::npos);
  CHECK(report.find("claim holds") != std::string::npos);
  CHECK(test::has_hangul(lesson::check_report(c, l, true)));

  // The claim the other way round is refused by the engine.
  json wrong = compare_lesson();
  wrong["steps"][1]["compare"]["claim"]["highest"] = 2;
  const lesson::Lesson w = load_ok(wrong);
  const lesson::CheckResult cw = lesson::check_lesson(w, nullptr);
  CHECK_FALSE(cw.compares[0].claim_holds);
  CHECK_FALSE(cw.passed());
  CHECK(lesson::check_report(cw, w, false).find("claim FAILS") != std::string::npos);

  // A variant's label without Korean is a missing text.
  json half = compare_lesson();
  half["steps"][1]["compare"]["variants"][1].erase("ko");
  const auto missing = lesson::missing_translations(load_ok(half));
  CHECK(std::find(missing.begin(), missing.end(), "steps[1].compare.variants[1].ko") != missing.end());
}

TEST_CASE("lesson compare: the shipped side-by-side steps load, and their claims hold") {
  for (const char* id : {"sqs-visibility-timeout", "rds-multi-az-vs-read-replica", "alb-vs-nlb-latency"}) {
    INFO(id);
    lesson::LoadResult r = lesson::parse_lesson(test::read_source_file(std::string("lessons/") + id + ".json"), id);
    INFO(test::all_issues(r.errors));
    REQUIRE(r.ok());
    size_t compares = 0;
    for (const auto& s : r.lesson.steps) compares += s.compare.has_value();
    CHECK(compares >= 1);
    const lesson::CheckResult c = lesson::check_lesson(r.lesson, nullptr);
    for (const auto& cc : c.compares) {
      CHECK(cc.ran);
      CHECK(cc.claim_checked);
      CHECK(cc.claim_holds);
    }
  }
}
