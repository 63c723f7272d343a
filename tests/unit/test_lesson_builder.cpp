// The lesson builder's engine side (core/lesson/builder.h): from two designs and a few
// texts, the suggested goals (measured on the solution's run) make a lesson the checker
// passes; an id comes from a title; a draft missing parts says which.
#include <catch2/catch.hpp>

#include "core/lesson/builder.h"
#include "core/lesson/check.h"
#include "core/lesson/lesson_link.h"
#include "tests/unit/issue_text.h"
#include "tests/unit/source_files.h"

using namespace cp;

namespace {

lesson::Lesson shipped(const std::string& id) {
  lesson::LoadResult r = lesson::parse_lesson(test::read_source_file("lessons/" + id + ".json"), id);
  REQUIRE(r.ok());
  return r.lesson;
}

doc::Document no_goals(doc::Document d) {
  d.goals.clear();
  return d;
}

}  // namespace

TEST_CASE("lesson builder: goals suggested from the solution's run make a lesson the checker passes") {
  // A teacher's two designs: an Auto Scaling group in one AZ (use1-az1 fails at 3:00), then in three.
  const lesson::Lesson source = shipped("auto-scaling-across-azs");
  lesson::Lesson draft;
  draft.start = no_goals(source.start);
  draft.solution = no_goals(source.solution);
  draft.topic = "scaling";
  draft.title = {"Spread the group over AZs", "Auto Scaling 그룹을 여러 가용 영역에 펼치기"};
  draft.id = lesson::id_from_title(draft.title.en);
  draft.steps = {{{"use1-az1 fails at 3:00.", "3:00에 use1-az1에 장애가 납니다."}, std::nullopt}};
  draft.fact = {"Auto Scaling groups / AZ rebalancing", {"A group launches into its AZs.", "그룹은 지정한 가용 영역에서만 인스턴스를 시작합니다."}};

  const std::vector<lesson::GoalSuggestion> s = lesson::suggest_goals(draft.solution);
  REQUIRE(s.size() == 3);  // p99 and error rate at users, and the cost
  CHECK(s[0].goal.metric == "p99_ms");
  CHECK(s[0].goal.node == "users");
  CHECK(s[0].goal.from_s == 180);  // from the first fault
  CHECK(s[0].has_value);
  CHECK(s[0].goal.value >= s[0].measured * 1.5);
  CHECK(s[0].goal.value < s[0].measured * 1.5 + 10);
  CHECK(s[1].goal.metric == "error_rate");
  CHECK(s[1].goal.value >= 1);
  CHECK(s[2].goal.metric == "cost_per_month");
  CHECK(s[2].goal.op == doc::GoalOp::AtMost);
  for (const auto& g : s) CHECK((!g.goal.en.empty() && !g.goal.ko.empty()));
  std::printf("builder suggestions: p99 %.1f ms -> below %.0f; errors %.2f%% -> below %.0f%%; cost $%.2f -> at most $%.0f\n",
              s[0].measured, s[0].goal.value, s[1].measured, s[1].goal.value, s[2].measured, s[2].goal.value);

  draft.goals = {s[0].goal, s[1].goal};
  lesson::LoadResult r = lesson::finish_draft(draft);
  INFO(test::all_issues(r.errors));
  REQUIRE(r.ok());
  CHECK(r.lesson.id == "spread-the-group-over-azs");
  CHECK(r.lesson.hidden.fault_derived);  // the teacher named no hidden run: the loader's default
  const lesson::CheckResult c = lesson::check_lesson(r.lesson, nullptr);
  INFO(lesson::check_report(c, r.lesson, false));
  CHECK(c.start_fails());
  CHECK(c.solution.all_passed());
  CHECK(c.hidden.all_passed());
  CHECK(c.passed());

  // It travels in a link and comes back the same.
  lesson::LoadResult back = lesson::decode_lesson_fragment(lesson::encode_lesson_fragment(r.lesson));
  REQUIRE(back.ok());
  CHECK(lesson::to_json(back.lesson) == lesson::to_json(r.lesson));
}

TEST_CASE("lesson builder: a draft without a title, steps' Korean or a solution says what is missing") {
  const lesson::Lesson source = shipped("auto-scaling-across-azs");
  lesson::Lesson draft;
  draft.start = no_goals(source.start);
  draft.topic = "scaling";
  draft.id = lesson::id_from_title("");
  CHECK(draft.id == "lesson");
  draft.steps = {{{"Only English.", ""}, std::nullopt}};
  lesson::LoadResult r = lesson::finish_draft(draft);
  REQUIRE_FALSE(r.ok());
  const std::string all = test::all_issues(r.errors);
  CHECK(all.find("solution") != std::string::npos);
  CHECK(lesson::id_from_title("ALB vs NLB: latency!") == "alb-vs-nlb-latency");
  CHECK(lesson::id_from_title("가용 영역") == "lesson");
}
