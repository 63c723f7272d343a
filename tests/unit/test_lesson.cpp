// Lessons (core/lesson): the format's error messages say what is wrong and where, in
// both languages; the checker reports a start that passes its goals, a solution that
// fails them (also only in the hidden run) and a missing Korean text; every shipped
// lesson loads, and its Korean reads as an instructor's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/lesson/check.h"
#include "core/lesson/lesson.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/korean_text.h"
#include "tests/unit/one_server_doc.h"
#include "tests/unit/source_files.h"

using nlohmann::json;
using namespace cp;

namespace {

// The hidden run adds 5 ms on the users' wire.
json server_doc(int workers) { return cp::test::steady_server_doc(workers); }

json small_lesson() {
  json l = json::parse(R"({
    "id": "more-workers", "topic": "compute-storage",
    "title": {"en": "More workers", "ko": "작업자 늘리기"},
    "steps": [
      {"en": "The server is 80% busy.", "ko": "서버가 80% 바쁩니다."},
      {"en": "Predict.", "ko": "예측해 보세요.",
       "predict": {"en": "What happens to p99?", "ko": "p99는 어떻게 될까요?", "answer": 0,
                   "choices": [{"en": "It drops", "ko": "줄어듭니다"},
                               {"en": "It stays", "ko": "그대로입니다",
                                "why": {"en": "Queueing falls with load.", "ko": "부하가 줄면 대기도 줄어듭니다."}}]}}
    ],
    "palette": ["compute"],
    "hints": [{"en": "Add workers.", "ko": "작업자를 늘려 보세요."}],
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

}  // namespace

TEST_CASE("lesson: a lesson loads with its steps, question, hints, fact, goals and hidden run") {
  const lesson::Lesson l = load_ok(small_lesson());
  CHECK(l.id == "more-workers");
  CHECK(l.title.ko == "작업자 늘리기");
  REQUIRE(l.steps.size() == 2);
  REQUIRE(l.steps[1].predict);
  CHECK(l.steps[1].predict->answer == 0);
  CHECK(l.steps[1].predict->choices[1].why.ko == "부하가 줄면 대기도 줄어듭니다.");
  CHECK(l.hints.size() == 1);
  CHECK(l.fact.source == "EC2 / States");
  REQUIRE(l.goals.size() == 1);
  CHECK(l.start.goals == l.goals);
  CHECK(l.solution.goals == l.goals);
  CHECK(l.hidden.seed == 9);
  CHECK(l.hidden_run.settings.seed == 9);
  REQUIRE(l.hidden_run.faults.size() == 1);
  CHECK(l.hidden_run.faults[0].action == "add_latency");
  CHECK_FALSE(l.hidden.fault_derived);
}

TEST_CASE("lesson: without a hidden run, the seed is the next one and the fault an AZ from half the run") {
  json j = small_lesson();
  j.erase("hidden");
  const lesson::Lesson l = load_ok(j);
  CHECK(l.hidden.seed == 4);
  CHECK(l.hidden.fault_derived);
  CHECK(l.hidden.fault.action == "az_down");
  CHECK(l.hidden.fault.target == "use1-az1");
  CHECK(l.hidden.fault.at_s == 60);
}

TEST_CASE("lesson: each mistake in a lesson file gives its path and a sentence, in both languages") {
  struct Case {
    const char* what;
    std::function<void(json&)> change;
    const char* path;
    const char* says;
  };
  const std::vector<Case> cases = {
      {"not an object", [](json& j) { j = json::array(); }, "", "a lesson is a JSON object"},
      {"unknown field", [](json& j) { j["titel"] = j["title"]; }, "titel", "Did you mean \"title\"?"},
      {"no id", [](json& j) { j.erase("id"); }, "id", "a lesson needs \"id\""},
      {"id not the file's", [](json& j) { j["id"] = "fewer-workers"; }, "id", "is not the file's name \"more-workers\""},
      {"id with capitals", [](json& j) { j["id"] = "More"; }, "id", "lower-case letters, digits and '-'"},
      {"unknown topic", [](json& j) { j["topic"] = "load-balanceing"; }, "topic", "Did you mean \"load-balancing\"?"},
      {"title as a string", [](json& j) { j["title"] = "More workers"; }, "title", "expected a title as {\"en\""},
      {"title without text", [](json& j) { j["title"] = json::object(); }, "title", "needs its English (\"en\") and Korean (\"ko\")"},
      {"no steps", [](json& j) { j["steps"] = json::array(); }, "steps", "expected a list of 1 to 30 steps"},
      {"step text a number", [](json& j) { j["steps"][0]["ko"] = 5; }, "steps[0].ko", "expected text, got 5"},
      {"answer out of range", [](json& j) { j["steps"][1]["predict"]["answer"] = 2; }, "steps[1].predict.answer",
       "the index of the right choice, 0 to 1"},
      {"one choice", [](json& j) { j["steps"][1]["predict"]["choices"].erase(1); }, "steps[1].predict.choices",
       "a list of 2 to 6 choices"},
      {"wrong choice without why", [](json& j) { j["steps"][1]["predict"]["choices"][1].erase("why"); },
       "steps[1].predict.choices[1].why", "a wrong choice needs \"why\""},
      {"unknown palette type", [](json& j) { j["palette"] = {"computer"}; }, "palette[0]", "there is no service type \"computer\""},
      {"fact without a source", [](json& j) { j["fact"].erase("source"); }, "fact.source", "a fact needs its source"},
      {"fact source not Section / Row", [](json& j) { j["fact"]["source"] = "EC2"; }, "fact.source", "a source is \"Section / Row\""},
      {"no goals", [](json& j) { j["goals"] = json::array(); }, "goals", "at least one goal"},
      {"goal on a missing node", [](json& j) { j["goals"][0]["node"] = "api"; }, "goals[0].node", "api"},
      {"goals in the start", [](json& j) { j["start"]["goals"] = json::array(); }, "start.goals", "goals belong to the lesson"},
      {"a bad start param", [](json& j) { j["start"]["nodes"][1]["params"]["workers"] = -1; }, "start.nodes[1].params.workers", "-1"},
      {"a bad solution node", [](json& j) { j["solution"]["nodes"][1]["type"] = "computer"; }, "solution.nodes[1].type", "computer"},
      {"solution with other faults", [](json& j) {
         j["solution"]["faults"] = json::parse(R"([{"at_s": 10, "action": "kill_node", "target": "web"}])");
       }, "solution.faults", "the solution must have the start's faults"},
      {"solution with other traffic", [](json& j) { j["solution"]["nodes"][0]["params"]["rate_per_s"] = 10; }, "solution.nodes",
       "the solution must keep the users \"users\""},
      {"solution runs longer", [](json& j) { j["solution"]["settings"]["duration_s"] = 600; }, "solution.settings", "as long"},
      {"solution outside the palette", [](json& j) {
         j["palette"] = json::array();
         j["solution"]["nodes"].push_back(json::parse(R"({"id": "q", "type": "sqs", "region": "us-east-1"})"));
       }, "solution.nodes[2]", "neither in the start nor in the palette"},
      {"hidden fault on a missing wire", [](json& j) { j["hidden"]["fault"]["target"] = "c9"; }, "hidden.fault.target", "c9"},
      {"hidden fault on a wire only the solution has", [](json& j) {
         j["solution"]["nodes"].push_back(json::parse(R"({"id": "web-2", "type": "compute", "region": "us-east-1", "az": "use1-az1"})"));
         j["solution"]["connections"].push_back(json::parse(R"({"id": "c2", "from": "users", "to": "web-2"})"));
         j["hidden"]["fault"]["target"] = "c2";
       }, "hidden.fault.target", "the hidden fault's target \"c2\" is not in the start"},
      {"hidden seed the document's", [](json& j) { j["hidden"]["seed"] = 3; }, "hidden.seed", "other than the document's"},
      {"unknown hidden field", [](json& j) { j["hidden"]["faults"] = 1; }, "hidden.faults", "Did you mean \"fault\"?"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    json j = small_lesson();
    c.change(j);
    lesson::LoadResult r = lesson::load_lesson(j, "more-workers");
    INFO(test::all_issues(r.errors));
    REQUIRE_FALSE(r.ok());
    bool found = false;
    for (const auto& e : r.errors) {
      if (e.path != c.path || e.message.find(c.says) == std::string::npos) continue;
      found = true;
      CHECK(test::has_hangul(e.message_ko));
    }
    CHECK(found);
  }
}

TEST_CASE("lesson: the hidden run of a learner's design adds the hidden seed and fault, or says why it cannot") {
  const lesson::Lesson l = load_ok(small_lesson());
  doc::LoadResult h = lesson::hidden_run_of(l, l.start);
  INFO(test::all_issues(h.errors));
  REQUIRE(h.ok());
  CHECK(h.document.settings.seed == 9);
  REQUIRE(h.document.faults.size() == 1);
  CHECK(h.document.faults[0] == l.hidden.fault);
  CHECK(h.document.nodes == l.start.nodes);
  // A design that dropped the wire the fault slows cannot be run with it.
  doc::Document rewired = l.start;
  rewired.connections[0].id = "c-new";
  doc::LoadResult bad = lesson::hidden_run_of(l, rewired);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.errors[0].path == "hidden.fault");
  CHECK(test::has_hangul(bad.errors[0].message_ko));
}

TEST_CASE("lesson: a file that is not JSON is refused with a message") {
  lesson::LoadResult r = lesson::parse_lesson("{\"id\": ", "x");
  REQUIRE_FALSE(r.ok());
  CHECK_FALSE(r.errors[0].message.empty());
  CHECK(test::has_hangul(r.errors[0].message_ko));
}

TEST_CASE("lesson check: a good lesson passes: the start fails, the solution passes, also in the hidden run") {
  const lesson::Lesson l = load_ok(small_lesson());
  const lesson::Facts facts = lesson::parse_facts("## EC2\n|fact|value|\n|-|-|\n|States|pending>running|\n");
  const lesson::CheckResult c = lesson::check_lesson(l, &facts);
  const std::string report = lesson::check_report(c, l, false);
  INFO(report);
  CHECK(c.start_fails());
  CHECK(c.solution.all_passed());
  CHECK(c.hidden.all_passed());
  CHECK(c.missing_texts.empty());
  CHECK(c.fact_problem_en.empty());
  CHECK(c.passed());
  // The start's p99 is far above 120 ms, the solution's well below it.
  REQUIRE(c.start.goals.size() == 1);
  CHECK(c.start.goals[0].value > 150);
  CHECK(c.solution.goals[0].value < 100);
  CHECK(c.par_services == 1);
  CHECK(c.par_cost_per_month >= 0);
  CHECK(report.find("par   solution: $") != std::string::npos);
  CHECK(report.find("  passed") != std::string::npos);
  CHECK(test::has_hangul(lesson::check_report(c, l, true)));
}

TEST_CASE("lesson check: a start that passes its goals is reported") {
  json j = small_lesson();
  j["start"] = server_doc(4);
  const lesson::Lesson l = load_ok(j);
  const lesson::CheckResult c = lesson::check_lesson(l, nullptr);
  CHECK_FALSE(c.start_fails());
  CHECK_FALSE(c.passed());
  const std::string report = lesson::check_report(c, l, false);
  CHECK(report.find("  FAIL  start: 1 of 1 goals passed; the start passes every goal, so there is nothing to learn") != std::string::npos);
  CHECK(report.find("FAILED") != std::string::npos);
}

TEST_CASE("lesson check: a solution that fails a goal is reported with the goal's measurement") {
  json j = small_lesson();
  j["solution"] = server_doc(1);
  const lesson::Lesson l = load_ok(j);
  const lesson::CheckResult c = lesson::check_lesson(l, nullptr);
  CHECK_FALSE(c.solution.all_passed());
  CHECK_FALSE(c.passed());
  const std::string report = lesson::check_report(c, l, false);
  INFO(report);
  CHECK(report.find("  FAIL  solution: 0 of 1 goals passed") != std::string::npos);
  CHECK(report.find("fail users: p99 latency of served requests, 0:20–2:00: ") != std::string::npos);
}

TEST_CASE("lesson check: a solution that passes only the run the learner sees fails the hidden run") {
  json j = small_lesson();
  // Two workers pass at seed 3 (~60% busy); the hidden run takes one away for its last minute.
  j["solution"] = server_doc(2);
  j["hidden"]["fault"] = json::parse(R"({"at_s": 60, "action": "error_rate", "target": "c1", "value": 0.5})");
  j["goals"].push_back(json::parse(R"({"metric": "error_rate", "node": "users", "below": 1, "en": "No errors", "ko": "오류가 없습니다"})"));
  const lesson::Lesson l = load_ok(j);
  const lesson::CheckResult c = lesson::check_lesson(l, nullptr);
  const std::string report = lesson::check_report(c, l, false);
  INFO(report);
  CHECK(c.solution.all_passed());
  CHECK_FALSE(c.hidden.all_passed());
  CHECK_FALSE(c.passed());
  CHECK(report.find("  FAIL  hidden run (seed 9, error_rate c1 1:00)") != std::string::npos);
}

TEST_CASE("lesson check: a missing Korean (or English) text is reported by its path") {
  json j = small_lesson();
  j["steps"][0].erase("ko");
  j["steps"][1]["predict"]["choices"][1]["why"].erase("en");
  j["hints"][0].erase("ko");
  j["goals"][0].erase("ko");
  const lesson::Lesson l = load_ok(j);
  const lesson::CheckResult c = lesson::check_lesson(l, nullptr);
  CHECK(c.missing_texts ==
        std::vector<std::string>{"steps[0].ko", "steps[1].predict.choices[1].why.en", "hints[0].ko", "goals[0].ko"});
  CHECK_FALSE(c.passed());
  CHECK(lesson::check_report(c, l, false).find("  FAIL  translations: missing steps[0].ko, ") != std::string::npos);
}

TEST_CASE("lesson check: a fact that is not a row of AWS-FACTS.md is reported") {
  const lesson::Facts facts = lesson::parse_facts(
      "# Facts\n## ELB\n|fact|value|simulation meaning|source|\n|-|-|-|-|\n|NLB cross-zone|off by default|off default|[l3]|\n"
      "## SQS\n| fact | value |\n|---|---|\n| Visibility timeout | default 30 s |\n");
  CHECK(facts.has("ELB / NLB cross-zone"));
  CHECK(facts.has("SQS / Visibility timeout"));
  CHECK_FALSE(facts.has("ELB / ALB cross-zone"));
  CHECK_FALSE(facts.has("SQS / fact"));
  const lesson::Lesson l = load_ok(small_lesson());  // cites "EC2 / States"
  const lesson::CheckResult c = lesson::check_lesson(l, &facts);
  CHECK_FALSE(c.passed());
  CHECK(c.fact_problem_en == "fact.source \"EC2 / States\" is not a \"Section / Row\" of AWS-FACTS.md");
}

TEST_CASE("lesson: every lesson in lessons/ loads, and its Korean reads as an instructor's") {
  namespace fs = std::filesystem;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(std::string(CLOUDPLAY_SOURCE_DIR) + "/lessons")) {
    if (e.path().extension() != ".json") continue;
    ++n;
    const std::string file = "lessons/" + e.path().filename().string();
    INFO(file);
    lesson::LoadResult r = lesson::parse_lesson(test::read_source_file(file), e.path().stem().string());
    INFO(test::all_issues(r.errors));
    REQUIRE(r.ok());
    const lesson::Lesson& l = r.lesson;
    std::vector<std::string> ko = {l.title.ko, l.fact.text.ko, l.hidden.text.ko, l.start.story.ko};
    for (const auto& s : l.steps) {
      ko.push_back(s.text.ko);
      if (s.predict) {
        ko.push_back(s.predict->question.ko);
        for (const auto& c : s.predict->choices) ko.insert(ko.end(), {c.text.ko, c.why.ko});
      }
      if (s.compare) {
        ko.push_back(s.compare->text.ko);
        for (const auto& v : s.compare->variants) ko.push_back(v.label.ko);
      }
    }
    for (const auto& h : l.hints) ko.push_back(h.ko);
    for (const auto& g : l.goals) ko.push_back(g.ko);
    for (const auto& text : ko) {
      INFO(text);
      CHECK(test::korean_problems(text, true).empty());
    }
    CHECK(lesson::missing_translations(l).empty());
  }
  CHECK(n >= 8);
}

// The hidden run catches the fixes that only pass the run the learner sees: a group in
// two AZs survives use1-az1 but not use1-az2 as well; a Single-AZ database moved to
// use1-az2 survives use1-az1 but not use1-az2's failure; a right-sized tier of two fixed
// instances or an Auto Scaling group in one AZ loses use1-az1; FIFO workers all in
// use1-az1; a Lambda timeout with no room for a slow dependency; a one-node DAX cluster.
TEST_CASE("lesson check: a design that passes only the visible run of a shipped lesson fails its hidden run") {
  struct Case {
    const char* lesson;
    bool from_solution;  // change the solution (else the start)
    std::function<void(doc::Document&)> change;
  };
  auto params_of = [](const char* node, json params) {
    return [node, params](doc::Document& d) {
      for (auto& n : d.nodes)
        if (n.id == node) n.params.update(params);
    };
  };
  const std::vector<Case> cases = {
      {"auto-scaling-across-azs", false, params_of("web", {{"azs", "use1-az1,use1-az2"}})},
      {"rds-multi-az-vs-read-replica", false, params_of("db", {{"zone", 2}})},
      {"right-size-for-cost", false,
       params_of("web", {{"instance_type", "m5.large"}, {"min_size", 2}, {"desired", 2}, {"max_size", 2}})},
      {"auto-scaling-policies-cooldown", false,
       params_of("web", {{"policy", "target_tracking"}, {"target_cpu", 50}, {"warmup_s", 60}, {"azs", "use1-az1"}})},
      {"sqs-fifo-message-groups", false,
       [](doc::Document& d) {
         for (auto& c : d.connections)
           if (c.to == "ledger") c.params["message_group"] = "per_key";
         for (auto& n : d.nodes)
           if (n.type == "ec2") n.az = "use1-az1";
       }},
      {"lambda-cold-starts-timeouts", false, params_of("checkout", {{"timeout_s", 6}, {"provisioned_concurrency", 100}})},
      {"dynamodb-dax-hot-key", true, params_of("product-dax", {{"nodes", 1}})},
  };
  for (const auto& c : cases) {
    INFO(c.lesson);
    lesson::LoadResult r = lesson::parse_lesson(test::read_source_file(std::string("lessons/") + c.lesson + ".json"), c.lesson);
    INFO(test::all_issues(r.errors));
    REQUIRE(r.ok());
    doc::Document design = c.from_solution ? r.lesson.solution : r.lesson.start;
    const doc::Document before = design;
    c.change(design);
    REQUIRE_FALSE(design == before);
    const lesson::RunResult visible = lesson::run_document(design);
    CHECK(visible.all_passed());
    doc::LoadResult h = lesson::hidden_run_of(r.lesson, design);
    INFO(test::all_issues(h.errors));
    REQUIRE(h.ok());
    const lesson::RunResult hidden = lesson::run_document(h.document);
    CHECK_FALSE(hidden.all_passed());
  }
}
